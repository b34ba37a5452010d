//! The publication plan: which versions go out, and at which address.
//! Everything after the checks that makes files (render, search, PDFs)
//! reads the same plan, so they publish exactly the same versions.

pub mod addresses;
mod changes;
pub mod withheld;

pub use addresses::{role_section_anchor, role_url};
pub use changes::{Changes, ChangesPage};

use crate::diag::{Diagnostic, Severity};
use crate::model::body::{Link, Target};
use crate::model::glossary::GlossaryMarker;
use crate::model::timeline::{End, Standing};
use crate::model::{DocId, Document, ShownStatus, Status};
use crate::resolve::{DocIndex, Library, Versions};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug)]
pub struct PublishOptions {
    pub drafts: bool,
    /// Whether PDFs are built, so pages link them.
    pub pdf: bool,
    /// The public copy: only ratified documents marked `public: true`.
    pub public: bool,
}

/// One published page of a document version.
#[derive(Clone, Debug)]
pub struct DocPage {
    pub doc: DocIndex,
    /// Relative to the site root, ending in `/`.
    pub url: String,
    /// Where its PDF is, when PDFs are built.
    pub pdf: String,
    /// The page at `documents/<slug>/` (the current version, or the newest on record).
    pub is_main: bool,
}

/// The published versions of a library and their addresses.
pub struct Publication<'a> {
    /// How many errors the checks found in each version (none when the
    /// plan was made without checks).
    pub errors: HashMap<DocIndex, usize>,
    pub lib: &'a Library,
    pub opts: &'a PublishOptions,
    /// Every published version, by id then version.
    pub pages: Vec<DocPage>,
    /// The address of each published version.
    pub url_of: HashMap<DocIndex, String>,
    /// The version each id's main page shows.
    pub main_of: BTreeMap<DocId, DocIndex>,
    /// The comparison pages between published versions.
    pub changes: Changes,
}

