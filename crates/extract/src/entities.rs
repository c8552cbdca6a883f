//! Entities: one per real thing, with a canonical name, every mention, and for places
//! coordinates from the gazetteer.
//!
//! The NER's mentions ([`sitrep_nlp::Doc::ents`]) are cleaned (articles, possessives and
//! titles off), typed again from evidence (the gazetteer, the organisation list, nationality
//! words, the sentence around them), grouped into entities (name variants, short forms,
//! transliterations, misspellings that context confirms) and geocoded (homonyms chosen by the
//! article's country focus, feature kind and population).

mod context;
mod geocode;
mod mentions;

use crate::analysis::{Entity, Geo, Mention as OutMention};
use context::{cues, Cues};
use geocode::Focus;
use mentions::{Mention, Ty};
use sitrep_kb::{edit_distance, phonetic_key, Kb, Place, PlaceKind};
use sitrep_nlp::Doc;
use std::collections::{HashMap, HashSet};

/// The entity with a mention covering the character range `char_start..char_end` (or, failing
/// that, overlapping it the most).
pub fn entity_at(entities: &[Entity], char_start: usize, char_end: usize) -> Option<&Entity> {
    let mut best: Option<(usize, bool, &Entity)> = None;
    for e in entities {
        for m in &e.mentions {
            let overlap = m.end.min(char_end).saturating_sub(m.start.max(char_start));
            if overlap == 0 && !(m.start <= char_start && char_end <= m.end) {
                continue;
            }
            let covers = m.start <= char_start && char_end <= m.end;
            if best.as_ref().is_none_or(|(o, c, _)| (covers, overlap) > (*c, *o)) {
                best = Some((overlap, covers, e));
            }
        }
    }
    best.map(|(_, _, e)| e)
}

/// The entity called `name` (its canonical name, an alias or a mention's text; case and
/// accents ignored), preferring a canonical-name match.
pub fn entity_named<'a>(entities: &'a [Entity], name: &str) -> Option<&'a Entity> {
    let key = sitrep_kb::normalize(name);
    entities.iter().find(|e| sitrep_kb::normalize(&e.name) == key).or_else(|| {
        entities.iter().find(|e| {
            e.aliases.iter().chain(e.mentions.iter().map(|m| &m.text)).any(|a| sitrep_kb::normalize(a) == key)
        })
    })
}

/// The article's entities, in order of first mention.
pub fn extract_entities(doc: &Doc) -> Vec<Entity> {
    let kb = Kb::get();
    let mut ms = mentions::collect(doc, kb);
    retype(doc, kb, &mut ms);
    spelt_out_acronyms(&mut ms);
    let focus = focus(kb, &ms);
    let resolved = resolve_places(doc, kb, &mut ms, &focus);
    let mut clusters = cluster(&ms, &resolved);
    let mut resolved = resolved;
    complete_mentions(doc, &mut ms, &mut resolved, &mut clusters);
    let mut out: Vec<Entity> = clusters.iter().map(|c| build(doc, kb, &ms, &resolved, c)).collect();
    out.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    out
}

/// Mentions a token belongs to.
fn token_owner(doc: &Doc, ms: &[Mention]) -> Vec<Option<usize>> {
    let mut owner = vec![None; doc.tokens.len()];
    for (k, m) in ms.iter().enumerate() {
        for i in m.tokens.clone() {
            owner[i] = Some(k);
        }
    }
    owner
}

fn context_of(doc: &Doc, ms: &[Mention], owner: &[Option<usize>], k: usize) -> Cues {
    let in_place = |i: usize| owner[i].is_some_and(|o| o != k && ms[o].ty == Ty::Place);
    cues(doc, &ms[k].tokens, &in_place)
}

/// The largest or most prominent gazetteer place a mention's text names.
fn prominent(kb: &Kb, m: &Mention) -> Option<Place> {
    m.places.iter().map(|h| kb.place(h.place)).max_by(|a, b| {
        let rank = |p: &Place| match p.kind {
            PlaceKind::Country | PlaceKind::Continent | PlaceKind::Seat => 3,
            _ if p.capital => 2,
            _ => 1,
        };
        (rank(a), a.population).cmp(&(rank(b), b.population))
    })
}

/// A place a lone name means even without context: a country, a capital, a city of a million
/// ("Kiev", but not "Elizabeth").
fn is_major(p: &Place) -> bool {
    matches!(p.kind, PlaceKind::Country | PlaceKind::Continent | PlaceKind::Seat)
        || p.capital
        || p.population >= 1_000_000
}

fn is_big(p: &Place) -> bool {
    matches!(p.kind, PlaceKind::Country | PlaceKind::Continent | PlaceKind::Seat)
        || p.capital
        || p.population >= 100_000
}

