//! `src/` has no import cycle: no module reaches, through `crate::` and `super::` paths, a
//! module that reaches back to it. Modules are compared at each depth: the layers (`domain`,
//! `text`, `app`, …), their modules (`domain/routing`, `http/api`, …) and the modules inside those
//! (`app/chat/turn`, …). A child naming its own parent is not a cycle (that is how Rust nests),
//! and comments do not count (a doc link is not an import).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its module path (`src/app/chat/turn.rs` → `app/chat/turn`).
fn modules(dir: &Path, root: &Path, out: &mut Vec<(Vec<String>, PathBuf)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            modules(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            out.push((parts, path));
        }
    }
}

/// The code without comments, string literals and char literals (so that their braces and
/// words do not count).
fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !b
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            let mut hashes = 0;
            let mut j = i + 1;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (b.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A char literal ('{', '\n', '\u{3000}'); a lifetime has no closing quote.
            i += 1;
            while i < b.len() && b[i] != '\'' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_at(b: &[char], mut i: usize) -> (String, usize) {
    let start = i;
    while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
        i += 1;
    }
    (b[start..i].iter().collect(), i)
}

/// The paths a `crate::`/`super::` path names, groups expanded: `crate::a::{b, c::d}` gives
/// `[a, b]` and `[a, c, d]` (relative to the start, which the caller resolves).
fn path_at(b: &[char], mut i: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    loop {
        while i < b.len() && b[i].is_whitespace() {
            i += 1;
        }
        if b.get(i) == Some(&'{') {
            i += 1;
            loop {
                while i < b.len() && (b[i].is_whitespace() || b[i] == ',') {
                    i += 1;
                }
                if i >= b.len() || b[i] == '}' {
                    return i + 1;
                }
                let before = i;
                i = path_at(b, i, path.clone(), out);
                if i == before {
                    i += 1;
                }
            }
        }
        let (name, end) = ident_at(b, i);
        if name.is_empty() {
            out.push(path);
            return i;
        }
        path.push(name);
        i = end;
        if b.get(i) == Some(&':') && b.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            out.push(path);
            return i;
        }
    }
}

/// The module paths one file names, each with the module (inline `mod x { … }` included) it is
/// named from.
fn references(module: &[String], code: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let b: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    // The inline modules we are in, with the brace depth at which each opened.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut pending_mod: Option<String> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '{' {
            depth += 1;
            if let Some(name) = pending_mod.take() {
                inline.push((name, depth));
            }
            i += 1;
            continue;
        }
        if c == '}' {
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            depth = depth.saturating_sub(1);
            i += 1;
            continue;
        }
        if c == ';' {
            pending_mod = None;
        }
        let boundary =
            i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_' || b[i - 1] == ':');
        if !(c.is_alphabetic() || c == '_') || !boundary {
            i += 1;
            continue;
        }
        let (word, end) = ident_at(&b, i);
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect();
        if word == "mod" {
            let mut j = end;
            while j < b.len() && b[j].is_whitespace() {
                j += 1;
            }
            let (name, _) = ident_at(&b, j);
            pending_mod = Some(name);
            i = end;
            continue;
        }
        if (word == "crate" || word == "super") && b.get(end) == Some(&':') {
            let mut base = if word == "crate" {
                vec![]
            } else {
                here[..here.len().saturating_sub(1)].to_vec()
            };
            let mut j = end + 2;
            loop {
                let (w, e) = ident_at(&b, j);
                if w == "super" && b.get(e) == Some(&':') {
                    base.pop();
                    j = e + 2;
                } else {
                    break;
                }
            }
            let mut paths = Vec::new();
            i = path_at(&b, j, base, &mut paths);
            found.extend(paths.into_iter().map(|p| (here.clone(), p)));
            continue;
        }
        i = end;
    }
    found
}

fn key(path: &[String], depth: usize) -> String {
    path[..depth.min(path.len())].join("/")
}

