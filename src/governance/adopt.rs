//! `trustdocs lock`: a library adopts the lock. Every ratified and
//! superseded version of an id that has no entry at all gets one, from its
//! text as it is now; an existing entry is never changed. A version without
//! an entry of an id that has entries is refused: it comes only through
//! `ratify`, or an edited version renumbered by hand would be recorded.

use super::{line, open, Change, Outcome, Step};
use crate::lock::{Entry, Format, Recorded};
use crate::model::{Document, Status};
use crate::output::folder_lock::Writing;
use crate::resolve::Library;
use std::path::Path;

pub fn lock(dir: &Path) -> Outcome {
    run(dir).unwrap_or_else(|refusal| refusal)
}

fn run(dir: &Path) -> Step<Outcome> {
    let (folder, project) = open(dir)?;
    let lib = &project.lib;
    let mut out = String::new();
    let mut new = Vec::new();
    let unentered = |d: &&Document| {
        let (Some(id), Some(version)) = (d.id(), d.version()) else { return false };
        matches!(d.status(), Some(Status::Ratified | Status::Superseded)) && lib.lock.entry(id, version).is_none()
    };
    let (refused, adopted): (Vec<&Document>, Vec<&Document>) =
        lib.docs().iter().map(|d| &**d).filter(unentered).partition(|d| d.id().is_some_and(|id| lib.lock.has_id(id)));
    if !refused.is_empty() {
        return Err(renumbered(lib, &refused));
    }
    for d in adopted {
        let (Some(id), Some(version)) = (d.id(), d.version()) else { continue };
        // Two files of one version (S005): neither can be taken for what was ratified.
        let twins = lib.versions(id).filter(|o| o.version() == Some(version)).count();
        match why_not(d, twins) {
            Some(why) => line(&mut out, format!("not recorded: {id} version {version} ({}): {why}", d.file.display)),
            None => {
                let ratified = d.meta.ratified.as_ref().expect("checked by why_not");
                new.push(Entry {
                    id: id.clone(),
                    version: version.clone(),
                    date: ratified.date.expect("checked by why_not"),
                    fingerprint: Recorded::new(lib.fingerprint(d, Format::WithFiles)),
                    committee: ratified.by.clone(),
                });
            }
        }
    }
    if new.is_empty() && !lib.lock.exists {
        write(&folder, lib, &[], &mut out)?;
        line(&mut out, format!("{}: made; no ratified version to record yet", lib.lock.display));
        return Ok(Outcome::done(out));
    }
    if new.is_empty() {
        line(
            &mut out,
            format!(
                "{}: nothing to record; every ratified and superseded version that can be recorded has an entry",
                lib.lock.display
            ),
        );
        return Ok(Outcome::done(out));
    }
    write(&folder, lib, &new, &mut out)?;
    new.sort_by(|a, b| (&a.id, &a.version).cmp(&(&b.id, &b.version)));
    for e in &new {
        line(
            &mut out,
            format!(
                "recorded {} version {} (ratified {} by {}): {}",
                e.id, e.version, e.date, e.committee, e.fingerprint
            ),
        );
    }
    let n = new.len();
    line(
        &mut out,
        format!(
            "{}: {n} version{} recorded as they are now; check that each is what its committee ratified",
            lib.lock.display,
            if n == 1 { "" } else { "s" }
        ),
    );
    Ok(Outcome::done(out))
}

/// Adds `new` to the lock file, which is made when there is none.
fn write(folder: &Writing, lib: &Library, new: &[Entry], out: &mut String) -> Step<()> {
    let after = lib.lock.with_entries(new).map_err(|why| Outcome::refused(format!("error: {why}")))?;
    let path = lib.dir.join(crate::lock::FILE);
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    let file = crate::output::replace::NewFile { path, bytes: after.clone().into_bytes() };
    super::write_or_show(
        folder,
        "lock",
        &[Change { display: lib.lock.display.clone(), before, after, file }],
        false,
        out,
    )
}

/// The refusal for versions of ids that already have entries.
fn renumbered(lib: &Library, refused: &[&Document]) -> Outcome {
    let mut err = format!(
        "error: refusing to record {} version{} of documents that already have entries in {}:\n",
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
    Outcome::refused(crate::text::for_terminal(&err).into_owned())
}

/// Why a version cannot be recorded, if it cannot.
fn why_not(d: &Document, files_of_version: usize) -> Option<String> {
    if files_of_version > 1 {
        return Some("another file has the same id and version (S005)".into());
    }
    match &d.meta.ratified {
        None => Some("it has no `ratified: { by, date }` (S003)".into()),
        Some(r) if r.date.is_none() => Some("its `ratified` has no date (S003)".into()),
        Some(_) => None,
    }
}
