//! `sitrep serve` as a user runs it: the built binary on a corpus made with `sitrep ingest`,
//! spoken to over a real socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

/// Kills the server when the test ends, whatever happens.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends one HTTP/1.1 request and returns the status code and body.
fn request(addr: &str, head: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        stream,
        "{head} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn ingest(dir: &Path) -> std::path::PathBuf {
    let article = dir.join("storm.txt");
    std::fs::write(
        &article,
        "A storm cut power to 3,000 homes in Galway on Sunday, officials said.\n",
    )
    .unwrap();
    let db = dir.join("corpus.sqlite");
    let out = sitrep()
        .args(["ingest", "--published", "2025-01-14", "--db"])
        .arg(&db)
        .arg(&article)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

#[test]
fn serves_the_corpus_and_analyses_posted_articles() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path());
    let child = sitrep()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut first = String::new();
    BufReader::new(server.0.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let addr = first.trim().strip_prefix("http://").unwrap().trim_end_matches('/').to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{first}");

    let (status, body) = request(&addr, "GET /api/stats", "");
    assert_eq!(status, 200, "{body}");
    let stats: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stats["articles"], 1);

    let (status, page) = request(&addr, "GET /", "");
    assert_eq!(status, 200);
    assert!(page.contains("<title>sitrep</title>"));

    // The real pipeline resolves "on Friday" against the date given.
    let (status, body) =
        request(&addr, "POST /api/analyze?published=2025-06-09", "Floods hit Porto on Friday.");
    assert_eq!(status, 200, "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["article"]["text"], "Floods hit Porto on Friday.");
    let friday = doc["times"].as_array().unwrap().iter().find(|t| t["text"] == "Friday").unwrap();
    assert_eq!(friday["value"], "2025-06-06");
}

#[test]
fn a_missing_corpus_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nothing.sqlite");
    let out = sitrep().args(["serve", "--addr", "127.0.0.1:0", "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing.sqlite") && err.contains("no such corpus"), "{err}");
    assert!(!db.exists(), "serve must not create a corpus");
}

#[test]
fn a_bad_address_is_a_usage_error() {
    let out = sitrep().args(["serve", "--db", "x.sqlite", "--addr", "localhost"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--addr"));
}
