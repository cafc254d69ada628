//! Symmetric cryptography through the CLI (issue 3; DESIGN.md sections 3-4):
//! encrypt, decrypt, re-encrypt, generate-data-key(-without-plaintext),
//! generate-random, the states that refuse cryptography, tampering, and the
//! managed default key.

use std::ffi::OsString;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::env::{
    EXIT_INVALID_VALUE, EXIT_KMS, Out, TestEnv, env_with_keyring, error_line, str_field,
};

/// Offsets of the blob format (docs/FORMAT.md): magic "LKB1" (4) | version
/// (1) | key id (16) | key material id (32) | salt (32) | nonce (12) |
/// ciphertext | tag (16).
pub const KEY_ID_RANGE: std::ops::Range<usize> = 5..21;
pub const MATERIAL_ID_RANGE: std::ops::Range<usize> = 21..53;
pub const BLOB_OVERHEAD: usize = 4 + 1 + 16 + 32 + 32 + 12 + 16;

pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

#[track_caller]
pub fn unb64(s: &str) -> Vec<u8> {
    STANDARD
        .decode(s)
        .unwrap_or_else(|e| panic!("not base64 ({e}): {s:?}"))
}

/// A base64 field of a JSON response, decoded.
#[track_caller]
pub fn b64_field(v: &Value, name: &str) -> Vec<u8> {
    unb64(&str_field(v, name))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The 16 bytes of a canonical UUID string.
#[track_caller]
pub fn uuid_bytes(id: &str) -> Vec<u8> {
    uuid::Uuid::parse_str(id)
        .unwrap_or_else(|e| panic!("not a UUID ({e}): {id:?}"))
        .as_bytes()
        .to_vec()
}

/// Deterministic, non-text test bytes (every byte value appears).
pub fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| {
            #[allow(clippy::cast_possible_truncation)]
            let b = (i as u8).wrapping_mul(31).wrapping_add(seed) ^ ((i >> 8) as u8);
            b
        })
        .collect()
}

fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

/// `encrypt` of `plaintext` (passed as base64) under `key`, optionally with
/// an encryption context; returns the JSON response.
#[track_caller]
pub fn encrypt(env: &TestEnv, key: &str, plaintext: &[u8], ctx: Option<&str>) -> Value {
    let pt = b64(plaintext);
    let mut a = args(&["encrypt", "--plaintext", &pt, "--key-id", key]);
    if let Some(c) = ctx {
        a.extend(args(&["--encryption-context", c]));
    }
    env.json(a)
}

/// `decrypt` of raw blob bytes (through a `fileb://` file), with optional
/// context and extra arguments; returns the raw run.
pub fn decrypt_run(env: &TestEnv, blob: &[u8], ctx: Option<&str>, extra: &[&str]) -> Out {
    let file = env.path("blob.bin");
    std::fs::write(&file, blob).expect("write blob");
    let mut a: Vec<OsString> = args(&["--output", "json", "decrypt", "--ciphertext-blob"]);
    let mut fileb = OsString::from("fileb://");
    fileb.push(file.as_os_str());
    a.push(fileb);
    if let Some(c) = ctx {
        a.extend(args(&["--encryption-context", c]));
    }
    a.extend(args(extra));
    env.run(a)
}

/// `decrypt` that must succeed; returns the decrypted bytes and the KeyId.
#[track_caller]
pub fn decrypt_ok(env: &TestEnv, blob: &[u8], ctx: Option<&str>) -> (Vec<u8>, String) {
    let v = decrypt_run(env, blob, ctx, &[]).success().json();
    assert_eq!(v["EncryptionAlgorithm"], "SYMMETRIC_DEFAULT", "{v}");
    (b64_field(&v, "Plaintext"), str_field(&v, "KeyId"))
}

fn arn_of(env: &TestEnv, key: &str) -> String {
    str_field(&env.describe(key), "Arn")
}

// ---------------------------------------------------------------------------
// Round trips and the size limit
// ---------------------------------------------------------------------------

