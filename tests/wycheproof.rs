//! Wycheproof test vectors (issue 5) through the code paths lkms uses for
//! asymmetric cryptography.
//!
//! The vector files in `tests/vectors/wycheproof/` are copied unchanged from
//! the `wycheproof` crate 0.7.0 (C2SP/wycheproof, Apache-2.0); see the
//! README there.
//!
//! - ECDSA verification (P-256/SHA-256, P-384/SHA-384, P-521/SHA-512,
//!   secp256k1/SHA-256, DER signatures) and, as a bonus, RSA PKCS#1 v1.5 and
//!   RSA-PSS verification (2048-bit, SHA-256): the vectors give public keys
//!   only, while `lkms::asym::verify` takes the key's *private* half (lkms
//!   verifies with the public half of its own key). So these tests call
//!   aws-lc-rs exactly as `src/asym.rs::verify` does: hash the RAW message
//!   with `digest::digest`, then
//!   `UnparsedPublicKey::new(<alg>, <uncompressed point | PKCS#1
//!   RSAPublicKey>).verify_digest(&digest, sig)` with the same algorithm
//!   constants (`ECDSA_P256_SHA256_ASN1`, ..., `RSA_PSS_2048_8192_SHA256`,
//!   `RSA_PKCS1_2048_8192_SHA256`). They also check that the DIGEST path
//!   (`Digest::import_less_safe`) and plain `verify(msg, sig)` agree.
//! - RSA-OAEP decryption (2048-bit, SHA-1 and SHA-256, MGF1 with the same
//!   hash): through `lkms::asym::rsa_decrypt` itself, with the vectors'
//!   PKCS#8 private keys. lkms (like AWS KMS) uses no OAEP label, so vectors
//!   with a label cannot be decrypted as labelled: they are counted apart,
//!   and lkms must refuse every one of them (an OAEP ciphertext made with a
//!   label does not decrypt without it).
//!
//! "valid" vectors must verify / decrypt to `msg`; "invalid" ones must be
//! refused; "acceptable" ones may go either way.
#![allow(clippy::unwrap_used)]

#[path = "support/vectors.rs"]
mod vectors;

use aws_lc_rs::digest;
use aws_lc_rs::signature::{self as sig, UnparsedPublicKey, VerificationAlgorithm};
use lkms::asym;
use lkms::key::{EncryptionAlgorithm, KeySpec};
use lkms::secret::SecretBytes;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Valid,
    Invalid,
    Acceptable,
}

fn expectation(test: &Value) -> Expect {
    match vectors::str_at(test, "result") {
        "valid" => Expect::Valid,
        "invalid" => Expect::Invalid,
        "acceptable" => Expect::Acceptable,
        other => panic!("unknown result {other:?} in {test}"),
    }
}

/// Tallies of one vector file.
#[derive(Default, Debug)]
struct Tally {
    run: usize,
    valid: usize,
    invalid: usize,
    acceptable: usize,
    skipped: usize,
    failures: Vec<String>,
}

impl Tally {
    fn record(&mut self, file: &str, test: &Value, expect: Expect, accepted: bool) {
        self.run += 1;
        match expect {
            Expect::Valid => self.valid += 1,
            Expect::Invalid => self.invalid += 1,
            Expect::Acceptable => self.acceptable += 1,
        }
        let wrong = match expect {
            Expect::Valid => !accepted,
            Expect::Invalid => accepted,
            Expect::Acceptable => false,
        };
        if wrong {
            self.failures.push(format!(
                "{file} tcId {} ({:?}, flags {}, {:?}): lkms's path {}",
                test["tcId"],
                expect,
                test["flags"],
                test["comment"].as_str().unwrap_or(""),
                if accepted {
                    "accepted it"
                } else {
                    "refused it"
                }
            ));
        }
    }

    #[track_caller]
    fn finish(&self, file: &str, declared: &Value) {
        eprintln!(
            "{file}: {} vectors run ({} valid, {} invalid, {} acceptable), {} skipped",
            self.run, self.valid, self.invalid, self.acceptable, self.skipped
        );
        assert!(self.run > 0, "{file}: no vector ran");
        assert!(self.valid > 0, "{file}: no valid vector ran");
        assert!(self.invalid > 0, "{file}: no invalid vector ran");
        let declared = declared
            .as_u64()
            .unwrap_or_else(|| panic!("{file}: no numberOfTests"));
        assert_eq!(
            (self.run + self.skipped) as u64,
            declared,
            "{file}: not every vector was seen"
        );
        assert!(
            self.failures.is_empty(),
            "{file}: {} of {} vectors disagree:\n{}",
            self.failures.len(),
            self.run,
            self.failures.join("\n")
        );
    }
}

