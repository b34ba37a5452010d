//! Which folders a build may replace or delete. The output folder is the
//! build's own: a folder is replaced only when it is empty or carries the
//! mark a build leaves in it, and never when it is (or holds, or lies in)
//! the content folder, the current folder or the home folder. Paths are
//! compared once symbolic links, `.`, `..` and trailing slashes are
//! resolved, so no spelling of a folder gets past these rules.

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as made by a trustdocs build.
pub const MARK: &str = ".trustdocs/output";
const MARK_TEXT: &str = "This folder was made by a trustdocs build, which replaces it whole.\n";
/// What earlier versions left in their output: still accepted as the build's own.
const EARLIER_MARKS: [&str; 2] = [".trustdocs/pdf-cache.json", ".trustdocs/public-copy"];

/// Whether `dir` was made by a trustdocs build (this version or an earlier one).
pub fn is_marked(dir: &Path) -> bool {
    std::iter::once(MARK).chain(EARLIER_MARKS).any(|m| dir.join(m).is_file())
}

/// Marks a folder as the build's own.
pub fn mark(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join(".trustdocs"))?;
    std::fs::write(dir.join(MARK), MARK_TEXT)
}

/// Removes a folder a build made, its mark last: a removal cut short
/// leaves a folder that is still marked, so the next build finishes it.
pub fn remove_marked(dir: &Path) -> std::io::Result<()> {
    let marks = dir.join(".trustdocs");
    for entry in std::fs::read_dir(dir)?.flatten() {
        if entry.path() != marks {
            remove_entry(&entry.path())?;
        }
    }
    if let Ok(entries) = std::fs::read_dir(&marks) {
        let mark_files: Vec<PathBuf> = std::iter::once(MARK).chain(EARLIER_MARKS).map(|m| dir.join(m)).collect();
        for entry in entries.flatten().filter(|e| !mark_files.contains(&e.path())) {
            remove_entry(&entry.path())?;
        }
    }
    std::fs::remove_dir_all(dir)
}

fn remove_entry(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path)?.is_dir() {
        true => std::fs::remove_dir_all(path),
        false => std::fs::remove_file(path),
    }
}

/// Refuses an output folder that the build must not replace; `Err` says
/// why and what to do instead.
pub fn check_out(content: &Path, out: &Path) -> Result<()> {
    let refuse = |why: &str, instead: &str| {
        Err(Error::Refused(format!(
            "refusing to build into {}: it {why}, and a build replaces its output folder whole.\n  {instead}",
            out.display()
        )))
    };
    let elsewhere = "choose a folder of its own for the site instead, e.g. --out dist";
    let content = canonical(content).map_err(Error::io("read content folder", content))?;
    let target = canonical(out).map_err(Error::io("resolve --out", out))?;
    if target == content {
        return refuse("is the content folder", elsewhere);
    }
    if content.starts_with(&target) {
        return refuse("holds the content folder", elsewhere);
    }
    if target.starts_with(&content) {
        return refuse(
            "is inside the content folder",
            "choose a folder outside the content folder instead, e.g. --out dist",
        );
    }
    if std::env::current_dir().ok().and_then(|d| canonical(&d).ok()).is_some_and(|cwd| cwd == target) {
        return refuse("is the current folder", elsewhere);
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    if home.and_then(|h| canonical(&h).ok()).is_some_and(|h| h == target) {
        return refuse("is your home folder", elsewhere);
    }
    match why_not_replaceable(out) {
        Some(why) => Err(Error::Refused(format!("refusing to build into {}: {why}", out.display()))),
        None => Ok(()),
    }
}

/// Why the folder at `out` may not be replaced, and what to do instead;
/// `None` when it may be: absent, empty or marked.
pub fn why_not_replaceable(out: &Path) -> Option<String> {
    let meta = match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return Some(format!("it cannot be read ({e})")),
        Ok(m) => m,
    };
    if !meta.is_dir() && !std::fs::metadata(out).is_ok_and(|m| m.is_dir()) {
        return Some("it exists and is not a folder.\n  choose another --out".into());
    }
    let entries: Vec<_> = match std::fs::read_dir(out) {
        Ok(entries) => entries.flatten().collect(),
        Err(e) => return Some(format!("it cannot be read ({e})")),
    };
    // Empty, or holding only other outputs: `dist` made by `build --public`
    // for its default place, `dist/public`, before any intranet build.
    let only_outputs = entries.iter().all(|e| e.file_type().is_ok_and(|t| t.is_dir()) && is_marked(&e.path()));
    if only_outputs || is_marked(out) {
        return None;
    }
    Some(format!(
        "it holds files that a trustdocs build did not make (it has no {MARK}), and a build replaces its output folder whole.\n  choose a new or empty folder instead, e.g. --out dist; if it is the output of an earlier trustdocs, delete it yourself first"
    ))
}

/// The absolute path with every symbolic link, `.` and `..` resolved, as
/// far as it exists; the rest is joined as written.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut resolved = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => resolved.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if std::fs::symlink_metadata(&resolved).is_ok() {
                    resolved = resolved.canonicalize()?;
                }
            }
        }
    }
    Ok(resolved)
}

/// Whether the process `pid` is running.
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: signal 0 only asks whether the process exists.
        pid > 0
            && (unsafe { libc::kill(pid, 0) } == 0
                || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM))
    }
    #[cfg(not(unix))]
    {
        Path::new(&format!("/proc/{pid}")).exists()
    }
}
