//! The API on a small corpus of hand-written articles with hand-written analyses, through the
//! whole router (security headers, host check, limits, errors) without a socket.

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use sitrep_extract::{
    Analysis, Count, Entity, Event, Geo, Mention, Modality, Quote, QuoteKind, TextSpan, TimeExpr,
};
use sitrep_server::{router, AnalyzeFn, Config};
use sitrep_store::{NewArticle, Store};
use std::net::SocketAddr;
use std::sync::Arc;
use tower::ServiceExt;

const FLOOD: &str = "BRAGA, Portugal — Flash floods killed nine people in Braga on Monday, the civil protection agency said.\n\n\"The water came up in less than an hour,\" said Mário Leitão, the regional commander.";
const FOLLOW_UP: &str = "LISBON — The death toll from the floods in Braga rose to 11 on Thursday. The floods struck on Monday.";
const TALKS: &str = "SANTIAGO — Chile and Argentina met in Santiago on Tuesday and agreed to reopen the border crossing. \"We cannot leave it closed,\" said Alberto van Klaveren.";

/// The character offsets of the first `word` in `text`.
fn span(text: &str, word: &str) -> (usize, usize) {
    let byte = text.find(word).unwrap_or_else(|| panic!("{word:?} not in the text"));
    let start = text[..byte].chars().count();
    (start, start + word.chars().count())
}

fn mentions(text: &str, word: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let start = text[..from + i].chars().count();
        out.push(Mention { start, end: start + word.chars().count(), text: word.to_string() });
        from += i + word.len();
    }
    out
}

fn entity(text: &str, name: &str, kind: &str, geo: Option<(f64, f64)>) -> Entity {
    Entity {
        name: name.to_string(),
        kind: kind.to_string(),
        aliases: vec![],
        mentions: mentions(text, name),
        geo: geo.map(|(lat, lon)| Geo { lat, lon }),
        ..Default::default()
    }
}

fn time(text: &str, words: &str, value: &str) -> TimeExpr {
    let (start, end) = span(text, words);
    TimeExpr { text: words.into(), start, end, value: Some(value.into()), ..Default::default() }
}

fn quote(text: &str, words: &str, speaker: &str) -> Quote {
    let (start, end) = span(text, words);
    Quote {
        text: words.into(),
        start,
        end,
        speaker: Some(speaker.into()),
        kind: QuoteKind::Direct,
        nested: false,
        speaker_mention: None,
        cue: None,
        rule: "test".into(),
    }
}

/// An event stated by `trigger` in the sentence `sentence` of `text`.
fn event(
    text: &str,
    (kind, trigger, sentence): (&str, &str, &str),
    date: &str,
    actors: &[&str],
    targets: &[&str],
    place: Option<&str>,
) -> Event {
    let (start, end) = span(text, trigger);
    let (s_start, s_end) = span(text, sentence);
    Event {
        kind: kind.into(),
        date: Some(date.into()),
        actors: actors.iter().map(|s| s.to_string()).collect(),
        targets: targets.iter().map(|s| s.to_string()).collect(),
        place: place.map(String::from),
        modality: Modality::Asserted,
        trigger: Mention { start, end, text: trigger.into() },
        sentence: TextSpan { start: s_start, end: s_end },
        rule: "test".into(),
        date_evidence: None,
        date_rule: None,
        mentions: vec![],
    }
}

fn count(text: &str, phrase: &str, kind: &str, value: u64) -> Count {
    let (start, end) = span(text, phrase);
    Count {
        text: phrase.into(),
        kind: kind.into(),
        value,
        start,
        end,
        approximate: false,
        qualifier: None,
        rule: "test".into(),
        sentence: TextSpan::default(),
        parent: None,
        updates: None,
        event: Some(0),
    }
}

const BRAGA: (f64, f64) = (41.55, -8.42);

