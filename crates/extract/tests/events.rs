//! Events on sentences written in the style of news reports, one test per pattern family.
//!
//! Each sentence runs through the real pipeline: sitrep's NLP, then its entity and time
//! extractors, with the article published on Thursday 17 April 2025.

mod support;

use chrono::NaiveDate;
use sitrep_extract::events::extract_events;
use sitrep_extract::{entities, times, Event, Modality};

/// All events of `text`, realised or not.
fn events(text: &str) -> Vec<Event> {
    let doc = support::parse(text);
    let published = NaiveDate::from_ymd_opt(2025, 4, 17);
    let entities = entities::extract_entities(&doc);
    extract_events(&doc, &entities, &times::extract(&doc, published))
}

/// The only event of `kind` in `text`.
fn one(text: &str, kind: &str) -> Event {
    let all = events(text);
    let of_kind: Vec<&Event> = all.iter().filter(|e| e.kind == kind).collect();
    assert_eq!(
        of_kind.len(),
        1,
        "expected one {kind} event in {text:?}, got {all:#?}"
    );
    of_kind[0].clone()
}

/// The first event of `kind` among `all`.
fn one_of<'a>(all: &'a [Event], kind: &str) -> &'a Event {
    all.iter()
        .find(|e| e.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} event in {all:#?}"))
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn attack_stated_by_a_verb_binds_its_own_arguments() {
    let text = "Israeli warplanes struck the Lebanese city of Sidon on Tuesday, the army said.";
    let e = one(text, "attack");
    assert_eq!(e.actors, names(&["Israeli"]));
    assert_eq!(e.targets, names(&["Sidon"]));
    assert_eq!(e.place.as_deref(), Some("Sidon"));
    assert_eq!(e.date.as_deref(), Some("2025-04-15"));
    assert_eq!(e.date_rule.as_deref(), Some("clause"));
    assert_eq!(
        e.date_evidence.as_ref().map(|m| m.text.as_str()),
        Some("Tuesday")
    );
    assert_eq!(e.modality, Modality::Asserted);
    assert_eq!(e.rule, "verb:strike");
    assert_eq!(
        (e.trigger.start, e.trigger.end, e.trigger.text.as_str()),
        (18, 24, "struck")
    );
    assert_eq!((e.sentence.start, e.sentence.end), (0, text.len()));
    // The undated "said" is no statement event.
    assert_eq!(events(text).len(), 1);
}

#[test]
fn attack_stated_by_a_noun() {
    let e = one(
        "The Russian drone attack on Odesa overnight damaged a port building.",
        "attack",
    );
    assert_eq!(e.actors, names(&["Russian"]));
    assert_eq!(e.targets, names(&["Odesa"]));
    assert_eq!(e.place.as_deref(), Some("Odesa"));
    assert_eq!(e.rule, "noun:attack");
    assert_eq!(e.trigger.text, "drone attack");
}

#[test]
fn attacks_by_weapons_and_in_the_passive() {
    let e = one(
        "Russia launched about 80 missiles and 200 drones at Ukraine overnight.",
        "attack",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Russia"]), names(&["Ukraine"]))
    );
    let e = one("Kyiv was shelled on Sunday.", "attack");
    assert_eq!(e.targets, names(&["Kyiv"]));
    assert_eq!(e.place.as_deref(), Some("Kyiv"));
    assert_eq!(e.date.as_deref(), Some("2025-04-13"));
}

#[test]
fn figurative_strikes_and_meetings_are_no_events() {
    assert!(events("The two companies struck a deal on Monday.").is_empty());
    assert!(events("Scholz met the deadline.").is_empty());
}

#[test]
fn a_labour_strike_is_a_protest() {
    let e = one(
        "Teachers began a nationwide strike in Nairobi on Monday.",
        "protest",
    );
    assert_eq!(e.place.as_deref(), Some("Nairobi"));
    assert!(
        events("Teachers began a nationwide strike in Nairobi on Monday.")
            .iter()
            .all(|e| e.kind != "attack")
    );
}

#[test]
fn consultations_by_light_verb_and_by_verb() {
    let e = one(
        "Erdogan held talks with Macron in Ankara on Monday.",
        "consult",
    );
    assert_eq!(e.actors, names(&["Erdogan"]));
    assert_eq!(e.targets, names(&["Macron"]));
    assert_eq!(e.place.as_deref(), Some("Ankara"));
    assert_eq!(e.date.as_deref(), Some("2025-04-14"));
    assert_eq!(e.rule, "noun:talk");
    let e = one("Macron met Scholz in Paris last week.", "consult");
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Macron"]), names(&["Scholz"]))
    );
    assert_eq!(e.place.as_deref(), Some("Paris"));
    assert_eq!(e.date.as_deref(), Some("2025-W15"));
}

