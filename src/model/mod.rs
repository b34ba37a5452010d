//! The typed model of a content library. Everything here is already parsed:
//! later stages never look at the authors' strings again.

mod date;
mod document;
pub mod id;
pub mod url;
mod version;

pub use date::{Date, Precision};
pub use document::*;
pub use id::DocId;
pub use url::{RefusedUrl, SafeUrl, Url, UrlKind};
pub use version::Version;

use crate::diag::Pos;

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
