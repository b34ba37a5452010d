//! The last stage: write the built files into a staging folder beside the
//! output folder, then swap it in whole. A failed or killed build leaves the
//! previous output exactly as it was, and nothing is written outside it.
//! What may be replaced or deleted is decided in `guard.rs`.

pub mod build_cache;
pub mod folder_lock;
pub mod guard;
mod held;
pub mod journal;
pub mod replace;
mod request;
pub mod signals;
mod target;
mod temporary;

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};

pub enum Contents {
    Bytes(Vec<u8>),
    /// A file copied as it is (images and attachments).
    Copy(PathBuf),
    /// A file of the last build's output whose inputs have not changed
    /// (`build_cache`): linked where the file system allows, else copied.
    Reuse(PathBuf),
}

pub struct OutputFile {
    /// A relative path with `/` separators, e.g. `documents/corp-strat-003/index.html`.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile { path: path.into(), contents: Contents::Bytes(bytes.into()) }
    }
}

/// Asked between the parts of a long piece of work; `true` abandons it (in
/// `serve`, a newer edit is waiting).
pub type Stop<'s> = dyn Fn() -> bool + Sync + 's;

/// Writes a file's bytes as they are made.
pub type Writer<'w> = dyn Fn(&mut dyn std::io::Write) -> Result<()> + Sync + 'w;

/// Where made files go as soon as they are made: a staging folder, or
/// memory (`collect_into`). Any `Fn(OutputFile) -> Result<()>` is one.
pub trait Sink: Sync {
    fn send(&self, file: OutputFile) -> Result<()>;

    /// A file too large to make in memory first (the checks page of 10,000
    /// documents is 90 MB): written straight into its file where the sink
    /// has one, made in memory and sent where it has not.
    fn send_written(&self, path: &str, write: &Writer) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.send(OutputFile::bytes(path, bytes))
    }
}

impl<F: Fn(OutputFile) -> Result<()> + Sync> Sink for F {
    fn send(&self, file: OutputFile) -> Result<()> {
        self(file)
    }
}

/// A sink that keeps what it is given, for callers that want the files in memory.
pub fn collect_into(files: &std::sync::Mutex<Vec<OutputFile>>) -> impl Fn(OutputFile) -> Result<()> + Sync + '_ {
    |f| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
        Ok(())
    }
}

/// Checks that a path stays inside the output folder.
pub fn safe_relative(path: &str) -> Result<PathBuf> {
    let p = Path::new(path);
    let ok = !path.is_empty() && !path.contains('\0') && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| p.to_path_buf())
        .ok_or_else(|| Error::Refused(format!("refusing to write `{path}`: it would leave the output folder")))
}

/// Writes `files` to `out` atomically (as far as the file system allows).
/// Sub-folders of the previous output named in `keep` are carried over into
/// the new one (the public copy kept inside the intranet's folder).
pub fn write(out: &Path, files: &[OutputFile], keep: &[&str]) -> Result<()> {
    let staging = Staging::begin(out)?;
    for f in files {
        staging.put(f)?;
    }
    staging.commit(keep)
}

/// A new output folder being filled beside the old one. Files are written as
/// they are made, from any thread, so a large site never sits in memory.
/// Dropped without `commit`, it is removed and the old output stays.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// The folders made inside `dir` so far.
    folders: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    /// A new, marked staging folder beside `out`. Folders that killed
    /// builds left there are removed first (only marked ones).
    pub fn begin(out: &Path) -> Result<Staging> {
        let parent = parent_of(out);
        std::fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
        let name = folder_name(out)?;
        remove_stale(parent, &name);
        let prefix = format!(".{name}.building-{}-", std::process::id());
        let dir = create_unique_dir(parent, &prefix).map_err(Error::io("create a folder in", parent))?;
        signals::watch(&dir);
        let staging = Staging { dir, out: out.to_path_buf(), committed: false, folders: Default::default() };
        guard::mark(&staging.dir).map_err(Error::io("write in", &staging.dir))?;
        Ok(staging)
    }

    /// The staging folder itself, for work files that must not outlive the
    /// build (removed before the swap, or with the folder).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a file will be written, for tools that write it themselves (typst).
    pub fn path_for(&self, path: &str) -> Result<PathBuf> {
        let rel = safe_relative(path)?;
        if let Some(folders) = rel.parent().filter(|f| !f.as_os_str().is_empty()) {
            // Each folder is made once: asking the system again for each of
            // 60,000 files was a tenth of a rebuild's time in the kernel.
            let made = |f: &Path| self.folders.lock().unwrap_or_else(|e| e.into_inner()).contains(f);
            if !made(folders) {
                create_dirs_within(&self.dir, folders).map_err(Error::io("create", self.dir.join(folders)))?;
                self.folders.lock().unwrap_or_else(|e| e.into_inner()).insert(folders.to_path_buf());
            }
        }
        Ok(self.dir.join(rel))
    }

    pub fn put(&self, f: &OutputFile) -> Result<()> {
        let target = self.path_for(&f.path)?;
        let written = match &f.contents {
            Contents::Bytes(b) => std::fs::write(&target, b),
            Contents::Copy(src) => copy_bytes(src, &target),
            Contents::Reuse(src) => std::fs::hard_link(src, &target).or_else(|_| copy_bytes(src, &target)),
        };
        written.map_err(Error::io("write", &f.path))
    }

    /// Writes the file at `path` as `write` makes it, through a buffer.
    pub fn put_written(&self, path: &str, write: &Writer) -> Result<()> {
        let target = self.path_for(path)?;
        let file = std::fs::File::create(&target).map_err(Error::io("write", path))?;
        write_through(std::io::BufWriter::with_capacity(1 << 16, file), path, write)
    }

    /// Swaps the new folder in for the old one.
    pub fn commit(mut self, keep: &[&str]) -> Result<()> {
        // Checked again at the last moment: the folder is never one a build did not make.
        if let Some(why) = guard::why_not_replaceable(&self.out) {
            return Err(Error::Refused(format!("refusing to replace {}: {why}", self.out.display())));
        }
        let _swap = signals::swapping();
        carry_over(&self.out, &self.dir, keep)?;
        swap_in(&self.dir, &self.out, parent_of(&self.out), &folder_name(&self.out)?)?;
        self.committed = true;
        signals::unwatch(&self.dir);
        Ok(())
    }
}

