//! The theme: templates, static files and the PDF template. The default theme
//! is embedded in the binary; a `theme/` folder in the content folder
//! overrides it file by file.

use crate::error::{Error, Result};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

#[derive(Clone)]
pub struct Theme {
    /// Path inside the theme (`templates/base.html`) → contents.
    files: BTreeMap<String, Vec<u8>>,
    /// Paths that came from the content folder's `theme/`.
    overridden: Vec<String>,
}

impl Theme {
    /// The default theme with the overrides found in `content_dir/theme`.
    pub fn load(content_dir: &Path) -> Result<Theme> {
        let mut files = BTreeMap::new();
        collect_embedded(&DEFAULT, &mut files);
        let mut overridden = Vec::new();
        let dir = content_dir.join("theme");
        if dir.is_dir() {
            collect_dir(&dir, &dir, &mut files, &mut overridden)?;
        }
        Ok(Theme { files, overridden })
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// Files under a folder of the theme, with paths relative to it.
    pub fn under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        let prefix = format!("{folder}/");
        self.files.iter().filter_map(move |(p, b)| p.strip_prefix(&prefix).map(|rel| (rel, b.as_slice())))
    }

    /// Where a theme file came from, for error messages.
    pub fn origin(&self, path: &str) -> String {
        if self.overridden.iter().any(|p| p == path) {
            format!("theme/{path} (the content folder's theme)")
        } else {
            format!("themes/default/{path} (the built-in theme)")
        }
    }
}

/// The element ids of the default theme's pages that show an author's
/// text (`base.html`, `document.html`, `role.html`, their scripts, the
/// preview server's notice). An author's heading anchor never takes one: it
/// gets a suffix instead. A test keeps this list complete.
const RESERVED_IDS: &[&str] = &[
    "td-main",
    "td-header-q",
    "td-control",
    "td-consultation",
    "td-role-contact",
    "td-calendars",
    "td-roles",
    "td-toc",
    "td-related",
    "td-references",
    "td-history",
    "td-eia",
    "td-versions",
    "td-timeline",
    "td-in-force-form",
    "td-in-force-on",
    "td-in-force-status",
    "td-in-force-result",
    "td-search",
    "td-search-form",
    "td-search-hint",
    "td-search-q",
    "td-search-type",
    "td-search-status",
    "td-search-directorate",
    "td-search-message",
    "td-search-tips",
    "td-search-results",
    "td-search-more",
    "td-live-notice",
];

/// Ids the theme numbers: `fn-3` and `fnref-3` for a footnote.
const NUMBERED_IDS: &[&str] = &["fn-", "fnref-"];

/// Whether a page of the theme already uses the element id `id`.
pub fn reserved_id(id: &str) -> bool {
    let numbered =
        |p: &&str| id.strip_prefix(*p).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    RESERVED_IDS.contains(&id) || NUMBERED_IDS.iter().any(numbered)
}

fn collect_embedded(dir: &Dir<'static>, out: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        out.insert(file.path().to_string_lossy().replace('\\', "/"), file.contents().to_vec());
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

fn collect_dir(
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<String, Vec<u8>>,
    overridden: &mut Vec<String>,
) -> Result<()> {
    for path in files_under(dir)? {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(&path).map_err(Error::io("read theme file", &path))?;
        out.insert(rel.clone(), bytes);
        overridden.push(rel);
    }
    Ok(())
}

/// The files of a content folder's theme that override the default, as
/// `load` reads them (symbolic links are not followed), with their paths.
pub fn override_files(content_dir: &Path) -> Result<Vec<PathBuf>> {
    let dir = content_dir.join("theme");
    match dir.is_dir() {
        true => files_under(&dir),
        false => Ok(Vec::new()),
    }
}

/// Every regular file under `dir`, not following symbolic links.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(Error::io("read theme folder", dir))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let meta = std::fs::symlink_metadata(&path).map_err(Error::io("read", &path))?;
        if meta.file_type().is_symlink() {
            continue;
        }
        match meta.is_dir() {
            true => files.extend(files_under(&path)?),
            false => files.push(path),
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id the default theme writes, by scanning its templates and
    /// scripts: literal ids must be reserved, numbered ones by their prefix.
    #[test]
    fn every_id_the_theme_uses_is_reserved() {
        let mut files = BTreeMap::new();
        collect_embedded(&DEFAULT, &mut files);
        let pages = ["templates/base.html", "templates/document.html", "templates/role.html", "templates/search.html"];
        let texts = files.iter().filter(|(p, _)| pages.contains(&p.as_str()) || p.ends_with(".js"));
        let pattern = regex::Regex::new(r#"(?:\bid="|getElementById\(")([^"]*)""#).unwrap();
        let mut seen = 0;
        for (path, bytes) in texts {
            for c in pattern.captures_iter(std::str::from_utf8(bytes).unwrap()) {
                let id = &c[1];
                seen += 1;
                match id.split_once("{{") {
                    None => assert!(reserved_id(id), "{path}: id `{id}` is not reserved"),
                    Some(("", _)) => {}
                    Some((prefix, _)) => {
                        assert!(reserved_id(&format!("{prefix}1")), "{path}: `{id}`")
                    }
                }
            }
        }
        assert!(seen > 20, "the scan found the theme's ids");
        assert!(reserved_id("fn-12") && reserved_id("td-toc") && !reserved_id("td-toc-2") && !reserved_id("fn-x"));
    }
}
