//! `sitrep bench-corpus`: builds a corpus of many articles from the Lee corpus and times the
//! analysis alone, the ingest (analysis plus store), and the corpus queries.
//!
//! The articles are made from the Lee corpus (gensim's test data: 300 news articles, one per
//! line): each joins two or three runs of two to four consecutive sentences taken from random
//! Lee articles, and is dated on a random day of 2023–2024. The generator is seeded, so a given
//! `--articles` always makes the same corpus.

use crate::corpus::{run_ingest, Input};
use crate::pipeline::Analyzer;
use anyhow::{bail, Context, Result};
use chrono::{Duration as Days, NaiveDate};
use clap::Args;
use indicatif::ProgressBar;
use serde::Serialize;
use sitrep_ingest::Options;
use sitrep_store::{
    ActorsQuery, EntitiesQuery, NewArticle, PreparedAnalysis, QuotesQuery, SearchQuery, Stats,
    Store, StoredArticle, TimelineQuery,
};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// `sitrep bench-corpus`.
#[derive(Args)]
pub struct BenchArgs {
    /// The Lee corpus: gensim's test data file `lee_background.cor` (one article per line).
    /// `scripts/bench-corpus` fetches it from PyPI when it is not at hand.
    #[arg(value_name = "LEE_FILE")]
    lee: PathBuf,
    /// How many articles to make.
    #[arg(long, value_name = "N", default_value = "10000")]
    articles: usize,
    /// Analysis threads.
    #[arg(long, short = 'j', value_name = "N", default_value = "2", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: u16,
    /// How many times to run each query.
    #[arg(long, value_name = "N", default_value = "200")]
    queries: usize,
    /// Work in this folder and keep the articles (articles.jsonl) and the corpus
    /// (corpus.sqlite) made there; by default a temporary folder is used and removed.
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
    /// Print the results as JSON.
    #[arg(long)]
    json: bool,
}

/// What the benchmark measured.
#[derive(Serialize)]
struct BenchReport {
    /// How the articles were made.
    method: String,
    articles: usize,
    article_bytes: u64,
    jobs: usize,
    /// Seconds to load the models (once per process; not in the rates).
    load_seconds: f64,
    /// Reading and analysing every article, nothing stored.
    analysis: Rate,
    /// Reading, analysing and storing every article in a new corpus.
    ingest: Rate,
    /// Seconds the writer spent in the store, over all articles.
    store_seconds: f64,
    /// How much longer the ingest took than the analysis alone, in percent (wall clock: on a
    /// busy machine this carries the noise of both runs).
    store_overhead_percent: f64,
    /// The writer's time in the store over the analysis threads' time, in percent (wall clock).
    store_time_percent: f64,
    /// CPU seconds of the analysis-only run (the whole process; Linux only).
    analysis_cpu_seconds: Option<f64>,
    /// CPU seconds of the ingest's writer thread: the store's own work (Linux only).
    store_cpu_seconds: Option<f64>,
    /// The store's CPU over the analysis CPU, in percent: what the store adds to the work,
    /// however busy the machine.
    store_cpu_percent: Option<f64>,
    /// CPU seconds of the ingest run (the whole process; Linux only).
    ingest_cpu_seconds: Option<f64>,
    /// How much more CPU the ingest took than the analysis alone, in percent.
    ingest_cpu_overhead_percent: Option<f64>,
    /// The stored analyses written again into a new corpus on one thread with nothing else
    /// running: the store's own cost, without analysis threads competing for cores and caches.
    store_alone: Option<StoreAlone>,
    corpus: Stats,
    corpus_bytes: u64,
    queries: Vec<Latency>,
}

#[derive(Serialize)]
struct StoreAlone {
    /// CPU seconds of storing every article and updating the indexes as an ingest does.
    cpu_seconds: f64,
    /// Wall-clock seconds of the same.
    seconds: f64,
    /// `cpu_seconds` over the analysis CPU, in percent: the store's overhead.
    percent_of_analysis_cpu: Option<f64>,
}

#[derive(Serialize)]
struct Rate {
    seconds: f64,
    articles_per_second: f64,
}

