//! Where a block came from. Its own file because the blocks and the
//! warnings both name places, and the blocks carry their warnings.

use std::fmt;

/// Where a block came from, for warnings: a line of a text file, or a
/// paragraph or table of a Word document (counted from 1 in body order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Loc {
    Line {
        line: u32,
    },
    Paragraph {
        paragraph: u32,
    },
    Table {
        table: u32,
        row: u32,
    },
    /// A paragraph of a Word document's header or footer part.
    Running {
        part: u32,
        paragraph: u32,
    },
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::Line { line } => write!(f, "line {line}"),
            Loc::Paragraph { paragraph } => write!(f, "paragraph {paragraph}"),
            Loc::Table { table, row } => write!(f, "table {table}, row {row}"),
            Loc::Running { part, paragraph } => write!(f, "header or footer {part}, paragraph {paragraph}"),
        }
    }
}

impl Loc {
    /// The line number for a text source, which the report can show.
    pub fn line(&self) -> Option<u32> {
        match self {
            Loc::Line { line } => Some(*line),
            _ => None,
        }
    }
}
