//! Comparison pages ("Changes from version X to version Y"): which exist,
//! where they live, and what their template sees.
//!
//! A published version with a published predecessor (the previous version
//! number of the same id on the site) has one at
//! `documents/<slug>/changes-v<X>-to-v<Y>/`, an address that never moves;
//! its redline PDF sits beside version Y's PDF. With `--drafts`, the
//! version in preparation is compared with the current (ratified) one. In
//! the public copy, both versions must be in the public copy.

use super::site::Site;
use crate::compare::{self, BlockChange, BlockDiff, BlockKind, Comparison, FactChange, SectionDiff, SectionStatus};
use crate::model::{DocId, Status};
use serde::Serialize;
use std::collections::HashMap;

/// Unchanged blocks shown on each side of a change; the rest of a section is folded.
const CONTEXT: usize = 1;
/// The summary lists this many changes at most.
const LISTED_CHANGES: usize = 40;

/// One comparison page.
#[derive(Clone, Debug)]
pub struct ChangesPage {
    pub from: usize,
    pub to: usize,
    /// Relative to the site root, ending in `/`.
    pub url: String,
}

/// Every comparison the site has, by either end.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    pub pages: Vec<ChangesPage>,
    by_to: HashMap<usize, usize>,
    by_from: HashMap<usize, usize>,
}

impl Changes {
    /// The comparisons among the published versions (`url_of`), with the
    /// folder of each id's pages (`main_of`'s address).
    pub fn plan(
        lib: &crate::resolve::Library,
        url_of: &HashMap<usize, String>,
        main_of: &std::collections::BTreeMap<DocId, usize>,
    ) -> Changes {
        let site_docs = &lib.docs;
        let mut pages = Vec::new();
        for (id, &main) in main_of {
            let Some(versions) = lib.by_id.get(id) else { continue };
            let published: Vec<usize> = versions.all.iter().copied().filter(|i| url_of.contains_key(i)).collect();
            // The main page's address is the id's folder: `documents/<slug>/`.
            let folder = &url_of[&main];
            let in_force = published.iter().rev().copied().find(|&i| site_docs[i].status() == Some(Status::Ratified));
            for (k, &to) in published.iter().enumerate().skip(1) {
                let from = match (versions.preparing == Some(to), in_force) {
                    (true, Some(current)) => current,
                    _ => published[k - 1],
                };
                let v = |i: usize| site_docs[i].version().map_or("0".to_string(), |v| v.to_string());
                let url = format!("{folder}changes-v{}-to-v{}/", v(from), v(to));
                pages.push(ChangesPage { from, to, url });
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
    pub fn into_version(&self, doc: usize) -> Option<&ChangesPage> {
        self.by_to.get(&doc).map(|&k| &self.pages[k])
    }

    /// The comparison that starts at version `doc` (what its successor changed).
    pub fn out_of_version(&self, doc: usize) -> Option<&ChangesPage> {
        self.by_from.get(&doc).map(|&k| &self.pages[k])
    }
}

/// A link to a comparison page, for the pages of its versions.
#[derive(Clone, Debug, Serialize)]
pub struct ChangesLink {
    pub from: String,
    pub to: String,
    pub url: String,
}

pub fn link(site: &Site, page: Option<&ChangesPage>) -> Option<ChangesLink> {
    let page = page?;
    let v = |i: usize| site.lib.docs[i].version().map_or_else(String::new, |v| v.to_string());
    Some(ChangesLink { from: v(page.from), to: v(page.to), url: page.url.clone() })
}

/// Links each amendment history row to the comparison page of the version it records.
pub fn link_history(site: &Site, doc: usize, mut rows: Vec<super::views::HistoryRow>) -> Vec<super::views::HistoryRow> {
    let Some(versions) = site.lib.docs[doc].id().and_then(|id| site.lib.by_id.get(id)) else { return rows };
    for row in &mut rows {
        let Ok(v) = crate::model::Version::parse(&row.version) else { continue };
        let version = versions.all.iter().copied().find(|&i| site.lib.docs[i].version() == Some(&v));
        row.changes_url = version.and_then(|i| site.changes.into_version(i)).map(|p| p.url.clone());
    }
    rows
}

/// How the site names related documents and roles in a comparison: in the
/// public copy, a document that is not public is left out.
pub fn compare(site: &Site, page: &ChangesPage) -> Comparison {
    let lib = site.lib;
    let related = |id: &DocId| match site.main_of.get(id) {
        Some(&i) => Some(lib.docs[i].title().to_string()),
        None if site.opts.public => None,
        None => Some(lib.target(id).map_or_else(|| "(not in this library)".to_string(), |d| d.title().to_string())),
    };
    let role = |r: &str| lib.config.role(r).map(|r| r.title.clone());
    compare::compare(&lib.docs[page.from], &lib.docs[page.to], &compare::Names { related: &related, role: &role })
}

#[derive(Serialize)]
pub struct SideView {
    pub version: String,
    pub status: &'static str,
    pub ratified: Option<String>,
    /// The version's page, relative to the site root.
    pub url: String,
}

#[derive(Serialize)]
pub struct ChangesView {
    pub id: String,
    pub title: String,
    pub type_label: String,
    pub type_url: String,
    pub doc_url: String,
    pub from: SideView,
    pub to: SideView,
    /// The newer version is a draft: what the committee is asked to ratify.
    pub to_is_draft: bool,
    pub pdf_url: Option<String>,
    pub facts: Vec<FactChange>,
    pub summary: Vec<String>,
    /// Each change to the text in a line ("5.2 Aims and Objectives: paragraph changed: 1 word replaced").
    pub changes: Vec<String>,
    /// How many more changes there are than `changes` lists.
    pub more_changes: usize,
    pub text_unchanged: bool,
    pub items: Vec<ItemView>,
}

/// A changed section, or a run of unchanged ones folded together.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ItemView {
    Section(SectionView),
    Unchanged { count: usize, sections: Vec<Link> },
}

#[derive(Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct SectionView {
    pub status: SectionStatus,
    /// The tag a reader sees: Changed, Added, Removed, Moved, Renamed...
    pub tags: Vec<&'static str>,
    pub label: String,
    pub level: u8,
    /// The section in the version where it is (the newer, else the older).
    pub url: Option<String>,
    pub notes: Vec<String>,
    pub groups: Vec<GroupView>,
}

/// Blocks as the page lays them out: list items gathered into a list,
/// long runs of unchanged blocks folded.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum GroupView {
    Block { block: BlockView },
    List { items: Vec<BlockView> },
    Context { count: usize, groups: Vec<GroupView> },
}

