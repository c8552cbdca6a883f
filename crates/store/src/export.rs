//! Exports: the whole corpus as JSON Lines, tables as CSV, and articles as GDELT GKG 2.1 rows.

use crate::facts::{EntityFact, Facts};
use crate::{dates, fips, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use rusqlite::Row;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::io::Write;

/// The tables `export --format csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTable {
    /// One row per merged event, with participants, sources and counts.
    Events,
    /// One row per merged entity.
    Entities,
    /// One row per quote.
    Quotes,
}

fn write_err(source: std::io::Error) -> StoreError {
    StoreError::Write { source }
}

impl Store {
    /// Every article as one JSON object per line, in the shape of `sitrep analyze --json`: an
    /// `article` object (id, source, format, title, url, published, hash, text) beside the
    /// analysis layers as stored. Returns the number of articles written.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<u64, StoreError> {
        let e = |e| self.err("cannot export", e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, source, format, title, url, published, hash, text, analysis FROM articles ORDER BY id",
            )
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(e)? {
            let article = (|| -> rusqlite::Result<Value> {
                Ok(json!({
                    "id": r.get::<_, i64>(0)?, "source": r.get::<_, String>(1)?,
                    "format": r.get::<_, String>(2)?, "title": r.get::<_, Option<String>>(3)?,
                    "url": r.get::<_, Option<String>>(4)?, "published": r.get::<_, Option<String>>(5)?,
                    "hash": r.get::<_, String>(6)?, "text": r.get::<_, String>(7)?,
                }))
            })()
            .map_err(e)?;
            let analysis: String = r.get(8).map_err(e)?;
            let mut line = Map::new();
            line.insert("article".into(), article);
            if let Ok(Value::Object(layers)) = serde_json::from_str(&analysis) {
                line.extend(layers);
            }
            serde_json::to_writer(&mut *out, &line).map_err(|e| write_err(e.into()))?;
            out.write_all(b"\n").map_err(write_err)?;
            n += 1;
        }
        Ok(n)
    }

    /// One table as CSV (RFC 4180, with a header row). Returns the number of rows written.
    pub fn export_csv(&self, table: CsvTable, out: &mut dyn Write) -> Result<u64, StoreError> {
        match table {
            CsvTable::Events => self.events_csv(out),
            CsvTable::Entities => self.entities_csv(out),
            CsvTable::Quotes => self.quotes_csv(out),
        }
    }

    fn events_csv(&self, out: &mut dyn Write) -> Result<u64, StoreError> {
        let e = |e| self.err("cannot export", e);
        csv_row(
            out,
            &[
                "event_id",
                "date",
                "type",
                "modality",
                "actors",
                "targets",
                "place",
                "place_geonames_id",
                "lat",
                "lon",
                "reports",
                "first_published",
                "sources",
                "counts",
            ],
        )?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT e.id, e.type, e.modality, e.date, e.place_id, p.geonames_id, p.lat, p.lon
                 FROM events e LEFT JOIN entities p ON p.id = e.place_id
                 ORDER BY e.day_lo IS NULL, e.day_lo, e.id",
            )
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(e)? {
            let (id, kind, modality, date, place): (
                i64,
                String,
                String,
                Option<String>,
                Option<i64>,
            ) = (
                r.get(0).map_err(e)?,
                r.get(1).map_err(e)?,
                r.get(2).map_err(e)?,
                r.get(3).map_err(e)?,
                r.get(4).map_err(e)?,
            );
            let geonames: Option<i64> = r.get(5).map_err(e)?;
            let (lat, lon): (Option<f64>, Option<f64>) =
                (r.get(6).map_err(e)?, r.get(7).map_err(e)?);
            let ev = self
                .event_detail(id, kind, modality, date, place)
                .map_err(e)?;
            let names = |list: &[crate::EntityRef]| {
                list.iter()
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let sources = ev
                .sources
                .iter()
                .map(|s| {
                    s.article
                        .url
                        .clone()
                        .unwrap_or_else(|| s.article.source.clone())
                })
                .collect::<Vec<_>>()
                .join(" | ");
            let counts = ev
                .counts
                .iter()
                .map(|c| format!("{}={}", c.kind, c.value))
                .collect::<Vec<_>>()
                .join("; ");
            let first = ev
                .sources
                .iter()
                .filter_map(|s| s.article.published.clone())
                .min();
            csv_row(
                out,
                &[
                    &ev.id.to_string(),
                    ev.date.as_deref().unwrap_or(""),
                    &ev.kind,
                    &ev.modality,
                    &names(&ev.actors),
                    &names(&ev.targets),
                    ev.place.as_ref().map_or("", |p| p.name.as_str()),
                    &opt(geonames),
                    &opt(lat),
                    &opt(lon),
                    &ev.sources.len().to_string(),
                    first.as_deref().unwrap_or(""),
                    &sources,
                    &counts,
                ],
            )?;
            n += 1;
        }
        Ok(n)
    }

    fn entities_csv(&self, out: &mut dyn Write) -> Result<u64, StoreError> {
        self.query_csv(
            out,
            &[
                "entity_id",
                "name",
                "type",
                "geonames_id",
                "lat",
                "lon",
                "country",
                "feature",
                "articles",
                "mentions",
                "aliases",
            ],
            "SELECT e.id, e.name, e.type, e.geonames_id, e.lat, e.lon, e.country, e.feature, e.articles, e.mentions,
                        (SELECT group_concat(alias, '; ') FROM entity_aliases x WHERE x.entity_id = e.id AND x.alias <> e.name)
                     FROM entities e ORDER BY e.articles DESC, e.id",
        )
    }

    fn quotes_csv(&self, out: &mut dyn Write) -> Result<u64, StoreError> {
        self.query_csv(
            out,
            &[
                "quote_id",
                "article_id",
                "published",
                "source",
                "url",
                "speaker",
                "speaker_entity_id",
                "kind",
                "text",
                "start",
                "end",
            ],
            "SELECT q.id, a.id, a.published, a.source, a.url, q.speaker, q.speaker_id, q.kind, q.text, q.start, q.end
                     FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.id",
        )
    }

    /// Writes `header`, then one CSV row per row of `sql`, whose columns match the header's.
    fn query_csv(&self, out: &mut dyn Write, header: &[&str], sql: &str) -> Result<u64, StoreError> {
        let e = |e| self.err("cannot export", e);
        csv_row(out, header)?;
        let mut stmt = self.conn.prepare(sql).map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(e)? {
            let cells: Vec<String> = (0..header.len())
                .map(|i| cell(r, i))
                .collect::<Result<_, _>>()
                .map_err(e)?;
            csv_row(out, &cells.iter().map(String::as_str).collect::<Vec<_>>())?;
            n += 1;
        }
        Ok(n)
    }

    /// Every article as a GDELT Global Knowledge Graph 2.1 record: 27 tab-separated fields, no
    /// header, one line per article (see README "Export"). Returns the number of records.
    pub fn export_gkg(&self, out: &mut dyn Write) -> Result<u64, StoreError> {
        let e = |e| self.err("cannot export", e);
        let mut stmt = self
            .conn
            .prepare("SELECT id, source, title, url, published, analysis FROM articles ORDER BY id")
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(e)? {
            let id: i64 = r.get(0).map_err(e)?;
            let source: String = r.get(1).map_err(e)?;
            let title: Option<String> = r.get(2).map_err(e)?;
            let url: Option<String> = r.get(3).map_err(e)?;
            let published: Option<String> = r.get(4).map_err(e)?;
            let analysis: String = r.get(5).map_err(e)?;
            let facts = Facts::from_json(&analysis).map_err(|err| StoreError::Analysis {
                input: source.clone(),
                message: err.to_string(),
            })?;
            let record = gkg_record(
                id,
                &source,
                title.as_deref(),
                url.as_deref(),
                published.as_deref(),
                &facts,
            );
            out.write_all(record.as_bytes()).map_err(write_err)?;
            n += 1;
        }
        Ok(n)
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Any SQLite value as CSV text.
fn cell(r: &Row, i: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Null => String::new(),
        ValueRef::Integer(v) => v.to_string(),
        ValueRef::Real(v) => v.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    })
}

