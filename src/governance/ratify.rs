//! `trustdocs ratify ID`: the version in preparation becomes the version in
//! force, the one it replaces is superseded, and the lock records what was
//! ratified. It refuses on exactly what `check` and `pack` report as
//! blocking ratification (`check::readiness`, for the decision as given:
//! its committee, date and review date); then, as a last guard, on any
//! error the checks find in the library as it would be afterwards
//! (`after.rs`).

use super::decision::{decide, Decided, Decision, Edits, Held, Refusals, Typed};
use super::{cannot_edit, Change, OnDisk};
use crate::check::readiness::{self, Proposal};
use crate::diag::{Diagnostic, Severity};
use crate::error::{Error, Findings, Result, Stop};
use crate::lock::{Entry, Fingerprint, Recorded};
use crate::model::fingerprint::with_files;
use crate::model::HISTORY_PLACEHOLDER;
use crate::model::{Date, Document, HistoryEntry, Version};
use crate::resolve::Library;
use crate::yaml::edit::{Editor, Value};

/// The review date to set.
pub enum ReviewDate {
    On(Date),
    YearsAfter(u32),
    /// `review.default_years` of site.yaml after the ratification date.
    Default,
}

pub struct RatifyOptions {
    pub decision: Decision,
    pub minute: Option<String>,
    pub review: ReviewDate,
    pub summary: Option<String>,
    /// The day it comes into force, when later than the decision's.
    pub effective: Option<Date>,
}

/// What a ratification recorded besides the decision itself.
#[derive(Debug)]
pub struct Ratification {
    /// The minute that records it, as recorded.
    pub minute: Option<String>,
    pub review: Date,
    /// The day it comes into force, when later than the decision's.
    pub effective: Option<Date>,
    /// `--summary` was given, but the history entry already said what changed.
    pub summary_unused: bool,
    /// The version it replaces, now superseded.
    pub superseded: Option<Superseded>,
    /// The lock file as shown, and the fingerprint recorded in it.
    pub lock: String,
    pub fingerprint: Recorded,
}

#[derive(Debug)]
pub struct Superseded {
    pub version: String,
    pub file: String,
}

const REFUSALS: Refusals = Refusals {
    empty: "--by is empty: name the committee that ratified the document",
    future: "record a ratification once the committee has made it",
};

pub fn ratify(opts: &RatifyOptions) -> Result<Decided<Ratification>> {
    let typed = [
        Typed { flag: "--minute", value: opts.minute.as_deref(), required: false },
        Typed { flag: "--summary", value: opts.summary.as_deref(), required: false },
    ];
    decide(&opts.decision, &typed, &REFUSALS, |held| edits(opts, held))
}

/// The ratified draft, the superseded version and the lock's new entry,
/// once the record is sound and the checks find no error in the result.
fn edits(opts: &RatifyOptions, held: &Held) -> Result<Edits<Ratification>> {
    let (lib, d) = (held.lib(), held.decision);
    sound_record(&held.project)?;
    let versions = held.versions();
    let draft_index = versions.preparing.ok_or_else(|| {
        let id = &held.id;
        Error::Refused(format!(
            "{id} has no version in preparation (a draft or consultation version) to ratify\n  make one with `trustdocs new-version {id}`, change it, then ratify it"
        ))
    })?;
    let draft = lib.doc(draft_index);
    let version = draft
        .version()
        .cloned()
        .ok_or_else(|| Error::Refused(format!("{} has no valid version; run `trustdocs check`", draft.file.display)))?;
    let review = match opts.review {
        ReviewDate::On(date) => date,
        ReviewDate::YearsAfter(n) => years_after(d.date, n),
        ReviewDate::Default => years_after(d.date, lib.config.site.default_review_years),
    };
    let given = |i: usize| held.values[i].as_deref().filter(|v| !v.is_empty());
    let by = as_the_route_names_it(lib, draft, &held.by);
    let effective = effective_after(opts.effective, d.date)?;
    let plan =
        Plan { version: &version, by: &by, minute: given(0), summary: given(1), date: d.date, review, effective };
    let draft_file = OnDisk::read(lib, draft)?;
    let (new_text, summary_used) = plan.ratified_text(draft, &draft_file)?;
    let mut changes = vec![draft_file.change(new_text.clone())];
    let proposal = Proposal { by: Some(&by), date: d.date, review, summary: plan.summary.is_some() };
    let mut found = held.project.diags.clone();
    found.extend(crate::check::library_wide(lib));
    let blocking = readiness::blocking(lib, draft_index, &found, &proposal);
    if !blocking.is_empty() {
        return Err(refusal(lib, draft, &changes[0], blocking));
    }
    let previous = versions.decided.map(|i| lib.doc(i));
    if let Some(prev) = previous {
        changes.push(superseded(lib, prev)?);
    }
    let entry = Entry {
        id: held.id.clone(),
        version: version.clone(),
        date: d.date,
        fingerprint: Recorded::new(with_files(&Fingerprint::of(&new_text), &lib.files_used(draft))),
        committee: by.clone(),
    };
    changes.push(lock_change(lib, draft, &entry)?);
    let mut edited = vec![(draft_index, &changes[0])];
    if let Some(prev) = versions.decided {
        edited.push((prev, &changes[1]));
    }
    let errors = super::after::findings_after(&held.project, &edited, &changes[changes.len() - 1].after, d.today);
    if !errors.is_empty() {
        return Err(refusal(lib, draft, &changes[0], errors));
    }
    let what = Ratification {
        minute: plan.minute.map(str::to_string),
        review,
        effective: plan.effective,
        summary_unused: plan.summary.is_some() && !summary_used,
        superseded: previous.map(|p| Superseded { version: super::version_of(p), file: p.file.display.clone() }),
        lock: lib.lock.display.clone(),
        fingerprint: entry.fingerprint,
    };
    Ok(Edits::of(draft, format!("ratify {} version {version}", held.id), changes, what))
}

