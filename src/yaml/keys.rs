//! The keys of a document's front matter, in the order content-format.md
//! lists them. The loader knows no others (S002), and an edit adds a new key
//! after the nearest key before it in this order, so that an edited file
//! reads like one written by hand. Kept here, below both, so that neither
//! the loader nor the editor imports the other.

pub const FRONT_MATTER: &[&str] = &[
    "id",
    "title",
    "type",
    "version",
    "status",
    "summary",
    "scope",
    "classification",
    "directorate",
    "author",
    "executive_lead",
    "head_of_department",
    "contact",
    "audience",
    "replaces",
    "validated",
    "consultation",
    "approvals",
    "ratified",
    "effective",
    "withdrawn",
    "published",
    "review_date",
    "review_extension",
    "public",
    "acknowledge",
    "nhs_constitution",
    "equality_act_compliant",
    "references_checked",
    "related",
    "references",
    "history",
    "eia",
];
