//! Asymmetric and HMAC primitives over key material, all from aws-lc-rs:
//! RSA (OAEP, PSS, PKCS#1 v1.5), ECDSA on P-256/384/521 and secp256k1, HMAC.
//!
//! Private keys are PKCS#8 DER held in [`SecretBytes`]; they are parsed for
//! each call and never leave this module. aws-lc-rs is constant-time where it
//! matters, unlike the RustCrypto `rsa` crate, whose decryption carries the
//! Marvin timing advisory (RUSTSEC-2023-0071).

use aws_lc_rs::digest;
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{
    OAEP_SHA1_MGF1SHA1, OAEP_SHA256_MGF1SHA256, OaepAlgorithm, OaepPrivateDecryptingKey,
    OaepPublicEncryptingKey, PrivateDecryptingKey,
};
use aws_lc_rs::signature::{self as sig, EcdsaKeyPair, KeyPair, RsaKeyPair, UnparsedPublicKey};

use crate::error::{Error, Result};
use crate::key::{
    EncryptionAlgorithm, Hash, KeyFamily, KeySpec, MacAlgorithm, MessageType, SigningAlgorithm,
};
use crate::secret::SecretBytes;

fn bad_material(spec: KeySpec) -> Error {
    Error::IncorrectKeyMaterial(format!(
        "the stored key material is not a valid {} private key",
        spec.name()
    ))
}

fn ecdsa_algs(
    spec: KeySpec,
) -> Option<(
    &'static sig::EcdsaSigningAlgorithm,
    &'static sig::EcdsaVerificationAlgorithm,
)> {
    Some(match spec {
        KeySpec::EccNistP256 => (
            &sig::ECDSA_P256_SHA256_ASN1_SIGNING,
            &sig::ECDSA_P256_SHA256_ASN1,
        ),
        KeySpec::EccNistP384 => (
            &sig::ECDSA_P384_SHA384_ASN1_SIGNING,
            &sig::ECDSA_P384_SHA384_ASN1,
        ),
        KeySpec::EccNistP521 => (
            &sig::ECDSA_P521_SHA512_ASN1_SIGNING,
            &sig::ECDSA_P521_SHA512_ASN1,
        ),
        KeySpec::EccSecgP256k1 => (
            &sig::ECDSA_P256K1_SHA256_ASN1_SIGNING,
            &sig::ECDSA_P256K1_SHA256_ASN1,
        ),
        _ => return None,
    })
}

fn rsa_algs(
    alg: SigningAlgorithm,
) -> Option<(&'static dyn sig::RsaEncoding, &'static sig::RsaParameters)> {
    use SigningAlgorithm::*;
    Some(match alg {
        RSASSA_PSS_SHA_256 => (&sig::RSA_PSS_SHA256, &sig::RSA_PSS_2048_8192_SHA256),
        RSASSA_PSS_SHA_384 => (&sig::RSA_PSS_SHA384, &sig::RSA_PSS_2048_8192_SHA384),
        RSASSA_PSS_SHA_512 => (&sig::RSA_PSS_SHA512, &sig::RSA_PSS_2048_8192_SHA512),
        RSASSA_PKCS1_V1_5_SHA_256 => (&sig::RSA_PKCS1_SHA256, &sig::RSA_PKCS1_2048_8192_SHA256),
        RSASSA_PKCS1_V1_5_SHA_384 => (&sig::RSA_PKCS1_SHA384, &sig::RSA_PKCS1_2048_8192_SHA384),
        RSASSA_PKCS1_V1_5_SHA_512 => (&sig::RSA_PKCS1_SHA512, &sig::RSA_PKCS1_2048_8192_SHA512),
        _ => return None,
    })
}

fn digest_alg(h: Hash) -> &'static digest::Algorithm {
    match h {
        Hash::Sha224 => &digest::SHA224,
        Hash::Sha256 => &digest::SHA256,
        Hash::Sha384 => &digest::SHA384,
        Hash::Sha512 => &digest::SHA512,
    }
}

/// The most bytes a RAW message to `sign` may have, as in AWS.
pub const MAX_RAW_MESSAGE: usize = 4096;

