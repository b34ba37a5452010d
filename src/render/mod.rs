//! Stage 4: render the library into files for the site.

mod body_html;
pub mod changes;
pub mod document;
mod feeds;
mod governance;
mod html;
mod in_force;
mod library;
pub mod memo;
pub mod pack;
pub mod pdf;
pub mod pdf_data;
pub mod pdf_job;
pub mod redline;
mod references;
mod register;
mod timeline;
pub mod views;

use crate::diag::Diagnostic;
use crate::error::Result;
use crate::links::Cache;
use crate::model::ReviewState;
use crate::output::{Contents, OutputFile, Sink, Stop};
use crate::publish::{addresses, ChangesPage, DocPage, Publication, PublishOptions};
use crate::resolve::{DocIndex, Library};
use crate::theme::Theme;
use body_html::GlossaryMarker;
use html::Templates;
use memo::{Memo, ViewDigest};
use minijinja::{context, Value};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Whether a page must be made (`false`: it is in the output already).
pub type Make<'m, T> = dyn Fn(&T) -> Result<bool> + Sync + 'm;

/// Files another stage adds to the site with its templates (the search page
/// and index), between the governance and the library pages: into the sink,
/// or `None` when `stop` said so.
pub type Extra<'s> = dyn Fn(&SiteRenderer, &Stop, &dyn Sink) -> Result<Option<()>> + Sync + 's;

