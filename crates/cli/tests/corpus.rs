//! The corpus commands as a user runs them: `sitrep ingest` on folders and JSONL with bad
//! inputs among them, re-runs, an ingest killed half-way, and the queries and exports.

mod common;

use common::{s, sitrep};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn write(path: PathBuf, bytes: &[u8]) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Short news items of our own, one JSON object per line, each on its own day.
fn news_lines(n: usize) -> String {
    let places = [
        "Tula", "Mopti", "Arequipa", "Kandy", "Tromso", "Cebu", "Oruro", "Sfax",
    ];
    (0..n)
        .map(|i| {
            let place = places[i % places.len()];
            let text = format!(
                "Floodwater rose in {place} on Monday after {} days of rain, the regional governor said. \
                 Item {i}: about {} families left their homes.",
                i % 9 + 2,
                i * 10 + 30
            );
            let day = 1 + i % 28;
            serde_json::json!({"text": text, "title": format!("Floods in {place} ({i})"),
                               "published": format!("2024-02-{day:02}"), "url": format!("https://news.example.org/{i}")})
                .to_string()
                + "\n"
        })
        .collect()
}

fn count_articles(db: &Path) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn ingest_folders_and_jsonl_skipping_bad_inputs_then_rerun() {
    let dir = TempDir::new().unwrap();
    let arts = dir.path().join("articles");
    write(
        arts.join("storm.txt"),
        b"A storm cut power to 40,000 homes in Townsville on Saturday.\n",
    );
    write(
        arts.join("deep/talks.json"),
        br#"{"text": "Negotiators met in Geneva on Tuesday to discuss a ceasefire.", "title": "Talks in Geneva", "published": "2024-05-07"}"#,
    );
    write(
        arts.join("deep/latin1.txt"),
        b"Caf\xe9 owners protested in Lyon.\n",
    );
    write(arts.join("empty.txt"), b"  \n");
    write(
        arts.join("notes.md"),
        b"not an article: folders take known extensions only\n",
    );
    write(arts.join(".hidden.txt"), b"A hidden file is not read.\n");
    let lines = news_lines(3) + "{\"text\": \"unterminated\n" + &news_lines(1);
    let jsonl = write(dir.path().join("feed.jsonl"), lines.as_bytes());
    let db = dir.path().join("corpus.sqlite");
    let missing = dir.path().join("missing.txt");

    let run = sitrep(
        &["ingest", s(&arts), s(&jsonl), s(&missing), "--db", s(&db)],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for bad in [
        "latin1.txt: is not valid UTF-8",
        "empty.txt: is empty",
        "feed.jsonl:4: malformed JSON",
        "missing.txt: no such file",
    ] {
        assert!(
            run.stderr.contains(bad),
            "{bad:?} not reported in:\n{}",
            run.stderr
        );
    }
    // storm, talks, three feed lines; the fifth line repeats the first one (same text and date).
    assert!(
        run.stderr
            .contains("stored 5 new articles, skipped 1 already stored, 4 bad"),
        "{}",
        run.stderr
    );
    assert_eq!(count_articles(&db), 5);

    let again = sitrep(
        &["ingest", s(&arts), s(&jsonl), "--db", s(&db), "--quiet"],
        None,
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("stored 0 new articles, skipped 6 already stored"),
        "{}",
        again.stderr
    );
    assert_eq!(count_articles(&db), 5);

    let search = sitrep(&["search", "ceasefire", "--db", s(&db), "--json"], None);
    assert_eq!(search.code, 0, "{}", search.stderr);
    let hits: Value = serde_json::from_str(&search.stdout).unwrap();
    assert_eq!(hits["articles"].as_array().unwrap().len(), 1);
    assert_eq!(hits["articles"][0]["article"]["title"], "Talks in Geneva");
    assert!(hits["articles"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("[ceasefire]"));
    let text = sitrep(&["search", "flood", "water", "--db", s(&db)], None);
    assert!(
        text.stdout.starts_with("Articles (0)"),
        "stems: flood is not floodwater\n{}",
        text.stdout
    );
    let raw = sitrep(
        &[
            "search",
            "floodwater NOT Tula",
            "--raw",
            "--db",
            s(&db),
            "--json",
        ],
        None,
    );
    let hits: Value = serde_json::from_str(&raw.stdout).unwrap();
    assert_eq!(
        hits["articles"].as_array().unwrap().len(),
        2,
        "{}",
        raw.stdout
    );
    let bad = sitrep(&["search", "\"unclosed", "--raw", "--db", s(&db)], None);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("cannot search for"), "{}", bad.stderr);

    let timeline = sitrep(
        &[
            "timeline",
            "--db",
            s(&db),
            "--json",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
        ],
        None,
    );
    assert_eq!(timeline.code, 0, "{}", timeline.stderr);
    assert!(serde_json::from_str::<Value>(&timeline.stdout)
        .unwrap()
        .is_array());
    let reversed = sitrep(
        &[
            "timeline",
            "--db",
            s(&db),
            "--from",
            "2024-02-01",
            "--to",
            "2024-01-01",
        ],
        None,
    );
    assert_eq!(reversed.code, 1);
    assert!(
        reversed.stderr.contains("is after --to"),
        "{}",
        reversed.stderr
    );
    for cmd in [&["actors", "--json"][..], &["quotes", "--json"]] {
        let run = sitrep(&[cmd, &["--db", s(&db)]].concat(), None);
        assert_eq!(run.code, 0, "{cmd:?}: {}", run.stderr);
        assert!(serde_json::from_str::<Value>(&run.stdout)
            .unwrap()
            .is_array());
    }
    let nobody = sitrep(&["entity", "Nobody Atall", "--db", s(&db)], None);
    assert_eq!(nobody.code, 1);
    assert!(
        nobody.stderr.contains("no entity named \"Nobody Atall\""),
        "{}",
        nobody.stderr
    );
}

#[test]
fn exports_every_article() {
    let dir = TempDir::new().unwrap();
    let jsonl = write(dir.path().join("feed.jsonl"), news_lines(4).as_bytes());
    let db = dir.path().join("c.sqlite");
    assert_eq!(
        sitrep(&["ingest", s(&jsonl), "--db", s(&db), "-j", "2"], None).code,
        0
    );

    let run = sitrep(&["export", "--format", "jsonl", "--db", s(&db)], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let mut sources: Vec<&str> = lines
        .iter()
        .map(|l| l["article"]["source"].as_str().unwrap())
        .collect();
    sources.sort();
    assert_eq!(sources[0], format!("{}:1", s(&jsonl)));
    assert!(lines
        .iter()
        .all(|l| l["entities"].is_array() && l["article"]["text"].is_string()));

    let gkg = sitrep(&["export", "--format", "gkg", "--db", s(&db)], None);
    assert_eq!(gkg.stdout.lines().count(), 4);
    for line in gkg.stdout.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 27, "{line}");
        assert!(
            fields[1].starts_with("202402") && fields[1].ends_with("000000"),
            "{line}"
        );
        assert_eq!(fields[3], "news.example.org");
        assert!(fields[26].starts_with("<PAGE_TITLE>Floods in "), "{line}");
    }

    let out = dir.path().join("entities.csv");
    let csv = sitrep(
        &[
            "export",
            "--format",
            "csv",
            "--table",
            "entities",
            "--db",
            s(&db),
            "-o",
            s(&out),
        ],
        None,
    );
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("entity_id,name,type,geonames_id,lat,lon,"),
        "{written}"
    );
    let events = sitrep(&["export", "--format", "csv", "--db", s(&db)], None);
    assert!(
        events.stdout.starts_with("event_id,date,type,"),
        "{}",
        events.stdout
    );
}

