//! Machine-readable files: the catalogue (JSON), an Atom feed of ratified
//! documents, an iCalendar file of review dates and the sitemap. Addresses
//! are absolute, from `base_url` (`public_base_url` in the public copy).

use crate::model::timeline::Standing;
use crate::model::{Document, Status};
use crate::publish::Publication;
use crate::resolve::DocIndex;
use serde::Serialize;
use std::fmt::Write;

/// The format is documented in docs/catalogue.md; change both together.
#[derive(Serialize)]
struct CatalogueEntry<'a> {
    id: String,
    title: &'a str,
    #[serde(rename = "type")]
    doc_type: Option<&'a str>,
    version: Option<&'a str>,
    status: Option<&'static str>,
    current: bool,
    directorate: Option<&'a str>,
    ratified: Option<String>,
    published: Option<String>,
    review_date: Option<String>,
    /// The day it came or comes into force (ISO); `None` for a version never ratified.
    effective: Option<String>,
    /// The day it stopped or stops being in force (ISO), if it has or will.
    in_force_until: Option<String>,
    public: bool,
    /// The SHA-256 fingerprint `ratified.lock` records for this version.
    fingerprint: Option<String>,
    page: String,
    pdf: Option<String>,
    related: Vec<String>,
}

pub fn catalogue(site: &Publication) -> String {
    let base = site.base_url();
    let entries: Vec<CatalogueEntry> = site
        .pages
        .iter()
        .map(|p| {
            let d = site.lib.doc(p.doc);
            let span = site.lib.span(p.doc);
            CatalogueEntry {
                id: d.id().map(|i| i.to_string()).unwrap_or_default(),
                title: d.title(),
                doc_type: d.meta.doc_type.as_ref().map(|t| t.value.as_str()),
                version: d.version().map(|v| v.as_str()),
                status: d.status().map(Status::as_str),
                current: site.lib.in_force(p.doc),
                directorate: d.meta.directorate.as_ref().map(|x| x.value.as_str()),
                ratified: d.meta.ratified_date().map(|x| x.iso()),
                published: d.meta.published.map(|x| x.iso()),
                review_date: d.meta.effective_review_date().map(|x| x.iso()),
                effective: span.map(|s| s.from.iso()),
                in_force_until: span.and_then(|s| s.until).map(|x| x.iso()),
                public: d.meta.public,
                fingerprint: site.lib.locked(d).map(|e| e.fingerprint.to_string()),
                page: format!("{base}{}", p.url),
                pdf: site.opts.pdf.then(|| format!("{base}{}", p.pdf)),
                related: d
                    .meta
                    .related
                    .iter()
                    .filter(|r| site.main_of.contains_key(&r.value))
                    .map(|r| r.value.to_string())
                    .collect(),
            }
        })
        .collect();
    let doc = serde_json::json!({ "organisation": site.lib.config.site.organisation, "generated": site.lib.today().iso(), "documents": entries });
    serde_json::to_string_pretty(&doc).expect("catalogue serialises") + "\n"
}

fn xml(text: &str) -> String {
    let mut s = String::new();
    crate::text::escape_html(text, &mut s);
    s
}

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

pub fn atom(site: &Publication) -> String {
    let base = site.base_url();
    let org = &site.lib.config.site.organisation;
    let docs = ratified_newest_first(site);
    let updated = docs.first().and_then(|(_, d)| d.meta.ratified_date()).unwrap_or(site.lib.today());
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "  <title>{} – newly ratified documents</title>", xml(org));
    let _ = writeln!(
        out,
        "  <id>{}</id>\n  <link rel=\"self\" href=\"{}{}\"/>\n  <link href=\"{}\"/>",
        xml(&base),
        xml(&base),
        crate::publish::addresses::FEED,
        xml(&base)
    );
    let _ =
        writeln!(out, "  <updated>{}T00:00:00Z</updated>\n  <author><name>{}</name></author>", updated.day, xml(org));
    for (i, d) in docs {
        let url = format!("{base}{}", site.url_of[&i]);
        let version = d.version().map_or("", |v| v.as_str());
        let date = d.meta.ratified_date().unwrap_or(site.lib.today()).day;
        let starts = match site.lib.standing(i) {
            Standing::Upcoming(from) => format!(", in force from {from}"),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  <entry>\n    <title>{} ({}, version {version}{})</title>",
            xml(d.title()),
            xml(&d.id().map(|i| i.to_string()).unwrap_or_default()),
            xml(&starts)
        );
        let _ = writeln!(
            out,
            "    <id>{}#v{version}</id>\n    <link href=\"{}\"/>\n    <updated>{date}T00:00:00Z</updated>",
            xml(&url),
            xml(&url)
        );
        if let Some(summary) = &d.meta.summary {
            let _ = writeln!(out, "    <summary>{}</summary>", xml(summary));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// One all-day event per current document's review date. Lines end in CRLF
/// and are folded at 75 octets, as RFC 5545 asks.
pub fn calendar(site: &Publication) -> String {
    let base = site.base_url();
    let host = base.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or("trustdocs");
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//trustdocs//review dates//EN".into(),
        "CALSCALE:GREGORIAN".into(),
    ];
    lines.push(format!("X-WR-CALNAME:{}", ics_text(&format!("Review dates – {}", site.lib.config.site.organisation))));
    for (&i, d) in site.main_of.values().map(|i| (i, site.lib.doc(*i))) {
        let (Some(review), Some(id)) = (d.meta.effective_review_date(), d.id()) else { continue };
        if !site.lib.in_force(i) {
            continue;
        }
        let stamp = d.meta.ratified_date().unwrap_or(review).day.format("%Y%m%d");
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}-v{}@{host}", id.slug(), d.version().map_or("0", |v| v.as_str())),
            format!("DTSTAMP:{stamp}T000000Z"),
            format!("DTSTART;VALUE=DATE:{}", review.day.format("%Y%m%d")),
            format!("SUMMARY:{}", ics_text(&format!("Review due: {} ({id})", d.title()))),
            format!(
                "DESCRIPTION:{}",
                ics_text(&format!(
                    "Owner: {}. Directorate: {}.",
                    d.meta.author.as_ref().map_or("not given", |a| a.name.as_str()),
                    d.directorate_label()
                ))
            ),
            format!("URL:{base}{}", site.url_of[&i]),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
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

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn calendar_lines_are_folded_at_75_octets() {
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded:?}");
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
    }
}