/// The site's renderer, split so that `serve` can re-render the pages of
/// the documents an edit touched before everything else.
pub struct SiteRenderer<'a> {
    site: Publication<'a>,
    glossary: GlossaryMarker,
    diags: &'a [Diagnostic],
    /// What the last `check --external` found, for the references page.
    links: Option<&'a Cache>,
    theme: &'a Theme,
    templates: Templates<'a>,
    common: Value,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(lib: &'a Library, diags: &'a [Diagnostic], opts: &'a PublishOptions, theme: &'a Theme) -> Result<Self> {
        let site = Publication::plan_checked(lib, opts, diags);
        let common = common_context(&site);
        let glossary = GlossaryMarker::new(&lib.config.glossary);
        Ok(SiteRenderer { site, glossary, diags, links: None, theme, templates: Templates::new(theme)?, common })
    }

    /// The state of external links the references page shows.
    pub fn with_links(mut self, links: &'a Cache) -> Self {
        self.links = Some(links);
        self
    }

    pub fn publication(&self) -> &Publication<'a> {
        &self.site
    }

    /// A page of another stage (the search page) from a template of the theme.
    pub fn page(&self, template: &str, ctx: Value) -> Result<String> {
        self.templates.render(template, ctx)
    }

    /// What every page's template sees: the site's name, notice, options.
    pub fn common(&self) -> &Value {
        &self.common
    }

    /// The pages of the document versions (by index in the library) that
    /// `wanted` accepts, into `sink` as they are made; returns how many.
    /// A comparison page goes with either of its versions: an edit of
    /// either changes it.
    pub fn document_pages_into(&self, wanted: &(dyn Fn(DocIndex) -> bool + Sync), sink: &dyn Sink) -> Result<usize> {
        self.pages_into(&|p| Ok(wanted(p.doc)), &|p| Ok(wanted(p.to) || wanted(p.from)), sink)
    }

    /// The document and comparison pages, into `sink`: each one `make`
    /// says to make (`false`: it is there already); returns how many it made.
    pub fn pages_into(&self, make: &Make<DocPage>, make_changes: &Make<ChangesPage>, sink: &dyn Sink) -> Result<usize> {
        let (site, glossary, templates, common) = (&self.site, &self.glossary, &self.templates, &self.common);
        let pages = site
            .pages
            .par_iter()
            .map(|p| {
                if !make(p)? {
                    return Ok(0);
                }
                let root = root_of(&p.url);
                let view = document::document(site, glossary, p, &root);
                let page_title = format!("{} ({})", view.doc.title, view.doc.id);
                let ctx = context! { root, page_title, section => "documents", doc => ser(&view), ..common.clone() };
                let html = templates.render("document.html", ctx)?;
                sink.send(OutputFile::bytes(format!("{}index.html", p.url), html)).map(|()| 1)
            })
            .sum::<Result<usize>>()?;
        let changes = site
            .changes
            .pages
            .par_iter()
            .map(|p| match make_changes(p)? {
                true => changes_page(site, templates, common, p, sink),
                false => Ok(0),
            })
            .sum::<Result<usize>>()?;
        Ok(pages + changes)
    }

    /// Everything but the document pages (listings, library and governance
    /// pages, `extra`'s files, machine-readable files, static files and
    /// assets) into `sink`, each group of files as soon as it is made, so
    /// that no page waits in memory for the others. Returns how many HTML
    /// pages it made, or `None` as soon as `stop` says so.
    pub fn other_files_unless(&self, stop: &Stop, sink: &dyn Sink, extra: &Extra) -> Result<Option<usize>> {
        let beside = self.pages_beside_into(sink, None)?;
        if stop() {
            return Ok(None);
        }
        self.rest_unless(stop, sink, beside, extra)
    }

    /// The pages that read no other page and that search does not wait for
    /// (the listings, the governance pages, the library pages, the library on
    /// a date and the home page), and the feeds, the catalogue and the review
    /// calendar, into `sink`, so that they can be made beside the document
    /// pages; with `memo`, the governance pages the last build made from
    /// the same view are taken from it. Returns the pages' paths, for the
    /// sitemap.
    pub fn pages_beside_into(&self, sink: &dyn Sink, memo: Option<&dyn Memo>) -> Result<Beside> {
        let (listings, governance, library) = (PagePaths::new(sink), PagePaths::new(sink), PagePaths::new(sink));
        let data = || data_files(&self.site).into_iter().try_for_each(|f| sink.send(f));
        let (made, (made_too, sent)) = rayon::join(
            || self.governance_into(&governance, memo),
            || rayon::join(|| self.listings_and_library_into(&listings, &library), data),
        );
        made?;
        made_too?;
        sent?;
        let mut before_search = listings.into_paths();
        before_search.extend(governance.into_paths());
        Ok(Beside { before_search, after_search: library.into_paths() })
    }

    fn listings_and_library_into(&self, listings: &PagePaths, library: &PagePaths) -> Result<()> {
        let (site, templates, common) = (&self.site, &self.templates, &self.common);
        let clock = crate::timings::Clock::start();
        listing_pages(site, templates, common)?.into_iter().try_for_each(|f| listings.send(f))?;
        clock.lap("listing pages");
        let put = |files: Vec<OutputFile>| files.into_iter().try_for_each(|f| library.send(f));
        put(library_pages(site, &self.glossary, templates, common)?)?;
        put(in_force_files(site, templates, common)?)?;
        library.send(OutputFile::bytes(addresses::HOME, templates.render("home.html", home_context(site, common))?))?;
        clock.lap("library pages");
        Ok(())
    }

    /// The governance pages (none in the public copy), into `sink`: they
    /// read every document and its findings, but no other page reads them.
    fn governance_into(&self, sink: &PagePaths, memo: Option<&dyn Memo>) -> Result<()> {
        if !self.site.opts.public {
            let clock = crate::timings::Clock::start();
            let (site, diags, templates, common) = (&self.site, self.diags, &self.templates, &self.common);
            let page = Page { templates, common, memo };
            // Pieces of about the same work, each taken by a core when one is
            // free (a rebuild that reuses the document pages has little else
            // to do); their pages are listed (for the sitemap) in the same
            // order every time.
            let parts: [PagePaths; 4] = std::array::from_fn(|_| PagePaths::new(sink.sink));
            let [checks, reviews, problems, all] = &parts;
            let (a, (b, c)) = rayon::join(
                || checks_page(site, diags, &page, checks),
                || {
                    rayon::join(
                        || reviews_and_register(site, &page, reviews),
                        || references_pages(site, diags, self.links, &page, [problems, all]),
                    )
                },
            );
            a?;
            b?;
            c?;
            let mut paths = sink.paths.lock().unwrap_or_else(|e| e.into_inner());
            paths.extend(parts.into_iter().flat_map(PagePaths::into_paths));
            drop(paths);
            clock.lap("governance pages");
            crate::memory::give_back();
        }
        Ok(())
    }

    /// The files of `other_files_unless` but those made `beside` the
    /// document pages: `extra`'s (the search index), the machine-readable
    /// files, static files and assets.
    pub fn rest_unless(&self, stop: &Stop, sink: &dyn Sink, beside: Beside, extra: &Extra) -> Result<Option<usize>> {
        let site = &self.site;
        // The sitemap needs the pages' paths, not the pages, in the same order every time.
        let out = PagePaths { sink, paths: std::sync::Mutex::new(beside.before_search) };
        if stop() || extra(self, stop, &out)?.is_none() || stop() {
            return Ok(None);
        }
        let mut pages = out.into_paths();
        pages.extend(beside.after_search);
        sink.send(OutputFile::bytes(addresses::SITEMAP, feeds::sitemap(site, &sitemap_pages(&pages))))?;
        for (path, bytes) in self.theme.under("static") {
            sink.send(OutputFile::bytes(format!("static/{path}"), bytes.to_vec()))?;
        }
        for path in site.assets_used() {
            let source = site.lib.dir.join(&path);
            sink.send(OutputFile { path, contents: Contents::Copy(source) })?;
        }
        Ok(Some(pages.len()))
    }
}

