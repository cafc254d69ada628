//! botocore's AWS KMS model, as tests/botocore_model.py prints it: shared by
//! tests/botocore_shapes.rs (responses and flags against the shapes) and
//! tests/operations_table.rs (README.md's table of operations), each of
//! which reads part of it.
//!
//! The model comes from the botocore package that `.ci/run` installs from
//! PyPI (pinned there as `BOTOCORE_VERSION=`, into the venv
//! `target/ci-venv`); it is never copied into this repository. The Python
//! that runs the script is `$LKMS_TEST_PYTHON`, else
//! `target/ci-venv/bin/python` when it exists, else `python3`.
#![allow(dead_code)] // each test reads only part of the model

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;

/// The repository root.
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The parts of the KMS model the tests read.
#[derive(Deserialize)]
pub struct Model {
    pub botocore_version: String,
    pub model_file: String,
    pub operations: BTreeMap<String, Operation>,
    pub shapes: BTreeMap<String, Shape>,
}

/// One operation of the model.
#[derive(Deserialize)]
pub struct Operation {
    pub cli_name: String,
    /// Member name → AWS CLI flag.
    pub input_members: BTreeMap<String, String>,
    pub input_required: Vec<String>,
    /// The input shape's name.
    #[serde(default)]
    pub input: Option<String>,
    pub output: Option<String>,
    /// The exceptions the model says the operation may answer.
    #[serde(default)]
    pub errors: Vec<String>,
}

/// One shape of the model.
#[derive(Deserialize)]
pub struct Shape {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub members: BTreeMap<String, String>,
    #[serde(default)]
    pub required: Vec<String>,
    pub member: Option<String>,
    pub key: Option<String>,
    pub value: Option<String>,
    #[serde(default, rename = "enum")]
    pub enum_values: Vec<String>,
}

/// The version `.ci/run` pins (`BOTOCORE_VERSION=x.y.z`).
pub fn pinned_botocore_version() -> String {
    let ci = Path::new(ROOT).join(".ci/run");
    let text = std::fs::read_to_string(&ci).unwrap_or_else(|e| panic!("read {ci:?}: {e}"));
    text.lines()
        .find_map(|l| l.trim().strip_prefix("BOTOCORE_VERSION="))
        .map(|v| v.trim_matches(|c| c == '"' || c == '\'').to_owned())
        .unwrap_or_else(|| panic!("no BOTOCORE_VERSION= line in {ci:?}"))
}

/// `$LKMS_TEST_PYTHON`, else the CI venv's python, else `python3`.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("LKMS_TEST_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = Path::new(ROOT).join("target/ci-venv/bin/python");
    if venv.exists() {
        return venv;
    }
    PathBuf::from("python3")
}

/// The model of the installed botocore, which must be the pinned version.
pub fn load_model() -> Model {
    let pinned = pinned_botocore_version();
    let py = python();
    let how_to = format!(
        "run .ci/run, or: python3 -m venv target/ci-venv && \
         target/ci-venv/bin/python -m pip install 'botocore=={pinned}' \
         (or point LKMS_TEST_PYTHON at a python that has it)"
    );
    let out = Command::new(&py)
        .arg(Path::new(ROOT).join("tests/botocore_model.py"))
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {py:?} ({e}): {how_to}"));
    assert!(
        out.status.success(),
        "{py:?} tests/botocore_model.py failed ({}): {how_to}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let model: Model = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("tests/botocore_model.py printed no model: {e}"));
    assert_eq!(
        model.botocore_version, pinned,
        "{py:?} has botocore {} but the tests (and their known gaps) are written \
         against {pinned}, the version .ci/run pins: {how_to}",
        model.botocore_version
    );
    model
}

/// How a response carries timestamps: the AWS CLI prints ISO 8601; the
/// JSON protocol sends epoch seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timestamps {
    /// An ISO 8601 string, as the AWS CLI v2 prints it.
    Iso8601,
    /// A JSON number of seconds since the epoch, as the wire carries it.
    EpochSeconds,
}

/// One way a value differs from its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The member: `KeyMetadata.KeySpec`, `Keys[].KeyArn`, `Tags{}`,
    /// `Tags{key}`, or `` for the whole value.
    pub member: String,
    /// `unknown-member`, `wrong-type`, `null-value`, `bad-enum` or
    /// `missing-required`.
    pub kind: &'static str,
    /// What was found, for the failure message.
    pub detail: String,
}

