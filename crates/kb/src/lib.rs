//! sitrep's knowledge base: places (GeoNames, iso-codes, countryinfo, a hand-written list of
//! seats of government, landmarks and regions), nationality words and organisations, with
//! lookups by exact normalised name and by fuzzy spelling.
//!
//! The data is compiled into the binary (`data/kb/`, built by `scripts/kb/build_kb.sh`); there
//! is no file lookup at run time. [`Kb::get`] gives the shared instance.
//!
//! ```
//! let kb = sitrep_kb::Kb::get();
//! let kyiv = kb.lookup("Kiev").into_iter().map(|h| kb.place(h.place)).max_by_key(|p| p.population).unwrap();
//! assert_eq!(kyiv.name, "Kyiv");
//! assert_eq!(kyiv.country, "UA");
//! ```

pub mod format;
pub mod names;

pub use names::{edit_distance, normalize, phonetic_key};

use format::{RawPlace, ALT_BIT, FLAG_CAPITAL, MAGIC, MANY_BIT, NO_REGION, RECORD_LEN, VERSION};
use fst::{IntoStreamer, Streamer};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

static PLACES: &[u8] = include_bytes!("../../../data/kb/places.bin");
static NAMES: &[u8] = include_bytes!("../../../data/kb/names.fst");
static POSTINGS: &[u8] = include_bytes!("../../../data/kb/postings.bin");
static DEMONYMS: &str = include_str!("../../../data/kb/demonyms.tsv");
static ORGS: &str = include_str!("../../../data/kb/src/orgs.tsv");

/// What kind of place a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A continent.
    Continent,
    /// A country or territory with an ISO 3166-1 code.
    Country,
    /// A first-level subdivision (state, province, oblast) or a named region.
    Region,
    /// A populated place.
    City,
    /// A seat of government ("the Kremlin"); as an actor it stands for its government.
    Seat,
    /// A building or site.
    Landmark,
}

impl PlaceKind {
    /// The kind's code in `places.bin`.
    pub fn code(self) -> u8 {
        match self {
            PlaceKind::Continent => 0,
            PlaceKind::Country => 1,
            PlaceKind::Region => 2,
            PlaceKind::City => 3,
            PlaceKind::Seat => 4,
            PlaceKind::Landmark => 5,
        }
    }

    /// The kind of a code, if it is one.
    pub fn from_code(code: u8) -> Option<PlaceKind> {
        Some(match code {
            0 => PlaceKind::Continent,
            1 => PlaceKind::Country,
            2 => PlaceKind::Region,
            3 => PlaceKind::City,
            4 => PlaceKind::Seat,
            5 => PlaceKind::Landmark,
            _ => return None,
        })
    }

    /// Lower-case name: `continent`, `country`, `region`, `city`, `seat`, `landmark`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Continent => "continent",
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
            PlaceKind::Seat => "seat",
            PlaceKind::Landmark => "landmark",
        }
    }
}

/// Index of a place record in the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(pub u32);

/// One place of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// Its record index.
    pub id: PlaceId,
    /// GeoNames id; `None` for hand-written places.
    pub geonames_id: Option<u32>,
    /// Standard English name ("Kyiv").
    pub name: &'static str,
    /// Feature kind.
    pub kind: PlaceKind,
    /// Whether it is its country's capital.
    pub capital: bool,
    /// ISO 3166-1 alpha-2 country code; empty for continents and seas.
    pub country: &'static str,
    /// The first-level region it lies in, for cities.
    pub region: Option<PlaceId>,
    /// Population (for regions, of their towns; 0 when unknown).
    pub population: u64,
    /// Latitude, decimal degrees (for countries and regions a centre).
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
}

/// A place found under a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    /// The place.
    pub place: PlaceId,
    /// Whether the name is one of the place's alternative names rather than its main one.
    pub alternative: bool,
}

/// An organisation with its short forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    /// Canonical name ("United Nations").
    pub name: &'static str,
    /// Other names and short forms ("UN", "U.N.").
    pub aliases: Vec<&'static str>,
}

/// Why the embedded data could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbError(String);

impl std::fmt::Display for KbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sitrep knowledge base (data/kb): {}", self.0)
    }
}

impl std::error::Error for KbError {}

