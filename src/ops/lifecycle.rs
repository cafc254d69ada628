//! Key lifecycle: create, describe, list, enable/disable, deletion, aliases,
//! tags and maintenance.

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::page::paginate;
use crate::error::{Error, Result};
use crate::key::{
    Alias, AliasName, Key, KeyId, KeyManager, KeyMetadata, KeySpec, KeyState, KeyUsage, MAX_TAGS,
    Origin, Tag,
};
use crate::keyring::Keyring;

/// The shortest and longest deletion windows, in days, as in AWS.
pub const DELETION_WINDOW_DAYS: std::ops::RangeInclusive<u32> = 7..=30;
/// The deletion window used when none is given.
pub const DEFAULT_DELETION_WINDOW_DAYS: u32 = 30;

/// Parameters of `create-key`.
#[derive(Debug, Default, Clone)]
pub struct CreateKey {
    /// Description.
    pub description: String,
    /// Spec (default SYMMETRIC_DEFAULT).
    pub key_spec: Option<KeySpec>,
    /// Usage (default: the spec's first allowed usage).
    pub key_usage: Option<KeyUsage>,
    /// Origin (default AWS_KMS).
    pub origin: Option<Origin>,
    /// Tags.
    pub tags: Vec<Tag>,
    /// The key policy (default: AWS's default key policy,
    /// [`crate::policy::DEFAULT_POLICY`], for the keyring's account).
    pub policy: Option<String>,
    /// Skip the lockout safety check of the policy.
    pub bypass_policy_lockout_safety_check: bool,
    /// AWS's deprecated name for `key_spec`; the two may not disagree.
    pub customer_master_key_spec: Option<KeySpec>,
    /// A custom key store to create the key in; a keyring has none.
    pub custom_key_store_id: Option<String>,
    /// The key's id in an external key store; a keyring has none.
    pub xks_key_id: Option<String>,
    /// A multi-Region primary key; a keyring has one Region.
    pub multi_region: bool,
}

/// The refusal of a custom key store id: a keyring has no custom key stores
/// (CloudHSM or external), so no id names one, as AWS answers for an id
/// that does not exist.
pub fn no_custom_key_store(id: &str) -> Error {
    Error::CustomKeyStoreNotFound(format!(
        "custom key store {id} does not exist: a keyring has no custom key stores"
    ))
}

/// Where the key would live: the keyring itself, in its one Region.
fn check_placement(kr: &Keyring, req: &CreateKey) -> Result<()> {
    if let Some(id) = &req.custom_key_store_id {
        return Err(no_custom_key_store(id));
    }
    if req.xks_key_id.is_some() {
        return Err(Error::validation(
            "XksKeyId needs the CustomKeyStoreId of an external key store",
        ));
    }
    if req.multi_region {
        return Err(Error::UnsupportedOperation(format!(
            "a multi-Region key is replicated to other Regions; a keyring has one Region, {}",
            kr.region()
        )));
    }
    Ok(())
}

/// The key spec of a request that may name it twice (KeySpec and the
/// deprecated CustomerMasterKeySpec).
fn spec_of(req: &CreateKey) -> Result<KeySpec> {
    // The deprecated member's enum stops at the specs of 2021.
    if let Some(s) = req.customer_master_key_spec
        && s.customer_master_key_spec().is_none()
    {
        return Err(Error::validation(format!(
            "CustomerMasterKeySpec has no value {}; give it as KeySpec",
            s.name()
        )));
    }
    match (req.key_spec, req.customer_master_key_spec) {
        (Some(a), Some(b)) if a != b => Err(Error::validation(
            "KeySpec and CustomerMasterKeySpec disagree; give only KeySpec",
        )),
        (_, Some(b)) if b.customer_master_key_spec().is_none() => Err(Error::validation(format!(
            "CustomerMasterKeySpec has no value {}; give it as KeySpec",
            b.name()
        ))),
        (a, b) => Ok(a.or(b).unwrap_or(KeySpec::SymmetricDefault)),
    }
}

/// Response of `create-key` and `describe-key`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyMetadataResponse {
    /// The key's metadata.
    pub key_metadata: KeyMetadata,
}

/// A key in `list-keys`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyListEntry {
    /// The key id.
    pub key_id: String,
    /// The key ARN.
    pub key_arn: String,
}

