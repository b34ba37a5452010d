//! `trustdocs import`: a trust's existing Word documents, PDFs and text
//! taken from PDFs into the content format.
//!
//! Readers (`layout` for text, `pdf` through `pdftotext -layout`, `docx`)
//! give one representation of blocks (`blocks`); recognisers find the
//! document control table (`front`, with the label synonyms in `labels`),
//! the amendment history (`history`) and the EIA (`eia`); `document` puts
//! front matter and body together, and the writer every file in the content
//! folder uses (`output::replace`) puts each document and its images there,
//! all or none; the folder is then checked like any other. `new_version`
//! reads an edited Word file (`--new-version-of`) as the next version of a
//! document, with `docx/review.rs` counting its tracked changes and reading
//! its comments. The command line (`src/cli/import.rs`) prints the outcome.

pub mod blocks;
mod clean;
pub mod dates;
pub mod document;
pub mod docx;
pub mod eia;
pub mod escape;
pub mod front;
pub mod furniture;
pub mod history;
pub mod labels;
pub mod layout;
pub mod loc;
pub mod markdown;
pub mod new_version;
pub mod origin;
pub mod pdf;
pub mod references;
pub mod review_page;
pub mod roles;
mod tables;
pub mod values;
pub mod warn;

use crate::config::Config;
use crate::diag::{Diagnostic, Summary};
use crate::model::Date;
use crate::output::folder_lock::Writing;
use crate::output::replace::{self, Existing, Folder, NewFile};
use crate::text::slugify_ascii;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use warn::Warning;

pub struct Options {
    pub files: Vec<PathBuf>,
    /// The content folder to import into.
    pub out: PathBuf,
    /// The identifier to give the document (one input only).
    pub id: Option<String>,
    /// Replace files that exist.
    pub force: bool,
    pub today: Date,
}

/// What happened to one input.
#[derive(Serialize)]
pub struct FileReport {
    pub input: String,
    /// The document written, as a path under the content folder's display path.
    pub output: Option<String>,
    pub error: Option<String>,
    /// The error is the input's: missing, not a document, refused.
    pub unreadable: bool,
    pub warnings: Vec<Warning>,
    /// Where each front-matter value came from (label and line, or why it
    /// was inferred).
    pub fields: Vec<origin::Origin>,
    /// The Markdown written, for `--review`.
    #[serde(skip)]
    pub markdown: Option<String>,
    /// `--new-version-of`: the tracked changes accepted and the comments
    /// found in the Word file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<docx::review::Review>,
}

impl FileReport {
    /// The report of an input before anything is known of it.
    pub fn new(input: String) -> FileReport {
        FileReport {
            input,
            output: None,
            error: None,
            unreadable: false,
            warnings: Vec::new(),
            fields: Vec::new(),
            markdown: None,
            review: None,
        }
    }
}

pub struct Outcome {
    pub files: Vec<FileReport>,
    /// The check's diagnostics of the written documents only.
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// Text of the files the diagnostics point into, for the report.
    pub sources: HashMap<String, String>,
    /// Something about the content folder as a whole (no `site.yaml`).
    pub notice: Option<String>,
}

/// A document converted, not yet written.
pub struct Converted {
    pub imported: document::Imported,
    pub assets: Vec<docx::Asset>,
}

/// Reads one input by its extension and converts it.
pub fn convert(path: &Path, config: &Config, id: Option<&str>) -> crate::Result<Converted> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (source, assets) = match ext.as_str() {
        "txt" | "text" => (layout::read(&text_file(path)?), Vec::new()),
        "pdf" => {
            let text = pdf::text(path)?;
            // A scan has pages but no text for pdftotext to give.
            if text.split_whitespace().count() < 20 {
                return Err(crate::Error::Import("the PDF has (almost) no text layer, as a scan has: run it through OCR first, or import the Word original".into()));
            }
            (layout::read(&text), Vec::new())
        }
        "docx" => docx::read(path, &format!("assets/{}", slugify_ascii(&stem)))?,
        "doc" => {
            return Err(crate::Error::Import(
                "a Word 97-2003 .doc file: save it as .docx in Word and import that".into(),
            ))
        }
        _ => return Err(crate::Error::Import("not a .docx, .pdf or .txt file".into())),
    };
    Ok(Converted { imported: document::assemble(source, config, id), assets })
}

