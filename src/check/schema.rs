//! S005: one version in force and one in preparation per id, one file per id and version.
//! S007: ids that would share an address or read the same.

use super::doc_pos;
use crate::diag::{Code, Diagnostic};
use crate::model::{DocId, Document, Status};
use crate::resolve::Library;
use std::collections::{BTreeMap, BTreeSet};

/// S005: at most one version in force and one in preparation per id, the
/// one in preparation numbered above the one in force; one file per version.
pub fn versions(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, versions) in lib.by_id() {
        let docs: Vec<&Document> = versions.all.iter().map(|&i| &**lib.doc(i)).collect();
        let current = versions.current.map(|i| &**lib.doc(i));
        copies(id, &docs, current, &mut out);
        two_in_force(id, &docs, &mut out);
        let preparing: Vec<&Document> =
            docs.iter().copied().filter(|d| d.status().is_some_and(Status::is_draft)).collect();
        two_in_preparation(id, &preparing, &mut out);
        // A draft must be numbered above the committee's latest decision,
        // in force yet or not.
        let latest = versions.decided.or(versions.current).map(|i| &**lib.doc(i));
        if let (Some(latest), Some(&draft)) = (latest, preparing.last()) {
            out.extend(preparing_not_above(id, latest, draft));
        }
    }
    out
}

/// Two files of one version: reported on the copy, never on the version in
/// force; a draft numbered like the version in force is reported by
/// `preparing_not_above` instead.
fn copies(id: &DocId, docs: &[&Document], current: Option<&Document>, out: &mut Vec<Diagnostic>) {
    let is_current = |d: &Document| current.is_some_and(|c| std::ptr::eq(c, d));
    for (n, doc) in docs.iter().enumerate() {
        let Some(twin) = docs[..n].iter().find(|d| d.version().is_some() && d.version() == doc.version()) else {
            continue;
        };
        let (copy, original) = if is_current(doc) { (*twin, *doc) } else { (*doc, *twin) };
        if is_current(original) && copy.status().is_some_and(Status::is_draft) {
            continue;
        }
        out.push(
            s005(
                id,
                copy,
                status_or_id_pos(copy, false),
                format!("{id} version {} is also in {}", shown(copy), original.file.display),
            )
            .help("give this file the next version number, or delete the copy"),
        );
    }
}

/// Ratified versions older than the newest one.
fn two_in_force(id: &DocId, docs: &[&Document], out: &mut Vec<Diagnostic>) {
    let ratified: Vec<&&Document> = docs.iter().filter(|d| d.status() == Some(Status::Ratified)).collect();
    let [older @ .., newest] = ratified.as_slice() else { return };
    // Two files of the newest version are reported as copies.
    for doc in older.iter().filter(|d| d.version() != newest.version()) {
        out.push(
            s005(
                id,
                doc,
                status_or_id_pos(doc, true),
                format!(
                    "{id} has two versions in force: this one and version {} in {}",
                    shown(newest),
                    newest.file.display
                ),
            )
            .help(format!("version {} is the one in force: mark this older one `status: superseded`", shown(newest))),
        );
    }
}

/// Versions in preparation older than the newest one.
fn two_in_preparation(id: &DocId, preparing: &[&Document], out: &mut Vec<Diagnostic>) {
    let [older @ .., newest] = preparing else { return };
    for doc in older.iter().filter(|d| d.version() != newest.version()) {
        out.push(
            s005(id, doc, status_or_id_pos(doc, true), format!(
                    "{id} has two versions in preparation: this one and version {} in {}",
                    shown(newest),
                    newest.file.display
                ))
                .help(format!(
                    "keep one: move what this file changes into version {} and delete this file, or mark it `status: withdrawn` to keep it on record",
                    shown(newest)
                )),
        );
    }
}

/// The version in preparation numbered at or below the latest ratified one.
fn preparing_not_above(id: &DocId, current: &Document, draft: &Document) -> Option<Diagnostic> {
    if draft.version().is_none() || draft.version() > current.version() {
        return None;
    }
    let (major, minor) =
        current.version().map_or_else(Default::default, |v| (v.next_major().to_string(), v.next_minor().to_string()));
    Some(
        s005(id, draft, draft.meta.version.as_ref().map_or(doc_pos(draft), |v| v.pos), format!(
                "{id} version {} is in preparation, but version {} in {} is already ratified",
                shown(draft),
                shown(current),
                current.file.display
            ))
            .help(format!(
                "number the version in preparation above {}: `version: \"{major}\"` for a major change or `\"{minor}\"` for a minor one, in its last history entry too",
                shown(current)
            )),
    )
}

