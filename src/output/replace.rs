//! The one writer of files outside a build's output folder, all or none:
//! the governance commands' edits of documents and of the lock, `import`'s
//! documents and images, `pack`'s committee paper and `check --external`'s
//! link cache. Each new text is written to a temporary file beside its
//! target first; only when all are written are they renamed over their
//! targets, one by one, each original kept as a hard link (or a copy) until
//! the last rename has succeeded. If a rename fails, the files already
//! replaced get their originals back and the new files are removed: every
//! file is as it was before. In a content folder, which the command holds
//! for writing (`folder_lock.rs`), the journal written before the first
//! rename lets the next command complete or undo a change whose process was
//! killed part way (`journal.rs`).
//!
//! Files are written only inside the folder they are for: a target that is
//! (or lies under) a symbolic link leading out of it is refused before
//! anything is written, as is a file someone made read-only; whether a
//! file already at a target may be replaced is the caller's to say
//! ([`Existing`]). Where each target really is, is decided in `target.rs`.

use super::held::Writing;
use super::journal::{self, Planned};
use super::target::{self, MadeFolders};
use super::temporary::{backup, write_temp};
use crate::error::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

pub use super::request::{Existing, Folder, NewFile};

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

/// How a write that did not finish ended.
enum Failed {
    /// Every target is as it was.
    Undone(Error),
    /// Some targets could not be given their originals back (in a content
    /// folder the journal stays, for the next command to finish undoing it).
    Unfinished(Error),
}

/// Writes every file into `folder`, or none: on `Err`, every target is as
/// it was (or, if even undoing failed, the message says so and where the
/// previous texts are). Missing folders on the way to a target are made,
/// inside `folder`. `command` says what is being done, for the journal.
pub fn write_all(folder: Folder, command: &str, existing: Existing, files: &[NewFile]) -> Result<()> {
    let plan = Plan { folder, command, existing, fail_at: fail_at() };
    plan.write(files).map_err(|(Failed::Undone(e) | Failed::Unfinished(e))| e)
}

/// The governance commands' replacement of files of the content folder
/// `folder` holds: files there are replaced, and a write refused or undone
/// says that nothing was changed.
pub fn replace_all(folder: &Writing, command: &str, files: &[NewFile]) -> Result<()> {
    let plan = Plan { folder: Folder::Content(folder), command, existing: Existing::Replace, fail_at: fail_at() };
    match plan.write(files) {
        Ok(()) => Ok(()),
        Err(Failed::Undone(e)) => {
            Err(Error::Refused(format!("{e}\nnothing was changed: every file is as it was before the command")))
        }
        Err(Failed::Unfinished(e)) => Err(e),
    }
}

struct Plan<'a> {
    folder: Folder<'a>,
    command: &'a str,
    existing: Existing<'a>,
    /// The rename (1 for the first) that fails on purpose, for tests.
    fail_at: Option<usize>,
}

