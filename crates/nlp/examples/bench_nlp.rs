//! Throughput of the Rust pipeline, for `scripts/bench-nlp`.
//!
//! Usage: `bench_nlp FILE [--components all|ner] [--min-seconds S]`
//! Every line of FILE is one document. The documents are processed in passes until at least
//! S seconds (default 3) of this thread's CPU time are spent; prints one line:
//! `docs=N tokens=N cpu_seconds=S tokens_per_second=R`.

use sitrep_nlp::pipeline::{Components, Pipeline};
use std::process::ExitCode;

/// CPU time of the calling thread in seconds (Linux `schedstat`), or wall time elsewhere.
fn cpu_seconds(start: std::time::Instant) -> f64 {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|x| x.parse::<f64>().ok())
        {
            return ns / 1e9;
        }
    }
    start.elapsed().as_secs_f64()
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut file, mut components, mut min_seconds) = (None, Components::All, 3.0);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--components" => {
                components = if args.next().as_deref() == Some("ner") {
                    Components::Ner
                } else {
                    Components::All
                }
            }
            "--min-seconds" => {
                min_seconds = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0)
            }
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: bench_nlp FILE [--components all|ner] [--min-seconds S]");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("bench_nlp: {file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let docs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let nlp = match Pipeline::load() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("bench_nlp: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Warm up (first-use loading, page faults) outside the measurement.
    let _ = nlp.process_with(docs.first().copied().unwrap_or(""), components);
    let wall = std::time::Instant::now();
    let t0 = cpu_seconds(wall);
    let (mut n_docs, mut n_tokens) = (0usize, 0usize);
    loop {
        for d in &docs {
            n_tokens += nlp.process_with(d, components).tokens.len();
            n_docs += 1;
        }
        if cpu_seconds(wall) - t0 >= min_seconds || docs.is_empty() {
            break;
        }
    }
    let secs = cpu_seconds(wall) - t0;
    println!(
        "docs={n_docs} tokens={n_tokens} cpu_seconds={secs:.3} tokens_per_second={:.0}",
        n_tokens as f64 / secs
    );
    ExitCode::SUCCESS
}
