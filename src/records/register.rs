//! The register: one row for every version on record (ratified,
//! superseded or withdrawn, with a file), and one, marked, for each
//! version destroyed or transferred that only `ratified.lock` and
//! `retention.log` still know. Drafts are not on record, and a file that
//! could not be read is no version. The build writes it as `register.csv`
//! and the intranet's Register page shows it.

use super::retention::{decision, ends};
use crate::lock::{Format, Recorded};
use crate::model::{Date, DocId, Document, Status, Version};
use crate::resolve::{DocIndex, Library};

/// The columns, in order, as the CSV's header names them.
pub const COLUMNS: [&str; 20] = [
    "id",
    "title",
    "type",
    "version",
    "status",
    "directorate",
    "owner",
    "ratified by",
    "ratified date",
    "ratified minute",
    "effective",
    "in force until",
    "review date",
    "withdrawn date",
    "withdrawn reason",
    "retention ends",
    "retention decision",
    "public",
    "fingerprint",
    "file",
];

/// One version's row. Dates are typed: the CSV writes them as ISO dates,
/// the page the NHS way.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: DocId,
    pub title: String,
    pub doc_type: String,
    pub version: Option<Version>,
    /// `ratified`, `superseded`, `withdrawn`, or, for a version whose file
    /// is gone, `destroyed` or `transferred`.
    pub status: &'static str,
    pub directorate: String,
    /// The author's job title.
    pub owner: String,
    pub ratified_by: String,
    pub ratified: Option<Date>,
    pub minute: String,
    /// The day it came into force (none: overtaken before it did).
    pub effective: Option<Date>,
    /// The day it stopped being in force.
    pub until: Option<Date>,
    pub review: Option<Date>,
    pub withdrawn: Option<Date>,
    pub withdrawn_reason: String,
    pub retention_ends: Option<Date>,
    /// The decision that stands, as `keep (2026-01-05, Records Manager)`.
    pub decision: String,
    pub public: bool,
    pub fingerprint: String,
    /// The file in the content folder, with `/` separators; empty when gone.
    pub file: String,
    /// The version in the library, when it has a file.
    pub doc: Option<DocIndex>,
}

impl Row {
    /// A row of `id` with every other cell empty.
    fn blank(id: DocId) -> Row {
        Row {
            id,
            title: String::new(),
            doc_type: String::new(),
            version: None,
            status: "",
            directorate: String::new(),
            owner: String::new(),
            ratified_by: String::new(),
            ratified: None,
            minute: String::new(),
            effective: None,
            until: None,
            review: None,
            withdrawn: None,
            withdrawn_reason: String::new(),
            retention_ends: None,
            decision: String::new(),
            public: false,
            fingerprint: String::new(),
            file: String::new(),
            doc: None,
        }
    }

    /// Whether the row is a version whose file is gone.
    pub fn removed(&self) -> bool {
        self.doc.is_none()
    }

    /// The cells of the CSV, in [`COLUMNS`]' order.
    pub fn cells(&self) -> [String; 20] {
        let day = |d: Option<Date>| d.map(|d| d.iso()).unwrap_or_default();
        let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
        [
            self.id.to_string(),
            self.title.clone(),
            self.doc_type.clone(),
            self.version.as_ref().map(Version::to_string).unwrap_or_default(),
            self.status.to_string(),
            self.directorate.clone(),
            self.owner.clone(),
            self.ratified_by.clone(),
            day(self.ratified),
            self.minute.clone(),
            day(self.effective),
            day(self.until),
            day(self.review),
            day(self.withdrawn),
            self.withdrawn_reason.clone(),
            day(self.retention_ends),
            self.decision.clone(),
            yes(self.public),
            self.fingerprint.clone(),
            self.file.clone(),
        ]
    }
}

/// Every row, by id and then version.
pub fn rows(lib: &Library) -> Vec<Row> {
    let mut rows: Vec<Row> =
        lib.iter().filter(|(_, d)| on_record(d)).filter_map(|(i, d)| of_version(lib, i, d)).collect();
    rows.extend(removed(lib));
    rows.sort_by(|a, b| (&a.id, &a.version).cmp(&(&b.id, &b.version)));
    rows
}

fn on_record(doc: &Document) -> bool {
    let recorded = matches!(doc.status(), Some(Status::Ratified | Status::Superseded | Status::Withdrawn));
    recorded && doc.id().is_some() && doc.version().is_some()
}

fn of_version(lib: &Library, index: DocIndex, doc: &Document) -> Option<Row> {
    let meta = &doc.meta;
    let (id, version) = (doc.id()?.clone(), doc.version().cloned());
    let span = lib.span(index);
    let fingerprint = match lib.locked(doc) {
        Some(entry) => entry.fingerprint,
        None => Recorded::new(lib.fingerprint(doc, Format::WithFiles)),
    };
    let years = lib.config.site.retention_years;
    Some(Row {
        title: doc.title().to_string(),
        doc_type: meta.doc_type.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
        status: doc.status().map_or("", Status::as_str),
        directorate: doc.directorate_label().to_string(),
        owner: meta.author.as_ref().and_then(|a| a.title.clone()).unwrap_or_default(),
        ratified_by: meta.ratified.as_ref().map(|r| r.by.clone()).unwrap_or_default(),
        ratified: meta.ratified_date(),
        minute: meta.ratified.as_ref().and_then(|r| r.minute.clone()).unwrap_or_default(),
        effective: span.filter(|s| s.ever_in_force()).map(|s| s.from),
        until: span.and_then(|s| s.until),
        review: meta.effective_review_date(),
        withdrawn: meta.withdrawn.as_ref().map(|w| w.value.date),
        withdrawn_reason: meta.withdrawn.as_ref().map(|w| w.value.reason.clone()).unwrap_or_default(),
        retention_ends: years.and_then(|y| ends(lib, index, y)),
        decision: version.as_ref().and_then(|v| decision(lib, &id, v)).map(described).unwrap_or_default(),
        public: meta.public,
        fingerprint: fingerprint.to_string(),
        file: doc.file.path.to_string_lossy().replace('\\', "/"),
        doc: Some(index),
        id,
        version,
    })
}

/// The versions only the lock knows whose destruction or transfer is
/// recorded; named with the title of the id's newest version still on file.
fn removed(lib: &Library) -> Vec<Row> {
    lib.lock
        .entries()
        .filter(|e| !lib.versions(&e.id).any(|d| d.version() == Some(&e.version)))
        .filter_map(|e| {
            let decided = decision(lib, &e.id, &e.version).filter(|d| d.decision.lets_file_go())?;
            let title = lib.versions(&e.id).last().map(|d| d.title().to_string()).unwrap_or_default();
            Some(Row {
                title,
                version: Some(e.version.clone()),
                status: super::retention::gone_status(decided.decision),
                ratified_by: e.committee.clone(),
                ratified: Some(e.date),
                decision: described(decided),
                fingerprint: e.fingerprint.to_string(),
                ..Row::blank(e.id.clone())
            })
        })
        .collect()
}

fn described(d: &crate::lock::retention::RetentionDecision) -> String {
    format!("{} ({}, {})", super::retention::name(d.decision), d.date.iso(), d.by)
}
