//! Quotations and their speakers: who said what, with the speaker as an entity of the article.
//!
//! Quotations come from the raw text's quotation marks (module `marks`): straight, curly and
//! single marks, nested quotations, quotations over several paragraphs, and garbled marks from
//! scraped and translated text. A single quoted word in running text is kept and flagged as
//! scare quotes.
//!
//! Speakers come from the parse: the subject of the speech verb that governs the quotation, or
//! of an attribution standing right before or after it, or of a clause introducing it with a
//! colon, or the source in "according to". A quotation with no attribution of its own continues
//! the quotation just before it (`"X," he said. "Y."`) or takes the speaker of a sentence that
//! introduces it. The speaker phrase is then resolved to an entity of the article: a mention of
//! a name, an apposition, a pronoun or definite description by roles and recency, a spokesperson
//! to the one it speaks for. When none of this finds an entity, the speaker is `None`.
//!
//! Indirect speech ("Zelensky said that ...") is reported separately by [`extract_reported`].

mod article;
mod attribution;
mod lexicon;
mod marks;
mod reported;
mod speaker;

use crate::analysis::{Entity, Mention, Quote, QuoteKind};
use article::Article;
use attribution::Cue;
use marks::QuoteSpan;
use sitrep_nlp::Doc;
use std::ops::Range;

/// Gap between two quotations, in characters, beyond which the second does not continue the
/// first.
const MAX_CONTINUATION_GAP: usize = 400;

/// Every quotation of the article with its speaker, in text order.
///
/// `entities` are the article's resolved entities (with mention offsets): a speaker is always
/// one of them, named by its canonical `name`.
pub fn extract(doc: &Doc, entities: &[Entity]) -> Vec<Quote> {
    let spans = marks::find(&doc.text);
    let kinds: Vec<QuoteKind> = spans.iter().map(|q| kind_of(&doc.text, q)).collect();
    let speech: Vec<bool> = kinds.iter().map(|&k| k == QuoteKind::Direct).collect();
    let article = Article::new(doc, entities, &spans, &speech);
    let found = attribute_all(&article, &spans, &kinds);
    spans
        .iter()
        .zip(kinds)
        .zip(found)
        .map(|((q, kind), f)| {
            let f = f.unwrap_or_else(Found::nobody);
            Quote {
                text: doc.text[q.content.clone()].to_string(),
                start: doc.char_offset(q.content.start),
                end: doc.char_offset(q.content.end),
                speaker: f.entity.map(|e| entities[e].name.clone()),
                kind,
                nested: q.depth > 0,
                speaker_mention: f.mention.map(|m| token_mention(doc, m)),
                cue: f.cue.map(|c| token_mention(doc, c..c + 1)),
                rule: f.rule,
            }
        })
        .collect()
}

/// Indirect speech of the article ("Zelensky said that ..."), `kind` [`QuoteKind::Indirect`],
/// `text` the reported clause, with its speaker as in [`extract`].
pub fn extract_reported(doc: &Doc, entities: &[Entity]) -> Vec<Quote> {
    let spans = marks::find(&doc.text);
    let speech: Vec<bool> = spans
        .iter()
        .map(|q| kind_of(&doc.text, q) == QuoteKind::Direct)
        .collect();
    let article = Article::new(doc, entities, &spans, &speech);
    article
        .reported_speech()
        .into_iter()
        .map(|r| {
            let f = match r.subject {
                Some(s) => article.attribute(Cue {
                    token: r.cue,
                    subject: s,
                    how: "reporting-verb",
                }),
                None => Found::nobody(),
            };
            let bytes = doc.tokens[r.tokens.start].start..doc.tokens[r.tokens.end - 1].end;
            Quote {
                text: doc.text[bytes.clone()].to_string(),
                start: doc.char_offset(bytes.start),
                end: doc.char_offset(bytes.end),
                speaker: f.entity.map(|e| entities[e].name.clone()),
                kind: QuoteKind::Indirect,
                nested: false,
                speaker_mention: f.mention.map(|m| token_mention(doc, m)),
                cue: Some(token_mention(doc, r.cue..r.cue + 1)),
                rule: f.rule,
            }
        })
        .collect()
}

