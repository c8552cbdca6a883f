//! Calendar values: the granules a temporal expression can name (a day, a week, a month, ...),
//! their TIMEX3 spelling, calendar arithmetic and feast days computed by rule.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A unit of calendar time, from the finest to the coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Season,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter (after `P`, or `PT` for hours and minutes).
    pub(crate) fn duration_code(self) -> &'static str {
        match self {
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week | Unit::Weekend => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Half => "H",
            Unit::Season => "QS",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }
}

/// A season of the (northern) year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }

    /// The first month of the season (winter starts in December of the year before its code).
    fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// A part of the day, as TIMEX3 spells it after `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartOfDay {
    Morning,
    Midday,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    pub(crate) fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Midday => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
        }
    }
}

/// A named stretch of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Granule {
    Day(NaiveDate),
    /// ISO week: ISO year and week number.
    Week(i32, u32),
    /// The weekend of an ISO week.
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, Season),
    Year(i32),
    /// The decade by its first three digits (199 for the 1990s).
    Decade(i32),
    /// The century by its first two digits (19 for the 1900s).
    Century(i32),
}

impl Granule {
    /// The granule of `unit` that contains `date`.
    pub(crate) fn of(date: NaiveDate, unit: Unit) -> Granule {
        let (y, m) = (date.year(), date.month());
        match unit {
            Unit::Minute | Unit::Hour | Unit::Day => Granule::Day(date),
            Unit::Week => Granule::Week(date.iso_week().year(), date.iso_week().week()),
            Unit::Weekend => Granule::Weekend(date.iso_week().year(), date.iso_week().week()),
            Unit::Month => Granule::Month(y, m),
            Unit::Quarter => Granule::Quarter(y, (m - 1) / 3 + 1),
            Unit::Half => Granule::Half(y, (m - 1) / 6 + 1),
            Unit::Season => match m {
                3..=5 => Granule::Season(y, Season::Spring),
                6..=8 => Granule::Season(y, Season::Summer),
                9..=11 => Granule::Season(y, Season::Autumn),
                12 => Granule::Season(y + 1, Season::Winter),
                _ => Granule::Season(y, Season::Winter),
            },
            Unit::Year => Granule::Year(y),
            Unit::Decade => Granule::Decade(y.div_euclid(10)),
            Unit::Century => Granule::Century(y.div_euclid(100)),
        }
    }

    /// The unit this granule is one of.
    pub(crate) fn unit(&self) -> Unit {
        match self {
            Granule::Day(_) => Unit::Day,
            Granule::Week(..) => Unit::Week,
            Granule::Weekend(..) => Unit::Weekend,
            Granule::Month(..) => Unit::Month,
            Granule::Quarter(..) => Unit::Quarter,
            Granule::Half(..) => Unit::Half,
            Granule::Season(..) => Unit::Season,
            Granule::Year(_) => Unit::Year,
            Granule::Decade(_) => Unit::Decade,
            Granule::Century(_) => Unit::Century,
        }
    }

    /// The first day of the granule.
    pub(crate) fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            Granule::Day(d) => Some(d),
            Granule::Week(y, w) => NaiveDate::from_isoywd_opt(y, w, Weekday::Mon),
            Granule::Weekend(y, w) => NaiveDate::from_isoywd_opt(y, w, Weekday::Sat),
            Granule::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Granule::Quarter(y, q) => NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1),
            Granule::Half(y, h) => NaiveDate::from_ymd_opt(y, (h - 1) * 6 + 1, 1),
            Granule::Season(y, s) => {
                let year = if s == Season::Winter { y - 1 } else { y };
                NaiveDate::from_ymd_opt(year, s.first_month(), 1)
            }
            Granule::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Granule::Decade(d) => NaiveDate::from_ymd_opt(d * 10, 1, 1),
            Granule::Century(c) => NaiveDate::from_ymd_opt(c * 100, 1, 1),
        }
    }

    /// The last day of the granule.
    pub(crate) fn last_day(&self) -> Option<NaiveDate> {
        let next_first = match *self {
            Granule::Day(d) => return Some(d),
            Granule::Week(..) => return self.first_day().map(|d| d + Duration::days(6)),
            Granule::Weekend(..) => return self.first_day().map(|d| d + Duration::days(1)),
            Granule::Month(y, m) => add_months(NaiveDate::from_ymd_opt(y, m, 1)?, 1),
            Granule::Quarter(..) => add_months(self.first_day()?, 3),
            Granule::Half(..) => add_months(self.first_day()?, 6),
            Granule::Season(..) => add_months(self.first_day()?, 3),
            Granule::Year(y) => NaiveDate::from_ymd_opt(y + 1, 1, 1),
            Granule::Decade(d) => NaiveDate::from_ymd_opt(d * 10 + 10, 1, 1),
            Granule::Century(c) => NaiveDate::from_ymd_opt(c * 100 + 100, 1, 1),
        }?;
        next_first.pred_opt()
    }

    /// The granule `n` units away (`n` may be negative), keeping the unit.
    pub(crate) fn shift(&self, n: i32) -> Option<Granule> {
        let first = self.first_day()?;
        let date = match self.unit() {
            Unit::Minute | Unit::Hour | Unit::Day => {
                first.checked_add_signed(Duration::days(n as i64))?
            }
            Unit::Week | Unit::Weekend => first.checked_add_signed(Duration::weeks(n as i64))?,
            Unit::Month => add_months(first, n)?,
            Unit::Quarter | Unit::Season => add_months(first, 3 * n)?,
            Unit::Half => add_months(first, 6 * n)?,
            Unit::Year => add_months(first, 12 * n)?,
            Unit::Decade => add_months(first, 120 * n)?,
            Unit::Century => add_months(first, 1200 * n)?,
        };
        Some(Granule::of(date, self.unit()))
    }

    /// The TIMEX3 value (`2025-04-13`, `2025-W18`, `2025-04`, `2025-Q2`, `2025-SU`, `2025`, `202`).
    pub(crate) fn timex(&self) -> String {
        match *self {
            Granule::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Granule::Week(y, w) => format!("{y:04}-W{w:02}"),
            Granule::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Granule::Month(y, m) => format!("{y:04}-{m:02}"),
            Granule::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Granule::Half(y, h) => format!("{y:04}-H{h}"),
            Granule::Season(y, s) => format!("{y:04}-{}", s.code()),
            Granule::Year(y) => format!("{y:04}"),
            Granule::Decade(d) => format!("{d:03}"),
            Granule::Century(c) => format!("{c:02}"),
        }
    }
}

