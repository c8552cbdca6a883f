//! A lenient reading of the serialised [`sitrep_extract::Analysis`]: the contract fields, and
//! the evidence fields the extractors add when they have them (rules, offsets, modality,
//! GeoNames ids, links between counts and events). Missing fields take their defaults, unknown
//! ones are ignored, so the store reads analyses from any version of the extractors.

use crate::names::normalise;
use serde::Deserialize;

/// The facts of one article.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Facts {
    pub entities: Vec<EntityFact>,
    pub times: Vec<TimeFact>,
    pub quotes: Vec<QuoteFact>,
    /// Indirect speech ("X said that ..."), where the extractor reports it.
    pub reported_speech: Vec<QuoteFact>,
    pub counts: Vec<CountFact>,
    pub events: Vec<EventFact>,
    /// Events planned, threatened, denied, ... (with their `modality`).
    pub unrealised_events: Vec<EventFact>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct EntityFact {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: Vec<MentionFact>,
    pub geo: Option<GeoFact>,
    pub geonames_id: Option<i64>,
    pub country: Option<String>,
    pub feature: Option<String>,
    pub roles: Vec<String>,
    /// `name`, normalised ([`Facts::from_json`] fills it in).
    #[serde(skip)]
    pub norm: String,
    /// The aliases, normalised, without empty ones and `norm` itself.
    #[serde(skip)]
    pub alias_norms: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub(crate) struct MentionFact {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Default, Deserialize, Clone, Copy)]
#[serde(default)]
pub(crate) struct GeoFact {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct TimeFact {
    pub text: String,
    pub start: usize,
    pub value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct QuoteFact {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    pub kind: Option<String>,
    pub cue: Option<MentionFact>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CountFact {
    pub text: String,
    pub kind: String,
    pub value: u64,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub approximate: bool,
    pub qualifier: Option<String>,
    pub parent: Option<usize>,
    pub updates: Option<usize>,
    pub event: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct EventFact {
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<String>,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub place: Option<String>,
    pub modality: Option<String>,
    pub trigger: Option<MentionFact>,
    pub rule: Option<String>,
}

impl Facts {
    /// Reads the facts of an analysis serialised as JSON, and normalises the entity names.
    pub fn from_json(json: &str) -> serde_json::Result<Facts> {
        let mut facts: Facts = serde_json::from_str(json)?;
        for e in &mut facts.entities {
            e.norm = normalise(&e.name);
            e.alias_norms = e
                .aliases
                .iter()
                .map(|a| normalise(a))
                .filter(|a| !a.is_empty() && *a != e.norm)
                .collect();
        }
        Ok(facts)
    }
}
