//! The pipeline as one type per point it reaches, for every command:
//!
//! ```text
//! Project::load(dir, today)?   load and resolve the content folder, as on `today`
//!     .check()                 → Checked: the library and its diagnostics
//!     .build(&opts)            → the site and PDFs, written atomically
//! checked.publication(&opts)   which versions go out, at which address
//! checked.site(&opts, &theme)? → Site: pages, search and files, in memory or into a sink
//! project.search_documents(&opts)  what search indexes (no checks needed)
//! project.diff(id, &versions)?  two versions compared (`trustdocs diff`)
//! checked.pack(id, out)?       the committee's paper (`trustdocs pack`)
//! ```
//!
//! `trustdocs build` and `check`, `serve`, `search` and the tests all go
//! through these, so a new command is a few lines.

mod build;
mod changes;
mod external;
mod incremental;
mod inputs;
mod select;
mod site;

pub use build::{build, BuildError, BuildOptions, Built, DenyLevel, PUBLIC_MARKER};
pub use external::{ExternalOptions, ExternalReport};
pub use select::{content_folder_of, Selection};
pub use site::Site;

use crate::diag::{self, Code, Diagnostic, Summary};
use crate::error::Result;
use crate::load::{self, Content};
use crate::model::Date;
use crate::output::folder_lock::{self, Writing};
use crate::output::journal;
use crate::publish::{Publication, PublishOptions};
use crate::resolve::Library;
use crate::search::extract::SearchDoc;
use crate::theme::Theme;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A content folder, loaded and resolved: the documents, their versions and
/// the settings, with what loading found wrong.
pub struct Project {
    pub lib: Library,
    /// What loading found: settings files, unreadable files, front matter.
    pub diags: Vec<Diagnostic>,
    /// No usable `site.yaml`: the checks run, but no site can be built.
    pub config_fatal: bool,
}

impl Project {
    /// Loads and resolves a content folder, held for reading meanwhile
    /// (`output::folder_lock`), so that no governance command is half way
    /// through changing it. `Err` means the folder could not be read at all
    /// (or another command held it too long); every problem inside it is a
    /// diagnostic.
    pub fn load(dir: &Path, today: Date) -> Result<Project> {
        let (reading, unsettled) = folder_lock::for_reading(dir)?;
        let mut project = Project::load_unheld(dir, today)?;
        drop(reading);
        if let Some(why) = unsettled {
            let shown = format!("{}/{}", load::display_path(dir), journal::FILE);
            project.diags.push(Diagnostic::new(Code::S006, why).in_file(&shown).help(
                "any trustdocs command that can write in the folder completes the interrupted command or undoes it",
            ));
        }
        Ok(project)
    }

    /// Loads the content folder a writing command holds.
    pub fn load_held(folder: &Writing, today: Date) -> Result<Project> {
        Project::load_unheld(folder.dir(), today)
    }

    fn load_unheld(dir: &Path, today: Date) -> Result<Project> {
        let clock = crate::timings::Clock::start();
        let content = load::load(dir)?;
        clock.lap("load");
        let project = Project::from_content(content, today);
        clock.lap("resolve");
        Ok(project)
    }

    /// A project from content already read (tests, importers), as on `today`.
    pub fn from_content(mut content: Content, today: Date) -> Project {
        let diags = std::mem::take(&mut content.diags);
        let config_fatal = content.config_fatal;
        Project { lib: Library::new(content, today), diags, config_fatal }
    }

    /// What a build with these options would publish, without checking.
    pub fn publication<'a>(&'a self, opts: &'a PublishOptions) -> Publication<'a> {
        Publication::plan(&self.lib, opts)
    }

    /// The search documents of what these options publish (`trustdocs
    /// search` builds its index from them without running the checks).
    pub fn search_documents(&self, opts: &PublishOptions) -> Vec<SearchDoc> {
        crate::search::collect::documents(&self.publication(opts))
    }

    /// Runs every check, as on the library's day: the library and all its
    /// diagnostics, sorted.
    pub fn check(self) -> Checked {
        let today = self.lib.today();
        let clock = crate::timings::Clock::start();
        let mut diags = self.diags;
        diags.extend(crate::check::run(&self.lib, today));
        crate::check::readiness::mark(&self.lib, &mut diags);
        crate::memory::give_back();
        clock.lap("check");
        diag::sort(&mut diags);
        let summary = Summary::of(self.lib.docs().len(), &diags).with_ids(self.lib.by_id().len());
        Checked { lib: self.lib, diags, summary, config_fatal: self.config_fatal, today }
    }
}

/// Loads, resolves and checks a content folder (`trustdocs check`).
pub fn check(dir: &Path, today: Date) -> Result<Checked> {
    Ok(Project::load(dir, today)?.check())
}

/// The library and everything the checks found in it.
pub struct Checked {
    pub lib: Library,
    pub diags: Vec<Diagnostic>,
    pub summary: Summary,
    /// No usable `site.yaml`: the site cannot be built.
    pub config_fatal: bool,
    /// The date the checks ran for.
    pub today: Date,
}

impl Checked {
    /// What a build with these options publishes: versions and addresses.
    pub fn publication<'a>(&'a self, opts: &'a PublishOptions) -> Publication<'a> {
        Publication::plan_checked(&self.lib, opts, &self.diags)
    }

    /// The site these options publish, ready to make its files.
    pub fn site<'a>(&'a self, opts: &'a PublishOptions, theme: &'a Theme) -> Result<Site<'a>> {
        Site::new(&self.lib, &self.diags, opts, theme)
    }

    /// The text of every file a diagnostic points into, by display path.
    /// The documents keep no text: those files are read again.
    pub fn sources(&self) -> HashMap<String, String> {
        let cited: HashSet<&str> = self.diags.iter().filter_map(|d| d.file.as_deref()).collect();
        let mut map: HashMap<String, String> = self
            .lib
            .docs()
            .iter()
            .filter(|d| cited.contains(d.file.display.as_str()))
            .filter_map(|d| {
                let text = std::fs::read_to_string(self.lib.dir.join(&d.file.path)).ok()?;
                Some((d.file.display.clone(), text))
            })
            .collect();
        let display_dir = load::display_path(&self.lib.dir);
        for name in ["site.yaml", "roles.yaml", "glossary.yaml"] {
            if let Ok(text) = std::fs::read_to_string(self.lib.dir.join(name)) {
                map.insert(format!("{display_dir}/{name}"), text);
            }
        }
        map
    }
}
