//! The intent journal: what lets a command killed while it replaces files
//! of the content folder (`kill -9`, a power cut) be completed or undone by
//! the next one.
//!
//! The writer (`replace.rs`), writing into a content folder, writes
//! `.trustdocs-journal` at the top of it once every new text is in its
//! temporary file and every original has its backup, just before the first
//! rename, and removes it once the last rename is done and the backups are
//! gone. It is written to a temporary file, flushed to disk and renamed
//! into place, so it is either whole or absent. It lists each target with its temporary file,
//! its backup, and the SHA-256 of its text before and after.
//!
//! The next command to take the folder (`folder_lock`) settles a journal
//! it finds, judging each target by its text now:
//!
//! - **completed** when every target either has its new text already or
//!   still has its old text with its temporary file beside it: the renames
//!   left are done. A kill anywhere from the journal's arrival to its
//!   removal ends here, the command's checks having all passed;
//! - **undone** otherwise, when every target either still has its old text
//!   or has its new one with its backup beside it (a temporary file went
//!   missing, or a failed rename could not be undone): the backups are put
//!   back;
//! - **left as it is** when neither holds (a file was edited since): the
//!   command is refused, naming each file and where its two texts are, for
//!   a person to decide.
//!
//! The temporary files and backups go with the journal; so do those of a
//! command killed before it wrote its journal, which had changed nothing.
//! Settling is itself safe to kill: it is judged again from the files.

use super::held::Writing;
use super::temporary;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// The journal's name in the content folder: hidden, and not a document.
pub const FILE: &str = ".trustdocs-journal";

#[derive(Serialize, Deserialize)]
struct Journal {
    /// What was being done, for people: `ratify CORP/STRAT/003 version 4`.
    command: String,
    files: Vec<Entry>,
}

/// One file being replaced. Paths are relative to the content folder.
#[derive(Serialize, Deserialize)]
struct Entry {
    target: String,
    /// The new text, until it is renamed over the target.
    new: String,
    /// The previous text, until the last rename is done; none for a new file.
    old: Option<String>,
    new_sha256: String,
    old_sha256: Option<String>,
}

/// A file the writer is about to replace (all paths absolute and real).
pub struct Planned<'a> {
    pub target: &'a Path,
    pub temp: &'a Path,
    pub backup: Option<&'a Path>,
    pub new_sha256: String,
    pub old_sha256: Option<String>,
}

pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a regular file's bytes; `None` when there is none to read.
fn sha256_of(path: &Path) -> Option<String> {
    let regular = fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
    regular.then(|| fs::read(path).ok()).flatten().map(|b| sha256(&b))
}

/// Writes the journal of `planned`, durably, before the first rename.
pub fn begin(folder: &Writing, command: &str, planned: &[Planned]) -> Result<()> {
    let root = folder.dir().canonicalize().map_err(Error::io("open", folder.dir()))?;
    let relative = |p: &Path| -> Result<String> {
        p.strip_prefix(&root).ok().and_then(Path::to_str).map(str::to_string).ok_or_else(|| {
            Error::Refused(format!(
                "{} has a name that is not UTF-8 text; rename it with letters, digits and dashes",
                p.display()
            ))
        })
    };
    let mut files = Vec::with_capacity(planned.len());
    for p in planned {
        files.push(Entry {
            target: relative(p.target)?,
            new: relative(p.temp)?,
            old: p.backup.map(relative).transpose()?,
            new_sha256: p.new_sha256.clone(),
            old_sha256: p.old_sha256.clone(),
        });
    }
    let journal = Journal { command: command.to_string(), files };
    let bytes = serde_json::to_vec_pretty(&journal).expect("a journal serialises");
    let path = folder.dir().join(FILE);
    if fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Refused(format!(
            "{} appeared while this command held the folder; nothing was changed: remove it if no trustdocs command is running",
            path.display()
        )));
    }
    let (mut file, temp) = temporary::new_beside(&path, "new").map_err(Error::io("write", &path))?;
    let written = std::io::Write::write_all(&mut file, &bytes).and_then(|()| file.sync_all()).and_then(|()| {
        kill_point("journal");
        fs::rename(&temp, &path)
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(Error::io("write", &path)(e));
    }
    sync_folder(folder.dir());
    Ok(())
}