#[test]
fn round_trip_of_0_1_and_4096_bytes() {
    let env = env_with_keyring();
    let key = env.create_key();
    let arn = arn_of(&env, &key);
    for len in [0usize, 1, 4096] {
        let pt = pattern(len, 7);
        let v = encrypt(&env, &key, &pt, None);
        assert_eq!(v["KeyId"], arn.as_str(), "encrypt names the key ARN: {v}");
        assert_eq!(v["EncryptionAlgorithm"], "SYMMETRIC_DEFAULT", "{v}");
        let blob = b64_field(&v, "CiphertextBlob");
        assert_eq!(
            blob.len(),
            BLOB_OVERHEAD + len,
            "blob of a {len}-byte plaintext has the documented length"
        );
        assert_eq!(&blob[..4], b"LKB1", "magic");
        assert_eq!(blob[4], 1, "format version");
        assert_eq!(
            &blob[KEY_ID_RANGE],
            uuid_bytes(&key).as_slice(),
            "key id in blob"
        );
        let (back, kid) = decrypt_ok(&env, &blob, None);
        assert_eq!(back, pt, "round trip of {len} bytes");
        assert_eq!(kid, arn, "decrypt names the key ARN");
    }
}

#[test]
fn round_trip_with_fileb_plaintext_and_base64_blob() {
    let env = env_with_keyring();
    let key = env.create_key();
    let pt = pattern(300, 0x80);
    let file = env.path("pt.bin");
    std::fs::write(&file, &pt).unwrap();
    let v = env.json([
        "encrypt".into(),
        "--key-id".into(),
        OsString::from(&key),
        "--plaintext".into(),
        OsString::from(format!("fileb://{}", file.display())),
    ]);
    let blob = str_field(&v, "CiphertextBlob");
    let d = env.json(["decrypt", "--ciphertext-blob", &blob]);
    assert_eq!(b64_field(&d, "Plaintext"), pt);
}

#[test]
fn two_encryptions_of_the_same_plaintext_differ() {
    let env = env_with_keyring();
    let key = env.create_key();
    let a = b64_field(&encrypt(&env, &key, b"same", None), "CiphertextBlob");
    let b = b64_field(&encrypt(&env, &key, b"same", None), "CiphertextBlob");
    assert_ne!(a, b, "salt and nonce are random per blob");
    assert_ne!(a[53..85], b[53..85], "salts differ");
}

#[test]
fn plaintext_of_4097_bytes_is_refused_naming_encrypt_file() {
    let env = env_with_keyring();
    let key = env.create_key();
    let pt = b64(&pattern(4097, 1));
    let out = env
        .run(["encrypt", "--key-id", &key, "--plaintext", &pt])
        .failure(EXIT_KMS, "ValidationException");
    assert!(
        out.stderr.contains("encrypt-file"),
        "message names encrypt-file: {out:?}"
    );
    assert!(out.stdout.is_empty(), "no output on failure: {out:?}");

    // Same through fileb://.
    let file = env.path("big.bin");
    std::fs::write(&file, pattern(4097, 1)).unwrap();
    let out = env
        .run([
            "encrypt".into(),
            "--key-id".into(),
            OsString::from(&key),
            "--plaintext".into(),
            OsString::from(format!("fileb://{}", file.display())),
        ])
        .failure(EXIT_KMS, "ValidationException");
    assert!(out.stderr.contains("encrypt-file"), "{out:?}");
}

#[test]
fn bad_base64_is_a_parameter_error() {
    let env = env_with_keyring();
    let key = env.create_key();
    env.run(["encrypt", "--key-id", &key, "--plaintext", "not*base64!"])
        .failure(EXIT_INVALID_VALUE, "ValidationException");
    env.run(["decrypt", "--ciphertext-blob", "%%%%"])
        .failure(EXIT_INVALID_VALUE, "ValidationException");
    let missing = env.path("missing.bin");
    let out = env.run([
        "decrypt".into(),
        "--ciphertext-blob".into(),
        OsString::from(format!("fileb://{}", missing.display())),
    ]);
    assert_eq!(out.code, EXIT_INVALID_VALUE, "unreadable fileb://: {out:?}");
}

// ---------------------------------------------------------------------------
// Encryption context
// ---------------------------------------------------------------------------

