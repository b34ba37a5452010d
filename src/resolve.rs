//! Stage 2: relate the documents: when each version of each id was in
//! force (`model::timeline`), which one is current on the library's day,
//! which are on record, and what each id resolves to.

use crate::config::Config;
use crate::load::Content;
use crate::lock::retention::RetentionLog;
use crate::lock::{Format, Lock};
use crate::model::fingerprint::with_files;
use crate::model::timeline::{self, Dates, Span, Standing};
use crate::model::Fingerprint;
use crate::model::{Date, DocId, Document, ShownStatus, Status};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

/// A document version's place in the library: how the stages name a
/// document to one another (the checks' findings by document, the
/// publication's pages, `serve`'s edited documents).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocIndex(u32);

impl DocIndex {
    pub fn new(index: usize) -> DocIndex {
        DocIndex(u32::try_from(index).expect("fewer than 4 billion documents"))
    }

    /// The position in `Library::docs`.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for DocIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// All versions of one id, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Versions {
    pub all: Vec<DocIndex>,
    /// When each ratified version was, is or will be in force, in version
    /// order: the one timeline every page, listing and command reads.
    pub spans: Vec<Span<DocIndex>>,
    /// The version in force on the library's day, if any. Only the dates
    /// decide it, never the `status` field.
    pub current: Option<DocIndex>,
    /// The committee's latest decision: the highest version marked
    /// `ratified`, in force yet or not. `ratify` supersedes it and
    /// `new-version` copies it (several are S005).
    pub decided: Option<DocIndex>,
    /// The version in preparation, if any: the highest `draft` or
    /// `consultation` one (several, or one not above `current`, are S005).
    pub preparing: Option<DocIndex>,
}

/// The whole library: the only state later stages share. Documents are
/// shared, so that `serve` can hand a copy to a background render cheaply.
///
/// The documents and the indexes made from them are private: every change
/// goes through a method that updates the indexes with it, so no caller
/// can read an index that no longer matches the documents.
#[derive(Clone)]
pub struct Library {
    pub dir: PathBuf,
    pub config: Config,
    /// The day the library is seen on (`--today`): what is current.
    today: Date,
    docs: Vec<Arc<Document>>,
    by_id: BTreeMap<DocId, Versions>,
    assets: BTreeSet<PathBuf>,
    /// `ratified.lock`: what each committee ratified.
    pub lock: Lock,
    /// `retention.log`: which versions on record may have no file.
    pub retention: RetentionLog,
    /// The SHA-256 of each asset a document uses.
    asset_digests: BTreeMap<PathBuf, Fingerprint>,
}

impl Versions {
    /// The versions at `all`, sorted, and their timeline as their own dates
    /// give it (`Library::reindex` adds replacements and the current one).
    fn of(docs: &[Arc<Document>], mut all: Vec<DocIndex>) -> Versions {
        let doc = |i: DocIndex| &docs[i.get()];
        all.sort_by(|&a, &b| doc(a).version().cmp(&doc(b).version()).then(a.cmp(&b)));
        let newest_with =
            |wanted: fn(Status) -> bool| all.iter().rev().copied().find(|&i| doc(i).status().is_some_and(wanted));
        let dates: Vec<(DocIndex, Dates)> = all.iter().filter_map(|&i| Some((i, Dates::of(doc(i))?))).collect();
        let spans = timeline::spans(&dates);
        let decided = newest_with(|s| s == Status::Ratified);
        let preparing = newest_with(Status::is_draft);
        Versions { all, spans, current: None, decided, preparing }
    }

    /// The span of the version at `index`, if it was ratified.
    pub fn span(&self, index: DocIndex) -> Option<&Span<DocIndex>> {
        self.spans.iter().find(|s| s.key == index)
    }
}

impl Library {
    /// The library as it stands on `today`.
    pub fn new(mut content: Content, today: Date) -> Library {
        if content.lock.display.is_empty() {
            content.lock.display = format!("{}/{}", crate::load::display_path(&content.dir), crate::lock::FILE);
        }
        let mut lib = Library {
            dir: content.dir,
            config: content.config,
            today,
            docs: content.documents.into_iter().map(Arc::new).collect(),
            by_id: BTreeMap::new(),
            assets: content.assets.into_iter().collect(),
            lock: content.lock,
            retention: content.retention,
            asset_digests: content.asset_digests,
        };
        lib.reindex();
        lib
    }

    /// Recomputes the versions of each id, and their timeline, after
    /// documents were added, replaced or removed. Every id at once: a
    /// document's `replaces` ends versions of other ids.
    fn reindex(&mut self) {
        let mut by_id: BTreeMap<DocId, Vec<DocIndex>> = BTreeMap::new();
        for (i, doc) in self.iter() {
            if let Some(id) = doc.id() {
                by_id.entry(id.clone()).or_default().push(i);
            }
        }
        let mut by_id: BTreeMap<DocId, Versions> =
            by_id.into_iter().map(|(id, all)| (id, Versions::of(&self.docs, all))).collect();
        for doc in &self.docs {
            end_what_it_replaces(doc, &mut by_id);
        }
        for v in by_id.values_mut() {
            v.current = timeline::in_force_on(&v.spans, self.today).map(|s| s.key);
        }
        self.by_id = by_id;
    }

