//! What each page added to the search counts, kept in the output folder
//! between builds (`PATH`), so that a rebuild tokenises again only the
//! pages whose text changed and replays the others (`postings.rs`).
//!
//! A page's record is keyed by the SHA-256 of everything counting reads of
//! it (its kind, its fields' texts, its passages and their headings), and
//! holds what that reading left: each field's length, the words written on
//! it and in its passages' headings, and for each stem it holds, the run
//! the stem's hits keep for it (`page_runs.rs`: its fields with their
//! counts, and its passage most about the stem). Words and stems are named
//! by number in the file's own tables, made anew each build.
//!
//! The file is trusted as the pages are: only when the build cache says it
//! is still the file the last build wrote, when this very binary wrote it
//! (`program::identity`) and it matches the SHA-256 it holds of itself;
//! and a record only after every number in it is checked against the
//! tables. A record that fails is counted again from the text, and a file
//! that fails is not read at all.

use super::extract::{Kind, SearchDoc};
use super::page_runs::{self, push_varint};
use super::passages::Passage;
use crate::digest::{Key, Sha};
use crate::error::{Error, Result};
use crate::output::Sink;
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::sync::Mutex;

/// Where the records are kept, in the output folder.
pub const PATH: &str = ".trustdocs/search-counts";

/// The file's first bytes: its format, then the program that wrote it
/// (another build of trustdocs may tokenise or stem otherwise).
const MAGIC: &[u8] = b"trustdocs search counts 1\n";

/// The key of page `doc`, whose passages are `passages`: everything
/// counting reads of it.
pub fn key(doc: &SearchDoc, passages: &[Passage]) -> Sha {
    let kind = match doc.kind {
        Kind::Document => 0,
        Kind::Role => 1,
        Kind::Term => 2,
    };
    let mut key = Key::new("search page");
    key.part(&[kind]);
    doc.texts().for_each(|t| _ = key.part(t.as_bytes()));
    for p in passages {
        key.part(p.text.as_bytes()).part(p.section.as_ref().map_or(&[][..], |s| s.label.as_bytes()));
    }
    key.sha()
}

/// The words and stems the records of a build name, numbered as any
/// worker first meets them.
#[derive(Default)]
pub struct Names(Mutex<Table>);

#[derive(Default)]
struct Table {
    /// Each word with its stem's number.
    words: Vec<(String, u32)>,
    word_ids: FxHashMap<String, u32>,
    stems: Vec<String>,
    stem_ids: FxHashMap<String, u32>,
}

impl Table {
    fn stem(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            return id;
        }
        let id = self.stems.len() as u32;
        self.stems.push(stem.to_string());
        self.stem_ids.insert(stem.to_string(), id);
        id
    }
}

impl Names {
    /// The number of the word `word`, whose stem is `stem`.
    pub fn word(&self, word: &str, stem: &str) -> u32 {
        let mut table = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = table.word_ids.get(word) {
            return id;
        }
        let stem = table.stem(stem);
        let id = table.words.len() as u32;
        table.words.push((word.to_string(), stem));
        table.word_ids.insert(word.to_string(), id);
        id
    }

    pub fn stem(&self, stem: &str) -> u32 {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).stem(stem)
    }

    /// Writes the file into `sink`: the tables, then `records` (as
    /// `encode` made them), written from where they are rather than copied
    /// into one buffer; after the program's version, the SHA-256 of the
    /// rest, so that a damaged file is never read.
    pub fn send(&self, records: &[Vec<u8>], sink: &dyn Sink) -> Result<()> {
        let tables = self.tables();
        let mut sha = Sha256::new();
        sha.update(&tables);
        records.iter().for_each(|r| sha.update(r));
        let mut head = MAGIC.to_vec();
        push_bytes(&mut head, crate::program::identity().as_bytes());
        head.extend_from_slice(&sha.finalize());
        sink.send_written(PATH, &|w| {
            std::iter::once(&head)
                .chain([&tables])
                .chain(records)
                .try_for_each(|part| w.write_all(part))
                .map_err(Error::io("write", PATH))
        })
    }

    /// Each word with its stem's number, then each stem.
    fn tables(&self) -> Vec<u8> {
        let table = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = Vec::new();
        push_varint(&mut out, table.words.len() as u32);
        for (word, stem) in &table.words {
            push_bytes(&mut out, word.as_bytes());
            push_varint(&mut out, *stem);
        }
        push_varint(&mut out, table.stems.len() as u32);
        table.stems.iter().for_each(|s| push_bytes(&mut out, s.as_bytes()));
        out
    }
}

