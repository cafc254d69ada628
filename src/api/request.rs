//! The request of each AWS KMS operation lkms serves, member for member as
//! the service model names them (`KeyId`, `Plaintext`, ...).
//!
//! The server decodes them from the wire's JSON; the CLI builds them from
//! its flags. Binary members are [`Blob`]s: base64 on the wire, zeroized
//! bytes here, and never part of a request's audit view (serializing a
//! request gives that view).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::grant::GrantConstraints;
use crate::key::{
    EncapsulationAlgorithm, EncryptionAlgorithm, ExpirationModel, KeyAgreementAlgorithm,
    KeyPairSpec, KeySpec, KeyUsage, MacAlgorithm, MessageType, Origin, SigningAlgorithm, Tag,
    WrappingAlgorithm,
};
use crate::ops::ImportType;

use super::Blob;

/// An encryption context as a request carries it (checked when used).
pub type ContextMap = Option<BTreeMap<String, String>>;

/// `CreateKey`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CreateKeyRequest {
    /// A description of the key.
    pub description: Option<String>,
    /// The key spec.
    pub key_spec: Option<KeySpec>,
    /// The deprecated name of `KeySpec`.
    pub customer_master_key_spec: Option<KeySpec>,
    /// What the key is for.
    pub key_usage: Option<KeyUsage>,
    /// Where the key material comes from.
    pub origin: Option<Origin>,
    /// Tags to attach.
    pub tags: Vec<Tag>,
    /// The key policy (JSON text).
    pub policy: Option<String>,
    /// Skip the check that the caller can still change the policy.
    pub bypass_policy_lockout_safety_check: bool,
    /// A custom key store (a keyring has none).
    pub custom_key_store_id: Option<String>,
    /// An external key (a keyring has none).
    pub xks_key_id: Option<String>,
    /// A multi-Region key (unsupported).
    pub multi_region: bool,
}

/// A request naming one key.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyIdRequest {
    /// The key: id, ARN, alias name or alias ARN.
    pub key_id: String,
}

/// `DescribeKey`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeKeyRequest {
    /// The key.
    pub key_id: String,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
}

/// `ListKeys`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListKeysRequest {
    /// The page size.
    pub limit: Option<u32>,
    /// Where the previous page ended.
    pub marker: Option<String>,
    /// Whose keys (`SELF`, `OTHER_ACCOUNTS_VIA_RAM`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resource_owners: Vec<String>,
}

/// `UpdateKeyDescription`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateKeyDescriptionRequest {
    /// The key.
    pub key_id: String,
    /// The new description.
    pub description: String,
}

/// `ScheduleKeyDeletion`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScheduleKeyDeletionRequest {
    /// The key.
    pub key_id: String,
    /// 7 to 30 days; 30 when absent.
    #[serde(default)]
    pub pending_window_in_days: Option<u32>,
}

/// `CreateAlias`, `UpdateAlias`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliasTargetRequest {
    /// `alias/...`.
    pub alias_name: String,
    /// The key it names.
    pub target_key_id: String,
}

/// `DeleteAlias`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteAliasRequest {
    /// `alias/...`.
    pub alias_name: String,
}

/// `ListAliases`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListAliasesRequest {
    /// Only the aliases of this key.
    pub key_id: Option<String>,
    /// The page size.
    pub limit: Option<u32>,
    /// Where the previous page ended.
    pub marker: Option<String>,
}

/// `TagResource`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagResourceRequest {
    /// The key.
    pub key_id: String,
    /// The tags to set.
    pub tags: Vec<Tag>,
}

/// `UntagResource`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UntagResourceRequest {
    /// The key.
    pub key_id: String,
    /// The tag keys to remove.
    pub tag_keys: Vec<String>,
}

/// `ListResourceTags`, `ListKeyPolicies`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyPageRequest {
    /// The key.
    pub key_id: String,
    /// The page size.
    #[serde(default)]
    pub limit: Option<u32>,
    /// Where the previous page ended.
    #[serde(default)]
    pub marker: Option<String>,
}

/// `Encrypt`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncryptRequest {
    /// The key.
    pub key_id: String,
    /// At most 4096 bytes.
    #[serde(skip_serializing)]
    pub plaintext: Blob,
    /// The encryption context.
    #[serde(default)]
    pub encryption_context: ContextMap,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// The algorithm.
    #[serde(default)]
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `Decrypt`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DecryptRequest {
    /// The ciphertext blob.
    #[serde(skip_serializing)]
    pub ciphertext_blob: Blob,
    /// The encryption context it was made with.
    #[serde(default)]
    pub encryption_context: ContextMap,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// The key it must have been made with.
    #[serde(default)]
    pub key_id: Option<String>,
    /// The algorithm.
    #[serde(default)]
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
    /// `IGNORE_CIPHERTEXT`: check only the permission.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dry_run_modifiers: Vec<String>,
}

