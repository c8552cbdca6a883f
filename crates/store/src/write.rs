//! Storing one article: its row, its facts, and their merging into corpus entities and events.

use crate::facts::{EntityFact, EventFact, Facts};
use crate::names::normalise;
use crate::{dates, NewArticle, PreparedAnalysis, Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// What [`Store::add_article`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// The article is new and was stored under this id.
    Stored(i64),
    /// An article with the same content hash was already stored, under this id.
    AlreadyStored(i64),
}

/// Reports of one event may give dates this many days apart.
const DATE_TOLERANCE_DAYS: i32 = 1;

/// Only events dated to a month or better are merged: "in 2024" says too little to tell two
/// events apart.
const MAX_MERGE_SPAN_DAYS: i32 = 31;

/// The type of an entity the extractors gave no type, or that only an event names.
const UNTYPED: &str = "OTHER";

pub(crate) fn add_article(
    store: &mut Store,
    article: &NewArticle,
    prepared: &PreparedAnalysis,
) -> Result<Added, StoreError> {
    let PreparedAnalysis { json, facts, hash } = prepared;
    let Store {
        conn,
        path,
        resolved,
    } = store;
    let err = |e| StoreError::sqlite(path, &format!("cannot store {}", article.source), e);
    // The resolutions of earlier articles go with this one's writer and come back only when it
    // is committed: an article that fails leaves no trace in them either.
    let earlier = std::mem::take(resolved);
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(err)?;
    let (added, now) = write(&tx, article, hash, json, facts, earlier).map_err(err)?;
    tx.commit().map_err(err)?;
    *resolved = now;
    Ok(added)
}

/// The corpus entity each article entity (type, GeoNames id, name, aliases) resolved to, kept
/// from article to article so that a known entity costs no query. A resolution depends only on
/// the entities and claims of its own names, so when one of those changes (a name is claimed
/// or becomes ambiguous, an entity takes a fuller name, a new entity takes a name) the
/// resolutions that looked that name up are forgotten, and only they.
#[derive(Debug, Default)]
pub(crate) struct Resolutions {
    /// Key (see [`Writer::resolve_entity`]) → corpus entity.
    by_key: HashMap<String, i64>,
    /// Normalised name → the keys whose resolution looked it up.
    keys_by_name: HashMap<String, Vec<String>>,
}

impl Resolutions {
    fn get(&self, key: &str) -> Option<i64> {
        self.by_key.get(key).copied()
    }

    fn insert<'n>(&mut self, key: String, names: impl Iterator<Item = &'n String>, id: i64) {
        for name in names {
            self.keys_by_name
                .entry(name.clone())
                .or_default()
                .push(key.clone());
        }
        self.by_key.insert(key, id);
    }

    /// Forgets every resolution that looked `name` up.
    fn forget(&mut self, name: &str) {
        for key in self.keys_by_name.remove(name).unwrap_or_default() {
            self.by_key.remove(&key);
        }
    }
}

