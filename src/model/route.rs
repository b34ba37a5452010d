//! A version's way to ratification besides the committee that ratifies it:
//! whom its authors consulted and what they said (`consultation`), and the
//! committees of its type's approval route that approved it (`approvals`).

use super::{At, Date};

/// Who was consulted on a version, by when they were asked to answer, and
/// what they said. Kept on record after ratification.
#[derive(Clone, Debug, Default)]
pub struct Consultation {
    pub deadline: Option<At<Date>>,
    pub consulted: Vec<At<Consultee>>,
}

/// One person or group consulted.
#[derive(Clone, Debug)]
pub struct Consultee {
    pub who: String,
    pub group: Option<String>,
    /// How they were asked: email, meeting...
    pub method: Option<String>,
    pub sent: Option<Date>,
    /// What they said; `none received` records that they said nothing.
    pub response: Option<String>,
    /// What the version changed because of it.
    pub changes: Option<String>,
}

/// The words by which `response` records that no answer came.
pub const NONE_RECEIVED: &str = "none received";

impl Consultee {
    /// Whether `response` records that no answer came (`none received`,
    /// whatever its case).
    pub fn none_received(&self) -> bool {
        self.response.as_deref().is_some_and(|r| committee_key(r) == NONE_RECEIVED)
    }
}

/// One step of the approval route recorded: the committee, the day it
/// approved the version and the minute that records it.
#[derive(Clone, Debug)]
pub struct ApprovalStep {
    pub by: String,
    pub date: Date,
    pub minute: Option<String>,
}

/// A committee's name as names are compared: lower case, runs of spaces as
/// one, none at either end.
pub fn committee_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether two names are the same committee's.
pub fn same_committee(a: &str, b: &str) -> bool {
    committee_key(a) == committee_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committees_compare_without_case_or_extra_spaces() {
        assert!(same_committee("Policy  Group ", "policy group"));
        assert!(!same_committee("Policy Group", "Policy Groups"));
    }

    #[test]
    fn none_received_is_read_whatever_its_case() {
        let c = |r: &str| Consultee {
            who: "Staff Side".into(),
            group: None,
            method: None,
            sent: None,
            response: Some(r.into()),
            changes: None,
        };
        assert!(c("None  Received").none_received());
        assert!(!c("none received yet, chased").none_received());
    }
}
