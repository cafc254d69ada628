//! `get-key-last-usage` (issue 17): the last successful cryptographic use of
//! a key, as AWS's GetKeyLastUsage reports it, from the audit trail.

use serde_json::{Value, json};

use crate::env::{EXIT_KMS, TestEnv, b64, env_with_keyring, parse_time, str_field};

fn last_usage(env: &TestEnv, key: &str) -> Value {
    let v = env.json(["get-key-last-usage", "--key-id", key]);
    assert_eq!(
        str_field(&v, "KeyId"),
        key.rsplit('/').next().unwrap_or(key),
        "{v}"
    );
    v
}

/// The sequence number of the newest audit record of `operation` on `key`.
fn newest_seq(env: &TestEnv, key: &str, operation: &str) -> String {
    let v = env.json(["audit", "show", "--key-id", key, "--operation", operation]);
    let records = v["Records"].as_array().expect("Records");
    let last = records.last().expect("a record");
    last["Seq"].to_string()
}

#[test]
fn last_usage_follows_successful_cryptographic_operations_only() {
    let env = env_with_keyring();
    let key = env.create_key();
    let v = last_usage(&env, &key);
    assert_eq!(v["KeyLastUsage"], json!({}), "a new key is unused: {v}");
    assert_eq!(v["TrackingStartDate"], v["KeyCreationDate"], "{v}");

    // Management calls, failures and dry runs are not uses.
    env.ok(["describe-key", "--key-id", &key]);
    env.run([
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        &b64(b"x"),
        "--dry-run",
    ])
    .failure(EXIT_KMS, "DryRunOperationException");
    env.run([
        "decrypt",
        "--key-id",
        &key,
        "--ciphertext-blob",
        &b64(b"not a ciphertext"),
    ]);
    assert_eq!(last_usage(&env, &key)["KeyLastUsage"], json!({}));

    let ct = env.json(["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")]);
    let v = last_usage(&env, &key);
    assert_eq!(v["KeyLastUsage"]["Operation"], "Encrypt", "{v}");
    assert_eq!(
        v["KeyLastUsage"]["CloudTrailEventId"].as_str(),
        Some(newest_seq(&env, &key, "Encrypt").as_str()),
        "the event id is the audit record's: {v}"
    );
    let used = parse_time(v["KeyLastUsage"]["Timestamp"].as_str().expect("Timestamp"));
    assert!(
        used >= parse_time(v["KeyCreationDate"].as_str().expect("date")),
        "{v}"
    );

    env.ok([
        "decrypt",
        "--ciphertext-blob",
        &str_field(&ct, "CiphertextBlob"),
    ]);
    assert_eq!(
        last_usage(&env, &key)["KeyLastUsage"]["Operation"],
        "Decrypt"
    );

    // A refused use (disabled) leaves the last successful one.
    env.ok(["disable-key", "--key-id", &key]);
    env.run([
        "generate-data-key",
        "--key-id",
        &key,
        "--key-spec",
        "AES_256",
    ])
    .failure(EXIT_KMS, "DisabledException");
    assert_eq!(
        last_usage(&env, &key)["KeyLastUsage"]["Operation"],
        "Decrypt"
    );
    env.ok(["enable-key", "--key-id", &key]);

    // ReEncrypt counts for both keys.
    let other = env.create_key();
    env.ok([
        "re-encrypt",
        "--ciphertext-blob",
        &str_field(&ct, "CiphertextBlob"),
        "--destination-key-id",
        &other,
    ]);
    assert_eq!(
        last_usage(&env, &key)["KeyLastUsage"]["Operation"],
        "ReEncrypt"
    );
    assert_eq!(
        last_usage(&env, &other)["KeyLastUsage"]["Operation"],
        "ReEncrypt"
    );

    // Signing keys too; and the key ARN names the key, an alias does not.
    let signer = str_field(
        &env.create_key_with(["--key-spec", "ECC_NIST_EDWARDS25519"]),
        "KeyId",
    );
    env.ok([
        "sign",
        "--key-id",
        &signer,
        "--message",
        &b64(b"m"),
        "--signing-algorithm",
        "ED25519_SHA_512",
    ]);
    let arn = env.key_arn(&signer);
    assert_eq!(last_usage(&env, &arn)["KeyLastUsage"]["Operation"], "Sign");
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/signer",
        "--target-key-id",
        &signer,
    ]);
    env.run(["get-key-last-usage", "--key-id", "alias/signer"])
        .failure(EXIT_KMS, "NotFoundException");
}

