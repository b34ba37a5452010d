//! `trustdocs search`: ranking on a small library, ids written three ways,
//! stemming, superseded versions, the on-disk index's freshness, exit
//! codes, and the browser index ranking exactly as the command line does.

use crate::common::*;
use crate::search_library;
use serde_json::Value;
use std::collections::HashMap;
use trustdocs::search::encode::{decode_postings, file_name, fnv1a, gunzip, shard_key};

/// `search --json`, parsed, after checking it succeeded.
fn search(f: &Fixture, args: &[&str]) -> Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["content", "--json", "--limit", "1000"]);
    let out = f.run(&all);
    assert!(out.status.success(), "search {args:?} failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)))
}

/// Each result's id, or its title when it has none (role pages, glossary terms).
fn ids(found: &Value) -> Vec<String> {
    found["results"].as_array().unwrap().iter().map(|r| result_name(&r["id"], &r["title"])).collect()
}

fn result_name(id: &Value, title: &Value) -> String {
    match id.as_str().unwrap() {
        "" => title.as_str().unwrap().to_string(),
        id => id.to_string(),
    }
}

#[test]
fn a_title_match_beats_body_matches() {
    let f = search_library::library();
    assert_eq!(ids(&search(&f, &["lone working"]))[0], "POL/002/057");
    let violence = ids(&search(&f, &["violence"]));
    assert_eq!(violence[0], "POL/002/020", "{violence:?}");
    assert!(violence.contains(&"POL/002/021".to_string()) && violence.contains(&"POL/002/010".to_string()));
}

#[test]
fn an_id_finds_its_document_first_however_it_is_written() {
    let f = search_library::library();
    for written in ["POL/002/057", "pol-002-057", "pol 2 57"] {
        let found = search(&f, &[written]);
        assert_eq!(ids(&found)[0], "POL/002/057", "{written}");
        assert_eq!(found["results"][0]["id_match"], true);
    }
    // POL/002/057's text names POL/002/010, yet the document that *is* POL/002/010 comes first.
    let found = ids(&search(&f, &["POL/002/010"]));
    assert_eq!(found[0], "POL/002/010");
    assert!(found.contains(&"POL/002/057".to_string()), "{found:?}");
}

#[test]
fn words_are_stemmed() {
    let f = search_library::library();
    assert_eq!(ids(&search(&f, &["reporting"])), vec!["POL/002/030"]);
    assert_eq!(ids(&search(&f, &["REPORTS"])), vec!["POL/002/030"]);
}

#[test]
fn when_no_page_has_every_word_those_with_the_most_and_rarest_come_first() {
    let f = search_library::library();
    // "reporting" is in one document, "lone" in three: no page has both.
    let found = search(&f, &["reporting lone"]);
    assert_eq!(ids(&found)[0], "POL/002/030", "the rarer word first");
    assert!(ids(&found).contains(&"POL/002/057".to_string()), "{:?}", ids(&found));
    assert_eq!(found["every_word"], 0);
    assert!(found["results"].as_array().unwrap().iter().all(|r| r["every_word"] == false));
    let text = stdout(&f.run(&["search", "reporting lone", "content"]));
    assert!(text.contains("None has every word: those with the most and rarest come first."), "{text}");
    // Pages with every word come before those with some.
    let both = search(&f, &["staff violence"]);
    let every: Vec<bool> = both["results"].as_array().unwrap().iter().map(|r| r["every_word"] == true).collect();
    assert!(every[0] && every.windows(2).all(|w| w[0] || !w[1]), "{every:?}");
}

#[test]
fn question_and_stop_words_are_dropped() {
    let f = search_library::library();
    let question = search(&f, &["what must the staff who work alone do about violence?"]);
    assert_eq!(question["words"], serde_json::json!(["staff", "work", "alone", "violence"]));
    assert_eq!(ids(&question), ids(&search(&f, &["staff work alone violence"])));
    // A query of stop words only is searched as it is.
    assert_eq!(search(&f, &["the"])["words"], serde_json::json!(["the"]));
}

