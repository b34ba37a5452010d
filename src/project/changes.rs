//! `trustdocs diff` and `trustdocs pack` on the pipeline: which two versions
//! are compared, and the committee's paper made of their comparison.

use super::{Checked, Project};
use crate::compare::{compare_versions, Comparison, Names};
use crate::error::{Error, Result};
use crate::model::{DocId, Version};
use crate::output::replace::{self, Existing, Folder, NewFile};
use crate::publish::{ChangesPage, Publication, PublishOptions};
use crate::render::pdf::{self, Typst};
use crate::resolve::{DocIndex, Library, Versions};
use crate::theme::Theme;
use std::path::{Path, PathBuf};

/// A file `pack` made says so in its keywords; only such a file is replaced.
const PACK_MARK: &str = "trustdocs-committee-paper";

impl Project {
    /// `trustdocs diff`: versions `asked` (`[FROM [TO]]`) of `id` compared,
    /// related titles and role names as the intranet shows them.
    /// The facts show review states as of the library's day.
    pub fn diff(&self, id: &str, asked: &[Version]) -> Result<Comparison> {
        let lib = &self.lib;
        if self.config_fatal {
            let dir = lib.dir.display();
            return Err(Error::Refused(format!(
                "{dir}/site.yaml is missing or unusable: run `trustdocs check {dir}` for why"
            )));
        }
        let (old, new) = choose(lib, &DocId::new(id), asked)?;
        let related = |id: &DocId| {
            Some(lib.target(id).map_or_else(|| "(not in this library)".to_string(), |d| d.title().to_string()))
        };
        let role = |r: &str| lib.config.role(r).map(|r| r.title.clone());
        let opts = PublishOptions { drafts: true, pdf: false, public: false };
        let site = Publication::plan(lib, &opts);
        Ok(compare_versions(&site, lib.doc(old), lib.doc(new), &Names { related: &related, role: &role }))
    }
}

impl Checked {
    /// `trustdocs pack`: the committee's paper for the version of `id` in
    /// preparation, at `out` (default: `<slug>-v<version>-committee-paper.pdf`
    /// here); returns where it went.
    pub fn pack(&self, id: &str, out: Option<PathBuf>) -> Result<PathBuf> {
        let lib = &self.lib;
        if self.config_fatal {
            return Err(Error::Refused(format!("{}/site.yaml is missing or unusable", lib.dir.display())));
        }
        let id = DocId::new(id);
        let (current, proposed) = pack_versions(lib, &id)?;
        let doc = lib.doc(proposed);
        let target = out.unwrap_or_else(|| {
            let v = doc.version().map_or("0".to_string(), |v| v.to_string());
            PathBuf::from(format!("{}-v{v}-committee-paper.pdf", id.slug()))
        });
        refuse_to_overwrite(&target)?;
        let theme = Theme::load(&lib.dir)?;
        let typst = Typst::find()?;
        let opts = PublishOptions { drafts: true, pdf: false, public: false };
        let site = Publication::plan(lib, &opts);
        // The paper goes where `out` says, not to a page of the site.
        let page = ChangesPage { from: current, to: proposed, url: String::new(), pdf: String::new() };
        let findings: Vec<_> =
            self.diags.iter().filter(|d| d.file.as_deref() == Some(doc.file.display.as_str())).collect();
        let job = crate::render::pack::job(&site, &page, &findings);
        let name = target.file_name().map_or("pack.pdf".into(), |n| n.to_string_lossy());
        let beside = |what: &str| target.with_file_name(format!(".{name}.{}.{what}", std::process::id()));
        let partial = beside("partial.pdf");
        let made = pdf::make_one(&site, &theme, &typst, &job, beside("work"), &partial)
            .and_then(|()| std::fs::read(&partial).map_err(Error::io("read", &partial)));
        let _ = std::fs::remove_file(&partial);
        let paper = NewFile { path: target.clone(), bytes: made? };
        let folder = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let existing = Existing::Ours { ours: &is_committee_paper, refusal: &not_a_committee_paper };
        replace::write_all(Folder::Other(folder), "pack", existing, &[paper])?;
        Ok(target)
    }
}

