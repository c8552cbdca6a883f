//! The OpenAPI 3.1 document of the API, served at `/api/openapi.json`. A test checks that it
//! describes exactly the routes the router has.

use axum::Json;
use serde_json::{json, Value};

/// A query parameter.
fn param(name: &str, schema: Value, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": false, "schema": schema, "description": description})
}

fn required(mut p: Value) -> Value {
    p["required"] = json!(true);
    p
}

/// The `{id}` of a path.
fn id_param(description: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}, "description": description})
}

fn string() -> Value {
    json!({"type": "string"})
}

fn date() -> Value {
    json!({"type": "string", "format": "date"})
}

fn boolean() -> Value {
    json!({"type": "boolean", "default": false})
}

fn limit(default: u64) -> Value {
    param(
        "limit",
        json!({"type": "integer", "minimum": 1, "maximum": crate::api::MAX_LIMIT, "default": default}),
        "At most this many results.",
    )
}

/// A JSON response with a schema.
fn ok(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn array_of(name: &str) -> Value {
    json!({"type": "array", "items": reference(name)})
}

/// The error responses every route can give, plus its own.
fn errors(codes: &[(&str, &str)]) -> Vec<(String, Value)> {
    let error =
        json!({"description": "", "content": {"application/json": {"schema": reference("Error")}}});
    let mut out = vec![("500".to_string(), {
        let mut e = error.clone();
        e["description"] = json!("The corpus could not be read.");
        e
    })];
    for (code, why) in codes {
        let mut e = error.clone();
        e["description"] = json!(why);
        out.push((code.to_string(), e));
    }
    out
}

/// The responses of a route: `response` for 200, and its errors.
fn responses(response: Value, errs: &[(&str, &str)]) -> Value {
    let mut all = serde_json::Map::new();
    all.insert("200".into(), response);
    for (code, e) in errors(errs) {
        all.insert(code, e);
    }
    Value::Object(all)
}

fn operation(summary: &str, params: Vec<Value>, response: Value, errs: &[(&str, &str)]) -> Value {
    json!({"summary": summary, "parameters": params, "responses": responses(response, errs)})
}

const BAD_PARAMS: (&str, &str) = ("400", "A parameter is malformed, unknown or out of range.");
const NO_ENTITY: (&str, &str) = ("404", "No entity goes by the name (the message suggests some).");
const AMBIGUOUS: (&str, &str) = ("409", "Several entities go by the name; ask by `#ID`.");

/// The document.
pub fn spec() -> Value {
    let entity_filter = |name: &str, what: &str| {
        param(name, string(), &format!("{what}: a name, an alias or `#ID`."))
    };
    let paths = json!({
        "/api/openapi.json": {"get": {
            "summary": "This document.",
            "responses": {"200": {"description": "OpenAPI 3.1 document."}}}},
        "/api/stats": {"get": operation(
            "The size of the corpus.", vec![], ok("Counts of articles, entities, events, quotes.", reference("Stats")), &[])},
        "/api/timeline": {"get": operation(
            "Events in date order, merged across articles, each with its sources and counts.",
            vec![
                entity_filter("actor", "Only events this entity takes part in (actor, target or place)"),
                param("type", string(), "Only events of this type (`attack`, `consult`, ...)."),
                param("from", date(), "Only events on or after this day."),
                param("to", date(), "Only events on or before this day."),
                param("unrealised", boolean(), "Also events only planned, threatened, denied, ..."),
                param("latest", boolean(), "With a limit, keep the latest events (still in date order)."),
                limit(200),
            ],
            ok("The events; `truncated` when the limit cut the list; `actor` the entity the actor parameter named.", json!({"type": "object", "properties": {
                "actor": {"type": ["object", "null"]}, "events": array_of("TimelineEvent"), "truncated": {"type": "boolean"}}})),
            &[BAD_PARAMS, NO_ENTITY, AMBIGUOUS])},
        "/api/actors": {"get": operation(
            "Who acts on whom: actor, target, event type and how often; most frequent first.",
            vec![param("type", string(), "Only events of this type."), entity_filter("entity", "Only links of this entity"), limit(200)],
            ok("The links.", array_of("ActorLink")),
            &[BAD_PARAMS, NO_ENTITY, AMBIGUOUS])},
        "/api/network": {"get": operation(
            "The actor network of the most frequent links, as nodes and edges (one edge per actor, target and event type).",
            vec![param("type", string(), "Only events of this type."), entity_filter("entity", "Only links of this entity"), limit(100)],
            ok("Nodes and edges.", reference("Network")),
            &[BAD_PARAMS, NO_ENTITY, AMBIGUOUS])},
        "/api/entities/{name}": {"get": {
            "summary": "Everything the corpus says about one entity: names, titles, event roles, latest events, quotes and articles.",
            "parameters": [
                {"name": "name", "in": "path", "required": true, "schema": string(), "description": "A name, an alias or `#ID`."},
                param("type", string(), "Only consider entities of this type (`PERSON`, `ORG`, `PLACE`, ...)."),
                limit(50),
            ],
            "responses": responses(ok("The entity's profile.", reference("EntityProfile")), &[BAD_PARAMS, NO_ENTITY, AMBIGUOUS])}},
        "/api/resolve": {"get": operation(
            "What a name refers to: one entity, several, or none (with suggestions).",
            vec![required(param("name", string(), "A name, an alias or `#ID`.")), param("type", string(), "Only entities of this type.")],
            ok("`match` is `found`, `ambiguous` or `not_found`.", reference("EntityMatch")),
            &[BAD_PARAMS])},
        "/api/quotes": {"get": operation(
            "Quotes, newest article first.",
            vec![entity_filter("speaker", "Only quotes of this entity"), limit(100)],
            ok("The quotes.", array_of("QuoteRow")),
            &[BAD_PARAMS, NO_ENTITY, AMBIGUOUS])},
        "/api/search": {"get": operation(
            "Full-text search over articles (title and text) and quotes (words and speaker). Every word must occur, in any form with the same stem.",
            vec![
                required(param("q", string(), "The words (at most 500 characters).")),
                param("raw", boolean(), "Pass `q` to SQLite FTS5 as it is: \"phrases\", OR, NOT, NEAR, prefix*."),
                limit(50),
            ],
            ok("Articles and quotes, best first; snippets mark matches with [ ].", reference("SearchResults")),
            &[BAD_PARAMS])},
        "/api/articles": {"get": operation(
            "Articles, newest publication first.",
            vec![limit(100), param("offset", json!({"type": "integer", "minimum": 0, "default": 0}), "Skip this many articles first.")],
            ok("The articles.", array_of("ArticleRef")),
            &[BAD_PARAMS])},
        "/api/articles/{id}": {"get": {
            "summary": "One article: its text and its analysis, in the shape of `sitrep analyze --json`.",
            "parameters": [id_param("The article's id.")],
            "responses": responses(ok("`article` (with `text`) beside the analysis layers.", reference("StoredArticle")), &[
                ("400", "The id is not a positive integer."), ("404", "No such article.")])}},
        "/api/events/{id}/evidence": {"get": {
            "summary": "The sentences of its sources that state an event, with the trigger words' offsets in each.",
            "parameters": [id_param("The event's id (from the timeline).")],
            "responses": responses(ok("One entry per report with trigger offsets.", array_of("Evidence")), &[
                ("400", "The id is not a positive integer.")])}},
        "/api/places": {"get": operation(
            "Entities with coordinates, most written about first (for a map).",
            vec![limit(500)],
            ok("The places.", array_of("Place")),
            &[BAD_PARAMS])},
        "/api/facets": {"get": operation(
            "What the timeline can be filtered by: event types with their counts, and the names of entities in events.",
            vec![],
            ok("Event types and names.", reference("Facets")),
            &[])},
        "/api/export": {"get": operation(
            "The whole corpus as a download, as `sitrep export` writes it.",
            vec![
                required(param("format", json!({"type": "string", "enum": ["jsonl", "csv", "gkg"]}), "JSON Lines (one article with its analysis per line), CSV tables, or GDELT GKG 2.1 rows.")),
                param("table", json!({"type": "string", "enum": ["events", "entities", "quotes"], "default": "events"}), "The table, for csv."),
            ],
            json!({"description": "The export file.", "content": {
                "application/x-ndjson": {}, "text/csv": {}, "text/tab-separated-values": {}}}),
            &[BAD_PARAMS])},
        "/api/analyze": {"post": {
            "summary": "Analyse one article (not stored in the corpus).",
            "parameters": [param("published", date(), "Publication date; overrides the article's own. Anchors relative dates.")],
            "requestBody": {"required": true, "content": {
                "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
                    "text": string(), "title": string(), "url": string(), "published": date()}}},
                "text/plain": {"schema": string()},
                "text/html": {"schema": string(), "description": "A web page; its article body is extracted."}}},
            "responses": responses(ok("The article as read (its `text` is what offsets count in), warnings, and the analysis layers.", reference("Analyzed")), &[
                ("400", "The body is not an article: empty, binary, not UTF-8, malformed JSON, no text."),
                ("413", "The body is larger than the server's limit."),
                ("415", "The Content-Type is not an article format."),
            ])}},
    });
    let open = json!({"type": "object", "additionalProperties": true});
    let schemas = json!({
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string", "description": "What was wrong."}}},
        "Stats": open, "TimelineEvent": open, "ActorLink": open, "EntityProfile": open,
        "EntityMatch": open, "QuoteRow": open, "SearchResults": open, "StoredArticle": open,
        "ArticleRef": {"type": "object", "properties": {
            "id": {"type": "integer"}, "source": string(), "title": string(), "url": string(), "published": date()}},
        "Place": {"type": "object", "description": "An entity with coordinates (EntitySummary).", "properties": {
            "id": {"type": "integer"}, "name": string(), "type": string(), "geonames_id": {"type": "integer"},
            "geo": {"type": "object", "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}}},
            "country": string(), "feature": string(), "articles": {"type": "integer"}, "mentions": {"type": "integer"}}},
        "Facets": {"type": "object", "properties": {
            "event_types": {"type": "array", "items": {"type": "object", "properties": {"type": string(), "events": {"type": "integer"}}}},
            "actors": {"type": "array", "items": string()}}},
        "Evidence": {"type": "object", "properties": {
            "article_id": {"type": "integer"}, "sentence": string(),
            "start": {"type": "integer", "description": "Offset of the sentence in the article."},
            "trigger_start": {"type": "integer", "description": "Offset of the trigger in the sentence."},
            "trigger_end": {"type": "integer"}}},
        "Network": {"type": "object", "properties": {
            "nodes": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "name": string(), "type": string(), "events": {"type": "integer"}}}},
            "edges": {"type": "array", "items": {"type": "object", "properties": {
                "source": {"type": "integer", "description": "The actor's node id."},
                "target": {"type": "integer", "description": "The target's node id."}, "type": string(),
                "events": {"type": "integer"}, "reports": {"type": "integer"}}}}}},
        "Analyzed": {"type": "object", "properties": {
            "article": {"type": "object", "properties": {"format": string(), "title": string(), "url": string(), "published": date(), "text": string()}},
            "warnings": {"type": "array", "items": string()},
            "entities": {"type": "array"}, "times": {"type": "array"}, "quotes": {"type": "array"},
            "counts": {"type": "array"}, "events": {"type": "array"}}},
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Structured facts from news articles: the corpus built by `sitrep ingest`, and analysis of single articles. Every error is a JSON object {\"error\": \"...\"}. The shapes of the corpus results are those of `sitrep --json` (crate sitrep-store); offsets are Unicode code points into the article text."
        },
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

/// `GET /api/openapi.json`.
pub async fn document() -> Json<Value> {
    Json(spec())
}
