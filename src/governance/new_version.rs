//! `trustdocs new-version ID`: the current version copied into a new file
//! beside it, as the draft of the next version.
//!
//! File names: the current file's name with `-v<version>` at the end of its
//! stem (`lone-working.md` → `lone-working-v4.md`), replacing a `-v<version>`
//! already there (`lone-working-v3.md` → `lone-working-v4.md`).

use super::{line, open, versions, Change, OnDisk, Outcome, Step};
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

pub fn new_version(opts: &NewVersionOptions) -> Outcome {
    run(opts).unwrap_or_else(|refusal| refusal)
}

fn run(opts: &NewVersionOptions) -> Step<Outcome> {
    let (folder, project) = open(&opts.dir)?;
    let lib = &project.lib;
    let (id, versions) = versions(lib, &opts.id)?;
    if let Some(draft) = versions.preparing.map(|i| lib.doc(i)) {
        return Err(Outcome::refused(format!(
            "error: {id} already has a version in preparation: version {} ({}) in {}\n  edit that file, or ratify it first (`trustdocs ratify {id}`); there is one version in preparation at a time",
            super::version_of(draft),
            draft.status().map_or("", Status::as_str),
            draft.file.display
        )));
    }
    let Some(current) = versions.current.map(|i| lib.doc(i)) else {
        return Err(Outcome::refused(format!(
            "error: {id} has no ratified version to copy; its versions are: {}",
            versions.all.iter().map(|&i| describe(lib.doc(i))).collect::<Vec<_>>().join(", ")
        )));
    };
    let old = current
        .version()
        .cloned()
        .ok_or_else(|| Outcome::refused(format!("error: {} has no valid version", current.file.display)))?;
    let new = if opts.minor { old.next_minor() } else { old.next_major() };
    let source = OnDisk::read(lib, current)?;
    let target = file_for(&source.path, &new);
    let display = format!(
        "{}/{}",
        crate::load::display_path(&opts.dir),
        crate::load::display_path(target.strip_prefix(&opts.dir).unwrap_or(&target))
    );
    if target.exists() {
        return Err(Outcome::refused(format!(
            "error: {display} already exists; rename or remove it, or write the draft there yourself"
        )));
    }
    let text = draft_text(&source.text, &id, &old, &new, opts.today)
        .map_err(|why| Outcome::refused(format!("error: cannot copy {}: {why}", source.display)))?;
    let mut out = String::new();
    let file = source.with_text(text.clone());
    let file = crate::output::replace::NewFile { path: target.clone(), bytes: file.bytes };
    let change = Change { display: display.clone(), before: String::new(), after: text.clone(), file };
    super::write_or_show(&folder, &format!("new-version {id} version {new}"), &[change], false, &mut out)?;
    line(
        &mut out,
        format!("made {display}: {id} version {new}, a draft copied from version {old} ({})", source.display),
    );
    let entry_line = text.lines().position(|l| l.contains(HISTORY_PLACEHOLDER)).map_or(0, |n| n + 1);
    line(&mut out, "next:");
    line(&mut out, format!("  1. make the changes in {display}"));
    line(
        &mut out,
        format!("  2. say what changed in its last history entry (line {entry_line}), or give `ratify --summary`"),
    );
    let carried: Vec<&str> = ["validated", "references_checked", "eia", "published"]
        .into_iter()
        .filter(|k| text.lines().any(|l| l.starts_with(&format!("{k}:"))))
        .collect();
    if !carried.is_empty() {
        line(&mut out, format!("  3. check what was carried over from version {old}: {}", carried.join(", ")));
    }
    line(&mut out, format!("  then `trustdocs check {}` and, once the committee has approved it, `trustdocs ratify {id} --by <committee> --date <YYYY-MM-DD>`", crate::load::display_path(&opts.dir)));
    Ok(Outcome::done(out))
}

fn describe(doc: &Document) -> String {
    format!("version {} {}", super::version_of(doc), doc.status().map_or("(no status)", Status::as_str))
}

/// The text of the draft: the current version's, with the next version
/// number, `status: draft`, no ratification, review date or extension, and
/// a new history entry whose description is a placeholder C002 finds.
fn draft_text(text: &str, id: &DocId, old: &Version, new: &Version, today: Date) -> crate::Result<String> {
    let mut e = Editor::new(text)?;
    e.set("version", &Value::Text(new.as_str()));
    e.set("status", &Value::Word("draft"));
    for key in ["ratified", "review_date", "review_extension", "withdrawn"] {
        e.remove(key);
    }
    // The copy replaces the version it was copied from.
    if let Some(i) = e.find_item("replaces", "id", |s| DocId::new(s) == *id) {
        e.set_in("replaces", i, "version", &Value::Text(old.as_str()))?;
    }
    e.append_item(
        "history",
        &[
            ("version", Value::Text(new.as_str())),
            ("date", Value::Date(today)),
            ("description", Value::Text(HISTORY_PLACEHOLDER)),
        ],
    )?;
    e.finish()
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
