//! PDFs through poppler's `pdftotext -layout`, run as a process (as typst is
//! for making PDFs): the layout mode keeps table columns as columns of
//! whitespace and pages apart with form feeds, which `layout` reads.

use std::path::Path;
use std::process::Command;

/// The text of a PDF, laid out as printed.
pub fn text(path: &Path) -> Result<String, String> {
    let out = Command::new("pdftotext").arg("-layout").arg("-enc").arg("UTF-8").arg(path).arg("-").output().map_err(|e| {
        match e.kind() {
            std::io::ErrorKind::NotFound => {
                "importing a PDF needs pdftotext (poppler-utils): install it (Debian/Ubuntu: apt-get install poppler-utils; Windows: the poppler binaries on PATH), or save the PDF's text as a .txt and import that".to_string()
            }
            _ => format!("pdftotext could not be run: {e}"),
        }
    })?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        return Err(format!("pdftotext could not read it: {}", msg.lines().next().unwrap_or("no reason given")));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
