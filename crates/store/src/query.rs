//! Queries over a corpus. Each returns plain serde-serialisable structs, for the command line
//! (`--json` prints them as they are) and for a web UI.

use crate::names::normalise;
use crate::{dates, schema, Store, StoreError};
use chrono::NaiveDate;
use rusqlite::types::ToSql;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// An entity as other results name it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntityRef {
    /// Its id in this corpus (`sitrep entity '#ID'`).
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// `PERSON`, `ORG`, `PLACE`, ... (`OTHER` when only an event named it).
    #[serde(rename = "type")]
    pub kind: String,
}

/// An article as other results name it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleRef {
    /// Its id in this corpus.
    pub id: i64,
    /// Where it was read from: a path, or `FILE:LINE`.
    pub source: String,
    /// The headline, when known.
    pub title: Option<String>,
    /// The address, when known.
    pub url: Option<String>,
    /// The publication date (`YYYY-MM-DD`), when known.
    pub published: Option<String>,
}

/// Decimal-degree coordinates.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct Geo {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// An entity with what the corpus knows of it at a glance.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntitySummary {
    /// Id, name and type.
    #[serde(flatten)]
    pub entity: EntityRef,
    /// GeoNames id, for places found in the gazetteer.
    pub geonames_id: Option<i64>,
    /// Coordinates, for places.
    pub geo: Option<Geo>,
    /// ISO 3166-1 alpha-2 code of the country a place is in.
    pub country: Option<String>,
    /// Gazetteer feature of a place: country, region, city, ...
    pub feature: Option<String>,
    /// How many articles mention it.
    pub articles: u64,
    /// How many times they mention it.
    pub mentions: u64,
}

/// What a name given to [`Store::resolve_entity`] refers to.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "match", rename_all = "snake_case")]
pub enum EntityMatch {
    /// Exactly one entity.
    Found {
        /// The entity.
        entity: EntitySummary,
    },
    /// Several entities go by the name; most mentioned first.
    Ambiguous {
        /// The candidates.
        candidates: Vec<EntitySummary>,
    },
    /// No entity goes by the name.
    NotFound {
        /// Entities whose names start like it, most mentioned first.
        suggestions: Vec<EntitySummary>,
    },
}

/// Which events [`Store::timeline`] lists.
#[derive(Debug, Clone, Default)]
pub struct TimelineQuery {
    /// Only events this entity takes part in (as actor, target or place).
    pub entity: Option<i64>,
    /// Only events of this type (`attack`, `consult`, ...).
    pub kind: Option<String>,
    /// Only events on or after this day (their dates overlapping the range).
    pub from: Option<NaiveDate>,
    /// Only events on or before this day.
    pub to: Option<NaiveDate>,
    /// Also events that were only planned, threatened, denied, ... (default: those that
    /// happened).
    pub unrealised: bool,
    /// At most this many events.
    pub limit: Option<usize>,
    /// With a limit, keep the latest events rather than the earliest (the list stays in
    /// chronological order).
    pub latest: bool,
}

/// One event of a timeline, merged from all the articles that report it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TimelineEvent {
    /// Its id in this corpus.
    pub id: i64,
    /// The most precise date its reports give (a TIMEX value).
    pub date: Option<String>,
    /// CAMEO root category, `disaster` or `election`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `asserted` (it happened), or planned, threatened, ...
    pub modality: String,
    /// Who acted.
    pub actors: Vec<EntityRef>,
    /// Who was acted upon.
    pub targets: Vec<EntityRef>,
    /// Where.
    pub place: Option<EntityRef>,
    /// The articles that report it, oldest first.
    pub sources: Vec<EventSource>,
    /// Its counts (killed, injured, ...), each with its history across the sources.
    pub counts: Vec<CountHistory>,
}

/// One article's report of an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventSource {
    /// The article.
    pub article: ArticleRef,
    /// The date this article gives the event.
    pub date: Option<String>,
    /// The words that state the event in this article.
    pub trigger: Option<String>,
}