/// The strongly connected parts of more than one node (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on_stack: BTreeSet<String>,
        found: Vec<Vec<String>>,
    }
    impl Walk<'_> {
        fn visit(&mut self, v: &str) {
            let n = self.index.len();
            self.index.insert(v.into(), n);
            self.low.insert(v.into(), n);
            self.stack.push(v.into());
            self.on_stack.insert(v.into());
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let l = self.low[v].min(self.low[w]);
                    self.low.insert(v.into(), l);
                } else if self.on_stack.contains(w) {
                    let l = self.low[v].min(self.index[w]);
                    self.low.insert(v.into(), l);
                }
            }
            if self.low[v] == self.index[v] {
                let mut part = Vec::new();
                loop {
                    let w = self.stack.pop().unwrap();
                    self.on_stack.remove(&w);
                    let done = w == v;
                    part.push(w);
                    if done {
                        break;
                    }
                }
                if part.len() > 1 {
                    part.sort();
                    self.found.push(part);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: vec![],
        on_stack: BTreeSet::new(),
        found: vec![],
    };
    for v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

/// Module-to-module edges at `depth`, leaving out a module naming its own ancestor or itself.
fn graph(refs: &[(Vec<String>, Vec<String>)], depth: usize) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in refs {
        let (a, b) = (key(from, depth), key(to, depth));
        let ancestor = from.starts_with(&to[..to.len().min(depth)]) && to.len() < depth;
        if a != b && !b.is_empty() && !ancestor {
            edges.entry(a).or_default().insert(b);
        }
    }
    edges
}

fn all_references() -> Vec<(Vec<String>, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    modules(&root, &root, &mut files);
    assert!(files.len() > 50, "found the source files");
    let mut refs = Vec::new();
    for (module, path) in &files {
        let code = code_only(&std::fs::read_to_string(path).unwrap());
        refs.extend(references(module, &code));
    }
    refs
}

#[test]
fn src_has_no_import_cycle_at_any_depth() {
    let refs = all_references();
    assert!(refs.len() > 500, "read the paths ({} found)", refs.len());
    let mut found = Vec::new();
    for depth in 1..=4 {
        for cycle in cycles(&graph(&refs, depth)) {
            let why: Vec<String> = refs
                .iter()
                .filter(|(f, t)| {
                    let (a, b) = (key(f, depth), key(t, depth));
                    a != b && cycle.contains(&a) && cycle.contains(&b)
                })
                .map(|(f, t)| format!("{} -> {}", f.join("::"), t.join("::")))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .take(12)
                .collect();
            found.push(format!("{} ({})", cycle.join(" <-> "), why.join("; ")));
        }
    }
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_checker_sees_a_cycle_when_there_is_one() {
    let a = code_only("use crate::domain::b::Thing;\nfn f() { let s = \"crate::x::{\"; }");
    let b = code_only("use crate::domain::{a::Other, c};\n// crate::text::not_an_import\n");
    let mut refs = references(&["domain".into(), "a".into()], &a);
    refs.extend(references(&["domain".into(), "b".into()], &b));
    assert!(
        !refs
            .iter()
            .any(|(_, t)| t.first().is_some_and(|w| w == "x" || w == "text")),
        "strings and comments are not paths: {refs:?}"
    );
    let found = cycles(&graph(&refs, 2));
    assert_eq!(
        found,
        vec![vec!["domain/a".to_string(), "domain/b".to_string()]]
    );
    assert!(cycles(&graph(&refs, 1)).is_empty(), "one layer is no cycle");
}

#[test]
fn super_in_an_inline_module_means_the_file_it_is_in() {
    let code = code_only("mod tests {\n    use super::helper;\n}\nuse super::sibling::X;\n");
    let refs = references(&["app".into(), "chat".into(), "turn".into()], &code);
    let targets: Vec<String> = refs.iter().map(|(_, t)| t.join("::")).collect();
    assert_eq!(
        targets,
        vec!["app::chat::turn::helper", "app::chat::sibling::X"]
    );
}
