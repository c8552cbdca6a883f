use super::*;
use std::io::Cursor;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn page(name: &str) -> String {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn read(bytes: &str, format: Option<Format>) -> Result<Ingested, IngestError> {
    from_bytes(bytes.as_bytes(), "input", format, &Options::default())
}

fn assert_has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "missing {w:?} in:\n{text}");
    }
}

fn assert_lacks(text: &str, unwanted: &[&str]) {
    for u in unwanted {
        assert!(!text.contains(u), "boilerplate {u:?} kept in:\n{text}");
    }
}

#[test]
fn news_page_body_without_navigation_scripts_or_banners() {
    let got = read(&page("news_article.html"), Some(Format::Html)).unwrap();
    let a = &got.article;
    assert!(a.text.starts_with("PORTO ALEGRE, Brazil — A road bridge"), "{}", a.text);
    assert_has(
        &a.text,
        &[
            "killing at least three people and injuring 14",
            "“We heard a noise like thunder and then the whole lane was gone,” said Rafael Moreira",
            "expect long delays for the rest of the week.",
            "Sebastião Melo",
        ],
    );
    assert_lacks(
        &a.text,
        &[
            "cookies",
            "Accept all",
            "Subscribe",
            "Politics",
            "dataLayer",
            "gtag",
            "Most read",
            "newsletter",
            "All rights reserved",
            "Privacy policy",
            "Share on Social",
            "Read more:",
            ".cookie-consent",
            "&mdash;",
        ],
    );
    // Paragraphs stay apart, so sentences do not run into each other.
    assert_eq!(a.text.matches("\n\n").count(), 5);
    assert_eq!(a.title.as_deref(), Some("Bridge collapse in Porto Alegre kills three, injures 14"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://www.dailyledger.example/world/2024/03/12/porto-alegre-bridge-collapse")
    );
    assert_eq!(a.published, Some(day(2024, 3, 12)));
    assert_eq!(a.published_from, Some(DateSource::ArticleMeta));
    assert_eq!(a.format, Format::Html);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
}

#[test]
fn div_page_body_without_sidebars_comments_or_tags() {
    let got = read(&page("div_story.html"), Some(Format::Html)).unwrap();
    let a = &got.article;
    assert_has(
        &a.text,
        &[
            "Several hundred farmers drove tractors onto the A7 motorway",
            "\"We are not asking for favours, we are asking to be able to work,\" said Hélène Bruyère",
            "Union leaders said they would return to the roads next week if the talks failed.",
        ],
    );
    assert_lacks(
        &a.text,
        &[
            "uses cookies",
            "Trending",
            "Rail strike",
            "comments",
            "About time",
            "Tags:",
            "loadAd",
            "weekly digest",
            "Legal notice",
            "_paq",
        ],
    );
    assert_eq!(a.title.as_deref(), Some("Farmers block highway near Lyon over fuel tax"));
    // No <meta> date: JSON-LD inside an @graph comes before the <time> element.
    assert_eq!(a.published, Some(day(2023, 11, 28)));
    assert_eq!(a.published_from, Some(DateSource::JsonLd));
}

#[test]
fn blog_page_falls_back_to_time_element_after_unreadable_meta_date() {
    let got = read(&page("blog_post.html"), Some(Format::Html)).unwrap();
    let a = &got.article;
    assert!(a.text.starts_with("The ferry from Sittwe leaves before dawn"), "{}", a.text);
    assert!(a.text.ends_with("promising all week."), "{}", a.text);
    assert_lacks(
        &a.text,
        &[
            "Menu",
            "Support us",
            "Share this",
            "Previous post",
            "Leave a Reply",
            "Proudly powered",
            "stats.js",
        ],
    );
    assert_eq!(a.published, Some(day(2022, 6, 9)));
    assert_eq!(a.published_from, Some(DateSource::TimeElement));
    assert_eq!(
        got.warnings,
        vec![Warning::UnreadableDate {
            input: "input".into(),
            value: "to be confirmed".into(),
            from: DateSource::ArticleMeta
        }]
    );
}

#[test]
fn html_page_without_text_is_an_error() {
    let html = "<!DOCTYPE html><html><head><title>Loading</title><script>boot()</script></head>\
                <body><nav><a href='/'>Home</a></nav><div id='app'></div></body></html>";
    let err = read(html, None).unwrap_err();
    assert!(matches!(err, IngestError::NoArticleText { .. }), "{err:?}");
    assert_eq!(err.to_string(), "input: no article text found in this HTML page");
}

#[test]
fn a_date_given_by_the_caller_overrides_the_page() {
    let opts = Options { published: Some(day(2024, 3, 13)), ..Options::default() };
    let got = from_bytes(page("news_article.html").as_bytes(), "p.html", Some(Format::Html), &opts)
        .unwrap();
    assert_eq!(got.article.published, Some(day(2024, 3, 13)));
    assert_eq!(got.article.published_from, Some(DateSource::Given));
}

#[test]
fn text_is_kept_exactly_as_read() {
    let text = "GENEVA (Wire) — Talks resumed on Monday.\r\n\r\n  “We are close,” an envoy said.\n";
    let got = read(text, Some(Format::Text)).unwrap();
    assert_eq!(got.article.text, text);
    assert_eq!(got.article.format, Format::Text);
    assert_eq!(got.article.published, None);
    assert_eq!(got.warnings, vec![Warning::NoPublicationDate { input: "input".into() }]);
}

#[test]
fn format_is_sniffed_when_no_extension_says() {
    assert_eq!(read("  {\"text\": \"Rain fell.\"}", None).unwrap().article.format, Format::Json);
    assert_eq!(
        read("<!doctype html><p>Rain fell across the valley all night.</p>", None)
            .unwrap()
            .article
            .format,
        Format::Html
    );
    assert_eq!(read("<3 Rain fell.", None).unwrap().article.format, Format::Text);
    assert_eq!(read("Rain fell.\n", None).unwrap().article.format, Format::Text);
    assert_eq!(format_of_extension(Path::new("a/story.HTM")), Some(Format::Html));
    assert_eq!(format_of_extension(Path::new("story.json")), Some(Format::Json));
    assert_eq!(format_of_extension(Path::new("story.txt")), Some(Format::Text));
    assert_eq!(format_of_extension(Path::new("story")), None);
}

#[test]
fn json_object_fields() {
    let json = r#"{"id": 7, "title": "Dam breach", "url": "https://news.example/dam",
                  "published": "2024-09-02T18:00:00+02:00", "text": "A dam gave way on Sunday."}"#;
    let got = read(json, None).unwrap();
    let a = &got.article;
    assert_eq!(a.text, "A dam gave way on Sunday.");
    assert_eq!(a.title.as_deref(), Some("Dam breach"));
    assert_eq!(a.url.as_deref(), Some("https://news.example/dam"));
    assert_eq!(a.published, Some(day(2024, 9, 2)));
    assert_eq!(a.published_from, Some(DateSource::JsonField));
    assert!(got.warnings.is_empty());
}