/// The paths of the pages `pages_beside_into` made, in the sitemap's order:
/// those listed before the search page, and those after it.
pub struct Beside {
    before_search: Vec<String>,
    after_search: Vec<String>,
}

/// A sink that notes the path of every HTML page it passes on.
pub struct PagePaths<'s> {
    sink: &'s dyn Sink,
    paths: std::sync::Mutex<Vec<String>>,
}

impl<'s> PagePaths<'s> {
    pub fn new(sink: &'s dyn Sink) -> Self {
        PagePaths { sink, paths: Default::default() }
    }

    /// The pages' paths, in the order they were sent.
    pub fn into_paths(self) -> Vec<String> {
        self.paths.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn note(&self, path: &str) {
        if path.ends_with(".html") {
            self.paths.lock().unwrap_or_else(|e| e.into_inner()).push(path.to_string());
        }
    }
}

impl Sink for PagePaths<'_> {
    fn send(&self, file: OutputFile) -> Result<()> {
        self.note(&file.path);
        self.sink.send(file)
    }

    fn send_written(&self, path: &str, write: &crate::output::Writer) -> Result<()> {
        self.note(path);
        self.sink.send_written(path, write)
    }
}

/// One comparison page.
fn changes_page(
    site: &Publication,
    templates: &Templates,
    common: &Value,
    page: &ChangesPage,
    sink: &dyn Sink,
) -> Result<usize> {
    let view = changes::view(site, page, crate::compare::compare_page(site, page));
    let root = root_of(&page.url);
    let page_title =
        format!("Changes from version {} to version {}: {}", view.from.version, view.to.version, view.title);
    let ctx = context! { root, page_title, section => "documents", changes => ser(&view), ..common.clone() };
    sink.send(OutputFile::bytes(format!("{}index.html", page.url), templates.render("changes.html", ctx)?))?;
    Ok(1)
}

/// `documents/a/` → `../../`: every link is relative, so the site works from
/// any folder of any static server, and from the file system.
fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn common_context(site: &Publication) -> Value {
    let s = &site.lib.config.site;
    context! {
        site => context! { organisation => &s.organisation, short_name => &s.short_name, notice => s.footer_notice(site.opts.public), due_soon_days => s.due_soon_days },
        drafts => site.opts.drafts,
        public => site.opts.public,
        today => site.lib.today().to_string(),
    }
}

