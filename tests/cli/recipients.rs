//! Public-key recipients of encrypted files (issue 17): `encrypt-file
//! --recipient-key FILE` with RSA and ML-KEM public keys as get-public-key
//! writes them, on a machine with no keyring and no credential; the keyring
//! holding the private key decrypts, through Decrypt / Decapsulate with
//! their policies and audit.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::env::path_str as s;
use crate::env::{EXIT_KMS, Out, TestEnv, env_with_keyring, run_cmd, str_field};

fn data(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(29).wrapping_add(seed) ^ (i >> 9) as u8)
        .collect()
}

fn key(env: &TestEnv, args: &[&str]) -> String {
    str_field(&env.create_key_with(args), "KeyId")
}

/// `get-public-key --outfile` in `format` (der, pem, or json: the command's
/// own JSON output).
fn public_key(env: &TestEnv, key: &str, format: &str) -> PathBuf {
    let path = env.path(&format!("{key}.{format}"));
    if format == "json" {
        let out = env.ok(["get-public-key", "--key-id", key]);
        std::fs::write(&path, out.stdout).expect("write");
    } else {
        env.ok([
            "get-public-key",
            "--key-id",
            key,
            "--outfile",
            s(&path),
            "--format",
            format,
        ]);
    }
    path
}

/// `encrypt-file` with no keyring and no credential in the environment.
fn encrypt_without_keyring(env: &TestEnv, recipients: &[&Path], input: &Path) -> (PathBuf, Out) {
    let output = env.path(&format!("{}.lkms", input.display()));
    let mut cmd = env.raw_cmd();
    cmd.args(["--output", "json", "encrypt-file"]);
    for r in recipients {
        cmd.arg("--recipient-key").arg(r);
    }
    cmd.arg(input).arg("-o").arg(&output).arg("--force");
    (output, run_cmd(cmd))
}

fn decrypt(env: &TestEnv, file: &Path, out: &str, key: Option<&str>) -> Out {
    let mut args = vec!["--output", "json", "decrypt-file", "--force", s(file), "-o"];
    let out = env.path(out);
    args.push(s(&out));
    if let Some(k) = key {
        args.extend(["--key-id", k]);
    }
    let owned: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    env.run(owned)
}

fn input(env: &TestEnv, name: &str, len: usize) -> (PathBuf, Vec<u8>) {
    let bytes = data(len, name.len() as u8);
    let p = env.path(name);
    std::fs::write(&p, &bytes).expect("write");
    (p, bytes)
}

#[test]
fn ml_kem_recipients_need_no_keyring_and_the_keyring_decrypts() {
    let env = env_with_keyring();
    // The environment encrypt_without_keyring uses has no keyring to use.
    let mut probe = env.raw_cmd();
    probe.args([
        "encrypt-file",
        "--key-id",
        "alias/x",
        "-o",
        "-",
        "/dev/null",
    ]);
    assert_ne!(run_cmd(probe).code, 0);

    for (i, (spec, format)) in [
        ("ML_KEM_512", "der"),
        ("ML_KEM_768", "pem"),
        ("ML_KEM_1024", "json"),
        ("X25519_ML_KEM_768", "pem"),
    ]
    .into_iter()
    .enumerate()
    {
        let k = key(&env, &["--key-spec", spec]);
        let pk = public_key(&env, &k, format);
        let (plain, bytes) = input(&env, &format!("plain{i}"), 70_000 + i);
        let (file, out) = encrypt_without_keyring(&env, &[&pk], &plain);
        let out = out.success();
        assert!(
            out.stdout.contains(spec) || out.stdout.contains(&k),
            "{out:?}"
        );
        let info = env.json(["inspect-file", s(&file)]);
        let entries = info["EncryptedDataKeys"].as_array().expect("keys");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0]["RecipientType"], spec);
        // Only the JSON form names the key; the others find it by fingerprint.
        assert_eq!(
            entries[0].get("KeyId").is_some(),
            format == "json",
            "{info}"
        );
        let got = decrypt(&env, &file, &format!("out{i}"), None).success();
        assert!(got.stdout.contains(&env.key_arn(&k)), "{got:?}");
        assert_eq!(
            std::fs::read(env.path(&format!("out{i}"))).expect("out"),
            bytes
        );
    }
}

