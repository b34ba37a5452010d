//! Front matter `consultation` and `approvals` → the model's
//! `Consultation` and `ApprovalStep`s, and site.yaml's `consultation` and
//! `approval` settings, each problem a located diagnostic.

use crate::config::{ApprovalRoute, SiteConfig};
use crate::diag::Code;
use crate::model::{same_committee, ApprovalStep, At, Consultation, Consultee};
use crate::text::closest;
use crate::yaml::read::{Fields, Reader};
use marked_yaml::Node;
use std::collections::BTreeMap;

const CONSULTATION_KEYS: &[&str] = &["deadline", "consulted"];
const CONSULTEE_KEYS: &[&str] = &["who", "group", "method", "sent", "response", "changes"];
const STEP_KEYS: &[&str] = &["by", "date", "minute"];

/// `consultation: {deadline, consulted: [...]}`.
pub fn consultation(r: &mut Reader, node: &Node) -> Option<At<Consultation>> {
    let pos = r.pos(node);
    let f = r.fields(node, "consultation", CONSULTATION_KEYS, Code::S002)?;
    let deadline = f.get("deadline").and_then(|n| r.date(n, "consultation deadline", false));
    let consulted = f
        .get("consulted")
        .map(|n| r.items(n).into_iter().filter_map(|n| consultee(r, n)).collect())
        .unwrap_or_default();
    Some(At::new(Consultation { deadline, consulted }, pos))
}

fn consultee(r: &mut Reader, node: &Node) -> Option<At<Consultee>> {
    let pos = r.pos(node);
    let f = r.fields(node, "a `consulted` entry", CONSULTEE_KEYS, Code::S002)?;
    let text = |r: &mut Reader, key: &str| f.get(key).and_then(|n| r.text(n, key)).map(|t| t.value);
    let Some(who) = text(r, "who") else {
        let help = "write `- { who: <name or role>, group: <group>, method: email, sent: <YYYY-MM-DD> }`";
        r.report(Code::S003, pos, "a `consulted` entry needs `who`".into(), Some(help.into()));
        return None;
    };
    Some(At::new(
        Consultee {
            who,
            group: text(r, "group"),
            method: text(r, "method"),
            sent: f.get("sent").and_then(|n| r.date(n, "sent", false)).map(|d| d.value),
            response: text(r, "response"),
            changes: text(r, "changes"),
        },
        pos,
    ))
}

/// `approvals: [{by, date, minute}]`, in the order written.
pub fn approvals(r: &mut Reader, node: &Node) -> Vec<At<ApprovalStep>> {
    r.items(node).into_iter().filter_map(|n| step(r, n)).collect()
}

fn step(r: &mut Reader, node: &Node) -> Option<At<ApprovalStep>> {
    let pos = r.pos(node);
    let f: Fields = r.fields(node, "an `approvals` entry", STEP_KEYS, Code::S002)?;
    let by = f.get("by").and_then(|n| r.text(n, "approved by"));
    let date = f.get("date").and_then(|n| r.date(n, "approval date", false));
    for key in ["by", "date"] {
        if f.get(key).is_none() {
            let help = "write `- { by: <committee>, date: <YYYY-MM-DD>, minute: <minute> }`, or record it with `trustdocs approve`";
            r.report(Code::S003, pos, format!("an `approvals` entry needs `{key}`"), Some(help.into()));
        }
    }
    let minute = f.get("minute").and_then(|n| r.text(n, "minute")).map(|t| t.value);
    Some(At::new(ApprovalStep { by: by?.value, date: date?.value, minute }, pos))
}

/// site.yaml's `consultation` and `approval`, read after `document_types`,
/// which they name.
pub fn settings(r: &mut Reader, f: &Fields, site: &mut SiteConfig) {
    if let Some(node) = f.get("consultation") {
        site.consultation_required_for = required_for(r, node, site);
    }
    if let Some(node) = f.get("approval") {
        site.approval_routes = routes(r, node, site);
    }
}

/// `consultation: {required_for: [types]}`.
fn required_for(r: &mut Reader, node: &Node, site: &SiteConfig) -> Vec<String> {
    let Some(f) = r.fields(node, "consultation", &["required_for"], Code::S006) else {
        return Vec::new();
    };
    let types = f.get("required_for").map(|n| r.texts(n, "required_for")).unwrap_or_default();
    types.into_iter().filter_map(|t| known_type(r, t, "consultation.required_for", site)).collect()
}

/// `approval: {routes: {type: [committee, ...]}}`.
fn routes(r: &mut Reader, node: &Node, site: &SiteConfig) -> BTreeMap<String, ApprovalRoute> {
    let mut out = BTreeMap::new();
    let Some(routes) = r.fields(node, "approval", &["routes"], Code::S006).and_then(|f| f.get("routes")) else {
        return out;
    };
    let Some(map) = routes.as_mapping() else {
        let help = "write `routes:` then one line a type: `policy: [Policy Group, Quality Committee]`";
        r.wrong_kind(routes, "approval.routes should be a set of `type: [committees]` lines".into(), Some(help.into()));
        return out;
    };
    for (key, value) in map.iter() {
        let written = At::new(key.as_str().trim().to_string(), r.key_pos(key));
        let Some(doc_type) = known_type(r, written, "approval.routes", site) else { continue };
        if let Some(route) = route(r, &doc_type, value) {
            out.insert(doc_type, route);
        }
    }
    out
}

/// One type's route: not empty, no committee twice.
fn route(r: &mut Reader, doc_type: &str, node: &Node) -> Option<ApprovalRoute> {
    let committees = r.texts(node, "a committee");
    let example = format!("`{doc_type}: [Policy Group, Quality Committee]`, the ratifying committee last");
    if committees.iter().all(|c| c.value.is_empty()) {
        let (message, help) = (
            format!("the approval route of `{doc_type}` names no committee"),
            format!("list its committees in order: {example}"),
        );
        r.report(Code::S006, r.pos(node), message, Some(help));
        return None;
    }
    for (n, c) in committees.iter().enumerate() {
        if let Some(first) = committees[..n].iter().find(|e| same_committee(&e.value, &c.value)) {
            let message = format!("the approval route of `{doc_type}` names `{}` twice", c.value);
            let help = format!(
                "name each committee once, where the document goes to it (it is first named on line {}): {example}",
                first.pos.line
            );
            r.report(Code::S006, c.pos, message, Some(help));
            return None;
        }
    }
    Some(ApprovalRoute { committees: committees.into_iter().map(|c| c.value).collect() })
}

/// A document type named in site.yaml's `key`, lower case, if it is one of
/// `document_types`; S006 with the closest one otherwise.
fn known_type(r: &mut Reader, t: At<String>, key: &str, site: &SiteConfig) -> Option<String> {
    let lower = t.value.to_lowercase();
    if site.document_types.contains(&lower) {
        return Some(lower);
    }
    let help = match closest(&lower, site.document_types.iter().map(String::as_str)) {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("site.yaml's document_types are: {}", site.document_types.join(", ")),
    };
    r.report(Code::S006, t.pos, format!("`{}` in {key} is not a document type of this site", t.value), Some(help));
    None
}
