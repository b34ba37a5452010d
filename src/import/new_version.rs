//! `trustdocs import FILE.docx --new-version-of ID`: a Word file an author
//! edited (most often one `trustdocs export` made) becomes the version of
//! ID in preparation.
//!
//! The draft is made as `new-version` makes one (`yaml::draft`: the next
//! version number, `status: draft`, no ratification or review date, the
//! file named after the version) from the version it follows, and then
//! takes from the Word file what an author may change there: the body,
//! and of the document control part the title, the summary, the author and
//! new rows of the amendment history. The control part is what comes
//! before the body: the title, the front sheet table, and the sections
//! whose headings start with "Document control:" (`export::CONTROL`'s
//! words, written here again because commands never import each other).
//! Only those blocks go to the recognisers (`front`, `history`); the body
//! is never searched for a front sheet, so it comes back as it was written.

use super::blocks::{Block, Kind};
use super::docx::review::Review;
use super::warn::Warning;
use super::{docx, front, history, labels::Field, markdown, roles::Roles, FileReport};
use crate::error::{Error, Result};
use crate::model::{Date, DocId, Document, Status, Version};
use crate::output::replace::{self, Existing, Folder, NewFile};
use crate::yaml::draft;
use crate::yaml::edit::{Editor, Value};
use crate::Project;
use std::path::{Path, PathBuf};

/// How the headings of the control sections begin (as `export` writes them).
const CONTROL: &str = "document control:";

pub struct Options {
    pub file: PathBuf,
    pub id: String,
    /// The content folder that holds `id`.
    pub dir: PathBuf,
    /// The next minor version rather than the next major one.
    pub minor: bool,
    pub today: Date,
}

/// What the Word file gives, split into its control part and its body.
struct Read {
    control: Vec<Block>,
    body: Vec<Block>,
    assets: Vec<docx::Asset>,
    styled_title: Option<String>,
    warnings: Vec<Warning>,
    review: Review,
}

/// Imports the file as the draft of the next version of `opts.id`: the
/// report of the one input, with the file written (or why not).
pub fn run(opts: &Options) -> Result<FileReport> {
    let input = crate::load::display_path(&opts.file);
    let mut report = FileReport::new(input);
    let read = match read(&opts.file) {
        Ok(r) => r,
        Err(e) => {
            report.error = Some(e.to_string());
            report.unreadable = true;
            return Ok(report);
        }
    };
    // Told only when the draft is written: a refused file accepted nothing.
    let review = read.review.clone();
    match write(opts, read, &mut report.warnings) {
        Ok(file) => {
            report.output = Some(file);
            report.review = Some(review);
        }
        Err(e @ (Error::Usage(_) | Error::Busy(_) | Error::Unreadable(_))) => return Err(e),
        Err(e) => report.error = Some(e.to_string()),
    }
    Ok(report)
}

fn read(path: &Path) -> Result<Read> {
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        return Err(Error::Import("--new-version-of reads a Word .docx file (save the document as .docx)".into()));
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (source, assets) = docx::read(path, &format!("assets/{}", crate::text::slugify_ascii(&stem)))?;
    let review = docx::review(path)?;
    let start = body_start(&source.blocks, source.title.as_deref());
    let mut blocks = source.blocks;
    let body = blocks.split_off(start);
    Ok(Read { control: blocks, body, assets, styled_title: source.title, warnings: source.warnings, review })
}

/// Where the body begins: after the title (the paragraph in Word's Title
/// style, when it comes first), the front sheet (a table next) and the
/// control sections (a heading starting "Document control:" and the tables
/// under it). An author's paragraph before the first heading stays body.
fn body_start(blocks: &[Block], title: Option<&str>) -> usize {
    let is_title =
        |b: &Block| matches!(b.kind, Kind::Paragraph { .. }) && Some(b.plain().trim()) == title.map(str::trim);
    let is_table = |b: &Block| matches!(b.kind, Kind::Table { .. });
    let is_control = |b: &Block| b.heading().is_some_and(|(_, t)| t.trim().to_lowercase().starts_with(CONTROL));
    let mut i = usize::from(blocks.first().is_some_and(is_title));
    if blocks.get(i).is_some_and(is_table) {
        i += 1;
    }
    while blocks.get(i).is_some_and(is_control) {
        i += 1;
        while blocks.get(i).is_some_and(is_table) {
            i += 1;
        }
    }
    i
}

