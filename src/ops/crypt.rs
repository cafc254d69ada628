//! Symmetric cryptography with CMKs: encrypt, decrypt, re-encrypt, data keys,
//! random bytes, and the managed default key they fall back on.

use serde::Serialize;

use crate::blob::{self, BlobHeader};
use crate::context::EncryptionContext;
use crate::encoding::Base64;
use crate::error::{Error, Result};
use crate::key::{
    AliasName, EncryptionAlgorithm, Key, KeyFamily, KeyId, KeyManager, KeyMaterial, KeySpec,
    KeyUsage, MANAGED_ROTATION_PERIOD_DAYS, Origin, RotationSchedule,
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
    /// The key material version that decrypted (symmetric keys).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_material_id: Option<String>,
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
    /// The key material version that decrypted (symmetric keys).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_key_material_id: Option<String>,
    /// The key material version that encrypted (symmetric keys).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_key_material_id: Option<String>,
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
    /// The key material version that encrypted the data key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_material_id: Option<String>,
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
    let mut key = Key::new(
        KeySpec::SymmetricDefault,
        KeyUsage::EncryptDecrypt,
        Origin::Generated,
        now,
        kr.default_policy(),
    )?;
    key.description = "Default key that protects my data when no other key is defined".into();
    key.manager = KeyManager::Managed;
    key.rotation = Some(RotationSchedule::starting(
        now,
        MANAGED_ROTATION_PERIOD_DAYS,
    ));
    let id = key.id;
    let name = AliasName::parse(DEFAULT_KEY_ALIAS)?;
    kr.insert_key(key)?;
    kr.put_alias(crate::key::Alias {
        name,
        target: id,
        created: now,
        updated: now,
    })?;
    Ok(id)
}

/// An enabled encryption key, ready to use for `operation`.
fn encryption_key(kr: &Keyring, key: &Key, operation: &'static str) -> Result<()> {
    kr.check_usable(key, operation)?;
    if key.usage != KeyUsage::EncryptDecrypt {
        return Err(Error::InvalidKeyUsage(format!(
            "{} has KeyUsage {}; {operation} needs ENCRYPT_DECRYPT",
            kr.key_arn(&key.id),
            key.usage.name()
        )));
    }
    Ok(())
}

/// The secret of a material version, or the PendingImport error when it is
/// missing or expired (imported material).
pub(super) fn secret_of<'k>(
    kr: &Keyring,
    key: &Key,
    material: Option<&'k KeyMaterial>,
    operation: &'static str,
) -> Result<&'k SecretBytes> {
    material
        .and_then(|m| m.usable_at(kr.now()))
        .ok_or_else(|| Error::InvalidState {
            key: kr.key_arn(&key.id),
            state: "PendingImport",
            operation,
        })
}

/// The algorithm to use with a key: SYMMETRIC_DEFAULT for symmetric keys; an
/// RSA key needs one of the OAEP algorithms named, as in AWS.
fn algorithm_for(
    kr: &Keyring,
    key: &Key,
    alg: Option<EncryptionAlgorithm>,
) -> Result<EncryptionAlgorithm> {
    match (key.spec.family(), alg) {
        (KeyFamily::Symmetric, None | Some(EncryptionAlgorithm::SymmetricDefault)) => {
            Ok(EncryptionAlgorithm::SymmetricDefault)
        }
        (KeyFamily::Symmetric, Some(a)) => Err(Error::InvalidKeyUsage(format!(
            "{} is an RSA algorithm; symmetric keys use SYMMETRIC_DEFAULT",
            a.name()
        ))),
        (_, Some(EncryptionAlgorithm::SymmetricDefault)) | (_, None) => {
            Err(Error::validation(format!(
                "{} is an RSA key: give --encryption-algorithm RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256",
                kr.key_arn(&key.id)
            )))
        }
        (_, Some(a)) => Ok(a),
    }
}

fn no_context_for_rsa(ctx: &EncryptionContext) -> Result<()> {
    if ctx.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(
            "an encryption context is only supported with symmetric keys (RSA-OAEP has no associated data)",
        ))
    }
}

/// Encrypts under a key: an LKB1 blob for symmetric keys, raw RSA-OAEP
/// output for RSA keys.
fn seal_with(
    kr: &Keyring,
    key_ref: &str,
    ctx: &EncryptionContext,
    plaintext: &[u8],
    alg: Option<EncryptionAlgorithm>,
    operation: &'static str,
) -> Result<(Vec<u8>, String, EncryptionAlgorithm)> {
    let key = kr.resolve_authorized(key_ref, operation, Some(ctx))?;
    encryption_key(kr, &key, operation)?;
    let alg = algorithm_for(kr, &key, alg)?;
    let material = key.current_material();
    let secret = secret_of(kr, &key, material, operation)?;
    let out = match material {
        Some(m) if alg == EncryptionAlgorithm::SymmetricDefault => {
            let header = BlobHeader {
                key_id: key.id,
                material_id: m.id,
            };
            blob::seal(&header, secret, ctx, plaintext)?
        }
        _ => {
            no_context_for_rsa(ctx)?;
            crate::asym::rsa_encrypt(key.spec, secret, alg, plaintext)?
        }
    };
    Ok((out, kr.key_arn(&key.id), alg))
}

