//! The fingerprint of a document version: SHA-256 of its normalised text.
//! docs/governance.md gives the same rules and a shell recipe that
//! recomputes it; a test runs that recipe. Change all three together.
//!
//! Normalisation, line by line (lines end at LF; a last line without one counts):
//! - a UTF-8 byte-order mark at the start is removed;
//! - trailing spaces, tabs and carriage returns are removed (so CRLF → LF);
//! - in the front matter (after the first line, up to the line `---` or
//!   `...` that closes it), the lines of the keys `status`,
//!   `review_extension` and `withdrawn` are left out: a line that starts
//!   with one of them followed by `:`, and every following line that starts
//!   with a space, a tab or `-`, or is empty, up to the next line that
//!   starts otherwise (another key, or a comment at the start of a line);
//! - every kept line is written followed by one LF.

use sha2::{Digest, Sha256};

/// The front-matter keys that may change after ratification.
const EXCLUDED: [&str; 3] = ["status", "review_extension", "withdrawn"];

/// The text the fingerprint is taken of.
pub fn normalised(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let (mut body, mut skip) = (false, false);
    let mut lines: Vec<&str> = text.split('\n').collect();
    if text.is_empty() || text.ends_with('\n') {
        lines.pop();
    }
    for (n, raw) in lines.into_iter().enumerate() {
        let line = raw.trim_end_matches([' ', '\t', '\r']);
        if n > 0 && !body {
            if line == "---" || line == "..." {
                body = true;
            } else if !(line.is_empty() || line.starts_with([' ', '\t', '-'])) {
                skip = starts_excluded_key(line);
            }
        }
        if n == 0 || body || !skip {
            out.push_str(line);
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

/// The SHA-256 of the normalised text, as 64 lower-case hexadecimal digits.
pub fn fingerprint(text: &str) -> String {
    Fingerprint::of(text).to_string()
}

/// The fingerprint of a version's text, taken while loading it so the text
/// need not be kept for the lock check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        Fingerprint(Sha256::digest(normalised(text).as_bytes()).into())
    }

    /// Whether it is the one `ratified.lock` writes as `hex`.
    pub fn is(&self, hex: &str) -> bool {
        self.to_string() == hex
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_review_extension_and_withdrawn_do_not_count() {
        let a = "---\nid: A/1\nstatus: ratified\ntitle: T\n---\nBody\n";
        let b = "\u{feff}---\r\nid: A/1  \r\nstatus: superseded # later\r\nwithdrawn:\r\n  by: X\r\n\r\n  reason: y\r\ntitle: T\r\nreview_extension: { to: 2030-01-01, by: G }\r\n---\r\nBody\t\r\n";
        assert_eq!(normalised(a), "---\nid: A/1\ntitle: T\n---\nBody\n");
        assert_eq!(fingerprint(a), fingerprint(b));
        assert_eq!(fingerprint(a), fingerprint("---\nid: A/1\ntitle: T\n---\nBody"), "a last line without LF");
        assert_ne!(fingerprint(a), fingerprint("---\nid: A/1\ntitle: T\n---\nBody!\n"));
        assert_ne!(fingerprint(a), fingerprint("---\nid: A/1\nstatuses: x\ntitle: T\n---\nBody\n"));
        let comment = "---\nid: A/1\nstatus: ratified\n# a comment\ntitle: T\n---\nBody\n";
        assert_eq!(normalised(comment), "---\nid: A/1\n# a comment\ntitle: T\n---\nBody\n");
        let body_status = "---\nid: A/1\n---\nstatus: draft\n";
        assert_eq!(normalised(body_status), body_status, "the body is kept whole");
    }
}
