//! Counts: how many people were killed, injured, detained, ... and how many missiles, drones
//! or troops took part, each bound to the clause that states it.
//!
//! A count is a number phrase ("at least 34", "a dozen", "1,670", "hundreds") whose kind comes
//! from the syntax around it, never from mere nearness:
//! - the predicate it is an argument of: the object of "killing", the subject of "were
//!   injured" or "died", a noun modified by "found dead" or "killed in the attack";
//! - a result complement: "left 12 people dead", "remain missing", "took 30 hostage";
//! - the counted noun itself: "300 dead", "34 deaths", "80 missiles", "10,000 troops";
//! - a toll: "the death toll rose to 57", "a toll of 48", "put the death toll at 48";
//! - a part of another count: "including 15 children", "among them two children".
//!
//! Negated or modal predicates ("could kill 1,000") give no count.

use crate::analysis::{Count, Event, Modality, TextSpan};
use crate::events::modality;
use crate::events::tree::Tree;
use sitrep_nlp::Doc;

/// Finds the counts of an article, in text order, each stated once: a later count with the
/// same kind and value as an earlier one restates it and is dropped.
pub fn extract_counts(doc: &Doc) -> Vec<Count> {
    let tree = Tree::new(doc);
    let mut found: Vec<Found> = Vec::new();
    for anchor in 0..tree.len() {
        if let Some(number) = number_phrase(&tree, anchor) {
            if let Some(f) = classify(&tree, number, &found) {
                found.push(f);
            }
        }
    }
    let mut counts: Vec<Count> = Vec::new();
    // Index in `counts` of each kept `found`, for linking sub-counts to their parents.
    let mut kept: Vec<Option<usize>> = Vec::new();
    for f in &found {
        let parent = f.parent.and_then(|p| kept[p]);
        let repeat = counts
            .iter()
            .position(|c| c.kind == f.kind && c.value == f.number.value);
        if repeat.is_some() || (f.parent.is_some() && parent.is_none()) {
            kept.push(repeat);
            continue;
        }
        kept.push(Some(counts.len()));
        counts.push(to_count(&tree, f, parent));
    }
    counts
}

/// Links each count to the event it belongs to (the nearest event of a fitting type stated in
/// the same sentence) and marks counts that revise an earlier count of the same kind and event.
pub fn link_events(counts: &mut [Count], events: &[Event]) {
    for c in counts.iter_mut() {
        let mut best: Option<(usize, usize)> = None;
        for (k, e) in events.iter().enumerate() {
            if !event_fits(&c.kind, &e.kind) {
                continue;
            }
            for m in std::iter::once(&e.trigger).chain(&e.mentions) {
                if m.start >= c.sentence.start && m.end <= c.sentence.end {
                    let gap = if m.start >= c.end {
                        m.start - c.end
                    } else {
                        c.start.saturating_sub(m.end)
                    };
                    if !matches!(best, Some((_, g)) if g <= gap) {
                        best = Some((k, gap));
                    }
                }
            }
        }
        c.event = best.map(|(k, _)| k);
    }
    // A toll stated on its own ("the death toll rose to 52") is the toll of the event whose
    // count of that kind came last.
    for i in 0..counts.len() {
        if counts[i].event.is_none() && counts[i].rule.starts_with("count:toll") {
            counts[i].event = (0..i)
                .rev()
                .find(|&j| counts[j].kind == counts[i].kind && counts[j].event.is_some())
                .and_then(|j| counts[j].event);
        }
    }
    for i in 0..counts.len() {
        if counts[i].parent.is_some() {
            continue;
        }
        // Same event, or a toll stated again with nothing to tell them apart.
        let toll = counts[i].rule.starts_with("count:toll");
        let earlier = (0..i).rev().find(|&j| {
            counts[j].parent.is_none()
                && counts[j].kind == counts[i].kind
                && (counts[j].event.is_some() || toll)
                && counts[j].event == counts[i].event
                && counts[j].value != counts[i].value
        });
        counts[i].updates = earlier;
    }
}

