//! The one error type: what failed, with its source kept. Problems in the
//! content are diagnostics (`diag`), never errors: an error means a command
//! could not do its work. The command line decides each error's exit status
//! by where it happened (`src/cli/exit.rs`), and prints it with `Display`.
//! Value parsers (`Date::parse`, `Version::parse`) are not commands: their
//! `Err` is [`Error::Invalid`], whose message becomes the message of the
//! diagnostic that reports the value.

use crate::diag::Diagnostic;
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The command was given something it cannot use: an option, or a
    /// folder that is not one.
    Usage(String),
    /// A command would not do something unsafe: replace a folder that a
    /// build did not make, or build into the content folder.
    Refused(String),
    /// Another trustdocs command held the content folder for longer than
    /// a command waits for it (`output::folder_lock`).
    Busy(String),
    /// A file or folder could not be read or written.
    Io { doing: &'static str, path: PathBuf, source: std::io::Error },
    /// A template of the theme could not be loaded or rendered: `file` names
    /// the theme file (built-in or the content folder's), `line` the line.
    Template { file: String, line: Option<usize>, source: minijinja::Error },
    /// The theme is unusable: a file that is not UTF-8, a missing one.
    Theme(String),
    /// The typst CLI is missing, or could not make a PDF (its own message
    /// included).
    Typst(String),
    /// A document's PDF could not be made: which document, and why.
    Pdf { document: String, source: Box<Error> },
    /// The search index could not be built, opened, read or exported.
    Search { doing: String, source: tantivy::TantivyError },
    /// `serve` cannot watch the content folder.
    Watch { path: PathBuf, source: notify::Error },
    /// `serve` cannot listen on its port.
    Listen { port: u16, source: std::io::Error },
    /// The content cannot be built at all; its diagnostics say why.
    Content(String),
    /// A value that does not parse (a date, a version, a line of the lock
    /// or of the retention log): the message says what is wrong and how to
    /// write it, and becomes the message of the diagnostic that reports it.
    Invalid(String),
    /// A front matter the governance commands cannot edit in place (not
    /// closed, not one key per line, a list that is not one): the message
    /// says why, and how to write it where it can.
    Uneditable(String),
    /// An input of `import` cannot be made into a document: not a kind it
    /// reads, damaged, too large, without text. The message says why and
    /// what to do; the report names the input before it.
    Import(String),
    /// The input a command was given (its content folder, a document file)
    /// could not be read, however that failed: bad input, which the source
    /// names, rather than a refusal of what was read.
    Unreadable(Box<Error>),
    /// Findings that stop a command, kept as diagnostics so that the command
    /// line shows them as `check` does; nothing was written.
    Findings(Box<Findings>),
}

/// The diagnostics that stop a command, and which stop it is.
#[derive(Debug)]
pub struct Findings {
    pub stop: Stop,
    pub diagnostics: Vec<Diagnostic>,
    /// The text of the files the diagnostics point into, by display path,
    /// so that their lines can be shown.
    pub sources: HashMap<String, String>,
}

/// Why findings stop a command: each says what is refused and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// `ratify`: the lock, `retention.log` or the settings have errors, and a
    /// ratification must be added to a sound record.
    UnsoundRecord,
    /// `ratify`: the version put to ratify would have these errors once
    /// ratified. `dir` is the content folder as shown.
    Ratification { id: String, version: String, dir: String },
    /// A file a command would edit could be read two ways (S008): its one
    /// finding. Edits count lines as the fingerprint does.
    TwoReadings,
    /// `fingerprint`: the file cannot be read one way only (its one finding),
    /// so it has no fingerprint.
    NoFingerprint,
}

impl Findings {
    /// The one finding a stop about a single file is about.
    pub fn first(&self) -> Option<&Diagnostic> {
        self.diagnostics.first()
    }

    /// Whether the findings are one file's reading, shown on one line
    /// (`error[S008]: file:line:column: ...`) rather than as `check` shows them.
    pub fn is_one_file(&self) -> bool {
        matches!(self.stop, Stop::TwoReadings | Stop::NoFingerprint)
    }
}

