//! The parts of the Word package besides the document itself: content
//! types, relationships, styles, numbering, the document's properties,
//! and the zip that holds them.

use super::xml::text;
use std::fmt::Write as _;
use std::io::Write as _;

/// What `export` writes into `docProps/app.xml`, stored uncompressed so that
/// the bytes of the file show it: a `.docx` that carries it was made by
/// `export` and not saved since (Word and LibreOffice write their own
/// `app.xml`), so `export` may replace it; anything else is an author's
/// and is never overwritten.
pub const MARK: &str = "<Application>trustdocs export</Application>";

/// Whether a file's bytes are a package `export` made.
pub fn is_ours(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK") && bytes.windows(MARK.len()).any(|w| w == MARK.as_bytes())
}

/// What the document's text asks of the package as it is written: its
/// hyperlinks' relationships and its lists' numbering.
#[derive(Default)]
pub struct Parts {
    links: Vec<String>,
    /// The first number of each ordered list, each its own numbering so
    /// that every list counts from its own start.
    ordered: Vec<u64>,
    /// Each footnote's paragraphs, numbered from 1 in order.
    footnotes: Vec<String>,
}

/// numId of bullets; ordered lists are 2 and up.
const BULLETS: u32 = 1;

impl Parts {
    pub fn bullets(&mut self) -> u32 {
        BULLETS
    }

    pub fn ordered_list(&mut self, start: u64) -> u32 {
        self.ordered.push(start);
        BULLETS + self.ordered.len() as u32
    }

    /// Adds a footnote, the next number, of paragraphs already written.
    pub fn footnote(&mut self, paragraphs: String) {
        self.footnotes.push(paragraphs);
    }

    /// The relationship id of a hyperlink to `url`.
    pub fn hyperlink(&mut self, url: &str) -> String {
        self.links.push(url.to_string());
        format!("rIdLink{}", self.links.len())
    }

    /// The package: `document` is the `<w:body>`'s content.
    pub fn zip(&self, document: &str, title: &str, subject: &str) -> std::io::Result<Vec<u8>> {
        let failed = std::io::Error::other;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut parts: Vec<(&str, String, bool)> = vec![
            ("[Content_Types].xml", self.content_types(), false),
            ("_rels/.rels", ROOT_RELS.to_string(), false),
            ("word/document.xml", document_xml(document), false),
            ("word/_rels/document.xml.rels", self.rels(), false),
            ("word/styles.xml", super::styles::STYLES.to_string(), false),
            ("word/numbering.xml", self.numbering(), false),
            ("docProps/core.xml", core(title, subject), false),
            ("docProps/app.xml", APP.to_string(), true),
        ];
        if !self.footnotes.is_empty() {
            parts.push(("word/footnotes.xml", self.footnotes_xml(), false));
        }
        for (name, xml, keep_visible) in parts {
            z.start_file(name, if keep_visible { stored } else { deflated }).map_err(failed)?;
            z.write_all(xml.as_bytes())?;
        }
        z.finish().map_err(failed)?;
        Ok(buf.into_inner())
    }

    fn content_types(&self) -> String {
        let footnotes = r#"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>"#;
        let extra = if self.footnotes.is_empty() { "" } else { footnotes };
        CONTENT_TYPES.replace("</Types>", &format!("{extra}</Types>"))
    }

    /// Word's two separators (which every footnotes part starts with), then the notes.
    fn footnotes_xml(&self) -> String {
        let mut out = format!("{XML_HEAD}<w:footnotes {NS}>");
        out.push_str(r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"#);
        out.push_str(r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#);
        for (i, paragraphs) in self.footnotes.iter().enumerate() {
            let _ = write!(out, r#"<w:footnote w:id="{}">{paragraphs}</w:footnote>"#, i + 1);
        }
        out.push_str("</w:footnotes>");
        out
    }

    fn rels(&self) -> String {
        let mut out = String::from(XML_HEAD);
        out.push_str(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
        out.push_str(r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
        out.push_str(r#"<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
        if !self.footnotes.is_empty() {
            out.push_str(r#"<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#);
        }
        for (i, url) in self.links.iter().enumerate() {
            let _ = write!(
                out,
                r#"<Relationship Id="rIdLink{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#,
                i + 1,
                text(url)
            );
        }
        out.push_str("</Relationships>");
        out
    }

    fn numbering(&self) -> String {
        let mut out = String::from(XML_HEAD);
        out.push_str(&format!("<w:numbering {NS}>"));
        abstract_num(&mut out, 0, |l| ("bullet", ["•", "◦", "▪"][l as usize % 3].to_string()));
        abstract_num(&mut out, 1, |l| ("decimal", format!("%{}.", l + 1)));
        let _ = write!(out, r#"<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num>"#);
        for (i, start) in self.ordered.iter().enumerate() {
            let _ = write!(out, r#"<w:num w:numId="{}"><w:abstractNumId w:val="1"/>"#, BULLETS + 1 + i as u32);
            for l in 0..9 {
                let _ =
                    write!(out, r#"<w:lvlOverride w:ilvl="{l}"><w:startOverride w:val="{start}"/></w:lvlOverride>"#);
            }
            out.push_str("</w:num>");
        }
        out.push_str("</w:numbering>");
        out
    }
}

fn abstract_num(out: &mut String, id: u32, level: impl Fn(u32) -> (&'static str, String)) {
    let _ = write!(out, r#"<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="hybridMultilevel"/>"#);
    for l in 0..9 {
        let (format, marker) = level(l);
        let _ = write!(
            out,
            r#"<w:lvl w:ilvl="{l}"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="360"/></w:pPr></w:lvl>"#,
            text(&marker),
            720 * (l + 1)
        );
    }
    out.push_str("</w:abstractNum>");
}

pub const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
pub const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn document_xml(body: &str) -> String {
    // A4, 2.54 cm margins: the page the table widths are reckoned on.
    format!(
        r#"{XML_HEAD}<w:document {NS}><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

fn core(title: &str, subject: &str) -> String {
    format!(
        r#"{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject></cp:coreProperties>"#,
        text(title),
        text(subject)
    )
}

const APP: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#,
    "<Application>trustdocs export</Application>",
    "</Properties>"
);

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    "</Relationships>"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_package_export_made_is_ours() {
        let p = Parts::default().zip("", "T", "S").unwrap();
        assert!(is_ours(&p));
        assert!(!is_ours(b"PK\x03\x04 an author's document"));
        assert!(!is_ours(MARK.as_bytes()), "a text file that quotes the mark is not a package");
    }
}
