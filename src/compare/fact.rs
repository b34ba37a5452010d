//! A version's front-matter facts, each named by a key rather than by the
//! words a page uses for it: the comparison matches and filters facts by
//! key, so that rewording a label can never change which facts a
//! comparison lists, nor pair one fact with another.

use serde::Serialize;
use std::borrow::Cow;

/// Which fact. A page's wording of it is `FactKey::label`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactKey {
    DocumentType,
    Id,
    Title,
    Version,
    Status,
    Scope,
    Classification,
    Author,
    Responsibility,
    HeadOfDepartment,
    ExecutiveLead,
    Contact,
    PrimaryAudience,
    SecondaryAudience,
    Replaces,
    ValidatedBy,
    /// A step of the approval route, by the committee as recorded.
    ApprovedBy(String),
    RatifiedBy,
    /// What `ratified.lock` records for the version.
    Fingerprint,
    Withdrawn,
    FirstPublished,
    ReviewDate,
    ReviewExtended,
    ConstitutionPrinciples,
    ConstitutionPledges,
    EqualityAct,
    PublicDisplay,
    ReferencesChecked,
    Summary,
    Roles,
    Related,
    References,
    /// How many were consulted and answered, and the deadline (intranet only).
    Consultation,
    EiaStage,
    EiaDate,
    EiaLeadAssessor,
    EiaDepartment,
    EiaConsulted,
    /// The impact on one characteristic, by its key in `CHARACTERISTICS`
    /// (or `other`): each is a fact of its own, so a change to one is
    /// told as that change.
    Impact(&'static str),
    EiaActionPlan,
    /// The amendment history's row for a version, as its number is written.
    History(String),
}

impl FactKey {
    /// How pages word the fact. The public copy names an author by job
    /// title only (`Publication::author`), and its label says so.
    pub fn label(&self, public: bool) -> Cow<'static, str> {
        use FactKey::*;
        Cow::Borrowed(match self {
            DocumentType => "Document type",
            Id => "Unique identifier",
            Title => "Document title",
            Version => "Version number",
            Status => "Status",
            Scope => "Scope",
            Classification => "Classification",
            Author if public => "Author",
            Author => "Author / title",
            Responsibility => "Responsibility",
            HeadOfDepartment => "Head of department",
            ExecutiveLead => "Executive lead",
            Contact => "Contact",
            PrimaryAudience => "Primary audience",
            SecondaryAudience => "Secondary audience",
            Replaces => "Replaces",
            ValidatedBy => "Validated by",
            ApprovedBy(_) => "Approved by",
            RatifiedBy => "Ratified by",
            Fingerprint => "Fingerprint (SHA-256)",
            Withdrawn => "Withdrawn",
            FirstPublished => "First published",
            ReviewDate => "Review date",
            ReviewExtended => "Review extended",
            ConstitutionPrinciples => "NHS Constitution principles",
            ConstitutionPledges => "NHS Constitution staff pledges",
            EqualityAct => "Meets the Equality Act 2010",
            PublicDisplay => "Document for public display",
            ReferencesChecked => "References checked",
            Summary => "Summary",
            Roles => "Roles given responsibilities",
            Related => "Related documents",
            References => "References",
            Consultation => "Consultation",
            EiaStage => "Equality impact assessment: stage",
            EiaDate => "Equality impact assessment: date",
            EiaLeadAssessor => "Equality impact assessment: lead assessor",
            EiaDepartment => "Equality impact assessment: department",
            EiaConsulted => "Equality impact assessment: groups consulted",
            EiaActionPlan => "Equality impact assessment: action plan",
            Impact(key) => return Cow::Owned(format!("Impact on {}", characteristic(key).to_lowercase())),
            History(version) => return Cow::Owned(format!("Amendment history, version {version}")),
        })
    }

    /// Facts every new version changes, so a comparison leaves them out:
    /// the number and status are in its heading; the fingerprint is the
    /// lock's, not the author's.
    pub fn shown_elsewhere(&self) -> bool {
        matches!(self, FactKey::Version | FactKey::Status | FactKey::Fingerprint)
    }
}

/// One fact of a version, as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub key: FactKey,
    pub label: Cow<'static, str>,
    pub value: String,
}

/// A fact whose value differs between two versions. Serialised without
/// its key: readers of the JSON see the label, as before there were keys.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FactChange {
    #[serde(skip)]
    pub key: FactKey,
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// How a characteristic of the Equality Act is named, from its key.
pub fn characteristic(key: &str) -> &'static str {
    crate::model::CHARACTERISTICS.iter().find(|(k, _)| *k == key).map_or("Other", |(_, l)| l)
}

/// How the stage of an equality impact assessment is worded.
pub fn eia_stage(stage: u8) -> String {
    if stage == 1 { "1 (screening)" } else { "2 (full assessment)" }.to_string()
}

/// How an impact on a characteristic is worded: `Positive`, `Negative`, `Neutral`.
pub fn impact(kind: crate::model::ImpactKind) -> String {
    crate::text::capitalise(match kind {
        crate::model::ImpactKind::Positive => "positive",
        crate::model::ImpactKind::Negative => "negative",
        crate::model::ImpactKind::Neutral => "neutral",
    })
}
