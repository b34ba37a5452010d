//! Diagnostics as data: every problem the loader and the checks find.
//! Printing lives in `report.rs`; nothing else formats a diagnostic.

use crate::model::{DocId, Pos};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

macro_rules! codes {
    ($($code:ident => $sev:ident, $what:literal;)*) => {
        /// Every diagnostic code of `checks.md`. A code never changes meaning.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($code),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$code => Severity::$sev),* }
            }

            /// One line on what the code is about, for the checks page.
            pub fn what(self) -> &'static str {
                match self { $(Code::$code => $what),* }
            }
        }
    };
}

codes! {
    S001 => Error, "front matter missing, not closed, or not valid YAML";
    S002 => Error, "unknown key";
    S003 => Error, "key required for this status is missing";
    S004 => Error, "a value of the wrong kind";
    S005 => Error, "versions that cannot stand side by side: two in force, two in preparation, one in preparation not numbered above the one in force, or two files with the same id and version";
    S006 => Error, "a file that is not UTF-8 or cannot be read, or a site.yaml/roles.yaml/glossary.yaml problem (empty, unreadable, base_url not http or https)";
    S007 => Error, "two ids that are different but would share an address or read the same (case, Unicode compatibility forms, / against - or .)";
    S008 => Error, "ambiguous line structure: a line break some readers do not take for one, or an unclear delimiter line, in the front matter; or front-matter lines the fingerprint and the loader read differently";
    S009 => Error, "withdrawn on a version whose status is not withdrawn";
    X001 => Error, "reference to an id that no document has";
    X002 => Error, "anchor not found in the target document";
    X003 => Warning, "reference to a superseded or withdrawn document";
    X004 => Warning, "title before (ID) does not match the target's title";
    X005 => Warning, "reference to a document whose review date has passed";
    X006 => Error, "relative link or image to a file that does not exist";
    X007 => Warning, "a public document links to a document that is not public";
    X008 => Note, "replaces names a version that is not in the library";
    X009 => Error, "a link, image or reference URL with a scheme other than http, https or mailto (never made a link)";
    X010 => Warning, "an external link that does not answer, or answers with an error";
    X011 => Warning, "an external link with a user name or password written in its address (never sent when it is asked)";
    R001 => Warning, "review date has passed";
    R002 => Note, "review date falls due soon";
    R003 => Warning, "review date too long after ratification";
    R004 => Error, "review date before ratification date";
    H001 => Error, "versions not strictly increasing";
    H002 => Warning, "dates go backwards while versions go forward";
    H003 => Error, "front-matter version differs from the last history entry";
    H004 => Warning, "last history entry's review date differs from review_date";
    H005 => Warning, "ratified document without history";
    H006 => Error, "a ratified or superseded version changed after ratification (no longer matches its fingerprint in ratified.lock)";
    H007 => Note, "a ratified or superseded version with no entry in ratified.lock";
    H008 => Warning, "every version of an id is marked superseded and none replaces it, yet its dates keep the last one in force";
    H009 => Error, "an effective date before the ratification, or two versions of one id coming into force on the same day";
    H010 => Error, "a version recorded in ratified.lock has no file, and no destroy or transfer decision is recorded for it in retention.log";
    H011 => Error, "in a library that has a ratified.lock, a ratified or superseded version with no entry";
    H012 => Error, "a lock entry whose ratification date or committee differs from the version's ratified:";
    Q001 => Error, "no EIA on a ratified document whose type requires one";
    Q002 => Error, "a protected characteristic is missing from impacts";
    Q003 => Error, "a negative impact with no action plan";
    Q004 => Warning, "EIA dated after ratification";
    Q005 => Warning, "action plan item without a lead or a due date";
    Q006 => Warning, "action plan item past its due date and not marked done";
    Q007 => Warning, "a negative impact without a comment saying what it is";
    G001 => Warning, "a new document, a new major version, or a version of a type that needs one, with no consultation recorded (blocks ratification)";
    G002 => Warning, "the consultation deadline has passed and someone consulted has no response";
    G003 => Warning, "a step of the approval route before the ratifying committee is not recorded, or the ratifying committee is not the route's last step (blocks ratification)";
    P001 => Error, "role= names an id that is not in roles.yaml";
    P002 => Note, "a heading names a registered role but is not tagged";
    C001 => Warning, "a deprecated term";
    C002 => Warning, "placeholder text left in a ratified document";
    C003 => Warning, "an empty section";
    C004 => Warning, "references checked before the latest history entry";
    C005 => Warning, "raw HTML in the body";
    C006 => Warning, "a body # heading, or a hand-written section number";
    C007 => Warning, "an image without alt text";
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub document: Option<DocId>,
    pub file: Option<String>,
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// Most helps are fixed text: 100,000 findings need not hold 100,000 copies.
    pub help: Option<Cow<'static, str>>,
    /// The finding, on a version in preparation, stops it being ratified
    /// (`check::readiness` decides which do). In JSON only when it does.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub blocks_ratification: bool,
    /// How many characters the human output underlines (0: up to the next space).
    #[serde(skip)]
    pub width: u32,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            document: None,
            file: None,
            line: 1,
            column: 1,
            message: message.into(),
            help: None,
            blocks_ratification: false,
            width: 0,
        }
    }

    pub fn at(mut self, pos: Pos) -> Diagnostic {
        self.line = pos.line.max(1);
        self.column = pos.column.max(1);
        self
    }

    pub fn in_file(mut self, file: &str) -> Diagnostic {
        self.file = Some(file.to_string());
        self
    }

    pub fn for_document(mut self, id: Option<&DocId>) -> Diagnostic {
        self.document = id.cloned();
        self
    }

    pub fn width(mut self, chars: usize) -> Diagnostic {
        self.width = chars as u32;
        self
    }

    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help.map(Cow::Owned);
        self
    }

    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }
}

