//! PDFs through poppler's `pdftotext -layout`, run as a process (as typst is
//! for making PDFs): the layout mode keeps table columns as columns of
//! whitespace and pages apart with form feeds, which `layout` reads.

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

/// The most text pdftotext may give for one PDF: as much as a document
/// file may hold (`load::MAX_DOCUMENT_BYTES`). A small PDF can make far
/// more (a page drawn ten thousand times), which would otherwise all be
/// held in memory and then laid out.
pub const MAX_TEXT: u64 = crate::load::MAX_DOCUMENT_BYTES;

/// What is kept of pdftotext's complaints: the first line is shown.
const MAX_COMPLAINT: u64 = 64 * 1024;

/// The text of a PDF, laid out as printed.
pub fn text(path: &Path) -> Result<String> {
    let mut child = Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::Import(match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "importing a PDF needs pdftotext (poppler-utils): install it (Debian/Ubuntu: apt-get install poppler-utils; Windows: the poppler binaries on PATH), or save the PDF's text as a .txt and import that".to_string()
                }
                _ => format!("pdftotext could not be run: {e}"),
            })
        })?;
    let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(Error::Import("pdftotext could not be run: its output could not be read".into()));
    };
    // Read apart from the text, or a child that fills the pipe of its
    // complaints would wait for ever for us to read them.
    let complaints = std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut stderr = stderr;
        let _ = stderr.by_ref().take(MAX_COMPLAINT).read_to_end(&mut kept);
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        kept
    });
    let mut text = Vec::new();
    let read = stdout.take(MAX_TEXT + 1).read_to_end(&mut text);
    if read.is_err() || text.len() as u64 > MAX_TEXT {
        // Closing its stdout stops only a child that minds SIGPIPE.
        let _ = child.kill();
        let _ = child.wait();
        let _ = complaints.join();
        return Err(Error::Import(match read {
            Err(e) => format!("pdftotext's text could not be read: {e}"),
            Ok(_) => format!(
                "pdftotext gives more than {} MiB of text for it, more than any procedural document holds, so it was stopped: check that this is the document you meant; one that really is that long must be split into its documents and each imported on its own",
                MAX_TEXT >> 20
            ),
        }));
    }
    let status = child.wait().map_err(|e| Error::Import(format!("pdftotext could not be run: {e}")))?;
    let complaints = complaints.join().unwrap_or_default();
    if !status.success() {
        let msg = String::from_utf8_lossy(&complaints);
        return Err(Error::Import(format!(
            "pdftotext could not read it: {}",
            msg.lines().next().unwrap_or("no reason given")
        )));
    }
    Ok(String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
