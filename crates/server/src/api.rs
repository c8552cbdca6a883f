//! The JSON API: the corpus queries of `sitrep-store`, one route each, plus the shapes the UI
//! draws (the actor network as nodes and edges, the places of the map).

use crate::analyze;
use crate::error::{ApiError, ApiResult};
use crate::openapi;
use crate::reads::{Evidence, ReadError, Reader};
use crate::AppState;
use axum::extract::DefaultBodyLimit;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sitrep_store::{
    ActorLink, ActorsQuery, ArticleRef, CsvTable, EntitiesQuery, EntityMatch, EntityProfile,
    EntityRef, EntitySummary, QuoteRow, QuotesQuery, SearchQuery, SearchResults, Stats, Store,
    StoreError, TimelineEvent, TimelineQuery, TypeCount,
};
use std::collections::HashMap;
use std::path::{Path as FsPath, PathBuf};
use std::sync::{Arc, Mutex};

/// The most results one request may ask for.
pub const MAX_LIMIT: usize = 1000;

/// The longest search or name one request may send, in characters.
const MAX_TEXT_CHARS: usize = 500;

/// The connections one request uses: the store's, and a read-only one for [`reads`].
pub(crate) struct Conn {
    store: Store,
    reader: Reader,
}

impl Conn {
    fn open(path: &FsPath) -> anyhow::Result<Conn> {
        let store = Store::open_existing(path)?;
        let reader = Reader::open(path).map_err(anyhow::Error::msg)?;
        Ok(Conn { store, reader })
    }
}

/// Open connections to the corpus, reused across requests (SQLite connections are cheap to
/// keep and each request needs its own).
pub(crate) struct Stores {
    path: PathBuf,
    idle: Mutex<Vec<Conn>>,
}

impl Stores {
    /// Opens the corpus once, so that a missing or foreign file fails at start-up.
    pub(crate) fn open(path: &FsPath) -> anyhow::Result<Stores> {
        let first = Conn::open(path)?;
        Ok(Stores { path: path.to_path_buf(), idle: Mutex::new(vec![first]) })
    }

    /// Runs `query` on a connection, off the async threads.
    async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        query: impl FnOnce(&Conn) -> ApiResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        let stores = self.clone();
        tokio::task::spawn_blocking(move || {
            let idle = stores.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
            let conn = match idle {
                Some(c) => c,
                None => {
                    Conn::open(&stores.path).map_err(|e| ApiError::internal(format!("{e:#}")))?
                }
            };
            let result = query(&conn);
            if let Ok(mut idle) = stores.idle.lock() {
                idle.push(conn);
            }
            result
        })
        .await
        .map_err(ApiError::internal)?
    }
}

/// An error of a read of [`crate::reads`].
fn read_error(e: ReadError) -> ApiError {
    match e {
        ReadError::Store(e) => store_error(e),
        other => ApiError::internal(other),
    }
}

/// A store error as an API error: a bad search is the client's, the rest the server's.
fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::BadSearch { .. } => ApiError::bad_request(e.to_string()),
        other => ApiError::internal(other),
    }
}

/// Query parameters, with a JSON 400 naming the bad parameter instead of axum's plain text.
pub(crate) struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|q| Params(q.0))
            .map_err(|e| ApiError::bad_request(format!("bad query parameters: {}", e.body_text())))
    }
}

/// The routes under `/api`, by path.
fn route_table(max_body_bytes: usize) -> Vec<(&'static str, MethodRouter<Arc<AppState>>)> {
    vec![
        ("/openapi.json", get(openapi::document)),
        ("/stats", get(stats)),
        ("/timeline", get(timeline)),
        ("/actors", get(actors)),
        ("/network", get(network)),
        ("/entities/{name}", get(entity)),
        ("/resolve", get(resolve)),
        ("/quotes", get(quotes)),
        ("/search", get(search)),
        ("/articles", get(articles)),
        ("/articles/{id}", get(article)),
        ("/events/{id}/evidence", get(evidence)),
        ("/places", get(places)),
        ("/facets", get(facets)),
        ("/export", get(export)),
        ("/analyze", post(analyze::analyze).layer(DefaultBodyLimit::max(max_body_bytes))),
    ]
}

/// The paths of the API's routes, `/api/...` (to check the OpenAPI document against).
pub fn paths() -> Vec<String> {
    route_table(0).into_iter().map(|(path, _)| format!("/api{path}")).collect()
}

/// The router of `/api`: the routes, and JSON errors for unknown routes and methods.
pub(crate) fn routes(state: &Arc<AppState>) -> Router<Arc<AppState>> {
    let mut router = Router::new();
    for (path, route) in route_table(state.config.max_body_bytes) {
        router = router.route(path, route);
    }
    router
        .fallback(|| async { ApiError::not_found("no such API route; see /api/openapi.json") })
        .method_not_allowed_fallback(|| async {
            ApiError {
                status: StatusCode::METHOD_NOT_ALLOWED,
                message: "method not allowed on this route; see /api/openapi.json".into(),
            }
        })
}

