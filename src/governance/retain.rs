//! `trustdocs retain ID VERSION`: the records manager's decision on a
//! version whose retention period has ended — keep it for the archive,
//! destroy it, or transfer it to an archive — appended as one line to
//! `retention.log`. trustdocs never deletes a version: after a `destroy`
//! or `transfer` decision the records manager removes the file by hand,
//! and the decision is what lets the lock's entry stand without it (H010).

use super::{open, typed_value, versions};
use crate::error::{Error, Result};
use crate::lock::retention::{Decision, FILE};
use crate::model::timeline::Standing;
use crate::model::{Date, DocId, Status, Version};
use crate::output::folder_lock::Writing;
use crate::records::retention::{ends, name};
use crate::resolve::Library;
use std::io::Write;
use std::path::PathBuf;

/// What `retain` was asked to record.
pub struct RetainOptions {
    pub id: String,
    pub version: String,
    pub dir: PathBuf,
    pub decision: Decision,
    pub by: String,
    pub date: Date,
    pub reason: String,
    /// Show the line and write nothing.
    pub dry_run: bool,
    pub today: Date,
}

/// What `retain` recorded, or on a dry run would record.
#[derive(Debug)]
pub struct Retained {
    pub id: DocId,
    pub version: Version,
    pub decision: Decision,
    /// The line appended (without its line end).
    pub line: String,
    /// `retention.log` as shown (`content/retention.log`).
    pub log: String,
    /// The version's file, which after `destroy` or `transfer` the records
    /// manager removes by hand; `None` when it is already gone.
    pub file: Option<String>,
    pub written: bool,
}

/// The log's first lines, when `retain` makes it.
const HEADER: &str = "# retention.log: the records manager's decisions on versions whose retention period has ended.\n# Written by `trustdocs retain`, one line per decision, never changed: DATE ID VERSION DECISION BY REASON, tab-separated.\n";

pub fn retain(opts: &RetainOptions) -> Result<Retained> {
    let by = typed_value("--by", &opts.by)?;
    let reason = typed_value("--reason", &opts.reason)?;
    if by.is_empty() || reason.is_empty() {
        return Err(Error::Usage("--by and --reason must not be empty: say who decided and why".into()));
    }
    if opts.date > opts.today {
        return Err(Error::Usage(format!(
            "--date {} is after today ({}): record a decision once it has been made",
            opts.date.iso(),
            opts.today.iso()
        )));
    }
    let version = Version::parse(&opts.version)
        .map_err(|e| Error::Usage(format!("`{}` is not a version number: {e}", opts.version)))?;
    let (folder, project) = open(&opts.dir, opts.today)?;
    let lib = &project.lib;
    let (id, file) = on_record(lib, &opts.id, &version)?;
    match file {
        Some(index) => allowed(lib, (opts.decision, opts.date), &id, &version, index)?,
        // Keeping a version whose file is gone would keep nothing.
        None if opts.decision == Decision::Keep => {
            return Err(Error::Refused(format!(
                "{id} version {version} has no file to keep: restore it from version control first, or record `destroy` or `transfer` if that is what became of it"
            )))
        }
        None => {}
    }
    let line =
        [opts.date.iso(), id.to_string(), version.to_string(), name(opts.decision).into(), by, reason].join("\t");
    let log = format!("{}/{FILE}", crate::load::display_path(&lib.dir));
    let file = file.map(|f| lib.doc(f).file.display.clone());
    if !opts.dry_run {
        append(&folder, &line).map_err(Error::io("append to", &log))?;
    }
    Ok(Retained { id, version, decision: opts.decision, line, log, file, written: !opts.dry_run })
}

/// The id and the version's file (`None`: known from the lock alone), or
/// why the version is not one a decision can be recorded for.
fn on_record(lib: &Library, text: &str, version: &Version) -> Result<(DocId, Option<crate::resolve::DocIndex>)> {
    let id = match versions(lib, text) {
        Ok((id, _)) => id,
        Err(_) if lib.lock.has_id(&DocId::new(text)) => DocId::new(text),
        Err(e) => return Err(e),
    };
    let file =
        lib.by_id().get(&id).and_then(|v| v.all.iter().copied().find(|&i| lib.doc(i).version() == Some(version)));
    let locked = lib.lock.entry(&id, version).is_some();
    match file {
        None if !locked => {
            let known: Vec<String> = lib.versions(&id).filter_map(|d| d.version().map(Version::to_string)).collect();
            Err(Error::Refused(format!(
                "{id} has no version {version}: no file has it and {} has no entry for it (versions with files: {})",
                lib.lock.display,
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            )))
        }
        Some(i) if lib.doc(i).status().is_none_or(Status::is_draft) && !locked => Err(Error::Refused(format!(
            "{id} version {version} ({}) is a draft, not a version on record: a retention decision is for versions that were ratified",
            lib.doc(i).file.display
        ))),
        _ => Ok((id, file)),
    }
}

/// A version still in force (or yet to be) is refused every decision: its
/// retention period has not begun. `destroy` is refused too until the
/// period has ended on the day of the decision, which the retention
/// schedule exists to ensure; `keep` and `transfer` preserve the record, so
/// they may be decided early.
fn allowed(
    lib: &Library,
    (decision, decided_on): (Decision, Date),
    id: &DocId,
    version: &Version,
    index: crate::resolve::DocIndex,
) -> Result<()> {
    match lib.standing(index) {
        Standing::InForce | Standing::Upcoming(_) => {
            return Err(Error::Refused(format!(
                "{id} version {version} is in force (or about to be) on {}: its retention period begins only when it stops being in force; withdraw it or ratify the version that replaces it first",
                lib.today()
            )))
        }
        _ => {}
    }
    if decision != Decision::Destroy {
        return Ok(());
    }
    let Some(years) = lib.config.site.retention_years else {
        return Err(Error::Refused(format!(
            "a destroy decision needs the retention period: add `retention: {{years: N}}` to {}/site.yaml, N from the trust's retention schedule",
            crate::load::display_path(&lib.dir)
        )));
    };
    match ends(lib, index, years) {
        Some(end) if end <= decided_on => Ok(()),
        end => Err(Error::Refused(format!(
            "the retention period of {id} version {version} had not ended on {decided_on}, the day of the decision: it ends on {} ({years} years after it stopped being in force); record `keep` or `transfer` now if it is to be preserved, or `destroy` once it has ended",
            end.map_or_else(|| "a day not yet known".to_string(), |d| d.to_string())
        ))),
    }
}

/// Appends `line` to the log, writing nothing over what is there: a new
/// log starts with a header, and an existing one whose last line has no
/// line end gets one first. The log must be the folder's own file.
fn append(folder: &Writing, line: &str) -> std::io::Result<()> {
    let path = folder.dir().join(FILE);
    let existing = match std::fs::symlink_metadata(&path) {
        Ok(m) if !m.is_file() => {
            return Err(std::io::Error::other("it is not a plain file (a link or a folder); make it the file itself"))
        }
        Ok(m) => Some(m.len()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut text = String::new();
    match existing {
        None => text.push_str(HEADER),
        Some(len) if len > 0 && !ends_with_newline(&path)? => text.push('\n'),
        Some(_) => {}
    }
    text.push_str(line);
    text.push('\n');
    let mut file = std::fs::OpenOptions::new().append(true).create_new(existing.is_none()).open(&path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

fn ends_with_newline(path: &std::path::Path) -> std::io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}
