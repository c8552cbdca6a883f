//! The parse state shared by spaCy's transition systems (`_state.pxd`'s `StateC`), ported
//! one to one so that feature extraction and move validity agree with spaCy exactly.
//!
//! Token indices are `i32` with `-1` meaning "no token", as in spaCy; the state covers one
//! document (spaCy's batch `offset` is always 0 here).

/// A labelled dependency arc (`ArcC`). A deleted arc that was not the last one of its head
/// is only blanked in spaCy (`head == child == -1`), never removed; we keep that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    /// Head token, or -1 when blanked.
    pub head: i32,
    /// Child token, or -1 when blanked.
    pub child: i32,
    /// Index of the label in the transition system's label list.
    pub label: u32,
}

/// An entity being built or built (`SpanC`): `end == -1` while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntSpan {
    /// First token.
    pub start: i32,
    /// One past the last token, or -1 while the entity is open.
    pub end: i32,
    /// Index of the entity label in the transition system's label list.
    pub label: u32,
}

/// What the transition systems need to know about each token before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TokenInfo {
    /// spaCy's `TokenC.sent_start`: 1 starts a sentence, -1 cannot, 0 unknown.
    pub sent_start: i8,
    /// The token is whitespace (lexeme flag `IS_SPACE`).
    pub is_space: bool,
}

/// How many context tokens a model reads from a state, as in `StateC.set_context_tokens`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextFeatures {
    /// NER (`state_type = "ner"`, no extra state tokens): B0, entity start, B0-1.
    Ner3,
    /// Dependency parser (`state_type = "parser"`, no extra state tokens):
    /// B0, B1, S0, S1, S2, L(B0,1), L(S0,1), R(S0,1).
    Parser8,
}

impl ContextFeatures {
    /// The number of feature slots (`nF`).
    pub fn len(self) -> usize {
        match self {
            ContextFeatures::Ner3 => 3,
            ContextFeatures::Parser8 => 8,
        }
    }

    /// Feature sets always have slots; present for clippy's `len_without_is_empty`.
    pub fn is_empty(self) -> bool {
        false
    }
}

/// A transition-system state over one document of `length` tokens.
#[derive(Debug, Clone)]
pub struct State<'a> {
    tokens: &'a [TokenInfo],
    heads: Vec<i32>,
    stack: Vec<i32>,
    rebuffer: Vec<i32>,
    ents: Vec<EntSpan>,
    left_arcs: Vec<Vec<Arc>>,
    right_arcs: Vec<Vec<Arc>>,
    unshiftable: Vec<bool>,
    sent_starts: Vec<bool>,
    length: i32,
    b_i: i32,
}

