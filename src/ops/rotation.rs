//! Rotation operations: enable/disable automatic rotation, its status,
//! on-demand rotation and the rotation history.

use serde::Serialize;
use time::OffsetDateTime;

use super::page::paginate;
use crate::error::{Error, Result};
use crate::key::{
    DEFAULT_ROTATION_PERIOD_DAYS, Key, KeyFamily, KeyManager, KeyState, MAX_ON_DEMAND_ROTATIONS,
    Origin, ROTATION_PERIOD_DAYS, RotationSchedule, RotationType,
};
use crate::keyring::Keyring;

/// Response of `get-key-rotation-status`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyRotationStatusResponse {
    /// ARN of the key.
    pub key_id: String,
    /// Whether automatic rotation is on.
    pub key_rotation_enabled: bool,
    /// The period, when rotation is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation_period_in_days: Option<u32>,
    /// When the next automatic rotation is due.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::timestamp::serialize_opt"
    )]
    pub next_rotation_date: Option<OffsetDateTime>,
    /// Set by AWS while an on-demand rotation is in progress. lkms rotates at
    /// once, so no rotation is ever in progress and this is never present.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::timestamp::serialize_opt"
    )]
    pub on_demand_rotation_start_date: Option<OffsetDateTime>,
}

/// One entry of `list-key-rotations`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RotationEntry {
    /// ARN of the key.
    pub key_id: String,
    /// The material the rotation made current.
    pub key_material_id: String,
    /// What the importer said the material is (imported material only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_material_description: Option<String>,
    /// IMPORTED or PENDING_IMPORT (imported material only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import_state: Option<&'static str>,
    /// CURRENT for the key's current material, NON_CURRENT otherwise,
    /// PENDING_ROTATION for imported material the next rotation makes current.
    pub key_material_state: &'static str,
    /// Whether imported material expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_model: Option<crate::key::ExpirationModel>,
    /// When imported material expires.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::timestamp::serialize_opt"
    )]
    pub valid_to: Option<OffsetDateTime>,
    /// When the rotation happened (none for the first material).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::timestamp::serialize_opt"
    )]
    pub rotation_date: Option<OffsetDateTime>,
    /// AUTOMATIC or ON_DEMAND (none for the first material).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation_type: Option<RotationType>,
}

/// Which materials `list-key-rotations` lists (AWS's IncludeKeyMaterial).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IncludeKeyMaterial {
    /// `ROTATIONS_ONLY`, the default: the materials rotations made.
    #[default]
    RotationsOnly,
    /// `ALL_KEY_MATERIAL`: the first material and imported material waiting
    /// for a rotation too.
    All,
}

impl std::str::FromStr for IncludeKeyMaterial {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "ROTATIONS_ONLY" => Ok(IncludeKeyMaterial::RotationsOnly),
            "ALL_KEY_MATERIAL" => Ok(IncludeKeyMaterial::All),
            _ => Err(Error::validation(format!(
                "IncludeKeyMaterial {s:?}: ALL_KEY_MATERIAL or ROTATIONS_ONLY"
            ))),
        }
    }
}

/// Response of `list-key-rotations`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListKeyRotationsResponse {
    /// This page of rotations, oldest first.
    pub rotations: Vec<RotationEntry>,
    /// Whether there are more.
    pub truncated: bool,
    /// The marker for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// Response of `rotate-key-on-demand`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RotateKeyOnDemandResponse {
    /// ARN of the key.
    pub key_id: String,
}

/// Refuses rotation changes AWS refuses: asymmetric and HMAC keys, managed
/// keys (their schedule is fixed), and imported material (rotated by hand).
fn rotatable(kr: &Keyring, key: &Key, operation: &str, on_demand: bool) -> Result<()> {
    let arn = kr.key_arn(&key.id);
    if key.spec.family() != KeyFamily::Symmetric {
        return Err(Error::UnsupportedOperation(format!(
            "{operation}: {arn} is a {} key; only symmetric keys rotate",
            key.spec.name()
        )));
    }
    if key.manager == KeyManager::Managed {
        return Err(Error::UnsupportedOperation(format!(
            "{operation}: {arn} is the managed default key; it rotates every 1095 days and that cannot be changed"
        )));
    }
    if key.origin == Origin::External && !on_demand {
        return Err(Error::UnsupportedOperation(format!(
            "{operation}: {arn} has imported key material, which never rotates automatically; \
             import NEW_KEY_MATERIAL and run rotate-key-on-demand"
        )));
    }
    if matches!(
        key.state,
        KeyState::PendingDeletion { .. } | KeyState::PendingImport
    ) {
        return Err(Error::InvalidState {
            key: arn,
            state: key.state.name(),
            operation: "rotation changes",
        });
    }
    Ok(())
}