impl Plan<'_> {
    fn write(&self, files: &[NewFile]) -> Result<(), Failed> {
        let _hold = super::signals::uninterrupted();
        let dir = self.folder.dir();
        let root = dir.canonicalize().map_err(|e| Failed::Undone(Error::io("open", dir)(e)))?;
        let mut made = MadeFolders::default();
        let written = self.judged(&root, files, &mut made);
        if matches!(written, Err(Failed::Undone(_))) {
            made.remove_empty();
        }
        written
    }

    /// Writes `files` once `target::judge` has found where each goes.
    fn judged(&self, root: &Path, files: &[NewFile], made: &mut MadeFolders) -> Result<(), Failed> {
        let targets = target::judge(root, self.folder, self.existing, files, made).map_err(Failed::Undone)?;
        let mut pending = Vec::with_capacity(files.len());
        for (f, target) in files.iter().zip(targets) {
            let temp = write_temp(&target, &f.bytes)
                .map_err(|e| Failed::Undone(Error::io("write a new copy of", &f.path)(e)))?;
            pending.push(Pending { target, temp: Some(temp), backup: None, renamed: false });
        }
        let planned_hashes = keep_originals(&mut pending, files)?;
        // The temporary files and backups are on disk before the journal names them.
        sync_folders(&pending);
        if let Folder::Content(held) = self.folder {
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
            journal::begin(held, self.command, &planned).map_err(Failed::Undone)?;
        }
        for n in 0..pending.len() {
            journal::kill_point(&format!("rename:{}", n + 1));
            if let Err(e) = self.put_in_place(&mut pending[n], &files[n].path, self.fail_at == Some(n + 1)) {
                return Err(self.rolled_back(&mut pending, e));
            }
        }
        journal::kill_point("renamed");
        sync_folders(&pending);
        drop(pending);
        self.end_journal();
        Ok(())
    }

    /// Moves a temporary file onto its target: renamed over it, or, where
    /// a file there is kept, linked into place, which fails if one appeared.
    fn put_in_place(&self, p: &mut Pending, path: &Path, fail: bool) -> Result<()> {
        let temp = p.temp.as_ref().expect("written above");
        if fail {
            return Err(Error::io("replace", &p.target)(std::io::Error::other(
                "rename failed on purpose (TRUSTDOCS_TEST_FAIL_RENAME)",
            )));
        }
        if let Existing::Keep { refusal } = self.existing {
            fs::hard_link(temp, &p.target).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => refusal(path),
                _ => Error::io("write", path)(e),
            })?;
        } else {
            fs::rename(temp, &p.target).map_err(Error::io("replace", &p.target))?;
            p.temp = None;
        }
        p.renamed = true;
        Ok(())
    }

    /// Puts back what was replaced after `e`; says what is left if that failed.
    fn rolled_back(&self, pending: &mut [Pending], e: Error) -> Failed {
        match roll_back(pending) {
            Ok(()) => {
                self.end_journal();
                Failed::Undone(e)
            }
            Err(kept) => {
                let kept: Vec<String> = kept.iter().map(|b| b.display().to_string()).collect();
                let then = match self.folder {
                    Folder::Content(held) => {
                        format!("the next trustdocs command on {} puts it back", held.dir().display())
                    }
                    Folder::Other(_) => "put it back by hand".to_string(),
                };
                Failed::Unfinished(Error::Refused(format!(
                    "{e}; and the files already replaced could not all be restored: their previous text is kept in {}\n  {then}",
                    kept.join(", ")
                )))
            }
        }
    }

    fn end_journal(&self) {
        if let Folder::Content(held) = self.folder {
            journal::end(held);
        }
    }
}

/// A backup of each target that has a file, and the SHA-256 of each new
/// text and of each original, for the journal.
fn keep_originals(pending: &mut [Pending], files: &[NewFile]) -> Result<Vec<(String, Option<String>)>, Failed> {
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
    Ok(planned_hashes)
}

/// Puts back what was replaced; `Err` lists the backups left for a person.
fn roll_back(pending: &mut [Pending]) -> std::result::Result<(), Vec<PathBuf>> {
    let mut kept = Vec::new();
    for p in pending.iter_mut().filter(|p| p.renamed) {
        let restored = match &p.backup {
            Some(b) => fs::rename(b, &p.target),
            None => fs::remove_file(&p.target),
        };
        match restored {
            Ok(()) => p.backup = None,
            Err(_) => kept.extend(p.backup.take()),
        }
    }
    if kept.is_empty() {
        Ok(())
    } else {
        Err(kept)
    }
}

