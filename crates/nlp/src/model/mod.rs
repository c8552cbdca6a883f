//! The neural networks of spaCy's `en_core_web_sm` 3.8.0, in pure Rust.
//!
//! The trained weights are embedded in the binary (`data/en_core_web_sm/weights.safetensors`,
//! written by `scripts/spacy_model/convert.py`); [`Models::embedded`] loads them once.
//!
//! Components, and how the pipeline drives them for one document:
//!
//! 1. Token attributes: one [`TokenAttrs`] per token (string hashes of NORM, PREFIX, SUFFIX,
//!    SHAPE, then SPACY and IS_SPACE as 0/1), as `Doc.to_array(ATTR_NAMES)` gives them.
//! 2. `tokvecs = models.tok2vec.forward(&attrs)` (n x 96), shared by tagger and parser;
//!    `ner_tokvecs = models.ner_tok2vec.forward(&attrs)` for the entity recogniser (it reads
//!    only the first four attributes).
//! 3. `models.tagger.predict(&tokvecs)` gives tag indices into `models.tagger.labels()`.
//! 4. Parser and entity recogniser ([`TransitionModel`]): `let pre = model.precompute(&tokvecs)`
//!    once per document; then at every step, for a batch of states, the transition system
//!    writes each state's `model.n_features()` context token indices (0-based indices into
//!    the document's tokens, -1 where the state has no such token, as spaCy's
//!    `StateC::set_context_tokens`) into `ids`, and `model.scores(&pre, &ids, &mut scores)`
//!    fills `model.n_actions()` scores per state, in the order of `model.action_names()`.
//!    Choosing the best valid action and applying it is the transition system's job
//!    (`crate::transition`).
//!
//! Numerics follow thinc/spaCy in f32. On the 300 articles of the Lee corpus (68,150 tokens)
//! `scripts/spacy_model/check_model.py` found token vectors within 5e-6 of Python spaCy's,
//! parser and NER action scores within 3e-5 along spaCy's own parse of every document, the
//! same tag for every token and the same best action at every one of the 207,812 steps.
//! The tests in this module check the same on a fixture from a few sentences.
//!
//! Speed: matrix products use AVX2/FMA kernels when the CPU has them (portable code
//! otherwise), on weights packed at load; element-wise work is vectorised the same way.
//! `examples/model_bench.rs` times the networks alone.

mod hash;
mod linalg;
mod tagger;
mod tok2vec;
mod transition_model;
mod weights;

use std::sync::OnceLock;

pub use linalg::Matrix;
pub use tagger::Tagger;
pub use tok2vec::{Tok2Vec, TokenAttrs, ATTR_NAMES};
pub use transition_model::{Precomputed, TransitionModel};

use weights::WeightFile;

/// The weights file, embedded at build time.
static WEIGHTS: &[u8] = include_bytes!("../../../../data/en_core_web_sm/weights.safetensors");
/// How errors name the embedded file.
const EMBEDDED_NAME: &str = "data/en_core_web_sm/weights.safetensors (embedded)";

/// A weights file that cannot be used: names the file and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("model weights {origin}: {message}")]
pub struct ModelError {
    origin: String,
    message: String,
}

impl ModelError {
    fn new(origin: &str, message: String) -> Self {
        ModelError {
            origin: origin.to_string(),
            message,
        }
    }
}

/// All networks of the pipeline.
#[derive(Debug, Clone)]
pub struct Models {
    /// The shared token-to-vector layer (feeds tagger and parser).
    pub tok2vec: Tok2Vec,
    /// The part-of-speech tagger.
    pub tagger: Tagger,
    /// The dependency parser's network.
    pub parser: TransitionModel,
    /// The entity recogniser's own token-to-vector layer.
    pub ner_tok2vec: Tok2Vec,
    /// The entity recogniser's network.
    pub ner: TransitionModel,
}

