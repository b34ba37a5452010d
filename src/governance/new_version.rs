//! `trustdocs new-version ID`: the current version copied into a new file
//! beside it, as the draft of the next version.
//!
//! File names: the current file's name with `-v<version>` at the end of its
//! stem (`lone-working.md` → `lone-working-v4.md`), replacing a `-v<version>`
//! already there (`lone-working-v3.md` → `lone-working-v4.md`).

use super::{apply, open, versions, Change, OnDisk};
use crate::error::{Error, Result};
use crate::model::HISTORY_PLACEHOLDER;
use crate::model::{Date, DocId, Document, Status, Version};
use crate::yaml::edit::{Editor, Value};
use std::path::{Path, PathBuf};

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
/// placeholder C002 finds.
fn draft_text(source: &OnDisk, id: &DocId, old: &Version, new: &Version, today: Date) -> Result<String> {
    let fail = |why| Error::Refused(format!("cannot copy {}: {why}", source.display));
    let mut e = Editor::new(&source.text).map_err(fail)?;
    e.set("version", &Value::Text(new.as_str()));
    e.set("status", &Value::Word("draft"));
    for key in ["ratified", "effective", "review_date", "review_extension", "withdrawn"] {
        e.remove(key);
    }
    // The copy replaces the version it was copied from.
    if let Some(i) = e.find_item("replaces", "id", |s| DocId::new(s) == *id) {
        e.set_in("replaces", i, "version", &Value::Text(old.as_str())).map_err(fail)?;
    }
    e.append_item(
        "history",
        &[
            ("version", Value::Text(new.as_str())),
            ("date", Value::Date(today)),
            ("description", Value::Text(HISTORY_PLACEHOLDER)),
        ],
    )
    .map_err(fail)?;
    e.finish().map_err(fail)
}

/// `name.md` → `name-v4.md`; `name-v3.md` → `name-v4.md`.
fn file_for(current: &Path, version: &Version) -> PathBuf {
    let stem = current.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let base = match stem.rsplit_once("-v") {
        Some((base, v)) if !v.is_empty() && Version::parse(v).is_ok() => base.to_string(),
        _ => stem,
    };
    current.with_file_name(format!("{base}-v{version}.md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_version() {
        let v = Version::parse("4").unwrap();
        assert_eq!(file_for(Path::new("d/lone-working.md"), &v), Path::new("d/lone-working-v4.md"));
        assert_eq!(file_for(Path::new("d/lone-working-v3.md"), &v), Path::new("d/lone-working-v4.md"));
        assert_eq!(file_for(Path::new("d/lone-working-v3.1.md"), &v), Path::new("d/lone-working-v4.md"));
        assert_eq!(file_for(Path::new("d/a-very-good.md"), &v), Path::new("d/a-very-good-v4.md"));
    }
}
