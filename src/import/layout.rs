//! Text laid out as a PDF printed it (from `pdftotext -layout`, or text an
//! extraction tool gave with tabs between cells) into blocks: tables from
//! columns of whitespace, headings from hand-written numbers and capitals,
//! lists from bullets, paragraphs from wrapped lines with broken words joined.

use super::blocks::{Block, Kind, Loc, Row, Source, Text};
use super::clean;
use super::furniture::{self, Line, TocEntry};
use super::warn::{WarnKind, Warning};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,4})(?:\.(?:\s+|$)|\s+|\b)(\S.*)?$").expect("numbered"));
static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(appendix|annex|schedule)\s+([0-9]{1,2}|[A-Z]|[ivx]{1,4})\b\s*[:.–—-]?\s*(.*)$")
        .expect("appendix")
});
/// "Section 2 – Scope", "SECTION 1: OUR AIM", "Part 3. Duties": a numbered
/// heading whose number has a word before it.
static SECTION_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:section|part)\s+(\d{1,2}(?:\.\d{1,2}){0,3})\s*[:.–—-]?\s+(\S.*)$").expect("section word")
});
/// A cell that is a heading's number alone: "1", "1.0", "3.1.", "Section 2:",
/// "Appendix 1".
static NUMBER_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:section|part)\s+)?\d{1,2}(?:\.\d{1,2}){0,4}\.?\s*[:–—-]?$|^(?:appendix|annex|schedule)\s+(?:\d{1,2}|[A-Z]|[ivx]{1,4})\s*[:.–—-]?$")
        .expect("number cell")
});
/// "A. INTRODUCTION": a heading lettered in capitals.
static LETTERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z][.)]\s+(\S.*)$").expect("lettered"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)([-•*·o▪◦●○■□➢►✓]|\?)\s+(\S.*)$").expect("bullet"));
static DOTTED_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)(\d{1,2})\.\s+(\S.*)$").expect("dotted item"));
static ORDERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)(?:\(?([a-z]|[ivx]{1,4})\)|(\d{1,2})\))\s+(\S.*)$").expect("ordered"));

/// Reads extracted text into blocks.
pub fn read(text: &str) -> Source {
    let mut page = 0;
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, raw)| {
            page += raw.matches('\u{c}').count() as u32;
            Line { no: i as u32 + 1, page, text: clean::line(&raw.replace('\u{c}', "")) }
        })
        .collect();
    let cleaned = furniture::remove(lines);
    let mut warnings: Vec<Warning> =
        Warning::left_out(cleaned.dropped, "lines of running headers, footers, page numbers and contents")
            .into_iter()
            .collect();
    let question_bullets = cleaned.lines.iter().filter(|l| l.text.trim_start().starts_with("? ")).count() >= 2;
    let caps_words = caps_words(&cleaned.lines);
    let mut reader = Reader {
        toc: &cleaned.toc,
        question_bullets,
        caps_words,
        blocks: Vec::new(),
        section: None,
        list: Vec::new(),
        toc_keys: cleaned.toc.iter().map(|e| title_key(&e.title)).collect(),
        words: document_words(&cleaned.lines),
        in_references: false,
        warnings: Vec::new(),
    };
    reader.run(&cleaned.lines);
    warnings.append(&mut reader.warnings);
    let running = cleaned
        .running
        .iter()
        .map(|l| Row {
            cells: cells(&l.text).iter().map(|c| Text::plain(c.trim())).collect(),
            loc: Loc::Line { line: l.no },
        })
        .collect();
    Source { blocks: reader.blocks, warnings, title: None, running_title: cleaned.running_title.clone(), running }
}

/// Words written in capitals inside sentences (NHS, LSMS): kept as they are
/// when a heading in capitals is put into title case.
fn caps_words(lines: &[Line]) -> HashSet<String> {
    let mut set = HashSet::new();
    for l in lines {
        let words: Vec<&str> = l.text.split_whitespace().collect();
        let lower = words.iter().filter(|w| w.chars().any(char::is_lowercase)).count();
        if lower * 2 < words.len() {
            continue;
        }
        for w in words {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if (2..=5).contains(&w.chars().count())
                && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
            {
                set.insert(w.to_string());
            }
        }
    }
    set
}

struct Reader<'a> {
    toc: &'a [TocEntry],
    question_bullets: bool,
    caps_words: HashSet<String>,
    blocks: Vec<Block>,
    /// The number of the section being read ("4.4"), so that numbered
    /// paragraphs under it lose their numbers.
    section: Option<String>,
    /// (level, indent) of each item of the list being read.
    list: Vec<(u8, usize)>,
    /// The contents titles as `title_key` gives them.
    toc_keys: Vec<String>,
    /// The document's words, for mending words a line broke.
    words: HashSet<String>,
    /// Under a references heading: an entry ends at a line that ends with
    /// a full stop, so that entries set one under another stay apart while
    /// an entry that wraps is joined.
    in_references: bool,
    /// What the reader did that a person should check (a cell cut at a
    /// column's edge).
    warnings: Vec<Warning>,
}

/// One stretch of lines between blank lines.
struct Group<'l> {
    lines: Vec<&'l Line>,
}

impl<'a> Reader<'a> {
    fn run(&mut self, lines: &[Line]) {
        let mut group: Vec<&Line> = Vec::new();
        for l in lines {
            if l.text.trim().is_empty() {
                if !group.is_empty() {
                    self.group(Group { lines: std::mem::take(&mut group) });
                }
            } else {
                group.push(l);
            }
        }
        if !group.is_empty() {
            self.group(Group { lines: group });
        }
        self.split_flattened();
        self.lost_bullets();
        self.join_broken_paragraphs();
    }

