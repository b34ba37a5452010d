//! A version's facts as its page shows them: the document control sheet,
//! then the summary, the roles given responsibilities, related documents,
//! references, the equality impact assessment and the amendment history.
//! Made here once, so that the document page, its PDF and the comparison
//! of two versions word every fact alike.

use super::fact::{self, Fact, FactKey};
use crate::model::{Approval, ApprovalStep, At, DocId, Document, Status};
use crate::publish::Publication;

/// How facts name things that live outside the document.
pub struct Names<'a> {
    /// The title of a related document as a reader of the comparison may
    /// see it; `None` leaves the id out (the public copy does, for a
    /// document that is not public).
    pub related: &'a dyn Fn(&DocId) -> Option<String>,
    /// A role's title, from roles.yaml.
    pub role: &'a dyn Fn(&str) -> Option<String>,
}

/// The document control sheet, with the version's fingerprint in
/// `ratified.lock` (in the public copy, the author by job title only:
/// `Publication::author`). A fact with no value is left out.
pub fn control_sheet(site: &Publication, doc: &Document) -> Vec<Fact> {
    let mut rows = about(site, doc);
    rows.extend(record(site, doc));
    let public = site.opts.public;
    rows.into_iter()
        .filter_map(|(key, value)| value.map(|value| Fact { label: key.label(public), key, value }))
        .collect()
}

