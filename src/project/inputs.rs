//! Everything a build reads, as SHA-256 digests: each file of the content
//! folder, and the settings of the run (the binary, the day, the options,
//! typst's version, the link states `check --external` left in the output).
//! `incremental.rs` keys each piece of work from these.

use crate::digest::{Key, Sha};
use crate::model::Date;
use crate::output::build_cache::Stamp;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a run of `build` reads besides the documents' text.
pub struct RunSettings<'a> {
    pub today: Date,
    pub drafts: bool,
    pub public: bool,
    /// typst's version when PDFs are made.
    pub typst: Option<&'a str>,
}

pub struct Inputs {
    /// Each file of the content folder, by path inside it.
    pub files: BTreeMap<PathBuf, Sha>,
    /// Each file's size, time and inode when it was read.
    stamps: Vec<Option<Stamp>>,
    dir: PathBuf,
    /// The run's settings, the binary and the output's link states.
    pub run: Sha,
}

impl Inputs {
    /// Reads and digests every file of `dir` that a build reads
    /// (`load::files_read`).
    pub fn read(dir: &Path, out: &Path, run: &RunSettings) -> std::io::Result<Inputs> {
        let paths = crate::load::files_read(dir);
        let stamps = stamps(dir, &paths);
        let files = paths
            .into_par_iter()
            .map(|rel| digest_of(&dir.join(&rel)).map(|sha| (rel, sha)))
            .collect::<std::io::Result<BTreeMap<PathBuf, Sha>>>()?;
        let mut key = Key::new("run");
        key.part(crate::program::identity().as_bytes()).part(run.today.iso().as_bytes());
        // Findings name files by the content folder as it was given (`content/…`, `./content/…`).
        key.part(crate::load::display_path(dir).as_bytes());
        key.part(&[u8::from(run.drafts), u8::from(run.public)]).part(run.typst.unwrap_or("no PDFs").as_bytes());
        let links = out.join(crate::links::Cache::PATH);
        if std::fs::symlink_metadata(&links).is_ok_and(|m| m.is_file()) {
            key.part(&digest_of(&links)?);
        }
        Ok(Inputs { files, stamps, dir: dir.to_path_buf(), run: key.sha() })
    }

    /// Whether every file is still as it was when it was read, and there
    /// are no others: a file saved while the build ran may have been read
    /// in either state, so no cache is left for that build.
    pub fn unchanged_since(&self) -> bool {
        let paths = crate::load::files_read(&self.dir);
        paths.len() == self.files.len()
            && paths.iter().zip(self.files.keys()).all(|(a, b)| a == b)
            && stamps(&self.dir, &paths) == self.stamps
    }

    /// The key of every input at once: equal keys, equal output.
    pub fn whole(&self) -> String {
        let mut key = Key::new("whole");
        key.part(&self.run);
        for (path, sha) in &self.files {
            key.part(path.as_os_str().as_encoded_bytes()).part(sha);
        }
        key.hex()
    }
}

/// Each file's stamp, through symbolic links: an edit of a linked document
/// changes its target.
fn stamps(dir: &Path, paths: &[PathBuf]) -> Vec<Option<Stamp>> {
    // `metadata` follows the links, as reading the file does, in one call.
    paths.par_iter().map(|p| std::fs::metadata(dir.join(p)).ok().and_then(|m| Stamp::of_metadata(&m))).collect()
}

/// A file's SHA-256, read a piece at a time: an asset may be larger than memory.
fn digest_of(path: &Path) -> std::io::Result<Sha> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    // Only a file: a device or a pipe swapped in could be read for ever.
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    thread_local! {
        // One buffer a thread: a new one for each of 10,000 files was
        // 650 MB of memory cleared.
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 1 << 16]);
    }
    BUFFER.with_borrow_mut(|buffer| {
        let mut sha = Sha256::new();
        loop {
            match file.read(buffer)? {
                0 => return Ok(sha.finalize().into()),
                n => sha.update(&buffer[..n]),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> RunSettings<'static> {
        RunSettings { today: Date::parse("2026-11-23", false).unwrap(), drafts: false, public: false, typst: None }
    }

    #[test]
    fn a_file_saved_or_added_while_the_build_ran_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("documents")).unwrap();
        std::fs::write(content.join("site.yaml"), "organisation: T\n").unwrap();
        std::fs::write(content.join("documents/a.md"), "one").unwrap();
        std::fs::write(content.join(".hidden"), "not read").unwrap();
        std::fs::create_dir_all(content.join("archive")).unwrap();
        std::fs::write(content.join("archive/old.docx"), "not read either").unwrap();
        // A folder of documents linked in, as `load` follows it.
        std::fs::create_dir_all(content.join("shared")).unwrap();
        std::fs::write(content.join("shared/c.md"), "three").unwrap();
        std::os::unix::fs::symlink(content.join("shared"), content.join("documents/linked")).unwrap();
        let inputs = Inputs::read(&content, &dir.path().join("out"), &run()).unwrap();
        let read: Vec<&str> = inputs.files.keys().filter_map(|p| p.to_str()).collect();
        assert_eq!(read, ["documents/a.md", "documents/linked/c.md", "site.yaml"], "only what a build reads");
        assert!(inputs.unchanged_since());
        std::fs::write(content.join(".hidden"), "changed").unwrap();
        std::fs::write(content.join("archive/old.docx"), "changed").unwrap();
        assert!(inputs.unchanged_since(), "a file the build does not read is not an input");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(content.join("shared/c.md"), "four").unwrap();
        assert!(!inputs.unchanged_since(), "an edit of a linked document was missed");
        let inputs = Inputs::read(&content, &dir.path().join("out"), &run()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(content.join("documents/a.md"), "two").unwrap();
        assert!(!inputs.unchanged_since(), "an edit was missed");
        let again = Inputs::read(&content, &dir.path().join("out"), &run()).unwrap();
        assert_ne!(again.whole(), inputs.whole());
        std::fs::write(content.join("documents/b.md"), "new").unwrap();
        assert!(!again.unchanged_since(), "a new file was missed");
    }
}