/// Removes the journal once every rename is done and the backups are gone.
/// A journal that cannot be removed is settled (as completed) next time.
pub fn end(folder: &Writing) {
    if fs::remove_file(folder.dir().join(FILE)).is_ok() {
        sync_folder(folder.dir());
    }
}

/// Whether a killed command may have left something in `dir` to settle:
/// a journal, or temporary files and backups.
pub fn left_behind(dir: &Path) -> bool {
    pending(dir) || !leftovers(dir).is_empty()
}

/// Whether `dir` holds a journal: a command's changes may be half made.
pub fn pending(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(FILE)).is_ok()
}

/// What a journal found by a command that cannot settle it says.
pub fn describe(dir: &Path) -> String {
    let shown = shown(&dir.join(FILE));
    match read(dir) {
        Ok(j) => format!(
            "`{}` was interrupted while it replaced {}; its changes may be half made ({shown})",
            j.command,
            list(dir, j.files.iter().map(|f| f.target.as_str()))
        ),
        Err(e) => e.to_string(),
    }
}

/// Completes or undoes the changes of a command killed part way, and
/// removes what it left; says what was done, if anything was. `Err` (a
/// refusal naming the files) when they cannot be settled safely, with
/// everything left as it was.
pub fn settle(folder: &Writing) -> Result<Option<String>> {
    let dir = folder.dir();
    let mut said = Vec::new();
    if pending(dir) {
        let journal = read(dir)?;
        let root = dir.canonicalize().map_err(Error::io("open", dir))?;
        let files = journal.files.iter().map(|e| Judged::of(&root, e)).collect::<Result<Vec<_>>>()?;
        let targets = list(dir, journal.files.iter().map(|f| f.target.as_str()));
        let command = &journal.command;
        let (doing, settled, done) = if files.iter().all(|f| f.replaced || (f.untouched && f.temp_there)) {
            let done = format!(
                "completed `{command}`, which was interrupted while it replaced files: {targets} now hold its changes"
            );
            ("complete", complete(&files), done)
        } else if files.iter().all(|f| f.untouched || (f.replaced && f.backup_there)) {
            let done = format!("undid `{command}`, which was interrupted while it replaced files and could not be completed: {targets} are as they were before it; run it again");
            ("undo", undo(&files), done)
        } else {
            return Err(Error::Refused(unsettled(dir, &journal, &files)));
        };
        settled.and_then(|()| finish(dir, &files)).map_err(|e| {
            Error::Refused(format!(
                "cannot {doing} `{command}`, which was interrupted while it replaced files: {e}\n  the next trustdocs command on {} tries again",
                shown(dir)
            ))
        })?;
        said.push(done);
    }
    let removed: Vec<PathBuf> = leftovers(dir).into_iter().filter(|p| fs::remove_file(p).is_ok()).collect();
    if !removed.is_empty() {
        let names = removed.iter().map(|p| shown(p.strip_prefix(dir).unwrap_or(p)));
        said.push(format!(
            "removed the {} temporary file{} a trustdocs command left in {} when it was interrupted before changing anything: {}",
            removed.len(),
            if removed.len() == 1 { "" } else { "s" },
            shown(dir),
            names.collect::<Vec<_>>().join(", ")
        ));
    }
    Ok((!said.is_empty()).then(|| said.join("\n")))
}

fn read(dir: &Path) -> Result<Journal> {
    let path = dir.join(FILE);
    let unreadable = |why: String| {
        Error::Refused(format!(
            "{} cannot be read ({why}); it records a trustdocs command that was interrupted while it replaced files\n  check the files it names, then delete it and the hidden `.trustdocs-new-` and `.trustdocs-old-` files beside them",
            shown(&path)
        ))
    };
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return Err(unreadable("it is not a regular file".into()));
    }
    let bytes = fs::read(&path).map_err(|e| unreadable(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| unreadable(e.to_string()))
}

