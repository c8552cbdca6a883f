//! `sitrep nlp`: the NLP layer alone, in spaCy's `Doc.to_json()` form, for parity checks and
//! for users who want tokens, tags, the parse and entities without the extractors.

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use sitrep_ingest::{Format, Options};
use sitrep_nlp::{Components, Pipeline};
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;

/// Arguments of `sitrep nlp`.
#[derive(Args)]
pub struct NlpArgs {
    /// Text files to process, each one document (`-` reads standard input).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// A file listing one input path per line (added to FILE...).
    #[arg(long, value_name = "LIST")]
    file_list: Option<PathBuf>,
    /// Treat every line of each input as one document (split at `\n`, as Python's
    /// `str.split("\n")`), printing one JSON object per line.
    #[arg(long)]
    lines: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = NlpFormat::SpacyJson)]
    format: NlpFormat,
    /// Which components to run: everything, or only what named entities need.
    #[arg(long, value_enum, default_value_t = ComponentsArg::All)]
    components: ComponentsArg,
    /// Refuse an input larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value = "10M", value_parser = crate::parse_size)]
    max_bytes: u64,
}

/// Output formats of `sitrep nlp`.
#[derive(Clone, Copy, ValueEnum)]
enum NlpFormat {
    /// Exactly what Python's `json.dumps(doc.to_json(), ensure_ascii=False)` prints, one
    /// object per line.
    SpacyJson,
}

/// The `--components` choices.
#[derive(Clone, Copy, ValueEnum)]
enum ComponentsArg {
    /// Tokenizer, tagger, parser, attribute ruler, lemmatizer and entity recogniser.
    All,
    /// Tokenizer and entity recogniser only.
    Ner,
}

/// Runs `sitrep nlp`.
pub fn run(args: &NlpArgs) -> Result<()> {
    let mut inputs = args.files.clone();
    if let Some(list) = &args.file_list {
        let body = std::fs::read_to_string(list)
            .with_context(|| format!("{}: cannot read the file list", list.display()))?;
        inputs.extend(body.lines().filter(|l| !l.trim().is_empty()).map(PathBuf::from));
    }
    if inputs.is_empty() {
        anyhow::bail!("no input: give a FILE, - for standard input, or --file-list LIST");
    }
    let components = match args.components {
        ComponentsArg::All => Components::All,
        ComponentsArg::Ner => Components::Ner,
    };
    let NlpFormat::SpacyJson = args.format;
    let nlp = Pipeline::load()?;
    let opts = Options { max_bytes: args.max_bytes, published: None };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for path in &inputs {
        let name = path.display().to_string();
        let bytes = if name == "-" {
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf).context("-: cannot read standard input")?;
            buf
        } else {
            if path.is_dir() {
                anyhow::bail!("{name}: is a directory, not a text file");
            }
            std::fs::read(path).with_context(|| format!("{name}: cannot read"))?
        };
        // The text exactly as read (as Python's open().read() gives it), with ingest's checks.
        let article = sitrep_ingest::from_bytes(&bytes, &name, Some(Format::Text), &opts)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .article;
        let docs: Vec<&str> =
            if args.lines { article.text.split('\n').collect() } else { vec![&article.text] };
        for doc in docs {
            writeln!(out, "{}", nlp.process_with(doc, components).to_spacy_json())?;
        }
    }
    out.flush()?;
    Ok(())
}
