//! PDFs through the typst CLI, one process per document version, in
//! parallel, with a cache so an unchanged PDF is never compiled twice.

use super::pdf_data;
use crate::error::{Error, Result};
use crate::output::{Contents, OutputFile, Staging};
use crate::publish::{DocPage, Publication};
use crate::resolve::DocIndex;
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The typst version trustdocs is tested with; the install hint names it.
pub const TYPST_VERSION: &str = "0.15.1";
/// Where the cache of PDF hashes sits inside the output folder.
pub const MANIFEST: &str = ".trustdocs/pdf-cache.json";
const STANDARDS: &str = "a-2a,ua-1";

pub struct Typst {
    bin: PathBuf,
    version: String,
}

impl Typst {
    /// The typst CLI from `TRUSTDOCS_TYPST` or the PATH.
    pub fn find() -> Result<Typst> {
        let bin = std::env::var_os("TRUSTDOCS_TYPST").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("typst"));
        let out = Command::new(&bin).arg("--version").output().map_err(|_| {
            Error::Typst(format!(
                "the typst CLI was not found ({}), so no PDF can be made.\n  install it with: cargo install --locked typst-cli --version {TYPST_VERSION}\n  or build without PDFs: trustdocs build --no-pdf",
                bin.display()
            ))
        })?;
        Ok(Typst { bin, version: String::from_utf8_lossy(&out.stdout).trim().to_string() })
    }
}

/// The address of a page's PDF: `documents/corp-strat-003/corp-strat-003-v3.pdf`.
pub fn pdf_path(site: &Publication, doc: DocIndex, page_url: &str) -> String {
    let doc = site.lib.doc(doc);
    let slug = doc.id().map_or_else(|| "document".to_string(), |i| i.slug());
    let version = doc.version().map_or("0", |v| v.as_str());
    format!("{page_url}{slug}-v{version}.pdf")
}

pub struct PdfOutcome {
    /// PDFs written into the staging folder.
    pub made: usize,
    /// One message per PDF that typst could not make.
    pub failures: Vec<String>,
    /// How many typst processes ran (0 when every PDF came from the cache).
    pub compiled: usize,
}

/// Makes every page's PDF into `staging`, reusing those of the previous
/// output in `out` whose inputs have not changed.
pub fn render(site: &Publication, theme: &Theme, typst: &Typst, out: &Path, staging: &Staging) -> Result<PdfOutcome> {
    let template =
        theme.get("pdf/document.typ").ok_or_else(|| Error::Theme("the theme has no pdf/document.typ".into()))?;
    let fonts: Vec<(&str, &[u8])> =
        theme.under("fonts").filter(|(n, _)| n.ends_with(".ttf") || n.ends_with(".otf")).collect();
    let mut base = Hasher::new();
    for part in [typst.version.as_bytes(), STANDARDS.as_bytes(), template] {
        base.write(part);
    }
    fonts.iter().for_each(|(n, b)| {
        base.write(n.as_bytes());
        base.write(b);
    });
    let previous = read_manifest(out);
    let work = Workspace::new(staging.dir(), &fonts)?;
    let bar = progress(site.pages.len());
    let results: Vec<(String, String, Result<()>, bool)> = site
        .pages
        .par_iter()
        .map(|page| {
            let path = pdf_path(site, page.doc, &page.url);
            let data = serde_json::to_vec_pretty(&pdf_data::data(site, page.doc)).expect("PDF data serialises");
            let images = images(site, page.doc);
            let mut h = base.clone();
            h.write(&data);
            for img in &images {
                h.write(img.as_os_str().as_encoded_bytes());
                h.write(&std::fs::read(site.lib.dir.join(img)).unwrap_or_default());
            }
            let hash = h.hex();
            let cached = out.join(&path);
            let result = if previous.get(&path) == Some(&hash) && cached.is_file() {
                (staging.put(&OutputFile { path: path.clone(), contents: Contents::Copy(cached) }), false)
            } else {
                let target = staging.path_for(&path);
                (target.and_then(|t| compile(site, page, typst, &work, template, &data, &images, &t)), true)
            };
            bar.as_ref().inspect(|b| b.inc(1));
            (path, hash, result.0, result.1)
        })
        .collect();
    bar.inspect(|b| b.finish_and_clear());
    let mut outcome = PdfOutcome { made: 0, failures: Vec::new(), compiled: 0 };
    let mut manifest = BTreeMap::new();
    for (path, hash, result, ran) in results {
        outcome.compiled += usize::from(ran);
        match result {
            Ok(()) => {
                manifest.insert(path, hash);
                outcome.made += 1;
            }
            Err(e) => outcome.failures.push(e.to_string()),
        }
    }
    staging.put(&OutputFile::bytes(MANIFEST, serde_json::to_vec_pretty(&manifest).expect("manifest serialises")))?;
    Ok(outcome)
}

