//! What a printed page adds around the text: running headers and footers,
//! page numbers, and the contents page. Found by shape, not by words: lines
//! that repeat through the document, lines that only number a page, a
//! "Contents" heading followed by entries that end in page numbers.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Clone, Debug)]
pub struct Line {
    /// 1-based line number in the source.
    pub no: u32,
    /// 0-based page (pages are split at form feeds; text without any is one page).
    pub page: u32,
    pub text: String,
}

/// A contents entry: its number, if any, and its title. Used to recognise
/// un-numbered headings in the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocEntry {
    pub number: Option<String>,
    pub title: String,
}

/// Lines with the page furniture and the contents taken out.
pub struct Cleaned {
    pub lines: Vec<Line>,
    pub toc: Vec<TocEntry>,
    /// How many lines were dropped as furniture, for the report.
    pub dropped: usize,
    /// The text of a running footer or header around its page number
    /// ("Security Management Strategy – 3 –"), which is often the title.
    pub running_title: Option<String>,
    /// Each running header or footer once, as first printed.
    pub running: Vec<Line>,
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:page\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,3})?$|(?i)\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b",
    )
    .expect("page pattern")
});
/// How a page number sits in a running footer: "– 3 –", "(3)", "Page 3",
/// "3 of 12", or apart at the end of the line.
static PAGE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[-–—]\s*#+\s*[-–—]|\(#+\)|\bpage\s*#|#+\s*(?:of|/)\s*#+|(?:\t|\s{2,})#+\s*$").expect("page mark")
});
static TOC_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:table\s+of\s+)?contents?\s*(?:page)?\s*$|^\s*index\s*$").expect("toc"));
static TOC_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<num>(?:\d{1,2}(?:\.\d{1,2})*\.?|appendix\s+\w+:?|[A-Z]\.)?)\s*(?P<title>.{0,160}?)\s*(?:\t+|\.{2,}|(?:\.\s){3,}|…+|\s{2,})\s*(?P<page>\d{1,3}|[ivx]{1,5})\s*$")
        .expect("toc entry")
});
static TOC_BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?)?\s*[•]?\s*(?:page)?\s*$").expect("toc bare"));
static TOC_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2}(?:\.\d{1,2})*)\.?\s+([^.…]{2,100}?)\s*(?:\.{2,}|…+)\s*\d{1,3}").expect("toc inline")
});

fn key(text: &str) -> String {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Takes out running headers and footers, page numbers and the contents.
pub fn remove(lines: Vec<Line>) -> Cleaned {
    let before = lines.len();
    let lines = strip_footer_phrases(lines);
    let furniture = repeated(&lines);
    let running_title = running_title(&lines, &furniture);
    let mut seen = std::collections::HashSet::new();
    let running: Vec<Line> = lines
        .iter()
        .zip(&furniture)
        .filter(|(l, f)| **f && seen.insert(key(&l.text)))
        .map(|(l, _)| l.clone())
        .collect();
    let kept: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .filter(|(i, l)| !furniture[*i] && !PAGE_NUMBER.is_match(l.text.trim()))
        .map(|(_, l)| l)
        .collect();
    let (kept, toc) = contents(kept);
    let dropped = before - kept.len();
    Cleaned { lines: kept, toc, dropped, running_title, running }
}

/// The most frequent running line with a page number, without the number,
/// when what is left reads as a title.
fn running_title(lines: &[Line], furniture: &[bool]) -> Option<String> {
    static MARK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)[-–—]\s*\d+\s*[-–—]|\(\d+\)|\bpage\s*\d+(?:\s*of\s*\d+)?|\d+\s*(?:of|/)\s*\d+|\s\d{1,3}\s*$")
            .expect("mark")
    });
    let mut count: HashMap<String, usize> = HashMap::new();
    for (l, _) in lines.iter().zip(furniture).filter(|(_, f)| **f) {
        let text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !MARK.is_match(&text) {
            continue;
        }
        let rest = MARK.replace_all(&text, " ").trim().trim_matches(['-', '–', '—', '|']).trim().to_string();
        let words = rest.split_whitespace().count();
        if (2..=10).contains(&words) && !rest.contains(':') && !rest.chars().any(|c| c.is_ascii_digit()) {
            *count.entry(rest).or_default() += 1;
        }
    }
    count.into_iter().max_by_key(|(t, n)| (*n, t.clone())).map(|(t, _)| t)
}

