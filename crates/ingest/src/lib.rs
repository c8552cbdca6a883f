//! Reads articles: plain text, HTML pages, JSON objects and JSONL, into an article's text and
//! metadata (title, url, publication date).
//!
//! [`Article::text`] is exactly the text whose character offsets the rest of sitrep reports:
//! a text file as read, the body extracted from an HTML page, or the `text` field of a JSON object.
//! Every error names the input it is about (a path, `-` for standard input, or `FILE:LINE` for a
//! line of a JSONL file).

mod date;
mod html;

pub use date::{parse_date_arg, parse_metadata_date, DateError};

use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The byte order mark some editors put at the start of UTF-8 files. JSON parsers refuse it; in
/// plain text it is kept, as the file was read.
const BOM: char = '\u{feff}';

/// The default size limit of one article: 10 MiB, far above any news page.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// One article, ready for analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The text to analyse; all character offsets refer to it.
    pub text: String,
    /// The headline, when the input states one.
    pub title: Option<String>,
    /// The article's address, when the input states one.
    pub url: Option<String>,
    /// The publication date, which anchors relative dates ("yesterday").
    pub published: Option<NaiveDate>,
    /// Where [`Article::published`] came from.
    pub published_from: Option<DateSource>,
    /// The input: a path, `-` for standard input, or `FILE:LINE` for a JSONL line.
    pub source: String,
    /// How the input was read.
    pub format: Format,
}

/// An article and what the reader noticed about it that the user should know.
#[derive(Debug, Clone, PartialEq)]
pub struct Ingested {
    /// The article.
    pub article: Article,
    /// Problems that did not stop the reading, in the order met.
    pub warnings: Vec<Warning>,
}

/// The kind of input an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain UTF-8 text.
    Text,
    /// An HTML page.
    Html,
    /// A JSON object with `text` and optional `title`, `url`, `published`.
    Json,
}

impl Format {
    /// The lower-case name (`text`, `html`, `json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// Where a publication date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// Given by the caller ([`Options::published`]), overriding the input's own.
    Given,
    /// The `published` field of a JSON object.
    JsonField,
    /// `<meta property="article:published_time">` of an HTML page.
    ArticleMeta,
    /// `datePublished` in an HTML page's JSON-LD.
    JsonLd,
    /// A `<time datetime>` element of an HTML page.
    TimeElement,
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateSource::Given => "given on the command line",
            DateSource::JsonField => "the JSON \"published\" field",
            DateSource::ArticleMeta => "<meta property=\"article:published_time\">",
            DateSource::JsonLd => "JSON-LD datePublished",
            DateSource::TimeElement => "<time datetime>",
        })
    }
}

/// Something the user should know about an article that was still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// No publication date was given or found, so relative dates cannot be resolved.
    NoPublicationDate {
        /// The input.
        input: String,
    },
    /// A stated publication date could not be read and was ignored.
    UnreadableDate {
        /// The input.
        input: String,
        /// The value as written.
        value: String,
        /// Where it was written.
        from: DateSource,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::NoPublicationDate { input } => write!(
                f,
                "{input}: no publication date found, so relative dates (\"yesterday\", \"on Monday\") stay unresolved"
            ),
            Warning::UnreadableDate { input, value, from } => {
                write!(f, "{input}: ignoring the publication date {value:?} in {from}: not a date")
            }
        }
    }
}

/// Why an input could not be read. Each variant names the input.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{input}: no such file")]
    NotFound {
        /// The input.
        input: String,
    },
    /// The path is a directory.
    #[error("{input}: is a directory, not a file")]
    IsDirectory {
        /// The input.
        input: String,
    },
    /// Reading failed (permissions, I/O).
    #[error("{input}: cannot read: {error}")]
    Io {
        /// The input.
        input: String,
        /// The underlying error.
        #[source]
        error: io::Error,
    },
    /// The input is larger than the size limit.
    #[error("{input}: too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        /// The input.
        input: String,
        /// Its size in bytes (for a stream, a lower bound).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The input has no text at all.
    #[error("{input}: is empty")]
    Empty {
        /// The input.
        input: String,
    },
    /// The input holds NUL bytes: a binary file, or text in UTF-16.
    #[error("{input}: looks like a binary file (it contains NUL bytes), not UTF-8 text")]
    Binary {
        /// The input.
        input: String,
    },
    /// The input is not valid UTF-8.
    #[error("{input}: is not valid UTF-8 (first bad byte on line {line}, at byte offset {offset}); convert it to UTF-8 first")]
    InvalidUtf8 {
        /// The input.
        input: String,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The input is not well-formed JSON.
    #[error("{input}: malformed JSON: {message}")]
    Json {
        /// The input.
        input: String,
        /// What the JSON parser reported, with its line and column.
        message: String,
    },
    /// The JSON is well formed but not an article object.
    #[error("{input}: {problem}")]
    NotAnArticle {
        /// The input.
        input: String,
        /// What is wrong with it.
        problem: String,
    },
    /// An HTML page in which no article text was found.
    #[error("{input}: no article text found in this HTML page")]
    NoArticleText {
        /// The input.
        input: String,
    },
}