#[test]
fn a_future_meeting_is_planned() {
    let e = one(
        "Macron and Scholz will meet in Geneva next month.",
        "consult",
    );
    assert_eq!(e.modality, Modality::Planned);
    assert_eq!(e.actors, names(&["Macron", "Scholz"]));
    assert_eq!(e.place.as_deref(), Some("Geneva"));
}

#[test]
fn condemnation_of_a_noun_event() {
    let text = "German Foreign Minister Annalena Baerbock condemned the shelling of Kharkiv.";
    let d = one(text, "disapprove");
    assert_eq!(d.actors, names(&["Annalena Baerbock"]));
    assert_eq!(d.targets, names(&["Kharkiv"]));
    // A shelling only referred to, with no actor, date or verb of its own, is not reported.
    assert_eq!(events(text).len(), 1);
    let text = "German Foreign Minister Annalena Baerbock condemned the Russian shelling of Kharkiv on Sunday.";
    let a = one(text, "attack");
    assert_eq!(
        (a.actors.clone(), a.targets.clone()),
        (names(&["Russian"]), names(&["Kharkiv"]))
    );
    assert_eq!(a.date.as_deref(), Some("2025-04-13"));
    // Condemning the shelling condemns those who shelled.
    assert_eq!(
        one(text, "disapprove").targets,
        names(&["Kharkiv", "Russian"])
    );
}

#[test]
fn dismay_at_an_attack_disapproves_of_its_authors() {
    let text = "Pope Francis was horrified by the Israeli airstrike on a Gaza school.";
    let d = one(text, "disapprove");
    assert_eq!(d.actors, names(&["Pope Francis"]));
    assert_eq!(d.targets, names(&["Israeli"]));
    let a = one(text, "attack");
    assert_eq!(a.actors, names(&["Israeli"]));
    assert_eq!(a.place.as_deref(), Some("Gaza"));
}

#[test]
fn coercion_by_sanctions_and_arrests() {
    let text = "Washington imposed new sanctions on Iran's oil sector on Friday.";
    let all = events(text);
    assert_eq!(
        all.len(),
        1,
        "the sanctions noun is part of the verb's event: {all:#?}"
    );
    let e = &all[0];
    assert_eq!(
        (e.kind.as_str(), e.rule.as_str()),
        ("coerce", "verb:impose")
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Washington"]), names(&["Iran"]))
    );
    assert_eq!(e.date.as_deref(), Some("2025-04-11"));
    let e = one(
        "Police arrested the opposition leader in Istanbul on Wednesday.",
        "coerce",
    );
    assert_eq!(e.place.as_deref(), Some("Istanbul"));
    assert_eq!(e.date.as_deref(), Some("2025-04-16"));
}