impl Model {
    /// Checks `v` (at `path`) against shape `shape`, recursively, adding
    /// each difference to `found`.
    pub fn conform(
        &self,
        shape: &str,
        v: &serde_json::Value,
        path: &str,
        timestamps: Timestamps,
        found: &mut Vec<Finding>,
    ) {
        use base64::Engine as _;
        use serde_json::Value;
        let s = self
            .shapes
            .get(shape)
            .unwrap_or_else(|| panic!("the model has no shape {shape}"));
        let short = |v: &Value| {
            let t = v.to_string();
            match t.char_indices().nth(100) {
                Some((i, _)) => format!("{}...", &t[..i]),
                None => t,
            }
        };
        let mut add = |member: &str, kind: &'static str, detail: String| {
            found.push(Finding {
                member: member.to_owned(),
                kind,
                detail,
            })
        };
        let join = |k: &str| {
            if path.is_empty() {
                k.to_owned()
            } else {
                format!("{path}.{k}")
            }
        };
        let ok = match s.kind.as_str() {
            "structure" => {
                let Some(obj) = v.as_object() else {
                    add(
                        path,
                        "wrong-type",
                        format!("= {} (not an object)", short(v)),
                    );
                    return;
                };
                let mut nested = Vec::new();
                for (k, x) in obj {
                    let p = join(k);
                    match s.members.get(k) {
                        None => add(
                            &p,
                            "unknown-member",
                            format!("= {} ({shape} has no such member)", short(x)),
                        ),
                        Some(_) if x.is_null() => add(&p, "null-value", "= null".to_owned()),
                        Some(member_shape) => nested.push((p, member_shape, x)),
                    }
                }
                for r in &s.required {
                    if obj.get(r).is_none_or(Value::is_null) {
                        add(
                            &join(r),
                            "missing-required",
                            format!("absent (required in {shape})"),
                        );
                    }
                }
                for (p, member_shape, x) in nested {
                    self.conform(member_shape, x, &p, timestamps, found);
                }
                return;
            }
            "list" => {
                let Some(items) = v.as_array() else {
                    add(path, "wrong-type", format!("= {} (not a list)", short(v)));
                    return;
                };
                let member = s.member.as_deref().expect("a list shape has a member");
                for x in items {
                    self.conform(member, x, &format!("{path}[]"), timestamps, found);
                }
                return;
            }
            "map" => {
                let Some(obj) = v.as_object() else {
                    add(path, "wrong-type", format!("= {} (not a map)", short(v)));
                    return;
                };
                let key = s.key.as_deref().expect("a map shape has a key");
                let value = s.value.as_deref().expect("a map shape has a value");
                for (k, x) in obj {
                    let k = Value::from(k.as_str());
                    self.conform(key, &k, &format!("{path}{{key}}"), timestamps, found);
                    self.conform(value, x, &format!("{path}{{}}"), timestamps, found);
                }
                return;
            }
            "string" => match v.as_str() {
                Some(text) => {
                    if !s.enum_values.is_empty() && !s.enum_values.iter().any(|e| e == text) {
                        add(
                            path,
                            "bad-enum",
                            format!("= {text:?}, not one of {shape}'s {:?}", s.enum_values),
                        );
                    }
                    true
                }
                None => false,
            },
            "blob" => v
                .as_str()
                .is_some_and(|t| base64::engine::general_purpose::STANDARD.decode(t).is_ok()),
            "timestamp" => match timestamps {
                Timestamps::Iso8601 => v.as_str().is_some_and(is_iso8601),
                Timestamps::EpochSeconds => v.is_number(),
            },
            "integer" | "long" => v.is_i64() || v.is_u64(),
            "double" | "float" => v.is_number(),
            "boolean" => v.is_boolean(),
            other => panic!("shape {shape} has a type the tests do not know: {other}"),
        };
        if !ok {
            add(
                path,
                "wrong-type",
                format!("= {} (not a {} as {shape} is)", short(v), s.kind),
            );
        }
    }
}

/// Whether `s` is an ISO 8601 time (RFC 3339 or the general form).
pub fn is_iso8601(s: &str) -> bool {
    use time::OffsetDateTime;
    use time::format_description::well_known::{Iso8601, Rfc3339};
    OffsetDateTime::parse(s, &Rfc3339).is_ok()
        || OffsetDateTime::parse(s, &Iso8601::DEFAULT).is_ok()
}
