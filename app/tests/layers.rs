//! Arrows point one way: pages → api → services → db → domain. This test reads the sources and
//! fails when `domain/` uses anything of the crate outside `domain/`, or `db/` anything but
//! `domain/` (and its own modules).

use std::path::{Path, PathBuf};

/// Modules of the crate above `db/` and `domain/` in the layering.
const UPPER: &[&str] = &[
    "pages",
    "components",
    "contexts",
    "api",
    "i18n",
    "auth",
    "error",
    "flow",
    "payment",
    "carrier",
    "charts",
    "security",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of `layer`'s files (comments left out) that reach a module in `forbidden`, or look up
/// interface strings (`.texts()`).
fn violations(layer: &str, forbidden: &[&str]) -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join(format!("{layer}.rs"))];
    rust_files(&src.join(layer), &mut files);
    let mut found = Vec::new();
    for file in files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            let reaches_up = forbidden.iter().any(|module| {
                code.contains(&format!("crate::{module}::"))
                    || code.contains(&format!("crate::{module};"))
                    || code.contains(&format!("crate::{{{module}"))
                    || code.contains(&format!(" {module}::"))
                        && code.trim_start().starts_with("use crate::{")
            });
            if reaches_up || code.contains(".texts()") {
                found.push((relative.clone(), line.trim().to_string()));
            }
        }
    }
    found
}

#[test]
fn domain_depends_on_nothing_above_it() {
    let mut forbidden = UPPER.to_vec();
    forbidden.push("db");
    let found = violations("domain", &forbidden);
    assert!(found.is_empty(), "domain/ reaches up: {found:#?}");
}

#[test]
fn db_depends_only_on_domain() {
    let found = violations("db", UPPER);
    assert!(found.is_empty(), "db/ reaches up: {found:#?}");
}
