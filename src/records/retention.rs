//! Which versions are past their retention period, and what the records
//! manager decided for them. A version is kept for `retention.years` (of
//! `site.yaml`) after the day it stopped being in force, its span's `until`
//! in the timeline; a version a later one overtook before it came into
//! force counts from that day. The decisions are `retention.log`'s; the
//! latest for a version is the one that stands.

use crate::lock::retention::{Decision, RetentionDecision};
use crate::model::{Date, DocId, Version};
use crate::resolve::{DocIndex, Library};
use serde::Serialize;

/// How far ahead the report looks for periods about to end.
pub const AHEAD_YEARS: u32 = 1;

/// One version whose retention period has ended or ends soon.
#[derive(Clone, Debug, Serialize)]
pub struct Due {
    pub id: DocId,
    pub version: Version,
    pub title: String,
    /// Its file, as shown (`content/documents/a.md`).
    pub file: String,
    /// The day it stopped being in force (or was overtaken).
    pub stopped: Date,
    /// `stopped` plus the retention years: on this day the period has ended.
    pub ends: Date,
    pub decision: Option<Decided>,
    #[serde(skip)]
    pub doc: DocIndex,
}

/// A version known only from `ratified.lock`: its file is gone.
#[derive(Clone, Debug, Serialize)]
pub struct Gone {
    pub id: DocId,
    pub version: Version,
    /// The ratification the lock records.
    pub ratified: Date,
    /// `None`: the file went without a decision (H010).
    pub decision: Option<Decided>,
}

/// A decision as reported.
#[derive(Clone, Debug, Serialize)]
pub struct Decided {
    pub decision: &'static str,
    pub date: Date,
    pub by: String,
    pub reason: String,
}

impl From<&RetentionDecision> for Decided {
    fn from(d: &RetentionDecision) -> Decided {
        let decision = name(d.decision);
        Decided { decision, date: d.date, by: d.by.clone(), reason: d.reason.clone() }
    }
}

/// `keep`, `destroy` or `transfer`, as the log and the command line write it.
pub fn name(decision: Decision) -> &'static str {
    match decision {
        Decision::Keep => "keep",
        Decision::Destroy => "destroy",
        Decision::Transfer => "transfer",
    }
}

/// What the register calls a version whose file left after `decision`.
pub fn gone_status(decision: Decision) -> &'static str {
    match decision {
        Decision::Transfer => "transferred",
        _ => "destroyed",
    }
}

/// The report of `trustdocs retention` on the library's day.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub today: Date,
    pub years: u32,
    /// Retention ended on or before today.
    pub ended: Vec<Due>,
    /// Retention ends within the next [`AHEAD_YEARS`].
    pub ending: Vec<Due>,
    /// Versions whose file is gone: destroyed, transferred, or lost.
    pub gone: Vec<Gone>,
}

/// The decision that stands for `id` at `version`: the latest in the log.
pub fn decision<'l>(lib: &'l Library, id: &DocId, version: &Version) -> Option<&'l RetentionDecision> {
    lib.retention.decisions.iter().rev().find(|d| &d.id == id && &d.version == version)
}

/// The day the retention period of the version at `index` ends, if it
/// has stopped being in force or has a day it will.
pub fn ends(lib: &Library, index: DocIndex, years: u32) -> Option<Date> {
    Some(lib.span(index)?.until?.add_years(years))
}

/// Every version past or near the end of its retention period, oldest
/// ending first, and every version whose file is gone.
pub fn report(lib: &Library, years: u32) -> Report {
    let today = lib.today();
    let horizon = today.add_years(AHEAD_YEARS);
    let mut due: Vec<Due> = lib
        .by_id()
        .iter()
        .flat_map(|(id, versions)| versions.spans.iter().map(move |s| (id, s)))
        .filter_map(|(id, span)| {
            let stopped = span.until?;
            let ends = stopped.add_years(years);
            let doc = lib.doc(span.key);
            (ends <= horizon).then(|| Due {
                id: id.clone(),
                version: span.version.clone(),
                title: doc.title().to_string(),
                file: doc.file.display.clone(),
                stopped,
                ends,
                decision: decision(lib, id, &span.version).map(Decided::from),
                doc: span.key,
            })
        })
        .collect();
    due.sort_by(|a, b| (a.ends, &a.id, &a.version).cmp(&(b.ends, &b.id, &b.version)));
    let (ended, ending) = due.into_iter().partition(|d| d.ends <= today);
    Report { today, years, ended, ending, gone: gone(lib) }
}

/// The lock's entries that no file has, with the decision recorded for each.
pub fn gone(lib: &Library) -> Vec<Gone> {
    lib.entries_without_file()
        .map(|e| Gone {
            id: e.id.clone(),
            version: e.version.clone(),
            ratified: e.date,
            decision: decision(lib, &e.id, &e.version).map(Decided::from),
        })
        .collect()
}
