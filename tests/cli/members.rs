//! Input members of AWS's model that lkms had no flag for (issue 13; the
//! ratchet tests/botocore_known_gaps.txt lists what is left): `--dry-run`
//! and `--dry-run-modifiers`, `--customer-master-key-spec`, custom key
//! stores and multi-Region keys (which a keyring does not have, refused as
//! AWS refuses what does not exist), `list-keys --resource-owners`.

use serde_json::Value;

use crate::env::{EXIT_KMS, TestEnv, env_with_keyring, str_field};

const DRY_RUN: &str = "DryRunOperationException";

fn grants(env: &TestEnv, key: &str) -> Vec<Value> {
    env.json(["list-grants", "--key-id", key])["Grants"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn key_count(env: &TestEnv) -> usize {
    env.json(["list-keys"])["Keys"]
        .as_array()
        .map_or(0, Vec::len)
}

/// `--dry-run` answers DryRunOperationException (exit 254, nothing on
/// stdout) when the call would succeed, changes nothing, and still fails
/// with the real exception when the call would fail; `--no-dry-run` runs it.
#[test]
fn dry_run_reports_success_as_an_exception_and_changes_nothing() {
    let env = env_with_keyring();
    let key = env.create_key();
    let account = str_field(&env.describe(&key), "AWSAccountId");
    let bob = format!("arn:aws:iam::{account}:user/bob");

    let out = env
        .run([
            "encrypt",
            "--key-id",
            &key,
            "--plaintext",
            "aGk=",
            "--dry-run",
        ])
        .failure(EXIT_KMS, DRY_RUN);
    assert_eq!(out.stdout, "", "{out:?}");
    let blob = str_field(
        &env.json(["encrypt", "--key-id", &key, "--plaintext", "aGk="]),
        "CiphertextBlob",
    );
    env.run(["decrypt", "--ciphertext-blob", &blob, "--dry-run"])
        .failure(EXIT_KMS, DRY_RUN);
    env.run([
        "generate-data-key",
        "--key-id",
        &key,
        "--key-spec",
        "AES_256",
        "--dry-run",
    ])
    .failure(EXIT_KMS, DRY_RUN);

    // A write: nothing is created.
    env.run([
        "create-grant",
        "--key-id",
        &key,
        "--grantee-principal",
        &bob,
        "--operations",
        "Decrypt",
        "--dry-run",
    ])
    .failure(EXIT_KMS, DRY_RUN);
    assert!(grants(&env, &key).is_empty(), "a dry run created a grant");
    let grant = env.json([
        "create-grant",
        "--key-id",
        &key,
        "--grantee-principal",
        &bob,
        "--operations",
        "Decrypt",
        "--dry-run",
        "--no-dry-run",
    ]);
    let grant_id = str_field(&grant, "GrantId");
    env.run([
        "revoke-grant",
        "--key-id",
        &key,
        "--grant-id",
        &grant_id,
        "--dry-run",
    ])
    .failure(EXIT_KMS, DRY_RUN);
    assert_eq!(grants(&env, &key).len(), 1, "a dry run revoked the grant");

    // A call that would fail fails as it would: a wrong context, a
    // disabled key.
    env.run([
        "decrypt",
        "--ciphertext-blob",
        &blob,
        "--encryption-context",
        "a=b",
        "--dry-run",
    ])
    .failure(EXIT_KMS, "InvalidCiphertextException");
    env.ok(["disable-key", "--key-id", &key, "--yes"]);
    env.run([
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        "aGk=",
        "--dry-run",
    ])
    .failure(EXIT_KMS, "DisabledException");

    // The audit trail records the dry run as AWS's CloudTrail does.
    let records = env.json(["audit", "show", "--operation", "CreateGrant"])["Records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let dry = records
        .iter()
        .find(|r| r["Request"]["DryRun"] == true)
        .unwrap_or_else(|| panic!("no dry-run CreateGrant record: {records:?}"));
    assert!(
        dry["Error"]
            .as_str()
            .is_some_and(|e| e.starts_with(&format!("{DRY_RUN}:"))),
        "{dry}"
    );
}

/// `--dry-run-modifiers IGNORE_CIPHERTEXT` checks only the permission: a
/// ciphertext that is not one passes with `--key-id`, and without a key to
/// check the call fails; re-encrypt checks both keys.
#[test]
fn ignore_ciphertext_checks_only_the_permission() {
    let env = env_with_keyring();
    let key = env.create_key();
    let other = env.create_key();
    let junk = "AAAA";
    let dry = ["--dry-run", "--dry-run-modifiers", "IGNORE_CIPHERTEXT"];
    let mut a = vec!["decrypt", "--ciphertext-blob", junk, "--key-id", &key];
    a.extend(dry);
    env.run(&a).failure(EXIT_KMS, DRY_RUN);
    let mut a = vec!["decrypt", "--ciphertext-blob", junk];
    a.extend(dry);
    env.run(&a).failure(EXIT_KMS, "InvalidCiphertextException");
    // Without --dry-run the modifier changes nothing.
    env.run([
        "decrypt",
        "--ciphertext-blob",
        junk,
        "--key-id",
        &key,
        "--dry-run-modifiers",
        "IGNORE_CIPHERTEXT",
    ])
    .failure(EXIT_KMS, "InvalidCiphertextException");
    let mut a = vec![
        "re-encrypt",
        "--ciphertext-blob",
        junk,
        "--source-key-id",
        &key,
        "--destination-key-id",
        &other,
    ];
    a.extend(dry);
    env.run(&a).failure(EXIT_KMS, DRY_RUN);
    let mut a = vec![
        "re-encrypt",
        "--ciphertext-blob",
        junk,
        "--source-key-id",
        &key,
        "--destination-key-id",
        "alias/none",
    ];
    a.extend(dry);
    env.run(&a).failure(EXIT_KMS, "NotFoundException");
}

/// create-key takes AWS's deprecated `--customer-master-key-spec`, and
/// refuses custom key stores and multi-Region keys as AWS refuses what
/// does not exist, creating nothing; `--no-multi-region` is the default.
#[test]
fn create_key_takes_every_model_member_and_refuses_what_a_keyring_lacks() {
    let env = env_with_keyring();
    let md = env.json([
        "create-key",
        "--customer-master-key-spec",
        "ECC_NIST_P256",
        "--key-usage",
        "SIGN_VERIFY",
        "--no-multi-region",
    ])["KeyMetadata"]
        .clone();
    assert_eq!(md["KeySpec"], "ECC_NIST_P256", "{md}");
    assert_eq!(md["CustomerMasterKeySpec"], "ECC_NIST_P256", "{md}");
    assert_eq!(md["MultiRegion"], false, "{md}");
    let before = key_count(&env);

    env.run([
        "create-key",
        "--key-spec",
        "RSA_2048",
        "--customer-master-key-spec",
        "ECC_NIST_P256",
    ])
    .failure(EXIT_KMS, "ValidationException");
    env.run([
        "create-key",
        "--custom-key-store-id",
        "cks-1234567890abcdef0",
    ])
    .failure(EXIT_KMS, "CustomKeyStoreNotFoundException");
    env.run(["create-key", "--xks-key-id", "ext-1"])
        .failure(EXIT_KMS, "ValidationException");
    env.run(["create-key", "--multi-region"])
        .failure(EXIT_KMS, "UnsupportedOperationException");
    env.run([
        "generate-random",
        "--number-of-bytes",
        "8",
        "--custom-key-store-id",
        "cks-1",
    ])
    .failure(EXIT_KMS, "CustomKeyStoreNotFoundException");
    assert_eq!(key_count(&env), before, "a refused create-key made a key");
}

/// `list-keys --resource-owners`: SELF lists the keyring's keys; no other
/// account shares keys through RAM, so OTHER_ACCOUNTS_VIA_RAM alone lists
/// none.
#[test]
fn list_keys_resource_owners() {
    let env = env_with_keyring();
    let key = env.create_key();
    let own = env.json(["list-keys", "--resource-owners", "SELF"]);
    assert_eq!(own["Keys"][0]["KeyId"], key.as_str(), "{own}");
    let both = env.json([
        "list-keys",
        "--resource-owners",
        "SELF",
        "OTHER_ACCOUNTS_VIA_RAM",
    ]);
    assert_eq!(both["Keys"].as_array().map(Vec::len), Some(1), "{both}");
    let shared = env.json(["list-keys", "--resource-owners", "OTHER_ACCOUNTS_VIA_RAM"]);
    assert_eq!(shared["Keys"], serde_json::json!([]), "{shared}");
}
