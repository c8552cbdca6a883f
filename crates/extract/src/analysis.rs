//! The output contract: one [`Analysis`] per article.
//!
//! Offsets (`start`, `end`) are character (Unicode code point) offsets into the article text,
//! end exclusive, as spaCy's `Doc.to_json()` counts them. Every fact names the `rule` (or model)
//! that produced it, so a user can see why sitrep believes it.

use serde::{Deserialize, Serialize};

/// Everything sitrep extracted from one article.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Analysis {
    /// Distinct real-world entities, each with all its mentions.
    pub entities: Vec<Entity>,
    /// Temporal expressions with resolved values.
    pub times: Vec<TimeExpr>,
    /// Direct quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// Indirect speech ("Zelensky said that ...") with its speakers.
    #[serde(default)]
    pub reported_speech: Vec<Quote>,
    /// Numbers of people or things in an event.
    pub counts: Vec<Count>,
    /// Who did what to whom, when and where: events the article states happened.
    pub events: Vec<Event>,
    /// Events the article mentions but does not state happened: planned, threatened, called
    /// for, possible, hypothetical, denied or negated (see [`Event::modality`]).
    #[serde(default)]
    pub unrealised_events: Vec<Event>,
}

/// A stretch of the article text that mentions something.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Mention {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// The text as written.
    pub text: String,
}

/// Decimal-degree coordinates.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct Geo {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// One real-world entity of the article.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    /// Canonical name: the fullest standard form ("Kyiv" for "Kiev").
    pub name: String,
    /// `PERSON`, `ORG`, `PLACE`, or another sitrep type (`NORP`, `EVENT`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Other names the article uses for it.
    pub aliases: Vec<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// Coordinates, for places.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub geo: Option<Geo>,
    /// GeoNames id, for places resolved in the gazetteer.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub geonames_id: Option<u32>,
    /// ISO 3166-1 alpha-2 code of the country a place lies in (or is).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub country: Option<String>,
    /// Gazetteer feature kind of a place: `continent`, `country`, `region`, `city`, `seat`,
    /// `landmark`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub feature: Option<String>,
    /// Titles and roles the article gives a person ("President", "Secretary-General"); they
    /// are kept out of the name.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub roles: Vec<String>,
    /// The entity (by name) this one acts for: the country of a nationality word
    /// ("Russian forces" → "Russia"), or the government a place stands for ("the Kremlin
    /// said", "Washington has threatened" → "Russia", "United States").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub acts_for: Option<String>,
    /// The rules that found, typed, merged and placed the entity, for a user to check.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub evidence: Vec<String>,
}

/// A temporal expression and its resolved value.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct TimeExpr {
    /// The expression as written.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// TIMEX3 value (`2025-04-13`, `2025-04`, `2025-W18`, `2025-04-24TEV`, `P3Y`, `XXXX-WXX-1`,
    /// ...); `None` when unresolved.
    pub value: Option<String>,
    /// TIMEX3 type.
    #[serde(rename = "type", default)]
    pub timex_type: TimexType,
    /// TIMEX3 modifier (`mid-March` is `2025-03` with `MID`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub modifier: Option<TimexMod>,
    /// The value of the far end of a range (`the night of 23-24 April`, `between March 1 and 5`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub range_end: Option<String>,
    /// The value a relative expression was counted from: the publication date (`yesterday`) or
    /// the last date the text established (`that morning`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub anchor: Option<String>,
    /// The grammar rule that found it (`month-day`, `weekday`, `narrative`, ...).
    #[serde(default)]
    pub rule: String,
}

/// TIMEX3 types of temporal expressions.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexType {
    /// A calendar date or period: `April 13`, `last week`, `2025`.
    #[default]
    Date,
    /// A time of day, or a day with a part of day: `10:15 a.m.`, `the evening of April 24`.
    Time,
    /// A length of time: `three years`, `30-day`.
    Duration,
    /// A recurring time: `every Monday`, `daily`.
    Set,
}

/// TIMEX3 modifiers of temporal expressions.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    /// `early April`, `the beginning of 2024`.
    Start,
    /// `mid-March`, `the middle of the year`.
    Mid,
    /// `late 2024`, `the end of February`.
    End,
    /// `about three weeks later`.
    Approx,
    /// `less than two weeks later`, `nearly three years`.
    LessThan,
    /// `more than three years`.
    MoreThan,
    /// `at least two days`.
    EqualOrMore,
    /// `up to ten days`.
    EqualOrLess,
}