/// A single word in quotation marks, inside running text, is scare quotes (or a one-word
/// partial quote: `would "love" to`); a word said on its own (`"No," he said.`, `replied:
/// "Never"`) and anything longer is a direct quotation.
fn kind_of(text: &str, q: &QuoteSpan) -> QuoteKind {
    let content = &text[q.content.clone()];
    let core = content.trim_matches(|c: char| !c.is_alphanumeric());
    let one_word = !core.is_empty() && !core.contains(char::is_whitespace);
    let uttered = content.ends_with(['.', ',', '!', '?', '…']);
    let introduced = text[..q.open.start].trim_end().ends_with(':');
    if one_word && !uttered && !introduced {
        QuoteKind::Scare
    } else {
        QuoteKind::Direct
    }
}

fn token_mention(doc: &Doc, tokens: Range<usize>) -> Mention {
    let bytes = doc.tokens[tokens.start].start..doc.tokens[tokens.end - 1].end;
    Mention {
        start: doc.char_offset(bytes.start),
        end: doc.char_offset(bytes.end),
        text: doc.text[bytes].to_string(),
    }
}

/// The attribution of one quotation.
#[derive(Debug, Clone)]
struct Found {
    entity: Option<usize>,
    mention: Option<Range<usize>>,
    cue: Option<usize>,
    rule: String,
}

impl Found {
    fn nobody() -> Found {
        Found {
            entity: None,
            mention: None,
            cue: None,
            rule: "unattributed".to_string(),
        }
    }

    fn inherited(&self, how: &str) -> Found {
        let base = self
            .rule
            .split_once('+')
            .map_or(self.rule.as_str(), |(_, r)| r);
        Found {
            rule: format!("{how}+{base}"),
            ..self.clone()
        }
    }
}

impl Article<'_> {
    fn attribute(&self, cue: Cue) -> Found {
        let s = cue.subject;
        let r = self.resolve(s);
        let mut mention = self.phrase(s);
        if r.how == "apposition" {
            for a in self.kids(s, "appos") {
                let p = self.phrase(a);
                mention = mention.start.min(p.start)..mention.end.max(p.end);
            }
        }
        Found {
            entity: r.entity,
            mention: Some(mention),
            cue: Some(cue.token),
            rule: format!("{}+{}", cue.how, r.how),
        }
    }

    /// Whether quotation `q` continues `p`: at most the rest of `p`'s sentence (its
    /// attribution) and one paragraph break lie between them.
    fn continues(&self, p: &QuoteSpan, q: &QuoteSpan) -> bool {
        let from = p.close.as_ref().map_or(p.content.end, |c| c.end);
        if q.open.start < from
            || self.doc.char_offset(q.open.start) - self.doc.char_offset(from)
                > MAX_CONTINUATION_GAP
        {
            return false;
        }
        let gap = self.tokens_in(&(from..q.open.start));
        let terminators: Vec<usize> = gap.clone().filter(|&i| self.is_terminator(i)).collect();
        let breaks = gap.filter(|&i| self.is_break(i)).count();
        // `q` must open its sentence: nothing but space after the gap's full stop (or after
        // `p`, when `p` ended its own sentence: `"X." "Y."`).
        let sentence_start = terminators.last().map_or(from, |&t| self.doc.tokens[t].end);
        let opens_sentence = self.doc.text[sentence_start..q.open.start]
            .chars()
            .all(|c| !c.is_alphanumeric());
        terminators.len() <= 1 && breaks <= 1 && opens_sentence
    }

    /// Whether only punctuation and space separate quotation `q` from the next one, `n` (also
    /// when `q` was never closed: `"First sentence. "Second sentence," she said.`).
    fn runs_into(&self, q: &QuoteSpan, n: &QuoteSpan) -> bool {
        let end = q.close.as_ref().map_or(q.content.end, |c| c.end);
        n.open.start >= end
            && self.doc.text[end..n.open.start]
                .chars()
                .all(|c| !c.is_alphanumeric())
    }
}

