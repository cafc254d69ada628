//! Issue 12: the command line's everyday behaviour. Outputs are never
//! replaced by surprise, `-r` never follows symlinks nor re-encrypts lkms
//! files, credentials have a default identity file and say how to supply
//! them, file commands are quiet, every exit code is documented and real,
//! and every subcommand's help has an example. (The terminal side of the
//! same issue is in tests/pty.rs.)

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::env::path_str as s;
use crate::env::{
    BIN, Cred, EXIT_INVALID_VALUE, EXIT_KEYRING, EXIT_KMS, EXIT_USAGE, Out, PASSPHRASE, TestEnv,
    age_keygen, env_with_keyring, has_error_line, mode, records_of, run_cmd, str_field,
    wait_capture,
};

/// The exit code of anything else (I/O).
const EXIT_OTHER: i32 = 255;

/// The exception of a refused existing output.
const OUTPUT_EXISTS: &str = "OutputExistsException";

/// A bound for commands that used to loop (symlink loops): far below the
/// harness's own hang guard.
const LOOP_GUARD: Duration = Duration::from_secs(60);

/// An mtime no command run by the test can produce: a rewrite shows.
fn old_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

fn write(p: &Path, bytes: &[u8]) -> PathBuf {
    if let Some(d) = p.parent() {
        fs::create_dir_all(d).unwrap();
    }
    fs::write(p, bytes).unwrap();
    p.to_path_buf()
}

fn mtime(p: &Path) -> SystemTime {
    fs::symlink_metadata(p).unwrap().modified().unwrap()
}

/// A file that must survive a command: its bytes and its (old) mtime.
struct Kept {
    path: PathBuf,
    bytes: Vec<u8>,
    mtime: SystemTime,
}

/// Snapshots `path` as it is, after moving its mtime far into the past.
fn keep(path: &Path) -> Kept {
    let f = fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(old_time()).unwrap();
    drop(f);
    Kept {
        path: path.to_path_buf(),
        bytes: fs::read(path).unwrap(),
        mtime: mtime(path),
    }
}

/// Writes `bytes` to `path` and snapshots it.
fn existing(path: &Path, bytes: &[u8]) -> Kept {
    write(path, bytes);
    keep(path)
}

impl Kept {
    #[track_caller]
    fn assert_untouched(&self, ctx: &dyn std::fmt::Debug) {
        let now = fs::read(&self.path)
            .unwrap_or_else(|e| panic!("{} is gone ({e}) after {ctx:?}", self.path.display()));
        assert!(
            now == self.bytes,
            "{} changed ({} bytes before, {} after): {ctx:?}",
            self.path.display(),
            self.bytes.len(),
            now.len()
        );
        assert_eq!(
            mtime(&self.path),
            self.mtime,
            "{} was rewritten (mtime moved): {ctx:?}",
            self.path.display()
        );
    }
}

/// Asserts the refusal of an existing output: exit 252,
/// `An error occurred (OutputExistsException) ...: <path> exists; pass
/// --force ...`, the file
/// as it was, and no temporary file left beside it.
#[track_caller]
fn assert_refused(out: Out, kept: &Kept) {
    let out = out.failure(EXIT_INVALID_VALUE, OUTPUT_EXISTS);
    let line = out.error_line(OUTPUT_EXISTS);
    let name = kept.path.file_name().unwrap().to_string_lossy();
    assert!(
        line.contains(&*name) && line.contains("--force"),
        "the refusal names neither {name:?} nor --force: {out:?}"
    );
    kept.assert_untouched(&out);
    let dir = kept.path.parent().unwrap();
    assert_eq!(stray_temps(dir), Vec::<String>::new(), "{out:?}");
}

/// Temporary files (`.lkms-*`) left in a folder.
fn stray_temps(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".lkms"))
        .collect()
}