/// A quotation: the words of a speaker, with evidence for who the speaker is.
///
/// In [`Analysis::quotes`] these are direct quotations (`kind` direct or scare), `text` being the
/// words between the quotation marks; in [`Analysis::reported_speech`] they are indirect speech
/// (`kind` indirect: "Zelensky said that ..."), `text` being the reported clause.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// Character offset of the first quoted character.
    pub start: usize,
    /// Character offset one past the last quoted character.
    pub end: usize,
    /// Canonical name of the speaker's entity; `None` when no speaker can be found.
    pub speaker: Option<String>,
    /// Direct quotation, scare quotes around a single word, or indirect (reported) speech.
    #[serde(default)]
    pub kind: QuoteKind,
    /// Whether the quotation sits inside another quotation (a speaker quoting someone).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nested: bool,
    /// The words that name the speaker where the attribution is made ("he", "the Ukrainian
    /// president", "Zelensky"); `None` when no speaker was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_mention: Option<Mention>,
    /// The speech cue of the attribution ("said", "told", "according"), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Mention>,
    /// How the quotation and its speaker were found: `<attribution>+<speaker rule>`, for example
    /// `speech-verb+pronoun` or `continues-quote+name`; `unattributed` when no speaker was found.
    #[serde(default)]
    pub rule: String,
}

/// What sort of quotation a [`Quote`] is.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words between quotation marks reported as someone's.
    #[default]
    Direct,
    /// Quotation marks around a single word inside running text (a term held at a distance, a
    /// nickname, a one-word partial quote): flagged, not dropped. A word said on its own
    /// (`"No," he said.`) is a direct quotation.
    Scare,
    /// Indirect speech: a clause reported by a speech verb, without quotation marks.
    Indirect,
}

/// A stretch of the article text without its text: sentence boundaries and the like.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct TextSpan {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

/// A number of people or things in an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Count {
    /// The phrase that states the count ("killing at least 34 people").
    pub text: String,
    /// What is counted: killed, injured, missing, detained, kidnapped, displaced, evacuated,
    /// sickened, affected, protesters, troops, missiles, drones.
    pub kind: String,
    /// The number ("a dozen" is 12; for "dozens", "hundreds" the smallest plural, 24, 200).
    pub value: u64,
    /// Character offset of the first character of `text`.
    #[serde(default)]
    pub start: usize,
    /// Character offset one past the last character of `text`.
    #[serde(default)]
    pub end: usize,
    /// Whether the article gives only an order of magnitude ("dozens", "hundreds").
    #[serde(default)]
    pub approximate: bool,
    /// How the number is hedged: "at least", "more than", "about", "up to", "nearly", ...
    #[serde(default)]
    pub qualifier: Option<String>,
    /// The rule that recognised the count (`count:object-of:kill`, ...).
    #[serde(default)]
    pub rule: String,
    /// The sentence that states the count.
    #[serde(default)]
    pub sentence: TextSpan,
    /// Index (in `counts`) of the count this one is part of ("including 15 children").
    #[serde(default)]
    pub parent: Option<usize>,
    /// Index (in `counts`) of an earlier count of the same kind and event that this one
    /// revises ("9 killed", later "8 killed").
    #[serde(default)]
    pub updates: Option<usize>,
    /// Index (in `events`) of the event the count belongs to.
    #[serde(default)]
    pub event: Option<usize>,
}

/// Whether the article states that an event happened, or only that it was planned, threatened,
/// called for, possible, hypothetical, denied or did not happen.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as fact ("Russia attacked Sumy").
    #[default]
    Asserted,
    /// Stated as not having happened ("did not attack").
    Negated,
    /// Denied by a participant ("Iran denied attacking the tanker").
    Denied,
    /// Planned, intended or scheduled ("will meet", "plans to visit").
    Planned,
    /// Threatened ("threatened to strike").
    Threatened,
    /// Called for, urged or demanded ("called for talks").
    CalledFor,
    /// Possible or expected ("could attack", "may meet").
    Possible,
    /// Under a condition ("if they attack").
    Hypothetical,
}

/// Who did what to whom, when and where.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    /// CAMEO root category (`attack`, `consult`, ...) or `disaster`/`election`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A `times` value, or `None`.
    pub date: Option<String>,
    /// Entity names of those who act.
    pub actors: Vec<String>,
    /// Entity names of those acted upon.
    pub targets: Vec<String>,
    /// Entity name of the place.
    pub place: Option<String>,
    /// Whether the event happened, or was planned, threatened, denied, ...
    #[serde(default)]
    pub modality: Modality,
    /// The words that state the event ("struck", "the attack", "held talks").
    #[serde(default = "empty_mention")]
    pub trigger: Mention,
    /// The sentence that states the event.
    #[serde(default)]
    pub sentence: TextSpan,
    /// The rule that recognised the event (`verb:attack`, `noun:strike`, ...).
    #[serde(default)]
    pub rule: String,
    /// The time expression the date comes from.
    #[serde(default)]
    pub date_evidence: Option<Mention>,
    /// How the date was found, most reliable first: `clause` (in the clause that states the
    /// event), `governing-clause` (in a clause it depends on), `sentence` (the only date of its
    /// sentence), `paragraph` (the latest date before it in its paragraph) or `preceding` (the
    /// latest date before it in the article).
    #[serde(default)]
    pub date_rule: Option<String>,
    /// Later mentions of the same event, merged into this one ("the strike", "the attack").
    #[serde(default)]
    pub mentions: Vec<Mention>,
}

fn empty_mention() -> Mention {
    Mention {
        start: 0,
        end: 0,
        text: String::new(),
    }
}
