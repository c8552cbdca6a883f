//! Temporal expressions on parsed news sentences: every form the time extractor handles, the
//! direction the clause gives, narrative anchoring, and the known failures of Duckling, SUTime
//! and GDELT.

mod support;

use chrono::NaiveDate;
use sitrep_extract::times::{extract, time_at, time_for};
use sitrep_extract::{TimeExpr, TimexMod, TimexType};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn times(text: &str, published: Option<&str>) -> Vec<TimeExpr> {
    extract(&support::parse(text), published.map(date))
}

/// Asserts the (text, value) of every expression found in `text`, in order.
fn check(text: &str, published: &str, want: &[(&str, &str)]) {
    let got: Vec<(String, Option<String>)> = times(text, Some(published))
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect();
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(t, v)| (t.to_string(), Some(v.to_string())))
        .collect();
    assert_eq!(got, want, "in {text:?} published {published}");
}

/// The one expression of `text` with text `what`.
fn the(text: &str, published: &str, what: &str) -> TimeExpr {
    let all = times(text, Some(published));
    all.iter()
        .find(|t| t.text == what)
        .cloned()
        .unwrap_or_else(|| panic!("no {what:?} in {all:?}"))
}

#[test]
fn absolute_dates() {
    check(
        "Mediators met in Doha on April 13 to discuss the hostages.",
        "2025-04-20",
        &[("April 13", "2025-04-13")],
    );
    check(
        "The agreement was signed in Cairo on 13 April 2025.",
        "2025-05-02",
        &[("13 April 2025", "2025-04-13")],
    );
    check(
        "Negotiators said on April 13, 2025, that a deal was close.",
        "2025-06-01",
        &[("April 13, 2025", "2025-04-13")],
    );
    check(
        "The decree, dated 2025-04-13, was published by the ministry.",
        "2025-04-20",
        &[("2025-04-13", "2025-04-13")],
    );
    check(
        "On Friday, March 28, a powerful earthquake shook central Myanmar.",
        "2025-04-02",
        &[("Friday, March 28", "2025-03-28")],
    );
    check(
        "Rescue teams reached the town on Apr. 2 after the road reopened.",
        "2025-04-05",
        &[("Apr. 2", "2025-04-02")],
    );
    check(
        "The general was born on the 4th of August 1961 in Kaduna.",
        "2025-04-05",
        &[("the 4th of August 1961", "1961-08-04")],
    );
}

#[test]
fn weekday_in_a_date_picks_the_year() {
    // March 28 was a Friday in 2025 and in 2024 was a Thursday: the weekday decides.
    check(
        "Officials met on Thursday, March 28, to review the plan.",
        "2025-01-10",
        &[("Thursday, March 28", "2024-03-28")],
    );
}

#[test]
fn a_year_stated_in_the_paragraph_carries_over() {
    check(
        "The bank raised rates in March 2024 and again in September.",
        "2025-06-01",
        &[("March 2024", "2024-03"), ("September", "2024-09")],
    );
    check(
        "In 2022, Russian troops reached the outskirts of Kyiv. In April, they withdrew.",
        "2025-06-01",
        &[("2022", "2022"), ("April", "2022-04")],
    );
    // A year said in passing does not frame the dates after it.
    check(
        "The governor, elected in 2019, said on April 13 that the strike was a war crime.",
        "2025-04-16",
        &[("2019", "2019"), ("April 13", "2025-04-13")],
    );
}

#[test]
fn relative_to_the_publication_date() {
    let p = "2025-04-16"; // a Wednesday
    check(
        "Police detained two suspects yesterday and charged them today.",
        p,
        &[("yesterday", "2025-04-15"), ("today", "2025-04-16")],
    );
    check(
        "Russian forces shelled the port on Thursday, killing four people.",
        p,
        &[("Thursday", "2025-04-10")],
    );
    check(
        "The army said the convoy was ambushed last week.",
        p,
        &[("last week", "2025-W15")],
    );
    check(
        "Food prices rose sharply this month, the statistics office said.",
        p,
        &[("this month", "2025-04")],
    );
    check(
        "Exports fell last year for the first time since 2009.",
        p,
        &[("last year", "2024"), ("2009", "2009")],
    );
    check(
        "The bridge collapsed three days ago, according to local officials.",
        p,
        &[("three days ago", "2025-04-13")],
    );
    check(
        "The two presidents will hold talks next Tuesday in Ankara.",
        p,
        &[("next Tuesday", "2025-04-22")],
    );
    check(
        "Heavy rain fell over the weekend in the north.",
        p,
        &[("the weekend", "2025-W15-WE")],
    );
    check(
        "Explosions were heard in the city yesterday morning.",
        p,
        &[("yesterday morning", "2025-04-15TMO")],
    );
}