/// One entry of a journal, checked and judged by the files as they are now.
struct Judged {
    target: PathBuf,
    temp: PathBuf,
    backup: Option<PathBuf>,
    /// The target holds the new text.
    replaced: bool,
    /// The target holds the previous text (or is absent, for a new file).
    untouched: bool,
    /// The new text is still in the temporary file.
    temp_there: bool,
    /// The previous text is still in the backup (always, for a new file).
    backup_there: bool,
}

impl Judged {
    fn of(root: &Path, e: &Entry) -> Result<Judged> {
        let target = inside(root, &e.target)?;
        let beside = |name: &str, kind: &str| -> Result<PathBuf> {
            let path = inside(root, name)?;
            let file = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let ours = path.parent() == target.parent()
                && path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&format!(".{file}.trustdocs-{kind}-")));
            ours.then_some(path).ok_or_else(|| tampered(root, name))
        };
        let temp = beside(&e.new, "new")?;
        let backup = e.old.as_deref().map(|b| beside(b, "old")).transpose()?;
        if fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(tampered(root, &e.target));
        }
        let now = sha256_of(&target);
        Ok(Judged {
            replaced: now.as_deref() == Some(e.new_sha256.as_str()),
            untouched: now == e.old_sha256,
            temp_there: sha256_of(&temp).as_deref() == Some(e.new_sha256.as_str()),
            backup_there: backup.as_ref().is_none_or(|b| sha256_of(b) == e.old_sha256),
            target,
            temp,
            backup,
        })
    }
}

/// A path of the journal inside the content folder `root`.
fn inside(root: &Path, rel: &str) -> Result<PathBuf> {
    super::safe_relative(rel).map(|r| root.join(r)).map_err(|_| tampered(root, rel))
}

fn tampered(root: &Path, name: &str) -> Error {
    Error::Refused(format!(
        "{FILE} in {} names `{name}`, which no trustdocs command would have written; nothing was changed\n  check the files it names, then delete it",
        root.display()
    ))
}

/// The renames left, in order.
fn complete(files: &[Judged]) -> std::io::Result<()> {
    for f in files.iter().filter(|f| !f.replaced) {
        fs::rename(&f.temp, &f.target).map_err(naming(&f.target))?;
    }
    Ok(())
}

/// The backups put back; a file that did not exist before is removed.
fn undo(files: &[Judged]) -> std::io::Result<()> {
    for f in files.iter().filter(|f| !f.untouched) {
        match &f.backup {
            Some(b) => fs::rename(b, &f.target),
            None => fs::remove_file(&f.target),
        }
        .map_err(naming(&f.target))?;
    }
    Ok(())
}

/// An error of `path`, saying which file it is about.
fn naming(path: &Path) -> impl FnOnce(std::io::Error) -> std::io::Error + '_ {
    move |e| std::io::Error::new(e.kind(), format!("{}: {e}", shown(path)))
}

/// The renames made durable, then the temporary files, the backups and
/// last the journal removed.
fn finish(dir: &Path, files: &[Judged]) -> std::io::Result<()> {
    sync_folders(files);
    for f in files {
        remove_if_there(&f.temp);
        if let Some(b) = &f.backup {
            remove_if_there(b);
        }
    }
    fs::remove_file(dir.join(FILE)).map_err(naming(&dir.join(FILE)))?;
    sync_folder(dir);
    Ok(())
}

