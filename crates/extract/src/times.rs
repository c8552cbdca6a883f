//! Temporal expressions: found in the text, typed as TIMEX3 (`DATE`, `TIME`, `DURATION`, `SET`)
//! and resolved against the publication date or the narrative.
//!
//! - Absolute dates resolve on their own (`13 April 2025`, `2025-04-13`); a month and day without
//!   a year take the year the paragraph established, else the occurrence the tense picks.
//! - Deictic expressions count from the publication date (`yesterday`, `last week`, `three days ago`).
//! - Bare weekdays and months look back from the publication date unless their clause looks
//!   ahead (`will meet on Thursday`, `is expected to resume in June`); see [`tense`].
//! - Narrative expressions count from the last date the text established (`that morning`, `the
//!   following week`, `less than two weeks later`).
//!
//! Every expression keeps the grammar rule that found it and the value it was counted from.
//! Events find their date with [`time_for`] (the expression attached to a verb) or [`time_at`]
//! (the first one inside a stretch of text).

mod calendar;
mod grammar;
mod lexicon;
mod resolve;
mod tense;
mod tokens;

use crate::analysis::{TimeExpr, TimexMod, TimexType};
use chrono::NaiveDate;
use grammar::Mod;
use resolve::{Context, Type};
use sitrep_nlp::Doc;

/// Finds and resolves every temporal expression of `doc`, in text order.
///
/// `published` anchors relative expressions; without it they keep `value: None`, and a month and
/// day without a year resolve only when the paragraph states the year (else `XXXX-04-13`).
pub fn extract(doc: &Doc, published: Option<NaiveDate>) -> Vec<TimeExpr> {
    let mut context = Context::new(published);
    let mut previous_end = None;
    grammar::scan(doc)
        .into_iter()
        .map(|f| {
            let dir = tense::direction(doc, f.start, f.end);
            let between = previous_end.map(|e: usize| doc.text[e..f.start].trim());
            let linked = between.is_some_and(|b| matches!(b, "and" | "to" | "until" | "till" | "through" | "-" | "–" | "or"));
            previous_end = Some(f.end);
            let r = context.resolve(&f, dir, linked);
            TimeExpr {
                text: doc.text[f.start..f.end].to_string(),
                start: doc.char_offset(f.start),
                end: doc.char_offset(f.end),
                value: r.value,
                timex_type: match r.kind {
                    Type::Date => TimexType::Date,
                    Type::Time => TimexType::Time,
                    Type::Duration => TimexType::Duration,
                    Type::Set => TimexType::Set,
                },
                modifier: r.modifier.map(|m| match m {
                    Mod::Start => TimexMod::Start,
                    Mod::Mid => TimexMod::Mid,
                    Mod::End => TimexMod::End,
                    Mod::Approx => TimexMod::Approx,
                    Mod::LessThan => TimexMod::LessThan,
                    Mod::MoreThan => TimexMod::MoreThan,
                    Mod::EqualOrMore => TimexMod::EqualOrMore,
                    Mod::EqualOrLess => TimexMod::EqualOrLess,
                }),
                range_end: r.range_end,
                anchor: r.anchor,
                rule: f.rule.to_string(),
            }
        })
        .collect()
}

/// Whether a time expression can date an event: a `DATE` or `TIME` with a calendar value.
pub fn dates_event(t: &TimeExpr) -> bool {
    matches!(t.timex_type, TimexType::Date | TimexType::Time)
        && t.value.as_deref().is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
}

/// The first expression that can date an event (see [`dates_event`]) lying wholly inside the
/// character range `char_start..char_end` (a clause, a sentence).
pub fn time_at(times: &[TimeExpr], char_start: usize, char_end: usize) -> Option<&TimeExpr> {
    times.iter().find(|t| t.start >= char_start && t.end <= char_end && dates_event(t))
}

/// The expression that dates the event of verb token `verb`: among the expressions in its
/// subtree that can date an event, the first whose nearest governing verb is `verb` itself
/// (so `said Sunday that the strike on Friday killed ...` gives Friday to `killed`, Sunday to
/// `said`), else `None`.
pub fn time_for<'a>(doc: &Doc, times: &'a [TimeExpr], verb: usize) -> Option<&'a TimeExpr> {
    if verb >= doc.tokens.len() {
        return None;
    }
    let subtree = doc.subtree(verb);
    times.iter().filter(|t| dates_event(t)).find(|t| {
        let inside: Vec<usize> =
            subtree.iter().copied().filter(|&k| char_span(doc, k).0 >= t.start && char_span(doc, k).1 <= t.end).collect();
        let Some(&head) = inside.iter().find(|&&k| !inside.contains(&doc.tokens[k].head) || doc.tokens[k].head == k) else {
            return false;
        };
        governing_verb(doc, head) == Some(verb)
    })
}

/// Character offsets of token `k`.
fn char_span(doc: &Doc, k: usize) -> (usize, usize) {
    let t = &doc.tokens[k];
    (doc.char_offset(t.start), doc.char_offset(t.end))
}

/// The nearest verb above token `k` in the parse.
fn governing_verb(doc: &Doc, k: usize) -> Option<usize> {
    doc.ancestors(k).into_iter().find(|&a| {
        let t = &doc.tokens[a];
        t.pos == "VERB" || (t.pos == "AUX" && !matches!(t.dep.as_str(), "aux" | "auxpass"))
    })
}