/// A ratification is added to a record that must itself be sound: the
/// library must have a lock, and neither the lock, `retention.log` nor the
/// settings may have an error. (An entry that has lost its version, H010,
/// or disagrees with it, H012, is found with the draft's errors.)
fn sound_record(project: &crate::Project) -> Result<()> {
    let lib = &project.lib;
    let dir = crate::load::display_path(&lib.dir);
    if !lib.lock.exists {
        return Err(Error::Refused(format!(
            "{} has no {}, so nothing records what was ratified before
  run `trustdocs lock {dir}` first: it records the ratified versions as they are now",
            dir,
            crate::lock::FILE
        )));
    }
    let record_files = ["site.yaml", "roles.yaml", "glossary.yaml", crate::lock::FILE, crate::lock::retention::FILE]
        .map(|f| format!("{dir}/{f}"));
    let errors: Vec<Diagnostic> = project
        .diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| d.file.as_ref().is_some_and(|f| record_files.contains(f)))
        .cloned()
        .collect();
    match errors.is_empty() {
        true => Ok(()),
        false => Err(Error::Findings(Box::new(Findings {
            stop: Stop::UnsoundRecord,
            diagnostics: errors,
            sources: Default::default(),
        }))),
    }
}

/// The version in force, marked superseded.
fn superseded(lib: &Library, prev: &Document) -> Result<Change> {
    let file = OnDisk::read(lib, prev)?;
    let mut e = Editor::new(&file.text).map_err(cannot_edit(&file.display))?;
    e.set("status", &Value::Word("superseded"));
    let after = e.finish().map_err(cannot_edit(&file.display))?;
    Ok(file.change(after))
}

/// The lock with the new entry added.
fn lock_change(lib: &Library, draft: &Document, entry: &Entry) -> Result<Change> {
    let lock_text = lib.lock.with_entries(std::slice::from_ref(entry)).map_err(|why| {
        Error::Refused(format!("{why}\n  give the version in preparation a new number ({})", draft.file.display))
    })?;
    let lock_path = lib.dir.join(crate::lock::FILE);
    let old_lock = std::fs::read_to_string(&lock_path).unwrap_or_default();
    Ok(Change {
        display: lib.lock.display.clone(),
        before: old_lock,
        after: lock_text.clone(),
        file: crate::output::replace::NewFile { path: lock_path, bytes: lock_text.into_bytes() },
    })
}

/// The refusal for the errors of the draft once ratified, with the draft's
/// text on disk to show their lines.
fn refusal(lib: &Library, draft: &Document, change: &Change, errors: Vec<Diagnostic>) -> Error {
    let stop = Stop::Ratification {
        id: draft.id().map(|i| i.to_string()).unwrap_or_default(),
        version: super::version_of(draft),
        dir: crate::load::display_path(&lib.dir),
    };
    let sources = std::collections::HashMap::from([(change.display.clone(), change.before.clone())]);
    Error::Findings(Box::new(Findings { stop, diagnostics: errors, sources }))
}

