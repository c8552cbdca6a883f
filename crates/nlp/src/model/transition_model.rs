//! spaCy's TransitionBasedParser.v2 network, as its greedy C path runs it
//! (`spacy/ml/parser_model.pyx`: `precompute_hiddens` + `predict_states`).
//!
//! Per document: token vectors -> Linear (to `hidden` wide) -> the lower layer's contribution
//! of every token in every feature slot (`n_features` x `hidden` x `pieces` per token),
//! computed once. Per state: the contributions of the state's feature tokens are summed (a
//! learned pad vector stands in for a missing token, id -1), the bias is added, Maxout gives
//! the hidden vector, and the upper Linear layer gives one score per action.

use std::cell::Cell;

use super::linalg::{add_assign, maxout_piece_major, multiversion, Matrix, PackedAffine, LANES};
use super::tok2vec::piece_major_order;
use super::weights::{TransitionMeta, WeightFile};
use super::ModelError;

/// States whose hidden vectors go through the upper layer together.
const STATE_CHUNK: usize = 32;

thread_local! {
    /// Working memory of [`TransitionModel::scores`]: a state's summed features
    /// (`hidden * pieces`) and the hidden vectors of a chunk of states.
    static SCORE_BUFFERS: Cell<(Vec<f32>, Vec<f32>)> = const { Cell::new((Vec::new(), Vec::new())) };
}

/// The network of the dependency parser or of the entity recogniser.
#[derive(Debug, Clone)]
pub struct TransitionModel {
    /// Token vector -> lower layer input.
    linear: PackedAffine,
    /// Lower layer input -> `n_features` blocks of `hidden * pieces` (each piece-major).
    lower: PackedAffine,
    /// `hidden * pieces`, piece-major.
    lower_bias: Vec<f32>,
    /// The vectors used for a missing token: `n_features` blocks of `hidden * pieces`.
    pad: Vec<f32>,
    /// Hidden vector -> action scores.
    upper: PackedAffine,
    n_features: usize,
    hidden: usize,
    pieces: usize,
    actions: Vec<String>,
}

/// The lower layer applied to every token of a document, ready for [`TransitionModel::scores`].
#[derive(Debug, Clone)]
pub struct Precomputed {
    n_tokens: usize,
    /// `n_tokens` x `n_features * hidden * pieces`.
    data: Vec<f32>,
}

impl Precomputed {
    /// Number of tokens (valid feature ids are `0..n_tokens`).
    pub fn n_tokens(&self) -> usize {
        self.n_tokens
    }
}

impl TransitionModel {
    /// Loads the model whose tensors are named `prefix.*` (`parser` or `ner`).
    pub(crate) fn load(
        file: &WeightFile,
        prefix: &str,
        meta: &TransitionMeta,
        tok2vec_width: usize,
    ) -> Result<Self, ModelError> {
        let (nf, h, np) = (meta.n_features, meta.hidden, meta.pieces);
        if h == 0 || np == 0 || h % LANES != 0 {
            return Err(file.invalid(format!(
                "{prefix}: unsupported hidden width {h} x {np} pieces"
            )));
        }
        let nop = h * np;
        let n_actions = meta.actions.len();

        let linear_w = file.tensor(&format!("{prefix}.linear.W"), &[h, tok2vec_width])?;
        let linear_b = file.tensor(&format!("{prefix}.linear.b"), &[h])?;
        let identity: Vec<usize> = (0..h).collect();
        let linear = PackedAffine::from_thinc(&linear_w, tok2vec_width, &identity, Some(&linear_b));

        // thinc's lower W is (nF, nO, nP, nI); its outputs f*nO*nP + o*nP + p become
        // f*nO*nP + p*nO + o, so that each feature block is piece-major.
        let lower_w = file.tensor(&format!("{prefix}.lower.W"), &[nf, h, np, h])?;
        let block_order = piece_major_order(h, np);
        let order: Vec<usize> = (0..nf)
            .flat_map(|f| block_order.iter().map(move |&j| f * nop + j))
            .collect();
        let lower = PackedAffine::from_thinc(&lower_w, h, &order, None);
        let lower_b = file.tensor(&format!("{prefix}.lower.b"), &[h, np])?;
        let pad = file.tensor(&format!("{prefix}.lower.pad"), &[1, nf, h, np])?;

        let upper_w = file.tensor(&format!("{prefix}.upper.W"), &[n_actions, h])?;
        let upper_b = file.tensor(&format!("{prefix}.upper.b"), &[n_actions])?;
        let action_order: Vec<usize> = (0..n_actions).collect();
        Ok(TransitionModel {
            linear,
            lower,
            lower_bias: block_order.iter().map(|&j| lower_b[j]).collect(),
            pad: order.iter().map(|&j| pad[j]).collect(),
            upper: PackedAffine::from_thinc(&upper_w, h, &action_order, Some(&upper_b)),
            n_features: nf,
            hidden: h,
            pieces: np,
            actions: meta.actions.clone(),
        })
    }

