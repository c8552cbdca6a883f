//! Binding an event's fields within its clause: participants from the trigger's dependents,
//! entities by mention offsets, the date from the nearest clause that states one.

use super::lexicon::{self, Need, VerbSense};
use super::modality;
use super::tree::Tree;
use super::{mention, sentence_span};
use crate::analysis::{Entity, Event, Mention, Modality, TimeExpr};

/// Dependency labels that open a clause of their own.
#[rustfmt::skip]
const CLAUSAL: &[&str] = &[
    "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass",
];

/// Prepositions whose objects are acted upon.
#[rustfmt::skip]
const TARGET_PREPS: &[&str] = &[
    "on", "against", "upon", "at", "into", "with", "to", "toward", "towards",
];
/// Prepositions whose objects say where.
#[rustfmt::skip]
const PLACE_PREPS: &[&str] =
    &["in", "at", "near", "outside", "inside", "across", "throughout", "around", "over", "off", "within", "through"];

/// Compounds that name how a strike was made ("air strike", "drone attack").
#[rustfmt::skip]
const WEAPON_COMPOUNDS: &[&str] = &[
    "air", "missile", "drone", "rocket", "artillery", "mortar", "suicide", "car", "truck", "bomb",
    "terror", "terrorist", "naval", "ground", "cruise", "ballistic", "helicopter", "sniper",
    "knife",
];

/// Nouns for people who meet and are visited.
#[rustfmt::skip]
const PARTY_NOUNS: &[&str] = &[
    "counterpart", "leader", "president", "minister", "envoy", "delegation", "official",
    "representative", "ambassador", "king", "queen", "prince", "pope", "chancellor", "premier",
    "secretary", "diplomat", "negotiator", "mediator", "chief", "head", "commander", "general",
    "governor", "mayor", "senator", "lawmaker", "family", "families", "victim", "survivor", "troop",
    "counterparts", "delegate", "emissary", "prisoner", "soldier", "fighter", "militant", "suspect",
    "civilian", "hostage",
];

/// Nouns that count a noun event in their "of" object ("a wave of strikes").
#[rustfmt::skip]
const PARTITIVES: &[&str] = &[
    "one", "series", "wave", "barrage", "round", "spate", "string", "volley", "salvo", "some",
    "several", "part",
];
/// Prepositions that place a noun event before or after its clause's time ("after his visit").
#[rustfmt::skip]
const TEMPORAL_PREPS: &[&str] = &[
    "after", "before", "since", "until", "following", "ahead", "prior",
];

/// Nouns for armed men, whose verbs of striking are attacks.
#[rustfmt::skip]
const ARMED_NOUNS: &[&str] = &[
    "troop", "force", "soldier", "militant", "gunman", "fighter", "army", "military", "rebel",
    "insurgent", "jihadist", "terrorist", "navy", "militia", "sniper", "bomber", "attacker",
    "assailant",
];
/// Objects that make "struck", "hit" figurative ("struck a deal", "hit a record").
#[rustfmt::skip]
const FIGURATIVE_OBJECTS: &[&str] = &[
    "deal", "agreement", "accord", "pact", "balance", "tone", "note", "chord", "compromise",
    "bargain", "blow", "record", "high", "low", "peak", "level", "milestone", "mark", "wall",
    "snag", "roadblock", "nerve",
];
/// Verbs of striking whose passive without an agent still states an attack ("Kyiv was shelled").
#[rustfmt::skip]
const PASSIVE_ATTACKS: &[&str] = &[
    "attack", "strike", "shell", "bomb", "bombard", "pound", "raid", "storm", "target", "ambush",
];

/// How a date was found, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DateRule {
    Clause,
    GoverningClause,
    Sentence,
    Paragraph,
    Preceding,
}

impl DateRule {
    fn name(self) -> &'static str {
        match self {
            DateRule::Clause => "clause",
            DateRule::GoverningClause => "governing-clause",
            DateRule::Sentence => "sentence",
            DateRule::Paragraph => "paragraph",
            DateRule::Preceding => "preceding",
        }
    }
}

/// An event found in the text, with entity and time indices, before merging.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub kind: &'static str,
    pub rule: String,
    /// First and last token of the trigger.
    pub trigger: (usize, usize),
    pub actors: Vec<usize>,
    pub targets: Vec<usize>,
    pub place: Option<usize>,
    /// Index into the dated times, and how it was found.
    pub date: Option<(usize, DateRule)>,
    pub modality: Modality,
    /// A definite noun ("the strike", "the attacks", "his visit") that may refer back to an
    /// earlier event.
    pub anaphor: bool,
    /// Whether some mention states the event itself rather than referring to it: a verb, or a
    /// noun with an actor, a date of its own clause, or a verb that carries it ("held talks").
    pub anchored: bool,
    /// Noun tokens this verb event states, which are no events of their own.
    pub consumes: Vec<usize>,
    /// Triggers of later mentions merged into this one.
    pub also: Vec<(usize, usize)>,
    /// The noun event a disapproval is about ("condemned the strikes"), whose authors it targets.
    pub about: Option<usize>,
}

impl Candidate {
    /// Entities taking part, places included.
    pub fn participants(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .actors
            .iter()
            .chain(&self.targets)
            .chain(&self.place)
            .copied()
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Takes in a later mention of the same event.
    pub fn absorb(&mut self, other: Candidate) {
        push_all(&mut self.actors, &other.actors);
        push_all(&mut self.targets, &other.targets);
        if self.place.is_none() {
            self.place = other.place;
        } else if let Some(p) = other.place {
            if Some(p) != self.place && !self.actors.contains(&p) {
                push_all(&mut self.targets, &[p]);
            }
        }
        match (self.date, other.date) {
            (None, d) => self.date = d,
            (Some((_, a)), Some((_, b))) if b < a => self.date = other.date,
            _ => {}
        }
        self.anchored |= other.anchored;
        self.also.push(other.trigger);
    }
}

fn push_all(into: &mut Vec<usize>, from: &[usize]) {
    for &x in from {
        if !into.contains(&x) {
            into.push(x);
        }
    }
}

/// A time expression with a calendar value, located in the token stream.
struct Dated {
    value: String,
    /// The token that heads the expression (its head lies outside it).
    head: usize,
    first: usize,
    last: usize,
}

/// The article's entities and times indexed by token, and the rules that bind them to triggers.
pub(crate) struct Context<'a> {
    tree: &'a Tree<'a>,
    entities: &'a [Entity],
    /// Entity mentioned at each token.
    ent_of: Vec<Option<usize>>,
    /// First token of each mention of a person, for pronouns.
    person_mentions: Vec<usize>,
    times: Vec<Dated>,
    /// Paragraph number of each token.
    paragraph: Vec<usize>,
    /// Whether each token is inside a quotation.
    quoted: Vec<bool>,
    /// Whether each token belongs to the dateline ("KYIV, June 3 (Reuters) -").
    dateline: Vec<bool>,
}

