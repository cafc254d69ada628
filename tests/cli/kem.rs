//! ML-KEM keys through the CLI (issue 17): create-key with the ML_KEM_*
//! specs, get-public-key, encapsulate / decapsulate, ML-KEM data key pairs,
//! and the key-state, usage and policy checks every operation has.

use serde_json::{Value, json};

use crate::env::{EXIT_INVALID_VALUE, EXIT_KMS, TestEnv, b64, env_with_keyring, str_field, unb64};

const SPECS: [(&str, usize, usize); 3] = [
    ("ML_KEM_512", 800, 768),
    ("ML_KEM_768", 1184, 1088),
    ("ML_KEM_1024", 1568, 1568),
];

fn kem_key(env: &TestEnv, spec: &str) -> String {
    let v = env.create_key_with(["--key-spec", spec]);
    str_field(&v, "KeyId")
}

fn encapsulate(env: &TestEnv, key: &str) -> (Vec<u8>, Vec<u8>) {
    let v = env.json([
        "encapsulate",
        "--key-id",
        key,
        "--encapsulation-algorithm",
        "ML_KEM",
    ]);
    assert_eq!(v["EncapsulationAlgorithm"], "ML_KEM");
    assert_eq!(str_field(&v, "KeyId"), env.key_arn(key));
    (
        unb64(&str_field(&v, "SharedSecretCiphertextBlob")),
        unb64(&str_field(&v, "SharedSecret")),
    )
}

fn decapsulate_args(key: &str, ciphertext: &[u8]) -> Vec<String> {
    [
        "decapsulate",
        "--key-id",
        key,
        "--encapsulation-algorithm",
        "ML_KEM",
        "--shared-secret-ciphertext-blob",
        &b64(ciphertext),
    ]
    .map(str::to_owned)
    .to_vec()
}

fn decapsulate(env: &TestEnv, key: &str, ciphertext: &[u8]) -> Vec<u8> {
    let v = env.json(decapsulate_args(key, ciphertext));
    assert_eq!(v["EncapsulationAlgorithm"], "ML_KEM");
    unb64(&str_field(&v, "SharedSecret"))
}

#[test]
fn each_ml_kem_spec_encapsulates_and_decapsulates_the_same_secret() {
    let env = env_with_keyring();
    for (spec, pk_len, ct_len) in SPECS {
        let key = kem_key(&env, spec);
        let meta = env.describe(&key);
        assert_eq!(meta["KeyUsage"], "ENCAPSULATE_DECAPSULATE", "{meta}");
        assert_eq!(meta["KeySpec"], spec);
        assert_eq!(meta["EncapsulationAlgorithms"], json!(["ML_KEM"]));
        assert!(meta.get("EncryptionAlgorithms").is_none(), "{meta}");

        let public = env.json(["get-public-key", "--key-id", &key]);
        assert_eq!(public["KeyUsage"], "ENCAPSULATE_DECAPSULATE");
        assert_eq!(public["EncapsulationAlgorithms"], json!(["ML_KEM"]));
        let der = unb64(&str_field(&public, "PublicKey"));
        // SubjectPublicKeyInfo: a 22-byte header, then the raw key.
        assert_eq!(der.len(), pk_len + 22, "{spec}");

        let (ct, secret) = encapsulate(&env, &key);
        assert_eq!(ct.len(), ct_len, "{spec}");
        assert_eq!(secret.len(), 32);
        assert_eq!(decapsulate(&env, &key, &ct), secret, "{spec}");
        // A second encapsulation is fresh.
        let (ct2, secret2) = encapsulate(&env, &key);
        assert_ne!((ct2, secret2), (ct, secret));
    }
}

#[test]
fn a_wrong_length_ciphertext_is_refused_and_a_tampered_one_gives_another_secret() {
    let env = env_with_keyring();
    let key = kem_key(&env, "ML_KEM_768");
    let (ct, secret) = encapsulate(&env, &key);
    env.run(decapsulate_args(&key, &ct[..ct.len() - 1]))
        .failure(EXIT_KMS, "InvalidCiphertextException");
    let mut longer = ct.clone();
    longer.push(0);
    env.run(decapsulate_args(&key, &longer))
        .failure(EXIT_KMS, "InvalidCiphertextException");
    // Implicit rejection (FIPS 203): no error, an unrelated secret.
    let mut tampered = ct.clone();
    tampered[100] ^= 0x40;
    let other = decapsulate(&env, &key, &tampered);
    assert_eq!(other.len(), 32);
    assert_ne!(other, secret);
    // Another ML-KEM-768 key gives yet another secret.
    let key2 = kem_key(&env, "ML_KEM_768");
    assert_ne!(decapsulate(&env, &key2, &ct), secret);
    // The audit trail records the calls, never the secret or ciphertext.
    let trail = env.ok(["audit", "show", "--key-id", &key]).stdout;
    assert!(trail.contains("\"Decapsulate\""), "{trail}");
    assert!(!trail.contains(&b64(&secret)) && !trail.contains(&b64(&ct)));
}

