//! The documents that cite an id (by id in the text, a `doc:` link or
//! `related`), whose owners may need to act when it changes or goes.

use crate::model::body::Target;
use crate::model::timeline::Standing;
use crate::model::{DocId, Document, Person, Status};
use crate::resolve::Library;

/// A version that cites the id a command decided about, and who owns it.
#[derive(Debug, Clone)]
pub struct Citing {
    pub id: String,
    pub title: String,
    pub version: String,
    /// Its status's name (`ratified`, `draft`...), or empty.
    pub status: &'static str,
    pub owner: Option<Person>,
    /// Its file as the command line shows it.
    pub file: String,
}

/// Every version in force or in preparation of another id that cites `id`,
/// by id and version.
pub fn citing(lib: &Library, id: &DocId) -> Vec<Citing> {
    let mut docs: Vec<&Document> = lib
        .docs()
        .iter()
        .map(|d| &**d)
        .filter(|d| d.id().is_some_and(|own| own != id) && in_force_or_coming(lib, d))
        .filter(|d| {
            d.meta.related.iter().any(|r| &r.value == id)
                || d.body.links.iter().any(|l| matches!(&l.target, Target::Doc { id: t, .. } if t == id))
        })
        .collect();
    docs.sort_by(|a, b| (a.id(), a.version()).cmp(&(b.id(), b.version())));
    docs.into_iter()
        .map(|d| Citing {
            id: d.id().map(|i| i.to_string()).unwrap_or_default(),
            title: d.title().to_string(),
            version: super::version_of(d),
            status: d.status().map_or("", |s| s.as_str()),
            owner: d.meta.author.clone(),
            file: d.file.display.clone(),
        })
        .collect()
}

/// In force, ratified to come into force, or in preparation: a version
/// whose readers will follow its references.
fn in_force_or_coming(lib: &Library, doc: &Document) -> bool {
    match lib.standing_of(doc) {
        Standing::InForce | Standing::Upcoming(_) => true,
        Standing::Unratified => doc.status().is_some_and(Status::is_draft),
        Standing::Ended(..) | Standing::Never => false,
    }
}