/// Latencies of one kind of query.
#[derive(Serialize)]
struct Latency {
    query: String,
    runs: usize,
    p50_ms: f64,
    p95_ms: f64,
    max_ms: f64,
}

/// A small seeded generator (SplitMix64): the same corpus on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Titles that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sgt", "Prof", "Sen", "Rep", "Gov", "Capt",
];

/// The sentences of a text: breaks after `.`, `!` or `?` (and a closing quote) before a space
/// and a capital letter or an opening quote, except after a title ("Mr.").
fn sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        let (at, c) = chars[i];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let word = text[..at]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if c == '.' && ABBREVIATIONS.contains(&word) {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '\u{201d}') {
            j += 1;
        }
        if j + 1 < chars.len() && chars[j].1 == ' ' {
            let next = chars[j + 1].1;
            if next.is_uppercase() || matches!(next, '"' | '\u{201c}') {
                let end = chars[j].0;
                if end > start {
                    out.push(text[start..end].trim());
                }
                start = chars[j + 1].0;
            }
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// Writes `n` articles made from the Lee articles as JSONL; returns its size in bytes.
fn generate(lee: &[Vec<&str>], n: usize, path: &Path) -> Result<u64> {
    let mut rng = Rng(0x5175_7265_7031);
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).expect("a date");
    let mut out = BufWriter::new(
        File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
    );
    let mut bytes = 0u64;
    for i in 0..n {
        let mut paragraphs = Vec::new();
        for _ in 0..2 + rng.below(2) {
            let source = &lee[rng.below(lee.len())];
            let run = (2 + rng.below(3)).min(source.len());
            let from = rng.below(source.len() - run + 1);
            paragraphs.push(source[from..from + run].join(" "));
        }
        let text = paragraphs.join("\n\n");
        let title: String = text
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        let published = first + Days::days(rng.below(731) as i64);
        let line = serde_json::json!({
            "text": text,
            "title": title,
            "url": format!("https://bench.sitrep.invalid/{i}"),
            "published": published.to_string(),
        })
        .to_string();
        bytes += line.len() as u64 + 1;
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(bytes)
}

/// Runs `query` once per parameter (cycling through them) `runs` times, after one warm-up.
fn time<P>(
    name: &str,
    runs: usize,
    params: &[P],
    mut query: impl FnMut(&P) -> Result<()>,
) -> Result<Option<Latency>> {
    if params.is_empty() || runs == 0 {
        return Ok(None);
    }
    query(&params[0])?;
    let mut ms: Vec<f64> = Vec::with_capacity(runs);
    for i in 0..runs {
        let t = Instant::now();
        query(&params[i % params.len()])?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
    Ok(Some(Latency {
        query: name.to_string(),
        runs,
        p50_ms: at(0.5),
        p95_ms: at(0.95),
        max_ms: ms[ms.len() - 1],
    }))
}

/// Times every kind of corpus query on parameters drawn from the corpus itself.
fn time_queries(store: &Store, runs: usize) -> Result<Vec<Latency>> {
    let mut rng = Rng(0x71_7565_7279);
    let top = store.entities(&EntitiesQuery {
        limit: Some(50),
        ..Default::default()
    })?;
    let ids: Vec<i64> = top.iter().map(|e| e.entity.id).collect();
    let names: Vec<String> = top.iter().map(|e| e.entity.name.clone()).collect();
    let people: Vec<i64> = store
        .entities(&EntitiesQuery {
            kind: Some("PERSON".into()),
            limit: Some(50),
            ..Default::default()
        })?
        .iter()
        .map(|e| e.entity.id)
        .collect();
    let types: Vec<String> = store.event_types()?.into_iter().map(|t| t.kind).collect();
    let stats = store.stats()?;
    let (Some(first), Some(last)) = (&stats.first_published, &stats.last_published) else {
        bail!("the corpus has no dated articles");
    };
    let (first, last): (NaiveDate, NaiveDate) = (first.parse()?, last.parse()?);
    let span = (last - first).num_days().max(1) as usize;
    let windows: Vec<(String, NaiveDate)> = (0..runs.max(1))
        .map(|i| {
            let kind = if types.is_empty() {
                String::new()
            } else {
                types[i % types.len()].clone()
            };
            (kind, first + Days::days(rng.below(span) as i64))
        })
        .collect();
    let words: Vec<String> = [
        "minister",
        "police",
        "fire",
        "talks",
        "troops",
        "election",
        "attack",
        "rain",
        "bank",
        "government",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();

    let mut out = Vec::new();
    out.extend(time(
        "timeline --entity NAME (limit 200)",
        runs,
        &ids,
        |&id| {
            store.timeline(&TimelineQuery {
                entity: Some(id),
                limit: Some(200),
                ..Default::default()
            })?;
            Ok(())
        },
    )?);
    out.extend(time(
        "timeline --type T --from D --to D+30 (limit 200)",
        runs,
        &windows,
        |(kind, from)| {
            store.timeline(&TimelineQuery {
                kind: (!kind.is_empty()).then(|| kind.clone()),
                from: Some(*from),
                to: Some(*from + Days::days(30)),
                limit: Some(200),
                ..Default::default()
            })?;
            Ok(())
        },
    )?);
    out.extend(time(
        "entity NAME (resolve + profile, limit 20)",
        runs,
        &names,
        |name| {
            if let sitrep_store::EntityMatch::Found { entity } = store.resolve_entity(name, None)? {
                store.entity(entity.entity.id, 20)?;
            }
            Ok(())
        },
    )?);
    out.extend(time("actors (top 50)", runs.min(50), &[()], |_| {
        store.actors(&ActorsQuery {
            limit: Some(50),
            ..Default::default()
        })?;
        Ok(())
    })?);
    out.extend(time("actors --entity NAME (top 50)", runs, &ids, |&id| {
        store.actors(&ActorsQuery {
            entity: Some(id),
            limit: Some(50),
            ..Default::default()
        })?;
        Ok(())
    })?);
    out.extend(time(
        "quotes --speaker NAME (limit 50)",
        runs,
        &people,
        |&id| {
            store.quotes(&QuotesQuery {
                speaker: Some(id),
                limit: Some(50),
            })?;
            Ok(())
        },
    )?);
    out.extend(time("quotes (newest 50)", runs.min(50), &[()], |_| {
        store.quotes(&QuotesQuery {
            speaker: None,
            limit: Some(50),
        })?;
        Ok(())
    })?);
    out.extend(time("search WORD (limit 20)", runs, &words, |w| {
        store.search(&SearchQuery {
            text: w.clone(),
            raw: false,
            limit: Some(20),
        })?;
        Ok(())
    })?);
    Ok(out)
}

/// `sitrep bench-corpus`.
pub fn bench(args: &BenchArgs) -> Result<ExitCode> {
    let lee_text = std::fs::read_to_string(&args.lee).with_context(|| {
        format!(
            "{}: cannot read the Lee corpus (scripts/bench-corpus fetches it)",
            args.lee.display()
        )
    })?;
    let lee: Vec<Vec<&str>> = lee_text
        .lines()
        .map(sentences)
        .filter(|s| !s.is_empty())
        .collect();
    if lee.len() < 10 {
        bail!(
            "{}: expected the Lee corpus (300 articles, one per line), found {} lines",
            args.lee.display(),
            lee.len()
        );
    }
    let (dir, temporary) = match &args.keep {
        Some(d) => (d.clone(), false),
        None => (
            std::env::temp_dir().join(format!("sitrep-bench-{}", std::process::id())),
            true,
        ),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let result = run(args, &lee, &dir);
    if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let report = result?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn run(args: &BenchArgs, lee: &[Vec<&str>], dir: &Path) -> Result<BenchReport> {
    let jobs = usize::from(args.jobs);
    let say = |line: &str| eprintln!("bench-corpus: {line}");
    let jsonl = dir.join("articles.jsonl");
    say(&format!(
        "making {} articles from {} Lee articles in {}",
        args.articles,
        lee.len(),
        jsonl.display()
    ));
    let article_bytes = generate(lee, args.articles, &jsonl)?;

    let t = Instant::now();
    Analyzer::shared()?;
    let load_seconds = t.elapsed().as_secs_f64();
    let opts = Options::default();
    let hidden = ProgressBar::hidden();
    let quiet = |line: &str| say(line);

    say(&format!(
        "analysing them on {jobs} threads, storing nothing"
    ));
    let cpu_before = crate::corpus::cpu_seconds("self");
    let analysis = run_ingest(
        None,
        vec![Input::Jsonl(jsonl.clone())],
        opts,
        jobs,
        &hidden,
        false,
        &quiet,
    )?;

    let analysis_cpu_seconds = cpu_before
        .zip(crate::corpus::cpu_seconds("self"))
        .map(|(a, b)| b - a);
    let db = dir.join("corpus.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(PathBuf::from(format!("{}{suffix}", db.display())));
    }
    say(&format!(
        "ingesting them on {jobs} threads into {}",
        db.display()
    ));
    let mut store = Store::open(&db)?;
    let cpu_before = crate::corpus::cpu_seconds("self");
    let ingest = run_ingest(
        Some(&mut store),
        vec![Input::Jsonl(jsonl)],
        opts,
        jobs,
        &hidden,
        false,
        &quiet,
    )?;
    drop(store);
    let ingest_cpu_seconds = cpu_before
        .zip(crate::corpus::cpu_seconds("self"))
        .map(|(a, b)| b - a);
    let store = Store::open_existing(&db)?;
    let corpus = store.stats()?;
    let corpus_bytes = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", db.display())).ok())
        .map(|m| m.len())
        .sum();
    say("storing the same analyses again, alone on one thread");
    let store_alone =
        store_alone(&store, &dir.join("store-alone.sqlite"))?.map(|(cpu, seconds)| StoreAlone {
            cpu_seconds: cpu,
            seconds,
            percent_of_analysis_cpu: analysis_cpu_seconds.map(|a| 100.0 * cpu / a.max(1e-9)),
        });
    say(&format!("timing queries ({} runs each)", args.queries));
    let queries = time_queries(&store, args.queries)?;
    let rate = |r: &crate::corpus::IngestReport| Rate {
        seconds: r.seconds,
        articles_per_second: (r.stored + r.known) as f64 / r.seconds.max(1e-9),
    };
    Ok(BenchReport {
        method: format!(
            "{} articles, each joining 2-3 runs of 2-4 consecutive sentences from random articles of the {}-article Lee corpus, dated on random days of 2023-2024 (seeded)",
            args.articles,
            lee.len()
        ),
        articles: args.articles,
        article_bytes,
        jobs,
        load_seconds,
        store_overhead_percent: 100.0 * (ingest.seconds - analysis.seconds) / analysis.seconds.max(1e-9),
        analysis: rate(&analysis),
        store_seconds: ingest.store_seconds,
        store_time_percent: 100.0 * ingest.store_seconds / (analysis.seconds * jobs as f64).max(1e-9),
        analysis_cpu_seconds,
        store_cpu_seconds: ingest.store_cpu_seconds,
        ingest_cpu_seconds,
        ingest_cpu_overhead_percent: analysis_cpu_seconds
            .zip(ingest_cpu_seconds)
            .map(|(a, i)| 100.0 * (i - a) / a.max(1e-9)),
        store_cpu_percent: analysis_cpu_seconds
            .zip(ingest.store_cpu_seconds)
            .map(|(a, s)| 100.0 * s / a.max(1e-9)),
        ingest: rate(&ingest),
        store_alone,
        corpus,
        corpus_bytes,
        queries,
    })
}

/// Stores every article of `from`, with its analysis, in a new corpus at `db`, updating the
/// indexes every [`INDEX_EVERY`] articles (about a second of a 2-core ingest); returns the CPU
/// seconds of this thread and the wall-clock seconds spent storing (Linux only: `None`
/// elsewhere). Each chunk of analyses is prepared before the clock runs, as the analysis
/// threads prepare them in an ingest.
fn store_alone(from: &Store, db: &Path) -> Result<Option<(f64, f64)>> {
    const INDEX_EVERY: i64 = 250;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(PathBuf::from(format!("{}{suffix}", db.display())));
    }
    let mut store = Store::open(db)?;
    let (mut cpu, mut wall) = (0.0, 0.0);
    let last = from.stats()?.articles as i64;
    for chunk in (1..=last).step_by(INDEX_EVERY as usize) {
        let mut stored = Vec::new();
        for id in chunk..(chunk + INDEX_EVERY).min(last + 1) {
            if let Some(a) = from.article(id)? {
                let json = serde_json::to_string(&a.analysis)?;
                stored.push((a, json));
            }
        }
        let prepared = stored
            .iter()
            .map(|(a, json)| {
                let article = stored_as_new(a);
                Ok((
                    article,
                    PreparedAnalysis::from_json(&article, json.clone())?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let Some(before) = crate::corpus::cpu_seconds("thread-self") else {
            return Ok(None);
        };
        let t = Instant::now();
        for (article, analysis) in &prepared {
            store.add_prepared(article, analysis)?;
        }
        store.update_indexes()?;
        wall += t.elapsed().as_secs_f64();
        cpu += crate::corpus::cpu_seconds("thread-self").unwrap_or(before) - before;
    }
    Ok(Some((cpu, wall)))
}

/// A stored article as it was given to the store.
fn stored_as_new(a: &StoredArticle) -> NewArticle<'_> {
    NewArticle {
        text: &a.text,
        title: a.article.title.as_deref(),
        url: a.article.url.as_deref(),
        published: a.article.published.as_deref().and_then(|d| d.parse().ok()),
        source: &a.article.source,
        format: &a.format,
    }
}

fn print_report(r: &BenchReport) {
    println!("sitrep bench-corpus");
    println!("  corpus     {}", r.method);
    println!(
        "             {:.1} MB of JSONL",
        r.article_bytes as f64 / 1e6
    );
    println!("  models     loaded in {:.2} s", r.load_seconds);
    println!(
        "  analysis   {:>8.1} articles/s on {} threads ({:.1} s; nothing stored)",
        r.analysis.articles_per_second, r.jobs, r.analysis.seconds
    );
    println!(
        "  ingest     {:>8.1} articles/s on {} threads ({:.1} s; the writer spent {:.1} s storing)",
        r.ingest.articles_per_second, r.jobs, r.ingest.seconds, r.store_seconds
    );
    println!(
        "  overhead   {:>8.1} % wall clock (ingest time over analysis time)",
        r.store_overhead_percent
    );
    if let (Some(a), Some(i), Some(p)) = (
        r.analysis_cpu_seconds,
        r.ingest_cpu_seconds,
        r.ingest_cpu_overhead_percent,
    ) {
        println!("             {p:>8.1} % CPU (ingest {i:.1} CPU s over analysis {a:.1} CPU s)");
    }
    if let (Some(s), Some(p)) = (r.store_cpu_seconds, r.store_cpu_percent) {
        println!("             {p:>8.1} % CPU in the writer thread alone ({s:.1} CPU s)");
    }
    if let Some(StoreAlone {
        cpu_seconds,
        seconds,
        percent_of_analysis_cpu: Some(p),
    }) = &r.store_alone
    {
        println!(
            "  store      {p:>8.1} % of the analysis CPU: storing alone on one thread took {cpu_seconds:.1} CPU s ({seconds:.1} s, {:.2} ms per article)",
            1000.0 * cpu_seconds / r.articles.max(1) as f64
        );
    }
    let c = &r.corpus;
    println!(
        "  stored     {} articles, {} entities, {} events ({} reports), {} quotes, {} counts; {:.1} MB",
        c.articles,
        c.entities,
        c.events,
        c.event_reports,
        c.quotes,
        c.counts,
        r.corpus_bytes as f64 / 1e6
    );
    println!("  queries (ms)                                         p50      p95      max");
    for q in &r.queries {
        println!(
            "    {:<48} {:>8.2} {:>8.2} {:>8.2}",
            q.query, q.p50_ms, q.p95_ms, q.max_ms
        );
    }
    if r.corpus.entities == 0 {
        println!(
            "  (no entities were found, so the entity, actor and speaker queries were not timed)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn splits_news_sentences() {
        let s = sentences(
            "Rain fell on Monday. \"It was heavy,\" he said. Mr. Lee agreed! Next: the U.S. team.",
        );
        assert_eq!(
            s,
            [
                "Rain fell on Monday.",
                "\"It was heavy,\" he said.",
                "Mr. Lee agreed!",
                "Next: the U.S. team."
            ]
        );
    }
}
