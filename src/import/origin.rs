//! Where each front-matter value came from: the label and line it was read
//! under, or why it was inferred. The report and `--format json` carry it
//! per field, so a reader can check any value against its source, and a
//! value with no account of its own is found by the tests, not by a reader.

use super::labels::Found;
use super::loc::Loc;
use super::warn::{WarnKind, Warning};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The front-matter key (`ratified.date`, `history`).
    pub key: String,
    /// Where in the source; `None` when no one place gave it.
    pub at: Option<Loc>,
    /// The label it was read under, or how it was inferred.
    pub from: String,
}

impl Origin {
    pub fn new(key: &str, at: Option<Loc>, from: impl Into<String>) -> Origin {
        Origin { key: key.to_string(), at, from: from.into() }
    }

    /// A value read under its label.
    pub fn labelled(f: &Found) -> Origin {
        Origin::new(f.field.key(), Some(f.loc), format!("label “{}”", f.label.trim()))
    }
}

/// Gives every top-level key written an origin: those read under a label
/// or from a block keep theirs; the others take the warning that says how
/// they were inferred; a key with neither is said to have no account, which
/// the tests refuse.
pub fn complete(written: &[&str], mut origins: Vec<Origin>, warnings: &[Warning]) -> Vec<Origin> {
    let top = |k: &str| k.split('.').next().unwrap_or(k).to_string();
    for key in written {
        if origins.iter().any(|o| top(&o.key) == *key) {
            continue;
        }
        let inferred = warnings
            .iter()
            .filter(|w| w.kind == WarnKind::Check && w.key.as_deref().is_some_and(|k| top(k) == *key))
            .map(|w| Origin::new(key, w.at, format!("inferred: {}", w.message)))
            .next();
        origins.push(inferred.unwrap_or_else(|| Origin::new(key, None, NO_ACCOUNT)));
    }
    origins.retain(|o| !o.key.is_empty() && written.contains(&top(&o.key).as_str()));
    origins
}

/// What `complete` says of a value no rule accounted for.
pub const NO_ACCOUNT: &str = "no account of where it came from";
