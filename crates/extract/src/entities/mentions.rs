//! Mentions from the NER: spans cleaned of articles, possessives and titles, with what the
//! knowledge base knows of their text.

use sitrep_kb::{normalize, Kb, NameHit, PlaceKind};
use sitrep_nlp::Doc;
use std::ops::Range;

/// The entity type sitrep gives a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Ty {
    Person,
    Org,
    Place,
    /// A nationality or group word ("Ukrainian", "Christian").
    Norp,
    Event,
    Law,
    Work,
    Product,
    Language,
}

impl Ty {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Ty::Person => "PERSON",
            Ty::Org => "ORG",
            Ty::Place => "PLACE",
            Ty::Norp => "NORP",
            Ty::Event => "EVENT",
            Ty::Law => "LAW",
            Ty::Work => "WORK_OF_ART",
            Ty::Product => "PRODUCT",
            Ty::Language => "LANGUAGE",
        }
    }

    /// sitrep's type for a spaCy label; `None` for numbers, dates and amounts.
    fn of_label(label: &str) -> Option<Ty> {
        Some(match label {
            "PERSON" => Ty::Person,
            "ORG" => Ty::Org,
            "GPE" | "LOC" | "FAC" => Ty::Place,
            "NORP" => Ty::Norp,
            "EVENT" => Ty::Event,
            "LAW" => Ty::Law,
            "WORK_OF_ART" => Ty::Work,
            "PRODUCT" => Ty::Product,
            "LANGUAGE" => Ty::Language,
            _ => return None,
        })
    }
}

/// One mention and what is known of it.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Tokens of the cleaned span.
    pub tokens: Range<usize>,
    /// The cleaned text as written.
    pub text: String,
    /// [`normalize`]d text.
    pub norm: String,
    /// Character offsets of the cleaned span.
    pub start: usize,
    pub end: usize,
    /// Titles removed from the front ("President").
    pub roles: Vec<String>,
    /// The type decided so far.
    pub ty: Ty,
    /// Gazetteer places under this text.
    pub places: Vec<NameHit>,
    /// The text names a region by a city or region name with a region word ("Sumy region").
    pub region_word: bool,
    /// Index of a known organisation.
    pub org: Option<usize>,
    /// Country code of a nationality word.
    pub demonym: Option<&'static str>,
    /// Rules applied so far.
    pub evidence: Vec<String>,
}

impl Mention {
    /// A mention of the text at `bytes` (tokens `tokens`), typed `ty` by the rule `evidence`,
    /// with no roles, gazetteer hits, organisation or nationality yet.
    fn new(doc: &Doc, tokens: Range<usize>, bytes: Range<usize>, ty: Ty, evidence: &str) -> Mention {
        let text = &doc.text[bytes.clone()];
        Mention {
            tokens,
            start: doc.char_offset(bytes.start),
            end: doc.char_offset(bytes.end),
            text: text.to_string(),
            norm: normalize(text),
            roles: Vec::new(),
            ty,
            places: Vec::new(),
            region_word: false,
            org: None,
            demonym: None,
            evidence: vec![evidence.into()],
        }
    }
}

/// Words that, before a name, give a person's role rather than part of the name.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "secretary-general",
    "general",
    "gen",
    "gen.",
    "lt",
    "lt.",
    "col",
    "col.",
    "maj",
    "maj.",
    "sgt",
    "sgt.",
    "capt",
    "capt.",
    "captain",
    "commander",
    "admiral",
    "adm",
    "adm.",
    "marshal",
    "field",
    "senior",
    "senator",
    "sen",
    "sen.",
    "rep",
    "rep.",
    "representative",
    "governor",
    "gov",
    "gov.",
    "mayor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "emir",
    "sultan",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "rev",
    "rev.",
    "reverend",
    "ayatollah",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "ambassador",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "justice",
    "deputy",
    "acting",
    "former",
    "crown",
    "supreme",
    "leader",
    "director",
    "judge",
    "lord",
    "sir",
    "dame",
    "colonel",
    "major",
    "lieutenant",
    "sergeant",
    "corporal",
    "brigadier",
    "commissioner",
    "chairman",
    "chairwoman",
    "chair",
    "speaker",
    "counsellor",
    "adviser",
    "advisor",
    "attorney",
    "lawmaker",
    "mp",
    "ceo",
    "officer",
    "sgt.",
    "st.",
];