/// The knowledge base.
pub struct Kb {
    records: &'static [u8],
    text: &'static [u8],
    names: fst::Map<&'static [u8]>,
    postings: &'static [u8],
    countries: HashMap<&'static str, PlaceId>,
    country_ranges: HashMap<&'static str, Range<u32>>,
    demonyms: HashMap<String, &'static str>,
    orgs: Vec<Org>,
    org_index: HashMap<String, (usize, bool)>,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kb").field("places", &self.len()).field("orgs", &self.orgs.len()).finish()
    }
}

impl Kb {
    /// The shared knowledge base, loaded on first use.
    ///
    /// # Panics
    /// When the embedded data is corrupt, which the crate's tests rule out for a release.
    pub fn get() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(|| Kb::load().unwrap_or_else(|e| panic!("{e}")))
    }

    /// Reads the embedded data.
    pub fn load() -> Result<Kb, KbError> {
        if PLACES.len() < 9 || &PLACES[..4] != MAGIC || PLACES[4] != VERSION {
            return Err(KbError("places.bin: not a version 1 gazetteer; run scripts/kb/build_kb.sh".into()));
        }
        let n = u32::from_le_bytes([PLACES[5], PLACES[6], PLACES[7], PLACES[8]]) as usize;
        let end = 9 + n * RECORD_LEN;
        if PLACES.len() < end {
            return Err(KbError(format!("places.bin: truncated ({} records announced)", n)));
        }
        let names = fst::Map::new(NAMES).map_err(|e| KbError(format!("names.fst: {e}")))?;
        let mut kb = Kb {
            records: &PLACES[9..end],
            text: &PLACES[end..],
            names,
            postings: POSTINGS,
            countries: HashMap::new(),
            country_ranges: HashMap::new(),
            demonyms: HashMap::new(),
            orgs: Vec::new(),
            org_index: HashMap::new(),
        };
        // Records are sorted by country: one pass finds each country's range (reading only the
        // bytes needed, so that loading stays fast in unoptimised builds too).
        let records: &'static [u8] = kb.records;
        for (i, rec) in records.chunks_exact(RECORD_LEN).enumerate() {
            let i = i as u32;
            let name_end = u32::from_le_bytes([rec[14], rec[15], rec[16], 0]) as usize + rec[17] as usize;
            let kind = PlaceKind::from_code(rec[21] & 0x0F);
            let Ok(cc) = std::str::from_utf8(&rec[22..24]) else {
                return Err(KbError(format!("places.bin: record {i} has a bad country code")));
            };
            if name_end > kb.text.len() || kind.is_none() {
                return Err(KbError(format!("places.bin: record {i} is malformed")));
            }
            let cc = cc.trim();
            if cc.is_empty() {
                continue;
            }
            let r = kb.country_ranges.entry(cc).or_insert(i..i);
            r.end = i + 1;
            if kind == Some(PlaceKind::Country) {
                kb.countries.insert(cc, PlaceId(i));
            }
        }
        for (k, line) in DEMONYMS.lines().enumerate() {
            match line.split_once('\t') {
                Some((word, cc)) if cc.len() == 2 => {
                    kb.demonyms.entry(normalize(word)).or_insert(cc);
                }
                _ => return Err(KbError(format!("demonyms.tsv line {}: want WORD<TAB>CC", k + 1))),
            }
        }
        for (k, line) in ORGS.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or_default().trim();
            if name.is_empty() {
                return Err(KbError(format!("src/orgs.tsv line {}: empty name", k + 1)));
            }
            let aliases: Vec<&'static str> =
                cols.next().unwrap_or_default().split('|').map(str::trim).filter(|a| !a.is_empty()).collect();
            let idx = kb.orgs.len();
            for form in std::iter::once(name).chain(aliases.iter().copied()) {
                let key = normalize(strip_the(form));
                // "TASS" and "Tass" are both listed: the name then matches in any case
                let caps_only = is_acronym(form);
                kb.org_index
                    .entry(key)
                    .and_modify(|e| {
                        if e.0 == idx && !caps_only {
                            e.1 = false;
                        }
                    })
                    .or_insert((idx, caps_only));
            }
            kb.orgs.push(Org { name, aliases });
        }
        Ok(kb)
    }

    /// Number of place records.
    pub fn len(&self) -> usize {
        self.records.len() / RECORD_LEN
    }

    /// Whether the gazetteer has no places.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn raw(&self, id: PlaceId) -> RawPlace {
        let at = id.0 as usize * RECORD_LEN;
        RawPlace::read(&self.records[at..at + RECORD_LEN])
    }

    /// The place record `id`.
    ///
    /// # Panics
    /// When `id` did not come from this knowledge base.
    pub fn place(&self, id: PlaceId) -> Place {
        let raw = self.raw(id);
        let at = id.0 as usize * RECORD_LEN + 22;
        let cc = &self.records[at..at + 2];
        let text = &self.text[raw.name_offset as usize..][..raw.name_len as usize];
        Place {
            id,
            geonames_id: (raw.geonames_id != 0).then_some(raw.geonames_id),
            name: std::str::from_utf8(text).unwrap_or(""),
            kind: PlaceKind::from_code(raw.kind_flags & 0x0F).unwrap_or(PlaceKind::City),
            capital: raw.kind_flags & FLAG_CAPITAL != 0,
            country: std::str::from_utf8(cc).map(str::trim).unwrap_or(""),
            region: (raw.region != NO_REGION).then_some(PlaceId(raw.region)),
            population: u64::from(raw.population),
            lat: raw.lat,
            lon: raw.lon,
        }
    }

    fn decode(&self, value: u64, out: &mut Vec<NameHit>) {
        let hit = |v: u32| NameHit { place: PlaceId(v & 0xFF_FFFF), alternative: v & ALT_BIT != 0 };
        if value & MANY_BIT == 0 {
            out.push(hit(value as u32));
            return;
        }
        let offset = (value & 0xFFFF_FFFF) as usize;
        let count = ((value >> 32) & 0xFFFF) as usize;
        for k in 0..count {
            let at = (offset + k) * 4;
            if let Some(b) = self.postings.get(at..at + 4) {
                out.push(hit(u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
            }
        }
    }

    /// Places whose main or alternative name normalises like `name` ("Kiev" → Kyiv and the
    /// Kiev region), in gazetteer order.
    pub fn lookup(&self, name: &str) -> Vec<NameHit> {
        let mut out = Vec::new();
        if let Some(v) = self.names.get(normalize(name)) {
            self.decode(v, &mut out);
        }
        out
    }

    /// Names within `max_edits` edits of `name` (normalised) with their places, nearest first.
    /// Names shorter than four letters get no fuzzy matches: too many are a letter apart.
    pub fn fuzzy(&self, name: &str, max_edits: u32) -> Vec<(String, Vec<NameHit>)> {
        let key = normalize(name);
        if key.len() < 4 {
            return Vec::new();
        }
        let Ok(aut) = fst::automaton::Levenshtein::new(&key, max_edits) else {
            return Vec::new();
        };
        let mut stream = self.names.search(aut).into_stream();
        let mut found = Vec::new();
        while let Some((k, v)) = stream.next() {
            let k = String::from_utf8_lossy(k).into_owned();
            let mut hits = Vec::new();
            self.decode(v, &mut hits);
            found.push((edit_distance(&k, &key), k, hits));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        found.into_iter().map(|(_, k, h)| (k, h)).collect()
    }

    /// The country with ISO 3166-1 alpha-2 code `cc`.
    pub fn country(&self, cc: &str) -> Option<Place> {
        self.countries.get(cc).map(|&id| self.place(id))
    }

    /// Every place of country `cc`, largest population first.
    pub fn places_in(&self, cc: &str) -> impl Iterator<Item = Place> + '_ {
        let r = self.country_ranges.get(cc).cloned().unwrap_or(0..0);
        r.map(move |i| self.place(PlaceId(i)))
    }

    /// The country code a nationality word stands for ("Ukrainian", "Ukrainians" → "UA").
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        self.demonyms.get(&normalize(word)).copied()
    }

    /// The organisation a name or short form names ("U.N." → United Nations). Short forms
    /// written in capitals match only capitalised text.
    pub fn org(&self, name: &str) -> Option<&Org> {
        let (idx, acronym) = *self.org_index.get(&normalize(strip_the(name)))?;
        if acronym && !is_acronym(strip_the(name)) {
            return None;
        }
        self.orgs.get(idx)
    }

    /// All organisations.
    pub fn orgs(&self) -> &[Org] {
        &self.orgs
    }
}

fn strip_the(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix("the ").or_else(|| t.strip_prefix("The ")).unwrap_or(t)
}

/// Whether a name is written as an acronym: capitals (and digits, periods, hyphens) only.
fn is_acronym(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '&'))
}