/// `enable-key-rotation`: the first rotation comes one period from now.
pub fn enable_key_rotation(
    kr: &mut Keyring,
    key_ref: &str,
    period_days: Option<u32>,
) -> Result<()> {
    let period = period_days.unwrap_or(DEFAULT_ROTATION_PERIOD_DAYS);
    if !ROTATION_PERIOD_DAYS.contains(&period) {
        return Err(Error::validation(format!(
            "RotationPeriodInDays {period} is out of range: {} to {}",
            ROTATION_PERIOD_DAYS.start(),
            ROTATION_PERIOD_DAYS.end()
        )));
    }
    rotatable(
        kr,
        &kr.resolve_authorized(key_ref, "EnableKeyRotation", None)?,
        "EnableKeyRotation",
        false,
    )?;
    let now = kr.now();
    kr.resolve_mut(key_ref)?.rotation = Some(RotationSchedule::starting(now, period));
    Ok(())
}

/// `disable-key-rotation`.
pub fn disable_key_rotation(kr: &mut Keyring, key_ref: &str) -> Result<()> {
    rotatable(
        kr,
        &kr.resolve_authorized(key_ref, "DisableKeyRotation", None)?,
        "DisableKeyRotation",
        false,
    )?;
    kr.resolve_mut(key_ref)?.rotation = None;
    Ok(())
}

/// `get-key-rotation-status`.
pub fn get_key_rotation_status(kr: &Keyring, key_ref: &str) -> Result<KeyRotationStatusResponse> {
    let key = kr.resolve_authorized(key_ref, "GetKeyRotationStatus", None)?;
    if key.spec.family() != KeyFamily::Symmetric {
        return Err(Error::UnsupportedOperation(format!(
            "{} is a {} key; only symmetric keys rotate",
            kr.key_arn(&key.id),
            key.spec.name()
        )));
    }
    Ok(KeyRotationStatusResponse {
        key_id: kr.key_arn(&key.id),
        key_rotation_enabled: key.rotation.is_some(),
        rotation_period_in_days: key.rotation.map(|s| s.period_days),
        next_rotation_date: key.rotation.map(|s| s.next_rotation),
        on_demand_rotation_start_date: None,
    })
}

/// `rotate-key-on-demand`: new material now, at most 25 times per key; the
/// automatic schedule does not move.
pub fn rotate_key_on_demand(kr: &mut Keyring, key_ref: &str) -> Result<RotateKeyOnDemandResponse> {
    let key = kr.resolve_authorized(key_ref, "RotateKeyOnDemand", None)?;
    rotatable(kr, &key, "RotateKeyOnDemand", true)?;
    kr.check_usable(&key, "RotateKeyOnDemand")?;
    let arn = kr.key_arn(&key.id);
    if key.on_demand_rotations >= MAX_ON_DEMAND_ROTATIONS {
        return Err(Error::LimitExceeded(format!(
            "{arn} has had {MAX_ON_DEMAND_ROTATIONS} on-demand rotations, the most a key may have"
        )));
    }
    let now = kr.now();
    kr.resolve_mut(key_ref)?
        .rotate(now, RotationType::OnDemand)?;
    Ok(RotateKeyOnDemandResponse { key_id: arn })
}

/// `list-key-rotations`, oldest first.
pub fn list_key_rotations(
    kr: &Keyring,
    key_ref: &str,
    include: IncludeKeyMaterial,
    limit: Option<u32>,
    marker: Option<&str>,
) -> Result<ListKeyRotationsResponse> {
    let key = kr.resolve_authorized(key_ref, "ListKeyRotations", None)?;
    if key.spec.family() != KeyFamily::Symmetric {
        return Err(Error::UnsupportedOperation(format!(
            "{} is a {} key; only symmetric keys rotate",
            kr.key_arn(&key.id),
            key.spec.name()
        )));
    }
    let arn = kr.key_arn(&key.id);
    let current = key.current_material().map(|m| m.id);
    let all = include == IncludeKeyMaterial::All;
    let entry = |m: &crate::key::KeyMaterial, state: &'static str| {
        let import = m.import.as_ref();
        RotationEntry {
            key_id: arn.clone(),
            key_material_id: m.id.to_string(),
            key_material_description: import.and_then(|i| i.description.clone()),
            import_state: import.map(|_| {
                if m.secret.is_some() {
                    "IMPORTED"
                } else {
                    "PENDING_IMPORT"
                }
            }),
            key_material_state: state,
            expiration_model: import.map(|i| i.expiration_model),
            valid_to: import.and_then(|i| i.valid_to),
            rotation_date: m.rotation.map(|_| m.created),
            rotation_type: m.rotation,
        }
    };
    let entries: Vec<(usize, RotationEntry)> = key
        .materials
        .iter()
        .enumerate()
        .filter(|(_, m)| all || m.rotation.is_some())
        .map(|(i, m)| {
            let state = if Some(m.id) == current {
                "CURRENT"
            } else {
                "NON_CURRENT"
            };
            (i, entry(m, state))
        })
        .chain(
            key.pending_material
                .iter()
                .filter(|_| all)
                .map(|m| (key.materials.len(), entry(m, "PENDING_ROTATION"))),
        )
        .collect();
    let page = paginate(entries, |(i, _)| format!("{i:08}"), limit, marker)?;
    Ok(ListKeyRotationsResponse {
        rotations: page.items.into_iter().map(|(_, e)| e).collect(),
        truncated: page.next_marker.is_some(),
        next_marker: page.next_marker,
    })
}