/// `encrypt`: at most 4096 bytes under a symmetric CMK, or the RSA-OAEP
/// limit of an RSA key.
pub fn encrypt(
    kr: &Keyring,
    key_ref: &str,
    plaintext: &[u8],
    ctx: &EncryptionContext,
    alg: Option<EncryptionAlgorithm>,
) -> Result<EncryptResponse> {
    let (blob, arn, alg) = seal_with(kr, key_ref, ctx, plaintext, alg, "Encrypt")?;
    Ok(EncryptResponse {
        ciphertext_blob: Base64(blob),
        key_id: arn,
        encryption_algorithm: alg,
    })
}

/// Decrypts a ciphertext. An LKB1 blob names its key (`key_ref`, when given,
/// must name the same key); an RSA ciphertext is raw, so it needs `key_ref`
/// and the algorithm, as AWS requires.
pub(super) fn open_with(
    kr: &Keyring,
    ciphertext: &[u8],
    ctx: &EncryptionContext,
    key_ref: Option<&str>,
    alg: Option<EncryptionAlgorithm>,
    operation: &'static str,
) -> Result<(SecretBytes, String, EncryptionAlgorithm)> {
    let named = key_ref.map(|r| kr.resolve(r)).transpose()?;
    if let Some(key) = named.clone().filter(|k| k.spec.family() == KeyFamily::Rsa) {
        kr.authorize(&key, operation, Some(ctx))?;
        encryption_key(kr, &key, operation)?;
        let alg = algorithm_for(kr, &key, alg)?;
        no_context_for_rsa(ctx)?;
        let secret = secret_of(kr, &key, key.current_material(), operation)?;
        let pt = crate::asym::rsa_decrypt(key.spec, secret, alg, ciphertext)?;
        return Ok((pt, kr.key_arn(&key.id), alg));
    }
    let header = blob::parse_header(ciphertext).map_err(|e| match named {
        None => Error::InvalidCiphertext(format!(
            "{e}; an RSA ciphertext needs --key-id and --encryption-algorithm"
        )),
        Some(_) => e,
    })?;
    let key = kr.key(&header.key_id)?;
    if let Some(named) = named.as_ref().filter(|n| n.id != header.key_id) {
        return Err(Error::IncorrectKey(format!(
            "the ciphertext was made under {}, not {}",
            kr.key_arn(&header.key_id),
            kr.key_arn(&named.id)
        )));
    }
    kr.authorize(&key, operation, Some(ctx))?;
    encryption_key(kr, &key, operation)?;
    let alg = algorithm_for(kr, &key, alg)?;
    let material = key.material(&header.material_id).ok_or_else(|| {
        Error::InvalidCiphertext(format!(
            "{} has no key material {}; the ciphertext was altered",
            kr.key_arn(&key.id),
            header.material_id
        ))
    })?;
    let secret = secret_of(kr, &key, Some(material), operation)?;
    Ok((
        blob::open(ciphertext, secret, ctx)?,
        kr.key_arn(&key.id),
        alg,
    ))
}

/// The permission check of a `--dry-run` with `IGNORE_CIPHERTEXT` (AWS's
/// DryRunModifiers): may the caller use the key for `operation` (`Decrypt`,
/// `ReEncryptFrom`) with this context, whatever the ciphertext holds. The
/// key is the one named, else the one the ciphertext's header names.
pub fn authorize_opening(
    kr: &Keyring,
    ciphertext: &[u8],
    ctx: &EncryptionContext,
    key_ref: Option<&str>,
    operation: &'static str,
) -> Result<()> {
    let key = match key_ref {
        Some(r) => kr.resolve(r)?,
        None => {
            let header = blob::parse_header(ciphertext).map_err(|e| {
                Error::InvalidCiphertext(format!(
                    "{e}; with IGNORE_CIPHERTEXT, name the key with --key-id"
                ))
            })?;
            kr.key(&header.key_id)?
        }
    };
    kr.authorize(&key, operation, Some(ctx))
}

/// The permission check of a `--dry-run` of `re-encrypt` with
/// `IGNORE_CIPHERTEXT`: ReEncryptFrom on the source key and ReEncryptTo on
/// the destination key.
pub fn authorize_re_encrypt(kr: &Keyring, req: ReEncrypt<'_>) -> Result<()> {
    authorize_opening(
        kr,
        req.blob,
        req.source_context,
        req.source_key_id,
        "ReEncryptFrom",
    )?;
    kr.resolve_authorized(
        req.destination_key_id,
        "ReEncryptTo",
        Some(req.destination_context),
    )
    .map(|_| ())
}

