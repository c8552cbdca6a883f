//! spaCy's arc-eager transition system for dependency parsing (`arc_eager.pyx`), for
//! prediction, and what spaCy does with a finished parse: heads and labels
//! (`ArcEager.set_annotations`), sentence starts (`set_children_from_heads`) and the
//! pseudo-projective decoding of `label||head_label` arcs (`nonproj.deprojectivize`).

use crate::state::{ContextFeatures, State, TokenInfo};
use crate::transition::{greedy_parse, read_moves, StateScorer, TransitionSystem, UnknownMove};

/// spaCy's separator in pseudo-projective labels (`nonproj.DELIMITER`).
const DELIMITER: &str = "||";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Shift = 0,
    Reduce = 1,
    Left = 2,
    Right = 3,
    Break = 4,
}

/// The arc-eager moves of a dependency parser.
#[derive(Debug, Clone)]
pub struct ArcEager {
    /// `(move, label index)`; label 0 is the empty label.
    moves: Vec<(Move, u32)>,
    /// Label strings; `labels[0]` is empty.
    labels: Vec<String>,
}

/// A finished parse of one document, as spaCy leaves it on the `Doc`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    /// Absolute index of each token's head; a root is its own head.
    pub heads: Vec<usize>,
    /// Dependency label of each token (`ROOT` for roots).
    pub deps: Vec<String>,
    /// spaCy's `sent_start` per token: 1 starts a sentence, -1 does not.
    pub sent_starts: Vec<i8>,
}

impl Parse {
    /// Sentences as token ranges, split where `sent_starts` is 1 (spaCy's `Doc.sents`).
    pub fn sentences(&self) -> Vec<std::ops::Range<usize>> {
        let n = self.sent_starts.len();
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..n {
            if self.sent_starts[i] == 1 {
                out.push(start..i);
                start = i;
            }
        }
        if start != n {
            out.push(start..n);
        }
        out
    }
}

impl ArcEager {
    /// Builds the system from class names in model order (`S`, `D`, `L-nsubj`, `B-ROOT`, ...).
    pub fn from_names<'a>(
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<ArcEager, UnknownMove> {
        let (moves, labels) = read_moves(names, |m, label| {
            // spaCy's `subtok` label (learned token merging) has its own validity rule, which
            // en_core_web_sm does not use and this port does not implement.
            if label == "subtok" {
                return None;
            }
            match m {
                "S" => Some(Move::Shift),
                "D" => Some(Move::Reduce),
                "L" => Some(Move::Left),
                "R" => Some(Move::Right),
                "B" => Some(Move::Break),
                _ => None,
            }
        })?;
        Ok(ArcEager { moves, labels })
    }

    /// The class name of move `m`, as spaCy prints it (`L-nsubj`, `S`).
    pub fn move_name(&self, m: usize) -> String {
        let (mv, label) = self.moves[m];
        let prefix = match mv {
            Move::Shift => "S",
            Move::Reduce => "D",
            Move::Left => "L",
            Move::Right => "R",
            Move::Break => "B",
        };
        match self.labels[label as usize].as_str() {
            "" => prefix.to_string(),
            l => format!("{prefix}-{l}"),
        }
    }

    /// Parses a document whose tokens are `tokens`, scoring states with `scorer`.
    pub fn parse(&self, tokens: &[TokenInfo], scorer: &mut dyn StateScorer) -> Parse {
        let mut state = State::new(tokens);
        greedy_parse(self, &mut state, scorer);
        self.annotations(&state, tokens)
    }

    /// Heads, labels and sentence starts from a final state, after deprojectivisation.
    pub fn annotations(&self, state: &State, tokens: &[TokenInfo]) -> Parse {
        let n = tokens.len();
        // Head offsets as in TokenC.head: 0 means "root" (also for never-attached tokens).
        let mut offset = vec![0i64; n];
        let mut deps: Vec<String> = vec![String::new(); n];
        for arc in state.arcs() {
            offset[arc.child as usize] = arc.head as i64 - arc.child as i64;
            deps[arc.child as usize] = self.labels[arc.label as usize].clone();
        }
        for i in 0..n {
            if offset[i] == 0 {
                deps[i] = "ROOT".to_string();
            }
        }
        let edges = Edges::from_heads(&offset);
        // Deprojectivise in token order, reading children through the edges computed above
        // (spaCy does not refresh them until the end).
        for i in 0..n {
            let Some((new_label, head_label)) = deps[i].split_once(DELIMITER) else {
                continue;
            };
            let (new_label, head_label) = (new_label.to_string(), head_label.to_string());
            let new_head = find_new_head(i, &head_label, &offset, &deps, &edges, tokens);
            offset[i] = new_head as i64 - i as i64;
            deps[i] = new_label;
        }
        let edges = Edges::from_heads(&offset);
        let heads = (0..n).map(|i| (i as i64 + offset[i]) as usize).collect();
        Parse {
            heads,
            deps,
            sent_starts: edges.sent_starts,
        }
    }
}

