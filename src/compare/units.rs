//! The body tree flattened for comparing: the text before the first
//! heading, each heading's own blocks, and the footnotes, each a `Part`
//! holding `Unit`s (a paragraph, one list item, a table...).

use super::comparison::{BlockKind, Heading};
use super::words;
use crate::model::body::{Block, Body, Inline, Table};
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

/// One heading's own content (up to the next heading of any level).
pub struct Part<'a> {
    pub heading: Option<Heading>,
    /// The enclosing section's part, by heading level.
    pub parent: Option<usize>,
    pub units: Vec<Unit<'a>>,
    /// What the part is: the opening text, a section, or the notes.
    pub role: PartRole,
    /// The author gave the heading's anchor (`{#lone-working}`).
    pub explicit_anchor: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PartRole {
    Opening,
    Section,
    Notes,
}

impl Part<'_> {
    fn new(heading: Option<Heading>, parent: Option<usize>, role: PartRole) -> Self {
        Part { heading, parent, units: Vec::new(), role, explicit_anchor: false }
    }

    /// All its text, for matching a renamed section by its content.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for u in &self.units {
            s.push_str(&u.text);
            s.push(' ');
        }
        s
    }

    pub fn words(&self) -> usize {
        self.units.iter().map(|u| words::count(&u.text)).sum()
    }

    /// How much text it has, cheaply: for weighing sections against each other.
    pub fn size(&self) -> usize {
        self.units.iter().map(|u| u.text.len()).sum()
    }
}

pub struct Unit<'a> {
    pub kind: BlockKind,
    pub depth: u8,
    /// Plain text, white space folded.
    pub text: String,
    /// Kind and text: equal keys are the same block.
    pub key: u64,
    /// Kind, depth, text, formatting and link targets.
    pub rich: u64,
    pub table: Option<&'a Table>,
}

pub fn parts(body: &Body) -> Vec<Part<'_>> {
    let mut parts = vec![Part::new(None, None, PartRole::Opening)];
    // The open sections, by level: (level, part index).
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut f = Flattener { body, units: Vec::new() };
    for block in &body.blocks {
        if let Block::Heading(i) = block {
            let s = &body.sections[*i];
            parts.last_mut().expect("one part at least").units.append(&mut f.units);
            while open.last().is_some_and(|(l, _)| *l >= s.level) {
                open.pop();
            }
            let heading =
                Heading { level: s.level, number: s.number.clone(), text: s.text.clone(), anchor: s.anchor.clone() };
            let mut part = Part::new(Some(heading), open.last().map(|o| o.1), PartRole::Section);
            part.explicit_anchor = s.explicit_anchor;
            parts.push(part);
            open.push((s.level, parts.len() - 1));
        } else {
            f.block(block, 0, false);
        }
    }
    parts.last_mut().expect("one part at least").units.append(&mut f.units);
    if !body.footnotes.is_empty() {
        for note in &body.footnotes {
            let text = note.blocks.iter().map(|b| f.block_text(b)).collect::<Vec<_>>().join(" ");
            let text = format!("[{}] {}", note.label, fold(&text));
            f.push(BlockKind::Note, 0, text, 0, None);
        }
        let heading = Heading { level: 2, number: None, text: "Notes".to_string(), anchor: "notes".to_string() };
        let mut part = Part::new(Some(heading), None, PartRole::Notes);
        part.units = std::mem::take(&mut f.units);
        parts.push(part);
    }
    parts
}

/// Whether a text has no white space to fold: most text, kept as it is.
fn tidy(text: &str) -> bool {
    let b = text.as_bytes();
    text.is_ascii()
        && b.first().is_none_or(|c| *c != b' ')
        && b.last().is_none_or(|c| *c != b' ')
        && !b.windows(2).any(|w| w == b"  ")
        && !b.iter().any(|c| c.is_ascii_whitespace() && *c != b' ')
}

/// `fold`, keeping the text when there is nothing to fold.
pub fn folded(text: String) -> String {
    if tidy(&text) {
        text
    } else {
        fold(&text)
    }
}

/// Folds runs of white space into one space and trims the ends.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn hash(parts: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    parts.hash(&mut h);
    h.finish()
}

pub fn key_of(kind: BlockKind, text: &str) -> u64 {
    hash((kind, text))
}

struct Flattener<'a> {
    body: &'a Body,
    units: Vec<Unit<'a>>,
}

impl<'a> Flattener<'a> {
    fn push(&mut self, kind: BlockKind, depth: u8, text: String, rich: u64, table: Option<&'a Table>) {
        let key = key_of(kind, &text);
        let rich = hash((key, depth, rich));
        self.units.push(Unit { kind, depth, text, key, rich, table });
    }

