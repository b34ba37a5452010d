//! Amendment history: H001–H005, and H008 across the versions of an id.

use super::{at, doc_pos};
use crate::diag::{Code, Diagnostic};
use crate::model::timeline::Dates;
use crate::model::{Date, Document, Precision, Status};
use crate::resolve::{DocIndex, Library};
use std::cmp::Ordering;

/// Compares two dates at the coarser of their precisions, so `2017-11` is
/// neither before nor after `2017-11-13`.
fn compare(a: Date, b: Date) -> Ordering {
    if a.precision == Precision::Month || b.precision == Precision::Month {
        (a.day.format("%Y%m").to_string()).cmp(&b.day.format("%Y%m").to_string())
    } else {
        a.cmp(&b)
    }
}

/// H005, for a document that is or would be in force.
pub fn without_history(doc: &Document) -> Option<Diagnostic> {
    (doc.meta.history_items == 0 && doc.meta.history.as_ref().is_none_or(|h| h.value.is_empty())).then(|| {
        at(doc, Code::H005, doc_pos(doc), "ratified document without an amendment history")
            .help("add `history:` with at least the entry for this version")
    })
}

pub fn check(lib: &Library, index: DocIndex) -> Vec<Diagnostic> {
    let doc = lib.doc(index);
    let m = &doc.meta;
    let mut out = Vec::new();
    let entries = m.history.as_ref().map(|h| h.value.as_slice()).unwrap_or_default();
    if entries.is_empty() {
        // Entries that are written but could not be read are S003/S004 already.
        if lib.in_force(index) {
            out.extend(without_history(doc));
        }
        return out;
    }
    for pair in entries.windows(2) {
        let (prev, e) = (&pair[0], &pair[1]);
        if e.version.value <= prev.version.value {
            out.push(
                at(
                    doc,
                    Code::H001,
                    e.version.pos,
                    format!("history version {} does not come after version {}", e.version.value, prev.version.value),
                )
                .help("list the history oldest first, each version higher than the one before"),
            );
        } else if compare(e.date.value, prev.date.value) == Ordering::Less {
            out.push(
                at(
                    doc,
                    Code::H002,
                    e.date.pos,
                    format!(
                        "version {} is dated {}, before version {} ({})",
                        e.version.value, e.date.value, prev.version.value, prev.date.value
                    ),
                )
                .help("one of the two dates is probably wrong"),
            );
        }
    }
    let last = entries.last().expect("history is not empty here");
    if let Some(v) = &m.version {
        if v.value != last.version.value {
            out.push(
                at(
                    doc,
                    Code::H003,
                    v.pos,
                    format!("version {} differs from the last history entry, version {}", v.value, last.version.value),
                )
                .help(format!("add a history entry for version {}, or correct the version", v.value)),
            );
        }
    }
    if let (Some(entry_review), Some(review)) = (&last.review_date, &m.review_date) {
        if entry_review.value != review.value {
            out.push(at(
                doc,
                Code::H004,
                entry_review.pos,
                format!(
                    "the last history entry's review date {} differs from review_date {}",
                    entry_review.value, review.value
                ),
            ));
        }
    }
    out
}

/// H009: a version said to come into force before it was ratified, or two
/// versions of one id that would come into force on the same day (the
/// timeline could not say which was in force).
pub fn effective_dates(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for versions in lib.by_id().values() {
        let mut starts: Vec<(Date, DocIndex)> = Vec::new();
        for &i in &versions.all {
            let doc = lib.doc(i);
            let Some(dates) = Dates::of(doc) else { continue };
            if let (Some(effective), Some(ratified)) = (&doc.meta.effective, dates.ratified) {
                if effective.value < ratified {
                    out.push(
                        at(doc, Code::H009, effective.pos, format!(
                            "effective {} is before the ratification on {ratified}: a version cannot come into force before it is ratified",
                            effective.value
                        ))
                        .help("write the day the committee decided it comes into force, on or after `ratified.date`, or remove `effective`"),
                    );
                }
            }
            if let Some(start) = dates.start() {
                if let Some(&(_, other)) = starts.iter().find(|(d, _)| *d == start) {
                    let other = lib.doc(other).version().map_or("?".to_string(), |v| v.to_string());
                    let pos = doc.meta.effective.as_ref().map_or(doc_pos(doc), |e| e.pos);
                    out.push(
                        at(doc, Code::H009, pos, format!("version {} comes into force on {start}, the same day as version {other}", dates.version))
                            .help("give the later version an `effective` date after the earlier one's, so that one version is in force each day"),
                    );
                }
                starts.push((start, i));
            }
        }
    }
    out
}

/// H008: every version of an id is marked superseded, and no ratified
/// document replaces it. The timeline reads dates, not the status, so the
/// last version stays in force: the status and the record disagree.
pub fn nothing_in_force(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, versions) in lib.by_id() {
        let statuses: Vec<Option<Status>> = versions.all.iter().map(|&i| lib.doc(i).status()).collect();
        let on_record = |s: &Option<Status>| matches!(s, Some(Status::Superseded));
        let Some(&newest) = versions.all.iter().rev().find(|&&i| on_record(&lib.doc(i).status())) else { continue };
        let all_superseded = statuses.iter().all(|s| on_record(s) || s.is_some_and(Status::is_draft));
        let replaced = lib.replacements_of(id).any(|d| d.is_ratified());
        if !all_superseded || replaced {
            continue;
        }
        let doc = lib.doc(newest);
        let v = doc.version().map_or("?".to_string(), |v| v.to_string());
        let preparing = match versions.preparing.map(|i| lib.doc(i)) {
            Some(draft) => format!(
                " (version {} is still in preparation)",
                draft.version().map_or("?".to_string(), |v| v.to_string())
            ),
            None => String::new(),
        };
        let message = format!(
            "every version of {id} is marked superseded and no document replaces it, yet no later version or withdrawal ended version {v}: by its dates it is still in force{preparing}"
        );
        out.push(at(doc, Code::H008, doc_pos(doc), message).help(format!(
            "if version {v} is still in force, set it back to `status: ratified`; if it is no longer needed, withdraw it with `trustdocs withdraw {id}` (which records the date it left force); if another document replaced it, name {id} in that document's `replaces`, which ends it on the day that document comes into force"
        )));
    }
    out
}