/// Words of multi-word person names ("vladimir", "putin"): a lone mention of one is that
/// person, not a place that shares the name.
fn person_name_words(ms: &[Mention]) -> HashSet<String> {
    ms.iter()
        .filter(|m| m.ty == Ty::Person && m.norm.contains(' ') && !m.region_word)
        .flat_map(|m| m.norm.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Fixes NER types from the knowledge base and the context.
fn retype(doc: &Doc, kb: &Kb, ms: &mut [Mention]) {
    let set = |m: &mut Mention, ty: Ty, why: &str| {
        if m.ty != ty {
            m.evidence.push(format!("type:{}->{} ({why})", m.ty.as_str(), ty.as_str()));
            m.ty = ty;
        }
    };
    // Knowledge-base facts about the text itself.
    for m in ms.iter_mut() {
        let country_hit = |main_only: bool| {
            m.places.iter().any(|h| {
                (!main_only || !h.alternative)
                    && matches!(kb.place(h.place).kind, PlaceKind::Country | PlaceKind::Continent)
            })
        };
        // "Thai" is a nationality word before it is an alternative name of Thailand.
        let country = if m.demonym.is_some() { country_hit(true) } else { country_hit(false) };
        let seat = m.places.iter().any(|h| matches!(kb.place(h.place).kind, PlaceKind::Seat | PlaceKind::Landmark));
        if m.org.is_some() && !country && matches!(m.ty, Ty::Place | Ty::Person | Ty::Norp | Ty::Work) {
            set(m, Ty::Org, "organisation list");
        } else if m.demonym.is_some() && !country && matches!(m.ty, Ty::Place | Ty::Norp | Ty::Org) {
            set(m, Ty::Norp, "nationality word");
        } else if (country || seat) && matches!(m.ty, Ty::Org | Ty::Norp | Ty::Person) {
            set(m, Ty::Place, "gazetteer: country or landmark");
        }
    }
    // A name the NER once calls ORG and elsewhere a person is that person ("Trump").
    let names = person_name_words(ms);
    let person_texts: HashSet<String> = ms.iter().filter(|m| m.ty == Ty::Person).map(|m| m.norm.clone()).collect();
    let owner = token_owner(doc, ms);
    let mut to_person = Vec::new();
    for (k, m) in ms.iter().enumerate() {
        let named = person_texts.contains(&m.norm) || (!m.norm.contains(' ') && names.contains(&m.norm));
        let big_place = m.places.iter().any(|h| !h.alternative && is_big(&kb.place(h.place)));
        if matches!(m.ty, Ty::Org | Ty::Place)
            && m.org.is_none()
            && named
            && !big_place
            && context_of(doc, ms, &owner, k).place < 2
        {
            to_person.push(k);
        }
    }
    for k in to_person {
        set(&mut ms[k], Ty::Person, "same name as a person");
    }
    let early_focus = focus(kb, ms);
    // People, organisations and others that the gazetteer and the context say are places;
    // twice, so that "Mandalay and Sagaing" follows its first member.
    for _ in 0..2 {
        let owner = token_owner(doc, ms);
        let mut to_place = Vec::new();
        for k in 0..ms.len() {
            let m = &ms[k];
            if m.ty == Ty::Place || m.demonym.is_some() || m.org.is_some() || names.contains(&m.norm) {
                continue;
            }
            if m.region_word && !m.places.is_empty() {
                to_place.push((k, "region word".to_string()));
                continue;
            }
            let Some(p) = prominent(kb, m) else { continue };
            if !is_big(&p) && !early_focus.contains_key(p.country) {
                continue; // a small place abroad is no evidence against the NER
            }
            let c = context_of(doc, ms, &owner, k);
            let single = !m.norm.contains(' ');
            // Organisations often bear place names ("the Commonwealth"): only a place of the
            // article's countries in a place's context, or "the city of ...", is a place.
            let org_ok = c.place >= 3 || (c.place >= 2 && early_focus.contains_key(p.country));
            if m.ty == Ty::Org && !org_ok {
                continue;
            }
            if c.person == 0 && (c.place >= 2 || (single && is_major(&p) && m.ty == Ty::Person)) {
                to_place.push((k, c.reasons.join(", ")));
            }
        }
        for (k, why) in to_place {
            let why = if why.is_empty() { "prominent place" } else { &why };
            set(&mut ms[k], Ty::Place, &format!("gazetteer + {why}"));
        }
    }
    listed_places(doc, kb, ms, &names, &early_focus);
    // One text, one type: the place reading wins when any mention of the text is a place.
    let place_texts: HashSet<String> =
        ms.iter().filter(|m| m.ty == Ty::Place && !m.places.is_empty()).map(|m| m.norm.clone()).collect();
    for m in ms.iter_mut() {
        if matches!(m.ty, Ty::Person | Ty::Org)
            && m.org.is_none()
            && place_texts.contains(&m.norm)
            && !names.contains(&m.norm)
        {
            set(m, Ty::Place, "same text is a place elsewhere");
        }
    }
    // "Patriot systems", "Shahed drones": a lone name that only ever modifies a plural noun and
    // is nobody's full name is a product, not a person.
    let modifier_only = |doc: &Doc, m: &Mention| {
        let h = context::span_head(doc, &m.tokens);
        let t = &doc.tokens[h];
        t.dep == "compound" && doc.tokens[t.head].tag == "NNS"
    };
    let mut products: Vec<String> = Vec::new();
    for m in ms.iter().filter(|m| m.ty == Ty::Person && !m.norm.contains(' ') && !names.contains(&m.norm)) {
        let same: Vec<&Mention> = ms.iter().filter(|o| o.norm == m.norm).collect();
        if same.iter().all(|o| modifier_only(doc, o) && o.roles.is_empty()) && !products.contains(&m.norm) {
            products.push(m.norm.clone());
        }
    }
    for m in ms.iter_mut().filter(|m| products.contains(&m.norm)) {
        set(m, Ty::Product, "modifier of a plural noun");
    }
    // A lone name before "camp", "city" or "airport" that is nobody's name is a place, known to
    // the gazetteer or not ("shelled the Zamzam camp").
    let owner = token_owner(doc, ms);
    let mut unknown_places = Vec::new();
    for k in 0..ms.len() {
        let m = &ms[k];
        if !matches!(m.ty, Ty::Person | Ty::Org) || m.org.is_some() || m.norm.contains(' ') || names.contains(&m.norm) {
            continue;
        }
        let c = context_of(doc, ms, &owner, k);
        if c.person == 0 && c.reasons.contains(&"settlement noun") {
            unknown_places.push(k);
        }
    }
    for k in unknown_places {
        // the gazetteer's readings of such a name count only as main names or in the article's countries
        ms[k].places.retain(|h| !h.alternative || early_focus.contains_key(kb.place(h.place).country));
        set(&mut ms[k], Ty::Place, "name of a settlement noun");
    }
    titled_people(doc, ms);
    organisation_tails(doc, ms);
    // Misspelled places: a lone name that sounds like a place of the article, in a place's context.
    let owner = token_owner(doc, ms);
    let place_keys: Vec<(String, String, Vec<sitrep_kb::NameHit>)> = ms
        .iter()
        .filter(|m| m.ty == Ty::Place && !m.places.is_empty())
        .map(|m| (phonetic_key(&m.text), m.norm.clone(), m.places.clone()))
        .collect();
    let mut fixes = Vec::new();
    for k in 0..ms.len() {
        let m = &ms[k];
        let lone = matches!(m.ty, Ty::Person | Ty::Org) && m.org.is_none() && m.places.is_empty();
        if !lone || m.norm.contains(' ') || names.contains(&m.norm) || m.norm.len() < 4 {
            continue;
        }
        let c = context_of(doc, ms, &owner, k);
        if c.person > 0 || c.place < 2 {
            continue;
        }
        let key = phonetic_key(&m.text);
        if let Some((_, other, hits)) = place_keys.iter().find(|(pk, _, _)| *pk == key && pk.len() >= 2) {
            fixes.push((k, hits.clone(), format!("sounds like {other:?}; {}", c.reasons.join(", "))));
        }
    }
    for (k, hits, why) in fixes {
        let m = &mut ms[k];
        m.places = hits;
        m.evidence.push(format!("fuzzy:{why}"));
        set(m, Ty::Place, "misspelled place");
    }
    // One name, one type: "floods hit Mindanao", tagged ORG, is the place "the island of
    // Mindanao" names elsewhere in the article (a place the gazetteer knows, or whose context
    // says place), unless a list knows the name as an organisation.
    let owner = token_owner(doc, ms);
    let places: HashSet<String> = (0..ms.len())
        .filter(|&k| {
            ms[k].ty == Ty::Place
                && (!ms[k].places.is_empty() || context_of(doc, ms, &owner, k).place >= 2)
        })
        .map(|k| ms[k].norm.clone())
        .collect();
    for m in ms.iter_mut() {
        if m.ty == Ty::Org && m.org.is_none() && places.contains(&m.norm) {
            set(m, Ty::Place, "a place by the same name elsewhere in the article");
        }
    }
}

/// "envoy [Terje Roed-Larsen]" tagged ORG: proper nouns right after a title, that no list knows
/// and that hold no word of an organisation's name, are the person holding it.
fn titled_people(doc: &Doc, ms: &mut [Mention]) {
    for m in ms.iter_mut() {
        let r = m.tokens.clone();
        let titled = r.start > 0 && mentions::is_title(doc.token_text(r.start - 1));
        let name_like = (2..=5).contains(&r.len())
            && r.clone().all(|i| {
                let w = doc.token_text(i);
                // "Staffan de Mistura", "Jean-Marie"
                w.starts_with(char::is_uppercase) && doc.tokens[i].tag == "NNP"
                    || mentions::NAME_PARTICLES.contains(&w)
                    || w == "-"
            });
        let org_word = m.norm.split(' ').any(|w| GENERIC_ORG_WORDS.contains(&w));
        if m.ty == Ty::Org && titled && name_like && !org_word && m.org.is_none() && m.places.is_empty() {
            m.roles.push(doc.token_text(r.start - 1).to_string());
            m.evidence.push("type:ORG->PERSON (name after a title)".into());
            m.ty = Ty::Person;
        }
    }
}

/// "Energy Australia's" where the NER saw only "Australia": a mention that ends a multi-word
/// organisation name of the article, written right after that name's first words, is that
/// organisation.
fn organisation_tails(doc: &Doc, ms: &mut [Mention]) {
    let orgs: Vec<(String, Option<usize>)> =
        ms.iter().filter(|m| m.ty == Ty::Org && m.norm.contains(' ')).map(|m| (m.text.clone(), m.org)).collect();
    for m in ms.iter_mut().filter(|m| m.ty == Ty::Place) {
        let from = doc.tokens[m.tokens.start].start;
        for (name, org) in &orgs {
            let Some(head) = name.strip_suffix(m.text.as_str()) else { continue };
            if head.is_empty() || !doc.text[..from].ends_with(head) {
                continue;
            }
            let start_byte = from - head.len();
            let Some(first) = (0..m.tokens.start).rev().find(|&i| doc.tokens[i].start == start_byte) else { continue };
            m.evidence.push(format!("type:{}->ORG (end of {name:?})", m.ty.as_str()));
            m.tokens.start = first;
            m.start = doc.char_offset(start_byte);
            m.text = name.clone();
            m.norm = sitrep_kb::normalize(name);
            m.ty = Ty::Org;
            m.org = *org;
            m.places.clear();
            m.region_word = false;
            break;
        }
    }
}

/// Prepositions after which a gazetteer name is where something happens ("fires near Picton").
const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "near", "around", "from", "outside", "across", "throughout"];

/// Nouns after a name that make it a place ("the Kiama area", "Hornsby council").
const AREA_NOUNS: &[&str] =
    &["area", "areas", "region", "council", "shire", "suburb", "suburbs", "district", "municipality", "township"];

/// Small towns and suburbs the NER calls people or organisations ("in Bargo", "around Armidale,
/// Inverell and Moree", "the Kiama area"): a mention the gazetteer knows as a town or region of
/// the article's countries becomes a place when the words around it are those of a place (a
/// locative preposition, a list with a place, an area noun after it) and nothing says it is a
/// person (a title, a given name, a verb of saying, a possessive), anywhere in the article.
fn listed_places(doc: &Doc, kb: &Kb, ms: &mut [Mention], names: &HashSet<String>, focus: &Focus) {
    // The article's countries: those it is about, and those where at least half as many of its
    // places may lie as in the likeliest (one place with homonyms in three countries counts for
    // all three; a lone American homonym among a dozen Australian towns does not).
    let place_countries = |ms: &[Mention]| -> HashSet<&'static str> {
        let mut names: HashMap<&'static str, HashSet<&str>> = HashMap::new();
        for m in ms.iter().filter(|m| m.ty == Ty::Place) {
            for h in &m.places {
                names.entry(kb.place(h.place).country).or_default().insert(m.norm.as_str());
            }
        }
        let top = names.values().map(HashSet::len).max().unwrap_or(0);
        names.into_iter().filter(|(_, n)| 2 * n.len() >= top).map(|(cc, _)| cc).chain(focus.keys().copied()).collect()
    };
    // Person evidence on any mention of a text rules the place reading out for all of them.
    let mut personal: HashSet<String> = HashSet::new();
    for m in ms.iter() {
        let possessive = doc.tokens.get(m.tokens.end).is_some_and(|t| t.tag == "POS");
        let c = cues(doc, &m.tokens, &|_| false);
        if !m.roles.is_empty() || c.person > 0 || c.speaker || possessive {
            personal.insert(m.norm.clone());
        }
    }
    for _ in 0..3 {
        let countries = place_countries(ms);
        let owner = token_owner(doc, ms);
        let mut to_place = Vec::new();
        for k in 0..ms.len() {
            let m = &ms[k];
            let candidate = matches!(m.ty, Ty::Person | Ty::Org | Ty::Product)
                && m.org.is_none()
                && m.demonym.is_none()
                && !names.contains(&m.norm)
                && !personal.contains(&m.norm);
            if !candidate {
                continue;
            }
            let known = m.places.iter().any(|h| {
                let p = kb.place(h.place);
                !h.alternative
                    && matches!(p.kind, PlaceKind::City | PlaceKind::Region)
                    && (countries.contains(p.country) || is_big(&p))
            });
            // "Frenches Forest" in a list of suburbs: a spelling of a town of the article's countries
            let respelt = if !known && m.places.is_empty() {
                local_spelling(kb, &m.text, &|cc| countries.contains(cc))
            } else {
                Vec::new()
            };
            if !known && respelt.is_empty() {
                continue;
            }
            if let Some(why) = place_like(doc, ms, &owner, k) {
                to_place.push((k, why, respelt));
            }
        }
        if to_place.is_empty() {
            break;
        }
        for (k, why, respelt) in to_place {
            let m = &mut ms[k];
            if let Some(h) = respelt.first() {
                m.evidence.push(format!("fuzzy:gazetteer {:?}", kb.place(h.place).name));
                m.places = respelt;
            }
            m.evidence.push(format!("type:{}->PLACE (gazetteer + {why})", m.ty.as_str()));
            m.ty = Ty::Place;
        }
    }
}

