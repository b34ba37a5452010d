//! `trustdocs export ID [VERSION] --out FILE.docx`: a version as a Word
//! document an author can edit and `import --new-version-of` reads back.
//!
//! The OOXML is written directly (`xml`, `parts`, `styles`), with the
//! document control part first (`control`: the title, the front sheet,
//! the amendment history and the EIA as tables) and then the body
//! (`body`: headings in Word's heading styles, lists, tables). The file is
//! written through the one all-or-none writer of `output::replace`
//! (a temporary file beside it, then a rename), and replaces an existing
//! file only when `export` made it or `--force` is given.

mod body;
mod control;
mod parts;
mod styles;
mod xml;

pub use control::CONTROL;

use crate::error::{Error, Result};
use crate::model::{Date, Document, Version};
use crate::output::replace::{self, Existing, Folder, NewFile};
use crate::resolve::{Library, Versions};
use crate::Project;
use std::path::{Path, PathBuf};

pub struct Options {
    pub id: String,
    /// The version to export; the one in force on `today` when `None`.
    pub version: Option<String>,
    /// The content folder.
    pub dir: PathBuf,
    /// The `.docx` to write.
    pub out: PathBuf,
    /// Replace `out` even when `export` did not make it.
    pub force: bool,
    pub today: Date,
}

/// What `export` wrote.
#[derive(Debug, serde::Serialize)]
pub struct Exported {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The version's file, as shown.
    pub from: String,
    /// The Word file written.
    pub out: String,
}

pub fn run(opts: &Options) -> Result<Exported> {
    if !opts.out.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        return Err(Error::Usage(format!("--out {}: give a file name ending in .docx", opts.out.display())));
    }
    // A folder that cannot be read is bad input (exit 2), as for the other commands.
    let unreadable = |e: Error| match e {
        Error::Busy(_) | Error::Refused(_) => e,
        _ => Error::Unreadable(Box::new(e)),
    };
    let project = Project::load(&opts.dir, opts.today).map_err(unreadable)?;
    let doc = chosen(&project.lib, &opts.id, opts.version.as_deref(), opts.today)?;
    let mut document = String::new();
    control::write(&mut document, doc);
    let mut parts = parts::Parts::default();
    body::write(&mut document, &doc.body, &mut parts);
    let version = doc.version().map_or_else(|| "?".to_string(), ToString::to_string);
    let id = doc.id().map_or_else(String::new, ToString::to_string);
    let subject = format!("{id} version {version}");
    let bytes = parts.zip(&document, doc.title(), &subject).map_err(Error::io("make", &opts.out))?;
    let folder = opts.out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let not_ours = |path: &Path| {
        Error::Refused(format!(
            "{} exists and was not made by `trustdocs export` (or was saved since, by Word or an author): it is never overwritten; give another --out, move that file away, or add --force to replace it",
            path.display()
        ))
    };
    let existing =
        if opts.force { Existing::Replace } else { Existing::Ours { ours: &parts::is_ours, refusal: &not_ours } };
    let file = NewFile { path: opts.out.clone(), bytes };
    replace::write_all(Folder::Other(folder), &format!("export {id}"), existing, &[file])?;
    Ok(Exported {
        id,
        version,
        title: doc.title().to_string(),
        from: doc.file.display.clone(),
        out: opts.out.display().to_string(),
    })
}

/// The version asked for, or the one in force on `today`.
fn chosen<'l>(lib: &'l Library, id: &str, version: Option<&str>, today: Date) -> Result<&'l Document> {
    let (doc_id, versions) = lib.versions_named(id).map_err(Error::Usage)?;
    let listed = || list(lib, versions);
    match version {
        Some(v) => {
            let wanted = Version::parse(v).map_err(|e| Error::Usage(format!("version {v}: {e}")))?;
            let found = versions.all.iter().map(|&i| &**lib.doc(i)).find(|d| d.version() == Some(&wanted));
            found.ok_or_else(|| Error::Usage(format!("{doc_id} has no version {v}; its versions are: {}", listed())))
        }
        None => versions.current.map(|i| &**lib.doc(i)).ok_or_else(|| {
            Error::Usage(format!(
                "{doc_id} has no version in force on {today}; its versions are: {}. Name the one to export: `trustdocs export {doc_id} VERSION`",
                listed()
            ))
        }),
    }
}

/// "1 (superseded), 2 (ratified), 3 (draft)".
fn list(lib: &Library, versions: &Versions) -> String {
    let each = versions.all.iter().map(|&i| lib.doc(i)).map(|d| {
        let v = d.version().map_or_else(|| "?".to_string(), ToString::to_string);
        match d.status() {
            Some(s) => format!("{v} ({})", s.as_str()),
            None => v,
        }
    });
    each.collect::<Vec<_>>().join(", ")
}
