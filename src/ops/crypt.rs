//! Symmetric cryptography with CMKs: encrypt, decrypt, re-encrypt, data keys,
//! random bytes, and the managed default key they fall back on.

use serde::Serialize;

use crate::blob::{self, BlobHeader};
use crate::context::EncryptionContext;
use crate::encoding::Base64;
use crate::error::{Error, Result};
use crate::key::{
    AliasName, EncryptionAlgorithm, Key, KeyFamily, KeyId, KeyManager, KeyMaterial, KeySpec,
    KeyState, KeyUsage, MANAGED_ROTATION_PERIOD_DAYS, Origin, RotationSchedule,
};
use crate::keyring::Keyring;
use crate::secret::SecretBytes;

/// The alias of the managed default key.
pub const DEFAULT_KEY_ALIAS: &str = "alias/lkms/default";

/// The most bytes `generate-random` and `generate-data-key --number-of-bytes` return.
pub const MAX_RANDOM_BYTES: u32 = 1024;

/// Response of `encrypt`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncryptResponse {
    /// The ciphertext blob.
    pub ciphertext_blob: Base64,
    /// ARN of the key used.
    pub key_id: String,
    /// The algorithm used.
    pub encryption_algorithm: EncryptionAlgorithm,
}

/// Response of `decrypt`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DecryptResponse {
    /// ARN of the key used.
    pub key_id: String,
    /// The plaintext.
    pub plaintext: SecretBytes,
    /// The algorithm used.
    pub encryption_algorithm: EncryptionAlgorithm,
}

/// Response of `re-encrypt`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReEncryptResponse {
    /// The new ciphertext blob.
    pub ciphertext_blob: Base64,
    /// ARN of the key that decrypted.
    pub source_key_id: String,
    /// ARN of the key that encrypted.
    pub key_id: String,
    /// The algorithm that decrypted.
    pub source_encryption_algorithm: EncryptionAlgorithm,
    /// The algorithm that encrypted.
    pub destination_encryption_algorithm: EncryptionAlgorithm,
}

/// Response of `generate-data-key` (the plaintext is omitted by the
/// `-without-plaintext` variant).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateDataKeyResponse {
    /// The data key encrypted under the CMK.
    pub ciphertext_blob: Base64,
    /// The data key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plaintext: Option<SecretBytes>,
    /// ARN of the CMK.
    pub key_id: String,
}

/// Response of `generate-random`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateRandomResponse {
    /// The random bytes.
    pub plaintext: SecretBytes,
}

/// The size of a data key: AWS's KeySpec or NumberOfBytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKeySize {
    /// 256 bits.
    Aes256,
    /// 128 bits.
    Aes128,
    /// 1 to 1024 bytes.
    Bytes(u32),
}

impl DataKeySize {
    /// The size from the two optional AWS parameters; exactly one is required.
    pub fn from_params(key_spec: Option<&str>, number_of_bytes: Option<u32>) -> Result<Self> {
        match (key_spec, number_of_bytes) {
            (Some("AES_256"), None) => Ok(DataKeySize::Aes256),
            (Some("AES_128"), None) => Ok(DataKeySize::Aes128),
            (Some(other), None) => Err(Error::validation(format!(
                "KeySpec {other:?} is not AES_256 or AES_128"
            ))),
            (None, Some(n)) if (1..=MAX_RANDOM_BYTES).contains(&n) => Ok(DataKeySize::Bytes(n)),
            (None, Some(n)) => Err(Error::validation(format!(
                "NumberOfBytes {n} is out of range: 1 to {MAX_RANDOM_BYTES}"
            ))),
            (Some(_), Some(_)) => Err(Error::validation("give KeySpec or NumberOfBytes, not both")),
            (None, None) => Err(Error::validation(
                "give KeySpec (AES_256 or AES_128) or NumberOfBytes",
            )),
        }
    }

    fn len(self) -> usize {
        match self {
            DataKeySize::Aes256 => 32,
            DataKeySize::Aes128 => 16,
            DataKeySize::Bytes(n) => n as usize,
        }
    }
}

/// The id of the managed default key, if it exists.
pub fn default_key_id(kr: &Keyring) -> Option<KeyId> {
    kr.resolve_id(DEFAULT_KEY_ALIAS).ok()
}