/// Towns and regions of countries `country_ok` accepts whose main name is one letter from
/// `text`, starts with its letter and sounds like it ("Campbeltown" → Campbelltown).
fn local_spelling(kb: &Kb, text: &str, country_ok: &dyn Fn(&str) -> bool) -> Vec<sitrep_kb::NameHit> {
    let norm = sitrep_kb::normalize(text);
    if norm.chars().count() < 6 {
        return Vec::new();
    }
    let key = phonetic_key(text);
    kb.fuzzy(text, 1)
        .into_iter()
        .filter(|(name, _)| name.chars().next() == norm.chars().next() && phonetic_key(name) == key)
        .flat_map(|(_, hits)| hits)
        .filter(|h| {
            let p = kb.place(h.place);
            !h.alternative && matches!(p.kind, PlaceKind::City | PlaceKind::Region) && country_ok(p.country)
        })
        .collect()
}

/// What makes the words around mention `k` those of a place, if anything.
fn place_like(doc: &Doc, ms: &[Mention], owner: &[Option<usize>], k: usize) -> Option<&'static str> {
    let r = &ms[k].tokens;
    let word = |i: usize| doc.token_text(i).to_lowercase();
    // the preposition right before the name: towns take no article ("from the Commonwealth")
    let before = |i: usize| i.checked_sub(1);
    if r.end < doc.tokens.len() && AREA_NOUNS.contains(&word(r.end).as_str()) {
        return Some("area noun after it");
    }
    let members = list_members(doc, ms, owner, k);
    let first = members.iter().map(|&o| ms[o].tokens.start).min().unwrap_or(r.start);
    if members.iter().any(|&o| o != k && ms[o].ty == Ty::Place && !ms[o].places.is_empty()) {
        return Some("listed with a place");
    }
    // "left for nearby Mittagong"
    if r.start > 0 && word(r.start - 1) == "nearby" {
        return Some("\"nearby\" before it");
    }
    if before(first).is_some_and(|j| PLACE_PREPOSITIONS.contains(&word(j).as_str())) {
        return Some(if first == r.start { "locative preposition" } else { "list after a locative preposition" });
    }
    // "residents of Bargo and Tahmoor", "parts of ...": the parse says the list's head is a place
    let head = members.iter().copied().min_by_key(|&o| ms[o].tokens.start).unwrap_or(k);
    (cues(doc, &ms[head].tokens, &|_| false).place >= 3).then_some("\"residents of\" a list")
}

