//! The architecture as `docs/architecture.md` draws it, checked on every
//! module of `src/`:
//!
//! - the top-level modules are in stages, and no module imports a module of
//!   a later stage; modules of one stage never import each other both ways,
//!   and the command modules never import each other at all;
//! - inside every folder module (`render/`, `compare/`, `import/docx/`...)
//!   the files import each other without a cycle, so each has a place in
//!   an order too;
//! - no function is longer than 80 lines, but the few known ones.
//!
//! The reader is textual (`crate::` and `super::` paths, with `{...}`
//! groups); the tests at the end plant back-edges in a made-up tree to show
//! that each rule fails when broken.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its stage, as the `stages` block of
/// `docs/architecture.md` lists them, in order: a module may import its
/// own stage and earlier ones. The document is the one place they are
/// written, so it cannot drift from what this test enforces.
fn stages() -> Vec<(String, Vec<String>)> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md")).unwrap();
    let block = doc.split("```stages\n").nth(1).and_then(|b| b.split("```").next()).expect("a ```stages block");
    block
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(stage, modules)| (stage.trim().to_string(), modules.split_whitespace().map(String::from).collect()))
        .collect()
}

/// The stage whose modules are independent commands: none imports another.
const COMMANDS: &str = "commands";

/// Stage-mates that may import each other: the settings are part of the model.
const ALLOWED_PAIRS: &[(&str, &str)] = &[("config", "model")];

/// Functions known to be over 80 lines (file, name). The list may only shrink.
const LONG_FUNCTIONS: &[(&str, &str)] = &[("model/body/parse.rs", "start"), ("import/furniture.rs", "repeated")];

fn stage_of(stages: &[(String, Vec<String>)], module: &str) -> usize {
    stages
        .iter()
        .position(|(_, modules)| modules.iter().any(|m| m == module))
        .unwrap_or_else(|| panic!("src/{module} is in no stage: add it to the stages block of docs/architecture.md"))
}

/// A source tree: each file's module path (`["render", "views"]`; a
/// `mod.rs` or `lib.rs` is its folder's path) and its code without tests.
type Tree = BTreeMap<Vec<String>, String>;

fn read_tree(src: &Path) -> Tree {
    let mut files = Vec::new();
    files_under(src, &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(src).unwrap();
            let mut path: Vec<String> = rel.iter().map(|p| p.to_string_lossy().to_string()).collect();
            let last = path.pop().unwrap();
            let stem = last.trim_end_matches(".rs");
            if stem != "mod" {
                path.push(stem.to_string());
            }
            (path, without_tests(&std::fs::read_to_string(&f).unwrap()))
        })
        .collect()
}

fn files_under(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            files_under(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") && !path.to_string_lossy().ends_with("tests.rs") {
        out.push(path.to_path_buf());
    }
}

/// The code of a file without what only the tests use: the line after a
/// `#[cfg(test)]`, or the whole test module (always last in this codebase).
fn without_tests(text: &str) -> String {
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
    code
}

