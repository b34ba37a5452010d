//! `acknowledge` of `site.yaml`: the address of the trust's "read and
//! acknowledge" form and the roles that must confirm, read into
//! [`Acknowledge`]; its role ids are checked against `roles.yaml` once
//! that is read too.

use crate::config::{Acknowledge, Role};
use crate::diag::{Code, Diagnostic};
use crate::model::ack_url::AckUrl;
use crate::yaml::read::Reader;
use marked_yaml::Node;

const EXAMPLE: &str =
    "e.g. `url: \"https://learning.example.nhs.uk/ack?doc={id}&v={version}&fp={fingerprint}&t={title}\"`";

/// `None` (reported) without a usable `url`: no page shows a link then.
pub fn settings(r: &mut Reader, node: &Node) -> Option<Acknowledge> {
    let f = r.fields(node, "acknowledge", &["url", "required_for_roles"], Code::S006)?;
    let roles = f.get("required_for_roles").map(|n| r.texts(n, "required_for_roles")).unwrap_or_default();
    let Some(written) = f.get("url").and_then(|n| r.text(n, "url")) else {
        let help = format!("give the address of the trust's form or learning system, {EXAMPLE}");
        r.report(Code::S006, f.pos, "`acknowledge` has no `url`".into(), Some(help));
        return None;
    };
    match AckUrl::parse(&written.value) {
        Ok(url) => Some(Acknowledge { url, required_for_roles: roles }),
        Err(why) => {
            let help = format!("write an http:// or https:// address with placeholders among {{id}}, {{version}}, {{fingerprint}} and {{title}}, {EXAMPLE}");
            r.report(Code::S006, written.pos, format!("acknowledge.url: {why}"), Some(help));
            None
        }
    }
}

/// S006 for each role id of `required_for_roles` that `roles.yaml` does
/// not have, with the id it most likely meant.
pub fn unknown_roles(ack: &Acknowledge, roles: &[Role]) -> Vec<Diagnostic> {
    let ids = || roles.iter().map(|r| r.id.as_str());
    ack.required_for_roles
        .iter()
        .filter(|r| !ids().any(|id| id == r.value))
        .map(|r| {
            let help = match crate::text::closest(&r.value, ids()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if roles.is_empty() => "add the role to roles.yaml (the content folder has none yet)".into(),
                None => format!("use one of the role ids of roles.yaml: {}", ids().collect::<Vec<_>>().join(", ")),
            };
            Diagnostic::new(
                Code::S006,
                format!("acknowledge.required_for_roles: `{}` is not a role of roles.yaml", r.value),
            )
            .at(r.pos)
            .help(help)
        })
        .collect()
}
