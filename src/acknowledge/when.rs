//! When a response was made, as form exports write it: ISO datetimes
//! (with or without seconds, `T` or a space, an offset or `Z`), ISO dates,
//! and the UK `dd/mm/yyyy` that Excel writes, with an optional time.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// A moment, in UTC when the export gave an offset, else as written (a
/// form's export uses one time zone throughout).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct When(NaiveDateTime);

const TIMES: [&str; 3] = ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"];

impl When {
    /// `Err` is the reason the row is listed as unknown.
    pub fn parse(text: &str) -> Result<When, String> {
        let t = text.trim();
        if let Ok(d) = DateTime::parse_from_rfc3339(t) {
            return Ok(When(d.naive_utc()));
        }
        let t = t.strip_suffix('Z').unwrap_or(t);
        let (day, time) = match t.split_once(['T', ' ']) {
            Some((d, rest)) => (d, Some(rest.trim())),
            None => (t, None),
        };
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(day, "%d/%m/%Y"))
            .map_err(|_| {
            format!("`{}` is not a date: write 2026-11-20, 2026-11-20T14:05 or 20/11/2026 14:05", short(text))
        })?;
        let time = match time {
            None => NaiveTime::MIN,
            Some(time) => TIMES
                .iter()
                .find_map(|f| NaiveTime::parse_from_str(time, f).ok())
                .ok_or_else(|| format!("`{}` has a time that is not hh:mm or hh:mm:ss", short(text)))?,
        };
        Ok(When(date.and_time(time)))
    }

    /// ISO 8601, for the reports.
    pub fn iso(&self) -> String {
        self.0.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::When;

    proptest::proptest! {
        #[test]
        fn any_text_is_judged_without_panicking(text in proptest::prelude::any::<String>()) {
            let _ = When::parse(&text);
        }
    }

    #[test]
    fn exports_of_one_moment_read_alike() {
        let same = [
            "2026-11-20T14:05:00",
            "2026-11-20 14:05",
            "20/11/2026 14:05",
            "20/11/2026 14:05:00",
            "2026-11-20T14:05:00Z",
            "2026-11-20T15:05:00+01:00",
            "2026-11-20T14:05:00.000",
        ];
        for text in same {
            assert_eq!(When::parse(text).map(|w| w.iso()), Ok("2026-11-20T14:05:00".to_string()), "{text}");
        }
        assert_eq!(When::parse("2026-11-20").unwrap().iso(), "2026-11-20T00:00:00");
        assert_eq!(When::parse("1/3/2026").unwrap().iso(), "2026-03-01T00:00:00");
        assert!(When::parse("20/11/2026 14:05") < When::parse("20/11/2026 14:06"));
        for wrong in ["", "yesterday", "2026-13-01", "31/02/2026", "20/11/2026 25:00", "11/20/2026"] {
            assert!(When::parse(wrong).is_err(), "{wrong}");
        }
    }
}
