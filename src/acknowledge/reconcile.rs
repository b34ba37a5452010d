//! The responses against the staff list: for each document staff must
//! confirm (its version in force), who confirmed that version, who only an
//! older one, who has not; and each role's completion. The rules are
//! docs/telling-people.md's "Running the report".

use super::input::{who_key, Person, Response, Unknown};
use super::when::When;
use crate::model::{DocId, Document};
use crate::resolve::Library;
use serde::Serialize;
use std::collections::HashMap;

/// What the report is made from, typed (`input.rs`).
pub struct Inputs {
    pub staff: Vec<Person>,
    pub responses: Vec<Response>,
    /// Rows already found unusable.
    pub unknown: Vec<Unknown>,
    /// The responses file, as messages name it.
    pub responses_file: String,
}

/// The JSON shape of docs/telling-people.md; change both together.
#[derive(Serialize)]
pub struct Report {
    pub documents: Vec<DocumentReport>,
    pub roles: Vec<RoleReport>,
    pub mismatched: Vec<Mismatch>,
    pub unknown: Vec<Unknown>,
}

#[derive(Serialize)]
pub struct DocumentReport {
    pub id: String,
    pub title: String,
    pub version: String,
    /// What `ratified.lock` records for the version; `None` when nothing.
    pub fingerprint: Option<String>,
    pub confirmed: Vec<String>,
    pub older_version: Vec<String>,
    pub not_confirmed: Vec<String>,
    /// Everyone who must confirm, in staff-list order, for the CSV and the
    /// terminal.
    #[serde(skip)]
    pub people: Vec<Entry>,
}

/// One person who must confirm one document.
pub struct Entry {
    pub who: String,
    pub name: String,
    pub state: State,
    /// The response that counts: its version and when.
    pub counted: Option<(String, When)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Confirmed,
    OlderVersion,
    /// Confirmed the version in force with another fingerprint: not confirmed.
    Mismatched,
    NotConfirmed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Confirmed => "confirmed",
            State::OlderVersion => "older_version",
            State::Mismatched => "mismatched",
            State::NotConfirmed => "not_confirmed",
        }
    }
}

#[derive(Serialize)]
pub struct RoleReport {
    pub role: String,
    pub staff: usize,
    pub confirmed: usize,
    pub percent: f64,
}

#[derive(Serialize)]
pub struct Mismatch {
    pub who: String,
    pub id: String,
    pub version: String,
    pub fingerprint: String,
}

/// A document to confirm: its version in force, the fingerprint the lock
/// records, and who must confirm it.
struct Target<'l> {
    doc: &'l Document,
    fingerprint: Option<String>,
    /// `acknowledge: true`: everyone on the staff list.
    everyone: bool,
    /// Else the holders of these roles (`super::confirming_roles`).
    roles: Vec<&'l str>,
}

impl Target<'_> {
    fn must(&self, person: &Person) -> bool {
        self.everyone || person.roles.iter().any(|r| self.roles.contains(&r.as_str()))
    }
}

pub fn reconcile(lib: &Library, inputs: Inputs) -> Report {
    let Inputs { staff, responses, mut unknown, responses_file } = inputs;
    let targets: Vec<Target> = lib
        .by_id()
        .values()
        .filter_map(|v| v.current.map(|i| &**lib.doc(i)))
        .filter(|d| super::needs(&lib.config, d))
        .map(|doc| Target {
            doc,
            fingerprint: lib.locked(doc).map(|e| e.fingerprint.to_string()),
            everyone: doc.meta.acknowledge,
            roles: super::confirming_roles(&lib.config, doc),
        })
        .collect();
    let people: HashMap<String, usize> = staff.iter().enumerate().map(|(i, p)| (who_key(&p.who), i)).collect();
    let by_id: HashMap<&DocId, usize> =
        targets.iter().enumerate().filter_map(|(i, t)| Some((t.doc.id()?, i))).collect();
    let mut latest: HashMap<(usize, usize), &Response> = HashMap::new();
    for r in &responses {
        let placed = match people.get(&who_key(&r.who)) {
            None => Err(format!("`{}` is not in the staff list", r.who)),
            Some(&p) => place(lib, &targets, &by_id, r).map(|t| (t, p)),
        };
        match placed {
            Ok(key) => {
                let later = |old: &&Response| (r.when, r.line) > (old.when, old.line);
                if latest.get(&key).is_none_or(later) {
                    latest.insert(key, r);
                }
            }
            Err(why) => unknown.push(Unknown {
                who: r.who.clone(),
                id: r.id.to_string(),
                reason: format!("{responses_file} line {}: {why}", r.line),
            }),
        }
    }
    let mismatched = mismatches(&targets, &staff, &latest);
    let documents: Vec<DocumentReport> =
        targets.iter().enumerate().map(|(t, target)| document(t, target, &staff, &latest)).collect();
    let roles = roles(lib, &staff, &documents);
    Report { documents, roles, mismatched, unknown }
}

