//! Grants: permissions a principal gives another on one key, with optional
//! encryption-context constraints, retired or revoked later (AWS's CreateGrant).
//!
//! A grant only ever adds permission; an explicit Deny in the key policy
//! still wins. Grants take effect at once (lkms has no eventual
//! consistency), so grant tokens are accepted for compatibility and checked
//! for authenticity, but never needed.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::context::EncryptionContext;
use crate::crypto;
use crate::error::{Error, Result};
use crate::key::KeyId;
use crate::keyring::Principal;
use crate::secret::Key256;

/// A grant's id: 32 random bytes as 64 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GrantId([u8; 32]);

impl GrantId {
    /// A fresh random id.
    pub fn random() -> Self {
        let mut b = [0u8; 32];
        crypto::fill_random(&mut b);
        GrantId(b)
    }
}

impl fmt::Display for GrantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl std::str::FromStr for GrantId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        crate::encoding::parse_hex32(s).map(GrantId).ok_or_else(|| {
            Error::InvalidGrantId(format!("{s:?} is not a grant id (64 hex digits)"))
        })
    }
}

impl Serialize for GrantId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for GrantId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// The operations a grant can allow (AWS's list).
pub const GRANT_OPERATIONS: &[&str] = &[
    "Decrypt",
    "Encrypt",
    "GenerateDataKey",
    "GenerateDataKeyWithoutPlaintext",
    "ReEncryptFrom",
    "ReEncryptTo",
    "Sign",
    "Verify",
    "GetPublicKey",
    "CreateGrant",
    "RetireGrant",
    "DescribeKey",
    "GenerateDataKeyPair",
    "GenerateDataKeyPairWithoutPlaintext",
    "GenerateMac",
    "VerifyMac",
    // ML-KEM (issue 17, branch kem).
    "Encapsulate",
    "Decapsulate",
    "DeriveSharedSecret",
];

/// Encryption-context constraints of a grant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct GrantConstraints {
    /// The call's context must contain these pairs (it may have more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_context_subset: Option<BTreeMap<String, String>>,
    /// The call's context must be exactly this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_context_equals: Option<BTreeMap<String, String>>,
}

impl GrantConstraints {
    /// Whether a call with `ctx` satisfies the constraints.
    pub fn allow(&self, ctx: Option<&EncryptionContext>) -> bool {
        let empty = BTreeMap::new();
        let pairs = ctx.map(|c| c.pairs()).unwrap_or(&empty);
        let subset = self
            .encryption_context_subset
            .as_ref()
            .is_none_or(|s| s.iter().all(|(k, v)| pairs.get(k) == Some(v)));
        let equals = self
            .encryption_context_equals
            .as_ref()
            .is_none_or(|e| e == pairs);
        subset && equals
    }

    /// Whether constraints `child` are at least as strict as `parent`:
    /// every encryption context `child` allows, `parent` allows too (AWS's
    /// rule for a grant created under a grant's CreateGrant permission).
    /// `None` is no constraint at all.
    pub fn at_least_as_strict(child: Option<&Self>, parent: Option<&Self>) -> bool {
        let Some(parent) = parent else {
            return true;
        };
        let child = child.cloned().unwrap_or_default();
        let contains = |big: &BTreeMap<String, String>, small: &BTreeMap<String, String>| {
            small.iter().all(|(k, v)| big.get(k) == Some(v))
        };
        match &child.encryption_context_equals {
            // The child allows one context (or none, when its own subset
            // does not fit it): the parent must allow that one.
            Some(exact) => {
                let empty = BTreeMap::new();
                let subset = child.encryption_context_subset.as_ref().unwrap_or(&empty);
                if !contains(exact, subset) {
                    return true;
                }
                EncryptionContext::new(exact.clone())
                    .map(|ctx| parent.allow(Some(&ctx)))
                    .unwrap_or(false)
            }
            // The child allows every superset of its subset: the parent
            // must require no exact context and no pair the child does not.
            None => {
                let empty = BTreeMap::new();
                let subset = child.encryption_context_subset.as_ref().unwrap_or(&empty);
                parent.encryption_context_equals.is_none()
                    && parent
                        .encryption_context_subset
                        .as_ref()
                        .is_none_or(|p| contains(subset, p))
            }
        }
    }
}