/// One CSV row; fields with a comma, quote or line break are quoted.
fn csv_row(out: &mut dyn Write, cells: &[&str]) -> Result<(), StoreError> {
    let mut line = String::new();
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        if c.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&c.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(c);
        }
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes()).map_err(write_err)
}

/// GDELT's count type for a sitrep count kind (the kind in capitals when GDELT has none).
fn gkg_count_type(kind: &str) -> String {
    match kind {
        "killed" => "KILL",
        "injured" => "WOUND",
        "detained" => "ARREST",
        "kidnapped" => "KIDNAP",
        "displaced" => "DISPLACED",
        "evacuated" => "EVACUATION",
        "sickened" => "SICKENED",
        "affected" => "AFFECT",
        "protesters" => "PROTEST",
        other => return clean(&other.to_uppercase()),
    }
    .to_string()
}

/// A value with GKG's delimiters (`;` `,` `#` `|`, tabs, line breaks) made spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, ';' | ',' | '#' | '|' | '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A geocoded place as GKG describes it: type, name, FIPS country, coordinates, feature id.
struct GkgPlace {
    kind: u8,
    name: String,
    country: String,
    lat: f64,
    lon: f64,
    feature: String,
}

/// GKG location of a place entity: 1 country, 2 US state, 3 US city, 4 world city, 5 world
/// state (region). Continents and places without coordinates have none.
fn gkg_place(e: &EntityFact) -> Option<GkgPlace> {
    let geo = e.geo?;
    let country = e.country.as_deref().and_then(fips::fips).unwrap_or("");
    let us = e
        .country
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case("US"));
    let kind = match e.feature.as_deref() {
        Some("continent") => return None,
        Some("country") => 1,
        Some("region") => {
            if us {
                2
            } else {
                5
            }
        }
        _ => {
            if us {
                3
            } else {
                4
            }
        }
    };
    // GDELT's feature id of a country is its FIPS code; of other places we give the GeoNames id.
    let feature = if kind == 1 {
        country.to_string()
    } else {
        opt(e.geonames_id)
    };
    Some(GkgPlace {
        kind,
        name: clean(&e.name),
        country: country.to_string(),
        lat: geo.lat,
        lon: geo.lon,
        feature,
    })
}

