//! The corpus commands: `sitrep ingest` builds a corpus from many articles; `timeline`,
//! `actors`, `entity`, `quotes`, `search` and `export` query it. Each query is a thin layer over
//! `sitrep_store`, printing its result for people or, with `--json`, as it is.

use crate::pipeline::Analyzer;
use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use sitrep_ingest::{Article, IngestError, Ingested, Options};
use sitrep_store::{
    ActorsQuery, Added, CsvTable, EntityMatch, EntitySummary, NewArticle, PreparedAnalysis,
    QuoteRow, QuotesQuery, SearchQuery, Store, TimelineEvent, TimelineQuery,
};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The corpus file every corpus command reads or writes.
#[derive(Args, Clone)]
pub struct DbArg {
    /// The corpus database (SQLite). Queries never create it.
    #[arg(long, value_name = "FILE", default_value = "sitrep.sqlite")]
    pub db: PathBuf,
}

/// `sitrep ingest`.
#[derive(Args)]
pub struct IngestArgs {
    /// Articles: text, HTML and JSON files; folders (read recursively: .txt, .html, .htm,
    /// .json, .jsonl, .ndjson files); JSON Lines files (.jsonl, .ndjson: one article per line);
    /// - for JSON Lines on standard input (a feed piped in).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    /// Threads that analyse articles (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// The publication date of every article, overriding what the inputs say.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_published)]
    published: Option<NaiveDate>,
    /// Refuse an article (a JSONL line) larger than this many bytes; K, M and G suffixes.
    #[arg(long, value_name = "BYTES", default_value = "10M", value_parser = crate::parse_size)]
    max_bytes: u64,
    /// Print every warning (such as a missing publication date), not just how many there were.
    #[arg(long, short)]
    verbose: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

/// One input of an ingest: a file holding one article, or a JSON Lines file.
pub(crate) enum Input {
    File(PathBuf),
    Jsonl(PathBuf),
    /// JSON Lines on standard input.
    StdinJsonl,
}

/// What happened to one article (or one unreadable input) on its way to the store.
enum Outcome {
    /// Read and analysed; to be stored.
    Analysed {
        ingested: Box<Ingested>,
        prepared: Box<PreparedAnalysis>,
    },
    /// Already in the corpus (same content hash): skipped before analysis.
    Known,
    /// Could not be read or analysed.
    Bad(String),
}

/// What an ingest did, for its summary and for `bench-corpus`.
#[derive(Debug, Default, Clone, Serialize)]
pub struct IngestReport {
    /// Articles stored by this run.
    pub stored: u64,
    /// Articles skipped because the corpus already held them.
    pub known: u64,
    /// Inputs or lines that could not be read or analysed.
    pub bad: u64,
    /// Articles stored with warnings (no publication date, ...).
    pub warned: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Seconds the writer spent storing (the store's own cost, wall clock).
    pub store_seconds: f64,
    /// CPU seconds of the writer thread (Linux only): the store's cost, busy machine or not.
    pub store_cpu_seconds: Option<f64>,
}

/// How many analysed articles may wait for the writer.
const STORE_QUEUE: usize = 256;

/// The longest a stored article waits for the corpus-wide indexes during an ingest.
const INDEX_DELAY: Duration = Duration::from_secs(1);

const FOLDER_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "shtml", "json", "jsonl", "ndjson",
];

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("jsonl") || x.eq_ignore_ascii_case("ndjson"))
}

/// The inputs named by the paths, folders walked in name order; paths that cannot be used are
/// reported as bad inputs.
pub(crate) fn collect_inputs(paths: &[PathBuf], bad: &mut Vec<String>) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut stdin_taken = false;
    for p in paths {
        if p.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_taken, true) {
                bad.push("-: standard input can be read only once".into());
            } else {
                inputs.push(Input::StdinJsonl);
            }
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                bad.push(format!("{}: no such file or folder", p.display()))
            }
            Err(e) => bad.push(format!("{}: cannot read: {e}", p.display())),
            Ok(m) if m.is_dir() => walk(p, &mut inputs, bad),
            Ok(_) if is_jsonl(p) => inputs.push(Input::Jsonl(p.clone())),
            Ok(_) => inputs.push(Input::File(p.clone())),
        }
    }
    inputs
}