/// A count of an event ("killed") as its sources gave it over time.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CountHistory {
    /// What is counted: killed, injured, ...
    pub kind: String,
    /// The reconciled value: what the most recently published source says.
    pub value: u64,
    /// The highest value any source gives.
    pub max: u64,
    /// Every source's figure, oldest publication first.
    pub reports: Vec<CountReport>,
}

/// One source's figure for a count.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CountReport {
    /// The number.
    pub value: u64,
    /// The phrase that states it.
    pub text: String,
    /// How it is hedged: "at least", "more than", ...
    pub qualifier: Option<String>,
    /// Whether the source gives only an order of magnitude ("dozens").
    pub approximate: bool,
    /// The source.
    pub article: ArticleRef,
}

/// Which links [`Store::actors`] lists.
#[derive(Debug, Clone, Default)]
pub struct ActorsQuery {
    /// Only events of this type.
    pub kind: Option<String>,
    /// Only links this entity is part of (as actor or target).
    pub entity: Option<i64>,
    /// At most this many links.
    pub limit: Option<usize>,
}

/// Who acts on whom: an actor, a target, an event type and how often.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActorLink {
    /// Who acts.
    pub actor: EntityRef,
    /// Who is acted upon.
    pub target: EntityRef,
    /// The event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// How many (merged) events.
    pub events: u64,
    /// How many article reports of them.
    pub reports: u64,
}

/// A name and how many articles use it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NameCount {
    /// The name, alias or title.
    pub name: String,
    /// In how many articles.
    pub articles: u64,
}

/// How often an entity takes a role in events of a type.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventRole {
    /// `actor`, `target` or `place`.
    pub role: String,
    /// The event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// How many events.
    pub events: u64,
}

/// An article that mentions an entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleMention {
    /// The article.
    pub article: ArticleRef,
    /// How often it mentions the entity.
    pub mentions: u64,
}

/// Everything the corpus says about one entity.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntityProfile {
    /// The entity.
    pub entity: EntitySummary,
    /// The names articles call it by, most used first.
    pub aliases: Vec<NameCount>,
    /// Titles and roles articles give it ("President"), most used first.
    pub titles: Vec<NameCount>,
    /// Its roles in events (events that happened), most frequent first.
    pub event_roles: Vec<EventRole>,
    /// Its latest dated events, in chronological order.
    pub events: Vec<TimelineEvent>,
    /// Its latest quotes, newest first.
    pub quotes: Vec<QuoteRow>,
    /// The latest articles that mention it, newest first.
    pub articles: Vec<ArticleMention>,
}

/// Which quotes [`Store::quotes`] lists.
#[derive(Debug, Clone, Default)]
pub struct QuotesQuery {
    /// Only quotes of this speaker.
    pub speaker: Option<i64>,
    /// At most this many quotes.
    pub limit: Option<usize>,
}

/// A quotation with its speaker and source.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteRow {
    /// Its id in this corpus.
    pub id: i64,
    /// The quoted words.
    pub text: String,
    /// `direct`, `scare` or `indirect`.
    pub kind: String,
    /// The speaker as the article names it.
    pub speaker: Option<String>,
    /// The speaker's corpus entity.
    pub speaker_entity: Option<EntityRef>,
    /// Character offset of the quote in the article.
    pub start: u64,
    /// Character offset one past its end.
    pub end: u64,
    /// The article.
    pub article: ArticleRef,
}

/// A full-text search.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// The words to find. Every word must occur (in any form with the same stem: "attacks"
    /// finds "attacked"), unless `raw`.
    pub text: String,
    /// Pass `text` to SQLite FTS5 as it is: phrases in double quotes, OR, NOT, NEAR, prefix*.
    pub raw: bool,
    /// At most this many articles, and as many quotes.
    pub limit: Option<usize>,
}