#[test]
fn json_after_a_byte_order_mark() {
    let got = read("\u{feff}{\"text\": \"Rain fell.\"}", None).unwrap();
    assert_eq!(got.article.format, Format::Json);
    assert_eq!(got.article.text, "Rain fell.");
}

#[test]
fn json_with_unreadable_date_warns_and_goes_on() {
    let got = read(r#"{"text": "A dam gave way.", "published": "last week", "title": null}"#, None)
        .unwrap();
    assert_eq!(got.article.published, None);
    assert_eq!(got.article.title, None);
    assert_eq!(got.warnings.len(), 2);
    assert_eq!(
        got.warnings[0].to_string(),
        "input: ignoring the publication date \"last week\" in the JSON \"published\" field: not a date"
    );
    assert!(matches!(got.warnings[1], Warning::NoPublicationDate { .. }));
}

#[test]
fn json_that_is_not_an_article() {
    let cases = [
        (r#"{"title": "x"}"#, "input: the JSON object has no \"text\" field"),
        (r#"{"text": 42}"#, "input: the \"text\" field must be a string, not a number"),
        (r#"{"text": "  "}"#, "input: the \"text\" field is empty"),
        (
            r#"{"text": "ok", "url": ["a"]}"#,
            "input: the \"url\" field must be a string, not an array",
        ),
        (r#"["text"]"#, "input: expected a JSON object with a \"text\" field, found an array"),
    ];
    for (json, msg) in cases {
        let err = read(json, Some(Format::Json)).unwrap_err();
        assert_eq!(err.to_string(), msg);
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = read("{\"text\": \"one\",\n \"title\": }", Some(Format::Json)).unwrap_err();
    assert!(matches!(err, IngestError::Json { .. }));
    let msg = err.to_string();
    assert!(msg.starts_with("input: malformed JSON: "), "{msg}");
    assert!(msg.contains("line 2 column 11"), "{msg}");
}

#[test]
fn bytes_that_are_not_text() {
    let o = Options::default();
    let err = from_bytes(b"", "e.txt", None, &o).unwrap_err();
    assert_eq!(err.to_string(), "e.txt: is empty");
    assert!(matches!(from_bytes(b" \n\t\n", "e.txt", None, &o), Err(IngestError::Empty { .. })));
    let err = from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "img.txt", None, &o).unwrap_err();
    assert!(matches!(err, IngestError::Binary { .. }), "{err:?}");
    let err = from_bytes(b"Line one.\nCaf\xe9 au lait.\n", "latin1.txt", None, &o).unwrap_err();
    assert!(matches!(err, IngestError::InvalidUtf8 { line: 2, offset: 13, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "latin1.txt: is not valid UTF-8 (first bad byte on line 2, at byte offset 13); convert it to UTF-8 first"
    );
    let small = Options { max_bytes: 8, ..o };
    let err = from_bytes(b"Rain fell all night.", "big.txt", None, &small).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { size: 20, limit: 8, .. }), "{err:?}");
}

#[test]
fn paths_that_cannot_be_read() {
    let dir = std::env::temp_dir();
    let o = Options::default();
    let missing = dir.join("sitrep-ingest-no-such-file.txt");
    let err = read_path(&missing, &o).unwrap_err();
    assert_eq!(err.to_string(), format!("{}: no such file", missing.display()));
    let err = read_path(&dir, &o).unwrap_err();
    assert!(matches!(err, IngestError::IsDirectory { .. }), "{err:?}");
}

#[test]
fn size_limit_stops_reading_early() {
    let err = read_limited(Cursor::new(vec![b'a'; 100]), "-", 10).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { size: 11, limit: 10, .. }), "{err:?}");
    assert_eq!(read_limited(Cursor::new(vec![b'a'; 10]), "-", 10).unwrap().len(), 10);
}

#[test]
fn jsonl_reports_bad_lines_and_goes_on() {
    let input = concat!(
        "{\"text\": \"Floods hit the north.\", \"published\": \"2024-05-01\"}\n",
        "{\"text\": \"unterminated\n",
        "\n",
        "{\"text\": \"Quake shakes the coast.\"}\r\n",
        "[1, 2]\n",
        "{\"text\": \"Last line, no newline.\"}",
    );
    let results: Vec<_> =
        read_jsonl(Cursor::new(input), "news.jsonl", &Options::default()).collect();
    assert_eq!(results.len(), 5);
    let ok = results[0].as_ref().unwrap();
    assert_eq!(ok.article.source, "news.jsonl:1");
    assert_eq!(ok.article.published, Some(day(2024, 5, 1)));
    let err = results[1].as_ref().unwrap_err().to_string();
    assert!(err.starts_with("news.jsonl:2: malformed JSON: "), "{err}");
    let quake = results[2].as_ref().unwrap();
    assert_eq!(quake.article.source, "news.jsonl:4");
    assert_eq!(quake.article.text, "Quake shakes the coast.");
    assert_eq!(
        results[3].as_ref().unwrap_err().to_string(),
        "news.jsonl:5: expected a JSON object with a \"text\" field, found an array"
    );
    assert_eq!(results[4].as_ref().unwrap().article.source, "news.jsonl:6");
}

#[test]
fn jsonl_skips_an_over_long_line_and_reads_the_next() {
    let long = format!("{{\"text\": \"{}\"}}\n", "x".repeat(200));
    let input = format!("{long}{{\"text\": \"short\"}}\n");
    let opts = Options { max_bytes: 64, ..Options::default() };
    let results: Vec<_> = read_jsonl(Cursor::new(input), "big.jsonl", &opts).collect();
    assert_eq!(results.len(), 2);
    let err = results[0].as_ref().unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { size: 213, limit: 64, .. }), "{err:?}");
    assert!(err.to_string().starts_with("big.jsonl:1: too large"));
    assert_eq!(results[1].as_ref().unwrap().article.text, "short");
}

#[test]
fn jsonl_lines_are_json_even_when_they_look_like_html() {
    let results: Vec<_> =
        read_jsonl(Cursor::new("<html><p>Hello</p></html>\n"), "x.jsonl", &Options::default())
            .collect();
    assert!(matches!(results[0], Err(IngestError::Json { .. })));
}