    /// Text that an extraction flattened, a page to a line, still holds its
    /// headings: "1. Introduction NHS Halton CCG recognises ..." where the
    /// contents page names section 1 "Introduction", or "5. GOVERNANCE
    /// ARRANGEMENTS 5.1 The broad ...". Such paragraphs are cut at them,
    /// and long ones at their numbered paragraphs ("... 4.2 The Director").
    fn split_flattened(&mut self) {
        let mut out = Vec::with_capacity(self.blocks.len());
        for b in std::mem::take(&mut self.blocks) {
            let Kind::Paragraph { text } = &b.kind else {
                out.push(b);
                continue;
            };
            let long = text.plain.len() >= 200;
            let cuts = self.flattened_headings(&text.plain);
            if cuts.is_empty() && (!long || sub_numbers(&text.plain).len() < 2) {
                out.push(b);
                continue;
            }
            let mut start = 0;
            let t = text.plain.clone();
            for (at, end, level, number, title) in cuts {
                push_pieces(&mut out, &t[start..at], b.loc);
                let text = Text::plain(&self.title_case(&title));
                out.push(Block::new(Kind::Heading { level, number: Some(number), text }, b.loc));
                start = end;
            }
            push_pieces(&mut out, &t[start..], b.loc);
        }
        self.blocks = out;
    }

    /// Headings inside a flattened paragraph: (start, end, level, number, title).
    fn flattened_headings(&self, t: &str) -> Vec<(usize, usize, u8, String, String)> {
        let mut cuts = Vec::new();
        for c in INLINE_NUMBER.captures_iter(t) {
            let m = c.get(1).expect("number");
            let number = m.as_str().trim_end_matches('.').to_string();
            let after = &t[c.get(0).expect("match").end()..];
            let toc = self.toc.iter().find(|e| {
                e.number.as_deref() == Some(number.as_str())
                    && after.to_lowercase().starts_with(&e.title.to_lowercase())
                    && after[e.title.len().min(after.len())..].starts_with([' ', '\t'])
            });
            let (title_len, title) = match toc {
                Some(e) => (e.title.len(), e.title.clone()),
                None => match caps_run(after, &number) {
                    Some(n) => (n, after[..n].trim().to_string()),
                    None => continue,
                },
            };
            if number.contains('.') && toc.is_none() {
                continue;
            }
            let end = c.get(0).expect("match").end() + title_len;
            cuts.push((m.start(), end, number.split('.').count() as u8, number, title));
        }
        cuts
    }

    /// Bullets that extraction lost: after a paragraph that announces a list
    /// ("... the following:-"), a run of two or more short lines, each its
    /// own paragraph and none a sentence, are the list's items.
    fn lost_bullets(&mut self) {
        let mut i = 0;
        while i < self.blocks.len() {
            let announces = matches!(&self.blocks[i].kind, Kind::Paragraph { text }
                if text.plain.trim_end().trim_end_matches(['.', ' ']).ends_with([':', '-']));
            i += 1;
            if !announces {
                continue;
            }
            let run = self.blocks[i..]
                .iter()
                .take_while(|b| matches!(&b.kind, Kind::Paragraph { text } if is_item_like(&text.plain)))
                .count();
            if run >= 2 {
                // A piece of one or two words after an item that does not
                // end its phrase is that item's last line ("... for security" / "management").
                let mut items: Vec<Block> = Vec::new();
                for b in self.blocks.drain(i..i + run) {
                    let Kind::Paragraph { text } = b.kind else { continue };
                    if let Some(Block { kind: Kind::ListItem { text: prev, .. }, .. }) = items.last_mut() {
                        let open = !prev.plain.trim_end().ends_with([',', ';', '.', ':']);
                        if open && continues_sentence(&text.plain) && text.plain.split_whitespace().count() <= 2 {
                            *prev = Text::plain(&join_in(&prev.plain, &text.plain, Some(&self.words)));
                            continue;
                        }
                    }
                    items.push(Block::new(Kind::ListItem { level: 1, ordered: false, text }, b.loc));
                }
                let n = items.len();
                self.blocks.splice(i..i, items);
                i += n;
            }
        }
    }

    fn group(&mut self, g: Group) {
        let mut i = 0;
        while i < g.lines.len() {
            let line = g.lines[i];
            // "1    Introduction": a number set apart from its title by a
            // tab or spaces is a heading, not a row of two cells, unless it
            // continues a table.
            let in_rows = i > 0 && is_row(&g.lines[i - 1].text);
            if let Some(h) = spaced_heading(&line.text).filter(|_| !in_rows) {
                if self.heading(&h, line.no, false) {
                    i += 1;
                    continue;
                }
            }
            // "   •   the GP summary": a bullet set apart from its item is no row.
            let lone_bullet = cells(&line.text).first().is_some_and(|c| BULLET.is_match(&format!("{} x", c.trim())));
            if is_row(&line.text) && !(lone_bullet && self.list_item(&line.text).is_some()) {
                let heading_first = i == 0 && cells(&line.text).iter().filter(|c| !c.trim().is_empty()).count() == 1;
                if heading_first && self.heading(&line.text.replace('\t', " "), line.no, true) {
                    i += 1;
                    continue;
                }
                let start = i;
                let tabbed = line.text.contains('\t');
                // Inside a laid-out table a row may keep only two spaces
                // between a long label and its value.
                let in_table = |prev: &str, t: &str| {
                    is_row(t) || (!tabbed && (t.starts_with("   ") || aligned(prev, t) || label_overruns(prev, t)))
                };
                while i < g.lines.len() && (i == start || in_table(&g.lines[i - 1].text, &g.lines[i].text)) {
                    i += 1;
                }
                self.table(&g.lines[start..i]);
                continue;
            }
            let last = i + 1 == g.lines.len();
            // Laid-out text without blank lines between paragraphs: a
            // numbered title after a finished sentence starts a section.
            let after_sentence = i > 0 && g.lines[i - 1].text.trim_end().ends_with(['.', ':', '?', '!']);
            let titled = heading_number(&line.text).is_some() || self.in_toc(&line.text).is_some();
            let opens = i == 0 || numbered_caps(&line.text) || (after_sentence && titled);
            let alone = opens && (last || self.starts_block(&g.lines[i + 1].text) || !numbered_caps(&line.text));
            if alone && self.heading(&line.text, line.no, false) {
                i += 1;
                continue;
            }
            if let Some(item) = self.list_item(&line.text) {
                let (level_indent, ordered, first) = item;
                let mut text = first;
                let no = line.no;
                i += 1;
                while i < g.lines.len() && !is_row(&g.lines[i].text) && !self.starts_block(&g.lines[i].text) {
                    push_joined(&mut text, g.lines[i].text.trim(), Some(&self.words));
                    i += 1;
                }
                self.push_item(level_indent, ordered, &text, no);
                continue;
            }
            let no = line.no;
            let mut text = line.text.trim().to_string();
            i += 1;
            // "Summary" over its paragraph, with no blank line between: a
            // short line that ends no sentence stands alone.
            if i < g.lines.len() && is_label_line(&text) && g.lines[i].text.trim_start().starts_with(char::is_uppercase)
            {
                self.paragraph(&text, no);
                continue;
            }
            while i < g.lines.len() && self.continues(&text, &g.lines[i].text) {
                push_joined(&mut text, g.lines[i].text.trim(), Some(&self.words));
                i += 1;
            }
            self.paragraph(&text, no);
        }
    }

