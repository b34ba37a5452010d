//! `ratified.lock`: proof of what each committee ratified. One line per
//! ratified version, sorted by id and version, so that it diffs well:
//!
//! ```text
//! CORP/STRAT/003 3 2017-12-20 5f1c…e9a0 Procedural Document and Information Leaflet Group
//! ```
//!
//! id, version, ratification date, the SHA-256 fingerprint of what was
//! ratified (`src/model/fingerprint.rs`; `v2:` before it for format 2, none
//! for format 1), and the committee (the rest of the line). Lines starting
//! with `#` are comments. An entry is never changed once written: `ratify`
//! and `lock` only add lines, leaving every other byte as it was.

pub mod retention;

pub use crate::model::fingerprint::{normalised, Fingerprint};

use crate::diag::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::model::{Date, DocId, Pos, Version};
use std::path::Path;

/// The lock file's name inside the content folder.
pub const FILE: &str = "ratified.lock";

const HEADER: &str = "\
# ratified.lock: what each committee ratified, one line per version, written
# by `trustdocs ratify` and `trustdocs lock`. An entry is never changed: a
# version whose text no longer matches its fingerprint is reported (H006).
# id  version  ratified  fingerprint (sha256, docs/governance.md)  committee
";

/// How an entry's fingerprint was taken (docs/governance.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Written without a tag: the normalised text alone.
    Text,
    /// Written `v2:`: the text and the images and attachments its body uses.
    WithFiles,
}

/// A fingerprint as an entry records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub format: Format,
    pub digest: Fingerprint,
}

impl Recorded {
    /// How new entries are written.
    pub fn new(digest: Fingerprint) -> Recorded {
        Recorded { format: Format::WithFiles, digest }
    }

    fn parse(field: &str) -> Result<Recorded> {
        let (format, hex) = match field.split_once(':') {
            None => (Format::Text, field),
            Some(("v2", hex)) => (Format::WithFiles, hex),
            Some((tag, _)) => {
                return Err(Error::Invalid(format!(
                    "`{tag}:` is not a fingerprint format this trustdocs knows (a newer one may have written it)"
                )))
            }
        };
        let lower = hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        match Fingerprint::parse_hex(hex).filter(|_| lower) {
            Some(digest) => Ok(Recorded { format, digest }),
            None => Err(Error::Invalid(format!("`{field}` is not a SHA-256 fingerprint (64 hexadecimal digits)"))),
        }
    }
}

impl std::fmt::Display for Recorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.format {
            Format::Text => write!(f, "{}", self.digest),
            Format::WithFiles => write!(f, "v2:{}", self.digest),
        }
    }
}

/// One ratified version's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: DocId,
    pub version: Version,
    pub date: Date,
    pub fingerprint: Recorded,
    pub committee: String,
}

impl Entry {
    /// The entry's line, without its line ending. Whatever a committee's
    /// name holds, the entry stays one line.
    pub fn line(&self) -> String {
        let committee: String = self
            .committee
            .chars()
            .map(|c| if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') { ' ' } else { c })
            .collect();
        let committee = committee.split_whitespace().collect::<Vec<_>>().join(" ");
        format!("{} {} {} {} {committee}", self.id, self.version, self.date.iso(), self.fingerprint)
    }

    fn key(&self) -> (&DocId, &Version) {
        (&self.id, &self.version)
    }
}

/// The lock file as read: its entries, and its text, to which new entries are added.
#[derive(Clone, Debug, Default)]
pub struct Lock {
    /// Whether the content folder has a lock file at all.
    pub exists: bool,
    /// The path shown in diagnostics, e.g. `content/ratified.lock`.
    pub display: String,
    /// Entries with the line each is on.
    entries: Vec<(Entry, u32)>,
    text: String,
}

impl Lock {
    /// Reads `dir/ratified.lock`; a missing file is an empty lock.
    pub fn load(dir: &Path, display_dir: &str) -> (Lock, Vec<Diagnostic>) {
        let display = format!("{display_dir}/{FILE}");
        match read_inside(dir, FILE) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Lock::parse(text, display),
                Err(_) => {
                    let d = Diagnostic::new(Code::S006, "ratified.lock is not UTF-8 text")
                        .in_file(&display)
                        .help("restore it from version control: it is written by trustdocs, never by hand");
                    (Lock { exists: true, display, ..Lock::default() }, vec![d])
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Lock { display, ..Lock::default() }, Vec::new()),
            Err(e) => {
                let d = Diagnostic::new(Code::S006, format!("cannot read ratified.lock: {e}"))
                    .in_file(&display)
                    .help("keep it a file inside the content folder, readable by the user who runs trustdocs");
                (Lock { exists: true, display, ..Lock::default() }, vec![d])
            }
        }
    }

