//! The AWS KMS API: one typed request per operation and the one dispatch
//! that runs it on a keyring.
//!
//! Both faces of lkms drive this module: `lkms serve` decodes a request
//! from the wire ([`decode`]) and the command line builds the same request
//! from its flags; both then call [`execute`]. Validation lives in the
//! operations ([`crate::ops`]) it dispatches to, so there is one copy of it.
//! Nothing here knows about HTTP; [`wire`] holds the JSON protocol's
//! conventions (errors, timestamps, blobs).

mod request;
mod service;
pub mod wire;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use request::*;
pub use service::{Recorded, Service, settle};

use crate::audit::Entry;
use crate::context::EncryptionContext;
use crate::error::{Error, Result};
use crate::keyring::{Call, Keyring};
use crate::ops;

/// A binary member: base64 on the wire, bytes here, zeroized on drop, and
/// shown by length only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Blob(zeroize::Zeroizing<Vec<u8>>);

impl Blob {
    /// The bytes.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(zeroize::Zeroizing::new(bytes))
    }
}

impl From<zeroize::Zeroizing<Vec<u8>>> for Blob {
    fn from(bytes: zeroize::Zeroizing<Vec<u8>>) -> Self {
        Blob(bytes)
    }
}

impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use base64::Engine;
        let text = zeroize::Zeroizing::new(String::deserialize(d)?);
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Blob::from)
            .map_err(|_| serde::de::Error::custom("a blob member is not valid base64"))
    }
}

/// Declares the operations: the request enum, each operation's name, how a
/// wire body decodes into it, and whether it changes the keyring.
macro_rules! operations {
    ($($name:ident($request:ty) $kind:ident,)*) => {
        /// One request to one operation.
        #[derive(Debug)]
        pub enum Request {
            $(
                #[doc = concat!("`", stringify!($name), "`.")]
                $name($request),
            )*
        }

        /// Every operation lkms serves, by its AWS name.
        pub const OPERATIONS: &[&str] = &[$(stringify!($name)),*];

        impl Request {
            /// The operation's AWS name, e.g. `Encrypt`.
            pub fn operation(&self) -> &'static str {
                match self {
                    $(Request::$name(_) => stringify!($name),)*
                }
            }

            /// The request's members without its blobs: what the audit
            /// trail records of it.
            pub fn audit_view(&self) -> Value {
                let view = match self {
                    $(Request::$name(r) => serde_json::to_value(r),)*
                };
                view.unwrap_or_else(|_| Value::Object(Default::default()))
            }

            /// Whether the operation changes the keyring (and so runs in a
            /// write transaction).
            fn changes_keyring(&self) -> bool {
                match self {
                    $(Request::$name(_) => Kind::$kind == Kind::Write,)*
                }
            }
        }

        /// Decodes the JSON body of a request to `operation` (the part of
        /// `X-Amz-Target` after `TrentService.`).
        pub fn decode(operation: &str, body: &[u8]) -> Result<Request> {
            match operation {
                $(stringify!($name) => wire::parse(body).map(Request::$name),)*
                other => Err(Error::UnknownOperation(format!(
                    "lkms does not serve the operation {other:?}"
                ))),
            }
        }
    };
}

#[derive(PartialEq, Eq)]
enum Kind {
    Read,
    Write,
}

