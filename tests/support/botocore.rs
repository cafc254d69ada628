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
    pub output: Option<String>,
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
