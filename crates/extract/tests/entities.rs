//! Entities on spaCy parses of news-style sentences: merging name variants, fixing NER types,
//! resolving misspellings only when context agrees, metonymy and geocoding.

mod support;

use sitrep_extract::entities::{entity_at, entity_named, extract_entities};
use sitrep_extract::Entity;

fn entities(text: &str) -> Vec<Entity> {
    let es = extract_entities(&support::parse(text));
    let chars: Vec<char> = text.chars().collect();
    for e in &es {
        for m in &e.mentions {
            let slice: String = chars[m.start..m.end].iter().collect();
            assert_eq!(slice, m.text, "mention offsets of {:?} point at its text", e.name);
        }
        assert!(e.mentions.windows(2).all(|w| w[0].start < w[1].start), "mentions of {} in text order", e.name);
    }
    es
}

fn named<'a>(es: &'a [Entity], name: &str) -> &'a Entity {
    es.iter().find(|e| e.name == name).unwrap_or_else(|| {
        panic!("no entity {name:?} in {:?}", es.iter().map(|e| (&e.name, &e.kind)).collect::<Vec<_>>())
    })
}

fn of_kind<'a>(es: &'a [Entity], kind: &str) -> Vec<&'a Entity> {
    es.iter().filter(|e| e.kind == kind).collect()
}

fn near(e: &Entity, lat: f64, lon: f64) -> bool {
    e.geo.is_some_and(|g| (g.lat - lat).abs() < 1.0 && (g.lon - lon).abs() < 1.0)
}

fn texts(e: &Entity) -> Vec<&str> {
    e.mentions.iter().map(|m| m.text.as_str()).collect()
}

#[test]
fn name_variants_are_one_person_and_titles_become_roles() {
    let es = entities("President Putin met reporters in Moscow on Friday. Vladimir Putin later told state television that Putin's government would not back down.");
    assert_eq!(of_kind(&es, "PERSON").len(), 1);
    let putin = named(&es, "Vladimir Putin");
    assert_eq!(texts(putin), ["Putin", "Vladimir Putin", "Putin"]);
    assert_eq!(putin.roles, ["President"]);
}

#[test]
fn transliterated_spellings_are_one_person_even_when_the_ner_calls_one_a_place() {
    let es = entities("Ukrainian President Volodymyr Zelenskyy thanked allies in a video address. Zelensky said the talks in Geneva had been useful, and Zelenskyy's office confirmed the meeting.");
    let people = of_kind(&es, "PERSON");
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(texts(people[0]), ["Volodymyr Zelenskyy", "Zelensky", "Zelenskyy"]);
    assert!(es.iter().all(|e| e.name != "Zelenskyy"));
}

#[test]
fn a_name_the_ner_once_calls_an_organisation_is_the_place_it_names_elsewhere() {
    let es = entities(
        "Landslides bury 14 on Mindanao after days of rain\n\nRescuers dug through mud in a village on the southern Philippine island of Mindanao on Sunday, the army said.\n\nMindanao was struck by a strong earthquake in 2023.\n",
    );
    let mindanao: Vec<&Entity> = es.iter().filter(|e| e.name == "Mindanao").collect();
    assert_eq!(mindanao.len(), 1, "{es:#?}");
    assert_eq!((mindanao[0].kind.as_str(), mindanao[0].mentions.len()), ("PLACE", 3));
}

#[test]
fn short_forms_and_full_names_are_one_organisation() {
    let es = entities(
        "The UN warned of famine in Sudan. The United Nations said aid convoys had been blocked near El Fasher.",
    );
    let un = named(&es, "United Nations");
    assert_eq!((un.kind.as_str(), texts(un)), ("ORG", vec!["UN", "United Nations"]));
    // an acronym the organisation list does not know joins the name it spells
    let es = entities("Fighting continued, according to the Syrian Observatory for Human Rights (SOHR). The SOHR said 12 people died in Idlib.");
    let sohr = named(&es, "Syrian Observatory for Human Rights");
    assert_eq!(sohr.mentions.len(), 3);
    assert_eq!(of_kind(&es, "ORG").len(), 1);
}

