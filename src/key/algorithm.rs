//! Signing, MAC and key-pair algorithms, and which key specs allow them (as
//! AWS KMS has it).

use serde::{Deserialize, Serialize};

use super::spec::KeySpec;
use crate::error::{Error, Result};

/// A signing algorithm of `sign` / `verify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs, non_camel_case_types)]
pub enum SigningAlgorithm {
    RSASSA_PSS_SHA_256,
    RSASSA_PSS_SHA_384,
    RSASSA_PSS_SHA_512,
    RSASSA_PKCS1_V1_5_SHA_256,
    RSASSA_PKCS1_V1_5_SHA_384,
    RSASSA_PKCS1_V1_5_SHA_512,
    ECDSA_SHA_256,
    ECDSA_SHA_384,
    ECDSA_SHA_512,
    // Issue 17: ML-DSA and Ed25519.
    ML_DSA_SHAKE_256,
    ED25519_SHA_512,
    ED25519_PH_SHA_512,
}

/// The hash a signing or MAC algorithm uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl Hash {
    /// Digest length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

impl SigningAlgorithm {
    /// The AWS names, for parsers and help.
    pub const NAMES: &'static [&'static str] = &[
        "RSASSA_PSS_SHA_256",
        "RSASSA_PSS_SHA_384",
        "RSASSA_PSS_SHA_512",
        "RSASSA_PKCS1_V1_5_SHA_256",
        "RSASSA_PKCS1_V1_5_SHA_384",
        "RSASSA_PKCS1_V1_5_SHA_512",
        "ECDSA_SHA_256",
        "ECDSA_SHA_384",
        "ECDSA_SHA_512",
        "ML_DSA_SHAKE_256",
        "ED25519_SHA_512",
        "ED25519_PH_SHA_512",
    ];

    /// The AWS name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The hash a DIGEST message is made with; `None` for ML-DSA, whose
    /// SHAKE-256 is inside the algorithm (its pre-hashed input is EXTERNAL_MU).
    pub fn hash(self) -> Option<Hash> {
        use SigningAlgorithm::*;
        match self {
            RSASSA_PSS_SHA_256 | RSASSA_PKCS1_V1_5_SHA_256 | ECDSA_SHA_256 => Some(Hash::Sha256),
            RSASSA_PSS_SHA_384 | RSASSA_PKCS1_V1_5_SHA_384 | ECDSA_SHA_384 => Some(Hash::Sha384),
            RSASSA_PSS_SHA_512 | RSASSA_PKCS1_V1_5_SHA_512 | ECDSA_SHA_512 => Some(Hash::Sha512),
            ED25519_SHA_512 | ED25519_PH_SHA_512 => Some(Hash::Sha512),
            ML_DSA_SHAKE_256 => None,
        }
    }

    /// Checks that the algorithm takes this message type, as AWS documents:
    /// ED25519_SHA_512 only RAW, ED25519_PH_SHA_512 only DIGEST, ML-DSA RAW
    /// or EXTERNAL_MU, the others RAW or DIGEST.
    pub fn check_message_type(self, kind: MessageType) -> Result<()> {
        use SigningAlgorithm::*;
        let allowed: &[MessageType] = match self {
            ED25519_SHA_512 => &[MessageType::Raw],
            ED25519_PH_SHA_512 => &[MessageType::Digest],
            ML_DSA_SHAKE_256 => &[MessageType::Raw, MessageType::ExternalMu],
            _ => &[MessageType::Raw, MessageType::Digest],
        };
        if allowed.contains(&kind) {
            return Ok(());
        }
        Err(Error::validation(format!(
            "{} takes MessageType {}, not {}",
            self.name(),
            allowed
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(" or "),
            kind.name()
        )))
    }

    /// Checks that a key of `spec` may use this algorithm, as AWS allows.
    pub fn check_spec(self, spec: KeySpec) -> Result<()> {
        let allowed = match super::algorithms(spec, super::KeyUsage::SignVerify) {
            super::Algorithms::Signing(a) => a,
            _ => &[],
        };
        if allowed.contains(&self.name()) {
            Ok(())
        } else {
            Err(Error::InvalidKeyUsage(format!(
                "{} keys cannot use {}; they sign with {}",
                spec.name(),
                self.name(),
                allowed.join(", ")
            )))
        }
    }
}

