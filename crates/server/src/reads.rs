//! Where in its sources an event is stated: the one read the UI needs that `sitrep-store`'s
//! queries do not offer yet ([`sitrep_store::EventSource`] carries the trigger's words but not
//! its offsets). It reads the trigger offsets of an event's reports on a read-only connection
//! and takes the sentence from the stored analysis (the extractor's `sentence` of the event with
//! those offsets); it belongs in `sitrep-store` once `EventSource` has offsets.

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use serde_json::Value;
use sitrep_store::Store;
use std::path::Path;

/// The corpus schema this read knows.
pub const SCHEMA: i64 = 2;

/// A read-only connection to a corpus.
pub struct Reader {
    conn: Connection,
}

/// Where one article states an event: the sentence, with the trigger's offsets in it.
#[derive(Debug, Serialize)]
pub struct Evidence {
    /// The article.
    pub article_id: i64,
    /// The sentence that states the event, as written.
    pub sentence: String,
    /// Character offset of the sentence in the article.
    pub start: usize,
    /// Character offset of the trigger words in `sentence`.
    pub trigger_start: usize,
    /// Character offset one past the trigger words in `sentence`.
    pub trigger_end: usize,
}

/// An error of a read: SQLite's, or the store's.
#[derive(Debug)]
pub enum ReadError {
    /// A query failed.
    Sqlite(rusqlite::Error),
    /// The store failed.
    Store(sitrep_store::StoreError),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Sqlite(e) => write!(f, "cannot read the corpus: {e}"),
            ReadError::Store(e) => e.fmt(f),
        }
    }
}

impl Reader {
    /// Opens `path` read-only; refuses a corpus of another schema version.
    pub fn open(path: &Path) -> Result<Reader, String> {
        let fail = |e: rusqlite::Error| format!("{}: cannot open: {e}", path.display());
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(fail)?;
        if version != SCHEMA {
            return Err(format!(
                "{}: corpus schema {version}; this server's evidence view reads schema {SCHEMA}",
                path.display()
            ));
        }
        Ok(Reader { conn })
    }

    /// The sentences that state event `id`, one per report whose trigger has offsets.
    pub fn evidence(&self, store: &Store, id: i64) -> Result<Vec<Evidence>, ReadError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT article_id, start, end FROM event_reports
                 WHERE event_id = ?1 AND start IS NOT NULL AND end IS NOT NULL ORDER BY id",
            )
            .map_err(ReadError::Sqlite)?;
        let reports: Vec<(i64, i64, i64)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(ReadError::Sqlite)?
            .collect::<Result<_, _>>()
            .map_err(ReadError::Sqlite)?;
        let mut out = Vec::new();
        for (article_id, start, end) in reports {
            let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
                continue;
            };
            let Some(article) = store.article(article_id).map_err(ReadError::Store)? else {
                continue;
            };
            let sentence = stated_sentence(&article.analysis, start, end);
            if let Some(e) = evidence_in(&article.text, sentence, start, end) {
                out.push(Evidence { article_id, ..e });
            }
        }
        Ok(out)
    }
}

/// The `sentence` span the extractor gave the event whose trigger is at `start..end`.
fn stated_sentence(analysis: &Value, start: usize, end: usize) -> Option<(usize, usize)> {
    let at = |v: &Value, key: &str| v.get(key).and_then(Value::as_u64).map(|n| n as usize);
    ["events", "unrealised_events"]
        .iter()
        .filter_map(|list| analysis.get(list).and_then(Value::as_array))
        .flatten()
        .find(|ev| {
            ev.get("trigger")
                .is_some_and(|t| at(t, "start") == Some(start) && at(t, "end") == Some(end))
        })
        .and_then(|ev| ev.get("sentence"))
        .and_then(|s| Some((at(s, "start")?, at(s, "end")?)))
        .filter(|(s, e)| s <= &start && end <= *e)
}

/// The evidence of a trigger at `start..end` of `text`: in `sentence` when the extractor gave
/// it, else in the sentence found around the trigger.
fn evidence_in(
    text: &str,
    sentence: Option<(usize, usize)>,
    start: usize,
    end: usize,
) -> Option<Evidence> {
    let chars: Vec<char> = text.chars().collect();
    if start >= end || end > chars.len() {
        return None;
    }
    let (from, to) = match sentence {
        Some((from, to)) if to <= chars.len() => (from, to),
        _ => sentence_around(&chars, start, end),
    };
    Some(Evidence {
        article_id: 0,
        sentence: chars[from..to].iter().collect(),
        start: from,
        trigger_start: start - from,
        trigger_end: end - from,
    })
}

/// The longest a sentence of evidence may be on each side of its trigger, in characters.
const MAX_SIDE: usize = 300;

