//! `trustdocs fingerprint FILE...`: a document file's fingerprint as
//! `ratify` would record it now, so that anyone can check a copy against
//! the lock. The library is read through the one pipeline, so the value is
//! the one the checks compare with.

use super::{line, Outcome, Step};
use crate::diag::{Code, Severity};
use crate::lock::{Format, Recorded};
use crate::model::fingerprint::manifest;
use crate::Project;
use std::path::{Path, PathBuf};

pub fn fingerprint(files: &[PathBuf], show_manifest: bool) -> Outcome {
    let mut out = String::new();
    // Files of one content folder, as `documents/*.md` gives them, share one load.
    let mut loaded: Option<(PathBuf, Project)> = None;
    for file in files {
        if let Err(refusal) = one(file, show_manifest, &mut loaded, &mut out) {
            return Outcome { out, ..refusal };
        }
    }
    Outcome::done(out)
}

fn one(file: &Path, show_manifest: bool, loaded: &mut Option<(PathBuf, Project)>, out: &mut String) -> Step<()> {
    let shown = crate::text::for_terminal(&file.display().to_string()).into_owned();
    let real = file
        .canonicalize()
        .map_err(|e| Outcome::usage(format!("error: cannot read {shown}: {e}; give the path of a document file")))?;
    let dir = content_folder(&real).ok_or_else(|| {
        Outcome::usage(format!(
            "error: {shown} is not inside a content folder (a folder holding site.yaml and documents/): give a document file of one"
        ))
    })?;
    if loaded.as_ref().is_none_or(|(d, _)| *d != dir) {
        let project = Project::load(&dir).map_err(|e| Outcome::usage(format!("error: {e}")))?;
        *loaded = Some((dir.clone(), project));
    }
    let project = &loaded.as_ref().expect("loaded above").1;
    let rel = real.strip_prefix(&dir).unwrap_or(&real);
    let lib = &project.lib;
    let Some(doc) = lib.docs().iter().find(|d| d.file.path == rel) else {
        return Err(Outcome::usage(format!(
            "error: {shown} is not a document of {}: documents are the .md files under documents/",
            dir.display()
        )));
    };
    // A file that could be read two ways has no one fingerprint.
    let unreadable: Vec<&crate::diag::Diagnostic> = project
        .diags
        .iter()
        .filter(|d| d.file.as_deref() == Some(doc.file.display.as_str()))
        .filter(|d| d.severity == Severity::Error && matches!(d.code, Code::S001 | Code::S006 | Code::S008))
        .collect();
    if let Some(d) = unreadable.first() {
        return Err(Outcome::refused(
            crate::text::for_terminal(&format!(
                "error[{}]: {}:{}:{}: {}\n  {}\n  a file that cannot be read one way only has no fingerprint",
                d.code.as_str(),
                doc.file.display,
                d.line,
                d.column,
                d.message,
                d.help.as_deref().unwrap_or("")
            ))
            .into_owned(),
        ));
    }
    let recorded = Recorded::new(lib.fingerprint(doc, Format::WithFiles));
    line(out, format!("{recorded}  {}", file.display()));
    if show_manifest {
        out.push_str(&crate::text::for_terminal(&manifest(&doc.fingerprint, &lib.files_used(doc))));
    }
    Ok(())
}

/// The nearest folder above `file` that holds `site.yaml` and `documents/`.
fn content_folder(file: &Path) -> Option<PathBuf> {
    file.ancestors()
        .skip(1)
        .find(|d| d.join("site.yaml").is_file() && d.join("documents").is_dir())
        .map(Path::to_path_buf)
}
