//! Test support: test sentences parsed by sitrep's own NLP pipeline, as in production.

use sitrep_nlp::{Doc, Pipeline};
use std::sync::OnceLock;

/// The parsed document for `text`.
pub fn parse(text: &str) -> Doc {
    static NLP: OnceLock<Pipeline> = OnceLock::new();
    NLP.get_or_init(|| Pipeline::load().expect("the embedded model loads")).process(text)
}