/// A `limit` parameter: at least 1, at most [`MAX_LIMIT`].
fn checked_limit(limit: Option<usize>, default: usize) -> ApiResult<usize> {
    match limit.unwrap_or(default) {
        n @ 1..=MAX_LIMIT => Ok(n),
        n => Err(ApiError::bad_request(format!("limit {n}: must be between 1 and {MAX_LIMIT}"))),
    }
}

/// A text parameter no longer than [`MAX_TEXT_CHARS`].
fn checked_text<'a>(name: &str, text: &'a str) -> ApiResult<&'a str> {
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::bad_request(format!(
            "{name}: too long (the limit is {MAX_TEXT_CHARS} characters)"
        )));
    }
    Ok(text)
}

/// A date parameter, `YYYY-MM-DD`.
fn checked_date(name: &str, value: Option<&str>) -> ApiResult<Option<NaiveDate>> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            sitrep_ingest::parse_date_arg(v)
                .map_err(|e| ApiError::bad_request(format!("{name}: {e}")))
        })
        .transpose()
}

/// The entity a name (or `#ID`) refers to; a 404 with suggestions or a 409 with the candidates
/// otherwise.
fn resolve_one(store: &Store, name: &str, kind: Option<&str>) -> ApiResult<EntityRef> {
    let name = checked_text("name", name)?;
    match store.resolve_entity(name, kind).map_err(store_error)? {
        EntityMatch::Found { entity } => Ok(entity.entity),
        EntityMatch::Ambiguous { candidates } => Err(ApiError {
            status: StatusCode::CONFLICT,
            message: format!(
                "{name:?} names several entities: {}; ask for one by #ID",
                candidates
                    .iter()
                    .map(|c| format!("{} ({}, #{})", c.entity.name, c.entity.kind, c.entity.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
        EntityMatch::NotFound { suggestions } => {
            Err(ApiError::not_found(if suggestions.is_empty() {
                format!("no entity named {name:?} in the corpus")
            } else {
                format!(
                    "no entity named {name:?} in the corpus; did you mean {}?",
                    suggestions
                        .iter()
                        .map(|s| s.entity.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }))
        }
    }
}

async fn stats(State(state): State<Arc<AppState>>) -> ApiResult<Json<Stats>> {
    state.store.run(|c| c.store.stats().map_err(store_error)).await.map(Json)
}

/// Parameters of `GET /api/timeline`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineParams {
    /// Only events this entity (name, alias or `#ID`) takes part in.
    actor: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    unrealised: bool,
    limit: Option<usize>,
    #[serde(default)]
    latest: bool,
}

/// A timeline, and whether the limit cut it short.
#[derive(Serialize)]
struct Timeline {
    /// The entity the `actor` parameter named, when given.
    actor: Option<EntityRef>,
    events: Vec<TimelineEvent>,
    truncated: bool,
}

async fn timeline(
    State(state): State<Arc<AppState>>,
    Params(p): Params<TimelineParams>,
) -> ApiResult<Json<Timeline>> {
    let limit = checked_limit(p.limit, 200)?;
    let from = checked_date("from", p.from.as_deref())?;
    let to = checked_date("to", p.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ApiError::bad_request(format!("from {f} is after to {t}")));
        }
    }
    state
        .store
        .run(move |c| {
            let s = &c.store;
            let actor = match p.actor.as_deref().filter(|a| !a.trim().is_empty()) {
                Some(name) => Some(resolve_one(s, name, None)?),
                None => None,
            };
            let kind = p.kind.filter(|k| !k.is_empty());
            let q = TimelineQuery {
                entity: actor.as_ref().map(|a| a.id),
                kind,
                from,
                to,
                unrealised: p.unrealised,
                limit: Some(limit + 1),
                latest: p.latest,
            };
            let mut events = s.timeline(&q).map_err(store_error)?;
            let truncated = events.len() > limit;
            if truncated {
                if p.latest {
                    events.remove(0);
                } else {
                    events.truncate(limit);
                }
            }
            Ok(Timeline { actor, events, truncated })
        })
        .await
        .map(Json)
}

/// Parameters of `GET /api/actors` and `GET /api/network`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorsParams {
    #[serde(rename = "type")]
    kind: Option<String>,
    /// Only links of this entity (name, alias or `#ID`).
    entity: Option<String>,
    limit: Option<usize>,
}

fn actor_links(s: &Store, p: &ActorsParams, limit: usize) -> ApiResult<Vec<ActorLink>> {
    let entity = match p.entity.as_deref().filter(|e| !e.trim().is_empty()) {
        Some(name) => Some(resolve_one(s, name, None)?.id),
        None => None,
    };
    let q =
        ActorsQuery { kind: p.kind.clone().filter(|k| !k.is_empty()), entity, limit: Some(limit) };
    s.actors(&q).map_err(store_error)
}

async fn actors(
    State(state): State<Arc<AppState>>,
    Params(p): Params<ActorsParams>,
) -> ApiResult<Json<Vec<ActorLink>>> {
    let limit = checked_limit(p.limit, 200)?;
    state.store.run(move |c| actor_links(&c.store, &p, limit)).await.map(Json)
}

/// The actor network: entities as nodes, one edge per actor, target and event type.
#[derive(Serialize)]
struct Network {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

/// An entity of the network.
#[derive(Serialize)]
struct Node {
    id: i64,
    name: String,
    #[serde(rename = "type")]
    kind: String,
    /// How many events of the network it takes part in.
    events: u64,
}

/// Who acts on whom in events of one type.
#[derive(Serialize)]
struct Edge {
    /// The actor's node id.
    source: i64,
    /// The target's node id.
    target: i64,
    #[serde(rename = "type")]
    kind: String,
    events: u64,
    reports: u64,
}

/// The network of the `limit` most frequent links.
fn network_of(links: Vec<ActorLink>) -> Network {
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    let mut edges = Vec::with_capacity(links.len());
    for link in links {
        for end in [&link.actor, &link.target] {
            let i = *index.entry(end.id).or_insert_with(|| {
                nodes.push(Node {
                    id: end.id,
                    name: end.name.clone(),
                    kind: end.kind.clone(),
                    events: 0,
                });
                nodes.len() - 1
            });
            nodes[i].events += link.events;
        }
        edges.push(Edge {
            source: link.actor.id,
            target: link.target.id,
            kind: link.kind,
            events: link.events,
            reports: link.reports,
        });
    }
    Network { nodes, edges }
}

async fn network(
    State(state): State<Arc<AppState>>,
    Params(p): Params<ActorsParams>,
) -> ApiResult<Json<Network>> {
    let limit = checked_limit(p.limit, 100)?;
    state.store.run(move |c| Ok(network_of(actor_links(&c.store, &p, limit)?))).await.map(Json)
}

/// Parameters of `GET /api/entities/{name}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityParams {
    #[serde(rename = "type")]
    kind: Option<String>,
    limit: Option<usize>,
}

async fn entity(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    Params(p): Params<EntityParams>,
) -> ApiResult<Json<EntityProfile>> {
    let limit = checked_limit(p.limit, 50)?;
    state
        .store
        .run(move |c| {
            let s = &c.store;
            let found = resolve_one(s, &name, p.kind.as_deref())?;
            s.entity(found.id, limit)
                .map_err(store_error)?
                .ok_or_else(|| ApiError::not_found(format!("no entity #{}", found.id)))
        })
        .await
        .map(Json)
}

/// Parameters of `GET /api/resolve`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolveParams {
    name: String,
    #[serde(rename = "type")]
    kind: Option<String>,
}

async fn resolve(
    State(state): State<Arc<AppState>>,
    Params(p): Params<ResolveParams>,
) -> ApiResult<Json<EntityMatch>> {
    checked_text("name", &p.name)?;
    state
        .store
        .run(move |c| c.store.resolve_entity(&p.name, p.kind.as_deref()).map_err(store_error))
        .await
        .map(Json)
}

/// Parameters of `GET /api/quotes`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesParams {
    /// Only quotes of this entity (name, alias or `#ID`).
    speaker: Option<String>,
    limit: Option<usize>,
}

async fn quotes(
    State(state): State<Arc<AppState>>,
    Params(p): Params<QuotesParams>,
) -> ApiResult<Json<Vec<QuoteRow>>> {
    let limit = checked_limit(p.limit, 100)?;
    state
        .store
        .run(move |c| {
            let s = &c.store;
            let speaker = match p.speaker.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(name) => Some(resolve_one(s, name, None)?.id),
                None => None,
            };
            s.quotes(&QuotesQuery { speaker, limit: Some(limit) }).map_err(store_error)
        })
        .await
        .map(Json)
}

