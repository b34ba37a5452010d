//! The comparison as data: what `compare` returns and every reader of a
//! comparison (the comparison page, the redline, `trustdocs diff`) takes.
//! Kept apart from the code that makes it, so that the steps of comparing
//! can share these types without importing one another.

use super::fact::FactChange;
use super::words::Seg;
use serde::Serialize;

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
}
