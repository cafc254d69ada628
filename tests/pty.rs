//! The interactive side, driven in a real pseudo-terminal: passphrase
//! prompts, confirmations, and the refusal to prompt without a terminal.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rexpect::session::{PtySession, spawn_command};

const TIMEOUT_MS: u64 = 30_000;

fn lkms(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lkms"));
    c.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("TERM", "dumb")
        .env("LKMS_KEYRING", dir.join("keyring.db"));
    c
}

fn pty(cmd: Command) -> PtySession {
    spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
}

fn exit_code(p: &mut PtySession) -> i32 {
    match p.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => code,
        other => panic!("lkms did not exit normally: {other:?}"),
    }
}

#[test]
fn init_asks_twice_and_again_on_a_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = pty(lkms(dir.path(), &["init", "--principal", "ops"]));
    p.exp_string("Passphrase for the new keyring").unwrap();
    p.send_line("first attempt passphrase").unwrap();
    p.exp_string("Repeat the passphrase").unwrap();
    p.send_line("a different passphrase").unwrap();
    p.exp_string("do not match").unwrap();
    p.exp_string("Passphrase for the new keyring").unwrap();
    p.send_line("correct horse battery").unwrap();
    p.exp_string("Repeat the passphrase").unwrap();
    p.send_line("correct horse battery").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);

    // The keyring opens with that passphrase, and only with it.
    let ok = lkms(
        dir.path(),
        &["whoami", "--output", "text", "--query", "Principal"],
    )
    .env("LKMS_PASSPHRASE", "correct horse battery")
    .stdin(Stdio::null())
    .output()
    .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&ok.stdout).trim(), "ops");
    let bad = lkms(dir.path(), &["whoami"])
        .env("LKMS_PASSPHRASE", "first attempt passphrase")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(253));
}

#[test]
fn a_short_passphrase_gets_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = pty(lkms(dir.path(), &["init"]));
    p.exp_string("Passphrase for the new keyring").unwrap();
    p.send_line("short").unwrap();
    p.exp_string("Repeat the passphrase").unwrap();
    p.send_line("short").unwrap();
    p.exp_string("weak").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
}

fn init_with_identity(dir: &Path) -> std::path::PathBuf {
    let id = dir.join("id.txt");
    let out = lkms(dir, &["init", "--generate-identity"])
        .arg(&id)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    id
}

fn key_state(dir: &Path, id: &Path, key: &str) -> String {
    let out = lkms(
        dir,
        &[
            "describe-key",
            "--key-id",
            key,
            "--output",
            "text",
            "--query",
            "KeyMetadata.KeyState",
        ],
    )
    .env("LKMS_IDENTITY", id)
    .stdin(Stdio::null())
    .output()
    .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn schedule_key_deletion_asks_first_and_yes_skips_the_question() {
    let dir = tempfile::tempdir().unwrap();
    let id = init_with_identity(dir.path());
    let out = lkms(
        dir.path(),
        &[
            "create-key",
            "--output",
            "text",
            "--query",
            "KeyMetadata.KeyId",
        ],
    )
    .env("LKMS_IDENTITY", &id)
    .stdin(Stdio::null())
    .output()
    .unwrap();
    let key = String::from_utf8_lossy(&out.stdout).trim().to_owned();

    let mut cmd = lkms(dir.path(), &["schedule-key-deletion", "--key-id", &key]);
    cmd.env("LKMS_IDENTITY", &id);
    let mut p = pty(cmd);
    p.exp_string("for deletion").unwrap();
    p.send_line("n").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 1, "declining exits 1");
    assert_eq!(
        key_state(dir.path(), &id, &key),
        "Enabled",
        "nothing changed on 'n'"
    );

    let mut cmd = lkms(
        dir.path(),
        &[
            "schedule-key-deletion",
            "--key-id",
            &key,
            "--yes",
            "--output",
            "json",
        ],
    );
    cmd.env("LKMS_IDENTITY", &id);
    let mut p = pty(cmd);
    let out = p.exp_eof().unwrap();
    assert!(
        !out.contains("for deletion?"),
        "no question with --yes: {out}"
    );
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(key_state(dir.path(), &id, &key), "PendingDeletion");
}

#[test]
fn a_missing_key_id_offers_a_list_on_a_terminal_and_is_an_error_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let id = init_with_identity(dir.path());
    let out = lkms(
        dir.path(),
        &[
            "create-key",
            "--description",
            "pick-me",
            "--output",
            "text",
            "--query",
            "KeyMetadata.KeyId",
        ],
    )
    .env("LKMS_IDENTITY", &id)
    .stdin(Stdio::null())
    .output()
    .unwrap();
    let key = String::from_utf8_lossy(&out.stdout).trim().to_owned();

    let mut cmd = lkms(
        dir.path(),
        &[
            "describe-key",
            "--output",
            "text",
            "--query",
            "KeyMetadata.KeyId",
        ],
    );
    cmd.env("LKMS_IDENTITY", &id);
    let mut p = pty(cmd);
    p.exp_string("pick-me").unwrap();
    p.send_line("").unwrap();
    let out = p.exp_eof().unwrap();
    assert!(out.contains(&key), "{out}");

    let out = lkms(dir.path(), &["describe-key"])
        .env("LKMS_IDENTITY", &id)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--key-id"));
}

#[test]
fn without_a_terminal_and_credentials_commands_fail_at_once() {
    let dir = tempfile::tempdir().unwrap();
    init_with_identity(dir.path());
    let start = Instant::now();
    let mut child = lkms(dir.path(), &["list-keys"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A hang guard, not a timing assertion: a prompt would block forever.
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("lkms waited for input without a terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(253));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("CredentialsRequiredException"), "{err}");
    assert!(
        err.contains("LKMS_PASSPHRASE") && err.contains("--identity"),
        "{err}"
    );
}

#[test]
fn encrypt_file_shows_progress_on_a_terminal_and_nothing_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let id = init_with_identity(dir.path());
    let big = dir.path().join("big.bin");
    // Large enough that the bar is drawn before the work ends.
    std::fs::write(&big, vec![7u8; 96 << 20]).unwrap();

    let mut cmd = lkms(dir.path(), &["encrypt-file", "-o"]);
    cmd.arg(dir.path().join("big.lkms"))
        .arg(&big)
        .env("LKMS_IDENTITY", &id)
        .env("TERM", "xterm");
    let mut p = pty(cmd);
    p.exp_string("MiB").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);

    let out = lkms(dir.path(), &["decrypt-file", "-o"])
        .arg(dir.path().join("back.bin"))
        .arg(dir.path().join("big.lkms"))
        .env("LKMS_IDENTITY", &id)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !out.stderr.iter().any(|&b| b == 0x1b || b == b'\r'),
        "control characters on a piped stderr: {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(dir.path().join("back.bin")).unwrap().len(),
        96 << 20
    );
}
