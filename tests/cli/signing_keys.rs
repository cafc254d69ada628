//! The signing key specs of issue 17 through the CLI: ECC_NIST_EDWARDS25519
//! (ED25519_SHA_512 on RAW messages, ED25519_PH_SHA_512 on SHA-512 digests)
//! and ML_DSA_44/65/87 (ML_DSA_SHAKE_256, RAW or EXTERNAL_MU). Ed25519
//! signatures are checked by `openssl pkeyutl -verify -rawin` with the
//! public key from get-public-key; ML-DSA ones by Python's `dilithium-py`
//! (tests/interop/requirements.txt) in `$LKMS_TEST_INTEROP_PYTHON`, which
//! `.ci/run` sets up (required under CI, else skipped when unset).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::env::{EXIT_KMS, Out, TestEnv, b64, env_with_keyring, openssl_run, str_field, unb64};

fn put(env: &TestEnv, name: &str, bytes: &[u8]) -> PathBuf {
    let p = env.path(name);
    std::fs::write(&p, bytes).expect("write test file");
    p
}

fn create(env: &TestEnv, spec: &str) -> String {
    let md = env.create_key_with(["--key-spec", spec]);
    assert_eq!(str_field(&md, "KeySpec"), spec, "{md}");
    assert_eq!(str_field(&md, "KeyUsage"), "SIGN_VERIFY", "{md}");
    str_field(&md, "KeyId")
}

fn sign_run(env: &TestEnv, key: &str, alg: &str, msg: &[u8], kind: &str) -> Out {
    env.run([
        "--output",
        "json",
        "sign",
        "--key-id",
        key,
        "--message",
        &b64(msg),
        "--message-type",
        kind,
        "--signing-algorithm",
        alg,
    ])
}

#[track_caller]
fn sign(env: &TestEnv, key: &str, alg: &str, msg: &[u8], kind: &str) -> Vec<u8> {
    let v = sign_run(env, key, alg, msg, kind).success().json();
    assert_eq!(str_field(&v, "SigningAlgorithm"), alg, "{v}");
    unb64(&str_field(&v, "Signature"))
}

fn verify_run(env: &TestEnv, key: &str, alg: &str, msg: &[u8], kind: &str, sig: &[u8]) -> Out {
    env.run([
        "--output",
        "json",
        "verify",
        "--key-id",
        key,
        "--message",
        &b64(msg),
        "--message-type",
        kind,
        "--signature",
        &b64(sig),
        "--signing-algorithm",
        alg,
    ])
}

#[track_caller]
fn assert_verifies(env: &TestEnv, key: &str, alg: &str, msg: &[u8], kind: &str, sig: &[u8]) {
    let v = verify_run(env, key, alg, msg, kind, sig).success().json();
    assert_eq!(v["SignatureValid"], Value::Bool(true), "{v}");
}

#[track_caller]
fn assert_rejected(env: &TestEnv, key: &str, alg: &str, msg: &[u8], kind: &str, sig: &[u8]) {
    verify_run(env, key, alg, msg, kind, sig).failure(EXIT_KMS, "KMSInvalidSignatureException");
}

fn public_der(env: &TestEnv, key: &str) -> Vec<u8> {
    let v = env.json(["get-public-key", "--key-id", key]);
    unb64(&str_field(&v, "PublicKey"))
}

#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Verified,
    Rejected,
}

/// `openssl pkeyutl -verify -rawin` (PureEdDSA) of `sig` over `msg`; a
/// rejection must say so, so that a broken invocation never passes for one.
fn openssl_ed25519(env: &TestEnv, pub_der: &Path, msg: &Path, sig: &Path) -> Verdict {
    let args: Vec<&OsStr> = vec![
        OsStr::new("pkeyutl"),
        OsStr::new("-verify"),
        OsStr::new("-pubin"),
        OsStr::new("-keyform"),
        OsStr::new("DER"),
        OsStr::new("-inkey"),
        pub_der.as_os_str(),
        OsStr::new("-rawin"),
        OsStr::new("-in"),
        msg.as_os_str(),
        OsStr::new("-sigfile"),
        sig.as_os_str(),
    ];
    let out = openssl_run(env, &args);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() && text.contains("Signature Verified Successfully") {
        Verdict::Verified
    } else if !out.status.success() && text.contains("Signature Verification Failure") {
        Verdict::Rejected
    } else {
        panic!("openssl {args:?} neither verified nor rejected:\n{text}")
    }
}

fn sha512(env: &TestEnv, data: &[u8]) -> Vec<u8> {
    let p = put(env, "to-hash.bin", data);
    let out = openssl_run(
        env,
        [
            OsStr::new("dgst"),
            OsStr::new("-sha512"),
            OsStr::new("-binary"),
            p.as_os_str(),
        ],
    );
    assert!(out.status.success(), "{out:?}");
    out.stdout
}