#[test]
fn partial_names_join_the_full_name() {
    let es = entities(
        "Senior General Min Aung Hlaing visited Naypyidaw on Monday. Min Aung Hlaing promised elections next year.",
    );
    let people = of_kind(&es, "PERSON");
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].name, "Min Aung Hlaing");
    assert_eq!(people[0].roles, ["Senior General"]);
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let es = entities("Joe Biden and Hunter Biden arrived in Delaware on Saturday. Hunter Biden declined to comment.");
    assert_eq!(named(&es, "Joe Biden").mentions.len(), 1);
    assert_eq!(named(&es, "Hunter Biden").mentions.len(), 2);
}

#[test]
fn a_person_or_law_that_the_gazetteer_and_context_say_is_a_city_becomes_a_place() {
    let es = entities(
        "Senior General Min Aung Hlaing visited Naypyidaw on Monday. Min Aung Hlaing promised elections next year.",
    );
    let capital = es.iter().find(|e| texts(e) == ["Naypyidaw"]).expect("Naypyidaw found");
    assert_eq!((capital.kind.as_str(), capital.country.as_deref()), ("PLACE", Some("MM")));
    assert!(near(capital, 19.75, 96.13));

    let es = entities("Russian drones struck Kharkiv overnight, regional governor Oleh Syniehubov said. Russia denied targeting civilians in Kharkiv.");
    let kharkiv = named(&es, "Kharkiv");
    assert_eq!((kharkiv.kind.as_str(), kharkiv.mentions.len()), ("PLACE", 2));
    assert!(near(kharkiv, 50.0, 36.25));
    assert_eq!(named(&es, "Oleh Syniehubov").roles, ["governor"]);

    let es =
        entities("Rescue teams reached Mandalay and Sagaing after the earthquake, Myanmar's military government said.");
    assert_eq!(named(&es, "Mandalay").kind, "PLACE");
    assert_eq!(named(&es, "Sagaing").kind, "PLACE", "coordinated with a place");

    let es = entities(
        "Israeli strikes hit Khan Younis and Rafah in the southern Gaza Strip, the Gaza health ministry said.",
    );
    assert_eq!(named(&es, "Rafah").kind, "PLACE");
    assert!(of_kind(&es, "PERSON").is_empty());
}

#[test]
fn a_country_the_ner_calls_a_person_is_a_place() {
    let es = entities("The IMF approved a loan to Pakistan, while Sri Lanka waited.");
    assert_eq!(named(&es, "Sri Lanka").kind, "PLACE");
    assert_eq!(named(&es, "International Monetary Fund").kind, "ORG");
}

#[test]
fn a_misspelled_place_joins_the_place_when_context_agrees() {
    // The NER misses "Kiev" (the gazetteer finds it) and takes "Kieve" for a person.
    let text = "Missiles hit Kiev before dawn on Sunday. The attack on Kieve killed three people and damaged a hospital, officials said.";
    let es = entities(text);
    let kyiv = named(&es, "Kyiv");
    assert_eq!(texts(kyiv), ["Kiev", "Kieve"]);
    assert_eq!((kyiv.kind.as_str(), kyiv.geonames_id), ("PLACE", Some(703448)));
    assert!(of_kind(&es, "PERSON").is_empty());
    let at = text.find("Kieve").unwrap();
    assert_eq!(entity_at(&es, at, at + 5).map(|e| e.name.as_str()), Some("Kyiv"));
}

#[test]
fn a_similar_name_is_left_alone_when_context_says_person() {
    let es = entities(
        "Missiles struck Kiev overnight. Mr. Keefe, an American aid worker, said he heard the blasts from his hotel.",
    );
    assert_eq!(texts(named(&es, "Kyiv")), ["Kiev"]);
    let keefe = named(&es, "Keefe");
    assert_eq!((keefe.kind.as_str(), keefe.roles.clone()), ("PERSON", vec!["Mr.".to_string()]));
}

