//! Indirect speech: a clause reported by a speech verb ("Zelensky said that Russia ...", "Kyiv
//! will respond, the minister said") or by "according to", without quotation marks.

use super::article::Article;
use super::lexicon;
use std::ops::Range;

/// One stretch of reported speech.
#[derive(Debug, Clone)]
pub struct Reported {
    /// The reported clause's tokens, without the complementiser ("that") and edge punctuation.
    pub tokens: Range<usize>,
    /// The speech verb, or "according".
    pub cue: usize,
    /// Head of the speaker phrase, if the cue has one.
    pub subject: Option<usize>,
}

impl Article<'_> {
    /// Every reported clause of the article outside quotations, in text order.
    pub fn reported_speech(&self) -> Vec<Reported> {
        let mut out = Vec::new();
        for v in 0..self.doc.tokens.len() {
            if self.quoted[v] || self.mark[v] {
                continue;
            }
            if self.is_verb(v) && lexicon::is_reporting_verb(&self.lemma(v)) {
                for c in self.kids(v, "ccomp").collect::<Vec<_>>() {
                    let sub = self.subtree(c);
                    if let Some(tokens) = self.clause(&sub) {
                        out.push(Reported {
                            tokens,
                            cue: v,
                            subject: self.subject_of(v, None),
                        });
                    }
                }
            } else if lexicon::is_according(&self.lower(v)) && self.head(v) != v {
                let clause_head = self.head(v);
                let source = self
                    .kids(v, "prep")
                    .find_map(|to| self.kids(to, "pobj").next());
                let said = self.subtree(clause_head);
                let acc = self.subtree(v);
                let (lo, hi) = (acc[0], acc[acc.len() - 1]);
                let side: Vec<usize> = if said[0] < lo {
                    said.into_iter().filter(|&i| i < lo).collect()
                } else {
                    said.into_iter().filter(|&i| i > hi).collect()
                };
                if let Some(tokens) = self.clause(&side) {
                    out.push(Reported {
                        tokens,
                        cue: v,
                        subject: source,
                    });
                }
            }
        }
        out.sort_by_key(|r| r.tokens.start);
        out
    }

    /// The contiguous clause covering `tokens`, trimmed; `None` when it is mostly a direct
    /// quotation (that is a quote, not reported speech) or too short to report anything.
    fn clause(&self, tokens: &[usize]) -> Option<Range<usize>> {
        let (&first, &last) = (tokens.first()?, tokens.last()?);
        let mut lo = first;
        let mut hi = last + 1;
        let complementiser = |i: usize| self.lower(i) == "that" && self.dep(i) != "nsubj";
        while lo < hi && (self.is_edge(lo) || complementiser(lo)) {
            lo += 1;
        }
        let conjunction = |i: usize| self.dep(i) == "cc";
        while hi > lo && (self.is_edge(hi - 1) || conjunction(hi - 1)) {
            hi -= 1;
        }
        // Keep a quotation inside the clause whole: `had been "useful but difficult"`.
        while hi < self.doc.tokens.len()
            && (lo..hi).filter(|&i| self.mark[i]).count() % 2 == 1
            && self.mark[hi]
        {
            hi += 1;
        }
        let words = (lo..hi).filter(|&i| !self.is_edge(i)).count();
        let quoted = (lo..hi).filter(|&i| self.quoted[i]).count();
        (words >= 2 && quoted * 2 <= words).then_some(lo..hi)
    }

    fn is_edge(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        t.pos == "PUNCT" || t.pos == "SPACE" || self.text(i).trim().is_empty()
    }
}