/// Lower-case words inside personal names: "Ursula von der Leyen", "Osama bin Laden".
pub(crate) const NAME_PARTICLES: &[&str] =
    &["von", "van", "der", "den", "de", "da", "di", "du", "del", "la", "le", "bin", "ibn", "al", "el"];

/// Words after a place name that make it a region: "the Sumy region", "Donetsk Oblast".
pub(crate) const REGION_WORDS: &[&str] = &[
    "region",
    "oblast",
    "province",
    "governorate",
    "state",
    "district",
    "county",
    "prefecture",
    "territory",
    "regions",
    "oblasts",
    "provinces",
    "governorates",
    "districts",
];

/// Words that end an ORG span naming a document, not an organisation ("the UN Charter").
const DOCUMENT_WORDS: &[&str] = &[
    "charter",
    "convention",
    "treaty",
    "resolution",
    "resolutions",
    "act",
    "accord",
    "accords",
    "agreement",
    "protocol",
    "declaration",
    "law",
    "constitution",
    "memorandum",
    "statute",
];

/// Words a LOC/GPE span cannot be alone: directions ("the West").
const DIRECTIONS: &[&str] =
    &["north", "south", "east", "west", "western", "eastern", "northern", "southern", "midwest"];

/// Day names: a LOC/GPE span with one is a day or feast ("Palm Sunday"), not a place.
const DAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Whether a word is a title or role that goes before a name ("President", "Gen.").
pub(crate) fn is_title(word: &str) -> bool {
    TITLES.contains(&word.to_lowercase().as_str())
}