#[test]
fn a_misspelled_surname_joins_the_person() {
    let es = entities(
        "Kremlin spokesman Dmitry Peskov told reporters the offer stood. Peskow added that Moscow would wait.",
    );
    assert_eq!(texts(named(&es, "Dmitry Peskov")), ["Dmitry Peskov", "Peskow"]);
}

#[test]
fn nationality_words_are_not_scored_entities_but_stand_for_their_country() {
    let es = entities("Russian drones struck Kharkiv overnight, regional governor Oleh Syniehubov said. Russia denied targeting civilians in Kharkiv.");
    let russian = es.iter().find(|e| texts(e) == ["Russian"]).expect("Russian kept");
    assert_eq!((russian.kind.as_str(), russian.acts_for.as_deref()), ("NORP", Some("Russia")));
    assert_eq!(named(&es, "Russia").mentions.len(), 1, "the adjective is not a mention of the country");
}

#[test]
fn seats_of_government_and_capitals_that_act_stand_for_their_government() {
    let es = entities("The Kremlin said the talks were over. Washington has threatened new sanctions against Moscow.");
    let kremlin = named(&es, "Kremlin");
    assert_eq!((kremlin.kind.as_str(), kremlin.acts_for.as_deref()), ("PLACE", Some("Russia")));
    let washington = named(&es, "Washington");
    assert_eq!((washington.kind.as_str(), washington.acts_for.as_deref()), ("PLACE", Some("United States")));
    assert!(near(washington, 38.9, -77.04));
    assert_eq!(named(&es, "Moscow").acts_for, None, "a place that is acted upon acts for nobody");

    let es = entities("The senator flew to Washington to meet White House officials.");
    assert_eq!(named(&es, "Washington").acts_for, None);
    assert_eq!(named(&es, "White House").acts_for.as_deref(), Some("United States"));
}

#[test]
fn homonyms_are_chosen_by_qualifier_focus_and_size() {
    let es = entities("Governor Greg Abbott spoke in Paris, Texas, on Tuesday, before flying to Austin.");
    let paris = named(&es, "Paris");
    assert_eq!(paris.country.as_deref(), Some("US"));
    assert!(near(paris, 33.66, -95.56));

    let es = entities("Macron returned to Paris after the summit in Brussels.");
    assert!(near(named(&es, "Paris"), 48.86, 2.35));

    let es = entities("Officials in Washington state said wildfires forced evacuations near Spokane.");
    let state = named(&es, "Washington state");
    assert_eq!(state.feature.as_deref(), Some("region"));
    assert!(near(state, 47.4, -121.5) || near(state, 47.0, -120.5));

    let es = entities("Officials in Atlanta, Georgia, said the storm had passed.");
    assert_eq!(named(&es, "Georgia").country.as_deref(), Some("US"));
    let es = entities(
        "Georgia's ruling party won the vote, officials in Tbilisi said, while protesters gathered in central Tbilisi.",
    );
    assert_eq!(named(&es, "Georgia").feature.as_deref(), Some("country"));
    assert_eq!(named(&es, "Tbilisi").mentions.len(), 2);
}

#[test]
fn a_region_named_by_its_city_and_towns_of_the_articles_country() {
    let es =
        entities("Heavy fighting was reported in the Donetsk region, where Russian forces pushed toward Pokrovsk.");
    let region = named(&es, "Donetsk region");
    assert_eq!((region.feature.as_deref(), region.country.as_deref()), (Some("region"), Some("UA")));
    assert_eq!(named(&es, "Pokrovsk").country.as_deref(), Some("UA"));
}

