//! Times the networks (without tokenizer and rule-based components) on real documents.
//!
//! Usage: `model_bench ATTRS.jsonl [WORDS]`, where each line of ATTRS is one document's token
//! attributes as `Doc.to_array(["NORM","PREFIX","SUFFIX","SHAPE","SPACY","IS_SPACE"])`, and
//! WORDS (optional) is the number of whitespace-separated words of those documents, to report
//! words per second. Build with `--release`; runs single-threaded.
//!
//! Reported paths: the NER tok2vec alone; NER = NER tok2vec + NER network with greedy
//! decoding; full = shared tok2vec + tagger + parser + NER. Each is timed in CPU time, best of
//! five passes.

use std::process::ExitCode;
use std::time::Instant;

use sitrep_nlp::model::{Matrix, Models, TokenAttrs, TransitionModel};
use sitrep_nlp::ner::BiluoMoves;
use sitrep_nlp::parser::ArcEager;
use sitrep_nlp::state::TokenInfo;
use sitrep_nlp::transition::StateScorer;

fn decode<T>(
    model: &TransitionModel,
    tokvecs: &Matrix,
    run: impl FnOnce(&mut dyn StateScorer) -> T,
) -> T {
    let pre = model.precompute(tokvecs);
    let mut scorer = |ids: &[i32], scores: &mut [f32]| model.scores(&pre, ids, scores);
    run(&mut scorer)
}

/// CPU time of this thread in seconds (Linux `schedstat`; other processes share the cores),
/// or wall time since `origin` where that is unavailable.
fn cpu_seconds(origin: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|ns| ns.parse::<f64>().ok())
        })
        .map_or_else(|| origin.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

fn main() -> ExitCode {
    let origin = Instant::now();
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        eprintln!("usage: model_bench ATTRS.jsonl [WORDS]");
        return ExitCode::from(2);
    }
    let text = match std::fs::read_to_string(&args[1]) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("model_bench: {}: {e}", args[1]);
            return ExitCode::FAILURE;
        }
    };
    let docs: Vec<Vec<TokenAttrs>> = match text.lines().map(serde_json::from_str).collect() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("model_bench: {}: {e}", args[1]);
            return ExitCode::FAILURE;
        }
    };
    let n_tokens: usize = docs.iter().map(Vec::len).sum();
    let words: Option<f64> = args.get(2).and_then(|w| w.parse().ok());

    let start = cpu_seconds(origin);
    let models = Models::embedded().expect("embedded weights load");
    println!("load: {:.1} ms CPU", (cpu_seconds(origin) - start) * 1e3);
    let names = |m: &TransitionModel| {
        m.action_names()
            .iter()
            .map(String::clone)
            .collect::<Vec<_>>()
    };
    let ner =
        BiluoMoves::from_names(names(&models.ner).iter().map(String::as_str)).expect("ner moves");
    let parser = ArcEager::from_names(names(&models.parser).iter().map(String::as_str))
        .expect("parser moves");
    let infos: Vec<Vec<TokenInfo>> = docs
        .iter()
        .map(|d| {
            let mut infos: Vec<TokenInfo> = d
                .iter()
                .map(|a| TokenInfo {
                    sent_start: 0,
                    is_space: a[5] == 1,
                })
                .collect();
            if let Some(first) = infos.first_mut() {
                first.sent_start = 1;
            }
            infos
        })
        .collect();

    // Each path runs PASSES times over all documents; the best pass counts (other processes
    // share the cores, so slower passes measure them rather than this code).
    const PASSES: usize = 5;
    let measure = |name: &str, run: &dyn Fn() -> usize| {
        let mut best = f64::MAX;
        let mut count = 0;
        for _ in 0..PASSES {
            let start = cpu_seconds(origin);
            count = run();
            best = best.min(cpu_seconds(origin) - start);
        }
        let per_word = words
            .map(|w| format!(", {:.0} words/s", w / best))
            .unwrap_or_default();
        println!(
            "{name} ({count}): best of {PASSES}: {best:.3} s CPU, {:.0} tokens/s{per_word}",
            n_tokens as f64 / best
        );
    };
    measure("ner tok2vec alone (tokens)", &|| {
        docs.iter()
            .map(|attrs| std::hint::black_box(models.ner_tok2vec.forward(attrs)).rows())
            .sum()
    });
    measure("ner: tok2vec + network + decoding (entities)", &|| {
        docs.iter()
            .zip(&infos)
            .map(|(attrs, infos)| {
                let vecs = models.ner_tok2vec.forward(attrs);
                decode(&models.ner, &vecs, |s| ner.recognise(infos, s)).len()
            })
            .sum()
    });
    measure("full: tok2vec, tagger, parser, ner (entities)", &|| {
        docs.iter()
            .zip(&infos)
            .map(|(attrs, infos)| {
                let tokvecs = models.tok2vec.forward(attrs);
                std::hint::black_box(models.tagger.predict(&tokvecs));
                let parse = decode(&models.parser, &tokvecs, |s| parser.parse(infos, s));
                let mut infos = infos.clone();
                for (info, &s) in infos.iter_mut().zip(&parse.sent_starts) {
                    info.sent_start = s;
                }
                let vecs = models.ner_tok2vec.forward(attrs);
                decode(&models.ner, &vecs, |s| ner.recognise(&infos, s)).len()
            })
            .sum()
    });
    ExitCode::SUCCESS
}