/// Marks lines repeated through the document: a line seen three times or
/// more whose numbers change (a page number), or that stands next to another
/// repeated line (a header block); with pages known, a line at the top or
/// bottom of half the pages.
fn repeated(lines: &[Line]) -> Vec<bool> {
    let keys: Vec<String> = lines.iter().map(|l| key(&l.text)).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    let mut texts: HashMap<&str, std::collections::HashSet<&str>> = HashMap::new();
    for (k, l) in keys.iter().zip(lines) {
        if !k.is_empty() && k.len() < 240 {
            *count.entry(k).or_default() += 1;
            texts.entry(k).or_default().insert(l.text.trim());
        }
    }
    // Header blocks repeat word for word; only page numbers change.
    let exact: Vec<String> = lines.iter().map(|l| l.text.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let mut exact_count: HashMap<&str, usize> = HashMap::new();
    for e in &exact {
        if !e.is_empty() {
            *exact_count.entry(e.as_str()).or_default() += 1;
        }
    }
    let seen = |i: usize| exact_count.get(exact[i].as_str()).copied().unwrap_or(0);
    let seen_key = |i: usize| count.get(keys[i].as_str()).copied().unwrap_or(0);
    let non_blank: Vec<usize> = (0..lines.len()).filter(|&i| !keys[i].is_empty()).collect();
    let spread = spread(&keys, &non_blank);
    let mut mark = vec![false; lines.len()];
    // How often each repeated line stands next to another repeated line.
    let beside_repeated = |n: usize| {
        let neighbour = |j: Option<&usize>| j.is_some_and(|&j| seen(j) >= 3);
        neighbour(n.checked_sub(1).and_then(|p| non_blank.get(p))) || neighbour(non_blank.get(n + 1))
    };
    let mut in_blocks: HashMap<&str, usize> = HashMap::new();
    for (n, &i) in non_blank.iter().enumerate() {
        if seen(i) >= 3 && beside_repeated(n) {
            *in_blocks.entry(exact[i].as_str()).or_default() += 1;
        }
    }
    for &i in &non_blank {
        if seen_key(i) < 3 {
            continue;
        }
        // "Step 1", "Step 2" close together are the text; a page number
        // comes once a page, many lines apart.
        let numbers_change = keys[i].contains('#')
            && texts[keys[i].as_str()].len() > 1
            && spread.get(keys[i].as_str()).is_some_and(|gap| *gap >= 10)
            && PAGE_MARK.is_match(&keys[i]);
        let in_block = seen(i) >= 3 && in_blocks.get(exact[i].as_str()).is_some_and(|&b| b * 3 >= seen(i) * 2);
        if numbers_change || in_block {
            mark[i] = true;
        }
    }
    // Variants of a header block (a line broken differently on some pages):
    // a line repeated twice or more, each time next to a marked line, joins it.
    let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, &i) in non_blank.iter().enumerate() {
        if !mark[i] && seen(i) >= 2 {
            at.entry(exact[i].as_str()).or_default().push(n);
        }
    }
    loop {
        let mut changed = false;
        for ns in at.values() {
            if mark[non_blank[ns[0]]] {
                continue;
            }
            let touches = |n: usize| {
                let near = |j: Option<&usize>| j.is_some_and(|&j| mark[j]);
                near(n.checked_sub(1).and_then(|p| non_blank.get(p))) || near(non_blank.get(n + 1))
            };
            if ns.iter().all(|&n| touches(n)) {
                for &n in ns {
                    mark[non_blank[n]] = true;
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    by_page(lines, &keys, &mut mark);
    page_edges(lines, &exact, &keys, &mut mark);
    mark
}

/// The first and last line of each page (split at form feeds; the whole
/// text is one page without them): a line there that numbers the page
/// ("… – Page 2", "3 of 12"), or that stands only at page edges and is
/// printed there more than once, is a running header or footer, however
/// few pages the document has.
fn page_edges(lines: &[Line], exact: &[String], keys: &[String], mark: &mut [bool]) {
    let mut edges: Vec<usize> = Vec::new();
    let mut page_lines: Vec<usize> = Vec::new();
    let mut close_page = |page_lines: &mut Vec<usize>| {
        edges.extend(page_lines.first().copied());
        edges.extend(page_lines.last().copied());
        page_lines.clear();
    };
    for (i, l) in lines.iter().enumerate() {
        if page_lines.last().is_some_and(|&j| lines[j].page != l.page) {
            close_page(&mut page_lines);
        }
        if !exact[i].is_empty() {
            page_lines.push(i);
        }
    }
    close_page(&mut page_lines);
    let mut at_edge: HashMap<&str, usize> = HashMap::new();
    for &i in &edges {
        *at_edge.entry(exact[i].as_str()).or_default() += 1;
    }
    let mut everywhere: HashMap<&str, usize> = HashMap::new();
    for e in exact.iter().filter(|e| !e.is_empty()) {
        *everywhere.entry(e.as_str()).or_default() += 1;
    }
    for &i in &edges {
        let e = exact[i].as_str();
        let only_at_edges = at_edge[e] >= 2 && everywhere[e] == at_edge[e];
        if only_at_edges || (PAGE_MARK.is_match(&keys[i]) && keys[i].to_lowercase().contains("page")) {
            mark[i] = true;
        }
    }
}

/// For each repeated line, the mean number of non-blank lines between its occurrences.
fn spread<'k>(keys: &'k [String], non_blank: &[usize]) -> HashMap<&'k str, usize> {
    let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, &i) in non_blank.iter().enumerate() {
        at.entry(keys[i].as_str()).or_default().push(n);
    }
    at.into_iter().filter(|(_, v)| v.len() >= 2).map(|(k, v)| (k, (v[v.len() - 1] - v[0]) / (v.len() - 1))).collect()
}

/// With form feeds, a line among the first or last three of at least half
/// the pages (three or more) is a running header or footer.
fn by_page(lines: &[Line], keys: &[String], mark: &mut [bool]) {
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(0) + 1;
    if pages < 3 {
        return;
    }
    let mut edges: HashMap<&str, std::collections::HashSet<u32>> = HashMap::new();
    let mut positions: Vec<Vec<usize>> = vec![Vec::new(); pages as usize];
    for (i, l) in lines.iter().enumerate() {
        if !keys[i].is_empty() {
            positions[l.page as usize].push(i);
        }
    }
    for page in &positions {
        let n = page.len();
        for (k, &i) in page.iter().enumerate() {
            if k < 3 || k + 3 >= n {
                edges.entry(keys[i].as_str()).or_default().insert(lines[i].page);
            }
        }
    }
    for page in &positions {
        let n = page.len();
        for (k, &i) in page.iter().enumerate() {
            let on = edges.get(keys[i].as_str()).map_or(0, |s| s.len()) as u32;
            if (k < 3 || k + 3 >= n) && on >= 3 && on * 2 >= pages {
                mark[i] = true;
            }
        }
    }
}

/// Text flattened one page to a line ends each page with its footer and
/// page number ("... Security Management Policy v1 November 2016 3"): the
/// longest such closing phrase found on three or more lines is cut off.
fn strip_footer_phrases(mut lines: Vec<Line>) -> Vec<Line> {
    let mut count: HashMap<String, usize> = HashMap::new();
    let tails = |text: &str| -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let Some((last, rest)) = words.split_last() else { return Vec::new() };
        if rest.len() < 3 || !last.bytes().all(|b| b.is_ascii_digit()) || last.len() > 3 {
            return Vec::new();
        }
        // A footer has words; a contents line's dotted leader has none.
        (3..=8.min(rest.len()))
            .map(|k| &rest[rest.len() - k..])
            .filter(|p| p.iter().filter(|w| w.chars().any(char::is_alphabetic)).count() >= 2)
            .map(|p| p.join(" "))
            .collect()
    };
    for l in &lines {
        for t in tails(&l.text) {
            *count.entry(t).or_default() += 1;
        }
    }
    let phrase = count.iter().filter(|(_, &n)| n >= 3).max_by_key(|(p, &n)| (p.len(), n)).map(|(p, _)| p.clone());
    let Some(phrase) = phrase else { return lines };
    for l in &mut lines {
        if tails(&l.text).contains(&phrase) {
            let words: Vec<&str> = l.text.split_whitespace().collect();
            let keep = words.len() - 1 - phrase.split_whitespace().count();
            l.text = words[..keep].join(" ");
        }
    }
    lines
}

