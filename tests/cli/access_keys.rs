//! Access keys (issue 15): principals' credentials for `lkms serve`, kept
//! sealed in the keyring, administered by the keyring's administrators,
//! authenticated with the slots at every open, and printed in IAM's shapes.

use std::path::Path;

use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::env::{Cred, EXIT_KEYRING, EXIT_KMS, Out, TestEnv, path_str, str_field};
use crate::team::{Team, policy};

/// A keyring administered by alice.
fn team() -> Team {
    Team::new("alice")
}

/// As `who`: `access-key create --principal <principal> [args]`; returns
/// the AccessKey object (with its secret).
#[track_caller]
fn create(t: &Team, who: &Cred, principal: &str, args: &[&str]) -> Value {
    let mut all = vec!["access-key", "create", "--principal", principal];
    all.extend_from_slice(args);
    t.ok(who, &all)["AccessKey"].clone()
}

/// As `who`: `access-key list [args]`; returns AccessKeyMetadata.
#[track_caller]
fn list(t: &Team, who: &Cred, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["access-key", "list"];
    all.extend_from_slice(args);
    let v = t.ok(who, &all);
    v["AccessKeyMetadata"]
        .as_array()
        .unwrap_or_else(|| panic!("no AccessKeyMetadata list: {v}"))
        .clone()
}

/// The status `access-key list` shows for `id`, or None when it lists no such key.
fn status_of(t: &Team, id: &str) -> Option<String> {
    list(t, &t.admin, &[])
        .iter()
        .find(|k| k["AccessKeyId"] == id)
        .map(|k| str_field(k, "Status"))
}

/// As `who`: `access-key <verb> --access-key-id <id>`.
fn by_id(t: &Team, who: &Cred, verb: &str, id: &str) -> Out {
    t.run(who, &["access-key", verb, "--access-key-id", id])
}

/// The audit records of `principal`'s calls, read by the administrator.
fn audit_of(t: &Team, principal: &str) -> Vec<Value> {
    let v = t.ok(&t.admin, &["audit", "show", "--principal", principal]);
    v["Records"].as_array().expect("Records").clone()
}

#[track_caller]
fn assert_recorded(records: &[Value], operation: &str, outcome: &str) {
    assert!(
        records
            .iter()
            .any(|r| r["Operation"] == operation && r["Outcome"] == outcome),
        "no {operation} record with outcome {outcome} in {records:#?}"
    );
}

#[track_caller]
fn assert_denied(out: Out, action: &str) {
    let out = out.failure(EXIT_KMS, "AccessDeniedException");
    assert!(
        out.stderr.contains(action),
        "the refusal does not name {action}: {out:?}"
    );
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The keyring's bytes on disk: the database file and, if one is left,
/// its write-ahead log.
fn bytes_on_disk(env: &TestEnv) -> Vec<u8> {
    let mut bytes = env.keyring_bytes();
    let mut wal = env.keyring.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(&wal) {
        bytes.extend(more);
    }
    bytes
}

#[test]
fn access_key_create_prints_the_secret_once_and_list_never_shows_it() {
    let t = team();
    let help = t.env.ok(["access-key", "create", "--help"]).stdout;
    assert!(
        help.contains("printed only in this command's output"),
        "{help}"
    );

    let mut cmd = t.env.cmd();
    cmd.args([
        "--debug",
        "--output",
        "json",
        "access-key",
        "create",
        "--principal",
        "ci",
        "--description",
        "deploys the web app",
    ]);
    let out = crate::env::run_cmd(cmd).success();
    let created = out.json();
    let key = &created["AccessKey"];
    let names: Vec<&str> = key
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        names,
        [
            "UserName",
            "AccessKeyId",
            "Status",
            "SecretAccessKey",
            "CreateDate",
            "Description"
        ],
        "IAM's AccessKey shape: {created}"
    );
    assert_eq!(key["UserName"], "ci");
    assert_eq!(key["Status"], "Active");
    assert_eq!(key["Description"], "deploys the web app");
    let id = str_field(key, "AccessKeyId");
    assert!(
        id.len() == 20
            && id.starts_with("LKIA")
            && id[4..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)),
        "{id}"
    );
    let secret = str_field(key, "SecretAccessKey");
    assert_eq!(secret.len(), 40, "{secret}");
    crate::env::parse_time(&str_field(key, "CreateDate"));
    assert!(
        !out.stderr.contains(&secret),
        "--debug shows the secret: {out:?}"
    );

    // Never again: not in a listing, the audit trail or its export.
    let listed = t.ok(&t.admin, &["access-key", "list"]);
    assert_eq!(listed["AccessKeyMetadata"][0]["AccessKeyId"], id.as_str());
    assert!(
        listed["AccessKeyMetadata"][0]
            .get("SecretAccessKey")
            .is_none()
    );
    for args in [
        vec!["access-key", "list", "--principal", "ci"],
        vec!["audit", "show"],
    ] {
        let out = t.run(&t.admin, &args).success();
        assert!(!out.stdout.contains(&secret), "{args:?} shows the secret");
    }
    let export = t.run(&t.admin, &["audit", "export"]).success();
    assert!(
        export.stdout.contains("CreateAccessKey") && export.stdout.contains("ci"),
        "the export has no record of the creation: {export:?}"
    );
    assert!(
        !export.stdout.contains(&secret),
        "the audit export holds the secret"
    );
    let records = audit_of(&t, "alice");
    let record = records
        .iter()
        .find(|r| r["Operation"] == "CreateAccessKey")
        .unwrap_or_else(|| panic!("no CreateAccessKey record: {records:#?}"));
    assert_eq!(record["Outcome"], "Success");
    assert_eq!(
        record["Request"],
        json!({"UserName": "ci", "Description": "deploys the web app"})
    );
    assert_recorded(&records, "ListAccessKeys", "Success");
}

