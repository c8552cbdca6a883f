//! The annotated document the pipeline produces and the extractors read.
//!
//! Modelled on spaCy's `Doc`/`Token`/`Span`: a token knows its byte range in the text, its
//! annotations and the index of its syntactic head; spans are token ranges.

use serde::Deserialize;
use std::ops::Range;

/// One token of a [`Doc`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Token {
    /// Byte offset of the token's first byte in [`Doc::text`].
    pub start: usize,
    /// Byte offset one past the token's last byte.
    pub end: usize,
    /// Whether a single space follows the token (spaCy's `whitespace_`).
    pub space_after: bool,
    /// Fine-grained Penn Treebank tag (`NNP`, `VBD`, ...); empty when not tagged.
    pub tag: String,
    /// Universal part of speech (`PROPN`, `VERB`, ...); empty when not tagged.
    pub pos: String,
    /// Morphological features in spaCy's string form (`Number=Sing|Tense=Past`).
    pub morph: String,
    /// Lemma; empty when not lemmatised.
    pub lemma: String,
    /// Dependency label (`nsubj`, `ROOT`, ...); empty when not parsed.
    pub dep: String,
    /// Index of the syntactic head; a root is its own head.
    pub head: usize,
}

/// A range of tokens `start..end` (end exclusive) with an optional label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Index of the first token.
    pub start: usize,
    /// Index one past the last token.
    pub end: usize,
    /// Entity label (`PERSON`, `GPE`, ...) for entities; empty for sentences.
    pub label: String,
}

impl Span {
    /// The token indices this span covers.
    pub fn tokens(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A processed text: tokens, sentences and entities.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// The text exactly as given to the pipeline.
    pub text: String,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order, covering all tokens; empty when not parsed.
    pub sents: Vec<Span>,
    /// Named entities in text order, non-overlapping.
    pub ents: Vec<Span>,
    /// `char_of_byte[b]` is the character offset of byte `b` (and of `text.len()`).
    char_of_byte: Vec<u32>,
}

/// Errors reading a document serialised by spaCy's `Doc.to_json()`.
#[derive(Debug, thiserror::Error)]
pub enum SpacyJsonError {
    /// The JSON does not have the shape `Doc.to_json()` gives.
    #[error("not a spaCy Doc JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// An offset points outside the text or inside a character.
    #[error("offset {0} is not a character boundary of the text")]
    Offset(usize),
    /// An entity or sentence boundary does not fall on a token boundary.
    #[error("span {0}..{1} does not align with tokens")]
    Misaligned(usize, usize),
}

impl Doc {
    /// Builds a document from its text and annotated tokens; sentences and entities follow.
    pub fn new(text: String, tokens: Vec<Token>, sents: Vec<Span>, ents: Vec<Span>) -> Doc {
        let char_of_byte = char_index(&text);
        Doc { text, tokens, sents, ents, char_of_byte }
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The text a span covers, from its first token's start to its last token's end.
    pub fn span_text(&self, span: &Span) -> &str {
        &self.text[self.span_bytes(span)]
    }

    /// The byte range a span covers.
    pub fn span_bytes(&self, span: &Span) -> Range<usize> {
        if span.start >= span.end {
            let at = self.tokens.get(span.start).map_or(self.text.len(), |t| t.start);
            return at..at;
        }
        self.tokens[span.start].start..self.tokens[span.end - 1].end
    }

    /// Character (Unicode code point) offset of byte offset `byte`, as the JSON contract counts.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.char_of_byte[byte] as usize
    }

    /// Direct children of token `i`, in text order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |&(j, t)| j != i && t.head == i)
            .map(|(j, _)| j)
    }