/// Sorts by file, line, column, code, so output is identical run to run.
/// Problems outside any file come first.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.message).cmp(&(&b.file, b.line, b.column, b.code, &b.message))
    });
}

/// One problem in one file with every place it occurs: the repeats of a
/// diagnostic (same file, code, message and help) folded together, for the
/// human output and the site's pages. JSON keeps one entry per place.
pub struct Folded<'d> {
    /// The first place; its line is the one shown.
    pub first: &'d Diagnostic,
    /// Every place, the first included, in order.
    pub places: Vec<Pos>,
}

impl Folded<'_> {
    /// "3 places: lines 12, 40, 77", or `None` for a problem in one place.
    /// A line with two places names their columns (`12:5, 12:40`).
    pub fn places_text(&self) -> Option<String> {
        if self.places.len() < 2 {
            return None;
        }
        let shared = |line: u32| self.places.iter().filter(|p| p.line == line).count() > 1;
        let named: Vec<String> = self
            .places
            .iter()
            .map(|p| if shared(p.line) { format!("{}:{}", p.line, p.column) } else { p.line.to_string() })
            .collect();
        Some(format!("{} places: lines {}", self.places.len(), named.join(", ")))
    }
}

/// Folds the repeats of each problem, in the order of their first place.
pub fn fold<'d>(diags: impl IntoIterator<Item = &'d Diagnostic>) -> Vec<Folded<'d>> {
    let mut out: Vec<Folded> = Vec::new();
    // The repeats of a problem: the same file, code, message and help.
    type Key<'d> = (&'d Option<String>, Code, &'d str, &'d Option<Cow<'static, str>>, bool);
    let mut index: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for d in diags {
        let key = (&d.file, d.code, d.message.as_str(), &d.help, d.blocks_ratification);
        match index.get(&key) {
            // A problem outside any file has no places to name.
            Some(&i) if d.file.is_some() => out[i].places.push(d.pos()),
            _ => {
                index.insert(key, out.len());
                out.push(Folded { first: d, places: vec![d.pos()] });
            }
        }
    }
    out
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Document files loaded: every version counts.
    pub documents: usize,
    /// Ids among them, when the whole library was checked: the human
    /// summary counts documents and versions apart.
    #[serde(skip)]
    pub ids: Option<usize>,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Findings, of any severity, that stop a version in preparation being
    /// ratified (counted among the others as well).
    pub blocks_ratification: usize,
}

impl Summary {
    /// The same, knowing how many ids the versions belong to.
    pub fn with_ids(mut self, ids: usize) -> Summary {
        self.ids = Some(ids);
        self
    }

    pub fn of(documents: usize, diags: &[Diagnostic]) -> Summary {
        Summary::of_all(documents, diags)
    }

    pub fn of_all<'d>(documents: usize, diags: impl IntoIterator<Item = &'d Diagnostic> + Clone) -> Summary {
        let count = |s| diags.clone().into_iter().filter(|d| d.severity == s).count();
        Summary {
            documents,
            ids: None,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            blocks_ratification: diags.clone().into_iter().filter(|d| d.blocks_ratification).count(),
        }
    }
}