    /// Whether `next` goes on the paragraph `text` has begun: not a row, nor
    /// a block of its own, nor after a reference's closing full stop, unless
    /// it is the reference's "London: NICE." tail.
    fn continues(&self, text: &str, next: &str) -> bool {
        let entry_ends = self.in_references && text.ends_with('.');
        let tail = self.in_references && super::references::is_place_and_publisher(next.trim());
        tail || !is_row(next) && !self.starts_block(next) && !entry_ends
    }

    /// Whether a line begins a new block inside a group (a bullet, a numbered paragraph).
    fn starts_block(&self, text: &str) -> bool {
        self.list_item(text).is_some()
            || numbered_caps(text)
            || labelled_line(text)
            || NUMBERED.captures(text.trim()).is_some_and(|c| c[1].contains('.') && c.get(2).is_some())
    }

    /// Reads `text` as a heading if it is one; returns whether it was.
    fn heading(&mut self, text: &str, no: u32, in_table: bool) -> bool {
        let worded = without_section_word(text.trim());
        let t = worded.as_deref().unwrap_or(text.trim());
        if t.is_empty() || t.len() > 140 {
            return false;
        }
        let loc = Loc::Line { line: no };
        if let Some(c) = APPENDIX.captures(t) {
            let rest = c[3].trim();
            let title =
                if rest.is_empty() { t.to_string() } else { format!("{} {}: {}", title_word(&c[1]), &c[2], rest) };
            self.push_heading(1, None, &self.title_case(&title), loc);
            return true;
        }
        if let Some(c) = NUMBERED.captures(t) {
            let number = c[1].to_string();
            let Some(rest) = c.get(2).map(|m| m.as_str().trim()) else { return false };
            if self.is_title(rest, &number) {
                let level = number_level(&number);
                let title = self.title_case(rest);
                self.section = Some(number.clone());
                self.push_heading(level, Some(number), &title, loc);
                return true;
            }
            return false;
        }
        if in_table {
            return false;
        }
        if let Some(rest) = LETTERED.captures(t).and_then(|c| c.get(1)).filter(|r| is_caps_title(r.as_str())) {
            self.push_heading(1, None, &self.title_case(rest.as_str()), loc);
            return true;
        }
        if let Some(entry) = self.in_toc(t) {
            let level = entry.number.as_ref().map_or(1, |n| n.split('.').count() as u8);
            self.push_heading(level, entry.number.clone(), &self.title_case(t), loc);
            return true;
        }
        if is_caps_title(t) {
            let level = self.blocks.iter().rev().find_map(|b| b.heading().map(|(l, _)| l)).map_or(1, |l| l.min(1));
            self.push_heading(level, None, &self.title_case(t), loc);
            return true;
        }
        false
    }

    /// A heading's text after its number: short, starting with a capital,
    /// not a sentence; and its number follows on from the last heading's.
    fn is_title(&self, rest: &str, number: &str) -> bool {
        let words = rest.split_whitespace().count();
        let first = rest.chars().next().unwrap_or(' ');
        let ends_sentence = rest.ends_with(['.', ',', ';', ':', '-']) && !rest.ends_with("etc.");
        let in_toc = self.in_toc(rest).is_some();
        if in_toc {
            return true;
        }
        if !(first.is_uppercase() || first.is_ascii_digit()) || words > 12 || rest.len() > 100 || ends_sentence {
            return false;
        }
        if !is_caps_title(rest) && !title_like(rest) {
            return false;
        }
        // "GOVERNANCE ARRANGEMENTS 5.1 The broad ...": a heading run into its
        // first numbered paragraph, which `split_flattened` cuts apart.
        if SUB_NUMBER.is_match(rest) {
            return false;
        }
        // A number that goes backwards (after 4.2, "2.1 ...") is a paragraph of a list.
        match self.last_number() {
            Some(last) => !goes_backwards(&last, number),
            None => true,
        }
    }

    /// The contents entry whose title is `t`, if any.
    fn in_toc(&self, t: &str) -> Option<&TocEntry> {
        if t.len() > 200 || self.toc.is_empty() {
            return None;
        }
        let key = title_key(t);
        (!key.is_empty()).then(|| self.toc_keys.iter().position(|k| *k == key).map(|i| &self.toc[i])).flatten()
    }

    fn last_number(&self) -> Option<String> {
        self.blocks.iter().rev().find_map(|b| match &b.kind {
            Kind::Heading { number: Some(n), .. } => Some(n.clone()),
            _ => None,
        })
    }

