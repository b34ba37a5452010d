//! A rebuild that reuses the pages an edit cannot have changed.
//!
//! Each document page, comparison page and set of search excerpts is keyed
//! by what it is made from: the build's settings and every file that is not
//! a document (`global`), and the text of the documents it can show. That
//! is the rule `serve` re-renders by, both ways: a version's page shows its
//! own text, every version of its id, the titles and states of the ids it
//! names (`related`, links in its body, `replaces`), and whatever names its
//! id (a successor ends it; a link from it is counted); and its own
//! findings. A page whose key the last build recorded, and whose file is
//! still as that build wrote it, is linked into the new output instead of
//! made again. The governance pages are keyed by the digest of what their
//! templates are given (`render::memo`), so an edit that changes nothing
//! they show leaves them as they were. Listings and the search index's
//! shared files read every document, so they are always made again; the
//! index's counts are replayed, page by page, from what the last build
//! counted of each page whose text is the same (`search::page_counts`).

use super::inputs::Inputs;
use crate::diag::Diagnostic;
use crate::digest::{Key, Sha};
use crate::error::Result;
use crate::model::body::Target;
use crate::model::{DocId, Document};
use crate::output::build_cache::{Previous, Stamp};
use crate::output::{Contents, OutputFile, Sink};
use crate::publish::{ChangesPage, DocPage, Publication};
use crate::render::memo::Memo;
use crate::resolve::{DocIndex, Library};
use crate::search::page_counts::{self, Earlier};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The key of each document version's inputs, by index in the library.
pub struct Keys {
    doc: Vec<Sha>,
    /// The settings and every file that is not a document.
    global: Sha,
}

impl Keys {
    /// `names`: what the public copy withholds, which any page may show.
    pub fn of(lib: &Library, diags: &[Diagnostic], inputs: &Inputs, names: &[&str]) -> Keys {
        // Each document's digest, by index: looked up once, not once for each page that shows it.
        let source: Vec<Sha> =
            lib.docs().par_iter().map(|d| inputs.files.get(&d.file.path).copied().unwrap_or_default()).collect();
        let documents: BTreeSet<&std::path::Path> = lib.docs().iter().map(|d| d.file.path.as_path()).collect();
        let mut global = Key::new("global");
        global.part(&inputs.run);
        for (path, sha) in inputs.files.iter().filter(|(p, _)| !documents.contains(p.as_path())) {
            global.part(path.as_os_str().as_encoded_bytes()).part(sha);
        }
        names.iter().for_each(|n| _ = global.part(n.as_bytes()));
        let mut findings: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
        for d in diags {
            findings.entry(d.file.as_deref().unwrap_or_default()).or_default().push(d);
        }
        let named_by = named_by(lib);
        let doc = lib
            .docs()
            .par_iter()
            .zip(&source)
            .map(|(d, sha)| {
                let mut key = global.clone();
                key.part(d.file.path.as_os_str().as_encoded_bytes()).part(sha);
                for id in neighbours(d, &named_by) {
                    key.part(id.as_str().as_bytes());
                    for &i in lib.by_id().get(id).map_or(&[][..], |v| &v.all) {
                        key.part(lib.doc(i).file.path.as_os_str().as_encoded_bytes()).part(&source[i.get()]);
                    }
                }
                let own = findings.get(d.file.display.as_str()).map_or(&[][..], Vec::as_slice);
                key.part(&serde_json::to_vec(own).unwrap_or_default());
                key.sha()
            })
            .collect();
        Keys { doc, global: global.sha() }
    }

    pub fn page(&self, p: &DocPage) -> String {
        Key::new("page").part(&self.doc[p.doc.get()]).part(p.url.as_bytes()).part(&[u8::from(p.is_main)]).hex()
    }

    pub fn changes(&self, p: &ChangesPage) -> String {
        Key::new("changes").part(&self.doc[p.from.get()]).part(&self.doc[p.to.get()]).part(p.url.as_bytes()).hex()
    }

    /// The files at `paths`, made from a view of the library whose digest
    /// is `view` (`render::memo`).
    pub fn view(&self, view: &Sha, paths: &[String]) -> String {
        let mut key = Key::new("view");
        key.part(&self.global).part(view);
        paths.iter().for_each(|p| _ = key.part(p.as_bytes()));
        key.hex()
    }

    /// The search excerpts of the page at `url`, numbered `n` for search.
    pub fn excerpts(&self, doc: DocIndex, url: &str, n: u32) -> String {
        Key::new("excerpts").part(&self.doc[doc.get()]).part(url.as_bytes()).part(&n.to_le_bytes()).hex()
    }
}

/// The ids a document names: related, linked from its body, replaced.
fn names(d: &Document) -> impl Iterator<Item = &DocId> {
    let linked = d.body.links.iter().filter_map(|l| match &l.target {
        Target::Doc { id, .. } => Some(id),
        _ => None,
    });
    d.meta.related.iter().map(|r| &r.value).chain(linked).chain(d.meta.replaces.iter().map(|r| &r.value.id))
}

/// Each id → the ids of the documents that name it.
fn named_by(lib: &Library) -> HashMap<&DocId, BTreeSet<&DocId>> {
    let mut by: HashMap<&DocId, BTreeSet<&DocId>> = HashMap::new();
    for d in lib.docs() {
        if let Some(own) = d.id() {
            names(d).for_each(|named| _ = by.entry(named).or_default().insert(own));
        }
    }
    by
}

