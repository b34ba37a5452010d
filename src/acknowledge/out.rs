//! Where the report may be written: never inside the content folder nor
//! inside a trustdocs build's output, so that staff data cannot be
//! published with the site; judged on the real path (links, `.` and `..`
//! resolved) before anything is read. The file is written whole or not at
//! all: a temporary file beside it, renamed over it.

use crate::error::{Error, Result};
use crate::output::guard::{canonical, is_marked};
use std::path::Path;

/// `Err` (refused) when `out` lies in the content folder `content`, in a
/// folder a build made, is a folder, or is one of the `inputs`.
pub fn check(out: &Path, content: &Path, inputs: &[&Path]) -> Result<()> {
    let refuse = |why: String| {
        Err(Error::Refused(format!(
            "refusing to write the report to {}: {why}.\n  the report names staff; write it outside the content folder and outside any site, e.g. --out ~/reports/acknowledgements.csv",
            out.display()
        )))
    };
    let target = canonical(out).map_err(Error::io("resolve --out", out))?;
    let content = canonical(content).map_err(Error::io("read content folder", content))?;
    if target.starts_with(&content) {
        return refuse("it is inside the content folder, which is published".into());
    }
    if let Some(site) = target.ancestors().skip(1).find(|a| is_marked(a)) {
        return refuse(format!("it is inside {}, the output of a trustdocs build", site.display()));
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::Usage(format!(
            "--out {}: the folder {} does not exist; create it first, or name a file in a folder that exists",
            out.display(),
            parent.display()
        )));
    }
    if target.is_dir() {
        return refuse("it is a folder; name a file".into());
    }
    let same = |input: &&&Path| canonical(input).is_ok_and(|i| i == target);
    if let Some(input) = inputs.iter().find(same) {
        return refuse(format!("it is {}, one of the files the report is made from", input.display()));
    }
    Ok(())
}

/// Writes `text` to `out` through a temporary file in the same folder,
/// replacing a file already there (a report the user asked for again).
pub fn write(out: &Path, text: &str) -> Result<()> {
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::write(&temporary, text).and_then(|()| std::fs::rename(&temporary, out));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(Error::io("write", out))
}
