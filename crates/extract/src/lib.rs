//! Extractors: from an annotated [`sitrep_nlp::Doc`] to the facts of one article, the
//! [`Analysis`] (the JSON contract in `shared/eval/README.md`).

pub mod analysis;

pub use analysis::{Analysis, Count, Entity, Event, Geo, Mention, Quote, TimeExpr};