#[derive(Serialize)]
pub struct BlockView {
    #[serde(flatten)]
    pub diff: BlockDiff,
    /// What the block's label says: "Inserted paragraph", "Moved here from section 5.7"...
    pub note: Option<String>,
    /// The opening words of a block that moved away (its text is shown where it went).
    pub excerpt: Option<String>,
}

pub fn view(site: &Site, page: &ChangesPage, c: Comparison) -> ChangesView {
    let to = &site.lib.docs[page.to];
    let side = |i: usize, s: compare::Side| SideView {
        version: s.version,
        status: s.status,
        ratified: s.ratified,
        url: site.url_of.get(&i).cloned().unwrap_or_default(),
    };
    let doc_type = to.meta.doc_type.as_ref().map_or_else(|| "other".to_string(), |t| t.value.clone());
    let summary = summary(&c);
    let mut changes = c.text_changes();
    let more_changes = changes.len().saturating_sub(LISTED_CHANGES);
    changes.truncate(LISTED_CHANGES);
    let from_url = site.url_of.get(&page.from).cloned();
    let to_url = site.url_of.get(&page.to).cloned();
    let items = items(c.sections, from_url.as_deref(), to_url.as_deref());
    let main = to.id().and_then(|id| site.main_of.get(id)).map(|m| site.url_of[m].clone()).unwrap_or_default();
    ChangesView {
        id: c.id,
        title: c.title,
        type_label: super::views::plural_label(&doc_type),
        type_url: format!("types/{}/", crate::text::slugify_ascii(&doc_type)),
        doc_url: main,
        to_is_draft: to.status().is_some_and(Status::is_draft),
        pdf_url: site.opts.pdf.then(|| super::redline::pdf_path(site, page)),
        text_unchanged: summary.is_empty(),
        changes,
        more_changes,
        summary,
        facts: c.facts,
        from: side(page.from, c.from),
        to: side(page.to, c.to),
        items,
    }
}

/// The counts at the top of the page, as sentences; empty when the text is unchanged.
fn summary(c: &Comparison) -> Vec<String> {
    let s = &c.stats;
    if c.text_unchanged() {
        return Vec::new();
    }
    let n = |k: usize, one: &str, many: &str| if k == 1 { format!("1 {one}") } else { format!("{k} {many}") };
    let mut parts = Vec::new();
    for (k, what) in [
        (s.sections_changed, "changed"),
        (s.sections_added, "added"),
        (s.sections_removed, "removed"),
        (s.sections_moved, "moved"),
        (s.sections_renamed, "renamed"),
    ] {
        if k > 0 {
            parts.push(format!("{} {what}", n(k, "section", "sections")));
        }
    }
    let mut out = vec![format!("{}.", parts.join(", "))];
    if s.blocks_moved > 0 {
        out.push(format!("{} moved.", n(s.blocks_moved, "block of text", "blocks of text")));
    }
    out.push(format!(
        "{} inserted, {} deleted.",
        n(s.words_inserted, "word", "words"),
        n(s.words_deleted, "word", "words")
    ));
    out.push(format!("{} unchanged.", n(s.sections_unchanged, "section", "sections")));
    out
}

