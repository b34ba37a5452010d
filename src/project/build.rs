//! `trustdocs build`: the checked library into an output folder, site and
//! PDFs, written into a staging folder and swapped in whole.

use super::incremental::{Keys, Reuse};
use super::inputs::{Inputs, RunSettings};
use super::{Checked, Project, Site};
use crate::diag::Summary;
use crate::error::{Error, Result};
use crate::links::Cache;
use crate::model::Date;
use crate::output::build_cache::{self, Outcome, Previous};
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
    pub summary: Summary,
    /// What was published and what was left out, and why, for people.
    pub report: String,
    pub pages: usize,
    pub pdfs: usize,
    /// typst processes run (0 when every PDF came from the cache).
    pub pdfs_compiled: usize,
    /// PDFs typst could not make; the rest of the site was written.
    pub pdf_failures: Vec<String>,
    /// Pages taken from the last build.
    pub reused: usize,
    /// Nothing the build reads had changed since the last build, which
    /// left every file as it wrote it: the output was left as it was.
    pub unchanged: bool,
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
    // typst's version is an input; it is asked once, here.
    let typst = (!opts.no_pdf).then(Typst::find);
    let found = typst.as_ref().and_then(|t| t.as_ref().ok());
    let inputs = Inputs::read(dir, &opts.out, &run_settings(today, opts, found)).ok();
    let previous = Previous::read(&opts.out);
    let unchanged = inputs.as_ref().zip(previous.as_ref()).and_then(|(i, p)| p.unchanged(&i.whole(), &ignored(opts)));
    if let Some(outcome) = unchanged.filter(|o| opts.deny.refuses(&summary_of(o), dir, &opts.out).is_none()) {
        output::clean_up_beside(&opts.out);
        return Ok(Built::unchanged(outcome));
    }
    Project::load(dir, today)?.check().build_reusing(opts, typst, inputs, previous)
}

fn run_settings<'a>(today: Date, opts: &BuildOptions, typst: Option<&'a Typst>) -> RunSettings<'a> {
    RunSettings { today, drafts: opts.drafts && !opts.public, public: opts.public, typst: typst.map(Typst::version) }
}

/// What in an output folder is not the build's work: the cache itself, and
/// the public copy a build of the intranet keeps inside its folder.
fn ignored(opts: &BuildOptions) -> impl Fn(&str) -> bool {
    let public = !opts.public && opts.out.join("public").join(PUBLIC_MARKER).is_file();
    move |path: &str| path == build_cache::PATH || (public && path == "public")
}

fn summary_of(o: &Outcome) -> Summary {
    let [documents, ids, errors, warnings, notes, blocks_ratification] = o.summary;
    let ids = (ids != usize::MAX).then_some(ids);
    Summary { documents, ids, errors, warnings, notes, blocks_ratification }
}

impl Built {
    fn unchanged(o: &Outcome) -> Built {
        Built {
            summary: summary_of(o),
            // Kept in the output folder, which anyone who can write there can edit.
            report: crate::text::for_terminal(&o.report).into_owned(),
            pages: o.pages,
            pdfs: o.pdfs,
            pdfs_compiled: 0,
            pdf_failures: Vec::new(),
            reused: 0,
            unchanged: true,
        }
    }
}

/// What a build reported, kept for a build that finds nothing changed.
fn outcome(s: &Summary, report: String, pages: usize, pdfs: usize) -> Outcome {
    let summary = [s.documents, s.ids.unwrap_or(usize::MAX), s.errors, s.warnings, s.notes, s.blocks_ratification];
    Outcome { summary, report, pages, pdfs }
}

impl Checked {
    /// Builds the site into `opts.out`, or leaves it untouched on failure.
    pub fn build(self, opts: &BuildOptions) -> Result<Built, BuildError> {
        self.build_reusing(opts, (!opts.no_pdf).then(Typst::find), None, None)
    }

