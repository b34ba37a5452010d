//! Cross-references: X001–X009.

use super::suggest::Ids;
use super::{at, suggest, title};
use crate::diag::{Code, Diagnostic};
use crate::model::body::{LinkKind, Target};
use crate::model::timeline::{End, Standing};
use crate::model::{At, Date, DocId, Document, Pos, RefusedUrl, ReviewState, Status, Url};
use crate::resolve::{resolve_relative, Library};

pub fn check(ids: &Ids, doc: &Document, today: Date) -> Vec<Diagnostic> {
    let lib = ids.lib;
    let mut out = Vec::new();
    for link in &doc.body.links {
        let before = out.len();
        match &link.target {
            Target::Doc { id, anchor } => {
                reference(ids, doc, id, anchor.as_deref(), link.pos, today, &mut out);
                if let (Some(before), Some(target)) = (&link.title_before, lib.target(id)) {
                    title_matches(doc, before, target, link.pos, &mut out);
                }
            }
            Target::Local(anchor) if !has_anchor(doc, anchor) => {
                out.push(
                    at(doc, Code::X002, link.pos, format!("no section of this document has the anchor `#{anchor}`"))
                        .maybe_help(anchor_help(lib, doc, anchor)),
                );
            }
            Target::File(path) => missing_file(lib, doc, path, link.kind, link.pos, &mut out),
            Target::Unsafe(refused) => {
                let what = if link.kind == LinkKind::Image { "image address" } else { "link" };
                out.push(unsafe_url(doc, refused, what, link.pos));
            }
            _ => {}
        }
        // Mark the link or the id itself, not the punctuation after it.
        out[before..].iter_mut().for_each(|d| d.width = link.width);
    }
    for r in &doc.meta.references {
        if let Some(At { value: Url::Refused(refused), pos }) = &r.url {
            out.push(unsafe_url(doc, refused, "reference URL", *pos));
        }
    }
    for r in &doc.meta.related {
        reference(ids, doc, &r.value, None, r.pos, today, &mut out);
    }
    for r in &doc.meta.replaces {
        let found = lib.versions(&r.id).any(|d| r.version.is_none() || d.version() == r.version.as_ref());
        if !found {
            let what = match &r.version {
                Some(v) => format!("{} version {v}", r.id),
                None => r.id.to_string(),
            };
            out.push(
                at(doc, Code::X008, r.pos, format!("`replaces` names {what}, which is not in the library"))
                    .help("add the earlier version as a superseded file to keep it on record, if you have it"),
            );
        }
    }
    out
}

/// X009: an address the allow-list refused.
fn unsafe_url(doc: &Document, refused: &RefusedUrl, what: &str, pos: Pos) -> Diagnostic {
    at(doc, Code::X009, pos, refused.message(what)).help(RefusedUrl::HELP)
}

/// X001, X002, X003, X005 and X007 for one reference to `id`.
fn reference(
    ids: &Ids,
    doc: &Document,
    id: &DocId,
    anchor: Option<&str>,
    pos: Pos,
    today: Date,
    out: &mut Vec<Diagnostic>,
) {
    let lib = ids.lib;
    let Some(target) = lib.target(id) else {
        out.push(
            at(doc, Code::X001, pos, format!("reference to unknown document {id}")).maybe_help(closest_ids(ids, id)),
        );
        return;
    };
    if let Some(anchor) = anchor {
        if !has_anchor(target, anchor) {
            out.push(
                at(
                    doc,
                    Code::X002,
                    pos,
                    format!("{id} ({}) has no section with the anchor `#{anchor}`", target.title()),
                )
                .maybe_help(anchor_help(lib, target, anchor)),
            );
        }
    }
    // No version in force today (the timeline's word), nor one in
    // preparation or ratified to come: every version is on record.
    let standing = lib.standing_of(target);
    if let Some(status) = on_record_only(&standing) {
        out.push(
            at(doc, Code::X003, pos, format!("reference to {id} ({}), which is {status}", target.title()))
                .maybe_help(successor(lib, id)),
        );
    } else if standing == Standing::InForce && target.review_state(today, 0) == ReviewState::Overdue {
        let date = target.meta.effective_review_date().map(|d| d.to_string()).unwrap_or_default();
        out.push(
            at(
                doc,
                Code::X005,
                pos,
                format!("reference to {id} ({}), whose review date ({date}) has passed", target.title()),
            )
            .help("check that the referenced document still says what this one relies on"),
        );
    }
    if doc.meta.public && !target.meta.public && doc.id() != Some(id) {
        out.push(
            at(
                doc,
                Code::X007,
                pos,
                format!("this public document links to {id} ({}), which is not public", target.title()),
            )
            .help(
                "in the public copy the link becomes plain text; mark the target `public: true` if it may be published",
            ),
        );
    }
}

