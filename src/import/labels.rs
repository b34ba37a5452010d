//! The labels trusts put on front sheets, reader boxes and control tables,
//! and the front-matter field each one means. One table of synonyms, matched
//! word by word after case, punctuation and `&`/`and` are set aside, so
//! that "Author/Title", "AUTHOR / TITLE:" and "Author & Title" are one label.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Title,
    /// "Description" in a reader box: the title when nothing else gives one.
    Description,
    Type,
    Version,
    Status,
    Scope,
    Classification,
    Directorate,
    /// An author as "Name / Title" or "Name, Title", or a name alone.
    Author,
    AuthorTitle,
    ExecutiveLead,
    HeadOfDepartment,
    Contact,
    AudiencePrimary,
    AudienceSecondary,
    Replaces,
    ValidatedBy,
    ValidatedDate,
    RatifiedBy,
    RatifiedDate,
    Published,
    ReviewDate,
    Public,
    Principles,
    StaffPledges,
    EqualityAct,
    ReferencesChecked,
    Summary,
    /// "Date" alone: whose date it is depends on the label before it.
    Date,
    /// A label trusts use that has no key in the content format: reported,
    /// its value left out.
    NoKey,
}

impl Field {
    /// The front-matter key a field fills, for warnings.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Title | Field::Description => "title",
            Field::Type => "type",
            Field::Version => "version",
            Field::Status => "status",
            Field::Scope => "scope",
            Field::Classification => "classification",
            Field::Directorate => "directorate",
            Field::Author => "author",
            Field::AuthorTitle => "author.title",
            Field::ExecutiveLead => "executive_lead",
            Field::HeadOfDepartment => "head_of_department",
            Field::Contact => "contact",
            Field::AudiencePrimary => "audience.primary",
            Field::AudienceSecondary => "audience.secondary",
            Field::Replaces => "replaces",
            Field::ValidatedBy => "validated.by",
            Field::ValidatedDate => "validated.date",
            Field::RatifiedBy => "ratified.by",
            Field::RatifiedDate => "ratified.date",
            Field::Published => "published",
            Field::ReviewDate => "review_date",
            Field::Public => "public",
            Field::Principles => "nhs_constitution.principles",
            Field::StaffPledges => "nhs_constitution.staff_pledges",
            Field::EqualityAct => "equality_act_compliant",
            Field::ReferencesChecked => "references_checked",
            Field::Summary => "summary",
            Field::Date => "date",
            Field::NoKey => "",
        }
    }
}

/// A labelled value as found, before it is read as a typed value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub field: Field,
    pub label: String,
    pub value: String,
    pub loc: super::blocks::Loc,
}

