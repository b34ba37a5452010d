//! Machine-readable files: the catalogue (JSON), the Atom feeds, the
//! iCalendar files of review dates and the sitemap. Addresses are
//! absolute, from `base_url` (`public_base_url` in the public copy). One
//! writer per format (`atom.rs`, `calendar.rs`); the files differ only in
//! what they hold.

mod atom;
pub mod calendar;
mod catalogue;
pub mod changes;

pub use catalogue::catalogue;

use crate::model::timeline::Standing;
use crate::model::Document;
use crate::publish::Publication;
use crate::resolve::DocIndex;
use atom::{xml, Entry, Feed};
use std::fmt::Write;

/// Published versions in force or coming into force, newest ratification
/// first: a version ratified to start later is news the day it is ratified.
fn ratified_newest_first<'a>(site: &'a Publication) -> Vec<(DocIndex, &'a Document)> {
    let mut docs: Vec<_> = site
        .pages
        .iter()
        .map(|p| (p.doc, &**site.lib.doc(p.doc)))
        .filter(|&(i, _)| matches!(site.lib.standing(i), Standing::InForce | Standing::Upcoming(_)))
        .collect();
    docs.sort_by_key(|(_, d)| std::cmp::Reverse((d.meta.ratified_date(), d.id().cloned())));
    docs
}

/// The library's feed: its newly ratified documents, newest first.
pub fn atom(site: &Publication) -> String {
    let base = site.base_url();
    let org = &site.lib.config.site.organisation;
    let entries = ratified_newest_first(site)
        .into_iter()
        .map(|(i, d)| {
            let url = format!("{base}{}", site.url_of[&i]);
            let version = d.version().map_or("", |v| v.as_str());
            let starts = match site.lib.standing(i) {
                Standing::Upcoming(from) => format!(", in force from {from}"),
                _ => String::new(),
            };
            let id = d.id().map(|i| i.to_string()).unwrap_or_default();
            Entry {
                id: format!("{url}#v{version}"),
                title: format!("{} ({id}, version {version}{starts})", d.title()),
                link: url,
                updated: d.meta.ratified_date().unwrap_or(site.lib.today()),
                summary: d.meta.summary.clone().unwrap_or_else(|| format!("Version {version} of {}.", d.title())),
            }
        })
        .collect();
    site_feed(site, "", crate::publish::addresses::FEED, format!("{org} – newly ratified documents"), entries)
}

/// A feed of the site about the page at `page` (relative, `""` for the
/// home page), itself at `path`, by the organisation.
fn site_feed(site: &Publication, page: &str, path: &str, title: String, entries: Vec<Entry>) -> String {
    let base = site.base_url();
    let feed = Feed {
        page: format!("{base}{page}"),
        address: format!("{base}{path}"),
        title,
        author: site.lib.config.site.organisation.clone(),
        entries,
        fallback_updated: site.lib.today(),
    };
    atom::write(&feed)
}

pub fn sitemap(site: &Publication, extra_pages: &[String]) -> String {
    let base = site.base_url();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut urls: Vec<String> = extra_pages.to_vec();
    urls.extend(site.pages.iter().map(|p| p.url.clone()));
    for u in urls {
        let _ = writeln!(out, "  <url><loc>{}</loc></url>", xml(&format!("{base}{u}")));
    }
    out.push_str("</urlset>\n");
    out
}
