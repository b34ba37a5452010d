//! Deterministic benchmark corpus for trustdocs.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N OUT_DIR [--revised M]
//! ```
//!
//! Writes a complete content folder to OUT_DIR: `site.yaml`, `roles.yaml`,
//! `glossary.yaml` and N documents (about 3,000 words each) under
//! `documents/d000/`, `documents/d001/`, ... (500 documents per folder).
//! About 5% of the documents also have an older, superseded version in a
//! second file, so the folder holds roughly 1.05 × N files.
//!
//! The output depends only on N: every document draws from its own small
//! PRNG (splitmix64) seeded from its number, so the same N always gives
//! byte-identical files, and a document's content does not change when N
//! grows (only which other documents it can point at).
//!
//! With `--revised M`, exactly M ratified documents have an earlier
//! version instead, and each earlier version is its document as it was
//! before a realistic revision (a word changed in a paragraph, a bullet
//! deleted, a row added to the monitoring table, a paragraph moved), for
//! timing comparison pages (`benches/changes.sh`).
//!
//! A few defects are planted on purpose, for the checks to find: about 1 in
//! 50 documents refers to the nonexistent `POL/999/999`, and about 1 in 100
//! contains the placeholder `TBC` or the deprecated term `NHS Protect`.
//! See benches/README.md.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Documents per sub-folder of `documents/`.
const PER_FOLDER: usize = 500;
/// Ids are `POL/<i/1000>/<i%1000>` with three digits each; `POL/999/999`
/// is kept free as the planted broken reference.
const MAX_DOCS: usize = 999_000;
const BROKEN_ID: &str = "POL/999/999";
/// The date the benchmark passes as `--today` (2026-11-23): review dates are
/// placed relative to its month, 2026-11.
const REFERENCE_MONTH: i32 = 2026 * 12 + 10;

// ---------------------------------------------------------------------------
// PRNG

/// splitmix64: tiny, fast, and good enough to vary pseudo-English.
struct Rng(u64);

impl Rng {
    /// A stream for document `doc`; `stream` separates independent uses
    /// (metadata, body, superseded body) of the same document.
    fn new(doc: usize, stream: u64) -> Rng {
        let mut r = Rng((doc as u64).wrapping_mul(0xA076_1D64_78BD_642F) ^ (stream << 56));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }

    /// `k` distinct indices below `n`, in drawing order.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..n).collect();
        for j in 0..k.min(n) {
            let other = self.range(j, n - 1);
            idx.swap(j, other);
        }
        idx.truncate(k.min(n));
        idx
    }
}

// ---------------------------------------------------------------------------
// Word lists

#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "staff", "patient", "manager", "service", "risk", "incident", "assessment", "record",
    "procedure", "department", "ward", "team", "premises", "equipment", "visitor", "contractor",
    "report", "arrangement", "control", "review", "standard", "process", "guidance",
    "committee", "register", "audit", "action", "colleague", "environment", "requirement",
    "responsibility", "plan", "system", "area", "site", "information", "outcome", "concern",
    "measure", "evidence", "board", "directorate", "lead", "specialist", "decision",
    "escalation", "workforce", "handover", "schedule", "budget", "rota", "checklist", "pathway",
    "partner", "agency", "community", "carer", "building", "entrance", "alarm", "device", "key",
    "account", "log", "supervisor", "shift",
];

const VERBS: &[(&str, &str)] = &[
    ("ensure", "ensures"),
    ("support", "supports"),
    ("review", "reviews"),
    ("record", "records"),
    ("identify", "identifies"),
    ("maintain", "maintains"),
    ("monitor", "monitors"),
    ("report", "reports"),
    ("describe", "describes"),
    ("confirm", "confirms"),
    ("provide", "provides"),
    ("agree", "agrees"),
    ("assess", "assesses"),
    ("escalate", "escalates"),
    ("coordinate", "coordinates"),
    ("consider", "considers"),
    ("apply", "applies"),
    ("follow", "follows"),
    ("inform", "informs"),
    ("document", "documents"),
    ("protect", "protects"),
    ("share", "shares"),
    ("check", "checks"),
    ("update", "updates"),
    ("approve", "approves"),
    ("reduce", "reduces"),
    ("improve", "improves"),
    ("manage", "manages"),
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "appropriate", "local", "relevant", "clinical", "effective", "safe", "secure", "timely",
    "proportionate", "accurate", "annual", "formal", "written", "agreed", "senior",
    "responsible", "current", "national", "regular", "consistent", "suitable", "reasonable",
    "operational", "individual", "shared", "specific", "routine", "urgent", "independent",
    "practical", "clear", "complete",
];

#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "within", "across", "for", "with", "under", "through", "before", "after", "during",
    "throughout", "alongside", "beyond",
];

#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "the", "each", "every", "any", "the relevant", "the local",
];

#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "promptly", "regularly", "clearly", "routinely", "jointly", "carefully", "openly",
    "consistently",
];