#[derive(Serialize)]
struct Group {
    name: String,
    /// The heading of a listing: `Policies`, `Clinical Governance`.
    label: String,
    url: String,
    docs: Vec<views::DocSummary>,
}

fn group_by(site: &Publication, folder: &str, key: impl Fn(&crate::model::Document) -> String) -> Vec<Group> {
    let mut groups: BTreeMap<String, Vec<views::DocSummary>> = BTreeMap::new();
    for (i, d) in site.listed() {
        groups.entry(key(d)).or_default().push(views::summary(site, d, &site.url_of[&i]));
    }
    groups
        .into_iter()
        .map(|(name, mut docs)| {
            docs.sort_by_key(|d| d.title.to_lowercase());
            let label = if folder == "types" { crate::text::plural_label(&name) } else { name.clone() };
            Group { url: addresses::listing(folder, &name), label, name, docs }
        })
        .collect()
}

/// The type a document is listed under.
fn type_key(d: &crate::model::Document) -> String {
    d.meta.doc_type.as_ref().map_or_else(|| "other".to_string(), |t| t.value.clone())
}

/// The directorate a document is listed under.
fn directorate_key(d: &crate::model::Document) -> String {
    d.directorate_label().to_string()
}

fn by_type(site: &Publication) -> Vec<Group> {
    group_by(site, "types", type_key)
}

fn by_directorate(site: &Publication) -> Vec<Group> {
    group_by(site, "directorates", directorate_key)
}

fn a_to_z(site: &Publication) -> Vec<Group> {
    group_by(site, "documents", |d| {
        d.title().chars().find(|c| c.is_alphanumeric()).map_or("#".to_string(), |c| c.to_uppercase().to_string())
    })
}

fn listing_pages(site: &Publication, templates: &Templates, common: &Value) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    for (kind, groups) in [("type", by_type(site)), ("directorate", by_directorate(site))] {
        for g in &groups {
            let root = root_of(&g.url);
            let feed = format!("{root}{}", addresses::feed_of(&g.url));
            let ctx = context! { root, page_title => &g.label, section => kind, kind, feed, group => ser(g), ..common.clone() };
            files.push(OutputFile::bytes(format!("{}index.html", g.url), templates.render("listing.html", ctx)?));
        }
    }
    let ctx = context! { root => "../", page_title => "All documents A to Z", section => "documents", letters => ser(a_to_z(site)), ..common.clone() };
    files.push(OutputFile::bytes(addresses::A_TO_Z, templates.render("a-z.html", ctx)?));
    Ok(files)
}

fn library_pages(
    site: &Publication,
    glossary: &GlossaryMarker,
    templates: &Templates,
    common: &Value,
) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    let matrix = context! { root => "../", page_title => "Role matrix", section => "roles", matrix => ser(library::matrix(site)), ..common.clone() };
    files.push(OutputFile::bytes(addresses::ROLES, templates.render("roles.html", matrix)?));
    for role in site.roles() {
        let url = library::role_url(&role.id);
        let root = root_of(&url);
        let sections = library::role_sections(site, glossary, &role.id, &root);
        let contact = library::role_contact(site, role, &root);
        let feed = format!("{root}{}", addresses::feed_of(&url));
        let ctx = context! { root, page_title => &role.title, section => "roles", role => ser(role), contact => ser(contact), feed, sections => ser(sections), ..common.clone() };
        files.push(OutputFile::bytes(format!("{url}index.html"), templates.render("role.html", ctx)?));
    }
    let eia = context! { root => "../", page_title => "Equality impact assessments", section => "eia", register => ser(library::eia_register(site)), ..common.clone() };
    files.push(OutputFile::bytes(addresses::EIA_REGISTER, templates.render("eia.html", eia)?));
    let ctx = context! { root => "../", page_title => "Glossary", section => "glossary", entries => ser(site.glossary(glossary)), ..common.clone() };
    files.push(OutputFile::bytes(addresses::GLOSSARY, templates.render("glossary.html", ctx)?));
    Ok(files)
}

