//! The keyring in PostgreSQL (issue 16): `lkms --store postgres://…` for
//! every command, `lkms migrate --to` between a file and a database both
//! ways, tampering with rows detected as in the SQLite store, TLS with
//! verify-full, passwords kept out of every output and file, a store that
//! cannot be reached, and due maintenance applied exactly once by
//! concurrent processes.
//!
//! Each test makes its own database on the cluster `LKMS_TEST_POSTGRES`
//! names (.ci/run starts one); without it the tests skip, unless
//! `LKMS_REQUIRE_POSTGRES` is set.

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::env::{
    EXIT_INVALID_VALUE, EXIT_KEYRING, EXIT_KMS, EXIT_USAGE, Out, TestEnv, run_cmd, str_field, unb64,
};
use crate::pg::{
    Store, admin_tls_url, admin_url, assert_no_file_holds, assert_not_shown, with_password,
    with_query,
};

/// The exception of a keyring whose records fail authentication.
const CORRUPT: &str = "KeyringCorruptException";
/// The exception the audit trail's verification names.
const AUDIT_INVALID: &str = "AuditLogInvalidException";

/// Lower-cased stdout and stderr, for wording checks.
fn text_of(out: &Out) -> String {
    format!("{}\n{}", out.stdout, out.stderr).to_lowercase()
}

/// Asserts `out` failed (non-zero, an AWS-style error line) and names one
/// of `words` (case-insensitive).
#[track_caller]
fn assert_fails_naming(out: &Out, words: &[&str], what: &str) {
    assert_ne!(out.code, 0, "{what} succeeded: {out:?}");
    assert!(
        crate::env::has_error_line(&out.stderr),
        "{what}: no `An error occurred (...)` line: {out:?}"
    );
    let text = text_of(out);
    assert!(
        words.iter().any(|w| text.contains(w)),
        "{what}: the error names none of {words:?}: {out:?}"
    );
}

/// Encrypts `plain` with `key` through `store`; the ciphertext file.
#[track_caller]
fn encrypt_to(store: &Store, key: &str, plain: &[u8], name: &str) -> std::path::PathBuf {
    let p = store.env.path(&format!("{name}.txt"));
    std::fs::write(&p, plain).expect("write plaintext");
    let v = store.json([
        "encrypt",
        "--key-id",
        key,
        "--plaintext",
        &format!("fileb://{}", p.display()),
    ]);
    let blob = store.env.path(&format!("{name}.bin"));
    std::fs::write(&blob, unb64(&str_field(&v, "CiphertextBlob"))).expect("write blob");
    blob
}

/// Decrypts the ciphertext file `blob` with `cmd` (`lkms` on some keyring).
#[track_caller]
fn decrypt_with(mut cmd: Command, blob: &Path) -> Vec<u8> {
    cmd.args(["--output", "json", "decrypt", "--ciphertext-blob"])
        .arg(format!("fileb://{}", blob.display()));
    let v = run_cmd(cmd).success().json();
    unb64(&str_field(&v, "Plaintext"))
}

