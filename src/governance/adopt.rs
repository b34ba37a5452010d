//! `trustdocs lock`: a library adopts the lock. Every ratified and
//! superseded version without an entry gets one, from its text as it is
//! now; an existing entry is never changed.

use super::{line, open, Change, Outcome, Step};
use crate::lock::{Entry, Fingerprint};
use crate::model::{Document, Status};
use std::path::Path;

pub fn lock(dir: &Path) -> Outcome {
    run(dir).unwrap_or_else(|refusal| refusal)
}

fn run(dir: &Path) -> Step<Outcome> {
    let (folder, project) = open(dir)?;
    let lib = &project.lib;
    let mut out = String::new();
    let mut new = Vec::new();
    for d in lib.docs.iter().map(|d| &**d) {
        let (Some(id), Some(version)) = (d.id(), d.version()) else { continue };
        if !matches!(d.status(), Some(Status::Ratified | Status::Superseded)) || lib.lock.entry(id, version).is_some() {
            continue;
        }
        // Two files of one version (S005): neither can be taken for what was ratified.
        let twins = lib.versions(id).filter(|o| o.version() == Some(version)).count();
        match why_not(d, twins) {
            Some(why) => line(&mut out, format!("not recorded: {id} version {version} ({}): {why}", d.file.display)),
            None => {
                let ratified = d.meta.ratified.as_ref().expect("checked by why_not");
                let on_disk = std::fs::read_to_string(lib.dir.join(&d.file.path));
                let fingerprint = on_disk.map_or(d.fingerprint, |text| Fingerprint::of(&text));
                new.push(Entry {
                    id: id.clone(),
                    version: version.clone(),
                    date: ratified.date.expect("checked by why_not"),
                    fingerprint: fingerprint.to_string(),
                    committee: ratified.by.clone(),
                });
            }
        }
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
    let after = lib.lock.with_entries(&new).map_err(|why| Outcome::refused(format!("error: {why}")))?;
    let path = lib.dir.join(crate::lock::FILE);
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    let file = crate::output::replace::NewFile { path, bytes: after.clone().into_bytes() };
    let change = Change { display: lib.lock.display.clone(), before, after, file };
    super::write_or_show(&folder, "lock", &[change], false, &mut out)?;
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