/// What a search found: best matches first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchResults {
    /// Matching articles (title and text).
    pub articles: Vec<ArticleHit>,
    /// Matching quotes (words and speaker).
    pub quotes: Vec<QuoteHit>,
}

/// An article that matches a search.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ArticleHit {
    /// The article.
    pub article: ArticleRef,
    /// The best passage, matches in `[` `]`.
    pub snippet: String,
    /// BM25 relevance: lower is better.
    pub score: f64,
}

/// A quote that matches a search.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuoteHit {
    /// The quote.
    pub quote: QuoteRow,
    /// The quote, matches in `[` `]`.
    pub snippet: String,
    /// BM25 relevance: lower is better.
    pub score: f64,
}

/// Which entities [`Store::entities`] lists: the most mentioned first.
#[derive(Debug, Clone, Default)]
pub struct EntitiesQuery {
    /// Only entities of this type.
    pub kind: Option<String>,
    /// Only entities with coordinates (the places of a map).
    pub geocoded: bool,
    /// At most this many entities.
    pub limit: Option<usize>,
}

/// How many events (that happened) there are of one type.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TypeCount {
    /// The event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// How many merged events.
    pub events: u64,
}

/// One stored article: its metadata, text and analysis.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoredArticle {
    /// Id, source, title, url, publication date.
    #[serde(flatten)]
    pub article: ArticleRef,
    /// `text`, `html` or `json`: how it was read.
    pub format: String,
    /// Its content hash ([`crate::content_hash`]).
    pub hash: String,
    /// The analysed text; all offsets refer to it.
    pub text: String,
    /// The analysis as stored (the layers of `sitrep analyze --json`).
    pub analysis: serde_json::Value,
    /// When it was stored (RFC 3339, UTC).
    pub ingested_at: String,
}

/// The size of a corpus.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Stats {
    /// Schema version of the file.
    pub schema_version: i64,
    /// Stored articles.
    pub articles: u64,
    /// Merged entities.
    pub entities: u64,
    /// Merged events.
    pub events: u64,
    /// Article reports of events.
    pub event_reports: u64,
    /// Quotes.
    pub quotes: u64,
    /// Counts.
    pub counts: u64,
    /// The earliest publication date.
    pub first_published: Option<String>,
    /// The latest publication date.
    pub last_published: Option<String>,
}

const ARTICLE_COLUMNS: &str = "a.id, a.source, a.title, a.url, a.published";

fn article_ref(r: &Row, at: usize) -> rusqlite::Result<ArticleRef> {
    Ok(ArticleRef {
        id: r.get(at)?,
        source: r.get(at + 1)?,
        title: r.get(at + 2)?,
        url: r.get(at + 3)?,
        published: r.get(at + 4)?,
    })
}

const SUMMARY_COLUMNS: &str =
    "e.id, e.name, e.type, e.geonames_id, e.lat, e.lon, e.country, e.feature, e.articles, e.mentions";

fn summary(r: &Row) -> rusqlite::Result<EntitySummary> {
    let lat: Option<f64> = r.get(4)?;
    let lon: Option<f64> = r.get(5)?;
    Ok(EntitySummary {
        entity: EntityRef {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
        },
        geonames_id: r.get(3)?,
        geo: lat.zip(lon).map(|(lat, lon)| Geo { lat, lon }),
        country: r.get(6)?,
        feature: r.get(7)?,
        articles: r.get(8)?,
        mentions: r.get(9)?,
    })
}

/// `LIMIT` of a query: SQLite reads -1 as none.
fn limit(l: Option<usize>) -> i64 {
    l.map_or(-1, |l| l as i64)
}