    /// Reads the text of a lock file; each line that is not an entry is S006.
    pub fn parse(text: String, display: String) -> (Lock, Vec<Diagnostic>) {
        let mut entries: Vec<(Entry, u32)> = Vec::new();
        let mut diags = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = n as u32 + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let problem = |message: String| {
                Diagnostic::new(Code::S006, message)
                    .in_file(&display)
                    .at(Pos::new(line_no, 1))
                    .help("restore the line from version control: ratified.lock is written by trustdocs, never by hand")
            };
            match parse_entry(trimmed) {
                Ok(entry) => match entries.iter().find(|(e, _)| e.key() == entry.key()) {
                    Some((_, first)) => diags.push(problem(format!(
                        "{} version {} has a second entry here (the first is on line {first})",
                        entry.id, entry.version
                    ))),
                    None => entries.push((entry, line_no)),
                },
                Err(why) => diags.push(problem(format!("this line of ratified.lock is not an entry: {why}"))),
            }
        }
        (Lock { exists: true, display, entries, text }, diags)
    }

    /// The entry of `id` at `version`.
    pub fn entry(&self, id: &DocId, version: &Version) -> Option<&Entry> {
        self.entries.iter().map(|(e, _)| e).find(|e| &e.id == id && &e.version == version)
    }

    /// The line the entry of `id` at `version` is on.
    pub fn line_of(&self, id: &DocId, version: &Version) -> Option<u32> {
        self.entries.iter().find(|(e, _)| &e.id == id && &e.version == version).map(|&(_, l)| l)
    }

    /// Whether any version of `id` has an entry.
    pub fn has_id(&self, id: &DocId) -> bool {
        self.entries().any(|e| &e.id == id)
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().map(|(e, _)| e)
    }

    /// The file's text with `new` added, in sorted place among the entries;
    /// every other line is kept as it was. A new file starts with a header.
    /// `Err` (`Refused`) names the line of an existing entry for the same
    /// version.
    pub fn with_entries(&self, new: &[Entry]) -> Result<String> {
        let mut text = if self.exists { self.text.clone() } else { HEADER.to_string() };
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push_str(eol);
        }
        let mut lines: Vec<(Option<Entry>, String)> =
            text.split_inclusive('\n').map(|l| (parse_entry(l.trim()).ok(), l.to_string())).collect();
        for entry in new {
            if let Some(line) = self.line_of(&entry.id, &entry.version) {
                return Err(Error::Refused(format!(
                    "ratified.lock already has an entry for {} version {} (line {line}), and an entry is never changed",
                    entry.id, entry.version
                )));
            }
            let after = lines.iter().position(|(e, _)| e.as_ref().is_some_and(|e| e.key() > entry.key()));
            let at =
                after.unwrap_or_else(|| lines.iter().rposition(|(e, _)| e.is_some()).map_or(lines.len(), |i| i + 1));
            lines.insert(at, (Some(entry.clone()), format!("{}{eol}", entry.line())));
        }
        Ok(lines.into_iter().map(|(_, l)| l).collect())
    }
}

/// Reads the file `name` of the content folder `dir`. A symbolic link that
/// leads out of the folder is not followed: a record of what was ratified
/// must be the library's own, not a file anywhere the link points.
pub fn read_inside(dir: &Path, name: &str) -> std::io::Result<Vec<u8>> {
    let path = dir.join(name);
    if std::fs::symlink_metadata(&path)?.file_type().is_symlink() {
        let inside = match (path.canonicalize(), dir.canonicalize()) {
            (Ok(target), Ok(root)) => target.starts_with(root),
            _ => false,
        };
        if !inside {
            return Err(std::io::Error::other(
                "it is a symbolic link that leads out of the content folder, and was not read; replace the link with the file itself",
            ));
        }
    }
    std::fs::read(path)
}

fn parse_entry(line: &str) -> Result<Entry> {
    let mut rest = line.trim();
    let mut field = || {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (f, r) = rest.split_at(end);
        rest = r.trim_start();
        f
    };
    let (id, version, date, fingerprint) = (field(), field(), field(), field());
    if fingerprint.is_empty() {
        return Err(Error::Invalid("it needs an id, a version, a date, a fingerprint and a committee".into()));
    }
    let version = Version::parse(version)?;
    let date = Date::parse(date, false)?;
    let fingerprint = Recorded::parse(fingerprint)?;
    Ok(Entry { id: DocId::new(id), version, date, fingerprint, committee: rest.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, v: &str) -> Entry {
        Entry {
            id: DocId::new(id),
            version: Version::parse(v).unwrap(),
            date: Date::parse("2025-01-10", false).unwrap(),
            fingerprint: Recorded::parse(&"a".repeat(64)).unwrap(),
            committee: "Policy\nGroup\u{2028}# x".into(),
        }
    }

    #[test]
    fn entries_are_one_line_and_sorted_in_without_touching_other_lines() {
        let (empty, _) = Lock::parse(String::new(), "l".into());
        let text = empty.with_entries(&[entry("POL/1", "2")]).unwrap();
        assert_eq!(text, format!("POL/1 2 2025-01-10 {} Policy Group # x\n", "a".repeat(64)));
        let odd = format!("# mine\nPOL/1   2 2025-01-10 {} Policy Group\n\n# end\n", "a".repeat(64));
        let (lock, diags) = Lock::parse(odd.clone(), "l".into());
        assert!(diags.is_empty(), "{diags:?}");
        let text = lock.with_entries(&[entry("POL/1", "10"), entry("A/1", "1")]).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "# mine");
        assert!(lines[1].starts_with("A/1 1 "));
        assert_eq!(lines[2], format!("POL/1   2 2025-01-10 {} Policy Group", "a".repeat(64)), "kept byte for byte");
        assert!(lines[3].starts_with("POL/1 10 "), "2 < 10: {lines:?}");
        assert_eq!(&lines[4..], ["", "# end"]);
        assert!(lock.with_entries(&[entry("pol/1", "2.0")]).unwrap_err().to_string().contains("line 2"));
    }

    #[test]
    fn bad_lines_and_repeated_entries_are_s006() {
        let text = format!(
            "POL/1 2 2025-01-10 xyz Group\nPOL/1 2 2025-01-10 {h} G\nPOL/1 2.0 2025-01-10 {h} G\n",
            h = "b".repeat(64)
        );
        let (lock, diags) = Lock::parse(text, "content/ratified.lock".into());
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!((diags[0].line, diags[1].line), (1, 3));
        assert!(diags[1].message.contains("first is on line 2"));
        assert_eq!(lock.entries().count(), 1);
    }
}
