//! What `serve` keeps between edits, and how an edit is applied: reload the
//! file, re-check, re-render its pages first and the rest after.

use super::http::{Live, SiteFiles};
use super::ServeOptions;
use crate::diag::{self, Diagnostic, Severity, Summary};
use crate::error::{Error, Result};
use crate::load::{self, display_path};
use crate::model::DocId;
use crate::output::{Contents, OutputFile};
use crate::project::{Project, Site};
use crate::publish::PublishOptions;
use crate::resolve::{DocIndex, Library};
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Which pages an edit changes.
enum Touched {
    /// None: a broken edit (the last good pages stay), or settings that
    /// could not be read.
    Nothing,
    /// The pages of these documents: the edited ones and those that refer to them.
    Documents(HashSet<DocIndex>),
    /// The whole site: settings, the theme, assets, or a removed document.
    Everything,
}

pub struct State {
    dir: PathBuf,
    render: PublishOptions,
    lib: Library,
    theme: Theme,
    /// What loading found, by file: settings files and documents.
    load_diags: BTreeMap<String, Vec<Diagnostic>>,
    /// What the library-wide checks found.
    global: Vec<Diagnostic>,
    /// What each document's checks found, by display path.
    doc_diags: HashMap<String, Vec<Diagnostic>>,
    /// All of the above, sorted: what the checks page shows. Assembled
    /// for the rest of the site, not for each edit's pages.
    diags: Vec<Diagnostic>,
    /// Files whose last edit is broken, with what is wrong, by display path.
    broken: BTreeMap<String, String>,
    /// The background rebuild of the listings, library pages and search
    /// index after the last edit, if one is running.
    rest: Option<Arc<AtomicBool>>,
}

impl State {
    pub fn load(opts: &ServeOptions) -> Result<State> {
        let project = Project::load(&opts.dir, opts.today)?;
        if project.config_fatal {
            return Err(Error::Content(format!(
                "{}: site.yaml is missing or unusable; run `trustdocs check` to see why",
                opts.dir.display()
            )));
        }
        let mut load_diags: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in project.diags {
            load_diags.entry(d.file.clone().unwrap_or_default()).or_default().push(d);
        }
        let theme = Theme::load(&opts.dir)?;
        let render = PublishOptions { drafts: opts.drafts && !opts.public, pdf: false, public: opts.public };
        let mut state = State {
            dir: opts.dir.clone(),
            render,
            lib: project.lib,
            theme,
            load_diags,
            global: Vec::new(),
            doc_diags: HashMap::new(),
            diags: Vec::new(),
            broken: BTreeMap::new(),
            rest: None,
        };
        state.recheck(&Touched::Everything);
        Ok(state)
    }

