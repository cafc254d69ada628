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

// ---------------------------------------------------------------------------
// Issue 12: overwrite prompts, passphrase retries, the key picker (tables on
// a terminal: tests/cli/table.rs).
// ---------------------------------------------------------------------------

const PASS: &str = "correct horse battery staple";

fn init_with_passphrase(dir: &Path) {
    let out = lkms(dir, &["init"])
        .env("LKMS_PASSPHRASE", PASS)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs lkms without a terminal, with the credential variable `var` set;
/// asserts success and returns the trimmed stdout.
fn piped(dir: &Path, args: &[&str], var: &str, value: &std::ffi::OsStr) -> String {
    let out = lkms(dir, args)
        .env(var, value)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn old_mtime() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

/// Waits until both `a` and `b` have been printed, in either order; returns
/// everything read.
fn exp_both(p: &mut PtySession, a: &str, b: &str) -> String {
    use rexpect::ReadUntil;
    let (before, found) = p
        .exp_any(vec![
            ReadUntil::String(a.to_owned()),
            ReadUntil::String(b.to_owned()),
        ])
        .unwrap();
    let other = if found == a { b } else { a };
    let mut seen = before + &found;
    if !seen.contains(other) {
        seen += &p.exp_string(other).unwrap();
        seen += other;
    }
    seen
}

/// At a terminal an existing output is asked about before any passphrase: n or Enter exits 1 (Declined) leaving it untouched, y replaces it.
#[test]
fn an_existing_output_is_asked_about_before_unlocking_and_only_y_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    init_with_passphrase(dir.path());
    let input = dir.path().join("plain.txt");
    std::fs::write(&input, "the new plaintext").unwrap();
    let out = dir.path().join("out.lkms");
    std::fs::write(&out, "precious bytes").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&out)
        .unwrap()
        .set_modified(old_mtime())
        .unwrap();
    let unchanged = |why: &str| {
        assert_eq!(std::fs::read(&out).unwrap(), b"precious bytes", "{why}");
        assert_eq!(
            std::fs::metadata(&out).unwrap().modified().unwrap(),
            old_mtime(),
            "rewritten: {why}"
        );
    };

    // "n", and Enter (the default is no): exit 1, the file as it was, and no
    // passphrase asked (the question comes before any unlock).
    for (answer, why) in [("n", "answered n"), ("\r", "answered Enter")] {
        let mut cmd = lkms(dir.path(), &["encrypt-file", "-o"]);
        cmd.arg(&out).arg(&input);
        let mut p = pty(cmd);
        let before = p.exp_string("exists. Replace it?").unwrap();
        assert!(
            !before.contains("Passphrase"),
            "unlocked before asking: {before}"
        );
        p.send(answer).unwrap();
        p.flush().unwrap();
        let rest = p.exp_eof().unwrap();
        assert_eq!(exit_code(&mut p), 1, "{why}: {rest}");
        assert!(rest.contains("Declined"), "{why}: {rest}");
        assert!(!rest.contains("Passphrase"), "{why}: {rest}");
        unchanged(why);
    }

    // "y": then the passphrase, and the file is replaced.
    let mut cmd = lkms(dir.path(), &["encrypt-file", "-o"]);
    cmd.arg(&out).arg(&input);
    let mut p = pty(cmd);
    p.exp_string("exists. Replace it?").unwrap();
    p.send("y").unwrap();
    p.flush().unwrap();
    p.exp_string("Passphrase").unwrap();
    p.send_line(PASS).unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let plain = piped(
        dir.path(),
        &["decrypt-file", "-o", "-", out.to_str().unwrap()],
        "LKMS_PASSPHRASE",
        PASS.as_ref(),
    );
    assert_eq!(plain, "the new plaintext");
}

/// Waits for a passphrase prompt, answers it, and waits until the answer
/// was read (dialoguer redraws the prompt with `[hidden]`): the terminal
/// discards input typed ahead of a prompt.
fn answer_passphrase(p: &mut PtySession, answer: &str) {
    p.exp_string("Passphrase for").unwrap();
    p.send_line(answer).unwrap();
    p.exp_string("[hidden]").unwrap();
}

/// A wrong passphrase at the prompt is asked again: two wrong then right succeeds; three wrong is UnlockFailedException, exit 253.
#[test]
fn a_wrong_passphrase_is_asked_again_three_tries_in_all() {
    let dir = tempfile::tempdir().unwrap();
    init_with_passphrase(dir.path());

    // Two wrong, then the right one: success.
    let mut p = pty(lkms(dir.path(), &["list-keys", "--output", "json"]));
    for answer in ["wrong passphrase one", "wrong passphrase two", PASS] {
        answer_passphrase(&mut p, answer);
    }
    let rest = p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0, "{rest}");
    assert!(rest.contains("\"Keys\""), "{rest}");

    // Three wrong: UnlockFailedException, exit 253, no fourth prompt.
    let mut p = pty(lkms(dir.path(), &["list-keys", "--output", "json"]));
    for wrong in ["wrong one", "wrong two", "wrong three"] {
        answer_passphrase(&mut p, wrong);
    }
    let rest = p.exp_eof().unwrap();
    assert!(rest.contains("UnlockFailedException"), "{rest}");
    assert!(!rest.contains("Passphrase for"), "a fourth try: {rest}");
    assert_eq!(exit_code(&mut p), 253, "{rest}");
}

