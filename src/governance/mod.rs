//! The governance team's commands: `new-version`, `approve`, `ratify`,
//! `withdraw`, `lock` and `fingerprint` (docs/governance.md). Each that writes holds the
//! content folder for writing (`output::folder_lock`: one such command at a time, and what a killed
//! one left is settled first), loads it through the one pipeline, decides,
//! edits front matter through `edit` (minimal, textual) and writes every
//! file through `output::replace` (all or none), still holding it.
//! Each returns what it did as a typed report, or why it would not as an
//! [`Error`]; the command line (`src/cli/governance.rs`) prints both. Only
//! waiting for the folder and settling a killed command are told as they
//! happen.

mod adopt;
mod after;
mod approve;
mod cited;
mod decision;
mod fingerprint;
mod new_version;
mod ratify;
mod retain;
mod withdraw;

pub use adopt::{lock, Locked, Unrecordable, Unrecorded};
pub use approve::{approve, ApproveOptions, Approved};
pub use cited::Citing;
pub use decision::{Decided, Decision};
pub use fingerprint::{fingerprint, FileFingerprint, Fingerprints};
pub use new_version::{new_version, NewVersion, NewVersionOptions};
pub use ratify::{ratify, Ratification, RatifyOptions, ReviewDate, Superseded};
pub use retain::{retain, RetainOptions, Retained};
pub use withdraw::{withdraw, WithdrawOptions, Withdrawal};

use crate::error::{Error, Findings, Result, Stop};
use crate::model::{Date, DocId, Document};
use crate::output::folder_lock::{self, Writing};
use crate::output::replace::{replace_all, NewFile};
use crate::resolve::{Library, Versions};
use crate::Project;
use std::path::{Path, PathBuf};

/// A file a command changed, or, on a dry run, would change: its text
/// before (empty for a new file) and after.
#[derive(Debug, Clone)]
pub struct FileEdit {
    /// The file as the command line shows it (`content/documents/x.md`).
    pub file: String,
    pub before: String,
    pub after: String,
}

/// What became of a command's edits.
#[derive(Debug)]
pub enum Applied {
    /// Every file was written, all or none.
    Written,
    /// A dry run: nothing was written; these are the edits it would make.
    Shown(Vec<FileEdit>),
}

/// A value a person typed for the record (a committee, a minute, a summary,
/// a reason), as one line: the lock, the amendment history and the control
/// sheet show it on one line, so line breaks and runs of spaces become one
/// space. Control characters and invisible characters, which no committee
/// name needs and which could hide what the record says, are refused.
fn typed_value(flag: &str, value: &str) -> Result<String> {
    let hidden = |c: char| (c.is_control() && !c.is_whitespace()) || crate::text::is_invisible(c);
    if let Some(c) = value.chars().find(|&c| hidden(c)) {
        return Err(Error::Usage(format!(
            "{flag} holds an invisible or control character (U+{:04X}): type the value again without it",
            c as u32
        )));
    }
    Ok(value.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Holds a content folder, which must hold `site.yaml` and `documents/`,
/// for writing, and loads it: what is loaded stays as it is until the
/// command has written its files. A folder another command holds too long,
/// or whose interrupted changes cannot be settled, is a refusal; one that
/// cannot be read is bad input.
fn open(dir: &Path, today: Date) -> Result<(Writing, Project)> {
    if !dir.join("site.yaml").is_file() || !dir.join("documents").is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a content folder (it has no site.yaml and documents/ folder); give the folder that holds them, e.g. `content`",
            dir.display()
        )));
    }
    let failed = |e: Error| match e {
        Error::Busy(_) | Error::Refused(_) => e,
        _ => Error::Unreadable(Box::new(e)),
    };
    let folder = folder_lock::for_writing(dir).map_err(failed)?;
    let project = Project::load_held(&folder, today).map_err(failed)?;
    Ok((folder, project))
}

/// The versions of the id `text` names, or a refusal that suggests a close id.
fn versions<'l>(lib: &'l Library, text: &str) -> Result<(DocId, &'l Versions)> {
    lib.versions_named(text).map_err(Error::Refused)
}

/// A document's file as it is on disk: the text trustdocs edits, and a
/// byte-order mark to put back in front of it.
struct OnDisk {
    path: PathBuf,
    display: String,
    bom: bool,
    text: String,
}

impl OnDisk {
    fn read(lib: &Library, doc: &Document) -> Result<OnDisk> {
        let path = lib.dir.join(&doc.file.path);
        let read = crate::model::source::read_for_editing(&path, &doc.file.display)?;
        let (bom, text) = (read.bom, read.text);
        if let Some(a) = read.ambiguity {
            let finding = crate::diag::Diagnostic::new(crate::diag::Code::S008, a.message.clone())
                .in_file(&doc.file.display)
                .at(a.pos)
                .help(a.help);
            return Err(one_finding(Stop::TwoReadings, finding));
        }
        Ok(OnDisk { path, display: doc.file.display.clone(), bom, text })
    }

    fn with_text(&self, text: String) -> NewFile {
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if self.bom {
            bytes.extend_from_slice("\u{feff}".as_bytes());
        }
        bytes.extend_from_slice(text.as_bytes());
        NewFile { path: self.path.clone(), bytes }
    }

    /// The change that gives this file the text `after`.
    fn change(&self, after: String) -> Change {
        Change { display: self.display.clone(), before: self.text.clone(), file: self.with_text(after.clone()), after }
    }
}

/// A refusal for one finding about one file.
fn one_finding(stop: Stop, finding: crate::diag::Diagnostic) -> Error {
    Error::Findings(Box::new(Findings { stop, diagnostics: vec![finding], sources: Default::default() }))
}

/// A file's text could not be edited (`edit`'s reason): nothing was written.
fn cannot_edit<E: std::fmt::Display>(file: &str) -> impl Fn(E) -> Error + '_ {
    move |why| Error::Refused(format!("cannot edit {file}: {why}\n  nothing was written"))
}

/// A file before and after a command's edits.
struct Change {
    display: String,
    before: String,
    after: String,
    file: NewFile,
}

/// Writes every change into the folder held, all or none; or, on a dry
/// run, writes nothing and hands the changes back to be shown. `command` is
/// what the journal says is being done.
fn apply(folder: &Writing, command: &str, changes: Vec<Change>, dry_run: bool) -> Result<Applied> {
    if dry_run {
        let edits = changes.into_iter().map(|c| FileEdit { file: c.display, before: c.before, after: c.after });
        return Ok(Applied::Shown(edits.collect()));
    }
    let files: Vec<NewFile> = changes.into_iter().map(|c| c.file).collect();
    replace_all(folder, command, &files)?;
    Ok(Applied::Written)
}

fn version_of(doc: &Document) -> String {
    doc.version().map_or_else(|| "?".to_string(), |v| v.to_string())
}
