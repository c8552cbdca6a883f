//! The `sitrep` command line: `sitrep analyze` reads an article and prints what sitrep finds in
//! it, as a report for people or as the JSON contract (`--json`).

mod bench;
mod corpus;
mod nlp_cmd;
mod pipeline;
mod report;
mod serve;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{ArgGroup, Args, Parser, Subcommand};
use serde::Serialize;
use sitrep_extract::Analysis;
use sitrep_ingest::{Article, Format, IngestError, Ingested, Jsonl, Options, Warning};
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Structured facts from news articles: who, what, when, where, how many, and who said what.
#[derive(Parser)]
#[command(name = "sitrep", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse one article (or one per line of a JSONL file) and print what sitrep finds.
    Analyze(AnalyzeArgs),
    /// Add articles (files, folders, JSONL) to a corpus: analysed in parallel, merged, stored.
    Ingest(corpus::IngestArgs),
    /// Events of a corpus in date order, merged across articles, with sources and counts.
    Timeline(corpus::TimelineArgs),
    /// Who acts on whom in a corpus, by event type and count.
    Actors(corpus::ActorsArgs),
    /// Everything a corpus says about one entity: names, roles, events, quotes, articles.
    Entity(corpus::EntityArgs),
    /// Quotes in a corpus, newest first.
    Quotes(corpus::QuotesArgs),
    /// Full-text search over the articles and quotes of a corpus.
    Search(corpus::SearchArgs),
    /// Write a corpus out as JSON Lines, CSV, or GDELT GKG 2.1 records.
    Export(corpus::ExportArgs),
    /// Benchmark the corpus: build one from the Lee corpus, time analysis, ingest and queries.
    #[command(name = "bench-corpus")]
    BenchCorpus(bench::BenchArgs),
    /// Serve a corpus over HTTP: a JSON API and a browser UI.
    Serve(serve::ServeArgs),
    /// Run the NLP layer alone (tokens, tags, parse, lemmas, entities) and print spaCy's
    /// `Doc.to_json()` form for each document.
    Nlp(nlp_cmd::NlpArgs),
}