    fn inlines(&mut self, kind: BlockKind, depth: u8, inl: &[Inline]) {
        let text = folded(crate::model::body::plain_text(inl));
        let mut h = FxHasher::default();
        self.rich_inlines(inl, &mut h);
        self.push(kind, depth, text, h.finish(), None);
    }

    /// `in_quote`: paragraphs of a quotation are quotation units.
    fn block(&mut self, block: &'a Block, depth: u8, in_quote: bool) {
        let para = if in_quote { BlockKind::Quote } else { BlockKind::Paragraph };
        match block {
            Block::Paragraph(inl) | Block::Plain(inl) => self.inlines(para, depth, inl),
            Block::Heading(i) => {
                // A heading inside a list or quote: not a section, just its text.
                let text = fold(&self.body.sections[*i].text);
                self.push(para, depth, text, 0, None);
            }
            Block::List { items, .. } => {
                for item in items {
                    self.item(item, depth + 1, in_quote);
                }
            }
            Block::Quote(inner) => inner.iter().for_each(|b| self.block(b, depth, true)),
            Block::Code { text, .. } | Block::RawHtml(text) => {
                self.push(BlockKind::Code, depth, text.trim_end().to_string(), 0, None)
            }
            Block::Table(t) => {
                let text = table_text(t);
                self.push(BlockKind::Table, depth, text, 0, Some(t));
            }
            Block::Rule => self.push(BlockKind::Rule, depth, String::new(), 0, None),
        }
    }

    /// A list item: its first paragraph is the item; anything after it
    /// (more paragraphs, nested lists) follows at its depth.
    fn item(&mut self, blocks: &'a [Block], depth: u8, in_quote: bool) {
        let mut rest = blocks;
        match blocks.first() {
            Some(Block::Paragraph(inl) | Block::Plain(inl)) => {
                self.inlines(BlockKind::Item, depth, inl);
                rest = &blocks[1..];
            }
            _ => self.push(BlockKind::Item, depth, String::new(), 0, None),
        }
        for b in rest {
            self.block(b, depth, in_quote);
        }
    }

    fn block_text(&self, block: &Block) -> String {
        match block {
            Block::Paragraph(inl) | Block::Plain(inl) => crate::model::body::plain_text(inl),
            Block::List { items, .. } => {
                items.iter().flat_map(|i| i.iter().map(|b| self.block_text(b))).collect::<Vec<_>>().join(" ")
            }
            Block::Quote(inner) => inner.iter().map(|b| self.block_text(b)).collect::<Vec<_>>().join(" "),
            Block::Code { text, .. } | Block::RawHtml(text) => text.clone(),
            Block::Table(t) => table_text(t),
            Block::Heading(i) => self.body.sections[*i].text.clone(),
            Block::Rule => String::new(),
        }
    }

    /// Formatting and link targets, which plain text leaves out. Text is
    /// hashed run by run as a reader sees it: the parser splits a text at
    /// each escape (`a\_b` is three texts), and the same words written with
    /// other escapes (as `import` writes them) are not a change.
    fn rich_inlines(&self, inl: &[Inline], h: &mut FxHasher) {
        let mut text = String::new();
        for i in inl {
            if let Inline::Text(t) = i {
                text.push_str(t);
                continue;
            }
            hash_text(&mut text, h);
            std::mem::discriminant(i).hash(h);
            match i {
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => self.rich_inlines(c, h),
                Inline::Link { link, children } => {
                    format!("{:?}", self.body.links[*link].target).hash(h);
                    self.rich_inlines(children, h);
                }
                Inline::Image { link, .. } => format!("{:?}", self.body.links[*link].target).hash(h),
                Inline::Code(t) => t.hash(h),
                Inline::IdRef { text, .. } => text.hash(h),
                Inline::FootnoteRef(l) => l.hash(h),
                Inline::Text(_) | Inline::SoftBreak | Inline::HardBreak => {}
            }
        }
        hash_text(&mut text, h);
    }
}

/// A run of text, then nothing until the next one.
fn hash_text(text: &mut String, h: &mut FxHasher) {
    if !text.is_empty() {
        "text".hash(h);
        std::mem::take(text).hash(h);
    }
}

/// A cell's text.
pub fn cell_text(cell: &[Inline]) -> String {
    folded(crate::model::body::plain_text(cell))
}

/// A row's cells joined, for matching rows.
pub fn row_text(row: &[Vec<Inline>]) -> String {
    row.iter().map(|c| cell_text(c)).collect::<Vec<_>>().join(" | ")
}

fn table_text(t: &Table) -> String {
    std::iter::once(&t.head).chain(&t.rows).map(|r| row_text(r)).collect::<Vec<_>>().join("\n")
}