/// Holds the content folder for writing, loads it, makes the draft and
/// writes it with the Word file's images, all or none; returns the
/// draft's file as shown.
fn write(opts: &Options, read: Read, warnings: &mut Vec<Warning>) -> Result<String> {
    let (folder, project) = open(&opts.dir, opts.today)?;
    let lib = &project.lib;
    let (id, base) = base_version(lib, &opts.id)?;
    let old =
        base.version().cloned().ok_or_else(|| Error::Refused(format!("{} has no valid version", base.file.display)))?;
    let facts = Facts::read(&read.control, read.styled_title.as_deref(), &old, warnings);
    if let Some(other) = facts.id.as_deref().filter(|o| DocId::new(o) != id) {
        return Err(Error::Refused(format!(
            "the front sheet of this file gives the id {other}, not {id} (--new-version-of): import it as a new version of {other}, or correct the id in the file if it really is {id}"
        )));
    }
    let new = if opts.minor { old.next_minor() } else { old.next_major() };
    let (bom, text) = on_disk(lib, base)?;
    let target = draft::file_for(&lib.dir.join(&base.file.path), &new);
    let inside = target.strip_prefix(&lib.dir).unwrap_or(&target);
    let display = format!("{}/{}", crate::load::display_path(&lib.dir), crate::load::display_path(inside));
    if target.exists() {
        return Err(Error::Refused(format!("{display} already exists; rename or remove it, then import again")));
    }
    let front = front_matter(&text, base, (&id, &old, &new), &facts, opts.today)?;
    let body = body(read.body, base, &lib.config);
    let mut bytes = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
    bytes.extend_from_slice(format!("{front}\n{body}").as_bytes());
    let mut files = Vec::new();
    for a in read.assets {
        files.push(NewFile { path: lib.dir.join(crate::output::safe_relative(&a.path)?), bytes: a.bytes });
    }
    files.push(NewFile { path: target, bytes });
    let exists = |path: &Path| {
        Error::Refused(format!(
            "{} already exists; rename or remove it, then import again",
            crate::load::display_path(path)
        ))
    };
    let command = format!("import --new-version-of {id}");
    replace::write_all(Folder::Content(&folder), &command, Existing::Keep { refusal: &exists }, &files)?;
    warnings.extend(read.warnings);
    Ok(display)
}

/// The body as Markdown. A heading keeps the role the same heading had in
/// the version the draft follows (a Word heading cannot carry `{role=…}`);
/// a new heading is tagged by `roles.yaml`, as `import` tags any.
fn body(blocks: Vec<Block>, base: &Document, config: &crate::config::Config) -> String {
    let key = |t: &str| one_line(t).to_lowercase();
    let before: std::collections::HashMap<String, &str> =
        base.body.sections.iter().filter_map(|s| s.role.as_deref().map(|r| (key(&s.text), r))).collect();
    let roles = Roles::new(config);
    let tag = |t: &str| before.get(&key(t)).map(|r| r.to_string()).or_else(|| roles.tag(t));
    markdown::body(&super::document::even_levels(blocks), &tag)
}

/// The content folder held for writing and loaded, as the governance
/// commands hold it.
fn open(dir: &Path, today: Date) -> Result<(crate::output::folder_lock::Writing, Project)> {
    if !dir.join("site.yaml").is_file() || !dir.join("documents").is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a content folder (it has no site.yaml and documents/ folder); give the folder that holds the document with --out, e.g. `--out content`",
            dir.display()
        )));
    }
    let folder = crate::output::folder_lock::for_writing(dir)?;
    let project = Project::load_held(&folder, today)?;
    Ok((folder, project))
}

/// The version the draft follows (the committee's latest decision, or the
/// version in force), refusing while another version is in preparation.
fn base_version<'l>(lib: &'l crate::resolve::Library, text: &str) -> Result<(DocId, &'l Document)> {
    let (id, versions) = lib.versions_named(text).map_err(Error::Usage)?;
    if let Some(draft) = versions.preparing.map(|i| lib.doc(i)) {
        return Err(Error::Refused(format!(
            "{id} already has a version in preparation: version {} ({}) in {}\n  edit that file, or ratify it first (`trustdocs ratify {id}`); there is one version in preparation at a time",
            draft.version().map_or_else(|| "?".to_string(), ToString::to_string),
            draft.status().map_or("", Status::as_str),
            draft.file.display
        )));
    }
    let base = versions.decided.or(versions.current).map(|i| &**lib.doc(i));
    base.map(|d| (id.clone(), d)).ok_or_else(|| {
        Error::Refused(format!("{id} has no ratified version for a new version to follow; import the file without --new-version-of to add it as a document"))
    })
}

/// The version's file as it is on disk: whether it starts with a
/// byte-order mark, and its text, refused when YAML could read its front
/// matter two ways (S008), where an edit would land in the wrong place.
fn on_disk(lib: &crate::resolve::Library, doc: &Document) -> Result<(bool, String)> {
    let read = crate::model::source::read_for_editing(&lib.dir.join(&doc.file.path), &doc.file.display)?;
    if let Some(a) = read.ambiguity {
        return Err(Error::Refused(format!(
            "{}: {} ({}); fix it, then import again",
            doc.file.display, a.message, a.help
        )));
    }
    let (bom, text) = (read.bom, read.text);
    Ok((bom, text))
}

/// What the Word file's control part says of the facts an author may change.
#[derive(Default)]
struct Facts {
    id: Option<String>,
    title: Option<String>,
    /// The paragraph in Word's Title style, which an author may edit instead.
    styled_title: Option<String>,
    summary: Option<String>,
    author: Option<String>,
    author_title: Option<String>,
    history: Vec<history::Entry>,
}