    /// `build` with typst already looked for (`None`: no PDFs), taking
    /// from `previous` (the last build's cache) the pages whose inputs
    /// (`inputs`) have not changed.
    fn build_reusing(
        self,
        opts: &BuildOptions,
        typst: Option<Result<Typst>>,
        inputs: Option<Inputs>,
        previous: Option<Previous>,
    ) -> Result<Built, BuildError> {
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
        let typst = match typst {
            None => None,
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => return Err(fail(e, self)),
        };
        let publish = PublishOptions { drafts: opts.drafts && !opts.public, pdf: typst.is_some(), public: opts.public };
        // Without a digest of every input, nothing is reused and no cache is left.
        let inputs = inputs.or_else(|| {
            let run = run_settings(self.lib.today(), opts, typst.as_ref());
            Inputs::read(&self.lib.dir, &opts.out, &run).ok()
        });
        let cache = Reusable { inputs: inputs.as_ref(), previous: previous.as_ref() };
        match write_site(&self, opts, &publish, &theme, typst.as_ref(), &cache) {
            Ok(w) => {
                let summary = self.summary;
                crate::memory::drop_aside(self);
                Ok(Built {
                    report: w.report.human(),
                    summary,
                    pages: w.pages,
                    pdfs: w.pdfs,
                    pdfs_compiled: w.compiled,
                    pdf_failures: w.failures,
                    reused: w.reused,
                    unchanged: false,
                })
            }
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
    reused: usize,
}

/// The cache for the next build, into the staging folder, stamped from the
/// files as written.
fn leave_cache(
    staging: &output::Staging,
    opts: &BuildOptions,
    checked: &Checked,
    written: &Written,
    inputs: &Inputs,
    reuse: Reuse,
) -> Result<()> {
    if !inputs.unchanged_since() {
        return Ok(());
    }
    // A build whose PDFs failed is never skipped: the next one tries them
    // again. The public copy holds no report (it names documents that are
    // not public), so it is never skipped either: only its pages are reused.
    let whole = (written.failures.is_empty() && !opts.public).then(|| inputs.whole());
    let outcome = match opts.public {
        true => Outcome::default(),
        false => outcome(&checked.summary, written.report.human(), written.pages, written.pdfs),
    };
    let body = build_cache::Body { whole, outcome, ..Default::default() };
    let bytes = build_cache::write(staging.dir(), body, Box::new(|w| reuse.units(w)), &ignored(opts))?;
    staging.put(&OutputFile::bytes(build_cache::PATH, bytes))
}

/// What the build reads, and what the last build left: the pages it may reuse.
struct Reusable<'c> {
    inputs: Option<&'c Inputs>,
    previous: Option<&'c Previous>,
}

/// Renders the site and its PDFs straight into a staging folder and swaps
/// it in. Any error drops the staging folder and leaves `opts.out` as it was.
fn write_site(
    checked: &Checked,
    opts: &BuildOptions,
    publish: &PublishOptions,
    theme: &Theme,
    typst: Option<&Typst>,
    cache: &Reusable,
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
    // Every page of the public copy withholds the names every document records.
    let staff = publish.public.then(|| crate::publish::withheld::staff_names(&checked.lib));
    let names = staff.as_ref().map(|s| s.all()).unwrap_or_default();
    let keys = cache.inputs.map(|i| Keys::of(lib, &checked.diags, i, &names));
    let reuse = keys.as_ref().map(|k| Reuse::new(cache.previous, k, site.publication(), &staging));
    let pages = site.write_into(&staging, reuse.as_ref())?;
    clock.lap("render and write pages");
    let report = PublishReport::of(site.publication()).with_withheld(site.publication(), &withheld);
    staging.put(&OutputFile::bytes(PUBLISH_REPORT, report.json()))?;
    let reused = reuse.as_ref().map_or(0, Reuse::taken);
    let mut written = Written { report, pages, pdfs: 0, compiled: 0, failures: Vec::new(), reused };
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
    if let (Some(inputs), Some(reuse)) = (cache.inputs, reuse) {
        leave_cache(&staging, opts, checked, &written, inputs, reuse)?;
        clock.lap("build cache");
    }
    staging.commit(keep)?;
    clock.lap("swap");
    Ok(written)
}
