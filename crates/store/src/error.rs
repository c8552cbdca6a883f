//! Why a corpus could not be opened, written or queried. Each error names the corpus file.

use std::path::{Path, PathBuf};

/// A corpus error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// There is no corpus at the path (queries never create one).
    #[error("{}: no such corpus; build one with `sitrep ingest FILES --db {}`", path.display(), path.display())]
    NoCorpus {
        /// The path.
        path: PathBuf,
    },
    /// The path is a directory.
    #[error("{}: is a directory, not a corpus file", path.display())]
    IsDirectory {
        /// The path.
        path: PathBuf,
    },
    /// The file exists but is not an SQLite database.
    #[error("{}: is not a sitrep corpus (not an SQLite database); it was left untouched", path.display())]
    NotADatabase {
        /// The path.
        path: PathBuf,
    },
    /// The file is an SQLite database of some other program.
    #[error("{}: is an SQLite database but not a sitrep corpus; it was left untouched", path.display())]
    NotACorpus {
        /// The path.
        path: PathBuf,
    },
    /// The corpus was written by a newer sitrep with a schema this one does not know.
    #[error("{}: was written by a newer sitrep (corpus schema {found}; this sitrep reads up to {supported}); upgrade sitrep. The corpus was left untouched", path.display())]
    NewerSchema {
        /// The path.
        path: PathBuf,
        /// The schema version of the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// An analysis could not be read or written as JSON.
    #[error("{input}: cannot store its analysis: {message}")]
    Analysis {
        /// The article's input.
        input: String,
        /// What went wrong.
        message: String,
    },
    /// A search query FTS5 cannot parse.
    #[error("cannot search for {query:?}: {message}")]
    BadSearch {
        /// The query as given.
        query: String,
        /// What SQLite reported.
        message: String,
    },
    /// Writing an export failed.
    #[error("cannot write the export: {source}")]
    Write {
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Any other SQLite failure (I/O, a full disk, a locked or corrupt file).
    #[error("{}: {doing}: {error}", path.display())]
    Sqlite {
        /// The path.
        path: PathBuf,
        /// What was being done.
        doing: String,
        /// The SQLite error (in the message, not chained, so it is said once).
        error: rusqlite::Error,
    },
}

impl StoreError {
    /// Wraps an SQLite error, telling "not a database" apart from the rest.
    pub(crate) fn sqlite(path: &Path, doing: &str, e: rusqlite::Error) -> StoreError {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
            return StoreError::NotADatabase {
                path: path.to_path_buf(),
            };
        }
        StoreError::Sqlite {
            path: path.to_path_buf(),
            doing: doing.to_string(),
            error: e,
        }
    }
}
