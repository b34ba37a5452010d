//! Document versions: dot-separated numbers compared numerically.

use crate::error::Error;
use std::cmp::Ordering;
use std::fmt;

/// A version such as `3`, `2.1` or `1.0.2`. `2.1 < 2.10 < 3`, and `2 == 2.0`.
#[derive(Clone, Debug)]
pub struct Version {
    parts: Vec<u32>,
    text: String,
}

impl Version {
    /// `Err` is [`Error::Invalid`], its message the diagnostic's for the value.
    pub fn parse(text: &str) -> Result<Version, Error> {
        let text = text.trim();
        let parts: Result<Vec<u32>, _> = text.split('.').map(str::parse::<u32>).collect();
        match parts {
            Ok(parts) if !text.is_empty() && !text.contains('+') => Ok(Version { parts, text: text.to_string() }),
            _ => Err(Error::Invalid(format!(
                "`{text}` is not a version: write dot-separated numbers such as \"3\", \"2.1\" or \"1.0.2\""
            ))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The whole number: 2 of 2.1. A new one is a major change.
    pub fn major(&self) -> u32 {
        self.part(0)
    }

    fn part(&self, i: usize) -> u32 {
        self.parts.get(i).copied().unwrap_or(0)
    }

    /// The next whole number, for a major change: 3 → 4, 2.1 → 3.
    pub fn next_major(&self) -> Version {
        let text = (u64::from(self.part(0)) + 1).to_string();
        Version::parse(&text).unwrap_or_else(|_| self.clone())
    }

    /// The next minor number, for a minor change: 3 → 3.1, 2.1 → 2.2, 1.0.2 → 1.1.
    pub fn next_minor(&self) -> Version {
        let text = format!("{}.{}", self.part(0), u64::from(self.part(1)) + 1);
        Version::parse(&text).unwrap_or_else(|_| self.clone())
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let len = self.parts.len().max(other.parts.len());
        (0..len).map(|i| self.part(i).cmp(&other.part(i))).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Version {}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn next_major_and_minor_versions() {
        assert_eq!(v("3").next_major().as_str(), "4");
        assert_eq!(v("2.1").next_major().as_str(), "3");
        assert_eq!(v("3").next_minor().as_str(), "3.1");
        assert_eq!(v("2.9").next_minor().as_str(), "2.10");
        assert_eq!(v("1.0.2").next_minor().as_str(), "1.1");
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(v("2.1") < v("2.10"));
        assert!(v("2.10") < v("3"));
        assert!(v("1.0.2") > v("1.0"));
        assert_eq!(v("2"), v("2.0"));
    }

    #[test]
    fn bad_versions_are_rejected() {
        for bad in ["", "v2", "2.", "2..1", "2.1a", "-1", "+1"] {
            assert!(Version::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