/// "The library on a date" and the timelines its script reads.
fn in_force_files(site: &Publication, templates: &Templates, common: &Value) -> Result<Vec<OutputFile>> {
    let ctx = context! { root => "../", page_title => "The library on a date", section => "in-force", today_iso => site.lib.today().iso(), documents => ser(in_force::view(site)), ..common.clone() };
    let page = OutputFile::bytes(addresses::IN_FORCE, templates.render("in-force.html", ctx)?);
    Ok(vec![page, OutputFile::bytes(addresses::IN_FORCE_JSON, in_force::json(site))])
}

/// The catalogue, feed, calendar and sitemap. The sitemap lists every page
/// already rendered, by path (`pages`).
/// The sitemap's pages besides the documents' (which it lists itself): the
/// folders of the pages made, in order.
fn sitemap_pages(pages: &[String]) -> Vec<String> {
    pages
        .iter()
        .filter_map(|p| p.strip_suffix("index.html"))
        .filter(|u| !u.starts_with("documents/") || *u == "documents/")
        .map(String::from)
        .collect()
}

/// The machine-readable files but the sitemap: the catalogue, the feeds and
/// the review calendar.
fn data_files(site: &Publication) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile::bytes(addresses::CATALOGUE, feeds::catalogue(site)),
        OutputFile::bytes(addresses::FEED, feeds::atom(site)),
    ];
    files.extend(feeds::changes::topic_feeds(site, &feed_topics(site)));
    if site.shows_reviews() {
        files.push(OutputFile::bytes(addresses::CALENDAR, feeds::calendar::library(site)));
    }
    files
}

/// The pages with a feed of what changed: each type's and directorate's
/// listing (the same groups, so each feed has its page) and each role's.
fn feed_topics<'a>(site: &'a Publication) -> Vec<feeds::changes::Topic<'a>> {
    let org = &site.lib.config.site.organisation;
    let groups = |groups: Vec<Group>, key: fn(&crate::model::Document) -> String| {
        groups.into_iter().map(move |g| feeds::changes::Topic {
            title: format!("{org} – changes: {}", g.label),
            page: g.url,
            has: Box::new(move |d| key(d) == g.name),
        })
    };
    let mut topics: Vec<_> =
        groups(by_type(site), type_key).chain(groups(by_directorate(site), directorate_key)).collect();
    topics.extend(site.roles().into_iter().map(|role| feeds::changes::Topic {
        title: format!("{org} – changes: {}", role.title),
        page: library::role_url(&role.id),
        has: Box::new(|d| d.body.sections.iter().any(|s| s.role.as_deref() == Some(role.id.as_str()))),
    }));
    topics
}

/// What a page of the whole library is made with: the templates, what
/// every page is given, and what the last build left.
struct Page<'p> {
    templates: &'p Templates<'p>,
    common: &'p Value,
    memo: Option<&'p dyn Memo>,
}

impl Page<'_> {
    /// The digest of the view of `template`: what every page is given and
    /// what `parts` adds. None without a last build to take files from.
    fn view(&self, template: &str, parts: impl FnOnce(ViewDigest) -> ViewDigest) -> Option<[u8; 32]> {
        self.memo?;
        parts(ViewDigest::new(template).with(self.common)).finish()
    }

    /// Whether the files at `paths`, made from `view`, came from the last
    /// build (sent into `sink`); if not, the caller makes them.
    fn taken(&self, view: Option<[u8; 32]>, paths: &[&str], sink: &dyn Sink) -> Result<bool> {
        let (Some(memo), Some(view)) = (self.memo, view) else { return Ok(false) };
        memo.taken(&view, &paths.iter().map(|p| p.to_string()).collect::<Vec<_>>(), sink)
    }
}