/// Stores an article unless its hash is known, inside the caller's transaction; returns the
/// resolutions to keep for the next article.
fn write(
    conn: &Connection,
    article: &NewArticle,
    hash: &str,
    json: &str,
    facts: &Facts,
    resolved: Resolutions,
) -> rusqlite::Result<(Added, Resolutions)> {
    let known: Option<i64> = conn
        .prepare_cached("SELECT id FROM articles WHERE hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?;
    if let Some(id) = known {
        return Ok((Added::AlreadyStored(id), resolved));
    }
    let mut writer = Writer::new(conn, article, hash, json, facts, resolved)?;
    let id = writer.write_facts()?;
    Ok((Added::Stored(id), writer.resolved.into_inner()))
}

/// Brings the corpus-wide indexes up to date with the articles stored since the last call, in
/// one transaction, and returns how many articles that was: the full-text indexes of articles
/// and quotes, the entities' article and mention counters, and the names articles use for
/// them. These touch pages all over the file, so folding many articles in at once writes each
/// page once instead of once per article; FTS5 also makes one index segment per transaction,
/// and merging a segment per article would cost more than everything else an article stores.
pub(crate) fn update_indexes(conn: &mut Connection) -> rusqlite::Result<usize> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (articles, quotes): (i64, i64) =
        tx.query_row("SELECT articles, quotes FROM index_progress", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    tx.prepare_cached(
        "UPDATE entities SET articles = articles + d.n, mentions = mentions + d.m
         FROM (SELECT entity_id, count(*) AS n, sum(mentions) AS m FROM article_entities
               WHERE article_id > ?1 GROUP BY entity_id) AS d
         WHERE entities.id = d.entity_id",
    )?
    .execute([articles])?;
    let mut uses: HashMap<(i64, String), i64> = HashMap::new();
    let mut names =
        tx.prepare_cached("SELECT entity_id, names FROM article_entities WHERE article_id > ?1")?;
    let mut rows = names.query([articles])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let list: Option<String> = row.get(1)?;
        for name in list
            .and_then(|l| serde_json::from_str::<Vec<String>>(&l).ok())
            .unwrap_or_default()
        {
            *uses.entry((id, name)).or_default() += 1;
        }
    }
    drop(rows);
    let mut upsert = tx.prepare_cached(
        "INSERT INTO entity_aliases (entity_id, alias, norm, articles) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entity_id, alias) DO UPDATE SET articles = articles + excluded.articles",
    )?;
    for ((id, alias), n) in uses {
        upsert.execute(params![id, alias, normalise(&alias), n])?;
    }
    drop((names, upsert));
    let indexed = tx
        .prepare_cached(
            "INSERT INTO articles_fts (rowid, title, text)
             SELECT id, coalesce(title, ''), text FROM articles WHERE id > ?1 ORDER BY id",
        )?
        .execute([articles])?;
    tx.prepare_cached(
        "INSERT INTO quotes_fts (rowid, text, speaker)
         SELECT id, text, coalesce(speaker, '') FROM quotes WHERE id > ?1 ORDER BY id",
    )?
    .execute([quotes])?;
    tx.execute(
        "UPDATE index_progress SET
            articles = (SELECT coalesce(max(id), 0) FROM articles),
            quotes = (SELECT coalesce(max(id), 0) FROM quotes)",
        [],
    )?;
    tx.commit()?;
    Ok(indexed)
}

/// What one article says of one corpus entity, gathered from the article entities it is.
struct ArticleEntity<'f> {
    id: i64,
    /// The name of the first of them.
    name: &'f str,
    mentions: usize,
    first_start: Option<usize>,
    roles: Vec<&'f str>,
    /// Their names and aliases, for `entity_aliases`.
    names: Vec<&'f str>,
}

impl<'f> ArticleEntity<'f> {
    fn new(id: i64, name: &'f str) -> Self {
        ArticleEntity {
            id,
            name,
            mentions: 0,
            first_start: None,
            roles: Vec::new(),
            names: Vec::new(),
        }
    }

    fn add(&mut self, e: &'f EntityFact) {
        self.mentions += e.mentions.len();
        let first = e.mentions.iter().map(|m| m.start).min();
        self.first_start = self.first_start.into_iter().chain(first).min();
        for role in &e.roles {
            if !self.roles.contains(&role.as_str()) {
                self.roles.push(role);
            }
        }
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            if !name.trim().is_empty() && !self.names.contains(&name.as_str()) {
                self.names.push(name);
            }
        }
    }
}

/// Writes the facts of one article inside the article's transaction.
struct Writer<'a> {
    tx: &'a Connection,
    facts: &'a Facts,
    article: i64,
    /// Corpus entity of each of the article's entities, by index.
    entity_ids: Vec<i64>,
    /// The article's names (canonical, then aliases) of its entities, normalised.
    by_name: HashMap<String, i64>,
    /// Corpus events this article has reported, so two of its own events never merge.
    reported: HashSet<i64>,
    /// Resolutions kept from article to article.
    resolved: RefCell<Resolutions>,
}