#[test]
fn the_last_day_of_a_month_knows_leap_years() {
    check(
        "Gas supplies ran out on the last day of February.",
        "2025-04-16",
        &[("the last day of February", "2025-02-28")],
    );
    check(
        "Gas supplies ran out on the last day of February.",
        "2024-03-10",
        &[("the last day of February", "2024-02-29")],
    );
}

#[test]
fn feast_days_are_computed() {
    check(
        "Thousands of worshippers attended Palm Sunday services across the city.",
        "2025-04-16",
        &[("Palm Sunday", "2025-04-13")],
    );
    check(
        "The Easter Monday procession was cancelled because of the curfew.",
        "2025-04-25",
        &[("Easter Monday", "2025-04-21")],
    );
    check(
        "Churches were packed for Orthodox Easter despite the shelling.",
        "2024-05-08",
        &[("Orthodox Easter", "2024-05-05")],
    );
    check(
        "Shops will close early on Christmas Eve, the union said.",
        "2025-12-01",
        &[("Christmas Eve", "2025-12-24")],
    );
    // A name, not a date.
    check(
        "The Good Friday Agreement ended three decades of violence.",
        "2025-04-16",
        &[("three decades", "P30Y")],
    );
}

#[test]
fn fuzzy_periods() {
    let all = times(
        "Protests began in mid-March and spread in early April.",
        Some("2025-04-16"),
    );
    let got: Vec<_> = all
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_deref(), t.modifier))
        .collect();
    assert_eq!(
        got,
        [
            ("mid-March", Some("2025-03"), Some(TimexMod::Mid)),
            ("early April", Some("2025-04"), Some(TimexMod::Start))
        ]
    );
    let late = the(
        "Sales slumped in late 2024, the firm said.",
        "2025-04-16",
        "late 2024",
    );
    assert_eq!(
        (late.value.as_deref(), late.modifier),
        (Some("2024"), Some(TimexMod::End))
    );
    let end = the(
        "The truce is due to expire at the end of February.",
        "2025-02-10",
        "the end of February",
    );
    assert_eq!(
        (end.value.as_deref(), end.modifier),
        (Some("2025-02"), Some(TimexMod::End))
    );
}

#[test]
fn parts_of_day_and_clock_times() {
    check(
        "Missiles struck the capital on the evening of April 24, killing nine.",
        "2025-04-25",
        &[("the evening of April 24", "2025-04-24TEV")],
    );
    check(
        "The blast happened at 10:15 a.m. on Monday near the central market.",
        "2025-04-16",
        &[("10:15 a.m. on Monday", "2025-04-14T10:15")],
    );
    check(
        "Sirens sounded across Kyiv on Wednesday night.",
        "2025-04-17",
        &[("Wednesday night", "2025-04-16TNI")],
    );
    check(
        "The earthquake struck shortly after midday Friday.",
        "2025-03-29",
        &[("midday Friday", "2025-03-28TMI")],
    );
    let t = the(
        "The blast happened at 10:15 a.m. on Monday near the central market.",
        "2025-04-16",
        "10:15 a.m. on Monday",
    );
    assert_eq!(t.timex_type, TimexType::Time);
}

#[test]
fn ranges_and_spans() {
    let night = the(
        "Drones attacked the city on the night of 23-24 April, the governor said.",
        "2025-04-25",
        "the night of 23-24 April",
    );
    assert_eq!(
        (night.value.as_deref(), night.range_end.as_deref()),
        (Some("2025-04-23TNI"), Some("2025-04-24"))
    );
    let vote = the(
        "Voting took place between March 1 and 5 in most regions.",
        "2025-03-10",
        "March 1 and 5",
    );
    assert_eq!(
        (vote.value.as_deref(), vote.range_end.as_deref()),
        (Some("2025-03-01"), Some("2025-03-05"))
    );
}

