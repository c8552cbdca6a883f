//! Runs the attribute ruler and lemmatizer on tagged and parsed documents, for comparison with
//! spaCy (`scripts/spacy_model/compare_rules.py`).
//!
//! Usage: rules < docs.jsonl
//! Input: one spaCy `Doc.to_json()` per line, as the tagger and parser leave it (tags, labels,
//! heads; no POS, morphology or lemmas). Output: the same documents after the attribute ruler
//! and the lemmatizer, in `Doc.to_json()` form.

use sitrep_nlp::attribute_ruler::AttributeRuler;
use sitrep_nlp::lemmatizer::Lemmatizer;
use sitrep_nlp::Doc;
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        let mut doc =
            Doc::from_spacy_json(&line).map_err(|e| format!("stdin line {}: {e}", n + 1))?;
        AttributeRuler::english().apply(&mut doc);
        Lemmatizer::english().apply(&mut doc);
        writeln!(out, "{}", doc.to_spacy_json())?;
    }
    Ok(())
}
