//! Security hardening (issue 14): keyring pinning, process hygiene, bounds
//! on untrusted input, Argon2 bounds and slot messages, and the warning on
//! secrets given on the command line. Each test plays the attack of the
//! issue's finding and checks lkms refuses it.

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, params};
use serde_json::Value;

use crate::env::path_str as s;
use crate::env::{
    BIN, Cred, EXIT_INVALID_VALUE, EXIT_KEYRING, EXIT_KMS, Out, PASSPHRASE, TestEnv, age_keygen,
    b64, env_with_keyring, mode, run_cmd, str_field, unb64, wait_capture,
};

const CHANGED: &str = "KeyringChangedException";
const CORRUPT: &str = "KeyringCorruptException";
const UNLOCK_FAILED: &str = "UnlockFailedException";

/// Where the environment's lkms keeps known keyrings (HOME is the test's).
fn known_keyrings(env: &TestEnv) -> PathBuf {
    env.home.join(".config/lkms/known_keyrings")
}

/// `<keyring id>:<fingerprint>` of the keyring `cred` opens, from whoami.
fn pin_of(env: &TestEnv, cred: &Cred) -> String {
    let who = env.json_as(cred, ["whoami"]);
    format!(
        "{}:{}",
        str_field(&who, "KeyringId"),
        str_field(&who, "KeyringFingerprint")
    )
}

#[track_caller]
fn assert_mentions(out: &Out, needles: &[&str]) {
    for n in needles {
        assert!(out.stderr.contains(n), "stderr lacks {n:?}: {out:?}");
    }
}

/// Removes a SQLite database's side files, as a `cp` over a closed keyring
/// leaves none.
fn replace_keyring(target: &Path, with: &Path) {
    for suffix in ["-wal", "-shm"] {
        let mut side = target.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    std::fs::copy(with, target).expect("replace the keyring file");
}

// ----- 1. keyring pinning ---------------------------------------------------

/// An admin's keyring with an age slot for `ci`; ci has used it once.
/// Returns (env as admin, ci's credential, ci's recipient).
fn keyring_with_ci() -> (TestEnv, Cred, String) {
    let env = env_with_keyring();
    let ci_id = env.path("ci.txt");
    let recipient = age_keygen(&ci_id);
    env.ok([
        "slot",
        "add",
        "--principal",
        "ci",
        "--age-recipient",
        &recipient,
    ]);
    let key = env.create_key();
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/backups",
        "--target-key-id",
        &key,
    ]);
    let ci = Cred::Identity(ci_id);
    env.run_as(&ci, ["whoami"]).success();
    (env, ci, recipient)
}