#[test]
fn threats_denials_conditions_and_negation() {
    let text = "China threatened to cut off trade with Australia.";
    let t = one(text, "threaten");
    assert_eq!(
        (t.actors.clone(), t.modality),
        (names(&["China"]), Modality::Asserted)
    );
    let r = one(text, "reduce_relations");
    assert_eq!(r.modality, Modality::Threatened);
    assert_eq!(
        (r.actors.clone(), r.targets.clone()),
        (names(&["China"]), names(&["Australia"]))
    );
    let e = one("Iran denied attacking the tanker.", "attack");
    assert_eq!(
        (e.actors.clone(), e.modality),
        (names(&["Iran"]), Modality::Denied)
    );
    assert_eq!(
        one("If Russia attacks Moldova, NATO will respond.", "attack").modality,
        Modality::Hypothetical
    );
    assert_eq!(
        one("Russia did not attack Moldova.", "attack").modality,
        Modality::Negated
    );
}

#[test]
fn a_cancelled_visit_did_not_happen() {
    let e = one(
        "The storm forced Macron to cancel his visit to Brussels.",
        "consult",
    );
    assert_eq!(e.modality, Modality::Negated);
    assert_eq!(e.actors, names(&["Macron"]));
    assert_eq!(e.place.as_deref(), Some("Brussels"));
}

#[test]
fn appeals_and_demands() {
    let e = one(
        "Pope Leo urged Israel and Hamas to return to negotiations.",
        "appeal",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Pope Leo"]), names(&["Israel", "Hamas"]))
    );
    let e = one("Hungary demanded an apology from Ukraine.", "demand");
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Hungary"]), names(&["Ukraine"]))
    );
}

#[test]
fn aid_and_reduced_relations() {
    let e = one(
        "The United States sent humanitarian aid to Gaza on Tuesday.",
        "aid",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["United States"]), names(&["Gaza"]))
    );
    let e = one(
        "Lithuania expelled three Russian diplomats on Thursday.",
        "reduce_relations",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Lithuania"]), names(&["Russian"]))
    );
    let all = events("Washington suspended military aid to Kyiv.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].kind, "reduce_relations");
    assert_eq!(all[0].targets, names(&["Kyiv"]));
}

#[test]
fn disasters_take_the_clause_of_their_verb() {
    let text = "A magnitude 6.8 earthquake struck western Nepal on Friday night, killing at least 128 people.";
    let all = events(text);
    assert_eq!(
        all.len(),
        1,
        "the quake's strike and killing are the quake: {all:#?}"
    );
    let e = &all[0];
    assert_eq!(e.kind, "disaster");
    assert_eq!(e.targets, names(&["Nepal"]));
    assert_eq!(e.date.as_deref(), Some("2025-04-11TNI"));
}

