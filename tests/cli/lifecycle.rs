//! The CMK lifecycle with `aws kms` names, flags and JSON shapes
//! (DESIGN.md sections 3-4, issue 2).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

use crate::env::{
    EXIT_INVALID_VALUE, EXIT_KMS, EXIT_USAGE, TestEnv, env_with_keyring, has_error_line,
    is_uuid_v4, parse_time, str_field,
};

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| {
            s.as_str()
                .unwrap_or_else(|| panic!("not a string: {s}"))
                .to_owned()
        })
        .collect()
}

/// Asserts `DeletionDate` is `days` days after `before` (the time just
/// before the command ran), allowing for an implementation that rounds up
/// to the next day boundary, and a slow machine.
#[track_caller]
fn assert_deletion_date(deletion_date: &Value, before: OffsetDateTime, days: i64) {
    let s = deletion_date
        .as_str()
        .unwrap_or_else(|| panic!("DeletionDate is not a string: {deletion_date}"));
    let date = parse_time(s);
    let expected = before + Duration::days(days);
    assert!(
        date >= expected - Duration::hours(1) && date <= expected + Duration::hours(25),
        "DeletionDate {s} is not about {days} days after {before}"
    );
}

#[test]
fn describe_key_has_the_aws_key_metadata_fields() {
    let env = env_with_keyring();
    let before = OffsetDateTime::now_utc();
    let created = env.create_key_with(["--description", "orders db"]);
    let id = str_field(&created, "KeyId");

    assert!(is_uuid_v4(&id), "KeyId {id:?} is not a UUID v4");
    assert_eq!(created["Arn"], env.key_arn(&id).as_str());
    let creation = parse_time(&str_field(&created, "CreationDate"));
    assert!(
        creation >= before - Duration::hours(1)
            && creation <= OffsetDateTime::now_utc() + Duration::hours(1),
        "CreationDate {creation} is not now"
    );
    let expect = [
        ("Enabled", json!(true)),
        ("Description", json!("orders db")),
        ("KeyUsage", json!("ENCRYPT_DECRYPT")),
        ("KeyState", json!("Enabled")),
        ("Origin", json!("AWS_KMS")),
        ("KeyManager", json!("CUSTOMER")),
        ("KeySpec", json!("SYMMETRIC_DEFAULT")),
        ("CustomerMasterKeySpec", json!("SYMMETRIC_DEFAULT")),
        ("EncryptionAlgorithms", json!(["SYMMETRIC_DEFAULT"])),
        ("MultiRegion", json!(false)),
    ];
    for (field, value) in &expect {
        assert_eq!(
            created.get(*field),
            Some(value),
            "KeyMetadata.{field}: {created}"
        );
    }
    for absent in [
        "DeletionDate",
        "PendingDeletionWindowInDays",
        "SigningAlgorithms",
        "MacAlgorithms",
    ] {
        assert!(
            created.get(absent).is_none_or(Value::is_null),
            "{absent} should be absent: {created}"
        );
    }

    // describe-key returns the same metadata create-key did.
    assert_eq!(env.describe(&id), created);

    // The default output, with stdout not a terminal, is JSON.
    let out = env.ok(["describe-key", "--key-id", &id]);
    assert_eq!(out.json()["KeyMetadata"]["KeyId"], id.as_str());
}

