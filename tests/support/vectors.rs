//! Reading published test vectors (Wycheproof, ACVP) kept under
//! tests/vectors/, for the vector tests that share it.

use std::path::PathBuf;

use serde_json::Value;

/// The JSON file `name` of tests/vectors/`dir`.
pub fn load(dir: &str, name: &str) -> Value {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "vectors", dir, name]
        .iter()
        .collect();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

/// The bytes a vector's hex string stands for.
#[track_caller]
pub fn hex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd-length hex: {s:?}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or_else(|e| panic!("hex {s:?}: {e}")))
        .collect()
}

/// The string field `name` of a vector object.
#[track_caller]
pub fn str_at<'v>(v: &'v Value, name: &str) -> &'v str {
    v.get(name)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string {name:?} in {v}"))
}
