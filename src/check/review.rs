//! Review dates: R001–R004.

use super::at;
use crate::diag::{Code, Diagnostic};
use crate::model::{Date, Document, ReviewState};
use crate::resolve::{DocIndex, Library};

pub fn check(lib: &Library, index: DocIndex, today: Date) -> Vec<Diagnostic> {
    of(lib, lib.doc(index), lib.in_force(index), today)
}

/// The review checks of `doc`, in force or not (the readiness check asks
/// of a draft what they would find once it is).
pub fn of(lib: &Library, doc: &Document, in_force: bool, today: Date) -> Vec<Diagnostic> {
    let m = &doc.meta;
    let mut out = Vec::new();
    let (Some(review), ratified) = (&m.review_date, m.ratified_date()) else {
        return out;
    };
    if let Some(r) = ratified {
        if review.value < r {
            out.push(
                at(
                    doc,
                    Code::R004,
                    review.pos,
                    format!("review date {} is before the ratification date {r}", review.value),
                )
                .help("correct whichever date is wrong"),
            );
        }
    }
    if !in_force {
        return out;
    }
    let site = &lib.config.site;
    let effective = m.effective_review_date().unwrap_or(review.value);
    let pos = m.review_extension.as_ref().map_or(review.pos, |e| e.pos);
    let owner = m.author.as_ref().map(|a| format!(" ({} owns it)", a.name)).unwrap_or_default();
    match doc.review_state(today, site.due_soon_days) {
        ReviewState::Overdue => {
            let ago = effective.days_until(today);
            out.push(
                at(doc, Code::R001, pos, format!("review date {effective} passed {ago} days ago{owner}"))
                    .help("review the document, or record a committee's `review_extension`"),
            );
        }
        ReviewState::DueSoon => out.push(at(
            doc,
            Code::R002,
            pos,
            format!("review due {effective}, within {} days{owner}", site.due_soon_days),
        )),
        ReviewState::InDate | ReviewState::NoDate => {}
    }
    if let Some(r) = ratified {
        let limit = r.add_years(site.max_review_years);
        let extended = m.review_extension.as_ref().map(|e| (e.value.to, e.pos, "extended review date"));
        for (date, pos, what) in std::iter::once((review.value, review.pos, "review date")).chain(extended) {
            if date > limit {
                out.push(
                    at(
                        doc,
                        Code::R003,
                        pos,
                        format!("{what} {date} is more than {} years after ratification ({r})", site.max_review_years),
                    )
                    .help(format!("the latest review date site.yaml allows is {limit}")),
                );
            }
        }
    }
    out
}
