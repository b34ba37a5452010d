//! One writer at a time on a content folder. A command that writes into
//! the folder (`ratify`, `withdraw`, `new-version`, `lock`, `import`) holds
//! an exclusive advisory lock (flock(2)) on the folder itself from before
//! it reads the library until its last file is in place; a command that
//! reads it (`check`, `build`, `serve`, ...) holds a shared one while it
//! loads. The lock lives on the folder's own descriptor, so no file is made
//! for it, and the system lets go of it when the process ends, however it
//! ends (`kill -9` included).
//!
//! Whoever takes the folder first settles what a command killed part way
//! left in it (`journal.rs`), so what is loaded afterwards is whole.
//!
//! A command that finds the folder held waits, saying so on one line, for
//! up to [`WAIT`], and then gives up (`Error::Busy`) without having changed
//! anything.

pub use super::held::Writing;
use super::journal;
use crate::error::{Error, Result};
use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a command waits for another on the same folder: a governance
/// command holds it for well under a second, a build only while it loads.
pub const WAIT: Duration = Duration::from_secs(60);

/// The content folder held for reading: no writer can change it meanwhile.
pub struct Reading {
    _held: Option<File>,
}

/// Holds `dir` for a command that writes into it, once any other command
/// on it has finished, then completes or undoes the changes of a command
/// that was killed part way, saying which on standard error. `Err`: the
/// folder stayed held too long (`Busy`), cannot be locked, or holds
/// interrupted changes that cannot be settled safely (`Refused`, which
/// names the files).
pub fn for_writing(dir: &Path) -> Result<Writing> {
    let held = hold(dir, Mode::Exclusive)?.ok_or_else(|| {
        Error::Refused(format!(
            "cannot lock {} against other trustdocs commands: the file system does not support locks (flock); nothing was changed",
            dir.display()
        ))
    })?;
    let folder = Writing::new(dir, held);
    if let Some(settled) = journal::settle(&folder)? {
        eprintln!("{}", crate::text::for_terminal(&settled));
    }
    Ok(folder)
}

/// Holds `dir` for a command that reads it. Changes a killed command left
/// half made are settled first, as a writer would; what cannot be settled
/// (a read-only folder, files changed since) is returned, for the checks to
/// report. A folder that cannot be locked at all (a file system without
/// locks, a folder that is not there) is read unheld: reading cannot harm
/// it, and loading says what is wrong with it.
pub fn for_reading(dir: &Path) -> Result<(Reading, Option<String>)> {
    if journal::left_behind(dir) {
        match for_writing(dir) {
            Ok(folder) => drop(folder),
            Err(Error::Busy(_)) => {}
            Err(e) => {
                let reading = Reading { _held: hold(dir, Mode::Shared)? };
                return Ok((reading, journal::pending(dir).then(|| e.to_string())));
            }
        }
    }
    let reading = Reading { _held: hold(dir, Mode::Shared)? };
    // A writer killed between the look above and the lock.
    let unsettled = journal::pending(dir).then(|| journal::describe(dir));
    Ok((reading, unsettled))
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Shared,
    Exclusive,
}

/// The folder's descriptor with the lock on it; `None` when the file
/// system has no locks, or, for reading, when the folder cannot be opened.
fn hold(dir: &Path, mode: Mode) -> Result<Option<File>> {
    let file = match File::open(dir) {
        Ok(file) => file,
        Err(_) if mode == Mode::Shared => return Ok(None),
        Err(e) => return Err(Error::io("open", dir)(e)),
    };
    let deadline = Instant::now() + wait();
    let seconds = match wait().as_secs() {
        1 => "1 second".to_string(),
        n => format!("{n} seconds"),
    };
    let mut told = false;
    let mut pause = Duration::from_millis(5);
    loop {
        match try_lock(&file, mode) {
            Ok(true) => return Ok(Some(file)),
            Ok(false) => {}
            Err(_) => return Ok(None),
        }
        if Instant::now() >= deadline {
            return Err(Error::Busy(format!(
                "another trustdocs command has been using {} for more than {seconds}; nothing was changed: run this one again once it has finished",
                dir.display()
            )));
        }
        if !told {
            eprintln!(
                "waiting for another trustdocs command on {} to finish (up to {seconds})",
                crate::text::for_terminal(&dir.display().to_string())
            );
            told = true;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

/// [`WAIT`], except that in a debug build `TRUSTDOCS_TEST_LOCK_WAIT=SECONDS`
/// shortens it, so that tests can see a command give up.
fn wait() -> Duration {
    let from_env = || std::env::var("TRUSTDOCS_TEST_LOCK_WAIT").ok()?.trim().parse().ok();
    match cfg!(debug_assertions).then(from_env).flatten() {
        Some(seconds) => Duration::from_secs(seconds),
        None => WAIT,
    }
}

/// Takes the lock without waiting: `Ok(false)` while another holds it.
#[cfg(unix)]
fn try_lock(file: &File, mode: Mode) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    let operation = match mode {
        Mode::Shared => libc::LOCK_SH,
        Mode::Exclusive => libc::LOCK_EX,
    };
    loop {
        // SAFETY: flock(2) on a descriptor this `File` owns for the call's duration.
        if unsafe { libc::flock(file.as_raw_fd(), operation | libc::LOCK_NB) } == 0 {
            return Ok(true);
        }
        let e = std::io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EWOULDBLOCK) => return Ok(false),
            Some(libc::EINTR) => continue,
            _ => return Err(e),
        }
    }
}

#[cfg(not(unix))]
fn try_lock(_: &File, _: Mode) -> std::io::Result<bool> {
    Err(std::io::Error::other("no flock on this system"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_writer_excludes_readers_and_writers_and_lets_go_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let folder = for_writing(dir.path()).unwrap();
        let other = File::open(dir.path()).unwrap();
        assert!(!try_lock(&other, Mode::Shared).unwrap());
        assert!(!try_lock(&other, Mode::Exclusive).unwrap());
        drop(folder);
        assert!(try_lock(&other, Mode::Shared).unwrap());
        let (reading, unsettled) = for_reading(dir.path()).unwrap();
        assert!(unsettled.is_none());
        let third = File::open(dir.path()).unwrap();
        assert!(!try_lock(&third, Mode::Exclusive).unwrap(), "readers exclude writers");
        drop((reading, other));
        assert!(try_lock(&third, Mode::Exclusive).unwrap());
    }
}
