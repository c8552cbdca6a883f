//! [`Doc::to_spacy_json`]: the exact text Python prints for
//! `json.dumps(doc.to_json(), ensure_ascii=False)` with spaCy 3.8 (the form of
//! `scripts/dev/spacy_json.py`), so outputs can be compared byte for byte.
//!
//! spaCy writes a key only when the document "has annotation" for it; we follow the same
//! rule from what the `Doc` holds: `ents` always (the pipeline always runs the NER),
//! `sents` when the document is parsed or has at most one token, and each token key when any
//! token carries that annotation (`morph` whenever tags are present, as spaCy's attribute
//! ruler marks every tagged token's morphology, even an empty one).

use crate::doc::Doc;
use std::fmt::Write;

impl Doc {
    /// The document as spaCy's `json.dumps(doc.to_json(), ensure_ascii=False)` prints it:
    /// keys `text`, `ents`, `sents`, `tokens` (`id`, `start`, `end`, `tag`, `pos`, `morph`,
    /// `lemma`, `dep`, `head`), offsets in characters, `", "` and `": "` separators.
    pub fn to_spacy_json(&self) -> String {
        let mut out = String::with_capacity(self.text.len() * 2 + self.tokens.len() * 120);
        out.push_str("{\"text\": ");
        push_json_str(&mut out, &self.text);
        out.push_str(", \"ents\": [");
        for (k, e) in self.ents.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            let b = self.span_bytes(e);
            let _ = write!(
                out,
                "{{\"start\": {}, \"end\": {}, \"label\": ",
                self.char_offset(b.start),
                self.char_offset(b.end)
            );
            push_json_str(&mut out, &e.label);
            out.push('}');
        }
        out.push(']');
        let any = |f: fn(&crate::Token) -> bool| self.tokens.iter().any(f);
        let (has_tag, has_pos, has_lemma, has_dep) = (
            any(|t| !t.tag.is_empty()),
            any(|t| !t.pos.is_empty()),
            any(|t| !t.lemma.is_empty()),
            any(|t| !t.dep.is_empty()),
        );
        if has_dep || !self.sents.is_empty() || self.tokens.len() <= 1 {
            out.push_str(", \"sents\": [");
            let whole;
            let sents = if self.sents.is_empty() && self.tokens.len() == 1 {
                whole = [crate::Span {
                    start: 0,
                    end: 1,
                    label: String::new(),
                }];
                &whole[..]
            } else {
                &self.sents[..]
            };
            for (k, s) in sents.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                let b = self.span_bytes(s);
                let _ = write!(
                    out,
                    "{{\"start\": {}, \"end\": {}}}",
                    self.char_offset(b.start),
                    self.char_offset(b.end)
                );
            }
            out.push(']');
        }
        out.push_str(", \"tokens\": [");
        for (i, t) in self.tokens.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(
                out,
                "{{\"id\": {i}, \"start\": {}, \"end\": {}",
                self.char_offset(t.start),
                self.char_offset(t.end)
            );
            if has_tag {
                out.push_str(", \"tag\": ");
                push_json_str(&mut out, &t.tag);
            }
            if has_pos {
                out.push_str(", \"pos\": ");
                push_json_str(&mut out, &t.pos);
            }
            if has_tag || !t.morph.is_empty() {
                out.push_str(", \"morph\": ");
                push_json_str(&mut out, &t.morph);
            }
            if has_lemma {
                out.push_str(", \"lemma\": ");
                push_json_str(&mut out, &t.lemma);
            }
            if has_dep {
                out.push_str(", \"dep\": ");
                push_json_str(&mut out, &t.dep);
                let _ = write!(out, ", \"head\": {}", t.head);
            }
            out.push('}');
        }
        out.push_str("]}");
        out
    }
}

/// Appends `s` as a JSON string the way Python's `json.dumps(..., ensure_ascii=False)` does.
fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use crate::Doc;

    #[test]
    fn round_trips_spacy_output_byte_for_byte() {
        // Printed by spaCy 3.8 for "Kyiv é \"said\".\n" (hand-checked key order and escapes).
        let json = r#"{"text": "Kyiv \u00e9", "ents": [{"start": 0, "end": 4, "label": "GPE"}], "sents": [{"start": 0, "end": 6}], "tokens": [{"id": 0, "start": 0, "end": 4, "tag": "NNP", "pos": "PROPN", "morph": "Number=Sing", "lemma": "Kyiv", "dep": "ROOT", "head": 0}, {"id": 1, "start": 5, "end": 6, "tag": "NN", "pos": "NOUN", "morph": "", "lemma": "\"\t", "dep": "appos", "head": 0}]}"#;
        let doc = Doc::from_spacy_json(json).unwrap();
        let expected = json.replace("\\u00e9", "é");
        assert_eq!(doc.to_spacy_json(), expected);
    }

    #[test]
    fn ner_only_documents_have_no_token_annotations() {
        let json = r#"{"text": "Barack Obama spoke", "ents": [{"start": 0, "end": 12, "label": "PERSON"}], "tokens": [{"id": 0, "start": 0, "end": 6}, {"id": 1, "start": 7, "end": 12}, {"id": 2, "start": 13, "end": 18}]}"#;
        assert_eq!(Doc::from_spacy_json(json).unwrap().to_spacy_json(), json);
        let one = r#"{"text": "Obama", "ents": [{"start": 0, "end": 5, "label": "PERSON"}], "sents": [{"start": 0, "end": 5}], "tokens": [{"id": 0, "start": 0, "end": 5}]}"#;
        assert_eq!(Doc::from_spacy_json(one).unwrap().to_spacy_json(), one);
        let empty = r#"{"text": "", "ents": [], "sents": [], "tokens": []}"#;
        assert_eq!(Doc::from_spacy_json(empty).unwrap().to_spacy_json(), empty);
    }
}
