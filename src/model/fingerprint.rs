//! The fingerprint of a document version: what `ratified.lock` records of
//! what a committee ratified. docs/governance.md gives the same rules and
//! a shell recipe that recomputes them; a test runs that recipe. Change
//! all three together.
//!
//! The text, normalised, line by line as `source::Layout` divides the file
//! (the loader divides it the same way, and refuses what could be read two
//! ways, S008):
//! - a UTF-8 byte-order mark at the start is removed;
//! - trailing spaces, tabs and carriage returns are removed (so CRLF → LF);
//! - in the front matter, the lines of the keys `status`,
//!   `review_extension` and `withdrawn` are left out: a line that starts
//!   with one of them followed by `:`, and every following line that starts
//!   with a space, a tab or `-`, or is empty, up to the next line that
//!   starts otherwise (another key, or a comment at the start of a line);
//! - every kept line is written followed by one LF.
//!
//! Format 1 (entries written before images and attachments counted) is the
//! SHA-256 of that text. Format 2 is the SHA-256 of a manifest of the text
//! and of the files the body uses, in `sha256sum`'s own output format:
//!
//! ```text
//! trustdocs fingerprint 2
//! <sha256 of the normalised text>  -
//! <sha256 of the file's bytes>  assets/map.png      (one line a file, sorted by path)
//! ```

use super::source::{lines, Layout, Part};
use sha2::{Digest, Sha256};

/// The front-matter keys that may change after ratification.
pub const EXCLUDED: [&str; 3] = ["status", "review_extension", "withdrawn"];

/// The first line of a format 2 manifest.
const MANIFEST_HEADER: &str = "trustdocs fingerprint 2\n";

/// Each line of `text` (without a byte-order mark) with its part of the
/// file, whether the fingerprint keeps it, and its text without trailing
/// spaces, tabs, CR and LF.
fn classified(text: &str) -> impl Iterator<Item = (Part, bool, &str)> {
    let layout = Layout::of(text);
    let mut skip = false;
    lines(text).map(move |(at, raw)| {
        let line = raw.trim_end_matches([' ', '\t', '\r', '\n']);
        let part = layout.part(at);
        if part == Part::FrontMatter && !(line.is_empty() || line.starts_with([' ', '\t', '-'])) {
            skip = starts_excluded_key(line);
        }
        (part, part != Part::FrontMatter || !skip, line)
    })
}

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The text the fingerprint is taken of.
pub fn normalised(text: &str) -> String {
    let text = without_bom(text);
    let mut out = String::with_capacity(text.len());
    for (_, kept, line) in classified(text) {
        if kept {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The front matter as the fingerprint covers it: its lines as normalised,
/// with each line the fingerprint leaves out made empty, so that lines keep
/// their numbers. The loader parses this too, to prove that the lines left
/// out hold nothing but the keys that may change (S008 otherwise).
pub fn covered_front_matter(text: &str) -> String {
    let mut out = String::new();
    for (part, kept, line) in classified(without_bom(text)) {
        if part == Part::FrontMatter {
            out.push_str(if kept { line } else { "" });
            out.push('\n');
        }
    }
    out
}

fn starts_excluded_key(line: &str) -> bool {
    EXCLUDED
        .iter()
        .any(|k| line.strip_prefix(k).is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':')))
}

/// A SHA-256 digest, shown as 64 lower-case hexadecimal digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// The format 1 fingerprint of a version's text: that of its normalised text.
    pub fn of(text: &str) -> Fingerprint {
        Fingerprint::of_bytes(normalised(text).as_bytes())
    }

    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint(Sha256::digest(bytes).into())
    }

    /// The fingerprint of a file's bytes, read a block at a time.
    pub fn of_file(path: &std::path::Path) -> std::io::Result<Fingerprint> {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        let mut hasher = Sha256::new();
        let mut block = vec![0u8; 64 * 1024];
        loop {
            match file.read(&mut block)? {
                0 => return Ok(Fingerprint(hasher.finalize().into())),
                n => hasher.update(&block[..n]),
            }
        }
    }

    /// Reads 64 hexadecimal digits.
    pub fn parse_hex(hex: &str) -> Option<Fingerprint> {
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Fingerprint(out))
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// What a format 2 fingerprint is taken of: the text's fingerprint and the
/// files the body uses, by their path in the content folder.
pub fn manifest(text: &Fingerprint, files: &[(String, Fingerprint)]) -> String {
    let mut files: Vec<&(String, Fingerprint)> = files.iter().collect();
    files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    files.dedup_by(|a, b| a.0 == b.0);
    let mut out = format!("{MANIFEST_HEADER}{text}  -\n");
    for (path, digest) in files {
        out.push_str(&sha256sum_line(digest, path));
    }
    out
}

