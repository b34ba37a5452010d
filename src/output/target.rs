//! Where each file the writer (`replace.rs`) is given really goes, and
//! whether it may be written there, decided for every file before anything
//! is written: inside the folder it is for (a symbolic link leading out of
//! it is refused, and no folder is made through one), not a file someone
//! made read-only, and not over a file the caller keeps.

use super::request::{Existing, Folder, NewFile};
use crate::error::{Error, Result};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The folders made on the way to the targets, so that those left empty
/// can be removed again when nothing was written.
#[derive(Default)]
pub(super) struct MadeFolders {
    made: Vec<PathBuf>,
}

impl MadeFolders {
    /// Makes the missing folders between the folder `dir` (canonical:
    /// `root`) and `path`, one at a time, never through a link that leads
    /// out of it: there `real_target` refuses the file.
    fn to(&mut self, root: &Path, dir: &Path, path: &Path) -> Result<()> {
        let Some(rel) = path.parent().and_then(|p| p.strip_prefix(dir).ok()) else { return Ok(()) };
        let mut at = dir.to_path_buf();
        for part in rel.components() {
            at.push(part);
            match fs::create_dir(&at) {
                Ok(()) => self.made.push(at.clone()),
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                    if !fs::canonicalize(&at).is_ok_and(|real| real.starts_with(root)) {
                        return Ok(());
                    }
                }
                Err(e) => return Err(Error::io("create", &at)(e)),
            }
        }
        Ok(())
    }

    /// Removes the folders made, deepest first, where they are still empty.
    pub(super) fn remove_empty(&mut self) {
        for dir in self.made.drain(..).rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

/// The real path of every target, in order, once each may be written.
/// `root` is the folder, canonical.
pub(super) fn judge(
    root: &Path,
    folder: Folder,
    existing: Existing,
    files: &[NewFile],
    made: &mut MadeFolders,
) -> Result<Vec<PathBuf>> {
    let mut targets = Vec::with_capacity(files.len());
    for f in files {
        if let Existing::Keep { refusal } = existing {
            if fs::symlink_metadata(&f.path).is_ok() {
                return Err(refusal(&f.path));
            }
        }
        made.to(root, folder.dir(), &f.path)?;
        targets.push(real_target(root, folder, &f.path)?);
    }
    // A file someone made read-only is one they meant to keep as it is.
    let read_only = |t: &PathBuf| fs::metadata(t).is_ok_and(|m| m.permissions().readonly());
    if let Some((f, _)) = files.iter().zip(&targets).find(|(_, t)| read_only(t)) {
        return Err(Error::Refused(format!(
            "{} is read-only; make it writable (`chmod u+w`) if it should change",
            f.path.display()
        )));
    }
    if let Existing::Ours { ours, refusal } = existing {
        for (f, target) in files.iter().zip(&targets) {
            match fs::read(target) {
                Ok(bytes) if !ours(&bytes) => return Err(refusal(&f.path)),
                Err(e) if e.kind() != ErrorKind::NotFound => return Err(Error::io("read", &f.path)(e)),
                _ => {}
            }
        }
    }
    Ok(targets)
}

/// Where `path` really is, which must be inside the folder (`root`,
/// canonical). A file reached through a link inside the folder is
/// replaced where it really is, and the link stays; one whose link leads
/// out of it is refused.
fn real_target(root: &Path, folder: Folder, path: &Path) -> Result<PathBuf> {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(Error::Refused(format!("{} is not a file name", path.display())));
    };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let beside = parent.canonicalize().map_err(Error::io("open the folder of", path))?.join(name);
    let linked = fs::symlink_metadata(&beside).is_ok_and(|m| m.file_type().is_symlink());
    let real = match linked {
        true => fs::canonicalize(&beside).map_err(|e| {
            Error::Refused(format!(
                "{} is a symbolic link that leads nowhere ({e}); remove it, or make it a file",
                path.display()
            ))
        })?,
        false => beside,
    };
    if real.starts_with(root) {
        return Ok(real);
    }
    let (what, fix) = match linked {
        true => (
            "is a symbolic link to",
            format!(
                "put the file itself in its place (`cp --remove-destination {} {}`), or remove the link",
                real.display(),
                path.display()
            ),
        ),
        false => ("is reached through a linked folder: it is", format!("move the file into {}", folder.name())),
    };
    Err(Error::Refused(format!(
        "{} {what} {}, outside {} {}: trustdocs writes nothing outside it\n  {fix}",
        path.display(),
        real.display(),
        folder.name(),
        folder.dir().display()
    )))
}