impl Facts {
    /// The facts of the control part of a file that follows version `old`.
    fn read(control: &[Block], styled_title: Option<&str>, old: &Version, warnings: &mut Vec<Warning>) -> Facts {
        // The front sheet is what comes before the first control section.
        let sheet_end = control.iter().position(|b| b.heading().is_some()).unwrap_or(control.len());
        let sheet = front::read(&control[..sheet_end], sheet_end);
        let value = |field: Field| {
            let found = sheet.found.iter().find(|f| f.field == field);
            found.map(|f| one_line(&f.value)).filter(|v| !v.is_empty())
        };
        Facts {
            id: value(Field::Id),
            title: value(Field::Title),
            styled_title: styled_title.map(one_line).filter(|t| !t.is_empty()),
            summary: value(Field::Summary),
            author: value(Field::Author),
            author_title: value(Field::AuthorTitle),
            history: added_history(control, old, warnings),
        }
    }
}

/// The rows of the amendment table for versions after `old`: what the
/// author added. The rows of earlier versions are the record, kept as the
/// version in force has them, so what reading them finds is not reported.
fn added_history(control: &[Block], old: &Version, warnings: &mut Vec<Warning>) -> Vec<history::Entry> {
    let mut found = Vec::new();
    let entries = history::find(control, &mut found).map(|h| h.entries).unwrap_or_default();
    let added: Vec<history::Entry> =
        entries.into_iter().filter(|h| Version::parse(&h.version).is_ok_and(|v| v > *old)).collect();
    warnings.extend(found.into_iter().filter(|w| added.iter().any(|h| w.at == Some(h.loc))));
    added
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two texts say the same, line breaks and runs of spaces aside.
fn same(a: &str, b: &str) -> bool {
    one_line(a) == one_line(b)
}

/// The draft's front matter (with its closing `---`): the version it
/// follows made a draft as `new-version` makes one, with the title, the
/// summary and the author the Word file changed, and the history rows it
/// added for versions after the one it follows (a placeholder entry, as
/// `new-version` writes, when none is for the new version).
fn front_matter(
    text: &str,
    base: &Document,
    (id, old, new): (&DocId, &Version, &Version),
    facts: &Facts,
    today: Date,
) -> Result<String> {
    let fail = |why: Error| Error::Refused(format!("cannot make the draft from {}: {why}", base.file.display));
    let mut e = draft::next_version(text, id, old, new).map_err(fail)?;
    if let Some(t) = [&facts.title, &facts.styled_title].into_iter().flatten().find(|t| !same(t, base.title())) {
        e.set("title", &Value::Text(t));
    }
    if let Some(s) = facts.summary.as_ref().filter(|s| !same(s, base.meta.summary.as_deref().unwrap_or_default())) {
        e.set("summary", &Value::Text(s));
    }
    author(&mut e, base, facts);
    let mut text = e.finish().map_err(fail)?;
    let added = &facts.history;
    for h in added {
        let date = h.date.unwrap_or(today);
        let mut pairs = vec![("version", Value::Text(&h.version)), ("date", Value::Date(date))];
        pairs.extend(h.changed.as_deref().map(|c| ("changed", Value::Text(c))));
        let description = h.description.as_deref().unwrap_or(crate::model::HISTORY_PLACEHOLDER);
        pairs.push(("description", Value::Text(description)));
        pairs.extend(h.review_date.map(|d| ("review_date", Value::Date(d))));
        pairs.extend(h.by.as_deref().map(|b| ("by", Value::Text(b))));
        text = append(&text, &pairs).map_err(fail)?;
    }
    if !added.iter().any(|h| Version::parse(&h.version).is_ok_and(|v| v == *new)) {
        text = append(&text, &draft::placeholder_entry(new, today)).map_err(fail)?;
    }
    let body = crate::model::source::Layout::of(&text).body;
    let mut head = text[..body].to_string();
    if !head.ends_with('\n') {
        head.push('\n');
    }
    Ok(head)
}

/// The author, when the file names another one or gives another job title.
fn author(e: &mut Editor, base: &Document, facts: &Facts) {
    let Some(name) = &facts.author else { return };
    let current = base.meta.author.as_ref();
    let title = facts.author_title.clone().or_else(|| current.and_then(|a| a.title.clone()));
    let unchanged = current.is_some_and(|a| same(&a.name, name) && a.title.as_deref().map(one_line) == title);
    if !unchanged {
        let mut pairs = vec![("name", Value::Text(name))];
        pairs.extend(title.as_deref().map(|t| ("title", Value::Text(t))));
        e.set_map("author", &pairs);
    }
}

/// One more history entry, appended in an edit of its own.
fn append(text: &str, pairs: &[(&str, Value)]) -> Result<String> {
    let mut e = Editor::new(text)?;
    e.append_item("history", pairs)?;
    e.finish()
}
