//! Helpers for integration tests: small content folders written on the fly,
//! and the trustdocs binary run on them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SITE: &str = "organisation: Test NHS Trust\nshort_name: TNT\nbase_url: https://intranet.test.nhs.uk/\n";
pub const ROLES: &str = "- id: lsms\n  title: Local Security Management Specialist\n  aliases: [LSMS]\n";

/// A content folder in a temporary directory, removed when dropped.
pub struct Fixture {
    pub tmp: tempfile::TempDir,
}

impl Fixture {
    /// A folder with `site.yaml`, `roles.yaml` and the given documents
    /// (`name` → text), written under `content/documents/`.
    pub fn new(docs: &[(&str, &str)]) -> Fixture {
        let f = Fixture { tmp: tempfile::tempdir().unwrap() };
        f.write("content/site.yaml", SITE);
        f.write("content/roles.yaml", ROLES);
        for (name, text) in docs {
            f.write(&format!("content/documents/{name}"), text);
        }
        f
    }

    /// A copy of the example library (`content/` of the repository) as `content/`.
    pub fn example() -> Fixture {
        let f = Fixture { tmp: tempfile::tempdir().unwrap() };
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &f.path("content"));
        f
    }

    /// A copy of the example library `tests/fixtures/<name>/` as the
    /// content folder.
    pub fn from_folder(name: &str) -> Fixture {
        let f = Fixture { tmp: tempfile::tempdir().unwrap() };
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name), &f.path("content"));
        f
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `trustdocs lock content`, which must succeed: the library adopts the lock.
    pub fn lock(&self) {
        let out = self.run(&["lock", "content"]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }

    /// Runs trustdocs in the fixture's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_env(args, &[])
    }

    /// Runs trustdocs in the fixture's folder with more environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(args).envs(env.iter().copied()).output().unwrap()
    }

    /// trustdocs in the fixture's folder, to start, e.g. several at once.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_trustdocs"));
        c.args(args).current_dir(self.tmp.path()).env("NO_COLOR", "1");
        c
    }

    /// Runs trustdocs as an unprivileged user when the tests run as root
    /// (root reads whatever `chmod` forbids), so that a file made
    /// unreadable is unreadable to it. The fixture's folder is opened up
    /// so that it can still read the rest and write its output.
    pub fn run_unprivileged(&self, args: &[&str]) -> Output {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return self.run(args);
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(self.tmp.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_trustdocs"))
            .args(args)
            .current_dir(self.tmp.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("setpriv (util-linux) runs trustdocs as nobody")
    }

    /// `check --format json`, parsed.
    pub fn check_json(&self) -> serde_json::Value {
        let out = self.run(&["check", "content", "--format", "json", "--today", "2026-11-23"]);
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
    }

    /// `build` without PDFs (see `build_with_pdfs`), which must succeed.
    pub fn build(&self, extra: &[&str]) -> Output {
        succeeded(self.run_build(extra, false))
    }

    /// `build` with PDFs, which must succeed: needs the typst CLI.
    pub fn build_with_pdfs(&self, extra: &[&str]) -> Output {
        succeeded(self.run_build(extra, true))
    }

    /// `build` without PDFs, for the tests of a build that must fail: the
    /// output, whose exit status is not 0.
    pub fn build_failing(&self, extra: &[&str]) -> Output {
        let out = self.run_build(extra, false);
        assert!(!out.status.success(), "the build was expected to fail: {}", stderr(&out));
        out
    }

    fn run_build(&self, extra: &[&str], pdfs: bool) -> Output {
        let mut args = vec!["build", "content", "--out", "out", "--today", "2026-11-23"];
        if !pdfs {
            args.push("--no-pdf");
        }
        args.extend_from_slice(extra);
        self.run(&args)
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())).flatten() {
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_tree(&source, &target);
        } else {
            std::fs::copy(&source, &target).unwrap();
        }
    }
}

/// A command's output, after checking that it succeeded.
fn succeeded(out: Output) -> Output {
    assert!(out.status.success(), "exit status {:?}: {}", out.status.code(), stderr(&out));
    out
}

/// The 1-based line of the first line of `text` that holds `marker`: where
/// a test expects a diagnostic, whatever the lines above it.
pub fn line_of(text: &str, marker: &str) -> u64 {
    let index = text.lines().position(|l| l.contains(marker));
    index.map(|i| i as u64 + 1).unwrap_or_else(|| panic!("no line holds {marker:?}:\n{text}"))
}

