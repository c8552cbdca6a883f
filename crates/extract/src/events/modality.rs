//! Whether an event happened: negation, modal verbs, and the verbs an event is embedded under
//! ("plans to meet", "threatened to strike", "called for talks", "denied attacking").

use super::tree::Tree;
use crate::analysis::Modality;

/// Verbs under which an embedded event is only intended.
#[rustfmt::skip]
const PLAN: &[&str] = &[
    "plan", "intend", "prepare", "aim", "seek", "want", "hope", "expect", "wish", "agree", "decide",
    "propose", "offer", "consider", "schedule", "set", "due", "promise", "pledge", "vow", "vote",
    "ready", "mull", "plot", "willing", "prepared", "eager", "keen",
];
const THREAT: &[&str] = &["threaten", "warn"];
#[rustfmt::skip]
const CALL: &[&str] = &[
    "call", "urge", "ask", "demand", "appeal", "press", "push", "request", "invite", "encourage",
    "insist", "beg", "implore", "plead",
];
const DENY: &[&str] = &["deny"];
/// Verbs whose direct object is an event only wanted, feared or refused: "demanded talks",
/// "threatened retaliation", "cancelled the meeting".
const OBJECT_EMBEDDING: &[(&str, Modality)] = &[
    ("demand", Modality::CalledFor),
    ("request", Modality::CalledFor),
    ("urge", Modality::CalledFor),
    ("seek", Modality::Planned),
    ("want", Modality::Planned),
    ("propose", Modality::Planned),
    ("plan", Modality::Planned),
    ("offer", Modality::Planned),
    ("prepare", Modality::Planned),
    ("schedule", Modality::Planned),
    ("threaten", Modality::Threatened),
    ("deny", Modality::Denied),
    ("cancel", Modality::Negated),
    ("postpone", Modality::Negated),
    ("delay", Modality::Negated),
    ("avert", Modality::Negated),
    ("prevent", Modality::Negated),
    ("avoid", Modality::Negated),
    ("fear", Modality::Possible),
    ("risk", Modality::Possible),
    ("consider", Modality::Possible),
];
#[rustfmt::skip]
const NOT_DONE: &[&str] = &[
    "refuse", "fail", "decline", "reject", "avoid", "cancel", "postpone", "delay", "stop", "halt",
];
#[rustfmt::skip]
const TRY: &[&str] = &[
    "try", "attempt", "fear", "suggest", "speculate", "believe", "suspect",
];
/// Verbs under which an embedded event did happen ("went on to attack", "began shelling").
#[rustfmt::skip]
const DONE: &[&str] = &[
    "manage", "begin", "start", "continue", "go", "help", "resume", "keep", "come", "say", "tell",
    "report", "announce", "confirm", "add", "claim", "state", "write", "note", "show",
    "acknowledge", "admit", "spend",
];
/// Adjectives that put a noun event off: "planned talks", "a possible attack".
#[rustfmt::skip]
const NOUN_PLAN: &[&str] = &[
    "planned", "proposed", "upcoming", "future", "scheduled", "expected", "prospective", "next",
];
#[rustfmt::skip]
const NOUN_MAYBE: &[&str] = &[
    "possible", "potential", "hypothetical", "alleged", "likely", "feared", "imminent",
];
/// Nouns that put an event in their "of" object off: "the threat of strikes".
const NOUN_HEADS: &[(&str, Modality)] = &[
    ("threat", Modality::Threatened),
    ("prospect", Modality::Possible),
    ("possibility", Modality::Possible),
    ("risk", Modality::Possible),
    ("fear", Modality::Possible),
    ("plan", Modality::Planned),
    ("call", Modality::CalledFor),
    ("demand", Modality::CalledFor),
    ("appeal", Modality::CalledFor),
    ("push", Modality::CalledFor),
    ("bid", Modality::Planned),
    ("proposal", Modality::Planned),
    ("offer", Modality::Planned),
];

/// The modality of a verb's own auxiliaries and negation, if they settle it.
fn own(t: &Tree, v: usize) -> Option<Modality> {
    if t.is_negated(v) {
        return Some(Modality::Negated);
    }
    for a in t.children_with(v, &["aux"]) {
        match t.lemma(a) {
            "will" | "shall" | "'ll" | "would" => return Some(Modality::Planned),
            "could" | "may" | "might" | "can" => return Some(Modality::Possible),
            "should" | "must" | "ought" => return Some(Modality::CalledFor),
            _ => {}
        }
    }
    // "is going to meet".
    if t.dep(v) == "xcomp" && t.lemma(t.head(v)) == "go" && t.tag(t.head(v)) == "VBG" {
        return Some(Modality::Planned);
    }
    None
}

fn embedding(lemma: &str) -> Option<Modality> {
    if DENY.contains(&lemma) {
        Some(Modality::Denied)
    } else if NOT_DONE.contains(&lemma) {
        Some(Modality::Negated)
    } else if THREAT.contains(&lemma) {
        Some(Modality::Threatened)
    } else if CALL.contains(&lemma) {
        Some(Modality::CalledFor)
    } else if PLAN.contains(&lemma) {
        Some(Modality::Planned)
    } else if TRY.contains(&lemma) {
        Some(Modality::Possible)
    } else {
        None
    }
}

