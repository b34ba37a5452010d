//! External references: the entries of a references or bibliography section
//! (citations in the APA style trusts' templates ask for, "[Online]
//! Available at:" forms, or a title followed by its address) read into
//! `references`, each with what it states of title, publisher, year,
//! address and date of access.

use super::blocks::{Block, Kind};
use super::dates::{self, Reading};
use crate::model::Date;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reference {
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<i32>,
    pub accessed: Option<Date>,
}

pub struct Found {
    pub references: Vec<Reference>,
    /// The section's blocks, when every entry was read (the builder lists
    /// references itself, so the section would show them twice).
    pub section: Option<std::ops::Range<usize>>,
    /// The section's heading.
    pub heading: usize,
}

static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"https?://[^\s<>"]+"#).expect("url"));
/// "Care Quality Commission. (2020, April). Title. Retrieved ..." or "NICE (2015) Title".
static APA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<publisher>[^()]{2,120}?)\.?\s*\((?P<year>(?:19|20)\d\d)[^)]{0,20}\)\.?\s*(?P<rest>.*)$")
        .expect("apa")
});
/// "… Second edition. London: Department of Health.": the place and
/// publisher a Harvard citation ends with.
static PLACE_PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\.\s+[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?:\s*(?P<publisher>[^.:]{2,80}?)\.?\s*$").expect("place")
});
static ACCESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:retrieved|accessed|viewed)(?:\s+on)?\s*:?\s*").expect("access"));
static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:\.\s*retrieved\b|\.?\s*\[online\]|\.?\s*available\s+(?:at|from)\b|\(accessed\b|\.\s*from\b|\s+retrieved\b|https?://)").expect("title end")
});

/// A whole line that is only a citation's "Place: Publisher." tail
/// ("London: NICE.", "Leeds: NHS England"), as Harvard references set it.
static PLACE_AND_PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?:\s*[A-Z][^.:]{1,80}\.?$").expect("place and publisher")
});

pub fn is_place_and_publisher(line: &str) -> bool {
    PLACE_AND_PUBLISHER.is_match(line)
}

pub fn is_references_heading(t: &str) -> bool {
    let t = t.to_lowercase();
    (t.contains("reference") || t.contains("bibliograph") || t.contains("evidence")) && !t.contains("cross")
}

fn is_associated_heading(t: &str) -> bool {
    let t = t.to_lowercase();
    t.contains("associated documents") && !t.contains("relevant")
}

/// Finds the first references section and reads its entries. The section
/// ends at the next heading as high as its own, or at a block of `stops`:
/// one already read into the front matter (an EIA form, an amendment
/// table) or its caption. A form set after the references under a title
/// that is not a heading is not a list of references.
pub fn find(blocks: &[Block], stops: &std::collections::BTreeSet<usize>) -> Option<Found> {
    let (h, level, strict) = blocks.iter().enumerate().find_map(|(i, b)| {
        // "References" alone on its line, not set as a heading: its section
        // runs to the next heading of any level.
        let (level, t) = match &b.kind {
            Kind::Paragraph { text } if text.plain.split_whitespace().count() <= 3 => (u8::MAX, text.plain.as_str()),
            _ => b.heading()?,
        };
        if is_references_heading(t) {
            Some((i, level, false))
        } else if is_associated_heading(t) {
            Some((i, level, true))
        } else {
            None
        }
    })?;
    let end = (h + 1..blocks.len())
        .find(|&k| blocks[k].heading().is_some_and(|(l, _)| l <= level) || stops.contains(&k))
        .unwrap_or(blocks.len());
    let mut refs = Vec::new();
    let mut unread = 0;
    for (k, b) in blocks.iter().enumerate().take(end).skip(h + 1) {
        // "9.1 NHS Prevent strategy": a numbered entry read as a heading
        // with nothing under it is an entry.
        let bare_heading = b.heading().is_some() && blocks.get(k + 1).is_none_or(|n| n.heading().is_some());
        let entries = match &b.kind {
            Kind::Heading { text, .. } if bare_heading => vec![text.plain.clone()],
            _ => entries(b),
        };
        for entry in entries {
            match read(&entry) {
                // Under "Associated documents" only entries that cite (a
                // year or an address) are references; titles alone are
                // the trust's own documents.
                Some(r) if !strict || r.url.is_some() || r.year.is_some() => refs.push(r),
                _ => unread += 1,
            }
        }
    }
    if refs.is_empty() {
        return None;
    }
    Some(Found { references: refs, section: (unread == 0).then_some(h..end), heading: h })
}