/// The attack of the issue: someone who can write the keyring file but
/// holds no credential replaces it with a keyring they made for ci's public
/// recipient (read from the keyring's clear slots), with the alias copied.
/// ci's encrypt-file must refuse it, naming both keyrings and how to accept
/// a replacement made on purpose, and encrypt nothing; `trust-keyring`
/// then accepts it only when told exactly which keyring it is.
#[test]
fn a_keyring_replaced_by_one_made_for_ci_is_refused() {
    let (env, ci, recipient) = keyring_with_ci();
    let genuine = pin_of(&env, &ci);

    // First use recorded the keyring for ci's recipient, privately.
    let file = known_keyrings(&env);
    let text = std::fs::read_to_string(&file).expect("known_keyrings written on first use");
    let line = text
        .lines()
        .find(|l| l.contains(&recipient))
        .unwrap_or_else(|| panic!("no line for ci's recipient in {text}"));
    assert!(line.starts_with(s(&env.keyring)), "{line}");
    assert!(line.ends_with(&genuine), "{line}");
    assert_eq!(mode(&file), 0o600);

    // The attacker's own machine: a keyring for ci's recipient, and one of
    // their own identities to fill it.
    let mut attacker = TestEnv::new();
    let theirs = attacker.path("attacker.txt");
    let made = attacker.json_as(
        &Cred::None,
        [
            "init",
            "--principal",
            "ci",
            "--age-recipient",
            &recipient,
            "--generate-identity",
            s(&theirs),
        ],
    );
    attacker.remember_keyring(&made);
    attacker.cred = Cred::Identity(theirs);
    let key = attacker.create_key();
    attacker.ok([
        "create-alias",
        "--alias-name",
        "alias/backups",
        "--target-key-id",
        &key,
    ]);
    replace_keyring(&env.keyring, &attacker.keyring);
    let forged = format!(
        "{}:{}",
        attacker.keyring_id,
        str_field(&attacker.json(["whoami"]), "KeyringFingerprint")
    );

    let plain = env.write_file("secrets.tar", "the backups");
    let out_file = env.path("secrets.tar.lkms");
    let out = env
        .run_as(
            &ci,
            [
                "encrypt-file",
                "--key-id",
                "alias/backups",
                "-o",
                s(&out_file),
                s(&plain),
            ],
        )
        .failure(EXIT_KEYRING, CHANGED);
    assert_mentions(
        &out,
        &[&genuine, &forged, "lkms trust-keyring --keyring-id"],
    );
    assert!(
        !out_file.exists(),
        "nothing may be encrypted to the attacker"
    );
    env.run_as(&ci, ["audit", "verify"])
        .failure(EXIT_KEYRING, CHANGED);

    // Accepting needs the exact keyring: another fingerprint is refused.
    let wrong = format!("{}:{}", attacker.keyring_id, "0".repeat(32));
    env.run_as(&ci, ["trust-keyring", "--keyring-id", &wrong])
        .failure(EXIT_KEYRING, CHANGED);
    env.run_as(&ci, ["whoami"]).failure(EXIT_KEYRING, CHANGED);
    let accepted = env.json_as(&ci, ["trust-keyring", "--keyring-id", &forged]);
    assert_eq!(accepted["Replaced"], Value::String(genuine));
    assert_eq!(str_field(&accepted, "KeyringId"), attacker.keyring_id);
    env.run_as(&ci, ["whoami"]).success();
}

/// `LKMS_KEYRING_ID` pins the keyring in CI, where no known_keyrings file
/// survives between jobs: the id with the fingerprint, or the id alone; a
/// mismatch is refused, and the file is neither read nor written.
#[test]
fn lkms_keyring_id_pins_the_keyring_without_a_file() {
    let (env, ci, _) = keyring_with_ci();
    let pin = pin_of(&env, &ci);
    let id = pin.split(':').next().unwrap_or_default().to_owned();
    std::fs::remove_file(known_keyrings(&env)).expect("remove known_keyrings");

    let with_pin = |value: &str, args: &[&str]| {
        let mut cmd = env.cmd_as(&ci);
        cmd.env("LKMS_KEYRING_ID", value).args(args);
        run_cmd(cmd)
    };
    with_pin(&pin, &["whoami"]).success();
    with_pin(&id, &["whoami"]).success();
    assert!(
        !known_keyrings(&env).exists(),
        "with LKMS_KEYRING_ID the file is not written"
    );
    let other_id = format!(
        "{}:{}",
        "0".repeat(16),
        pin.split(':').nth(1).unwrap_or_default()
    );
    let out = with_pin(
        &other_id,
        &[
            "encrypt",
            "--key-id",
            "alias/backups",
            "--plaintext",
            "aGk=",
        ],
    )
    .failure(EXIT_KEYRING, CHANGED);
    assert_mentions(&out, &["LKMS_KEYRING_ID", &pin]);
    let other_fingerprint = format!("{id}:{}", "f".repeat(32));
    with_pin(&other_fingerprint, &["whoami"]).failure(EXIT_KEYRING, CHANGED);
    with_pin("not-an-id", &["whoami"]).failure(EXIT_INVALID_VALUE, "ValidationException");
}

