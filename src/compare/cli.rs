//! `trustdocs diff` and `trustdocs pack`: which two versions, and what to
//! print or make of their comparison.

use super::{compare, terminal, Comparison, Names};
use crate::model::{Date, DocId, Document, Status, Version};
use crate::resolve::Library;
use std::path::{Path, PathBuf};

/// Why a command did nothing.
pub enum CliError {
    /// A wrong id, version or folder: exit status 2.
    Usage(String),
    /// The command refuses (nothing to compare, no version in preparation): exit status 1.
    Refused(String),
}

/// `ID [FROM [TO]] [DIR]`: the words after the id that read as versions
/// are versions; a last word that does not is the content folder.
pub fn split_args(rest: &[String]) -> Result<(Vec<Version>, PathBuf), CliError> {
    let mut versions = Vec::new();
    let mut dir = None;
    for (i, arg) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        match Version::parse(arg.trim_start_matches(['v', 'V'])) {
            Ok(v) if versions.len() < 2 && !(last && i == 2) => versions.push(v),
            _ if last => dir = Some(PathBuf::from(arg)),
            _ => {
                return Err(CliError::Usage(format!(
                    "`{arg}` is not a version: write `trustdocs diff ID [FROM [TO]] [DIR]`, versions as numbers such as 3 or 2.1"
                )))
            }
        }
    }
    Ok((versions, dir.unwrap_or_else(|| PathBuf::from("content"))))
}

fn library(dir: &Path) -> Result<Library, CliError> {
    let content = crate::load::load(dir).map_err(CliError::Usage)?;
    if content.config_fatal {
        return Err(CliError::Refused(format!(
            "{}/site.yaml is missing or unusable: run `trustdocs check {}` for why",
            dir.display(),
            dir.display()
        )));
    }
    Ok(Library::new(content))
}

/// The document an id names, with a suggestion when it names none.
fn versions_of<'l>(lib: &'l Library, id: &DocId) -> Result<&'l crate::resolve::Versions, CliError> {
    lib.by_id.get(id).ok_or_else(|| {
        let ids: Vec<&str> = lib.by_id.keys().map(DocId::as_str).collect();
        let hint = crate::text::closest(id.as_str(), ids).map(|c| format!(" (did you mean {c}?)")).unwrap_or_default();
        CliError::Usage(format!("no document in {} has the id {id}{hint}", lib.dir.display()))
    })
}

fn version_list(lib: &Library, v: &crate::resolve::Versions) -> String {
    v.all.iter().filter_map(|&i| lib.docs[i].version()).map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
}

/// The highest ratified version: the one in force.
fn in_force(lib: &Library, v: &crate::resolve::Versions) -> Option<usize> {
    v.all.iter().rev().copied().find(|&i| lib.docs[i].status() == Some(Status::Ratified))
}

/// Which two versions `diff` compares (governance.md): the version in
/// preparation against the current one; else the current one against the
/// version before it. `FROM` alone is compared with that same default
/// newer version.
pub fn choose(lib: &Library, id: &DocId, asked: &[Version]) -> Result<(usize, usize), CliError> {
    let v = versions_of(lib, id)?;
    let find = |want: &Version| {
        v.all.iter().copied().find(|&i| lib.docs[i].version() == Some(want)).ok_or_else(|| {
            CliError::Usage(format!("{id} has no version {want}; its versions are {}", version_list(lib, v)))
        })
    };
    let newest = v.preparing.or_else(|| in_force(lib, v)).or_else(|| v.all.last().copied());
    let newer = match asked.get(1) {
        Some(to) => find(to)?,
        None => newest.ok_or_else(|| CliError::Refused(format!("{id} has no versions")))?,
    };
    let older = match asked.first() {
        Some(from) => find(from)?,
        None if v.preparing == Some(newer) => in_force(lib, v).unwrap_or(newer),
        None => {
            let at = v.all.iter().position(|&i| i == newer).unwrap_or(0);
            v.all[..at].last().copied().unwrap_or(newer)
        }
    };
    if older == newer {
        let this = lib.docs[newer].version().map_or("?".to_string(), |v| v.to_string());
        return Err(CliError::Refused(match v.all.len() {
            1 => format!("{id} has one version only ({this}): there is nothing to compare it with"),
            _ => format!(
                "both versions are {this}: name two different versions of {id} (it has {})",
                version_list(lib, v)
            ),
        }));
    }
    Ok((older, newer))
}

/// Related titles and role names as the intranet shows them.
fn compare_in(lib: &Library, old: &Document, new: &Document) -> Comparison {
    let related = |id: &DocId| {
        Some(lib.target(id).map_or_else(|| "(not in this library)".to_string(), |d| d.title().to_string()))
    };
    let role = |r: &str| lib.config.role(r).map(|r| r.title.clone());
    compare(old, new, &Names { related: &related, role: &role })
}

