//! The web UI's files, embedded in the binary so that `sitrep serve` needs nothing beside it.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// One embedded file.
struct Asset {
    /// The URL path it is served at.
    path: &'static str,
    /// Its media type.
    content_type: &'static str,
    /// Its bytes.
    body: &'static [u8],
}

macro_rules! asset {
    ($path:literal, $file:literal, $type:expr) => {
        Asset {
            path: $path,
            content_type: $type,
            body: include_bytes!(concat!("../assets/", $file)),
        }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file of the UI. The page is one document; the views are ES modules it imports.
static ASSETS: &[Asset] = &[
    asset!("/", "index.html", "text/html; charset=utf-8"),
    asset!("/app.css", "app.css", "text/css; charset=utf-8"),
    asset!("/favicon.svg", "favicon.svg", "image/svg+xml"),
    asset!("/app.js", "app.js", JS),
    asset!("/dom.js", "dom.js", JS),
    asset!("/article.js", "article.js", JS),
    asset!("/timeline.js", "timeline.js", JS),
    asset!("/network.js", "network.js", JS),
    asset!("/map.js", "map.js", JS),
    asset!("/vendor/topojson-client.min.js", "vendor/topojson-client.min.js", JS),
    asset!("/vendor/countries-110m.json", "vendor/countries-110m.json", "application/json"),
    asset!("/vendor/LICENSES.txt", "vendor/LICENSES.txt", "text/plain; charset=utf-8"),
];

/// The embedded file at `path`, if there is one.
pub fn response(path: &str) -> Option<Response> {
    let asset = ASSETS.iter().find(|a| a.path == path)?;
    Some(
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, asset.content_type), (header::CACHE_CONTROL, "no-cache")],
            asset.body,
        )
            .into_response(),
    )
}
