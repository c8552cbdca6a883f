//! Tokenizes documents and prints tokens and lexical attributes, for comparison with spaCy
//! (`scripts/spacy_model/compare_tokens.py`) and for timing.
//!
//! Usage: tokenize [--bench] < docs.jsonl
//! Input: one JSON string (a document) per line. Output: one JSON object per document with
//! `tokens` ([start, end, space_after] in characters) and `attrs` (see `lexeme::token_attrs`).
//! With `--bench`, prints only the token count and throughput.

use sitrep_nlp::lexeme::token_attrs;
use sitrep_nlp::tokenizer::Tokenizer;
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bench = std::env::args().any(|a| a == "--bench");
    let mut docs = Vec::new();
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line?;
        let doc: String = serde_json::from_str(&line)
            .map_err(|e| format!("stdin line {}: expected a JSON string: {e}", n + 1))?;
        docs.push(doc);
    }
    let tokenizer = Tokenizer::english();
    if bench {
        let chars: usize = docs.iter().map(|d| d.chars().count()).sum();
        token_attrs("warm up", &tokenizer.tokenize("warm up"));
        let t0 = Instant::now();
        let mut ntok = 0;
        for _ in 0..5 {
            for d in &docs {
                ntok += tokenizer.tokenize(d).len();
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let mut nattr = 0;
        for _ in 0..5 {
            for d in &docs {
                nattr += token_attrs(d, &tokenizer.tokenize(d)).len();
            }
        }
        let secs_attrs = t1.elapsed().as_secs_f64();
        println!(
            "{} docs, {} chars: tokenizer {:.0} tokens/s ({} tokens in {:.3}s); tokenizer+attrs {:.0} tokens/s",
            docs.len(),
            chars,
            ntok as f64 / secs,
            ntok,
            secs,
            nattr as f64 / secs_attrs
        );
        return Ok(());
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for d in &docs {
        let toks = tokenizer.tokenize(d);
        let mut char_of = vec![0usize; d.len() + 1];
        let mut c = 0;
        for (b, ch) in d.char_indices() {
            char_of[b] = c;
            c += 1;
            let _ = ch;
        }
        char_of[d.len()] = c;
        let tokens: Vec<(usize, usize, bool)> = toks
            .iter()
            .map(|t| (char_of[t.start], char_of[t.end], t.space_after))
            .collect();
        let attrs = token_attrs(d, &toks);
        let attrs: Vec<Vec<String>> = attrs
            .iter()
            .map(|a| a.iter().map(u64::to_string).collect())
            .collect();
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"tokens": tokens, "attrs": attrs}),
        )?;
        writeln!(out)?;
    }
    Ok(())
}