#[rustfmt::skip]
const CONNECTORS: &[&str] = &[
    "and", "so that", "where", "because", "while", "unless", "until",
];

const MODALS: &[&str] = &["should", "must", "will", "may"];

/// Title topics: capitalised words only, so that a title directly before
/// `(POL/001/234)` in prose is unambiguous.
#[rustfmt::skip]
const TOPICS: &[&str] = &[
    "Lone Working", "Security Management", "Violence Prevention", "Medicines Security",
    "Access Control", "Incident Reporting", "Infection Prevention", "Manual Handling",
    "Fire Safety", "Information Governance", "Safeguarding Adults", "Records Management",
    "Business Continuity", "Lockdown", "CCTV Operation", "Patient Property",
    "Visitor Management", "Car Parking", "Bed Management", "Clinical Audit", "Risk Management",
    "Health Records", "Staff Identification", "Key Control", "Cash Handling", "Mobile Devices",
    "Restrictive Interventions", "Missing Patients", "Chaperone", "Whistleblowing",
    "Prevent Duty", "Display Screen Equipment", "Waste Management", "Sharps Safety",
    "Hand Hygiene", "Major Incident", "Home Visiting", "Physical Security",
    "Conflict Resolution", "Asset Protection",
];

const TYPES: &[(&str, &str)] =
    &[("strategy", "Strategy"), ("policy", "Policy"), ("procedure", "Procedure"), ("guideline", "Guideline")];

const DIRECTORATES: &[&str] = &[
    "Corporate Governance",
    "Nursing and Quality",
    "Estates and Facilities",
    "Finance",
    "Workforce and Organisational Development",
    "Medical Directorate",
    "Operations",
    "Digital Services",
];

const COMMITTEES: &[&str] = &[
    "Policy Approval Group",
    "Quality and Safety Committee",
    "Health and Safety Committee",
    "Executive Management Team",
    "Audit Committee",
];

const CLASSIFICATIONS: &[&str] = &["Organisational", "Clinical", "Corporate"];
const SCOPES: &[&str] = &["Trust wide", "Community services", "Acute services", "Corporate services"];

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Daniel", "Mary", "Priya", "James", "Fiona", "Tom", "Aisha", "Gareth", "Helen", "Owen",
    "Ruth", "Samir", "Claire", "Ian", "Joanne", "Kwame",
];
#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Willis", "Aubrey", "Patel", "Collins", "Hughes", "Okafor", "Morgan", "Price", "Shaw",
    "Bennett", "Khan", "Fletcher", "Doyle", "Reid", "Walsh", "Evans",
];
const JOB_TITLES: &[&str] = &[
    "Local Security Management Specialist",
    "Head of Health and Safety",
    "Deputy Director of Nursing",
    "Governance Manager",
    "Estates Compliance Lead",
    "Information Governance Manager",
    "Clinical Risk Lead",
    "Head of Corporate Affairs",
];

const HISTORY_NOTES: &[&str] = &[
    "Whole document reviewed",
    "Monitoring table updated",
    "Role sections revised",
    "Minor amendments following consultation",
    "References updated",
    "Moved to the new document template",
    "Training requirements clarified",
];

/// (title, publisher, url, year)
const REFERENCES: &[(&str, &str, &str, u32)] = &[
    (
        "Health and Safety at Work etc. Act 1974",
        "legislation.gov.uk",
        "https://www.legislation.gov.uk/ukpga/1974/37",
        1974,
    ),
    (
        "Management of Health and Safety at Work Regulations 1999",
        "legislation.gov.uk",
        "https://www.legislation.gov.uk/uksi/1999/3242",
        1999,
    ),
    ("Equality Act 2010", "legislation.gov.uk", "https://www.legislation.gov.uk/ukpga/2010/15", 2010),
    ("Data Protection Act 2018", "legislation.gov.uk", "https://www.legislation.gov.uk/ukpga/2018/12", 2018),
    (
        "Control of Substances Hazardous to Health Regulations 2002",
        "legislation.gov.uk",
        "https://www.legislation.gov.uk/uksi/2002/2677",
        2002,
    ),
    (
        "Reporting of Injuries, Diseases and Dangerous Occurrences Regulations 2013",
        "legislation.gov.uk",
        "https://www.legislation.gov.uk/uksi/2013/1471",
        2013,
    ),
    ("Workplace health: management practices (NG13)", "NICE", "https://www.nice.org.uk/guidance/ng13", 2015),
    (
        "Violence and aggression: short-term management in mental health, health and community settings (NG10)",
        "NICE",
        "https://www.nice.org.uk/guidance/ng10",
        2015,
    ),
];

