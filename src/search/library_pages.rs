//! The library's own pages that search finds beside the documents: each
//! role's page (its responsibilities across the library, the best answer
//! to "what must a line manager do") and each glossary term. Both are
//! taken from what the site publishes, so the public copy's search holds
//! only the public documents' role sections and the terms they use.

use super::extract::{Kind, SearchDoc, Source, ROLE_TYPE, TERM_TYPE};
use super::passages::SectionRef;
use crate::model::glossary::GlossaryMarker;
use crate::model::ShownStatus;
use crate::publish::{role_section_anchor, role_url, Publication};

/// A search page per role the site lists, with the text of every section
/// that gives it responsibilities, in the role page's order.
pub fn role_pages(site: &Publication) -> Vec<SearchDoc> {
    site.roles()
        .into_iter()
        .map(|role| {
            let mut sections = Vec::new();
            for (i, _) in site.listed() {
                let doc = site.lib.doc(i);
                for (at, s) in doc.body.sections.iter().enumerate() {
                    if s.role.as_deref() == Some(role.id.as_str()) {
                        let id = doc.id().map(|d| format!(" ({d})")).unwrap_or_default();
                        let label = format!("{}, {}{id}", s.label(), doc.title());
                        let anchor = role_section_anchor(doc, &s.anchor);
                        sections.push((doc.clone(), at, SectionRef { anchor, label }));
                    }
                }
            }
            let headings = sections.iter().map(|(_, _, s)| s.label.as_str()).collect::<Vec<_>>().join("\n");
            let names = [vec![role.id.clone(), role.title.clone()], role.aliases.clone()].concat();
            SearchDoc {
                kind: Kind::Role,
                title: role.title.clone(),
                url: role_url(&role.id),
                doc_type: ROLE_TYPE.to_string(),
                summary: role.description.clone().unwrap_or_default(),
                headings,
                roles: names.join("\n"),
                source: Source::Role(sections, contact_passage(site, role)),
                ..blank()
            }
        })
        .collect()
}

/// A role's contact as the first passage of its search page, named with
/// the role's title and first alias so that "who is the LSMS" shows it as the
/// snippet: `None` without a contact, and always in the public copy.
fn contact_passage(site: &Publication, role: &crate::config::Role) -> Option<(String, SectionRef)> {
    let c = site.role_contact(role)?;
    let alias = role.aliases.first().map(|a| format!(" ({a})")).unwrap_or_default();
    let parts: Vec<String> = [
        c.name.clone(),
        c.phone.clone(),
        c.email.clone(),
        c.url.as_ref().map(|u| u.as_str().to_string()),
        c.note.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Named as the role is, it covers a search for the role as well as any
    // section does, and wins the tie by coming first.
    let section = SectionRef { anchor: "td-role-contact".into(), label: format!("Contact, {}{alias}", role.title) };
    Some((format!("Contact for {}{alias}: {}", role.title, parts.join(", ")), section))
}

/// A search page per glossary term the site shows.
pub fn glossary_terms(site: &Publication) -> Vec<SearchDoc> {
    site.glossary(&GlossaryMarker::new(&site.lib.config.glossary))
        .into_iter()
        .map(|e| SearchDoc {
            kind: Kind::Term,
            title: e.term,
            url: format!("glossary/#{}", e.anchor),
            doc_type: TERM_TYPE.to_string(),
            source: Source::Term(e.definition),
            ..blank()
        })
        .collect()
}

fn blank() -> SearchDoc {
    SearchDoc {
        n: 0,
        kind: Kind::Document,
        id: String::new(),
        title: String::new(),
        url: String::new(),
        version: String::new(),
        status: String::new(),
        shown: ShownStatus::Unknown,
        doc_type: String::new(),
        directorate: String::new(),
        summary: String::new(),
        headings: String::new(),
        roles: String::new(),
        source: Source::Term(String::new()),
    }
}
