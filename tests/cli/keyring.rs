//! The encrypted keyring: init, unlock slots, credentials, passwd, file
//! layout, and refusal of bad keyrings (DESIGN.md section 2, issue 2;
//! docs/KEYRING.md for format 2, the SQLite file these tests inspect).

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use serde_json::Value;

use crate::env::{
    self, Cred, EXIT_KEYRING, EXIT_KMS, PASSPHRASE, TestEnv, age_keygen, age_recipient_of, b64,
    error_line, mode, slot_id, str_field, unb64,
};

/// The first 16 bytes of every SQLite 3 database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// A sealed record: salt (32) ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16).
const SALT_LEN: usize = 32;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

fn slots(env: &TestEnv) -> Vec<Value> {
    let v = env.json(["slot", "list"]);
    v["Slots"]
        .as_array()
        .unwrap_or_else(|| panic!("no Slots array: {v}"))
        .clone()
}

fn slot_of_type<'a>(slots: &'a [Value], ty: &str) -> Vec<&'a Value> {
    slots.iter().filter(|s| s["Type"] == ty).collect()
}

// ---------------------------------------------------------------------------
// Looking inside the keyring file (SQLite). Only while no lkms runs.
// ---------------------------------------------------------------------------

/// `<db>-wal` or `<db>-shm`: the files SQLite keeps beside a database in use.
fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// With no process using it, a keyring is one self-contained file: the last
/// connection to close folds the WAL back and removes it.
#[track_caller]
fn assert_no_wal(db: &Path) {
    for suffix in ["-wal", "-shm"] {
        let p = sidecar(db, suffix);
        assert!(!p.exists(), "{p:?} is left behind with no process running");
    }
}

/// Opens the database at `path` with SQLite (no lkms process may be
/// running), runs `f`, and closes it again, so that the file is whole.
#[track_caller]
fn with_db<T>(path: &Path, f: impl FnOnce(&Connection) -> T) -> T {
    let db = Connection::open(path).expect("open the keyring with SQLite");
    let out = f(&db);
    db.close().map_err(|(_, e)| e).expect("close the keyring");
    assert_no_wal(path);
    out
}

/// A value of a `meta` row (stored as a BLOB; TEXT accepted too).
fn meta(db: &Connection, name: &str) -> Option<Vec<u8>> {
    let v: Option<Sql> = db
        .query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .ok();
    match v {
        Some(Sql::Blob(b)) => Some(b),
        Some(Sql::Text(t)) => Some(t.into_bytes()),
        Some(other) => panic!("meta {name} is {other:?}"),
        None => None,
    }
}

/// Every row of every table, in order: the whole keyring as SQLite sees it
/// (audit trail and state included), for calls that must write nothing.
fn contents(path: &Path) -> Vec<(String, Vec<Vec<Sql>>)> {
    with_db(path, |db| {
        let tables: Vec<String> = db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("list tables");
        tables
            .into_iter()
            .map(|t| {
                let mut stmt = db
                    .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
                    .expect("prepare");
                let n = stmt.column_count();
                let rows = stmt
                    .query_map([], |r| (0..n).map(|i| r.get::<_, Sql>(i)).collect())
                    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<Vec<Sql>>>>())
                    .expect("read rows");
                (t, rows)
            })
            .collect()
    })
}

/// `env.records()` (every slot, key, alias and grant record), leaving the
/// keyring one self-contained file again: the read-only connection that
/// reads them cannot remove the `-wal` and `-shm` files it creates, a
/// read-write one closing last does.
fn records(env: &TestEnv) -> env::Records {
    let r = env.records();
    with_db(&env.keyring, |db| {
        db.query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0))
            .expect("read the keyring")
    });
    r
}

