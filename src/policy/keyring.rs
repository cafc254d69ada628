//! The keyring policy: who may administer the keyring itself (its unlock
//! slots, other principals' credentials, the root key, the audit trail and
//! this policy), in the grammar of key policies with lkms's own `lkms:`
//! actions, evaluated by the same evaluator.

use serde_json::{Value, json};

use super::eval::{Decision, Request, evaluate};
use super::{PolicyDocument, Service};
use crate::error::{Error, Result};

/// An action on the keyring itself, as a keyring policy names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyringAction {
    /// `slot add`: a new way into the keyring, for any principal.
    AddSlot,
    /// `slot remove`.
    RemoveSlot,
    /// `passwd` of a slot of another principal (a principal may always
    /// change its own passphrase).
    ChangePassphrase,
    /// `rotate-root-key`.
    RotateRootKey,
    /// `audit prune`: dropping audit records.
    PruneAudit,
    /// `get-keyring-policy`.
    GetKeyringPolicy,
    /// `put-keyring-policy`, and `slot add --admin`.
    PutKeyringPolicy,
    /// `retire-grant` of any grant, the right AWS gives the account.
    RetireGrant,
    /// `access-key create`: a credential for `lkms serve`, for any principal.
    CreateAccessKey,
    /// `access-key list` of every principal's access keys, or of another's
    /// (a principal may always list its own).
    ListAccessKeys,
    /// `access-key enable|disable`.
    UpdateAccessKey,
    /// `access-key delete`.
    DeleteAccessKey,
}

impl KeyringAction {
    /// Every keyring action.
    pub const ALL: [KeyringAction; 12] = [
        KeyringAction::AddSlot,
        KeyringAction::RemoveSlot,
        KeyringAction::ChangePassphrase,
        KeyringAction::RotateRootKey,
        KeyringAction::PruneAudit,
        KeyringAction::GetKeyringPolicy,
        KeyringAction::PutKeyringPolicy,
        KeyringAction::RetireGrant,
        KeyringAction::CreateAccessKey,
        KeyringAction::ListAccessKeys,
        KeyringAction::UpdateAccessKey,
        KeyringAction::DeleteAccessKey,
    ];

    /// The action as a policy names it, e.g. `lkms:AddSlot`.
    pub fn name(self) -> &'static str {
        match self {
            KeyringAction::AddSlot => "lkms:AddSlot",
            KeyringAction::RemoveSlot => "lkms:RemoveSlot",
            KeyringAction::ChangePassphrase => "lkms:ChangePassphrase",
            KeyringAction::RotateRootKey => "lkms:RotateRootKey",
            KeyringAction::PruneAudit => "lkms:PruneAudit",
            KeyringAction::GetKeyringPolicy => "lkms:GetKeyringPolicy",
            KeyringAction::PutKeyringPolicy => "lkms:PutKeyringPolicy",
            KeyringAction::RetireGrant => "lkms:RetireGrant",
            KeyringAction::CreateAccessKey => "lkms:CreateAccessKey",
            KeyringAction::ListAccessKeys => "lkms:ListAccessKeys",
            KeyringAction::UpdateAccessKey => "lkms:UpdateAccessKey",
            KeyringAction::DeleteAccessKey => "lkms:DeleteAccessKey",
        }
    }
}

/// The statement `init` and `slot add --admin` name administrators in.
pub const ADMINISTRATORS_SID: &str = "KeyringAdministrators";

/// A validated keyring policy: a policy document whose actions are `lkms:`
/// actions and whose resource is the keyring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyringPolicy(PolicyDocument);

/// JSON as lkms writes policies: indented by four spaces.
fn pretty(v: &Value) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        serde_json::ser::PrettyFormatter::with_indent(b"    "),
    );
    v.serialize(&mut ser)
        .unwrap_or_else(|e| unreachable!("JSON values serialize: {e}"));
    String::from_utf8(out).unwrap_or_else(|e| unreachable!("JSON is UTF-8: {e}"))
}

impl KeyringPolicy {
    /// Parses and validates a keyring policy.
    pub fn parse(text: &str) -> Result<Self> {
        PolicyDocument::parse_for(text, Service::Lkms).map(KeyringPolicy)
    }

    /// The policy that makes `admins` (principal names of `account`) the
    /// keyring's administrators: they may do every `lkms:` action.
    pub fn for_administrators(account: &str, admins: &[&str]) -> Self {
        let arns: Vec<String> = admins
            .iter()
            .map(|a| crate::arn::iam_user_arn(account, a))
            .collect();
        let doc = json!({
            "Version": "2012-10-17",
            "Id": "lkms-keyring-policy",
            "Statement": [{
                "Sid": ADMINISTRATORS_SID,
                "Effect": "Allow",
                "Principal": {"AWS": arns},
                "Action": "lkms:*",
                "Resource": "*"
            }]
        });
        KeyringPolicy::parse(&pretty(&doc))
            .unwrap_or_else(|e| unreachable!("the administrators' policy is valid: {e}"))
    }

