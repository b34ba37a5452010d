//! Readiness: what would stop a version in preparation being ratified.
//! `check`, `pack` and `ratify` all ask this module, so that a committee
//! is never shown a paper that `ratify` then refuses, and an author sees in
//! `check` what the committee will be stopped by.
//!
//! The rule (docs/checks.md, "Readiness"): on a version in preparation the
//! checks that otherwise look only at a version in force run as if it were
//! ratified as proposed. Whatever they find that would be an error, and
//! every C002, G001 and G003, blocks ratification and is a warning on the
//! draft, so that a draft in progress never fails a pipeline. An error the
//! checks find in any file (S, X, H, P codes) keeps its severity and blocks
//! too.

use super::{content, eia, history, review, route};
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{Approval, At, Date, Document, Status, WatchwordKind, HISTORY_PLACEHOLDER};
use crate::resolve::{DocIndex, Library};
use std::collections::HashSet;

/// How the version would be ratified.
pub struct Proposal<'a> {
    /// The committee asked to ratify it (`ratify --by`); `None` for
    /// `check` and `pack`, which do not know it yet.
    pub by: Option<&'a str>,
    /// The day of the decision.
    pub date: Date,
    /// The review date it would be given.
    pub review: Date,
    /// `ratify --summary` was given: it completes the history entry that
    /// `new-version` left to be written.
    pub summary: bool,
}

impl Proposal<'static> {
    /// What `check` and `pack` assume: ratified on the library's day, with
    /// the review period of `site.yaml`.
    pub fn nominal(lib: &Library) -> Proposal<'static> {
        let today = lib.today();
        let review = today.add_years(lib.config.site.default_review_years);
        Proposal { by: None, date: today, review, summary: false }
    }
}

/// Whether `index` is the version in preparation of its id.
pub fn in_preparation(lib: &Library, index: DocIndex) -> bool {
    let doc = lib.doc(index);
    doc.id().and_then(|id| lib.by_id().get(id)).is_some_and(|v| v.preparing == Some(index))
}

/// The findings the version in preparation at `index` would have once
/// ratified as proposed, marked by the rule; the checks of a draft as a
/// draft (`check::documents`) are not repeated here.
pub fn as_ratified(lib: &Library, index: DocIndex, today: Date, proposal: &Proposal) -> Vec<Diagnostic> {
    let draft = lib.doc(index);
    let ratified = ratified_view(draft, proposal);
    let mut out = review::of(lib, &ratified, true, today);
    out.extend(eia::of(lib, &ratified, true, today));
    out.extend(history::without_history(&ratified));
    out.extend(placeholders(lib, draft, proposal));
    out.extend(lacking_keys(draft));
    out.extend(route::unconsulted(lib, index));
    out.extend(route::route(lib, index, proposal.by));
    for d in &mut out {
        if d.severity == Severity::Error || matches!(d.code, Code::C002 | Code::G001 | Code::G003) {
            d.blocks_ratification = true;
            d.severity = Severity::Warning;
        }
    }
    out
}

/// Marks the findings the other checks made in versions in preparation:
/// an error blocks ratification; one of a check that looks at versions in
/// force (R, Q) is a warning on a draft.
pub fn mark(lib: &Library, diags: &mut [Diagnostic]) {
    let files: HashSet<&str> =
        lib.by_id().values().filter_map(|v| v.preparing).map(|i| lib.doc(i).file.display.as_str()).collect();
    if files.is_empty() {
        return;
    }
    for d in diags.iter_mut().filter(|d| d.file.as_deref().is_some_and(|f| files.contains(f))) {
        mark_one(d);
    }
}

fn mark_one(d: &mut Diagnostic) {
    if d.severity != Severity::Error {
        return;
    }
    d.blocks_ratification = true;
    if d.code.as_str().starts_with(['R', 'Q']) {
        d.severity = Severity::Warning;
    }
}

/// What stops the version in preparation at `index` being ratified as
/// proposed: every finding in its file that blocks ratification. `found`
/// holds what loading and the library-wide checks found.
pub fn blocking(lib: &Library, index: DocIndex, found: &[Diagnostic], proposal: &Proposal) -> Vec<Diagnostic> {
    let today = lib.today();
    let file = lib.doc(index).file.display.as_str();
    let mut all: Vec<Diagnostic> = found.iter().filter(|d| d.file.as_deref() == Some(file)).cloned().collect();
    all.extend(super::as_they_are(lib, today, &[index]).into_iter().flat_map(|(_, d)| d));
    all.iter_mut().for_each(mark_one);
    add_new(&mut all, as_ratified(lib, index, today, proposal));
    // The history entry `ratify` writes with `--summary` puts right a
    // version that differs from the last entry.
    all.retain(|d| d.blocks_ratification && !(proposal.summary && d.code == Code::H003));
    crate::diag::sort(&mut all);
    all
}

/// Adds the findings of `more` that `to` does not already hold.
pub fn add_new(to: &mut Vec<Diagnostic>, more: Vec<Diagnostic>) {
    let have: HashSet<(Code, u32, u32, String)> =
        to.iter().map(|d| (d.code, d.line, d.column, d.message.clone())).collect();
    to.extend(more.into_iter().filter(|d| !have.contains(&(d.code, d.line, d.column, d.message.clone()))));
}

/// The draft as the committee would ratify it: what `ratify` writes set
/// (status, decision, review date), nothing else changed.
fn ratified_view(draft: &Document, proposal: &Proposal) -> Document {
    let mut doc = draft.clone();
    let pos = super::doc_pos(draft);
    let m = &mut doc.meta;
    m.status = Some(At::new(Status::Ratified, pos));
    let by = proposal.by.unwrap_or("the ratifying committee").to_string();
    m.ratified = Some(At::new(Approval { by, date: Some(proposal.date), minute: None }, pos));
    m.review_date = Some(At::new(proposal.review, pos));
    m.review_extension = None;
    doc
}

/// C002: placeholder text left in the draft. The history entry that
/// `new-version` left unwritten is not counted when `--summary` fills it.
fn placeholders(lib: &Library, draft: &Document, proposal: &Proposal) -> Vec<Diagnostic> {
    let last = draft.meta.history.as_ref().and_then(|h| h.value.last());
    let unwritten = last.filter(|e| e.description.contains(HISTORY_PLACEHOLDER)).map(|e| e.description_pos.line);
    let list = &lib.config.watchwords.placeholders;
    let found = content::found(draft, WatchwordKind::Placeholder, list);
    found
        .filter(|(pos, _)| !(proposal.summary && Some(pos.line) == unwritten))
        .map(|(pos, (p, _))| {
            let help = match Some(pos.line) == unwritten {
                true => "write what changed in this history entry, or give `trustdocs ratify` a `--summary`",
                false => "replace it with the real text",
            };
            super::at(draft, Code::C002, pos, format!("placeholder text \"{p}\" left in the version put to ratify"))
                .width(p.chars().count())
                .help(help)
        })
        .collect()
}

/// S003: the keys a ratified version needs that the draft lacks, other
/// than those `ratify` writes.
fn lacking_keys(draft: &Document) -> Vec<Diagnostic> {
    let written_by_ratify = ["ratified", "review_date"];
    let keys = draft.meta.lacks_for_ratification.iter().filter(|k| !written_by_ratify.contains(k));
    keys.map(|key| {
        super::at(
            draft,
            Code::S003,
            super::doc_pos(draft),
            format!("missing key `{key}`, which a ratified document needs"),
        )
        .help(crate::model::missing_key_help(key))
    })
    .collect()
}
