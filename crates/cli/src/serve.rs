//! `sitrep serve`: the corpus over HTTP, as a JSON API and a browser UI (crate `sitrep-server`).

use crate::pipeline::Analyzer;
use anyhow::{Context, Result};
use clap::Args;
use sitrep_server::{AnalyzeFn, Config};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Arguments of `sitrep serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// The corpus to serve (made with `sitrep ingest`).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The address to listen on. The default answers this machine only; port 0 picks a free
    /// port (the address is printed on the first line of standard output).
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Refuse request bodies (articles posted to /api/analyze) larger than this many bytes;
    /// K, M and G suffixes multiply by 1024, 1024² and 1024³.
    #[arg(long, value_name = "BYTES", default_value = "2M", value_parser = crate::parse_size)]
    max_body_bytes: u64,
}

/// Serves until interrupted.
pub fn serve(args: &ServeArgs) -> Result<()> {
    let analyze: AnalyzeFn = Arc::new(|article| Ok(Analyzer::shared()?.analyze(article)));
    let config = Config {
        db: args.db.clone(),
        analyze,
        max_body_bytes: usize::try_from(args.max_body_bytes)
            .context("--max-body-bytes is too large for this machine")?,
    };
    sitrep_server::serve(config, args.addr, |bound| {
        // The first line of standard output is the address, for scripts that pick port 0.
        println!("http://{bound}/");
        let _ = std::io::stdout().flush();
        eprintln!("sitrep: serving {} at http://{bound}/ (Ctrl-C to stop)", args.db.display());
    })
}
