//! One stem's hits as the terms pass keeps them until they are scored:
//! page by page, packed into bytes. A library of 10,000 pages has about
//! 7.7 million hits; as a 12-byte record each (page, field, length, count,
//! and the passage most about the stem) they were 91 MB of the build's
//! peak, and packed they are about a third of that.
//!
//! A page's run is: the page's number less the last run's, as a varint;
//! one byte for each field holding the stem (its number in the high four
//! bits, its count up to 14 in the low four, with a varint of the rest
//! after a 15); then `END` and a varint of the page's passage number. A
//! field's length is the page's, so it is kept once a page, not here.

/// Marks the end of a page's fields: field 15, which no page has.
const END: u8 = 0xFF;
const COUNT_IN_BYTE: u32 = 15;

/// One stem's runs, in the order of their pages.
#[derive(Default)]
pub struct PageRuns {
    bytes: Vec<u8>,
    /// The page of the last run (0 before the first, which is written
    /// against 0: a worker's first run holds its page's own number).
    last: u32,
    open: bool,
    /// Where the last page's run starts, after its page number.
    run_start: usize,
}

/// A page's run, read back.
pub struct Run<'r> {
    pub page: u32,
    /// 1 + the passage most about the stem, or 0.
    pub passage: u32,
    fields: &'r [u8],
}

impl PageRuns {
    /// Page `page` holds the stem `count` times in field `field`. A page's
    /// fields come in increasing order, and pages in increasing order.
    pub fn hit(&mut self, page: u32, field: usize, count: u32) {
        debug_assert!(field < 15 && count > 0 && page >= self.last && (page == self.last || !self.open));
        if !self.open {
            push_varint(&mut self.bytes, page - self.last);
            (self.last, self.open, self.run_start) = (page, true, self.bytes.len());
        }
        let low = count.min(COUNT_IN_BYTE);
        self.bytes.push((field as u8) << 4 | low as u8);
        if low == COUNT_IN_BYTE {
            push_varint(&mut self.bytes, count - COUNT_IN_BYTE);
        }
    }

    /// The page's run is complete: `passage` is 1 + its passage most about the stem, or 0.
    pub fn end_page(&mut self, passage: u32) {
        self.bytes.push(END);
        push_varint(&mut self.bytes, passage);
        self.open = false;
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The last page's run without its page number (its fields, `END` and
    /// passage), as `push_run` takes it: what that page added to the stem.
    pub fn last_run(&self) -> &[u8] {
        self.bytes.get(self.run_start..).unwrap_or_default()
    }

    /// Page `page` holds the stem as `run` says, a run `last_run` gave
    /// (kept between builds, so checked: fields below `fields`, in
    /// increasing order, then `END` and a passage, and nothing else).
    /// `None`, and nothing added, when it is not such a run.
    pub fn push_run(&mut self, page: u32, run: &[u8], fields: usize) -> Option<()> {
        if self.open || page < self.last || (page == self.last && !self.bytes.is_empty()) || !is_run(run, fields) {
            return None;
        }
        push_varint(&mut self.bytes, page - self.last);
        (self.last, self.run_start) = (page, self.bytes.len());
        self.bytes.extend_from_slice(run);
        Some(())
    }

    /// Appends `later`'s runs, all of pages after this one's (as the
    /// workers of an ordered reduce give them); otherwise both are sorted by page.
    pub fn append(&mut self, later: PageRuns) {
        let Some((first, len)) = read_varint(&later.bytes) else { return };
        if self.is_empty() || first > self.last {
            push_varint(&mut self.bytes, first - self.last);
            self.bytes.extend_from_slice(&later.bytes[len..]);
            self.last = later.last;
            return;
        }
        let mut runs: Vec<(u32, u32, Vec<u8>)> =
            self.runs().chain(later.runs()).map(|r| (r.page, r.passage, r.fields.to_vec())).collect();
        runs.sort_by_key(|r| r.0);
        *self = PageRuns::default();
        for (page, passage, fields) in runs {
            push_varint(&mut self.bytes, page - self.last);
            self.last = page;
            self.bytes.extend_from_slice(&fields);
            self.end_page(passage);
        }
    }

    /// The runs, in page order.
    pub fn runs(&self) -> impl Iterator<Item = Run<'_>> {
        let mut at = 0;
        let mut page = 0u32;
        std::iter::from_fn(move || {
            let rest = self.bytes.get(at..).filter(|r| !r.is_empty())?;
            let (delta, len) = read_varint(rest)?;
            page += delta;
            let fields_from = at + len;
            let end = fields_from + fields_end(&self.bytes[fields_from..])?;
            let (passage, len) = read_varint(&self.bytes[end + 1..])?;
            at = end + 1 + len;
            Some(Run { page, passage, fields: &self.bytes[fields_from..end] })
        })
    }
}