impl Sink for Staging {
    fn send(&self, file: OutputFile) -> Result<()> {
        self.put(&file)
    }

    fn send_written(&self, path: &str, write: &Writer) -> Result<()> {
        self.put_written(path, write)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = guard::remove_marked(&self.dir);
            signals::unwatch(&self.dir);
        }
    }
}

/// Creates the folders `rel` inside `base`, which must exist: a build that
/// is being stopped never makes its removed staging folder again.
pub fn create_dirs_within(base: &Path, rel: &Path) -> std::io::Result<()> {
    let mut at = base.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match std::fs::create_dir(&at) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// A new, independent file with the bytes of `src` (a link's target): never
/// a hard link to an author's file, nor a link, nor its permissions.
fn copy_bytes(src: &Path, target: &Path) -> std::io::Result<()> {
    let mut from = std::fs::File::open(src)?;
    let mut to = std::fs::OpenOptions::new().write(true).create_new(true).open(target)?;
    std::io::copy(&mut from, &mut to).map(|_| ())
}

fn parent_of(out: &Path) -> &Path {
    out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn folder_name(out: &Path) -> Result<String> {
    let name = out.file_name().ok_or_else(|| Error::Usage(format!("{} is not a folder name", out.display())))?;
    Ok(name.to_string_lossy().to_string())
}

/// Links (or copies) kept folders of the old output into the staging folder;
/// the old output stays whole until the swap.
fn carry_over(out: &Path, staging: &Path, keep: &[&str]) -> Result<()> {
    for k in keep {
        let from = out.join(k);
        if from.is_dir() && !staging.join(k).exists() {
            link_tree(&from, &staging.join(k)).map_err(Error::io("keep", &from))?;
        }
    }
    Ok(())
}

fn link_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            link_tree(&src, &dst)?;
        } else if std::fs::hard_link(&src, &dst).is_err() {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(Error::io("move the new site into", out));
    }
    if !out.is_dir() {
        return Err(Error::Refused(format!("{} exists and is not a folder; choose another --out", out.display())));
    }
    let old = unused_name(parent, &format!(".{name}.old-{}-", std::process::id()));
    if exchange(staging, out) {
        // `staging` now holds the previous site.
        discard(staging);
        return Ok(());
    }
    std::fs::rename(out, &old).map_err(Error::io("replace", out))?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(Error::io("move the new site into", out)(e));
    }
    discard(&old);
    Ok(())
}

/// Deletes a previous site. Deleting tens of thousands of files can take
/// longer than building them, so on Unix a detached `rm -rf` does it after
/// the build has finished, in a process group of its own (Ctrl+C in the
/// terminal does not stop it), the mark last; a folder it leaves behind (if
/// it is killed) is still marked and removed by the next build.
fn discard(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let marks = dir.join(".trustdocs");
        let mut parts: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| *p != marks).collect())
            .unwrap_or_default();
        parts.push(dir.to_path_buf());
        let spawned = std::process::Command::new("rm")
            .arg("-rf")
            .arg("--")
            .args(&parts)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .process_group(0)
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    let _ = guard::remove_marked(dir);
}

/// Swaps two folders in one step where the system can (Linux renameat2).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (CString::new(a.as_os_str().as_bytes()), CString::new(b.as_os_str().as_bytes())) else {
        return false;
    };
    const RENAME_EXCHANGE: libc::c_uint = 2;
    // SAFETY: both paths are valid NUL-terminated strings for the call's duration.
    unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), RENAME_EXCHANGE) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Removes the staging and old folders that builds which were killed left
