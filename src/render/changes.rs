//! Comparison pages ("Changes from version X to version Y"): what their
//! template sees. Which pages exist, and where, is the publication's
//! (`publish/changes.rs`); what changed is the compare stage's.

use crate::compare::{self, BlockChange, BlockDiff, BlockKind, Comparison, FactChange, SectionDiff, SectionStatus};
use crate::model::Status;
use crate::publish::{addresses, ChangesPage, Publication};
use crate::resolve::DocIndex;
use serde::Serialize;

/// Unchanged blocks shown on each side of a change; the rest of a section is folded.
const CONTEXT: usize = 1;
/// The summary lists this many changes at most.
const LISTED_CHANGES: usize = 40;

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

pub fn view(site: &Publication, page: &ChangesPage, c: Comparison) -> ChangesView {
    let to = site.lib.doc(page.to);
    let side = |i: DocIndex, s: compare::Side| SideView {
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
        type_label: crate::text::plural_label(&doc_type),
        type_url: addresses::type_listing(to),
        doc_url: main,
        to_is_draft: to.status().is_some_and(Status::is_draft),
        pdf_url: site.opts.pdf.then(|| page.pdf.clone()),
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

/// The page's summary in one line, as the feeds give it: its sentences,
/// or what the page says when the text is unchanged.
pub fn summary_line(c: &Comparison) -> String {
    match summary(c) {
        lines if lines.is_empty() => "No changes to the text.".to_string(),
        lines => lines.join(" "),
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
            Some(format!("{} moved here from {}", crate::text::capitalise(noun), elsewhere(&b.moved)))
        }
        BlockChange::MovedAway => Some(format!("{} moved to {}", crate::text::capitalise(noun), elsewhere(&b.moved))),
    }
}