/// A grant on a key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Grant {
    /// The grant's id.
    pub grant_id: GrantId,
    /// The key it applies to.
    pub key_id: KeyId,
    /// An optional name; creating a grant with the same name and parameters
    /// returns the existing grant, as AWS does.
    pub name: Option<String>,
    /// Who receives the permissions.
    pub grantee_principal: Principal,
    /// Who may retire it (besides the grantee).
    pub retiring_principal: Option<Principal>,
    /// Who created it.
    pub issuing_principal: Principal,
    /// The operations allowed (AWS names, e.g. `Decrypt`).
    pub operations: Vec<String>,
    /// Context constraints.
    pub constraints: Option<GrantConstraints>,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub creation_date: OffsetDateTime,
    /// How the grantee was named: `list-grants` shows it in that form.
    #[serde(
        default,
        rename = "grantee_as_arn",
        skip_serializing_if = "PrincipalForm::is_name"
    )]
    pub grantee_form: PrincipalForm,
    /// How the retiring principal was named.
    #[serde(
        default,
        rename = "retiring_as_arn",
        skip_serializing_if = "PrincipalForm::is_name"
    )]
    pub retiring_form: PrincipalForm,
}

/// How a grant named a principal, so that `list-grants` shows it as given,
/// as AWS does: a role ARN stays a role ARN, though lkms has one kind of
/// principal.
///
/// Stored as `false` (by name), `true` (user ARN, the only ARN form of
/// earlier versions) or `"role"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PrincipalForm {
    /// By its name in the keyring (`ci`).
    #[default]
    Name,
    /// By an IAM user ARN (`arn:aws:iam::<account>:user/ci`).
    UserArn,
    /// By an IAM role ARN (`arn:aws:iam::<account>:role/ci`).
    RoleArn,
}

impl PrincipalForm {
    /// The form of a principal as given to `create-grant`, which has
    /// already checked it names a principal of the keyring.
    pub fn of(given: &str) -> Self {
        match given.strip_prefix("arn:") {
            None => PrincipalForm::Name,
            Some(rest)
                if rest
                    .rsplit(':')
                    .next()
                    .is_some_and(|r| r.starts_with("role/")) =>
            {
                PrincipalForm::RoleArn
            }
            Some(_) => PrincipalForm::UserArn,
        }
    }

    /// `principal` of `account` in this form.
    pub fn show(self, account: &str, principal: &Principal) -> String {
        match self {
            PrincipalForm::Name => principal.to_string(),
            PrincipalForm::UserArn => crate::arn::iam_user_arn(account, principal.as_str()),
            PrincipalForm::RoleArn => crate::arn::iam_role_arn(account, principal.as_str()),
        }
    }

    fn is_name(&self) -> bool {
        *self == PrincipalForm::Name
    }
}

impl Serialize for PrincipalForm {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            PrincipalForm::Name => s.serialize_bool(false),
            PrincipalForm::UserArn => s.serialize_bool(true),
            PrincipalForm::RoleArn => s.serialize_str("role"),
        }
    }
}

impl<'de> Deserialize<'de> for PrincipalForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Arn(bool),
            Kind(String),
        }
        match Stored::deserialize(d)? {
            Stored::Arn(false) => Ok(PrincipalForm::Name),
            Stored::Arn(true) => Ok(PrincipalForm::UserArn),
            Stored::Kind(k) if k == "role" => Ok(PrincipalForm::RoleArn),
            Stored::Kind(k) => Err(serde::de::Error::custom(format!(
                "unknown principal form {k:?}"
            ))),
        }
    }
}

impl Grant {
    /// Whether the grant lets `principal` perform `operation` with `ctx`.
    /// Its constraints do not apply to DescribeKey and RetireGrant, which
    /// take no encryption context (as in AWS). CreateGrant is never decided
    /// here: what a grant lets its grantee create depends on the new grant
    /// ([`Grant::allows_grant`]).
    pub fn allows(
        &self,
        principal: &str,
        operation: &str,
        ctx: Option<&EncryptionContext>,
    ) -> bool {
        operation != "CreateGrant"
            && self.grantee_principal.as_str() == principal
            && self.operations.iter().any(|o| o == operation)
            && (matches!(operation, "DescribeKey" | "RetireGrant")
                || self.constraints.as_ref().is_none_or(|c| c.allow(ctx)))
    }

    /// Whether the grant lets `principal` create a grant allowing
    /// `operations` under `constraints`: AWS lets the grantee of a grant
    /// that includes CreateGrant create grants with some or all of its
    /// operations and constraints at least as strict as its own.
    pub fn allows_grant(
        &self,
        principal: &str,
        operations: &[String],
        constraints: Option<&GrantConstraints>,
    ) -> bool {
        self.grantee_principal.as_str() == principal
            && self.operations.iter().any(|o| o == "CreateGrant")
            && operations.iter().all(|o| self.operations.contains(o))
            && GrantConstraints::at_least_as_strict(constraints, self.constraints.as_ref())
    }