/// Whether a count of `kind` can belong to an event of type `event`.
fn event_fits(kind: &str, event: &str) -> bool {
    match kind {
        "killed" | "injured" | "missing" | "displaced" | "evacuated" | "affected" | "sickened" => {
            matches!(event, "attack" | "disaster" | "coerce" | "protest")
        }
        "detained" | "kidnapped" => matches!(event, "coerce" | "attack" | "protest"),
        "protesters" => event == "protest",
        "troops" => matches!(event, "mobilize" | "attack"),
        "missiles" | "drones" => event == "attack",
        _ => false,
    }
}

/// A number phrase: its tokens, value and hedge.
#[derive(Debug, Clone)]
struct Number {
    /// The syntactic head of the phrase ("million" in "2 million", "dozen" in "a dozen").
    anchor: usize,
    /// First token of the phrase, qualifier included.
    first: usize,
    /// Last token of the phrase.
    last: usize,
    value: u64,
    approximate: bool,
    qualifier: Option<&'static str>,
}

/// A count found in the text before deduplication.
#[derive(Debug, Clone)]
struct Found {
    number: Number,
    kind: &'static str,
    rule: String,
    /// Tokens the evidence text spans (first, last).
    span: (usize, usize),
    /// Index in the found list of the count this one is part of.
    parent: Option<usize>,
    /// The noun (or number) that fills the predicate's argument slot.
    role: usize,
    /// The predicate or noun that gave the kind.
    giver: usize,
}

