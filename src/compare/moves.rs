//! Moved blocks, across the whole document: a block deleted in one place
//! and inserted in another is shown as moved, not as a deletion and an
//! insertion far apart. First blocks whose text is the same, then (after
//! changed blocks are paired in place) blocks that are nearly the same.

use super::blocks::{self, Item, Step};
use super::comparison::BlockKind;
use super::describe::label_of;
use super::entry::Entry;
use super::pairing::{pair_in_order, Pair, CHANGED_SIMILARITY};
use super::units::{Part, Unit};
use super::words;
use rustc_hash::FxHashMap;

/// A block edited as it moved must keep this share of its words.
const MOVED_SIMILARITY: f32 = 0.8;
/// ...and have at least this many words (short ones are too often alike).
const MOVED_MIN_WORDS: usize = 8;
/// Above this many candidate pairs, edited moves are not looked for.
const MAX_MOVE_PAIRS: usize = 40_000;

/// (entry, unit index in its old or new part)
type Spot = (usize, usize);

/// The items of each entry, moves found.
pub fn resolve(entries: &[Entry], steps: &[Vec<Step>], old: &[Part], new: &[Part]) -> Vec<Vec<Item>> {
    let labels: Vec<String> = entries
        .iter()
        .map(|e| match (e.new, e.old) {
            (Some(n), _) => label_of(new[n].heading.as_ref()),
            (None, Some(o)) => label_of(old[o].heading.as_ref()),
            (None, None) => label_of(None),
        })
        .collect();
    let old_unit = |(e, u): Spot| &old[entries[e].old.expect("deleted blocks have an old part")].units[u];
    let new_unit = |(e, u): Spot| &new[entries[e].new.expect("inserted blocks have a new part")].units[u];

    // Same text, deleted here and inserted there.
    let mut dels: FxHashMap<u64, Vec<Spot>> = FxHashMap::default();
    for (e, st) in steps.iter().enumerate() {
        for d in st.iter().flat_map(deleted) {
            let u = old_unit((e, d));
            if movable(u.kind, &u.text) {
                dels.entry(u.key).or_default().push((e, d));
            }
        }
    }
    let mut away: FxHashMap<Spot, Spot> = FxHashMap::default();
    let mut here: FxHashMap<Spot, Spot> = FxHashMap::default();
    for (e, st) in steps.iter().enumerate() {
        for i in st.iter().flat_map(inserted) {
            if let Some(list) = dels.get_mut(&new_unit((e, i)).key) {
                if !list.is_empty() {
                    let from = list.remove(0);
                    away.insert(from, (e, i));
                    here.insert((e, i), from);
                }
            }
        }
    }

    // Each entry's items, changed blocks paired in place.
    let mut items: Vec<Vec<Item>> = Vec::with_capacity(entries.len());
    for (e, st) in steps.iter().enumerate() {
        let mut out = Vec::with_capacity(st.len());
        for step in st {
            match step {
                Step::Same(a, b) => out.push(Item::Same(*a, *b)),
                Step::Del(a) => out.push(Item::Del(*a)),
                Step::Ins(b) => out.push(Item::Ins(*b)),
                Step::Replace(ds, is) => {
                    let free_d: Vec<usize> = ds.iter().copied().filter(|&d| !away.contains_key(&(e, d))).collect();
                    let free_i: Vec<usize> = is.iter().copied().filter(|&i| !here.contains_key(&(e, i))).collect();
                    let sim = |d: usize, i: usize| blocks::block_similarity(old_unit((e, d)), new_unit((e, i)));
                    let paired = pair_in_order(&free_d, &free_i, sim, CHANGED_SIMILARITY);
                    out.extend(ds.iter().filter(|&&d| away.contains_key(&(e, d))).map(|&d| Item::Del(d)));
                    out.extend(paired.into_iter().map(|p| match p {
                        Pair::Del(d) => Item::Del(d),
                        Pair::Ins(i) => Item::Ins(i),
                        Pair::Both(d, i) => Item::Changed(d, i),
                    }));
                    out.extend(is.iter().filter(|&&i| here.contains_key(&(e, i))).map(|&i| Item::Ins(i)));
                }
            }
        }
        items.push(out);
    }

    // Nearly the same text, still deleted here and inserted there.
    let left_d: Vec<Spot> = spots(&items, |it| if let Item::Del(d) = it { Some(*d) } else { None })
        .filter(|s| !away.contains_key(s) && near_movable(old_unit(*s)))
        .collect();
    let left_i: Vec<Spot> = spots(&items, |it| if let Item::Ins(i) = it { Some(*i) } else { None })
        .filter(|s| !here.contains_key(s) && near_movable(new_unit(*s)))
        .collect();
    if left_d.len() * left_i.len() <= MAX_MOVE_PAIRS {
        let bags_d: Vec<words::Bag> = left_d.iter().map(|&d| words::Bag::of(&old_unit(d).text)).collect();
        let bags_i: Vec<words::Bag> = left_i.iter().map(|&i| words::Bag::of(&new_unit(i).text)).collect();
        let mut pairs: Vec<(f32, Spot, Spot)> = Vec::new();
        for (&d, bag_d) in left_d.iter().zip(&bags_d) {
            for (&i, bag_i) in left_i.iter().zip(&bags_i) {
                if old_unit(d).kind == new_unit(i).kind {
                    let s = bag_d.dice(bag_i);
                    if s >= MOVED_SIMILARITY {
                        pairs.push((s, d, i));
                    }
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, d, i) in pairs {
            if !away.contains_key(&d) && !here.contains_key(&i) {
                away.insert(d, i);
                here.insert(i, d);
            }
        }
    }

    // Moves named, with the section at the other end.
    for (e, list) in items.iter_mut().enumerate() {
        for item in list.iter_mut() {
            match *item {
                Item::Del(d) => {
                    if let Some(&(to, _)) = away.get(&(e, d)) {
                        *item = Item::MovedAway { old: d, to: labels[to].clone() };
                    }
                }
                Item::Ins(i) => {
                    if let Some(&(from, unit)) = here.get(&(e, i)) {
                        let part = entries[from].old.expect("a moved block came from an old part");
                        *item = Item::MovedHere { new: i, part, unit, from: labels[from].clone() };
                    }
                }
                _ => {}
            }
        }
    }
    items
}

fn deleted(s: &Step) -> Vec<usize> {
    match s {
        Step::Del(d) => vec![*d],
        Step::Replace(ds, _) => ds.clone(),
        _ => Vec::new(),
    }
}

fn inserted(s: &Step) -> Vec<usize> {
    match s {
        Step::Ins(i) => vec![*i],
        Step::Replace(_, is) => is.clone(),
        _ => Vec::new(),
    }
}

/// Blocks whose identical text elsewhere means a move: anything with text.
fn movable(kind: BlockKind, text: &str) -> bool {
    kind != BlockKind::Rule && !text.trim().is_empty()
}

fn near_movable(u: &Unit) -> bool {
    u.kind != BlockKind::Table && words::count(&u.text) >= MOVED_MIN_WORDS
}

fn spots<'i>(items: &'i [Vec<Item>], pick: impl Fn(&Item) -> Option<usize> + 'i) -> impl Iterator<Item = Spot> + 'i {
    items
        .iter()
        .enumerate()
        .flat_map(move |(e, list)| list.iter().filter_map(&pick).map(move |u| (e, u)).collect::<Vec<_>>())
}
