//! Small helpers over quick-xml for Office XML: attribute values, text with
//! its character references, and the refusal of document type declarations.
//!
//! quick-xml never expands entities a document declares; on top of that a
//! part with a `<!DOCTYPE` is refused outright (Word never writes one, and
//! it is how entity-expansion attacks begin). Only the five predefined
//! entities and numeric character references are read.

use quick_xml::events::{BytesRef, BytesStart};

/// Refuses a part that declares a document type.
pub fn refuse_doctype(name: &str, xml: &str) -> crate::Result<()> {
    if xml.contains("<!DOCTYPE") || xml.contains("<!ENTITY") {
        return Err(crate::Error::Import(format!(
            "{name} declares a document type or entities, which Word never writes; refused"
        )));
    }
    Ok(())
}

/// The value of an attribute by its qualified name (`w:val`), with
/// predefined entities read.
pub fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|c| c.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// An element's local name (`p` for `w:p`).
pub fn local<'a>(e: &'a BytesStart) -> &'a [u8] {
    let name = e.name().into_inner();
    match name.iter().position(|b| *b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The text a reference stands for: `&amp;` → `&`, `&#8217;` → `’`.
/// Any other name is not expanded.
pub fn reference(r: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
}

/// Whether a run property (`w:b`, `w:i`) is on: present, and not `w:val="0"`/`false`.
pub fn is_on(e: &BytesStart) -> bool {
    !matches!(attr(e, b"w:val").as_deref(), Some("0" | "false" | "none"))
}