impl Run<'_> {
    /// Each field of the page holding the stem, with its count, in field order.
    pub fn fields(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            let byte = *self.fields.get(at)?;
            at += 1;
            let mut count = u32::from(byte & 0x0F);
            if count == COUNT_IN_BYTE {
                let (more, len) = read_varint(&self.fields[at..])?;
                (count, at) = (count.saturating_add(more), at + len);
            }
            Some((usize::from(byte >> 4), count))
        })
    }
}

/// Whether `run` is one page's run of fields below `fields`, each once
/// and in increasing order, with a count, then `END` and a passage.
pub(super) fn is_run(run: &[u8], fields: usize) -> bool {
    let Some(end) = fields_end(run) else { return false };
    let read = Run { page: 0, passage: 0, fields: &run[..end] };
    let mut last = None;
    let ordered = read.fields().all(|(field, count)| {
        let ok = field < fields && count > 0 && last.is_none_or(|l| field > l);
        last = Some(field);
        ok
    });
    let passage = read_varint(&run[end + 1..]);
    end > 0 && ordered && passage.is_some_and(|(_, len)| end + 1 + len == run.len())
}

/// The length of the run at the start of `bytes`: its fields, `END` and passage.
pub(super) fn run_len(bytes: &[u8]) -> Option<usize> {
    let end = fields_end(bytes)?;
    Some(end + 1 + read_varint(bytes.get(end + 1..)?)?.1)
}

/// Where a run's field bytes end (at its `END`), stepping over the
/// varints of large counts, whose bytes may look like `END`.
fn fields_end(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        let byte = *bytes.get(at)?;
        if byte == END {
            return Some(at);
        }
        at += 1;
        if u32::from(byte & 0x0F) == COUNT_IN_BYTE {
            at += read_varint(&bytes[at..])?.1;
        }
    }
}

/// Seven bits a byte, low first, the high bit set on all but the last.
pub(super) fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

pub(super) fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut value = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        value |= u32::from(b & 0x7F) << (7 * i);
        if b < 0x80 {
            return Some((value, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page, its passage, and its fields with their counts.
    type Page<'f> = (u32, u32, &'f [(usize, u32)]);
    type ReadRun = (u32, u32, Vec<(usize, u32)>);

    fn runs_of(p: &PageRuns) -> Vec<ReadRun> {
        p.runs().map(|r| (r.page, r.passage, r.fields().collect())).collect()
    }

    fn worker(pages: &[Page]) -> PageRuns {
        let mut p = PageRuns::default();
        for &(page, passage, fields) in pages {
            for &(field, count) in fields {
                p.hit(page, field, count);
            }
            p.end_page(passage);
        }
        p
    }

    #[test]
    fn runs_read_back_as_written_with_large_counts_and_pages() {
        let p = worker(&[
            (0, 0, &[(0, 1), (8, 15)]),
            (3, 200, &[(8, 15 + 127 + 128 * 5)]),
            (70_000, 1, &[(2, 14), (5, 16)]),
            (70_001, 0, &[(8, 1_000_000)]),
        ]);
        assert_eq!(
            runs_of(&p),
            vec![
                (0, 0, vec![(0, 1), (8, 15)]),
                (3, 200, vec![(8, 15 + 127 + 128 * 5)]),
                (70_000, 1, vec![(2, 14), (5, 16)]),
                (70_001, 0, vec![(8, 1_000_000)]),
            ]
        );
    }

    #[test]
    fn appending_keeps_page_order_whichever_worker_comes_first() {
        let early = || worker(&[(1, 1, &[(0, 2)]), (4, 0, &[(8, 3)])]);
        let late = || worker(&[(5, 2, &[(1, 1)]), (9, 3, &[(8, 15)])]);
        let mut forward = early();
        forward.append(late());
        let mut backward = late();
        backward.append(early());
        let want = vec![(1, 1, vec![(0, 2)]), (4, 0, vec![(8, 3)]), (5, 2, vec![(1, 1)]), (9, 3, vec![(8, 15)])];
        assert_eq!(runs_of(&forward), want);
        assert_eq!(runs_of(&backward), want);
        let mut empty = PageRuns::default();
        empty.append(late());
        assert_eq!(runs_of(&empty), want[2..].to_vec());
    }
}
