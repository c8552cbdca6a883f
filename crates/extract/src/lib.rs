//! Extractors: from an annotated [`sitrep_nlp::Doc`] to the facts of one article, the
//! [`Analysis`] (the JSON contract in `shared/eval/README.md`).

pub mod analysis;
pub mod counts;
pub mod events;

pub use analysis::{Analysis, Count, Entity, Event, Geo, Mention, Modality, Quote, TextSpan, TimeExpr};

use chrono::NaiveDate;
use sitrep_nlp::Doc;

/// Runs every extractor over a parsed article.
///
/// `published` anchors relative dates ("yesterday", "in June"); without it they stay unresolved.
pub fn analyze(doc: &Doc, published: Option<NaiveDate>) -> Analysis {
    let _ = published;
    let mut analysis = Analysis::default();
    let (events, unrealised): (Vec<Event>, Vec<Event>) =
        events::extract_events(doc, &analysis.entities, &analysis.times).into_iter().partition(events::is_realised);
    analysis.counts = counts::extract_counts(doc);
    counts::link_events(&mut analysis.counts, &events);
    analysis.events = events;
    analysis.unrealised_events = unrealised;
    analysis
}
