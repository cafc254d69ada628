//! Keyring format 2 (one SQLite file): crash safety under concurrent
//! writers, a full disk, tampering with the database by hand, root key
//! rotation against an old copy, migration of the format 1 fixture, backups
//! while writing, and the audit trail's export and pruning
//! (docs/KEYRING.md).
//!
//! The database is edited with `rusqlite` only while no `lkms` process
//! runs, and every connection is closed before `lkms` runs again.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rusqlite::{Connection, params};
use serde_json::Value;
use time::OffsetDateTime;

use crate::env::{
    Cred, EXIT_KEYRING, EXIT_KMS, Out, TestEnv, b64, env_with_keyring, error_line, has_error_line,
    parse_time, run_cmd, str_field, unb64,
};
use crate::kill::{Run, SplitMix64, printed_key_id, run_maybe_killed};

/// The exception the audit trail's verification names.
const AUDIT_INVALID: &str = "AuditLogInvalidException";
/// The exception of a keyring whose records fail authentication.
const CORRUPT: &str = "KeyringCorruptException";

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// The fixture made by the format 1 lkms.
fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1")
}

// ----- helpers ------------------------------------------------------------

/// `lkms <args>` against the keyring at `keyring` (instead of the
/// environment's), with `cred`.
fn run_at<I, S>(env: &TestEnv, keyring: &Path, cred: &Cred, args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = env.cmd_as(cred);
    cmd.env("LKMS_KEYRING", keyring);
    cmd.args(args);
    run_cmd(cmd)
}

/// As `run_at` with `--output json`, asserting success; parses stdout.
#[track_caller]
fn json_at<I, S>(env: &TestEnv, keyring: &Path, cred: &Cred, args: I) -> Value
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = env.cmd_as(cred);
    cmd.env("LKMS_KEYRING", keyring);
    cmd.args(["--output", "json"]).args(args);
    run_cmd(cmd).success().json()
}

/// `verify-keyring` and `audit verify` both pass on the keyring at `keyring`;
/// returns `audit verify`'s JSON.
#[track_caller]
fn assert_verifies(env: &TestEnv, keyring: &Path, cred: &Cred, when: &str) -> Value {
    let vk = run_at(env, keyring, cred, ["--output", "json", "verify-keyring"]);
    assert_eq!(vk.code, 0, "verify-keyring fails {when}: {vk:?}");
    let av = run_at(env, keyring, cred, ["--output", "json", "audit", "verify"]);
    assert_eq!(av.code, 0, "audit verify fails {when}: {av:?}");
    av.json()
}

/// Opens the keyring database for editing by hand (no lkms may run).
fn open_db(path: &Path) -> Connection {
    Connection::open(path).unwrap_or_else(|e| panic!("open {path:?} with rusqlite: {e}"))
}

/// Closes a connection, so that its WAL is folded back before lkms runs.
fn close_db(db: Connection) {
    db.close().map_err(|(_, e)| e).expect("close the database");
}

/// The path of a SQLite side file (`-wal`, `-shm`) of `path`.
fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Every row of every table of the keyring database, in order: what a
/// command that is not audited (verifications, a refused open) must leave
/// exactly as it was. (Compared logically, not byte for byte: a process
/// that closes the database last folds the WAL back into the file.)
type Snapshot = Vec<(&'static str, Vec<Vec<rusqlite::types::Value>>)>;

fn db_snapshot(path: &Path) -> Snapshot {
    let db = open_db(path);
    let mut out = Vec::new();
    for table in ["meta", "slots", "keys", "aliases", "grants", "audit"] {
        let rows = {
            let mut stmt = db
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
                .expect("prepare");
            let n = stmt.column_count();
            stmt.query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .expect("query")
            .map(|r| r.expect("row"))
            .collect()
        };
        out.push((table, rows));
    }
    close_db(db);
    out
}

/// Asserts the keyring database holds exactly what it held before.
#[track_caller]
fn assert_db_unchanged(path: &Path, before: &Snapshot, what: &str) {
    let after = db_snapshot(path);
    for ((table, b), (_, a)) in before.iter().zip(&after) {
        assert!(
            a == b,
            "{what} changed table {table} of the keyring ({} rows before, {} after)",
            b.len(),
            a.len()
        );
    }
}

/// One row of the `keys` table.
#[derive(Clone, Debug, PartialEq)]
struct KeyRow {
    id: String,
    version: i64,
    due_at: Option<i64>,
    gone_at: Option<i64>,
    data: Vec<u8>,
}

fn key_rows(db: &Connection) -> Vec<KeyRow> {
    let mut stmt = db
        .prepare("SELECT id, version, due_at, gone_at, data FROM keys ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| {
        Ok(KeyRow {
            id: r.get(0)?,
            version: r.get(1)?,
            due_at: r.get(2)?,
            gone_at: r.get(3)?,
            data: r.get(4)?,
        })
    })
    .expect("query keys")
    .map(|r| r.expect("key row"))
    .collect()
}

fn key_row(db: &Connection, id: &str) -> KeyRow {
    key_rows(db)
        .into_iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no keys row {id}"))
}

fn insert_key_row(db: &Connection, r: &KeyRow) {
    db.execute(
        "INSERT OR REPLACE INTO keys (id, version, due_at, gone_at, data) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![r.id, r.version, r.due_at, r.gone_at, r.data],
    )
    .expect("write keys row");
}

/// One row of the `audit` table, every column.
#[derive(Clone, Debug, PartialEq)]
struct AuditRow {
    seq: i64,
    time: i64,
    key_ix: Option<i64>,
    source_key_ix: Option<i64>,
    principal_ix: i64,
    operation_ix: i64,
    data: Vec<u8>,
    hash: Vec<u8>,
}

fn audit_rows(db: &Connection) -> Vec<AuditRow> {
    let mut stmt = db
        .prepare(
            "SELECT seq, time, key_ix, source_key_ix, principal_ix, operation_ix, data, hash
             FROM audit ORDER BY seq",
        )
        .expect("prepare");
    stmt.query_map([], |r| {
        Ok(AuditRow {
            seq: r.get(0)?,
            time: r.get(1)?,
            key_ix: r.get(2)?,
            source_key_ix: r.get(3)?,
            principal_ix: r.get(4)?,
            operation_ix: r.get(5)?,
            data: r.get(6)?,
            hash: r.get(7)?,
        })
    })
    .expect("query audit")
    .map(|r| r.expect("audit row"))
    .collect()
}

fn audit_rows_of(path: &Path) -> Vec<AuditRow> {
    let db = open_db(path);
    let rows = audit_rows(&db);
    close_db(db);
    rows
}

/// Writes every column but `seq` of `r` into the row numbered `seq`.
fn put_audit_row_at(db: &Connection, seq: i64, r: &AuditRow) {
    let n = db
        .execute(
            "UPDATE audit SET time = ?2, key_ix = ?3, source_key_ix = ?4, principal_ix = ?5,
             operation_ix = ?6, data = ?7, hash = ?8 WHERE seq = ?1",
            params![
                seq,
                r.time,
                r.key_ix,
                r.source_key_ix,
                r.principal_ix,
                r.operation_ix,
                r.data,
                r.hash
            ],
        )
        .expect("update audit row");
    assert_eq!(n, 1, "no audit row {seq}");
}

fn meta_value(db: &Connection, name: &str) -> Vec<u8> {
    db.query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .unwrap_or_else(|e| panic!("no meta row {name:?}: {e}"))
}

