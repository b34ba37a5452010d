//! Small text helpers shared by every stage: slugs, "did you mean", escaping.

/// Lower-case ASCII letters and digits joined by single hyphens. Used for
/// everything that becomes part of an output path.
pub fn slugify_ascii(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("document");
    }
    slug
}

/// A heading anchor: `Lone working arrangements` → `lone-working-arrangements`.
/// Letters of any script are kept (lower-cased); everything else separates words.
pub fn slugify_anchor(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '/') && !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Edit distance between two strings, by characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Characters that show nothing where they stand: Unicode's default
/// ignorable code points (soft hyphen, zero-width spaces and joiners,
/// direction marks and isolates, word joiner and invisible operators,
/// fillers, variation selectors, tag characters, the BOM...) and the
/// interlinear annotation marks, which hide the text between them. Text
/// can look the same with or without them, so they can disguise a value.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// Text from content files made safe to print on a terminal: control
/// characters (C0 but newline and tab, DEL, C1) are removed with the escape
/// sequences they start, so that a title cannot move the cursor, change
/// colours, set the window's title or hide the text after it. Every
/// terminal printer passes content through this.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The rest of a control sequence: parameters up to a final byte.
fn skip_csi(chars: &mut impl Iterator<Item = char>) {
    for c in chars {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// The rest of a control string (a window title...): up to BEL or ST.
fn skip_string(chars: &mut std::iter::Peekable<impl Iterator<Item = char>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' if chars.peek() == Some(&'\\') => {
                chars.next();
                break;
            }
            _ => {}
        }
    }
}

/// Escapes text for HTML element content and attribute values. The runs
/// between the characters it replaces are copied whole, and found by a
/// table lookup a byte: every page's text passes through here.
pub fn escape_html(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !HTML_SPECIAL[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let escaped = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // NUL is not allowed in HTML; show the replacement character.
            _ => "\u{fffd}",
        };
        // All of them are ASCII, so `i` is a character boundary.
        out.push_str(&text[copied..i]);
        out.push_str(escaped);
        i += 1;
        copied = i;
    }
    out.push_str(&text[copied..]);
}

/// The bytes `escape_html` replaces.
const HTML_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let special = *b"&<>\"'\0";
    while k < special.len() {
        table[special[k] as usize] = true;
        k += 1;
    }
    table
};

/// "1 PDF", "5 PDFs", "0 errors": a count and its noun, which takes an s.
pub fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// A document type as a listing heading: `policy` → `Policies`, `sop` → `SOPs`.
pub fn plural_label(doc_type: &str) -> String {
    match doc_type {
        "sop" => "SOPs".to_string(),
        t if t.ends_with('y') && !t.ends_with("ey") => {
            format!("{}ies", capitalise(&t[..t.len() - 1]))
        }
        t => format!("{}s", capitalise(t)),
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(super::count(1, "PDF"), "1 PDF");
        assert_eq!(super::count(0, "PDF"), "0 PDFs");
        assert_eq!(super::count(5, "page"), "5 pages");
    }

    use super::*;

    #[test]
    fn anchors_are_slugs_of_heading_text() {
        assert_eq!(slugify_anchor("Lone working arrangements"), "lone-working-arrangements");
        assert_eq!(slugify_anchor("Police & Human Resources Involvement"), "police-human-resources-involvement");
        assert_eq!(slugify_anchor("SMD Statement of Intent"), "smd-statement-of-intent");
        assert_eq!(slugify_anchor("!!!"), "section");
    }

    #[test]
    fn suggestions_only_for_close_words() {
        let keys = ["review_date", "reviewed", "ratified"];
        assert_eq!(closest("reveiw_date", keys), Some("review_date"));
        assert_eq!(closest("colour", keys), None);
    }

    #[test]
    fn terminal_text_has_no_control_sequences() {
        let hostile = "A\u{1b}[31mred\u{1b}[0m \u{1b}]0;pwned\u{7}title \u{9b}2Jx\u{1b}]8;;http://e\u{1b}\\link\r\u{8}\u{7f}\u{85}\tok\n";
        assert_eq!(for_terminal(hostile), "Ared title xlink\tok\n");
        assert!(matches!(for_terminal("plain é\n"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_markup() {
        let mut s = String::new();
        escape_html("<script>alert('x') & \"y\"</script>", &mut s);
        assert_eq!(s, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        s.clear();
        escape_html("é<\0ü>&", &mut s);
        assert_eq!(s, "é&lt;\u{fffd}ü&gt;&amp;", "non-ASCII text around what is escaped, and a NUL");
    }
}
