//! Counts on sentences written in the style of news reports, one test per pattern family.

mod support;

use sitrep_extract::counts::{extract_counts, link_events};
use sitrep_extract::{Count, Event, Mention, Modality, TextSpan};
use std::ops::Range;

fn counts_of(text: &str) -> Vec<Count> {
    extract_counts(&support::parse(text))
}

/// (kind, value) pairs found in `text`, in text order.
fn counts(text: &str) -> Vec<(String, u64)> {
    counts_of(text)
        .into_iter()
        .map(|c| (c.kind, c.value))
        .collect()
}

/// Asserts that `text` has exactly the counts `want`, as (kind, value) pairs in text order.
#[track_caller]
fn assert_counts(text: &str, want: &[(&str, u64)]) {
    let want: Vec<(String, u64)> = want.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    assert_eq!(counts(text), want, "in {text:?}");
}

/// An asserted event of `kind` triggered by `text[trigger]`, in the sentence `text[sentence]`.
fn event(text: &str, kind: &str, trigger: Range<usize>, sentence: Range<usize>) -> Event {
    Event {
        kind: kind.to_string(),
        date: None,
        actors: vec![],
        targets: vec![],
        place: None,
        modality: Modality::Asserted,
        trigger: Mention {
            start: trigger.start,
            end: trigger.end,
            text: text[trigger].to_string(),
        },
        sentence: TextSpan {
            start: sentence.start,
            end: sentence.end,
        },
        rule: "test".to_string(),
        date_evidence: None,
        date_rule: None,
        mentions: vec![],
    }
}

#[test]
fn objects_of_casualty_verbs_and_their_parts() {
    let text = "Two missiles struck the city centre, killing at least 34 people and injuring 117, including 15 children.";
    let found = counts_of(text);
    let got: Vec<(&str, u64)> = found.iter().map(|c| (c.kind.as_str(), c.value)).collect();
    assert_eq!(
        got,
        vec![
            ("missiles", 2),
            ("killed", 34),
            ("injured", 117),
            ("injured", 15)
        ]
    );
    assert_eq!(found[1].qualifier.as_deref(), Some("at least"));
    assert_eq!(found[1].text, "killing at least 34 people");
    assert_eq!(&text[found[1].start..found[1].end], found[1].text);
    assert_eq!(found[1].rule, "count:object-of:kill");
    // The children are among the injured, not a count of their own.
    assert_eq!(found[3].parent, Some(2));
    assert_eq!(found[2].parent, None);
    assert_eq!(
        found[0].sentence,
        TextSpan {
            start: 0,
            end: text.len()
        }
    );
}

#[test]
fn subjects_of_passive_and_elided_verbs() {
    let found = counts_of("More than 20 people were killed and 50 wounded when a car bomb exploded at a market in the capital.");
    let got: Vec<(&str, u64, Option<&str>)> = found
        .iter()
        .map(|c| (c.kind.as_str(), c.value, c.qualifier.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![("killed", 20, Some("more than")), ("injured", 50, None)]
    );
    assert_counts(
        "Officials said 40 people have been found dead and another 300 injured.",
        &[("killed", 40), ("injured", 300)],
    );
    assert_counts("Twenty-five people were killed.", &[("killed", 25)]);
}

#[test]
fn subjects_of_intransitive_verbs_and_complements() {
    assert_eq!(
        counts("A Ukrainian official said 34 people died, among them two children.").first(),
        Some(&("killed".to_string(), 34))
    );
    assert_counts(
        "A dozen miners remain missing after the collapse.",
        &[("missing", 12)],
    );
    assert_counts(
        "The floods have displaced nearly 2 million people and left 300 dead.",
        &[("displaced", 2_000_000), ("killed", 300)],
    );
    assert_counts(
        "He reported an initial 144 people found dead.",
        &[("killed", 144)],
    );
    assert_counts(
        "Authorities evacuated more than 3,000 residents and at least 12 people remain missing.",
        &[("evacuated", 3000), ("missing", 12)],
    );
    // People named by a compound, an agent noun or a nationality.
    assert_counts(
        "Two schoolgirls died when a tree fell on their car.",
        &[("killed", 2)],
    );
    assert_counts(
        "Gunmen opened fire on a bus, wounding three Jewish settlers.",
        &[("injured", 3)],
    );
    assert_counts(
        "Troops killed 14 separatists near the border.",
        &[("killed", 14)],
    );
    // Not people.
    assert_counts(
        "The strike wounded two horses and destroyed 12 containers.",
        &[],
    );
}

#[test]
fn result_complements_and_orders_of_magnitude() {
    let found = counts_of("The strike left 12 people dead and dozens wounded.");
    let got: Vec<(&str, u64, bool)> = found
        .iter()
        .map(|c| (c.kind.as_str(), c.value, c.approximate))
        .collect();
    assert_eq!(got, vec![("killed", 12, false), ("injured", 24, true)]);
    let found = counts_of("Police detained dozens of protesters in the capital on Saturday.");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].kind.as_str(), found[0].value, found[0].approximate),
        ("detained", 24, true)
    );
    let found =
        counts_of("Tens of thousands of people rallied in the capital against the government.");
    assert_eq!(
        (found[0].kind.as_str(), found[0].value, found[0].approximate),
        ("protesters", 20_000, true)
    );
}

