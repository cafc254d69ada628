//! Asymmetric and HMAC operations: public keys, signatures, MACs and data
//! key pairs.

use serde::Serialize;

use crate::asym;
use crate::context::EncryptionContext;
use crate::encoding::Base64;
use crate::error::{Error, Result};
use crate::key::{
    Algorithms, Key, KeyAgreementAlgorithm, KeyFamily, KeyPairSpec, KeySpec, KeyUsage,
    MacAlgorithm, MessageType, Origin, SigningAlgorithm, algorithms, generate_secret,
};
use crate::keyring::Keyring;
use crate::secret::SecretBytes;

/// The most bytes `generate-mac` / `verify-mac` take, as in AWS.
pub const MAX_MAC_MESSAGE: usize = 4096;

/// Response of `get-public-key`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetPublicKeyResponse {
    /// ARN of the key.
    pub key_id: String,
    /// DER SubjectPublicKeyInfo.
    pub public_key: Base64,
    /// Deprecated twin of KeySpec (absent for the specs it never had).
    /// Deprecated twin of KeySpec.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_master_key_spec: Option<KeySpec>,
    /// The spec.
    pub key_spec: KeySpec,
    /// The usage.
    pub key_usage: KeyUsage,
    /// For encryption keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_algorithms: Option<&'static [&'static str]>,
    /// For signing keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_algorithms: Option<&'static [&'static str]>,
    /// For key agreement keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_agreement_algorithms: Option<&'static [&'static str]>,
    /// For ML-KEM keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encapsulation_algorithms: Option<&'static [&'static str]>,
}

/// Response of `sign`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignResponse {
    /// ARN of the key.
    pub key_id: String,
    /// The signature (DER for ECDSA).
    pub signature: Base64,
    /// The algorithm.
    pub signing_algorithm: SigningAlgorithm,
}

/// Response of `verify`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifyResponse {
    /// ARN of the key.
    pub key_id: String,
    /// Always true: an invalid signature is an error.
    pub signature_valid: bool,
    /// The algorithm.
    pub signing_algorithm: SigningAlgorithm,
}

/// Response of `generate-mac`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateMacResponse {
    /// The MAC.
    pub mac: Base64,
    /// The algorithm.
    pub mac_algorithm: MacAlgorithm,
    /// ARN of the key.
    pub key_id: String,
}

/// Response of `verify-mac`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifyMacResponse {
    /// ARN of the key.
    pub key_id: String,
    /// Always true: an invalid MAC is an error.
    pub mac_valid: bool,
    /// The algorithm.
    pub mac_algorithm: MacAlgorithm,
}

/// Response of `generate-data-key-pair` (the plaintext private key is
/// omitted by the `-without-plaintext` variant).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateDataKeyPairResponse {
    /// The PKCS#8 private key encrypted under the CMK.
    pub private_key_ciphertext_blob: Base64,
    /// The PKCS#8 DER private key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_key_plaintext: Option<SecretBytes>,
    /// The DER SubjectPublicKeyInfo.
    pub public_key: Base64,
    /// ARN of the CMK.
    pub key_id: String,
    /// The pair's spec.
    pub key_pair_spec: KeyPairSpec,
}

/// Response of `derive-shared-secret`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeriveSharedSecretResponse {
    /// ARN of the key.
    pub key_id: String,
    /// The raw shared secret (the x-coordinate of the shared point).
    pub shared_secret: SecretBytes,
    /// The algorithm.
    pub key_agreement_algorithm: KeyAgreementAlgorithm,
    /// Where the key's material came from.
    pub key_origin: Origin,
}

/// An enabled key of `usage` with material, for `operation`.
pub(super) fn usable(
    kr: &Keyring,
    key_ref: &str,
    usage: KeyUsage,
    operation: &'static str,
) -> Result<(Key, SecretBytes)> {
    let key = kr.resolve_authorized(key_ref, operation, None)?;
    kr.check_usable(&key, operation)?;
    if key.usage != usage {
        return Err(Error::InvalidKeyUsage(format!(
            "{} has KeyUsage {}; {operation} needs {}",
            kr.key_arn(&key.id),
            key.usage.name(),
            usage.name()
        )));
    }
    let secret = super::crypt::secret_of(kr, &key, key.current_material(), operation)?.clone();
    Ok((key, secret))
}

/// `get-public-key`.
pub fn get_public_key(kr: &Keyring, key_ref: &str) -> Result<GetPublicKeyResponse> {
    let key = kr.resolve_authorized(key_ref, "GetPublicKey", None)?;
    if !matches!(
        key.spec.family(),
        KeyFamily::Rsa
            | KeyFamily::Ecc
            | KeyFamily::MlKem
            | KeyFamily::Hybrid
            | KeyFamily::EdDsa
            | KeyFamily::MlDsa
    ) {
        return Err(Error::UnsupportedOperation(format!(
            "{} is a {} key, which has no public key",
            kr.key_arn(&key.id),
            key.spec.name()
        )));
    }
    // AWS refuses GetPublicKey on disabled keys and keys pending deletion too.
    kr.check_usable(&key, "GetPublicKey")?;
    let secret = super::crypt::secret_of(kr, &key, key.current_material(), "GetPublicKey")?;
    let (enc, sig, kem, agree) = match algorithms(key.spec, key.usage) {
        Algorithms::Encryption(a) => (Some(a), None, None, None),
        Algorithms::Signing(a) => (None, Some(a), None, None),
        Algorithms::Mac(_) => (None, None, None, None),
        Algorithms::Encapsulation(a) => (None, None, Some(a), None),
        Algorithms::KeyAgreement(a) => (None, None, None, Some(a)),
    };
    Ok(GetPublicKeyResponse {
        key_id: kr.key_arn(&key.id),
        public_key: Base64(asym::public_key_der(key.spec, secret)?),
        customer_master_key_spec: key.spec.customer_master_key_spec(),
        key_spec: key.spec,
        key_usage: key.usage,
        encryption_algorithms: enc,
        signing_algorithms: sig,
        key_agreement_algorithms: agree,
        encapsulation_algorithms: kem,
    })
}

