//! H006 and H007: ratified versions against their fingerprints in `ratified.lock`.

use super::at;
use crate::diag::{Code, Diagnostic};
use crate::model::{Document, Status};
use crate::resolve::Library;

/// Whether a version was ratified and so should have a lock entry.
fn was_ratified(doc: &Document) -> bool {
    matches!(doc.status(), Some(Status::Ratified | Status::Superseded))
}

/// H006 for a version whose text no longer matches its entry (a withdrawn
/// version that has one is held to it too), H007 for a ratified or
/// superseded version without one, once the library has a lock file.
pub fn check(lib: &Library, doc: &Document) -> Vec<Diagnostic> {
    let (Some(id), Some(version)) = (doc.id(), doc.version()) else {
        return Vec::new();
    };
    let pos = doc.meta.version.as_ref().map_or(doc.meta.start, |v| v.pos);
    let lock = &lib.lock;
    match lock.entry(id, version) {
        Some(entry) if doc.status().is_some_and(|s| !s.is_draft()) && !doc.fingerprint.is(&entry.fingerprint) => {
            let line = lock.line_of(id, version).unwrap_or(0);
            vec![at(
                doc,
                Code::H006,
                pos,
                format!(
                    "{id} version {version} was changed after it was ratified: its text no longer matches the fingerprint in {} (line {line}, ratified {} by {})",
                    lock.display, entry.date, entry.committee
                ),
            )
            .help(format!(
                "undo the change (version control shows it); to change the document, make a new version with `trustdocs new-version {id}` and have it ratified"
            ))]
        }
        None if lock.exists && was_ratified(doc) => vec![at(
            doc,
            Code::H007,
            pos,
            format!("{id} version {version} has no entry in {}: nothing proves what was ratified", lock.display),
        )
        .help("check that this file is what the committee ratified, then record it with `trustdocs lock`")],
        _ => Vec::new(),
    }
}

/// H007 once for a library without a lock file, rather than once per version.
pub fn unlocked_library(lib: &Library) -> Vec<Diagnostic> {
    let count = lib.docs.iter().filter(|d| was_ratified(d) && d.id().is_some()).count();
    if lib.lock.exists || count == 0 {
        return Vec::new();
    }
    let versions = if count == 1 { "version has" } else { "versions have" };
    vec![Diagnostic::new(
        Code::H007,
        format!("there is no {}: {count} ratified or superseded {versions} no fingerprint", lib.lock.display),
    )
    .help(format!(
        "check that the documents are what their committees ratified, then record them with `trustdocs lock {}`",
        crate::load::display_path(&lib.dir)
    ))]
}