#[test]
fn asymmetric_and_hmac_keys_list_their_algorithms() {
    let env = env_with_keyring();

    let md = env.create_key_with(["--key-spec", "ECC_NIST_P256", "--key-usage", "SIGN_VERIFY"]);
    assert_eq!(md["KeySpec"], "ECC_NIST_P256", "{md}");
    assert_eq!(md["KeyUsage"], "SIGN_VERIFY", "{md}");
    assert_eq!(strings(&md["SigningAlgorithms"]), ["ECDSA_SHA_256"], "{md}");
    assert!(
        md.get("EncryptionAlgorithms").is_none_or(Value::is_null),
        "{md}"
    );

    let md = env.create_key_with(["--key-spec", "RSA_2048", "--key-usage", "SIGN_VERIFY"]);
    let algs = strings(&md["SigningAlgorithms"]);
    for a in ["RSASSA_PSS_SHA_256", "RSASSA_PKCS1_V1_5_SHA_256"] {
        assert!(algs.iter().any(|x| x == a), "{a} missing: {md}");
    }

    let md = env.create_key_with(["--key-spec", "RSA_2048", "--key-usage", "ENCRYPT_DECRYPT"]);
    let algs = strings(&md["EncryptionAlgorithms"]);
    for a in ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"] {
        assert!(algs.iter().any(|x| x == a), "{a} missing: {md}");
    }

    let md = env.create_key_with([
        "--key-spec",
        "HMAC_256",
        "--key-usage",
        "GENERATE_VERIFY_MAC",
    ]);
    assert_eq!(md["KeyUsage"], "GENERATE_VERIFY_MAC", "{md}");
    assert_eq!(strings(&md["MacAlgorithms"]), ["HMAC_SHA_256"], "{md}");
}

#[test]
fn mismatched_spec_and_usage_are_refused() {
    let env = env_with_keyring();
    let before = env.records();
    for (spec, usage) in [
        ("SYMMETRIC_DEFAULT", "SIGN_VERIFY"),
        ("ECC_NIST_P256", "ENCRYPT_DECRYPT"),
        ("HMAC_256", "ENCRYPT_DECRYPT"),
        ("SYMMETRIC_DEFAULT", "GENERATE_VERIFY_MAC"),
    ] {
        env.run(["create-key", "--key-spec", spec, "--key-usage", usage])
            .failure(EXIT_KMS, "ValidationException");
    }
    // Unknown values are parameter errors.
    for args in [
        ["create-key", "--key-spec", "FOO"],
        ["create-key", "--key-usage", "BAR"],
        ["create-key", "--origin", "AWS_CLOUDHSM_NOPE"],
    ] {
        let out = env.run(args);
        assert!(
            out.code == EXIT_INVALID_VALUE || out.code == EXIT_USAGE,
            "expected exit 252 or 2: {out:?}"
        );
    }
    assert_eq!(
        env.records(),
        before,
        "a refused create-key changed the keyring"
    );
    assert!(env.list_all_keys(None).0.is_empty());
}

#[test]
fn external_origin_waits_for_import() {
    let env = env_with_keyring();
    let md = env.create_key_with(["--origin", "EXTERNAL", "--description", "byok"]);
    assert_eq!(md["Origin"], "EXTERNAL", "{md}");
    assert_eq!(md["KeyState"], "PendingImport", "{md}");
    assert_eq!(md["Enabled"], false, "{md}");
    let id = str_field(&md, "KeyId");
    assert_eq!(env.describe(&id)["KeyState"], "PendingImport");
}

#[test]
fn key_id_accepts_uuid_arn_and_alias() {
    let env = env_with_keyring();
    let md = env.create_key_with(["--description", "three names"]);
    let id = str_field(&md, "KeyId");
    let arn = str_field(&md, "Arn");
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/three-names",
        "--target-key-id",
        &id,
    ]);

    for name in [id.as_str(), arn.as_str(), "alias/three-names"] {
        let d = env.describe(name);
        assert_eq!(d["KeyId"], id.as_str(), "describe-key --key-id {name}");
    }
    // Other commands take the alias too.
    env.ok(["disable-key", "--key-id", "alias/three-names"]);
    assert_eq!(env.describe(&arn)["KeyState"], "Disabled");
    env.ok(["enable-key", "--key-id", &arn]);
    assert_eq!(env.describe(&id)["KeyState"], "Enabled");

    // Unknown ids of each form.
    let missing = "4b7e2a1c-9d3f-4e5a-8b6c-7d8e9f0a1b2c";
    let missing_arn = env.key_arn(missing);
    for name in [missing, missing_arn.as_str(), "alias/nothing-here"] {
        let out = env
            .run(["describe-key", "--key-id", name])
            .failure(EXIT_KMS, "NotFoundException");
        assert!(out.stdout.trim().is_empty(), "{out:?}");
    }
}

