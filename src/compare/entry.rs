//! The rows of a comparison: which section of the older version stands
//! for which of the newer, as sections.rs matches them and the later steps
//! (blocks, moves) read them.

/// One row of the comparison: a section of either version or both.
pub struct Entry {
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub moved: bool,
    pub renamed: bool,
}
