//! Reads the settings files (`site.yaml`, `roles.yaml`, `glossary.yaml`)
//! into the typed [`Config`], with a diagnostic for every problem.

use crate::config::{Config, DeprecatedTerm, GlossaryEntry, IdPattern, Role, RoleContact, SiteConfig, Watchwords};
use crate::diag::{Code, Diagnostic};
use crate::error::Error;
use crate::model::{SafeUrl, UrlKind};
use crate::yaml::read::{self as yaml, Reader};
use marked_yaml::Node;
use std::path::Path;

/// What loading the settings gave: the config, its problems, and whether the
/// site cannot be built at all (no usable `site.yaml`).
pub struct LoadedConfig {
    pub config: Config,
    pub diags: Vec<Diagnostic>,
    pub fatal: bool,
}

const SITE_KEYS: &[&str] = &[
    "organisation",
    "short_name",
    "base_url",
    "public_base_url",
    "notice",
    "public_notice",
    "public_review_notice",
    "id_pattern",
    "number_sections",
    "review",
    "eia_required_for",
    "document_types",
    "deprecated_terms",
    "placeholders",
    "retention",
    "consultation",
    "approval",
    "acknowledge",
];

pub fn load(dir: &Path, display_dir: &str) -> LoadedConfig {
    let mut diags = Vec::new();
    let site_file = format!("{display_dir}/site.yaml");
    let (site, fatal) = match read_settings(dir, "site.yaml", &mut diags, &site_file, false) {
        Some(node) => {
            let mut r = Reader::new(1, Code::S006);
            let site = site_from(&mut r, &node);
            let fatal = site.organisation.is_empty();
            diags.extend(r.diags.into_iter().map(|d| d.in_file(&site_file)));
            (site, fatal)
        }
        None => {
            if !dir.join("site.yaml").exists() {
                diags.push(
                    Diagnostic::new(Code::S006, "the content folder has no site.yaml")
                        .in_file(&site_file)
                        .help("create site.yaml with at least `organisation: <your organisation's name>`"),
                );
            }
            (SiteConfig::default(), true)
        }
    };
    let roles = list_file(dir, display_dir, "roles.yaml", &mut diags, role_from);
    if let Some(ack) = &site.acknowledge {
        diags.extend(super::acknowledge::unknown_roles(ack, &roles).into_iter().map(|d| d.in_file(&site_file)));
    }
    let glossary = list_file(dir, display_dir, "glossary.yaml", &mut diags, glossary_from);
    let watchwords = Watchwords::of(&site);
    LoadedConfig { config: Config { site, roles, glossary, watchwords }, diags, fatal }
}

