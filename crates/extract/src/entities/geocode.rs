//! Choosing among homonyms: which "Paris", which "Washington".
//!
//! Each candidate gets a score from its feature kind and population (a capital, a country, a
//! big city are what news means by a bare name), the article's country focus (countries it
//! names, its nationality words, its other places) and an explicit qualifier ("Paris, Texas").

use sitrep_kb::{phonetic_key, Kb, NameHit, Place, PlaceId, PlaceKind};
use std::collections::HashMap;

/// How much the article is about each country (ISO code → weight).
pub(crate) type Focus = HashMap<&'static str, f64>;

/// How much the article's other places lie in each first-level region (region → weight).
pub(crate) type RegionFocus = HashMap<PlaceId, f64>;

/// Whether the article is about country `cc`: it has a quarter of the weight of the country
/// the article is most about (one British town among a dozen Australian places is not focus).
pub(crate) fn in_focus(focus: &Focus, cc: &str) -> bool {
    let top = focus.values().copied().fold(0.0, f64::max);
    focus.get(cc).is_some_and(|&w| w > 0.0 && w >= 0.25 * top)
}

/// The prior score of a place as the referent of a bare name.
fn prior(p: &Place, alternative: bool) -> f64 {
    let pop = (p.population as f64 + 1.0).log10();
    let base = match p.kind {
        PlaceKind::Country | PlaceKind::Continent => 8.5,
        PlaceKind::Seat | PlaceKind::Landmark => 7.0,
        PlaceKind::Region => 2.5 + 0.5 * pop,
        PlaceKind::City => pop + if p.capital { 2.5 } else { 0.0 },
    };
    base - if alternative { 1.5 } else { 0.0 }
}

/// The best candidate for the name `text`, given the article's country and region focus, the
/// places that qualify it (`qualifiers`: places written right after it, "Paris, Texas") and those it
/// qualifies (`within`: places written right before it, "Atlanta, Georgia"); `region_word`
/// says the text named a region ("the Kherson region").
///
/// Unsure readings are left out rather than guessed: an alternative name that neither sounds
/// like the place's main name nor lies in a country of the article ("Victoria" for Hong Kong
/// in an Australian story), and a small town abroad when the article is about other countries.
pub(crate) fn choose(
    kb: &Kb,
    text: &str,
    hits: &[NameHit],
    (focus, regions): (&Focus, &RegionFocus),
    qualifiers: &[Place],
    within: &[Place],
    region_word: bool,
) -> Option<Place> {
    let mut best: Option<(f64, Place)> = None;
    let key = phonetic_key(text);
    let big_city_homonym =
        hits.iter().map(|h| kb.place(h.place)).any(|p| p.kind == PlaceKind::City && p.population >= 100_000);
    let letters = text.chars().filter(char::is_ascii_alphabetic).count();
    let code = (2..=4).contains(&letters) && text.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    let larger: Vec<Place> = hits.iter().map(|h| kb.place(h.place)).filter(|p| p.kind != PlaceKind::City).collect();
    for h in hits {
        let p = kb.place(h.place);
        let contains = |outer: &Place, inner: &Place| {
            (outer.kind == PlaceKind::Country && outer.country == inner.country)
                || (outer.kind == PlaceKind::Region && inner.region == Some(outer.id))
        };
        let qualified = qualifiers.iter().any(|q| contains(q, &p)) || within.iter().any(|w| contains(&p, w));
        let in_focus = in_focus(focus, p.country);
        // an alternative name abroad: a transliteration ("Kiev"), and only of a big city when
        // the article is about other countries
        let major = p.capital || p.population >= 1_000_000;
        let city = p.kind == PlaceKind::City;
        if h.alternative
            && city
            && !in_focus
            && !qualified
            && !(phonetic_key(p.name) == key && (focus.is_empty() || major))
        {
            continue;
        }
        // "UK", "US": a name in capitals is a code of a country or region, not a town "Uk"
        if city && code && !larger.is_empty() {
            continue;
        }
        // a small town, or a small province ("Southern Highlands" of Papua New Guinea), abroad
        let small_town = matches!(p.kind, PlaceKind::City | PlaceKind::Region) && !p.capital && p.population < 100_000;
        if small_town && !focus.is_empty() && !in_focus && !qualified {
            continue;
        }
        let mut score = prior(&p, h.alternative);
        let own_city = || hits.iter().any(|c| !c.alternative && kb.place(c.place).region == Some(p.id));
        if p.kind == PlaceKind::Region && !region_word && (big_city_homonym || own_city()) {
            // a bare "Odessa" or "Kherson" is the city (the region is named after it, or the city
            // is big); the region's name says "region"
            score -= 2.5;
        }
        if let Some(f) = focus.get(p.country) {
            score += (1.5 * (1.0 + f).ln()).min(3.0);
        }
        if qualified {
            score += 6.0;
        }
        // "Campbelltown" among the article's towns of New South Wales is the one there
        let region = if p.kind == PlaceKind::Region { Some(p.id) } else { p.region };
        if let Some(w) = region.and_then(|r| regions.get(&r)) {
            score += (1.5 * (1.0 + w).ln()).min(2.5);
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, p));
        }
    }
    best.map(|(_, p)| p)
}
