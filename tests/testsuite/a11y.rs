//! Accessibility and validity of every kind of page, intranet and public:
//! axe-core's WCAG 2.2 AA rules in headless Chromium (at 320, 390 and
//! 1280 px, with screenshots), no page scrolling sideways at those widths,
//! and the Nu HTML Checker. Needs Chromium, Java and
//! `npm ci --prefix tests/a11y`, which .ci/run installs.

use crate::common::*;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A library with every kind of page (`tests/fixtures/a11y/`): versions,
/// roles, an EIA with a negative impact, a glossary, an image, a public
/// document.
fn library() -> Fixture {
    Fixture::from_folder("a11y")
}

const INTRANET: &[&str] = &[
    "/",
    "/documents/",
    "/documents/pol-001-001/",
    "/documents/pol-001-001/v1/",
    "/documents/pol-001-001/changes-v1-to-v2/",
    "/types/policy/",
    "/directorates/governance/",
    "/roles/",
    "/roles/lsms/",
    "/eia/",
    "/glossary/",
    "/checks/",
    "/reviews/",
    "/references/",
    "/governance/register/",
    "/in-force/",
    "/search/?q=lone",
];
const PUBLIC: &[&str] = &[
    "/",
    "/documents/pol-001-001/",
    "/documents/pol-001-001/v1/",
    "/documents/pol-001-001/changes-v1-to-v2/",
    "/roles/",
    "/eia/",
    "/search/?q=scope",
];

struct HttpServer(Child);

impl Drop for HttpServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &Path) -> (HttpServer, String) {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new("python3")
        .args(["-m", "http.server", &port.to_string(), "--bind", "127.0.0.1"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 is needed to serve the built site");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (HttpServer(child), format!("http://127.0.0.1:{port}"))
}

fn a11y_dir() -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/a11y");
    assert!(dir.join("node_modules/axe-core").is_dir(), "run `npm ci --prefix tests/a11y` first (.ci/run does)");
    dir
}

/// Serves `site` and runs `script` (in tests/a11y) on its `pages`, saving
/// screenshots under `shots` in the target folder; its output, and whether it passed.
fn browser_check(script: &str, site: &Path, pages: &[&str], shots: &str) -> (bool, String) {
    let (_server, base) = serve(site);
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join(shots);
    std::fs::create_dir_all(&shots).unwrap();
    let out = Command::new("node")
        .arg(a11y_dir().join(script))
        .arg(&base)
        .arg(&shots)
        .args(pages)
        .output()
        .expect("node is needed");
    let report = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), report)
}

fn axe(site: &Path, pages: &[&str]) {
    let (passed, report) = browser_check("axe.mjs", site, pages, "screenshots");
    assert!(passed, "axe-core found problems:\n{report}");
}

fn nu_checker(site: &Path, pages: &[&str]) {
    let files: Vec<String> = pages
        .iter()
        .map(|p| {
            site.join(p.split('?').next().unwrap().trim_start_matches('/')).join("index.html").display().to_string()
        })
        .collect();
    let jar = a11y_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .arg("--errors-only")
        .args(&files)
        .output()
        .expect("java is needed for the Nu HTML Checker");
    assert!(out.status.success(), "the Nu HTML Checker found errors:\n{}", String::from_utf8_lossy(&out.stderr));
}

/// Runs `layout.mjs`: no page scrolls sideways at 320, 390 or 1280 px.
fn no_sideways_scroll(site: &Path, pages: &[&str], shots: &str) {
    let (passed, report) = browser_check("layout.mjs", site, pages, shots);
    assert!(passed && report.contains("0 scroll sideways"), "pages scroll sideways:\n{report}");
}

#[test]
fn no_page_scrolls_sideways_on_a_phone_or_a_desktop() {
    let f = library();
    assert!(f.build(&[]).status.success());
    no_sideways_scroll(&f.path("out"), INTRANET, "layout-fixture");
    // The example library: a role matrix of four documents, a long checks page, long tables and words,
    // and a reference with an address far longer than any column.
    let example = Fixture::new(&[]);
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let copied = Command::new("cp").arg("-r").arg(content.join(".")).arg(example.path("content")).status().unwrap();
    assert!(copied.success());
    let long = format!("https://www.example.nhs.uk/{}", "a-very-long-path-segment/".repeat(12));
    let strategy = example.path("content/documents/corp-strat-003-security-management-strategy.md");
    let text = std::fs::read_to_string(&strategy).unwrap();
    std::fs::write(&strategy, text.replacen("\n## ", &format!("\nSee [{long}]({long}).\n\n## "), 1)).unwrap();
    let out = example.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = [
        "/",
        "/documents/",
        "/documents/pol-002-015/",
        "/documents/corp-strat-003/",
        "/types/strategy/",
        "/roles/",
        "/roles/all-staff/",
        "/eia/",
        "/glossary/",
        "/checks/",
        "/reviews/",
        "/references/",
        "/search/?q=what%20must%20a%20line%20manager%20do",
        "/search/?q=zebra",
    ];
    no_sideways_scroll(&example.path("out"), &pages, "layout-example");
    axe(&example.path("out"), &pages);
}

#[test]
fn every_kind_of_page_passes_axe_and_the_nu_checker() {
    let f = library();
    let out = f.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = f.run(&["build", "content", "--public", "--out", "public", "--no-pdf", "--today", "2026-11-23"]);
    assert!(public.status.success(), "{}", stderr(&public));
    nu_checker(&f.path("out"), INTRANET);
    nu_checker(&f.path("public"), PUBLIC);
    axe(&f.path("out"), INTRANET);
    axe(&f.path("public"), PUBLIC);
}
