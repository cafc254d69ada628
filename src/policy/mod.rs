//! Key policies in the AWS JSON grammar, validated into a typed document,
//! and their evaluation (see [`eval`]).
//!
//! A [`PolicyDocument`] can only be built by [`PolicyDocument::parse`], so
//! every policy stored in a key has passed validation; the original JSON is
//! kept so that `get-key-policy` returns what the user wrote.

pub mod eval;
mod keyring;

pub use keyring::{KeyringAction, KeyringPolicy};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::error::{Error, Result};

/// The policy versions AWS accepts.
const VERSIONS: [&str; 2] = ["2012-10-17", "2008-10-17"];
/// The largest policy document, in bytes (AWS's limit).
pub const MAX_POLICY_BYTES: usize = 32 * 1024;

/// The default key policy of keys created before principals had ARNs (and
/// of a stored key without one): every principal of the keyring may do
/// everything. New keys get [`default_policy_text`] instead.
pub const LEGACY_DEFAULT_POLICY: &str = r#"{
    "Version": "2012-10-17",
    "Id": "lkms-default",
    "Statement": [
        {
            "Sid": "Every principal of the keyring may use and manage the key",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "kms:*",
            "Resource": "*"
        }
    ]
}"#;

/// AWS's default key policy, with `{account}` for the keyring's account:
/// the account, that is every principal of the keyring, may do everything.
pub const DEFAULT_POLICY: &str = r#"{
    "Version": "2012-10-17",
    "Id": "key-default-1",
    "Statement": [
        {
            "Sid": "Enable IAM User Permissions",
            "Effect": "Allow",
            "Principal": {
                "AWS": "arn:aws:iam::{account}:root"
            },
            "Action": "kms:*",
            "Resource": "*"
        }
    ]
}"#;

/// The text of the default key policy of a new key in `account`.
pub fn default_policy_text(account: &str) -> String {
    DEFAULT_POLICY.replace("{account}", account)
}

/// Allow or Deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Grants the actions.
    Allow,
    /// Refuses the actions, whatever else allows them.
    Deny,
}

/// One entry of a statement's `Principal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalPattern {
    /// `{"Lkms": "name"}`: a principal by name (`*` and `?` are wildcards).
    Name(String),
    /// `{"AWS": "<account>"}` or `{"AWS": "arn:aws:iam::<account>:root"}`:
    /// every principal of the account (of another account: nobody).
    Account(String),
    /// `{"AWS": "arn:aws:iam::<account>:user/<name>"}` (or `:role/<name>`):
    /// one principal of the account.
    User {
        /// The 12-digit account.
        account: String,
        /// The principal's name.
        name: String,
    },
}

/// Who a statement applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principals {
    /// `"*"` or `{"AWS": "*"}`: every principal of the keyring.
    Any,
    /// These principals (any one matching).
    Listed(Vec<PrincipalPattern>),
}

/// A condition operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// Exact, case-sensitive match.
    StringEquals,
    /// Negation of StringEquals.
    StringNotEquals,
    /// Case-insensitive match.
    StringEqualsIgnoreCase,
    /// Negation of StringEqualsIgnoreCase.
    StringNotEqualsIgnoreCase,
    /// Match with `*` and `?` wildcards.
    StringLike,
    /// Negation of StringLike.
    StringNotLike,
    /// `true`: the key is absent; `false`: it is present.
    Null,
    /// Boolean equality.
    Bool,
}

/// How a condition treats a multi-valued key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetQualifier {
    /// No qualifier (single-valued keys).
    None,
    /// Every request value must match (true for an empty set).
    ForAllValues,
    /// At least one request value must match (false for an empty set).
    ForAnyValue,
}

/// One condition: `"<Qualifier>:<Operator>": {"<key>": [values]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// The set qualifier.
    pub qualifier: SetQualifier,
    /// The operator.
    pub operator: Operator,
    /// The condition key, lower-cased where AWS is case-insensitive
    /// (`kms:EncryptionContext:<k>` keeps `<k>`'s case).
    pub key: String,
    /// The values; the condition holds if any matches.
    pub values: Vec<String>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The statement id, if any.
    pub sid: Option<String>,
    /// Allow or Deny.
    pub effect: Effect,
    /// Who it applies to.
    pub principals: Principals,
    /// Action patterns, lower-cased (`kms:*`, `kms:generate*`).
    pub actions: Vec<String>,
    /// Every condition must hold.
    pub conditions: Vec<Condition>,
}

/// A validated key policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyDocument {
    text: String,
    statements: Vec<Statement>,
}

fn malformed(at: &str, msg: impl std::fmt::Display) -> Error {
    Error::MalformedPolicyDocument(format!("{at}: {msg}"))
}

