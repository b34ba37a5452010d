//! The one error type: what failed, with its source kept. Problems in the
//! content are diagnostics (`diag`), never errors: an error means a command
//! could not do its work. The command line decides each error's exit status
//! by where it happened (see `main.rs`), and prints it with `Display`.
//! Value parsers (`Date::parse`, `Version::parse`) are not commands: their
//! `Err` is [`Error::Invalid`], whose message becomes the message of the
//! diagnostic that reports the value.

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
            Error::Usage(_)
            | Error::Refused(_)
            | Error::Busy(_)
            | Error::Theme(_)
            | Error::Typst(_)
            | Error::Content(_)
            | Error::Invalid(_)
            | Error::Uneditable(_)
            | Error::Import(_) => None,
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
