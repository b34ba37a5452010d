//! The proof that a command holds a content folder for writing. Only
//! `folder_lock::for_writing` makes one; the journal and the all-or-none
//! writer take it, so nothing is written into the folder unheld. It is its
//! own file so that the lock (which settles the journal when it takes the
//! folder) and the journal (which needs the proof) do not import each other.

use std::fs::File;
use std::path::{Path, PathBuf};

/// The content folder held for writing: replacing files in it
/// (`replace::replace_all`, or `replace::write_all` into `Folder::Content`)
/// needs one, so nothing is written unheld.
pub struct Writing {
    dir: PathBuf,
    _held: File,
}

impl Writing {
    /// Held by `folder_lock` only: `held` is the folder's locked descriptor.
    pub(super) fn new(dir: &Path, held: File) -> Writing {
        Writing { dir: dir.to_path_buf(), _held: held }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