/// Whether `sign`/`verify` get the message itself or its digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessageType {
    /// The message; lkms hashes it (at most 4096 bytes).
    #[default]
    Raw,
    /// The digest, already computed with the algorithm's hash.
    Digest,
    /// ML-DSA's 64-byte message representative mu (FIPS 204, section 6.2).
    ExternalMu,
}

impl MessageType {
    /// The AWS names, for parsers and help.
    pub const NAMES: &'static [&'static str] = &["RAW", "DIGEST", "EXTERNAL_MU"];

    /// The AWS name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A MAC algorithm of `generate-mac` / `verify-mac`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs, non_camel_case_types)]
pub enum MacAlgorithm {
    HMAC_SHA_224,
    HMAC_SHA_256,
    HMAC_SHA_384,
    HMAC_SHA_512,
}

impl MacAlgorithm {
    /// The AWS names, for parsers and help.
    pub const NAMES: &'static [&'static str] = &[
        "HMAC_SHA_224",
        "HMAC_SHA_256",
        "HMAC_SHA_384",
        "HMAC_SHA_512",
    ];

    /// The AWS name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The hash of the algorithm.
    pub fn hash(self) -> Hash {
        match self {
            MacAlgorithm::HMAC_SHA_224 => Hash::Sha224,
            MacAlgorithm::HMAC_SHA_256 => Hash::Sha256,
            MacAlgorithm::HMAC_SHA_384 => Hash::Sha384,
            MacAlgorithm::HMAC_SHA_512 => Hash::Sha512,
        }
    }

    /// The one algorithm an HMAC key spec allows, as in AWS.
    pub fn for_spec(spec: KeySpec) -> Option<MacAlgorithm> {
        match spec {
            KeySpec::Hmac224 => Some(MacAlgorithm::HMAC_SHA_224),
            KeySpec::Hmac256 => Some(MacAlgorithm::HMAC_SHA_256),
            KeySpec::Hmac384 => Some(MacAlgorithm::HMAC_SHA_384),
            KeySpec::Hmac512 => Some(MacAlgorithm::HMAC_SHA_512),
            _ => None,
        }
    }
}

/// A key agreement algorithm of `derive-shared-secret` (issue 17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs, clippy::upper_case_acronyms)]
pub enum KeyAgreementAlgorithm {
    /// Elliptic Curve Cofactor Diffie-Hellman (SP 800-56A), the raw x-coordinate.
    ECDH,
}

impl KeyAgreementAlgorithm {
    /// The AWS names, for parsers and help.
    pub const NAMES: &'static [&'static str] = &["ECDH"];
}

/// The spec of a data key pair (`generate-data-key-pair`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs, non_camel_case_types)]
pub enum KeyPairSpec {
    RSA_2048,
    RSA_3072,
    RSA_4096,
    ECC_NIST_P256,
    ECC_NIST_P384,
    ECC_NIST_P521,
    ECC_SECG_P256K1,
    // ML-KEM (issue 17, branch kem).
    ML_KEM_512,
    ML_KEM_768,
    ML_KEM_1024,
    // Issue 17.
    ECC_NIST_EDWARDS25519,
}

impl KeyPairSpec {
    /// The AWS names, for parsers and help.
    pub const NAMES: &'static [&'static str] = &[
        "RSA_2048",
        "RSA_3072",
        "RSA_4096",
        "ECC_NIST_P256",
        "ECC_NIST_P384",
        "ECC_NIST_P521",
        "ECC_SECG_P256K1",
        // ML-KEM (issue 17, branch kem).
        "ML_KEM_512",
        "ML_KEM_768",
        "ML_KEM_1024",
        "ECC_NIST_EDWARDS25519",
    ];

    /// The key spec of the same name.
    pub fn key_spec(self) -> KeySpec {
        match self {
            KeyPairSpec::RSA_2048 => KeySpec::Rsa2048,
            KeyPairSpec::RSA_3072 => KeySpec::Rsa3072,
            KeyPairSpec::RSA_4096 => KeySpec::Rsa4096,
            KeyPairSpec::ECC_NIST_P256 => KeySpec::EccNistP256,
            KeyPairSpec::ECC_NIST_P384 => KeySpec::EccNistP384,
            KeyPairSpec::ECC_NIST_P521 => KeySpec::EccNistP521,
            KeyPairSpec::ECC_SECG_P256K1 => KeySpec::EccSecgP256k1,
            // ML-KEM (issue 17, branch kem).
            KeyPairSpec::ML_KEM_512 => KeySpec::MlKem512,
            KeyPairSpec::ML_KEM_768 => KeySpec::MlKem768,
            KeyPairSpec::ML_KEM_1024 => KeySpec::MlKem1024,
            KeyPairSpec::ECC_NIST_EDWARDS25519 => KeySpec::EccNistEdwards25519,
        }
    }
}

