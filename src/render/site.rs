//! Which versions the build publishes, and at which address.

use super::body_html::GlossaryMarker;
use crate::body::{Link, Target};
use crate::model::{Date, DocId, Document, Status};
use crate::resolve::Library;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};

#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub drafts: bool,
    pub today: Date,
    /// Whether PDFs are built, so pages link them.
    pub pdf: bool,
    /// The public copy: only ratified documents marked `public: true`.
    pub public: bool,
}

/// One published page of a document version.
#[derive(Clone, Debug)]
pub struct DocPage {
    pub doc: usize,
    /// Relative to the site root, ending in `/`.
    pub url: String,
    /// The page at `documents/<slug>/` (the current version, or the newest on record).
    pub is_main: bool,
}

pub struct Site<'a> {
    pub lib: &'a Library,
    pub opts: &'a RenderOptions,
    pub pages: Vec<DocPage>,
    pub url_of: HashMap<usize, String>,
    pub main_of: BTreeMap<DocId, usize>,
    pub glossary: GlossaryMarker,
    /// The comparison pages between published versions (`changes.rs`).
    pub changes: super::changes::Changes,
}

impl<'a> Site<'a> {
    pub fn plan(lib: &'a Library, opts: &'a RenderOptions) -> Site<'a> {
        let mut pages = Vec::new();
        let mut main_of = BTreeMap::new();
        for (id, versions) in &lib.by_id {
            let visible: Vec<usize> =
                versions.all.iter().copied().filter(|&i| is_visible(&lib.docs[i], opts)).collect();
            let main = versions.current.filter(|c| visible.contains(c)).or_else(|| visible.last().copied());
            let Some(main) = main else { continue };
            main_of.insert(id.clone(), main);
            let slug = id.slug();
            for &i in &visible {
                let url = if i == main {
                    format!("documents/{slug}/")
                } else {
                    let v = lib.docs[i].version().map_or("0".to_string(), |v| v.as_str().to_string());
                    format!("documents/{slug}/v{v}/")
                };
                pages.push(DocPage { doc: i, url, is_main: i == main });
            }
        }
        let url_of = pages.iter().map(|p| (p.doc, p.url.clone())).collect();
        let changes = super::changes::Changes::plan(lib, &url_of, &main_of);
        Site { lib, opts, pages, url_of, main_of, glossary: GlossaryMarker::new(&lib.config.glossary), changes }
    }

    /// The absolute address of the site's root, ending in `/`.
    pub fn base_url(&self) -> String {
        let s = &self.lib.config.site;
        let base = if self.opts.public { s.public_base_url.as_deref().unwrap_or(&s.base_url) } else { &s.base_url };
        if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        }
    }

    /// Current documents shown in listings, in id order.
    pub fn main_docs(&self) -> impl Iterator<Item = &'a Document> + '_ {
        self.main_of.values().map(|&i| &*self.lib.docs[i])
    }

    /// Where a body link goes from a page at `root` (`../../`), or `None` for plain text.
    pub fn href(&self, doc: &Document, link: &Link, root: &str) -> Option<String> {
        match &link.target {
            Target::Doc { id, anchor } => {
                let target = self.main_of.get(id)?;
                let url = &self.url_of[target];
                Some(match anchor {
                    Some(a) => format!("{root}{url}#{a}"),
                    None => format!("{root}{url}"),
                })
            }
            Target::Local(anchor) => Some(format!("#{anchor}")),
            Target::File(path) => self.asset(doc, path).map(|p| format!("{root}{p}")),
            Target::External(url) => Some(url.clone()),
            Target::Unsafe(_) => None,
        }
    }

    /// The asset a relative link names, if it exists under `assets/`.
    pub fn asset(&self, doc: &Document, path: &str) -> Option<String> {
        let resolved = resolve_relative(&doc.file.path, path)?;
        (resolved.starts_with("assets") && self.lib.assets.contains(&resolved))
            .then(|| resolved.to_string_lossy().replace('\\', "/"))
    }
}

fn is_visible(doc: &Document, opts: &RenderOptions) -> bool {
    match doc.status() {
        // The public copy: ratified public documents and their public superseded versions.
        Some(Status::Ratified | Status::Superseded) if opts.public => doc.meta.public,
        _ if opts.public => false,
        Some(s) if s.is_draft() => opts.drafts,
        Some(_) => true,
        None => false,
    }
}

/// Joins a link to the folder of the file it is written in, inside the
/// content folder; `None` when it climbs out.
pub fn resolve_relative(file: &Path, link: &str) -> Option<PathBuf> {
    let decoded = link.replace("%20", " ");
    let mut parts: Vec<std::ffi::OsString> =
        file.parent().map(|p| p.components().map(|c| c.as_os_str().to_owned()).collect()).unwrap_or_default();
    for c in Path::new(&decoded).components() {
        match c {
            Component::Normal(n) => parts.push(n.to_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.iter().collect())
}

/// Where a document stands against its review date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewState {
    Overdue,
    DueSoon,
    InDate,
    NoDate,
}

pub fn review_state(doc: &Document, today: Date, due_soon_days: u32) -> ReviewState {
    match doc.meta.effective_review_date() {
        None => ReviewState::NoDate,
        Some(d) if d < today => ReviewState::Overdue,
        Some(d) if today.days_until(d) <= due_soon_days as i64 => ReviewState::DueSoon,
        Some(_) => ReviewState::InDate,
    }
}

/// Whether a document is in force and ratified: the documents whose review
/// dates matter.
pub fn in_force(doc: &Document) -> bool {
    doc.status() == Some(Status::Ratified)
}

#[cfg(test)]
mod tests {
    use super::resolve_relative;
    use std::path::{Path, PathBuf};

    #[test]
    fn relative_links_resolve_inside_the_content_folder() {
        let f = Path::new("documents/policies/a.md");
        assert_eq!(resolve_relative(f, "../../assets/map.png"), Some(PathBuf::from("assets/map.png")));
        assert_eq!(resolve_relative(f, "../../../etc/passwd"), None);
    }
}