/// Proves that a keyring lives in PostgreSQL: init makes lkms's tables in
/// an empty database, every everyday command works on it, nothing secret
/// is stored in clear, a second init is refused as over a keyring file,
/// LKMS_STORE works as --store does, and --store and --keyring conflict.
#[test]
fn init_and_everyday_commands_on_postgres() {
    let Some(store) = Store::shared() else { return };
    let pw = store.password();
    let out = store.init().success();
    assert_not_shown(&out, &pw);
    let keyring_id = str_field(&out.json(), "KeyringId");

    let tables = store.db.sql(
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables \
         WHERE table_schema = 'public'",
    );
    for t in [
        "access_keys",
        "aliases",
        "audit",
        "grants",
        "key_usage",
        "keys",
        "meta",
        "slots",
    ] {
        assert!(
            tables.split(',').any(|x| x == t),
            "no table {t} after init: {tables}"
        );
    }

    let description = "pg-clear-text-marker-description";
    let md = store.json(["create-key", "--description", description])["KeyMetadata"].clone();
    let key = str_field(&md, "KeyId");
    store.ok([
        "create-alias",
        "--alias-name",
        "alias/pg-test",
        "--target-key-id",
        &key,
    ]);
    assert_eq!(
        str_field(
            &store.json(["describe-key", "--key-id", "alias/pg-test"])["KeyMetadata"],
            "Description"
        ),
        description
    );
    let secret = b"pg-clear-text-marker-plaintext";
    let blob = encrypt_to(&store, "alias/pg-test", secret, "small");
    assert_eq!(decrypt_with(store.cmd(), &blob), secret);
    assert!(store.key_ids().contains(&key), "list-keys lacks {key}");
    let who = store.run(["--output", "json", "whoami"]).success();
    assert_not_shown(&who, &pw);
    assert_eq!(str_field(&who.json(), "KeyringId"), keyring_id);

    // The key is one row of `keys`, sealed: neither its description nor
    // what it encrypted is anywhere in the database in clear.
    assert_eq!(
        store
            .db
            .sql(&format!("SELECT count(*) FROM keys WHERE id = '{key}'")),
        "1"
    );
    for table in ["keys", "aliases", "audit", "slots", "meta"] {
        let column = if table == "meta" { "value" } else { "data" };
        for marker in [description.as_bytes(), secret.as_slice()] {
            let hex: String = marker.iter().map(|b| format!("{b:02x}")).collect();
            let n = store.db.sql(&format!(
                "SELECT count(*) FROM {table} WHERE position(decode('{hex}', 'hex') IN {column}) > 0"
            ));
            assert_eq!(
                n,
                "0",
                "{table} holds {:?} in clear",
                String::from_utf8_lossy(marker)
            );
        }
    }
    store.assert_verifies("on PostgreSQL");
    let creates = store.audit_records(&["--operation", "CreateKey"]);
    assert_eq!(creates.len(), 1, "{creates:?}");

    // A second init is refused as over an existing keyring file, and
    // changes nothing.
    let keys_before = store.db.sql("SELECT count(*) FROM keys");
    let mut cmd = store.bare_cmd(&store.url);
    cmd.args(["init", "--generate-identity"])
        .arg(store.env.path("second-identity.txt"));
    let again = run_cmd(cmd);
    assert_not_shown(&again, &pw);
    again.failure(EXIT_KEYRING, "KeyringExistsException");
    assert_eq!(store.db.sql("SELECT count(*) FROM keys"), keys_before);
    assert_eq!(str_field(&store.json(["whoami"]), "KeyringId"), keyring_id);

    // LKMS_STORE names the store as --store does.
    let mut cmd = store.env.raw_cmd();
    cmd.env("LKMS_STORE", &store.url)
        .env("LKMS_IDENTITY", &store.identity)
        .args(["--output", "json", "whoami"]);
    let out = run_cmd(cmd).success();
    assert_eq!(str_field(&out.json(), "KeyringId"), keyring_id);

    // A file and a database at once is a usage error.
    let mut cmd = store.cmd();
    cmd.arg("--keyring")
        .arg(store.env.path("other.db"))
        .arg("whoami");
    let out = run_cmd(cmd);
    assert_eq!(out.code, EXIT_USAGE, "--store with --keyring: {out:?}");
    assert_not_shown(&out, &pw);

    assert_no_file_holds(store.env.dir.path(), &pw);
}

