//! Policy evaluation as AWS does it: default deny, an explicit Deny wins,
//! an Allow needs a statement whose principal, action and every condition
//! match.

use super::{Condition, Effect, Operator, PolicyDocument, Principals, SetQualifier, Statement};
use crate::context::EncryptionContext;

/// What a request looks like to the evaluator.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The caller.
    pub principal: &'a str,
    /// The action, e.g. `kms:Encrypt`.
    pub action: &'a str,
    /// The encryption context of the call, for crypto operations.
    pub context: Option<&'a EncryptionContext>,
}

/// The outcome of evaluating one policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// An Allow statement matched and no Deny did.
    Allow,
    /// A Deny statement matched.
    ExplicitDeny,
    /// No statement matched.
    ImplicitDeny,
}

/// Evaluates `policy` for `req`.
pub fn evaluate(policy: &PolicyDocument, req: &Request<'_>) -> Decision {
    let matching = |effect| {
        policy
            .statements()
            .iter()
            .filter(move |s| s.effect == effect)
            .any(|s| statement_matches(s, req))
    };
    if matching(Effect::Deny) {
        Decision::ExplicitDeny
    } else if matching(Effect::Allow) {
        Decision::Allow
    } else {
        Decision::ImplicitDeny
    }
}

fn statement_matches(s: &Statement, req: &Request<'_>) -> bool {
    let principal = match &s.principals {
        Principals::Any => true,
        Principals::Named(names) => names.iter().any(|n| glob(n, req.principal)),
    };
    let action = req.action.to_ascii_lowercase();
    principal
        && s.actions.iter().any(|a| glob(a, &action))
        && s.conditions.iter().all(|c| condition_holds(c, req))
}

/// The request's values for a condition key: `None` when the key is absent.
/// `kms:EncryptionContextKeys` is multi-valued; the others single-valued.
fn values_of(key: &str, req: &Request<'_>) -> Option<Vec<String>> {
    if let Some(k) = key.strip_prefix("kms:encryptioncontext:") {
        return req
            .context
            .and_then(|c| c.pairs().get(k))
            .map(|v| vec![v.clone()]);
    }
    match key {
        "kms:encryptioncontextkeys" => req
            .context
            .filter(|c| !c.is_empty())
            .map(|c| c.pairs().keys().cloned().collect()),
        "kms:callerprincipal" => Some(vec![req.principal.to_owned()]),
        _ => None,
    }
}

/// Whether one request value matches one condition value under a
/// non-negated operator.
fn value_matches(op: Operator, request: &str, condition: &str) -> bool {
    match op {
        Operator::StringEquals | Operator::StringNotEquals => request == condition,
        Operator::StringEqualsIgnoreCase | Operator::StringNotEqualsIgnoreCase => {
            request.eq_ignore_ascii_case(condition)
        }
        Operator::StringLike | Operator::StringNotLike => glob(condition, request),
        Operator::Bool => request.eq_ignore_ascii_case(condition),
        Operator::Null => false,
    }
}

fn negated(op: Operator) -> bool {
    matches!(
        op,
        Operator::StringNotEquals | Operator::StringNotEqualsIgnoreCase | Operator::StringNotLike
    )
}

fn condition_holds(c: &Condition, req: &Request<'_>) -> bool {
    let values = values_of(&c.key, req);
    if c.operator == Operator::Null {
        let want_absent = c.values.iter().any(|v| v.eq_ignore_ascii_case("true"));
        return values.is_none() == want_absent;
    }
    let any_cond = |v: &String| c.values.iter().any(|cv| value_matches(c.operator, v, cv));
    let set = values.unwrap_or_default();
    // For negated operators a request value "matches" when it equals none of
    // the condition values.
    let ok = |v: &String| any_cond(v) != negated(c.operator);
    match c.qualifier {
        // ForAllValues holds for an empty set: there is no value to fail it
        // (AWS's documented subtlety, which is why it is usually paired with
        // a Null check).
        SetQualifier::ForAllValues => set.iter().all(ok),
        SetQualifier::ForAnyValue => set.iter().any(ok),
        // Unqualified: a missing key fails a positive operator and passes a
        // negated one; a multi-valued key behaves as ForAnyValue.
        SetQualifier::None if set.is_empty() => negated(c.operator),
        SetQualifier::None => set.iter().any(ok),
    }
}

