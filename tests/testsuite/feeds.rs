//! The feeds of what changed (per role, directorate and type) and the
//! review calendars (per owner and directorate): valid Atom and iCalendar
//! read by real parsers, every link resolving, nothing private in the
//! public copy, and hostile titles kept as text.

use crate::common::*;
use std::path::Path;

const BASE: &str = "https://intranet.test.nhs.uk/";
/// `<`, `&`, `]]>`, a newline, a comma and a semicolon, in a title.
const HOSTILE: &str = "Fire <b>safety</b> & exits ]]> one, two; three\nline two";

/// POL/001/001 version 1, and version 2 ratified on 1 March 2026 to come
/// into force on 1 June 2026, both public and giving the LSMS duties;
/// POL/001/002, withdrawn on 1 February 2026; POL/001/003, not public,
/// with a hostile title.
fn library() -> Fixture {
    let v1 = "## Duties {role=lsms}\n\nThe LSMS reviews incidents.\n";
    let v2 = "## Duties {role=lsms}\n\nThe LSMS reviews incidents every month.\n";
    let withdrawn = "withdrawn: { by: Policy Group, date: 2026-02-01, reason: \"Merged into POL/001/001\" }\n";
    let v2_extra = "public: true\neffective: 2026-06-01\nsummary: Monthly reviews\n";
    Fixture::new(&[
        ("a1.md", &dated_version("POL/001/001", "Incidents", "1", "superseded", "2025-01-10", "public: true\n", v1)),
        ("a2.md", &dated_version("POL/001/001", "Incidents", "2", "ratified", "2026-03-01", v2_extra, v2)),
        ("b.md", &dated_version("POL/001/002", "Old Policy", "1", "withdrawn", "2025-01-10", withdrawn, "Text.\n")),
        ("c.md", &dated_version("POL/001/003", &HOSTILE.replace('\n', "\\n"), "1", "ratified", "2025-05-01", "", v1)),
    ])
}

/// A parsed feed: the feed's required elements checked.
fn atom(text: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML ({e}): {text}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    for name in ["id", "title", "updated", "author"] {
        assert!(child(feed, name).is_some(), "the feed has {name}: {text}");
    }
    assert!(links(feed).iter().any(|(rel, _)| rel == "self"), "{text}");
    rfc3339(&text_of(feed, "updated"));
    for e in entries(&doc) {
        for name in ["id", "title", "updated", "summary"] {
            assert!(child(e, name).is_some(), "an entry has {name}: {text}");
        }
        assert_eq!(links(e).len(), 1, "{text}");
        rfc3339(&text_of(e, "updated"));
    }
    doc
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.tag_name().name() == name)
}

fn text_of(node: roxmltree::Node, name: &str) -> String {
    child(node, name).and_then(|c| c.text()).unwrap_or_default().to_string()
}

/// Each `<link>`'s rel (`alternate` when none) and href.
fn links(node: roxmltree::Node) -> Vec<(String, String)> {
    let links = node.children().filter(|c| c.tag_name().name() == "link");
    links.map(|l| (l.attribute("rel").unwrap_or("alternate").into(), l.attribute("href").unwrap().into())).collect()
}

fn entries<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.root_element().children().filter(|c| c.tag_name().name() == "entry").collect()
}

fn rfc3339(text: &str) {
    assert!(chrono::DateTime::parse_from_rfc3339(text).is_ok(), "not RFC 3339: {text}");
}

/// The file in the built site `out` an absolute address names.
fn file_of(out: &Path, base: &str, url: &str) -> std::path::PathBuf {
    let rel = url.strip_prefix(base).unwrap_or_else(|| panic!("{url} is not under {base}"));
    let rel = rel.split('#').next().unwrap();
    match rel.is_empty() || rel.ends_with('/') {
        true => out.join(rel).join("index.html"),
        false => out.join(rel),
    }
}

/// Each entry of a feed: (id, title, link, updated, summary).
fn entry_fields(text: &str) -> Vec<[String; 5]> {
    let doc = atom(text);
    let fields = |e| {
        let link = links(e)[0].1.clone();
        [text_of(e, "id"), text_of(e, "title"), link, text_of(e, "updated"), text_of(e, "summary")]
    };
    entries(&doc).into_iter().map(fields).collect()
}