#[test]
fn places_inside_time_spans_and_acronym_organisations() {
    let es = entities("The Ukrainian military said Russia launched 40 drones at Odesa overnight.");
    assert!(near(named(&es, "Odesa"), 46.48, 30.73));
    let es = entities("The European Union and NATO condemned the attack. EU leaders will meet in Brussels.");
    assert_eq!(texts(named(&es, "European Union")), ["European Union", "EU"]);
    assert_eq!(texts(named(&es, "North Atlantic Treaty Organization")), ["NATO"]);
}

#[test]
fn gazetteer_names_are_written_as_english_news_writes_them() {
    let es = entities(
        "Israeli strikes hit Khan Younis and Rafah in the southern Gaza Strip, the Gaza health ministry said.",
    );
    let khan = es.iter().find(|e| texts(e) == ["Khan Younis"]).expect("Khan Younis");
    assert!(khan.name.is_ascii(), "{}", khan.name);
    assert!(named(&es, "Gaza Strip").geo.is_some());
}

#[test]
fn entity_at_prefers_the_mention_that_covers_the_range() {
    let text = "The Kremlin said the talks were over. Washington has threatened new sanctions against Moscow.";
    let es = entities(text);
    let w = text.find("Washington").unwrap();
    assert_eq!(entity_at(&es, w, w + 10).map(|e| e.name.as_str()), Some("Washington"));
    assert_eq!(entity_at(&es, w + 2, w + 4).map(|e| e.name.as_str()), Some("Washington"));
    assert!(entity_at(&es, 17, 22).is_none(), "\"talks\" is no entity");
}

#[test]
fn a_shorter_organisation_name_joins_the_one_name_it_shortens() {
    let es = entities("The Russian Defense Ministry said its air defences downed 30 drones. The Defense Ministry added that two were shot down over Moscow.");
    assert_eq!(texts(named(&es, "Russian Defense Ministry")), ["Russian Defense Ministry", "Defense Ministry"]);
    let es = entities("The National Security Council met on Monday, and the UN Security Council will meet on Friday.");
    assert_eq!(of_kind(&es, "ORG").len(), 2, "two councils stay two");
}

#[test]
fn a_monarch_or_pope_keeps_the_title_english_names_them_by() {
    let es =
        entities("Pope Francis called for a ceasefire in Gaza on Sunday. Francis also prayed for victims in Ukraine.");
    let pope = named(&es, "Pope Francis");
    assert_eq!((pope.mentions.len(), pope.aliases.clone()), (2, vec!["Francis".to_string()]));
    let es =
        entities("King Charles met Prime Minister Keir Starmer at Buckingham Palace. Starmer later flew to Paris.");
    assert_eq!(named(&es, "King Charles").roles, ["King"]);
    assert_eq!(named(&es, "Keir Starmer").mentions.len(), 2, "a prime minister's title stays a role");
}

#[test]
fn countries_the_ner_calls_organisations_or_people_are_places() {
    let es = entities("Azerbaijan and Armenia signed a peace deal.");
    assert_eq!(named(&es, "Armenia").kind, "PLACE");
    let es = entities("Burkina Faso, Mali and Niger left ECOWAS.");
    for country in ["Burkina Faso", "Mali", "Niger"] {
        assert_eq!(named(&es, country).feature.as_deref(), Some("country"), "{country}");
    }
    assert!(of_kind(&es, "PERSON").is_empty());
    assert_eq!(named(&es, "Economic Community of West African States").kind, "ORG", "listed acronym the NER missed");
}

#[test]
fn listed_acronyms_the_ner_missed_are_organisations() {
    let es = entities("Sudan accused the RSF of attacking civilians.");
    let rsf = named(&es, "Rapid Support Forces");
    assert_eq!((rsf.kind.as_str(), texts(rsf)), ("ORG", vec!["RSF"]));
}

#[test]
fn entity_named_finds_by_canonical_name_alias_or_mention() {
    let es = entities("President Putin met reporters in Moscow on Friday. Vladimir Putin later told state television that Putin's government would not back down.");
    assert_eq!(entity_named(&es, "putin").map(|e| e.name.as_str()), Some("Vladimir Putin"));
    assert_eq!(entity_named(&es, "MOSCOW").map(|e| e.kind.as_str()), Some("PLACE"));
    assert!(entity_named(&es, "Kremlin").is_none());
}