    /// Whether `principal` may retire the grant by the grant alone: its
    /// retiring principal, or its grantee when the grant includes
    /// RetireGrant (AWS's rule; the account's right is the keyring's).
    pub fn retirable_by(&self, principal: &Principal) -> bool {
        self.retiring_principal.as_ref() == Some(principal)
            || (self.grantee_principal == *principal
                && self.operations.iter().any(|o| o == "RetireGrant"))
    }
}

/// Checks a grant's operations against AWS's list.
pub fn validate_operations(ops: &[String]) -> Result<()> {
    if ops.is_empty() {
        return Err(Error::validation("a grant needs at least one operation"));
    }
    match ops.iter().find(|o| !GRANT_OPERATIONS.contains(&o.as_str())) {
        Some(o) => Err(Error::validation(format!(
            "{o:?} is not a grant operation; valid: {}",
            GRANT_OPERATIONS.join(", ")
        ))),
        None => Ok(()),
    }
}

const TOKEN_MAGIC: &[u8; 4] = b"LKGT";

/// The grant token of a grant: its id, authenticated under a key derived
/// from the root key. Nothing secret is in it.
pub fn token(id: &GrantId, key: &Key256) -> Vec<u8> {
    let mut out = TOKEN_MAGIC.to_vec();
    out.extend_from_slice(&id.0);
    out.extend_from_slice(&crypto::hmac_parts(key, &[b"lkms grant token v1", &id.0]));
    out
}