/// Reads and parses one settings file; `None` when absent, unreadable or
/// empty (the problem is recorded, except for absence, which the caller
/// judges).
fn read_settings(dir: &Path, name: &str, diags: &mut Vec<Diagnostic>, display: &str, sequence: bool) -> Option<Node> {
    let problem =
        |message: String, help: &str| Diagnostic::new(Code::S006, message).in_file(display).help(help.to_string());
    let bytes = match std::fs::read(dir.join(name)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            diags.push(problem(format!("cannot read {name}: {e}"), "make it a readable file"));
            return None;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        diags.push(problem(format!("{name} is not UTF-8 text"), "save the file as UTF-8"));
        return None;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let empty = text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if empty {
        let help = match name {
            "site.yaml" => "write at least `organisation: <your organisation's name>`",
            _ => "list its entries, or delete the file",
        };
        diags.push(problem(format!("{name} is empty"), help));
        return None;
    }
    match yaml::parse(text, 1, sequence) {
        Ok(node) => Some(node),
        Err(mut d) => {
            d.code = Code::S006;
            diags.push(d.in_file(display));
            None
        }
    }
}

fn list_file<T>(
    dir: &Path,
    display_dir: &str,
    name: &str,
    diags: &mut Vec<Diagnostic>,
    item: fn(&mut Reader, &Node) -> Option<T>,
) -> Vec<T> {
    let display = format!("{display_dir}/{name}");
    let Some(node) = read_settings(dir, name, diags, &display, true) else {
        return Vec::new();
    };
    let mut r = Reader::new(1, Code::S006);
    let items = r.items(&node).into_iter().filter_map(|n| item(&mut r, n)).collect();
    diags.extend(r.diags.into_iter().map(|d| d.in_file(&display)));
    items
}

fn site_from(r: &mut Reader, node: &Node) -> SiteConfig {
    let mut site = SiteConfig::default();
    let Some(f) = r.fields(node, "site.yaml", SITE_KEYS, Code::S006) else {
        return site;
    };
    let text = |r: &mut Reader, key: &str| f.get(key).and_then(|n| r.text(n, key)).map(|t| t.value);
    match text(r, "organisation") {
        Some(o) if !o.is_empty() => site.organisation = o,
        _ => r.report(
            Code::S006,
            f.pos,
            "site.yaml has no `organisation`".into(),
            Some("add `organisation: <your organisation's name>`".into()),
        ),
    }
    site.short_name = text(r, "short_name");
    if let Some(url) = f.get("base_url").and_then(|n| web_address(r, n, "base_url")) {
        site.base_url = url;
    }
    site.public_base_url = f.get("public_base_url").and_then(|n| web_address(r, n, "public_base_url"));
    site.notice = text(r, "notice");
    site.public_notice = text(r, "public_notice");
    site.public_review_notice = text(r, "public_review_notice");
    if let Some(node) = f.get("id_pattern") {
        if let Some(p) = r.parsed(node, "id_pattern", |s| {
            IdPattern::new(s).map_err(|e| Error::Invalid(format!("not a valid regular expression: {e}")))
        }) {
            site.id_pattern = p.value;
        }
    }
    if let Some(b) = f.get("number_sections").and_then(|n| r.bool(n, "number_sections")) {
        site.number_sections = b;
    }
    if let Some(node) = f.get("review") {
        review(r, node, &mut site);
    }
    let lower_list = |r: &mut Reader, key: &str| {
        f.get(key).map(|n| r.texts(n, key).into_iter().map(|t| t.value.to_lowercase()).collect())
    };
    if let Some(types) = lower_list(r, "document_types") {
        site.document_types = types;
    }
    super::route::settings(r, &f, &mut site);
    if let Some(types) = lower_list(r, "eia_required_for") {
        site.eia_required_for = types;
    }
    if let Some(node) = f.get("placeholders") {
        site.placeholders = r.texts(node, "placeholders").into_iter().map(|t| t.value).collect();
    }
    if let Some(node) = f.get("deprecated_terms") {
        site.deprecated_terms = r.items(node).into_iter().filter_map(|n| deprecated_term(r, n)).collect();
    }
    site.retention_years = f.get("retention").and_then(|n| retention_years(r, n));
    site.acknowledge = f.get("acknowledge").and_then(|n| super::acknowledge::settings(r, n));
    site
}

/// `review: {due_soon_days, max_review_years, default_years}`, each optional.
fn review(r: &mut Reader, node: &Node, site: &mut SiteConfig) {
    let Some(review) = r.fields(node, "review", &["due_soon_days", "max_review_years", "default_years"], Code::S006)
    else {
        return;
    };
    let number = |r: &mut Reader, key: &str| {
        review.get(key).and_then(|n| {
            r.parsed(n, key, |s| {
                s.parse::<u32>().map_err(|_| Error::Invalid(format!("`{s}` is not a whole number of {key}")))
            })
        })
    };
    if let Some(d) = number(r, "due_soon_days") {
        site.due_soon_days = d.value;
    }
    if let Some(y) = number(r, "max_review_years") {
        site.max_review_years = y.value;
    }
    match number(r, "default_years") {
        Some(y) if y.value == 0 => r.report(
            Code::S006,
            y.pos,
            "review.default_years is 0: a review date on the day of ratification".into(),
            Some("give the years from ratification to review, usually 3 (the default)".into()),
        ),
        Some(y) => site.default_review_years = y.value,
        None => {}
    }
}

/// `retention: {years: N}`: whole years, at least one (a version kept for
/// no time at all would be destroyed the day it stopped being in force).
fn retention_years(r: &mut Reader, node: &Node) -> Option<u32> {
    let fields = r.fields(node, "retention", &["years"], Code::S006)?;
    let Some(years) = fields.get("years") else {
        let help = "write `retention: {years: N}`, N from the trust's retention schedule";
        r.report(Code::S006, fields.pos, "`retention` has no `years`".into(), Some(help.into()));
        return None;
    };
    let parsed = r.parsed(years, "years", |s| match s.parse::<u32>() {
        Ok(n) if (1..=200).contains(&n) => Ok(n),
        _ => Err(Error::Invalid(format!("`{s}` is not a whole number of years from 1 to 200"))),
    })?;
    Some(parsed.value)
}

/// An absolute http or https address, through the allow-list.
fn web_address(r: &mut Reader, node: &Node, key: &str) -> Option<SafeUrl> {
    let text = r.text(node, key)?;
    match crate::model::url::allow(&text.value) {
        Ok(url) if url.kind() == UrlKind::Web => Some(url),
        _ => {
            r.report(
                Code::S006,
                text.pos,
                format!(
                    "`{key}` must be an http or https address, not `{}`",
                    text.value.chars().take(80).collect::<String>()
                ),
                Some(format!(
                    "write the site's address in full, e.g. `{key}: https://intranet.example.nhs.uk/policies/`"
                )),
            );
            None
        }
    }
}

fn deprecated_term(r: &mut Reader, node: &Node) -> Option<DeprecatedTerm> {
    let f = r.fields(node, "a deprecated term", &["term", "advice"], Code::S006)?;
    let term = f.get("term").and_then(|n| r.text(n, "term"));
    let advice = f.get("advice").and_then(|n| r.text(n, "advice")).map(|a| a.value);
    if term.is_none() {
        r.report(Code::S006, f.pos, "a deprecated term needs `term`".into(), None);
    }
    Some(DeprecatedTerm { term: term?.value, advice: advice.unwrap_or_default() })
}

fn role_from(r: &mut Reader, node: &Node) -> Option<Role> {
    let f = r.fields(node, "a role", &["id", "title", "aliases", "description", "contact"], Code::S006)?;
    let id = f.get("id").and_then(|n| r.text(n, "id"));
    let title = f.get("title").and_then(|n| r.text(n, "title"));
    let (Some(id), Some(title)) = (id, title) else {
        r.report(
            Code::S006,
            f.pos,
            "a role needs both `id` and `title`".into(),
            Some("e.g. `- id: lsms` and `title: Local Security Management Specialist`".into()),
        );
        return None;
    };
    Some(Role {
        id: id.value,
        title: title.value,
        aliases: f
            .get("aliases")
            .map(|n| r.texts(n, "aliases").into_iter().map(|t| t.value).collect())
            .unwrap_or_default(),
        description: f.get("description").and_then(|n| r.text(n, "description")).map(|t| t.value),
        contact: f.get("contact").and_then(|n| role_contact(r, n)),
    })
}

const CONTACT_KEYS: &[&str] = &["name", "phone", "email", "url", "note"];

/// A role's `contact`: name, phone, e-mail, page and note, each optional;
/// an e-mail as the front matter's `contact`, a page only http, https or
/// relative. `None` when nothing usable is given.
fn role_contact(r: &mut Reader, node: &Node) -> Option<RoleContact> {
    let f = r.fields(node, "a role's contact", CONTACT_KEYS, Code::S006)?;
    let text = |r: &mut Reader, key: &str| f.get(key).and_then(|n| r.text(n, key)).map(|t| t.value);
    let email =
        f.get("email").and_then(|n| r.text(n, "email")).and_then(|t| match super::front_matter::email(&t.value) {
            Ok(e) => Some(e),
            Err(e) => {
                let help = "write a plain address, e.g. `email: security.team@example.nhs.uk` (no `mailto:`)";
                r.report(Code::S006, t.pos, format!("contact email: {e}"), Some(help.into()));
                None
            }
        });
    let url = f.get("url").and_then(|n| r.text(n, "url")).and_then(|t| match crate::model::url::allow(&t.value) {
        Ok(u) if matches!(u.kind(), UrlKind::Web | UrlKind::Relative) => Some(u),
        _ => {
            let shown = t.value.chars().take(80).collect::<String>();
            let help = "give an http:// or https:// address, or a page of this site; an e-mail goes in `email`";
            r.report(
                Code::S006,
                t.pos,
                format!("contact url `{shown}` is not an http, https or relative address: it is not linked"),
                Some(help.into()),
            );
            None
        }
    });
    let contact = RoleContact { name: text(r, "name"), phone: text(r, "phone"), email, url, note: text(r, "note") };
    (contact != RoleContact::default()).then_some(contact)
}

fn glossary_from(r: &mut Reader, node: &Node) -> Option<GlossaryEntry> {
    let f = r.fields(node, "a glossary entry", &["term", "definition", "match"], Code::S006)?;
    let term = f.get("term").and_then(|n| r.text(n, "term"));
    let definition = f.get("definition").and_then(|n| r.text(n, "definition"));
    let (Some(term), Some(definition)) = (term, definition) else {
        r.report(Code::S006, f.pos, "a glossary entry needs both `term` and `definition`".into(), None);
        return None;
    };
    let always = match f.get("match").and_then(|n| r.text(n, "match")) {
        None => false,
        Some(m) if m.value == "always" => true,
        Some(m) => {
            let help = "write `match: always` to gloss the term where a sentence starts too, or leave `match` out";
            r.report(
                Code::S006,
                m.pos,
                format!("`match: {}` is not a way to match a glossary term", m.value),
                Some(help.into()),
            );
            false
        }
    };
    Some(GlossaryEntry { term: term.value, definition: definition.value, always })
}