impl Store {
    /// The size of the corpus.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let e = |e| self.err("cannot count", e);
        let count = |table: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .map_err(e)
        };
        let (first, last) = self
            .conn
            .query_row(
                "SELECT min(published), max(published) FROM articles",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(e)?;
        Ok(Stats {
            schema_version: schema::version(&self.conn).map_err(e)?,
            articles: count("articles")?,
            entities: count("entities")?,
            events: count("events")?,
            event_reports: count("event_reports")?,
            quotes: count("quotes")?,
            counts: count("counts")?,
            first_published: first,
            last_published: last,
        })
    }

    /// Articles, newest publication first.
    pub fn articles(&self, limit: usize, offset: usize) -> Result<Vec<ArticleRef>, StoreError> {
        let e = |e| self.err("cannot list articles", e);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles a
                 ORDER BY coalesce(a.published, '') DESC, a.id DESC LIMIT ?1 OFFSET ?2"
            ))
            .map_err(e)?;
        let rows = stmt
            .query_map(params![limit as i64, offset as i64], |r| article_ref(r, 0))
            .map_err(e)?;
        rows.collect::<Result<_, _>>().map_err(e)
    }

    /// One article with its text and analysis; `None` when there is no article with that id.
    pub fn article(&self, id: i64) -> Result<Option<StoredArticle>, StoreError> {
        let e = |e| self.err("cannot read the article", e);
        let row = self
            .conn
            .query_row(
                &format!(
                    "SELECT {ARTICLE_COLUMNS}, a.format, a.hash, a.text, a.analysis, a.ingested_at
                     FROM articles a WHERE a.id = ?1"
                ),
                [id],
                |r| {
                    Ok((
                        article_ref(r, 0)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, String>(9)?,
                    ))
                },
            )
            .optional()
            .map_err(e)?;
        Ok(row.map(
            |(article, format, hash, text, analysis, ingested_at)| StoredArticle {
                article,
                format,
                hash,
                text,
                analysis: serde_json::from_str(&analysis).unwrap_or(serde_json::Value::Null),
                ingested_at,
            },
        ))
    }

    /// Entities, the most mentioned (in most articles) first.
    pub fn entities(&self, q: &EntitiesQuery) -> Result<Vec<EntitySummary>, StoreError> {
        let e = |e| self.err("cannot list entities", e);
        let geo = if q.geocoded {
            " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
        } else {
            ""
        };
        let kind = if q.kind.is_some() {
            " AND e.type = ?1"
        } else {
            " AND ?1 IS NULL"
        };
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM entities e WHERE 1{kind}{geo}
                 ORDER BY e.articles DESC, e.mentions DESC, e.id LIMIT ?2"
            ))
            .map_err(e)?;
        let rows = stmt
            .query_map(params![q.kind, limit(q.limit)], summary)
            .map_err(e)?;
        rows.collect::<Result<_, _>>().map_err(e)
    }

    /// The types of events that happened, the most frequent first.
    pub fn event_types(&self) -> Result<Vec<TypeCount>, StoreError> {
        let e = |e| self.err("cannot count events", e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT type, count(*) FROM events WHERE modality = 'asserted' GROUP BY type ORDER BY 2 DESC, 1",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TypeCount {
                    kind: r.get(0)?,
                    events: r.get(1)?,
                })
            })
            .map_err(e)?;
        rows.collect::<Result<_, _>>().map_err(e)
    }

    /// The entity a name (canonical name or alias, compared normalised; or `#ID`) refers to,
    /// optionally only among entities of one type.
    pub fn resolve_entity(
        &self,
        name: &str,
        kind: Option<&str>,
    ) -> Result<EntityMatch, StoreError> {
        let e = |e| self.err("cannot look up entities", e);
        let by_id = |id: i64| -> Result<Option<EntitySummary>, StoreError> {
            self.conn
                .query_row(
                    &format!("SELECT {SUMMARY_COLUMNS} FROM entities e WHERE e.id = ?1"),
                    [id],
                    summary,
                )
                .optional()
                .map_err(e)
        };
        if let Some(id) = name.trim().strip_prefix('#').and_then(|n| n.parse().ok()) {
            return Ok(match by_id(id)? {
                Some(entity) => EntityMatch::Found { entity },
                None => EntityMatch::NotFound {
                    suggestions: vec![],
                },
            });
        }
        let norm = normalise(name);
        let kind_ok =
            |s: &EntitySummary| kind.is_none_or(|k| s.entity.kind.eq_ignore_ascii_case(k));
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM entities e
                 WHERE e.id IN (SELECT entity_id FROM entity_aliases WHERE norm = ?1)
                 ORDER BY e.articles DESC, e.id"
            ))
            .map_err(e)?;
        let candidates: Vec<EntitySummary> = stmt
            .query_map([&norm], summary)
            .map_err(e)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(e)?
            .into_iter()
            .filter(kind_ok)
            .collect();
        match candidates.len() {
            0 => {}
            1 => {
                return Ok(EntityMatch::Found {
                    entity: candidates.into_iter().next().unwrap(),
                })
            }
            _ => {
                // A name that is one entity's own name and only others' alias means that one.
                let own: Vec<&EntitySummary> = candidates
                    .iter()
                    .filter(|c| normalise(&c.entity.name) == norm)
                    .collect();
                if let [one] = own.as_slice() {
                    return Ok(EntityMatch::Found {
                        entity: (*one).clone(),
                    });
                }
                return Ok(EntityMatch::Ambiguous { candidates });
            }
        }
        if norm.is_empty() {
            return Ok(EntityMatch::NotFound {
                suggestions: vec![],
            });
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM entities e
                 WHERE e.id IN (SELECT entity_id FROM entity_aliases WHERE norm >= ?1 AND norm < ?1 || char(1114111))
                 ORDER BY e.articles DESC, e.id LIMIT 20"
            ))
            .map_err(e)?;
        let suggestions = stmt
            .query_map([&norm], summary)
            .map_err(e)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(e)?
            .into_iter()
            .filter(kind_ok)
            .take(5)
            .collect();
        Ok(EntityMatch::NotFound { suggestions })
    }

    /// Events in date order, merged across articles, with their sources and counts. Undated
    /// events are left out (`export --format csv` lists them).
    pub fn timeline(&self, q: &TimelineQuery) -> Result<Vec<TimelineEvent>, StoreError> {
        let e = |e| self.err("cannot read the timeline", e);
        let mut sql = String::from(
            "SELECT id, type, modality, date, place_id FROM events WHERE day_lo IS NOT NULL",
        );
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if !q.unrealised {
            sql += " AND modality = 'asserted'";
        }
        if let Some(k) = &q.kind {
            args.push(Box::new(k.clone()));
            sql += &format!(" AND type = ?{}", args.len());
        }
        if let Some(from) = q.from {
            args.push(Box::new(dates::day_number(from)));
            sql += &format!(" AND day_hi >= ?{}", args.len());
        }
        if let Some(to) = q.to {
            args.push(Box::new(dates::day_number(to)));
            sql += &format!(" AND day_lo <= ?{}", args.len());
        }
        if let Some(id) = q.entity {
            args.push(Box::new(id));
            sql += &format!(
                " AND id IN (SELECT event_id FROM event_participants WHERE entity_id = ?{})",
                args.len()
            );
        }
        let order = if q.latest { "DESC" } else { "ASC" };
        args.push(Box::new(limit(q.limit)));
        sql += &format!(
            " ORDER BY day_lo {order}, day_hi {order}, id {order} LIMIT ?{}",
            args.len()
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(e)?;
        // id, type, modality, date, place
        type EventRow = (i64, String, String, Option<String>, Option<i64>);
        let rows: Vec<EventRow> = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let mut events = rows
            .into_iter()
            .map(|(id, kind, modality, date, place)| {
                self.event_detail(id, kind, modality, date, place)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(e)?;
        if q.latest {
            events.reverse();
        }
        Ok(events)
    }

    fn entity_ref(&self, id: i64) -> rusqlite::Result<EntityRef> {
        self.conn
            .prepare_cached("SELECT id, name, type FROM entities WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(EntityRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                })
            })
    }

    /// An event with its participants, sources and counts.
    pub(crate) fn event_detail(
        &self,
        id: i64,
        kind: String,
        modality: String,
        date: Option<String>,
        place: Option<i64>,
    ) -> rusqlite::Result<TimelineEvent> {
        let mut actors = Vec::new();
        let mut targets = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.role, e.id, e.name, e.type FROM event_participants p JOIN entities e ON e.id = p.entity_id
             WHERE p.event_id = ?1 AND p.role IN ('actor', 'target') ORDER BY p.reports DESC, e.name",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                EntityRef {
                    id: r.get(1)?,
                    name: r.get(2)?,
                    kind: r.get(3)?,
                },
            ))
        })?;
        for row in rows {
            let (role, entity) = row?;
            if role == "actor" {
                &mut actors
            } else {
                &mut targets
            }
            .push(entity);
        }
        let place = place.map(|p| self.entity_ref(p)).transpose()?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS}, r.date, r.trigger FROM event_reports r JOIN articles a ON a.id = r.article_id
             WHERE r.event_id = ?1 ORDER BY coalesce(a.published, ''), a.id"
        ))?;
        let sources = stmt
            .query_map([id], |r| {
                Ok(EventSource {
                    article: article_ref(r, 0)?,
                    date: r.get(5)?,
                    trigger: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let counts = self.count_histories(id)?;
        Ok(TimelineEvent {
            id,
            date,
            kind,
            modality,
            actors,
            targets,
            place,
            sources,
            counts,
        })
    }

    /// The counts of an event by kind, each source's latest figure in publication order.
    fn count_histories(&self, event: i64) -> rusqlite::Result<Vec<CountHistory>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS}, c.kind, c.value, c.text, c.qualifier, c.approximate
             FROM counts c JOIN articles a ON a.id = c.article_id
             WHERE c.event_id = ?1 AND c.part_of IS NULL AND c.superseded = 0
             ORDER BY c.kind, coalesce(a.published, ''), a.id, c.idx"
        ))?;
        let rows = stmt.query_map([event], |r| {
            Ok((
                r.get::<_, String>(5)?,
                CountReport {
                    value: r.get::<_, i64>(6)?.max(0) as u64,
                    text: r.get(7)?,
                    qualifier: r.get(8)?,
                    approximate: r.get(9)?,
                    article: article_ref(r, 0)?,
                },
            ))
        })?;
        let mut by_kind: BTreeMap<String, Vec<CountReport>> = BTreeMap::new();
        for row in rows {
            let (kind, report) = row?;
            by_kind.entry(kind).or_default().push(report);
        }
        Ok(by_kind
            .into_iter()
            .map(|(kind, reports)| CountHistory {
                value: reports.last().map_or(0, |r| r.value),
                max: reports.iter().map(|r| r.value).max().unwrap_or(0),
                kind,
                reports,
            })
            .collect())
    }

    /// Who acts on whom, by event type, most frequent first (events that happened).
    pub fn actors(&self, q: &ActorsQuery) -> Result<Vec<ActorLink>, StoreError> {
        let e = |e| self.err("cannot read the actor network", e);
        let mut sql = String::from(
            "SELECT a.entity_id, t.entity_id, e.type, count(*), sum(e.reports)
             FROM events e
             JOIN event_participants a ON a.event_id = e.id AND a.role = 'actor'
             JOIN event_participants t ON t.event_id = e.id AND t.role = 'target'
             WHERE e.modality = 'asserted' AND a.entity_id <> t.entity_id",
        );
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(k) = &q.kind {
            args.push(Box::new(k.clone()));
            sql += &format!(" AND e.type = ?{}", args.len());
        }
        if let Some(id) = q.entity {
            args.push(Box::new(id));
            let n = args.len();
            sql += &format!(
                " AND e.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?{n} AND role IN ('actor', 'target'))
                  AND (a.entity_id = ?{n} OR t.entity_id = ?{n})"
            );
        }
        args.push(Box::new(limit(q.limit)));
        sql += &format!(
            " GROUP BY a.entity_id, t.entity_id, e.type ORDER BY 4 DESC, 5 DESC, 1, 2, 3 LIMIT ?{}",
            args.len()
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(e)?;
        let rows: Vec<(i64, i64, String, u64, u64)> = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let mut names: HashMap<i64, EntityRef> = HashMap::new();
        let mut named = |id: i64| -> Result<EntityRef, StoreError> {
            if let Some(r) = names.get(&id) {
                return Ok(r.clone());
            }
            let r = self.entity_ref(id).map_err(e)?;
            names.insert(id, r.clone());
            Ok(r)
        };
        rows.into_iter()
            .map(|(a, t, kind, events, reports)| {
                Ok(ActorLink {
                    actor: named(a)?,
                    target: named(t)?,
                    kind,
                    events,
                    reports,
                })
            })
            .collect()
    }

    /// Everything about one entity: names, titles, event roles, and its latest `limit`
    /// events, quotes and articles. `None` when there is no entity with that id.
    pub fn entity(&self, id: i64, limit: usize) -> Result<Option<EntityProfile>, StoreError> {
        let e = |e| self.err("cannot read the entity", e);
        let Some(entity) = self
            .conn
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS} FROM entities e WHERE e.id = ?1"),
                [id],
                summary,
            )
            .optional()
            .map_err(e)?
        else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT alias, articles FROM entity_aliases WHERE entity_id = ?1 ORDER BY articles DESC, alias",
            )
            .map_err(e)?;
        let aliases = stmt
            .query_map([id], |r| {
                Ok(NameCount {
                    name: r.get(0)?,
                    articles: r.get(1)?,
                })
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT roles FROM article_entities WHERE entity_id = ?1 AND roles IS NOT NULL",
            )
            .map_err(e)?;
        let mut titles: HashMap<String, u64> = HashMap::new();
        for row in stmt.query_map([id], |r| r.get::<_, String>(0)).map_err(e)? {
            let list: Vec<String> = serde_json::from_str(&row.map_err(e)?).unwrap_or_default();
            for t in list {
                *titles.entry(t).or_default() += 1;
            }
        }
        let mut titles: Vec<NameCount> = titles
            .into_iter()
            .map(|(name, articles)| NameCount { name, articles })
            .collect();
        titles.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.role, e.type, count(*) FROM event_participants p JOIN events e ON e.id = p.event_id
                 WHERE p.entity_id = ?1 AND e.modality = 'asserted'
                 GROUP BY p.role, e.type ORDER BY 3 DESC, 1, 2",
            )
            .map_err(e)?;
        let event_roles = stmt
            .query_map([id], |r| {
                Ok(EventRole {
                    role: r.get(0)?,
                    kind: r.get(1)?,
                    events: r.get(2)?,
                })
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let events = self.timeline(&TimelineQuery {
            entity: Some(id),
            limit: Some(limit),
            latest: true,
            ..Default::default()
        })?;
        let quotes = self.quotes(&QuotesQuery {
            speaker: Some(id),
            limit: Some(limit),
        })?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS}, ae.mentions FROM article_entities ae JOIN articles a ON a.id = ae.article_id
                 WHERE ae.entity_id = ?1 ORDER BY coalesce(a.published, '') DESC, a.id DESC LIMIT ?2"
            ))
            .map_err(e)?;
        let articles = stmt
            .query_map(params![id, limit as i64], |r| {
                Ok(ArticleMention {
                    article: article_ref(r, 0)?,
                    mentions: r.get(5)?,
                })
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        Ok(Some(EntityProfile {
            entity,
            aliases,
            titles,
            event_roles,
            events,
            quotes,
            articles,
        }))
    }

    /// Quotes, newest article first.
    pub fn quotes(&self, q: &QuotesQuery) -> Result<Vec<QuoteRow>, StoreError> {
        let e = |e| self.err("cannot read quotes", e);
        let filter = if q.speaker.is_some() {
            "q.speaker_id = ?1"
        } else {
            "?1 IS NULL"
        };
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
                 WHERE {filter} ORDER BY coalesce(a.published, '') DESC, q.id DESC LIMIT ?2"
            ))
            .map_err(e)?;
        let rows: Vec<(QuoteRow, Option<i64>)> = stmt
            .query_map(params![q.speaker, limit(q.limit)], quote_row)
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        rows.into_iter()
            .map(|(mut row, speaker)| {
                row.speaker_entity = speaker.map(|s| self.entity_ref(s)).transpose().map_err(e)?;
                Ok(row)
            })
            .collect()
    }

    /// Full-text search over articles (title and text) and quotes (words and speaker).
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, StoreError> {
        let fts = if q.raw {
            q.text.trim().to_string()
        } else {
            fts_words(&q.text)
        };
        let bad = |message: String| StoreError::BadSearch {
            query: q.text.clone(),
            message,
        };
        if fts.is_empty() {
            return Err(bad("there are no words to search for".into()));
        }
        // FTS5 reports a malformed query (SQLITE_ERROR) when it runs: that is the user's query;
        // I/O, locking and corruption have codes of their own.
        let e = |err: rusqlite::Error| match &err {
            rusqlite::Error::SqliteFailure(f, m) if f.code == rusqlite::ErrorCode::Unknown => {
                bad(m.clone().unwrap_or_else(|| f.to_string()))
            }
            _ => self.err("cannot search", err),
        };
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS}, snippet(articles_fts, 1, '[', ']', '…', 24), bm25(articles_fts, 3.0, 1.0) AS score
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 WHERE articles_fts MATCH ?1 ORDER BY score LIMIT ?2"
            ))
            .map_err(e)?;
        let articles = stmt
            .query_map(params![fts, limit(q.limit)], |r| {
                Ok(ArticleHit {
                    article: article_ref(r, 0)?,
                    snippet: r.get(5)?,
                    score: r.get(6)?,
                })
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {QUOTE_COLUMNS}, highlight(quotes_fts, 0, '[', ']'), bm25(quotes_fts) AS score
                 FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN articles a ON a.id = q.article_id
                 WHERE quotes_fts MATCH ?1 ORDER BY score LIMIT ?2"
            ))
            .map_err(e)?;
        let rows: Vec<(QuoteRow, Option<i64>, String, f64)> = stmt
            .query_map(params![fts, limit(q.limit)], |r| {
                let (row, speaker) = quote_row(r)?;
                Ok((row, speaker, r.get(12)?, r.get(13)?))
            })
            .map_err(e)?
            .collect::<Result<_, _>>()
            .map_err(e)?;
        let quotes = rows
            .into_iter()
            .map(|(mut quote, speaker, snippet, score)| {
                quote.speaker_entity = speaker.map(|s| self.entity_ref(s)).transpose()?;
                Ok(QuoteHit {
                    quote,
                    snippet,
                    score,
                })
            })
            .collect::<rusqlite::Result<_>>()
            .map_err(|err| self.err("cannot search", err))?;
        Ok(SearchResults { articles, quotes })
    }
}

const QUOTE_COLUMNS: &str =
    "a.id, a.source, a.title, a.url, a.published, q.id, q.text, q.kind, q.speaker, q.speaker_id, q.start, q.end";

/// A quote row (its speaker entity to be filled in) and the speaker's entity id.
fn quote_row(r: &Row) -> rusqlite::Result<(QuoteRow, Option<i64>)> {
    Ok((
        QuoteRow {
            article: article_ref(r, 0)?,
            id: r.get(5)?,
            text: r.get(6)?,
            kind: r.get(7)?,
            speaker: r.get(8)?,
            speaker_entity: None,
            start: r.get(10)?,
            end: r.get(11)?,
        },
        r.get(9)?,
    ))
}

/// Words as an FTS5 query that needs all of them, each taken literally.
fn fts_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}
