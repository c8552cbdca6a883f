//! spaCy's rule-based English tokenizer (`spacy/tokenizer.pyx`), driven by the data of
//! `en_core_web_sm` 3.8.0 exported by `scripts/spacy_model/export_tokenizer.py`.
//!
//! The algorithm follows spaCy step by step:
//! 1. The text is cut into runs of whitespace and non-whitespace (Python's `str.isspace`). A
//!    single space after a token becomes that token's `space_after`; any other whitespace run
//!    (with the spaces it contains) becomes a token of its own.
//! 2. Each run is looked up in the tokenizer exceptions ("special cases"); otherwise prefixes and
//!    suffixes are split off in a loop (stopping early when what is left is an exception), and the
//!    middle is an exception, a URL, or is split at infixes.
//! 3. Finally the exceptions that spaCy's `_special_matcher` finds across token boundaries are
//!    applied (e.g. an exception split by an affix in step 2).
//!
//! Python regexes with look-around are evaluated as described in the export script: every
//! alternative keeps its priority, look-behinds are checked on the text before the position and
//! look-aheads are matched as a consumed part of the regex with the body captured.

use regex::{CaptureLocations, Regex};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lexeme::{is_space, FxHashMap};

/// The exported tokenizer data of `en_core_web_sm` 3.8.0.
const TOKENIZER_JSON: &str = include_str!("../../../data/en_core_web_sm/tokenizer.json");

/// One token as the tokenizer finds it: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    /// Byte offset of the token's first byte.
    pub start: usize,
    /// Byte offset one past the token's last byte.
    pub end: usize,
    /// Whether a single space follows the token (spaCy's `whitespace_`).
    pub space_after: bool,
    /// The NORM that a tokenizer exception gives this token (e.g. "not" for "n't"), if any.
    pub exception_norm: Option<&'static str>,
}

