//! "Read and acknowledge" (issue 27): the link to the trust's form on the
//! page of a version in force, never in the public copy nor on a
//! superseded version's page; the settings it is refused with; and
//! `trustdocs acknowledgements`, which reconciles the form's responses
//! with a staff list and writes staff data nowhere but where it is told.

use crate::common::*;

const TODAY: &str = "2026-11-23";
const TITLE: &str = "Fire & Safety #1: Café rules, 50% off";
const FORM: &str = "https://learning.example.nhs.uk/ack?doc={id}&v={version}&fp={fingerprint}&t={title}";
const ROLES: &str = "- id: lsms\n  title: Local Security Management Specialist\n- id: managers\n  title: Managers\n";
/// A name planted in the staff list: it must reach no byte of any site.
const CANARY: &str = "Zebedee Canarywhistle";

fn site(ack: &str) -> String {
    format!("{SITE}acknowledge:\n{ack}")
}

/// POL/001/001 in two versions (the second in force), marked
/// `acknowledge: true`; POL/001/002 giving managers duties; POL/001/003
/// giving only the LSMS duties (not a role that must confirm).
fn library() -> Fixture {
    let body = |role: &str| format!("## Scope\n\nText.\n\n## Duties {{role={role}}}\n\nDoes things.\n");
    let a = |v: &str, status: &str, date: &str| {
        dated_version("POL/001/001", TITLE, v, status, date, "public: true\nacknowledge: true\n", &body("lsms"))
    };
    let f = Fixture::new(&[
        ("a1.md", &a("1", "superseded", "2024-01-10")),
        ("a2.md", &a("2", "ratified", "2025-01-10")),
        ("b.md", &dated_version("POL/001/002", "Managers", "1", "ratified", "2025-01-10", "", &body("managers"))),
        ("c.md", &dated_version("POL/001/003", "LSMS only", "1", "ratified", "2025-01-10", "", &body("lsms"))),
    ]);
    f.write("content/site.yaml", site(&format!("  url: \"{FORM}\"\n  required_for_roles: [managers]\n")));
    f.write("content/roles.yaml", ROLES);
    f.lock();
    f
}

