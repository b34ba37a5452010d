//! Stage 2: relate the documents: which version of each id is current, which
//! are on record, and what each id resolves to.

use crate::config::Config;
use crate::load::Content;
use crate::model::{DocId, Document, Status};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

/// All versions of one id, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Versions {
    pub all: Vec<usize>,
    /// The version in force, if any (status other than superseded/withdrawn).
    /// With several candidates (an S005 error) the highest version wins.
    pub current: Option<usize>,
    /// The version in preparation: the newest `draft` or `consultation`
    /// version numbered above every ratified one (governance.md).
    pub preparing: Option<usize>,
}

/// The whole library: the only state later stages share. Documents are
/// shared, so that `serve` can hand a copy to a background render cheaply.
#[derive(Clone)]
pub struct Library {
    pub dir: PathBuf,
    pub config: Config,
    pub docs: Vec<Arc<Document>>,
    pub by_id: BTreeMap<DocId, Versions>,
    pub assets: BTreeSet<PathBuf>,
}

impl Versions {
    /// The versions at `all` (indices into `docs`), sorted, and the current one.
    fn of(docs: &[Arc<Document>], mut all: Vec<usize>) -> Versions {
        all.sort_by(|&a, &b| docs[a].version().cmp(&docs[b].version()).then(a.cmp(&b)));
        let current = all.iter().rev().copied().find(|&i| docs[i].status().is_some_and(|s| s.is_current()));
        let ratified = all.iter().rev().copied().find(|&i| docs[i].status() == Some(Status::Ratified));
        let preparing = all
            .iter()
            .rev()
            .copied()
            .find(|&i| docs[i].status().is_some_and(Status::is_draft))
            .filter(|&i| ratified.is_none_or(|r| docs[i].version() > docs[r].version()));
        Versions { all, current, preparing }
    }
}

impl Library {
    pub fn new(content: Content) -> Library {
        let mut lib = Library {
            dir: content.dir,
            config: content.config,
            docs: content.documents.into_iter().map(Arc::new).collect(),
            by_id: BTreeMap::new(),
            assets: content.assets.into_iter().collect(),
        };
        lib.reindex();
        lib
    }

    /// Recomputes the versions of each id after documents were added,
    /// replaced or removed.
    pub fn reindex(&mut self) {
        let mut by_id: BTreeMap<DocId, Vec<usize>> = BTreeMap::new();
        for (i, doc) in self.docs.iter().enumerate() {
            if let Some(id) = doc.id() {
                by_id.entry(id.clone()).or_default().push(i);
            }
        }
        self.by_id = by_id.into_iter().map(|(id, all)| (id, Versions::of(&self.docs, all))).collect();
    }

    /// Recomputes the versions of one id only (`serve`, after one edit).
    fn reindex_id(&mut self, id: &DocId) {
        let all: Vec<usize> = (0..self.docs.len()).filter(|&i| self.docs[i].id() == Some(id)).collect();
        if all.is_empty() {
            self.by_id.remove(id);
        } else {
            self.by_id.insert(id.clone(), Versions::of(&self.docs, all));
        }
    }

    /// Adds the document, or replaces the one read from the same file.
    /// Returns its index.
    pub fn upsert(&mut self, doc: Document) -> usize {
        let mut ids: Vec<DocId> = doc.id().cloned().into_iter().collect();
        let at = match self.docs.iter().position(|d| d.file.path == doc.file.path) {
            Some(i) => {
                ids.extend(self.docs[i].id().cloned());
                self.docs[i] = Arc::new(doc);
                i
            }
            None => {
                self.docs.push(Arc::new(doc));
                self.docs.len() - 1
            }
        };
        for id in &ids {
            self.reindex_id(id);
        }
        at
    }

    /// Removes the document read from `path` (relative to the content folder).
    pub fn remove(&mut self, path: &std::path::Path) -> Option<Document> {
        let i = self.docs.iter().position(|d| d.file.path == path)?;
        let doc = self.docs.remove(i);
        self.reindex();
        Some(Arc::unwrap_or_clone(doc))
    }

    /// Drops the text each document was parsed from, once the checks have
    /// read it (`Checked::sources` reads a file again for its diagnostics).
    pub fn release_texts(&mut self) {
        for doc in &mut self.docs {
            if let Some(doc) = Arc::get_mut(doc) {
                doc.file.text = String::new();
            }
        }
    }

    /// The version in force of `id`.
    pub fn current(&self, id: &DocId) -> Option<&Document> {
        self.by_id.get(id).and_then(|v| v.current).map(|i| &*self.docs[i])
    }

    /// The version a reference to `id` reaches: the current one, else the newest.
    pub fn target(&self, id: &DocId) -> Option<&Document> {
        let v = self.by_id.get(id)?;
        v.current.or_else(|| v.all.last().copied()).map(|i| &*self.docs[i])
    }

    pub fn versions(&self, id: &DocId) -> impl Iterator<Item = &Document> {
        self.by_id.get(id).into_iter().flat_map(|v| v.all.iter().map(|&i| &*self.docs[i]))
    }

    /// Documents that say they replace `id`, for naming a successor.
    pub fn replacements_of<'a>(&'a self, id: &'a DocId) -> impl Iterator<Item = &'a Document> + 'a {
        self.docs
            .iter()
            .map(|d| &**d)
            .filter(move |d| d.id() != Some(id) && d.meta.replaces.iter().any(|r| &r.value.id == id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::model::{At, FrontMatter, SourceFile, Version};

    fn doc(version: &str, status: Status) -> Arc<Document> {
        let at = |v| At::new(v, Pos::new(1, 1));
        let meta = FrontMatter {
            id: Some(at(DocId::new("POL/001/001"))),
            version: Some(At::new(Version::parse(version).unwrap(), Pos::new(1, 1))),
            status: Some(At::new(status, Pos::new(1, 1))),
            ..FrontMatter::default()
        };
        let file = SourceFile {
            display: format!("v{version}.md"),
            path: format!("v{version}.md").into(),
            text: String::new(),
        };
        Arc::new(Document { file, meta, body: Default::default() })
    }

    fn preparing(docs: &[(&str, Status)]) -> Option<String> {
        let docs: Vec<_> = docs.iter().map(|(v, s)| doc(v, *s)).collect();
        let v = Versions::of(&docs, (0..docs.len()).collect());
        v.preparing.map(|i| docs[i].version().unwrap().to_string())
    }

    #[test]
    fn the_version_in_preparation_is_a_draft_above_the_ratified_one() {
        use Status::*;
        assert_eq!(preparing(&[("4", Draft), ("3", Ratified), ("2", Superseded)]), Some("4".into()));
        assert_eq!(preparing(&[("3", Ratified), ("3.1", Consultation)]), Some("3.1".into()));
        assert_eq!(preparing(&[("0.1", Draft)]), Some("0.1".into()), "a first draft, nothing ratified yet");
        assert_eq!(preparing(&[("3", Ratified), ("2", Superseded)]), None);
        assert_eq!(preparing(&[("2", Draft), ("3", Ratified)]), None, "an old draft below the ratified version");
        assert_eq!(preparing(&[("4", Withdrawn), ("3", Draft)]), Some("3".into()), "nothing in force");
    }
}