fn items(sections: Vec<SectionDiff>, from_url: Option<&str>, to_url: Option<&str>) -> Vec<ItemView> {
    let mut out: Vec<ItemView> = Vec::new();
    for s in sections {
        let link = |h: &compare::Heading, url: Option<&str>| url.map(|u| format!("{u}#{}", h.anchor));
        let url = match (&s.new, &s.old) {
            (Some(h), _) => link(h, to_url),
            (None, Some(h)) => link(h, from_url),
            _ => to_url.map(String::from),
        };
        let label = s.heading().map_or_else(|| "Opening text".to_string(), compare::Heading::label);
        if s.is_unchanged() {
            let entry = Link { label, url: url.unwrap_or_default() };
            match out.last_mut() {
                Some(ItemView::Unchanged { count, sections }) => {
                    *count += 1;
                    sections.push(entry);
                }
                _ => out.push(ItemView::Unchanged { count: 1, sections: vec![entry] }),
            }
            continue;
        }
        out.push(ItemView::Section(section(s, label, url)));
    }
    out
}

fn section(s: SectionDiff, label: String, url: Option<String>) -> SectionView {
    let mut tags = Vec::new();
    let mut notes = Vec::new();
    match s.status {
        SectionStatus::Added => {
            tags.push("Added");
            notes.push("This section is new in this version.".to_string());
        }
        SectionStatus::Removed => {
            tags.push("Removed");
            notes.push("This section is not in the newer version.".to_string());
        }
        SectionStatus::Changed => tags.push("Changed"),
        SectionStatus::Unchanged => {}
    }
    if s.renamed {
        tags.push("Renamed");
        notes.push(format!("Its heading was “{}”.", s.old.as_ref().map_or("", |h| h.text.as_str())));
    }
    if s.moved {
        tags.push("Moved");
        notes.push(format!("It moved: it was {}.", crate::compare::label_of(s.old.as_ref())));
    }
    if s.status == SectionStatus::Unchanged {
        notes.push("Its text is unchanged.".to_string());
    }
    let level = s.heading().map_or(2, |h| h.level);
    let here = s.new.as_ref().map(|h| format!("section {}", h.label()));
    SectionView { status: s.status, tags, label, level, url, notes, groups: groups(s.blocks, here.as_deref()) }
}

fn groups(blocks: Vec<BlockDiff>, here: Option<&str>) -> Vec<GroupView> {
    let mut out: Vec<GroupView> = Vec::new();
    for b in blocks {
        let excerpt = (b.change == BlockChange::MovedAway).then(|| excerpt(&b));
        let view = BlockView { note: note(&b, here), excerpt, diff: b };
        let is_item = view.diff.kind == BlockKind::Item;
        match out.last_mut() {
            Some(GroupView::List { items }) if is_item => items.push(view),
            _ if is_item => out.push(GroupView::List { items: vec![view] }),
            _ => out.push(GroupView::Block { block: view }),
        }
    }
    fold(out)
}

/// Keeps `CONTEXT` unchanged groups on each side of a change and folds
/// every longer run of the others (a single one is not worth folding).
fn fold(groups: Vec<GroupView>) -> Vec<GroupView> {
    let same = |g: &GroupView| match g {
        GroupView::Block { block } => block.diff.change == BlockChange::Same,
        GroupView::List { items } => items.iter().all(|i| i.diff.change == BlockChange::Same),
        GroupView::Context { .. } => false,
    };
    let changed: Vec<usize> = (0..groups.len()).filter(|&i| !same(&groups[i])).collect();
    let near = |i: usize| changed.iter().any(|&c| c.abs_diff(i) <= CONTEXT);
    let mut out = Vec::new();
    let mut run = Vec::new();
    let flush = |run: &mut Vec<GroupView>, out: &mut Vec<GroupView>| {
        if run.len() >= 2 {
            out.push(GroupView::Context { count: run.len(), groups: std::mem::take(run) });
        } else {
            out.append(run);
        }
    };
    for (i, g) in groups.into_iter().enumerate() {
        if same(&g) && !near(i) {
            run.push(g);
        } else {
            flush(&mut run, &mut out);
            out.push(g);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The first words of a block, to recognise it by.
fn excerpt(b: &BlockDiff) -> String {
    const WORDS: usize = 16;
    let text: String = b.words.iter().map(|s| s.text.as_str()).collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.len() > WORDS {
        true => format!("“{} …”", words[..WORDS].join(" ")),
        false => format!("“{}”", words.join(" ")),
    }
}

fn note(b: &BlockDiff, here: Option<&str>) -> Option<String> {
    let noun = b.kind.noun();
    let elsewhere = |label: &Option<String>| match (label.as_deref(), here) {
        (Some(l), Some(h)) if l == h => "elsewhere in this section".to_string(),
        (Some(l), _) => l.to_string(),
        (None, _) => "elsewhere".to_string(),
    };
    match b.change {
        BlockChange::Same => None,
        BlockChange::Inserted => Some(format!("Inserted {noun}")),
        BlockChange::Deleted => Some(format!("Deleted {noun}")),
        BlockChange::Changed if b.format_only => {
            Some("Formatting or a link changed; the words are the same".to_string())
        }
        BlockChange::Changed => Some(format!("Changed {noun}")),
        BlockChange::MovedHere => {
            Some(format!("{} moved here from {}", super::views::capitalise(noun), elsewhere(&b.moved)))
        }
        BlockChange::MovedAway => Some(format!("{} moved to {}", super::views::capitalise(noun), elsewhere(&b.moved))),
    }
}
