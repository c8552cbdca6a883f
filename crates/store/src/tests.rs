//! The store on small hand-made corpora: opening and refusing files, merging entities, events
//! and counts across articles, and every query and export.

use super::*;
use serde_json::{json, Value};
use tempfile::TempDir;

fn corpus() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("c.sqlite")).unwrap();
    (dir, store)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Stores an article whose analysis is `facts` (the JSON layers), published on `published`,
/// and updates the corpus-wide indexes, as an ingest does when it is done.
fn add(store: &mut Store, source: &str, text: &str, published: &str, facts: Value) -> i64 {
    let id = add_unindexed(store, source, text, published, facts);
    store.update_indexes().unwrap();
    id
}

/// As [`add`], leaving the corpus-wide indexes behind.
fn add_unindexed(
    store: &mut Store,
    source: &str,
    text: &str,
    published: &str,
    facts: Value,
) -> i64 {
    let article = NewArticle {
        text,
        title: Some(source),
        url: Some(&format!("https://news.example.org/{source}")),
        published: Some(day(published)),
        source,
        format: "text",
    };
    match store
        .add_article_json(&article, &facts.to_string())
        .unwrap()
    {
        Added::Stored(id) => id,
        Added::AlreadyStored(id) => panic!("{source} was already stored as #{id}"),
    }
}

fn entity(name: &str, kind: &str, aliases: &[&str], start: usize) -> Value {
    json!({"name": name, "type": kind, "aliases": aliases,
           "mentions": [{"start": start, "end": start + name.len(), "text": name}]})
}

fn place(name: &str, geonames: u32, country: &str, feature: &str, lat: f64, lon: f64) -> Value {
    json!({"name": name, "type": "PLACE", "aliases": [], "geonames_id": geonames,
           "country": country, "feature": feature, "geo": {"lat": lat, "lon": lon},
           "mentions": [{"start": 0, "end": name.len(), "text": name}]})
}

fn found(store: &Store, name: &str) -> EntitySummary {
    match store.resolve_entity(name, None).unwrap() {
        EntityMatch::Found { entity } => entity,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn creates_reopens_and_counts() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("new.sqlite");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.stats().unwrap().articles, 0);
    add(
        &mut store,
        "a",
        "Floods hit the valley.",
        "2024-03-02",
        json!({}),
    );
    drop(store);
    let store = Store::open_existing(&path).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.articles, stats.schema_version), (1, SCHEMA_VERSION));
    assert_eq!(stats.first_published.as_deref(), Some("2024-03-02"));
}

#[test]
fn refuses_files_that_are_not_corpora_and_leaves_them_alone() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("missing.sqlite");
    assert!(matches!(
        Store::open_existing(&missing),
        Err(StoreError::NoCorpus { .. })
    ));
    assert!(!missing.exists(), "a query must not create a corpus");

    let text = dir.path().join("notes.sqlite");
    let bytes = b"These are my notes, not a database. ".repeat(50);
    std::fs::write(&text, &bytes).unwrap();
    let e = Store::open(&text).err().expect("a text file is refused");
    assert!(matches!(e, StoreError::NotADatabase { .. }), "{e}");
    assert!(e.to_string().contains("notes.sqlite"), "{e}");
    assert_eq!(std::fs::read(&text).unwrap(), bytes);

    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);")
        .unwrap();
    assert!(matches!(
        Store::open(&other),
        Err(StoreError::NotACorpus { .. })
    ));
    let total: f64 = rusqlite::Connection::open(&other)
        .unwrap()
        .query_row("SELECT total FROM invoices", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, 9.5);

    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::IsDirectory { .. })
    ));
}

