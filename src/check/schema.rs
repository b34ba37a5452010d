//! S005: one current version per id, one file per id and version.
//! S007: ids that would share an address or read the same.

use crate::diag::{Code, Diagnostic};
use crate::model::{DocId, Document};
use crate::resolve::Library;
use std::collections::{BTreeMap, BTreeSet};

pub fn versions(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, versions) in &lib.by_id {
        let docs: Vec<_> = versions.all.iter().map(|&i| lib.doc(i)).collect();
        for (n, doc) in docs.iter().enumerate() {
            let earlier = &docs[..n];
            let pos = doc.meta.id.as_ref().map(|i| i.pos).unwrap_or(doc.meta.start);
            if let Some(twin) = earlier.iter().find(|d| d.version().is_some() && d.version() == doc.version()) {
                out.push(
                    Diagnostic::new(
                        Code::S005,
                        format!(
                            "{id} version {} is also in {}",
                            doc.version().map_or("?".into(), |v| v.to_string()),
                            twin.file.display
                        ),
                    )
                    .in_file(&doc.file.display)
                    .at(pos)
                    .for_document(Some(id))
                    .help("give this file the next version number, or delete the copy"),
                );
            }
        }
        let current: Vec<_> = docs.iter().filter(|d| d.status().is_some_and(|s| s.is_current())).collect();
        if let [kept @ .., newest] = current.as_slice() {
            for doc in kept {
                let pos = doc.meta.status.as_ref().map(|s| s.pos).unwrap_or(doc.meta.start);
                out.push(
                    Diagnostic::new(
                        Code::S005,
                        format!(
                            "{id} has two current versions: this one and version {} in {}",
                            newest.version().map_or("?".into(), |v| v.to_string()),
                            newest.file.display
                        ),
                    )
                    .in_file(&doc.file.display)
                    .at(pos)
                    .for_document(Some(id))
                    .help("mark the older version `status: superseded` (or `withdrawn`)"),
                );
            }
        }
    }
    out
}

/// S007: ids that are different but would share an address (`POL/1.2`,
/// `POL/1-2`, `POL.1.2`) or read the same, and one id written with
/// different characters in different files (a Kelvin sign for a K). Every
/// file involved is reported; the site publishes the first id in order at
/// a shared address and leaves the others out.
pub fn lookalike_ids(lib: &Library) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<String, BTreeSet<&DocId>> = BTreeMap::new();
    for id in lib.by_id.keys() {
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
    for (id, versions) in &lib.by_id {
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