/// Attributes every quotation: top-level ones by their own cues, then continuations and
/// lead-ins, then nested quotations inside their outer quotation.
fn attribute_all(
    article: &Article,
    spans: &[QuoteSpan],
    kinds: &[QuoteKind],
) -> Vec<Option<Found>> {
    let mut found: Vec<Option<Found>> = vec![None; spans.len()];
    let outside = |t: usize| !article.quoted[t];
    for (i, q) in spans.iter().enumerate() {
        if q.depth > 0 {
            continue;
        }
        let cue = match kinds[i] {
            // A single word in quotation marks gets a speaker only from a verb that governs it.
            QuoteKind::Scare => article
                .cue(q, &outside)
                .filter(|c| c.how == "speech-verb" || c.how == "according-to"),
            _ => article.cue(q, &outside),
        };
        found[i] = cue.map(|c| article.attribute(c));
    }
    let tops: Vec<usize> = (0..spans.len())
        .filter(|&i| spans[i].depth == 0 && kinds[i] == QuoteKind::Direct)
        .collect();
    for k in 0..tops.len() {
        let i = tops[k];
        if found[i].is_some() {
            continue;
        }
        if k > 0 {
            let p = tops[k - 1];
            if spans[p].continues || article.continues(&spans[p], &spans[i]) {
                if let Some(f) = &found[p] {
                    found[i] = Some(f.inherited("continues-quote"));
                    continue;
                }
            }
        }
        if let Some(c) = article.lead_in_cue(&spans[i]) {
            found[i] = Some(article.attribute(c));
        }
    }
    for k in (0..tops.len().saturating_sub(1)).rev() {
        let (i, n) = (tops[k], tops[k + 1]);
        if found[i].is_none() && (spans[i].continues || article.runs_into(&spans[i], &spans[n])) {
            found[i] = found[n].as_ref().map(|f| f.inherited("continued-by-quote"));
        }
    }
    for (i, q) in spans.iter().enumerate() {
        if q.depth == 0 {
            continue;
        }
        let contains = |o: &usize| {
            let c = &spans[*o].content;
            spans[*o].depth + 1 == q.depth && c.start <= q.content.start && q.content.end <= c.end
        };
        let Some(o) = (0..spans.len()).rfind(contains) else {
            continue;
        };
        let outer = article.tokens_in(&spans[o].content);
        let own = article.tokens_in(&q.content);
        let within = |t: usize| outer.contains(&t) && !own.contains(&t);
        let named = article
            .cue(q, &within)
            .map(|c| article.attribute(c))
            .filter(|f| {
                f.entity.is_some() && (f.rule.ends_with("+name") || f.rule.ends_with("+apposition"))
            });
        found[i] = named
            .map(|f| f.inherited("speech-verb-in-quote"))
            .or_else(|| found[o].as_ref().map(|f| f.inherited("quoting-speaker")));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_parse_quotations_are_found_with_no_speaker() {
        let doc = Doc::new(
            "\"We will win,\" she said. 'Never,' he replied. A \"peace\" deal.".to_string(),
            vec![],
            vec![],
            vec![],
        );
        let quotes = extract(&doc, &[]);
        let texts: Vec<&str> = quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["We will win,", "Never,", "peace"]);
        assert_eq!(quotes[2].kind, QuoteKind::Scare);
        assert!(quotes
            .iter()
            .all(|q| q.speaker.is_none() && q.rule == "unattributed"));
        assert_eq!(quotes[1].kind, QuoteKind::Direct, "a word said on its own");
        assert!(extract_reported(&doc, &[]).is_empty());
    }
}
