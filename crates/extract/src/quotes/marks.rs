//! Quotation marks in raw text: which marks open, which close, and which are apostrophes.
//!
//! Works on the text, not the tokens: tokenizers split quote marks unreliably, and scraped or
//! machine-translated articles garble them (curly quotes facing the wrong way, a closing mark
//! missing, a stray mark at the end of a paragraph). A mark's direction comes from what stands
//! beside it (space before and a word after opens; a word before and space or punctuation after
//! closes); the glyph (`“` or `”`) only decides when the context does not.

use std::ops::Range;

/// Double or single quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkStyle {
    /// `"`, `“ ”`, `„`, `« »`.
    Double,
    /// `'`, `‘ ’`, `‚`, `‹ ›`.
    Single,
}

/// One quotation found in the text. Ranges are byte offsets into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// The opening mark.
    pub open: Range<usize>,
    /// The closing mark; `None` when the quotation is never closed in its paragraph.
    pub close: Option<Range<usize>>,
    /// The quoted words, without surrounding whitespace.
    pub content: Range<usize>,
    /// Which marks delimit it.
    pub style: MarkStyle,
    /// The quotation runs on into the next paragraph, which opens with a quotation mark (the
    /// convention for a quotation over several paragraphs: no closing mark until the last).
    pub continues: bool,
    /// How many other quotations contain this one (0 for a top-level quotation).
    pub depth: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// Context and glyph do not tell: a straight mark between spaces or between letters.
    Either,
}

#[derive(Debug, Clone)]
struct Mark {
    at: Range<usize>,
    dir: Dir,
}

/// Every quotation in `text`, in order of their opening marks.
pub fn find(text: &str) -> Vec<QuoteSpan> {
    let paragraphs = paragraphs(text);
    let mut out = Vec::new();
    for (k, para) in paragraphs.iter().enumerate() {
        let next_opens = paragraphs
            .get(k + 1)
            .is_some_and(|p| starts_with_open_mark(text, p));
        let doubles = pair_doubles(text, para.clone(), next_opens);
        let singles = pair_singles(text, para.clone(), &doubles);
        out.extend(doubles);
        out.extend(singles);
    }
    out.retain(|q| !q.content.is_empty());
    out.sort_by_key(|q| (q.open.start, q.content.start));
    let depths: Vec<usize> = out
        .iter()
        .map(|q| {
            out.iter()
                .filter(|o| {
                    o.open != q.open
                        && o.open.start < q.open.start
                        && q.content.end <= o.content.end
                })
                .count()
        })
        .collect();
    for (q, d) in out.iter_mut().zip(depths) {
        q.depth = d;
    }
    out
}

/// Paragraph byte ranges: separated by blank lines when the text has any, else by line breaks
/// (scraped text often puts one paragraph per line).
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let blank_lines = text.contains("\n\n") || text.contains("\n\r\n");
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            let mut breaks = 1;
            while j < bytes.len()
                && (bytes[j] == b'\n' || bytes[j] == b'\r' || bytes[j] == b' ' || bytes[j] == b'\t')
            {
                if bytes[j] == b'\n' {
                    breaks += 1;
                }
                j += 1;
            }
            if !blank_lines || breaks >= 2 {
                out.push(start..i);
                start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out.push(start..text.len());
    out.retain(|p| !text[p.clone()].trim().is_empty());
    out
}

fn starts_with_open_mark(text: &str, para: &Range<usize>) -> bool {
    let mut chars = text[para.clone()].trim_start().chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some(n)) => {
            double_glyph(c).is_some() && !n.is_whitespace() && glyph_prior(c) != Some(Dir::Close)
        }
        _ => false,
    }
}

/// `Some(prior)` when `c` is a double quotation mark; the prior is its glyph's direction.
fn double_glyph(c: char) -> Option<Option<Dir>> {
    match c {
        '"' | '＂' => Some(None),
        '“' | '„' | '‟' | '«' | '〝' => Some(Some(Dir::Open)),
        '”' | '»' | '〞' => Some(Some(Dir::Close)),
        _ => None,
    }
}

fn single_glyph(c: char) -> Option<Option<Dir>> {
    match c {
        '\'' => Some(None),
        '‘' | '‚' | '‛' | '‹' | '`' => Some(Some(Dir::Open)),
        '’' | '›' => Some(Some(Dir::Close)),
        _ => None,
    }
}

fn glyph_prior(c: char) -> Option<Dir> {
    double_glyph(c).or_else(|| single_glyph(c)).flatten()
}

fn is_mark(c: char) -> bool {
    double_glyph(c).is_some() || single_glyph(c).is_some()
}

/// Whether `prev` lets a mark after it open a quotation: nothing, space, an opening bracket or
/// dash, or another mark (`"'Yes`).
fn boundary_before(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || "([{<—–-/".contains(c) || is_mark(c))
}