/// The digest to sign or verify: the message hashed (RAW), or the given
/// digest checked for length (DIGEST).
fn message_digest(
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
) -> Result<digest::Digest> {
    let d = digest_alg(alg.hash());
    match kind {
        MessageType::Raw => {
            if message.is_empty() {
                return Err(Error::validation(
                    "the message is empty; sign 1 to 4096 bytes",
                ));
            }
            if message.len() > MAX_RAW_MESSAGE {
                return Err(Error::validation(format!(
                    "a RAW message is at most {MAX_RAW_MESSAGE} bytes (this one is {}); hash it and pass --message-type DIGEST",
                    message.len()
                )));
            }
            Ok(digest::digest(d, message))
        }
        MessageType::Digest => {
            if message.len() != alg.hash().output_len() {
                return Err(Error::validation(format!(
                    "a DIGEST message for {} must be {} bytes, not {}",
                    alg.name(),
                    alg.hash().output_len(),
                    message.len()
                )));
            }
            digest::Digest::import_less_safe(message, d)
                .map_err(|_| Error::validation("the digest does not fit the algorithm"))
        }
    }
}

/// Signs with a private key of `spec`. ECDSA signatures are DER-encoded, as
/// AWS returns them; RSA-PSS uses a salt as long as the digest, as AWS does.
pub fn sign(
    spec: KeySpec,
    private_key: &SecretBytes,
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
) -> Result<Vec<u8>> {
    alg.check_spec(spec)?;
    let digest = message_digest(alg, message, kind)?;
    if let Some((signing, _)) = ecdsa_algs(spec) {
        let kp = EcdsaKeyPair::from_pkcs8(signing, private_key.expose())
            .map_err(|_| bad_material(spec))?;
        let s = kp.sign_digest(&digest).map_err(|_| bad_material(spec))?;
        return Ok(s.as_ref().to_vec());
    }
    let (encoding, _) = rsa_algs(alg).ok_or_else(|| bad_material(spec))?;
    let kp = RsaKeyPair::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    let mut out = vec![0u8; kp.public_modulus_len()];
    kp.sign_digest(encoding, &digest, &mut out)
        .map_err(|_| bad_material(spec))?;
    Ok(out)
}

/// Verifies a signature against the public half of a private key of `spec`.
/// Returns `Ok(false)` for a signature that does not verify.
pub fn verify(
    spec: KeySpec,
    private_key: &SecretBytes,
    alg: SigningAlgorithm,
    message: &[u8],
    kind: MessageType,
    signature: &[u8],
) -> Result<bool> {
    alg.check_spec(spec)?;
    let digest = message_digest(alg, message, kind)?;
    let public = raw_public_key(spec, private_key)?;
    let ok = if let Some((_, verification)) = ecdsa_algs(spec) {
        UnparsedPublicKey::new(verification, &public).verify_digest(&digest, signature)
    } else {
        let (_, params) = rsa_algs(alg).ok_or_else(|| bad_material(spec))?;
        UnparsedPublicKey::new(params, &public).verify_digest(&digest, signature)
    };
    Ok(ok.is_ok())
}

/// The public key in the form aws-lc-rs verifies with (uncompressed point or
/// PKCS#1 RSAPublicKey).
fn raw_public_key(spec: KeySpec, private_key: &SecretBytes) -> Result<Vec<u8>> {
    if let Some((signing, _)) = ecdsa_algs(spec) {
        let kp = EcdsaKeyPair::from_pkcs8(signing, private_key.expose())
            .map_err(|_| bad_material(spec))?;
        return Ok(kp.public_key().as_ref().to_vec());
    }
    let kp = RsaKeyPair::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    Ok(kp.public_key().as_ref().to_vec())
}

/// The public key as DER SubjectPublicKeyInfo, as `get-public-key` returns it.
pub fn public_key_der(spec: KeySpec, private_key: &SecretBytes) -> Result<Vec<u8>> {
    match spec.family() {
        KeyFamily::Ecc => {
            let (signing, _) = ecdsa_algs(spec).ok_or_else(|| bad_material(spec))?;
            let kp = EcdsaKeyPair::from_pkcs8(signing, private_key.expose())
                .map_err(|_| bad_material(spec))?;
            let der = kp.public_key().as_der().map_err(|_| bad_material(spec))?;
            Ok(der.as_ref().to_vec())
        }
        KeyFamily::Rsa => {
            let kp =
                RsaKeyPair::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
            let der = kp.public_key().as_der().map_err(|_| bad_material(spec))?;
            Ok(der.as_ref().to_vec())
        }
        // ML-KEM (issue 17, branch kem).
        KeyFamily::MlKem => crate::kem::MlKem::of_spec(spec)
            .ok_or_else(|| bad_material(spec))?
            .public_key_der(private_key),
        KeyFamily::Hybrid => Ok(crate::xwing::spki(&crate::xwing::public_key(private_key)?)),
        _ => Err(Error::UnsupportedOperation(format!(
            "{} keys have no public key",
            spec.name()
        ))),
    }
}

