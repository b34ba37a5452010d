//! The one iCalendar (RFC 5545) writer, and the review-date calendars made
//! with it: the library's (`reviews.ics`), each owner's and each
//! directorate's (`reviews/owners/SLUG.ics`, `reviews/directorates/SLUG.ics`).
//! Each event is the all-day review date of a version in force, with an
//! alarm `due_soon_days` before it: the notice the reviews page gives.

use crate::model::{Date, Document};
use crate::publish::{addresses, Publication};
use crate::records::reviews;
use crate::resolve::DocIndex;
use std::collections::BTreeMap;

/// A calendar of review dates, named as a calendar application lists it.
pub struct Calendar {
    pub name: String,
    pub events: Vec<Event>,
}

pub struct Event {
    /// Unique to the version, and the same in every build.
    pub uid: String,
    pub stamp: Date,
    pub day: Date,
    pub summary: String,
    pub description: String,
    pub url: String,
    /// Days before `day` the alarm goes off, with what it says.
    pub alarm: Option<(u32, String)>,
}

/// Lines end in CRLF and are folded at 75 octets, as RFC 5545 asks.
pub fn write(cal: &Calendar) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//trustdocs//review dates//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", text(&cal.name)),
    ];
    for e in &cal.events {
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", text(&e.uid)),
            format!("DTSTAMP:{}T000000Z", e.stamp.day.format("%Y%m%d")),
            format!("DTSTART;VALUE=DATE:{}", e.day.day.format("%Y%m%d")),
            format!("SUMMARY:{}", text(&e.summary)),
            format!("DESCRIPTION:{}", text(&e.description)),
            format!("URL:{}", e.url),
        ]);
        if let Some((days, says)) = &e.alarm {
            lines.extend([
                "BEGIN:VALARM".to_string(),
                "ACTION:DISPLAY".into(),
                format!("DESCRIPTION:{}", text(says)),
                format!("TRIGGER:-P{days}D"),
                "END:VALARM".into(),
            ]);
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

/// TEXT as RFC 5545 escapes it; a carriage return would end the line early.
fn text(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace("\r\n", "\\n").replace(['\n', '\r'], "\\n")
}

/// Folds a line so that no line is longer than 75 octets, the leading
/// space of a continuation included; a character is never split.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars().filter(|&c| !c.is_control() || c == '\t') {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// The review-date event of version `i`, when it has a review date.
fn review_event(site: &Publication, host: &str, i: DocIndex, d: &Document) -> Option<Event> {
    let (review, id) = (d.meta.effective_review_date()?, d.id()?);
    let owner = site.author(d, ", ").unwrap_or_else(|| "not given".to_string());
    let notice = site.lib.config.site.due_soon_days;
    let summary = format!("Review due: {} ({id})", d.title());
    Some(Event {
        uid: format!("{}-v{}@{host}", id.slug(), d.version().map_or("0", |v| v.as_str())),
        stamp: d.meta.ratified_date().unwrap_or(review),
        day: review,
        description: format!("Owner: {owner}. Directorate: {}.", d.directorate_label()),
        url: format!("{}{}", site.base_url(), site.url_of[&i]),
        alarm: Some((notice, format!("{summary} in {notice} days"))),
        summary,
    })
}

/// The calendar of the versions in force that `has` accepts.
fn reviews_calendar(site: &Publication, name: String, has: impl Fn(&Document) -> bool) -> String {
    let base = site.base_url();
    let host = base.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or("trustdocs");
    let events = reviews::in_force(site, site.lib.config.site.due_soon_days)
        .filter(|(_, d, _)| has(d))
        .filter_map(|(i, d, _)| review_event(site, host, i, d))
        .collect();
    write(&Calendar { name, events })
}

/// The library's calendar: every version in force.
pub fn library(site: &Publication) -> String {
    reviews_calendar(site, format!("Review dates – {}", site.lib.config.site.organisation), |_| true)
}

/// One calendar file per owner (the author's job title) and per
/// directorate: its address, what the reviews page calls it, its text.
pub struct Subscription {
    pub path: String,
    pub label: String,
    pub ics: String,
}

/// Each owner's and each directorate's calendar (owners, then
/// directorates, each A to Z). A version whose author has no job title is
/// in no owner's calendar.
pub fn by_owner_and_directorate(site: &Publication) -> (Vec<Subscription>, Vec<Subscription>) {
    let owner = |d: &Document| d.meta.author.as_ref().and_then(|a| a.title.clone());
    let directorate = |d: &Document| Some(d.directorate_label().to_string());
    let owners = grouped(site, owner, addresses::owner_calendar);
    let directorates = grouped(site, directorate, addresses::directorate_calendar);
    (owners, directorates)
}

/// A calendar per name `key` gives the versions in force. Names that make
/// the same address share it, under the first of them A to Z, so that
/// the label does not depend on the documents' order.
fn grouped(
    site: &Publication,
    key: impl Fn(&Document) -> Option<String>,
    path: fn(&str) -> String,
) -> Vec<Subscription> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (_, d, _) in reviews::in_force(site, site.lib.config.site.due_soon_days) {
        if let Some(name) = key(d) {
            let label = names.entry(path(&name)).or_insert_with(|| name.clone());
            if name < *label {
                *label = name;
            }
        }
    }
    let mut out: Vec<Subscription> = names
        .into_iter()
        .map(|(path_of, label)| {
            let name = format!("Review dates – {label}");
            let ics = reviews_calendar(site, name, |d| key(d).is_some_and(|k| path(&k) == path_of));
            Subscription { path: path_of, label, ics }
        })
        .collect();
    out.sort_by_key(|s| s.label.to_lowercase());
    out
}

#[cfg(test)]
mod tests {
    use super::{fold, text};

    #[test]
    fn calendar_lines_are_folded_at_75_octets_between_characters() {
        for c in ["é", "€", "𝄞", "a"] {
            for n in [60, 74, 75, 76, 200] {
                let long = format!("SUMMARY:{}", c.repeat(n));
                let folded = fold(&long);
                assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded:?}");
                assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
            }
        }
    }

    #[test]
    fn text_escapes_what_would_end_a_value_or_a_line() {
        assert_eq!(text("a;b,c\\d\r\ne\nf\rg"), "a\\;b\\,c\\\\d\\ne\\nf\\ng");
    }
}
