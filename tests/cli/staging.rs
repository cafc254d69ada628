//! No plaintext left behind (issue 14): a `decrypt-file` ended by SIGKILL,
//! a caught signal or a file-size limit leaves no file holding plaintext;
//! staged files of dead processes are swept by the next run, and nobody
//! else's are.

use std::collections::BTreeSet;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use crate::env::path_str as s;
use crate::env::{BIN, Cred, TestEnv, env_with_keyring};

/// Marks every line of the test plaintexts, so that any file holding a
/// piece of one is found.
const MARKER: &[u8] = b"lkms-plaintext-marker:";

/// `len` bytes of recognisable plaintext: numbered 64-byte lines.
pub fn plaintext(len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 64);
    let mut n = 0u64;
    while out.len() < len {
        let line = format!("{}{n:041}\n", String::from_utf8_lossy(MARKER));
        out.extend_from_slice(line.as_bytes());
        n += 1;
    }
    out.truncate(len);
    out
}

/// Every file under `dir` (hidden ones included) holding plaintext.
pub fn files_with_plaintext(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(p),
                Ok(t) if t.is_file() => {
                    let bytes = std::fs::read(&p).unwrap_or_default();
                    if bytes.windows(MARKER.len()).any(|w| w == MARKER) {
                        found.push(p);
                    }
                }
                _ => {}
            }
        }
    }
    found
}

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

/// A keyring with one key, a file of `len` bytes of plaintext encrypted
/// under it (the plaintext itself removed), and an empty output folder.
fn encrypted(len: usize) -> (TestEnv, PathBuf, PathBuf) {
    let env = env_with_keyring();
    let key = env.create_key();
    let plain = env.path("plain.txt");
    std::fs::write(&plain, plaintext(len)).expect("write plaintext");
    let enc = env.path("plain.txt.lkms");
    env.ok(["encrypt-file", "--key-id", &key, s(&plain), "-o", s(&enc)]);
    std::fs::remove_file(&plain).expect("remove plaintext");
    let out = env.path("out");
    std::fs::create_dir(&out).expect("mkdir out");
    (env, enc, out)
}

/// The size of the largest file `pid` has open under `dir` (deleted or
/// not), if it has one.
fn open_file_size_under(pid: u32, dir: &Path) -> Option<u64> {
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?;
    fds.flatten()
        .filter(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target.starts_with(dir)))
        .filter_map(|fd| std::fs::metadata(fd.path()).ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .max()
}

/// `cmd` as a shell starts a foreground command: with SIGHUP, SIGINT and
/// SIGTERM at their default action. lkms keeps a signal ignored if it
/// started ignored (`nohup`; a non-interactive shell's background job
/// ignores SIGINT), and the tests below send these signals, so they must
/// not depend on how the test run itself was started.
fn with_default_signals(cmd: &Command) -> Command {
    let mut wrapped = Command::new("env");
    wrapped.env_clear();
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            wrapped.env(k, v);
        }
    }
    wrapped
        .arg("--default-signal=HUP,INT,TERM")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    wrapped
}

