//! The hybrid X25519 + ML-KEM-768 key encapsulation of lkms's
//! `X25519_ML_KEM_768` keys (an lkms extension: AWS KMS has no X25519 key),
//! with X-Wing's combiner (draft-connolly-cfrg-xwing-kem-06, section 5.3):
//!
//! ```text
//! ss = SHA3-256(ss_M ‖ ss_X ‖ ct_X ‖ pk_X ‖ "\.//^\")
//! ```
//!
//! where `ss_M` is the ML-KEM-768 shared secret, `ss_X` the X25519 shared
//! secret of an ephemeral key whose public key `ct_X` is sent, and `pk_X`
//! the recipient's X25519 public key. The ciphertext is `ct_M ‖ ct_X` (1120
//! bytes) and the public key `pk_M ‖ pk_X` (1216 bytes), X-Wing's layouts;
//! the public key's SubjectPublicKeyInfo uses X-Wing's OID
//! 1.3.6.1.4.1.62253.25722. Only the private key differs: X-Wing derives
//! both halves from a 32-byte seed with SHAKE256, which needs seeded ML-KEM
//! key generation that aws-lc-rs does not offer, so lkms keeps the two
//! private keys themselves (`sk_X ‖ dk_M`, 32 + 2400 bytes). Every
//! primitive is aws-lc-rs's (X25519, ML-KEM-768, SHA3-256).

use aws_lc_rs::agreement::{self, PrivateKey, UnparsedPublicKey, X25519};
use aws_lc_rs::digest;
use aws_lc_rs::encoding::{AsBigEndian, Curve25519SeedBin};

use crate::error::{Error, Result};
use crate::kem::MlKem;
use crate::secret::SecretBytes;

/// X-Wing's label, the last input of the combiner.
const LABEL: &[u8; 6] = br"\.//^\";
/// The ML-KEM half.
const KEM: MlKem = MlKem::MlKem768;
/// Length of an X25519 key or public value.
const X_LEN: usize = 32;
/// Length of a public key, `pk_M ‖ pk_X`.
pub const PUBLIC_KEY_LEN: usize = 1184 + X_LEN;
/// Length of a ciphertext, `ct_M ‖ ct_X`.
pub const CIPHERTEXT_LEN: usize = 1088 + X_LEN;
/// Length of the private material lkms keeps, `sk_X ‖ dk_M`.
pub const PRIVATE_KEY_LEN: usize = X_LEN + 2400;

/// The DER of X-Wing's AlgorithmIdentifier (OID 1.3.6.1.4.1.62253.25722).
const ALGORITHM_IDENTIFIER: [u8; 15] = [
    0x30, 0x0d, 0x06, 0x0b, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xe6, 0x2d, 0x81, 0xc8, 0x7a,
];

fn bad_material() -> Error {
    Error::IncorrectKeyMaterial(
        "the stored key material is not an X25519_ML_KEM_768 private key".into(),
    )
}

/// The DER SubjectPublicKeyInfo of a raw public key `pk_M ‖ pk_X`.
pub fn spki(public: &[u8]) -> Vec<u8> {
    let mut out = vec![0x30, 0x82];
    let body_len = ALGORITHM_IDENTIFIER.len() + 4 + 1 + public.len();
    out.extend_from_slice(&(body_len as u16).to_be_bytes());
    out.extend_from_slice(&ALGORITHM_IDENTIFIER);
    out.extend_from_slice(&[0x03, 0x82]);
    out.extend_from_slice(&((public.len() + 1) as u16).to_be_bytes());
    out.push(0);
    out.extend_from_slice(public);
    out
}

/// The raw public key in an X-Wing SubjectPublicKeyInfo, if it is one.
pub fn parse_public_key(der: &[u8]) -> Option<&[u8]> {
    let prefix = spki(&[0; PUBLIC_KEY_LEN]);
    der.strip_prefix(&prefix[..prefix.len() - PUBLIC_KEY_LEN])
        .filter(|pk| pk.len() == PUBLIC_KEY_LEN)
}

/// Checks a raw public key: ML-KEM-768's encapsulation key check on
/// `pk_M` (X25519 accepts any 32 bytes).
pub fn check_public_key(public: &[u8]) -> Result<()> {
    if public.len() != PUBLIC_KEY_LEN {
        return Err(Error::validation(format!(
            "an X25519_ML_KEM_768 public key is {PUBLIC_KEY_LEN} bytes, not {}",
            public.len()
        )));
    }
    KEM.check_public_key(&public[..1184])
}

/// A fresh private key, `sk_X ‖ dk_M`.
pub fn generate() -> Result<SecretBytes> {
    let fail = || Error::validation("could not generate an X25519_ML_KEM_768 key");
    let x = PrivateKey::generate(&X25519).map_err(|_| fail())?;
    let sk_x: Curve25519SeedBin = x.as_be_bytes().map_err(|_| fail())?;
    let kem = KEM.generate()?;
    let dk = KEM.raw_private_key(&kem)?;
    let mut out = zeroize::Zeroizing::new(Vec::with_capacity(PRIVATE_KEY_LEN));
    out.extend_from_slice(sk_x.as_ref());
    out.extend_from_slice(dk);
    Ok(SecretBytes::new(out.to_vec()))
}

fn halves(private: &SecretBytes) -> Result<(PrivateKey, SecretBytes)> {
    let bytes = private.expose();
    if bytes.len() != PRIVATE_KEY_LEN {
        return Err(bad_material());
    }
    let x = PrivateKey::from_private_key(&X25519, &bytes[..X_LEN]).map_err(|_| bad_material())?;
    let kem = SecretBytes::new(KEM.pkcs8_of_raw(&bytes[X_LEN..]).to_vec());
    Ok((x, kem))
}

