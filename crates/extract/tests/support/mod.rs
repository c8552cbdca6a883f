//! Test support: parsed documents for test sentences.
//!
//! `parse` returns spaCy's analysis of a text from the fixture files in `tests/fixtures/*.jsonl`
//! (made by `scripts/dev/add_parses.py`); sitrep's own NLP runtime reproduces spaCy exactly, so
//! the extractors see in tests what they see in production.

use sitrep_nlp::Doc;
use std::collections::HashMap;
use std::sync::OnceLock;

fn fixtures() -> &'static HashMap<String, String> {
    static PARSES: OnceLock<HashMap<String, String>> = OnceLock::new();
    PARSES.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut map = HashMap::new();
        for entry in std::fs::read_dir(dir).expect("tests/fixtures exists") {
            let path = entry.expect("readable fixtures dir").path();
            if path.extension().is_some_and(|e| e == "jsonl") {
                let body = std::fs::read_to_string(&path).expect("readable fixture");
                for line in body.lines().filter(|l| !l.trim().is_empty()) {
                    let v: serde_json::Value = serde_json::from_str(line).expect("fixture line is JSON");
                    let text = v["text"].as_str().expect("fixture has text").to_string();
                    map.insert(text, line.to_string());
                }
            }
        }
        map
    })
}

/// The parsed document for `text`; panics with instructions when no fixture holds it.
pub fn parse(text: &str) -> Doc {
    let json = fixtures().get(text).unwrap_or_else(|| {
        panic!("no parse for {text:?}: add it with scripts/dev/add_parses.py tests/fixtures/NAME.jsonl")
    });
    Doc::from_spacy_json(json).expect("fixture is a spaCy Doc JSON")
}
