//! `sitrep analyze` as a user runs it: the built binary on real files, good and bad.

mod common;

use common::{s, sitrep, Run};
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

fn analyze(args: &[&str]) -> Run {
    sitrep(&[&["analyze"], args].concat(), None)
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const STORY: &str =
    "Storm Kirra made landfall near Townsville on Saturday, cutting power to 40,000 homes.\n\
\"It was the worst night of my life,\" said a resident of the suburb of Kirwan.\n";

/// Checks the shape of the contract in shared/eval/README.md.
fn assert_contract(v: &Value) {
    for layer in ["entities", "times", "quotes", "counts", "events"] {
        assert!(v[layer].is_array(), "{layer} is not a list in {v}");
    }
    for e in v["entities"].as_array().unwrap() {
        assert!(e["name"].is_string() && e["type"].is_string() && e["aliases"].is_array(), "{e}");
        for m in e["mentions"].as_array().unwrap() {
            assert!(m["start"].as_u64() <= m["end"].as_u64() && m["text"].is_string(), "{m}");
        }
    }
}

// ---- good inputs ----

#[test]
fn text_file_report() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "storm.txt", STORY.as_bytes());
    let run = analyze(&["--published", "2024-02-11", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!("sitrep report: {}\n", s(&path))), "{}", run.stdout);
    assert!(
        run.stdout.contains("  text       164 characters on 2 lines (plain text)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  published  2024-02-11 (given on the command line)"));
    for section in ["People", "Organisations", "Places", "Timeline", "Quotes", "Counts", "Events"] {
        assert!(run.stdout.contains(&format!("\n{section} (")), "no {section} in {}", run.stdout);
    }
    assert_eq!(run.stderr, "");
}

#[test]
fn text_file_json_is_the_contract() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "storm.txt", STORY.as_bytes());
    let run = analyze(&["--json", "--published", "2024-02-11", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("one JSON object");
    assert_contract(&v);
    assert_eq!(v["article"]["source"], s(&path));
    assert_eq!(v["article"]["format"], "text");
    assert_eq!(v["article"]["published"], "2024-02-11");
    // The text of a text input is the input itself: it is not repeated.
    assert!(v["article"].get("text").is_none());
}

#[test]
fn missing_date_warns_on_stderr_and_still_analyses() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "storm", STORY.as_bytes());
    let run = analyze(&["--json", s(&path)]);
    assert_eq!(run.code, 0);
    assert_contract(&serde_json::from_str(&run.stdout).unwrap());
    assert!(run.stderr.contains("no publication date found, so relative dates"), "{}", run.stderr);
    assert!(run.stderr.contains("--published YYYY-MM-DD"), "{}", run.stderr);
}