impl TransitionSystem for ArcEager {
    fn n_moves(&self) -> usize {
        self.moves.len()
    }

    fn features(&self) -> ContextFeatures {
        ContextFeatures::Parser8
    }

    fn set_valid(&self, st: &State, valid: &mut [bool]) {
        let shift = if st.stack_depth() == 0 {
            true
        } else {
            st.buffer_length() >= 2 && !st.is_sent_start(st.b(0)) && !st.is_unshiftable(st.b(0))
        };
        let reduce = if st.stack_depth() == 0 {
            false
        } else if st.buffer_length() == 0 {
            true
        } else {
            !(st.stack_depth() == 1 && st.cannot_sent_start(st.l_edge(st.b(0))))
        };
        let arc = st.stack_depth() != 0 && st.buffer_length() != 0 && !st.is_sent_start(st.b(0));
        let brk = st.buffer_length() >= 2
            && st.b(1) == st.b(0) + 1
            && !st.is_sent_start(st.b(1))
            && !st.cannot_sent_start(st.b(1));
        // Without `subtok` moves (refused by `from_names`) validity depends on the type only.
        let by_type = [shift, reduce, arc, arc, brk];
        for (v, &(m, _)) in valid.iter_mut().zip(&self.moves) {
            *v = by_type[m as usize];
        }
    }

    fn apply(&self, st: &mut State, m: usize) {
        let (mv, label) = self.moves[m];
        match mv {
            Move::Shift => st.push(),
            Move::Reduce => {
                if st.has_head(st.s(0)) || st.stack_depth() == 1 {
                    st.pop();
                } else {
                    st.unshift();
                }
            }
            Move::Left => {
                st.add_arc(st.b(0), st.s(0), label);
                st.set_reshiftable(st.b(0));
                st.pop();
            }
            Move::Right => {
                st.add_arc(st.s(0), st.b(0), label);
                st.push();
            }
            Move::Break => st.set_sent_start(st.b(1), 1),
        }
    }
}

/// Subtree edges and sentence starts, as spaCy's `set_children_from_heads` computes them.
struct Edges {
    l_edge: Vec<usize>,
    r_edge: Vec<usize>,
    sent_starts: Vec<i8>,
}

impl Edges {
    fn from_heads(offset: &[i64]) -> Edges {
        let n = offset.len();
        let mut e = Edges {
            l_edge: (0..n).collect(),
            r_edge: (0..n).collect(),
            sent_starts: vec![-1; n],
        };
        // Non-projective trees need several passes; spaCy gives up after 12.
        for _ in 0..12 {
            if e.update(offset) {
                break;
            }
        }
        for (i, &off) in offset.iter().enumerate() {
            if off == 0 {
                e.sent_starts[e.l_edge[i]] = 1;
            }
        }
        e
    }

    /// One pass of `_set_lr_kids_and_edges`; true when every head lies in its sentence.
    fn update(&mut self, offset: &[i64]) -> bool {
        let n = offset.len();
        let head = |i: usize| (i as i64 + offset[i]) as usize;
        for i in 0..n {
            let h = head(i);
            if self.l_edge[i] < self.l_edge[h] {
                self.l_edge[h] = self.l_edge[i];
            }
            if self.r_edge[i] > self.r_edge[h] {
                self.r_edge[h] = self.r_edge[i];
            }
        }
        for i in (0..n).rev() {
            let h = head(i);
            if self.r_edge[i] > self.r_edge[h] {
                self.r_edge[h] = self.r_edge[i];
            }
            if self.l_edge[i] < self.l_edge[h] {
                self.l_edge[h] = self.l_edge[i];
            }
        }
        let mut is_start = vec![false; n];
        for (i, &off) in offset.iter().enumerate() {
            if off == 0 {
                is_start[self.l_edge[i]] = true;
            }
        }
        let mut curr_start = 0;
        for (i, &starts) in is_start.iter().enumerate() {
            if (i > 0 && starts) || i == n - 1 {
                for j in curr_start..i {
                    let h = head(j);
                    if h < curr_start || h > i {
                        return false;
                    }
                }
                curr_start = i;
            }
        }
        true
    }

