//! The layout is the architecture: this test reads the crate's own sources and fails
//! when two of its modules import each other, directly or around a loop. A module here
//! is a top-level one (`web`, `usecase`, `auth`, …) or one feature (`features::photos`).
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The module a source file belongs to, from its path under `src/`.
fn unit_of(relative: &str) -> String {
    let mut parts = relative.split('/');
    let first = parts.next().unwrap_or_default();
    match (first, parts.next()) {
        ("features", Some(feature)) if !feature.ends_with(".rs") => format!("features::{feature}"),
        (file, None) => file.trim_end_matches(".rs").to_owned(),
        (dir, Some(_)) => dir.to_owned(),
    }
}

/// The modules a source names through `crate::…` paths.
fn imports(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in source.match_indices("crate::") {
        let rest = &source[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name == "features" {
            let after = &rest["features".len()..];
            let feature: String = after
                .trim_start_matches("::")
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::features::{a, b}` and the module's own items name the parent.
            let is_feature = after.starts_with("::")
                && !feature.is_empty()
                && Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("src/features")
                    .join(&feature)
                    .is_dir();
            out.insert(if is_feature {
                format!("features::{feature}")
            } else {
                "features".to_owned()
            });
        } else if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

fn walk(dir: &Path, root: &Path, graph: &mut BTreeMap<String, BTreeSet<String>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, root, graph);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(root)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let unit = unit_of(&relative);
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let edges = graph.entry(unit.clone()).or_default();
            edges.extend(imports(&source).into_iter().filter(|m| *m != unit));
        }
    }
}

fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    walk(&root, &root, &mut graph);
    assert!(graph.len() > 15, "{graph:?}");
    // The parent module only assembles the features; a feature naming it is no cycle.
    for (unit, edges) in graph.iter_mut() {
        if unit.starts_with("features::") {
            edges.remove("features");
        }
    }
    assert_eq!(find_cycle(&graph), None, "an import cycle");
}

#[test]
fn a_cycle_is_found() {
    let graph = BTreeMap::from([
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]);
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        imports("use crate::web::x; crate::features::photos::y"),
        BTreeSet::from(["web".to_owned(), "features::photos".to_owned()])
    );
}
