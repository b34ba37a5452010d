//! The content folder's settings files as typed values: `site.yaml`,
//! `roles.yaml` and `glossary.yaml` (read by `load::settings`).

use crate::model::id::IdFinder;
use crate::model::SafeUrl;
use crate::model::HISTORY_PLACEHOLDER;
use crate::model::{same_committee, ApprovalStep, At};
use regex::Regex;
use std::collections::BTreeMap;

pub const DEFAULT_ID_PATTERN: &str = "[A-Z]{2,6}(?:/[A-Z]{2,6})*(?:/[0-9]{1,4})+";

#[derive(Clone, Debug)]
pub struct DeprecatedTerm {
    pub term: String,
    pub advice: String,
}

#[derive(Clone, Debug)]
pub struct SiteConfig {
    pub organisation: String,
    pub short_name: Option<String>,
    /// http or https (S006 otherwise); `/` when not given.
    pub base_url: SafeUrl,
    pub public_base_url: Option<SafeUrl>,
    /// The intranet's footer and PDF notice.
    pub notice: Option<String>,
    /// The public copy's, in place of `notice`.
    pub public_notice: Option<String>,
    /// What the public copy says of a version in force whose review date
    /// has passed, in place of the date.
    pub public_review_notice: Option<String>,
    pub id_pattern: IdPattern,
    pub number_sections: bool,
    pub due_soon_days: u32,
    pub max_review_years: u32,
    /// Years from ratification to the review date `trustdocs ratify` sets
    /// when it is not given one (`review.default_years`).
    pub default_review_years: u32,
    pub eia_required_for: Vec<String>,
    pub document_types: Vec<String>,
    pub deprecated_terms: Vec<DeprecatedTerm>,
    pub placeholders: Vec<String>,
    /// Years a version is kept after it stops being in force
    /// (`retention.years`). No default: the trust's retention schedule
    /// decides it, and `trustdocs retention` asks for it.
    pub retention_years: Option<u32>,
    /// The document types whose every version in preparation must record a
    /// consultation (`consultation.required_for`; G001).
    pub consultation_required_for: Vec<String>,
    /// Each document type's approval route (`approval.routes`), by type.
    pub approval_routes: BTreeMap<String, ApprovalRoute>,
    /// Where staff confirm they have read a version (`acknowledge`).
    pub acknowledge: Option<Acknowledge>,
}

/// `acknowledge: {url, required_for_roles}`: the trust's form, and the
/// roles that must confirm each document giving them duties. Each role id
/// is one of `roles.yaml` (S006 otherwise, checked once both are read).
#[derive(Clone, Debug)]
pub struct Acknowledge {
    pub url: crate::model::ack_url::AckUrl,
    pub required_for_roles: Vec<At<String>>,
}

impl Acknowledge {
    /// Whether `role` must confirm the documents that give it duties.
    pub fn requires(&self, role: &str) -> bool {
        self.required_for_roles.iter().any(|r| r.value == role)
    }
}

/// The committees a version of one type goes to, in order; the last
/// ratifies it (`trustdocs ratify`), the others approve it on the way
/// (`trustdocs approve`). Never empty, no committee twice (S006).
#[derive(Clone, Debug)]
pub struct ApprovalRoute {
    pub committees: Vec<String>,
}

impl ApprovalRoute {
    /// The ratifying committee: the route's last step.
    pub fn ratifier(&self) -> &str {
        self.committees.last().map_or("", String::as_str)
    }

    /// The committees that approve before the ratifying one.
    pub fn approvers(&self) -> &[String] {
        &self.committees[..self.committees.len().saturating_sub(1)]
    }

    /// Where `name` is on the route (0-based), its case and spaces aside.
    pub fn step_of(&self, name: &str) -> Option<usize> {
        self.committees.iter().position(|c| same_committee(c, name))
    }

    /// The route numbered, each step with what is recorded of it, joined
    /// by `sep`: `1. Policy Group (approved on 12 November 2026)`.
    pub fn shown(&self, recorded: &[At<ApprovalStep>], sep: &str) -> String {
        let last = self.committees.len().saturating_sub(1);
        let step = |(n, c): (usize, &String)| {
            let done = recorded.iter().find(|a| same_committee(&a.value.by, c));
            let state = match done {
                _ if n == last => "ratifies".to_string(),
                Some(a) => format!("approved on {}", a.value.date),
                None => "not recorded".to_string(),
            };
            format!("{}. {c} ({state})", n + 1)
        };
        self.committees.iter().enumerate().map(step).collect::<Vec<_>>().join(sep)
    }
}

/// What the public copy's footer and PDFs say when `site.yaml` gives no
/// `public_notice`: the intranet's `notice` speaks to staff ("see the
/// intranet"), which the public cannot do.
pub const DEFAULT_PUBLIC_NOTICE: &str =
    "This is the version published for public information. Printed copies are uncontrolled.";

/// What the public copy says of a version in force whose review date has
/// passed when `site.yaml` gives no `public_review_notice`: the public is
/// not asked to chase its author.
pub const DEFAULT_PUBLIC_REVIEW_NOTICE: &str =
    "This document is being reviewed; this version remains in force until it is replaced.";

