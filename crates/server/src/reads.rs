//! Reads the UI needs that `sitrep-store`'s query functions do not offer (yet): one article with
//! its text and analysis, the list of articles, the geocoded places, the event types, and where
//! in its sources an event is stated. They are plain reads of the corpus schema, on a read-only
//! connection, and belong in `sitrep-store` once it offers them; the merging logic stays there.

use serde::Serialize;
use serde_json::{Map, Value};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::Path;

/// The corpus schema these reads know.
pub const SCHEMA: i64 = 1;

/// A read-only connection to a corpus.
pub struct Reader {
    conn: Connection,
}

/// An article as the UI lists it.
#[derive(Serialize)]
pub struct ArticleItem {
    pub id: i64,
    pub source: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
}

/// A place of the map: an entity with coordinates.
#[derive(Serialize)]
pub struct Place {
    pub id: i64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
    pub feature: Option<String>,
    pub articles: u64,
    pub mentions: u64,
}

/// How many events (that happened) there are of one type.
#[derive(Serialize)]
pub struct TypeCount {
    #[serde(rename = "type")]
    pub kind: String,
    pub events: u64,
}

/// Where one article states an event: the sentence, with the trigger's offsets in it.
#[derive(Serialize)]
pub struct Evidence {
    pub article_id: i64,
    /// The sentence around the trigger, as written.
    pub sentence: String,
    /// Character offset of the sentence in the article.
    pub start: usize,
    /// Offsets of the trigger words in `sentence` (characters).
    pub trigger_start: usize,
    pub trigger_end: usize,
}

impl Reader {
    /// Opens `path` read-only; refuses a corpus of another schema version.
    pub fn open(path: &Path) -> rusqlite::Result<Result<Reader, String>> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != SCHEMA {
            return Ok(Err(format!(
                "{}: corpus schema {version}; this server's article view reads schema {SCHEMA}",
                path.display()
            )));
        }
        Ok(Ok(Reader { conn }))
    }

    /// One article: an `article` object (with its text) beside its analysis layers, the shape
    /// of `sitrep analyze --json`. `None` when there is no such article.
    pub fn article(&self, id: i64) -> rusqlite::Result<Option<Value>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, source, format, title, url, published, text, analysis FROM articles WHERE id = ?1",
                [id],
                |r| {
                    let article = serde_json::json!({
                        "id": r.get::<_, i64>(0)?, "source": r.get::<_, String>(1)?,
                        "format": r.get::<_, String>(2)?, "title": r.get::<_, Option<String>>(3)?,
                        "url": r.get::<_, Option<String>>(4)?,
                        "published": r.get::<_, Option<String>>(5)?,
                        "text": r.get::<_, String>(6)?,
                    });
                    Ok((article, r.get::<_, String>(7)?))
                },
            )
            .optional()?;
        Ok(row.map(|(article, analysis)| {
            let mut doc = Map::new();
            doc.insert("article".into(), article);
            // An analysis that does not parse shows as an article without facts.
            if let Ok(Value::Object(layers)) = serde_json::from_str(&analysis) {
                doc.extend(layers);
            }
            Value::Object(doc)
        }))
    }

    /// Articles, newest publication first.
    pub fn articles(&self, limit: usize, offset: usize) -> rusqlite::Result<Vec<ArticleItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, source, title, url, published FROM articles
             ORDER BY coalesce(published, '') DESC, id DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], |r| {
            Ok(ArticleItem {
                id: r.get(0)?,
                source: r.get(1)?,
                title: r.get(2)?,
                url: r.get(3)?,
                published: r.get(4)?,
            })
        })?;
        rows.collect()
    }

    /// Entities with coordinates, most written about first.
    pub fn places(&self, limit: usize) -> rusqlite::Result<Vec<Place>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, lat, lon, country, feature, articles, mentions FROM entities
             WHERE lat IS NOT NULL AND lon IS NOT NULL ORDER BY articles DESC, mentions DESC, id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(Place {
                id: r.get(0)?,
                name: r.get(1)?,
                lat: r.get(2)?,
                lon: r.get(3)?,
                country: r.get(4)?,
                feature: r.get(5)?,
                articles: r.get(6)?,
                mentions: r.get(7)?,
            })
        })?;
        rows.collect()
    }

    /// The types of events that happened, most frequent first.
    pub fn event_types(&self) -> rusqlite::Result<Vec<TypeCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT type, count(*) FROM events WHERE modality = 'asserted' GROUP BY type ORDER BY 2 DESC, 1",
        )?;
        let rows = stmt.query_map([], |r| Ok(TypeCount { kind: r.get(0)?, events: r.get(1)? }))?;
        rows.collect()
    }

    /// Names of the entities that take part in events, most active first.
    pub fn participants(&self, limit: usize) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.name FROM event_participants p JOIN entities e ON e.id = p.entity_id
             GROUP BY e.id ORDER BY count(*) DESC, e.name LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| r.get(0))?;
        rows.collect()
    }

    /// The sentences that state event `id`, one per report that has trigger offsets.
    pub fn evidence(&self, id: i64) -> rusqlite::Result<Vec<Evidence>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.article_id, r.start, r.end, a.text FROM event_reports r JOIN articles a ON a.id = r.article_id
             WHERE r.event_id = ?1 AND r.start IS NOT NULL AND r.end IS NOT NULL ORDER BY r.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (article_id, start, end, text) = row?;
            let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else { continue };
            if let Some(e) = sentence_around(&text, start, end) {
                out.push(Evidence { article_id, ..e });
            }
        }
        Ok(out)
    }
}

/// The longest a sentence of evidence may be on each side of its trigger, in characters.
const MAX_SIDE: usize = 300;

/// The sentence of `text` that holds the characters `start..end`: from after the previous
/// sentence end (`.`, `!` or `?` before a space, or a line break) to the next one. `None` when
/// the offsets are outside the text.
pub fn sentence_around(text: &str, start: usize, end: usize) -> Option<Evidence> {
    let chars: Vec<char> = text.chars().collect();
    if start >= end || end > chars.len() {
        return None;
    }
    let ends_sentence = |i: usize| {
        chars[i] == '\n'
            || (matches!(chars[i], '.' | '!' | '?') && chars.get(i + 1).is_some_and(|c| c.is_whitespace()))
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
    Some(Evidence {
        article_id: 0,
        sentence: chars[from..to].iter().collect(),
        start: from,
        trigger_start: start - from,
        trigger_end: end - from,
    })
}

#[cfg(test)]
mod tests {
    use super::sentence_around;

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
        let trigger: String = ev.sentence.chars().skip(ev.trigger_start).take(ev.trigger_end - ev.trigger_start).collect();
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
