//! The browser index: the library's terms, scored postings and words
//! (`postings.rs`) written out as small static files under `search/`, so
//! that a query downloads only what it needs. The layout is described in
//! `README.md` beside this file.

use super::encode::{file_name, fnv1a, gzip, shard_key, PostingsText};
use super::extract::{Kind, SearchDoc};
use super::passages::Passage;
use super::postings::Terms;
use super::score::SCALE;
use super::typo;
use super::words::Words;
use crate::error::Result;
use crate::output::{OutputFile, Sink};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Postings longer than this (in characters) go to a file of their own, so
/// a shard stays small whichever of its words is searched for.
pub const INLINE_POSTINGS: usize = 300;
/// About how many ids share a bucket file.
pub const IDS_PER_BUCKET: usize = 64;
/// Documents per folder of passage files.
pub const PASSAGE_FOLDER: u32 = 100;
/// Passages per excerpt file: a result downloads one file of about 9,000
/// characters of text (about 2.5 KB gzipped) for its snippet, and a
/// document of 3,000 words has two or three such files.
pub const PASSAGES_PER_FILE: usize = 6;

/// Whether a page's excerpt files must be written (`false`: the output
/// has them already, from a build that read the same page).
pub type WriteExcerpts<'w> = dyn Fn(&SearchDoc) -> Result<bool> + Sync + 'w;

/// Every file of the browser index, paths under `search/`, into `sink` as
/// they are made, from `terms` (`postings.rs`). `None` as soon as `stop`
/// says so.
pub fn export(docs: &[SearchDoc], terms: Terms, stop: &crate::output::Stop, sink: &dyn Sink) -> Result<Option<()>> {
    let clock = crate::timings::Clock::start();
    if stop() {
        return Ok(None);
    }
    let Terms { stems, postings, vocabulary, words } = terms;
    let buckets = docs.len().div_ceil(IDS_PER_BUCKET).max(1);
    shard_files(&stems, &postings, &words, sink)?;
    drop((postings, words));
    clock.lap("export: shards");
    typo_files(&vocabulary).into_iter().try_for_each(|f| sink.send(f))?;
    clock.lap("export: typo shards");
    id_files(docs, buckets).into_iter().try_for_each(|f| sink.send(f))?;
    sink.send(meta_file(docs, buckets))?;
    Ok(Some(()))
}

#[derive(Default)]
struct Shard {
    /// Written word → stem, where they differ.
    words: BTreeMap<String, String>,
    /// Stem → [documents, postings or the number of their file].
    terms: BTreeMap<String, Value>,
}

