//! Review dates to chase: the versions in force and where each stands
//! against its review date. The one rule the reviews page, the review
//! calendars and `trustdocs reviews` all read, so that they agree.

use crate::model::{Date, Document, ReviewState};
use crate::publish::Publication;
use crate::resolve::DocIndex;

/// Each id's version in force that the site publishes, with its review
/// state on the site's date given `notice` days' notice (`due_soon_days`
/// on the reviews page): a review date within `notice` days is due soon.
pub fn in_force<'s>(
    site: &'s Publication<'_>,
    notice: u32,
) -> impl Iterator<Item = (DocIndex, &'s Document, ReviewState)> + 's {
    let (lib, today) = (site.lib, site.lib.today());
    site.main_of
        .values()
        .filter(move |&&i| lib.in_force(i))
        .map(move |&i| (i, &**lib.doc(i), lib.doc(i).review_state(today, notice)))
}

/// What to narrow the list by: a case-insensitive part of the owner (the
/// author's job title or name) or of the directorate.
#[derive(Debug, Default)]
pub struct Filter {
    pub owner: Option<String>,
    pub directorate: Option<String>,
}

impl Filter {
    fn accepts(&self, doc: &Document) -> bool {
        let has = |text: &str, part: &str| text.to_lowercase().contains(&part.to_lowercase());
        let owner = self.owner.as_deref().is_none_or(|part| {
            doc.meta
                .author
                .as_ref()
                .is_some_and(|a| has(&a.name, part) || a.title.as_deref().is_some_and(|t| has(t, part)))
        });
        let directorate = self.directorate.as_deref().is_none_or(|part| has(doc.directorate_label(), part));
        owner && directorate
    }
}

/// One review to chase.
pub struct Due<'a> {
    pub doc: &'a Document,
    pub index: DocIndex,
    pub review: Date,
    /// Days from the site's date to the review date: negative when past.
    pub days: i64,
    /// `Overdue` or `DueSoon`.
    pub state: ReviewState,
}

/// The reviews past or due within `within` days that `filter` accepts,
/// soonest (most overdue) first, then by id.
pub fn due<'a>(site: &'a Publication<'_>, within: u32, filter: &Filter) -> Vec<Due<'a>> {
    let today = site.lib.today();
    let mut out: Vec<Due> = in_force(site, within)
        .filter(|(_, _, state)| matches!(state, ReviewState::Overdue | ReviewState::DueSoon))
        .filter(|(_, d, _)| filter.accepts(d))
        .filter_map(|(index, doc, state)| {
            let review = doc.meta.effective_review_date()?;
            Some(Due { doc, index, review, days: today.days_until(review), state })
        })
        .collect();
    out.sort_by(|a, b| (a.review, a.doc.id()).cmp(&(b.review, b.doc.id())));
    out
}