impl SiteConfig {
    /// The public copy's words for a version whose review date has passed.
    pub fn public_review_notice(&self) -> &str {
        self.public_review_notice.as_deref().unwrap_or(DEFAULT_PUBLIC_REVIEW_NOTICE)
    }

    /// The approval route of documents of type `doc_type`, if site.yaml gives one.
    pub fn approval_route(&self, doc_type: &str) -> Option<&ApprovalRoute> {
        self.approval_routes.get(doc_type)
    }

    /// The notice of every page's footer and every PDF page: `notice` on
    /// the intranet, `public_notice` (or its default) in the public copy.
    pub fn footer_notice(&self, public: bool) -> Option<&str> {
        match public {
            true => Some(self.public_notice.as_deref().unwrap_or(DEFAULT_PUBLIC_NOTICE)),
            false => self.notice.as_deref(),
        }
    }
}

/// The site's id pattern, compiled for the two uses it has.
#[derive(Clone, Debug)]
pub struct IdPattern {
    pub source: String,
    /// Matches a whole id (validating front matter and `doc:` links).
    pub whole: Regex,
    /// Finds ids in running text.
    pub in_prose: IdFinder,
}

impl IdPattern {
    pub fn new(source: &str) -> Result<IdPattern, regex::Error> {
        Ok(IdPattern {
            source: source.to_string(),
            whole: Regex::new(&format!("(?i)^(?:{source})$"))?,
            in_prose: IdFinder::new(source)?,
        })
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            organisation: String::new(),
            short_name: None,
            base_url: SafeUrl::root(),
            public_base_url: None,
            notice: None,
            public_notice: None,
            public_review_notice: None,
            id_pattern: IdPattern::new(DEFAULT_ID_PATTERN).expect("the default id pattern compiles"),
            number_sections: true,
            due_soon_days: 90,
            max_review_years: 3,
            default_review_years: 3,
            eia_required_for: vec!["strategy".into(), "policy".into(), "procedure".into()],
            document_types: ["strategy", "policy", "procedure", "guideline", "protocol", "sop"]
                .map(String::from)
                .to_vec(),
            deprecated_terms: Vec::new(),
            placeholders: Vec::new(),
            retention_years: None,
            consultation_required_for: Vec::new(),
            approval_routes: BTreeMap::new(),
            acknowledge: None,
        }
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Role {
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// Who holds the role and how to reach them: intranet only, so never
    /// serialised with the role; the publication decides where it shows.
    #[serde(skip)]
    pub contact: Option<RoleContact>,
}

/// A role's `contact` in `roles.yaml`, each part optional, parsed once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleContact {
    /// A team or a person.
    pub name: Option<String>,
    /// An extension or a number, free text.
    pub phone: Option<String>,
    /// A plain e-mail address, validated as the front matter's are.
    pub email: Option<String>,
    /// A page about the role: http, https or relative only.
    pub url: Option<crate::model::SafeUrl>,
    /// Free text, e.g. "out of hours: switchboard".
    pub note: Option<String>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
    /// `match: always`: a term that reads as an ordinary capitalised word
    /// ("Prevent") is glossed where a sentence starts too.
    pub always: bool,
}

/// The three settings files, as loaded.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub site: SiteConfig,
    pub roles: Vec<Role>,
    pub glossary: Vec<GlossaryEntry>,
    /// The site's deprecated terms and placeholders as patterns.
    pub watchwords: Watchwords,
}

/// The deprecated terms and placeholders as patterns that match them as
/// whole words, whatever their case. The loader records where they occur in
/// each file while it holds the file's text.
#[derive(Clone, Debug)]
pub struct Watchwords {
    /// (term, advice, pattern)
    pub terms: Vec<(String, String, Regex)>,
    /// The site's placeholders, and the history placeholder unless one of
    /// them finds it already.
    pub placeholders: Vec<(String, Regex)>,
}

impl Watchwords {
    pub fn of(site: &SiteConfig) -> Watchwords {
        let terms = site
            .deprecated_terms
            .iter()
            .filter_map(|t| Some((t.term.clone(), t.advice.clone(), whole_words(&t.term)?)));
        let mut placeholders: Vec<(String, Regex)> =
            site.placeholders.iter().filter_map(|p| Some((p.clone(), whole_words(p)?))).collect();
        if !placeholders.iter().any(|(_, re)| re.is_match(HISTORY_PLACEHOLDER)) {
            placeholders.extend(whole_words(HISTORY_PLACEHOLDER).map(|re| (HISTORY_PLACEHOLDER.to_string(), re)));
        }
        Watchwords { terms: terms.collect(), placeholders }
    }
}

impl Default for Watchwords {
    fn default() -> Watchwords {
        Watchwords::of(&SiteConfig::default())
    }
}

/// Matches `term` as whole words, case-insensitively.
fn whole_words(term: &str) -> Option<Regex> {
    let start = if term.starts_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
    let end = if term.ends_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
    Regex::new(&format!("(?i){start}{}{end}", regex::escape(term))).ok()
}

impl Config {
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
}