#[test]
fn a_dateline_place_the_ner_missed_is_found() {
    let es = entities("KYIV, Ukraine (AP) — Russia launched drones at Kyiv overnight, officials said.");
    let kyiv = named(&es, "Kyiv");
    assert_eq!(texts(kyiv), ["KYIV", "Kyiv"]);
    assert!(near(kyiv, 50.45, 30.52));
}

#[test]
fn a_place_glued_to_a_word_by_scraping_is_found() {
    let text = "onLondon, May 4 -- Britain said on Friday it would send more aid to Sudan.";
    let es = entities(text);
    let london = named(&es, "London");
    assert_eq!((london.mentions[0].start, london.mentions[0].end), (2, 8));
    assert!(near(london, 51.5, -0.13));
    assert_eq!(texts(named(&es, "United Kingdom")), ["Britain"]);
}

#[test]
fn a_title_holder_the_ner_ran_into_the_place_is_split_off() {
    let es = entities("Mayor of Odesa Hennadiy Trukhanov said the port had been hit twice.");
    assert_eq!(named(&es, "Hennadiy Trukhanov").kind, "PERSON");
    assert_eq!(named(&es, "Odesa").kind, "PLACE");
}

#[test]
fn regions_sharing_a_plural_region_word_are_regions_known_by_their_bare_names_too() {
    let es = entities("Fires spread across the Kahramanmaras and Hatay provinces overnight.");
    let hatay = named(&es, "Hatay province");
    assert_eq!((hatay.feature.as_deref(), hatay.country.as_deref()), (Some("region"), Some("TR")));
    assert!(hatay.aliases.contains(&"Hatay".to_string()));
    assert_eq!(named(&es, "Kahramanmaras").feature.as_deref(), Some("region"));
}

#[test]
fn a_nationality_word_that_is_also_a_country_alias_stays_a_nationality_word() {
    let es =
        entities("Thai Prime Minister Paetongtarn Shinawatra visited the site in Bangkok, and Thailand promised help.");
    let thai = es.iter().find(|e| texts(e) == ["Thai"]).expect("Thai kept");
    assert_eq!((thai.kind.as_str(), thai.acts_for.as_deref()), ("NORP", Some("Thailand")));
    assert_eq!(texts(named(&es, "Thailand")), ["Thailand"]);
}

#[test]
fn a_region_named_after_its_city_is_not_the_city() {
    let es = entities("Drones attacked the Kyiv region overnight, and two people were wounded in Kyiv itself.");
    let region = named(&es, "Kyiv region");
    assert_eq!(region.feature.as_deref(), Some("region"));
    assert_eq!(texts(named(&es, "Kyiv")), ["Kyiv"]);
}

#[test]
fn a_name_broken_after_a_particle_is_one_person() {
    let es =
        entities("Commission President Ursula von der Leyen said in Brussels that Europe must protect its industry.");
    assert_eq!(named(&es, "Ursula von der Leyen").kind, "PERSON");
    assert!(of_kind(&es, "PLACE").iter().all(|e| e.name != "Leyen"));
}

#[test]
fn a_state_is_not_a_small_town_of_the_same_name() {
    let es = entities("Farmers in Iowa and Illinois have been hit hard after China stopped buying American soybeans.");
    let iowa = named(&es, "Iowa");
    assert_eq!(iowa.feature.as_deref(), Some("region"));
    assert!(near(iowa, 42.0, -93.5), "{:?}", iowa.geo);
    assert!(near(named(&es, "Illinois"), 40.0, -89.0));
}

#[test]
fn a_name_before_camp_or_city_is_a_place_even_unknown_to_the_gazetteer() {
    let es = entities("Fighters shelled the Kalma camp for a second day, aid workers said.");
    let kalma = named(&es, "Kalma");
    assert_eq!(kalma.kind, "PLACE");
    assert!(kalma.geo.is_none(), "no far-away namesake is guessed: {:?}", kalma.geo);
}

