//! Measures the importer against the hand-made library: for every
//! front-matter value of a hand-made document that its source states, is
//! the imported value the same? And are the hand-made sections found?
//!
//! Shared by `tests/import_agreement.rs` (which holds the figures to a
//! floor) and `examples/import_agreement.rs` (which prints the table).

#![allow(dead_code)]

use marked_yaml::Node;
use std::collections::BTreeMap;
use std::path::Path;

/// A source and the hand-made document made from it, with the values the
/// hand-made file supplied because the source does not state them (see
/// content/README.md; key paths, a prefix covers what is under it).
pub struct Pair {
    pub source: &'static str,
    pub handmade: &'static str,
    pub supplied: &'static [&'static str],
}

pub const SEEDS: &[Pair] = &[
    Pair {
        source: "000_7bf85e7b658cd5e6",
        handmade: "corp-strat-001-security-management-strategy-community.md",
        supplied: &[
            "id",
            "title",
            "version",
            "status",
            "directorate",
            "author",
            "ratified",
            "review_date",
            "scope",
            "related",
        ],
    },
    Pair { source: "001_9c3a8ef0387f14e4", handmade: "corp-strat-003-security-management-strategy.md", supplied: &[] },
    Pair {
        source: "002_2e0885071e7f9b08",
        handmade: "corp-strat-004-security-strategy-2021-2024.md",
        // id, status and public are not in the source either (its README does not list them).
        supplied: &[
            "version",
            "directorate",
            "author.title",
            "ratified",
            "published",
            "review_date",
            "references[].accessed",
            "id",
            "status",
            "public",
        ],
    },
    Pair {
        source: "003_6cb35b1c581a40f4",
        handmade: "pol-002-015-security-management-policy.md",
        // "Review Date November 2017": the day is supplied. public is not in the source.
        supplied: &["id", "review_date", "public"],
    },
    Pair {
        source: "004_97ab498e924c0e25",
        handmade: "corp-strat-002-security-management-strategy.md",
        supplied: &["id", "version", "directorate", "author", "ratified", "review_date", "status", "public"],
    },
];

/// One compared value.
#[derive(Debug)]
pub struct Value {
    pub document: String,
    /// `history[].version`: the key with list positions taken out.
    pub key: String,
    pub path: String,
    pub expected: String,
    pub imported: Option<String>,
}

impl Value {
    pub fn agrees(&self) -> bool {
        self.imported.as_deref() == Some(self.expected.as_str())
    }
}

#[derive(Debug, Default)]
pub struct Sections {
    pub handmade: usize,
    pub found: usize,
    pub extra: usize,
    pub roles_handmade: usize,
    pub roles_found: usize,
}

#[derive(Default)]
pub struct Measure {
    pub values: Vec<Value>,
    pub sections: BTreeMap<String, Sections>,
    /// (document, text): what the expected file says must not be left in
    /// the body (`<!-- absent: a | b -->`) and the imported body holds.
    pub left_in_body: Vec<(String, String)>,
    /// Per document, the keys its report names: in a warning, or as a key
    /// whose origin gives no account of itself.
    pub warned: BTreeMap<String, Vec<String>>,
    /// (document, key): values written with no account of where they came from.
    pub unaccounted: Vec<(String, String)>,
}

fn front_matter(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("front matter end");
    (&rest[..end + 1], &rest[end + 5..])
}