/// Runs the verification vectors of one file. `public_key_of` picks the
/// public key bytes aws-lc-rs takes from a test group (lkms's
/// `raw_public_key` form).
fn run_verify_file(
    file: &str,
    group_type: &str,
    alg: &'static dyn VerificationAlgorithm,
    hash: &'static digest::Algorithm,
    hash_name: &str,
    public_key_of: fn(&Value) -> Vec<u8>,
) {
    let doc = vectors::load("wycheproof", file);
    let mut tally = Tally::default();
    for group in doc["testGroups"].as_array().expect("testGroups") {
        assert_eq!(vectors::str_at(group, "type"), group_type, "{file}");
        assert_eq!(vectors::str_at(group, "sha"), hash_name, "{file}");
        let public = public_key_of(group);
        for test in group["tests"].as_array().expect("tests") {
            let expect = expectation(test);
            let msg = vectors::hex(vectors::str_at(test, "msg"));
            let signature = vectors::hex(vectors::str_at(test, "sig"));
            let key = UnparsedPublicKey::new(alg, &public);

            // src/asym.rs::verify, RAW message: digest::digest, then verify_digest.
            let d = digest::digest(hash, &msg);
            let raw_path = key.verify_digest(&d, &signature).is_ok();
            // DIGEST message: the caller's digest imported, then verify_digest.
            let imported = digest::Digest::import_less_safe(d.as_ref(), hash).expect("import");
            let digest_path = key.verify_digest(&imported, &signature).is_ok();
            // aws-lc-rs hashing the message itself.
            let whole = key.verify(&msg, &signature).is_ok();
            assert!(
                raw_path == digest_path && raw_path == whole,
                "{file} tcId {}: RAW {raw_path}, DIGEST {digest_path}, verify() {whole} disagree",
                test["tcId"]
            );
            tally.record(file, test, expect, raw_path);
        }
    }
    tally.finish(file, &doc["numberOfTests"]);
}

/// The uncompressed EC point of an ECDSA test group (what lkms hands
/// aws-lc-rs: `EcdsaKeyPair::public_key()`).
fn ec_point(group: &Value) -> Vec<u8> {
    let point = vectors::hex(vectors::str_at(&group["publicKey"], "uncompressed"));
    assert_eq!(point.first(), Some(&0x04), "not an uncompressed point");
    point
}

/// The PKCS#1 RSAPublicKey of an RSA test group (what lkms hands aws-lc-rs:
/// `RsaKeyPair::public_key()`).
fn rsa_public_key(group: &Value) -> Vec<u8> {
    vectors::hex(vectors::str_at(group, "publicKeyAsn"))
}

#[test]
fn ecdsa_p256_sha256_verify() {
    run_verify_file(
        "ecdsa_secp256r1_sha256_test.json",
        "EcdsaVerify",
        &sig::ECDSA_P256_SHA256_ASN1,
        &digest::SHA256,
        "SHA-256",
        ec_point,
    );
}

#[test]
fn ecdsa_p384_sha384_verify() {
    run_verify_file(
        "ecdsa_secp384r1_sha384_test.json",
        "EcdsaVerify",
        &sig::ECDSA_P384_SHA384_ASN1,
        &digest::SHA384,
        "SHA-384",
        ec_point,
    );
}

#[test]
fn ecdsa_p521_sha512_verify() {
    run_verify_file(
        "ecdsa_secp521r1_sha512_test.json",
        "EcdsaVerify",
        &sig::ECDSA_P521_SHA512_ASN1,
        &digest::SHA512,
        "SHA-512",
        ec_point,
    );
}

#[test]
fn ecdsa_secp256k1_sha256_verify() {
    run_verify_file(
        "ecdsa_secp256k1_sha256_test.json",
        "EcdsaVerify",
        &sig::ECDSA_P256K1_SHA256_ASN1,
        &digest::SHA256,
        "SHA-256",
        ec_point,
    );
}

