//! Dates as authors write them (ISO, UK day/month/year, month precision in
//! histories) and as NHS pages show them ("1 September 2020").

use crate::error::Error;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// How precisely an author gave a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
}

/// A calendar date, possibly known only to the month (`2016-03`).
/// A month-precision date compares as the first day of its month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub day: NaiveDate,
    pub precision: Precision,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(y, m, d).map(|day| Date { day, precision: Precision::Day })
    }

    /// Parses `2020-09-01` or `01/09/2020`, and `2016-03` where
    /// `allow_month` is set (amendment histories). `Err` is
    /// [`Error::Invalid`], its message the diagnostic's for the value.
    pub fn parse(text: &str, allow_month: bool) -> Result<Date, Error> {
        let text = text.trim();
        let accepted = if allow_month {
            "write 2020-09-01, 01/09/2020 or, for a month, 2020-09"
        } else {
            "write 2020-09-01 or 01/09/2020"
        };
        let bad = |why: &str| Error::Invalid(format!("`{text}` is not a date{why}: {accepted}"));
        let nums = |parts: &[&str]| -> Option<Vec<u32>> {
            parts
                .iter()
                .map(|p| {
                    (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| p.parse().ok())
                        .flatten()
                })
                .collect()
        };
        let (y, m, d, precision) = if text.contains('/') {
            let parts: Vec<&str> = text.split('/').collect();
            match (parts.len(), nums(&parts)) {
                (3, Some(n)) if parts[2].len() == 4 => (n[2], n[1], n[0], Precision::Day),
                _ => return Err(bad("")),
            }
        } else {
            let parts: Vec<&str> = text.split('-').collect();
            match (parts.len(), nums(&parts)) {
                (3, Some(n)) if parts[0].len() == 4 => (n[0], n[1], n[2], Precision::Day),
                (2, Some(n)) if allow_month && parts[0].len() == 4 => (n[0], n[1], 1, Precision::Month),
                _ => return Err(bad("")),
            }
        };
        if !(1..=12).contains(&m) {
            return Err(bad(&format!(" (there is no month {m})")));
        }
        NaiveDate::from_ymd_opt(y as i32, m, d)
            .map(|day| Date { day, precision })
            .ok_or_else(|| bad(&format!(" ({} has no day {d})", MONTHS[m as usize - 1])))
    }

    /// ISO form for machines: `2020-09-01`, or `2016-03` for a month.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Day => self.day.format("%Y-%m-%d").to_string(),
            Precision::Month => self.day.format("%Y-%m").to_string(),
        }
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(&self, other: Date) -> i64 {
        (other.day - self.day).num_days()
    }

    pub fn add_years(&self, years: u32) -> Date {
        let day = self
            .day
            .with_year(self.day.year() + years as i32)
            .unwrap_or_else(|| self.day + chrono::Days::new(365 * years as u64));
        Date { day, precision: self.precision }
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.day.cmp(&other.day)
    }
}

/// The NHS style: `1 September 2020`, or `March 2016` for a month.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS[self.day.month0() as usize];
        match self.precision {
            Precision::Day => write!(f, "{} {} {}", self.day.day(), month, self.day.year()),
            Precision::Month => write!(f, "{} {}", month, self.day.year()),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_iso_uk_and_month_forms() {
        assert_eq!(Date::parse("2020-09-01", false).unwrap(), Date::from_ymd(2020, 9, 1).unwrap());
        assert_eq!(Date::parse("01/09/2020", false).unwrap(), Date::from_ymd(2020, 9, 1).unwrap());
        let month = Date::parse("2016-03", true).unwrap();
        assert_eq!(month.precision, Precision::Month);
        assert_eq!(month.to_string(), "March 2016");
    }

    #[test]
    fn rejects_impossible_and_ambiguous_dates() {
        for bad in ["13/25/2020", "31/02/2020", "09-01-2020", "2020-13-01", "2020/09/01", "1/9/20", ""] {
            assert!(Date::parse(bad, true).is_err(), "{bad} accepted");
        }
        assert!(Date::parse("2016-03", false).is_err());
    }

    #[test]
    fn error_names_the_problem_and_the_accepted_forms() {
        let e = Date::parse("31/02/2020", false).unwrap_err().to_string();
        assert!(e.contains("February has no day 31"), "{e}");
        assert!(e.contains("2020-09-01"), "{e}");
    }

    #[test]
    fn displays_the_nhs_way() {
        assert_eq!(Date::from_ymd(2020, 9, 1).unwrap().to_string(), "1 September 2020");
    }
}
