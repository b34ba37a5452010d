//! YAML as trustdocs reads and writes it, in one place so that what is
//! written is always what the loader reads back.
//!
//! - [`read`]: YAML into typed values, keeping the line and column of every
//!   key and value (documents' front matter and the settings files);
//! - [`edit`]: minimal, textual edits of a document's front matter (the
//!   governance commands), with [`scan`] finding where values end;
//! - [`quote`]: the one function that writes text into YAML, and the
//!   scalar values edits write;
//! - [`write`]: a whole front matter written from a tree of values (import);
//! - [`draft`]: the front matter of a new version (`new-version`, and
//!   `import --new-version-of`) and the name of its file;
//! - [`keys`]: the front matter's keys in their usual order, which the
//!   loader knows and an edit adds new keys by.

pub mod draft;
pub mod edit;
pub mod keys;
pub mod quote;
pub mod read;
mod scan;
pub mod write;