operations! {
    CreateKey(CreateKeyRequest) Write,
    DescribeKey(DescribeKeyRequest) Read,
    ListKeys(ListKeysRequest) Read,
    UpdateKeyDescription(UpdateKeyDescriptionRequest) Write,
    EnableKey(KeyIdRequest) Write,
    DisableKey(KeyIdRequest) Write,
    ScheduleKeyDeletion(ScheduleKeyDeletionRequest) Write,
    CancelKeyDeletion(KeyIdRequest) Write,
    CreateAlias(AliasTargetRequest) Write,
    UpdateAlias(AliasTargetRequest) Write,
    DeleteAlias(DeleteAliasRequest) Write,
    ListAliases(ListAliasesRequest) Read,
    TagResource(TagResourceRequest) Write,
    UntagResource(UntagResourceRequest) Write,
    ListResourceTags(KeyPageRequest) Read,
    Encrypt(EncryptRequest) Read,
    Decrypt(DecryptRequest) Read,
    ReEncrypt(ReEncryptRequest) Read,
    GenerateDataKey(GenerateDataKeyRequest) Read,
    GenerateDataKeyWithoutPlaintext(GenerateDataKeyRequest) Read,
    GenerateRandom(GenerateRandomRequest) Read,
    EnableKeyRotation(EnableKeyRotationRequest) Write,
    DisableKeyRotation(KeyIdRequest) Write,
    GetKeyRotationStatus(KeyIdRequest) Read,
    RotateKeyOnDemand(KeyIdRequest) Write,
    ListKeyRotations(ListKeyRotationsRequest) Read,
    GetPublicKey(GetPublicKeyRequest) Read,
    Sign(SignRequest) Read,
    Verify(VerifyRequest) Read,
    GenerateMac(GenerateMacRequest) Read,
    VerifyMac(VerifyMacRequest) Read,
    GenerateDataKeyPair(GenerateDataKeyPairRequest) Read,
    GenerateDataKeyPairWithoutPlaintext(GenerateDataKeyPairRequest) Read,
    // Issue 17: key agreement and last usage.
    DeriveSharedSecret(DeriveSharedSecretRequest) Read,
    GetKeyLastUsage(GetKeyLastUsageRequest) Read,
    GetParametersForImport(GetParametersForImportRequest) Write,
    ImportKeyMaterial(ImportKeyMaterialRequest) Write,
    DeleteImportedKeyMaterial(DeleteImportedKeyMaterialRequest) Write,
    PutKeyPolicy(PutKeyPolicyRequest) Write,
    GetKeyPolicy(GetKeyPolicyRequest) Read,
    ListKeyPolicies(KeyPageRequest) Read,
    CreateGrant(CreateGrantRequest) Write,
    ListGrants(ListGrantsRequest) Read,
    ListRetirableGrants(ListRetirableGrantsRequest) Read,
    RetireGrant(RetireGrantRequest) Write,
    RevokeGrant(RevokeGrantRequest) Write,
    // ML-KEM (issue 17, branch kem).
    Encapsulate(EncapsulateRequest) Read,
    Decapsulate(DecapsulateRequest) Read,
}

impl Request {
    /// The call as the audit trail records it.
    pub fn call(&self) -> Call {
        Call {
            operation: self.operation().to_owned(),
            request: self.audit_view(),
        }
    }

    /// Whether the operation is brief enough to run where the request was
    /// read, on a server's async threads: a read with at most one key and
    /// no more than one private-key operation. Changes wait for a
    /// transaction and its fsync, listings read many rows, and generating a
    /// key pair takes up to seconds (RSA 4096): those run on threads that
    /// may block.
    pub fn is_brief(&self) -> bool {
        matches!(
            self,
            Request::DescribeKey(_)
                | Request::Encrypt(_)
                | Request::Decrypt(_)
                | Request::ReEncrypt(_)
                | Request::GenerateDataKey(_)
                | Request::GenerateDataKeyWithoutPlaintext(_)
                | Request::GenerateRandom(_)
                | Request::GetKeyRotationStatus(_)
                | Request::GetPublicKey(_)
                | Request::Sign(_)
                | Request::Verify(_)
                | Request::GenerateMac(_)
                | Request::VerifyMac(_)
                | Request::GetKeyPolicy(_)
        ) && !self.names_default_key()
    }

    /// The key a read names when that key is the managed default, which
    /// naming creates the first time (as `alias/aws/<service>` keys are).
    fn names_default_key(&self) -> bool {
        let key = match self {
            Request::Encrypt(r) => &r.key_id,
            Request::GenerateDataKey(r) | Request::GenerateDataKeyWithoutPlaintext(r) => &r.key_id,
            _ => return false,
        };
        key == ops::DEFAULT_KEY_ALIAS
    }
}

/// Runs `request` on the keyring as its current caller and records it in
/// the audit trail before returning: a change in one transaction with its
/// record; a read, then its record in a transaction of its own.
pub fn execute(kr: &mut Keyring, request: &Request) -> Result<Value> {
    let (result, entry) = execute_deferred(kr, request);
    if let Some(entry) = entry {
        kr.append_audit(vec![entry])?;
    }
    result
}

