//! Within a matched section: the blocks of the two versions aligned (the
//! same block by its text), changed blocks paired with their old text by
//! similarity, and the result as `BlockDiff`s.

use super::comparison::{BlockChange, BlockDiff, BlockKind, SectionDiff, SectionStatus};
use super::entry::Entry;
use super::pairing::CHANGED_SIMILARITY;
use super::tables;
use super::units::{Part, Unit};
use super::words::{self, Op};
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};
use std::time::{Duration, Instant};

/// Tables with this much in common are one table changed.
const TABLE_SIMILARITY: f32 = 0.3;
const DEADLINE: Duration = Duration::from_millis(200);

/// A block's fate once the blocks of a section pair are aligned.
pub enum Step {
    Same(usize, usize),
    Del(usize),
    Ins(usize),
    /// Blocks deleted and blocks inserted at one place: pairs among them
    /// are changed blocks.
    Replace(Vec<usize>, Vec<usize>),
}

pub fn steps(e: &Entry, old: &[Part], new: &[Part]) -> Vec<Step> {
    match (e.old, e.new) {
        (Some(o), Some(n)) => align(&old[o].units, &new[n].units),
        (Some(o), None) => (0..old[o].units.len()).map(Step::Del).collect(),
        (None, Some(n)) => (0..new[n].units.len()).map(Step::Ins).collect(),
        (None, None) => Vec::new(),
    }
}

/// Patience diff on the blocks' texts: unique blocks anchor the alignment,
/// so an inserted paragraph never shifts the rest out of line.
fn align(a: &[Unit], b: &[Unit]) -> Vec<Step> {
    let ka: Vec<u64> = a.iter().map(|u| u.key).collect();
    let kb: Vec<u64> = b.iter().map(|u| u.key).collect();
    if ka == kb {
        return (0..a.len()).map(|i| Step::Same(i, i)).collect();
    }
    let mut out = Vec::new();
    for op in capture_diff_slices_deadline(Algorithm::Patience, &ka, &kb, Some(Instant::now() + DEADLINE)) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                out.extend((0..len).map(|k| Step::Same(old_index + k, new_index + k)))
            }
            DiffOp::Delete { old_index, old_len, .. } => out.extend((old_index..old_index + old_len).map(Step::Del)),
            DiffOp::Insert { new_index, new_len, .. } => out.extend((new_index..new_index + new_len).map(Step::Ins)),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => out.push(Step::Replace(
                (old_index..old_index + old_len).collect(),
                (new_index..new_index + new_len).collect(),
            )),
        }
    }
    out
}

/// How alike two blocks are, for pairing a changed block with its old text.
pub fn block_similarity(a: &Unit, b: &Unit) -> f32 {
    if a.kind != b.kind {
        return 0.0;
    }
    let s = words::similarity(&a.text, &b.text);
    match a.kind {
        // Two tables in one place with some text in common are one table.
        BlockKind::Table if s >= TABLE_SIMILARITY => s.max(CHANGED_SIMILARITY),
        _ => s,
    }
}

/// A block's place once moves are known. Indices are into the units of
/// the entry's old and new parts.
pub enum Item {
    Same(usize, usize),
    Changed(usize, usize),
    Del(usize),
    Ins(usize),
    /// Deleted here, inserted in the section labelled `to`.
    MovedAway {
        old: usize,
        to: String,
    },
    /// Inserted here, deleted from unit `unit` of old part `part`, in the
    /// section labelled `from`.
    MovedHere {
        new: usize,
        part: usize,
        unit: usize,
        from: String,
    },
}

/// The section's row of the comparison.
pub fn section(e: &Entry, items: Vec<Item>, old: &[Part], new: &[Part]) -> SectionDiff {
    let o = e.old.map(|o| &old[o]);
    let n = e.new.map(|n| &new[n]);
    let ou = |i: usize| &o.expect("an old block has an old section").units[i];
    let nu = |i: usize| &n.expect("a new block has a new section").units[i];
    let blocks: Vec<BlockDiff> = items
        .into_iter()
        .map(|item| match item {
            Item::Same(a, b) if ou(a).rich == nu(b).rich => whole(nu(b), BlockChange::Same, None),
            Item::Same(a, b) => BlockDiff { format_only: true, ..changed(ou(a), nu(b)) },
            Item::Changed(a, b) => changed(ou(a), nu(b)),
            Item::Del(a) => whole(ou(a), BlockChange::Deleted, None),
            Item::Ins(b) => whole(nu(b), BlockChange::Inserted, None),
            Item::MovedAway { old, to } => whole(ou(old), BlockChange::MovedAway, Some(to)),
            Item::MovedHere { new: b, part, unit, from } => BlockDiff {
                change: BlockChange::MovedHere,
                moved: Some(from),
                ..changed(&old[part].units[unit], nu(b))
            },
        })
        .collect();
    let status = match (o, n) {
        (None, _) => SectionStatus::Added,
        (_, None) => SectionStatus::Removed,
        _ if blocks.iter().any(|b| b.change != BlockChange::Same) => SectionStatus::Changed,
        _ => SectionStatus::Unchanged,
    };
    let heading = |p: Option<&Part>| p.and_then(|p| p.heading.clone());
    SectionDiff {
        status,
        moved: e.moved,
        renamed: e.renamed,
        old: heading(o),
        new: heading(n),
        blocks: if status == SectionStatus::Unchanged { Vec::new() } else { blocks },
    }
}

/// A block shown whole: as it is, inserted, deleted or moved away.
fn whole(u: &Unit, change: BlockChange, moved: Option<String>) -> BlockDiff {
    let op = match change {
        BlockChange::Inserted => Op::Ins,
        BlockChange::Deleted | BlockChange::MovedAway => Op::Del,
        _ => Op::Same,
    };
    BlockDiff {
        kind: u.kind,
        depth: u.depth,
        change,
        words: if u.table.is_some() { Vec::new() } else { words::all(op, &u.text) },
        moved,
        format_only: false,
        table: u.table.map(|t| tables::whole(t, op)),
    }
}

/// A block whose words changed: word by word, or a table row by row.
fn changed(a: &Unit, b: &Unit) -> BlockDiff {
    let table = match (a.table, b.table) {
        (Some(ta), Some(tb)) => Some(tables::diff(ta, tb)),
        _ => None,
    };
    BlockDiff {
        kind: b.kind,
        depth: b.depth,
        change: BlockChange::Changed,
        words: if table.is_some() { Vec::new() } else { words::diff(&a.text, &b.text) },
        moved: None,
        format_only: false,
        table,
    }
}
