//! `sitrep serve`: a JSON API over a corpus store and a browser UI for it.
//!
//! The API (`/api/...`, described by the OpenAPI document at `/api/openapi.json`) answers what
//! the corpus commands of the CLI answer: the timeline of events, the actor network, entities,
//! quotes, search and export, plus `POST /api/analyze` for one article. The UI (`/`) is plain
//! HTML, CSS and ES modules embedded in the binary; it builds its DOM with `textContent` only,
//! and every response carries a Content-Security-Policy that allows no inline script.
//!
//! The server does not analyse articles itself: the caller passes an [`AnalyzeFn`], so this crate
//! needs neither the NLP models nor the CLI.

mod analyze;
mod api;
mod assets;
mod error;
mod openapi;
mod reads;

pub use api::paths as api_paths;
pub use error::ApiError;

use anyhow::{Context, Result};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use sitrep_extract::Analysis;
use sitrep_ingest::Article;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Analyses one article; the CLI passes its NLP pipeline here.
pub type AnalyzeFn = Arc<dyn Fn(&Article) -> Result<Analysis> + Send + Sync>;

/// The default limit of a request body: 2 MiB, far above any news article.
pub const DEFAULT_MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// How to serve.
#[derive(Clone)]
pub struct Config {
    /// The corpus store (SQLite file) to serve.
    pub db: PathBuf,
    /// Analyses articles posted to `/api/analyze`.
    pub analyze: AnalyzeFn,
    /// Request bodies above this many bytes are refused with 413.
    pub max_body_bytes: usize,
}

/// What every handler shares.
pub(crate) struct AppState {
    pub(crate) config: Config,
    pub(crate) store: Arc<api::Stores>,
    /// Whether the listener is on a loopback address, where only loopback `Host` names are
    /// answered (so a web page elsewhere cannot reach the corpus by DNS rebinding).
    pub(crate) loopback_only: bool,
    /// Analyses run at once at most one per core; more requests wait their turn.
    pub(crate) analysis_slots: tokio::sync::Semaphore,
}

/// The whole application: API, UI and security headers, for a server bound to `addr`.
///
/// Fails when the store cannot be opened, with a message naming the file.
pub fn router(config: Config, addr: SocketAddr) -> Result<Router> {
    let store = api::Stores::open(&config.db)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let state = Arc::new(AppState {
        config,
        store: Arc::new(store),
        loopback_only: addr.ip().is_loopback(),
        analysis_slots: tokio::sync::Semaphore::new(cores),
    });
    Ok(Router::new()
        .nest("/api", api::routes(&state))
        .fallback(ui)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(middleware::map_response(security_headers))
        .with_state(state))
}

/// Serves `config` on `addr` until Ctrl-C; `on_listening` is told the bound address (useful
/// when `addr` has port 0) before the first request is accepted.
pub fn serve(
    config: Config,
    addr: SocketAddr,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let bound = listener.local_addr()?;
        let app = router(config, bound)?;
        on_listening(bound);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                // If the signal handler cannot be installed, serve until killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
            .context("the server failed")
    })
}

/// The UI's files; any other path outside `/api` is a 404 page.
async fn ui(request: Request) -> Response {
    match assets::response(request.uri().path()) {
        Some(response) => response,
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// Refuses requests addressed to a host name other than a loopback one when the server listens
/// on loopback only.
async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if state.loopback_only {
        let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok());
        if !host.is_some_and(is_loopback_host) {
            return ApiError {
                status: StatusCode::MISDIRECTED_REQUEST,
                message: "this server answers only requests to localhost or a loopback address"
                    .into(),
            }
            .into_response();
        }
    }
    next.run(request).await
}

/// Whether a `Host` header value names this machine's loopback interface.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _port)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The Content-Security-Policy of every response: scripts, styles, images and requests only
/// from this server, no inline script or style, no framing, no plugins.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; \
                   frame-ancestors 'none'";

/// Adds the security headers to every response.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_loopback_host;

    #[test]
    fn loopback_hosts() {
        for host in
            ["localhost", "localhost:8080", "127.0.0.1:3000", "[::1]:80", "[::1]", "127.1.2.3"]
        {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in
            ["evil.example", "evil.example:8080", "localhost.evil.example", "10.0.0.1:80", ""]
        {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