/// The mentions of the list mention `k` stands in (names joined by commas, "and", "or"),
/// `k` first.
fn list_members(doc: &Doc, ms: &[Mention], owner: &[Option<usize>], k: usize) -> Vec<usize> {
    let r = &ms[k].tokens;
    let separator = |i: usize| matches!(doc.token_text(i), "," | "and" | "or");
    let mut first = r.start;
    let mut members = vec![k];
    loop {
        let mut j = first;
        while j > 0 && separator(j - 1) {
            j -= 1;
        }
        match (j < first && j > 0).then(|| owner[j - 1]).flatten() {
            Some(o) if !members.contains(&o) => {
                members.push(o);
                first = ms[o].tokens.start;
            }
            _ => break,
        }
    }
    let mut last = r.end;
    loop {
        let mut j = last;
        while j < doc.tokens.len() && separator(j) {
            j += 1;
        }
        match (j > last && j < doc.tokens.len()).then(|| owner[j]).flatten() {
            Some(o) if !members.contains(&o) => {
                members.push(o);
                last = ms[o].tokens.end;
            }
            _ => break,
        }
    }
    members
}

/// The countries the article is about: countries it names and nationality words it uses.
fn focus(kb: &Kb, ms: &[Mention]) -> Focus {
    let mut f = Focus::new();
    for m in ms {
        // A country by this name, unless the name is also the main name of another place
        // ("Victoria" is a Hong Kong alternative name but a city and a state first).
        let main_elsewhere = m.places.iter().any(|h| !h.alternative && kb.place(h.place).kind != PlaceKind::Country);
        let country = m
            .places
            .iter()
            .map(|h| kb.place(h.place))
            .find(|p| p.kind == PlaceKind::Country)
            .filter(|_| !main_elsewhere);
        if let (Ty::Place, Some(p)) = (m.ty, country) {
            *f.entry(p.country).or_default() += 1.0;
        } else if let Some(cc) = m.demonym {
            *f.entry(cc).or_default() += 1.0;
        }
    }
    f
}