/// Proves that init refuses a database that holds tables of another
/// program, and leaves them alone.
#[test]
fn init_refuses_a_database_with_other_tables() {
    let Some(store) = Store::shared() else { return };
    store
        .db
        .sql("CREATE TABLE invoices (id integer PRIMARY KEY, total numeric)");
    store.db.sql("INSERT INTO invoices VALUES (1, 9.5)");
    let out = store.init();
    assert_ne!(out.code, 0, "init over another program's tables: {out:?}");
    assert!(crate::env::has_error_line(&out.stderr), "{out:?}");
    assert_not_shown(&out, &store.password());
    assert_eq!(
        store.db.sql("SELECT total FROM invoices WHERE id = 1"),
        "9.5"
    );
    assert_eq!(
        store.db.sql(
            "SELECT string_agg(table_name, ',') FROM information_schema.tables \
             WHERE table_schema = 'public'"
        ),
        "invoices",
        "init made tables beside another program's"
    );
}

/// Proves that `lkms migrate --to` copies a keyring file into PostgreSQL
/// and back again exactly: the same keyring id, keys, alias and audit
/// chain; what was encrypted before decrypts after, on each; both
/// verifications pass on each; and a destination that already holds a
/// keyring is refused and left as it was.
#[test]
fn migrate_file_to_postgres_and_back() {
    let Some(admin) = admin_url() else { return };
    let mut file = TestEnv::new();
    file.init_with_identity();
    let key = file.create_key();
    file.ok([
        "create-alias",
        "--alias-name",
        "alias/moved",
        "--target-key-id",
        &key,
    ]);
    file.ok(["enable-key-rotation", "--key-id", &key]);
    file.ok(["rotate-key-on-demand", "--key-id", &key]);
    let plain = file.write_file("before.txt", "encrypted before the move");
    let v = file.json([
        "encrypt",
        "--key-id",
        "alias/moved",
        "--plaintext",
        &format!("fileb://{}", plain.display()),
    ]);
    let before = file.path("before.bin");
    std::fs::write(&before, unb64(&str_field(&v, "CiphertextBlob"))).expect("write");
    let envelope = file.path("before.lkms");
    file.ok([
        "encrypt-file",
        "--key-id",
        &key,
        "-o",
        envelope.to_str().expect("UTF-8"),
        plain.to_str().expect("UTF-8"),
    ]);
    let file_keys: BTreeSet<String> = file.list_all_keys(None).0.into_iter().collect();
    let file_trail = file.json(["audit", "show"])["Records"].clone();
    let file_trail = file_trail.as_array().expect("Records").clone();
    let keyring_id = file.keyring_id.clone();

    // The Store shares the file's TestEnv: the same HOME and identity.
    let store = Store::with_env(file, &admin);
    let pw = store.password();
    let out = store.env.run(["migrate", "--to", &store.url]);
    assert_not_shown(&out, &pw);
    assert_eq!(out.code, 0, "migrate file -> PostgreSQL: {out:?}");

    assert_eq!(str_field(&store.json(["whoami"]), "KeyringId"), keyring_id);
    let pg_keys: BTreeSet<String> = store.key_ids().into_iter().collect();
    assert_eq!(pg_keys, file_keys, "the keys moved");
    let pg_trail = store.audit_records(&[]);
    assert!(
        pg_trail.len() >= file_trail.len() && pg_trail[..file_trail.len()] == file_trail[..],
        "the audit trail did not move as it was:\nfile: {file_trail:?}\npg: {pg_trail:?}"
    );
    assert_eq!(
        decrypt_with(store.cmd(), &before),
        b"encrypted before the move"
    );
    assert_eq!(
        str_field(
            &store.json(["describe-key", "--key-id", "alias/moved"])["KeyMetadata"],
            "KeyId"
        ),
        key
    );
    let rotations = store.json(["list-key-rotations", "--key-id", &key]);
    assert_eq!(
        rotations["Rotations"].as_array().map(Vec::len),
        Some(1),
        "{rotations}"
    );
    store.assert_verifies("after migrating into PostgreSQL");

    // Work done on PostgreSQL, then back into a new file.
    let pg_key = store.create_key();
    let during = encrypt_to(&store, &pg_key, b"encrypted in PostgreSQL", "during");
    let back = store.env.path("back/keyring.db");
    std::fs::create_dir(store.env.path("back")).expect("mkdir");
    let out = store.run(["migrate", "--to", back.to_str().expect("UTF-8")]);
    assert_not_shown(&out, &pw);
    assert_eq!(out.code, 0, "migrate PostgreSQL -> file: {out:?}");

    let back_cmd = || {
        let mut cmd = store.env.raw_cmd();
        cmd.env("LKMS_KEYRING", &back)
            .env("LKMS_IDENTITY", &store.identity);
        cmd
    };
    let mut cmd = back_cmd();
    cmd.args(["--output", "json", "whoami"]);
    assert_eq!(
        str_field(&run_cmd(cmd).success().json(), "KeyringId"),
        keyring_id
    );
    let mut cmd = back_cmd();
    cmd.args(["--output", "json", "list-keys"]);
    let listed: BTreeSet<String> = run_cmd(cmd).success().json()["Keys"]
        .as_array()
        .expect("Keys")
        .iter()
        .map(|k| str_field(k, "KeyId"))
        .collect();
    assert_eq!(
        listed,
        store.key_ids().into_iter().collect(),
        "the keys came back"
    );
    assert_eq!(
        decrypt_with(back_cmd(), &before),
        b"encrypted before the move"
    );
    assert_eq!(
        decrypt_with(back_cmd(), &during),
        b"encrypted in PostgreSQL"
    );
    let mut cmd = back_cmd();
    cmd.args(["decrypt-file", "-o", "-"]).arg(&envelope);
    assert_eq!(run_cmd(cmd).success().stdout, "encrypted before the move");
    for what in [&["audit", "verify"][..], &["verify-keyring"][..]] {
        let mut cmd = back_cmd();
        cmd.args(what);
        let out = run_cmd(cmd);
        assert_eq!(out.code, 0, "{what:?} on the file migrated back: {out:?}");
    }
    store.env.ok(["audit", "verify"]);

    // A destination that holds a keyring is refused and left as it was.
    let pg_keys = store.db.sql("SELECT count(*) FROM keys");
    let out = store.env.run(["migrate", "--to", &store.url]);
    assert_not_shown(&out, &pw);
    assert_ne!(out.code, 0, "migrate onto a keyring in PostgreSQL: {out:?}");
    assert_eq!(store.db.sql("SELECT count(*) FROM keys"), pg_keys);
    let bytes = std::fs::read(&back).expect("read");
    let out = store.run(["migrate", "--to", back.to_str().expect("UTF-8")]);
    assert_not_shown(&out, &pw);
    assert_ne!(out.code, 0, "migrate onto a keyring file: {out:?}");
    assert_eq!(std::fs::read(&back).expect("read"), bytes);
    store.assert_verifies("after refused migrations");
    // The trails may record each migrate's destination, never with its
    // password.
    assert_not_shown(&store.ok(["audit", "export"]), &pw);
    assert_not_shown(&store.env.ok(["audit", "export"]), &pw);

    assert_no_file_holds(store.env.dir.path(), &pw);
}

