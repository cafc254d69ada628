//! `get-key-last-usage`: when and how a key was last used for a successful
//! cryptographic operation, from the audit trail (issue 17).

use serde::Serialize;
use time::OffsetDateTime;

use crate::audit;
use crate::error::{Error, Result};
use crate::keyring::Keyring;

/// Response of `get-key-last-usage`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetKeyLastUsageResponse {
    /// The key id.
    pub key_id: String,
    /// The last use; an empty object when none is on record.
    pub key_last_usage: KeyLastUsage,
    /// Since when uses are on record: the key's creation or the oldest
    /// audit record kept, whichever is later.
    #[serde(serialize_with = "crate::timestamp::serialize")]
    pub tracking_start_date: OffsetDateTime,
    /// When the key was created.
    #[serde(serialize_with = "crate::timestamp::serialize")]
    pub key_creation_date: OffsetDateTime,
}

/// The last successful cryptographic use of a key (AWS's KeyLastUsageData).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyLastUsage {
    /// The operation, as AWS's KeyLastUsageTrackingOperation names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<&'static str>,
    /// When.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::timestamp::serialize_opt"
    )]
    pub timestamp: Option<OffsetDateTime>,
    /// The audit record's sequence number (`lkms audit show` lists it as
    /// Seq), standing for CloudTrail's eventId.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_trail_event_id: Option<String>,
}

/// `get-key-last-usage`: the key by id or ARN (AWS takes no alias here).
pub fn get_key_last_usage(kr: &Keyring, key_ref: &str) -> Result<GetKeyLastUsageResponse> {
    if key_ref.starts_with("alias/") || key_ref.contains(":alias/") {
        return Err(Error::NotFound(format!(
            "GetKeyLastUsage takes a key id or key ARN, not an alias ({key_ref})"
        )));
    }
    let key = kr.resolve_authorized(key_ref, "GetKeyLastUsage", None)?;
    let id = key.id.to_string();
    let last = kr.key_last_usage(&id)?;
    let usage = match last {
        Some(r) => KeyLastUsage {
            operation: audit::tracked_usage(&r.operation),
            timestamp: crate::timestamp::parse(&r.time),
            cloud_trail_event_id: Some(r.seq.to_string()),
        },
        None => KeyLastUsage::default(),
    };
    let tracking_start = kr
        .audit_start()?
        .filter(|t| *t > key.created)
        .unwrap_or(key.created);
    Ok(GetKeyLastUsageResponse {
        key_id: id,
        key_last_usage: usage,
        tracking_start_date: tracking_start,
        key_creation_date: key.created,
    })
}
