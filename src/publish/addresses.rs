//! Every address of the site, relative to its root, in one place: pages
//! link to one another, to PDFs and to anchors on the checks page, and a
//! link is only right if it is made by the same rule as the page it names.
//! The plan (`Publication`) gives each published version and comparison
//! its addresses from these; render only reads them.

use crate::model::{DocId, Document};
use crate::text::slugify_ascii;

/// The site's own pages and files, each at one address.
pub const HOME: &str = "index.html";
pub const A_TO_Z: &str = "documents/index.html";
pub const ROLES: &str = "roles/index.html";
pub const EIA_REGISTER: &str = "eia/index.html";
pub const GLOSSARY: &str = "glossary/index.html";
pub const CHECKS: &str = "checks/index.html";
pub const REVIEWS: &str = "reviews/index.html";
pub const REFERENCES: &str = "references/index.html";
pub const REFERENCE_PROBLEMS: &str = "references/problems/index.html";
pub const REFERENCES_CSV: &str = "references/references.csv";
pub const CATALOGUE: &str = "catalogue.json";
pub const FEED: &str = "feed.atom";
pub const SITEMAP: &str = "sitemap.xml";
pub const CALENDAR: &str = "reviews.ics";
/// The register of every version on record (intranet only), by id.
pub const REGISTER: &str = "governance/register/index.html";
pub const REGISTER_CSV: &str = "register.csv";

/// The register sorted by the column `slug` names (`title`, `review-date`...).
pub fn register_sorted(slug: &str) -> String {
    format!("governance/register/by-{slug}/index.html")
}
/// "The library on a date", and the timelines its script reads.
pub const IN_FORCE: &str = "in-force/index.html";
pub const IN_FORCE_JSON: &str = "in-force.json";

/// The main page of an id: its version in force, or its newest on record.
pub fn main_page(slug: &str) -> String {
    format!("documents/{slug}/")
}

/// The page of a version other than the main one.
pub fn version_page(slug: &str, doc: &Document) -> String {
    let v = doc.version().map_or("0".to_string(), |v| v.as_str().to_string());
    format!("documents/{slug}/v{v}/")
}

/// The page comparing two versions, in the id's folder (its main page's
/// address): an address that never moves.
pub fn changes_page(folder: &str, from: &Document, to: &Document) -> String {
    let v = |d: &Document| d.version().map_or("0".to_string(), |v| v.to_string());
    format!("{folder}changes-v{}-to-v{}/", v(from), v(to))
}

/// The PDF of a version, in its page's folder:
/// `documents/corp-strat-003/corp-strat-003-v3.pdf`.
pub fn pdf(doc: &Document, page: &str) -> String {
    let version = doc.version().map_or("0", |v| v.as_str());
    format!("{page}{}-v{version}.pdf", doc_slug(doc))
}

/// The redline of a comparison, beside the newer version's PDF:
/// `documents/a/a-v3-to-v4-changes.pdf`.
pub fn redline_pdf(from: &Document, to: &Document, folder: &str) -> String {
    let v = |d: &Document| d.version().map_or("0", |v| v.as_str()).to_string();
    format!("{folder}{}-v{}-to-v{}-changes.pdf", doc_slug(to), v(from), v(to))
}

/// The anchor of a file's findings on the checks page, from the file as
/// loaded (`None`: findings about the content folder as a whole).
pub fn checks_anchor(file: Option<&str>) -> String {
    format!("file-{}", slugify_ascii(file.unwrap_or("the content folder")))
}

/// A file's findings on the checks page.
pub fn checks_of(file: &str) -> String {
    format!("{CHECKS}#{}", checks_anchor(Some(file)))
}

/// The listing of the documents of one type (`policy`), of one
/// directorate, or the A to Z's group of one letter: `folder` is `types`,
/// `directorates` or `documents`.
pub fn listing(folder: &str, name: &str) -> String {
    format!("{folder}/{}/", slugify_ascii(name))
}

/// The listing of a document's type (`other` when it has none).
pub fn type_listing(doc: &Document) -> String {
    listing("types", &doc.meta.doc_type.as_ref().map_or_else(|| "other".to_string(), |t| t.value.clone()))
}

/// The Atom feed of what changed among the documents a page lists (a
/// role's, a directorate's, a type's), beside it: `roles/lsms/feed.atom`.
pub fn feed_of(page: &str) -> String {
    format!("{page}feed.atom")
}

/// The calendar of review dates of one owner (an author's job title).
pub fn owner_calendar(title: &str) -> String {
    format!("reviews/owners/{}.ics", slugify_ascii(title))
}

/// The calendar of review dates of one directorate.
pub fn directorate_calendar(name: &str) -> String {
    format!("reviews/directorates/{}.ics", slugify_ascii(name))
}

/// The page of a role.
pub fn role_url(role_id: &str) -> String {
    format!("roles/{}/", slugify_ascii(role_id))
}

/// Where a role section of a document is on the role's page: unique there,
/// and the same in every build.
pub fn role_section_anchor(doc: &Document, section_anchor: &str) -> String {
    format!("{}-{section_anchor}", doc_slug(doc))
}

fn doc_slug(doc: &Document) -> String {
    doc.id().map_or_else(|| "document".to_string(), DocId::slug)
}