#[test]
fn list_keys_paginates_with_limit_and_marker() {
    let env = env_with_keyring();
    let created: BTreeSet<String> = (0..5).map(|_| env.create_key()).collect();
    assert_eq!(created.len(), 5);

    let first = env.json(["list-keys", "--limit", "2"]);
    assert_eq!(first["Truncated"], true, "{first}");
    assert_eq!(first["Keys"].as_array().map(Vec::len), Some(2), "{first}");
    assert!(first["NextMarker"].is_string(), "{first}");

    let (ids, pages) = env.list_all_keys(Some(2));
    assert_eq!(pages, 3, "5 keys in pages of 2");
    assert_eq!(ids.len(), 5, "each key exactly once: {ids:?}");
    assert_eq!(ids.iter().cloned().collect::<BTreeSet<_>>(), created);

    // Without --limit, all five in one merged response, with their ARNs
    // and without the paging fields (as the AWS CLI prints it).
    let all = env.json(["list-keys"]);
    assert!(all.get("Truncated").is_none(), "{all}");
    let keys = all["Keys"].as_array().expect("Keys");
    assert_eq!(keys.len(), 5);
    for k in keys {
        let id = str_field(k, "KeyId");
        assert_eq!(k["KeyArn"], env.key_arn(&id).as_str(), "{k}");
    }
}

#[test]
fn enable_disable_and_update_description() {
    let env = env_with_keyring();
    let id = env.create_key_with(["--description", "first"]);
    let id = str_field(&id, "KeyId");

    let out = env.ok(["disable-key", "--key-id", &id]);
    assert!(out.stdout.trim().is_empty(), "disable-key printed: {out:?}");
    let d = env.describe(&id);
    assert_eq!(
        (&d["KeyState"], &d["Enabled"]),
        (&json!("Disabled"), &json!(false))
    );

    let out = env.ok(["enable-key", "--key-id", &id]);
    assert!(out.stdout.trim().is_empty(), "enable-key printed: {out:?}");
    let d = env.describe(&id);
    assert_eq!(
        (&d["KeyState"], &d["Enabled"]),
        (&json!("Enabled"), &json!(true))
    );

    let out = env.ok([
        "update-key-description",
        "--key-id",
        &id,
        "--description",
        "second",
    ]);
    assert!(
        out.stdout.trim().is_empty(),
        "update-key-description printed: {out:?}"
    );
    assert_eq!(env.describe(&id)["Description"], "second");

    for cmd in ["disable-key", "enable-key"] {
        env.run([cmd, "--key-id", "alias/missing"])
            .failure(EXIT_KMS, "NotFoundException");
    }
}

#[test]
fn deletion_window_must_be_7_to_30_days() {
    let env = env_with_keyring();
    let id = env.create_key();
    let before = env.records();
    for days in ["6", "31", "0"] {
        let out = env.run([
            "schedule-key-deletion",
            "--key-id",
            &id,
            "--pending-window-in-days",
            days,
        ]);
        assert_ne!(out.code, 0, "window {days} accepted: {out:?}");
        assert!(
            out.stderr.contains("ValidationException")
                || (out.stderr.contains('7') && out.stderr.contains("30")),
            "window {days}: no ValidationException or range in stderr: {out:?}"
        );
    }
    assert_eq!(
        env.records(),
        before,
        "a refused window changed the keyring"
    );
    assert_eq!(env.describe(&id)["KeyState"], "Enabled");

    for (days, args) in [
        (7, vec!["--pending-window-in-days", "7"]),
        (30, vec!["--pending-window-in-days", "30"]),
        (30, vec![]),
    ] {
        let md = env.create_key_with::<[&str; 0], &str>([]);
        let id = str_field(&md, "KeyId");
        let arn = str_field(&md, "Arn");
        let now = OffsetDateTime::now_utc();
        let mut all = vec!["schedule-key-deletion", "--key-id", &id];
        all.extend(&args);
        let v = env.json(&all);
        assert_eq!(v["KeyId"], arn.as_str(), "{v}");
        assert_eq!(v["KeyState"], "PendingDeletion", "{v}");
        assert_eq!(v["PendingWindowInDays"], days, "{v}");
        assert_deletion_date(&v["DeletionDate"], now, days);

        let d = env.describe(&id);
        assert_eq!(d["KeyState"], "PendingDeletion", "{d}");
        assert_eq!(d["Enabled"], false, "{d}");
        assert_eq!(d["PendingDeletionWindowInDays"], days, "{d}");
        assert_eq!(d["DeletionDate"], v["DeletionDate"], "{d}");
    }
}

