//! The two files `trustdocs acknowledgements` is given, typed: the staff
//! list (`who, name, roles`) and the form's responses (`who, id, version,
//! fingerprint, when`). A row that cannot be used becomes an [`Unknown`]
//! with its file, line and reason: nothing is dropped silently.

use super::csv_in::{Record, Table};
use super::when::When;
use crate::config::Role;
use crate::model::{DocId, Version};

/// One member of staff; `who` as the staff list writes it.
#[derive(Clone, Debug)]
pub struct Person {
    pub who: String,
    pub name: String,
    /// Role ids of `roles.yaml`.
    pub roles: Vec<String>,
}

/// One confirmation from the form's export.
#[derive(Clone, Debug)]
pub struct Response {
    pub who: String,
    pub id: DocId,
    pub version: Version,
    pub fingerprint: String,
    pub when: When,
    /// Where it is in its file: the later of two at one moment counts.
    pub line: usize,
}

/// A row the report could not use, and why.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Unknown {
    pub who: String,
    pub id: String,
    pub reason: String,
}

pub const STAFF_COLUMNS: [&str; 3] = ["who", "name", "roles"];
pub const RESPONSE_COLUMNS: [&str; 5] = ["who", "id", "version", "fingerprint", "when"];

/// The key staff and responses are matched on: `who` trimmed, without case
/// (e-mail addresses and staff numbers are typed either way).
pub fn who_key(who: &str) -> String {
    who.trim().to_lowercase()
}

fn cells<'r>(record: &'r Record, columns: &[usize]) -> Vec<&'r str> {
    columns.iter().map(|&c| record.cells.get(c).map_or("", |s| s.trim())).collect()
}

fn unknown(table: &Table, record: &Record, who: &str, id: &str, why: String) -> Unknown {
    Unknown { who: who.to_string(), id: id.to_string(), reason: format!("{} line {}: {why}", table.file, record.line) }
}

/// The staff list; `columns` from `Table::columns(&STAFF_COLUMNS)`. A role
/// cell separates ids by `;` or `,` (no role id holds either).
pub fn staff(table: &Table, columns: &[usize], roles: &[Role], unknowns: &mut Vec<Unknown>) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for record in &table.records {
        let c = cells(record, columns);
        let (who, name) = (c[0], c[1]);
        let why = match () {
            _ if record.unclosed => Some("a quoted field is not closed: the rest of the file is this row".to_string()),
            _ if who.is_empty() => Some("no `who`".to_string()),
            _ if !seen.insert(who_key(who)) => Some(format!("`{who}` is listed again; the first row counts")),
            _ => None,
        };
        if let Some(why) = why {
            unknowns.push(unknown(table, record, who, "", why));
            continue;
        }
        let mut held = Vec::new();
        for written in c[2].split([';', ',']).map(str::trim).filter(|r| !r.is_empty()) {
            match roles.iter().find(|r| r.id.eq_ignore_ascii_case(written)) {
                Some(role) => held.push(role.id.clone()),
                None => unknowns.push(unknown(table, record, who, "", unknown_role(written, roles))),
            }
        }
        people.push(Person { who: who.to_string(), name: name.to_string(), roles: held });
    }
    people
}

fn unknown_role(written: &str, roles: &[Role]) -> String {
    let near = crate::text::closest(written, roles.iter().map(|r| r.id.as_str()));
    let hint = near.map(|n| format!(" (did you mean `{n}`?)")).unwrap_or_default();
    format!("role `{written}` is not a role id of roles.yaml{hint}; the other roles of the row count")
}

/// The responses; `columns` from `Table::columns(&RESPONSE_COLUMNS)`.
pub fn responses(table: &Table, columns: &[usize], unknowns: &mut Vec<Unknown>) -> Vec<Response> {
    let mut out = Vec::with_capacity(table.records.len());
    for record in &table.records {
        match response(record, &cells(record, columns)) {
            Ok(r) => out.push(r),
            Err(why) => {
                let c = cells(record, columns);
                unknowns.push(unknown(table, record, c[0], c[1], why));
            }
        }
    }
    out
}

fn response(record: &Record, c: &[&str]) -> Result<Response, String> {
    if record.unclosed {
        return Err("a quoted field is not closed: the rest of the file is this row".into());
    }
    let [who, id, version, fingerprint, when] = [c[0], c[1], c[2], c[3], c[4]];
    if who.is_empty() || id.is_empty() {
        return Err(format!("no `{}`", if who.is_empty() { "who" } else { "id" }));
    }
    Ok(Response {
        who: who.to_string(),
        id: DocId::new(id),
        version: Version::parse(version).map_err(|e| e.to_string())?,
        fingerprint: fingerprint.to_string(),
        when: When::parse(when)?,
        line: record.line,
    })
}
