//! `trustdocs withdraw ID`: the version in force is withdrawn, with who
//! decided it, when and why, after naming the documents that cite it.
//! The lock is not touched: `status` and `withdrawn` are outside the
//! fingerprint, so the withdrawn version still proves what was ratified.

use super::{cited, line, open, typed_value, versions, Change, OnDisk, Outcome, Step};
use crate::model::Date;
use crate::yaml::edit::{Editor, Value};
use std::path::PathBuf;

pub struct WithdrawOptions {
    pub id: String,
    pub dir: PathBuf,
    pub by: String,
    pub date: Date,
    pub reason: String,
    pub dry_run: bool,
    pub today: Date,
}

pub fn withdraw(opts: &WithdrawOptions) -> Outcome {
    run(opts).unwrap_or_else(|refusal| refusal)
}

fn run(opts: &WithdrawOptions) -> Step<Outcome> {
    let (by, reason) = (typed_value("--by", &opts.by)?, typed_value("--reason", &opts.reason)?);
    let (by, reason) = (by.as_str(), reason.as_str());
    if by.is_empty() || reason.is_empty() {
        return Err(Outcome::usage(
            "error: --by and --reason must not be empty: say who withdrew the document and why",
        ));
    }
    if opts.date > opts.today {
        return Err(Outcome::usage(format!(
            "error: --date {} is after today ({}): record a withdrawal once it has been decided",
            opts.date.iso(),
            opts.today.iso()
        )));
    }
    let (folder, project) = open(&opts.dir)?;
    let lib = &project.lib;
    let (id, versions) = versions(lib, &opts.id)?;
    let Some(current) = versions.current.map(|i| lib.doc(i)) else {
        return Err(Outcome::refused(format!(
            "error: {id} has no version in force (ratified) to withdraw; `trustdocs check` shows the status of each of its versions"
        )));
    };
    let file = OnDisk::read(lib, current)?;
    let mut e = Editor::new(&file.text)
        .map_err(|why| Outcome::refused(format!("error: cannot edit {}: {why}", file.display)))?;
    e.set("status", &Value::Word("withdrawn"));
    e.set_map(
        "withdrawn",
        &[("by", Value::Text(by)), ("date", Value::Date(opts.date)), ("reason", Value::Text(reason))],
    );
    let after = e.finish().map_err(|why| Outcome::refused(format!("error: cannot edit {}: {why}", file.display)))?;
    let mut out =
        cited::report(lib, &id, "they will point at a withdrawn document (X003) until their owners update them");
    let change =
        Change { display: file.display.clone(), before: file.text.clone(), file: file.with_text(after.clone()), after };
    let command = format!("withdraw {id} version {}", super::version_of(current));
    super::write_or_show(&folder, &command, std::slice::from_ref(&change), opts.dry_run, &mut out)?;
    let verb = if opts.dry_run { "would withdraw" } else { "withdrew" };
    line(
        &mut out,
        format!(
            "{verb} {id} version {} ({}): by {by} on {}: {reason}",
            super::version_of(current),
            file.display,
            opts.date
        ),
    );
    if let Some(draft) = versions.preparing.map(|i| lib.doc(i)) {
        line(&mut out, format!(
            "note: version {} is still in preparation ({}); withdraw or delete it too if the document is no longer needed",
            super::version_of(draft),
            draft.file.display
        ));
    }
    Ok(Outcome::done(out))
}
