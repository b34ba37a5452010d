//! The publish report: what a build published and what it left out, and
//! why. `build` prints it and writes it as JSON into the output's
//! `.trustdocs/publish-report.json` (docs/outputs.md). The public copy's
//! JSON counts what it left out by reason but never names it: the public
//! copy holds nothing about a document it does not publish.

use crate::model::timeline::{End, Standing};
use crate::model::Status;
use crate::publish::Publication;
use crate::resolve::DocIndex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Clone, Debug, Serialize)]
pub struct PublishReport {
    /// `intranet` or `public`.
    pub copy: &'static str,
    pub drafts: bool,
    pub generated: String,
    pub published: Published,
    pub left_out: LeftOut,
}

#[derive(Clone, Debug, Serialize)]
pub struct Published {
    /// Ids with a page.
    pub documents: usize,
    pub versions: usize,
    pub by_status: BTreeMap<&'static str, usize>,
    pub list: Vec<Item>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LeftOut {
    pub versions: usize,
    pub by_reason: BTreeMap<String, usize>,
    /// Every version left out, with its reason; `None` in the public copy's JSON.
    pub list: Option<Vec<Item>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub id: Option<String>,
    pub version: Option<String>,
    pub status: Option<&'static str>,
    pub title: String,
    /// The source file; left out of the public copy's JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Relative to the site root (published versions).
    pub page: Option<String>,
    /// Why it was left out.
    pub reason: Option<String>,
    /// Errors the checks found in it; left out of the public copy's JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<usize>,
    /// Staff names withheld from its text in the public copy (`publish::withheld`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub names_withheld: Option<usize>,
}

impl PublishReport {
    pub fn of(site: &Publication) -> PublishReport {
        let lib = site.lib;
        let item = |i: DocIndex, page: Option<String>, reason: Option<String>| {
            let d = lib.doc(i);
            Item {
                id: d.id().map(|x| x.to_string()),
                version: d.version().map(|v| v.to_string()),
                status: d.status().map(Status::as_str),
                title: d.title().to_string(),
                file: Some(d.file.display.clone()),
                page,
                reason,
                errors: Some(site.errors.get(&i).copied().unwrap_or(0)),
                names_withheld: None,
            }
        };
        let mut published = Published {
            documents: site.main_of.len(),
            versions: site.pages.len(),
            by_status: BTreeMap::new(),
            list: Vec::new(),
        };
        for p in &site.pages {
            let it = item(p.doc, Some(p.url.clone()), None);
            *published.by_status.entry(it.status.unwrap_or("unknown")).or_default() += 1;
            published.list.push(it);
        }
        let mut left = Vec::new();
        for (i, _) in lib.iter().filter(|(i, _)| !site.url_of.contains_key(i)) {
            left.push(item(i, None, Some(reason(site, i))));
        }
        let mut by_reason = BTreeMap::new();
        for it in &left {
            *by_reason.entry(it.reason.clone().unwrap_or_default()).or_default() += 1;
        }
        PublishReport {
            copy: if site.opts.public { "public" } else { "intranet" },
            drafts: site.opts.drafts,
            generated: site.lib.today().iso(),
            published,
            left_out: LeftOut { versions: left.len(), by_reason, list: Some(left) },
        }
    }

    /// Notes, on each published version, how many staff names its text had
    /// withheld (`publish::public_library_counted`).
    pub fn with_withheld(mut self, site: &Publication, counts: &BTreeMap<DocIndex, usize>) -> PublishReport {
        for (p, item) in site.pages.iter().zip(&mut self.published.list) {
            item.names_withheld = counts.get(&p.doc).copied();
        }
        self
    }

    /// The JSON written into the output. The public copy's names nothing it
    /// left out and tells no source file or error count: a public page needs
    /// neither.
    pub fn json(&self) -> String {
        let mut shown = self.clone();
        if self.copy == "public" {
            shown.left_out.list = None;
            for it in &mut shown.published.list {
                it.file = None;
                it.errors = None;
            }
        }
        serde_json::to_string_pretty(&shown).expect("the report serialises") + "\n"
    }

    /// The report for the terminal: counts; with the public copy, every
    /// document published and every one left out, with the reason.
    pub fn human(&self) -> String {
        let mut out = String::new();
        let counts = |m: &BTreeMap<&'static str, usize>| {
            m.iter().map(|(s, n)| format!("{n} {s}")).collect::<Vec<_>>().join(", ")
        };
        let p = &self.published;
        let _ = writeln!(
            out,
            "published ({} copy): {} document{}, {} version{} ({})",
            self.copy,
            p.documents,
            plural(p.documents),
            p.versions,
            plural(p.versions),
            if p.by_status.is_empty() { "none".to_string() } else { counts(&p.by_status) }
        );
        if self.left_out.versions > 0 {
            let reasons =
                self.left_out.by_reason.iter().map(|(r, n)| format!("{n} {r}")).collect::<Vec<_>>().join("; ");
            let _ = writeln!(
                out,
                "left out: {} version{} ({reasons})",
                self.left_out.versions,
                plural(self.left_out.versions)
            );
        }
        if self.copy == "public" {
            for it in &p.list {
                let withheld = match it.names_withheld {
                    Some(n) => {
                        format!("; {n} staff name{} withheld from its text (check it names no one else)", plural(n))
                    }
                    None => String::new(),
                };
                let _ = writeln!(out, "  published: {}{withheld}", describe(it));
            }
            for it in self.left_out.list.iter().flatten() {
                let reason = it.reason.as_deref().unwrap_or("");
                let more = match reason == HAS_ERRORS {
                    true => {
                        let n = it.errors.unwrap_or(0);
                        format!(" ({n} error{}; `trustdocs check` lists them)", plural(n))
                    }
                    false => String::new(),
                };
                let _ = writeln!(out, "  left out:  {}: {reason}{more}", describe(it));
            }
        }
        crate::text::for_terminal(&out).into_owned()
    }
}

fn describe(it: &Item) -> String {
    format!(
        "{} {} (version {}, {})",
        it.id.as_deref().unwrap_or("(no id)"),
        it.title,
        it.version.as_deref().unwrap_or("?"),
        it.status.unwrap_or("no status")
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Why the version at `i` is not published.
fn reason(site: &Publication, i: DocIndex) -> String {
    let lib = site.lib;
    let doc = lib.doc(i);
    let (Some(id), Some(status)) = (doc.id(), doc.status()) else {
        return "its front matter has no usable id or status (see its S errors)".into();
    };
    let main_published = site.main_of.contains_key(id);
    if !main_published
        && lib.by_id().keys().any(|other| other != id && other.slug() == id.slug() && site.main_of.contains_key(other))
    {
        return "its address is taken by another id (S007)".into();
    }
    if !site.opts.public {
        return match status {
            Status::Draft | Status::Consultation => format!("{}: built only with --drafts", status.as_str()),
            _ => "not published".into(),
        };
    }
    // Where the timeline puts it decides, as it decided what was published.
    let word = match lib.standing(i) {
        Standing::Unratified => return "not ratified".into(),
        Standing::Ended(_, End::Withdrawn) => return "withdrawn".into(),
        Standing::InForce => None,
        Standing::Upcoming(_) => Some("not yet in force"),
        Standing::Ended(..) | Standing::Never => Some("superseded"),
    };
    match word {
        Some(word) if !main_published => format!("{word}, and its version in force is not in the public copy"),
        _ if !doc.meta.public => "not public".into(),
        _ => HAS_ERRORS.into(),
    }
}

/// The reason for a version left out of the public copy because of its errors.
const HAS_ERRORS: &str = "has errors";
