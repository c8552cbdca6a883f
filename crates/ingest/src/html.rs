//! HTML pages: the article body (without navigation, scripts and boilerplate) and the page's
//! metadata.
//!
//! The body is found by `dom_smoothie`, a port of Mozilla's Readability (the reader view of
//! Firefox); the metadata is read here so that the order of trust between the date sources is ours.

use crate::DateSource;
use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

/// What a page yields before its dates are checked.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The article body as plain text, paragraphs separated by blank lines.
    pub text: String,
    /// The headline.
    pub title: Option<String>,
    /// The canonical address of the article.
    pub url: Option<String>,
    /// Publication date candidates as written, most trusted first.
    pub dates: Vec<(DateSource, String)>,
}

/// Elements that are never part of an article's body. Readability scores blocks by their text,
/// so a link list next to the body (a "previous post" bar, a menu) can otherwise be kept.
const NEVER_ARTICLE: &str = "nav, aside, [role='navigation'], [role='menu'], [role='menubar'], \
     [role='complementary'], [role='dialog'], [role='alertdialog']";

/// Reads an HTML page.
pub(crate) fn read(html: &str) -> Page {
    let doc = Document::from(html);
    let url = first_attr(
        &doc,
        &[("link[rel='canonical']", "href"), ("meta[property='og:url']", "content")],
    );
    let dates = date_candidates(&doc);
    doc.select(NEVER_ARTICLE).remove();
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let (text, title, ld_url) =
        match Readability::with_document(doc, None, Some(config)).and_then(|mut r| r.parse()) {
            Ok(a) => (tidy(&a.text_content), Some(a.title.trim().to_string()), a.url),
            // Readability finds nothing to read on pages without text; the caller reports an empty body.
            Err(_) => (String::new(), None, None),
        };
    Page {
        text,
        title: title.filter(|t| !t.is_empty()),
        url: url.or(ld_url.filter(|u| !u.trim().is_empty())),
        dates,
    }
}

/// The first non-empty attribute among `(selector, attribute)` pairs, in the order given.
fn first_attr(doc: &Document, wanted: &[(&str, &str)]) -> Option<String> {
    wanted.iter().find_map(|(sel, attr)| {
        doc.select(sel)
            .iter()
            .filter_map(|n| n.attr(attr))
            .map(|v| v.trim().to_string())
            .find(|v| !v.is_empty())
    })
}

/// Publication dates the page states, in order of trust: the Open Graph article tag, JSON-LD
/// `datePublished`, then `<time datetime>` (marked-up publication times before any other).
fn date_candidates(doc: &Document) -> Vec<(DateSource, String)> {
    let mut out = Vec::new();
    for sel in ["meta[property='article:published_time']", "meta[name='article:published_time']"] {
        for n in doc.select(sel).iter() {
            if let Some(v) = n.attr("content") {
                out.push((DateSource::ArticleMeta, v.trim().to_string()));
            }
        }
    }
    for n in doc.select("script[type='application/ld+json']").iter() {
        let raw = n.text();
        // Some publishers wrap JSON-LD in CDATA markers; a block that is not JSON is skipped.
        let raw = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>");
        if let Ok(v) = serde_json::from_str::<Value>(raw) {
            json_ld_dates(&v, &mut out);
        }
    }
    let times = [
        "time[itemprop='datePublished'][datetime]",
        "time[pubdate][datetime]",
        "article time[datetime]",
        "time[datetime]",
    ];
    for sel in times {
        if let Some(v) = doc.select(sel).iter().find_map(|n| n.attr("datetime")) {
            out.push((DateSource::TimeElement, v.trim().to_string()));
            break;
        }
    }
    out
}

/// Every `datePublished` string in a JSON-LD value, depth first (`@graph` and arrays included).
fn json_ld_dates(v: &Value, out: &mut Vec<(DateSource, String)>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(d)) = map.get("datePublished") {
                out.push((DateSource::JsonLd, d.trim().to_string()));
            }
            for (k, child) in map {
                if k != "datePublished" {
                    json_ld_dates(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| json_ld_dates(x, out)),
        _ => {}
    }
}

/// Normalises the extracted text: no trailing spaces on lines, at most one blank line in a row,
/// no blank lines at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line.trim_start());
    }
    out
}