/// `ReEncrypt`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReEncryptRequest {
    /// The ciphertext blob.
    #[serde(skip_serializing)]
    pub ciphertext_blob: Blob,
    /// The context it was made with.
    #[serde(default)]
    pub source_encryption_context: ContextMap,
    /// The key it must have been made with.
    #[serde(default)]
    pub source_key_id: Option<String>,
    /// The key to encrypt under.
    pub destination_key_id: String,
    /// The context to encrypt with.
    #[serde(default)]
    pub destination_encryption_context: ContextMap,
    /// The algorithm that decrypts.
    #[serde(default)]
    pub source_encryption_algorithm: Option<EncryptionAlgorithm>,
    /// The algorithm that encrypts.
    #[serde(default)]
    pub destination_encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
    /// `IGNORE_CIPHERTEXT`: check only the permissions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dry_run_modifiers: Vec<String>,
}

/// `GenerateDataKey`, `GenerateDataKeyWithoutPlaintext`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateDataKeyRequest {
    /// The key.
    pub key_id: String,
    /// The encryption context.
    #[serde(default)]
    pub encryption_context: ContextMap,
    /// A length in bytes, instead of `KeySpec`.
    #[serde(default)]
    pub number_of_bytes: Option<u32>,
    /// `AES_256` or `AES_128`.
    #[serde(default)]
    pub key_spec: Option<String>,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `GenerateRandom`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GenerateRandomRequest {
    /// How many bytes.
    pub number_of_bytes: Option<u32>,
    /// A custom key store (a keyring has none).
    pub custom_key_store_id: Option<String>,
}

/// `EnableKeyRotation`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EnableKeyRotationRequest {
    /// The key.
    pub key_id: String,
    /// 90 to 2560 days; 365 when absent.
    #[serde(default)]
    pub rotation_period_in_days: Option<u32>,
}

/// `ListKeyRotations`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListKeyRotationsRequest {
    /// The key.
    pub key_id: String,
    /// `ROTATIONS_ONLY` (the default) or `ALL_KEY_MATERIAL`.
    #[serde(default)]
    pub include_key_material: Option<String>,
    /// The page size.
    #[serde(default)]
    pub limit: Option<u32>,
    /// Where the previous page ended.
    #[serde(default)]
    pub marker: Option<String>,
}

/// `GetPublicKey`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetPublicKeyRequest {
    /// The key.
    pub key_id: String,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
}

/// `Sign`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignRequest {
    /// The key.
    pub key_id: String,
    /// The message or its digest.
    #[serde(skip_serializing)]
    pub message: Blob,
    /// `RAW` (the default) or `DIGEST`.
    #[serde(default)]
    pub message_type: Option<MessageType>,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// The algorithm.
    pub signing_algorithm: SigningAlgorithm,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `Verify`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifyRequest {
    /// The key.
    pub key_id: String,
    /// The message or its digest.
    #[serde(skip_serializing)]
    pub message: Blob,
    /// `RAW` (the default) or `DIGEST`.
    #[serde(default)]
    pub message_type: Option<MessageType>,
    /// The signature.
    #[serde(skip_serializing)]
    pub signature: Blob,
    /// The algorithm.
    pub signing_algorithm: SigningAlgorithm,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `GenerateMac`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateMacRequest {
    /// The message.
    #[serde(skip_serializing)]
    pub message: Blob,
    /// The key.
    pub key_id: String,
    /// The algorithm.
    pub mac_algorithm: MacAlgorithm,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `VerifyMac`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifyMacRequest {
    /// The message.
    #[serde(skip_serializing)]
    pub message: Blob,
    /// The key.
    pub key_id: String,
    /// The algorithm.
    pub mac_algorithm: MacAlgorithm,
    /// The MAC to check.
    #[serde(skip_serializing)]
    pub mac: Blob,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `GenerateDataKeyPair`, `GenerateDataKeyPairWithoutPlaintext`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateDataKeyPairRequest {
    /// The encryption context.
    #[serde(default)]
    pub encryption_context: ContextMap,
    /// The key that encrypts the private key.
    pub key_id: String,
    /// The pair's spec.
    pub key_pair_spec: KeyPairSpec,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `DeriveSharedSecret`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeriveSharedSecretRequest {
    /// The KEY_AGREEMENT key.
    pub key_id: String,
    /// `ECDH`.
    pub key_agreement_algorithm: KeyAgreementAlgorithm,
    /// The peer's public key, DER SubjectPublicKeyInfo.
    #[serde(skip_serializing)]
    pub public_key: Blob,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
    /// A Nitro enclave attestation (refused: a keyring has no enclaves).
    #[serde(default, skip_serializing)]
    pub recipient: Option<serde_json::Value>,
}

/// `GetKeyLastUsage`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetKeyLastUsageRequest {
    /// The key: id or ARN (no alias, as in AWS).
    pub key_id: String,
}

/// `GetParametersForImport`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetParametersForImportRequest {
    /// The key.
    pub key_id: String,
    /// How the material will be wrapped.
    pub wrapping_algorithm: WrappingAlgorithm,
    /// The wrapping key's spec.
    pub wrapping_key_spec: KeySpec,
}

/// `ImportKeyMaterial`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImportKeyMaterialRequest {
    /// The key.
    pub key_id: String,
    /// The token from `GetParametersForImport`.
    #[serde(skip_serializing)]
    pub import_token: Blob,
    /// The wrapped material.
    #[serde(skip_serializing)]
    pub encrypted_key_material: Blob,
    /// When the material expires.
    #[serde(
        default,
        deserialize_with = "super::wire::epoch_seconds_opt",
        serialize_with = "crate::timestamp::serialize_opt"
    )]
    pub valid_to: Option<OffsetDateTime>,
    /// Whether it expires.
    #[serde(default)]
    pub expiration_model: Option<ExpirationModel>,
    /// Existing or new material.
    #[serde(default)]
    pub import_type: Option<ImportType>,
    /// A description of the material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_material_description: Option<String>,
    /// The material to re-import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_material_id: Option<String>,
}