    /// The day the library is seen on: what `current` and `in_force` mean.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The document at `index`.
    pub fn doc(&self, index: DocIndex) -> &Arc<Document> {
        &self.docs[index.get()]
    }

    /// Every document, in the order they were read (a `DocIndex` is a
    /// position here).
    pub fn docs(&self) -> &[Arc<Document>] {
        &self.docs
    }

    /// The versions of every id, by id.
    pub fn by_id(&self) -> &BTreeMap<DocId, Versions> {
        &self.by_id
    }

    /// Whether `path` (relative to the content folder) is an asset.
    pub fn has_asset(&self, path: &std::path::Path) -> bool {
        self.assets.contains(path)
    }

    /// Every document, with its index.
    pub fn iter(&self) -> impl Iterator<Item = (DocIndex, &Arc<Document>)> {
        self.docs.iter().enumerate().map(|(i, d)| (DocIndex::new(i), d))
    }

    /// Every document's index.
    pub fn indices(&self) -> Vec<DocIndex> {
        (0..self.docs.len()).map(DocIndex::new).collect()
    }

    /// Adds the document, or replaces the one read from the same file.
    /// Returns its index.
    pub fn upsert(&mut self, doc: Document) -> DocIndex {
        let at = match self.docs.iter().position(|d| d.file.path == doc.file.path) {
            Some(i) => {
                self.docs[i] = Arc::new(doc);
                DocIndex::new(i)
            }
            None => {
                self.docs.push(Arc::new(doc));
                DocIndex::new(self.docs.len() - 1)
            }
        };
        self.reindex();
        at
    }

    /// A copy of the library with every document passed through `f`
    /// (which must keep its id, version, status and dates): the public
    /// copy's library without personal names (`publish::public_library`).
    pub fn with_documents(&self, f: impl Fn(&Document) -> Document) -> Library {
        self.with_each(|_, d| f(d))
    }

    /// The same library with each document replaced by what `f` makes of
    /// it, given its index.
    pub fn with_each(&self, mut f: impl FnMut(DocIndex, &Document) -> Document) -> Library {
        let mut lib = self.clone();
        lib.docs = self.iter().map(|(i, d)| Arc::new(f(i, d))).collect();
        lib.reindex();
        lib
    }

    /// Replaces the document at `index` with `doc` (its text edited; read
    /// from the same file).
    pub fn replace(&mut self, index: DocIndex, doc: Document) {
        self.docs[index.get()] = Arc::new(doc);
        self.reindex();
    }

    /// Removes the document read from `path` (relative to the content folder).
    pub fn remove(&mut self, path: &std::path::Path) -> Option<Document> {
        let i = self.docs.iter().position(|d| d.file.path == path)?;
        let doc = self.docs.remove(i);
        self.reindex();
        Some(Arc::unwrap_or_clone(doc))
    }

    /// Whether the document at `index` is in force on the library's day:
    /// the current version of its id, whose review date, history and EIA
    /// matter.
    pub fn in_force(&self, index: DocIndex) -> bool {
        self.versions_of(index).and_then(|v| v.current) == Some(index)
    }

    /// Where the document at `index` stands on the library's day.
    pub fn standing(&self, index: DocIndex) -> Standing {
        let span = self.versions_of(index).and_then(|v| v.span(index));
        span.map_or(Standing::Unratified, |s| s.standing_on(self.today))
    }

    /// Where `doc`, a document of this library, stands on its day (for
    /// views that hold a document rather than its index).
    pub fn standing_of(&self, doc: &Document) -> Standing {
        self.span_of(doc).map_or(Standing::Unratified, |s| s.standing_on(self.today))
    }

    /// The span of `doc`, a document of this library, if it was ratified.
    pub fn span_of(&self, doc: &Document) -> Option<&Span<DocIndex>> {
        let v = self.by_id.get(doc.id()?)?;
        v.spans.iter().find(|s| std::ptr::eq(&**self.doc(s.key), doc))
    }

    /// The status tag `doc` shows on the library's day.
    pub fn shown_status(&self, doc: &Document) -> ShownStatus {
        doc.shown_status(&self.standing_of(doc), self.today, self.config.site.due_soon_days)
    }