#[test]
fn ml_kem_keys_refuse_other_usages_and_other_keys_refuse_encapsulation() {
    let env = env_with_keyring();
    env.run([
        "create-key",
        "--key-spec",
        "ML_KEM_512",
        "--key-usage",
        "ENCRYPT_DECRYPT",
    ])
    .failure(EXIT_KMS, "ValidationException");
    env.run([
        "create-key",
        "--key-spec",
        "ECC_NIST_P256",
        "--key-usage",
        "ENCAPSULATE_DECAPSULATE",
    ])
    .failure(EXIT_KMS, "ValidationException");
    // AWS imports no ML-KEM material.
    env.run([
        "create-key",
        "--key-spec",
        "ML_KEM_512",
        "--origin",
        "EXTERNAL",
    ])
    .failure(EXIT_KMS, "UnsupportedOperationException");
    let with_usage = env.create_key_with([
        "--key-spec",
        "ML_KEM_1024",
        "--key-usage",
        "ENCAPSULATE_DECAPSULATE",
    ]);
    assert_eq!(with_usage["KeyUsage"], "ENCAPSULATE_DECAPSULATE");

    let kem = kem_key(&env, "ML_KEM_512");
    env.run(["encrypt", "--key-id", &kem, "--plaintext", "AAAA"])
        .failure(EXIT_KMS, "InvalidKeyUsageException");
    let symmetric = env.create_key();
    env.run([
        "encapsulate",
        "--key-id",
        &symmetric,
        "--encapsulation-algorithm",
        "ML_KEM",
    ])
    .failure(EXIT_KMS, "InvalidKeyUsageException");
    env.run(decapsulate_args(&symmetric, &[0; 768]))
        .failure(EXIT_KMS, "InvalidKeyUsageException");
    let bad = env.run([
        "encapsulate",
        "--key-id",
        &kem,
        "--encapsulation-algorithm",
        "RSA",
    ]);
    assert_eq!(bad.code, EXIT_INVALID_VALUE, "{bad:?}");
}

#[test]
fn a_disabled_ml_kem_key_neither_encapsulates_nor_decapsulates() {
    let env = env_with_keyring();
    let key = kem_key(&env, "ML_KEM_512");
    let (ct, _) = encapsulate(&env, &key);
    env.ok(["disable-key", "--key-id", &key]);
    env.run([
        "encapsulate",
        "--key-id",
        &key,
        "--encapsulation-algorithm",
        "ML_KEM",
    ])
    .failure(EXIT_KMS, "DisabledException");
    env.run(decapsulate_args(&key, &ct))
        .failure(EXIT_KMS, "DisabledException");
    env.run(["get-public-key", "--key-id", &key])
        .failure(EXIT_KMS, "DisabledException");
}

#[test]
fn a_policy_denying_decapsulate_is_enforced_and_audited_and_dry_run_checks_it() {
    let env = env_with_keyring();
    let account = str_field(&env.json(["whoami"]), "Account");
    let policy = json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "All", "Effect": "Allow",
             "Principal": {"AWS": format!("arn:aws:iam::{account}:root")},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": "NoDecapsulate", "Effect": "Deny", "Principal": "*",
             "Action": "kms:Decapsulate", "Resource": "*"}
        ]
    });
    let v = env.create_key_with(["--key-spec", "ML_KEM_768", "--policy", &policy.to_string()]);
    let key = str_field(&v, "KeyId");
    let (ct, _) = encapsulate(&env, &key);
    let out = env
        .run(decapsulate_args(&key, &ct))
        .failure(EXIT_KMS, "AccessDeniedException");
    assert!(out.stdout.trim().is_empty(), "{out:?}");
    let mut dry = decapsulate_args(&key, &ct);
    dry.push("--dry-run".into());
    env.run(&dry).failure(EXIT_KMS, "AccessDeniedException");
    let mut dry = vec![
        "encapsulate",
        "--key-id",
        &key,
        "--encapsulation-algorithm",
        "ML_KEM",
    ];
    dry.push("--dry-run");
    env.run(&dry).failure(EXIT_KMS, "DryRunOperationException");

    let records = env.json(["audit", "show", "--key-id", &key]);
    let ops: Vec<(String, String)> = records["Records"]
        .as_array()
        .expect("Records")
        .iter()
        .map(|r: &Value| {
            (
                r["Operation"].as_str().unwrap_or_default().to_owned(),
                r["Error"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .filter(|(op, _)| op.ends_with("capsulate"))
        .collect();
    assert_eq!(
        ops.first().map(|o| o.0.as_str()),
        Some("Encapsulate"),
        "{ops:?}"
    );
    let denied: Vec<_> = ops.iter().filter(|(op, _)| op == "Decapsulate").collect();
    assert_eq!(denied.len(), 2, "{ops:?}");
    assert!(
        denied
            .iter()
            .all(|(_, error)| error.starts_with("AccessDeniedException")),
        "{ops:?}"
    );
}

#[test]
fn a_grant_for_decapsulate_is_accepted_and_ml_kem_data_key_pairs_work() {
    let env = env_with_keyring();
    // A policy that allows the account everything but Decapsulate: only a
    // grant can then let the caller decapsulate.
    let me = str_field(&env.json(["whoami"]), "PrincipalArn");
    let account = str_field(&env.json(["whoami"]), "Account");
    let policy = json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "AllButDecapsulate", "Effect": "Allow",
            "Principal": {"AWS": format!("arn:aws:iam::{account}:root")},
            "Action": ["kms:Describe*", "kms:Get*", "kms:List*", "kms:Put*", "kms:*Grant*",
                       "kms:Encapsulate"],
            "Resource": "*"
        }]
    });
    let v = env.create_key_with(["--key-spec", "ML_KEM_512", "--policy", &policy.to_string()]);
    let key = str_field(&v, "KeyId");
    let (ct, secret) = encapsulate(&env, &key);
    env.run(decapsulate_args(&key, &ct))
        .failure(EXIT_KMS, "AccessDeniedException");
    env.ok([
        "create-grant",
        "--key-id",
        &key,
        "--grantee-principal",
        &me,
        "--operations",
        "Encapsulate",
        "Decapsulate",
    ]);
    assert_eq!(decapsulate(&env, &key, &ct), secret);

    let cmk = env.create_key();
    for (spec, pk_len, _) in SPECS {
        let pair = env.json([
            "generate-data-key-pair",
            "--key-id",
            &cmk,
            "--key-pair-spec",
            spec,
        ]);
        assert_eq!(pair["KeyPairSpec"], spec);
        assert_eq!(unb64(&str_field(&pair, "PublicKey")).len(), pk_len + 22);
        let private = unb64(&str_field(&pair, "PrivateKeyPlaintext"));
        // The private key comes back from decrypting its ciphertext.
        let back = env.json([
            "decrypt",
            "--ciphertext-blob",
            &str_field(&pair, "PrivateKeyCiphertextBlob"),
        ]);
        assert_eq!(unb64(&str_field(&back, "Plaintext")), private);
    }
}

