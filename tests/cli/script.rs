//! The AWS CLI shell idiom works unchanged with `lkms` (issue 3): blobs
//! travel as base64 text through `--output text --query ...` and `base64 -d`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::env::{BIN, Cred, TestEnv, wait_capture};

/// Runs `script` with `bash -c` in the test's directory, with the binary's
/// directory first on PATH, the keyring and the environment's credential.
/// Returns (exit code, stdout bytes as lossy text, stderr).
fn bash(env: &TestEnv, script: &str) -> (i32, String, String) {
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("bash");
    cmd.env_clear()
        .env("PATH", path)
        .env("HOME", &env.home)
        .env("LKMS_KEYRING", &env.keyring)
        .current_dir(env.dir.path())
        .args(["-c", script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match &env.cred {
        Cred::Identity(f) => {
            cmd.env("LKMS_IDENTITY", f);
        }
        Cred::Passphrase(p) => {
            cmd.env("LKMS_PASSPHRASE", p);
        }
        other => panic!("unsupported credential for scripts: {other:?}"),
    }
    let child = cmd.spawn().expect("spawn bash");
    wait_capture(child, Duration::from_secs(180), &[script.into()])
}

#[test]
fn aws_cli_idiom_round_trips_a_binary_secret_byte_for_byte() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let key = env.create_key();
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/app",
        "--target-key-id",
        &key,
    ]);

    // A binary secret with NULs, newlines and high bytes, plus random bytes.
    let mut secret: Vec<u8> = vec![0, 0, b'\n', 0xff, 0xfe, 0x80, b'\r', 0x7f, 0];
    secret.extend((0..=255u8).rev());
    let (code, _, err) = bash(&env, "head -c 300 /dev/urandom >> secret.part");
    assert_eq!(code, 0, "{err}");
    secret.extend(std::fs::read(env.path("secret.part")).unwrap());
    secret.push(0);
    std::fs::write(env.path("secret"), &secret).unwrap();

    let (code, out, err) = bash(
        &env,
        "set -euo pipefail\n\
         command -v lkms >/dev/null\n\
         lkms encrypt --key-id alias/app --plaintext fileb://secret \
           --output text --query CiphertextBlob | base64 -d > secret.enc\n\
         lkms decrypt --ciphertext-blob fileb://secret.enc \
           --output text --query Plaintext | base64 -d > secret.out\n",
    );
    assert_eq!(code, 0, "script failed: stdout {out:?} stderr {err:?}");
    assert!(err.is_empty(), "stderr: {err}");

    let enc = std::fs::read(env.path("secret.enc")).unwrap();
    assert_eq!(&enc[..4], b"LKB1", "secret.enc is a raw blob");
    assert!(
        !enc.windows(secret.len()).any(|w| w == secret.as_slice()),
        "the secret is not in the blob in the clear"
    );
    let back = std::fs::read(env.path("secret.out")).unwrap();
    assert_eq!(back.len(), secret.len(), "length");
    assert_eq!(back, secret, "byte for byte");

    // The same through a pipe straight to stdout, compared by cmp.
    let (code, out, err) = bash(
        &env,
        "set -euo pipefail\n\
         lkms decrypt --ciphertext-blob fileb://secret.enc --output text --query Plaintext \
           | base64 -d | cmp - secret && echo same\n",
    );
    assert_eq!((code, out.trim()), (0, "same"), "stderr: {err}");

    // A wrong context fails the pipeline with the KMS exit code.
    let (code, out, err) = bash(
        &env,
        "set -uo pipefail\n\
         lkms decrypt --ciphertext-blob fileb://secret.enc --encryption-context a=b \
           --output text --query Plaintext | base64 -d > wrong.out\n\
         echo \"rc=${PIPESTATUS[0]}\"\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "rc=254", "stderr: {err}");
    assert!(
        err.contains(
            "\nAn error occurred (InvalidCiphertextException) when calling the Decrypt operation: "
        ),
        "{err}"
    );
}

#[test]
fn data_key_idiom_text_output_is_base64_lines() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let key = env.create_key();
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/app",
        "--target-key-id",
        &key,
    ]);
    // The usual envelope recipe: keep the encrypted data key, use the
    // plaintext one, later recover it with decrypt.
    let (code, out, err) = bash(
        &env,
        "set -euo pipefail\n\
         lkms generate-data-key --key-id alias/app --key-spec AES_256 \
           --output text --query CiphertextBlob | base64 -d > dk.enc\n\
         lkms decrypt --ciphertext-blob fileb://dk.enc --output text --query Plaintext \
           | base64 -d | wc -c\n",
    );
    assert_eq!(code, 0, "stderr: {err}");
    assert_eq!(out.trim(), "32");
}