/// Like [`execute`], except that a read's audit record is returned rather
/// than appended, for a caller that appends many in one transaction. The
/// caller must append it before it releases the result.
pub fn execute_deferred(kr: &mut Keyring, request: &Request) -> (Result<Value>, Option<Entry>) {
    let call = request.call();
    // The audit view holds DryRun as the request does.
    let dry = call.request.get("DryRun") == Some(&Value::Bool(true));
    let checked = |result: Result<Value>| match result {
        Ok(_) if dry => Err(Error::DryRun),
        r => r,
    };
    let creates_default_key = request.names_default_key() && ops::default_key_id(kr).is_none();
    if request.changes_keyring() || creates_default_key {
        let result = kr.change_audited(&call, |kr| {
            if creates_default_key {
                ops::ensure_default_key(kr)?;
            }
            checked(handle(kr, request))
        });
        return (result, None);
    }
    let result = checked(handle(kr, request));
    let entry = kr.audit_entry(&call, &result);
    (result, Some(entry))
}

fn context(map: &ContextMap) -> Result<EncryptionContext> {
    EncryptionContext::new(map.clone().unwrap_or_default())
}

fn json<T: Serialize>(response: Result<T>) -> Result<Value> {
    serde_json::to_value(response?)
        .map_err(|e| Error::validation(format!("internal: rendering the response: {e}")))
}

/// The response of an operation that returns nothing (the wire sends `{}`,
/// the CLI prints nothing).
fn empty(result: Result<()>) -> Result<Value> {
    result.map(|()| Value::Null)
}

/// Whether a dry run checks only the permission (`IGNORE_CIPHERTEXT`).
fn ignore_ciphertext(dry_run: bool, modifiers: &[String]) -> bool {
    dry_run && modifiers.iter().any(|m| m == "IGNORE_CIPHERTEXT")
}