/// beside the output: only those named as a build names them, whose
/// process has ended, and that carry the build's mark (or are empty).
/// Removes what killed builds into `out` left beside it (their marked
/// staging and replaced folders), as every build does before it writes.
pub fn clean_up_beside(out: &Path) {
    if let Ok(name) = folder_name(out) {
        remove_stale(parent_of(out), &name);
    }
}

fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.building-"), format!(".{name}.old-")];
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        let Some(rest) = prefixes.iter().find_map(|p| n.strip_prefix(p.as_str())) else { continue };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else { continue };
        let path = e.path();
        if guard::alive(pid) || !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if guard::is_marked(&path) {
            let _ = guard::remove_marked(&path);
        } else {
            // Killed between making the folder and marking it: empty.
            let _ = std::fs::remove_dir(path.join(".trustdocs"));
            let _ = std::fs::remove_dir(&path);
        }
    }
}

/// Makes a new folder `parent/<prefix><random>` that did not exist before:
/// never a folder that was already there, nor the target of a link planted
/// under that name.
pub fn create_unique_dir(parent: &Path, prefix: &str) -> std::io::Result<PathBuf> {
    let mut last = None;
    for _ in 0..64 {
        let path = unused_name(parent, prefix);
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no unused name")))
}

/// `parent/<prefix><random hex>`, not there at the moment of asking.
pub fn unused_name(parent: &Path, prefix: &str) -> PathBuf {
    use std::hash::{BuildHasher, Hasher};
    loop {
        // Each `RandomState` has new random keys: a cheap unpredictable number.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
        let path = parent.join(format!("{prefix}{:012x}", h.finish() & 0xffff_ffff_ffff));
        if std::fs::symlink_metadata(&path).is_err() {
            return path;
        }
    }
}

/// Lets `write` write into `file`. A full disk is reported as itself, not as
/// whatever `write` made of the error (a template error, for a page).
fn write_through(file: impl std::io::Write, path: &str, write: &Writer) -> Result<()> {
    let mut out = Noting { inner: file, failed: None };
    let made = write(&mut out).and_then(|()| std::io::Write::flush(&mut out).map_err(Error::io("write", path)));
    match out.failed {
        Some(e) => Err(Error::io("write", path)(e)),
        None => made,
    }
}

/// A writer that keeps the first error of the file it writes.
struct Noting<W> {
    inner: W,
    failed: Option<std::io::Error>,
}

impl<W: std::io::Write> Noting<W> {
    fn note<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        result.map_err(|e| {
            let told = std::io::Error::new(e.kind(), e.to_string());
            self.failed.get_or_insert(e);
            told
        })
    }
}

impl<W: std::io::Write> std::io::Write for Noting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output_folder() {
        assert!(safe_relative("documents/a/index.html").is_ok());
        for bad in ["../x", "/etc/passwd", "a/../../x", "", "a\0b", "./a"] {
            assert!(safe_relative(bad).is_err(), "{bad:?} accepted");
        }
    }

    struct Full;

    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"))
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_disk_is_reported_as_itself_with_the_path() {
        let template = |w: &mut dyn std::io::Write| {
            w.write_all(b"<html>").map_err(|_| Error::Content("the template failed".into()))
        };
        let e = write_through(Full, "checks/index.html", &template).unwrap_err();
        assert_eq!(e.to_string(), "cannot write checks/index.html: no space left on device");
        let broken = |_: &mut dyn std::io::Write| Err(Error::Content("the template failed".into()));
        let e = write_through(Vec::new(), "checks/index.html", &broken).unwrap_err();
        assert_eq!(e.to_string(), "the template failed");
    }

    #[test]
    fn written_files_reach_the_staging_folder_and_memory_alike() {
        let tmp = std::env::temp_dir().join(format!("td-sink-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).unwrap();
        let page = |w: &mut dyn std::io::Write| w.write_all(b"<p>page</p>").map_err(Error::io("write", "x"));
        let staging = Staging::begin(&tmp.join("out")).unwrap();
        let sink: &dyn Sink = &staging;
        sink.send_written("checks/index.html", &page).unwrap();
        assert_eq!(std::fs::read(staging.dir().join("checks/index.html")).unwrap(), b"<p>page</p>");
        assert!(sink.send_written("../escape.html", &page).is_err());
        let files = std::sync::Mutex::new(Vec::new());
        collect_into(&files).send_written("checks/index.html", &page).unwrap();
        let files = files.into_inner().unwrap();
        assert!(
            matches!(&files[..], [f] if f.path == "checks/index.html" && matches!(&f.contents, Contents::Bytes(b) if b == b"<p>page</p>"))
        );
        drop(staging);
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