impl<'a> Publication<'a> {
    /// What these options publish, before (or without) the checks.
    pub fn plan(lib: &'a Library, opts: &'a PublishOptions) -> Publication<'a> {
        Publication::plan_checked(lib, opts, &[])
    }

    /// What these options publish given the checks' findings: the public
    /// copy leaves out every version the checks found errors in (and so
    /// every version of an id whose version in force has errors); the
    /// intranet keeps them, for staff must still read the policy in force.
    pub fn plan_checked(lib: &'a Library, opts: &'a PublishOptions, diags: &[Diagnostic]) -> Publication<'a> {
        let errors = errors_by_version(lib, diags);
        let mut pages = Vec::new();
        let mut main_of = BTreeMap::new();
        // Ids that would share an address (S007): the first in order keeps it.
        let mut slugs = std::collections::HashSet::new();
        for (id, versions) in lib.by_id() {
            let (visible, main) = match opts.public {
                true => public_versions(lib, versions, &errors),
                false => {
                    let visible: Vec<DocIndex> =
                        versions.all.iter().copied().filter(|&i| is_visible(lib.doc(i), opts)).collect();
                    let main = versions.current.filter(|c| visible.contains(c)).or_else(|| visible.last().copied());
                    (visible, main)
                }
            };
            let Some(main) = main else { continue };
            let slug = id.slug();
            if !slugs.insert(slug.clone()) {
                continue;
            }
            main_of.insert(id.clone(), main);
            for &i in &visible {
                let url = match i == main {
                    true => addresses::main_page(&slug),
                    false => addresses::version_page(&slug, lib.doc(i)),
                };
                let pdf = addresses::pdf(lib.doc(i), &url);
                pages.push(DocPage { doc: i, url, pdf, is_main: i == main });
            }
        }
        let url_of = pages.iter().map(|p| (p.doc, p.url.clone())).collect();
        let changes = Changes::plan(lib, &url_of, &main_of);
        Publication { errors, lib, opts, pages, url_of, main_of, changes }
    }

    /// The absolute address of the site's root, ending in `/`.
    pub fn base_url(&self) -> String {
        let s = &self.lib.config.site;
        let base = match (&s.public_base_url, self.opts.public) {
            (Some(public), true) => public.as_str(),
            _ => s.base_url.as_str(),
        };
        if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        }
    }

    /// The documents listings, role pages, the role matrix and counts show
    /// as current, in id order: each id's version in force, or, in a build
    /// with drafts, its version in preparation when none is in force. An id
    /// whose versions are all superseded or withdrawn keeps its pages (a
    /// link to it still reaches them, with their banner) but is not listed.
    pub fn listed(&self) -> impl Iterator<Item = (DocIndex, &'a Document)> + '_ {
        let lib = self.lib;
        self.main_of
            .values()
            .map(move |&i| (i, &**lib.doc(i)))
            .filter(move |&(i, d)| lib.in_force(i) || d.status().is_some_and(Status::is_draft))
    }

    /// Where a body link goes from a page at `root` (`../../`), or `None` for plain text.
    pub fn href(&self, doc: &Document, link: &Link, root: &str) -> Option<String> {
        match &link.target {
            Target::Doc { id, anchor } => {
                let target = self.main_of.get(id)?;
                let url = &self.url_of[target];
                Some(match anchor {
                    Some(a) => format!("{root}{url}#{}", self.lib.doc(*target).body.anchor(a).unwrap_or(a)),
                    None => format!("{root}{url}"),
                })
            }
            Target::Local(anchor) => Some(format!("#{}", doc.body.anchor(anchor).unwrap_or(anchor))),
            Target::File(path) => {
                self.lib.asset(doc, path).map(|p| format!("{root}{}", crate::model::url::encode_path(&p)))
            }
            Target::External(url) => Some(url.as_str().to_string()),
            Target::Unsafe(_) => None,
        }
    }

    /// The assets the published pages link to or show: the only ones the
    /// output holds (in the public copy, nothing a non-public page uses).
    pub fn assets_used(&self) -> std::collections::BTreeSet<String> {
        let mut used = std::collections::BTreeSet::new();
        for page in &self.pages {
            let doc = self.lib.doc(page.doc);
            for link in &doc.body.links {
                if let Target::File(path) = &link.target {
                    used.extend(self.lib.asset(doc, path));
                }
            }
        }
        used
    }

    /// The roles the site lists: every registered role on the intranet; in
    /// the public copy only those a published document tags.
    pub fn roles(&self) -> Vec<&'a crate::config::Role> {
        let lib = self.lib;
        let tagged =
            |id: &str| self.listed().any(|(_, d)| d.body.sections.iter().any(|s| s.role.as_deref() == Some(id)));
        lib.config.roles.iter().filter(|r| !self.opts.public || tagged(&r.id)).collect()
    }

    /// Who holds a role and how to reach them, as `roles.yaml` gives it:
    /// on the intranet only; the public copy shows no contact anywhere.
    pub fn role_contact(&self, role: &crate::config::Role) -> Option<&'a crate::config::RoleContact> {
        let role = self.lib.config.role(&role.id)?;
        role.contact.as_ref().filter(|_| !self.opts.public)
    }

    /// What a link to a document this site does not publish says after
    /// `shown`, its text, so the reader can tell what was meant:
    /// ` (POL/002/015, not published)`, or ` (not published)` when the text
    /// is the id. `None` for every other link.
    pub fn unpublished_note(&self, link: &Link, shown: &str) -> Option<String> {
        let Target::Doc { id, .. } = &link.target else { return None };
        if self.main_of.contains_key(id) {
            return None;
        }
        let why = if self.lib.by_id().contains_key(id) { "not published" } else { "not in this library" };
        Some(if shown.contains(id.as_str()) { format!(" ({why})") } else { format!(" ({id}, {why})") })
    }

    /// The glossary the site shows, A to Z, each term with its place on
    /// the glossary page: every term on the intranet; in the public copy
    /// only the terms a published version uses, so that a term only
    /// private documents use stays private.
    pub fn glossary(&self, marker: &GlossaryMarker) -> Vec<GlossaryTerm> {
        let used = self.opts.public.then(|| {
            let mut used = std::collections::HashSet::new();
            self.pages.iter().for_each(|p| marker.used_in(&self.lib.doc(p.doc).body, &mut used));
            used
        });
        let mut entries: Vec<_> =
            self.lib.config.glossary.iter().filter(|e| used.as_ref().is_none_or(|u| u.contains(&e.term))).collect();
        entries.sort_by_key(|e| e.term.to_lowercase());
        let mut anchors = std::collections::HashSet::new();
        entries
            .into_iter()
            .map(|e| {
                let base = format!("term-{}", crate::text::slugify_ascii(&e.term));
                let (mut anchor, mut k) = (base.clone(), 1);
                while !anchors.insert(anchor.clone()) {
                    k += 1;
                    anchor = format!("{base}-{k}");
                }
                GlossaryTerm { term: e.term.clone(), definition: e.definition.clone(), anchor }
            })
            .collect()
    }

    /// A document's author as name and job title joined by `joiner`; in the
    /// public copy the job title only: the public reads what the
    /// organisation decided, not whom in it to chase.
    pub fn author(&self, doc: &Document, joiner: &str) -> Option<String> {
        doc.meta.author.as_ref().and_then(|a| match (&a.title, self.opts.public) {
            (title, true) => title.clone(),
            (Some(t), false) => Some(format!("{}{joiner}{t}", a.name)),
            (None, false) => Some(a.name.clone()),
        })
    }

    /// Whether pages show whom a version was consulted on and what they
    /// said: staff's names and views are the organisation's, not the
    /// public's.
    pub fn shows_consultation(&self) -> bool {
        !self.opts.public
    }

    /// The status tag of `doc` on the site's date. The public copy chases no
    /// review: a version whose review date has passed is "Under review",
    /// one whose review is due soon simply "Ratified".
    pub fn shown_status(&self, doc: &Document) -> ShownStatus {
        match (self.opts.public, self.lib.shown_status(doc)) {
            (true, ShownStatus::ReviewPassed) => ShownStatus::UnderReview,
            (true, ShownStatus::ReviewDueSoon) => ShownStatus::Ratified,
            (_, shown) => shown,
        }
    }

    /// Whether pages link to the trust's "read and acknowledge" form:
    /// confirming is for staff, and the form is the intranet's.
    pub fn shows_acknowledgement(&self) -> bool {
        !self.opts.public
    }

    /// A version's review date as the site shows it; in the public copy,
    /// once the date of a version in force has passed, [`UNDER_REVIEW`]
    /// instead: the public reads that the version is being reviewed, not a
    /// date to chase. The page's banner and the PDF's front sheet say the
    /// whole `public_review_notice`.
    pub fn review_date_shown(&self, doc: &Document) -> Option<String> {
        let date = doc.meta.effective_review_date()?;
        match self.review_overdue_in_public(doc) {
            true => Some(UNDER_REVIEW.to_string()),
            false => Some(date.to_string()),
        }
    }

    /// Whether this is the public copy and `doc`'s review date has passed.
    pub fn review_overdue_in_public(&self, doc: &Document) -> bool {
        let state = doc.review_state(self.lib.today(), self.lib.config.site.due_soon_days);
        self.opts.public && state == crate::model::ReviewState::Overdue
    }

    /// Whether the site shows review dates to chase (the reviews page, the
    /// home page's list and `reviews.ics`): the governance team's business,
    /// not the public's.
    pub fn shows_reviews(&self) -> bool {
        !self.opts.public
    }
}

