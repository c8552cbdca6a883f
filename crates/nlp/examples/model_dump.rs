//! Runs the networks on token attributes and state features given by
//! `scripts/spacy_model/check_model.py`, and writes the outputs for it to compare.
//!
//! Usage: `model_dump INPUT.json OUTPUT.bin`. INPUT is a JSON list of documents
//! `{"attrs": [[u64; 6], ...], "parser_ids": [[i32; 8], ...], "ner_ids": [[i32; 3], ...]}`.
//! OUTPUT is little-endian f32, per document: shared tok2vec (n x 96), NER tok2vec (n x 96),
//! tag indices (n), parser scores (steps x actions), NER scores (steps x actions).

use std::io::Write;
use std::process::ExitCode;

use serde::Deserialize;
use sitrep_nlp::model::{Models, TokenAttrs};

#[derive(Deserialize)]
struct DocInput {
    attrs: Vec<TokenAttrs>,
    parser_ids: Vec<Vec<i32>>,
    ner_ids: Vec<Vec<i32>>,
}

fn run(input: &str, output: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let docs: Vec<DocInput> = serde_json::from_str(&text).map_err(|e| format!("{input}: {e}"))?;
    let models = Models::embedded().map_err(|e| e.to_string())?;
    let mut out: Vec<f32> = Vec::new();
    for doc in &docs {
        let tokvecs = models.tok2vec.forward(&doc.attrs);
        let ner_tokvecs = models.ner_tok2vec.forward(&doc.attrs);
        out.extend_from_slice(tokvecs.as_slice());
        out.extend_from_slice(ner_tokvecs.as_slice());
        out.extend(
            models
                .tagger
                .predict(&tokvecs)
                .into_iter()
                .map(|t| t as f32),
        );
        for (model, vecs, ids) in [
            (&models.parser, &tokvecs, &doc.parser_ids),
            (&models.ner, &ner_tokvecs, &doc.ner_ids),
        ] {
            let pre = model.precompute(vecs);
            let flat: Vec<i32> = ids.iter().flatten().copied().collect();
            let mut scores = vec![0.0; ids.len() * model.n_actions()];
            model.scores(&pre, &flat, &mut scores);
            out.extend_from_slice(&scores);
        }
    }
    let bytes: Vec<u8> = out.iter().flat_map(|v| v.to_le_bytes()).collect();
    std::fs::File::create(output)
        .and_then(|mut f| f.write_all(&bytes))
        .map_err(|e| format!("{output}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: model_dump INPUT.json OUTPUT.bin");
        return ExitCode::from(2);
    }
    match run(&args[1], &args[2]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("model_dump: {e}");
            ExitCode::FAILURE
        }
    }
}
