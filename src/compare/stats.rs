//! The counts at the top of a comparison.

use super::comparison::{BlockChange, BlockDiff, SectionDiff, SectionStatus, Stats};
use super::words::{self, Op};

pub fn stats(sections: &[SectionDiff]) -> Stats {
    let mut st = Stats::default();
    for s in sections {
        match s.status {
            SectionStatus::Added => st.sections_added += 1,
            SectionStatus::Removed => st.sections_removed += 1,
            SectionStatus::Changed => st.sections_changed += 1,
            SectionStatus::Unchanged if s.is_unchanged() => st.sections_unchanged += 1,
            SectionStatus::Unchanged => {}
        }
        st.sections_moved += usize::from(s.moved);
        st.sections_renamed += usize::from(s.renamed);
        for b in &s.blocks {
            st.blocks_moved += usize::from(b.change == BlockChange::MovedHere);
            let (ins, del) = word_counts(b);
            st.words_inserted += ins;
            st.words_deleted += del;
        }
    }
    st
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