/// The managed default key, created on first use: symmetric, rotated every
/// three years, and protected from being disabled, deleted or re-aliased.
pub fn ensure_default_key(kr: &mut Keyring) -> Result<KeyId> {
    if let Some(id) = default_key_id(kr) {
        return Ok(id);
    }
    let now = kr.now();
    let key = Key {
        id: KeyId::random(),
        description: "Default key that protects my data when no other key is defined".into(),
        spec: KeySpec::SymmetricDefault,
        usage: KeyUsage::EncryptDecrypt,
        origin: Origin::Generated,
        manager: KeyManager::Managed,
        state: KeyState::Enabled,
        created: now,
        tags: Vec::new(),
        materials: vec![KeyMaterial::generate(KeySpec::SymmetricDefault, now, None)?],
        rotation: Some(RotationSchedule::starting(
            now,
            MANAGED_ROTATION_PERIOD_DAYS,
        )),
        on_demand_rotations: 0,
    };
    let id = key.id;
    let name = AliasName::parse(DEFAULT_KEY_ALIAS)?;
    let body = kr.body_mut();
    body.aliases.retain(|a| a.name != name);
    body.aliases.push(crate::key::Alias {
        name,
        target: id,
        created: now,
        updated: now,
    });
    body.keys.push(key);
    Ok(id)
}

/// An enabled symmetric encryption key, ready to use for `operation`.
fn symmetric_key<'k>(kr: &'k Keyring, key: &'k Key, operation: &'static str) -> Result<&'k Key> {
    kr.check_usable(key, operation)?;
    if key.usage != KeyUsage::EncryptDecrypt {
        return Err(Error::InvalidKeyUsage(format!(
            "{} has KeyUsage {}; {operation} needs ENCRYPT_DECRYPT",
            kr.key_arn(&key.id),
            key.usage.name()
        )));
    }
    if key.spec.family() != KeyFamily::Symmetric {
        return Err(Error::UnsupportedOperation(format!(
            "{operation} with {} keys is not supported yet; {} is one",
            key.spec.name(),
            kr.key_arn(&key.id)
        )));
    }
    Ok(key)
}

fn check_algorithm(alg: Option<EncryptionAlgorithm>) -> Result<()> {
    match alg {
        None | Some(EncryptionAlgorithm::SymmetricDefault) => Ok(()),
        Some(a) => Err(Error::InvalidKeyUsage(format!(
            "{} is an RSA algorithm; symmetric keys use SYMMETRIC_DEFAULT",
            a.name()
        ))),
    }
}

/// Seals bytes under the current material of an enabled symmetric key.
fn seal_with(
    kr: &Keyring,
    key_ref: &str,
    ctx: &EncryptionContext,
    plaintext: &[u8],
    operation: &'static str,
) -> Result<(Vec<u8>, String)> {
    let key = symmetric_key(kr, kr.resolve(key_ref)?, operation)?;
    let material = key.current_material().ok_or_else(|| Error::InvalidState {
        key: kr.key_arn(&key.id),
        state: "PendingImport",
        operation,
    })?;
    let header = BlobHeader {
        key_id: key.id,
        material_id: material.id,
    };
    Ok((
        blob::seal(&header, &material.secret, ctx, plaintext)?,
        kr.key_arn(&key.id),
    ))
}

/// `encrypt`: at most 4096 bytes under a symmetric CMK.
pub fn encrypt(
    kr: &Keyring,
    key_ref: &str,
    plaintext: &[u8],
    ctx: &EncryptionContext,
    alg: Option<EncryptionAlgorithm>,
) -> Result<EncryptResponse> {
    check_algorithm(alg)?;
    let (blob, arn) = seal_with(kr, key_ref, ctx, plaintext, "Encrypt")?;
    Ok(EncryptResponse {
        ciphertext_blob: Base64(blob),
        key_id: arn,
        encryption_algorithm: EncryptionAlgorithm::SymmetricDefault,
    })
}