#[test]
fn encryption_context_must_match_exactly() {
    let env = env_with_keyring();
    let key = env.create_key();
    let pt = b"context-bound secret";
    let v = encrypt(&env, &key, pt, Some("app=billing,env=prod"));
    let blob = b64_field(&v, "CiphertextBlob");

    // The same map, in another order and in JSON form, decrypts.
    assert_eq!(decrypt_ok(&env, &blob, Some("app=billing,env=prod")).0, pt);
    assert_eq!(decrypt_ok(&env, &blob, Some("env=prod,app=billing")).0, pt);
    assert_eq!(
        decrypt_ok(&env, &blob, Some(r#"{"env":"prod","app":"billing"}"#)).0,
        pt
    );

    for (what, ctx) in [
        ("missing context", None),
        ("a different value", Some("app=billing,env=dev")),
        ("a different key", Some("app=billing,stage=prod")),
        ("one pair missing", Some("app=billing")),
        ("an extra pair", Some("app=billing,env=prod,x=y")),
        ("empty JSON map", Some("{}")),
    ] {
        let out = decrypt_run(&env, &blob, ctx, &[]);
        assert!(
            out.code == EXIT_KMS,
            "{what}: expected InvalidCiphertextException: {out:?}"
        );
        let out = out.assert_exception("InvalidCiphertextException");
        assert!(
            out.stdout.is_empty(),
            "{what}: no plaintext on failure: {out:?}"
        );
    }

    // A blob made without context refuses any context.
    let plain = b64_field(&encrypt(&env, &key, pt, None), "CiphertextBlob");
    decrypt_run(&env, &plain, Some("app=billing"), &[])
        .failure(EXIT_KMS, "InvalidCiphertextException");
    assert_eq!(decrypt_ok(&env, &plain, None).0, pt);
}

// ---------------------------------------------------------------------------
// Tampering
// ---------------------------------------------------------------------------

#[test]
fn a_flipped_bit_anywhere_in_the_blob_is_refused() {
    let env = env_with_keyring();
    let key = env.create_key();
    let pt = [0x5a_u8];
    let ctx = "purpose=tamper-test";
    let blob = b64_field(&encrypt(&env, &key, &pt, Some(ctx)), "CiphertextBlob");
    assert_eq!(blob.len(), BLOB_OVERHEAD + 1);
    // The untouched blob decrypts (so the failures below are the flips').
    assert_eq!(decrypt_ok(&env, &blob, Some(ctx)).0, pt);

    let mut accepted = Vec::new();
    for pos in 0..blob.len() {
        let mut bad = blob.clone();
        bad[pos] ^= 1 << (pos % 8);
        let out = decrypt_run(&env, &bad, Some(ctx), &[]);
        assert!(
            out.stdout.is_empty(),
            "flipped bit at byte {pos} produced output: {out:?}"
        );
        if out.code == 0 {
            accepted.push(pos);
            continue;
        }
        assert_eq!(out.code, EXIT_KMS, "byte {pos}: {out:?}");
        // A flip in the key id names a key that does not exist; everywhere
        // else the blob does not authenticate.
        let expected = if KEY_ID_RANGE.contains(&pos) {
            ["InvalidCiphertextException", "NotFoundException"].as_slice()
        } else {
            ["InvalidCiphertextException"].as_slice()
        };
        assert!(
            expected
                .iter()
                .any(|e| error_line(&out.stderr, e).is_some()),
            "byte {pos}: expected one of {expected:?}: {out:?}"
        );
    }
    assert!(
        accepted.is_empty(),
        "flipped bits accepted at bytes {accepted:?}"
    );
}

#[test]
fn truncated_or_extended_blobs_are_refused() {
    let env = env_with_keyring();
    let key = env.create_key();
    let pt = pattern(40, 3);
    let blob = b64_field(&encrypt(&env, &key, &pt, None), "CiphertextBlob");
    for len in [
        blob.len() - 1,
        blob.len() - 16,
        BLOB_OVERHEAD,
        BLOB_OVERHEAD - 1,
        53,
        21,
        5,
        4,
        1,
    ] {
        let out = decrypt_run(&env, &blob[..len], None, &[]);
        assert_eq!(out.code, EXIT_KMS, "blob truncated to {len} bytes: {out:?}");
        out.assert_exception("InvalidCiphertextException");
    }
    let mut longer = blob.clone();
    longer.push(0);
    decrypt_run(&env, &longer, None, &[]).failure(EXIT_KMS, "InvalidCiphertextException");
    assert_eq!(decrypt_ok(&env, &blob, None).0, pt);
}

// ---------------------------------------------------------------------------
// --key-id on decrypt, and key states
// ---------------------------------------------------------------------------

#[test]
fn decrypt_checks_key_id_when_given() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let k1 = env.create_key();
    let k2 = env.create_key();
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/one",
        "--target-key-id",
        &k1,
    ]);
    let pt = b"whose key?";
    let blob = b64_field(&encrypt(&env, &k1, pt, None), "CiphertextBlob");

    // The right key, by id, ARN and alias.
    let arn1 = arn_of(&env, &k1);
    for id in [k1.as_str(), arn1.as_str(), "alias/one"] {
        let v = decrypt_run(&env, &blob, None, &["--key-id", id])
            .success()
            .json();
        assert_eq!(b64_field(&v, "Plaintext"), pt, "--key-id {id}");
    }
    // Another key.
    let out = decrypt_run(&env, &blob, None, &["--key-id", &k2])
        .failure(EXIT_KMS, "IncorrectKeyException");
    assert!(out.stdout.is_empty(), "{out:?}");
}