#[test]
fn other_kinds_by_verb() {
    assert_counts(
        "Gunmen abducted 25 students from a school in the north on Friday.",
        &[("kidnapped", 25)],
    );
    assert_counts(
        "The outbreak has sickened 150 people in three states.",
        &[("sickened", 150)],
    );
    assert_counts(
        "The floods forced more than 10,000 people from their homes.",
        &[("displaced", 10_000)],
    );
    let found = counts_of("Some 1.5 million people have been affected by the drought.");
    assert_eq!(
        (found[0].kind.as_str(), found[0].value),
        ("affected", 1_500_000)
    );
    assert_eq!(found[0].qualifier.as_deref(), Some("some"));
    // A finite verb after an infinitive is not part of the purpose.
    assert_counts(
        "Police fired tear gas to break up the march and arrested 40 people.",
        &[("detained", 40)],
    );
    assert_counts(
        "Police arrested more than two dozen militants from banned groups.",
        &[("detained", 24)],
    );
}

#[test]
fn kinds_carried_by_the_counted_noun() {
    assert_counts(
        "Russia launched about 80 missiles and 200 drones at Ukraine overnight.",
        &[("missiles", 80), ("drones", 200)],
    );
    assert_counts(
        "Moscow has deployed 10,000 troops near the border.",
        &[("troops", 10_000)],
    );
    assert_counts("Police said they had made 45 arrests.", &[("detained", 45)]);
    assert_counts("Hamas is still holding 59 hostages.", &[("kidnapped", 59)]);
}

#[test]
fn tolls() {
    assert_counts(
        "The death toll has risen to 1,200, officials said.",
        &[("killed", 1200)],
    );
    assert_counts("The number of dead has climbed to 310.", &[("killed", 310)]);
    assert_counts("The ministry put the death toll at 48.", &[("killed", 48)]);
    let found = counts_of(
        "The death toll from the blast rose to 57, including 12 women and eight children.",
    );
    let got: Vec<(&str, u64, Option<usize>)> = found
        .iter()
        .map(|c| (c.kind.as_str(), c.value, c.parent))
        .collect();
    assert_eq!(
        got,
        vec![
            ("killed", 57, None),
            ("killed", 12, Some(0)),
            ("killed", 8, Some(0))
        ]
    );
}

#[test]
fn shares_of_a_count_stated_with_them() {
    let found = counts_of("The flash flood killed 18 hikers, 12 of them Britons.");
    let got: Vec<(&str, u64, Option<usize>)> = found
        .iter()
        .map(|c| (c.kind.as_str(), c.value, c.parent))
        .collect();
    assert_eq!(got, vec![("killed", 18, None), ("killed", 12, Some(0))]);
}

#[test]
fn a_revised_toll_updates_the_first() {
    let mut found = counts_of(
        "At least 9 people were killed, the ministry said. Later it revised the toll to 8.",
    );
    let got: Vec<(&str, u64)> = found.iter().map(|c| (c.kind.as_str(), c.value)).collect();
    assert_eq!(got, vec![("killed", 9), ("killed", 8)]);
    link_events(&mut found, &[]);
    assert_eq!(found[0].updates, None);
    assert_eq!(found[1].updates, Some(0));
}

#[test]
fn a_toll_stated_alone_is_the_toll_of_the_event_counted_before() {
    let text = "The earthquake killed 30 people on Monday. The death toll rose to 41 on Tuesday.";
    let mut found = counts_of(text);
    let quake = event(text, "disaster", 4..14, 0..42);
    link_events(&mut found, &[quake]);
    let got: Vec<(u64, Option<usize>, Option<usize>)> = found
        .iter()
        .map(|c| (c.value, c.event, c.updates))
        .collect();
    assert_eq!(got, vec![(30, Some(0), None), (41, Some(0), Some(0))]);
}

#[test]
fn counts_link_to_the_event_of_their_sentence() {
    let text = "Two missiles struck the city centre, killing at least 34 people and injuring 117, including 15 children.";
    let mut found = counts_of(text);
    let sentence = 0..text.len();
    let statement = event(text, "statement", 0..3, sentence.clone());
    let strike = event(text, "attack", 13..19, sentence);
    // A statement in the same sentence is no home for a casualty count; the strike is.
    link_events(&mut found, &[statement, strike]);
    assert!(found.iter().all(|c| c.event == Some(1)), "{found:?}");
}

#[test]
fn restated_counts_are_kept_once() {
    assert_counts(
        "The attack killed 12 people. Among the 12 killed were four police officers.",
        &[("killed", 12)],
    );
}

#[test]
fn numbers_that_count_nothing_are_ignored() {
    assert_counts(
        "The storm could kill up to 500 people, forecasters warned.",
        &[],
    );
    assert_counts(
        "The earthquake, which measured 6.8, struck at 3 a.m. about 40 kilometres from the city.",
        &[],
    );
    assert_counts(
        "The 15-member council voted 12 to 3 in favour of the resolution.",
        &[],
    );
    // The attackers are not victims.
    assert_counts(
        "Three gunmen killed 10 villagers on Sunday.",
        &[("killed", 10)],
    );
    assert_counts(
        "Two gunmen who shot a guard dead were arrested on Monday.",
        &[("detained", 2)],
    );
    // Attempts, habits and pronouns.
    assert_counts(
        "Police tried to arrest 30 protesters outside the embassy.",
        &[],
    );
    assert_counts(
        "About 1,500 people die on the country's roads every year.",
        &[],
    );
    assert_counts("One of the injured later died in hospital.", &[]);
    // A share of a count stated beside it is not a count of its own.
    assert_counts(
        "That state has recorded 10 of the 26 deaths on its roads this year.",
        &[("killed", 26)],
    );
}
