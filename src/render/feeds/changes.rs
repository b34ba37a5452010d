//! The feeds of what changed: one per role, directorate and document type
//! (`roles/ROLE/feed.atom`, `directorates/NAME/feed.atom`,
//! `types/TYPE/feed.atom`, beside the page each is about). An entry is a
//! version ratified, a version coming into force later than its
//! ratification, or a withdrawal, on the day it happened; days after the
//! site's date are left out until they come.

use super::atom::Entry;
use crate::model::timeline::End;
use crate::model::{Date, Document};
use crate::output::OutputFile;
use crate::publish::{addresses, Publication};
use crate::resolve::DocIndex;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// A feed holds at most this many entries, the newest: a reader polls it
/// often, and a long past is on the document pages.
const ENTRIES: usize = 100;

/// What a feed is about: the page it sits beside (relative, ending in
/// `/`), its title, and which versions belong to it.
pub struct Topic<'a> {
    pub page: String,
    pub title: String,
    pub has: Box<dyn Fn(&Document) -> bool + Sync + 'a>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Ratified,
    InForce,
    Withdrawn,
}

impl Kind {
    fn slug(self) -> &'static str {
        match self {
            Kind::Ratified => "ratified",
            Kind::InForce => "in-force",
            Kind::Withdrawn => "withdrawn",
        }
    }
}

/// Something that happened to a published version, on `day`.
#[derive(Clone, Copy)]
struct Event {
    day: Date,
    kind: Kind,
    doc: DocIndex,
}

/// Every event of the published versions up to the site's date, newest first.
fn events(site: &Publication) -> Vec<Event> {
    let today = site.lib.today();
    let mut out = Vec::new();
    for p in &site.pages {
        let (Some(span), Some(ratified)) = (site.lib.span(p.doc), site.lib.doc(p.doc).meta.ratified_date()) else {
            continue;
        };
        out.push(Event { day: ratified, kind: Kind::Ratified, doc: p.doc });
        if span.from > ratified && span.ever_in_force() {
            out.push(Event { day: span.from, kind: Kind::InForce, doc: p.doc });
        }
        if let (Some(until), Some(End::Withdrawn)) = (span.until, &span.ended_by) {
            out.push(Event { day: until, kind: Kind::Withdrawn, doc: p.doc });
        }
    }
    out.retain(|e| e.day <= today);
    let id = |e: &Event| site.lib.doc(e.doc).id().cloned();
    out.sort_by_key(|e| std::cmp::Reverse((e.day, id(e), e.kind)));
    out
}

/// The feed of each topic, beside its page.
pub fn topic_feeds(site: &Publication, topics: &[Topic]) -> Vec<OutputFile> {
    let all = events(site);
    let chosen: Vec<Vec<Event>> = topics
        .iter()
        .map(|t| all.iter().filter(|e| (t.has)(site.lib.doc(e.doc))).take(ENTRIES).copied().collect())
        .collect();
    // Each comparison is made once, however many feeds tell of its version.
    let versions: BTreeSet<DocIndex> = chosen.iter().flatten().map(|e| e.doc).collect();
    let compared: HashMap<DocIndex, String> =
        versions.into_par_iter().filter_map(|i| Some((i, comparison_summary(site, i)?))).collect();
    topics
        .iter()
        .zip(chosen)
        .map(|(t, events)| {
            let entries = events.iter().map(|e| entry(site, e, compared.get(&e.doc))).collect();
            let path = addresses::feed_of(&t.page);
            let feed = super::site_feed(site, &t.page, &path, t.title.clone(), entries);
            OutputFile::bytes(path, feed)
        })
        .collect()
}

/// The comparison page's summary line of the version's changes, when the
/// site has that page.
fn comparison_summary(site: &Publication, i: DocIndex) -> Option<String> {
    let page = site.changes.into_version(i)?;
    Some(crate::render::changes::summary_line(&crate::compare::compare_page(site, page)))
}

fn entry(site: &Publication, e: &Event, compared: Option<&String>) -> Entry {
    let d = site.lib.doc(e.doc);
    let id = d.id().map_or_else(String::new, |i| i.to_string());
    let version = d.version().map_or("0", |v| v.as_str());
    let what = match e.kind {
        Kind::Ratified => match site.lib.span(e.doc).map(|s| s.from).filter(|&from| from > e.day) {
            Some(from) => format!("version {version} ratified, in force from {from}"),
            None => format!("version {version} ratified"),
        },
        Kind::InForce => format!("version {version} in force"),
        Kind::Withdrawn => format!("version {version} withdrawn"),
    };
    let base = site.base_url();
    let own_page = format!("{base}{}", site.url_of[&e.doc]);
    // The comparison shows what changed; a first version has only its page.
    let link = match (e.kind, site.changes.into_version(e.doc)) {
        (Kind::Withdrawn, _) | (_, None) => own_page,
        (_, Some(page)) => format!("{base}{}", page.url),
    };
    let slug = d.id().map_or_else(|| "document".to_string(), |i| i.slug());
    Entry {
        // The id's folder never moves, unlike a version's page.
        id: format!("{base}{}#v{version}-{}", addresses::main_page(&slug), e.kind.slug()),
        title: format!("{} ({id}): {what}", d.title()),
        link,
        updated: e.day,
        summary: summary(d, e.kind, compared),
    }
}

/// What an entry says: the withdrawal's reason, or the version's
/// amendment history and its comparison's summary line.
fn summary(d: &Document, kind: Kind, compared: Option<&String>) -> String {
    if kind == Kind::Withdrawn {
        return match &d.meta.withdrawn {
            Some(w) => format!("Withdrawn by {} on {}: {}", w.by, w.date, w.reason),
            None => "Withdrawn.".to_string(),
        };
    }
    let history = d
        .meta
        .history
        .as_ref()
        .and_then(|h| h.value.iter().rev().find(|e| Some(&e.version.value) == d.version()))
        .map_or_else(
            || "Amendment history: none recorded.".to_string(),
            |e| format!("Amendment history: {}", e.description),
        );
    let changes = compared.map_or_else(|| "First version on this site.".to_string(), |c| format!("Changes: {c}"));
    format!("{history}\n{changes}")
}