#[test]
fn a_disabled_key_refuses_cryptography() {
    let env = env_with_keyring();
    let key = env.create_key();
    let blob = b64_field(&encrypt(&env, &key, b"x", None), "CiphertextBlob");
    env.ok(["disable-key", "--key-id", &key]);
    decrypt_run(&env, &blob, None, &[]).failure(EXIT_KMS, "DisabledException");
    env.run(["encrypt", "--key-id", &key, "--plaintext", "eA=="])
        .failure(EXIT_KMS, "DisabledException");
    env.run([
        "generate-data-key",
        "--key-id",
        &key,
        "--key-spec",
        "AES_256",
    ])
    .failure(EXIT_KMS, "DisabledException");
    // Enabled again, the old blob decrypts.
    env.ok(["enable-key", "--key-id", &key]);
    assert_eq!(decrypt_ok(&env, &blob, None).0, b"x");
}

#[test]
fn a_key_pending_deletion_refuses_cryptography() {
    let env = env_with_keyring();
    let key = env.create_key();
    let blob = b64_field(&encrypt(&env, &key, b"x", None), "CiphertextBlob");
    env.ok([
        "schedule-key-deletion",
        "--key-id",
        &key,
        "--pending-window-in-days",
        "7",
    ]);
    decrypt_run(&env, &blob, None, &[]).failure(EXIT_KMS, "KMSInvalidStateException");
    env.run(["encrypt", "--key-id", &key, "--plaintext", "eA=="])
        .failure(EXIT_KMS, "KMSInvalidStateException");
    // Cancelled (back to Disabled, then enabled), the blob decrypts again.
    env.ok(["cancel-key-deletion", "--key-id", &key]);
    env.ok(["enable-key", "--key-id", &key]);
    assert_eq!(decrypt_ok(&env, &blob, None).0, b"x");
}

#[test]
fn a_blob_of_a_deleted_key_is_not_found() {
    let env = env_with_keyring();
    let key = env.create_key();
    let blob = b64_field(&encrypt(&env, &key, b"gone", None), "CiphertextBlob");
    env.ok([
        "schedule-key-deletion",
        "--key-id",
        &key,
        "--pending-window-in-days",
        "7",
    ]);
    let file = env.path("blob.bin");
    std::fs::write(&file, &blob).unwrap();
    let fileb = format!("fileb://{}", file.display());
    // Before the date: pending deletion.
    env.faketime("+6d", ["decrypt", "--ciphertext-blob", &fileb])
        .failure(EXIT_KMS, "KMSInvalidStateException");
    // After it, it stays unusable until a principal allowed to delete it
    // writes; then it is gone.
    env.faketime("+8d", ["decrypt", "--ciphertext-blob", &fileb])
        .failure(EXIT_KMS, "KMSInvalidStateException");
    env.faketime("+8d", ["maintain"]).success();
    env.faketime("+8d", ["decrypt", "--ciphertext-blob", &fileb])
        .failure(EXIT_KMS, "NotFoundException");
}

// ---------------------------------------------------------------------------
// re-encrypt
// ---------------------------------------------------------------------------

