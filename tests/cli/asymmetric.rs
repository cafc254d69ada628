//! Asymmetric and HMAC keys through the CLI (issue 5; DESIGN.md sections
//! 3-4): get-public-key, sign / verify, RSA-OAEP encrypt / decrypt,
//! generate-mac / verify-mac and generate-data-key-pair, each checked
//! against `openssl` (OpenSSL 3) wherever an outside tool can judge the
//! output.
//!
//! Every openssl verification is checked both ways: a good signature must
//! print "Verified OK", and a bad one must print "Verification failure" (not
//! merely fail), so that a mistyped openssl invocation can never pass for a
//! rejected signature.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::env::{
    EXIT_KMS, Out, TestEnv, b64, env_with_keyring, openssl, openssl_run, str_field, unb64,
};

// ---------------------------------------------------------------- helpers

/// A base64 field of a JSON response, decoded.
#[track_caller]
fn b64_field(v: &Value, name: &str) -> Vec<u8> {
    unb64(&str_field(v, name))
}

fn fileb(p: &Path) -> String {
    format!("fileb://{}", p.display())
}

/// Writes bytes to a file of the test's directory.
fn put(env: &TestEnv, name: &str, bytes: &[u8]) -> PathBuf {
    let p = env.path(name);
    std::fs::write(&p, bytes).expect("write test file");
    p
}

#[track_caller]
fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("read {p:?}: {e}"))
}

/// Deterministic, non-text test bytes.
fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| {
            #[allow(clippy::cast_possible_truncation)]
            let b = (i as u8).wrapping_mul(31).wrapping_add(seed) ^ ((i >> 8) as u8);
            b
        })
        .collect()
}

/// A copy of `bytes` with one bit flipped at `index`.
fn flip(bytes: &[u8], index: usize) -> Vec<u8> {
    let mut v = bytes.to_vec();
    v[index] ^= 0x01;
    v
}

/// `openssl pkey -text -noout` of a DER key (public with `pubin`).
fn openssl_key_text(env: &TestEnv, der: &Path, pubin: bool) -> String {
    let mut args: Vec<&OsStr> = vec![OsStr::new("pkey")];
    if pubin {
        args.push(OsStr::new("-pubin"));
    }
    args.extend([
        OsStr::new("-inform"),
        OsStr::new("DER"),
        OsStr::new("-in"),
        der.as_os_str(),
        OsStr::new("-text"),
        OsStr::new("-noout"),
    ]);
    String::from_utf8_lossy(&openssl(env, args)).into_owned()
}

/// What `openssl pkey -text` shows for a key of `spec`.
fn openssl_text_marker(spec: &str) -> &'static str {
    match spec {
        "RSA_2048" => "(2048 bit",
        "RSA_3072" => "(3072 bit",
        "RSA_4096" => "(4096 bit",
        "ECC_NIST_P256" => "prime256v1",
        "ECC_NIST_P384" => "secp384r1",
        "ECC_NIST_P521" => "secp521r1",
        "ECC_SECG_P256K1" => "secp256k1",
        other => panic!("no openssl marker for {other}"),
    }
}

/// The `openssl dgst` digest flag of a signing algorithm.
fn dgst_flag(alg: &str) -> &'static str {
    if alg.ends_with("_256") {
        "-sha256"
    } else if alg.ends_with("_384") {
        "-sha384"
    } else if alg.ends_with("_512") {
        "-sha512"
    } else {
        panic!("no digest for {alg}")
    }
}

