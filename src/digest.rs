//! SHA-256 digests of several parts, for the keys of cached work: the
//! build's pieces (`project::incremental`) and each search page's counts
//! (`search::page_counts`).

use sha2::{Digest, Sha256};

pub type Sha = [u8; 32];

/// A digest of parts, each length-marked so that ("ab", "c") and ("a", "bc")
/// differ, after the kind of thing it keys.
#[derive(Clone, Default)]
pub struct Key(Sha256);

impl Key {
    pub fn new(kind: &str) -> Key {
        let mut k = Key(Sha256::new());
        k.part(kind.as_bytes());
        k
    }

    pub fn part(&mut self, bytes: &[u8]) -> &mut Key {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn sha(&self) -> Sha {
        self.0.clone().finalize().into()
    }

    pub fn hex(&self) -> String {
        hex(&self.sha())
    }
}

/// Bytes as lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn parts_are_marked_by_their_lengths_and_the_kind_counts() {
        let of = |kind: &str, parts: &[&str]| {
            let mut key = Key::new(kind);
            parts.iter().for_each(|p| _ = key.part(p.as_bytes()));
            key.sha()
        };
        assert_eq!(of("a", &["ab", "c"]), of("a", &["ab", "c"]));
        assert_ne!(of("a", &["ab", "c"]), of("a", &["a", "bc"]));
        assert_ne!(of("a", &["x"]), of("b", &["x"]));
    }
}
