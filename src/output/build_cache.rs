//! What a build leaves in its output folder for the next one: for each
//! piece of work (a page, a document's search excerpts) the key of its
//! inputs and the files it made, and for the whole build the key of every
//! input and what it reported. The next build takes a file from the last
//! one only when the key is the same and the file is still the one that
//! build wrote (same length, modification time and inode); anything else
//! in this file, or a file that cannot be read, is ignored, never trusted.

use super::safe_relative;
use crate::digest::hex;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Where the cache sits inside the output folder.
pub const PATH: &str = ".trustdocs/build-cache.json";

/// Far more than a cache of 100,000 documents' output takes.
const MAX_BYTES: u64 = 1 << 30;

/// Changed whenever what a key covers or this file's shape changes.
const FORMAT: u32 = 1;

/// A file as the build that made it left it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified_ns: i128,
    pub inode: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&std::fs::symlink_metadata(path).ok()?)
    }

    /// The stamp of a regular file from its metadata (a link's, when the
    /// metadata is the link's own, is none).
    pub fn of_metadata(m: &std::fs::Metadata) -> Option<Stamp> {
        if !m.is_file() {
            return None;
        }
        let modified = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(Stamp { len: m.len(), modified_ns: modified.as_nanos() as i128, inode: inode(m) })
    }
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

/// What the last build reported, shown again when nothing has changed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Outcome {
    pub summary: [usize; 6],
    pub report: String,
    pub pages: usize,
    pub pdfs: usize,
}

/// The cache as written: checked against its own digest when read.
#[derive(Serialize, Deserialize)]
struct Stored {
    format: u32,
    /// The SHA-256 of `body`, so that a damaged file is never read as a
    /// smaller, wrong one.
    digest: String,
    body: String,
}

#[derive(Default, Serialize, Deserialize)]
pub struct Body {
    /// The key of every input of the build (`None`: a build that must not
    /// be skipped, such as one whose PDFs failed).
    pub whole: Option<String>,
    pub outcome: Outcome,
    /// Every file of the output, as written.
    pub files: BTreeMap<String, Stamp>,
    /// Key of a piece of work → the files it made.
    pub units: HashMap<String, Vec<String>>,
}

/// The last build's cache, read from an output folder.
pub struct Previous {
    out: PathBuf,
    body: Body,
}

impl Previous {
    /// The cache in `out`, or `None` when there is none or it cannot be
    /// trusted (damaged, another format, paths that leave the folder).
    pub fn read(out: &Path) -> Option<Previous> {
        let text = read_file(&out.join(PATH))?;
        let stored: Stored = serde_json::from_str(&text).ok()?;
        if stored.format != FORMAT || hex(&Sha256::digest(stored.body.as_bytes())) != stored.digest {
            return None;
        }
        let body: Body = serde_json::from_str(&stored.body).ok()?;
        if body.files.keys().chain(body.units.values().flatten()).any(|p| safe_relative(p).is_err()) {
            return None;
        }
        Some(Previous { out: out.to_path_buf(), body })
    }

    /// The files of the unit `key`, where each is still as written: the
    /// paths in the old output to take them from.
    pub fn unit(&self, key: &str) -> Option<Vec<(&str, PathBuf)>> {
        self.body.units.get(key)?.iter().map(|p| self.intact(p).map(|from| (p.as_str(), from))).collect()
    }

    fn intact(&self, rel: &str) -> Option<PathBuf> {
        let path = self.out.join(rel);
        (Stamp::of(&path)? == *self.body.files.get(rel)?).then_some(path)
    }

    /// What the last build reported, when its inputs had the key `whole`
    /// and every file it wrote is still there as written, and no other.
    pub fn unchanged(&self, whole: &str, ignore: &(dyn Fn(&str) -> bool + Sync)) -> Option<&Outcome> {
        if self.body.whole.as_deref() != Some(whole) {
            return None;
        }
        let found = files_of(&self.out, ignore).ok()?;
        (found == self.body.files).then_some(&self.body.outcome)
    }
}

