//! A small tokenizer for the time grammar: words, numbers and punctuation with byte offsets.
//!
//! It works on the raw text (no parse needed), so the patterns can be tested on their own and
//! run the same whatever tokenizer the NLP pipeline uses.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (possibly with inner periods, as in `a.m.`).
    Word,
    /// Digits only, no separators.
    Number,
    /// Digits with thousands separators or decimals (`2,000`, `7.7`): never a day or a year.
    Quantity,
    /// Digits with an ordinal suffix (`13th`).
    Ordinal,
    /// A decade (`1990s`, `90s`).
    Decade,
    /// Letters and digits mixed (`MH17`, `3pm`); `3pm` and the like are read by the grammar.
    Mixed,
    /// `'s` after a word.
    Possessive,
    /// Any other single character.
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub kind: Kind,
    /// Lower-cased text.
    pub lower: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Whether whitespace separates it from the previous token.
    pub space_before: bool,
    /// Whether a line break separates it from the previous token.
    pub line_before: bool,
    /// Whether its first character is upper-case.
    pub capitalized: bool,
    /// The numeric value of `Number`, `Ordinal` and `Decade` tokens.
    pub value: Option<u32>,
    /// Number of digits of a `Number` token.
    pub digits: usize,
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut out: Vec<Tok> = Vec::new();
    let (mut k, mut space, mut line) = (0usize, false, false);
    while k < chars.len() {
        let c = chars[k].1;
        if c.is_whitespace() {
            space = true;
            line |= c == '\n';
            k += 1;
            continue;
        }
        let start_k = k;
        let kind;
        if c.is_alphanumeric() {
            let mut has_alpha = false;
            let mut has_digit = false;
            while k < chars.len() && chars[k].1.is_alphanumeric() {
                has_alpha |= chars[k].1.is_alphabetic();
                has_digit |= chars[k].1.is_ascii_digit();
                k += 1;
            }
            // Abbreviations with inner periods: a.m., p.m., U.S.
            if has_alpha && !has_digit && k - start_k == 1 {
                let mut j = k;
                while j + 1 < chars.len() && chars[j].1 == '.' && chars[j + 1].1.is_alphabetic() {
                    let after = chars.get(j + 2).map(|c| c.1);
                    if after.is_some_and(|a| a.is_alphanumeric()) {
                        break;
                    }
                    j += 2;
                }
                if j > k {
                    k = j;
                    if chars.get(k).is_some_and(|c| c.1 == '.') {
                        k += 1;
                    }
                }
            }
            if !has_alpha {
                // Thousands groups and decimals make a quantity.
                let mut quantity = false;
                loop {
                    let sep = chars.get(k).map(|c| c.1);
                    let run = chars[(k + 1).min(chars.len())..]
                        .iter()
                        .take_while(|c| c.1.is_ascii_digit())
                        .count();
                    match sep {
                        Some(',') if run == 3 && k > start_k => {}
                        Some('.') if run > 0 => {}
                        _ => break,
                    }
                    quantity = true;
                    k += 1 + run;
                }
                kind = if quantity {
                    Kind::Quantity
                } else {
                    Kind::Number
                };
            } else if has_digit {
                let s: String = chars[start_k..k]
                    .iter()
                    .map(|c| c.1.to_ascii_lowercase())
                    .collect();
                let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
                let suffix = &s[digits..];
                kind = if digits > 0 && ["st", "nd", "rd", "th"].contains(&suffix) {
                    Kind::Ordinal
                } else if (digits == 4 || digits == 2) && suffix == "s" {
                    Kind::Decade
                } else {
                    Kind::Mixed
                };
            } else {
                kind = Kind::Word;
            }
        } else if (c == '\'' || c == '’')
            && chars.get(k + 1).is_some_and(|n| n.1 == 's' || n.1 == 'S')
            && !chars.get(k + 2).is_some_and(|n| n.1.is_alphanumeric())
            && out.last().is_some_and(|t| t.end == chars[k].0)
        {
            k += 2;
            kind = Kind::Possessive;
        } else {
            k += 1;
            kind = Kind::Punct;
        }
        let (start, end) = (chars[start_k].0, byte_at(k));
        let raw = &text[start..end];
        let lower = raw.to_lowercase().replace('’', "'");
        let digits = lower.chars().take_while(|c| c.is_ascii_digit()).count();
        let value = match kind {
            Kind::Number | Kind::Ordinal | Kind::Decade if digits <= 9 => {
                lower[..digits].parse().ok()
            }
            _ => None,
        };
        out.push(Tok {
            kind,
            lower,
            start,
            end,
            space_before: space,
            line_before: line,
            capitalized: raw.chars().next().is_some_and(char::is_uppercase),
            value,
            digits,
        });
        space = false;
        line = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.lower, t.kind))
            .collect()
    }

    #[test]
    fn splits_dates_clock_times_and_quantities() {
        let toks =
            kinds("On Friday's 10:15 a.m. call, 2,000 people and 7.7 mid-March 13th 1990s MH17");
        let want = [
            ("on", Kind::Word),
            ("friday", Kind::Word),
            ("'s", Kind::Possessive),
            ("10", Kind::Number),
            (":", Kind::Punct),
            ("15", Kind::Number),
            ("a.m.", Kind::Word),
            ("call", Kind::Word),
            (",", Kind::Punct),
            ("2,000", Kind::Quantity),
            ("people", Kind::Word),
            ("and", Kind::Word),
            ("7.7", Kind::Quantity),
            ("mid", Kind::Word),
            ("-", Kind::Punct),
            ("march", Kind::Word),
            ("13th", Kind::Ordinal),
            ("1990s", Kind::Decade),
            ("mh17", Kind::Mixed),
        ];
        let want: Vec<(String, Kind)> = want.iter().map(|(s, k)| (s.to_string(), *k)).collect();
        assert_eq!(toks, want);
    }

    #[test]
    fn keeps_byte_offsets_and_line_breaks() {
        let toks = tokenize("Kyiv — «April 13»\nMay 2025.");
        let april = toks.iter().find(|t| t.lower == "april").unwrap();
        assert_eq!(
            &"Kyiv — «April 13»\nMay 2025."[april.start..april.end],
            "April"
        );
        let may = toks.iter().find(|t| t.lower == "may").unwrap();
        assert!(may.line_before && may.capitalized);
        assert_eq!(toks.last().unwrap().lower, ".");
        assert_eq!(
            toks.iter().find(|t| t.lower == "2025").unwrap().value,
            Some(2025)
        );
    }
}
