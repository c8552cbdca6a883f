//! The embedded gazetteer: names, homonyms, demonyms, organisations, fuzzy spelling.

use sitrep_kb::{Kb, Place, PlaceKind};

fn places(name: &str) -> Vec<Place> {
    let kb = Kb::get();
    kb.lookup(name).into_iter().map(|h| kb.place(h.place)).collect()
}

fn biggest(name: &str, kind: PlaceKind) -> Place {
    places(name).into_iter().filter(|p| p.kind == kind).max_by_key(|p| p.population).unwrap()
}

#[test]
fn old_spellings_find_the_standard_name() {
    let kyiv = biggest("Kiev", PlaceKind::City);
    assert_eq!((kyiv.name, kyiv.country, kyiv.geonames_id), ("Kyiv", "UA", Some(703448)));
    assert!(kyiv.capital);
    assert!((kyiv.lat - 50.45).abs() < 0.05 && (kyiv.lon - 30.52).abs() < 0.05);
    assert_eq!(biggest("Sumi", PlaceKind::City).name, "Sumy");
    assert_eq!(biggest("Burma", PlaceKind::Country).name, "Myanmar");
}

#[test]
fn homonyms_are_all_listed() {
    let paris = places("Paris");
    assert!(paris.iter().any(|p| p.country == "FR" && p.kind == PlaceKind::City));
    assert!(paris.iter().any(|p| p.country == "US" && p.kind == PlaceKind::City));
    let washington = places("Washington");
    assert!(washington.iter().any(|p| p.country == "US" && p.capital));
    assert!(washington.iter().any(|p| p.kind == PlaceKind::Region && p.country == "US"));
}

#[test]
fn countries_by_codes_and_common_names() {
    let kb = Kb::get();
    for name in ["U.S.", "US", "United States of America", "America"] {
        assert!(places(name).iter().any(|p| p.kind == PlaceKind::Country && p.country == "US"), "{name}");
    }
    assert_eq!(kb.country("RU").unwrap().name, "Russia");
    assert!(places("Russian Federation").iter().any(|p| p.country == "RU" && p.kind == PlaceKind::Country));
    let tx = biggest("Texas", PlaceKind::Region);
    let city = places("Houston").into_iter().find(|p| p.country == "US").unwrap();
    assert_eq!(city.region, Some(tx.id));
}

#[test]
fn seats_of_government_and_continents() {
    let kremlin = biggest("Kremlin", PlaceKind::Seat);
    assert_eq!(kremlin.country, "RU");
    assert_eq!(biggest("Europe", PlaceKind::Continent).name, "Europe");
}

#[test]
fn nationality_words_stand_for_countries() {
    let kb = Kb::get();
    assert_eq!(kb.demonym("Ukrainian"), Some("UA"));
    assert_eq!(kb.demonym("Russians"), Some("RU"));
    assert_eq!(kb.demonym("Israelis"), Some("IL"));
    assert_eq!(kb.demonym("Kyiv"), None);
}

#[test]
fn organisations_by_short_form_but_acronyms_only_in_capitals() {
    let kb = Kb::get();
    assert_eq!(kb.org("U.N.").unwrap().name, "United Nations");
    assert_eq!(kb.org("the United Nations").unwrap().name, "United Nations");
    assert_eq!(kb.org("G-7").unwrap().name, "G7");
    assert_eq!(kb.org("WHO").unwrap().name, "World Health Organization");
    assert!(kb.org("who").is_none());
    assert_eq!(kb.org("Tass").unwrap().name, "TASS", "listed in both cases");
}

#[test]
fn fuzzy_names_within_edits() {
    let kb = Kb::get();
    let near = kb.fuzzy("Zaporizhzhya", 1);
    assert!(near.iter().any(|(_, hits)| hits.iter().any(|h| kb.place(h.place).name.starts_with("Zapor"))));
    assert!(kb.fuzzy("Gaz", 1).is_empty(), "short names get no fuzzy matches");
}

#[test]
fn places_by_country_are_largest_first() {
    let kb = Kb::get();
    let ua: Vec<Place> = kb.places_in("UA").filter(|p| p.kind == PlaceKind::City).take(3).collect();
    assert_eq!(ua[0].name, "Kyiv");
    assert!(ua[0].population >= ua[1].population && ua[1].population >= ua[2].population);
}