fn to_count(tree: &Tree, f: &Found, parent: Option<usize>) -> Count {
    let (start, end) = tree.char_range(f.span.0, f.span.1);
    let sent = tree.doc.sentence_of(f.number.anchor).cloned();
    let sentence = sent
        .map(|s| {
            let (a, b) = tree.char_range(s.start, s.end.saturating_sub(1).max(s.start));
            TextSpan { start: a, end: b }
        })
        .unwrap_or_default();
    Count {
        text: tree.text_range(f.span.0, f.span.1).to_string(),
        kind: f.kind.to_string(),
        value: f.number.value,
        start,
        end,
        approximate: f.number.approximate,
        qualifier: f.number.qualifier.map(str::to_string),
        rule: f.rule.clone(),
        sentence,
        parent,
        updates: None,
        event: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Number phrases

/// Entity labels whose numbers are not counts of people or things.
const NOT_COUNT_LABELS: &[&str] = &["DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"];

/// Hedges before a number, longest first so "just over" wins over "over".
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "at least", "more than", "fewer than", "less than", "up to", "as many as", "close to", "nearly",
    "almost", "about", "around", "roughly", "approximately", "some", "over", "at most",
    "an estimated", "upwards of", "in excess of", "just over", "well over", "just under",
];

fn unit_word(w: &str) -> Option<u64> {
    #[rustfmt::skip]
    const UNITS: &[&str] = &[
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen",
    ];
    #[rustfmt::skip]
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(k) = UNITS.iter().position(|&u| u == w) {
        return Some(k as u64);
    }
    TENS.iter()
        .position(|&t| t == w)
        .map(|k| 20 + 10 * k as u64)
}

/// Multipliers; `hundred` multiplies what precedes, the larger ones close a group.
fn scale_word(w: &str) -> Option<u64> {
    match w {
        "dozen" => Some(12),
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    }
}

/// Plural orders of magnitude ("dozens", "hundreds of thousands"): approximate.
fn plural_scale_word(w: &str) -> Option<u64> {
    match w {
        "dozens" => Some(12),
        "scores" => Some(20),
        "tens" => Some(10),
        "hundreds" => Some(100),
        "thousands" => Some(1_000),
        "millions" => Some(1_000_000),
        _ => None,
    }
}

fn is_number_word(w: &str) -> bool {
    unit_word(w).is_some() || scale_word(w).is_some() || plural_scale_word(w).is_some()
}

fn is_digits(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Whether token `i` can be part of a number phrase.
fn numberish(tree: &Tree, i: usize) -> bool {
    let w = tree.lower(i);
    (tree.tag(i) == "CD" && (is_digits(&w) || is_number_word(&w))) || is_number_word(&w)
}

/// The number phrase headed by `anchor`, if `anchor` heads one that may be a count.
fn number_phrase(tree: &Tree, anchor: usize) -> Option<Number> {
    if !numberish(tree, anchor) {
        return None;
    }
    // The head of the phrase: its own head is not part of it.
    let h = tree.head(anchor);
    if h != anchor && numberish(tree, h) && h.abs_diff(anchor) <= 3 {
        return None;
    }
    let doc = tree.doc;
    if doc
        .ents
        .iter()
        .any(|e| e.tokens().contains(&anchor) && NOT_COUNT_LABELS.contains(&e.label.as_str()))
    {
        return None;
    }
    if let Some(next) = (anchor + 1 < tree.len()).then_some(anchor + 1) {
        if matches!(tree.lower(next).as_str(), "%" | "percent" | "per") {
            return None;
        }
    }
    // Extend left over number words, "a" before a scale, hyphens and "of" between scales.
    let mut first = anchor;
    while first > 0 {
        let p = first - 1;
        let w = tree.lower(p);
        let joins = numberish(tree, p)
            || (w == "-" && first < anchor + 1 && p > 0 && numberish(tree, p - 1))
            || (w == "of" && p > 0 && plural_scale_word(&tree.lower(p - 1)).is_some())
            || (matches!(w.as_str(), "a" | "an") && scale_word(&tree.lower(first)).is_some());
        if !joins || tree.sentence_index(p) != tree.sentence_index(anchor) {
            break;
        }
        first = p;
    }
    // Extend right over number words that hang on the phrase ("two dozen" headed by "two").
    let mut last = anchor;
    while last + 1 < tree.len() {
        let n = last + 1;
        let w = tree.lower(n);
        let next_numberish = n + 1 < tree.len() && numberish(tree, n + 1);
        let joins = (numberish(tree, n) && (first..=last).contains(&tree.head(n)))
            || (w == "-" && next_numberish)
            || (w == "of" && plural_scale_word(&tree.lower(last)).is_some() && next_numberish);
        if !joins {
            break;
        }
        last = n;
    }
    let words: Vec<String> = (first..=last).map(|i| tree.lower(i)).collect();
    let (value, approximate) = parse_value(&words)?;
    if value == 0 {
        return None;
    }
    let (qualifier, first) = qualifier_before(tree, first);
    Some(Number {
        anchor,
        first,
        last,
        value,
        approximate,
        qualifier,
    })
}

/// The value of a number phrase's words, and whether it is only an order of magnitude.
fn parse_value(words: &[String]) -> Option<(u64, bool)> {
    let mut total = 0f64;
    let mut group = 0f64;
    let mut approximate = false;
    let mut any = false;
    for (k, w) in words.iter().enumerate() {
        let w = w.as_str();
        if w == "-" || w == "of" {
            continue;
        }
        if matches!(w, "a" | "an") {
            group = group.max(1.0);
            continue;
        }
        any = true;
        if is_digits(w) {
            let v: f64 = w.replace(',', "").parse().ok()?;
            // "1,670" has a thousands separator, "1.5" a decimal point; "1.670.000" neither.
            group += v;
        } else if let Some(u) = unit_word(w) {
            group += u as f64;
        } else if let Some(s) = scale_word(w) {
            if s >= 1_000 {
                total += group.max(1.0) * s as f64;
                group = 0.0;
            } else {
                group = group.max(1.0) * s as f64;
            }
        } else if let Some(s) = plural_scale_word(w) {
            approximate = true;
            let more_follows = words[k + 1..]
                .iter()
                .any(|x| plural_scale_word(x).is_some());
            group = if group == 0.0 {
                2.0 * s as f64
            } else {
                group * s as f64
            };
            if s >= 1_000 && !more_follows {
                total += group;
                group = 0.0;
            }
        } else {
            return None;
        }
    }
    let v = total + group;
    if !any || v.fract().abs() > 1e-9 || !(1.0..=1e12).contains(&v) {
        return None;
    }
    Some((v.round() as u64, approximate))
}

/// The hedge right before token `first` ("at least", "more than"), and the phrase's new start.
fn qualifier_before(tree: &Tree, first: usize) -> (Option<&'static str>, usize) {
    for q in QUALIFIERS {
        let n = q.split(' ').count();
        if first < n {
            continue;
        }
        let start = first - n;
        if tree.sentence_index(start) != tree.sentence_index(first) {
            continue;
        }
        let words: Vec<String> = (start..first).map(|i| tree.lower(i)).collect();
        if words.join(" ") == *q {
            return (Some(q), start);
        }
    }
    (None, first)
}

// ---------------------------------------------------------------------------------------------
// Kinds

/// How a counted argument relates to its predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Object of an active verb ("killing 34 people").
    Object,
    /// Subject of a passive verb or noun modified by a participle ("34 were killed").
    Passive,
    /// Subject of an intransitive verb ("34 people died").
    Subject,
}

/// Verbs whose arguments are counted, with the slot the counted people fill.
const PREDICATES: &[(&str, &str, &[Slot])] = {
    use Slot::*;
    &[
        ("kill", "killed", &[Object, Passive]),
        ("slay", "killed", &[Object, Passive]),
        ("murder", "killed", &[Object, Passive]),
        ("massacre", "killed", &[Object, Passive]),
        ("die", "killed", &[Subject]),
        ("perish", "killed", &[Subject]),
        ("drown", "killed", &[Subject, Passive]),
        ("injure", "injured", &[Object, Passive]),
        ("wound", "injured", &[Object, Passive]),
        ("hurt", "injured", &[Object, Passive]),
        ("maim", "injured", &[Object, Passive]),
        ("detain", "detained", &[Object, Passive]),
        ("arrest", "detained", &[Object, Passive]),
        ("jail", "detained", &[Object, Passive]),
        ("imprison", "detained", &[Object, Passive]),
        ("apprehend", "detained", &[Object, Passive]),
        ("capture", "detained", &[Object, Passive]),
        ("kidnap", "kidnapped", &[Object, Passive]),
        ("abduct", "kidnapped", &[Object, Passive]),
        ("displace", "displaced", &[Object, Passive]),
        ("uproot", "displaced", &[Object, Passive]),
        ("flee", "displaced", &[Subject]),
        ("evacuate", "evacuated", &[Object, Passive]),
        ("sicken", "sickened", &[Object, Passive]),
        ("poison", "sickened", &[Object, Passive]),
        ("infect", "sickened", &[Object, Passive]),
        ("affect", "affected", &[Object, Passive]),
        ("protest", "protesters", &[Subject]),
        ("rally", "protesters", &[Subject]),
        ("march", "protesters", &[Subject]),
        ("demonstrate", "protesters", &[Subject]),
    ]
};

/// Complements that state what became of those counted: "left 12 dead", "remain missing".
const COMPLEMENTS: &[(&str, &str)] = &[
    ("dead", "killed"),
    ("missing", "missing"),
    ("injured", "injured"),
    ("wounded", "injured"),
    ("hostage", "kidnapped"),
    ("ill", "sickened"),
    ("sick", "sickened"),
    ("homeless", "displaced"),
];

/// Nouns that carry their kind ("300 dead", "34 deaths", "80 missiles").
const KIND_NOUNS: &[(&str, &str)] = &[
    ("dead", "killed"),
    ("death", "killed"),
    ("fatality", "killed"),
    ("wounded", "injured"),
    ("injured", "injured"),
    ("injury", "injured"),
    ("missing", "missing"),
    ("arrest", "detained"),
    ("hostage", "kidnapped"),
    ("evacuee", "evacuated"),
    ("protester", "protesters"),
    ("protestor", "protesters"),
    ("demonstrator", "protesters"),
    ("marcher", "protesters"),
    ("missile", "missiles"),
    ("rocket", "missiles"),
    ("drone", "drones"),
    ("uav", "drones"),
    ("troop", "troops"),
];

/// Nouns of the form "the killing of 20 civilians" and the kind they give.
const EVENT_NOUNS: &[(&str, &str)] = &[
    ("death", "killed"),
    ("killing", "killed"),
    ("murder", "killed"),
    ("massacre", "killed"),
    ("arrest", "detained"),
    ("detention", "detained"),
    ("abduction", "kidnapped"),
    ("kidnapping", "kidnapped"),
    ("evacuation", "evacuated"),
    ("displacement", "displaced"),
];

/// Verbs that set a toll to a number: "rose to 57", "put the toll at 48".
#[rustfmt::skip]
const TOLL_VERBS: &[&str] = &[
    "rise", "climb", "jump", "reach", "increase", "hit", "stand", "revise", "raise", "put", "bring",
    "surpass", "exceed", "top", "pass", "soar", "grow", "mount", "lower", "reduce", "update",
    "lift",
];

/// Nouns naming a toll or a tally.
const TOLL_NOUNS: &[&str] = &["toll", "tally", "number", "figure", "count"];

/// Soldiers are counted as troops when they are sent somewhere, not when they are victims.
#[rustfmt::skip]
const TROOP_VERBS: &[&str] = &[
    "deploy", "send", "dispatch", "station", "mass", "amass", "mobilize", "mobilise", "move",
    "withdraw",
];
#[rustfmt::skip]
const SOLDIER_NOUNS: &[&str] = &[
    "soldier", "serviceman", "servicemember", "reservist", "marine", "paratrooper",
];

/// Nouns for people, which casualty predicates count.
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "people", "person", "civilian", "child", "kid", "baby", "infant", "toddler", "adult", "woman",
    "man", "men", "women", "children", "resident", "villager", "citizen", "inhabitant", "soldier",
    "troop", "serviceman", "servicemember", "fighter", "militant", "insurgent", "rebel", "gunman",
    "attacker", "police", "policeman", "policemen", "officer", "guard", "worker", "employee",
    "staff", "student", "pupil", "teacher", "passenger", "crew", "sailor", "pilot", "driver",
    "migrant", "refugee", "pilgrim", "worshipper", "tourist", "miner", "fisherman", "farmer",
    "journalist", "reporter", "patient", "doctor", "nurse", "medic", "paramedic", "rescuer",
    "firefighter", "volunteer", "member", "protester", "protestor", "demonstrator", "activist",
    "hostage", "prisoner", "detainee", "inmate", "teenager", "teen", "boy", "girl", "victim",
    "other", "individual", "national", "foreigner", "fan", "spectator", "guest", "shopper",
    "customer", "suspect", "opponent", "supporter", "official", "lawmaker", "politician", "leader",
    "commander", "hiker", "climber", "motorist", "pedestrian", "commuter", "traveller", "traveler",
    "voter", "family", "they", "them", "whom", "those", "more", "personnel", "occupant", "survivor",
    "settler", "youth", "bystander", "peacekeeper", "shepherd", "herder", "monk", "priest", "nun",
    "athlete", "player", "mourner", "rioter", "looter", "trader", "vendor", "labourer", "laborer",
    "relative", "brother", "sister", "mother", "father", "son", "daughter", "wife", "husband",
    "parent", "elder", "assailant", "bomber", "sniper", "hijacker", "smuggler", "trafficker",
    "kidnapper", "captive", "evacuee", "tenant", "homeowner", "guerrilla", "combatant", "recruit",
    "cadet", "trainee", "diplomat", "envoy", "monitor", "inspector", "observer", "contractor",
];