/// Root key rotation by the admin (rotate-root-key, slot remove, passwd)
/// keeps the keyring's fingerprint: ci, pinned before, still opens it, by
/// the file and by `LKMS_KEYRING_ID` alike.
#[test]
fn root_key_rotation_by_the_admin_keeps_the_pin_of_other_principals() {
    let (mut env, ci, _) = keyring_with_ci();
    let before = pin_of(&env, &ci);
    let pass = env.write_file("admin.pass", "an admin passphrase, long enough");
    env.ok([
        "slot",
        "add",
        "--principal",
        "admin2",
        "--new-passphrase-file",
        s(&pass),
    ]);
    env.ok(["rotate-root-key"]);
    env.ok(["slot", "remove", "--slot-id", "3", "--yes"]);
    env.ok(["rotate-root-key"]);
    // passwd by a passphrase holder rotates too.
    env.ok([
        "slot",
        "add",
        "--principal",
        "admin3",
        "--new-passphrase-file",
        s(&pass),
    ]);
    env.cred = Cred::PassphraseFile(pass.clone());
    let next = env.write_file("next.pass", "the next admin passphrase");
    env.ok(["passwd", "--new-passphrase-file", s(&next)]);

    assert_eq!(
        pin_of(&env, &ci),
        before,
        "the fingerprint survives rotation"
    );
    env.run_as(
        &ci,
        [
            "encrypt",
            "--key-id",
            "alias/backups",
            "--plaintext",
            "aGk=",
        ],
    )
    .success();
    let mut cmd = env.cmd_as(&ci);
    cmd.env("LKMS_KEYRING_ID", &before).arg("whoami");
    run_cmd(cmd).success();
}

// ----- 2. process hygiene and bounded input ------------------------------

/// A `--query` nested 30,000 levels deep overflowed the stack while the
/// response was rendered (exit 134); it is a clear parameter error now,
/// whatever construct nests it.
#[test]
fn a_query_nested_thirty_thousand_levels_deep_is_a_clear_error() {
    let env = env_with_keyring();
    let n = 30_000;
    for (what, query) in [
        ("a field chain", vec!["a"; n].join(".")),
        ("negations", format!("{}a", "!".repeat(n))),
        ("lists", format!("{}a{}", "[".repeat(n), "]".repeat(n))),
        (
            "parentheses",
            format!("{}a{}", "(".repeat(n), ")".repeat(n)),
        ),
    ] {
        let out = env.run(["whoami", "--query", &query]);
        // Not `failure()`: its message would print the whole query.
        assert_eq!(out.code, EXIT_INVALID_VALUE, "{what}: {}", out.stderr);
        let out = out.assert_exception("ValidationException");
        assert_mentions(&out, &["--query", "at most"]);
        assert!(out.stderr.len() < 1000, "{what}: the query is echoed back");
    }
    // A deep but sane query still works.
    let q = format!("{}KeyringId{}", "(".repeat(50), ")".repeat(50));
    env.ok(["whoami", "--query", &q]);
}

/// JSON documents nested thousands of levels deep are refused by a bound
/// that names the depth, before any recursive parser sees them.
#[test]
fn deeply_nested_json_documents_are_a_clear_error() {
    let env = env_with_keyring();
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let policy = env.write_file(
        "policy.json",
        &format!(r#"{{"Version":"2012-10-17","Statement":{}}}"#, deep(10_000)),
    );
    let out = env
        .run(["create-key", "--policy", &format!("file://{}", s(&policy))])
        .failure(EXIT_KMS, "MalformedPolicyDocumentException");
    assert_mentions(&out, &["10001 levels deep", "at most 32"]);

    let context = format!(r#"{{"a":{}}}"#, deep(5_000));
    let out = env.run([
        "encrypt",
        "--plaintext",
        "aGk=",
        "--encryption-context",
        &context,
    ]);
    assert_eq!(out.code, EXIT_INVALID_VALUE, "{out:?}");
    assert!(out.stderr.contains("levels deep"), "{out:?}");
    let out = env.run(["create-key", "--tags", &deep(5_000)]);
    assert_eq!(out.code, EXIT_INVALID_VALUE, "{out:?}");
    assert!(out.stderr.contains("levels deep"), "{out:?}");
}

/// `file://` and `fileb://` parameters are read up to a bound: a 64 MiB
/// file (or an endless stream) is refused before it fills the memory.
#[test]
fn parameter_files_are_read_up_to_a_bound() {
    let env = env_with_keyring();
    let big = env.path("big.bin");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(64 << 20))
        .expect("sparse file");
    for args in [
        vec!["encrypt", "--plaintext"],
        vec!["create-key", "--policy"],
        vec!["encrypt", "--plaintext", "aGk=", "--encryption-context"],
    ] {
        let scheme = if args.len() == 2 && args[1] == "--plaintext" {
            "fileb://"
        } else {
            "file://"
        };
        let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        all.push(format!("{scheme}{}", s(&big)));
        let out = env.run(&all);
        assert_eq!(out.code, EXIT_INVALID_VALUE, "{out:?}");
        assert!(
            out.stderr.contains("1048576 bytes, the most lkms reads"),
            "{out:?}"
        );
    }
}

/// The uid and `/proc/<pid>` owner of a running process, and its core
/// limit line.
fn proc_facts(pid: u32) -> Option<(u32, u32, String, u64)> {
    let dir = PathBuf::from(format!("/proc/{pid}"));
    // The kernel gives a process that is not dumpable root's ownership of
    // its /proc files (environ, mem, status...).
    let owner = std::fs::metadata(dir.join("environ")).ok()?.uid();
    let status = std::fs::read_to_string(dir.join("status")).ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let locked_kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmLck:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let limits = std::fs::read_to_string(dir.join("limits")).ok()?;
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))?
        .to_owned();
    Some((uid, owner, core, locked_kb))
}

