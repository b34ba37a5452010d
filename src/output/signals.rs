//! Ctrl+C (SIGINT) or SIGTERM during a build: the staging folder it was
//! filling, with the PDF workspace inside it, is removed and the typst
//! processes it started are stopped before it exits, so an interrupted
//! build leaves nothing behind and the previous output as it was. (After
//! SIGKILL, which no program can catch, the next build removes the marked
//! staging folder instead.)
//!
//! The signal handler only writes the signal's number to a pipe; a thread
//! reading the pipe does the work, outside the handler's restrictions.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

struct Watched {
    dirs: Vec<PathBuf>,
    children: Vec<u32>,
}

static WATCHED: Mutex<Watched> = Mutex::new(Watched { dirs: Vec::new(), children: Vec::new() });
/// Held while the new output is swapped in: an interruption waits for it.
static SWAP: Mutex<()> = Mutex::new(());

fn watched() -> MutexGuard<'static, Watched> {
    WATCHED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes `dir` if the build is interrupted.
pub fn watch(dir: &Path) {
    install();
    watched().dirs.push(dir.to_path_buf());
}

pub fn unwatch(dir: &Path) {
    watched().dirs.retain(|d| d != dir);
}

/// Stops the process `pid` (a typst run) if the build is interrupted.
pub fn watch_child(pid: u32) {
    watched().children.push(pid);
}

pub fn unwatch_child(pid: u32) {
    watched().children.retain(|&c| c != pid);
}

/// Holds off Ctrl+C and SIGTERM until the guard is dropped: for work that
/// must finish or be undone whole (replacing several files).
pub fn uninterrupted() -> MutexGuard<'static, ()> {
    install();
    swapping()
}

/// Keeps an interruption waiting until the guard is dropped.
pub fn swapping() -> MutexGuard<'static, ()> {
    SWAP.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(unix)]
mod unix {
    use std::sync::atomic::{AtomicI32, Ordering};

    static WRITE_END: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn on_signal(signal: libc::c_int) {
        let byte = signal as u8;
        // SAFETY: write(2) is async-signal-safe; the buffer is one valid byte.
        unsafe {
            libc::write(WRITE_END.load(Ordering::Relaxed), (&byte as *const u8).cast(), 1);
        }
    }

    pub fn install() {
        let mut fds = [0; 2];
        // SAFETY: `fds` has room for the two descriptors pipe(2) returns.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return;
        }
        WRITE_END.store(fds[1], Ordering::Relaxed);
        let read_end = fds[0];
        std::thread::spawn(move || {
            let mut byte = 0u8;
            loop {
                // SAFETY: reads one byte into a valid buffer from our own pipe.
                match unsafe { libc::read(read_end, (&mut byte as *mut u8).cast(), 1) } {
                    1 => break,
                    n if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {}
                    _ => return,
                }
            }
            super::clean_up();
            std::process::exit(128 + i32::from(byte));
        });
        for signal in [libc::SIGINT, libc::SIGTERM] {
            // SAFETY: a zeroed sigaction with a handler that only calls write(2).
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
                action.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut action.sa_mask);
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    }

    pub fn stop(pid: u32) {
        if let Ok(pid) = libc::pid_t::try_from(pid) {
            // SAFETY: sends SIGTERM to a child this process started.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
    }
}

fn install() {
    static INSTALLED: Once = Once::new();
    #[cfg(unix)]
    INSTALLED.call_once(unix::install);
    #[cfg(not(unix))]
    INSTALLED.call_once(|| {});
}

/// Stops the typst runs and removes the watched folders.
fn clean_up() {
    let _swap = swapping();
    let watched = watched();
    #[cfg(unix)]
    for &pid in &watched.children {
        unix::stop(pid);
    }
    for dir in &watched.dirs {
        // A typst run may still be writing a file as it stops: try again.
        for _ in 0..50 {
            if super::guard::remove_marked(dir).is_ok() || !dir.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