/// Endings of compound person nouns: "schoolgirl", "fisherman", "townspeople", "firefighter".
#[rustfmt::skip]
const PERSON_ENDINGS: &[&str] = &[
    "man", "men", "woman", "women", "girl", "boy", "people", "person", "child", "children",
    "worker", "member", "fighter", "keeper", "officer", "soldier", "guard",
];

fn lookup(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// Whether `noun` (the counted noun) names people: a person noun, a compound ending in one
/// ("schoolgirls"), an agent noun in "-ist" ("separatists"), or any noun a nationality or
/// group qualifies ("three Jewish settlers", "Afghans").
fn is_person(tree: &Tree, noun: usize) -> bool {
    let lemma = tree.lemma(noun);
    let lower = tree.lower(noun);
    let norp = |i: usize| {
        tree.doc
            .ents
            .iter()
            .any(|e| e.label == "NORP" && e.tokens().contains(&i))
    };
    PERSON_NOUNS.contains(&lemma)
        || PERSON_NOUNS.contains(&lower.as_str())
        || [lemma, lower.as_str()].iter().any(|w| {
            PERSON_ENDINGS
                .iter()
                .any(|end| w.len() > end.len() + 2 && w.ends_with(end))
        })
        || lemma.len() >= 7 && lemma.ends_with("ist")
        || norp(noun)
        || tree.children_with(noun, &["amod", "compound"]).any(norp)
}

/// Whether `pred` does not state what happened: negated, modal, or embedded under "tried to"
/// and the like, as for events.
fn unasserted(tree: &Tree, pred: usize) -> bool {
    modality::of_verb(tree, pred) != Modality::Asserted
}

/// Whether an action verb is in the habitual present ("2,200 people die of lung cancer each
/// year"), which states no event.
fn habitual(tree: &Tree, pred: usize) -> bool {
    matches!(tree.tag(pred), "VBP" | "VBZ") && tree.child_with(pred, &["aux", "auxpass"]).is_none()
}

/// Decides whether the number phrase counts something, and what.
fn classify(tree: &Tree, number: Number, found: &[Found]) -> Option<Found> {
    let a = number.anchor;
    // The noun the number counts, and the token whose role in the clause matters.
    let (noun, mut role) = if tree.dep(a) == "nummod" {
        (tree.head(a), tree.head(a))
    } else {
        (a, a)
    };
    // "dozens of protesters", "30 of them": the class is the object of "of".
    let class = if noun == a {
        tree.prep_objects(a, &["of"]).next().unwrap_or(a)
    } else {
        noun
    };
    // "10 of the 26 deaths": a share of a count stated beside it, not a count of its own.
    if class != noun
        && tree
            .children_with(class, &["nummod"])
            .any(|n| numberish(tree, n))
    {
        return None;
    }
    while tree.dep(role) == "conj"
        && (tree.is_nominal(tree.head(role)) || numberish(tree, tree.head(role)))
    {
        role = tree.head(role);
    }
    let make = |kind: &'static str, rule: String, giver: usize, parent: Option<usize>| {
        let lo = number.first.min(noun).min(giver);
        let hi = number.last.max(noun).max(giver);
        let (lo, hi) = if hi - lo > 12 {
            (number.first.min(noun), number.last.max(noun))
        } else {
            (lo, hi)
        };
        Found {
            number: number.clone(),
            kind,
            rule,
            span: (lo, hi),
            parent,
            role,
            giver,
        }
    };

    // A part of an earlier count: "including 15 children", "among them two children".
    let part_noun = noun != a && is_person(tree, noun) || noun == a && is_digits(&tree.lower(a));
    if let Some((parent, via)) = sub_count_parent(tree, role, found).filter(|_| part_noun) {
        return Some(make(
            found[parent].kind,
            format!("count:part-of:{}", tree.lemma(via)),
            role,
            Some(parent),
        ));
    }

    let class_lemma = tree.lemma(class).to_string();
    // A bare "one" is a pronoun ("including one where ...", "one of the injured"), not a count.
    let bare = class == a;
    if noun == a && tree.lower(a) == "one" {
        return None;
    }
    let person = bare || is_person(tree, class);

    // The predicate the counted noun is an argument of.
    let mut slots: Vec<(usize, Slot)> = Vec::new();
    match tree.dep(role) {
        "dobj" => slots.push((tree.head(role), Slot::Object)),
        "nsubjpass" => slots.push((tree.head(role), Slot::Passive)),
        "nsubj" => {
            // "50 wounded", "another 1,670 injured": a transitive verb without an object, its
            // auxiliary elided, states what happened to its subject (tagged VBN or, wrongly, VBD).
            let h = tree.head(role);
            let elided = tree.child_with(h, &["aux", "dobj"]).is_none()
                && (tree.tag(h) == "VBN" || tree.dep(h) == "conj" && tree.is_passive(tree.head(h)));
            slots.push((h, if elided { Slot::Passive } else { Slot::Subject }));
        }
        _ => {}
    }
    for c in tree.children_with(role, &["acl", "relcl"]) {
        let slot = if tree.is_passive(c) || tree.tag(c) == "VBN" {
            Slot::Passive
        } else {
            Slot::Subject
        };
        slots.push((c, slot));
    }

    for &(pred, slot) in &slots {
        if !tree.is_verb(pred) || unasserted(tree, pred) {
            continue;
        }
        let lemma = tree.lemma(pred);
        // Troops sent somewhere.
        if (class_lemma == "troop" || SOLDIER_NOUNS.contains(&class_lemma.as_str()))
            && TROOP_VERBS.contains(&lemma)
            && matches!(slot, Slot::Object | Slot::Passive)
        {
            return Some(make(
                "troops",
                format!("count:troops-of:{lemma}"),
                pred,
                None,
            ));
        }
        if person {
            if let Some((_, kind, allowed)) = PREDICATES.iter().find(|(l, _, _)| *l == lemma) {
                if allowed.contains(&slot) && !habitual(tree, pred) {
                    let name = match slot {
                        Slot::Object => "object-of",
                        Slot::Passive => "passive-subject-of",
                        Slot::Subject => "subject-of",
                    };
                    return Some(make(kind, format!("count:{name}:{lemma}"), pred, None));
                }
            }
            // "forced 200,000 from their homes".
            let from_home = tree
                .prep_objects(pred, &["from", "out"])
                .any(|o| matches!(tree.lemma(o), "home" | "house" | "village"));
            if from_home && matches!(slot, Slot::Object | Slot::Passive) {
                return Some(make(
                    "displaced",
                    format!("count:from-home:{lemma}"),
                    pred,
                    None,
                ));
            }
            // "shot the settler dead": the complement is the object's, not the subject's.
            let own_object = tree.child_with(pred, &["dobj"]).is_some_and(|o| o != role);
            for c in tree.children_with(pred, &["oprd", "acomp", "xcomp", "advmod"]) {
                if slot == Slot::Subject && own_object {
                    break;
                }
                if let Some(kind) = lookup(COMPLEMENTS, tree.lemma(c))
                    .or_else(|| lookup(COMPLEMENTS, &tree.lower(c)))
                {
                    let mut f = make(
                        kind,
                        format!("count:complement:{lemma}-{}", tree.lower(c)),
                        pred,
                        None,
                    );
                    f.span = (f.span.0.min(c), f.span.1.max(c));
                    return Some(f);
                }
            }
        }
    }
    if slots
        .iter()
        .any(|&(p, _)| tree.is_verb(p) && unasserted(tree, p))
    {
        return None;
    }

    // Tolls: "rose to 57", "a toll of 48", "put the death toll at 48".
    if let Some(f) = toll(tree, role, found) {
        return Some(make(f.0, f.1, f.2, None));
    }

    // "the deaths of 34 people", "the evacuation of 5,000 residents".
    if tree.dep(role) == "pobj" && person {
        let prep = tree.head(role);
        let owner = tree.head(prep);
        if tree.lemma(prep) == "of" {
            if let Some(kind) = lookup(EVENT_NOUNS, tree.lemma(owner)) {
                return Some(make(
                    kind,
                    format!("count:event-noun:{}", tree.lemma(owner)),
                    owner,
                    None,
                ));
            }
        }
    }

    // The counted noun carries the kind: "300 dead", "80 missiles", "10,000 troops".
    if class != a {
        let lemma = tree.lemma(class);
        let word = tree.lower(class);
        if let Some(kind) = lookup(KIND_NOUNS, lemma).or_else(|| lookup(KIND_NOUNS, &word)) {
            if !(kind == "protesters"
                && slots
                    .iter()
                    .any(|&(p, _)| PREDICATES.iter().any(|(l, _, _)| *l == tree.lemma(p))))
            {
                return Some(make(kind, format!("count:noun:{lemma}"), class, None));
            }
        }
    }
    None
}

