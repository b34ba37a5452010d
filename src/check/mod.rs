//! Stage 3: checks. Each family is a pure function of the library (and the
//! date) that returns diagnostics; nothing here prints or writes.

mod content;
mod eia;
mod history;
mod refs;
mod review;
mod roles;
mod schema;
mod title;

use crate::diag::{Code, Diagnostic, Pos};
use crate::model::{Date, Document, Status};
use crate::resolve::Library;
use rayon::prelude::*;

/// Runs every check over the library.
pub fn run(lib: &Library, today: Date) -> Vec<Diagnostic> {
    let mut diags = schema::versions(lib);
    let rules = content::Rules::new(lib);
    let per_doc: Vec<Vec<Diagnostic>> = (0..lib.docs.len())
        .into_par_iter()
        .map(|i| {
            let doc = &lib.docs[i];
            let mut d = Vec::new();
            d.extend(refs::check(lib, doc, today));
            d.extend(review::check(lib, i, today));
            d.extend(history::check(lib, i));
            d.extend(eia::check(lib, i));
            d.extend(roles::check(lib, doc));
            d.extend(content::check(lib, &rules, doc));
            d
        })
        .collect();
    diags.extend(per_doc.into_iter().flatten());
    diags
}

/// A diagnostic about `doc` at `pos`.
fn at(doc: &Document, code: Code, pos: Pos, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, message).in_file(&doc.file.display).at(pos).for_document(doc.id())
}

/// The current, ratified version of its id: the documents in force, whose
/// review dates, history and EIA matter.
fn in_force(lib: &Library, index: usize) -> bool {
    let doc = &lib.docs[index];
    doc.status() == Some(Status::Ratified)
        && doc.id().and_then(|id| lib.by_id.get(id)).and_then(|v| v.current) == Some(index)
}

/// Where to point for a whole-document finding: the status value, else the
/// front matter's first key.
fn doc_pos(doc: &Document) -> Pos {
    doc.meta.status.as_ref().map_or(doc.meta.start, |s| s.pos)
}
