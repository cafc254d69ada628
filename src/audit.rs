//! The audit trail: one sealed record per operation, allowed or denied,
//! inside the keyring itself.
//!
//! Each record is sealed like every other record (nothing about keys or
//! callers is readable on disk) and linked into a hash chain:
//! `hash(n) = SHA-256("lkms audit v2" ‖ hash(n-1) ‖ seq ‖ time ‖ blind
//! indexes ‖ sealed bytes)`. The keyring's authenticated state row holds
//! the chain's head (last sequence number and hash) and is updated in the
//! same transaction as each append, so truncating, deleting, reordering or
//! editing records, or rolling the head back alone, is reported by
//! [`Keyring::verify_audit`](crate::keyring::Keyring::verify_audit).
//! Deleting the trail means deleting the keyring.
//!
//! `audit prune` drops old records and keeps the chain verifiable from an
//! authenticated checkpoint (the sequence number and hash of the last
//! pruned record). Request parameters never include secrets: callers pass
//! only non-secret fields (plaintexts, messages and key material are left
//! out, as CloudTrail does).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::crypto;
use crate::store::AuditRow;

/// The principal recorded for maintenance done by lkms itself.
pub const SERVICE_PRINCIPAL: &str = "lkms:maintenance";

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// It succeeded.
    Success,
    /// A policy or grant refused it.
    Denied,
    /// It failed for another reason.
    Failed,
}

/// One audit record, as `audit show` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Record {
    /// Position in the trail, from 1.
    pub seq: u64,
    /// When the call happened (ISO 8601, as the AWS CLI prints times).
    pub time: String,
    /// Who called.
    pub principal: String,
    /// The AWS operation name, e.g. `Encrypt`.
    pub operation: String,
    /// The key concerned, when there is one.
    pub key_arn: Option<String>,
    /// The source key of a re-encrypt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_key_arn: Option<String>,
    /// Non-secret request parameters.
    pub request: Value,
    /// How it ended.
    pub outcome: Outcome,
    /// `<Exception>: <message>` when it did not succeed.
    pub error: Option<String>,
}

/// What a caller records; the trail fills in the sequence number.
#[derive(Debug, Clone)]
pub struct Entry {
    /// When.
    pub time: OffsetDateTime,
    /// Who.
    pub principal: String,
    /// The operation.
    pub operation: String,
    /// The key ARN, if any.
    pub key_arn: Option<String>,
    /// The source key ARN of a re-encrypt.
    pub source_key_arn: Option<String>,
    /// Non-secret request parameters.
    pub request: Value,
    /// How it ended.
    pub outcome: Outcome,
    /// The error, if any.
    pub error: Option<String>,
}

impl Entry {
    /// The record this entry becomes at position `seq`.
    pub fn into_record(self, seq: u64) -> Record {
        Record {
            seq,
            time: crate::timestamp::format(self.time),
            principal: self.principal,
            operation: self.operation,
            key_arn: self.key_arn,
            source_key_arn: self.source_key_arn,
            request: self.request,
            outcome: self.outcome,
            error: self.error,
        }
    }
}

/// The operation GetKeyLastUsage reports for a successful call of
/// `operation` (AWS's KeyLastUsageTrackingOperation), or `None` for calls
/// that are not cryptographic uses of a key. lkms's file commands count as
/// the KMS operation they perform on the key.
pub fn tracked_usage(operation: &str) -> Option<&'static str> {
    const TRACKED: &[&str] = &[
        "Decrypt",
        "DeriveSharedSecret",
        "Encrypt",
        "GenerateDataKey",
        "GenerateDataKeyPair",
        "GenerateDataKeyPairWithoutPlaintext",
        "GenerateDataKeyWithoutPlaintext",
        "GenerateMac",
        "ReEncrypt",
        "Sign",
        "Verify",
        "VerifyMac",
        "Encapsulate",
        "Decapsulate",
    ];
    match operation {
        "EncryptFile" => Some("GenerateDataKey"),
        "DecryptFile" => Some("Decrypt"),
        "RewrapFile" => Some("ReEncrypt"),
        op => TRACKED.iter().copied().find(|t| *t == op),
    }
}

/// The key id at the end of a key ARN (or the text itself), for the key index.
pub fn key_of_arn(arn: &str) -> &str {
    arn.rsplit_once(":key/").map_or(arn, |(_, id)| id)
}

/// The chain hash through `row`, given the hash before it.
pub(crate) fn chain(prev: &[u8], row: &AuditRow) -> [u8; 32] {
    use sha2::Digest;
    let opt = |v: Option<i64>| {
        v.map_or([0u8; 9], |x| {
            let mut b = [1u8; 9];
            b[1..].copy_from_slice(&x.to_be_bytes());
            b
        })
    };
    let mut h = sha2::Sha256::new();
    h.update(b"lkms audit v2");
    h.update(prev);
    h.update(row.seq.to_be_bytes());
    h.update(row.time.to_be_bytes());
    h.update(opt(row.key_ix));
    h.update(opt(row.source_key_ix));
    h.update(row.principal_ix.to_be_bytes());
    h.update(row.operation_ix.to_be_bytes());
    h.update(crypto::sha256(&row.data));
    h.finalize().into()
}

/// The hash before the first record of a trail.
pub(crate) const GENESIS: [u8; 32] = [0u8; 32];

