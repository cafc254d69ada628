//! KEY_AGREEMENT keys and `derive-shared-secret` (ECDH, issue 17): the
//! secret equals what `openssl pkeyutl -derive` computes from the peer's
//! private key and lkms's public key, for each NIST curve.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::env::{EXIT_KMS, Out, TestEnv, b64, env_with_keyring, openssl, str_field, unb64};

fn put(env: &TestEnv, name: &str, bytes: &[u8]) -> PathBuf {
    let p = env.path(name);
    std::fs::write(&p, bytes).expect("write test file");
    p
}

fn agreement_key(env: &TestEnv, spec: &str) -> String {
    let md = env.create_key_with(["--key-spec", spec, "--key-usage", "KEY_AGREEMENT"]);
    assert_eq!(str_field(&md, "KeyUsage"), "KEY_AGREEMENT", "{md}");
    assert_eq!(md["KeyAgreementAlgorithms"], json!(["ECDH"]), "{md}");
    assert!(md.get("SigningAlgorithms").is_none(), "{md}");
    str_field(&md, "KeyId")
}

/// An openssl key pair on `curve`: (private PEM path, public DER bytes).
fn openssl_peer(env: &TestEnv, curve: &str, tag: &str) -> (PathBuf, Vec<u8>) {
    let pem = env.path(&format!("{tag}.pem"));
    let pem_s = pem.to_str().expect("utf-8 path");
    openssl(
        env,
        [
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            &format!("ec_paramgen_curve:{curve}"),
            "-out",
            pem_s,
        ],
    );
    let der = openssl(env, ["pkey", "-in", pem_s, "-pubout", "-outform", "DER"]);
    (pem, der)
}

fn derive_run(env: &TestEnv, key: &str, peer_der: &[u8]) -> Out {
    env.run([
        "--output",
        "json",
        "derive-shared-secret",
        "--key-id",
        key,
        "--key-agreement-algorithm",
        "ECDH",
        "--public-key",
        &b64(peer_der),
    ])
}

#[test]
fn ecdh_secrets_equal_openssl_derive_on_each_nist_curve() {
    let env = env_with_keyring();
    for (spec, curve, len) in [
        ("ECC_NIST_P256", "P-256", 32),
        ("ECC_NIST_P384", "P-384", 48),
        ("ECC_NIST_P521", "P-521", 66),
    ] {
        let key = agreement_key(&env, spec);
        let pk = env.json(["get-public-key", "--key-id", &key]);
        assert_eq!(pk["KeyAgreementAlgorithms"], json!(["ECDH"]), "{pk}");
        assert_eq!(str_field(&pk, "KeyUsage"), "KEY_AGREEMENT", "{pk}");
        assert!(pk.get("SigningAlgorithms").is_none(), "{pk}");
        let lkms_pub = put(
            &env,
            &format!("{spec}.lkms.der"),
            &unb64(&str_field(&pk, "PublicKey")),
        );

        let (peer_pem, peer_der) = openssl_peer(&env, curve, spec);
        let v = derive_run(&env, &key, &peer_der).success().json();
        assert_eq!(str_field(&v, "KeyAgreementAlgorithm"), "ECDH", "{v}");
        assert_eq!(str_field(&v, "KeyOrigin"), "AWS_KMS", "{v}");
        assert!(str_field(&v, "KeyId").ends_with(&key), "{v}");
        let secret = unb64(&str_field(&v, "SharedSecret"));
        assert_eq!(secret.len(), len, "{spec}");

        let theirs = openssl(
            &env,
            [
                "pkeyutl",
                "-derive",
                "-inkey",
                peer_pem.to_str().expect("utf-8"),
                "-peerkey",
                lkms_pub.to_str().expect("utf-8"),
                "-peerform",
                "DER",
            ],
        );
        assert_eq!(secret, theirs, "{spec}: lkms and openssl agree");

        // Another peer gives another secret.
        let (_, other_der) = openssl_peer(&env, curve, &format!("{spec}-other"));
        let other = derive_run(&env, &key, &other_der).success().json();
        assert_ne!(unb64(&str_field(&other, "SharedSecret")), secret);
    }
}