/// The target a response is for, or why it is for none.
fn place(lib: &Library, targets: &[Target], by_id: &HashMap<&DocId, usize>, r: &Response) -> Result<usize, String> {
    if let Some(&t) = by_id.get(&r.id) {
        let in_force = targets[t].doc.version().ok_or("the version in force has no version number")?;
        return match r.version > *in_force {
            true => Err(format!("version {} is later than the version in force ({in_force})", r.version)),
            false => Ok(t),
        };
    }
    Err(match lib.by_id().get(&r.id) {
        Some(v) if v.current.is_none() => format!("no version of {} is in force", r.id),
        Some(_) => format!("{} does not ask staff to confirm they have read it", r.id),
        None => {
            let near = crate::text::closest(r.id.as_str(), lib.by_id().keys().map(DocId::as_str));
            let hint = near.map(|n| format!(" (did you mean {n}?)")).unwrap_or_default();
            format!("no document has the id {}{hint}", r.id)
        }
    })
}

/// Fingerprints compared as `ratified.lock` and the catalogue write them,
/// or as the bare digits: trimmed, without case, without the `v2:` tag.
fn same_fingerprint(recorded: &str, given: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim().to_lowercase();
        s.strip_prefix("v2:").map(String::from).unwrap_or(s)
    };
    bare(recorded) == bare(given)
}

fn state(target: &Target, response: Option<&Response>) -> State {
    let Some(r) = response else { return State::NotConfirmed };
    match (target.doc.version(), &target.fingerprint) {
        (Some(v), _) if r.version < *v => State::OlderVersion,
        (_, Some(fp)) if !same_fingerprint(fp, &r.fingerprint) => State::Mismatched,
        _ => State::Confirmed,
    }
}

fn mismatches(targets: &[Target], staff: &[Person], latest: &HashMap<(usize, usize), &Response>) -> Vec<Mismatch> {
    let mut keys: Vec<&(usize, usize)> = latest.keys().collect();
    keys.sort();
    keys.into_iter()
        .filter_map(|&(t, p)| {
            let r = latest[&(t, p)];
            (state(&targets[t], Some(r)) == State::Mismatched).then(|| Mismatch {
                who: staff[p].who.clone(),
                id: r.id.to_string(),
                version: r.version.to_string(),
                fingerprint: r.fingerprint.clone(),
            })
        })
        .collect()
}

fn document(
    t: usize,
    target: &Target,
    staff: &[Person],
    latest: &HashMap<(usize, usize), &Response>,
) -> DocumentReport {
    let people: Vec<Entry> = staff
        .iter()
        .enumerate()
        .filter(|(_, person)| target.must(person))
        .map(|(p, person)| {
            let r = latest.get(&(t, p)).copied();
            Entry {
                who: person.who.clone(),
                name: person.name.clone(),
                state: state(target, r),
                counted: r.map(|r| (r.version.to_string(), r.when)),
            }
        })
        .collect();
    let listed = |wanted: &[State]| {
        people.iter().filter(|e| wanted.contains(&e.state)).map(|e| e.who.clone()).collect::<Vec<_>>()
    };
    DocumentReport {
        id: target.doc.id().map(|i| i.to_string()).unwrap_or_default(),
        title: target.doc.title().to_string(),
        version: target.doc.version().map(|v| v.to_string()).unwrap_or_default(),
        fingerprint: target.fingerprint.clone(),
        confirmed: listed(&[State::Confirmed]),
        older_version: listed(&[State::OlderVersion]),
        not_confirmed: listed(&[State::NotConfirmed, State::Mismatched]),
        people,
    }
}

/// Each role of `roles.yaml` that `site.yaml` requires or someone holds:
/// how many hold it, and how many of them confirmed every document they
/// must (someone who must confirm nothing counts as done).
fn roles(lib: &Library, staff: &[Person], documents: &[DocumentReport]) -> Vec<RoleReport> {
    let undone: std::collections::HashSet<&str> = documents
        .iter()
        .flat_map(|d| d.people.iter().filter(|e| e.state != State::Confirmed).map(|e| e.who.as_str()))
        .collect();
    let required = |id: &str| lib.config.site.acknowledge.as_ref().is_some_and(|a| a.requires(id));
    lib.config
        .roles
        .iter()
        .map(|role| {
            let holders: Vec<&Person> = staff.iter().filter(|p| p.roles.contains(&role.id)).collect();
            let confirmed = holders.iter().filter(|p| !undone.contains(p.who.as_str())).count();
            (role, holders.len(), confirmed)
        })
        .filter(|(role, held, _)| *held > 0 || required(&role.id))
        .map(|(role, staff, confirmed)| RoleReport {
            role: role.id.clone(),
            staff,
            confirmed,
            percent: percent(confirmed, staff),
        })
        .collect()
}

/// `confirmed` of `staff` as a percentage to one decimal place; 0 when
/// nobody holds the role.
fn percent(confirmed: usize, staff: usize) -> f64 {
    match staff {
        0 => 0.0,
        _ => (confirmed as f64 * 1000.0 / staff as f64).round() / 10.0,
    }
}