#[test]
fn typos_are_corrected_against_the_library_and_the_correction_said() {
    let f = search_library::library();
    let found = search(&f, &["violense"]);
    assert_eq!(found["corrected"], "violence");
    assert_eq!(ids(&found)[0], "POL/002/020");
    let found = search(&f, &["Lone workign"]);
    assert_eq!(found["corrected"], "Lone working", "a swap is one edit; the rest as typed");
    assert_eq!(ids(&found)[0], "POL/002/057");
    let text = stdout(&f.run(&["search", "lone workign", "content"]));
    assert!(text.starts_with("Showing results for \"lone working\" (you typed \"lone workign\").\n"), "{text}");
    // Four letters are too few to guess from; a word the library has is never corrected.
    assert_eq!(search(&f, &["wrds"])["corrected"], Value::Null);
    assert_eq!(search(&f, &["buddy"])["corrected"], Value::Null);
    // Two edits only for words of 8 letters or more.
    assert_eq!(search(&f, &["handbok"])["corrected"], "handbook");
    assert_eq!(search(&f, &["hanbok"])["corrected"], Value::Null);
    assert_eq!(search(&f, &["handbok notes"])["words"], serde_json::json!(["handbook", "notes"]));
}

#[test]
fn superseded_versions_are_found_only_when_asked_for() {
    let f = search_library::library();
    assert!(ids(&search(&f, &["pagers"])).is_empty());
    let any = search(&f, &["pagers", "--status", "any"]);
    assert_eq!(ids(&any), vec!["POL/002/057"]);
    assert_eq!(any["results"][0]["status"], "superseded");
    assert_eq!(any["results"][0]["url"], "documents/pol-002-057/v0.9/");
    let policies = ids(&search(&f, &["staff", "--type", "procedure"]));
    assert_eq!(policies, vec!["POL/002/021"]);
}

#[test]
fn results_show_id_title_status_and_a_snippet_with_the_matched_words() {
    let f = search_library::library();
    let found = search(&f, &["incident reporting"]);
    let r = &found["results"][0];
    assert_eq!(
        (r["id"].as_str(), r["title"].as_str(), r["status"].as_str()),
        (Some("POL/002/030"), Some("Datix Incident Procedure"), Some("ratified"))
    );
    let snippet = r["snippet"].as_str().unwrap();
    let marked: Vec<&str> = r["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &snippet[h["start"].as_u64().unwrap() as usize..h["end"].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, vec!["incident", "reported"], "{snippet}");
    let out = f.run(&["search", "incident reporting", "content"]);
    let text = stdout(&out);
    assert!(text.contains("1. POL/002/030  Datix Incident Procedure"), "{text}");
    assert!(text.contains("Every **incident** is **reported** on Datix"), "{text}");
}

#[test]
fn the_index_is_rebuilt_only_when_the_content_changes() {
    let f = search_library::library();
    let first = f.run(&["search", "buddy", "content"]);
    assert!(stderr(&first).contains("built the search index"), "{}", stderr(&first));
    let again = f.run(&["search", "buddy", "content"]);
    assert!(!stderr(&again).contains("built"), "rebuilt an unchanged index: {}", stderr(&again));
    assert!(f.path(".trustdocs/search-index/content/inputs").is_file());
    assert_eq!(f.read(".trustdocs/.gitignore").lines().last(), Some("*"));
    assert!(ids(&search(&f, &["hovercraft"])).is_empty());
    f.write("content/documents/new.md", clean("POL/002/099", "", "## Travel\n\nStaff may use the hovercraft.\n"));
    assert_eq!(ids(&search(&f, &["hovercraft"])), vec!["POL/002/099"]);
}

#[test]
fn bad_usage_exits_2_and_no_results_is_not_an_error() {
    let f = search_library::library();
    for args in
        [&["search", "", "content"][..], &["search", "x", "content", "--status", "old"], &["search", "x", "nowhere"]]
    {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).starts_with("error: "), "{}", stderr(&out));
    }
    let none = f.run(&["search", "zebra", "content"]);
    assert_eq!(none.status.code(), Some(0));
    assert!(stdout(&none).contains("No results found for \"zebra\"."), "{}", stdout(&none));
    assert!(stdout(&none).contains("Try fewer or other words, check the spelling"), "tips: {}", stdout(&none));
    let some = stdout(&f.run(&["search", "staff", "content", "--limit", "1"]));
    assert!(some.contains("The first is shown."), "{some}");
}

/// The browser index as `search.js` reads it, decoded here in Rust.
struct BrowserIndex {
    root: std::path::PathBuf,
    ids: HashMap<u32, String>,
}

