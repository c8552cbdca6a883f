//! The analysis step every command shares: article text → NLP → extractors → [`Analysis`].

use anyhow::Result;
use sitrep_extract::Analysis;
use sitrep_ingest::Article;
use sitrep_nlp::{Doc, Pipeline};
use std::sync::OnceLock;

/// Everything needed to analyse articles, loaded once and shared by all threads.
pub struct Analyzer {
    nlp: Pipeline,
}

impl Analyzer {
    /// Loads the models and knowledge base.
    pub fn load() -> Result<Analyzer> {
        Ok(Analyzer { nlp: Pipeline::load()? })
    }

    /// The process-wide analyser, loaded on first use.
    pub fn shared() -> Result<&'static Analyzer> {
        static SHARED: OnceLock<Analyzer> = OnceLock::new();
        if let Some(a) = SHARED.get() {
            return Ok(a);
        }
        let loaded = Analyzer::load()?;
        Ok(SHARED.get_or_init(|| loaded))
    }

    /// The NLP step: tokens, tags, parse, sentences, lemmas and named entities.
    pub fn parse(&self, text: &str) -> Doc {
        self.nlp.process(text)
    }

    /// Analyses one article.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let doc = self.parse(&article.text);
        sitrep_extract::analyze(&doc, article.published)
    }
}