#[test]
fn last_usage_records_the_time_of_use_and_survives_root_key_rotation() {
    let env = env_with_keyring();
    let key = env.create_key();
    env.faketime(
        "+3d",
        ["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")],
    )
    .success();
    let v = last_usage(&env, &key);
    let used = parse_time(v["KeyLastUsage"]["Timestamp"].as_str().expect("Timestamp"));
    let created = parse_time(v["KeyCreationDate"].as_str().expect("date"));
    let days = (used - created).whole_days();
    assert!((2..=3).contains(&days), "used ~3 days after creation: {v}");

    // New blind indexes under a new root key: the pointer is rebuilt.
    env.ok(["rotate-root-key"]);
    let after = last_usage(&env, &key);
    assert_eq!(after["KeyLastUsage"], v["KeyLastUsage"], "{after}");
}

#[test]
fn pruned_usage_is_reported_as_untracked() {
    let env = env_with_keyring();
    let key = env.create_key();
    env.ok(["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")]);
    assert_eq!(
        last_usage(&env, &key)["KeyLastUsage"]["Operation"],
        "Encrypt"
    );
    // Ten days on, the records of the first five are pruned.
    let boundary = time::OffsetDateTime::now_utc().unix_timestamp() + 5 * 86_400;
    env.faketime(
        "+10d",
        ["audit", "prune", "--before", &boundary.to_string()],
    )
    .success();
    let v = env
        .faketime("+10d", ["get-key-last-usage", "--key-id", &key])
        .success()
        .json();
    assert_eq!(v["KeyLastUsage"], json!({}), "the record is gone: {v}");
    let start = parse_time(v["TrackingStartDate"].as_str().expect("start"));
    let created = parse_time(v["KeyCreationDate"].as_str().expect("created"));
    assert!(
        (start - created).whole_days() >= 9,
        "tracking starts after the pruned records: {v}"
    );
}

/// The `key_usage` pointers of the keyring file: (blind key index, seq).
fn pointers(env: &TestEnv) -> Vec<(i64, i64)> {
    let db = rusqlite::Connection::open_with_flags(
        &env.keyring,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("open the keyring database");
    let mut stmt = db
        .prepare("SELECT key_ix, seq FROM key_usage ORDER BY seq")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect()
}

#[test]
fn each_use_moves_one_pointer_which_rotation_rebuilds_and_the_trail_backs_up() {
    let env = env_with_keyring();
    let key = env.create_key();
    assert!(pointers(&env).is_empty(), "no use yet");
    env.ok(["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")]);
    env.ok(["encrypt", "--key-id", &key, "--plaintext", &b64(b"y")]);
    let seq: i64 = newest_seq(&env, &key, "Encrypt").parse().expect("seq");
    let before = pointers(&env);
    assert_eq!(before.len(), 1, "one pointer per key: {before:?}");
    assert_eq!(before[0].1, seq, "it names the newest use's record");

    // A new root key makes new blind indexes: the pointer is made anew.
    env.ok(["rotate-root-key"]);
    let after = pointers(&env);
    assert_eq!(after.len(), 1, "{after:?}");
    assert_eq!(after[0].1, seq, "{after:?}");
    assert_ne!(after[0].0, before[0].0, "a new blind index: {after:?}");

    // A pointer edited to name another key's record, or no record, is not
    // believed: the trail answers.
    let other = env.create_key();
    env.ok(["encrypt", "--key-id", &other, "--plaintext", &b64(b"z")]);
    let other_seq: i64 = newest_seq(&env, &other, "Encrypt").parse().expect("seq");
    let ix = after[0].0;
    for bogus in [other_seq, other_seq + 1000, seq] {
        let db = rusqlite::Connection::open(&env.keyring).expect("open");
        db.execute(
            "UPDATE key_usage SET seq = ?1 WHERE key_ix = ?2",
            [bogus, ix],
        )
        .expect("update");
        drop(db);
        let v = last_usage(&env, &key);
        assert_eq!(
            v["KeyLastUsage"]["CloudTrailEventId"],
            json!(seq.to_string()),
            "{v}"
        );
    }

    // Without a pointer (a keyring from before them), the trail answers.
    let db = rusqlite::Connection::open(&env.keyring).expect("open");
    db.execute("DELETE FROM key_usage", []).expect("delete");
    drop(db);
    let v = last_usage(&env, &key);
    assert_eq!(v["KeyLastUsage"]["Operation"], "Encrypt", "{v}");
    assert_eq!(
        v["KeyLastUsage"]["CloudTrailEventId"],
        json!(seq.to_string()),
        "{v}"
    );
}
