//! The terminal report: every layer of an [`Analysis`], each fact with where the article says it.
//!
//! The report is drawn from the JSON contract (the serialised analysis) rather than from the
//! Rust types, so facts keep their evidence (`start`, `end`, `rule`) as the extractors add it.

use serde_json::Value;
use sitrep_extract::Analysis;
use sitrep_ingest::{Article, Format};
use std::io::{self, Write};

/// How many locations to list for one fact before summarising the rest.
const MAX_PLACES: usize = 6;
/// How many characters of a quotation or phrase to show.
const MAX_QUOTE: usize = 110;

/// Writes the report of one article.
pub fn render(out: &mut impl Write, article: &Article, analysis: &Analysis) -> io::Result<()> {
    let facts = serde_json::to_value(analysis).map_err(io::Error::other)?;
    let lines = LineIndex::new(&article.text);
    header(out, article)?;
    let entities = list(&facts, "entities");
    let of_type =
        |t: &str| entities.iter().filter(|e| str_of(e, "type") == Some(t)).collect::<Vec<_>>();
    entity_section(out, "People", &of_type("PERSON"), &lines, false)?;
    entity_section(out, "Organisations", &of_type("ORG"), &lines, false)?;
    entity_section(out, "Places", &of_type("PLACE"), &lines, false)?;
    let others: Vec<&Value> = entities
        .iter()
        .filter(|e| !matches!(str_of(e, "type"), Some("PERSON" | "ORG" | "PLACE")))
        .collect();
    entity_section(out, "Other entities", &others, &lines, true)?;
    timeline(out, list(&facts, "times"), &lines)?;
    quotes(out, list(&facts, "quotes"), &lines)?;
    counts(out, list(&facts, "counts"), &lines)?;
    events(out, list(&facts, "events"), &lines)
}

fn header(out: &mut impl Write, a: &Article) -> io::Result<()> {
    let chars = a.text.chars().count();
    let what = match a.format {
        Format::Text => "plain text",
        Format::Html => "HTML; the article body extracted from the page",
        Format::Json => "JSON; its \"text\" field",
    };
    writeln!(out, "sitrep report: {}", a.source)?;
    writeln!(out, "  text       {chars} characters on {} lines ({what})", a.text.lines().count())?;
    if let Some(t) = &a.title {
        writeln!(out, "  title      {t}")?;
    }
    if let Some(u) = &a.url {
        writeln!(out, "  url        {u}")?;
    }
    match (a.published, a.published_from) {
        (Some(d), Some(from)) => writeln!(out, "  published  {d} ({from})")?,
        (Some(d), None) => writeln!(out, "  published  {d}")?,
        _ => writeln!(out, "  published  unknown: relative dates are left unresolved")?,
    }
    writeln!(out, "  Positions in the text are line:column.")
}

fn section_title(out: &mut impl Write, title: &str, n: usize) -> io::Result<()> {
    writeln!(out, "\n{title} ({n})")?;
    if n == 0 {
        writeln!(out, "  none found")?;
    }
    Ok(())
}

fn entity_section(
    out: &mut impl Write,
    title: &str,
    entities: &[&Value],
    lines: &LineIndex,
    show_type: bool,
) -> io::Result<()> {
    section_title(out, title, entities.len())?;
    for e in entities {
        let mut line = format!("  {}", str_of(e, "name").unwrap_or("?"));
        if show_type {
            line += &format!(" [{}]", str_of(e, "type").unwrap_or("?"));
        }
        let aliases: Vec<String> =
            list(e, "aliases").iter().filter_map(Value::as_str).map(|a| format!("{a:?}")).collect();
        if !aliases.is_empty() {
            line += &format!("  also {}", aliases.join(", "));
        }
        if let Some(geo) = e.get("geo") {
            if let (Some(lat), Some(lon)) =
                (geo.get("lat").and_then(Value::as_f64), geo.get("lon").and_then(Value::as_f64))
            {
                line += &format!("  ({lat:.3}, {lon:.3})");
            }
        }
        line += &evidence(e);
        writeln!(out, "{line}")?;
        let starts: Vec<usize> =
            list(e, "mentions").iter().filter_map(|m| num_of(m, "start")).collect();
        if !starts.is_empty() {
            let noun = if starts.len() == 1 { "mention" } else { "mentions" };
            writeln!(out, "      {} {noun} at {}", starts.len(), lines.places(&starts))?;
        }
    }
    Ok(())
}