#[test]
fn derive_shared_secret_refuses_bad_peers_usages_and_states() {
    let env = env_with_keyring();
    let key = agreement_key(&env, "ECC_NIST_P256");
    let (_, p384_der) = openssl_peer(&env, "P-384", "p384");
    let (_, p256_der) = openssl_peer(&env, "P-256", "p256");
    // A key on another curve, a raw point instead of an SPKI, garbage.
    derive_run(&env, &key, &p384_der).failure(EXIT_KMS, "ValidationException");
    let point = &p256_der[p256_der.len() - 65..];
    assert_eq!(point[0], 0x04, "uncompressed point at the SPKI's end");
    derive_run(&env, &key, point).failure(EXIT_KMS, "ValidationException");
    let mut off_curve = p256_der.clone();
    let last = off_curve.len() - 1;
    off_curve[last] ^= 1;
    derive_run(&env, &key, &off_curve).failure(EXIT_KMS, "ValidationException");

    // KEY_AGREEMENT keys do not sign; signing keys do not agree.
    env.run([
        "sign",
        "--key-id",
        &key,
        "--message",
        &b64(b"m"),
        "--signing-algorithm",
        "ECDSA_SHA_256",
    ])
    .failure(EXIT_KMS, "InvalidKeyUsageException");
    let signer = str_field(
        &env.create_key_with(["--key-spec", "ECC_NIST_P256"]),
        "KeyId",
    );
    derive_run(&env, &signer, &p256_der).failure(EXIT_KMS, "InvalidKeyUsageException");
    let sym = env.create_key();
    derive_run(&env, &sym, &p256_der).failure(EXIT_KMS, "InvalidKeyUsageException");
    // AWS offers KEY_AGREEMENT on the NIST curves only.
    for spec in [
        "ECC_SECG_P256K1",
        "RSA_2048",
        "SYMMETRIC_DEFAULT",
        "HMAC_256",
        "ML_DSA_44",
    ] {
        env.run([
            "create-key",
            "--key-spec",
            spec,
            "--key-usage",
            "KEY_AGREEMENT",
        ])
        .failure(EXIT_KMS, "ValidationException");
    }

    // Recipient (Nitro enclaves) is AWS's alone.
    env.run([
        "derive-shared-secret",
        "--key-id",
        &key,
        "--key-agreement-algorithm",
        "ECDH",
        "--public-key",
        &b64(&p256_der),
        "--recipient",
        r#"{"KeyEncryptionAlgorithm":"RSAES_OAEP_SHA_256","AttestationDocument":"AA=="}"#,
    ])
    .failure(EXIT_KMS, "UnsupportedOperationException");

    // Disabled keys refuse; enabled again, they work.
    env.ok(["disable-key", "--key-id", &key]);
    derive_run(&env, &key, &p256_der).failure(EXIT_KMS, "DisabledException");
    env.ok(["enable-key", "--key-id", &key]);
    derive_run(&env, &key, &p256_der).success();

    // The key policy governs kms:DeriveSharedSecret.
    let policy = env.json(["get-key-policy", "--key-id", &key]);
    let mut doc: Value = serde_json::from_str(&str_field(&policy, "Policy")).expect("policy JSON");
    doc["Statement"]
        .as_array_mut()
        .expect("statements")
        .push(json!({
            "Sid": "NoAgreement", "Effect": "Deny", "Principal": "*",
            "Action": "kms:DeriveSharedSecret", "Resource": "*"
        }));
    env.ok([
        "put-key-policy",
        "--key-id",
        &key,
        "--policy",
        &doc.to_string(),
    ]);
    derive_run(&env, &key, &p256_der).failure(EXIT_KMS, "AccessDeniedException");
    env.ok(["get-public-key", "--key-id", &key]);
}

#[test]
fn derive_shared_secret_is_a_grant_operation() {
    let env = env_with_keyring();
    let key = agreement_key(&env, "ECC_NIST_P384");
    let v = env.json([
        "create-grant",
        "--key-id",
        &key,
        "--grantee-principal",
        "someone",
        "--operations",
        "DeriveSharedSecret",
    ]);
    assert!(v.get("GrantId").is_some(), "{v}");
}

/// Issue 17's operations follow key policies and grants for another
/// principal: refused until a grant names the operation.
#[test]
fn grants_open_new_operations_to_another_principal() {
    use crate::team::{Team, policy};
    let team = Team::new("admin");
    let ci = team.add_principal("ci");
    let admin_only = policy(json!([{
        "Sid": "AdminOnly", "Effect": "Allow", "Principal": {"Lkms": "admin"},
        "Action": "kms:*", "Resource": "*"
    }]));
    let create = |spec: &str, usage: &str| {
        let v = team.ok(
            &team.admin,
            &[
                "create-key",
                "--key-spec",
                spec,
                "--key-usage",
                usage,
                "--policy",
                &admin_only,
            ],
        );
        str_field(&v["KeyMetadata"], "KeyId")
    };
    let ecdh = create("ECC_NIST_P256", "KEY_AGREEMENT");
    let signer = create("ML_DSA_44", "SIGN_VERIFY");
    let (_, peer) = openssl_peer(&team.env, "P-256", "peer");
    let peer = b64(&peer);
    let message = b64(b"m");
    let derive = [
        "derive-shared-secret",
        "--key-id",
        &ecdh,
        "--key-agreement-algorithm",
        "ECDH",
        "--public-key",
        &peer,
    ];
    let sign = [
        "sign",
        "--key-id",
        &signer,
        "--message",
        &message,
        "--signing-algorithm",
        "ML_DSA_SHAKE_256",
    ];
    let last = ["get-key-last-usage", "--key-id", &signer];
    for args in [&derive[..], &sign[..], &last[..]] {
        team.run(&ci, args)
            .failure(EXIT_KMS, "AccessDeniedException");
    }
    for (key, op) in [(&ecdh, "DeriveSharedSecret"), (&signer, "Sign")] {
        team.ok(
            &team.admin,
            &[
                "create-grant",
                "--key-id",
                key,
                "--grantee-principal",
                "ci",
                "--operations",
                op,
            ],
        );
    }
    team.ok(&ci, &derive);
    team.ok(&ci, &sign);
    // GetKeyLastUsage is no grant operation: the key policy decides.
    team.run(&ci, &last)
        .failure(EXIT_KMS, "AccessDeniedException");
    let v = team.ok(&team.admin, &last);
    assert_eq!(v["KeyLastUsage"]["Operation"], "Sign", "{v}");
}