/// Resolves each PLACE mention to a gazetteer place (`None` when unknown).
fn resolve_places(doc: &Doc, kb: &Kb, ms: &mut [Mention], focus: &Focus) -> Vec<Option<Place>> {
    let mut resolved: Vec<Option<Place>> = vec![None; ms.len()];
    // Fuzzy spelling for places the gazetteer does not know as written.
    for m in ms.iter_mut() {
        if m.ty != Ty::Place || !m.places.is_empty() || m.norm.len() < 5 || m.text.starts_with(char::is_lowercase) {
            continue;
        }
        // A spelling variant keeps its first letter and its sound ("Zaporizhzhya"), or is a
        // long name one letter off; "Coomera" is not "Woomera".
        let near = kb.fuzzy(&m.text, 1);
        let key = phonetic_key(&m.text);
        let mut hits = Vec::new();
        for (name, hs) in &near {
            if name.chars().next() != m.norm.chars().next() {
                continue;
            }
            let sounds_alike = phonetic_key(name) == key;
            for h in hs {
                let p = kb.place(h.place);
                let in_focus = focus.contains_key(p.country);
                // a transliteration of a place of the article's countries, or a long name one
                // letter off a big place
                let plausible = (sounds_alike || (m.norm.len() >= 7 && is_big(&p))) && (in_focus || focus.is_empty());
                let major = p.capital || p.population >= 1_000_000 || p.kind == PlaceKind::Country;
                if plausible && (in_focus || major) {
                    hits.push((name.clone(), *h));
                }
            }
        }
        if let Some((name, _)) = hits.first() {
            m.evidence.push(format!("fuzzy:gazetteer {name:?}"));
            m.places = hits.into_iter().map(|(_, h)| h).collect();
        }
    }
    let owner = token_owner(doc, ms);
    let mut first: Vec<Option<Place>> = vec![None; ms.len()];
    // Later passes add the countries and regions of the other places the pass before resolved.
    for pass in 0..3 {
        for k in 0..ms.len() {
            if ms[k].ty != Ty::Place || ms[k].places.is_empty() {
                continue;
            }
            let mut focus = focus.clone();
            let mut regions = geocode::RegionFocus::new();
            if pass > 0 {
                for (j, p) in first.iter().enumerate() {
                    match p {
                        Some(p)
                            if j != k
                                && ms[j].norm != ms[k].norm
                                && p.kind != PlaceKind::Country
                                && !p.country.is_empty() =>
                        {
                            *focus.entry(p.country).or_default() += 0.5;
                            let region = if p.kind == PlaceKind::Region { Some(p.id) } else { p.region };
                            if let Some(r) = region {
                                *regions.entry(r).or_default() += 0.5;
                            }
                        }
                        _ => {}
                    }
                }
            }
            // "Paris, Texas": the place written right after a comma qualifies this one, and
            // "Atlanta, Georgia" says which Georgia is meant.
            let (start, end) = (ms[k].tokens.start, ms[k].tokens.end);
            let mut qualifiers = Vec::new();
            if end + 1 < doc.tokens.len() && doc.token_text(end) == "," {
                if let Some(q) = owner[end + 1].filter(|&q| ms[q].ty == Ty::Place) {
                    qualifiers.extend(ms[q].places.iter().map(|h| kb.place(h.place)));
                }
            }
            // "Dubbo, Wellington and Mudgee": towns listed together lie in one region
            if pass > 0 {
                for o in list_members(doc, ms, &owner, k).into_iter().skip(1) {
                    let town = first[o].filter(|p| p.kind == PlaceKind::City && !p.capital && p.population < 100_000);
                    if let Some(region) = town.and_then(|p| p.region) {
                        qualifiers.push(kb.place(region));
                    }
                }
            }
            let mut within = Vec::new();
            if start >= 2 && doc.token_text(start - 1) == "," {
                if let Some(q) = owner[start - 2].filter(|&q| ms[q].ty == Ty::Place) {
                    within.extend(ms[q].places.iter().map(|h| kb.place(h.place)));
                }
            }
            let region_word = ms[k].region_word;
            resolved[k] =
                geocode::choose(kb, &ms[k].text, &ms[k].places, (&focus, &regions), &qualifiers, &within, region_word);
        }
        first = resolved.clone();
    }
    // A small place abroad that the article's focus ruled out may be a misspelling of a town of
    // the article's own country ("Campbeltown" among Sydney suburbs).
    let mut article = focus.clone();
    for p in resolved.iter().flatten().filter(|p| p.kind != PlaceKind::Country && !p.country.is_empty()) {
        *article.entry(p.country).or_default() += 0.5;
    }
    for k in 0..ms.len() {
        if ms[k].ty != Ty::Place || ms[k].places.is_empty() || resolved[k].is_some() {
            continue;
        }
        let hits = local_spelling(kb, &ms[k].text, &|cc| geocode::in_focus(&article, cc));
        let none = geocode::RegionFocus::new();
        if let Some(p) = geocode::choose(kb, &ms[k].text, &hits, (&article, &none), &[], &[], ms[k].region_word) {
            ms[k].evidence.push(format!("fuzzy:gazetteer {:?} of the article's country", p.name));
            resolved[k] = Some(p);
        }
    }
    resolved
}

