//! The analysis step every command shares: article text → NLP → extractors → [`Analysis`].

use anyhow::Result;
use sitrep_extract::Analysis;
use sitrep_ingest::Article;
use sitrep_nlp::Doc;
use std::sync::OnceLock;

/// Everything needed to analyse articles, loaded once and shared by all threads.
pub struct Analyzer {
    _private: (),
}

impl Analyzer {
    /// Loads the models and knowledge base.
    pub fn load() -> Result<Analyzer> {
        Ok(Analyzer { _private: () })
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

    /// The NLP step: tokens, tags, parse and entities of the article text.
    ///
    /// Replaced by `sitrep_nlp::Pipeline::process` when the pipeline lands. Until then the
    /// document has no annotations, so the extractors find nothing and every layer is empty.
    pub fn parse(&self, text: &str) -> Doc {
        Doc::new(text.to_string(), vec![], vec![], vec![])
    }

    /// Analyses one article.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let doc = self.parse(&article.text);
        sitrep_extract::analyze(&doc, article.published)
    }
}