/// What one page left, as `encode` is given it and `Earlier::page` reads it back.
pub struct Record<'r> {
    /// Each field's length in tokens, in `index::TEXT_FIELDS` order.
    pub lengths: Vec<u32>,
    /// The words written on the page, by number, each once.
    pub words: Vec<u32>,
    /// The words of its passages' headings, each once.
    pub headings: Vec<u32>,
    /// Each stem it holds, by number, with its run.
    pub stems: Vec<(u32, &'r [u8])>,
}

/// Appends page `key`'s record to `out`; sorts its numbers. `body` is a
/// buffer to reuse.
pub fn encode(key: &Sha, record: &mut Record, body: &mut Vec<u8>, out: &mut Vec<u8>) {
    body.clear();
    record.lengths.iter().for_each(|&l| push_varint(body, l));
    for ids in [&mut record.words, &mut record.headings] {
        ids.sort_unstable();
        ids.dedup();
        push_ascending(body, ids.iter().copied());
    }
    record.stems.sort_unstable_by_key(|s| s.0);
    push_ascending(body, record.stems.iter().map(|s| s.0));
    record.stems.iter().for_each(|(_, run)| body.extend_from_slice(run));
    out.extend_from_slice(key);
    push_bytes(out, body);
}

/// The count, then each number less the one before (the first as it is).
fn push_ascending(out: &mut Vec<u8>, ids: impl ExactSizeIterator<Item = u32>) {
    push_varint(out, ids.len() as u32);
    let mut last = 0;
    for id in ids {
        push_varint(out, id - last);
        last = id;
    }
}

/// The last build's records, read back.
pub struct Earlier {
    bytes: Vec<u8>,
    words: Vec<(String, u32)>,
    stems: Vec<String>,
    /// Each page's key → where its record's body is in `bytes`.
    records: FxHashMap<Sha, (usize, usize)>,
}

impl Earlier {
    /// The records in `bytes`, the file the last build wrote; `None` when
    /// another format or build of trustdocs wrote it, or it is damaged anywhere.
    pub fn read(bytes: Vec<u8>) -> Option<Earlier> {
        let mut r = Reader { bytes: &bytes, at: 0 };
        (r.take(MAGIC.len())? == MAGIC && r.bytes()? == crate::program::identity().as_bytes()).then_some(())?;
        let digest = r.take(32)?;
        (Sha256::digest(&bytes[r.at..]).as_slice() == digest).then_some(())?;
        let words = r.list(|r| Some((String::from_utf8(r.bytes()?.to_vec()).ok()?, r.varint()?)))?;
        let stems = r.list(|r| String::from_utf8(r.bytes()?.to_vec()).ok())?;
        if words.iter().any(|(_, stem)| *stem as usize >= stems.len()) {
            return None;
        }
        let mut records = FxHashMap::default();
        while r.at < r.bytes.len() {
            let key: Sha = r.take(32)?.try_into().ok()?;
            let len = r.varint()? as usize;
            let start = r.at;
            r.take(len)?;
            records.insert(key, (start, len));
        }
        Some(Earlier { bytes, words, stems, records })
    }

    /// Page `key`'s record, if the last build kept one and every number in
    /// it names a word or stem of its tables and every run is one
    /// (`fields`: how many fields a page has).
    pub fn page(&self, key: &Sha, fields: usize) -> Option<Record<'_>> {
        let &(start, len) = self.records.get(key)?;
        let mut r = Reader { bytes: &self.bytes[start..start + len], at: 0 };
        let lengths = (0..fields).map(|_| r.varint()).collect::<Option<Vec<_>>>()?;
        let words = r.ascending(self.words.len())?;
        let headings = r.ascending(self.words.len())?;
        let stems = r.ascending(self.stems.len())?;
        let stems = stems.into_iter().map(|s| Some((s, r.run(fields)?))).collect::<Option<Vec<_>>>()?;
        (r.at == r.bytes.len()).then_some(Record { lengths, words, headings, stems })
    }

    /// Word `id` of a record `page` gave, and its stem.
    pub fn word(&self, id: u32) -> (&str, &str) {
        let (word, stem) = &self.words[id as usize];
        (word, &self.stems[*stem as usize])
    }

    pub fn stem(&self, id: u32) -> &str {
        &self.stems[id as usize]
    }
}

