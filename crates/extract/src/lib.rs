//! Extractors: from an annotated [`sitrep_nlp::Doc`] to the facts of one article, the
//! [`Analysis`] (the JSON contract in `shared/eval/README.md`).

pub mod analysis;
pub mod entities;

pub use analysis::{Analysis, Count, Entity, Event, Geo, Mention, Quote, TimeExpr};
pub use entities::{entity_at, entity_named};

use chrono::NaiveDate;
use sitrep_nlp::Doc;

/// Runs every extractor over a parsed article.
///
/// `published` anchors relative dates ("yesterday", "in June"); without it they stay unresolved.
pub fn analyze(doc: &Doc, published: Option<NaiveDate>) -> Analysis {
    let _ = (doc, published);
    Analysis { entities: entities::extract_entities(doc), ..Analysis::default() }
}