/// The audit records `audit show <filters>` prints.
#[track_caller]
fn audit_show(env: &TestEnv, keyring: &Path, cred: &Cred, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["audit", "show"];
    args.extend_from_slice(filters);
    let v = json_at(env, keyring, cred, &args);
    v["Records"]
        .as_array()
        .unwrap_or_else(|| panic!("no Records array in {v}"))
        .clone()
}

/// For each key id, how many `CreateKey` records with Outcome `Success`
/// name it (by a KeyArn ending with `key/<id>`).
#[track_caller]
fn create_key_successes(env: &TestEnv, keyring: &Path, cred: &Cred) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in audit_show(env, keyring, cred, &["--operation", "CreateKey"]) {
        assert_eq!(r["Operation"], "CreateKey", "audit show --operation: {r}");
        if r["Outcome"] != "Success" {
            continue;
        }
        let arn = r["KeyArn"]
            .as_str()
            .unwrap_or_else(|| panic!("a successful CreateKey record names no key: {r}"));
        let id = arn
            .rsplit_once(":key/")
            .map(|(_, id)| id.to_owned())
            .unwrap_or_else(|| panic!("KeyArn {arn:?} is not a key ARN"));
        *out.entry(id).or_insert(0) += 1;
    }
    out
}

/// Every key id of the keyring at `keyring`, through list-keys pages.
#[track_caller]
fn listed_keys(env: &TestEnv, keyring: &Path, cred: &Cred) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut marker: Option<String> = None;
    loop {
        let mut args: Vec<String> = vec!["list-keys".into()];
        if let Some(m) = &marker {
            args.extend(["--marker".into(), m.clone()]);
        }
        let v = json_at(env, keyring, cred, &args);
        for k in v["Keys"].as_array().expect("Keys") {
            ids.insert(str_field(k, "KeyId"));
        }
        if v["Truncated"] != Value::Bool(true) {
            break;
        }
        marker = Some(str_field(&v, "NextMarker"));
    }
    ids
}

/// The keys and their CreateKey records commit together: every key has
/// exactly one successful CreateKey record, and every such record names a
/// key that exists.
#[track_caller]
fn assert_keys_match_create_records(
    keys: &BTreeSet<String>,
    records: &BTreeMap<String, usize>,
    what: &str,
) {
    for id in keys {
        assert_eq!(
            records.get(id).copied().unwrap_or(0),
            1,
            "{what}: key {id} has {} successful CreateKey records (expected exactly 1)",
            records.get(id).copied().unwrap_or(0)
        );
    }
    for id in records.keys() {
        assert!(
            keys.contains(id),
            "{what}: a successful CreateKey record names {id}, which does not exist (a record committed without its change)"
        );
    }
}

/// Runs `create-key`, killed with SIGKILL after `kill_after` when given.
fn create_key_maybe_killed(env: &TestEnv, description: &str, kill_after: Option<Duration>) -> Run {
    let mut cmd = env.cmd();
    cmd.args([
        "--output",
        "json",
        "create-key",
        "--description",
        description,
    ]);
    run_maybe_killed(cmd, kill_after, &format!("create-key {description:?}"))
}

// ----- 1. crash safety under concurrent writers ---------------------------

/// Proves that a change and its audit record commit together or not at
/// all, and that SIGKILL at any point (while seven other writers wait for
/// or hold the write lock) never loses a committed key nor breaks the
/// keyring: 8 writers x 25 `create-key`, half of them killed at a random
/// point. Afterwards the keyring opens, every key whose id was printed
/// exists, every key has exactly one successful CreateKey record and every
/// such record has its key, and both verifications pass.
#[test]
fn sigkill_campaign_keeps_changes_and_audit_records_together() {
    const WRITERS: u64 = 8;
    const PER_WRITER: usize = 25;

    let env = env_with_keyring();
    let env = &env;

    // (printed ids, kills attempted, kills that hit a running process)
    let results: Vec<(Vec<String>, usize, usize)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                s.spawn(move || {
                    let mut rng = SplitMix64(0x6C6B_6D73_2D73_746F ^ ((w << 32) | w)); // "lkms-sto"
                    let mut printed = Vec::new();
                    let (mut attempted, mut hit) = (0, 0);
                    for i in 0..PER_WRITER {
                        let kill = rng.next().is_multiple_of(2);
                        // Short delays: with eight writers a create-key
                        // waits for the write lock, so it lives longer.
                        let delay = rng.delay(Duration::from_millis(150));
                        let desc = format!("writer {w} run {i}");
                        let Run {
                            code,
                            stdout,
                            stderr,
                            killed,
                        } = create_key_maybe_killed(env, &desc, kill.then_some(delay));
                        if kill {
                            attempted += 1;
                            hit += usize::from(killed);
                            // Killed (-1) or finished first (0): never an
                            // error caused by the other writers or kills.
                            assert!(
                                code == 0 || code == -1,
                                "{desc}, killed after {delay:?}, exited {code}:\n{stdout}\n{stderr}"
                            );
                        } else {
                            assert_eq!(
                                code, 0,
                                "{desc} (not killed) failed while others were killed:\n{stdout}\n{stderr}"
                            );
                        }
                        match printed_key_id(&stdout) {
                            Some(id) => printed.push(id),
                            None => assert!(
                                code != 0,
                                "{desc} succeeded without printing a KeyId:\n{stdout}"
                            ),
                        }
                    }
                    (printed, attempted, hit)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("writer thread panicked"))
            .collect()
    });

    let printed: Vec<String> = results.iter().flat_map(|r| r.0.clone()).collect();
    let attempted: usize = results.iter().map(|r| r.1).sum();
    let hit: usize = results.iter().map(|r| r.2).sum();
    eprintln!(
        "storage sigkill campaign: {attempted} kills sent, {hit} hit a running create-key, {} ids printed",
        printed.len()
    );
    assert!(
        hit > 0,
        "no SIGKILL landed on a running create-key: the campaign tested nothing"
    );

    // The keyring opens.
    let out = env.run(["list-keys"]);
    assert_eq!(
        out.code, 0,
        "the keyring does not open after the campaign: {out:?}"
    );

    let keys = listed_keys(env, &env.keyring, &env.cred);
    let unique: BTreeSet<&String> = printed.iter().collect();
    assert_eq!(
        unique.len(),
        printed.len(),
        "create-key printed an id twice"
    );
    assert!(
        keys.len() <= (WRITERS as usize) * PER_WRITER,
        "{} keys after at most {} create-key calls",
        keys.len(),
        WRITERS as usize * PER_WRITER
    );
    for id in &printed {
        assert!(
            keys.contains(id),
            "create-key printed {id} but the key is not listed"
        );
        assert_eq!(env.describe(id)["KeyId"], id.as_str());
    }

    let records = create_key_successes(env, &env.keyring, &env.cred);
    for id in &printed {
        assert_eq!(
            records.get(id).copied().unwrap_or(0),
            1,
            "printed key {id}: expected exactly one successful CreateKey record"
        );
    }
    assert_keys_match_create_records(&keys, &records, "after the SIGKILL campaign");

    assert_verifies(env, &env.keyring, &env.cred, "after the SIGKILL campaign");
    // And it still takes writes.
    let last = env.create_key();
    assert_eq!(env.describe(&last)["KeyId"], last.as_str());
}

// ----- 2. a full disk ------------------------------------------------------

/// A tmpfs mounted for one test; unmounted when dropped.
struct TmpfsMount(PathBuf);

