//! The site of a checked library: the rendered pages and the search index,
//! made together. Render and search are siblings that never import each
//! other; this is where the search page and index join the other pages.

use super::incremental::Reuse;
use crate::diag::Diagnostic;
use crate::error::Result;
use crate::links::Cache;
use crate::output::{collect_into, OutputFile, Sink, Stop};
use crate::publish::{Publication, PublishOptions};
use crate::render::memo::Memo;
use crate::render::SiteRenderer;
use crate::resolve::{DocIndex, Library};
use crate::search::extract::SearchDoc;
use crate::search::Counted;
use crate::theme::Theme;
use std::sync::Mutex;

pub struct Site<'a> {
    renderer: SiteRenderer<'a>,
}

impl<'a> Site<'a> {
    pub fn new(
        lib: &'a Library,
        diags: &'a [Diagnostic],
        opts: &'a PublishOptions,
        theme: &'a Theme,
    ) -> Result<Site<'a>> {
        Ok(Site { renderer: SiteRenderer::new(lib, diags, opts, theme)? })
    }

    /// The state of external links the references page shows (the cache
    /// `check --external` keeps in the output folder).
    pub fn with_links(self, links: &'a Cache) -> Site<'a> {
        Site { renderer: self.renderer.with_links(links) }
    }

    pub fn publication(&self) -> &Publication<'a> {
        self.renderer.publication()
    }

    /// Every file of the site, in memory (previews and tests).
    pub fn files(&self) -> Result<Vec<OutputFile>> {
        let files = Mutex::new(Vec::new());
        self.write_into(&collect_into(&files), None)?;
        Ok(files.into_inner().unwrap_or_else(|e| e.into_inner()))
    }

    /// Every file of the site into `sink`, page by page, so that a large
    /// library never sits in memory whole; with `reuse`, the pages and
    /// search excerpts the last build made from the same inputs are taken
    /// from it instead. Returns how many HTML pages the site has.
    pub fn write_into(&self, sink: &dyn Sink, reuse: Option<&Reuse>) -> Result<usize> {
        let clock = crate::timings::Clock::start();
        // The listings, governance and library pages read every document
        // but no other page, and search's pass over a page's text (its
        // terms and its excerpt files) only the page: they are made beside
        // the document pages.
        let excerpts = |d: &SearchDoc| reuse.map_or(Ok(false), |r| r.excerpts(&d.url, d.n)).map(|taken| !taken);
        let publication = self.renderer.publication();
        // The public copy keeps no records: they would hold the words of
        // pages it no longer publishes.
        let keep = reuse.is_some() && !publication.opts.public;
        let earlier = reuse.filter(|_| keep).and_then(Reuse::search_counts);
        let ((pages, counted), beside) = rayon::join(
            || {
                rayon::join(
                    || self.document_pages_into(sink, reuse),
                    || crate::search::count_pages(publication, earlier.as_ref(), keep, &excerpts, sink),
                )
            },
            || self.renderer.pages_beside_into(sink, reuse.map(|r| r as &dyn Memo)),
        );
        let (mut pages, beside, counted) = (pages?, beside?, counted?);
        clock.lap("document, listing, governance and library pages, search terms and excerpts");
        // Taken once, by the one call `rest_unless` makes.
        let counted = Mutex::new(Some(counted));
        let search = |r: &SiteRenderer, stop: &Stop, sink: &dyn Sink| match counted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        {
            Some(counted) => site_files(r, counted, stop, sink),
            None => Ok(None),
        };
        pages += self.renderer.rest_unless(&|| false, sink, beside, &search)?.unwrap_or_default();
        clock.lap("other files");
        Ok(pages)
    }

    fn document_pages_into(&self, sink: &dyn Sink, reuse: Option<&Reuse>) -> Result<usize> {
        match reuse {
            Some(r) => {
                let made = self.renderer.pages_into(&|p| r.page(p).map(|t| !t), &|p| r.changes(p).map(|t| !t), sink)?;
                Ok(made + r.taken())
            }
            None => self.renderer.document_pages_into(&|_| true, sink),
        }
    }

    /// The pages of the document versions (by index in the library) that `wanted` accepts.
    pub fn document_pages(&self, wanted: &(dyn Fn(DocIndex) -> bool + Sync)) -> Result<Vec<OutputFile>> {
        let pages = Mutex::new(Vec::new());
        self.renderer.document_pages_into(wanted, &collect_into(&pages))?;
        Ok(pages.into_inner().unwrap_or_else(|e| e.into_inner()))
    }

    /// Everything but the document pages, search included, into `sink`;
    /// `None` as soon as `stop` says so. Returns how many HTML pages it made.
    pub fn other_files_unless(&self, stop: &Stop, sink: &dyn Sink) -> Result<Option<usize>> {
        let search = |r: &SiteRenderer, stop: &Stop, sink: &dyn Sink| {
            let counted = crate::search::count_pages(r.publication(), None, false, &|_| Ok(true), sink)?;
            site_files(r, counted, stop, sink)
        };
        self.renderer.other_files_unless(stop, sink, &search)
    }
}

/// The search page and index, as the renderer's other files take them.
fn site_files(r: &SiteRenderer, counted: Counted, stop: &Stop, sink: &dyn Sink) -> Result<Option<()>> {
    crate::search::site_files(counted, &|name, ctx| r.page(name, ctx), r.common(), stop, sink)
}