/// `YYYYMMDDHHMMSS` of a publication date, or `0`.
fn gkg_date(published: Option<&str>) -> String {
    published
        .and_then(|p| p.parse::<NaiveDate>().ok())
        .map_or("0".to_string(), |d| {
            format!("{:04}{:02}{:02}000000", d.year(), d.month(), d.day())
        })
}

/// The host of a URL, without `www.`.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    host.strip_prefix("www.").unwrap_or(host)
}

/// One GKG 2.1 record (with its line break).
fn gkg_record(
    id: i64,
    source: &str,
    title: Option<&str>,
    url: Option<&str>,
    published: Option<&str>,
    facts: &Facts,
) -> String {
    let date = gkg_date(published);
    let mut f: Vec<String> = vec![String::new(); 27];
    f[0] = format!(
        "{}-{id}",
        if date == "0" { "00000000000000" } else { &date }
    );
    f[1] = date;
    f[2] = if url.is_some() { "1" } else { "2" }.to_string();
    f[3] = clean(url.map_or(source, host));
    f[4] = clean(url.unwrap_or(source));

    let places: HashMap<&str, GkgPlace> = facts
        .entities
        .iter()
        .filter(|e| e.kind == "PLACE")
        .filter_map(|e| gkg_place(e).map(|p| (e.name.as_str(), p)))
        .collect();
    // Counts: GKG ties each to a location; ours is the place of the event it counts.
    let superseded: Vec<usize> = facts.counts.iter().filter_map(|c| c.updates).collect();
    let (mut v1, mut v21, mut amounts) = (Vec::new(), Vec::new(), Vec::new());
    for (i, c) in facts.counts.iter().enumerate() {
        if c.parent.is_some() || superseded.contains(&i) {
            continue;
        }
        let place = c
            .event
            .and_then(|e| facts.events.get(e))
            .or(if facts.events.len() == 1 {
                facts.events.first()
            } else {
                None
            })
            .and_then(|e| e.place.as_deref())
            .and_then(|p| places.get(p));
        let loc = place.map_or("#####".to_string(), |p| {
            format!(
                "{}#{}#{}##{}#{}#{}",
                p.kind, p.name, p.country, p.lat, p.lon, p.feature
            )
        });
        let block = format!("{}#{}##{loc}", gkg_count_type(&c.kind), c.value);
        v21.push(format!("{block}#{}", opt(c.start)));
        v1.push(block);
        amounts.push(format!("{},{},{}", c.value, clean(&c.kind), opt(c.start)));
    }
    f[5] = join(v1);
    f[6] = join(v21);

    let (mut locs, mut locs2) = (Vec::new(), Vec::new());
    let (mut persons, mut persons2, mut orgs, mut orgs2, mut names) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for e in &facts.entities {
        let name = clean(&e.name);
        let offsets = e.mentions.iter().map(|m| m.start);
        match e.kind.as_str() {
            "PLACE" => {
                if let Some(p) = places.get(e.name.as_str()) {
                    locs.push(format!(
                        "{}#{}#{}##{}#{}#{}",
                        p.kind, p.name, p.country, p.lat, p.lon, p.feature
                    ));
                    for o in offsets.clone() {
                        locs2.push(format!(
                            "{}#{}#{}###{}#{}#{}#{o}",
                            p.kind, p.name, p.country, p.lat, p.lon, p.feature
                        ));
                    }
                }
            }
            "PERSON" => {
                persons.push(name.clone());
                persons2.extend(offsets.clone().map(|o| format!("{name},{o}")));
            }
            "ORG" => {
                orgs.push(name.clone());
                orgs2.extend(offsets.clone().map(|o| format!("{name},{o}")));
            }
            _ => {}
        }
        names.extend(offsets.map(|o| format!("{name},{o}")));
    }
    f[9] = join(locs);
    f[10] = join(locs2);
    f[11] = join(persons);
    f[12] = join(persons2);
    f[13] = join(orgs);
    f[14] = join(orgs2);

    // Dates: resolution 1 year, 2 month, 3 day, 4 a month and day without a year.
    let mut dates_out = Vec::new();
    for t in &facts.times {
        let Some(v) = t.value.as_deref() else {
            continue;
        };
        let day = v.split('T').next().unwrap_or(v);
        let parts: Vec<&str> = day.split('-').collect();
        if parts
            .iter()
            .any(|p| p.starts_with('W') || p.starts_with('Q'))
        {
            continue;
        }
        let block = match parts.as_slice() {
            ["XXXX", m, d] if m.len() == 2 && d.len() == 2 => {
                format!(
                    "4#{}#{}#0",
                    m.trim_start_matches('0'),
                    d.trim_start_matches('0')
                )
            }
            _ => match dates::span(day) {
                Some((lo, hi)) => {
                    let d = NaiveDate::from_num_days_from_ce_opt(lo).expect("a span is a date");
                    match (parts.len(), hi - lo) {
                        (3, 0) => format!("3#{}#{}#{}", d.month(), d.day(), d.year()),
                        (2, _) => format!("2#{}#0#{}", d.month(), d.year()),
                        (1, _) => format!("1#0#0#{}", d.year()),
                        _ => continue,
                    }
                }
                None => continue,
            },
        };
        dates_out.push(format!("{block}#{}", t.start));
    }
    f[16] = join(dates_out);

    let quotes: Vec<String> = facts
        .quotes
        .iter()
        .map(|q| {
            let verb = q.cue.as_ref().map_or(String::new(), |c| clean(&c.text));
            format!(
                "{}|{}|{verb}|{}",
                q.start,
                q.end.saturating_sub(q.start),
                clean(&q.text)
            )
        })
        .collect();
    f[22] = quotes.join("#");
    f[23] = join(names);
    f[24] = join(amounts);
    if let Some(t) = title {
        f[26] = format!("<PAGE_TITLE>{}</PAGE_TITLE>", xml_escape(&clean(t)));
    }
    let mut line = f.join("\t");
    line.push('\n');
    line
}

fn join(v: Vec<String>) -> String {
    v.join(";")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        assert_eq!(host("https://www.example.org/news/1?x=2"), "example.org");
        assert_eq!(
            host("http://user@news.example.com:8080/a"),
            "news.example.com"
        );
        assert_eq!(host("example.net"), "example.net");
    }

    #[test]
    fn csv_quoting() {
        let mut out = Vec::new();
        csv_row(&mut out, &["plain", "a, b", "say \"hi\"", "two\nlines"]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }
}