impl TmpfsMount {
    fn new(dir: &Path, size: &str) -> Self {
        std::fs::create_dir_all(dir).expect("create mount point");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stdin(Stdio::null())
            .output();
        let failure = match &out {
            Ok(o) if o.status.success() => None,
            Ok(o) => Some(format!(
                "mount exited {:?}: {}",
                o.status.code(),
                String::from_utf8_lossy(&o.stderr).trim()
            )),
            Err(e) => Some(format!("cannot run mount: {e}")),
        };
        if let Some(why) = failure {
            eprintln!(
                "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                 !!! disk-full test: cannot mount a {size} tmpfs on {}\n\
                 !!! {why}\n\
                 !!! This test needs root (CAP_SYS_ADMIN) to mount a small filesystem;\n\
                 !!! it FAILS rather than pass without testing anything.\n\
                 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
                dir.display()
            );
            panic!("cannot mount a tmpfs for the disk-full test: {why}");
        }
        TmpfsMount(dir.to_path_buf())
    }
}

impl Drop for TmpfsMount {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .stdin(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            // Something still holds it open: detach it.
            let _ = Command::new("umount")
                .arg("-l")
                .arg(&self.0)
                .stdin(Stdio::null())
                .status();
        }
    }
}

/// Writes `path` until the filesystem is full; returns its size.
fn fill_until_full(path: &Path) -> u64 {
    use std::io::Write as _;
    let mut f = std::fs::File::create(path).expect("create filler");
    let chunk = vec![0x5au8; 4096];
    let mut written = 0u64;
    loop {
        match f.write(&chunk) {
            Ok(0) => break,
            Ok(n) => written += n as u64,
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
            Err(e) => panic!("writing the filler: {e}"),
        }
        assert!(written < 64 << 20, "the small filesystem never filled up");
    }
    let _ = f.sync_all();
    written
}

/// Proves that a full disk fails a write cleanly: `create-key` exits
/// non-zero naming the full disk, changes nothing (no key, no record), and
/// once space is freed the keyring opens with every key created before,
/// both verifications pass and writes work again.
#[test]
fn disk_full_fails_cleanly_and_keeps_the_keyring() {
    let mut env = TestEnv::new();
    let mnt = env.path("small-fs");
    // Declared after `env`: unmounted before the temporary folder goes.
    let _mount = TmpfsMount::new(&mnt, "512k");
    env.keyring = mnt.join("keyring.db");
    env.init_with_identity();
    let mut created = vec![env.create_key(), env.create_key()];

    // Fill the filesystem, then give back 64 KiB: room for a few keys.
    let filler = mnt.join("filler");
    let size = fill_until_full(&filler);
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .expect("open filler");
    f.set_len(size.saturating_sub(64 * 1024))
        .expect("shrink filler");
    drop(f);

    let mut failure = None;
    for i in 0..2000 {
        let out = env.run([
            "--output",
            "json",
            "create-key",
            "--description",
            &format!("fill {i}"),
        ]);
        if out.code == 0 {
            created.push(str_field(&out.json()["KeyMetadata"], "KeyId"));
        } else {
            failure = Some(out);
            break;
        }
    }
    let failure = failure.expect("create-key never failed on a full 512 KiB filesystem");
    eprintln!(
        "disk full after {} keys: exit {}: {}",
        created.len(),
        failure.code,
        failure.stderr.trim()
    );
    assert!(
        has_error_line(&failure.stderr),
        "the disk-full failure prints no `An error occurred (<Exception>) ...` line: {failure:?}"
    );
    let lower = failure.stderr.to_lowercase();
    assert!(
        lower.contains("disk is full")
            || lower.contains("no space")
            || lower.contains("disk full")
            || lower.contains("storage full"),
        "the failure does not say the disk is full: {failure:?}"
    );
    assert!(
        printed_key_id(&failure.stdout).is_none(),
        "a failed create-key printed a KeyId: {failure:?}"
    );

    // Free the space.
    std::fs::remove_file(&filler).expect("remove filler");

    let out = env.run(["list-keys"]);
    assert_eq!(
        out.code, 0,
        "the keyring does not open after the disk was full: {out:?}"
    );
    let keys = listed_keys(&env, &env.keyring, &env.cred);
    let created_set: BTreeSet<String> = created.iter().cloned().collect();
    assert_eq!(
        keys, created_set,
        "the keys after a full disk differ from those created (the failed create-key must change nothing)"
    );
    for id in &created {
        assert_eq!(env.describe(id)["KeyId"], id.as_str());
    }
    let records = create_key_successes(&env, &env.keyring, &env.cred);
    assert_keys_match_create_records(&keys, &records, "after a full disk");
    assert_verifies(&env, &env.keyring, &env.cred, "after a full disk");
    let again = env.create_key();
    assert_eq!(env.describe(&again)["KeyId"], again.as_str());
}

// ----- 3. tampering with the database ---------------------------------------

/// A keyring with `n` symmetric keys; returns their ids.
fn keyring_with_keys(n: usize) -> (TestEnv, Vec<String>) {
    let env = env_with_keyring();
    let ids = (0..n)
        .map(|i| {
            let md = env.create_key_with(["--description", &format!("tamper key {i}")]);
            str_field(&md, "KeyId")
        })
        .collect();
    (env, ids)
}

/// Asserts `out` failed with `code`/`exception` and its message contains
/// every one of `needles`.
#[track_caller]
fn assert_refused(out: Out, code: i32, exception: &str, needles: &[&str]) -> Out {
    let out = out.failure(code, exception);
    let line = out.error_line(exception);
    for n in needles {
        assert!(
            line.contains(n),
            "the {exception} message does not name {n:?}: {line:?}\n{out:?}"
        );
    }
    out
}

/// Proves that each key record is bound to its row: the sealed data of two
/// keys swapped makes using either key fail (KeyringCorruptException naming
/// the record), and the refused calls change no record.
#[test]
fn tamper_swapped_key_records_are_refused() {
    let (env, ids) = keyring_with_keys(2);
    let plain = env.write_file("p.txt", "swap test");
    let db = open_db(&env.keyring);
    let (a, b) = (key_row(&db, &ids[0]), key_row(&db, &ids[1]));
    db.execute(
        "UPDATE keys SET data = ?2 WHERE id = ?1",
        params![a.id, b.data],
    )
    .expect("swap");
    db.execute(
        "UPDATE keys SET data = ?2 WHERE id = ?1",
        params![b.id, a.data],
    )
    .expect("swap");
    close_db(db);
    let records = env.records();

    let out = env.run(["describe-key", "--key-id", &ids[0]]);
    assert_refused(out, EXIT_KEYRING, CORRUPT, &[&ids[0], "keys"]);
    let fileb = format!("fileb://{}", plain.display());
    let out = env.run(["encrypt", "--key-id", &ids[1], "--plaintext", &fileb]);
    let out = assert_refused(out, EXIT_KEYRING, CORRUPT, &[&ids[1]]);
    assert!(!out.stdout.contains("CiphertextBlob"), "{out:?}");
    assert_eq!(env.records(), records, "a refused call changed the records");

    let before = db_snapshot(&env.keyring);
    let out = env.run(["verify-keyring"]);
    assert_refused(out, EXIT_KEYRING, CORRUPT, &["keys"]);
    assert_db_unchanged(&env.keyring, &before, "a failing verify-keyring");
}

/// Proves that `verify-keyring` detects a record replaced by an older copy
/// of itself (authentic, but stale): the authenticated digest no longer
/// matches.
#[test]
fn tamper_key_record_rolled_back_is_detected_by_verify_keyring() {
    let (env, ids) = keyring_with_keys(2);
    let db = open_db(&env.keyring);
    let old = key_row(&db, &ids[0]);
    close_db(db);
    env.ok([
        "update-key-description",
        "--key-id",
        &ids[0],
        "--description",
        "newer",
    ]);
    assert_verifies(&env, &env.keyring, &env.cred, "before the rollback");
    let db = open_db(&env.keyring);
    assert_ne!(
        key_row(&db, &ids[0]),
        old,
        "update-key-description changed no row"
    );
    insert_key_row(&db, &old);
    close_db(db);

    let before = db_snapshot(&env.keyring);
    let out = env.run(["verify-keyring"]);
    assert_refused(out, EXIT_KEYRING, CORRUPT, &["older copy"]);
    assert_db_unchanged(&env.keyring, &before, "a failing verify-keyring");
}