/// Every path under `dir`, symlinks listed but not followed, sorted, relative.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let md = fs::symlink_metadata(&p).unwrap();
            out.push(p.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            if md.is_dir() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `decrypt-file -o - FILE`: the plaintext.
#[track_caller]
fn plaintext_of(env: &TestEnv, file: &Path) -> String {
    env.ok(["decrypt-file", "-o", "-", s(file)]).stdout
}

/// Runs `bash -c SCRIPT lkms <credential args> ARGS` with the test's
/// environment (keyring, credential), in the test's folder: for closed
/// descriptors and pipes the harness cannot express.
fn shell<I, S>(env: &TestEnv, script: &str, args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let base = env.cmd();
    let mut cmd = Command::new("bash");
    cmd.env_clear().current_dir(env.dir.path());
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.arg("-c")
        .arg(script)
        .arg(BIN)
        .args(base.get_args())
        .args(args);
    run_cmd(cmd)
}

/// Runs a prepared lkms command with a short hang guard.
fn run_bounded(mut cmd: Command) -> Out {
    let args: Vec<OsString> = cmd.get_args().map(OsStr::to_owned).collect();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (code, stdout, stderr) = wait_capture(child, LOOP_GUARD, &args);
    Out {
        args,
        code,
        stdout,
        stderr,
    }
}

// ---------------------------------------------------------------------------
// Existing outputs are refused, before any work, unless --force.
// ---------------------------------------------------------------------------

/// encrypt-file (-o, default name, --output-dir, several inputs) refuses an existing output with 252 before unlocking, leaves it byte- and mtime-identical, and --force replaces it.
#[test]
fn encrypt_file_refuses_existing_outputs_before_unlocking_and_force_replaces_them() {
    let env = env_with_keyring();
    let input = write(&env.path("plain.txt"), b"the new plaintext");

    // -o FILE: refused with no credential at all (nothing is unlocked first) and with one.
    let named = existing(&env.path("named.lkms"), b"precious bytes behind -o");
    assert_refused(
        env.run_as(
            &Cred::None,
            ["encrypt-file", "-o", s(&named.path), s(&input)],
        ),
        &named,
    );
    assert_refused(
        env.run(["encrypt-file", "-o", s(&named.path), s(&input)]),
        &named,
    );

    // The default name beside the input.
    let beside = existing(&env.path("plain.txt.lkms"), b"precious default-named bytes");
    assert_refused(
        env.run_as(&Cred::None, ["encrypt-file", s(&input)]),
        &beside,
    );
    assert_refused(env.run(["encrypt-file", s(&input)]), &beside);

    // --output-dir.
    let in_dir = existing(&env.path("od/plain.txt.lkms"), b"precious output-dir bytes");
    assert_refused(
        env.run([
            "encrypt-file",
            "--output-dir",
            s(&env.path("od")),
            s(&input),
        ]),
        &in_dir,
    );

    // Several inputs, one existing output: refused before any work, so the
    // other input gets no output either.
    let other = write(&env.path("other.txt"), b"other plaintext");
    assert_refused(env.run(["encrypt-file", s(&other), s(&input)]), &beside);
    assert!(
        !env.path("other.txt.lkms").exists(),
        "an output was written before the refusal"
    );

    // --force replaces each of them with a file that decrypts to the input.
    env.ok(["encrypt-file", "--force", "-o", s(&named.path), s(&input)]);
    env.ok(["encrypt-file", "--force", s(&input)]);
    env.ok([
        "encrypt-file",
        "--force",
        "--output-dir",
        s(&env.path("od")),
        s(&input),
    ]);
    for p in [&named.path, &beside.path, &in_dir.path] {
        assert_eq!(
            plaintext_of(&env, p),
            "the new plaintext",
            "{}",
            p.display()
        );
    }
}

/// decrypt-file (-o, default name, --output-dir) refuses an existing output with 252 before unlocking; --force replaces it.
#[test]
fn decrypt_file_refuses_existing_outputs_before_unlocking_and_force_replaces_them() {
    let env = env_with_keyring();
    let source = write(&env.path("src.txt"), b"decrypted contents");
    let ct = env.path("secret.txt.lkms");
    env.ok(["encrypt-file", "-o", s(&ct), s(&source)]);

    // -o FILE.
    let named = existing(&env.path("named.out"), b"precious named output");
    assert_refused(
        env.run_as(&Cred::None, ["decrypt-file", "-o", s(&named.path), s(&ct)]),
        &named,
    );
    assert_refused(
        env.run(["decrypt-file", "-o", s(&named.path), s(&ct)]),
        &named,
    );

    // The default name: the input without its suffix.
    let beside = existing(&env.path("secret.txt"), b"precious default-named output");
    assert_refused(env.run_as(&Cred::None, ["decrypt-file", s(&ct)]), &beside);
    assert_refused(env.run(["decrypt-file", s(&ct)]), &beside);

    // --output-dir.
    let in_dir = existing(&env.path("od/secret.txt"), b"precious output-dir output");
    assert_refused(
        env.run(["decrypt-file", "--output-dir", s(&env.path("od")), s(&ct)]),
        &in_dir,
    );

    // --force replaces them with the plaintext.
    env.ok(["decrypt-file", "--force", "-o", s(&named.path), s(&ct)]);
    env.ok(["decrypt-file", "--force", s(&ct)]);
    assert_eq!(fs::read(&named.path).unwrap(), b"decrypted contents");
    assert_eq!(fs::read(&beside.path).unwrap(), b"decrypted contents");
}

/// get-public-key --outfile refuses an existing file with 252 before unlocking; --force replaces it.
#[test]
fn get_public_key_outfile_is_refused_when_it_exists_and_force_replaces_it() {
    let env = env_with_keyring();
    let md = env.create_key_with(["--key-spec", "ECC_NIST_P256", "--key-usage", "SIGN_VERIFY"]);
    let key = str_field(&md, "KeyId");
    let pem = existing(&env.path("signer.pem"), b"precious pem");
    assert_refused(
        env.run_as(
            &Cred::None,
            [
                "get-public-key",
                "--key-id",
                &key,
                "--outfile",
                s(&pem.path),
            ],
        ),
        &pem,
    );
    assert_refused(
        env.run([
            "get-public-key",
            "--key-id",
            &key,
            "--outfile",
            s(&pem.path),
        ]),
        &pem,
    );
    env.ok([
        "get-public-key",
        "--key-id",
        &key,
        "--outfile",
        s(&pem.path),
        "--force",
    ]);
    let text = fs::read_to_string(&pem.path).unwrap();
    assert!(text.starts_with("-----BEGIN PUBLIC KEY-----"), "{text}");
}

/// init --generate-identity FILE refuses an existing FILE with 252 and creates no keyring; --force replaces it.
#[test]
fn init_generate_identity_refuses_an_existing_file_and_creates_no_keyring() {
    let env = TestEnv::new();
    let id = existing(&env.path("id.txt"), b"# someone's precious identity\n");
    assert_refused(
        env.run_as(&Cred::None, ["init", "--generate-identity", s(&id.path)]),
        &id,
    );
    assert!(
        !env.keyring.exists(),
        "a keyring was created although init was refused"
    );
    // --force replaces it with a new identity that unlocks the new keyring.
    env.run_as(
        &Cred::None,
        ["init", "--generate-identity", s(&id.path), "--force"],
    )
    .success();
    let text = fs::read_to_string(&id.path).unwrap();
    assert!(text.contains("AGE-SECRET-KEY-1"), "{text}");
    assert_eq!(mode(&id.path), 0o600);
    env.run_as(&Cred::Identity(id.path.clone()), ["list-keys"])
        .success();
}

/// backup --to refuses an existing file with 252 before unlocking; --force replaces it with a copy of the keyring.
#[test]
fn backup_to_an_existing_file_is_refused_and_force_replaces_it() {
    let env = env_with_keyring();
    env.create_key();
    let to = existing(&env.path("backup.db"), b"precious, not a backup");
    assert_refused(
        env.run_as(&Cred::None, ["backup", "--to", s(&to.path)]),
        &to,
    );
    assert_refused(env.run(["backup", "--to", s(&to.path)]), &to);
    env.ok(["backup", "--to", s(&to.path), "--force"]);
    let bytes = fs::read(&to.path).unwrap();
    assert!(
        bytes.starts_with(b"SQLite format 3\0"),
        "not a keyring copy"
    );
    assert_eq!(records_of(&to.path), env.records());
}

/// audit export --to refuses an existing file with 252 before unlocking; --force replaces it with JSON lines.
#[test]
fn audit_export_to_an_existing_file_is_refused_and_force_replaces_it() {
    let env = env_with_keyring();
    env.create_key();
    let to = existing(&env.path("trail.jsonl"), b"precious, not a trail\n");
    assert_refused(
        env.run_as(&Cred::None, ["audit", "export", "--to", s(&to.path)]),
        &to,
    );
    assert_refused(env.run(["audit", "export", "--to", s(&to.path)]), &to);
    env.ok(["audit", "export", "--to", s(&to.path), "--force"]);
    let text = fs::read_to_string(&to.path).unwrap();
    assert!(!text.trim().is_empty(), "an empty export");
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
    }
}

