//! This build of trustdocs, told apart from another of the same version:
//! what a cache made by one build must not be trusted by another.

/// The version, and the size and time of this binary, which change with
/// every build of it (reading 100 MB to digest it would cost more than
/// most rebuilds). Unique to this process when the binary cannot be read.
pub fn identity() -> String {
    let stamp = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_else(|_| format!("unknown {}", std::process::id()));
    format!("trustdocs {} {stamp}", env!("CARGO_PKG_VERSION"))
}
