//! Replacing several files of the content folder all or none (`ratify`
//! edits two documents and the lock). Each new text is written to a
//! temporary file beside its target first; only when all are written are
//! they renamed over their targets, one by one, each original kept as a
//! hard link (or a copy) until the last rename has succeeded. If a rename
//! fails, the files already replaced get their originals back and the new
//! files are removed: every file is as it was before.

use crate::error::{Error, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file to write: where, and its new bytes.
pub struct NewFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// One target on its way: its temporary file and its original's backup.
struct Pending {
    target: PathBuf,
    temp: Option<PathBuf>,
    backup: Option<PathBuf>,
    renamed: bool,
}

impl Drop for Pending {
    fn drop(&mut self) {
        for p in [self.temp.take(), self.backup.take()].into_iter().flatten() {
            let _ = fs::remove_file(p);
        }
    }
}

/// Writes every file, or none: on `Err`, every target is as it was.
pub fn replace_all(files: &[NewFile]) -> Result<()> {
    let _hold = super::signals::uninterrupted();
    // A file someone made read-only is one they meant to keep as it is.
    if let Some(f) = files.iter().find(|f| fs::metadata(&f.path).is_ok_and(|m| m.permissions().readonly())) {
        return Err(Error::Refused(format!(
            "{} is read-only; make it writable (`chmod u+w`) if it should change",
            f.path.display()
        )));
    }
    let mut pending = Vec::with_capacity(files.len());
    for f in files {
        // A document reached through a link inside the content folder is
        // replaced where it really is, and the link stays.
        let target = fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
        let temp = write_temp(&target, &f.bytes).map_err(Error::io("write a new copy of", &f.path))?;
        pending.push(Pending { target, temp: Some(temp), backup: None, renamed: false });
    }
    for p in &mut pending {
        if p.target.exists() {
            p.backup = Some(backup(&p.target).map_err(Error::io("keep a copy of", &p.target))?);
        }
    }
    for n in 0..pending.len() {
        let p = &mut pending[n];
        let temp = p.temp.as_ref().expect("written above");
        if let Err(e) = rename(temp, &p.target, n + 1) {
            let failed = p.target.clone();
            return Err(match roll_back(&mut pending) {
                Ok(()) => Error::io("replace", failed)(e),
                Err(kept) => Error::Refused(format!(
                    "cannot replace {}: {e}; and the files already replaced could not all be restored: their previous text is kept in {}",
                    failed.display(),
                    kept.join(", ")
                )),
            });
        }
        p.temp = None;
        p.renamed = true;
    }
    sync_folders(&pending);
    Ok(())
}

/// Puts back what was replaced; `Err` lists the backups left for a person.
fn roll_back(pending: &mut [Pending]) -> std::result::Result<(), Vec<String>> {
    let mut kept = Vec::new();
    for p in pending.iter_mut().filter(|p| p.renamed) {
        let restored = match &p.backup {
            Some(b) => fs::rename(b, &p.target),
            None => fs::remove_file(&p.target),
        };
        match restored {
            Ok(()) => p.backup = None,
            Err(_) => kept.extend(p.backup.take().map(|b| b.display().to_string())),
        }
    }
    if kept.is_empty() {
        Ok(())
    } else {
        Err(kept)
    }
}

/// The new bytes in a new hidden file beside `target`, on disk, with the
/// target's permissions.
fn write_temp(target: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let (mut file, path) = new_beside(target, "new")?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all()).and_then(|()| match fs::metadata(target) {
        Ok(meta) => fs::set_permissions(&path, meta.permissions()),
        Err(_) => Ok(()),
    });
    match written {
        Ok(()) => Ok(path),
        Err(e) => {
            let _ = fs::remove_file(&path);
            Err(e)
        }
    }
}

/// The original kept under a new name until every rename has succeeded.
fn backup(target: &Path) -> std::io::Result<PathBuf> {
    let (file, path) = new_beside(target, "old")?;
    drop(file);
    fs::remove_file(&path)?;
    if fs::hard_link(target, &path).is_err() {
        fs::copy(target, &path)?;
    }
    Ok(path)
}

/// A new file `.NAME.trustdocs-KIND-PID-RANDOM` beside `target`: hidden,
/// and without the `.md` ending, so the loader never reads one left behind.
/// It did not exist before: never a file that was there, nor the target of
/// a link planted under its name.
pub fn new_beside(target: &Path, kind: &str) -> std::io::Result<(fs::File, PathBuf)> {
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let prefix = format!(".{name}.trustdocs-{kind}-{}-", std::process::id());
    loop {
        let path = super::unused_name(folder, &prefix);
        match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((f, path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// `fs::rename`, except that in a debug build the environment variable
/// `TRUSTDOCS_TEST_FAIL_RENAME=N` makes the Nth rename fail, so that tests
/// can check the roll-back.
fn rename(from: &Path, to: &Path, nth: usize) -> std::io::Result<()> {
    if cfg!(debug_assertions) && std::env::var("TRUSTDOCS_TEST_FAIL_RENAME").is_ok_and(|v| v.trim().parse() == Ok(nth))
    {
        return Err(std::io::Error::other("rename failed on purpose (TRUSTDOCS_TEST_FAIL_RENAME)"));
    }
    fs::rename(from, to)
}

/// Makes the renames durable where the system allows.
fn sync_folders(pending: &[Pending]) {
    let mut folders: Vec<&Path> = pending.iter().filter_map(|p| p.target.parent()).collect();
    folders.dedup();
    for folder in folders {
        if let Ok(f) = fs::File::open(folder) {
            let _ = f.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_files_are_written_and_nothing_is_left_beside_them() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        fs::write(&a, "old a").unwrap();
        let b = dir.path().join("sub-b.lock");
        replace_all(&[
            NewFile { path: a.clone(), bytes: b"new a".to_vec() },
            NewFile { path: b.clone(), bytes: b"b".to_vec() },
        ])
        .unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "b");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file or backup left");
    }
}