#[test]
fn html_page_body_and_date() {
    let dir = TempDir::new().unwrap();
    let html = r#"<!DOCTYPE html><html><head><title>Ferry sinks off Lombok | Island Post</title>
<meta property="og:title" content="Ferry sinks off Lombok">
<meta property="article:published_time" content="2023-07-19T06:00:00+08:00">
<script>trackPage('ferry')</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry sinks off Lombok</h1>
<p>A passenger ferry sank in rough seas off the island of Lombok on Tuesday night, and rescuers pulled 38 people from the water, the search and rescue agency said.</p>
<p>Six passengers were still missing on Wednesday morning, and navy ships joined the search at first light.</p>
<p>The ferry had left the port of Lembar in the afternoon with more passengers than its permit allowed, officials said.</p>
</article><footer>Copyright Island Post. All rights reserved.</footer></body></html>"#;
    let path = write(&dir, "ferry.html", html.as_bytes());
    let run = analyze(&["--json", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_contract(&v);
    assert_eq!(v["article"]["format"], "html");
    assert_eq!(v["article"]["title"], "Ferry sinks off Lombok");
    assert_eq!(v["article"]["published"], "2023-07-19");
    let text = v["article"]["text"].as_str().unwrap();
    assert!(text.starts_with("A passenger ferry sank"), "{text}");
    assert!(text.contains("navy ships joined the search"));
    for junk in ["Home", "Sport", "trackPage", "All rights reserved"] {
        assert!(!text.contains(junk), "{junk:?} in {text}");
    }
    assert_eq!(run.stderr, "");
    let report = analyze(&[s(&path)]);
    assert!(
        report
            .stdout
            .contains("published  2023-07-19 (<meta property=\"article:published_time\">)"),
        "{}",
        report.stdout
    );
    assert!(report.stdout.contains("HTML; the article body extracted from the page"));
}

#[test]
fn json_article_and_date_override() {
    let dir = TempDir::new().unwrap();
    let json = r#"{"title": "Storm Kirra", "url": "https://news.example/kirra", "published": "2024-02-10", "text": "Storm Kirra made landfall on Saturday."}"#;
    let path = write(&dir, "kirra.json", json.as_bytes());
    let run = analyze(&["--json", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["article"]["published"], "2024-02-10");
    assert_eq!(v["article"]["title"], "Storm Kirra");
    assert_eq!(v["article"]["url"], "https://news.example/kirra");
    assert_eq!(run.stderr, "");
    let run = analyze(&["--json", "--published", "2024-02-12", s(&path)]);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["article"]["published"], "2024-02-12");
}

#[test]
fn stdin_text_and_json() {
    let run =
        sitrep(&["analyze", "--json", "--published", "2024-02-11", "-"], Some(STORY.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_contract(&v);
    assert_eq!(v["article"]["source"], "-");
    assert_eq!(v["article"]["format"], "text");
    let run = sitrep(
        &["analyze", "--json", "-"],
        Some(br#"{"text": "Rain.", "published": "2024-01-02"}"#),
    );
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["article"]["format"], "json");
    assert_eq!(v["article"]["published"], "2024-01-02");
}

#[test]
fn jsonl_one_result_per_line_and_bad_lines_reported() {
    let dir = TempDir::new().unwrap();
    let lines = concat!(
        "{\"text\": \"Floods hit the north on Monday.\", \"published\": \"2024-05-01\"}\n",
        "{\"text\": \"broken\"\n",
        "\n",
        "{\"text\": \"A quake shook the coast.\", \"published\": \"2024-05-02\"}\n",
    );
    let path = write(&dir, "news.jsonl", lines.as_bytes());
    let run = analyze(&["--json", "--jsonl", s(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    assert_eq!(out.len(), 2);
    out.iter().for_each(assert_contract);
    assert_eq!(out[0]["article"]["source"], format!("{}:1", s(&path)));
    assert_eq!(out[1]["article"]["source"], format!("{}:4", s(&path)));
    assert_eq!(out[1]["article"]["published"], "2024-05-02");
    assert!(
        run.stderr.contains(&format!("sitrep: error: {}:2: malformed JSON: ", s(&path))),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("analysed 2 articles; skipped 1 bad lines"), "{}", run.stderr);

    let report = analyze(&["--jsonl", s(&path)]);
    assert_eq!(report.code, 0);
    assert_eq!(report.stdout.matches("sitrep report: ").count(), 2);
}

#[test]
fn jsonl_from_stdin() {
    let input = b"{\"text\": \"One.\", \"published\": \"2024-05-01\"}\n{\"text\": \"Two.\", \"published\": \"2024-05-01\"}\n";
    let run = sitrep(&["analyze", "--json", "--jsonl", "-"], Some(input));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sources: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["article"]["source"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(sources, ["-:1", "-:2"]);
}

// ---- bad inputs: a clear message naming the input, a non-zero exit, nothing on stdout ----

fn assert_fails(run: &Run, code: i32, message: &str) {
    assert_eq!(run.code, code, "stderr: {}", run.stderr);
    assert!(run.stderr.contains(message), "expected {message:?} in stderr: {}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn missing_path() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("nowhere.txt");
    assert_fails(&analyze(&[s(&path)]), 1, &format!("sitrep: error: {}: no such file", s(&path)));
    assert_fails(&analyze(&["--jsonl", s(&path)]), 1, &format!("{}: no such file", s(&path)));
}

#[test]
fn directory() {
    let dir = TempDir::new().unwrap();
    assert_fails(&analyze(&[s(dir.path())]), 1, &format!("{}: is a directory", s(dir.path())));
    assert_fails(&analyze(&["--jsonl", s(dir.path())]), 1, "is a directory");
}

#[test]
fn empty_file() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "empty.txt", b"");
    assert_fails(&analyze(&[s(&path)]), 1, &format!("{}: is empty", s(&path)));
    let blank = write(&dir, "blank.txt", b"\n  \n\t\n");
    assert_fails(&analyze(&[s(&blank)]), 1, "is empty");
    let jsonl = write(&dir, "empty.jsonl", b"\n\n");
    assert_fails(&analyze(&["--jsonl", s(&jsonl)]), 1, "empty.jsonl: is empty");
}

#[test]
fn binary_file() {
    let dir = TempDir::new().unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    let path = write(&dir, "photo.txt", png);
    assert_fails(&analyze(&[s(&path)]), 1, &format!("{}: looks like a binary file", s(&path)));
    // UTF-16 text has NUL bytes too.
    let utf16: Vec<u8> = "Rain fell.".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let path = write(&dir, "utf16.txt", &utf16);
    assert_fails(&analyze(&[s(&path)]), 1, "looks like a binary file");
}

#[test]
fn invalid_utf8() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "latin1.txt", b"Talks in Z\xfcrich ended.\n");
    assert_fails(
        &analyze(&[s(&path)]),
        1,
        &format!("{}: is not valid UTF-8 (first bad byte on line 1", s(&path)),
    );
}

#[test]
fn file_above_size_limit() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "storm.txt", STORY.as_bytes());
    let run = analyze(&["--max-bytes", "100", s(&path)]);
    assert_fails(&run, 1, &format!("{}: too large", s(&path)));
    let told = "too large (164 bytes; the limit is 100 bytes); raise the limit with --max-bytes";
    assert!(run.stderr.contains(told), "{}", run.stderr);
    assert_eq!(analyze(&["--max-bytes", "1K", s(&path)]).code, 0);
    let run = sitrep(&["analyze", "--max-bytes", "10", "-"], Some(STORY.as_bytes()));
    assert_fails(&run, 1, "-: too large");
}

#[test]
fn unparsable_published() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "storm.txt", STORY.as_bytes());
    let run = analyze(&["--published", "15/05/2025", s(&path)]);
    assert_fails(&run, 2, "--published");
    assert!(
        run.stderr.contains("\"15/05/2025\" is not a date of the form YYYY-MM-DD"),
        "{}",
        run.stderr
    );
    let run = analyze(&["--published", "2025-02-30", s(&path)]);
    assert_fails(&run, 2, "\"2025-02-30\" is not a day of the calendar");
}

#[test]
fn bad_max_bytes() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "storm.txt", STORY.as_bytes());
    assert_fails(&analyze(&["--max-bytes", "lots", s(&path)]), 2, "\"lots\" is not a size");
    assert_fails(&analyze(&["--max-bytes", "0", s(&path)]), 2, "at least 1 byte");
}