/// Proves that `verify-keyring` detects a deleted key record.
#[test]
fn tamper_deleted_key_record_is_detected_by_verify_keyring() {
    let (env, ids) = keyring_with_keys(3);
    let db = open_db(&env.keyring);
    assert_eq!(
        db.execute("DELETE FROM keys WHERE id = ?1", [&ids[1]])
            .expect("delete"),
        1
    );
    close_db(db);

    let before = db_snapshot(&env.keyring);
    let out = env.run(["verify-keyring"]);
    assert_refused(out, EXIT_KEYRING, CORRUPT, &["deleted"]);
    assert_db_unchanged(&env.keyring, &before, "a failing verify-keyring");
}

/// A keyring with some history in its audit trail; returns (env, last seq).
fn keyring_with_history() -> (TestEnv, i64) {
    let (env, ids) = keyring_with_keys(3);
    let plain = env.write_file("p.txt", "history");
    let fileb = format!("fileb://{}", plain.display());
    for id in &ids {
        env.ok(["encrypt", "--key-id", id, "--plaintext", &fileb]);
        env.ok(["describe-key", "--key-id", id]);
    }
    let rows = audit_rows_of(&env.keyring);
    let last = rows.last().expect("audit rows").seq;
    assert!(last >= 10, "expected at least 10 audit records, got {last}");
    assert_eq!(
        rows.iter().map(|r| r.seq).collect::<Vec<_>>(),
        (1..=last).collect::<Vec<_>>()
    );
    (env, last)
}

/// Proves that truncating the trail (its last two records deleted) is
/// reported by `audit verify` (and `verify-keyring`), naming the first
/// missing record, and that the failing verification changes nothing.
#[test]
fn tamper_audit_truncated_is_detected() {
    let (env, last) = keyring_with_history();
    let db = open_db(&env.keyring);
    assert_eq!(
        db.execute("DELETE FROM audit WHERE seq > ?1", [last - 2])
            .expect("truncate"),
        2
    );
    close_db(db);

    let before = db_snapshot(&env.keyring);
    let out = env.run(["audit", "verify"]);
    let needle = format!("audit record {}", last - 1);
    assert_refused(out, EXIT_KMS, AUDIT_INVALID, &[&needle]);
    assert_db_unchanged(&env.keyring, &before, "a failing audit verify");
    let out = env.run(["verify-keyring"]);
    assert_ne!(
        out.code, 0,
        "verify-keyring passes a truncated trail: {out:?}"
    );
    assert_db_unchanged(&env.keyring, &before, "a failing verify-keyring");
}

/// Proves that an audit record deleted from the middle is reported, naming
/// it.
#[test]
fn tamper_audit_record_deleted_from_the_middle_is_detected() {
    let (env, last) = keyring_with_history();
    let middle = last / 2;
    let db = open_db(&env.keyring);
    assert_eq!(
        db.execute("DELETE FROM audit WHERE seq = ?1", [middle])
            .expect("delete"),
        1
    );
    close_db(db);

    let before = db_snapshot(&env.keyring);
    let out = env.run(["audit", "verify"]);
    let needle = format!("audit record {middle}");
    assert_refused(out, EXIT_KMS, AUDIT_INVALID, &[&needle]);
    assert_db_unchanged(&env.keyring, &before, "a failing audit verify");
}

/// Proves that two audit records swapped (the trail reordered) are
/// reported, naming the first of them; reading them fails too.
#[test]
fn tamper_audit_records_reordered_are_detected() {
    let (env, last) = keyring_with_history();
    let (a, b) = (3, last - 2);
    let db = open_db(&env.keyring);
    let rows = audit_rows(&db);
    let (ra, rb) = (
        rows[(a - 1) as usize].clone(),
        rows[(b - 1) as usize].clone(),
    );
    assert_eq!((ra.seq, rb.seq), (a, b));
    put_audit_row_at(&db, a, &rb);
    put_audit_row_at(&db, b, &ra);
    close_db(db);

    let before = db_snapshot(&env.keyring);
    let out = env.run(["audit", "verify"]);
    let needle = format!("audit record {a}");
    assert_refused(out, EXIT_KMS, AUDIT_INVALID, &[&needle]);
    assert_db_unchanged(&env.keyring, &before, "a failing audit verify");
    // The records are sealed to their position: showing them fails too.
    let out = env.run(["audit", "show"]);
    assert_refused(out, EXIT_KMS, AUDIT_INVALID, &["audit record"]);
    assert_db_unchanged(&env.keyring, &before, "a failing audit show");
}

/// Proves that the state row rolled back to an older copy (with the
/// records written since left in place) is detected: `audit verify` names
/// the first record past the rolled-back head, `verify-keyring` fails, and
/// a write made on the rolled-back state neither succeeds nor overwrites
/// the records that prove the rollback.
#[test]
fn tamper_state_row_rolled_back_is_detected() {
    let (env, ids) = keyring_with_keys(1);
    let plain = env.write_file("p.txt", "state");
    let fileb = format!("fileb://{}", plain.display());
    let db = open_db(&env.keyring);
    let old_state = meta_value(&db, "state");
    let old_last = audit_rows(&db).last().expect("audit").seq;
    close_db(db);

    env.create_key();
    env.ok(["encrypt", "--key-id", &ids[0], "--plaintext", &fileb]);
    env.ok([
        "update-key-description",
        "--key-id",
        &ids[0],
        "--description",
        "after",
    ]);

    let db = open_db(&env.keyring);
    assert_ne!(
        meta_value(&db, "state"),
        old_state,
        "the state row never changed"
    );
    db.execute(
        "UPDATE meta SET value = ?1 WHERE name = 'state'",
        params![old_state],
    )
    .expect("roll back the state row");
    close_db(db);

    let before = db_snapshot(&env.keyring);
    let out = env.run(["audit", "verify"]);
    let needle = format!("audit record {}", old_last + 1);
    assert_refused(out, EXIT_KMS, AUDIT_INVALID, &[&needle]);
    assert_db_unchanged(&env.keyring, &before, "a failing audit verify");

    let out = env.run(["verify-keyring"]);
    assert!(
        out.code == EXIT_KEYRING || out.code == EXIT_KMS,
        "verify-keyring does not fail on a rolled-back state row: {out:?}"
    );
    assert!(
        error_line(&out.stderr, CORRUPT).is_some()
            || error_line(&out.stderr, AUDIT_INVALID).is_some(),
        "verify-keyring: {out:?}"
    );
    assert_db_unchanged(&env.keyring, &before, "a failing verify-keyring");

    // A write on the rolled-back state must not paper over the evidence.
    let audit_before = audit_rows_of(&env.keyring);
    let out = env.run(["create-key", "--description", "on a rolled-back state"]);
    assert_refused(out, EXIT_KEYRING, CORRUPT, &["rolled back"]);
    let audit_after = audit_rows_of(&env.keyring);
    assert!(
        audit_after
            .iter()
            .filter(|r| r.seq <= audit_before.last().map_or(0, |l| l.seq))
            .eq(audit_before.iter()),
        "a write on a rolled-back state row rewrote audit records"
    );
    let out = env.run(["audit", "verify"]);
    assert_refused(out, EXIT_KMS, AUDIT_INVALID, &["audit record"]);
}

