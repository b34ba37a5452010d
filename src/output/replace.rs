//! Replacing several files of the content folder all or none (`ratify`
//! edits two documents and the lock). Each new text is written to a
//! temporary file beside its target first; only when all are written are
//! they renamed over their targets, one by one, each original kept as a
//! hard link (or a copy) until the last rename has succeeded. If a rename
//! fails, the files already replaced get their originals back and the new
//! files are removed: every file is as it was before. If the process is
//! killed part way, the journal written before the first rename lets the
//! next command complete or undo the change (`journal.rs`).
//!
//! Only a command holding the content folder for writing replaces files,
//! and only inside it: a target that is (or lies under) a symbolic link
//! leading out of the content folder is refused before anything is written.

use super::folder_lock::Writing;
use super::journal::{self, Planned};
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

/// How a replacement that did not finish ended.
enum Failed {
    /// Every target is as it was.
    Undone(Error),
    /// Some targets could not be given their originals back: the journal
    /// stays, for the next command to finish undoing it.
    Unfinished(Error),
}

/// Writes every file into the content folder `folder` holds, or none: on
/// `Err`, every target is as it was (or, if even undoing failed, the
/// message says so and the next command undoes the rest). `command` says
/// what is being done, for the journal.
pub fn replace_all(folder: &Writing, command: &str, files: &[NewFile]) -> Result<()> {
    match replace(folder, command, files) {
        Ok(()) => Ok(()),
        Err(Failed::Undone(e)) => {
            Err(Error::Refused(format!("{e}\nnothing was changed: every file is as it was before the command")))
        }
        Err(Failed::Unfinished(e)) => Err(e),
    }
}

fn replace(folder: &Writing, command: &str, files: &[NewFile]) -> Result<(), Failed> {
    let _hold = super::signals::uninterrupted();
    let root = folder.dir().canonicalize().map_err(|e| Failed::Undone(Error::io("open", folder.dir())(e)))?;
    let targets = files.iter().map(|f| real_target(&root, folder.dir(), &f.path)).collect::<Result<Vec<_>>>();
    let targets = targets.map_err(Failed::Undone)?;
    // A file someone made read-only is one they meant to keep as it is.
    let read_only = |t: &PathBuf| fs::metadata(t).is_ok_and(|m| m.permissions().readonly());
    if let Some((f, _)) = files.iter().zip(&targets).find(|(_, t)| read_only(t)) {
        return Err(Failed::Undone(Error::Refused(format!(
            "{} is read-only; make it writable (`chmod u+w`) if it should change",
            f.path.display()
        ))));
    }
    let mut pending = Vec::with_capacity(files.len());
    for (f, target) in files.iter().zip(targets) {
        let temp =
            write_temp(&target, &f.bytes).map_err(|e| Failed::Undone(Error::io("write a new copy of", &f.path)(e)))?;
        pending.push(Pending { target, temp: Some(temp), backup: None, renamed: false });
    }
    let mut planned_hashes = Vec::with_capacity(pending.len());
    for (p, f) in pending.iter_mut().zip(files) {
        let before = match fs::read(&p.target) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Failed::Undone(Error::io("read", &p.target)(e))),
        };
        if before.is_some() {
            p.backup = Some(backup(&p.target).map_err(|e| Failed::Undone(Error::io("keep a copy of", &p.target)(e)))?);
        }
        planned_hashes.push((journal::sha256(&f.bytes), before.map(|b| journal::sha256(&b))));
    }
    // The temporary files and backups are on disk before the journal names them.
    sync_folders(&pending);
    let planned: Vec<Planned> = pending
        .iter()
        .zip(planned_hashes)
        .map(|(p, (new_sha256, old_sha256))| Planned {
            target: &p.target,
            temp: p.temp.as_deref().expect("written above"),
            backup: p.backup.as_deref(),
            new_sha256,
            old_sha256,
        })
        .collect();
    journal::begin(folder, command, &planned).map_err(Failed::Undone)?;
    for n in 0..pending.len() {
        kill_point(&format!("rename:{}", n + 1));
        let p = &mut pending[n];
        let temp = p.temp.as_ref().expect("written above");
        if let Err(e) = rename(temp, &p.target, n + 1) {
            let failed = p.target.clone();
            return Err(match roll_back(&mut pending) {
                Ok(()) => {
                    journal::end(folder);
                    Failed::Undone(Error::io("replace", failed)(e))
                }
                Err(kept) => Failed::Unfinished(Error::Refused(format!(
                    "cannot replace {}: {e}; and the files already replaced could not all be restored: their previous text is kept in {}\n  the next trustdocs command on {} puts it back",
                    failed.display(),
                    kept.join(", "),
                    folder.dir().display()
                ))),
            });
        }
        p.temp = None;
        p.renamed = true;
    }
    kill_point("renamed");
    sync_folders(&pending);
    drop(pending);
    journal::end(folder);
    Ok(())
}