#[test]
fn rsa_recipients_need_no_keyring_and_the_keyring_decrypts() {
    let env = env_with_keyring();
    for (i, (spec, format)) in [("RSA_2048", "der"), ("RSA_4096", "pem")]
        .into_iter()
        .enumerate()
    {
        let k = key(
            &env,
            &["--key-spec", spec, "--key-usage", "ENCRYPT_DECRYPT"],
        );
        let pk = public_key(&env, &k, format);
        let (plain, bytes) = input(&env, &format!("rsa{i}"), 1000 * i);
        let (file, out) = encrypt_without_keyring(&env, &[&pk], &plain);
        out.success();
        let info = env.json(["inspect-file", s(&file)]);
        assert_eq!(
            info["EncryptedDataKeys"][0]["RecipientType"],
            "RSAES_OAEP_SHA_256"
        );
        decrypt(&env, &file, &format!("rsa-out{i}"), None).success();
        assert_eq!(
            std::fs::read(env.path(&format!("rsa-out{i}"))).expect("out"),
            bytes
        );
    }
    // A signing key's public key is refused (no usable recipient), as is an
    // ECC key's.
    let ecc = key(&env, &["--key-spec", "ECC_NIST_P256"]);
    let pk = public_key(&env, &ecc, "der");
    let (plain, _) = input(&env, "ecc", 10);
    let (file, out) = encrypt_without_keyring(&env, &[&pk], &plain);
    assert_ne!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("not a recipient public key"), "{out:?}");
    assert!(!file.exists());
}

#[test]
fn cmk_rsa_and_ml_kem_recipients_mix_in_one_file_and_each_decrypts_alone() {
    let env = env_with_keyring();
    let cmk = env.create_key();
    let rsa = key(
        &env,
        &["--key-spec", "RSA_3072", "--key-usage", "ENCRYPT_DECRYPT"],
    );
    let kem = key(&env, &["--key-spec", "ML_KEM_768"]);
    let hybrid = key(&env, &["--key-spec", "X25519_ML_KEM_768"]);
    let (rsa_pk, kem_pk) = (public_key(&env, &rsa, "pem"), public_key(&env, &kem, "der"));
    let hybrid_pk = public_key(&env, &hybrid, "json");
    let (plain, bytes) = input(&env, "mixed", 200_000);
    let file = env.path("mixed.lkms");
    env.ok([
        "encrypt-file",
        "--key-id",
        &cmk,
        "--recipient-key",
        s(&rsa_pk),
        "--recipient-key",
        s(&kem_pk),
        "--recipient-key",
        s(&hybrid_pk),
        s(&plain),
        "-o",
        s(&file),
    ]);
    let info = env.json(["inspect-file", s(&file)]);
    let kinds: Vec<Value> = info["EncryptedDataKeys"]
        .as_array()
        .expect("keys")
        .iter()
        .map(|e| e.get("RecipientType").cloned().unwrap_or(json!("CMK")))
        .collect();
    assert_eq!(
        kinds,
        [
            json!("CMK"),
            json!("RSAES_OAEP_SHA_256"),
            json!("ML_KEM_768"),
            json!("X25519_ML_KEM_768")
        ]
    );
    for (i, k) in [&cmk, &rsa, &kem, &hybrid].into_iter().enumerate() {
        let got = decrypt(&env, &file, &format!("mixed-out{i}"), Some(k)).success();
        assert!(got.stdout.contains(&env.key_arn(k)), "{got:?}");
        assert_eq!(
            std::fs::read(env.path(&format!("mixed-out{i}"))).expect("out"),
            bytes
        );
    }
    // With the CMK disabled, the public-key entries still open the file.
    env.ok(["disable-key", "--key-id", &cmk]);
    decrypt(&env, &file, "mixed-out-any", None).success();
    assert_eq!(
        std::fs::read(env.path("mixed-out-any")).expect("out"),
        bytes
    );

    // rewrap-file to another CMK keeps the public-key entries.
    let other = env.create_key();
    env.ok(["rewrap-file", "--destination-key-id", &other, s(&file)]);
    let info = env.json(["inspect-file", s(&file)]);
    assert_eq!(info["EncryptedDataKeys"].as_array().expect("keys").len(), 4);
    for (i, k) in [&other, &kem, &hybrid].into_iter().enumerate() {
        decrypt(&env, &file, &format!("rewrapped{i}"), Some(k)).success();
        assert_eq!(
            std::fs::read(env.path(&format!("rewrapped{i}"))).expect("out"),
            bytes
        );
    }
}