/// Response of `list-keys`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListKeysResponse {
    /// This page of keys.
    pub keys: Vec<KeyListEntry>,
    /// Whether there are more.
    pub truncated: bool,
    /// The marker for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// Response of `schedule-key-deletion`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScheduleKeyDeletionResponse {
    /// The key ARN.
    pub key_id: String,
    /// When the key will be destroyed.
    #[serde(serialize_with = "crate::timestamp::serialize")]
    pub deletion_date: OffsetDateTime,
    /// Always PendingDeletion.
    pub key_state: &'static str,
    /// The window asked for.
    pub pending_window_in_days: u32,
}

/// Response of `cancel-key-deletion`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyIdResponse {
    /// The key ARN.
    pub key_id: String,
}

/// An alias in `list-aliases`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliasListEntry {
    /// `alias/...`.
    pub alias_name: String,
    /// The alias ARN.
    pub alias_arn: String,
    /// The key it points at.
    pub target_key_id: String,
    /// When it was created.
    #[serde(serialize_with = "crate::timestamp::serialize")]
    pub creation_date: OffsetDateTime,
    /// When it last changed.
    #[serde(serialize_with = "crate::timestamp::serialize")]
    pub last_updated_date: OffsetDateTime,
}

/// Response of `list-aliases`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAliasesResponse {
    /// This page of aliases.
    pub aliases: Vec<AliasListEntry>,
    /// Whether there are more.
    pub truncated: bool,
    /// The marker for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// Response of `list-resource-tags`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListResourceTagsResponse {
    /// This page of tags.
    pub tags: Vec<Tag>,
    /// Whether there are more.
    pub truncated: bool,
    /// The marker for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// Response of `maintain`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MaintainResponse {
    /// Keys destroyed because their deletion date had passed.
    pub deleted_keys: Vec<String>,
    /// Keys rotated because a rotation was due.
    pub rotated_keys: Vec<String>,
    /// Keys whose imported material expired and was destroyed.
    pub expired_key_material: Vec<String>,
    /// Keys past their deletion date that the caller may not delete: they
    /// stay PendingDeletion, unusable, until a principal allowed
    /// kms:ScheduleKeyDeletion on them runs a write (e.g. `maintain`).
    pub keys_awaiting_deletion: Vec<String>,
}

fn validate_description(d: &str) -> Result<()> {
    if d.chars().count() > 8192 {
        return Err(Error::validation(
            "the description is longer than 8192 characters",
        ));
    }
    Ok(())
}

fn validate_new_tags(tags: &[Tag]) -> Result<()> {
    for (i, t) in tags.iter().enumerate() {
        t.validate()?;
        if tags[..i].iter().any(|o| o.tag_key == t.tag_key) {
            return Err(Error::Tag(format!(
                "tag key {:?} is given twice",
                t.tag_key
            )));
        }
    }
    Ok(())
}

/// Refuses changes to the managed default key that AWS refuses for its
/// managed keys.
fn customer_only(kr: &Keyring, key: &Key, operation: &str) -> Result<()> {
    if key.manager == KeyManager::Managed {
        return Err(Error::UnsupportedOperation(format!(
            "{operation} is not allowed on the managed key {}",
            kr.key_arn(&key.id)
        )));
    }
    Ok(())
}

/// `create-key`.
pub fn create_key(kr: &mut Keyring, req: CreateKey) -> Result<KeyMetadataResponse> {
    validate_description(&req.description)?;
    validate_new_tags(&req.tags)?;
    if req.tags.len() > MAX_TAGS {
        return Err(Error::Tag(format!("a key carries at most {MAX_TAGS} tags")));
    }
    check_placement(kr, &req)?;
    let spec = spec_of(&req)?;
    let usage = spec.usage_for(req.key_usage)?;
    let origin = req.origin.unwrap_or(Origin::Generated);
    // ML-KEM (issue 17, branch kem): AWS imports no ML-KEM key material.
    if origin == Origin::External
        && matches!(
            spec.family(),
            crate::key::KeyFamily::MlKem | crate::key::KeyFamily::Hybrid
        )
    {
        return Err(Error::UnsupportedOperation(format!(
            "{} keys cannot have imported key material (Origin EXTERNAL), as in AWS KMS",
            spec.name()
        )));
    }
    let mut key = Key::new(spec, usage, origin, kr.now(), kr.default_policy())?;
    if let Some(text) = &req.policy {
        let policy = crate::policy::PolicyDocument::parse(text)?;
        super::check_lockout(kr, &policy, req.bypass_policy_lockout_safety_check)?;
        key.policy = policy;
    }
    key.description = req.description;
    key.tags = req.tags;
    let metadata = key.metadata(kr.key_arn(&key.id), kr.now());
    kr.insert_key(key)?;
    Ok(KeyMetadataResponse {
        key_metadata: metadata,
    })
}

