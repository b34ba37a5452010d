//! The governance commands' reports as the terminal shows them: every line
//! cleaned, since each quotes a document (its title, its file's name) or a
//! value someone typed.

use crate::cli::terminal::clean;
use std::fmt::Write;
use trustdocs::governance::{
    Applied, Approved, Citing, Decided, FileEdit, FileFingerprint, Locked, NewVersion, Ratification, Unrecordable,
    Withdrawal,
};

/// Lines of text for the terminal, each cleaned as it is added.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, text: impl AsRef<str>) {
        let _ = writeln!(self.0, "{}", clean(text.as_ref()));
    }
}

pub fn new_version(n: &NewVersion) -> String {
    let (id, file, old) = (&n.id, &n.file, &n.from);
    let mut out = Lines::default();
    out.line(format!("made {file}: {id} version {}, a draft copied from version {old} ({})", n.version, n.from_file));
    out.line("next:");
    out.line(format!("  1. make the changes in {file}"));
    out.line(format!(
        "  2. say what changed in its last history entry (line {}), or give `ratify --summary`",
        n.history_line
    ));
    if !n.carried.is_empty() {
        out.line(format!("  3. check what was carried over from version {old}: {}", n.carried.join(", ")));
    }
    out.line(format!("  then `trustdocs check {}` and, once the committee has approved it, `trustdocs ratify {id} --by <committee> --date <YYYY-MM-DD>`", n.dir));
    out.0
}

pub fn ratified(r: &Decided<Ratification>) -> String {
    let (w, id, version) = (&r.what, &r.id, &r.version);
    let mut out = Lines(shown(&r.applied));
    let verb = if matches!(r.applied, Applied::Shown(_)) { "would ratify" } else { "ratified" };
    out.line(format!("{verb} {id} version {version} ({}):", r.file));
    let minute = w.minute.as_ref().map(|m| format!(" (minute {m})")).unwrap_or_default();
    out.line(format!("  status: ratified, by {} on {}{minute}", r.by, r.date));
    if let Some(day) = w.effective {
        out.line(format!("  comes into force on {day}"));
    }
    out.line(format!("  review date: {}", w.review));
    out.line(format!("  amendment history: version {version} dated {}", r.date));
    if w.summary_unused {
        out.line("  (the history entry already says what changed, so --summary was not used)");
    }
    match (&w.superseded, w.effective) {
        (Some(s), Some(day)) => out.line(format!(
            "  version {} ({}) is now marked superseded, and stays in force until {day}",
            s.version, s.file
        )),
        (Some(s), None) => out.line(format!("  version {} ({}) is now superseded", s.version, s.file)),
        (None, _) => {}
    }
    out.line(format!("  {}: {id} version {version} recorded, fingerprint {}", w.lock, w.fingerprint));
    out.0 + &citing(&r.citing, id, "their owners may need to update them")
}

pub fn approved(r: &Decided<Approved>) -> String {
    let w = &r.what;
    let mut out = Lines(shown(&r.applied));
    let verb = if matches!(r.applied, Applied::Shown(_)) { "would record" } else { "recorded" };
    let minute = w.minute.as_ref().map(|m| format!(" (minute {m})")).unwrap_or_default();
    out.line(format!(
        "{verb} {} version {} ({}): approved by {} on {}{minute}, step {} of its approval route",
        r.id, r.version, r.file, w.committee, r.date, w.step
    ));
    out.line("the approval route:");
    for step in w.route.lines() {
        out.line(format!("  {step}"));
    }
    match &w.next {
        Some((next, true)) => out
            .line(format!("next: {next} ratifies it: `trustdocs ratify {} --by \"{next}\" --date <YYYY-MM-DD>`", r.id)),
        Some((next, false)) => out
            .line(format!("next: {next}'s approval: `trustdocs approve {} --by \"{next}\" --date <YYYY-MM-DD>`", r.id)),
        None => {}
    }
    out.0
}