/// "Section            Page": the column titles of a contents page.
fn toc_columns(t: &str) -> bool {
    let ws: Vec<String> = super::labels::words(t).into_iter().map(|w| w.0).collect();
    !ws.is_empty()
        && ws
            .iter()
            .all(|w| matches!(w.as_str(), "section" | "page" | "pages" | "no" | "number" | "title" | "paragraph"))
}

/// Drops the contents page and keeps its entries as hints.
fn contents(lines: Vec<Line>) -> (Vec<Line>, Vec<TocEntry>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut toc = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text.as_str();
        let inline: Vec<TocEntry> = TOC_INLINE
            .captures_iter(text)
            .map(|c| TocEntry { number: Some(c[1].to_string()), title: c[2].trim().to_string() })
            .collect();
        if inline.len() >= 3 && text.trim_start().to_ascii_lowercase().starts_with("contents") {
            toc.extend(inline);
            i += 1;
            continue;
        }
        if !TOC_HEAD.is_match(text) {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        // A contents heading: entries (and blank lines) follow.
        let mut j = i + 1;
        let mut entries = 0;
        while j < lines.len() {
            let t = lines[j].text.as_str();
            if let Some(c) = TOC_ENTRY.captures(t) {
                let title = c["title"].trim().trim_matches('\t').trim();
                let number = c["num"].trim().trim_end_matches(['.', ':']);
                if !title.is_empty() && !title.eq_ignore_ascii_case("page") {
                    toc.push(TocEntry {
                        number: (!number.is_empty()).then(|| number.to_string()),
                        title: title.to_string(),
                    });
                }
                entries += 1;
            } else if !(t.trim().is_empty() || TOC_BARE.is_match(t) || garbled_contents(t) || toc_columns(t)) {
                break;
            }
            j += 1;
        }
        if entries >= 2 {
            i = j;
        } else {
            out.push(lines[i].clone());
            i += 1;
        }
    }
    (out, toc)
}