/// The diagnostics with `code`, as (file, line, column, message, help).
pub fn with_code(report: &serde_json::Value, code: &str) -> Vec<serde_json::Value> {
    report["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == code).cloned().collect()
}

pub fn codes(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

/// A valid ratified document; `extra` front matter is appended, `body` follows.
pub fn doc(id: &str, version: &str, status: &str, extra: &str, body: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: Test Document {id}\ntype: policy\nversion: \"{version}\"\nstatus: {status}\ndirectorate: Governance\nauthor: {{ name: A Author, title: LSMS }}\nratified: {{ by: Policy Group, date: 2025-01-10 }}\nreview_date: 2028-01-10\n{extra}---\n{body}"
    )
}

pub const EIA: &str = "eia:\n  stage: 1\n  date: 2025-01-05\n  lead_assessor: E Assessor\n  impacts: { age: neutral, disability: neutral, gender_reassignment: neutral, marriage_and_civil_partnership: neutral, pregnancy_and_maternity: neutral, race: neutral, religion_or_belief: neutral, sex: neutral, sexual_orientation: neutral }\n";
pub const HISTORY: &str = "history:\n  - { version: \"1\", date: 2025-01-01, description: First issue }\n";

/// A version-1 ratified document with nothing wrong: history, EIA, review date in range.
pub fn clean(id: &str, extra: &str, body: &str) -> String {
    doc(id, "1", "ratified", &format!("{HISTORY}{EIA}{extra}"), body)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Hidden folders left beside the output, after giving the detached deletion
/// of a replaced site (see `output::discard`) up to ten seconds to finish.
pub fn leftovers(dir: &Path) -> Vec<String> {
    let list = || -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with('.'))
            .collect()
    };
    for _ in 0..200 {
        if list().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    list()
}

/// Every file under `dir` (links not followed) with its bytes, for
/// comparing two states.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if std::fs::symlink_metadata(e.path()).unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let name = e.path().strip_prefix(dir).unwrap().display().to_string();
                out.push((name, std::fs::read(e.path()).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

/// The text of each element `css` selects, whitespace folded.
pub fn select_texts(html: &str, css: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The attribute `name` of each element `css` selects.
pub fn select_attrs(html: &str, css: &str, name: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel).filter_map(|e| e.value().attr(name).map(String::from)).collect()
}

/// Every HTML page of a built site, by its path under the output folder.
pub fn pages_of(root: &std::path::Path) -> Vec<(String, String)> {
    files_of(root, "html")
}

/// Every file of a built site whose name ends in `.ext`, by its path
/// under the output folder, with its text.
pub fn files_of(root: &std::path::Path, ext: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// One version of a document, clean but for its dates (ratified on
/// `ratified`, with its history entry and an EIA); `extra` is more front
/// matter, `body` its text.
pub fn dated_version(id: &str, title: &str, v: &str, status: &str, ratified: &str, extra: &str, body: &str) -> String {
    format!(
        "---\nid: {id}\ntitle: \"{title}\"\ntype: policy\nversion: \"{v}\"\nstatus: {status}\ndirectorate: Governance\n\
         author: {{ name: A Author, title: LSMS }}\nratified: {{ by: Policy Group, date: {ratified}, minute: PG/{v} }}\n\
         review_date: 2028-01-10\nhistory:\n  - {{ version: \"{v}\", date: {ratified}, description: This issue }}\n\
         {EIA}{extra}---\n{body}"
    )
}

/// The text of a PDF (poppler's `pdftotext -raw`), its white space folded.
pub fn pdftotext(pdf: &Path) -> String {
    let out =
        Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is needed");
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What `pdfinfo` says of a PDF.
pub fn pdfinfo(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils) is needed");
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// A consultation on record, for a draft that G001 would otherwise stop
/// (a new document or a new major version).
pub const CONSULTED: &str =
    "consultation:\n  consulted:\n    - { who: Staff Side, group: JNCC, method: meeting, sent: 2026-01-05, response: Agreed }\n";

/// `text`, a document, with `CONSULTED` as the first key of its front matter.
pub fn consulted(text: &str) -> String {
    text.replacen("---\n", &format!("---\n{CONSULTED}"), 1)
}