/// The word shards and the postings too long to keep in them, into `sink`
/// as they are made: each stem's encoded postings (the long ones
/// gzipped in parallel), then each shard's file.
fn shard_files(stems: &[String], postings: &[PostingsText], words: &Words, sink: &dyn Sink) -> Result<()> {
    let entries = stems
        .par_iter()
        .zip(postings)
        .enumerate()
        .map(|(id, (stem, list))| {
            let encoded = list.text();
            if encoded.len() <= INLINE_POSTINGS {
                return Ok((stem, json!([list.len(), encoded])));
            }
            sink.send(OutputFile::bytes(format!("search/p/{id}.gz"), gzip(encoded.as_bytes())))?;
            Ok((stem, json!([list.len(), id])))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (stem, entry) in entries {
        shards.entry(shard_key(stem)).or_default().terms.insert(stem.clone(), entry);
    }
    for (word, id) in &words.raw {
        let stem = &stems[*id as usize];
        if word != stem {
            shards.entry(shard_key(word)).or_default().words.insert(word.clone(), stem.clone());
        }
    }
    shards.into_par_iter().try_for_each(|(key, shard)| {
        let body = json!({ "w": shard.words, "t": shard.terms });
        sink.send(OutputFile::bytes(format!("search/w/{}.json", file_name(&key)), body.to_string()))
    })
}

/// Exact ids, by `id_key`, in buckets chosen by hash: `search/id/<b>.json`.
fn id_files(docs: &[SearchDoc], buckets: usize) -> Vec<OutputFile> {
    let mut by_bucket: BTreeMap<usize, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for d in docs {
        if let Some(key) = super::analysis::id_key(&d.id) {
            let bucket = fnv1a(&key) as usize % buckets;
            by_bucket.entry(bucket).or_default().entry(key).or_default().push(d.n);
        }
    }
    // Every bucket is written, empty or not: only word shards may be missing.
    (0..buckets)
        .map(|b| {
            let ids = by_bucket.remove(&b).unwrap_or_default();
            OutputFile::bytes(format!("search/id/{b}.json"), json!(ids).to_string())
        })
        .collect()
}

/// What a result needs to show itself and its snippet: its kind and
/// facts, and `PASSAGES_PER_FILE` passages as [text, anchor, label] (just
/// [text] for a passage of no section).
#[derive(Serialize)]
struct ExcerptFile<'a> {
    k: Kind,
    i: &'a str,
    t: &'a str,
    u: &'a str,
    v: &'a str,
    s: &'a str,
    /// The status tag readers see, its label and colour: a document's only.
    #[serde(skip_serializing_if = "Option::is_none")]
    l: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    c: Option<&'static str>,
    y: &'a str,
    d: &'a str,
    m: &'a str,
    p: Vec<Vec<&'a str>>,
}

fn excerpt_passage(p: &Passage) -> Vec<&str> {
    match &p.section {
        Some(s) => vec![&p.text, &s.anchor, &s.label],
        None => vec![&p.text],
    }
}

/// Page `d`'s excerpt files, made from its passages `all`, into `sink`
/// if `write_excerpts` wants them.
pub fn excerpts(d: &SearchDoc, all: &[Passage], write_excerpts: &WriteExcerpts, sink: &dyn Sink) -> Result<()> {
    match write_excerpts(d)? {
        true => passage_files(d, all).into_iter().try_for_each(|f| sink.send(f)),
        false => Ok(()),
    }
}

/// A page's excerpt files: all its passages, `PASSAGES_PER_FILE` a file,
/// and one file for a page of no passage (for results matched in the title
/// or summary). Every file, not only those a term's best passage is in:
/// at 10,000 documents those were all but 27 of 43,089, and a page's
/// excerpts can then be made with its page, before the index is counted.
fn passage_files(d: &SearchDoc, all: &[Passage]) -> Vec<OutputFile> {
    (0..all.len().div_ceil(PASSAGES_PER_FILE).max(1))
        .map(|part| {
            let passages = all.iter().skip(part * PASSAGES_PER_FILE).take(PASSAGES_PER_FILE);
            let file = ExcerptFile {
                k: d.kind,
                i: &d.id,
                t: &d.title,
                u: &d.url,
                v: &d.version,
                s: &d.status,
                l: (d.kind == Kind::Document).then(|| d.shown.label()),
                c: (d.kind == Kind::Document).then(|| d.shown.colour()),
                y: &d.doc_type,
                d: &d.directorate,
                m: &d.summary,
                p: passages.map(excerpt_passage).collect(),
            };
            let json = serde_json::to_string(&file).unwrap_or_default();
            OutputFile::bytes(excerpt_path(d.n, part), gzip(json.as_bytes()))
        })
        .collect()
}

/// Where excerpt file `part` of search page `n` is written.
pub fn excerpt_path(n: u32, part: usize) -> String {
    format!("search/x/{}/{n}-{part}.gz", n / PASSAGE_FOLDER)
}

/// The search number of the page whose excerpt file is at `path` (as
/// `passage_files` names them), if it is one.
pub fn excerpt_page(path: &str) -> Option<u32> {
    let name = path.strip_prefix("search/x/")?.split_once('/')?.1;
    name.split_once('-')?.0.parse().ok()
}

/// The typo shards (`typo.rs`): `search/t/<key>.json` maps each word that
/// may correct a typo and has `key` among its keys to the number of pages
/// holding it.
fn typo_files(vocabulary: &[(String, u32)]) -> Vec<OutputFile> {
    let mut shards: BTreeMap<String, BTreeMap<&str, u32>> = BTreeMap::new();
    for (word, freq) in vocabulary.iter().filter(|(w, _)| typo::candidate(w)) {
        for key in typo::keys(word) {
            shards.entry(key).or_default().insert(word, *freq);
        }
    }
    shards
        .into_iter()
        .map(|(key, words)| OutputFile::bytes(format!("search/t/{}.json", file_name(&key)), json!(words).to_string()))
        .collect()
}

/// The facet values, and the runs of numbers that share facets.
pub struct FacetRuns {
    pub types: Vec<String>,
    pub statuses: Vec<String>,
    pub directorates: Vec<String>,
    /// [first number, type, status, directorate], as indices into the lists.
    pub runs: Vec<[usize; 4]>,
}

pub fn facet_runs(docs: &[SearchDoc]) -> FacetRuns {
    let sorted = |f: fn(&SearchDoc) -> &str| {
        docs.iter().map(f).collect::<BTreeSet<_>>().into_iter().map(String::from).collect::<Vec<_>>()
    };
    let types = sorted(|d| &d.doc_type);
    let mut statuses = sorted(|d| &d.status);
    statuses.sort_by_key(|s| super::extract::status_rank(s));
    let directorates = sorted(|d| &d.directorate);
    let index = |list: &[String], v: &str| list.iter().position(|x| x == v).unwrap_or(0);
    let mut runs: Vec<[usize; 4]> = Vec::new();
    for d in docs {
        let facets = [index(&types, &d.doc_type), index(&statuses, &d.status), index(&directorates, &d.directorate)];
        if runs.last().is_none_or(|r| r[1..] != facets) {
            runs.push([d.n as usize, facets[0], facets[1], facets[2]]);
        }
    }
    FacetRuns { types, statuses, directorates, runs }
}

fn meta_file(docs: &[SearchDoc], buckets: usize) -> OutputFile {
    let f = facet_runs(docs);
    let meta = json!({
        "format": 2,
        "docs": docs.len(),
        "scale": SCALE,
        "idBuckets": buckets,
        "facets": { "type": f.types, "status": f.statuses, "directorate": f.directorates },
        "runs": f.runs,
    });
    OutputFile::bytes("search/meta.json", meta.to_string())
}
