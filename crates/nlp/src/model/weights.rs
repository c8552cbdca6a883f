//! Reading the weights file written by `scripts/spacy_model/convert.py`: a safetensors file of
//! f32 tensors in thinc's layouts, with the label lists and hash seeds as JSON metadata.

use std::collections::HashMap;

use safetensors::{Dtype, SafeTensors};
use serde::Deserialize;

use super::ModelError;

/// The format tag convert.py writes; bumped when the layout changes.
const FORMAT: &str = "sitrep-spacy-weights/1";

/// Settings of one spacy.Tok2Vec.v2 (MultiHashEmbed + MaxoutWindowEncoder).
#[derive(Debug, Deserialize)]
pub(crate) struct Tok2VecMeta {
    /// Token attributes embedded, in column order ("NORM", "PREFIX", ...).
    pub attrs: Vec<String>,
    /// The HashEmbed seed of each attribute.
    pub seeds: Vec<u32>,
    /// Number of residual CNN layers.
    pub depth: usize,
    /// Zero rows that thinc puts before and after each document for the CNN.
    pub pad: usize,
}

/// Settings of one spacy.TransitionBasedParser.v2.
#[derive(Debug, Deserialize)]
pub(crate) struct TransitionMeta {
    /// Action names in score order ("S", "L-nsubj", "B-ORG", ...).
    pub actions: Vec<String>,
    /// State features (tokens) per state.
    pub n_features: usize,
    /// Width of the hidden layer.
    pub hidden: usize,
    /// Maxout pieces of the hidden layer.
    pub pieces: usize,
}

/// Tagger settings.
#[derive(Debug, Deserialize)]
pub(crate) struct TaggerMeta {
    /// Tag names in score order.
    pub labels: Vec<String>,
}

/// The `components` metadata entry.
#[derive(Debug, Deserialize)]
pub(crate) struct ComponentsMeta {
    pub tok2vec: Tok2VecMeta,
    #[serde(rename = "ner.tok2vec")]
    pub ner_tok2vec: Tok2VecMeta,
    pub tagger: TaggerMeta,
    pub parser: TransitionMeta,
    pub ner: TransitionMeta,
}

/// An opened weights file.
pub(crate) struct WeightFile<'a> {
    origin: &'a str,
    tensors: SafeTensors<'a>,
    metadata: HashMap<String, String>,
}

impl<'a> WeightFile<'a> {
    /// Parses `bytes`; `origin` names the file in errors.
    pub fn parse(bytes: &'a [u8], origin: &'a str) -> Result<Self, ModelError> {
        let err = |message: String| ModelError::new(origin, message);
        let (_, header) = SafeTensors::read_metadata(bytes)
            .map_err(|e| err(format!("not a safetensors file: {e}")))?;
        let metadata = header.metadata().clone().unwrap_or_default();
        let tensors = SafeTensors::deserialize(bytes)
            .map_err(|e| err(format!("not a safetensors file: {e}")))?;
        let file = WeightFile {
            origin,
            tensors,
            metadata,
        };
        let format = file.metadata_entry("format")?;
        if format != FORMAT {
            return Err(err(format!("format is {format:?}, expected {FORMAT:?}")));
        }
        Ok(file)
    }

    fn error(&self, message: String) -> ModelError {
        ModelError::new(self.origin, message)
    }

    fn metadata_entry(&self, key: &str) -> Result<&str, ModelError> {
        self.metadata
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| self.error(format!("metadata has no {key:?} entry")))
    }

    /// The component settings.
    pub fn components(&self) -> Result<ComponentsMeta, ModelError> {
        serde_json::from_str(self.metadata_entry("components")?)
            .map_err(|e| self.error(format!("bad \"components\" metadata: {e}")))
    }

    /// Tensor `name`, which must be f32 of exactly `shape`.
    pub fn tensor(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, ModelError> {
        let view = self
            .tensors
            .tensor(name)
            .map_err(|_| self.error(format!("tensor {name:?} is missing")))?;
        if view.dtype() != Dtype::F32 {
            return Err(self.error(format!(
                "tensor {name:?} is {:?}, expected F32",
                view.dtype()
            )));
        }
        if view.shape() != shape {
            return Err(self.error(format!(
                "tensor {name:?} has shape {:?}, expected {shape:?}",
                view.shape()
            )));
        }
        Ok(view
            .data()
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    /// The shape of tensor `name`.
    pub fn shape(&self, name: &str) -> Result<Vec<usize>, ModelError> {
        self.tensors
            .tensor(name)
            .map(|view| view.shape().to_vec())
            .map_err(|_| self.error(format!("tensor {name:?} is missing")))
    }

    /// An error about this file.
    pub fn invalid(&self, message: impl Into<String>) -> ModelError {
        self.error(message.into())
    }
}
