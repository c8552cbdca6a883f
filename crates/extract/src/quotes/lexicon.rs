//! Word classes the attribution rules rely on: speech verbs, the nouns that describe speakers,
//! and the nouns for statements. General English, by lemma, lower case.

/// Verbs whose subject is the source of words they govern or that stand beside them
/// ("said", "told", "wrote", "called it ...", "described ... as").
pub fn is_speech_verb(lemma: &str) -> bool {
    has(SPEECH_VERBS, lemma)
}

const SPEECH_VERBS: &str =
    "say tell add write state stress emphasize emphasise note explain insist claim argue warn \
     announce declare reiterate express call describe urge ask reply respond answer comment \
     remark tweet post acknowledge admit suggest conclude recall vow pledge promise predict \
     complain lament deny confirm report quip joke shout cry exclaim whisper mutter scream yell \
     observe assert allege accuse criticize criticise condemn denounce decry demand appeal \
     plead repeat affirm testify inform proclaim boast concede counter retort caution threaten \
     hail praise dismiss slam blast brand label dub term thank continue underline underscore \
     highlight signal indicate pronounce characterize characterise summarize summarise recount \
     reveal disclose mention pray chant sing read quote cite contend maintain reason muse sigh \
     snap fume rage protest object interject agree disagree question wonder speak address";

/// Speech verbs that mostly mean something else ("the war continued", "the sign read",
/// "she spoke of a 'crisis'"): a cue only when the quotation is the clause they report (`"...,"
/// he continued`) or stands right beside them.
pub fn is_weak_speech_verb(lemma: &str) -> bool {
    has(WEAK_SPEECH_VERBS, lemma)
}

const WEAK_SPEECH_VERBS: &str = "continue read address speak question wonder agree disagree \
     object protest pray sing sigh reason muse snap fume rage signal indicate";

/// Speech verbs that report a proposition in a clause ("said that ..."), for indirect speech.
/// Verbs of naming or manner ("call", "describe", "shout") report words, not claims.
pub fn is_reporting_verb(lemma: &str) -> bool {
    has(REPORTING_VERBS, lemma)
}

const REPORTING_VERBS: &str =
    "say tell add write state stress emphasize emphasise note explain insist claim argue warn \
     announce declare reiterate reply respond answer acknowledge admit suggest conclude vow \
     pledge promise predict complain deny confirm report observe assert allege repeat affirm \
     testify inform proclaim concede counter caution underline underscore reveal disclose \
     mention contend maintain tweet post";

/// The preposition-like cue "according to".
pub fn is_according(lower: &str) -> bool {
    lower == "according"
}

/// Head nouns of descriptions that refer to a person ("the president", "his chief of staff").
pub fn is_person_role(lemma: &str) -> bool {
    has(PERSON_ROLES, lemma)
}

const PERSON_ROLES: &str =
    "president minister premier chancellor leader spokesperson spokesman spokeswoman secretary \
     general commander chief head governor mayor ambassador envoy official diplomat adviser \
     advisor aide lawmaker legislator senator congressman congresswoman representative director \
     chairman chairwoman chair ceo executive founder king queen prince princess pope monarch \
     emperor prosecutor judge lawyer attorney negotiator mediator candidate nominee officer \
     colonel captain lieutenant admiral marshal commissioner inspector sheriff coach manager \
     owner professor researcher scientist doctor analyst expert economist author journalist \
     activist witness resident survivor mother father wife husband son daughter brother sister \
     man woman politician statesman dictator strongman autocrat tycoon billionaire businessman \
     businesswoman banker cleric bishop priest imam rabbi patriarch dalai sultan emir sheikh \
     ayatollah prime vice deputy speaker whip incumbent challenger rival counterpart host guest \
     star actor actress singer player striker midfielder defender goalkeeper athlete champion \
     veteran defendant suspect plaintiff victim mp magnate entrepreneur investor member \
     staffer employee worker soldier fighter militant policeman policewoman nurse teacher \
     student farmer driver pilot passenger citizen refugee civilian volunteer protester \
     demonstrator supporter opponent critic medic surgeon paramedic engineer resident \
     neighbour neighbor relative friend colleague boy girl child teenager";

/// Head nouns whose referent speaks for someone else: a spokesperson or office speaks for the
/// person or organisation it serves ("his spokesperson said" reports his words).
pub fn is_mouthpiece(lemma: &str) -> bool {
    has(MOUTHPIECES, lemma)
}

const MOUTHPIECES: &str =
    "spokesperson spokesman spokeswoman spokespeople spokesmen spokeswomen office service \
     mouthpiece representative";

/// Head nouns for a written or spoken statement whose source is given by a possessor or a
/// "by"/"from" phrase ("a statement released by his spokesperson", "the ministry's post").
pub fn is_statement_noun(lemma: &str) -> bool {
    has(STATEMENT_NOUNS, lemma)
}

const STATEMENT_NOUNS: &str =
    "statement post tweet message report letter release communique communiqué readout \
     transcript interview remark comment speech address video announcement declaration note \
     briefing notice broadcast publication decree order appeal memo email document filing \
     testimony account blog op-ed column editorial update bulletin";

/// Head nouns of descriptions that refer to an organisation, found by recency ("the group
/// said", "the company said in a statement").
pub fn is_org_class(lemma: &str) -> bool {
    has(ORG_CLASSS, lemma)
}

const ORG_CLASSS: &str =
    "group company organisation organization agency firm party alliance bloc network movement \
     broadcaster newspaper outlet union body charity militia coalition club team carrier \
     airline maker manufacturer bank lender insurer retailer watchdog regulator federation \
     association institute channel magazine website publisher startup conglomerate";

/// Head nouns of descriptions that name an organisation of a particular sort, matched against
/// organisation names that contain the noun ("the ministry" for "Ministry of Defence").
pub fn is_org_kind(lemma: &str) -> bool {
    has(ORG_KINDS, lemma)
}

const ORG_KINDS: &str =
    "ministry government council committee court commission embassy army military police \
     department administration parliament cabinet presidency regime junta authority service \
     force navy guard secretariat directorate bureau agency senate assembly congress kremlin \
     pentagon office command staff university hospital tribunal mission delegation";

/// Head nouns of descriptions that refer to a country ("the country said").
pub fn is_place_class(lemma: &str) -> bool {
    has(PLACE_CLASSS, lemma)
}

const PLACE_CLASSS: &str = "country nation state republic kingdom";

/// Modifiers that do not narrow down who a description refers to ("the former president").
pub fn is_vague_modifier(lower: &str) -> bool {
    has(VAGUE_MODIFIERS, lower)
}

const VAGUE_MODIFIERS: &str =
    "former then current new late outgoing incoming acting interim top senior longtime long- \
     time veteran embattled elderly young old same other first second - ex sitting powerful \
     influential controversial popular beleaguered";

/// Whether the space-separated word list holds `word`.
fn has(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}
