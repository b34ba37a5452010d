//! `trustdocs serve`: build in memory, serve on 127.0.0.1, watch the content
//! folder and its theme, rebuild what an edit touches, reload open pages.
//! A broken edit keeps the last good version on show, with a notice.

mod http;
mod state;

use crate::error::{Error, Result};
use crate::model::Date;
use http::{Live, SiteFiles};
use notify::{RecursiveMode, Watcher};
use state::State;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub struct ServeOptions {
    pub dir: PathBuf,
    pub port: u16,
    pub public: bool,
    pub drafts: bool,
    pub today: Date,
}

/// Runs until the process is stopped. `Err` only when it cannot start.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let started = Instant::now();
    let mut state = State::load(&opts)?;
    let files = SiteFiles::default();
    let live = Live::default();
    state.render_all(&files)?;
    // Watch before announcing the address, so no edit made after it is missed.
    let (tx, rx) = mpsc::channel();
    let watch_error = |source| Error::Watch { path: opts.dir.clone(), source };
    let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
    watcher.watch(&opts.dir, RecursiveMode::Recursive).map_err(watch_error)?;
    let listen_error = |source| Error::Listen { port: opts.port, source };
    let listener = TcpListener::bind(("127.0.0.1", opts.port)).map_err(listen_error)?;
    let port = listener.local_addr().map_err(listen_error)?.port();
    eprintln!("{}", state.summary_line());
    eprintln!(
        "serving {} on http://127.0.0.1:{port}/ (built in {:.0?}); press Ctrl+C to stop",
        opts.dir.display(),
        started.elapsed()
    );
    {
        let (files, live) = (files.clone(), live.clone());
        std::thread::spawn(move || http::run(listener, files, live));
    }
    let root = opts.dir.canonicalize().map_err(Error::io("read content folder", &opts.dir))?;
    loop {
        let Ok(first) = rx.recv() else { return Ok(()) };
        let mut changed = paths(first);
        // Editors save in bursts (write, rename, touch): take them as one edit.
        let until = Instant::now() + Duration::from_millis(15);
        while let Ok(more) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
            changed.extend(paths(more));
        }
        let rel: Vec<PathBuf> = changed.iter().filter_map(|p| p.strip_prefix(&root).ok().map(PathBuf::from)).collect();
        if !rel.is_empty() {
            state.apply(&rel, &files, &live);
        }
    }
}

fn paths(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    match event {
        Ok(e) if !matches!(e.kind, notify::EventKind::Access(_)) => e.paths,
        _ => Vec::new(),
    }
}