    /// Action names in score order, e.g. `S`, `D`, `L-nsubj`, `R-dobj` for the parser and
    /// `B-ORG`, `I-ORG`, `L-ORG`, `U-ORG`, `U-`, `O` for the entity recogniser.
    pub fn action_names(&self) -> &[String] {
        &self.actions
    }

    /// Number of actions (the width of a state's scores).
    pub fn n_actions(&self) -> usize {
        self.actions.len()
    }

    /// Number of feature tokens per state (8 for the parser, 3 for the entity recogniser).
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Runs the per-token part of the network on a document's token vectors (the output of
    /// the tok2vec that feeds this model). Several documents may be stacked into one matrix;
    /// feature ids then index the stacked rows.
    pub fn precompute(&self, tokvecs: &Matrix) -> Precomputed {
        assert_eq!(
            tokvecs.cols(),
            self.linear.k(),
            "token vectors of the wrong width"
        );
        let n = tokvecs.rows();
        let mut hidden_in = vec![0.0; n * self.hidden];
        self.linear.apply(
            tokvecs.as_slice(),
            n,
            tokvecs.cols(),
            &mut hidden_in,
            self.hidden,
        );
        let width = self.lower.n();
        let mut data = vec![0.0; n * width];
        self.lower
            .apply(&hidden_in, n, self.hidden, &mut data, width);
        Precomputed { n_tokens: n, data }
    }

    /// Scores every action for a batch of states.
    ///
    /// `feature_token_ids` holds `n_features()` token indices per state (into the rows given
    /// to [`precompute`](Self::precompute); -1 for a missing token), state after state.
    /// `out` receives `n_actions()` scores per state, state after state.
    ///
    /// Panics if the lengths do not match or an id is out of range (a caller bug).
    pub fn scores(&self, pre: &Precomputed, feature_token_ids: &[i32], out: &mut [f32]) {
        let (nf, na) = (self.n_features, self.n_actions());
        assert_eq!(
            feature_token_ids.len() % nf,
            0,
            "feature ids are not a whole number of states"
        );
        let n_states = feature_token_ids.len() / nf;
        assert_eq!(
            out.len(),
            n_states * na,
            "score buffer has the wrong length"
        );
        score_states(self, pre, feature_token_ids, out);
    }
}

multiversion! {
    /// See [`TransitionModel::scores`].
    fn score_states(model: &TransitionModel, pre: &Precomputed, feature_token_ids: &[i32], out: &mut [f32]) {
        let (nf, h, na) = (model.n_features, model.hidden, model.n_actions());
        let nop = h * model.pieces;
        let block = nf * nop;
        // Per-thread buffers: zeroing fresh ones at every parser step would cost more than
        // the step's arithmetic.
        let mut buffers = SCORE_BUFFERS.with(|b| b.take());
        let (unmaxed, hidden) = &mut buffers;
        unmaxed.resize(nop, 0.0);
        hidden.resize(STATE_CHUNK * h, 0.0);
        let n_states = feature_token_ids.len() / nf;
        let mut start = 0;
        while start < n_states {
            let m = STATE_CHUNK.min(n_states - start);
            for s in 0..m {
                // As sum_state_features: the features in order from zero, then the bias.
                unmaxed.fill(0.0);
                let ids = &feature_token_ids[(start + s) * nf..(start + s + 1) * nf];
                for (f, &id) in ids.iter().enumerate() {
                    let v = if id < 0 {
                        &model.pad[f * nop..(f + 1) * nop]
                    } else {
                        let t = id as usize;
                        assert!(t < pre.n_tokens, "feature token {t} out of range ({} tokens)", pre.n_tokens);
                        &pre.data[t * block + f * nop..t * block + (f + 1) * nop]
                    };
                    add_assign(unmaxed, v);
                }
                add_assign(unmaxed, &model.lower_bias);
                maxout_piece_major(unmaxed, &mut hidden[s * h..(s + 1) * h]);
            }
            model.upper.apply(hidden, m, h, &mut out[start * na..(start + m) * na], na);
            start += m;
        }
        SCORE_BUFFERS.with(|b| b.set(buffers));
    }
}
