//! What one PDF is made of, for the typst run that makes it: kept apart
//! from the runs themselves (pdf.rs), so that every kind of PDF (a
//! version's, a redline, the committee's paper) describes its job without
//! importing the code that runs it.

use crate::publish::Publication;
use crate::resolve::DocIndex;
use std::path::PathBuf;

/// One PDF to make: where it goes, the theme's typst files it compiles,
/// and the data they read.
pub struct Job {
    /// Relative to the site root.
    pub path: String,
    /// Names its folder in the workspace: unique within a build.
    pub key: String,
    /// What the PDF is, for messages: "POL/001/001 version 2 (content/...)".
    pub label: String,
    /// The template typst compiles, in the theme's `pdf/`.
    pub main: &'static str,
    /// Every template it reads (`main` first); they are hashed for the cache.
    pub templates: &'static [&'static str],
    /// `/data.json`.
    pub data: Vec<u8>,
    /// Other data files at the compile root, by name.
    pub extra: Vec<(String, Vec<u8>)>,
    /// Assets shown as images, relative to the content folder.
    pub images: Vec<PathBuf>,
    /// The creation date written into the PDF.
    pub timestamp: i64,
}

/// Assets a document shows as images, relative to the content folder.
pub fn images(site: &Publication, index: DocIndex) -> Vec<PathBuf> {
    let doc = site.lib.doc(index);
    let mut v: Vec<PathBuf> = doc
        .body
        .links
        .iter()
        .filter_map(|l| match &l.target {
            crate::model::body::Target::File(p) => site.lib.asset(doc, p).map(PathBuf::from),
            _ => None,
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The creation date written into the PDF: the ratification date (else the
/// publication date), so the same input always gives the same bytes.
pub fn timestamp(doc: &crate::model::Document) -> i64 {
    let date = doc.meta.ratified_date().or(doc.meta.published);
    let date = date.map_or_else(|| chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date"), |d| d.day);
    midnight(date)
}

/// Midnight at the start of `date`, for a PDF dated the day it is made.
pub fn timestamp_of(date: crate::model::Date) -> i64 {
    midnight(date.day)
}

fn midnight(day: chrono::NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp()
}