/// `sign`.
pub fn sign(
    kr: &Keyring,
    key_ref: &str,
    message: &[u8],
    message_type: MessageType,
    alg: SigningAlgorithm,
) -> Result<SignResponse> {
    let (key, secret) = usable(kr, key_ref, KeyUsage::SignVerify, "Sign")?;
    let signature = asym::sign(key.spec, &secret, alg, message, message_type)?;
    Ok(SignResponse {
        key_id: kr.key_arn(&key.id),
        signature: Base64(signature),
        signing_algorithm: alg,
    })
}

/// `verify`: an invalid signature is `KMSInvalidSignatureException`.
pub fn verify(
    kr: &Keyring,
    key_ref: &str,
    message: &[u8],
    message_type: MessageType,
    signature: &[u8],
    alg: SigningAlgorithm,
) -> Result<VerifyResponse> {
    let (key, secret) = usable(kr, key_ref, KeyUsage::SignVerify, "Verify")?;
    if !asym::verify(key.spec, &secret, alg, message, message_type, signature)? {
        return Err(Error::InvalidSignature(format!(
            "the signature does not verify with {} and {}",
            kr.key_arn(&key.id),
            alg.name()
        )));
    }
    Ok(VerifyResponse {
        key_id: kr.key_arn(&key.id),
        signature_valid: true,
        signing_algorithm: alg,
    })
}

fn mac_key(
    kr: &Keyring,
    key_ref: &str,
    message: &[u8],
    alg: MacAlgorithm,
    operation: &'static str,
) -> Result<(Key, SecretBytes)> {
    let (key, secret) = usable(kr, key_ref, KeyUsage::GenerateVerifyMac, operation)?;
    if MacAlgorithm::for_spec(key.spec) != Some(alg) {
        return Err(Error::InvalidKeyUsage(format!(
            "{} keys cannot use {}",
            key.spec.name(),
            alg.name()
        )));
    }
    if message.is_empty() || message.len() > MAX_MAC_MESSAGE {
        return Err(Error::validation(format!(
            "the message must be 1 to {MAX_MAC_MESSAGE} bytes; it is {}",
            message.len()
        )));
    }
    Ok((key, secret))
}

/// `generate-mac`.
pub fn generate_mac(
    kr: &Keyring,
    key_ref: &str,
    message: &[u8],
    alg: MacAlgorithm,
) -> Result<GenerateMacResponse> {
    let (key, secret) = mac_key(kr, key_ref, message, alg, "GenerateMac")?;
    Ok(GenerateMacResponse {
        mac: Base64(asym::mac(&secret, alg, message)),
        mac_algorithm: alg,
        key_id: kr.key_arn(&key.id),
    })
}

/// `verify-mac`: constant-time; a wrong MAC is `KMSInvalidMacException`.
pub fn verify_mac(
    kr: &Keyring,
    key_ref: &str,
    message: &[u8],
    mac: &[u8],
    alg: MacAlgorithm,
) -> Result<VerifyMacResponse> {
    let (key, secret) = mac_key(kr, key_ref, message, alg, "VerifyMac")?;
    if !asym::verify_mac(&secret, alg, message, mac) {
        return Err(Error::InvalidMac(format!(
            "the MAC does not verify with {} and {}",
            kr.key_arn(&key.id),
            alg.name()
        )));
    }
    Ok(VerifyMacResponse {
        key_id: kr.key_arn(&key.id),
        mac_valid: true,
        mac_algorithm: alg,
    })
}

/// `derive-shared-secret`: ECDH of a KEY_AGREEMENT key's private key with a
/// peer's public key (DER SubjectPublicKeyInfo).
pub fn derive_shared_secret(
    kr: &Keyring,
    key_ref: &str,
    alg: KeyAgreementAlgorithm,
    peer_public_key: &[u8],
) -> Result<DeriveSharedSecretResponse> {
    let (key, secret) = usable(kr, key_ref, KeyUsage::KeyAgreement, "DeriveSharedSecret")?;
    let shared_secret = asym::derive_shared_secret(key.spec, &secret, peer_public_key)?;
    Ok(DeriveSharedSecretResponse {
        key_id: kr.key_arn(&key.id),
        shared_secret,
        key_agreement_algorithm: alg,
        key_origin: key.origin,
    })
}

/// `generate-data-key-pair` (`with_plaintext`) and its `-without-plaintext`
/// twin: a fresh key pair whose private key is encrypted under a symmetric CMK.
pub fn generate_data_key_pair(
    kr: &Keyring,
    key_ref: &str,
    spec: KeyPairSpec,
    ctx: &EncryptionContext,
    with_plaintext: bool,
) -> Result<GenerateDataKeyPairResponse> {
    let operation = if with_plaintext {
        "GenerateDataKeyPair"
    } else {
        "GenerateDataKeyPairWithoutPlaintext"
    };
    let private_key = generate_secret(spec.key_spec())?;
    let public = asym::public_key_der(spec.key_spec(), &private_key)?;
    let wrapped = super::generate_data_key_for(kr, key_ref, ctx, &private_key, operation)?;
    Ok(GenerateDataKeyPairResponse {
        private_key_ciphertext_blob: Base64(wrapped.0),
        private_key_plaintext: with_plaintext.then_some(private_key),
        public_key: Base64(public),
        key_id: wrapped.1,
        key_pair_spec: spec,
    })
}