impl<'a> Context<'a> {
    /// Indexes the article's entities and dated times by token, and finds its paragraphs,
    /// quotations and dateline.
    pub fn new(tree: &'a Tree<'a>, entities: &'a [Entity], times: &[TimeExpr]) -> Context<'a> {
        let doc = tree.doc;
        let n = tree.len();
        let tok_chars: Vec<(usize, usize)> = doc
            .tokens
            .iter()
            .map(|t| (doc.char_offset(t.start), doc.char_offset(t.end)))
            .collect();
        let tokens_in = |start: usize, end: usize| -> Vec<usize> {
            let k = tok_chars.partition_point(|&(_, e)| e <= start);
            (k..n).take_while(|&i| tok_chars[i].0 < end).collect()
        };
        // People named by nationality act as their country: "the Russians" is Russia, when the
        // article names Russia ("Russian" shares "Russi" with it; the longest match wins).
        let country_of = |e: usize| -> usize {
            let ent = &entities[e];
            if ent.kind != "NORP" {
                return e;
            }
            let people = ent.name.to_lowercase();
            entities
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == "PLACE" && p.name.chars().count() >= 4)
                .filter_map(|(k, p)| {
                    let place = p.name.to_lowercase();
                    let stem: String = place.chars().take(place.chars().count() - 1).collect();
                    people.starts_with(&stem).then_some((stem.len(), k))
                })
                .max()
                .map_or(e, |(_, k)| k)
        };
        let mut ent_of = vec![None; n];
        let mut person_mentions = Vec::new();
        // Participants are people, organisations, places and nationalities; not events, works
        // or dates the entity resolver may also list.
        let participant =
            |ent: &Entity| matches!(ent.kind.as_str(), "PERSON" | "ORG" | "PLACE" | "NORP");
        for (e, ent) in entities
            .iter()
            .enumerate()
            .filter(|(_, ent)| participant(ent))
        {
            for m in &ent.mentions {
                let toks = tokens_in(m.start, m.end);
                if ent.kind == "PERSON" {
                    if let Some(&f) = toks.first() {
                        person_mentions.push(f);
                    }
                }
                for i in toks {
                    ent_of[i].get_or_insert(country_of(e));
                }
            }
        }
        person_mentions.sort_unstable();
        let mut dated = Vec::new();
        for t in times {
            let Some(value) = t
                .value
                .as_ref()
                .filter(|v| v.len() >= 4 && v[..4].bytes().all(|b| b.is_ascii_digit()))
            else {
                continue;
            };
            let toks = tokens_in(t.start, t.end);
            let (Some(&first), Some(&last)) = (toks.first(), toks.last()) else {
                continue;
            };
            let head = toks
                .iter()
                .copied()
                .find(|&i| !toks.contains(&tree.head(i)) || tree.is_root(i))
                .unwrap_or(last);
            dated.push(Dated {
                value: value.clone(),
                head,
                first,
                last,
            });
        }
        dated.sort_by_key(|d| d.first);
        let mut paragraph = Vec::with_capacity(n);
        let mut quoted = Vec::with_capacity(n);
        let (mut p, mut inside) = (0, false);
        let mut prev_end = 0;
        for t in &doc.tokens {
            // A paragraph break is a line break between tokens or in a whitespace token; a
            // quotation does not run across one.
            let gap = &doc.text[prev_end..t.start];
            let own = &doc.text[t.start..t.end];
            if gap.contains('\n') || (own.trim().is_empty() && own.contains('\n')) {
                p += 1;
                inside = false;
            }
            match own {
                "\"" => inside = !inside,
                "\u{201c}" => inside = true,
                "\u{201d}" => inside = false,
                _ => {}
            }
            paragraph.push(p);
            quoted.push(inside);
            prev_end = t.end;
        }
        let dateline = dateline(tree);
        for (i, _) in dateline.iter().enumerate().filter(|(_, &d)| d) {
            ent_of[i] = None;
        }
        person_mentions.retain(|&m| !dateline[m]);
        Context {
            tree,
            entities,
            ent_of,
            person_mentions,
            times: dated,
            paragraph,
            quoted,
            dateline,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Triggers

    /// The event a verb states, if it is an event verb whose needs are met.
    pub fn verb_event(&self, v: usize) -> Option<Candidate> {
        let t = self.tree;
        if lexicon::DISMAY.contains(&t.lower(v).as_str()) {
            return self.dismay_event(v);
        }
        if lexicon::INTENT_ADJECTIVES.contains(&t.lower(v).as_str()) {
            return self.intent_event(v);
        }
        let (sense, consumes) =
            lexicon::verb_senses(t, v).find_map(|s| self.need_met(v, s).map(|c| (s, c)))?;
        // "the fire is threatening homes", "the storm forced a retreat": a disaster does no
        // deed but its own.
        if !matches!(sense.kind, "attack" | "disaster")
            && t.child_with(v, &["nsubj"]).is_some_and(|s| {
                lexicon::noun_kind(t, s) == Some("disaster") || t.lemma(s) == "fire"
            })
        {
            return None;
        }
        // "missiles struck the city, killing 34": the killing is what the strike did.
        if let Some(h) = self.consequence_of(v) {
            let same = lexicon::verb_senses(t, h)
                .find(|s| self.need_met(h, s).is_some())
                .is_some_and(|s| s.kind == sense.kind);
            if sense.lemma == "kill" || same {
                return None;
            }
        }
        let mut c = self.candidate(
            sense.kind,
            format!("verb:{}", sense.lemma),
            (v, self.trigger_end(v)),
        );
        // "the agreement was signed in Bonn": a definite object may refer back to an event
        // already told ("signed a power-sharing agreement").
        c.anaphor = consumes.iter().any(|&n| {
            t.children_with(n, &["det"])
                .any(|d| matches!(t.lemma(d), "the" | "this" | "that"))
        });
        c.consumes = consumes;
        self.verb_arguments(v, &mut c);
        // A noun the verb consumes lends its own participants ("sanctions on Iran", "aid to Kyiv").
        for &n in &c.consumes.clone() {
            self.noun_modifiers(n, &mut c);
        }
        c.date = self.date_for(v, None, sense.need_met_by_date());
        c.modality = modality::of_verb(t, v);
        Some(c)
    }

    /// The actors a noun event names ("the Russian strike"), if `n` is an event noun.
    fn event_actors(&self, n: usize) -> Vec<usize> {
        match lexicon::noun_kind(self.tree, n) {
            Some(kind) => {
                let mut inner = self.candidate(kind, String::new(), (n, n));
                self.noun_modifiers(n, &mut inner);
                inner.actors
            }
            None => Vec::new(),
        }
    }

    /// The verb whose clause a participle clause elaborates ("missiles struck the city, killing
    /// 34"; "imposed sanctions, freezing assets and banning travel"), if `v` is one: a killing is
    /// what the strike did, a ban of the same type is part of the sanctions.
    fn consequence_of(&self, v: usize) -> Option<usize> {
        let t = self.tree;
        let mut cur = v;
        while t.dep(cur) == "conj" && t.head(cur) != cur {
            cur = t.head(cur);
        }
        (t.dep(cur) == "advcl" && t.tag(cur) == "VBG").then(|| t.head(cur))
    }

    /// "deeply alarmed and shocked by": disapproval by the subject.
    fn dismay_event(&self, w: usize) -> Option<Candidate> {
        let t = self.tree;
        let by = t.prep_objects(w, &["by", "at", "over"]).next();
        let holder = if t.dep(w) == "acomp" || t.dep(w) == "conj" {
            t.head(w)
        } else {
            w
        };
        let holder = if t.dep(holder) == "acomp" {
            t.head(holder)
        } else {
            holder
        };
        let by = by.or_else(|| {
            t.children_with(w, &["conj"])
                .find_map(|c| t.prep_objects(c, &["by", "at", "over"]).next())
        })?;
        let mut c = self.candidate("disapprove", format!("dismay:{}", t.lower(w)), (w, w));
        for s in t
            .children_with(holder, &["nsubj", "nsubjpass"])
            .chain(t.children_with(w, &["nsubjpass"]))
        {
            push_all(&mut c.actors, &self.np_entities(s));
        }
        // Dismay at an attack is disapproval of its authors.
        let authors = self.event_actors(by);
        if lexicon::noun_kind(t, by).is_some() {
            c.about = Some(by);
        }
        if authors.is_empty() {
            push_all(&mut c.targets, &self.np_entities(by));
        }
        push_all(&mut c.targets, &authors);
        c.date = self.date_for(holder, None, false);
        c.modality = modality::of_verb(t, holder);
        Some(c)
    }

    /// "he was willing to meet Vajpayee": an intent by the subject, towards those the intended
    /// act involves, stated when the clause is; a threat when the act is one of force ("ready
    /// to strike", "prepared to respond").
    fn intent_event(&self, w: usize) -> Option<Candidate> {
        let t = self.tree;
        if t.dep(w) != "acomp" {
            return None;
        }
        let act = t
            .children_with(w, &["xcomp"])
            .find(|&x| t.children_with(x, &["aux"]).any(|a| t.tag(a) == "TO"))?;
        let holder = t.head(w);
        let force = lexicon::FORCE_VERBS.contains(&t.lemma(act))
            || lexicon::verb_senses(t, act).any(|s| matches!(s.kind, "attack" | "coerce"));
        let kind = if force { "threaten" } else { "intend" };
        let mut c = self.candidate(kind, format!("intent:{}", t.lower(w)), (w, w));
        for s in t.children_with(holder, &["nsubj", "nsubjpass"]) {
            push_all(&mut c.actors, &self.np_entities(s));
        }
        let mut intended = self.candidate("intend", String::new(), (act, act));
        self.verb_arguments(act, &mut intended);
        for e in intended.actors.into_iter().chain(intended.targets) {
            if !c.actors.contains(&e) && !c.targets.contains(&e) {
                c.targets.push(e);
            }
        }
        c.place = intended.place;
        c.date = self.date_for(holder, None, false);
        c.modality = modality::of_verb(t, holder);
        Some(c)
    }

    /// The event a noun states, if it is an event noun.
    pub fn noun_event(&self, n: usize) -> Option<Candidate> {
        let t = self.tree;
        // "the storm clean-up", "an attack helicopter": a modifier names no event.
        if t.dep(n) == "compound" {
            return None;
        }
        let kind = lexicon::noun_kind(t, n)?;
        // "Monday's quake": a noun modified by its own verb's subject slot is still the event.
        let mut c = self.candidate(
            kind,
            format!("noun:{}", t.lemma(n)),
            (self.noun_start(n), n),
        );
        self.noun_modifiers(n, &mut c);
        let support = self.support_verb(n).or_else(|| {
            if kind == "consult" {
                self.frame_verb(n)
            } else {
                None
            }
        });
        if let Some((s, role)) = support {
            self.support_arguments(n, s, role, &mut c);
        }
        c.anaphor = t
            .children_with(n, &["det"])
            .any(|d| matches!(t.lemma(d), "the" | "this" | "that" | "these" | "those"))
            || t.child_with(n, &["poss"]).is_some() && !t.is_plural(n);
        let pos = self.clause_position(n);
        let shifted = t.dep(pos) == "pobj" && TEMPORAL_PREPS.contains(&t.lemma(t.head(pos)));
        c.date = if shifted {
            // "a few days after his visit": the clause's date is not the visit's.
            self.noun_date(n)
        } else {
            let clause = support.map(|(s, _)| s).or_else(|| self.governing_verb(pos));
            self.date_for(clause.unwrap_or(n), Some(n), false)
        };
        c.modality = modality::of_noun(t, n);
        c.anchored = support.is_some()
            || !c.actors.is_empty()
            || matches!(c.date, Some((_, DateRule::Clause)));
        // Statements are events only when dated in their own clause, as for verbs.
        if kind == "statement" && !matches!(c.date, Some((_, DateRule::Clause))) {
            return None;
        }
        Some(c)
    }

    fn candidate(&self, kind: &'static str, rule: String, trigger: (usize, usize)) -> Candidate {
        Candidate {
            kind,
            rule,
            trigger,
            actors: Vec::new(),
            targets: Vec::new(),
            place: None,
            date: None,
            modality: Modality::Asserted,
            anaphor: false,
            anchored: true,
            consumes: Vec::new(),
            also: Vec::new(),
            about: None,
        }
    }

    /// Whether a verb sense's need is met at `v`; the noun tokens it consumes.
    fn need_met(&self, v: usize, s: &VerbSense) -> Option<Vec<usize>> {
        let t = self.tree;
        let objects = || self.objects(v);
        let in_list = |i: usize, list: &[&str]| list.is_empty() || list.contains(&t.lemma(i));
        match s.need {
            Need::Nothing => Some(Vec::new()),
            Need::Prep(preps) => t
                .children_with(v, &["prep"])
                .any(|p| preps.contains(&t.lemma(p)))
                .then(Vec::new),
            Need::Particle(p) => self.has_particle(v, p).then(Vec::new),
            Need::ActiveParticle(p) => (self.has_particle(v, p) && !t.is_passive(v)).then(Vec::new),
            Need::Object(list) => {
                let hit: Vec<usize> = objects()
                    .into_iter()
                    .filter(|&o| in_list(o, list))
                    .collect();
                (!hit.is_empty()).then_some(hit)
            }
            Need::ParticleObject(p, list) => {
                if !self.has_particle(v, p) {
                    return None;
                }
                let hit: Vec<usize> = objects()
                    .into_iter()
                    .filter(|&o| in_list(o, list))
                    .collect();
                (!hit.is_empty()).then_some(hit)
            }
            Need::PrepObject(p, list) => {
                let hit: Vec<usize> = t
                    .prep_objects(v, &[p])
                    .filter(|&o| in_list(o, list))
                    .collect();
                (!hit.is_empty()).then(Vec::new)
            }
            // "protesters rallied ..., the largest demonstration in weeks": an event noun in
            // apposition is parsed as an object.
            Need::Intransitive => t
                .children_with(v, &["dobj"])
                .all(|o| lexicon::noun_kind(t, o) == Some(s.kind))
                .then(Vec::new),
            Need::ArmedSubject => self.armed_subject(v).then(Vec::new),
            Need::Dated => self.date_for(v, None, true).is_some().then(Vec::new),
            Need::Party => {
                let objects = objects();
                let party = objects.is_empty() || objects.iter().any(|&o| self.is_party(o));
                (party && (!t.is_passive(v) || s.kind == "coerce")).then(Vec::new)
            }
            Need::PlaceObject => objects()
                .into_iter()
                .any(|o| self.names_place(o))
                .then(Vec::new),
            Need::PersonObject => objects()
                .into_iter()
                .any(|o| self.is_person(o))
                .then(Vec::new),
            Need::Infinitive => t
                .children_with(v, &["xcomp"])
                .any(|c| t.children_with(c, &["aux"]).any(|a| t.tag(a) == "TO"))
                .then(Vec::new),
            Need::Commitment => {
                let clause = t.child_with(v, &["xcomp", "ccomp"]).is_some();
                let given = t.children_with(v, &["dobj"]).any(|o| {
                    t.child_with(v, &["dative"]).is_some()
                        || t.prep_objects(o, &["to", "for"]).next().is_some()
                }) || t.prep_objects(v, &["to"]).next().is_some()
                    && t.child_with(v, &["dobj"]).is_some();
                (clause || given).then(Vec::new)
            }
            Need::PartyObject => {
                let objects = objects();
                (!objects.is_empty() && objects.iter().all(|&o| self.is_party(o))).then(Vec::new)
            }
        }
    }

    /// Whether a noun phrase is a place by name ("Avdiivka", "the town of Bakhmut"), not a
    /// thing or people of one ("Russian soldiers").
    fn names_place(&self, np: usize) -> bool {
        let t = self.tree;
        let named = |i: usize| self.ent_of[i].is_some_and(|e| self.is_place(e));
        named(np)
            || t.children_with(np, &["appos"]).any(named)
            || t.prep_objects(np, &["of"]).any(named)
    }

    /// Whether a noun phrase names a person or people ("Hicks", "him", "two soldiers").
    fn is_person(&self, np: usize) -> bool {
        let t = self.tree;
        match self.ent_of[np] {
            Some(e) => self.entities[e].kind == "PERSON",
            None => is_pronoun(t, np) || PARTY_NOUNS.contains(&t.lemma(np)),
        }
    }

    /// Whether a noun phrase names an entity or people ("Putin", "him", "his counterpart", "the
    /// envoy, Kirill Dmitriev"), not a thing of theirs ("Nauru's bills").
    fn is_party(&self, np: usize) -> bool {
        let t = self.tree;
        self.ent_of[np].is_some()
            || is_pronoun(t, np)
            || PARTY_NOUNS.contains(&t.lemma(np))
            || t.children_with(np, &["appos"])
                .any(|a| self.ent_of[a].is_some())
    }

    fn has_particle(&self, v: usize, p: &str) -> bool {
        let t = self.tree;
        t.children_with(v, &["prt", "advmod", "prep"])
            .any(|c| t.lower(c) == p)
    }

    /// Direct objects of `v` with their conjuncts; passive subjects count as objects.
    fn objects(&self, v: usize) -> Vec<usize> {
        let t = self.tree;
        let mut out = Vec::new();
        for o in t.children_with(v, &["dobj", "nsubjpass"]) {
            out.extend(t.with_conjuncts(o));
        }
        out
    }

    /// Whether `v`'s subject is armed: a non-person entity, a weapon, armed men; or `v` is a
    /// passive attack verb without an agent.
    fn armed_subject(&self, v: usize) -> bool {
        let t = self.tree;
        if t.children_with(v, &["dobj"])
            .any(|o| FIGURATIVE_OBJECTS.contains(&t.lemma(o)))
        {
            return false;
        }
        let agent = t.prep_objects(v, &["by"]).next();
        let subject = if t.is_passive(v) {
            agent
        } else {
            t.children_with(v, &["nsubj"])
                .find(|&s| !self.dateline[s])
                .or_else(|| self.inherited_subject(v))
        };
        let Some(s) = subject else {
            return t.is_passive(v) && PASSIVE_ATTACKS.contains(&t.lemma(v));
        };
        if lexicon::noun_kind(t, s).is_some() {
            return false;
        }
        let lemma = t.lemma(s);
        if lexicon::WEAPON_NOUNS.contains(&lemma) || ARMED_NOUNS.contains(&lemma) {
            return true;
        }
        match self.ent_of[s] {
            Some(e) => self.entities[e].kind != "PERSON",
            None => false,
        }
    }

    /// The last token of a verb trigger: its particle, if it has one ("cut off").
    fn trigger_end(&self, v: usize) -> usize {
        let t = self.tree;
        t.children_with(v, &["prt"])
            .filter(|&p| p == v + 1)
            .last()
            .unwrap_or(v)
    }

    /// The first token of a noun trigger: its compounds ("missile strike", "peace talks").
    fn noun_start(&self, n: usize) -> usize {
        let t = self.tree;
        let mut first = n;
        while first > 0
            && t.head(first - 1) == n
            && t.dep(first - 1) == "compound"
            && self.ent_of[first - 1].is_none()
        {
            first -= 1;
        }
        first
    }

    // -----------------------------------------------------------------------------------------
    // Arguments

    /// Subject, objects and prepositional arguments of a verb trigger.
    fn verb_arguments(&self, v: usize, c: &mut Candidate) {
        let t = self.tree;
        let passive = t.is_passive(v);
        let subjects: Vec<usize> = t.children_with(v, &["nsubj"]).collect();
        if subjects.is_empty() && !passive {
            if let Some(s) = self.inherited_subject(v) {
                push_all(&mut c.actors, &self.np_entities(s));
            }
        }
        for s in subjects {
            push_all(&mut c.actors, &self.np_entities(s));
        }
        for a in t.prep_objects(v, &["by"]) {
            if passive {
                push_all(&mut c.actors, &self.np_entities(a));
            }
        }
        for o in t.children_with(v, &["dobj", "nsubjpass", "dative"]) {
            if c.consumes.contains(&o) {
                continue;
            }
            push_all(&mut c.targets, &self.np_entities(o));
            self.prep_place(o, c);
            // Condemning an attack is condemning its authors.
            if c.kind == "disapprove" && lexicon::noun_kind(t, o).is_some() {
                push_all(&mut c.targets, &self.event_actors(o));
                c.about = Some(o);
            }
            // "demanded an apology from Ukraine", "sent a letter to Kyiv".
            for p in t.children_with(o, &["prep"]) {
                let lemma = t.lemma(p);
                if matches!(lemma, "on" | "against" | "to")
                    || lemma == "from" && matches!(c.kind, "demand" | "appeal")
                {
                    for x in t.children_with(p, &["pobj"]) {
                        push_all(&mut c.targets, &self.np_entities(x));
                    }
                }
            }
        }
        self.prep_arguments(v, c);
        self.place_from_targets(c);
    }

    /// Arguments carried by prepositions of `head` (a verb or a noun trigger).
    fn prep_arguments(&self, head: usize, c: &mut Candidate) {
        let t = self.tree;
        for p in t.children_with(head, &["prep"]) {
            let lemma = t.lemma(p);
            for o in t.children_with(p, &["pobj"]) {
                if lemma == "between" {
                    push_all(&mut c.actors, &self.np_entities(o));
                } else if PLACE_PREPS.contains(&lemma) && self.place_of_np(o).is_some() {
                    let place = self.place_of_np(o);
                    if c.place.is_none() {
                        c.place = place;
                    }
                } else if TARGET_PREPS.contains(&lemma)
                    && (lemma != "at" || matches!(c.kind, "attack" | "disapprove"))
                    || lemma == "from" && matches!(c.kind, "demand" | "appeal")
                {
                    for e in self.np_entities(o) {
                        if self.is_place(e) && lemma == "to" && c.kind == "consult" {
                            c.place.get_or_insert(e);
                        } else {
                            push_all(&mut c.targets, &[e]);
                        }
                    }
                    self.prep_place(o, c);
                }
            }
        }
    }

    /// Attacks, disasters and visits happen where their target place is.
    fn place_from_targets(&self, c: &mut Candidate) {
        if c.place.is_none()
            && matches!(
                c.kind,
                "attack" | "disaster" | "consult" | "protest" | "mobilize"
            )
        {
            c.place = c.targets.iter().copied().find(|&e| self.is_place(e));
        }
    }

    /// Participants a noun trigger carries: "Russia's attack on Sumy", "talks with Iran in Oman".
    fn noun_modifiers(&self, n: usize, c: &mut Candidate) {
        let t = self.tree;
        // "three Russian diplomats", "Israeli hostages": people are what they are.
        let people = lexicon::PERSON_OBJECTS.contains(&t.lemma(n));
        for m in t.children_with(n, &["poss", "amod", "compound", "nmod"]) {
            let Some(e) = self.ent_of[m] else {
                if t.dep(m) == "poss" && is_pronoun(t, m) {
                    push_all(
                        &mut c.actors,
                        &self.resolve_pronoun(m).into_iter().collect::<Vec<_>>(),
                    );
                }
                continue;
            };
            // "the Sumy attack", "the Nepal earthquake": a place compounded with a strike or a
            // disaster is what it hit, unless the noun names its target ("US bombing of
            // Kandahar") or its weapon ("US air strikes"); "Hamas attack", "US aid", "EU
            // sanctions" are by those named.
            let named_target = t
                .children_with(n, &["prep"])
                .filter(|&p| matches!(t.lemma(p), "on" | "against" | "of" | "upon"))
                .flat_map(|p| t.children_with(p, &["pobj"]))
                .any(|o| !self.is_time(o));
            let weapon = t
                .children_with(n, &["compound"])
                .any(|w| WEAPON_COMPOUNDS.contains(&t.lemma(w)));
            let struck = match c.kind {
                "attack" => self.is_place(e) && !named_target && !weapon,
                "disaster" | "protest" | "election" => true,
                _ => false,
            };
            if t.dep(m) == "compound" && struck {
                if self.is_place(e) {
                    c.place.get_or_insert(e);
                }
                push_all(&mut c.targets, &[e]);
            } else if people && t.dep(m) != "poss" {
                push_all(&mut c.targets, &[e]);
            } else {
                push_all(&mut c.actors, &[e]);
            }
        }
        for p in t.children_with(n, &["prep"]) {
            let lemma = t.lemma(p);
            for o in t.children_with(p, &["pobj"]) {
                match lemma {
                    "by" | "from" => push_all(&mut c.actors, &self.np_entities(o)),
                    "between" | "among" => push_all(&mut c.actors, &self.np_entities(o)),
                    "at" if c.kind == "attack" => push_all(&mut c.targets, &self.np_entities(o)),
                    "on" | "against" | "of" | "upon" | "with" | "to" | "toward" | "towards"
                    | "into" => {
                        for e in self.np_entities(o) {
                            if self.is_place(e) && matches!(lemma, "to") && c.kind == "consult" {
                                c.place.get_or_insert(e);
                            } else {
                                push_all(&mut c.targets, &[e]);
                            }
                        }
                        // "a call for a ceasefire in Ukraine": where the thing called for is.
                        if matches!(c.kind, "appeal" | "demand")
                            || lexicon::noun_kind(t, o).is_none()
                        {
                            self.prep_place(o, c);
                        }
                    }
                    "for" if matches!(c.kind, "appeal" | "demand") => self.prep_place(o, c),
                    _ if PLACE_PREPS.contains(&lemma) => {
                        if let Some(place) = self.place_of_np(o) {
                            c.place.get_or_insert(place);
                        }
                    }
                    _ => {}
                }
            }
        }
        self.place_from_targets(c);
    }

    /// A verb that lends its clause to a noun event, and how: `subject` (the noun is its
    /// subject), `light` (the noun is the object of a light verb), `partake` ("took part in");
    /// `frame` ([`Context::frame_verb`]).
    fn support_verb(&self, noun: usize) -> Option<(usize, &'static str)> {
        let t = self.tree;
        let n = self.clause_position(noun);
        let h = t.head(n);
        if h == n || !t.is_verb(h) {
            // "took part in talks": noun under a preposition of a partake verb.
            if t.dep(n) == "pobj" && t.lemma(h) == "in" {
                let v = t.head(h);
                if t.is_verb(v) && lexicon::PARTAKE_VERBS.contains(&t.lemma(v)) {
                    return Some((v, "partake"));
                }
            }
            return None;
        }
        match t.dep(n) {
            "nsubj" | "nsubjpass" => Some((h, "subject")),
            "dobj" | "ccomp" if lexicon::LIGHT_VERBS.contains(&t.lemma(h)) => Some((h, "light")),
            _ => None,
        }
    }

    /// Where a noun sits in its clause: itself, or the partitive it is counted by ("one of the
    /// deadliest bombings", "a wave of strikes").
    fn clause_position(&self, n: usize) -> usize {
        let t = self.tree;
        // "A magnitude 6.1 earthquake struck": the quake stands where "magnitude" does.
        if t.dep(n) == "appos" && t.head(n) != n {
            return t.head(n);
        }
        // "held what he called productive talks": the talks stand where "what" does.
        let h = t.head(n);
        if t.dep(n) == "oprd"
            && matches!(t.lemma(h), "call" | "describe" | "term" | "dub")
            && t.children_with(h, &["dobj"]).any(|w| t.lemma(w) == "what")
            && t.dep(h) == "ccomp"
        {
            return h;
        }
        let prep = t.head(n);
        if t.dep(n) == "pobj" && t.lemma(prep) == "of" {
            let owner = t.head(prep);
            if t.tag(owner) == "CD" || PARTITIVES.contains(&t.lemma(owner)) {
                return owner;
            }
        }
        n
    }

    /// The verb of a clause a meeting frames: "during talks in Ankara, Erdogan told Macron ..."
    /// (the speakers met).
    fn frame_verb(&self, n: usize) -> Option<(usize, &'static str)> {
        let t = self.tree;
        let n = self.clause_position(n);
        let prep = t.head(n);
        let v = t.head(prep);
        (t.dep(n) == "pobj" && t.lemma(prep) == "during" && t.is_verb(v)).then_some((v, "frame"))
    }

    /// What a supporting verb adds to a noun event.
    fn support_arguments(&self, n: usize, s: usize, role: &str, c: &mut Candidate) {
        let t = self.tree;
        match role {
            "subject" => {
                // "the earthquake shook Thailand", "the strike hit a hospital in Kharkiv".
                let impact = lexicon::IMPACT_VERBS.contains(&t.lemma(s));
                for o in t.children_with(s, &["dobj"]).filter(|_| impact) {
                    push_all(&mut c.targets, &self.np_entities(o));
                    self.prep_place(o, c);
                }
                self.prep_place(s, c);
            }
            "frame" => {
                for x in t.children_with(s, &["nsubj"]) {
                    push_all(&mut c.actors, &self.np_entities(x));
                }
                for x in t.children_with(s, &["dobj", "dative"]) {
                    push_all(&mut c.targets, &self.np_entities(x));
                }
                for x in t.prep_objects(s, &["with", "to"]) {
                    push_all(&mut c.targets, &self.np_entities(x));
                }
            }
            _ => {
                let subjects: Vec<usize> = t.children_with(s, &["nsubj"]).collect();
                if subjects.is_empty() {
                    if let Some(i) = self.inherited_subject(s) {
                        push_all(&mut c.actors, &self.np_entities(i));
                    }
                }
                for x in subjects {
                    push_all(&mut c.actors, &self.np_entities(x));
                }
                for p in t.children_with(s, &["prep"]) {
                    let lemma = t.lemma(p);
                    for o in t.children_with(p, &["pobj"]) {
                        if o == n {
                            continue;
                        }
                        if matches!(lemma, "on" | "against" | "with" | "upon" | "to") {
                            push_all(&mut c.targets, &self.np_entities(o));
                        }
                    }
                }
                self.prep_place(s, c);
            }
        }
        self.place_from_targets(c);
    }

    /// A place stated by a preposition of `v`, a verb ("struck in Istanbul") or a noun argument
    /// ("the leader in Istanbul").
    fn prep_place(&self, v: usize, c: &mut Candidate) {
        if c.place.is_some() {
            return;
        }
        let t = self.tree;
        for p in t.children_with(v, &["prep"]) {
            if PLACE_PREPS.contains(&t.lemma(p)) {
                if let Some(place) = t
                    .children_with(p, &["pobj"])
                    .find_map(|o| self.place_of_np(o))
                {
                    c.place = Some(place);
                    return;
                }
            }
        }
    }

    /// The subject a verb without one shares with the verb it depends on ("Russia attacked
    /// Sumy, killing 34"; "Trump flew to Rome to meet Zelensky"; "the first official to visit").
    fn inherited_subject(&self, v: usize) -> Option<usize> {
        let t = self.tree;
        let mut cur = v;
        for _ in 0..4 {
            let h = t.head(cur);
            if h == cur {
                return None;
            }
            match t.dep(cur) {
                "xcomp" | "advcl" | "conj" => {
                    // "urged X to come": the object of the governing verb does the coming.
                    if t.dep(cur) == "xcomp" {
                        if let Some(o) = t.child_with(h, &["dobj"]) {
                            return Some(o);
                        }
                    }
                    if let Some(s) = t.child_with(h, &["nsubj"]) {
                        return Some(s);
                    }
                    if t.is_passive(h) {
                        return None;
                    }
                    cur = h;
                }
                "acl" | "relcl" => return Some(h),
                _ => return None,
            }
        }
        None
    }

    /// The verb governing a noun through prepositions ("killed in the strike").
    fn governing_verb(&self, n: usize) -> Option<usize> {
        let t = self.tree;
        let mut cur = n;
        for _ in 0..4 {
            let h = t.head(cur);
            if h == cur {
                return None;
            }
            if t.is_verb(h) {
                return Some(h);
            }
            if !matches!(
                t.dep(cur),
                "pobj" | "prep" | "dobj" | "nsubj" | "nsubjpass" | "attr" | "appos" | "conj"
            ) {
                return None;
            }
            cur = h;
        }
        None
    }

    // -----------------------------------------------------------------------------------------
    // Entities

    /// The entities a noun phrase names: the head's entity, else an apposition's ("his envoy,
    /// Steve Witkoff"), an "of" object's ("the city of Sumy"), a compound's, a possessor's or an
    /// adjective's ("Russian missiles"); conjuncts included.
    pub fn np_entities(&self, np: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for h in self.tree.with_conjuncts(np) {
            if let Some(e) = self.np_entity(h, 0) {
                push_all(&mut out, &[e]);
            }
        }
        out
    }

    fn np_entity(&self, h: usize, depth: usize) -> Option<usize> {
        let t = self.tree;
        if let Some(e) = self.ent_of[h] {
            return Some(e);
        }
        if is_pronoun(t, h) {
            return self.resolve_pronoun(h);
        }
        // "Dmitriev, who became ...": a relative pronoun stands for the noun its clause modifies.
        if matches!(t.tag(h), "WP" | "WDT") && t.dep(t.head(h)) == "relcl" && depth == 0 {
            return self.np_entity(t.head(t.head(h)), depth + 1);
        }
        if depth > 1 {
            return None;
        }
        if let Some(e) = self.role_holder(h) {
            return Some(e);
        }
        let try_deps = |deps: &[&str]| {
            t.children_with(h, deps)
                .find_map(|c| self.np_entity(c, depth + 1))
        };
        try_deps(&["appos"])
            .or_else(|| {
                t.prep_objects(h, &["of"])
                    .find_map(|o| self.np_entity(o, depth + 1))
            })
            .or_else(|| {
                t.children_with(h, &["compound", "poss", "amod", "nmod"])
                    .find_map(|c| self.ent_of[c])
            })
            .or_else(|| {
                t.children_with(h, &["poss"])
                    .find(|&c| is_pronoun(t, c))
                    .and_then(|c| self.resolve_pronoun(c))
            })
    }

    /// The place a noun phrase names, if it names one.
    fn place_of_np(&self, np: usize) -> Option<usize> {
        self.np_entity(np, 0).filter(|&e| self.is_place(e))
    }

    fn is_place(&self, e: usize) -> bool {
        self.entities[e].kind == "PLACE"
    }

    /// The person "he", "she", "him", "his" or "her" refers to, by the roles people play:
    /// a subject pronoun continues the latest person who was a subject (in its sentence or the
    /// two before); an object pronoun names the latest person mentioned (in its sentence or the
    /// one before) other than its clause's subject; a possessive belongs to its clause's subject
    /// when that is a person ("forced Macron to cancel his visit"), else to the latest person of
    /// its sentence. None when no person fits, or inside a quotation.
    fn resolve_pronoun(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        if self.quoted[p] {
            return None;
        }
        if matches!(t.lower(p).as_str(), "it" | "its") {
            return self.resolve_it(p);
        }
        // Inside a quotation "he" is someone the speaker talks about, whom sentence roles
        // outside it do not tell.
        if !matches!(t.lower(p).as_str(), "he" | "him" | "his" | "she" | "her") {
            return None;
        }
        let sent = t.sentence_index(p);
        let subject_role = matches!(t.dep(p), "nsubj" | "nsubjpass");
        let verb = self.clause_of(p);
        let clause_subject = t
            .child_with(verb, &["nsubj", "nsubjpass"])
            .or_else(|| self.inherited_subject(verb));
        // The subject's own phrase may hold the pronoun ("his administration welcomed").
        let inside = |s: usize| {
            let mut cur = p;
            while cur != s && t.head(cur) != cur && cur != verb {
                cur = t.head(cur);
            }
            cur == s
        };
        let person = |e: Option<usize>| e.filter(|&e| self.entities[e].kind == "PERSON");
        let mentioned = |back: usize| {
            self.person_mentions
                .iter()
                .copied()
                .filter(move |&m| m < p && t.sentence_index(m) + back >= sent)
        };
        if t.tag(p) == "PRP$" {
            if let Some(s) = clause_subject.filter(|&s| s != p && !inside(s)) {
                if let Some(e) = person(self.np_entity(s, 1)) {
                    return Some(e);
                }
            }
            if let Some(m) = mentioned(0).next_back() {
                return self.ent_of[m];
            }
        } else if !subject_role {
            let excluded = clause_subject
                .filter(|&s| s != p)
                .and_then(|s| self.np_entity(s, 1));
            return mentioned(1)
                .rfind(|&m| self.ent_of[m] != excluded || excluded.is_none())
                .and_then(|m| self.ent_of[m]);
        }
        let head_of = |m: usize| {
            let mut h = m;
            while t.head(h) != h && self.ent_of[t.head(h)] == self.ent_of[m] {
                h = t.head(h);
            }
            h
        };
        let subject = mentioned(2).rfind(|&m| matches!(t.dep(head_of(m)), "nsubj" | "nsubjpass"));
        subject.and_then(|m| self.ent_of[m])
    }

    /// The person a definite role noun stands for ("the envoy", "the US envoy", "the prime
    /// minister"): the latest person mentioned before it whose title in the article ends in
    /// that noun ("US envoy Anthony Zinni", "Prime Minister Ariel Sharon").
    fn role_holder(&self, h: usize) -> Option<usize> {
        let t = self.tree;
        if t.tag(h) != "NN" || !t.children_with(h, &["det"]).any(|d| t.lemma(d) == "the") {
            return None;
        }
        let noun = t.lower(h);
        self.person_mentions
            .iter()
            .rev()
            .filter(|&&m| m < h)
            .find_map(|&m| {
                let e = self.ent_of[m]?;
                let titled = self.entities[e].roles.iter().any(|r| {
                    r.rsplit(' ')
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case(&noun))
                });
                titled.then_some(e)
            })
    }

    /// The organisation or place "it" or "its" (as subject or possessive) refers to: the latest
    /// subject before it, in its sentence or the one before, when that subject is one ("the
    /// Kremlin said it condemned", "Russia and its allies"). None when the latest subject is
    /// anything else ("the storm ... it killed"), or for "it" in other roles.
    fn resolve_it(&self, p: usize) -> Option<usize> {
        let t = self.tree;
        if !(matches!(t.dep(p), "nsubj" | "nsubjpass") || t.tag(p) == "PRP$") {
            return None;
        }
        let sent = t.sentence_index(p);
        let subject = (0..p).rev().find(|&i| {
            t.sentence_index(i) + 1 >= sent
                && matches!(t.dep(i), "nsubj" | "nsubjpass")
                && !(t.lower(i) == "it" && i != p)
        })?;
        if t.sentence_index(subject) + 1 < sent {
            return None;
        }
        let e = self.np_entity(subject, 1)?;
        matches!(self.entities[e].kind.as_str(), "ORG" | "PLACE").then_some(e)
    }

    // -----------------------------------------------------------------------------------------
    // Dates

    /// The clause a token belongs to: its nearest verb ancestor (itself if a verb).
    fn clause_of(&self, i: usize) -> usize {
        let t = self.tree;
        let mut cur = i;
        for _ in 0..t.len() {
            if t.is_verb(cur) || t.is_root(cur) {
                return cur;
            }
            cur = t.head(cur);
        }
        cur
    }

    /// Whether token `i` lies inside noun `n`'s phrase, short of any clause.
    fn in_noun_phrase(&self, i: usize, n: usize) -> bool {
        let t = self.tree;
        let mut cur = i;
        for _ in 0..t.len() {
            if cur == n {
                return true;
            }
            if t.is_verb(cur) || t.is_root(cur) || CLAUSAL.contains(&t.dep(cur)) && cur != i {
                return false;
            }
            cur = t.head(cur);
        }
        false
    }

    /// Whether token `i` sits under "since", "until", "before" or "after" (a preposition or a
    /// clause's mark), which place it before or after what the sentence states.
    fn shifted(&self, i: usize) -> bool {
        let t = self.tree;
        let mut cur = i;
        for _ in 0..t.len() {
            let marked = t
                .children_with(cur, &["mark", "prep"])
                .any(|m| TEMPORAL_PREPS.contains(&t.lemma(m)));
            if marked || TEMPORAL_PREPS.contains(&t.lemma(cur)) && t.dep(cur) == "prep" {
                return true;
            }
            if t.is_root(cur) {
                return false;
            }
            cur = t.head(cur);
        }
        false
    }

    /// Whether time `k` is the object of "since", "until", "before" or "after" ("the first
    /// visit since 2022"): it bounds a period and dates no event of its clause.
    fn bounds(&self, k: usize) -> bool {
        let t = self.tree;
        let h = self.times[k].head;
        t.dep(h) == "pobj" && TEMPORAL_PREPS.contains(&t.lemma(t.head(h)))
    }

    /// Whether token `i` is part of a dated time expression ("on Tuesday").
    fn is_time(&self, i: usize) -> bool {
        self.times.iter().any(|d| (d.first..=d.last).contains(&i))
    }

    /// A date inside noun `n`'s own phrase ("the April 13 strike", "Friday's quake").
    fn noun_date(&self, n: usize) -> Option<(usize, DateRule)> {
        let sent = self.tree.sentence_index(n);
        (0..self.times.len())
            .find(|&k| {
                self.tree.sentence_index(self.times[k].head) == sent
                    && self.in_noun_phrase(self.times[k].head, n)
            })
            .map(|k| (k, DateRule::Clause))
    }

    /// The date of an event stated in clause `v` (and noun `noun`, for noun events). With
    /// `clause_only`, only a date in the clause itself counts.
    fn date_for(
        &self,
        v: usize,
        noun: Option<usize>,
        clause_only: bool,
    ) -> Option<(usize, DateRule)> {
        let t = self.tree;
        let sent = t.sentence_index(v);
        let in_sentence: Vec<usize> = (0..self.times.len())
            .filter(|&k| t.sentence_index(self.times[k].head) == sent && !self.bounds(k))
            .collect();
        // The noun's own phrase, then its clause.
        if let Some(d) = noun.and_then(|n| self.noun_date(n)) {
            return Some(d);
        }
        let clause = self.clause_of(v);
        if let Some(&k) = in_sentence
            .iter()
            .find(|&&k| self.clause_of(self.times[k].head) == clause)
        {
            return Some((k, DateRule::Clause));
        }
        if clause_only {
            return None;
        }
        // Governing clauses, nearest first.
        let mut cur = clause;
        while !t.is_root(cur) {
            cur = self.clause_of(t.head(cur));
            if let Some(&k) = in_sentence
                .iter()
                .find(|&&k| self.clause_of(self.times[k].head) == cur)
            {
                return Some((k, DateRule::GoverningClause));
            }
        }
        // "since the protests began in September": a date that bounds another clause is not
        // the sentence's date.
        let unshifted: Vec<usize> = in_sentence
            .iter()
            .copied()
            .filter(|&k| !self.shifted(self.times[k].head))
            .collect();
        let mut values: Vec<&str> = unshifted
            .iter()
            .map(|&k| self.times[k].value.as_str())
            .collect();
        values.dedup();
        if values.len() == 1 {
            return Some((unshifted[0], DateRule::Sentence));
        }
        // The narrative's current time: the latest date before the event.
        let k = (0..self.times.len())
            .rev()
            .find(|&k| self.times[k].last < v && !self.bounds(k))?;
        let rule = if self.paragraph[self.times[k].first] == self.paragraph[v] {
            DateRule::Paragraph
        } else {
            DateRule::Preceding
        };
        Some((k, rule))
    }

    /// Whether tokens `a` and `b` are in one sentence.
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.tree.sentence_index(a) == self.tree.sentence_index(b)
    }