    /// The same policy with `name` (a principal of `account`) added to the
    /// administrators' statement, or with that statement added when the
    /// policy has none.
    pub fn with_administrator(&self, account: &str, name: &str) -> Result<Self> {
        let arn = crate::arn::iam_user_arn(account, name);
        let mut doc: Value = serde_json::from_str(self.text())
            .map_err(|e| Error::MalformedPolicyDocument(format!("not valid JSON: {e}")))?;
        if let Some(single @ Value::Object(_)) = doc.get("Statement").cloned() {
            doc["Statement"] = Value::Array(vec![single]);
        }
        let statements = doc
            .get_mut("Statement")
            .and_then(Value::as_array_mut)
            .ok_or_else(|| Error::MalformedPolicyDocument("Statement is missing".into()))?;
        let admins = statements.iter_mut().find(|s| {
            s.get("Sid").and_then(Value::as_str) == Some(ADMINISTRATORS_SID)
                && s.get("Effect").and_then(Value::as_str) == Some("Allow")
        });
        match admins.map(|s| &mut s["Principal"]) {
            // Everyone is an administrator already.
            Some(Value::String(star)) if star == "*" => {}
            Some(principal @ Value::Object(_)) => {
                let aws = &mut principal["AWS"];
                let mut list = match aws.take() {
                    Value::Null => Vec::new(),
                    Value::Array(items) => items,
                    one => vec![one],
                };
                if !list.iter().any(|v| v.as_str() == Some(arn.as_str())) {
                    list.push(Value::String(arn));
                }
                *aws = Value::Array(list);
            }
            _ => statements.push(json!({
                "Sid": ADMINISTRATORS_SID,
                "Effect": "Allow",
                "Principal": {"AWS": [arn]},
                "Action": "lkms:*",
                "Resource": "*"
            })),
        }
        KeyringPolicy::parse(&pretty(&doc))
    }

    /// The policy as written.
    pub fn text(&self) -> &str {
        self.0.text()
    }

    /// The policy document, for the evaluator.
    pub fn document(&self) -> &PolicyDocument {
        &self.0
    }

    /// What the policy says about `principal` (a name in `account`) doing
    /// `action`.
    pub fn decide(&self, principal: &str, account: &str, action: KeyringAction) -> Decision {
        evaluate(
            &self.0,
            &Request {
                principal,
                account,
                action: action.name(),
                context: None,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "111122223333";

    #[test]
    fn administrators_may_do_every_keyring_action_and_nobody_else() {
        let p = KeyringPolicy::for_administrators(ACCOUNT, &["alice"]);
        for action in KeyringAction::ALL {
            assert_eq!(p.decide("alice", ACCOUNT, action), Decision::Allow);
            assert_eq!(p.decide("ci", ACCOUNT, action), Decision::ImplicitDeny);
            assert_eq!(
                p.decide("alice", "444455556666", action),
                Decision::ImplicitDeny
            );
        }
    }

    #[test]
    fn adding_an_administrator_keeps_the_others() {
        let p = KeyringPolicy::for_administrators(ACCOUNT, &["alice"])
            .with_administrator(ACCOUNT, "bob")
            .expect("add bob");
        let again = p.with_administrator(ACCOUNT, "bob").expect("add bob again");
        assert_eq!(again, p, "adding an administrator twice changes nothing");
        for who in ["alice", "bob"] {
            assert_eq!(
                p.decide(who, ACCOUNT, KeyringAction::AddSlot),
                Decision::Allow
            );
        }
        // A policy without the administrators' statement gets one.
        let own = KeyringPolicy::parse(
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/carol"},"Action":"lkms:GetKeyringPolicy","Resource":"*"}}"#,
        )
        .expect("policy");
        let p = own.with_administrator(ACCOUNT, "dave").expect("add dave");
        assert_eq!(
            p.decide("dave", ACCOUNT, KeyringAction::RemoveSlot),
            Decision::Allow
        );
        assert_eq!(
            p.decide("carol", ACCOUNT, KeyringAction::GetKeyringPolicy),
            Decision::Allow
        );
        assert_eq!(
            p.decide("carol", ACCOUNT, KeyringAction::RemoveSlot),
            Decision::ImplicitDeny
        );
    }

    #[test]
    fn keyring_policies_speak_of_lkms_actions_and_the_keyring() {
        for bad in [
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Encrypt","Resource":"*"}]}"#,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lkms:AddSlot","Resource":"arn:aws:kms:us-east-1:111122223333:key/x"}]}"#,
        ] {
            let e = KeyringPolicy::parse(bad).expect_err(bad);
            assert_eq!(e.exception(), "MalformedPolicyDocumentException", "{e}");
        }
        // A key policy never takes lkms: actions either.
        assert!(
            PolicyDocument::parse(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lkms:AddSlot","Resource":"*"}]}"#
            )
            .is_err()
        );
    }

    #[test]
    fn an_explicit_deny_wins_over_the_administrators() {
        let p = KeyringPolicy::parse(&format!(
            r#"{{"Version":"2012-10-17","Statement":[
                {{"Sid":"{ADMINISTRATORS_SID}","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:user/alice"}},"Action":"lkms:*","Resource":"*"}},
                {{"Effect":"Deny","Principal":"*","Action":"lkms:PruneAudit","Resource":"*"}}]}}"#
        ))
        .expect("policy");
        assert_eq!(
            p.decide("alice", ACCOUNT, KeyringAction::PruneAudit),
            Decision::ExplicitDeny
        );
        assert_eq!(
            p.decide("alice", ACCOUNT, KeyringAction::AddSlot),
            Decision::Allow
        );
    }
}