#[test]
fn keys_past_their_deletion_date_wait_for_a_principal_allowed_to_delete_them() {
    let env = env_with_keyring();
    let in_30 = env.create_key();
    let in_7 = env.create_key();
    let kept = env.create_key();
    env.json(["schedule-key-deletion", "--key-id", &in_30]);
    env.json([
        "schedule-key-deletion",
        "--key-id",
        &in_7,
        "--pending-window-in-days",
        "7",
    ]);

    // 9 days on (a day of slack for a DeletionDate rounded up): the 7-day
    // key is past its date, and still there (PendingDeletion, its date in
    // the past) until a principal allowed to delete it writes.
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(9);
    for id in [&in_7, &in_30] {
        let out = env
            .faketime("+9d", ["describe-key", "--key-id", id])
            .success();
        assert_eq!(out.json()["KeyMetadata"]["KeyState"], "PendingDeletion");
    }
    let out = env
        .faketime("+9d", ["describe-key", "--key-id", &in_7])
        .success();
    assert!(parse_time(&str_field(&out.json()["KeyMetadata"], "DeletionDate")) < later);
    env.faketime("+9d", ["encrypt", "--key-id", &in_7, "--plaintext", "eA=="])
        .failure(EXIT_KMS, "KMSInvalidStateException");

    // 32 days on, before any write: both are listed, PendingDeletion...
    let listed = env.faketime("+32d", ["list-keys"]).success().json();
    let ids: BTreeSet<String> = listed["Keys"]
        .as_array()
        .expect("Keys")
        .iter()
        .map(|k| str_field(k, "KeyId"))
        .collect();
    assert_eq!(
        ids,
        BTreeSet::from([in_7.clone(), in_30.clone(), kept.clone()]),
        "list-keys past the DeletionDate"
    );

    // ...and `maintain` by a principal allowed to delete them destroys them.
    let m = env.faketime("+32d", ["maintain"]).success().json();
    let deleted: BTreeSet<String> = strings(&m["DeletedKeys"])
        .into_iter()
        .map(|d| d.rsplit('/').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        deleted,
        BTreeSet::from([in_7.clone(), in_30.clone()]),
        "{m}"
    );
    assert_eq!(m["RotatedKeys"], json!([]), "{m}");

    // Gone for good, in the present too; the other key is untouched.
    for id in [&in_7, &in_30] {
        env.run(["describe-key", "--key-id", id])
            .failure(EXIT_KMS, "NotFoundException");
    }
    assert_eq!(env.describe(&kept)["KeyState"], "Enabled");
    assert_eq!(env.list_all_keys(None).0, vec![kept]);
    let m = env.faketime("+32d", ["maintain"]).success().json();
    assert_eq!(m["DeletedKeys"], json!([]), "{m}");
}

#[test]
fn cancel_key_deletion_returns_the_key_disabled() {
    let env = env_with_keyring();
    let md = env.create_key_with::<[&str; 0], &str>([]);
    let id = str_field(&md, "KeyId");
    env.json([
        "schedule-key-deletion",
        "--key-id",
        &id,
        "--pending-window-in-days",
        "7",
    ]);

    let v = env.json(["cancel-key-deletion", "--key-id", &id]);
    assert_eq!(v["KeyId"], md["Arn"], "{v}");
    let d = env.describe(&id);
    assert_eq!(d["KeyState"], "Disabled", "{d}");
    assert_eq!(d["Enabled"], false, "{d}");
    assert!(d.get("DeletionDate").is_none_or(Value::is_null), "{d}");
    assert!(
        d.get("PendingDeletionWindowInDays")
            .is_none_or(Value::is_null),
        "{d}"
    );

    // The cancelled key survives its old DeletionDate.
    let m = env.faketime("+32d", ["maintain"]).success().json();
    assert_eq!(m["DeletedKeys"], json!([]), "{m}");
    assert_eq!(env.describe(&id)["KeyState"], "Disabled");
}

