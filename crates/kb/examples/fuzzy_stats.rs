//! Measures the spelling-variant rules the entity resolver uses: how many GeoNames alternative
//! spellings of one city each accepts (recall) and how many names of two different cities of
//! one country it would wrongly join (false merges). "mentions": both names of five letters or
//! more, at most two edits apart, same phonetic key (used between mentions of an article);
//! "gazetteer": one edit, same first letter, and same phonetic key (used for a place name the
//! gazetteer lacks; a long name one letter off is also taken for a big place).
//!
//! `cargo run --release -p sitrep-kb --example fuzzy_stats -- target/kb-build/tsv/places.tsv`

use sitrep_kb::{edit_distance, normalize, phonetic_key};
use std::collections::HashMap;

fn variant(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    a == b || (a.len() >= 5 && b.len() >= 5 && edit_distance(&a, &b) <= 2 && phonetic_key(&a) == phonetic_key(&b))
}

fn gazetteer_variant(a: &str, b: &str) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    a.len() >= 5
        && edit_distance(&a, &b) <= 1
        && a.chars().next() == b.chars().next()
        && phonetic_key(&a) == phonetic_key(&b)
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/kb-build/tsv/places.tsv".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let (mut pos, mut pos_ok, mut close, mut close_ok) = (0usize, 0usize, 0usize, 0usize);
    let (mut pos_g, mut close_g) = (0usize, 0usize);
    let mut by_country: HashMap<&str, Vec<&str>> = HashMap::new();
    for line in text.lines() {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 10 || c[0] != "city" || c[5].parse::<u64>().unwrap_or(0) < 100_000 {
            continue;
        }
        by_country.entry(c[3]).or_default().push(c[2]);
        for alt in c[9].split('|').filter(|a| !a.is_empty()) {
            let (a, m) = (normalize(alt), normalize(c[2]));
            if a != m && a.len() >= 5 && edit_distance(&a, &m) <= 3 {
                pos += 1;
                pos_ok += usize::from(variant(alt, c[2]));
                pos_g += usize::from(gazetteer_variant(alt, c[2]));
            }
        }
    }
    // Different cities of one country whose names are as close as variants are.
    for names in by_country.values() {
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                let (na, nb) = (normalize(a), normalize(b));
                if na != nb && na.len() >= 5 && nb.len() >= 5 && edit_distance(&na, &nb) <= 2 {
                    close += 1;
                    close_ok += usize::from(variant(a, b));
                    close_g += usize::from(gazetteer_variant(a, b));
                }
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("alternative spellings (1-3 edits) of cities of 100,000+: {pos}");
    println!(
        "  mentions rule accepts {pos_ok} ({:.1}%), gazetteer rule {pos_g} ({:.1}%)",
        pct(pos_ok, pos),
        pct(pos_g, pos)
    );
    println!("pairs of different cities of one country within 2 edits: {close}");
    println!(
        "  mentions rule joins {close_ok} ({:.1}%), gazetteer rule {close_g} ({:.1}%)",
        pct(close_ok, close),
        pct(close_g, close)
    );
}
