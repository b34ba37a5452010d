//! Front matter → `FrontMatter`. Every key is typed here, once; each problem
//! becomes a located diagnostic and the rest of the document still loads.

use crate::config::SiteConfig;
use crate::diag::Code;
use crate::error::Error;
use crate::model::*;
use crate::text::closest;
use crate::yaml::keys::FRONT_MATTER as KEYS;
use crate::yaml::read::{Fields, Reader};
use marked_yaml::Node;

const HISTORY_KEYS: &[&str] = &["version", "date", "changed", "description", "review_date", "by"];
const EIA_KEYS: &[&str] = &["stage", "date", "lead_assessor", "department", "consulted", "impacts", "action_plan"];

/// Reads a parsed front-matter node. The reader collects the diagnostics.
pub fn read(r: &mut Reader, node: &Node, site: &SiteConfig) -> FrontMatter {
    let mut fm = FrontMatter { start: r.pos(node), ..FrontMatter::default() };
    let Some(f) = r.fields(node, "the front matter", KEYS, Code::S002) else {
        return fm;
    };
    fm.id = f.get("id").and_then(|n| doc_id(r, n, site, "id"));
    fm.id_written = fm.id.as_ref().and(f.get("id")).and_then(|n| n.as_scalar()).map(|s| s.as_str().trim().to_string());
    fm.title = f.get("title").and_then(|n| r.text(n, "title"));
    fm.doc_type = f.get("type").and_then(|n| doc_type(r, n, site));
    fm.version = f.get("version").and_then(|n| r.parsed(n, "version", Version::parse));
    fm.status = f.get("status").and_then(|n| {
        r.parsed(n, "status", |s| {
            Status::parse(s).ok_or_else(|| {
                Error::Invalid(format!("`{s}` is not a status: use one of {}", Status::NAMES.join(", ")))
            })
        })
    });
    let text = |r: &mut Reader, key: &str| f.get(key).and_then(|n| r.text(n, key)).map(|t| t.value);
    fm.summary = text(r, "summary");
    fm.scope = text(r, "scope");
    fm.classification = text(r, "classification");
    fm.directorate = f.get("directorate").and_then(|n| r.text(n, "directorate"));
    fm.executive_lead = text(r, "executive_lead");
    fm.head_of_department = text(r, "head_of_department");
    fm.contact = f.get("contact").and_then(|n| r.parsed(n, "contact", email)).map(|e| e.value);
    fm.author = f.get("author").and_then(|n| person(r, n));
    fm.audience = f.get("audience").and_then(|n| audience(r, n));
    fm.replaces = f
        .get("replaces")
        .map(|n| r.items(n).into_iter().filter_map(|n| replaced(r, n, site)).collect())
        .unwrap_or_default();
    fm.validated = f.get("validated").and_then(|n| approval(r, n, "validated", false));
    fm.consultation = f.get("consultation").and_then(|n| super::route::consultation(r, n));
    fm.approvals = f.get("approvals").map(|n| super::route::approvals(r, n)).unwrap_or_default();
    fm.ratified = f.get("ratified").and_then(|n| approval(r, n, "ratified", true));
    fm.effective = f.get("effective").and_then(|n| r.date(n, "effective", false));
    fm.withdrawn = f.get("withdrawn").and_then(|n| withdrawal(r, n));
    fm.references_checked = f.get("references_checked").and_then(|n| approval(r, n, "references_checked", true));
    fm.published = f.get("published").and_then(|n| r.date(n, "published", false)).map(|d| d.value);
    fm.review_date = f.get("review_date").and_then(|n| r.date(n, "review_date", false));
    fm.review_extension = f.get("review_extension").and_then(|n| review_extension(r, n));
    fm.public = f.get("public").and_then(|n| r.bool(n, "public")).unwrap_or(false);
    fm.acknowledge = f.get("acknowledge").and_then(|n| r.bool(n, "acknowledge")).unwrap_or(false);
    fm.equality_act_compliant = f.get("equality_act_compliant").and_then(|n| r.bool(n, "equality_act_compliant"));
    fm.nhs_constitution = f.get("nhs_constitution").and_then(|n| constitution(r, n));
    fm.related = f
        .get("related")
        .map(|n| r.items(n).into_iter().filter_map(|n| doc_id(r, n, site, "related")).collect())
        .unwrap_or_default();
    fm.references = f
        .get("references")
        .map(|n| r.items(n).into_iter().filter_map(|n| external_ref(r, n)).collect())
        .unwrap_or_default();
    fm.history_items = f.get("history").map_or(0, |n| r.items(n).len());
    fm.history = f
        .get("history")
        .map(|n| At::new(r.items(n).into_iter().filter_map(|n| history_entry(r, n)).collect(), r.pos(n)));
    fm.eia = f.get("eia").and_then(|n| eia(r, n));
    require_keys(r, &f, &mut fm);
    fm
}

