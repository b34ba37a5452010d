//! `trustdocs withdraw ID`: the version in force is withdrawn, with who
//! decided it, when and why, after naming the documents that cite it.
//! The lock is not touched: `status` and `withdrawn` are outside the
//! fingerprint, so the withdrawn version still proves what was ratified.

use super::decision::{decide, Decided, Decision, Edits, Held, Refusals, Typed};
use super::OnDisk;
use crate::error::{Error, Result};
use crate::yaml::edit::{Editor, Value};

pub struct WithdrawOptions {
    pub decision: Decision,
    pub reason: String,
}

/// What a withdrawal recorded besides the decision itself.
#[derive(Debug)]
pub struct Withdrawal {
    /// Why, as recorded (one line).
    pub reason: String,
    /// A version in preparation left as it is: (version, file).
    pub still_preparing: Option<(String, String)>,
}

const REFUSALS: Refusals = Refusals {
    empty: "--by and --reason must not be empty: say who withdrew the document and why",
    future: "record a withdrawal once it has been decided",
};

pub fn withdraw(opts: &WithdrawOptions) -> Result<Decided<Withdrawal>> {
    let typed = [Typed { flag: "--reason", value: Some(&opts.reason), required: true }];
    decide(&opts.decision, &typed, &REFUSALS, edits)
}

/// The version in force marked withdrawn, by whom, when and why.
fn edits(held: &Held) -> Result<Edits<Withdrawal>> {
    let (lib, id) = (held.lib(), &held.id);
    let versions = held.versions();
    let current = versions.current.map(|i| lib.doc(i)).ok_or_else(|| {
        Error::Refused(format!(
            "{id} has no version in force (ratified) to withdraw; `trustdocs check` shows the status of each of its versions"
        ))
    })?;
    let reason = held.values[0].clone().unwrap_or_default();
    let file = OnDisk::read(lib, current)?;
    let cannot_edit = |why| Error::Refused(format!("cannot edit {}: {why}", file.display));
    let mut e = Editor::new(&file.text).map_err(cannot_edit)?;
    e.set("status", &Value::Word("withdrawn"));
    let decided =
        [("by", Value::Text(&held.by)), ("date", Value::Date(held.decision.date)), ("reason", Value::Text(&reason))];
    e.set_map("withdrawn", &decided);
    let after = e.finish().map_err(cannot_edit)?;
    let still_preparing =
        versions.preparing.map(|i| lib.doc(i)).map(|d| (super::version_of(d), d.file.display.clone()));
    let command = format!("withdraw {id} version {}", super::version_of(current));
    Ok(Edits::of(current, command, vec![file.change(after)], Withdrawal { reason, still_preparing }))
}