/// The three articles, stored.
fn corpus(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("corpus.sqlite");
    let mut store = Store::open(&db).unwrap();
    let articles = [
        (
            FLOOD,
            "Floods kill nine in <b>northern</b> Portugal",
            "2025-03-11",
            Analysis {
                entities: vec![
                    entity(FLOOD, "Braga", "PLACE", Some(BRAGA)),
                    entity(FLOOD, "Mário Leitão", "PERSON", None),
                ],
                times: vec![time(FLOOD, "Monday", "2025-03-10")],
                quotes: vec![quote(
                    FLOOD,
                    "The water came up in less than an hour,",
                    "Mário Leitão",
                )],
                counts: vec![count(FLOOD, "killed nine people", "killed", 9)],
                events: vec![event(
                    FLOOD,
                    ("disaster", "floods", "Flash floods killed nine people in Braga on Monday, the civil protection agency said."),
                    "2025-03-10",
                    &[],
                    &[],
                    Some("Braga"),
                )],
                ..Default::default()
            },
        ),
        (
            FOLLOW_UP,
            "Flood toll rises to 11",
            "2025-03-13",
            Analysis {
                entities: vec![entity(FOLLOW_UP, "Braga", "PLACE", Some(BRAGA))],
                times: vec![
                    time(FOLLOW_UP, "Thursday", "2025-03-13"),
                    time(FOLLOW_UP, "Monday", "2025-03-10"),
                ],
                quotes: vec![],
                counts: vec![count(FOLLOW_UP, "rose to 11", "killed", 11)],
                events: vec![event(
                    FOLLOW_UP,
                    ("disaster", "struck", "The floods struck on Monday."),
                    "2025-03-10",
                    &[],
                    &[],
                    Some("Braga"),
                )],
                ..Default::default()
            },
        ),
        (
            TALKS,
            "Chile and Argentina agree to reopen crossing",
            "2025-04-02",
            Analysis {
                entities: vec![
                    entity(TALKS, "Chile", "PLACE", Some((-33.0, -71.0))),
                    entity(TALKS, "Argentina", "PLACE", Some((-34.0, -64.0))),
                    entity(TALKS, "Santiago", "PLACE", Some((-33.45, -70.67))),
                    entity(TALKS, "Alberto van Klaveren", "PERSON", None),
                ],
                times: vec![time(TALKS, "Tuesday", "2025-04-01")],
                quotes: vec![quote(TALKS, "We cannot leave it closed,", "Alberto van Klaveren")],
                counts: vec![],
                events: vec![event(
                    TALKS,
                    ("consult", "met", "Chile and Argentina met in Santiago on Tuesday and agreed to reopen the border crossing."),
                    "2025-04-01",
                    &["Chile"],
                    &["Argentina"],
                    Some("Santiago"),
                )],
                ..Default::default()
            },
        ),
    ];
    for (i, (text, title, published, analysis)) in articles.iter().enumerate() {
        let source = format!("article-{i}.json");
        let article = NewArticle {
            text,
            title: Some(title),
            url: None,
            published: Some(published.parse().unwrap()),
            source: &source,
            format: "json",
        };
        store.add_article(&article, analysis).unwrap();
    }
    store.update_indexes().unwrap();
    db
}

/// A stand-in for the NLP pipeline: marks every "Friday" as a time, resolved against the
/// publication date the server read.
fn fake_analyzer() -> AnalyzeFn {
    Arc::new(|article| {
        let times = mentions(&article.text, "Friday")
            .into_iter()
            .map(|m| TimeExpr {
                text: m.text,
                start: m.start,
                end: m.end,
                value: article.published.map(|d| format!("published {d}")),
                ..Default::default()
            })
            .collect();
        Ok(Analysis { times, ..Default::default() })
    })
}

struct App {
    router: Router,
    _dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus(dir.path());
    let config = Config { db, analyze: fake_analyzer(), max_body_bytes: 4096 };
    let addr: SocketAddr = "127.0.0.1:8080".parse().unwrap();
    App { router: router(config, addr).unwrap(), _dir: dir }
}