/// Every label and its field. Longer labels win over their prefixes
/// ("Date Ratified" over "Date").
const SYNONYMS: &[(&str, Field)] = &[
    ("unique identifier", Field::Id),
    ("unique id", Field::Id),
    ("document id", Field::Id),
    ("document identifier", Field::Id),
    ("id no", Field::Id),
    ("id number", Field::Id),
    ("document number", Field::Id),
    ("document reference", Field::Id),
    ("document ref", Field::Id),
    ("reference number", Field::Id),
    ("reference no", Field::Id),
    ("policy number", Field::Id),
    ("policy no", Field::Id),
    ("policy reference", Field::Id),
    ("policy ref", Field::Id),
    ("procedure number", Field::Id),
    ("document title", Field::Title),
    ("title", Field::Title),
    ("policy title", Field::Title),
    ("procedure title", Field::Title),
    ("strategy title", Field::Title),
    ("name of document", Field::Title),
    ("document name", Field::Title),
    ("policy name", Field::Title),
    ("title of document", Field::Title),
    ("description", Field::Description),
    ("document type", Field::Type),
    ("type of document", Field::Type),
    ("type", Field::Type),
    ("version number", Field::Version),
    ("version no", Field::Version),
    ("version", Field::Version),
    ("current version", Field::Version),
    ("issue number", Field::Version),
    ("issue no", Field::Version),
    ("status", Field::Status),
    ("document status", Field::Status),
    ("scope", Field::Scope),
    ("applies to", Field::Scope),
    ("applicable to", Field::Scope),
    ("classification", Field::Classification),
    ("document classification", Field::Classification),
    ("responsibility", Field::Directorate),
    ("directorate", Field::Directorate),
    ("directorate responsible", Field::Directorate),
    ("responsible directorate", Field::Directorate),
    ("owning directorate", Field::Directorate),
    ("sphere of activity", Field::Directorate),
    ("division", Field::Directorate),
    ("care group", Field::Directorate),
    ("service area", Field::Directorate),
    ("business unit", Field::Directorate),
    ("author title", Field::Author),
    ("author and title", Field::Author),
    ("author", Field::Author),
    ("authors", Field::Author),
    ("author s", Field::Author),
    ("policy author", Field::Author),
    ("policy author s", Field::Author),
    ("document author", Field::Author),
    ("lead author", Field::Author),
    ("document owner", Field::Author),
    ("document lead", Field::Author),
    ("policy lead", Field::Author),
    ("policy owner", Field::Author),
    ("owner", Field::Author),
    ("originator", Field::Author),
    ("prepared by", Field::Author),
    ("written by", Field::Author),
    ("author job title", Field::AuthorTitle),
    ("author s job title", Field::AuthorTitle),
    ("job title", Field::AuthorTitle),
    ("designation", Field::AuthorTitle),
    ("executive lead", Field::ExecutiveLead),
    ("executive sponsor", Field::ExecutiveLead),
    ("executive director lead", Field::ExecutiveLead),
    ("lead executive", Field::ExecutiveLead),
    ("lead director", Field::ExecutiveLead),
    ("responsible director", Field::ExecutiveLead),
    ("accountable director", Field::ExecutiveLead),
    ("accountable executive", Field::ExecutiveLead),
    ("accountable manager", Field::ExecutiveLead),
    ("accountable manager s", Field::ExecutiveLead),
    ("sponsor", Field::ExecutiveLead),
    ("head of department", Field::HeadOfDepartment),
    ("head of service", Field::HeadOfDepartment),
    ("contact details", Field::Contact),
    ("contact", Field::Contact),
    ("contact email", Field::Contact),
    ("email", Field::Contact),
    ("e mail", Field::Contact),
    ("primary audience", Field::AudiencePrimary),
    ("target audience", Field::AudiencePrimary),
    ("intended audience", Field::AudiencePrimary),
    ("audience", Field::AudiencePrimary),
    ("secondary audience", Field::AudienceSecondary),
    ("secondary audience s", Field::AudienceSecondary),
    ("secondary audiences", Field::AudienceSecondary),
    ("replaces", Field::Replaces),
    ("supersedes", Field::Replaces),
    ("this document replaces", Field::Replaces),
    ("validated by", Field::ValidatedBy),
    ("date validated", Field::ValidatedDate),
    ("validation date", Field::ValidatedDate),
    ("ratified by", Field::RatifiedBy),
    ("ratified by committee group", Field::RatifiedBy),
    ("ratifying committee", Field::RatifiedBy),
    ("ratifying body", Field::RatifiedBy),
    ("ratifying group", Field::RatifiedBy),
    ("approved by", Field::RatifiedBy),
    ("approving committee", Field::RatifiedBy),
    ("approving body", Field::RatifiedBy),
    ("approval body", Field::RatifiedBy),
    ("formally ratified approved by", Field::RatifiedBy),
    ("date ratified", Field::RatifiedDate),
    ("ratification date", Field::RatifiedDate),
    ("date of ratification", Field::RatifiedDate),
    ("ratified on", Field::RatifiedDate),
    ("date approved", Field::RatifiedDate),
    ("approval date", Field::RatifiedDate),
    ("date of approval", Field::RatifiedDate),
    ("approved on", Field::RatifiedDate),
    ("date published", Field::Published),
    ("first published", Field::Published),
    ("date first published", Field::Published),
    ("date published on the website", Field::Published),
    ("date published on the intranet", Field::Published),
    ("publication date", Field::Published),
    ("date of publication", Field::Published),
    ("date issued", Field::Published),
    ("date of issue", Field::Published),
    ("issue date", Field::Published),
    ("review date", Field::ReviewDate),
    ("next review date", Field::ReviewDate),
    ("date due for review", Field::ReviewDate),
    ("date of next review", Field::ReviewDate),
    ("due for review", Field::ReviewDate),
    ("review due", Field::ReviewDate),
    ("review due date", Field::ReviewDate),
    ("expiry date", Field::ReviewDate),
    ("document for public display", Field::Public),
    ("for public display", Field::Public),
    ("public display", Field::Public),
    ("suitable for public display", Field::Public),
    ("suitable for publication", Field::Public),
    ("publish on website", Field::Public),
    ("publish on the internet", Field::Public),
    ("which principles of the nhs constitution apply", Field::Principles),
    ("nhs constitution principles", Field::Principles),
    ("principles of the nhs constitution", Field::Principles),
    ("which staff pledges of the nhs constitution apply", Field::StaffPledges),
    ("nhs constitution staff pledges", Field::StaffPledges),
    ("staff pledges", Field::StaffPledges),
    ("does this document meet the requirements of the equality act 2010", Field::EqualityAct),
    ("equality act compliant", Field::EqualityAct),
    ("meets the equality act 2010", Field::EqualityAct),
    ("meets the requirements of the equality act 2010", Field::EqualityAct),
    ("equality act 2010 compliant", Field::EqualityAct),
    ("references checked", Field::ReferencesChecked),
    ("references checked by", Field::ReferencesChecked),
    ("references checked completed by", Field::ReferencesChecked),
    ("policy statement key objectives", Field::Summary),
    ("policy statement", Field::Summary),
    ("key objectives", Field::Summary),
    ("document summary", Field::Summary),
    ("summary", Field::Summary),
    ("executive summary", Field::Summary),
    ("date", Field::Date),
    ("in consultation with", Field::NoKey),
    ("consulted with", Field::NoKey),
    ("date of previous revisions", Field::NoKey),
    ("date sent for ratification", Field::NoKey),
    ("distribution", Field::NoKey),
    ("keywords", Field::NoKey),
    ("notes", Field::NoKey),
    ("references and supporting documents", Field::NoKey),
    ("reader box", Field::NoKey),
];

