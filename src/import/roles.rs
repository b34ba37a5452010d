//! Role sections: a heading whose text is a role's title or alias in the
//! content folder's `roles.yaml` gets `{role=ID}`.

use crate::config::Config;

pub struct Roles {
    /// Normalised title or alias, role id.
    names: Vec<(String, String)>,
}

/// Letters and digits only, lower case, without a leading "the".
fn norm(s: &str) -> String {
    let words: Vec<String> = super::labels::words(s).into_iter().map(|w| w.0).collect();
    let words = match words.first().map(String::as_str) {
        Some("the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

impl Roles {
    pub fn new(config: &Config) -> Roles {
        let mut names = Vec::new();
        for r in &config.roles {
            for name in std::iter::once(&r.title).chain(&r.aliases) {
                names.push((norm(name), r.id.clone()));
            }
        }
        Roles { names }
    }

    /// The role a heading names: its whole text, or its text without a
    /// bracketed abbreviation, or the abbreviation ("Security Management
    /// Director (SMD)").
    pub fn tag(&self, heading: &str) -> Option<String> {
        let mut candidates = vec![norm(heading)];
        if let (Some(open), true) = (heading.find('('), heading.trim_end().ends_with(')')) {
            candidates.push(norm(&heading[..open]));
            candidates.push(norm(&heading[open..]));
        }
        candidates
            .iter()
            .filter(|c| !c.is_empty())
            .find_map(|c| self.names.iter().find(|(n, _)| n == c).map(|(_, id)| id.clone()))
    }
}
