//! Bring your own key: wrapping keys, import tokens and imported material,
//! as AWS KMS's GetParametersForImport / ImportKeyMaterial have them.
//!
//! The import token is an opaque blob that holds nothing secret:
//!
//! ```text
//! "LKIT" | version 1 | key id (16) | token id (16) | valid-to, Unix seconds (i64 BE)
//!        | SHA-256 of the wrapping public key (32) | HMAC-SHA-256 of all before (32)
//! ```
//!
//! The HMAC key is derived from the keyring root key, so a token cannot be
//! forged, moved to another key or paired with another wrapping key. The
//! wrapping private key stays in the encrypted keyring body until it is used
//! or expires.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::KeyId;
use crate::crypto;
use crate::error::{Error, Result};
use crate::secret::{Key256, SecretBytes};

/// How the material is wrapped on its way in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs, non_camel_case_types)]
pub enum WrappingAlgorithm {
    RSAES_OAEP_SHA_1,
    RSAES_OAEP_SHA_256,
    RSA_AES_KEY_WRAP_SHA_1,
    RSA_AES_KEY_WRAP_SHA_256,
}

impl WrappingAlgorithm {
    /// The AWS names, for parsers and help.
    pub const NAMES: &'static [&'static str] = &[
        "RSAES_OAEP_SHA_1",
        "RSAES_OAEP_SHA_256",
        "RSA_AES_KEY_WRAP_SHA_1",
        "RSA_AES_KEY_WRAP_SHA_256",
    ];

    /// The AWS name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// Whether imported material expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExpirationModel {
    /// It expires at ValidTo.
    KeyMaterialExpires,
    /// It never expires.
    KeyMaterialDoesNotExpire,
}

/// How long import parameters stay valid (24 hours, as in AWS).
pub const IMPORT_TOKEN_HOURS: i64 = 24;
/// The furthest ValidTo may be, in days (AWS allows up to 365).
pub const MAX_VALID_TO_DAYS: i64 = 365;

/// A pending import: the wrapping key pair handed out by `get-parameters-for-import`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportParams {
    /// The token's id.
    pub token_id: crate::encoding::Base64,
    /// The algorithm the material must be wrapped with.
    pub wrapping_algorithm: WrappingAlgorithm,
    /// The wrapping key's spec (RSA_2048/3072/4096).
    pub wrapping_key_spec: super::KeySpec,
    /// The wrapping private key, PKCS#8 DER.
    pub wrapping_key: SecretBytes,
    /// When the parameters expire.
    #[serde(with = "time::serde::rfc3339")]
    pub valid_to: OffsetDateTime,
}

/// What is known of an imported material version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedMaterial {
    /// HMAC of the material under a key derived from the root key: recognises
    /// the same material when it is imported again, even after deletion.
    pub fingerprint: crate::encoding::Base64,
    /// Whether it expires.
    pub expiration_model: ExpirationModel,
    /// When it expires.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub valid_to: Option<OffsetDateTime>,
    /// AWS's KeyMaterialDescription: what the importer says the material is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

const TOKEN_MAGIC: &[u8; 4] = b"LKIT";
const TOKEN_BODY_LEN: usize = 4 + 1 + 16 + 16 + 8 + 32;
const TOKEN_LEN: usize = TOKEN_BODY_LEN + 32;

/// The public fields of a verified import token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportToken {
    /// The key it is for.
    pub key_id: KeyId,
    /// Which pending import it names.
    pub token_id: [u8; 16],
    /// When it expires.
    pub valid_to: OffsetDateTime,
    /// SHA-256 of the wrapping public key.
    pub wrapping_key_hash: [u8; 32],
}

impl ImportToken {
    /// Encodes and authenticates the token.
    pub fn seal(&self, mac_key: &Key256) -> Vec<u8> {
        let mut out = Vec::with_capacity(TOKEN_LEN);
        out.extend_from_slice(TOKEN_MAGIC);
        out.push(1);
        out.extend_from_slice(self.key_id.as_bytes());
        out.extend_from_slice(&self.token_id);
        out.extend_from_slice(&self.valid_to.unix_timestamp().to_be_bytes());
        out.extend_from_slice(&self.wrapping_key_hash);
        let tag = crypto::hmac_parts(mac_key, &[b"lkms import token v1", &out]);
        out.extend_from_slice(&tag);
        out
    }