/// The words of a label or a cell, as compared: lower case, letters and
/// digits only, `&` read as "and".
pub fn words(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
            end = i + c.len_utf8();
        } else {
            if !current.is_empty() {
                out.push((std::mem::take(&mut current), end));
            }
            if c == '&' {
                out.push(("and".to_string(), i + 1));
            }
        }
    }
    if !current.is_empty() {
        out.push((current, end));
    }
    out
}

/// A label found at the start of a cell.
#[derive(Debug, PartialEq, Eq)]
pub struct Label<'t> {
    pub field: Field,
    /// The label as written.
    pub label: &'t str,
    /// What follows it in the cell, without the colon or leader.
    pub rest: &'t str,
    /// Read by its key words, not found in the synonym table: a reading
    /// to report.
    pub by_words: bool,
}

/// The label that starts `cell`, the longest when several do.
/// The synonyms as words, made once.
static SYNONYM_WORDS: std::sync::LazyLock<Vec<(Vec<String>, Field)>> = std::sync::LazyLock::new(|| {
    SYNONYMS.iter().map(|(s, f)| (words(s).into_iter().map(|w| w.0).collect(), *f)).collect()
});

pub fn at_start(cell: &str) -> Option<Label<'_>> {
    // Every label starts with a letter: most lines can be passed over at once.
    let first = cell.trim_start().chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    by_synonym(cell).or_else(|| by_key_words(cell, true))
}

/// A cell in the label column of a control table (where the other rows
/// hold labels): a label by its key words even without a colon
/// ("Reference", "Protocol ID", "Available to the public").
pub fn in_label_column(cell: &str) -> Option<Label<'_>> {
    let first = cell.trim_start().chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    by_synonym_in(cell, true).or_else(|| by_key_words(cell, false))
}

/// The label of the synonym table that starts `cell`, the longest when several do.
fn by_synonym(cell: &str) -> Option<Label<'_>> {
    by_synonym_in(cell, false)
}

