//! PDFs through the typst CLI, one process per document version, in
//! parallel, with a cache so an unchanged PDF is never compiled twice.

use super::pdf_data;
use super::pdf_job::{images, timestamp, Job};
use crate::error::{Error, Result};
use crate::output::{Contents, OutputFile, Staging};
use crate::publish::{DocPage, Publication};
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
    /// What `typst --version` says.
    pub fn version(&self) -> &str {
        &self.version
    }

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

pub struct PdfOutcome {
    /// PDFs written into the staging folder.
    pub made: usize,
    /// One message per PDF that typst could not make.
    pub failures: Vec<String>,
    /// How many typst processes ran (0 when every PDF came from the cache).
    pub compiled: usize,
}

/// The PDF of a document version.
fn document_job(site: &Publication, page: &DocPage) -> Job {
    let doc = site.lib.doc(page.doc);
    Job {
        path: page.pdf.clone(),
        key: format!("doc-{}", page.doc),
        label: format!(
            "{} version {} ({})",
            doc.id().map(|i| i.to_string()).unwrap_or_default(),
            doc.version().map_or("?", |v| v.as_str()),
            doc.file.display
        ),
        main: "document.typ",
        templates: &["document.typ"],
        data: serde_json::to_vec_pretty(&pdf_data::data(site, page.doc)).expect("PDF data serialises"),
        extra: Vec::new(),
        images: images(site, page.doc),
        timestamp: timestamp(doc),
    }
}

/// The fonts and the hash of what every PDF shares.
struct Common<'t> {
    fonts: Vec<(&'t str, &'t [u8])>,
    base: Hasher,
}

