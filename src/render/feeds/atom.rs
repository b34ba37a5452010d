//! The one Atom (RFC 4287) writer: every feed of the site (the library's
//! newly ratified documents, each role's, directorate's and type's changes)
//! is a `Feed` of `Entry`s written here, so that each is valid Atom the
//! same way: the feed has an id, title, updated date, a link to itself and
//! an author; each entry an id, title, updated date, link and summary.

use crate::model::Date;
use std::fmt::Write;

/// A feed, its addresses absolute.
pub struct Feed {
    /// The feed's id and the page it is about (its `alternate` link).
    pub page: String,
    /// Where the feed itself is (`rel="self"`).
    pub address: String,
    pub title: String,
    pub author: String,
    pub entries: Vec<Entry>,
    /// The day of the newest entry when there is none (a feed must have one).
    pub fallback_updated: Date,
}

/// One entry. `id` must not change between builds: readers use it to tell
/// an entry they have seen from a new one.
pub struct Entry {
    pub id: String,
    pub title: String,
    pub link: String,
    pub updated: Date,
    /// Every entry has one: a reader shows it under the title.
    pub summary: String,
}

/// Text for XML element content and attribute values: escaped, and without
/// the control characters XML 1.0 forbids (a stray one would make every
/// reader refuse the whole feed).
pub fn xml(text: &str) -> String {
    let allowed: String = text.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect();
    let mut s = String::with_capacity(allowed.len());
    crate::text::escape_html(&allowed, &mut s);
    s
}

/// A day as RFC 3339 asks: midnight UTC.
fn rfc3339(day: Date) -> String {
    format!("{}T00:00:00Z", day.day.format("%Y-%m-%d"))
}

pub fn write(feed: &Feed) -> String {
    let updated = feed.entries.iter().map(|e| e.updated).max().unwrap_or(feed.fallback_updated);
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "  <title>{}</title>", xml(&feed.title));
    let _ = writeln!(
        out,
        "  <id>{}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml(&feed.page),
        xml(&feed.address),
        xml(&feed.page)
    );
    let _ = writeln!(
        out,
        "  <updated>{}</updated>\n  <author><name>{}</name></author>",
        rfc3339(updated),
        xml(&feed.author)
    );
    for e in &feed.entries {
        let _ = writeln!(out, "  <entry>\n    <title>{}</title>", xml(&e.title));
        let _ = writeln!(
            out,
            "    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>",
            xml(&e.id),
            xml(&e.link),
            rfc3339(e.updated)
        );
        let _ = writeln!(out, "    <summary>{}</summary>\n  </entry>", xml(&e.summary));
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_forbids() {
        assert_eq!(xml("a < b & ]]> \"c\"\u{1}\u{b}\n"), "a &lt; b &amp; ]]&gt; &quot;c&quot;\n");
    }
}
