//! Which comparison pages ("Changes from version X to version Y") the site
//! has, and where they live.
//!
//! A published version with a published predecessor (the previous version
//! number of the same id on the site) has one at
//! `documents/<slug>/changes-v<X>-to-v<Y>/`, an address that never moves;
//! its redline PDF sits beside version Y's PDF. With `--drafts`, the
//! version in preparation is compared with the current (ratified) one. In
//! the public copy, both versions must be in the public copy.

use crate::model::DocId;
use crate::resolve::{DocIndex, Library};
use std::collections::{BTreeMap, HashMap};

/// One comparison page.
#[derive(Clone, Debug)]
pub struct ChangesPage {
    pub from: DocIndex,
    pub to: DocIndex,
    /// Relative to the site root, ending in `/`.
    pub url: String,
    /// Where its redline PDF is, when PDFs are built.
    pub pdf: String,
}

/// Every comparison the site has, by either end.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    pub pages: Vec<ChangesPage>,
    by_to: HashMap<DocIndex, usize>,
    by_from: HashMap<DocIndex, usize>,
}

impl Changes {
    /// The comparisons among the published versions (`url_of`), with the
    /// folder of each id's pages (`main_of`'s address).
    pub fn plan(lib: &Library, url_of: &HashMap<DocIndex, String>, main_of: &BTreeMap<DocId, DocIndex>) -> Changes {
        let doc = |i: DocIndex| lib.doc(i);
        let mut pages = Vec::new();
        for (id, &main) in main_of {
            let Some(versions) = lib.by_id().get(id) else { continue };
            let published: Vec<DocIndex> = versions.all.iter().copied().filter(|i| url_of.contains_key(i)).collect();
            // The main page's address is the id's folder: `documents/<slug>/`.
            let folder = &url_of[&main];
            // A draft is compared with the committee's latest decision, the version it was copied from.
            let decided = versions.decided.filter(|i| url_of.contains_key(i));
            for (k, &to) in published.iter().enumerate().skip(1) {
                let from = match (versions.preparing == Some(to), decided) {
                    (true, Some(current)) => current,
                    _ => published[k - 1],
                };
                let url = super::addresses::changes_page(folder, doc(from), doc(to));
                let pdf = super::addresses::redline_pdf(doc(from), doc(to), &url_of[&to]);
                pages.push(ChangesPage { from, to, url, pdf });
            }
        }
        let by_to = pages.iter().enumerate().map(|(k, p)| (p.to, k)).collect();
        let mut by_from = HashMap::new();
        for (k, p) in pages.iter().enumerate() {
            by_from.entry(p.from).or_insert(k);
        }
        Changes { pages, by_to, by_from }
    }

    /// The comparison that ends at version `doc` (what changed in it).
    pub fn into_version(&self, doc: DocIndex) -> Option<&ChangesPage> {
        self.by_to.get(&doc).map(|&k| &self.pages[k])
    }

    /// The comparison that starts at version `doc` (what its successor changed).
    pub fn out_of_version(&self, doc: DocIndex) -> Option<&ChangesPage> {
        self.by_from.get(&doc).map(|&k| &self.pages[k])
    }
}
