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
    ];

    /// The AWS name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The hash of the algorithm.
    pub fn hash(self) -> Hash {
        use SigningAlgorithm::*;
        match self {
            RSASSA_PSS_SHA_256 | RSASSA_PKCS1_V1_5_SHA_256 | ECDSA_SHA_256 => Hash::Sha256,
            RSASSA_PSS_SHA_384 | RSASSA_PKCS1_V1_5_SHA_384 | ECDSA_SHA_384 => Hash::Sha384,
            RSASSA_PSS_SHA_512 | RSASSA_PKCS1_V1_5_SHA_512 | ECDSA_SHA_512 => Hash::Sha512,
        }
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
    fn spec_algorithm_pairs_follow_aws() {
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