/// S003: keys every document needs, and keys its status needs.
fn require_keys(r: &mut Reader, f: &Fields, fm: &mut FrontMatter) {
    for key in ["id", "title", "type", "version", "status"] {
        if f.get(key).is_none() {
            r.report(
                Code::S003,
                f.pos,
                format!("missing key `{key}`, which every document needs"),
                Some(format!("add `{key}:` to the front matter")),
            );
        }
    }
    let Some(status) = &fm.status else { return };
    if let (Some(w), false) = (&fm.withdrawn, status.value == Status::Withdrawn) {
        r.report(
            Code::S009,
            w.pos,
            format!("`withdrawn` on a version whose status is {}", status.value.as_str()),
            Some(
                "remove the `withdrawn` record, or withdraw the version with `trustdocs withdraw`, which writes both"
                    .into(),
            ),
        );
    }
    let needed: &[&'static str] = match status.value {
        Status::Ratified => crate::model::RATIFIED_KEYS,
        Status::Superseded => &["ratified"],
        _ => &[],
    };
    for key in needed.iter().filter(|k| f.get(k).is_none()) {
        r.report(
            Code::S003,
            status.pos,
            format!("missing key `{key}`, which a {} document needs", status.value.as_str()),
            Some(crate::model::missing_key_help(key).to_string()),
        );
    }
    fm.lacks_for_ratification = crate::model::RATIFIED_KEYS.iter().copied().filter(|k| f.get(k).is_none()).collect();
}

fn doc_id(r: &mut Reader, node: &Node, site: &SiteConfig, what: &str) -> Option<At<DocId>> {
    let pattern = &site.id_pattern;
    r.parsed(node, what, |s| {
        if pattern.whole.is_match(&crate::model::id::normalise(s)) {
            Ok(DocId::new(s))
        } else {
            Err(Error::Invalid(format!(
                "`{s}` is not a document id: ids match `{}`, e.g. CORP/STRAT/003 or POL/002/015",
                pattern.source
            )))
        }
    })
}

fn doc_type(r: &mut Reader, node: &Node, site: &SiteConfig) -> Option<At<String>> {
    let t = r.text(node, "type")?;
    let lower = t.value.to_lowercase();
    if site.document_types.contains(&lower) {
        return Some(At::new(lower, t.pos));
    }
    let help = match closest(&lower, site.document_types.iter().map(String::as_str)) {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("site.yaml's document_types are: {}", site.document_types.join(", ")),
    };
    r.report(Code::S004, t.pos, format!("`{}` is not a document type of this site", t.value), Some(help));
    None
}