#[test]
fn ed25519_signatures_verify_with_openssl_and_lkms() {
    let env = env_with_keyring();
    let key = create(&env, "ECC_NIST_EDWARDS25519");
    let md = env.describe(&key);
    assert_eq!(
        md["SigningAlgorithms"],
        json!(["ED25519_SHA_512", "ED25519_PH_SHA_512"]),
        "{md}"
    );
    let pubkey = public_der(&env, &key);
    let pub_path = put(&env, "ed.pub.der", &pubkey);
    let text = openssl_run(
        &env,
        [
            "pkey",
            "-pubin",
            "-inform",
            "DER",
            "-in",
            "ed.pub.der",
            "-text",
            "-noout",
        ],
    );
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("ED25519"),
        "{text:?}"
    );

    let msg = b"release 1.2.3, built by CI".to_vec();
    let sig = sign(&env, &key, "ED25519_SHA_512", &msg, "RAW");
    assert_eq!(sig.len(), 64);
    let msg_path = put(&env, "msg.bin", &msg);
    let sig_path = put(&env, "msg.sig", &sig);
    assert_eq!(
        openssl_ed25519(&env, &pub_path, &msg_path, &sig_path),
        Verdict::Verified
    );
    assert_verifies(&env, &key, "ED25519_SHA_512", &msg, "RAW", &sig);

    // An altered message or signature fails, in openssl and in lkms.
    let mut altered = msg.clone();
    altered[0] ^= 1;
    let altered_path = put(&env, "altered.bin", &altered);
    assert_eq!(
        openssl_ed25519(&env, &pub_path, &altered_path, &sig_path),
        Verdict::Rejected
    );
    assert_rejected(&env, &key, "ED25519_SHA_512", &altered, "RAW", &sig);
    let mut bad_sig = sig.clone();
    bad_sig[10] ^= 0x40;
    assert_rejected(&env, &key, "ED25519_SHA_512", &msg, "RAW", &bad_sig);

    // Ed25519ph over the caller's SHA-512 digest: a different signature,
    // which does not pass for the pure one.
    let digest = sha512(&env, &msg);
    let ph = sign(&env, &key, "ED25519_PH_SHA_512", &digest, "DIGEST");
    assert_eq!(ph.len(), 64);
    assert_verifies(&env, &key, "ED25519_PH_SHA_512", &digest, "DIGEST", &ph);
    assert_rejected(&env, &key, "ED25519_SHA_512", &msg, "RAW", &ph);
    let ph_path = put(&env, "ph.sig", &ph);
    assert_eq!(
        openssl_ed25519(&env, &pub_path, &msg_path, &ph_path),
        Verdict::Rejected
    );
    let mut other = digest.clone();
    other[63] ^= 1;
    assert_rejected(&env, &key, "ED25519_PH_SHA_512", &other, "DIGEST", &ph);
}

#[test]
fn ed25519_message_types_are_as_aws_requires() {
    let env = env_with_keyring();
    let key = create(&env, "ECC_NIST_EDWARDS25519");
    let digest = [7u8; 64];
    // ED25519_SHA_512 takes RAW only; ED25519_PH_SHA_512 a 64-byte DIGEST only.
    sign_run(&env, &key, "ED25519_SHA_512", &digest, "DIGEST")
        .failure(EXIT_KMS, "ValidationException");
    sign_run(&env, &key, "ED25519_PH_SHA_512", b"raw", "RAW")
        .failure(EXIT_KMS, "ValidationException");
    sign_run(&env, &key, "ED25519_PH_SHA_512", &digest[..32], "DIGEST")
        .failure(EXIT_KMS, "ValidationException");
    sign_run(&env, &key, "ED25519_SHA_512", &digest, "EXTERNAL_MU")
        .failure(EXIT_KMS, "ValidationException");
    sign_run(&env, &key, "ED25519_SHA_512", &[1u8; 4097], "RAW")
        .failure(EXIT_KMS, "ValidationException");
    // Algorithms of other specs, and Ed25519 on other specs.
    sign_run(&env, &key, "ECDSA_SHA_512", b"m", "RAW")
        .failure(EXIT_KMS, "InvalidKeyUsageException");
    sign_run(&env, &key, "ML_DSA_SHAKE_256", b"m", "RAW")
        .failure(EXIT_KMS, "InvalidKeyUsageException");
    let p256 = env.create_key_with(["--key-spec", "ECC_NIST_P256"]);
    let p256 = str_field(&p256, "KeyId");
    sign_run(&env, &p256, "ED25519_SHA_512", b"m", "RAW")
        .failure(EXIT_KMS, "InvalidKeyUsageException");
    // The spec allows SIGN_VERIFY only.
    env.run([
        "create-key",
        "--key-spec",
        "ECC_NIST_EDWARDS25519",
        "--key-usage",
        "KEY_AGREEMENT",
    ])
    .failure(EXIT_KMS, "ValidationException");
}