/// `date` moved by `n` months, the day clamped to the target month's length.
pub(crate) fn add_months(date: NaiveDate, n: i32) -> Option<NaiveDate> {
    let total = date.year() * 12 + date.month0() as i32 + n;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let day = date.day().min(days_in_month(y, m)?);
    NaiveDate::from_ymd_opt(y, m, day)
}

/// Number of days in month `m` of year `y`.
pub(crate) fn days_in_month(y: i32, m: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = add_months_first(first)?;
    Some((next - first).num_days() as u32)
}

fn add_months_first(first: NaiveDate) -> Option<NaiveDate> {
    if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    }
}

/// Western (Gregorian) Easter Sunday of `year` (anonymous Gregorian algorithm).
pub(crate) fn western_easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Orthodox Easter Sunday of `year` (Meeus' Julian algorithm, converted to the Gregorian calendar).
pub(crate) fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian = NaiveDate::from_ymd_opt(year, month as u32, day as u32)?;
    // The Julian calendar runs behind the Gregorian by a gap that grows by one day a century,
    // except in centuries divisible by 400.
    let gap = year / 100 - year / 400 - 2;
    julian.checked_add_signed(Duration::days(gap as i64))
}

/// The `n`th (1-based; negative counts from the end) `weekday` of month `m` of year `y`.
pub(crate) fn nth_weekday(y: i32, m: u32, weekday: Weekday, n: i32) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(y, m, weekday, n as u8)
    } else {
        let last = NaiveDate::from_ymd_opt(y, m, days_in_month(y, m)?)?;
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        last.checked_sub_signed(Duration::days(back as i64 + 7 * (-n as i64 - 1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_published_tables() {
        assert_eq!(western_easter(2025), Some(d(2025, 4, 20)));
        assert_eq!(western_easter(2024), Some(d(2024, 3, 31)));
        assert_eq!(western_easter(2019), Some(d(2019, 4, 21)));
        assert_eq!(orthodox_easter(2025), Some(d(2025, 4, 20)));
        assert_eq!(orthodox_easter(2024), Some(d(2024, 5, 5)));
        assert_eq!(orthodox_easter(2023), Some(d(2023, 4, 16)));
    }

    #[test]
    fn granules_spell_as_timex3() {
        let day = d(2025, 4, 26);
        assert_eq!(Granule::of(day, Unit::Week).timex(), "2025-W17");
        assert_eq!(
            Granule::of(day, Unit::Week).shift(1).unwrap().timex(),
            "2025-W18"
        );
        assert_eq!(Granule::of(d(2024, 12, 30), Unit::Week).timex(), "2025-W01");
        assert_eq!(Granule::of(day, Unit::Quarter).timex(), "2025-Q2");
        assert_eq!(Granule::of(day, Unit::Decade).timex(), "202");
        assert_eq!(Granule::of(d(2025, 12, 5), Unit::Season).timex(), "2026-WI");
        assert_eq!(Granule::of(day, Unit::Weekend).timex(), "2025-W17-WE");
        assert_eq!(
            Granule::Month(2025, 1).shift(-1).unwrap().timex(),
            "2024-12"
        );
    }

    #[test]
    fn month_arithmetic_clamps_and_counts_leap_days() {
        assert_eq!(add_months(d(2025, 1, 31), 1), Some(d(2025, 2, 28)));
        assert_eq!(days_in_month(2024, 2), Some(29));
        assert_eq!(Granule::Month(2025, 2).last_day(), Some(d(2025, 2, 28)));
        assert_eq!(nth_weekday(2025, 5, Weekday::Mon, -1), Some(d(2025, 5, 26)));
        assert_eq!(
            nth_weekday(2025, 11, Weekday::Thu, 4),
            Some(d(2025, 11, 27))
        );
    }
}
