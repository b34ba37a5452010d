//! The governance team's commands: `new-version`, `ratify`, `withdraw`,
//! `lock` and `fingerprint` (docs/governance.md). Each that writes holds the
//! content folder for writing (`output::folder_lock`: one such command at a time, and what a killed
//! one left is settled first), loads it through the one pipeline, decides,
//! edits front matter through `edit` (minimal, textual) and writes every
//! file through `output::replace` (all or none), still holding it.
//! What they print is returned as text; `main.rs` prints it. Only waiting
//! for the folder and settling a killed command are told as they happen.

mod adopt;
mod cited;
mod fingerprint;
mod new_version;
mod ratify;
mod withdraw;

pub use adopt::lock;
pub use fingerprint::fingerprint;
pub use new_version::{new_version, NewVersionOptions};
pub use ratify::{ratify, RatifyOptions, ReviewDate};
pub use withdraw::{withdraw, WithdrawOptions};

use crate::error::Error;
use crate::load::display_path;
use crate::model::{DocId, Document};
use crate::output::folder_lock::{self, Writing};
use crate::output::replace::{replace_all, NewFile};
use crate::resolve::{Library, Versions};
use crate::text::for_terminal;
use crate::Project;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// What a command printed and how it ended: 0 done, 1 refused or failed, 2 bad usage.
#[derive(Debug, Default)]
pub struct Outcome {
    pub status: u8,
    /// What was done (standard output).
    pub out: String,
    /// Why it was refused, and the findings that stop it (standard error).
    pub err: String,
}

impl Outcome {
    fn done(out: String) -> Outcome {
        Outcome { status: 0, out, err: String::new() }
    }

    fn refused(err: impl Into<String>) -> Outcome {
        Outcome { status: 1, out: String::new(), err: with_newline(err.into()) }
    }

    fn usage(err: impl Into<String>) -> Outcome {
        Outcome { status: 2, out: String::new(), err: with_newline(err.into()) }
    }
}

fn with_newline(mut s: String) -> String {
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// A refusal (exit 1) or bad usage (exit 2), ended early with `?`.
type Step<T> = Result<T, Outcome>;

/// A value a person typed for the record (a committee, a minute, a summary,
/// a reason), as one line: the lock, the amendment history and the control
/// sheet show it on one line, so line breaks and runs of spaces become one
/// space. Control characters and invisible characters, which no committee
/// name needs and which could hide what the record says, are refused.
fn typed_value(flag: &str, value: &str) -> Step<String> {
    let hidden = |c: char| (c.is_control() && !c.is_whitespace()) || crate::text::is_invisible(c);
    if let Some(c) = value.chars().find(|&c| hidden(c)) {
        return Err(Outcome::usage(format!(
            "error: {flag} holds an invisible or control character (U+{:04X}): type the value again without it",
            c as u32
        )));
    }
    Ok(value.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Holds a content folder, which must hold `site.yaml` and `documents/`,
/// for writing, and loads it: what is loaded stays as it is until the
/// command has written its files.
fn open(dir: &Path) -> Step<(Writing, Project)> {
    let shown = dir.display();
    if !dir.join("site.yaml").is_file() || !dir.join("documents").is_dir() {
        return Err(Outcome::usage(format!(
            "error: {shown} is not a content folder (it has no site.yaml and documents/ folder); give the folder that holds them, e.g. `content`"
        )));
    }
    let failed = |e: Error| match e {
        Error::Busy(_) | Error::Refused(_) => Outcome::refused(format!("error: {e}")),
        _ => Outcome::usage(format!("error: {e}")),
    };
    let folder = folder_lock::for_writing(dir).map_err(failed)?;
    let project = Project::load_held(&folder).map_err(failed)?;
    Ok((folder, project))
}

/// The versions of the id `text` names, or a refusal that suggests a close id.
fn versions<'l>(lib: &'l Library, text: &str) -> Step<(DocId, &'l Versions)> {
    let id = DocId::new(text);
    match lib.by_id().get(&id) {
        Some(v) => Ok((id, v)),
        None => {
            let suggestion = crate::text::closest(id.as_str(), lib.by_id().keys().map(DocId::as_str))
                .map(|c| format!(" Did you mean {c}?"))
                .unwrap_or_default();
            Err(Outcome::refused(format!(
                "error: no document in {} has the id {}.{suggestion} `trustdocs check` lists the documents it read.",
                display_path(&lib.dir),
                for_terminal(text)
            )))
        }
    }
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
    fn read(lib: &Library, doc: &Document) -> Step<OnDisk> {
        let path = lib.dir.join(&doc.file.path);
        let bytes = std::fs::read(&path)
            .map_err(|e| Outcome::refused(format!("error: cannot read {}: {e}", doc.file.display)))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Outcome::refused(format!("error: {} is not UTF-8 text", doc.file.display)))?;
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest.to_string()),
            None => (false, text),
        };
        // The edits count lines as the fingerprint does; a file YAML could
        // read otherwise (S008) would be edited in the wrong place.
        let layout = crate::model::source::Layout::of(&text);
        if let Some(a) = crate::model::source::ambiguities(&text, &layout).first() {
            return Err(Outcome::refused(for_terminal(&format!(
                "error[S008]: {}:{}:{}: {}\n  {}\n  nothing was written",
                doc.file.display, a.pos.line, a.pos.column, a.message, a.help
            ))));
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
}

/// A file before and after a command's edits.
struct Change {
    display: String,
    before: String,
    after: String,
    file: NewFile,
}

/// Writes every change into the folder held, all or none; or, on a dry
/// run, shows them as a diff. `command` is what the journal says is being done.
fn write_or_show(folder: &Writing, command: &str, changes: &[Change], dry_run: bool, out: &mut String) -> Step<()> {
    if dry_run {
        for c in changes {
            out.push_str(&unified_diff(c));
        }
        out.push_str("dry run: nothing was written\n");
        return Ok(());
    }
    let files: Vec<NewFile> =
        changes.iter().map(|c| NewFile { path: c.file.path.clone(), bytes: c.file.bytes.clone() }).collect();
    replace_all(folder, command, &files).map_err(|e| Outcome::refused(format!("error: {e}")))
}

/// The change as a unified diff, `a/` and `b/` prefixed like git's.
fn unified_diff(c: &Change) -> String {
    let diff = similar::TextDiff::from_lines(&c.before, &c.after);
    let name = for_terminal(&c.display);
    let (old, new) = match c.before.is_empty() {
        true => ("/dev/null".to_string(), format!("b/{name}")),
        false => (format!("a/{name}"), format!("b/{name}")),
    };
    let text = diff.unified_diff().context_radius(2).header(&old, &new).to_string();
    for_terminal(&text).into_owned()
}

/// Appends a line to a report, cleaned for the terminal.
fn line(out: &mut String, text: impl AsRef<str>) {
    let _ = writeln!(out, "{}", for_terminal(text.as_ref()));
}

fn version_of(doc: &Document) -> String {
    doc.version().map_or_else(|| "?".to_string(), |v| v.to_string())
}