fn title_matches(doc: &Document, before: &str, target: &Document, pos: Pos, out: &mut Vec<Diagnostic>) {
    let Some(written) = title::written_title(before) else {
        return;
    };
    if !title::matches(&written, target.title()) {
        let id = target.id().map(|i| i.to_string()).unwrap_or_default();
        out.push(
            at(
                doc,
                Code::X004,
                pos,
                format!("\"{written}\" is not the title of {id}, which is \"{}\"", target.title()),
            )
            .help(format!("write \"{} ({id})\", or check that the id is the one meant", target.title())),
        );
    }
}

fn has_anchor(doc: &Document, anchor: &str) -> bool {
    doc.body.anchor(anchor).is_some()
}

fn anchor_help(lib: &Library, doc: &Document, anchor: &str) -> Option<String> {
    let best = suggest::anchor(&lib.config, doc, anchor)?;
    Some(format!("did you mean `#{}` ({})?", best.anchor, best.label()))
}

fn closest_ids(ids: &Ids, id: &DocId) -> Option<String> {
    let close: Vec<String> =
        ids.near(id).into_iter().map(|k| format!("{k} ({})", ids.lib.target(k).map_or("", |d| d.title()))).collect();
    (!close.is_empty()).then(|| format!("did you mean {}?", close.join(" or ")))
}

/// What a reference's target is, when it has left force for good.
fn on_record_only(standing: &Standing) -> Option<&'static str> {
    match standing {
        Standing::Ended(_, End::Withdrawn) => Some("withdrawn"),
        Standing::Ended(..) | Standing::Never => Some("superseded"),
        Standing::InForce | Standing::Upcoming(_) | Standing::Unratified => None,
    }
}

fn successor(lib: &Library, id: &DocId) -> Option<String> {
    let next = lib
        .replacements_of(id)
        .filter(|d| d.status().is_some_and(Status::is_current))
        .max_by_key(|d| d.meta.ratified_date())?;
    Some(format!(
        "it is replaced by {} ({}); refer to that instead",
        next.id().map(|i| i.to_string()).unwrap_or_default(),
        next.title()
    ))
}

fn missing_file(lib: &Library, doc: &Document, path: &str, kind: LinkKind, pos: Pos, out: &mut Vec<Diagnostic>) {
    let what = if kind == LinkKind::Image { "image" } else { "linked file" };
    match resolve_relative(&doc.file.path, path) {
        Some(p) if lib.has_asset(&p) => {}
        // There but unreadable, or a link leading out: S006 at the file already says so.
        Some(p)
            if p.starts_with("assets") && std::fs::symlink_metadata(lib.dir.join(&p)).is_ok_and(|m| !m.is_dir()) => {}
        Some(p) if lib.dir.join(&p).is_file() => out.push(
            at(doc, Code::X006, pos, format!("{what} `{path}` is not under assets/"))
                .help("move it into the content folder's assets/ and link it from there"),
        ),
        _ => out.push(
            at(doc, Code::X006, pos, format!("{what} `{path}` does not exist"))
                .help("links are relative to this file's folder: from documents/, write ../assets/<name>"),
        ),
    }
}