/// Adds the places where the text repeats an entity's name but the NER saw nothing ("The
/// SOHR said" after "the Syrian Observatory for Human Rights (SOHR)"): proper nouns only,
/// outside other mentions.
fn complete_mentions(doc: &Doc, ms: &mut Vec<Mention>, resolved: &mut Vec<Option<Place>>, groups: &mut [Vec<usize>]) {
    let mut taken = vec![false; doc.tokens.len()];
    for span in &doc.ents {
        taken[span.start..span.end].iter_mut().for_each(|t| *t = true);
    }
    for m in ms.iter() {
        taken[m.tokens.clone()].iter_mut().for_each(|t| *t = true);
    }
    // Surnames that name one person of the article: "Starmer" after "Keir Starmer".
    let mut surname_owners: HashMap<String, usize> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        if ms[members[0]].ty == Ty::Person {
            let surnames: HashSet<&str> =
                members.iter().filter_map(|&k| ms[k].text.rsplit_once(' ').map(|(_, s)| s)).collect();
            for s in surnames {
                surname_owners.entry(s.to_string()).and_modify(|o| *o = usize::MAX).or_insert(g);
            }
        }
    }
    for (gi, g) in groups.iter_mut().enumerate() {
        if !matches!(ms[g[0]].ty, Ty::Person | Ty::Org | Ty::Place) {
            continue;
        }
        let mut forms: Vec<(usize, String, bool)> = Vec::new();
        for &k in g.iter() {
            if !forms.iter().any(|(_, f, _)| *f == ms[k].text) && ms[k].text.chars().count() >= 2 {
                forms.push((k, ms[k].text.clone(), false));
            }
        }
        for (surname, &owner) in &surname_owners {
            if owner == gi && surname.chars().count() >= 3 && !forms.iter().any(|(_, f, _)| f == surname) {
                forms.push((g[0], surname.clone(), true));
            }
        }
        for (model, form, surname) in forms {
            let n = if surname { 1 } else { ms[model].tokens.len() };
            for i in 0..doc.tokens.len().saturating_sub(n - 1) {
                let r = i..i + n;
                // a proper noun; a surname may also be an unknown capitalised noun ("Starmer")
                let noun = |j: usize| {
                    let tag = &doc.tokens[j].tag;
                    tag.starts_with("NNP") || (surname && tag.starts_with("NN"))
                };
                if r.clone().any(|j| taken[j] || !noun(j)) {
                    continue;
                }
                let bytes = doc.tokens[i].start..doc.tokens[i + n - 1].end;
                if doc.text[bytes.clone()] != form {
                    continue;
                }
                r.clone().for_each(|j| taken[j] = true);
                let mut m = ms[model].clone();
                m.tokens = r;
                m.start = doc.char_offset(bytes.start);
                m.end = doc.char_offset(bytes.end);
                m.roles.clear();
                m.text = form.clone();
                m.norm = sitrep_kb::normalize(&form);
                m.evidence = vec!["repeat of a name the NER missed".into()];
                ms.push(m);
                resolved.push(resolved[model]);
                g.push(ms.len() - 1);
            }
        }
        g.sort_by_key(|&k| ms[k].start);
    }
}

/// Groups mentions into entities; each group lists mention indices in text order.
fn cluster(ms: &[Mention], resolved: &[Option<Place>]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_key: HashMap<(Ty, String), usize> = HashMap::new();
    let mut add = |key: (Ty, String), k: usize, groups: &mut Vec<Vec<usize>>| {
        let g = *by_key.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(k);
    };
    let mut people = Vec::new();
    let mut orgs = Vec::new();
    for (k, m) in ms.iter().enumerate() {
        match m.ty {
            Ty::Person => people.push(k),
            Ty::Org => orgs.push(k),
            Ty::Place => {
                let key = match resolved[k] {
                    Some(p) if m.region_word => format!("region:{}", p.id.0),
                    Some(p) => format!("place:{}", p.id.0),
                    None => m.norm.clone(),
                };
                add((Ty::Place, key), k, &mut groups);
            }
            Ty::Norp => {
                let key = m.demonym.map_or_else(|| m.norm.clone(), |cc| format!("cc:{cc}"));
                add((Ty::Norp, key), k, &mut groups);
            }
            ty => add((ty, m.norm.clone()), k, &mut groups),
        }
    }
    groups.extend(cluster_people(ms, &people));
    groups.extend(cluster_orgs(ms, &orgs));
    for g in &mut groups {
        g.sort_by_key(|&k| ms[k].start);
    }
    groups
}

/// Two spellings of one surname: equal, or a letter or two apart and alike in sound.
fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && edit_distance(a, b) <= 2 && phonetic_key(a) == phonetic_key(b))
}

/// Whether the shorter of two multi-word names has all its words in the longer, in order.
fn name_within(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut it = long.iter();
    short.iter().all(|w| it.any(|l| same_word(w, l) || (w.len() == 1 && l.starts_with(w.as_str()))))
}

