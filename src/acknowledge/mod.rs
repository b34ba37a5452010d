//! "Read and acknowledge": which documents staff must confirm they have
//! read (`acknowledge: true`, or duties to a role of
//! `acknowledge.required_for_roles`), the link on the page of the version
//! in force, and the report that reconciles the form's responses with a
//! staff list (`trustdocs acknowledgements`, docs/telling-people.md).
//!
//! Staff data (names, who) is read from the files the command is given and
//! goes only to the terminal or the file named by `--out` (`out.rs`): no
//! stage that makes a site ever sees it.

pub mod csv_in;
pub mod input;
pub mod out;
pub mod reconcile;
pub mod report;
pub mod when;

use crate::config::Config;
use crate::model::ack_url::AckValues;
use crate::model::{Document, SafeUrl};
use crate::resolve::{DocIndex, Library};

/// The roles `doc` gives duties to (its `{role=...}` sections), each once,
/// in the order the document gives them.
pub fn duty_roles(doc: &Document) -> Vec<&str> {
    let mut roles: Vec<&str> = Vec::new();
    for role in doc.body.sections.iter().filter_map(|s| s.role.as_deref()) {
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    roles
}

/// The roles `doc` gives duties to that `site.yaml` says must confirm
/// the documents giving them duties: their holders must confirm `doc`.
pub fn confirming_roles<'d>(config: &Config, doc: &'d Document) -> Vec<&'d str> {
    let Some(ack) = &config.site.acknowledge else { return Vec::new() };
    duty_roles(doc).into_iter().filter(|role| ack.requires(role)).collect()
}

/// Whether staff must confirm they have read `doc`: `acknowledge: true`
/// (everyone), or duties to a role that `site.yaml` says must confirm.
pub fn needs(config: &Config, doc: &Document) -> bool {
    doc.meta.acknowledge || !confirming_roles(config, doc).is_empty()
}

/// "Confirm you have read version N" on a page, linking to the filled form.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PageLink {
    pub version: String,
    pub url: SafeUrl,
}

/// The link the page of the document at `index` shows: only for the
/// version in force, only when it needs acknowledging, `site.yaml` gives
/// the form and `ratified.lock` records the version's fingerprint (without
/// it, a confirmation could not say which text was read). Whether the
/// page is the intranet's is the publication's business, not this one's.
pub fn page_link(lib: &Library, index: DocIndex) -> Option<PageLink> {
    let doc = lib.doc(index);
    let ack = lib.config.site.acknowledge.as_ref()?;
    if !lib.in_force(index) || !needs(&lib.config, doc) {
        return None;
    }
    let (id, version) = (doc.id()?, doc.version()?);
    let fingerprint = lib.locked(doc)?.fingerprint.to_string();
    let values =
        AckValues { id: id.as_str(), version: version.as_str(), fingerprint: &fingerprint, title: doc.title() };
    Some(PageLink { version: version.to_string(), url: ack.url.fill(&values)? })
}

/// Reads the staff list and the form's responses and reconciles them with
/// the library's versions in force. `Err` (bad usage) when a file cannot
/// be read or lacks a column; a bad row is listed in the report instead.
pub fn report(
    lib: &Library,
    responses: &std::path::Path,
    staff: &std::path::Path,
) -> crate::error::Result<reconcile::Report> {
    let staff_table = csv_in::Table::read(staff)?;
    let staff_columns = staff_table.columns(&input::STAFF_COLUMNS)?;
    let response_table = csv_in::Table::read(responses)?;
    let response_columns = response_table.columns(&input::RESPONSE_COLUMNS)?;
    let mut unknown = Vec::new();
    let staff = input::staff(&staff_table, &staff_columns, &lib.config.roles, &mut unknown);
    let responses = input::responses(&response_table, &response_columns, &mut unknown);
    let inputs = reconcile::Inputs { staff, responses, unknown, responses_file: response_table.file };
    Ok(reconcile::reconcile(lib, inputs))
}