/// A string or a list of strings, as the policy grammar allows.
fn strings(v: &Value, at: &str, field: &str) -> Result<Vec<String>> {
    let list = match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| malformed(at, format!("{field} must hold strings")))
            })
            .collect::<Result<_>>()?,
        Value::Bool(b) => vec![b.to_string()],
        _ => {
            return Err(malformed(
                at,
                format!("{field} must be a string or a list of strings"),
            ));
        }
    };
    if list.is_empty() {
        return Err(malformed(at, format!("{field} is empty")));
    }
    Ok(list)
}

/// Whose actions a policy speaks of: a key policy names `kms:` actions, the
/// keyring policy `lkms:` actions (see [`KeyringPolicy`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    /// AWS KMS actions on one key.
    Kms,
    /// lkms's own actions on the keyring.
    Lkms,
}

impl Service {
    fn prefix(self) -> &'static str {
        match self {
            Service::Kms => "kms:",
            Service::Lkms => "lkms:",
        }
    }

    fn resource(self) -> &'static str {
        match self {
            Service::Kms => "a key policy's Resource is \"*\" (the key itself)",
            Service::Lkms => "a keyring policy's Resource is \"*\" (the keyring itself)",
        }
    }
}

impl PolicyDocument {
    /// Parses and validates a key policy. Errors name the statement and field.
    pub fn parse(text: &str) -> Result<Self> {
        Self::parse_for(text, Service::Kms)
    }

    /// Parses and validates a policy whose actions belong to `service`.
    pub(crate) fn parse_for(text: &str, service: Service) -> Result<Self> {
        if text.len() > MAX_POLICY_BYTES {
            return Err(Error::MalformedPolicyDocument(format!(
                "the policy is {} bytes; the limit is {MAX_POLICY_BYTES}",
                text.len()
            )));
        }
        crate::limits::check_json_depth(text, "the policy")
            .map_err(Error::MalformedPolicyDocument)?;
        let doc: Value = serde_json::from_str(text)
            .map_err(|e| Error::MalformedPolicyDocument(format!("not valid JSON: {e}")))?;
        let obj = doc
            .as_object()
            .ok_or_else(|| malformed("policy", "must be a JSON object"))?;
        for k in obj.keys() {
            if !matches!(k.as_str(), "Version" | "Id" | "Statement") {
                return Err(malformed("policy", format!("unknown field {k:?}")));
            }
        }
        match obj.get("Version").and_then(Value::as_str) {
            Some(v) if VERSIONS.contains(&v) => {}
            Some(v) => return Err(malformed("Version", format!("{v:?} is not 2012-10-17"))),
            None => return Err(malformed("policy", "Version is missing")),
        }
        let raw = match obj.get("Statement") {
            Some(Value::Array(a)) => a.clone(),
            Some(s @ Value::Object(_)) => vec![s.clone()],
            _ => {
                return Err(malformed(
                    "policy",
                    "Statement must be a statement or a list of them",
                ));
            }
        };
        if raw.is_empty() {
            return Err(malformed("policy", "Statement is empty"));
        }
        let statements = raw
            .iter()
            .enumerate()
            .map(|(i, s)| parse_statement(i, s, service))
            .collect::<Result<Vec<_>>>()?;
        Ok(PolicyDocument {
            text: text.to_owned(),
            statements,
        })
    }

    /// The default policy of a new key in `account` (AWS's default key
    /// policy: the account, that is every principal of the keyring, may do
    /// everything).
    pub fn default_for(account: &str) -> Self {
        PolicyDocument::parse(&default_policy_text(account))
            .unwrap_or_else(|e| unreachable!("the default policy is valid: {e}"))
    }

    /// The policy of a stored key that has none ([`LEGACY_DEFAULT_POLICY`]).
    pub fn legacy_default() -> Self {
        PolicyDocument::parse(LEGACY_DEFAULT_POLICY)
            .unwrap_or_else(|e| unreachable!("the legacy default policy is valid: {e}"))
    }

    /// The policy as the user wrote it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The statements.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }
}

