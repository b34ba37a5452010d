//! The typed model of a content library. Everything here is already parsed:
//! later stages never look at the authors' strings again.

pub mod ack_url;
pub mod body;
mod date;
mod document;
pub mod fingerprint;
pub mod glossary;
pub mod id;
mod required_byte;
mod route;
pub mod source;
pub mod timeline;
pub mod url;
mod version;

pub use date::{Date, Precision};
pub use document::*;
pub use fingerprint::Fingerprint;
pub use id::DocId;
pub use route::{committee_key, same_committee, ApprovalStep, Consultation, Consultee, NONE_RECEIVED};
pub use url::{RefusedUrl, SafeUrl, Url, UrlKind};
pub use version::Version;

/// A 1-based line and column in a file (front matter lines included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }
}

/// A value with the place in its file where the author wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> At<T> {
    pub fn new(value: T, pos: Pos) -> At<T> {
        At { value, pos }
    }
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}