/// Parameters of `GET /api/search`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchParams {
    q: String,
    #[serde(default)]
    raw: bool,
    limit: Option<usize>,
}

async fn search(
    State(state): State<Arc<AppState>>,
    Params(p): Params<SearchParams>,
) -> ApiResult<Json<SearchResults>> {
    let limit = checked_limit(p.limit, 50)?;
    checked_text("q", &p.q)?;
    state
        .store
        .run(move |c| {
            c.store
                .search(&SearchQuery { text: p.q, raw: p.raw, limit: Some(limit) })
                .map_err(store_error)
        })
        .await
        .map(Json)
}

/// Parameters of `GET /api/articles`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticlesParams {
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

async fn articles(
    State(state): State<Arc<AppState>>,
    Params(p): Params<ArticlesParams>,
) -> ApiResult<Json<Vec<ArticleRef>>> {
    let limit = checked_limit(p.limit, 100)?;
    state.store.run(move |c| c.store.articles(limit, p.offset).map_err(store_error)).await.map(Json)
}

/// An id in a path: a positive integer.
fn checked_id(what: &str, id: &str) -> ApiResult<i64> {
    id.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::bad_request(format!("{what} id {id:?}: not a positive integer")))
}

/// One stored article in the shape of `sitrep analyze --json`: an `article` object (with its
/// text) beside the analysis layers, so the UI draws stored and freshly analysed articles alike.
async fn article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = checked_id("article", &id)?;
    let stored = state
        .store
        .run(move |c| {
            c.store
                .article(id)
                .map_err(store_error)?
                .ok_or_else(|| ApiError::not_found(format!("no article #{id} in the corpus")))
        })
        .await?;
    let mut doc = match stored.analysis {
        Value::Object(layers) => layers,
        // An analysis that does not parse shows as an article without facts.
        _ => serde_json::Map::new(),
    };
    let article = serde_json::to_value(&stored.article).map_err(ApiError::internal)?;
    let mut article = match article {
        Value::Object(fields) => fields,
        _ => serde_json::Map::new(),
    };
    article.insert("format".into(), stored.format.into());
    article.insert("text".into(), stored.text.into());
    doc.insert("article".into(), Value::Object(article));
    Ok(Json(Value::Object(doc)))
}

