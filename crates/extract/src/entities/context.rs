//! What the sentence around a mention says about it: is it somewhere things happen (a place)
//! or someone who acts (a person)?

use sitrep_nlp::Doc;
use std::ops::Range;

/// Prepositions after which a name is a location.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "into",
    "near",
    "across",
    "outside",
    "inside",
    "around",
    "toward",
    "towards",
    "through",
    "throughout",
    "via",
    "between",
    "outskirts",
    "within",
    "off",
    "past",
];

/// Nouns whose "of" names a place: "the city of Sumy".
const SETTLEMENTS: &[&str] = &[
    "city",
    "town",
    "village",
    "capital",
    "region",
    "province",
    "oblast",
    "district",
    "outskirts",
    "suburb",
    "port",
    "centre",
    "center",
    "governorate",
    "state",
    "county",
    "area",
    "settlement",
    "municipality",
    "hub",
    "island",
    "streets",
    "residents",
    "part",
    "resident",
    "people",
    "mayor",
    "governor",
];

/// Nouns that a place name modifies: "Sumy city", "the Zamzam camp", "Kherson port".
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "capital",
    "region",
    "province",
    "oblast",
    "district",
    "outskirts",
    "camp",
    "airport",
    "port",
    "airbase",
    "refinery",
    "crossing",
    "neighbourhood",
    "neighborhood",
    "suburb",
];

/// Nouns of attacks whose "on" names the target: "the attack on Kharkiv".
const ATTACK_NOUNS: &[&str] =
    &["attack", "strike", "assault", "raid", "bombing", "shelling", "offensive", "advance", "drive", "missile"];

/// Verbs whose object is typically a place: attacked, captured, visited.
const PLACE_VERBS: &[&str] = &[
    "attack",
    "strike",
    "hit",
    "shell",
    "bomb",
    "target",
    "pound",
    "capture",
    "seize",
    "liberate",
    "occupy",
    "encircle",
    "storm",
    "evacuate",
    "visit",
    "enter",
    "leave",
    "reach",
    "flee",
    "besiege",
    "bombard",
    "raid",
    "invade",
    "rock",
    "devastate",
    "destroy",
    "retake",
    "recapture",
];

/// Verbs of saying, whose subject is someone (or a government, by metonymy).
const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "announce",
    "state",
    "warn",
    "threaten",
    "accuse",
    "urge",
    "demand",
    "claim",
    "deny",
    "insist",
    "add",
    "write",
    "respond",
    "reply",
    "call",
    "vow",
    "pledge",
    "promise",
    "argue",
    "condemn",
    "criticize",
    "criticise",
    "reject",
    "welcome",
    "praise",
    "decide",
    "agree",
    "refuse",
    "order",
    "declare",
    "confirm",
    "acknowledge",
    "suggest",
    "believe",
    "think",
    "want",
    "ask",
];

/// Evidence from context.
#[derive(Debug, Default, Clone)]
pub(crate) struct Cues {
    /// Strength of place evidence.
    pub place: i32,
    /// Strength of person evidence.
    pub person: i32,
    /// The mention is the subject of a verb of saying or deciding.
    pub speaker: bool,
    /// Short names of the cues found.
    pub reasons: Vec<&'static str>,
}

/// The token of a span whose head lies outside it.
pub(crate) fn span_head(doc: &Doc, r: &Range<usize>) -> usize {
    r.clone()
        .rev()
        .find(|&i| {
            let h = doc.tokens[i].head;
            h == i || !r.contains(&h)
        })
        .unwrap_or(r.end - 1)
}

fn lemma(doc: &Doc, i: usize) -> String {
    let t = &doc.tokens[i];
    if t.lemma.is_empty() {
        doc.token_text(i).to_lowercase()
    } else {
        t.lemma.to_lowercase()
    }
}

/// Reads the context of the mention over tokens `r`; `in_place(i)` says whether token `i`
/// belongs to another mention taken as a place.
pub(crate) fn cues(doc: &Doc, r: &Range<usize>, in_place: &dyn Fn(usize) -> bool) -> Cues {
    let mut c = Cues::default();
    let h = span_head(doc, r);
    let tok = &doc.tokens[h];
    let head = tok.head;
    let dep = tok.dep.as_str();
    if dep == "pobj" && head != h {
        let prep = doc.token_text(head).to_lowercase();
        let above = doc.tokens[head].head;
        if LOCATIVE.contains(&prep.as_str()) {
            c.place += 2;
            c.reasons.push("locative preposition");
        }
        if prep == "of" && SETTLEMENTS.contains(&lemma(doc, above).as_str()) {
            c.place += 3;
            c.reasons.push("\"city of\"");
        }
        if matches!(prep.as_str(), "on" | "against") && ATTACK_NOUNS.contains(&lemma(doc, above).as_str()) {
            c.place += 2;
            c.reasons.push("attack target");
        }
    }
    if matches!(dep, "dobj" | "nsubjpass") && PLACE_VERBS.contains(&lemma(doc, head).as_str()) {
        c.place += 2;
        c.reasons.push("object of an attack or visit");
    }
    if dep == "nsubj" && SPEECH_VERBS.contains(&lemma(doc, head).as_str()) {
        c.speaker = true;
    }
    // coordinated with a place: "Kharkiv and Sumy"
    let conj_place = (dep == "conj" && !r.contains(&head) && in_place(head))
        || doc.children(h).any(|k| doc.tokens[k].dep == "conj" && !r.contains(&k) && in_place(k));
    if conj_place {
        c.place += 2;
        c.reasons.push("coordinated with a place");
    }
    // "Sumy, Ukraine"
    if r.end + 1 < doc.tokens.len() && doc.token_text(r.end) == "," && in_place(r.end + 1) {
        c.place += 1;
        c.reasons.push("followed by a place");
    }
    // "Sumy city", "the Zamzam camp"
    if r.end < doc.tokens.len() && PLACE_NOUNS.contains(&doc.token_text(r.end).to_lowercase().as_str()) {
        c.place += 2;
        c.reasons.push("settlement noun");
    }
    if r.start > 0 && super::mentions::is_title(doc.token_text(r.start - 1)) {
        c.person += 3;
        c.reasons.push("title before");
    }
    c
}