impl<'a> State<'a> {
    /// The initial state: empty stack, every token in the buffer, no arcs, no entities.
    pub fn new(tokens: &'a [TokenInfo]) -> State<'a> {
        let n = tokens.len();
        State {
            tokens,
            heads: vec![-1; n],
            stack: Vec::new(),
            rebuffer: Vec::new(),
            ents: Vec::new(),
            left_arcs: vec![Vec::new(); n],
            right_arcs: vec![Vec::new(); n],
            unshiftable: vec![false; n],
            sent_starts: vec![false; n],
            length: n as i32,
            b_i: 0,
        }
    }

    /// Number of tokens.
    pub fn length(&self) -> i32 {
        self.length
    }

    /// Writes the model's context token ids for this state (-1 for "none").
    pub fn set_context_tokens(&self, kind: ContextFeatures, ids: &mut [i32]) {
        match kind {
            ContextFeatures::Ner3 => {
                ids[0] = self.b(0);
                ids[1] = if self.entity_is_open() { self.e(0) } else { -1 };
                ids[2] = if ids[0] == -1 || ids[1] == -1 {
                    -1
                } else {
                    ids[0] - 1
                };
            }
            ContextFeatures::Parser8 => {
                ids[0] = self.b(0);
                ids[1] = self.b(1);
                ids[2] = self.s(0);
                ids[3] = self.s(1);
                ids[4] = self.s(2);
                ids[5] = self.l(self.b(0), 1);
                ids[6] = self.l(self.s(0), 1);
                ids[7] = self.r(self.s(0), 1);
            }
        }
        for id in ids.iter_mut() {
            if *id < 0 {
                *id = -1;
            }
        }
    }

    /// The `i`-th item from the top of the stack, or -1.
    pub fn s(&self, i: i32) -> i32 {
        if i < 0 || i as usize >= self.stack.len() {
            return -1;
        }
        self.stack[self.stack.len() - 1 - i as usize]
    }

    /// The `i`-th item of the buffer (re-pushed items first), or -1.
    pub fn b(&self, i: i32) -> i32 {
        if i < 0 {
            return -1;
        }
        let nr = self.rebuffer.len() as i32;
        if i < nr {
            return self.rebuffer[(nr - 1 - i) as usize];
        }
        let b_i = self.b_i + (i - nr);
        if b_i >= self.length {
            -1
        } else {
            b_i
        }
    }

    /// Per-token information for token `i`, or the empty token's (all zero) when out of range.
    pub fn token(&self, i: i32) -> TokenInfo {
        if i < 0 || i >= self.length {
            TokenInfo::default()
        } else {
            self.tokens[i as usize]
        }
    }

    /// The head of `child`, or -1.
    pub fn h(&self, child: i32) -> i32 {
        if child < 0 || child >= self.length {
            -1
        } else {
            self.heads[child as usize]
        }
    }

    /// Start of the last entity, or -1 when there is none.
    pub fn e(&self, _i: i32) -> i32 {
        self.ents.last().map_or(-1, |e| e.start)
    }

    fn nth_child(arcs: &[Vec<Arc>], head: i32, idx: i32) -> i32 {
        if idx < 1 || head < 0 {
            return -1;
        }
        let Some(arcs) = arcs.get(head as usize) else {
            return -1;
        };
        // Most recently added first, as spaCy walks the vector backwards.
        let mut n = 0;
        for arc in arcs.iter().rev() {
            if arc.child != -1 {
                n += 1;
                if n == idx {
                    return arc.child;
                }
            }
        }
        -1
    }

    /// The `idx`-th most recently attached left child of `head`, or -1.
    pub fn l(&self, head: i32, idx: i32) -> i32 {
        Self::nth_child(&self.left_arcs, head, idx)
    }

    /// The `idx`-th most recently attached right child of `head`, or -1.
    pub fn r(&self, head: i32, idx: i32) -> i32 {
        Self::nth_child(&self.right_arcs, head, idx)
    }

    /// Whether the stack is empty.
    pub fn is_stack_empty(&self) -> bool {
        self.stack.is_empty()
    }

    /// Whether the buffer is exhausted.
    pub fn eol(&self) -> bool {
        self.buffer_length() == 0
    }

    /// Whether no move remains: empty stack and buffer.
    pub fn is_final(&self) -> bool {
        self.stack_depth() <= 0 && self.eol()
    }

    /// Token `word` was preset as not starting a sentence.
    pub fn cannot_sent_start(&self, word: i32) -> bool {
        word >= 0 && word < self.length && self.tokens[word as usize].sent_start == -1
    }

    /// Token `word` starts a sentence, preset or by a `Break` move.
    pub fn is_sent_start(&self, word: i32) -> bool {
        if word < 0 || word >= self.length {
            return false;
        }
        self.tokens[word as usize].sent_start == 1 || self.sent_starts[word as usize]
    }

    /// Marks `word` as a sentence start (when `value >= 1`).
    pub fn set_sent_start(&mut self, word: i32, value: i32) {
        if value >= 1 && word >= 0 && word < self.length {
            self.sent_starts[word as usize] = true;
        }
    }

    /// Whether `child` has been attached.
    pub fn has_head(&self, child: i32) -> bool {
        self.heads[child as usize] >= 0
    }

    /// Leftmost token of `word`'s subtree as spaCy's state approximates it (the word itself).
    pub fn l_edge(&self, word: i32) -> i32 {
        word
    }

    /// Whether the last entity is still open.
    pub fn entity_is_open(&self) -> bool {
        self.ents.last().is_some_and(|e| e.end == -1)
    }

    /// Stack depth.
    pub fn stack_depth(&self) -> i32 {
        self.stack.len() as i32
    }

    /// Number of tokens left in the buffer.
    pub fn buffer_length(&self) -> i32 {
        (self.length - self.b_i) + self.rebuffer.len() as i32
    }

    /// Moves the first buffer item onto the stack.
    pub fn push(&mut self) {
        let b0 = match self.rebuffer.pop() {
            Some(b) => b,
            None => {
                self.b_i += 1;
                self.b_i - 1
            }
        };
        self.stack.push(b0);
    }

    /// Pops the stack.
    pub fn pop(&mut self) {
        self.stack.pop();
    }

    /// Ends the parse at once (used only when no move is valid).
    pub fn force_final(&mut self) {
        self.stack.clear();
        self.b_i = self.length;
    }

    /// Moves the top of the stack back to the buffer and marks it unshiftable.
    pub fn unshift(&mut self) {
        if let Some(s0) = self.stack.pop() {
            self.unshiftable[s0 as usize] = true;
            self.rebuffer.push(s0);
        }
    }

    /// Whether `item` was put back to the buffer by `unshift` and may not be shifted again.
    pub fn is_unshiftable(&self, item: i32) -> bool {
        item >= 0 && (item as usize) < self.unshiftable.len() && self.unshiftable[item as usize]
    }

    /// Lets `item` be shifted again.
    pub fn set_reshiftable(&mut self, item: i32) {
        if item >= 0 && (item as usize) < self.unshiftable.len() {
            self.unshiftable[item as usize] = false;
        }
    }

    /// Attaches `child` to `head`, replacing any previous head.
    pub fn add_arc(&mut self, head: i32, child: i32, label: u32) {
        if self.has_head(child) {
            self.del_arc(self.h(child), child);
        }
        let arc = Arc { head, child, label };
        if head > child {
            self.left_arcs[head as usize].push(arc);
        } else {
            self.right_arcs[head as usize].push(arc);
        }
        self.heads[child as usize] = head;
    }

    /// Removes the arc `h_i -> c_i` if it is its head's last; spaCy's blanking of an earlier
    /// arc writes to a copy and so leaves it in place, which we reproduce by doing nothing.
    pub fn del_arc(&mut self, h_i: i32, c_i: i32) {
        let arcs = if h_i > c_i {
            &mut self.left_arcs
        } else {
            &mut self.right_arcs
        };
        let Some(arcs) = arcs.get_mut(h_i as usize) else {
            return;
        };
        if let Some(last) = arcs.last() {
            if last.head == h_i && last.child == c_i {
                arcs.pop();
            }
        }
    }

    /// All arcs with both ends set: left arcs then right arcs, each grouped by head.
    pub fn arcs(&self) -> impl Iterator<Item = &Arc> + '_ {
        self.left_arcs
            .iter()
            .chain(self.right_arcs.iter())
            .flatten()
            .filter(|a| a.head != -1 && a.child != -1)
    }