/// Wildcard match: `*` any run of characters, `?` any one character.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn policy(statements: &str) -> PolicyDocument {
        PolicyDocument::parse(&format!(
            r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#
        ))
        .expect("policy")
    }

    fn ctx(pairs: &[(&str, &str)]) -> EncryptionContext {
        EncryptionContext::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
        .expect("ctx")
    }

    fn req<'a>(
        principal: &'a str,
        action: &'a str,
        c: Option<&'a EncryptionContext>,
    ) -> Request<'a> {
        Request {
            principal,
            action,
            context: c,
        }
    }

    #[test]
    fn globbing() {
        assert!(glob("kms:generate*", "kms:generatedatakey"));
        assert!(glob("kms:*", "kms:encrypt"));
        assert!(glob("a?c", "abc"));
        assert!(!glob("kms:generate*", "kms:encrypt"));
        assert!(glob("*", ""));
        assert!(!glob("a", ""));
    }

    #[test]
    fn ci_may_encrypt_only_for_app_web() {
        let p = policy(
            r#"{"Effect":"Allow","Principal":{"Lkms":"admin"},"Action":"kms:*","Resource":"*"},
               {"Effect":"Allow","Principal":{"Lkms":["ci"]},"Action":["kms:Encrypt","kms:GenerateDataKey"],"Resource":"*",
                "Condition":{"StringEquals":{"kms:EncryptionContext:app":"web"}}}"#,
        );
        let web = ctx(&[("app", "web")]);
        let db = ctx(&[("app", "db")]);
        assert_eq!(
            evaluate(&p, &req("ci", "kms:Encrypt", Some(&web))),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&p, &req("ci", "kms:Encrypt", Some(&db))),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("ci", "kms:Encrypt", None)),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("ci", "kms:Decrypt", Some(&web))),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("admin", "kms:Decrypt", None)),
            Decision::Allow
        );
    }

    #[test]
    fn for_all_values_holds_for_an_empty_set_and_for_any_value_does_not() {
        let all = policy(
            r#"{"Effect":"Allow","Principal":"*","Action":"kms:Encrypt","Resource":"*",
                "Condition":{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["app","env"]}}}"#,
        );
        let any = policy(
            r#"{"Effect":"Allow","Principal":"*","Action":"kms:Encrypt","Resource":"*",
                "Condition":{"ForAnyValue:StringEquals":{"kms:EncryptionContextKeys":["app"]}}}"#,
        );
        let empty = EncryptionContext::empty();
        let app = ctx(&[("app", "x")]);
        let other = ctx(&[("app", "x"), ("team", "y")]);
        assert_eq!(
            evaluate(&all, &req("p", "kms:Encrypt", Some(&empty))),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&all, &req("p", "kms:Encrypt", Some(&app))),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&all, &req("p", "kms:Encrypt", Some(&other))),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&any, &req("p", "kms:Encrypt", Some(&empty))),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&any, &req("p", "kms:Encrypt", Some(&other))),
            Decision::Allow
        );
    }

    #[test]
    fn null_bool_not_like_and_caller_principal() {
        let p = policy(
            r#"{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*",
                "Condition":{"Null":{"kms:EncryptionContext:app":"false"},
                             "StringNotLike":{"kms:EncryptionContext:app":"test-*"},
                             "StringEquals":{"kms:CallerPrincipal":["alice","bob"]}}}"#,
        );
        let prod = ctx(&[("app", "prod")]);
        let test = ctx(&[("app", "test-1")]);
        assert_eq!(
            evaluate(&p, &req("alice", "kms:Decrypt", Some(&prod))),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&p, &req("carol", "kms:Decrypt", Some(&prod))),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("alice", "kms:Decrypt", Some(&test))),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("alice", "kms:Decrypt", None)),
            Decision::ImplicitDeny
        );
    }

    const ACTIONS: &[&str] = &[
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:DisableKey",
        "kms:PutKeyPolicy",
        "kms:ScheduleKeyDeletion",
        "kms:Sign",
    ];
    const PATTERNS: &[&str] = &[
        "kms:*",
        "*",
        "kms:Generate*",
        "kms:Encrypt",
        "kms:*Key",
        "kms:?ecrypt",
    ];
    const PRINCIPALS: &[&str] = &["alice", "ci", "admin"];

    fn statement_strategy() -> impl Strategy<Value = String> {
        (
            prop::bool::ANY,
            prop::sample::subsequence(PRINCIPALS.to_vec(), 0..=3),
            prop::sample::subsequence(PATTERNS.to_vec(), 1..=3),
            prop::option::of(prop::sample::select(vec!["web", "db"])),
        )
            .prop_map(|(deny, principals, actions, app)| {
                let effect = if deny { "Deny" } else { "Allow" };
                let principal = if principals.is_empty() {
                    "\"*\"".to_string()
                } else {
                    format!("{{\"Lkms\":{:?}}}", principals)
                };
                let condition = app
                    .map(|a| format!(r#","Condition":{{"StringEquals":{{"kms:EncryptionContext:app":"{a}"}}}}"#))
                    .unwrap_or_default();
                format!(
                    r#"{{"Effect":"{effect}","Principal":{principal},"Action":{actions:?},"Resource":"*"{condition}}}"#
                )
            })
    }

    proptest! {
        /// Adding a matching explicit Deny to any policy denies the request.
        #[test]
        fn explicit_deny_always_wins(
            statements in prop::collection::vec(statement_strategy(), 0..5),
            action in prop::sample::select(ACTIONS.to_vec()),
            principal in prop::sample::select(PRINCIPALS.to_vec()),
            app in prop::sample::select(vec!["web", "db"]),
        ) {
            let mut all = statements.clone();
            all.push(format!(r#"{{"Effect":"Deny","Principal":{{"Lkms":"{principal}"}},"Action":"{action}","Resource":"*"}}"#));
            let p = policy(&all.join(","));
            let c = ctx(&[("app", app)]);
            prop_assert_eq!(evaluate(&p, &req(principal, action, Some(&c))), Decision::ExplicitDeny);
        }

        /// A policy whose statements name no pattern matching the action never allows it.
        #[test]
        fn no_statement_for_the_action_denies(
            statements in prop::collection::vec(statement_strategy(), 1..5),
            action in prop::sample::select(ACTIONS.to_vec()),
            principal in prop::sample::select(PRINCIPALS.to_vec()),
        ) {
            let p = policy(&statements.join(","));
            let covered = p.statements().iter().any(|s| s.actions.iter().any(|a| glob(a, &action.to_ascii_lowercase())));
            let c = ctx(&[("app", "web")]);
            let d = evaluate(&p, &req(principal, action, Some(&c)));
            if !covered {
                prop_assert_eq!(d, Decision::ImplicitDeny);
            }
            if d == Decision::Allow {
                prop_assert!(covered);
            }
        }
    }
}