// ML-KEM (issue 17, branch kem).
/// A key encapsulation algorithm of `encapsulate` / `decapsulate`: AWS
/// names one, for every ML-KEM key spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[allow(non_camel_case_types)]
pub enum EncapsulationAlgorithm {
    /// ML-KEM (FIPS 203), at the key's parameter set.
    ML_KEM,
}

impl EncapsulationAlgorithm {
    /// The AWS names, for parsers and help.
    pub const NAMES: &'static [&'static str] = &["ML_KEM"];

    /// The AWS name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for (i, n) in SigningAlgorithm::NAMES.iter().enumerate() {
            let a: SigningAlgorithm =
                serde_json::from_value(serde_json::Value::String(n.to_string())).expect("parse");
            assert_eq!(a as usize, i);
            assert_eq!(a.name(), *n);
        }
        for n in MacAlgorithm::NAMES {
            let a: MacAlgorithm =
                serde_json::from_value(serde_json::Value::String(n.to_string())).expect("parse");
            assert_eq!(a.name(), *n);
        }
        for n in KeyPairSpec::NAMES {
            let a: KeyPairSpec =
                serde_json::from_value(serde_json::Value::String(n.to_string())).expect("parse");
            assert_eq!(a.key_spec().name(), *n);
        }
    }

    #[test]
    fn message_types_follow_aws() {
        use MessageType::*;
        use SigningAlgorithm::*;
        assert!(ED25519_SHA_512.check_message_type(Raw).is_ok());
        assert!(ED25519_SHA_512.check_message_type(Digest).is_err());
        assert!(ED25519_PH_SHA_512.check_message_type(Digest).is_ok());
        assert!(ED25519_PH_SHA_512.check_message_type(Raw).is_err());
        assert!(ML_DSA_SHAKE_256.check_message_type(ExternalMu).is_ok());
        assert!(ML_DSA_SHAKE_256.check_message_type(Digest).is_err());
        assert!(ECDSA_SHA_256.check_message_type(ExternalMu).is_err());
        for (i, n) in MessageType::NAMES.iter().enumerate() {
            let t: MessageType =
                serde_json::from_value(serde_json::Value::String(n.to_string())).expect("parse");
            assert_eq!(t as usize, i);
        }
    }

    #[test]
    fn spec_algorithm_pairs_follow_aws() {
        for spec in [KeySpec::MlDsa44, KeySpec::MlDsa65, KeySpec::MlDsa87] {
            assert!(SigningAlgorithm::ML_DSA_SHAKE_256.check_spec(spec).is_ok());
            assert!(SigningAlgorithm::ED25519_SHA_512.check_spec(spec).is_err());
        }
        assert!(
            SigningAlgorithm::ED25519_PH_SHA_512
                .check_spec(KeySpec::EccNistEdwards25519)
                .is_ok()
        );
        assert!(
            SigningAlgorithm::ECDSA_SHA_512
                .check_spec(KeySpec::EccNistEdwards25519)
                .is_err()
        );
        assert!(
            SigningAlgorithm::ECDSA_SHA_256
                .check_spec(KeySpec::EccNistP256)
                .is_ok()
        );
        assert!(
            SigningAlgorithm::ECDSA_SHA_384
                .check_spec(KeySpec::EccNistP256)
                .is_err()
        );
        assert!(
            SigningAlgorithm::ECDSA_SHA_256
                .check_spec(KeySpec::EccSecgP256k1)
                .is_ok()
        );
        assert!(
            SigningAlgorithm::RSASSA_PSS_SHA_512
                .check_spec(KeySpec::Rsa2048)
                .is_ok()
        );
        assert!(
            SigningAlgorithm::ECDSA_SHA_512
                .check_spec(KeySpec::Rsa2048)
                .is_err()
        );
    }
}