fn aliases(env: &TestEnv, key: Option<&str>) -> Vec<Value> {
    let v = match key {
        Some(k) => env.json(["list-aliases", "--key-id", k]),
        None => env.json(["list-aliases"]),
    };
    assert!(v.get("Truncated").is_none(), "every page, merged: {v}");
    v["Aliases"]
        .as_array()
        .unwrap_or_else(|| panic!("no Aliases: {v}"))
        .iter()
        // Managed aliases (alias/lkms/...) are not this test's business.
        .filter(|a| {
            !a["AliasName"]
                .as_str()
                .unwrap_or("")
                .starts_with("alias/lkms/")
        })
        .cloned()
        .collect()
}

#[test]
fn alias_create_update_delete() {
    let env = env_with_keyring();
    let k1 = env.create_key();
    let k2 = env.create_key();
    assert!(aliases(&env, None).is_empty());

    env.ok([
        "create-alias",
        "--alias-name",
        "alias/app",
        "--target-key-id",
        &k1,
    ]);
    let list = aliases(&env, None);
    assert_eq!(list.len(), 1, "{list:?}");
    let a = &list[0];
    assert_eq!(a["AliasName"], "alias/app");
    assert_eq!(a["AliasArn"], env.alias_arn("alias/app").as_str(), "{a}");
    assert_eq!(a["TargetKeyId"], k1.as_str());
    parse_time(&str_field(a, "CreationDate"));
    parse_time(&str_field(a, "LastUpdatedDate"));
    assert_eq!(env.describe("alias/app")["KeyId"], k1.as_str());

    env.ok([
        "update-alias",
        "--alias-name",
        "alias/app",
        "--target-key-id",
        &k2,
    ]);
    assert_eq!(env.describe("alias/app")["KeyId"], k2.as_str());
    assert!(aliases(&env, Some(&k1)).is_empty());
    let for_k2 = aliases(&env, Some(&k2));
    assert_eq!(for_k2.len(), 1, "{for_k2:?}");
    assert_eq!(for_k2[0]["TargetKeyId"], k2.as_str());

    env.ok(["delete-alias", "--alias-name", "alias/app"]);
    assert!(aliases(&env, None).is_empty());
    env.run(["describe-key", "--key-id", "alias/app"])
        .failure(EXIT_KMS, "NotFoundException");
    env.run(["delete-alias", "--alias-name", "alias/app"])
        .failure(EXIT_KMS, "NotFoundException");
    env.run([
        "update-alias",
        "--alias-name",
        "alias/app",
        "--target-key-id",
        &k1,
    ])
    .failure(EXIT_KMS, "NotFoundException");
    // The keys themselves are untouched.
    assert_eq!(env.describe(&k1)["KeyState"], "Enabled");
}

#[test]
fn duplicate_and_malformed_aliases_are_refused() {
    let env = env_with_keyring();
    let k1 = env.create_key();
    let k2 = env.create_key();
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/taken",
        "--target-key-id",
        &k1,
    ]);
    let before = env.records();

    env.run([
        "create-alias",
        "--alias-name",
        "alias/taken",
        "--target-key-id",
        &k2,
    ])
    .failure(EXIT_KMS, "AlreadyExistsException");

    for bad in [
        "taken2",
        "alias/",
        "alias/has space",
        "alias/bang!",
        "alias/aws/x",
        "alias/lkms/x",
        "aliasx/y",
    ] {
        let out = env.run(["create-alias", "--alias-name", bad, "--target-key-id", &k2]);
        assert_ne!(out.code, 0, "alias {bad:?} accepted: {out:?}");
        assert!(
            has_error_line(&out.stderr) || out.code == EXIT_USAGE,
            "no `An error occurred (<Exception>)` line for {bad:?}: {out:?}"
        );
    }
    // An alias to a missing key.
    env.run([
        "create-alias",
        "--alias-name",
        "alias/orphan",
        "--target-key-id",
        "4b7e2a1c-9d3f-4e5a-8b6c-7d8e9f0a1b2c",
    ])
    .failure(EXIT_KMS, "NotFoundException");

    assert_eq!(env.records(), before, "a refused alias changed the keyring");
    let list = aliases(&env, None);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["TargetKeyId"], k1.as_str());
}

