//! trustdocs: builds an intranet site of NHS procedural documents and flags
//! what a governance team must fix.
//!
//! The pipeline, one module per stage, each taking the previous stage's types:
//! [`load`] (content folder → typed documents) → [`resolve`] (the library and
//! its versions) → [`check`] (diagnostics) → [`render`] (files) → [`output`]
//! (the atomic write).

pub mod body;
pub mod check;
pub mod compare;
pub mod config;
pub mod diag;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod report;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod text;
pub mod theme;
pub(crate) mod timings;

use diag::{Diagnostic, Summary};
use model::Date;
use resolve::Library;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The library and everything the checks found in it.
pub struct Checked {
    pub lib: Library,
    pub diags: Vec<Diagnostic>,
    pub summary: Summary,
    /// No usable `site.yaml`: the site cannot be built.
    pub config_fatal: bool,
}

impl Checked {
    /// The text of every file a diagnostic points into, by display path.
    /// A build has let go of the documents' text: those files are read again.
    pub fn sources(&self) -> HashMap<String, String> {
        let cited: std::collections::HashSet<&str> = self.diags.iter().filter_map(|d| d.file.as_deref()).collect();
        let mut map: HashMap<String, String> = self
            .lib
            .docs
            .iter()
            .filter(|d| cited.contains(d.file.display.as_str()))
            .filter_map(|d| {
                let text = match d.file.text.is_empty() {
                    true => std::fs::read_to_string(self.lib.dir.join(&d.file.path)).ok()?,
                    false => d.file.text.clone(),
                };
                Some((d.file.display.clone(), text))
            })
            .collect();
        let display_dir = load::display_path(&self.lib.dir);
        for name in ["site.yaml", "roles.yaml", "glossary.yaml"] {
            if let Ok(text) = std::fs::read_to_string(self.lib.dir.join(name)) {
                map.insert(format!("{display_dir}/{name}"), text);
            }
        }
        map
    }
}

/// Loads, resolves and checks a content folder. `Err` means the folder
/// could not be read at all.
pub fn check(dir: &Path, today: Date) -> Result<Checked, String> {
    let clock = timings::Clock::start();
    let content = load::load(dir)?;
    clock.lap("load");
    let mut diags = content.diags.clone();
    let config_fatal = content.config_fatal;
    let lib = Library::new(content);
    clock.lap("resolve");
    diags.extend(check::run(&lib, today));
    clock.lap("check");
    diag::sort(&mut diags);
    let summary = Summary::of(lib.docs.len(), &diags);
    Ok(Checked { lib, diags, summary, config_fatal })
}

pub struct BuildOptions {
    pub dir: PathBuf,
    pub out: PathBuf,
    pub drafts: bool,
    pub today: Date,
    pub no_pdf: bool,
    /// The public copy: ratified `public: true` documents only.
    pub public: bool,
}

pub struct Built {
    pub checked: Checked,
    pub pages: usize,
    pub pdfs: usize,
    /// typst processes run (0 when every PDF came from the cache).
    pub pdfs_compiled: usize,
    /// PDFs typst could not make; the rest of the site was written.
    pub pdf_failures: Vec<String>,
}

/// The file that marks an output folder as a public copy.
pub const PUBLIC_MARKER: &str = ".trustdocs/public-copy";

/// Why a build produced no output.
pub enum BuildError {
    /// The command could not run (unreadable folder): exit status 2.
    Usage(String),
    /// The content cannot be built: exit status 1. Diagnostics say why.
    Failed { message: String, checked: Option<Box<Checked>> },
}

/// Builds the site into `opts.out`, or leaves it untouched on failure.
pub fn build(opts: &BuildOptions) -> Result<Built, BuildError> {
    let checked = check(&opts.dir, opts.today).map_err(BuildError::Usage)?;
    if checked.config_fatal {
        return Err(BuildError::Failed {
            message: "site.yaml is missing or unusable, so no site can be built".into(),
            checked: Some(Box::new(checked)),
        });
    }
    let mut checked = checked;
    // Nothing after the checks reads the documents' text: a quarter of the memory of a build.
    checked.lib.release_texts();
    let fail = |message: String, checked: Checked| BuildError::Failed { message, checked: Some(Box::new(checked)) };
    let theme = match theme::Theme::load(&opts.dir) {
        Ok(t) => t,
        Err(e) => return Err(fail(e, checked)),
    };
    let typst = match opts.no_pdf {
        true => None,
        false => match render::pdf::Typst::find() {
            Ok(t) => Some(t),
            Err(e) => return Err(fail(e, checked)),
        },
    };
    let render_opts = render::RenderOptions {
        drafts: opts.drafts && !opts.public,
        today: opts.today,
        pdf: typst.is_some(),
        public: opts.public,
    };
    match write_site(&checked, opts, &render_opts, &theme, typst.as_ref()) {
        Ok(w) => {
            Ok(Built { checked, pages: w.pages, pdfs: w.pdfs, pdfs_compiled: w.compiled, pdf_failures: w.failures })
        }
        Err(e) => Err(fail(e, checked)),
    }
}

struct Written {
    pages: usize,
    pdfs: usize,
    compiled: usize,
    failures: Vec<String>,
}

/// Renders the site and its PDFs straight into a staging folder and swaps
/// it in. Any error drops the staging folder and leaves `opts.out` as it was.
fn write_site(
    checked: &Checked,
    opts: &BuildOptions,
    render_opts: &render::RenderOptions,
    theme: &theme::Theme,
    typst: Option<&render::pdf::Typst>,
) -> Result<Written, String> {
    let clock = timings::Clock::start();
    let staging = output::Staging::begin(&opts.out)?;
    let pages = render::render_site_into(&checked.lib, &checked.diags, render_opts, theme, &|f| staging.put(&f))?;
    clock.lap("render and write pages");
    let mut written = Written { pages, pdfs: 0, compiled: 0, failures: Vec::new() };
    if let Some(typst) = typst {
        let outcome = render::render_pdfs(&checked.lib, render_opts, theme, typst, &opts.out, &staging)?;
        written.pdfs = outcome.made;
        written.compiled = outcome.compiled;
        written.failures = outcome.failures;
        clock.lap("PDFs");
    }
    // The public copy marks itself, so that an intranet build into the
    // parent folder keeps it (its default place is dist/public).
    let keep: &[&str] = if opts.public {
        staging.put(&output::OutputFile::bytes(PUBLIC_MARKER, "trustdocs public copy\n"))?;
        &[]
    } else if opts.out.join("public").join(PUBLIC_MARKER).is_file() {
        &["public"]
    } else {
        &[]
    };
    staging.commit(keep)?;
    clock.lap("swap");
    Ok(written)
}
