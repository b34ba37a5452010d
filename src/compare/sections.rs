//! Matching the sections of two versions: by explicit anchor, then by
//! heading text, then by content (a renamed section); then which matched
//! sections moved, and the order they are shown in.

use super::comparison::SectionDiff;
use super::entry::Entry;
use super::units::{Part, PartRole};
use super::{blocks, moves, words};
use rustc_hash::FxHashMap;

/// A section's content must be at least this alike to match it when its
/// heading changed.
const RENAMED_SIMILARITY: f32 = 0.6;
/// A renamed section is recognised only with this many words of its own.
const RENAMED_MIN_WORDS: usize = 5;
/// Above this many unmatched pairs, renamed sections are not looked for
/// (a rewrite, not a revision).
const MAX_CONTENT_PAIRS: usize = 10_000;
/// Above this many matched sections, order is not compared (it is quadratic).
const MAX_ORDERED_SECTIONS: usize = 2_000;

pub fn compare(old: &[Part], new: &[Part]) -> Vec<SectionDiff> {
    let of_old = match_parts(old, new);
    let mut entries = order(old, new, &of_old);
    // No opening text in either version: nothing to show for it.
    let empty = |p: Option<usize>, parts: &[Part]| {
        p.is_none_or(|p| parts[p].role == PartRole::Opening && parts[p].units.is_empty())
    };
    entries.retain(|e| !(empty(e.old, old) && empty(e.new, new)));
    let steps: Vec<Vec<blocks::Step>> = entries.iter().map(|e| blocks::steps(e, old, new)).collect();
    let items = moves::resolve(&entries, &steps, old, new);
    entries.iter().zip(items).map(|(e, items)| blocks::section(e, items, old, new)).collect()
}

fn heading_key(p: &Part) -> Option<String> {
    p.heading.as_ref().map(|h| h.text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" "))
}

/// For each old part, the new part it matches.
fn match_parts(old: &[Part], new: &[Part]) -> Vec<Option<usize>> {
    let mut m = Matching { of_old: vec![None; old.len()], taken: vec![false; new.len()] };
    // The opening text and the notes match their counterparts.
    for role in [PartRole::Opening, PartRole::Notes] {
        if let (Some(o), Some(n)) = (old.iter().position(|p| p.role == role), new.iter().position(|p| p.role == role)) {
            m.pair(o, n);
        }
    }
    // Anchors the author gave: `{#lone-working}` names the same section in
    // every version. Generated anchors are the heading text, matched next.
    let explicit = |p: &Part| p.heading.as_ref().map(|h| h.anchor.clone()).filter(|_| p.explicit_anchor);
    let by_anchor: FxHashMap<String, usize> =
        new.iter().enumerate().filter_map(|(i, p)| explicit(p).map(|a| (a, i))).collect();
    for (o, p) in old.iter().enumerate() {
        if let Some(&n) = explicit(p).and_then(|a| by_anchor.get(&a)) {
            if m.of_old[o].is_none() && !m.taken[n] {
                m.pair(o, n);
            }
        }
    }
    // Same heading text: among several sections of one name ("Training"
    // twice), the most alike pair first.
    let mut groups: FxHashMap<String, (Vec<usize>, Vec<usize>)> = FxHashMap::default();
    for (o, p) in old.iter().enumerate().filter(|(o, p)| m.of_old[*o].is_none() && p.role == PartRole::Section) {
        groups.entry(heading_key(p).unwrap_or_default()).or_default().0.push(o);
    }
    for (n, p) in new.iter().enumerate().filter(|(n, p)| !m.taken[*n] && p.role == PartRole::Section) {
        if let Some(g) = groups.get_mut(&heading_key(p).unwrap_or_default()) {
            g.1.push(n);
        }
    }
    let mut groups: Vec<_> = groups.into_values().filter(|(o, n)| !o.is_empty() && !n.is_empty()).collect();
    groups.sort();
    for (os, ns) in groups {
        let sim = |o: usize, n: usize| words::similarity(&old[o].text(), &new[n].text());
        for (o, n) in best_pairs(&os, &ns, sim, -1.0) {
            m.pair(o, n);
        }
    }
    // Renamed: a new heading over much the same text.
    let os: Vec<usize> = (0..old.len())
        .filter(|&o| m.of_old[o].is_none() && old[o].role == PartRole::Section && old[o].words() >= RENAMED_MIN_WORDS)
        .collect();
    let ns: Vec<usize> = (0..new.len())
        .filter(|&n| !m.taken[n] && new[n].role == PartRole::Section && new[n].words() >= RENAMED_MIN_WORDS)
        .collect();
    if os.len() * ns.len() <= MAX_CONTENT_PAIRS {
        let old_bags: FxHashMap<usize, words::Bag> = os.iter().map(|&o| (o, words::Bag::of(&old[o].text()))).collect();
        let new_bags: FxHashMap<usize, words::Bag> = ns.iter().map(|&n| (n, words::Bag::of(&new[n].text()))).collect();
        let sim = |o: usize, n: usize| old_bags[&o].dice(&new_bags[&n]);
        for (o, n) in best_pairs(&os, &ns, sim, RENAMED_SIMILARITY) {
            m.pair(o, n);
        }
    }
    // Renamed, with little text of its own: the section whose subsections
    // went under the new heading.
    let mut votes: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    for (c, to) in m.of_old.iter().enumerate() {
        if let (Some(po), Some(pn)) = (old[c].parent, to.and_then(|n| new[n].parent)) {
            if m.of_old[po].is_none() && !m.taken[pn] {
                *votes.entry((po, pn)).or_default() += 1;
            }
        }
    }
    let mut votes: Vec<_> = votes.into_iter().collect();
    votes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((o, n), _) in votes {
        if m.of_old[o].is_none() && !m.taken[n] {
            m.pair(o, n);
        }
    }
    m.of_old
}