/// The mentions of the document's named entities, cleaned and looked up.
pub(crate) fn collect(doc: &Doc, kb: &Kb) -> Vec<Mention> {
    let mut out = Vec::new();
    for (span, split_ty) in split_title_spans(doc, kb) {
        let Some(mut ty) = split_ty.or_else(|| Ty::of_label(&span.label)) else { continue };
        let mut r = span.start..span.end;
        // "Missiles struck Kiev": a name does not contain a verb; keep what follows the last.
        let verb = |i: usize| {
            matches!(doc.tokens[i].pos.as_str(), "VERB" | "AUX") && doc.token_text(i).starts_with(char::is_lowercase)
        };
        if let Some(v) = (r.start..r.end.saturating_sub(1)).rev().find(|&i| verb(i)) {
            r.start = v + 1;
        }
        // "Department of Foreign Affairs and Trade (DFAT": the bracket starts another name.
        if let Some(b) = (r.start + 1..r.end).find(|&i| doc.token_text(i) == "(") {
            r.end = b;
        }
        // "the", possessive "'s" and stray punctuation are not part of the name.
        while r.start < r.end && is_edge_noise(doc, r.start, true) {
            r.start += 1;
        }
        while r.start < r.end && is_edge_noise(doc, r.end - 1, false) {
            r.end -= 1;
        }
        if ty == Ty::Person {
            // "[Ahmad Abdullah]" after a given name the NER left out: a proper noun that is a
            // compound of the name and nothing else the knowledge base knows.
            while r.start > 0 && is_left_name_part(doc, kb, r.start - 1, &r) {
                r.start -= 1;
            }
        }
        let mut roles = Vec::new();
        if ty == Ty::Person {
            // "Ukrainian President Volodymyr Zelensky", "Senior Gen Min Aung Hlaing"
            while r.end - r.start > 1 {
                let w = doc.token_text(r.start);
                let demonym_before_title =
                    kb.demonym(w).is_some() && r.end - r.start > 2 && is_title(doc.token_text(r.start + 1));
                if is_title(w) || demonym_before_title {
                    roles.push(w.to_string());
                    r.start += 1;
                } else {
                    break;
                }
            }
        }
        if r.start >= r.end || (ty == Ty::Person && r.clone().all(|i| is_title(doc.token_text(i)))) {
            continue; // "Sheikh" alone is a title, not a name
        }
        if matches!(ty, Ty::Person | Ty::Org) && r.len() == 1 && doc.tokens[r.start].tag == "NNS" {
            continue; // "Bushfires burned ...": a plural common noun, capitalised to open a sentence
        }
        if ty == Ty::Person {
            // "President Putin" where the NER left the title out of the span
            let mut i = r.start;
            let mut before = Vec::new();
            while i > 0 && is_title(doc.token_text(i - 1)) && doc.tokens[i - 1].pos != "PUNCT" {
                i -= 1;
                before.push(doc.token_text(i).to_string());
            }
            before.reverse();
            before.extend(roles);
            roles = before;
        }
        let mut bytes = doc.tokens[r.start].start..doc.tokens[r.end - 1].end;
        // "on X." at the end of a sentence: the full stop is the sentence's, not the name's
        let sentence_end = doc.sentence_of(r.end - 1).is_some_and(|s| s.end == r.end)
            || doc.tokens.get(r.end).is_none_or(|t| t.pos == "SPACE");
        if sentence_end && doc.text[bytes.clone()].ends_with('.') && doc.text[bytes.clone()].matches('.').count() == 1 {
            bytes.end -= 1;
        }
        let text = doc.text[bytes.clone()].to_string();
        let norm = normalize(&text);
        if norm.is_empty() || !text.chars().any(char::is_alphabetic) {
            continue;
        }
        let words: Vec<String> = r.clone().map(|i| doc.token_text(i).to_lowercase()).collect();
        let mut evidence = vec![format!("ner:{}", span.label)];
        if ty == Ty::Place && words.len() == 1 && DIRECTIONS.contains(&words[0].as_str()) {
            continue;
        }
        if ty == Ty::Place && words.iter().any(|w| DAYS.contains(&w.as_str())) {
            // "Palm Sunday": a day, not a place
            ty = Ty::Event;
            evidence.push("type:day-name".into());
        }
        // "External Affairs Minister S. Jaishankar": the ORG names the minister's portfolio (but
        // "UN chief Antonio Guterres" is a member of the UN)
        let title_next = r.end < doc.tokens.len()
            && matches!(doc.token_text(r.end).to_lowercase().as_str(), "minister" | "secretary");
        if ty == Ty::Org
            && title_next
            && doc.ents.iter().any(|e| e.label == "PERSON" && (r.end + 1..r.end + 3).contains(&e.start))
        {
            continue;
        }
        // "Secretary of State": part of a title, not an organisation
        if ty == Ty::Org && r.start >= 2 && doc.token_text(r.start - 1) == "of" && is_title(doc.token_text(r.start - 2))
        {
            continue;
        }
        if ty == Ty::Org && words.len() > 1 && DOCUMENT_WORDS.contains(&words[words.len() - 1].as_str()) {
            ty = Ty::Law;
            evidence.push("type:document-word".into());
        }
        let mut m = Mention {
            tokens: r.clone(),
            start: doc.char_offset(bytes.start),
            end: doc.char_offset(bytes.end),
            text,
            norm,
            roles,
            ty,
            places: Vec::new(),
            region_word: false,
            org: None,
            demonym: None,
            evidence,
        };
        lookup(doc, kb, &mut m);
        out.push(m);
    }
    out.extend(unlabelled_names(doc, kb, &out));
    out.sort_by_key(|m| m.start);
    out
}

