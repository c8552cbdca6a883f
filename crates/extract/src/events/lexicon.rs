//! The event lexicon: verbs and nouns that state an event, in the spirit of the CAMEO codebook,
//! each with the context it needs to fire ("call" is an appeal with "for" or "on"; "cut" reduces
//! relations when what is cut is aid or ties).

use super::tree::Tree;

/// What a verb needs around it to state its event.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Need {
    /// Fires on the verb alone.
    Nothing,
    /// A preposition child with one of these lemmas ("call for", "talk with").
    Prep(&'static [&'static str]),
    /// A particle ("step down", "crack down").
    Particle(&'static str),
    /// A direct object (or passive subject) whose lemma is one of these ("impose sanctions").
    Object(&'static [&'static str]),
    /// A particle and such an object ("cut off aid", "break off talks").
    ParticleObject(&'static str, &'static [&'static str]),
    /// A preposition and such an object of it ("withdraw from the treaty").
    PrepObject(&'static str, &'static [&'static str]),
    /// No direct object ("protesters rallied", not "rallied support").
    Intransitive,
    /// A particle, in the active voice ("ruled out talks", not "was ruled out of the match").
    ActiveParticle(&'static str),
    /// An armed or official subject: an entity that is not a person, a weapon, or armed men
    /// ("Russia struck Kyiv", "missiles hit the city", not "the decision hit the economy").
    ArmedSubject,
    /// A time expression in the verb's own clause (statements are events only when dated).
    Dated,
    /// Active, and its object, if any, is an entity or a person ("met Putin", "the leaders
    /// met"; not "met the deadline", "was met with scepticism").
    Party,
    /// An object that is a place ("captured the town").
    PlaceObject,
    /// An object that is a person ("captured two soldiers", not "captured the trophy").
    PersonObject,
    /// An object that is an entity or a person ("welcomed the envoy", "visited Moscow").
    PartyObject,
    /// What is committed to: a clause ("vowed to retaliate", "pledged that"), or an object given
    /// to someone ("pledged aid to Kyiv"), not "promising outcomes".
    Commitment,
    /// An infinitive of what the subject means to do ("offered to mediate", "agreed to
    /// withdraw"; not "agreed that ...", "offered help").
    Infinitive,
}

/// One sense of an event verb.
pub(crate) struct VerbSense {
    pub lemma: &'static str,
    pub need: Need,
    pub kind: &'static str,
}

const fn v(lemma: &'static str, need: Need, kind: &'static str) -> VerbSense {
    VerbSense { lemma, need, kind }
}

#[rustfmt::skip]
pub(crate) const AID_NOUNS: &[&str] = &[
    "aid", "assistance", "weapon", "arm", "ammunition", "relief", "funding", "fund", "loan",
    "grant", "equipment", "vaccine", "supply", "support",
];
#[rustfmt::skip]
const TIE_NOUNS: &[&str] = &[
    "aid", "assistance", "tie", "relation", "funding", "contact", "cooperation", "support",
    "supply", "shipment", "delivery", "trade", "talk", "negotiation", "sharing", "export", "import",
];
const DIPLOMAT_NOUNS: &[&str] = &["diplomat", "ambassador", "envoy", "attaché", "consul"];
/// People acted upon, whose nationality names the target ("expelled Russian diplomats").
#[rustfmt::skip]
pub(crate) const PERSON_OBJECTS: &[&str] = &[
    "diplomat", "ambassador", "envoy", "attaché", "consul", "prisoner", "hostage", "detainee",
    "captive", "pow", "inmate", "national", "citizen", "soldier", "civilian", "journalist",
];
#[rustfmt::skip]
const AGREEMENT_NOUNS: &[&str] = &[
    "agreement", "deal", "accord", "treaty", "pact", "memorandum", "contract", "truce", "ceasefire",
];
#[rustfmt::skip]
const SANCTION_NOUNS: &[&str] = &[
    "sanction", "tariff", "ban", "restriction", "embargo", "curfew", "penalty", "blockade", "law",
    "measure",
];
#[rustfmt::skip]
const CLAIM_NOUNS: &[&str] = &[
    "claim", "allegation", "accusation", "report", "charge", "responsibility", "involvement",
    "proposal", "offer", "plan", "idea", "call", "demand", "request", "ultimatum", "suggestion",
];
/// What is denied when a party denies responsibility (CAMEO 016, a statement), unlike a
/// proposal or a request, which is rejected.
#[rustfmt::skip]
const ACCUSATION_NOUNS: &[&str] = &[
    "claim", "allegation", "accusation", "report", "charge", "responsibility", "involvement",
];
#[rustfmt::skip]
pub(crate) const WEAPON_NOUNS: &[&str] = &[
    "missile", "rocket", "drone", "shell", "bomb", "round", "grenade", "mortar", "artillery",
    "warplane", "jet", "aircraft", "helicopter", "tank", "gunship", "uav", "munition", "projectile",
    "torpedo",
];
#[rustfmt::skip]
const FORCE_NOUNS: &[&str] = &[
    "troop", "force", "soldier", "reservist", "warship", "unit", "battalion", "brigade", "division",
    "army", "missile", "tank", "jet", "aircraft", "ship", "vessel",
];
#[rustfmt::skip]
const DETAINEE_NOUNS: &[&str] = &[
    "prisoner", "hostage", "detainee", "captive", "pow", "inmate",
];
#[rustfmt::skip]
const CONTEST_NOUNS: &[&str] = &[
    "election", "vote", "poll", "seat", "majority", "presidency", "runoff", "referendum",
    "ballot", "term",
];
#[rustfmt::skip]
const SEIZED_NOUNS: &[&str] = &[
    "asset", "property", "ship", "vessel", "tanker", "cargo", "fund", "passport", "account",
];

/// Event verbs. The first sense whose need is met fires.
pub(crate) const VERBS: &[VerbSense] = &[
    // statement
    v("announce", Need::Dated, "statement"),
    v("declare", Need::Dated, "statement"),
    v("say", Need::Dated, "statement"),
    v("warn", Need::Dated, "statement"),
    v("state", Need::Dated, "statement"),
    // appeal
    v("call", Need::Prep(&["for", "on", "upon"]), "appeal"),
    v("urge", Need::Nothing, "appeal"),
    v("appeal", Need::Prep(&["for", "to"]), "appeal"),
    v("plead", Need::Nothing, "appeal"),
    v("implore", Need::Nothing, "appeal"),
    // intend
    v("pledge", Need::Commitment, "intend"),
    v("promise", Need::Commitment, "intend"),
    v("vow", Need::Commitment, "intend"),
    v("offer", Need::Infinitive, "intend"),
    v("agree", Need::Infinitive, "intend"),
    // consult
    v("meet", Need::Party, "consult"),
    v("visit", Need::PartyObject, "consult"),
    v("host", Need::PartyObject, "consult"),
    v("talk", Need::Prep(&["with", "to"]), "consult"),
    v("speak", Need::Prep(&["with"]), "consult"),
    v("negotiate", Need::Nothing, "consult"),
    v("consult", Need::Nothing, "consult"),
    v("welcome", Need::PartyObject, "consult"),
    // cooperate
    v("sign", Need::Object(AGREEMENT_NOUNS), "cooperate"),
    v("reach", Need::Object(AGREEMENT_NOUNS), "cooperate"),
    v("cooperate", Need::Nothing, "cooperate"),
    v("praise", Need::Nothing, "cooperate"),
    v("endorse", Need::Nothing, "cooperate"),
    v("apologize", Need::Nothing, "cooperate"),
    v("apologise", Need::Nothing, "cooperate"),
    v("restore", Need::Object(&["tie", "relation"]), "cooperate"),
    v("normalize", Need::Object(&["tie", "relation"]), "cooperate"),
    // aid
    v("provide", Need::Object(AID_NOUNS), "aid"),
    v("send", Need::Object(AID_NOUNS), "aid"),
    v("deliver", Need::Object(AID_NOUNS), "aid"),
    v("give", Need::Object(AID_NOUNS), "aid"),
    v("supply", Need::Object(AID_NOUNS), "aid"),
    v("donate", Need::Nothing, "aid"),
    // yield
    v("release", Need::Object(DETAINEE_NOUNS), "yield"),
    v("free", Need::Object(DETAINEE_NOUNS), "yield"),
    v("withdraw", Need::Object(FORCE_NOUNS), "yield"),
    v("surrender", Need::Nothing, "yield"),
    v("resign", Need::Nothing, "yield"),
    v("step", Need::Particle("down"), "yield"),
    v("lift", Need::Object(SANCTION_NOUNS), "yield"),
    v("ease", Need::Object(SANCTION_NOUNS), "yield"),
    // investigate
    v("investigate", Need::Nothing, "investigate"),
    v("probe", Need::Nothing, "investigate"),
    // demand
    v("demand", Need::Nothing, "demand"),
    v("insist", Need::Nothing, "demand"),
    // disapprove
    v("condemn", Need::Nothing, "disapprove"),
    v("criticize", Need::Nothing, "disapprove"),
    v("criticise", Need::Nothing, "disapprove"),
    v("accuse", Need::Nothing, "disapprove"),
    v("denounce", Need::Nothing, "disapprove"),
    v("blame", Need::Nothing, "disapprove"),
    v("slam", Need::Nothing, "disapprove"),
    v("decry", Need::Nothing, "disapprove"),
    v("deplore", Need::Nothing, "disapprove"),
    v("censure", Need::Nothing, "disapprove"),
    v("rebuke", Need::Nothing, "disapprove"),
    v("lambast", Need::Nothing, "disapprove"),
    v("lambaste", Need::Nothing, "disapprove"),
    v("hit", Need::PrepObject("at", &[]), "disapprove"),
    // reject
    v("reject", Need::Nothing, "reject"),
    v("rebuff", Need::Nothing, "reject"),
    v("veto", Need::Nothing, "reject"),
    v("rule", Need::ActiveParticle("out"), "reject"),
    v("turn", Need::Particle("down"), "reject"),
    v("deny", Need::Object(ACCUSATION_NOUNS), "statement"),
    v("dismiss", Need::Object(ACCUSATION_NOUNS), "statement"),
    v("dismiss", Need::Object(CLAIM_NOUNS), "reject"),
    v("deny", Need::Object(CLAIM_NOUNS), "reject"),
    v("refuse", Need::Object(CLAIM_NOUNS), "reject"),
    // threaten
    v("threaten", Need::Nothing, "threaten"),
    // protest
    v("protest", Need::Intransitive, "protest"),
    v("demonstrate", Need::Intransitive, "protest"),
    v("rally", Need::Intransitive, "protest"),
    v("march", Need::Intransitive, "protest"),
    v("riot", Need::Nothing, "protest"),
    v("boycott", Need::Nothing, "protest"),
    // mobilize
    v("mobilize", Need::Nothing, "mobilize"),
    v("mobilise", Need::Nothing, "mobilize"),
    v("deploy", Need::Object(FORCE_NOUNS), "mobilize"),
    v("mass", Need::Object(FORCE_NOUNS), "mobilize"),
    v("amass", Need::Object(FORCE_NOUNS), "mobilize"),
    // reduce_relations
    v(
        "cut",
        Need::ParticleObject("off", TIE_NOUNS),
        "reduce_relations",
    ),
    v("cut", Need::Object(TIE_NOUNS), "reduce_relations"),
    v("sever", Need::Object(TIE_NOUNS), "reduce_relations"),
    v("suspend", Need::Object(TIE_NOUNS), "reduce_relations"),
    v("halt", Need::Object(TIE_NOUNS), "reduce_relations"),
    v("freeze", Need::Object(TIE_NOUNS), "reduce_relations"),
    v("pause", Need::Object(TIE_NOUNS), "reduce_relations"),
    v("withhold", Need::Object(TIE_NOUNS), "reduce_relations"),
    v(
        "break",
        Need::ParticleObject("off", TIE_NOUNS),
        "reduce_relations",
    ),
    v("downgrade", Need::Object(TIE_NOUNS), "reduce_relations"),
    v("expel", Need::Object(DIPLOMAT_NOUNS), "reduce_relations"),
    v("recall", Need::Object(DIPLOMAT_NOUNS), "reduce_relations"),
    v(
        "withdraw",
        Need::PrepObject("from", AGREEMENT_NOUNS),
        "reduce_relations",
    ),
    // coerce
    v("sanction", Need::Nothing, "coerce"),
    v("impose", Need::Object(SANCTION_NOUNS), "coerce"),
    v("arrest", Need::Nothing, "coerce"),
    v("detain", Need::Nothing, "coerce"),
    v("jail", Need::Nothing, "coerce"),
    v("imprison", Need::Nothing, "coerce"),
    v("deport", Need::Nothing, "coerce"),
    v("expel", Need::Nothing, "coerce"),
    v("ban", Need::Nothing, "coerce"),
    v("crack", Need::Particle("down"), "coerce"),
    v("seize", Need::Object(SEIZED_NOUNS), "coerce"),
    v("confiscate", Need::Nothing, "coerce"),
    // attack
    v("attack", Need::ArmedSubject, "attack"),
    v("strike", Need::ArmedSubject, "attack"),
    v("hit", Need::ArmedSubject, "attack"),
    v("shell", Need::Nothing, "attack"),
    v("bomb", Need::Nothing, "attack"),
    v("bombard", Need::Nothing, "attack"),
    v("pound", Need::ArmedSubject, "attack"),
    v("fire", Need::Object(WEAPON_NOUNS), "attack"),
    v("fire", Need::Prep(&["at", "on", "into"]), "attack"),
    v("launch", Need::Object(WEAPON_NOUNS), "attack"),
    v("open", Need::Object(&["fire"]), "attack"),
    v("invade", Need::Nothing, "attack"),
    v("raid", Need::ArmedSubject, "attack"),
    v("storm", Need::ArmedSubject, "attack"),
    v("ambush", Need::Nothing, "attack"),
    v("massacre", Need::Nothing, "attack"),
    v("assassinate", Need::Nothing, "attack"),
    // Abductions are assaults in CAMEO (181).
    v("kidnap", Need::Nothing, "attack"),
    v("abduct", Need::Nothing, "attack"),
    v("kill", Need::ArmedSubject, "attack"),
    v("target", Need::ArmedSubject, "attack"),
    v("shoot", Need::ArmedSubject, "attack"),
    v("capture", Need::PlaceObject, "attack"),
    v("capture", Need::PersonObject, "coerce"),
    // election
    v("elect", Need::Nothing, "election"),
    v("re-elect", Need::Nothing, "election"),
    v("reelect", Need::Nothing, "election"),
    v("win", Need::Object(CONTEST_NOUNS), "election"),
];

/// Adjectives that, with an infinitive, state an intent: "was willing to meet", "is ready to
/// negotiate" (CAMEO 03).
pub(crate) const INTENT_ADJECTIVES: &[&str] = &["willing", "ready", "prepared", "eager", "keen"];

/// Verbs of force that make such an intent a threat ("prepared to respond vigorously", "ready
/// to fight"), beside the verbs of attacks and coercion.
pub(crate) const FORCE_VERBS: &[&str] = &["respond", "retaliate", "fight", "escalate", "defend"];

/// Adjectives and participles of dismay that state disapproval ("deeply alarmed by").
#[rustfmt::skip]
pub(crate) const DISMAY: &[&str] = &[
    "alarmed", "shocked", "appalled", "outraged", "horrified", "dismayed", "disgusted",
];

/// Nouns that state an event, with their type. Ambiguous ones are settled in [`noun_kind`].
const NOUNS: &[(&str, &str)] = &[
    ("statement", "statement"),
    ("announcement", "statement"),
    ("appeal", "appeal"),
    ("plea", "appeal"),
    ("call", "appeal"),
    ("pledge", "intend"),
    ("promise", "intend"),
    ("talk", "consult"),
    ("meeting", "consult"),
    ("summit", "consult"),
    ("visit", "consult"),
    ("negotiation", "consult"),
    ("consultation", "consult"),
    ("agreement", "cooperate"),
    ("deal", "cooperate"),
    ("accord", "cooperate"),
    ("treaty", "cooperate"),
    ("aid", "aid"),
    ("assistance", "aid"),
    ("investigation", "investigate"),
    ("probe", "investigate"),
    ("inquiry", "investigate"),
    ("demand", "demand"),
    ("ultimatum", "threaten"),
    ("threat", "threaten"),
    ("condemnation", "disapprove"),
    ("criticism", "disapprove"),
    ("accusation", "disapprove"),
    ("rejection", "reject"),
    ("protest", "protest"),
    ("demonstration", "protest"),
    ("rally", "protest"),
    ("riot", "protest"),
    ("boycott", "protest"),
    ("walkout", "protest"),
    ("mobilization", "mobilize"),
    ("mobilisation", "mobilize"),
    ("deployment", "mobilize"),
    ("buildup", "mobilize"),
    ("build-up", "mobilize"),
    ("sanction", "coerce"),
    ("arrest", "coerce"),
    ("crackdown", "coerce"),
    ("embargo", "coerce"),
    ("attack", "attack"),
    ("strike", "attack"),
    ("airstrike", "attack"),
    ("bombing", "attack"),
    ("shelling", "attack"),
    ("bombardment", "attack"),
    ("offensive", "attack"),
    ("invasion", "attack"),
    ("assault", "attack"),
    ("raid", "attack"),
    ("ambush", "attack"),
    ("massacre", "attack"),
    ("incursion", "attack"),
    ("shooting", "attack"),
    ("earthquake", "disaster"),
    ("quake", "disaster"),
    ("tremor", "disaster"),
    ("aftershock", "disaster"),
    ("flood", "disaster"),
    ("flooding", "disaster"),
    ("wildfire", "disaster"),
    ("bushfire", "disaster"),
    ("blaze", "disaster"),
    ("hurricane", "disaster"),
    ("typhoon", "disaster"),
    ("cyclone", "disaster"),
    ("tornado", "disaster"),
    ("tsunami", "disaster"),
    ("landslide", "disaster"),
    ("mudslide", "disaster"),
    ("avalanche", "disaster"),
    ("drought", "disaster"),
    ("eruption", "disaster"),
    ("heatwave", "disaster"),
    ("storm", "disaster"),
    ("election", "election"),
    ("referendum", "election"),
    ("runoff", "election"),
];

/// Labour strikes are protests, not attacks.
#[rustfmt::skip]
const LABOUR: &[&str] = &[
    "hunger", "general", "labor", "labour", "worker", "union", "teacher", "nationwide", "rail",
    "doctor", "nurse",
];

/// The event type a noun states, if it states one in its context.
pub(crate) fn noun_kind(tree: &Tree, i: usize) -> Option<&'static str> {
    if !matches!(tree.tag(i), "NN" | "NNS") {
        return None;
    }
    let lemma = tree.lemma(i);
    let kind = NOUNS.iter().find(|(l, _)| *l == lemma).map(|(_, k)| *k)?;
    let mods = || {
        tree.children_with(i, &["compound", "amod", "poss"])
            .map(|c| tree.lemma(c))
    };
    let has_prep = |p: &[&str]| {
        tree.children_with(i, &["prep"])
            .any(|c| p.contains(&tree.lemma(c)))
    };
    match lemma {
        "strike" if mods().any(|m| LABOUR.contains(&m)) => Some("protest"),
        // "the deal" or "a treaty" are cooperation only when reached or signed: leave to verbs.
        "agreement" | "deal" | "accord" | "treaty" => None,
        // "a threat to peace" is no threat of action; "the talk of the town" is no talk.
        "threat"
            if !has_prep(&["of", "to"])
                || mods().any(|m| m == "security" || m == "existential") =>
        {
            None
        }
        "talk" if !tree.is_plural(i) => None,
        // "a call for a ceasefire" appeals; "a phone call with Putin" consults.
        "call" if has_prep(&["for", "on"]) => Some("appeal"),
        "call"
            if mods().any(|m| matches!(m, "phone" | "telephone" | "video"))
                || has_prep(&["with", "between"]) =>
        {
            Some("consult")
        }
        "call" => None,
        // "demand" for goods is economics.
        "demand" if !has_prep(&["for"]) || mods().any(|m| m == "consumer" || m == "energy") => None,
        "promise" | "pledge" | "appeal" | "statement" | "announcement" | "visit"
            if tree.is_plural(i) =>
        {
            None
        }
        "storm" if mods().any(|m| m == "political" || m == "diplomatic" || m == "media") => None,
        _ => Some(kind),
    }
}

/// Verbs that lend their subject to a noun event in their object ("held talks",
/// "launched an attack", "imposed sanctions").
#[rustfmt::skip]
pub(crate) const LIGHT_VERBS: &[&str] = &[
    "hold", "have", "conduct", "launch", "carry", "stage", "mount", "impose", "issue", "make",
    "pay", "reiterate", "renew", "repeat", "attend", "join", "host", "begin", "start", "resume",
    "continue", "lead", "organize", "organise", "announce", "order", "unleash", "step", "intensify",
    "escalate", "open",
];

/// Verbs by which a noun event in their subject does something to their object ("the quake
/// shook Thailand", "the strike hit a hospital").
#[rustfmt::skip]
pub(crate) const IMPACT_VERBS: &[&str] = &[
    "hit", "strike", "shake", "rock", "devastate", "ravage", "kill", "injure", "wound", "damage",
    "destroy", "flatten", "level", "sweep", "inundate", "batter", "lash", "pound", "target",
    "engulf", "hammer", "slam", "wreck", "flood", "submerge", "bury", "cut", "leave", "affect",
    "jolt", "rattle", "tear",
];

/// Verbs whose subject takes part in a noun event in their "in" object ("took part in talks").
pub(crate) const PARTAKE_VERBS: &[&str] = &["participate", "take", "engage", "join"];

/// The verb senses that may fire on token `i`, if it is a verb in the lexicon.
pub(crate) fn verb_senses(tree: &Tree, i: usize) -> impl Iterator<Item = &'static VerbSense> {
    let lemma = tree.lemma(i).to_string();
    // "promising outcomes", "peace deals and promising outcomes": participles as adjectives.
    let is_verb = tree.is_verb(i)
        && !matches!(tree.dep(i), "amod" | "compound")
        && (tree.dep(i) != "conj" || tree.is_verb(tree.head(i)));
    VERBS.iter().filter(move |s| is_verb && s.lemma == lemma)
}