/// What the public copy's key facts and control sheet say for the review
/// date of a version in force whose date has passed.
pub const UNDER_REVIEW: &str = "Under review";

/// The library the public copy is made from: each document without the
/// name of any member of staff, so that no page, PDF, search index,
/// catalogue or feed made from it can show one. The author is named by
/// job title only; the head of department, the executive lead, who
/// checked the references, the EIA's lead assessor, whom it consulted and
/// each action's lead, the consultation, who extended the review and who
/// wrote each history entry are left out. Committees (validated,
/// approved, ratified by) are not persons and stay. Those names, written
/// into a document's text, are withheld there too (`withheld.rs`).
pub fn public_library(lib: &Library) -> Library {
    public_library_counted(lib).0
}

/// The public copy's library, and how many staff names were withheld from
/// each document's text (documents with none are not listed).
pub fn public_library_counted(lib: &Library) -> (Library, BTreeMap<DocIndex, usize>) {
    let names = withheld::staff_names(lib);
    let mut counts = BTreeMap::new();
    let public = lib.with_each(|i, doc| {
        let mut doc = without_names(doc);
        let n = withheld::withhold(&mut doc, &names);
        if n > 0 {
            counts.insert(i, n);
        }
        doc
    });
    (public, counts)
}

fn without_names(doc: &Document) -> Document {
    let mut doc = doc.clone();
    let m = &mut doc.meta;
    if let Some(a) = &mut m.author {
        a.name = a.title.clone().unwrap_or_default();
    }
    m.head_of_department = None;
    m.executive_lead = None;
    m.references_checked = None;
    m.consultation = None;
    if let Some(e) = &mut m.review_extension {
        e.value.by = String::new();
    }
    if let Some(e) = &mut m.eia {
        e.lead_assessor = None;
        e.consulted.clear();
        e.action_plan.iter_mut().for_each(|a| a.lead = None);
    }
    if let Some(h) = &mut m.history {
        h.value.iter_mut().for_each(|e| e.by = None);
    }
    doc
}