/// Names the NER missed: proper nouns that name a country, or a big place in a place's context
/// ("hit Kiev before dawn", "the Donetsk region"), and listed acronyms of organisations.
fn unlabelled_names(doc: &Doc, kb: &Kb, found: &[Mention]) -> Vec<Mention> {
    let mut covered = vec![false; doc.tokens.len()];
    // Names inside a date or number span are still names: "at Odesa overnight" (TIME).
    for span in doc.ents.iter().filter(|s| Ty::of_label(&s.label).is_some()) {
        covered[span.start..span.end].iter_mut().for_each(|c| *c = true);
    }
    for m in found {
        covered[m.tokens.clone()].iter_mut().for_each(|c| *c = true);
    }
    // Proper nouns; an acronym may be tagged as a common noun ("left ECOWAS"), a name before a
    // region word as an adjective ("the Kyiv region").
    let proper = |i: usize| {
        let (tag, w) = (&doc.tokens[i].tag, doc.token_text(i));
        let acronym = w.len() >= 3 && w.chars().all(|c| c.is_ascii_uppercase());
        let before_region =
            i + 1 < doc.tokens.len() && REGION_WORDS.contains(&doc.token_text(i + 1).to_lowercase().as_str());
        !covered[i]
            && (tag.starts_with("NNP") || (acronym && tag.starts_with("NN")) || before_region)
            && w.starts_with(char::is_uppercase)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.tokens.len() {
        if !proper(i) {
            i += 1;
            continue;
        }
        // The whole run of proper nouns must be the name: "Jordan" in "Jordan Peterson" is not
        // the country.
        let run = (i..doc.tokens.len()).take_while(|&j| proper(j)).count();
        let joined = |j: usize| doc.tokens[j].tag.starts_with("NNP"); // next to another name
        let alone = (i == 0 || !joined(i - 1)) && (i + run >= doc.tokens.len() || !joined(i + run));
        let r = i..i + run;
        if run <= 4 && alone {
            out.extend(gazetteer_mention(doc, kb, r.clone()).or_else(|| acronym_mention(doc, kb, r.clone())));
        }
        if run <= 4 && !out.last().is_some_and(|m| m.tokens == r) {
            out.extend(speaker_mention(doc, kb, r));
        }
        i += run.max(1);
    }
    out.extend(glued_places(doc, kb, &covered));
    out
}

/// The NER's spans, with "Mayor of [Kharkiv Igor Terekhov]" split into the place and the
/// person (a title's "of" names the place, the capitalised words after it the holder).
///
/// A person's name the NER broke after a particle ("[Ursula von der] [Leyen]") is joined again.
fn split_title_spans(doc: &Doc, kb: &Kb) -> Vec<(sitrep_nlp::Span, Option<Ty>)> {
    let mut out = Vec::new();
    let mut ents: Vec<sitrep_nlp::Span> = Vec::new();
    for span in &doc.ents {
        if let Some(prev) = ents.last_mut() {
            let particle = NAME_PARTICLES.contains(&doc.token_text(prev.end - 1));
            if prev.label == "PERSON" && prev.end == span.start && particle {
                prev.end = span.end;
                continue;
            }
        }
        ents.push(span.clone());
    }
    for span in &ents {
        if let Some(parts) = comma_list_parts(doc, kb, span) {
            out.extend(
                parts
                    .into_iter()
                    .map(|r| (sitrep_nlp::Span { start: r.start, end: r.end, label: "GPE".into() }, Some(Ty::Place))),
            );
            continue;
        }
        let after_title_of =
            span.start >= 2 && doc.token_text(span.start - 1) == "of" && is_title(doc.token_text(span.start - 2));
        let split = (1..=2).find(|&k| {
            let rest = span.start + k..span.end;
            let place = &doc.text[doc.tokens[span.start].start..doc.tokens[span.start + k - 1].end];
            rest.len() >= 2
                && rest.clone().all(|i| doc.tokens[i].tag == "NNP")
                && kb.lookup(place).iter().any(|h| kb.place(h.place).kind != PlaceKind::Landmark)
        });
        match split {
            Some(k) if after_title_of && matches!(span.label.as_str(), "ORG" | "PERSON") => {
                let label = span.label.clone();
                out.push((sitrep_nlp::Span { start: span.start, end: span.start + k, label: "GPE".into() }, None));
                out.push((sitrep_nlp::Span { start: span.start + k, end: span.end, label }, Some(Ty::Person)));
            }
            _ => out.push((span.clone(), None)),
        }
    }
    out
}

/// "around [Chatswood, Ryde] and ...": an ORG, PERSON or FAC span the NER glued over a comma or
/// "and" is a list of places when every part is a run of proper nouns the gazetteer knows as a
/// town or region of one country (and the whole is no known name).
fn comma_list_parts(doc: &Doc, kb: &Kb, span: &sitrep_nlp::Span) -> Option<Vec<Range<usize>>> {
    if !matches!(span.label.as_str(), "ORG" | "PERSON" | "FAC") {
        return None;
    }
    let mut parts = Vec::new();
    let mut start = span.start;
    for i in span.start..=span.end {
        if i == span.end || matches!(doc.token_text(i), "," | "and") {
            parts.push(start..i);
            start = i + 1;
        }
    }
    if parts.len() < 2 {
        return None;
    }
    let whole = &doc.text[doc.tokens[span.start].start..doc.tokens[span.end - 1].end];
    if kb.org(whole).is_some() || !kb.lookup(whole).is_empty() {
        return None;
    }
    // the countries each part may be in; the parts must share one
    let countries = |r: &Range<usize>| -> Vec<&'static str> {
        let proper = !r.is_empty() && r.clone().all(|i| doc.tokens[i].tag.starts_with("NNP"));
        if !proper {
            return Vec::new();
        }
        let text = &doc.text[doc.tokens[r.start].start..doc.tokens[r.end - 1].end];
        let variant = abbreviation_variant(text).map(|v| kb.lookup(&v)).unwrap_or_default();
        kb.lookup(text)
            .iter()
            .chain(&variant)
            .map(|h| kb.place(h.place))
            .filter(|p| matches!(p.kind, PlaceKind::City | PlaceKind::Region))
            .map(|p| p.country)
            .collect()
    };
    let each: Vec<Vec<&str>> = parts.iter().map(countries).collect();
    let shared = each[0].iter().any(|cc| each.iter().all(|c| c.contains(cc)));
    shared.then_some(parts)
}

