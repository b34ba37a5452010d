//! What `ratify` and `withdraw` share: each records a committee's decision
//! (by, date) about a document. The values typed for the record are made
//! one line and checked, and the date may not be later than today, before
//! anything is read; then the folder is held and loaded, the id found, the
//! command makes its checks and front-matter edits, every file is written
//! all or none (or, on a dry run, only shown), and the documents that cite
//! the id are named. Each command supplies only its checks and edits.

use super::cited::{citing, Citing};
use super::{apply, open, typed_value, versions, Applied, Change};
use crate::error::{Error, Result};
use crate::model::{Date, DocId, Document};
use crate::resolve::{Library, Versions};
use crate::Project;
use std::path::PathBuf;

/// A committee's decision about a document, as given on the command line.
pub struct Decision {
    /// The document's id as typed.
    pub id: String,
    /// The content folder.
    pub dir: PathBuf,
    /// The committee that decided.
    pub by: String,
    pub date: Date,
    /// Show the edits and write nothing.
    pub dry_run: bool,
    /// `date` may not be later; the checks run for it.
    pub today: Date,
}

/// What a decision did: the facts every decision has, what the command
/// itself reports (`what`), its edits, and who cites the document.
#[derive(Debug)]
pub struct Decided<T> {
    pub id: DocId,
    /// The version decided about, and its file as shown.
    pub version: String,
    pub file: String,
    /// The committee, as recorded (one line).
    pub by: String,
    pub date: Date,
    pub what: T,
    pub applied: Applied,
    pub citing: Vec<Citing>,
}

/// A value typed for the record besides `--by`.
pub(super) struct Typed<'a> {
    pub flag: &'static str,
    pub value: Option<&'a str>,
    /// Whether it may not be empty (like `--by`).
    pub required: bool,
}

/// What a command says of values it cannot record.
pub(super) struct Refusals {
    /// `--by` or a required value is empty.
    pub empty: &'static str,
    /// The decision's date is after today: when to record it instead.
    pub future: &'static str,
}

/// The library held for writing, the id found, and the typed values made
/// one line (in the order given, `None` where none was given).
pub(super) struct Held<'d> {
    pub decision: &'d Decision,
    pub project: Project,
    pub id: DocId,
    pub by: String,
    pub values: Vec<Option<String>>,
}

impl Held<'_> {
    pub fn lib(&self) -> &Library {
        &self.project.lib
    }

    pub fn versions(&self) -> &Versions {
        &self.project.lib.by_id()[&self.id]
    }
}

/// A command's edits: the version decided about, what the journal calls
/// the command, the changed files, and the command's own report.
pub(super) struct Edits<T> {
    pub doc_version: String,
    pub doc_file: String,
    pub command: String,
    pub changes: Vec<Change>,
    pub what: T,
}

impl<T> Edits<T> {
    pub fn of(doc: &Document, command: String, changes: Vec<Change>, what: T) -> Edits<T> {
        Edits { doc_version: super::version_of(doc), doc_file: doc.file.display.clone(), command, changes, what }
    }
}

/// Runs a decision: the shared preamble, the command's `edits`, the
/// writing, and the documents that cite the id.
pub(super) fn decide<T>(
    d: &Decision,
    typed: &[Typed],
    refusals: &Refusals,
    edits: impl FnOnce(&Held) -> Result<Edits<T>>,
) -> Result<Decided<T>> {
    let by = typed_value("--by", &d.by)?;
    let values = typed
        .iter()
        .map(|t| t.value.map(|v| typed_value(t.flag, v)).transpose())
        .collect::<Result<Vec<Option<String>>>>()?;
    let empty = |v: &Option<String>, t: &Typed| t.required && v.as_deref().is_none_or(str::is_empty);
    if by.is_empty() || values.iter().zip(typed).any(|(v, t)| empty(v, t)) {
        return Err(Error::Usage(refusals.empty.to_string()));
    }
    if d.date > d.today {
        return Err(Error::Usage(format!(
            "--date {} is after today ({}): {}",
            d.date.iso(),
            d.today.iso(),
            refusals.future
        )));
    }
    let (folder, project) = open(&d.dir, d.today)?;
    let (id, _) = versions(&project.lib, &d.id)?;
    let held = Held { decision: d, project, id, by, values };
    let e = edits(&held)?;
    let citing = citing(held.lib(), &held.id);
    let applied = apply(&folder, &e.command, e.changes, d.dry_run)?;
    let Held { id, by, .. } = held;
    Ok(Decided { id, version: e.doc_version, file: e.doc_file, by, date: d.date, what: e.what, applied, citing })
}