#[test]
fn ml_dsa_keys_sign_raw_and_external_mu() {
    let env = env_with_keyring();
    for (spec, pk_len, sig_len) in [
        ("ML_DSA_44", 1312, 2420),
        ("ML_DSA_65", 1952, 3309),
        ("ML_DSA_87", 2592, 4627),
    ] {
        let key = create(&env, spec);
        let md = env.describe(&key);
        assert_eq!(md["SigningAlgorithms"], json!(["ML_DSA_SHAKE_256"]), "{md}");
        let der = public_der(&env, &key);
        assert_eq!(der.len(), pk_len + 22, "{spec}: SPKI around the raw key");
        let raw_pk = &der[der.len() - pk_len..];

        let msg = format!("a message for {spec}").into_bytes();
        let sig = sign(&env, &key, "ML_DSA_SHAKE_256", &msg, "RAW");
        assert_eq!(sig.len(), sig_len, "{spec}");
        assert_verifies(&env, &key, "ML_DSA_SHAKE_256", &msg, "RAW", &sig);
        let mut altered = msg.clone();
        altered[0] ^= 1;
        assert_rejected(&env, &key, "ML_DSA_SHAKE_256", &altered, "RAW", &sig);

        // EXTERNAL_MU: mu computed outside (here by lkms's own test helper
        // from the public key alone) signs and verifies like the message.
        let mu = external_mu(raw_pk, &msg);
        assert_verifies(&env, &key, "ML_DSA_SHAKE_256", &mu, "EXTERNAL_MU", &sig);
        let mu_sig = sign(&env, &key, "ML_DSA_SHAKE_256", &mu, "EXTERNAL_MU");
        assert_verifies(&env, &key, "ML_DSA_SHAKE_256", &msg, "RAW", &mu_sig);
        assert_rejected(&env, &key, "ML_DSA_SHAKE_256", &altered, "RAW", &mu_sig);
        sign_run(&env, &key, "ML_DSA_SHAKE_256", &mu[..32], "EXTERNAL_MU")
            .failure(EXIT_KMS, "ValidationException");
        sign_run(&env, &key, "ML_DSA_SHAKE_256", &mu, "DIGEST")
            .failure(EXIT_KMS, "ValidationException");
        sign_run(&env, &key, "ED25519_SHA_512", &msg, "RAW")
            .failure(EXIT_KMS, "InvalidKeyUsageException");

        interop_ml_dsa(&env, spec, raw_pk, &msg, &sig, &altered);
    }
    // ML-DSA has no data key pairs in AWS.
    let sym = env.create_key();
    let out = env.run([
        "generate-data-key-pair",
        "--key-id",
        &sym,
        "--key-pair-spec",
        "ML_DSA_65",
    ]);
    assert!(out.code != 0 && out.code != EXIT_KMS, "{out:?}");
}

/// mu = SHAKE256(SHAKE256(pk, 64) || 0x00 || 0x00 || M, 64) (FIPS 204,
/// Algorithm 7, empty context).
fn external_mu(raw_pk: &[u8], msg: &[u8]) -> Vec<u8> {
    use shake::digest::{ExtendableOutput, Update, XofReader};
    let mut tr = [0u8; 64];
    let mut h = shake::Shake256::default();
    h.update(raw_pk);
    h.finalize_xof().read(&mut tr);
    let mut mu = vec![0u8; 64];
    let mut h = shake::Shake256::default();
    h.update(&tr);
    h.update(&[0, 0]);
    h.update(msg);
    h.finalize_xof().read(&mut mu);
    mu
}

/// Checks an lkms ML-DSA signature with Python's `dilithium-py`, an
/// independent implementation, when the test Python has it (CI installs it).
fn interop_ml_dsa(
    env: &TestEnv,
    spec: &str,
    raw_pk: &[u8],
    msg: &[u8],
    sig: &[u8],
    altered: &[u8],
) {
    let Ok(python) = std::env::var("LKMS_TEST_INTEROP_PYTHON") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set LKMS_TEST_INTEROP_PYTHON (.ci/run)"
        );
        eprintln!("LKMS_TEST_INTEROP_PYTHON unset: ML-DSA interop skipped");
        return;
    };
    let has = Command::new(&python)
        .args(["-c", "import dilithium_py.ml_dsa"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install tests/interop/requirements.txt (dilithium-py)"
        );
        eprintln!("dilithium-py missing: ML-DSA interop skipped");
        return;
    }
    let name = spec;
    let script = format!(
        "import sys\nfrom dilithium_py.ml_dsa import {name} as A\n\
         pk, m, s, bad = (open(p, 'rb').read() for p in sys.argv[1:5])\n\
         print(A.verify(pk, m, s), A.verify(pk, bad, s))\n"
    );
    let paths = [
        put(env, "pq.pk", raw_pk),
        put(env, "pq.msg", msg),
        put(env, "pq.sig", sig),
        put(env, "pq.bad", altered),
    ];
    let out = Command::new(&python)
        .arg("-c")
        .arg(script)
        .args(&paths)
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.trim(), "True False", "{spec}: {out:?}");
}