/// The document an id names, with a suggestion when it names none.
fn versions_of<'l>(lib: &'l Library, id: &DocId) -> Result<&'l Versions> {
    lib.versions_named(id.as_str()).map(|(_, v)| v).map_err(Error::Usage)
}

fn version_list(lib: &Library, v: &Versions) -> String {
    v.all.iter().filter_map(|&i| lib.doc(i).version()).map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
}

fn version_of(lib: &Library, i: DocIndex) -> String {
    lib.doc(i).version().map_or("?".to_string(), |v| v.to_string())
}

/// Which two versions `diff` compares (governance.md): the version in
/// preparation against the current one; else the current one against the
/// version before it. `FROM` alone is compared with that same default
/// newer version.
fn choose(lib: &Library, id: &DocId, asked: &[Version]) -> Result<(DocIndex, DocIndex)> {
    let v = versions_of(lib, id)?;
    let find = |want: &Version| {
        v.all.iter().copied().find(|&i| lib.doc(i).version() == Some(want)).ok_or_else(|| {
            Error::Usage(format!("{id} has no version {want}; its versions are {}", version_list(lib, v)))
        })
    };
    let newest = v.preparing.or(v.decided).or_else(|| v.all.last().copied());
    let newer = match asked.get(1) {
        Some(to) => find(to)?,
        None => newest.ok_or_else(|| Error::Refused(format!("{id} has no versions")))?,
    };
    let older = match asked.first() {
        Some(from) => find(from)?,
        None if v.preparing == Some(newer) => v.decided.unwrap_or(newer),
        None => {
            let at = v.all.iter().position(|&i| i == newer).unwrap_or(0);
            v.all[..at].last().copied().unwrap_or(newer)
        }
    };
    if older == newer {
        let this = version_of(lib, newer);
        return Err(Error::Refused(match v.all.len() {
            1 => format!("{id} has one version only ({this}): there is nothing to compare it with"),
            _ => format!(
                "both versions are {this}: name two different versions of {id} (it has {})",
                version_list(lib, v)
            ),
        }));
    }
    Ok((older, newer))
}

/// The latest ratified version and the one in preparation, which `pack` compares.
fn pack_versions(lib: &Library, id: &DocId) -> Result<(DocIndex, DocIndex)> {
    let v = versions_of(lib, id)?;
    let current = v.decided;
    let Some(proposed) = v.preparing else {
        let now = current.map_or("none".to_string(), |c| version_of(lib, c));
        return Err(Error::Refused(format!(
            "{id} has no version in preparation (a draft or consultation version numbered above the current version, {now}), so there is nothing for a committee to ratify.\n  start one with `trustdocs new-version {id}`, or compare versions on record with `trustdocs diff {id}`"
        )));
    };
    let Some(current) = current else {
        return Err(Error::Refused(format!(
            "{id} has no ratified version to compare version {} with; a committee paper shows the changes against the current version",
            version_of(lib, proposed)
        )));
    };
    Ok((current, proposed))
}

/// A file already at `target` is replaced only when `pack` made it.
fn refuse_to_overwrite(target: &Path) -> Result<()> {
    if target.is_dir() {
        return Err(Error::Usage(format!("{} is a folder: give --out a file name ending in .pdf", target.display())));
    }
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty());
    if folder.is_some_and(|f| !f.is_dir()) {
        return Err(Error::Usage(format!(
            "the folder of {} does not exist: create it first, or give --out another place",
            target.display()
        )));
    }
    match std::fs::read(target) {
        Err(_) => Ok(()),
        Ok(bytes) if is_committee_paper(&bytes) => Ok(()),
        Ok(_) => Err(not_a_committee_paper(target)),
    }
}

fn is_committee_paper(bytes: &[u8]) -> bool {
    bytes.windows(PACK_MARK.len()).any(|w| w == PACK_MARK.as_bytes())
}

fn not_a_committee_paper(target: &Path) -> Error {
    Error::Refused(format!(
        "{} exists and is not a committee paper trustdocs made; give another --out, or move that file away",
        target.display()
    ))
}