/// The fingerprint `ratified.lock` records for the version in force of `id`.
fn fingerprint(f: &Fixture, id: &str) -> String {
    let out = f.run(&["in-force", "content", "--on", TODAY, id, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["documents"][0]["fingerprint"].as_str().expect("a lock entry").to_string()
}

fn links(html: &str) -> Vec<String> {
    select_attrs(html, "a.td-acknowledge", "href")
}

#[test]
fn the_page_in_force_links_to_the_form_with_each_value_encoded_whole() {
    let f = library();
    f.build(&[]);
    let page = f.read("out/documents/pol-001-001/index.html");
    let [href] = &links(&page)[..] else { panic!("one link: {:?}", links(&page)) };
    assert!(select_texts(&page, "a.td-acknowledge")[0].contains("Confirm you have read version 2"));
    let query = href.strip_prefix("https://learning.example.nhs.uk/ack?").expect(href);
    let values: Vec<(String, String)> = query
        .split('&')
        .map(|kv| kv.split_once('=').expect(kv))
        .map(|(k, v)| (k.to_string(), trustdocs::model::url::percent_decode_lossy(v)))
        .collect();
    let fp = fingerprint(&f, "POL/001/001");
    let want = [("doc", "POL/001/001"), ("v", "2"), ("fp", fp.as_str()), ("t", TITLE)];
    assert_eq!(values, want.map(|(k, v)| (k.to_string(), v.to_string())));
    assert!(!query.contains(' ') && !query.contains('#') && !query.contains("é"), "{query}");
    // Duties to a role that must confirm are enough; duties to another role are not.
    assert_eq!(links(&f.read("out/documents/pol-001-002/index.html")).len(), 1);
    assert!(links(&f.read("out/documents/pol-001-003/index.html")).is_empty());
}

#[test]
fn no_link_on_a_superseded_version_nor_in_the_public_copy() {
    let f = library();
    f.build(&[]);
    for (path, html) in pages_of(&f.path("out/documents/pol-001-001")) {
        let caption = select_texts(&html, "p.td-caption").join(" ");
        if caption.contains("version 1") {
            assert!(links(&html).is_empty(), "{path} is version 1's page and links to the form");
        }
    }
    f.build(&["--public"]);
    let pages = pages_of(&f.path("out"));
    assert!(pages.iter().any(|(p, _)| p == "documents/pol-001-001/index.html"), "the public document is published");
    for (path, html) in pages {
        assert!(!html.contains("td-acknowledge") && !html.contains("learning.example"), "{path}");
    }
}

#[test]
fn settings_refuse_a_form_that_is_not_http_an_unknown_placeholder_and_an_unknown_role() {
    let cases = [
        ("  url: \"javascript:alert(1)?d={id}\"\n", "is not an http or https address", "http:// or https://"),
        ("  url: \"https://x.nhs.uk/?d={name}\"\n", "`{name}` is not a placeholder", "{fingerprint}"),
        (
            "  url: \"https://x.nhs.uk/?d={id}\"\n  required_for_roles: [manager]\n",
            "`manager` is not a role of roles.yaml",
            "did you mean `managers`?",
        ),
    ];
    for (ack, message, help) in cases {
        let f = Fixture::new(&[("a.md", &clean("POL/001/001", "", "Text.\n"))]);
        f.write("content/roles.yaml", ROLES);
        let text = site(ack);
        f.write("content/site.yaml", &text);
        let report = f.check_json();
        let found = with_code(&report, "S006");
        let d = found.iter().find(|d| d["message"].as_str().unwrap().contains(message)).unwrap_or_else(|| {
            panic!("{message}: {report}");
        });
        assert!(d["file"].as_str().unwrap().ends_with("site.yaml"), "{d}");
        let marker = if ack.contains("manager]") { "required_for_roles" } else { "  url:" };
        assert_eq!(d["line"], line_of(&text, marker), "{d}");
        assert!(d["help"].as_str().unwrap().contains(help), "{d}");
    }
}

const STAFF: &str = "who,name,roles\nalice@t.nhs.uk,Alice Able,managers\nbob@t.nhs.uk,Bob Bell,managers;lsms\ncarol@t.nhs.uk,Carol Cole,lsms\ndan@t.nhs.uk,Dan Dale,\n";

#[test]
fn the_report_for_people_says_when_a_response_gave_no_fingerprint() {
    let f = library();
    f.write("responses.csv", "who,id,version,fingerprint,when\nalice@t.nhs.uk,POL/001/001,2,,2026-11-01\n");
    f.write("staff.csv", STAFF);
    let args = ["acknowledgements", "content", "--responses", "responses.csv", "--staff", "staff.csv"];
    let out = f.run(&[&args[..], &["--today", TODAY]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("alice@t.nhs.uk  POL/001/001 version 2: no fingerprint given\n"), "{}", stdout(&out));
}

/// Runs the report as JSON, which must succeed.
fn report(f: &Fixture, responses: &str, staff: &str) -> serde_json::Value {
    f.write("responses.csv", responses);
    f.write("staff.csv", staff);
    let args = ["acknowledgements", "content", "--responses", "responses.csv", "--staff", "staff.csv"];
    let out = f.run(&[&args[..], &["--format", "json", "--today", TODAY]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

fn whos(value: &serde_json::Value) -> Vec<&str> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect()
}

/// The keys of an object, sorted.
fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    keys
}

#[test]
fn responses_are_reconciled_with_the_staff_list_by_the_planted_rules() {
    let f = library();
    let (a, b) = (fingerprint(&f, "POL/001/001"), fingerprint(&f, "POL/001/002"));
    let responses = format!(
        "who,id,version,fingerprint,when\n\
         alice@t.nhs.uk,POL/001/001,2,{a},2026-11-01T09:00\n\
         alice@t.nhs.uk,pol/001/002,1,{b},2026-11-01\n\
         bob@t.nhs.uk,POL/001/001,1,,2024-02-01\n\
         bob@t.nhs.uk,POL/001/002,1,deadbeef,01/11/2026 10:00\n\
         carol@t.nhs.uk,POL/001/001,1,,2026-10-01 08:00\n\
         CAROL@t.nhs.uk,POL/001/001,2,{a},2026-11-02 08:00\n\
         dan@t.nhs.uk,POL/001/001,2,{a},02/11/2026 08:00:00\n\
         dan@t.nhs.uk,POL/001/001,1,,01/10/2026\n\
         eve@t.nhs.uk,POL/001/001,2,{a},2026-11-01\n\
         alice@t.nhs.uk,POL/999/999,1,,2026-11-01\n\
         alice@t.nhs.uk,POL/001/001,3,,2026-11-01\n\
         alice@t.nhs.uk,POL/001/001,2,{a},yesterday\n\
         alice@t.nhs.uk,POL/001/003,1,,2026-11-01\n"
    );
    let json = report(&f, &responses, STAFF);
    assert_eq!(keys(&json), ["documents", "mismatched", "roles", "unknown"]);
    let docs = json["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2, "POL/001/003 asks no role that must confirm: {json}");
    let want = ["confirmed", "fingerprint", "id", "not_confirmed", "older_version", "title", "version"];
    assert_eq!(keys(&docs[0]), want);
    assert_eq!(
        (&docs[0]["id"], &docs[0]["title"], &docs[0]["version"]),
        (&"POL/001/001".into(), &TITLE.into(), &"2".into())
    );
    assert_eq!(docs[0]["fingerprint"], a.as_str());
    assert_eq!(whos(&docs[0]["confirmed"]), ["alice@t.nhs.uk", "carol@t.nhs.uk", "dan@t.nhs.uk"]);
    assert_eq!(whos(&docs[0]["older_version"]), ["bob@t.nhs.uk"]);
    assert!(whos(&docs[0]["not_confirmed"]).is_empty());
    assert_eq!(whos(&docs[1]["confirmed"]), ["alice@t.nhs.uk"]);
    assert_eq!(whos(&docs[1]["not_confirmed"]), ["bob@t.nhs.uk"]);
    let mismatched = json["mismatched"].as_array().unwrap();
    assert_eq!(mismatched.len(), 1);
    assert_eq!(keys(&mismatched[0]), ["fingerprint", "id", "version", "who"]);
    assert_eq!((&mismatched[0]["who"], &mismatched[0]["fingerprint"]), (&"bob@t.nhs.uk".into(), &"deadbeef".into()));
    let roles = json["roles"].as_array().unwrap();
    assert_eq!(keys(&roles[0]), ["confirmed", "percent", "role", "staff"]);
    let role = |id: &str| roles.iter().find(|r| r["role"] == id).unwrap_or_else(|| panic!("{id}: {json}")).clone();
    assert_eq!((role("managers")["staff"].as_u64(), role("managers")["confirmed"].as_u64()), (Some(2), Some(1)));
    assert_eq!(role("managers")["percent"].as_f64(), Some(50.0));
    assert_eq!((role("lsms")["staff"].as_u64(), role("lsms")["confirmed"].as_u64()), (Some(2), Some(1)));
    let unknown = json["unknown"].as_array().unwrap();
    assert_eq!(keys(&unknown[0]), ["id", "reason", "who"]);
    let reasons: Vec<&str> = unknown.iter().map(|u| u["reason"].as_str().unwrap()).collect();
    let planted = [
        ("line 10:", "`eve@t.nhs.uk` is not in the staff list"),
        ("line 11:", "no document has the id POL/999/999"),
        ("line 12:", "version 3 is later than the version in force (2)"),
        ("line 13:", "`yesterday` is not a date"),
        ("line 14:", "POL/001/003 does not ask staff to confirm"),
    ];
    assert_eq!(reasons.len(), planted.len(), "{reasons:#?}");
    for (line, why) in planted {
        let found = reasons.iter().find(|r| r.contains(why)).unwrap_or_else(|| panic!("{why}: {reasons:#?}"));
        assert!(found.starts_with(&format!("responses.csv {line}")), "{found}");
    }
}

#[test]
fn excel_csv_is_read_bom_crlf_quotes_semicolons_and_header_case() {
    let f = library();
    let a = fingerprint(&f, "POL/001/001");
    let staff = "\u{feff}sep=;\r\n WHO ;Name;Roles\r\n\"smith, j\";\"Smith, \"\"Jo\"\"\r\nJunior\";managers,lsms\r\n";
    let responses = format!(
        "\u{feff}When,Fingerprint,ID,Version,Who\r\n\"01/11/2026 09:00\",\"{}\",\"pol/001/001\",\"2\",\"Smith, J\"\r\n",
        a.to_uppercase()
    );
    let json = report(&f, &responses, staff);
    assert_eq!(whos(&json["documents"][0]["confirmed"]), ["smith, j"], "{json}");
    assert!(json["unknown"].as_array().unwrap().is_empty(), "{json}");
    f.write("staff.csv", staff);
    let out = f.run(&[
        "acknowledgements",
        "content",
        "--responses",
        "responses.csv",
        "--staff",
        "staff.csv",
        "--format",
        "csv",
        "--today",
        TODAY,
    ]);
    let text = stdout(&out);
    assert!(text.contains("\"Smith, \"\"Jo\"\"\nJunior\""), "the name comes back whole: {text}");
}

#[test]
fn a_file_without_a_column_it_needs_is_bad_usage_naming_what_it_has() {
    let f = library();
    f.write("responses.csv", "who,id,version,when\n");
    f.write("staff.csv", STAFF);
    let out = f.run(&["acknowledgements", "content", "--responses", "responses.csv", "--staff", "staff.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for part in [
        "responses.csv",
        "no column fingerprint",
        "names who, id, version, when",
        "who, id, version, fingerprint, when",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
    assert!(stdout(&out).is_empty());
}

#[test]
fn the_report_is_never_written_into_the_content_folder_or_a_site() {
    let f = library();
    f.build(&[]);
    f.write("responses.csv", "who,id,version,fingerprint,when\n");
    f.write("staff.csv", STAFF);
    std::os::unix::fs::symlink(f.path("out/documents"), f.path("docs-link")).unwrap();
    let refused = [
        "content/report.csv",
        "content/documents/../r.csv",
        "out/r.csv",
        "out/documents/x/r.csv",
        "docs-link/r.csv",
        "staff.csv",
    ];
    let write_to = |target: &str| {
        f.run(&["acknowledgements", "content", "--responses", "responses.csv", "--staff", "staff.csv", "--out", target])
    };
    for target in refused {
        let out = write_to(target);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        assert!(stderr(&out).contains("refusing to write the report"), "{target}: {}", stderr(&out));
        assert!(!f.path(target).exists() || target == "staff.csv", "{target} was written");
    }
    assert_eq!(f.read("staff.csv"), STAFF);
    // A folder that does not exist is named, with what to do.
    let out = write_to("nowhere/r.csv");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("the folder nowhere does not exist; create it first"), "{}", stderr(&out));
}

#[test]
fn staff_data_reaches_no_byte_of_any_site() {
    let f = library();
    let a = fingerprint(&f, "POL/001/001");
    let staff = format!("who,name,roles\ncanary@t.nhs.uk,{CANARY},managers\n");
    f.write("elsewhere/staff.csv", &staff);
    f.write(
        "elsewhere/responses.csv",
        format!("who,id,version,fingerprint,when\ncanary@t.nhs.uk,POL/001/001,2,{a},2026-11-01\n"),
    );
    let args = ["--responses", "elsewhere/responses.csv", "--staff", "elsewhere/staff.csv", "--today", TODAY];
    // A report asked for again replaces the earlier one, whole.
    f.write("elsewhere/r.csv", "an earlier report, much longer than the new one ".repeat(500));
    for (format, out) in [("csv", "elsewhere/r.csv"), ("json", "elsewhere/r.json"), ("human", "elsewhere/r.txt")] {
        let run = f.run(&[&["acknowledgements", "content", "--format", format, "--out", out][..], &args].concat());
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        // JSON names staff by `who` only; the CSV and the text name them too.
        assert!(f.read(out).contains(if format == "json" { "canary@t.nhs.uk" } else { CANARY }), "{out}");
        assert!(!f.read(out).contains("an earlier report"), "{out} is replaced");
    }
    let left: Vec<String> = std::fs::read_dir(f.path("elsewhere"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.iter().all(|n| !n.ends_with(".tmp")), "no temporary file is left: {left:?}");
    for (public, out) in [(false, "site"), (true, "public")] {
        let mut build = vec!["build", "content", "--out", out, "--no-pdf", "--today", TODAY];
        build.extend(public.then_some("--public"));
        let run = f.run(&build);
        assert!(run.status.success(), "{}", stderr(&run));
        let files = snapshot(&f.path(out));
        assert!(files.len() > 10, "{out} is a site");
        for (path, bytes) in files {
            for needle in [CANARY.as_bytes(), b"canary@t.nhs.uk"] {
                assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{path} holds staff data");
            }
        }
    }
}
