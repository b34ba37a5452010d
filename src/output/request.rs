//! What a write into a folder asks for: the files, the folder, and what may
//! become of a file already at a target. Its own file because the writer
//! (`replace.rs`) and the placing of each target (`target.rs`) both read it.

use super::held::Writing;
use crate::error::Error;
use std::path::{Path, PathBuf};

/// A file to write: where, and its new bytes.
pub struct NewFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// What may become of a file already at a target.
#[derive(Clone, Copy)]
pub enum Existing<'a> {
    /// It is replaced: the documents and the lock the governance commands
    /// edit, the link cache.
    Replace,
    /// It is kept, and the write refused with `refusal(path)`: `import`
    /// without `--force`. A file that appears at a target while the others
    /// are written is kept too (the new file is linked into place, which
    /// fails rather than replaces).
    Keep { refusal: &'a dyn Fn(&Path) -> Error },
    /// It is replaced only when `ours` finds in its bytes that trustdocs
    /// made it (`pack`'s committee paper carries a mark), and the write
    /// refused with `refusal(path)` otherwise.
    Ours { ours: &'a dyn Fn(&[u8]) -> bool, refusal: &'a dyn Fn(&Path) -> Error },
}

/// The folder files are written into; nothing is written outside it.
#[derive(Clone, Copy)]
pub enum Folder<'a> {
    /// A content folder the command holds for writing: a journal covers
    /// the renames, for the next command to settle.
    Content(&'a Writing),
    /// Any other folder (`pack`'s, the output folder that holds the link
    /// cache), which no command settles: no journal.
    Other(&'a Path),
}

impl Folder<'_> {
    pub(super) fn dir(&self) -> &Path {
        match self {
            Folder::Content(held) => held.dir(),
            Folder::Other(dir) => dir,
        }
    }

    /// The folder as messages name it.
    pub(super) fn name(&self) -> &'static str {
        match self {
            Folder::Content(_) => "the content folder",
            Folder::Other(_) => "the folder",
        }
    }
}