#[test]
fn refuses_a_file_that_is_not_a_corpus_and_never_creates_one_for_a_query() {
    let dir = TempDir::new().unwrap();
    let article = write(dir.path().join("a.txt"), b"Rain fell on Lima on Sunday.\n");
    let notes = write(
        dir.path().join("notes.txt"),
        &b"my notes, not a database\n".repeat(100),
    );
    let run = sitrep(&["ingest", s(&article), "--db", s(&notes)], None);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("notes.txt: is not a sitrep corpus (not an SQLite database)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&notes).unwrap(),
        b"my notes, not a database\n".repeat(100)
    );

    let missing = dir.path().join("none.sqlite");
    for cmd in ["timeline", "actors", "quotes"] {
        let run = sitrep(&[cmd, "--db", s(&missing)], None);
        assert_eq!(run.code, 1);
        assert!(
            run.stderr.contains("none.sqlite: no such corpus"),
            "{cmd}: {}",
            run.stderr
        );
    }
    let run = sitrep(&["search", "rain", "--db", s(&missing)], None);
    assert_eq!(run.code, 1);
    assert!(!missing.exists());
    assert_eq!(
        sitrep(
            &[
                "ingest",
                s(&dir.path().join("nothing")),
                "--db",
                s(&missing)
            ],
            None
        )
        .code,
        1
    );
}