/// The sealed data of a row of `table`.
fn sealed(db: &Connection, table: &str, id: &str) -> Vec<u8> {
    db.query_row(
        &format!("SELECT data FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| panic!("no {table} row {id}: {e}"))
}

/// `good` (the bytes of a keyring) changed by `f` through SQLite, as bytes.
fn tampered(env: &TestEnv, good: &[u8], f: impl FnOnce(&Connection)) -> Vec<u8> {
    let scratch = env.path("scratch.db");
    std::fs::write(&scratch, good).unwrap();
    with_db(&scratch, f);
    let bytes = std::fs::read(&scratch).unwrap();
    std::fs::remove_file(&scratch).unwrap();
    assert_ne!(bytes, good, "the tampering changed nothing");
    bytes
}

/// Whether `needle` occurs in `hay`.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The names in a folder, sorted.
fn dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn init_with_passphrase_creates_private_sqlite_keyring() {
    let mut env = TestEnv::new();
    let folder = env.keyring.parent().unwrap().to_path_buf();
    assert!(!folder.exists());
    let out = env.init_with_passphrase();

    // Output shape.
    assert!(!env.keyring_id.is_empty(), "empty KeyringId: {out}");
    let path = str_field(&out, "Path");
    assert_eq!(
        Path::new(&path),
        env.keyring,
        "Path {path:?} is not the keyring"
    );
    let init_slots = out["Slots"].as_array().expect("Slots array");
    assert_eq!(init_slots.len(), 1, "one passphrase slot expected: {out}");
    assert_eq!(init_slots[0]["Type"], "passphrase");
    assert!(init_slots[0].get("SlotId").is_some());

    // File: created with its folder (0700), mode 0600, one SQLite database
    // and nothing else once lkms has exited (no staging file, no WAL).
    assert!(env.keyring.is_file());
    assert_eq!(mode(&env.keyring), 0o600, "keyring mode");
    assert_eq!(mode(&folder), 0o700, "keyring folder mode");
    assert_eq!(dir_names(&folder), vec![file_name(&env.keyring)]);
    let bytes = env.keyring_bytes();
    assert!(
        bytes.starts_with(SQLITE_MAGIC),
        "not a SQLite database: {:?}",
        &bytes[..bytes.len().min(16)]
    );
    assert!(
        !contains(&bytes, PASSPHRASE.as_bytes()),
        "the passphrase is in the keyring file"
    );

    // The documented tables and clear header.
    let principal = with_db(&env.keyring, |db| {
        let tables: BTreeSet<String> = db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("list tables");
        for t in ["meta", "slots", "keys", "aliases", "grants", "audit"] {
            assert!(tables.contains(t), "no table {t}: {tables:?}");
        }
        let journal: String = db
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(journal.to_ascii_lowercase(), "wal", "journal mode");
        assert_eq!(meta(db, "format_version").as_deref(), Some(&b"2"[..]));
        assert_eq!(
            meta(db, "keyring_id").as_deref(),
            Some(env.keyring_id.as_bytes()),
            "keyring_id in meta"
        );
        assert!(meta(db, "state").is_some(), "no state row");
        let rows: Vec<(String, Vec<u8>)> = db
            .prepare("SELECT id, data FROM slots")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .unwrap();
        assert_eq!(rows.len(), 1, "one slot row expected");
        let slot: Value = serde_json::from_slice(&rows[0].1).expect("a slot row is JSON");
        let n = slot["id"].as_u64().expect("a numeric slot id");
        assert_eq!(rows[0].0, format!("{n:010}"), "slot row id: {slot}");
        assert_eq!(n.to_string(), slot_id(&init_slots[0]), "{slot}");
        assert_eq!(slot["type"], "passphrase-x25519", "{slot}");
        str_field(&slot, "principal")
    });

    // slot list reports the same slot.
    let listed = slots(&env);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["Type"], "passphrase");
    assert_eq!(slot_id(&listed[0]), slot_id(&init_slots[0]));
    assert!(listed[0]["CreationDate"].is_string());
    assert_eq!(listed[0]["Principal"], principal.as_str());

    // A write keeps the mode.
    env.create_key();
    assert_eq!(mode(&env.keyring), 0o600, "keyring mode after a write");
    assert_eq!(dir_names(&folder), vec![file_name(&env.keyring)]);
}

/// Acceptance: init, create-key through a passphrase slot and through an
/// age identity slot; the same keyring opens with either.
#[test]
fn passphrase_and_age_slots_open_the_same_keyring() {
    let mut env = TestEnv::new();
    env.init_with_passphrase();
    let pass = Cred::Passphrase(PASSPHRASE.into());

    let id_file = env.path("ci.identity");
    let added = env.json([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--principal"),
        OsStr::new("ci"),
        OsStr::new("--generate-identity"),
        id_file.as_os_str(),
    ]);
    let slot = &added["Slot"];
    assert_eq!(slot["Type"], "age", "{added}");
    assert_eq!(slot["Principal"], "ci", "{added}");
    let recipient = str_field(slot, "Recipient");
    assert!(recipient.starts_with("age1"), "{recipient}");

    // The generated identity is a standard, private age identity file.
    assert_eq!(mode(&id_file), 0o600, "identity file mode");
    let id_text = std::fs::read_to_string(&id_file).unwrap();
    assert!(id_text.contains("AGE-SECRET-KEY-1"), "{id_text}");
    assert!(
        id_text.contains(&format!("# public key: {recipient}")),
        "{id_text}"
    );
    assert_eq!(
        age_recipient_of(&id_file),
        recipient,
        "age-keygen -y disagrees"
    );

    let age = Cred::Identity(id_file.clone());
    let by_pass = env.json_as(
        &pass,
        ["create-key", "--description", "made with passphrase"],
    );
    let by_age = env.json_as(&age, ["create-key", "--description", "made with identity"]);
    let k_pass = str_field(&by_pass["KeyMetadata"], "KeyId");
    let k_age = str_field(&by_age["KeyMetadata"], "KeyId");

    // Each credential sees the key the other created.
    let d = env.json_as(&age, ["describe-key", "--key-id", &k_pass]);
    assert_eq!(d["KeyMetadata"]["Description"], "made with passphrase");
    let d = env.json_as(&pass, ["describe-key", "--key-id", &k_age]);
    assert_eq!(d["KeyMetadata"]["Description"], "made with identity");

    // --identity as a flag works as well as LKMS_IDENTITY.
    let flag = Cred::IdentityFlag(id_file);
    let listed = env.json_as(&flag, ["list-keys"]);
    assert_eq!(listed["Keys"].as_array().map(Vec::len), Some(2), "{listed}");

    env.cred = pass;
    let all = slots(&env);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(slot_of_type(&all, "passphrase").len(), 1);
    let ages = slot_of_type(&all, "age");
    assert_eq!(ages.len(), 1);
    assert_eq!(ages[0]["Recipient"], recipient.as_str());
    assert_eq!(ages[0]["Principal"], "ci");
}

#[test]
fn init_with_identity_and_extra_age_recipient() {
    let mut env = TestEnv::new();
    let id_a = env.path("a.identity");
    let id_b = env.path("b.identity");
    let rcpt_a = age_keygen(&id_a);
    let rcpt_b = age_keygen(&id_b);
    env.cred = Cred::Identity(id_a.clone());
    let out = env.json(["init", "--age-recipient", &rcpt_b]);
    env.remember_keyring(&out);

    let init_slots = out["Slots"].as_array().expect("Slots");
    assert_eq!(init_slots.len(), 2, "{out}");
    let recipients: BTreeSet<&str> = init_slots
        .iter()
        .map(|s| {
            assert_eq!(s["Type"], "age", "{out}");
            s["Recipient"].as_str().expect("Recipient")
        })
        .collect();
    assert_eq!(
        recipients,
        BTreeSet::from([rcpt_a.as_str(), rcpt_b.as_str()])
    );

    let k = env.create_key();
    let b = Cred::Identity(id_b);
    let d = env.json_as(&b, ["describe-key", "--key-id", &k]);
    assert_eq!(d["KeyMetadata"]["KeyId"], k.as_str());

    // An identity matching no slot cannot open it.
    let id_c = env.path("c.identity");
    age_keygen(&id_c);
    let before = contents(&env.keyring);
    env.run_as(&Cred::Identity(id_c), ["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    // Nor can a passphrase, there is no passphrase slot.
    env.run_as(&Cred::Passphrase("anything".into()), ["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    // Without the root key nothing can be written, not even an audit record.
    assert_eq!(contents(&env.keyring), before, "a failed unlock wrote");
}

#[test]
fn wrong_passphrase_is_refused_and_changes_nothing() {
    let mut env = TestEnv::new();
    env.init_with_passphrase();
    let k = env.create_key();
    let before = contents(&env.keyring);

    let wrong = Cred::Passphrase("not the passphrase".into());
    env.run_as(&wrong, ["describe-key", "--key-id", &k])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    let out = env
        .run_as(&wrong, ["create-key", "--description", "x"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    assert!(out.stdout.trim().is_empty(), "{out:?}");
    let wrong_file = env.write_file("wrong.pass", "also wrong");
    env.run_as(&Cred::PassphraseFile(wrong_file), ["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");

    assert_eq!(
        contents(&env.keyring),
        before,
        "a failed unlock changed the keyring"
    );
    // The right one still works, and no key was added.
    let (ids, _) = env.list_all_keys(None);
    assert_eq!(ids, vec![k]);
}

#[test]
fn missing_credentials_without_terminal_are_refused() {
    let mut env = TestEnv::new();

    // init with nothing to make a slot from.
    let out = env
        .run_as(&Cred::None, ["init"])
        .failure(EXIT_KEYRING, "CredentialsRequiredException");
    assert!(out.stderr.contains("LKMS_PASSPHRASE"), "{out:?}");
    assert!(out.stderr.contains("--identity"), "{out:?}");
    assert!(
        !env.keyring.exists(),
        "init without credentials created a keyring"
    );

    env.init_with_identity();
    let before = contents(&env.keyring);
    for args in [vec!["list-keys"], vec!["create-key"], vec!["slot", "list"]] {
        let out = env
            .run_as(&Cred::None, &args)
            .failure(EXIT_KEYRING, "CredentialsRequiredException");
        assert!(out.stderr.contains("LKMS_PASSPHRASE"), "{out:?}");
        assert!(out.stderr.contains("--identity"), "{out:?}");
    }
    assert_eq!(contents(&env.keyring), before);
}

#[test]
fn missing_keyring_is_reported() {
    let env = TestEnv::new();
    let cred = Cred::Passphrase("whatever".into());
    env.run_as(&cred, ["list-keys"])
        .failure(EXIT_KEYRING, "KeyringNotFoundException");
    env.run_as(&cred, ["create-key"])
        .failure(EXIT_KEYRING, "KeyringNotFoundException");
    assert!(
        !env.keyring.exists(),
        "a failed command created the keyring"
    );
}

#[test]
fn credential_order_and_global_flags() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let identity = match &env.cred {
        Cred::Identity(p) => p.clone(),
        other => panic!("{other:?}"),
    };
    // Add a passphrase slot (new passphrase from LKMS_NEW_PASSPHRASE).
    let mut cmd = env.cmd();
    cmd.env("LKMS_NEW_PASSPHRASE", PASSPHRASE).args([
        "--output",
        "json",
        "slot",
        "add",
        "--principal",
        "alice",
    ]);
    let added = env::run_cmd(cmd).success().json();
    assert_eq!(added["Slot"]["Type"], "passphrase", "{added}");
    assert_eq!(added["Slot"]["Principal"], "alice", "{added}");
    let k = env.create_key();

    // Identity comes before LKMS_PASSPHRASE: a wrong passphrase is not used.
    let mut cmd = env.cmd();
    cmd.env("LKMS_PASSPHRASE", "wrong")
        .args(["describe-key", "--key-id", &k]);
    env::run_cmd(cmd).success();

    // --passphrase-file comes before LKMS_PASSPHRASE.
    let pass_file = env.write_file("right.pass", PASSPHRASE);
    let mut cmd = env.cmd_as(&Cred::PassphraseFile(pass_file.clone()));
    cmd.env("LKMS_PASSPHRASE", "wrong")
        .args(["describe-key", "--key-id", &k]);
    env::run_cmd(cmd).success();

    // --keyring overrides LKMS_KEYRING, and global flags may follow the
    // subcommand.
    let mut cmd = env.raw_cmd();
    cmd.env("LKMS_KEYRING", env.path("nowhere/keyring.db"))
        .args(["describe-key", "--key-id", &k, "--keyring"])
        .arg(&env.keyring)
        .arg("--identity")
        .arg(&identity)
        .args(["--output", "json"]);
    let d = env::run_cmd(cmd).success().json();
    assert_eq!(d["KeyMetadata"]["KeyId"], k.as_str());
}

#[test]
fn default_keyring_location_is_under_home() {
    let env = TestEnv::new();
    let id = env.path("identity.txt");
    let mut cmd = env.raw_cmd();
    cmd.args(["--output", "json", "init", "--generate-identity"])
        .arg(&id);
    let out = env::run_cmd(cmd).success().json();
    let folder = env.home.join(".local/share/lkms");
    let default = folder.join("keyring.db");
    assert!(default.is_file(), "no keyring at {default:?}: {out}");
    assert_eq!(Path::new(&str_field(&out, "Path")), default, "{out}");
    assert_eq!(mode(&default), 0o600);
    assert_eq!(mode(&folder), 0o700, "keyring folder mode");
    assert!(
        std::fs::read(&default).unwrap().starts_with(SQLITE_MAGIC),
        "the default keyring is not a SQLite database"
    );
    assert_eq!(dir_names(&folder), vec!["keyring.db".to_owned()]);

    let mut cmd = env.raw_cmd();
    cmd.env("LKMS_IDENTITY", &id)
        .args(["--output", "json", "list-keys"]);
    let v = env::run_cmd(cmd).success().json();
    assert_eq!(v["Keys"].as_array().map(Vec::len), Some(0), "{v}");

    // $XDG_DATA_HOME, when set, is where it goes instead.
    let xdg = env.path("xdg-data");
    let id2 = env.path("identity2.txt");
    let mut cmd = env.raw_cmd();
    cmd.env("XDG_DATA_HOME", &xdg)
        .args(["--output", "json", "init", "--generate-identity"])
        .arg(&id2);
    env::run_cmd(cmd).success();
    let there = xdg.join("lkms/keyring.db");
    assert!(there.is_file(), "no keyring at {there:?}");
    assert_eq!(mode(&there), 0o600);
}

#[test]
fn slot_add_passphrase_and_age_recipient() {
    let mut env = TestEnv::new();
    env.init_with_identity();

    let bob_file = env.write_file("bob.pass", "bob's passphrase");
    let v = env.json([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--principal"),
        OsStr::new("bob"),
        OsStr::new("--new-passphrase-file"),
        bob_file.as_os_str(),
    ]);
    assert_eq!(v["Slot"]["Type"], "passphrase", "{v}");
    assert_eq!(v["Slot"]["Principal"], "bob", "{v}");

    let other_id = env.path("other.identity");
    let rcpt = age_keygen(&other_id);
    let v = env.json([
        "slot",
        "add",
        "--principal",
        "carol",
        "--age-recipient",
        &rcpt,
    ]);
    assert_eq!(v["Slot"]["Type"], "age", "{v}");
    assert_eq!(v["Slot"]["Recipient"], rcpt.as_str(), "{v}");

    let all = slots(&env);
    assert_eq!(all.len(), 3, "{all:?}");
    let ids: BTreeSet<String> = all.iter().map(slot_id).collect();
    assert_eq!(ids.len(), 3, "slot ids are not unique: {all:?}");
    let principals: BTreeSet<&str> = all.iter().filter_map(|s| s["Principal"].as_str()).collect();
    assert!(
        principals.contains("bob") && principals.contains("carol"),
        "{all:?}"
    );

    let k = env.create_key();
    env.json_as(
        &Cred::Passphrase("bob's passphrase".into()),
        ["describe-key", "--key-id", &k],
    );
    env.json_as(&Cred::Identity(other_id), ["describe-key", "--key-id", &k]);
}

/// Acceptance: `slot remove` of the last slot is refused.
#[test]
fn slot_remove_refuses_the_last_slot() {
    let mut env = TestEnv::new();
    let init = env.init_with_identity();
    let first = slot_id(&init["Slots"][0]);
    let k = env.create_key();

    // Alone: refused, nothing changes (the refusal is only audited).
    let before = records(&env);
    env.run(["slot", "remove", "--slot-id", &first])
        .failure(EXIT_KMS, "ValidationException");
    assert_eq!(records(&env), before, "refused remove changed the keyring");
    assert_eq!(slots(&env).len(), 1);

    // With a second slot, the first one can go; its identity stops working.
    let id2 = env.path("second.identity");
    let added = env.json([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--generate-identity"),
        id2.as_os_str(),
    ]);
    let second = slot_id(&added["Slot"]);
    env.ok(["slot", "remove", "--slot-id", &first]);
    env.run(["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");

    env.cred = Cred::Identity(id2);
    let remaining = slots(&env);
    assert_eq!(remaining.len(), 1, "{remaining:?}");
    assert_eq!(slot_id(&remaining[0]), second);
    assert_eq!(env.describe(&k)["KeyId"], k.as_str());

    // And now it is the last one again.
    let before = records(&env);
    env.run(["slot", "remove", "--slot-id", &second])
        .failure(EXIT_KMS, "ValidationException");
    assert_eq!(records(&env), before);
    assert_eq!(env.describe(&k)["KeyId"], k.as_str());
}

/// `data` of every row of `table`, by id.
fn sealed_rows(path: &Path, table: &str) -> Vec<(String, Vec<u8>)> {
    with_db(path, |db| {
        db.prepare(&format!("SELECT id, data FROM {table} ORDER BY id"))
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .expect("read rows")
    })
}

/// The sealed audit records, by sequence number.
fn audit_rows(path: &Path) -> Vec<(i64, Vec<u8>)> {
    with_db(path, |db| {
        db.prepare("SELECT seq, data FROM audit ORDER BY seq")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .expect("read the audit table")
    })
}

/// Asserts that every record present before (slots, keys, aliases, audit
/// records) is still there under the same id, sealed anew: what a root key
/// rotation does (docs/KEYRING.md, Root key rotation).
#[track_caller]
fn assert_all_resealed(env: &TestEnv, what: &str, before: &Snapshot) {
    let after = Snapshot::of(env);
    let ids = |rows: &Vec<(String, Vec<u8>)>| rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>();
    for (table, old, new) in [
        ("slots", &before.slots, &after.slots),
        ("keys", &before.keys, &after.keys),
    ] {
        assert_eq!(ids(new), ids(old), "{what}: {table} rows changed");
        for ((id, o), (_, n)) in old.iter().zip(new) {
            assert_ne!(o, n, "{what}: {table} row {id} was not re-sealed");
        }
    }
    // Alias rows are named by a blind index keyed by the root key: their
    // ids change too.
    assert_eq!(
        after.aliases.len(),
        before.aliases.len(),
        "{what}: aliases lost or added"
    );
    for (id, o) in &before.aliases {
        assert!(
            after.aliases.iter().all(|(_, n)| n != o),
            "{what}: alias row {id} was not re-sealed"
        );
    }
    for (seq, data) in &before.audit {
        let now = after.audit.iter().find(|(s, _)| s == seq);
        let (_, n) = now.unwrap_or_else(|| panic!("{what}: audit record {seq} is gone"));
        assert_ne!(n, data, "{what}: audit record {seq} was not re-sealed");
    }
    assert_eq!(after.keyring_id, before.keyring_id, "{what}: keyring id");
}

/// The sealed rows of a keyring, to compare across a root key rotation.
struct Snapshot {
    keyring_id: Vec<u8>,
    slots: Vec<(String, Vec<u8>)>,
    keys: Vec<(String, Vec<u8>)>,
    aliases: Vec<(String, Vec<u8>)>,
    audit: Vec<(i64, Vec<u8>)>,
}

impl Snapshot {
    fn of(env: &TestEnv) -> Self {
        Snapshot {
            keyring_id: with_db(&env.keyring, |db| meta(db, "keyring_id")).expect("keyring_id"),
            slots: sealed_rows(&env.keyring, "slots"),
            keys: sealed_rows(&env.keyring, "keys"),
            aliases: sealed_rows(&env.keyring, "aliases"),
            audit: audit_rows(&env.keyring),
        }
    }
}

/// Acceptance: `passwd` changes the passphrase. In format 2 it also rotates
/// the root key (every slot re-wrapped, every record re-sealed), so a copy
/// of the old passphrase opens nothing written afterwards; every key, alias
/// and ciphertext keeps working, and so does every other slot.
#[test]
fn passwd_changes_the_passphrase_and_rotates_the_root_key() {
    let mut env = TestEnv::new();
    let init = env.init_with_passphrase();
    let pass_slot = slot_id(&init["Slots"][0]);
    let age_file = env.path("ci.identity");
    env.ok([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--principal"),
        OsStr::new("ci"),
        OsStr::new("--generate-identity"),
        age_file.as_os_str(),
    ]);
    let age = Cred::Identity(age_file);
    let k = env.create_key_with(["--description", "survives passwd"]);
    let k = str_field(&k, "KeyId");
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/survivor",
        "--target-key-id",
        &k,
    ]);
    let plaintext = b"written before passwd";
    let blob = str_field(
        &env.json(["encrypt", "--key-id", &k, "--plaintext", &b64(plaintext)]),
        "CiphertextBlob",
    );

    // Everything still works with `cred`, and with the age slot.
    let check = |env: &TestEnv, cred: &Cred, what: &str| {
        for who in [cred, &age] {
            let d = env.json_as(who, ["describe-key", "--key-id", &k]);
            assert_eq!(d["KeyMetadata"]["Description"], "survives passwd", "{what}");
            let out = env.json_as(who, ["decrypt", "--ciphertext-blob", &blob]);
            assert_eq!(unb64(&str_field(&out, "Plaintext")), plaintext, "{what}");
            let fresh = env.json_as(who, ["encrypt", "--key-id", &k, "--plaintext", "aGk="]);
            let back = env.json_as(
                who,
                [
                    "decrypt",
                    "--ciphertext-blob",
                    &str_field(&fresh, "CiphertextBlob"),
                ],
            );
            assert_eq!(str_field(&back, "Plaintext"), "aGk=", "{what}");
        }
        env.json_as(cred, ["audit", "verify"]);
        assert_eq!(mode(&env.keyring), 0o600, "{what}: keyring mode");
        // The alias still names the key, and the whole keyring verifies.
        for who in [cred, &age] {
            let d = env.json_as(who, ["describe-key", "--key-id", "alias/survivor"]);
            assert_eq!(d["KeyMetadata"]["KeyId"], k.as_str(), "{what}: {d}");
        }
        let listed = env.json_as(cred, ["list-aliases", "--key-id", &k]);
        assert_eq!(
            listed["Aliases"][0]["AliasName"], "alias/survivor",
            "{what}: {listed}"
        );
        env.json_as(cred, ["verify-keyring"]);
    };

    let before = Snapshot::of(&env);
    let mut cmd = env.cmd();
    cmd.env("LKMS_NEW_PASSPHRASE", "second passphrase")
        .args(["--output", "json", "passwd"]);
    let out = env::run_cmd(cmd).success().json();
    assert_eq!(slot_id(&out["Slot"]), pass_slot, "{out}");
    assert_all_resealed(&env, "passwd", &before);

    // Old passphrase fails, new one works, nothing was lost.
    env.run(["describe-key", "--key-id", &k])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    env.cred = Cred::Passphrase("second passphrase".into());
    check(&env, &env.cred.clone(), "after passwd");
    assert_eq!(env.list_all_keys(None).0, vec![k.clone()]);

    // Again, with --new-passphrase-file and an explicit --slot-id.
    let before = Snapshot::of(&env);
    let third = env.write_file("third.pass", "third passphrase");
    env.ok([
        OsStr::new("passwd"),
        OsStr::new("--slot-id"),
        OsStr::new(&pass_slot),
        OsStr::new("--new-passphrase-file"),
        third.as_os_str(),
    ]);
    assert_all_resealed(&env, "second passwd", &before);
    env.run(["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    env.run_as(&Cred::Passphrase(PASSPHRASE.into()), ["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    env.cred = Cred::PassphraseFile(third);
    check(&env, &env.cred.clone(), "after the second passwd");
    assert_eq!(slots(&env).len(), 2);
}

/// `get-parameters-for-import`, RSAES_OAEP_SHA_256 wrapping with openssl,
/// `import-key-material` of `material` into the EXTERNAL key `key`.
fn import_material(env: &TestEnv, key: &str, material: &[u8]) {
    let p = env.json([
        "get-parameters-for-import",
        "--key-id",
        key,
        "--wrapping-algorithm",
        "RSAES_OAEP_SHA_256",
        "--wrapping-key-spec",
        "RSA_2048",
    ]);
    let public = env.path("wrapping.der");
    std::fs::write(&public, unb64(&str_field(&p, "PublicKey"))).unwrap();
    let token = env.path("token.bin");
    std::fs::write(&token, unb64(&str_field(&p, "ImportToken"))).unwrap();
    let input = env.path("material.bin");
    std::fs::write(&input, material).unwrap();
    let wrapped = env.path("material.wrapped");
    let out = std::process::Command::new("openssl")
        .args(["pkeyutl", "-encrypt", "-in"])
        .arg(&input)
        .arg("-out")
        .arg(&wrapped)
        .arg("-inkey")
        .arg(&public)
        .args(["-keyform", "DER", "-pubin"])
        .args(["-pkeyopt", "rsa_padding_mode:oaep"])
        .args(["-pkeyopt", "rsa_oaep_md:sha256"])
        .args(["-pkeyopt", "rsa_mgf1_md:sha256"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("openssl is installed");
    assert!(out.status.success(), "openssl: {out:?}");
    std::fs::remove_file(&input).unwrap();
    env.ok([
        "import-key-material".to_owned(),
        "--key-id".to_owned(),
        key.to_owned(),
        "--encrypted-key-material".to_owned(),
        format!("fileb://{}", wrapped.display()),
        "--import-token".to_owned(),
        format!("fileb://{}", token.display()),
    ]);
}

/// Acceptance: no key material or metadata in clear in the file, nor in
/// the write-ahead log SQLite keeps beside it while the keyring is in use.
#[test]
fn keyring_file_holds_no_key_metadata_in_clear() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let me = str_field(&env.json(["whoami"]), "Principal");

    // An idle connection held open: lkms's transactions then stay in the
    // -wal file (the last connection to close would fold them into the
    // database and delete the log), so the test can read that file too.
    let watcher = Connection::open(&env.keyring).unwrap();
    let _: i64 = watcher
        .query_row("SELECT count(*) FROM meta", [], |r| r.get(0))
        .unwrap();

    let desc = "payroll-db-master-key-7f3a9c";
    let md = env.create_key_with([
        "--description",
        desc,
        "--tags",
        "TagKey=tagkey-3c9d27,TagValue=tagvalue-b81e44",
    ]);
    let k = str_field(&md, "KeyId");
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/alias-name-55d0e1",
        "--target-key-id",
        &k,
    ]);
    let policy = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "policy-sid-9e27a1",
            "Effect": "Allow",
            "Principal": {"Lkms": me},
            "Action": "kms:*",
            "Resource": "*"
        }]
    })
    .to_string();
    env.ok(["put-key-policy", "--key-id", &k, "--policy", &policy]);
    env.ok([
        "create-grant",
        "--key-id",
        &k,
        "--grantee-principal",
        "grantee-6b1f0a",
        "--operations",
        "Encrypt",
        "--name",
        "grant-name-2c8e47",
    ]);
    let plaintext = "plaintext-e5a3c1";
    env.ok([
        "encrypt",
        "--key-id",
        &k,
        "--plaintext",
        &b64(plaintext.as_bytes()),
        "--encryption-context",
        "ctxkey-0a1b2c=ctxvalue-4d2f0b",
    ]);
    let material = b"imported-material-91c7e3-32bytes";
    assert_eq!(material.len(), 32);
    let ext = env.create_key_with([
        "--origin",
        "EXTERNAL",
        "--description",
        "imported-desc-70e4b2",
    ]);
    let ext = str_field(&ext, "KeyId");
    import_material(&env, &ext, material);
    env.ok(["encrypt", "--key-id", &ext, "--plaintext", "aGk="]);

    let hex: String = material.iter().map(|b| format!("{b:02x}")).collect();
    let secrets: Vec<Vec<u8>> = [
        desc,
        "tagkey-3c9d27",
        "tagvalue-b81e44",
        "alias-name-55d0e1",
        "policy-sid-9e27a1",
        "grantee-6b1f0a",
        "grant-name-2c8e47",
        plaintext,
        &b64(plaintext.as_bytes()),
        "ctxkey-0a1b2c",
        "ctxvalue-4d2f0b",
        "imported-desc-70e4b2",
        "imported-material-91c7e3",
        &hex,
        &b64(material),
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    let check = |name: &str, bytes: &[u8]| {
        for secret in &secrets {
            assert!(
                !contains(bytes, secret),
                "{:?} is in {name} in clear",
                String::from_utf8_lossy(secret)
            );
        }
    };

    let wal = std::fs::read(sidecar(&env.keyring, "-wal")).expect("the -wal file");
    assert!(!wal.is_empty(), "lkms's writes are not in the -wal file");
    check("the -wal file", &wal);
    check(
        "the -shm file",
        &std::fs::read(sidecar(&env.keyring, "-shm")).unwrap_or_default(),
    );
    check("the keyring file", &env.keyring_bytes());

    // Closed: the log folded back into the file.
    watcher.close().map_err(|(_, e)| e).unwrap();
    assert_no_wal(&env.keyring);
    let bytes = env.keyring_bytes();
    check("the keyring file", &bytes);

    // What the format keeps in clear, as documented: the SQLite header,
    // the format version and keyring id, the key ids.
    assert!(bytes.starts_with(SQLITE_MAGIC));
    assert!(contains(&bytes, env.keyring_id.as_bytes()));
    let ids: Vec<String> = sealed_rows(&env.keyring, "keys")
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&k) && ids.contains(&ext), "{ids:?}");
}

/// Puts `damaged` in place of the keyring, then runs a read, a write, a
/// slot command and maintenance against it: each must fail with exit 253
/// and one of `exceptions`, and leave the file as it is (a keyring that
/// does not open is never written to).
#[track_caller]
fn assert_refused_unchanged(env: &TestEnv, damaged: &[u8], exceptions: &[&str], what: &str) {
    assert_no_wal(&env.keyring);
    std::fs::write(&env.keyring, damaged).unwrap();
    for args in [
        vec!["list-keys"],
        vec!["create-key", "--description", "must not be written"],
        vec!["slot", "list"],
        vec!["maintain"],
    ] {
        let out = env.run(&args);
        assert_eq!(out.code, EXIT_KEYRING, "{what}: expected exit 253: {out:?}");
        assert!(
            exceptions
                .iter()
                .any(|e| error_line(&out.stderr, e).is_some()),
            "{what}: expected one of {exceptions:?}: {out:?}"
        );
        let now = std::fs::read(&env.keyring).unwrap();
        assert!(
            now == damaged,
            "{what}: `lkms {args:?}` changed a damaged keyring ({} bytes, then {}; first difference at byte {:?})",
            damaged.len(),
            now.len(),
            now.iter().zip(damaged).position(|(a, b)| a != b)
        );
        assert_no_wal(&env.keyring);
    }
}

/// A keyring with one key, and its bytes.
fn keyring_with_a_key() -> (TestEnv, Vec<u8>) {
    let mut env = TestEnv::new();
    env.init_with_identity();
    env.create_key();
    assert_no_wal(&env.keyring);
    let good = env.keyring_bytes();
    (env, good)
}

/// Puts `good` back and checks that the keyring opens again.
#[track_caller]
fn restore(env: &TestEnv, good: &[u8]) {
    std::fs::write(&env.keyring, good).unwrap();
    env.ok(["list-keys"]);
    env.ok(["verify-keyring"]);
}

#[test]
fn truncated_keyring_is_corrupt() {
    let (env, good) = keyring_with_a_key();
    let page = match u16::from_be_bytes([good[16], good[17]]) {
        1 => 65536,
        n => usize::from(n),
    };
    assert_eq!(good.len() % page, 0, "the keyring is not whole pages");
    assert!(good.len() >= 4 * page, "{} bytes", good.len());
    for len in [
        0,
        100,
        good.len() / 2,
        good.len() - page,
        good.len() - 20,
        good.len() - 1,
    ] {
        assert_refused_unchanged(
            &env,
            &good[..len],
            &["KeyringCorruptException"],
            &format!("truncated to {len} of {} bytes", good.len()),
        );
    }
    // Restored, it opens again.
    restore(&env, &good);
}

/// Acceptance: a record changed on disk (any byte of its salt, nonce,
/// ciphertext or tag) is refused as corrupt by every call that reads it,
/// and never written over.
#[test]
fn tampered_sealed_record_is_corrupt() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let k = str_field(&env.create_key_with(["--description", "sealed"]), "KeyId");
    let plaintext = b"sealed away";
    let blob = str_field(
        &env.json(["encrypt", "--key-id", &k, "--plaintext", &b64(plaintext)]),
        "CiphertextBlob",
    );
    assert_no_wal(&env.keyring);
    let good = env.keyring_bytes();
    let data = with_db(&env.keyring, |db| sealed(db, "keys", &k));
    let n = data.len();
    assert!(n > SALT_LEN + NONCE_LEN + TAG_LEN, "{n} bytes");

    for (at, part) in [
        (0, "salt"),
        (SALT_LEN + NONCE_LEN / 2, "nonce"),
        (
            SALT_LEN + NONCE_LEN + (n - SALT_LEN - NONCE_LEN - TAG_LEN) / 2,
            "ciphertext",
        ),
        (n - 1, "tag"),
    ] {
        let bytes = tampered(&env, &good, |db| {
            let mut d = sealed(db, "keys", &k);
            d[at] ^= 0x01;
            let changed = db
                .execute(
                    "UPDATE keys SET data = ?1 WHERE id = ?2",
                    rusqlite::params![d, k],
                )
                .unwrap();
            assert_eq!(changed, 1);
        });
        std::fs::write(&env.keyring, &bytes).unwrap();
        let before = records(&env);
        assert_no_wal(&env.keyring);
        for args in [
            vec!["describe-key", "--key-id", &k],
            vec!["encrypt", "--key-id", &k, "--plaintext", "aGk="],
            vec!["decrypt", "--ciphertext-blob", &blob],
            vec!["schedule-key-deletion", "--key-id", &k],
            vec!["verify-keyring"],
        ] {
            let out = env.run(&args);
            let what = format!("one byte of the key's {part} (byte {at}) changed: {args:?}");
            assert_eq!(out.code, EXIT_KEYRING, "{what}: expected exit 253: {out:?}");
            let out = out.assert_exception("KeyringCorruptException");
            assert!(
                out.stderr.contains(&k),
                "{what}: the key is not named: {out:?}"
            );
            assert!(out.stdout.trim().is_empty(), "{what}: {out:?}");
        }
        assert_eq!(
            records(&env),
            before,
            "{part}: a call changed the records of a tampered keyring"
        );
    }
    restore(&env, &good);
    let out = env.json(["decrypt", "--ciphertext-blob", &blob]);
    assert_eq!(unb64(&str_field(&out, "Plaintext")), plaintext);
}

/// A slot row's JSON, changed by `f`, written back with the same type.
fn edit_slot(db: &Connection, id: &str, f: impl FnOnce(&mut Value)) {
    let data: Sql = db
        .query_row("SELECT data FROM slots WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    let blob = match &data {
        Sql::Blob(b) => b.clone(),
        Sql::Text(t) => t.clone().into_bytes(),
        other => panic!("slot data is {other:?}"),
    };
    let mut v: Value = serde_json::from_slice(&blob).unwrap();
    f(&mut v);
    let new = serde_json::to_vec(&v).unwrap();
    let new = match data {
        Sql::Text(_) => Sql::Text(String::from_utf8(new).unwrap()),
        _ => Sql::Blob(new),
    };
    db.execute(
        "UPDATE slots SET data = ?1 WHERE id = ?2",
        rusqlite::params![new, id],
    )
    .unwrap();
}

#[test]
fn tampered_header_is_refused() {
    // The clear header (keyring id, slots) is authenticated: changing the
    // keyring id, relabelling, adding or removing a slot must not go
    // unnoticed. For the keyring id, a corrupt keyring or a failed unlock
    // is an acceptable diagnosis; success is not.
    let (env, _) = keyring_with_a_key();
    let second = env.path("second.identity");
    env.ok([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--principal"),
        OsStr::new("second"),
        OsStr::new("--generate-identity"),
        second.as_os_str(),
    ]);
    assert_no_wal(&env.keyring);
    let good = env.keyring_bytes();
    let ids: Vec<String> = sealed_rows(&env.keyring, "slots")
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let (mine, other) = (ids[0].clone(), ids[1].clone());

    let id = tampered(&env, &good, |db| {
        let mut v = meta(db, "keyring_id").expect("keyring_id");
        let last = v.len() - 1;
        v[last] = if v[last] == b'0' { b'1' } else { b'0' };
        db.execute("UPDATE meta SET value = ?1 WHERE name = 'keyring_id'", [v])
            .unwrap();
    });
    assert_refused_unchanged(
        &env,
        &id,
        &["KeyringCorruptException", "UnlockFailedException"],
        "one character of keyring_id changed",
    );

    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "the unlocking slot relabelled",
            tampered(&env, &good, |db| {
                edit_slot(db, &mine, |v| v["principal"] = "intruder".into());
            }),
        ),
        (
            "the unlocking slot's creation date changed",
            tampered(&env, &good, |db| {
                edit_slot(db, &mine, |v| v["created"] = "2001-01-01T00:00:00Z".into());
            }),
        ),
        (
            "the other slot relabelled",
            tampered(&env, &good, |db| {
                edit_slot(db, &other, |v| v["principal"] = "intruder".into());
            }),
        ),
        (
            "a copy of the unlocking slot added for another principal",
            tampered(&env, &good, |db| {
                db.execute(
                    "INSERT INTO slots (id, version, data) \
                     SELECT '0000000009', version, data FROM slots WHERE id = ?1",
                    [&mine],
                )
                .unwrap();
                edit_slot(db, "0000000009", |v| {
                    v["id"] = 9.into();
                    v["principal"] = "intruder".into();
                });
            }),
        ),
        (
            "the other slot removed",
            tampered(&env, &good, |db| {
                db.execute("DELETE FROM slots WHERE id = ?1", [&other])
                    .unwrap();
            }),
        ),
    ];
    for (what, bytes) in cases {
        assert_refused_unchanged(&env, &bytes, &["KeyringCorruptException"], what);
    }
    restore(&env, &good);
}