#[derive(Args)]
#[command(group(ArgGroup::new("input").required(true).args(["file", "jsonl"])))]
struct AnalyzeArgs {
    /// The article: a text (.txt), HTML (.html) or JSON (.json) file, or - for standard input.
    /// Other files are read as their content looks.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Analyse a JSON Lines file (or - for standard input): one article object per line, one
    /// result per line. A bad line is reported with its number and the rest still analysed.
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Print the JSON contract (one object per article) instead of the report.
    #[arg(long)]
    json: bool,
    /// The publication date, which anchors relative dates ("yesterday"). Overrides the date
    /// the input states (JSON "published", HTML article:published_time, JSON-LD, <time>).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_published)]
    published: Option<NaiveDate>,
    /// Refuse an article (with --jsonl: a line) larger than this many bytes; K, M and G
    /// suffixes multiply by 1024, 1024² and 1024³.
    #[arg(long, value_name = "BYTES", default_value = "10M", value_parser = parse_size)]
    max_bytes: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze(&args),
        Command::Nlp(args) => nlp_cmd::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Ingest(args) => corpus::ingest(&args),
        Command::Timeline(args) => corpus::timeline(&args),
        Command::Actors(args) => corpus::actors(&args),
        Command::Entity(args) => corpus::entity(&args),
        Command::Quotes(args) => corpus::quotes(&args),
        Command::Search(args) => corpus::search(&args),
        Command::Export(args) => corpus::export(&args),
        Command::BenchCorpus(args) => bench::bench(&args),
        Command::Serve(args) => serve::serve(&args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `sitrep analyze`.
fn analyze(args: &AnalyzeArgs) -> Result<ExitCode> {
    let opts = Options { max_bytes: args.max_bytes, published: args.published };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Some(path) = &args.jsonl {
        let code = if is_stdin(path) {
            let stdin = io::stdin();
            refuse_terminal(&stdin)?;
            analyze_jsonl(sitrep_ingest::read_jsonl(stdin.lock(), "-", &opts), "-", args, &mut out)?
        } else {
            let lines = sitrep_ingest::read_jsonl_path(path, &opts).map_err(explain)?;
            analyze_jsonl(lines, &path.display().to_string(), args, &mut out)?
        };
        out.flush()?;
        return Ok(code);
    }
    let path = args.file.as_deref().context("no input given")?;
    let ingested = if is_stdin(path) {
        refuse_terminal(&io::stdin())?;
        sitrep_ingest::read_stdin(&opts)
    } else {
        sitrep_ingest::read_path(path, &opts)
    }
    .map_err(|e| explain_single(e, path))?;
    print_article(&ingested, args, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Analyses every line of a JSONL input; fails only when no line could be analysed.
fn analyze_jsonl<R: BufRead>(
    lines: Jsonl<R>,
    name: &str,
    args: &AnalyzeArgs,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let (mut done, mut failed) = (0usize, 0usize);
    for line in lines {
        match line {
            Ok(ingested) => {
                if done > 0 && !args.json {
                    writeln!(out, "\n{}\n", "=".repeat(72))?;
                }
                print_article(&ingested, args, out)?;
                done += 1;
            }
            Err(e) => {
                // Keep the order of results and errors when both go to a terminal.
                out.flush()?;
                eprintln!("sitrep: error: {:#}", explain(e));
                failed += 1;
            }
        }
    }
    match (done, failed) {
        (0, 0) => Err(explain(IngestError::Empty { input: name.to_string() })),
        (0, _) => bail!("{name}: none of its {failed} articles could be read"),
        (_, 0) => Ok(ExitCode::SUCCESS),
        _ => {
            out.flush()?;
            eprintln!(
                "sitrep: {name}: analysed {done} articles; skipped {failed} bad lines (see above)"
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Analyses one article and prints it in the chosen form, with its warnings on stderr.
fn print_article(ingested: &Ingested, args: &AnalyzeArgs, out: &mut impl Write) -> Result<()> {
    let article = &ingested.article;
    if !ingested.warnings.is_empty() {
        out.flush()?;
    }
    for w in &ingested.warnings {
        eprintln!("sitrep: warning: {}", warning_text(w));
    }
    let analysis = pipeline::Analyzer::shared()?.analyze(article);
    if args.json {
        let output = Output { article: ArticleInfo::of(article), analysis: &analysis };
        if args.jsonl.is_some() {
            serde_json::to_writer(&mut *out, &output)?;
        } else {
            serde_json::to_writer_pretty(&mut *out, &output)?;
        }
        writeln!(out)?;
    } else {
        report::render(out, article, &analysis)?;
    }
    Ok(())
}

/// What `--json` prints for one article: the contract's layers, plus where the article came from.
#[derive(Serialize)]
struct Output<'a> {
    article: ArticleInfo<'a>,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

/// The article an output is about.
#[derive(Serialize)]
struct ArticleInfo<'a> {
    /// The input: path, `-`, or `FILE:LINE`.
    source: &'a str,
    /// `text`, `html` or `json`.
    format: &'static str,
    title: Option<&'a str>,
    url: Option<&'a str>,
    /// The date relative dates were resolved against.
    published: Option<String>,
    /// For HTML, the extracted text the offsets refer to (for the other formats it is the input).
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

impl<'a> ArticleInfo<'a> {
    fn of(a: &'a Article) -> Self {
        ArticleInfo {
            source: &a.source,
            format: a.format.name(),
            title: a.title.as_deref(),
            url: a.url.as_deref(),
            published: a.published.map(|d| d.to_string()),
            text: (a.format == Format::Html).then_some(a.text.as_str()),
        }
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Waiting on a terminal for an article would look like a hang; say what is expected instead.
fn refuse_terminal(stdin: &io::Stdin) -> Result<()> {
    if stdin.is_terminal() {
        bail!("-: standard input is a terminal; pipe an article in (`sitrep analyze - < article.txt`) or give a FILE");
    }
    Ok(())
}

/// An ingest error with the flag that helps, where one does.
fn explain(e: IngestError) -> anyhow::Error {
    match e {
        IngestError::TooLarge { .. } => anyhow::anyhow!("{e}; raise the limit with --max-bytes"),
        e => anyhow::anyhow!("{e}"),
    }
}

/// An ingest error for a single-article input, with a pointer to `--jsonl` when the input
/// looks like one JSON object per line.
fn explain_single(e: IngestError, path: &Path) -> anyhow::Error {
    let lines_ext = path.extension().is_some_and(|x| x == "jsonl" || x == "ndjson");
    match &e {
        IngestError::Json { message, .. }
            if lines_ext || message.starts_with("trailing characters") =>
        {
            anyhow::anyhow!("{e} (for one article per line, use --jsonl {})", path.display())
        }
        _ => explain(e),
    }
}

fn warning_text(w: &Warning) -> String {
    match w {
        Warning::NoPublicationDate { .. } => format!("{w}; give one with --published YYYY-MM-DD"),
        _ => w.to_string(),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let kind = c.downcast_ref::<io::Error>().map(io::Error::kind).or_else(|| {
            c.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
        });
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}

/// `--published`: exactly `YYYY-MM-DD`.
fn parse_published(s: &str) -> Result<NaiveDate, String> {
    sitrep_ingest::parse_date_arg(s).map_err(|e| e.to_string())
}

/// `--max-bytes`: a positive number of bytes, optionally with a K, M or G suffix.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let factor: u64 = match unit.to_ascii_uppercase().trim_end_matches(['B', 'b']) {
        "" => 1,
        "K" | "KI" => 1 << 10,
        "M" | "MI" => 1 << 20,
        "G" | "GI" => 1 << 30,
        _ => {
            return Err(format!(
                "{s:?} is not a size: use a number of bytes, optionally with K, M or G"
            ))
        }
    };
    let n: u64 = digits.parse().map_err(|_| {
        format!("{s:?} is not a size: use a number of bytes, optionally with K, M or G")
    })?;
    match n.checked_mul(factor) {
        Some(0) => Err("the size limit must be at least 1 byte".to_string()),
        Some(v) => Ok(v),
        None => Err(format!("{s:?} is too large")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("10M"), Ok(sitrep_ingest::DEFAULT_MAX_BYTES));
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("4k"), Ok(4096));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert!(parse_size("1.5M").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999999999").is_err());
        assert!(parse_size("0").is_err());
    }
}
