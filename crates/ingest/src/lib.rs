//! Reads articles: plain text, HTML pages, JSON objects and JSONL, into an article's text and
//! metadata (title, url, publication date).