    /// Ancestors of token `i`, nearest first (not including `i`).
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = i;
        while self.tokens[cur].head != cur && out.len() < self.tokens.len() {
            cur = self.tokens[cur].head;
            out.push(cur);
        }
        out
    }

    /// The subtree of token `i` (itself and all its descendants), in text order.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut inside = vec![false; self.tokens.len()];
        inside[i] = true;
        let sent = self.sentence_of(i).map_or(0..self.tokens.len(), |s| s.tokens());
        // Heads precede or follow; iterate until stable, bounded by sentence length.
        let mut changed = true;
        while changed {
            changed = false;
            for j in sent.clone() {
                if !inside[j] && self.tokens[j].head != j && inside[self.tokens[j].head] {
                    inside[j] = true;
                    changed = true;
                }
            }
        }
        sent.filter(|&j| inside[j]).collect()
    }

    /// The sentence containing token `i`, if the document has sentences.
    pub fn sentence_of(&self, i: usize) -> Option<&Span> {
        let k = self.sents.partition_point(|s| s.end <= i);
        self.sents.get(k).filter(|s| s.start <= i)
    }

    /// The index of the token containing byte offset `byte`, if any.
    pub fn token_at(&self, byte: usize) -> Option<usize> {
        let k = self.tokens.partition_point(|t| t.end <= byte);
        self.tokens.get(k).filter(|t| t.start <= byte).map(|_| k)
    }

    /// Reads a document from the JSON spaCy's `Doc.to_json()` writes (character offsets).
    pub fn from_spacy_json(json: &str) -> Result<Doc, SpacyJsonError> {
        #[derive(Deserialize)]
        struct J {
            text: String,
            #[serde(default)]
            ents: Vec<JSpan>,
            #[serde(default)]
            sents: Vec<JSpan>,
            tokens: Vec<JTok>,
        }
        #[derive(Deserialize)]
        struct JSpan {
            start: usize,
            end: usize,
            #[serde(default)]
            label: String,
        }
        #[derive(Deserialize)]
        struct JTok {
            start: usize,
            end: usize,
            #[serde(default)]
            tag: String,
            #[serde(default)]
            pos: String,
            #[serde(default)]
            morph: String,
            #[serde(default)]
            lemma: String,
            #[serde(default)]
            dep: String,
            #[serde(default)]
            head: Option<usize>,
        }
        let j: J = serde_json::from_str(json)?;
        let byte_of_char: Vec<usize> =
            j.text.char_indices().map(|(b, _)| b).chain(std::iter::once(j.text.len())).collect();
        let byte = |c: usize| byte_of_char.get(c).copied().ok_or(SpacyJsonError::Offset(c));
        let mut tokens = Vec::with_capacity(j.tokens.len());
        for (i, t) in j.tokens.iter().enumerate() {
            let (start, end) = (byte(t.start)?, byte(t.end)?);
            let next_start = match j.tokens.get(i + 1) {
                Some(n) => byte(n.start)?,
                None => j.text.len(),
            };
            tokens.push(Token {
                start,
                end,
                space_after: j.text[end..next_start.max(end)].starts_with(' '),
                tag: t.tag.clone(),
                pos: t.pos.clone(),
                morph: t.morph.clone(),
                lemma: t.lemma.clone(),
                dep: t.dep.clone(),
                head: t.head.unwrap_or(i),
            });
        }
        let to_span = |s: &JSpan| -> Result<Span, SpacyJsonError> {
            let (b0, b1) = (byte(s.start)?, byte(s.end)?);
            let start = tokens.iter().position(|t| t.start == b0);
            let end = tokens.iter().rposition(|t| t.end == b1).map(|k| k + 1);
            match (start, end) {
                (Some(start), Some(end)) => Ok(Span { start, end, label: s.label.clone() }),
                _ => Err(SpacyJsonError::Misaligned(s.start, s.end)),
            }
        };
        let ents = j.ents.iter().map(to_span).collect::<Result<_, _>>()?;
        let sents = j.sents.iter().map(to_span).collect::<Result<_, _>>()?;
        Ok(Doc::new(j.text, tokens, sents, ents))
    }
}

fn char_index(text: &str) -> Vec<u32> {
    let mut out = vec![0u32; text.len() + 1];
    let mut c = 0u32;
    for (b, ch) in text.char_indices() {
        for k in 0..ch.len_utf8() {
            out[b + k] = c;
        }
        c += 1;
    }
    out[text.len()] = c;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"text":"Kyiv é said.","ents":[{"start":0,"end":4,"label":"GPE"}],"sents":[{"start":0,"end":12}],"tokens":[{"id":0,"start":0,"end":4,"tag":"NNP","pos":"PROPN","morph":"Number=Sing","lemma":"Kyiv","dep":"nsubj","head":2},{"id":1,"start":5,"end":6,"tag":"NN","pos":"NOUN","morph":"","lemma":"é","dep":"appos","head":0},{"id":2,"start":7,"end":11,"tag":"VBD","pos":"VERB","morph":"Tense=Past","lemma":"say","dep":"ROOT","head":2},{"id":3,"start":11,"end":12,"tag":".","pos":"PUNCT","morph":"","lemma":".","dep":"punct","head":2}]}"#;

    #[test]
    fn reads_spacy_json_with_non_ascii_offsets() {
        let doc = Doc::from_spacy_json(SAMPLE).unwrap();
        assert_eq!(doc.tokens.len(), 4);
        assert_eq!(doc.token_text(1), "é");
        assert_eq!(doc.token_text(2), "said");
        assert_eq!(doc.char_offset(doc.tokens[2].start), 7);
        assert!(doc.tokens[0].space_after);
        assert!(!doc.tokens[2].space_after);
        assert_eq!(doc.span_text(&doc.ents[0]), "Kyiv");
    }

    #[test]
    fn tree_navigation() {
        let doc = Doc::from_spacy_json(SAMPLE).unwrap();
        assert_eq!(doc.children(2).collect::<Vec<_>>(), vec![0, 3]);
        assert_eq!(doc.ancestors(1), vec![0, 2]);
        assert_eq!(doc.subtree(0), vec![0, 1]);
        assert_eq!(doc.subtree(2), vec![0, 1, 2, 3]);
        assert_eq!(doc.token_at(8), Some(2));
        assert_eq!(doc.sentence_of(3).map(|s| s.tokens()), Some(0..4));
    }
}