impl<'t> Common<'t> {
    fn new(theme: &'t Theme, typst: &Typst) -> Common<'t> {
        let fonts: Vec<(&str, &[u8])> =
            theme.under("fonts").filter(|(n, _)| n.ends_with(".ttf") || n.ends_with(".otf")).collect();
        let mut base = Hasher::new();
        for part in [typst.version.as_bytes(), STANDARDS.as_bytes()] {
            base.write(part);
        }
        fonts.iter().for_each(|(n, b)| {
            base.write(n.as_bytes());
            base.write(b);
        });
        Common { fonts, base }
    }

    /// The job's templates, from the theme.
    fn templates(&self, theme: &'t Theme, job: &Job) -> Result<Vec<(&'static str, &'t [u8])>> {
        job.templates
            .iter()
            .map(|name| {
                let missing = || Error::Theme(format!("the theme has no pdf/{name}"));
                theme.get(&format!("pdf/{name}")).map(|b| (*name, b)).ok_or_else(missing)
            })
            .collect()
    }

    /// Everything that goes into the job's PDF.
    fn hash(&self, site_dir: &Path, templates: &[(&str, &[u8])], job: &Job) -> String {
        let mut h = self.base.clone();
        for (name, bytes) in templates {
            h.write(name.as_bytes());
            h.write(bytes);
        }
        h.write(&job.data);
        for (name, bytes) in &job.extra {
            h.write(name.as_bytes());
            h.write(bytes);
        }
        for img in &job.images {
            h.write(img.as_os_str().as_encoded_bytes());
            h.write(&std::fs::read(site_dir.join(img)).unwrap_or_default());
        }
        h.hex()
    }
}

/// What became of one PDF.
struct Made {
    path: String,
    hash: String,
    result: Result<()>,
    /// Whether typst ran (not taken from the cache).
    compiled: bool,
}

/// Makes every page's PDF, and every comparison's redline, into `staging`,
/// reusing those of the previous output in `out` whose inputs have not changed.
pub fn render(site: &Publication, theme: &Theme, typst: &Typst, out: &Path, staging: &Staging) -> Result<PdfOutcome> {
    let common = Common::new(theme, typst);
    let previous = read_manifest(out);
    let work = Workspace::new(staging.dir().join(".trustdocs").join("pdf-work"), &common.fonts)?;
    let count = site.pages.len() + site.changes.pages.len();
    let bar = progress(count);
    let results: Vec<Result<Made>> = (0..count)
        .into_par_iter()
        .map(|n| {
            let job = match site.pages.get(n) {
                Some(page) => document_job(site, page),
                None => super::redline::job(site, &site.changes.pages[n - site.pages.len()]),
            };
            let templates = common.templates(theme, &job)?;
            let hash = common.hash(&site.lib.dir, &templates, &job);
            let cached = out.join(&job.path);
            let result = if previous.get(&job.path) == Some(&hash) && cached.is_file() {
                (staging.put(&OutputFile { path: job.path.clone(), contents: Contents::Copy(cached) }), false)
            } else {
                let target = staging.path_for(&job.path);
                (target.and_then(|t| compile(&site.lib.dir, typst, &work, &templates, &job, &t)), true)
            };
            bar.as_ref().inspect(|b| b.inc(1));
            Ok(Made { path: job.path, hash, result: result.0, compiled: result.1 })
        })
        .collect();
    bar.inspect(|b| b.finish_and_clear());
    let mut outcome = PdfOutcome { made: 0, failures: Vec::new(), compiled: 0 };
    let mut manifest = BTreeMap::new();
    for r in results {
        let made = r?;
        outcome.compiled += usize::from(made.compiled);
        match made.result {
            Ok(()) => {
                manifest.insert(made.path, made.hash);
                outcome.made += 1;
            }
            Err(e) => outcome.failures.push(e.to_string()),
        }
    }
    staging.put(&OutputFile::bytes(MANIFEST, serde_json::to_vec_pretty(&manifest).expect("manifest serialises")))?;
    Ok(outcome)
}

/// Makes one PDF straight to `target`, without the cache (`trustdocs pack`),
/// its typst run in the folder `work`, made new and removed after.
pub fn make_one(
    site: &Publication,
    theme: &Theme,
    typst: &Typst,
    job: &Job,
    work: PathBuf,
    target: &Path,
) -> Result<()> {
    let common = Common::new(theme, typst);
    let templates = common.templates(theme, job)?;
    let work = Workspace::new(work, &common.fonts)?;
    compile(&site.lib.dir, typst, &work, &templates, job, target)
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

fn read_manifest(out: &Path) -> BTreeMap<String, String> {
    std::fs::read(out.join(MANIFEST)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// The folder for typst runs: for a build, inside the staging folder (not
/// the shared temporary folder, where another user could have planted a
/// link under its name); made new, removed when dropped, before the swap,
/// and with the staging folder if the build is interrupted or killed.
struct Workspace {
    dir: PathBuf,
    fonts: PathBuf,
}

impl Workspace {
    /// Creates `dir` (which must not exist: never a planted link) and its fonts.
    fn new(dir: PathBuf, fonts: &[(&str, &[u8])]) -> Result<Workspace> {
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
fn compile(
    content_dir: &Path,
    typst: &Typst,
    work: &Workspace,
    templates: &[(&str, &[u8])],
    job: &Job,
    target: &Path,
) -> Result<()> {
    let label = &job.label;
    let root = work.dir.join(&job.key);
    let failed = |source: Error| Error::Pdf { document: label.clone(), source: Box::new(source) };
    let write =
        |path: PathBuf, bytes: &[u8]| std::fs::write(&path, bytes).map_err(|e| failed(Error::io("write", &path)(e)));
    std::fs::create_dir(&root).map_err(|e| failed(Error::io("create", &root)(e)))?;
    for (name, bytes) in templates {
        write(root.join(name), bytes)?;
    }
    write(root.join("data.json"), &job.data)?;
    for (name, bytes) in &job.extra {
        write(root.join(name), bytes)?;
    }
    for img in &job.images {
        if let Some(folders) = img.parent() {
            crate::output::create_dirs_within(&root, folders)
                .map_err(|e| failed(Error::io("create", root.join(folders))(e)))?;
        }
        std::fs::copy(content_dir.join(img), root.join(img)).map_err(|e| failed(Error::io("copy", img)(e)))?;
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
        .args(["--creation-timestamp", &job.timestamp.to_string()])
        .args(["--input", "data=/data.json"])
        .arg(root.join(job.main))
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