/// Temporal expressions in time order (resolved first), then unresolved ones in text order.
fn timeline(out: &mut impl Write, times: &[Value], lines: &LineIndex) -> io::Result<()> {
    section_title(out, "Timeline", times.len())?;
    let mut sorted: Vec<&Value> = times.iter().collect();
    sorted.sort_by_key(|t| {
        (str_of(t, "value").is_none(), str_of(t, "value").map(str::to_string), num_of(t, "start"))
    });
    for t in sorted {
        let value = str_of(t, "value").unwrap_or("unresolved");
        let text = format!("{:?}", str_of(t, "text").unwrap_or(""));
        let at = num_of(t, "start").map(|s| lines.place(s)).unwrap_or_default();
        writeln!(out, "  {value:<16} {text:<28} {at}{}", evidence(t))?;
    }
    Ok(())
}

fn quotes(out: &mut impl Write, quotes: &[Value], lines: &LineIndex) -> io::Result<()> {
    section_title(out, "Quotes", quotes.len())?;
    for q in quotes {
        let at = num_of(q, "start").map(|s| lines.place(s)).unwrap_or_default();
        let speaker = str_of(q, "speaker").unwrap_or("speaker unknown");
        let text = shorten(str_of(q, "text").unwrap_or(""), MAX_QUOTE);
        writeln!(out, "  {at:<8} {speaker}: “{text}”{}", evidence(q))?;
    }
    Ok(())
}

fn counts(out: &mut impl Write, counts: &[Value], lines: &LineIndex) -> io::Result<()> {
    section_title(out, "Counts", counts.len())?;
    for c in counts {
        let phrase = str_of(c, "text").unwrap_or("");
        let value = c.get("value").map(Value::to_string).unwrap_or_default();
        let kind = str_of(c, "kind").unwrap_or("?");
        let at = match num_of(c, "start") {
            Some(s) => format!("  at {}", lines.places(&[s])),
            None => String::new(),
        };
        writeln!(
            out,
            "  {kind:<11} {value:>7}  {:?}{at}{}",
            shorten(phrase, MAX_QUOTE),
            evidence(c)
        )?;
    }
    Ok(())
}

fn events(out: &mut impl Write, events: &[Value], lines: &LineIndex) -> io::Result<()> {
    section_title(out, "Events", events.len())?;
    for e in events {
        let names = |k: &str| {
            let v: Vec<&str> = list(e, k).iter().filter_map(Value::as_str).collect();
            if v.is_empty() {
                "-".to_string()
            } else {
                v.join(", ")
            }
        };
        let mut line = format!(
            "  {:<17} {:<12} actors: {}  targets: {}",
            str_of(e, "type").unwrap_or("?"),
            str_of(e, "date").unwrap_or("undated"),
            names("actors"),
            names("targets"),
        );
        if let Some(p) = str_of(e, "place") {
            line += &format!("  place: {p}");
        }
        if let Some(s) = num_of(e, "start") {
            line += &format!("  at {}", lines.place(s));
        }
        writeln!(out, "{line}{}", evidence(e))?;
    }
    Ok(())
}

