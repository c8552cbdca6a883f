//! Extractors: from an annotated [`sitrep_nlp::Doc`] to the facts of one article, the
//! [`Analysis`] (the JSON contract in `shared/eval/README.md`).

pub mod analysis;
pub mod quotes;

pub use analysis::{Analysis, Count, Entity, Event, Geo, Mention, Quote, QuoteKind, TimeExpr};

use chrono::NaiveDate;
use sitrep_nlp::Doc;

/// Runs every extractor over a parsed article.
///
/// `published` anchors relative dates ("yesterday", "in June"); without it they stay unresolved.
pub fn analyze(doc: &Doc, published: Option<NaiveDate>) -> Analysis {
    let _ = published;
    let mut analysis = Analysis::default();
    analysis.quotes = quotes::extract(doc, &analysis.entities);
    analysis.reported_speech = quotes::extract_reported(doc, &analysis.entities);
    analysis
}