/// A line as `sha256sum` prints it: a name holding a backslash or a line
/// break is escaped, and the line then starts with a backslash.
fn sha256sum_line(digest: &Fingerprint, path: &str) -> String {
    if path.contains(['\\', '\n', '\r']) {
        let escaped = path.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r");
        format!("\\{digest}  {escaped}\n")
    } else {
        format!("{digest}  {path}\n")
    }
}

/// The format 2 fingerprint of a text and the files its body uses.
pub fn with_files(text: &Fingerprint, files: &[(String, Fingerprint)]) -> Fingerprint {
    Fingerprint::of_bytes(manifest(text, files).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> String {
        Fingerprint::of(text).to_string()
    }

    #[test]
    fn status_review_extension_and_withdrawn_do_not_count() {
        let a = "---\nid: A/1\nstatus: ratified\ntitle: T\n---\nBody\n";
        let b = "\u{feff}---\r\nid: A/1  \r\nstatus: superseded # later\r\nwithdrawn:\r\n  by: X\r\n\r\n  reason: y\r\ntitle: T\r\nreview_extension: { to: 2030-01-01, by: G }\r\n---\r\nBody\t\r\n";
        assert_eq!(normalised(a), "---\nid: A/1\ntitle: T\n---\nBody\n");
        assert_eq!(hex(a), hex(b));
        assert_eq!(hex(a), hex("---\nid: A/1\ntitle: T\n---\nBody"), "a last line without LF");
        assert_ne!(hex(a), hex("---\nid: A/1\ntitle: T\n---\nBody!\n"));
        assert_ne!(hex(a), hex("---\nid: A/1\nstatuses: x\ntitle: T\n---\nBody\n"));
        let comment = "---\nid: A/1\nstatus: ratified\n# a comment\ntitle: T\n---\nBody\n";
        assert_eq!(normalised(comment), "---\nid: A/1\n# a comment\ntitle: T\n---\nBody\n");
        let body_status = "---\nid: A/1\n---\nstatus: draft\n";
        assert_eq!(normalised(body_status), body_status, "the body is kept whole");
    }

    #[test]
    fn the_covered_front_matter_keeps_line_numbers() {
        let text = "---\nid: A\nstatus: ratified\nwithdrawn:\n  by: X\ntitle: T  \n---\nBody\n";
        assert_eq!(covered_front_matter(text), "id: A\n\n\n\ntitle: T\n");
    }

    #[test]
    fn a_manifest_is_what_sha256sum_prints() {
        let text = Fingerprint::of_bytes(b"");
        let file = Fingerprint::of_bytes(b"png");
        let files =
            [("assets/b.png".to_string(), file), ("assets/a\\b.png".into(), file), ("assets/b.png".into(), file)];
        let m = manifest(&text, &files);
        let lines: Vec<&str> = m.lines().collect();
        assert_eq!(lines[0], "trustdocs fingerprint 2");
        assert_eq!(lines[1], format!("{text}  -"));
        assert_eq!(lines[2], format!("\\{file}  assets/a\\\\b.png"));
        assert_eq!(lines[3], format!("{file}  assets/b.png"));
        assert_eq!(lines.len(), 4, "a file used twice is listed once");
        assert_ne!(with_files(&text, &files), with_files(&text, &files[..1]));
        assert_eq!(Fingerprint::parse_hex(&file.to_string()), Some(file));
        assert_eq!(Fingerprint::parse_hex("xy"), None);
    }
}