/// Whether `next` lets a mark before it close a quotation: nothing, space, punctuation, a
/// closing bracket or dash, or another mark (`no'"`).
fn boundary_after(next: Option<char>) -> bool {
    next.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}>…—–-/".contains(c) || is_mark(c))
}

fn direction(prev: Option<char>, next: Option<char>, prior: Option<Dir>) -> Dir {
    let can_open = boundary_before(prev) && next.is_some_and(|c| !c.is_whitespace());
    let can_close = boundary_after(next) && prev.is_some_and(|c| !c.is_whitespace());
    match (can_open, can_close) {
        (true, false) => Dir::Open,
        (false, true) => Dir::Close,
        _ => prior.unwrap_or(Dir::Either),
    }
}

/// A quotation mark with the characters beside it (within its paragraph).
struct RawMark {
    at: Range<usize>,
    prev: Option<char>,
    next: Option<char>,
    prior: Option<Dir>,
}

fn marks_in(text: &str, para: Range<usize>, style: MarkStyle) -> Vec<RawMark> {
    let s = &text[para.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        // Two single marks in a row ('' or ’’) stand for a double mark in some scraped text.
        let doubled = single_glyph(c).is_some() && chars.get(k + 1).is_some_and(|&(_, n)| n == c);
        let width = if doubled { 2 } else { 1 };
        let next = chars.get(k + width).map(|&(_, n)| n);
        let prior = match (style, doubled) {
            (MarkStyle::Double, true) => single_glyph(c),
            (MarkStyle::Double, false) => double_glyph(c),
            (MarkStyle::Single, true) => None,
            (MarkStyle::Single, false) => single_glyph(c),
        };
        if let Some(prior) = prior {
            let at = para.start + i..para.start + i + c.len_utf8() * width;
            out.push(RawMark {
                at,
                prev,
                next,
                prior,
            });
        }
        k += width;
    }
    out
}

/// Pairs double marks in one paragraph. Nesting is allowed (garbled text nests straight marks);
/// an opening mark never closed ends at the next mark, or runs to the paragraph's end.
fn pair_doubles(text: &str, para: Range<usize>, next_para_opens: bool) -> Vec<QuoteSpan> {
    let marks: Vec<Mark> = marks_in(text, para.clone(), MarkStyle::Double)
        .into_iter()
        .map(|m| Mark {
            dir: direction(m.prev, m.next, m.prior),
            at: m.at,
        })
        .collect();
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (k, m) in marks.iter().enumerate() {
        let closes = match m.dir {
            Dir::Open => false,
            Dir::Close => true,
            Dir::Either => !stack.is_empty(),
        };
        if !closes {
            stack.push(k);
        } else if let Some(o) = stack.pop() {
            out.push(span(
                text,
                marks[o].at.clone(),
                Some(m.at.clone()),
                MarkStyle::Double,
                false,
            ));
        }
        // A closing mark with nothing open is a stray mark: no quotation can be read from it.
    }
    // `"First. "Second` with no mark after: the last mark was the first quotation's closing
    // mark, misplaced (space before it instead of after), not a quotation running on to the end.
    if let [.., p, l] = stack[..] {
        if p + 1 == l && l + 1 == marks.len() && !next_para_opens {
            out.push(span(
                text,
                marks[p].at.clone(),
                Some(marks[l].at.clone()),
                MarkStyle::Double,
                false,
            ));
            stack.truncate(stack.len() - 2);
        }
    }
    for o in stack {
        let open = marks[o].at.clone();
        let next_mark = marks.get(o + 1).map(|m| m.at.start);
        let end = next_mark.unwrap_or(para.end);
        let continues = next_mark.is_none() && next_para_opens;
        let mut q = span(text, open, None, MarkStyle::Double, continues);
        q.content = trim(text, q.content.start..end);
        out.push(q);
    }
    out
}

/// Words that begin with an apostrophe standing for left-out letters ('90s, 'em, rock 'n' roll).
fn is_elision(after: &str) -> bool {
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let digits =
        word.len() == 3 && word.ends_with('s') && word[..2].chars().all(|c| c.is_ascii_digit());
    digits
        || (word.len() == 2 && word.chars().all(|c| c.is_ascii_digit()))
        || matches!(
            word.as_str(),
            "em" | "til" | "cause" | "n" | "tis" | "twas" | "bout" | "round"
        )
}

