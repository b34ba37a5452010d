//! `retention.log`: the records manager's decisions on versions whose
//! retention period has ended, one line each, tab-separated:
//! `DATE ID VERSION DECISION BY REASON`, `#` comments allowed. The lock
//! reads it for one thing: a version recorded in `ratified.lock` may have no
//! file only when a `destroy` or `transfer` decision is recorded for it
//! (H010). The file is appended to, never rewritten.

use crate::diag::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::model::{Date, DocId, Pos, Version};
use std::path::Path;

/// The log's name inside the content folder.
pub const FILE: &str = "retention.log";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Keep,
    Destroy,
    Transfer,
}

impl Decision {
    fn parse(text: &str) -> Option<Decision> {
        Some(match text {
            "keep" => Decision::Keep,
            "destroy" => Decision::Destroy,
            "transfer" => Decision::Transfer,
            _ => return None,
        })
    }

    /// Whether the version's file may be gone after it.
    pub fn lets_file_go(self) -> bool {
        matches!(self, Decision::Destroy | Decision::Transfer)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetentionDecision {
    pub date: Date,
    pub id: DocId,
    pub version: Version,
    pub decision: Decision,
    pub by: String,
    pub reason: String,
}

/// The decisions recorded, in the log's order.
#[derive(Clone, Debug, Default)]
pub struct RetentionLog {
    pub decisions: Vec<RetentionDecision>,
}

impl RetentionLog {
    /// Reads `dir/retention.log`; a missing file records no decision.
    pub fn load(dir: &Path, display_dir: &str) -> (RetentionLog, Vec<Diagnostic>) {
        let display = format!("{display_dir}/{FILE}");
        let problem =
            |message: String, line: u32| Diagnostic::new(Code::S006, message).in_file(&display).at(Pos::new(line, 1));
        let text = match super::read_inside(dir, FILE) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => return (RetentionLog::default(), vec![problem(format!("{FILE} is not UTF-8 text"), 1)]),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (RetentionLog::default(), Vec::new()),
            Err(e) => return (RetentionLog::default(), vec![problem(format!("cannot read {FILE}: {e}"), 1)]),
        };
        let mut log = RetentionLog::default();
        let mut diags = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            match parse_line(line) {
                Ok(d) => log.decisions.push(d),
                Err(why) => diags.push(
                    problem(format!("this line of {FILE} is not a decision: {why}"), n as u32 + 1).help(
                        "each line is DATE, ID, VERSION, DECISION (keep, destroy or transfer), BY and REASON, separated by tabs",
                    ),
                ),
            }
        }
        (log, diags)
    }

    /// Whether a decision lets the file of `id` at `version` be gone.
    pub fn lets_file_go(&self, id: &DocId, version: &Version) -> bool {
        self.decisions.iter().any(|d| &d.id == id && &d.version == version && d.decision.lets_file_go())
    }
}

fn parse_line(line: &str) -> Result<RetentionDecision> {
    let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').map(str::trim).collect();
    let [date, id, version, decision, by, reason] = fields[..] else {
        return Err(Error::Invalid(format!("it has {} tab-separated fields, not 6", fields.len())));
    };
    let decision = Decision::parse(decision)
        .ok_or_else(|| Error::Invalid(format!("`{decision}` is not keep, destroy or transfer")))?;
    Ok(RetentionDecision {
        date: Date::parse(date, false)?,
        id: DocId::new(id),
        version: Version::parse(version)?,
        decision,
        by: by.to_string(),
        reason: reason.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_and_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE),
            "# decisions\n2026-01-05\tPOL/1\t2\tdestroy\tRecords Manager\tretention ended\n2026-01-05\tPOL/1\t3\tkeep\tRM\tarchive\nnot a line\n",
        )
        .unwrap();
        let (log, diags) = RetentionLog::load(dir.path(), "content");
        assert_eq!(log.decisions.len(), 2);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 4);
        let v = |s| Version::parse(s).unwrap();
        assert!(log.lets_file_go(&DocId::new("POL/1"), &v("2")));
        assert!(!log.lets_file_go(&DocId::new("POL/1"), &v("3")), "keep");
        assert!(!log.lets_file_go(&DocId::new("POL/2"), &v("2")));
    }
}