#[test]
fn a_ministers_portfolio_is_part_of_the_title_not_an_organisation() {
    let es = entities("External Affairs Minister Subrahmanyam Jaishankar met his Chinese counterpart in Beijing.");
    assert!(of_kind(&es, "ORG").is_empty(), "{:?}", of_kind(&es, "ORG"));
    assert_eq!(named(&es, "Subrahmanyam Jaishankar").kind, "PERSON");
}

#[test]
fn compass_words_in_either_form_find_the_region() {
    let es = entities("Aid convoys reached North Darfur after weeks of delays.");
    let darfur = es.iter().find(|e| texts(e) == ["North Darfur"]).expect("North Darfur");
    assert_eq!((darfur.country.as_deref(), darfur.feature.as_deref()), (Some("SD"), Some("region")));
}

#[test]
fn a_bare_institution_word_joins_the_one_name_it_ends() {
    let es = entities("The European Commission proposed new tariffs on Tuesday. The Commission said the measures would take effect in July.");
    assert_eq!(texts(named(&es, "European Commission")), ["European Commission", "Commission"]);
}

#[test]
fn country_codes_in_capitals_are_countries_and_a_capitals_dateline_is_the_capital() {
    let es = entities(
        "WASHINGTON (AP) — The UK and the US agreed on Monday to share intelligence, officials in Washington said.",
    );
    assert_eq!(named(&es, "United Kingdom").feature.as_deref(), Some("country"));
    assert_eq!(named(&es, "United States").feature.as_deref(), Some("country"));
    let washington = named(&es, "Washington");
    assert_eq!(texts(washington), ["WASHINGTON", "Washington"]);
    assert!(near(washington, 38.9, -77.04));
}

#[test]
fn first_names_spelt_two_ways_are_one_person() {
    let es = entities("Kremlin spokesman Dmitry Peskov said no meeting was planned. Dmitri Peskov later told Tass that contacts continued.");
    assert_eq!(texts(named(&es, "Dmitry Peskov")), ["Dmitry Peskov", "Dmitri Peskov"]);
    assert_eq!(texts(named(&es, "TASS")), ["Tass"]);
}

#[test]
fn a_bare_name_shared_by_a_region_and_its_city_is_the_city() {
    let es =
        entities("Shelling hit Kherson again on Monday, and the governor of the Kherson region said two people died.");
    let city = named(&es, "Kherson");
    assert_eq!(city.feature.as_deref(), Some("city"));
    assert!(near(city, 46.64, 32.61));
    let region = named(&es, "Kherson region");
    assert!(!region.aliases.contains(&"Kherson".to_string()), "the bare name belongs to the city");
}

#[test]
fn a_lone_name_that_only_modifies_a_plural_noun_is_a_product() {
    let es = entities(
        "Germany pledged more Patriot systems for Ukraine, and Berlin said the launchers would arrive in spring.",
    );
    assert!(of_kind(&es, "PERSON").is_empty(), "{:?}", of_kind(&es, "PERSON"));
    assert_eq!(named(&es, "Berlin").acts_for.as_deref(), Some("Germany"));
}

#[test]
fn compass_named_regions_are_places_and_capitalised_plurals_are_nobody() {
    let es = entities("Bushfires burned across Western Australia and the Northern Territory, while Palm Sunday services went ahead in Perth.");
    assert_eq!(named(&es, "Western Australia").feature.as_deref(), Some("region"));
    assert_eq!(named(&es, "Northern Territory").country.as_deref(), Some("AU"));
    assert!(near(named(&es, "Perth"), -31.95, 115.86), "Perth, Australia");
    assert!(of_kind(&es, "PERSON").is_empty(), "{:?}", of_kind(&es, "PERSON"));
}