/// A plain e-mail address: `local@domain`, nothing that a mail program or
/// a browser would read as anything else (`mailto:`, `javascript:`, spaces).
pub(super) fn email(s: &str) -> Result<String, Error> {
    let s = s.trim();
    let local_ok = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+=^_`{|}~.-".contains(c);
    let domain_ok = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
    let ok = match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && user.chars().all(local_ok)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain.chars().all(domain_ok)
        }
        None => false,
    };
    ok.then(|| s.to_string())
        .ok_or_else(|| Error::Invalid(format!("`{s}` is not an e-mail address, e.g. security.team@example.nhs.uk")))
}

fn person(r: &mut Reader, node: &Node) -> Option<Person> {
    let f = r.fields(node, "author", &["name", "title"], Code::S002)?;
    let name = f.get("name").and_then(|n| r.text(n, "author name"));
    if name.is_none() {
        r.report(
            Code::S003,
            f.pos,
            "author needs a `name`".into(),
            Some("write `author: { name: <name>, title: <job title> }`".into()),
        );
    }
    Some(Person { name: name?.value, title: f.get("title").and_then(|n| r.text(n, "author title")).map(|t| t.value) })
}

fn audience(r: &mut Reader, node: &Node) -> Option<Audience> {
    let f = r.fields(node, "audience", &["primary", "secondary"], Code::S002)?;
    Some(Audience {
        primary: f.get("primary").and_then(|n| r.text(n, "primary audience")).map(|t| t.value),
        secondary: f
            .get("secondary")
            .map(|n| r.texts(n, "secondary audience").into_iter().map(|t| t.value).collect())
            .unwrap_or_default(),
    })
}

fn replaced(r: &mut Reader, node: &Node, site: &SiteConfig) -> Option<At<Replaced>> {
    let pos = r.pos(node);
    let f = r.fields(node, "a `replaces` entry", &["id", "version"], Code::S002)?;
    let Some(id) = f.get("id") else {
        r.report(
            Code::S003,
            pos,
            "a `replaces` entry needs an `id`".into(),
            Some("write `- { id: CORP/STRAT/003, version: \"2.1\" }`".into()),
        );
        return None;
    };
    let id = doc_id(r, id, site, "replaces id")?;
    let version = f.get("version").and_then(|n| r.parsed(n, "replaces version", Version::parse)).map(|v| v.value);
    Some(At::new(Replaced { id: id.value, version }, id.pos))
}

fn approval(r: &mut Reader, node: &Node, what: &str, date_required: bool) -> Option<At<Approval>> {
    let pos = r.pos(node);
    // A ratification may name the minute of the meeting that decided it.
    let keys: &[&str] = if what == "ratified" { &["by", "date", "minute"] } else { &["by", "date"] };
    let f = r.fields(node, what, keys, Code::S002)?;
    let by = f.get("by").and_then(|n| r.text(n, "by"));
    let date = f.get("date").and_then(|n| r.date(n, &format!("{what} date"), false)).map(|d| d.value);
    let minute = f.get("minute").and_then(|n| r.text(n, "minute")).map(|t| t.value);
    for (key, missing) in
        [("by", by.is_none() && f.get("by").is_none()), ("date", date_required && f.get("date").is_none())]
    {
        if missing {
            r.report(
                Code::S003,
                pos,
                format!("`{what}` needs `{key}`"),
                Some(format!("write `{what}: {{ by: <name or committee>, date: <YYYY-MM-DD> }}`")),
            );
        }
    }
    Some(At::new(Approval { by: by?.value, date, minute }, pos))
}

fn withdrawal(r: &mut Reader, node: &Node) -> Option<At<Withdrawal>> {
    let pos = r.pos(node);
    let f = r.fields(node, "withdrawn", &["by", "date", "reason"], Code::S002)?;
    let by = f.get("by").and_then(|n| r.text(n, "withdrawn by"));
    let date = f.get("date").and_then(|n| r.date(n, "withdrawn date", false));
    let reason = f.get("reason").and_then(|n| r.text(n, "withdrawn reason"));
    for key in ["by", "date", "reason"] {
        if f.get(key).is_none() {
            r.report(
                Code::S003,
                pos,
                format!("`withdrawn` needs `{key}`"),
                Some("write `withdrawn: { by: <committee>, date: <YYYY-MM-DD>, reason: <why> }`".into()),
            );
        }
    }
    Some(At::new(Withdrawal { by: by?.value, date: date?.value, reason: reason?.value }, pos))
}

