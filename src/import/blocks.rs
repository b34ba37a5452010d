//! The one representation every reader produces: a flat list of blocks
//! (headings, paragraphs, list items, tables, images), each with the place in
//! the source it came from. The recognisers and the Markdown writer read only
//! this, so a `.docx`, a PDF and extracted text are handled alike.

pub use super::loc::Loc;

/// A run of text as the recognisers see it (`plain`) and as the body gets it
/// (`md`: Markdown, already escaped, with the reader's emphasis and links).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub plain: String,
    pub md: String,
}

impl Text {
    /// Text with no formatting: the Markdown is the escaped plain text.
    pub fn plain(s: &str) -> Text {
        Text { plain: s.to_string(), md: super::escape::escape(s) }
    }

    pub fn is_empty(&self) -> bool {
        self.plain.trim().is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Text>,
    pub loc: Loc,
}

impl Row {
    /// The cells' plain text, trimmed.
    pub fn plain(&self) -> Vec<&str> {
        self.cells.iter().map(|c| c.plain.trim()).collect()
    }

    /// The non-empty cells' plain text.
    pub fn filled(&self) -> Vec<&str> {
        self.plain().into_iter().filter(|c| !c.is_empty()).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `level` 1 is a top section (`##` in the body). `number` is the
    /// hand-written number taken off the text ("4.2"), if there was one.
    Heading {
        level: u8,
        number: Option<String>,
        text: Text,
    },
    Paragraph {
        text: Text,
    },
    ListItem {
        level: u8,
        ordered: bool,
        text: Text,
    },
    Table {
        rows: Vec<Row>,
    },
    /// An image copied into the content folder's `assets/` (path relative to it).
    Image {
        asset: String,
        alt: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    pub loc: Loc,
}

impl Block {
    pub fn new(kind: Kind, loc: Loc) -> Block {
        Block { kind, loc }
    }

    /// The block's text for recognisers: a table's cells joined by tabs, rows by newlines.
    pub fn plain(&self) -> String {
        match &self.kind {
            Kind::Heading { text, .. } | Kind::Paragraph { text } | Kind::ListItem { text, .. } => text.plain.clone(),
            Kind::Table { rows } => rows.iter().map(|r| r.plain().join("\t")).collect::<Vec<_>>().join("\n"),
            Kind::Image { alt, .. } => alt.clone(),
        }
    }

    /// The rows a recogniser of label/value pairs looks at: a table's rows,
    /// or a paragraph as a row of one cell.
    pub fn rows(&self) -> Vec<Row> {
        match &self.kind {
            Kind::Table { rows } => rows.clone(),
            Kind::Paragraph { text } | Kind::ListItem { text, .. } | Kind::Heading { text, .. } => {
                vec![Row { cells: vec![text.clone()], loc: self.loc }]
            }
            Kind::Image { .. } => Vec::new(),
        }
    }

    pub fn heading(&self) -> Option<(u8, &str)> {
        match &self.kind {
            Kind::Heading { level, text, .. } => Some((*level, text.plain.as_str())),
            _ => None,
        }
    }
}

/// A document as a reader gives it.
#[derive(Clone, Debug, Default)]
pub struct Source {
    pub blocks: Vec<Block>,
    /// What the reader itself could not handle (an unreadable image, a
    /// dropped field), with where.
    pub warnings: Vec<super::warn::Warning>,
    /// The text of the paragraph the source marks as its title (Word's
    /// Title style), if any.
    pub title: Option<String>,
    /// The text of a running header or footer beside the page number, which
    /// is often the title.
    pub running_title: Option<String>,
    /// The running headers and footers left out, one row each, for the
    /// labelled values some carry ("Ref: SOP-PH-031   Page 1 of 2").
    pub running: Vec<Row>,
}
