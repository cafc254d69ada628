//! The keyring side of envelope encryption: making a file's data key and
//! wrapping it under CMKs (`encrypt-file` acts as GenerateDataKey), finding
//! a key that unwraps it (`decrypt-file` acts as Decrypt), and rewrapping it
//! (`rewrap-file` acts as ReEncryptFrom / ReEncryptTo).

use serde::Serialize;

use crate::blob;
use crate::context::EncryptionContext;
use crate::envelope::{Header, RecipientKey, RecipientKind, WrappedKey};
use crate::error::{Error, Result};
use crate::key::{EncryptionAlgorithm, Key, KeyUsage};
use crate::keyring::Keyring;
use crate::secret::{Key256, SecretBytes};

/// Wraps `data_key` under `key_ref`'s current material with the file's context.
fn wrap(
    kr: &Keyring,
    key_ref: &str,
    ctx: &EncryptionContext,
    data_key: &Key256,
    operation: &'static str,
) -> Result<WrappedKey> {
    let secret = SecretBytes::new(data_key.expose().to_vec());
    let (blob, _) = super::crypt::generate_data_key_for(kr, key_ref, ctx, &secret, operation)?;
    let h = blob::parse_header(&blob)?;
    Ok(WrappedKey {
        key_id: h.key_id,
        key_material_id: h.material_id,
        blob,
    })
}

/// A fresh data key for a new file, wrapped under each of `key_refs` (so any
/// one of them decrypts the file).
pub fn new_file_key(
    kr: &Keyring,
    key_refs: &[String],
    ctx: &EncryptionContext,
) -> Result<(Key256, Vec<WrappedKey>)> {
    if key_refs.is_empty() {
        return Err(Error::validation("encrypt-file needs at least one key"));
    }
    let data_key = Key256::random();
    let mut wrapped: Vec<WrappedKey> = Vec::new();
    for r in key_refs {
        let w = wrap(kr, r, ctx, &data_key, "GenerateDataKey")?;
        if !wrapped.iter().any(|o| o.key_id == w.key_id) {
            wrapped.push(w);
        }
    }
    Ok((data_key, wrapped))
}

