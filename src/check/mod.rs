//! Stage 3: checks. Each family is a pure function of the library (and the
//! date) that returns diagnostics; nothing here prints or writes.

mod content;
mod eia;
pub mod external;
mod history;
mod lock;
mod refs;
mod review;
mod roles;
pub mod route;
mod schema;
mod suggest;
mod title;

use crate::diag::{Code, Diagnostic};
use crate::model::{Date, Document, Pos};
use crate::resolve::{DocIndex, Library};
use rayon::prelude::*;

/// Runs every check over the library.
pub fn run(lib: &Library, today: Date) -> Vec<Diagnostic> {
    let mut diags = library_wide(lib);
    diags.extend(documents(lib, today, &lib.indices()).into_iter().flat_map(|(_, d)| d));
    diags
}

/// The checks that compare the versions of each id with one another.
pub fn library_wide(lib: &Library) -> Vec<Diagnostic> {
    let mut out = schema::versions(lib);
    out.extend(schema::lookalike_ids(lib));
    out.extend(history::nothing_in_force(lib));
    out.extend(history::effective_dates(lib));
    out.extend(lock::library_wide(lib));
    out
}

/// The checks of each document at `indices`, which may look up the
/// documents it refers to. `serve` re-runs them for the documents an edit
/// can change.
pub fn documents(lib: &Library, today: Date, indices: &[DocIndex]) -> Vec<(DocIndex, Vec<Diagnostic>)> {
    let rules = content::Rules::new();
    let ids = suggest::Ids::new(lib);
    indices
        .par_iter()
        .map(|&i| {
            let doc = lib.doc(i);
            let mut d = Vec::new();
            d.extend(refs::check(&ids, doc, today));
            d.extend(external::credentials(doc));
            d.extend(review::check(lib, i, today));
            d.extend(history::check(lib, i));
            d.extend(lock::check(lib, doc));
            d.extend(eia::check(lib, i, today));
            d.extend(route::unanswered(lib, i, today));
            // readiness: G001, G003
            d.extend(route::unconsulted(lib, i).into_iter().chain(route::route(lib, i, None)));
            d.extend(roles::check(lib, doc));
            d.extend(content::check(lib, &rules, doc));
            (i, d)
        })
        .collect()
}

/// A diagnostic about `doc` at `pos`.
fn at(doc: &Document, code: Code, pos: Pos, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(code, message).in_file(&doc.file.display).at(pos).for_document(doc.id())
}

/// Where to point for a whole-document finding: the status value, else the
/// front matter's first key.
fn doc_pos(doc: &Document) -> Pos {
    doc.meta.status.as_ref().map_or(doc.meta.start, |s| s.pos)
}
