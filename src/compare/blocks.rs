//! Within a matched section: the blocks of the two versions aligned (the
//! same block by its text), changed blocks paired with their old text by
//! similarity, and the result as `BlockDiff`s.

use super::sections::Entry;
use super::units::{Part, Unit};
use super::words::{self, Op};
use super::{tables, BlockChange, BlockDiff, BlockKind, Heading, SectionDiff, SectionStatus};
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};
use std::time::{Duration, Instant};

/// A changed block keeps at least this share of its words; below it, the
/// old block was deleted and another inserted.
pub const CHANGED_SIMILARITY: f32 = 0.5;
/// Tables with this much in common are one table changed.
const TABLE_SIMILARITY: f32 = 0.3;
/// Larger groups of replaced blocks are paired position by position.
const MAX_PAIRING_CELLS: usize = 10_000;
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

/// One of a group of deleted and inserted blocks, paired or not.
#[derive(Debug, PartialEq, Eq)]
pub enum Pair {
    Del(usize),
    Ins(usize),
    Both(usize, usize),
}

/// Pairs the items of two lists, keeping their order, so that the sum of
/// the pairs' similarity (each at least `threshold`) is greatest.
pub fn pair_in_order(dels: &[usize], inss: &[usize], sim: impl Fn(usize, usize) -> f32, threshold: f32) -> Vec<Pair> {
    let (n, m) = (dels.len(), inss.len());
    let mut matched: Vec<(usize, usize)> = Vec::new();
    if n * m <= MAX_PAIRING_CELLS {
        // score[i][j]: best total over dels[i..] and inss[j..].
        let mut score = vec![vec![0f32; m + 1]; n + 1];
        let mut s = vec![vec![0f32; m]; n];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                s[i][j] = sim(dels[i], inss[j]);
                let take = if s[i][j] >= threshold { s[i][j] + score[i + 1][j + 1] } else { f32::MIN };
                score[i][j] = take.max(score[i + 1][j]).max(score[i][j + 1]);
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if s[i][j] >= threshold && score[i][j] == s[i][j] + score[i + 1][j + 1] {
                matched.push((i, j));
                i += 1;
                j += 1;
            } else if score[i][j] == score[i + 1][j] {
                i += 1;
            } else {
                j += 1;
            }
        }
    } else {
        matched = (0..n.min(m)).filter(|&k| sim(dels[k], inss[k]) >= threshold).map(|k| (k, k)).collect();
    }
    let mut out = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matched {
        out.extend(dels[i..mi].iter().map(|&d| Pair::Del(d)));
        out.extend(inss[j..mj].iter().map(|&x| Pair::Ins(x)));
        out.push(Pair::Both(dels[mi], inss[mj]));
        (i, j) = (mi + 1, mj + 1);
    }
    out.extend(dels[i..].iter().map(|&d| Pair::Del(d)));
    out.extend(inss[j..].iter().map(|&x| Pair::Ins(x)));
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

/// Words inserted and deleted in a block (a move's own words not counted).
pub fn word_counts(b: &BlockDiff) -> (usize, usize) {
    let mut counts = (0, 0);
    let mut add = |segs: &[words::Seg]| {
        for s in segs {
            match s.op {
                Op::Ins => counts.0 += words::count(&s.text),
                Op::Del => counts.1 += words::count(&s.text),
                Op::Same => {}
            }
        }
    };
    if b.change == BlockChange::MovedAway {
        return (0, 0);
    }
    add(&b.words);
    if let Some(t) = &b.table {
        t.head.iter().for_each(|c| add(c));
        t.rows.iter().flat_map(|r| &r.cells).for_each(|c| add(c));
    }
    counts
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
        (BlockChange::Changed, Some(t)) => tables::describe(t),
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