#[test]
fn refuses_a_newer_schema() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("future.sqlite");
    let mut store = Store::open(&path).unwrap();
    add(
        &mut store,
        "a",
        "Talks resumed in Geneva.",
        "2024-05-01",
        json!({}),
    );
    store
        .conn
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    drop(store);
    let e = Store::open(&path).err().expect("refused");
    assert!(
        matches!(
            e,
            StoreError::NewerSchema {
                found: 99,
                supported: SCHEMA_VERSION,
                ..
            }
        ),
        "{e}"
    );
    let e = Store::open_existing(&path).err().expect("refused");
    assert!(e.to_string().contains("newer sitrep"), "{e}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn migrates_an_empty_file_and_skips_known_articles() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("empty.sqlite");
    std::fs::write(&path, b"").unwrap();
    let mut store = Store::open(&path).unwrap();
    let text = "The council met on Tuesday.";
    let article = NewArticle {
        text,
        title: None,
        url: None,
        published: Some(day("2024-06-04")),
        source: "one.txt",
        format: "text",
    };
    let first = store.add_article(&article, &Analysis::default()).unwrap();
    assert!(matches!(first, Added::Stored(_)));
    let copy = NewArticle {
        source: "copy.txt",
        ..article
    };
    let Added::Stored(id) = first else {
        unreachable!()
    };
    assert_eq!(
        store.add_article(&copy, &Analysis::default()).unwrap(),
        Added::AlreadyStored(id)
    );
    let redated = NewArticle {
        published: Some(day("2024-06-05")),
        ..article
    };
    assert!(matches!(
        store.add_article(&redated, &Analysis::default()).unwrap(),
        Added::Stored(_)
    ));
    assert_eq!(store.hashes().unwrap().len(), 2);
    assert!(store
        .hashes()
        .unwrap()
        .contains(&content_hash(text, Some(day("2024-06-04")))));
}

#[test]
fn merges_people_by_alias_in_either_order() {
    let (_d, mut store) = corpus();
    // The surname alone first, the full name (with the surname as alias) later.
    add(
        &mut store,
        "a",
        "Okafor spoke.",
        "2024-01-01",
        json!({"entities": [entity("Okafor", "PERSON", &[], 0)]}),
    );
    add(
        &mut store,
        "b",
        "Minister Grace Okafor said ... Okafor added.",
        "2024-01-02",
        json!({"entities": [{"name": "Grace Okafor", "type": "PERSON", "aliases": ["Okafor"], "roles": ["Minister"],
            "mentions": [{"start": 9, "end": 21, "text": "Grace Okafor"}, {"start": 31, "end": 37, "text": "Okafor"}]}]}),
    );
    add(
        &mut store,
        "c",
        "Okafor left.",
        "2024-01-03",
        json!({"entities": [entity("Okafor", "PERSON", &[], 0)]}),
    );
    assert_eq!(store.stats().unwrap().entities, 1);
    let e = found(&store, "grace okafor");
    assert_eq!(e.entity.name, "Grace Okafor", "the fuller name wins");
    assert_eq!((e.articles, e.mentions), (3, 4));
    assert_eq!(found(&store, "Okafor").entity.id, e.entity.id);
    let profile = store.entity(e.entity.id, 10).unwrap().unwrap();
    assert_eq!(
        profile.titles,
        vec![NameCount {
            name: "Minister".into(),
            articles: 1
        }]
    );
    assert_eq!(
        profile.aliases[0],
        NameCount {
            name: "Okafor".into(),
            articles: 3
        }
    );
    assert_eq!(profile.articles.len(), 3);
    assert_eq!(
        profile.articles[0].article.published.as_deref(),
        Some("2024-01-03")
    );
}