#[test]
fn rsa_pkcs1_2048_sha256_verify() {
    run_verify_file(
        "rsa_signature_2048_sha256_test.json",
        "RsassaPkcs1Verify",
        &sig::RSA_PKCS1_2048_8192_SHA256,
        &digest::SHA256,
        "SHA-256",
        rsa_public_key,
    );
}

#[test]
fn rsa_pss_2048_sha256_salt32_verify() {
    run_verify_file(
        "rsa_pss_2048_sha256_mgf1_32_test.json",
        "RsassaPssVerify",
        &sig::RSA_PSS_2048_8192_SHA256,
        &digest::SHA256,
        "SHA-256",
        rsa_public_key,
    );
}

/// Runs the RSA-OAEP decryption vectors of one file through
/// `lkms::asym::rsa_decrypt`.
fn run_oaep_file(file: &str, alg: EncryptionAlgorithm, hash_name: &str) {
    let doc = vectors::load("wycheproof", file);
    let mut tally = Tally::default();
    let mut labelled_refused = 0usize;
    let mut labelled_failures = Vec::new();
    for group in doc["testGroups"].as_array().expect("testGroups") {
        assert_eq!(vectors::str_at(group, "type"), "RsaesOaepDecrypt", "{file}");
        assert_eq!(vectors::str_at(group, "sha"), hash_name, "{file}");
        assert_eq!(vectors::str_at(group, "mgf"), "MGF1", "{file}");
        assert_eq!(vectors::str_at(group, "mgfSha"), hash_name, "{file}");
        assert_eq!(group["keySize"].as_u64(), Some(2048), "{file}");
        let pkcs8 = SecretBytes::new(vectors::hex(vectors::str_at(group, "privateKeyPkcs8")));
        for test in group["tests"].as_array().expect("tests") {
            let expect = expectation(test);
            let msg = vectors::hex(vectors::str_at(test, "msg"));
            let ct = vectors::hex(vectors::str_at(test, "ct"));
            let result = asym::rsa_decrypt(KeySpec::Rsa2048, &pkcs8, alg, &ct);
            if !vectors::str_at(test, "label").is_empty() {
                // Made with a label lkms never uses: not runnable as a
                // vector, but lkms must not decrypt it.
                tally.skipped += 1;
                match result {
                    Err(_) => labelled_refused += 1,
                    Ok(_) => labelled_failures.push(format!("tcId {}", test["tcId"])),
                }
                continue;
            }
            let accepted = match &result {
                Ok(pt) => {
                    if expect == Expect::Valid {
                        assert_eq!(
                            pt.expose(),
                            msg.as_slice(),
                            "{file} tcId {}: wrong plaintext",
                            test["tcId"]
                        );
                    }
                    true
                }
                Err(e) => {
                    // A refused ciphertext is InvalidCiphertextException, as AWS.
                    assert_eq!(
                        e.exception(),
                        "InvalidCiphertextException",
                        "{file} tcId {}: {e}",
                        test["tcId"]
                    );
                    false
                }
            };
            tally.record(file, test, expect, accepted);
        }
    }
    eprintln!("{file}: {labelled_refused} labelled vectors skipped (all refused by lkms)");
    assert!(
        labelled_failures.is_empty(),
        "{file}: lkms decrypted ciphertexts made with an OAEP label: {labelled_failures:?}"
    );
    tally.finish(file, &doc["numberOfTests"]);
}

#[test]
fn rsa_oaep_2048_sha256_decrypt() {
    run_oaep_file(
        "rsa_oaep_2048_sha256_mgf1sha256_test.json",
        EncryptionAlgorithm::RsaesOaepSha256,
        "SHA-256",
    );
}

#[test]
fn rsa_oaep_2048_sha1_decrypt() {
    run_oaep_file(
        "rsa_oaep_2048_sha1_mgf1sha1_test.json",
        EncryptionAlgorithm::RsaesOaepSha1,
        "SHA-1",
    );
}