/// Proves that a byte flipped in a `keys` row is detected as in the
/// SQLite store: using that key fails with KeyringCorruptException naming
/// it, other keys still work, and `verify-keyring` fails.
#[test]
fn a_tampered_key_row_is_detected() {
    let Some(store) = Store::shared_init() else {
        return;
    };
    let (a, b) = (store.create_key(), store.create_key());
    let n = store.db.sql(&format!(
        "UPDATE keys SET data = set_byte(data, 20, get_byte(data, 20) # 1) WHERE id = '{a}' \
         RETURNING id"
    ));
    assert_eq!(n, a, "no keys row {a} to tamper with");

    let out = store.run(["describe-key", "--key-id", &a]);
    let out = out.failure(EXIT_KEYRING, CORRUPT);
    assert!(out.error_line(CORRUPT).contains(&a), "{out:?}");
    let out = store.run(["encrypt", "--key-id", &a, "--plaintext", "aGk="]);
    assert!(!out.stdout.contains("CiphertextBlob"), "{out:?}");
    out.failure(EXIT_KEYRING, CORRUPT);
    store.ok(["describe-key", "--key-id", &b]);
    store.run(["verify-keyring"]).failure(EXIT_KEYRING, CORRUPT);
}

/// A store with some history in its audit trail; its last sequence number.
fn store_with_history() -> Option<(Store, i64)> {
    let store = Store::shared_init()?;
    for _ in 0..3 {
        let key = store.create_key();
        store.ok(["encrypt", "--key-id", &key, "--plaintext", "aGk="]);
        store.ok(["describe-key", "--key-id", &key]);
    }
    let last: i64 = store
        .db
        .sql("SELECT max(seq) FROM audit")
        .parse()
        .expect("a sequence number");
    assert!(last >= 9, "expected at least 9 audit records, got {last}");
    assert_eq!(
        store.db.sql("SELECT count(*) FROM audit"),
        last.to_string(),
        "the audit sequence has gaps"
    );
    Some((store, last))
}