/// How to read inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Inputs (for JSONL: lines) larger than this many bytes are refused.
    pub max_bytes: u64,
    /// A publication date that overrides whatever the input says.
    pub published: Option<NaiveDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_bytes: DEFAULT_MAX_BYTES, published: None }
    }
}

/// Reads one article from a file; its format comes from the extension (`.txt`, `.html`, `.json`)
/// or, failing that, from its content.
pub fn read_path(path: &Path, opts: &Options) -> Result<Ingested, IngestError> {
    let input = path.display().to_string();
    let (file, size) = open(path)?;
    if size > opts.max_bytes {
        return Err(IngestError::TooLarge { input, size, limit: opts.max_bytes });
    }
    // The file may grow while it is read, or be a device whose size says nothing.
    let bytes = read_limited(file, &input, opts.max_bytes)?;
    from_bytes(&bytes, &input, format_of_extension(path), opts)
}

/// Reads one article from standard input; its format comes from its content.
pub fn read_stdin(opts: &Options) -> Result<Ingested, IngestError> {
    let bytes = read_limited(io::stdin().lock(), "-", opts.max_bytes)?;
    from_bytes(&bytes, "-", None, opts)
}

/// Reads one article from bytes named `input`, as `format` or, if `None`, as its content looks.
pub fn from_bytes(
    bytes: &[u8],
    input: &str,
    format: Option<Format>,
    opts: &Options,
) -> Result<Ingested, IngestError> {
    let text = check_text(bytes, input, opts.max_bytes)?;
    let format = format.unwrap_or_else(|| sniff(text));
    let mut warnings = Vec::new();
    let mut dates: Vec<(DateSource, String)> = Vec::new();
    let (text, title, url) = match format {
        Format::Text => (text.to_string(), None, None),
        Format::Html => {
            let page = html::read(text);
            if page.text.trim().is_empty() {
                return Err(IngestError::NoArticleText { input: input.to_string() });
            }
            dates = page.dates;
            (page.text, page.title, page.url)
        }
        Format::Json => {
            let fields = json_article(text, input)?;
            dates.extend(fields.published.map(|p| (DateSource::JsonField, p)));
            (fields.text, fields.title, fields.url)
        }
    };
    let (published, published_from) = match opts.published {
        Some(d) => (Some(d), Some(DateSource::Given)),
        None => first_date(dates, input, &mut warnings),
    };
    if published.is_none() {
        warnings.push(Warning::NoPublicationDate { input: input.to_string() });
    }
    let article =
        Article { text, title, url, published, published_from, source: input.to_string(), format };
    Ok(Ingested { article, warnings })
}

/// The first candidate date that reads as a date; unreadable ones become warnings.
fn first_date(
    dates: Vec<(DateSource, String)>,
    input: &str,
    warnings: &mut Vec<Warning>,
) -> (Option<NaiveDate>, Option<DateSource>) {
    for (from, value) in dates {
        match parse_metadata_date(&value) {
            Some(d) => return (Some(d), Some(from)),
            None => {
                warnings.push(Warning::UnreadableDate { input: input.to_string(), value, from })
            }
        }
    }
    (None, None)
}

/// Opens a file for reading, telling a missing path and a directory apart from other failures;
/// returns the file and its size.
fn open(path: &Path) -> Result<(File, u64), IngestError> {
    let input = || path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => IngestError::NotFound { input: input() },
        _ => IngestError::Io { input: input(), error },
    })?;
    if meta.is_dir() {
        return Err(IngestError::IsDirectory { input: input() });
    }
    let file = File::open(path).map_err(|error| IngestError::Io { input: input(), error })?;
    Ok((file, meta.len()))
}

/// Reads at most `limit` bytes; more is an error, found without reading the whole input.
fn read_limited(reader: impl Read, input: &str, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| IngestError::Io { input: input.to_string(), error })?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            input: input.to_string(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Checks that bytes are non-empty UTF-8 text within the size limit.
fn check_text<'a>(bytes: &'a [u8], input: &str, limit: u64) -> Result<&'a str, IngestError> {
    let input = input.to_string();
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge { input, size: bytes.len() as u64, limit });
    }
    if bytes.contains(&0) {
        return Err(IngestError::Binary { input });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        IngestError::InvalidUtf8 { input: input.clone(), line, offset }
    })?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty { input });
    }
    Ok(text)
}