fn progress(len: usize) -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(len as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("PDFs {bar:40} {pos}/{len} {elapsed}").expect("valid template"),
        );
        bar
    })
}

/// Assets a document shows as images, relative to the content folder.
fn images(site: &Publication, index: DocIndex) -> Vec<PathBuf> {
    let doc = site.lib.doc(index);
    let mut v: Vec<PathBuf> = doc
        .body
        .links
        .iter()
        .filter_map(|l| match &l.target {
            crate::model::body::Target::File(p) => site.lib.asset(doc, p).map(PathBuf::from),
            _ => None,
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

fn read_manifest(out: &Path) -> BTreeMap<String, String> {
    std::fs::read(out.join(MANIFEST)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// The folder for the build's typst runs, inside the staging folder (not
/// the shared temporary folder, where another user could have planted a
/// link under its name): made new, removed when dropped, before the swap,
/// and with the staging folder if the build is interrupted or killed.
struct Workspace {
    dir: PathBuf,
    fonts: PathBuf,
}

impl Workspace {
    fn new(staging: &Path, fonts: &[(&str, &[u8])]) -> Result<Workspace> {
        let dir = staging.join(".trustdocs").join("pdf-work");
        let font_dir = dir.join("fonts");
        for d in [&dir, &font_dir] {
            std::fs::create_dir(d).map_err(Error::io("create", d))?;
        }
        let work = Workspace { dir, fonts: font_dir };
        for (name, bytes) in fonts {
            let file = work.fonts.join(Path::new(name).file_name().unwrap_or_default());
            std::fs::write(&file, bytes).map_err(Error::io("write font", &file))?;
        }
        Ok(work)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Compiles one PDF straight to `target` in the staging folder.
#[allow(clippy::too_many_arguments)]
fn compile(
    site: &Publication,
    page: &DocPage,
    typst: &Typst,
    work: &Workspace,
    template: &[u8],
    data: &[u8],
    images: &[PathBuf],
    target: &Path,
) -> Result<()> {
    let doc = site.lib.doc(page.doc);
    let label = format!(
        "{} version {} ({})",
        doc.id().map(|i| i.to_string()).unwrap_or_default(),
        doc.version().map_or("?", |v| v.as_str()),
        doc.file.display
    );
    let root = work.dir.join(format!("doc-{}", page.doc));
    let failed = |source: Error| Error::Pdf { document: label.clone(), source: Box::new(source) };
    let write =
        |path: PathBuf, bytes: &[u8]| std::fs::write(&path, bytes).map_err(|e| failed(Error::io("write", &path)(e)));
    std::fs::create_dir(&root).map_err(|e| failed(Error::io("create", &root)(e)))?;
    write(root.join("document.typ"), template)?;
    write(root.join("data.json"), data)?;
    for img in images {
        if let Some(folders) = img.parent() {
            crate::output::create_dirs_within(&root, folders)
                .map_err(|e| failed(Error::io("create", root.join(folders))(e)))?;
        }
        std::fs::copy(site.lib.dir.join(img), root.join(img)).map_err(|e| failed(Error::io("copy", img)(e)))?;
    }
    let pdf = target;
    let child = Command::new(&typst.bin)
        .arg("compile")
        .arg("--root")
        .arg(&root)
        .arg("--font-path")
        .arg(&work.fonts)
        .arg("--ignore-system-fonts")
        .args(["--pdf-standard", STANDARDS])
        .args(["--creation-timestamp", &timestamp(doc).to_string()])
        .args(["--input", "data=/data.json"])
        .arg(root.join("document.typ"))
        .arg(pdf)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(Error::io("run", &typst.bin)(e)))?;
    let pid = child.id();
    crate::output::signals::watch_child(pid);
    let output = child.wait_with_output();
    crate::output::signals::unwatch_child(pid);
    let output = output.map_err(|e| failed(Error::io("wait for", &typst.bin)(e)))?;
    let result = if output.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(Error::Typst(format!("typst could not make the PDF of {label}:\n{}", stderr.trim_end())))
    };
    let _ = std::fs::remove_dir_all(&root);
    result
}

/// The creation date written into the PDF: the ratification date (else the
/// publication date), so the same input always gives the same bytes.
fn timestamp(doc: &crate::model::Document) -> i64 {
    let date = doc.meta.ratified_date().or(doc.meta.published).map(|d| d.day);
    let date = date.unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date"));
    date.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp()
}

/// FNV-1a, 64 bits: a stable hash for cache keys (not for security).
#[derive(Clone)]
struct Hasher(u64);

impl Hasher {
    fn new() -> Hasher {
        Hasher(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A length marker keeps ("ab", "c") and ("a", "bc") apart.
        self.0 ^= bytes.len() as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}
