//! The parsed body of a document: a small typed tree built once from the
//! Markdown. HTML, PDF data, search and checks all read this tree; nothing
//! downstream parses Markdown again.

mod parse;

#[cfg(test)]
pub(crate) use parse::last_clause;
pub use parse::{parse, LineIndex, ParseOptions};

use crate::model::{DocId, Pos, RefusedUrl, SafeUrl};

#[derive(Clone, Debug, Default)]
pub struct Body {
    /// The file's line the body starts on: above it is the front matter.
    pub first_line: u32,
    pub blocks: Vec<Block>,
    /// Every heading in order, with its number and anchor.
    pub sections: Vec<Section>,
    /// Every link, image and id found in prose, in order.
    pub links: Vec<Link>,
    pub footnotes: Vec<Footnote>,
    /// Where raw HTML was written (it is shown escaped).
    pub raw_html: Vec<Pos>,
    /// Where images without alt text are.
    pub images_without_alt: Vec<Pos>,
}

#[derive(Clone, Debug)]
pub struct Section {
    /// 1 for `#` (not expected in a body), 2 for `##`, and so on.
    pub level: u8,
    /// `4.4.1` when sections are numbered and the level is 2 to 4.
    pub number: Option<String>,
    /// The heading's text, without markup.
    pub text: String,
    /// Unique on the page: never an id the theme uses, nor another heading's.
    pub anchor: String,
    /// The anchor the author wrote (or the slug of the text) when it had
    /// to be changed, so that links written to it still resolve.
    pub written: Option<String>,
    /// Whether the author gave the anchor with `{#id}`.
    pub explicit_anchor: bool,
    /// `{role=lsms}`: the role whose responsibilities this section holds.
    pub role: Option<String>,
    pub pos: Pos,
    /// The heading's index in `Body::blocks`; its content runs up to `end`.
    pub block: usize,
    pub end: usize,
}

impl Body {
    /// The section a line of the file is in: the last heading at or above
    /// it. `None` above the first heading (or in the front matter).
    pub fn section_at(&self, line: u32) -> Option<&Section> {
        self.sections.iter().take_while(|s| s.pos.line <= line).last()
    }
}

impl Section {
    /// The number and the text, as a table of contents shows them.
    pub fn label(&self) -> String {
        match &self.number {
            Some(n) => format!("{n} {}", self.text),
            None => self.text.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Block {
    /// Index into `Body::sections`.
    Heading(usize),
    Paragraph(Vec<Inline>),
    /// Inline content of a tight list item, not wrapped in a paragraph.
    Plain(Vec<Inline>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Code {
        lang: Option<String>,
        text: String,
    },
    /// Boxed: tables are rare, and every other block would carry their size.
    Table(Box<Table>),
    /// Raw HTML written as a block; kept as text, never as markup.
    RawHtml(String),
    Rule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub align: Vec<Align>,
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

#[derive(Clone, Debug)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    /// A Markdown link; index into `Body::links`.
    Link {
        link: usize,
        children: Vec<Inline>,
    },
    /// An id written in running text; index into `Body::links`.
    IdRef {
        link: usize,
        text: String,
    },
    Image {
        link: usize,
        alt: String,
        title: Option<String>,
    },
    FootnoteRef(String),
    SoftBreak,
    HardBreak,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// `doc:ID`, `doc:ID#anchor`, or an id in prose.
    Doc { id: DocId, anchor: Option<String> },
    /// `#anchor` in the same document.
    Local(String),
    /// A path relative to the document's file (an image or attachment).
    File(String),
    /// `http:`, `https:` or `mailto:`, as the allow-list let it through.
    External(SafeUrl),
    /// A scheme that could run code (`javascript:` and the like): never linked.
    Unsafe(RefusedUrl),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Link,
    Image,
    /// An id found in running text.
    Prose,
}

#[derive(Clone, Debug)]
pub struct Link {
    pub target: Target,
    pub kind: LinkKind,
    pub pos: Pos,
    /// How many characters it takes in the source (a whole `[text](dest)`,
    /// or the id), for marking it.
    pub width: u32,
    /// For `Title (ID)` in prose: the text before the opening parenthesis.
    pub title_before: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Footnote {
    pub label: String,
    pub blocks: Vec<Block>,
}

impl Body {
    /// The anchor on the page of the section a link names as `#written`:
    /// its own anchor, or the one it was given instead.
    pub fn anchor<'a>(&'a self, written: &'a str) -> Option<&'a str> {
        let own = self.sections.iter().find(|s| s.anchor == written);
        let moved = || self.sections.iter().find(|s| s.written.as_deref() == Some(written));
        own.or_else(moved).map(|s| s.anchor.as_str())
    }
}

impl Body {
    /// The text of each Markdown link, by its index in `links` (`None` for
    /// images and ids in prose), as a reader would say it.
    pub fn link_texts(&self) -> Vec<Option<String>> {
        let mut texts = vec![None; self.links.len()];
        self.for_each_prose(&mut |inlines| inline_link_texts(inlines, &mut texts));
        texts
    }

    /// Calls `f` with the inlines of every paragraph, list item, quotation
    /// and table cell, footnotes included (not headings or code).
    pub fn for_each_prose(&self, f: &mut dyn FnMut(&[Inline])) {
        let blocks = self.blocks.iter().chain(self.footnotes.iter().flat_map(|n| &n.blocks));
        blocks.for_each(|b| block_prose(b, f));
    }
}

fn block_prose(block: &Block, f: &mut dyn FnMut(&[Inline])) {
    match block {
        Block::Paragraph(inlines) | Block::Plain(inlines) => f(inlines),
        Block::List { items, .. } => items.iter().flatten().for_each(|b| block_prose(b, f)),
        Block::Quote(blocks) => blocks.iter().for_each(|b| block_prose(b, f)),
        Block::Table(t) => t.head.iter().chain(t.rows.iter().flatten()).for_each(|c| f(c)),
        Block::Heading(_) | Block::Code { .. } | Block::RawHtml(_) | Block::Rule => {}
    }
}

fn inline_link_texts(inlines: &[Inline], texts: &mut [Option<String>]) {
    for i in inlines {
        match i {
            Inline::Link { link, children } => {
                if let Some(slot) = texts.get_mut(*link) {
                    *slot = Some(plain_text(children));
                }
                inline_link_texts(children, texts);
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => inline_link_texts(c, texts),
            _ => {}
        }
    }
}

/// The plain text of some inlines, as a reader would say it.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

pub fn push_plain(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) | Inline::IdRef { text: t, .. } => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) | Inline::Link { children: c, .. } => {
                push_plain(c, out)
            }
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::FootnoteRef(_) => {}
        }
    }
}