/// `describe-key`.
pub fn describe_key(kr: &Keyring, key_ref: &str) -> Result<KeyMetadataResponse> {
    let key = kr.resolve_authorized(key_ref, "DescribeKey", None)?;
    Ok(KeyMetadataResponse {
        key_metadata: key.metadata(kr.key_arn(&key.id), kr.now()),
    })
}

/// `list-keys`.
pub fn list_keys(
    kr: &Keyring,
    limit: Option<u32>,
    marker: Option<&str>,
    owners: &[ResourceOwner],
) -> Result<ListKeysResponse> {
    let limit = super::limit_of(limit)?;
    super::check_marker(marker)?;
    if owners.len() > 2 {
        return Err(Error::validation("ResourceOwners takes one or two values"));
    }
    // No other account shares keys with a keyring's account.
    let (ids, more) = if owners.is_empty() || owners.contains(&ResourceOwner::Own) {
        kr.key_ids(marker, limit)?
    } else {
        (Vec::new(), false)
    };
    let next_marker = more.then(|| ids.last().map(KeyId::to_string)).flatten();
    Ok(ListKeysResponse {
        keys: ids
            .iter()
            .map(|id| KeyListEntry {
                key_id: id.to_string(),
                key_arn: kr.key_arn(id),
            })
            .collect(),
        truncated: next_marker.is_some(),
        next_marker,
    })
}

/// Whose keys `list-keys` lists (AWS's ResourceOwners).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceOwner {
    /// `SELF`: the keyring's own keys, the default.
    Own,
    /// `OTHER_ACCOUNTS_VIA_RAM`: keys other accounts share through Resource
    /// Access Manager; a keyring has none.
    OtherAccountsViaRam,
}

impl std::str::FromStr for ResourceOwner {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "SELF" => Ok(ResourceOwner::Own),
            "OTHER_ACCOUNTS_VIA_RAM" => Ok(ResourceOwner::OtherAccountsViaRam),
            _ => Err(Error::validation(format!(
                "ResourceOwners {s:?}: SELF or OTHER_ACCOUNTS_VIA_RAM"
            ))),
        }
    }
}

/// `update-key-description`.
pub fn update_key_description(kr: &mut Keyring, key_ref: &str, description: String) -> Result<()> {
    validate_description(&description)?;
    let key = kr.resolve_authorized(key_ref, "UpdateKeyDescription", None)?;
    customer_only(kr, &key, "UpdateKeyDescription")?;
    kr.resolve_mut(key_ref)?.description = description;
    Ok(())
}

/// `enable-key`.
pub fn enable_key(kr: &mut Keyring, key_ref: &str) -> Result<()> {
    set_enabled(kr, key_ref, true)
}

/// `disable-key`.
pub fn disable_key(kr: &mut Keyring, key_ref: &str) -> Result<()> {
    set_enabled(kr, key_ref, false)
}

fn set_enabled(kr: &mut Keyring, key_ref: &str, enabled: bool) -> Result<()> {
    let (op, target) = if enabled {
        ("EnableKey", KeyState::Enabled)
    } else {
        ("DisableKey", KeyState::Disabled)
    };
    let key = kr.resolve_authorized(key_ref, op, None)?;
    customer_only(kr, &key, op)?;
    match key.state {
        KeyState::Enabled | KeyState::Disabled => {}
        state => {
            return Err(Error::InvalidState {
                key: kr.key_arn(&key.id),
                state: state.name(),
                operation: op,
            });
        }
    }
    kr.resolve_mut(key_ref)?.state = target;
    Ok(())
}