/// The status, headers and body of one request to `app`, sent to host `localhost`.
async fn send(app: &App, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec();
    (status, headers, body)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).header(header::HOST, "localhost:8080").body(Body::empty()).unwrap()
}

async fn json(app: &App, uri: &str) -> (StatusCode, Value) {
    let (status, headers, body) = send(app, get(uri)).await;
    assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{uri}");
    (status, serde_json::from_slice(&body).unwrap())
}

async fn ok(app: &App, uri: &str) -> Value {
    let (status, body) = json(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    body
}

/// Asserts a JSON error with `status` whose message contains `words`.
async fn error(app: &App, uri: &str, status: StatusCode, words: &str) {
    let (got, body) = json(app, uri).await;
    assert_eq!(got, status, "{uri}: {body}");
    let message = body["error"].as_str().unwrap();
    assert!(message.contains(words), "{uri}: {message:?} lacks {words:?}");
}

#[tokio::test]
async fn stats_count_the_corpus() {
    let app = app();
    let stats = ok(&app, "/api/stats").await;
    assert_eq!(stats["articles"], 3);
    // The two flood reports are one event.
    assert_eq!(stats["events"], 2);
    assert_eq!(stats["quotes"], 2);
}

#[tokio::test]
async fn the_timeline_merges_reports_and_filters() {
    let app = app();
    let all = ok(&app, "/api/timeline").await;
    let events = all["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(all["truncated"], false);
    assert_eq!(events[0]["type"], "disaster");
    assert_eq!(events[0]["date"], "2025-03-10");
    assert_eq!(events[0]["sources"].as_array().unwrap().len(), 2);
    assert_eq!(events[0]["place"]["name"], "Braga");
    assert_eq!(events[1]["type"], "consult");

    let consult = ok(&app, "/api/timeline?type=consult").await;
    assert_eq!(consult["events"].as_array().unwrap().len(), 1);
    let chile = ok(&app, "/api/timeline?actor=Chile").await;
    assert_eq!(chile["events"][0]["actors"][0]["name"], "Chile");
    assert_eq!(chile["actor"]["name"], "Chile");
    let by_id = ok(&app, &format!("/api/timeline?actor=%23{}", chile["actor"]["id"])).await;
    assert_eq!(by_id["actor"]["name"], "Chile");
    assert_eq!(by_id["events"], chile["events"]);
    assert_eq!(all["actor"], Value::Null);
    let april = ok(&app, "/api/timeline?from=2025-04-01&to=2025-04-30").await;
    assert_eq!(april["events"].as_array().unwrap().len(), 1);
    let one = ok(&app, "/api/timeline?limit=1").await;
    assert_eq!(one["events"].as_array().unwrap().len(), 1);
    assert_eq!(one["truncated"], true);
    let latest = ok(&app, "/api/timeline?limit=1&latest=true").await;
    assert_eq!(latest["events"][0]["type"], "consult");
}

#[tokio::test]
async fn bad_parameters_are_clear_400s() {
    let app = app();
    error(&app, "/api/timeline?from=2025-02-30", StatusCode::BAD_REQUEST, "from").await;
    error(&app, "/api/timeline?from=yesterday", StatusCode::BAD_REQUEST, "YYYY-MM-DD").await;
    error(&app, "/api/timeline?from=2025-05-01&to=2025-04-01", StatusCode::BAD_REQUEST, "after")
        .await;
    error(&app, "/api/timeline?limit=0", StatusCode::BAD_REQUEST, "between 1 and 1000").await;
    error(&app, "/api/timeline?limit=many", StatusCode::BAD_REQUEST, "limit").await;
    error(&app, "/api/timeline?actr=Chile", StatusCode::BAD_REQUEST, "actr").await;
    error(&app, "/api/search", StatusCode::BAD_REQUEST, "q").await;
    error(&app, "/api/search?q=%20%2C", StatusCode::BAD_REQUEST, "no words").await;
    let long = "a".repeat(501);
    error(&app, &format!("/api/search?q={long}"), StatusCode::BAD_REQUEST, "too long").await;
    error(&app, "/api/articles/abc", StatusCode::BAD_REQUEST, "not a positive integer").await;
    error(&app, "/api/export?format=xml", StatusCode::BAD_REQUEST, "jsonl, csv or gkg").await;
    error(&app, "/api/export?format=jsonl&table=events", StatusCode::BAD_REQUEST, "only the csv")
        .await;
}

#[tokio::test]
async fn unknown_things_are_404s_with_suggestions() {
    let app = app();
    error(&app, "/api/timeline?actor=Chil", StatusCode::NOT_FOUND, "did you mean Chile").await;
    error(&app, "/api/entities/Nobody", StatusCode::NOT_FOUND, "no entity named \"Nobody\"").await;
    error(&app, "/api/articles/99", StatusCode::NOT_FOUND, "no article #99").await;
    error(&app, "/api/nothing", StatusCode::NOT_FOUND, "openapi.json").await;
    let (status, _, body) = send(
        &app,
        Request::delete("/api/stats")
            .header(header::HOST, "localhost")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(String::from_utf8(body).unwrap().contains("method not allowed"));
}

#[tokio::test]
async fn entities_quotes_network_and_places() {
    let app = app();
    let braga = ok(&app, "/api/entities/Braga").await;
    assert_eq!(braga["entity"]["type"], "PLACE");
    assert_eq!(braga["articles"].as_array().unwrap().len(), 2);
    let by_id = ok(&app, &format!("/api/entities/%23{}", braga["entity"]["id"])).await;
    assert_eq!(by_id["entity"]["name"], "Braga");

    let quotes = ok(&app, "/api/quotes?speaker=Alberto%20van%20Klaveren").await;
    assert_eq!(quotes.as_array().unwrap().len(), 1);
    assert_eq!(quotes[0]["text"], "We cannot leave it closed,");

    let net = ok(&app, "/api/network").await;
    assert_eq!(net["edges"].as_array().unwrap().len(), 1);
    let names: Vec<&str> =
        net["nodes"].as_array().unwrap().iter().map(|n| n["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Chile", "Argentina"]);
    assert_eq!(net["edges"][0]["source"], net["nodes"][0]["id"]);
    assert_eq!(net["edges"][0]["target"], net["nodes"][1]["id"]);
    assert_eq!(net["edges"][0]["type"], "consult");
    assert_eq!(ok(&app, "/api/actors").await.as_array().unwrap().len(), 1);

    let places = ok(&app, "/api/places").await;
    let first = &places[0];
    assert_eq!(first["name"], "Braga");
    assert_eq!(first["articles"], 2);
    assert_eq!(first["geo"]["lat"], BRAGA.0);
    assert_eq!(places.as_array().unwrap().len(), 4);

    let facets = ok(&app, "/api/facets").await;
    assert_eq!(facets["event_types"][0]["type"], "consult");
    assert!(facets["actors"].as_array().unwrap().iter().any(|a| a == "Argentina"));
}

#[tokio::test]
async fn articles_come_whole_with_their_analysis() {
    let app = app();
    let list = ok(&app, "/api/articles").await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    // Newest first.
    assert_eq!(list[0]["published"], "2025-04-02");
    let id = list.iter().find(|a| a["published"] == "2025-03-11").unwrap()["id"].clone();
    let doc = ok(&app, &format!("/api/articles/{id}")).await;
    assert_eq!(doc["article"]["text"], FLOOD);
    assert_eq!(doc["article"]["title"], "Floods kill nine in <b>northern</b> Portugal");
    assert_eq!(doc["quotes"][0]["speaker"], "Mário Leitão");
    let (start, end) = span(FLOOD, "Mário Leitão");
    assert_eq!(doc["entities"][1]["mentions"][0]["start"], start);
    assert_eq!(doc["entities"][1]["mentions"][0]["end"], end);
}

#[tokio::test]
async fn evidence_gives_the_sentence_of_each_report() {
    let app = app();
    let timeline = ok(&app, "/api/timeline?type=disaster").await;
    let id = &timeline["events"][0]["id"];
    let evidence = ok(&app, &format!("/api/events/{id}/evidence")).await;
    let evidence = evidence.as_array().unwrap();
    assert_eq!(evidence.len(), 2);
    let sentences: Vec<&str> = evidence.iter().map(|e| e["sentence"].as_str().unwrap()).collect();
    assert_eq!(
        sentences,
        [
            "Flash floods killed nine people in Braga on Monday, the civil protection agency said.",
            "The floods struck on Monday."
        ]
    );
    let second = &evidence[1];
    let trigger: String = sentences[1]
        .chars()
        .skip(second["trigger_start"].as_u64().unwrap() as usize)
        .take(
            (second["trigger_end"].as_u64().unwrap() - second["trigger_start"].as_u64().unwrap())
                as usize,
        )
        .collect();
    assert_eq!(trigger, "struck");
    assert_eq!(second["start"], span(FOLLOW_UP, "The floods struck").0);
    assert!(ok(&app, "/api/events/999/evidence").await.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn search_finds_articles_and_quotes() {
    let app = app();
    let hits = ok(&app, "/api/search?q=floods%20Braga").await;
    assert_eq!(hits["articles"].as_array().unwrap().len(), 2);
    let quotes = ok(&app, "/api/search?q=closed").await;
    assert_eq!(quotes["quotes"][0]["quote"]["speaker"], "Alberto van Klaveren");
    let none = ok(&app, "/api/search?q=volcano").await;
    assert!(none["articles"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn exports_download_the_corpus() {
    let app = app();
    let (status, headers, body) = send(&app, get("/api/export?format=jsonl")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/x-ndjson");
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("corpus.jsonl"));
    let lines: Vec<Value> = String::from_utf8(body)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let (status, headers, body) = send(&app, get("/api/export?format=csv&table=quotes")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    // A header row and one row per quote.
    assert_eq!(String::from_utf8(body).unwrap().lines().count(), 3);
}

fn post(uri: &str, content_type: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut r = Request::post(uri).header(header::HOST, "127.0.0.1:8080");
    if let Some(t) = content_type {
        r = r.header(header::CONTENT_TYPE, t);
    }
    r.body(body.into()).unwrap()
}

async fn post_json(app: &App, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, body) = send(app, request).await;
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn analyze_reads_the_body_as_its_content_type_says() {
    let app = app();
    let article = r#"{"text": "Police arrested 14 people on Friday.", "title": "Arrests", "published": "2025-06-09"}"#;
    let (status, doc) =
        post_json(&app, post("/api/analyze", Some("application/json"), article)).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["article"]["title"], "Arrests");
    assert_eq!(doc["article"]["text"], "Police arrested 14 people on Friday.");
    assert_eq!(doc["times"][0]["text"], "Friday");
    assert_eq!(doc["times"][0]["start"], 29);
    assert_eq!(doc["times"][0]["value"], "published 2025-06-09");
    assert!(doc["warnings"].as_array().unwrap().is_empty());

    let text = "Storms hit on Friday.";
    let (status, doc) = post_json(
        &app,
        post("/api/analyze?published=2025-01-03", Some("text/plain; charset=utf-8"), text),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["article"]["format"], "text");
    assert_eq!(doc["article"]["published"], "2025-01-03");
    assert_eq!(doc["times"][0]["value"], "published 2025-01-03");

    let (status, doc) = post_json(&app, post("/api/analyze", None, "No date here, Friday.")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["warnings"][0].as_str().unwrap().contains("no publication date"));
}

#[tokio::test]
async fn analyze_refuses_bad_bodies_clearly() {
    let app = app();
    let cases = [
        (
            post("/api/analyze", Some("application/json"), "{\"text\": "),
            StatusCode::BAD_REQUEST,
            "malformed JSON",
        ),
        (
            post("/api/analyze", Some("application/json"), "[1, 2]"),
            StatusCode::BAD_REQUEST,
            "request body",
        ),
        (post("/api/analyze", Some("text/plain"), ""), StatusCode::BAD_REQUEST, "empty"),
        (
            post("/api/analyze", Some("text/plain"), vec![0xffu8, 0xfe, 0x41]),
            StatusCode::BAD_REQUEST,
            "UTF-8",
        ),
        (
            post("/api/analyze", Some("image/png"), "x"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "image/png",
        ),
        (
            post("/api/analyze?published=soon", Some("text/plain"), "x"),
            StatusCode::BAD_REQUEST,
            "published",
        ),
        (
            post("/api/analyze", Some("text/plain"), "x".repeat(5000)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "4096 bytes",
        ),
    ];
    for (request, status, words) in cases {
        let (got, body) = post_json(&app, request).await;
        assert_eq!(got, status, "{body}");
        let message = body["error"].as_str().unwrap();
        assert!(message.contains(words), "{message:?} lacks {words:?}");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = app();
    for uri in ["/", "/app.js", "/api/stats", "/api/nothing", "/nothing"] {
        let (_, headers, _) = send(&app, get(uri)).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe"), "{uri}: {csp}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{uri}");
    }
}

#[tokio::test]
async fn the_ui_is_served_from_the_binary() {
    let app = app();
    let (status, headers, body) = send(&app, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    let page = String::from_utf8(body).unwrap();
    // The page loads its scripts from files: no inline script for the policy to allow.
    assert!(page.contains(r#"<script type="module" src="/app.js"></script>"#));
    assert!(!page.contains("<script>"));
    let (status, headers, _) = send(&app, get("/timeline.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/javascript; charset=utf-8");
    let (status, _, _) = send(&app, get("/vendor/countries-110m.json")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = send(&app, get("/../Cargo.toml")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn requests_to_other_host_names_are_refused() {
    let app = app();
    for host in ["evil.example", "evil.example:8080", "localhost.evil.example"] {
        let request =
            Request::get("/api/stats").header(header::HOST, host).body(Body::empty()).unwrap();
        let (status, _, body) = send(&app, request).await;
        assert_eq!(status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert!(String::from_utf8(body).unwrap().contains("localhost"));
    }
    for host in ["localhost", "127.0.0.1:8080", "[::1]:8080"] {
        let request =
            Request::get("/api/stats").header(header::HOST, host).body(Body::empty()).unwrap();
        assert_eq!(send(&app, request).await.0, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = app();
    let spec = ok(&app, "/api/openapi.json").await;
    assert_eq!(spec["openapi"], "3.1.0");
    let paths = spec["paths"].as_object().unwrap();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let uri = path.replace("{name}", "Braga").replace("{id}", "1");
            let request = Request::builder()
                .method(method.to_uppercase().as_str())
                .uri(&uri)
                .header(header::HOST, "localhost")
                .body(Body::empty())
                .unwrap();
            let (status, _, body) = send(&app, request).await;
            let body = String::from_utf8(body).unwrap();
            assert!(
                !body.contains("no such API route") && status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} is documented but not routed"
            );
        }
    }
    let mut documented: Vec<&String> = paths.keys().collect();
    let mut routed = sitrep_server::api_paths();
    documented.sort();
    routed.sort();
    assert_eq!(documented, routed.iter().collect::<Vec<_>>(), "documented and routed paths differ");
}

#[test]
fn a_missing_corpus_fails_at_start_up_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite");
    let config = Config { db: db.clone(), analyze: fake_analyzer(), max_body_bytes: 1024 };
    let err = router(config, "127.0.0.1:0".parse().unwrap()).unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("none.sqlite") && message.contains("no such corpus"), "{message}");
}
