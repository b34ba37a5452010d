//! Role sections: P001–P002.

use super::{at, suggest};
use crate::diag::{Code, Diagnostic};
use crate::model::Document;
use crate::resolve::Library;

pub fn check(lib: &Library, doc: &Document) -> Vec<Diagnostic> {
    let roles = &lib.config.roles;
    let mut out = Vec::new();
    for s in &doc.body.sections {
        match &s.role {
            Some(role) if lib.config.role(role).is_none() => {
                let help = match suggest::role(&lib.config, role) {
                    Some(help) => help,
                    None if roles.is_empty() => {
                        "add the role to roles.yaml (the content folder has none yet)".to_string()
                    }
                    None => format!(
                        "add it to roles.yaml, or use one of: {}",
                        roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                };
                out.push(at(doc, Code::P001, s.pos, format!("role `{role}` is not in roles.yaml")).help(help));
            }
            None if super::content::is_current_or_in_preparation(doc) => {
                let text = normalise(&s.text);
                let named =
                    roles.iter().find(|r| std::iter::once(&r.title).chain(&r.aliases).any(|n| normalise(n) == text));
                if let Some(r) = named {
                    out.push(
                        at(
                            doc,
                            Code::P002,
                            s.pos,
                            format!("this heading names the role {} but is not tagged", r.title),
                        )
                        .help(format!("add `{{role={}}}` to the heading so the role matrix includes it", r.id)),
                    );
                }
            }
            _ => {}
        }
    }
    out
}

/// Heading text for comparing with role names: lower case, no leading "the",
/// no trailing "(LSMS)".
fn normalise(text: &str) -> String {
    let t = text.trim().to_lowercase();
    let t = t.strip_prefix("the ").unwrap_or(&t);
    let t = match t.rfind(" (") {
        Some(i) if t.ends_with(')') => &t[..i],
        _ => t,
    };
    t.trim().to_string()
}
