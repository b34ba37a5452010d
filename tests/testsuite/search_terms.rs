//! The browser index's terms are counted straight from the pages
//! (`search::postings`), no longer read back out of a tantivy index. These
//! tests hold the two ways equal, stem for stem, score for score and word
//! for word, on libraries unlike each other: the search fixtures, the
//! example library with drafts, and a generated corpus.

use crate::common::Fixture;
use crate::search_library;
use trustdocs::model::Date;
use trustdocs::publish::PublishOptions;
use trustdocs::search::encode::decode_postings;
use trustdocs::search::{from_tantivy, index, page_counts, postings};
use trustdocs::Project;

fn same_terms(f: &Fixture, drafts: bool) {
    let today = Date::from_ymd(2026, 11, 23).unwrap();
    let project = Project::load(&f.path("content"), today).unwrap();
    let docs = project.search_documents(&PublishOptions { drafts, pdf: false, public: false });
    assert!(docs.len() > 3, "a library to compare: {} pages", docs.len());
    let direct = postings::terms(&docs).unwrap();
    let read = from_tantivy::terms(&index::build(&docs, None, false).unwrap()).unwrap();
    assert_eq!(direct.stems.len(), read.stems.len(), "the number of stems");
    for (i, (a, b)) in direct.stems.iter().zip(&read.stems).enumerate() {
        assert_eq!(a, b, "stem {i}");
        let scored: Vec<(u32, u32)> =
            decode_postings(direct.postings[i].text()).iter().map(|p| (p.n, p.score)).collect();
        assert_eq!(scored, read.postings[i], "the postings of `{a}`");
        assert_eq!(direct.postings[i].len(), scored.len());
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

/// The passages a page's postings point at are counted in the same pass as
/// the terms: each stem's passage is the one holding it most often, its
/// heading counting with its text. A word of a heading that no page is
/// indexed under (here a section's number) is no word of the index; once
/// another page holds it, it is.
#[test]
fn a_posting_points_at_the_passage_most_about_its_stem_headings_included() {
    use crate::common::{clean, SITE};
    let body = "## Alpha\n\nbeta beta\n\n## Gamma\n\nbeta beta beta alpha gamma\n";
    let terms_with = |other_body: &str| {
        let f =
            Fixture::new(&[("a.md", &clean("POL/001/001", "", body)), ("b.md", &clean("POL/001/002", "", other_body))]);
        f.write("content/site.yaml", format!("{SITE}number_sections: true\n"));
        let today = Date::from_ymd(2026, 11, 23).unwrap();
        let project = Project::load(&f.path("content"), today).unwrap();
        let docs = project.search_documents(&PublishOptions { drafts: false, pdf: false, public: false });
        let first = docs.iter().find(|d| d.id == "POL/001/001").unwrap().n;
        (postings::terms(&docs).unwrap(), first)
    };
    let passage = |terms: &postings::Terms, first: u32, stem: &str| {
        let s = terms.stems.iter().position(|x| x == stem).unwrap();
        decode_postings(terms.postings[s].text()).into_iter().find(|p| p.n == first).unwrap().passage
    };
    let (terms, first) = terms_with("## Scope\n\nNothing numbered.\n");
    assert_eq!(passage(&terms, first, "beta"), 2, "1 + the passage holding `beta` most");
    assert_eq!(passage(&terms, first, "alpha"), 1, "its heading and its text hold `alpha` once each: the first");
    assert!(!terms.words.raw.iter().any(|(w, _)| w == "1"), "a number only in headings is no word of the index");
    let (terms, _) = terms_with("## Scope\n\nStep 1 first.\n");
    assert!(terms.words.raw.iter().any(|(w, _)| w == "1"));
}

/// The last build's record of each page, as `build` keeps it.
fn records(docs: &[trustdocs::search::extract::SearchDoc]) -> page_counts::Earlier {
    use trustdocs::output::{collect_into, Contents};
    let mut counted = postings::count(docs, None, true, &|_, _| Ok(())).unwrap();
    let files = std::sync::Mutex::new(Vec::new());
    counted.send_records(&collect_into(&files)).unwrap();
    let Some(Contents::Bytes(bytes)) = files.into_inner().unwrap().pop().map(|f| f.contents) else { panic!("no file") };
    page_counts::Earlier::read(bytes).expect("the records read back")
}

fn assert_same_terms(a: &postings::Terms, b: &postings::Terms, what: &str) {
    assert_eq!(a.stems, b.stems, "{what}: the stems");
    let texts = |t: &postings::Terms| t.postings.iter().map(|p| p.text().to_string()).collect::<Vec<_>>();
    assert_eq!(texts(a), texts(b), "{what}: the postings");
    assert_eq!(a.vocabulary, b.vocabulary, "{what}: the vocabulary");
    assert_eq!(a.words.raw, b.words.raw, "{what}: the words");
}

/// A rebuild counts again only the pages whose text changed: the others are
/// replayed from the last build's records, and the terms are those of
/// counting every page afresh, score for score and word for word.
#[test]
fn pages_replayed_from_the_last_builds_records_give_the_terms_counted_afresh() {
    let f = search_library::example_library();
    let project = Project::load(&f.path("content"), Date::from_ymd(2026, 11, 23).unwrap()).unwrap();
    let mut docs = project.search_documents(&PublishOptions { drafts: true, pdf: false, public: false });
    let earlier = records(&docs);
    let replay = |docs: &[trustdocs::search::extract::SearchDoc]| {
        let counted = postings::count(docs, Some(&earlier), false, &|_, _| Ok(())).unwrap();
        let replayed = counted.replayed();
        (postings::scored_terms(docs, counted), replayed)
    };
    let (terms, replayed) = replay(&docs);
    assert_eq!(replayed, docs.len(), "every page replayed");
    assert_same_terms(&terms, &postings::terms(&docs).unwrap(), "all replayed");
    // One page's title changed: it alone is read again.
    docs[1].title = "Quokka arrangements".into();
    let (terms, replayed) = replay(&docs);
    assert_eq!(replayed, docs.len() - 1, "the changed page read again");
    assert_same_terms(&terms, &postings::terms(&docs).unwrap(), "one page changed");
    assert!(terms.vocabulary.iter().any(|(w, _)| w == "quokka"));
}
