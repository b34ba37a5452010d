//! trustdocs: builds an intranet site of NHS procedural documents and flags
//! what a governance team must fix.
//!
//! The pipeline, one module per stage, each taking the previous stage's types
//! and never importing a later stage:
//!
//! ```text
//! load → resolve → { check, publish } → { render, search } → output
//! ```
//!
//! [`load`] reads the content folder into the typed [`model`] (documents,
//! their parsed bodies, settings in [`config`]); [`resolve`] relates them in
//! the `Library` (versions of each id, `DocIndex`); [`check`] returns
//! diagnostics ([`diag`], printed only by [`report`]); [`publish`] decides
//! which versions go out at which address; [`render`] (pages, feeds, PDFs)
//! and [`search`] (the tantivy index and the browser index) make files from
//! that publication; [`output`] writes them atomically. [`project`] runs the
//! stages for every command:
//!
//! ```no_run
//! # fn main() -> Result<(), trustdocs::Error> {
//! let today = trustdocs::model::Date::from_ymd(2026, 11, 23).expect("a date");
//! let checked = trustdocs::Project::load(std::path::Path::new("content"), today)?.check();
//! let opts = trustdocs::publish::PublishOptions { drafts: false, pdf: false, public: false };
//! for page in &checked.publication(&opts).pages {
//!     println!("{} {}", checked.lib.doc(page.doc).title(), page.url);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Beside the stages: [`error`] (the one error type), [`yaml`] (YAML read
//! with positions, front matter edited in place, and the one quoting
//! function), [`theme`] (the embedded theme and its overrides), [`text`]
//! (escaping and slugs), and [`serve`], the preview server, which keeps the
//! library in memory and re-runs the stages for what an edit touches.

pub mod acknowledge;
pub mod check;
pub mod compare;
pub mod config;
pub mod diag;
pub mod digest;
pub mod error;
pub mod export;
pub mod governance;
pub mod import;
pub mod links;
pub mod load;
pub mod lock;
pub mod memory;
pub mod model;
pub mod output;
pub mod program;
pub mod project;
pub mod publish;
pub mod publish_report;
pub mod records;
pub mod render;
pub mod report;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod text;
pub mod theme;
pub(crate) mod timings;
pub mod yaml;

pub use error::{Error, Result};
pub use project::{build, check, BuildError, BuildOptions, Built, Checked, DenyLevel, Project, Site, PUBLIC_MARKER};