/// Waits (with a generous guard, for a hung or unhardened process) until
/// `ready` holds for the running child's /proc facts.
fn wait_for(child: &mut Child, what: &str, ready: impl Fn(&(u32, u32, String, u64)) -> bool) {
    let start = Instant::now();
    loop {
        if let Some(f) = proc_facts(child.id())
            && ready(&f)
        {
            return;
        }
        if let Ok(Some(st)) = child.try_wait() {
            panic!("lkms exited ({st}) before {what}");
        }
        if start.elapsed() > Duration::from_secs(60) {
            let facts = proc_facts(child.id());
            let _ = child.kill();
            let _ = child.wait();
            panic!("lkms never got to {what}: {facts:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let st = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(st.success(), "mkfifo {path:?}");
}

/// Opens a FIFO for writing and writes `bytes`, on a thread of its own (the
/// open waits for the reader).
fn feed(fifo: PathBuf, bytes: Vec<u8>) {
    std::thread::spawn(move || {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&fifo) {
            let _ = f.write_all(&bytes);
        }
    });
}

/// A core of lkms would hold the root key, the passphrase and plaintext:
/// while a decrypt-file waits on its input (a FIFO the test controls), the
/// process has core dumps off (soft and hard limit 0), its keys locked in
/// memory (VmLck), and it is not dumpable, which the kernel shows by
/// making `/proc/<pid>/environ` and the rest root's (so other processes of the same user cannot
/// read its memory or its environment, where LKMS_PASSPHRASE may be).
#[test]
fn a_waiting_lkms_dumps_no_core_locks_its_keys_and_is_not_dumpable() {
    let env = env_with_keyring();
    let key = env.create_key();
    let plain = env.write_file("data.txt", "plaintext worth a core dump");
    let sealed = env.path("data.txt.lkms");
    env.ok([
        "encrypt-file",
        "--key-id",
        &key,
        "-o",
        s(&sealed),
        s(&plain),
    ]);
    let fifo = env.path("fifo.lkms");
    mkfifo(&fifo);
    let out = env.path("out.txt");
    let mut cmd = env.cmd();
    cmd.args(["decrypt-file", "-o", s(&out), s(&fifo)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn lkms");
    // Unlocked (the root key is held, locked) and waiting for its input.
    wait_for(&mut child, "holding locked keys", |f| f.3 > 0);
    let (_, _, core, _) = proc_facts(child.id()).expect("/proc facts");
    let limits: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&limits[4..6], ["0", "0"], "core limit: {core}");
    feed(fifo, std::fs::read(&sealed).expect("read sealed"));
    let (code, _, stderr) = wait_capture(child, Duration::from_secs(180), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&out).expect("decrypted"),
        "plaintext worth a core dump"
    );

    // Not dumpable: seen from an unprivileged uid, whose dumpable process's
    // /proc files would be its own. As root the test runs lkms (a
    // copy any uid can execute) as nobody.
    let dir = tempfile::Builder::new()
        .prefix("lkms-nodump-")
        .tempdir()
        .expect("temp dir");
    let fifo = dir.path().join("plaintext");
    mkfifo(&fifo);
    let root = std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .unwrap_or(0)
        == 0;
    let mut cmd = if root {
        use std::os::unix::fs::PermissionsExt;
        let bin = dir.path().join("lkms");
        std::fs::copy(BIN, &bin).expect("copy lkms");
        for (p, m) in [
            (dir.path(), 0o755),
            (bin.as_path(), 0o755),
            (fifo.as_path(), 0o666),
        ] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(BIN)
    };
    cmd.env_clear()
        .env("HOME", dir.path())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env(
            "LKMS_PASSPHRASE",
            "visible to ptrace and /proc/pid/environ if dumpable",
        )
        .args([
            OsStr::new("encrypt"),
            OsStr::new("--plaintext"),
            OsStr::new(&format!("fileb://{}", s(&fifo))),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn lkms");
    wait_for(&mut child, "being not dumpable", |(uid, owner, _, _)| {
        *uid != 0 && *owner == 0
    });
    let (_, _, core, _) = proc_facts(child.id()).expect("/proc facts");
    assert!(core.split_whitespace().nth(4) == Some("0"), "{core}");
    let _ = child.kill();
    let _ = child.wait();
}

// ----- 3. Argon2 bounds, slot tries and slot messages ----------------------

fn open_db(path: &Path) -> Connection {
    Connection::open(path).unwrap_or_else(|e| panic!("open {path:?}: {e}"))
}

fn close_db(db: Connection) {
    db.close().map_err(|(_, e)| e).expect("close the database");
}

/// The JSON of slot row `id`.
fn slot_json(db: &Connection, id: &str) -> Value {
    let data: Vec<u8> = db
        .query_row("SELECT data FROM slots WHERE id = ?1", [id], |r| r.get(0))
        .expect("slot row");
    serde_json::from_slice(&data).expect("slot JSON")
}

/// A slot row inserted by someone who can write the file, asking for
/// Argon2id with 1 GiB and 16 passes (an unlock took 37 s): refused at once,
/// naming the slot and the bound, before any Argon2 work.
#[test]
fn a_slot_with_huge_argon2_parameters_is_refused_by_name() {
    let mut env = TestEnv::new();
    env.init_with_passphrase();
    let db = open_db(&env.keyring);
    let mut slot = slot_json(&db, "0000000001");
    slot["id"] = Value::from(0);
    slot["principal"] = Value::from("mallory");
    slot["argon2id"] = serde_json::json!({"m_cost_kib": 1_048_576, "t_cost": 16, "p_cost": 1});
    db.execute(
        "INSERT INTO slots (id, version, data) VALUES (?1, 1, ?2)",
        params!["0000000000", serde_json::to_vec(&slot).expect("JSON")],
    )
    .expect("insert slot");
    close_db(db);
    for cred in [
        Cred::Passphrase(PASSPHRASE.into()),
        Cred::Passphrase("a wrong passphrase".into()),
    ] {
        let out = env
            .run_as(&cred, ["list-keys"])
            .failure(EXIT_KEYRING, CORRUPT);
        assert_mentions(
            &out,
            &[
                "slot 0 (mallory)",
                "m=1048576 KiB, t=16",
                "at most m=131072 KiB",
            ],
        );
    }
}

/// A keyring with four passphrase slots: a passphrase is tried on at most
/// three (each try is an Argon2id), the login name's slots first; the error
/// says how to name the slot; `--unlock-slot` and `LKMS_UNLOCK_SLOT` do.
#[test]
fn at_most_three_passphrase_slots_are_tried_and_one_can_be_named() {
    let mut env = TestEnv::new();
    env.init_with_passphrase();
    let mut last = String::new();
    for who in ["bob", "carol", "dave"] {
        let pass = env.write_file(&format!("{who}.pass"), &format!("{who}'s own passphrase"));
        env.ok([
            "slot",
            "add",
            "--principal",
            who,
            "--new-passphrase-file",
            s(&pass),
        ]);
        last = format!("{who}'s own passphrase");
    }
    let dave = Cred::Passphrase(last);
    let out = env
        .run_as(&dave, ["whoami"])
        .failure(EXIT_KEYRING, UNLOCK_FAILED);
    assert_mentions(
        &out,
        &[
            "slots 1, 2, 3",
            "at most 3 of its 4",
            "--unlock-slot",
            "LKMS_UNLOCK_SLOT",
        ],
    );
    let who = env.json_as(&dave, ["--unlock-slot", "4", "whoami"]);
    assert_eq!(str_field(&who, "Principal"), "dave");
    let mut cmd = env.cmd_as(&dave);
    cmd.env("LKMS_UNLOCK_SLOT", "4")
        .args(["--output", "json", "whoami"]);
    run_cmd(cmd).success();
    // The login name's slot is tried first.
    let mut cmd = env.cmd_as(&dave);
    cmd.env("USER", "dave").args(["--output", "json", "whoami"]);
    let out = run_cmd(cmd).success();
    assert_eq!(str_field(&out.json(), "Principal"), "dave");
    // A named slot the passphrase does not open is not a way around the bound.
    env.run_as(&dave, ["--unlock-slot", "2", "whoami"])
        .failure(EXIT_KEYRING, UNLOCK_FAILED);
}

/// Flips one byte of the wrapped root key in a slot: the right credential
/// is told the slot is damaged (it was "wrong passphrase?"), while a wrong
/// passphrase on an intact slot says it may be either.
#[test]
fn a_tampered_slot_is_reported_as_damaged_not_as_a_wrong_passphrase() {
    let mut env = TestEnv::new();
    let id = env.path("id.txt");
    env.cred = Cred::Passphrase(PASSPHRASE.into());
    env.ok(["init", "--generate-identity", s(&id)]);
    let out = env
        .run_as(&Cred::Passphrase("not the passphrase".into()), ["whoami"])
        .failure(EXIT_KEYRING, UNLOCK_FAILED);
    assert_mentions(
        &out,
        &["wrong passphrase, or the slot is damaged", "verify-keyring"],
    );

    let db = open_db(&env.keyring);
    for row in ["0000000001", "0000000002"] {
        let mut slot = slot_json(&db, row);
        let wrapped = str_field(&slot, "wrapped_key");
        let mut bytes = unb64(&wrapped);
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        slot["wrapped_key"] = Value::from(b64(&bytes));
        db.execute(
            "UPDATE slots SET data = ?2 WHERE id = ?1",
            params![row, serde_json::to_vec(&slot).expect("JSON")],
        )
        .expect("tamper slot");
    }
    close_db(db);
    for (cred, slot) in [
        (Cred::Passphrase(PASSPHRASE.into()), "slot 1"),
        (Cred::Identity(id), "slot 2"),
    ] {
        let out = env.run_as(&cred, ["whoami"]).failure(EXIT_KEYRING, CORRUPT);
        assert_mentions(&out, &[slot, "is damaged", "backup"]);
        assert!(!out.stderr.contains("wrong passphrase"), "{out:?}");
    }
}

// ----- 4. secrets on the command line ---------------------------------------

/// `--plaintext` on the command line is readable by other local users
/// through /proc; its help says so and names the ways that are not.
#[test]
fn plaintext_help_warns_that_command_line_values_are_visible() {
    let env = TestEnv::new();
    let out = run_cmd({
        let mut c = env.raw_cmd();
        c.args(["encrypt", "--help"]);
        c
    })
    .success();
    let help = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "visible to other local users",
        "/proc/PID/cmdline",
        "fileb://PATH",
        "fileb:///dev/stdin",
    ] {
        assert!(
            help.contains(needle),
            "encrypt --help lacks {needle:?}: {help}"
        );
    }
}
