//! The one allow-list every address written by an author goes through
//! before it reaches any output: links and images in bodies, reference
//! URLs, `base_url`, `public_base_url`, contact addresses. Only `http:`,
//! `https:`, `mailto:` and relative addresses are allowed; anything else
//! (`javascript:`, `data:`, `vbscript:`, `file:`...) is refused however it
//! is spelt, and an output shows its text, never a link.

use std::path::{Component, Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// What an allowed address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlKind {
    /// `http:` or `https:` (a protocol-relative `//host/...` becomes `https:`).
    Web,
    Mail,
    /// No scheme: a path, a `?query` or a `#fragment`.
    Relative,
}

/// An address that passed [`allow`]: the only kind an output may link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeUrl {
    text: String,
    kind: UrlKind,
}

impl SafeUrl {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn kind(&self) -> UrlKind {
        self.kind
    }

    /// The default `base_url`: the root of the server the site is on.
    pub fn root() -> SafeUrl {
        SafeUrl { text: "/".into(), kind: UrlKind::Relative }
    }
}

impl serde::Serialize for SafeUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// An address [`allow`] refused, with the scheme it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedUrl {
    pub written: String,
    pub scheme: String,
}

impl RefusedUrl {
    /// The X009 message.
    pub fn message(&self, what: &str) -> String {
        format!(
            "{what} `{}` uses the scheme `{}:`, which could run code or leave the site; it is shown as text, not as a link",
            self.written.chars().take(80).collect::<String>(),
            self.scheme
        )
    }

    pub const HELP: &'static str = "link only http://, https:// or mailto: addresses, or a file under assets/ (a file name with a colon in it is written ./name)";
}

/// An address as an author wrote it, judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Url {
    Safe(SafeUrl),
    Refused(RefusedUrl),
}

impl Url {
    pub fn parse(written: &str) -> Url {
        match allow(written) {
            Ok(u) => Url::Safe(u),
            Err(r) => Url::Refused(r),
        }
    }

    pub fn safe(&self) -> Option<&SafeUrl> {
        match self {
            Url::Safe(u) => Some(u),
            Url::Refused(_) => None,
        }
    }
}

/// The allow-list. Browsers drop surrounding spaces and control characters,
/// ignore tabs and line breaks inside a scheme, read `\` as `/` and compare
/// schemes without case; other readers (PDF viewers, spreadsheets) decode
/// entities and percent-escapes. So the scheme is judged on the address
/// with all of that undone, and anything before a first `:` that is not
/// `http`, `https` or `mailto` is refused.
pub fn allow(written: &str) -> Result<SafeUrl, RefusedUrl> {
    let text = outside_controls_trimmed(written);
    let probe = probe(&text);
    if probe.starts_with("//") {
        let rest = text.trim_start_matches(['/', '\\']);
        return Ok(SafeUrl { text: format!("https://{rest}"), kind: UrlKind::Web });
    }
    let Some(end) = probe.find([':', '/', '?', '#']) else {
        return Ok(SafeUrl { text, kind: UrlKind::Relative });
    };
    let kind = match (&probe[end..end + 1], &probe[..end]) {
        (":", "http" | "https") => UrlKind::Web,
        (":", "mailto") => UrlKind::Mail,
        (":", "") | ("/" | "?" | "#", _) => UrlKind::Relative,
        (_, scheme) => return Err(RefusedUrl { written: text, scheme: scheme.to_string() }),
    };
    Ok(SafeUrl { text, kind })
}

/// The address without control characters, and without the spaces and
/// invisible characters around it.
fn outside_controls_trimmed(written: &str) -> String {
    let kept: String = written.chars().filter(|c| !is_control(*c)).collect();
    kept.trim_matches(|c: char| c.is_whitespace() || crate::text::is_invisible(c)).to_string()
}