impl BrowserIndex {
    fn read(f: &Fixture) -> BrowserIndex {
        let root = f.path("out/search");
        let mut ids = HashMap::new();
        for dir in std::fs::read_dir(root.join("x")).unwrap().flatten() {
            for file in std::fs::read_dir(dir.path()).unwrap().flatten() {
                let name = file.file_name().to_string_lossy().to_string();
                let n: u32 = name.split('-').next().unwrap().parse().unwrap();
                let x: Value = serde_json::from_slice(&gunzip(&std::fs::read(file.path()).unwrap()).unwrap()).unwrap();
                ids.insert(n, result_name(&x["i"], &x["t"]));
            }
        }
        BrowserIndex { root, ids }
    }

    fn json(&self, rel: &str) -> Option<Value> {
        std::fs::read_to_string(self.root.join(rel)).ok().map(|t| serde_json::from_str(&t).unwrap())
    }

    /// A stem's postings as (number, score), looked up as search.js does.
    fn postings(&self, stem: &str) -> Vec<(u32, u32)> {
        let Some(shard) = self.json(&format!("w/{}.json", file_name(&shard_key(stem)))) else {
            return Vec::new();
        };
        let entry = &shard["t"][stem];
        let text = match &entry[1] {
            Value::Null => return Vec::new(),
            Value::String(s) => s.clone(),
            n => String::from_utf8(gunzip(&std::fs::read(self.root.join(format!("p/{n}.gz"))).unwrap()).unwrap())
                .unwrap(),
        };
        decode_postings(&text).iter().map(|p| (p.n, p.score)).collect()
    }

    /// Ranked ids (or titles, for role pages and glossary terms) for a
    /// query of whole words, with the default filter, and its correction.
    fn rank(&self, query: &str) -> (Vec<String>, Option<String>) {
        use trustdocs::search::{question, rank, typo, understand};
        let mut stemmer = trustdocs::search::analysis::analyzer();
        let meta = self.json("meta.json").unwrap();
        let (mut stems, mut terms, mut corrections, mut common) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (mut word, at) in question::content_words(query) {
            let mut stem = trustdocs::search::analysis::stem(&mut stemmer, &word).unwrap();
            let mut postings = self.postings(&stem);
            if postings.is_empty() && typo::correctable(&word) {
                if let Some(better) =
                    typo::best(&word, self.typo_candidates(&word).iter().map(|(w, f)| (w.as_str(), *f)))
                {
                    stem = trustdocs::search::analysis::stem(&mut stemmer, &better).unwrap();
                    postings = self.postings(&stem);
                    corrections.push((at, better.clone()));
                    word = better;
                }
            }
            if !stems.contains(&stem) {
                stems.push(stem);
                terms.push(postings);
                common.push(question::is_common_word(&word));
            }
        }
        let ids: Vec<u32> = trustdocs::search::analysis::id_key(query)
            .and_then(|k| {
                let bucket = fnv1a(&k) as u64 % meta["idBuckets"].as_u64().unwrap();
                self.json(&format!("id/{bucket}.json")).map(|b| b[&k].as_array().cloned().unwrap_or_default())
            })
            .unwrap_or_default()
            .iter()
            .map(|v| v.as_u64().unwrap() as u32)
            .collect();
        let current = |n: u32| !matches!(self.status(&meta, n).as_str(), "superseded" | "withdrawn");
        let total = meta["docs"].as_u64().unwrap() as usize;
        let weights: Vec<u32> = terms.iter().zip(&common).map(|(p, &c)| rank::weight(p.len(), total, c)).collect();
        let hits = rank::any_terms(&terms, &weights);
        let ranked = rank::rank(&ids, hits, current).iter().map(|h| self.ids[&h.n].clone()).collect();
        (ranked, understand::corrected(query, &corrections))
    }

    /// The words of the typo shards a query word's correction is looked for in.
    fn typo_candidates(&self, word: &str) -> Vec<(String, u32)> {
        let keys = trustdocs::search::typo::query_keys(word, trustdocs::search::typo::max_edits(word));
        let shards = keys.iter().filter_map(|k| self.json(&format!("t/{}.json", file_name(k))));
        shards
            .flat_map(|s| {
                s.as_object().unwrap().iter().map(|(w, f)| (w.clone(), f.as_u64().unwrap() as u32)).collect::<Vec<_>>()
            })
            .collect()
    }

    fn status(&self, meta: &Value, n: u32) -> String {
        let runs = meta["runs"].as_array().unwrap();
        let run = runs.iter().rev().find(|r| r[0].as_u64().unwrap() <= n as u64).unwrap();
        meta["facets"]["status"][run[2].as_u64().unwrap() as usize].as_str().unwrap().to_string()
    }
}