    /// The status word lists and search filter on: the committee's word
    /// for a version never ratified (draft, consultation), else where the
    /// timeline puts it today (`ratified` for the version in force,
    /// whatever its field says).
    pub fn status_word(&self, doc: &Document) -> &'static str {
        match self.standing_of(doc) {
            Standing::Unratified => doc.status().map_or("unknown", Status::as_str),
            _ => self.shown_status(doc).filter_word(),
        }
    }

    /// The span of the document at `index`, if it was ratified.
    pub fn span(&self, index: DocIndex) -> Option<&Span<DocIndex>> {
        self.versions_of(index)?.span(index)
    }

    fn versions_of(&self, index: DocIndex) -> Option<&Versions> {
        self.by_id.get(self.doc(index).id()?)
    }

    /// The version in force of `id`.
    pub fn current(&self, id: &DocId) -> Option<&Document> {
        self.by_id.get(id).and_then(|v| v.current).map(|i| &**self.doc(i))
    }

    /// The version a reference to `id` reaches: the current one, else the newest.
    pub fn target(&self, id: &DocId) -> Option<&Document> {
        let v = self.by_id.get(id)?;
        v.current.or_else(|| v.all.last().copied()).map(|i| &**self.doc(i))
    }

    /// The versions of the id `written` names, or what to say when no
    /// document has it (with the closest id there is): each command
    /// refuses or stops with it as its own way is.
    pub fn versions_named(&self, written: &str) -> Result<(DocId, &Versions), String> {
        let id = DocId::new(written);
        match self.by_id.get(&id) {
            Some(v) => Ok((id, v)),
            None => {
                let hint = crate::text::closest(id.as_str(), self.by_id.keys().map(DocId::as_str))
                    .map(|c| format!(" Did you mean {c}?"))
                    .unwrap_or_default();
                Err(format!(
                    "no document in {} has the id {written}.{hint} `trustdocs check` lists the documents it read.",
                    crate::load::display_path(&self.dir)
                ))
            }
        }
    }

    pub fn versions(&self, id: &DocId) -> impl Iterator<Item = &Document> {
        self.by_id.get(id).into_iter().flat_map(|v| v.all.iter().map(|&i| &**self.doc(i)))
    }

    /// The entries of `ratified.lock` whose version no file has now:
    /// destroyed, transferred or lost (H010 tells which).
    pub fn entries_without_file(&self) -> impl Iterator<Item = &crate::lock::Entry> + '_ {
        self.lock.entries().filter(|e| !self.versions(&e.id).any(|d| d.version() == Some(&e.version)))
    }

    /// What `ratified.lock` records for `doc`'s id and version, if anything.
    pub fn locked(&self, doc: &Document) -> Option<&crate::lock::Entry> {
        self.lock.entry(doc.id()?, doc.version()?)
    }

    /// The asset a relative link in `doc` names, if it exists under
    /// `assets/`: its path in the content folder, with `/` separators.
    pub fn asset(&self, doc: &Document, link: &str) -> Option<String> {
        let resolved = resolve_relative(&doc.file.path, link)?;
        (resolved.starts_with("assets") && self.assets.contains(&resolved))
            .then(|| resolved.to_string_lossy().replace('\\', "/"))
    }

    /// The fingerprint of `doc` as an entry of `format` records it: its
    /// text's, or (format 2) its text's and its images' and attachments'.
    pub fn fingerprint(&self, doc: &Document, format: Format) -> Fingerprint {
        match format {
            Format::Text => doc.fingerprint,
            Format::WithFiles => with_files(&doc.fingerprint, &self.files_used(doc)),
        }
    }

    /// The assets `doc` uses that could be read, with their digests.
    pub fn files_used(&self, doc: &Document) -> Vec<(String, Fingerprint)> {
        doc.files_used()
            .into_iter()
            .filter_map(|p| self.asset_digests.get(&p).map(|d| (p.to_string_lossy().replace('\\', "/"), *d)))
            .collect()
    }

    /// Documents that say they replace `id`, for naming a successor.
    pub fn replacements_of<'a>(&'a self, id: &'a DocId) -> impl Iterator<Item = &'a Document> + 'a {
        self.docs
            .iter()
            .map(|d| &**d)
            .filter(move |d| d.id() != Some(id) && d.meta.replaces.iter().any(|r| &r.value.id == id))
    }
}

/// Ends the versions of other ids that `doc` names in `replaces`, on the
/// day `doc` comes into force, if it was ratified.
fn end_what_it_replaces(doc: &Document, by_id: &mut BTreeMap<DocId, Versions>) {
    let (Some(own), Some(start)) = (doc.id(), Dates::of(doc).and_then(|d| d.start())) else { return };
    for r in doc.meta.replaces.iter().filter(|r| &r.value.id != own) {
        if let Some(v) = by_id.get_mut(&r.value.id) {
            timeline::replaced_by(&mut v.spans, r.value.version.as_ref(), own, start);
        }
    }
}

pub use crate::model::url::resolve_relative;

#[cfg(test)]
mod tests {
    use super::resolve_relative;
    use std::path::{Path, PathBuf};

    #[test]
    fn relative_links_resolve_inside_the_content_folder() {
        let f = Path::new("documents/policies/a.md");
        assert_eq!(resolve_relative(f, "../../assets/map.png"), Some(PathBuf::from("assets/map.png")));
        assert_eq!(resolve_relative(f, "../../../etc/passwd"), None);
        assert_eq!(resolve_relative(f, "../../assets/a%23b%3F%25%20%C3%A9"), Some(PathBuf::from("assets/a#b?% é")));
        assert_eq!(resolve_relative(f, "..%2F..%2F..%2Fetc%2Fpasswd"), None);
        assert_eq!(resolve_relative(f, "a%E9.pdf"), None, "not UTF-8");
    }
}