/// Opens a blob; `key_ref`, when given, must name the key the blob names.
fn open_blob(
    kr: &Keyring,
    blob: &[u8],
    ctx: &EncryptionContext,
    key_ref: Option<&str>,
    operation: &'static str,
) -> Result<(SecretBytes, String)> {
    let header = blob::parse_header(blob)?;
    let key = kr.key(&header.key_id)?;
    if let Some(r) = key_ref {
        let named = kr.resolve_id(r)?;
        if named != header.key_id {
            return Err(Error::IncorrectKey(format!(
                "the ciphertext was made under {}, not {}",
                kr.key_arn(&header.key_id),
                kr.key_arn(&named)
            )));
        }
    }
    let key = symmetric_key(kr, key, operation)?;
    let material = key.material(&header.material_id).ok_or_else(|| {
        Error::InvalidCiphertext(format!(
            "{} has no key material {}; the ciphertext was altered, or that material was deleted",
            kr.key_arn(&key.id),
            header.material_id
        ))
    })?;
    Ok((
        blob::open(blob, &material.secret, ctx)?,
        kr.key_arn(&key.id),
    ))
}

/// `decrypt`: the key is found from the blob.
pub fn decrypt(
    kr: &Keyring,
    blob: &[u8],
    ctx: &EncryptionContext,
    key_ref: Option<&str>,
    alg: Option<EncryptionAlgorithm>,
) -> Result<DecryptResponse> {
    check_algorithm(alg)?;
    let (plaintext, arn) = open_blob(kr, blob, ctx, key_ref, "Decrypt")?;
    Ok(DecryptResponse {
        key_id: arn,
        plaintext,
        encryption_algorithm: EncryptionAlgorithm::SymmetricDefault,
    })
}

/// Parameters of `re-encrypt`.
#[derive(Debug, Clone, Copy)]
pub struct ReEncrypt<'a> {
    /// The blob.
    pub blob: &'a [u8],
    /// Its encryption context.
    pub source_context: &'a EncryptionContext,
    /// Optional check of the source key.
    pub source_key_id: Option<&'a str>,
    /// The key to encrypt under.
    pub destination_key_id: &'a str,
    /// The new encryption context.
    pub destination_context: &'a EncryptionContext,
}

/// `re-encrypt`: decrypt and encrypt again, without the plaintext leaving the library.
pub fn re_encrypt(kr: &Keyring, req: ReEncrypt<'_>) -> Result<ReEncryptResponse> {
    let (plaintext, source_arn) = open_blob(
        kr,
        req.blob,
        req.source_context,
        req.source_key_id,
        "ReEncryptFrom",
    )?;
    let (blob, arn) = seal_with(
        kr,
        req.destination_key_id,
        req.destination_context,
        plaintext.expose(),
        "ReEncryptTo",
    )?;
    Ok(ReEncryptResponse {
        ciphertext_blob: Base64(blob),
        source_key_id: source_arn,
        key_id: arn,
        source_encryption_algorithm: EncryptionAlgorithm::SymmetricDefault,
        destination_encryption_algorithm: EncryptionAlgorithm::SymmetricDefault,
    })
}

/// `generate-data-key` (`with_plaintext`) and `generate-data-key-without-plaintext`.
pub fn generate_data_key(
    kr: &Keyring,
    key_ref: &str,
    size: DataKeySize,
    ctx: &EncryptionContext,
    with_plaintext: bool,
) -> Result<GenerateDataKeyResponse> {
    let data_key = SecretBytes::random(size.len());
    let operation = if with_plaintext {
        "GenerateDataKey"
    } else {
        "GenerateDataKeyWithoutPlaintext"
    };
    let (blob, arn) = seal_with(kr, key_ref, ctx, data_key.expose(), operation)?;
    Ok(GenerateDataKeyResponse {
        ciphertext_blob: Base64(blob),
        plaintext: with_plaintext.then_some(data_key),
        key_id: arn,
    })
}

/// `generate-random`: 1 to 1024 bytes from the OS CSPRNG.
pub fn generate_random(number_of_bytes: u32) -> Result<GenerateRandomResponse> {
    if !(1..=MAX_RANDOM_BYTES).contains(&number_of_bytes) {
        return Err(Error::validation(format!(
            "NumberOfBytes {number_of_bytes} is out of range: 1 to {MAX_RANDOM_BYTES}"
        )));
    }
    Ok(GenerateRandomResponse {
        plaintext: SecretBytes::random(number_of_bytes as usize),
    })
}
