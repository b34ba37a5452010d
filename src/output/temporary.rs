//! The hidden files the writer (`replace.rs`) makes beside a target: the
//! new bytes before they are renamed over it, and the original's backup
//! until every rename has succeeded. Each is made new, under a name nobody
//! can guess, so never a file or a link that was there before.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The new bytes in a new hidden file beside `target`, on disk, with the
/// target's permissions.
pub(super) fn write_temp(target: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
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
pub(super) fn backup(target: &Path) -> std::io::Result<PathBuf> {
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
pub(super) fn new_beside(target: &Path, kind: &str) -> std::io::Result<(fs::File, PathBuf)> {
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
