//! lkms's hybrid X25519_ML_KEM_768 against X-Wing's published test vectors
//! (draft-connolly-cfrg-xwing-kem-06, appendix C; the copy in
//! RustCrypto/KEMs `x-wing/tests/test-vectors.json`, Apache-2.0 OR MIT):
//! each vector's 32-byte seed is expanded as X-Wing does (SHAKE256 into
//! the ML-KEM-768 seed `d ‖ z` and the X25519 key), the ML-KEM-768 key is
//! made from `d ‖ z` by RustCrypto's `ml-kem` (aws-lc-rs has no seeded key
//! generation), and then `lkms::xwing` must give the vector's public key and
//! decapsulate its ciphertext to its shared secret.
#![allow(clippy::unwrap_used)]

use ml_kem::{B32, EncodedSizeUser, KemCore, MlKem768};
use serde::Deserialize;
use sha3::Shake256;
use sha3::digest::{ExtendableOutput, Update, XofReader};

use lkms::secret::SecretBytes;

#[derive(Deserialize)]
struct Vector {
    seed: String,
    ss: String,
    sk: String,
    pk: String,
    ct: String,
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// X-Wing's private key expansion, to lkms's form `sk_X ‖ dk_M`.
fn lkms_private_key(sk: &[u8]) -> SecretBytes {
    let mut xof = Shake256::default();
    xof.update(sk);
    let mut reader = xof.finalize_xof();
    let mut expanded = [0u8; 96];
    reader.read(&mut expanded);
    let d = B32::from(<[u8; 32]>::try_from(&expanded[..32]).unwrap());
    let z = B32::from(<[u8; 32]>::try_from(&expanded[32..64]).unwrap());
    let (dk, _) = MlKem768::generate_deterministic(&d, &z);
    let mut out = expanded[64..].to_vec();
    out.extend_from_slice(&dk.as_bytes());
    SecretBytes::new(out)
}

#[test]
fn x_wing_vectors_decapsulate_to_their_shared_secrets() {
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("vectors/xwing_test_vectors.json")).unwrap();
    assert_eq!(vectors.len(), 3);
    for v in vectors {
        // The draft's vectors name the private key `sk` (= `seed`).
        assert_eq!(v.sk, v.seed);
        let private = lkms_private_key(&unhex(&v.sk));
        assert_eq!(lkms::xwing::public_key(&private).unwrap(), unhex(&v.pk));
        let ss = lkms::xwing::decapsulate(&private, &unhex(&v.ct)).unwrap();
        assert_eq!(ss.expose(), unhex(&v.ss));
        // A recipient made from the vector's public key is an X-Wing one.
        let spki = lkms::xwing::spki(&unhex(&v.pk));
        let r = lkms::envelope::Recipient::parse(&spki).unwrap();
        assert_eq!(r.kind(), lkms::envelope::RecipientKind::XWing);
    }
}