/// Pairs single marks in one paragraph, skipping apostrophes, never across a double quotation's
/// boundary. Single quotations do not nest.
fn pair_singles(text: &str, para: Range<usize>, doubles: &[QuoteSpan]) -> Vec<QuoteSpan> {
    let container = |at: usize| -> Option<usize> {
        doubles
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                d.open.end <= at && at < d.close.as_ref().map_or(d.content.end, |c| c.start)
            })
            .max_by_key(|(_, d)| d.open.start)
            .map(|(k, _)| k)
    };
    struct Cand {
        at: Range<usize>,
        dir: Dir,
        /// A plural possessive ("the Russians' claims") looks like a closing mark.
        weak: bool,
    }
    let mut cands = Vec::new();
    for RawMark {
        at,
        prev,
        next,
        prior,
    } in marks_in(text, para.clone(), MarkStyle::Single)
    {
        if prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric) {
            continue; // apostrophe inside a word: don't, Ukraine's
        }
        let dir = direction(prev, next, prior);
        if dir == Dir::Open && is_elision(&text[at.end..]) {
            continue;
        }
        let after = &text[at.end..];
        let weak = dir != Dir::Open
            && prev.is_some_and(|c| c == 's' || c == 'S')
            && after.starts_with(' ')
            && after[1..].chars().next().is_some_and(|c| c.is_lowercase());
        cands.push(Cand { at, dir, weak });
    }
    let mut out = Vec::new();
    let mut k = 0;
    while k < cands.len() {
        if cands[k].dir == Dir::Close {
            k += 1;
            continue;
        }
        let home = container(cands[k].at.start);
        let closes: Vec<usize> = (k + 1..cands.len())
            .filter(|&j| cands[j].dir != Dir::Open && container(cands[j].at.start) == home)
            .collect();
        let pick = closes
            .iter()
            .copied()
            .find(|&j| !cands[j].weak)
            .or_else(|| closes.first().copied());
        match pick {
            Some(j) => {
                out.push(span(
                    text,
                    cands[k].at.clone(),
                    Some(cands[j].at.clone()),
                    MarkStyle::Single,
                    false,
                ));
                k = j + 1;
            }
            None => k += 1,
        }
    }
    out
}

fn span(
    text: &str,
    open: Range<usize>,
    close: Option<Range<usize>>,
    style: MarkStyle,
    continues: bool,
) -> QuoteSpan {
    let end = close.as_ref().map_or(open.end, |c| c.start);
    QuoteSpan {
        content: trim(text, open.end..end),
        open,
        close,
        style,
        continues,
        depth: 0,
    }
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    r.start + lead..r.start + lead + trimmed.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, usize)> {
        find(text)
            .into_iter()
            .map(|q| (&text[q.content], q.depth))
            .collect()
    }

    #[test]
    fn straight_and_curly_pairs() {
        assert_eq!(
            texts(r#""We will win," she said. “No doubt.”"#),
            vec![("We will win,", 0), ("No doubt.", 0)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let t = "Ukraine's allies don't agree on the Russians' demands, the minister’s aide said in the '90s.";
        assert!(find(t).is_empty());
    }

    #[test]
    fn single_quotes_and_nesting() {
        let t = r#""He told me 'we are not leaving,' and I believed him," she said."#;
        assert_eq!(
            texts(t),
            vec![
                ("He told me 'we are not leaving,' and I believed him,", 0),
                ("we are not leaving,", 1)
            ]
        );
        assert_eq!(
            texts("'The Russians' claims are false,' he said."),
            vec![("The Russians' claims are false,", 0)]
        );
    }

    #[test]
    fn curly_marks_facing_the_wrong_way() {
        assert_eq!(
            texts("He said “we are ready to talk“ and left."),
            vec![("we are ready to talk", 0)]
        );
        assert_eq!(
            texts("He said ”we are ready to talk” and left."),
            vec![("we are ready to talk", 0)]
        );
    }

    #[test]
    fn unclosed_quote_ends_at_next_mark_or_paragraph() {
        let t = "The mayor said: \"We will rebuild, he added. \"Every house.\"\nNext paragraph.";
        assert_eq!(
            texts(t),
            vec![("We will rebuild, he added.", 0), ("Every house.", 0)]
        );
        let q = find("He wrote: \"We will never give up.\nOther news.");
        assert_eq!(q.len(), 1);
        assert!(q[0].close.is_none() && !q[0].continues);
    }

    #[test]
    fn doubled_single_marks_are_double_marks() {
        assert_eq!(
            texts("''We are ready,'' he said."),
            vec![("We are ready,", 0)]
        );
    }

    #[test]
    fn misplaced_closing_mark() {
        let t = "\"We want to win this season. \"She then lost the second set.";
        assert_eq!(texts(t), vec![("We want to win this season.", 0)]);
    }

    #[test]
    fn quotation_over_paragraphs() {
        let t = "She said: \"First part.\n\n\"Second part,\" she added.";
        let q = find(t);
        assert_eq!(q.len(), 2);
        assert_eq!(&t[q[0].content.clone()], "First part.");
        assert!(q[0].continues && q[0].close.is_none());
        assert_eq!(&t[q[1].content.clone()], "Second part,");
    }

    #[test]
    fn stray_marks_and_nested_straight_marks() {
        let t = "He wrote: \"Enough, I said: \"Stop now!\" ”";
        assert_eq!(
            texts(t),
            vec![("Enough, I said: \"Stop now!\"", 0), ("Stop now!", 1)]
        );
        assert!(find("It ended.\" Then nothing.").is_empty());
    }
}