/// Proves that a byte flipped in an `audit` row's data is reported by
/// `audit verify`, naming the record, as in the SQLite store.
#[test]
fn a_tampered_audit_row_is_detected() {
    let Some((store, last)) = store_with_history() else {
        return;
    };
    let middle = last / 2;
    store.db.sql(&format!(
        "UPDATE audit SET data = set_byte(data, 20, get_byte(data, 20) # 1) WHERE seq = {middle}"
    ));
    let out = store
        .run(["audit", "verify"])
        .failure(EXIT_KMS, AUDIT_INVALID);
    let needle = format!("audit record {middle}");
    assert!(
        out.error_line(AUDIT_INVALID).contains(&needle),
        "does not name {needle:?}: {out:?}"
    );
}

/// Proves that a truncated trail (its last two rows deleted) is reported,
/// naming the first missing record.
#[test]
fn a_truncated_audit_trail_is_detected() {
    let Some((store, last)) = store_with_history() else {
        return;
    };
    store
        .db
        .sql(&format!("DELETE FROM audit WHERE seq > {}", last - 2));
    let out = store
        .run(["audit", "verify"])
        .failure(EXIT_KMS, AUDIT_INVALID);
    let needle = format!("audit record {}", last - 1);
    assert!(
        out.error_line(AUDIT_INVALID).contains(&needle),
        "does not name {needle:?}: {out:?}"
    );
    assert_ne!(store.run(["verify-keyring"]).code, 0);
}

/// Proves TLS to PostgreSQL: verify-full (and require) with the cluster's
/// CA works, and verify-full against no CA or against another CA fails
/// with an error that says why.
#[test]
fn tls_verify_full_with_the_ca_works_and_without_it_fails() {
    let Some(admin) = admin_url() else { return };
    let mut store = Store::new(&admin);
    store.url = store.db.on(&admin_tls_url());
    assert!(store.url.contains("sslmode=verify-full"), "{}", store.url);
    let pw = store.password();
    let out = store.init();
    assert_not_shown(&out, &pw);
    out.success();
    let key = store.create_key();
    store.ok(["encrypt", "--key-id", &key, "--plaintext", "aGk="]);
    store.assert_verifies("over TLS");

    let ca = store
        .url
        .split_once("sslrootcert=")
        .map(|(_, ca)| ca.to_owned())
        .expect("an sslrootcert in LKMS_TEST_POSTGRES_TLS");
    let require = with_query(&store.url, &format!("sslmode=require&sslrootcert={ca}"));
    let mut cmd = store.cmd_on(&require);
    cmd.arg("whoami");
    let out = run_cmd(cmd);
    assert_not_shown(&out, &pw);
    out.success();

    // Without sslrootcert: nothing trusts the cluster's certificate.
    let no_ca = with_query(&store.url, "sslmode=verify-full");
    let mut cmd = store.cmd_on(&no_ca);
    cmd.arg("whoami");
    let out = run_cmd(cmd);
    assert_not_shown(&out, &pw);
    assert_fails_naming(
        &out,
        &["certificate", "tls", "ssl"],
        "verify-full without the CA",
    );

    // Another CA: the cluster's certificate is not signed by it.
    let other = store.env.path("other-ca.pem");
    let made = Command::new("openssl")
        .current_dir(store.env.dir.path())
        .args([
            "req",
            "-x509",
            "-new",
            "-nodes",
            "-days",
            "2",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-keyout",
            "other-ca.key",
            "-subj",
            "/CN=another CA",
            "-out",
        ])
        .arg(&other)
        .output()
        .expect("openssl is installed");
    assert!(made.status.success(), "openssl: {made:?}");
    let wrong_ca = with_query(
        &store.url,
        &format!("sslmode=verify-full&sslrootcert={}", other.display()),
    );
    let mut cmd = store.cmd_on(&wrong_ca);
    cmd.arg("whoami");
    let out = run_cmd(cmd);
    assert_not_shown(&out, &pw);
    assert_fails_naming(
        &out,
        &["certificate", "tls", "ssl"],
        "verify-full against another CA",
    );
    assert_no_file_holds(store.env.dir.path(), &pw);
}