/// The text of a regular file of at most `MAX_BYTES`: a link to a device
/// or a pipe could otherwise be read for ever.
fn read_file(path: &Path) -> Option<String> {
    use std::io::Read;
    std::fs::symlink_metadata(path).ok().filter(|m| m.is_file())?;
    let file = std::fs::File::open(path).ok().filter(|f| f.metadata().is_ok_and(|m| m.is_file()))?;
    let mut text = String::new();
    file.take(MAX_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// Every file under `dir` (an output or staging folder), by path relative
/// to it. The folders are read in parallel: a build of 10,000 documents
/// writes 55,000 files, and each is stamped after every build and before a
/// rebuild.
fn files_of(dir: &Path, ignore: &(dyn Fn(&str) -> bool + Sync)) -> std::io::Result<BTreeMap<String, Stamp>> {
    Ok(files_under(dir, "", ignore)?.into_iter().collect())
}

fn files_under(dir: &Path, rel: &str, ignore: &(dyn Fn(&str) -> bool + Sync)) -> std::io::Result<Vec<(String, Stamp)>> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir.join(rel))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        let path = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        if ignore(&path) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            folders.push(path);
        } else {
            // The entry's own metadata, as `Stamp::of` reads it, without walking the path again.
            let stamp = Stamp::of_metadata(&entry.metadata()?).ok_or_else(|| std::io::Error::other("not a file"))?;
            files.push((path, stamp));
        }
    }
    let nested = folders.par_iter().map(|f| files_under(dir, f, ignore)).collect::<std::io::Result<Vec<_>>>()?;
    files.extend(nested.into_iter().flatten());
    Ok(files)
}

/// Key → files, given every file the build wrote.
pub type Units<'u> = dyn FnOnce(&BTreeMap<String, Stamp>) -> HashMap<String, Vec<String>> + 'u;

/// The cache of a build, stamped from its staging folder just before the
/// swap (which keeps every file's inode and time).
pub fn write(
    staging: &Path,
    mut body: Body,
    units: Box<Units>,
    ignore: &(dyn Fn(&str) -> bool + Sync),
) -> crate::error::Result<Vec<u8>> {
    body.files.extend(files_of(staging, ignore).map_err(crate::error::Error::io("read", staging))?);
    body.units = units(&body.files);
    body.units.retain(|_, files| !files.is_empty() && files.iter().all(|f| body.files.contains_key(f)));
    let body = serde_json::to_string(&body).expect("the build cache serialises");
    let digest = hex(&Sha256::digest(body.as_bytes()));
    Ok(serde_json::to_vec(&Stored { format: FORMAT, digest, body }).expect("the build cache serialises"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache file written as `write` would, from `body`, with a valid digest.
    fn stored(out: &Path, body: &Body) {
        let body = serde_json::to_string(body).unwrap();
        let digest = hex(&Sha256::digest(body.as_bytes()));
        std::fs::create_dir_all(out.join(".trustdocs")).unwrap();
        std::fs::write(out.join(PATH), serde_json::to_vec(&Stored { format: FORMAT, digest, body }).unwrap()).unwrap();
    }

    fn page(out: &Path) -> (String, Stamp) {
        std::fs::write(out.join("page.html"), "<p>made</p>").unwrap();
        ("page.html".to_string(), Stamp::of(&out.join("page.html")).unwrap())
    }

    #[test]
    fn a_unit_is_taken_only_while_its_files_are_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let (path, stamp) = page(dir.path());
        let mut body = Body::default();
        body.files.insert(path.clone(), stamp);
        body.units.insert("key".into(), vec![path.clone()]);
        stored(dir.path(), &body);
        let previous = Previous::read(dir.path()).expect("a valid cache is read");
        assert_eq!(previous.unit("key").map(|f| f.len()), Some(1));
        assert!(previous.unit("other key").is_none());
        // Rewritten with other bytes of the same length: a new time, or a new inode.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::remove_file(dir.path().join("page.html")).unwrap();
        std::fs::write(dir.path().join("page.html"), "<p>mine</p>").unwrap();
        assert!(previous.unit("key").is_none(), "a file changed since it was written was taken");
    }

    #[test]
    fn a_cache_naming_a_path_outside_the_output_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let (path, stamp) = page(dir.path());
        for outside in ["../outside.html", "/etc/passwd", "a/../../b", ""] {
            let mut body = Body::default();
            body.files.insert(path.clone(), stamp);
            body.units.insert("key".into(), vec![outside.to_string()]);
            stored(dir.path(), &body);
            assert!(Previous::read(dir.path()).is_none(), "{outside:?} was accepted");
        }
    }

    #[test]
    fn a_cache_whose_digest_or_format_is_wrong_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        stored(dir.path(), &Body::default());
        assert!(Previous::read(dir.path()).is_some());
        let text = std::fs::read_to_string(dir.path().join(PATH)).unwrap();
        let other_format = text.replacen(&format!("\"format\":{FORMAT}"), "\"format\":999", 1);
        std::fs::write(dir.path().join(PATH), other_format).unwrap();
        assert!(Previous::read(dir.path()).is_none());
        let tampered = text.replacen("\\\"whole\\\":null", "\\\"whole\\\":\\\"abc\\\"", 1);
        assert_ne!(tampered, text, "the body was edited");
        std::fs::write(dir.path().join(PATH), tampered).unwrap();
        assert!(Previous::read(dir.path()).is_none(), "a body that does not match its digest was read");
    }
}
