//! Word documents (`.docx`), read in Rust from the Office Open XML: no
//! pandoc or Word needed, so `import` runs on a trust's Windows desktop as
//! it is. Only what the content format can hold is read: styles (headings,
//! title, lists), numbering, tables, bold and italic runs, hyperlinks,
//! footnotes and images.

mod body;
mod package;
pub mod review;
mod styles;
mod xml;

use crate::error::{Error, Result};
use crate::import::blocks::{Block, Kind, Loc, Row, Source, Text};
use crate::import::warn::{WarnKind, Warning};
use body::Rels;
use package::Package;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::Path;
use xml::{attr, local, reference, refuse_doctype};

/// An image to write into the content folder: its path there and its bytes.
pub struct Asset {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Reads a `.docx`. Images are named `{asset_dir}/image{N}.{ext}`.
pub fn read(path: &Path, asset_dir: &str) -> Result<(Source, Vec<Asset>)> {
    let mut pkg = Package::open(path)?;
    let document = pkg
        .xml("word/document.xml")?
        .ok_or_else(|| Error::Import("not a Word document: it has no word/document.xml".into()))?;
    refuse_doctype("word/document.xml", &document)?;
    let part = |pkg: &mut Package, name: &str| -> Result<Option<String>> {
        let x = pkg.xml(name)?;
        if let Some(x) = &x {
            refuse_doctype(name, x)?;
        }
        Ok(x)
    };
    let styles_xml = part(&mut pkg, "word/styles.xml")?;
    let numbering_xml = part(&mut pkg, "word/numbering.xml")?;
    let rels_xml = part(&mut pkg, "word/_rels/document.xml.rels")?;
    let footnotes_xml = part(&mut pkg, "word/footnotes.xml")?;
    let styles = styles::Styles::parse(styles_xml.as_deref(), numbering_xml.as_deref());
    let rels = relationships(rels_xml.as_deref());
    let walked = body::walk(&document, &styles, &rels);
    let mut warnings: Vec<Warning> =
        Warning::left_out(walked.contents, "paragraphs of the table of contents").into_iter().collect();
    let mut blocks = walked.blocks;
    let title = walked.title.and_then(|i| blocks.get(i)).map(Block::plain);
    let assets = images(&mut pkg, &rels, walked.images, asset_dir, &mut blocks, &mut warnings)?;
    let notes = footnotes(footnotes_xml.as_deref());
    for id in &walked.footnotes {
        if let Some(text) = notes.get(id) {
            let md = format!("[^{id}]: {}", crate::import::escape::escape(text));
            blocks.push(Block::new(
                Kind::Paragraph { text: Text { plain: text.clone(), md } },
                Loc::Paragraph { paragraph: 0 },
            ));
        }
    }
    let running_title = running_title(&mut pkg, &rels)?;
    let running = running_rows(&mut pkg, &rels)?;
    Ok((Source { blocks, warnings, title, running_title, running }, assets))
}

/// The tracked changes and comments of a `.docx` (`review.rs`), read with
/// the same bounds as its text.
pub fn review(path: &Path) -> Result<review::Review> {
    let mut pkg = Package::open(path)?;
    let document = pkg
        .xml("word/document.xml")?
        .ok_or_else(|| Error::Import("not a Word document: it has no word/document.xml".into()))?;
    let comments = pkg.xml("word/comments.xml")?;
    if let Some(c) = &comments {
        refuse_doctype("word/comments.xml", c)?;
    }
    Ok(review::read(&document, comments.as_deref()))
}

fn relationships(xml: Option<&str>) -> Rels {
    let mut rels = Rels { links: HashMap::new(), images: HashMap::new(), running: Vec::new() };
    let Some(xml) = xml else { return rels };
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(&e) == b"Relationship" => {
                let (Some(id), Some(kind), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Type"), attr(&e, b"Target"))
                else {
                    continue;
                };
                if kind.ends_with("/hyperlink") {
                    rels.links.insert(id, target);
                } else if kind.ends_with("/image") && attr(&e, b"TargetMode").is_none_or(|m| m != "External") {
                    rels.images.insert(id, target);
                } else if kind.ends_with("/footer") || kind.ends_with("/header") {
                    rels.running.push(target);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    rels
}

/// The package part a relationship of `word/document.xml` points to, or
/// `None` when it would leave the package's `word/` folder.
fn part_name(target: &str) -> Option<String> {
    let mut parts: Vec<&str> = vec!["word"];
    let target = target.strip_prefix('/').map_or(target.to_string(), |t| t.to_string());
    let base: Vec<&str> = if target.starts_with("word/") { Vec::new() } else { parts.clone() };
    parts = base;
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (parts.first() == Some(&"word")).then(|| parts.join("/"))
}

const IMAGE_KINDS: [(&str, &[u8]); 4] =
    [("png", b"\x89PNG\r\n\x1a\n"), ("jpg", b"\xff\xd8\xff"), ("gif", b"GIF8"), ("webp", b"RIFF")];

fn images(
    pkg: &mut Package,
    rels: &Rels,
    refs: Vec<body::ImageRef>,
    asset_dir: &str,
    blocks: &mut Vec<Block>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Asset>> {
    let mut assets = Vec::new();
    // Inserted from the last so that earlier indices stay right.
    let mut placed: Vec<(usize, Block)> = Vec::new();
    for r in refs {
        let Some(name) = rels.images.get(&r.rel).and_then(|t| part_name(t)) else {
            warnings.push(Warning::new(
                WarnKind::Dropped,
                Some(r.loc),
                None,
                "an image whose target is outside the document was left out",
            ));
            continue;
        };
        let Some(bytes) = pkg.read(&name, package::MAX_IMAGE)? else {
            warnings.push(Warning::new(
                WarnKind::Dropped,
                Some(r.loc),
                None,
                format!("the image {name} is missing from the package; left out"),
            ));
            continue;
        };
        let Some((ext, _)) = IMAGE_KINDS.iter().find(|(_, magic)| bytes.starts_with(magic)) else {
            warnings.push(Warning::new(
                WarnKind::Dropped,
                Some(r.loc),
                None,
                format!("the image {name} is not PNG, JPEG, GIF or WebP (a web page cannot show it); left out: export it as PNG and add it by hand"),
            ));
            continue;
        };
        let path = format!("{asset_dir}/image{}.{ext}", assets.len() + 1);
        if r.alt.trim().is_empty() {
            warnings.push(Warning::new(
                WarnKind::Missing,
                Some(r.loc),
                None,
                format!("the image {path} has no alt text in the document; write one"),
            ));
        }
        placed.push((r.at, Block::new(Kind::Image { asset: path.clone(), alt: r.alt.trim().to_string() }, r.loc)));
        assets.push(Asset { path, bytes });
    }
    for (at, block) in placed.into_iter().rev() {
        blocks.insert(at.min(blocks.len()), block);
    }
    Ok(assets)
}

/// The text of a header or footer that reads as a title once its page
/// number is taken out ("Security Management Strategy – 3 –").
fn running_title(pkg: &mut Package, rels: &Rels) -> Result<Option<String>> {
    for target in &rels.running {
        let Some(name) = part_name(target) else { continue };
        let Some(xml) = pkg.xml(&name)? else { continue };
        refuse_doctype(&name, &xml)?;
        let text = texts(&xml);
        let words: Vec<&str> = text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).collect();
        let all: Vec<&str> = text.split_whitespace().collect();
        let only_marks = all
            .iter()
            .all(|w| words.contains(w) || w.chars().all(|c| c.is_ascii_digit() || "-–—|/".contains(c)) || *w == "of");
        if (2..=10).contains(&words.len()) && only_marks && !words.iter().any(|w| w.eq_ignore_ascii_case("page")) {
            return Ok(Some(words.join(" ")));
        }
    }
    Ok(None)
}

/// The running headers' and footers' paragraphs, one row each, cells
/// split at tabs, for the labelled values some carry ("Ref: SOP-PH-031").
fn running_rows(pkg: &mut Package, rels: &Rels) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (k, target) in rels.running.iter().enumerate() {
        let Some(name) = part_name(target) else { continue };
        let Some(xml) = pkg.xml(&name)? else { continue };
        for (p, line) in texts(&xml).split('\n').filter(|l| !l.trim().is_empty()).enumerate() {
            let cells = line.split('\t').map(|c| Text::plain(c.trim())).collect();
            rows.push(Row { cells, loc: Loc::Running { part: k as u32 + 1, paragraph: p as u32 + 1 } });
        }
    }
    Ok(rows)
}

/// All the text of a part, runs joined; a tab as a tab, each paragraph
/// ended by a line break.
fn texts(xml: &str) -> String {
    let mut r = Reader::from_str(xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if local(&e) == b"t" => in_text = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"t" => in_text = false,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"p" => out.push('\n'),
            Ok(Event::Empty(e)) if local(&e) == b"tab" => out.push('\t'),
            Ok(Event::Text(t)) if in_text => out.push_str(&t.decode().unwrap_or_default()),
            Ok(Event::GeneralRef(g)) if in_text => out.push_str(&reference(&g).unwrap_or_default()),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Footnote texts by id (the separators Word keeps as footnotes are skipped).
fn footnotes(xml: Option<&str>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Some(xml) = xml else { return out };
    let mut r = Reader::from_str(xml);
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if local(&e) == b"footnote" => {
                current = attr(&e, b"w:id").filter(|_| attr(&e, b"w:type").is_none()).map(|id| (id, String::new()));
            }
            Ok(Event::Start(e)) if local(&e) == b"t" => in_text = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"t" => in_text = false,
            Ok(Event::End(e)) if e.local_name().as_ref() == b"p" => {
                if let Some((_, t)) = &mut current {
                    t.push(' ');
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"footnote" => {
                if let Some((id, t)) = current.take() {
                    out.insert(id, t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            Ok(Event::Text(t)) if in_text => {
                if let (Some((_, s)), Ok(d)) = (&mut current, t.decode()) {
                    s.push_str(&d);
                }
            }
            Ok(Event::GeneralRef(g)) if in_text => {
                if let (Some((_, s)), Some(d)) = (&mut current, reference(&g)) {
                    s.push_str(&d);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::part_name;

    #[test]
    fn relationship_targets_stay_in_the_package() {
        assert_eq!(part_name("media/image1.png").as_deref(), Some("word/media/image1.png"));
        assert_eq!(part_name("/word/media/a.png").as_deref(), Some("word/media/a.png"));
        assert_eq!(part_name("../../etc/passwd"), None);
        assert_eq!(part_name("../customXml/item1.xml"), None);
    }
}