/// Proves that a wrong password is refused with an error that says so and
/// shows neither the wrong password nor the right one.
#[test]
fn a_wrong_password_is_refused_without_showing_it() {
    let Some(store) = Store::shared_init() else {
        return;
    };
    let wrong = "Wr0ngPassw0rdMarker4lkms";
    let url = with_password(&store.url, wrong);
    assert!(url.contains(wrong), "{url}");
    let mut cmd = store.cmd_on(&url);
    cmd.args(["list-keys"]);
    let out = run_cmd(cmd);
    assert_not_shown(&out, wrong);
    assert_not_shown(&out, &store.password());
    assert_fails_naming(&out, &["password", "authentication"], "a wrong password");
    let out = store.init_on(&url);
    assert_not_shown(&out, wrong);
    assert_ne!(out.code, 0, "{out:?}");
    assert_no_file_holds(store.env.dir.path(), wrong);
    assert_no_file_holds(store.env.dir.path(), &store.password());
}

/// Proves that a store nobody listens at fails at once, non-zero, naming
/// where it tried, without the password.
#[test]
fn an_unreachable_store_fails_with_a_clear_message() {
    let Some(store) = Store::shared_init() else {
        return;
    };
    // A port that was just free: connections to it are refused.
    let port = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let secret = "UnreachablePassw0rdMarker";
    let url = format!("postgres://lkms_test:{secret}@127.0.0.1:{port}/lkms_nowhere");
    for args in [&["whoami"][..], &["create-key"][..]] {
        let mut cmd = store.cmd_on(&url);
        cmd.args(args);
        let out = run_cmd(cmd);
        assert_not_shown(&out, secret);
        assert_fails_naming(&out, &["127.0.0.1"], "an unreachable store");
    }
    let out = store.init_on(&url);
    assert_not_shown(&out, secret);
    assert_ne!(out.code, 0, "{out:?}");
}

/// Proves that a server that accepts the connection but never answers
/// does not hang lkms: it gives up and says where it tried.
#[test]
fn a_silent_store_does_not_hang_the_command() {
    let Some(store) = Store::shared_init() else {
        return;
    };
    // Connections complete in the kernel's backlog; nothing ever answers.
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let url = format!("postgres://lkms_test:SilentPassw0rdMarker@127.0.0.1:{port}/lkms_silent");
    let mut cmd = store.cmd_on(&url);
    cmd.args(["whoami"]);
    // run_cmd fails the test if lkms is still waiting after its hang guard.
    let out = run_cmd(cmd);
    assert_not_shown(&out, "SilentPassw0rdMarker");
    assert_fails_naming(&out, &["127.0.0.1"], "a store that never answers");
    drop(listener);
}

