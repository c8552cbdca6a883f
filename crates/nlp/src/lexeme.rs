//! Lexical attributes of tokens as spaCy computes them (`spacy/lang/lex_attrs.py`,
//! `spacy/vocab.pyx`, `spacy/strings.pyx`): NORM, PREFIX, SUFFIX, SHAPE, lowercase, and the
//! 64-bit ids spaCy stores for strings.
//!
//! Character classes (Python's `str.isspace`, `isalpha`, `isupper`, `isdigit`) and lowercasing
//! use tables exported from CPython by `scripts/spacy_model/export_tokenizer.py`, so the results
//! do not depend on the Unicode version of Rust's standard library.

use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::tokenizer::RawToken;

/// The exported lexical tables of `en_core_web_sm` 3.8.0.
const LEXEME_JSON: &str = include_str!("../../../data/en_core_web_sm/lexeme.json");

/// Column order of [`token_attrs`], as in the tok2vec's `MultiHashEmbed` attrs.
pub const ATTR_NAMES: [&str; 6] = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"];

/// spaCy's string hash: MurmurHash64A with seed 1 over the UTF-8 bytes (`hash_string`).
pub fn hash_string(s: &str) -> u64 {
    murmurhash64a(s.as_bytes(), 1)
}

/// MurmurHash64A (Austin Appleby), as in the `murmurhash` package's `hash64`.
fn murmurhash64a(key: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (key.len() as u64).wrapping_mul(M);
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate().rev() {
            h ^= u64::from(b) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// A fast non-cryptographic hasher (the Fx hash of rustc) for the string-keyed tables here and
/// in the tokenizer; the keys are not attacker-chosen in a way that matters for these fixed
/// tables.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<K> =
    std::collections::HashSet<K, std::hash::BuildHasherDefault<FxHasher>>;

/// Python's `str.isspace` for one character.
pub fn is_space(c: char) -> bool {
    // CPython's whitespace: bidirectional types WS, B, S and category Zs.
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

#[derive(Deserialize)]
struct Data {
    symbols: Vec<(String, u64)>,
    lexeme_norm: Vec<(u64, String)>,
    base_norms: Vec<(String, String)>,
    space: Vec<(u32, u32)>,
    alpha: Vec<(u32, u32)>,
    upper: Vec<(u32, u32)>,
    digit: Vec<(u32, u32)>,
    lower_runs: Vec<(u32, u32, i64, u32)>,
    lower_multi: Vec<(u32, String)>,
}

/// The tables behind the lexical attributes.
struct Tables {
    symbols: FxHashMap<String, u64>,
    lexeme_norm: FxHashMap<u64, String>,
    base_norms: FxHashMap<String, String>,
    alpha: Vec<(u32, u32)>,
    upper: Vec<(u32, u32)>,
    digit: Vec<(u32, u32)>,
    /// (first, last, delta, step): code points first, first+step, ... last map to c + delta.
    lower_runs: Vec<(u32, u32, i64, u32)>,
    lower_multi: FxHashMap<u32, String>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let d: Data = serde_json::from_str(LEXEME_JSON)
            .expect("embedded data/en_core_web_sm/lexeme.json is valid");
        debug_assert!(d
            .space
            .iter()
            .all(|&(a, b)| (a..=b).filter_map(char::from_u32).all(is_space)));
        Tables {
            symbols: d.symbols.into_iter().collect(),
            lexeme_norm: d.lexeme_norm.into_iter().collect(),
            base_norms: d.base_norms.into_iter().collect(),
            alpha: d.alpha,
            upper: d.upper,
            digit: d.digit,
            lower_runs: d.lower_runs,
            lower_multi: d.lower_multi.into_iter().collect(),
        }
    })
}

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    let k = ranges.partition_point(|&(_, hi)| hi < c);
    ranges.get(k).is_some_and(|&(lo, _)| lo <= c)
}

/// The id spaCy's `StringStore` gives a string: 0 for "", a small id for spaCy's symbols
/// (`spacy.symbols`, e.g. "X" or "nsubj"), else [`hash_string`].
pub fn string_id(s: &str) -> u64 {
    if s.is_empty() {
        return 0;
    }
    match tables().symbols.get(s) {
        Some(&id) => id,
        None => hash_string(s),
    }
}

/// Python's `str.lower()`.
pub fn lower(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(s.to_ascii_lowercase());
        }
        return Cow::Borrowed(s);
    }
    if s.contains('Σ') {
        // The context-dependent final sigma; Rust applies the same Unicode rule as CPython.
        return Cow::Owned(s.to_lowercase());
    }
    let t = tables();
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            changed |= c.is_ascii_uppercase();
            continue;
        }
        if let Some(m) = t.lower_multi.get(&(c as u32)) {
            out.push_str(m);
            changed = true;
            continue;
        }
        let cp = c as u32;
        let k = t.lower_runs.partition_point(|r| r.1 < cp);
        let mapped = t.lower_runs.get(k).and_then(|&(lo, _, delta, step)| {
            (lo <= cp && (cp - lo).checked_rem(step) == Some(0))
                .then(|| char::from_u32((i64::from(cp) + delta) as u32))
                .flatten()
        });
        match mapped {
            Some(l) => {
                out.push(l);
                changed = true;
            }
            None => out.push(c),
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// The lexeme NORM of a word: the vocab's `lexeme_norm` table, then spaCy's `BASE_NORMS`,
/// then the lowercase form.
pub fn lexeme_norm(word: &str) -> Cow<'_, str> {
    let t = tables();
    if let Some(n) = t.lexeme_norm.get(&string_id(word)) {
        return Cow::Owned(n.clone());
    }
    if let Some(n) = t.base_norms.get(word) {
        return Cow::Owned(n.clone());
    }
    lower(word)
}