/// The modality of an event stated by verb `v`.
pub(crate) fn of_verb(t: &Tree, v: usize) -> Modality {
    let mut cur = v;
    for _ in 0..6 {
        if let Some(m) = own(t, cur) {
            return m;
        }
        let h = t.head(cur);
        if h == cur {
            return Modality::Asserted;
        }
        let dep = t.dep(cur);
        let infinitive = t.children_with(cur, &["aux"]).any(|a| t.tag(a) == "TO");
        match dep {
            "xcomp" | "ccomp" | "advcl" | "acl" | "relcl" | "pcomp" => {
                if dep == "advcl" {
                    if let Some(m) = t.child_with(cur, &["mark"]) {
                        if matches!(t.lemma(m), "if" | "unless" | "whether") {
                            return Modality::Hypothetical;
                        }
                    }
                }
                // "the first senior official to visit": an ordinal makes it a fact.
                let ordinal = |noun: usize| {
                    t.children_with(noun, &["amod"]).any(|a| {
                        matches!(t.lemma(a), "first" | "last" | "only" | "second" | "latest")
                    })
                };
                if dep == "acl" || dep == "relcl" {
                    if ordinal(h) || !infinitive {
                        return Modality::Asserted;
                    }
                    return Modality::Planned;
                }
                // "became the first leader to visit".
                if infinitive && t.children_with(h, &["attr", "dobj"]).any(ordinal) {
                    return Modality::Asserted;
                }
                // An adverbial clause ("after he resigned") is stated in its own right.
                if dep == "advcl" && !infinitive {
                    return Modality::Asserted;
                }
                // "his offer of holding talks".
                if dep == "pcomp" {
                    let owner = t.head(h);
                    if let Some((_, m)) = NOUN_HEADS.iter().find(|(w, _)| *w == t.lemma(owner)) {
                        return *m;
                    }
                }
                let lemma = t.lemma(h);
                if let Some(m) = embedding(lemma) {
                    return m;
                }
                if DONE.contains(&lemma) || !infinitive {
                    cur = h;
                    continue;
                }
                // A bare purpose clause: "flew to Rome to meet him".
                return Modality::Planned;
            }
            // "used tear gas to disperse the crowd and detained 27": a finite verb joined to an
            // infinitive belongs with the verb that governs the infinitive.
            "conj" => {
                let finite = matches!(t.tag(cur), "VBD" | "VBZ" | "VBP");
                let infinitive_head = t.children_with(h, &["aux"]).any(|a| t.tag(a) == "TO");
                cur = if finite && infinitive_head && t.head(h) != h {
                    t.head(h)
                } else {
                    h
                };
            }
            _ => return Modality::Asserted,
        }
    }
    Modality::Asserted
}

/// The modality of an event stated by noun `n`.
pub(crate) fn of_noun(t: &Tree, n: usize) -> Modality {
    if t.children_with(n, &["det"]).any(|d| t.lemma(d) == "no") {
        return Modality::Negated;
    }
    for a in t.children_with(n, &["amod", "compound"]) {
        let w = t.lower(a);
        if NOUN_PLAN.contains(&w.as_str()) {
            return Modality::Planned;
        }
        if NOUN_MAYBE.contains(&w.as_str()) {
            return Modality::Possible;
        }
    }
    let h = t.head(n);
    if h == n {
        return Modality::Asserted;
    }
    match t.dep(n) {
        "pobj" => {
            let prep = h;
            let owner = t.head(prep);
            if t.lemma(prep) == "of" {
                if let Some((_, m)) = NOUN_HEADS.iter().find(|(w, _)| *w == t.lemma(owner)) {
                    return *m;
                }
            }
            if t.lemma(prep) == "for"
                && (CALL.contains(&t.lemma(owner))
                    || NOUN_HEADS.iter().any(|(w, _)| *w == t.lemma(owner)))
            {
                return Modality::CalledFor;
            }
            // "meet on the sidelines of the summit": the verb the phrase hangs on.
            let mut cur = owner;
            for _ in 0..4 {
                if t.is_verb(cur) {
                    return of_verb(t, cur);
                }
                if !matches!(t.dep(cur), "pobj" | "prep") || t.head(cur) == cur {
                    break;
                }
                cur = t.head(cur);
            }
            Modality::Asserted
        }
        "dobj" | "nsubj" | "nsubjpass" if t.is_verb(h) => {
            if t.dep(n) == "dobj" {
                if t.lemma(h) == "call" && t.children_with(h, &["prt"]).any(|p| t.lower(p) == "off")
                {
                    return Modality::Negated;
                }
                if t.lemma(h) == "rule" && t.children_with(h, &["prt"]).any(|p| t.lower(p) == "out")
                {
                    return Modality::Negated;
                }
                if let Some((_, m)) = OBJECT_EMBEDDING.iter().find(|(w, _)| *w == t.lemma(h)) {
                    return *m;
                }
            }
            of_verb(t, h)
        }
        _ => Modality::Asserted,
    }
}