/// Checks that `private_key` is a valid PKCS#8 private key of `spec` (for
/// imported material).
pub fn check_private_key(spec: KeySpec, private_key: &SecretBytes) -> Result<()> {
    let key_bits = match spec {
        KeySpec::Rsa2048 => 2048,
        KeySpec::Rsa3072 => 3072,
        KeySpec::Rsa4096 => 4096,
        // ML-KEM (issue 17, branch kem).
        KeySpec::MlKem512 | KeySpec::MlKem768 | KeySpec::MlKem1024 | KeySpec::X25519MlKem768 => {
            return public_key_der(spec, private_key).map(drop);
        }
        _ => return raw_public_key(spec, private_key).map(drop),
    };
    let kp = RsaKeyPair::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    if kp.public_modulus_len() * 8 != key_bits {
        return Err(bad_material(spec));
    }
    Ok(())
}

fn oaep(alg: EncryptionAlgorithm) -> Result<&'static OaepAlgorithm> {
    match alg {
        EncryptionAlgorithm::RsaesOaepSha1 => Ok(&OAEP_SHA1_MGF1SHA1),
        EncryptionAlgorithm::RsaesOaepSha256 => Ok(&OAEP_SHA256_MGF1SHA256),
        EncryptionAlgorithm::SymmetricDefault => Err(Error::InvalidKeyUsage(
            "RSA keys encrypt with RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256, not SYMMETRIC_DEFAULT"
                .into(),
        )),
    }
}

/// The most plaintext RSA-OAEP takes with this key size and hash.
pub fn rsa_max_plaintext(spec: KeySpec, alg: EncryptionAlgorithm) -> usize {
    let k = match spec {
        KeySpec::Rsa2048 => 256,
        KeySpec::Rsa3072 => 384,
        _ => 512,
    };
    let h = if alg == EncryptionAlgorithm::RsaesOaepSha1 {
        20
    } else {
        32
    };
    k - 2 * h - 2
}

/// RSA-OAEP encryption (MGF1 with the same hash), the raw output as AWS returns it.
pub fn rsa_encrypt(
    spec: KeySpec,
    private_key: &SecretBytes,
    alg: EncryptionAlgorithm,
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    let oaep_alg = oaep(alg)?;
    let max = rsa_max_plaintext(spec, alg);
    if plaintext.len() > max {
        return Err(Error::validation(format!(
            "{} with {} encrypts at most {max} bytes; this plaintext is {} bytes",
            spec.name(),
            alg.name(),
            plaintext.len()
        )));
    }
    let key =
        PrivateDecryptingKey::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    let public = OaepPublicEncryptingKey::new(key.public_key()).map_err(|_| bad_material(spec))?;
    let mut out = vec![0u8; public.ciphertext_size()];
    let n = public
        .encrypt(oaep_alg, plaintext, &mut out, None)
        .map_err(|_| bad_material(spec))?
        .len();
    out.truncate(n);
    Ok(out)
}

/// RSA-OAEP decryption.
pub fn rsa_decrypt(
    spec: KeySpec,
    private_key: &SecretBytes,
    alg: EncryptionAlgorithm,
    ciphertext: &[u8],
) -> Result<SecretBytes> {
    let oaep_alg = oaep(alg)?;
    let key =
        PrivateDecryptingKey::from_pkcs8(private_key.expose()).map_err(|_| bad_material(spec))?;
    let key = OaepPrivateDecryptingKey::new(key).map_err(|_| bad_material(spec))?;
    let mut out = zeroize::Zeroizing::new(vec![0u8; key.min_output_size()]);
    let n = key
        .decrypt(oaep_alg, ciphertext, &mut out, None)
        .map_err(|_| {
            Error::InvalidCiphertext(format!(
                "the ciphertext does not decrypt with this key and {}",
                alg.name()
            ))
        })?
        .len();
    Ok(SecretBytes::new(out[..n].to_vec()))
}

