//! The command line's index on disk, and when to rebuild it.
//!
//! It lives beside the content folder, in
//! `<parent>/.trustdocs/search-index/<folder name>/`, never inside the content
//! (which belongs to the authors) nor the output (which a build replaces
//! whole). A file `inputs` in it holds a hash of everything the index was
//! made from: the documents, `site.yaml`, `roles.yaml`, `glossary.yaml`, the
//! options and this build of the program. When the hash differs, or the index
//! cannot be opened, it is rebuilt in a fresh folder and swapped in, so a
//! search never sees half an index. The `.trustdocs` folder ignores itself
//! in git (it holds a `.gitignore` of `*`).

use super::index::{self, SearchIndex};
use crate::error::{Error, Result};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Bumped whenever the index's layout or analysis changes.
const FORMAT: &str = "trustdocs-search-2";

pub struct Cached {
    pub index: SearchIndex,
    /// Whether this call had to build it.
    pub rebuilt: bool,
    pub dir: PathBuf,
}

/// Where the index of `content` lives.
pub fn location(content: &Path) -> Result<PathBuf> {
    let abs = content.canonicalize().map_err(Error::io("read content folder", content))?;
    let name =
        abs.file_name().map_or_else(|| "content".to_string(), |n| crate::text::slugify_ascii(&n.to_string_lossy()));
    let parent = abs.parent().unwrap_or(&abs);
    Ok(parent.join(".trustdocs").join("search-index").join(name))
}

/// Opens the index of `content`, building it first when missing or stale.
/// `build` makes the search documents; it runs only when needed.
pub fn open_or_build(
    content: &Path,
    drafts: bool,
    build: impl FnOnce() -> Result<Vec<super::extract::SearchDoc>>,
) -> Result<Cached> {
    let dir = location(content)?;
    let hash = inputs_hash(content, drafts);
    if std::fs::read_to_string(dir.join("inputs")).is_ok_and(|h| h == hash) {
        if let Ok(index) = index::open(&dir) {
            return Ok(Cached { index, rebuilt: false, dir });
        }
    }
    replaceable(&dir)?;
    let docs = build()?;
    let parent = dir.parent().unwrap_or(&dir);
    std::fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
    let prefix = format!("{}.building-{}-", dir.file_name().unwrap_or_default().to_string_lossy(), std::process::id());
    let fresh = crate::output::create_unique_dir(parent, &prefix).map_err(Error::io("create a folder in", parent))?;
    let built = fill(&fresh, &docs, &hash, &dir);
    if built.is_err() {
        let _ = std::fs::remove_dir_all(&fresh);
    }
    built?;
    let index = index::open(&dir)
        .map_err(|source| Error::Search { doing: format!("open the search index {}", dir.display()), source })?;
    Ok(Cached { index, rebuilt: true, dir })
}

/// Builds the index into the new folder `fresh` and swaps it in for `dir`.
fn fill(fresh: &Path, docs: &[super::extract::SearchDoc], hash: &str, dir: &Path) -> Result<()> {
    ignore_in_git(dir);
    index::build(docs, Some(fresh), true)
        .map_err(|source| Error::Search { doing: "build the search index".into(), source })?;
    std::fs::write(fresh.join("inputs"), hash).map_err(Error::io("write", fresh))?;
    swap_in(fresh, dir)
}

/// The index folder may be replaced only when it is absent, empty, or
/// holds the `inputs` file an index build writes.
fn replaceable(dir: &Path) -> Result<()> {
    let Ok(mut entries) = std::fs::read_dir(dir) else { return Ok(()) };
    if entries.next().is_none() || dir.join("inputs").is_file() {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "{} holds files that trustdocs did not make, so the search index cannot be kept there; move them elsewhere",
        dir.display()
    )))
}

/// Replaces `dir` with `fresh`; the old index is removed after.
fn swap_in(fresh: &Path, dir: &Path) -> Result<()> {
    let parent = dir.parent().unwrap_or(dir);
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let old = crate::output::unused_name(parent, &format!("{name}.old-{}-", std::process::id()));
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(Error::io("replace", dir))?;
    }
    let moved = std::fs::rename(fresh, dir).map_err(Error::io("move the new index into", dir));
    let _ = std::fs::remove_dir_all(&old);
    moved
}

/// Writes `.trustdocs/.gitignore` (`*`) so the cache never shows up in git.
fn ignore_in_git(index_dir: &Path) {
    if let Some(root) = index_dir.parent().and_then(Path::parent) {
        let _ = std::fs::create_dir_all(root);
        let ignore = root.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(ignore, "# trustdocs' caches: never commit them\n*\n");
        }
    }
}

/// A hash of everything the index is made from (see the module docs).
pub fn inputs_hash(content: &Path, drafts: bool) -> String {
    let mut files = Vec::new();
    for name in ["site.yaml", "roles.yaml", "glossary.yaml"] {
        files.push(PathBuf::from(name));
    }
    list_files(content, Path::new("documents"), &mut files);
    files.sort();
    // Stable for one build of this program; a new Rust release may change
    // it, which only costs one rebuild.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // A new build of the program may index differently under the same version number.
    h.write(format!("{FORMAT} {} drafts={drafts}", crate::program::identity()).as_bytes());
    for rel in &files {
        h.write(rel.to_string_lossy().as_bytes());
        h.write_u8(0);
        match std::fs::read(content.join(rel)) {
            Ok(bytes) => h.write(&bytes),
            Err(_) => h.write_u8(1),
        }
    }
    format!("{:016x} {} files", h.finish(), files.len())
}

/// Every file under `content/rel`, as paths relative to `content`.
fn list_files(content: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(content.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let path = rel.join(entry.file_name());
        match entry.file_type() {
            Ok(t) if t.is_dir() => list_files(content, &path, out),
            Ok(_) => out.push(path),
            Err(_) => {}
        }
    }
}
