//! A rebuild that reuses the last build's pages (`.trustdocs/build-cache.json`)
//! makes exactly the output a build from nothing makes, after any edit; and
//! a damaged, foreign or outdated cache, or a page changed by hand, is
//! never trusted.

use super::common::{dated_version, snapshot, stderr, Fixture};
use std::io::Write;
use std::path::Path;

const CACHE: &str = ".trustdocs/build-cache.json";
/// Each search page's counts, for the next build; its records come in the
/// order the workers finish them, so it is not the same file twice.
const COUNTS: &str = ".trustdocs/search-counts";

/// The example library with a second version of a policy (so comparison
/// pages), and two documents that name others.
fn library() -> Fixture {
    let f = Fixture::example();
    let body =
        |extra: &str| format!("## Purpose\n\nPOL/9/1 says what staff do. {extra}\n\n## Duties\n\nAll staff read it.\n");
    f.write(
        "content/documents/pol-9-1-v1.md",
        dated_version("POL/9/1", "Keys", "1", "ratified", "2024-01-10", "", &body("")),
    );
    let v2 = dated_version("POL/9/1", "Keys and fobs", "2", "ratified", "2025-02-10", "", &body("Fobs too."));
    f.write("content/documents/pol-9-1-v2.md", v2);
    let cites = dated_version(
        "POL/9/2",
        "Doors",
        "1",
        "ratified",
        "2025-03-01",
        "related:\n  - POL/9/1\n",
        &body("See POL/9/1."),
    );
    f.write("content/documents/pol-9-2.md", cites);
    f
}

/// Builds `content` into `out` and returns what it said.
fn build(f: &Fixture, out: &str, today: &str) -> String {
    let run = f.run(&["build", "content", "--out", out, "--no-pdf", "--today", today]);
    assert!(run.status.success(), "build into {out}: {}", stderr(&run));
    stderr(&run)
}

/// Every file of an output but the caches: one records when files were
/// written, the other holds its records in the order they were made.
fn site(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(dir).into_iter().filter(|(p, _)| p != CACHE && p != COUNTS).collect()
}

/// Builds incrementally into `out` and from nothing into a fresh folder,
/// and holds them equal, file for file and byte for byte.
fn rebuild_and_compare(f: &Fixture, what: &str, today: &str) -> String {
    let said = build(f, "out", today);
    let _ = std::fs::remove_dir_all(f.path("fresh"));
    build(f, "fresh", today);
    let (reused, fresh) = (site(&f.path("out")), site(&f.path("fresh")));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&reused), names(&fresh), "after {what}: different files");
    for ((path, a), (_, b)) in reused.iter().zip(&fresh) {
        assert!(a == b, "after {what}: {path} differs from a build from nothing");
    }
    said
}

