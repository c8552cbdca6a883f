//! Which way an expression points: back from the publication date (the default for news) or
//! forward, when its clause says so (`will meet on Thursday`, `is expected to ... in June`).
//!
//! With a parse, the clause is the verb the expression hangs from, its auxiliaries and what governs
//! it; without one, the words before the expression in its sentence.

use super::lexicon as lex;
use sitrep_nlp::Doc;

/// Direction of a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    Past,
    Future,
    /// Simple present attached to the verb (`the summit opens Monday`): a schedule for weekdays,
    /// no clear direction for months and dates (`follows a quake in September`).
    Present,
}

/// The direction the clause of the text at bytes `start..end` gives, if it gives one.
pub(crate) fn direction(doc: &Doc, start: usize, end: usize) -> Option<Dir> {
    let parsed = doc
        .tokens
        .iter()
        .any(|t| !t.dep.is_empty() && !t.tag.is_empty());
    if !parsed {
        return from_words(&doc.text, start);
    }
    let inside: Vec<usize> = (0..doc.tokens.len())
        .filter(|&k| doc.tokens[k].start < end && doc.tokens[k].end > start)
        .collect();
    let first = *inside.first()?;
    // The expression's head: the token whose head lies outside it.
    let head = inside
        .iter()
        .copied()
        .find(|&k| {
            let h = doc.tokens[k].head;
            h == k || !inside.contains(&h)
        })
        .unwrap_or(first);
    // A date that premodifies a noun (`the January 4-6 summit`, `Thursday's vote`) names the
    // noun's time, which the clause's tense does not fix.
    if matches!(
        doc.tokens[head].dep.as_str(),
        "compound" | "nmod" | "amod" | "poss"
    ) {
        return None;
    }
    from_parse(doc, head)
}

/// Walks from the expression's head up to its verb and reads tense and modality there.
fn from_parse(doc: &Doc, head: usize) -> Option<Dir> {
    let mut cur = head;
    let mut direct = true;
    for _ in 0..doc.tokens.len().min(40) {
        let next = doc.tokens[cur].head;
        if next == cur {
            return None;
        }
        cur = next;
        let t = &doc.tokens[cur];
        if lex::is_future_lemma(&t.lemma.to_lowercase()) && t.pos != "VERB" && t.pos != "AUX" {
            // upcoming, due
            return Some(Dir::Future);
        }
        if t.pos == "VERB" || (t.pos == "AUX" && !matches!(t.dep.as_str(), "aux" | "auxpass")) {
            return verb_direction(doc, cur, direct);
        }
        if matches!(t.pos.as_str(), "NOUN" | "PROPN" | "PRON" | "NUM") {
            direct = false;
        }
    }
    None
}

/// The direction a verb's tense and auxiliaries give; `direct` when the expression attaches to
/// the verb itself rather than to one of its nouns (`Thursday's vote is ...`).
fn verb_direction(doc: &Doc, v: usize, direct: bool) -> Option<Dir> {
    let t = &doc.tokens[v];
    let auxes: Vec<usize> = doc
        .children(v)
        .filter(|&c| matches!(doc.tokens[c].dep.as_str(), "aux" | "auxpass"))
        .collect();
    for &a in &auxes {
        let at = &doc.tokens[a];
        let lemma = at.lemma.to_lowercase();
        if at.tag == "MD" && lex::is_future_lemma(&lemma) {
            return Some(Dir::Future);
        }
        if at.tag == "TO" {
            // An infinitive points ahead when its governor plans or expects (`expected to`, `plans
            // to`, `agreed to`); otherwise (`gathered to celebrate`) it shares the governor's time.
            let governor = t.head;
            if governor != v && lex::is_intent_lemma(&doc.tokens[governor].lemma.to_lowercase()) {
                return Some(Dir::Future);
            }
            return from_parse(doc, v);
        }
    }
    let lemma = t.lemma.to_lowercase();
    if lex::is_future_lemma(&lemma) && matches!(t.tag.as_str(), "VBN" | "VBZ" | "VBP" | "VBG") {
        // is scheduled for, plans, expected on
        if !auxes.iter().any(|&a| doc.tokens[a].lemma == "have") {
            return Some(Dir::Future);
        }
    }
    if lemma == "go" && t.tag == "VBG" && doc.children(v).any(|c| doc.tokens[c].dep == "xcomp") {
        return Some(Dir::Future);
    }
    let aux_tags: Vec<&str> = auxes.iter().map(|&a| doc.tokens[a].tag.as_str()).collect();
    let past_aux = aux_tags.contains(&"VBD");
    let present_aux = aux_tags.iter().any(|t| matches!(*t, "VBZ" | "VBP"));
    let perfect = auxes.iter().any(|&a| doc.tokens[a].lemma == "have");
    match t.tag.as_str() {
        "VBD" => Some(Dir::Past),
        "VBN" if perfect || past_aux => Some(Dir::Past),
        "VBN" if present_aux => present(doc, v, direct),
        "VBN" => Some(Dir::Past),
        "VBG" if past_aux => Some(Dir::Past),
        "VBG" if present_aux => Some(Dir::Future),
        // A participle modifying a noun (`the Test beginning on Boxing Day`) has no tense of its own.
        "VBG" if t.dep == "acl" => None,
        // starting on Monday, killing 34: the participle takes the tense of its governor
        "VBG" => from_parse(doc, v),
        "VB" if past_aux => Some(Dir::Past),
        "VB" if aux_tags.iter().any(|t| matches!(*t, "VBZ" | "VBP")) => present(doc, v, direct),
        "VBZ" | "VBP" => present(doc, v, direct),
        _ => None,
    }
}

/// Present tense: a report (`the ministry says`) looks back; a schedule (`the summit opens
/// Monday`) looks ahead when the time attaches to the verb itself.
fn present(doc: &Doc, v: usize, direct: bool) -> Option<Dir> {
    let lemma = doc.tokens[v].lemma.to_lowercase();
    if lex::is_reporting_verb(&lemma) {
        return Some(Dir::Past);
    }
    direct.then_some(Dir::Present)
}

/// Without a parse: future words before the expression in its sentence.
fn from_words(text: &str, start: usize) -> Option<Dir> {
    let before = &text[..start];
    let sentence_start = before
        .rfind(['.', '!', '?', '\n', ';'])
        .map_or(0, |k| k + 1);
    let words: Vec<String> = before[sentence_start..]
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    let recent = &words[words.len().saturating_sub(8)..];
    let future = recent.iter().enumerate().any(|(k, w)| {
        let next = recent.get(k + 1).map(String::as_str);
        matches!(
            w.as_str(),
            "will"
                | "shall"
                | "would"
                | "upcoming"
                | "scheduled"
                | "due"
                | "expected"
                | "plans"
                | "planned"
        ) || w.ends_with("'ll")
            || (w == "going" && next == Some("to"))
            || (w == "set" && matches!(next, Some("to") | Some("for")))
    });
    if future {
        return Some(Dir::Future);
    }
    let past = recent.iter().any(|w| {
        matches!(w.as_str(), "was" | "were" | "had" | "did" | "said" | "ago")
            || (w.len() > 4 && w.ends_with("ed"))
    });
    past.then_some(Dir::Past)
}