/// The article files under a folder; hidden entries and symbolic links to folders are skipped.
fn walk(dir: &Path, inputs: &mut Vec<Input>, bad: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect::<Vec<_>>(),
        Err(e) => {
            bad.push(format!("{}: cannot read the folder: {e}", dir.display()));
            return;
        }
    };
    let mut entries = entries;
    entries.sort();
    for path in entries {
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, inputs, bad);
        } else if path.is_file() {
            let ext = path
                .extension()
                .and_then(|x| x.to_str())
                .map(str::to_ascii_lowercase);
            if ext
                .as_deref()
                .is_some_and(|x| FOLDER_EXTENSIONS.contains(&x))
            {
                inputs.push(if is_jsonl(&path) {
                    Input::Jsonl(path)
                } else {
                    Input::File(path)
                });
            }
        }
    }
}

/// How many articles the inputs hold (non-blank JSONL lines), for the progress bar; `None`
/// when standard input is one of them.
fn count_articles(inputs: &[Input]) -> Option<u64> {
    inputs
        .iter()
        .map(|i| match i {
            Input::File(_) => Some(1),
            Input::Jsonl(p) => Some(File::open(p).map_or(1, |f| {
                BufReader::new(f)
                    .split(b'\n')
                    .map_while(|l| l.ok())
                    .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
                    .count() as u64
            })),
            Input::StdinJsonl => None,
        })
        .sum()
}