/// The committee as the approval route of the draft's type spells it,
/// when it is on the route (`approve` records it so too).
fn as_the_route_names_it(lib: &Library, draft: &Document, by: &str) -> String {
    let doc_type = draft.meta.doc_type.as_ref().map(|t| t.value.as_str()).unwrap_or_default();
    let route = lib.config.site.approval_route(doc_type);
    route.and_then(|r| r.step_of(by).map(|n| r.committees[n].clone())).unwrap_or_else(|| by.to_string())
}

/// `date` plus `years` (29 February becomes 28 February).
fn years_after(date: Date, years: u32) -> Date {
    let day = date.day.checked_add_months(chrono::Months::new(years.saturating_mul(12))).unwrap_or(date.day);
    Date { day, precision: crate::model::Precision::Day }
}

struct Plan<'a> {
    version: &'a Version,
    by: &'a str,
    minute: Option<&'a str>,
    summary: Option<&'a str>,
    date: Date,
    review: Date,
    effective: Option<Date>,
}

/// `--effective`: a day after the decision's (the same day is the default
/// and is not written); never before it.
fn effective_after(effective: Option<Date>, decided: Date) -> Result<Option<Date>> {
    match effective {
        Some(day) if day < decided => Err(Error::Usage(format!(
            "--effective {} is before the ratification date {}: a version cannot come into force before it is ratified; give a day on or after --date",
            day.iso(),
            decided.iso()
        ))),
        Some(day) if day == decided => Ok(None),
        other => Ok(other),
    }
}

impl Plan<'_> {
    /// The ratified text of the draft, and whether `--summary` went into it.
    fn ratified_text(&self, draft: &Document, file: &OnDisk) -> Result<(String, bool)> {
        let fail = cannot_edit(&file.display);
        let mut e = Editor::new(&file.text).map_err(&fail)?;
        e.set("status", &Value::Word("ratified"));
        let mut ratified = vec![("by", Value::Text(self.by)), ("date", Value::Date(self.date))];
        if let Some(m) = self.minute {
            ratified.push(("minute", Value::Text(m)));
        }
        e.set_map("ratified", &ratified);
        e.set("review_date", &Value::Date(self.review));
        // The committee's day is the default, so only a later day is written;
        // an `effective` left in the draft is replaced either way.
        match self.effective {
            Some(day) => e.set("effective", &Value::Date(day)),
            None => e.remove("effective"),
        }
        let used = self.history(draft, &mut e, &file.display)?;
        Ok((e.finish().map_err(&fail)?, used))
    }

    /// Completes this version's history entry, or adds one; whether
    /// `--summary` went into it.
    fn history(&self, draft: &Document, e: &mut Editor, file: &str) -> Result<bool> {
        let entries: &[HistoryEntry] = draft.meta.history.as_ref().map_or(&[], |h| &h.value);
        let count = e.count("history");
        let summary = self.summary;
        match entries.last().filter(|_| entries.len() == count) {
            // The entry new-version made, or one written for this version.
            Some(last) if self.is_this_versions(last) => {
                let n = count - 1;
                let mut set = |key: &str, value: &Value| e.set_in("history", n, key, value).map_err(cannot_edit(file));
                set("version", &Value::Text(self.version.as_str()))?;
                set("date", &Value::Date(self.date))?;
                if last.review_date.is_some() {
                    set("review_date", &Value::Date(self.review))?;
                }
                let unwritten = last.description.trim().is_empty() || last.description.contains(HISTORY_PLACEHOLDER);
                if let (true, Some(s)) = (unwritten, summary) {
                    set("description", &Value::Text(s))?;
                    return Ok(true);
                }
                Ok(false)
            }
            // Entries that could not all be read: the checks report them.
            Some(_) | None if entries.len() != count => Ok(false),
            _ => {
                let entry = [
                    ("version", Value::Text(self.version.as_str())),
                    ("date", Value::Date(self.date)),
                    ("description", Value::Text(summary.unwrap_or(HISTORY_PLACEHOLDER))),
                ];
                e.append_item("history", &entry).map_err(cannot_edit(file))?;
                Ok(summary.is_some())
            }
        }
    }

    /// Whether a history entry is this version's rather than an earlier
    /// draft's: the same number, or the entry `new-version` made (its
    /// number may lag behind a version renumbered by hand).
    fn is_this_versions(&self, entry: &HistoryEntry) -> bool {
        entry.version.value == *self.version || entry.description.contains(HISTORY_PLACEHOLDER)
    }
}
