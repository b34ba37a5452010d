//! One document version: its front matter, its parsed body and its file.

use super::body::Body;
use super::timeline::{End, Standing};
use super::Fingerprint;
use super::Pos;
use super::{ApprovalStep, Consultation};
use super::{At, Date, DocId, Url, Version};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Consultation,
    Ratified,
    Superseded,
    Withdrawn,
}

impl Status {
    pub const NAMES: [&'static str; 5] = ["draft", "consultation", "ratified", "superseded", "withdrawn"];

    pub fn parse(text: &str) -> Option<Status> {
        Some(match text.trim().to_lowercase().as_str() {
            "draft" => Status::Draft,
            "consultation" => Status::Consultation,
            "ratified" => Status::Ratified,
            "superseded" => Status::Superseded,
            "withdrawn" => Status::Withdrawn,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Superseded and withdrawn versions are on record, not in force.
    pub fn is_current(self) -> bool {
        !matches!(self, Status::Superseded | Status::Withdrawn)
    }

    /// Drafts and documents out for consultation are only built with `--drafts`.
    pub fn is_draft(self) -> bool {
        matches!(self, Status::Draft | Status::Consultation)
    }
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Person {
    pub name: String,
    pub title: Option<String>,
}

/// A committee's decision: who, and when (and, for a ratification, the
/// minute that records it).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Approval {
    pub by: String,
    pub date: Option<Date>,
    pub minute: Option<String>,
}

/// Why and by whom a version was withdrawn (`withdrawn: {by, date, reason}`).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Withdrawal {
    pub by: String,
    pub date: Date,
    pub reason: String,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct ReviewExtension {
    pub to: Date,
    pub by: String,
    pub date: Option<Date>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Audience {
    pub primary: Option<String>,
    pub secondary: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Replaced {
    pub id: DocId,
    pub version: Option<Version>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Constitution {
    pub principles: Vec<u8>,
    pub staff_pledges: Vec<u8>,
}

#[derive(Clone, Debug)]
pub struct ExternalRef {
    pub title: String,
    /// Judged by the allow-list; a refused one is X009 and never linked.
    pub url: Option<At<Url>>,
    pub publisher: Option<String>,
    pub year: Option<String>,
    pub accessed: Option<Date>,
}

/// The description `trustdocs new-version` gives the history entry of a new
/// version: a placeholder C002 always finds, whatever `site.yaml` lists
/// (`Watchwords::of` adds it).
pub const HISTORY_PLACEHOLDER: &str = "[insert what changed in this version]";

#[derive(Clone, Debug)]
pub struct HistoryEntry {
    pub version: At<Version>,
    pub date: At<Date>,
    pub changed: Option<String>,
    pub description: String,
    /// Where the description's text starts (the entry's start when it has none).
    pub description_pos: Pos,
    pub review_date: Option<At<Date>>,
    pub by: Option<String>,
    /// Where the entry starts (its `-`), for diagnostics about the whole entry.
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImpactKind {
    Positive,
    Negative,
    Neutral,
}

impl ImpactKind {
    pub fn parse(text: &str) -> Option<ImpactKind> {
        match text.trim().to_lowercase().as_str() {
            "positive" => Some(ImpactKind::Positive),
            "negative" => Some(ImpactKind::Negative),
            "neutral" => Some(ImpactKind::Neutral),
            _ => None,
        }
    }
}

/// The protected characteristics of the Equality Act 2010, in the order
/// EIA forms list them, and the optional `other`.
pub const CHARACTERISTICS: [(&str, &str); 9] = [
    ("age", "Age"),
    ("disability", "Disability"),
    ("gender_reassignment", "Gender reassignment"),
    ("marriage_and_civil_partnership", "Marriage and civil partnership"),
    ("pregnancy_and_maternity", "Pregnancy and maternity"),
    ("race", "Race"),
    ("religion_or_belief", "Religion or belief"),
    ("sex", "Sex"),
    ("sexual_orientation", "Sexual orientation"),
];

#[derive(Clone, Debug)]
pub struct Impact {
    /// The key as in `CHARACTERISTICS`, or `other`.
    pub characteristic: &'static str,
    pub kind: ImpactKind,
    pub comment: Option<String>,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub struct Action {
    pub action: String,
    pub lead: Option<String>,
    pub due: Option<Date>,
    /// When the action was completed; without it, an action past `due` is overdue.
    pub done: Option<Date>,
    pub pos: Pos,
}

impl Action {
    /// Past its due date on `today` and not marked done (Q006).
    pub fn is_overdue(&self, today: Date) -> bool {
        self.done.is_none() && self.due.is_some_and(|due| due < today)
    }
}

#[derive(Clone, Debug)]
pub struct Eia {
    pub stage: Option<u8>,
    pub date: Option<At<Date>>,
    pub lead_assessor: Option<String>,
    pub department: Option<String>,
    pub consulted: Vec<String>,
    /// `None` when the `impacts` key is absent; present keys in file order.
    pub impacts: Option<At<Vec<Impact>>>,
    pub action_plan: Vec<Action>,
    pub pos: Pos,
}

/// The keys a ratified version needs (S003).
pub const RATIFIED_KEYS: &[&str] = &["directorate", "author", "ratified", "review_date"];

/// How to add a key a ratified version needs.
pub fn missing_key_help(key: &str) -> &'static str {
    // Placeholders in angle brackets: never a value that reads like a suggestion.
    match key {
        "ratified" => "add `ratified: { by: <committee>, date: <YYYY-MM-DD> }`",
        "author" => "add `author: { name: <name>, title: <job title> }`",
        "review_date" => "add `review_date: <YYYY-MM-DD>`, the date of the next review (`trustdocs ratify` sets it)",
        _ => "add `directorate: <owning directorate>`",
    }
}

/// Everything the front matter says, each value typed. A key whose value was
/// invalid is `None` (or left out of its list); the loader reported why.
#[derive(Clone, Debug, Default)]
pub struct FrontMatter {
    pub id: Option<At<DocId>>,
    /// The id as the author wrote it, to tell two spellings of one id apart (S007).
    pub id_written: Option<String>,
    pub title: Option<At<String>>,
    pub doc_type: Option<At<String>>,
    pub version: Option<At<Version>>,
    pub status: Option<At<Status>>,
    pub summary: Option<String>,
    pub scope: Option<String>,
    pub classification: Option<String>,
    pub directorate: Option<At<String>>,
    pub author: Option<Person>,
    pub executive_lead: Option<String>,
    pub head_of_department: Option<String>,
    pub contact: Option<String>,
    pub audience: Option<Audience>,
    pub replaces: Vec<At<Replaced>>,
    pub validated: Option<At<Approval>>,
    /// Who was consulted on the version and what they said (G001, G002).
    pub consultation: Option<At<Consultation>>,
    /// The steps of its type's approval route recorded, in order (G003;
    /// written by `trustdocs approve`).
    pub approvals: Vec<At<ApprovalStep>>,
    pub ratified: Option<At<Approval>>,
    /// The day the version comes into force, when not its ratification's.
    pub effective: Option<At<Date>>,
    pub published: Option<Date>,
    pub review_date: Option<At<Date>>,
    pub review_extension: Option<At<ReviewExtension>>,
    pub withdrawn: Option<At<Withdrawal>>,
    pub public: bool,
    /// `acknowledge: true`: staff must confirm they have read the version
    /// in force (`docs/telling-people.md`).
    pub acknowledge: bool,
    pub nhs_constitution: Option<Constitution>,
    pub equality_act_compliant: Option<bool>,
    pub references_checked: Option<At<Approval>>,
    pub related: Vec<At<DocId>>,
    pub references: Vec<At<ExternalRef>>,
    pub history: Option<At<Vec<HistoryEntry>>>,
    /// How many entries `history` lists, read or not: a list whose entries
    /// all failed (S003, S004) is not a missing history.
    pub history_items: usize,
    pub eia: Option<Eia>,
    /// The keys a ratified version needs that this file does not have,
    /// whatever its status: what the readiness check asks of a draft.
    pub lacks_for_ratification: Vec<&'static str>,
    /// Where the front matter's first key sits, for whole-document findings.
    pub start: Pos,
}

impl FrontMatter {
    /// The review date that counts: an extension's date when a committee extended it.
    pub fn effective_review_date(&self) -> Option<Date> {
        self.review_extension.as_ref().map(|e| e.to).or_else(|| self.review_date.as_ref().map(|d| d.value))
    }

    pub fn ratified_date(&self) -> Option<Date> {
        self.ratified.as_ref().and_then(|r| r.date)
    }
}

/// A source file as read, with what is needed to point into it. Its text
/// is not kept: what later stages need of it is taken while loading (the
/// front matter, the body, the fingerprint, the watchwords), and whatever
/// quotes or edits the file reads it again.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown in diagnostics: the content folder joined with the
    /// file's path inside it, e.g. `content/documents/strategy.md`.
    pub display: String,
    pub path: std::path::PathBuf,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub file: SourceFile,
    pub meta: FrontMatter,
    pub body: Body,
    /// The fingerprint of the text as read, for the lock check.
    pub fingerprint: Fingerprint,
    /// Where `site.yaml`'s deprecated terms and placeholders occur in the
    /// file, front matter included; the content checks decide which count.
    pub watchwords: Vec<Watchword>,
}

/// One of the site's deprecated terms or placeholders, found in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Watchword {
    pub kind: WatchwordKind,
    /// Its index in `Watchwords::terms` or `Watchwords::placeholders`.
    pub index: usize,
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchwordKind {
    DeprecatedTerm,
    Placeholder,
}

impl Document {
    /// The files of the content folder the body links to or shows (images
    /// and attachments), as paths in the content folder, each once.
    pub fn files_used(&self) -> std::collections::BTreeSet<std::path::PathBuf> {
        self.body
            .links
            .iter()
            .filter_map(|l| match &l.target {
                super::body::Target::File(path) => super::url::resolve_relative(&self.file.path, path),
                _ => None,
            })
            .collect()
    }

    pub fn id(&self) -> Option<&DocId> {
        self.meta.id.as_ref().map(|i| &i.value)
    }

    pub fn status(&self) -> Option<Status> {
        self.meta.status.as_ref().map(|s| s.value)
    }

    pub fn title(&self) -> &str {
        self.meta.title.as_ref().map_or("(untitled)", |t| t.value.as_str())
    }

    pub fn version(&self) -> Option<&Version> {
        self.meta.version.as_ref().map(|v| &v.value)
    }

    /// Ratified: a version whose review date matters (when it is also the
    /// current version of its id, it is in force: `Library::in_force`).
    pub fn is_ratified(&self) -> bool {
        self.status() == Some(Status::Ratified)
    }

    /// Where the document stands against its review date (an extension's
    /// date when a committee extended it) on `today`: due soon within
    /// `due_soon_days`.
    pub fn review_state(&self, today: Date, due_soon_days: u32) -> ReviewState {
        match self.meta.effective_review_date() {
            None => ReviewState::NoDate,
            Some(d) if d < today => ReviewState::Overdue,
            Some(d) if today.days_until(d) <= i64::from(due_soon_days) => ReviewState::DueSoon,
            Some(_) => ReviewState::InDate,
        }
    }

    /// The status readers are shown, on every page, list and search
    /// result alike, from where the version `stands` on `today` (the
    /// timeline, not the status field): a version in force whose review
    /// date has passed is "Review date passed", not "Ratified".
    pub fn shown_status(&self, stands: &Standing, today: Date, due_soon_days: u32) -> ShownStatus {
        match stands {
            Standing::InForce => match self.review_state(today, due_soon_days) {
                ReviewState::Overdue => ShownStatus::ReviewPassed,
                ReviewState::DueSoon => ShownStatus::ReviewDueSoon,
                ReviewState::InDate | ReviewState::NoDate => ShownStatus::Ratified,
            },
            Standing::Upcoming(_) => ShownStatus::NotYetInForce,
            Standing::Ended(_, End::Withdrawn) => ShownStatus::Withdrawn,
            Standing::Ended(_, End::Succeeded(_) | End::Replaced(_)) | Standing::Never => ShownStatus::Superseded,
            Standing::Unratified if self.status().is_some_and(Status::is_draft) => ShownStatus::Draft,
            Standing::Unratified => ShownStatus::Unknown,
        }
    }

    /// The directorate responsible, as listings name it.
    pub fn directorate_label(&self) -> &str {
        self.meta.directorate.as_ref().map_or("No directorate given", |d| d.value.as_str())
    }
}

/// Where a document stands against its review date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewState {
    Overdue,
    DueSoon,
    InDate,
    NoDate,
}

/// A document's status as readers see it (`Document::shown_status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShownStatus {
    ReviewPassed,
    /// The public copy's word for `ReviewPassed` (`Publication::shown_status`).
    UnderReview,
    ReviewDueSoon,
    Ratified,
    /// Ratified, coming into force on a later day.
    NotYetInForce,
    Draft,
    Superseded,
    Withdrawn,
    Unknown,
}

impl ShownStatus {
    /// What the tag says.
    pub fn label(self) -> &'static str {
        match self {
            ShownStatus::ReviewPassed => "Review date passed",
            ShownStatus::UnderReview => "Under review",
            ShownStatus::ReviewDueSoon => "Review due soon",
            ShownStatus::Ratified => "Ratified",
            ShownStatus::NotYetInForce => "Not yet in force",
            ShownStatus::Draft => "Draft",
            ShownStatus::Superseded => "Superseded",
            ShownStatus::Withdrawn => "Withdrawn",
            ShownStatus::Unknown => "Status unknown",
        }
    }

    /// The tag's colour, as the theme names it (`td-tag--red`).
    pub fn colour(self) -> &'static str {
        match self {
            ShownStatus::ReviewPassed => "red",
            ShownStatus::UnderReview => "blue",
            ShownStatus::ReviewDueSoon => "yellow",
            ShownStatus::Ratified => "green",
            ShownStatus::Draft | ShownStatus::NotYetInForce => "orange",
            ShownStatus::Superseded | ShownStatus::Withdrawn | ShownStatus::Unknown => "grey",
        }
    }

    /// The status word search filters on: what the tag says, as one of the
    /// `status` values (`not-yet-in-force` for a ratified version waiting
    /// for its day), so that a filter and the tag never disagree.
    pub fn filter_word(self) -> &'static str {
        match self {
            ShownStatus::ReviewPassed
            | ShownStatus::UnderReview
            | ShownStatus::ReviewDueSoon
            | ShownStatus::Ratified => "ratified",
            ShownStatus::NotYetInForce => "not-yet-in-force",
            ShownStatus::Draft => "draft",
            ShownStatus::Superseded => "superseded",
            ShownStatus::Withdrawn => "withdrawn",
            ShownStatus::Unknown => "unknown",
        }
    }
}

impl serde::Serialize for ShownStatus {
    /// `{label, colour}`, what a template needs to draw the tag.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ShownStatus", 2)?;
        st.serialize_field("label", self.label())?;
        st.serialize_field("colour", self.colour())?;
        st.end()
    }
}