#[test]
fn malformed_json() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "a.json", b"{\"text\": \"Rain fell.\",\n \"title\": }\n");
    assert_fails(
        &analyze(&[s(&path)]),
        1,
        &format!("{}: malformed JSON: expected value at line 2", s(&path)),
    );
    let path = write(&dir, "b.json", b"{\"headline\": \"Rain\"}");
    assert_fails(&analyze(&[s(&path)]), 1, "the JSON object has no \"text\" field");
}

#[test]
fn jsonl_given_as_file_gets_a_hint() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "news.jsonl", b"{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n");
    let told = format!(
        "{0}: malformed JSON: trailing characters at line 2 column 1 (for one article per line, use --jsonl {0})",
        s(&path)
    );
    assert_fails(&analyze(&[s(&path)]), 1, &told);
}

#[test]
fn jsonl_with_no_good_line_fails() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "bad.jsonl", b"not json\n{\"title\": \"no text\"}\n");
    let run = analyze(&["--json", "--jsonl", s(&path)]);
    assert_fails(&run, 1, &format!("{}:1: malformed JSON", s(&path)));
    assert!(run.stderr.contains(&format!("{}:2: the JSON object has no \"text\" field", s(&path))));
    assert!(run.stderr.contains("none of its 2 articles could be read"), "{}", run.stderr);
}

#[test]
fn html_without_article_text() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "app.html",
        b"<html><head><script>boot()</script></head><body><div id=app></div></body></html>",
    );
    assert_fails(&analyze(&[s(&path)]), 1, "no article text found in this HTML page");
}

#[test]
fn usage_errors() {
    assert_fails(&analyze(&[]), 2, "required");
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "storm.txt", STORY.as_bytes());
    assert_fails(&analyze(&[s(&path), "--jsonl", s(&path)]), 2, "cannot be used with");
}