/// For a count in a sub-count slot ("including 15 children"), its parent's index and the
/// word that marks the part.
fn sub_count_parent(tree: &Tree, role: usize, found: &[Found]) -> Option<(usize, usize)> {
    let sent = tree.sentence_index(role);
    let before = |f: &Found| {
        tree.sentence_index(f.number.anchor) == sent && f.number.anchor < role && f.parent.is_none()
    };
    // "including 15 children": the count is the object of "including"/"among".
    if tree.dep(role) == "pobj" {
        let prep = tree.head(role);
        if matches!(tree.lemma(prep), "include" | "including" | "among") {
            let attached = tree.head(prep);
            let parent = found
                .iter()
                .rposition(|f| {
                    before(f)
                        && (f.role == attached
                            || f.giver == attached
                            || f.number.anchor == attached)
                })
                .or_else(|| found.iter().rposition(before))?;
            return Some((parent, prep));
        }
    }
    // "among them two children", "14 of them Australians": the count carries "them".
    for p in tree.children_with(role, &["prep"]) {
        if matches!(tree.lemma(p), "among" | "of")
            && tree
                .children_with(p, &["pobj"])
                .any(|o| matches!(tree.lemma(o), "they" | "them" | "whom" | "those"))
        {
            let parent = found.iter().rposition(before)?;
            return Some((parent, p));
        }
    }
    None
}

