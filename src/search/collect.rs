//! Every page search finds, in search order: the document versions
//! (`extract.rs`), the role pages and glossary terms (`library_pages.rs`),
//! numbered so that each combination of facets is one run of numbers.

use super::extract::{from_document, status_rank, SearchDoc};
use super::library_pages;
use crate::publish::Publication;
use rayon::prelude::*;

/// Every page the site publishes that search finds, in search order.
pub fn documents(site: &Publication) -> Vec<SearchDoc> {
    let mut docs: Vec<SearchDoc> =
        site.pages.par_iter().map(|page| from_document(site, site.lib.doc(page.doc), &page.url)).collect();
    docs.extend(library_pages::role_pages(site));
    docs.extend(library_pages::glossary_terms(site));
    docs.sort_by(|a, b| {
        facet_order(a).cmp(&facet_order(b)).then_with(|| (&a.id, &a.version, &a.url).cmp(&(&b.id, &b.version, &b.url)))
    });
    for (n, d) in docs.iter_mut().enumerate() {
        d.n = n as u32;
    }
    docs
}

fn facet_order(d: &SearchDoc) -> (u8, &str, &str) {
    (status_rank(&d.status), &d.doc_type, &d.directorate)
}