/// `sitrep ingest`: reads, analyses (in parallel) and stores articles; prints a summary.
pub fn ingest(args: &IngestArgs) -> Result<ExitCode> {
    let mut store = Store::open(&args.db.db)?;
    let jobs = args.jobs.map_or_else(
        || thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let opts = Options {
        max_bytes: args.max_bytes,
        published: args.published,
    };
    let mut bad = Vec::new();
    let inputs = collect_inputs(&args.paths, &mut bad);
    let total = count_articles(&inputs);
    let progress = if args.quiet || !io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        let template = match total {
            Some(_) => {
                "{elapsed_precise} [{bar:40}] {pos}/{len} articles, {per_sec}, {eta} left {msg}"
            }
            None => "{elapsed_precise} {spinner} {pos} articles, {per_sec} {msg}",
        };
        bar.set_style(
            ProgressStyle::with_template(template)
                .expect("a valid template")
                .progress_chars("=> "),
        );
        bar
    };
    let say = |line: &str| progress.suspend(|| eprintln!("sitrep: {line}"));
    for b in &bad {
        say(&format!("error: {b}"));
    }
    let report = run_ingest(
        Some(&mut store),
        inputs,
        opts,
        jobs,
        &progress,
        args.verbose,
        &say,
    )?;
    progress.finish_and_clear();
    let report = IngestReport {
        bad: report.bad + bad.len() as u64,
        ..report
    };
    let stats = store.stats()?;
    eprintln!(
        "sitrep: {}: stored {} new articles{}{}{} in {:.1} s; the corpus holds {} articles, {} entities, {} events, {} quotes",
        args.db.db.display(),
        report.stored,
        if report.known > 0 { format!(", skipped {} already stored", report.known) } else { String::new() },
        if report.bad > 0 { format!(", {} bad (see above)", report.bad) } else { String::new() },
        if report.warned > 0 && !args.verbose {
            format!(", {} with warnings (--verbose lists them)", report.warned)
        } else {
            String::new()
        },
        report.seconds,
        stats.articles,
        stats.entities,
        stats.events,
        stats.quotes,
    );
    if report.stored + report.known == 0 && report.bad > 0 {
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the inputs on one thread, analyses on `jobs` threads and stores on this one, one
/// transaction per article, updating the corpus-wide indexes every [`INDEX_DELAY`]. Articles already stored are skipped before analysis. Without a
/// store the analyses are dropped: `bench-corpus` times the analysis alone that way.
pub(crate) fn run_ingest(
    mut store: Option<&mut Store>,
    inputs: Vec<Input>,
    opts: Options,
    jobs: usize,
    progress: &ProgressBar,
    verbose: bool,
    say: &dyn Fn(&str),
) -> Result<IngestReport> {
    let started = Instant::now();
    let analyzer = Analyzer::shared()?;
    let mut known = match &store {
        Some(s) => s.hashes()?,
        None => Default::default(),
    };
    let (work_tx, work_rx) = mpsc::sync_channel::<Ingested>(jobs * 4);
    // Room for the analyses of a second or so: the writer now and then waits for the disk (a
    // checkpoint), and the analysis threads should not wait with it.
    let (done_tx, done_rx) = mpsc::sync_channel::<Outcome>(STORE_QUEUE);
    let reader_done = done_tx.clone();
    let reader = thread::spawn(move || {
        let mut send = |item: Result<Ingested, IngestError>| -> bool {
            match item {
                Ok(ingested) => {
                    let a = &ingested.article;
                    if known.insert(sitrep_store::content_hash(&a.text, a.published)) {
                        work_tx.send(ingested).is_ok()
                    } else {
                        reader_done.send(Outcome::Known).is_ok()
                    }
                }
                Err(e) => reader_done
                    .send(Outcome::Bad(crate::explain(e).to_string()))
                    .is_ok(),
            }
        };
        for input in inputs {
            let going = match input {
                Input::File(p) => send(sitrep_ingest::read_path(&p, &opts)),
                Input::Jsonl(p) => match sitrep_ingest::read_jsonl_path(&p, &opts) {
                    Ok(mut lines) => lines.all(&mut send),
                    Err(e) => send(Err(e)),
                },
                Input::StdinJsonl => {
                    sitrep_ingest::read_jsonl(io::stdin().lock(), "-", &opts).all(&mut send)
                }
            };
            if !going {
                return;
            }
        }
    });
    let work_rx = Arc::new(Mutex::new(work_rx));
    let workers: Vec<_> = (0..jobs)
        .map(|_| {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            thread::spawn(move || worker(analyzer, &rx, &tx))
        })
        .collect();
    drop(done_tx);
    let pause = test_pause();
    let cpu_before = cpu_seconds("thread-self");
    let mut report = IngestReport::default();
    let mut store_time = Duration::ZERO;
    // Each article is committed as it comes; the corpus-wide indexes follow every
    // INDEX_DELAY, many articles at a time (see `Store::update_indexes`).
    let mut unindexed_since: Option<Instant> = None;
    loop {
        let next = match unindexed_since {
            Some(since) => done_rx.recv_timeout(INDEX_DELAY.saturating_sub(since.elapsed())),
            None => done_rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let outcome = match next {
            Ok(outcome) => outcome,
            Err(RecvTimeoutError::Timeout) => {
                let t = Instant::now();
                update_indexes(&mut store, &mut unindexed_since)?;
                store_time += t.elapsed();
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        match outcome {
            Outcome::Known => report.known += 1,
            Outcome::Bad(message) => {
                report.bad += 1;
                say(&format!("error: {message}; skipped"));
            }
            Outcome::Analysed { ingested, prepared } => {
                let article = new_article(&ingested.article);
                let t = Instant::now();
                let added = match store.as_deref_mut() {
                    Some(store) => {
                        let added = store.add_prepared(&article, &prepared).context(STOPPED)?;
                        unindexed_since.get_or_insert_with(Instant::now);
                        if unindexed_since.is_some_and(|t| t.elapsed() >= INDEX_DELAY) {
                            update_indexes(&mut Some(&mut *store), &mut unindexed_since)?;
                        }
                        added
                    }
                    None => Added::Stored(0),
                };
                store_time += t.elapsed();
                match added {
                    Added::Stored(_) => report.stored += 1,
                    Added::AlreadyStored(_) => report.known += 1,
                }
                if !ingested.warnings.is_empty() {
                    report.warned += 1;
                    if verbose {
                        for w in &ingested.warnings {
                            say(&format!("warning: {}", crate::warning_text(w)));
                        }
                    }
                }
                if let Some(p) = pause {
                    thread::sleep(p);
                }
            }
        }
        progress.inc(1);
    }
    let t = Instant::now();
    update_indexes(&mut store, &mut unindexed_since)?;
    store_time += t.elapsed();
    report.store_cpu_seconds = cpu_before
        .zip(cpu_seconds("thread-self"))
        .map(|(a, b)| b - a);
    reader
        .join()
        .map_err(|_| anyhow!("the reading thread failed"))?;
    for w in workers {
        w.join().map_err(|_| anyhow!("an analysis thread failed"))?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    report.store_seconds = store_time.as_secs_f64();
    Ok(report)
}

/// What an ingest that fails to store says after the error.
const STOPPED: &str =
    "stopped; the articles stored so far are kept: run the same command again to finish";

/// Updates the corpus-wide indexes with the articles stored since `unindexed_since`, if any.
fn update_indexes(
    store: &mut Option<&mut Store>,
    unindexed_since: &mut Option<Instant>,
) -> Result<()> {
    if let (Some(store), Some(_)) = (store.as_deref_mut(), unindexed_since.take()) {
        store.update_indexes().context(STOPPED)?;
    }
    Ok(())
}

/// How the store sees an article read from its input.
fn new_article(a: &Article) -> NewArticle<'_> {
    NewArticle {
        text: &a.text,
        title: a.title.as_deref(),
        url: a.url.as_deref(),
        published: a.published,
        source: &a.source,
        format: a.format.name(),
    }
}

/// Analyses articles and prepares their analyses for the store until the work runs out; an
/// analysis that panics is a bad article.
fn worker(analyzer: &Analyzer, rx: &Mutex<Receiver<Ingested>>, tx: &SyncSender<Outcome>) {
    loop {
        let next = rx.lock().map(|rx| rx.recv());
        let Ok(Ok(ingested)) = next else { return };
        let outcome = match catch_unwind(AssertUnwindSafe(|| analyzer.analyze(&ingested.article))) {
            Ok(analysis) => {
                match PreparedAnalysis::new(&new_article(&ingested.article), &analysis) {
                    Ok(prepared) => Outcome::Analysed {
                        ingested: Box::new(ingested),
                        prepared: Box::new(prepared),
                    },
                    Err(e) => Outcome::Bad(e.to_string()),
                }
            }
            Err(_) => Outcome::Bad(format!(
                "{}: the analysis failed (a bug in sitrep; please report it)",
                ingested.article.source
            )),
        };
        if tx.send(outcome).is_err() {
            return;
        }
    }
}

/// CPU seconds (user and system) used so far by `/proc/{who}` (`self`: the process,
/// `thread-self`: this thread), on Linux; `None` elsewhere.
pub(crate) fn cpu_seconds(who: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{who}/stat")).ok()?;
    // The fields after the command name (which may hold spaces) start at its closing paren;
    // utime and stime are fields 14 and 15, in clock ticks of 1/100 s.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// For tests only: `SITREP_INGEST_PAUSE_MS` slows the writer down after each article, so a test
/// can kill an ingest while it is under way.
fn test_pause() -> Option<Duration> {
    std::env::var("SITREP_INGEST_PAUSE_MS")
        .ok()?
        .parse()
        .ok()
        .map(Duration::from_millis)
}

// ---- queries ----

/// Opens a corpus for a query.
fn open(db: &DbArg) -> Result<Store> {
    Ok(Store::open_existing(&db.db)?)
}

/// Prints a result as JSON.
fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// The one entity a name refers to, or an error that lists the candidates.
fn one_entity(store: &Store, name: &str, kind: Option<&str>) -> Result<EntitySummary> {
    let line = |e: &EntitySummary| {
        format!(
            "{} ({}, #{}, {} articles)",
            e.entity.name, e.entity.kind, e.entity.id, e.articles
        )
    };
    match store.resolve_entity(name, kind)? {
        EntityMatch::Found { entity } => Ok(entity),
        EntityMatch::Ambiguous { candidates } => bail!(
            "{name:?} names several entities: {}; choose one with --type TYPE or by id ('#{}')",
            candidates.iter().map(line).collect::<Vec<_>>().join(", "),
            candidates[0].entity.id
        ),
        EntityMatch::NotFound { suggestions } if suggestions.is_empty() => {
            bail!("no entity named {name:?} in {}", store.path().display())
        }
        EntityMatch::NotFound { suggestions } => bail!(
            "no entity named {name:?} in {}; did you mean {}?",
            store.path().display(),
            suggestions.iter().map(line).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// `sitrep timeline`.
#[derive(Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    db: DbArg,
    /// Only events this entity takes part in (a name, an alias, or '#ID').
    #[arg(long, value_name = "NAME")]
    entity: Option<String>,
    /// With --entity: only entities of this type (PERSON, ORG, PLACE, ...).
    #[arg(long = "entity-type", value_name = "TYPE", requires = "entity")]
    entity_type: Option<String>,
    /// Only events of this type (attack, consult, protest, disaster, ...).
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    /// Only events on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_published)]
    from: Option<NaiveDate>,
    /// Only events on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::parse_published)]
    to: Option<NaiveDate>,
    /// Also list events that were planned, threatened, denied, ... but not reported as done.
    #[arg(long)]
    unrealised: bool,
    /// At most this many events (the earliest).
    #[arg(long, value_name = "N", default_value = "200")]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `sitrep timeline`.
pub fn timeline(args: &TimelineArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    if let (Some(from), Some(to)) = (args.from, args.to) {
        if from > to {
            bail!("--from {from} is after --to {to}");
        }
    }
    let entity = match &args.entity {
        Some(name) => Some(
            one_entity(&store, name, args.entity_type.as_deref())?
                .entity
                .id,
        ),
        None => None,
    };
    let events = store.timeline(&TimelineQuery {
        entity,
        kind: args.kind.clone(),
        from: args.from,
        to: args.to,
        unrealised: args.unrealised,
        limit: Some(args.limit),
        latest: false,
    })?;
    if args.json {
        print_json(&events)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if events.is_empty() {
        writeln!(out, "No dated events match.")?;
    }
    for ev in &events {
        write_event(&mut out, ev)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One event of a timeline, with its sources and count histories.
fn write_event(out: &mut impl Write, ev: &TimelineEvent) -> io::Result<()> {
    let names = |list: &[sitrep_store::EntityRef]| {
        list.iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kind = if ev.modality == "asserted" {
        ev.kind.clone()
    } else {
        format!("{} ({})", ev.kind, ev.modality)
    };
    let mut who = names(&ev.actors);
    if !ev.targets.is_empty() {
        who = format!(
            "{} → {}",
            if who.is_empty() { "?" } else { &who },
            names(&ev.targets)
        );
    }
    if let Some(p) = &ev.place {
        who = format!("{who} in {}", p.name).trim().to_string();
    }
    let sources = ev.sources.len();
    writeln!(
        out,
        "{:<12} {:<18} {}  [{} source{}, #{}]",
        ev.date.as_deref().unwrap_or("?"),
        kind,
        who,
        sources,
        if sources == 1 { "" } else { "s" },
        ev.id
    )?;
    for c in &ev.counts {
        let history = c
            .reports
            .iter()
            .map(|r| {
                let q = r
                    .qualifier
                    .as_deref()
                    .map_or(String::new(), |q| format!("{q} "));
                format!(
                    "{q}{} ({}, {})",
                    r.value,
                    r.article.source,
                    r.article.published.as_deref().unwrap_or("undated")
                )
            })
            .collect::<Vec<_>>()
            .join(" → ");
        writeln!(out, "{:31} {} {}: {history}", "", c.kind, c.value)?;
    }
    Ok(())
}

/// `sitrep actors`.
#[derive(Args)]
pub struct ActorsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Only events of this type.
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    /// Only links this entity is part of (a name, an alias, or '#ID').
    #[arg(long, value_name = "NAME")]
    entity: Option<String>,
    /// At most this many links, the most frequent.
    #[arg(long, value_name = "N", default_value = "50")]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `sitrep actors`.
pub fn actors(args: &ActorsArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let entity = match &args.entity {
        Some(name) => Some(one_entity(&store, name, None)?.entity.id),
        None => None,
    };
    let links = store.actors(&ActorsQuery {
        kind: args.kind.clone(),
        entity,
        limit: Some(args.limit),
    })?;
    if args.json {
        print_json(&links)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if links.is_empty() {
        writeln!(out, "No events with both an actor and a target match.")?;
    }
    for l in &links {
        writeln!(
            out,
            "{:>5} events {:>6} reports  {:<14} {} → {}",
            l.events, l.reports, l.kind, l.actor.name, l.target.name
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `sitrep entity`.
#[derive(Args)]
pub struct EntityArgs {
    /// A name, an alias, or '#ID'.
    #[arg(value_name = "NAME")]
    name: String,
    #[command(flatten)]
    db: DbArg,
    /// Only entities of this type (PERSON, ORG, PLACE, ...).
    #[arg(long = "type", value_name = "TYPE")]
    kind: Option<String>,
    /// How many of its latest events, quotes and articles to show.
    #[arg(long, value_name = "N", default_value = "20")]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `sitrep entity`.
pub fn entity(args: &EntityArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let found = one_entity(&store, &args.name, args.kind.as_deref())?;
    let profile = store
        .entity(found.entity.id, args.limit)?
        .with_context(|| format!("entity #{} is gone", found.entity.id))?;
    if args.json {
        print_json(&profile)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let e = &profile.entity;
    writeln!(
        out,
        "{} ({}, #{})",
        e.entity.name, e.entity.kind, e.entity.id
    )?;
    writeln!(
        out,
        "  mentioned {} times in {} articles",
        e.mentions, e.articles
    )?;
    if let Some(g) = &e.geo {
        let id = e
            .geonames_id
            .map_or(String::new(), |id| format!(", GeoNames {id}"));
        let country = e
            .country
            .as_deref()
            .map_or(String::new(), |c| format!(", {c}"));
        writeln!(out, "  at {:.4}, {:.4}{country}{id}", g.lat, g.lon)?;
    }
    let others: Vec<String> = profile
        .aliases
        .iter()
        .filter(|a| a.name != e.entity.name)
        .map(|a| format!("{} ({})", a.name, a.articles))
        .collect();
    if !others.is_empty() {
        writeln!(out, "  also called {}", others.join(", "))?;
    }
    if !profile.titles.is_empty() {
        let t: Vec<String> = profile
            .titles
            .iter()
            .map(|t| format!("{} ({})", t.name, t.articles))
            .collect();
        writeln!(out, "  titles: {}", t.join(", "))?;
    }
    if !profile.event_roles.is_empty() {
        let r: Vec<String> = profile
            .event_roles
            .iter()
            .map(|r| format!("{} of {} {}", r.role, r.events, r.kind))
            .collect();
        writeln!(out, "  in events: {}", r.join(", "))?;
    }
    if !profile.events.is_empty() {
        writeln!(out, "\nLatest events")?;
        for ev in &profile.events {
            write_event(&mut out, ev)?;
        }
    }
    if !profile.quotes.is_empty() {
        writeln!(out, "\nLatest quotes")?;
        for q in &profile.quotes {
            write_quote(&mut out, q)?;
        }
    }
    writeln!(out, "\nLatest articles")?;
    for m in &profile.articles {
        let a = &m.article;
        writeln!(
            out,
            "  {:<10}  {}  ({} mentions)",
            a.published.as_deref().unwrap_or("undated"),
            a.title.as_deref().unwrap_or(&a.source),
            m.mentions
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_quote(out: &mut impl Write, q: &QuoteRow) -> io::Result<()> {
    let speaker = q
        .speaker_entity
        .as_ref()
        .map(|e| e.name.as_str())
        .or(q.speaker.as_deref())
        .unwrap_or("unattributed");
    let a = &q.article;
    writeln!(
        out,
        "  “{}” — {speaker}  [{}, {}]",
        q.text.trim(),
        a.published.as_deref().unwrap_or("undated"),
        a.title.as_deref().unwrap_or(&a.source)
    )
}

/// `sitrep quotes`.
#[derive(Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    db: DbArg,
    /// Only quotes of this speaker (a name, an alias, or '#ID').
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// At most this many quotes, the newest.
    #[arg(long, value_name = "N", default_value = "50")]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `sitrep quotes`.
pub fn quotes(args: &QuotesArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let speaker = match &args.speaker {
        Some(name) => Some(one_entity(&store, name, None)?.entity.id),
        None => None,
    };
    let quotes = store.quotes(&QuotesQuery {
        speaker,
        limit: Some(args.limit),
    })?;
    if args.json {
        print_json(&quotes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    if quotes.is_empty() {
        writeln!(out, "No quotes match.")?;
    }
    for q in &quotes {
        write_quote(&mut out, q)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `sitrep search`.
#[derive(Args)]
pub struct SearchArgs {
    /// The words to find (all of them, in any inflection: "attacks" finds "attacked").
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Read TEXT as an SQLite FTS5 query: "exact phrase", OR, NOT, NEAR(a b), prefix*.
    #[arg(long)]
    raw: bool,
    /// At most this many articles, and as many quotes.
    #[arg(long, value_name = "N", default_value = "20")]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `sitrep search`.
pub fn search(args: &SearchArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let results = store.search(&SearchQuery {
        text: args.text.join(" "),
        raw: args.raw,
        limit: Some(args.limit),
    })?;
    if args.json {
        print_json(&results)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "Articles ({})", results.articles.len())?;
    for h in &results.articles {
        let a = &h.article;
        writeln!(
            out,
            "  #{:<6} {:<10}  {}\n          {}",
            a.id,
            a.published.as_deref().unwrap_or("undated"),
            a.title.as_deref().unwrap_or(&a.source),
            h.snippet.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    writeln!(out, "\nQuotes ({})", results.quotes.len())?;
    for h in &results.quotes {
        let q = QuoteRow {
            text: h.snippet.clone(),
            ..h.quote.clone()
        };
        write_quote(&mut out, &q)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Export formats.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per article: the `analyze --json` shape, with the text.
    Jsonl,
    /// One table (see --table) as CSV.
    Csv,
    /// GDELT Global Knowledge Graph 2.1 records, tab-separated, one per article.
    Gkg,
}

/// Tables of `--format csv`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExportTable {
    /// Merged events with participants, sources and counts.
    Events,
    /// Merged entities with coordinates and aliases.
    Entities,
    /// Quotes with speakers and sources.
    Quotes,
}

/// `sitrep export`.
#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    /// The output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// With --format csv: the table to write.
    #[arg(long, value_enum, default_value = "events")]
    table: ExportTable,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// `sitrep export`.
pub fn export(args: &ExportArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let (mut out, name): (Box<dyn Write>, String) = match &args.output {
        Some(p) => (
            Box::new(BufWriter::new(
                File::create(p).with_context(|| format!("{}: cannot create", p.display()))?,
            )),
            p.display().to_string(),
        ),
        None => (
            Box::new(BufWriter::new(io::stdout().lock())),
            "standard output".into(),
        ),
    };
    let n = match args.format {
        ExportFormat::Jsonl => store.export_jsonl(&mut out)?,
        ExportFormat::Gkg => store.export_gkg(&mut out)?,
        ExportFormat::Csv => {
            let table = match args.table {
                ExportTable::Events => CsvTable::Events,
                ExportTable::Entities => CsvTable::Entities,
                ExportTable::Quotes => CsvTable::Quotes,
            };
            store.export_csv(table, &mut out)?
        }
    };
    out.flush()
        .map_err(|e| anyhow!(e).context(format!("cannot write to {name}")))?;
    if args.output.is_some() {
        eprintln!("sitrep: wrote {n} records to {name}");
    }
    Ok(ExitCode::SUCCESS)
}
