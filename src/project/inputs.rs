//! Everything a build reads, as SHA-256 digests: each file of the content
//! folder, and the settings of the run (the binary, the day, the options,
//! typst's version, the link states `check --external` left in the output).
//! `incremental.rs` keys each piece of work from these.

use crate::model::Date;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub type Sha = [u8; 32];

/// A digest of parts, each length-marked so that ("ab", "c") and ("a", "bc")
/// differ.
#[derive(Clone, Default)]
pub struct Key(Sha256);

impl Key {
    pub fn new(kind: &str) -> Key {
        let mut k = Key(Sha256::new());
        k.part(kind.as_bytes());
        k
    }

    pub fn part(&mut self, bytes: &[u8]) -> &mut Key {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn sha(&self) -> Sha {
        self.0.clone().finalize().into()
    }

    pub fn hex(&self) -> String {
        crate::output::build_cache::hex(&self.sha())
    }
}

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
    /// The run's settings, the binary and the output's link states.
    pub run: Sha,
}

impl Inputs {
    /// Reads and digests every file of `dir` but hidden ones (`.git`,
    /// editors' files): a file the build does not read only costs a rebuild.
    pub fn read(dir: &Path, out: &Path, run: &RunSettings) -> std::io::Result<Inputs> {
        let mut paths = Vec::new();
        list(dir, Path::new(""), &mut paths)?;
        let files = paths
            .into_par_iter()
            .map(|rel| std::fs::read(dir.join(&rel)).map(|bytes| (rel, Sha256::digest(&bytes).into())))
            .collect::<std::io::Result<BTreeMap<PathBuf, Sha>>>()?;
        let mut key = Key::new("run");
        key.part(binary().as_bytes()).part(run.today.iso().as_bytes());
        key.part(&[u8::from(run.drafts), u8::from(run.public)]).part(run.typst.unwrap_or("no PDFs").as_bytes());
        key.part(&std::fs::read(out.join(crate::links::Cache::PATH)).unwrap_or_default());
        Ok(Inputs { files, run: key.sha() })
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

/// The files under `dir/rel`, skipping hidden names and linked folders.
fn list(dir: &Path, rel: &Path, into: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir.join(rel))? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = rel.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            list(dir, &path, into)?;
        } else if kind.is_file() || std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
            into.push(path);
        }
    }
    Ok(())
}

/// This binary: its version, and its size and time, which change with
/// every build of it (reading 100 MB to digest it would cost more than
/// most rebuilds).
fn binary() -> String {
    let stamp = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_else(|_| format!("unknown {}", std::process::id()));
    format!("trustdocs {} {stamp}", env!("CARGO_PKG_VERSION"))
}