/// The address as the most lenient reader would take it: entities and
/// percent-escapes decoded (repeatedly), compatibility forms folded,
/// everything invisible removed, `\` as `/`, lower case.
fn probe(text: &str) -> String {
    let mut s = text.to_string();
    for _ in 0..4 {
        let decoded = percent_decode_lossy(&decode_entities(&s));
        if decoded == s {
            break;
        }
        s = decoded;
    }
    s.nfkc()
        .filter(|c| !c.is_whitespace() && !is_control(*c) && !crate::text::is_invisible(*c))
        .map(|c| if c == '\\' { '/' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_control(c: char) -> bool {
    c.is_control()
}

/// Joins a link to the folder of the file it is written in, inside the
/// content folder; `None` when it climbs out.
/// Percent-escapes are decoded (as UTF-8), so `a%23b.pdf` names `a#b.pdf`.
pub fn resolve_relative(file: &Path, link: &str) -> Option<PathBuf> {
    let decoded = String::from_utf8(percent_decode_bytes(link)).ok()?;
    if decoded.contains('\0') {
        return None;
    }
    let mut parts: Vec<std::ffi::OsString> =
        file.parent().map(|p| p.components().map(|c| c.as_os_str().to_owned()).collect()).unwrap_or_default();
    for c in Path::new(&decoded).components() {
        match c {
            Component::Normal(n) => parts.push(n.to_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.iter().collect())
}

/// `%XX` escapes decoded; bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode_lossy(s: &str) -> String {
    String::from_utf8_lossy(&percent_decode_bytes(s)).into_owned()
}

/// `%XX` escapes decoded to bytes; a `%` not followed by two hex digits stays.
pub fn percent_decode_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// A relative path as an address: every byte but letters, digits, `-`,
/// `.`, `_`, `~` and the `/` between folders percent-encoded, so that a
/// file named `a#b?.pdf` or `café menu.pdf` is reached by a browser.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One value put into an address (a query value, a path segment): every
/// byte but the unreserved `A-Z a-z 0-9 - . _ ~` percent-encoded, so that
/// a title with `&`, `#`, `=`, spaces or accents reaches the form whole.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Numeric character references and the named ones that spell URL
/// punctuation, as an HTML reader would decode them.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity at the start of `s` stands for, and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let body: String = s[1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').take(12).collect();
    let len = 1 + body.len() + usize::from(s[1 + body.len()..].starts_with(';'));
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n)?
    } else {
        match body.to_ascii_lowercase().as_str() {
            "colon" => ':',
            "tab" => '\t',
            "newline" => '\n',
            "sol" => '/',
            "bsol" => '\\',
            "quest" => '?',
            "num" => '#',
            "amp" => '&',
            "period" => '.',
            "plus" => '+',
            "hyphen" | "dash" => '-',
            _ => return None,
        }
    };
    Some((c, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_relative_addresses_pass() {
        for ok in
            ["https://x.nhs.uk/a b", "HTTP://x", "mailto:a@b.nhs.uk", "../assets/a.pdf", "a.pdf?x=1", "#top", "a/b:c"]
        {
            assert!(allow(ok).is_ok(), "{ok:?} refused");
        }
        for bad in [
            "javascript:alert(1)",
            "  JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:x",
            "\u{1}javascript:x",
            "javascript&#58;x",
            "&#106;avascript:x",
            "javascript%3Ax",
            "javascript%253Ax",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
            "tel:123",
            "ｊａｖａｓｃｒｉｐｔ：x",
            "jav\u{200b}ascript:x",
            "jav&Tab;ascript:x",
        ] {
            assert!(allow(bad).is_err(), "{bad:?} allowed");
        }
    }

    #[test]
    fn protocol_relative_addresses_become_https() {
        assert_eq!(allow("//evil.example/x").unwrap().as_str(), "https://evil.example/x");
        assert_eq!(allow("\\\\evil.example/x").unwrap().as_str(), "https://evil.example/x");
        assert_eq!(allow("/\\evil.example").unwrap().kind(), UrlKind::Web);
    }

    #[test]
    fn paths_are_encoded_for_browsers() {
        assert_eq!(encode_path("assets/a#b?c%d e.pdf"), "assets/a%23b%3Fc%25d%20e.pdf");
        assert_eq!(encode_path("assets/café.pdf"), "assets/caf%C3%A9.pdf");
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        assert_eq!(allow(" \u{7}https://a.nhs.uk/x\u{1b} ").unwrap().as_str(), "https://a.nhs.uk/x");
    }
}