    /// Children of `q` in text order, found between its edges (`Token.children`).
    fn children<'a>(&'a self, q: usize, offset: &'a [i64]) -> impl Iterator<Item = usize> + 'a {
        let is_child = move |j: usize| (j as i64 + offset[j]) as usize == q;
        (self.l_edge[q]..q)
            .filter(move |&j| is_child(j))
            .chain((q + 1..=self.r_edge[q]).filter(move |&j| is_child(j)))
    }
}

/// `nonproj._find_new_head`: breadth-first from the token's head, the first descendant
/// (other than the token, skipping whitespace) labelled `head_label`; else the current head.
fn find_new_head(
    token: usize,
    head_label: &str,
    offset: &[i64],
    deps: &[String],
    edges: &Edges,
    tokens: &[TokenInfo],
) -> usize {
    let head = (token as i64 + offset[token]) as usize;
    let mut queue = vec![head];
    // A tree is at most `len` levels deep; the bound only guards against malformed input.
    for _ in 0..=offset.len() {
        if queue.is_empty() {
            break;
        }
        let mut next = Vec::new();
        for &q in &queue {
            for child in edges.children(q, offset) {
                if tokens[child].is_space || child == token {
                    continue;
                }
                if deps[child] == head_label {
                    return child;
                }
                next.push(child);
            }
        }
        queue = next;
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moves of en_core_web_sm 3.8.0, in the order of its network's actions.
    fn model_moves() -> ArcEager {
        let model = &crate::model::Models::embedded().unwrap().parser;
        ArcEager::from_names(model.action_names().iter().map(String::as_str)).unwrap()
    }

    fn tokens(n: usize) -> Vec<TokenInfo> {
        let mut t = vec![TokenInfo::default(); n];
        t[0].sent_start = 1;
        t
    }

    /// A scorer that replays a fixed sequence of move names.
    fn replay<'a>(sys: &'a ArcEager, seq: &'a [&'a str]) -> impl FnMut(&[i32], &mut [f32]) + 'a {
        let mut k = 0;
        move |_ids, scores| {
            assert!(
                (0..scores.len()).any(|m| sys.move_name(m) == seq[k]),
                "no move {}",
                seq[k]
            );
            for (m, s) in scores.iter_mut().enumerate() {
                *s = if sys.move_name(m) == seq[k] { 1.0 } else { 0.0 };
            }
            k += 1;
        }
    }

    #[test]
    fn model_move_list_is_in_class_order() {
        let sys = model_moves();
        assert_eq!(sys.n_moves(), 106);
        assert_eq!(sys.move_name(0), "S");
        assert_eq!(sys.move_name(2), "L-det");
        assert_eq!(sys.move_name(105), "B-ROOT");
    }

    #[test]
    fn builds_a_tree_and_sentences() {
        // "She left . He came": two sentences.
        let sys = model_moves();
        let toks = tokens(5);
        let seq = [
            "S", "L-nsubj", "S", "R-punct", "D", "D", "S", "L-nsubj", "S", "D",
        ];
        let parse = sys.parse(&toks, &mut replay(&sys, &seq));
        assert_eq!(parse.heads, vec![1, 1, 1, 4, 4]);
        assert_eq!(parse.deps, vec!["nsubj", "ROOT", "punct", "nsubj", "ROOT"]);
        assert_eq!(parse.sentences(), vec![0..3, 3..5]);
    }

    #[test]
    fn decorated_labels_are_reattached() {
        // 0 <-det- 1 ; 1 is root; 2 "dobj" child of 1; 3 "prep||dobj" attached to 1 moves to 2.
        let sys = model_moves();
        let toks = tokens(4);
        let seq = ["S", "L-det", "S", "R-dobj", "D", "R-prep||dobj", "D", "D"];
        let parse = sys.parse(&toks, &mut replay(&sys, &seq));
        assert_eq!(parse.heads, vec![1, 1, 1, 2]);
        assert_eq!(parse.deps, vec!["det", "ROOT", "dobj", "prep"]);
    }
}