/// A toll set to the number: its kind, the rule, and the toll noun.
fn toll(tree: &Tree, role: usize, found: &[Found]) -> Option<(&'static str, String, usize)> {
    let toll_noun_of = |i: usize| TOLL_NOUNS.contains(&tree.lemma(i));
    let (noun, rule) = match tree.dep(role) {
        "pobj" => {
            let prep = tree.head(role);
            let owner = tree.head(prep);
            match tree.lemma(prep) {
                "to" | "at"
                    if TOLL_VERBS.contains(&tree.lemma(owner)) && !unasserted(tree, owner) =>
                {
                    let noun = tree
                        .children_with(owner, &["nsubj", "nsubjpass", "dobj"])
                        .find(|&n| toll_noun_of(n))?;
                    (noun, format!("count:toll:{}", tree.lemma(owner)))
                }
                "of" if toll_noun_of(owner) => (owner, "count:toll-of".to_string()),
                _ => return None,
            }
        }
        "attr" => {
            let verb = tree.head(role);
            let noun = tree
                .children_with(verb, &["nsubj"])
                .find(|&n| toll_noun_of(n))?;
            (noun, "count:toll-is".to_string())
        }
        _ => return None,
    };
    let kind = toll_kind(tree, noun).or_else(|| {
        // "lowering the figure to eight": the figure is the latest count's.
        (tree.lemma(noun) != "number")
            .then(|| {
                found
                    .iter()
                    .rev()
                    .find(|f| f.parent.is_none())
                    .map(|f| f.kind)
            })
            .flatten()
    })?;
    Some((kind, rule, noun))
}

