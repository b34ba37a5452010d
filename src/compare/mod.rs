//! What changed between two versions of a document: a stage of its own,
//! between resolve and render. Pure functions from two `Document`s to a
//! typed `Comparison`, which the comparison page, the redline PDF,
//! `trustdocs diff` and `trustdocs pack` all read.
//!
//! The body tree is compared, never HTML: sections are matched by anchor,
//! then by heading text, then by content; within a section, blocks (a
//! paragraph, a list item, a table) are aligned, and a changed block is
//! compared word by word. Section numbers are generated, so renumbering is
//! not a change. See docs/comparisons.md.

mod blocks;
mod comparison;
mod describe;
mod entry;
mod fact;
mod facts;
mod moves;
mod pairing;
mod sections;
mod stats;
mod tables;
pub mod terminal;
mod units;
mod version_facts;
mod words;

use crate::model::{DocId, Document, Status};
use crate::publish::{ChangesPage, Publication};

pub use comparison::{
    BlockChange, BlockDiff, BlockKind, Comparison, Heading, RowDiff, SectionDiff, SectionStatus, Side, Stats, TableDiff,
};
pub use describe::label_of;
pub use fact::{characteristic, eia_stage, impact, Fact, FactChange, FactKey};
pub use version_facts::{control_sheet, facts, Names};
pub use words::{Op, Seg};

fn side(doc: &Document) -> Side {
    Side {
        version: doc.version().map_or_else(String::new, |v| v.to_string()),
        status: doc.status().map_or("unknown", Status::as_str),
        ratified: doc.meta.ratified_date().map(|d| d.to_string()),
    }
}

/// Compares version `old` of a document with version `new`; `old_facts`
/// and `new_facts` are their front-matter facts, in the order a reader
/// sees them (`facts` makes them).
pub fn compare(old: &Document, new: &Document, old_facts: &[Fact], new_facts: &[Fact]) -> Comparison {
    let old_parts = units::parts(&old.body);
    let new_parts = units::parts(&new.body);
    let sections = sections::compare(&old_parts, &new_parts);
    let stats = stats::stats(&sections);
    Comparison {
        id: new.id().or(old.id()).map_or_else(String::new, DocId::to_string),
        title: new.title().to_string(),
        from: side(old),
        to: side(new),
        facts: facts::compare(old_facts, new_facts),
        sections,
        stats,
    }
}

/// Compares version `old` of a document with version `new`, facts included
/// as `site` shows them (the public copy names an author by job title only).
pub fn compare_versions(site: &Publication, old: &Document, new: &Document, names: &Names) -> Comparison {
    compare(old, new, &facts(site, old, names), &facts(site, new, names))
}

/// The comparison a page of `site` shows (the comparison page, its
/// redline, the committee's paper): related documents and roles named as
/// the site names them, and in the public copy a document that is not
/// public left out.
pub fn compare_page(site: &Publication, page: &ChangesPage) -> Comparison {
    let lib = site.lib;
    let related = |id: &DocId| match site.main_of.get(id) {
        Some(&i) => Some(lib.doc(i).title().to_string()),
        None if site.opts.public => None,
        None => Some(lib.target(id).map_or_else(|| "(not in this library)".to_string(), |d| d.title().to_string())),
    };
    let role = |r: &str| lib.config.role(r).map(|r| r.title.clone());
    compare_versions(site, lib.doc(page.from), lib.doc(page.to), &Names { related: &related, role: &role })
}

#[cfg(test)]
pub(crate) mod tests;
