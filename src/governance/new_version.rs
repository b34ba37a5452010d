//! `trustdocs new-version ID`: the current version copied into a new file
//! beside it, as the draft of the next version.
//!
//! File names: the current file's name with `-v<version>` at the end of its
//! stem (`lone-working.md` → `lone-working-v4.md`), replacing a `-v<version>`
//! already there (`lone-working-v3.md` → `lone-working-v4.md`): `yaml::draft`,
//! which `import --new-version-of` shares.

use super::{apply, open, versions, Change, OnDisk};
use crate::error::{Error, Result};
use crate::model::HISTORY_PLACEHOLDER;
use crate::model::{Date, DocId, Document, Status, Version};
use crate::yaml::draft::{self, file_for};
use std::path::PathBuf;

pub struct NewVersionOptions {
    pub id: String,
    pub dir: PathBuf,
    /// The next minor version (3 → 3.1) instead of the next major one (3 → 4).
    pub minor: bool,
    /// The date of the new history entry.
    pub today: Date,
}

/// The draft `new-version` made, and what is left to do to it.
#[derive(Debug)]
pub struct NewVersion {
    pub id: DocId,
    /// The version copied, and its file as shown.
    pub from: Version,
    pub from_file: String,
    /// The new version, and the draft's file as shown.
    pub version: Version,
    pub file: String,
    /// The line of the history entry whose description is to be written (0: none).
    pub history_line: usize,
    /// The keys copied from the version in force that may no longer be true.
    pub carried: Vec<&'static str>,
    /// The content folder as shown.
    pub dir: String,
}

pub fn new_version(opts: &NewVersionOptions) -> Result<NewVersion> {
    let (folder, project) = open(&opts.dir, opts.today)?;
    let lib = &project.lib;
    let (id, versions) = versions(lib, &opts.id)?;
    if let Some(draft) = versions.preparing.map(|i| lib.doc(i)) {
        return Err(Error::Refused(format!(
            "{id} already has a version in preparation: version {} ({}) in {}\n  edit that file, or ratify it first (`trustdocs ratify {id}`); there is one version in preparation at a time",
            super::version_of(draft),
            draft.status().map_or("", Status::as_str),
            draft.file.display
        )));
    }
    let Some(current) = versions.decided.or(versions.current).map(|i| lib.doc(i)) else {
        return Err(Error::Refused(format!(
            "{id} has no ratified version to copy; its versions are: {}",
            versions.all.iter().map(|&i| describe(lib.doc(i))).collect::<Vec<_>>().join(", ")
        )));
    };
    let old = current
        .version()
        .cloned()
        .ok_or_else(|| Error::Refused(format!("{} has no valid version", current.file.display)))?;
    let new = if opts.minor { old.next_minor() } else { old.next_major() };
    let source = OnDisk::read(lib, current)?;
    let target = file_for(&source.path, &new);
    let display = format!(
        "{}/{}",
        crate::load::display_path(&opts.dir),
        crate::load::display_path(target.strip_prefix(&opts.dir).unwrap_or(&target))
    );
    if target.exists() {
        return Err(Error::Refused(format!(
            "{display} already exists; rename or remove it, or write the draft there yourself"
        )));
    }
    let text = draft_text(&source, &id, &old, &new, opts.today)?;
    let file = crate::output::replace::NewFile { path: target, bytes: source.with_text(text.clone()).bytes };
    let change = Change { display: display.clone(), before: String::new(), after: text.clone(), file };
    apply(&folder, &format!("new-version {id} version {new}"), vec![change], false)?;
    let history_line = text.lines().position(|l| l.contains(HISTORY_PLACEHOLDER)).map_or(0, |n| n + 1);
    let carried: Vec<&'static str> = ["validated", "references_checked", "eia", "published"]
        .into_iter()
        .filter(|k| text.lines().any(|l| l.starts_with(&format!("{k}:"))))
        .collect();
    let dir = crate::load::display_path(&opts.dir);
    Ok(NewVersion { id, from: old, from_file: source.display, version: new, file: display, history_line, carried, dir })
}

fn describe(doc: &Document) -> String {
    format!("version {} {}", super::version_of(doc), doc.status().map_or("(no status)", Status::as_str))
}

/// The text of the draft: the current version's, with the next version
/// number, `status: draft`, no ratification, effective date, review date
/// or extension, and a new history entry whose description is a
/// placeholder C002 finds (`yaml::draft`, shared with `import --new-version-of`).
fn draft_text(source: &OnDisk, id: &DocId, old: &Version, new: &Version, today: Date) -> Result<String> {
    let fail = |why| Error::Refused(format!("cannot copy {}: {why}", source.display));
    let mut e = draft::next_version(&source.text, id, old, new).map_err(fail)?;
    e.append_item("history", &draft::placeholder_entry(new, today)).map_err(fail)?;
    e.finish().map_err(fail)
}