#[test]
fn access_keys_are_limited_to_two_per_principal() {
    let t = team();
    let first = str_field(&create(&t, &t.admin, "ci", &[]), "AccessKeyId");
    create(&t, &t.admin, "ci", &[]);
    let out = t
        .run(&t.admin, &["access-key", "create", "--principal", "ci"])
        .failure(EXIT_KMS, "LimitExceededException");
    assert!(
        out.error_line("LimitExceededException").contains("ci"),
        "{out:?}"
    );
    assert!(!out.stdout.contains("SecretAccessKey"), "{out:?}");
    assert_eq!(list(&t, &t.admin, &["--principal", "ci"]).len(), 2);
    assert_recorded(&audit_of(&t, "alice"), "CreateAccessKey", "Failed");
    // The limit is per principal, and a deleted key frees its place.
    create(&t, &t.admin, "deploy", &[]);
    by_id(&t, &t.admin, "delete", &first).success();
    create(&t, &t.admin, "ci", &[]);
    assert_eq!(list(&t, &t.admin, &["--principal", "ci"]).len(), 2);
    assert_eq!(list(&t, &t.admin, &[]).len(), 3);
}

#[test]
fn access_keys_are_disabled_enabled_and_deleted() {
    let t = team();
    let id = str_field(&create(&t, &t.admin, "ci", &[]), "AccessKeyId");
    let other = str_field(&create(&t, &t.admin, "ci", &[]), "AccessKeyId");

    // As IAM's UpdateAccessKey and DeleteAccessKey, they print nothing.
    let out = by_id(&t, &t.admin, "disable", &id).success();
    assert_eq!(out.stdout.trim(), "", "{out:?}");
    assert_eq!(status_of(&t, &id).as_deref(), Some("Inactive"));
    assert_eq!(status_of(&t, &other).as_deref(), Some("Active"));
    by_id(&t, &t.admin, "enable", &id).success();
    assert_eq!(status_of(&t, &id).as_deref(), Some("Active"));
    // Setting the status a key has is no error.
    by_id(&t, &t.admin, "enable", &id).success();
    assert_eq!(status_of(&t, &id).as_deref(), Some("Active"));

    let out = by_id(&t, &t.admin, "delete", &id).success();
    assert_eq!(out.stdout.trim(), "", "{out:?}");
    assert_eq!(status_of(&t, &id), None);
    assert_eq!(status_of(&t, &other).as_deref(), Some("Active"));
    for verb in ["delete", "enable", "disable"] {
        let out = by_id(&t, &t.admin, verb, &id).failure(EXIT_KMS, "NotFoundException");
        assert!(out.error_line("NotFoundException").contains(&id), "{out:?}");
    }
    let out = by_id(&t, &t.admin, "disable", "AKIAIOSFODNN7EXAMPLE")
        .failure(EXIT_KMS, "ValidationException");
    assert!(
        out.error_line("ValidationException")
            .contains("AKIAIOSFODNN7EXAMPLE"),
        "{out:?}"
    );
    let records = audit_of(&t, "alice");
    for (operation, outcome) in [
        ("UpdateAccessKey", "Success"),
        ("DeleteAccessKey", "Success"),
        ("DeleteAccessKey", "Failed"),
        ("UpdateAccessKey", "Failed"),
    ] {
        assert_recorded(&records, operation, outcome);
    }
    let disable = records
        .iter()
        .find(|r| r["Operation"] == "UpdateAccessKey")
        .expect("an UpdateAccessKey record");
    assert_eq!(
        disable["Request"],
        json!({"AccessKeyId": id, "Status": "Inactive"})
    );
    t.ok(&t.admin, &["verify-keyring"]);
}

