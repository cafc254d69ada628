//! Key specs and usages, and which algorithms each allows (as AWS KMS has them).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The kind of key material a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum KeySpec {
    /// AES-256-GCM; the default.
    SymmetricDefault,
    /// RSA with a 2048-bit modulus.
    #[serde(rename = "RSA_2048")]
    Rsa2048,
    /// RSA with a 3072-bit modulus.
    #[serde(rename = "RSA_3072")]
    Rsa3072,
    /// RSA with a 4096-bit modulus.
    #[serde(rename = "RSA_4096")]
    Rsa4096,
    /// ECDSA on NIST P-256.
    #[serde(rename = "ECC_NIST_P256")]
    EccNistP256,
    /// ECDSA on NIST P-384.
    #[serde(rename = "ECC_NIST_P384")]
    EccNistP384,
    /// ECDSA on NIST P-521.
    #[serde(rename = "ECC_NIST_P521")]
    EccNistP521,
    /// ECDSA on secp256k1.
    #[serde(rename = "ECC_SECG_P256K1")]
    EccSecgP256k1,
    /// HMAC with SHA-224.
    #[serde(rename = "HMAC_224")]
    Hmac224,
    /// HMAC with SHA-256.
    #[serde(rename = "HMAC_256")]
    Hmac256,
    /// HMAC with SHA-384.
    #[serde(rename = "HMAC_384")]
    Hmac384,
    /// HMAC with SHA-512.
    #[serde(rename = "HMAC_512")]
    Hmac512,
    // ML-KEM (issue 17, branch kem).
    /// ML-KEM-512 key encapsulation (FIPS 203).
    #[serde(rename = "ML_KEM_512")]
    MlKem512,
    /// ML-KEM-768 key encapsulation (FIPS 203).
    #[serde(rename = "ML_KEM_768")]
    MlKem768,
    /// ML-KEM-1024 key encapsulation (FIPS 203).
    #[serde(rename = "ML_KEM_1024")]
    MlKem1024,
    /// Hybrid X25519 + ML-KEM-768 with X-Wing's combiner: an lkms
    /// extension (AWS KMS has no X25519 key), for files' public-key
    /// recipients.
    #[serde(rename = "X25519_ML_KEM_768")]
    X25519MlKem768,
    // Signing specs AWS added in 2025 (issue 17).
    /// EdDSA on edwards25519 (Ed25519, Ed25519ph).
    #[serde(rename = "ECC_NIST_EDWARDS25519")]
    EccNistEdwards25519,
    /// ML-DSA-44 (FIPS 204).
    #[serde(rename = "ML_DSA_44")]
    MlDsa44,
    /// ML-DSA-65 (FIPS 204).
    #[serde(rename = "ML_DSA_65")]
    MlDsa65,
    /// ML-DSA-87 (FIPS 204).
    #[serde(rename = "ML_DSA_87")]
    MlDsa87,
}

/// What a key may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum KeyUsage {
    /// Encrypt and decrypt.
    EncryptDecrypt,
    /// Sign and verify.
    SignVerify,
    /// Generate and verify MACs.
    GenerateVerifyMac,
    // ML-KEM (issue 17, branch kem).
    /// Encapsulate and decapsulate shared secrets (ML-KEM).
    EncapsulateDecapsulate,
    /// Derive shared secrets (ECDH), for NIST curves.
    KeyAgreement,
}

/// The broad family of a key spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFamily {
    /// AES-256.
    Symmetric,
    /// RSA.
    Rsa,
    /// Elliptic curve.
    Ecc,
    /// HMAC.
    Hmac,
    // ML-KEM (issue 17, branch kem).
    /// ML-KEM key encapsulation.
    MlKem,
    /// Hybrid X25519 + ML-KEM-768 (an lkms extension).
    Hybrid,
    /// EdDSA (Ed25519).
    EdDsa,
    /// ML-DSA.
    MlDsa,
}

impl KeySpec {
    /// Every spec, in AWS's documentation order.
    pub const ALL: [KeySpec; 20] = [
        KeySpec::SymmetricDefault,
        KeySpec::Rsa2048,
        KeySpec::Rsa3072,
        KeySpec::Rsa4096,
        KeySpec::EccNistP256,
        KeySpec::EccNistP384,
        KeySpec::EccNistP521,
        KeySpec::EccSecgP256k1,
        KeySpec::Hmac224,
        KeySpec::Hmac256,
        KeySpec::Hmac384,
        KeySpec::Hmac512,
        // ML-KEM (issue 17, branch kem).
        KeySpec::MlKem512,
        KeySpec::MlKem768,
        KeySpec::MlKem1024,
        KeySpec::X25519MlKem768,
        KeySpec::EccNistEdwards25519,
        KeySpec::MlDsa44,
        KeySpec::MlDsa65,
        KeySpec::MlDsa87,
    ];