#[test]
fn re_encrypt_moves_a_ciphertext_to_another_key_and_context_without_plaintext() {
    let env = env_with_keyring();
    let k1 = env.create_key();
    let k2 = env.create_key();
    let secret = pattern(48, 0xc3);
    let secret_b64 = b64(&secret);
    let old = b64_field(
        &encrypt(&env, &k1, &secret, Some("stage=old")),
        "CiphertextBlob",
    );
    let old_b64 = b64(&old);

    // The source context is required.
    env.run([
        "re-encrypt",
        "--ciphertext-blob",
        &old_b64,
        "--destination-key-id",
        &k2,
        "--destination-encryption-context",
        "stage=new",
    ])
    .failure(EXIT_KMS, "InvalidCiphertextException");

    let out = env
        .run([
            "--output",
            "json",
            "re-encrypt",
            "--ciphertext-blob",
            &old_b64,
            "--source-encryption-context",
            "stage=old",
            "--destination-key-id",
            &k2,
            "--destination-encryption-context",
            "stage=new",
        ])
        .success();
    assert!(
        !out.stdout.contains(&secret_b64) && !out.stdout.contains(&hex(&secret)),
        "re-encrypt printed the plaintext: {out:?}"
    );
    assert!(out.stderr.is_empty(), "{out:?}");
    let v = out.json();
    assert!(v.get("Plaintext").is_none(), "no Plaintext field: {v}");
    assert_eq!(v["SourceKeyId"], arn_of(&env, &k1).as_str(), "{v}");
    assert_eq!(v["KeyId"], arn_of(&env, &k2).as_str(), "{v}");
    assert_eq!(v["SourceEncryptionAlgorithm"], "SYMMETRIC_DEFAULT", "{v}");
    assert_eq!(
        v["DestinationEncryptionAlgorithm"], "SYMMETRIC_DEFAULT",
        "{v}"
    );
    let new = b64_field(&v, "CiphertextBlob");
    assert_eq!(
        &new[KEY_ID_RANGE],
        uuid_bytes(&k2).as_slice(),
        "new blob names k2"
    );

    // The new blob needs the new context, not the old one.
    let (pt, kid) = decrypt_ok(&env, &new, Some("stage=new"));
    assert_eq!(pt, secret);
    assert_eq!(kid, arn_of(&env, &k2));
    decrypt_run(&env, &new, Some("stage=old"), &[]).failure(EXIT_KMS, "InvalidCiphertextException");
    decrypt_run(&env, &new, None, &[]).failure(EXIT_KMS, "InvalidCiphertextException");
    decrypt_run(&env, &new, Some("stage=new"), &["--key-id", &k1])
        .failure(EXIT_KMS, "IncorrectKeyException");

    // --source-key-id is checked like decrypt's --key-id.
    env.run([
        "re-encrypt",
        "--ciphertext-blob",
        &old_b64,
        "--source-encryption-context",
        "stage=old",
        "--source-key-id",
        &k2,
        "--destination-key-id",
        &k2,
    ])
    .failure(EXIT_KMS, "IncorrectKeyException");
    // A disabled destination refuses.
    env.ok(["disable-key", "--key-id", &k2]);
    env.run([
        "re-encrypt",
        "--ciphertext-blob",
        &old_b64,
        "--source-encryption-context",
        "stage=old",
        "--destination-key-id",
        &k2,
    ])
    .failure(EXIT_KMS, "DisabledException");
}

// ---------------------------------------------------------------------------
// generate-data-key, generate-random
// ---------------------------------------------------------------------------

#[test]
fn generate_data_key_sizes_and_its_blob_decrypts_to_its_plaintext() {
    let env = env_with_keyring();
    let key = env.create_key();
    let arn = arn_of(&env, &key);
    let cases: [(&[&str], usize); 4] = [
        (&["--key-spec", "AES_256"], 32),
        (&["--key-spec", "AES_128"], 16),
        (&["--number-of-bytes", "1"], 1),
        (&["--number-of-bytes", "1024"], 1024),
    ];
    for (extra, len) in cases {
        let mut a = args(&[
            "generate-data-key",
            "--key-id",
            &key,
            "--encryption-context",
            "dk=1",
        ]);
        a.extend(args(extra));
        let v = env.json(a);
        assert_eq!(v["KeyId"], arn.as_str(), "{v}");
        let pt = b64_field(&v, "Plaintext");
        assert_eq!(pt.len(), len, "{extra:?}: {v}");
        let blob = b64_field(&v, "CiphertextBlob");
        assert_eq!(&blob[KEY_ID_RANGE], uuid_bytes(&key).as_slice());
        assert_eq!(decrypt_ok(&env, &blob, Some("dk=1")).0, pt, "{extra:?}");
        decrypt_run(&env, &blob, None, &[]).failure(EXIT_KMS, "InvalidCiphertextException");
    }
    // Two data keys differ.
    let a = env.json([
        "generate-data-key",
        "--key-id",
        &key,
        "--key-spec",
        "AES_256",
    ]);
    let b = env.json([
        "generate-data-key",
        "--key-id",
        &key,
        "--key-spec",
        "AES_256",
    ]);
    assert_ne!(a["Plaintext"], b["Plaintext"]);
}

