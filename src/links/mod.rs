//! External links: whether each web address the documents link to still
//! answers (`check --external`), and the cache of what was found, kept in
//! the output folder so that a weekly run does not ask the same sites
//! again and so that the references page can show each link's state.
//!
//! Only addresses the allow-list accepted as `http:` or `https:` are asked;
//! nothing is sent but a `HEAD` (or a `GET` whose body is not read), without
//! cookies or credentials, and only the status is kept.

pub mod fetch;
mod resolve;

use crate::model::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// What asking an address found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// It answers (2xx), perhaps after a temporary redirect.
    Ok { status: u16 },
    /// It moved for good (301 or 308) to `to`, which answers.
    Moved { to: String },
    /// It answers with an error status (4xx or 5xx), after any redirects.
    Error { status: u16 },
    /// No answer: no such host, no connection, a time-out, a certificate
    /// that is not trusted, too many redirects; `why` says which.
    NoAnswer { why: String },
}

impl Outcome {
    /// Whether the link is broken (X010). A page that asks for a login
    /// (401) is there: intranet pages behind a sign-in answer so.
    pub fn is_broken(&self) -> bool {
        match self {
            Outcome::Error { status } => *status != 401,
            Outcome::NoAnswer { .. } => true,
            Outcome::Ok { .. } | Outcome::Moved { .. } => false,
        }
    }

    /// A broken link that may mend itself: a server fault (5xx), a site
    /// that asks to be asked less often (429), or no answer.
    pub fn may_be_passing(&self) -> bool {
        match self {
            Outcome::Error { status } => *status == 429 || *status >= 500,
            Outcome::NoAnswer { .. } => true,
            Outcome::Ok { .. } | Outcome::Moved { .. } => false,
        }
    }

    /// How X010 says it: "answers 404 (Not Found)", "does not answer (time-out after 10 s)".
    pub fn describe(&self) -> String {
        match self {
            Outcome::Ok { status } => format!("answers {status}"),
            Outcome::Moved { to } => format!("has moved permanently to {to}"),
            Outcome::Error { status } => match reason(*status) {
                Some(r) => format!("answers {status} ({r})"),
                None => format!("answers {status}"),
            },
            Outcome::NoAnswer { why } => format!("does not answer ({why})"),
        }
    }

    /// The state the references page and CSV show: `ok`, `moved`,
    /// `error 404`, `does not answer (no such host)`: a failure in the
    /// command line's words.
    pub fn link_status(&self) -> String {
        match self {
            Outcome::Ok { .. } => "ok".into(),
            Outcome::Moved { .. } => "moved".into(),
            Outcome::Error { status: 401 } => "login needed".into(),
            Outcome::Error { status } => format!("error {status}"),
            Outcome::NoAnswer { why } => format!("does not answer ({why})"),
        }
    }
}

fn reason(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// One address's last result and the day it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// `YYYY-MM-DD`.
    pub checked: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The results of earlier runs, by address.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    pub links: BTreeMap<String, Entry>,
}

impl Cache {
    /// Where the cache sits in the output folder.
    pub const PATH: &'static str = ".trustdocs/links.json";
    /// A link that answered is not asked again for this many days.
    pub const FRESH_DAYS: i64 = 7;
    /// Entries not confirmed for this long are dropped when the cache is written.
    const KEEP_DAYS: i64 = 90;

    /// The cache in the output folder `out`; empty when there is none or
    /// it cannot be read (it is only a cache).
    pub fn read(out: &Path) -> Cache {
        let path = out.join(Cache::PATH);
        let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        let bytes = if regular { std::fs::read(&path).ok() } else { None };
        let mut cache: Cache = bytes.and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
        // The page links where a moved link leads: only to a web address.
        cache.links.retain(|_, e| match &e.outcome {
            Outcome::Moved { to } => fetch::request_uri(to).is_ok(),
            _ => true,
        });
        cache
    }

    /// The earlier result for `url`, if it may be used on `today`: a link
    /// that answered, within the last week. A broken link is asked again on
    /// every run, so that a fix (or a site that was down for an hour) shows.
    pub fn fresh(&self, url: &str, today: Date) -> Option<&Entry> {
        self.links.get(url).filter(|e| !e.outcome.is_broken() && age(e, today).is_some_and(|d| d < Cache::FRESH_DAYS))
    }

    pub fn record(&mut self, url: String, outcome: Outcome, today: Date) {
        self.links.insert(url, Entry { checked: today.iso(), outcome });
    }

    /// The cache as it is kept: entries not confirmed for `KEEP_DAYS`
    /// dropped, as JSON. The project stage writes it into the output folder.
    pub fn to_json(&mut self, today: Date) -> Vec<u8> {
        self.links.retain(|_, e| age(e, today).is_some_and(|d| d < Cache::KEEP_DAYS));
        serde_json::to_vec_pretty(self).expect("the link cache serialises")
    }
}

/// Days since the entry was made, if its date can be read.
fn age(e: &Entry, today: Date) -> Option<i64> {
    Date::parse(&e.checked, false).ok().map(|d| d.days_until(today))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_behind_a_login_is_not_broken_and_passing_faults_are_told_apart() {
        let error = |status| Outcome::Error { status };
        assert!(!error(401).is_broken());
        assert_eq!(error(401).link_status(), "login needed");
        assert!(error(403).is_broken() && error(404).is_broken() && error(503).is_broken());
        assert!(error(503).may_be_passing() && error(429).may_be_passing());
        assert!(!error(404).may_be_passing() && !error(410).may_be_passing());
    }

    #[test]
    fn a_cache_entry_that_moved_somewhere_but_the_web_is_dropped_when_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".trustdocs")).unwrap();
        let json = r#"{"links": {
            "https://a.example/": {"checked": "2026-11-20", "outcome": "moved", "to": "javascript:alert(1)"},
            "https://b.example/": {"checked": "2026-11-20", "outcome": "moved", "to": "https://b.example/new"}
        }}"#;
        std::fs::write(dir.path().join(Cache::PATH), json).unwrap();
        let cache = Cache::read(dir.path());
        assert_eq!(cache.links.keys().collect::<Vec<_>>(), vec!["https://b.example/"]);
    }
}