/// "Table\tble of Contents": a contents heading that a table cell split.
fn garbled_contents(t: &str) -> bool {
    t.to_ascii_lowercase().contains("of contents")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.lines().enumerate().map(|(i, t)| Line { no: i as u32 + 1, page: 0, text: t.to_string() }).collect()
    }

    fn texts(c: &Cleaned) -> Vec<&str> {
        c.lines.iter().map(|l| l.text.as_str()).filter(|t| !t.trim().is_empty()).collect()
    }

    #[test]
    fn header_blocks_and_page_numbers_go() {
        let mut text = String::new();
        for p in 1..=4 {
            text.push_str(&format!(
                "Trust name\tID No. X/1\nVersion 3\tReview 01/09/2020\n\nBody {}\n\nAppendix {p}\n",
                "b".repeat(p)
            ));
            for k in 1..=10 {
                text.push_str(&format!("Text of the page {}.\n", "x".repeat(k + 10 * p)));
            }
            text.push_str(&format!("\nPolicy – {p} –\nPage {p} of 4\n"));
        }
        text.push_str("This will be achieved by:\nA\nThis will be achieved by:\nB\nThis will be achieved by:\n");
        let c = remove(lines(&text));
        let kept: Vec<&str> = texts(&c).into_iter().filter(|t| !t.starts_with("Text of the page")).collect();
        assert_eq!(
            kept,
            [
                "Body b",
                "Appendix 1",
                "Body bb",
                "Appendix 2",
                "Body bbb",
                "Appendix 3",
                "Body bbbb",
                "Appendix 4",
                "This will be achieved by:",
                "A",
                "This will be achieved by:",
                "B",
                "This will be achieved by:"
            ]
        );
    }

    #[test]
    fn contents_page_goes_and_gives_titles() {
        let c = remove(lines(
            "CONTENTS\n\t\tPage\n1\tSUMMARY\t4\n4.1\tSMD Statement of Intent\t4\n1.1\t\t\t\n\n1. SUMMARY\nText",
        ));
        assert_eq!(texts(&c), ["1. SUMMARY", "Text"]);
        assert_eq!(c.toc[1], TocEntry { number: Some("4.1".into()), title: "SMD Statement of Intent".into() });
        let c = remove(lines("Contents 1. Introduction... 4 2. Purpose... 4 3. Strategy... 5\nBody"));
        assert_eq!(texts(&c), ["Body"]);
        assert_eq!(c.toc.len(), 3);
    }

    #[test]
    fn flattened_footers_are_cut() {
        let c = remove(lines(
            "a b c d Policy v1 November 2016 2\ne f g Policy v1 November 2016 3\nh i Policy v1 November 2016 4",
        ));
        assert_eq!(texts(&c), ["a b c d", "e f g", "h i"]);
    }
}
