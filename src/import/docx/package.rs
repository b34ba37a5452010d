//! The `.docx` zip package, read defensively: only entries the reader asks
//! for by name, each bounded in what it may expand to (a zip bomb stops at
//! the bound, not at the end of memory), and a bound on everything read.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::Read;

/// The most one XML part may expand to. A long procedural document's
/// `document.xml` is a few MiB; what the walk makes of a part takes several
/// times its size in memory, on each core importing at once.
pub const MAX_PART: u64 = 16 * 1024 * 1024;
/// The most one image may expand to.
pub const MAX_IMAGE: u64 = 16 * 1024 * 1024;
/// The most all entries read from one package may expand to.
pub const MAX_TOTAL: u64 = 256 * 1024 * 1024;

pub struct Package {
    zip: zip::ZipArchive<File>,
    read_so_far: u64,
}

impl Package {
    pub fn open(path: &std::path::Path) -> Result<Package> {
        let file = File::open(path).map_err(|e| Error::Import(format!("cannot open: {e}")))?;
        let zip = zip::ZipArchive::new(file).map_err(|e| {
            Error::Import(format!("not a Word document (.docx is a zip package, and this one cannot be read: {e})"))
        })?;
        Ok(Package { zip, read_so_far: 0 })
    }

    /// An entry's bytes, `None` when the package has no such entry.
    /// Entry names are never turned into paths: nothing in the package
    /// decides where anything is written.
    pub fn read(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>> {
        if name.split('/').any(|p| p == ".." || p.is_empty()) || name.starts_with('/') || name.contains('\\') {
            return Ok(None);
        }
        let entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(Error::Import(format!("{name} cannot be read: {e}"))),
        };
        let allowed = limit.min(MAX_TOTAL.saturating_sub(self.read_so_far));
        let mut bytes = Vec::new();
        entry
            .take(allowed + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Import(format!("{name} cannot be read: {e}")))?;
        if bytes.len() as u64 > allowed {
            return Err(Error::Import(format!(
                "{name} expands to more than {} MiB, far more than a procedural document's parts hold, so it was refused: check that this is the document you meant; a real one this large must be split into its documents, each imported on its own",
                allowed >> 20
            )));
        }
        self.read_so_far += bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// An XML part as text. Word writes UTF-8; anything else is refused.
    pub fn xml(&mut self, name: &str) -> Result<Option<String>> {
        match self.read(name, MAX_PART)? {
            None => Ok(None),
            Some(b) => String::from_utf8(b).map(Some).map_err(|_| Error::Import(format!("{name} is not UTF-8 XML"))),
        }
    }
}
