//! Stage 1: read the content folder into typed documents and settings.

mod acknowledge;
mod covered;
mod front_matter;
mod route;
pub mod settings;

use crate::config::{Config, Watchwords};
use crate::diag::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::model::body::{self, ParseOptions};
use crate::model::source::{self, Layout};
use crate::model::Fingerprint;
use crate::model::Pos;
use crate::model::{Document, FrontMatter, SourceFile, Watchword, WatchwordKind};
use crate::yaml::read as yaml;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// Everything read from a content folder, before documents are related.
#[derive(Default)]
pub struct Content {
    pub dir: PathBuf,
    pub config: Config,
    pub documents: Vec<Document>,
    /// Files under `assets/`, relative to the content folder.
    pub assets: Vec<PathBuf>,
    /// `ratified.lock`: the fingerprints of ratified versions.
    pub lock: crate::lock::Lock,
    /// `retention.log`: the decisions on versions past their retention.
    pub retention: crate::lock::retention::RetentionLog,
    /// The SHA-256 of each asset a document uses, for the fingerprints.
    pub asset_digests: BTreeMap<PathBuf, Fingerprint>,
    pub diags: Vec<Diagnostic>,
    /// No usable `site.yaml`: checks can run, a site cannot be built.
    pub config_fatal: bool,
}

/// Reads the content folder. Fails only when the folder itself is unusable;
/// every problem inside it is a diagnostic.
pub fn load(dir: &Path) -> Result<Content> {
    let meta = std::fs::metadata(dir).map_err(Error::io("read content folder", dir))?;
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a folder; give the content folder that holds site.yaml",
            dir.display()
        )));
    }
    let display_dir = display_path(dir);
    let loaded = settings::load(dir, &display_dir);
    let mut diags = loaded.diags;
    let root = dir.canonicalize().map_err(Error::io("read content folder", dir))?;
    let walker = Walker { root, dir, display_dir: &display_dir };
    let (mut files, found) = walker.walk("documents", &|p| p.extension().is_some_and(|e| e == "md"));
    diags.extend(found);
    files.sort();
    let config = loaded.config;
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> =
        files.par_iter().map(|path| load_document(dir, &display_dir, path, &config)).collect();
    let mut documents = Vec::with_capacity(results.len());
    for (doc, d) in results {
        documents.extend(doc);
        diags.extend(d);
    }
    let (assets, found) = walker.walk("assets", &|_| true);
    diags.extend(found);
    let assets: Vec<PathBuf> =
        assets.into_iter().filter_map(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf)).collect();
    let asset_digests = digest_used_assets(dir, &documents, &assets);
    let (lock, found) = crate::lock::Lock::load(dir, &display_dir);
    diags.extend(found);
    let (retention, found) = crate::lock::retention::RetentionLog::load(dir, &display_dir);
    diags.extend(found);
    Ok(Content {
        dir: dir.to_path_buf(),
        config,
        documents,
        assets,
        lock,
        retention,
        asset_digests,
        diags,
        config_fatal: loaded.fatal,
    })
}

/// Every file of the content folder `dir` that a build reads, relative to
/// it and A to Z: the settings files, the documents and the assets as
/// `load` finds them (symbolic links followed by its rules), and the
/// theme's files. A file it cannot read is left out (loading reports it).
pub fn files_read(dir: &Path) -> Vec<PathBuf> {
    let settings = ["site.yaml", "roles.yaml", "glossary.yaml", crate::lock::FILE, crate::lock::retention::FILE];
    let mut files: Vec<PathBuf> = settings.iter().map(|f| dir.join(f)).filter(|p| p.is_file()).collect();
    if let Ok(root) = dir.canonicalize() {
        let display_dir = display_path(dir);
        let walker = Walker { root, dir, display_dir: &display_dir };
        files.extend(walker.walk("documents", &|p| p.extension().is_some_and(|e| e == "md")).0);
        files.extend(walker.walk("assets", &|_| true).0);
    }
    files.extend(crate::theme::override_files(dir).unwrap_or_default());
    let mut files: Vec<PathBuf> =
        files.into_iter().filter_map(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf)).collect();
    files.sort();
    files.dedup();
    files
}

/// The SHA-256 of the bytes of every asset some document uses: a ratified
/// version's fingerprint covers its images and attachments. An asset that
/// cannot be read has no digest (the checks report it).
fn digest_used_assets(dir: &Path, documents: &[Document], assets: &[PathBuf]) -> BTreeMap<PathBuf, Fingerprint> {
    let known: HashSet<&PathBuf> = assets.iter().collect();
    let used: HashSet<PathBuf> =
        documents.iter().flat_map(Document::files_used).filter(|p| known.contains(p)).collect();
    used.into_par_iter().filter_map(|p| Fingerprint::of_file(&dir.join(&p)).ok().map(|digest| (p, digest))).collect()
}