#[test]
fn later_mentions_of_a_disaster_merge_into_it() {
    let all = events(
        "A powerful earthquake hit southern Turkey on Monday. The quake also shook northern Syria.",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    let e = &all[0];
    assert_eq!(e.targets, names(&["Turkey", "Syria"]));
    assert_eq!(e.date.as_deref(), Some("2025-04-14"));
    assert_eq!(
        e.mentions
            .iter()
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>(),
        vec!["quake"]
    );
}

#[test]
fn other_categories() {
    let e = one("Chile held a presidential election on Sunday.", "election");
    assert_eq!(
        (e.actors.clone(), e.date.as_deref()),
        (names(&["Chile"]), Some("2025-04-13"))
    );
    assert_eq!(
        one(
            "Moscow has deployed 10,000 troops near the border.",
            "mobilize"
        )
        .actors,
        names(&["Moscow"])
    );
    assert_eq!(
        one(
            "Thousands of protesters marched through Tbilisi on Sunday.",
            "protest"
        )
        .place
        .as_deref(),
        Some("Tbilisi")
    );
    let e = one(
        "The European Commission launched an investigation into TikTok on Tuesday.",
        "investigate",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["European Commission"]), names(&["TikTok"]))
    );
    assert_eq!(
        one("Ukraine rejected the proposal on Monday.", "reject").actors,
        names(&["Ukraine"])
    );
    let e = one(
        "Hamas released three Israeli hostages on Saturday.",
        "yield",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Hamas"]), names(&["Israeli"]))
    );
    let e = one(
        "Armenia and Azerbaijan signed a peace agreement in Washington.",
        "cooperate",
    );
    assert_eq!(
        (e.actors.clone(), e.place.as_deref()),
        (names(&["Armenia", "Azerbaijan"]), Some("Washington"))
    );
    assert_eq!(
        one("Japan pledged to double its defence budget.", "intend").actors,
        names(&["Japan"])
    );
    // An offer or agreement to act is an intent (CAMEO 03), the act itself only planned.
    let all = events("On Friday, Pakistan offered to hold talks with India in Kathmandu.");
    let intend: Vec<&Event> = all.iter().filter(|e| e.kind == "intend").collect();
    assert_eq!(intend.len(), 1, "{all:#?}");
    assert_eq!(
        (intend[0].actors.clone(), intend[0].date.as_deref()),
        (names(&["Pakistan"]), Some("2025-04-11"))
    );
    assert!(all
        .iter()
        .filter(|e| e.kind == "consult")
        .all(|e| e.modality != Modality::Asserted));
    assert_eq!(
        one("Hamas agreed to release the hostages.", "intend").actors,
        names(&["Hamas"])
    );
    let e = one(
        "On Friday, Nikol Pashinyan said he was willing to meet Ilham Aliyev in Geneva.",
        "intend",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone(), e.date.as_deref()),
        (
            names(&["Nikol Pashinyan"]),
            names(&["Ilham Aliyev"]),
            Some("2025-04-11")
        )
    );
    let e = one(
        "Armenia is prepared to respond with force to any attack, Nikol Pashinyan said.",
        "threaten",
    );
    assert_eq!(e.actors, names(&["Armenia"]));
    for text in [
        "The ministers agreed that the talks had been useful.",
        "The new runway will be ready by March.",
        "Germany offered help to the flood victims.",
    ] {
        assert!(
            events(text).iter().all(|e| e.kind != "intend"),
            "{text}: {:#?}",
            events(text)
        );
    }
}

#[test]
fn denying_an_accusation_is_a_statement_denying_a_request_a_rejection() {
    let e = one("Serbia denied the allegation.", "statement");
    assert_eq!(e.actors, names(&["Serbia"]));
    let e = one("Serbia denied the request for talks.", "reject");
    assert_eq!(e.actors, names(&["Serbia"]));
}

#[test]
fn statements_are_events_only_when_dated() {
    let e = one(
        "Armenia's foreign minister Ararat Mirzoyan warned on Saturday that the dispute was growing.",
        "statement",
    );
    assert_eq!(e.actors, names(&["Ararat Mirzoyan"]));
    let e = one(
        "The Kremlin said on Monday that the talks would continue.",
        "statement",
    );
    assert_eq!(
        (e.actors.clone(), e.date.as_deref()),
        (names(&["Kremlin"]), Some("2025-04-14"))
    );
    assert!(events("The Kremlin said that the talks would continue.")
        .iter()
        .all(|e| e.kind != "statement"));
}

#[test]
fn dates_from_governing_clauses_and_the_paragraph() {
    let e = one(
        "On Friday, officials said Russian forces had shelled Kherson.",
        "attack",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Russian"]), names(&["Kherson"]))
    );
    assert_eq!(
        (e.date.as_deref(), e.date_rule.as_deref()),
        (Some("2025-04-11"), Some("governing-clause"))
    );
    let e = one(
        "Heavy fighting broke out on March 3. Russian forces shelled Kherson.",
        "attack",
    );
    assert_eq!(
        (e.date.as_deref(), e.date_rule.as_deref()),
        (Some("2025-03-03"), Some("paragraph"))
    );
}

#[test]
fn an_event_before_or_after_a_clause_does_not_take_its_date() {
    let e = one(
        "Two days after the Russian attack on Kherson, Zelensky visited the city on Friday.",
        "attack",
    );
    assert_eq!(e.targets, names(&["Kherson"]));
    assert_eq!(e.date, None);
}