fn review_extension(r: &mut Reader, node: &Node) -> Option<At<ReviewExtension>> {
    let pos = r.pos(node);
    let f = r.fields(node, "review_extension", &["to", "by", "date"], Code::S002)?;
    let to = f.get("to").and_then(|n| r.date(n, "review_extension to", false));
    let by = f.get("by").and_then(|n| r.text(n, "review_extension by"));
    let date = f.get("date").and_then(|n| r.date(n, "review_extension date", false)).map(|d| d.value);
    for key in ["to", "by"] {
        if f.get(key).is_none() {
            r.report(
                Code::S003,
                pos,
                format!("`review_extension` needs `{key}`"),
                Some("write `review_extension: { to: <YYYY-MM-DD>, by: <committee>, date: <YYYY-MM-DD> }`".into()),
            );
        }
    }
    Some(At::new(ReviewExtension { to: to?.value, by: by?.value, date }, pos))
}

fn constitution(r: &mut Reader, node: &Node) -> Option<Constitution> {
    let f = r.fields(node, "nhs_constitution", &["principles", "staff_pledges"], Code::S002)?;
    let mut numbers = |key: &str| -> Vec<u8> {
        let Some(n) = f.get(key) else {
            return Vec::new();
        };
        let texts: Vec<At<String>> = r.texts(n, key);
        let mut out = Vec::new();
        for t in texts {
            for part in t.value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match part.parse::<u8>() {
                    Ok(v) if (1..=7).contains(&v) => out.push(v),
                    _ => r.report(
                        Code::S004,
                        t.pos,
                        format!("{key}: `{part}` is not a number from 1 to 7"),
                        Some("the NHS Constitution has principles 1-7 and staff pledges 1-7".into()),
                    ),
                }
            }
        }
        out
    };
    let principles = numbers("principles");
    let staff_pledges = numbers("staff_pledges");
    Some(Constitution { principles, staff_pledges })
}

fn external_ref(r: &mut Reader, node: &Node) -> Option<At<ExternalRef>> {
    let pos = r.pos(node);
    let f = r.fields(node, "a reference", &["title", "url", "publisher", "year", "accessed"], Code::S002)?;
    let text = |r: &mut Reader, key: &str| f.get(key).and_then(|n| r.text(n, key)).map(|t| t.value);
    let Some(title) = text(r, "title") else {
        r.report(
            Code::S003,
            pos,
            "a reference needs a `title`".into(),
            Some("write `- { title: <title>, url: https://..., publisher: <publisher>, year: 2021 }`".into()),
        );
        return None;
    };
    Some(At::new(
        ExternalRef {
            title,
            url: f.get("url").and_then(|n| r.text(n, "url")).map(|u| At::new(Url::parse(&u.value), u.pos)),
            publisher: text(r, "publisher"),
            year: text(r, "year"),
            accessed: f.get("accessed").and_then(|n| r.date(n, "accessed", false)).map(|d| d.value),
        },
        pos,
    ))
}

fn history_entry(r: &mut Reader, node: &Node) -> Option<HistoryEntry> {
    let pos = r.pos(node);
    let f = r.fields(node, "a history entry", HISTORY_KEYS, Code::S002)?;
    let version = f.get("version").and_then(|n| r.parsed(n, "history version", Version::parse));
    let date = f.get("date").and_then(|n| r.date(n, "history date", true));
    let description = f.get("description").and_then(|n| r.text(n, "description"));
    for key in ["version", "date", "description"] {
        if f.get(key).is_none() {
            r.report(
                Code::S003,
                pos,
                format!("this history entry has no `{key}`"),
                Some("each entry needs `version`, `date` and `description`".into()),
            );
        }
    }
    Some(HistoryEntry {
        version: version?,
        date: date?,
        // A missing description is S003 above; the entry still counts (H001-H004, the page).
        description_pos: description.as_ref().map_or(pos, |d| d.pos),
        description: description.map(|d| d.value).unwrap_or_default(),
        changed: f.get("changed").and_then(|n| r.text(n, "changed")).map(|t| t.value),
        review_date: f.get("review_date").and_then(|n| r.date(n, "history review_date", false)),
        by: f.get("by").and_then(|n| r.text(n, "by")).map(|t| t.value),
        pos,
    })
}