/// Proves that due rotations and deletions are applied exactly once when
/// several processes run maintenance at the same (fake) time on one store:
/// each due key is rotated once and each key past its deletion date is
/// deleted once, whichever process did it.
#[test]
fn due_maintenance_is_applied_exactly_once_by_concurrent_processes() {
    let Some(store) = Store::shared_init() else {
        return;
    };
    let rotating: BTreeSet<String> = (0..6)
        .map(|_| {
            let k = store.create_key();
            store.ok(["enable-key-rotation", "--key-id", &k]);
            k
        })
        .collect();
    let deleting: BTreeSet<String> = (0..2)
        .map(|_| {
            let k = store.create_key();
            store.ok([
                "schedule-key-deletion",
                "--key-id",
                &k,
                "--pending-window-in-days",
                "7",
            ]);
            k
        })
        .collect();
    let idle = store.create_key();

    let outs: Vec<Out> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3)
            .map(|_| s.spawn(|| run_cmd(store.faketime_cmd("+366d", ["maintain"]))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("maintain thread"))
            .collect()
    });
    let mut rotated = Vec::new();
    let mut deleted = Vec::new();
    for out in outs {
        let v = out.success().json();
        for (field, into) in [("RotatedKeys", &mut rotated), ("DeletedKeys", &mut deleted)] {
            let list = v[field]
                .as_array()
                .unwrap_or_else(|| panic!("no {field} in {v}"));
            into.extend(list.iter().map(|k| {
                let s = k.as_str().unwrap_or_else(|| panic!("not a string: {k}"));
                s.rsplit('/').next().unwrap_or_default().to_owned()
            }));
        }
    }
    rotated.sort();
    deleted.sort();
    assert_eq!(
        rotated,
        rotating.iter().cloned().collect::<Vec<_>>(),
        "each due key rotated exactly once across the processes"
    );
    assert_eq!(
        deleted,
        deleting.iter().cloned().collect::<Vec<_>>(),
        "each due deletion applied exactly once across the processes"
    );
    for k in &rotating {
        let v = store.json(["list-key-rotations", "--key-id", k]);
        let rots = v["Rotations"].as_array().expect("Rotations");
        assert_eq!(rots.len(), 1, "rotations of {k}: {v}");
        assert_eq!(rots[0]["RotationType"], "AUTOMATIC", "{v}");
    }
    let listed: BTreeSet<String> = store.key_ids().into_iter().collect();
    let mut expected = rotating.clone();
    expected.insert(idle);
    assert_eq!(listed, expected, "the deleted keys are gone, the rest stay");
    store.assert_verifies("after concurrent maintenance");

    // Nothing is due any more.
    let v: Value = run_cmd(store.faketime_cmd("+366d", ["maintain"]))
        .success()
        .json();
    assert_eq!(v["RotatedKeys"], serde_json::json!([]), "{v}");
    assert_eq!(v["DeletedKeys"], serde_json::json!([]), "{v}");
}

/// Proves that a PostgreSQL URL given to `--keyring` (a file) is refused by
/// name, pointing at `--store`, without making a file of that name or
/// echoing the URL; and that `--store` takes nothing but a URL.
#[test]
fn keyring_and_store_each_take_their_own_kind_of_location() {
    let env = TestEnv::new();
    let out = run_cmd({
        let mut cmd = env.cmd();
        cmd.args(["--keyring", "postgres://u:Secr3tMarker@db/k", "list-keys"]);
        cmd
    });
    assert_eq!(out.code, EXIT_INVALID_VALUE, "{out:?}");
    assert!(out.stderr.contains("--store"), "{out:?}");
    assert!(!text_of(&out).contains("Secr3tMarker"), "{out:?}");
    assert!(!Path::new("postgres:").exists());
    let out = run_cmd({
        let mut cmd = env.cmd();
        cmd.args(["--store", "/tmp/keyring.db", "list-keys"]);
        cmd
    });
    assert_eq!(out.code, EXIT_INVALID_VALUE, "{out:?}");
    assert!(out.stderr.contains("postgres://"), "{out:?}");
}