    /// Whether two events' dates allow them to be one event: one is missing or only inherited
    /// from the paragraph, or one value contains the other ("2025-04" and "2025-04-13").
    pub fn dates_compatible(&self, a: &Candidate, b: &Candidate) -> bool {
        match (a.date, b.date) {
            (Some((x, rx)), Some((y, ry))) => {
                if rx >= DateRule::Paragraph || ry >= DateRule::Paragraph {
                    return true;
                }
                let (vx, vy) = (&self.times[x].value, &self.times[y].value);
                vx.starts_with(vy.as_str()) || vy.starts_with(vx.as_str())
            }
            _ => true,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Output

    /// The contract form of a candidate.
    pub fn to_event(&self, c: &Candidate) -> Event {
        let t = self.tree;
        let name = |e: &usize| self.entities[*e].name.clone();
        let mut targets: Vec<usize> = c
            .targets
            .iter()
            .copied()
            .filter(|e| !c.actors.contains(e))
            .collect();
        targets.dedup();
        let date = c.date.map(|(k, _)| &self.times[k]);
        Event {
            kind: c.kind.to_string(),
            date: date.map(|d| d.value.clone()),
            actors: c.actors.iter().map(name).collect(),
            targets: targets.iter().map(name).collect(),
            place: c.place.map(|e| self.entities[e].name.clone()),
            modality: c.modality,
            trigger: mention(t, c.trigger.0, c.trigger.1),
            sentence: sentence_span(t, c.trigger.0),
            rule: c.rule.clone(),
            date_evidence: date.map(|d| mention(t, d.first, d.last)),
            date_rule: c.date.map(|(_, r)| r.name().to_string()),
            mentions: c
                .also
                .iter()
                .map(|&(a, b)| mention(t, a, b))
                .collect::<Vec<Mention>>(),
        }
    }
}

/// The dateline that opens many reports ("KYIV, June 3 (Reuters) -", "ANKARA, Turkey (AP) —"):
/// names, numbers and brackets up to a dash in the first dozen tokens. Its place and agency are
/// where and by whom the story was filed, not who did what; the parser often makes them the
/// subject of the first sentence.
fn dateline(t: &Tree) -> Vec<bool> {
    let mut out = vec![false; t.len()];
    let first_sentence = t.doc.sents.first().map_or(t.len(), |s| s.end);
    for i in 0..t.len().min(12).min(first_sentence) {
        let word = t.doc.token_text(i);
        if matches!(word, "-" | "--" | "\u{2014}" | "\u{2013}") {
            if i > 0
                && t.doc
                    .token_text(0)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                out[..=i].iter_mut().for_each(|d| *d = true);
            }
            break;
        }
        let fits = matches!(
            t.tag(i),
            "NNP" | "NNPS" | "CD" | "," | "-LRB-" | "-RRB-" | "." | "HYPH"
        ) || word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
        if !fits {
            break;
        }
    }
    out
}

fn is_pronoun(t: &Tree, i: usize) -> bool {
    matches!(t.tag(i), "PRP" | "PRP$")
}

impl VerbSense {
    /// Whether this sense is an event only when its own clause is dated.
    fn need_met_by_date(&self) -> bool {
        matches!(self.need, Need::Dated)
    }
}