/// The result of verifying the trail.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Verification {
    /// The keyring.
    pub path: String,
    /// How many records verified.
    pub records: u64,
    /// The first record's sequence number (after any pruned records).
    pub first_seq: u64,
    /// The last record's sequence number.
    pub last_seq: u64,
    /// Records pruned so far (the chain starts after them).
    pub pruned_through: u64,
}

/// What `audit show` and `audit export` select.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only records about this key (its id), as key or source key.
    pub key_id: Option<String>,
    /// Only this principal's records.
    pub principal: Option<String>,
    /// Only this operation's records.
    pub operation: Option<String>,
    /// At or after this time.
    pub since: Option<OffsetDateTime>,
    /// Before this time.
    pub before: Option<OffsetDateTime>,
    /// At most this many (the newest when `newest_first`).
    pub limit: Option<usize>,
    /// Newest first.
    pub newest_first: bool,
}

impl Filter {
    /// Whether a decrypted record matches (the blind indexes only narrow).
    pub fn matches(&self, r: &Record) -> bool {
        let key_ok = self.key_id.as_deref().is_none_or(|k| {
            [&r.key_arn, &r.source_key_arn]
                .into_iter()
                .flatten()
                .any(|a| key_of_arn(a) == k || a == k)
        });
        key_ok
            && self.principal.as_ref().is_none_or(|p| r.principal == *p)
            && self.operation.as_ref().is_none_or(|o| r.operation == *o)
    }
}

fn user_identity(principal: &str, account: &str) -> Value {
    if principal == SERVICE_PRINCIPAL {
        return json!({
            "type": "AWSService",
            "userName": principal,
            "principalId": principal,
            "invokedBy": "lkms",
        });
    }
    json!({
        "type": "IAMUser",
        "userName": principal,
        "principalId": principal,
        "arn": crate::arn::iam_user_arn(account, principal),
        "accountId": account,
    })
}

/// A record as a CloudTrail-like event, for a SIEM (`audit export`).
/// `account` is the keyring's: the caller's `userIdentity.arn` is
/// `arn:aws:iam::<account>:user/<principal>` (lkms's own maintenance is an
/// `AWSService` identity, without one).
pub fn to_cloudtrail(r: &Record, keyring_id: &str, account: &str) -> Value {
    let resources: Vec<Value> = [&r.key_arn, &r.source_key_arn]
        .into_iter()
        .flatten()
        .map(|arn| json!({"ARN": arn, "type": "AWS::KMS::Key"}))
        .collect();
    let (code, message) = match r.error.as_deref().and_then(|e| e.split_once(": ")) {
        Some((c, m)) => (Some(c), Some(m)),
        None => (r.error.as_deref(), None),
    };
    let mut event = json!({
        "eventVersion": "1.08",
        "eventTime": r.time,
        "eventSource": "kms.amazonaws.com",
        "eventName": r.operation,
        "eventID": format!("{keyring_id}-{}", r.seq),
        "eventType": "AwsApiCall",
        "eventCategory": "Management",
        "userIdentity": user_identity(&r.principal, account),
        "requestParameters": r.request,
        "resources": resources,
        "recipientAccountId": keyring_id,
        "lkmsSequence": r.seq,
        "lkmsOutcome": r.outcome,
    });
    if let Some(c) = code {
        event["errorCode"] = json!(c);
    }
    if let Some(m) = message {
        event["errorMessage"] = json!(m);
    }
    event
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(seq: u64) -> AuditRow {
        AuditRow {
            seq,
            time: 10,
            key_ix: Some(3),
            source_key_ix: None,
            principal_ix: 4,
            operation_ix: 5,
            data: vec![1, 2, 3],
            hash: Vec::new(),
        }
    }

    #[test]
    fn the_chain_binds_every_column() {
        let base = chain(&GENESIS, &row(1));
        let mut variants = vec![row(2)];
        let mut r = row(1);
        r.time = 11;
        variants.push(r);
        let mut r = row(1);
        r.key_ix = None;
        variants.push(r);
        let mut r = row(1);
        r.source_key_ix = Some(3);
        variants.push(r);
        let mut r = row(1);
        r.data[0] = 9;
        variants.push(r);
        for v in variants {
            assert_ne!(chain(&GENESIS, &v), base, "{v:?}");
        }
        assert_ne!(chain(&[1u8; 32], &row(1)), base);
    }

    #[test]
    fn cloudtrail_events_split_the_error() {
        let r = Entry {
            time: OffsetDateTime::UNIX_EPOCH,
            principal: "ci".into(),
            operation: "Decrypt".into(),
            key_arn: Some("arn:x:key/abc".into()),
            source_key_arn: None,
            request: json!({}),
            outcome: Outcome::Denied,
            error: Some("AccessDeniedException: no".into()),
        }
        .into_record(7);
        let e = to_cloudtrail(&r, "kr", "111122223333");
        assert_eq!(
            e["userIdentity"]["arn"],
            "arn:aws:iam::111122223333:user/ci"
        );
        assert_eq!(e["userIdentity"]["userName"], "ci");
        assert_eq!(e["errorCode"], "AccessDeniedException");
        assert_eq!(e["errorMessage"], "no");
        assert_eq!(e["resources"][0]["ARN"], "arn:x:key/abc");
        assert!(
            Filter {
                key_id: Some("abc".into()),
                ..Filter::default()
            }
            .matches(&r)
        );
    }
}