fn digest_len(alg: &str) -> usize {
    match dgst_flag(alg) {
        "-sha256" => 32,
        "-sha384" => 48,
        _ => 64,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Verified,
    Rejected,
}

/// `openssl dgst -<hash> -verify PEM [PSS options] -signature SIG MSG`.
/// RSA-PSS is checked with a salt exactly as long as the digest, as AWS
/// signs (`rsa_pss_saltlen:digest` makes OpenSSL insist on that length).
#[track_caller]
fn openssl_verify(env: &TestEnv, alg: &str, pem: &Path, sig: &Path, msg: &Path) -> Verdict {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("dgst"),
        OsStr::new(dgst_flag(alg)),
        OsStr::new("-verify"),
        pem.as_os_str(),
    ];
    if alg.starts_with("RSASSA_PSS") {
        args.extend(
            [
                "-sigopt",
                "rsa_padding_mode:pss",
                "-sigopt",
                "rsa_pss_saltlen:digest",
            ]
            .map(OsStr::new),
        );
    }
    args.extend([OsStr::new("-signature"), sig.as_os_str(), msg.as_os_str()]);
    let out = openssl_run(env, &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() && stdout.contains("Verified OK") {
        Verdict::Verified
    } else if !out.status.success()
        && (stdout.contains("Verification failure") || stderr.contains("Verification failure"))
    {
        Verdict::Rejected
    } else {
        panic!("openssl {args:?} neither verified nor rejected:\n{stdout}\n{stderr}")
    }
}

/// `create-key --key-spec SPEC [--key-usage USAGE]`, returns KeyMetadata.
#[track_caller]
fn create(env: &TestEnv, spec: &str, usage: Option<&str>) -> Value {
    let mut args = vec!["--key-spec", spec];
    if let Some(u) = usage {
        args.extend(["--key-usage", u]);
    }
    let md = env.create_key_with(args);
    assert_eq!(str_field(&md, "KeySpec"), spec, "{md}");
    md
}

#[track_caller]
fn create_id(env: &TestEnv, spec: &str, usage: Option<&str>) -> String {
    str_field(&create(env, spec, usage), "KeyId")
}

/// The key's ARN (from describe-key).
fn arn_of(env: &TestEnv, key: &str) -> String {
    str_field(&env.describe(key), "Arn")
}

/// The public key of `key`: checks that the DER of get-public-key's JSON
/// is a SubjectPublicKeyInfo openssl reads (and re-encodes identically) for
/// the right algorithm and size, that `--outfile --format pem` and
/// `--format der` hold the same key; returns (DER bytes, PEM path, DER path).
#[track_caller]
fn public_key(env: &TestEnv, key: &str, spec: &str, tag: &str) -> (Vec<u8>, PathBuf, PathBuf) {
    let pem = env.path(&format!("{tag}.pub.pem"));
    let v = env.json([
        OsStr::new("get-public-key"),
        OsStr::new("--key-id"),
        OsStr::new(key),
        OsStr::new("--outfile"),
        pem.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("pem"),
    ]);
    assert_eq!(str_field(&v, "KeySpec"), spec, "{v}");
    assert_eq!(str_field(&v, "CustomerMasterKeySpec"), spec, "{v}");
    assert_eq!(str_field(&v, "KeyId"), arn_of(env, key), "{v}");
    let der = b64_field(&v, "PublicKey");
    let der_path = put(env, &format!("{tag}.pub.der"), &der);

    // openssl parses the DER SubjectPublicKeyInfo and writes it back unchanged.
    let reencoded = openssl(
        env,
        [
            OsStr::new("pkey"),
            OsStr::new("-pubin"),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-in"),
            der_path.as_os_str(),
            OsStr::new("-outform"),
            OsStr::new("DER"),
        ],
    );
    assert_eq!(
        reencoded, der,
        "openssl re-encodes the public key differently"
    );
    let text = openssl_key_text(env, &der_path, true);
    assert!(
        text.contains(openssl_text_marker(spec)),
        "public key of {spec} is not what openssl expects:\n{text}"
    );

    // The PEM outfile is the same key.
    let pem_text = String::from_utf8(read(&pem)).expect("PEM is text");
    assert!(
        pem_text.starts_with("-----BEGIN PUBLIC KEY-----"),
        "{pem_text}"
    );
    let from_pem = openssl(
        env,
        [
            OsStr::new("pkey"),
            OsStr::new("-pubin"),
            OsStr::new("-in"),
            pem.as_os_str(),
            OsStr::new("-outform"),
            OsStr::new("DER"),
        ],
    );
    assert_eq!(from_pem, der, "the PEM outfile holds another key");

    // --format der writes the raw DER.
    let der_out = env.path(&format!("{tag}.pub.out.der"));
    env.ok([
        OsStr::new("get-public-key"),
        OsStr::new("--key-id"),
        OsStr::new(key),
        OsStr::new("--outfile"),
        der_out.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("der"),
    ]);
    assert_eq!(
        read(&der_out),
        der,
        "the DER outfile differs from PublicKey"
    );
    (der, pem, der_path)
}

/// `lkms sign` of a file; asserts the response fields, returns the signature.
#[track_caller]
fn sign(env: &TestEnv, key: &str, alg: &str, msg: &Path, digest: bool) -> Vec<u8> {
    let m = fileb(msg);
    let mut args = vec![
        "sign",
        "--key-id",
        key,
        "--message",
        &m,
        "--signing-algorithm",
        alg,
    ];
    if digest {
        args.extend(["--message-type", "DIGEST"]);
    }
    let v = env.json(&args);
    assert_eq!(str_field(&v, "SigningAlgorithm"), alg, "{v}");
    assert!(str_field(&v, "KeyId").ends_with(key), "{v}");
    b64_field(&v, "Signature")
}

/// `lkms sign` that is expected to fail.
fn sign_run(env: &TestEnv, key: &str, alg: &str, msg_arg: &str, message_type: &str) -> Out {
    env.run([
        "sign",
        "--key-id",
        key,
        "--message",
        msg_arg,
        "--message-type",
        message_type,
        "--signing-algorithm",
        alg,
    ])
}

/// `lkms --output json verify ...` of files.
fn verify_run(env: &TestEnv, key: &str, alg: &str, msg: &Path, sig: &Path, digest: bool) -> Out {
    let mut cmd = env.cmd();
    cmd.args(["--output", "json", "verify", "--key-id", key, "--message"])
        .arg(fileb(msg))
        .arg("--signature")
        .arg(fileb(sig))
        .args(["--signing-algorithm", alg]);
    if digest {
        cmd.args(["--message-type", "DIGEST"]);
    }
    crate::env::run_cmd(cmd)
}

/// `lkms verify` accepts: SignatureValid true, the algorithm and the ARN.
#[track_caller]
fn assert_lkms_verifies(env: &TestEnv, key: &str, alg: &str, msg: &Path, sig: &Path, digest: bool) {
    let v = verify_run(env, key, alg, msg, sig, digest).success().json();
    assert_eq!(v["SignatureValid"], Value::Bool(true), "{v}");
    assert_eq!(str_field(&v, "SigningAlgorithm"), alg, "{v}");
    assert_eq!(str_field(&v, "KeyId"), arn_of(env, key), "{v}");
}

/// Signs with every given algorithm and checks each signature with openssl
/// and `lkms verify`, RAW and DIGEST, plus the rejections.
#[track_caller]
fn check_signing(env: &TestEnv, key: &str, spec: &str, algs: &[&str]) {
    let tag = spec.to_lowercase();
    let (_, pem, _) = public_key(env, key, spec, &tag);
    let expected_rsa_len = match spec {
        "RSA_2048" => Some(256),
        "RSA_3072" => Some(384),
        "RSA_4096" => Some(512),
        _ => None,
    };
    for (i, alg) in algs.iter().copied().enumerate() {
        let t = format!("{tag}-{alg}");
        #[allow(clippy::cast_possible_truncation)]
        let msg_bytes = pattern(1000 + i, i as u8);
        let msg = put(env, &format!("{t}.msg"), &msg_bytes);

        // RAW: lkms signs, openssl and lkms verify.
        let sig_bytes = sign(env, key, alg, &msg, false);
        if let Some(n) = expected_rsa_len {
            assert_eq!(sig_bytes.len(), n, "{alg} signature length on {spec}");
        } else {
            // ECDSA signatures are DER (SEQUENCE of two INTEGERs), as AWS returns.
            let der_sig = put(env, &format!("{t}.asn1.sig"), &sig_bytes);
            let parsed = String::from_utf8_lossy(&openssl(
                env,
                [
                    OsStr::new("asn1parse"),
                    OsStr::new("-inform"),
                    OsStr::new("DER"),
                    OsStr::new("-in"),
                    der_sig.as_os_str(),
                ],
            ))
            .into_owned();
            assert!(parsed.contains("SEQUENCE"), "{alg}: {parsed}");
            assert_eq!(parsed.matches("INTEGER").count(), 2, "{alg}: {parsed}");
        }
        let sig = put(env, &format!("{t}.sig"), &sig_bytes);
        assert_eq!(
            openssl_verify(env, alg, &pem, &sig, &msg),
            Verdict::Verified,
            "openssl rejects the {alg} signature of a {spec} key"
        );
        assert_lkms_verifies(env, key, alg, &msg, &sig, false);

        // A changed message: rejected by openssl and by lkms.
        let changed = put(env, &format!("{t}.changed"), &flip(&msg_bytes, 500));
        assert_eq!(
            openssl_verify(env, alg, &pem, &sig, &changed),
            Verdict::Rejected,
            "openssl accepts a {alg} signature over a changed message"
        );
        verify_run(env, key, alg, &changed, &sig, false)
            .failure(EXIT_KMS, "KMSInvalidSignatureException");
        // A changed signature: rejected by lkms.
        let bad_sig = put(
            env,
            &format!("{t}.badsig"),
            &flip(&sig_bytes, sig_bytes.len() / 2),
        );
        verify_run(env, key, alg, &msg, &bad_sig, false)
            .failure(EXIT_KMS, "KMSInvalidSignatureException");

        // DIGEST: openssl hashes, lkms signs the digest, openssl verifies over
        // the original message; lkms verifies it as RAW and as DIGEST.
        let digest_path = env.path(&format!("{t}.digest"));
        openssl(
            env,
            [
                OsStr::new("dgst"),
                OsStr::new(dgst_flag(alg)),
                OsStr::new("-binary"),
                OsStr::new("-out"),
                digest_path.as_os_str(),
                msg.as_os_str(),
            ],
        );
        let digest_bytes = read(&digest_path);
        assert_eq!(digest_bytes.len(), digest_len(alg));
        let dsig_bytes = sign(env, key, alg, &digest_path, true);
        let dsig = put(env, &format!("{t}.dsig"), &dsig_bytes);
        assert_eq!(
            openssl_verify(env, alg, &pem, &dsig, &msg),
            Verdict::Verified,
            "openssl rejects the {alg} DIGEST-mode signature of a {spec} key"
        );
        assert_lkms_verifies(env, key, alg, &digest_path, &dsig, true);
        assert_lkms_verifies(env, key, alg, &msg, &dsig, false);
        assert_lkms_verifies(env, key, alg, &digest_path, &sig, true);

        // A digest of the wrong length is a ValidationException.
        let short = put(
            env,
            &format!("{t}.short"),
            &digest_bytes[..digest_bytes.len() - 1],
        );
        sign_run(env, key, alg, &fileb(&short), "DIGEST").failure(EXIT_KMS, "ValidationException");
        verify_run(env, key, alg, &short, &dsig, true).failure(EXIT_KMS, "ValidationException");
        let long = [digest_bytes.as_slice(), &[0u8]].concat();
        sign_run(env, key, alg, &b64(&long), "DIGEST").failure(EXIT_KMS, "ValidationException");
    }
}

// ------------------------------------------------------------ sign/verify

const RSA_SIGNING: [&str; 6] = [
    "RSASSA_PSS_SHA_256",
    "RSASSA_PSS_SHA_384",
    "RSASSA_PSS_SHA_512",
    "RSASSA_PKCS1_V1_5_SHA_256",
    "RSASSA_PKCS1_V1_5_SHA_384",
    "RSASSA_PKCS1_V1_5_SHA_512",
];

#[test]
fn rsa_2048_signs_with_every_algorithm_and_openssl_verifies() {
    let env = env_with_keyring();
    let key = create_id(&env, "RSA_2048", Some("SIGN_VERIFY"));
    check_signing(&env, &key, "RSA_2048", &RSA_SIGNING);
}

#[test]
fn rsa_3072_and_4096_signatures_verify_with_openssl() {
    let env = env_with_keyring();
    let k3072 = create_id(&env, "RSA_3072", Some("SIGN_VERIFY"));
    check_signing(&env, &k3072, "RSA_3072", &["RSASSA_PSS_SHA_384"]);
    let k4096 = create_id(&env, "RSA_4096", Some("SIGN_VERIFY"));
    check_signing(&env, &k4096, "RSA_4096", &["RSASSA_PKCS1_V1_5_SHA_512"]);
}

#[test]
fn a_pss_signature_does_not_verify_as_pkcs1_or_with_another_hash() {
    let env = env_with_keyring();
    let key = create_id(&env, "RSA_2048", Some("SIGN_VERIFY"));
    let msg = put(&env, "m", b"the algorithm is part of the signature");
    let sig = put(
        &env,
        "s",
        &sign(&env, &key, "RSASSA_PSS_SHA_256", &msg, false),
    );
    assert_lkms_verifies(&env, &key, "RSASSA_PSS_SHA_256", &msg, &sig, false);
    for other in ["RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PSS_SHA_384"] {
        verify_run(&env, &key, other, &msg, &sig, false)
            .failure(EXIT_KMS, "KMSInvalidSignatureException");
    }
}

#[test]
fn ecc_nist_p256_signatures_verify_with_openssl() {
    let env = env_with_keyring();
    let key = create_id(&env, "ECC_NIST_P256", None);
    check_signing(&env, &key, "ECC_NIST_P256", &["ECDSA_SHA_256"]);
}

#[test]
fn ecc_nist_p384_signatures_verify_with_openssl() {
    let env = env_with_keyring();
    let key = create_id(&env, "ECC_NIST_P384", None);
    check_signing(&env, &key, "ECC_NIST_P384", &["ECDSA_SHA_384"]);
}

#[test]
fn ecc_nist_p521_signatures_verify_with_openssl() {
    let env = env_with_keyring();
    let key = create_id(&env, "ECC_NIST_P521", None);
    check_signing(&env, &key, "ECC_NIST_P521", &["ECDSA_SHA_512"]);
}

#[test]
fn ecc_secg_p256k1_signatures_verify_with_openssl() {
    let env = env_with_keyring();
    let key = create_id(&env, "ECC_SECG_P256K1", Some("SIGN_VERIFY"));
    check_signing(&env, &key, "ECC_SECG_P256K1", &["ECDSA_SHA_256"]);
}

#[test]
fn raw_messages_are_limited_to_4096_bytes() {
    let env = env_with_keyring();
    let key = create_id(&env, "ECC_NIST_P256", None);
    let (_, pem, _) = public_key(&env, &key, "ECC_NIST_P256", "p256");
    let msg = put(&env, "4096", &pattern(4096, 9));
    let sig = put(
        &env,
        "4096.sig",
        &sign(&env, &key, "ECDSA_SHA_256", &msg, false),
    );
    assert_eq!(
        openssl_verify(&env, "ECDSA_SHA_256", &pem, &sig, &msg),
        Verdict::Verified
    );
    let too_long = put(&env, "4097", &pattern(4097, 9));
    let out = sign_run(&env, &key, "ECDSA_SHA_256", &fileb(&too_long), "RAW")
        .failure(EXIT_KMS, "ValidationException");
    assert!(
        out.stderr.contains("4096"),
        "the error names the limit: {out:?}"
    );
    verify_run(&env, &key, "ECDSA_SHA_256", &too_long, &sig, false)
        .failure(EXIT_KMS, "ValidationException");
}

#[test]
fn disallowed_signing_algorithms_are_refused() {
    let env = env_with_keyring();
    let p256 = create_id(&env, "ECC_NIST_P256", None);
    let p384 = create_id(&env, "ECC_NIST_P384", None);
    let p521 = create_id(&env, "ECC_NIST_P521", None);
    let k1 = create_id(&env, "ECC_SECG_P256K1", None);
    let rsa_sign = create_id(&env, "RSA_2048", Some("SIGN_VERIFY"));
    let rsa_enc = create_id(&env, "RSA_2048", Some("ENCRYPT_DECRYPT"));
    let sym = env.create_key();
    let hmac = create_id(&env, "HMAC_256", None);
    let msg = b64(b"message");
    let any_sig = b64(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]);

    let (p256, p384, p521, k1) = (p256.as_str(), p384.as_str(), p521.as_str(), k1.as_str());
    let (rsa_sign, rsa_enc, sym, hmac) = (
        rsa_sign.as_str(),
        rsa_enc.as_str(),
        sym.as_str(),
        hmac.as_str(),
    );
    let refused: &[(&str, &str)] = &[
        (p256, "ECDSA_SHA_384"),
        (p256, "ECDSA_SHA_512"),
        (p256, "RSASSA_PSS_SHA_256"),
        (p384, "ECDSA_SHA_256"),
        (p384, "RSASSA_PKCS1_V1_5_SHA_384"),
        (p521, "ECDSA_SHA_384"),
        (k1, "ECDSA_SHA_384"),
        (k1, "RSASSA_PSS_SHA_256"),
        (rsa_sign, "ECDSA_SHA_256"),
        (rsa_sign, "ECDSA_SHA_512"),
        // Keys whose usage is not SIGN_VERIFY refuse every algorithm.
        (rsa_enc, "RSASSA_PSS_SHA_256"),
        (rsa_enc, "RSASSA_PKCS1_V1_5_SHA_256"),
        (sym, "RSASSA_PSS_SHA_256"),
        (sym, "ECDSA_SHA_256"),
        (hmac, "ECDSA_SHA_256"),
    ];
    for &(key, alg) in refused {
        sign_run(&env, key, alg, &msg, "RAW").failure(EXIT_KMS, "InvalidKeyUsageException");
        env.run([
            "verify",
            "--key-id",
            key,
            "--message",
            &msg,
            "--signature",
            &any_sig,
            "--signing-algorithm",
            alg,
        ])
        .failure(EXIT_KMS, "InvalidKeyUsageException");
    }
    // An unknown algorithm name is a parameter error, not a KMS exception.
    let out = sign_run(&env, p256, "ECDSA_SHA_1", &msg, "RAW");
    assert_ne!(out.code, 0, "{out:?}");
    assert_ne!(out.code, EXIT_KMS, "{out:?}");
}