#[test]
fn a_shared_surname_is_ambiguous_and_merges_nothing() {
    let (_d, mut store) = corpus();
    add(
        &mut store,
        "a",
        "x",
        "2024-01-01",
        json!({"entities": [entity("Tomas Berg", "PERSON", &["Berg"], 0)]}),
    );
    add(
        &mut store,
        "b",
        "y",
        "2024-01-02",
        json!({"entities": [entity("Ingrid Berg", "PERSON", &["Berg"], 0)]}),
    );
    add(
        &mut store,
        "c",
        "z",
        "2024-01-03",
        json!({"entities": [entity("Berg", "PERSON", &[], 0)]}),
    );
    add(
        &mut store,
        "d",
        "w",
        "2024-01-04",
        json!({"entities": [entity("Berg", "PERSON", &[], 0)]}),
    );
    assert_eq!(
        store.stats().unwrap().entities,
        3,
        "Berg alone is neither of the two"
    );
    let berg = found(&store, "Berg");
    assert_eq!((berg.entity.name.as_str(), berg.articles), ("Berg", 2));
    assert_eq!(found(&store, "Tomas Berg").articles, 1);
    match store.resolve_entity("berg", Some("ORG")).unwrap() {
        EntityMatch::NotFound { suggestions } => assert!(suggestions.is_empty()),
        other => panic!("{other:?}"),
    }
    match store.resolve_entity("Ber", None).unwrap() {
        EntityMatch::NotFound { suggestions } => assert_eq!(suggestions.len(), 3),
        other => panic!("{other:?}"),
    }
}

#[test]
fn places_merge_by_geonames_id_not_by_name() {
    let (_d, mut store) = corpus();
    add(
        &mut store,
        "a",
        "x",
        "2024-01-01",
        json!({"entities": [place("Kyiv", 703448, "UA", "seat", 50.45, 30.52)]}),
    );
    let mut kiev = place("Kiev", 703448, "UA", "seat", 50.45, 30.52);
    kiev["aliases"] = json!(["Kiev"]);
    add(
        &mut store,
        "b",
        "y",
        "2024-01-02",
        json!({"entities": [kiev]}),
    );
    // Two different towns of one name.
    add(
        &mut store,
        "c",
        "z",
        "2024-01-03",
        json!({"entities": [place("Springfield", 4250542, "US", "city", 39.8, -89.64)]}),
    );
    add(
        &mut store,
        "d",
        "w",
        "2024-01-04",
        json!({"entities": [place("Springfield", 4409896, "US", "city", 37.2, -93.3)]}),
    );
    let kyiv = found(&store, "Kiev");
    assert_eq!(
        (kyiv.entity.name.as_str(), kyiv.articles, kyiv.geonames_id),
        ("Kyiv", 2, Some(703448))
    );
    match store.resolve_entity("Springfield", None).unwrap() {
        EntityMatch::Ambiguous { candidates } => assert_eq!(candidates.len(), 2),
        other => panic!("{other:?}"),
    }
}