/// The raw public key `pk_M ‖ pk_X` of a private key.
pub fn public_key(private: &SecretBytes) -> Result<Vec<u8>> {
    let (x, kem) = halves(private)?;
    let pk_m = KEM.public_key_der(&kem)?;
    let pk_m = KEM
        .parse_public_key(&pk_m)
        .ok_or_else(bad_material)?
        .to_vec();
    let pk_x = x.compute_public_key().map_err(|_| bad_material())?;
    let mut out = pk_m;
    out.extend_from_slice(pk_x.as_ref());
    Ok(out)
}

/// X-Wing's combiner.
fn combine(ss_m: &[u8], ss_x: &[u8], ct_x: &[u8], pk_x: &[u8]) -> SecretBytes {
    let mut h = digest::Context::new(&digest::SHA3_256);
    for part in [ss_m, ss_x, ct_x, pk_x, LABEL.as_slice()] {
        h.update(part);
    }
    SecretBytes::new(h.finish().as_ref().to_vec())
}

/// Encapsulates to a raw public key: (ciphertext `ct_M ‖ ct_X`, secret).
pub fn encapsulate(public: &[u8]) -> Result<(Vec<u8>, SecretBytes)> {
    check_public_key(public)?;
    let (pk_m, pk_x) = public.split_at(1184);
    let (mut ct, ss_m) = KEM.encapsulate_raw(pk_m)?;
    let fail = || Error::validation("X25519 key agreement with the recipient failed");
    let eph = PrivateKey::generate(&X25519).map_err(|_| fail())?;
    let ct_x = eph.compute_public_key().map_err(|_| fail())?;
    let ss_x = agreement::agree(&eph, UnparsedPublicKey::new(&X25519, pk_x), fail(), |s| {
        Ok(SecretBytes::new(s.to_vec()))
    })?;
    let ss = combine(ss_m.expose(), ss_x.expose(), ct_x.as_ref(), pk_x);
    ct.extend_from_slice(ct_x.as_ref());
    Ok((ct, ss))
}

/// Decapsulates a ciphertext `ct_M ‖ ct_X` with a private key. As ML-KEM,
/// a tampered ciphertext gives an unrelated secret, not an error.
pub fn decapsulate(private: &SecretBytes, ciphertext: &[u8]) -> Result<SecretBytes> {
    if ciphertext.len() != CIPHERTEXT_LEN {
        return Err(Error::InvalidCiphertext(format!(
            "an X25519_ML_KEM_768 ciphertext is {CIPHERTEXT_LEN} bytes; this one is {}",
            ciphertext.len()
        )));
    }
    let (x, kem) = halves(private)?;
    let (ct_m, ct_x) = ciphertext.split_at(1088);
    let ss_m = KEM.decapsulate(&kem, ct_m)?;
    let pk_x = x.compute_public_key().map_err(|_| bad_material())?;
    let ss_x = agreement::agree(
        &x,
        UnparsedPublicKey::new(&X25519, ct_x),
        Error::InvalidCiphertext("the ciphertext's X25519 value is not a valid point".into()),
        |s| Ok(SecretBytes::new(s.to_vec())),
    )?;
    Ok(combine(ss_m.expose(), ss_x.expose(), ct_x, pk_x.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encapsulate_decapsulate_round_trip_and_tampering_changes_the_secret() {
        let sk = generate().expect("generate");
        let pk = public_key(&sk).expect("public");
        assert_eq!(pk.len(), PUBLIC_KEY_LEN);
        let der = spki(&pk);
        assert_eq!(parse_public_key(&der), Some(&pk[..]));
        assert!(KEM.parse_public_key(&der).is_none());
        let (ct, ss) = encapsulate(&pk).expect("encapsulate");
        assert_eq!(ct.len(), CIPHERTEXT_LEN);
        assert_eq!(decapsulate(&sk, &ct).expect("decapsulate"), ss);
        for i in [0, 1087, 1088, 1119] {
            let mut bad = ct.clone();
            bad[i] ^= 1;
            let other = decapsulate(&sk, &bad);
            assert!(other.map_or(true, |o| o != ss), "byte {i}");
        }
        assert!(decapsulate(&sk, &ct[1..]).is_err());
    }

    #[test]
    fn the_combiner_is_x_wings() {
        // SHA3-256 of the five inputs in X-Wing's order, against a digest
        // computed independently (Python's hashlib.sha3_256 of the same
        // bytes: 32 × 01, 32 × 02, 32 × 03, 32 × 04, "\.//^\").
        let ss = combine(&[1; 32], &[2; 32], &[3; 32], &[4; 32]);
        let hex: String = ss.expose().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, COMBINER_KAT);
    }

    const COMBINER_KAT: &str = "5c6bfaf8c3ec48ab3cee7c12129b39913b8a7fa1234115da7e1c55608ad19fb6";

    #[test]
    fn the_spki_is_x_wings() {
        let der = spki(&[0; PUBLIC_KEY_LEN]);
        assert_eq!(
            &der[..24],
            &[
                0x30, 0x82, 0x04, 0xd4, 0x30, 0x0d, 0x06, 0x0b, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83,
                0xe6, 0x2d, 0x81, 0xc8, 0x7a, 0x03, 0x82, 0x04, 0xc1, 0x00
            ]
        );
    }
}