/// Proves that records are bound to their keyring: a key row of keyring B
/// copied into keyring A (under its own id) fails to open in A
/// (KeyringCorruptException naming it) and `verify-keyring` of A fails.
#[test]
fn tamper_key_record_from_another_keyring_is_refused() {
    let (env_a, _) = keyring_with_keys(1);
    let (env_b, ids_b) = keyring_with_keys(1);
    let db_b = open_db(&env_b.keyring);
    let row = key_row(&db_b, &ids_b[0]);
    close_db(db_b);
    let db_a = open_db(&env_a.keyring);
    insert_key_row(&db_a, &row);
    close_db(db_a);
    let records = env_a.records();

    let out = env_a.run(["describe-key", "--key-id", &ids_b[0]]);
    assert_refused(out, EXIT_KEYRING, CORRUPT, &[&ids_b[0]]);
    let plain = env_a.write_file("p.txt", "foreign");
    let fileb = format!("fileb://{}", plain.display());
    let out = env_a.run(["encrypt", "--key-id", &ids_b[0], "--plaintext", &fileb]);
    assert_refused(out, EXIT_KEYRING, CORRUPT, &[&ids_b[0]]);
    assert_eq!(
        env_a.records(),
        records,
        "a refused call changed the records"
    );

    let before = db_snapshot(&env_a.keyring);
    let out = env_a.run(["verify-keyring"]);
    assert_refused(out, EXIT_KEYRING, CORRUPT, &[]);
    assert_db_unchanged(&env_a.keyring, &before, "a failing verify-keyring");
}

/// Proves that the unlock slots are authenticated at every open: a slot's
/// principal edited in its JSON makes every command fail with
/// KeyringCorruptException (naming the slots), without writing anything.
#[test]
fn tamper_slot_principal_edited_is_refused_at_open() {
    let (env, ids) = keyring_with_keys(1);
    let db = open_db(&env.keyring);
    let (id, data): (String, Vec<u8>) = db
        .query_row("SELECT id, data FROM slots ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("a slot row");
    let mut slot: Value = serde_json::from_slice(&data).expect("slot JSON");
    let principal = slot["principal"]
        .as_str()
        .unwrap_or_else(|| panic!("no principal in slot {slot}"))
        .to_owned();
    slot["principal"] = Value::String(format!("{principal}-mallory"));
    let edited = serde_json::to_vec(&slot).expect("JSON");
    db.execute(
        "UPDATE slots SET data = ?2 WHERE id = ?1",
        params![id, edited],
    )
    .expect("edit slot");
    close_db(db);

    let before = db_snapshot(&env.keyring);
    for args in [
        vec!["whoami"],
        vec!["list-keys"],
        vec!["describe-key", "--key-id", ids[0].as_str()],
        vec!["create-key"],
        vec!["verify-keyring"],
        vec!["audit", "verify"],
    ] {
        let out = env.run(&args);
        assert_refused(out, EXIT_KEYRING, CORRUPT, &["slot"]);
        assert_db_unchanged(&env.keyring, &before, &format!("a refused {args:?}"));
    }
}

// ----- 4. a removed credential with an old copy -----------------------------

/// Proves that removing a slot rotates the root key: the removed
/// credential B still opens an old copy of the keyring taken before its
/// removal, but records written after (spliced into that old copy) do not
/// open with it, and B no longer unlocks the current keyring. Then
/// `rotate-root-key` keeps both verifications passing and every old
/// ciphertext decrypting.
#[test]
fn removed_credential_with_an_old_copy_opens_nothing_written_after() {
    let env = env_with_keyring();
    let a = env.cred.clone();
    let b_id = env.path("B.txt");
    let b = Cred::Identity(b_id.clone());
    let v = env.json([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--principal"),
        OsStr::new("bob"),
        OsStr::new("--generate-identity"),
        b_id.as_os_str(),
    ]);
    assert_eq!(v["Slot"]["SlotId"], 2, "slot add: {v}");
    assert_eq!(env.json_as(&b, ["whoami"])["Principal"], "bob");

    let k1 = env.create_key();
    let p1 = env.write_file("p1.txt", "secret before the removal");
    let c1 = encrypt_to_file(&env, &k1, &p1, "c1.bin");

    // The old copy, taken while no lkms runs.
    let old = env.path("old-copy.db");
    std::fs::copy(&env.keyring, &old).expect("copy keyring");
    let wal = side_file(&env.keyring, "-wal");
    if wal.exists() {
        std::fs::copy(&wal, side_file(&old, "-wal")).expect("copy -wal");
    }

    env.ok(["--yes", "slot", "remove", "--slot-id", "2"]);
    let k2 = env.create_key();
    let p2 = env.write_file("p2.txt", "secret after the removal");
    let c2 = encrypt_to_file(&env, &k2, &p2, "c2.bin");

    // B unlocks the old copy and reads what was there.
    assert_eq!(
        decrypt_at(&env, &old, &b, &c1).expect("B decrypts c1 with the old copy"),
        b"secret before the removal"
    );

    // B no longer unlocks the current keyring.
    let out = env.run_as(&b, ["whoami"]);
    out.failure(EXIT_KEYRING, "UnlockFailedException");
    let out = env.run_as(
        &b,
        [
            "decrypt",
            "--ciphertext-blob",
            &format!("fileb://{}", c2.display()),
        ],
    );
    out.failure(EXIT_KEYRING, "UnlockFailedException");

    // The attack: the current keyring's key records spliced into the old
    // copy, opened with B's old credential.
    let cur = open_db(&env.keyring);
    let rows = key_rows(&cur);
    close_db(cur);
    assert!(rows.iter().any(|r| r.id == k2));
    let spliced = open_db(&old);
    spliced.execute("DELETE FROM keys", []).expect("clear keys");
    for r in &rows {
        insert_key_row(&spliced, r);
    }
    close_db(spliced);
    let out = run_at(
        &env,
        &old,
        &b,
        [
            "--output",
            "json",
            "decrypt",
            "--ciphertext-blob",
            &format!("fileb://{}", c2.display()),
        ],
    );
    eprintln!("B decrypting c2 with the spliced old copy: {out:?}");
    assert_ne!(
        out.code, 0,
        "B decrypted a ciphertext made after its removal: {out:?}"
    );
    assert!(
        !out.stdout.contains(&b64(b"secret after the removal")),
        "the plaintext leaked: {out:?}"
    );
    assert!(
        [CORRUPT, "InvalidCiphertextException", "NotFoundException"]
            .iter()
            .any(|e| error_line(&out.stderr, e).is_some()),
        "unexpected refusal: {out:?}"
    );
    // The older key too, re-sealed by the rotation: the old root opens
    // neither.
    let out = run_at(&env, &old, &b, ["describe-key", "--key-id", &k1]);
    assert_ne!(
        out.code, 0,
        "the old root key opens a re-sealed record: {out:?}"
    );

    // A still reads everything; an explicit root key rotation keeps it so.
    assert_eq!(
        decrypt_at(&env, &env.keyring, &a, &c1).expect("c1"),
        b"secret before the removal"
    );
    assert_eq!(
        decrypt_at(&env, &env.keyring, &a, &c2).expect("c2"),
        b"secret after the removal"
    );
    env.ok(["rotate-root-key"]);
    assert_verifies(&env, &env.keyring, &a, "after rotate-root-key");
    assert_eq!(
        decrypt_at(&env, &env.keyring, &a, &c1).expect("c1 after rotation"),
        b"secret before the removal"
    );
    assert_eq!(
        decrypt_at(&env, &env.keyring, &a, &c2).expect("c2 after rotation"),
        b"secret after the removal"
    );
    assert_verifies(&env, &env.keyring, &a, "after decrypting post-rotation");
}

/// Encrypts the file `plain` under `key`; writes the raw blob to `name`.
fn encrypt_to_file(env: &TestEnv, key: &str, plain: &Path, name: &str) -> PathBuf {
    let v = env.json([
        "encrypt",
        "--key-id",
        key,
        "--plaintext",
        &format!("fileb://{}", plain.display()),
    ]);
    let path = env.path(name);
    std::fs::write(&path, unb64(&str_field(&v, "CiphertextBlob"))).expect("write blob");
    path
}

/// Decrypts the blob file `blob` against `keyring` with `cred`.
fn decrypt_at(env: &TestEnv, keyring: &Path, cred: &Cred, blob: &Path) -> Result<Vec<u8>, Out> {
    let out = run_at(
        env,
        keyring,
        cred,
        [
            "--output",
            "json",
            "decrypt",
            "--ciphertext-blob",
            &format!("fileb://{}", blob.display()),
        ],
    );
    if out.code != 0 {
        return Err(out);
    }
    Ok(unb64(&str_field(&out.json(), "Plaintext")))
}

// ----- 5. migration of the format 1 fixture ---------------------------------

/// A copy of the format 1 fixture in a fresh environment, whose keyring is
/// `<copy>/keyring.toml` and whose credential is alice's identity.
fn fixture_env() -> (TestEnv, PathBuf) {
    let mut env = TestEnv::new();
    let dir = env.path("fixture");
    std::fs::create_dir(&dir).expect("mkdir");
    for e in std::fs::read_dir(fixture_dir()).expect("read fixture") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_file() {
            std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy fixture file");
        }
    }
    env.keyring = dir.join("keyring.toml");
    env.cred = Cred::Identity(dir.join("identity.txt"));
    (env, dir)
}