/// What the document is, who answers for it and whom it is for.
fn about(site: &Publication, doc: &Document) -> Vec<(FactKey, Option<String>)> {
    let m = &doc.meta;
    let capitalise = crate::text::capitalise;
    let replaces = m
        .replaces
        .iter()
        .map(|r| match &r.version {
            Some(v) => format!("{} version {v}", r.id),
            None => r.id.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        (FactKey::DocumentType, m.doc_type.as_ref().map(|t| capitalise(&t.value))),
        (FactKey::Id, doc.id().map(|i| i.to_string())),
        (FactKey::Title, Some(doc.title().to_string())),
        (FactKey::Version, doc.version().map(|v| v.to_string())),
        (FactKey::Status, doc.status().map(|s| capitalise(s.as_str()))),
        (FactKey::Scope, m.scope.clone()),
        (FactKey::Classification, m.classification.clone()),
        (FactKey::Author, site.author(doc, " / ")),
        (FactKey::Responsibility, m.directorate.as_ref().map(|d| d.value.clone())),
        (FactKey::HeadOfDepartment, m.head_of_department.clone()),
        (FactKey::ExecutiveLead, m.executive_lead.clone()),
        (FactKey::Contact, m.contact.clone()),
        (FactKey::PrimaryAudience, m.audience.as_ref().and_then(|a| a.primary.clone())),
        (FactKey::SecondaryAudience, m.audience.as_ref().map(|a| a.secondary.join(", ")).filter(|s| !s.is_empty())),
        (FactKey::Replaces, Some(replaces).filter(|s| !s.is_empty())),
    ]
}

/// Its approval, its record in the lock, its dates and what it meets.
fn record(site: &Publication, doc: &Document) -> Vec<(FactKey, Option<String>)> {
    let m = &doc.meta;
    let numbers = |v: &[u8]| Some(v.iter().map(u8::to_string).collect::<Vec<_>>().join(", ")).filter(|s| !s.is_empty());
    let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_string();
    // Only a withdrawal the status records (a record on any other version is S009).
    let withdrawn = m.withdrawn.as_ref().filter(|_| doc.status() == Some(Status::Withdrawn));
    let extended = m.review_extension.as_ref();
    let approved = m.approvals.iter().map(|a| (FactKey::ApprovedBy(a.value.by.clone()), Some(approval_step(&a.value))));
    let mut rows = vec![(FactKey::ValidatedBy, approval(&m.validated))];
    rows.extend(approved);
    rows.extend([
        (FactKey::RatifiedBy, approval(&m.ratified)),
        (FactKey::Fingerprint, site.lib.locked(doc).map(|e| e.fingerprint.to_string())),
        (FactKey::Withdrawn, withdrawn.map(|w| format!("by {} on {}: {}", w.by, w.date, w.reason))),
        (FactKey::FirstPublished, m.published.map(|d| d.to_string())),
        (
            FactKey::ReviewDate,
            match site.review_overdue_in_public(doc) {
                true => site.review_date_shown(doc),
                false => m.review_date.as_ref().map(|d| d.value.to_string()),
            },
        ),
        (
            FactKey::ReviewExtended,
            extended.map(|e| {
                let by = Some(&e.by).filter(|b| !b.is_empty()).map(|b| format!(" by {b}")).unwrap_or_default();
                format!("to {}{by}{}", e.to, e.date.map(|d| format!(" on {d}")).unwrap_or_default())
            }),
        ),
        (FactKey::ConstitutionPrinciples, m.nhs_constitution.as_ref().and_then(|c| numbers(&c.principles))),
        (FactKey::ConstitutionPledges, m.nhs_constitution.as_ref().and_then(|c| numbers(&c.staff_pledges))),
        (FactKey::EqualityAct, m.equality_act_compliant.map(yes_no)),
        (FactKey::PublicDisplay, Some(yes_no(m.public))),
        (FactKey::ReferencesChecked, approval(&m.references_checked)),
    ]);
    rows
}

/// `Policy Group on 12 November 2026 (minute PG/26/14)`.
fn approval_step(a: &ApprovalStep) -> String {
    let minute = a.minute.as_ref().map(|m| format!(" (minute {m})")).unwrap_or_default();
    format!("{} on {}{minute}", a.by, a.date)
}

fn approval(a: &Option<At<Approval>>) -> Option<String> {
    a.as_ref().map(|a| {
        let when = a.date.map(|d| format!(" on {d}")).unwrap_or_default();
        let minute = a.minute.as_ref().map(|m| format!(" (minute {m})")).unwrap_or_default();
        format!("{}{when}{minute}", a.by)
    })
}

/// Every fact of a version a comparison looks at, in the order a reader
/// sees them: the control sheet's, then the rest of the front matter's.
/// A fact with nothing to say is left out.
pub fn facts(site: &Publication, doc: &Document, names: &Names) -> Vec<Fact> {
    let mut out = control_sheet(site, doc);
    let public = site.opts.public;
    let consultation = consultation(doc).filter(|_| site.shows_consultation());
    let facts = [front(doc, names), consultation.into_iter().collect(), eia(doc), history(doc)].into_iter().flatten();
    out.extend(facts.filter(|(_, value)| !value.trim().is_empty()).map(|(key, value)| Fact {
        label: key.label(public),
        key,
        value,
    }));
    out
}

/// The summary, roles, related documents and references.
fn front(doc: &Document, names: &Names) -> Vec<(FactKey, String)> {
    let m = &doc.meta;
    let roles: Vec<String> = doc
        .body
        .sections
        .iter()
        .filter_map(|s| s.role.as_ref())
        .map(|r| (names.role)(r).unwrap_or_else(|| r.clone()))
        .collect();
    let related: Vec<String> =
        m.related.iter().filter_map(|r| (names.related)(&r.value).map(|t| format!("{} {t}", r.value))).collect();
    let references: Vec<String> = m.references.iter().map(|r| reference(r)).collect();
    vec![
        (FactKey::Summary, m.summary.clone().unwrap_or_default()),
        (FactKey::Roles, roles.join("; ")),
        (FactKey::Related, related.join("; ")),
        (FactKey::References, references.join("; ")),
    ]
}

/// A reference in one line: title, publisher and year, address.
fn reference(r: &crate::model::ExternalRef) -> String {
    let by = [r.publisher.clone(), r.year.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
    // As text, never a link: a refused address as it was written.
    let url = r.url.as_ref().map(|u| match &u.value {
        crate::model::Url::Safe(u) => format!(" <{}>", u.as_str()),
        crate::model::Url::Refused(u) => format!(" <{}>", u.written),
    });
    let url = url.unwrap_or_default();
    if by.is_empty() {
        format!("{}{url}", r.title)
    } else {
        format!("{} ({by}){url}", r.title)
    }
}

/// The consultation in one line: how many were consulted, how many
/// answered, and by when (who said what is on the page, not compared).
fn consultation(doc: &Document) -> Option<(FactKey, String)> {
    let c = &doc.meta.consultation.as_ref()?.value;
    let answered = c.consulted.iter().filter(|p| p.value.response.is_some() && !p.value.none_received()).count();
    let deadline = c.deadline.as_ref().map(|d| format!(", deadline {}", d.value)).unwrap_or_default();
    Some((FactKey::Consultation, format!("{} consulted, {answered} responses{deadline}", c.consulted.len())))
}

/// The equality impact assessment, if there is one: a fact per field and
/// per characteristic's impact.
fn eia(doc: &Document) -> Vec<(FactKey, String)> {
    let Some(e) = &doc.meta.eia else { return Vec::new() };
    let mut out = vec![
        (FactKey::EiaStage, e.stage.map(fact::eia_stage).unwrap_or_default()),
        (FactKey::EiaDate, e.date.as_ref().map(|d| d.value.to_string()).unwrap_or_default()),
        (FactKey::EiaLeadAssessor, e.lead_assessor.clone().unwrap_or_default()),
        (FactKey::EiaDepartment, e.department.clone().unwrap_or_default()),
        (FactKey::EiaConsulted, e.consulted.join("; ")),
    ];
    for i in e.impacts.iter().flat_map(|i| &i.value) {
        let comment = i.comment.as_ref().map(|c| format!(": {c}")).unwrap_or_default();
        out.push((FactKey::Impact(i.characteristic), format!("{}{comment}", fact::impact(i.kind))));
    }
    let plan: Vec<String> = e
        .action_plan
        .iter()
        .map(|a| {
            let who = [a.lead.clone(), a.due.map(|d| format!("due {d}"))].into_iter().flatten().collect::<Vec<_>>();
            if who.is_empty() {
                a.action.clone()
            } else {
                format!("{} ({})", a.action, who.join(", "))
            }
        })
        .collect();
    out.push((FactKey::EiaActionPlan, plan.join("; ")));
    out
}

/// A fact per row of the amendment history.
fn history(doc: &Document) -> Vec<(FactKey, String)> {
    let Some(h) = &doc.meta.history else { return Vec::new() };
    h.value
        .iter()
        .map(|e| {
            let changed = e.changed.as_ref().map(|c| format!(" [{c}]")).unwrap_or_default();
            (FactKey::History(e.version.to_string()), format!("{}: {}{changed}", *e.date, e.description))
        })
        .collect()
}