/// A path as shown to people: forward slashes, no leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).trim_end_matches('/').to_string();
    if s.is_empty() {
        ".".into()
    } else {
        s
    }
}

/// Finds files in the content folder. Symbolic links are followed only
/// when they stay inside it, and never into a folder already read (a loop,
/// or a second way into the same folder), so every folder is read once.
struct Walker<'a> {
    /// The content folder, canonical, for deciding what is inside it.
    root: PathBuf,
    /// The content folder as given, for showing paths.
    dir: &'a Path,
    display_dir: &'a str,
}

/// What one walk found: files, and the folders it has read (canonical).
struct Walk<'k> {
    keep: &'k dyn Fn(&Path) -> bool,
    files: Vec<PathBuf>,
    diags: Vec<Diagnostic>,
    visited: HashSet<PathBuf>,
    /// Links to folders, followed once the real folders have been read, so
    /// that a folder is read through its own path rather than a link's.
    links: Vec<PathBuf>,
}

impl Walker<'_> {
    /// The files below the content folder's `top` folder that `keep`
    /// accepts, and the problems met on the way.
    fn walk(&self, top: &str, keep: &dyn Fn(&Path) -> bool) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let mut w = Walk { keep, files: Vec::new(), diags: Vec::new(), visited: HashSet::new(), links: Vec::new() };
        self.entry(&self.dir.join(top), &mut w);
        while !w.links.is_empty() {
            for link in std::mem::take(&mut w.links) {
                match link.canonicalize() {
                    Ok(target) if w.visited.contains(&target) => w.diags.push(self.problem(
                        &link,
                        "symbolic link leads to a folder that is already read (a loop, or a second way in); it was not followed",
                        "remove the link: every folder under the content folder is read once anyway",
                    )),
                    _ => self.folder(&link, &mut w),
                }
            }
        }
        (w.files, w.diags)
    }

    fn entry(&self, path: &Path, w: &mut Walk) {
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) => return w.diags.push(self.cannot_read(path, &e)),
        };
        let followed = match meta.file_type().is_symlink() {
            true => match self.follow(path) {
                Ok(m) => m,
                Err(d) => return w.diags.push(d),
            },
            false => meta.clone(),
        };
        if followed.is_dir() && meta.file_type().is_symlink() {
            w.links.push(path.to_path_buf());
        } else if followed.is_dir() {
            self.folder(path, w);
        } else if (w.keep)(path) {
            self.file(path, &followed, w);
        }
    }

    fn file(&self, path: &Path, meta: &std::fs::Metadata, w: &mut Walk) {
        if !meta.is_file() {
            // A pipe or a device: opening it could wait for ever.
            return w.diags.push(self.problem(path, "this is not a regular file; it was skipped", "remove it"));
        }
        match std::fs::File::open(path) {
            Ok(_) => w.files.push(path.to_path_buf()),
            Err(e) => w.diags.push(self.cannot_read(path, &e)),
        }
    }

    fn folder(&self, path: &Path, w: &mut Walk) {
        if let Ok(c) = path.canonicalize() {
            w.visited.insert(c);
        }
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => return w.diags.push(self.cannot_read(path, &e)),
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            self.entry(&entry, w);
        }
    }

    /// Where a symbolic link leads, if it may be followed.
    fn follow(&self, link: &Path) -> Result<std::fs::Metadata, Diagnostic> {
        let target = link.canonicalize().map_err(|e| {
            self.problem(
                link,
                &format!("symbolic link cannot be followed ({e}); it was skipped"),
                "point it at a file or folder inside the content folder, or remove it",
            )
        })?;
        if !target.starts_with(&self.root) {
            return Err(self.problem(
                link,
                "symbolic link points outside the content folder; it was not followed",
                "copy the file into the content folder instead of linking to it",
            ));
        }
        std::fs::metadata(&target).map_err(|e| self.cannot_read(link, &e))
    }

    fn cannot_read(&self, path: &Path, e: &std::io::Error) -> Diagnostic {
        let what = if path.is_dir() { "folder" } else { "file" };
        self.problem(
            path,
            &format!("cannot read this {what}: {e}"),
            "make it readable by the user who runs trustdocs (or remove it)",
        )
    }

    fn problem(&self, path: &Path, message: &str, help: &str) -> Diagnostic {
        let shown = format!("{}/{}", self.display_dir, display_path(path.strip_prefix(self.dir).unwrap_or(path)));
        Diagnostic::new(Code::S006, message).in_file(&shown).help(help.to_string())
    }
}