/// The one dispatch: each request to its operation.
fn handle(kr: &mut Keyring, request: &Request) -> Result<Value> {
    use Request as R;
    match request {
        R::CreateKey(r) => json(ops::create_key(
            kr,
            ops::CreateKey {
                description: r.description.clone().unwrap_or_default(),
                key_spec: r.key_spec,
                key_usage: r.key_usage,
                origin: r.origin,
                tags: r.tags.clone(),
                policy: r.policy.clone(),
                bypass_policy_lockout_safety_check: r.bypass_policy_lockout_safety_check,
                customer_master_key_spec: r.customer_master_key_spec,
                custom_key_store_id: r.custom_key_store_id.clone(),
                xks_key_id: r.xks_key_id.clone(),
                multi_region: r.multi_region,
            },
        )),
        R::DescribeKey(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::describe_key(kr, &r.key_id))
        }
        R::ListKeys(r) => {
            let owners = r
                .resource_owners
                .iter()
                .map(|o| o.parse())
                .collect::<Result<Vec<ops::ResourceOwner>>>()?;
            json(ops::list_keys(kr, r.limit, r.marker.as_deref(), &owners))
        }
        R::UpdateKeyDescription(r) => empty(ops::update_key_description(
            kr,
            &r.key_id,
            r.description.clone(),
        )),
        R::EnableKey(r) => empty(ops::enable_key(kr, &r.key_id)),
        R::DisableKey(r) => empty(ops::disable_key(kr, &r.key_id)),
        R::ScheduleKeyDeletion(r) => json(ops::schedule_key_deletion(
            kr,
            &r.key_id,
            r.pending_window_in_days,
        )),
        R::CancelKeyDeletion(r) => json(ops::cancel_key_deletion(kr, &r.key_id)),
        R::CreateAlias(r) => empty(ops::create_alias(kr, &r.alias_name, &r.target_key_id)),
        R::UpdateAlias(r) => empty(ops::update_alias(kr, &r.alias_name, &r.target_key_id)),
        R::DeleteAlias(r) => empty(ops::delete_alias(kr, &r.alias_name)),
        R::ListAliases(r) => json(ops::list_aliases(
            kr,
            r.key_id.as_deref(),
            r.limit,
            r.marker.as_deref(),
        )),
        R::TagResource(r) => empty(ops::tag_resource(kr, &r.key_id, r.tags.clone())),
        R::UntagResource(r) => empty(ops::untag_resource(kr, &r.key_id, &r.tag_keys)),
        R::ListResourceTags(r) => json(ops::list_resource_tags(
            kr,
            &r.key_id,
            r.limit,
            r.marker.as_deref(),
        )),
        R::Encrypt(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::encrypt(
                kr,
                &r.key_id,
                r.plaintext.expose(),
                &context(&r.encryption_context)?,
                r.encryption_algorithm,
            ))
        }
        R::Decrypt(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            let ctx = context(&r.encryption_context)?;
            let blob = r.ciphertext_blob.expose();
            if ignore_ciphertext(r.dry_run, &r.dry_run_modifiers) {
                ops::authorize_opening(kr, blob, &ctx, r.key_id.as_deref(), "Decrypt")?;
                return Ok(Value::Null);
            }
            json(ops::decrypt(
                kr,
                blob,
                &ctx,
                r.key_id.as_deref(),
                r.encryption_algorithm,
            ))
        }
        R::ReEncrypt(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            let source = context(&r.source_encryption_context)?;
            let destination = context(&r.destination_encryption_context)?;
            let req = ops::ReEncrypt {
                blob: r.ciphertext_blob.expose(),
                source_context: &source,
                source_key_id: r.source_key_id.as_deref(),
                source_algorithm: r.source_encryption_algorithm,
                destination_key_id: &r.destination_key_id,
                destination_context: &destination,
                destination_algorithm: r.destination_encryption_algorithm,
            };
            if ignore_ciphertext(r.dry_run, &r.dry_run_modifiers) {
                ops::authorize_re_encrypt(kr, req)?;
                return Ok(Value::Null);
            }
            json(ops::re_encrypt(kr, req))
        }
        R::GenerateDataKey(r) => generate_data_key(kr, r, true),
        R::GenerateDataKeyWithoutPlaintext(r) => generate_data_key(kr, r, false),
        R::GenerateRandom(r) => json(ops::generate_random(
            r.number_of_bytes.ok_or_else(|| {
                Error::validation("NumberOfBytes: give how many random bytes, 1 to 1024")
            })?,
            r.custom_key_store_id.as_deref(),
        )),
        R::EnableKeyRotation(r) => empty(ops::enable_key_rotation(
            kr,
            &r.key_id,
            r.rotation_period_in_days,
        )),
        R::DisableKeyRotation(r) => empty(ops::disable_key_rotation(kr, &r.key_id)),
        R::GetKeyRotationStatus(r) => json(ops::get_key_rotation_status(kr, &r.key_id)),
        R::RotateKeyOnDemand(r) => json(ops::rotate_key_on_demand(kr, &r.key_id)),
        R::ListKeyRotations(r) => {
            let include = r
                .include_key_material
                .as_deref()
                .map(str::parse)
                .transpose()?
                .unwrap_or_default();
            json(ops::list_key_rotations(
                kr,
                &r.key_id,
                include,
                r.limit,
                r.marker.as_deref(),
            ))
        }
        R::GetPublicKey(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::get_public_key(kr, &r.key_id))
        }
        R::Sign(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::sign(
                kr,
                &r.key_id,
                r.message.expose(),
                r.message_type.unwrap_or_default(),
                r.signing_algorithm,
            ))
        }
        R::Verify(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::verify(
                kr,
                &r.key_id,
                r.message.expose(),
                r.message_type.unwrap_or_default(),
                r.signature.expose(),
                r.signing_algorithm,
            ))
        }
        R::GenerateMac(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::generate_mac(
                kr,
                &r.key_id,
                r.message.expose(),
                r.mac_algorithm,
            ))
        }
        R::VerifyMac(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::verify_mac(
                kr,
                &r.key_id,
                r.message.expose(),
                r.mac.expose(),
                r.mac_algorithm,
            ))
        }
        R::GenerateDataKeyPair(r) => generate_data_key_pair(kr, r, true),
        R::GenerateDataKeyPairWithoutPlaintext(r) => generate_data_key_pair(kr, r, false),
        R::DeriveSharedSecret(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            if r.recipient.is_some() {
                return Err(Error::UnsupportedOperation(
                    "Recipient (a Nitro enclave attestation) is not supported: a keyring has no enclaves; omit it to get SharedSecret".into(),
                ));
            }
            json(ops::derive_shared_secret(
                kr,
                &r.key_id,
                r.key_agreement_algorithm,
                r.public_key.expose(),
            ))
        }
        R::GetKeyLastUsage(r) => json(ops::get_key_last_usage(kr, &r.key_id)),
        R::GetParametersForImport(r) => json(ops::get_parameters_for_import(
            kr,
            &r.key_id,
            r.wrapping_algorithm,
            r.wrapping_key_spec,
        )),
        R::ImportKeyMaterial(r) => json(ops::import_key_material(
            kr,
            &r.key_id,
            ops::ImportKeyMaterial {
                encrypted_key_material: r.encrypted_key_material.expose(),
                import_token: r.import_token.expose(),
                expiration_model: r.expiration_model,
                valid_to: r.valid_to,
                import_type: r.import_type.unwrap_or_default(),
                key_material_id: r.key_material_id.as_deref(),
                key_material_description: r.key_material_description.clone(),
            },
        )),
        R::DeleteImportedKeyMaterial(r) => json(ops::delete_imported_key_material(
            kr,
            &r.key_id,
            r.key_material_id.as_deref(),
        )),
        R::PutKeyPolicy(r) => empty(ops::put_key_policy(
            kr,
            &r.key_id,
            r.policy_name.as_deref(),
            &r.policy,
            r.bypass_policy_lockout_safety_check,
        )),
        R::GetKeyPolicy(r) => json(ops::get_key_policy(kr, &r.key_id, r.policy_name.as_deref())),
        R::ListKeyPolicies(r) => json(ops::list_key_policies(
            kr,
            &r.key_id,
            r.limit,
            r.marker.as_deref(),
        )),
        R::CreateGrant(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::create_grant(
                kr,
                &r.key_id,
                ops::CreateGrant {
                    grantee_principal: r.grantee_principal.clone(),
                    retiring_principal: r.retiring_principal.clone(),
                    operations: r.operations.clone(),
                    constraints: r.constraints.clone(),
                    name: r.name.clone(),
                },
            ))
        }
        R::ListGrants(r) => json(ops::list_grants(
            kr,
            &r.key_id,
            r.grant_id.as_deref(),
            r.grantee_principal.as_deref(),
            r.limit,
            r.marker.as_deref(),
        )),
        R::ListRetirableGrants(r) => json(ops::list_retirable_grants(
            kr,
            &r.retiring_principal,
            r.limit,
            r.marker.as_deref(),
        )),
        R::RetireGrant(r) => {
            let grant = match (&r.grant_token, &r.key_id, &r.grant_id) {
                (Some(t), _, _) => ops::GrantRef::Token(t),
                (None, Some(k), Some(g)) => ops::GrantRef::Id {
                    key_ref: k,
                    grant_id: g,
                },
                _ => {
                    return Err(Error::validation("give GrantToken, or KeyId and GrantId"));
                }
            };
            empty(ops::retire_grant(kr, grant))
        }
        R::RevokeGrant(r) => empty(ops::revoke_grant(kr, &r.key_id, &r.grant_id)),
        // ML-KEM (issue 17, branch kem).
        R::Encapsulate(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::encapsulate(kr, &r.key_id, r.encapsulation_algorithm))
        }
        R::Decapsulate(r) => {
            ops::check_grant_tokens(kr, &r.grant_tokens)?;
            json(ops::decapsulate(
                kr,
                &r.key_id,
                r.shared_secret_ciphertext_blob.expose(),
                r.encapsulation_algorithm,
            ))
        }
    }
}

fn generate_data_key(
    kr: &mut Keyring,
    r: &GenerateDataKeyRequest,
    with_plaintext: bool,
) -> Result<Value> {
    ops::check_grant_tokens(kr, &r.grant_tokens)?;
    let size = ops::DataKeySize::from_params(r.key_spec.as_deref(), r.number_of_bytes)?;
    json(ops::generate_data_key(
        kr,
        &r.key_id,
        size,
        &context(&r.encryption_context)?,
        with_plaintext,
    ))
}

fn generate_data_key_pair(
    kr: &mut Keyring,
    r: &GenerateDataKeyPairRequest,
    with_plaintext: bool,
) -> Result<Value> {
    ops::check_grant_tokens(kr, &r.grant_tokens)?;
    json(ops::generate_data_key_pair(
        kr,
        &r.key_id,
        r.key_pair_spec,
        &context(&r.encryption_context)?,
        with_plaintext,
    ))
}