/// Three reports of one strike, published on three days, with a rising death toll; a strike
/// on another city the same day; the same strike type a week later; and a meeting.
fn strike_corpus(store: &mut Store) {
    let russia = place("Russia", 2017370, "RU", "country", 60.0, 100.0);
    let sumy = place("Sumy", 692194, "UA", "city", 50.92, 34.8);
    let kharkiv = place("Kharkiv", 706483, "UA", "city", 49.98, 36.25);
    let ukraine = place("Ukraine", 690791, "UA", "country", 49.0, 32.0);
    add(
        store,
        "first",
        "Russian missiles struck Sumy on Sunday, killing more than 30 people.",
        "2025-04-13",
        json!({"entities": [russia, sumy],
               "events": [{"type": "attack", "date": "2025-04-13", "actors": ["Russia"], "targets": ["Sumy"], "place": "Sumy",
                           "trigger": {"start": 16, "end": 22, "text": "struck"}, "rule": "verb:strike"}],
               "counts": [{"text": "killing more than 30 people", "kind": "killed", "value": 30, "qualifier": "more than", "start": 40, "end": 67, "event": 0}]}),
    );
    add(
        store,
        "second",
        "The toll from Sunday's strike on Sumy rose to 34, officials said. \"It was a massacre,\" Mayor Lysenko said.",
        "2025-04-14",
        json!({"entities": [russia, sumy, entity("Artem Lysenko", "PERSON", &["Lysenko"], 90)],
               "quotes": [{"text": "It was a massacre,", "start": 67, "end": 85, "speaker": "Artem Lysenko", "cue": {"start": 100, "end": 104, "text": "said"}}],
               "events": [{"type": "attack", "date": "2025-04-13", "actors": ["Russia"], "targets": ["Sumy"], "place": null}],
               "counts": [{"text": "rose to 34", "kind": "killed", "value": 34}]}),
    );
    add(
        store,
        "third",
        "The number of people killed in the attack on Sumy in Ukraine reached 35; 117 were injured.",
        "2025-04-15",
        json!({"entities": [sumy, ukraine],
               "events": [{"type": "attack", "date": "2025-04-12", "actors": [], "targets": [], "place": "Sumy"}],
               "counts": [{"text": "killed ... reached 35", "kind": "killed", "value": 35},
                          {"text": "117 were injured", "kind": "injured", "value": 117}]}),
    );
    add(
        store,
        "kharkiv",
        "Russia also struck Kharkiv on Sunday.",
        "2025-04-13",
        json!({"entities": [russia, kharkiv],
               "events": [{"type": "attack", "date": "2025-04-13", "actors": ["Russia"], "targets": ["Kharkiv"], "place": "Kharkiv"}]}),
    );
    add(
        store,
        "week-later",
        "Russia struck Sumy again.",
        "2025-04-20",
        json!({"entities": [russia, sumy],
               "events": [{"type": "attack", "date": "2025-04-20", "actors": ["Russia"], "targets": ["Sumy"], "place": "Sumy"}]}),
    );
    add(
        store,
        "talks",
        "Lysenko met Russia's envoy in Sumy. Lysenko threatened to sue Russia.",
        "2025-04-14",
        json!({"entities": [russia, sumy, entity("Artem Lysenko", "PERSON", &["Lysenko"], 0)],
               "events": [{"type": "consult", "date": "2025-04-14", "actors": ["Artem Lysenko"], "targets": ["Russia"], "place": "Sumy"}],
               "unrealised_events": [{"type": "threaten", "date": "2025-04-14", "actors": ["Artem Lysenko"], "targets": ["Russia"], "modality": "threatened"}]}),
    );
}