    fn push_heading(&mut self, level: u8, number: Option<String>, title: &str, loc: Loc) {
        self.in_references = super::references::is_references_heading(title);
        let text = Text::plain(title);
        self.blocks.push(Block::new(Kind::Heading { level: level.clamp(1, 5), number, text }, loc));
    }

    /// Capitals become title case ("OTHER RELEVANT / ASSOCIATED DOCUMENTS" →
    /// "Other Relevant / Associated Documents"); abbreviations that the text
    /// writes in capitals elsewhere stay.
    fn title_case(&self, text: &str) -> String {
        if text.chars().any(char::is_lowercase) {
            return text.to_string();
        }
        const SMALL: [&str; 12] = ["and", "or", "of", "the", "with", "for", "to", "in", "on", "a", "an", "by"];
        let mut out = Vec::new();
        for (i, w) in text.split_whitespace().enumerate() {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = w.to_lowercase();
            if self.caps_words.contains(core) && core.len() <= 6 {
                out.push(w.to_string());
            } else if i > 0 && SMALL.contains(&lower.as_str()) {
                out.push(lower);
            } else {
                out.push(title_word(w));
            }
        }
        out.join(" ")
    }

    fn list_item(&self, text: &str) -> Option<(usize, bool, String)> {
        if let Some(c) = BULLET.captures(text) {
            if &c[2] == "?" && !self.question_bullets {
                return None;
            }
            if &c[2] == "o" && c[3].starts_with(|ch: char| ch.is_lowercase()) && c[1].is_empty() {
                return None;
            }
            return Some((c[1].len(), false, c[3].trim().to_string()));
        }
        if let Some(c) = ORDERED.captures(text) {
            return Some((c[1].len(), true, c[4].trim().to_string()));
        }
        // "1. Care Quality Commission (2020). Regulations ...": a numbered
        // line that is a sentence, not a title, is an item of a numbered list.
        let c = DOTTED_ITEM.captures(text)?;
        // "5. GOVERNANCE ARRANGEMENTS 5.1 ...": a heading in capitals run
        // into its text, which `split_flattened` cuts; "2. NHS Protects ..."
        // is an item.
        let is_caps =
            |w: &str| w.chars().filter(|ch| ch.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
        let mut words = c[3].split_whitespace();
        let caps = words.next().is_some_and(is_caps) && words.next().is_some_and(is_caps);
        (c[3].len() < 400 && !caps && heading_number(text).is_none())
            .then(|| (c[1].len(), true, c[3].trim().to_string()))
    }

    fn push_item(&mut self, indent: usize, ordered: bool, text: &str, no: u32) {
        // Levels follow the indents seen in the current list.
        if !matches!(self.blocks.last().map(|b| &b.kind), Some(Kind::ListItem { .. })) {
            self.list.clear();
        }
        let level = match self.list.last() {
            None => 1,
            Some(&(l, ind)) if indent > ind => l + 1,
            Some(&(l, ind)) if indent == ind => l,
            Some(_) => self.list.iter().rev().find(|p| p.1 <= indent).map_or(1, |p| p.0),
        };
        self.list.push((level, indent));
        let loc = Loc::Line { line: no };
        self.blocks.push(Block::new(Kind::ListItem { level: level.min(6), ordered, text: Text::plain(text) }, loc));
    }

    fn paragraph(&mut self, text: &str, no: u32) {
        let loc = Loc::Line { line: no };
        // "References" alone on a line opens the references as a heading does.
        if text.split_whitespace().count() <= 3 && super::references::is_references_heading(text) {
            self.in_references = true;
        }
        let mut text = text.to_string();
        // "4.2 The Director of ..." under section 4: the builder numbers
        // sections, not paragraphs, so a paragraph's own number goes.
        if let Some(c) = NUMBERED.captures(&text) {
            if let (Some(section), Some(rest)) = (&self.section, c.get(2)) {
                let top = |n: &str| n.split('.').next().unwrap_or("").to_string();
                if c[1].contains('.') && top(&c[1]) == top(section) {
                    text = rest.as_str().to_string();
                }
            }
        }
        self.blocks.push(Block::new(Kind::Paragraph { text: Text::plain(&text) }, loc));
    }

    fn table(&mut self, lines: &[&Line]) {
        let tabbed = lines.iter().any(|l| l.text.contains('\t'));
        let mut rows: Vec<Row> = Vec::new();
        let columns = if tabbed { Vec::new() } else { column_starts(lines) };
        for l in lines {
            let cells: Vec<String> = if tabbed { cells(&l.text) } else { self.split_reported(l, &columns) };
            let mut cells: Vec<String> = cells.into_iter().map(|c| c.trim().to_string()).collect();
            while cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            // In laid-out text a cell that wraps gives a line with the first
            // column empty: it continues the row above.
            if !tabbed && cells.first().is_some_and(|c| c.is_empty()) {
                if let Some(prev) = rows.last_mut() {
                    for (k, c) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                        while prev.cells.len() <= k {
                            prev.cells.push(Text::default());
                        }
                        let joined = join(&prev.cells[k].plain, c);
                        prev.cells[k] = Text::plain(&joined);
                    }
                    continue;
                }
            }
            rows.push(Row { cells: cells.iter().map(|c| Text::plain(c)).collect(), loc: Loc::Line { line: l.no } });
        }
        // A caption typed in the table's first row ("References in full")
        // above the real header row is a paragraph.
        while rows.len() >= 2 && rows[0].filled().len() == 1 && rows[1].filled().len() >= 2 {
            let caption = rows.remove(0);
            let text = caption.cells.into_iter().find(|c| !c.is_empty()).unwrap_or_default();
            self.blocks.push(Block::new(Kind::Paragraph { text }, caption.loc));
        }
        let loc = rows.first().map_or(Loc::Line { line: lines[0].no }, |r| r.loc);
        self.blocks.push(Block::new(Kind::Table { rows }, loc));
    }

