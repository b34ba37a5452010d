//! The address of the trust's "read and acknowledge" form
//! (`acknowledge.url` of `site.yaml`), parsed once into text and
//! placeholders, and filled for one version of a document.

use super::url::{allow, encode_component, SafeUrl, UrlKind};

/// What a placeholder stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Version,
    Fingerprint,
    Title,
}

impl Field {
    pub const NAMES: [&'static str; 4] = ["id", "version", "fingerprint", "title"];

    fn parse(name: &str) -> Option<Field> {
        Some(match name {
            "id" => Field::Id,
            "version" => Field::Version,
            "fingerprint" => Field::Fingerprint,
            "title" => Field::Title,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Value(Field),
}

/// An http or https address with `{id}`, `{version}`, `{fingerprint}` and
/// `{title}` in it, as written and as parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AckUrl {
    pub written: String,
    parts: Vec<Part>,
}

/// The values of one version of a document, as they are (not encoded).
pub struct AckValues<'a> {
    pub id: &'a str,
    pub version: &'a str,
    pub fingerprint: &'a str,
    pub title: &'a str,
}

impl AckUrl {
    /// `Err` says what is wrong, for the settings diagnostic: a brace that
    /// opens no known placeholder, or an address that is not http or https.
    pub fn parse(written: &str) -> Result<AckUrl, String> {
        let mut parts = Vec::new();
        let mut rest = written;
        while let Some(open) = rest.find(['{', '}']) {
            let text = &rest[..open];
            let after = &rest[open..];
            let name = after.strip_prefix('{').and_then(|a| a.split_once('}')).map(|(n, _)| n);
            let Some(field) = name.and_then(Field::parse) else {
                let shown: String = after.chars().take(20).collect();
                return Err(format!(
                    "`{shown}` is not a placeholder: use {{id}}, {{version}}, {{fingerprint}} or {{title}}"
                ));
            };
            parts.push(Part::Text(text.to_string()));
            parts.push(Part::Value(field));
            rest = &after[name.map_or(0, str::len) + 2..];
        }
        parts.push(Part::Text(rest.to_string()));
        parts.retain(|p| *p != Part::Text(String::new()));
        let url = AckUrl { written: written.to_string(), parts };
        let sample = AckValues { id: "x", version: "1", fingerprint: "x", title: "x" };
        match allow(&url.fill_text(&sample)) {
            Ok(u) if u.kind() == UrlKind::Web && !written.trim_start().starts_with("//") => Ok(url),
            _ => Err(format!("`{}` is not an http or https address", written.chars().take(80).collect::<String>())),
        }
    }

    /// The address for one version, each value percent-encoded; through
    /// the allow-list again, so that only a web address is ever linked.
    pub fn fill(&self, values: &AckValues) -> Option<SafeUrl> {
        allow(&self.fill_text(values)).ok().filter(|u| u.kind() == UrlKind::Web)
    }

    fn fill_text(&self, v: &AckValues) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Value(Field::Id) => encode_component(v.id),
                Part::Value(Field::Version) => encode_component(v.version),
                Part::Value(Field::Fingerprint) => encode_component(v.fingerprint),
                Part::Value(Field::Title) => encode_component(v.title),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::url::percent_decode_lossy;

    #[test]
    fn values_are_encoded_and_decode_to_what_they_were() {
        let url = AckUrl::parse("https://learn.example.nhs.uk/ack?doc={id}&v={version}&fp={fingerprint}&t={title}")
            .expect("a valid template");
        let title = "Fire & Safety #2: Café rules/ok?";
        let values = AckValues { id: "POL/002/015", version: "2.1", fingerprint: "v2:ab12", title };
        let filled = url.fill(&values).expect("an http address");
        let query = filled.as_str().split_once('?').expect("a query").1;
        let got: Vec<(String, String)> = query
            .split('&')
            .map(|kv| kv.split_once('=').expect("key=value"))
            .map(|(k, v)| (k.to_string(), percent_decode_lossy(v)))
            .collect();
        let want = [("doc", "POL/002/015"), ("v", "2.1"), ("fp", "v2:ab12"), ("t", title)];
        assert_eq!(got, want.map(|(k, v)| (k.to_string(), v.to_string())));
    }

    proptest::proptest! {
        #[test]
        fn any_template_is_judged_without_panicking(text in proptest::prelude::any::<String>()) {
            let values = AckValues { id: &text, version: &text, fingerprint: &text, title: &text };
            if let Ok(url) = AckUrl::parse(&text) {
                proptest::prop_assert!(url.fill(&values).is_some_and(|u| u.kind() == UrlKind::Web));
            }
        }
    }

    #[test]
    fn only_web_addresses_and_known_placeholders_are_accepted() {
        for wrong in
            ["javascript:alert(1)//{id}", "ftp://x/{id}", "mailto:a@b.nhs.uk?s={title}", "/ack?d={id}", "//x/{id}"]
        {
            assert!(AckUrl::parse(wrong).unwrap_err().contains("http or https"), "{wrong}");
        }
        for wrong in ["https://x/?d={name}", "https://x/?d={id", "https://x/?d=}", "https://x/{}"] {
            assert!(AckUrl::parse(wrong).unwrap_err().contains("not a placeholder"), "{wrong}");
        }
        assert!(AckUrl::parse("http://x.nhs.uk/form").is_ok());
    }
}