#[test]
fn files_that_are_not_keyrings_are_corrupt() {
    let (env, good) = keyring_with_a_key();
    // Not SQLite, and not a format 1 (TOML) keyring either.
    let cases: [(&[u8], &str); 4] = [
        (b"this is = not [valid toml\n", "garbage TOML"),
        (b"[body]\nnonce = 1\n", "TOML without the header"),
        (b"\xff\xfe\x00\x01binary\x00junk", "binary junk"),
        (b"format_version = \"one\"\nkeyring_id = 7\n", "wrong types"),
    ];
    for (damaged, what) in cases {
        assert_refused_unchanged(&env, damaged, &["KeyringCorruptException"], what);
    }
    // SQLite's magic and then junk.
    let mut junk = SQLITE_MAGIC.to_vec();
    junk.extend((0..8000u32).map(|i| (i * 7 + 3) as u8));
    assert_refused_unchanged(
        &env,
        &junk,
        &["KeyringCorruptException"],
        "the SQLite magic, then junk",
    );
    // A SQLite database (in WAL mode, as a keyring) that holds no keyring.
    let other = env.path("other.db");
    with_db(&other, |db| {
        db.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .unwrap();
        db.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
            .unwrap();
    });
    assert_refused_unchanged(
        &env,
        &std::fs::read(&other).unwrap(),
        &["KeyringCorruptException"],
        "a SQLite database that is not a keyring",
    );
    // A keyring whose meta table lost its format version.
    let no_version = tampered(&env, &good, |db| {
        db.execute("DELETE FROM meta WHERE name = 'format_version'", [])
            .unwrap();
    });
    assert_refused_unchanged(
        &env,
        &no_version,
        &["KeyringCorruptException"],
        "no format_version",
    );
    // A SQLite database of some other program, in the default rollback
    // journal mode: refused, and not switched to WAL or changed otherwise.
    let foreign = env.path("foreign.db");
    with_db(&foreign, |db| {
        db.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);")
            .unwrap();
    });
    assert_refused_unchanged(
        &env,
        &std::fs::read(&foreign).unwrap(),
        &["KeyringCorruptException"],
        "a SQLite database in rollback journal mode that is not a keyring",
    );
    restore(&env, &good);
}

