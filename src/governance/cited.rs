//! The documents that cite an id (by id in the text, a `doc:` link or
//! `related`), whose owners may need to act when it changes or goes.

use crate::model::body::Target;
use crate::model::{DocId, Document};
use crate::resolve::Library;
use std::fmt::Write;

/// Every version in force or in preparation of another id that cites `id`.
pub fn citing<'l>(lib: &'l Library, id: &DocId) -> Vec<&'l Document> {
    let mut out: Vec<&Document> = lib
        .docs()
        .iter()
        .map(|d| &**d)
        .filter(|d| d.id().is_some_and(|own| own != id) && d.status().is_some_and(|s| s.is_current()))
        .filter(|d| {
            d.meta.related.iter().any(|r| &r.value == id)
                || d.body.links.iter().any(|l| matches!(&l.target, Target::Doc { id: t, .. } if t == id))
        })
        .collect();
    out.sort_by(|a, b| (a.id(), a.version()).cmp(&(b.id(), b.version())));
    out
}

/// The citing documents as lines for the terminal: what each is, who owns it, where it is.
pub fn report(lib: &Library, id: &DocId, why: &str) -> String {
    let docs = citing(lib, id);
    let mut out = String::new();
    if docs.is_empty() {
        let _ = writeln!(out, "No other document cites {id}.");
        return out;
    }
    let _ = writeln!(
        out,
        "{} document{} cite{} {id}; {why}:",
        docs.len(),
        plural(docs.len()),
        if docs.len() == 1 { "s" } else { "" }
    );
    for d in docs {
        let owner = d.meta.author.as_ref().map_or_else(
            || "no owner given".to_string(),
            |a| match &a.title {
                Some(t) => format!("owner {} ({t})", a.name),
                None => format!("owner {}", a.name),
            },
        );
        let status = d.status().map_or("", |s| s.as_str());
        let _ = writeln!(
            out,
            "  {} {} (version {}, {status}), {owner}: {}",
            d.id().map(|i| i.to_string()).unwrap_or_default(),
            d.title(),
            super::version_of(d),
            d.file.display
        );
    }
    crate::text::for_terminal(&out).into_owned()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