/// An ingest killed half-way keeps what it committed, and running it again finishes the job.
#[test]
fn killed_ingest_loses_nothing_and_a_rerun_finishes() {
    let dir = TempDir::new().unwrap();
    let total = 30;
    let jsonl = write(dir.path().join("feed.jsonl"), news_lines(total).as_bytes());
    let db = dir.path().join("c.sqlite");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["ingest", s(&jsonl), "--db", s(&db), "-j", "1"])
        .env("SITREP_INGEST_PAUSE_MS", "100")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while (!db.exists() || count_articles(&db) < 3) && started.elapsed() < Duration::from_secs(120)
    {
        sleep(Duration::from_millis(20));
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "the ingest finished before it could be killed"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let kept = count_articles(&db);
    assert!((3..total as i64).contains(&kept), "kept {kept} of {total}");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    // The first query after the kill brings the search index up to every stored article.
    let search = sitrep(
        &[
            "search",
            "--json",
            "--limit",
            "100",
            "--db",
            s(&db),
            "floodwater",
        ],
        None,
    );
    assert_eq!(search.code, 0, "{}", search.stderr);
    let hits: Value = serde_json::from_str(&search.stdout).unwrap();
    assert_eq!(hits["articles"].as_array().unwrap().len() as i64, kept);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
    drop(conn);

    let rerun = sitrep(&["ingest", s(&jsonl), "--db", s(&db)], None);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    let expected = format!(
        "stored {} new articles, skipped {kept} already stored",
        total as i64 - kept
    );
    assert!(
        rerun.stderr.contains(&expected),
        "{expected:?} not in {}",
        rerun.stderr
    );
    assert_eq!(count_articles(&db), total as i64);
    let export = sitrep(&["export", "--format", "jsonl", "--db", s(&db)], None);
    let mut sources: Vec<String> = export
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["article"]["source"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    sources.sort();
    sources.dedup();
    assert_eq!(sources.len(), total, "every line stored exactly once");
}

/// `-` reads JSON Lines from standard input, once, beside files.
#[test]
fn ingests_a_feed_piped_to_standard_input() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("c.sqlite");
    let run = sitrep(
        &["ingest", "-", "-", "--db", s(&db)],
        Some(news_lines(4).as_bytes()),
    );
    let stderr = run.stderr;
    assert_eq!(run.code, 0, "{stderr}");
    assert!(
        stderr.contains("-: standard input can be read only once"),
        "{stderr}"
    );
    assert!(stderr.contains("stored 4 new articles"), "{stderr}");
    assert_eq!(count_articles(&db), 4);
    let search = sitrep(&["search", "--json", "--db", s(&db), "floodwater"], None);
    let hits: Value = serde_json::from_str(&search.stdout).unwrap();
    assert_eq!(hits["articles"].as_array().unwrap().len(), 4);
}