    /// Re-runs the checks of the documents an edit touched, and the
    /// library-wide ones, which are cheap.
    /// The library the pages are made from: the public copy's has no
    /// staff names (`publish::public_library`), as `build --public`'s.
    fn shown(&self) -> std::borrow::Cow<'_, Library> {
        match self.render.public {
            true => std::borrow::Cow::Owned(crate::publish::public_library(&self.lib)),
            false => std::borrow::Cow::Borrowed(&self.lib),
        }
    }

    fn recheck(&mut self, touched: &Touched) {
        let indices: Vec<DocIndex> = match touched {
            Touched::Nothing => return,
            Touched::Documents(set) => set.iter().copied().collect(),
            Touched::Everything => {
                self.doc_diags.clear();
                self.lib.indices()
            }
        };
        for (i, found) in crate::check::documents(&self.lib, self.lib.today(), &indices) {
            self.doc_diags.insert(self.lib.doc(i).file.display.clone(), found);
        }
        self.global = crate::check::library_wide(&self.lib);
    }

    /// Every diagnostic, sorted, into `self.diags`.
    fn gather_diagnostics(&mut self) {
        self.diags = self.marked_diagnostics();
    }

    /// Every diagnostic, sorted, those that block ratification marked.
    fn marked_diagnostics(&self) -> Vec<Diagnostic> {
        let mut diags: Vec<Diagnostic> = self.all_diagnostics().cloned().collect();
        crate::check::readiness::mark(&self.lib, &mut diags);
        diag::sort(&mut diags);
        diags
    }

    fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> + Clone {
        self.load_diags.values().flatten().chain(&self.global).chain(self.doc_diags.values().flatten())
    }

    pub fn summary_line(&self) -> String {
        let summary = Summary::of(self.lib.docs().len(), &self.marked_diagnostics()).with_ids(self.lib.by_id().len());
        crate::report::summary_line(&summary)
    }

    /// Renders the whole site into `files`.
    pub fn render_all(&mut self, files: &SiteFiles) -> Result<()> {
        self.cancel_rest();
        self.gather_diagnostics();
        let all = Site::new(&self.shown(), &self.diags, &self.render, &self.theme)?.files()?;
        let map = all.into_iter().filter_map(read_contents).collect();
        *files.write().unwrap_or_else(|e| e.into_inner()) = map;
        Ok(())
    }

    /// Applies an edit of `changed` (paths relative to the content folder):
    /// the pages of the documents it touches, at once. The rest of the site
    /// is left for `start_rest`, so that the edited page shows without
    /// waiting for the listings and the search index.
    /// Never fails: a problem becomes a notice, and the last good site stays.
    pub fn apply(&mut self, changed: &[PathBuf], files: &SiteFiles, live: &Live) {
        let started = Instant::now();
        let docs: Vec<&PathBuf> =
            changed.iter().filter(|p| p.starts_with("documents") && p.extension().is_some_and(|e| e == "md")).collect();
        let touched = if changed.iter().any(|p| affects_everything(p)) {
            self.reload_everything(live)
        } else if !docs.is_empty() {
            self.apply_documents(&docs, live)
        } else {
            // Editors' temporary files and other files the site does not read.
            return;
        };
        if matches!(touched, Touched::Nothing) {
            return;
        }
        let clock = crate::timings::Clock::start();
        self.recheck(&touched);
        clock.lap("serve: recheck");
        let Touched::Documents(touched) = touched else {
            // Settings, theme or a removed file: the whole site, swapped whole.
            match self.render_all(files) {
                Ok(()) => live.send("reload", ""),
                Err(e) => live.set_notice(Some(e.to_string())),
            }
            eprintln!("rebuilt the site in {:.0?}; {}", started.elapsed(), self.summary_line());
            return;
        };
        let shown = self.shown();
        let result = Site::new(&shown, &self.diags, &self.render, &self.theme).and_then(|r| {
            clock.lap("serve: plan");
            r.document_pages(&|i| touched.contains(&i))
        });
        clock.lap("serve: pages");
        match result {
            Ok(pages) => {
                let count = pages.len();
                swap_in(files, pages);
                live.send("reload", "");
                eprintln!("rebuilt {count} document page(s) in {:.0?}; {}", started.elapsed(), self.summary_line());
                self.start_rest(files, live);
            }
            Err(e) => show_error(live, &e),
        }
    }

    fn cancel_rest(&mut self) {
        if let Some(older) = self.rest.take() {
            older.store(true, Ordering::SeqCst);
        }
    }

    /// Rebuilds the listings, library pages and search index after `apply`
    /// on a thread of its own, from a copy of the library (its documents are
    /// shared, not copied). A newer edit abandons it.
    fn start_rest(&mut self, files: &SiteFiles, live: &Live) {
        self.cancel_rest();
        self.gather_diagnostics();
        let cancelled = Arc::new(AtomicBool::new(false));
        self.rest = Some(cancelled.clone());
        let (lib, diags, render, theme) =
            (self.shown().into_owned(), self.diags.clone(), self.render.clone(), self.theme.clone());
        let (files, live) = (files.clone(), live.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            let stop = || cancelled.load(Ordering::SeqCst);
            let made = std::sync::Mutex::new(Vec::new());
            let rest = rest_pool().install(|| {
                Site::new(&lib, &diags, &render, &theme)
                    .and_then(|r| r.other_files_unless(&stop, &crate::output::collect_into(&made)))
            });
            match rest {
                Ok(Some(_)) => {
                    let rest = made.into_inner().unwrap_or_else(|e| e.into_inner());
                    if swap_in_unless(&files, rest, &stop) {
                        live.send("listings", "");
                        eprintln!("rebuilt the listings and the search index in {:.0?}", started.elapsed());
                    }
                }
                Ok(None) => {}
                Err(e) => show_error(&live, &e),
            }
        });
    }

    /// Reloads edited documents. Returns the documents whose pages must be
    /// re-rendered.
    fn apply_documents(&mut self, paths: &[&PathBuf], live: &Live) -> Touched {
        let display_dir = display_path(&self.dir);
        let mut ids: HashSet<DocId> = HashSet::new();
        let mut removed = false;
        for rel in paths {
            let full = self.dir.join(rel);
            let display = format!("{display_dir}/{}", display_path(rel));
            if let Some(old) = self.lib.docs().iter().find(|d| &d.file.path == *rel) {
                ids.extend(old.id().cloned());
            }
            self.broken.remove(&display);
            if !full.exists() {
                self.lib.remove(rel);
                self.load_diags.remove(&display);
                removed = true;
                continue;
            }
            let (doc, diags) = load::load_document(&self.dir, &display_dir, &full, &self.lib.config);
            let broken: Vec<&Diagnostic> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
            match doc {
                Some(doc) if broken.is_empty() => {
                    ids.extend(doc.id().cloned());
                    self.lib.upsert(doc);
                    self.load_diags.insert(display, diags);
                }
                // A broken edit: keep the last good version on show.
                _ => {
                    let problems: Vec<Diagnostic> = broken.into_iter().cloned().collect();
                    self.broken.insert(display, describe(&problems));
                }
            }
        }
        let notice = (!self.broken.is_empty()).then(|| self.broken.values().cloned().collect::<Vec<_>>().join("\n"));
        if let Some(n) = &notice {
            eprint!("{n}");
        }
        live.set_notice(notice);
        match (removed, ids.is_empty()) {
            (true, _) => Touched::Everything,
            (false, true) => Touched::Nothing,
            (false, false) => Touched::Documents(self.affected(&ids)),
        }
    }

    /// A change to settings, theme or assets: everything is read again.
    fn reload_everything(&mut self, live: &Live) -> Touched {
        let opts = ServeOptions {
            dir: self.dir.clone(),
            port: 0,
            public: self.render.public,
            drafts: self.render.drafts,
            today: self.lib.today(),
        };
        match State::load(&opts) {
            Ok(fresh) => {
                *self = fresh;
                live.set_notice(None);
                Touched::Everything
            }
            Err(e) => {
                show_error(live, &e);
                Touched::Nothing
            }
        }
    }

    /// Every version of the edited ids, and every document that refers to them.
    fn affected(&self, ids: &HashSet<DocId>) -> HashSet<DocIndex> {
        // An edit touches one id or two: comparing is faster than hashing.
        let ids: Vec<&DocId> = ids.iter().collect();
        let edited = |id: &DocId| ids.contains(&id);
        self.lib
            .docs()
            .par_iter()
            .enumerate()
            .map(|(i, d)| (DocIndex::new(i), d))
            .filter(|(_, d)| {
                d.id().is_some_and(edited)
                    || d.meta.related.iter().any(|r| edited(&r.value))
                    || d.body
                        .links
                        .iter()
                        .any(|l| matches!(&l.target, crate::model::body::Target::Doc { id, .. } if edited(id)))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// An error on the terminal and as the notice on open pages; the last good
/// pages stay on show.
fn show_error(live: &Live, e: &Error) {
    let message = e.to_string();
    eprintln!("error: {}", crate::text::for_terminal(&message));
    live.set_notice(Some(message));
}

/// Settings, the lock, the theme and assets change more than one document's pages.
fn affects_everything(rel: &Path) -> bool {
    rel.starts_with("theme")
        || rel.starts_with("assets")
        || ["site.yaml", "roles.yaml", "glossary.yaml", crate::lock::FILE].iter().any(|f| rel == Path::new(f))
}

/// Diagnostics as the terminal shows them, without colour.
fn describe(problems: &[Diagnostic]) -> String {
    let sources = problems
        .iter()
        .filter_map(|d| d.file.clone())
        .filter_map(|f| std::fs::read_to_string(Path::new(&f)).ok().map(|t| (f, t)))
        .collect();
    crate::report::human(problems, &sources, &Summary::of(1, problems), crate::report::Style::Plain)
}

fn read_contents(f: OutputFile) -> Option<(String, Arc<Vec<u8>>)> {
    let bytes = match f.contents {
        Contents::Bytes(b) => b,
        Contents::Copy(p) | Contents::Reuse(p) => std::fs::read(p).ok()?,
    };
    Some((f.path, Arc::new(bytes)))
}

fn swap_in(files: &SiteFiles, new: Vec<OutputFile>) {
    swap_in_unless(files, new, &|| false);
}

/// Swaps the files in unless `stop` says, under the lock, that a newer
/// edit has made them stale. Returns whether they went in.
fn swap_in_unless(files: &SiteFiles, new: Vec<OutputFile>, stop: &dyn Fn() -> bool) -> bool {
    let new: Vec<_> = new.into_iter().filter_map(read_contents).collect();
    let mut map = files.write().unwrap_or_else(|e| e.into_inner());
    if stop() {
        return false;
    }
    map.extend(new);
    true
}

/// The background rebuild's own threads: one core is left for the next
/// edit, whose pages render on rayon's global pool.
fn rest_pool() -> &'static rayon::ThreadPool {
    static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool can be made")
    })
}
