//! The importer's own findings, as data: what was mapped from where, what
//! could not be, and what is left for a person to decide. Printed by
//! `report.rs` in this folder, or serialised as JSON.

use super::loc::Loc;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarnKind {
    /// A value the document needs that the source does not give: left out.
    Missing,
    /// A date that cannot be read as one day ("03/2016", "July 2024").
    AmbiguousDate,
    /// A value that is there but cannot be read ("Version: final").
    Unreadable,
    /// A labelled row or cell whose label means nothing to the importer.
    UnrecognisedRow,
    /// Something read by a rule a person should confirm (a title taken from
    /// the first line, a stage not stated).
    Check,
    /// Part of the input dropped or changed on purpose (an image that could
    /// not be read, an over-large entry).
    Dropped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub kind: WarnKind,
    /// Where in the source; `None` when it is about the whole document.
    pub at: Option<Loc>,
    /// The front-matter key concerned, if any (`review_date`, `eia.stage`).
    pub key: Option<String>,
    pub message: String,
}

impl Warning {
    pub fn new(kind: WarnKind, at: Option<Loc>, key: Option<&str>, message: impl Into<String>) -> Warning {
        Warning { kind, at, key: key.map(str::to_string), message: message.into() }
    }

    pub fn missing(key: &str, message: impl Into<String>) -> Warning {
        Warning::new(WarnKind::Missing, None, Some(key), message)
    }

    /// `n` pieces of the input left out as `what` ("lines of running
    /// headers …"), when there were any.
    pub fn left_out(n: usize, what: &str) -> Option<Warning> {
        (n > 0).then(|| Warning::new(WarnKind::Dropped, None, None, format!("{n} {what} left out")))
    }
}

/// A value shortened for a message.
pub fn short(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
