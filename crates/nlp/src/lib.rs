//! sitrep's NLP core: a pure-Rust runtime for spaCy's English model `en_core_web_sm` 3.8.0.
//!
//! The output of the pipeline is a [`Doc`]: tokens with their tags, lemmas and dependency
//! tree, sentences, and named entities, with offsets into the original text.

pub mod attribute_ruler;
pub mod doc;
pub mod lemmatizer;
pub mod lexeme;
pub mod model;
pub mod ner;
pub mod parser;
pub mod pipeline;
mod spacy_json;
pub mod state;
pub mod tokenizer;
pub mod transition;

pub use doc::{Doc, Span, Token};
pub use pipeline::{Components, Pipeline, PipelineError};
