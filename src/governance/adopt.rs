//! `trustdocs lock`: a library adopts the lock. Every ratified and
//! superseded version of an id that has no entry at all gets one, from its
//! text as it is now; an existing entry is never changed. A version without
//! an entry of an id that has entries is refused: it comes only through
//! `ratify`, or an edited version renumbered by hand would be recorded.

use super::{apply, open, Change};
use crate::error::{Error, Result};
use crate::lock::{Entry, Format, Recorded};
use crate::model::{Date, DocId, Document, Status, Version};
use crate::output::folder_lock::Writing;
use crate::resolve::Library;
use std::path::Path;

/// What `lock` did.
#[derive(Debug)]
pub struct Locked {
    /// The lock file as shown.
    pub lock: String,
    /// Versions it could not record, and why.
    pub unrecorded: Vec<Unrecorded>,
    /// The entries it added, by id and version; none when there was nothing
    /// to record.
    pub recorded: Vec<Entry>,
    /// Whether it made the lock file, which did not exist.
    pub made: bool,
}

/// A version that cannot be taken for what was ratified.
#[derive(Debug)]
pub struct Unrecorded {
    pub id: DocId,
    pub version: Version,
    pub file: String,
    pub why: Unrecordable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unrecordable {
    /// Another file has the same id and version (S005).
    Twin,
    /// It has no `ratified: { by, date }` (S003).
    NotRatified,
    /// Its `ratified` has no date (S003).
    NoDate,
}

pub fn lock(dir: &Path, today: Date) -> Result<Locked> {
    let (folder, project) = open(dir, today)?;
    let lib = &project.lib;
    let unentered = |d: &&Document| {
        let (Some(id), Some(version)) = (d.id(), d.version()) else { return false };
        matches!(d.status(), Some(Status::Ratified | Status::Superseded)) && lib.lock.entry(id, version).is_none()
    };
    let (refused, adopted): (Vec<&Document>, Vec<&Document>) =
        lib.docs().iter().map(|d| &**d).filter(unentered).partition(|d| d.id().is_some_and(|id| lib.lock.has_id(id)));
    if !refused.is_empty() {
        return Err(renumbered(lib, &refused));
    }
    let mut locked =
        Locked { lock: lib.lock.display.clone(), unrecorded: Vec::new(), recorded: Vec::new(), made: false };
    for d in adopted {
        let (Some(id), Some(version)) = (d.id(), d.version()) else { continue };
        // Two files of one version (S005): neither can be taken for what was ratified.
        let twins = lib.versions(id).filter(|o| o.version() == Some(version)).count();
        match why_not(d, twins) {
            Some(why) => locked.unrecorded.push(Unrecorded {
                id: id.clone(),
                version: version.clone(),
                file: d.file.display.clone(),
                why,
            }),
            None => {
                let ratified = d.meta.ratified.as_ref().expect("checked by why_not");
                locked.recorded.push(Entry {
                    id: id.clone(),
                    version: version.clone(),
                    date: ratified.date.expect("checked by why_not"),
                    fingerprint: Recorded::new(lib.fingerprint(d, Format::WithFiles)),
                    committee: ratified.by.clone(),
                });
            }
        }
    }
    if !locked.recorded.is_empty() || !lib.lock.exists {
        write(&folder, lib, &locked.recorded)?;
        locked.made = !lib.lock.exists;
    }
    locked.recorded.sort_by(|a, b| (&a.id, &a.version).cmp(&(&b.id, &b.version)));
    Ok(locked)
}

/// Adds `new` to the lock file, which is made when there is none.
fn write(folder: &Writing, lib: &Library, new: &[Entry]) -> Result<()> {
    let after = lib.lock.with_entries(new)?;
    let path = lib.dir.join(crate::lock::FILE);
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    let file = crate::output::replace::NewFile { path, bytes: after.clone().into_bytes() };
    apply(folder, "lock", vec![Change { display: lib.lock.display.clone(), before, after, file }], false)?;
    Ok(())
}

/// The refusal for versions of ids that already have entries.
fn renumbered(lib: &Library, refused: &[&Document]) -> Error {
    let mut err = format!(
        "refusing to record {} version{} of documents that already have entries in {}:\n",
        refused.len(),
        if refused.len() == 1 { "" } else { "s" },
        lib.lock.display
    );
    for d in refused {
        let id = d.id().map(|i| i.to_string()).unwrap_or_default();
        err.push_str(&format!("  {id} version {} ({})\n", super::version_of(d), d.file.display));
    }
    err.push_str(
        "  a new version of a recorded document is recorded only by `trustdocs ratify`, when its committee ratifies it;\n  if a ratified version was edited and given a new number, undo that (version control shows it);\n  to record a ratification made outside trustdocs, mark the version `status: draft` and run `trustdocs ratify` with that decision's committee and date\n  nothing was written",
    );
    Error::Refused(err)
}

/// Why a version cannot be recorded, if it cannot.
fn why_not(d: &Document, files_of_version: usize) -> Option<Unrecordable> {
    if files_of_version > 1 {
        return Some(Unrecordable::Twin);
    }
    match &d.meta.ratified {
        None => Some(Unrecordable::NotRatified),
        Some(r) if r.date.is_none() => Some(Unrecordable::NoDate),
        Some(_) => None,
    }
}