    /// The AWS name, e.g. `RSA_2048`.
    pub fn name(self) -> &'static str {
        match self {
            KeySpec::SymmetricDefault => "SYMMETRIC_DEFAULT",
            KeySpec::Rsa2048 => "RSA_2048",
            KeySpec::Rsa3072 => "RSA_3072",
            KeySpec::Rsa4096 => "RSA_4096",
            KeySpec::EccNistP256 => "ECC_NIST_P256",
            KeySpec::EccNistP384 => "ECC_NIST_P384",
            KeySpec::EccNistP521 => "ECC_NIST_P521",
            KeySpec::EccSecgP256k1 => "ECC_SECG_P256K1",
            KeySpec::Hmac224 => "HMAC_224",
            KeySpec::Hmac256 => "HMAC_256",
            KeySpec::Hmac384 => "HMAC_384",
            KeySpec::Hmac512 => "HMAC_512",
            // ML-KEM (issue 17, branch kem).
            KeySpec::MlKem512 => "ML_KEM_512",
            KeySpec::MlKem768 => "ML_KEM_768",
            KeySpec::MlKem1024 => "ML_KEM_1024",
            KeySpec::X25519MlKem768 => "X25519_ML_KEM_768",
            KeySpec::EccNistEdwards25519 => "ECC_NIST_EDWARDS25519",
            KeySpec::MlDsa44 => "ML_DSA_44",
            KeySpec::MlDsa65 => "ML_DSA_65",
            KeySpec::MlDsa87 => "ML_DSA_87",
        }
    }

    /// The family of the spec.
    pub fn family(self) -> KeyFamily {
        match self {
            KeySpec::SymmetricDefault => KeyFamily::Symmetric,
            KeySpec::Rsa2048 | KeySpec::Rsa3072 | KeySpec::Rsa4096 => KeyFamily::Rsa,
            KeySpec::EccNistP256
            | KeySpec::EccNistP384
            | KeySpec::EccNistP521
            | KeySpec::EccSecgP256k1 => KeyFamily::Ecc,
            KeySpec::Hmac224 | KeySpec::Hmac256 | KeySpec::Hmac384 | KeySpec::Hmac512 => {
                KeyFamily::Hmac
            }
            // ML-KEM (issue 17, branch kem).
            KeySpec::MlKem512 | KeySpec::MlKem768 | KeySpec::MlKem1024 => KeyFamily::MlKem,
            KeySpec::X25519MlKem768 => KeyFamily::Hybrid,
            KeySpec::EccNistEdwards25519 => KeyFamily::EdDsa,
            KeySpec::MlDsa44 | KeySpec::MlDsa65 | KeySpec::MlDsa87 => KeyFamily::MlDsa,
        }
    }

    /// The usages AWS allows for the spec; the first is the default.
    pub fn allowed_usages(self) -> &'static [KeyUsage] {
        match self.family() {
            KeyFamily::Symmetric => &[KeyUsage::EncryptDecrypt],
            KeyFamily::Rsa => &[KeyUsage::EncryptDecrypt, KeyUsage::SignVerify],
            // AWS offers ECDH on the NIST curves only, not on secp256k1.
            KeyFamily::Ecc if self == KeySpec::EccSecgP256k1 => &[KeyUsage::SignVerify],
            KeyFamily::Ecc => &[KeyUsage::SignVerify, KeyUsage::KeyAgreement],
            KeyFamily::Hmac => &[KeyUsage::GenerateVerifyMac],
            // ML-KEM (issue 17, branch kem).
            KeyFamily::MlKem | KeyFamily::Hybrid => &[KeyUsage::EncapsulateDecapsulate],
            KeyFamily::EdDsa | KeyFamily::MlDsa => &[KeyUsage::SignVerify],
        }
    }

    /// Checks a requested usage against the spec, or picks the default usage.
    ///
    /// AWS defaults KeyUsage to ENCRYPT_DECRYPT and then refuses it for ECC and
    /// HMAC specs; lkms instead defaults to the one usage those specs allow,
    /// which is what every such request means.
    pub fn usage_for(self, requested: Option<KeyUsage>) -> Result<KeyUsage> {
        let allowed = self.allowed_usages();
        match requested {
            None => Ok(allowed[0]),
            Some(u) if allowed.contains(&u) => Ok(u),
            Some(u) => Err(Error::validation(format!(
                "KeyUsage {} is not compatible with KeySpec {}; allowed: {}",
                u.name(),
                self.name(),
                allowed
                    .iter()
                    .map(|u| u.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The spec under its deprecated name CustomerMasterKeySpec, which AWS
    /// gives only for the specs that name had (none of the post-2024 ones).
    pub fn customer_master_key_spec(self) -> Option<KeySpec> {
        match self.family() {
            // ML-KEM (issue 17, branch kem).
            KeyFamily::MlKem | KeyFamily::Hybrid => None,
            KeyFamily::EdDsa | KeyFamily::MlDsa => None,
            _ => Some(self),
        }
    }

    /// Whether AWS rotates this spec's material (only symmetric keys).
    pub fn is_rotatable(self) -> bool {
        self.family() == KeyFamily::Symmetric
    }

    /// Length in bytes of raw symmetric or HMAC material; `None` for asymmetric specs.
    pub fn raw_material_len(self) -> Option<usize> {
        match self {
            KeySpec::SymmetricDefault => Some(32),
            KeySpec::Hmac224 => Some(28),
            KeySpec::Hmac256 => Some(32),
            KeySpec::Hmac384 => Some(48),
            KeySpec::Hmac512 => Some(64),
            _ => None,
        }
    }
}

impl KeyUsage {
    /// The AWS name, e.g. `SIGN_VERIFY`.
    pub fn name(self) -> &'static str {
        match self {
            KeyUsage::EncryptDecrypt => "ENCRYPT_DECRYPT",
            KeyUsage::SignVerify => "SIGN_VERIFY",
            KeyUsage::GenerateVerifyMac => "GENERATE_VERIFY_MAC",
            // ML-KEM (issue 17, branch kem).
            KeyUsage::EncapsulateDecapsulate => "ENCAPSULATE_DECAPSULATE",
            KeyUsage::KeyAgreement => "KEY_AGREEMENT",
        }
    }
}

/// An encryption algorithm of `encrypt` / `decrypt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EncryptionAlgorithm {
    /// AES-256-GCM, for symmetric keys.
    SymmetricDefault,
    /// RSA-OAEP with SHA-1.
    #[serde(rename = "RSAES_OAEP_SHA_1")]
    RsaesOaepSha1,
    /// RSA-OAEP with SHA-256.
    #[serde(rename = "RSAES_OAEP_SHA_256")]
    RsaesOaepSha256,
}

impl EncryptionAlgorithm {
    /// The AWS names, for parsers and help.
    pub const NAMES: &'static [&'static str] = &[
        "SYMMETRIC_DEFAULT",
        "RSAES_OAEP_SHA_1",
        "RSAES_OAEP_SHA_256",
    ];

    /// The AWS name.
    pub fn name(self) -> &'static str {
        match self {
            EncryptionAlgorithm::SymmetricDefault => "SYMMETRIC_DEFAULT",
            EncryptionAlgorithm::RsaesOaepSha1 => "RSAES_OAEP_SHA_1",
            EncryptionAlgorithm::RsaesOaepSha256 => "RSAES_OAEP_SHA_256",
        }
    }
}

/// The algorithms a key of a given spec and usage offers, as `describe-key` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithms {
    /// EncryptionAlgorithms.
    Encryption(&'static [&'static str]),
    /// SigningAlgorithms.
    Signing(&'static [&'static str]),
    /// MacAlgorithms.
    Mac(&'static [&'static str]),
    // ML-KEM (issue 17, branch kem).
    /// EncapsulationAlgorithms.
    Encapsulation(&'static [&'static str]),
    /// KeyAgreementAlgorithms.
    KeyAgreement(&'static [&'static str]),
}

