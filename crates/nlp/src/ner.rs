//! spaCy's BILUO transition system for named entities (`ner.pyx`'s `BiluoPushDown`), for
//! prediction: the moves in the model's class order, their validity rules and their effect.
//!
//! spaCy's rules for preset entity annotations (`ent_iob` set before the NER runs) are not
//! needed: the pipeline never presets entities, so every token counts as unannotated.

use crate::state::{ContextFeatures, State, TokenInfo};
use crate::transition::{greedy_parse, read_moves, StateScorer, TransitionSystem, UnknownMove};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Begin,
    In,
    Last,
    Unit,
    Out,
}

/// The BILUO moves of an entity recogniser.
#[derive(Debug, Clone)]
pub struct BiluoMoves {
    /// `(move, label index)`; label 0 is the empty label.
    moves: Vec<(Move, u32)>,
    /// Label strings; `labels[0]` is empty.
    labels: Vec<String>,
}

/// An entity found by the recogniser: tokens `start..end` with a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Entity type (`PERSON`, `GPE`, ...).
    pub label: String,
}

impl BiluoMoves {
    /// Builds the system from class names in model order (`B-ORG`, `U-`, `O`, ...).
    pub fn from_names<'a>(
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<BiluoMoves, UnknownMove> {
        let (moves, labels) = read_moves(names, |m, _| match m {
            "B" => Some(Move::Begin),
            "I" => Some(Move::In),
            "L" => Some(Move::Last),
            "U" => Some(Move::Unit),
            "O" => Some(Move::Out),
            _ => None,
        })?;
        Ok(BiluoMoves { moves, labels })
    }

    /// The class name of move `m`, as spaCy prints it (`B-ORG`, `O`).
    pub fn move_name(&self, m: usize) -> String {
        let (mv, label) = self.moves[m];
        let prefix = match mv {
            Move::Begin => "B",
            Move::In => "I",
            Move::Last => "L",
            Move::Unit => "U",
            Move::Out => return "O".to_string(),
        };
        format!("{prefix}-{}", self.labels[label as usize])
    }

    /// Finds the entities of a document of tokens `tokens`, scoring states with `scorer`.
    pub fn recognise(&self, tokens: &[TokenInfo], scorer: &mut dyn StateScorer) -> Vec<Entity> {
        let mut state = State::new(tokens);
        greedy_parse(self, &mut state, scorer);
        self.entities(&state)
    }

    /// The complete entities of a final state (spaCy's `set_annotations`).
    pub fn entities(&self, state: &State) -> Vec<Entity> {
        state
            .ents()
            .iter()
            .filter(|e| e.start != -1 && e.end != -1)
            .map(|e| Entity {
                start: e.start as usize,
                end: e.end as usize,
                label: self.labels[e.label as usize].clone(),
            })
            .collect()
    }
}

impl TransitionSystem for BiluoMoves {
    fn n_moves(&self) -> usize {
        self.moves.len()
    }

    fn features(&self) -> ContextFeatures {
        ContextFeatures::Ner3
    }

    /// spaCy's `is_valid` of each move class. The state-dependent tests are made once; per
    /// move only its label is compared.
    fn set_valid(&self, st: &State, valid: &mut [bool]) {
        let open = st.entity_is_open();
        let (b0, b1) = (st.token(st.b(0)), st.token(st.b(1)));
        let ent_label = st.get_ent().label;
        // Entities do not cross sentence boundaries or start on whitespace.
        let begin = !open && st.buffer_length() >= 2 && b1.sent_start != 1 && !b0.is_space;
        let inside = open && st.buffer_length() >= 2 && !(st.b(1) != -1 && b1.sent_start == 1);
        let unit = !open && !b0.is_space;
        for (v, &(mv, label)) in valid.iter_mut().zip(&self.moves) {
            *v = match mv {
                Move::Begin => begin && label != 0,
                Move::In => inside && label != 0 && label == ent_label,
                Move::Last => open && label != 0 && label == ent_label,
                Move::Unit => unit && label != 0,
                Move::Out => !open,
            };
        }
    }

    fn apply(&self, st: &mut State, m: usize) {
        let (mv, label) = self.moves[m];
        match mv {
            Move::Begin => st.open_ent(label),
            Move::In | Move::Out => {}
            Move::Last => st.close_ent(),
            Move::Unit => {
                st.open_ent(label);
                st.close_ent();
            }
        }
        st.push();
        st.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moves of en_core_web_sm 3.8.0, in the order of its network's actions.
    fn model_moves() -> BiluoMoves {
        let model = &crate::model::Models::embedded().unwrap().ner;
        BiluoMoves::from_names(model.action_names().iter().map(String::as_str)).unwrap()
    }

    fn tokens(n: usize) -> Vec<TokenInfo> {
        let mut t = vec![TokenInfo::default(); n];
        t[0].sent_start = 1;
        t
    }

    /// A scorer that prefers the named move at each position of B0, then `O`.
    fn prefer<'a>(
        sys: &'a BiluoMoves,
        wanted: &'a [&'a str],
    ) -> impl FnMut(&[i32], &mut [f32]) + 'a {
        move |ids, scores| {
            let b0 = ids[0] as usize;
            for (m, s) in scores.iter_mut().enumerate() {
                let name = sys.move_name(m);
                *s = if name == wanted[b0] {
                    1.0
                } else if name == "O" {
                    0.5
                } else {
                    0.0
                };
            }
        }
    }

    #[test]
    fn model_move_list_is_in_class_order() {
        let sys = model_moves();
        assert_eq!(sys.n_moves(), 74);
        assert_eq!(sys.move_name(0), "B-ORG");
        assert_eq!(sys.move_name(72), "U-");
        assert_eq!(sys.move_name(73), "O");
    }

    #[test]
    fn follows_scores_when_valid() {
        let sys = model_moves();
        let toks = tokens(4);
        let mut scorer = prefer(&sys, &["B-PERSON", "L-PERSON", "O", "U-GPE"]);
        let ents = sys.recognise(&toks, &mut scorer);
        assert_eq!(
            ents,
            vec![
                Entity {
                    start: 0,
                    end: 2,
                    label: "PERSON".into()
                },
                Entity {
                    start: 3,
                    end: 4,
                    label: "GPE".into()
                }
            ]
        );
    }

    #[test]
    fn entities_stop_at_sentence_starts_and_skip_whitespace() {
        let sys = model_moves();
        let mut toks = tokens(4);
        toks[1].sent_start = 1;
        toks[2].is_space = true;
        // B is invalid before a sentence start, U on whitespace: the best valid move wins.
        let mut scorer = prefer(&sys, &["B-ORG", "U-ORG", "U-ORG", "O"]);
        let ents = sys.recognise(&toks, &mut scorer);
        assert_eq!(
            ents,
            vec![Entity {
                start: 1,
                end: 2,
                label: "ORG".into()
            }]
        );
    }

    #[test]
    fn an_open_entity_must_close_at_the_end() {
        let sys = model_moves();
        let toks = tokens(2);
        let mut scorer = prefer(&sys, &["B-DATE", "I-DATE"]);
        let ents = sys.recognise(&toks, &mut scorer);
        assert_eq!(
            ents,
            vec![Entity {
                start: 0,
                end: 2,
                label: "DATE".into()
            }]
        );
    }
}