/// `decrypt-file - -o <out>/plain.txt` fed `enc` through a pipe, stopped
/// (the pipe held open) once it has written plaintext to its staged
/// output, which is then at least `at_least` bytes.
fn decrypt_paused(env: &TestEnv, enc: &Path, out: &Path) -> (Child, ChildStdin) {
    let ciphertext = std::fs::read(enc).expect("read ciphertext");
    let mut child = with_default_signals(&env.cmd())
        .args(["decrypt-file", "-", "-o"])
        .arg(out.join("plain.txt"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn lkms");
    let mut stdin = child.stdin.take().expect("stdin");
    // Three quarters of the file: the rest is never sent, so lkms waits
    // for it with plaintext already written.
    stdin
        .write_all(&ciphertext[..ciphertext.len() * 3 / 4])
        .expect("feed lkms");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if open_file_size_under(child.id(), out).is_some_and(|n| n > 0) {
            return (child, stdin);
        }
        if let Some(st) = child.try_wait().expect("try_wait") {
            panic!("decrypt-file ended ({st}) before writing plaintext");
        }
        assert!(
            Instant::now() < deadline,
            "decrypt-file wrote no plaintext in 120 s"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Waits for `child`, told to end by `name`; fails (SIGKILLing it) rather
/// than hang if the signal was lost.
fn wait_ended_by(child: &mut Child, name: &str) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(st) = child.try_wait().expect("try_wait") {
            return st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("lkms was still running 120 s after SIG{name}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn signal(pid: u32, name: &str) {
    let ok = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill")
        .success();
    assert!(ok, "kill -{name} {pid} failed");
}

/// Proves that SIGKILL during a large `decrypt-file` leaves no file with
/// plaintext in the output folder, hidden staging files included (the
/// staged output is unnamed: the kernel frees it with the process).
#[test]
fn sigkill_during_decrypt_file_leaves_no_plaintext() {
    let (env, enc, out) = encrypted(24 << 20);
    let (mut child, stdin) = decrypt_paused(&env, &enc, &out);
    child.kill().expect("SIGKILL");
    let st = child.wait().expect("wait");
    drop(stdin);
    assert_eq!(st.signal(), Some(9), "lkms was not killed: {st}");
    let left = files_with_plaintext(&out);
    assert!(left.is_empty(), "plaintext left after SIGKILL: {left:?}");
    assert!(names(&out).is_empty(), "files left: {:?}", names(&out));
}

/// Proves that SIGTERM, SIGINT and SIGHUP during `decrypt-file` end lkms
/// by that signal (as before) and leave nothing in the output folder;
/// SIGPIPE does not end it (Rust ignores it) and the file completes.
#[test]
fn caught_signals_during_decrypt_file_leave_nothing() {
    let (env, enc, out) = encrypted(24 << 20);
    for (name, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let (mut child, stdin) = decrypt_paused(&env, &enc, &out);
        signal(child.id(), name);
        let st = wait_ended_by(&mut child, name);
        drop(stdin);
        assert_eq!(st.signal(), Some(number), "SIG{name}: lkms ended {st}");
        let left = files_with_plaintext(&out);
        assert!(left.is_empty(), "plaintext left after SIG{name}: {left:?}");
        assert!(
            names(&out).is_empty(),
            "SIG{name}: files left: {:?}",
            names(&out)
        );
    }
    let (mut child, mut stdin) = decrypt_paused(&env, &enc, &out);
    signal(child.id(), "PIPE");
    let ciphertext = std::fs::read(&enc).expect("read");
    stdin
        .write_all(&ciphertext[ciphertext.len() * 3 / 4..])
        .expect("feed the rest");
    drop(stdin);
    let st = child.wait().expect("wait");
    assert!(st.success(), "after SIGPIPE: {st}");
    assert_eq!(names(&out), BTreeSet::from(["plain.txt".to_owned()]));
    assert_eq!(
        std::fs::read(out.join("plain.txt")).expect("read"),
        plaintext(24 << 20)
    );
}

/// Proves that a file-size limit (`ulimit -f`) hit during `decrypt-file`
/// fails the command with an error (not SIGXFSZ's core dump) and leaves
/// nothing in the output folder.
#[test]
fn file_size_limit_during_decrypt_file_leaves_nothing() {
    let (env, enc, out) = encrypted(16 << 20);
    // Above every keyring file, so that the audit record commits and the
    // limit is hit by the plaintext.
    let keyring_dir = env.keyring.parent().expect("keyring folder");
    let biggest = std::fs::read_dir(keyring_dir)
        .expect("read keyring folder")
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .max()
        .unwrap_or(0);
    let limit_kib = biggest / 1024 + 4096;
    assert!(
        limit_kib * 1024 < 16 << 20,
        "the file is not above the limit"
    );

    let lkms = env.cmd();
    let mut cmd = Command::new("bash");
    cmd.env_clear();
    for (k, v) in lkms.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.arg("-c")
        .arg(format!("ulimit -f {limit_kib}; exec \"$@\""))
        .arg("bash")
        .arg(BIN)
        .args(lkms.get_args())
        .args(["decrypt-file", s(&enc), "-o"])
        .arg(out.join("plain.txt"));
    let o = cmd.output().expect("run bash");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.signal(),
        None,
        "lkms died by a signal ({}): {stderr}",
        o.status
    );
    assert_ne!(
        o.status.code(),
        Some(0),
        "decrypt-file succeeded over the limit"
    );
    assert!(
        stderr.contains("too large") || stderr.contains("File too large"),
        "the error does not say why: {stderr}"
    );
    let left = files_with_plaintext(&out);
    assert!(left.is_empty(), "plaintext left over the limit: {left:?}");
    assert!(names(&out).is_empty(), "files left: {:?}", names(&out));
}

/// A pid that no process has now.
fn dead_pid() -> u32 {
    let mut c = Command::new("true").spawn().expect("spawn true");
    let pid = c.id();
    c.wait().expect("wait");
    pid
}

fn stale_file(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let p = dir.join(name);
    let f = std::fs::File::create(&p).expect("create");
    (&f).write_all(contents).expect("write");
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .expect("set mtime");
    p
}

/// Proves that the staged files a killed lkms left (named
/// `.lkms-tmp-<pid>-<random>`, the pid gone) are removed by the next run
/// that writes to the same folder, or opens a keyring there, while files
/// of a live process, of other names and of another user stay.
#[test]
fn stale_staging_files_of_dead_processes_are_swept() {
    let (env, enc, out) = encrypted(1 << 20);
    let dead = dead_pid();
    let live = std::process::id();
    let piece = plaintext(4096);
    let stale = [
        stale_file(&out, &format!(".lkms-tmp-{dead}-aB3xY9"), &piece),
        stale_file(&out, &format!(".lkms-tmp-{dead}-aB3xY9-journal"), b"j"),
    ];
    let kept = vec![
        stale_file(&out, &format!(".lkms-tmp-{live}-aB3xY9"), &piece),
        stale_file(&out, &format!(".lkms-tmp-{dead}-aB3xY9.save"), &piece),
        stale_file(&out, &format!(".lkms-{dead}-aB3xY9"), &piece),
        stale_file(&out, "notes.txt", &piece),
    ];
    // Another user's file of a dead process (only root can make one).
    let probe = stale_file(&out, "probe", b"");
    let root = std::fs::metadata(&probe).expect("probe").uid() == 0;
    std::fs::remove_file(&probe).expect("rm probe");
    let mut kept = kept;
    if root {
        let other = stale_file(&out, &format!(".lkms-tmp-{dead}-zZ9zZ9"), &piece);
        std::os::unix::fs::chown(&other, Some(65534), Some(65534)).expect("chown");
        kept.push(other);
    }
    let keyring_dir = env.keyring.parent().expect("keyring folder").to_path_buf();
    let stale_kr = stale_file(&keyring_dir, &format!(".lkms-tmp-{dead}-kR0000"), b"db");

    env.ok(["decrypt-file", s(&enc), "-o", s(&out.join("plain.txt"))]);
    for p in &stale {
        assert!(!p.exists(), "{} was not swept", p.display());
    }
    assert!(!stale_kr.exists(), "the keyring folder was not swept");
    for p in &kept {
        assert!(p.exists(), "{} was swept", p.display());
    }
    assert!(out.join("plain.txt").exists());
}

/// Proves that a named staged file (a keyring being built by a migration:
/// SQLite needs a path) is removed when SIGTERM ends lkms while it exists,
/// and that the format 1 keyring is left as it was.
#[test]
fn sigterm_during_migration_removes_the_staged_database() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let mut hits = 0;
    for attempt in 0..40 {
        let mut env = TestEnv::new();
        let dir = env.path("kr1");
        std::fs::create_dir(&dir).expect("mkdir");
        for f in [
            "keyring.toml",
            "keyring.toml.audit.jsonl",
            "keyring.toml.audit.head",
            "identity.txt",
        ] {
            std::fs::copy(fixture.join(f), dir.join(f)).expect("copy fixture");
        }
        env.keyring = dir.join("keyring.toml");
        env.cred = Cred::Identity(dir.join("identity.txt"));
        let before = names(&dir);
        let original = std::fs::read(&env.keyring).expect("read");
        let mut child = with_default_signals(&env.cmd())
            .arg("list-keys")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Wait for a new hidden file (the staged database), then SIGTERM.
        let seen = loop {
            if child.try_wait().expect("try_wait").is_some() {
                break false;
            }
            if names(&dir)
                .iter()
                .any(|n| n.starts_with('.') && !before.contains(n))
            {
                break true;
            }
        };
        if !seen {
            continue;
        }
        signal(child.id(), "TERM");
        let st = child.wait().expect("wait");
        if st.signal() != Some(15) {
            continue; // it finished first
        }
        hits += 1;
        let new_hidden: Vec<String> = names(&dir)
            .into_iter()
            .filter(|n| n.starts_with('.') && !before.contains(n))
            .collect();
        assert!(
            new_hidden.is_empty(),
            "attempt {attempt}: staged files left after SIGTERM: {new_hidden:?}"
        );
        assert_eq!(
            std::fs::read(&env.keyring).expect("read"),
            original,
            "the format 1 keyring changed"
        );
        if hits >= 3 {
            break;
        }
    }
    assert!(
        hits > 0,
        "no SIGTERM landed while the staged database existed"
    );
}
