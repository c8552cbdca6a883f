//! Which words attribute a quotation: the speech verb that governs it in the parse, an
//! attribution standing right after or before it (`"...," he said.` / `She said: "..."`), a
//! clause introducing it with a colon, or "according to".

use super::article::Article;
use super::lexicon;
use super::marks::QuoteSpan;
use std::ops::Range;

/// How far up the tree from a quotation a governing speech verb may be.
const MAX_CLIMB: usize = 16;
/// How many tokens after a quotation an attribution may start (`," the foreign minister of
/// Ukraine said`).
const MAX_TRAILING: usize = 10;

/// A speech cue and the head of the phrase naming its speaker.
#[derive(Debug, Clone, Copy)]
pub struct Cue {
    /// The speech verb, or "according".
    pub token: usize,
    /// Head of the phrase naming the speaker.
    pub subject: usize,
    /// Which rule found the cue.
    pub how: &'static str,
}

impl Article<'_> {
    /// Tokens that overlap a byte range.
    pub fn tokens_in(&self, bytes: &Range<usize>) -> Range<usize> {
        let toks = &self.doc.tokens;
        let lo = toks.partition_point(|t| t.end <= bytes.start);
        let hi = toks.partition_point(|t| t.start < bytes.end);
        lo..hi.max(lo)
    }

    /// The cue of a quotation. `allowed` says which tokens may hold the cue (outside all
    /// quotations for a top-level quotation; inside the outer one for a nested quotation).
    pub fn cue(&self, q: &QuoteSpan, allowed: &dyn Fn(usize) -> bool) -> Option<Cue> {
        self.governing_cue(q, allowed)
            .or_else(|| self.trailing_cue(q, allowed))
            .or_else(|| self.leading_cue(q, allowed))
    }

    fn is_cue(&self, i: usize) -> bool {
        self.is_verb(i) && lexicon::is_speech_verb(&self.lemma(i))
    }

    /// The nearest speech verb above the quotation in the parse, or a clause above it carrying
    /// "according to".
    fn governing_cue(&self, q: &QuoteSpan, allowed: &dyn Fn(usize) -> bool) -> Option<Cue> {
        let inside = self.tokens_in(&q.content);
        let whole_sentence = self.doc.text[q.content.clone()].ends_with(['.', '!', '?', '…']);
        let mut best: Option<(usize, Cue)> = None;
        for t in inside.clone() {
            let h = self.head(t);
            if h == t || !inside.contains(&h) {
                // The quotation's own clause may carry the source: `"holding", according to X`.
                let source = self
                    .according_below(t)
                    .filter(|c| !inside.contains(&c.token) && allowed(c.token));
                if let Some(cue) = source {
                    best.get_or_insert((0, cue));
                }
            }
            if h == t || inside.contains(&h) {
                continue;
            }
            let mut a = h;
            for steps in 0..MAX_CLIMB {
                // The chain may pass through another quotation ("X" and being "Y") but a verb
                // inside one is quoted speech, not attribution.
                let reported_clause = steps == 0 && matches!(self.dep(t), "ccomp" | "parataxis");
                let weak = !reported_clause && lexicon::is_weak_speech_verb(&self.lemma(a));
                let found = if !allowed(a) {
                    None
                } else if self.is_cue(a) && !weak {
                    self.subject_of(a, Some(q)).map(|s| Cue {
                        token: a,
                        subject: s,
                        how: "speech-verb",
                    })
                } else {
                    self.according_below(a)
                };
                // An attribution does not reach across a paragraph break, and a whole quoted
                // sentence is not the object of a verb that reports a clause of its own (a parse
                // joining `"X." Putin said on Friday that Y`).
                let found = found.filter(|c| {
                    let across = self.break_between(c.token, &inside);
                    let other_clause =
                        whole_sentence && self.reports_other_clause(c.token, &inside);
                    let introduces_next =
                        c.token >= inside.end && self.introduces_quotation(c.token);
                    !(across || other_clause || introduces_next)
                });
                if let Some(cue) = found {
                    if best.as_ref().is_none_or(|(s, _)| steps < *s) {
                        best = Some((steps, cue));
                    }
                    break;
                }
                let up = self.head(a);
                // A clause conjoined to the speech verb's, with a subject of its own, is a
                // separate statement ("Moscow calls it X, and officials staged a "vote""): its
                // quotation is not the speech verb's.
                let own_subject = self
                    .kids(a, "nsubj")
                    .chain(self.kids(a, "nsubjpass"))
                    .next()
                    .is_some();
                if up == a || (self.dep(a) == "conj" && own_subject && self.is_cue(up)) {
                    break;
                }
                a = up;
            }
        }
        best.map(|(_, c)| c)
    }

    /// Whether speech verb `v` introduces a quotation after it with a colon (`Asked "...?", he
    /// replied: "No."`): that quotation is its own, not one before it.
    fn introduces_quotation(&self, v: usize) -> bool {
        let rest = v + 1..self.doc.tokens.len();
        let mut colon = false;
        for i in rest {
            if self.is_break(i) || self.is_terminator(i) {
                return false;
            }
            if self.mark[i] {
                return colon;
            }
            colon = self.text(i) == ":" || (colon && self.text(i).trim().is_empty());
        }
        false
    }

    /// Whether speech verb `v` has a reported clause outside the tokens `quote`.
    fn reports_other_clause(&self, v: usize, quote: &Range<usize>) -> bool {
        self.kids(v, "ccomp").any(|c| !quote.contains(&c))
    }

    /// Whether a paragraph break lies between token `t` and the tokens `span`.
    fn break_between(&self, t: usize, span: &Range<usize>) -> bool {
        let between = if t < span.start {
            t..span.start
        } else {
            span.end..t
        };
        between.into_iter().any(|i| self.is_break(i))
    }

    /// "according to X" attached to clause `a`.
    fn according_below(&self, a: usize) -> Option<Cue> {
        let acc = self.children[a]
            .iter()
            .copied()
            .find(|&c| lexicon::is_according(&self.lower(c)))?;
        let source = self
            .kids(acc, "prep")
            .find_map(|to| self.kids(to, "pobj").next())?;
        Some(Cue {
            token: acc,
            subject: source,
            how: "according-to",
        })
    }

    /// The speaker of speech verb `v`: its subject; for a participle or conjoined verb ("...,
    /// adding", "and said"), the subject of the verb it hangs from; for a relative clause
    /// ("Zelensky, who said"), the noun it modifies; after a quotation, an inverted subject
    /// (`"...," said the minister`).
    pub fn subject_of(&self, v: usize, quote: Option<&QuoteSpan>) -> Option<usize> {
        let own = |v: usize, passive_ok: bool| {
            self.children[v].iter().copied().find(|&c| {
                let d = self.dep(c);
                d == "nsubj"
                    || (passive_ok && d == "nsubjpass")
                    || (d == "nsubjpass" && self.lemma(v) == "quote")
            })
        };
        if matches!(self.lemma(v).as_str(), "quote" | "cite") {
            // "RIA quoted Peskov as saying": the one quoted speaks, not the outlet.
            if let Some(o) = self.kids(v, "dobj").next() {
                return Some(o);
            }
        }
        if let Some(s) = own(v, false) {
            // "Zelensky, who said ...": the relative pronoun stands for the noun it modifies.
            let relative = matches!(self.doc.tokens[s].tag.as_str(), "WP" | "WDT");
            if relative && self.dep(v) == "relcl" {
                return Some(self.head(v));
            }
            return Some(s);
        }
        if let Some(agent) = self.kids(v, "agent").next() {
            if let Some(o) = self.kids(agent, "pobj").next() {
                return Some(o);
            }
        }
        if let Some(q) = quote {
            if let Some(s) = self.inverted_subject(v, q) {
                return Some(s);
            }
        }
        let mut cur = v;
        for _ in 0..4 {
            match self.dep(cur) {
                "conj" | "advcl" | "xcomp" | "pcomp" => {
                    let up = self.head(cur);
                    if up == cur {
                        return None;
                    }
                    if let Some(s) = own(up, true) {
                        return Some(s);
                    }
                    cur = up;
                }
                "relcl" => return Some(self.head(cur)),
                _ => return None,
            }
        }
        None
    }

    /// `"...," said Zelensky`: a noun right after a speech verb that follows the quotation.
    fn inverted_subject(&self, v: usize, q: &QuoteSpan) -> Option<usize> {
        let close = q.close.as_ref()?;
        let after = self.tokens_in(&(close.end..self.doc.text.len())).start;
        if v < after || (after..v).any(|i| !self.is_punct_or_space(i)) {
            return None;
        }
        if matches!(
            self.lemma(v).as_str(),
            "tell" | "ask" | "urge" | "thank" | "call" | "accuse" | "inform"
        ) {
            return None; // their object is the one spoken to
        }
        let next = (v + 1..self.doc.tokens.len())
            .take(4)
            .find(|&i| !self.is_punct_or_space(i))?;
        let t = &self.doc.tokens[next];
        let nominal = matches!(t.pos.as_str(), "PROPN" | "NOUN" | "PRON" | "DET" | "ADJ")
            || t.tag.starts_with("NN");
        if !nominal {
            return None;
        }
        // The phrase starting there: climb to its head while it stays after the verb.
        let mut h = next;
        while self.head(h) != h
            && self.head(h) > v
            && self.head(h) != v
            && !self.is_verb(self.head(h))
        {
            h = self.head(h);
        }
        if self.head(h) == v
            || matches!(
                self.dep(h),
                "nsubj" | "dobj" | "attr" | "npadvmod" | "appos" | "dep"
            )
        {
            Some(h)
        } else {
            None
        }
    }

    /// A bare attribution right after the quotation: `," the minister said.`, `" Trump wrote
    /// on social media.` (found by position, for parses that split the sentence at the mark).
    /// The attribution starts right after the mark, with its subject or its verb; after a
    /// quotation closed by a full stop, a verb with a clause of its own starts new reported
    /// speech (`." She said the gunman ...`), not an attribution.
    fn trailing_cue(&self, q: &QuoteSpan, allowed: &dyn Fn(usize) -> bool) -> Option<Cue> {
        let close = q.close.as_ref()?;
        let start = self.tokens_in(&(close.end..self.doc.text.len())).start;
        let first = (start..self.doc.tokens.len())
            .find(|&i| !self.is_punct_or_space(i) || self.is_break(i) || self.is_terminator(i))?;
        if self.is_break(first) || self.is_terminator(first) {
            return None; // the sentence ends with the quotation
        }
        let sentence_closed = self.doc.text[q.content.clone()].ends_with(['.', '…']);
        for i in first..self.doc.tokens.len().min(first + MAX_TRAILING) {
            if self.is_break(i) || !allowed(i) || self.mark[i] || self.is_terminator(i) {
                break;
            }
            if !self.is_cue(i) {
                continue;
            }
            let subject = self.subject_of(i, Some(q))?;
            if self.introduces_quotation(i) {
                return None;
            }
            let starts_here = i == first || self.phrase(subject).start == first;
            let own_clause = self.kids(i, "ccomp").next().is_some();
            if !starts_here || (sentence_closed && own_clause) {
                return None;
            }
            return Some(Cue {
                token: i,
                subject,
                how: "attribution-after",
            });
        }
        None
    }

    /// An attribution that introduces the quotation: `She said: "..."`, `He added, "..."`, or a
    /// clause ending in a colon whose subject speaks (`His chief of staff wrote in a post:`).
    fn leading_cue(&self, q: &QuoteSpan, allowed: &dyn Fn(usize) -> bool) -> Option<Cue> {
        let before = self.tokens_in(&(0..q.open.start));
        let mut i = before.end;
        while i > 0 && self.text(i - 1).trim().is_empty() {
            i -= 1;
        }
        let last = i.checked_sub(1)?;
        if self.is_break(last) || !allowed(last) {
            return None;
        }
        let introduces = matches!(self.text(last), ":" | "," | "that") || self.is_cue(last);
        if !introduces {
            return None;
        }
        let mut k = last + 1;
        let mut region_start = last;
        while k > 0 {
            k -= 1;
            if self.is_break(k)
                || self.is_terminator(k)
                || !allowed(k)
                || (self.mark[k] && k != last)
            {
                break;
            }
            region_start = k;
            if self.is_cue(k) {
                if let Some(s) = self.subject_of(k, None) {
                    return Some(Cue {
                        token: k,
                        subject: s,
                        how: "attribution-before",
                    });
                }
            }
        }
        if self.text(last) == ":" {
            // A headline's `Zelensky: "..."`: the name alone before the colon.
            let words: Vec<usize> = (region_start..last)
                .filter(|&w| !self.is_punct_or_space(w))
                .collect();
            let named = words.first().and_then(|&w| self.entity_of[w]);
            if named.is_some() && words.iter().all(|&w| self.entity_of[w] == named) {
                let head = self
                    .mentions
                    .iter()
                    .find(|m| m.tokens.contains(&words[0]))?
                    .head;
                return Some(Cue {
                    token: last,
                    subject: head,
                    how: "headline-colon",
                });
            }
            let v = self.head(last);
            if v != last && allowed(v) && (self.is_verb(v) || self.doc.tokens[v].pos == "AUX") {
                let s = self.subject_of(v, None)?;
                return Some(Cue {
                    token: v,
                    subject: s,
                    how: "colon",
                });
            }
        }
        None
    }

    /// A sentence that introduces the quotation that follows it: its speech verb's subject
    /// (`Zelensky addressed the nation on Sunday. "We will not give up."`).
    pub fn lead_in_cue(&self, q: &QuoteSpan) -> Option<Cue> {
        let first = self.tokens_in(&q.open).start;
        let mut k = first;
        while k > 0 && (self.text(k - 1).trim().is_empty() || self.is_break(k - 1)) {
            k -= 1;
        }
        let end = k.checked_sub(1)?;
        if !self.is_terminator(end) && self.text(end) != ":" {
            return None;
        }
        let mut i = end;
        while i > 0 {
            i -= 1;
            if self.quoted[i] || self.mark[i] {
                return None; // the sentence quotes someone itself
            }
            if self.is_terminator(i) || self.is_break(i) {
                break;
            }
            if self.is_cue(i) {
                if let Some(s) = self.subject_of(i, None) {
                    return Some(Cue {
                        token: i,
                        subject: s,
                        how: "lead-in",
                    });
                }
            }
        }
        None
    }
}