    /// Checks the token's authenticity and decodes it. Expiry is the
    /// caller's to check, so that it can name the right exception.
    pub fn open(bytes: &[u8], mac_key: &Key256) -> Result<ImportToken> {
        let invalid = || {
            Error::InvalidImportToken(
                "the import token is not one this keyring issued, or it was altered".into(),
            )
        };
        if bytes.len() != TOKEN_LEN || &bytes[..4] != TOKEN_MAGIC || bytes[4] != 1 {
            return Err(invalid());
        }
        let (body, tag) = bytes.split_at(TOKEN_BODY_LEN);
        let expected = crypto::hmac_parts(mac_key, &[b"lkms import token v1", body]);
        if !crypto::ct_eq(&expected, tag) {
            return Err(invalid());
        }
        let arr = |r: std::ops::Range<usize>| body[r].to_vec();
        let key_id = KeyId::from_bytes(arr(5..21).try_into().map_err(|_| invalid())?);
        let token_id: [u8; 16] = arr(21..37).try_into().map_err(|_| invalid())?;
        let secs = i64::from_be_bytes(arr(37..45).try_into().map_err(|_| invalid())?);
        let valid_to = OffsetDateTime::from_unix_timestamp(secs).map_err(|_| invalid())?;
        let wrapping_key_hash: [u8; 32] = arr(45..77).try_into().map_err(|_| invalid())?;
        Ok(ImportToken {
            key_id,
            token_id,
            valid_to,
            wrapping_key_hash,
        })
    }
}

/// Unwraps material sent with `alg` under the RSA wrapping key.
///
/// RSAES_OAEP_*: the material is RSA-OAEP encrypted (MGF1 with the same
/// hash). RSA_AES_KEY_WRAP_*: an ephemeral 256-bit AES key, RSA-OAEP
/// encrypted, followed by the material wrapped with AES key wrap with
/// padding (RFC 5649), exactly as AWS documents it for `openssl`.
pub fn unwrap_material(
    alg: WrappingAlgorithm,
    wrapping_spec: super::KeySpec,
    wrapping_key: &SecretBytes,
    wrapped: &[u8],
) -> Result<SecretBytes> {
    use super::EncryptionAlgorithm as E;
    let bad = |what: &str| {
        Error::InvalidCiphertext(format!(
            "the encrypted key material does not unwrap with the wrapping key and {} ({what}); \
             was it wrapped with this import's public key and algorithm?",
            alg.name()
        ))
    };
    let oaep = match alg {
        WrappingAlgorithm::RSAES_OAEP_SHA_1 | WrappingAlgorithm::RSA_AES_KEY_WRAP_SHA_1 => {
            E::RsaesOaepSha1
        }
        _ => E::RsaesOaepSha256,
    };
    let rsa = |ct: &[u8]| {
        crate::asym::rsa_decrypt(wrapping_spec, wrapping_key, oaep, ct)
            .map_err(|_| bad("RSA-OAEP failed"))
    };
    match alg {
        WrappingAlgorithm::RSAES_OAEP_SHA_1 | WrappingAlgorithm::RSAES_OAEP_SHA_256 => rsa(wrapped),
        _ => {
            use aws_lc_rs::key_wrap::{AES_256, AesKek, KeyWrapPadded};
            let k = match wrapping_spec {
                super::KeySpec::Rsa2048 => 256,
                super::KeySpec::Rsa3072 => 384,
                _ => 512,
            };
            if wrapped.len() <= k {
                return Err(bad("too short to hold a wrapped AES key and material"));
            }
            let aes = rsa(&wrapped[..k])?;
            let kek = AesKek::new(&AES_256, aes.expose())
                .map_err(|_| bad("the AES key is not 256 bits"))?;
            let mut out = zeroize::Zeroizing::new(vec![0u8; wrapped.len() - k]);
            let n = kek
                .unwrap_with_padding(&wrapped[k..], &mut out)
                .map_err(|_| bad("AES key unwrap failed"))?
                .len();
            Ok(SecretBytes::new(out[..n].to_vec()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_round_trip_and_tamper() {
        let k = Key256::random();
        let t = ImportToken {
            key_id: KeyId::random(),
            token_id: [7; 16],
            valid_to: OffsetDateTime::from_unix_timestamp(1_900_000_000).expect("ts"),
            wrapping_key_hash: [9; 32],
        };
        let bytes = t.seal(&k);
        assert_eq!(ImportToken::open(&bytes, &k).expect("open"), t);
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            assert!(ImportToken::open(&bad, &k).is_err(), "byte {i}");
        }
        assert!(ImportToken::open(&bytes, &Key256::random()).is_err());
    }
}
