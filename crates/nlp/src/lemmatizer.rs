//! spaCy's rule-based English lemmatizer (`spacy/pipeline/lemmatizer.py` in "rule" mode with
//! `spacy/lang/en/lemmatizer.py`'s base-form test), using the lookup tables of
//! `en_core_web_sm` 3.8.0: suffix rules, exceptions and the index of known lemmas, per
//! universal part of speech.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::doc::Doc;
use crate::lexeme::{is_alpha_str, lower, FxHashMap, FxHashSet};

/// The exported lemmatizer tables of `en_core_web_sm` 3.8.0.
const LEMMATIZER_JSON: &str = include_str!("../../../data/en_core_web_sm/lemmatizer.json");

/// Errors in the lemmatizer data.
#[derive(Debug, thiserror::Error)]
pub enum LemmatizerError {
    /// The data is not the JSON the export script writes.
    #[error("lemmatizer data (data/en_core_web_sm/lemmatizer.json): {0}")]
    Json(#[from] serde_json::Error),
}

#[derive(Deserialize)]
struct Data {
    rules: HashMap<String, Vec<(String, String)>>,
    exc: HashMap<String, HashMap<String, Vec<String>>>,
    index: HashMap<String, String>,
}

/// The tables for one part of speech.
#[derive(Default)]
struct PosTables {
    rules: Vec<(String, String)>,
    exc: FxHashMap<String, Vec<String>>,
    /// Known lemmas.
    index: FxHashSet<&'static str>,
}

impl PosTables {
    fn in_index(&self, form: &str) -> bool {
        self.index.contains(form)
    }
}

/// The rule lemmatizer.
pub struct Lemmatizer {
    by_pos: FxHashMap<String, PosTables>,
}

/// spaCy's `EnglishLemmatizer.is_base_form`: forms that are their own lemma.
fn is_base_form(univ_pos: &str, morph: &str) -> bool {
    let feat = |name: &str| {
        morph.split('|').find_map(|f| {
            f.split_once('=')
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v)
        })
    };
    match univ_pos {
        "noun" if feat("Number") == Some("Sing") => return true,
        "verb" if feat("VerbForm") == Some("Inf") => return true,
        "verb"
            if feat("VerbForm") == Some("Fin")
                && feat("Tense") == Some("Pres")
                && feat("Number").is_none() =>
        {
            return true
        }
        "adj" if feat("Degree") == Some("Pos") => return true,
        _ => {}
    }
    feat("VerbForm") == Some("Inf")
        || feat("VerbForm") == Some("None")
        || feat("Degree") == Some("Pos")
}

impl Lemmatizer {
    /// The lemmatizer of `en_core_web_sm` 3.8.0, built once on first use.
    pub fn english() -> &'static Lemmatizer {
        static LEMMATIZER: OnceLock<Lemmatizer> = OnceLock::new();
        LEMMATIZER.get_or_init(|| {
            Lemmatizer::from_json(LEMMATIZER_JSON).expect("embedded lemmatizer data is valid")
        })
    }

    /// Builds a lemmatizer from data in the export script's format (the index is kept for the
    /// life of the process).
    pub fn from_json(json: &str) -> Result<Lemmatizer, LemmatizerError> {
        let d: Data = serde_json::from_str(json)?;
        let mut by_pos: FxHashMap<String, PosTables> = FxHashMap::default();
        for (pos, rules) in d.rules {
            by_pos.entry(pos).or_default().rules = rules;
        }
        for (pos, exc) in d.exc {
            by_pos.entry(pos).or_default().exc = exc.into_iter().collect();
        }
        for (pos, words) in d.index {
            let words: &'static str = Box::leak(words.into_boxed_str());
            by_pos.entry(pos).or_default().index =
                words.split('\n').filter(|w| !w.is_empty()).collect();
        }
        Ok(Lemmatizer { by_pos })
    }

    /// The lemma of `word` with universal POS `pos` (e.g. "VERB") and morphology `morph`
    /// (`Tense=Past|VerbForm=Fin`), as spaCy's `rule_lemmatize` gives it (its first form).
    pub fn lemma(&self, word: &str, pos: &str, morph: &str) -> String {
        let univ_pos = pos.to_ascii_lowercase();
        if matches!(univ_pos.as_str(), "" | "eol" | "space") || is_base_form(&univ_pos, morph) {
            return lower(word).into_owned();
        }
        let t = match self.by_pos.get(&univ_pos) {
            Some(t) if !(t.rules.is_empty() && t.exc.is_empty() && t.index.is_empty()) => t,
            _ if univ_pos == "propn" => return word.to_string(),
            _ => return lower(word).into_owned(),
        };
        let string = lower(word);
        let mut forms: Vec<String> = Vec::new();
        let mut oov_forms: Vec<String> = Vec::new();
        for (old, new) in &t.rules {
            if let Some(stem) = string.strip_suffix(old.as_str()) {
                let form = format!("{stem}{new}");
                if form.is_empty() {
                    continue;
                }
                if t.in_index(&form) {
                    forms.insert(0, form);
                } else if !is_alpha_str(&form) {
                    forms.push(form);
                } else {
                    oov_forms.push(form);
                }
            }
        }
        // Remove duplicates, keeping first occurrences.
        let mut seen = Vec::with_capacity(forms.len());
        forms.retain(|f| {
            let new = !seen.contains(f);
            if new {
                seen.push(f.clone());
            }
            new
        });
        if let Some(exc) = t.exc.get(string.as_ref()) {
            for form in exc {
                if !forms.contains(form) {
                    forms.insert(0, form.clone());
                }
            }
        }
        forms
            .into_iter()
            .next()
            .or_else(|| oov_forms.into_iter().next())
            .unwrap_or_else(|| word.to_string())
    }

    /// Sets the lemma of every token that has none (the attribute ruler may have set some),
    /// from its text, POS and morphology.
    pub fn apply(&self, doc: &mut Doc) {
        for i in 0..doc.tokens.len() {
            if doc.tokens[i].lemma.is_empty() {
                let t = &doc.tokens[i];
                let lemma = self.lemma(&doc.text[t.start..t.end], &t.pos, &t.morph);
                doc.tokens[i].lemma = lemma;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmatizes_by_part_of_speech() {
        let l = Lemmatizer::english();
        assert_eq!(l.lemma("killed", "VERB", "Tense=Past|VerbForm=Fin"), "kill");
        assert_eq!(l.lemma("fled", "VERB", "Tense=Past|VerbForm=Fin"), "flee");
        assert_eq!(l.lemma("casualties", "NOUN", "Number=Plur"), "casualty");
        assert_eq!(l.lemma("Troops", "NOUN", "Number=Plur"), "troop");
        assert_eq!(l.lemma("Ukraine", "PROPN", "Number=Sing"), "Ukraine");
        assert_eq!(l.lemma("worse", "ADJ", "Degree=Cmp"), "bad");
        assert_eq!(l.lemma("The", "DET", "Definite=Def|PronType=Art"), "the");
        assert_eq!(l.lemma("\n", "SPACE", ""), "\n");
        assert_eq!(l.lemma("“", "PUNCT", "PunctSide=Ini|PunctType=Quot"), "\"");
    }
}
