//! X010: external links that do not answer, or answer with an error, only
//! with `check --external`, which asks the sites (`links::fetch`); this is
//! the pure part: which addresses the documents link to, and what to report
//! once their outcomes are known. X011, on every run: those with a user
//! name or password in them (`--external` asks them without).

use super::at;
use crate::diag::{Code, Diagnostic};
use crate::links::Outcome;
use crate::model::body::Target;
use crate::model::{Document, Pos, SafeUrl, UrlKind};
use crate::resolve::Library;
use std::collections::BTreeSet;

/// Every web address (`http:`, `https:`) a document links to, in its body
/// or its references, with where it is written and how wide.
pub fn places(doc: &Document) -> Vec<(&SafeUrl, Pos, u32)> {
    let body = doc.body.links.iter().filter_map(|l| match &l.target {
        Target::External(u) => Some((u, l.pos, l.width)),
        _ => None,
    });
    let references = doc.meta.references.iter().filter_map(|r| {
        let url = r.url.as_ref()?;
        url.safe().map(|u| (u, url.pos, 0))
    });
    body.chain(references).filter(|(u, _, _)| u.kind() == UrlKind::Web).collect()
}

/// X011 for each web address of `doc` with a login written in it: the page
/// publishes it to every reader.
pub fn credentials(doc: &Document) -> Vec<Diagnostic> {
    places(doc)
        .into_iter()
        .filter_map(|(url, pos, width)| {
            let shown = crate::links::fetch::without_credentials(url.as_str())?;
            Some(
                at(doc, Code::X011, pos, format!("the external link {shown} has a user name or password written in it, which everyone who can read the document can read (`check --external` asks it without them)"))
                    .width(width as usize)
                    .help("remove the user name and password from the address: a site that needs a sign-in asks each reader for theirs"),
            )
        })
        .collect()
}

/// The distinct web addresses of the documents `wanted` accepts.
pub fn addresses<'l>(lib: &'l Library, wanted: &dyn Fn(&Document) -> bool) -> BTreeSet<&'l str> {
    lib.docs().iter().filter(|d| wanted(d)).flat_map(|d| places(d)).map(|(u, _, _)| u.as_str()).collect()
}

/// X010 for each place a broken link is written in the documents `wanted`
/// accepts; `outcome` gives what asking an address found.
pub fn check<'o>(
    lib: &Library,
    wanted: &dyn Fn(&Document) -> bool,
    outcome: &dyn Fn(&str) -> Option<&'o Outcome>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in lib.docs().iter().filter(|d| wanted(d)) {
        for (url, pos, width) in places(doc) {
            let Some(found) = outcome(url.as_str()).filter(|o| o.is_broken()) else { continue };
            let help = if found.may_be_passing() {
                "check the address in a browser; a site that is down for a while is asked again on the next run"
            } else {
                "find where the page has moved and correct the address; if it is gone, link an archived copy (the UK Government Web Archive keeps many public sector pages) or remove the link and keep the title"
            };
            out.push(
                at(doc, Code::X010, pos, format!("the external link {} {}", url.as_str(), found.describe()))
                    .width(width as usize)
                    .help(help),
            );
        }
    }
    out
}