/// Leaf values by path. A list of scalars is one value (its items sorted);
/// empty lists are no value.
fn flatten(node: &Node, path: &str, out: &mut BTreeMap<String, String>) {
    match node {
        Node::Scalar(s) => {
            out.insert(path.to_string(), normalise(s.as_str()));
        }
        Node::Mapping(m) => {
            for (k, v) in m.iter() {
                let p = if path.is_empty() { k.as_str().to_string() } else { format!("{path}.{}", k.as_str()) };
                flatten(v, &p, out);
            }
        }
        Node::Sequence(s) => {
            if s.iter().all(|n| matches!(n, Node::Scalar(_))) {
                let mut items: Vec<String> =
                    s.iter().filter_map(|n| n.as_scalar()).map(|v| normalise(v.as_str())).collect();
                items.sort();
                if !items.is_empty() {
                    out.insert(path.to_string(), items.join(" | "));
                }
            } else {
                for (i, n) in s.iter().enumerate() {
                    flatten(n, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}

/// Dates compared as dates, text with its spaces collapsed, ids upper case.
fn normalise(v: &str) -> String {
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Ok(d) = trustdocs::model::Date::parse(&v, true) {
        return d.iso();
    }
    v
}

fn unindexed(path: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in path.chars() {
        match c {
            '[' => {
                skip = true;
                out.push_str("[]");
            }
            ']' => skip = false,
            c if !skip => out.push(c),
            _ => {}
        }
    }
    out
}

fn headings(body: &str) -> Vec<(String, Option<String>)> {
    body.lines()
        .filter(|l| l.starts_with("##"))
        .map(|l| {
            let t = l.trim_start_matches('#').trim();
            let (t, role) = match t.rfind(" {role=") {
                Some(i) => (&t[..i], Some(t[i + 7..].trim_end_matches('}').to_string())),
                None => (t, None),
            };
            let norm =
                t.replace('\\', "").chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            (norm, role)
        })
        .collect()
}

/// Compares one imported document (its Markdown) with its hand-made file.
pub fn compare(name: &str, imported_md: &str, handmade_md: &str, supplied: &[&str], m: &mut Measure) {
    let (hy, hbody) = front_matter(handmade_md);
    let (iy, ibody) = front_matter(imported_md);
    let parse = |y: &str| marked_yaml::parse_yaml(0, y).expect("yaml");
    let (mut expected, mut got) = (BTreeMap::new(), BTreeMap::new());
    flatten(&parse(hy), "", &mut expected);
    flatten(&parse(iy), "", &mut got);
    for (path, value) in expected {
        let key = unindexed(&path);
        let is_supplied = supplied
            .iter()
            .any(|s| key == *s || key.starts_with(&format!("{s}.")) || key.starts_with(&format!("{s}[")));
        if is_supplied {
            continue;
        }
        m.values.push(Value {
            document: name.to_string(),
            key,
            imported: got.get(&path).cloned(),
            path,
            expected: value,
        });
    }
    let (h, i) = (headings(hbody), headings(ibody));
    let s = m.sections.entry(name.to_string()).or_default();
    s.handmade = h.len();
    s.found = h.iter().filter(|(t, _)| i.iter().any(|(u, _)| u == t)).count();
    s.extra = i.iter().filter(|(u, _)| !h.iter().any(|(t, _)| t == u)).count();
    s.roles_handmade = h.iter().filter(|(_, r)| r.is_some()).count();
    s.roles_found = h.iter().filter(|(t, r)| r.is_some() && i.iter().any(|(u, q)| u == t && q == r)).count();
    for text in absent(hbody) {
        if ibody.contains(text) {
            m.left_in_body.push((name.to_string(), text.to_string()));
        }
    }
}

/// The texts an expected file lists as not to be left in the body: page
/// furniture, front-sheet labels, contents and history headings.
fn absent(body: &str) -> Vec<&str> {
    body.lines()
        .filter_map(|l| l.trim().strip_prefix("<!-- absent:")?.strip_suffix("-->"))
        .flat_map(|l| l.split(" | "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Imports each input with the library's own converter and compares.
pub fn measure(inputs: &[(String, std::path::PathBuf, &Pair)]) -> Measure {
    measure_with(inputs, false)
}

/// `every_key`: count every key of the hand-made file, none as supplied.
pub fn measure_with(inputs: &[(String, std::path::PathBuf, &Pair)], every_key: bool) -> Measure {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let config = trustdocs::load::settings::load(&content, "content").config;
    let mut m = Measure::default();
    for (name, path, pair) in inputs {
        let supplied = if every_key { ALL_KEYS } else { pair.supplied };
        import_and_compare(name, path, &content.join("documents").join(pair.handmade), supplied, &config, &mut m);
    }
    m
}

/// Imports `source` with `config` and compares it with the expected file.
fn import_and_compare(
    name: &str,
    source: &Path,
    expected: &Path,
    supplied: &[&str],
    config: &trustdocs::config::Config,
    m: &mut Measure,
) {
    let converted =
        trustdocs::import::convert(source, config, None).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let expected = std::fs::read_to_string(expected).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
    compare(name, &converted.imported.markdown, &expected, supplied, m);
    let imported = &converted.imported;
    m.warned.insert(name.to_string(), imported.warnings.iter().filter_map(|w| w.key.clone()).collect());
    for o in imported.origins.iter().filter(|o| o.from == trustdocs::import::origin::NO_ACCOUNT) {
        m.unaccounted.push((name.to_string(), o.key.clone()));
    }
}

/// The varied corpus (tests/fixtures/import/varied): every `NAME.EXT`
/// that has a `NAME.expected.md` beside it, every key of which counts.
pub fn varied_inputs(ext: &str) -> Vec<(String, std::path::PathBuf, std::path::PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/varied");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the varied corpus")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".expected.md").map(str::to_string))
        .filter(|n| dir.join(format!("{n}.{ext}")).exists())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| (format!("{n}.{ext}"), dir.join(format!("{n}.{ext}")), dir.join(format!("{n}.expected.md"))))
        .collect()
}

/// Measures the varied corpus against its expected files, with the
/// corpus's own settings (its site.yaml).
pub fn measure_varied(inputs: &[(String, std::path::PathBuf, std::path::PathBuf)]) -> Measure {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/varied");
    let config = trustdocs::load::settings::load(&dir, "varied").config;
    let mut m = Measure::default();
    for (name, source, expected) in inputs {
        import_and_compare(name, source, expected, ALL_KEYS, &config, &mut m);
    }
    m
}

/// The seed texts, in the repository's fixtures.
pub fn seed_inputs() -> Vec<(String, std::path::PathBuf, &'static Pair)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/seeds");
    SEEDS.iter().map(|p| (format!("{}.txt", p.source), dir.join(format!("{}.txt", p.source)), p)).collect()
}

/// The Word fixtures made from the seeds (`examples/make_docx.py`).
pub fn docx_inputs() -> Vec<(String, std::path::PathBuf, &'static Pair)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/docx");
    SEEDS.iter().map(|p| (format!("{}.docx", p.source), dir.join(format!("{}.docx", p.source)), p)).collect()
}

/// PDFs of the hand-made library as trustdocs builds them (typst), for the
/// PDF route: each is compared with the file it was made from, every key
/// counted. `None` when typst or pdftotext is missing.
pub fn pdf_inputs(out: &Path) -> Option<Vec<(String, std::path::PathBuf, &'static Pair)>> {
    let found = |tool: &str| std::process::Command::new(tool).arg("-v").output().is_ok();
    if !found("pdftotext") || trustdocs::render::pdf::Typst::find().is_err() {
        return None;
    }
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = trustdocs::model::Date::from_ymd(2026, 1, 1).expect("date");
    let opts = trustdocs::BuildOptions {
        out: out.to_path_buf(),
        drafts: false,
        no_pdf: false,
        public: false,
        deny: Default::default(),
    };
    if trustdocs::build(&content, today, &opts).is_err() {
        panic!("the example library did not build");
    }
    let mut inputs = Vec::new();
    for p in SEEDS {
        let id = p.handmade.splitn(4, '-').take(3).collect::<Vec<_>>().join("-");
        let folder = out.join("documents").join(&id);
        let pdf = std::fs::read_dir(&folder)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "pdf"))?;
        inputs.push((format!("{id}.pdf"), pdf, p));
    }
    Some(inputs)
}

/// The same pairs with nothing excluded: a PDF made from the hand-made
/// file states everything the builder prints.
pub const ALL_KEYS: &[&str] = &[];

impl Measure {
    pub fn agreed(&self) -> (usize, usize) {
        (self.values.iter().filter(|v| v.agrees()).count(), self.values.len())
    }

    /// Agreement of the values whose key starts with `prefix`.
    pub fn agreed_under(&self, prefix: &str) -> (usize, usize) {
        let under: Vec<&Value> = self.values.iter().filter(|v| v.key.starts_with(prefix)).collect();
        (under.iter().filter(|v| v.agrees()).count(), under.len())
    }

    /// The table: agreement per key, then overall, then sections.
    pub fn table(&self, title: &str) -> String {
        let mut per_key: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for v in &self.values {
            let e = per_key.entry(v.key.as_str()).or_default();
            e.1 += 1;
            e.0 += usize::from(v.agrees());
        }
        let pct = |a: usize, b: usize| if b == 0 { 100.0 } else { 100.0 * a as f64 / b as f64 };
        let mut out = format!("### {title}\n\n| key | same | of | % |\n|---|---:|---:|---:|\n");
        for (k, (a, b)) in &per_key {
            out.push_str(&format!("| `{k}` | {a} | {b} | {:.0} |\n", pct(*a, *b)));
        }
        let (a, b) = self.agreed();
        out.push_str(&format!("| **all values** | **{a}** | **{b}** | **{:.1}** |\n\n", pct(a, b)));
        out.push_str(
            "| source | hand-made sections | found | extra imported | role tags found |\n|---|---:|---:|---:|---:|\n",
        );
        for (name, s) in &self.sections {
            out.push_str(&format!(
                "| {name} | {} | {} | {} | {} of {} |\n",
                s.handmade, s.found, s.extra, s.roles_found, s.roles_handmade
            ));
        }
        for (name, text) in &self.left_in_body {
            out.push_str(&format!("\nleft in the body of {name}: “{text}”"));
        }
        out
    }

    /// Per document: values the same, values checked, sections found of
    /// the expected, sections imported beyond them.
    pub fn document_table(&self, title: &str) -> String {
        let mut out = format!(
            "### {title}\n\n| document | values same | of | sections found | of | extra sections |\n|---|---:|---:|---:|---:|---:|\n"
        );
        for (name, s) in &self.sections {
            let mine: Vec<&Value> = self.values.iter().filter(|v| &v.document == name).collect();
            let same = mine.iter().filter(|v| v.agrees()).count();
            out.push_str(&format!(
                "| {name} | {same} | {} | {} | {} | {} |\n",
                mine.len(),
                s.found,
                s.handmade,
                s.extra
            ));
        }
        let (a, b) = self.agreed();
        let (f, h) = self.sections.values().fold((0, 0), |(f, h), s| (f + s.found, h + s.handmade));
        out.push_str(&format!("| **all** | **{a}** | **{b}** | **{f}** | **{h}** | |\n"));
        out
    }

    /// The values that differ and that their document's report does not
    /// name: a warning's key is the value's key or a key above it
    /// (`author` for `author.name`, `eia.impacts` for `eia.impacts.age`).
    pub fn silent(&self) -> Vec<&Value> {
        let names = |v: &Value, k: &str| {
            let key = v.key.replace("[]", "");
            key == k || key.starts_with(&format!("{k}.")) || (k.starts_with(&key) && k[key.len()..].starts_with('.'))
        };
        self.values
            .iter()
            .filter(|v| !v.agrees())
            .filter(|v| !self.warned.get(&v.document).is_some_and(|ks| ks.iter().any(|k| names(v, k))))
            .collect()
    }

    /// The values that differ, for looking into.
    pub fn differences(&self) -> String {
        self.values
            .iter()
            .filter(|v| !v.agrees())
            .map(|v| format!("{} {}: expected {:?}, imported {:?}\n", v.document, v.path, v.expected, v.imported))
            .collect()
    }
}
