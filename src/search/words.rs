//! The library's words as written (not stemmed), what each stems to, and
//! in which passage of each body each stem occurs most: what the browser
//! needs to match words while they are typed and to pick a snippet's
//! passage (the section that says most about the words searched for).
//!
//! Counted in the same pass over the text as the terms (`postings.rs`):
//! each page's passages are read once, and a [`Tally`] notes, for each
//! stem, the passage most about it. A second pass over every word of the
//! library was a tenth of a build.

use super::by_stem::ByStem;
use super::extract::Kind;

pub struct Words {
    /// Every distinct word as written (lower-cased), with its stem's index
    /// in the stem list, sorted by word.
    pub raw: Vec<(String, u32)>,
}

/// One page's passages as they are read: for each stem, the passage that
/// holds it most often (its heading counting with its text: "7.5 Access
/// Control and Fobs" is about fobs), the first of equals; on a role page,
/// the first whose heading names it (`passage_choice::most_about`). A
/// worker keeps one from page to page.
#[derive(Default)]
pub struct Tally {
    /// Stem → (passage, occurrences there), the best so far.
    best: ByStem<(u32, u32)>,
    /// Stem → occurrences in the passage being read.
    here: ByStem<u32>,
    /// Stem → the first passage whose heading holds it.
    named: ByStem<u32>,
}

impl Tally {
    pub fn count(&mut self, stem: u32, passage: u32, in_heading: bool) {
        *self.here.entry(stem) += 1;
        if in_heading && self.named.get(stem).is_none() {
            *self.named.entry(stem) = passage;
        }
    }

    pub fn end_passage(&mut self, passage: u32) {
        for (stem, count) in self.here.drain() {
            let best = self.best.entry(stem);
            // A stem new to the page has (0, 0): any count beats it.
            if count > best.1 {
                *best = (passage, count);
            }
        }
    }

    /// Each stem met on the page, with the passage most about it on a page
    /// of `kind`, given to `each`; the tally is then ready for the next page.
    pub fn finish(&mut self, kind: Kind, mut each: impl FnMut(u32, u32)) {
        let Tally { best, named, .. } = self;
        let role = kind == Kind::Role;
        for (stem, (p, _)) in best.drain() {
            each(stem, if role { named.get(stem).unwrap_or(p) } else { p });
        }
        named.clear();
    }
}

/// The words table: every word of `words` (as written → its stem's index,
/// `None` for a stem the index does not hold), A to Z.
pub fn words(words: impl Iterator<Item = (String, Option<u32>)>) -> Words {
    use rayon::prelude::*;
    let mut raw: Vec<(String, u32)> = words.filter_map(|(w, id)| Some((w, id?))).collect();
    raw.par_sort_unstable();
    raw.dedup();
    Words { raw }
}