async fn evidence(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Evidence>>> {
    let id = checked_id("event", &id)?;
    state.store.run(move |c| c.reader.evidence(&c.store, id).map_err(read_error)).await.map(Json)
}

/// Parameters of `GET /api/places`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesParams {
    limit: Option<usize>,
}

async fn places(
    State(state): State<Arc<AppState>>,
    Params(p): Params<PlacesParams>,
) -> ApiResult<Json<Vec<EntitySummary>>> {
    let limit = checked_limit(p.limit, 500)?;
    let q = EntitiesQuery { kind: None, geocoded: true, limit: Some(limit) };
    state.store.run(move |c| c.store.entities(&q).map_err(store_error)).await.map(Json)
}

/// What the timeline can be filtered by.
#[derive(Serialize)]
struct Facets {
    /// Event types (of events that happened), most frequent first.
    event_types: Vec<TypeCount>,
    /// Names of the entities, most written about first (for completing the actor filter).
    actors: Vec<String>,
}

async fn facets(State(state): State<Arc<AppState>>) -> ApiResult<Json<Facets>> {
    state
        .store
        .run(|c| {
            let q = EntitiesQuery { kind: None, geocoded: false, limit: Some(MAX_LIMIT) };
            let mut actors: Vec<String> = c
                .store
                .entities(&q)
                .map_err(store_error)?
                .into_iter()
                .map(|e| e.entity.name)
                .collect();
            actors.sort();
            actors.dedup();
            Ok(Facets { event_types: c.store.event_types().map_err(store_error)?, actors })
        })
        .await
        .map(Json)
}

/// Parameters of `GET /api/export`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportParams {
    format: String,
    table: Option<String>,
}

/// The whole corpus in one of the export formats of `sitrep export`, as a download.
async fn export(
    State(state): State<Arc<AppState>>,
    Params(p): Params<ExportParams>,
) -> ApiResult<Response> {
    let table = match p.table.as_deref() {
        None | Some("events") => CsvTable::Events,
        Some("entities") => CsvTable::Entities,
        Some("quotes") => CsvTable::Quotes,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "table {other:?}: use events, entities or quotes"
            )))
        }
    };
    let (content_type, file) = match p.format.as_str() {
        "jsonl" => ("application/x-ndjson", "corpus.jsonl".to_string()),
        "csv" => {
            ("text/csv; charset=utf-8", format!("{}.csv", p.table.as_deref().unwrap_or("events")))
        }
        "gkg" => ("text/tab-separated-values; charset=utf-8", "corpus.gkg.csv".to_string()),
        other => {
            return Err(ApiError::bad_request(format!("format {other:?}: use jsonl, csv or gkg")))
        }
    };
    if p.table.is_some() && p.format != "csv" {
        return Err(ApiError::bad_request("table: only the csv format has tables"));
    }
    let format = p.format;
    let body = state
        .store
        .run(move |c| {
            let mut out = Vec::new();
            match format.as_str() {
                "jsonl" => c.store.export_jsonl(&mut out),
                "csv" => c.store.export_csv(table, &mut out),
                _ => c.store.export_gkg(&mut out),
            }
            .map_err(store_error)?;
            Ok(out)
        })
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
        ],
        body,
    )
        .into_response())
}