const RSA_SIGNING: &[&str] = &[
    "RSASSA_PSS_SHA_256",
    "RSASSA_PSS_SHA_384",
    "RSASSA_PSS_SHA_512",
    "RSASSA_PKCS1_V1_5_SHA_256",
    "RSASSA_PKCS1_V1_5_SHA_384",
    "RSASSA_PKCS1_V1_5_SHA_512",
];

/// The algorithms of a spec used for a usage (the pair is assumed valid).
pub fn algorithms(spec: KeySpec, usage: KeyUsage) -> Algorithms {
    match (spec, usage) {
        (KeySpec::SymmetricDefault, _) => Algorithms::Encryption(&["SYMMETRIC_DEFAULT"]),
        // ML-KEM (issue 17, branch kem).
        (KeySpec::MlKem512 | KeySpec::MlKem768 | KeySpec::MlKem1024, _) => {
            Algorithms::Encapsulation(&["ML_KEM"])
        }
        (KeySpec::X25519MlKem768, _) => Algorithms::Encapsulation(&["X_WING"]),
        (_, KeyUsage::KeyAgreement) => Algorithms::KeyAgreement(&["ECDH"]),
        (_, KeyUsage::EncryptDecrypt) => {
            Algorithms::Encryption(&["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"])
        }
        (KeySpec::Rsa2048 | KeySpec::Rsa3072 | KeySpec::Rsa4096, _) => {
            Algorithms::Signing(RSA_SIGNING)
        }
        (KeySpec::EccNistP256 | KeySpec::EccSecgP256k1, _) => {
            Algorithms::Signing(&["ECDSA_SHA_256"])
        }
        (KeySpec::EccNistP384, _) => Algorithms::Signing(&["ECDSA_SHA_384"]),
        (KeySpec::EccNistP521, _) => Algorithms::Signing(&["ECDSA_SHA_512"]),
        (KeySpec::Hmac224, _) => Algorithms::Mac(&["HMAC_SHA_224"]),
        (KeySpec::Hmac256, _) => Algorithms::Mac(&["HMAC_SHA_256"]),
        (KeySpec::Hmac384, _) => Algorithms::Mac(&["HMAC_SHA_384"]),
        (KeySpec::Hmac512, _) => Algorithms::Mac(&["HMAC_SHA_512"]),
        (KeySpec::EccNistEdwards25519, _) => {
            Algorithms::Signing(&["ED25519_SHA_512", "ED25519_PH_SHA_512"])
        }
        (KeySpec::MlDsa44 | KeySpec::MlDsa65 | KeySpec::MlDsa87, _) => {
            Algorithms::Signing(&["ML_DSA_SHAKE_256"])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_match_aws_names() {
        for spec in KeySpec::ALL {
            let json = serde_json::to_string(&spec).expect("serialize");
            assert_eq!(json, format!("\"{}\"", spec.name()));
        }
        for u in [
            KeyUsage::EncryptDecrypt,
            KeyUsage::SignVerify,
            KeyUsage::GenerateVerifyMac,
            KeyUsage::EncapsulateDecapsulate,
            KeyUsage::KeyAgreement,
        ] {
            let json = serde_json::to_string(&u).expect("serialize");
            assert_eq!(json, format!("\"{}\"", u.name()));
        }
    }

    #[test]
    fn mismatched_usage_is_refused() {
        assert!(
            KeySpec::SymmetricDefault
                .usage_for(Some(KeyUsage::SignVerify))
                .is_err()
        );
        assert!(
            KeySpec::EccNistP256
                .usage_for(Some(KeyUsage::EncryptDecrypt))
                .is_err()
        );
        assert!(
            KeySpec::Hmac256
                .usage_for(Some(KeyUsage::SignVerify))
                .is_err()
        );
        assert_eq!(
            KeySpec::EccNistP256.usage_for(None).ok(),
            Some(KeyUsage::SignVerify)
        );
        assert_eq!(
            KeySpec::Rsa2048.usage_for(Some(KeyUsage::SignVerify)).ok(),
            Some(KeyUsage::SignVerify)
        );
        // ML-KEM (issue 17, branch kem).
        assert_eq!(
            KeySpec::MlKem768.usage_for(None).ok(),
            Some(KeyUsage::EncapsulateDecapsulate)
        );
        assert!(
            KeySpec::MlKem512
                .usage_for(Some(KeyUsage::EncryptDecrypt))
                .is_err()
        );
        assert!(
            KeySpec::Rsa2048
                .usage_for(Some(KeyUsage::EncapsulateDecapsulate))
                .is_err()
        );
        assert_eq!(KeySpec::MlKem1024.customer_master_key_spec(), None);
        assert_eq!(
            KeySpec::Rsa2048.customer_master_key_spec(),
            Some(KeySpec::Rsa2048)
        );
    }

    #[test]
    fn key_agreement_is_for_nist_curves_only() {
        for spec in [
            KeySpec::EccNistP256,
            KeySpec::EccNistP384,
            KeySpec::EccNistP521,
        ] {
            assert_eq!(
                spec.usage_for(Some(KeyUsage::KeyAgreement)).ok(),
                Some(KeyUsage::KeyAgreement)
            );
            assert_eq!(
                algorithms(spec, KeyUsage::KeyAgreement),
                Algorithms::KeyAgreement(&["ECDH"])
            );
        }
        for spec in [
            KeySpec::EccSecgP256k1,
            KeySpec::EccNistEdwards25519,
            KeySpec::MlDsa65,
            KeySpec::Rsa2048,
            KeySpec::SymmetricDefault,
        ] {
            assert!(
                spec.usage_for(Some(KeyUsage::KeyAgreement)).is_err(),
                "{spec:?}"
            );
        }
        assert_eq!(
            KeySpec::EccNistEdwards25519.usage_for(None).ok(),
            Some(KeyUsage::SignVerify)
        );
        assert!(
            KeySpec::MlDsa44
                .usage_for(Some(KeyUsage::EncryptDecrypt))
                .is_err()
        );
    }
}