#[test]
fn access_key_administration_is_for_administrators_and_audited() {
    let t = team();
    let bob = t.add_principal("bob");
    // bob may not make himself, or anyone, a credential.
    for principal in ["bob", "ci"] {
        assert_denied(
            t.run(&bob, &["access-key", "create", "--principal", principal]),
            "lkms:CreateAccessKey",
        );
    }
    let own = str_field(&create(&t, &t.admin, "bob", &[]), "AccessKeyId");
    let ci = str_field(&create(&t, &t.admin, "ci", &[]), "AccessKeyId");
    // A principal lists its own keys; nobody else's without the right.
    let mine = list(&t, &bob, &["--principal", "bob"]);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["AccessKeyId"], own.as_str());
    for args in [
        vec!["access-key", "list"],
        vec!["access-key", "list", "--principal", "ci"],
    ] {
        assert_denied(t.run(&bob, &args), "lkms:ListAccessKeys");
    }
    assert_denied(by_id(&t, &bob, "disable", &ci), "lkms:UpdateAccessKey");
    assert_denied(by_id(&t, &bob, "delete", &own), "lkms:DeleteAccessKey");
    assert_eq!(status_of(&t, &ci).as_deref(), Some("Active"));
    assert_eq!(status_of(&t, &own).as_deref(), Some("Active"));
    let records = audit_of(&t, "bob");
    for (operation, outcome) in [
        ("CreateAccessKey", "Denied"),
        ("ListAccessKeys", "Denied"),
        ("ListAccessKeys", "Success"),
        ("UpdateAccessKey", "Denied"),
        ("DeleteAccessKey", "Denied"),
    ] {
        assert_recorded(&records, operation, outcome);
    }

    // The keyring policy decides: given lkms:CreateAccessKey, bob creates.
    let account = &t.account;
    let p = policy(json!([
        {"Sid": "KeyringAdministrators", "Effect": "Allow",
         "Principal": {"AWS": format!("arn:aws:iam::{account}:user/alice")},
         "Action": "lkms:*", "Resource": "*"},
        {"Effect": "Allow",
         "Principal": {"AWS": format!("arn:aws:iam::{account}:user/bob")},
         "Action": "lkms:CreateAccessKey", "Resource": "*"}
    ]));
    t.ok(&t.admin, &["put-keyring-policy", "--policy", &p]);
    create(&t, &bob, "ci", &[]);
    assert_denied(by_id(&t, &bob, "delete", &ci), "lkms:DeleteAccessKey");
    assert_eq!(list(&t, &t.admin, &["--principal", "ci"]).len(), 2);
}