/// The checks page, written into its file as it is made: with 150,000
/// findings, it is 90 MB.
fn checks_page(site: &Publication, diags: &[Diagnostic], page: &Page, sink: &dyn Sink) -> Result<()> {
    let clock = crate::timings::Clock::start();
    let summary = crate::diag::Summary::of(site.lib.docs().len(), diags).with_ids(site.lib.by_id().len());
    let groups = governance::checks(site, diags);
    let view = page.view("checks.html", |v| v.with(&summary).with(&groups));
    if !page.taken(view, &[addresses::CHECKS], sink)? {
        let checks = context! { root => "../", page_title => "Checks", section => "checks", summary => ser(summary), groups => lazy_seq(groups), ..page.common.clone() };
        sink.send_written(addresses::CHECKS, &|w| page.templates.render_to("checks.html", checks.clone(), w))?;
    }
    clock.lap("governance: checks page");
    Ok(())
}

/// The reviews page with the calendars it lists, and the register.
fn reviews_and_register(site: &Publication, page: &Page, sink: &dyn Sink) -> Result<()> {
    let clock = crate::timings::Clock::start();
    // The owners' and directorates' calendars, which the reviews page lists.
    let (owners, directorates) = feeds::calendar::by_owner_and_directorate(site);
    let subscriptions: Vec<_> = owners.iter().chain(&directorates).collect();
    let groups = governance::reviews(site);
    let mut paths: Vec<&str> = subscriptions.iter().map(|s| s.path.as_str()).collect();
    paths.push(addresses::REVIEWS);
    let calendars = |v: ViewDigest| subscriptions.iter().fold(v, |v, s| v.with(&(&s.path, &s.label, &s.ics)));
    let view = page.view("reviews.html", |v| calendars(v).with(&groups));
    if !page.taken(view, &paths, sink)? {
        let listed = |subs: &[feeds::calendar::Subscription]| {
            subs.iter().map(|s| context! { path => &s.path, label => &s.label }).collect::<Vec<_>>()
        };
        let calendars = context! { owners => listed(&owners), directorates => listed(&directorates) };
        for s in owners.into_iter().chain(directorates) {
            sink.send(OutputFile::bytes(s.path, s.ics))?;
        }
        let reviews = context! { root => "../", page_title => "Reviews", section => "reviews", calendars, groups => ser(groups), ..page.common.clone() };
        sink.send(OutputFile::bytes(addresses::REVIEWS, page.templates.render("reviews.html", reviews)?))?;
    }
    clock.lap("governance: reviews page");
    register::register(site, page, sink)?;
    clock.lap("governance: register");
    Ok(())
}

/// The references pages and their CSV: the page of problems into the
/// first sink, with the CSV, and the page of every reference into the second.
fn references_pages(
    site: &Publication,
    diags: &[Diagnostic],
    links: Option<&Cache>,
    page: &Page,
    [problems_sink, all_sink]: [&dyn Sink; 2],
) -> Result<()> {
    let clock = crate::timings::Clock::start();
    let groups = references::references(site, diags, links);
    clock.lap("governance: references");
    let base_url = site.base_url();
    let view = page.view("references.html", |v| v.with(&base_url).with(&links.is_some()).with(&groups));
    let csv = addresses::REFERENCES_CSV;
    let problems_taken = page.taken(view, &[csv, addresses::REFERENCE_PROBLEMS], problems_sink)?;
    let all_taken = page.taken(view, &[addresses::REFERENCES], all_sink)?;
    if !problems_taken {
        problems_sink.send_written(csv, &|w| {
            references::write_csv(&groups, &base_url, w).map_err(crate::error::Error::io("write", csv))
        })?;
    }
    let counts = references::counts(&groups);
    let make = |path: &str, problems_only: bool, groups: Value, sink: &dyn Sink| {
        let root = root_of(path.trim_end_matches("index.html"));
        let ctx = context! { root, page_title => "References", section => "references", problems_only, counts => ser(counts), links_checked => links.is_some(), groups, ..page.common.clone() };
        sink.send_written(path, &|w| page.templates.render_to("references.html", ctx.clone(), w))
    };
    // The page of problems shows the same groups, one at a time, each cut
    // down to its problems: a copy of them all would be most of the rows.
    let problems = groups.iter().enumerate().filter(|(_, g)| g.problems > 0).map(|(i, _)| i).collect();
    let groups = std::sync::Arc::new(groups);
    let only_problems = |g: &references::RefGroup| ser(g.only_problems());
    let (a, b) = rayon::join(
        || match problems_taken {
            true => Ok(()),
            false => make(
                addresses::REFERENCE_PROBLEMS,
                true,
                lazy_view(groups.clone(), Some(problems), only_problems),
                problems_sink,
            ),
        },
        || match all_taken {
            true => Ok(()),
            false => make(addresses::REFERENCES, false, lazy_view(groups.clone(), None, |g| ser(g)), all_sink),
        },
    );
    a.and(b)
}

