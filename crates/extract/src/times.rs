//! Temporal expressions: found in the text, typed as TIMEX3 (`DATE`, `TIME`, `DURATION`, `SET`)
//! and resolved against the publication date or the narrative.
//!
//! - Absolute dates resolve on their own (`13 April 2025`, `2025-04-13`); a month and day without
//!   a year take the year the paragraph established, else the occurrence the tense picks.
//! - Deictic expressions count from the publication date (`yesterday`, `last week`, `three days ago`).
//! - Bare weekdays and months look back from the publication date unless their clause looks
//!   ahead (`will meet on Thursday`, `is expected to resume in June`); see the `tense` module.
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

use crate::analysis::{TimeExpr, TimexType};
use chrono::NaiveDate;
use resolve::Context;
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
            let linked = between.is_some_and(|b| {
                matches!(
                    b,
                    "and" | "to" | "until" | "till" | "through" | "-" | "–" | "or"
                )
            });
            previous_end = Some(f.end);
            let r = context.resolve(&f, dir, linked);
            TimeExpr {
                text: doc.text[f.start..f.end].to_string(),
                start: doc.char_offset(f.start),
                end: doc.char_offset(f.end),
                value: r.value,
                timex_type: r.kind,
                modifier: r.modifier,
                range_end: r.range_end,
                anchor: r.anchor,
                // `in two weeks` is found as a duration and resolved as a date when it looks ahead
                rule: if f.rule == "duration" && r.kind == TimexType::Date {
                    "in-offset"
                } else {
                    f.rule
                }
                .to_string(),
            }
        })
        .collect()
}

/// Whether a time expression can date an event: a `DATE` or `TIME` with a calendar value.
pub fn dates_event(t: &TimeExpr) -> bool {
    matches!(t.timex_type, TimexType::Date | TimexType::Time)
        && t.value
            .as_deref()
            .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
}

