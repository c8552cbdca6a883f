//! The Rust pipeline reproduces Python spaCy's output byte for byte on news text, with no
//! Python: the fixtures hold spaCy's `json.dumps(doc.to_json(), ensure_ascii=False)` per
//! document (see `tests/fixtures/README.md`).

use sitrep_nlp::pipeline::{Components, Pipeline};
use sitrep_nlp::Doc;

const FULL: [(&str, &str); 3] = [
    (
        "lee_full_a.jsonl",
        include_str!("fixtures/lee_full_a.jsonl"),
    ),
    (
        "lee_full_b.jsonl",
        include_str!("fixtures/lee_full_b.jsonl"),
    ),
    (
        "news_edge_full.jsonl",
        include_str!("fixtures/news_edge_full.jsonl"),
    ),
];
const NER: [(&str, &str); 2] = [
    ("lee_ner.jsonl", include_str!("fixtures/lee_ner.jsonl")),
    (
        "news_edge_ner.jsonl",
        include_str!("fixtures/news_edge_ner.jsonl"),
    ),
];

/// Runs every fixture document through the pipeline; returns a description of each mismatch.
fn mismatches(fixtures: &[(&str, &str)], components: Components) -> Vec<String> {
    let nlp = Pipeline::load().expect("embedded pipeline loads");
    let mut out = Vec::new();
    for (file, lines) in fixtures {
        for (k, expected) in lines.lines().enumerate() {
            let want =
                Doc::from_spacy_json(expected).unwrap_or_else(|e| panic!("{file}:{}: {e}", k + 1));
            let got = nlp.process_with(&want.text, components);
            let json = got.to_spacy_json();
            if json != expected {
                out.push(format!(
                    "{file}:{}: {}",
                    k + 1,
                    first_difference(&want, &got, expected, &json)
                ));
            }
        }
    }
    out
}

/// Names the first token or span where two documents over the same text differ.
fn first_difference(want: &Doc, got: &Doc, want_json: &str, got_json: &str) -> String {
    for (i, (a, b)) in want.tokens.iter().zip(&got.tokens).enumerate() {
        if a != b {
            return format!(
                "token {i} {:?}: spaCy {a:?}, Rust {b:?}",
                want.token_text(i)
            );
        }
    }
    if want.tokens.len() != got.tokens.len() {
        return format!(
            "{} tokens from spaCy, {} from Rust",
            want.tokens.len(),
            got.tokens.len()
        );
    }
    if want.ents != got.ents {
        return format!("entities: spaCy {:?}, Rust {:?}", want.ents, got.ents);
    }
    if want.sents != got.sents {
        return format!("sentences: spaCy {:?}, Rust {:?}", want.sents, got.sents);
    }
    let at = want_json
        .bytes()
        .zip(got_json.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    format!(
        "JSON differs at byte {at}: {:?}",
        &got_json[at.saturating_sub(40)..(at + 40).min(got_json.len())]
    )
}

#[test]
fn full_pipeline_matches_spacy() {
    let bad = mismatches(&FULL, Components::All);
    assert!(
        bad.is_empty(),
        "{} documents differ:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn ner_only_matches_spacy_with_only_the_ner_enabled() {
    let bad = mismatches(&NER, Components::Ner);
    assert!(
        bad.is_empty(),
        "{} documents differ:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