    /// The entities built so far, including an open one (`end == -1`).
    pub fn ents(&self) -> &[EntSpan] {
        &self.ents
    }

    /// The last entity (or an all-zero span when there is none).
    pub fn get_ent(&self) -> EntSpan {
        self.ents.last().copied().unwrap_or(EntSpan {
            start: 0,
            end: 0,
            label: 0,
        })
    }

    /// Opens an entity with `label` at B0.
    pub fn open_ent(&mut self, label: u32) {
        self.ents.push(EntSpan {
            start: self.b(0),
            end: -1,
            label,
        });
    }

    /// Closes the open entity after B0.
    pub fn close_ent(&mut self) {
        let end = self.b(0) + 1;
        if let Some(e) = self.ents.last_mut() {
            e.end = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffer_and_stack_follow_push_pop_and_unshift() {
        let toks = vec![TokenInfo::default(); 4];
        let mut st = State::new(&toks);
        assert_eq!((st.b(0), st.b(1), st.s(0)), (0, 1, -1));
        st.push();
        st.push();
        assert_eq!((st.s(0), st.s(1), st.b(0)), (1, 0, 2));
        st.unshift();
        assert_eq!((st.s(0), st.b(0), st.b(1)), (0, 1, 2));
        assert!(st.is_unshiftable(1));
        st.push();
        assert_eq!((st.s(0), st.b(0), st.buffer_length()), (1, 2, 2));
    }

    #[test]
    fn children_are_counted_most_recent_first() {
        let toks = vec![TokenInfo::default(); 5];
        let mut st = State::new(&toks);
        st.add_arc(4, 3, 1);
        st.add_arc(4, 1, 2);
        assert_eq!(st.l(4, 1), 1);
        assert_eq!(st.l(4, 2), 3);
        assert_eq!(st.l(4, 3), -1);
        // Re-attaching the last child removes the old arc.
        st.add_arc(0, 1, 3);
        assert_eq!(st.l(4, 1), 3);
        assert_eq!(st.r(0, 1), 1);
        assert_eq!(st.h(1), 0);
        let mut ids = [0; 8];
        st.set_context_tokens(ContextFeatures::Parser8, &mut ids);
        assert_eq!(ids, [0, 1, -1, -1, -1, -1, -1, -1]);
    }
}
