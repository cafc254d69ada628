//! ML-KEM known-answer and negative vectors (issue 17) through `lkms::kem`,
//! the code every ML-KEM key, `decapsulate` and file recipient uses.
//!
//! The files in `tests/vectors/mlkem/` (see the README there for sources
//! and licences):
//! - NIST ACVP `ML-KEM-encapDecap-FIPS203`: every decapsulation case (valid
//!   and modified ciphertexts, whose expected secret is FIPS 203's implicit
//!   rejection value) must give `k` exactly; for the encapsulation cases,
//!   whose `m` aws-lc-rs cannot take (it has no derandomized
//!   encapsulation), `c` must decapsulate to `k`, `dk` must embed `ek`, and
//!   the SubjectPublicKeyInfo lkms writes must parse back to `ek`.
//! - NIST ACVP `ML-KEM-keyGen-FIPS203`: aws-lc-rs has no seeded key
//!   generation either, so each `dk` must pass FIPS 203's hash check, embed
//!   the expected `ek`, and a fresh encapsulation to `ek` must decapsulate
//!   with `dk` to the same secret.
//! - Wycheproof `mlkem_*_semi_expanded_decaps`: valid cases give `K`; keys
//!   and ciphertexts of the wrong length and keys with a corrupted hash or
//!   embedded `ek` are refused.
//! - Wycheproof `mlkem_*_encaps` (its invalid keys and two valid ones): an
//!   encapsulation key with coefficients not reduced mod q, or of the wrong
//!   length, is refused (FIPS 203 §7.2's input check); valid keys
//!   encapsulate.
#![allow(clippy::unwrap_used)]

#[path = "support/vectors.rs"]
#[allow(dead_code)] // str_at: these vectors' fields are read by index
mod vectors;

use lkms::kem::MlKem;
use serde_json::Value;

#[track_caller]
fn hex(v: &Value) -> Vec<u8> {
    vectors::hex(
        v.as_str()
            .unwrap_or_else(|| panic!("not a hex string: {v}")),
    )
}

fn parameter_set(name: &str) -> MlKem {
    match name {
        "ML-KEM-512" => MlKem::MlKem512,
        "ML-KEM-768" => MlKem::MlKem768,
        "ML-KEM-1024" => MlKem::MlKem1024,
        other => panic!("unknown parameter set {other}"),
    }
}

fn groups(v: &Value) -> &Vec<Value> {
    v["testGroups"].as_array().expect("testGroups")
}

fn tests(g: &Value) -> &Vec<Value> {
    g["tests"].as_array().expect("tests")
}

#[test]
fn acvp_encap_decap() {
    let v = vectors::load("mlkem", "acvp_encap_decap.json");
    let (mut encapsulation, mut decapsulation, mut rejected) = (0, 0, 0);
    for g in groups(&v) {
        let p = parameter_set(g["parameterSet"].as_str().unwrap());
        match g["function"].as_str().unwrap() {
            "encapsulation" => {
                for t in tests(g) {
                    let (ek, dk) = (hex(&t["ek"]), hex(&t["dk"]));
                    let k = p.decapsulate_raw(&dk, &hex(&t["c"])).unwrap();
                    assert_eq!(k.expose(), hex(&t["k"]), "tcId {}", t["tcId"]);
                    assert_eq!(p.public_key_of_raw(&dk).unwrap(), ek);
                    let spki = p.public_key_der_of_raw(&ek);
                    assert_eq!(MlKem::detect_public_key(&spki), Some((p, &ek[..])));
                    encapsulation += 1;
                }
            }
            "decapsulation" => {
                let dk = hex(&g["dk"]);
                assert_eq!(p.public_key_of_raw(&dk).unwrap(), hex(&g["ek"]));
                for t in tests(g) {
                    let k = p.decapsulate_raw(&dk, &hex(&t["c"])).unwrap();
                    assert_eq!(k.expose(), hex(&t["k"]), "tcId {}", t["tcId"]);
                    if t["reason"] == "modify ciphertext" {
                        rejected += 1;
                    }
                    decapsulation += 1;
                }
            }
            other => panic!("unexpected function {other}"),
        }
    }
    assert_eq!((encapsulation, decapsulation, rejected), (12, 30, 15));
}

#[test]
fn acvp_key_gen() {
    let v = vectors::load("mlkem", "acvp_keygen.json");
    let mut n = 0;
    for g in groups(&v) {
        let p = parameter_set(g["parameterSet"].as_str().unwrap());
        for t in tests(g) {
            let (ek, dk) = (hex(&t["ek"]), hex(&t["dk"]));
            assert_eq!(dk.len(), p.private_key_len());
            assert_eq!(p.public_key_of_raw(&dk).unwrap(), ek, "tcId {}", t["tcId"]);
            // dk ends with z, as FIPS 203 lays it out.
            assert_eq!(&dk[dk.len() - 32..], hex(&t["z"]));
            let (c, k) = p.encapsulate_raw(&ek).unwrap();
            assert_eq!(p.decapsulate_raw(&dk, &c).unwrap(), k);
            n += 1;
        }
    }
    assert_eq!(n, 12);
}

#[test]
fn wycheproof_semi_expanded_decaps() {
    let v = vectors::load("mlkem", "wycheproof_mlkem_semi_expanded_decaps.json");
    let (mut valid, mut invalid) = (0, 0);
    for g in groups(&v) {
        let p = parameter_set(g["parameterSet"].as_str().unwrap());
        for t in tests(g) {
            let (dk, c) = (hex(&t["dk"]), hex(&t["c"]));
            let got = p.decapsulate_raw(&dk, &c);
            match t["result"].as_str().unwrap() {
                "valid" => {
                    assert_eq!(
                        got.unwrap().expose(),
                        hex(&t["K"]),
                        "tcId {} {}",
                        t["tcId"],
                        t["comment"]
                    );
                    valid += 1;
                }
                "invalid" => {
                    assert!(got.is_err(), "tcId {} {} accepted", t["tcId"], t["comment"]);
                    invalid += 1;
                }
                other => panic!("result {other}"),
            }
        }
    }
    assert_eq!((valid, invalid), (9, 18));
}

#[test]
fn wycheproof_encaps_refuses_invalid_keys() {
    let v = vectors::load("mlkem", "wycheproof_mlkem_encaps.json");
    let (mut valid, mut invalid) = (0, 0);
    for g in groups(&v) {
        let p = parameter_set(g["parameterSet"].as_str().unwrap());
        for t in tests(g) {
            let ek = hex(&t["ek"]);
            let got = p.encapsulate_raw(&ek);
            let spki = p.public_key_der_of_raw(&ek);
            match t["result"].as_str().unwrap() {
                "valid" => {
                    let (c, k) = got.unwrap();
                    assert_eq!(c.len(), p.ciphertext_len());
                    assert_eq!(k.len(), 32);
                    assert!(MlKem::detect_public_key(&spki).is_some());
                    valid += 1;
                }
                "invalid" => {
                    assert!(got.is_err(), "tcId {} {} accepted", t["tcId"], t["comment"]);
                    // A recipient key file with it is refused too.
                    assert!(
                        p.check_public_key(&ek).is_err(),
                        "tcId {} {}",
                        t["tcId"],
                        t["comment"]
                    );
                    invalid += 1;
                }
                other => panic!("result {other}"),
            }
        }
    }
    assert_eq!(valid, 6);
    assert!(invalid >= 15, "{invalid}");
}
