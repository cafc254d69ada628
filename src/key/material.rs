//! Backing key material: versions of a key's secret, and their generation.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::spec::{KeyFamily, KeySpec};
use crate::error::{Error, Result};
use crate::secret::SecretBytes;

/// Identifies one version of a key's material, as AWS's KeyMaterialId: 32
/// random bytes, shown as 64 hex digits. Ciphertexts carry the raw bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyMaterialId([u8; 32]);

impl KeyMaterialId {
    /// A fresh random id.
    pub fn random() -> Self {
        let mut b = [0u8; 32];
        crate::crypto::fill_random(&mut b);
        KeyMaterialId(b)
    }

    /// The raw bytes, as ciphertexts carry them.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The id from its raw bytes.
    pub fn from_bytes(b: [u8; 32]) -> Self {
        KeyMaterialId(b)
    }
}

impl fmt::Display for KeyMaterialId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl FromStr for KeyMaterialId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        crate::encoding::parse_hex32(s)
            .map(KeyMaterialId)
            .ok_or_else(|| {
                Error::validation(format!("{s:?} is not a key material id (64 hex digits)"))
            })
    }
}

impl Serialize for KeyMaterialId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KeyMaterialId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How a material version came to be current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RotationType {
    /// Rotated by the schedule.
    Automatic,
    /// Rotated by `rotate-key-on-demand`.
    OnDemand,
}

/// One version of a key's material.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyMaterial {
    /// The version's id, named in every ciphertext made with it.
    pub id: KeyMaterialId,
    /// When the version was made.
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    /// How it became current; `None` for a key's first material.
    pub rotation: Option<RotationType>,
    /// The secret: raw bytes for symmetric and HMAC keys, PKCS#8 DER for
    /// asymmetric keys (but `sk_X ‖ dk_M` for lkms's X25519_ML_KEM_768).
    /// `None` once imported material has been deleted (or has expired): the
    /// version is remembered, so that importing the same material again
    /// brings back every ciphertext made under it.
    pub secret: Option<SecretBytes>,
    /// For imported material: how to recognise it and when it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import: Option<super::import::ImportedMaterial>,
}

impl KeyMaterial {
    /// The secret, if the material is present and not expired at `now`.
    pub fn usable_at(&self, now: OffsetDateTime) -> Option<&SecretBytes> {
        let expired = self
            .import
            .as_ref()
            .and_then(|i| i.valid_to)
            .is_some_and(|v| v <= now);
        if expired { None } else { self.secret.as_ref() }
    }

    /// Fresh material for `spec`, made at `now`.
    pub fn generate(
        spec: KeySpec,
        now: OffsetDateTime,
        rotation: Option<RotationType>,
    ) -> Result<Self> {
        Ok(KeyMaterial {
            id: KeyMaterialId::random(),
            created: now,
            rotation,
            secret: Some(generate_secret(spec)?),
            import: None,
        })
    }
}

/// Generates the secret of a new key of `spec`.
///
/// Asymmetric keys come from aws-lc-rs, as PKCS#8 v1 DER.
pub fn generate_secret(spec: KeySpec) -> Result<SecretBytes> {
    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::rsa::{KeyPair, KeySize};
    use aws_lc_rs::signature as sig;

    if let Some(len) = spec.raw_material_len() {
        return Ok(SecretBytes::random(len));
    }
    let fail = || Error::validation(format!("could not generate a {} key pair", spec.name()));
    // ML-KEM (issue 17, branch kem).
    if let Some(kem) = crate::kem::MlKem::of_spec(spec) {
        return kem.generate();
    }
    if spec == KeySpec::X25519MlKem768 {
        return crate::xwing::generate();
    }
    match spec.family() {
        KeyFamily::Rsa => {
            let size = match spec {
                KeySpec::Rsa2048 => KeySize::Rsa2048,
                KeySpec::Rsa3072 => KeySize::Rsa3072,
                _ => KeySize::Rsa4096,
            };
            let kp = KeyPair::generate(size).map_err(|_| fail())?;
            let der = kp.as_der().map_err(|_| fail())?;
            Ok(SecretBytes::new(der.as_ref().to_vec()))
        }
        KeyFamily::EdDsa => {
            let kp = sig::Ed25519KeyPair::generate().map_err(|_| fail())?;
            let doc = kp.to_pkcs8v1().map_err(|_| fail())?;
            Ok(SecretBytes::new(doc.as_ref().to_vec()))
        }
        KeyFamily::MlDsa => {
            let alg = match spec {
                KeySpec::MlDsa44 => &sig::ML_DSA_44_SIGNING,
                KeySpec::MlDsa65 => &sig::ML_DSA_65_SIGNING,
                _ => &sig::ML_DSA_87_SIGNING,
            };
            // PKCS#8 of the 32-byte seed (RFC 9881), which AWS-LC writes.
            let kp = sig::PqdsaKeyPair::generate(alg).map_err(|_| fail())?;
            let doc = kp.to_pkcs8v1().map_err(|_| fail())?;
            Ok(SecretBytes::new(doc.as_ref().to_vec()))
        }
        _ => {
            let alg = match spec {
                KeySpec::EccNistP256 => &sig::ECDSA_P256_SHA256_ASN1_SIGNING,
                KeySpec::EccNistP384 => &sig::ECDSA_P384_SHA384_ASN1_SIGNING,
                KeySpec::EccNistP521 => &sig::ECDSA_P521_SHA512_ASN1_SIGNING,
                _ => &sig::ECDSA_P256K1_SHA256_ASN1_SIGNING,
            };
            let kp = sig::EcdsaKeyPair::generate(alg).map_err(|_| fail())?;
            let doc = kp.to_pkcs8v1().map_err(|_| fail())?;
            Ok(SecretBytes::new(doc.as_ref().to_vec()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_material_of_the_right_shape() {
        let now = OffsetDateTime::now_utc();
        for spec in KeySpec::ALL {
            if matches!(spec, KeySpec::Rsa3072 | KeySpec::Rsa4096) {
                continue; // slow, and the same code path as RSA_2048
            }
            let m = KeyMaterial::generate(spec, now, None).expect("generate");
            let secret = m.usable_at(now).expect("secret");
            match spec.raw_material_len() {
                Some(n) => assert_eq!(secret.len(), n),
                // lkms's hybrid keeps its two raw private keys.
                None if spec == KeySpec::X25519MlKem768 => {
                    assert_eq!(secret.len(), crate::xwing::PRIVATE_KEY_LEN)
                }
                // PKCS#8 is a DER SEQUENCE.
                None => assert_eq!(secret.expose()[0], 0x30, "{spec:?}"),
            }
            assert_eq!(m.id.to_string().len(), 64);
            assert_eq!(m.id.to_string().parse::<KeyMaterialId>().ok(), Some(m.id));
        }
    }
}