/// Unwraps a file's data key with the first wrapped key this keyring can
/// open (restricted to `only` when given), checking the header with it.
/// Returns the data key and the ARN of the key that opened it.
pub fn open_file_key(
    kr: &Keyring,
    header: &Header,
    tag: &[u8; 32],
    only: Option<&str>,
    operation: &'static str,
) -> Result<(Key256, crate::envelope::BodyKeys, String)> {
    let only = only.map(|r| kr.resolve_id(r)).transpose()?;
    let mut last_error = None;
    for w in header.keys() {
        if only.is_some_and(|o| o != w.key_id) || kr.key(&w.key_id).is_err() {
            continue;
        }
        // The clear key id must be the one the blob names (and authenticates).
        let attempt = blob::parse_header(&w.blob).and_then(|h| {
            if h.key_id != w.key_id || h.material_id != w.key_material_id {
                return Err(Error::InvalidCiphertext(
                    "a wrapped data key's clear key id does not match its blob".into(),
                ));
            }
            let key_ref = w.key_id.to_string();
            let (plain, arn, _) = super::crypt::open_with(
                kr,
                &w.blob,
                header.context(),
                Some(&key_ref),
                None,
                operation,
            )?;
            let dk = Key256::from_slice(plain.expose()).ok_or_else(|| {
                Error::InvalidCiphertext("a wrapped data key is not 256 bits".into())
            })?;
            let body = header.verify(tag, &dk)?;
            Ok((dk, body, arn))
        });
        match attempt {
            Ok(found) => return Ok(found),
            Err(e) => last_error = Some(e),
        }
    }
    for r in header.recipients() {
        let Some(key) = recipient_key(kr, r)? else {
            continue;
        };
        if only.is_some_and(|o| o != key.id) {
            continue;
        }
        let attempt = open_recipient(kr, &key, r, operation).and_then(|(dk, arn)| {
            let body = header.verify(tag, &dk)?;
            Ok((dk, body, arn))
        });
        match attempt {
            Ok(found) => return Ok(found),
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.unwrap_or_else(|| {
        let mut ids: Vec<String> = header
            .keys()
            .iter()
            .map(|w| kr.key_arn(&w.key_id))
            .collect();
        ids.extend(header.recipients().iter().map(|r| {
            r.key_id.map_or_else(
                || format!("the {} public key {}", r.kind.name(), hex(&r.fingerprint)),
                |id| kr.key_arn(&id),
            )
        }));
        Error::NotFound(format!(
            "no key of this keyring can decrypt the file; it was encrypted under {}",
            ids.join(", ")
        ))
    }))
}

/// Lowercase hex, for fingerprints.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The keyring's key whose public key a recipient entry was made for: the
/// key it names, else the one whose public key has its fingerprint.
/// `None` when this keyring has no such key.
fn recipient_key(kr: &Keyring, r: &RecipientKey) -> Result<Option<Key>> {
    let matches = |key: &Key| -> bool {
        let kind_fits = match r.kind {
            RecipientKind::RsaOaepSha256 => key.spec.family() == crate::key::KeyFamily::Rsa,
            RecipientKind::MlKem(p) => key.spec == p.spec(),
            RecipientKind::XWing => key.spec == crate::key::KeySpec::X25519MlKem768,
        };
        kind_fits
            && key
                .current_material()
                .and_then(|m| m.usable_at(kr.now()))
                .and_then(|secret| crate::asym::public_key_der(key.spec, secret).ok())
                .is_some_and(|der| crate::crypto::sha256(&der) == r.fingerprint)
    };
    if let Some(key) = r.key_id.and_then(|id| kr.key(&id).ok()) {
        return Ok(matches(&key).then_some(key));
    }
    Ok(kr.all_keys()?.into_iter().find(|k| matches(k)))
}

/// Unwraps a recipient entry with its key, through the keyring's Decrypt
/// (RSA) or Decapsulate (ML-KEM): the key policy, grants, key state and
/// usage apply as to those operations. Returns the data key and the key ARN.
fn open_recipient(
    kr: &Keyring,
    key: &Key,
    r: &RecipientKey,
    operation: &'static str,
) -> Result<(Key256, String)> {
    let key_ref = key.id.to_string();
    match r.kind {
        RecipientKind::RsaOaepSha256 => {
            let (key, secret) =
                super::asymmetric::usable(kr, &key_ref, KeyUsage::EncryptDecrypt, operation)?;
            let plain = crate::asym::rsa_decrypt(
                key.spec,
                &secret,
                EncryptionAlgorithm::RsaesOaepSha256,
                &r.wrapped,
            )?;
            let dk = Key256::from_slice(plain.expose()).ok_or_else(|| {
                Error::InvalidCiphertext("a wrapped data key is not 256 bits".into())
            })?;
            Ok((dk, kr.key_arn(&key.id)))
        }
        RecipientKind::MlKem(_) => {
            let ct = r.kem_ciphertext().ok_or_else(|| {
                Error::InvalidCiphertext("a wrapped data key is too short".into())
            })?;
            let shared = super::kem::decapsulate(
                kr,
                &key_ref,
                ct,
                crate::key::EncapsulationAlgorithm::ML_KEM,
            )?;
            Ok((
                r.open_with_shared_secret(&shared.shared_secret)?,
                shared.key_id,
            ))
        }
        RecipientKind::XWing => {
            // The keyring's Decapsulate for lkms's hybrid keys: the same
            // policy action, key state and usage checks.
            let ct = r.kem_ciphertext().ok_or_else(|| {
                Error::InvalidCiphertext("a wrapped data key is too short".into())
            })?;
            let (key, secret) = super::asymmetric::usable(
                kr,
                &key_ref,
                KeyUsage::EncapsulateDecapsulate,
                "Decapsulate",
            )?;
            let shared = crate::xwing::decapsulate(&secret, ct)?;
            Ok((r.open_with_shared_secret(&shared)?, kr.key_arn(&key.id)))
        }
    }
}

/// The wrapped keys after a rewrap: under `destinations` if given, else
/// each of the file's keys again under its current material version.
pub fn rewrap_keys(
    kr: &Keyring,
    header: &Header,
    data_key: &Key256,
    destinations: &[String],
) -> Result<Vec<WrappedKey>> {
    let targets: Vec<String> = if destinations.is_empty() {
        header
            .keys()
            .iter()
            .filter(|w| kr.key(&w.key_id).is_ok())
            .map(|w| w.key_id.to_string())
            .collect()
    } else {
        destinations.to_vec()
    };
    let mut out: Vec<WrappedKey> = Vec::new();
    for t in &targets {
        let w = wrap(kr, t, header.context(), data_key, "ReEncryptTo")?;
        if !out.iter().any(|o| o.key_id == w.key_id) {
            out.push(w);
        }
    }
    // Keys of other keyrings stay as they were when rewrapping in place.
    if destinations.is_empty() {
        out.extend(
            header
                .keys()
                .iter()
                .filter(|w| kr.key(&w.key_id).is_err())
                .cloned(),
        );
    }
    Ok(out)
}

/// A wrapped key as `inspect-file` shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WrappedKeyInfo {
    /// The CMK's id (or the public key's, when its file named it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// The material version that wrapped the data key (CMKs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_material_id: Option<String>,
    /// How the data key is wrapped to a public key: `RSAES_OAEP_SHA_256`,
    /// `ML_KEM_512`, `ML_KEM_768`, `ML_KEM_1024`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient_type: Option<&'static str>,
    /// SHA-256 of the recipient's DER SubjectPublicKeyInfo, in hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_key_fingerprint: Option<String>,
    /// Bytes of the wrapped key.
    pub wrapped_key_length: usize,
}

