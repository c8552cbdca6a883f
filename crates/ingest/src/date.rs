//! Publication dates: the strict form a user types and the looser forms found in metadata.

use chrono::{DateTime, NaiveDate};

/// Why a date a user typed was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not of the form `YYYY-MM-DD`.
    #[error("{0:?} is not a date of the form YYYY-MM-DD")]
    Shape(String),
    /// The form is right but no such day exists (`2025-02-30`).
    #[error("{0:?} is not a day of the calendar")]
    NoSuchDay(String),
}

/// Parses a date typed by a user, which must be exactly `YYYY-MM-DD` (`2025-05-15`).
pub fn parse_date_arg(s: &str) -> Result<NaiveDate, DateError> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(DateError::Shape(s.to_string()));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| DateError::NoSuchDay(s.to_string()))
}

/// Reads the calendar day of a timestamp found in metadata: `2025-05-15`,
/// `2025-05-15T09:30:00+03:00`, `2025-05-15 09:30`, or RFC 2822 (`Thu, 15 May 2025 09:30:00 +0300`).
///
/// The day is taken as written, in the publisher's own time zone, because that is the day
/// relative dates in the article ("yesterday") count from.
pub fn parse_metadata_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        let rest = &s[10..];
        if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
            if let Ok(d) = parse_date_arg(head) {
                return Some(d);
            }
        }
    }
    DateTime::parse_from_rfc2822(s).ok().map(|dt| dt.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn user_dates_must_be_iso_days() {
        assert_eq!(parse_date_arg("2025-05-15"), Ok(day(2025, 5, 15)));
        assert_eq!(parse_date_arg("2024-02-29"), Ok(day(2024, 2, 29)));
        assert!(matches!(parse_date_arg("2025-02-30"), Err(DateError::NoSuchDay(_))));
        assert!(matches!(parse_date_arg("2025-13-01"), Err(DateError::NoSuchDay(_))));
        for bad in ["15/05/2025", "2025-5-15", "May 15, 2025", "2025-05-15T10:00", "", "yesterday"]
        {
            assert!(matches!(parse_date_arg(bad), Err(DateError::Shape(_))), "{bad}");
        }
    }

    #[test]
    fn metadata_dates_keep_the_publishers_day() {
        assert_eq!(parse_metadata_date("2025-05-15"), Some(day(2025, 5, 15)));
        assert_eq!(parse_metadata_date(" 2025-05-15T23:30:00-05:00 "), Some(day(2025, 5, 15)));
        assert_eq!(parse_metadata_date("2025-05-15T01:10:00.000Z"), Some(day(2025, 5, 15)));
        assert_eq!(parse_metadata_date("2025-05-15 08:00"), Some(day(2025, 5, 15)));
        assert_eq!(parse_metadata_date("Thu, 15 May 2025 09:30:00 +0300"), Some(day(2025, 5, 15)));
        assert_eq!(parse_metadata_date("2025-05-1500"), None);
        assert_eq!(parse_metadata_date("last Thursday"), None);
        assert_eq!(parse_metadata_date(""), None);
    }
}
