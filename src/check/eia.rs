//! Equality impact assessment: Q001–Q007.

use super::{at, doc_pos};
use crate::diag::{Code, Diagnostic};
use crate::model::{Date, Document, ImpactKind, CHARACTERISTICS};
use crate::resolve::{DocIndex, Library};

/// Q001: no EIA on a version in force of a type that requires one.
fn missing(lib: &Library, doc: &Document, in_force: bool) -> Option<Diagnostic> {
    let t = doc.meta.doc_type.as_ref().map(|t| t.value.as_str()).unwrap_or_default();
    let required = lib.config.site.eia_required_for.iter().any(|r| r == t);
    (required && in_force).then(|| {
        at(doc, Code::Q001, doc_pos(doc), format!("no equality impact assessment, which a ratified {t} needs"))
            .help("add `eia:` with `stage: 1`, `date: <YYYY-MM-DD>`, `lead_assessor: <name>` and `impacts:` giving each of age, disability, gender_reassignment, marriage_and_civil_partnership, pregnancy_and_maternity, race, religion_or_belief, sex and sexual_orientation as neutral, positive or negative (docs/governance.md has an example to copy)")
    })
}

/// Q001 and Q006 look at the version in force only; the others at every
/// file with an EIA.
pub fn check(lib: &Library, index: DocIndex, today: Date) -> Vec<Diagnostic> {
    of(lib, lib.doc(index), lib.in_force(index), today)
}

/// The EIA checks of `doc`, in force or not (the readiness check asks of
/// a draft what they would find once it is).
pub fn of(lib: &Library, doc: &Document, in_force: bool, today: Date) -> Vec<Diagnostic> {
    let m = &doc.meta;
    let mut out = Vec::new();
    let Some(eia) = &m.eia else {
        return missing(lib, doc, in_force).into_iter().collect();
    };
    if let Some(impacts) = &eia.impacts {
        for (key, label) in CHARACTERISTICS {
            if !impacts.value.iter().any(|i| i.characteristic == key) {
                out.push(
                    at(doc, Code::Q002, impacts.pos, format!("the EIA does not assess {}", label.to_lowercase()))
                        .help(format!("add `{key}: neutral` (or positive / negative, with a comment)")),
                );
            }
        }
        for i in impacts.value.iter().filter(|i| i.kind == ImpactKind::Negative && i.comment.is_none()) {
            let name = i.characteristic.replace('_', " ");
            out.push(
                at(doc, Code::Q007, i.pos, format!("negative impact on {name} without a comment saying what it is"))
                    .help(format!(
                        "write `{}: {{ impact: negative, comment: ... }}`: who is affected, and how",
                        i.characteristic
                    )),
            );
        }
        if eia.action_plan.is_empty() {
            for i in impacts.value.iter().filter(|i| i.kind == ImpactKind::Negative) {
                out.push(
                    at(
                        doc,
                        Code::Q003,
                        i.pos,
                        format!("negative impact on {} with no action plan", i.characteristic.replace('_', " ")),
                    )
                    .help("add `action_plan:` with an action, a lead and a due date"),
                );
            }
        }
    }
    if let (Some(date), Some(ratified)) = (&eia.date, m.ratified_date()) {
        if date.value > ratified {
            out.push(
                at(
                    doc,
                    Code::Q004,
                    date.pos,
                    format!("the EIA is dated {}, after ratification on {ratified}", date.value),
                )
                .help("an EIA should inform the decision to ratify"),
            );
        }
    }
    for a in eia.action_plan.iter().filter(|a| a.lead.is_none() || a.due.is_none()) {
        let missing = match (&a.lead, &a.due) {
            (None, None) => "lead and no due date",
            (None, _) => "lead",
            _ => "due date",
        };
        out.push(
            at(doc, Code::Q005, a.pos, format!("action \"{}\" has no {missing}", a.action))
                .help("give each action a `lead` (a person or a role) and a `due` date"),
        );
    }
    if in_force {
        for a in eia.action_plan.iter().filter(|a| a.is_overdue(today)) {
            let due = a.due.map(|d| d.to_string()).unwrap_or_default();
            let lead = a.lead.as_ref().map(|l| format!(" (lead: {l})")).unwrap_or_default();
            out.push(
                at(
                    doc,
                    Code::Q006,
                    a.pos,
                    format!("action \"{}\"{lead} was due on {due} and is not marked done", a.action),
                )
                .help("when it is complete, add `done:` with the date; if a new due date was agreed, change `due`"),
            );
        }
    }
    out
}