#[test]
fn every_feed_of_the_example_library_is_atom_its_links_resolve_and_its_page_links_it() {
    let f = Fixture::example();
    f.build(&[]);
    let out = f.path("out");
    let base = "https://intranet.example.nhs.uk/policies/";
    let feeds = files_of(&out, "atom");
    assert!(feeds.len() > 10, "{feeds:?}");
    for (path, text) in &feeds {
        let doc = atom(text);
        let own = links(doc.root_element()).into_iter().find(|(rel, _)| rel == "self").unwrap().1;
        assert_eq!(own, format!("{base}{path}"));
        for e in entries(&doc) {
            let link = &links(e)[0].1;
            assert!(file_of(&out, base, link).is_file(), "{path}: {link} resolves");
        }
        if path == "feed.atom" {
            continue;
        }
        // The page the feed is about links it, in its head and visibly.
        let page = f.read(&format!("out/{}index.html", path.trim_end_matches("feed.atom")));
        let alternate = select_attrs(&page, "link[rel=alternate][type='application/atom+xml']", "href");
        assert!(
            alternate.contains(&"feed.atom".to_string()) || alternate.iter().any(|h| h.ends_with(path.as_str())),
            "{path}: {alternate:?}"
        );
        assert!(
            select_texts(&page, "a[href$='feed.atom']").contains(&"Subscribe to changes (Atom feed)".to_string()),
            "{path}"
        );
    }
    for folder in ["roles", "types", "directorates"] {
        let pages = pages_of(&out.join(folder));
        assert!(pages.len() > 1, "{folder}");
        for (page, _) in pages.iter().filter(|(p, _)| p != "index.html") {
            let feed = format!("{folder}/{}feed.atom", page.trim_end_matches("index.html"));
            assert!(feeds.iter().any(|(p, _)| *p == feed), "{feed} is there");
        }
    }
}