impl<'a> Writer<'a> {
    /// Inserts the article row.
    fn new(
        tx: &'a Connection,
        a: &NewArticle,
        hash: &str,
        json: &str,
        facts: &'a Facts,
        resolved: Resolutions,
    ) -> rusqlite::Result<Writer<'a>> {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        tx.prepare_cached(
            "INSERT INTO articles (hash, source, format, title, url, published, text, analysis, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            hash,
            a.source,
            a.format,
            a.title,
            a.url,
            a.published.map(|d| d.to_string()),
            a.text,
            json,
            now
        ])?;
        let article = tx.last_insert_rowid();
        Ok(Writer {
            tx,
            facts,
            article,
            entity_ids: Vec::new(),
            by_name: HashMap::new(),
            reported: HashSet::new(),
            resolved: RefCell::new(resolved),
        })
    }

    fn write_facts(&mut self) -> rusqlite::Result<i64> {
        self.entities()?;
        self.quotes()?;
        let asserted = self.events(&self.facts.events, "asserted")?;
        self.events(&self.facts.unrealised_events, "unrealised")?;
        self.counts(&asserted)?;
        Ok(self.article)
    }

    // ---- entities ----

    /// Resolves the article's entities and stores one row per corpus entity they are (two of
    /// them may be one: "Kyiv" and a garbled "Keefe" the gazetteer places alike).
    fn entities(&mut self) -> rusqlite::Result<()> {
        let mut rows: Vec<ArticleEntity> = Vec::new();
        let mut row_of: HashMap<i64, usize> = HashMap::new();
        for e in &self.facts.entities {
            let id = self.resolve_entity(e)?;
            self.entity_ids.push(id);
            let at = *row_of.entry(id).or_insert_with(|| {
                rows.push(ArticleEntity::new(id, &e.name));
                rows.len() - 1
            });
            rows[at].add(e);
        }
        for row in &rows {
            let json = |list: &[&str]| serde_json::to_string(list).unwrap_or_default();
            self.tx
                .prepare_cached(
                    "INSERT INTO article_entities (article_id, entity_id, name, mentions, first_start, roles, names)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    self.article,
                    row.id,
                    row.name,
                    row.mentions,
                    row.first_start,
                    (!row.roles.is_empty()).then(|| json(&row.roles)),
                    json(&row.names)
                ])?;
        }
        // Canonical names first, so an alias never hides another entity's own name.
        for (e, &id) in self.facts.entities.iter().zip(&self.entity_ids) {
            self.by_name.entry(e.norm.clone()).or_insert(id);
        }
        for (e, &id) in self.facts.entities.iter().zip(&self.entity_ids) {
            for a in &e.alias_norms {
                self.by_name.entry(a.clone()).or_insert(id);
            }
        }
        Ok(())
    }

    /// The corpus entity an article entity is: by GeoNames id; by its name, when one entity
    /// alone goes by it (as name or alias); by an alias that is one entity's name; or by an
    /// entity of the same name (for names several entities share); otherwise a new one.
    /// Registers its names.
    fn resolve_entity(&self, e: &EntityFact) -> rusqlite::Result<i64> {
        let kind = if e.kind.trim().is_empty() {
            UNTYPED
        } else {
            e.kind.as_str()
        };
        let key = format!(
            "{kind}\u{1f}{:?}\u{1f}{}\u{1f}{}",
            e.geonames_id,
            e.name,
            e.aliases.join("\u{1e}")
        );
        if let Some(id) = self.resolved.borrow().get(&key) {
            return Ok(id);
        }
        let id = self.resolve_anew(e, kind)?;
        let names = std::iter::once(&e.norm).chain(&e.alias_norms);
        self.resolved.borrow_mut().insert(key, names, id);
        Ok(id)
    }

    /// [`Writer::resolve_entity`] from the tables.
    fn resolve_anew(&self, e: &EntityFact, kind: &str) -> rusqlite::Result<i64> {
        let (norm, alias_norms) = (&e.norm, &e.alias_norms);
        let mut found = match e.geonames_id {
            Some(g) => self
                .tx
                .prepare_cached("SELECT id FROM entities WHERE geonames_id = ?1")?
                .query_row([g], |r| r.get(0))
                .optional()?,
            None => None,
        };
        let claim = self.claimed(norm, kind)?;
        if found.is_none() {
            if let Some(id) = claim {
                if self.compatible_place(id, e)? {
                    found = Some(id);
                }
            }
        }
        // An alias that is another entity's full name: this article knows a fuller name for
        // it ("Vladimir Putin", alias "Putin", for a stored "Putin"). Two full names sharing
        // an alias ("Berg") say nothing.
        let mut via_alias = false;
        if found.is_none() {
            let mut ids = HashSet::new();
            for a in alias_norms {
                // `+geonames_id`: the lookup must go by name (entities_norm). Left to itself, SQLite
                // takes the unique GeoNames index for `IS NULL` and walks every unplaced entity.
                let mut stmt = self.tx.prepare_cached(
                    "SELECT id FROM entities WHERE norm = ?1 AND type = ?2 AND (+geonames_id IS NULL OR +geonames_id = ?3)",
                )?;
                for id in stmt.query_map(params![a, kind, e.geonames_id], |r| r.get::<_, i64>(0))? {
                    ids.insert(id?);
                }
            }
            if ids.len() == 1 {
                found = ids.into_iter().next();
                via_alias = true;
            }
        }
        // Among entities of one name, the one most articles mention (counted here: the
        // `articles` counters lag behind, see `update_indexes`).
        if found.is_none() {
            found = self
                .tx
                .prepare_cached(
                    "SELECT id FROM entities WHERE norm = ?1 AND type = ?2 AND +geonames_id IS NULL
                     ORDER BY (SELECT count(*) FROM article_entities a WHERE a.entity_id = entities.id) DESC, id
                     LIMIT 1",
                )?
                .query_row(params![norm, kind], |r| r.get(0))
                .optional()?;
        }
        let id = match found {
            Some(id) => {
                self.enrich(id, e, norm, alias_norms, via_alias)?;
                id
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO entities (name, norm, type, geonames_id, lat, lon, country, feature)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?
                    .execute(params![
                        e.name,
                        norm,
                        kind,
                        e.geonames_id,
                        e.geo.map(|g| g.lat),
                        e.geo.map(|g| g.lon),
                        e.country,
                        e.feature
                    ])?;
                // An alias that is now an entity's name may resolve to it.
                self.resolved.borrow_mut().forget(norm);
                self.tx.last_insert_rowid()
            }
        };
        for n in std::iter::once(norm).chain(alias_norms) {
            if n.is_empty() || (n == norm && claim == Some(id)) {
                continue;
            }
            // A name claimed by two entities becomes ambiguous (NULL) and merges nothing more.
            let current: Option<Option<i64>> = self
                .tx
                .prepare_cached("SELECT entity_id FROM entity_names WHERE norm = ?1 AND type = ?2")?
                .query_row(params![n, kind], |r| r.get(0))
                .optional()?;
            match current {
                None => {
                    self.tx
                        .prepare_cached(
                            "INSERT INTO entity_names (norm, type, entity_id) VALUES (?1, ?2, ?3)",
                        )?
                        .execute(params![n, kind, id])?;
                    self.resolved.borrow_mut().forget(n);
                }
                Some(Some(other)) if other != id => {
                    self.tx
                        .prepare_cached("UPDATE entity_names SET entity_id = NULL WHERE norm = ?1 AND type = ?2")?
                        .execute(params![n, kind])?;
                    self.resolved.borrow_mut().forget(n);
                }
                Some(_) => {}
            }
        }
        Ok(id)
    }

    /// The entity that alone claims a normalised name of a type.
    fn claimed(&self, norm: &str, kind: &str) -> rusqlite::Result<Option<i64>> {
        if norm.is_empty() {
            return Ok(None);
        }
        let id: Option<Option<i64>> = self
            .tx
            .prepare_cached("SELECT entity_id FROM entity_names WHERE norm = ?1 AND type = ?2")?
            .query_row(params![norm, kind], |r| r.get(0))
            .optional()?;
        Ok(id.flatten())
    }

    /// Whether an article entity may be the corpus entity `id`: two places with different
    /// GeoNames ids are different places, whatever their names.
    fn compatible_place(&self, id: i64, e: &EntityFact) -> rusqlite::Result<bool> {
        let Some(g) = e.geonames_id else {
            return Ok(true);
        };
        let stored: Option<i64> = self
            .tx
            .prepare_cached("SELECT geonames_id FROM entities WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        Ok(stored.is_none_or(|s| s == g))
    }

    /// Fills what the corpus entity lacks from the article's, and takes the article's name
    /// when it is the fuller form of the stored one ("Putin" → "Vladimir Putin").
    fn enrich(
        &self,
        id: i64,
        e: &EntityFact,
        norm: &str,
        alias_norms: &[String],
        via_alias: bool,
    ) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE entities SET
                    geonames_id = coalesce(geonames_id, ?2),
                    lat = coalesce(lat, ?3), lon = coalesce(lon, ?4),
                    country = coalesce(country, ?5), feature = coalesce(feature, ?6)
                 WHERE id = ?1 AND ((geonames_id IS NULL AND ?2 IS NOT NULL) OR (lat IS NULL AND ?3 IS NOT NULL)
                    OR (lon IS NULL AND ?4 IS NOT NULL) OR (country IS NULL AND ?5 IS NOT NULL)
                    OR (feature IS NULL AND ?6 IS NOT NULL))",
            )?
            .execute(params![
                id,
                e.geonames_id,
                e.geo.map(|g| g.lat),
                e.geo.map(|g| g.lon),
                e.country,
                e.feature
            ])?;
        if via_alias {
            let stored: String = self
                .tx
                .prepare_cached("SELECT name FROM entities WHERE id = ?1")?
                .query_row([id], |r| r.get(0))?;
            let stored_norm = normalise(&stored);
            if alias_norms.contains(&stored_norm) && norm.len() > stored_norm.len() {
                self.tx
                    .prepare_cached("UPDATE entities SET name = ?2, norm = ?3 WHERE id = ?1")?
                    .execute(params![id, e.name, norm])?;
                let mut resolved = self.resolved.borrow_mut();
                resolved.forget(&stored_norm);
                resolved.forget(norm);
            }
        }
        Ok(())
    }

    /// The corpus entity of a name used in the article's quotes and events: one of the
    /// article's entities, else the entity that alone claims the name in the corpus.
    fn entity_named(&self, name: &str) -> rusqlite::Result<Option<i64>> {
        let norm = normalise(name);
        if norm.is_empty() {
            return Ok(None);
        }
        if let Some(&id) = self.by_name.get(&norm) {
            return Ok(Some(id));
        }
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT entity_id FROM entity_names WHERE norm = ?1 LIMIT 2",
        )?;
        let ids: Vec<Option<i64>> = stmt
            .query_map([&norm], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(match ids.as_slice() {
            [Some(id)] => Some(*id),
            _ => None,
        })
    }

    /// As [`Writer::entity_named`], creating an untyped entity for a name nothing else knows
    /// (an event participant must be an entity).
    fn participant(&self, name: &str) -> rusqlite::Result<Option<i64>> {
        if let Some(id) = self.entity_named(name)? {
            return Ok(Some(id));
        }
        let norm = normalise(name);
        if norm.is_empty() {
            return Ok(None);
        }
        let e = EntityFact {
            name: name.trim().to_string(),
            kind: UNTYPED.into(),
            norm,
            ..Default::default()
        };
        self.resolve_entity(&e).map(Some)
    }

    // ---- quotes ----

    fn quotes(&mut self) -> rusqlite::Result<()> {
        let direct = self.facts.quotes.iter().map(|q| (q, "direct"));
        let reported = self.facts.reported_speech.iter().map(|q| (q, "indirect"));
        for (q, default_kind) in direct.chain(reported) {
            let speaker_id = match &q.speaker {
                Some(s) => self.entity_named(s)?,
                None => None,
            };
            let kind = q.kind.as_deref().unwrap_or(default_kind);
            self.tx
                .prepare_cached(
                    "INSERT INTO quotes (article_id, speaker, speaker_id, kind, text, start, end, cue)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    self.article,
                    q.speaker,
                    speaker_id,
                    kind,
                    q.text,
                    q.start,
                    q.end,
                    q.cue.as_ref().map(|c| &c.text)
                ])?;
        }
        Ok(())
    }

    // ---- events ----

    /// Stores a list of events, merging each into the corpus; returns their corpus ids.
    fn events(&mut self, list: &[EventFact], default_modality: &str) -> rusqlite::Result<Vec<i64>> {
        let mut ids = Vec::with_capacity(list.len());
        let mut touched = Vec::new();
        for (idx, ev) in list.iter().enumerate() {
            let modality = ev.modality.as_deref().unwrap_or(default_modality);
            let id = self.event(idx, ev, modality)?;
            ids.push(id);
            touched.push(id);
        }
        for id in touched {
            self.reconcile_date(id)?;
        }
        Ok(ids)
    }

    fn event(&mut self, idx: usize, ev: &EventFact, modality: &str) -> rusqlite::Result<i64> {
        let mut actors = Vec::new();
        for a in &ev.actors {
            actors.extend(self.participant(a)?);
        }
        let mut targets = Vec::new();
        for t in &ev.targets {
            targets.extend(self.participant(t)?);
        }
        let place = match &ev.place {
            Some(p) => self.participant(p)?,
            None => None,
        };
        let span = ev.date.as_deref().and_then(dates::span);
        let found = match span {
            Some(span) if span.1 - span.0 <= MAX_MERGE_SPAN_DAYS => {
                self.same_event(ev, modality, span, &actors, &targets, place)?
            }
            _ => None,
        };
        let id = match found {
            Some(id) => id,
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO events (type, modality, date, day_lo, day_hi, place_id)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![
                        ev.kind,
                        modality,
                        ev.date,
                        span.map(|s| s.0),
                        span.map(|s| s.1),
                        place
                    ])?;
                self.tx.last_insert_rowid()
            }
        };
        self.reported.insert(id);
        let trigger = ev.trigger.as_ref().filter(|t| !t.text.is_empty());
        self.tx
            .prepare_cached(
                "INSERT INTO event_reports (event_id, article_id, idx, date, trigger, start, end, rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                id,
                self.article,
                idx,
                ev.date,
                trigger.map(|t| &t.text),
                trigger.map(|t| t.start),
                trigger.map(|t| t.end),
                ev.rule
            ])?;
        let roles = actors
            .iter()
            .map(|&a| (a, "actor"))
            .chain(targets.iter().map(|&t| (t, "target")))
            .chain(place.map(|p| (p, "place")));
        let mut seen = HashSet::new();
        for (entity, role) in roles {
            if !seen.insert((entity, role)) {
                continue;
            }
            self.tx
                .prepare_cached(
                    "INSERT INTO event_participants (event_id, entity_id, role, reports) VALUES (?1, ?2, ?3, 1)
                     ON CONFLICT (event_id, role, entity_id) DO UPDATE SET reports = reports + 1",
                )?
                .execute(params![id, entity, role])?;
        }
        self.tx
            .prepare_cached(
                "UPDATE events SET reports = reports + 1, place_id = coalesce(place_id, ?2) WHERE id = ?1",
            )?
            .execute(params![id, place])?;
        Ok(id)
    }

    /// The corpus event another article reported that this one is: same type and modality,
    /// dates within [`DATE_TOLERANCE_DAYS`], at least one entity in the same role (an actor for
    /// an actor; a target or the place for a target or the place), and no conflict: when both
    /// say where or whom, they share an entity or one place lies in the other. The one sharing
    /// most participants wins, then the closest in date.
    fn same_event(
        &self,
        ev: &EventFact,
        modality: &str,
        (lo, hi): (i32, i32),
        actors: &[i64],
        targets: &[i64],
        place: Option<i64>,
    ) -> rusqlite::Result<Option<i64>> {
        // The candidates with their participants, in one query.
        let mut stmt = self.tx.prepare_cached(
            "SELECT e.id, e.day_lo, e.day_hi, e.place_id, p.entity_id, p.role
             FROM events e LEFT JOIN event_participants p ON p.event_id = e.id
             WHERE e.type = ?1 AND e.modality = ?2 AND e.day_lo BETWEEN ?3 AND ?4 AND e.day_hi >= ?5
               AND e.day_hi - e.day_lo <= ?6
             ORDER BY e.id",
        )?;
        // event id, day_lo, day_hi, place, participant, role
        type Row = (i64, i32, i32, Option<i64>, Option<i64>, Option<String>);
        let rows: Vec<Row> = stmt
            .query_map(
                params![
                    ev.kind,
                    modality,
                    lo - DATE_TOLERANCE_DAYS - MAX_MERGE_SPAN_DAYS,
                    hi + DATE_TOLERANCE_DAYS,
                    lo - DATE_TOLERANCE_DAYS,
                    MAX_MERGE_SPAN_DAYS
                ],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )?
            .collect::<Result<_, _>>()?;
        type Candidate = (i64, i32, i32, Option<i64>, HashSet<i64>, HashSet<i64>);
        let mut candidates: Vec<Candidate> = Vec::new();
        for (id, c_lo, c_hi, c_place, entity, role) in rows {
            if candidates.last().is_none_or(|c| c.0 != id) {
                candidates.push((id, c_lo, c_hi, c_place, HashSet::new(), HashSet::new()));
            }
            let c = candidates.last_mut().expect("just pushed");
            if let (Some(entity), Some(role)) = (entity, role) {
                if role == "actor" { &mut c.4 } else { &mut c.5 }.insert(entity);
            }
        }
        let wheres: HashSet<i64> = targets.iter().copied().chain(place).collect();
        let actors: HashSet<i64> = actors.iter().copied().collect();
        let mut best: Option<(usize, i32, i64)> = None;
        for (id, c_lo, c_hi, c_place, c_actors, c_wheres) in candidates {
            if self.reported.contains(&id) {
                continue;
            }
            if let (Some(a), Some(b)) = (place, c_place) {
                if a != b && !self.nested(a, b)? {
                    continue;
                }
            }
            let shared_wheres = wheres.intersection(&c_wheres).count();
            // Both say where or whom, and they differ: two events ("Russia struck Sumy" and
            // "Russia struck Kharkiv" the same day), unless one place lies in the other.
            if shared_wheres == 0 && !wheres.is_empty() && !c_wheres.is_empty() {
                let mut nested = false;
                'pairs: for &w in &wheres {
                    for &c in &c_wheres {
                        if self.nested(w, c)? {
                            nested = true;
                            break 'pairs;
                        }
                    }
                }
                if !nested {
                    continue;
                }
            }
            let score = shared_wheres + actors.intersection(&c_actors).count();
            if score == 0 {
                continue;
            }
            let distance = (lo - c_lo).abs() + (hi - c_hi).abs();
            let better = match best {
                None => true,
                Some((s, d, _)) => score > s || (score == s && distance < d),
            };
            if better {
                best = Some((score, distance, id));
            }
        }
        Ok(best.map(|b| b.2))
    }

    /// Whether one place lies in the other, as far as the gazetteer says: one is a country and
    /// the other is in it.
    fn nested(&self, a: i64, b: i64) -> rusqlite::Result<bool> {
        if a == b {
            return Ok(false);
        }
        let mut stmt = self
            .tx
            .prepare_cached("SELECT feature, country FROM entities WHERE id = ?1")?;
        let mut place = |id: i64| -> rusqlite::Result<(Option<String>, Option<String>)> {
            stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        };
        let ((fa, ca), (fb, cb)) = (place(a)?, place(b)?);
        let country = |f: &Option<String>| f.as_deref() == Some("country");
        Ok(ca.is_some() && ca == cb && (country(&fa) || country(&fb)))
    }

    /// Sets an event's date to the most precise date its reports give (the most often given
    /// among equally precise ones, then the earliest).
    fn reconcile_date(&self, id: i64) -> rusqlite::Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT date, count(*) FROM event_reports WHERE event_id = ?1 AND date IS NOT NULL GROUP BY date",
        )?;
        let dated: Vec<(String, i64)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let best = dated
            .iter()
            .filter_map(|(d, n)| dates::span(d).map(|s| (s, *n, d)))
            .min_by_key(|&((lo, hi), n, _)| (hi - lo, -n, lo));
        if let Some(((lo, hi), _, date)) = best {
            self.tx
                .prepare_cached(
                    "UPDATE events SET date = ?2, day_lo = ?3, day_hi = ?4 WHERE id = ?1",
                )?
                .execute(params![id, date, lo, hi])?;
        }
        Ok(())
    }

    // ---- counts ----

    /// Stores the counts, each tied to the corpus event it counts: the event the extractor
    /// linked it to, or, when the extractor links none, the article's only event.
    fn counts(&self, asserted: &[i64]) -> rusqlite::Result<()> {
        let counts = &self.facts.counts;
        let linking = counts.iter().any(|c| c.event.is_some());
        let superseded: HashSet<usize> = counts.iter().filter_map(|c| c.updates).collect();
        for (idx, c) in counts.iter().enumerate() {
            let (event, link) = match c.event {
                Some(e) => (asserted.get(e).copied(), Some("extractor")),
                None if !linking && asserted.len() == 1 => (Some(asserted[0]), Some("only-event")),
                None => (None, None),
            };
            let link = event.and(link);
            self.tx
                .prepare_cached(
                    "INSERT INTO counts (article_id, idx, event_id, link, kind, value, text, start, end,
                        qualifier, approximate, part_of, superseded)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )?
                .execute(params![
                    self.article,
                    idx,
                    event,
                    link,
                    c.kind,
                    i64::try_from(c.value).unwrap_or(i64::MAX),
                    c.text,
                    c.start,
                    c.end,
                    c.qualifier,
                    c.approximate,
                    c.parent,
                    superseded.contains(&idx)
                ])?;
        }
        Ok(())
    }
}