    /// A laid-out row's cells; a cut at a column's edge where only one space
    /// stood is reported, as the value may have been longer.
    fn split_reported(&mut self, l: &Line, columns: &[usize]) -> Vec<String> {
        let out = split_at_columns(&l.text, columns);
        // Cells as two spaces or more set them apart: a cut beyond those is at one space.
        let whole = l.text.split("  ").filter(|c| !c.trim().is_empty()).count();
        let filled: Vec<&String> = out.iter().filter(|c| !c.trim().is_empty()).collect();
        // "Accountable director: Director of …" cut after its colon is a label and its value.
        let at_labels = filled.iter().rev().skip(1).all(|c| c.trim_end().ends_with(':'));
        if filled.len() > whole && !at_labels {
            self.warnings.push(Warning::new(
                WarnKind::Check,
                Some(Loc::Line { line: l.no }),
                None,
                format!(
                    "“{}” was cut into cells where the columns above start, one space apart; check that no value was cut short",
                    super::warn::short(&l.text)
                ),
            ));
        }
        out
    }

    /// Paragraphs that a page break or a blank line cut in the middle of a
    /// sentence ("... and service" / "users.") are joined again; so is a
    /// numbered line taken for a heading that the next paragraph continues
    /// ("5.1 The Trust will employ ... Director" / "(SMD), and ...").
    fn join_broken_paragraphs(&mut self) {
        let mut out: Vec<Block> = Vec::with_capacity(self.blocks.len());
        // The plain text of the last paragraph while others join it; made
        // into its `Text` once (joining one at a time would copy it each time).
        let mut growing: Option<String> = None;
        let finish = |out: &mut Vec<Block>, growing: &mut Option<String>| {
            if let (Some(plain), Some(Block { kind: Kind::Paragraph { text }, .. })) = (growing.take(), out.last_mut())
            {
                *text = Text::plain(&plain);
            }
        };
        for b in std::mem::take(&mut self.blocks) {
            let continues = matches!(&b.kind, Kind::Paragraph { text } if continues_sentence(&text.plain));
            if let (Some(last), true) = (out.last_mut(), continues) {
                if let Kind::Heading { text, number: Some(_), .. } = &last.kind {
                    if !is_caps_title(&text.plain) {
                        last.kind = Kind::Paragraph { text: text.clone() };
                    }
                }
            }
            if let (Some(Block { kind: Kind::Paragraph { text: prev }, .. }), Kind::Paragraph { text }) =
                (out.last(), &b.kind)
            {
                let prev_plain = growing.as_deref().unwrap_or(&prev.plain);
                let ends = prev_plain.trim_end().ends_with(['.', '!', '?', ':', ';', ')', '"', '”', '’']);
                if !ends && continues_sentence(&text.plain) {
                    let buf = growing.get_or_insert_with(|| prev.plain.clone());
                    push_joined(buf, &text.plain, Some(&self.words));
                    continue;
                }
            }
            finish(&mut out, &mut growing);
            out.push(b);
        }
        finish(&mut out, &mut growing);
        self.blocks = out;
    }
}

/// "A. INTRODUCTION" → ("A", "INTRODUCTION"): a heading lettered in
/// capitals, for a heading style whose text keeps its letter.
pub fn heading_letter(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let rest = LETTERED.captures(t)?.get(1)?.as_str().trim();
    is_caps_title(rest).then(|| (t[..1].to_string(), rest.to_string()))
}

/// "Section 2 – Scope" → "2 Scope": the number without the word before it.
fn without_section_word(t: &str) -> Option<String> {
    let c = SECTION_WORD.captures(t)?;
    Some(format!("{} {}", &c[1], c[2].trim()))
}

/// A line of two cells, a heading number and a title ("1    Introduction",
/// "SECTION 1:   OUR AIM"), as one line with the number's word taken off.
fn spaced_heading(text: &str) -> Option<String> {
    let cells = cells(text);
    let filled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    if filled.len() != 2 || !NUMBER_CELL.is_match(filled[0]) {
        return None;
    }
    let number = filled[0].trim_end_matches([':', '–', '—', '-', ' ']);
    let joined = format!("{number} {}", filled[1]);
    Some(without_section_word(&joined).unwrap_or(joined))
}

/// A heading's level from its number: "3.1" is 2; "1.0" is 1, as its
/// trailing zero only pads the number.
fn number_level(number: &str) -> u8 {
    let mut parts: Vec<&str> = number.split('.').collect();
    while parts.len() > 1 && parts.last().is_some_and(|p| p.chars().all(|c| c == '0')) {
        parts.pop();
    }
    parts.len() as u8
}

/// A heading's hand-written number and its text: "4.2 Line managers" →
/// ("4.2", "Line managers"), "Section 2 – Scope" → ("2", "Scope"); `None` when the text does not start with one or
/// reads as a sentence.
pub fn heading_number(text: &str) -> Option<(String, String)> {
    let worded = without_section_word(text.trim());
    let c = NUMBERED.captures(worded.as_deref().unwrap_or(text.trim()))?;
    let rest = c.get(2)?.as_str().trim();
    let words = rest.split_whitespace().count();
    let first = rest.chars().next()?;
    let sentence = rest.ends_with(['.', ',', ';']) || rest.contains(". ") || rest.contains("://");
    (first.is_uppercase() && words <= 14 && !sentence).then(|| (c[1].to_string(), rest.to_string()))
}

fn title_word(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase(),
        None => String::new(),
    }
}

/// A title as compared with the contents: letters and digits, lower case.
fn title_key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// "1 SCOPE", "12. AMENDMENT HISTORY": a numbered line in capitals, a
/// heading even where no blank line sets it apart.
fn numbered_caps(text: &str) -> bool {
    NUMBERED.captures(text.trim()).and_then(|c| c.get(2)).is_some_and(|rest| {
        let rest = rest.as_str().trim_end_matches('\t');
        rest.chars().filter(|c| c.is_alphabetic()).count() >= 3 && is_caps_title(rest)
    })
}

