//! The theme: templates, static files and the PDF template. The default theme
//! is embedded in the binary; a `theme/` folder in the content folder
//! overrides it file by file.

use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::Path;

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
    pub fn load(content_dir: &Path) -> Result<Theme, String> {
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
) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read theme folder {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let meta = std::fs::symlink_metadata(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if meta.file_type().is_symlink() {
            continue;
        }
        if meta.is_dir() {
            collect_dir(root, &path, out, overridden)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read theme file {}: {e}", path.display()))?;
            out.insert(rel.clone(), bytes);
            overridden.push(rel);
        }
    }
    Ok(())
}