#[test]
fn pronouns_resolve_to_recent_people_but_not_to_their_own_subject() {
    let e = one("Zelensky met Biden in Washington on Thursday. He urged him to send more air defence systems.", "appeal");
    assert_eq!(e.actors, names(&["Zelensky"]));
    assert_eq!(e.targets, names(&["Biden"]));
}

#[test]
fn it_resolves_to_the_organisation_or_place_that_was_the_latest_subject() {
    let e = one(
        "The Kremlin said on Friday that it had no plans for talks. It accused Ukraine of shelling Kursk.",
        "disapprove",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Kremlin"]), names(&["Ukraine"]))
    );
    // The latest subject is no organisation: "it" stays unresolved, and the event, with no
    // one left in it, is dropped.
    assert!(
        events("The storm hit Florida on Monday. It destroyed dozens of homes.")
            .iter()
            .all(|e| e.kind != "attack")
    );
    let e = one(
        "Ukraine said the strike was deliberate. It accused Russia of war crimes.",
        "disapprove",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (vec![], names(&["Russia"])),
        "the strike, not Ukraine, was the latest subject"
    );
}

#[test]
fn a_definite_mention_naming_only_a_place_says_where_the_earlier_event_was() {
    let all = events(
        "Steve Witkoff met Vladimir Putin on Tuesday. The meeting in Saint Petersburg lasted five hours.",
    );
    let consult: Vec<&Event> = all.iter().filter(|e| e.kind == "consult").collect();
    assert_eq!(consult.len(), 1, "{all:#?}");
    assert_eq!(
        (consult[0].actors.clone(), consult[0].place.as_deref()),
        (names(&["Steve Witkoff"]), Some("Saint Petersburg"))
    );
    // A verb whose object refers back ("the agreement was signed") does the same.
    let all = events(
        "Rival Sudanese factions signed a peace agreement on Friday. The agreement was signed in Jeddah before Saudi officials.",
    );
    let cooperate: Vec<&Event> = all.iter().filter(|e| e.kind == "cooperate").collect();
    assert_eq!(cooperate.len(), 1, "{all:#?}");
    assert_eq!(cooperate[0].place.as_deref(), Some("Jeddah"));
    // An event that already says where is another one.
    let all = events(
        "Steve Witkoff met Vladimir Putin in Moscow on Tuesday. The meeting in Saint Petersburg lasted five hours.",
    );
    let met = one_of(&all, "consult");
    assert_eq!(met.place.as_deref(), Some("Moscow"));
    assert!(
        !met.targets.iter().any(|t| t == "Saint Petersburg"),
        "{met:#?}"
    );
}

#[test]
fn a_definite_title_stands_for_the_person_the_article_gave_it() {
    let e = one(
        "Foreign Minister Annalena Baerbock arrived in Kyiv on Monday. The minister condemned the Russian strike on Odesa.",
        "disapprove",
    );
    assert_eq!(e.actors, names(&["Annalena Baerbock"]));
    let e = one(
        "US envoy Steve Witkoff landed in Doha. On Tuesday the US envoy threatened to leave the talks.",
        "threaten",
    );
    assert_eq!(e.actors, names(&["Steve Witkoff"]), "not the United States");
    // A title nobody in the article holds is no one.
    let all = events("The minister condemned the Russian strike on Odesa.");
    assert!(
        all.iter().all(|e| e.actors.iter().all(|a| a == "Russian")),
        "{all:#?}"
    );
}

#[test]
fn a_disaster_threatens_no_one_in_the_sense_of_a_threat() {
    for text in [
        "On Monday a new bushfire was threatening homes in Penrith.",
        "On Monday a fire in the west was threatening properties in Penrith.",
    ] {
        let all = events(text);
        assert!(all.iter().all(|e| e.kind != "threaten"), "{all:#?}");
    }
    let e = one("On Monday Hamas threatened Israel.", "threaten");
    assert_eq!(e.actors, names(&["Hamas"]));
}

#[test]
fn an_event_noun_modifying_another_noun_is_no_event() {
    assert!(events("The storm clean-up in Sydney resumed on Monday.").is_empty());
}

