//! Wycheproof vectors (issue 17) through lkms's own functions for the key
//! specs of issue 17, and NIST's ACVP ML-DSA vectors.
//!
//! - Ed25519 (`ed25519_test.json`): `lkms::asym::verify_with_public_key`
//!   with ED25519_SHA_512 on RAW messages, the path `lkms verify` takes.
//! - ECDH on P-256/384/521 (`ecdh_secp*r1_test.json`: DER
//!   SubjectPublicKeyInfo peers, as DeriveSharedSecret takes them):
//!   `lkms::asym::derive_shared_secret` with the vector's private scalar as
//!   the key's material.
//! - ML-DSA-44/65/87 (`mldsa_*_verify_test.json`): both of lkms's verify
//!   paths, RAW (aws-lc-rs) and EXTERNAL_MU (the `ml-dsa` crate) with mu
//!   computed here from the public key, context and message (FIPS 204,
//!   Algorithm 7); vectors with a context run through EXTERNAL_MU only,
//!   since RAW signs with the empty context, as AWS does.
//! - ACVP ML-DSA keyGen: the seed as PKCS#8 (the form lkms stores) gives the
//!   vector's public key through `lkms::asym::public_key_der`, and an
//!   EXTERNAL_MU signature made from it verifies under that key. ACVP
//!   sigVer ("internal" interface, so mu = SHAKE256(SHAKE256(pk) ‖ M)):
//!   through EXTERNAL_MU verification.
//!
//! "valid" vectors must verify / agree; "invalid" ones must be refused;
//! "acceptable" ones may go either way (and when accepted, must agree).
//! Vectors lkms cannot be asked (an empty RAW message: AWS's model takes 1
//! to 4096 bytes; a context over 255 bytes, which has no encoding) must be
//! refused too, and are counted apart. Sources and licences:
//! tests/vectors/wycheproof/README.md, tests/vectors/acvp/README.md.
#![allow(clippy::unwrap_used)]

#[path = "support/vectors.rs"]
mod vectors;

use aws_lc_rs::agreement;
use aws_lc_rs::encoding::AsDer;
use lkms::asym;
use lkms::key::{KeySpec, MessageType, SigningAlgorithm};
use lkms::secret::SecretBytes;
use serde_json::Value;

fn tests_of(file: &Value) -> impl Iterator<Item = (&Value, &Value)> {
    file["testGroups"]
        .as_array()
        .expect("testGroups")
        .iter()
        .flat_map(|g| {
            g["tests"]
                .as_array()
                .expect("tests")
                .iter()
                .map(move |t| (g, t))
        })
}

/// Tallies outcomes against expectations; `finish` fails on any mismatch.
#[derive(Default)]
struct Tally {
    run: usize,
    valid: usize,
    invalid: usize,
    acceptable: usize,
    not_applicable: usize,
    failures: Vec<String>,
}

impl Tally {
    fn record(&mut self, id: &str, result: &str, accepted: bool) {
        self.run += 1;
        let ok = match result {
            "valid" => {
                self.valid += 1;
                accepted
            }
            "invalid" => {
                self.invalid += 1;
                !accepted
            }
            "acceptable" => {
                self.acceptable += 1;
                true
            }
            other => panic!("{id}: unknown result {other:?}"),
        };
        if !ok {
            self.failures
                .push(format!("{id}: expected {result}, lkms accepted={accepted}"));
        }
    }

    /// A vector lkms cannot be asked: it must be refused, and is counted apart.
    fn refused(&mut self, id: &str, accepted: bool) {
        self.not_applicable += 1;
        if accepted {
            self.failures
                .push(format!("{id}: lkms accepted a request it must refuse"));
        }
    }

