//! Normalised names, the keys that merge entities across articles.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The form under which names are compared: accents, case, dots and apostrophes dropped, other
/// punctuation and runs of space made one space, a leading "the" removed. "The U.S." and "US"
/// are both `us`; "Côte d’Ivoire" is `cote divoire`.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfkd() {
        if is_combining_mark(c) || matches!(c, '.' | '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}') {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn accents_case_punctuation_and_articles() {
        assert_eq!(normalise("The U.S."), "us");
        assert_eq!(normalise("US"), "us");
        assert_eq!(normalise("Côte d’Ivoire"), "cote divoire");
        assert_eq!(normalise("Cote d'Ivoire"), "cote divoire");
        assert_eq!(normalise("  São   Paulo "), "sao paulo");
        assert_eq!(normalise("Al-Shabaab"), "al shabaab");
        assert_eq!(normalise("Theodore Roosevelt"), "theodore roosevelt");
        assert_eq!(normalise("..."), "");
    }
}