/// Sections every document has, in order; two topical sections from
/// `TOPICAL_SECTIONS` go after the responsibilities.
const SECTION_INTRODUCTION: &str = "Introduction";
const SECTION_PURPOSE: &str = "Purpose";
const SECTION_SCOPE: &str = "Scope";
const SECTION_DUTIES: &str = "Duties and Responsibilities";
const SECTION_TRAINING: &str = "Training and Awareness";
const SECTION_MONITORING: &str = "Monitoring Compliance";

const TOPICAL_SECTIONS: &[&str] = &[
    "Risk Assessment",
    "Incident Reporting Arrangements",
    "Working Arrangements",
    "Access and Identification",
    "Information Sharing",
    "Escalation",
    "Record Keeping",
    "Communication",
    "Implementation",
    "Support for Staff",
];

/// `###` titles; drawn without replacement so anchors are unique in a document.
#[rustfmt::skip]
const SUBSECTIONS: &[&str] = &[
    "Background", "Principles", "Objectives", "Exclusions", "Related Services",
    "Contractors and Visitors", "Out of Hours", "Planning", "Initial Assessment",
    "Dynamic Assessment", "Recording the Outcome", "Immediate Actions", "Follow Up",
    "Investigation", "Learning from Incidents", "Consent", "Confidentiality", "Secure Storage",
    "Equipment", "Personal Safety", "Buddy Systems", "Check In Arrangements", "Supervision",
    "Induction", "Refresher Training", "Training Records", "Audit",
    "Key Performance Indicators", "Reporting to Committee", "Partnership Working",
    "Police Liaison", "Communication with Patients", "Staff Wellbeing", "Debriefing",
    "Local Procedures", "Deviation from this Document",
];

const ROLES: &[(&str, &str, &str, &str)] = &[
    (
        "chief-executive",
        "Chief Executive",
        "[The Chief Executive]",
        "Has overall responsibility for ensuring that the Trust meets its statutory obligations.",
    ),
    (
        "smd",
        "Security Management Director",
        "[SMD]",
        "Board-level director with nominated responsibility for security matters.",
    ),
    (
        "lsms",
        "Local Security Management Specialist",
        "[LSMS, LSMSs]",
        "Provides specialist advice on all aspects of security and reports to the Security Management Director.",
    ),
    (
        "asms",
        "Accredited Security Management Specialist",
        "[ASMS]",
        "Accredited specialist nominated to advise on and manage the efforts to tackle crime against the organisation.",
    ),
    (
        "managers",
        "Managers",
        "[All Managers, Line Managers, Service Managers]",
        "Ensure the implementation of procedural documents within their area of responsibility.",
    ),
    (
        "all-staff",
        "All Staff",
        "[Staff]",
        "Each member of staff follows the Trust's procedural documents relevant to their role.",
    ),
];

const GLOSSARY: &[(&str, &str)] = &[
    ("ASMS", "Accredited Security Management Specialist."),
    ("CCTV", "Closed Circuit Television."),
    ("COSHH", "Control of Substances Hazardous to Health."),
    ("CQC", "Care Quality Commission."),
    ("DBS", "Disclosure and Barring Service."),
    ("DSE", "Display Screen Equipment."),
    ("EIA", "Equality Impact Assessment."),
    ("HR", "Human Resources."),
    ("ICB", "Integrated Care Board."),
    ("IG", "Information Governance."),
    ("KPI", "Key Performance Indicator."),
    ("LSMS", "Local Security Management Specialist."),
    ("MCA", "Mental Capacity Act 2005."),
    ("PPE", "Personal Protective Equipment."),
    ("RCA", "Root Cause Analysis."),
    ("RIDDOR", "Reporting of Injuries, Diseases and Dangerous Occurrences Regulations 2013."),
    ("SI", "Serious Incident."),
    ("SMD", "Security Management Director."),
    ("SOP", "Standard Operating Procedure."),
    ("Lone worker", "Anyone who works by themselves without close or direct supervision."),
];

const CHARACTERISTICS: &[&str] = &[
    "age",
    "disability",
    "gender_reassignment",
    "marriage_and_civil_partnership",
    "pregnancy_and_maternity",
    "race",
    "religion_or_belief",
    "sex",
    "sexual_orientation",
];

// ---------------------------------------------------------------------------
// Dates and versions

/// A calendar date; days stop at 28 so every month is valid.
#[derive(Clone, Copy)]
struct Date {
    /// Months since year 0: `year * 12 + month - 1`.
    month_index: i32,
    day: u32,
}

impl Date {
    fn new(month_index: i32, day: u32) -> Date {
        Date { month_index, day }
    }

    fn plus_months(self, months: i32) -> Date {
        Date::new(self.month_index + months, self.day)
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.month_index.div_euclid(12), self.month_index.rem_euclid(12) + 1, self.day)
    }
}

#[derive(Clone, Copy)]
struct Version(u32, u32);

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

struct HistoryEntry {
    version: Version,
    date: Date,
    description: &'static str,
}

