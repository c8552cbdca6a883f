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
    /// Numbers of people or things in an event.
    pub counts: Vec<Count>,
    /// Who did what to whom, when and where.
    pub events: Vec<Event>,
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
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TimeExpr {
    /// The expression as written.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// TIMEX3 value (`2025-04-13`, `2025-04`, `2025-W18`, `P3Y`, ...); `None` when unresolved.
    pub value: Option<String>,
}

/// A direct quotation.
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
}

/// A number of people or things in an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Count {
    /// The phrase that states the count.
    pub text: String,
    /// What is counted: killed, injured, missing, detained, ...
    pub kind: String,
    /// The number.
    pub value: u64,
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
}