fn tags(env: &TestEnv, id: &str) -> BTreeMap<String, String> {
    let v = env.json(["list-resource-tags", "--key-id", id]);
    assert!(v.get("Truncated").is_none(), "every page, merged: {v}");
    v["Tags"]
        .as_array()
        .unwrap_or_else(|| panic!("no Tags: {v}"))
        .iter()
        .map(|t| (str_field(t, "TagKey"), str_field(t, "TagValue")))
        .collect()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn tags_add_list_remove() {
    let env = env_with_keyring();
    let md = env.create_key_with([
        "--tags",
        "TagKey=env,TagValue=prod",
        "TagKey=team,TagValue=core",
    ]);
    let id = str_field(&md, "KeyId");
    assert_eq!(tags(&env, &id), map(&[("env", "prod"), ("team", "core")]));

    // tag-resource adds and overwrites.
    env.ok([
        "tag-resource",
        "--key-id",
        &id,
        "--tags",
        "TagKey=env,TagValue=dev",
        "TagKey=x,TagValue=y",
    ]);
    assert_eq!(
        tags(&env, &id),
        map(&[("env", "dev"), ("team", "core"), ("x", "y")])
    );

    env.ok(["untag-resource", "--key-id", &id, "--tag-keys", "team", "x"]);
    assert_eq!(tags(&env, &id), map(&[("env", "dev")]));

    // By alias as well; an untagged key has an empty list.
    let bare = env.create_key();
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/bare",
        "--target-key-id",
        &bare,
    ]);
    assert!(tags(&env, "alias/bare").is_empty());
    env.run(["list-resource-tags", "--key-id", "alias/missing"])
        .failure(EXIT_KMS, "NotFoundException");
}

#[test]
fn output_text_query_and_table() {
    let env = env_with_keyring();

    let out = env.ok([
        "--output",
        "text",
        "--query",
        "KeyMetadata.KeyId",
        "create-key",
        "--description",
        "text output",
    ]);
    let id = out.stdout.trim_end_matches('\n');
    assert!(is_uuid_v4(id), "expected a bare UUID line: {out:?}");
    assert_eq!(out.stdout, format!("{id}\n"));
    let id = id.to_owned();

    // Flags after the subcommand, and a query returning a string.
    let out = env.ok([
        "describe-key",
        "--key-id",
        &id,
        "--output",
        "text",
        "--query",
        "KeyMetadata.Description",
    ]);
    assert_eq!(out.stdout.trim(), "text output", "{out:?}");

    // --query with JSON output.
    let out = env.ok([
        "--output",
        "json",
        "--query",
        "KeyMetadata.KeyState",
        "describe-key",
        "--key-id",
        &id,
    ]);
    assert_eq!(out.json(), json!("Enabled"), "{out:?}");

    // A human table mentioning the key.
    let out = env.ok(["--output", "table", "describe-key", "--key-id", &id]);
    assert!(out.stdout.contains(&id), "{out:?}");
    assert!(
        serde_json::from_str::<Value>(&out.stdout).is_err(),
        "table output is JSON: {out:?}"
    );

    // An unknown output format is a parameter error.
    let out = env.run(["--output", "yaml-ish", "list-keys"]);
    assert!(
        out.code == EXIT_INVALID_VALUE || out.code == EXIT_USAGE,
        "expected exit 252 or 2: {out:?}"
    );
}