fn hmac_key(material: &SecretBytes, alg: MacAlgorithm) -> aws_lc_rs::hmac::Key {
    use aws_lc_rs::hmac;
    let a = match alg {
        MacAlgorithm::HMAC_SHA_224 => hmac::HMAC_SHA224,
        MacAlgorithm::HMAC_SHA_256 => hmac::HMAC_SHA256,
        MacAlgorithm::HMAC_SHA_384 => hmac::HMAC_SHA384,
        MacAlgorithm::HMAC_SHA_512 => hmac::HMAC_SHA512,
    };
    hmac::Key::new(a, material.expose())
}

/// HMAC of a message.
pub fn mac(material: &SecretBytes, alg: MacAlgorithm, message: &[u8]) -> Vec<u8> {
    aws_lc_rs::hmac::sign(&hmac_key(material, alg), message)
        .as_ref()
        .to_vec()
}

/// Constant-time HMAC verification.
pub fn verify_mac(material: &SecretBytes, alg: MacAlgorithm, message: &[u8], tag: &[u8]) -> bool {
    aws_lc_rs::hmac::verify(&hmac_key(material, alg), message, tag).is_ok()
}

/// A fresh random number generator handle (aws-lc-rs's system RNG).
pub fn rng() -> SystemRandom {
    SystemRandom::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material(spec: KeySpec) -> SecretBytes {
        crate::key::generate_secret(spec).expect("generate")
    }

    #[test]
    fn sign_verify_every_ecc_spec_raw_and_digest() {
        for (spec, alg) in [
            (KeySpec::EccNistP256, SigningAlgorithm::ECDSA_SHA_256),
            (KeySpec::EccNistP384, SigningAlgorithm::ECDSA_SHA_384),
            (KeySpec::EccNistP521, SigningAlgorithm::ECDSA_SHA_512),
            (KeySpec::EccSecgP256k1, SigningAlgorithm::ECDSA_SHA_256),
        ] {
            let m = material(spec);
            let s = sign(spec, &m, alg, b"msg", MessageType::Raw).expect("sign");
            assert!(verify(spec, &m, alg, b"msg", MessageType::Raw, &s).expect("verify"));
            assert!(!verify(spec, &m, alg, b"msg!", MessageType::Raw, &s).expect("verify"));
            let d = digest::digest(digest_alg(alg.hash()), b"msg");
            assert!(
                verify(spec, &m, alg, d.as_ref(), MessageType::Digest, &s).expect("verify digest")
            );
            assert!(verify(spec, &m, alg, b"short", MessageType::Digest, &s).is_err());
        }
    }

    #[test]
    fn rsa_sign_and_oaep() {
        let spec = KeySpec::Rsa2048;
        let m = material(spec);
        for alg in [
            SigningAlgorithm::RSASSA_PSS_SHA_256,
            SigningAlgorithm::RSASSA_PKCS1_V1_5_SHA_512,
        ] {
            let s = sign(spec, &m, alg, b"msg", MessageType::Raw).expect("sign");
            assert_eq!(s.len(), 256);
            assert!(verify(spec, &m, alg, b"msg", MessageType::Raw, &s).expect("verify"));
        }
        for alg in [
            EncryptionAlgorithm::RsaesOaepSha1,
            EncryptionAlgorithm::RsaesOaepSha256,
        ] {
            let max = rsa_max_plaintext(spec, alg);
            let ct = rsa_encrypt(spec, &m, alg, &vec![7u8; max]).expect("encrypt");
            assert_eq!(rsa_decrypt(spec, &m, alg, &ct).expect("decrypt").len(), max);
            assert!(rsa_encrypt(spec, &m, alg, &vec![7u8; max + 1]).is_err());
        }
        assert_eq!(
            rsa_max_plaintext(spec, EncryptionAlgorithm::RsaesOaepSha256),
            190
        );
        assert_eq!(
            rsa_max_plaintext(spec, EncryptionAlgorithm::RsaesOaepSha1),
            214
        );
    }

    #[test]
    fn hmac_known_answer() {
        // RFC 4231 test case 2.
        let key = SecretBytes::new(b"Jefe".to_vec());
        let tag = mac(
            &key,
            MacAlgorithm::HMAC_SHA_256,
            b"what do ya want for nothing?",
        );
        let hex: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(verify_mac(
            &key,
            MacAlgorithm::HMAC_SHA_256,
            b"what do ya want for nothing?",
            &tag
        ));
        let mut bad = tag.clone();
        bad[0] ^= 1;
        assert!(!verify_mac(
            &key,
            MacAlgorithm::HMAC_SHA_256,
            b"what do ya want for nothing?",
            &bad
        ));
    }
}
