//! The lock's checks (docs/governance.md): H006 a version changed after
//! ratification, H007 and H011 a ratified version with no entry, H010 an
//! entry whose version has gone, H012 an entry that disagrees with the
//! version's `ratified:`.

use super::at;
use crate::diag::{Code, Diagnostic};
use crate::lock::Entry;
use crate::model::{Document, Pos, Status};
use crate::resolve::Library;

/// Whether a version was ratified and so should have a lock entry.
fn was_ratified(doc: &Document) -> bool {
    matches!(doc.status(), Some(Status::Ratified | Status::Superseded))
}

/// The checks of one version against its entry, or its lack of one.
pub fn check(lib: &Library, doc: &Document) -> Vec<Diagnostic> {
    let (Some(id), Some(version)) = (doc.id(), doc.version()) else {
        return Vec::new();
    };
    let pos = doc.meta.version.as_ref().map_or(doc.meta.start, |v| v.pos);
    let lock = &lib.lock;
    let Some(entry) = lock.entry(id, version) else {
        return match lock.exists && was_ratified(doc) {
            true => vec![unentered(lib, doc, pos)],
            false => Vec::new(),
        };
    };
    let line = lock.line_of(id, version).unwrap_or(0);
    let mut out = Vec::new();
    if lib.fingerprint(doc, entry.fingerprint.format) != entry.fingerprint.digest {
        let draft = if doc.status().is_some_and(Status::is_draft) { " (and it is now marked as a draft)" } else { "" };
        out.push(
            at(
                doc,
                Code::H006,
                pos,
                format!(
                    "{id} version {version} was changed after it was ratified{draft}: its text, or an image or attachment it uses, no longer matches the fingerprint in {} (line {line}, ratified {} by {})",
                    lock.display, entry.date, entry.committee
                ),
            )
            .help(format!(
                "undo the change (version control shows it); to change the document, make a new version with `trustdocs new-version {id}` and have it ratified"
            )),
        );
    }
    out.extend(disagreement(doc, entry, line, &lock.display));
    out
}

/// H011 (or, before the library has a lock, nothing: `unlocked_library` notes it once).
fn unentered(lib: &Library, doc: &Document, pos: Pos) -> Diagnostic {
    let (id, version) = (doc.id().expect("checked"), doc.version().expect("checked"));
    let help = if lib.lock.has_id(id) {
        format!(
            "other versions of {id} are recorded, and a new version is recorded only by `trustdocs ratify`: if an edited version was given a new number, undo that; to change the document, make a new version with `trustdocs new-version {id}` and have it ratified"
        )
    } else {
        format!(
            "check that this file is what the committee ratified, then record it with `trustdocs lock {}`",
            crate::load::display_path(&lib.dir)
        )
    };
    at(
        doc,
        Code::H011,
        pos,
        format!("{id} version {version} has no entry in {}: nothing proves what was ratified", lib.lock.display),
    )
    .help(help)
}

/// H012: the entry records another date or committee than the version's
/// `ratified:` says.
fn disagreement(doc: &Document, entry: &Entry, line: u32, lock: &str) -> Option<Diagnostic> {
    let ratified = doc.meta.ratified.as_ref()?;
    let same_committee = one_line(&ratified.by) == one_line(&entry.committee);
    let same_date = ratified.date.is_none_or(|d| d == entry.date);
    if same_committee && same_date {
        return None;
    }
    let said = format!("{} by {}", ratified.date.map_or("?".into(), |d| d.to_string()), ratified.by);
    Some(
        at(
            doc,
            Code::H012,
            doc.meta.ratified.as_ref().map_or(doc.meta.start, |r| r.pos),
            format!(
                "`ratified:` says {said}, but {lock} (line {line}) records the ratification of {} by {}",
                entry.date, entry.committee
            ),
        )
        .help("the lock records what the committee decided: correct `ratified:` to match it, or find out which is wrong from the committee's minutes"),
    )
}

fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// H007 once for a library without a lock file, rather than once per
/// version; H010 for each entry whose version has no file.
pub fn library_wide(lib: &Library) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = lib.entries_without_file().filter_map(|e| gone(lib, e)).collect();
    let count = lib.docs().iter().filter(|d| was_ratified(d) && d.id().is_some()).count();
    if lib.lock.exists || count == 0 {
        return out;
    }
    let versions = if count == 1 { "version has" } else { "versions have" };
    out.push(
        Diagnostic::new(
            Code::H007,
            format!("there is no {}: {count} ratified or superseded {versions} no fingerprint", lib.lock.display),
        )
        .help(format!(
            "check that the documents are what their committees ratified, then record them with `trustdocs lock {}`",
            crate::load::display_path(&lib.dir)
        )),
    );
    out
}

/// H010 for an entry no file has, unless its destruction or transfer is recorded.
fn gone(lib: &Library, entry: &Entry) -> Option<Diagnostic> {
    if lib.retention.lets_file_go(&entry.id, &entry.version) {
        return None;
    }
    let line = lib.lock.line_of(&entry.id, &entry.version).unwrap_or(1);
    let renumbered = lib
        .versions(&entry.id)
        .find_map(|d| {
            let v = d.version()?;
            lib.lock
                .entry(&entry.id, v)
                .is_none()
                .then(|| format!("; {} has version {v}, which has no entry: was it renumbered?", d.file.display))
        })
        .unwrap_or_default();
    Some(
        Diagnostic::new(
            Code::H010,
            format!(
                "{} version {} was ratified on {} by {}, but no file has that version now{renumbered}",
                entry.id, entry.version, entry.date, entry.committee
            ),
        )
        .in_file(&lib.lock.display)
        .at(Pos::new(line, 1))
        .for_document(Some(&entry.id))
        .help(format!(
            "restore the file from version control; a version whose retention period has ended leaves only after a `destroy` or `transfer` decision is recorded in {} (`trustdocs retain {} {} --decision destroy --by <name> --date <YYYY-MM-DD> --reason <why>`)",
            crate::lock::retention::FILE,
            entry.id,
            entry.version
        )),
    )
}