#[test]
fn sign_keys_and_symmetric_keys_refuse_rsa_encryption() {
    let env = env_with_keyring();
    let rsa_sign = create_id(&env, "RSA_2048", Some("SIGN_VERIFY"));
    let p256 = create_id(&env, "ECC_NIST_P256", None);
    for key in [&rsa_sign, &p256] {
        env.run([
            "encrypt",
            "--key-id",
            key,
            "--plaintext",
            &b64(b"x"),
            "--encryption-algorithm",
            "RSAES_OAEP_SHA_256",
        ])
        .failure(EXIT_KMS, "InvalidKeyUsageException");
    }
    let sym = env.create_key();
    env.run([
        "encrypt",
        "--key-id",
        &sym,
        "--plaintext",
        &b64(b"x"),
        "--encryption-algorithm",
        "RSAES_OAEP_SHA_256",
    ])
    .failure(EXIT_KMS, "InvalidKeyUsageException");
}

// ------------------------------------------------------- create / describe

#[test]
fn create_key_refuses_mismatched_spec_and_usage() {
    let env = env_with_keyring();
    for (spec, usage) in [
        ("ECC_NIST_P256", "ENCRYPT_DECRYPT"),
        ("ECC_NIST_P384", "GENERATE_VERIFY_MAC"),
        ("ECC_SECG_P256K1", "ENCRYPT_DECRYPT"),
        ("RSA_2048", "GENERATE_VERIFY_MAC"),
        ("HMAC_256", "SIGN_VERIFY"),
        ("HMAC_512", "ENCRYPT_DECRYPT"),
        ("SYMMETRIC_DEFAULT", "SIGN_VERIFY"),
        ("SYMMETRIC_DEFAULT", "GENERATE_VERIFY_MAC"),
    ] {
        env.run(["create-key", "--key-spec", spec, "--key-usage", usage])
            .failure(EXIT_KMS, "ValidationException");
    }
    // Nothing was created.
    let (ids, _) = env.list_all_keys(None);
    assert!(
        ids.is_empty(),
        "refused create-key calls left keys: {ids:?}"
    );
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_owned())
        .collect()
}

