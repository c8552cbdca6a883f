//! Greedy decoding shared by the NER and the dependency parser, as spaCy's
//! `Parser._parseC` / `c_transition_batch` do it: at each step score the state, then take
//! the highest-scoring valid move (the first one on ties); if no move is valid, end the parse.

use crate::state::{ContextFeatures, State};

/// A transition system: a fixed list of moves (the model's output classes, in its order).
pub trait TransitionSystem {
    /// Number of moves, i.e. the model's output width.
    fn n_moves(&self) -> usize;
    /// Which context tokens the model reads.
    fn features(&self) -> ContextFeatures;
    /// Writes whether each move is valid in `state`.
    fn set_valid(&self, state: &State, valid: &mut [bool]);
    /// Applies move `m` to `state`.
    fn apply(&self, state: &mut State, m: usize);
}

/// Scores the moves of one state from its context token ids (-1 for none).
///
/// `ids` has `features().len()` entries; `scores` has `n_moves()` entries to overwrite.
pub trait StateScorer {
    /// Writes the score of every move for the state whose context is `ids`.
    fn score(&mut self, ids: &[i32], scores: &mut [f32]);
}

impl<F: FnMut(&[i32], &mut [f32])> StateScorer for F {
    fn score(&mut self, ids: &[i32], scores: &mut [f32]) {
        self(ids, scores)
    }
}

/// The index of the highest score among valid moves (first on ties), as spaCy's
/// `arg_max_if_valid`.
pub fn arg_max_if_valid(scores: &[f32], valid: &[bool]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, (&s, &ok)) in scores.iter().zip(valid).enumerate() {
        if ok && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

/// Runs `system` greedily from `state` until it is final; returns the moves taken.
pub fn greedy_parse<T: TransitionSystem + ?Sized>(
    system: &T,
    state: &mut State,
    scorer: &mut dyn StateScorer,
) -> Vec<usize> {
    let n = system.n_moves();
    let features = system.features();
    let mut ids = vec![-1i32; features.len()];
    let mut scores = vec![0f32; n];
    let mut valid = vec![false; n];
    let mut history = Vec::new();
    while !state.is_final() {
        state.set_context_tokens(features, &mut ids);
        scorer.score(&ids, &mut scores);
        system.set_valid(state, &mut valid);
        match arg_max_if_valid(&scores, &valid) {
            Some(m) => {
                system.apply(state, m);
                history.push(m);
            }
            None => state.force_final(),
        }
    }
    history
}

/// Splits a class name such as `B-ORG`, `L-pobj||prep` or `S` into move and label
/// (spaCy's `split_bilu_label`: at the first `-`).
pub fn split_move_name(name: &str) -> (&str, &str) {
    name.split_once('-').unwrap_or((name, ""))
}

/// A move list that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("unknown transition {0:?} in move list")]
pub struct UnknownMove(pub String);

/// The moves of a transition system: `(move, label index)` pairs in model order, and the label
/// strings, `labels[0]` being the empty label.
pub type MoveTable<M> = (Vec<(M, u32)>, Vec<String>);

/// Reads the moves of a transition system from class names in model order. `decode` maps a
/// name's move and label parts to a move, or `None` for a name the system does not know.
pub fn read_moves<'a, M>(
    names: impl IntoIterator<Item = &'a str>,
    decode: impl Fn(&str, &str) -> Option<M>,
) -> Result<MoveTable<M>, UnknownMove> {
    let mut labels = vec![String::new()];
    let mut moves = Vec::new();
    for name in names {
        let (m, label) = split_move_name(name);
        let m = decode(m, label).ok_or_else(|| UnknownMove(name.to_string()))?;
        let label = match labels.iter().position(|l| l == label) {
            Some(k) => k,
            None => {
                labels.push(label.to_string());
                labels.len() - 1
            }
        };
        moves.push((m, label as u32));
    }
    Ok((moves, labels))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arg_max_skips_invalid_and_keeps_first_on_ties() {
        let scores = [5.0, 1.0, 3.0, 3.0];
        assert_eq!(
            arg_max_if_valid(&scores, &[false, true, true, true]),
            Some(2)
        );
        assert_eq!(
            arg_max_if_valid(&scores, &[false, false, false, false]),
            None
        );
    }

    #[test]
    fn move_names_split_at_the_first_dash() {
        assert_eq!(split_move_name("L-pobj||prep"), ("L", "pobj||prep"));
        assert_eq!(split_move_name("U-"), ("U", ""));
        assert_eq!(split_move_name("O"), ("O", ""));
    }
}