/// Guard: -o -, /dev/null and a FIFO are never refused as existing outputs.
#[test]
fn stdout_and_dev_null_are_never_existing_outputs() {
    let env = env_with_keyring();
    let input = write(&env.path("p.txt"), b"to nowhere");
    env.ok(["encrypt-file", "-o", "/dev/null", s(&input)]);
    let out = env.ok(["encrypt-file", "-o", "-", s(&input)]);
    assert!(!out.stdout.is_empty(), "{out:?}");

    // A FIFO with a reader on the other end.
    let fifo = env.path("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = Command::new("sh")
        .args(["-c", r#"cat "$0" | wc -c"#])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = env.run(["encrypt-file", "-o", s(&fifo), s(&input)]);
    if out.code != 0 {
        // Unblock a reader still waiting in open() before failing; never
        // block here (O_NONBLOCK on Linux: ENXIO when no reader is left).
        use std::os::unix::fs::OpenOptionsExt;
        let _ = fs::OpenOptions::new()
            .write(true)
            .custom_flags(0o4000)
            .open(&fifo);
    }
    let read = reader.wait_with_output().unwrap();
    let out = out.success();
    let n: usize = String::from_utf8_lossy(&read.stdout)
        .trim()
        .parse()
        .unwrap();
    assert!(
        n > b"to nowhere".len(),
        "{n} bytes through the FIFO: {out:?}"
    );
}

// ---------------------------------------------------------------------------
// -r: lkms files are skipped by their magic, symlinks are never followed.
// ---------------------------------------------------------------------------

/// encrypt-file -r run twice creates no .lkms.lkms and leaves the first run's .lkms files byte- and mtime-identical.
#[test]
fn encrypt_file_r_twice_makes_no_lkms_lkms_and_keeps_the_first_outputs() {
    let env = env_with_keyring();
    let d = env.path("tree");
    write(&d.join("a.txt"), b"alpha");
    write(&d.join("sub/b.txt"), b"bravo");
    env.ok(["encrypt-file", "-r", s(&d)]);
    let first = [keep(&d.join("a.txt.lkms")), keep(&d.join("sub/b.txt.lkms"))];

    // Running it again (with or without a conflict on the plaintexts'
    // outputs) must not nest nor overwrite.
    let again = env.run(["encrypt-file", "-r", s(&d)]);
    let nested: Vec<String> = tree(&d)
        .into_iter()
        .filter(|p| p.ends_with(".lkms.lkms"))
        .collect();
    assert!(nested.is_empty(), "{nested:?} after {again:?}");
    for k in &first {
        k.assert_untouched(&again);
    }
    assert_eq!(plaintext_of(&env, &d.join("a.txt.lkms")), "alpha");
}

/// encrypt-file -r skips lkms files by their magic (whatever their name) and names each skipped file on stderr.
#[test]
fn encrypt_file_r_skips_lkms_files_by_their_magic_and_reports_each_on_stderr() {
    let env = env_with_keyring();
    let d = env.path("tree");
    let elsewhere = write(&env.path("src.txt"), b"already encrypted");
    env.ok([
        "encrypt-file",
        "-o",
        s(&d.join("done.txt.lkms")),
        s(&elsewhere),
    ]);
    // An lkms file whose name does not say so.
    env.ok([
        "encrypt-file",
        "-o",
        s(&d.join("disguised.bin")),
        s(&elsewhere),
    ]);
    write(&d.join("new.txt"), b"fresh plaintext");
    let done = keep(&d.join("done.txt.lkms"));
    let disguised = keep(&d.join("disguised.bin"));

    let out = env.run(["encrypt-file", "-r", s(&d)]).success();
    assert_eq!(
        tree(&d),
        ["disguised.bin", "done.txt.lkms", "new.txt", "new.txt.lkms"],
        "{out:?}"
    );
    assert_eq!(
        plaintext_of(&env, &d.join("new.txt.lkms")),
        "fresh plaintext"
    );
    done.assert_untouched(&out);
    disguised.assert_untouched(&out);
    for skipped in ["done.txt.lkms", "disguised.bin"] {
        assert!(
            out.stderr.contains(skipped),
            "the skipped {skipped} is not reported on stderr: {out:?}"
        );
    }
}

/// decrypt-file -r skips files that are not lkms files (even named .lkms) and still succeeds on the real ones.
#[test]
fn decrypt_file_r_skips_files_that_are_not_lkms_files() {
    let env = env_with_keyring();
    let d = env.path("tree");
    let src = write(&env.path("src.txt"), b"the real one");
    env.ok(["encrypt-file", "-o", s(&d.join("real.txt.lkms")), s(&src)]);
    // Named like an lkms file, but not one.
    write(
        &d.join("fake.txt.lkms"),
        b"just some text, no magic bytes here\n",
    );
    write(&d.join("notes.txt"), b"plain notes");
    let fake = keep(&d.join("fake.txt.lkms"));

    let out = env.run(["decrypt-file", "-r", s(&d)]).success();
    assert_eq!(fs::read(d.join("real.txt")).unwrap(), b"the real one");
    assert!(!d.join("fake.txt").exists(), "{out:?}");
    fake.assert_untouched(&out);
    assert!(
        out.stderr.contains("fake.txt.lkms"),
        "the skipped fake.txt.lkms is not reported on stderr: {out:?}"
    );
    assert_eq!(
        tree(&d),
        ["fake.txt.lkms", "notes.txt", "real.txt", "real.txt.lkms"]
    );
}

/// -r finishes on a symlink loop and encrypts nothing reached through a symlink (file or folder outside the tree).
#[test]
fn r_follows_no_symlink_and_a_symlink_loop_ends() {
    let env = env_with_keyring();
    let d = env.path("tree");
    write(&d.join("real.txt"), b"inside the tree");
    let outside = write(&env.path("outside.txt"), b"outside the tree");
    let extdir = env.path("extdir");
    write(&extdir.join("secret.txt"), b"a folder outside the tree");
    symlink(".", d.join("loop")).unwrap();
    symlink(&outside, d.join("link.txt")).unwrap();
    symlink(&extdir, d.join("ext")).unwrap();
    let kept_outside = keep(&outside);

    let mut cmd = env.cmd();
    cmd.args(["encrypt-file", "-r", s(&d)]);
    let out = run_bounded(cmd).success();
    assert_eq!(
        tree(&d),
        ["ext", "link.txt", "loop", "real.txt", "real.txt.lkms"],
        "{out:?}"
    );
    assert_eq!(tree(&extdir), ["secret.txt"], "{out:?}");
    assert!(!env.path("outside.txt.lkms").exists(), "{out:?}");
    kept_outside.assert_untouched(&out);
    for link in ["link.txt", "loop"] {
        assert!(
            out.stderr.contains(link),
            "the skipped symlink {link} is not noted on stderr: {out:?}"
        );
    }

    // decrypt-file -r walks the same tree without following the links either.
    let dec = env.path("dec");
    let mut cmd = env.cmd();
    cmd.args(["decrypt-file", "-r", "--output-dir", s(&dec), s(&d)]);
    let out = run_bounded(cmd).success();
    assert_eq!(tree(&dec), ["real.txt"], "{out:?}");
}

// ---------------------------------------------------------------------------
// Closed descriptors and broken pipes are errors.
// ---------------------------------------------------------------------------

/// encrypt-file - with stdin closed fails 255 naming standard input and leaves no output; an empty stdin still works.
#[test]
fn closed_stdin_is_an_error_and_leaves_no_output() {
    let env = env_with_keyring();
    let out_file = env.path("out.lkms");
    let out = shell(
        &env,
        r#"exec "$0" "$@" <&-"#,
        ["encrypt-file", "-o", s(&out_file), "-"],
    )
    .failure(EXIT_OTHER, "IOException");
    assert!(out.stderr.contains("standard input"), "{out:?}");
    assert!(!out_file.exists(), "an output was left: {out:?}");
    assert_eq!(stray_temps(env.dir.path()), Vec::<String>::new());

    // Guard: an empty (not closed) stdin still encrypts an empty input.
    let empty = env.path("empty.lkms");
    env.ok(["encrypt-file", "-o", s(&empty), "-"]);
    assert_eq!(plaintext_of(&env, &empty), "");
}

/// A closed stdout fails 255 naming standard output (list-keys, decrypt-file -o -) and leaves the keyring intact.
#[test]
fn closed_stdout_is_an_error_and_harms_nothing() {
    let env = env_with_keyring();
    let out =
        shell(&env, r#"exec "$0" "$@" >&-"#, ["list-keys"]).failure(EXIT_OTHER, "IOException");
    assert!(out.stderr.contains("standard output"), "{out:?}");

    let src = write(&env.path("p.txt"), b"streamed");
    let ct = env.path("p.txt.lkms");
    env.ok(["encrypt-file", "-o", s(&ct), s(&src)]);
    let out = shell(
        &env,
        r#"exec "$0" "$@" >&-"#,
        ["decrypt-file", "-o", "-", s(&ct)],
    );
    assert_eq!(out.code, EXIT_OTHER, "{out:?}");
    // Whatever got descriptor 1, the keyring is intact.
    env.ok(["verify-keyring"]);
}

/// A broken pipe on stdout (| head -c 1) makes lkms exit 255, not 0.
#[test]
fn a_broken_pipe_on_stdout_is_an_error() {
    let env = env_with_keyring();
    let key = env.create_key();
    // About 1 MiB of audit trail: far more than a pipe holds.
    let description = "d".repeat(8000);
    for _ in 0..130 {
        env.ok([
            "update-key-description",
            "--key-id",
            &key,
            "--description",
            &description,
        ]);
    }
    let full = env.ok(["audit", "show", "--output", "json"]);
    assert!(full.stdout.len() > 1 << 20, "{} bytes", full.stdout.len());
    let out = shell(
        &env,
        r#""$0" "$@" | head -c 1 >/dev/null; exit "${PIPESTATUS[0]}""#,
        ["audit", "show", "--output", "json"],
    );
    assert_eq!(out.code, EXIT_OTHER, "a broken pipe must fail: {out:?}");
}

// ---------------------------------------------------------------------------
// Exit codes.
// ---------------------------------------------------------------------------

/// `lkms` alone prints help on stderr and exits 2.
#[test]
fn lkms_without_arguments_prints_help_on_stderr_and_exits_2() {
    let env = TestEnv::new();
    let out = run_cmd(env.raw_cmd());
    assert_eq!(out.code, EXIT_USAGE, "{out:?}");
    assert!(out.stdout.is_empty(), "help belongs on stderr: {out:?}");
    assert!(out.stderr.contains("Usage"), "{out:?}");
}

fn manifest_file(rel: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The codes of docs/EXIT_CODES.md's table.
fn documented_codes() -> BTreeSet<i32> {
    manifest_file("docs/EXIT_CODES.md")
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix('|')?.split('|').next()?.trim().parse().ok()
        })
        .collect()
}

/// docs/EXIT_CODES.md lists exactly {0,1,2,252,253,254,255}, including every code in src/cli/exit.rs.
#[test]
fn exit_codes_md_lists_exactly_the_codes_and_every_code_of_exit_rs() {
    let documented = documented_codes();
    assert_eq!(
        documented,
        BTreeSet::from([0, 1, 2, 252, 253, 254, 255]),
        "docs/EXIT_CODES.md's table"
    );
    // Every constant and literal code in src/cli/exit.rs is documented.
    let src = manifest_file("src/cli/exit.rs");
    let mut in_source = BTreeSet::new();
    for line in src.lines().map(str::trim) {
        if line.starts_with("pub const") && line.contains(": u8 =") {
            let v = line
                .rsplit('=')
                .next()
                .unwrap()
                .trim()
                .trim_end_matches(';');
            in_source.insert(v.parse::<i32>().unwrap());
        }
        if let Some((_, rhs)) = line.split_once("=> ")
            && let Ok(v) = rhs.trim_end_matches(',').trim().parse::<i32>()
        {
            in_source.insert(v);
        }
    }
    assert!(!in_source.is_empty(), "no codes found in src/cli/exit.rs");
    let missing: Vec<_> = in_source.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "codes of src/cli/exit.rs missing from docs/EXIT_CODES.md: {missing:?}"
    );
}

/// Each documented code is produced by a real scenario (1, a declined
/// prompt, needs a terminal: tests/pty.rs).
#[test]
fn every_documented_code_but_1_comes_from_a_real_scenario() {
    let env = env_with_keyring();
    let mut seen = BTreeSet::from([1]);
    // 0: success.
    seen.insert(env.ok(["list-keys"]).code);
    // 2: no arguments.
    seen.insert(run_cmd(env.raw_cmd()).code);
    // 252: a bad parameter value, and an existing output.
    let out = env
        .run(["encrypt", "--plaintext", "!!! not base64 !!!"])
        .failure(EXIT_INVALID_VALUE, "ValidationException");
    seen.insert(out.code);
    let src = write(&env.path("p.txt"), b"x");
    write(&env.path("p.txt.lkms"), b"taken");
    let out = env
        .run(["encrypt-file", s(&src)])
        .failure(EXIT_INVALID_VALUE, OUTPUT_EXISTS);
    seen.insert(out.code);
    // 253: no keyring.
    let nowhere = TestEnv::new();
    let out = nowhere
        .run_as(&Cred::Passphrase(PASSPHRASE.into()), ["list-keys"])
        .failure(EXIT_KEYRING, "KeyringNotFoundException");
    seen.insert(out.code);
    // 254: the model refuses (no such key).
    let out = env
        .run(["describe-key", "--key-id", "alias/no-such-key"])
        .failure(EXIT_KMS, "NotFoundException");
    seen.insert(out.code);
    // 255: stdout closed.
    seen.insert(shell(&env, r#"exec "$0" "$@" >&-"#, ["list-keys"]).code);
    assert_eq!(seen, documented_codes());
}

// ---------------------------------------------------------------------------
// Credentials: the default identity file, and what an unlock failure says.
// ---------------------------------------------------------------------------

/// init --generate-identity writes ~/.config/lkms/identity.txt (0600, folder 0700), which unlocks with no credential; explicit wrong credentials fail instead of falling back.
#[test]
fn init_generate_identity_without_a_path_writes_the_default_identity_which_then_unlocks() {
    let env = TestEnv::new();
    // HOME is the test's, XDG_CONFIG_HOME is unset (the harness clears the environment).
    env.run_as(&Cred::None, ["init", "--generate-identity"])
        .success();
    let dir = env.home.join(".config/lkms");
    let id = dir.join("identity.txt");
    assert!(id.is_file(), "no {}", id.display());
    assert_eq!(mode(&id), 0o600, "identity file mode");
    assert_eq!(mode(&dir), 0o700, "identity folder mode");
    assert!(
        fs::read_to_string(&id)
            .unwrap()
            .contains("AGE-SECRET-KEY-1")
    );

    // No credential given: the default identity unlocks.
    env.run_as(&Cred::None, ["list-keys"]).success();
    env.run_as(&Cred::None, ["create-key"]).success();

    // Any explicit credential wins over it, and a wrong one fails rather
    // than falling back.
    let other = env.path("other.txt");
    age_keygen(&other);
    let wrong_pass = env.write_file("wrong-pass.txt", "not the passphrase");
    for cred in [
        Cred::Passphrase("not the passphrase".into()),
        Cred::PassphraseFile(wrong_pass),
        Cred::Identity(other.clone()),
        Cred::IdentityFlag(other),
    ] {
        env.run_as(&cred, ["list-keys"])
            .failure(EXIT_KEYRING, "UnlockFailedException");
    }

    // A second `init --generate-identity` does not replace the default identity.
    let kept = keep(&id);
    let mut cmd = env.raw_cmd();
    cmd.env("LKMS_KEYRING", env.path("second/keyring.db"))
        .args(["init", "--generate-identity"]);
    assert_refused(run_cmd(cmd), &kept);
}

/// With XDG_CONFIG_HOME set, the default identity is $XDG_CONFIG_HOME/lkms/identity.txt and not under HOME.
#[test]
fn the_default_identity_lives_under_xdg_config_home_when_it_is_set() {
    let env = TestEnv::new();
    let xdg = env.path("xdg");
    let mut cmd = env.bare_cmd();
    cmd.env("XDG_CONFIG_HOME", &xdg)
        .args(["init", "--generate-identity"]);
    run_cmd(cmd).success();
    let id = xdg.join("lkms/identity.txt");
    assert!(id.is_file(), "no {}", id.display());
    assert_eq!(mode(&id), 0o600);
    assert!(!env.home.join(".config/lkms/identity.txt").exists());

    let mut cmd = env.bare_cmd();
    cmd.env("XDG_CONFIG_HOME", &xdg).arg("list-keys");
    run_cmd(cmd).success();
    // Without XDG_CONFIG_HOME the default is under HOME, where there is none.
    env.run_as(&Cred::None, ["list-keys"])
        .failure(EXIT_KEYRING, "CredentialsRequiredException");
}

/// An unlock failure names the keyring's slot kinds and how to supply each credential.
#[test]
fn an_unlock_failure_names_the_slot_kinds_and_how_to_supply_each() {
    let env = TestEnv::new();
    let id = env.path("id.txt");
    env.run_as(
        &Cred::Passphrase(PASSPHRASE.into()),
        ["init", "--generate-identity", s(&id)],
    )
    .success();
    let other = env.path("other.txt");
    age_keygen(&other);
    for cred in [
        Cred::Passphrase("a wrong passphrase".into()),
        Cred::IdentityFlag(other),
    ] {
        let out = env
            .run_as(&cred, ["list-keys"])
            .failure(EXIT_KEYRING, "UnlockFailedException");
        let line = out.error_line("UnlockFailedException");
        for needle in [
            "1 age slot",
            "1 passphrase slot",
            "--identity",
            "LKMS_IDENTITY",
            "lkms/identity.txt",
            "--passphrase-file",
            "LKMS_PASSPHRASE",
        ] {
            assert!(line.contains(needle), "no {needle:?} in: {line}");
        }
    }
}

// ---------------------------------------------------------------------------
// File commands are quiet on stdout unless asked.
// ---------------------------------------------------------------------------

/// encrypt-file, decrypt-file and rewrap-file print nothing on stdout unless --output (that format) or -v is given.
#[test]
fn file_commands_print_nothing_on_stdout_unless_output_or_verbose_is_given() {
    let env = env_with_keyring();
    let p = write(&env.path("a.txt"), b"quiet please");
    let ct = env.path("a.txt.lkms");

    // Plain success: nothing on stdout.
    let out = env.ok(["encrypt-file", s(&p)]);
    assert_eq!(out.stdout, "", "{out:?}");
    let out = env.ok(["rewrap-file", s(&ct)]);
    assert_eq!(out.stdout, "", "{out:?}");
    fs::remove_file(&p).unwrap();
    let out = env.ok(["decrypt-file", s(&ct)]);
    assert_eq!(out.stdout, "", "{out:?}");
    assert_eq!(fs::read(&p).unwrap(), b"quiet please");

    // --output json: the JSON summary.
    let ct2 = env.path("b.lkms");
    let v = env
        .ok(["encrypt-file", "--output", "json", "-o", s(&ct2), s(&p)])
        .json();
    assert_eq!(str_field(&v["Files"][0], "Output"), s(&ct2), "{v}");
    let v = env.ok(["rewrap-file", "--output", "json", s(&ct2)]).json();
    assert!(v["Files"].is_array(), "{v}");
    let back = env.path("b.txt");
    let v = env
        .ok(["decrypt-file", "--output", "json", "-o", s(&back), s(&ct2)])
        .json();
    assert_eq!(str_field(&v["Files"][0], "Output"), s(&back), "{v}");

    // --output text: the summary as text.
    let ct3 = env.path("c.lkms");
    let out = env.ok(["encrypt-file", "--output", "text", "-o", s(&ct3), s(&p)]);
    assert!(out.stdout.contains("c.lkms"), "{out:?}");
    assert!(serde_json::from_str::<serde_json::Value>(&out.stdout).is_err());

    // -v / --verbose: the summary too.
    let ct4 = env.path("d.lkms");
    let out = env.ok(["encrypt-file", "-v", "-o", s(&ct4), s(&p)]);
    assert!(out.stdout.contains("d.lkms"), "{out:?}");
    let out = env.ok([
        "decrypt-file",
        "--verbose",
        "-o",
        s(&env.path("d.txt")),
        s(&ct4),
    ]);
    assert!(out.stdout.contains("d.txt"), "{out:?}");

    // -q still only means "no progress bars".
    let out = env.ok(["encrypt-file", "-q", "-o", s(&env.path("e.lkms")), s(&p)]);
    assert_eq!(out.stdout, "", "{out:?}");

    // Errors still go to stderr.
    let junk = write(&env.path("junk.lkms"), b"not an lkms file");
    let out = env.run(["decrypt-file", "-o", s(&env.path("junk.out")), s(&junk)]);
    assert_ne!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    assert!(has_error_line(&out.stderr), "{out:?}");
}

/// --output with a path-like value fails 252 with "did you mean -o".
#[test]
fn an_output_format_that_looks_like_a_path_suggests_dash_o() {
    let env = env_with_keyring();
    let p = write(&env.path("a.txt"), b"x");
    for value in ["x.lkms", "out/file"] {
        let out = env.run(["encrypt-file", "--output", value, s(&p)]);
        assert_eq!(out.code, EXIT_INVALID_VALUE, "{out:?}");
        assert!(out.stderr.contains("did you mean -o"), "{out:?}");
    }
    assert!(!env.path("a.txt.lkms").exists());
    assert!(!env.path("x.lkms").exists());
}

// ---------------------------------------------------------------------------
// Help.
// ---------------------------------------------------------------------------

/// The names in the Commands section of a help text (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|n| n != "help")
        .collect()
}

/// Every subcommand's --help, nested slot/audit ones included, shows an example.
#[test]
fn every_subcommand_help_has_an_example_nested_ones_included() {
    let env = TestEnv::new();
    let help = |path: &[String]| -> Out {
        let mut cmd = env.raw_cmd();
        cmd.args(path).arg("--help");
        run_cmd(cmd).success()
    };
    let top = subcommands(&help(&[]).stdout);
    assert!(top.len() > 40, "too few commands parsed: {top:?}");
    let mut without = Vec::new();
    let mut nested_seen = Vec::new();
    let mut queue: Vec<Vec<String>> = top.into_iter().map(|c| vec![c]).collect();
    while let Some(path) = queue.pop() {
        let out = help(&path);
        if !out.stdout.contains("Example") {
            without.push(path.join(" "));
        }
        for sub in subcommands(&out.stdout) {
            let mut p = path.clone();
            p.push(sub);
            nested_seen.push(p.join(" "));
            queue.push(p);
        }
    }
    for nested in [
        "slot add",
        "slot list",
        "slot remove",
        "audit show",
        "audit verify",
        "audit export",
        "audit prune",
    ] {
        assert!(
            nested_seen.iter().any(|n| n == nested),
            "{nested} not walked: {nested_seen:?}"
        );
    }
    without.sort();
    assert!(without.is_empty(), "--help without an example: {without:?}");
}