/// A token's NORM: the tokenizer exception's NORM if it sets one, else [`lexeme_norm`].
pub fn norm<'a>(word: &'a str, exception_norm: Option<&'a str>) -> Cow<'a, str> {
    match exception_norm {
        Some(n) if !n.is_empty() => Cow::Borrowed(n),
        _ => lexeme_norm(word),
    }
}

/// spaCy's `word_shape`: letters become `X`/`x`, digits `d`, other characters stay; runs of the
/// same shape character are cut after four; 100 characters or more give "LONG".
pub fn shape(word: &str) -> String {
    if word.chars().nth(99).is_some() {
        return "LONG".to_string();
    }
    let t = tables();
    let mut out = String::with_capacity(word.len());
    let mut last = None;
    let mut seq = 0;
    for c in word.chars() {
        let sc = if c.is_ascii() {
            if c.is_ascii_uppercase() {
                'X'
            } else if c.is_ascii_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            }
        } else if in_ranges(&t.alpha, c) {
            if in_ranges(&t.upper, c) {
                'X'
            } else {
                'x'
            }
        } else if in_ranges(&t.digit, c) {
            'd'
        } else {
            c
        };
        if Some(sc) == last {
            seq += 1;
        } else {
            seq = 0;
            last = Some(sc);
        }
        if seq < 4 {
            out.push(sc);
        }
    }
    out
}

/// spaCy's PREFIX string: the first character.
pub fn prefix(word: &str) -> &str {
    let end = word.chars().next().map_or(0, char::len_utf8);
    &word[..end]
}

/// spaCy's SUFFIX string: the last three characters.
pub fn suffix(word: &str) -> &str {
    let start = word.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    &word[start..]
}

/// Python's `str.isalpha` for a whole string (false for "").
pub fn is_alpha_str(word: &str) -> bool {
    let t = tables();
    !word.is_empty()
        && word.chars().all(|c| {
            if c.is_ascii() {
                c.is_ascii_alphabetic()
            } else {
                in_ranges(&t.alpha, c)
            }
        })
}

/// Python's `str.isspace` for a whole string (false for "").
pub fn is_space_str(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_space)
}

/// Per token, the values `doc.to_array(["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY",
/// "IS_SPACE"])` gives in spaCy: string ids of the norm, first character, last three characters
/// and shape, then 0/1 for a following space and for whitespace tokens.
pub fn token_attrs(text: &str, tokens: &[RawToken]) -> Vec<[u64; 6]> {
    // Words repeat (Zipf), so the string attributes are computed once per distinct word.
    let mut seen: FxHashMap<(&str, Option<&str>), [u64; 4]> = FxHashMap::default();
    tokens
        .iter()
        .map(|t| {
            let word = &text[t.start..t.end];
            let [n, p, s, sh] = *seen.entry((word, t.exception_norm)).or_insert_with(|| {
                [
                    string_id(&norm(word, t.exception_norm)),
                    string_id(prefix(word)),
                    string_id(suffix(word)),
                    string_id(&shape(word)),
                ]
            });
            [
                n,
                p,
                s,
                sh,
                u64::from(t.space_after),
                u64::from(is_space_str(word)),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::Tokenizer;

    #[test]
    fn hashes_like_spacy() {
        // nlp.vocab.strings[...] in spaCy 3.8.
        assert_eq!(hash_string("apple"), 8566208034543834098);
        assert_eq!(string_id("coffee"), 3197928453018144401);
        assert_eq!(string_id(""), 0);
        // Symbols have fixed small ids.
        assert_eq!(string_id("X"), 101);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Kyiv"), "Xxxx");
        assert_eq!(shape("1,250"), "d,ddd");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("Zelenskyy's"), "Xxxxx'x");
        assert_eq!(shape("Éire"), "Xxxx");
    }

    #[test]
    fn norms() {
        assert_eq!(norm("Police", None), "police");
        assert_eq!(norm("n't", Some("not")), "not");
        assert_eq!(prefix("Éire"), "É");
        assert_eq!(suffix("naïve"), "ïve");
        assert_eq!(suffix("at"), "at");
        assert_eq!(lower("İSTANBUL"), "i̇stanbul");
    }

    #[test]
    fn attrs_of_a_sentence() {
        let text = "Aid arrived.\n";
        let toks = Tokenizer::english().tokenize(text);
        let a = token_attrs(text, &toks);
        assert_eq!(a.len(), 4);
        // doc.to_array([...]) in spaCy 3.8.
        assert_eq!(
            a,
            [
                [
                    11586757942818230145,
                    14862748245026736845,
                    4475664174047812614,
                    18200729499220207786,
                    1,
                    0
                ],
                [
                    938760980459923400,
                    11901859001352538922,
                    5209605969428151140,
                    13110060611322374290,
                    0,
                    0
                ],
                [
                    12646065887601541794,
                    12646065887601541794,
                    12646065887601541794,
                    12646065887601541794,
                    0,
                    0
                ],
                [
                    962983613142996970,
                    962983613142996970,
                    962983613142996970,
                    962983613142996970,
                    0,
                    1
                ],
            ]
        );
    }
}
