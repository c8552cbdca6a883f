//! Extractors: from an annotated [`sitrep_nlp::Doc`] to the facts of one article, the
//! [`Analysis`] (the JSON contract in `shared/eval/README.md`).

pub mod analysis;
pub mod quotes;
pub mod times;

pub use analysis::{
    Analysis, Count, Entity, Event, Geo, Mention, Quote, QuoteKind, TimeExpr, TimexMod, TimexType,
};

use chrono::NaiveDate;
use sitrep_nlp::Doc;

/// Runs every extractor over a parsed article.
///
/// `published` anchors relative dates ("yesterday", "in June"); without it they stay unresolved.
pub fn analyze(doc: &Doc, published: Option<NaiveDate>) -> Analysis {
    let entities = Vec::new();
    let times = times::extract(doc, published);
    let quotes = quotes::extract(doc, &entities);
    let reported_speech = quotes::extract_reported(doc, &entities);
    Analysis { entities, times, quotes, reported_speech, ..Analysis::default() }
}