fn parse_statement(i: usize, s: &Value, service: Service) -> Result<Statement> {
    let obj = s
        .as_object()
        .ok_or_else(|| malformed(&format!("Statement[{i}]"), "must be an object"))?;
    let sid = obj.get("Sid").and_then(Value::as_str).map(str::to_owned);
    let at = match &sid {
        Some(sid) => format!("Statement[{i}] (Sid {sid:?})"),
        None => format!("Statement[{i}]"),
    };
    for k in obj.keys() {
        match k.as_str() {
            "Sid" | "Effect" | "Principal" | "Action" | "Resource" | "Condition" => {}
            "NotAction" | "NotPrincipal" | "NotResource" => {
                return Err(malformed(&at, format!("{k} is not supported by lkms")));
            }
            _ => return Err(malformed(&at, format!("unknown field {k:?}"))),
        }
    }
    let effect = match obj.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        Some(e) => {
            return Err(malformed(
                &at,
                format!("Effect {e:?} must be Allow or Deny"),
            ));
        }
        None => return Err(malformed(&at, "Effect is missing")),
    };
    let principals = match obj.get("Principal") {
        Some(Value::String(s)) if s == "*" => Principals::Any,
        Some(Value::Object(m)) => {
            let mut listed = Vec::new();
            let mut any = false;
            for (k, v) in m {
                let aws = match k.as_str() {
                    "AWS" => true,
                    "Lkms" => false,
                    _ => {
                        return Err(malformed(
                            &at,
                            format!(
                                "Principal type {k:?} is unknown; use {{\"AWS\": \"arn:aws:iam::<account>:user/<name>\"}}, {{\"Lkms\": [\"name\", ...]}} or \"*\""
                            ),
                        ));
                    }
                };
                for p in strings(v, &at, &format!("Principal.{k}"))? {
                    if p == "*" {
                        any = true;
                    } else if aws {
                        listed.push(aws_principal(&at, &p)?);
                    } else {
                        listed.push(PrincipalPattern::Name(p));
                    }
                }
            }
            if any {
                Principals::Any
            } else {
                Principals::Listed(listed)
            }
        }
        Some(_) => {
            return Err(malformed(
                &at,
                "Principal must be \"*\", {\"AWS\": [...]} or {\"Lkms\": [...]}",
            ));
        }
        None => return Err(malformed(&at, "Principal is missing")),
    };
    let actions = strings(
        obj.get("Action")
            .ok_or_else(|| malformed(&at, "Action is missing"))?,
        &at,
        "Action",
    )?
    .into_iter()
    .map(|a| {
        let lower = a.to_ascii_lowercase();
        if lower == "*" || lower.starts_with(service.prefix()) {
            Ok(lower)
        } else {
            Err(malformed(
                &at,
                format!("Action {a:?} must start with {}", service.prefix()),
            ))
        }
    })
    .collect::<Result<Vec<_>>>()?;
    let resources = strings(
        obj.get("Resource")
            .ok_or_else(|| malformed(&at, "Resource is missing"))?,
        &at,
        "Resource",
    )?;
    if let Some(r) = resources.iter().find(|r| *r != "*") {
        return Err(malformed(
            &at,
            format!("Resource {r:?}: {}", service.resource()),
        ));
    }
    let conditions = match obj.get("Condition") {
        None => Vec::new(),
        Some(Value::Object(ops)) => {
            let mut out = Vec::new();
            for (op, block) in ops {
                let (qualifier, operator) = parse_operator(&at, op)?;
                let block = block
                    .as_object()
                    .ok_or_else(|| malformed(&at, format!("Condition.{op} must be an object")))?;
                for (key, values) in block {
                    out.push(Condition {
                        qualifier,
                        operator,
                        key: normalize_key(&at, key)?,
                        values: strings(values, &at, &format!("Condition.{op}.{key}"))?,
                    });
                }
            }
            out
        }
        Some(_) => return Err(malformed(&at, "Condition must be an object")),
    };
    Ok(Statement {
        sid,
        effect,
        principals,
        actions,
        conditions,
    })
}

/// An AWS principal: an account, or an IAM root, user or role ARN.
fn aws_principal(at: &str, p: &str) -> Result<PrincipalPattern> {
    use crate::arn::IamPrincipal;
    match IamPrincipal::parse(p) {
        Some(IamPrincipal::Account(a)) => Ok(PrincipalPattern::Account(a.to_owned())),
        Some(IamPrincipal::User { account, name }) => Ok(PrincipalPattern::User {
            account: account.to_owned(),
            name: name.to_owned(),
        }),
        None => Err(malformed(
            at,
            format!(
                "Principal.AWS {p:?} is not an account or an IAM principal ARN \
                 (\"<account>\", arn:aws:iam::<account>:root, arn:aws:iam::<account>:user/<name>)"
            ),
        )),
    }
}