/// `in_column`: the cell stands in a label column, so a label followed by
/// more words is a label and its value ("Ratifying Committee Clinical
/// Policies Group"), not a sentence.
fn by_synonym_in(cell: &str, in_column: bool) -> Option<Label<'_>> {
    let cell_words = words(cell);
    let mut best: Option<(usize, Field)> = None;
    for (syn, field) in SYNONYM_WORDS.iter() {
        if syn.len() <= cell_words.len()
            && syn.iter().zip(&cell_words).all(|(a, b)| *a == b.0)
            && best.is_none_or(|(n, _)| syn.len() > n)
        {
            best = Some((syn.len(), *field));
        }
    }
    let (n, field) = best?;
    let mut end = cell_words[n - 1].1;
    // "Owner (name/role)": a bracket right after the label is part of it.
    if let Some(close) = cell[end..].strip_prefix(" (").or(cell[end..].strip_prefix('(')).and_then(|r| r.find(')')) {
        if close <= 40 {
            end = cell.len() - cell[end..].trim_start().len() + 1 + close + 1;
        }
    }
    let mut rest = cell[end..].trim_start_matches(|c: char| c.is_whitespace() || ":-–—.?)(/".contains(c));
    // "Document reference no.": a trailing "no." or "number" is the label's
    // (of an identifier's label only: "Public display: No" is an answer).
    let trailing = matches!(rest.trim_end_matches(['.', ':']).to_lowercase().as_str(), "no" | "number" | "ref");
    if trailing && field == Field::Id {
        end = cell.len();
        rest = "";
    }
    // "Title and web links from the document library": a label followed by
    // more words with no colon is a sentence or a column heading, not a label,
    // unless the cell holds its value after a question mark or the label is long.
    let between = &cell[end..cell.len() - rest.len()];
    // Two spaces or more are a column's gap in laid-out text: "Owner  Nadia Farouk".
    let gap = between.contains("  ");
    let sentence = !between.contains([':', '?', '.', '-', '–']) && !gap && n < 4 && !starts_with_value(rest);
    // "Author (name and job title): …": the label runs on to its colon.
    if !rest.is_empty() && sentence && (!in_column || rest.contains(':')) {
        return None;
    }
    Some(Label { field, label: cell[..end].trim(), rest: rest.trim(), by_words: false })
}

/// A label the synonym table does not hold, read by the words that say what
/// it is about ("Name of originator/author:", "Author (name and job
/// title):", "Executive Director:", "Protocol ID"). Only a label that is
/// set apart as one, ended by a colon (or, with `colon` false, alone in
/// its cell), and of six words at most, is read so; `KEY_WORDS` in order,
/// the first that fits wins.
fn by_key_words(cell: &str, colon: bool) -> Option<Label<'_>> {
    // The label ends at a colon, or at a column's gap of two spaces or more.
    let gap = cell.trim_start().find("  ").map(|g| g + cell.len() - cell.trim_start().len());
    let (label, rest) = match (cell.find(':'), gap) {
        (Some(i), g) if g.is_none_or(|g| i < g) => (&cell[..i], &cell[i + 1..]),
        (_, Some(g)) => (&cell[..g], &cell[g..]),
        _ if !colon => (cell, ""),
        _ => return None,
    };
    let ws: Vec<String> = words(label).into_iter().map(|w| w.0).collect();
    if ws.is_empty() || ws.len() > 6 {
        return None;
    }
    // A stem of five letters or more stands for its word's forms
    // ("approv": approved, approving); a shorter one only for itself ("no").
    let has = |stems: &[&str]| ws.iter().any(|w| stems.iter().any(|s| w == s || (s.len() >= 5 && w.starts_with(s))));
    let field = KEY_WORDS.iter().find(|(all, any, _)| all.iter().all(|a| has(&[a])) && has(any)).map(|k| k.2)?;
    Some(Label { field, label: label.trim(), rest: rest.trim(), by_words: true })
}

/// The words of a label that say what it is about, most telling first:
/// (every one of these word stems, and one of these, → field). A date's
/// label is told by what it dates; a person's by their role.
const KEY_WORDS: &[(&[&str], &[&str], Field)] = &[
    (&["date"], &["review", "expir"], Field::ReviewDate),
    (&["date"], &["ratif", "approv"], Field::RatifiedDate),
    (&["date"], &["publi", "issue"], Field::Published),
    (&["date"], &["valid"], Field::ValidatedDate),
    (&[], &["review"], Field::ReviewDate),
    (&[], &["ratif", "approv", "authoris", "authoriz"], Field::RatifiedBy),
    (&[], &["author", "originator", "owner", "writer"], Field::Author),
    (&[], &["directorate", "division", "department"], Field::Directorate),
    (&[], &["director", "executive", "sponsor"], Field::ExecutiveLead),
    (&[], &["public", "publication", "publish"], Field::Public),
    (&[], &["version", "issue"], Field::Version),
    (&[], &["ref", "reference", "number", "no", "id", "identifier", "code"], Field::Id),
];

