//! Times the search stage of a build on a content folder: what `trustdocs
//! build` spends making the browser index, step by step, files written
//! included. Run by `benches/search/run.sh`:
//!
//! ```text
//! cargo bench --bench search_index -- CONTENT_DIR OUT_DIR
//! ```
//!
//! Prints one JSON object (seconds and sizes) on standard output.

use std::path::PathBuf;
use std::time::Instant;
use trustdocs::publish::PublishOptions;
use trustdocs::search::extract::SearchDoc;
use trustdocs::search::passages::Passage;
use trustdocs::search::{collect, export, postings};

fn main() {
    // `cargo bench` adds `--bench`; only the two paths matter.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let [dir, out] = [0, 1].map(|i| PathBuf::from(args.get(i).expect("usage: index_build CONTENT_DIR OUT_DIR")));
    let started = Instant::now();
    let today = trustdocs::model::Date::parse("2026-11-23", false).expect("a date");
    let project = trustdocs::Project::load(&dir, today).expect("a readable content folder");
    let load_s = started.elapsed().as_secs_f64();
    let opts = PublishOptions { drafts: false, pdf: false, public: false };
    let site = project.publication(&opts);

    let t = Instant::now();
    let docs = collect::documents(&site);
    let extract_s = t.elapsed().as_secs_f64();
    // The terms, with each page's excerpt files made in the same pass, as a build makes them.
    let collected = std::sync::Mutex::new(Vec::new());
    let (postings_s, export_s) = {
        let t = Instant::now();
        let sink = trustdocs::output::collect_into(&collected);
        let each = |d: &SearchDoc, passages: &[Passage]| export::excerpts(d, passages, &|_| Ok(true), &sink);
        let counted = postings::count(&docs, None, true, &each).expect("the terms");
        let terms = postings::scored_terms(&docs, counted);
        let postings_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        export::export(&docs, terms, &|| false, &sink).expect("the browser index");
        (postings_s, t.elapsed().as_secs_f64())
    };
    let files = collected.into_inner().expect("no panics");
    // Start from nothing, as Pagefind does in run.sh: removing an older index is not part of building one.
    let _ = std::fs::remove_dir_all(&out);
    let t = Instant::now();
    trustdocs::output::write(&out, &files, &[]).expect("written");
    let write_s = t.elapsed().as_secs_f64();

    let bytes: usize = files
        .iter()
        .map(|f| match &f.contents {
            trustdocs::output::Contents::Bytes(b) => b.len(),
            trustdocs::output::Contents::Copy(_) | trustdocs::output::Contents::Reuse(_) => 0,
        })
        .sum();
    let search_s = extract_s + postings_s + export_s + write_s;
    println!(
        "{}",
        serde_json::json!({
            "documents": docs.len(), "load_s": load_s, "extract_s": extract_s, "postings_s": postings_s,
            "export_s": export_s, "write_s": write_s, "search_s": search_s, "files": files.len(), "bytes": bytes,
        })
    );
}