/// A line of capitals standing alone: "BEHAVIOURAL STANDARDS FRAMEWORK".
fn is_caps_title(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4
        && letters.iter().all(|c| c.is_uppercase())
        && t.split_whitespace().count() <= 10
        && !t.ends_with(['.', ',', ';'])
}

/// Words a heading does not end with, and that title case leaves small.
const SMALL_WORDS: [&str; 24] = [
    "a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is", "of", "on", "or", "the", "to", "with",
    "will", "against", "are", "that", "which", "within",
];

/// A title rather than the start of a sentence: short, or most of its words
/// capitalised, and not ending on a word that needs more after it.
fn title_like(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if SMALL_WORDS.contains(&last.trim_matches(|c: char| !c.is_alphabetic())) {
        return false;
    }
    let content: Vec<&&str> = words.iter().filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str())).collect();
    let capitalised =
        content.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())).count();
    words.len() <= 4 || capitalised * 2 >= content.len()
}

/// Text that starts in the middle of a sentence: lower case, or a bracket
/// or quotation mark.
fn continues_sentence(t: &str) -> bool {
    let first = t.trim_start().chars().next().unwrap_or('A');
    first.is_lowercase() || matches!(first, '(' | '‘' | '\'')
}

static INLINE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,2}(?:\.\d{1,2})?\.?)\s+").expect("inline number"));
static SUB_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,2})\.(\d{1,2})\s+[A-Z]").expect("sub number"));

/// "GOVERNANCE ARRANGEMENTS 5.1 ...": capitals up to the section's first
/// numbered paragraph; the length of the capitals.
fn caps_run(after: &str, number: &str) -> Option<usize> {
    let first_para = format!("{number}.1 ");
    let end = after.find(&first_para)?;
    let head = after[..end].trim_end();
    (is_caps_title(head) && head.split_whitespace().count() <= 8).then_some(head.len())
}

/// The numbered paragraphs ("4.2 The ...") in a run of text: byte offsets
/// where each number starts, when they follow on (4.1, 4.2, 4.3 ...).
fn sub_numbers(t: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last: Option<(u32, u32)> = None;
    for c in SUB_NUMBER.captures_iter(t) {
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        let follows = match last {
            None => true,
            Some((la, lb)) => (a == la && b == lb + 1) || (a == la + 1 && b == 1),
        };
        if follows {
            out.push(c.get(1).expect("number").start());
            last = Some((a, b));
        }
    }
    out
}

/// Pushes a piece of a flattened paragraph, cut at its numbered paragraphs,
/// each without its number.
fn push_pieces(out: &mut Vec<Block>, piece: &str, loc: Loc) {
    let piece = piece.trim();
    if piece.is_empty() {
        return;
    }
    let mut starts = sub_numbers(piece);
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.push(piece.len());
    let parts: Vec<&str> = starts.windows(2).map(|w| piece[w[0]..w[1]].trim()).collect();
    for (k, part) in parts.iter().enumerate() {
        let numbered = SUB_NUMBER.captures(part).filter(|c| c.get(0).is_some_and(|m| m.start() == 0));
        let body = numbered.as_ref().map_or(*part, |c| part[c.get(2).expect("number").end()..].trim_start());
        // "... culture. NHS Protect Standards 9.3 The primary aim": a title
        // between the end of one paragraph and the next number heads it.
        // "6.4 Directors It is the responsibility ...": a numbered paragraph
        // that opens with its own title.
        let body = match (numbered.as_ref(), leading_title(body)) {
            (Some(n), Some(end)) => {
                let text = Text::plain(body[..end].trim());
                let number = Some(format!("{}.{}", &n[1], &n[2]));
                out.push(Block::new(Kind::Heading { level: 2, number, text }, loc));
                body[end..].trim_start()
            }
            _ => body,
        };
        let (body, title) = match parts.get(k + 1).and_then(|next| numbered_tail_title(body, next)) {
            Some(at) => (body[..at].trim_end(), Some(body[at..].trim())),
            None => (body, None),
        };
        if !body.is_empty() {
            out.push(Block::new(Kind::Paragraph { text: Text::plain(body) }, loc));
        }
        if let (Some(t), Some(n)) = (title, parts.get(k + 1).and_then(|p| SUB_NUMBER.captures(p))) {
            let number = format!("{}.{}", &n[1], &n[2]);
            out.push(Block::new(Kind::Heading { level: 2, number: Some(number), text: Text::plain(t) }, loc));
        }
    }
}

/// The length of a title that opens a flattened numbered paragraph: words
/// in title case up to the word that starts its first sentence ("The",
/// "It", ...) or that repeats the title's first word ("CCG Employees CCG
/// employees are ...").
fn leading_title(body: &str) -> Option<usize> {
    const STARTERS: [&str; 12] = ["The", "It", "This", "These", "All", "A", "An", "Each", "Every", "In", "To", "We"];
    let mut end = 0;
    let mut first: Option<&str> = None;
    for (count, (at, word)) in
        body.split_whitespace().map(|w| (w.as_ptr() as usize - body.as_ptr() as usize, w)).enumerate()
    {
        let repeats = first.is_some_and(|f| f.eq_ignore_ascii_case(word));
        if count > 0 && (STARTERS.contains(&word) || repeats) {
            return (count <= 6).then_some(end);
        }
        let titled = word.starts_with(|c: char| c.is_uppercase() || c == '(') || SMALL_WORDS.contains(&word);
        if !titled || count >= 6 {
            return None;
        }
        first.get_or_insert(word);
        end = at + word.len();
    }
    None
}

/// Where a title in title case starts at the end of `body`, after its last
/// sentence, when the next piece starts with a number.
fn numbered_tail_title(body: &str, next: &str) -> Option<usize> {
    let next_numbered = SUB_NUMBER.find(next).is_some_and(|m| m.start() == 0);
    if !next_numbered {
        return None;
    }
    let at = body.rfind(". ")? + 2;
    let tail = &body[at..];
    let words: Vec<&str> = tail.split_whitespace().collect();
    let capitalised = words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()) || SMALL_WORDS.contains(w));
    ((2..=6).contains(&words.len()) && capitalised && !tail.ends_with(['.', ',', ';', ':'])).then_some(at)
}