struct Matching {
    /// For each old part, the new part it matches.
    of_old: Vec<Option<usize>>,
    /// Whether each new part is matched.
    taken: Vec<bool>,
}

impl Matching {
    fn pair(&mut self, o: usize, n: usize) {
        self.of_old[o] = Some(n);
        self.taken[n] = true;
    }
}

/// Greedy pairing, most alike first, above `threshold`. Past
/// `MAX_CONTENT_PAIRS` (hundreds of sections of one name), in order.
fn best_pairs(os: &[usize], ns: &[usize], sim: impl Fn(usize, usize) -> f32, threshold: f32) -> Vec<(usize, usize)> {
    if (os.len() == 1 && ns.len() == 1 && threshold < 0.0) || os.len() * ns.len() > MAX_CONTENT_PAIRS {
        return match threshold < 0.0 {
            true => os.iter().copied().zip(ns.iter().copied()).collect(),
            false => Vec::new(),
        };
    }
    let mut all: Vec<(f32, usize, usize)> = Vec::with_capacity(os.len() * ns.len());
    for &o in os {
        for &n in ns {
            let s = sim(o, n);
            if s >= threshold {
                all.push((s, o, n));
            }
        }
    }
    // Most alike first; among equals, document order.
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_o, mut used_n) = (Vec::new(), Vec::new());
    let mut out = Vec::new();
    for (_, o, n) in all {
        if !used_o.contains(&o) && !used_n.contains(&n) {
            used_o.push(o);
            used_n.push(n);
            out.push((o, n));
        }
    }
    out
}

/// The rows in the newer version's order, each removed section after the
/// row of the section that preceded it; with which matched sections moved.
fn order(old: &[Part], new: &[Part], of_old: &[Option<usize>]) -> Vec<Entry> {
    let mut of_new: Vec<Option<usize>> = vec![None; new.len()];
    for (o, n) in of_old.iter().enumerate() {
        if let Some(n) = n {
            of_new[*n] = Some(o);
        }
    }
    let moved = moved_sections(old, new, of_old, &of_new);
    let mut entries: Vec<Entry> = Vec::with_capacity(old.len().max(new.len()));
    // Removed sections that stood before any kept one come first.
    let mut removed_after: FxHashMap<Option<usize>, Vec<usize>> = FxHashMap::default();
    let mut last_kept = None;
    for (o, m) in of_old.iter().enumerate() {
        match m {
            Some(_) => last_kept = Some(o),
            None => removed_after.entry(last_kept).or_default().push(o),
        }
    }
    let mut push_removed = |after: Option<usize>, entries: &mut Vec<Entry>| {
        for o in removed_after.remove(&after).unwrap_or_default() {
            entries.push(Entry { old: Some(o), new: None, moved: false, renamed: false });
        }
    };
    push_removed(None, &mut entries);
    for (n, p) in new.iter().enumerate() {
        let o = of_new[n];
        let renamed = o.is_some_and(|o| heading_text(&old[o]) != heading_text(p));
        entries.push(Entry { old: o, new: Some(n), moved: moved[n], renamed });
        if let Some(o) = o {
            push_removed(Some(o), &mut entries);
        }
    }
    // Anything left (after sections that moved up) goes at the end.
    let mut rest: Vec<_> = removed_after.into_values().flatten().collect();
    rest.sort();
    entries.extend(rest.into_iter().map(|o| Entry { old: Some(o), new: None, moved: false, renamed: false }));
    entries
}

fn heading_text(p: &Part) -> Option<String> {
    p.heading.as_ref().map(|h| super::units::fold(&h.text))
}

/// For each new part: whether its section moved. A section moved when it
/// left the longest run of matched sections that kept their order (the
/// heaviest run, by length, so that a small section is said to move rather
/// than a large one), or when its parent section changed.
fn moved_sections(old: &[Part], new: &[Part], of_old: &[Option<usize>], of_new: &[Option<usize>]) -> Vec<bool> {
    let matched: Vec<(usize, usize)> = of_new.iter().enumerate().filter_map(|(n, o)| o.map(|o| (n, o))).collect();
    // Quadratic: a document with thousands of sections is judged by its
    // parents alone.
    let by_order = matched.len() <= MAX_ORDERED_SECTIONS;
    let matched: Vec<(usize, usize)> = if by_order { matched } else { Vec::new() };
    let weight = |n: usize| new[n].size() as u64 + 1;
    // Heaviest increasing subsequence of old indices, in new order.
    let mut best = vec![0u64; matched.len()];
    let mut prev = vec![usize::MAX; matched.len()];
    for i in 0..matched.len() {
        best[i] = weight(matched[i].0);
        for j in 0..i {
            if matched[j].1 < matched[i].1 && best[j] + weight(matched[i].0) > best[i] {
                best[i] = best[j] + weight(matched[i].0);
                prev[i] = j;
            }
        }
    }
    let mut kept = vec![false; new.len()];
    let mut at = (0..matched.len()).max_by_key(|&i| (best[i], std::cmp::Reverse(i)));
    while let Some(i) = at {
        kept[matched[i].0] = true;
        at = (prev[i] != usize::MAX).then_some(prev[i]);
    }
    let mut moved = vec![false; new.len()];
    for (n, o) in of_new.iter().enumerate().filter_map(|(n, o)| o.map(|o| (n, o))) {
        let parent_kept = old[o].parent.and_then(|p| of_old[p]) == new[n].parent;
        moved[n] = new[n].role == PartRole::Section && ((by_order && !kept[n]) || !parent_kept);
    }
    moved
}