#[test]
fn feeds_tell_of_ratifications_later_effective_dates_and_withdrawals() {
    let f = library();
    f.build(&[]);
    let lsms = entry_fields(&f.read("out/roles/lsms/feed.atom"));
    let titles: Vec<&str> = lsms.iter().map(|e| e[1].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Incidents (POL/001/001): version 2 in force",
            "Incidents (POL/001/001): version 2 ratified, in force from 1 June 2026",
            &format!("{HOSTILE} (POL/001/003): version 1 ratified"),
            "Incidents (POL/001/001): version 1 ratified",
        ],
        "newest first: {lsms:?}"
    );
    let [in_force, ratified, _, first] = &lsms[..] else { unreachable!() };
    assert_eq!(in_force[3], "2026-06-01T00:00:00Z");
    assert_eq!(ratified[3], "2026-03-01T00:00:00Z");
    let changes = format!("{BASE}documents/pol-001-001/changes-v1-to-v2/");
    assert_eq!((&in_force[2], &ratified[2]), (&changes, &changes), "version 2 links its comparison");
    assert_eq!(first[2], format!("{BASE}documents/pol-001-001/v1/"), "a first version links its page");
    for summary in [&in_force[4], &ratified[4]] {
        assert!(summary.starts_with("Amendment history: This issue\nChanges: 1 section changed."), "{summary}");
        assert!(summary.contains("words inserted") || summary.contains("word inserted"), "{summary}");
    }
    assert!(first[4].ends_with("First version on this site."), "{}", first[4]);

    let governance = entry_fields(&f.read("out/directorates/governance/feed.atom"));
    let withdrawal = governance.iter().find(|e| e[1] == "Old Policy (POL/001/002): version 1 withdrawn").unwrap();
    assert_eq!(withdrawal[3], "2026-02-01T00:00:00Z");
    assert_eq!(withdrawal[4], "Withdrawn by Policy Group on 1 February 2026: Merged into POL/001/001");
    assert!(file_of(&f.path("out"), BASE, &withdrawal[2]).is_file());
    // The library's feed too has a summary in each entry, though only
    // version 2 has a `summary:` of its own.
    assert_eq!(entries(&atom(&f.read("out/feed.atom"))).len(), 2);
    let policies = entry_fields(&f.read("out/types/policy/feed.atom"));
    assert_eq!(policies.len(), 6, "every event of the type: {policies:?}");

    // The same entries keep their ids in the next build.
    let out = f.run(&["build", "content", "--out", "again", "--no-pdf", "--today", "2026-11-23"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids = |text: &str| entry_fields(text).into_iter().map(|e| e[0].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&f.read("again/types/policy/feed.atom")), ids(&f.read("out/types/policy/feed.atom")));
    let unique: std::collections::HashSet<_> = policies.iter().map(|e| &e[0]).collect();
    assert_eq!(unique.len(), policies.len());

    // Before the effective date, the feed says only that it was ratified.
    let out = f.run(&["build", "content", "--out", "march", "--no-pdf", "--today", "2026-03-15"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let march = entry_fields(&f.read("march/roles/lsms/feed.atom"));
    assert_eq!(march[0][1], "Incidents (POL/001/001): version 2 ratified, in force from 1 June 2026");
}

#[test]
fn a_hostile_title_stays_text_in_the_feed() {
    let f = library();
    f.build(&[]);
    let text = f.read("out/types/policy/feed.atom");
    assert!(!text.contains("<b>") && !text.contains("]]>"), "{text}");
    let titles: Vec<String> = entry_fields(&text).into_iter().map(|e| e[1].clone()).collect();
    assert!(titles.contains(&format!("{HOSTILE} (POL/001/003): version 1 ratified")), "{titles:?}");
}

#[test]
fn the_public_copy_has_feeds_of_public_versions_only_and_no_calendar() {
    let f = library();
    f.build(&["--public"]);
    let out = f.path("out");
    let feeds = files_of(&out, "atom");
    assert!(feeds.iter().any(|(p, _)| p == "roles/lsms/feed.atom"), "{feeds:?}");
    for (path, text) in &feeds {
        for e in entry_fields(text) {
            assert!(e[1].contains("POL/001/001"), "{path}: only the public id: {e:?}");
            assert!(file_of(&out, BASE, &e[2]).is_file(), "{path}: {e:?}");
        }
        assert!(!text.contains("POL/001/002") && !text.contains("POL/001/003"), "{path}: {text}");
        assert!(!text.contains("A Author"), "{path}: no staff names: {text}");
    }
    assert!(files_of(&out, "ics").is_empty(), "review dates are not the public's");
    assert!(!f.path("out/reviews").exists());
}

/// Each event of a calendar as Python's `icalendar` reads it (one JSON
/// object per event), after checking the calendar's required properties.
fn ical_events(path: &Path) -> Vec<serde_json::Value> {
    const READ: &str = r#"
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
assert str(cal['VERSION']) == '2.0' and cal['PRODID'], 'VERSION and PRODID'
events = []
for ev in cal.walk('VEVENT'):
    alarms = ev.walk('VALARM')
    assert len(alarms) == 1, 'one alarm'
    a = alarms[0]
    events.append({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']), 'description': str(ev['DESCRIPTION']),
        'start': ev['DTSTART'].dt.isoformat(), 'stamp': ev['DTSTAMP'].dt.isoformat(), 'url': str(ev['URL']),
        'action': str(a['ACTION']), 'alarm': str(a['DESCRIPTION']), 'trigger_days': a['TRIGGER'].dt.days})
print(json.dumps(events))
"#;
    // Debian's Python, which has Debian's python3-icalendar (another
    // python3 first on the PATH, such as pyenv's, would not).
    let out = std::process::Command::new("/usr/bin/python3")
        .args(["-c", READ])
        .arg(path)
        .output()
        .expect("/usr/bin/python3 with icalendar (bash scripts/test.sh installs python3-icalendar)");
    assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn review_calendars_per_owner_and_directorate_parse_and_alarm_due_soon_days_before() {
    let f = library();
    f.write("content/site.yaml", format!("{SITE}review:\n  due_soon_days: 45\n"));
    f.build(&[]);
    let out = f.path("out");
    let calendars = files_of(&out, "ics");
    let names: Vec<&str> = calendars.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(names, ["reviews.ics", "reviews/directorates/governance.ics", "reviews/owners/lsms.ics"]);
    for (path, text) in &calendars {
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{path}: folded at 75 octets");
        let events = ical_events(&out.join(path));
        // The versions in force: POL/001/001 version 2 and POL/001/003.
        assert_eq!(events.len(), 2, "{path}: {events:?}");
        let uids: std::collections::HashSet<_> = events.iter().map(|e| e["uid"].as_str().unwrap()).collect();
        assert_eq!(uids.len(), 2, "{path}: unique UIDs");
        for e in &events {
            assert_eq!((e["action"].as_str(), e["trigger_days"].as_i64()), (Some("DISPLAY"), Some(-45)), "{e}");
            assert_eq!(e["start"], "2028-01-10", "{e}");
            assert!(file_of(&out, BASE, e["url"].as_str().unwrap()).is_file(), "{e}");
        }
        let hostile = format!("Review due: {HOSTILE} (POL/001/003)");
        assert!(events.iter().any(|e| e["summary"] == hostile.as_str()), "{path}: {events:?}");
    }
    let reviews = f.read("out/reviews/index.html");
    let linked = select_attrs(&reviews, "#td-calendars ~ ul a, section[aria-labelledby=td-calendars] a", "href");
    assert_eq!(linked, ["../reviews/owners/lsms.ics", "../reviews/directorates/governance.ics"]);
    let headings = select_texts(&reviews, "section[aria-labelledby=td-calendars] h3");
    assert_eq!(headings, ["Calendars by owner", "Calendars by directorate"]);
}