/// The sentence of `chars` that holds `start..end`: from after the previous sentence end (`.`,
/// `!` or `?` before a space, or a line break) to the next one, at most [`MAX_SIDE`] characters
/// on each side of the trigger.
fn sentence_around(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let ends_sentence = |i: usize| {
        chars[i] == '\n'
            || (matches!(chars[i], '.' | '!' | '?')
                && chars.get(i + 1).is_some_and(|c| c.is_whitespace()))
    };
    let mut from = start;
    while from > 0 && start - from < MAX_SIDE && !ends_sentence(from - 1) {
        from -= 1;
    }
    while from < start && chars[from].is_whitespace() {
        from += 1;
    }
    let mut to = end;
    while to < chars.len() && to - end < MAX_SIDE && !(to > end && ends_sentence(to - 1)) {
        to += 1;
    }
    while to > end && chars[to - 1].is_whitespace() {
        to -= 1;
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::evidence_in;

    fn sentence_around(text: &str, start: usize, end: usize) -> Option<super::Evidence> {
        evidence_in(text, None, start, end)
    }

    fn offsets(text: &str, word: &str) -> (usize, usize) {
        let byte = text.find(word).unwrap();
        let start = text[..byte].chars().count();
        (start, start + word.chars().count())
    }

    #[test]
    fn the_sentence_around_a_trigger() {
        let text = "Rain fell for two days. Floods killed nine people in Braga on Monday. More rain is due.";
        let (s, e) = offsets(text, "killed");
        let ev = sentence_around(text, s, e).unwrap();
        assert_eq!(ev.sentence, "Floods killed nine people in Braga on Monday.");
        assert_eq!(&ev.sentence[ev.trigger_start..ev.trigger_end], "killed");
        assert_eq!(ev.start, offsets(text, "Floods").0);
    }

    #[test]
    fn line_breaks_end_sentences_and_offsets_count_characters() {
        let text = "Lisboa — São Paulo\n\nCâmara votou contra o orçamento\nFim";
        let (s, e) = offsets(text, "votou");
        let ev = sentence_around(text, s, e).unwrap();
        assert_eq!(ev.sentence, "Câmara votou contra o orçamento");
        let trigger: String = ev
            .sentence
            .chars()
            .skip(ev.trigger_start)
            .take(ev.trigger_end - ev.trigger_start)
            .collect();
        assert_eq!(trigger, "votou");
    }

    #[test]
    fn abbreviations_without_a_following_space_do_not_cut() {
        let text = "The U.N.-backed team arrived on Monday.";
        let (s, e) = offsets(text, "arrived");
        assert_eq!(sentence_around(text, s, e).unwrap().sentence, text);
    }

    #[test]
    fn offsets_outside_the_text_give_nothing() {
        assert!(sentence_around("Short.", 3, 99).is_none());
        assert!(sentence_around("Short.", 4, 4).is_none());
    }

    #[test]
    fn a_long_run_without_full_stops_is_cut_around_the_trigger() {
        let text = format!("{} struck {}", "word ".repeat(200), "word ".repeat(200));
        let (s, e) = offsets(&text, "struck");
        let ev = sentence_around(&text, s, e).unwrap();
        assert!(ev.sentence.chars().count() <= 2 * super::MAX_SIDE + 6);
        assert!(ev.sentence.contains("struck"));
    }
}

#[cfg(test)]
mod extractor_sentences {
    use super::{evidence_in, stated_sentence};
    use serde_json::json;

    #[test]
    fn the_extractors_sentence_is_used_when_the_trigger_matches() {
        let text = "Dr. Lee arrived. Rebels attacked the town. Calm returned.";
        let analysis = json!({"events": [
            {"trigger": {"start": 24, "end": 32, "text": "attacked"}, "sentence": {"start": 17, "end": 42}}
        ]});
        let span = stated_sentence(&analysis, 24, 32);
        assert_eq!(span, Some((17, 42)));
        let ev = evidence_in(text, span, 24, 32).unwrap();
        assert_eq!(ev.sentence, "Rebels attacked the town.");
        assert_eq!((ev.trigger_start, ev.trigger_end), (7, 15));
        // Another trigger, or a sentence that does not hold the trigger, is not used.
        assert_eq!(stated_sentence(&analysis, 4, 11), None);
        let bad = json!({"events": [{"trigger": {"start": 24, "end": 32}, "sentence": {"start": 0, "end": 10}}]});
        assert_eq!(stated_sentence(&bad, 24, 32), None);
        let unrealised = json!({"unrealised_events": [
            {"trigger": {"start": 24, "end": 32}, "sentence": {"start": 17, "end": 42}}
        ]});
        assert_eq!(stated_sentence(&unrealised, 24, 32), Some((17, 42)));
    }
}
