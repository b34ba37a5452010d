//! What changed between two versions of a document: a stage of its own,
//! between resolve and render. Pure functions from two `Document`s to a
//! typed `Comparison`, which the comparison page, the redline PDF,
//! `trustdocs diff` and `trustdocs pack` all read.
//!
//! The body tree is compared, never HTML: sections are matched by anchor,
//! then by heading text, then by content; within a section, blocks (a
//! paragraph, a list item, a table) are aligned, and a changed block is
//! compared word by word. Section numbers are generated, so renumbering is
//! not a change. See docs/comparisons.md.

mod blocks;
mod facts;
mod moves;
mod sections;
mod tables;
pub mod terminal;
mod units;
mod words;

use crate::model::{DocId, Document, Status};
use serde::Serialize;

pub use blocks::label_of;
pub use words::{Op, Seg};

/// Two versions of one document, compared.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub id: String,
    /// The title of the newer version.
    pub title: String,
    pub from: Side,
    pub to: Side,
    /// The front-matter facts that differ, in the order of the control sheet.
    pub facts: Vec<FactChange>,
    /// Every section of both versions, in the newer version's order, with
    /// removed sections where they stood.
    pub sections: Vec<SectionDiff>,
    pub stats: Stats,
}

/// One of the two versions.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub version: String,
    pub status: &'static str,
    /// The ratification date, NHS style, if ratified.
    pub ratified: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FactChange {
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What happened to a section's own text (its blocks up to the next heading).
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SectionStatus {
    Unchanged,
    Changed,
    Added,
    Removed,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub number: Option<String>,
    pub text: String,
    pub anchor: String,
}

impl Heading {
    /// `5.2 Aims and Objectives`, as the table of contents shows it.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.text),
            None => self.text.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionDiff {
    pub status: SectionStatus,
    /// Its place among the sections changed (not just its number).
    pub moved: bool,
    /// Its heading text changed.
    pub renamed: bool,
    /// The heading in the older version (`None` for the text before the
    /// first heading, and for an added section).
    pub old: Option<Heading>,
    pub new: Option<Heading>,
    /// The section's blocks, unchanged ones included as context; empty
    /// when the text is unchanged.
    pub blocks: Vec<BlockDiff>,
}

impl SectionDiff {
    /// The heading a reader knows it by: the newer one, else the older.
    pub fn heading(&self) -> Option<&Heading> {
        self.new.as_ref().or(self.old.as_ref())
    }

    /// Nothing about it changed: it is folded away.
    pub fn is_unchanged(&self) -> bool {
        self.status == SectionStatus::Unchanged && !self.moved && !self.renamed
    }
}

/// The kind of a block, as flattened for comparing.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    /// A list item (its own text; nested items are items of their own).
    Item,
    Quote,
    Code,
    Table,
    Rule,
    /// A footnote's text.
    Note,
}

impl BlockKind {
    pub fn noun(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Item => "list item",
            BlockKind::Quote => "quotation",
            BlockKind::Code => "code block",
            BlockKind::Table => "table",
            BlockKind::Rule => "dividing line",
            BlockKind::Note => "note",
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum BlockChange {
    Same,
    Inserted,
    Deleted,
    /// Words inserted or deleted, or (`format_only`) only formatting or links.
    Changed,
    /// The block now stands here; it stood in `moved`'s section before.
    MovedHere,
    /// The block stood here; it now stands in `moved`'s section.
    MovedAway,
}

#[derive(Clone, Debug, Serialize)]
pub struct BlockDiff {
    pub kind: BlockKind,
    /// List nesting: 1 for a top-level item, 0 for everything else.
    pub depth: u8,
    pub change: BlockChange,
    /// The text, with insertions and deletions marked (a table's is empty).
    pub words: Vec<Seg>,
    /// For a move: the label of the section at the other end.
    pub moved: Option<String>,
    /// The text is the same; its formatting or a link's target changed.
    pub format_only: bool,
    pub table: Option<TableDiff>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TableDiff {
    /// One list of segments per header cell.
    pub head: Vec<Vec<Seg>>,
    pub rows: Vec<RowDiff>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RowDiff {
    /// `same`, `inserted`, `deleted` or `changed`.
    pub change: BlockChange,
    pub cells: Vec<Vec<Seg>>,
}

/// Counts for the summary at the top of a comparison.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    pub sections_changed: usize,
    pub sections_added: usize,
    pub sections_removed: usize,
    pub sections_moved: usize,
    pub sections_renamed: usize,
    pub sections_unchanged: usize,
    pub blocks_moved: usize,
    pub words_inserted: usize,
    pub words_deleted: usize,
}

impl Comparison {
    /// The body text is the same in both versions (facts may still differ).
    pub fn text_unchanged(&self) -> bool {
        self.sections.iter().all(SectionDiff::is_unchanged)
    }

    /// One line per change, in reading order: what the summary, the
    /// terminal and the tests count. A move is one change, told where the
    /// block now stands.
    pub fn changes(&self) -> Vec<String> {
        let facts = self.facts.iter().map(|f| {
            format!("{}: {} → {}", f.label, f.before.as_deref().unwrap_or("none"), f.after.as_deref().unwrap_or("none"))
        });
        facts.chain(self.text_changes()).collect()
    }

    /// The changes to the text alone, one line each.
    pub fn text_changes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for s in &self.sections {
            let label = s.heading().map_or_else(|| "Opening text".to_string(), Heading::label);
            let whole = match s.status {
                SectionStatus::Added => Some("section added"),
                SectionStatus::Removed => Some("section removed"),
                _ => None,
            };
            out.extend(whole.map(|w| format!("{label}: {w}")));
            if s.renamed {
                let was = s.old.as_ref().map_or(String::new(), |o| o.text.clone());
                out.push(format!("{label}: renamed (was “{was}”)"));
            }
            if s.moved {
                out.push(format!("{label}: moved (was {})", label_of(s.old.as_ref())));
            }
            if whole.is_none() {
                out.extend(s.blocks.iter().flat_map(blocks::describe).map(|d| format!("{label}: {d}")));
            }
        }
        out
    }
}

fn side(doc: &Document) -> Side {
    Side {
        version: doc.version().map_or_else(String::new, |v| v.to_string()),
        status: doc.status().map_or("unknown", Status::as_str),
        ratified: doc.meta.ratified_date().map(|d| d.to_string()),
    }
}

/// Compares version `old` of a document with version `new`; `old_facts`
/// and `new_facts` are their front-matter facts as labelled values, in the
/// order a reader sees them (render's `facts.rs` makes them).
pub fn compare(
    old: &Document,
    new: &Document,
    old_facts: &[(String, String)],
    new_facts: &[(String, String)],
) -> Comparison {
    let old_parts = units::parts(&old.body);
    let new_parts = units::parts(&new.body);
    let sections = sections::compare(&old_parts, &new_parts);
    let mut c = Comparison {
        id: new.id().or(old.id()).map_or_else(String::new, DocId::to_string),
        title: new.title().to_string(),
        from: side(old),
        to: side(new),
        facts: facts::compare(old_facts, new_facts),
        sections,
        stats: Stats::default(),
    };
    c.stats = stats(&c.sections);
    c
}

fn stats(sections: &[SectionDiff]) -> Stats {
    let mut st = Stats::default();
    for s in sections {
        match s.status {
            SectionStatus::Added => st.sections_added += 1,
            SectionStatus::Removed => st.sections_removed += 1,
            SectionStatus::Changed => st.sections_changed += 1,
            SectionStatus::Unchanged if s.is_unchanged() => st.sections_unchanged += 1,
            SectionStatus::Unchanged => {}
        }
        st.sections_moved += usize::from(s.moved);
        st.sections_renamed += usize::from(s.renamed);
        for b in &s.blocks {
            st.blocks_moved += usize::from(b.change == BlockChange::MovedHere);
            let (ins, del) = blocks::word_counts(b);
            st.words_inserted += ins;
            st.words_deleted += del;
        }
    }
    st
}

#[cfg(test)]
pub(crate) mod tests;