/// A range error: ValidationException, whether it is reported as a client
/// side parameter error (252) or by the KMS model (254).
#[track_caller]
fn assert_range_error(out: Out) {
    assert!(
        out.code == EXIT_KMS || out.code == EXIT_INVALID_VALUE,
        "expected a ValidationException exit: {out:?}"
    );
    let out = out.assert_exception("ValidationException");
    assert!(out.stdout.is_empty(), "{out:?}");
}

#[test]
fn generate_data_key_refuses_bad_sizes_and_ambiguous_requests() {
    let env = env_with_keyring();
    let key = env.create_key();
    for n in ["0", "1025"] {
        assert_range_error(env.run([
            "generate-data-key",
            "--key-id",
            &key,
            "--number-of-bytes",
            n,
        ]));
        assert_range_error(env.run([
            "generate-data-key-without-plaintext",
            "--key-id",
            &key,
            "--number-of-bytes",
            n,
        ]));
    }
    // Neither, or both, of --key-spec and --number-of-bytes.
    env.run(["generate-data-key", "--key-id", &key])
        .failure(EXIT_KMS, "ValidationException");
    env.run([
        "generate-data-key",
        "--key-id",
        &key,
        "--key-spec",
        "AES_256",
        "--number-of-bytes",
        "32",
    ])
    .failure(EXIT_KMS, "ValidationException");
    // A key spec outside the allowed set.
    let out = env.run([
        "generate-data-key",
        "--key-id",
        &key,
        "--key-spec",
        "AES_512",
    ]);
    assert!(
        out.code == EXIT_INVALID_VALUE || out.code == 2,
        "unknown --key-spec: {out:?}"
    );
}

#[test]
fn generate_data_key_without_plaintext_has_no_plaintext() {
    let env = env_with_keyring();
    let key = env.create_key();
    for (extra, len) in [
        (["--key-spec", "AES_256"], 32),
        (["--number-of-bytes", "100"], 100),
    ] {
        let mut a = args(&["generate-data-key-without-plaintext", "--key-id", &key]);
        a.extend(args(&extra));
        let v = env.json(a);
        assert!(v.get("Plaintext").is_none(), "no Plaintext field: {v}");
        assert_eq!(v["KeyId"], arn_of(&env, &key).as_str(), "{v}");
        let blob = b64_field(&v, "CiphertextBlob");
        assert_eq!(blob.len(), BLOB_OVERHEAD + len, "{v}");
        assert_eq!(decrypt_ok(&env, &blob, None).0.len(), len);
    }
}

#[test]
fn generate_random_sizes() {
    let env = env_with_keyring();
    for n in [1usize, 32, 1024] {
        let v = env.json(["generate-random", "--number-of-bytes", &n.to_string()]);
        assert_eq!(b64_field(&v, "Plaintext").len(), n, "{v}");
    }
    let a = b64_field(
        &env.json(["generate-random", "--number-of-bytes", "32"]),
        "Plaintext",
    );
    let b = b64_field(
        &env.json(["generate-random", "--number-of-bytes", "32"]),
        "Plaintext",
    );
    assert_ne!(a, b);
    for n in ["0", "1025"] {
        assert_range_error(env.run(["generate-random", "--number-of-bytes", n]));
    }
}

// ---------------------------------------------------------------------------
// The managed default key
// ---------------------------------------------------------------------------

