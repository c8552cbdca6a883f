//! Counts on sentences written in the style of news reports, one test per pattern family.

mod support;

use sitrep_extract::counts::extract_counts;

/// (kind, value) pairs found in `text`.
fn counts(text: &str) -> Vec<(String, u64)> {
    extract_counts(&support::parse(text)).into_iter().map(|c| (c.kind, c.value)).collect()
}

fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn participle_after_a_bare_number() {
    assert_eq!(
        counts("Officials said 40 people have been found dead and another 300 injured."),
        pairs(&[("killed", 40), ("injured", 300)])
    );
}