fn home_context(site: &Publication, common: &Value) -> Value {
    let mut recent: Vec<_> = site
        .listed()
        .filter(|&(i, d)| site.lib.in_force(i) && d.meta.ratified_date().is_some())
        .map(|(_, d)| d)
        .collect();
    recent.sort_by_key(|d| std::cmp::Reverse(d.meta.ratified_date()));
    let recent: Vec<_> = recent
        .into_iter()
        .take(5)
        .map(|d| views::summary(site, d, &site.url_of[&site.main_of[d.id().expect("listed documents have ids")]]))
        .collect();
    let mut due: Vec<_> = site
        .listed()
        .map(|(i, d)| views::summary(site, d, &site.url_of[&i]))
        .filter(|s| s.status == "ratified" && matches!(s.review_state, ReviewState::Overdue | ReviewState::DueSoon))
        .collect();
    due.sort_by(|a, b| a.review_iso.cmp(&b.review_iso));
    context! {
        root => "",
        page_title => "Policies and procedures",
        section => "home",
        types => ser(by_type(site)),
        directorates => ser(by_directorate(site)),
        letters => ser(a_to_z(site).iter().map(|g| &g.name).collect::<Vec<_>>()),
        recent => ser(recent),
        reviews_due => ser(due),
        count => site.listed().count(),
        ..common.clone()
    }
}

/// Serialisable data as a template value.
fn ser<T: Serialize>(data: T) -> Value {
    Value::from(minijinja::value::Serde(data))
}

/// A long list as a template value whose items become values one at a time,
/// as the template reaches them: the references of 10,000 documents made
/// into values at once took 140 MB.
fn lazy_seq<T: Serialize + Send + Sync + 'static>(items: Vec<T>) -> Value {
    lazy_view(std::sync::Arc::new(items), None, |item| ser(item))
}

/// `lazy_seq` over items shared with another page: the items at `picked`
/// (all of them when `None`), each shown as `show` makes it.
fn lazy_view<T: Send + Sync + 'static>(
    items: std::sync::Arc<Vec<T>>,
    picked: Option<Vec<usize>>,
    show: fn(&T) -> Value,
) -> Value {
    Value::from_object(LazySeq { items, picked, show })
}

struct LazySeq<T> {
    items: std::sync::Arc<Vec<T>>,
    picked: Option<Vec<usize>>,
    show: fn(&T) -> Value,
}

impl<T> LazySeq<T> {
    fn len(&self) -> usize {
        self.picked.as_ref().map_or(self.items.len(), Vec::len)
    }
}

impl<T> std::fmt::Debug for LazySeq<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} items]", self.len())
    }
}

impl<T: Send + Sync + 'static> minijinja::value::Object for LazySeq<T> {
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Seq
    }

    fn get_value(self: &std::sync::Arc<Self>, key: &Value) -> Option<Value> {
        let at = key.as_usize()?;
        let at = match &self.picked {
            Some(picked) => *picked.get(at)?,
            None => at,
        };
        self.items.get(at).map(self.show)
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Seq(self.len())
    }
}