fn eia(r: &mut Reader, node: &Node) -> Option<Eia> {
    let pos = r.pos(node);
    let f = r.fields(node, "eia", EIA_KEYS, Code::S002)?;
    for key in ["stage", "date", "lead_assessor", "impacts"] {
        if f.get(key).is_none() {
            r.report(
                Code::S003,
                pos,
                format!("the EIA has no `{key}`"),
                Some("an EIA needs `stage`, `date`, `lead_assessor` and `impacts`".into()),
            );
        }
    }
    let text = |r: &mut Reader, key: &str| f.get(key).and_then(|n| r.text(n, key)).map(|t| t.value);
    Some(Eia {
        stage: f
            .get("stage")
            .and_then(|n| {
                r.parsed(n, "eia stage", |s| match s.trim() {
                    "1" => Ok(1),
                    "2" => Ok(2),
                    _ => Err(Error::Invalid(format!("`{s}` is not a stage: 1 = screening, 2 = full assessment"))),
                })
            })
            .map(|s| s.value),
        date: f.get("date").and_then(|n| r.date(n, "eia date", false)),
        lead_assessor: text(r, "lead_assessor"),
        department: text(r, "department"),
        consulted: f
            .get("consulted")
            .map(|n| r.texts(n, "consulted").into_iter().map(|t| t.value).collect())
            .unwrap_or_default(),
        impacts: f.get("impacts").and_then(|n| impacts(r, n)),
        action_plan: f
            .get("action_plan")
            .map(|n| r.items(n).into_iter().filter_map(|n| action(r, n)).collect())
            .unwrap_or_default(),
        pos,
    })
}

fn impacts(r: &mut Reader, node: &Node) -> Option<At<Vec<Impact>>> {
    let mut known: Vec<&'static str> = CHARACTERISTICS.iter().map(|(k, _)| *k).collect();
    known.push("other");
    let f = r.fields(node, "eia impacts", &known, Code::S002)?;
    let mut out = Vec::new();
    for key in known {
        let Some(value) = f.get(key) else { continue };
        let (kind_node, comment) = match value {
            Node::Mapping(_) => {
                let Some(m) = r.fields(value, key, &["impact", "comment"], Code::S002) else {
                    continue;
                };
                let comment = m.get("comment").and_then(|n| r.text(n, "comment")).map(|t| t.value);
                match m.get("impact") {
                    Some(k) => (k, comment),
                    None => {
                        r.report(
                            Code::S003,
                            m.pos,
                            format!("`{key}` needs an `impact`"),
                            Some("write `{ impact: neutral, comment: ... }`".into()),
                        );
                        continue;
                    }
                }
            }
            other => (other, None),
        };
        let kind = r.parsed(kind_node, key, |s| {
            ImpactKind::parse(s)
                .ok_or_else(|| Error::Invalid(format!("`{s}` is not an impact: use positive, negative or neutral")))
        });
        if let Some(kind) = kind {
            out.push(Impact { characteristic: key, kind: kind.value, comment, pos: kind.pos });
        }
    }
    Some(At::new(out, f.pos))
}

fn action(r: &mut Reader, node: &Node) -> Option<Action> {
    let pos: Pos = r.pos(node);
    let f = r.fields(node, "an action plan item", &["action", "lead", "due", "done"], Code::S002)?;
    let Some(action) = f.get("action").and_then(|n| r.text(n, "action")) else {
        r.report(
            Code::S003,
            pos,
            "an action plan item needs an `action`".into(),
            Some("write `- { action: ..., lead: ..., due: <YYYY-MM-DD> }`".into()),
        );
        return None;
    };
    Some(Action {
        action: action.value,
        lead: f.get("lead").and_then(|n| r.text(n, "lead")).map(|t| t.value),
        due: f.get("due").and_then(|n| r.date(n, "due", false)).map(|d| d.value),
        done: f.get("done").and_then(|n| r.date(n, "done", false)).map(|d| d.value),
        pos,
    })
}