/// In a debug build, `TRUSTDOCS_TEST_FAIL_RENAME=N` makes the Nth rename
/// (or link) fail, so that tests can check the roll-back.
fn fail_at() -> Option<usize> {
    let from_env = || std::env::var("TRUSTDOCS_TEST_FAIL_RENAME").ok()?.trim().parse().ok();
    cfg!(debug_assertions).then(from_env).flatten()
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

    fn file(path: &Path, text: &str) -> NewFile {
        NewFile { path: path.to_path_buf(), bytes: text.as_bytes().to_vec() }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_failure_on_the_second_file_leaves_the_first_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        fs::write(&a, "old a").unwrap();
        let held = super::super::folder_lock::for_writing(dir.path()).unwrap();
        for folder in [Folder::Content(&held), Folder::Other(dir.path())] {
            // The first replaces a file, then the first makes a new one.
            for files in [[file(&a, "new a"), file(&b, "new b")], [file(&b, "new b"), file(&a, "new a")]] {
                let plan = Plan { folder, command: "test", existing: Existing::Replace, fail_at: Some(2) };
                let Err(Failed::Undone(e)) = plan.write(&files) else {
                    panic!("the second rename was to fail, and the first be undone")
                };
                assert!(e.to_string().contains("rename failed on purpose"), "{e}");
                assert_eq!(fs::read_to_string(&a).unwrap(), "old a", "the replaced file has its text back");
                assert!(!b.exists(), "the new file is gone again");
                assert_eq!(names(dir.path()), ["a.md"], "no temporary file, backup or journal left");
            }
        }
    }

    #[test]
    fn a_file_the_caller_keeps_refuses_the_whole_write_and_the_folders_made_for_it_go() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("documents")).unwrap();
        let kept = dir.path().join("documents/pol.md");
        fs::write(&kept, "edited by hand").unwrap();
        let image = dir.path().join("assets/pol/image1.png");
        let held = super::super::folder_lock::for_writing(dir.path()).unwrap();
        let refusal = |p: &Path| Error::Refused(format!("{} already exists", p.display()));
        let keep = Existing::Keep { refusal: &refusal };
        let e = write_all(Folder::Content(&held), "test", keep, &[file(&image, "png"), file(&kept, "imported")]);
        assert_eq!(e.unwrap_err().to_string(), format!("{} already exists", kept.display()));
        assert_eq!(fs::read_to_string(&kept).unwrap(), "edited by hand");
        assert_eq!(names(dir.path()), ["documents"], "assets/pol/ was made for the image, and removed again");
        write_all(Folder::Content(&held), "test", Existing::Replace, &[file(&image, "png"), file(&kept, "imported")])
            .unwrap();
        assert_eq!(
            (fs::read_to_string(&image).unwrap(), fs::read_to_string(&kept).unwrap()),
            ("png".into(), "imported".into())
        );
        assert_eq!(names(&dir.path().join("documents")), ["pol.md"]);
    }

    #[test]
    fn only_a_file_trustdocs_made_is_replaced_where_the_caller_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let paper = dir.path().join("paper.pdf");
        let refusal = |p: &Path| Error::Refused(format!("{} is not ours", p.display()));
        let ours = |b: &[u8]| b.starts_with(b"ours");
        let only_ours = Existing::Ours { ours: &ours, refusal: &refusal };
        write_all(Folder::Other(dir.path()), "test", only_ours, &[file(&paper, "ours 1")]).unwrap();
        write_all(Folder::Other(dir.path()), "test", only_ours, &[file(&paper, "ours 2")]).unwrap();
        assert_eq!(fs::read_to_string(&paper).unwrap(), "ours 2");
        fs::write(&paper, "someone's own").unwrap();
        let e = write_all(Folder::Other(dir.path()), "test", only_ours, &[file(&paper, "ours 3")]).unwrap_err();
        assert_eq!(e.to_string(), format!("{} is not ours", paper.display()));
        assert_eq!(fs::read_to_string(&paper).unwrap(), "someone's own");
        assert_eq!(names(dir.path()), ["paper.pdf"]);
    }

    #[test]
    fn nothing_is_written_through_a_link_out_of_another_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (out, victim) = (dir.path().join("out"), dir.path().join("victim"));
        fs::create_dir_all(out.join(".trustdocs")).unwrap();
        fs::write(&victim, "kept").unwrap();
        std::os::unix::fs::symlink(&victim, out.join(".trustdocs/links.json")).unwrap();
        let cache = file(&out.join(".trustdocs/links.json"), "{}");
        let e = write_all(Folder::Other(&out), "test", Existing::Replace, &[cache]).unwrap_err().to_string();
        assert!(e.contains("links.json is a symbolic link to") && e.contains("outside the folder"), "{e}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "kept");
        // Nor is a folder made through a link out of it.
        std::os::unix::fs::symlink(dir.path(), out.join("linked")).unwrap();
        let through = file(&out.join("linked/made/x.pdf"), "x");
        assert!(write_all(Folder::Other(&out), "test", Existing::Replace, &[through]).is_err());
        assert!(!dir.path().join("made").exists());
    }

    #[test]
    fn a_link_planted_where_a_temporary_file_could_be_leads_nowhere() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "kept").unwrap();
        let documents = dir.path().join("content/documents");
        fs::create_dir_all(&documents).unwrap();
        // The part of a temporary file's name that can be guessed: the target's name and the process id.
        let planted = documents.join(format!(".pol.md.trustdocs-new-{}-", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        let held = super::super::folder_lock::for_writing(&dir.path().join("content")).unwrap();
        let refusal = |p: &Path| Error::Refused(format!("{} exists", p.display()));
        for existing in [Existing::Keep { refusal: &refusal }, Existing::Replace] {
            write_all(Folder::Content(&held), "test", existing, &[file(&documents.join("pol.md"), "imported")])
                .unwrap();
            assert_eq!(fs::read_to_string(&victim).unwrap(), "kept");
            assert_eq!(fs::read_to_string(documents.join("pol.md")).unwrap(), "imported");
        }
        let left = names(&documents);
        assert_eq!(left, [planted.file_name().unwrap().to_string_lossy().to_string(), "pol.md".into()]);
    }
}