/// A person the NER missed: two to four capitalised words that say something ("Mayor of
/// Kharkiv Igor Terekhov said") and that the gazetteer and organisation list do not know.
fn speaker_mention(doc: &Doc, kb: &Kb, r: Range<usize>) -> Option<Mention> {
    let words = r.clone().all(|i| doc.token_text(i).chars().all(char::is_alphabetic) && doc.tokens[i].tag == "NNP");
    if r.len() < 2 || !words {
        return None;
    }
    let bytes = doc.tokens[r.start].start..doc.tokens[r.end - 1].end;
    let text = &doc.text[bytes.clone()];
    let known = !kb.lookup(text).is_empty() || kb.org(text).is_some() || r.clone().any(|i| is_title(doc.token_text(i)));
    if known || !super::context::cues(doc, &r, &|_| false).speaker {
        return None;
    }
    Some(Mention::new(doc, r, bytes, Ty::Person, "subject of a verb of saying the NER missed"))
}

/// Places glued to a word by scraping ("onBeijing, June 2"): a lower-case prefix of up to
/// four letters, then a country or big place.
fn glued_places(doc: &Doc, kb: &Kb, covered: &[bool]) -> Vec<Mention> {
    let mut out = Vec::new();
    for (i, t) in doc.tokens.iter().enumerate() {
        let w = doc.token_text(i);
        let Some(cap) = w.char_indices().find(|(_, c)| c.is_uppercase()).map(|(b, _)| b) else { continue };
        let prefix_ok = (1..=4).contains(&cap) && w[..cap].chars().all(|c| c.is_ascii_lowercase());
        let rest = &w[cap..];
        if covered[i] || !prefix_ok || rest.len() < 3 || !rest[1..].chars().all(|c| c.is_lowercase()) {
            continue;
        }
        let hits = kb.lookup(rest);
        let known = hits.iter().map(|h| kb.place(h.place)).any(|p| {
            matches!(p.kind, PlaceKind::Country | PlaceKind::Continent) || p.capital || p.population >= 100_000
        });
        if !known {
            continue;
        }
        let bytes = t.start + cap..t.end;
        let mut m = Mention::new(doc, i..i + 1, bytes, Ty::Place, "gazetteer:place glued to a word");
        lookup(doc, kb, &mut m);
        out.push(m);
    }
    out
}

/// An organisation mention for a listed acronym the NER missed ("accused the RSF").
fn acronym_mention(doc: &Doc, kb: &Kb, r: Range<usize>) -> Option<Mention> {
    let bytes = doc.tokens[r.start].start..doc.tokens[r.end - 1].end;
    let text = &doc.text[bytes.clone()];
    let acronym = text.chars().filter(char::is_ascii_uppercase).count() >= 3
        && text.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    let org = kb.org(text).filter(|_| acronym)?;
    let mut m = Mention::new(doc, r, bytes, Ty::Org, "organisation list: acronym the NER missed");
    m.org = kb.orgs().iter().position(|o| std::ptr::eq(o, org));
    Some(m)
}

