//! Extractors: from an annotated [`sitrep_nlp::Doc`] to the facts of one article, the
//! [`Analysis`] (the JSON contract in `shared/eval/README.md`).
//!
//! Order matters: entities first (every other layer names them), then times (events take their
//! dates from them), quotes, and finally counts and events.

pub mod analysis;
pub mod counts;
pub mod entities;
pub mod events;
pub mod quotes;
pub mod times;

pub use analysis::{
    Analysis, Count, Entity, Event, Geo, Mention, Modality, Quote, QuoteKind, TextSpan, TimeExpr,
    TimexMod, TimexType,
};
pub use entities::{entity_at, entity_named};

use chrono::NaiveDate;
use sitrep_nlp::Doc;

/// Runs every extractor over a parsed article.
///
/// `published` anchors relative dates ("yesterday", "in June"); without it they stay unresolved.
pub fn analyze(doc: &Doc, published: Option<NaiveDate>) -> Analysis {
    let entities = entities::extract_entities(doc);
    let times = times::extract(doc, published);
    let quotes = quotes::extract(doc, &entities);
    let reported_speech = quotes::extract_reported(doc, &entities);
    let mut analysis =
        Analysis { entities, times, quotes, reported_speech, ..Analysis::default() };
    add_counts_and_events(doc, &mut analysis);
    analysis
}

/// Fills `counts`, `events` and `unrealised_events` of an analysis whose `entities` and `times`
/// are already found: events name their participants by those entities and take their dates
/// from those times; counts are linked to the events stated with them.
pub fn add_counts_and_events(doc: &Doc, analysis: &mut Analysis) {
    let (realised, unrealised): (Vec<Event>, Vec<Event>) =
        events::extract_events(doc, &analysis.entities, &analysis.times)
            .into_iter()
            .partition(events::is_realised);
    analysis.counts = counts::extract_counts(doc);
    counts::link_events(&mut analysis.counts, &realised);
    analysis.events = realised;
    analysis.unrealised_events = unrealised;
}