/// The ids whose versions a document's pages can show, A to Z.
fn neighbours<'l>(d: &'l Document, named_by: &HashMap<&DocId, BTreeSet<&'l DocId>>) -> BTreeSet<&'l DocId> {
    let mut ids: BTreeSet<&DocId> = names(d).collect();
    if let Some(own) = d.id() {
        ids.insert(own);
        ids.extend(named_by.get(own).into_iter().flatten());
    }
    ids
}

/// Takes unchanged work from the last build into the new output, and notes
/// the key and files of all the work, taken or made, for the next build.
pub struct Reuse<'a> {
    previous: Option<&'a Previous>,
    keys: &'a Keys,
    sink: &'a dyn Sink,
    /// Each document version's page address → its index.
    by_url: HashMap<&'a str, DocIndex>,
    /// Key → the files it made (pages), or the excerpts' search number.
    units: Mutex<HashMap<String, Unit>>,
    taken: AtomicUsize,
}

enum Unit {
    Files(Vec<String>),
    Excerpts(u32),
}

impl Unit {
    /// Whether `files`, which the last build recorded for this work, are
    /// the ones it makes: these paths; or excerpt files 0, 1, … of the page,
    /// each once, in any order.
    fn made(&self, files: &[(&str, std::path::PathBuf)]) -> bool {
        match self {
            Unit::Files(paths) => files.iter().map(|(p, _)| *p).eq(paths.iter().map(String::as_str)),
            Unit::Excerpts(n) => {
                let named: BTreeSet<&str> = files.iter().map(|(p, _)| *p).collect();
                let made = |part| named.contains(crate::search::export::excerpt_path(*n, part).as_str());
                !files.is_empty() && named.len() == files.len() && (0..files.len()).all(made)
            }
        }
    }
}

impl<'a> Reuse<'a> {
    pub fn new(previous: Option<&'a Previous>, keys: &'a Keys, site: &'a Publication, sink: &'a dyn Sink) -> Self {
        let by_url = site.pages.iter().map(|p| (p.url.as_str(), p.doc)).collect();
        Reuse { previous, keys, sink, by_url, units: Mutex::default(), taken: AtomicUsize::new(0) }
    }

    /// Whether the page came from the last build (so need not be made).
    pub fn page(&self, p: &DocPage) -> Result<bool> {
        self.files(self.keys.page(p), format!("{}index.html", p.url))
    }

    pub fn changes(&self, p: &ChangesPage) -> Result<bool> {
        self.files(self.keys.changes(p), format!("{}index.html", p.url))
    }

    /// Whether the search excerpts of search page `n` (a document version's
    /// page at `url`) came from the last build.
    pub fn excerpts(&self, url: &str, n: u32) -> Result<bool> {
        let Some(&doc) = self.by_url.get(url) else { return Ok(false) };
        self.take(self.keys.excerpts(doc, url, n), Unit::Excerpts(n), self.sink)
    }

    fn files(&self, key: String, path: String) -> Result<bool> {
        let taken = self.take(key, Unit::Files(vec![path]), self.sink)?;
        if taken {
            self.taken.fetch_add(1, Ordering::Relaxed);
        }
        Ok(taken)
    }

    /// Sends the files of the unit `key` from the last build into `sink`
    /// if the cache records them and they are the files `unit` makes (a unit
    /// naming others, from a damaged or forged cache, would leave a page out
    /// and write another twice, so the work is done again); notes the unit
    /// for the next build either way.
    fn take(&self, key: String, unit: Unit, sink: &dyn Sink) -> Result<bool> {
        let files = self.previous.and_then(|p| p.unit(&key)).filter(|files| unit.made(files));
        self.units.lock().unwrap_or_else(|e| e.into_inner()).insert(key, unit);
        let Some(files) = files else { return Ok(false) };
        for (path, from) in files {
            sink.send(OutputFile { path: path.to_string(), contents: Contents::Reuse(from) })?;
        }
        Ok(true)
    }

    /// The last build's search records (`search::page_counts`), when its
    /// cache says the file is still the one it wrote; notes the file for
    /// the next build, which writes it anew.
    pub fn search_counts(&self) -> Option<Earlier> {
        let (key, unit) = (Key::new("search-counts").hex(), Unit::Files(vec![page_counts::PATH.to_string()]));
        let files = self.previous.and_then(|p| p.unit(&key)).filter(|files| unit.made(files));
        self.units.lock().unwrap_or_else(|e| e.into_inner()).insert(key, unit);
        let (_, path) = files?.into_iter().next()?;
        Earlier::read(std::fs::read(path).ok()?)
    }

    /// How many document and comparison pages came from the last build.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::Relaxed)
    }

    /// Key → files, for the cache, given every file the build wrote.
    pub fn units(self, written: &BTreeMap<String, Stamp>) -> HashMap<String, Vec<String>> {
        let mut excerpts: HashMap<u32, Vec<String>> = HashMap::new();
        for path in written.keys() {
            if let Some(n) = crate::search::export::excerpt_page(path) {
                excerpts.entry(n).or_default().push(path.clone());
            }
        }
        let units = self.units.into_inner().unwrap_or_else(|e| e.into_inner());
        units
            .into_iter()
            .map(|(key, unit)| match unit {
                Unit::Files(files) => (key, files),
                Unit::Excerpts(n) => (key, excerpts.remove(&n).unwrap_or_default()),
            })
            .collect()
    }
}

impl Memo for Reuse<'_> {
    fn taken(&self, view: &Sha, paths: &[String], sink: &dyn Sink) -> Result<bool> {
        self.take(self.keys.view(view, paths), Unit::Files(paths.to_vec()), sink)
    }
}