fn reused_pages(said: &str) -> usize {
    said.split(" of the pages unchanged")
        .next()
        .and_then(|s| s.rsplit('(').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// xorshift: the edits are random, and the same for a seed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn documents(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(f.path("content/documents"))
        .unwrap()
        .flatten()
        .map(|e| format!("content/documents/{}", e.file_name().to_string_lossy()))
        .collect();
    names.sort();
    names
}

/// Replaces the first line of `rel` that starts with `key` with `line`.
fn set_line(f: &Fixture, rel: &str, key: &str, line: &str) {
    let text = f.read(rel);
    let changed: Vec<String> =
        text.lines().map(|l| if l.starts_with(key) { line.to_string() } else { l.to_string() }).collect();
    f.write(rel, changed.join("\n") + "\n");
}

/// One random edit of the kind `kind`; says what it did.
fn edit(f: &Fixture, kind: usize, dice: &mut Dice, round: usize) -> String {
    let docs = documents(f);
    let doc = docs[dice.below(docs.len())].clone();
    match kind {
        0 => {
            let text = f.read(&doc) + &format!("\nA paragraph added in round {round}.\n");
            f.write(&doc, text);
            format!("a body edit of {doc}")
        }
        1 => {
            set_line(f, &doc, "title:", &format!("title: \"Retitled in round {round}\""));
            format!("a new title for {doc}")
        }
        2 => {
            let status = ["draft", "consultation", "ratified"][dice.below(3)];
            set_line(f, &doc, "status:", &format!("status: {status}"));
            format!("{doc} made {status}")
        }
        3 => {
            // A document others name: their pages show its title and state.
            set_line(f, "content/documents/pol-9-1-v2.md", "title:", &format!("title: \"Cited, round {round}\""));
            "an edit of a cited document".to_string()
        }
        4 => {
            set_line(f, "content/site.yaml", "organisation:", &format!("organisation: Trust of round {round}"));
            "an edit of the settings".to_string()
        }
        5 => {
            let css = format!("/* round {round} */\nbody {{ margin: {round}px; }}\n");
            f.write("content/theme/static/style.css", css);
            "a theme override".to_string()
        }
        6 => {
            let name = format!("content/documents/new-{round}.md");
            let body = "## Purpose\n\nNew. See POL/9/2.\n";
            let text = dated_version(
                &format!("NEW/{round}"),
                "New",
                "1",
                "ratified",
                "2025-05-01",
                "related:\n  - POL/9/2\n",
                body,
            );
            f.write(&name, text);
            format!("a new document {name}")
        }
        7 => {
            std::fs::remove_file(f.path(&doc)).unwrap();
            format!("{doc} removed")
        }
        _ => {
            // A successor ends the versions it replaces: their pages say so.
            let text = f.read(&doc);
            let line = "replaces: [{ id: POL/9/1, version: \"2\" }]\n";
            let toggled = match text.contains(line) {
                true => text.replacen(line, "", 1),
                false => text.replacen("\ntitle:", &format!("\n{line}title:"), 1),
            };
            f.write(&doc, toggled);
            format!("{doc} made to replace POL/9/1, or no longer")
        }
    }
}

#[test]
fn a_rebuild_after_random_edits_is_the_build_from_nothing_byte_for_byte() {
    let f = library();
    let seed = std::env::var("TRUSTDOCS_EDIT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_2026_u64);
    let mut dice = Dice(seed);
    build(&f, "out", "2026-11-23");
    let mut reused_somewhere = false;
    // Every kind of edit twice, in a random order.
    let mut kinds: Vec<usize> = (0..9).chain(0..9).collect();
    for i in (1..kinds.len()).rev() {
        kinds.swap(i, dice.below(i + 1));
    }
    for (round, kind) in kinds.into_iter().enumerate() {
        let what = edit(&f, kind, &mut dice, round);
        let said = rebuild_and_compare(&f, &format!("{what} (seed {seed}, round {round})"), "2026-11-23");
        reused_somewhere |= reused_pages(&said) > 0;
    }
    assert!(reused_somewhere, "no rebuild took a page from the last build: the cache is not used");
}

#[test]
fn a_body_edit_remakes_the_pages_that_show_it_and_takes_the_rest() {
    let f = library();
    build(&f, "out", "2026-11-23");
    let text = f.read("content/documents/pol-9-2.md") + "\nOne more line.\n";
    f.write("content/documents/pol-9-2.md", text);
    let said = rebuild_and_compare(&f, "a body edit", "2026-11-23");
    // 8 versions, 1 comparison: POL/9/2's page is made again, and POL/9/1's
    // two versions and comparison, which POL/9/2 names; the example's 5 are taken.
    assert_eq!(reused_pages(&said), 5, "{said}");
    assert!(f.path(&format!("out/{COUNTS}")).is_file(), "the search counts are kept for the next build");
}

#[test]
fn damaged_search_counts_are_not_read_even_with_their_stamp_kept() {
    let f = library();
    build(&f, "out", "2026-11-23");
    let path = f.path(&format!("out/{COUNTS}"));
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    // A word of its table misspelt, the file's shape unchanged: read, it
    // would put the misspelling in the search index.
    let at = bytes.windows(8).position(|w| w == b"security").expect("the word is in the table");
    bytes[at + 2] = b'k';
    // Written in place, and its time set back: the build cache's stamp still matches.
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().write_all(&bytes).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_times(std::fs::FileTimes::new().set_modified(modified)).unwrap();
    f.write("content/documents/pol-9-2.md", f.read("content/documents/pol-9-2.md") + "\nEdited.\n");
    rebuild_and_compare(&f, "damaged search counts", "2026-11-23");
}

/// The pages of the whole library that a body edit leaves as they were.
const GOVERNANCE: [&str; 5] = [
    "checks/index.html",
    "references/index.html",
    "references/problems/index.html",
    "references/references.csv",
    "reviews/index.html",
];

#[test]
fn governance_pages_are_taken_while_what_they_show_is_the_same() {
    use std::os::unix::fs::MetadataExt;
    let f = library();
    build(&f, "out", "2026-11-23");
    let inodes = |pages: &[&str]| -> Vec<u64> {
        pages.iter().map(|p| std::fs::metadata(f.path(&format!("out/{p}"))).unwrap().ino()).collect()
    };
    let (before, register) = (inodes(&GOVERNANCE), inodes(&["governance/register/index.html"]));
    let text = f.read("content/documents/pol-9-2.md") + "\nOne more line.\n";
    f.write("content/documents/pol-9-2.md", text);
    rebuild_and_compare(&f, "a body edit", "2026-11-23");
    assert_eq!(inodes(&GOVERNANCE), before, "taken from the last build, not made again");
    // The register shows each version's fingerprint, which the edit changed.
    assert_ne!(inodes(&["governance/register/index.html"]), register, "the register is made again");
    set_line(&f, "content/documents/pol-9-2.md", "title:", "title: \"Doors and gates\"");
    rebuild_and_compare(&f, "a new title", "2026-11-23");
    let after = inodes(&GOVERNANCE);
    assert_ne!(after[1], before[1], "the references page shows the new title");
    assert!(f.read("out/references/index.html").contains("Doors and gates"));
}

#[test]
fn nothing_changed_leaves_the_output_as_it_was_and_a_new_day_rebuilds() {
    let f = library();
    build(&f, "out", "2026-11-23");
    let before = snapshot(&f.path("out"));
    let said = build(&f, "out", "2026-11-23");
    assert!(said.contains("was left as it was"), "{said}");
    assert!(said.contains("published (intranet copy)"), "the report is shown again: {said}");
    assert_eq!(snapshot(&f.path("out")), before, "an unchanged build touched the output");
    // The review states depend on the day: a new day is a new build.
    let said = rebuild_and_compare(&f, "a new day", "2027-06-01");
    assert!(!said.contains("was left as it was"), "{said}");
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored() {
    let f = library();
    build(&f, "out", "2026-11-23");
    f.write("content/documents/pol-9-2.md", f.read("content/documents/pol-9-2.md") + "\nEdited.\n");
    // One byte changed inside: the digest no longer matches.
    let mut cache = f.read_bytes(&format!("out/{CACHE}"));
    let at = cache.len() / 2;
    cache[at] = if cache[at] == b'0' { b'1' } else { b'0' };
    f.write(&format!("out/{CACHE}"), &cache);
    let said = rebuild_and_compare(&f, "a damaged cache", "2026-11-23");
    assert_eq!(reused_pages(&said), 0, "{said}");
    // A cache from another library, whole and valid, names nothing of this one.
    let other = Fixture::example();
    other.build(&[]);
    std::fs::copy(other.path(&format!("out/{CACHE}")), f.path(&format!("out/{CACHE}"))).unwrap();
    f.write("content/documents/pol-9-2.md", f.read("content/documents/pol-9-2.md") + "\nAgain.\n");
    let said = rebuild_and_compare(&f, "a foreign cache", "2026-11-23");
    assert_eq!(reused_pages(&said), 0, "{said}");
    // Not JSON at all.
    f.write(&format!("out/{CACHE}"), "{\"format\": 1, \"digest\": ");
    rebuild_and_compare(&f, "a cache that is not JSON", "2026-11-23");
}

/// Rewrites the cache of `out` with `forge` applied to its body, sealed
/// with the body's digest as the build seals it: whole and valid, but lying.
fn forge_cache(f: &Fixture, forge: impl FnOnce(&mut serde_json::Value)) {
    use sha2::{Digest, Sha256};
    let mut stored: serde_json::Value = serde_json::from_slice(&f.read_bytes(&format!("out/{CACHE}"))).unwrap();
    let mut body: serde_json::Value = serde_json::from_str(stored["body"].as_str().unwrap()).unwrap();
    forge(&mut body);
    let body = body.to_string();
    let digest: String = Sha256::digest(body.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    stored["body"] = body.into();
    stored["digest"] = digest.into();
    f.write(&format!("out/{CACHE}"), stored.to_string());
}

#[test]
fn a_cache_whose_work_names_other_files_is_not_trusted() {
    let f = library();
    build(&f, "out", "2026-11-23");
    // Every page and the checks page said to be the home page; every set of
    // excerpts with a file named twice, or another page's file.
    forge_cache(&f, |body| {
        for files in body["units"].as_object_mut().unwrap().values_mut() {
            let list = files.as_array_mut().unwrap();
            match list[0].as_str().unwrap().starts_with("search/x/") {
                true if list.len() > 1 => list[0] = list[1].clone(),
                true => list[0] = "search/x/0/0-1.gz".into(),
                false if list.len() == 1 => list[0] = "index.html".into(),
                false => {}
            }
        }
    });
    f.write("content/documents/pol-9-2.md", f.read("content/documents/pol-9-2.md") + "\nEdited.\n");
    let said = rebuild_and_compare(&f, "a cache naming other files", "2026-11-23");
    assert_eq!(reused_pages(&said), 0, "no page is taken from a unit that names another file: {said}");
    assert!(f.path("out/checks/index.html").exists());
}

#[test]
fn a_page_changed_by_hand_in_the_output_is_made_again() {
    let f = library();
    build(&f, "out", "2026-11-23");
    let page = "out/documents/corp-strat-001/index.html";
    let mut bytes = f.read_bytes(page);
    bytes[100] ^= 1;
    f.write(page, &bytes);
    // Nothing in the content changed, but the output is not as it was written.
    let said = rebuild_and_compare(&f, "a page changed by hand", "2026-11-23");
    assert!(!said.contains("was left as it was"), "{said}");
    // A file added by hand is not the build's either.
    f.write("out/planted.html", "<p>not ours</p>");
    rebuild_and_compare(&f, "a file added by hand", "2026-11-23");
}

#[test]
fn the_public_copy_is_rebuilt_as_from_nothing() {
    let f = library();
    let public = |out: &str| {
        let run = f.run(&["build", "content", "--public", "--out", out, "--no-pdf", "--today", "2026-11-23"]);
        assert!(run.status.success(), "{}", stderr(&run));
    };
    let shown = "content/documents/corp-strat-003-security-management-strategy.md";
    f.write(shown, f.read(shown) + "\nAsk Zebedee Quill.\n");
    // Without the lock, which the edit would no longer match.
    std::fs::remove_file(f.path("content/ratified.lock")).unwrap();
    public("pub");
    assert!(f.read("pub/documents/corp-strat-003/index.html").contains("Ask Zebedee Quill"));
    // A name recorded in another document, not public, is withheld from
    // every public page: the page that writes it changes.
    set_line(&f, "content/documents/pol-9-2.md", "author:", "author: { name: Zebedee Quill, title: LSMS }");
    public("pub");
    public("pub-fresh");
    assert_eq!(site(&f.path("pub")), site(&f.path("pub-fresh")));
    // It keeps no search counts: they would keep the words of pages it no longer shows.
    assert!(!f.path(&format!("pub/{COUNTS}")).exists());
    let page = String::from_utf8(f.read_bytes("pub/documents/corp-strat-003/index.html")).unwrap();
    assert!(!page.contains("Zebedee"), "the name reached the public copy");
}

#[test]
fn a_successor_remakes_the_pages_of_the_versions_it_replaces() {
    let f = library();
    build(&f, "out", "2026-11-23");
    let line = "replaces: [{ id: POL/9/1, version: \"2\" }]\n";
    let doc = "content/documents/pol-9-2.md";
    let before = f.read(doc);
    f.write(doc, before.replacen("\ntitle:", &format!("\n{line}title:"), 1));
    rebuild_and_compare(&f, "a successor named", "2026-11-23");
    f.write(doc, before);
    rebuild_and_compare(&f, "a successor no longer named", "2026-11-23");
}

#[test]
fn the_content_folder_named_another_way_is_another_build() {
    let f = library();
    build(&f, "out", "2026-11-23");
    // Findings name their files by the folder as given: `/tmp/…/content/documents/…`.
    let absolute = f.path("content").display().to_string();
    let run = f.run(&["build", &absolute, "--out", "out", "--no-pdf", "--today", "2026-11-23"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("was left as it was"), "{}", stderr(&run));
    let fresh = f.run(&["build", &absolute, "--out", "fresh", "--no-pdf", "--today", "2026-11-23"]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    assert_eq!(site(&f.path("out")), site(&f.path("fresh")));
}

#[test]
fn an_edit_of_a_document_in_a_linked_folder_remakes_its_page() {
    let f = library();
    let body = "## Purpose\n\nShared. See POL/9/1.\n";
    f.write("content/shared/s.md", dated_version("SHR/1", "Shared", "1", "ratified", "2025-01-01", "", body));
    std::os::unix::fs::symlink(f.path("content/shared"), f.path("content/documents/linked")).unwrap();
    build(&f, "out", "2026-11-23");
    assert!(f.read("out/documents/shr-1/index.html").contains("Shared"));
    set_line(&f, "content/shared/s.md", "title:", "title: \"Shared and edited\"");
    rebuild_and_compare(&f, "an edit through a linked folder", "2026-11-23");
    assert!(f.read("out/documents/shr-1/index.html").contains("Shared and edited"));
}