#[test]
fn ed25519_data_key_pairs_are_valid_pkcs8() {
    let env = env_with_keyring();
    let cmk = env.create_key();
    let v = env.json([
        "generate-data-key-pair",
        "--key-id",
        &cmk,
        "--key-pair-spec",
        "ECC_NIST_EDWARDS25519",
    ]);
    assert_eq!(str_field(&v, "KeyPairSpec"), "ECC_NIST_EDWARDS25519", "{v}");
    let private = unb64(&str_field(&v, "PrivateKeyPlaintext"));
    let public = unb64(&str_field(&v, "PublicKey"));
    put(&env, "dk.der", &private);
    let out = openssl_run(
        &env,
        [
            "pkey", "-inform", "DER", "-in", "dk.der", "-pubout", "-outform", "DER",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(out.stdout, public, "openssl derives the same public key");
    // The encrypted private key decrypts under the CMK to the same bytes.
    let blob = str_field(&v, "PrivateKeyCiphertextBlob");
    let d = env.json(["decrypt", "--ciphertext-blob", &blob]);
    assert_eq!(unb64(&str_field(&d, "Plaintext")), private);
}

#[test]
fn new_signing_keys_obey_state_policy_and_usage() {
    let env = env_with_keyring();
    for spec in ["ECC_NIST_EDWARDS25519", "ML_DSA_44"] {
        let key = create(&env, spec);
        let alg = if spec.starts_with("ML") {
            "ML_DSA_SHAKE_256"
        } else {
            "ED25519_SHA_512"
        };
        let sig = sign(&env, &key, alg, b"m", "RAW");
        // Disabled: refused for Sign, Verify and GetPublicKey.
        env.ok(["disable-key", "--key-id", &key]);
        sign_run(&env, &key, alg, b"m", "RAW").failure(EXIT_KMS, "DisabledException");
        verify_run(&env, &key, alg, b"m", "RAW", &sig).failure(EXIT_KMS, "DisabledException");
        env.run(["get-public-key", "--key-id", &key])
            .failure(EXIT_KMS, "DisabledException");
        env.ok(["enable-key", "--key-id", &key]);
        // A key policy that denies kms:Sign to everyone is obeyed.
        let policy = env.json(["get-key-policy", "--key-id", &key]);
        let mut doc: Value =
            serde_json::from_str(&str_field(&policy, "Policy")).expect("policy JSON");
        doc["Statement"]
            .as_array_mut()
            .expect("statements")
            .push(json!({"Sid": "NoSigning", "Effect": "Deny", "Principal": "*", "Action": "kms:Sign", "Resource": "*"}));
        env.ok([
            "put-key-policy",
            "--key-id",
            &key,
            "--policy",
            &doc.to_string(),
        ]);
        sign_run(&env, &key, alg, b"m", "RAW").failure(EXIT_KMS, "AccessDeniedException");
        assert_verifies(&env, &key, alg, b"m", "RAW", &sig);
        // Encryption and MACs are not these keys' usage.
        env.run(["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")])
            .failure(EXIT_KMS, "InvalidKeyUsageException");
    }
}

#[test]
fn the_deprecated_customer_master_key_spec_has_no_new_specs() {
    let env = env_with_keyring();
    let key = create(&env, "ML_DSA_65");
    let md = env.describe(&key);
    assert!(md.get("CustomerMasterKeySpec").is_none(), "{md}");
    let pk = env.json(["get-public-key", "--key-id", &key]);
    assert!(pk.get("CustomerMasterKeySpec").is_none(), "{pk}");
    let p256 = env.describe(&create_p256(&env));
    assert_eq!(p256["CustomerMasterKeySpec"], "ECC_NIST_P256", "{p256}");
    let out = env.run([
        "create-key",
        "--customer-master-key-spec",
        "ECC_NIST_EDWARDS25519",
    ]);
    assert!(
        out.code != 0 && out.code != EXIT_KMS,
        "a parameter error: {out:?}"
    );
    let out = env.run([
        "create-key",
        "--cli-input-json",
        r#"{"CustomerMasterKeySpec": "ML_DSA_44"}"#,
    ]);
    assert!(
        out.code != 0 && out.code != EXIT_KMS,
        "a parameter error: {out:?}"
    );
}

fn create_p256(env: &TestEnv) -> String {
    str_field(
        &env.create_key_with(["--key-spec", "ECC_NIST_P256"]),
        "KeyId",
    )
}
