//! `trustdocs build`: the checked library into an output folder, site and
//! PDFs, written into a staging folder and swapped in whole.

use super::{Checked, Project, Site};
use crate::diag::Summary;
use crate::error::{Error, Result};
use crate::links::Cache;
use crate::model::Date;
use crate::output::{self, OutputFile};
use crate::publish::PublishOptions;
use crate::publish_report::PublishReport;
use crate::render::pdf::{self, Typst};
use crate::theme::Theme;
use std::path::{Path, PathBuf};

pub struct BuildOptions {
    pub out: PathBuf,
    pub drafts: bool,
    pub no_pdf: bool,
    /// The public copy: ratified `public: true` documents only.
    pub public: bool,
    /// What findings of the checks stop the build (`--deny`).
    pub deny: DenyLevel,
}

/// `build --deny`: the findings that make a build publish nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DenyLevel {
    #[default]
    Nothing,
    Errors,
    Warnings,
}

impl DenyLevel {
    /// Why the build must not publish, if it must not.
    fn refuses(self, s: &Summary, dir: &Path, out: &Path) -> Option<String> {
        let counted = match self {
            DenyLevel::Nothing => 0,
            DenyLevel::Errors => s.errors,
            DenyLevel::Warnings => s.errors + s.warnings,
        };
        let level = if self == DenyLevel::Errors { "errors" } else { "warnings" };
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        (counted > 0).then(|| {
            format!(
                "refusing to publish (--deny {level}): the checks found {} and {} in {}\n  nothing was written and {} was left as it was; `trustdocs check {}` lists them, file by file",
                plural(s.errors, "error"),
                plural(s.warnings, "warning"),
                plural(s.documents, "document file"),
                out.display(),
                crate::load::display_path(dir)
            )
        })
    }
}

pub struct Built {
    pub checked: Checked,
    /// What was published and what was left out, and why.
    pub report: PublishReport,
    pub pages: usize,
    pub pdfs: usize,
    /// typst processes run (0 when every PDF came from the cache).
    pub pdfs_compiled: usize,
    /// PDFs typst could not make; the rest of the site was written.
    pub pdf_failures: Vec<String>,
}

/// The publish report, in the output folder.
pub const PUBLISH_REPORT: &str = ".trustdocs/publish-report.json";

/// The file that marks an output folder as a public copy.
pub const PUBLIC_MARKER: &str = ".trustdocs/public-copy";

/// Why a build produced no output: the error, and the checked library when
/// the build got that far (its diagnostics may explain the failure). A build
/// that fails before the content was read (a refused output folder, an
/// unreadable content folder) has none: the command was used wrongly.
pub struct BuildError {
    pub error: Error,
    pub checked: Option<Box<Checked>>,
}

impl From<Error> for BuildError {
    fn from(error: Error) -> BuildError {
        BuildError { error, checked: None }
    }
}

/// Loads, checks and builds the content folder `dir` into `opts.out`, or
/// leaves it untouched on failure. The output folder is judged first, before
/// anything is read.
pub fn build(dir: &Path, today: Date, opts: &BuildOptions) -> Result<Built, BuildError> {
    output::guard::check_out(dir, &opts.out)?;
    Project::load(dir, today)?.check().build(opts)
}

impl Checked {
    /// Builds the site into `opts.out`, or leaves it untouched on failure.
    pub fn build(self, opts: &BuildOptions) -> Result<Built, BuildError> {
        output::guard::check_out(&self.lib.dir, &opts.out)?;
        let fail = |error: Error, checked: Checked| BuildError { error, checked: Some(Box::new(checked)) };
        if self.config_fatal {
            return Err(fail(Error::Content("site.yaml is missing or unusable, so no site can be built".into()), self));
        }
        if let Some(why) = opts.deny.refuses(&self.summary, &self.lib.dir, &opts.out) {
            return Err(fail(Error::Refused(why), self));
        }
        let theme = match Theme::load(&self.lib.dir) {
            Ok(t) => t,
            Err(e) => return Err(fail(e, self)),
        };
        let typst = match opts.no_pdf {
            true => None,
            false => match Typst::find() {
                Ok(t) => Some(t),
                Err(e) => return Err(fail(e, self)),
            },
        };
        let publish = PublishOptions { drafts: opts.drafts && !opts.public, pdf: typst.is_some(), public: opts.public };
        match write_site(&self, opts, &publish, &theme, typst.as_ref()) {
            Ok(w) => Ok(Built {
                report: w.report,
                checked: self,
                pages: w.pages,
                pdfs: w.pdfs,
                pdfs_compiled: w.compiled,
                pdf_failures: w.failures,
            }),
            Err(e) => Err(fail(e, self)),
        }
    }
}

struct Written {
    report: PublishReport,
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
    publish: &PublishOptions,
    theme: &Theme,
    typst: Option<&Typst>,
) -> Result<Written> {
    let clock = crate::timings::Clock::start();
    let staging = output::Staging::begin(&opts.out)?;
    // What `check --external` found is shown on the references page and
    // kept in the new output; the public copy has no references page.
    let links = Cache::read(&opts.out);
    // The public copy is made from the library without staff's names.
    let (public_lib, withheld) = match publish.public {
        true => {
            let (lib, counts) = crate::publish::public_library_counted(&checked.lib);
            (Some(lib), counts)
        }
        false => (None, Default::default()),
    };
    let lib = public_lib.as_ref().unwrap_or(&checked.lib);
    let mut site = Site::new(lib, &checked.diags, publish, theme)?;
    if !opts.public {
        site = site.with_links(&links);
        if !links.links.is_empty() {
            staging.put(&OutputFile::bytes(
                Cache::PATH,
                serde_json::to_vec_pretty(&links).expect("the link cache serialises"),
            ))?;
        }
    }
    let pages = site.write_into(&staging)?;
    clock.lap("render and write pages");
    let report = PublishReport::of(site.publication()).with_withheld(site.publication(), &withheld);
    staging.put(&OutputFile::bytes(PUBLISH_REPORT, report.json()))?;
    let mut written = Written { report, pages, pdfs: 0, compiled: 0, failures: Vec::new() };
    if let Some(typst) = typst {
        let outcome = pdf::render(site.publication(), theme, typst, &opts.out, &staging)?;
        written.pdfs = outcome.made;
        written.compiled = outcome.compiled;
        written.failures = outcome.failures;
        clock.lap("PDFs");
    }
    // The public copy marks itself, so that an intranet build into the
    // parent folder keeps it (its default place is dist/public).
    let keep: &[&str] = if opts.public {
        staging.put(&OutputFile::bytes(PUBLIC_MARKER, "trustdocs public copy\n"))?;
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