#[test]
fn figurative_meetings_are_no_events() {
    assert!(events("The proposal was met with scepticism in Brussels.").is_empty());
    assert!(events("The money was used to meet Hungary's debts.").is_empty());
}

#[test]
fn capturing_a_place_is_an_attack_capturing_people_coerces() {
    let e = one(
        "Russian forces captured the eastern town of Pokrovsk on Saturday.",
        "attack",
    );
    assert_eq!(
        (e.actors.clone(), e.place.as_deref()),
        (names(&["Russian"]), Some("Pokrovsk"))
    );
    let e = one("Ukrainian troops captured two Russian soldiers.", "coerce");
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Ukrainian"]), names(&["Russian"]))
    );
}

#[test]
fn relative_pronouns_and_firsts() {
    let text =
        "The Kremlin hosted Witkoff, who became the first US envoy to visit Moscow this year.";
    // Hosting the envoy and his visit are one meeting.
    let all: Vec<Event> = events(text)
        .into_iter()
        .filter(|e| e.kind == "consult")
        .collect();
    assert_eq!(all.len(), 1, "{all:#?}");
    let e = &all[0];
    assert!(e.actors.contains(&"Witkoff".to_string()), "{e:#?}");
    assert_eq!(e.place.as_deref(), Some("Moscow"));
    assert!(e.mentions.iter().any(|m| m.text == "visit"), "{e:#?}");
    // "the first envoy to visit" states a visit that happened.
    assert_eq!(e.modality, Modality::Asserted);
}

#[test]
fn a_nationality_acts_as_its_country_when_the_article_names_it() {
    let text = "Russia denies targeting civilians. The Russians shelled Kherson overnight.";
    let shelled: Vec<Event> = events(text)
        .into_iter()
        .filter(|e| e.rule == "verb:shell")
        .collect();
    assert_eq!(shelled.len(), 1);
    assert_eq!(shelled[0].actors, names(&["Russia"]));
    // Without the country in the article, the nationality stands as it is.
    let e = one("Ukrainian troops captured two Russian soldiers.", "coerce");
    assert_eq!(e.actors, names(&["Ukrainian"]));
}

#[test]
fn a_meeting_frames_the_clause_it_opens() {
    let e = one(
        "During talks in Ankara on Monday, Erdogan told Macron that the war must end.",
        "consult",
    );
    assert_eq!(e.actors, names(&["Erdogan"]));
    assert_eq!(e.targets, names(&["Macron"]));
    assert_eq!(
        (e.place.as_deref(), e.date.as_deref()),
        (Some("Ankara"), Some("2025-04-14"))
    );
}

#[test]
fn a_possessed_mention_refers_back() {
    let e = one(
        "Macron visited Kyiv on Monday. His visit was the first by a French leader since 2022.",
        "consult",
    );
    assert_eq!(
        e.mentions
            .iter()
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>(),
        vec!["visit"]
    );
    assert_eq!(e.date.as_deref(), Some("2025-04-14"));
}

#[test]
fn compounds_of_strikes_name_the_place_struck_or_the_striker() {
    let e = one(
        "US air strikes on Sunday killed 20 fighters near Kandahar.",
        "attack",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["United States"]), vec![])
    );
    assert_eq!(e.date.as_deref(), Some("2025-04-13"));
    let e = one(
        "The attack on Kharkiv on Tuesday killed nine people.",
        "attack",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (vec![], names(&["Kharkiv"]))
    );
    assert_eq!(e.place.as_deref(), Some("Kharkiv"));
}

#[test]
fn only_people_organisations_places_and_nationalities_take_part() {
    let e = one(
        "The September 11, 2001 attacks on New York changed air travel for ever.",
        "attack",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (vec![], names(&["New York"]))
    );
    assert_eq!(e.date.as_deref(), Some("2001-09-11"));
}

#[test]
fn trophies_and_races_are_neither_captives_nor_elections() {
    assert!(events("Blake captured the trophy in 1994.").is_empty());
    assert!(events("Blake won the Whitbread round-the-world race in 1990.").is_empty());
}

