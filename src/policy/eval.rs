//! Policy evaluation as AWS does it: default deny, an explicit Deny wins,
//! an Allow needs a statement whose principal, action and every condition
//! match.

use super::{
    Condition, Effect, Operator, PolicyDocument, PrincipalPattern, Principals, SetQualifier,
    Statement,
};
use crate::context::EncryptionContext;

/// What a request looks like to the evaluator.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The caller's name.
    pub principal: &'a str,
    /// The keyring's 12-digit account: the caller's ARN is
    /// `arn:aws:iam::<account>:user/<principal>`.
    pub account: &'a str,
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

fn principal_matches(p: &PrincipalPattern, req: &Request<'_>) -> bool {
    match p {
        PrincipalPattern::Name(pattern) => glob(pattern, req.principal),
        PrincipalPattern::Account(account) => account == req.account,
        PrincipalPattern::User { account, name } => account == req.account && name == req.principal,
    }
}

fn statement_matches(s: &Statement, req: &Request<'_>) -> bool {
    let principal = match &s.principals {
        Principals::Any => true,
        Principals::Listed(list) => list.iter().any(|p| principal_matches(p, req)),
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
        // kms:CallerPrincipal is lkms's own key; its values are compared
        // with the caller's name or ARN (see `condition_holds`).
        "kms:callerprincipal" | "aws:username" => Some(vec![req.principal.to_owned()]),
        "aws:principalarn" => Some(vec![crate::arn::iam_user_arn(req.account, req.principal)]),
        "kms:calleraccount" | "aws:principalaccount" => Some(vec![req.account.to_owned()]),
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
    if c.key == "kms:callerprincipal" {
        return caller_principal_holds(c, req);
    }
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

/// `kms:CallerPrincipal`, single-valued and always present: a condition
/// value that is an ARN (`arn:...`) is compared with the caller's ARN, any
/// other with the caller's name, so policies written before principals had
/// ARNs keep their meaning.
fn caller_principal_holds(c: &Condition, req: &Request<'_>) -> bool {
    let arn = crate::arn::iam_user_arn(req.account, req.principal);
    let any = c.values.iter().any(|cv| {
        let value = if cv.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("arn:")) {
            arn.as_str()
        } else {
            req.principal
        };
        value_matches(c.operator, value, cv)
    });
    match c.operator {
        // The key is always present.
        Operator::Null => c.values.iter().all(|v| !v.eq_ignore_ascii_case("true")),
        op => any != negated(op),
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
            account: ACCOUNT,
            action,
            context: c,
        }
    }

    const ACCOUNT: &str = "111122223333";

    #[test]
    fn aws_principals_match_this_account_only() {
        let p = policy(
            r#"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:Describe*","Resource":"*"},
               {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:List*","Resource":"*"},
               {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/ci","arn:aws:iam::111122223333:role/ops"]},"Action":"kms:Encrypt","Resource":"*"},
               {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:root","444455556666","arn:aws:iam::444455556666:user/alice"]},"Action":"kms:Decrypt","Resource":"*"}"#,
        );
        for who in ["alice", "ci", "ops"] {
            assert_eq!(
                evaluate(&p, &req(who, "kms:DescribeKey", None)),
                Decision::Allow
            );
            assert_eq!(
                evaluate(&p, &req(who, "kms:ListGrants", None)),
                Decision::Allow
            );
            assert_eq!(
                evaluate(&p, &req(who, "kms:Decrypt", None)),
                Decision::ImplicitDeny,
                "another account's principals are nobody here"
            );
        }
        assert_eq!(
            evaluate(&p, &req("ci", "kms:Encrypt", None)),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&p, &req("ops", "kms:Encrypt", None)),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&p, &req("alice", "kms:Encrypt", None)),
            Decision::ImplicitDeny
        );
        let other = Request {
            account: "444455556666",
            ..req("alice", "kms:Decrypt", None)
        };
        assert_eq!(evaluate(&p, &other), Decision::Allow);
        let star =
            policy(r#"{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}"#);
        assert_eq!(
            evaluate(&star, &req("x", "kms:Sign", None)),
            Decision::Allow
        );
        let default = PolicyDocument::default_for(ACCOUNT);
        assert_eq!(
            evaluate(&default, &req("x", "kms:PutKeyPolicy", None)),
            Decision::Allow
        );
    }

    #[test]
    fn principal_arn_conditions() {
        let p = policy(
            r#"{"Effect":"Allow","Principal":"*","Action":"kms:Encrypt","Resource":"*",
                "Condition":{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/ci","kms:CallerAccount":"111122223333"}}},
               {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*",
                "Condition":{"StringLike":{"kms:CallerPrincipal":["arn:aws:iam::*:user/ci","bob"]}}},
               {"Effect":"Deny","Principal":"*","Action":"kms:Sign","Resource":"*",
                "Condition":{"StringNotEquals":{"kms:CallerPrincipal":["arn:aws:iam::111122223333:user/admin","ops"]}}}"#,
        );
        assert_eq!(
            evaluate(&p, &req("ci", "kms:Encrypt", None)),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&p, &req("bob", "kms:Encrypt", None)),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("ci", "kms:Decrypt", None)),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&p, &req("bob", "kms:Decrypt", None)),
            Decision::Allow
        );
        assert_eq!(
            evaluate(&p, &req("carol", "kms:Decrypt", None)),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("carol", "kms:Sign", None)),
            Decision::ExplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("admin", "kms:Sign", None)),
            Decision::ImplicitDeny
        );
        assert_eq!(
            evaluate(&p, &req("ops", "kms:Sign", None)),
            Decision::ImplicitDeny
        );
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

    /// A Principal element naming `principals` in one of the forms a
    /// policy may use: `{"Lkms": names}`, `{"AWS": user ARNs}`, or the
    /// account (`{"AWS": root ARN}`) standing for all of them.
    fn principal_element(principals: &[&str], form: u8) -> String {
        match form % 3 {
            0 => format!("{{\"Lkms\":{principals:?}}}"),
            1 => {
                let arns: Vec<String> = principals
                    .iter()
                    .map(|p| crate::arn::iam_user_arn(ACCOUNT, p))
                    .collect();
                format!("{{\"AWS\":{arns:?}}}")
            }
            _ if principals.len() == PRINCIPALS.len() => {
                format!("{{\"AWS\":\"arn:aws:iam::{ACCOUNT}:root\"}}")
            }
            _ => format!("{{\"Lkms\":{principals:?}}}"),
        }
    }

    fn statement_strategy() -> impl Strategy<Value = String> {
        (
            prop::bool::ANY,
            prop::sample::subsequence(PRINCIPALS.to_vec(), 0..=3),
            any::<u8>(),
            prop::sample::subsequence(PATTERNS.to_vec(), 1..=3),
            prop::option::of(prop::sample::select(vec!["web", "db"])),
        )
            .prop_map(|(deny, principals, form, actions, app)| {
                let effect = if deny { "Deny" } else { "Allow" };
                let principal = if principals.is_empty() {
                    "\"*\"".to_string()
                } else {
                    principal_element(&principals, form)
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
            form in any::<u8>(),
        ) {
            let mut all = statements.clone();
            let who = principal_element(&[principal], form);
            all.push(format!(r#"{{"Effect":"Deny","Principal":{who},"Action":"{action}","Resource":"*"}}"#));
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
