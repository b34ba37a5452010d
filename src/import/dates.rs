//! Dates as trusts write them on front sheets and in tables: `01/09/2020`,
//! `1/9/20`, `2020-09-01`, `30th November 2016`, `1 Apr 25`, `March 31, 2021`, and the
//! month-only forms `03/2016` and `July 2024`, which name no day.

use super::blocks::Loc;
use super::warn::{WarnKind, Warning};
use crate::model::{Date, Precision};
use regex::Regex;
use std::sync::LazyLock;

/// What a piece of text says as a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// One day.
    Day(Date),
    /// A month without a day (`03/2016`, `July 2024`): a day is not guessed.
    Month(Date),
    /// Looks like a date but is none (`31/02/2020`, `13/25/2020`).
    Invalid,
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b|\b(\d{1,2})/(\d{4})\b")
        .expect("date pattern")
});
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(\d{1,2})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4}|\d{2})|([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|([a-z]{3,9})\.?,?\s+(\d{4}))\b",
    )
    .expect("date pattern")
});

fn month_of(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
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
    MONTHS
        .iter()
        .position(|m| w.starts_with(m) && (w.len() == 3 || full.iter().any(|f| *f == w) || w == "sept"))
        .map(|i| i as u32 + 1)
}

fn year4(y: &str) -> i32 {
    let n: i32 = y.parse().unwrap_or(0);
    match y.len() {
        2 if n >= 70 => 1900 + n,
        2 => 2000 + n,
        _ => n,
    }
}

fn day(y: i32, m: u32, d: u32) -> Reading {
    Date::from_ymd(y, m, d).map_or(Reading::Invalid, Reading::Day)
}

fn month(y: i32, m: u32) -> Reading {
    match Date::from_ymd(y, m, 1) {
        Some(d) => Reading::Month(Date { day: d.day, precision: Precision::Month }),
        None => Reading::Invalid,
    }
}

/// The first date in `text`, with the text it was read from.
pub fn find(text: &str) -> Option<(Reading, String)> {
    let numeric = NUMERIC.captures(text);
    let words = WORDS.captures_iter(text).find(|c| {
        let m = c.get(2).or(c.get(4)).or(c.get(7)).map_or("", |m| m.as_str());
        month_of(m).is_some()
    });
    let start = |c: &Option<regex::Captures>| c.as_ref().and_then(|c| c.get(0)).map_or(usize::MAX, |m| m.start());
    if start(&numeric) == usize::MAX && start(&words) == usize::MAX {
        return None;
    }
    if start(&numeric) <= start(&words) {
        let c = numeric?;
        let raw = c[0].to_string();
        let n = |i: usize| c.get(i).map(|m| m.as_str().parse::<u32>().unwrap_or(0));
        let reading = if let (Some(y), Some(m), Some(d)) = (c.get(1), n(2), n(3)) {
            day(year4(y.as_str()), m, d)
        } else if let (Some(d), Some(m), Some(y)) = (n(4), n(5), c.get(6)) {
            day(year4(y.as_str()), m, d)
        } else {
            match (n(7), c.get(8)) {
                (Some(m), Some(y)) if (1..=12).contains(&m) => month(year4(y.as_str()), m),
                _ => Reading::Invalid,
            }
        };
        return Some((reading, raw));
    }
    let c = words?;
    let raw = c[0].to_string();
    let num = |i: usize| c.get(i).map_or(0, |m| m.as_str().parse::<u32>().unwrap_or(0));
    let reading = if let Some(m) = c.get(2).and_then(|m| month_of(m.as_str())) {
        day(year4(&c[3]), m, num(1))
    } else if let Some(m) = c.get(4).and_then(|m| month_of(m.as_str())) {
        day(year4(&c[6]), m, num(5))
    } else {
        month(year4(&c[8]), c.get(7).and_then(|m| month_of(m.as_str())).unwrap_or(0))
    };
    Some((reading, raw))
}

/// Reads a date for the key `key`. A month without a day is kept only where
/// `month_ok` (amendment histories, which the content format lets be
/// month-precise), and reported either way; what is not a date is reported
/// and left out, never guessed.
pub fn read(raw: &str, loc: Loc, key: &str, month_ok: bool, warnings: &mut Vec<Warning>) -> Option<Date> {
    let warn = |kind, message: String| Warning::new(kind, Some(loc), Some(key), message);
    match find(raw) {
        Some((Reading::Day(d), _)) => Some(d),
        Some((Reading::Month(d), text)) if month_ok => {
            let m = format!(
                "“{text}” names a month, not a day: written as {} (month precision); give the day if it is known",
                d.iso()
            );
            warnings.push(warn(WarnKind::AmbiguousDate, m));
            Some(d)
        }
        Some((Reading::Month(_), text)) => {
            let m = format!("“{text}” names a month, not a day; left out (a day is not guessed)");
            warnings.push(warn(WarnKind::AmbiguousDate, m));
            None
        }
        Some((Reading::Invalid, text)) => {
            warnings.push(warn(WarnKind::Unreadable, format!("“{text}” is not a real date; left out")));
            None
        }
        None => {
            if !super::tables::is_blank(raw) {
                warnings.push(warn(WarnKind::Unreadable, format!("no date in “{}”; left out", raw.trim())));
            }
            None
        }
    }
}

/// A year on its own (`(2015)`, `2020, April`), for references.
pub fn year(text: &str) -> Option<i32> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19|20)\d\d\b").expect("year pattern"));
    YEAR.find(text).and_then(|m| m.as_str().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> String {
        match find(text) {
            Some((Reading::Day(d), _)) => d.iso(),
            Some((Reading::Month(d), _)) => format!("month {}", d.iso()),
            Some((Reading::Invalid, raw)) => format!("invalid {raw}"),
            None => "none".into(),
        }
    }

    #[test]
    fn reads_the_forms_trusts_use() {
        assert_eq!(iso("Date: 23/11/2017"), "2017-11-23");
        assert_eq!(iso("10/02/16"), "2016-02-10");
        assert_eq!(iso("2020-09-01"), "2020-09-01");
        assert_eq!(iso("30 th November 2016"), "2016-11-30");
        assert_eq!(iso("1st Sept 2019"), "2019-09-01");
        assert_eq!(iso("1 Apr 25"), "2025-04-01");
        assert_eq!(iso("Retrieved March 31, 2021, from"), "2021-03-31");
        assert_eq!(iso("03/2016"), "month 2016-03");
        assert_eq!(iso("July 2024"), "month 2024-07");
        assert_eq!(iso("31/02/2020"), "invalid 31/02/2020");
        assert_eq!(iso("13/25/2020"), "invalid 13/25/2020");
        assert_eq!(iso("Version 3"), "none");
        assert_eq!(iso("May the policy"), "none");
    }
}
