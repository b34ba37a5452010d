//! The pipeline's order, as the README's architecture table gives it: no
//! module of `src/` imports a module of a later stage, and modules of one
//! stage never import each other both ways.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `src/` and its stage: a module may import its
/// own stage and earlier ones. `output` comes this early because its `Sink`
/// is what the renderers write into; `error` sits beside `diag` because a
/// refusal carries the diagnostics that stop it. `cli` (the binary's) is last.
const STAGES: &[(&str, &[&str])] = &[
    ("leaves", &["text", "timings", "memory"]),
    ("model", &["model", "config", "diag", "lock", "error", "theme", "output"]),
    ("load", &["load"]),
    ("resolve", &["resolve"]),
    ("check, publish, compare", &["check", "publish", "compare", "links"]),
    ("render, search", &["render", "search", "publish_report", "report"]),
    ("commands", &["project", "serve", "governance", "edit", "import", "lib"]),
    ("command line", &["cli", "main"]),
];

fn stage_of(module: &str) -> usize {
    STAGES
        .iter()
        .position(|(_, modules)| modules.contains(&module))
        .unwrap_or_else(|| panic!("src/{module} is in no stage: add it to STAGES and to the README's table"))
}

/// What the code of a file names as `crate::module`, leaving out what only
/// the tests use: the line after a `#[cfg(test)]`, or the whole test module.
fn imports_of(text: &str, into: &mut BTreeSet<String>) {
    let mut code = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[cfg(test)]" {
            code.push_str(line);
            code.push('\n');
        } else if lines.next().is_some_and(|next| next.trim_start().starts_with("mod ") && next.ends_with('{')) {
            break;
        }
    }
    for (at, _) in code.match_indices("crate::") {
        let name: String = code[at + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
        if !name.is_empty() {
            into.insert(name);
        }
    }
}

fn files_under(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            files_under(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") && path.file_name().is_some_and(|n| n != "tests.rs") {
        out.push(path.to_path_buf());
    }
}

fn module_imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let mut files = Vec::new();
        files_under(&path, &mut files);
        let mut imports = BTreeSet::new();
        for f in files {
            imports_of(&std::fs::read_to_string(f).unwrap(), &mut imports);
        }
        imports.remove(&name);
        // `publish.rs` and the folder `publish/` are one module.
        graph.entry(name).or_insert_with(BTreeSet::new).extend(imports);
    }
    graph
}

#[test]
fn no_module_imports_a_later_stage_or_its_own_stage_both_ways() {
    let graph = module_imports();
    assert!(graph.len() > 20, "src/ was not read: {graph:?}");
    let mut wrong = Vec::new();
    for (module, imports) in &graph {
        for import in imports.iter().filter(|i| graph.contains_key(*i)) {
            let (from, to) = (stage_of(module), stage_of(import));
            if to > from {
                wrong.push(format!("{module} ({}) imports {import} ({})", STAGES[from].0, STAGES[to].0));
            } else if to == from && graph[import].contains(module) && module < import {
                let same_stage = from == 1 && ["config", "model"].contains(&module.as_str());
                if !same_stage {
                    wrong.push(format!("{module} and {import} import each other"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "the pipeline's order is broken:\n{}", wrong.join("\n"));
}

#[test]
fn the_import_reader_sees_imports_and_skips_tests() {
    let mut found = BTreeSet::new();
    let text = "use crate::model::DocId;\n#[cfg(test)]\nuse crate::load;\nfn f() { crate::render::x(); }\n#[cfg(test)]\nmod tests {\n    use crate::serve;\n}\n";
    imports_of(text, &mut found);
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["model", "render"]);
}
