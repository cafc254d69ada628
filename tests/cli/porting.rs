//! The porting test (issue 13): tests/porting/aws-kms-examples.sh, a bash
//! script written for `aws kms` from the AWS documentation's examples and
//! checking its own results, runs with lkms after exactly
//! `sed 's/aws kms/lkms/g'` and nothing else.
//!
//! The only setup outside the script is what every test has: a fresh
//! keyring unlocked by an age identity, given as `LKMS_KEYRING` and
//! `LKMS_IDENTITY`, with `lkms` first on PATH and no other environment.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::env::{BIN, Cred, TestEnv, env_with_keyring, wait_capture};

/// The script, relative to the repository root.
const SCRIPT: &str = "tests/porting/aws-kms-examples.sh";
/// The line the script prints last when every check passed.
const PASSED: &str = "all checks passed";
/// The script makes 113 keys and a few hundred calls; this only guards
/// against a hang.
const GUARD: Duration = Duration::from_secs(900);

fn original() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path:?}: {e}"))
}

/// The script's lines other than comments (it has no comment after code
/// on a line).
fn code_lines(script: &str) -> impl Iterator<Item = (usize, &str)> {
    script
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
}

/// Writes the ported script into the test's folder with the real `sed`,
/// exactly `sed 's/aws kms/lkms/g'`; returns its path.
fn port(env: &TestEnv) -> PathBuf {
    let ported = env.path("aws-kms-examples.lkms.sh");
    let out = Command::new("sed")
        .arg("s/aws kms/lkms/g")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCRIPT))
        .stdin(Stdio::null())
        .output()
        .expect("run sed");
    assert!(out.status.success(), "sed failed: {out:?}");
    std::fs::write(&ported, &out.stdout).expect("write the ported script");
    ported
}

/// A folder holding only `lkms`: the binary under test, or `shim` (a
/// script standing in for it) when given.
fn bin_dir(env: &TestEnv, shim: Option<&str>) -> PathBuf {
    let dir = env.path("bin");
    std::fs::create_dir(&dir).expect("create bin/");
    let lkms = dir.join("lkms");
    match shim {
        None => std::os::unix::fs::symlink(BIN, &lkms).expect("link lkms"),
        Some(text) => {
            std::fs::write(&lkms, text).expect("write the shim");
            std::fs::set_permissions(&lkms, std::fs::Permissions::from_mode(0o755))
                .expect("chmod the shim");
        }
    }
    dir
}

/// Runs `bash <script>` in an empty working folder with a cleared
/// environment: PATH (`bin` first), HOME, `LKMS_KEYRING`, `LKMS_IDENTITY`.
/// Returns (exit code, stdout, stderr).
fn run_script(env: &TestEnv, script: &Path, bin: &Path) -> (i32, String, String) {
    let work = env.path("work");
    std::fs::create_dir(&work).expect("create work/");
    let Cred::Identity(identity) = &env.cred else {
        panic!("the porting test unlocks with an identity: {:?}", env.cred)
    };
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("bash");
    cmd.arg(script)
        .env_clear()
        .env("PATH", path)
        .env("HOME", &env.home)
        .env("LKMS_KEYRING", &env.keyring)
        .env("LKMS_IDENTITY", identity)
        .current_dir(&work)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("spawn bash");
    wait_capture(child, GUARD, &[script.as_os_str().to_owned()])
}

#[test]
fn the_script_is_written_for_aws_kms_only() {
    let script = original();
    let calls = code_lines(&script)
        .filter(|(_, l)| l.contains("aws kms "))
        .count();
    assert!(calls >= 100, "only {calls} lines call `aws kms`");
    // No other AWS CLI service (no `aws sts`), and no lkms in the original.
    for (n, line) in code_lines(&script) {
        let rest = line.replace("aws kms ", "");
        assert!(
            !rest
                .split_whitespace()
                .any(|w| w == "aws" || w.ends_with("/aws")),
            "line {n}: an AWS CLI call other than `aws kms`: {line}"
        );
        assert!(!line.contains("lkms"), "line {n}: mentions lkms: {line}");
    }
    assert_eq!(
        script.lines().rev().find(|l| !l.trim().is_empty()),
        Some(format!("echo \"{PASSED}\"").as_str()),
        "the script must end by printing {PASSED:?}"
    );
}

#[test]
fn the_aws_kms_examples_script_passes_after_only_renaming_the_command() {
    let env = env_with_keyring();
    let ported = port(&env);
    let text = std::fs::read_to_string(&ported).expect("read the ported script");
    assert!(!text.contains("aws kms"), "sed left an `aws kms`");
    assert_eq!(
        text.lines().count(),
        original().lines().count(),
        "the port changed more than the command name"
    );

    let bin = bin_dir(&env, None);
    let (code, stdout, stderr) = run_script(&env, &ported, &bin);
    assert_eq!(
        code, 0,
        "the ported script failed\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
    );
    assert_eq!(
        stdout.lines().last(),
        Some(PASSED),
        "\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
    );
}

#[test]
fn the_script_catches_an_lkms_that_lists_only_one_page() {
    // The defect issue 13 found: list-keys printed one page of 100. A shim
    // brings it back by adding --no-paginate to every list-keys; the script
    // must notice when it counts the 107 keys it has made by then.
    let env = env_with_keyring();
    let ported = port(&env);
    let shim = format!(
        "#!/usr/bin/env bash\n\
         if [ \"${{1:-}}\" = list-keys ]; then exec '{BIN}' \"$@\" --no-paginate; fi\n\
         exec '{BIN}' \"$@\"\n"
    );
    let bin = bin_dir(&env, Some(&shim));
    let (code, stdout, stderr) = run_script(&env, &ported, &bin);
    assert_ne!(
        code, 0,
        "the script passed with a one-page list-keys:\n{stdout}"
    );
    assert!(
        !stdout.contains(PASSED),
        "the script claimed success:\n{stdout}"
    );
    assert!(
        stderr.contains("FAIL: list-keys counts every key: expected [107], got [100]"),
        "the script failed elsewhere\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
    );
}