/// The Python of `.ci/run`'s clients venv, whose `cryptography` has
/// OpenSSL's ML-KEM; `None` (the test skips) when it is not set up, unless
/// `LKMS_REQUIRE_CLIENTS` asks for it.
fn crypto_python() -> Option<std::path::PathBuf> {
    let python = std::env::var_os("LKMS_TEST_CLIENTS_PYTHON").map(std::path::PathBuf::from);
    match python.filter(|p| p.is_file()) {
        Some(p) => Some(p),
        None if std::env::var_os("LKMS_REQUIRE_CLIENTS").is_some_and(|v| !v.is_empty()) => {
            panic!("LKMS_TEST_CLIENTS_PYTHON is required; .ci/run sets it")
        }
        None => {
            eprintln!("skipping: LKMS_TEST_CLIENTS_PYTHON is not set (.ci/run sets it)");
            None
        }
    }
}

/// Runs tests/clients/mlkem_interop.py and returns its JSON.
#[track_caller]
fn python_kem(python: &std::path::Path, args: &[&str]) -> Value {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/clients/mlkem_interop.py"
    );
    let out = std::process::Command::new(python)
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "mlkem_interop.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("mlkem_interop.py prints JSON")
}

#[test]
fn ml_kem_interoperates_with_pythons_cryptography_both_ways() {
    let Some(python) = crypto_python() else {
        return;
    };
    let env = env_with_keyring();
    // cryptography has ML-KEM-768 and ML-KEM-1024 (not 512).
    for (spec, bits) in [("ML_KEM_768", "768"), ("ML_KEM_1024", "1024")] {
        // Python encapsulates to get-public-key's key; lkms decapsulates.
        let key = kem_key(&env, spec);
        let der = env.path(&format!("{spec}.der"));
        env.ok([
            "get-public-key",
            "--key-id",
            &key,
            "--outfile",
            crate::env::path_str(&der),
            "--format",
            "der",
        ]);
        let theirs = python_kem(&python, &["encapsulate", crate::env::path_str(&der)]);
        let ct = unb64(&str_field(&theirs, "Ciphertext"));
        assert_eq!(
            decapsulate(&env, &key, &ct),
            unb64(&str_field(&theirs, "SharedSecret")),
            "{spec}: lkms and cryptography disagree"
        );

        // lkms encapsulates (the code its file recipients use) to a key
        // cryptography made; cryptography decapsulates.
        let seed = env.path(&format!("{spec}.seed"));
        let generated = python_kem(&python, &["generate", bits, crate::env::path_str(&seed)]);
        let spki = unb64(&str_field(&generated, "PublicKey"));
        let (kem, ek) = lkms::kem::MlKem::detect_public_key(&spki).expect("an ML-KEM SPKI");
        assert_eq!(kem.spec().name(), spec);
        let (ct, secret) = kem.encapsulate_raw(ek).expect("encapsulate");
        let back = python_kem(
            &python,
            &["decapsulate", bits, crate::env::path_str(&seed), &b64(&ct)],
        );
        assert_eq!(unb64(&str_field(&back, "SharedSecret")), secret.expose());
    }
}