#[test]
fn durations() {
    let held = the(
        "He has been held in a military prison for three years.",
        "2025-04-16",
        "three years",
    );
    assert_eq!(
        (held.value.as_deref(), held.timex_type),
        (Some("P3Y"), TimexType::Duration)
    );
    check(
        "Both sides agreed to a 30-day ceasefire on energy infrastructure.",
        "2025-04-16",
        &[("30-day", "P30D")],
    );
    let siege = the(
        "The siege lasted more than two months.",
        "2025-04-16",
        "more than two months",
    );
    assert_eq!(
        (siege.value.as_deref(), siege.modifier),
        (Some("P2M"), Some(TimexMod::MoreThan))
    );
    check(
        "Farmers have waited for months for compensation.",
        "2025-04-16",
        &[("months", "PXM")],
    );
    // Ages are not durations.
    check(
        "A 34-year-old man was arrested at the scene.",
        "2025-04-16",
        &[],
    );
}

#[test]
fn sets() {
    let rally = the(
        "Opposition supporters rally in the square every Monday.",
        "2025-04-16",
        "every Monday",
    );
    assert_eq!(
        (rally.value.as_deref(), rally.timex_type),
        (Some("XXXX-WXX-1"), TimexType::Set)
    );
    check(
        "Inspectors visit the plant twice a year.",
        "2025-04-16",
        &[("twice a year", "P1Y")],
    );
}

#[test]
fn narrative_dates_count_from_the_last_date_established() {
    check(
        "Rebels seized the airport on March 3. Two days later, they took the port, and the next day the army counterattacked.",
        "2025-03-20",
        &[("March 3", "2025-03-03"), ("Two days later", "2025-03-05"), ("the next day", "2025-03-06")],
    );
    check(
        "The ceasefire collapsed on April 2. A few days later, fighting reached the capital.",
        "2025-04-20",
        &[("April 2", "2025-04-02"), ("A few days later", "2025-04")],
    );
    check(
        "Missiles hit the market on April 13. That morning, families had gathered for a festival. Less than two weeks later, the capital was bombed.",
        "2025-05-10",
        &[("April 13", "2025-04-13"), ("That morning", "2025-04-13TMO"), ("Less than two weeks later", "2025-04")],
    );
    check(
        "The talks ended on Saturday, April 26. The following week, the envoy flew to Moscow.",
        "2025-05-15",
        &[
            ("Saturday, April 26", "2025-04-26"),
            ("The following week", "2025-W18"),
        ],
    );
    check(
        "Floodwaters peaked on January 20. About three weeks later, the river returned to its banks.",
        "2025-03-01",
        &[("January 20", "2025-01-20"), ("About three weeks later", "2025-02")],
    );
    check(
        "The president signed the law on June 3 and the following Monday it came into force.",
        "2025-06-20",
        &[
            ("June 3", "2025-06-03"),
            ("the following Monday", "2025-06-09"),
        ],
    );
    check(
        "The verdict was read on May 7. Protesters gathered outside the court that evening.",
        "2025-05-10",
        &[("May 7", "2025-05-07"), ("that evening", "2025-05-07TEV")],
    );
    let later = the(
        "Rebels seized the airport on March 3. Two days later, they took the port, and the next day the army counterattacked.",
        "2025-03-20",
        "Two days later",
    );
    assert_eq!(later.anchor.as_deref(), Some("2025-03-03"));
}

#[test]
fn a_day_counted_from_an_event_is_left_unresolved() {
    let all = times(
        "Troops withdrew on March 5, three days after the truce took effect.",
        Some("2025-03-20"),
    );
    let got: Vec<_> = all
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [("March 5", Some("2025-03-05")), ("three days after", None)]
    );
    check(
        "Three days after April 13, the army announced a pause.",
        "2025-04-20",
        &[("Three days after April 13", "2025-04-16")],
    );
}

