//! The versioned schema and its migrations.
//!
//! A corpus file carries `PRAGMA application_id` [`APPLICATION_ID`] (so sitrep never writes into
//! another program's database) and `PRAGMA user_version` = its schema version. Opening a corpus
//! applies, in order and each in its own transaction, the migrations it lacks; a file with a
//! newer version than [`SCHEMA_VERSION`] is refused untouched.

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;

/// "SITR": marks an SQLite file as a sitrep corpus.
const APPLICATION_ID: i64 = 0x5349_5452;

/// The newest schema this build reads and writes.
pub const SCHEMA_VERSION: i64 = 2;

/// `MIGRATIONS[i]` brings a corpus from schema `i` to schema `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2];

/// Schema 1. Offsets are character offsets into `articles.text`; dates are `YYYY-MM-DD` or
/// TIMEX values; `day_lo`/`day_hi` are days from 0001-01-01 (CE), for range queries.
const V1: &str = r#"
CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL UNIQUE,   -- content_hash(text, published)
    source      TEXT NOT NULL,          -- path, or FILE:LINE
    format      TEXT NOT NULL,          -- text, html, json
    title       TEXT,
    url         TEXT,
    published   TEXT,                   -- YYYY-MM-DD
    text        TEXT NOT NULL,
    analysis    TEXT NOT NULL,          -- the whole Analysis, as JSON
    ingested_at TEXT NOT NULL           -- RFC 3339, UTC
);
CREATE INDEX articles_published ON articles(published);

-- One row per real-world entity across the corpus.
CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,          -- canonical name
    norm        TEXT NOT NULL,          -- normalised canonical name (names::normalise)
    type        TEXT NOT NULL,          -- PERSON, ORG, PLACE, ...
    geonames_id INTEGER UNIQUE,
    lat         REAL,
    lon         REAL,
    country     TEXT,                   -- ISO 3166-1 alpha-2
    feature     TEXT,                   -- country, region, city, ... (places)
    articles    INTEGER NOT NULL DEFAULT 0,
    mentions    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_norm ON entities(norm, type);

-- Every normalised name and alias an entity is known by, per type. entity_id is NULL when
-- several entities claim the name: an ambiguous name never merges anything.
CREATE TABLE entity_names (
    norm      TEXT NOT NULL,
    type      TEXT NOT NULL,
    entity_id INTEGER REFERENCES entities(id),
    PRIMARY KEY (norm, type)
) WITHOUT ROWID;

-- The names articles use for an entity (canonical names included), as written.
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    alias     TEXT NOT NULL,
    norm      TEXT NOT NULL,
    articles  INTEGER NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_norm ON entity_aliases(norm);

CREATE TABLE article_entities (
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    name        TEXT NOT NULL,          -- the name this article gives it
    mentions    INTEGER NOT NULL,
    first_start INTEGER,                -- offset of its first mention
    roles       TEXT,                   -- JSON list of titles the article gives it
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_id);

