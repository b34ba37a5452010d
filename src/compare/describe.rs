//! A comparison in words: one line per change, for the comparison page's
//! list of changes, its summary, and the tests.

use super::comparison::{BlockChange, BlockDiff, Comparison, Heading, SectionStatus, TableDiff};
use super::stats::word_counts;
use super::words::{self, Op, Seg};

impl Comparison {
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
                out.extend(s.blocks.iter().flat_map(describe).map(|d| format!("{label}: {d}")));
            }
        }
        out
    }
}

/// What changed in a block, in words, for summaries: one line per change
/// (a table, one per row). A move is told where the block now stands.
pub fn describe(b: &BlockDiff) -> Vec<String> {
    let noun = b.kind.noun();
    let quote = || {
        let text: String = b.words.iter().map(|s| s.text.as_str()).collect();
        let short: String = text.chars().take(60).collect();
        if short.len() < text.len() {
            format!("“{}…”", short.trim_end())
        } else {
            format!("“{short}”")
        }
    };
    match (b.change, &b.table) {
        (BlockChange::Same | BlockChange::MovedAway, _) => Vec::new(),
        (BlockChange::Changed, Some(t)) => table(t),
        (BlockChange::Inserted, _) => {
            vec![format!("{noun} inserted: {}", if b.table.is_some() { String::new() } else { quote() })
                .trim_end_matches(": ")
                .to_string()]
        }
        (BlockChange::Deleted, _) => {
            vec![format!("{noun} deleted: {}", if b.table.is_some() { String::new() } else { quote() })
                .trim_end_matches(": ")
                .to_string()]
        }
        (BlockChange::Changed, None) if b.format_only => vec![format!("formatting or a link changed in a {noun}")],
        (BlockChange::Changed, None) => {
            let (ins, del) = word_counts(b);
            vec![format!("{noun} changed: {}", word_phrase(ins, del))]
        }
        (BlockChange::MovedHere, _) => {
            let from = b.moved.as_deref().unwrap_or("elsewhere");
            let (ins, del) = word_counts(b);
            let edited = if ins + del > 0 { format!(" ({})", word_phrase(ins, del)) } else { String::new() };
            vec![format!("{noun} moved here from {from}{edited}")]
        }
    }
}

pub fn word_phrase(ins: usize, del: usize) -> String {
    let words = |n: usize| if n == 1 { "1 word".to_string() } else { format!("{n} words") };
    match (ins, del) {
        (0, 0) => "punctuation or spacing".to_string(),
        (i, 0) => format!("{} inserted", words(i)),
        (0, d) => format!("{} deleted", words(d)),
        (i, d) if i == d => format!("{} replaced", words(i)),
        (i, d) => format!("{} deleted, {} inserted", words(d), words(i)),
    }
}

/// The label a reader knows a section by.
pub fn label_of(h: Option<&Heading>) -> String {
    h.map_or_else(|| "the opening text".to_string(), |h| format!("section {}", h.label()))
}

/// One line per changed row (and for the header).
fn table(t: &TableDiff) -> Vec<String> {
    let changed_cells = |cells: &[Vec<Seg>]| {
        let (mut ins, mut del) = (0, 0);
        for s in cells.iter().flatten() {
            match s.op {
                Op::Ins => ins += words::count(&s.text),
                Op::Del => del += words::count(&s.text),
                Op::Same => {}
            }
        }
        (ins, del)
    };
    let first_cell = |cells: &[Vec<Seg>]| {
        let text: String = cells.first().map(|c| c.iter().map(|s| s.text.as_str()).collect()).unwrap_or_default();
        if text.is_empty() {
            String::new()
        } else {
            format!(" “{text}”")
        }
    };
    let mut out = Vec::new();
    if t.head.iter().flatten().any(|s| s.op != Op::Same) {
        let (ins, del) = changed_cells(&t.head);
        out.push(format!("table header changed: {}", word_phrase(ins, del)));
    }
    for r in &t.rows {
        match r.change {
            BlockChange::Inserted => out.push(format!("table row inserted:{}", first_cell(&r.cells))),
            BlockChange::Deleted => out.push(format!("table row deleted:{}", first_cell(&r.cells))),
            BlockChange::Changed => {
                let (ins, del) = changed_cells(&r.cells);
                out.push(format!("table row changed: {}", word_phrase(ins, del)))
            }
            _ => {}
        }
    }
    out
}