/// "Review Date: 01/09/2020", "Protocol ID  KB-PRO-021": a control box's
/// line, one to a value, its label ended by a colon or a column's gap.
fn labelled_line(text: &str) -> bool {
    let t = text.trim();
    super::labels::at_start(t).is_some_and(|l| {
        let after = &t[l.label.len()..];
        after.trim_start().starts_with(':') || (after.starts_with("  ") && !l.rest.is_empty())
    })
}

/// A line of one to four words that ends no sentence ("Summary").
fn is_label_line(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=4).contains(&words) && !t.ends_with(['.', ',', ';', ':']) && t.starts_with(char::is_uppercase)
}

/// A short line that is no sentence: a list item whose bullet was lost.
fn is_item_like(t: &str) -> bool {
    let t = t.trim();
    let words = t.split_whitespace().count();
    (1..=16).contains(&words)
        && !t.trim_end_matches('.').contains(". ")
        && !t.trim_end_matches('.').ends_with([':', '-'])
}

fn goes_backwards(last: &str, number: &str) -> bool {
    let parse = |s: &str| s.split('.').map(|p| p.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>();
    let (a, b) = (parse(last), parse(number));
    b[0] < a[0] || b[0] > a[0] + 3
}

/// Whether a line is a table row: cells separated by tabs, or by three or
/// more spaces in laid-out text.
fn is_row(text: &str) -> bool {
    text.contains('\t') || (text.trim().contains("   ") && cells_by_spaces(text).len() >= 2)
}

fn cells(text: &str) -> Vec<String> {
    if text.contains('\t') {
        text.trim_end_matches([' ', '\t']).split('\t').map(str::to_string).collect()
    } else {
        cells_by_spaces(text).into_iter().map(|(_, c)| c).collect()
    }
}

/// A line whose cells, split at two spaces, start where the cells of the
/// row above start: a row whose label nearly fills its column.
fn aligned(prev: &str, line: &str) -> bool {
    let starts = |t: &str, gap: usize| -> Vec<usize> {
        let chars: Vec<char> = t.chars().collect();
        (1..chars.len())
            .filter(|&k| chars[k] != ' ' && k >= gap && chars[k - gap..k].iter().all(|c| *c == ' '))
            .collect()
    };
    let above = starts(prev, 3);
    starts(line, 2).iter().any(|s| above.iter().any(|a| a.abs_diff(*s) <= 2))
}

/// "Ratifying Committee Clinical Policies Group" under "Reference    CLIN-017":
/// a label too long for its column leaves one space before the value, which
/// still starts where the values of the row above start.
fn label_overruns(prev: &str, line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    // A word start after one space, within a column's width of the values' start.
    let value_at = |p: usize| {
        p >= 2 && chars.get(p - 1) == Some(&' ') && chars[p - 2] != ' ' && chars.get(p).is_some_and(|ch| *ch != ' ')
    };
    cells_by_spaces(prev).iter().skip(1).any(|&(c, _)| {
        (c.saturating_sub(1)..=c + 2)
            // The label fills the cell up to the value: no words of a value before it.
            .filter(|&p| value_at(p))
            .any(|p| {
                super::labels::in_label_column(&chars[..p].iter().collect::<String>())
                    .is_some_and(|l| l.rest.is_empty())
            })
    })
}

/// Cells of laid-out text with the column each starts at.
fn cells_by_spaces(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            if chars[i] == ' ' {
                let gap = chars[i..].iter().take_while(|c| **c == ' ').count();
                if gap >= 3 {
                    break;
                }
                i += gap;
            } else {
                i += 1;
                end = i;
            }
        }
        out.push((start, chars[start..end].iter().collect()));
    }
    out
}

/// The columns of a block of laid-out rows: positions where cells start,
/// close positions (within two characters) taken as one column.
fn column_starts(lines: &[&Line]) -> Vec<usize> {
    // A mark (✓, X) centred under its column's heading opens no column of its own.
    let mut starts: Vec<usize> = lines
        .iter()
        .flat_map(|l| cells_by_spaces(&l.text))
        .filter(|(_, c)| c.chars().count() > 1)
        .map(|(s, _)| s)
        .collect();
    starts.sort_unstable();
    let mut cols: Vec<usize> = Vec::new();
    for s in starts {
        if cols.last().is_none_or(|&c| s > c + 2) {
            cols.push(s);
        }
    }
    cols
}

fn split_at_columns(text: &str, columns: &[usize]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![String::new(); columns.len().max(1)];
    for (start, cell) in cells_by_spaces(text) {
        // A cell that runs over the start of the next column with one space
        // before it ("13 November 2017 Page 3") is two cells.
        let end = start + cell.chars().count();
        let mut cuts: Vec<usize> = columns
            .iter()
            .copied()
            .filter(|&c| {
                c > start && c < end && chars.get(c - 1) == Some(&' ') && chars.get(c).is_some_and(|ch| *ch != ' ')
            })
            .collect();
        cuts.insert(0, start);
        cuts.push(end);
        for w in cuts.windows(2) {
            let piece: String = chars[w[0]..w[1]].iter().collect();
            let k = columns.iter().rposition(|&c| c <= w[0] + 2).unwrap_or(0);
            out[k] = join(&out[k], piece.trim());
        }
    }
    out
}

/// Joins two pieces of wrapped text (see [`join_in`]), without knowing the
/// rest of the document.
pub fn join(a: &str, b: &str) -> String {
    join_in(a, b, None)
}