/// Every label of two words or more in a run of text (a control box that
/// an extraction flattened into one line): (start, end, field), longest
/// first where two start at one word.
pub fn find_all(text: &str) -> Vec<(usize, usize, Field)> {
    let ws = words(text);
    let starts: Vec<usize> = ws.iter().map(|(w, end)| end - w.len()).collect();
    let synonyms: Vec<&(Vec<String>, Field)> =
        SYNONYM_WORDS.iter().filter(|(w, f)| *f != Field::Date && w.len() >= 2).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let best = synonyms
            .iter()
            .filter(|(syn, _)| i + syn.len() <= ws.len() && syn.iter().zip(&ws[i..]).all(|(a, b)| *a == b.0))
            .max_by_key(|(syn, _)| syn.len());
        match best {
            Some((syn, field)) => {
                // The start is where the first word begins in `text` (words()
                // lower-cases, which can change lengths: look it up again).
                let start = text[..ws[i].1]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphanumeric())
                    .last()
                    .map_or(starts[i], |(p, _)| p);
                out.push((start, ws[i + syn.len() - 1].1, *field));
                i += syn.len();
            }
            None => i += 1,
        }
    }
    out
}

/// A value that can follow a label without a colon: a number, a date, yes/no.
fn starts_with_value(rest: &str) -> bool {
    let first = rest.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    first.starts_with(|c: char| c.is_ascii_digit()) || matches!(first.as_str(), "yes" | "no" | "y" | "n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_label() {
        for cell in [
            "Author / Title: Daniel Willis / LSMS",
            "AUTHOR/TITLE - Daniel Willis / LSMS",
            "Author & Title: Daniel Willis / LSMS",
        ] {
            let l = at_start(cell).unwrap();
            assert_eq!((l.field, l.rest), (Field::Author, "Daniel Willis / LSMS"), "{cell}");
        }
        assert_eq!(at_start("Date Ratified 30 th November 2016").unwrap().field, Field::RatifiedDate);
        assert_eq!(at_start("Review Date: 01/09/2020").unwrap().rest, "01/09/2020");
        assert_eq!(at_start("Version No. 2.1").unwrap().rest, "2.1");
        assert!(at_start("Review dates may alter if any significant changes are made").is_none());
        assert!(at_start("Title and web links from the document library").is_none());
        let l = at_start("Document for Public Display: Yes").unwrap();
        assert_eq!((l.field, l.rest), (Field::Public, "Yes"));
    }

    #[test]
    fn labels_outside_the_table_read_by_their_words() {
        for (cell, field, rest) in [
            ("Name of originator/author: Tom Adeyemi", Field::Author, "Tom Adeyemi"),
            ("Author (name and job title): Grace Lindqvist", Field::Author, "Grace Lindqvist"),
            ("Executive Director: Chief Nurse", Field::ExecutiveLead, "Chief Nurse"),
            ("Date of next review: 1 May 2027", Field::ReviewDate, "1 May 2027"),
        ] {
            let l = at_start(cell).unwrap();
            assert_eq!((l.field, l.rest), (field, rest), "{cell}");
        }
        // A column's gap of two spaces ends a label as a colon does.
        let l = at_start("Protocol ID  KB-PRO-021").unwrap();
        assert_eq!((l.field, l.rest), (Field::Id, "KB-PRO-021"));
        let l = at_start("Owner  Nadia Farouk, Practitioner").unwrap();
        assert_eq!((l.field, l.rest), (Field::Author, "Nadia Farouk, Practitioner"));
        // Without a colon or a gap only a cell of a control table's label column is a label.
        assert!(at_start("Protocol ID").is_none());
        assert_eq!(in_label_column("Protocol ID").unwrap().field, Field::Id);
        assert_eq!(in_label_column("Available to the public").unwrap().field, Field::Public);
    }
}