/// Where `path` really is, which must be inside the content folder (`root`,
/// canonical; `dir` as given, for messages). A document reached through a
/// link inside the content folder is replaced where it really is, and the
/// link stays; one whose link leads out of it is refused.
fn real_target(root: &Path, dir: &Path, path: &Path) -> Result<PathBuf> {
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
        false => ("is reached through a linked folder: it is", "move the file into the content folder".to_string()),
    };
    Err(Error::Refused(format!(
        "{} {what} {}, outside the content folder {}: trustdocs writes nothing outside it\n  {fix}",
        path.display(),
        real.display(),
        dir.display()
    )))
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
    if fs::hard_link(target, &path).is_ok() {
        return Ok(path);
    }
    // No hard links here (or the name was taken meanwhile): a copy, into a
    // new file of its own, never through a link planted under that name.
    let (mut file, path) = new_beside(target, "old")?;
    let copied = std::io::copy(&mut fs::File::open(target)?, &mut file).and_then(|_| file.sync_all());
    match copied {
        Ok(()) => Ok(path),
        Err(e) => {
            let _ = fs::remove_file(&path);
            Err(e)
        }
    }
}

/// A new file `.NAME.trustdocs-KIND-PID-RANDOM` beside `target`: hidden,
/// and without the `.md` ending, so the loader never reads one left behind;
/// made new, so never a file or link that was there before. The journal's
/// settling removes those whose process has ended.
pub(crate) fn new_beside(target: &Path, kind: &str) -> std::io::Result<(fs::File, PathBuf)> {
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

/// In a debug build, `TRUSTDOCS_TEST_KILL_AT=POINT` kills the process with
/// SIGKILL at `POINT`, as `kill -9` would, so that tests can check what the
/// next command makes of it: `journal` (the journal written but not yet in
/// place), `rename:N` (before the Nth rename), `renamed` (after the last,
/// before the backups and the journal are removed).
pub(super) fn kill_point(point: &str) {
    #[cfg(unix)]
    if cfg!(debug_assertions) && std::env::var("TRUSTDOCS_TEST_KILL_AT").is_ok_and(|v| v == point) {
        // SAFETY: kill(2) on this very process, with a signal that cannot be caught.
        unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
    }
}

/// Makes the temporary files, backups and renames durable where the system allows.
fn sync_folders(pending: &[Pending]) {
    let mut folders: Vec<&Path> = pending.iter().filter_map(|p| p.target.parent()).collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        journal::sync_folder(folder);
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
        let folder = super::super::folder_lock::for_writing(dir.path()).unwrap();
        replace_all(
            &folder,
            "test",
            &[NewFile { path: a.clone(), bytes: b"new a".to_vec() }, NewFile { path: b.clone(), bytes: b"b".to_vec() }],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "new a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "b");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file, backup or journal left");
    }

    #[test]
    fn a_link_out_of_the_folder_is_refused_and_one_inside_it_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (content, outside) = (dir.path().join("content"), dir.path().join("outside"));
        fs::create_dir_all(&content).unwrap();
        fs::write(&outside, "victim").unwrap();
        fs::write(content.join("real.md"), "old").unwrap();
        std::os::unix::fs::symlink(&outside, content.join("out.lock")).unwrap();
        std::os::unix::fs::symlink("real.md", content.join("in.md")).unwrap();
        let folder = super::super::folder_lock::for_writing(&content).unwrap();
        let out = NewFile { path: content.join("out.lock"), bytes: b"x".to_vec() };
        let e = replace_all(&folder, "test", &[out]).unwrap_err().to_string();
        assert!(e.contains("out.lock is a symbolic link to") && e.contains("outside the content folder"), "{e}");
        assert_eq!(fs::read_to_string(&outside).unwrap(), "victim");
        replace_all(&folder, "test", &[NewFile { path: content.join("in.md"), bytes: b"new".to_vec() }]).unwrap();
        assert_eq!(fs::read_to_string(content.join("real.md")).unwrap(), "new");
        assert!(fs::symlink_metadata(content.join("in.md")).unwrap().file_type().is_symlink());
    }
}