impl fmt::Display for Findings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        let s = if n == 1 { "" } else { "s" };
        match &self.stop {
            Stop::UnsoundRecord => write!(
                f,
                "refusing to ratify while the lock, retention.log or the settings have {n} error{s}: fix {} first\n  nothing was written",
                if n == 1 { "it" } else { "them" }
            ),
            Stop::Ratification { id, version, dir } => {
                let mut files: Vec<&str> = self.diagnostics.iter().filter_map(|d| d.file.as_deref()).collect();
                files.dedup();
                let (verb, s) = if n == 1 { ("blocks", "") } else { ("block", "s") };
                write!(
                    f,
                    "refusing to ratify {id} version {version}: {n} finding{s} in {} {verb} ratification and must be fixed first\n  nothing was written; `trustdocs check {dir} {id}` and `trustdocs pack {id} {dir}` show the same findings",
                    files.join(" and ")
                )
            }
            Stop::TwoReadings => one_file(f, self.first(), "nothing was written"),
            Stop::NoFingerprint => {
                one_file(f, self.first(), "a file that cannot be read one way only has no fingerprint")
            }
        }
    }
}

/// `file:line:column: message`, its help, and what that means for the command.
fn one_file(f: &mut fmt::Formatter<'_>, d: Option<&Diagnostic>, then: &str) -> fmt::Result {
    if let Some(d) = d {
        let file = d.file.as_deref().unwrap_or_default();
        writeln!(f, "{file}:{}:{}: {}", d.line, d.column, d.message)?;
        writeln!(f, "  {}", d.help.as_deref().unwrap_or_default())?;
    }
    write!(f, "  {then}")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A failed read or write of `path`: "cannot {doing} {path}: {source}".
    pub fn io(doing: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { doing, path, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m)
            | Error::Refused(m)
            | Error::Busy(m)
            | Error::Theme(m)
            | Error::Typst(m)
            | Error::Content(m)
            | Error::Invalid(m)
            | Error::Uneditable(m)
            | Error::Import(m) => f.write_str(m),
            Error::Io { doing, path, source } => write!(f, "cannot {doing} {}: {source}", path.display()),
            Error::Template { file, line, source } => {
                write!(f, "template error in {file}")?;
                if let Some(line) = line {
                    write!(f, ", line {line}")?;
                }
                write!(f, ": {}", source.kind())?;
                match source.detail() {
                    Some(detail) => write!(f, ": {detail}"),
                    None => Ok(()),
                }
            }
            Error::Pdf { document, source } => write!(f, "PDF of {document}: {source}"),
            Error::Search { doing, source } => write!(f, "cannot {doing}: {source}"),
            Error::Watch { path, source } => write!(f, "cannot watch {}: {source}", path.display()),
            Error::Listen { port, source } => {
                write!(f, "cannot listen on 127.0.0.1:{port}: {source}; choose another with --port")
            }
            Error::Unreadable(source) => source.fmt(f),
            Error::Findings(findings) => findings.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Listen { source, .. } => Some(source),
            Error::Template { source, .. } => Some(source),
            Error::Pdf { source, .. } => Some(source.as_ref()),
            Error::Search { source, .. } => Some(source),
            Error::Watch { source, .. } => Some(source),
            Error::Unreadable(source) => source.source(),
            Error::Usage(_)
            | Error::Refused(_)
            | Error::Busy(_)
            | Error::Theme(_)
            | Error::Typst(_)
            | Error::Content(_)
            | Error::Invalid(_)
            | Error::Uneditable(_)
            | Error::Import(_)
            | Error::Findings(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Error;
    use std::error::Error as _;

    #[test]
    fn io_errors_name_the_path_and_keep_their_source() {
        let e = Error::io("write", "out/index.html")(std::io::Error::other("disk full"));
        assert_eq!(e.to_string(), "cannot write out/index.html: disk full");
        assert_eq!(e.source().map(|s| s.to_string()).as_deref(), Some("disk full"));
        let pdf = Error::Pdf { document: "POL/001 version 1".into(), source: Box::new(e) };
        assert_eq!(pdf.to_string(), "PDF of POL/001 version 1: cannot write out/index.html: disk full");
        assert!(pdf.source().is_some());
    }
}