/// The offset of the first wrapped key's bytes in a file with an empty
/// context and one public-key entry (docs/FORMAT.md).
const FIRST_WRAPPED: usize = 50 + 1 + 1 + 16 + 32 + 2;

#[test]
fn a_tampered_wrapped_key_is_refused_and_leaves_no_output() {
    let env = env_with_keyring();
    let kem = key(&env, &["--key-spec", "ML_KEM_512"]);
    let rsa = key(
        &env,
        &["--key-spec", "RSA_2048", "--key-usage", "ENCRYPT_DECRYPT"],
    );
    let (plain, _) = input(&env, "t", 5000);
    let hybrid = key(&env, &["--key-spec", "X25519_ML_KEM_768"]);
    // ML-KEM: in the KEM ciphertext and in the wrap; RSA: in the OAEP
    // ciphertext; the hybrid: in the ML-KEM part, the X25519 part, the wrap.
    for (k, flips) in [
        (&kem, vec![5, 768 + 7]),
        (&rsa, vec![100]),
        (&hybrid, vec![3, 1088 + 5, 1120 + 9]),
    ] {
        let pk = public_key(&env, k, "der");
        let (file, out) = encrypt_without_keyring(&env, &[&pk], &plain);
        out.success();
        let good = std::fs::read(&file).expect("read");
        decrypt(&env, &file, "t-ok", None).success();
        for at in flips {
            let mut bad = good.clone();
            bad[FIRST_WRAPPED + at] ^= 0x10;
            let tampered = env.path("tampered.lkms");
            std::fs::write(&tampered, &bad).expect("write");
            let out = decrypt(&env, &tampered, "t-out", None);
            out.failure(EXIT_KMS, "InvalidCiphertextException");
            assert!(!env.path("t-out").exists(), "a refused file left output");
        }
        // A changed fingerprint names no key of the keyring.
        let mut bad = good.clone();
        bad[FIRST_WRAPPED - 2 - 5] ^= 1;
        let tampered = env.path("tampered.lkms");
        std::fs::write(&tampered, &bad).expect("write");
        decrypt(&env, &tampered, "t-out", None).failure(EXIT_KMS, "NotFoundException");
        assert!(!env.path("t-out").exists());
    }
}