fn expected_json() -> Value {
    serde_json::from_slice(
        &std::fs::read(fixture_dir().join("expected.json")).expect("expected.json"),
    )
    .expect("expected.json parses")
}

/// Proves that the first command on a format 1 keyring migrates it in
/// place, keeping a byte-exact backup and its audit log, and that
/// everything made under format 1 still works: both credentials, blobs from
/// both material versions, encrypted files, a signature, a MAC, bob's grant
/// (and the policy that refuses bob's encrypt), the v1 audit records (plus a
/// MigrateKeyring record) in a trail that verifies. `lkms migrate` on the
/// migrated keyring then fails cleanly and changes nothing.
#[test]
fn migration_from_the_v1_fixture_keeps_everything() {
    let (env, dir) = fixture_env();
    let expected = expected_json();
    let original = std::fs::read(&env.keyring).expect("read fixture keyring");
    let original_log = std::fs::read(dir.join("keyring.toml.audit.jsonl")).expect("log");
    let original_head = std::fs::read(dir.join("keyring.toml.audit.head")).expect("head");
    assert!(!original.starts_with(SQLITE_MAGIC));

    // First use migrates.
    let md = env.describe("alias/fixture");
    assert_eq!(md["KeyId"], expected["keys"]["symmetric"]["key_id"]);
    assert_eq!(md["Description"], "fixture symmetric");
    let now_bytes = std::fs::read(&env.keyring).expect("read keyring");
    assert!(
        now_bytes.starts_with(SQLITE_MAGIC),
        "the keyring is not a SQLite database after first use"
    );
    let backup = dir.join("keyring.toml.v1-backup");
    assert_eq!(
        std::fs::read(&backup).expect("keyring.toml.v1-backup exists"),
        original,
        "the v1 backup differs from the original keyring"
    );
    assert_eq!(
        std::fs::read(dir.join("keyring.toml.v1-backup.audit.jsonl")).expect("backup audit log"),
        original_log
    );
    assert_eq!(
        std::fs::read(dir.join("keyring.toml.v1-backup.audit.head")).expect("backup audit head"),
        original_head
    );
    assert_eq!(env.json(["whoami"])["Principal"], "alice");
    assert_eq!(
        env.json(["whoami"])["KeyringId"],
        expected["keyring_id"],
        "the keyring id changed"
    );

    // Blobs from both material versions.
    for (bin, txt) in [
        ("blob-v1.bin", "blob-v1.txt"),
        ("blob-v2.bin", "blob-v2.txt"),
    ] {
        let v = env.json([
            "decrypt",
            "--ciphertext-blob",
            &format!("fileb://{}", dir.join(bin).display()),
            "--encryption-context",
            "app=fixture",
        ]);
        assert_eq!(
            unb64(&str_field(&v, "Plaintext")),
            std::fs::read(dir.join(txt)).expect("plaintext"),
            "{bin} does not decrypt to {txt}"
        );
    }
    // Encrypted files.
    for (file, plain) in [
        ("file.lkms", "plain.txt"),
        ("file-big.lkms", "plain-big.bin"),
    ] {
        let out_path = env.path(&format!("{file}.out"));
        env.ok([
            OsStr::new("decrypt-file"),
            OsStr::new("--encryption-context"),
            OsStr::new("app=fixture"),
            OsStr::new("-o"),
            out_path.as_os_str(),
            dir.join(file).as_os_str(),
        ]);
        assert!(
            std::fs::read(&out_path).expect("decrypted file")
                == std::fs::read(dir.join(plain)).expect("plain"),
            "{file} does not decrypt to {plain}"
        );
    }
    // Signature and MAC.
    let message = format!("fileb://{}", dir.join("message.txt").display());
    let v = env.json([
        "verify",
        "--key-id",
        "alias/fixture-sign",
        "--message",
        &message,
        "--signature",
        &format!("fileb://{}", dir.join("signature.bin").display()),
        "--signing-algorithm",
        "ECDSA_SHA_256",
    ]);
    assert_eq!(v["SignatureValid"], true, "{v}");
    let v = env.json([
        "verify-mac",
        "--key-id",
        "alias/fixture-hmac",
        "--message",
        &message,
        "--mac",
        &format!("fileb://{}", dir.join("mac.bin").display()),
        "--mac-algorithm",
        "HMAC_SHA_256",
    ]);
    assert_eq!(v["MacValid"], true, "{v}");

    // The pending-deletion key: PendingDeletion with its DeletionDate,
    // before that date and after it, until a principal allowed to delete it
    // writes (nothing above wrote).
    let pending = expected["keys"]["pending_deletion"]["key_id"]
        .as_str()
        .expect("pending key id");
    let deletion = parse_time(
        expected["keys"]["pending_deletion"]["deletion_date"]
            .as_str()
            .expect("deletion date"),
    );
    let md = env.describe(pending);
    assert_eq!(md["KeyState"], "PendingDeletion", "{md}");
    assert_eq!(
        parse_time(&str_field(&md, "DeletionDate")),
        deletion,
        "{md}"
    );

    // Bob: his passphrase slot, and only his grant lets him decrypt.
    let bob = Cred::PassphraseFile(dir.join("passphrase.txt"));
    assert_eq!(env.json_as(&bob, ["whoami"])["Principal"], "bob");
    let v = env.json_as(
        &bob,
        [
            "decrypt",
            "--ciphertext-blob",
            &format!("fileb://{}", dir.join("blob-v1.bin").display()),
            "--encryption-context",
            "app=fixture",
        ],
    );
    assert_eq!(
        unb64(&str_field(&v, "Plaintext")),
        std::fs::read(dir.join("blob-v1.txt")).expect("plaintext")
    );
    env.run_as(
        &bob,
        [
            "encrypt",
            "--key-id",
            "alias/fixture",
            "--plaintext",
            &message,
            "--encryption-context",
            "app=fixture",
        ],
    )
    .failure(EXIT_KMS, "AccessDeniedException");

    // The v1 audit records carried over, in order, plus MigrateKeyring.
    let v1_records: Vec<Value> = original_log
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("v1 audit line"))
        .collect();
    assert_eq!(
        v1_records.len() as u64,
        expected["audit"]["lines"].as_u64().unwrap_or(39)
    );
    let records = audit_show(&env, &env.keyring, &env.cred, &[]);
    assert!(
        records.len() > v1_records.len(),
        "audit show has {} records, fewer than the fixture's {} plus the migration",
        records.len(),
        v1_records.len()
    );
    for old in &v1_records {
        let seq = old["Seq"].as_u64().expect("Seq");
        let new = records
            .iter()
            .find(|r| r["Seq"].as_u64() == Some(seq))
            .unwrap_or_else(|| panic!("v1 audit record {seq} is missing after migration"));
        for field in ["Operation", "Principal", "KeyArn", "Outcome"] {
            assert_eq!(new[field], old[field], "v1 audit record {seq}: {field}");
        }
    }
    let migrations: Vec<&Value> = records
        .iter()
        .filter(|r| r["Operation"] == "MigrateKeyring")
        .collect();
    assert_eq!(
        migrations.len(),
        1,
        "MigrateKeyring records: {migrations:?}"
    );
    assert!(
        migrations[0]["Seq"].as_u64() > Some(v1_records.len() as u64),
        "MigrateKeyring is not after the v1 records: {}",
        migrations[0]
    );
    assert_verifies(&env, &env.keyring, &env.cred, "after migration");

    // Migrating again fails cleanly and changes nothing.
    let before = db_snapshot(&env.keyring);
    let out = env.run(["migrate"]);
    assert_ne!(
        out.code, 0,
        "migrate of a migrated keyring succeeded: {out:?}"
    );
    assert!(has_error_line(&out.stderr), "no error line: {out:?}");
    assert_db_unchanged(&env.keyring, &before, "a refused migrate");
    assert_eq!(
        std::fs::read(&backup).expect("backup"),
        original,
        "a refused migrate changed the v1 backup"
    );
    let stray: Vec<String> = std::fs::read_dir(&dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.starts_with("keyring.toml.v1-backup.")
                && !n.ends_with(".audit.jsonl")
                && !n.ends_with(".audit.head")
        })
        .collect();
    assert!(
        stray.is_empty(),
        "a refused migrate left backups: {stray:?}"
    );
    assert_verifies(&env, &env.keyring, &env.cred, "after a refused migrate");
}