/// Errors in the tokenizer data.
#[derive(Debug, thiserror::Error)]
pub enum TokenizerError {
    /// The data is not the JSON the export script writes.
    #[error("tokenizer data (data/en_core_web_sm/tokenizer.json): {0}")]
    Json(#[from] serde_json::Error),
    /// A regex in the data does not compile.
    #[error("tokenizer data (data/en_core_web_sm/tokenizer.json): bad regex: {0}")]
    Regex(#[from] regex::Error),
    /// A special-case entry or matcher pattern is inconsistent.
    #[error("tokenizer data (data/en_core_web_sm/tokenizer.json): {0}")]
    Invalid(String),
}

#[derive(Deserialize)]
struct Data {
    prefix: AffixData,
    suffix: AffixData,
    infix: AffixData,
    url: String,
    specials: HashMap<String, Vec<(String, Option<String>)>>,
    matcher: Vec<(String, Vec<String>)>,
}

#[derive(Deserialize)]
struct AffixData {
    candidate: String,
    segments: Vec<SegmentData>,
}

#[derive(Deserialize)]
struct SegmentData {
    behind: Option<String>,
    main: String,
    capture: bool,
}

/// One or more alternatives of a Python affix regex, in priority order.
struct Segment {
    /// Must match the text before the position (a Python look-behind), anchored at its end.
    behind: Option<Regex>,
    /// Anchored at the position; with `capture`, group 1 is the match proper (a look-ahead
    /// follows it in the regex).
    main: Regex,
    capture: bool,
}

/// A Python affix regex (a union of alternatives) evaluated with Python's priorities.
struct AffixMatcher {
    /// Matches wherever some alternative's body matches: positions worth checking.
    candidate: Regex,
    segments: Vec<Segment>,
}

/// Capture slots for the look-ahead segments of one matcher, reused across calls.
struct Slots(Vec<Option<CaptureLocations>>);

impl AffixMatcher {
    fn new(d: AffixData) -> Result<AffixMatcher, TokenizerError> {
        let mut segments = Vec::with_capacity(d.segments.len());
        for s in d.segments {
            segments.push(Segment {
                behind: s.behind.as_deref().map(Regex::new).transpose()?,
                main: Regex::new(&s.main)?,
                capture: s.capture,
            });
        }
        Ok(AffixMatcher {
            candidate: Regex::new(&d.candidate)?,
            segments,
        })
    }

    fn slots(&self) -> Slots {
        Slots(
            self.segments
                .iter()
                .map(|s| s.capture.then(|| s.main.capture_locations()))
                .collect(),
        )
    }

    /// End of the highest-priority alternative matching at byte `p` of `s`, as Python's
    /// alternation would choose it.
    fn match_at(&self, s: &str, p: usize, slots: &mut Slots) -> Option<usize> {
        let hay = &s[p..];
        for (seg, slot) in self.segments.iter().zip(slots.0.iter_mut()) {
            if let Some(behind) = &seg.behind {
                if !behind.is_match(&s[..p]) {
                    continue;
                }
            }
            let end = match slot {
                Some(locs) => seg
                    .main
                    .captures_read(locs, hay)
                    .and_then(|_| locs.get(1))
                    .map(|g| g.1),
                None => seg.main.find(hay).map(|m| m.end()),
            };
            if let Some(end) = end {
                return Some(p + end);
            }
        }
        None
    }

    /// Length in bytes of the prefix Python's `prefix_search` finds (0 if none).
    fn prefix_len(&self, s: &str, slots: &mut Slots) -> usize {
        if !self.candidate.is_match(s) {
            return 0;
        }
        self.match_at(s, 0, slots).unwrap_or(0)
    }

    /// Length in bytes of the suffix Python's `suffix_search` finds (0 if none): the leftmost
    /// position where an alternative matches through to the end.
    fn suffix_len(&self, s: &str, slots: &mut Slots) -> usize {
        let mut from = 0;
        while from < s.len() {
            let Some(m) = self.candidate.find_at(s, from) else {
                return 0;
            };
            let p = m.start();
            if self.match_at(s, p, slots).is_some() {
                return s.len() - p;
            }
            from = p + next_char_len(s, p);
        }
        0
    }

    /// The matches Python's `finditer` yields, as byte ranges, appended to `out`.
    fn find_all(&self, s: &str, slots: &mut Slots, out: &mut Vec<(usize, usize)>) {
        let mut pos = 0;
        while pos < s.len() {
            let Some(m) = self.candidate.find_at(s, pos) else {
                return;
            };
            let p = m.start();
            match self.match_at(s, p, slots) {
                Some(end) => {
                    out.push((p, end));
                    pos = end;
                }
                None => pos = p + next_char_len(s, p),
            }
        }
    }
}

fn next_char_len(s: &str, p: usize) -> usize {
    s[p..].chars().next().map_or(1, char::len_utf8)
}

/// A tokenizer exception: the tokens a string is split into.
struct Special {
    /// (byte length, NORM) of each token, in order.
    pieces: Vec<(usize, Option<&'static str>)>,
}

/// spaCy's English tokenizer.
pub struct Tokenizer {
    prefix: AffixMatcher,
    suffix: AffixMatcher,
    infix: AffixMatcher,
    url: Regex,
    specials: FxHashMap<&'static str, Special>,
    /// Exception token sequences the special matcher looks for, by their first token.
    matcher: FxHashMap<&'static str, Vec<Vec<&'static str>>>,
}

/// Per-call scratch space.
struct Scratch {
    prefix: Slots,
    suffix: Slots,
    infix: Slots,
    prefixes: Vec<(usize, usize)>,
    suffixes: Vec<(usize, usize)>,
    infixes: Vec<(usize, usize)>,
}

impl Tokenizer {
    /// The tokenizer of `en_core_web_sm` 3.8.0, built once on first use.
    pub fn english() -> &'static Tokenizer {
        static TOKENIZER: OnceLock<Tokenizer> = OnceLock::new();
        TOKENIZER.get_or_init(|| {
            Tokenizer::from_json(TOKENIZER_JSON).expect("embedded tokenizer data is valid")
        })
    }

    /// Builds a tokenizer from data in the export script's format. Its strings are kept for the
    /// life of the process (exception NORMs are handed out as `&'static str`).
    pub fn from_json(json: &str) -> Result<Tokenizer, TokenizerError> {
        let d: Data = serde_json::from_str(json)?;
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let mut specials = FxHashMap::default();
        for (key, pieces) in d.specials {
            let joined: String = pieces.iter().map(|p| p.0.as_str()).collect();
            if joined != key || pieces.is_empty() {
                return Err(TokenizerError::Invalid(format!(
                    "exception {key:?} does not spell its key"
                )));
            }
            let pieces = pieces
                .into_iter()
                .map(|(orth, norm)| (orth.len(), norm.map(leak)))
                .collect();
            specials.insert(leak(key), Special { pieces });
        }
        let mut matcher: FxHashMap<&'static str, Vec<Vec<&'static str>>> = FxHashMap::default();
        for (key, toks) in d.matcher {
            if toks.is_empty() || !specials.contains_key(key.as_str()) {
                return Err(TokenizerError::Invalid(format!(
                    "matcher pattern {key:?} is not an exception"
                )));
            }
            let toks: Vec<&'static str> = toks.into_iter().map(leak).collect();
            matcher.entry(toks[0]).or_default().push(toks);
        }
        Ok(Tokenizer {
            prefix: AffixMatcher::new(d.prefix)?,
            suffix: AffixMatcher::new(d.suffix)?,
            infix: AffixMatcher::new(d.infix)?,
            url: Regex::new(&d.url)?,
            specials,
            matcher,
        })
    }

    /// Splits `text` into tokens exactly as spaCy's tokenizer does.
    pub fn tokenize(&self, text: &str) -> Vec<RawToken> {
        let mut out = Vec::with_capacity(text.len() / 4 + 1);
        let mut scratch = Scratch {
            prefix: self.prefix.slots(),
            suffix: self.suffix.slots(),
            infix: self.infix.slots(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
            infixes: Vec::new(),
        };
        let Some(first) = text.chars().next() else {
            return out;
        };
        let mut in_ws = is_space(first);
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if is_space(c) != in_ws {
                if start < i {
                    self.tokenize_chunk(text, start, i, &mut scratch, &mut out);
                }
                if c == ' ' {
                    if let Some(last) = out.last_mut() {
                        last.space_after = true;
                    }
                    start = i + 1;
                } else {
                    start = i;
                }
                in_ws = !in_ws;
            }
        }
        if start < text.len() {
            self.tokenize_chunk(text, start, text.len(), &mut scratch, &mut out);
        }
        self.apply_special_matcher(text, &mut out);
        out
    }

    fn push_special(&self, sp: &Special, at: usize, out: &mut Vec<RawToken>) {
        let mut pos = at;
        for &(len, norm) in &sp.pieces {
            out.push(RawToken {
                start: pos,
                end: pos + len,
                space_after: false,
                exception_norm: norm,
            });
            pos += len;
        }
    }

    fn push(out: &mut Vec<RawToken>, start: usize, end: usize) {
        out.push(RawToken {
            start,
            end,
            space_after: false,
            exception_norm: None,
        });
    }

    /// Tokenizes the chunk `text[lo..hi]` (one whitespace-delimited run).
    fn tokenize_chunk(
        &self,
        text: &str,
        lo: usize,
        hi: usize,
        sc: &mut Scratch,
        out: &mut Vec<RawToken>,
    ) {
        let chunk = &text[lo..hi];
        if let Some(sp) = self.specials.get(chunk) {
            self.push_special(sp, lo, out);
            return;
        }
        sc.prefixes.clear();
        sc.suffixes.clear();
        let (a, b) = self.split_affixes(chunk, sc);
        for &(s, e) in &sc.prefixes {
            Self::push(out, lo + s, lo + e);
        }
        if a < b {
            // The whole chunk is known not to be an exception.
            let maybe_special = (a, b) != (0, chunk.len());
            self.attach_middle(text, lo + a, lo + b, maybe_special, sc, out);
        }
        for &(s, e) in sc.suffixes.iter().rev() {
            Self::push(out, lo + s, lo + e);
        }
    }

    /// spaCy's `_split_affixes`: strips prefixes and suffixes (recorded in the scratch space as
    /// ranges of `chunk`, which is not an exception) and returns the range of what is left.
    fn split_affixes(&self, chunk: &str, sc: &mut Scratch) -> (usize, usize) {
        let (mut a, mut b) = (0, chunk.len());
        let mut last_size = usize::MAX;
        while a < b && b - a != last_size {
            let string = &chunk[a..b];
            if last_size != usize::MAX && self.specials.contains_key(string) {
                break;
            }
            last_size = b - a;
            let pre_len = self.prefix.prefix_len(string, &mut sc.prefix);
            if pre_len != 0 {
                let minus_pre = &string[pre_len..];
                if !minus_pre.is_empty() && self.specials.contains_key(minus_pre) {
                    sc.prefixes.push((a, a + pre_len));
                    a += pre_len;
                    break;
                }
            }
            let suf_len = self.suffix.suffix_len(&string[pre_len..], &mut sc.suffix);
            if suf_len != 0 {
                let minus_suf = &string[..string.len() - suf_len];
                if !minus_suf.is_empty() && self.specials.contains_key(minus_suf) {
                    sc.suffixes.push((b - suf_len, b));
                    b -= suf_len;
                    break;
                }
            }
            if pre_len != 0 && suf_len != 0 && pre_len + suf_len <= string.len() {
                sc.prefixes.push((a, a + pre_len));
                sc.suffixes.push((b - suf_len, b));
                a += pre_len;
                b -= suf_len;
            } else if pre_len != 0 {
                sc.prefixes.push((a, a + pre_len));
                a += pre_len;
            } else if suf_len != 0 {
                sc.suffixes.push((b - suf_len, b));
                b -= suf_len;
            }
        }
        (a, b)
    }

    /// spaCy's `_attach_tokens` for the middle `text[lo..hi]`: an exception, a URL, or infix
    /// splitting.
    fn attach_middle(
        &self,
        text: &str,
        lo: usize,
        hi: usize,
        maybe_special: bool,
        sc: &mut Scratch,
        out: &mut Vec<RawToken>,
    ) {
        let string = &text[lo..hi];
        if let Some(sp) = maybe_special.then(|| self.specials.get(string)).flatten() {
            self.push_special(sp, lo, out);
            return;
        }
        if self.url.is_match(string) {
            Self::push(out, lo, hi);
            return;
        }
        sc.infixes.clear();
        self.infix.find_all(string, &mut sc.infix, &mut sc.infixes);
        let mut start = 0;
        for &(ms, me) in &sc.infixes {
            if ms == 0 {
                continue;
            }
            if ms != start {
                Self::push(out, lo + start, lo + ms);
            }
            if ms != me {
                Self::push(out, lo + ms, lo + me);
            }
            start = me;
        }
        if start < string.len() {
            Self::push(out, lo + start, hi);
        }
    }

    /// spaCy's `_apply_special_cases`: finds exception token sequences anywhere in the token
    /// stream and replaces them by the exception's tokens when their text is the exception.
    fn apply_special_matcher(&self, text: &str, toks: &mut Vec<RawToken>) {
        let tok_text = |t: &RawToken| &text[t.start..t.end];
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for i in 0..toks.len() {
            let Some(patterns) = self.matcher.get(tok_text(&toks[i])) else {
                continue;
            };
            for pat in patterns {
                let end = i + pat.len();
                if end <= toks.len()
                    && pat
                        .iter()
                        .zip(&toks[i..end])
                        .all(|(p, t)| *p == tok_text(t))
                {
                    matches.push((i, end));
                }
            }
        }
        if matches.is_empty() {
            return;
        }
        // spaCy's _filter_special_spans: longest first, then leftmost; a span is kept unless its
        // first or last token was covered by an earlier candidate (kept or not).
        matches.sort_by(|x, y| (y.1 - y.0).cmp(&(x.1 - x.0)).then(x.0.cmp(&y.0)));
        matches.dedup();
        let mut seen = vec![false; toks.len()];
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in &matches {
            if !seen[s] && !seen[e - 1] {
                kept.push((s, e));
            }
            seen[s..e].iter_mut().for_each(|x| *x = true);
        }
        kept.sort_unstable();
        let mut result = Vec::with_capacity(toks.len() + kept.len());
        let mut i = 0;
        for (s, e) in kept {
            result.extend_from_slice(&toks[i..s]);
            let (start, end) = (toks[s].start, toks[e - 1].end);
            match self.specials.get(&text[start..end]) {
                Some(sp) => {
                    let from = result.len();
                    self.push_special(sp, start, &mut result);
                    if let Some(last) = result[from..].last_mut() {
                        last.space_after = toks[e - 1].space_after;
                    }
                }
                None => result.extend_from_slice(&toks[s..e]),
            }
            i = e;
        }
        result.extend_from_slice(&toks[i..]);
        *toks = result;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        Tokenizer::english()
            .tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn splits_punctuation_and_contractions() {
        assert_eq!(
            texts("The U.S. envoy said: \"We don't know.\""),
            ["The", "U.S.", "envoy", "said", ":", "\"", "We", "do", "n't", "know", ".", "\""]
        );
    }

    #[test]
    fn whitespace_runs_become_tokens() {
        let text = "Troops  withdrew\n\nfrom Kherson. ";
        let toks = Tokenizer::english().tokenize(text);
        let got: Vec<(&str, bool)> = toks
            .iter()
            .map(|t| (&text[t.start..t.end], t.space_after))
            .collect();
        assert_eq!(
            got,
            [
                ("Troops", true),
                (" ", false),
                ("withdrew", false),
                ("\n\n", false),
                ("from", true),
                ("Kherson", false),
                (".", true)
            ]
        );
    }

    #[test]
    fn infixes_units_and_urls() {
        assert_eq!(
            texts("a 10km-long convoy"),
            ["a", "10km", "-", "long", "convoy"]
        );
        assert_eq!(texts("a 10km convoy"), ["a", "10", "km", "convoy"]);
        assert_eq!(
            texts("see https://example.org/a-b?x=1."),
            ["see", "https://example.org/a-b?x=1", "."]
        );
        assert_eq!(texts("($5.2bn)"), ["(", "$", "5.2bn", ")"]);
    }

    #[test]
    fn exception_norms() {
        let text = "They're here";
        let toks = Tokenizer::english().tokenize(text);
        assert_eq!(toks[1].exception_norm, Some("are"));
        assert_eq!(toks[0].exception_norm, Some("they"));
        assert_eq!(toks[2].exception_norm, None);
    }
}
