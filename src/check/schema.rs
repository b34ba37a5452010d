//! S005: one current version per id, one file per id and version.

use crate::diag::{Code, Diagnostic};
use crate::resolve::Library;

pub fn versions(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, versions) in &lib.by_id {
        let docs: Vec<_> = versions.all.iter().map(|&i| &lib.docs[i]).collect();
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
