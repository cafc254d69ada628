//! docs/SECURITY.md names, beside each promise, the test that proves it: a
//! renamed or deleted test must not leave the promise pointing at nothing.

use std::path::Path;

/// Every `fn name(` in the Rust files under `dir`.
fn functions(dir: &Path, out: &mut String) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            functions(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

/// The backticked names in `text` that read as test names: snake case with
/// at least four words.
fn test_names(text: &str) -> Vec<&str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| {
            w.split('_').count() >= 4
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect()
}

#[test]
fn every_test_security_md_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/SECURITY.md")).expect("docs/SECURITY.md");
    let mut code = String::new();
    functions(&root.join("tests"), &mut code);
    functions(&root.join("src"), &mut code);
    let names = test_names(&doc);
    assert!(names.len() >= 20, "too few test names found: {names:?}");
    let missing: Vec<&&str> = names
        .iter()
        .filter(|n| !code.contains(&format!("fn {n}(")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/SECURITY.md names tests that do not exist: {missing:?}"
    );
}

#[test]
fn test_names_are_found_and_other_words_are_not() {
    assert_eq!(
        test_names("a `tamper_audit_truncated_is_detected` b `KeyringCorruptException` c `m_is_x`"),
        ["tamper_audit_truncated_is_detected"]
    );
}