/// The module paths a file's code names, made absolute: `crate::a::b`,
/// `super::b` (from the file's own path) and groups `crate::a::{b, c::d}`.
fn paths_named(file: &[String], code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &code[at..];
        let start = if rest.starts_with("crate::") {
            Some((Vec::new(), 7))
        } else if rest.starts_with("super::") && !preceded_by_path(code, at) {
            let mut base = file.to_vec();
            let mut len = 0;
            while code[at + len..].starts_with("super::") {
                base.pop();
                len += 7;
            }
            Some((base, len))
        } else {
            None
        };
        match start {
            Some((base, len)) if !preceded_by_path(code, at) => {
                at += len;
                at += path_tree(code, at, base, &mut found);
            }
            _ => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

fn preceded_by_path(code: &str, at: usize) -> bool {
    code[..at].ends_with("::") || code[..at].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Reads `a::b::{c, d::e}` from `at`, pushing each path (with `base` in
/// front) into `found`; returns how many bytes it read.
fn path_tree(code: &str, at: usize, mut base: Vec<String>, found: &mut Vec<Vec<String>>) -> usize {
    let mut i = at;
    if code[i..].starts_with('{') {
        return group(code, i, &base, found) - at;
    }
    loop {
        let word: String = code[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if word.is_empty() {
            break;
        }
        i += word.len();
        base.push(word);
        if !code[i..].starts_with("::") {
            break;
        }
        i += 2;
        if code[i..].starts_with('{') {
            return group(code, i, &base, found) - at;
        }
    }
    found.push(base);
    (i - at).max(1)
}

/// Reads a `{a, b::c}` group starting at `at`; returns where it ends.
fn group(code: &str, at: usize, base: &[String], found: &mut Vec<Vec<String>>) -> usize {
    let mut i = at + 1;
    loop {
        i += code[i..].len() - code[i..].trim_start().len();
        if i >= code.len() || code[i..].starts_with('}') {
            return (i + 1).min(code.len());
        }
        i += path_tree(code, i, base.to_vec(), found);
        i += code[i..].find([',', '}']).unwrap_or(code.len() - i);
        if code[i..].starts_with(',') {
            i += 1;
        }
    }
}

/// Every import between two sibling modules: (their parent, from, to).
fn sibling_edges(tree: &Tree) -> BTreeSet<(Vec<String>, String, String)> {
    let modules: BTreeSet<&Vec<String>> = tree.keys().collect();
    let mut edges = BTreeSet::new();
    for (file, code) in tree {
        for named in paths_named(file, code) {
            let common = file.iter().zip(&named).take_while(|(a, b)| a == b).count();
            let (Some(from), Some(to)) = (file.get(common), named.get(common)) else { continue };
            if modules.contains(&named[..=common].to_vec()) && from != to {
                edges.insert((file[..common].to_vec(), from.clone(), to.clone()));
            }
        }
    }
    edges
}

/// What the stages forbid among the top-level modules.
fn stage_breaches(stages: &[(String, Vec<String>)], edges: &BTreeSet<(Vec<String>, String, String)>) -> Vec<String> {
    let top: BTreeSet<(&String, &String)> =
        edges.iter().filter(|(p, _, _)| p.is_empty()).map(|(_, a, b)| (a, b)).collect();
    let mut wrong = Vec::new();
    for &(module, import) in &top {
        let (from, to) = (stage_of(stages, module), stage_of(stages, import));
        let allowed = ALLOWED_PAIRS.iter().any(|&(a, b)| (a, b) == (module, import) || (b, a) == (module, import));
        if to > from {
            wrong.push(format!("{module} ({}) imports {import} ({})", stages[from].0, stages[to].0));
        } else if to == from && stages[from].0 == COMMANDS {
            wrong.push(format!("{module} imports {import}: commands share code through earlier stages"));
        } else if to == from && top.contains(&(import, module)) && module < import && !allowed {
            wrong.push(format!("{module} and {import} import each other"));
        }
    }
    wrong
}

/// Cycles among the files of each folder module: each set of files that
/// reach each other through imports, once.
fn folder_cycles(edges: &BTreeSet<(Vec<String>, String, String)>) -> Vec<String> {
    let mut by_folder: BTreeMap<&Vec<String>, BTreeMap<&String, BTreeSet<&String>>> = BTreeMap::new();
    for (parent, from, to) in edges.iter().filter(|(p, _, _)| !p.is_empty()) {
        by_folder.entry(parent).or_default().entry(from).or_default().insert(to);
    }
    let mut wrong = BTreeSet::new();
    for (folder, graph) in by_folder {
        let reach: BTreeMap<&String, BTreeSet<&String>> = graph.keys().map(|&m| (m, reachable(&graph, m))).collect();
        for (&module, reached) in &reach {
            let cycle: Vec<&str> = reached
                .iter()
                .filter(|other| reach.get(*other).is_some_and(|back| back.contains(module)))
                .map(|m| m.as_str())
                .collect();
            if !cycle.is_empty() {
                wrong.insert(format!(
                    "in src/{}/: {} import each other in a cycle",
                    folder.join("/"),
                    cycle.join(", ")
                ));
            }
        }
    }
    wrong.into_iter().collect()
}

/// The modules `start` imports, directly or not (itself only through a cycle).
fn reachable<'a>(graph: &BTreeMap<&'a String, BTreeSet<&'a String>>, start: &'a String) -> BTreeSet<&'a String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start];
    while let Some(module) = todo.pop() {
        for &next in graph.get(module).into_iter().flatten() {
            if seen.insert(next) {
                todo.push(next);
            }
        }
    }
    seen
}

/// Functions of more than 80 lines: (file under src/, name, lines).
fn long_functions(src: &Path) -> Vec<(String, String, usize)> {
    let mut files = Vec::new();
    files_under(src, &mut files);
    let mut long = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let rel = f.strip_prefix(src).unwrap().to_string_lossy().replace('\\', "/");
        for (name, lines) in function_lengths(&text) {
            if lines > 80 {
                long.push((rel.clone(), name, lines));
            }
        }
    }
    long
}

/// Each `fn` with a body and its length in lines, braces counted outside
/// strings, characters and comments.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(name) = fn_name(lines[i]) else {
            i += 1;
            continue;
        };
        let (mut depth, mut opened, mut j) = (0i32, false, i);
        while j < lines.len() {
            let code = code_of(lines[j]);
            for c in code.chars() {
                match c {
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if (opened && depth == 0) || (!opened && code.trim_end().ends_with(';')) {
                break;
            }
            j += 1;
        }
        if opened {
            out.push((name, j - i + 1));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn fn_name(line: &str) -> Option<String> {
    let mut words = line.split_whitespace().skip_while(|w| {
        w.starts_with("pub") || ["const", "async", "unsafe", "extern"].contains(w) || w.starts_with('"')
    });
    (words.next()? == "fn").then(|| words.next().map(|w| w.split(['(', '<']).next().unwrap_or(w).to_string()))?
}

/// A line without its strings, characters and comment, for counting braces.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(s) = chars.next() {
                    match s {
                        '\\' => drop(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                // A character literal ('{', '\''), not a lifetime ('a).
                let rest: String = chars.clone().take(2).collect();
                if rest.starts_with('\\') {
                    chars.next();
                    chars.next();
                    for s in chars.by_ref() {
                        if s == '\'' {
                            break;
                        }
                    }
                } else if rest.chars().nth(1) == Some('\'') {
                    chars.nth(1);
                }
            }
            '/' if chars.peek() == Some(&'/') => break,
            _ => out.push(c),
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_module_imports_a_later_stage_and_no_folder_has_a_cycle() {
    let tree = read_tree(&src());
    assert!(tree.len() > 100, "src/ was not read: {} files", tree.len());
    let edges = sibling_edges(&tree);
    let stages = stages();
    for top in tree.keys().filter_map(|p| p.first()) {
        stage_of(&stages, top);
    }
    let mut wrong = stage_breaches(&stages, &edges);
    wrong.extend(folder_cycles(&edges));
    assert!(wrong.is_empty(), "the architecture is broken:\n{}", wrong.join("\n"));
}

#[test]
fn no_function_is_longer_than_80_lines_but_the_known_ones() {
    let long = long_functions(&src());
    let new: Vec<String> = long
        .iter()
        .filter(|(file, name, _)| !LONG_FUNCTIONS.contains(&(file.as_str(), name.as_str())))
        .map(|(file, name, lines)| format!("src/{file}: fn {name} is {lines} lines: split it"))
        .collect();
    assert!(new.is_empty(), "{}", new.join("\n"));
    let gone: Vec<_> =
        LONG_FUNCTIONS.iter().filter(|(f, n)| !long.iter().any(|(file, name, _)| file == f && name == n)).collect();
    assert!(gone.is_empty(), "shorter now, take them off LONG_FUNCTIONS: {gone:?}");
}

fn planted(files: &[(&str, &str)]) -> Tree {
    files.iter().map(|(path, code)| (path.split('/').map(String::from).collect(), without_tests(code))).collect()
}

#[test]
fn a_planted_back_edge_between_stages_is_found() {
    let tree = planted(&[
        ("model", "pub struct Document;"),
        ("render", "use crate::model::Document;"),
        ("check", "use crate::{model::Document, render::page};"),
        ("governance", "fn f() { crate::import::run(); }"),
        ("import", ""),
    ]);
    assert_eq!(
        stage_breaches(&stages(), &sibling_edges(&tree)),
        [
            "check (check, publish, compare, records) imports render (render, search)",
            "governance imports import: commands share code through earlier stages"
        ]
    );
}

#[test]
fn a_planted_cycle_inside_a_folder_is_found_through_super_and_groups() {
    let tree = planted(&[
        ("render", "mod views; mod changes; mod pdf;"),
        ("render/views", "use super::{pdf, changes::Change};"),
        ("render/changes", "use super::super::model::X;\nfn f() { crate::render::views::page(); }"),
        ("render/pdf", "#[cfg(test)]\nuse super::views;\n"),
        ("model", ""),
    ]);
    let edges = sibling_edges(&tree);
    assert_eq!(folder_cycles(&edges), ["in src/render/: changes, views import each other in a cycle"]);
    assert!(stage_breaches(&stages(), &edges).is_empty());
}

#[test]
fn function_lengths_count_braces_in_code_only() {
    let text =
        "pub(crate) fn a() {\n    let s = \"}}}\";\n    let c = '{';\n    // }\n}\nfn decl();\nfn b<T>(x: T) {}\n";
    assert_eq!(function_lengths(text), [("a".to_string(), 5), ("b".to_string(), 1)]);
}