fn place_in(es: &[Entity], name: &str, country: &str) -> bool {
    es.iter().any(|e| e.name == name && e.kind == "PLACE" && e.country.as_deref() == Some(country))
}

#[test]
fn small_towns_the_ner_calls_people_or_organisations_are_places_in_place_lists() {
    // after a locative preposition, and listed after it
    let es = entities("Storms cut power to thousands of homes around Armidale, Inverell and Moree, and emergency crews were sent from Newcastle.");
    assert!(place_in(&es, "Armidale", "AU") && place_in(&es, "Inverell", "AU"), "{es:?}");
    // listed with places
    let es = entities("The storm damaged homes in Pymble, Wahroonga, Killara and Gordon, north of Sydney.");
    for town in ["Killara", "Gordon"] {
        assert!(place_in(&es, town, "AU"), "{town}: {es:?}");
    }
    assert!(of_kind(&es, "PERSON").is_empty());
    // "residents of" and "parts of" a list
    let es = entities(
        "Flooding closed roads in the Kiama area and in parts of Shellharbour and Ulladulla in New South Wales.",
    );
    for town in ["Kiama", "Shellharbour", "Ulladulla"] {
        assert!(place_in(&es, town, "AU"), "{town}: {es:?}");
    }
}

#[test]
fn person_evidence_keeps_people_and_countries_out_of_place_lists() {
    let es = entities("The match in Melbourne was watched by Gordon, who said the crowd was quiet.");
    assert_eq!(named(&es, "Gordon").kind, "PERSON");
    let es = entities("Washington said on Monday that talks in Geneva would resume.");
    assert_ne!(named(&es, "Washington").kind, "PLACE");
    let es = entities("Paris Hilton arrived in Sydney on Friday.");
    assert!(es.iter().all(|e| !(e.name.contains("Paris") && e.kind == "PLACE")), "{es:?}");
}

#[test]
fn names_glued_over_a_comma_or_and_are_split_into_the_listed_places() {
    let es = entities("Crews were working in Wahroonga, Killara, Epping and Parramatta late into the night.");
    for town in ["Wahroonga", "Killara", "Epping", "Parramatta"] {
        assert!(place_in(&es, town, "AU"), "{town}: {es:?}");
    }
    assert!(es.iter().all(|e| !e.name.contains(" and ")), "{es:?}");
    // a glued name that is not a list of places stays as it is
    let es = entities("Power was cut around Dubbo, Wellington, Mudgee and Orange, Essential Energy said.");
    assert!(es.iter().all(|e| e.name != "Essential Energy" || e.kind != "PLACE"), "{es:?}");
}

#[test]
fn homonyms_follow_the_country_and_state_of_the_other_places() {
    // Picton is in New Zealand, Canada and New South Wales; its neighbours are in New South Wales
    let es = entities("Firefighters were called to a grass fire near Picton, and residents of Bargo and Tahmoor were told to stay alert.");
    assert!(place_in(&es, "Picton", "AU") && near(named(&es, "Picton"), -34.17, 150.61), "{es:?}");
    // a big English city loses to the Sydney suburb among Sydney suburbs
    let es = entities(
        "The worst damage was in Penrith, Blacktown, Parramatta and Liverpool, the State Emergency Service said.",
    );
    assert!(near(named(&es, "Liverpool"), -33.92, 150.93), "{:?}", named(&es, "Liverpool"));
    // a capital abroad loses to the country town listed with country towns of its state
    let es = entities("Power was cut around Dubbo, Wellington, Mudgee and Orange, Essential Energy said.");
    assert!(near(named(&es, "Wellington"), -32.56, 148.95), "{:?}", named(&es, "Wellington"));
    // but a list of big cities keeps the capital
    let es = entities("Flights to Sydney, Melbourne and Wellington were cancelled.");
    assert!(place_in(&es, "Wellington", "NZ"), "{es:?}");
}

