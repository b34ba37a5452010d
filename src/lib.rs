//! trustdocs: builds an intranet site of NHS procedural documents and flags
//! what a governance team must fix.
//!
//! The pipeline, one module per stage, each taking the previous stage's types:
//! [`load`] (content folder → typed documents) → [`resolve`] (the library and
//! its versions) → [`check`] (diagnostics) → [`render`] (files) → [`output`]
//! (the atomic write).

pub mod check;
pub mod config;
pub mod diag;
pub mod error;
pub mod import;
pub mod links;
pub mod load;
pub mod model;
pub mod output;
pub mod project;
pub mod publish;
pub mod render;
pub mod report;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod text;
pub mod theme;
pub(crate) mod timings;

pub use error::{Error, Result};
pub use project::{build, check, BuildError, BuildOptions, Built, Checked, Project, Site, PUBLIC_MARKER};