fn cluster_people(ms: &[Mention], people: &[usize]) -> Vec<Vec<usize>> {
    // Full names first, longest first; then lone names join the person they name.
    let mut order: Vec<usize> = people.to_vec();
    order.sort_by_key(|&k| (std::cmp::Reverse(ms[k].norm.split(' ').count()), ms[k].start));
    let mut groups: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    for k in order {
        let words: Vec<String> = ms[k].norm.split(' ').map(str::to_string).collect();
        let last = words.last().cloned().unwrap_or_default();
        let mut fits: Vec<(usize, usize)> = Vec::new(); // (group, quality)
        for (g, (gw, members)) in groups.iter().enumerate() {
            let g_last = gw.last().cloned().unwrap_or_default();
            let quality = if words.len() > 1 && gw.len() > words.len() && gw.ends_with(&words) {
                3 // "Aung Hlaing" of "Min Aung Hlaing"
            } else if words.len() > 1 {
                // "Volodymyr Zelenskyy" with "Volodymyr Zelensky", "George Bush" with "George W
                // Bush": every word of the shorter name in the longer, in order, spelt alike;
                // "Ahmad Shah Masood" is not "Ahmad Wali Masood".
                let firsts_agree =
                    same_word(&words[0], &gw[0]) || (words[0].len() == 1 && gw[0].starts_with(&words[0]));
                if gw.len() > 1 && firsts_agree && same_word(&last, &g_last) && name_within(&words, gw) {
                    3
                } else {
                    0
                }
            } else if gw.len() > 1 && last == g_last {
                3
            } else if gw.len() > 1 && gw[..gw.len() - 1].contains(&last) {
                2
            } else if same_word(&last, &g_last) || (gw.len() == 1 && same_word(&last, &gw[0])) {
                1
            } else {
                0
            };
            if quality > 0 {
                let nearest = members.iter().map(|&o| ms[o].start).filter(|&s| s < ms[k].start).max().unwrap_or(0);
                fits.push((g, quality * 1_000_000_000 + nearest));
            }
        }
        match fits.into_iter().max_by_key(|&(_, q)| q) {
            Some((g, _)) => groups[g].1.push(k),
            None => groups.push((words, vec![k])),
        }
    }
    groups.into_iter().map(|(_, m)| m).collect()
}

fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "of" | "the" | "and" | "for" | "&"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

fn cluster_orgs(ms: &[Mention], orgs: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let key = |k: usize| ms[k].org.map_or_else(|| ms[k].norm.clone(), |o| format!("org:{o}"));
    for &k in orgs {
        let kk = key(k);
        if let Some(g) = groups.iter_mut().find(|(gk, _)| *gk == kk) {
            g.1.push(k);
        } else {
            groups.push((kk, vec![k]));
        }
    }
    // An acronym joins the organisation whose initials it spells: "WFP" and "World Food Programme".
    let mut merged: Vec<Vec<usize>> = Vec::new();
    let mut absorbed = vec![false; groups.len()];
    for a in 0..groups.len() {
        let text = &ms[groups[a].1[0]].text;
        let acronym = text.len() >= 2 && text.chars().all(|c| c.is_ascii_uppercase());
        if !acronym || ms[groups[a].1[0]].org.is_some() {
            continue;
        }
        if let Some(b) = (0..groups.len())
            .find(|&b| b != a && !absorbed[b] && groups[b].1.iter().any(|&k| initials(&ms[k].text) == *text))
        {
            let moved = std::mem::take(&mut groups[a].1);
            groups[b].1.extend(moved);
            absorbed[a] = true;
        }
    }
    // A shorter name whose words all belong to one longer name is that organisation:
    // "Defense Ministry" and "the Ministry of Defense" of "Russian Defense Ministry".
    let words = |k: usize| -> Vec<String> {
        ms[k].norm.split(' ').filter(|w| !matches!(*w, "of" | "the" | "and" | "for")).map(str::to_string).collect()
    };
    for a in 0..groups.len() {
        if absorbed[a] || groups[a].1.is_empty() || ms[groups[a].1[0]].org.is_some() {
            continue;
        }
        // A single word joins only the name it ends ("the Commission" of "European Commission").
        let wa = words(groups[a].1[0]);
        let hosts: Vec<usize> = (0..groups.len())
            .filter(|&b| b != a && !absorbed[b])
            .filter(|&b| {
                groups[b].1.iter().any(|&k| {
                    let wb = words(k);
                    let within = if wa.len() == 1 { wb.last() == wa.last() } else { wa.iter().all(|w| wb.contains(w)) };
                    wb.len() > wa.len() && within
                })
            })
            .collect();
        if let [b] = hosts[..] {
            let moved = std::mem::take(&mut groups[a].1);
            groups[b].1.extend(moved);
            absorbed[a] = true;
        }
    }
    for (g, (_, members)) in groups.into_iter().enumerate() {
        // "the Group of eight": a lone generic word that names no organisation of the article
        let generic = members.iter().all(|&k| ms[k].org.is_none() && GENERIC_ORG_WORDS.contains(&ms[k].norm.as_str()));
        if !absorbed[g] && !members.is_empty() && !generic {
            merged.push(members);
        }
    }
    merged
}

/// Words that, alone, say what kind of body something is without naming one.
const GENERIC_ORG_WORDS: &[&str] = &[
    "group",
    "committee",
    "council",
    "commission",
    "ministry",
    "department",
    "agency",
    "authority",
    "board",
    "company",
    "party",
    "government",
    "union",
    "association",
    "organisation",
    "organization",
    "office",
    "bureau",
    "court",
    "parliament",
    "assembly",
    "alliance",
    "coalition",
    "federation",
];

/// "the Australian Federal Police (AFP)": an acronym the article spells out names that
/// organisation, not the listed one that shares it (Agence France-Presse).
fn spelt_out_acronyms(ms: &mut [Mention]) {
    for k in 0..ms.len() {
        let m = &ms[k];
        let acronym = m.text.len() >= 2 && m.text.chars().all(|c| c.is_ascii_uppercase());
        if m.ty != Ty::Org || !acronym || m.org.is_none() {
            continue;
        }
        let spelt = ms.iter().find(|n| n.ty == Ty::Org && n.org != m.org && initials(&n.text) == m.text);
        if let Some(n) = spelt {
            let (org, full) = (n.org, n.text.clone());
            let m = &mut ms[k];
            m.org = org;
            m.evidence.push(format!("acronym of {full:?} in the article"));
        }
    }
}

