//! What a build leaves in its output folder for the next one: for each
//! piece of work (a page, a document's search excerpts) the key of its
//! inputs and the files it made, and for the whole build the key of every
//! input and what it reported. The next build takes a file from the last
//! one only when the key is the same and the file is still the one that
//! build wrote (same length, modification time and inode); anything else
//! in this file, or a file that cannot be read, is ignored, never trusted.

use super::safe_relative;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Where the cache sits inside the output folder.
pub const PATH: &str = ".trustdocs/build-cache.json";

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
        let m = std::fs::symlink_metadata(path).ok().filter(|m| m.is_file())?;
        let modified = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(Stamp { len: m.len(), modified_ns: modified.as_nanos() as i128, inode: inode(&m) })
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
        let text = std::fs::read_to_string(out.join(PATH)).ok()?;
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
    pub fn unchanged(&self, whole: &str, ignore: &dyn Fn(&str) -> bool) -> Option<&Outcome> {
        if self.body.whole.as_deref() != Some(whole) {
            return None;
        }
        let mut found = BTreeMap::new();
        walk(&self.out, "", ignore, &mut found).ok()?;
        (found == self.body.files).then_some(&self.body.outcome)
    }
}

/// Every file under `dir`, by path relative to the output folder.
fn walk(
    dir: &Path,
    rel: &str,
    ignore: &dyn Fn(&str) -> bool,
    into: &mut BTreeMap<String, Stamp>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir.join(rel))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        let path = if rel.is_empty() { name } else { format!("{rel}/{name}") };
        if ignore(&path) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(dir, &path, ignore, into)?;
        } else {
            let stamp = Stamp::of(&entry.path()).ok_or_else(|| std::io::Error::other("not a file"))?;
            into.insert(path, stamp);
        }
    }
    Ok(())
}

/// Key → files, given every file the build wrote.
pub type Units<'u> = dyn FnOnce(&BTreeMap<String, Stamp>) -> HashMap<String, Vec<String>> + 'u;

/// The cache of a build, stamped from its staging folder just before the
/// swap (which keeps every file's inode and time).
pub fn write(
    staging: &Path,
    mut body: Body,
    units: Box<Units>,
    ignore: &dyn Fn(&str) -> bool,
) -> crate::error::Result<Vec<u8>> {
    walk(staging, "", ignore, &mut body.files).map_err(crate::error::Error::io("read", staging))?;
    body.units = units(&body.files);
    body.units.retain(|_, files| !files.is_empty() && files.iter().all(|f| body.files.contains_key(f)));
    let body = serde_json::to_string(&body).expect("the build cache serialises");
    let digest = hex(&Sha256::digest(body.as_bytes()));
    Ok(serde_json::to_vec(&Stored { format: FORMAT, digest, body }).expect("the build cache serialises"))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
