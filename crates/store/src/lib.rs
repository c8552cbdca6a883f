//! The corpus: many analysed articles in one SQLite file.
//!
//! Each article is stored whole (its text, metadata and the complete [`Analysis`] JSON) and its
//! facts are also written to normalised tables, where they are merged across articles:
//!
//! - the same real-world entity in several articles is one corpus entity (by GeoNames id, else
//!   by type and normalised name or alias; see [`names`]);
//! - the same event reported by several articles is one corpus event with all its sources
//!   (same type and modality, dates within a day of each other, a shared participant or place
//!   in the same role, no conflicting place);
//! - the counts of an event keep their history: who said what, and when.
//!
//! Queries ([`Store::timeline`], [`Store::actors`], [`Store::entity`], [`Store::quotes`],
//! [`Store::search`]) return serde-serialisable structs, so the command line and a web UI can
//! share them. Exports ([`Store::export_jsonl`], [`Store::export_csv`], [`Store::export_gkg`])
//! stream to any writer.
//!
//! Every article is written in one transaction: a process killed mid-ingest leaves every
//! committed article intact and nothing half-written, and ingesting the same input again
//! skips what is stored (by [`content_hash`]) and adds the rest. The corpus-wide indexes
//! (full text, entity counters, aliases) follow apart, many articles at a time
//! ([`Store::update_indexes`]).

mod dates;
mod error;
mod export;
mod facts;
mod fips;
pub mod names;
mod query;
mod schema;
mod write;

pub use error::StoreError;
pub use export::CsvTable;
pub use query::*;
pub use schema::SCHEMA_VERSION;
pub use write::Added;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use sitrep_extract::Analysis;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a statement waits for another process's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A corpus database, open for reading and writing.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The corpus entity each article entity resolved to, for the articles to come.
    resolved: write::Resolutions,
}

/// One article to store, as read from its input.
#[derive(Debug, Clone, Copy)]
pub struct NewArticle<'a> {
    /// The analysed text; every offset in its analysis refers to it.
    pub text: &'a str,
    /// The headline, when known.
    pub title: Option<&'a str>,
    /// The article's address, when known.
    pub url: Option<&'a str>,
    /// The publication date, which anchored its relative dates.
    pub published: Option<NaiveDate>,
    /// Where it was read from: a path, or `FILE:LINE` for a JSONL line.
    pub source: &'a str,
    /// How it was read: `text`, `html` or `json`.
    pub format: &'a str,
}