/// `DeleteImportedKeyMaterial`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteImportedKeyMaterialRequest {
    /// The key.
    pub key_id: String,
    /// One version of the material, else the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_material_id: Option<String>,
}

/// `PutKeyPolicy`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutKeyPolicyRequest {
    /// The key.
    pub key_id: String,
    /// `default` (the only name).
    #[serde(default)]
    pub policy_name: Option<String>,
    /// The policy (JSON text).
    pub policy: String,
    /// Skip the lockout check.
    #[serde(default)]
    pub bypass_policy_lockout_safety_check: bool,
}

/// `GetKeyPolicy`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetKeyPolicyRequest {
    /// The key.
    pub key_id: String,
    /// `default` (the only name).
    #[serde(default)]
    pub policy_name: Option<String>,
}

/// `CreateGrant`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGrantRequest {
    /// The key.
    pub key_id: String,
    /// Who the grant is for.
    pub grantee_principal: String,
    /// Who may retire it.
    #[serde(default)]
    pub retiring_principal: Option<String>,
    /// The operations it allows.
    pub operations: Vec<String>,
    /// Encryption-context constraints.
    #[serde(default)]
    pub constraints: Option<GrantConstraints>,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// A name (idempotency).
    #[serde(default)]
    pub name: Option<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `ListGrants`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGrantsRequest {
    /// The page size.
    #[serde(default)]
    pub limit: Option<u32>,
    /// Where the previous page ended.
    #[serde(default)]
    pub marker: Option<String>,
    /// The key.
    pub key_id: String,
    /// Only this grant.
    #[serde(default)]
    pub grant_id: Option<String>,
    /// Only grants for this principal.
    #[serde(default)]
    pub grantee_principal: Option<String>,
}

/// `ListRetirableGrants`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListRetirableGrantsRequest {
    /// The page size.
    #[serde(default)]
    pub limit: Option<u32>,
    /// Where the previous page ended.
    #[serde(default)]
    pub marker: Option<String>,
    /// The retiring principal.
    pub retiring_principal: String,
}

/// `RetireGrant`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RetireGrantRequest {
    /// The grant's token.
    #[serde(skip_serializing)]
    pub grant_token: Option<String>,
    /// The key, with `GrantId`.
    pub key_id: Option<String>,
    /// The grant, with `KeyId`.
    pub grant_id: Option<String>,
    /// Check only.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `RevokeGrant`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RevokeGrantRequest {
    /// The key.
    pub key_id: String,
    /// The grant.
    pub grant_id: String,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

// ML-KEM (issue 17, branch kem).
/// `Encapsulate`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncapsulateRequest {
    /// The ML-KEM key.
    pub key_id: String,
    /// `ML_KEM`.
    pub encapsulation_algorithm: EncapsulationAlgorithm,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `Decapsulate`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DecapsulateRequest {
    /// The ML-KEM key.
    pub key_id: String,
    /// The ciphertext from `Encapsulate`.
    #[serde(skip_serializing)]
    pub shared_secret_ciphertext_blob: Blob,
    /// `ML_KEM`.
    pub encapsulation_algorithm: EncapsulationAlgorithm,
    /// Grant tokens.
    #[serde(default)]
    pub grant_tokens: Vec<String>,
    /// Check only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}