/// The first expression that can date an event (see [`dates_event`]) lying wholly inside the
/// character range `char_start..char_end` (a clause, a sentence).
pub fn time_at(times: &[TimeExpr], char_start: usize, char_end: usize) -> Option<&TimeExpr> {
    times
        .iter()
        .find(|t| t.start >= char_start && t.end <= char_end && dates_event(t))
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
        let inside: Vec<usize> = subtree
            .iter()
            .copied()
            .filter(|&k| char_span(doc, k).0 >= t.start && char_span(doc, k).1 <= t.end)
            .collect();
        let Some(&head) = inside
            .iter()
            .find(|&&k| !inside.contains(&doc.tokens[k].head) || doc.tokens[k].head == k)
        else {
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

#[cfg(test)]
mod tests {
    //! The patterns on raw text, without a parse (tense then comes from the words).

    use super::*;

    /// (text, value) of every expression in `text`, published on `published`.
    fn found(text: &str, published: &str) -> Vec<(String, Option<String>)> {
        let doc = Doc::new(text.to_string(), Vec::new(), Vec::new(), Vec::new());
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap();
        extract(&doc, Some(p))
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect()
    }

    fn check(text: &str, published: &str, want: &[(&str, &str)]) {
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(t, v)| (t.to_string(), Some(v.to_string())))
            .collect();
        assert_eq!(found(text, published), want, "in {text:?}");
    }

    #[test]
    fn numeric_dates_only_when_unambiguous() {
        check(
            "Filed 2025-04-13 and 13/04/2025.",
            "2025-05-01",
            &[("2025-04-13", "2025-04-13"), ("13/04/2025", "2025-04-13")],
        );
        check("Filed 04/05/2025.", "2025-05-01", &[]);
    }

    #[test]
    fn written_dates() {
        let p = "2025-05-01";
        check(
            "It began on April 13th.",
            p,
            &[("April 13th", "2025-04-13")],
        );
        check(
            "It began on the 13th of April 2024.",
            p,
            &[("the 13th of April 2024", "2024-04-13")],
        );
        check(
            "It began on Friday, 28 March 2025.",
            p,
            &[("Friday, 28 March 2025", "2025-03-28")],
        );
        check(
            "It began in the 1990s and the '80s.",
            p,
            &[("the 1990s", "199"), ("the '80s", "198")],
        );
        check(
            "It is the crisis of the 21st century.",
            p,
            &[("the 21st century", "20")],
        );
        check(
            "Profits rose in Q3 2024 and will rise in the first half of 2026.",
            p,
            &[
                ("Q3 2024", "2024-Q3"),
                ("the first half of 2026", "2026-H1"),
            ],
        );
        check(
            "The offensive of summer 2024 failed.",
            p,
            &[("summer 2024", "2024-SU")],
        );
        check(
            "Shops closed at Christmas 2023 and Easter 2019.",
            p,
            &[
                ("Christmas 2023", "2023-12-25"),
                ("Easter 2019", "2019-04-21"),
            ],
        );
    }

    #[test]
    fn relative_weekdays() {
        // Published on Friday 18 April 2025.
        for (text, expr, value) in [
            ("He resigned last Friday.", "last Friday", "2025-04-11"),
            ("He resigned on Friday.", "Friday", "2025-04-18"),
            ("He will resign this Sunday.", "this Sunday", "2025-04-20"),
            ("He will resign on Monday.", "Monday", "2025-04-21"),
            ("He resigned on Monday.", "Monday", "2025-04-14"),
            (
                "He resigned the day before yesterday.",
                "the day before yesterday",
                "2025-04-16",
            ),
            (
                "He resigned on Tuesday last week.",
                "Tuesday last week",
                "2025-04-08",
            ),
        ] {
            check(text, "2025-04-18", &[(expr, value)]);
        }
    }

    #[test]
    fn fuzzy_and_nth_periods() {
        let p = "2025-05-01";
        check(
            "Prices peaked late last year and in mid-2024.",
            p,
            &[("late last year", "2024"), ("mid-2024", "2024")],
        );
        check("Talks resume in end-March.", p, &[("end-March", "2025-03")]);
        check(
            "The fair opens on the first weekend of May.",
            p,
            &[("the first weekend of May", "2025-W18-WE")],
        );
        check(
            "The deal was signed in January last year.",
            p,
            &[("January last year", "2024-01")],
        );
    }

    #[test]
    fn clock_times() {
        let p = "2025-05-01";
        check(
            "Sirens sounded at 3pm and again at 10:15 a.m.",
            p,
            &[
                ("3pm", "2025-05-01T15:00"),
                ("10:15 a.m.", "2025-05-01T10:15"),
            ],
        );
        check(
            "The quake struck at 0715 GMT.",
            p,
            &[("0715 GMT", "2025-05-01T07:15")],
        );
        check(
            "The deadline passed at noon.",
            p,
            &[("noon", "2025-05-01T12:00")],
        );
        check("The score was 10:15 at half-time.", p, &[]);
    }

    #[test]
    fn durations_and_sets() {
        let p = "2025-05-01";
        check(
            "He served twenty-five years and then 48 hours.",
            p,
            &[("twenty-five years", "P25Y"), ("48 hours", "PT48H")],
        );
        check(
            "Patrols pass every two weeks, every other day and three times a week.",
            p,
            &[
                ("every two weeks", "P2W"),
                ("every other day", "P2D"),
                ("three times a week", "P1W"),
            ],
        );
        check("The paper is published daily.", p, &[("daily", "P1D")]);
        check(
            "A three-year-old girl and a man, 34 years old, were hurt.",
            p,
            &[],
        );
        check(
            "The 7.7 magnitude quake left 2,000 people homeless.",
            p,
            &[],
        );
    }

    #[test]
    fn narrative_counts_from_the_last_date() {
        let p = "2025-05-01";
        check(
            "The siege began on March 2. A fortnight later the city fell.",
            p,
            &[("March 2", "2025-03-02"), ("A fortnight later", "2025-W11")],
        );
        check(
            "It rained on March 2. The day before, it snowed.",
            p,
            &[("March 2", "2025-03-02"), ("The day before", "2025-03-01")],
        );
        // With nothing established, a narrative expression has no value.
        assert_eq!(
            found("That morning the city was quiet.", p),
            [("That morning".to_string(), None)]
        );
    }

    #[test]
    fn seasons_and_holidays_by_rule() {
        check(
            "Supplies will run short this winter.",
            "2025-01-10",
            &[("this winter", "2025-WI")],
        );
        check(
            "Families gathered for Thanksgiving.",
            "2025-12-01",
            &[("Thanksgiving", "2025-11-27")],
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "9,999,999,999,999 days ago",
            "the 31st day of February",
            "٢٠٢٥ 12:99pm 99:00 GMT 00am",
            "In 2999, a 1,000,000-year span ended. ’s",
            "",
        ] {
            let _ = found(text, "2025-05-01");
        }
        assert_eq!(
            found("It ended 100,000 years ago.", "2025-05-01"),
            [("100,000 years ago".to_string(), None)]
        );
    }

    #[test]
    fn a_span_finds_its_date() {
        let doc = Doc::new(
            "Talks failed on Monday. Shelling resumed for three days.".into(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        let all = extract(&doc, NaiveDate::from_ymd_opt(2025, 4, 16));
        assert_eq!(
            time_at(&all, 0, 23).and_then(|t| t.value.as_deref()),
            Some("2025-04-14")
        );
        // A duration does not date an event.
        assert_eq!(time_at(&all, 24, doc.text.len()), None);
    }
}