/// The entries of a block: a paragraph or item is one; a table row is one
/// (its longest cell); a paragraph running several addresses together is
/// split after each address.
fn entries(b: &Block) -> Vec<String> {
    let texts: Vec<String> = match &b.kind {
        Kind::Paragraph { text } | Kind::ListItem { text, .. } => vec![text.plain.clone()],
        Kind::Table { rows } => rows
            .iter()
            .filter_map(|r| r.plain().into_iter().max_by_key(|c| c.len()).map(str::to_string))
            .filter(|c| c.split_whitespace().count() >= 3)
            .collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for t in texts.iter().map(|t| mend_urls(t)) {
        let urls: Vec<_> = URL.find_iter(&t).collect();
        let apa = APA.is_match(&t);
        if urls.len() <= 1 || apa {
            out.push(t);
            continue;
        }
        let mut start = 0;
        for m in urls {
            out.push(t[start..m.end()].trim().to_string());
            start = m.end();
        }
        if !t[start..].trim().is_empty() {
            out.push(t[start..].trim().to_string());
        }
    }
    out.into_iter().filter(|e| e.split_whitespace().count() >= 2).collect()
}

/// An address that a line break split ("standards_for_comm
/// issioners_2016-2017.pdf"): a following piece with no capitals that
/// reads as more of a path joins it.
fn mend_urls(t: &str) -> String {
    static BARE_SCHEME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(https?://)\s+").expect("scheme"));
    let t = BARE_SCHEME.replace_all(t, "$1");
    let mut out = String::with_capacity(t.len());
    let mut copied = 0;
    for m in URL.find_iter(&t) {
        let url = m.as_str();
        let rest = &t[m.end()..];
        let next = rest.split_whitespace().next().unwrap_or("");
        let pathlike = !next.is_empty()
            && next.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-./%".contains(c))
            && next.contains(['_', '/', '.'])
            && ![".pdf", ".htm", ".html", ".doc", ".docx"].iter().any(|e| url.ends_with(e));
        out.push_str(&t[copied..m.end()]);
        copied = m.end();
        if pathlike && rest.starts_with(' ') {
            // Skip the space the line break left.
            copied += rest.len() - rest.trim_start().len();
        }
    }
    out.push_str(&t[copied..]);
    out
}

/// Reads one citation. `None` for something that is not one (a column heading).
pub fn read(entry: &str) -> Option<Reference> {
    static ENUMERATION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:\[\d{1,3}\]|\d{1,3}[.)])\s+").expect("enumeration"));
    let entry = entry.trim();
    let entry = ENUMERATION.find(entry).map_or(entry, |m| &entry[m.end()..]);
    let lower = entry.to_lowercase();
    if matches!(lower.as_str(), "number references" | "references" | "bibliography" | "references in full") {
        return None;
    }
    let url = URL.find(entry).map(|m| m.as_str().trim_end_matches(['.', ',', ';', ')']).to_string());
    let accessed = ACCESS.find(entry).and_then(|m| match dates::find(&entry[m.end()..]) {
        Some((Reading::Day(d), _)) => Some(d),
        _ => None,
    });
    let (publisher, year, rest) = match APA.captures(entry) {
        Some(c) => (
            Some(c["publisher"].trim().trim_end_matches('.').to_string()),
            c["year"].parse().ok(),
            c["rest"].to_string(),
        ),
        None => (None, None, entry.to_string()),
    };
    let (rest, publisher) = match PLACE_PUBLISHER.captures(&rest) {
        Some(c) if !URL.is_match(&rest) => {
            let at = c.get(0).map_or(rest.len(), |m| m.start());
            (rest[..at].to_string(), publisher.or_else(|| Some(c["publisher"].trim().to_string())))
        }
        _ => (rest, publisher),
    };
    let title_end = TITLE_END.find(&rest).map_or(rest.len(), |m| m.start());
    let title = rest[..title_end].trim().trim_end_matches(['.', ',']).trim().to_string();
    // "Title (2004). Available at: ...": with nothing between the year and
    // the address, what stands before the year is the title, not a publisher.
    let (title, publisher) = match (title.is_empty(), publisher) {
        (true, Some(p)) => (p, None),
        (_, p) => (title, p),
    };
    if title.is_empty() {
        return None;
    }
    // "Directions to NHS Bodies on Security Management Measures 2004": a
    // title that ends on a year gives the year.
    let year = year.or_else(|| {
        let last = title.split_whitespace().last()?;
        (last.len() == 4 && last.starts_with(['1', '2'])).then(|| dates::year(last)).flatten()
    });
    Some(Reference { title, url, publisher: publisher.filter(|p| p.split_whitespace().count() <= 8), year, accessed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apa_and_online_forms() {
        let r = read("Care Quality Commission. (2020, April). Regulations for service providers and managers: relevant guidance. Retrieved March 31, 2021, from http://www.cqc.org.uk/x#y").unwrap();
        assert_eq!(r.publisher.as_deref(), Some("Care Quality Commission"));
        assert_eq!(r.year, Some(2020));
        assert_eq!(r.title, "Regulations for service providers and managers: relevant guidance");
        assert_eq!(r.url.as_deref(), Some("http://www.cqc.org.uk/x#y"));
        assert_eq!(r.accessed.map(|d| d.iso()).as_deref(), Some("2021-03-31"));
        let r = read("Patient Safety and Risk Manager (2019, August). Incident Management and Reporting Policy. Retrieved March 31, 2021, from policies: https://a.b/c.pdf").unwrap();
        assert_eq!(
            (r.publisher.as_deref(), r.title.as_str()),
            (Some("Patient Safety and Risk Manager"), "Incident Management and Reporting Policy")
        );
        let r = read("Directions to NHS Bodies on Security Management Measures 2004 http://www.cfsms.nhs.uk/doc/a.pdf")
            .unwrap();
        assert_eq!(
            (r.title.as_str(), r.year),
            ("Directions to NHS Bodies on Security Management Measures 2004", Some(2004))
        );
        let r = read("1. Directions to NHS Bodies 2004 (2004). Available at: http://www.cfsms.nhs.uk/a.pdf.").unwrap();
        assert_eq!((r.title.as_str(), r.publisher, r.year), ("Directions to NHS Bodies 2004", None, Some(2004)));
        assert_eq!(r.url.as_deref(), Some("http://www.cfsms.nhs.uk/a.pdf"));
        let r = read("Mental Capacity Act 2005. London: The Stationery Office.").unwrap();
        assert_eq!(
            (r.title.as_str(), r.publisher.as_deref(), r.year),
            ("Mental Capacity Act 2005", Some("The Stationery Office"), Some(2005))
        );
        let r =
            read("Workplace health [Online] Available at: https://www.nice.org.uk/guidance/ng13 (accessed 30/11/2017)")
                .unwrap();
        assert_eq!(
            (r.title.as_str(), r.accessed.map(|d| d.iso())),
            ("Workplace health", Some("2017-11-30".to_string()))
        );
    }
}