#[test]
fn the_clause_decides_whether_a_weekday_or_month_looks_ahead() {
    let p = "2025-04-16"; // a Wednesday
    check(
        "The ministers will meet on Thursday in Geneva.",
        p,
        &[("Thursday", "2025-04-17")],
    );
    check(
        "The minister said she would travel to Brussels on Friday.",
        p,
        &[("Friday", "2025-04-18")],
    );
    check(
        "The summit opens on Monday in Brussels.",
        p,
        &[("Monday", "2025-04-21")],
    );
    check(
        "The next round of voting is scheduled for Sunday.",
        p,
        &[("Sunday", "2025-04-20")],
    );
    check(
        "Voters are going to the polls on Sunday.",
        p,
        &[("Sunday", "2025-04-20")],
    );
    check(
        "Officials said on Monday that the strike on Sunday killed 12 people.",
        p,
        &[("Monday", "2025-04-14"), ("Sunday", "2025-04-13")],
    );
    check(
        "Talks are expected to resume in June, diplomats said.",
        "2025-05-20",
        &[("June", "2025-06")],
    );
    // A purpose infinitive shares its governor's past.
    check(
        "Crowds gathered to celebrate Palm Sunday in the old town.",
        "2025-04-16",
        &[("Palm Sunday", "2025-04-13")],
    );
}

#[test]
fn duckling_resolves_a_past_month_forward() {
    // Duckling reads "in June" in May as next June; news reports the past.
    check(
        "Exports collapsed in June, the ministry said.",
        "2025-05-20",
        &[("June", "2024-06")],
    );
    check(
        "Protests erupted in April and have not stopped.",
        "2025-05-20",
        &[("April", "2025-04")],
    );
}

#[test]
fn sutime_takes_the_year_of_the_document() {
    // SUTime puts December 29 in the year of a January article.
    check(
        "Airstrikes hit the port on December 29, the army said.",
        "2025-01-06",
        &[("December 29", "2024-12-29")],
    );
    check(
        "Parliament will vote on the budget on January 15.",
        "2024-12-20",
        &[("January 15", "2025-01-15")],
    );
}

#[test]
fn gdelt_keeps_only_calendar_dates() {
    // GDELT drops relative dates; they resolve here.
    check(
        "The governor said yesterday that the dam had burst two weeks ago.",
        "2025-04-16",
        &[("yesterday", "2025-04-15"), ("two weeks ago", "2025-W14")],
    );
}

#[test]
fn without_a_publication_date_relative_expressions_stay_unresolved() {
    let all = times("Russia invaded Ukraine on February 24, 2022. Yesterday the council met again, and on April 13 it voted.", None);
    let got: Vec<_> = all
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("February 24, 2022", Some("2022-02-24")),
            ("Yesterday", None),
            ("April 13", Some("XXXX-04-13"))
        ]
    );
}

#[test]
fn names_numbers_and_modals_are_not_times() {
    let p = "2025-04-16";
    check("The president may visit Kyiv, officials said.", p, &[]);
    check("The Sunday Times first reported the plan.", p, &[]);
    check(
        "Police said 2022 people had been evacuated from the area.",
        p,
        &[],
    );
    check(
        "Black Friday sales fell this year.",
        p,
        &[("this year", "2025")],
    );
}

#[test]
fn events_find_their_date_by_verb_or_span() {
    let text = "Officials said on Monday that the strike on Sunday killed 12 people.";
    let doc = support::parse(text);
    let all = extract(&doc, Some(date("2025-04-16")));
    let verb = |w: &str| {
        (0..doc.tokens.len())
            .find(|&k| doc.token_text(k) == w)
            .unwrap()
    };
    assert_eq!(
        time_for(&doc, &all, verb("said")).map(|t| t.text.as_str()),
        Some("Monday")
    );
    // The strike's date hangs from its noun, inside the clause of "killed".
    assert_eq!(
        time_for(&doc, &all, verb("killed")).map(|t| t.text.as_str()),
        Some("Sunday")
    );
    let clause = text.find("the strike").unwrap();
    assert_eq!(
        time_at(&all, clause, text.len()).map(|t| t.value.as_deref()),
        Some(Some("2025-04-13"))
    );
}
