//! A document page's version timeline: one row per version on record that
//! the site publishes (drafts are not on record), oldest first, each with
//! its time in force from the resolve stage's timeline and links to its
//! page, PDF and the comparison with the version before.

use crate::model::timeline::{End, Span, Standing};
use crate::model::{Date, Document};
use crate::publish::Publication;
use crate::resolve::DocIndex;
use serde::Serialize;

#[derive(Serialize)]
pub struct TimelineRow {
    pub version: String,
    /// The version of the page showing the row.
    pub this: bool,
    /// In force from and until (exclusive), in words; `None` for a version
    /// never in force.
    pub from: Option<String>,
    pub until: Option<String>,
    /// Where it stands on the site's day, in words: `In force`, `Comes into
    /// force on 1 April 2026`, `Never in force: overtaken by version 3`.
    pub standing: String,
    pub ratified_by: Option<String>,
    pub minute: Option<String>,
    pub url: String,
    pub pdf_url: Option<String>,
    pub changes_url: Option<String>,
    pub changes_from: Option<String>,
}

/// The rows of the timeline on the page of the version at `this`.
pub fn rows(site: &Publication, this: DocIndex) -> Vec<TimelineRow> {
    let lib = site.lib;
    let Some(versions) = lib.doc(this).id().and_then(|id| lib.by_id().get(id)) else { return Vec::new() };
    let on_record = |d: &Document| d.status().is_some_and(|s| !s.is_draft());
    versions
        .all
        .iter()
        .filter(|&&i| on_record(lib.doc(i)))
        .filter_map(|&i| Some((i, site.url_of.get(&i)?)))
        .map(|(i, url)| row(site, i, url, this))
        .collect()
}

fn row(site: &Publication, i: DocIndex, url: &str, this: DocIndex) -> TimelineRow {
    let doc = site.lib.doc(i);
    let span = site.lib.span(i).filter(|s| s.ever_in_force());
    let changes = site.changes.into_version(i);
    let version_of = |d: DocIndex| site.lib.doc(d).version().map_or_else(String::new, |v| v.to_string());
    let pdf = site.pages.iter().find(|p| p.doc == i).map(|p| p.pdf.clone());
    TimelineRow {
        version: doc.version().map_or_else(String::new, |v| v.to_string()),
        this: i == this,
        from: span.map(|s| s.from.to_string()),
        until: span.and_then(|s| s.until).map(|d| d.to_string()),
        standing: standing(site.lib.span(i), site.lib.today()),
        ratified_by: doc.meta.ratified.as_ref().map(|r| r.by.clone()),
        minute: doc.meta.ratified.as_ref().and_then(|r| r.minute.clone()),
        url: url.to_string(),
        pdf_url: pdf.filter(|_| site.opts.pdf),
        changes_url: changes.map(|c| c.url.clone()),
        changes_from: changes.map(|c| version_of(c.from)),
    }
}

/// A version's standing on `today` in words.
fn standing(span: Option<&Span<DocIndex>>, today: Date) -> String {
    let Some(span) = span else { return "Never ratified".to_string() };
    match span.standing_on(today) {
        Standing::Unratified => "Never ratified".to_string(),
        Standing::InForce => "In force".to_string(),
        Standing::Upcoming(on) => format!("Comes into force on {on}"),
        Standing::Ended(_, End::Succeeded(v)) => format!("Replaced by version {v}"),
        Standing::Ended(_, End::Withdrawn) => "Withdrawn".to_string(),
        Standing::Ended(_, End::Replaced(by)) => format!("Replaced by {by}"),
        Standing::Never => match &span.ended_by {
            Some(End::Succeeded(v)) => format!("Never in force: overtaken by version {v}"),
            Some(End::Replaced(by)) => format!("Never in force: replaced by {by} first"),
            _ => "Never in force: withdrawn before it came into force".to_string(),
        },
    }
}
