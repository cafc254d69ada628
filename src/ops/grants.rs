//! Grant operations: create, list, retire, revoke.

use serde::Serialize;

use super::page::paginate;
use crate::error::{Error, Result};
use crate::grant::{self, Grant, GrantConstraints, GrantId, PrincipalForm};
use crate::keyring::Keyring;

const TOKEN_KEY: &str = "lkms grant token v1";

/// Parameters of `create-grant`.
#[derive(Debug, Clone)]
pub struct CreateGrant {
    /// Who receives the permissions: a principal's name or its IAM ARN
    /// (`arn:aws:iam::<account>:user/<name>`) in this keyring's account.
    pub grantee_principal: String,
    /// Who may retire the grant, named as the grantee is.
    pub retiring_principal: Option<String>,
    /// The operations.
    pub operations: Vec<String>,
    /// Context constraints.
    pub constraints: Option<GrantConstraints>,
    /// An optional name.
    pub name: Option<String>,
}

/// Response of `create-grant`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGrantResponse {
    /// The grant token (base64).
    pub grant_token: String,
    /// The grant id.
    pub grant_id: String,
}

/// A grant as `list-grants` shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GrantListEntry {
    /// ARN of the key.
    pub key_id: String,
    /// The grant id.
    pub grant_id: String,
    /// The name, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When it was created.
    #[serde(serialize_with = "crate::timestamp::serialize")]
    pub creation_date: time::OffsetDateTime,
    /// Who receives the permissions.
    pub grantee_principal: String,
    /// Who may retire it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retiring_principal: Option<String>,
    /// The account the grant was issued under (`arn:aws:iam::<account>:root`,
    /// as AWS reports it); the issuing principal is in the audit trail.
    pub issuing_account: String,
    /// The operations.
    pub operations: Vec<String>,
    /// Context constraints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constraints: Option<GrantConstraints>,
}

/// Response of `list-grants` and `list-retirable-grants`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGrantsResponse {
    /// This page of grants.
    pub grants: Vec<GrantListEntry>,
    /// Whether there are more.
    pub truncated: bool,
    /// The marker for the next page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

fn entry(kr: &Keyring, g: &Grant) -> GrantListEntry {
    GrantListEntry {
        key_id: kr.key_arn(&g.key_id),
        grant_id: g.grant_id.to_string(),
        name: g.name.clone(),
        creation_date: g.creation_date,
        grantee_principal: g.grantee_form.show(kr.account(), &g.grantee_principal),
        retiring_principal: g
            .retiring_principal
            .as_ref()
            .map(|p| g.retiring_form.show(kr.account(), p)),
        issuing_account: format!("arn:aws:iam::{}:root", kr.account()),
        operations: g.operations.clone(),
        constraints: g.constraints.clone(),
    }
}

fn token_of(kr: &Keyring, id: &GrantId) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(grant::token(id, &kr.derive_key(TOKEN_KEY)))
}

/// `create-grant`.
pub fn create_grant(
    kr: &mut Keyring,
    key_ref: &str,
    req: CreateGrant,
) -> Result<CreateGrantResponse> {
    grant::validate_operations(&req.operations)?;
    if req
        .name
        .as_ref()
        .is_some_and(|n| n.is_empty() || n.len() > 256)
    {
        return Err(Error::validation("a grant name is 1 to 256 characters"));
    }
    let grantee = kr.principal_of(&req.grantee_principal)?;
    let retiring = req
        .retiring_principal
        .as_deref()
        .map(|p| kr.principal_of(p))
        .transpose()?;
    let key = kr.resolve(key_ref)?;
    kr.authorize_create_grant(&key, &req.operations, req.constraints.as_ref())?;
    let key_id = key.id;
    // As in AWS, creating a grant with the same name and parameters again
    // returns the existing grant instead of a duplicate.
    if let Some(existing) = kr.grants_of(&key_id)?.into_iter().find(|g| {
        req.name.is_some()
            && g.name == req.name
            && g.grantee_principal == grantee
            && g.retiring_principal == retiring
            && g.operations == req.operations
            && g.constraints == req.constraints
    }) {
        let id = existing.grant_id;
        return Ok(CreateGrantResponse {
            grant_token: token_of(kr, &id),
            grant_id: id.to_string(),
        });
    }
    let grant = Grant {
        grant_id: GrantId::random(),
        key_id,
        name: req.name,
        grantee_form: PrincipalForm::of(&req.grantee_principal),
        retiring_form: req
            .retiring_principal
            .as_deref()
            .map_or(PrincipalForm::Name, PrincipalForm::of),
        grantee_principal: grantee,
        retiring_principal: retiring,
        issuing_principal: kr.caller().principal.clone(),
        operations: req.operations,
        constraints: req.constraints,
        creation_date: kr.now(),
    };
    let id = grant.grant_id;
    kr.put_grant(grant)?;
    Ok(CreateGrantResponse {
        grant_token: token_of(kr, &id),
        grant_id: id.to_string(),
    })
}

fn page_of(
    kr: &Keyring,
    grants: Vec<Grant>,
    limit: Option<u32>,
    marker: Option<&str>,
) -> Result<ListGrantsResponse> {
    let page = paginate(grants, |g| g.grant_id.to_string(), limit, marker)?;
    Ok(ListGrantsResponse {
        grants: page.items.iter().map(|g| entry(kr, g)).collect(),
        truncated: page.next_marker.is_some(),
        next_marker: page.next_marker,
    })
}