/// The vectors' keys also work through lkms's own verification entry
/// point: sign with a Wycheproof-sized key generated by lkms and check that
/// `lkms::asym::verify` and the public-key path used above agree. This ties
/// the aws-lc-rs calls of this file to `src/asym.rs`: if lkms changed its
/// verification algorithm constants or key form, the two would diverge.
#[test]
fn the_public_key_path_of_these_tests_matches_lkms_asym_verify() {
    use lkms::key::{MessageType, SigningAlgorithm, generate_secret};
    for (spec, alg, verification, hash) in [
        (
            KeySpec::EccNistP256,
            SigningAlgorithm::ECDSA_SHA_256,
            &sig::ECDSA_P256_SHA256_ASN1 as &'static dyn VerificationAlgorithm,
            &digest::SHA256,
        ),
        (
            KeySpec::EccNistP384,
            SigningAlgorithm::ECDSA_SHA_384,
            &sig::ECDSA_P384_SHA384_ASN1,
            &digest::SHA384,
        ),
        (
            KeySpec::EccNistP521,
            SigningAlgorithm::ECDSA_SHA_512,
            &sig::ECDSA_P521_SHA512_ASN1,
            &digest::SHA512,
        ),
        (
            KeySpec::EccSecgP256k1,
            SigningAlgorithm::ECDSA_SHA_256,
            &sig::ECDSA_P256K1_SHA256_ASN1,
            &digest::SHA256,
        ),
        (
            KeySpec::Rsa2048,
            SigningAlgorithm::RSASSA_PSS_SHA_256,
            &sig::RSA_PSS_2048_8192_SHA256,
            &digest::SHA256,
        ),
        (
            KeySpec::Rsa2048,
            SigningAlgorithm::RSASSA_PKCS1_V1_5_SHA_256,
            &sig::RSA_PKCS1_2048_8192_SHA256,
            &digest::SHA256,
        ),
    ] {
        let private = generate_secret(spec).expect("generate");
        let msg = b"wycheproof cross-check";
        let signature = asym::sign(spec, &private, alg, msg, MessageType::Raw).expect("sign");
        assert!(
            asym::verify(spec, &private, alg, msg, MessageType::Raw, &signature).expect("verify"),
            "{spec:?} {alg:?}"
        );
        // The public key in the form the vectors give it: for EC the
        // uncompressed point (the last bytes of the SPKI's BIT STRING), for
        // RSA the PKCS#1 RSAPublicKey (the SPKI's BIT STRING contents).
        let spki = asym::public_key_der(spec, &private).expect("public key");
        let public = spki_bit_string(&spki);
        let key = UnparsedPublicKey::new(verification, &public);
        key.verify_digest(&digest::digest(hash, msg), &signature)
            .unwrap_or_else(|_| {
                panic!("{spec:?} {alg:?}: this file's path refuses lkms's signature")
            });
        let mut bad = signature.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(
            !asym::verify(spec, &private, alg, msg, MessageType::Raw, &bad).expect("verify"),
            "{spec:?} {alg:?}"
        );
        assert!(
            key.verify_digest(&digest::digest(hash, msg), &bad).is_err(),
            "{spec:?} {alg:?}"
        );
    }
}

/// The contents of the BIT STRING of a DER SubjectPublicKeyInfo
/// (SEQUENCE { AlgorithmIdentifier, BIT STRING }), without the unused-bits
/// byte.
fn spki_bit_string(spki: &[u8]) -> Vec<u8> {
    fn header(der: &[u8]) -> (u8, usize, usize) {
        let tag = der[0];
        let (len, hdr) = if der[1] & 0x80 == 0 {
            (der[1] as usize, 2)
        } else {
            let n = (der[1] & 0x7f) as usize;
            let len = der[2..2 + n]
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | *b as usize);
            (len, 2 + n)
        };
        (tag, hdr, len)
    }
    let (tag, hdr, _) = header(spki);
    assert_eq!(tag, 0x30, "SPKI is not a SEQUENCE");
    let inner = &spki[hdr..];
    let (tag, alg_hdr, alg_len) = header(inner);
    assert_eq!(tag, 0x30, "no AlgorithmIdentifier");
    let rest = &inner[alg_hdr + alg_len..];
    let (tag, bs_hdr, bs_len) = header(rest);
    assert_eq!(tag, 0x03, "no BIT STRING");
    assert_eq!(rest[bs_hdr], 0, "unused bits in the key BIT STRING");
    rest[bs_hdr + 1..bs_hdr + bs_len].to_vec()
}