// ---------------------------------------------------------------------------
// Document metadata (computed for every document first, so that documents can
// cite each other by their real titles)

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Ratified,
    Draft,
}

struct Meta {
    id: String,
    title: String,
    doc_type: &'static str,
    status: Status,
    /// Oldest first; the last entry is the document's version and date.
    history: Vec<HistoryEntry>,
    /// Months from the last history date to the review date.
    review_after: i32,
    /// Whether the review date is before 2026-11 (`REFERENCE_MONTH`).
    overdue: bool,
    has_superseded: bool,
    public: bool,
    summary: String,
    scope: &'static str,
    classification: &'static str,
    directorate: &'static str,
    author: (String, &'static str),
    committee: &'static str,
    references: Vec<usize>,
    /// Index into CHARACTERISTICS of a negative impact, if any.
    negative_impact: Option<usize>,
    positive_impacts: Vec<usize>,
    include_other_impact: bool,
    lead_assessor: String,
}

fn doc_id(i: usize) -> String {
    format!("POL/{:03}/{:03}", i / 1000, i % 1000)
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
}

fn meta(i: usize) -> Meta {
    let mut rng = Rng::new(i, 1);
    let (doc_type, type_word) = TYPES[i % TYPES.len()];
    let topic = rng.pick(TOPICS);
    let title = format!("{topic} {type_word} {}", i + 1);

    let roll = rng.below(100);
    let status = if roll < 2 { Status::Draft } else { Status::Ratified };
    let has_superseded = (2..7).contains(&roll);

    // The review date is past on 2026-11-23 (see REFERENCE_MONTH) for about
    // 10% of the documents and in the future for the rest; nothing is
    // ratified later than 2026-10.
    let overdue = rng.chance(10);
    let review_month = if overdue {
        REFERENCE_MONTH - 1 - rng.below(34) as i32 // 2024-01 ..= 2026-10
    } else {
        REFERENCE_MONTH + 1 + rng.below(35) as i32 // 2026-12 ..= 2029-10
    };
    // Ratified 12 to 36 months before the review date, by 2026-10 at the latest.
    let earliest_gap = (review_month - (REFERENCE_MONTH - 1)).max(12) as usize;
    let review_after = rng.range(earliest_gap, 36);
    let last_month = review_month - review_after as i32;
    let entries = rng.range(2, 4);
    let last = Date::new(last_month, rng.range(1, 28) as u32);
    let mut dates = vec![last];
    for _ in 1..entries {
        let earlier = dates.last().expect("non-empty").plus_months(-(rng.range(6, 18) as i32));
        dates.push(Date::new(earlier.month_index, rng.range(1, 28) as u32));
    }
    dates.reverse();
    let mut version = Version(1, 0);
    let mut history = Vec::with_capacity(entries);
    for (n, date) in dates.into_iter().enumerate() {
        if n > 0 {
            version = if rng.chance(30) { Version(version.0 + 1, 0) } else { Version(version.0, version.1 + 1) };
        }
        let description = if n == 0 { "New document" } else { rng.pick(HISTORY_NOTES) };
        history.push(HistoryEntry { version, date, description });
    }

    let negative_impact = rng.chance(1).then(|| rng.below(CHARACTERISTICS.len()));
    let positive_impacts = (0..CHARACTERISTICS.len()).filter(|_| rng.chance(10)).collect();
    let verb3 = VERBS[rng.below(VERBS.len())].1;
    let summary = format!(
        "This {doc_type} {verb3} the {} arrangements for {} across the Trust and sets out the {} {} of {} and {}.",
        rng.pick(ADJECTIVES),
        topic.to_lowercase(),
        rng.pick(ADJECTIVES),
        rng.pick(NOUNS),
        rng.pick(NOUNS),
        rng.pick(NOUNS),
    );
    Meta {
        id: doc_id(i),
        title,
        doc_type,
        status,
        history,
        review_after: review_after as i32,
        overdue,
        has_superseded,
        public: rng.chance(50),
        summary,
        scope: rng.pick(SCOPES),
        classification: rng.pick(CLASSIFICATIONS),
        directorate: rng.pick(DIRECTORATES),
        author: (person(&mut rng), rng.pick(JOB_TITLES)),
        committee: rng.pick(COMMITTEES),
        references: rng.distinct(REFERENCES.len(), 2),
        negative_impact,
        positive_impacts,
        include_other_impact: rng.chance(30),
        lead_assessor: person(&mut rng),
    }
}

/// Another document to point at, chosen so that the reference itself is
/// clean: not `i`, ratified (drafts are left out of a normal build), not
/// overdue for review (X005), and public when `i` is public (X007). The
/// planted defects are the only intended problems with references.
fn target(metas: &[Meta], i: usize, rng: &mut Rng) -> Option<usize> {
    let n = metas.len();
    let start = rng.below(n);
    (0..n).map(|step| (start + step) % n).find(|&j| {
        let t = &metas[j];
        j != i && t.status == Status::Ratified && !t.overdue && (t.public || !metas[i].public)
    })
}

// ---------------------------------------------------------------------------
// Front matter

/// Which file of a document is being written.
#[derive(Clone, Copy, PartialEq)]
enum Edition {
    Current,
    /// The previous version, kept as a second file with `status: superseded`.
    Superseded,
}

fn front_matter(out: &mut String, metas: &[Meta], i: usize, edition: Edition, related: &[usize]) {
    let m = &metas[i];
    // The superseded edition is the document as it was one history entry ago.
    let history = match edition {
        Edition::Current => &m.history[..],
        Edition::Superseded => &m.history[..m.history.len() - 1],
    };
    let last = history.last().expect("history is never empty");
    let status = match (edition, m.status) {
        (Edition::Superseded, _) => "superseded",
        (Edition::Current, Status::Draft) => "draft",
        (Edition::Current, Status::Ratified) => "ratified",
    };
    let w = out;
    writeln!(w, "---").unwrap();
    writeln!(w, "id: {}", m.id).unwrap();
    writeln!(w, "title: {}", m.title).unwrap();
    writeln!(w, "type: {}", m.doc_type).unwrap();
    writeln!(w, "version: \"{}\"", last.version).unwrap();
    writeln!(w, "status: {status}").unwrap();
    writeln!(w, "summary: >-\n  {}", m.summary).unwrap();
    writeln!(w, "scope: {}", m.scope).unwrap();
    writeln!(w, "classification: {}", m.classification).unwrap();
    writeln!(w, "directorate: {}", m.directorate).unwrap();
    writeln!(w, "author:\n  name: {}\n  title: {}", m.author.0, m.author.1).unwrap();
    if status != "draft" {
        writeln!(w, "ratified:\n  by: {}\n  date: {}", m.committee, last.date.iso()).unwrap();
        writeln!(w, "review_date: {}", last.date.plus_months(m.review_after).iso()).unwrap();
    }
    writeln!(w, "public: {}", m.public).unwrap();
    if !related.is_empty() {
        writeln!(w, "related:").unwrap();
        for &j in related {
            writeln!(w, "  - {}", metas[j].id).unwrap();
        }
    }
    writeln!(w, "references:").unwrap();
    for &r in &m.references {
        let (title, publisher, url, year) = REFERENCES[r];
        writeln!(w, "  - title: \"{title}\"\n    publisher: {publisher}\n    url: {url}\n    year: {year}").unwrap();
    }
    writeln!(w, "history:").unwrap();
    for h in history {
        writeln!(w, "  - version: \"{}\"\n    date: {}\n    description: {}", h.version, h.date.iso(), h.description)
            .unwrap();
    }
    let eia_date = last.date.plus_months(-1);
    writeln!(
        w,
        "eia:\n  stage: 1\n  date: {}\n  lead_assessor: {}\n  department: {}\n  consulted: [Equality and Diversity Lead, Staff Side Colleagues, Service Users]\n  impacts:",
        eia_date.iso(),
        m.lead_assessor,
        m.directorate
    )
    .unwrap();
    for (c, name) in CHARACTERISTICS.iter().enumerate() {
        if m.negative_impact == Some(c) {
            writeln!(
                w,
                "    {name}: {{ impact: negative, comment: Some arrangements may be harder to follow for this group }}"
            )
            .unwrap();
        } else if m.positive_impacts.contains(&c) {
            writeln!(w, "    {name}: positive").unwrap();
        } else {
            writeln!(w, "    {name}: neutral").unwrap();
        }
    }
    if m.include_other_impact {
        writeln!(w, "    other: {{ impact: neutral, comment: Carers and human rights considered }}").unwrap();
    }
    if m.negative_impact.is_some() {
        writeln!(
            w,
            "  action_plan:\n    - {{ action: Provide the document in easy-read format, lead: Equality Lead, due: {} }}",
            last.date.plus_months(6).iso()
        )
        .unwrap();
    }
    writeln!(w, "---").unwrap();
}

// ---------------------------------------------------------------------------
// Body

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `the local [adjective] noun`
fn noun_phrase(rng: &mut Rng, out: &mut String) {
    out.push_str(rng.pick(DETERMINERS));
    out.push(' ');
    if rng.chance(50) {
        out.push_str(rng.pick(ADJECTIVES));
        out.push(' ');
    }
    out.push_str(rng.pick(NOUNS));
}

/// One pseudo-English sentence of roughly 10 to 25 words, without the final
/// full stop.
fn clause(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(160);
    match rng.below(3) {
        0 => {
            noun_phrase(rng, &mut s);
            s.push(' ');
            s.push_str(VERBS[rng.below(VERBS.len())].1);
        }
        1 => {
            noun_phrase(rng, &mut s);
            s.push(' ');
            s.push_str(rng.pick(MODALS));
            s.push(' ');
            if rng.chance(30) {
                s.push_str(rng.pick(ADVERBS));
                s.push(' ');
            }
            s.push_str(VERBS[rng.below(VERBS.len())].0);
        }
        _ => {
            s.push_str("where ");
            noun_phrase(rng, &mut s);
            s.push(' ');
            s.push_str(VERBS[rng.below(VERBS.len())].1);
            s.push(' ');
            noun_phrase(rng, &mut s);
            s.push_str(", ");
            noun_phrase(rng, &mut s);
            s.push(' ');
            s.push_str(rng.pick(MODALS));
            s.push(' ');
            s.push_str(VERBS[rng.below(VERBS.len())].0);
        }
    }
    s.push(' ');
    noun_phrase(rng, &mut s);
    if rng.chance(70) {
        s.push(' ');
        s.push_str(rng.pick(PREPOSITIONS));
        s.push(' ');
        noun_phrase(rng, &mut s);
    }
    if rng.chance(25) {
        s.push(' ');
        s.push_str(rng.pick(CONNECTORS));
        s.push(' ');
        noun_phrase(rng, &mut s);
        s.push(' ');
        s.push_str(VERBS[rng.below(VERBS.len())].1);
        s.push(' ');
        noun_phrase(rng, &mut s);
    }
    s
}

fn sentence(rng: &mut Rng) -> String {
    let mut s = capitalise(&clause(rng));
    s.push('.');
    s
}

/// A paragraph of 3 to 6 sentences; `extra` sentences (cross-references and
/// planted defects) are placed among them.
fn paragraph(rng: &mut Rng, out: &mut String, extra: &[String]) {
    let count = rng.range(3, 5);
    let mut sentences: Vec<String> = (0..count).map(|_| sentence(rng)).collect();
    for e in extra {
        let at = rng.range(1, sentences.len());
        sentences.insert(at, e.clone());
    }
    out.push_str(&sentences.join(" "));
    out.push_str("\n\n");
}

fn bullets(rng: &mut Rng, out: &mut String) {
    for _ in 0..rng.range(3, 5) {
        out.push_str("- ");
        out.push_str(&sentence(rng));
        out.push('\n');
    }
    out.push('\n');
}

fn monitoring_table(rng: &mut Rng, out: &mut String, m: &Meta) {
    out.push_str("| Element to be monitored | Lead | Method and frequency | Reported to |\n");
    out.push_str("|---|---|---|---|\n");
    let elements = rng.distinct(SUBSECTIONS.len(), 3);
    for e in elements {
        let role = ROLES[rng.below(ROLES.len())].1;
        let method = rng.pick(&[
            "Annual audit",
            "Quarterly review of incident reports",
            "Six-monthly spot checks",
            "Monthly dashboard",
        ]);
        writeln!(out, "| Compliance with {} | {role} | {method} | {} |", SUBSECTIONS[e].to_lowercase(), m.committee)
            .unwrap();
    }
    out.push('\n');
}

fn body(metas: &[Meta], i: usize, edition: Edition, related: &[usize]) -> String {
    let m = &metas[i];
    let mut rng = Rng::new(
        i,
        match edition {
            Edition::Current => 2,
            Edition::Superseded => 3,
        },
    );

    // Sentences to place in running prose, spread over the sections.
    let mut extra: Vec<String> = Vec::new();
    for _ in 0..rng.range(3, 4) {
        if let Some(j) = target(metas, i, &mut rng) {
            let t = &metas[j];
            let s = match rng.below(3) {
                0 => format!("This {} should be read alongside the {} ({}).", m.doc_type, t.title, t.id),
                1 => format!("Further detail is given in the {} ({}) where it applies.", t.title, t.id),
                _ => format!(
                    "Managers should follow the {} ({}) when the {} {} the {}.",
                    t.title,
                    t.id,
                    rng.pick(NOUNS),
                    VERBS[rng.below(VERBS.len())].1,
                    rng.pick(NOUNS)
                ),
            };
            extra.push(s);
        }
    }
    let linked = related.first().copied().or_else(|| target(metas, i, &mut rng));
    if let Some(j) = linked {
        let anchor = if rng.chance(50) { "#scope" } else { "" };
        extra.push(format!("The [{} arrangements](doc:{}{anchor}) also apply.", metas[j].doc_type, metas[j].id));
    }
    extra.push(format!("The groups this {} covers are listed in the scope ([see scope](#scope)).", m.doc_type));
    if edition == Edition::Current {
        if rng.chance(2) {
            extra.push(format!("The earlier arrangements in {BROKEN_ID} continue to apply to existing cases."));
        }
        if rng.chance(1) {
            extra.push(if rng.chance(50) {
                "The named lead for this area is TBC.".to_string()
            } else {
                "Incidents are reported in line with NHS Protect guidance.".to_string()
            });
        }
    }

    let topical = rng.distinct(TOPICAL_SECTIONS.len(), 2);
    let sections = [
        SECTION_INTRODUCTION,
        SECTION_PURPOSE,
        SECTION_SCOPE,
        SECTION_DUTIES,
        TOPICAL_SECTIONS[topical[0]],
        TOPICAL_SECTIONS[topical[1]],
        SECTION_TRAINING,
        SECTION_MONITORING,
    ];
    let mut subsection_pool = rng.distinct(SUBSECTIONS.len(), SUBSECTIONS.len());

    let mut out = String::with_capacity(24 * 1024);
    for (s, &heading) in sections.iter().enumerate() {
        writeln!(out, "## {heading}\n").unwrap();
        let here: Vec<String> =
            extra.iter().enumerate().filter(|(k, _)| k % sections.len() == s).map(|(_, e)| e.clone()).collect();
        paragraph(&mut rng, &mut out, &here);
        if rng.chance(30) {
            paragraph(&mut rng, &mut out, &[]);
        }
        if heading == SECTION_MONITORING {
            monitoring_table(&mut rng, &mut out, m);
        } else if rng.chance(40) {
            bullets(&mut rng, &mut out);
        }

        if heading == SECTION_DUTIES {
            let count = rng.range(2, 3);
            for r in rng.distinct(ROLES.len(), count) {
                let (id, title, _, _) = ROLES[r];
                writeln!(out, "### {title} {{role={id}}}\n").unwrap();
                paragraph(&mut rng, &mut out, &[]);
                bullets(&mut rng, &mut out);
            }
            continue;
        }
        for _ in 0..rng.range(1, 3) {
            let sub = SUBSECTIONS[subsection_pool.pop().expect("pool holds enough titles")];
            writeln!(out, "### {sub}\n").unwrap();
            for _ in 0..rng.range(1, 2) {
                paragraph(&mut rng, &mut out, &[]);
            }
            if rng.chance(50) {
                bullets(&mut rng, &mut out);
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------
// Earlier versions for comparisons (`--revised M`)

/// Which documents get an earlier version: `m` of the ratified ones,
/// spread evenly over the library.
fn spread(metas: &[Meta], m: usize) -> Vec<bool> {
    let ratified: Vec<usize> = (0..metas.len()).filter(|&i| metas[i].status == Status::Ratified).collect();
    let m = m.min(ratified.len());
    let mut chosen = vec![false; metas.len()];
    for k in 0..m {
        chosen[ratified[k * ratified.len() / m]] = true;
    }
    chosen
}

/// The body as it was before its last revision, which changed one word in
/// a paragraph, deleted a bullet, added a row to the monitoring table and
/// moved a paragraph to another section: the revision undone.
fn before_revision(body: &str, rng: &mut Rng) -> String {
    let mut blocks: Vec<String> = body.trim_end().split("\n\n").map(str::to_string).collect();
    let is_para = |b: &str| !b.starts_with('#') && !b.starts_with('-') && !b.starts_with('|');
    let paras: Vec<usize> = (0..blocks.len()).filter(|&i| is_para(&blocks[i])).collect();
    // The word: one word of five letters or more, in one paragraph.
    let edited = paras[rng.below(paras.len())];
    let words: Vec<&str> = blocks[edited].split(' ').collect();
    let candidates: Vec<usize> =
        (1..words.len()).filter(|&w| words[w].len() >= 5 && words[w].chars().all(|c| c.is_ascii_lowercase())).collect();
    if !candidates.is_empty() {
        let w = candidates[rng.below(candidates.len())];
        let mut words: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        words[w] = rng.pick(NOUNS).to_string();
        blocks[edited] = words.join(" ");
    }
    // The bullet the revision deleted.
    if let Some(list) = blocks.iter().position(|b| b.starts_with("- ")) {
        let bullet = format!("- {} {} arrangements", rng.pick(ADJECTIVES), rng.pick(NOUNS));
        blocks[list] = format!("{}\n{bullet}", blocks[list]);
    }
    // The monitoring table's last row, which the revision added.
    if let Some(table) = blocks.iter().rposition(|b| b.starts_with('|')) {
        let rows: Vec<&str> = blocks[table].lines().collect();
        if rows.len() > 3 {
            blocks[table] = rows[..rows.len() - 1].join("\n");
        }
    }
    // The paragraph the revision moved stood in the next section before.
    let movable: Vec<usize> = paras.iter().copied().filter(|&p| p != edited).collect();
    if let Some(&from) = movable.get(rng.below(movable.len().max(1))) {
        let next = (from + 1..blocks.len()).find(|&i| blocks[i].starts_with("## "));
        if let Some(next) = next {
            let moved = blocks.remove(from);
            blocks.insert(next, moved);
        }
    }
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------
// Settings files

fn site_yaml() -> String {
    "# Benchmark corpus written by examples/gen_corpus.rs. Regenerate it; do not edit.\n\
     organisation: Benchmark NHS Trust\n\
     deprecated_terms:\n  \
       - term: NHS Protect\n    \
         advice: NHS Protect closed on 31 March 2017; name the current body or local arrangement instead.\n\
     placeholders: ['(state in full)', '[insert', 'TBC', 'Enter the names']\n"
        .to_string()
}

fn roles_yaml() -> String {
    let mut s = String::from("# Role registry of the benchmark corpus.\n");
    for (id, title, aliases, description) in ROLES {
        writeln!(s, "\n- id: {id}\n  title: {title}\n  aliases: {aliases}\n  description: {description}").unwrap();
    }
    s
}

fn glossary_yaml() -> String {
    let mut s = String::from("# Glossary of the benchmark corpus.\n\n");
    for (term, definition) in GLOSSARY {
        writeln!(s, "- term: {term}\n  definition: \"{definition}\"").unwrap();
    }
    s
}

// ---------------------------------------------------------------------------
// Output

/// Removes `dir` if it exists and looks like a content folder (or is empty).
fn clear_output(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(format!("{} exists and is not a folder", dir.display()));
    }
    let empty = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?.next().is_none();
    if !empty && !dir.join("site.yaml").is_file() {
        return Err(format!(
            "{} is not empty and has no site.yaml; refusing to delete it (choose another OUT_DIR)",
            dir.display()
        ));
    }
    fs::remove_dir_all(dir).map_err(|e| format!("cannot delete {}: {e}", dir.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn generate(n: usize, out_dir: &Path, revised: Option<usize>) -> Result<usize, String> {
    clear_output(out_dir)?;
    let docs_dir = out_dir.join("documents");
    fs::create_dir_all(&docs_dir).map_err(|e| format!("cannot create {}: {e}", docs_dir.display()))?;
    write(&out_dir.join("site.yaml"), &site_yaml())?;
    write(&out_dir.join("roles.yaml"), &roles_yaml())?;
    write(&out_dir.join("glossary.yaml"), &glossary_yaml())?;

    let metas: Vec<Meta> = (0..n).map(meta).collect();
    let revise = revised.map(|m| spread(&metas, m));
    let mut files = 0;
    let mut folder = PathBuf::new();
    for i in 0..n {
        if i % PER_FOLDER == 0 {
            folder = docs_dir.join(format!("d{:03}", i / PER_FOLDER));
            fs::create_dir_all(&folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        let m = &metas[i];
        let mut rng = Rng::new(i, 4);
        let related: Vec<usize> = {
            let mut r = Vec::new();
            for _ in 0..2 {
                if let Some(j) = target(&metas, i, &mut rng) {
                    if !r.contains(&j) {
                        r.push(j);
                    }
                }
            }
            r
        };
        let stem = format!("pol-{:03}-{:03}", i / 1000, i % 1000);

        let mut text = String::with_capacity(28 * 1024);
        front_matter(&mut text, &metas, i, Edition::Current, &related);
        text.push('\n');
        let current_body = body(&metas, i, Edition::Current, &related);
        text.push_str(&current_body);
        write(&folder.join(format!("{stem}.md")), &text)?;
        files += 1;

        if let Some(revise) = &revise {
            if revise[i] {
                let old = m.history[m.history.len() - 2].version;
                let mut text = String::with_capacity(28 * 1024);
                front_matter(&mut text, &metas, i, Edition::Superseded, &related);
                text.push('\n');
                text.push_str(&before_revision(&current_body, &mut Rng::new(i, 5)));
                write(&folder.join(format!("{stem}-v{}-{}.md", old.0, old.1)), &text)?;
                files += 1;
            }
        } else if m.has_superseded {
            let old = m.history[m.history.len() - 2].version;
            let mut text = String::with_capacity(28 * 1024);
            front_matter(&mut text, &metas, i, Edition::Superseded, &related);
            text.push('\n');
            text.push_str(&body(&metas, i, Edition::Superseded, &related));
            write(&folder.join(format!("{stem}-v{}-{}.md", old.0, old.1)), &text)?;
            files += 1;
        }
    }
    Ok(files)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: gen_corpus N OUT_DIR [--revised M]   (N documents, 1 to 999000; M of them with an earlier version)";
    let (n, out, revised) = match args.as_slice() {
        [n, out] => (n, out, None),
        [n, out, flag, m] if flag == "--revised" => match m.parse::<usize>() {
            Ok(m) => (n, out, Some(m)),
            Err(_) => {
                eprintln!("`{m}` is not a number of documents\n{usage}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    let n: usize = match n.parse() {
        Ok(n) if (1..=MAX_DOCS).contains(&n) => n,
        _ => {
            eprintln!("`{n}` is not a number of documents from 1 to {MAX_DOCS}\n{usage}");
            return ExitCode::from(2);
        }
    };
    match generate(n, Path::new(out), revised) {
        Ok(files) => {
            println!("wrote {n} documents ({files} files) to {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
