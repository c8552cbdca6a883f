//! Throughput of the Rust pipeline, for `scripts/bench-nlp`.
//!
//! Usage: `bench_nlp FILE [--components all|ner] [--min-seconds S] [--threads T]`
//! Every line of FILE is one document. With one thread the documents are processed in passes
//! until at least S seconds (default 3) of this thread's CPU time are spent; prints one line:
//! `docs=N tokens=N cpu_seconds=S tokens_per_second=R`. With `--threads T`, each thread takes
//! every T-th document, for S seconds of wall time, and the line gives wall-clock throughput:
//! `threads=T docs=N tokens=N wall_seconds=S tokens_per_second=R`.

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
    let (mut file, mut components, mut min_seconds, mut threads) = (None, Components::All, 3.0, None);
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
            "--threads" => threads = args.next().and_then(|s| s.parse::<usize>().ok()).map(|t| t.max(1)),
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
    if let Some(threads) = threads {
        parallel(&nlp, &docs, components, min_seconds, threads);
        return ExitCode::SUCCESS;
    }
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

/// Wall-clock throughput of `threads` threads sharing one pipeline.
fn parallel(nlp: &Pipeline, docs: &[&str], components: Components, min_seconds: f64, threads: usize) {
    let start = std::time::Instant::now();
    let counts: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let (mut n_docs, mut n_tokens) = (0usize, 0usize);
                    while start.elapsed().as_secs_f64() < min_seconds && !docs.is_empty() {
                        for d in docs.iter().skip(t).step_by(threads) {
                            n_tokens += nlp.process_with(d, components).tokens.len();
                            n_docs += 1;
                        }
                    }
                    (n_docs, n_tokens)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("worker thread")).collect()
    });
    let secs = start.elapsed().as_secs_f64();
    let (n_docs, n_tokens) = counts.iter().fold((0, 0), |a, c| (a.0 + c.0, a.1 + c.1));
    println!(
        "threads={threads} docs={n_docs} tokens={n_tokens} wall_seconds={secs:.3} tokens_per_second={:.0}",
        n_tokens as f64 / secs
    );
}
