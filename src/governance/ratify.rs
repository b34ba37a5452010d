//! `trustdocs ratify ID`: the version in preparation becomes the version in
//! force, the one it replaces is superseded, and the lock records what was
//! ratified. The checks run first on the library as it would be afterwards,
//! so that whatever ratification itself would make wrong (a missing owner,
//! an EIA the type requires, a review date before the ratification) stops
//! it as well; placeholder text (C002) counts as an error here.

use super::{cited, line, open, typed_value, versions, Change, OnDisk, Outcome, Step};
use crate::diag::{Code, Diagnostic, Severity, Summary};
use crate::edit::{Editor, Value};
use crate::lock::{Entry, Fingerprint, Lock, Recorded};
use crate::model::fingerprint::with_files;
use crate::model::HISTORY_PLACEHOLDER;
use crate::model::{Date, Document, HistoryEntry, Version};
use crate::resolve::{DocIndex, Library};
use std::path::PathBuf;

/// The review date to set.
pub enum ReviewDate {
    On(Date),
    YearsAfter(u32),
    /// `review.default_years` of site.yaml after the ratification date.
    Default,
}

pub struct RatifyOptions {
    pub id: String,
    pub dir: PathBuf,
    pub by: String,
    pub date: Date,
    pub minute: Option<String>,
    pub review: ReviewDate,
    pub summary: Option<String>,
    pub dry_run: bool,
    /// The date the checks run for.
    pub today: Date,
    pub color: bool,
}

pub fn ratify(opts: &RatifyOptions) -> Outcome {
    run(opts).unwrap_or_else(|refusal| refusal)
}

fn run(opts: &RatifyOptions) -> Step<Outcome> {
    let by = typed_value("--by", &opts.by)?;
    let by = by.as_str();
    let minute = opts.minute.as_deref().map(|m| typed_value("--minute", m)).transpose()?;
    let summary = opts.summary.as_deref().map(|s| typed_value("--summary", s)).transpose()?;
    if by.is_empty() {
        return Err(Outcome::usage("error: --by is empty: name the committee that ratified the document"));
    }
    if opts.date > opts.today {
        return Err(Outcome::usage(format!(
            "error: --date {} is after today ({}): record a ratification once the committee has made it",
            opts.date.iso(),
            opts.today.iso()
        )));
    }
    let (folder, project) = open(&opts.dir)?;
    let lib = &project.lib;
    let (id, versions) = versions(lib, &opts.id)?;
    sound_record(&project, opts.color)?;
    let Some(draft_index) = versions.preparing else {
        return Err(Outcome::refused(format!(
            "error: {id} has no version in preparation (a draft or consultation version) to ratify\n  make one with `trustdocs new-version {id}`, change it, then ratify it"
        )));
    };
    let draft = lib.doc(draft_index);
    let version = draft.version().cloned().ok_or_else(|| {
        Outcome::refused(format!("error: {} has no valid version; run `trustdocs check`", draft.file.display))
    })?;
    let review = match opts.review {
        ReviewDate::On(d) => d,
        ReviewDate::YearsAfter(n) => years_after(opts.date, n),
        ReviewDate::Default => years_after(opts.date, lib.config.site.default_review_years),
    };
    let minute = minute.as_deref().filter(|m| !m.is_empty());
    let summary = summary.as_deref().filter(|s| !s.is_empty());
    let plan = Plan { version: &version, by, minute, summary, opts, review };
    let draft_file = OnDisk::read(lib, draft)?;
    let (new_text, summary_used) =
        plan.ratified_text(draft, &draft_file.text).map_err(|why| cannot_edit(&draft_file.display, &why))?;
    let mut changes = vec![Change {
        display: draft_file.display.clone(),
        before: draft_file.text.clone(),
        after: new_text.clone(),
        file: draft_file.with_text(new_text.clone()),
    }];
    let previous = versions.current.map(|i| lib.doc(i));
    if let Some(prev) = previous {
        let file = OnDisk::read(lib, prev)?;
        let mut e = Editor::new(&file.text).map_err(|why| cannot_edit(&file.display, &why))?;
        e.set("status", &Value::Word("superseded"));
        let after = e.finish().map_err(|why| cannot_edit(&file.display, &why))?;
        changes.push(Change {
            display: file.display.clone(),
            before: file.text.clone(),
            file: file.with_text(after.clone()),
            after,
        });
    }
    let entry = Entry {
        id: id.clone(),
        version: version.clone(),
        date: opts.date,
        fingerprint: Recorded::new(with_files(&Fingerprint::of(&new_text), &lib.files_used(draft))),
        committee: by.to_string(),
    };
    let lock_text = lib.lock.with_entries(std::slice::from_ref(&entry)).map_err(|why| {
        Outcome::refused(format!(
            "error: {why}\n  give the version in preparation a new number ({})",
            draft.file.display
        ))
    })?;
    let lock_path = lib.dir.join(crate::lock::FILE);
    let old_lock = std::fs::read_to_string(&lock_path).unwrap_or_default();
    changes.push(Change {
        display: lib.lock.display.clone(),
        before: old_lock,
        after: lock_text.clone(),
        file: crate::output::replace::NewFile { path: lock_path, bytes: lock_text.clone().into_bytes() },
    });
    let mut edited = vec![(draft_index, &changes[0])];
    if let Some(prev) = versions.current {
        edited.push((prev, &changes[1]));
    }
    let errors = findings_after(&project, &edited, &lock_text, opts.today);
    if !errors.is_empty() {
        return Err(refusal(&project, draft, &changes[0], errors, opts.color));
    }
    let mut out = String::new();
    super::write_or_show(&folder, &format!("ratify {id} version {version}"), &changes, opts.dry_run, &mut out)?;
    let verb = if opts.dry_run { "would ratify" } else { "ratified" };
    line(&mut out, format!("{verb} {id} version {version} ({}):", draft.file.display));
    let minute = minute.map(|m| format!(" (minute {m})")).unwrap_or_default();
    line(&mut out, format!("  status: ratified, by {by} on {}{minute}", opts.date));
    line(&mut out, format!("  review date: {review}"));
    line(&mut out, format!("  amendment history: version {version} dated {}", opts.date));
    if summary.is_some() && !summary_used {
        line(&mut out, "  (the history entry already says what changed, so --summary was not used)");
    }
    if let Some(prev) = previous {
        line(&mut out, format!("  version {} ({}) is now superseded", super::version_of(prev), prev.file.display));
    }
    line(
        &mut out,
        format!("  {}: {id} version {version} recorded, fingerprint {}", lib.lock.display, entry.fingerprint),
    );
    out.push_str(&cited::report(lib, &id, "their owners may need to update them"));
    Ok(Outcome::done(out))
}

