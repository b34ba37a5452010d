//! Pages made from a view of the whole library (the checks, references,
//! reviews and register pages): a rebuild takes them from the last build
//! when the data their templates are given is the same, byte for byte. An
//! edit of a document's text seldom changes what those pages show, and at
//! 10,000 documents making them was a third of a rebuild after one.

use crate::error::Result;
use crate::output::Sink;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write;

/// What the build keeps of its last run (`project::incremental::Reuse`).
pub trait Memo: Sync {
    /// Whether the files at `paths`, made from a view whose digest is
    /// `view`, came from the last build: if so, they have been sent into
    /// `sink`. Noted for the next build either way.
    fn taken(&self, view: &[u8; 32], paths: &[String], sink: &dyn Sink) -> Result<bool>;
}

/// The digest of what a template is given, part by part, as JSON: made as
/// it is written, never held (the checks page's view of 10,000 documents
/// is tens of megabytes).
pub struct ViewDigest {
    out: std::io::BufWriter<Hashing>,
    /// A part that could not be written as JSON (none of the views can
    /// fail): the page is then made, never reused.
    failed: bool,
}

struct Hashing(Sha256);

impl Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl ViewDigest {
    /// A digest of the view of the template `template`.
    pub fn new(template: &str) -> ViewDigest {
        let out = std::io::BufWriter::with_capacity(1 << 16, Hashing(Sha256::new()));
        ViewDigest { out, failed: false }.with(template)
    }

    /// Adds one part. JSON values mark their own ends, so parts never run
    /// into each other.
    pub fn with<T: Serialize + ?Sized>(mut self, part: &T) -> ViewDigest {
        self.failed |= serde_json::to_writer(&mut self.out, part).is_err();
        self
    }

    pub fn finish(self) -> Option<[u8; 32]> {
        let hashing = self.out.into_inner().ok()?;
        (!self.failed).then(|| hashing.0.finalize().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_never_run_into_each_other_and_the_template_counts() {
        let of =
            |template: &str, parts: &[&str]| parts.iter().fold(ViewDigest::new(template), |d, p| d.with(p)).finish();
        assert_eq!(of("a.html", &["ab", "c"]), of("a.html", &["ab", "c"]));
        assert_ne!(of("a.html", &["ab", "c"]), of("a.html", &["a", "bc"]));
        assert_ne!(of("a.html", &["x"]), of("b.html", &["x"]));
        assert!(of("a.html", &[]).is_some());
    }
}