#[test]
fn naming_the_managed_default_key_creates_then_reuses_it() {
    let env = env_with_keyring();
    let aliases = env.json(["list-aliases"]);
    assert!(
        !aliases.to_string().contains("alias/lkms/default"),
        "no default key before first use: {aliases}"
    );

    let first = encrypt(&env, "alias/lkms/default", b"one", None);
    let aliases = env.json(["list-aliases"]);
    let default = aliases["Aliases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["AliasName"] == "alias/lkms/default")
        .unwrap_or_else(|| panic!("alias/lkms/default not listed: {aliases}"))
        .clone();
    let target = str_field(&default, "TargetKeyId");
    let md = env.describe("alias/lkms/default");
    assert_eq!(md["KeyId"], target.as_str());
    assert_eq!(md["KeyManager"], "AWS", "{md}");
    assert_eq!(md["KeySpec"], "SYMMETRIC_DEFAULT", "{md}");
    assert_eq!(md["KeyUsage"], "ENCRYPT_DECRYPT", "{md}");
    assert_eq!(
        first["KeyId"], md["Arn"],
        "first encrypt used the default key"
    );

    let rot = env.json(["get-key-rotation-status", "--key-id", &target]);
    assert_eq!(rot["KeyRotationEnabled"], true, "{rot}");
    assert_eq!(rot["RotationPeriodInDays"], 1095, "{rot}");

    // The second call reuses it; no second managed key appears.
    let second = encrypt(&env, "alias/lkms/default", b"two", None);
    assert_eq!(second["KeyId"], md["Arn"], "{second}");
    let (keys, _) = env.list_all_keys(None);
    assert_eq!(keys, vec![target.clone()], "one key in the keyring");
    // generate-data-key naming it uses it too.
    let dk = env.json([
        "generate-data-key",
        "--key-id",
        "alias/lkms/default",
        "--key-spec",
        "AES_256",
    ]);
    assert_eq!(dk["KeyId"], md["Arn"], "{dk}");

    for (v, pt) in [(&first, b"one"), (&second, b"two")] {
        let (back, kid) = decrypt_ok(&env, &b64_field(v, "CiphertextBlob"), None);
        assert_eq!(back, pt);
        assert_eq!(kid, str_field(&md, "Arn"));
    }
}

#[test]
fn the_managed_default_key_cannot_be_disabled_deleted_or_re_aliased() {
    let env = env_with_keyring();
    encrypt(&env, "alias/lkms/default", b"x", None);
    let id = str_field(&env.describe("alias/lkms/default"), "KeyId");
    let other = env.create_key();

    env.ok([
        "create-alias",
        "--alias-name",
        "alias/mine",
        "--target-key-id",
        &other,
    ]);
    let unsupported = "UnsupportedOperationException";
    let bad_alias = "InvalidAliasNameException";
    for (a, exception) in [
        (vec!["disable-key", "--key-id", id.as_str()], unsupported),
        (
            vec!["disable-key", "--key-id", "alias/lkms/default"],
            unsupported,
        ),
        (
            vec!["schedule-key-deletion", "--key-id", id.as_str()],
            unsupported,
        ),
        (
            vec![
                "create-alias",
                "--alias-name",
                "alias/new",
                "--target-key-id",
                id.as_str(),
            ],
            unsupported,
        ),
        (
            vec![
                "update-alias",
                "--alias-name",
                "alias/mine",
                "--target-key-id",
                id.as_str(),
            ],
            unsupported,
        ),
        (
            vec![
                "update-alias",
                "--alias-name",
                "alias/lkms/default",
                "--target-key-id",
                other.as_str(),
            ],
            bad_alias,
        ),
        (
            vec![
                "create-alias",
                "--alias-name",
                "alias/lkms/other",
                "--target-key-id",
                other.as_str(),
            ],
            bad_alias,
        ),
        (
            vec!["delete-alias", "--alias-name", "alias/lkms/default"],
            bad_alias,
        ),
    ] {
        env.run(&a).failure(EXIT_KMS, exception);
    }
    let md = env.describe("alias/lkms/default");
    assert_eq!(
        md["KeyId"],
        id.as_str(),
        "alias still names the managed key"
    );
    assert_eq!(md["KeyState"], "Enabled", "{md}");
    // Still usable.
    let blob = b64_field(
        &encrypt(&env, "alias/lkms/default", b"still", None),
        "CiphertextBlob",
    );
    assert_eq!(decrypt_ok(&env, &blob, None).0, b"still");
}