/// The format a file's extension names, if it names one.
fn format_of_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Guesses the format from the content: a JSON object, an HTML page, or else plain text.
fn sniff(text: &str) -> Format {
    let head = text.trim_start_matches(BOM).trim_start();
    if head.starts_with('{') {
        return Format::Json;
    }
    if head.starts_with('<') {
        let mut end = head.len().min(4096);
        while !head.is_char_boundary(end) {
            end -= 1;
        }
        let lower = head[..end].to_ascii_lowercase();
        let tags = ["<!doctype html", "<html", "<head", "<body", "<article", "<p>", "<p ", "<div"];
        if tags.iter().any(|t| lower.contains(t)) {
            return Format::Html;
        }
    }
    Format::Text
}

/// The article fields of a JSON object, before its date is checked.
struct JsonFields {
    text: String,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

/// Reads a JSON object with a `text` string and optional `title`, `url`, `published` strings.
fn json_article(text: &str, input: &str) -> Result<JsonFields, IngestError> {
    let value: Value = serde_json::from_str(text.strip_prefix(BOM).unwrap_or(text))
        .map_err(|e| IngestError::Json { input: input.to_string(), message: e.to_string() })?;
    let not_article =
        |problem: String| IngestError::NotAnArticle { input: input.to_string(), problem };
    let obj = match value {
        Value::Object(obj) => obj,
        other => {
            return Err(not_article(format!(
                "expected a JSON object with a \"text\" field, found {}",
                json_kind(&other)
            )))
        }
    };
    let field =
        |name: &str| -> Result<Option<String>, IngestError> { string_field(&obj, name, input) };
    let body = field("text")?
        .ok_or_else(|| not_article("the JSON object has no \"text\" field".to_string()))?;
    if body.trim().is_empty() {
        return Err(not_article("the \"text\" field is empty".to_string()));
    }
    Ok(JsonFields {
        text: body,
        title: field("title")?,
        url: field("url")?,
        published: field("published")?,
    })
}

/// A string field of a JSON object: absent or `null` is `None`, any other non-string an error.
fn string_field(
    obj: &Map<String, Value>,
    name: &str,
    input: &str,
) -> Result<Option<String>, IngestError> {
    match obj.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(IngestError::NotAnArticle {
            input: input.to_string(),
            problem: format!("the \"{name}\" field must be a string, not {}", json_kind(other)),
        }),
    }
}

/// How a JSON value is described in messages ("an array").
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Articles from a JSONL input, one JSON object per line; blank lines are skipped.
///
/// Each line is read on its own, so a bad line is an error for that line only (its input is
/// `FILE:LINE`) and the lines after it are still read. [`Options::max_bytes`] applies per line.
pub struct Jsonl<R> {
    reader: R,
    name: String,
    line: usize,
    opts: Options,
    /// Set after a read error: the stream cannot be trusted to continue.
    failed: bool,
}

/// Opens a JSONL file. Errors here (missing, a directory) mean no line can be read.
pub fn read_jsonl_path(path: &Path, opts: &Options) -> Result<Jsonl<BufReader<File>>, IngestError> {
    let (file, _) = open(path)?;
    Ok(read_jsonl(BufReader::new(file), &path.display().to_string(), opts))
}

/// Reads JSONL from any buffered reader; `name` names it in errors (`-` for standard input).
pub fn read_jsonl<R: BufRead>(reader: R, name: &str, opts: &Options) -> Jsonl<R> {
    Jsonl { reader, name: name.to_string(), line: 0, opts: *opts, failed: false }
}

impl<R: BufRead> Iterator for Jsonl<R> {
    type Item = Result<Ingested, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.failed {
            self.line += 1;
            let input = format!("{}:{}", self.name, self.line);
            let mut bytes = Vec::new();
            let limit = self.opts.max_bytes;
            // One more byte than the limit (plus the newline) tells an over-long line apart.
            let read =
                (&mut self.reader).take(limit.saturating_add(2)).read_until(b'\n', &mut bytes);
            match read {
                Err(error) => {
                    self.failed = true;
                    return Some(Err(IngestError::Io { input, error }));
                }
                Ok(0) => return None,
                Ok(_) => {}
            }
            let ended = bytes.ends_with(b"\n");
            if !ended && bytes.len() as u64 > limit {
                let size = bytes.len() as u64 + skip_line(&mut self.reader);
                return Some(Err(IngestError::TooLarge { input, size, limit }));
            }
            while bytes.ends_with(b"\n") || bytes.ends_with(b"\r") {
                bytes.pop();
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(from_bytes(&bytes, &input, Some(Format::Json), &self.opts));
        }
        None
    }
}

/// Consumes the rest of the current line; returns how many bytes were skipped.
fn skip_line(reader: &mut impl BufRead) -> u64 {
    let mut skipped = 0u64;
    loop {
        let (used, done) = match reader.fill_buf() {
            Ok([]) | Err(_) => return skipped,
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            },
        };
        reader.consume(used);
        skipped += used as u64;
        if done {
            return skipped;
        }
    }
}

#[cfg(test)]
mod tests;