/// The identity of an article in a corpus: SHA-256 (hex) of its text and publication date.
///
/// The same text under another date is another article, since its relative dates resolve
/// differently; the same text from two places (a syndicated story) is one article.
pub fn content_hash(text: &str, published: Option<NaiveDate>) -> String {
    let mut h = Sha256::new();
    h.update(text.as_bytes());
    h.update([0u8]);
    if let Some(d) = published {
        h.update(d.to_string().as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// An article's analysis made ready to store: serialised, read back as the facts the store
/// keeps, with its names normalised and the article's content hash. Making it needs no
/// database, so an ingest makes it on the analysis threads and leaves the one writer nothing
/// but SQL.
pub struct PreparedAnalysis {
    json: String,
    facts: facts::Facts,
    hash: String,
}

impl PreparedAnalysis {
    /// Prepares `analysis`, the analysis of `article`.
    pub fn new(article: &NewArticle, analysis: &Analysis) -> Result<PreparedAnalysis, StoreError> {
        let json = serde_json::to_string(analysis).map_err(|e| StoreError::Analysis {
            input: article.source.to_string(),
            message: e.to_string(),
        })?;
        Self::from_json(article, json)
    }

    /// Prepares an analysis given as JSON (see [`Store::add_article_json`]), stored as given.
    pub fn from_json(article: &NewArticle, json: String) -> Result<PreparedAnalysis, StoreError> {
        let facts = facts::Facts::from_json(&json).map_err(|e| StoreError::Analysis {
            input: article.source.to_string(),
            message: e.to_string(),
        })?;
        Ok(PreparedAnalysis {
            json,
            facts,
            hash: content_hash(article.text, article.published),
        })
    }
}

impl Store {
    /// Opens the corpus at `path`, creating it if there is no file there, and brings its schema
    /// up to date. Refuses a file that is not SQLite, an SQLite database that is not a sitrep
    /// corpus, and a corpus written by a newer sitrep.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
    }

    /// Opens an existing corpus (as [`Store::open`], but a missing file is an error, never
    /// created): for queries.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::NoCorpus {
                path: path.to_path_buf(),
            });
        }
        Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::sqlite(path, "cannot open", e))?;
        // The writer and the queries use some 50 statements; keeping them all prepared spares
        // SQLite from parsing and planning them again for every article.
        conn.set_prepared_statement_cache_capacity(128);
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            resolved: write::Resolutions::default(),
        };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.err("cannot open", e))?;
        schema::prepare(&mut store.conn, path)?;
        store.catch_up_indexes()?;
        Ok(store)
    }

    /// The file this corpus is stored in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The content hashes of all stored articles, to skip known articles before analysing them.
    pub fn hashes(&self) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT hash FROM articles")
            .map_err(|e| self.err("reading", e))?;
        let rows = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.err("reading", e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| self.err("reading", e))
    }

    /// Stores one article and its analysis in one transaction, merging its entities, events
    /// and counts into the corpus; an article already stored (same [`content_hash`]) is left
    /// as it is.
    pub fn add_article(
        &mut self,
        article: &NewArticle,
        analysis: &Analysis,
    ) -> Result<Added, StoreError> {
        self.add_prepared(article, &PreparedAnalysis::new(article, analysis)?)
    }

    /// As [`Store::add_article`], with the analysis as JSON (the layers of `sitrep analyze
    /// --json`; an `article` member and unknown fields are ignored). The JSON is stored as given.
    pub fn add_article_json(
        &mut self,
        article: &NewArticle,
        analysis: &str,
    ) -> Result<Added, StoreError> {
        self.add_prepared(
            article,
            &PreparedAnalysis::from_json(article, analysis.to_string())?,
        )
    }

    /// As [`Store::add_article`], with the analysis already prepared for `article`.
    pub fn add_prepared(
        &mut self,
        article: &NewArticle,
        prepared: &PreparedAnalysis,
    ) -> Result<Added, StoreError> {
        write::add_article(self, article, prepared)
    }

    /// Brings the corpus-wide indexes up to date with the articles stored since the last
    /// call, in one transaction; returns how many articles that was. Until then a stored
    /// article is not found by [`Store::search`], does not count in its entities' `articles`
    /// and `mentions`, and the names it uses for them are not yet aliases.
    ///
    /// Folding many articles in at once costs a fraction of doing it article by article, so
    /// a writer calls this every so often and when it is done. A store opened after a writer
    /// stopped before it could (killed, say) catches up itself.
    pub fn update_indexes(&mut self) -> Result<usize, StoreError> {
        write::update_indexes(&mut self.conn).map_err(|e| self.err("cannot update the indexes", e))
    }

    /// Updates the indexes an interrupted writer left behind, unless another process is
    /// writing (a running ingest updates them as it goes).
    fn catch_up_indexes(&mut self) -> Result<(), StoreError> {
        let behind: bool = self
            .conn
            .query_row(
                "SELECT (SELECT coalesce(max(id), 0) FROM articles) > articles
                     OR (SELECT coalesce(max(id), 0) FROM quotes) > quotes
                 FROM index_progress",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err("cannot read", e))?;
        if !behind {
            return Ok(());
        }
        let set_wait = |store: &Store, wait| {
            store
                .conn
                .busy_timeout(wait)
                .map_err(|e| store.err("cannot open", e))
        };
        set_wait(self, Duration::ZERO)?;
        let caught_up = write::update_indexes(&mut self.conn);
        set_wait(self, BUSY_TIMEOUT)?;
        match caught_up {
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => Ok(()),
            other => other
                .map(drop)
                .map_err(|e| self.err("cannot update the indexes", e)),
        }
    }

    /// An SQLite error in this corpus while `doing` something.
    pub(crate) fn err(&self, doing: &str, e: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, doing, e)
    }
}

#[cfg(test)]
mod tests;
