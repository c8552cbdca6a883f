//! The calendar span a TIMEX value covers, in days from 0001-01-01 (CE).

use chrono::{Datelike, NaiveDate, Weekday};

/// The first and last day a TIMEX date value covers: a day (`2025-04-13`, also with a time
/// `2025-04-13TEV`), an ISO week (`2025-W16`), a month, a quarter (`2025-Q2`) or a year.
/// `None` for unresolved (`XXXX-04-13`), relative (`PRESENT_REF`) and other values.
pub(crate) fn span(value: &str) -> Option<(i32, i32)> {
    let days = |a: NaiveDate, b: NaiveDate| Some((a.num_days_from_ce(), b.num_days_from_ce()));
    let date = value.split('T').next()?;
    let mut parts = date.split('-');
    let year: i32 = digits(parts.next()?, 4)?.parse().ok()?;
    let Some(second) = parts.next() else {
        return days(NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?);
    };
    if let Some(week) = second.strip_prefix('W') {
        let week: u32 = digits(week, 2)?.parse().ok()?;
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        return days(monday, NaiveDate::from_isoywd_opt(year, week, Weekday::Sun)?);
    }
    if let Some(q) = second.strip_prefix('Q') {
        let q: u32 = digits(q, 1)?.parse().ok()?;
        if !(1..=4).contains(&q) {
            return None;
        }
        let first = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?;
        return days(first, last_of_month(year, 3 * q)?);
    }
    let month: u32 = digits(second, 2)?.parse().ok()?;
    match parts.next() {
        None => days(NaiveDate::from_ymd_opt(year, month, 1)?, last_of_month(year, month)?),
        Some(day) => {
            let d = NaiveDate::from_ymd_opt(year, month, digits(day, 2)?.parse().ok()?)?;
            days(d, d)
        }
    }
}

/// The day number of a date.
pub(crate) fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// `s` if it is exactly `n` ASCII digits.
fn digits(s: &str, n: usize) -> Option<&str> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> i32 {
        day_number(s.parse().unwrap())
    }

    #[test]
    fn spans_of_values() {
        assert_eq!(span("2025-04-13"), Some((d("2025-04-13"), d("2025-04-13"))));
        assert_eq!(span("2025-04-24TEV"), Some((d("2025-04-24"), d("2025-04-24"))));
        assert_eq!(span("2025-02"), Some((d("2025-02-01"), d("2025-02-28"))));
        assert_eq!(span("2024-02"), Some((d("2024-02-01"), d("2024-02-29"))));
        assert_eq!(span("2025-12"), Some((d("2025-12-01"), d("2025-12-31"))));
        assert_eq!(span("2025-W01"), Some((d("2024-12-30"), d("2025-01-05"))));
        assert_eq!(span("2025-Q2"), Some((d("2025-04-01"), d("2025-06-30"))));
        assert_eq!(span("2025"), Some((d("2025-01-01"), d("2025-12-31"))));
        for bad in ["XXXX-04-13", "PRESENT_REF", "P3Y", "2025-13", "2025-02-30", "", "2025-SU"] {
            assert_eq!(span(bad), None, "{bad}");
        }
    }
}
