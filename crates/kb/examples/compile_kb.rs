//! Compiles the TSV files of `scripts/kb/build_kb.py` into the binary gazetteer in `data/kb/`.
//!
//! `cargo run --release -p sitrep-kb --example compile_kb -- TSV_DIR OUT_DIR`
//! (run by `scripts/kb/build_kb.sh`; the layout is documented in `src/format.rs`).

use sitrep_kb::format::{RawPlace, ALT_BIT, FLAG_CAPITAL, MAGIC, MANY_BIT, NO_REGION, VERSION};
use sitrep_kb::{normalize, PlaceKind};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

struct Row {
    kind: PlaceKind,
    geonames_id: u32,
    name: String,
    country: String,
    region_key: String,
    population: u64,
    lat: f64,
    lon: f64,
    capital: bool,
    alternatives: Vec<String>,
}

fn parse_row(line: &str, at: &str) -> Result<Row, String> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() != 10 {
        return Err(format!("{at}: want 10 columns, found {}", c.len()));
    }
    let kind = match c[0] {
        "continent" => PlaceKind::Continent,
        "country" => PlaceKind::Country,
        "region" => PlaceKind::Region,
        "city" => PlaceKind::City,
        "seat" => PlaceKind::Seat,
        "landmark" => PlaceKind::Landmark,
        other => return Err(format!("{at}: unknown kind {other:?}")),
    };
    let num = |i: usize| c[i].parse::<f64>().map_err(|e| format!("{at}: column {}: {e}", i + 1));
    Ok(Row {
        kind,
        geonames_id: c[1].parse().map_err(|e| format!("{at}: geonameid: {e}"))?,
        name: c[2].to_string(),
        country: c[3].to_string(),
        region_key: c[4].to_string(),
        population: num(5)? as u64,
        lat: num(6)?,
        lon: num(7)?,
        capital: c[8] == "1",
        alternatives: c[9].split('|').filter(|a| !a.is_empty()).map(str::to_string).collect(),
    })
}

fn run(tsv: &Path, out: &Path) -> Result<(), String> {
    let read = |name: &str| {
        let p = tsv.join(name);
        std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
    };
    let places = read("places.tsv")?;
    let mut rows = Vec::new();
    for (k, line) in places.lines().enumerate() {
        rows.push(parse_row(line, &format!("places.tsv line {}", k + 1))?);
    }
    rows.sort_by(|a, b| a.country.cmp(&b.country).then(b.population.cmp(&a.population)));
    let region_index: HashMap<&str, u32> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == PlaceKind::Region && !r.region_key.is_empty())
        .map(|(i, r)| (r.region_key.as_str(), i as u32))
        .collect();

    let mut bin = Vec::new();
    bin.extend_from_slice(MAGIC);
    bin.push(VERSION);
    bin.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    let mut text = Vec::new();
    let mut text_at: HashMap<&str, u32> = HashMap::new();
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let offset = *text_at.entry(r.name.as_str()).or_insert_with(|| {
            let o = text.len() as u32;
            text.extend_from_slice(r.name.as_bytes());
            o
        });
        let mut country = [b' '; 2];
        for (k, b) in r.country.bytes().take(2).enumerate() {
            country[k] = b;
        }
        let region = if r.kind == PlaceKind::Region { None } else { region_index.get(r.region_key.as_str()) };
        RawPlace {
            geonames_id: r.geonames_id,
            lat: r.lat,
            lon: r.lon,
            population: r.population.min(u64::from(u32::MAX)) as u32,
            name_offset: offset,
            name_len: r.name.len().min(255) as u8,
            region: region.copied().unwrap_or(NO_REGION),
            kind_flags: r.kind.code() | if r.capital { FLAG_CAPITAL } else { 0 },
            country,
        }
        .write(&mut bin);
        let forms = std::iter::once((&r.name, 0)).chain(r.alternatives.iter().map(|a| (a, ALT_BIT)));
        for (form, alt) in forms {
            let key = normalize(form);
            if key.is_empty() {
                continue;
            }
            let list = names.entry(key).or_default();
            if !list.iter().any(|&v| v & 0xFF_FFFF == i as u32) {
                list.push(i as u32 | alt);
            }
        }
    }
    if text.len() >= 1 << 24 || rows.len() >= 1 << 24 {
        return Err("gazetteer too large for 24-bit offsets".into());
    }
    bin.extend_from_slice(&text);

    let mut postings = Vec::new();
    let mut map = fst::MapBuilder::memory();
    for (key, list) in &names {
        let value = if list.len() == 1 {
            u64::from(list[0])
        } else {
            let offset = (postings.len() / 4) as u64;
            for v in list.iter().take(0xFFFF) {
                postings.extend_from_slice(&v.to_le_bytes());
            }
            MANY_BIT | (list.len().min(0xFFFF) as u64) << 32 | offset
        };
        map.insert(key, value).map_err(|e| format!("names.fst: {e}"))?;
    }
    let fst_bytes = map.into_inner().map_err(|e| format!("names.fst: {e}"))?;
    let write = |name: &str, bytes: &[u8]| {
        let p = out.join(name);
        std::fs::write(&p, bytes).map_err(|e| format!("{}: {e}", p.display()))
    };
    write("places.bin", &bin)?;
    write("names.fst", &fst_bytes)?;
    write("postings.bin", &postings)?;
    write("demonyms.tsv", read("demonyms.tsv")?.as_bytes())?;
    eprintln!("{} places, {} names", rows.len(), names.len());
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        eprintln!("usage: compile_kb TSV_DIR OUT_DIR");
        std::process::exit(2);
    }
    if let Err(e) = run(Path::new(&args[0]), Path::new(&args[1])) {
        eprintln!("compile_kb: {e}");
        std::process::exit(1);
    }
}
