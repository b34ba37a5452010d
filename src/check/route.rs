//! The way to ratification: G001 (no consultation recorded where one is
//! needed), G002 (a consultation past its deadline with someone's answer
//! not recorded) and G003 (a step of the approval route not recorded, or a
//! ratifying committee that is not the route's last step). They look at
//! versions in preparation only. G001 and G003 block ratification (the
//! readiness check and `ratify` call them); G002 is for the author.

use super::{at, doc_pos};
use crate::diag::{Code, Diagnostic};
use crate::model::{same_committee, Date, Document, Version};
use crate::resolve::{DocIndex, Library};

/// G001 and G002 of the version at `index`.
pub fn consultation(lib: &Library, index: DocIndex, today: Date) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = unconsulted(lib, index).into_iter().collect();
    out.extend(unanswered(lib, index, today));
    out
}

/// The version at `index`, if it is in preparation (draft or consultation).
fn preparing(lib: &Library, index: DocIndex) -> Option<&Document> {
    let doc = lib.doc(index);
    doc.status().is_some_and(|s| s.is_draft()).then_some(&**doc)
}

/// G001: a version in preparation that needs a consultation (a new
/// document, a new major version, or a type `consultation.required_for`
/// lists) and records no one consulted.
pub fn unconsulted(lib: &Library, index: DocIndex) -> Option<Diagnostic> {
    let doc = preparing(lib, index)?;
    let consultation = doc.meta.consultation.as_ref();
    if consultation.is_some_and(|c| !c.value.consulted.is_empty()) {
        return None;
    }
    let why = why_consult(lib, doc)?;
    let pos = consultation.map_or_else(|| doc_pos(doc), |c| c.pos);
    let help = "record who was consulted and what they said: `consultation: { deadline: <YYYY-MM-DD>, consulted: [ { who: <name or role>, group: <group>, method: <email, meeting...>, sent: <YYYY-MM-DD> } ] }`, one entry a person or group, then `response:` and `changes:` as answers come";
    Some(at(doc, Code::G001, pos, format!("no consultation is recorded for {why}")).help(help))
}

/// Why the version in preparation `doc` must record a consultation, in
/// words that follow "no consultation is recorded for".
fn why_consult(lib: &Library, doc: &Document) -> Option<String> {
    let version = doc.version();
    let shown = version.map_or_else(|| "?".to_string(), Version::to_string);
    match latest_decided(lib, doc) {
        None => return Some(format!("a new document (version {shown}; no version of it was ratified before)")),
        Some(latest) if version.is_some_and(|v| v.major() > latest.major()) => {
            return Some(format!("version {shown}, a new major version (the latest ratified is version {latest})"));
        }
        Some(_) => {}
    }
    let doc_type = &doc.meta.doc_type.as_ref()?.value;
    lib.config
        .site
        .consultation_required_for
        .contains(doc_type)
        .then(|| format!("version {shown}, a {doc_type}: site.yaml's consultation.required_for lists `{doc_type}`"))
}

/// The committee's latest decision on the id of `doc`: the version marked
/// ratified, else the highest version ever ratified (superseded or
/// withdrawn since), else none.
fn latest_decided<'l>(lib: &'l Library, doc: &Document) -> Option<&'l Version> {
    let versions = lib.by_id().get(doc.id()?)?;
    if let Some(i) = versions.decided.or(versions.current) {
        return lib.doc(i).version();
    }
    let on_record = versions.all.iter().map(|&i| lib.doc(i)).filter(|d| d.status().is_some_and(|s| !s.is_draft()));
    on_record.filter_map(|d| d.version()).max()
}

/// G002: the consultation's deadline has passed and someone consulted has
/// no `response`: one finding a person, at their entry.
pub fn unanswered(lib: &Library, index: DocIndex, today: Date) -> Vec<Diagnostic> {
    let Some(doc) = preparing(lib, index) else { return Vec::new() };
    let Some(c) = &doc.meta.consultation else { return Vec::new() };
    let Some(deadline) = c.value.deadline.as_ref().map(|d| d.value).filter(|&d| d < today) else {
        return Vec::new();
    };
    let silent = c.value.consulted.iter().filter(|p| p.value.response.is_none());
    silent
        .map(|p| {
            let group = p.value.group.as_ref().map(|g| format!(" ({g})")).unwrap_or_default();
            let message = format!(
                "the consultation closed on {deadline} and no response is recorded from {}{group}",
                p.value.who
            );
            at(doc, Code::G002, p.pos, message).help("record what they said, or `response: none received`")
        })
        .collect()
}

/// G003 of the version at `index`: each step of its type's approval route
/// before the ratifying committee that `approvals` does not record; and,
/// when `ratify_by` names the committee about to ratify it, one more if
/// that is not the route's last step.
pub fn route(lib: &Library, index: DocIndex, ratify_by: Option<&str>) -> Vec<Diagnostic> {
    let Some(doc) = preparing(lib, index) else { return Vec::new() };
    let Some(doc_type) = doc.meta.doc_type.as_ref().map(|t| t.value.as_str()) else { return Vec::new() };
    let Some(route) = lib.config.site.approval_route(doc_type) else { return Vec::new() };
    let approvals = &doc.meta.approvals;
    let shown = format!("the approval route of a {doc_type}: {}", route.shown(approvals, "; "));
    let pos = approvals.first().map_or_else(|| doc_pos(doc), |a| a.pos);
    let recorded = |c: &str| approvals.iter().any(|a| same_committee(&a.value.by, c));
    let id = doc.id().map_or_else(|| "ID".to_string(), |i| i.to_string());
    let mut out: Vec<Diagnostic> = route
        .approvers()
        .iter()
        .filter(|c| !recorded(c.as_str()))
        .map(|c| {
            let message = format!("no approval by {c} is recorded, and {c} comes before {}", route.ratifier());
            let help = format!("once {c} has approved it, record it with `trustdocs approve {id} --by \"{c}\" --date <YYYY-MM-DD>` ({shown})");
            at(doc, Code::G003, pos, message).help(help)
        })
        .collect();
    if let Some(by) = ratify_by.filter(|by| !same_committee(by, route.ratifier())) {
        let message = format!(
            "{by} is not the committee that ratifies a {doc_type}: {}, the last step of its approval route, is",
            route.ratifier()
        );
        let help = match route.step_of(by) {
            Some(_) => format!("record {by}'s approval with `trustdocs approve {id} --by \"{by}\"`, then ratify with `--by \"{}\"` ({shown})", route.ratifier()),
            None => format!("ratify with `--by \"{}\"` ({shown})", route.ratifier()),
        };
        out.push(at(doc, Code::G003, doc_pos(doc), message).help(help));
    }
    out
}
