//! `encapsulate` and `decapsulate`: shared secrets with ML-KEM keys.

use serde::Serialize;

use crate::encoding::Base64;
use crate::error::{Error, Result};
use crate::kem::MlKem;
use crate::key::{EncapsulationAlgorithm, Key, KeyUsage};
use crate::keyring::Keyring;
use crate::secret::SecretBytes;

/// Response of `encapsulate`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncapsulateResponse {
    /// ARN of the key.
    pub key_id: String,
    /// The 32-byte shared secret.
    pub shared_secret: SecretBytes,
    /// The ciphertext that `decapsulate` turns back into the secret.
    pub shared_secret_ciphertext_blob: Base64,
    /// The algorithm.
    pub encapsulation_algorithm: EncapsulationAlgorithm,
}

/// Response of `decapsulate`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DecapsulateResponse {
    /// ARN of the key.
    pub key_id: String,
    /// The 32-byte shared secret.
    pub shared_secret: SecretBytes,
    /// The algorithm.
    pub encapsulation_algorithm: EncapsulationAlgorithm,
}

/// An enabled ML-KEM key with its private key, for `operation`.
fn kem_key(
    kr: &Keyring,
    key_ref: &str,
    operation: &'static str,
) -> Result<(Key, MlKem, SecretBytes)> {
    let (key, secret) =
        super::asymmetric::usable(kr, key_ref, KeyUsage::EncapsulateDecapsulate, operation)?;
    // X25519_ML_KEM_768 keys (an lkms extension) only open files'
    // wrapped keys: AWS's Encapsulate and Decapsulate are ML-KEM's.
    let kem = MlKem::of_spec(key.spec).ok_or_else(|| {
        Error::InvalidKeyUsage(format!(
            "{} is a {} key; {operation} needs an ML-KEM key (ML_KEM_512, ML_KEM_768, ML_KEM_1024)",
            kr.key_arn(&key.id),
            key.spec.name()
        ))
    })?;
    Ok((key, kem, secret))
}

/// `encapsulate`: a fresh shared secret and its ciphertext under the key's
/// public key.
pub fn encapsulate(
    kr: &Keyring,
    key_ref: &str,
    alg: EncapsulationAlgorithm,
) -> Result<EncapsulateResponse> {
    let (key, kem, secret) = kem_key(kr, key_ref, "Encapsulate")?;
    let (ciphertext, shared) = kem.encapsulate(&secret)?;
    Ok(EncapsulateResponse {
        key_id: kr.key_arn(&key.id),
        shared_secret: shared,
        shared_secret_ciphertext_blob: Base64(ciphertext),
        encapsulation_algorithm: alg,
    })
}

/// `decapsulate`: the shared secret of a ciphertext. Only a ciphertext of
/// the wrong length is refused; any other gives a secret, the right one or
/// (implicit rejection) an unrelated one, as in AWS.
pub fn decapsulate(
    kr: &Keyring,
    key_ref: &str,
    ciphertext: &[u8],
    alg: EncapsulationAlgorithm,
) -> Result<DecapsulateResponse> {
    let (key, kem, secret) = kem_key(kr, key_ref, "Decapsulate")?;
    let shared = kem.decapsulate(&secret, ciphertext)?;
    Ok(DecapsulateResponse {
        key_id: kr.key_arn(&key.id),
        shared_secret: shared,
        encapsulation_algorithm: alg,
    })
}