/// A ratification is added to a record that must itself be sound: the
/// library must have a lock, and neither the lock, `retention.log` nor the
/// settings may have an error. (An entry that has lost its version, H010,
/// or disagrees with it, H012, is found with the draft's errors.)
fn sound_record(project: &crate::Project, color: bool) -> Step<()> {
    let lib = &project.lib;
    let dir = crate::load::display_path(&lib.dir);
    if !lib.lock.exists {
        return Err(Outcome::refused(format!(
            "error: {} has no {}, so nothing records what was ratified before
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
    if errors.is_empty() {
        return Ok(());
    }
    let mut err = crate::report::human(&errors, &Default::default(), &Summary::of(1, &errors), color);
    err.push_str(&format!(
        "error: refusing to ratify while the lock, retention.log or the settings have {} error{}: fix {} first\n  nothing was written\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        if errors.len() == 1 { "it" } else { "them" }
    ));
    Err(Outcome { status: 1, out: String::new(), err })
}

fn cannot_edit(file: &str, why: &str) -> Outcome {
    Outcome::refused(format!("error: cannot edit {file}: {why}\n  nothing was written"))
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
    opts: &'a RatifyOptions,
    review: Date,
}

impl Plan<'_> {
    /// The ratified text of the draft, and whether `--summary` went into it.
    fn ratified_text(&self, draft: &Document, text: &str) -> Result<(String, bool), String> {
        let opts = self.opts;
        let mut e = Editor::new(text)?;
        e.set("status", &Value::Word("ratified"));
        let mut ratified = vec![("by", Value::Text(self.by)), ("date", Value::Date(opts.date))];
        if let Some(m) = self.minute {
            ratified.push(("minute", Value::Text(m)));
        }
        e.set_map("ratified", &ratified);
        e.set("review_date", &Value::Date(self.review));
        let summary = self.summary;
        let entries: &[HistoryEntry] = draft.meta.history.as_ref().map_or(&[], |h| &h.value);
        let count = e.count("history");
        let mut used = false;
        match entries.last().filter(|_| entries.len() == count) {
            // The entry new-version made, or one written for this version.
            Some(last) if self.is_this_versions(last) => {
                let n = count - 1;
                e.set_in("history", n, "version", &Value::Text(self.version.as_str()))?;
                e.set_in("history", n, "date", &Value::Date(opts.date))?;
                if last.review_date.is_some() {
                    e.set_in("history", n, "review_date", &Value::Date(self.review))?;
                }
                let unwritten = last.description.trim().is_empty() || last.description.contains(HISTORY_PLACEHOLDER);
                if let (true, Some(s)) = (unwritten, summary) {
                    e.set_in("history", n, "description", &Value::Text(s))?;
                    used = true;
                }
            }
            // Entries that could not all be read: the checks report them.
            Some(_) | None if entries.len() != count => {}
            _ => {
                used = summary.is_some();
                e.append_item(
                    "history",
                    &[
                        ("version", Value::Text(self.version.as_str())),
                        ("date", Value::Date(opts.date)),
                        ("description", Value::Text(summary.unwrap_or(HISTORY_PLACEHOLDER))),
                    ],
                )?;
            }
        }
        Ok((e.finish()?, used))
    }

    /// Whether a history entry is this version's rather than an earlier
    /// draft's: the same number, or the entry `new-version` made (its
    /// number may lag behind a version renumbered by hand).
    fn is_this_versions(&self, entry: &HistoryEntry) -> bool {
        entry.version.value == *self.version || entry.description.contains(HISTORY_PLACEHOLDER)
    }
}

/// The errors of the draft once ratified, on its lines as they are now:
/// the checks of the library with every change made, in memory.
fn findings_after(
    project: &crate::Project,
    edited: &[(DocIndex, &Change)],
    lock_text: &str,
    today: Date,
) -> Vec<Diagnostic> {
    let mut lib: Library = project.lib.clone();
    let touched: Vec<&str> = edited.iter().map(|(_, c)| c.display.as_str()).collect();
    let mut diags: Vec<Diagnostic> =
        project.diags.iter().filter(|d| !d.file.as_deref().is_some_and(|f| touched.contains(&f))).cloned().collect();
    for &(index, change) in edited {
        let doc = lib.doc(index);
        let (doc, found) = crate::load::document_from_text(
            doc.file.display.clone(),
            doc.file.path.clone(),
            change.after.clone(),
            &lib.config,
        );
        lib.replace(index, doc);
        diags.extend(found);
    }
    lib.lock = Lock::parse(lock_text.to_string(), lib.lock.display.clone()).0;
    diags.extend(crate::check::run(&lib, today));
    let (draft, change) = edited[0];
    let file = &lib.doc(draft).file.display;
    let new_lines: Vec<&str> = change.after.lines().collect();
    let mut record: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| matches!(d.code, Code::H010 | Code::H012) && d.file.as_ref() != Some(file))
        .cloned()
        .collect();
    let mut errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| d.file.as_ref() == Some(file))
        .filter_map(|mut d| {
            if d.code == Code::C002 {
                d.severity = Severity::Error;
                d.message = d.message.replace("left in a ratified document", "left in the version put to ratify");
                if new_lines.get(d.line as usize - 1).is_some_and(|l| l.contains(HISTORY_PLACEHOLDER)) {
                    d.help = Some("write what changed in this history entry, or give `--summary`".into());
                }
            }
            (d.severity == Severity::Error).then_some(d)
        })
        .collect();
    let lines = LineMap::new(&change.before, &change.after);
    for d in &mut errors {
        let (line, moved) = lines.old_line(d.line);
        d.line = line;
        if moved {
            d.column = 1;
        }
    }
    errors.append(&mut record);
    crate::diag::sort(&mut errors);
    errors.dedup();
    errors
}

/// From the lines of an edited text back to the lines of the file on disk.
struct LineMap {
    ops: Vec<similar::DiffOp>,
}

impl LineMap {
    fn new(before: &str, after: &str) -> LineMap {
        LineMap { ops: similar::TextDiff::from_lines(before, after).ops().to_vec() }
    }

    /// The 1-based line on disk of 1-based line `line` of the edited text,
    /// and whether that line was added or changed by the edit (then it is
    /// the line where the change is).
    fn old_line(&self, line: u32) -> (u32, bool) {
        let n = line.saturating_sub(1) as usize;
        for op in &self.ops {
            let new = op.new_range();
            if new.contains(&n) {
                return match op {
                    similar::DiffOp::Equal { old_index, new_index, .. } => {
                        ((old_index + n - new_index + 1) as u32, false)
                    }
                    // A changed line is where it was; an added one
                    // points at the line before it.
                    similar::DiffOp::Insert { old_index, .. } => ((*old_index).max(1) as u32, true),
                    _ => (op.old_range().start as u32 + 1, true),
                };
            }
        }
        (line, false)
    }
}

fn refusal(
    project: &crate::Project,
    draft: &Document,
    change: &Change,
    errors: Vec<Diagnostic>,
    color: bool,
) -> Outcome {
    let sources = std::collections::HashMap::from([(change.display.clone(), change.before.clone())]);
    let summary = Summary::of(1, &errors);
    let c002 = if errors.iter().any(|d| d.code == Code::C002) {
        " (placeholder text, C002, counts as an error here)"
    } else {
        ""
    };
    let mut err = crate::report::human(&errors, &sources, &summary, color);
    let id = draft.id().map(|i| i.to_string()).unwrap_or_default();
    let mut files: Vec<&str> = errors.iter().filter_map(|d| d.file.as_deref()).collect();
    files.dedup();
    err.push_str(&crate::text::for_terminal(&format!(
        "error: refusing to ratify {id} version {}: {} error{} in {} must be fixed first{c002}
  nothing was written; `trustdocs check {}` shows the rest of the library
",
        super::version_of(draft),
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        files.join(" and "),
        crate::load::display_path(&project.lib.dir),
    )));
    Outcome { status: 1, out: String::new(), err }
}