/// Why a journal cannot be settled, file by file, and what to do.
fn unsettled(dir: &Path, journal: &Journal, files: &[Judged]) -> String {
    let mut text = format!(
        "`{}` was interrupted while it replaced files, and some have changed since, so it can be neither completed nor undone safely; nothing was changed:",
        journal.command
    );
    for (f, e) in files.iter().zip(&journal.files) {
        let state = match (f.replaced, f.untouched) {
            (true, _) => "has the command's new text",
            (false, true) => "has its text from before the command",
            (false, false) => "has been changed since",
        };
        let new = if f.temp_there { shown(&dir.join(&e.new)) } else { "gone".into() };
        let old = match &e.old {
            Some(o) if f.backup_there => shown(&dir.join(o)),
            Some(_) => "gone".into(),
            None => "none (a new file)".into(),
        };
        let target = shown(&dir.join(&e.target));
        text.push_str(&format!("\n  {target}: {state}; new text: {new}; text before: {old}"));
    }
    text.push_str(&format!(
        "\n  put each file as it should be, then delete {} and the files named above",
        shown(&dir.join(FILE))
    ));
    text
}

/// `a, b and c` (shown inside the content folder `dir`).
fn list<'a>(dir: &Path, names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|n| shown(&dir.join(n))).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// Temporary files and backups that commands which have ended left at the
/// top of the content folder and under `documents/` and `assets/`, where
/// the writer makes them (beside the files it replaces, and `import`'s
/// images).
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![(dir.to_path_buf(), false)];
    while let Some((folder, deeper)) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else { continue };
        for e in entries.flatten() {
            let Ok(kind) = e.file_type() else { continue };
            let name = e.file_name();
            if kind.is_dir() && (deeper || name == "documents" || name == "assets") {
                folders.push((e.path(), true));
            } else if kind.is_file() && left_by(&name.to_string_lossy()).is_some_and(|pid| !super::guard::alive(pid)) {
                found.push(e.path());
            }
        }
    }
    found.sort();
    found
}

/// The process that made a file named as `temporary::new_beside` names them:
/// `.NAME.trustdocs-new-PID-RANDOM` or `.NAME.trustdocs-old-PID-RANDOM`.
fn left_by(name: &str) -> Option<u32> {
    let at = name.rfind(".trustdocs-")?;
    let rest = &name[at + ".trustdocs-".len()..];
    let rest = rest.strip_prefix("new-").or_else(|| rest.strip_prefix("old-"))?;
    let (pid, random) = rest.split_once('-')?;
    let random_ok = random.len() == 12 && random.bytes().all(|b| b.is_ascii_hexdigit());
    (name.starts_with('.') && random_ok).then(|| pid.parse().ok()).flatten()
}

/// A path as people see it in messages: `content/ratified.lock`.
fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    text.strip_prefix("./").map_or(text.clone(), str::to_string)
}

fn remove_if_there(path: &Path) {
    let _ = fs::remove_file(path);
}

fn sync_folders(files: &[Judged]) {
    let mut folders: Vec<&Path> = files.iter().filter_map(|f| f.target.parent()).collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        sync_folder(folder);
    }
}

/// Makes the renames and removals in `folder` durable where the system allows.
pub fn sync_folder(folder: &Path) {
    if let Ok(f) = fs::File::open(folder) {
        let _ = f.sync_all();
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_replace_all_gives_are_taken_for_its_leftovers() {
        assert_eq!(left_by(".a.md.trustdocs-new-123-0123456789ab"), Some(123));
        assert_eq!(left_by("..trustdocs-journal.trustdocs-old-9-abcdefabcdef"), Some(9));
        for other in [
            "a.md.trustdocs-new-123-0123456789ab",
            ".a.md.trustdocs-new-123-0123456789",
            ".a.md.trustdocs-tmp-123-0123456789ab",
            ".a.md.trustdocs-new-x-0123456789ab",
            ".a.md",
        ] {
            assert_eq!(left_by(other), None, "{other}");
        }
    }

    #[test]
    fn lists_read_as_a_sentence() {
        let dir = Path::new("content");
        assert_eq!(list(dir, ["a"].into_iter()), "content/a");
        assert_eq!(list(dir, ["a", "b", "c"].into_iter()), "content/a, content/b and content/c");
    }
}