/// A place mention for tokens `r` when the gazetteer names a country there, or a big place in
/// a place's context.
fn gazetteer_mention(doc: &Doc, kb: &Kb, r: Range<usize>) -> Option<Mention> {
    let bytes = doc.tokens[r.start].start..doc.tokens[r.end - 1].end;
    let text = &doc.text[bytes.clone()];
    let hits = kb.lookup(text);
    let places: Vec<_> = hits.iter().map(|h| kb.place(h.place)).collect();
    let several_words = r.len() > 1;
    let country = places
        .iter()
        .zip(&hits)
        .any(|(p, h)| matches!(p.kind, PlaceKind::Country | PlaceKind::Continent) && (!h.alternative || several_words));
    let big = places.iter().any(|p| p.capital || p.population >= 100_000 || p.kind == PlaceKind::Region);
    let next = doc.tokens.get(r.end).map(|_| doc.token_text(r.end).to_lowercase());
    let region_after = next.as_deref().is_some_and(|w| REGION_WORDS.contains(&w));
    let cue = super::context::cues(doc, &r, &|_| false);
    // "KYIV, Ukraine (AP) —": the dateline opens the article or a line with the place.
    let line_start = r.start == 0 || doc.token_text(r.start - 1).contains('\n');
    let dateline = line_start && next.as_deref().is_some_and(|w| matches!(w, "," | "(" | "—" | "-" | "–"));
    if !(country || (big && (cue.place >= 2 || region_after || dateline) && cue.person == 0)) {
        return None;
    }
    let mut m = Mention::new(doc, r, bytes, Ty::Place, "gazetteer:name the NER missed");
    lookup(doc, kb, &mut m);
    (m.demonym.is_none() && m.org.is_none()).then_some(m)
}

/// Whether token `i`, just before the person span `r`, is a forgotten first name.
fn is_left_name_part(doc: &Doc, kb: &Kb, i: usize, r: &Range<usize>) -> bool {
    let t = &doc.tokens[i];
    let w = doc.token_text(i);
    t.tag == "NNP"
        && t.dep == "compound"
        && r.contains(&t.head)
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().all(char::is_alphabetic)
        && !is_title(w)
        && !doc.ents.iter().any(|e| e.start <= i && i < e.end)
        && kb.demonym(w).is_none()
        && kb.org(w).is_none()
        && kb.lookup(w).is_empty()
}

fn is_edge_noise(doc: &Doc, i: usize, front: bool) -> bool {
    let t = &doc.tokens[i];
    let w = doc.token_text(i);
    if front && (w.eq_ignore_ascii_case("the") || t.tag == "DT") {
        return true;
    }
    t.tag == "POS"
        || t.pos == "SPACE"
        || w.trim().is_empty()
        || (t.pos == "PUNCT" && !w.ends_with('.'))
        || w == "'s"
        || w == "’s"
}

/// "Kharkiv and Sumy regions": a name followed by more names and then a plural region word.
fn shares_plural_region_word(doc: &Doc, from: usize) -> bool {
    let mut saw_and = false;
    for i in from..doc.tokens.len().min(from + 6) {
        let w = doc.token_text(i);
        match w {
            "and" | "," => saw_and = true,
            _ if doc.tokens[i].tag.starts_with("NNP") => {}
            _ => return saw_and && w.ends_with('s') && REGION_WORDS.contains(&w.to_lowercase().as_str()),
        }
    }
    false
}

/// The direction word whose variant is `other` ("Northern" for "North").
fn other_direction(other: &str) -> &str {
    match other {
        "North" => "Northern",
        "South" => "Southern",
        "East" => "Eastern",
        "West" => "Western",
        "Northern" => "North",
        "Southern" => "South",
        "Eastern" => "East",
        _ => "West",
    }
}

/// Short and long forms of words that open place names.
const ABBREVIATIONS: &[(&str, &str)] =
    &[("St", "Saint"), ("St.", "Saint"), ("Mt", "Mount"), ("Mt.", "Mount"), ("Ft", "Fort"), ("Ft.", "Fort")];

/// The name with its first word written the other way ("St Ives" ↔ "Saint Ives").
fn abbreviation_variant(text: &str) -> Option<String> {
    let (first, rest) = text.split_once(' ')?;
    let other = ABBREVIATIONS.iter().find_map(|&(short, long)| {
        if first == short {
            Some(long)
        } else if first == long {
            Some(short.trim_end_matches('.'))
        } else {
            None
        }
    })?;
    Some(format!("{other} {rest}"))
}

