//! Word lists of the time grammar: month and weekday names, number words, units, parts of day.

use super::calendar::{PartOfDay, Season, Unit};
use chrono::Weekday;

/// Month number of a full month name or a standard abbreviation (`sept`), lower-case.
pub(crate) fn month(word: &str) -> Option<(u32, bool)> {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if let Some(i) = FULL.iter().position(|m| *m == word) {
        return Some((i as u32 + 1, false));
    }
    if word == "sept" {
        return Some((9, true));
    }
    SHORT
        .iter()
        .position(|m| *m == word)
        .map(|i| (i as u32 + 1, true))
}

/// Weekday of a full weekday name, lower-case; abbreviations are flagged.
pub(crate) fn weekday(word: &str) -> Option<(Weekday, bool)> {
    let full = match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => {
            let short = match word {
                "mon" => Weekday::Mon,
                "tue" | "tues" => Weekday::Tue,
                "wed" => Weekday::Wed,
                "thu" | "thur" | "thurs" => Weekday::Thu,
                "fri" => Weekday::Fri,
                "sat" => Weekday::Sat,
                "sun" => Weekday::Sun,
                _ => return None,
            };
            return Some((short, true));
        }
    };
    Some((full, false))
}

/// Plural weekday names (`Mondays`), which make sets.
pub(crate) fn weekday_plural(word: &str) -> Option<Weekday> {
    word.strip_suffix('s')
        .and_then(weekday)
        .filter(|w| !w.1)
        .map(|w| w.0)
}

/// Cardinal number words up to ninety-nine (`twenty` and `five` are joined by the grammar).
pub(crate) fn number_word(word: &str) -> Option<u32> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = ONES.iter().position(|w| *w == word) {
        return Some(i as u32);
    }
    TENS.iter()
        .position(|w| *w == word)
        .map(|i| 20 + 10 * i as u32)
}

/// Ordinal words and their numbers (`first` .. `thirty-first` come as `thirty` + `first`).
pub(crate) fn ordinal_word(word: &str) -> Option<u32> {
    const ORD: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if word == "thirtieth" {
        return Some(30);
    }
    ORD.iter().position(|w| *w == word).map(|i| i as u32 + 1)
}

/// A unit of time named by a noun, singular or plural; `fortnight` is two weeks.
pub(crate) fn unit(word: &str) -> Option<(Unit, u32)> {
    let w = word
        .strip_suffix('s')
        .filter(|s| !s.is_empty() && *s != "centurie")
        .unwrap_or(word);
    Some(match w {
        "minute" | "min" | "mins" => (Unit::Minute, 1),
        "hour" | "hr" => (Unit::Hour, 1),
        "day" => (Unit::Day, 1),
        "week" => (Unit::Week, 1),
        "fortnight" => (Unit::Week, 2),
        "month" => (Unit::Month, 1),
        "quarter" => (Unit::Quarter, 1),
        "year" => (Unit::Year, 1),
        "decade" => (Unit::Decade, 1),
        "century" | "centurie" | "centuries" => (Unit::Century, 1),
        _ => return None,
    })
}

/// Whether `word` is the plural of a unit (`days`), which allows vague durations (`for days`).
pub(crate) fn is_plural_unit(word: &str) -> bool {
    word.ends_with('s') && unit(word).is_some() && !word.ends_with("ss")
}

/// A part of the day named by a noun.
pub(crate) fn part_of_day(word: &str) -> Option<PartOfDay> {
    Some(match word {
        "morning" | "dawn" | "daybreak" | "sunrise" => PartOfDay::Morning,
        "midday" | "noon" | "lunchtime" => PartOfDay::Midday,
        "afternoon" => PartOfDay::Afternoon,
        "evening" | "dusk" | "sunset" => PartOfDay::Evening,
        "night" | "overnight" | "midnight" | "nighttime" => PartOfDay::Night,
        _ => return None,
    })
}

/// A season named by a noun.
pub(crate) fn season(word: &str) -> Option<Season> {
    Some(match word {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    })
}

/// Words before a month or year that show it is one (`in June`, `since 2014`).
pub(crate) fn is_date_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "since"
            | "until"
            | "till"
            | "til"
            | "by"
            | "from"
            | "through"
            | "throughout"
            | "during"
            | "before"
            | "after"
            | "of"
            | "between"
            | "early"
            | "mid"
            | "late"
            | "last"
            | "next"
            | "this"
            | "past"
            | "coming"
            | "around"
            | "as"
            | "into"
            | "for"
            | "at"
            | "to"
    )
}

/// Verbs whose present tense reports a past statement (`the ministry says`), not a schedule.
pub(crate) fn is_reporting_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "report"
            | "announce"
            | "claim"
            | "confirm"
            | "add"
            | "note"
            | "write"
            | "state"
            | "warn"
            | "deny"
            | "insist"
            | "accuse"
            | "allege"
            | "acknowledge"
            | "admit"
            | "show"
            | "cite"
            | "quote"
            | "estimate"
            | "believe"
            | "think"
            | "know"
            | "remember"
            | "recall"
            | "describe"
            | "explain"
            | "argue"
            | "tweet"
            | "post"
    )
}

/// Words (lemmas) that put what they govern in the future: plans, schedules, expectations.
pub(crate) fn is_future_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "will"
            | "shall"
            | "'ll"
            | "wo"
            | "would"
            | "may"
            | "might"
            | "should"
            | "must"
            | "expect"
            | "plan"
            | "schedule"
            | "slate"
            | "due"
            | "intend"
            | "aim"
            | "prepare"
            | "hope"
            | "propose"
            | "upcoming"
            | "forthcoming"
    )
}

/// Governors whose infinitive lies ahead of them (`agreed to meet`, `is expected to resume`).
pub(crate) fn is_intent_lemma(lemma: &str) -> bool {
    is_future_lemma(lemma)
        || matches!(
            lemma,
            "agree"
                | "promise"
                | "vow"
                | "pledge"
                | "threaten"
                | "want"
                | "decide"
                | "seek"
                | "set"
                | "go"
                | "likely"
                | "wish"
                | "offer"
                | "ask"
                | "urge"
                | "call"
                | "invite"
                | "vote"
                | "need"
                | "able"
                | "ready"
        )
}