pub fn withdrawn(r: &Decided<Withdrawal>) -> String {
    let why = "they will point at a withdrawn document (X003) until their owners update them";
    let mut out = Lines(citing(&r.citing, &r.id, why) + &shown(&r.applied));
    let verb = if matches!(r.applied, Applied::Shown(_)) { "would withdraw" } else { "withdrew" };
    out.line(format!(
        "{verb} {} version {} ({}): by {} on {}: {}",
        r.id, r.version, r.file, r.by, r.date, r.what.reason
    ));
    if let Some((version, file)) = &r.what.still_preparing {
        out.line(format!(
            "note: version {version} is still in preparation ({file}); withdraw or delete it too if the document is no longer needed"
        ));
    }
    out.0
}

pub fn locked(l: &Locked) -> String {
    let mut out = Lines::default();
    for u in &l.unrecorded {
        let why = match u.why {
            Unrecordable::Twin => "another file has the same id and version (S005)",
            Unrecordable::NotRatified => "it has no `ratified: { by, date }` (S003)",
            Unrecordable::NoDate => "its `ratified` has no date (S003)",
        };
        out.line(format!("not recorded: {} version {} ({}): {why}", u.id, u.version, u.file));
    }
    let lock = &l.lock;
    match (l.recorded.len(), l.made) {
        (0, true) => out.line(format!("{lock}: made; no ratified version to record yet")),
        (0, false) => out.line(format!(
            "{lock}: nothing to record; every ratified and superseded version that can be recorded has an entry"
        )),
        (n, _) => {
            for e in &l.recorded {
                let (date, by, fingerprint) = (e.date, &e.committee, e.fingerprint);
                out.line(format!("recorded {} version {} (ratified {date} by {by}): {fingerprint}", e.id, e.version));
            }
            let s = if n == 1 { "" } else { "s" };
            out.line(format!(
                "{lock}: {n} version{s} recorded as they are now; check that each is what its committee ratified"
            ));
        }
    }
    out.0
}

pub fn fingerprint(f: &FileFingerprint) -> String {
    let mut out = Lines::default();
    out.line(format!("{}  {}", f.fingerprint, f.file.display()));
    out.0 + &f.manifest.as_deref().map(clean).unwrap_or_default()
}

/// On a dry run, the edits as unified diffs, and that nothing was written.
fn shown(applied: &Applied) -> String {
    let Applied::Shown(edits) = applied else { return String::new() };
    edits.iter().map(unified_diff).collect::<String>() + "dry run: nothing was written\n"
}

/// The edit as a unified diff, `a/` and `b/` prefixed like git's.
fn unified_diff(edit: &FileEdit) -> String {
    let diff = similar::TextDiff::from_lines(&edit.before, &edit.after);
    let name = clean(&edit.file);
    let (old, new) = match edit.before.is_empty() {
        true => ("/dev/null".to_string(), format!("b/{name}")),
        false => (format!("a/{name}"), format!("b/{name}")),
    };
    clean(&diff.unified_diff().context_radius(2).header(&old, &new).to_string())
}

/// The documents that cite `id`, what each is, who owns it and where it is;
/// `why` says what their owners may need to do.
fn citing(docs: &[Citing], id: &impl std::fmt::Display, why: &str) -> String {
    let mut out = Lines::default();
    if docs.is_empty() {
        out.line(format!("No other document cites {id}."));
        return out.0;
    }
    let n = docs.len();
    let (s, verb_s) = if n == 1 { ("", "s") } else { ("s", "") };
    out.line(format!("{n} document{s} cite{verb_s} {id}; {why}:"));
    for d in docs {
        let owner = match &d.owner {
            None => "no owner given".to_string(),
            Some(a) => match &a.title {
                Some(t) => format!("owner {} ({t})", a.name),
                None => format!("owner {}", a.name),
            },
        };
        out.line(format!("  {} {} (version {}, {}), {owner}: {}", d.id, d.title, d.version, d.status, d.file));
    }
    out.0
}
