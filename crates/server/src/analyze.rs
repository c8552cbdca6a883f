//! `POST /api/analyze`: one article in the request body, its analysis in the response.

use crate::error::{ApiError, ApiResult};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use sitrep_extract::Analysis;
use sitrep_ingest::{Format, Options};
use std::sync::Arc;

/// The name errors give the posted article.
const INPUT: &str = "request body";

/// Query parameters of `POST /api/analyze`.
#[derive(Deserialize)]
pub struct AnalyzeParams {
    /// Publication date (`YYYY-MM-DD`) that overrides the article's own.
    published: Option<String>,
}

/// The answer: the article as read, what the reader noticed, and its analysis.
#[derive(Serialize)]
pub struct Analyzed {
    article: ArticleOut,
    /// Things the reader noticed that did not stop it (no publication date, ...).
    warnings: Vec<String>,
    #[serde(flatten)]
    analysis: Analysis,
}

/// The article an analysis is about; `text` is what the offsets count in.
#[derive(Serialize)]
struct ArticleOut {
    format: &'static str,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    text: String,
}

/// Reads the body as the `Content-Type` says (JSON article object, HTML page or plain text),
/// analyses it and answers the analysis.
pub async fn analyze(
    State(state): State<Arc<AppState>>,
    Query(params): Query<AnalyzeParams>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<Analyzed>> {
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::too_large(state.config.max_body_bytes),
        _ => ApiError::bad_request(format!("{INPUT}: {}", rejection.body_text())),
    })?;
    let published = params
        .published
        .map(|p| {
            sitrep_ingest::parse_date_arg(&p)
                .map_err(|e| ApiError::bad_request(format!("published: {e}")))
        })
        .transpose()?;
    let format = format_of(&headers)?;
    let opts = Options { max_bytes: state.config.max_body_bytes as u64, published };
    let ingested = sitrep_ingest::from_bytes(&body, INPUT, Some(format), &opts)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let _slot = state.analysis_slots.acquire().await.map_err(ApiError::internal)?;
    let analyze = state.config.analyze.clone();
    let article = ingested.article;
    let (article, analysis) = tokio::task::spawn_blocking(move || {
        let analysis = analyze(&article);
        (article, analysis)
    })
    .await
    .map_err(ApiError::internal)?;
    let analysis = analysis.map_err(|e| ApiError::internal(format!("analysis failed: {e:#}")))?;
    Ok(Json(Analyzed {
        article: ArticleOut {
            format: article.format.name(),
            title: article.title,
            url: article.url,
            published: article.published.map(|d| d.to_string()),
            text: article.text,
        },
        warnings: ingested.warnings.iter().map(ToString::to_string).collect(),
        analysis,
    }))
}

/// The article format a `Content-Type` announces; no header means plain text.
fn format_of(headers: &HeaderMap) -> ApiResult<Format> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(Format::Text);
    };
    let media = value.to_str().unwrap_or("").split(';').next().unwrap_or("").trim();
    match media.to_ascii_lowercase().as_str() {
        "application/json" => Ok(Format::Json),
        "text/html" => Ok(Format::Html),
        "text/plain" => Ok(Format::Text),
        _ => Err(ApiError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            message: format!(
                "Content-Type {media:?} is not an article format: send application/json (an \
                 object with \"text\" and optional \"title\", \"url\", \"published\"), text/html \
                 or text/plain"
            ),
        }),
    }
}