/// The rule or model that produced a fact, when the extractor names one.
fn evidence(fact: &Value) -> String {
    str_of(fact, "rule").filter(|r| !r.is_empty()).map(|r| format!("  [{r}]")).unwrap_or_default()
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn num_of(v: &Value, key: &str) -> Option<usize> {
    v.get(key).and_then(Value::as_u64).map(|n| n as usize)
}

/// At most `max` characters of `s`, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// Turns character offsets into 1-based line:column positions.
struct LineIndex {
    /// Character offset of the first character of each line.
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.chars().enumerate().filter(|&(_, c)| c == '\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// `line:column` of a character offset.
    fn place(&self, offset: usize) -> String {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        format!("{line}:{}", offset - self.starts[line - 1] + 1)
    }

    /// Several places, the first few in full and the rest counted.
    fn places(&self, offsets: &[usize]) -> String {
        let mut shown: Vec<String> =
            offsets.iter().take(MAX_PLACES).map(|&o| self.place(o)).collect();
        if offsets.len() > MAX_PLACES {
            shown.push(format!("(+{} more)", offsets.len() - MAX_PLACES));
        }
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article {
            text: text.to_string(),
            title: Some("Storm hits coast".into()),
            url: None,
            published: chrono::NaiveDate::from_ymd_opt(2024, 10, 3),
            published_from: Some(sitrep_ingest::DateSource::Given),
            source: "storm.txt".into(),
            format: Format::Text,
        }
    }

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let idx = LineIndex::new("Añó one\nsecond line\n\nfourth");
        assert_eq!(idx.place(0), "1:1");
        assert_eq!(idx.place(4), "1:5");
        assert_eq!(idx.place(8), "2:1");
        assert_eq!(idx.place(21), "4:1");
    }

    #[test]
    fn report_lists_every_layer_with_locations() {
        let text = "Storm hits Lisbon.\nThe storm killed 3 people, said Ana Costa on Tuesday.\n“Stay home,” Costa said.";
        let a = article(text);
        // Built from the contract's JSON, so extractor-specific fields take their defaults.
        let analysis: Analysis = serde_json::from_str(
            r#"{
              "entities": [
                {"name": "Ana Costa", "type": "PERSON", "aliases": ["Costa"],
                 "mentions": [{"start": 51, "end": 60, "text": "Ana Costa"},
                              {"start": 86, "end": 91, "text": "Costa"}]},
                {"name": "Lisbon", "type": "PLACE", "aliases": [],
                 "mentions": [{"start": 11, "end": 17, "text": "Lisbon"}],
                 "geo": {"lat": 38.7167, "lon": -9.1333}}
              ],
              "times": [{"text": "Tuesday", "start": 64, "end": 71, "value": "2024-10-01"}],
              "quotes": [{"text": "Stay home,", "start": 74, "end": 84, "speaker": "Ana Costa"}],
              "counts": [{"text": "killed 3 people", "start": 29, "end": 44, "kind": "killed",
                          "value": 3}],
              "events": [{"type": "disaster", "date": "2024-10-01", "actors": [], "targets": [],
                          "place": "Lisbon"}]
            }"#,
        )
        .unwrap();
        let mut out = Vec::new();
        render(&mut out, &a, &analysis).unwrap();
        let report = String::from_utf8(out).unwrap();
        for want in [
            "sitrep report: storm.txt",
            "published  2024-10-03 (given on the command line)",
            "People (1)\n  Ana Costa  also \"Costa\"\n      2 mentions at 2:33, 3:14\n",
            "Organisations (0)\n  none found\n",
            "Places (1)\n  Lisbon  (38.717, -9.133)\n      1 mention at 1:12\n",
            "Other entities (0)\n  none found\n",
            "2024-10-01       \"Tuesday\"                    2:46",
            "3:2      Ana Costa: “Stay home,”",
            "killed            3  \"killed 3 people\"  at 2:11",
            "disaster          2024-10-01   actors: -  targets: -  place: Lisbon",
        ] {
            assert!(report.contains(want), "missing {want:?} in:\n{report}");
        }
    }
}
