//! Key policy operations: put, get, list.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::key::KeyManager;
use crate::keyring::Keyring;
use crate::policy::PolicyDocument;
use crate::policy::eval::{Decision, Request, evaluate};

/// The only policy name, as in AWS.
pub const POLICY_NAME: &str = "default";

/// Response of `get-key-policy`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetKeyPolicyResponse {
    /// The policy document, as JSON text.
    pub policy: String,
    /// Always `default`.
    pub policy_name: &'static str,
}

/// Response of `list-key-policies`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListKeyPoliciesResponse {
    /// `["default"]`, or nothing on the page after it.
    pub policy_names: Vec<&'static str>,
    /// Always false: one policy fits any page.
    pub truncated: bool,
}

fn check_name(name: Option<&str>) -> Result<()> {
    match name {
        None | Some(POLICY_NAME) => Ok(()),
        Some(other) => Err(Error::NotFound(format!(
            "policy {other:?} does not exist; a key has one policy, named {POLICY_NAME:?}"
        ))),
    }
}

/// Refuses a policy under which the caller could no longer call
/// PutKeyPolicy, unless the caller bypasses the check (AWS's lockout safety
/// check). The caller matches by name, by ARN and as one of the account.
pub fn check_lockout(kr: &Keyring, policy: &PolicyDocument, bypass: bool) -> Result<()> {
    let principal = kr.caller().principal.as_str();
    let req = Request {
        principal,
        account: kr.account(),
        action: "kms:PutKeyPolicy",
        context: None,
    };
    if bypass || evaluate(policy, &req) == Decision::Allow {
        return Ok(());
    }
    Err(Error::MalformedPolicyDocument(format!(
        "the policy would not allow {principal} ({}) to call kms:PutKeyPolicy on this key, locking \
         the caller out of changing it again; fix the policy or pass --bypass-policy-lockout-safety-check",
        kr.principal_arn(principal)
    )))
}

/// `put-key-policy`.
pub fn put_key_policy(
    kr: &mut Keyring,
    key_ref: &str,
    policy_name: Option<&str>,
    policy: &str,
    bypass_lockout_check: bool,
) -> Result<()> {
    check_name(policy_name)?;
    let key = kr.resolve_authorized(key_ref, "PutKeyPolicy", None)?;
    if key.manager == KeyManager::Managed {
        return Err(Error::UnsupportedOperation(format!(
            "the policy of the managed key {} cannot be changed",
            kr.key_arn(&key.id)
        )));
    }
    let doc = PolicyDocument::parse(policy)?;
    check_lockout(kr, &doc, bypass_lockout_check)?;
    let id = key.id;
    kr.key_mut(&id)?.policy = doc;
    Ok(())
}

/// `get-key-policy`.
pub fn get_key_policy(
    kr: &Keyring,
    key_ref: &str,
    policy_name: Option<&str>,
) -> Result<GetKeyPolicyResponse> {
    check_name(policy_name)?;
    let key = kr.resolve_authorized(key_ref, "GetKeyPolicy", None)?;
    Ok(GetKeyPolicyResponse {
        policy: key.policy.text().to_owned(),
        policy_name: POLICY_NAME,
    })
}

/// `list-key-policies`.
pub fn list_key_policies(
    kr: &Keyring,
    key_ref: &str,
    limit: Option<u32>,
    marker: Option<&str>,
) -> Result<ListKeyPoliciesResponse> {
    kr.resolve_authorized(key_ref, "ListKeyPolicies", None)?;
    // A key has one policy, "default": the page after it is empty.
    let page = super::page::paginate(vec![POLICY_NAME], |n| (*n).to_owned(), limit, marker)?;
    Ok(ListKeyPoliciesResponse {
        policy_names: page.items,
        truncated: page.next_marker.is_some(),
    })
}