/// The picker offers every key to describe-key and only disabled ones to enable-key; the audit record names the chosen key (Request.KeyId, KeyArn).
#[test]
fn the_key_picker_offers_disabled_keys_to_enable_key_and_the_audit_names_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let id = init_with_identity(dir.path());
    let create = |description: &str| {
        piped(
            dir.path(),
            &[
                "create-key",
                "--description",
                description,
                "--output",
                "text",
                "--query",
                "KeyMetadata.KeyId",
            ],
            "LKMS_IDENTITY",
            id.as_os_str(),
        )
    };
    create("stays-enabled");
    let disabled = create("pick-disabled");
    piped(
        dir.path(),
        &["disable-key", "--key-id", &disabled, "--yes"],
        "LKMS_IDENTITY",
        id.as_os_str(),
    );

    // describe-key offers every key.
    let mut cmd = lkms(dir.path(), &["describe-key", "--output", "json"]);
    cmd.env("LKMS_IDENTITY", &id);
    let mut p = pty(cmd);
    exp_both(&mut p, "stays-enabled", "pick-disabled");
    p.send_line("").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);

    // enable-key offers the disabled key only.
    let mut cmd = lkms(dir.path(), &["enable-key"]);
    cmd.env("LKMS_IDENTITY", &id);
    let mut p = pty(cmd);
    let mut seen = p.exp_string("pick-disabled").unwrap();
    p.send_line("").unwrap();
    seen += &p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0, "{seen}");
    assert!(
        !seen.contains("stays-enabled"),
        "an enabled key offered to enable-key: {seen}"
    );
    assert_eq!(key_state(dir.path(), &id, &disabled), "Enabled");

    // The audit record names the chosen key as --key-id would.
    let arn = piped(
        dir.path(),
        &[
            "describe-key",
            "--key-id",
            &disabled,
            "--output",
            "text",
            "--query",
            "KeyMetadata.Arn",
        ],
        "LKMS_IDENTITY",
        id.as_os_str(),
    );
    let audit = piped(
        dir.path(),
        &[
            "audit",
            "show",
            "--operation",
            "EnableKey",
            "--output",
            "json",
        ],
        "LKMS_IDENTITY",
        id.as_os_str(),
    );
    let v: serde_json::Value = serde_json::from_str(&audit).unwrap();
    let records = v["Records"].as_array().unwrap();
    let last = records.last().unwrap_or_else(|| panic!("no record: {v}"));
    assert_eq!(last["Request"]["KeyId"], disabled.as_str(), "{last}");
    assert_eq!(last["KeyArn"], arn.as_str(), "{last}");
    assert_eq!(last["Outcome"], "Success", "{last}");
}

/// A command using the key picker asks for the passphrase once.
#[test]
fn the_key_picker_asks_for_the_passphrase_once() {
    let dir = tempfile::tempdir().unwrap();
    init_with_passphrase(dir.path());
    let key = piped(
        dir.path(),
        &[
            "create-key",
            "--description",
            "only-once",
            "--output",
            "text",
            "--query",
            "KeyMetadata.KeyId",
        ],
        "LKMS_PASSPHRASE",
        PASS.as_ref(),
    );

    let mut p = pty(lkms(
        dir.path(),
        &[
            "describe-key",
            "--output",
            "text",
            "--query",
            "KeyMetadata.KeyId",
        ],
    ));
    p.exp_string("Passphrase for").unwrap();
    p.send_line(PASS).unwrap();
    p.exp_string("only-once").unwrap();
    p.send_line("").unwrap();
    let (rest, found) = p
        .exp_any(vec![
            rexpect::ReadUntil::String("Passphrase for".into()),
            rexpect::ReadUntil::EOF,
        ])
        .unwrap();
    assert!(
        !found.contains("Passphrase for") && !rest.contains("Passphrase for"),
        "the passphrase was asked twice: {rest}{found}"
    );
    assert_eq!(exit_code(&mut p), 0);
    assert!(found.contains(&key), "{found}");
}

/// Guard: rewrap-file rewrites in place at a terminal without an overwrite question.
#[test]
fn rewrap_file_rewrites_in_place_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let id = init_with_identity(dir.path());
    let plain = dir.path().join("p.txt");
    std::fs::write(&plain, "rewrap me").unwrap();
    let ct = dir.path().join("p.txt.lkms");
    piped(
        dir.path(),
        &[
            "encrypt-file",
            "-o",
            ct.to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
        "LKMS_IDENTITY",
        id.as_os_str(),
    );
    let mut cmd = lkms(dir.path(), &["rewrap-file"]);
    cmd.arg(&ct).env("LKMS_IDENTITY", &id);
    let mut p = pty(cmd);
    let out = p.exp_eof().unwrap();
    assert!(!out.contains("Replace it?"), "{out}");
    assert_eq!(exit_code(&mut p), 0, "{out}");
}
