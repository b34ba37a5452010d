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
    let mut moves = Moves { entries, old, new, away: FxHashMap::default(), here: FxHashMap::default() };
    moves.same_text(steps);
    let mut items: Vec<Vec<Item>> = steps.iter().enumerate().map(|(e, st)| moves.paired_in_place(e, st)).collect();
    moves.nearly_same_text(&items);
    moves.name(&mut items);
    items
}

/// The moves found so far, both ways: where each block deleted here went
/// (`away`), and where each block inserted here came from (`here`).
struct Moves<'a> {
    entries: &'a [Entry],
    old: &'a [Part<'a>],
    new: &'a [Part<'a>],
    away: FxHashMap<Spot, Spot>,
    here: FxHashMap<Spot, Spot>,
}

impl<'a> Moves<'a> {
    fn old_unit(&self, (e, u): Spot) -> &'a Unit<'a> {
        &self.old[self.entries[e].old.expect("deleted blocks have an old part")].units[u]
    }

    fn new_unit(&self, (e, u): Spot) -> &'a Unit<'a> {
        &self.new[self.entries[e].new.expect("inserted blocks have a new part")].units[u]
    }

    fn note(&mut self, from: Spot, to: Spot) {
        self.away.insert(from, to);
        self.here.insert(to, from);
    }

    /// Same text, deleted here and inserted there: each insertion takes the
    /// first deletion of its text still free.
    fn same_text(&mut self, steps: &[Vec<Step>]) {
        let mut dels: FxHashMap<u64, Vec<Spot>> = FxHashMap::default();
        for (e, st) in steps.iter().enumerate() {
            for d in st.iter().flat_map(deleted) {
                let u = self.old_unit((e, d));
                if movable(u.kind, &u.text) {
                    dels.entry(u.key).or_default().push((e, d));
                }
            }
        }
        for (e, st) in steps.iter().enumerate() {
            for i in st.iter().flat_map(inserted) {
                if let Some(list) = dels.get_mut(&self.new_unit((e, i)).key) {
                    if !list.is_empty() {
                        let from = list.remove(0);
                        self.note(from, (e, i));
                    }
                }
            }
        }
    }

    /// Entry `e`'s items, the changed blocks among those that did not move
    /// paired in place.
    fn paired_in_place(&self, e: usize, steps: &[Step]) -> Vec<Item> {
        let mut out = Vec::with_capacity(steps.len());
        for step in steps {
            match step {
                Step::Same(a, b) => out.push(Item::Same(*a, *b)),
                Step::Del(a) => out.push(Item::Del(*a)),
                Step::Ins(b) => out.push(Item::Ins(*b)),
                Step::Replace(ds, is) => {
                    let (gone, came) =
                        (|d: &usize| self.away.contains_key(&(e, *d)), |i: &usize| self.here.contains_key(&(e, *i)));
                    let free_d: Vec<usize> = ds.iter().copied().filter(|d| !gone(d)).collect();
                    let free_i: Vec<usize> = is.iter().copied().filter(|i| !came(i)).collect();
                    let sim =
                        |d: usize, i: usize| blocks::block_similarity(self.old_unit((e, d)), self.new_unit((e, i)));
                    let paired = pair_in_order(&free_d, &free_i, sim, CHANGED_SIMILARITY);
                    out.extend(ds.iter().filter(|d| gone(d)).map(|&d| Item::Del(d)));
                    out.extend(paired.into_iter().map(|p| match p {
                        Pair::Del(d) => Item::Del(d),
                        Pair::Ins(i) => Item::Ins(i),
                        Pair::Both(d, i) => Item::Changed(d, i),
                    }));
                    out.extend(is.iter().filter(|i| came(i)).map(|&i| Item::Ins(i)));
                }
            }
        }
        out
    }

    /// Nearly the same text, still deleted here and inserted there: the
    /// most alike pairs first.
    fn nearly_same_text(&mut self, items: &[Vec<Item>]) {
        let left_d: Vec<Spot> = spots(items, |it| if let Item::Del(d) = it { Some(*d) } else { None })
            .filter(|s| !self.away.contains_key(s) && near_movable(self.old_unit(*s)))
            .collect();
        let left_i: Vec<Spot> = spots(items, |it| if let Item::Ins(i) = it { Some(*i) } else { None })
            .filter(|s| !self.here.contains_key(s) && near_movable(self.new_unit(*s)))
            .collect();
        if left_d.len() * left_i.len() > MAX_MOVE_PAIRS {
            return;
        }
        let mut pairs = self.alike(&left_d, &left_i);
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, d, i) in pairs {
            if !self.away.contains_key(&d) && !self.here.contains_key(&i) {
                self.note(d, i);
            }
        }
    }

    /// Every pair of a deleted and an inserted block of one kind alike
    /// enough to be a move, with how alike.
    fn alike(&self, left_d: &[Spot], left_i: &[Spot]) -> Vec<(f32, Spot, Spot)> {
        let bags_d: Vec<words::Bag> = left_d.iter().map(|&d| words::Bag::of(&self.old_unit(d).text)).collect();
        let bags_i: Vec<words::Bag> = left_i.iter().map(|&i| words::Bag::of(&self.new_unit(i).text)).collect();
        let mut pairs: Vec<(f32, Spot, Spot)> = Vec::new();
        for (&d, bag_d) in left_d.iter().zip(&bags_d) {
            for (&i, bag_i) in left_i.iter().zip(&bags_i) {
                if self.old_unit(d).kind == self.new_unit(i).kind {
                    let s = bag_d.dice(bag_i);
                    if s >= MOVED_SIMILARITY {
                        pairs.push((s, d, i));
                    }
                }
            }
        }
        pairs
    }

    /// Moves named, with the section at the other end.
    fn name(&self, items: &mut [Vec<Item>]) {
        let labels: Vec<String> = self
            .entries
            .iter()
            .map(|e| match (e.new, e.old) {
                (Some(n), _) => label_of(self.new[n].heading.as_ref()),
                (None, Some(o)) => label_of(self.old[o].heading.as_ref()),
                (None, None) => label_of(None),
            })
            .collect();
        for (e, list) in items.iter_mut().enumerate() {
            for item in list.iter_mut() {
                match *item {
                    Item::Del(d) => {
                        if let Some(&(to, _)) = self.away.get(&(e, d)) {
                            *item = Item::MovedAway { old: d, to: labels[to].clone() };
                        }
                    }
                    Item::Ins(i) => {
                        if let Some(&(from, unit)) = self.here.get(&(e, i)) {
                            let part = self.entries[from].old.expect("a moved block came from an old part");
                            *item = Item::MovedHere { new: i, part, unit, from: labels[from].clone() };
                        }
                    }
                    _ => {}
                }
            }
        }
    }
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