/// The grant id in a grant token, if the token is authentic.
pub fn open_token(bytes: &[u8], key: &Key256) -> Result<GrantId> {
    let bad = || Error::InvalidGrantToken("the grant token is not one this keyring issued".into());
    if bytes.len() != 4 + 32 + 32 || &bytes[..4] != TOKEN_MAGIC {
        return Err(bad());
    }
    let id: [u8; 32] = bytes[4..36].try_into().map_err(|_| bad())?;
    let tag = crypto::hmac_parts(key, &[b"lkms grant token v1", &id]);
    if crypto::ct_eq(&tag, &bytes[36..]) {
        Ok(GrantId(id))
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints() {
        let c = GrantConstraints {
            encryption_context_subset: Some([("app".into(), "web".into())].into()),
            encryption_context_equals: None,
        };
        let web = EncryptionContext::new([("app".into(), "web".into())].into()).expect("ctx");
        let more =
            EncryptionContext::new([("app".into(), "web".into()), ("x".into(), "y".into())].into())
                .expect("ctx");
        assert!(c.allow(Some(&web)) && c.allow(Some(&more)) && !c.allow(None));
        let e = GrantConstraints {
            encryption_context_subset: None,
            encryption_context_equals: Some([("app".into(), "web".into())].into()),
        };
        assert!(e.allow(Some(&web)) && !e.allow(Some(&more)));
    }

    fn pairs(p: &[(&str, &str)]) -> Option<BTreeMap<String, String>> {
        Some(
            p.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn subset(p: &[(&str, &str)]) -> GrantConstraints {
        GrantConstraints {
            encryption_context_subset: pairs(p),
            encryption_context_equals: None,
        }
    }

    fn equals(p: &[(&str, &str)]) -> GrantConstraints {
        GrantConstraints {
            encryption_context_subset: None,
            encryption_context_equals: pairs(p),
        }
    }

    #[test]
    fn child_constraints_must_be_at_least_as_strict() {
        let strict = GrantConstraints::at_least_as_strict;
        let it = subset(&[("Department", "IT")]);
        // No parent constraint: anything goes.
        assert!(strict(None, None));
        assert!(strict(Some(&it), None));
        // Dropping or loosening the parent's constraint is refused.
        assert!(!strict(None, Some(&it)));
        assert!(!strict(Some(&subset(&[("Department", "HR")])), Some(&it)));
        assert!(!strict(Some(&subset(&[("Other", "x")])), Some(&it)));
        // Adding pairs, or pinning the exact context, is stricter (AWS's examples).
        assert!(strict(Some(&it), Some(&it)));
        assert!(strict(
            Some(&subset(&[("Department", "IT"), ("Purpose", "Test")])),
            Some(&it)
        ));
        assert!(strict(Some(&equals(&[("Department", "IT")])), Some(&it)));
        assert!(strict(
            Some(&equals(&[("Department", "IT"), ("Purpose", "Test")])),
            Some(&it)
        ));
        assert!(!strict(Some(&equals(&[("Purpose", "Test")])), Some(&it)));
        // From Equals to Subset is looser, never stricter.
        let exact = equals(&[("Department", "IT")]);
        assert!(!strict(Some(&it), Some(&exact)));
        assert!(strict(Some(&exact), Some(&exact)));
        assert!(!strict(
            Some(&equals(&[("Department", "IT"), ("Purpose", "Test")])),
            Some(&exact)
        ));
    }

    fn grant(ops: &[&str], constraints: Option<GrantConstraints>) -> Grant {
        Grant {
            grant_id: GrantId::random(),
            key_id: KeyId::random(),
            name: None,
            grantee_principal: "ci".parse().expect("principal"),
            retiring_principal: None,
            issuing_principal: "alice".parse().expect("principal"),
            operations: ops.iter().map(|o| o.to_string()).collect(),
            constraints,
            creation_date: OffsetDateTime::UNIX_EPOCH,
            grantee_form: PrincipalForm::Name,
            retiring_form: PrincipalForm::Name,
        }
    }

    #[test]
    fn a_grant_lets_its_grantee_create_grants_within_it_only() {
        let parent = grant(&["CreateGrant", "Encrypt"], Some(subset(&[("app", "web")])));
        let ops = |o: &[&str]| o.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let web = subset(&[("app", "web")]);
        assert!(parent.allows_grant("ci", &ops(&["Encrypt"]), Some(&web)));
        assert!(parent.allows_grant("ci", &ops(&["CreateGrant", "Encrypt"]), Some(&web)));
        assert!(!parent.allows_grant("ci", &ops(&["Decrypt"]), Some(&web)));
        assert!(!parent.allows_grant("ci", &ops(&["Encrypt", "Decrypt"]), Some(&web)));
        assert!(!parent.allows_grant("ci", &ops(&["Encrypt"]), None));
        assert!(!parent.allows_grant("bob", &ops(&["Encrypt"]), Some(&web)));
        // Its CreateGrant is never an ordinary permission.
        assert!(!parent.allows("ci", "CreateGrant", None));
        // Without CreateGrant in it, a grant allows no grant at all.
        let plain = grant(&["Encrypt"], None);
        assert!(!plain.allows_grant("ci", &ops(&["Encrypt"]), None));
    }

    #[test]
    fn constraints_do_not_apply_to_describe_key_and_retire_grant() {
        let g = grant(&["DescribeKey", "Decrypt"], Some(subset(&[("app", "web")])));
        assert!(g.allows("ci", "DescribeKey", None));
        assert!(!g.allows("ci", "Decrypt", None));
    }

    #[test]
    fn who_may_retire_a_grant() {
        let mut g = grant(&["Decrypt"], None);
        let ci: Principal = "ci".parse().expect("principal");
        let ops: Principal = "ops".parse().expect("principal");
        assert!(!g.retirable_by(&ci), "a grantee without RetireGrant");
        g.operations.push("RetireGrant".into());
        assert!(g.retirable_by(&ci));
        assert!(!g.retirable_by(&ops));
        g.retiring_principal = Some(ops.clone());
        assert!(g.retirable_by(&ops));
    }

    #[test]
    fn principal_forms_show_as_given_and_read_earlier_records() {
        let p: Principal = "ci".parse().expect("principal");
        let acct = "111122223333";
        for (given, shown) in [
            ("ci", "ci"),
            (
                "arn:aws:iam::111122223333:user/ci",
                "arn:aws:iam::111122223333:user/ci",
            ),
            (
                "arn:aws:iam::111122223333:role/ci",
                "arn:aws:iam::111122223333:role/ci",
            ),
        ] {
            let form = PrincipalForm::of(given);
            assert_eq!(form.show(acct, &p), shown);
            let stored = serde_json::to_string(&form).expect("serialize");
            assert_eq!(
                serde_json::from_str::<PrincipalForm>(&stored).expect("read back"),
                form
            );
        }
        // Records of earlier versions stored a bool.
        assert_eq!(
            serde_json::from_str::<PrincipalForm>("true").expect("old"),
            PrincipalForm::UserArn
        );
        assert_eq!(
            serde_json::from_str::<PrincipalForm>("false").expect("old"),
            PrincipalForm::Name
        );
        assert!(serde_json::from_str::<PrincipalForm>("\"group\"").is_err());
    }

    #[test]
    fn tokens_authenticate() {
        let k = Key256::random();
        let id = GrantId::random();
        let t = token(&id, &k);
        assert_eq!(open_token(&t, &k).expect("open"), id);
        let mut bad = t.clone();
        bad[10] ^= 1;
        assert!(open_token(&bad, &k).is_err());
        assert!(open_token(&t, &Key256::random()).is_err());
    }
}