#[test]
fn pronouns_inside_quotations_are_left_unresolved() {
    let text = "Biden met Zelensky on Thursday. \"He urged us to send more air defence systems,\" an aide said.";
    assert!(
        events(text).iter().all(|e| e.kind != "appeal"),
        "{:#?}",
        events(text)
    );
}

#[test]
fn the_dateline_is_where_the_story_was_filed() {
    let e = one(
        "KABUL, March 4 (Reuters) - Pakistan launched air strikes on Afghanistan overnight.",
        "attack",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Pakistan"]), names(&["Afghanistan"]))
    );
    let all =
        events("LIMA, Peru (AP) — A magnitude 7.0 earthquake struck southern Peru on Monday.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(
        (all[0].kind.as_str(), all[0].targets.clone()),
        ("disaster", names(&["Peru"]))
    );
}

#[test]
fn condemning_later_mentions_targets_the_attackers() {
    let all = events("Russia struck Odesa with drones on Monday. Zelensky condemned the attacks.");
    let d: Vec<&Event> = all.iter().filter(|e| e.kind == "disapprove").collect();
    assert_eq!(d.len(), 1, "{all:#?}");
    assert_eq!(d[0].targets, names(&["Russia"]));
}

#[test]
fn weapons_fired_by_the_attacker_are_the_same_attack() {
    let text = "Russia launched a missile attack on Kyiv on Monday. Russia fired 40 missiles, the air force said.";
    let e = one(text, "attack");
    assert_eq!(
        e.mentions
            .iter()
            .map(|m| m.text.as_str())
            .collect::<Vec<_>>(),
        vec!["fired"]
    );
}

#[test]
fn a_meeting_named_beside_the_person_met() {
    let e = one(
        "Secretary of State Marco Rubio met Wang Yi in Kuala Lumpur on Friday, their first talks this year.",
        "consult",
    );
    assert_eq!(
        (e.actors.clone(), e.targets.clone()),
        (names(&["Marco Rubio"]), names(&["Wang Yi"]))
    );
    assert_eq!(e.place.as_deref(), Some("Kuala Lumpur"));
}

#[test]
fn abductions_are_assaults() {
    let e = one(
        "Gunmen kidnapped 20 students in Zamfara on Friday.",
        "attack",
    );
    assert_eq!(
        (e.place.as_deref(), e.rule.as_str()),
        (Some("Zamfara"), "verb:kidnap")
    );
}

#[test]
fn participle_clauses_of_the_same_type_are_part_of_the_event() {
    let all = events(
        "The EU imposed sanctions on Belarus on Monday, freezing assets and banning travel.",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(
        (all[0].kind.as_str(), all[0].rule.as_str()),
        ("coerce", "verb:impose")
    );
}

#[test]
fn a_date_that_bounds_another_clause_is_not_the_sentence_date() {
    let e = one(
        "Russian forces have shelled Kherson since the city was liberated in November.",
        "attack",
    );
    assert_eq!(e.date, None);
}

#[test]
fn a_welcome_and_the_visit_it_receives_are_one_meeting() {
    let text = "On Tuesday, Chancellor Olaf Scholz welcomed Emmanuel Macron, who visited Berlin for the first time this year.";
    let all: Vec<Event> = events(text)
        .into_iter()
        .filter(|e| e.kind == "consult")
        .collect();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert!(
        all[0].actors.contains(&"Olaf Scholz".to_string()),
        "{all:#?}"
    );
}

#[test]
fn a_later_possessed_mention_by_the_same_visitor_refers_back() {
    let text = "Emmanuel Macron visited Kyiv on Monday. Two days after Macron's visit to Ukraine, Russian drones struck Odesa.";
    let all: Vec<Event> = events(text)
        .into_iter()
        .filter(|e| e.kind == "consult")
        .collect();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].date.as_deref(), Some("2025-04-14"));
}