/// What `inspect-file` shows: the header, without unlocking anything.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectFileResponse {
    /// The encrypted file format version.
    pub format_version: u8,
    /// The algorithm suite.
    pub suite: &'static str,
    /// Chunk size in bytes.
    pub chunk_size: usize,
    /// Header length in bytes.
    pub header_length: usize,
    /// The encryption context (as written; authenticated on decryption).
    pub encryption_context: EncryptionContext,
    /// The wrapped data keys.
    pub encrypted_data_keys: Vec<WrappedKeyInfo>,
    /// The plaintext length, when the file's size is known and consistent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plaintext_length: Option<u64>,
}

/// Describes a header (and the body length, when known).
pub fn inspect(header: &Header, body_len: Option<u64>) -> InspectFileResponse {
    InspectFileResponse {
        format_version: crate::envelope::VERSION,
        suite: "AES_256_GCM_HKDF_SHA256_COMMIT_HMAC_SHA256",
        chunk_size: header.chunk_size(),
        header_length: header.len(),
        encryption_context: header.context().clone(),
        encrypted_data_keys: header
            .keys()
            .iter()
            .map(|w| WrappedKeyInfo {
                key_id: Some(w.key_id.to_string()),
                key_material_id: Some(w.key_material_id.to_string()),
                recipient_type: None,
                public_key_fingerprint: None,
                wrapped_key_length: w.blob.len(),
            })
            .chain(header.recipients().iter().map(|r| WrappedKeyInfo {
                key_id: r.key_id.map(|id| id.to_string()),
                key_material_id: None,
                recipient_type: Some(r.kind.name()),
                public_key_fingerprint: Some(hex(&r.fingerprint)),
                wrapped_key_length: r.wrapped.len(),
            }))
            .collect(),
        plaintext_length: body_len
            .and_then(|b| crate::envelope::plaintext_len(b, header.chunk_size())),
    }
}
