//! `check --external`: asks every web address the documents link to
//! whether it answers, using and refreshing the cache in the output folder,
//! and adds X010 for the links that are broken.

use super::{Checked, Selection};
use crate::check::external;
use crate::diag::{self, Summary};
use crate::error::{Error, Result};
use crate::links::fetch::{self, FetchOptions};
use crate::links::Cache;
use crate::model::Document;
use crate::output::guard;
use crate::output::replace::{self, Existing, Folder, NewFile};
use std::path::{Path, PathBuf};

pub struct ExternalOptions {
    /// The output folder whose `.trustdocs/links.json` is the cache: the
    /// build's own folder, judged by the same rules as `build --out`.
    pub out: PathBuf,
    pub fetch: FetchOptions,
}

/// How many addresses were asked, and how many came from the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExternalReport {
    pub asked: usize,
    pub cached: usize,
}

impl Checked {
    /// Asks the web addresses of the chosen documents (all without a
    /// selection) that the cache does not know from the last week, records
    /// the answers in the cache, and adds X010 for each broken link.
    /// `before` hears how many will be asked and how many are cached.
    pub fn check_external(
        &mut self,
        selection: Option<&Selection>,
        opts: &ExternalOptions,
        before: &dyn Fn(ExternalReport),
    ) -> Result<ExternalReport> {
        // The cache is written into the output folder: only one that is trustdocs' own.
        guard::check_out(&self.lib.dir, &opts.out).map_err(|e| match e {
            Error::Refused(why) => Error::Refused(format!(
                "{why}\n  check --external keeps its results in the output folder ({}), so that a build into it shows them: give the folder you build into with --out",
                Cache::PATH
            )),
            other => other,
        })?;
        let mut cache = Cache::read(&opts.out);
        let wanted = |d: &Document| selection.is_none_or(|s| s.files.contains(&d.file.display));
        let addresses = external::addresses(&self.lib, &wanted);
        let stale: Vec<String> =
            addresses.iter().filter(|u| cache.fresh(u, self.today).is_none()).map(|u| u.to_string()).collect();
        let report = ExternalReport { asked: stale.len(), cached: addresses.len() - stale.len() };
        before(report);
        let outcomes = fetch::check_all(&stale, &opts.fetch);
        for (url, outcome) in stale.into_iter().zip(outcomes) {
            cache.record(url, outcome, self.today);
        }
        guard::mark(&opts.out).map_err(Error::io("write in", &opts.out))?;
        write_cache(&opts.out, cache.to_json(self.today))?;
        let found = external::check(&self.lib, &wanted, &|u| cache.links.get(u).map(|e| &e.outcome));
        self.diags.extend(found);
        diag::sort(&mut self.diags);
        self.summary = Summary::of(self.lib.docs().len(), &self.diags);
        Ok(report)
    }
}

/// Writes the cache into the output folder `out`, which the caller has
/// judged to be trustdocs' own, through the one writer: a new file renamed
/// over the old one, so a reader never sees half of it, and never through
/// a link out of the folder.
fn write_cache(out: &Path, json: Vec<u8>) -> Result<()> {
    let folder = out.join(".trustdocs");
    if std::fs::symlink_metadata(&folder).is_ok_and(|m| !m.is_dir()) {
        return Err(Error::Refused(format!("{} is not a folder; not writing the link cache there", folder.display())));
    }
    let cache = NewFile { path: out.join(Cache::PATH), bytes: json };
    replace::write_all(Folder::Other(out), "check --external", Existing::Replace, &[cache])
}