/// `schedule-key-deletion`.
pub fn schedule_key_deletion(
    kr: &mut Keyring,
    key_ref: &str,
    window_days: Option<u32>,
) -> Result<ScheduleKeyDeletionResponse> {
    let window = window_days.unwrap_or(DEFAULT_DELETION_WINDOW_DAYS);
    if !DELETION_WINDOW_DAYS.contains(&window) {
        return Err(Error::validation(format!(
            "PendingWindowInDays {window} is out of range: it must be {} to {} days",
            DELETION_WINDOW_DAYS.start(),
            DELETION_WINDOW_DAYS.end()
        )));
    }
    let key = kr.resolve_authorized(key_ref, "ScheduleKeyDeletion", None)?;
    customer_only(kr, &key, "ScheduleKeyDeletion")?;
    if let KeyState::PendingDeletion { .. } = key.state {
        return Err(Error::InvalidState {
            key: kr.key_arn(&key.id),
            state: key.state.name(),
            operation: "ScheduleKeyDeletion",
        });
    }
    let arn = kr.key_arn(&key.id);
    let deletion_date = kr.now() + Duration::days(i64::from(window));
    kr.resolve_mut(key_ref)?.state = KeyState::PendingDeletion {
        deletion_date,
        window_days: window,
    };
    Ok(ScheduleKeyDeletionResponse {
        key_id: arn,
        deletion_date,
        key_state: "PendingDeletion",
        pending_window_in_days: window,
    })
}

/// `cancel-key-deletion`: the key comes back Disabled (or PendingImport when
/// it has no material), as in AWS.
pub fn cancel_key_deletion(kr: &mut Keyring, key_ref: &str) -> Result<KeyIdResponse> {
    let key = kr.resolve_authorized(key_ref, "CancelKeyDeletion", None)?;
    if !matches!(key.state, KeyState::PendingDeletion { .. }) {
        return Err(Error::InvalidState {
            key: kr.key_arn(&key.id),
            state: key.state.name(),
            operation: "CancelKeyDeletion",
        });
    }
    // Past its date the deletion is decided; only its destruction remains.
    if let KeyState::PendingDeletion { deletion_date, .. } = key.state
        && key.deletion_window_ended(kr.now())
    {
        return Err(Error::DeletionWindowEnded {
            key: kr.key_arn(&key.id),
            date: crate::timestamp::format(deletion_date),
        });
    }
    let arn = kr.key_arn(&key.id);
    let key = kr.resolve_mut(key_ref)?;
    key.state = if key.materials.is_empty() {
        KeyState::PendingImport
    } else {
        KeyState::Disabled
    };
    Ok(KeyIdResponse { key_id: arn })
}

/// `create-alias`.
pub fn create_alias(kr: &mut Keyring, alias_name: &str, target_key_ref: &str) -> Result<()> {
    let name = AliasName::customer(alias_name)?;
    let target = alias_target(kr, target_key_ref, "CreateAlias")?;
    if kr.alias(&name)?.is_some() {
        return Err(Error::AlreadyExists(format!(
            "alias {} already exists",
            kr.alias_arn(&name)
        )));
    }
    let now = kr.now();
    // An alias of a key destroyed earlier may linger until the next
    // maintenance; the new alias replaces it.
    kr.put_alias(Alias {
        name,
        target,
        created: now,
        updated: now,
    })
}

/// The key an alias may point at: a customer key, named by id or ARN.
fn alias_target(kr: &Keyring, target_key_ref: &str, operation: &str) -> Result<KeyId> {
    if target_key_ref.starts_with("alias/") || target_key_ref.contains(":alias/") {
        return Err(Error::validation(
            "the target of an alias must be a key id or key ARN, not another alias",
        ));
    }
    let key = kr.resolve_authorized(target_key_ref, operation, None)?;
    customer_only(kr, &key, operation)?;
    Ok(key.id)
}

/// `update-alias`.
pub fn update_alias(kr: &mut Keyring, alias_name: &str, target_key_ref: &str) -> Result<()> {
    let name = AliasName::customer(alias_name)?;
    let target = alias_target(kr, target_key_ref, "UpdateAlias")?;
    let mut alias = kr
        .alias(&name)?
        .ok_or_else(|| Error::NotFound(format!("alias {} is not found", kr.alias_arn(&name))))?;
    let (old, new) = (kr.key(&alias.target)?, kr.key(&target)?);
    kr.authorize(&old, "UpdateAlias", None)?;
    if (old.spec, old.usage) != (new.spec, new.usage) {
        return Err(Error::validation(format!(
            "alias {name} points at a {} {} key; it can only move to a key of the same spec and usage",
            old.spec.name(),
            old.usage.name()
        )));
    }
    alias.target = target;
    alias.updated = kr.now();
    kr.put_alias(alias)
}

