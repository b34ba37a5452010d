//! The search page in a real browser: builds the fixture library, serves
//! it with `python3 -m http.server` on a free port and runs
//! `tests/browser/search.mjs` (headless Chromium through playwright-core).
//! Also checks `search.js`'s stemmer and word splitting against Rust's.
//!
//! Needs Node.js, `npm ci --prefix tests/browser`, Chromium at
//! `/usr/bin/chromium` (or `TRUSTDOCS_CHROMIUM`) and python3; fails with
//! what to install when one is missing.

use crate::common;
use crate::search_library;

use serde_json::json;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use trustdocs::search::analysis::{id_key, raw_analyzer, stem, tokens};
use trustdocs::search::question::{content_words, COMMON_WORDS, STOP_WORDS};
use trustdocs::search::rank::rarity;
use trustdocs::search::typo::{best, distance, query_keys};

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("TRUSTDOCS_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Fails, saying what to install, unless node, playwright-core, Chromium and python3 are there.
fn require_tools(chromium_needed: bool) {
    let runs = |cmd: &str, arg: &str| Command::new(cmd).arg(arg).output().is_ok_and(|o| o.status.success());
    assert!(runs("node", "--version"), "the browser tests need Node.js (18 or later): apt-get install nodejs npm");
    if !chromium_needed {
        return;
    }
    assert!(
        here().join("node_modules/playwright-core/package.json").is_file(),
        "the browser tests need playwright-core: run `npm ci --prefix tests/browser`"
    );
    assert!(
        chromium().is_file(),
        "the browser tests need Chromium at {}: apt-get install chromium, or set TRUSTDOCS_CHROMIUM",
        chromium().display()
    );
    assert!(runs("python3", "--version"), "the browser tests serve the site with python3: apt-get install python3");
}

/// `python3 -m http.server` over a folder, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("python3")
            .args(["-m", "http.server", &port.to_string(), "--bind", "127.0.0.1", "--directory"])
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 starts");
        let server = Server { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(15), "python3 -m http.server did not start on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn node(args: &[&str]) -> std::process::Output {
    Command::new("node").args(args).current_dir(here()).env("TRUSTDOCS_CHROMIUM", chromium()).output().unwrap()
}

#[test]
fn the_search_page_finds_the_expected_first_results_in_chromium() {
    require_tools(true);
    let f = search_library::library();
    let built = f.build(&[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let server = Server::start(&f.path("out"));
    let out = node(&["search.mjs", &format!("http://127.0.0.1:{}/", server.port)]);
    let report = format!("{}{}", common::stdout(&out), common::stderr(&out));
    assert!(out.status.success(), "browser checks failed:\n{report}");
    assert!(report.contains("all browser checks passed"), "{report}");
}

/// What `trustdocs search --json` finds for each query, as `compare.mjs` reads it.
fn command_line_cases(f: &common::Fixture, queries: &[&str]) -> tempfile::NamedTempFile {
    let cases: Vec<_> = queries
        .iter()
        .map(|q| {
            let out = f.run(&["search", q, "content", "--json", "--limit", "10"]);
            assert!(out.status.success(), "{}", common::stderr(&out));
            let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let names: Vec<_> = found["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| if r["id"] == "" { r["title"].clone() } else { r["id"].clone() })
                .collect();
            let first = &found["results"][0];
            json!({ "query": q, "names": names, "corrected": found["corrected"], "total": found["total"],
                    "snippet": first["snippet"], "section": first["section"]["label"] })
        })
        .collect();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), json!(cases).to_string()).unwrap();
    file
}

/// Builds `f`, serves it, and checks in Chromium that each query finds what the command line finds.
fn browser_ranks_as_the_command_line(f: &common::Fixture, queries: &[&str]) {
    require_tools(true);
    let built = f.build(&[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let cases = command_line_cases(f, queries);
    let server = Server::start(&f.path("out"));
    let out = node(&["compare.mjs", &format!("http://127.0.0.1:{}/", server.port), cases.path().to_str().unwrap()]);
    let report = format!("{}{}", common::stdout(&out), common::stderr(&out));
    assert!(out.status.success() && report.contains("rank as on the command line"), "{report}");
}

#[test]
fn the_example_questions_rank_in_the_browser_as_on_the_command_line() {
    let f = search_library::example_library();
    let questions: Vec<&str> = search_library::EXAMPLE_QUESTIONS.iter().map(|(q, _, _)| *q).collect();
    let more =
        ["what must a line manager do", "lsms", "CORP/STRAT/003", "zebra", "security management director duties"];
    browser_ranks_as_the_command_line(&f, &[questions, more.to_vec()].concat());
}

#[test]
fn questions_typos_and_partial_matches_rank_in_the_browser_as_on_the_command_line() {
    let queries = [
        "lone working",
        "what must the LSMS do about lone working",
        "reporting lone",
        "violense",
        "Lone workign",
        "handbok",
        "buddy",
        "local security management specialist",
        "pol 2 57",
        "staff",
    ];
    browser_ranks_as_the_command_line(&search_library::library(), &queries);
}

/// Words whose stems exercise every step of the English Snowball stemmer.
const HARD_WORDS: &[&str] = &[
    "caresses",
    "ponies",
    "ties",
    "cries",
    "caress",
    "cats",
    "gas",
    "gaps",
    "kiwis",
    "feed",
    "agreed",
    "plastered",
    "bled",
    "motoring",
    "sing",
    "conflated",
    "troubled",
    "sized",
    "hopping",
    "tanned",
    "falling",
    "hissing",
    "fizzed",
    "failing",
    "filing",
    "happy",
    "sky",
    "skies",
    "dying",
    "lying",
    "tying",
    "news",
    "innings",
    "outing",
    "canning",
    "proceed",
    "exceeded",
    "succeeding",
    "generous",
    "generously",
    "communication",
    "arsenal",
    "relational",
    "conditional",
    "rational",
    "valenci",
    "hesitanci",
    "digitizer",
    "conformabli",
    "radicalli",
    "differentli",
    "vileli",
    "analogousli",
    "vietnamization",
    "predication",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formaliti",
    "sensitiviti",
    "sensibiliti",
    "triplicate",
    "formative",
    "formalize",
    "electriciti",
    "electrical",
    "hopeful",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "homologou",
    "communism",
    "activate",
    "angulariti",
    "homologous",
    "effective",
    "bowdlerize",
    "probate",
    "rate",
    "cease",
    "controll",
    "roll",
    "yield",
    "sayyid",
    "eying",
    "player",
    "toy",
    "enjoying",
    "crying",
    "by",
    "a",
    "is",
    "ion",
    "lion",
    "station",
    "emotional",
    "sponsorship",
    "reporting",
    "reported",
    "responsibilities",
    "organisational",
    "equality",
    "biology",
    "apology",
    "fully",
    "carelessly",
    "ugly",
    "early",
    "only",
    "singly",
    "idly",
    "gently",
    "dryly",
    "agreement",
    "exceedingly",
    "edly",
    "ingly",
    "bliss",
    "chaos",
    "mess",
    "abyss",
    "us",
    "bus",
    "yes",
    "lyres",
    "coyote",
    "mayor",
    "yesterday",
    "yy",
    "yyy",
    "ayy",
];

const SUFFIXES: &[&str] = &[
    "", "s", "es", "ed", "ing", "ly", "ness", "ment", "ation", "ational", "ization", "able", "ible", "ful", "fulness",
    "less", "lessli", "ously", "ive", "iveness", "ity", "ities", "ize", "ism", "ant", "ence", "ance", "er",
];

/// Every word of the example library and the fixture, the hard cases, and
/// the example library's words with suffixes added.
fn stemmer_words() -> Vec<String> {
    let mut a = raw_analyzer();
    let mut words = std::collections::BTreeSet::new();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/documents");
    for entry in std::fs::read_dir(&content).into_iter().flatten().flatten() {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            words.extend(tokens(&mut a, &text));
        }
    }
    assert!(words.len() > 500, "the example library should give hundreds of words, got {}", words.len());
    let base: Vec<String> =
        words.iter().filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase())).cloned().collect();
    for w in base.iter().step_by(7) {
        for s in SUFFIXES {
            words.insert(format!("{w}{s}"));
        }
    }
    words.extend(HARD_WORDS.iter().map(|w| w.to_string()));
    words.into_iter().collect()
}

/// Pairs of words near and far, each with the distance Rust finds.
fn typo_distances() -> Vec<serde_json::Value> {
    let pairs = [
        ("workign", "working"),
        ("violense", "violence"),
        ("violense", "violent"),
        ("abcdef", "badcfe"),
        ("équipe", "equipe"),
        ("ca", "abc"),
        ("", "abc"),
        ("lone", "alone"),
        ("kitten", "sitting"),
    ];
    pairs.iter().flat_map(|(a, b)| (0..=3).map(move |max| json!([a, b, max, distance(a, b, max)]))).collect()
}

/// Corrections chosen among candidates, as Rust chooses them.
fn typo_corrections() -> Vec<serde_json::Value> {
    let candidates = [
        ("violent", 50),
        ("violence", 3),
        ("violins", 9),
        ("tides", 3),
        ("times", 9),
        ("timed", 9),
        ("them", 99),
        ("theme", 1),
        ("zèbre", 2),
        ("zebre", 2),
        ("lone", 1),
    ];
    ["violense", "violins", "tiles", "thema", "zebra", "zèbra", "lnoe", "ab"]
        .iter()
        .map(|typed| json!([typed, candidates, best(typed, candidates.iter().copied())]))
        .collect()
}

#[test]
fn search_js_stems_and_splits_words_as_the_index_does() {
    require_tools(false);
    let mut stemmer = trustdocs::search::analysis::analyzer();
    let stems: serde_json::Map<String, serde_json::Value> =
        stemmer_words().into_iter().filter_map(|w| stem(&mut stemmer, &w).map(|s| (w, json!(s)))).collect();
    let too_long = "x".repeat(45);
    let texts =
        ["Staff Reporting: 2 incidents", "Ünïcode ÉCOLE naïve Straße", "a_b-c.d/e", &too_long, "ΟΔΟΣ Σ", "١٢٣ ½ Ⅻ"];
    let mut raw = raw_analyzer();
    let words: Vec<_> = texts.iter().map(|t| json!([t, tokens(&mut raw, t)])).collect();
    let ids = ["POL/002/057", "pol 2 57", "Corp-Strat-003", "lone working", "2020", "A/000/0"];
    let id_keys: Vec<_> = ids.iter().map(|t| json!([t, id_key(t)])).collect();
    let hashes: Vec<_> =
        ["", "pol-2-57", "é"].iter().map(|t| json!([t, trustdocs::search::encode::fnv1a(t)])).collect();
    let mut stop_words = STOP_WORDS.to_vec();
    stop_words.sort();
    let queries = ["What must a line manager do?", "who are we", "Réponse à l'équipe", "the 2 LSMS"];
    let content: Vec<_> =
        queries.iter().map(|q| json!([q, content_words(q).into_iter().map(|(w, _)| w).collect::<Vec<_>>()])).collect();
    let keys: Vec<_> = ["violense", "lone", "équipe", "ab"]
        .iter()
        .flat_map(|w| (0..=2).map(move |e| json!([w, e, query_keys(w, e)])))
        .collect();
    let rarities: Vec<_> = [(0, 0), (1, 1000), (3, 16), (500, 1000), (1000, 1000), (7, 123_456)]
        .iter()
        .map(|&(df, n)| json!([df, n, rarity(df, n)]))
        .collect();
    let cases = json!({
        "stems": stems, "words": words, "id_keys": id_keys, "fnv1a": hashes, "stop_words": stop_words, "common_words": COMMON_WORDS,
        "content_words": content, "distances": typo_distances(), "query_keys": keys,
        "corrections": typo_corrections(), "rarity": rarities,
    });
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), cases.to_string()).unwrap();
    let out = node(&["stemmer.mjs", file.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}{}", common::stdout(&out), common::stderr(&out));
    let agreed: usize = common::stdout(&out).split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(agreed > 3000, "too few cases compared: {}", common::stdout(&out));
}
