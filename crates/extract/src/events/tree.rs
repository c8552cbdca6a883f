//! Fast navigation of a [`Doc`]'s dependency tree: children lists built once, lower-cased
//! lemmas, and the small questions the count and event rules ask of a token.

use sitrep_nlp::Doc;

/// A document with its children lists precomputed.
pub(crate) struct Tree<'a> {
    /// The parsed document.
    pub doc: &'a Doc,
    /// Heads, with any out of range made roots so that no rule can index past the tokens.
    heads: Vec<usize>,
    kids: Vec<Vec<usize>>,
    lemmas: Vec<String>,
}

impl<'a> Tree<'a> {
    /// Indexes `doc`'s dependency tree.
    pub fn new(doc: &'a Doc) -> Tree<'a> {
        let n = doc.tokens.len();
        let heads: Vec<usize> = doc
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| if t.head < n { t.head } else { i })
            .collect();
        let mut kids = vec![Vec::new(); n];
        for (i, &h) in heads.iter().enumerate() {
            if h != i {
                kids[h].push(i);
            }
        }
        let lemmas = (0..n)
            .map(|i| {
                let t = &doc.tokens[i];
                let l = if t.lemma.is_empty() {
                    doc.token_text(i)
                } else {
                    &t.lemma
                };
                l.to_lowercase()
            })
            .collect();
        Tree {
            doc,
            heads,
            kids,
            lemmas,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    /// Children of `i` whose dependency label is one of `deps`.
    pub fn children_with<'s>(
        &'s self,
        i: usize,
        deps: &'s [&str],
    ) -> impl Iterator<Item = usize> + 's {
        self.kids[i]
            .iter()
            .copied()
            .filter(move |&c| deps.contains(&self.dep(c)))
    }

    /// The first child of `i` with one of the labels `deps`.
    pub fn child_with(&self, i: usize, deps: &[&str]) -> Option<usize> {
        self.children_with(i, deps).next()
    }

    /// The syntactic head of `i` (itself for a root).
    pub fn head(&self, i: usize) -> usize {
        self.heads[i]
    }

    /// Whether `i` is a sentence root.
    pub fn is_root(&self, i: usize) -> bool {
        self.head(i) == i
    }

    /// Dependency label of `i`.
    pub fn dep(&self, i: usize) -> &str {
        &self.doc.tokens[i].dep
    }

    /// Lower-cased lemma of `i`.
    pub fn lemma(&self, i: usize) -> &str {
        &self.lemmas[i]
    }

    /// Lower-cased text of `i`.
    pub fn lower(&self, i: usize) -> String {
        self.doc.token_text(i).to_lowercase()
    }

    /// Penn Treebank tag of `i`.
    pub fn tag(&self, i: usize) -> &str {
        &self.doc.tokens[i].tag
    }

    /// Universal part of speech of `i`.
    pub fn pos(&self, i: usize) -> &str {
        &self.doc.tokens[i].pos
    }

    /// Whether `i` is a verb (or auxiliary used as a main verb).
    pub fn is_verb(&self, i: usize) -> bool {
        self.pos(i) == "VERB" || self.tag(i).starts_with("VB")
    }

    /// Whether `i` is a noun, proper noun or pronoun.
    pub fn is_nominal(&self, i: usize) -> bool {
        matches!(self.pos(i), "NOUN" | "PROPN" | "PRON")
    }

    /// Whether `i` is plural (`NNS`, `NNPS`).
    pub fn is_plural(&self, i: usize) -> bool {
        matches!(self.tag(i), "NNS" | "NNPS")
    }

    /// Whether `i`'s verb is passive (has an `auxpass` or `nsubjpass` child, or is a bare
    /// past participle modifying a noun).
    pub fn is_passive(&self, i: usize) -> bool {
        self.child_with(i, &["auxpass", "nsubjpass"]).is_some()
            || (self.tag(i) == "VBN" && matches!(self.dep(i), "acl" | "amod"))
    }

    /// Whether `i` has a negation child ("not", "never", "n't").
    pub fn is_negated(&self, i: usize) -> bool {
        self.child_with(i, &["neg"]).is_some()
    }

    /// The preposition children of `i` with one of the lemmas `preps`, paired with their objects.
    pub fn prep_objects<'s>(
        &'s self,
        i: usize,
        preps: &'s [&str],
    ) -> impl Iterator<Item = usize> + 's {
        self.children_with(i, &["prep", "agent"])
            .filter(move |&p| preps.contains(&self.lemma(p)))
            .flat_map(move |p| {
                self.children_with(p, &["pobj", "pcomp"])
                    .collect::<Vec<_>>()
            })
    }

    /// `i` followed by its conjuncts ("Trump and Zelensky" gives both).
    pub fn with_conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() && out.len() < 16 {
            let cur = out[k];
            out.extend(self.children_with(cur, &["conj"]));
            k += 1;
        }
        out
    }

    /// The index of the sentence holding `i`.
    pub fn sentence_index(&self, i: usize) -> usize {
        self.doc.sents.partition_point(|s| s.end <= i)
    }

    /// Character offsets of the tokens `first..=last`.
    pub fn char_range(&self, first: usize, last: usize) -> (usize, usize) {
        let d = self.doc;
        (
            d.char_offset(d.tokens[first].start),
            d.char_offset(d.tokens[last].end),
        )
    }

    /// The text of tokens `first..=last` as written.
    pub fn text_range(&self, first: usize, last: usize) -> &str {
        let d = self.doc;
        &d.text[d.tokens[first].start..d.tokens[last].end]
    }
}