/// `delete-alias`.
pub fn delete_alias(kr: &mut Keyring, alias_name: &str) -> Result<()> {
    let name = AliasName::customer(alias_name)?;
    let target = kr
        .alias(&name)?
        .map(|a| a.target)
        .ok_or_else(|| Error::NotFound(format!("alias {} is not found", kr.alias_arn(&name))))?;
    kr.authorize(&kr.key(&target)?, "DeleteAlias", None)?;
    kr.remove_alias(&name)?;
    Ok(())
}

/// `list-aliases`, optionally only those of one key.
pub fn list_aliases(
    kr: &Keyring,
    key_ref: Option<&str>,
    limit: Option<u32>,
    marker: Option<&str>,
) -> Result<ListAliasesResponse> {
    let only = key_ref.map(|r| kr.resolve_id(r)).transpose()?;
    let limit = super::limit_of(limit)?;
    super::check_marker(marker)?;
    let (aliases, next_marker) = kr.aliases_page(only.as_ref(), marker, limit)?;
    Ok(ListAliasesResponse {
        aliases: aliases
            .iter()
            .map(|a| AliasListEntry {
                alias_name: a.name.to_string(),
                alias_arn: kr.alias_arn(&a.name),
                target_key_id: a.target.to_string(),
                creation_date: a.created,
                last_updated_date: a.updated,
            })
            .collect(),
        truncated: next_marker.is_some(),
        next_marker,
    })
}

/// `tag-resource`: adds tags, replacing the values of keys already there.
pub fn tag_resource(kr: &mut Keyring, key_ref: &str, tags: Vec<Tag>) -> Result<()> {
    validate_new_tags(&tags)?;
    let key = kr.resolve_authorized(key_ref, "TagResource", None)?;
    customer_only(kr, &key, "TagResource")?;
    let mut merged = key.tags.clone();
    for t in tags {
        match merged.iter_mut().find(|o| o.tag_key == t.tag_key) {
            Some(o) => o.tag_value = t.tag_value,
            None => merged.push(t),
        }
    }
    if merged.len() > MAX_TAGS {
        return Err(Error::Tag(format!("a key carries at most {MAX_TAGS} tags")));
    }
    kr.resolve_mut(key_ref)?.tags = merged;
    Ok(())
}

/// `untag-resource`.
pub fn untag_resource(kr: &mut Keyring, key_ref: &str, tag_keys: &[String]) -> Result<()> {
    let key = kr.resolve_authorized(key_ref, "UntagResource", None)?;
    customer_only(kr, &key, "UntagResource")?;
    kr.resolve_mut(key_ref)?
        .tags
        .retain(|t| !tag_keys.contains(&t.tag_key));
    Ok(())
}

/// `list-resource-tags`.
pub fn list_resource_tags(
    kr: &Keyring,
    key_ref: &str,
    limit: Option<u32>,
    marker: Option<&str>,
) -> Result<ListResourceTagsResponse> {
    let key = kr.resolve_authorized(key_ref, "ListResourceTags", None)?;
    let page = paginate(key.tags.clone(), |t| t.tag_key.clone(), limit, marker)?;
    Ok(ListResourceTagsResponse {
        tags: page.items,
        truncated: page.next_marker.is_some(),
        next_marker: page.next_marker,
    })
}

/// `maintain`: reports what the maintenance at the start of this write did.
pub fn maintain(kr: &Keyring) -> MaintainResponse {
    MaintainResponse {
        deleted_keys: kr
            .maintenance()
            .deleted
            .iter()
            .map(|id| id.to_string())
            .collect(),
        rotated_keys: kr
            .maintenance()
            .rotated
            .iter()
            .map(|id| id.to_string())
            .collect(),
        expired_key_material: kr
            .maintenance()
            .expired
            .iter()
            .map(|id| id.to_string())
            .collect(),
        keys_awaiting_deletion: kr
            .maintenance()
            .awaiting_deletion
            .iter()
            .map(|id| id.to_string())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deprecated_spec_member_takes_the_2021_specs_only() {
        let req = |cmk| CreateKey {
            customer_master_key_spec: Some(cmk),
            ..CreateKey::default()
        };
        assert_eq!(
            spec_of(&req(KeySpec::EccNistP384)).ok(),
            Some(KeySpec::EccNistP384)
        );
        assert!(spec_of(&req(KeySpec::MlDsa44)).is_err());
        assert!(spec_of(&req(KeySpec::EccNistEdwards25519)).is_err());
    }
}
