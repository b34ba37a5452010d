//! The documentation as a first reader meets it: no page repeats a heading
//! or a list item (the mark of a paragraph pasted twice or spliced into
//! another), and every page of docs/ is in the docs/README.md index.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, CONTRIBUTING.md and every page of docs/.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md"), root().join("CONTRIBUTING.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The lines of a page outside its code blocks.
fn prose(path: &Path) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            out.push(line.to_string());
        }
    }
    out
}

/// What a page says twice: a heading (same level and text), or a list item
/// long enough to be a sentence.
fn repeated(lines: &[String]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for line in lines {
        let t = line.trim_start();
        let heading = t.starts_with('#') && t.trim_start_matches('#').starts_with(' ');
        let item = (t.starts_with("- ") || t.starts_with("* ")) && t.len() > 32;
        if heading || item {
            *seen.entry(t.to_string()).or_default() += 1;
        }
    }
    let mut twice: Vec<String> = seen.into_iter().filter(|(_, n)| *n > 1).map(|(l, _)| l).collect();
    twice.sort();
    twice
}

#[test]
fn no_page_repeats_a_heading_or_a_list_item() {
    for page in pages() {
        let twice = repeated(&prose(&page));
        assert!(twice.is_empty(), "{} says these twice: {twice:#?}", page.display());
    }
}

#[test]
fn the_check_finds_a_pasted_paragraph() {
    let lines: Vec<String> = [
        "## pack",
        "- `pack` makes the ratifying committee's paper",
        "## pack",
        "- `pack` makes the ratifying committee's paper",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(repeated(&lines).len(), 2);
}

#[test]
fn every_page_of_docs_is_in_its_index() {
    let index = std::fs::read_to_string(root().join("docs/README.md")).unwrap();
    for page in pages().iter().filter(|p| p.parent().is_some_and(|d| d.ends_with("docs"))) {
        let name = page.file_name().unwrap().to_string_lossy();
        if name != "README.md" {
            assert!(index.contains(&format!("]({name})")), "docs/README.md does not list {name}");
        }
    }
}