fn s005(id: &DocId, doc: &Document, pos: crate::model::Pos, message: String) -> Diagnostic {
    Diagnostic::new(Code::S005, message).in_file(&doc.file.display).at(pos).for_document(Some(id))
}

fn shown(doc: &Document) -> String {
    doc.version().map_or("?".into(), |v| v.to_string())
}

/// Where to point: the status value, or the id.
fn status_or_id_pos(doc: &Document, status: bool) -> crate::model::Pos {
    let at_status = status.then(|| doc.meta.status.as_ref().map(|s| s.pos)).flatten();
    at_status.or_else(|| doc.meta.id.as_ref().map(|i| i.pos)).unwrap_or(doc.meta.start)
}

/// S007: ids that are different but would share an address (`POL/1.2`,
/// `POL/1-2`, `POL.1.2`) or read the same, and one id written with
/// different characters in different files (a Kelvin sign for a K). Every
/// file involved is reported; the site publishes the first id in order at
/// a shared address and leaves the others out.
pub fn lookalike_ids(lib: &Library) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<String, BTreeSet<&DocId>> = BTreeMap::new();
    for id in lib.by_id().keys() {
        groups.entry(format!("slug {}", id.slug())).or_default().insert(id);
        groups.entry(format!("folded {}", id.folded())).or_default().insert(id);
    }
    let mut clashes: BTreeMap<&DocId, BTreeSet<&DocId>> = BTreeMap::new();
    for ids in groups.values().filter(|g| g.len() > 1) {
        for id in ids {
            clashes.entry(id).or_default().extend(ids.iter().filter(|o| *o != id));
        }
    }
    let mut out = Vec::new();
    for (id, others) in &clashes {
        let first = others.iter().chain([id]).min().expect("a clash has two ids");
        let named: Vec<String> = others.iter().map(|o| format!("{o} ({})", files_of(lib, o))).collect();
        let kept = match first == id {
            true => format!("only {id} is published there until then"),
            false => format!("until then {id} is left out of the site, and {first} is published there"),
        };
        for doc in lib.versions(id) {
            out.push(
                s007(doc, format!("the id {id} would share the address documents/{}/ with {}", id.slug(), named.join(", ")))
                    .help(format!("give each document an id that differs in its letters or numbers, not only in punctuation, case or look-alike characters; {kept}")),
            );
        }
    }
    out.extend(spellings(lib));
    out
}

/// One id written differently in different files: in another case, or
/// with look-alike characters. It is one id (references find it either
/// way), but the files must agree on how it is written.
fn spellings(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, versions) in lib.by_id() {
        let docs: Vec<_> = versions.all.iter().map(|&i| &**lib.doc(i)).collect();
        let written = |d: &Document| d.meta.id_written.clone();
        let forms: BTreeSet<String> = docs.iter().filter_map(|d| written(d)).collect();
        if forms.len() < 2 {
            continue;
        }
        for doc in &docs {
            let mine = written(doc).unwrap_or_default();
            let Some(other) = docs.iter().find(|d| written(d).is_some_and(|w| w != mine)) else { continue };
            out.push(
                s007(
                    doc,
                    format!(
                        "the id `{}` reads the same as `{}` in {} but is written differently ({id})",
                        doc.meta.id_written.as_deref().unwrap_or_default(),
                        other.meta.id_written.as_deref().unwrap_or_default(),
                        other.file.display
                    ),
                )
                .help("write the id the same way in every file, in plain capital letters and digits: a different case or a look-alike character (a Kelvin sign for K, a full-width letter) was typed or pasted in"),
            );
        }
    }
    out
}

fn s007(doc: &Document, message: String) -> Diagnostic {
    let pos = doc.meta.id.as_ref().map(|i| i.pos).unwrap_or(doc.meta.start);
    Diagnostic::new(Code::S007, message).in_file(&doc.file.display).at(pos).for_document(doc.id())
}

fn files_of(lib: &Library, id: &DocId) -> String {
    lib.versions(id).map(|d| d.file.display.as_str()).collect::<Vec<_>>().join(", ")
}
