//! What Word's styles and numbering say about a paragraph: a heading level
//! (from the style's name "heading N" or an outline level, through
//! `basedOn`), the title style, and whether a numbered list is ordered.

use super::xml::{attr, local};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<String>,
}

#[derive(Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → numFmt.
    formats: HashMap<(String, u8), String>,
}

/// How a paragraph style reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Title,
    Heading(u8),
    ListParagraph,
    /// Word's Quote and Intense Quote: a quotation.
    Quote,
    /// Word's table of contents ("TOC Heading", "toc 1" …): page furniture.
    Contents,
    Body,
}

impl Styles {
    pub fn parse(styles_xml: Option<&str>, numbering_xml: Option<&str>) -> Styles {
        let mut s = Styles::default();
        if let Some(x) = styles_xml {
            s.read_styles(x);
        }
        if let Some(x) = numbering_xml {
            s.read_numbering(x);
        }
        s
    }

    fn read_styles(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e) {
                    b"style" => current = attr(&e, b"w:styleId").map(|id| (id, Style::default())),
                    b"name" => {
                        if let Some((_, st)) = &mut current {
                            st.name = attr(&e, b"w:val").unwrap_or_default().to_lowercase();
                        }
                    }
                    b"basedOn" => {
                        if let Some((_, st)) = &mut current {
                            st.based_on = attr(&e, b"w:val");
                        }
                    }
                    b"outlineLvl" => {
                        if let Some((_, st)) = &mut current {
                            st.outline = attr(&e, b"w:val").and_then(|v| v.parse().ok());
                        }
                    }
                    b"numId" => {
                        if let Some((_, st)) = &mut current {
                            st.num = attr(&e, b"w:val");
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => {
                    if let Some((id, st)) = current.take() {
                        self.styles.insert(id, st);
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut level: u8 = 0;
        let mut num_id: Option<String> = None;
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e) {
                    b"abstractNum" => abstract_id = attr(&e, b"w:abstractNumId"),
                    b"lvl" => level = attr(&e, b"w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                    b"numFmt" => {
                        if let (Some(a), Some(f)) = (&abstract_id, attr(&e, b"w:val")) {
                            self.formats.insert((a.clone(), level), f);
                        }
                    }
                    b"num" => num_id = attr(&e, b"w:numId"),
                    b"abstractNumId" => {
                        if let (Some(n), Some(a)) = (num_id.take(), attr(&e, b"w:val")) {
                            self.nums.insert(n, a);
                        }
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.local_name().as_ref() == b"abstractNum" => abstract_id = None,
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }

    /// A style and the styles it is based on, nearest first (cycles cut).
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = Some(id.to_string());
        while let Some(id) = next {
            let Some(st) = self.styles.get(&id) else { break };
            if out.len() >= 16 {
                break;
            }
            out.push(st);
            next = st.based_on.clone();
        }
        out
    }

    pub fn role(&self, style_id: Option<&str>, own_outline: Option<u8>) -> Role {
        if let Some(o) = own_outline.filter(|o| *o < 9) {
            return Role::Heading(o + 1);
        }
        let Some(id) = style_id else { return Role::Body };
        let chain = self.chain(id);
        let name = chain.first().map_or_else(|| id.to_lowercase(), |s| s.name.clone());
        if name == "title" || id.eq_ignore_ascii_case("title") {
            return Role::Title;
        }
        // Before headings: "TOC Heading" is based on "heading 1".
        let lower_id = id.to_lowercase();
        if name.starts_with("toc ")
            || (lower_id.starts_with("toc") && lower_id[3..].chars().all(|c| c.is_ascii_digit()))
        {
            return Role::Contents;
        }
        let heading_n = |n: &str| n.strip_prefix("heading ").and_then(|d| d.trim().parse::<u8>().ok());
        if let Some(n) = heading_n(&name).or_else(|| heading_n(&id.to_lowercase().replace("heading", "heading "))) {
            return Role::Heading(n.max(1));
        }
        if let Some(o) = chain.iter().find_map(|s| s.outline).filter(|o| *o < 9) {
            return Role::Heading(o + 1);
        }
        if name == "quote" || name == "intense quote" {
            return Role::Quote;
        }
        if name.starts_with("list") || chain.iter().any(|s| s.num.is_some()) {
            return Role::ListParagraph;
        }
        Role::Body
    }

    /// The numbering a style gives its paragraphs (a "List Bullet" style).
    pub fn style_num(&self, style_id: Option<&str>) -> Option<String> {
        style_id.and_then(|id| self.chain(id).iter().find_map(|s| s.num.clone()))
    }

    /// Whether level `ilvl` of numbering `num_id` counts (1, a, i) rather than bullets.
    pub fn ordered(&self, num_id: &str, ilvl: u8) -> bool {
        let Some(a) = self.nums.get(num_id) else { return false };
        self.formats.get(&(a.clone(), ilvl)).is_some_and(|f| f != "bullet" && f != "none")
    }

    /// numId 0 means "no numbering" in Word.
    pub fn is_numbered(&self, num_id: &str) -> bool {
        num_id != "0" && self.nums.contains_key(num_id)
    }
}