/// Joins two pieces of wrapped text. A word broken with a hyphen at the end
/// of a line is mended when the document writes it whole elsewhere, kept
/// hyphenated when it writes it so; otherwise a stem of three letters or
/// more that does not usually start a compound ("self-", "non-"), before a
/// word that does not usually end one ("-time", "-based"), loses the hyphen.
pub fn join_in(a: &str, b: &str, words: Option<&HashSet<String>>) -> String {
    let mut s = a.to_string();
    push_joined(&mut s, b, words);
    s
}

/// [`join_in`] onto the end of `buf`, in place.
fn push_joined(buf: &mut String, b: &str, words: Option<&HashSet<String>>) {
    buf.truncate(buf.trim_end().len());
    let b = b.trim_start();
    if buf.is_empty() || b.is_empty() {
        buf.push_str(b);
        return;
    }
    // An address that the line broke after a "/", "." or "-" goes on
    // without a space.
    let last_token = buf.rsplit(char::is_whitespace).next().unwrap_or("");
    if (last_token.contains("://") || last_token.starts_with("www.")) && buf.ends_with(['/', '.', '-', '_']) {
        buf.push_str(b);
        return;
    }
    if !buf.ends_with('-') {
        buf.push(' ');
        buf.push_str(b);
        return;
    }
    let stem = &buf[..buf.len() - 1];
    let next_lower = b.chars().next().is_some_and(char::is_lowercase);
    let head: String =
        stem.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    if !next_lower || head.is_empty() {
        buf.push(' ');
        buf.push_str(b);
        return;
    }
    let tail: String = b.chars().take_while(|c| c.is_alphabetic()).collect();
    let whole = format!("{head}{tail}").to_lowercase();
    let hyphenated = format!("{head}-{tail}").to_lowercase();
    let broken = match words {
        Some(w) if w.contains(&whole) => true,
        Some(w) if w.contains(&hyphenated) => false,
        _ => {
            head.chars().count() >= 3
                && !COMPOUND_STEMS.contains(&head.to_lowercase().as_str())
                && !COMPOUND_ENDS.contains(&tail.as_str())
        }
    };
    if broken {
        buf.pop();
    }
    buf.push_str(b);
}

/// Stems that usually start a hyphenated compound.
const COMPOUND_STEMS: [&str; 14] =
    ["self", "non", "anti", "cross", "multi", "post", "inter", "pre", "well", "long", "short", "full", "part", "high"];
/// Words that usually end one.
const COMPOUND_ENDS: [&str; 16] = [
    "time", "term", "based", "led", "related", "wide", "up", "to", "day", "face", "year", "date", "level", "making",
    "free", "specific",
];

/// The words of a document as it writes them (lower case, hyphens kept), for
/// mending broken words.
fn document_words(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.text.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        .filter(|w| w.len() >= 4 && !w.ends_with('-'))
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        read(text)
            .blocks
            .iter()
            .map(|b| match &b.kind {
                Kind::Heading { level, text, .. } => format!("h{level} {}", text.plain),
                Kind::Paragraph { text } => format!("p {}", text.plain),
                Kind::ListItem { level, text, .. } => format!("li{level} {}", text.plain),
                Kind::Table { rows } => {
                    format!("table {}", rows.iter().map(|r| r.plain().join("|")).collect::<Vec<_>>().join(" / "))
                }
                Kind::Image { .. } => "img".into(),
            })
            .collect()
    }

    #[test]
    fn headings_lists_tables_and_paragraphs() {
        let text = "1. SUMMARY\n\nThe strategy has\nbeen developed.\n\n4.2 Line managers\n\n- one\n- two\n - two a\n\nName\tJob Title\nA\tB\n\nNo one can guarantee that\n\nusers.\n";
        assert_eq!(
            kinds(text),
            [
                "h1 Summary",
                "p The strategy has been developed.",
                "h2 Line managers",
                "li1 one",
                "li1 two",
                "li2 two a",
                "table Name|Job Title / A|B",
                "p No one can guarantee that users."
            ]
        );
    }

    #[test]
    fn laid_out_columns_and_numbered_paragraphs() {
        let text = "2 SCOPE\n\n2.1 This strategy applies to all services and\nat all levels.\n\nVersion    Date         Description\n1          01/01/2020   New\n2          01/01/2021   Whole document\n                        reviewed\n";
        assert_eq!(
            kinds(text),
            [
                "h1 Scope",
                "p This strategy applies to all services and at all levels.",
                "table Version|Date|Description / 1|01/01/2020|New / 2|01/01/2021|Whole document reviewed"
            ]
        );
    }

    #[test]
    fn a_cell_cut_at_one_space_is_reported() {
        let text = "Name          Value        Note\nFirst         One          a\nSecondxxxxxxx Two          b\n";
        let s = read(text);
        assert!(s.warnings.iter().any(|w| w.message.contains("cut into cells") && w.at == Some(Loc::Line { line: 3 })));
        let aligned = read("Name          Value        Note\nFirst         One          a\n");
        assert!(!aligned.warnings.iter().any(|w| w.message.contains("cut into cells")));
    }

    #[test]
    fn a_label_overrunning_its_column() {
        assert!(label_overruns(" Reference          CLIN-017", " Ratifying Committee Clinical Policies Group"));
        assert!(!label_overruns(" Reference          CLIN-017", " Lead Author: Sofia Reyes - Moving and Handling"));
        // A line that ends before the column is no row, and no panic.
        assert!(!label_overruns(" Reference          CLIN-017", " Ratified"));
    }

    #[test]
    fn broken_words() {
        assert_eq!(join("the organis-", "ation"), "the organisation");
        assert_eq!(join("NHS Protect self-", "assessment"), "NHS Protect self-assessment");
        assert_eq!(join("are con-", "trolled"), "are controlled");
        assert_eq!(join("staff (full-time and part-", "time)"), "staff (full-time and part-time)");
        let words: HashSet<String> = ["co-operate".to_string()].into();
        assert_eq!(join_in("to co-", "operate", Some(&words)), "to co-operate");
    }
}
