//! `trustdocs fingerprint FILE...`: a document file's fingerprint as
//! `ratify` would record it now, so that anyone can check a copy against
//! the lock. The library is read through the one pipeline, so the value is
//! the one the checks compare with.

use super::one_finding;
use crate::diag::{Code, Severity};
use crate::error::{Error, Result, Stop};
use crate::lock::{Format, Recorded};
use crate::model::fingerprint::manifest;
use crate::model::Date;
use crate::Project;
use std::path::{Path, PathBuf};

/// One file's fingerprint.
#[derive(Debug)]
pub struct FileFingerprint {
    pub fingerprint: Recorded,
    /// The file as it was given.
    pub file: PathBuf,
    /// The manifest the fingerprint is the SHA-256 of, when asked for.
    pub manifest: Option<String>,
}

/// The files' fingerprints, one at a time: what was found before a file
/// that fails is still shown. Files of one content folder, as
/// `documents/*.md` gives them, share one load of it.
pub struct Fingerprints<'f> {
    files: std::slice::Iter<'f, PathBuf>,
    show_manifest: bool,
    today: Date,
    loaded: Option<(PathBuf, Project)>,
}

pub fn fingerprint(files: &[PathBuf], show_manifest: bool, today: Date) -> Fingerprints<'_> {
    Fingerprints { files: files.iter(), show_manifest, today, loaded: None }
}

impl Iterator for Fingerprints<'_> {
    type Item = Result<FileFingerprint>;

    fn next(&mut self) -> Option<Result<FileFingerprint>> {
        let file = self.files.next()?;
        Some(self.one(file))
    }
}

impl Fingerprints<'_> {
    fn one(&mut self, file: &Path) -> Result<FileFingerprint> {
        let shown = file.display();
        let real = file
            .canonicalize()
            .map_err(|e| Error::Usage(format!("cannot read {shown}: {e}; give the path of a document file")))?;
        let dir = content_folder(&real).ok_or_else(|| {
            Error::Usage(format!(
                "{shown} is not inside a content folder (a folder holding site.yaml and documents/): give a document file of one"
            ))
        })?;
        if self.loaded.as_ref().is_none_or(|(d, _)| *d != dir) {
            let project = Project::load(&dir, self.today).map_err(|e| Error::Unreadable(Box::new(e)))?;
            self.loaded = Some((dir.clone(), project));
        }
        let project = &self.loaded.as_ref().expect("loaded above").1;
        let rel = real.strip_prefix(&dir).unwrap_or(&real);
        let lib = &project.lib;
        let Some(doc) = lib.docs().iter().find(|d| d.file.path == rel) else {
            return Err(Error::Usage(format!(
                "{shown} is not a document of {}: documents are the .md files under documents/",
                dir.display()
            )));
        };
        // A file that could be read two ways has no one fingerprint.
        let unreadable = project
            .diags
            .iter()
            .filter(|d| d.file.as_deref() == Some(doc.file.display.as_str()))
            .find(|d| d.severity == Severity::Error && matches!(d.code, Code::S001 | Code::S006 | Code::S008));
        if let Some(d) = unreadable {
            let finding = d.clone().in_file(&doc.file.display);
            return Err(one_finding(Stop::NoFingerprint, finding));
        }
        Ok(FileFingerprint {
            fingerprint: Recorded::new(lib.fingerprint(doc, Format::WithFiles)),
            file: file.to_path_buf(),
            manifest: self.show_manifest.then(|| manifest(&doc.fingerprint, &lib.files_used(doc))),
        })
    }
}

/// The nearest folder above `file` that holds `site.yaml` and `documents/`.
fn content_folder(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|d| d.join("site.yaml").is_file() && d.join("documents").is_dir())
        .map(Path::to_path_buf)
}