/// `list-grants` of one key, optionally filtered by grant id or grantee.
pub fn list_grants(
    kr: &Keyring,
    key_ref: &str,
    grant_id: Option<&str>,
    grantee: Option<&str>,
    limit: Option<u32>,
    marker: Option<&str>,
) -> Result<ListGrantsResponse> {
    let grantee = grantee.map(|p| kr.principal_of(p)).transpose()?;
    let key = kr.resolve_authorized(key_ref, "ListGrants", None)?;
    let grants = kr
        .grants_of(&key.id)?
        .into_iter()
        .filter(|g| grant_id.is_none_or(|id| g.grant_id.to_string() == id))
        .filter(|g| grantee.as_ref().is_none_or(|p| g.grantee_principal == *p))
        .collect();
    page_of(kr, grants, limit, marker)
}

/// `list-retirable-grants`: the grants `retiring_principal` (a name or
/// an IAM ARN of this keyring's account) may retire.
pub fn list_retirable_grants(
    kr: &Keyring,
    retiring_principal: &str,
    limit: Option<u32>,
    marker: Option<&str>,
) -> Result<ListGrantsResponse> {
    let retiring = kr.principal_of(retiring_principal)?;
    let grants = kr
        .all_grants()?
        .into_iter()
        .filter(|g| {
            g.retiring_principal
                .as_ref()
                .is_some_and(|p| *p == retiring)
        })
        .collect();
    page_of(kr, grants, limit, marker)
}

/// Which grant `retire-grant` names: by token, or by key and grant id.
#[derive(Debug, Clone, Copy)]
pub enum GrantRef<'a> {
    /// The grant token (base64 text).
    Token(&'a str),
    /// A key reference and a grant id.
    Id {
        /// The key.
        key_ref: &'a str,
        /// The grant id.
        grant_id: &'a str,
    },
}

fn find_grant(kr: &Keyring, r: GrantRef<'_>) -> Result<GrantId> {
    let id = match r {
        GrantRef::Token(t) => {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(t.trim())
                .map_err(|_| Error::InvalidGrantToken("the grant token is not base64".into()))?;
            grant::open_token(&bytes, &kr.derive_key(TOKEN_KEY))?
        }
        GrantRef::Id { key_ref, grant_id } => {
            let key = kr.resolve(key_ref)?;
            let id: GrantId = grant_id.parse()?;
            if kr.grant(&id)?.is_none_or(|g| g.key_id != key.id) {
                return Err(Error::NotFound(format!(
                    "grant {id} does not exist on {}",
                    kr.key_arn(&key.id)
                )));
            }
            id
        }
    };
    if kr.grant(&id)?.is_some() {
        Ok(id)
    } else {
        Err(Error::NotFound(format!(
            "grant {id} does not exist (retired or revoked?)"
        )))
    }
}

/// `retire-grant`, as AWS authorizes it: the grant's retiring principal,
/// its grantee when the grant includes RetireGrant, or (as the AWS account
/// can) a principal the keyring policy allows `lkms:RetireGrant`; an
/// explicit Deny of kms:RetireGrant in the key policy refuses any of them.
pub fn retire_grant(kr: &mut Keyring, r: GrantRef<'_>) -> Result<()> {
    use crate::policy::KeyringAction;
    use crate::policy::eval::Decision;
    let id = find_grant(kr, r)?;
    let caller = kr.caller().principal.clone();
    let g = kr
        .grant(&id)?
        .ok_or_else(|| Error::NotFound(format!("grant {id} does not exist")))?;
    let key = kr.key(&g.key_id)?;
    if kr.key_policy_decision(&key, "RetireGrant", None) == Decision::ExplicitDeny {
        return Err(kr.denied(&key, "RetireGrant", "an explicit Deny in the key policy"));
    }
    if !g.retirable_by(&caller) && !kr.keyring_allows(KeyringAction::RetireGrant)? {
        return Err(Error::AccessDenied(format!(
            "{caller} is not authorized to perform kms:RetireGrant on grant {id}: \
             only its retiring principal, its grantee when the grant includes RetireGrant, \
             or a principal the keyring policy allows {} may",
            KeyringAction::RetireGrant.name()
        )));
    }
    kr.remove_grant(&id)?;
    Ok(())
}

/// `revoke-grant`: needs kms:RevokeGrant on the key.
pub fn revoke_grant(kr: &mut Keyring, key_ref: &str, grant_id: &str) -> Result<()> {
    let key = kr.resolve_authorized(key_ref, "RevokeGrant", None)?;
    let key_id = key.id;
    let id: GrantId = grant_id.parse()?;
    if kr.grant(&id)?.is_none_or(|g| g.key_id != key_id) {
        return Err(Error::NotFound(format!(
            "grant {id} does not exist on {}",
            kr.key_arn(&key_id)
        )));
    }
    kr.remove_grant(&id)?;
    Ok(())
}

/// Checks `--grant-tokens`: each must be a token this keyring issued.
/// Grants take effect at once in lkms, so a token is never needed, but a
/// forged or garbled one is refused rather than ignored.
pub fn check_grant_tokens(kr: &Keyring, tokens: &[String]) -> Result<()> {
    use base64::Engine;
    if tokens.len() > 10 {
        return Err(Error::validation(format!(
            "{} grant tokens given; at most 10 are allowed",
            tokens.len()
        )));
    }
    let key = kr.derive_key(TOKEN_KEY);
    for t in tokens {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(t.trim())
            .map_err(|_| Error::InvalidGrantToken("a grant token is not base64".into()))?;
        grant::open_token(&bytes, &key)?;
    }
    Ok(())
}
