//! `check [DIR] [DOCUMENT...]`: the documents a check reports on. The whole
//! library is loaded and checked, so that references resolve; only the
//! chosen documents' diagnostics are reported, counted and used for the
//! exit status.

use super::{Checked, Project};
use crate::diag::Summary;
use crate::error::{Error, Result};
use crate::load::display_path;
use crate::model::DocId;
use crate::output::guard::canonical;
use crate::resolve::Library;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The chosen document files, by the path diagnostics name them with.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub files: BTreeSet<String>,
}

impl Project {
    /// The documents `args` name: files (any spelling of a path to a file
    /// under the content folder's `documents/`) or ids (any spelling of an
    /// id; an id stands for every version of it). A name that is not in the
    /// library is a usage error that says so and suggests the closest.
    pub fn select(&self, args: &[impl AsRef<OsStr>]) -> Result<Selection> {
        let mut files = BTreeSet::new();
        for arg in args {
            files.extend(select_one(&self.lib, Path::new(arg.as_ref()))?);
        }
        Ok(Selection { files })
    }
}

impl Checked {
    /// Only the diagnostics in the chosen files, counted again.
    pub fn only(mut self, selection: &Selection) -> Checked {
        self.diags.retain(|d| d.file.as_ref().is_some_and(|f| selection.files.contains(f)));
        let ids: BTreeSet<_> = (self.lib.docs().iter())
            .filter(|d| selection.files.contains(&d.file.display))
            .filter_map(|d| d.id())
            .collect();
        self.summary = Summary::of(selection.files.len(), &self.diags).with_ids(ids.len());
        self
    }
}

/// The content folder a document file lies in, when no folder was given:
/// the nearest folder above it that holds `site.yaml` and, below its
/// `documents/`, the file. The path keeps the spelling it was given in,
/// so diagnostics name the file as the author wrote it.
pub fn content_folder_of(file: &Path) -> Option<PathBuf> {
    let file_canonical = canonical(file).ok()?;
    file.ancestors().skip(1).find_map(|dir| {
        let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
        let holds = dir.join("site.yaml").is_file()
            && canonical(&dir.join("documents")).is_ok_and(|d| file_canonical.starts_with(d));
        holds.then(|| dir.to_path_buf())
    })
}

fn select_one(lib: &Library, arg: &Path) -> Result<Vec<String>> {
    if std::fs::metadata(arg).is_ok_and(|m| m.is_file()) {
        return file(lib, arg).map(|f| vec![f]);
    }
    let text = arg.to_string_lossy();
    let id = DocId::new(&text);
    let found = lib.by_id().get_key_value(&id).map(|(k, _)| k).or_else(|| {
        // `pol-002-015`, the id as its page's address spells it.
        let mut same_slug = lib.by_id().keys().filter(|k| k.slug() == crate::text::slugify_ascii(&text));
        same_slug.next().filter(|_| same_slug.next().is_none())
    });
    if let Some(id) = found {
        return Ok(lib.versions(id).map(|d| d.file.display.clone()).collect());
    }
    if arg.is_dir() {
        return Err(not_a_document(lib, arg, "it is a folder, and documents are named one by one"));
    }
    if text.ends_with(".md") {
        return Err(not_a_document(lib, arg, "there is no such file"));
    }
    let closest = crate::text::closest(id.as_str(), lib.by_id().keys().map(DocId::as_str));
    let help = match closest {
        Some(c) => format!("did you mean {c} ({})?", lib.target(&DocId::new(c)).map_or("", |d| d.title())),
        None => "give an id of the library, or the path of a document file".into(),
    };
    Err(Error::Usage(format!(
        "`{text}` is neither a document file nor the id of a document in {}; {help}",
        shown_dir(lib)
    )))
}

/// The display path of a document file given on the command line.
fn file(lib: &Library, arg: &Path) -> Result<String> {
    let wanted = canonical(arg).map_err(Error::io("read", arg))?;
    if let Some(doc) = lib.docs().iter().find(|d| canonical(&lib.dir.join(&d.file.path)).is_ok_and(|p| p == wanted)) {
        return Ok(doc.file.display.clone());
    }
    // A file the loader read but could not make a document of (not UTF-8,
    // no front matter): its diagnostics still name it.
    let documents = canonical(&lib.dir.join("documents")).map_err(Error::io("read", lib.dir.join("documents")))?;
    match wanted.strip_prefix(&documents) {
        Ok(rel) if rel.extension().is_some_and(|e| e == "md") => {
            Ok(format!("{}/documents/{}", shown_dir(lib), display_path(rel)))
        }
        _ => Err(not_a_document(lib, arg, "it is not a .md file under its documents/ folder")),
    }
}

fn not_a_document(lib: &Library, arg: &Path, why: &str) -> Error {
    let name = arg.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let names = lib.docs().iter().map(|d| d.file.display.as_str());
    let closest = crate::text::closest(&name, names.clone().filter_map(|p| p.rsplit('/').next()))
        .and_then(|c| names.clone().find(|p| p.ends_with(&format!("/{c}"))));
    let help = match closest {
        Some(c) => format!("did you mean {c}?"),
        None => format!("its documents are the .md files under {}/documents/", shown_dir(lib)),
    };
    Error::Usage(format!("{} is not a document of the content folder {}: {why}; {help}", arg.display(), shown_dir(lib)))
}

fn shown_dir(lib: &Library) -> String {
    display_path(&lib.dir)
}