fn parse_operator(at: &str, op: &str) -> Result<(SetQualifier, Operator)> {
    let (qualifier, name) = match op.split_once(':') {
        Some(("ForAllValues", rest)) => (SetQualifier::ForAllValues, rest),
        Some(("ForAnyValue", rest)) => (SetQualifier::ForAnyValue, rest),
        Some((q, _)) => {
            return Err(malformed(
                at,
                format!("set qualifier {q:?} must be ForAllValues or ForAnyValue"),
            ));
        }
        None => (SetQualifier::None, op),
    };
    let operator = match name {
        "StringEquals" => Operator::StringEquals,
        "StringNotEquals" => Operator::StringNotEquals,
        "StringEqualsIgnoreCase" => Operator::StringEqualsIgnoreCase,
        "StringNotEqualsIgnoreCase" => Operator::StringNotEqualsIgnoreCase,
        "StringLike" => Operator::StringLike,
        "StringNotLike" => Operator::StringNotLike,
        "Null" => Operator::Null,
        "Bool" => Operator::Bool,
        other => {
            return Err(malformed(
                at,
                format!(
                    "condition operator {other:?} is not supported (StringEquals, StringNotEquals, StringLike, StringNotLike, Null, Bool, ...)"
                ),
            ));
        }
    };
    Ok((qualifier, operator))
}

/// Condition keys are case-insensitive in AWS, except the encryption
/// context key named after `kms:EncryptionContext:`.
fn normalize_key(at: &str, key: &str) -> Result<String> {
    const CONTEXT: &str = "kms:encryptioncontext:";
    let lower = key.to_ascii_lowercase();
    if lower.starts_with(CONTEXT) && key.len() > CONTEXT.len() {
        return Ok(format!("{CONTEXT}{}", &key[CONTEXT.len()..]));
    }
    match lower.as_str() {
        "kms:encryptioncontextkeys"
        | "kms:callerprincipal"
        | "kms:calleraccount"
        | "aws:principalarn"
        | "aws:principalaccount"
        | "aws:username" => Ok(lower),
        _ => Err(malformed(
            at,
            format!(
                "condition key {key:?} is not supported (kms:EncryptionContext:<key>, kms:EncryptionContextKeys, \
                 kms:CallerPrincipal, kms:CallerAccount, aws:PrincipalArn, aws:PrincipalAccount, aws:username)"
            ),
        )),
    }
}

impl Serialize for PolicyDocument {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for PolicyDocument {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PolicyDocument::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policies_parse() {
        let p = PolicyDocument::legacy_default();
        assert_eq!(p.statements().len(), 1);
        assert_eq!(p.statements()[0].principals, Principals::Any);
        let p = PolicyDocument::default_for("123456789012");
        assert!(p.text().contains("arn:aws:iam::123456789012:root"));
        assert_eq!(
            p.statements()[0].sid.as_deref(),
            Some("Enable IAM User Permissions")
        );
        assert_eq!(
            p.statements()[0].principals,
            Principals::Listed(vec![PrincipalPattern::Account("123456789012".into())])
        );
    }

    #[test]
    fn aws_principal_forms() {
        let parse = |principal: &str| {
            PolicyDocument::parse(&format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"kms:*","Resource":"*"}}]}}"#
            ))
            .map(|p| p.statements()[0].principals.clone())
        };
        assert_eq!(parse(r#"{"AWS":"*"}"#).expect("star"), Principals::Any);
        assert_eq!(parse(r#"{"AWS":["*"]}"#).expect("star"), Principals::Any);
        assert_eq!(
            parse(r#"{"AWS":["111122223333","arn:aws:iam::111122223333:user/ci"],"Lkms":"alice"}"#)
                .expect("mixed"),
            Principals::Listed(vec![
                PrincipalPattern::Account("111122223333".into()),
                PrincipalPattern::User {
                    account: "111122223333".into(),
                    name: "ci".into()
                },
                PrincipalPattern::Name("alice".into()),
            ])
        );
        for bad in [
            r#"{"AWS":"x"}"#,
            r#"{"AWS":"arn:aws:iam::1234:root"}"#,
            r#"{"AWS":"arn:aws:sts::111122223333:assumed-role/r/s"}"#,
            r#"{"Service":"logs.amazonaws.com"}"#,
            r#""alice""#,
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_name_the_statement_and_field() {
        let e = PolicyDocument::parse(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"ok","Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"},{"Sid":"bad","Effect":"Maybe","Principal":"*","Action":"kms:*","Resource":"*"}]}"#,
        )
        .expect_err("bad effect");
        let msg = e.to_string();
        assert!(
            msg.contains("Statement[1]") && msg.contains("bad") && msg.contains("Effect"),
            "{msg}"
        );
        for bad in [
            "not json",
            r#"{"Statement":[]}"#,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"x"},"Action":"kms:*","Resource":"*"}]}"#,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"NumericEquals":{"kms:CallerPrincipal":"1"}}}]}"#,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:SourceIp":"1"}}}]}"#,
        ] {
            assert!(PolicyDocument::parse(bad).is_err(), "{bad}");
        }
    }
}
