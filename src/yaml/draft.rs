//! The front matter of a new version, as `new-version` and
//! `import --new-version-of` both start it: one place, so that a draft made
//! from the version in force and one made from an edited Word file differ
//! only in what the Word file changed.

use super::edit::{Editor, Value};
use crate::error::Result;
use crate::model::{Date, DocId, Version, HISTORY_PLACEHOLDER};
use std::path::{Path, PathBuf};

/// The edits that make the text of version `old` of `id` the draft of
/// version `new`: the next version number, `status: draft`, no
/// ratification, effective date, review date, extension or withdrawal, and
/// `replaces` naming the version copied. The new history entry is the
/// caller's to append (`placeholder_entry`, or one an author wrote), and
/// `finish` theirs to call once they have made their own edits.
pub fn next_version<'t>(text: &'t str, id: &DocId, old: &Version, new: &Version) -> Result<Editor<'t>> {
    let mut e = Editor::new(text)?;
    e.set("version", &Value::Text(new.as_str()));
    e.set("status", &Value::Word("draft"));
    for key in ["ratified", "effective", "review_date", "review_extension", "withdrawn"] {
        e.remove(key);
    }
    // The copy replaces the version it was copied from.
    if let Some(i) = e.find_item("replaces", "id", |s| DocId::new(s) == *id) {
        e.set_in("replaces", i, "version", &Value::Text(old.as_str()))?;
    }
    Ok(e)
}

/// The history entry of a new version whose description is still to be
/// written: a placeholder C002 finds.
pub fn placeholder_entry(new: &Version, today: Date) -> [(&'static str, Value<'_>); 3] {
    [
        ("version", Value::Text(new.as_str())),
        ("date", Value::Date(today)),
        ("description", Value::Text(HISTORY_PLACEHOLDER)),
    ]
}

/// The file of a new version: the current file's name with `-v<version>`
/// at the end of its stem (`lone-working.md` → `lone-working-v4.md`),
/// replacing a `-v<version>` already there (`lone-working-v3.md` →
/// `lone-working-v4.md`).
pub fn file_for(current: &Path, version: &Version) -> PathBuf {
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
