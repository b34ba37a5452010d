//! What comparison pages cost a build, measured in one process so that
//! other work on the machine weighs on both figures alike: the CPU time of
//! a whole build (`trustdocs::build`, no PDFs) and of making the comparison
//! pages alone (comparing, rendering, writing), each the fastest of three.
//! Run by `benches/changes.sh`:
//!
//! ```text
//! cargo bench --bench changes_cost -- CONTENT_DIR OUT_DIR
//! ```
//!
//! Prints one JSON object on standard output.

use std::path::PathBuf;
use trustdocs::publish::PublishOptions;
use trustdocs::render::SiteRenderer;

/// User and system CPU seconds of this process so far (all threads).
fn cpu() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(u.ru_utime) + secs(u.ru_stime)
}

fn fastest_of_three(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let start = cpu();
            f();
            cpu() - start
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let [dir, out] = [0, 1].map(|i| PathBuf::from(args.get(i).expect("usage: changes_cost CONTENT_DIR OUT_DIR")));
    let today = trustdocs::model::Date::parse("2026-11-23", false).expect("a date");
    let build = trustdocs::BuildOptions {
        out: out.clone(),
        drafts: false,
        no_pdf: true,
        public: false,
        deny: Default::default(),
    };
    let build_s = fastest_of_three(|| {
        assert!(trustdocs::build(&dir, today, &build).is_ok(), "the build failed");
    });
    let checked = trustdocs::check(&dir, today).expect("a readable content folder");
    let theme = trustdocs::theme::Theme::load(&dir).expect("the theme");
    let opts = PublishOptions { drafts: false, pdf: false, public: false };
    let renderer = SiteRenderer::new(&checked.lib, &checked.diags, &opts, &theme).expect("the templates");
    let mut pages = 0;
    let changes_s = fastest_of_three(|| {
        let staging = trustdocs::output::Staging::begin(&out).expect("a staging folder");
        pages = renderer.pages_into(&|_| Ok(false), &|_| Ok(true), &|f| staging.put(&f)).expect("the comparison pages");
    });
    println!(
        "{}",
        serde_json::json!({
            "comparison_pages": pages,
            "build_cpu_s": build_s,
            "comparison_pages_cpu_s": changes_s,
            "added_percent": 100.0 * changes_s / (build_s - changes_s),
        })
    );
}