/// Proves that the explicit `lkms migrate` converts the fixture (with
/// bob's passphrase, the slower credential), and that alice then still
/// unlocks it and the trail verifies.
#[test]
fn explicit_migrate_of_the_v1_fixture() {
    let (env, dir) = fixture_env();
    let original = std::fs::read(&env.keyring).expect("read fixture keyring");
    let bob = Cred::PassphraseFile(dir.join("passphrase.txt"));
    let out = env.run_as(&bob, ["--output", "json", "migrate"]);
    assert_eq!(out.code, 0, "lkms migrate: {out:?}");
    assert!(
        std::fs::read(&env.keyring)
            .expect("keyring")
            .starts_with(SQLITE_MAGIC)
    );
    assert_eq!(
        std::fs::read(dir.join("keyring.toml.v1-backup")).expect("backup"),
        original
    );
    assert_eq!(env.json(["whoami"])["Principal"], "alice");
    assert_eq!(env.json_as(&bob, ["whoami"])["Principal"], "bob");
    let v = env.json([
        "decrypt",
        "--ciphertext-blob",
        &format!("fileb://{}", dir.join("blob-v2.bin").display()),
        "--encryption-context",
        "app=fixture",
    ]);
    assert_eq!(
        unb64(&str_field(&v, "Plaintext")),
        std::fs::read(dir.join("blob-v2.txt")).expect("plaintext")
    );
    assert_verifies(&env, &env.keyring, &env.cred, "after lkms migrate");
}

// ----- 6. backup while writing ----------------------------------------------

/// Proves that `backup` takes a consistent copy while four other processes
/// write: the copy, opened as a keyring of its own, passes both
/// verifications and its keys match its CreateKey records; and that backup
/// never replaces an existing file.
#[test]
fn backup_while_writing_is_consistent() {
    const WRITERS: usize = 4;
    const PER_WRITER: usize = 20;
    let env = env_with_keyring();
    let env = &env;
    let done = AtomicUsize::new(0);
    let done = &done;
    let backup = env.path("b.db");

    let created: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                s.spawn(move || {
                    (0..PER_WRITER)
                        .map(|i| {
                            let md = env.create_key_with([
                                "--description",
                                &format!("backup writer {w} key {i}"),
                            ]);
                            done.fetch_add(1, Ordering::SeqCst);
                            str_field(&md, "KeyId")
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // Wait until the writers are under way, then back up.
        while done.load(Ordering::SeqCst) < 8 && !handles.iter().all(|h| h.is_finished()) {
            std::thread::sleep(Duration::from_millis(1));
        }
        let v = env.json([OsStr::new("backup"), OsStr::new("--to"), backup.as_os_str()]);
        assert_eq!(v["KeyringId"], env.keyring_id.as_str(), "backup: {v}");
        eprintln!(
            "backup taken after {} of {} create-key calls",
            done.load(Ordering::SeqCst),
            WRITERS * PER_WRITER
        );
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("writer thread panicked"))
            .collect()
    });
    assert_eq!(created.len(), WRITERS * PER_WRITER);

    let bytes = std::fs::read(&backup).expect("read backup");
    assert!(
        bytes.starts_with(SQLITE_MAGIC),
        "the backup is not a SQLite file"
    );
    assert!(
        !side_file(&backup, "-wal").exists(),
        "the backup has a -wal beside it: it is not self-contained"
    );

    // Restore: a copy of the backup, opened as a keyring.
    let restored = env.path("restored").join("keyring.db");
    std::fs::create_dir(restored.parent().expect("parent")).expect("mkdir");
    std::fs::copy(&backup, &restored).expect("copy backup");
    assert_verifies(env, &restored, &env.cred, "on a restored backup");
    let keys = listed_keys(env, &restored, &env.cred);
    let all: BTreeSet<String> = created.iter().cloned().collect();
    assert!(keys.is_subset(&all), "the backup holds keys nobody created");
    assert!(keys.len() >= 8, "the backup misses keys created before it");
    let records = create_key_successes(env, &restored, &env.cred);
    assert_keys_match_create_records(&keys, &records, "in the backup");
    // The live keyring has them all.
    assert_eq!(listed_keys(env, &env.keyring, &env.cred), all);
    assert_verifies(env, &env.keyring, &env.cred, "after the writers");

    // Never replaces a file.
    let out = env.run([OsStr::new("backup"), OsStr::new("--to"), backup.as_os_str()]);
    assert_ne!(out.code, 0, "backup replaced an existing file: {out:?}");
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with("An error occurred (") && l.contains("exists")),
        "the refusal does not say the file exists: {out:?}"
    );
    assert!(
        std::fs::read(&backup).expect("read backup") == bytes,
        "a refused backup changed the existing file"
    );
}

// ----- 7. audit export, prune, and nothing in clear -------------------------