#[test]
fn a_policy_denying_decapsulate_or_decrypt_stops_decrypt_file_and_is_audited() {
    let env = env_with_keyring();
    let account = str_field(&env.json(["whoami"]), "Account");
    let policy = |action: &str| {
        json!({
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": "All", "Effect": "Allow",
                 "Principal": {"AWS": format!("arn:aws:iam::{account}:root")},
                 "Action": "kms:*", "Resource": "*"},
                {"Sid": "No", "Effect": "Deny", "Principal": "*",
                 "Action": action, "Resource": "*"}
            ]
        })
        .to_string()
    };
    let kem = key(
        &env,
        &[
            "--key-spec",
            "ML_KEM_768",
            "--policy",
            &policy("kms:Decapsulate"),
        ],
    );
    let rsa = key(
        &env,
        &[
            "--key-spec",
            "RSA_2048",
            "--key-usage",
            "ENCRYPT_DECRYPT",
            "--policy",
            &policy("kms:Decrypt"),
        ],
    );
    let (plain, _) = input(&env, "p", 100);
    for k in [&kem, &rsa] {
        let pk = public_key(&env, k, "der");
        let (file, out) = encrypt_without_keyring(&env, &[&pk], &plain);
        out.success();
        decrypt(&env, &file, "p-out", None).failure(EXIT_KMS, "AccessDeniedException");
        assert!(!env.path("p-out").exists());
    }
    let records = env.json(["audit", "show", "--operation", "DecryptFile"]);
    let errors: Vec<&str> = records["Records"]
        .as_array()
        .expect("Records")
        .iter()
        .map(|r| r["Error"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(errors.len(), 2, "{records}");
    assert!(errors[0].contains("kms:Decapsulate"), "{errors:?}");
    assert!(errors[1].contains("kms:Decrypt"), "{errors:?}");
    assert!(
        errors
            .iter()
            .all(|e| e.starts_with("AccessDeniedException"))
    );
}

#[test]
fn the_hybrid_key_is_an_lkms_extension_for_files_only() {
    let env = env_with_keyring();
    let k = key(&env, &["--key-spec", "X25519_ML_KEM_768"]);
    let meta = env.describe(&k);
    assert_eq!(meta["KeyUsage"], "ENCAPSULATE_DECAPSULATE");
    assert_eq!(meta["EncapsulationAlgorithms"], json!(["X_WING"]));
    let public = env.json(["get-public-key", "--key-id", &k]);
    let der = crate::env::unb64(&str_field(&public, "PublicKey"));
    // X-Wing's SubjectPublicKeyInfo: its OID, then pk_M (1184) ‖ pk_X (32).
    assert_eq!(der.len(), 24 + 1216);
    assert_eq!(
        &der[6..19],
        &[
            0x06, 0x0b, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xe6, 0x2d, 0x81, 0xc8, 0x7a
        ]
    );
    env.run([
        "encapsulate",
        "--key-id",
        &k,
        "--encapsulation-algorithm",
        "ML_KEM",
    ])
    .failure(EXIT_KMS, "InvalidKeyUsageException");
    env.run([
        "create-key",
        "--key-spec",
        "X25519_ML_KEM_768",
        "--origin",
        "EXTERNAL",
    ])
    .failure(EXIT_KMS, "UnsupportedOperationException");
}

#[test]
fn bad_recipient_files_are_refused_naming_the_file_and_nothing_is_written() {
    let env = env_with_keyring();
    let (plain, _) = input(&env, "b", 10);
    let big = env.path("big.pem");
    std::fs::write(&big, vec![b'A'; 70_000]).expect("write");
    let garbage = env.path("garbage.der");
    std::fs::write(&garbage, b"\x30\x03\x02\x01\x00").expect("write");
    let truncated = env.path("truncated.pem");
    std::fs::write(&truncated, "-----BEGIN PUBLIC KEY-----\nMIIB\n").expect("write");
    let missing = env.path("missing.der");
    for (bad, why) in [
        (&big, "larger than 65536 bytes"),
        (&garbage, "not a recipient public key"),
        (&truncated, "no END line"),
        (&missing, "No such file"),
    ] {
        let (file, out) = encrypt_without_keyring(&env, &[bad], &plain);
        assert_eq!(out.code, crate::env::EXIT_INVALID_VALUE, "{out:?}");
        assert!(
            out.stderr.contains(s(bad)) && out.stderr.contains(why),
            "{out:?}"
        );
        assert!(!file.exists(), "{}", file.display());
    }
}
