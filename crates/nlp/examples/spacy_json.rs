//! Prints spaCy's `Doc.to_json()` for each document, as `json.dumps(..., ensure_ascii=False)`
//! does: the Rust counterpart of `scripts/dev/spacy_json.py`, used by
//! `scripts/spacy_model/compare.py`.
//!
//! Usage: `spacy_json [FILE...] [--lines] [--components all|ner] [--file-list LIST]`
//! Each FILE is one document (`-` or no FILE reads standard input); with `--lines` every
//! line of it is one (split at `\n`, as Python's `str.split("\n")`). `--file-list` names a
//! file listing one input path per line. Files are read as they are (Python's text mode would
//! turn `\r\n` into `\n`; compare.py hands both sides the same bytes).

use sitrep_nlp::pipeline::{Components, Pipeline};
use std::io::{Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("spacy_json: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut files = Vec::new();
    let mut lines = false;
    let mut components = Components::All;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lines" => lines = true,
            "--components" => {
                components = match args.next().as_deref() {
                    Some("all") => Components::All,
                    Some("ner") => Components::Ner,
                    other => return Err(format!("--components takes all or ner, not {other:?}")),
                }
            }
            "--file-list" => {
                let list = args.next().ok_or("--file-list needs a file")?;
                let text = std::fs::read_to_string(&list).map_err(|e| format!("{list}: {e}"))?;
                files.extend(text.lines().filter(|l| !l.is_empty()).map(String::from));
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        files.push("-".to_string());
    }
    let nlp = Pipeline::load().map_err(|e| e.to_string())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &files {
        let text = if path == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("standard input: {e}"))?;
            s
        } else {
            std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?
        };
        let docs: Vec<&str> = if lines {
            text.split('\n').collect()
        } else {
            vec![&text]
        };
        for doc in docs {
            let json = nlp.process_with(doc, components).to_spacy_json();
            writeln!(out, "{json}").map_err(|e| format!("writing output: {e}"))?;
        }
    }
    out.flush().map_err(|e| format!("writing output: {e}"))
}