/// A glossary term as the glossary page shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct GlossaryTerm {
    pub term: String,
    pub definition: String,
    /// Its place on the glossary page: `term-lsms`.
    pub anchor: String,
}

/// The intranet's versions: all but drafts (unless asked for).
fn is_visible(doc: &Document, opts: &PublishOptions) -> bool {
    match doc.status() {
        Some(s) if s.is_draft() => opts.drafts,
        Some(_) => true,
        None => false,
    }
}

/// The public copy's versions of one id, and its main one: the version in
/// force on the day when it is public, with the public versions it
/// replaced and a public successor ratified to come into force later.
/// Nothing of an id whose version in force is not public, however its
/// other versions are marked; nothing withdrawn.
fn public_versions(
    lib: &Library,
    versions: &Versions,
    errors: &HashMap<DocIndex, usize>,
) -> (Vec<DocIndex>, Option<DocIndex>) {
    let doc = |i: DocIndex| lib.doc(i);
    let clean = |i: &DocIndex| !errors.contains_key(i);
    let Some(main) = versions.current.filter(|&i| doc(i).meta.public).filter(clean) else {
        return (Vec::new(), None);
    };
    let visible = versions
        .all
        .iter()
        .copied()
        .filter(|&i| i == main || (replaced_or_upcoming(lib.standing(i)) && doc(i).meta.public && clean(&i)))
        .collect();
    (visible, Some(main))
}

fn replaced_or_upcoming(standing: Standing) -> bool {
    matches!(
        standing,
        Standing::Ended(_, End::Succeeded(_) | End::Replaced(_)) | Standing::Never | Standing::Upcoming(_)
    )
}

/// The number of errors in each version's file.
fn errors_by_version(lib: &Library, diags: &[Diagnostic]) -> HashMap<DocIndex, usize> {
    let mut by_file: HashMap<&str, usize> = HashMap::new();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        if let Some(f) = &d.file {
            *by_file.entry(f.as_str()).or_default() += 1;
        }
    }
    lib.iter().filter_map(|(i, d)| by_file.get(d.file.display.as_str()).map(|&n| (i, n))).collect()
}
