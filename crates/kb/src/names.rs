//! Name keys: the normalised form the gazetteer is indexed by, a transliteration-tolerant
//! phonetic key, and edit distance.

/// The lookup key of a name: ASCII-folded ("Kyïv" → "kyiv"), lower case, periods and
/// apostrophes dropped ("U.S." → "us", "Kramators'k" → "kramatorsk"), other punctuation as
/// single spaces ("Ivano-Frankivsk" → "ivano frankivsk").
pub fn normalize(name: &str) -> String {
    let folded = deunicode::deunicode(name);
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else if !matches!(c, '.' | '\'' | '`') {
            space = true;
        }
    }
    out
}

/// A coarse sound key that transliterations of one name share: "Kiev", "Kyiv", "Kief" and
/// "Keefe" all give "kf"; "Zelensky", "Zelenskyy" and "Zelenskiy" give "slnsk".
///
/// Consonant classes are merged (c/k/q, s/z, f/v/w/ph), digraphs of transliteration collapsed
/// (kh, zh, sh, ch, ts), vowels and h dropped after the first letter, and repeats squeezed.
pub fn phonetic_key(name: &str) -> String {
    let s: Vec<u8> = normalize(name).bytes().filter(|b| b.is_ascii_alphabetic()).collect();
    let mut classes = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let next = s.get(i + 1).copied();
        let (class, used) = match (s[i], next) {
            (b'p', Some(b'h')) => (b'f', 2),
            (b'k' | b'g' | b'z' | b's' | b'c' | b't', Some(b'h')) => (sound_class(s[i]), 2),
            (b't', Some(b's' | b'z')) => (b's', 2),
            (b'c', Some(b'k')) => (b'k', 2),
            (b'x', _) => (b'k', 1),
            (c, _) => (sound_class(c), 1),
        };
        classes.push(class);
        i += used;
    }
    let mut out = String::new();
    for (k, &c) in classes.iter().enumerate() {
        if k == 0 {
            out.push(if c == b'a' { 'a' } else { c as char });
            continue;
        }
        if c == b'a' || c == b'h' {
            continue;
        }
        if out.as_bytes().last() != Some(&c) {
            out.push(c as char);
        }
    }
    out
}

fn sound_class(c: u8) -> u8 {
    match c {
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'j' => b'a',
        b'c' | b'k' | b'q' | b'g' => b'k',
        b's' | b'z' => b's',
        b'f' | b'v' | b'w' => b'f',
        b'b' | b'p' => b'p',
        b'd' | b't' => b't',
        b'm' | b'n' => b'n',
        other => other,
    }
}

/// Optimal-string-alignment edit distance (insertions, deletions, substitutions and adjacent
/// transpositions each cost 1) between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_accents_punctuation_and_case() {
        assert_eq!(normalize("Kyïv"), "kyiv");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("Washington, D.C."), "washington dc");
        assert_eq!(normalize("Ivano-Frankivsk"), "ivano frankivsk");
        assert_eq!(normalize("Kramators’k"), "kramatorsk");
        assert_eq!(normalize("  São   Paulo "), "sao paulo");
    }

    #[test]
    fn transliterations_share_a_phonetic_key() {
        for v in ["Kiev", "Kyiv", "Kief", "Keefe"] {
            assert_eq!(phonetic_key(v), "kf", "{v}");
        }
        assert_eq!(phonetic_key("Zelensky"), phonetic_key("Zelenskyy"));
        assert_eq!(phonetic_key("Zelenskiy"), phonetic_key("Zelensky"));
        assert_eq!(phonetic_key("Kharkov"), phonetic_key("Kharkiv"));
        assert_eq!(phonetic_key("Dmitriev"), phonetic_key("Dmitryev"));
        assert_ne!(phonetic_key("Kyiv"), phonetic_key("Lviv"));
        assert_ne!(phonetic_key("Paris"), phonetic_key("Perm"));
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("Sumy", "Sumi"), 1);
        assert_eq!(edit_distance("Zelensky", "Zelenskyy"), 1);
        assert_eq!(edit_distance("Gaza", "Gzaa"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Kiev", "Kiev"), 0);
    }
}