/// A text file: UTF-8, or Windows-1252 as Windows tools save text.
pub(crate) fn text_file(path: &Path) -> crate::Result<String> {
    let unreadable = |e: std::io::Error| crate::Error::Import(format!("cannot read: {e}"));
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > crate::load::MAX_DOCUMENT_BYTES {
        return Err(crate::Error::Import(format!(
            "larger than {} MiB; not a procedural document's text",
            crate::load::MAX_DOCUMENT_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    })
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The file name of an imported document: its id and title, or the input's name.
pub fn file_name(imported: &document::Imported, input: &Path) -> String {
    let f = &imported.front;
    let base = match (&f.id, &f.title) {
        (Some(id), Some(title)) => format!("{id} {title}"),
        (Some(id), None) => id.clone(),
        _ => input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    format!("{}.md", slugify_ascii(&base))
}

/// Imports every input into the content folder `opts.out`, then checks
/// the documents written. `Err` only when the content folder cannot be used.
pub fn run(opts: &Options) -> crate::Result<Outcome> {
    if opts.id.is_some() && opts.files.len() > 1 {
        return Err(crate::Error::Usage("--id names one document: give it with one input file".into()));
    }
    let dir = &opts.out;
    if dir.exists() && !dir.is_dir() {
        return Err(crate::Error::Usage(format!(
            "{} is not a folder; --out names the content folder to import into",
            dir.display()
        )));
    }
    let display_dir = crate::load::display_path(dir);
    let has_site = dir.join("site.yaml").is_file();
    let config = if has_site { crate::load::settings::load(dir, &display_dir).config } else { Config::default() };
    let notice = (!has_site).then(|| {
        format!("{display_dir} has no site.yaml: the documents were read and checked with the default settings; write one (at least `organisation:`) before building, and a roles.yaml to have role sections tagged")
    });
    let converted: Vec<crate::Result<Converted>> = {
        use rayon::prelude::*;
        opts.files.par_iter().map(|p| convert(p, &config, opts.id.as_deref())).collect()
    };
    // Held for writing from the first file written to the last, like the
    // governance commands: never two writers at once.
    let mut folder = None;
    let mut files = Vec::new();
    let mut written: HashSet<String> = HashSet::new();
    for (path, result) in opts.files.iter().zip(converted) {
        let input = crate::load::display_path(path);
        let mut report = FileReport::new(input);
        match result {
            Err(e) => {
                report.error = Some(e.to_string());
                report.unreadable = true;
            }
            Ok(c) => {
                report.fields = c.imported.origins.clone();
                report.markdown = Some(c.imported.markdown.clone());
                let held = hold(&mut folder, dir)?;
                match put(held, path, c, opts.force, &mut written, &mut report.warnings) {
                    Ok(name) => report.output = Some(format!("{display_dir}/documents/{name}")),
                    Err(e) => report.error = Some(e.to_string()),
                }
            }
        }
        files.push(report);
    }
    drop(folder);
    checked(files, dir, opts.today, notice)
}

/// `import FILE.docx --new-version-of ID`: the file as the draft of the
/// next version of ID (`new_version.rs`), then checked as any import.
pub fn run_new_version(opts: &new_version::Options) -> crate::Result<Outcome> {
    let report = new_version::run(opts)?;
    checked(vec![report], &opts.dir, opts.today, None)
}

/// The outcome of the inputs `files`, with the check of the documents
/// written into the content folder `dir` (only their own diagnostics).
fn checked(files: Vec<FileReport>, dir: &Path, today: Date, notice: Option<String>) -> crate::Result<Outcome> {
    let outputs: HashSet<String> = files.iter().filter_map(|f| f.output.clone()).collect();
    let (diagnostics, sources) = if outputs.is_empty() {
        (Vec::new(), HashMap::new())
    } else {
        let checked = crate::check(dir, today)?;
        let diags: Vec<Diagnostic> =
            checked.diags.iter().filter(|d| d.file.as_ref().is_some_and(|f| outputs.contains(f))).cloned().collect();
        let sources = checked.sources().into_iter().filter(|(k, _)| outputs.contains(k)).collect();
        (diags, sources)
    };
    let summary = Summary::of_all(outputs.len(), &diagnostics);
    Ok(Outcome { files, diagnostics, summary, sources, notice })
}

/// The content folder `dir` held for writing, taken (and the folder made)
/// when the first document is about to be written.
fn hold<'h>(folder: &'h mut Option<Writing>, dir: &Path) -> crate::Result<&'h Writing> {
    match folder {
        Some(held) => Ok(held),
        None => {
            std::fs::create_dir_all(dir).map_err(crate::Error::io("create", dir))?;
            Ok(folder.insert(crate::output::folder_lock::for_writing(dir)?))
        }
    }
}

/// Writes one converted document and its images into the content folder
/// `held`, all or none; returns its file name.
fn put(
    held: &Writing,
    input: &Path,
    c: Converted,
    force: bool,
    written: &mut HashSet<String>,
    warnings: &mut Vec<Warning>,
) -> crate::Result<String> {
    let dir = held.dir();
    let mut name = file_name(&c.imported, input);
    if written.contains(&name) {
        // Two inputs of one run with one id and title (two versions of a
        // document, or a copy): the second is named after its file too.
        let stem = input.file_stem().map(|s| slugify_ascii(&s.to_string_lossy())).unwrap_or_default();
        let other = format!("{}-{stem}.md", name.trim_end_matches(".md"));
        warnings.push(Warning::new(
            warn::WarnKind::Check,
            None,
            None,
            format!("another input of this import has the same identifier and title and was written as documents/{name}; this one is documents/{other}"),
        ));
        name = other;
    }
    if !written.insert(name.clone()) {
        return Err(crate::Error::Refused(format!(
            "another input of this import was written as documents/{name}; import it on its own"
        )));
    }
    let target = dir.join("documents").join(&name);
    if !force && target.exists() {
        return Err(crate::Error::Refused(format!(
            "{}/documents/{name} already exists; import with --force to replace it",
            crate::load::display_path(dir)
        )));
    }
    let mut files = Vec::with_capacity(c.assets.len() + 1);
    for a in c.assets {
        files.push(NewFile { path: dir.join(crate::output::safe_relative(&a.path)?), bytes: a.bytes });
    }
    files.push(NewFile { path: target, bytes: c.imported.markdown.into_bytes() });
    let exists = |path: &Path| {
        crate::Error::Refused(format!(
            "{} already exists; import with --force to replace it",
            crate::load::display_path(path)
        ))
    };
    let existing = if force { Existing::Replace } else { Existing::Keep { refusal: &exists } };
    let command = format!("import {}", crate::load::display_path(input));
    replace::write_all(Folder::Content(held), &command, existing, &files)?;
    let mut own = c.imported.warnings;
    own.append(warnings);
    *warnings = own;
    Ok(name)
}