impl Models {
    /// The embedded en_core_web_sm 3.8.0 networks, loaded on first use (a few ms).
    pub fn embedded() -> Result<&'static Models, ModelError> {
        static MODELS: OnceLock<Result<Models, ModelError>> = OnceLock::new();
        MODELS
            .get_or_init(|| Models::from_bytes(WEIGHTS, EMBEDDED_NAME))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads the networks from the bytes of a weights file; `origin` names it in errors.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Models, ModelError> {
        let file = WeightFile::parse(bytes, origin)?;
        let meta = file.components()?;
        let tok2vec = Tok2Vec::load(&file, "tok2vec", &meta.tok2vec)?;
        let ner_tok2vec = Tok2Vec::load(&file, "ner.tok2vec", &meta.ner_tok2vec)?;
        Ok(Models {
            tagger: Tagger::load(&file, &meta.tagger, tok2vec.width())?,
            parser: TransitionModel::load(&file, "parser", &meta.parser, tok2vec.width())?,
            ner: TransitionModel::load(&file, "ner", &meta.ner, ner_tok2vec.width())?,
            tok2vec,
            ner_tok2vec,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_models_have_the_expected_shapes() {
        let models = Models::embedded().unwrap();
        assert_eq!(models.tok2vec.width(), 96);
        assert_eq!(models.ner_tok2vec.width(), 96);
        assert_eq!(models.tagger.labels().len(), 50);
        assert!(models.tagger.labels().iter().any(|l| l == "NNP"));
        assert_eq!(models.parser.n_features(), 8);
        assert_eq!(models.parser.n_actions(), 106);
        assert_eq!(
            models.parser.action_names()[..2],
            ["S".to_string(), "D".to_string()]
        );
        assert_eq!(models.ner.n_features(), 3);
        assert_eq!(
            models.ner.action_names().last().map(String::as_str),
            Some("O")
        );
    }

    /// One document of `testdata/spacy_reference.json`, written by
    /// `scripts/spacy_model/check_model.py --fixture` from Python spaCy.
    #[derive(serde::Deserialize)]
    struct Reference {
        text: String,
        attrs: Vec<TokenAttrs>,
        tok2vec: Vec<f32>,
        ner_tok2vec: Vec<f32>,
        tags: Vec<usize>,
        parser_ids: Vec<Vec<i32>>,
        parser_scores: Vec<f32>,
        ner_ids: Vec<Vec<i32>>,
        ner_scores: Vec<f32>,
    }

    fn assert_close(what: &str, text: &str, got: &[f32], expected: &[f32]) {
        assert_eq!(
            got.len(),
            expected.len(),
            "{what} of {text:?}: lengths differ"
        );
        let worst = got
            .iter()
            .zip(expected)
            .map(|(g, e)| (g - e).abs())
            .fold(0.0f32, f32::max);
        assert!(
            worst < 1e-4,
            "{what} of {text:?}: differs from spaCy by up to {worst}"
        );
    }

    #[test]
    fn networks_match_spacy_on_reference_sentences() {
        #[derive(serde::Deserialize)]
        struct Fixture {
            docs: Vec<Reference>,
        }
        let fixture: Fixture =
            serde_json::from_str(include_str!("testdata/spacy_reference.json")).unwrap();
        let models = Models::embedded().unwrap();
        for doc in &fixture.docs {
            let tokvecs = models.tok2vec.forward(&doc.attrs);
            assert_close("tok2vec", &doc.text, tokvecs.as_slice(), &doc.tok2vec);
            let ner_tokvecs = models.ner_tok2vec.forward(&doc.attrs);
            assert_close(
                "ner tok2vec",
                &doc.text,
                ner_tokvecs.as_slice(),
                &doc.ner_tok2vec,
            );
            assert_eq!(
                models.tagger.predict(&tokvecs),
                doc.tags,
                "tags of {:?}",
                doc.text
            );
            for (name, model, vecs, ids, expected) in [
                (
                    "parser",
                    &models.parser,
                    &tokvecs,
                    &doc.parser_ids,
                    &doc.parser_scores,
                ),
                (
                    "ner",
                    &models.ner,
                    &ner_tokvecs,
                    &doc.ner_ids,
                    &doc.ner_scores,
                ),
            ] {
                let pre = model.precompute(vecs);
                // All steps as one batch, then each step alone (the greedy decoder's use).
                let flat: Vec<i32> = ids.iter().flatten().copied().collect();
                let mut scores = vec![0.0; ids.len() * model.n_actions()];
                model.scores(&pre, &flat, &mut scores);
                assert_close(name, &doc.text, &scores, expected);
                let mut one = vec![0.0; model.n_actions()];
                for (step, state_ids) in ids.iter().enumerate() {
                    model.scores(&pre, state_ids, &mut one);
                    assert_close(
                        name,
                        &doc.text,
                        &one,
                        &scores[step * one.len()..(step + 1) * one.len()],
                    );
                }
            }
        }
    }

    #[test]
    fn empty_document_gives_no_vectors() {
        let models = Models::embedded().unwrap();
        let tokvecs = models.tok2vec.forward(&[]);
        assert_eq!((tokvecs.rows(), tokvecs.cols()), (0, 96));
        assert!(models.tagger.predict(&tokvecs).is_empty());
        let pre = models.parser.precompute(&tokvecs);
        assert_eq!(pre.n_tokens(), 0);
        // A state with no tokens at all is scored from the pad vectors alone.
        let mut scores = vec![0.0; models.parser.n_actions()];
        models.parser.scores(&pre, &[-1; 8], &mut scores);
        assert!(scores.iter().all(|s| s.is_finite()));
    }

    #[test]
    fn broken_files_give_errors_naming_the_file() {
        let err = Models::from_bytes(b"not weights", "x.safetensors").unwrap_err();
        assert!(
            err.to_string().starts_with("model weights x.safetensors: "),
            "{err}"
        );
        let mut truncated = WEIGHTS[..WEIGHTS.len() - 4].to_vec();
        let err = Models::from_bytes(&truncated, "cut.safetensors").unwrap_err();
        assert!(err.to_string().contains("cut.safetensors"), "{err}");
        truncated.clear();
        assert!(Models::from_bytes(&truncated, "empty").is_err());
    }
}