/// `trustdocs diff`: the text to print.
pub fn diff(dir: &Path, id: &str, versions: &[Version], json: bool, color: bool) -> Result<String, CliError> {
    let lib = library(dir)?;
    let (old, new) = choose(&lib, &DocId::new(id), versions)?;
    let c = compare_in(&lib, &lib.docs[old], &lib.docs[new]);
    Ok(match json {
        true => serde_json::to_string_pretty(&c).expect("a comparison serialises") + "\n",
        false => terminal::render(&c, color),
    })
}

/// What `pack` needs beyond the id.
pub struct PackOptions {
    pub dir: PathBuf,
    pub id: String,
    pub out: Option<PathBuf>,
    pub today: Date,
}

/// A file `pack` made says so in its keywords; only such a file is replaced.
pub const PACK_MARK: &str = "trustdocs-committee-paper";

/// `trustdocs pack`: makes the committee's paper and returns where.
pub fn pack(opts: &PackOptions) -> Result<PathBuf, CliError> {
    let checked = crate::check(&opts.dir, opts.today).map_err(CliError::Usage)?;
    if checked.config_fatal {
        return Err(CliError::Refused(format!("{}/site.yaml is missing or unusable", opts.dir.display())));
    }
    let lib = &checked.lib;
    let id = DocId::new(&opts.id);
    let v = versions_of(lib, &id)?;
    let current = in_force(lib, v);
    let Some(proposed) = v.preparing else {
        let now = current.and_then(|c| lib.docs[c].version()).map_or("none".to_string(), |v| v.to_string());
        return Err(CliError::Refused(format!(
            "{id} has no version in preparation (a draft or consultation version numbered above the current version, {now}), so there is nothing for a committee to ratify.\n  start one with `trustdocs new-version {id}`, or compare versions on record with `trustdocs diff {id}`"
        )));
    };
    let Some(current) = current else {
        return Err(CliError::Refused(format!(
            "{id} has no ratified version to compare version {} with; a committee paper shows the changes against the current version",
            lib.docs[proposed].version().map_or("?".to_string(), |v| v.to_string())
        )));
    };
    let doc = &lib.docs[proposed];
    let target = opts.out.clone().unwrap_or_else(|| {
        let v = doc.version().map_or("0".to_string(), |v| v.to_string());
        PathBuf::from(format!("{}-v{v}-committee-paper.pdf", id.slug()))
    });
    refuse_to_overwrite(&target)?;
    let theme = crate::theme::Theme::load(&opts.dir).map_err(CliError::Refused)?;
    let typst = crate::render::pdf::Typst::find().map_err(CliError::Refused)?;
    let render_opts = crate::render::RenderOptions { drafts: true, today: opts.today, pdf: false, public: false };
    let site = crate::render::Site::plan(lib, &render_opts);
    let page = crate::render::changes::ChangesPage { from: current, to: proposed, url: String::new() };
    let findings: Vec<&crate::diag::Diagnostic> =
        checked.diags.iter().filter(|d| d.file.as_deref() == Some(doc.file.display.as_str())).collect();
    let job = crate::render::redline::pack_job(&site, &page, &findings);
    let partial = target.with_file_name(format!(
        ".{}.{}.partial.pdf",
        target.file_name().map_or("pack.pdf".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    let made = crate::render::pdf::make_one(&site, &theme, &typst, &job, &partial).map_err(CliError::Refused);
    let made = made.and_then(|()| {
        std::fs::rename(&partial, &target)
            .map_err(|e| CliError::Refused(format!("cannot write {}: {e}", target.display())))
    });
    if made.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    made.map(|()| target)
}

/// A file already at `target` is replaced only when `pack` made it.
fn refuse_to_overwrite(target: &Path) -> Result<(), CliError> {
    if target.is_dir() {
        return Err(CliError::Usage(format!(
            "{} is a folder: give --out a file name ending in .pdf",
            target.display()
        )));
    }
    let folder = target.parent().filter(|p| !p.as_os_str().is_empty());
    if folder.is_some_and(|f| !f.is_dir()) {
        return Err(CliError::Usage(format!(
            "the folder of {} does not exist: create it first, or give --out another place",
            target.display()
        )));
    }
    match std::fs::read(target) {
        Err(_) => Ok(()),
        Ok(bytes) if bytes.windows(PACK_MARK.len()).any(|w| w == PACK_MARK.as_bytes()) => Ok(()),
        Ok(_) => Err(CliError::Refused(format!(
            "{} exists and is not a committee paper trustdocs made; give another --out, or move that file away",
            target.display()
        ))),
    }
}
