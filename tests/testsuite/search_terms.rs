//! The browser index's terms are counted straight from the pages
//! (`search::postings`), no longer read back out of a tantivy index. These
//! tests hold the two ways equal, stem for stem, score for score and word
//! for word, on libraries unlike each other: the search fixtures, the
//! example library with drafts, and a generated corpus.

use crate::common::Fixture;
use crate::search_library;
use trustdocs::model::Date;
use trustdocs::publish::PublishOptions;
use trustdocs::search::{from_tantivy, index, postings};
use trustdocs::Project;

fn same_terms(f: &Fixture, drafts: bool) {
    let today = Date::from_ymd(2026, 11, 23).unwrap();
    let project = Project::load(&f.path("content"), today).unwrap();
    let docs = project.search_documents(&PublishOptions { drafts, pdf: false, public: false });
    assert!(docs.len() > 3, "a library to compare: {} pages", docs.len());
    let direct = postings::terms(&docs);
    let read = from_tantivy::terms(&index::build(&docs, None, false).unwrap()).unwrap();
    assert_eq!(direct.stems.len(), read.stems.len(), "the number of stems");
    for (i, (a, b)) in direct.stems.iter().zip(&read.stems).enumerate() {
        assert_eq!(a, b, "stem {i}");
        assert_eq!(direct.postings[i], read.postings[i], "the postings of `{a}`");
    }
    assert_eq!(direct.vocabulary, read.vocabulary, "the vocabulary");
}

#[test]
fn counted_terms_are_tantivys_on_the_search_fixtures() {
    same_terms(&search_library::library(), false);
}

#[test]
fn counted_terms_are_tantivys_on_the_example_library_with_drafts() {
    same_terms(&search_library::example_library(), true);
}

#[test]
fn counted_terms_are_tantivys_on_a_generated_corpus() {
    let f = Fixture::new(&[]);
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/corpus.py");
    let out = std::process::Command::new("python3")
        .arg(corpus)
        .args(["--n", "150", "--out"])
        .arg(f.path("content"))
        .output()
        .expect("python3 runs benches/corpus.py");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    same_terms(&f, false);
}