#[test]
fn newer_format_version_is_refused() {
    let (env, good) = keyring_with_a_key();
    let bumped = tampered(&env, &good, |db| {
        let n = db
            .execute(
                "UPDATE meta SET value = ?1 WHERE name = 'format_version'",
                [b"999".to_vec()],
            )
            .unwrap();
        assert_eq!(n, 1, "no format_version row");
    });
    assert_refused_unchanged(
        &env,
        &bumped,
        &["UnsupportedKeyringVersionException"],
        "format_version 999",
    );
    let out = env.run(["list-keys"]);
    assert!(
        out.stderr.contains("999"),
        "the version found is not named: {out:?}"
    );
    restore(&env, &good);
}

#[test]
fn init_over_an_existing_keyring_is_refused() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let k = env.create_key();
    let before = contents(&env.keyring);

    env.run(["init"])
        .failure(EXIT_KEYRING, "KeyringExistsException");
    let other = env.path("other.identity");
    env.run_as(
        &Cred::None,
        [
            OsStr::new("init"),
            OsStr::new("--generate-identity"),
            other.as_os_str(),
        ],
    )
    .failure(EXIT_KEYRING, "KeyringExistsException");
    env.run_as(&Cred::Passphrase("new".into()), ["init"])
        .failure(EXIT_KEYRING, "KeyringExistsException");

    assert_eq!(
        contents(&env.keyring),
        before,
        "a refused init changed the keyring"
    );
    assert_eq!(env.describe(&k)["KeyId"], k.as_str());
}
