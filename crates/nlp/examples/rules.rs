//! Runs the attribute ruler and lemmatizer on tagged and parsed documents, for comparison with
//! spaCy (`scripts/spacy_model/compare_rules.py`) and for timing.
//!
//! Usage: rules [--bench] < docs.jsonl
//! Input: one spaCy `Doc.to_json()` per line, as the tagger and parser leave it (tags, labels,
//! heads; no POS, morphology or lemmas). Output: the same documents after the attribute ruler
//! and the lemmatizer, in `Doc.to_json()` form. With `--bench`, prints only the throughput.

use sitrep_nlp::attribute_ruler::AttributeRuler;
use sitrep_nlp::lemmatizer::Lemmatizer;
use sitrep_nlp::Doc;
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bench = std::env::args().any(|a| a == "--bench");
    let mut docs = Vec::new();
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let doc = Doc::from_spacy_json(&line?).map_err(|e| format!("stdin line {}: {e}", n + 1))?;
        docs.push(doc);
    }
    let (ruler, lemmatizer) = (AttributeRuler::english(), Lemmatizer::english());
    if bench {
        let mut copies: Vec<Doc> = (0..5).flat_map(|_| docs.iter().cloned()).collect();
        let t0 = Instant::now();
        let mut ntok = 0;
        for d in &mut copies {
            ruler.apply(d);
            lemmatizer.apply(d);
            ntok += d.tokens.len();
        }
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "attribute ruler + lemmatizer: {:.0} tokens/s ({ntok} tokens in {secs:.3}s)",
            ntok as f64 / secs
        );
        return Ok(());
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for mut doc in docs {
        ruler.apply(&mut doc);
        lemmatizer.apply(&mut doc);
        writeln!(out, "{}", doc.to_spacy_json())?;
    }
    Ok(())
}