/// `decrypt`.
pub fn decrypt(
    kr: &Keyring,
    ciphertext: &[u8],
    ctx: &EncryptionContext,
    key_ref: Option<&str>,
    alg: Option<EncryptionAlgorithm>,
) -> Result<DecryptResponse> {
    let (plaintext, arn, alg) = open_with(kr, ciphertext, ctx, key_ref, alg, "Decrypt")?;
    Ok(DecryptResponse {
        key_id: arn,
        plaintext,
        encryption_algorithm: alg,
        key_material_id: material_of(ciphertext, alg),
    })
}

/// Parameters of `re-encrypt`.
#[derive(Debug, Clone, Copy)]
pub struct ReEncrypt<'a> {
    /// The ciphertext.
    pub blob: &'a [u8],
    /// Its encryption context.
    pub source_context: &'a EncryptionContext,
    /// The source key: optional for blobs, required for RSA ciphertexts.
    pub source_key_id: Option<&'a str>,
    /// The source algorithm (RSA only).
    pub source_algorithm: Option<EncryptionAlgorithm>,
    /// The key to encrypt under.
    pub destination_key_id: &'a str,
    /// The new encryption context.
    pub destination_context: &'a EncryptionContext,
    /// The destination algorithm (RSA only).
    pub destination_algorithm: Option<EncryptionAlgorithm>,
}

/// `re-encrypt`: decrypt and encrypt again, without the plaintext leaving the library.
pub fn re_encrypt(kr: &Keyring, req: ReEncrypt<'_>) -> Result<ReEncryptResponse> {
    let (plaintext, source_arn, source_alg) = open_with(
        kr,
        req.blob,
        req.source_context,
        req.source_key_id,
        req.source_algorithm,
        "ReEncryptFrom",
    )?;
    let (blob, arn, alg) = seal_with(
        kr,
        req.destination_key_id,
        req.destination_context,
        plaintext.expose(),
        req.destination_algorithm,
        "ReEncryptTo",
    )?;
    Ok(ReEncryptResponse {
        source_key_material_id: material_of(req.blob, source_alg),
        destination_key_material_id: material_of(&blob, alg),
        ciphertext_blob: Base64(blob),
        source_key_id: source_arn,
        key_id: arn,
        source_encryption_algorithm: source_alg,
        destination_encryption_algorithm: alg,
    })
}

/// The key material version a symmetric ciphertext names (AWS's
/// KeyMaterialId); RSA ciphertexts name none.
fn material_of(ciphertext: &[u8], alg: EncryptionAlgorithm) -> Option<String> {
    (alg == EncryptionAlgorithm::SymmetricDefault)
        .then(|| blob::parse_header(ciphertext).ok())
        .flatten()
        .map(|h| h.material_id.to_string())
}

/// A symmetric key for wrapping data keys: RSA keys do not make data keys.
fn symmetric_only(kr: &Keyring, key_ref: &str, operation: &str) -> Result<()> {
    let key = kr.resolve(key_ref)?;
    if key.spec.family() != KeyFamily::Symmetric {
        return Err(Error::InvalidKeyUsage(format!(
            "{operation} needs a symmetric key; {} is {}",
            kr.key_arn(&key.id),
            key.spec.name()
        )));
    }
    Ok(())
}

/// Encrypts a generated secret (a data key, a data key pair's private key)
/// under a symmetric CMK; returns the blob and the key's ARN.
pub(super) fn generate_data_key_for(
    kr: &Keyring,
    key_ref: &str,
    ctx: &EncryptionContext,
    secret: &SecretBytes,
    operation: &'static str,
) -> Result<(Vec<u8>, String)> {
    symmetric_only(kr, key_ref, operation)?;
    let (blob, arn, _) = seal_with(kr, key_ref, ctx, secret.expose(), None, operation)?;
    Ok((blob, arn))
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
    let (blob, arn) = generate_data_key_for(kr, key_ref, ctx, &data_key, operation)?;
    Ok(GenerateDataKeyResponse {
        key_material_id: material_of(&blob, EncryptionAlgorithm::SymmetricDefault),
        ciphertext_blob: Base64(blob),
        plaintext: with_plaintext.then_some(data_key),
        key_id: arn,
    })
}

/// `generate-random`: 1 to 1024 bytes from the OS CSPRNG.
pub fn generate_random(
    number_of_bytes: u32,
    custom_key_store_id: Option<&str>,
) -> Result<GenerateRandomResponse> {
    if let Some(id) = custom_key_store_id {
        return Err(super::no_custom_key_store(id));
    }
    if !(1..=MAX_RANDOM_BYTES).contains(&number_of_bytes) {
        return Err(Error::validation(format!(
            "NumberOfBytes {number_of_bytes} is out of range: 1 to {MAX_RANDOM_BYTES}"
        )));
    }
    Ok(GenerateRandomResponse {
        plaintext: SecretBytes::random(number_of_bytes as usize),
    })
}