#[test]
fn one_event_from_three_reports_with_its_count_history() {
    let (_d, mut store) = corpus();
    strike_corpus(&mut store);
    let sumy = found(&store, "Sumy").entity.id;
    let attacks = store
        .timeline(&TimelineQuery {
            entity: Some(sumy),
            kind: Some("attack".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(attacks.len(), 2, "{attacks:#?}");
    let strike = &attacks[0];
    assert_eq!(
        strike.date.as_deref(),
        Some("2025-04-13"),
        "two of three sources give the 13th"
    );
    let sources: Vec<&str> = strike
        .sources
        .iter()
        .map(|s| s.article.source.as_str())
        .collect();
    assert_eq!(sources, ["first", "second", "third"]);
    assert_eq!(strike.sources[0].trigger.as_deref(), Some("struck"));
    assert_eq!(
        strike
            .actors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["Russia"]
    );
    assert_eq!(strike.place.as_ref().map(|p| p.name.as_str()), Some("Sumy"));
    let killed = strike.counts.iter().find(|c| c.kind == "killed").unwrap();
    let history: Vec<(u64, Option<&str>)> = killed
        .reports
        .iter()
        .map(|r| (r.value, r.qualifier.as_deref()))
        .collect();
    assert_eq!(history, [(30, Some("more than")), (34, None), (35, None)]);
    assert_eq!((killed.value, killed.max), (35, 35));
    let injured = strike.counts.iter().find(|c| c.kind == "injured").unwrap();
    assert_eq!((injured.value, injured.reports.len()), (117, 1));
    assert_eq!(attacks[1].date.as_deref(), Some("2025-04-20"));
    assert_eq!(attacks[1].sources.len(), 1);

    let all = store.timeline(&TimelineQuery::default()).unwrap();
    assert_eq!(
        all.len(),
        4,
        "strike on Sumy, strike on Kharkiv, the talks, the second strike"
    );
    let kharkiv = all
        .iter()
        .find(|e| e.targets.iter().any(|t| t.name == "Kharkiv"))
        .unwrap();
    assert_eq!(
        kharkiv.sources.len(),
        1,
        "a strike on another city is another event"
    );
}

#[test]
fn timeline_filters_and_unrealised_events() {
    let (_d, mut store) = corpus();
    strike_corpus(&mut store);
    let q = |from: &str, to: &str| TimelineQuery {
        from: Some(day(from)),
        to: Some(day(to)),
        ..Default::default()
    };
    assert_eq!(
        store
            .timeline(&q("2025-04-14", "2025-04-19"))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store
            .timeline(&q("2025-04-01", "2025-04-13"))
            .unwrap()
            .len(),
        2
    );
    let latest = store
        .timeline(&TimelineQuery {
            limit: Some(2),
            latest: true,
            ..Default::default()
        })
        .unwrap();
    let dates: Vec<_> = latest.iter().map(|e| e.date.clone().unwrap()).collect();
    assert_eq!(dates, ["2025-04-14", "2025-04-20"]);
    let lysenko = found(&store, "Lysenko").entity.id;
    let his = store
        .timeline(&TimelineQuery {
            entity: Some(lysenko),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        his.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(),
        ["consult"]
    );
    let with_threats = store
        .timeline(&TimelineQuery {
            entity: Some(lysenko),
            unrealised: true,
            ..Default::default()
        })
        .unwrap();
    let threat = with_threats.iter().find(|e| e.kind == "threaten").unwrap();
    assert_eq!(threat.modality, "threatened");
}

#[test]
fn actor_network_and_entity_profile() {
    let (_d, mut store) = corpus();
    strike_corpus(&mut store);
    let links = store.actors(&ActorsQuery::default()).unwrap();
    let top = &links[0];
    assert_eq!(
        (
            top.actor.name.as_str(),
            top.target.name.as_str(),
            top.kind.as_str()
        ),
        ("Russia", "Sumy", "attack")
    );
    assert_eq!(
        (top.events, top.reports),
        (2, 4),
        "the merged strike (3 reports) and the later one"
    );
    assert!(links.iter().any(|l| l.actor.name == "Artem Lysenko"
        && l.target.name == "Russia"
        && l.kind == "consult"));
    assert!(
        !links.iter().any(|l| l.kind == "threaten"),
        "threats did not happen"
    );
    let only_consult = store
        .actors(&ActorsQuery {
            kind: Some("consult".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(only_consult.len(), 1);
    let kharkiv = found(&store, "Kharkiv").entity.id;
    let around = store
        .actors(&ActorsQuery {
            entity: Some(kharkiv),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(around.len(), 1);
    assert_eq!(around[0].target.name, "Kharkiv");

    let types = store.event_types().unwrap();
    assert_eq!(
        types[0],
        TypeCount {
            kind: "attack".into(),
            events: 3
        }
    );
    assert_eq!(types.len(), 2, "threats did not happen: {types:?}");
    let places = store
        .entities(&EntitiesQuery {
            geocoded: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(places.len(), 4);
    let mut top: Vec<&str> = places[..2].iter().map(|p| p.entity.name.as_str()).collect();
    top.sort();
    assert_eq!(top, ["Russia", "Sumy"], "each in 5 articles");
    let people = store
        .entities(&EntitiesQuery {
            kind: Some("PERSON".into()),
            limit: Some(5),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        people
            .iter()
            .map(|p| p.entity.name.as_str())
            .collect::<Vec<_>>(),
        ["Artem Lysenko"]
    );

    let russia = found(&store, "russia");
    let p = store.entity(russia.entity.id, 10).unwrap().unwrap();
    assert_eq!(p.entity.geonames_id, Some(2017370));
    assert_eq!(p.entity.articles, 5);
    let attack_actor = p
        .event_roles
        .iter()
        .find(|r| r.role == "actor" && r.kind == "attack")
        .unwrap();
    assert_eq!(attack_actor.events, 3);
    assert!(p
        .event_roles
        .iter()
        .any(|r| r.role == "target" && r.kind == "consult"));
    assert_eq!(p.events.len(), 4);
    assert!(store.entity(999_999, 10).unwrap().is_none());
}

#[test]
fn quotes_by_speaker_and_full_text_search() {
    let (_d, mut store) = corpus();
    strike_corpus(&mut store);
    let lysenko = found(&store, "Artem Lysenko");
    let quotes = store
        .quotes(&QuotesQuery {
            speaker: Some(lysenko.entity.id),
            limit: None,
        })
        .unwrap();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].text, "It was a massacre,");
    assert_eq!(
        quotes[0].speaker_entity.as_ref().map(|e| e.id),
        Some(lysenko.entity.id)
    );
    assert_eq!(quotes[0].article.source, "second");
    assert_eq!(store.quotes(&QuotesQuery::default()).unwrap().len(), 1);

    let hits = store
        .search(&SearchQuery {
            text: "kills Sumy".into(),
            ..Default::default()
        })
        .unwrap();
    let mut found: Vec<&str> = hits
        .articles
        .iter()
        .map(|h| h.article.source.as_str())
        .collect();
    found.sort();
    assert_eq!(
        found,
        ["first", "third"],
        "\"kills\" finds \"killing\" and \"killed\""
    );
    let hits = store
        .search(&SearchQuery {
            text: "massacre".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.quotes.len(), 1);
    assert!(
        hits.quotes[0].snippet.contains("[massacre]"),
        "{}",
        hits.quotes[0].snippet
    );
    let hits = store
        .search(&SearchQuery {
            text: "injured".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hits.articles[0].article.source, "third");
    assert!(hits.articles[0].snippet.contains("[injured]"));
    let hits = store
        .search(&SearchQuery {
            text: "\"toll from\" OR envoy".into(),
            raw: true,
            limit: None,
        })
        .unwrap();
    assert_eq!(hits.articles.len(), 2);
    let bad = store
        .search(&SearchQuery {
            text: "\"unclosed".into(),
            raw: true,
            limit: None,
        })
        .unwrap_err();
    assert!(matches!(bad, StoreError::BadSearch { .. }), "{bad}");
    let empty = store
        .search(&SearchQuery {
            text: " ?! ".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(matches!(empty, StoreError::BadSearch { .. }), "{empty}");
}

#[test]
fn exports() {
    let (_d, mut store) = corpus();
    strike_corpus(&mut store);
    let listed = store.articles(2, 1).unwrap();
    assert_eq!(
        listed.iter().map(|a| a.source.as_str()).collect::<Vec<_>>(),
        ["third", "talks"]
    );
    let second = store
        .articles(10, 0)
        .unwrap()
        .into_iter()
        .find(|a| a.source == "second")
        .unwrap();
    let stored = store.article(second.id).unwrap().unwrap();
    assert!(stored.text.starts_with("The toll"));
    assert_eq!(stored.analysis["quotes"][0]["speaker"], "Artem Lysenko");
    assert!(store.article(12345).unwrap().is_none());

    let mut out = Vec::new();
    assert_eq!(store.export_jsonl(&mut out).unwrap(), 6);
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[1]["article"]["source"], "second");
    assert!(lines[1]["article"]["text"]
        .as_str()
        .unwrap()
        .starts_with("The toll"));
    assert_eq!(lines[1]["quotes"][0]["speaker"], "Artem Lysenko");

    let mut out = Vec::new();
    assert_eq!(store.export_csv(CsvTable::Events, &mut out).unwrap(), 5);
    let csv = String::from_utf8(out).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("event_id,date,type,modality,actors,targets,place"));
    let strike = csv.lines().find(|l| l.contains("killed=35")).unwrap();
    assert!(
        strike.contains(",attack,asserted,Russia,Sumy,Sumy,692194,"),
        "{strike}"
    );
    let mut out = Vec::new();
    store.export_csv(CsvTable::Entities, &mut out).unwrap();
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("Artem Lysenko,PERSON"));
    let mut out = Vec::new();
    assert_eq!(store.export_csv(CsvTable::Quotes, &mut out).unwrap(), 1);

    let mut out = Vec::new();
    assert_eq!(store.export_gkg(&mut out).unwrap(), 6);
    let gkg = String::from_utf8(out).unwrap();
    let first: Vec<&str> = gkg.lines().next().unwrap().split('\t').collect();
    assert_eq!(first.len(), 27);
    assert_eq!(first[0], "20250413000000-1");
    assert_eq!(first[1], "20250413000000");
    assert_eq!((first[2], first[3]), ("1", "news.example.org"));
    assert_eq!(first[5], "KILL#30##4#Sumy#UP##50.92#34.8#692194");
    assert_eq!(first[6], "KILL#30##4#Sumy#UP##50.92#34.8#692194#40");
    assert!(first[9].contains("1#Russia#RS##60#100#RS"), "{}", first[9]);
    assert_eq!(first[24], "30,killed,40");
    assert_eq!(first[26], "<PAGE_TITLE>first</PAGE_TITLE>");
    let second: Vec<&str> = gkg.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(second[11], "Artem Lysenko");
    assert_eq!(second[12], "Artem Lysenko,90");
    assert_eq!(second[22], "67|18|said|It was a massacre ");
}

#[test]
fn indexes_follow_the_articles_and_catch_up_after_an_interrupted_writer() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("i.sqlite");
    let search = |store: &Store, text: &str| -> Vec<String> {
        let q = SearchQuery {
            text: text.into(),
            ..Default::default()
        };
        let hits = store.search(&q).unwrap();
        let mut found: Vec<String> = hits
            .articles
            .iter()
            .map(|h| h.article.source.clone())
            .collect();
        found.extend(
            hits.quotes
                .iter()
                .map(|h| format!("quote:{}", h.quote.text)),
        );
        found
    };
    let mut store = Store::open(&path).unwrap();
    let oslo = |start| {
        json!({"entities": [entity("Oslo", "PLACE", &["Christiania"], start)],
                              "quotes": [{"text": "We will meet again", "start": 0, "end": 18}]})
    };
    add_unindexed(
        &mut store,
        "first",
        "Talks stalled in Oslo.",
        "2024-02-02",
        oslo(17),
    );
    add_unindexed(
        &mut store,
        "second",
        "Talks resumed in Oslo.",
        "2024-02-03",
        oslo(17),
    );
    assert_eq!(store.stats().unwrap().articles, 2, "stored and committed");
    assert!(search(&store, "stalled").is_empty(), "not yet searchable");
    assert!(
        matches!(
            store.resolve_entity("Oslo", None).unwrap(),
            EntityMatch::NotFound { .. }
        ),
        "its names are not yet known"
    );

    assert_eq!(store.update_indexes().unwrap(), 2);
    assert_eq!(search(&store, "stalled"), ["first"]);
    assert_eq!(search(&store, "meet").len(), 2, "both quotes");
    let oslo_entity = found(&store, "Oslo");
    assert_eq!((oslo_entity.articles, oslo_entity.mentions), (2, 2));
    assert_eq!(
        found(&store, "Christiania").entity.id,
        oslo_entity.entity.id,
        "the alias is known"
    );
    assert_eq!(store.update_indexes().unwrap(), 0, "nothing left to index");

    // A writer killed before it updated the indexes: the next one to open the corpus does.
    add_unindexed(
        &mut store,
        "third",
        "Talks collapsed in Oslo.",
        "2024-02-04",
        oslo(19),
    );
    drop(store);
    let store = Store::open_existing(&path).unwrap();
    assert_eq!(search(&store, "collapsed"), ["third"]);
    assert_eq!(found(&store, "Oslo").articles, 3);
}
