//! spaCy's Tagger.v2 output layer: a linear map from token vectors to tag scores
//! (Softmax_v2 with `normalize_outputs = false`, so inference sees the raw scores).

use super::linalg::{Matrix, PackedAffine};
use super::weights::{TaggerMeta, WeightFile};
use super::ModelError;

/// The part-of-speech tagger's output layer.
#[derive(Debug, Clone)]
pub struct Tagger {
    affine: PackedAffine,
    labels: Vec<String>,
}

impl Tagger {
    pub(crate) fn load(
        file: &WeightFile,
        meta: &TaggerMeta,
        width: usize,
    ) -> Result<Self, ModelError> {
        let n = meta.labels.len();
        let w = file.tensor("tagger.W", &[n, width])?;
        let b = file.tensor("tagger.b", &[n])?;
        let order: Vec<usize> = (0..n).collect();
        Ok(Tagger {
            affine: PackedAffine::from_thinc(&w, width, &order, Some(&b)),
            labels: meta.labels.clone(),
        })
    }

    /// Tag names (fine-grained, e.g. `NNP`), in score order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Tag scores (`tokvecs.rows()` x `labels().len()`) from the shared tok2vec's output.
    pub fn scores(&self, tokvecs: &Matrix) -> Matrix {
        assert_eq!(
            tokvecs.cols(),
            self.affine.k(),
            "token vectors of the wrong width"
        );
        let mut out = Matrix::zeros(tokvecs.rows(), self.affine.n());
        self.affine.apply(
            tokvecs.as_slice(),
            tokvecs.rows(),
            tokvecs.cols(),
            out.as_mut_slice(),
            self.affine.n(),
        );
        out
    }

    /// The best tag index of every token (the first on ties, as numpy's argmax).
    pub fn predict(&self, tokvecs: &Matrix) -> Vec<usize> {
        let scores = self.scores(tokvecs);
        (0..scores.rows())
            .map(|i| {
                let row = scores.row(i);
                let mut best = 0;
                for (j, &s) in row.iter().enumerate() {
                    if s > row[best] {
                        best = j;
                    }
                }
                best
            })
            .collect()
    }
}