/// What a toll counts: "death toll" and a bare "toll" count the dead; "the number of injured".
fn toll_kind(tree: &Tree, noun: usize) -> Option<&'static str> {
    for m in tree.children_with(noun, &["compound", "amod"]) {
        match tree.lemma(m) {
            "death" => return Some("killed"),
            "injury" => return Some("injured"),
            _ => {}
        }
    }
    for o in tree.prep_objects(noun, &["of"]) {
        let lemma = tree.lemma(o);
        if let Some(kind) = lookup(KIND_NOUNS, lemma).or_else(|| lookup(COMPLEMENTS, lemma)) {
            if !matches!(kind, "missiles" | "drones" | "troops" | "protesters") {
                return Some(kind);
            }
        }
        for c in tree.children_with(o, &["acl", "amod"]) {
            if let Some((_, kind, _)) = PREDICATES.iter().find(|(l, _, _)| *l == tree.lemma(c)) {
                return Some(kind);
            }
        }
    }
    match tree.lemma(noun) {
        "toll" if tree.child_with(noun, &["compound"]).is_none() => Some("killed"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_value;

    fn value(words: &str) -> Option<(u64, bool)> {
        let w: Vec<String> = words.split(' ').map(str::to_string).collect();
        parse_value(&w)
    }

    #[test]
    fn parses_digits_words_and_scales() {
        assert_eq!(value("1,670"), Some((1670, false)));
        assert_eq!(value("a dozen"), Some((12, false)));
        assert_eq!(value("two dozen"), Some((24, false)));
        assert_eq!(value("twenty - five"), Some((25, false)));
        assert_eq!(value("1.5 million"), Some((1_500_000, false)));
        assert_eq!(value("two hundred"), Some((200, false)));
        assert_eq!(value("three thousand five hundred"), Some((3500, false)));
    }

    #[test]
    fn plural_orders_of_magnitude_are_approximate() {
        assert_eq!(value("dozens"), Some((24, true)));
        assert_eq!(value("hundreds"), Some((200, true)));
        assert_eq!(value("tens of thousands"), Some((20_000, true)));
        assert_eq!(value("hundreds of thousands"), Some((200_000, true)));
    }

    #[test]
    fn rejects_fractions_and_words_that_are_not_numbers() {
        assert_eq!(value("6.8"), None);
        assert_eq!(value("several"), None);
    }
}