-- One row per real-world event across the corpus.
CREATE TABLE events (
    id       INTEGER PRIMARY KEY,
    type     TEXT NOT NULL,             -- CAMEO root, disaster, election
    modality TEXT NOT NULL,             -- asserted, planned, threatened, ...
    date     TEXT,                      -- the most precise date its sources give
    day_lo   INTEGER,
    day_hi   INTEGER,
    place_id INTEGER REFERENCES entities(id),
    reports  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_type_day ON events(type, modality, day_lo);
CREATE INDEX events_day ON events(modality, day_lo);

-- Who took part, in which role (actor, target, place), by how many reports.
CREATE TABLE event_participants (
    event_id  INTEGER NOT NULL REFERENCES events(id),
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    role      TEXT NOT NULL,
    reports   INTEGER NOT NULL,
    PRIMARY KEY (event_id, role, entity_id)
) WITHOUT ROWID;
CREATE INDEX event_participants_entity ON event_participants(entity_id, role, event_id);

-- Each article's report of an event.
CREATE TABLE event_reports (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    idx        INTEGER NOT NULL,        -- index in the article's events (or unrealised_events)
    date       TEXT,                    -- the date this article gives
    trigger    TEXT,
    start      INTEGER,
    end        INTEGER,
    rule       TEXT
);
CREATE INDEX event_reports_event ON event_reports(event_id);
CREATE INDEX event_reports_article ON event_reports(article_id);

CREATE TABLE counts (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    idx         INTEGER NOT NULL,       -- index in the article's counts
    event_id    INTEGER REFERENCES events(id),
    link        TEXT,                   -- how event_id was found: extractor, only-event
    kind        TEXT NOT NULL,
    value       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    start       INTEGER,
    end         INTEGER,
    qualifier   TEXT,                   -- at least, more than, about, ...
    approximate INTEGER NOT NULL,
    part_of     INTEGER,                -- idx of the count this one is part of
    superseded  INTEGER NOT NULL        -- revised later in the same article
);
CREATE INDEX counts_event ON counts(event_id, kind);
CREATE INDEX counts_article ON counts(article_id);

CREATE TABLE quotes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    speaker    TEXT,                    -- as the article names it
    speaker_id INTEGER REFERENCES entities(id),
    kind       TEXT NOT NULL,           -- direct, scare, indirect
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    cue        TEXT
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker, content='quotes', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2');
"#;

/// Schema 2: the corpus-wide indexes (full text, entity counters, aliases) are brought up to
/// date many articles at a time, apart from the articles' own transactions, from the names
/// each article uses for its entities (`article_entities.names`); `index_progress` says how
/// far they have got. Schema 1 updated them with each article, so all it holds is indexed.
const V2: &str = r#"
ALTER TABLE article_entities ADD COLUMN names TEXT;  -- JSON list of the names and aliases used
CREATE TABLE index_progress (
    articles INTEGER NOT NULL,          -- articles up to this id are indexed
    quotes   INTEGER NOT NULL           -- quotes up to this id are indexed
);
INSERT INTO index_progress
    SELECT (SELECT coalesce(max(id), 0) FROM articles), (SELECT coalesce(max(id), 0) FROM quotes);
"#;

/// Checks that `conn` is a sitrep corpus this build can read (or an empty file), sets the
/// connection up and applies missing migrations.
pub(crate) fn prepare(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let err = |doing: &str, e| StoreError::sqlite(path, doing, e);
    // Reading the header is the first access: a file that is not SQLite fails here, untouched.
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| err("cannot read", e))?;
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| err("cannot read", e))?;
    if app != APPLICATION_ID {
        let objects: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| err("cannot read", e))?;
        if app != 0 || objects > 0 {
            return Err(StoreError::NotACorpus {
                path: path.to_path_buf(),
            });
        }
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // WAL: readers (queries, a web UI) never block the ingest, and a commit is one append.
    // synchronous=NORMAL keeps every commit safe from a killed process (not from power loss
    // between checkpoints, which costs a few recent articles that a re-run adds back). The WAL
    // is copied back into the database every 128 MB rather than every 4 MB: each checkpoint
    // waits for the disk, and the pages every article touches (indexes, counters) are copied
    // once per checkpoint however often they were rewritten.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32000; PRAGMA wal_autocheckpoint = 32768;",
    )
    .map_err(|e| err("cannot set up", e))?;
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let to = from as i64 + 1;
        let tx = conn.transaction().map_err(|e| err("cannot migrate", e))?;
        tx.execute_batch(sql)
            .and_then(|_| {
                tx.execute_batch(&format!(
                    "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {to};"
                ))
            })
            .map_err(|e| err(&format!("cannot migrate to schema {to}"), e))?;
        tx.commit()
            .map_err(|e| err(&format!("cannot migrate to schema {to}"), e))?;
    }
    Ok(())
}

/// The schema version of an open corpus.
pub(crate) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_1_corpus_is_migrated_with_what_it_holds_already_indexed() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("v1.sqlite");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(V1).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;
             INSERT INTO articles (hash, source, format, text, analysis, ingested_at)
                 VALUES ('h', 'old.txt', 'text', 'Floods hit the valley.', '{{}}', '2024-01-01T00:00:00Z');
             INSERT INTO articles_fts (rowid, title, text) VALUES (1, '', 'Floods hit the valley.');"
        ))
        .unwrap();
        drop(conn);
        let mut store = crate::Store::open(&path).unwrap();
        assert_eq!(store.stats().unwrap().schema_version, SCHEMA_VERSION);
        assert_eq!(
            store.update_indexes().unwrap(),
            0,
            "schema 1 had indexed it"
        );
        let hits = store
            .search(&crate::SearchQuery {
                text: "flood".into(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(hits.articles.len(), 1);
    }
}