/// The `access_keys` rows: (id, version, sealed data).
fn access_key_rows(path: &Path) -> Vec<KeyRow> {
    let db = Connection::open(path).expect("open the keyring database");
    let mut stmt = db
        .prepare("SELECT id, version, data FROM access_keys ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

/// An access key row as stored.
type KeyRow = (String, i64, Vec<u8>);

/// Edits the keyring database by hand (no lkms runs meanwhile).
fn edit(path: &Path, f: impl FnOnce(&Connection)) {
    let db = Connection::open(path).expect("open the keyring database");
    f(&db);
    db.close().map_err(|(_, e)| e).expect("close");
}

/// Stores `row` as it is, over any row of its id.
fn put(db: &Connection, row: &KeyRow) {
    db.execute(
        "INSERT OR REPLACE INTO access_keys (id, version, data) VALUES (?1, ?2, ?3)",
        params![row.0, row.1, row.2],
    )
    .expect("put the row");
}

#[test]
fn access_key_secrets_are_sealed_in_the_keyring_file() {
    let t = team();
    let key = create(
        &t,
        &t.admin,
        "build-robot-7",
        &["--description", "the nightly release build"],
    );
    let secret = str_field(&key, "SecretAccessKey");
    let id = str_field(&key, "AccessKeyId");
    let bytes = bytes_on_disk(&t.env);
    // The id is the row's clear key, as a key id is: the search finds text.
    assert!(
        contains(&bytes, &id),
        "the access key id is not in the file"
    );
    for sealed in [
        secret.as_str(),
        "the nightly release build",
        "build-robot-7",
    ] {
        assert!(
            !contains(&bytes, sealed),
            "{sealed:?} is in the file in clear"
        );
    }
}

#[test]
fn tampered_access_key_rows_are_refused_at_open() {
    let t = team();
    let keyring = t.env.keyring.clone();
    let id = str_field(&create(&t, &t.admin, "ci", &[]), "AccessKeyId");
    let active = access_key_rows(&keyring).remove(0);
    by_id(&t, &t.admin, "disable", &id).success();
    let current = access_key_rows(&keyring).remove(0);
    assert_ne!(current, active, "disable changed no row");

    let mut flipped = current.clone();
    let last = flipped.2.len() - 1;
    flipped.2[last] ^= 1;
    let mut copied = current.clone();
    copied.0 = "LKIAAAAAAAAAAAAAAAAA".to_owned();
    type Tamper<'a> = Box<dyn Fn(&Connection) + 'a>;
    let tampers: [(&str, Tamper); 4] = [
        ("edited", Box::new(|db| put(db, &flipped))),
        (
            "put back to when it was Active",
            Box::new(|db| put(db, &active)),
        ),
        (
            "deleted",
            Box::new(|db| {
                db.execute("DELETE FROM access_keys", []).expect("delete");
            }),
        ),
        ("copied under another id", Box::new(|db| put(db, &copied))),
    ];
    for (what, tamper) in tampers {
        edit(&keyring, tamper);
        // Every call is refused when the keyring is opened.
        for args in [vec!["whoami"], vec!["verify-keyring"]] {
            let out = t
                .run(&t.admin, &args)
                .failure(EXIT_KEYRING, "KeyringCorruptException");
            assert!(
                out.error_line("KeyringCorruptException")
                    .contains("access keys"),
                "a row {what}: {out:?}"
            );
        }
        // Put right, it opens again.
        edit(&keyring, |db| {
            db.execute("DELETE FROM access_keys", []).expect("clear");
            put(db, &current);
        });
        t.ok(&t.admin, &["verify-keyring"]);
        eprintln!("an access key row {what}: refused at open");
    }
    assert_eq!(status_of(&t, &id).as_deref(), Some("Inactive"));
}

#[test]
fn access_keys_survive_rotate_root_key() {
    let t = team();
    let keyring = t.env.keyring.clone();
    let ci = str_field(
        &create(&t, &t.admin, "ci", &["--description", "ci"]),
        "AccessKeyId",
    );
    create(&t, &t.admin, "deploy", &[]);
    by_id(&t, &t.admin, "disable", &ci).success();
    let before = list(&t, &t.admin, &[]);
    let rows = access_key_rows(&keyring);
    t.ok(&t.admin, &["rotate-root-key"]);
    assert_eq!(list(&t, &t.admin, &[]), before);
    let after = access_key_rows(&keyring);
    assert_eq!(after.len(), 2);
    for (old, new) in rows.iter().zip(&after) {
        assert_eq!(old.0, new.0);
        assert_ne!(old.2, new.2, "access key {} was not re-sealed", old.0);
    }
    let v = t.ok(&t.admin, &["verify-keyring"]);
    assert_eq!(v["AccessKeys"], 2, "{v}");
    // And still administered under the new root key.
    by_id(&t, &t.admin, "enable", &ci).success();
    assert_eq!(status_of(&t, &ci).as_deref(), Some("Active"));
}

#[test]
fn a_keyring_made_before_access_keys_opens_and_gets_them() {
    let mut env = TestEnv::new();
    let dir = crate::attacks::legacy_fixture(&env);
    env.keyring = dir.join("keyring.db");
    let has_table = || {
        let db = Connection::open(&env.keyring).expect("open");
        let n: i64 = db
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'access_keys'",
                [],
                |r| r.get(0),
            )
            .expect("query");
        n == 1
    };
    assert!(!has_table(), "the fixture already has access keys");
    let alice = Cred::Identity(dir.join("alice.txt"));
    let ci = Cred::Identity(dir.join("ci.txt"));
    let key = env.json_as(&alice, ["access-key", "create", "--principal", "ci"]);
    let id = str_field(&key["AccessKey"], "AccessKeyId");
    assert!(has_table());
    let listed = env.json_as(&ci, ["access-key", "list", "--principal", "ci"]);
    assert_eq!(listed["AccessKeyMetadata"][0]["AccessKeyId"], id.as_str());
    // What it held before still works.
    let blob = format!("fileb://{}", path_str(&dir.join("blob.bin")));
    env.json_as(&ci, ["decrypt", "--ciphertext-blob", &blob]);
    let v = env.json_as(&alice, ["verify-keyring"]);
    assert_eq!(v["AccessKeys"], 1, "{v}");
}
