//! Stage 2: relate the documents: which version of each id is current, which
//! are on record, and what each id resolves to.

use crate::config::Config;
use crate::load::Content;
use crate::model::{DocId, Document};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// All versions of one id, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Versions {
    pub all: Vec<usize>,
    /// The version in force, if any (status other than superseded/withdrawn).
    /// With several candidates (an S005 error) the highest version wins.
    pub current: Option<usize>,
}

/// The whole library: the only state later stages share.
pub struct Library {
    pub dir: PathBuf,
    pub config: Config,
    pub docs: Vec<Document>,
    pub by_id: BTreeMap<DocId, Versions>,
    pub assets: BTreeSet<PathBuf>,
}

impl Library {
    pub fn new(content: Content) -> Library {
        let mut lib = Library {
            dir: content.dir,
            config: content.config,
            docs: content.documents,
            by_id: BTreeMap::new(),
            assets: content.assets.into_iter().collect(),
        };
        lib.reindex();
        lib
    }

    /// Recomputes the versions of each id after documents were added,
    /// replaced or removed.
    pub fn reindex(&mut self) {
        let docs = &self.docs;
        let mut by_id: BTreeMap<DocId, Versions> = BTreeMap::new();
        for (i, doc) in docs.iter().enumerate() {
            if let Some(id) = doc.id() {
                by_id.entry(id.clone()).or_default().all.push(i);
            }
        }
        for versions in by_id.values_mut() {
            versions.all.sort_by(|&a, &b| docs[a].version().cmp(&docs[b].version()).then(a.cmp(&b)));
            versions.current =
                versions.all.iter().rev().copied().find(|&i| docs[i].status().is_some_and(|s| s.is_current()));
        }
        self.by_id = by_id;
    }

    /// Puts `doc` in place of the document read from the same file, or adds it.
    pub fn upsert(&mut self, doc: Document) -> usize {
        let at = match self.docs.iter().position(|d| d.file.path == doc.file.path) {
            Some(i) => {
                self.docs[i] = doc;
                i
            }
            None => {
                self.docs.push(doc);
                self.docs.len() - 1
            }
        };
        self.reindex();
        at
    }

    /// Removes the document read from `path` (relative to the content folder).
    pub fn remove(&mut self, path: &std::path::Path) -> Option<Document> {
        let i = self.docs.iter().position(|d| d.file.path == path)?;
        let doc = self.docs.remove(i);
        self.reindex();
        Some(doc)
    }

    /// The version in force of `id`.
    pub fn current(&self, id: &DocId) -> Option<&Document> {
        self.by_id.get(id).and_then(|v| v.current).map(|i| &self.docs[i])
    }

    /// The version a reference to `id` reaches: the current one, else the newest.
    pub fn target(&self, id: &DocId) -> Option<&Document> {
        let v = self.by_id.get(id)?;
        v.current.or_else(|| v.all.last().copied()).map(|i| &self.docs[i])
    }

    pub fn versions(&self, id: &DocId) -> impl Iterator<Item = &Document> {
        self.by_id.get(id).into_iter().flat_map(|v| v.all.iter().map(|&i| &self.docs[i]))
    }

    /// Documents that say they replace `id`, for naming a successor.
    pub fn replacements_of<'a>(&'a self, id: &'a DocId) -> impl Iterator<Item = &'a Document> + 'a {
        self.docs.iter().filter(move |d| d.id() != Some(id) && d.meta.replaces.iter().any(|r| &r.value.id == id))
    }
}
