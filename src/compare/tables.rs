//! Tables compared row by row and cell by cell: rows aligned by their
//! text, a changed row paired with its old text, each cell compared word
//! by word.

use super::comparison::{BlockChange, RowDiff, TableDiff};
use super::pairing::{pair_in_order, Pair, CHANGED_SIMILARITY};
use super::units::{cell_text, row_text};
use super::words::{self, Op, Seg};
use crate::model::body::{Inline, Table};
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// A table shown whole, every cell with one mark.
pub fn whole(t: &Table, op: Op) -> TableDiff {
    let change = match op {
        Op::Ins => BlockChange::Inserted,
        Op::Del => BlockChange::Deleted,
        Op::Same => BlockChange::Same,
    };
    TableDiff {
        head: t.head.iter().map(|c| words::all(op, &cell_text(c))).collect(),
        rows: t.rows.iter().map(|r| row(r, change, op)).collect(),
    }
}

fn row(cells: &[Vec<Inline>], change: BlockChange, op: Op) -> RowDiff {
    RowDiff { change, cells: cells.iter().map(|c| words::all(op, &cell_text(c))).collect() }
}

pub fn diff(old: &Table, new: &Table) -> TableDiff {
    let keys = |t: &Table| t.rows.iter().map(|r| row_text(r)).collect::<Vec<_>>();
    let (ka, kb) = (keys(old), keys(new));
    let mut rows = Vec::with_capacity(new.rows.len());
    let changed =
        |a: usize, b: usize| RowDiff { change: BlockChange::Changed, cells: cells(&old.rows[a], &new.rows[b]) };
    for op in capture_diff_slices(Algorithm::Patience, &ka, &kb) {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                rows.extend((new_index..new_index + len).map(|b| row(&new.rows[b], BlockChange::Same, Op::Same)))
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                rows.extend((old_index..old_index + old_len).map(|a| row(&old.rows[a], BlockChange::Deleted, Op::Del)))
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                rows.extend((new_index..new_index + new_len).map(|b| row(&new.rows[b], BlockChange::Inserted, Op::Ins)))
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let ds: Vec<usize> = (old_index..old_index + old_len).collect();
                let is: Vec<usize> = (new_index..new_index + new_len).collect();
                let sim = |a: usize, b: usize| words::similarity(&ka[a], &kb[b]);
                for p in pair_in_order(&ds, &is, sim, CHANGED_SIMILARITY) {
                    rows.push(match p {
                        Pair::Del(a) => row(&old.rows[a], BlockChange::Deleted, Op::Del),
                        Pair::Ins(b) => row(&new.rows[b], BlockChange::Inserted, Op::Ins),
                        Pair::Both(a, b) => changed(a, b),
                    });
                }
            }
        }
    }
    TableDiff { head: cells(&old.head, &new.head), rows }
}

/// Cell by cell, by position; a cell one side lacks is empty there.
fn cells(old: &[Vec<Inline>], new: &[Vec<Inline>]) -> Vec<Vec<Seg>> {
    let n = old.len().max(new.len());
    let text = |row: &[Vec<Inline>], i: usize| row.get(i).map(|c| cell_text(c)).unwrap_or_default();
    (0..n).map(|i| words::diff(&text(old, i), &text(new, i))).collect()
}