/// The entity of a group of mentions.
fn build(doc: &Doc, kb: &Kb, ms: &[Mention], resolved: &[Option<Place>], group: &[usize]) -> Entity {
    let first = &ms[group[0]];
    let ty = first.ty;
    let place = group.iter().find_map(|&k| resolved[k]);
    let longest = group
        .iter()
        .max_by_key(|&&k| (ms[k].norm.split(' ').count(), ms[k].text.chars().count(), std::cmp::Reverse(ms[k].start)))
        .map(|&k| ms[k].text.clone())
        .unwrap_or_default();
    let name = match ty {
        Ty::Place => match place {
            Some(_) if first.region_word => singular_region(&longest),
            Some(p) => english_form(p.name),
            None => longest.clone(),
        },
        Ty::Org => first.org.and_then(|o| kb.orgs().get(o)).map_or(longest.clone(), |o| o.name.to_string()),
        _ => longest.clone(),
    };
    let mut aliases: Vec<String> = Vec::new();
    let mut mentions = Vec::new();
    let mut roles: Vec<String> = Vec::new();
    let mut evidence: Vec<String> = Vec::new();
    for &k in group {
        let m = &ms[k];
        if m.text != name && !aliases.contains(&m.text) {
            aliases.push(m.text.clone());
        }
        mentions.push(OutMention { start: m.start, end: m.end, text: m.text.clone() });
        let role = m.roles.join(" ");
        if !role.is_empty() && !roles.contains(&role) {
            roles.push(role);
        }
        for e in &m.evidence {
            if !evidence.contains(e) {
                evidence.push(e.clone());
            }
        }
    }
    // "Pope Francis", "King Charles": a monarch's or pope's title is part of the name English uses.
    let mut name = name;
    if ty == Ty::Person && !name.contains(' ') {
        let regnal =
            roles.iter().filter_map(|r| r.split(' ').next_back()).find(|t| REGNAL.contains(&t.to_lowercase().as_str()));
        if let Some(title) = regnal {
            let full = format!("{title} {name}");
            aliases.retain(|a| *a != name && *a != full);
            aliases.insert(0, std::mem::replace(&mut name, full));
        }
    }
    // "Hatay province" is also called "Hatay", unless another entity of the article is.
    if ty == Ty::Place && first.region_word && place.is_some() {
        let named_by_region_word = |word: &str| mentions::REGION_WORDS.contains(&word.to_lowercase().as_str());
        if let Some((core, _)) = name.rsplit_once(' ').filter(|(_, w)| named_by_region_word(w)) {
            let core_norm = sitrep_kb::normalize(core);
            let taken = ms.iter().any(|m| !m.region_word && m.ty == Ty::Place && m.norm == core_norm)
                || place.is_some_and(|p| {
                    ms.iter().zip(resolved).any(|(m, r)| !m.region_word && r.is_some_and(|r| r.name == p.name))
                });
            if !taken && !aliases.iter().any(|a| a == core) {
                aliases.push(core.to_string());
            }
        }
    }
    if group.len() > 1 && !evidence.iter().any(|e| e.starts_with("merge")) {
        evidence.push(format!("merge:{} mentions", group.len()));
    }
    let mut e =
        Entity { name, kind: ty.as_str().to_string(), aliases, mentions, roles, evidence, ..Default::default() };
    match ty {
        Ty::Place => {
            if let Some(p) = place {
                e.geo = Some(Geo { lat: p.lat, lon: p.lon });
                e.geonames_id = p.geonames_id;
                e.country = (!p.country.is_empty()).then(|| p.country.to_string());
                e.feature = Some(if first.region_word { "region" } else { p.kind.as_str() }.to_string());
                e.evidence.push(format!("gazetteer:{} {} ({})", p.kind.as_str(), p.name, p.country));
                e.acts_for = metonymy(doc, kb, ms, group, &p);
            }
        }
        Ty::Norp => e.acts_for = first.demonym.and_then(|cc| kb.country(cc)).map(|c| c.name.to_string()),
        _ => {}
    }
    e
}

/// Titles that English keeps before a single given name ("Pope Francis", "King Charles").
const REGNAL: &[&str] = &["pope", "king", "queen", "prince", "princess", "emperor", "empress", "sultan", "emir"];

/// "Belgorod and Kursk regions" names the Kursk region.
fn singular_region(name: &str) -> String {
    match name.rsplit_once(' ') {
        Some((head, word))
            if word.len() > 1
                && word.ends_with('s')
                && mentions::REGION_WORDS.contains(&word.to_lowercase().as_str()) =>
        {
            format!("{head} {}", &word[..word.len() - 1])
        }
        _ => name.to_string(),
    }
}

/// A gazetteer name as English news writes it: romanisation marks beyond Latin-1 dropped
/// ("Khān Yūnis" → "Khan Yunis", "Rafaḩ" → "Rafah"), common accents kept ("Bogotá").
fn english_form(name: &str) -> String {
    if name.chars().all(|c| (c as u32) < 0x100) {
        return name.to_string();
    }
    name.chars()
        .filter(|c| !matches!(c, 'ʿ' | 'ʾ' | '‘' | '’'))
        .map(|c| if (c as u32) < 0x100 { c.to_string() } else { deunicode_char(c) })
        .collect()
}

fn deunicode_char(c: char) -> String {
    sitrep_kb::normalize(&c.to_string()).chars().next().map_or_else(String::new, |a| {
        if c.is_uppercase() {
            a.to_ascii_uppercase().to_string()
        } else {
            a.to_string()
        }
    })
}

/// The government a place stands for when it acts: a seat of government always; a capital
/// when it is the subject of a verb of saying or deciding ("Washington has threatened").
fn metonymy(doc: &Doc, kb: &Kb, ms: &[Mention], group: &[usize], p: &Place) -> Option<String> {
    let country = || kb.country(p.country).map(|c| c.name.to_string());
    match p.kind {
        PlaceKind::Seat => country(),
        PlaceKind::City if p.capital => {
            // a dateline ("WASHINGTON (AP) —") says where, not who
            let dateline = |k: usize| {
                let r = &ms[k].tokens;
                let line_start = r.start == 0 || doc.token_text(r.start - 1).contains('\n');
                line_start && r.end < doc.tokens.len() && matches!(doc.token_text(r.end), "," | "(" | "—" | "-")
            };
            let acts = group.iter().any(|&k| !dateline(k) && cues(doc, &ms[k].tokens, &|_| false).speaker);
            if acts {
                country()
            } else {
                None
            }
        }
        _ => None,
    }
}