/// Proves that `audit export` writes one CloudTrail-like JSON line per
/// record (eventName = the operation) without plaintexts or data keys,
/// never replaces a file; that `audit prune` drops only the older records
/// and leaves a trail that verifies from its checkpoint; and that the
/// keyring file never holds a description, tag value, alias name,
/// encryption context value or plaintext in clear.
#[test]
fn audit_export_prune_and_no_clear_text_in_the_file() {
    const DESCRIPTION: &str = "desc-marker-7f3a9e";
    const TAG_VALUE: &str = "tagvalue-marker-9c1e44";
    const ALIAS: &str = "alias/alias-marker-51d2aa";
    const CONTEXT_VALUE: &str = "ssn-123-45-6789";
    const PLAINTEXT: &str = "plaintext-marker-SECRET-42-do-not-log";

    let env = env_with_keyring();
    let plain = env.write_file("plain.txt", PLAINTEXT);
    let fileb = format!("fileb://{}", plain.display());
    let context = format!("ssn={CONTEXT_VALUE}");

    // Batch 1.
    let md = env.create_key_with([
        "--description",
        DESCRIPTION,
        "--tags",
        &format!("TagKey=team,TagValue={TAG_VALUE}"),
    ]);
    let key = str_field(&md, "KeyId");
    env.ok([
        "create-alias",
        "--alias-name",
        ALIAS,
        "--target-key-id",
        &key,
    ]);
    let v = env.json([
        "encrypt",
        "--key-id",
        ALIAS,
        "--plaintext",
        &fileb,
        "--encryption-context",
        &context,
    ]);
    let blob = unb64(&str_field(&v, "CiphertextBlob"));
    let blob_path = env.path("blob.bin");
    std::fs::write(&blob_path, &blob).expect("write blob");
    let blob_arg = format!("fileb://{}", blob_path.display());
    let v = env.json([
        "decrypt",
        "--ciphertext-blob",
        &blob_arg,
        "--encryption-context",
        &context,
    ]);
    assert_eq!(unb64(&str_field(&v, "Plaintext")), PLAINTEXT.as_bytes());
    let batch1_end = OffsetDateTime::now_utc().unix_timestamp();

    // Wait for a whole second boundary: batch 1 is strictly before it.
    let boundary = batch1_end + 1;
    while OffsetDateTime::now_utc().unix_timestamp() < boundary {
        std::thread::sleep(Duration::from_millis(50));
    }

    // Batch 2.
    let v = env.json([
        "generate-data-key",
        "--key-id",
        &key,
        "--key-spec",
        "AES_256",
    ]);
    let data_key = str_field(&v, "Plaintext");
    let v = env.json([
        "decrypt",
        "--ciphertext-blob",
        &blob_arg,
        "--encryption-context",
        &context,
    ]);
    assert_eq!(unb64(&str_field(&v, "Plaintext")), PLAINTEXT.as_bytes());
    env.ok(["describe-key", "--key-id", ALIAS]);

    // Export everything.
    let records = audit_show(&env, &env.keyring, &env.cred, &[]);
    let out_path = env.path("out.jsonl");
    env.ok([
        OsStr::new("audit"),
        OsStr::new("export"),
        OsStr::new("--to"),
        out_path.as_os_str(),
    ]);
    let text = std::fs::read_to_string(&out_path).expect("read export");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines.len(),
        records.len(),
        "export has {} lines for {} records",
        lines.len(),
        records.len()
    );
    let ops: BTreeMap<u64, String> = records
        .iter()
        .map(|r| (r["Seq"].as_u64().expect("Seq"), str_field(r, "Operation")))
        .collect();
    let mut exported_ops = BTreeSet::new();
    for line in &lines {
        let e: Value = serde_json::from_str(line)
            .unwrap_or_else(|err| panic!("export line is not JSON ({err}): {line}"));
        let name = str_field(&e, "eventName");
        let seq = e["lkmsSequence"].as_u64();
        if let Some(seq) = seq {
            assert_eq!(
                ops.get(&seq),
                Some(&name),
                "eventName of record {seq}: {line}"
            );
        }
        assert!(ops.values().any(|o| *o == name), "unknown eventName {name}");
        parse_time(&str_field(&e, "eventTime"));
        assert!(e["userIdentity"]["userName"].is_string(), "{line}");
        exported_ops.insert(name);
    }
    for op in [
        "CreateKey",
        "CreateAlias",
        "Encrypt",
        "Decrypt",
        "GenerateDataKey",
    ] {
        assert!(
            exported_ops.contains(op),
            "no {op} event in the export: {exported_ops:?}"
        );
    }
    let key_arn_line = lines
        .iter()
        .find(|l| l.contains("\"CreateKey\""))
        .expect("a CreateKey line");
    assert!(
        key_arn_line.contains(&key),
        "CreateKey event without the key: {key_arn_line}"
    );
    assert!(!text.contains(PLAINTEXT), "the export holds a plaintext");
    assert!(
        !text.contains(&b64(PLAINTEXT.as_bytes())),
        "the export holds a plaintext (base64)"
    );
    assert!(!text.contains(&data_key), "the export holds a data key");
    assert!(
        !text.contains(&b64(&blob)),
        "the export holds a ciphertext blob"
    );

    // Export never replaces a file.
    let out = env.run([
        OsStr::new("audit"),
        OsStr::new("export"),
        OsStr::new("--to"),
        out_path.as_os_str(),
    ]);
    assert_ne!(out.code, 0, "audit export replaced a file: {out:?}");
    assert_eq!(std::fs::read_to_string(&out_path).expect("read"), text);

    // Prune batch 1.
    let older = records
        .iter()
        .filter(|r| parse_time(r["Time"].as_str().expect("Time")).unix_timestamp() < boundary)
        .count();
    assert!(older >= 4, "batch 1 made {older} records");
    let v = env.json(["audit", "prune", "--before", &boundary.to_string()]);
    eprintln!("audit prune: {v}");
    let after = audit_show(&env, &env.keyring, &env.cred, &[]);
    assert!(
        after.len() < records.len(),
        "prune dropped nothing: {} records before, {} after",
        records.len(),
        after.len()
    );
    for r in &after {
        let t = parse_time(r["Time"].as_str().expect("Time")).unix_timestamp();
        assert!(
            t >= boundary,
            "a record older than the prune date is left: {r}"
        );
    }
    let first_left = after.first().expect("records left")["Seq"]
        .as_u64()
        .expect("Seq");
    assert_eq!(
        first_left,
        older as u64 + 1,
        "prune kept or dropped the wrong records"
    );
    let verified = assert_verifies(&env, &env.keyring, &env.cred, "after audit prune");
    assert_eq!(
        verified["PrunedThrough"].as_u64(),
        Some(older as u64),
        "audit verify after prune: {verified}"
    );
    assert_eq!(
        verified["FirstSeq"].as_u64(),
        Some(older as u64 + 1),
        "{verified}"
    );

    // Nothing in clear in the keyring's files, once every process exited.
    let mut raw = std::fs::read(&env.keyring).expect("read keyring");
    for suffix in ["-wal", "-shm", "-journal"] {
        if let Ok(b) = std::fs::read(side_file(&env.keyring, suffix)) {
            raw.extend_from_slice(&b);
        }
    }
    for (what, needle) in [
        ("a description", DESCRIPTION),
        ("a tag value", TAG_VALUE),
        ("an alias name", ALIAS),
        ("an alias name", ALIAS.trim_start_matches("alias/")),
        ("an encryption context value", CONTEXT_VALUE),
        ("a plaintext", PLAINTEXT),
        ("a data key", data_key.as_str()),
    ] {
        assert!(
            !contains(&raw, needle.as_bytes()),
            "the keyring file holds {what} in clear: {needle:?}"
        );
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
