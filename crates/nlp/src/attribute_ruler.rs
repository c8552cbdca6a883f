//! spaCy's `attribute_ruler` component of `en_core_web_sm` 3.8.0: token patterns over the
//! fine-grained tag, the dependency label, the lowercase form and whitespace that set the
//! universal POS, morphology, some lemmas, and a few tags and labels
//! (`spacy/pipeline/attributeruler.py`).
//!
//! As in spaCy, all patterns are matched against the document first, then the matches are
//! applied in pattern order, so a later pattern overrides an earlier one.

use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::doc::Doc;
use crate::lexeme::{is_space_str, lower, FxHashMap};

/// The exported patterns of `en_core_web_sm` 3.8.0.
const RULER_JSON: &str = include_str!("../../../data/en_core_web_sm/attribute_ruler.json");

/// Errors in the attribute ruler data.
#[derive(Debug, thiserror::Error)]
pub enum AttributeRulerError {
    /// The data is not the JSON the export script writes.
    #[error("attribute ruler data (data/en_core_web_sm/attribute_ruler.json): {0}")]
    Json(#[from] serde_json::Error),
    /// A REGEX predicate does not compile.
    #[error("attribute ruler data (data/en_core_web_sm/attribute_ruler.json): bad regex: {0}")]
    Regex(#[from] regex::Error),
    /// A pattern uses an unknown attribute.
    #[error("attribute ruler data (data/en_core_web_sm/attribute_ruler.json): {0}")]
    Invalid(String),
}

#[derive(Deserialize)]
struct GroupData {
    patterns: Vec<Vec<HashMap<String, PredData>>>,
    attrs: Assign,
    index: isize,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PredData {
    Bool(bool),
    Op(OpData),
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum OpData {
    Eq(String),
    In(Vec<String>),
    NotIn(Vec<String>),
    Regex(String),
}

/// The values a pattern group sets on its target token (`None`: left as it is).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Assign {
    /// Universal part of speech.
    #[serde(rename = "POS")]
    pub pos: Option<String>,
    /// Morphological features, in the form `str(token.morph)` prints.
    #[serde(rename = "MORPH")]
    pub morph: Option<String>,
    /// Lemma.
    #[serde(rename = "LEMMA")]
    pub lemma: Option<String>,
    /// Dependency label.
    #[serde(rename = "DEP")]
    pub dep: Option<String>,
    /// Fine-grained tag.
    #[serde(rename = "TAG")]
    pub tag: Option<String>,
}

#[derive(Clone, Copy)]
enum Attr {
    Tag,
    Lower,
    Dep,
    IsSpace,
}

enum Pred {
    Eq(String),
    In(Vec<String>),
    NotIn(Vec<String>),
    Regex(Regex),
    Bool(bool),
}

/// What the patterns can test about one token.
struct TokenView<'a> {
    tag: &'a str,
    dep: &'a str,
    lower: std::borrow::Cow<'a, str>,
    is_space: bool,
}

impl Pred {
    fn test(&self, attr: Attr, t: &TokenView) -> bool {
        let value: &str = match attr {
            Attr::Tag => t.tag,
            Attr::Dep => t.dep,
            Attr::Lower => &t.lower,
            Attr::IsSpace => return matches!(self, Pred::Bool(b) if *b == t.is_space),
        };
        match self {
            Pred::Eq(v) => v == value,
            Pred::In(vs) => vs.iter().any(|v| v == value),
            Pred::NotIn(vs) => !vs.iter().any(|v| v == value),
            Pred::Regex(r) => r.is_match(value),
            Pred::Bool(_) => false,
        }
    }
}

struct Group {
    /// Alternative token sequences; each token is a conjunction of predicates.
    patterns: Vec<Vec<Vec<(Attr, Pred)>>>,
    assign: Assign,
    /// Which token of the match gets the values (negative: from the end).
    index: isize,
}

/// The attribute ruler: its pattern groups in order.
pub struct AttributeRuler {
    groups: Vec<Group>,
    /// Patterns (group, alternative) whose first token needs a given tag.
    by_tag: FxHashMap<String, Vec<(usize, usize)>>,
    /// Patterns whose first token needs a given lowercase form (and no particular tag).
    by_lower: FxHashMap<String, Vec<(usize, usize)>>,
    /// The other patterns.
    other: Vec<(usize, usize)>,
}

impl AttributeRuler {
    /// The attribute ruler of `en_core_web_sm` 3.8.0, built once on first use.
    pub fn english() -> &'static AttributeRuler {
        static RULER: OnceLock<AttributeRuler> = OnceLock::new();
        RULER.get_or_init(|| {
            AttributeRuler::from_json(RULER_JSON).expect("embedded attribute ruler data is valid")
        })
    }

    /// Builds a ruler from data in the export script's format.
    pub fn from_json(json: &str) -> Result<AttributeRuler, AttributeRulerError> {
        let data: Vec<GroupData> = serde_json::from_str(json)?;
        let mut groups = Vec::with_capacity(data.len());
        for g in data {
            let mut patterns = Vec::with_capacity(g.patterns.len());
            for pat in g.patterns {
                let mut toks = Vec::with_capacity(pat.len());
                for spec in pat {
                    let mut preds = Vec::with_capacity(spec.len());
                    for (name, p) in spec {
                        let attr = match name.as_str() {
                            "TAG" => Attr::Tag,
                            "LOWER" => Attr::Lower,
                            "DEP" => Attr::Dep,
                            "IS_SPACE" => Attr::IsSpace,
                            other => {
                                return Err(AttributeRulerError::Invalid(format!(
                                    "unknown attribute {other}"
                                )))
                            }
                        };
                        let pred = match p {
                            PredData::Bool(b) => Pred::Bool(b),
                            PredData::Op(OpData::Eq(v)) => Pred::Eq(v),
                            PredData::Op(OpData::In(v)) => Pred::In(v),
                            PredData::Op(OpData::NotIn(v)) => Pred::NotIn(v),
                            PredData::Op(OpData::Regex(r)) => Pred::Regex(Regex::new(&r)?),
                        };
                        preds.push((attr, pred));
                    }
                    toks.push(preds);
                }
                if toks.is_empty() {
                    return Err(AttributeRulerError::Invalid("empty pattern".into()));
                }
                patterns.push(toks);
            }
            groups.push(Group {
                patterns,
                assign: g.attrs,
                index: g.index,
            });
        }
        let mut by_tag: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
        let mut by_lower: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
        let mut other = Vec::new();
        for (gi, g) in groups.iter().enumerate() {
            for (k, pat) in g.patterns.iter().enumerate() {
                let eq = |want: fn(Attr) -> bool| {
                    pat[0].iter().find_map(|(a, p)| match p {
                        Pred::Eq(v) if want(*a) => Some(v.clone()),
                        _ => None,
                    })
                };
                if let Some(tag) = eq(|a| matches!(a, Attr::Tag)) {
                    by_tag.entry(tag).or_default().push((gi, k));
                } else if let Some(low) = eq(|a| matches!(a, Attr::Lower)) {
                    by_lower.entry(low).or_default().push((gi, k));
                } else {
                    other.push((gi, k));
                }
            }
        }
        Ok(AttributeRuler {
            groups,
            by_tag,
            by_lower,
            other,
        })
    }

    /// The values to set, per token, given each token's text, fine-grained tag and dependency
    /// label (empty strings when missing). Later pattern groups override earlier ones.
    pub fn assignments(&self, words: &[&str], tags: &[&str], deps: &[&str]) -> Vec<Assign> {
        let n = words.len();
        let views: Vec<TokenView> = (0..n)
            .map(|i| TokenView {
                tag: tags.get(i).copied().unwrap_or(""),
                dep: deps.get(i).copied().unwrap_or(""),
                lower: lower(words[i]),
                is_space: is_space_str(words[i]),
            })
            .collect();
        // All patterns are matched on the unmodified tokens, then applied in group order (and
        // by start within a group), so the last matching group wins, as in spaCy.
        let mut matches: Vec<(usize, usize, usize)> = Vec::new();
        for start in 0..n {
            let v = &views[start];
            let candidates = [
                self.by_tag.get(v.tag).map_or(&[][..], Vec::as_slice),
                self.by_lower
                    .get(v.lower.as_ref())
                    .map_or(&[][..], Vec::as_slice),
                &self.other,
            ];
            for &(gi, k) in candidates.into_iter().flatten() {
                let g = &self.groups[gi];
                let pat = &g.patterns[k];
                let end = start + pat.len();
                if end > n {
                    continue;
                }
                let ok = pat
                    .iter()
                    .zip(&views[start..end])
                    .all(|(preds, v)| preds.iter().all(|(a, p)| p.test(*a, v)));
                if !ok {
                    continue;
                }
                let target = if g.index >= 0 {
                    start as isize + g.index
                } else {
                    end as isize + g.index
                };
                if (start as isize..end as isize).contains(&target) {
                    matches.push((gi, start, target as usize));
                }
            }
        }
        matches.sort_unstable();
        let mut out = vec![Assign::default(); n];
        for (gi, _, target) in matches {
            let slot = &mut out[target];
            let a = &self.groups[gi].assign;
            for (dst, src) in [
                (&mut slot.pos, &a.pos),
                (&mut slot.morph, &a.morph),
                (&mut slot.lemma, &a.lemma),
                (&mut slot.dep, &a.dep),
                (&mut slot.tag, &a.tag),
            ] {
                if src.is_some() {
                    dst.clone_from(src);
                }
            }
        }
        out
    }

    /// Applies the ruler to a tagged (and parsed) document: sets POS, morphology, and the
    /// lemmas, tags and dependency labels the patterns give.
    pub fn apply(&self, doc: &mut Doc) {
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect();
        let tags: Vec<&str> = doc.tokens.iter().map(|t| t.tag.as_str()).collect();
        let deps: Vec<&str> = doc.tokens.iter().map(|t| t.dep.as_str()).collect();
        let assigned = self.assignments(&words, &tags, &deps);
        for (t, a) in doc.tokens.iter_mut().zip(assigned) {
            if let Some(v) = a.pos {
                t.pos = v;
            }
            if let Some(v) = a.morph {
                t.morph = v;
            }
            if let Some(v) = a.lemma {
                t.lemma = v;
            }
            if let Some(v) = a.dep {
                t.dep = v;
            }
            if let Some(v) = a.tag {
                t.tag = v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_pos_and_morph() {
        let r = AttributeRuler::english();
        let a = r.assignments(
            &["Officials", "said", "."],
            &["NNS", "VBD", "."],
            &["nsubj", "ROOT", "punct"],
        );
        assert_eq!(a[0].pos.as_deref(), Some("NOUN"));
        assert_eq!(a[0].morph.as_deref(), Some("Number=Plur"));
        assert_eq!(a[1].pos.as_deref(), Some("VERB"));
        assert_eq!(a[1].morph.as_deref(), Some("Tense=Past|VerbForm=Fin"));
        assert_eq!(a[2].morph.as_deref(), Some("PunctType=Peri"));
    }

    #[test]
    fn context_and_dependency_patterns() {
        let r = AttributeRuler::english();
        // "has" as an auxiliary is AUX; "gon na" lemmatises to "go" "to".
        let a = r.assignments(
            &["has", "gon", "na"],
            &["VBZ", "VBG", "TO"],
            &["aux", "ROOT", "aux"],
        );
        assert_eq!(a[0].pos.as_deref(), Some("AUX"));
        assert_eq!(a[1].lemma.as_deref(), Some("go"));
        assert_eq!(a[2].lemma.as_deref(), Some("to"));
        // Whitespace becomes SPACE with tag _SP, and its label "dep".
        let a = r.assignments(&["\n\n"], &["NN"], &["punct"]);
        assert_eq!(a[0].tag.as_deref(), Some("_SP"));
        assert_eq!(a[0].pos.as_deref(), Some("SPACE"));
        assert_eq!(a[0].dep.as_deref(), Some("dep"));
        assert_eq!(a[0].morph.as_deref(), Some(""));
    }
}