/// Documents larger than this are refused: no procedural document is, and a
/// file that large is almost certainly an export gone wrong.
pub const MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// Reads one document file of the content folder `dir`.
pub fn load_document(
    dir: &Path,
    display_dir: &str,
    path: &Path,
    config: &Config,
) -> (Option<Document>, Vec<Diagnostic>) {
    let rel =
        path.strip_prefix(dir.canonicalize().unwrap_or_default()).or_else(|_| path.strip_prefix(dir)).unwrap_or(path);
    let display = format!("{display_dir}/{}", display_path(rel));
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_DOCUMENT_BYTES {
            let d = Diagnostic::new(
                Code::S006,
                format!(
                    "the file is {} MB, more than the {} MB a document may be",
                    meta.len() / 1_000_000,
                    MAX_DOCUMENT_BYTES / 1024 / 1024
                ),
            )
            .in_file(&display)
            .help("split it into several documents, and move attachments into assets/");
            return (None, vec![d]);
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return (None, vec![Diagnostic::new(Code::S006, format!("cannot read the file: {e}")).in_file(&display)])
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let column = valid.rsplit(|&b| b == b'\n').next().map_or(0, |l| String::from_utf8_lossy(l).chars().count())
                as u32
                + 1;
            let d = Diagnostic::new(Code::S006, "the file is not UTF-8 text")
                .in_file(&display)
                .at(Pos::new(line, column))
                .help("save it as UTF-8 (in Word: Save As → Plain Text → Unicode (UTF-8))");
            return (None, vec![d]);
        }
    };
    let (doc, diags) = document_from_text(display, rel.to_path_buf(), text, config);
    (Some(doc), diags)
}

/// A document from its text: front matter, body, and the problems found.
/// `display` is the path shown in diagnostics, `rel` its path in the content folder.
pub fn document_from_text(display: String, rel: PathBuf, text: String, config: &Config) -> (Document, Vec<Diagnostic>) {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let mut diags = Vec::new();
    let (meta, body_offset) = read_front_matter(&text, config, &mut diags);
    let id_in_prose = &config.site.id_pattern.in_prose;
    let body =
        body::parse(&text, body_offset, &ParseOptions { number_sections: config.site.number_sections, id_in_prose });
    let id = meta.id.as_ref().map(|i| i.value.clone());
    let diags = diags.into_iter().map(|d| d.in_file(&display).for_document(id.as_ref())).collect();
    let watchwords = watchwords(&text, &config.watchwords);
    let fingerprint = Fingerprint::of(&text);
    let file = SourceFile { display, path: rel };
    (Document { file, meta, body, fingerprint, watchwords }, diags)
}

/// Where the site's deprecated terms and placeholders occur in `text`:
/// each term in `site.yaml`'s order, then each place in the file's.
fn watchwords(text: &str, patterns: &Watchwords) -> Vec<Watchword> {
    let terms = patterns.terms.iter().map(|(_, _, re)| (WatchwordKind::DeprecatedTerm, re));
    let placeholders = patterns.placeholders.iter().map(|(_, re)| (WatchwordKind::Placeholder, re));
    let found: Vec<(WatchwordKind, usize, usize)> = terms
        .enumerate()
        .chain(placeholders.enumerate())
        .flat_map(|(index, (kind, re))| re.find_iter(text).map(move |m| (kind, index, m.start())))
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let lines = body::LineIndex::new(text);
    found.into_iter().map(|(kind, index, at)| Watchword { kind, index, pos: lines.pos(text, at) }).collect()
}

/// Splits and reads the front matter; returns it and where the body starts.
/// The split is `source::Layout`'s, the one the fingerprint uses.
fn read_front_matter(text: &str, config: &Config, diags: &mut Vec<Diagnostic>) -> (FrontMatter, usize) {
    let layout = Layout::of(text);
    let ambiguous = source::ambiguities(text, &layout);
    let clear = ambiguous.is_empty();
    diags.extend(ambiguous.into_iter().map(|a| Diagnostic::new(Code::S008, a.message).at(a.pos).help(a.help)));
    if !layout.closed {
        let (message, help) = if layout.opened {
            ("the front matter is not closed", "end the front matter with a line of three hyphens: ---")
        } else {
            ("the document has no front matter", "start the file with a line `---`, the front matter (id, title, type, version, status...), and another `---`")
        };
        diags.push(Diagnostic::new(Code::S001, message).help(help));
        return (FrontMatter::default(), layout.body);
    }
    let yaml_text = &text[layout.yaml.clone()];
    match yaml::parse(yaml_text, 2, false) {
        Ok(node) => {
            if clear {
                diags.extend(covered::check(&node, text));
            }
            let mut reader = yaml::Reader::new(2, Code::S004);
            let meta = front_matter::read(&mut reader, &node, &config.site);
            diags.extend(reader.diags);
            (meta, layout.body)
        }
        Err(d) => {
            diags.push(d);
            (FrontMatter::default(), layout.body)
        }
    }
}

#[cfg(test)]
mod one_reading_tests;
