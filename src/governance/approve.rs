//! `trustdocs approve ID`: a committee of the document type's approval
//! route, before the one that ratifies it, approved the version in
//! preparation. One entry is added to its `approvals`, in route order; the
//! ratifying committee's decision is `ratify`'s.

use super::decision::{decide, Decided, Decision, Edits, Held, Refusals, Typed};
use super::{cannot_edit, OnDisk};
use crate::config::ApprovalRoute;
use crate::error::{Error, Result};
use crate::model::{same_committee, ApprovalStep, At, Document};
use crate::yaml::edit::{Editor, Value};

pub struct ApproveOptions {
    pub decision: Decision,
    pub minute: Option<String>,
}

/// What an approval recorded besides the decision itself.
#[derive(Debug)]
pub struct Approved {
    /// The committee as the route names it.
    pub committee: String,
    /// Its step on the route, from 1.
    pub step: usize,
    pub minute: Option<String>,
    /// The route, numbered, with what is recorded of each step now.
    pub route: String,
    /// The next committee of the route, and whether it is the one that ratifies.
    pub next: Option<(String, bool)>,
}

const REFUSALS: Refusals = Refusals {
    empty: "--by is empty: name the committee that approved the document",
    future: "record an approval once the committee has given it",
};

pub fn approve(opts: &ApproveOptions) -> Result<Decided<Approved>> {
    let d = &opts.decision;
    // A refusal like the route's others (exit status 1), before anything is read.
    if d.date > d.today {
        let (date, today) = (d.date.iso(), d.today.iso());
        return Err(Error::Refused(format!("--date {date} is after today ({today}): {}", REFUSALS.future)));
    }
    let typed = [Typed { flag: "--minute", value: opts.minute.as_deref(), required: false }];
    decide(d, &typed, &REFUSALS, edits)
}

/// The version in preparation with the step appended to its `approvals`.
fn edits(held: &Held) -> Result<Edits<Approved>> {
    let (lib, id) = (held.lib(), &held.id);
    let draft = held.versions().preparing.map(|i| lib.doc(i)).ok_or_else(|| {
        Error::Refused(format!(
            "{id} has no version in preparation (a draft or consultation version) to approve\n  make one with `trustdocs new-version {id}`"
        ))
    })?;
    let route = route_of(lib, draft)?;
    let step = in_order(route, &draft.meta.approvals, &held.by, held.decision.date, id)?;
    let committee = route.committees[step].clone();
    let minute = held.values[0].clone().filter(|m| !m.is_empty());
    let file = OnDisk::read(lib, draft)?;
    let fail = cannot_edit(&file.display);
    let mut e = Editor::new(&file.text).map_err(&fail)?;
    if e.count("approvals") != draft.meta.approvals.len() {
        return Err(Error::Refused(format!(
            "`approvals` in {} has entries that cannot be read; correct them first (`trustdocs check` shows them)\n  nothing was written",
            file.display
        )));
    }
    let mut entry = vec![("by", Value::Text(&committee)), ("date", Value::Date(held.decision.date))];
    entry.extend(minute.as_deref().map(|m| ("minute", Value::Text(m))));
    e.append_item("approvals", &entry).map_err(&fail)?;
    let after = e.finish().map_err(&fail)?;
    let mut recorded = draft.meta.approvals.clone();
    let step_at = At::new(
        ApprovalStep { by: committee.clone(), date: held.decision.date, minute: minute.clone() },
        draft.meta.start,
    );
    recorded.push(step_at);
    let next = route.committees.get(step + 1).map(|c| (c.clone(), step + 2 == route.committees.len()));
    let what = Approved { committee, step: step + 1, minute, route: route.shown(&recorded, "\n"), next };
    let command = format!("approve {id} version {} by {}", super::version_of(draft), what.committee);
    Ok(Edits::of(draft, command, vec![file.change(after)], what))
}

/// The approval route of the document's type, or why there is none.
fn route_of<'l>(lib: &'l crate::resolve::Library, draft: &Document) -> Result<&'l ApprovalRoute> {
    let doc_type = draft.meta.doc_type.as_ref().map(|t| t.value.as_str()).ok_or_else(|| {
        Error::Refused(format!(
            "{} has no valid `type`, so no approval route; run `trustdocs check`",
            draft.file.display
        ))
    })?;
    lib.config.site.approval_route(doc_type).ok_or_else(|| {
        Error::Refused(format!(
            "site.yaml gives no approval route for a {doc_type} (approval.routes), so there is no step to approve: the committee that decides ratifies it with `trustdocs ratify`"
        ))
    })
}

/// The step `by` is on the route, if it may be recorded now: a step before
/// the ratifying committee, not yet recorded, after every step before it,
/// and not dated before any of them.
fn in_order(
    route: &ApprovalRoute,
    done: &[At<ApprovalStep>],
    by: &str,
    date: crate::model::Date,
    id: &crate::model::DocId,
) -> Result<usize> {
    let shown = || format!("\n  the approval route:\n    {}", route.shown(done, "\n    "));
    let refuse = |why: String| Err(Error::Refused(format!("{why}{}\n  nothing was written", shown())));
    let recorded = |c: &str| done.iter().find(|a| same_committee(&a.value.by, c));
    let Some(step) = route.step_of(by) else {
        return refuse(format!("{by} is not a committee of this document's approval route"));
    };
    let committee = &route.committees[step];
    if step + 1 == route.committees.len() {
        return refuse(format!("{committee} ratifies the document, the route's last step: use `trustdocs ratify {id} --by \"{committee}\" --date <YYYY-MM-DD>`"));
    }
    if let Some(a) = recorded(committee) {
        return refuse(format!("{committee}'s approval is already recorded (on {})", a.value.date));
    }
    if let Some(missing) = route.committees[..step].iter().find(|c| recorded(c.as_str()).is_none()) {
        return refuse(format!("{missing} comes before {committee} on the approval route and its approval is not recorded: record it first"));
    }
    if let Some(later) = done.iter().filter(|a| a.value.date > date).max_by_key(|a| a.value.date) {
        return refuse(format!(
            "--date {} is before {}'s approval on {}, an earlier step of the route",
            date.iso(),
            later.value.by,
            later.value.date
        ));
    }
    Ok(step)
}