/// Fills what the knowledge base knows of the mention's text.
fn lookup(doc: &Doc, kb: &Kb, m: &mut Mention) {
    let kb_places = |text: &str| -> Vec<NameHit> {
        // All-capital short forms ("US") only match text in capitals; lower-case text is a word.
        if text.chars().next().is_some_and(char::is_lowercase) {
            return Vec::new();
        }
        kb.lookup(text)
    };
    m.places = kb_places(&m.text);
    // "St Ives" is filed as "Saint Ives", "Mt Druitt" as "Mount Druitt": both spellings count
    if let Some(variant) = abbreviation_variant(&m.text) {
        for h in kb_places(&variant) {
            if !m.places.iter().any(|x| x.place == h.place) {
                m.places.push(h);
            }
        }
    }
    if m.places.is_empty() {
        // "North Darfur" for "Northern Darfur" and the other way round
        let (first, rest) = m.text.split_once(' ').unwrap_or((&m.text, ""));
        let other = match first {
            "North" => "Northern",
            "South" => "Southern",
            "East" => "Eastern",
            "West" => "Western",
            "Northern" => "North",
            "Southern" => "South",
            "Eastern" => "East",
            "Western" => "West",
            _ => "",
        };
        if !other.is_empty() && !rest.is_empty() {
            m.places = kb_places(&format!("{other} {rest}"));
        }
        // "the Kashmir Valley", "southern Helmand": a region the gazetteer files under its
        // bare name (regions only: "Jordan Valley" is not the country)
        let words: Vec<&str> = m.text.split(' ').collect();
        let core = match words[..] {
            [.., last] if words.len() > 1 && matches!(last, "Valley" | "Basin" | "Region") => {
                Some(words[..words.len() - 1].join(" "))
            }
            [first, ..] if words.len() > 1 && !other.is_empty() && first == other_direction(other) => {
                Some(words[1..].join(" "))
            }
            _ => None,
        };
        if let Some(core) = core {
            m.places = kb_places(&core).into_iter().filter(|h| kb.place(h.place).kind == PlaceKind::Region).collect();
            // named as written, like "the Sumy region"
            m.region_word = !m.places.is_empty();
        }
    }
    m.org = kb.org(&m.text).map(|o| kb.orgs().iter().position(|x| std::ptr::eq(x, o)).unwrap_or(0));
    m.demonym = kb.demonym(&m.text);
    // "Sumy region", "Donetsk Oblast": the region named by its first words.
    let n = m.tokens.len();
    let last = doc.token_text(m.tokens.end - 1).to_lowercase();
    let next = (m.tokens.end < doc.tokens.len()).then(|| doc.token_text(m.tokens.end).to_lowercase());
    let region_inside = n > 1 && REGION_WORDS.contains(&last.as_str());
    // "state" only after a region's own name ("Washington state", not "Russian state media")
    let region_named = m.places.iter().any(|h| kb.place(h.place).kind == PlaceKind::Region);
    let region_next = next.as_deref().is_some_and(|w| REGION_WORDS.contains(&w) && (w != "state" || region_named));
    let region_after = region_next || shares_plural_region_word(doc, m.tokens.end);
    let named_as_is = region_inside && !m.places.is_empty(); // "Northern Territory"
    let typed_ok = matches!(m.ty, Ty::Place | Ty::Norp | Ty::Product | Ty::Org) || (region_next && m.ty == Ty::Person);
    if (region_inside && !named_as_is) || (region_after && typed_ok) {
        let core_end = if region_inside { m.tokens.end - 1 } else { m.tokens.end };
        let core = &doc.text[doc.tokens[m.tokens.start].start..doc.tokens[core_end - 1].end];
        let hits: Vec<NameHit> = kb_places(core)
            .into_iter()
            .filter(|h| matches!(kb.place(h.place).kind, PlaceKind::Region | PlaceKind::City))
            .collect();
        let mut regions: Vec<NameHit> = Vec::new();
        for &h in &hits {
            let p = kb.place(h.place);
            let region = if p.kind == PlaceKind::Region {
                Some(h)
            } else {
                p.region.map(|r| NameHit { place: r, alternative: true })
            };
            if let Some(r) = region {
                if !regions.iter().any(|x| x.place == r.place) {
                    regions.push(r);
                }
            }
        }
        if regions.is_empty() {
            // no region record: the region is placed at the city it is named after
            regions = hits;
        }
        if !regions.is_empty() {
            m.places = regions;
            m.region_word = true;
            if region_next && !region_inside {
                m.tokens.end += 1;
                let bytes = doc.tokens[m.tokens.start].start..doc.tokens[m.tokens.end - 1].end;
                m.end = doc.char_offset(bytes.end);
                m.text = doc.text[bytes].to_string();
                m.norm = normalize(&m.text);
            }
        }
    }
}