/// Reads the file's varints and byte strings, `None` past its end.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, len: usize) -> Option<&'b [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(taken)
    }

    fn varint(&mut self) -> Option<u32> {
        let (value, len) = page_runs::read_varint(self.bytes.get(self.at..)?)?;
        self.at += len;
        Some(value)
    }

    fn bytes(&mut self) -> Option<&'b [u8]> {
        let len = self.varint()? as usize;
        self.take(len)
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let len = self.varint()?;
        // Never more items than bytes left: a damaged count reserves nothing huge.
        let mut items = Vec::with_capacity((len as usize).min(self.bytes.len() - self.at));
        for _ in 0..len {
            items.push(item(self)?);
        }
        Some(items)
    }

    /// Numbers each above the one before, all below `below`.
    fn ascending(&mut self, below: usize) -> Option<Vec<u32>> {
        let mut last: Option<u32> = None;
        self.list(|r| {
            let gap = r.varint()?;
            let id = match last {
                None => gap,
                Some(l) if gap > 0 => l.checked_add(gap)?,
                Some(_) => return None,
            };
            last = Some(id);
            ((id as usize) < below).then_some(id)
        })
    }

    /// A stem's run on one page, checked (`page_runs::is_run`).
    fn run(&mut self, fields: usize) -> Option<&'b [u8]> {
        let len = page_runs::run_len(self.bytes.get(self.at..)?)?;
        let run = self.take(len)?;
        page_runs::is_run(run, fields).then_some(run)
    }
}

fn push_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    push_varint(out, bytes.len() as u32);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{collect_into, Contents};

    /// A run of one field holding a stem twice, its passage 1.
    const RUN: &[u8] = &[0x02, 0xFF, 0x01];

    /// The file of `names` and `records` (page key → record), as a build writes it.
    fn file(names: &Names, records: &mut [(Sha, Record)]) -> Vec<u8> {
        let mut bytes = Vec::new();
        records.iter_mut().for_each(|(key, r)| encode(key, r, &mut Vec::new(), &mut bytes));
        let files = Mutex::new(Vec::new());
        names.send(&[bytes], &collect_into(&files)).unwrap();
        match files.into_inner().unwrap().pop().map(|f| f.contents) {
            Some(Contents::Bytes(b)) => b,
            _ => panic!("no file"),
        }
    }

    fn record(stems: Vec<(u32, &[u8])>) -> Record<'_> {
        Record { lengths: vec![0, 0, 0, 0, 0, 0, 0, 0, 2], words: vec![0], headings: vec![], stems }
    }

    #[test]
    fn records_read_back_as_written_and_a_damaged_file_not_at_all() {
        let names = Names::default();
        let (word, stem) = (names.word("reporting", "report"), names.stem("report"));
        let bytes = file(&names, &mut [([7; 32], record(vec![(stem, RUN)]))]);
        let earlier = Earlier::read(bytes.clone()).expect("the file reads");
        let read = earlier.page(&[7; 32], 9).expect("the record reads");
        assert_eq!((read.words, read.stems), (vec![word], vec![(stem, RUN)]));
        assert_eq!(earlier.word(word), ("reporting", "report"));
        assert!(earlier.page(&[8; 32], 9).is_none(), "no record under another key");
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assert!(Earlier::read(damaged).is_none(), "byte {at} changed, and the file was read");
        }
        for len in 0..bytes.len() {
            assert!(Earlier::read(bytes[..len].to_vec()).is_none(), "cut to {len} bytes, and read");
        }
    }

    #[test]
    fn a_record_naming_what_the_tables_lack_or_a_field_no_page_has_is_not_replayed() {
        let names = Names::default();
        names.word("report", "report");
        let stem = names.stem("report");
        let bad_field: &[u8] = &[0xC2, 0xFF, 0x01];
        let unordered: &[u8] = &[0x32, 0x12, 0xFF, 0x00];
        let bytes = file(
            &names,
            &mut [
                ([1; 32], record(vec![(stem + 1, RUN)])),
                ([2; 32], record(vec![(stem, bad_field)])),
                ([3; 32], record(vec![(stem, unordered)])),
                ([4; 32], Record { words: vec![5], ..record(vec![(stem, RUN)]) }),
                ([5; 32], record(vec![(stem, RUN)])),
            ],
        );
        let earlier = Earlier::read(bytes).expect("the file reads: its digest is its own");
        for key in 1..=4u8 {
            assert!(earlier.page(&[key; 32], 9).is_none(), "record {key} was trusted");
        }
        assert!(earlier.page(&[5; 32], 9).is_some(), "a good record beside them reads");
    }
}