#[test]
fn describe_key_and_get_public_key_list_each_specs_algorithms() {
    let env = env_with_keyring();
    let oaep = ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"];
    // (spec, requested usage, expected usage, field, algorithms)
    type Case<'a> = (&'a str, Option<&'a str>, &'a str, &'a str, &'a [&'a str]);
    let cases: &[Case] = &[
        (
            "RSA_2048",
            None,
            "ENCRYPT_DECRYPT",
            "EncryptionAlgorithms",
            &oaep,
        ),
        (
            "RSA_3072",
            Some("ENCRYPT_DECRYPT"),
            "ENCRYPT_DECRYPT",
            "EncryptionAlgorithms",
            &oaep,
        ),
        (
            "RSA_2048",
            Some("SIGN_VERIFY"),
            "SIGN_VERIFY",
            "SigningAlgorithms",
            &RSA_SIGNING,
        ),
        (
            "RSA_4096",
            Some("SIGN_VERIFY"),
            "SIGN_VERIFY",
            "SigningAlgorithms",
            &RSA_SIGNING,
        ),
        (
            "ECC_NIST_P256",
            None,
            "SIGN_VERIFY",
            "SigningAlgorithms",
            &["ECDSA_SHA_256"],
        ),
        (
            "ECC_NIST_P384",
            None,
            "SIGN_VERIFY",
            "SigningAlgorithms",
            &["ECDSA_SHA_384"],
        ),
        (
            "ECC_NIST_P521",
            None,
            "SIGN_VERIFY",
            "SigningAlgorithms",
            &["ECDSA_SHA_512"],
        ),
        (
            "ECC_SECG_P256K1",
            None,
            "SIGN_VERIFY",
            "SigningAlgorithms",
            &["ECDSA_SHA_256"],
        ),
        (
            "HMAC_224",
            None,
            "GENERATE_VERIFY_MAC",
            "MacAlgorithms",
            &["HMAC_SHA_224"],
        ),
        (
            "HMAC_256",
            None,
            "GENERATE_VERIFY_MAC",
            "MacAlgorithms",
            &["HMAC_SHA_256"],
        ),
        (
            "HMAC_384",
            Some("GENERATE_VERIFY_MAC"),
            "GENERATE_VERIFY_MAC",
            "MacAlgorithms",
            &["HMAC_SHA_384"],
        ),
        (
            "HMAC_512",
            None,
            "GENERATE_VERIFY_MAC",
            "MacAlgorithms",
            &["HMAC_SHA_512"],
        ),
        (
            "SYMMETRIC_DEFAULT",
            None,
            "ENCRYPT_DECRYPT",
            "EncryptionAlgorithms",
            &["SYMMETRIC_DEFAULT"],
        ),
    ];
    let all_fields = ["EncryptionAlgorithms", "SigningAlgorithms", "MacAlgorithms"];
    for &(spec, usage, expected_usage, field, algs) in cases {
        let created = create(&env, spec, usage);
        let key = str_field(&created, "KeyId");
        for md in [created.clone(), env.describe(&key)] {
            let what = format!("{spec} {usage:?}: {md}");
            assert_eq!(str_field(&md, "KeyUsage"), expected_usage, "{what}");
            assert_eq!(str_field(&md, "CustomerMasterKeySpec"), spec, "{what}");
            assert_eq!(strings(&md[field]), algs, "{what}");
            for other in all_fields.iter().filter(|f| **f != field) {
                assert!(
                    md.get(*other).is_none_or(Value::is_null),
                    "{other} listed for {what}"
                );
            }
        }
        if spec == "SYMMETRIC_DEFAULT" || spec.starts_with("HMAC") {
            // No public key: UnsupportedOperationException, as AWS.
            env.run(["get-public-key", "--key-id", &key])
                .failure(EXIT_KMS, "UnsupportedOperationException");
        } else {
            {
                let v = env.json(["get-public-key", "--key-id", &key]);
                let what = format!("{spec} {usage:?}: {v}");
                assert_eq!(str_field(&v, "KeyUsage"), expected_usage, "{what}");
                assert_eq!(str_field(&v, "KeySpec"), spec, "{what}");
                assert_eq!(strings(&v[field]), algs, "{what}");
                let other = if field == "SigningAlgorithms" {
                    "EncryptionAlgorithms"
                } else {
                    "SigningAlgorithms"
                };
                assert!(v.get(other).is_none_or(Value::is_null), "{what}");
                assert!(!b64_field(&v, "PublicKey").is_empty(), "{what}");
            }
        }
    }
}

// ---------------------------------------------------------------- RSA-OAEP

/// `openssl pkeyutl -encrypt` with the public key DER, RSA-OAEP with `md`
/// for both the label hash and MGF1 (as AWS's RSAES_OAEP_SHA_*).
#[track_caller]
fn openssl_oaep_encrypt(env: &TestEnv, pub_der: &Path, md: &str, pt: &Path, ct: &Path) {
    openssl(
        env,
        [
            OsStr::new("pkeyutl"),
            OsStr::new("-encrypt"),
            OsStr::new("-pubin"),
            OsStr::new("-inkey"),
            pub_der.as_os_str(),
            OsStr::new("-keyform"),
            OsStr::new("DER"),
            OsStr::new("-pkeyopt"),
            OsStr::new("rsa_padding_mode:oaep"),
            OsStr::new("-pkeyopt"),
            OsStr::new(&format!("rsa_oaep_md:{md}")),
            OsStr::new("-pkeyopt"),
            OsStr::new(&format!("rsa_mgf1_md:{md}")),
            OsStr::new("-in"),
            pt.as_os_str(),
            OsStr::new("-out"),
            ct.as_os_str(),
        ],
    );
}

fn decrypt_run(env: &TestEnv, key: &str, alg: &str, ct: &Path) -> Out {
    let mut cmd = env.cmd();
    cmd.args([
        "--output",
        "json",
        "decrypt",
        "--key-id",
        key,
        "--ciphertext-blob",
    ])
    .arg(fileb(ct))
    .args(["--encryption-algorithm", alg]);
    crate::env::run_cmd(cmd)
}

/// `lkms decrypt` of a raw RSA ciphertext; asserts the response fields and
/// returns the plaintext.
#[track_caller]
fn decrypt_ok(env: &TestEnv, key: &str, alg: &str, ct: &Path) -> Vec<u8> {
    let v = decrypt_run(env, key, alg, ct).success().json();
    assert_eq!(str_field(&v, "EncryptionAlgorithm"), alg, "{v}");
    assert_eq!(str_field(&v, "KeyId"), arn_of(env, key), "{v}");
    b64_field(&v, "Plaintext")
}

fn encrypt_run(env: &TestEnv, key: &str, alg: &str, pt: &[u8]) -> Out {
    env.run([
        "--output",
        "json",
        "encrypt",
        "--key-id",
        key,
        "--plaintext",
        &b64(pt),
        "--encryption-algorithm",
        alg,
    ])
}

/// For one RSA encryption key: openssl encrypts (both OAEP hashes, empty,
/// mid-size and maximal plaintexts) and lkms decrypts; lkms encrypts and
/// decrypts; one byte over the limit is refused naming the limit.
#[track_caller]
fn check_oaep(env: &TestEnv, key: &str, spec: &str, limits: [(&str, &str, usize); 2]) {
    let tag = spec.to_lowercase();
    let (_, _, pub_der) = public_key(env, key, spec, &tag);
    let modulus_len = match spec {
        "RSA_2048" => 256,
        "RSA_3072" => 384,
        _ => 512,
    };
    for (alg, md, max) in limits {
        for len in [1, 32, max] {
            let t = format!("{tag}-{md}-{len}");
            #[allow(clippy::cast_possible_truncation)]
            let pt_bytes = pattern(len, len as u8);
            let pt = put(env, &format!("{t}.pt"), &pt_bytes);
            let ct = env.path(&format!("{t}.ct"));
            openssl_oaep_encrypt(env, &pub_der, md, &pt, &ct);
            let ct_bytes = read(&ct);
            assert_eq!(ct_bytes.len(), modulus_len);
            assert_eq!(
                decrypt_ok(env, key, alg, &ct),
                pt_bytes,
                "lkms decrypts openssl's {alg} ciphertext of {len} bytes wrongly"
            );
            // The other OAEP hash does not decrypt it.
            let other = if alg == "RSAES_OAEP_SHA_1" {
                "RSAES_OAEP_SHA_256"
            } else {
                "RSAES_OAEP_SHA_1"
            };
            decrypt_run(env, key, other, &ct).failure(EXIT_KMS, "InvalidCiphertextException");
            // Nor does a changed ciphertext.
            let bad = put(env, &format!("{t}.bad"), &flip(&ct_bytes, modulus_len / 2));
            decrypt_run(env, key, alg, &bad).failure(EXIT_KMS, "InvalidCiphertextException");

            // lkms encrypt -> lkms decrypt; raw OAEP output of the modulus size.
            let v = encrypt_run(env, key, alg, &pt_bytes).success().json();
            assert_eq!(str_field(&v, "EncryptionAlgorithm"), alg, "{v}");
            let blob = b64_field(&v, "CiphertextBlob");
            assert_eq!(
                blob.len(),
                modulus_len,
                "{alg}: the ciphertext is not raw RSA-OAEP"
            );
            let ct2 = put(env, &format!("{t}.lkms.ct"), &blob);
            assert_eq!(decrypt_ok(env, key, alg, &ct2), pt_bytes);
            // OAEP is randomized.
            let again = b64_field(
                &encrypt_run(env, key, alg, &pt_bytes).success().json(),
                "CiphertextBlob",
            );
            assert_ne!(again, blob, "{alg}: two encryptions are identical");
        }
        // One byte over the limit is refused with a message naming the limit.
        let out = encrypt_run(env, key, alg, &pattern(max + 1, 3))
            .failure(EXIT_KMS, "ValidationException");
        assert!(
            out.stderr.contains(&max.to_string()),
            "the {alg} limit error of {spec} does not name {max}: {out:?}"
        );
    }
}

#[test]
fn rsa_2048_oaep_openssl_ciphertexts_decrypt_and_limits_hold() {
    let env = env_with_keyring();
    let key = create_id(&env, "RSA_2048", Some("ENCRYPT_DECRYPT"));
    check_oaep(
        &env,
        &key,
        "RSA_2048",
        [
            ("RSAES_OAEP_SHA_256", "sha256", 190),
            ("RSAES_OAEP_SHA_1", "sha1", 214),
        ],
    );
}

#[test]
fn rsa_3072_and_4096_oaep_openssl_ciphertexts_decrypt_and_limits_hold() {
    let env = env_with_keyring();
    let k3072 = create_id(&env, "RSA_3072", None);
    check_oaep(
        &env,
        &k3072,
        "RSA_3072",
        [
            ("RSAES_OAEP_SHA_256", "sha256", 318),
            ("RSAES_OAEP_SHA_1", "sha1", 342),
        ],
    );
    let k4096 = create_id(&env, "RSA_4096", Some("ENCRYPT_DECRYPT"));
    check_oaep(
        &env,
        &k4096,
        "RSA_4096",
        [
            ("RSAES_OAEP_SHA_256", "sha256", 446),
            ("RSAES_OAEP_SHA_1", "sha1", 470),
        ],
    );
}

#[test]
fn rsa_encryption_needs_an_oaep_algorithm_and_no_context() {
    let env = env_with_keyring();
    let key = create_id(&env, "RSA_2048", None);
    // No algorithm, or SYMMETRIC_DEFAULT, with an RSA key.
    env.run(["encrypt", "--key-id", &key, "--plaintext", &b64(b"x")])
        .failure(EXIT_KMS, "ValidationException");
    env.run([
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        &b64(b"x"),
        "--encryption-algorithm",
        "SYMMETRIC_DEFAULT",
    ])
    .failure(EXIT_KMS, "ValidationException");
    // RSA-OAEP has no associated data: an encryption context is refused.
    env.run([
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        &b64(b"x"),
        "--encryption-algorithm",
        "RSAES_OAEP_SHA_256",
        "--encryption-context",
        "k=v",
    ])
    .failure(EXIT_KMS, "ValidationException");
    // A raw RSA ciphertext without --key-id cannot be decrypted.
    let blob = b64_field(
        &encrypt_run(&env, &key, "RSAES_OAEP_SHA_256", b"x")
            .success()
            .json(),
        "CiphertextBlob",
    );
    env.run(["decrypt", "--ciphertext-blob", &b64(&blob)])
        .failure(EXIT_KMS, "InvalidCiphertextException");
}

// ------------------------------------------------------ data key pairs

fn data_key_pair(env: &TestEnv, cmk: &str, spec: &str, with_plaintext: bool) -> Value {
    let op = if with_plaintext {
        "generate-data-key-pair"
    } else {
        "generate-data-key-pair-without-plaintext"
    };
    let v = env.json([
        op,
        "--key-id",
        cmk,
        "--key-pair-spec",
        spec,
        "--encryption-context",
        "purpose=test,spec=pair",
    ]);
    assert_eq!(str_field(&v, "KeyPairSpec"), spec, "{v}");
    assert_eq!(str_field(&v, "KeyId"), arn_of(env, cmk), "{v}");
    v
}

/// `lkms decrypt` of an encrypted private key (with or without context).
fn decrypt_blob_run(env: &TestEnv, blob: &[u8], ctx: Option<&str>) -> Out {
    let p = put(env, "pair.blob", blob);
    let mut cmd = env.cmd();
    cmd.args(["--output", "json", "decrypt", "--ciphertext-blob"])
        .arg(fileb(&p));
    if let Some(c) = ctx {
        cmd.args(["--encryption-context", c]);
    }
    crate::env::run_cmd(cmd)
}

/// openssl's public key (DER SPKI) derived from a PKCS#8 DER private key.
#[track_caller]
fn openssl_public_of(env: &TestEnv, priv_der: &Path) -> Vec<u8> {
    openssl(
        env,
        [
            OsStr::new("pkey"),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-in"),
            priv_der.as_os_str(),
            OsStr::new("-pubout"),
            OsStr::new("-outform"),
            OsStr::new("DER"),
        ],
    )
}

/// Checks one data key pair: openssl reads the PKCS#8 private key, derives
/// the returned public key from it; the encrypted private key decrypts to
/// the same bytes (only with the context); optionally, openssl signs with
/// the private key and verifies with the returned public key.
#[track_caller]
fn check_data_key_pair(env: &TestEnv, cmk: &str, spec: &str, openssl_sign: bool) {
    let tag = spec.to_lowercase();
    let v = data_key_pair(env, cmk, spec, true);
    let pkcs8 = b64_field(&v, "PrivateKeyPlaintext");
    let public = b64_field(&v, "PublicKey");
    let blob = b64_field(&v, "PrivateKeyCiphertextBlob");
    let priv_der = put(env, &format!("{tag}.priv.der"), &pkcs8);
    let pub_der = put(env, &format!("{tag}.pub.der"), &public);

    // openssl reads the PKCS#8 private key, of the right kind and size, and
    // derives exactly the returned public key from it.
    let text = openssl_key_text(env, &priv_der, false);
    assert!(text.contains("Private-Key"), "{spec}: {text}");
    assert!(text.contains(openssl_text_marker(spec)), "{spec}: {text}");
    assert_eq!(
        openssl_public_of(env, &priv_der),
        public,
        "{spec}: PublicKey is not the public half of PrivateKeyPlaintext"
    );
    // The private key is an unencrypted PKCS#8 PrivateKeyInfo (`openssl
    // pkcs8 -nocrypt -inform DER` reads nothing else).
    openssl(
        env,
        [
            OsStr::new("pkcs8"),
            OsStr::new("-nocrypt"),
            OsStr::new("-inform"),
            OsStr::new("DER"),
            OsStr::new("-in"),
            priv_der.as_os_str(),
            OsStr::new("-outform"),
            OsStr::new("DER"),
        ],
    );

    // The encrypted private key decrypts with lkms to the same bytes, only
    // under the same encryption context.
    let d = decrypt_blob_run(env, &blob, Some("purpose=test,spec=pair"))
        .success()
        .json();
    assert_eq!(b64_field(&d, "Plaintext"), pkcs8, "{spec}: blob != PKCS#8");
    assert_eq!(str_field(&d, "KeyId"), arn_of(env, cmk));
    decrypt_blob_run(env, &blob, None).failure(EXIT_KMS, "InvalidCiphertextException");
    decrypt_blob_run(env, &blob, Some("purpose=other,spec=pair"))
        .failure(EXIT_KMS, "InvalidCiphertextException");

    if openssl_sign {
        let priv_pem = env.path(&format!("{tag}.priv.pem"));
        openssl(
            env,
            [
                OsStr::new("pkey"),
                OsStr::new("-inform"),
                OsStr::new("DER"),
                OsStr::new("-in"),
                priv_der.as_os_str(),
                OsStr::new("-out"),
                priv_pem.as_os_str(),
            ],
        );
        let pub_pem = env.path(&format!("{tag}.pub.pem"));
        openssl(
            env,
            [
                OsStr::new("pkey"),
                OsStr::new("-pubin"),
                OsStr::new("-inform"),
                OsStr::new("DER"),
                OsStr::new("-in"),
                pub_der.as_os_str(),
                OsStr::new("-out"),
                pub_pem.as_os_str(),
            ],
        );
        let msg_bytes = pattern(777, 5);
        let msg = put(env, &format!("{tag}.msg"), &msg_bytes);
        let sig = env.path(&format!("{tag}.sig"));
        openssl(
            env,
            [
                OsStr::new("dgst"),
                OsStr::new("-sha256"),
                OsStr::new("-sign"),
                priv_pem.as_os_str(),
                OsStr::new("-out"),
                sig.as_os_str(),
                msg.as_os_str(),
            ],
        );
        // ("RSASSA_PKCS1_V1_5_SHA_256" and "ECDSA_SHA_256" both mean a plain
        // `openssl dgst -sha256` verification.)
        assert_eq!(
            openssl_verify(env, "ECDSA_SHA_256", &pub_pem, &sig, &msg),
            Verdict::Verified,
            "{spec}: a signature by the private key does not verify with PublicKey"
        );
        let changed = put(env, &format!("{tag}.changed"), &flip(&msg_bytes, 1));
        assert_eq!(
            openssl_verify(env, "ECDSA_SHA_256", &pub_pem, &sig, &changed),
            Verdict::Rejected
        );
    }

    // Without plaintext: no PrivateKeyPlaintext; the blob still decrypts to
    // a private key whose public half is the returned PublicKey.
    let w = data_key_pair(env, cmk, spec, false);
    assert!(
        w.get("PrivateKeyPlaintext").is_none(),
        "{spec}: -without-plaintext returned PrivateKeyPlaintext: {w}"
    );
    let w_public = b64_field(&w, "PublicKey");
    assert_ne!(w_public, public, "{spec}: two pairs share a public key");
    let w_blob = b64_field(&w, "PrivateKeyCiphertextBlob");
    let w_pkcs8 = b64_field(
        &decrypt_blob_run(env, &w_blob, Some("purpose=test,spec=pair"))
            .success()
            .json(),
        "Plaintext",
    );
    let w_priv = put(env, &format!("{tag}.w.priv.der"), &w_pkcs8);
    assert_eq!(
        openssl_public_of(env, &w_priv),
        w_public,
        "{spec} without plaintext"
    );
}

#[test]
fn data_key_pairs_ecc_specs() {
    let env = env_with_keyring();
    let cmk = env.create_key();
    check_data_key_pair(&env, &cmk, "ECC_NIST_P256", true);
    check_data_key_pair(&env, &cmk, "ECC_NIST_P384", false);
    check_data_key_pair(&env, &cmk, "ECC_NIST_P521", false);
    check_data_key_pair(&env, &cmk, "ECC_SECG_P256K1", true);
}

#[test]
fn data_key_pairs_rsa_2048_and_3072() {
    let env = env_with_keyring();
    let cmk = env.create_key();
    check_data_key_pair(&env, &cmk, "RSA_2048", true);
    check_data_key_pair(&env, &cmk, "RSA_3072", false);
}

#[test]
fn data_key_pairs_rsa_4096() {
    let env = env_with_keyring();
    let cmk = env.create_key();
    check_data_key_pair(&env, &cmk, "RSA_4096", false);
}

#[test]
fn data_key_pairs_need_an_enabled_symmetric_key() {
    let env = env_with_keyring();
    let p256 = create_id(&env, "ECC_NIST_P256", None);
    let rsa = create_id(&env, "RSA_2048", None);
    let hmac = create_id(&env, "HMAC_256", None);
    for key in [&p256, &rsa, &hmac] {
        for op in [
            "generate-data-key-pair",
            "generate-data-key-pair-without-plaintext",
        ] {
            env.run([op, "--key-id", key, "--key-pair-spec", "ECC_NIST_P256"])
                .failure(EXIT_KMS, "InvalidKeyUsageException");
        }
    }
    let cmk = env.create_key();
    env.ok(["disable-key", "--key-id", &cmk]);
    env.run([
        "generate-data-key-pair",
        "--key-id",
        &cmk,
        "--key-pair-spec",
        "ECC_NIST_P256",
    ])
    .failure(EXIT_KMS, "DisabledException");
}

// -------------------------------------------------------------------- HMAC

fn generate_mac(env: &TestEnv, key: &str, alg: &str, msg: &[u8]) -> Vec<u8> {
    let v = env.json([
        "generate-mac",
        "--key-id",
        key,
        "--message",
        &b64(msg),
        "--mac-algorithm",
        alg,
    ]);
    assert_eq!(str_field(&v, "MacAlgorithm"), alg, "{v}");
    assert_eq!(str_field(&v, "KeyId"), arn_of(env, key), "{v}");
    b64_field(&v, "Mac")
}

fn verify_mac_run(env: &TestEnv, key: &str, alg: &str, msg: &[u8], mac: &[u8]) -> Out {
    env.run([
        "--output",
        "json",
        "verify-mac",
        "--key-id",
        key,
        "--message",
        &b64(msg),
        "--mac",
        &b64(mac),
        "--mac-algorithm",
        alg,
    ])
}

#[test]
fn hmac_every_spec_generates_and_verifies_and_detects_one_bit_changes() {
    let env = env_with_keyring();
    for (spec, alg, len) in [
        ("HMAC_224", "HMAC_SHA_224", 28),
        ("HMAC_256", "HMAC_SHA_256", 32),
        ("HMAC_384", "HMAC_SHA_384", 48),
        ("HMAC_512", "HMAC_SHA_512", 64),
    ] {
        let key = create_id(&env, spec, None);
        let msg = pattern(300, 1);
        let mac = generate_mac(&env, &key, alg, &msg);
        assert_eq!(mac.len(), len, "{spec}: MAC length");
        // Deterministic: the same message gives the same MAC.
        assert_eq!(generate_mac(&env, &key, alg, &msg), mac, "{spec}");

        let v = verify_mac_run(&env, &key, alg, &msg, &mac).success().json();
        assert_eq!(v["MacValid"], Value::Bool(true), "{v}");
        assert_eq!(str_field(&v, "MacAlgorithm"), alg, "{v}");
        assert_eq!(str_field(&v, "KeyId"), arn_of(&env, &key), "{v}");

        // One bit of the message, of the MAC (first, middle, last byte), a
        // truncated MAC: all KMSInvalidMacException.
        for i in [0, 150, 299] {
            verify_mac_run(&env, &key, alg, &flip(&msg, i), &mac)
                .failure(EXIT_KMS, "KMSInvalidMacException");
        }
        for i in [0, len / 2, len - 1] {
            verify_mac_run(&env, &key, alg, &msg, &flip(&mac, i))
                .failure(EXIT_KMS, "KMSInvalidMacException");
        }
        verify_mac_run(&env, &key, alg, &msg, &mac[..len - 1])
            .failure(EXIT_KMS, "KMSInvalidMacException");

        // Another key of the same spec does not verify it.
        let other = create_id(&env, spec, None);
        verify_mac_run(&env, &other, alg, &msg, &mac).failure(EXIT_KMS, "KMSInvalidMacException");

        // A 4096-byte message is fine; 4097 bytes is a ValidationException.
        let big = pattern(4096, 2);
        let big_mac = generate_mac(&env, &key, alg, &big);
        verify_mac_run(&env, &key, alg, &big, &big_mac).success();
        env.run([
            "generate-mac",
            "--key-id",
            &key,
            "--message",
            &b64(&pattern(4097, 2)),
            "--mac-algorithm",
            alg,
        ])
        .failure(EXIT_KMS, "ValidationException");
    }
}

#[test]
fn hmac_keys_refuse_other_algorithms_and_other_keys_refuse_macs() {
    let env = env_with_keyring();
    let h256 = create_id(&env, "HMAC_256", None);
    let h512 = create_id(&env, "HMAC_512", None);
    let msg = b"message";
    let mac = generate_mac(&env, &h256, "HMAC_SHA_256", msg);
    for (key, alg) in [
        (&h256, "HMAC_SHA_224"),
        (&h256, "HMAC_SHA_384"),
        (&h256, "HMAC_SHA_512"),
        (&h512, "HMAC_SHA_256"),
    ] {
        env.run([
            "generate-mac",
            "--key-id",
            key,
            "--message",
            &b64(msg),
            "--mac-algorithm",
            alg,
        ])
        .failure(EXIT_KMS, "InvalidKeyUsageException");
        verify_mac_run(&env, key, alg, msg, &mac).failure(EXIT_KMS, "InvalidKeyUsageException");
    }
    let sym = env.create_key();
    let p256 = create_id(&env, "ECC_NIST_P256", None);
    let rsa = create_id(&env, "RSA_2048", Some("SIGN_VERIFY"));
    for key in [&sym, &p256, &rsa] {
        env.run([
            "generate-mac",
            "--key-id",
            key,
            "--message",
            &b64(msg),
            "--mac-algorithm",
            "HMAC_SHA_256",
        ])
        .failure(EXIT_KMS, "InvalidKeyUsageException");
        verify_mac_run(&env, key, "HMAC_SHA_256", msg, &mac)
            .failure(EXIT_KMS, "InvalidKeyUsageException");
    }
    // An HMAC key does not encrypt.
    env.run(["encrypt", "--key-id", &h256, "--plaintext", &b64(msg)])
        .failure(EXIT_KMS, "InvalidKeyUsageException");
}

// ------------------------------------------------------------- key states

#[test]
fn disabled_and_pending_deletion_asymmetric_and_hmac_keys_refuse() {
    let env = env_with_keyring();
    let p256 = create_id(&env, "ECC_NIST_P256", None);
    let rsa = create_id(&env, "RSA_2048", None);
    let hmac = create_id(&env, "HMAC_256", None);
    let msg = put(&env, "m", b"state");
    let sig = put(&env, "s", &sign(&env, &p256, "ECDSA_SHA_256", &msg, false));
    let mac = generate_mac(&env, &hmac, "HMAC_SHA_256", b"state");
    let ct = put(
        &env,
        "ct",
        &b64_field(
            &encrypt_run(&env, &rsa, "RSAES_OAEP_SHA_256", b"state")
                .success()
                .json(),
            "CiphertextBlob",
        ),
    );

    let refuse_all = |exception: &str| {
        sign_run(&env, &p256, "ECDSA_SHA_256", &fileb(&msg), "RAW").failure(EXIT_KMS, exception);
        verify_run(&env, &p256, "ECDSA_SHA_256", &msg, &sig, false).failure(EXIT_KMS, exception);
        encrypt_run(&env, &rsa, "RSAES_OAEP_SHA_256", b"x").failure(EXIT_KMS, exception);
        decrypt_run(&env, &rsa, "RSAES_OAEP_SHA_256", &ct).failure(EXIT_KMS, exception);
        env.run([
            "generate-mac",
            "--key-id",
            &hmac,
            "--message",
            &b64(b"state"),
            "--mac-algorithm",
            "HMAC_SHA_256",
        ])
        .failure(EXIT_KMS, exception);
        verify_mac_run(&env, &hmac, "HMAC_SHA_256", b"state", &mac).failure(EXIT_KMS, exception);
    };

    for key in [&p256, &rsa, &hmac] {
        env.ok(["disable-key", "--key-id", key]);
    }
    refuse_all("DisabledException");

    for key in [&p256, &rsa, &hmac] {
        env.ok([
            "schedule-key-deletion",
            "--key-id",
            key,
            "--pending-window-in-days",
            "7",
        ]);
    }
    refuse_all("KMSInvalidStateException");
    for key in [&p256, &rsa] {
        env.run(["get-public-key", "--key-id", key])
            .failure(EXIT_KMS, "KMSInvalidStateException");
    }

    // Cancelled and enabled again, everything works with the same material.
    for key in [&p256, &rsa, &hmac] {
        env.ok(["cancel-key-deletion", "--key-id", key]);
        env.ok(["enable-key", "--key-id", key]);
    }
    assert_lkms_verifies(&env, &p256, "ECDSA_SHA_256", &msg, &sig, false);
    assert_eq!(decrypt_ok(&env, &rsa, "RSAES_OAEP_SHA_256", &ct), b"state");
    verify_mac_run(&env, &hmac, "HMAC_SHA_256", b"state", &mac).success();
}

// ------------------------------------------- differences from AWS, fixed
//
// These found two places where lkms differed from AWS; they stay as
// regression tests.

#[test]
fn get_public_key_of_a_disabled_key_is_disabled_exception() {
    // AWS key-state table: GetPublicKey on a Disabled key fails with
    // DisabledException (footnote [1]), like every operation that uses the
    // key's material.
    let env = env_with_keyring();
    let key = create_id(&env, "ECC_NIST_P256", None);
    env.ok(["disable-key", "--key-id", &key]);
    env.run(["get-public-key", "--key-id", &key])
        .failure(EXIT_KMS, "DisabledException");
}

#[test]
fn sign_and_verify_refuse_an_empty_message() {
    // AWS Sign / Verify: Message has a minimum length of 1 byte.
    let env = env_with_keyring();
    let key = create_id(&env, "ECC_NIST_P256", None);
    sign_run(&env, &key, "ECDSA_SHA_256", "", "RAW").failure(EXIT_KMS, "ValidationException");
    let sig = sign(&env, &key, "ECDSA_SHA_256", &put(&env, "m", b"m"), false);
    env.run([
        "verify",
        "--key-id",
        &key,
        "--message",
        "",
        "--signature",
        &b64(&sig),
        "--signing-algorithm",
        "ECDSA_SHA_256",
    ])
    .failure(EXIT_KMS, "ValidationException");
}