#[test]
fn abbreviated_place_names_find_the_full_name() {
    let es = entities("Police were called to a shopping centre in Mt Druitt, west of Sydney, on Sunday night.");
    let druitt = named(&es, "Mount Druitt");
    assert!(near(druitt, -33.77, 150.82) && texts(druitt) == ["Mt Druitt"], "{druitt:?}");
}

#[test]
fn an_acronym_the_article_spells_out_is_that_organisation() {
    let es = entities(
        "The arrest followed an inquiry by the Australian Federal Police (AFP). The AFP said more arrests were likely.",
    );
    let orgs = of_kind(&es, "ORG");
    assert_eq!(orgs.len(), 1, "{orgs:?}");
    assert_eq!(orgs[0].name, "Australian Federal Police");
    assert_eq!(texts(orgs[0]), ["Australian Federal Police", "AFP", "AFP"]);
    // without the spelt-out name the listed agency stands
    let es = entities("The AFP news agency reported the arrests in Jakarta.");
    assert!(es.iter().any(|e| e.name == "Agence France-Presse"), "{es:?}");
}

#[test]
fn a_given_name_the_ner_left_out_joins_the_person() {
    let es =
        entities("Aqeel Mahmoud Karim, 29, was arrested in Kuala Lumpur last week. Karim will face court on Monday.");
    let people = of_kind(&es, "PERSON");
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].name, "Aqeel Mahmoud Karim");
    // a title before a name stays a role
    let es = entities("Police Commissioner Yusuf Haddad said the arrest was the result of a long inquiry.");
    let haddad = named(&es, "Yusuf Haddad");
    assert!(!haddad.roles.is_empty(), "{haddad:?}");
}

#[test]
fn a_lone_generic_word_is_no_organisation() {
    let es = entities("Britain, France and the Group of eight leading economies urged restraint.");
    assert!(es.iter().all(|e| e.name != "Group"), "{es:?}");
    // the word alone stands for an organisation the article names in full
    let es = entities(
        "The European Commission proposed new rules on Tuesday. The Commission said they would take effect next year.",
    );
    let orgs = of_kind(&es, "ORG");
    assert_eq!(orgs.len(), 1, "{orgs:?}");
    assert_eq!(texts(orgs[0]), ["European Commission", "Commission"]);
}

#[test]
fn valleys_and_parts_of_regions_are_found_under_the_region_name() {
    let es = entities("Troops moved into the Kashmir Valley after the attack, officials in New Delhi said.");
    let valley = named(&es, "Kashmir Valley");
    assert_eq!(valley.country.as_deref(), Some("IN"));
    assert!(near(valley, 33.5, 74.9), "{valley:?}");
    let es = entities("Heavy fighting was reported in Southern Helmand on Tuesday.");
    assert!(near(named(&es, "Southern Helmand"), 31.5, 64.2), "{es:?}");
    // a valley named after a country is not the country
    let es = entities("Farmers in the Jordan Valley said the drought was the worst in decades.");
    assert!(es.iter().all(|e| e.country.as_deref() != Some("JO") || e.name != "Jordan Valley"), "{es:?}");
}

#[test]
fn a_name_after_a_title_is_a_person_even_when_tagged_an_organisation() {
    let es = entities("The plan was welcomed by United Nations envoy Staffan de Mistura and by spokesman Farhan Haq.");
    let envoy = named(&es, "Staffan de Mistura");
    assert_eq!(envoy.kind, "PERSON");
    assert_eq!(envoy.roles, ["envoy"]);
    assert_eq!(named(&es, "United Nations").kind, "ORG");
}

#[test]
fn a_place_that_ends_an_organisation_name_of_the_article_is_that_organisation() {
    let es =
        entities("Swimming Australia says the team is fit. Swimming Australia's Mark Ray says training went well.");
    let body = named(&es, "Swimming Australia");
    assert_eq!(body.kind, "ORG");
    assert_eq!(texts(body), ["Swimming Australia", "Swimming Australia"]);
    assert!(of_kind(&es, "PLACE").is_empty(), "{es:?}");
}