    #[track_caller]
    fn finish(&self, what: &str, declared: Option<u64>) {
        eprintln!(
            "{what}: {} run (valid {}, invalid {}, acceptable {}), {} refused as not applicable, {} failures",
            self.run,
            self.valid,
            self.invalid,
            self.acceptable,
            self.not_applicable,
            self.failures.len()
        );
        if let Some(n) = declared {
            assert_eq!(
                (self.run + self.not_applicable) as u64,
                n,
                "{what}: every vector is counted"
            );
        }
        assert!(self.run > 0, "{what}: no vector ran");
        assert!(
            self.failures.is_empty(),
            "{what}: {} failures:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

#[test]
fn wycheproof_ed25519_verify() {
    let file = vectors::load("wycheproof", "ed25519_test.json");
    let mut tally = Tally::default();
    for (group, t) in tests_of(&file) {
        let pk = vectors::hex(vectors::str_at(&group["publicKey"], "pk"));
        let id = format!("ed25519 tc {}", t["tcId"]);
        let msg = vectors::hex(vectors::str_at(t, "msg"));
        let sig = vectors::hex(vectors::str_at(t, "sig"));
        let verdict = asym::verify_with_public_key(
            KeySpec::EccNistEdwards25519,
            &pk,
            SigningAlgorithm::ED25519_SHA_512,
            &msg,
            MessageType::Raw,
            &sig,
        );
        let accepted = matches!(verdict, Ok(true));
        if msg.is_empty() {
            tally.refused(&id, accepted);
        } else {
            tally.record(&id, vectors::str_at(t, "result"), accepted);
        }
    }
    tally.finish("Wycheproof Ed25519", file["numberOfTests"].as_u64());
}

fn run_ecdh(file_name: &str, spec: KeySpec, alg: &'static agreement::Algorithm, len: usize) {
    let file = vectors::load("wycheproof", file_name);
    let mut tally = Tally::default();
    for (_, t) in tests_of(&file) {
        let id = format!("{file_name} tc {}", t["tcId"]);
        // The scalar as a fixed-length big-endian integer, as the curve's
        // private keys are stored (RFC 5915 DER made by aws-lc-rs).
        let raw = vectors::hex(vectors::str_at(t, "private"));
        let digits: Vec<u8> = raw.iter().copied().skip_while(|b| *b == 0).collect();
        assert!(digits.len() <= len, "{id}: private key too long");
        let mut scalar = vec![0u8; len - digits.len()];
        scalar.extend(digits);
        let private = agreement::PrivateKey::from_private_key(alg, &scalar)
            .unwrap_or_else(|e| panic!("{id}: the private key does not load: {e:?}"));
        let der: aws_lc_rs::encoding::EcPrivateKeyRfc5915Der<'_> =
            private.as_der().expect("RFC 5915 DER");
        let material = SecretBytes::new(der.as_ref().to_vec());
        let public = vectors::hex(vectors::str_at(t, "public"));
        let shared = asym::derive_shared_secret(spec, &material, &public);
        let expected = vectors::hex(vectors::str_at(t, "shared"));
        if let Ok(s) = &shared
            && s.expose() != expected.as_slice()
        {
            tally
                .failures
                .push(format!("{id}: a different shared secret"));
        }
        tally.record(&id, vectors::str_at(t, "result"), shared.is_ok());
    }
    tally.finish(file_name, file["numberOfTests"].as_u64());
}

#[test]
fn wycheproof_ecdh_p256() {
    run_ecdh(
        "ecdh_secp256r1_test.json",
        KeySpec::EccNistP256,
        &agreement::ECDH_P256,
        32,
    );
}

#[test]
fn wycheproof_ecdh_p384() {
    run_ecdh(
        "ecdh_secp384r1_test.json",
        KeySpec::EccNistP384,
        &agreement::ECDH_P384,
        48,
    );
}

#[test]
fn wycheproof_ecdh_p521() {
    run_ecdh(
        "ecdh_secp521r1_test.json",
        KeySpec::EccNistP521,
        &agreement::ECDH_P521,
        66,
    );
}

/// SHAKE256 of the parts, `n` bytes.
fn shake256(parts: &[&[u8]], n: usize) -> Vec<u8> {
    use shake::{ExtendableOutput, Update, XofReader};
    let mut h = shake::Shake256::default();
    for p in parts {
        h.update(p);
    }
    let mut out = vec![0u8; n];
    h.finalize_xof().read(&mut out);
    out
}

/// FIPS 204's mu for the external interface: H(H(pk) ‖ 0 ‖ |ctx| ‖ ctx ‖ M).
fn mu(pk: &[u8], ctx: &[u8], msg: &[u8]) -> Vec<u8> {
    let tr = shake256(&[pk], 64);
    let ctx_len = [0u8, u8::try_from(ctx.len()).expect("short context")];
    shake256(&[&tr, &ctx_len, ctx, msg], 64)
}

fn ml_dsa_verdict(spec: KeySpec, pk: &[u8], msg: &[u8], kind: MessageType, sig: &[u8]) -> bool {
    matches!(
        asym::verify_with_public_key(spec, pk, SigningAlgorithm::ML_DSA_SHAKE_256, msg, kind, sig),
        Ok(true)
    )
}

fn run_ml_dsa(file_name: &str, spec: KeySpec) {
    let file = vectors::load("wycheproof", file_name);
    let mut raw = Tally::default();
    let mut external = Tally::default();
    for (group, t) in tests_of(&file) {
        let id = format!("{file_name} tc {}", t["tcId"]);
        let pk = vectors::hex(vectors::str_at(group, "publicKey"));
        let msg = vectors::hex(vectors::str_at(t, "msg"));
        let sig = vectors::hex(vectors::str_at(t, "sig"));
        let ctx = t
            .get("ctx")
            .and_then(Value::as_str)
            .map(vectors::hex)
            .unwrap_or_default();
        let result = vectors::str_at(t, "result");
        if ctx.len() > 255 {
            // No encoding of such a context: nothing lkms could be asked.
            assert_eq!(result, "invalid", "{id}");
            external.refused(&id, false);
        } else {
            let accepted = ml_dsa_verdict(
                spec,
                &pk,
                &mu(&pk, &ctx, &msg),
                MessageType::ExternalMu,
                &sig,
            );
            external.record(&id, result, accepted);
        }
        if ctx.is_empty() {
            let accepted = ml_dsa_verdict(spec, &pk, &msg, MessageType::Raw, &sig);
            if msg.is_empty() {
                raw.refused(&id, accepted);
            } else {
                raw.record(&id, result, accepted);
            }
        }
    }
    raw.finish(&format!("{file_name} RAW"), None);
    external.finish(
        &format!("{file_name} EXTERNAL_MU"),
        file["numberOfTests"].as_u64(),
    );
}

#[test]
fn wycheproof_ml_dsa_44_verify() {
    run_ml_dsa("mldsa_44_verify_test.json", KeySpec::MlDsa44);
}

#[test]
fn wycheproof_ml_dsa_65_verify() {
    run_ml_dsa("mldsa_65_verify_test.json", KeySpec::MlDsa65);
}

#[test]
fn wycheproof_ml_dsa_87_verify() {
    run_ml_dsa("mldsa_87_verify_test.json", KeySpec::MlDsa87);
}

fn ml_dsa_spec(parameter_set: &str) -> (KeySpec, u8) {
    match parameter_set {
        "ML-DSA-44" => (KeySpec::MlDsa44, 0x11),
        "ML-DSA-65" => (KeySpec::MlDsa65, 0x12),
        "ML-DSA-87" => (KeySpec::MlDsa87, 0x13),
        other => panic!("unknown parameter set {other}"),
    }
}

/// The PKCS#8 of an ML-DSA seed (RFC 9881's seed form), as lkms stores it.
fn seed_pkcs8(oid_last: u8, seed: &[u8]) -> SecretBytes {
    assert_eq!(seed.len(), 32);
    let mut der = vec![
        0x30, 0x34, 0x02, 0x01, 0x00, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
        0x04, 0x03, oid_last, 0x04, 0x22, 0x80, 0x20,
    ];
    der.extend_from_slice(seed);
    SecretBytes::new(der)
}

#[test]
fn acvp_ml_dsa_key_gen() {
    let file = vectors::load("acvp", "ML-DSA-keyGen-FIPS204.json");
    let mut count = 0;
    for (group, t) in tests_of(&file) {
        let (spec, oid) = ml_dsa_spec(vectors::str_at(group, "parameterSet"));
        let id = format!("keyGen tc {}", t["tcId"]);
        let material = seed_pkcs8(oid, &vectors::hex(vectors::str_at(t, "seed")));
        let expected = vectors::hex(vectors::str_at(t, "pk"));
        let der = asym::public_key_der(spec, &material).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(
            &der[der.len() - expected.len()..],
            expected.as_slice(),
            "{id}"
        );
        // The other implementation lkms signs EXTERNAL_MU with reads the
        // same seed: its signature verifies under the vector's key.
        let m = mu(&expected, b"", b"keyGen");
        let sig = asym::sign(
            spec,
            &material,
            SigningAlgorithm::ML_DSA_SHAKE_256,
            &m,
            MessageType::ExternalMu,
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(
            ml_dsa_verdict(spec, &expected, b"keyGen", MessageType::Raw, &sig),
            "{id}"
        );
        count += 1;
    }
    assert_eq!(count, 75, "25 seeds per parameter set");
}

#[test]
fn acvp_ml_dsa_sig_ver() {
    let file = vectors::load("acvp", "ML-DSA-sigVer-FIPS204.json");
    let mut tally = Tally::default();
    for (group, t) in tests_of(&file) {
        let (spec, _) = ml_dsa_spec(vectors::str_at(group, "parameterSet"));
        let id = format!("sigVer tc {} ({})", t["tcId"], vectors::str_at(t, "reason"));
        let pk = vectors::hex(vectors::str_at(group, "pk"));
        // The internal interface: M is the formatted message itself.
        let m = shake256(
            &[
                &shake256(&[&pk], 64),
                &vectors::hex(vectors::str_at(t, "message")),
            ],
            64,
        );
        let accepted = ml_dsa_verdict(
            spec,
            &pk,
            &m,
            MessageType::ExternalMu,
            &vectors::hex(vectors::str_at(t, "signature")),
        );
        let passed = t["testPassed"].as_bool().expect("testPassed");
        tally.record(&id, if passed { "valid" } else { "invalid" }, accepted);
    }
    tally.finish("ACVP ML-DSA sigVer", Some(45));
}