#[test]
fn the_browser_index_ranks_exactly_as_the_command_line() {
    let f = search_library::library();
    let built = f.build(&[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let browser = BrowserIndex::read(&f);
    assert!(f.path("out/search/p").read_dir().is_ok_and(|mut d| d.next().is_some()), "no postings file to test");
    let queries = [
        "lone working",
        "violence",
        "staff",
        "POL/002/010",
        "pol 2 57",
        "incident reporting",
        "policy",
        "ward staff",
        "handbook note 7",
        // Questions, partial matches, typos, role pages and glossary terms.
        "what must the LSMS do about lone working",
        "reporting lone",
        "violense",
        "lone workign ward",
        "handbok",
        "local security management specialist",
        "buddy",
    ];
    for query in queries {
        let found = search(&f, &[query]);
        let cli = ids(&found);
        assert!(!cli.is_empty(), "{query}: no results to compare");
        let corrected = found["corrected"].as_str().map(String::from);
        assert_eq!(browser.rank(query), (cli, corrected), "{query}");
    }
}

#[test]
fn the_search_page_and_header_box_are_built() {
    let f = search_library::library();
    assert!(f.build(&[]).status.success());
    let page = f.read("out/search/index.html");
    assert_eq!(select_attrs(&page, "script", "src"), vec!["../static/search.js"]);
    assert_eq!(
        select_attrs(&page, "#td-search-type option", "value"),
        vec!["", "glossary term", "policy", "procedure", "role"]
    );
    assert_eq!(
        select_texts(&page, "#td-search-type option"),
        vec!["All types", "Glossary terms", "Policies", "Procedures", "Roles"]
    );
    let statuses = select_attrs(&page, "#td-search-status option", "value");
    assert!(!statuses[1..].contains(&String::new()), "pages of no status are no choice: {statuses:?}");
    assert_eq!(select_attrs(&page, "#td-search-results", "aria-label"), vec!["Search results"]);
    let doc_page = f.read("out/documents/pol-002-057/index.html");
    assert_eq!(
        select_attrs(&doc_page, "form.td-header__search", "action"),
        vec!["../../search/index.html"],
        "header box"
    );
    assert_eq!(select_attrs(&doc_page, "label[for=td-header-q]", "class"), vec!["td-visually-hidden"]);
    assert_eq!(select_attrs(&doc_page, "#td-header-q", "name"), vec!["q"]);
    assert!(f.path("out/static/search.js").is_file() && f.path("out/static/search.css").is_file());
}

/// Every file under `dir` as text, gzipped files inflated (the scan of
/// tests/testsuite/public_copy.rs reads bytes, and cannot see inside them).
fn texts_inflated(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            texts_inflated(&p, out);
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        let bytes = if p.extension().is_some_and(|x| x == "gz") { gunzip(&bytes).unwrap() } else { bytes };
        out.push((p.display().to_string(), String::from_utf8_lossy(&bytes).into_owned()));
    }
}

#[test]
fn the_public_copy_can_find_only_public_documents() {
    let public = clean("POL/001/001", "public: true\n", "## Scope\n\nPublic words about parking.\n");
    let secret = clean("POL/001/002", "summary: CANARY-SUMMARY\n", "## Scope\n\nCanaryword parking rules.\n");
    let f = Fixture::new(&[("a.md", &public), ("b.md", &secret)]);
    let out = f.build(&["--public"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut files = Vec::new();
    texts_inflated(&f.path("out/search"), &mut files);
    assert!(files.iter().any(|(p, t)| p.ends_with(".gz") && t.contains("Public words about parking")), "excerpts");
    for (path, text) in &files {
        for canary in ["canaryword", "Canaryword", "CANARY", "POL/001/002", "pol-1-2"] {
            assert!(!text.contains(canary), "{canary} in {path}");
        }
    }
    assert!(f.read("out/search/meta.json").contains(r#""docs":1"#));
}

const MANAGERS: &str = "- id: managers\n  title: Managers\n  aliases: [Line Managers]\n  description: Manage a team.\n- id: lsms\n  title: Local Security Management Specialist\n  aliases: [LSMS]\n";

#[test]
fn a_result_names_the_section_that_holds_the_words_and_its_snippet_stays_in_it() {
    let body = "## Scope\n\nThis policy applies to every member of staff of the trust and to violence of any kind.\n\n## Duties\n\n### Line managers {role=managers}\n\nLine managers record every act of violence and aggression against their staff.\n\n### Wards\n\nWards keep a log.\n";
    let f = Fixture::new(&[(
        "a.md",
        &clean("POL/004/001", "", body).replace("Test Document POL/004/001", "Safety Policy"),
    )]);
    f.write("content/roles.yaml", MANAGERS);
    let found = search(&f, &["what must a line manager do about violence and aggression"]);
    let doc = found["results"].as_array().unwrap().iter().find(|r| r["id"] == "POL/004/001").unwrap();
    assert_eq!(doc["section"], serde_json::json!({ "anchor": "line-managers", "label": "2.1 Line managers" }));
    let snippet = doc["snippet"].as_str().unwrap();
    assert!(snippet.starts_with("Line managers record") && !snippet.contains("Scope"), "{snippet}");
    let text = stdout(&f.run(&["search", "line manager violence", "content"]));
    assert!(text.contains("   in 2.1 Line managers · documents/pol-004-001/#line-managers\n"), "{text}");
}

#[test]
fn role_pages_and_glossary_terms_are_results_marked_as_such() {
    let body = "## Duties\n\n### Line managers {role=managers}\n\nLine managers check rotas weekly.\n\n### LSMS {role=lsms}\n\nThe LSMS advises on rotas.\n";
    let f = Fixture::new(&[("a.md", &clean("POL/004/001", "", body))]);
    f.write("content/roles.yaml", MANAGERS);
    f.write("content/glossary.yaml", "- term: Rota\n  definition: The plan of who works when.\n");
    let found = search(&f, &["what must a line manager do"]);
    let first = &found["results"][0];
    assert_eq!((first["kind"].as_str(), first["title"].as_str()), (Some("role"), Some("Managers")), "{found:#}");
    assert_eq!(first["url"], "roles/managers/");
    assert_eq!(first["section"]["anchor"], "pol-004-001-line-managers", "its section on the role page");
    assert_eq!(first["section"]["label"], "1.1 Line managers, Test Document POL/004/001 (POL/004/001)");
    let term = search(&f, &["rota"]);
    let term = term["results"].as_array().unwrap().iter().find(|r| r["kind"] == "term").expect("the term is found");
    assert_eq!((term["title"].as_str(), term["url"].as_str()), (Some("Rota"), Some("glossary/#term-rota")));
    assert_eq!(term["snippet"], "The plan of who works when.");
    let text = stdout(&f.run(&["search", "line managers", "content"]));
    assert!(text.contains("1. Role: Managers\n   role page · roles/managers/\n"), "{text}");
    assert!(stdout(&f.run(&["search", "rota", "content"]))
        .contains("Glossary: Rota\n   glossary term · glossary/#term-rota"));
    // The role page and the glossary link to what the results point at.
    assert!(f.build(&[]).status.success());
    assert_eq!(
        select_attrs(&f.read("out/roles/managers/index.html"), "h2[id]", "id"),
        vec!["pol-004-001-line-managers"]
    );
    assert_eq!(select_attrs(&f.read("out/glossary/index.html"), "dt", "id"), vec!["term-rota"]);
    let only_roles = search(&f, &["rotas", "--type", "role"]);
    assert!(only_roles["results"].as_array().unwrap().iter().all(|r| r["kind"] == "role"));
}

#[test]
fn the_first_result_shows_the_answer_where_the_rare_words_are_densest() {
    let f = search_library::example_library();
    for (query, id, section, shown, unmarked) in search_library::ANSWERS_SHOWN {
        let found = search(&f, &[query]);
        let first = &found["results"][0];
        assert_eq!(first["id"], *id, "{query}: {found:#}");
        assert_eq!(first["section"]["label"], *section, "{query}");
        let snippet = first["snippet"].as_str().unwrap();
        assert!(shown.iter().all(|s| snippet.contains(s)), "{query}: {snippet}");
        let marked: Vec<String> = first["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| snippet[h["start"].as_u64().unwrap() as usize..h["end"].as_u64().unwrap() as usize].to_lowercase())
            .collect();
        assert!(
            !marked.is_empty() && unmarked.iter().all(|u| !marked.iter().any(|m| m.starts_with(u))),
            "{query}: {marked:?}"
        );
    }
}

#[test]
fn the_example_questions_find_an_answer_in_the_first_three() {
    let f = search_library::example_library();
    for (query, answers, corrected) in search_library::EXAMPLE_QUESTIONS {
        let found = search(&f, &[query]);
        let top: Vec<String> = ids(&found).into_iter().take(3).collect();
        assert!(top.iter().any(|id| answers.contains(&id.as_str())), "{query}: {top:?}");
        assert_eq!(found["corrected"].as_str(), *corrected, "{query}");
    }
}
