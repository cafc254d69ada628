//! Key policies, grants and the audit trail (issue 7, DESIGN.md section 6).
//!
//! Every test builds a keyring whose first slot belongs to the principal
//! `admin` and whose second belongs to `ci` (a third, `ops`, where a
//! bystander is needed), each an age identity of its own, and drives the
//! real binary as one principal or the other.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use serde_json::{Value, json};

use crate::env::path_str;
use crate::env::{Cred, EXIT_KMS, Out, b64, parse_time, str_field};
use crate::team::{self, Key, policy};

/// A keyring shared by the principals `admin` and `ci`.
struct Team {
    ground: team::Team,
    ci: Cred,
}

// Every test reads the shared ground's fields and helpers as its own.
impl std::ops::Deref for Team {
    type Target = team::Team;

    fn deref(&self) -> &team::Team {
        &self.ground
    }
}

impl Team {
    /// `init --principal admin --generate-identity admin.id`, then, as
    /// admin, `slot add --principal ci --generate-identity ci.id`.
    fn new() -> Self {
        let ground = team::Team::new("admin");
        let ci = ground.add_principal("ci");
        let team = Team { ground, ci };
        for (who, name) in [(&team.admin, "admin"), (&team.ci, "ci")] {
            let me = team.ok(who, &["whoami"]);
            assert_eq!(me["Principal"], name, "whoami: {me}");
            assert_eq!(
                me["KeyringId"],
                team.env.keyring_id.as_str(),
                "whoami: {me}"
            );
        }
        team
    }

    /// `encrypt --key-id <key> --plaintext <base64> [--encryption-context <ctx>]`.
    fn encrypt(&self, who: &Cred, key: &Key, plaintext: &[u8], ctx: Option<&str>) -> Out {
        let pt = b64(plaintext);
        let mut args = vec!["encrypt", "--key-id", &key.id, "--plaintext", &pt];
        if let Some(c) = ctx {
            args.extend(["--encryption-context", c]);
        }
        self.run(who, &args)
    }

    /// As `encrypt`, asserting success; returns the CiphertextBlob.
    #[track_caller]
    fn encrypted(&self, who: &Cred, key: &Key, plaintext: &[u8], ctx: Option<&str>) -> String {
        let out = self.encrypt(who, key, plaintext, ctx).success().json();
        str_field(&out, "CiphertextBlob")
    }

    /// `decrypt --ciphertext-blob <blob> [--encryption-context <ctx>]`.
    fn decrypt(&self, who: &Cred, blob: &str, ctx: Option<&str>) -> Out {
        let mut args = vec!["decrypt", "--ciphertext-blob", blob];
        if let Some(c) = ctx {
            args.extend(["--encryption-context", c]);
        }
        self.run(who, &args)
    }

    /// As `decrypt`, asserting success; returns the plaintext.
    #[track_caller]
    fn decrypted(&self, who: &Cred, blob: &str, ctx: Option<&str>) -> Vec<u8> {
        let out = self.decrypt(who, blob, ctx).success().json();
        STANDARD
            .decode(str_field(&out, "Plaintext"))
            .expect("Plaintext is base64")
    }

    /// The policy text get-key-policy returns.
    #[track_caller]
    fn policy_of(&self, who: &Cred, key: &Key) -> String {
        let out = self.ok(who, &["get-key-policy", "--key-id", &key.id]);
        assert_eq!(out["PolicyName"], "default", "get-key-policy: {out}");
        str_field(&out, "Policy")
    }

    /// `put-key-policy --key-id <key> --policy <policy> [extra...]`.
    fn put_policy(&self, who: &Cred, key: &Key, policy: &str, extra: &[&str]) -> Out {
        let mut args = vec!["put-key-policy", "--key-id", &key.id, "--policy", policy];
        args.extend_from_slice(extra);
        self.run(who, &args)
    }

    /// As admin: `audit show <filters>`, the Records.
    #[track_caller]
    fn audit(&self, filters: &[&str]) -> Vec<Value> {
        let mut args = vec!["audit", "show"];
        args.extend_from_slice(filters);
        let out = self.ok(&self.admin, &args);
        out["Records"]
            .as_array()
            .unwrap_or_else(|| panic!("no Records array: {out}"))
            .clone()
    }
}

/// Allow admin everything.
fn admin_all() -> Value {
    json!({
        "Sid": "AdminEverything",
        "Effect": "Allow",
        "Principal": {"Lkms": "admin"},
        "Action": "kms:*",
        "Resource": "*"
    })
}

/// Asserts an AccessDeniedException (exit 254) naming the principal, the
/// action and the key ARN.
#[track_caller]
fn assert_denied(out: Out, principal: &str, action: &str, arn: &str) -> Out {
    let out = out.failure(EXIT_KMS, "AccessDeniedException");
    let needle = format!(
        "An error occurred (AccessDeniedException) when calling the {operation} operation: \
         {principal} is not authorized to perform {action} on {arn}",
        operation = action.trim_start_matches("kms:")
    );
    assert!(
        out.stderr.contains(&needle),
        "expected {needle:?} on stderr: {out:?}"
    );
    out
}

/// `(Operation, KeyArn, Outcome)` of audit records.
fn summary(records: &[Value]) -> Vec<(String, String, String)> {
    records
        .iter()
        .map(|r| {
            (
                r["Operation"].as_str().unwrap_or_default().to_owned(),
                r["KeyArn"].as_str().unwrap_or_default().to_owned(),
                r["Outcome"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn triple(op: &str, arn: &str, outcome: &str) -> (String, String, String) {
    (op.to_owned(), arn.to_owned(), outcome.to_owned())
}

// ---------------------------------------------------------------------------
// 1. A policy that lets ci only encrypt for app=web.
// ---------------------------------------------------------------------------

#[test]
fn ci_may_only_encrypt_for_web_admin_may_do_everything_and_denials_are_audited() {
    let team = Team::new();
    let key = team.key(None);
    let text = policy(json!([
        admin_all(),
        {
            "Sid": "CiEncryptsForWeb",
            "Effect": "Allow",
            "Principal": {"Lkms": ["ci"]},
            "Action": ["kms:Encrypt", "kms:GenerateDataKey"],
            "Resource": "*",
            "Condition": {"StringEquals": {"kms:EncryptionContext:app": "web"}}
        }
    ]));
    // Given as file://, returned as given.
    let file = team.env.write_file("policy.json", &format!("{text}\n"));
    let arg = format!("file://{}", path_str(&file));
    team.put_policy(&team.admin, &key, &arg, &[]).success();
    assert_eq!(team.policy_of(&team.admin, &key), format!("{text}\n"));

    // Allowed for ci: encrypt and generate-data-key with app=web.
    let secret = b"ci build artefact key";
    let blob = team.encrypted(&team.ci, &key, secret, Some("app=web"));
    let dk = team.ok(
        &team.ci,
        &[
            "generate-data-key",
            "--key-id",
            &key.id,
            "--key-spec",
            "AES_256",
            "--encryption-context",
            "app=web",
        ],
    );
    assert_eq!(dk["KeyId"], key.arn.as_str(), "generate-data-key: {dk}");

    // Denied for ci, each naming ci, the action and the key.
    assert_denied(
        team.decrypt(&team.ci, &blob, Some("app=web")),
        "ci",
        "kms:Decrypt",
        &key.arn,
    );
    assert_denied(
        team.encrypt(&team.ci, &key, secret, Some("app=db")),
        "ci",
        "kms:Encrypt",
        &key.arn,
    );
    assert_denied(
        team.encrypt(&team.ci, &key, secret, None),
        "ci",
        "kms:Encrypt",
        &key.arn,
    );
    assert_denied(
        team.run(
            &team.ci,
            &[
                "generate-data-key",
                "--key-id",
                &key.id,
                "--key-spec",
                "AES_256",
                "--encryption-context",
                "app=db",
            ],
        ),
        "ci",
        "kms:GenerateDataKey",
        &key.arn,
    );
    assert_denied(
        team.run(&team.ci, &["describe-key", "--key-id", &key.id]),
        "ci",
        "kms:DescribeKey",
        &key.arn,
    );
    assert_denied(
        team.run(&team.ci, &["disable-key", "--key-id", &key.id]),
        "ci",
        "kms:DisableKey",
        &key.arn,
    );
    assert_denied(
        team.put_policy(&team.ci, &key, &policy(json!([admin_all()])), &[]),
        "ci",
        "kms:PutKeyPolicy",
        &key.arn,
    );
    // The denied disable-key did nothing.
    assert_eq!(team.env.describe(&key.id)["KeyState"], "Enabled");

    // Admin may do everything.
    assert_eq!(team.decrypted(&team.admin, &blob, Some("app=web")), secret);
    let own = team.encrypted(&team.admin, &key, secret, None);
    assert_eq!(team.decrypted(&team.admin, &own, None), secret);
    team.ok(&team.admin, &["disable-key", "--key-id", &key.id]);
    assert_eq!(team.env.describe(&key.id)["KeyState"], "Disabled");
    team.ok(&team.admin, &["enable-key", "--key-id", &key.id]);
    let md = team.ok(&team.admin, &["describe-key", "--key-id", &key.id]);
    assert_eq!(md["KeyMetadata"]["KeyState"], "Enabled", "{md}");
    team.ok(
        &team.admin,
        &[
            "update-key-description",
            "--key-id",
            &key.id,
            "--description",
            "web",
        ],
    );

    // The audit log holds every call of ci, allowed and denied, in order.
    let ci_records = team.audit(&["--principal", "ci"]);
    assert!(
        ci_records.iter().all(|r| r["Principal"] == "ci"),
        "--principal ci shows another principal: {ci_records:?}"
    );
    let on_key: Vec<Value> = ci_records
        .iter()
        .filter(|r| r["KeyArn"] == key.arn.as_str())
        .cloned()
        .collect();
    assert_eq!(
        summary(&on_key),
        vec![
            triple("Encrypt", &key.arn, "Success"),
            triple("GenerateDataKey", &key.arn, "Success"),
            triple("Decrypt", &key.arn, "Denied"),
            triple("Encrypt", &key.arn, "Denied"),
            triple("Encrypt", &key.arn, "Denied"),
            triple("GenerateDataKey", &key.arn, "Denied"),
            triple("DescribeKey", &key.arn, "Denied"),
            triple("DisableKey", &key.arn, "Denied"),
            triple("PutKeyPolicy", &key.arn, "Denied"),
        ],
        "ci's audit records: {on_key:#?}"
    );
    for r in &on_key {
        match r["Outcome"].as_str() {
            Some("Denied") => {
                let err = r["Error"].as_str().unwrap_or_default();
                let want = format!(
                    "AccessDeniedException: ci is not authorized to perform kms:{} on {}",
                    r["Operation"].as_str().unwrap_or_default(),
                    key.arn
                );
                assert!(err.starts_with(&want), "Error {err:?} is not {want:?}...");
            }
            _ => assert!(r["Error"].is_null(), "a successful call has an Error: {r}"),
        }
        parse_time(&str_field(r, "Time"));
    }
    // The encryption context is logged, as CloudTrail does.
    assert_eq!(
        on_key[3]["Request"]["EncryptionContext"],
        json!({"app": "db"})
    );

    // Filters: --operation, --key-id (by id or alias), --since.
    let decrypts = team.audit(&["--principal", "ci", "--operation", "Decrypt"]);
    assert_eq!(
        summary(&decrypts),
        vec![triple("Decrypt", &key.arn, "Denied")],
        "{decrypts:#?}"
    );
    let by_key = team.audit(&["--key-id", &key.id]);
    assert!(by_key.iter().all(|r| r["KeyArn"] == key.arn.as_str()));
    let admin_ops: Vec<String> = by_key
        .iter()
        .filter(|r| r["Principal"] == "admin")
        .map(|r| str_field(r, "Operation"))
        .collect();
    for op in [
        "CreateKey",
        "PutKeyPolicy",
        "Decrypt",
        "DisableKey",
        "EnableKey",
    ] {
        assert!(
            admin_ops.iter().any(|o| o == op),
            "no admin {op} in --key-id records: {admin_ops:?}"
        );
    }
    team.ok(
        &team.admin,
        &[
            "create-alias",
            "--alias-name",
            "alias/web",
            "--target-key-id",
            &key.id,
        ],
    );
    let by_alias = team.audit(&["--key-id", "alias/web"]);
    assert!(
        by_alias.len() >= by_key.len(),
        "--key-id alias/web shows fewer records than --key-id <id>"
    );
    assert!(team.audit(&["--since", "2999-01-01T00:00:00Z"]).is_empty());
    let all = team.audit(&[]).len();
    assert!(team.audit(&["--since", "2000-01-01T00:00:00Z"]).len() >= all);
}

// ---------------------------------------------------------------------------
// 2. Evaluation: explicit Deny, action wildcards, set operators.
// ---------------------------------------------------------------------------

#[test]
fn an_explicit_deny_beats_an_allow_and_a_grant() {
    let team = Team::new();
    let key = team.key(Some(&policy(json!([
        admin_all(),
        {"Sid": "CiEverything", "Effect": "Allow", "Principal": {"Lkms": "ci"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "CiNeverDecrypts", "Effect": "Deny", "Principal": {"Lkms": "ci"},
         "Action": "kms:Decrypt", "Resource": "*"}
    ]))));
    let blob = team.encrypted(&team.ci, &key, b"deny wins", None);
    team.ok(
        &team.ci,
        &[
            "generate-data-key",
            "--key-id",
            &key.id,
            "--key-spec",
            "AES_256",
        ],
    );
    team.ok(&team.ci, &["describe-key", "--key-id", &key.id]);
    let out = assert_denied(
        team.decrypt(&team.ci, &blob, None),
        "ci",
        "kms:Decrypt",
        &key.arn,
    );
    assert!(
        out.stdout.trim().is_empty(),
        "a denied decrypt printed: {out:?}"
    );
    assert_eq!(team.decrypted(&team.admin, &blob, None), b"deny wins");

    // A grant cannot override a Deny either. First show the grant works...
    let statements = json!([
        admin_all(),
        {"Sid": "CiEncrypts", "Effect": "Allow", "Principal": {"Lkms": "ci"},
         "Action": "kms:Encrypt", "Resource": "*"}
    ]);
    let key = team.key(Some(&policy(statements.clone())));
    let blob = team.encrypted(&team.ci, &key, b"granted", None);
    assert_denied(
        team.decrypt(&team.ci, &blob, None),
        "ci",
        "kms:Decrypt",
        &key.arn,
    );
    team.ok(
        &team.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "ci",
            "--operations",
            "Decrypt",
        ],
    );
    assert_eq!(team.decrypted(&team.ci, &blob, None), b"granted");
    // ...then deny Decrypt to every principal: the grant no longer helps.
    let mut with_deny = statements.as_array().expect("array").clone();
    with_deny.push(
        json!({"Sid": "NobodyDecrypts", "Effect": "Deny", "Principal": "*",
                          "Action": "kms:Decrypt", "Resource": "*"}),
    );
    team.put_policy(&team.admin, &key, &policy(Value::Array(with_deny)), &[])
        .success();
    assert_denied(
        team.decrypt(&team.ci, &blob, None),
        "ci",
        "kms:Decrypt",
        &key.arn,
    );
    assert_denied(
        team.decrypt(&team.admin, &blob, None),
        "admin",
        "kms:Decrypt",
        &key.arn,
    );
    let grants = team.ok(&team.admin, &["list-grants", "--key-id", &key.id]);
    assert_eq!(
        grants["Grants"].as_array().map(Vec::len),
        Some(1),
        "{grants}"
    );
    team.encrypted(&team.ci, &key, b"still allowed", None);
}

#[test]
fn the_generate_wildcard_matches_generate_operations_only() {
    let team = Team::new();
    let key = team.key(Some(&policy(json!([
        admin_all(),
        {"Sid": "CiGenerates", "Effect": "Allow", "Principal": {"Lkms": "ci"},
         "Action": ["kms:Generate*"], "Resource": "*"}
    ]))));
    let dk = team.ok(
        &team.ci,
        &[
            "generate-data-key",
            "--key-id",
            &key.id,
            "--key-spec",
            "AES_256",
        ],
    );
    team.ok(
        &team.ci,
        &[
            "generate-data-key-without-plaintext",
            "--key-id",
            &key.id,
            "--key-spec",
            "AES_256",
        ],
    );
    assert_denied(
        team.encrypt(&team.ci, &key, b"no", None),
        "ci",
        "kms:Encrypt",
        &key.arn,
    );
    let blob = str_field(&dk, "CiphertextBlob");
    assert_denied(
        team.decrypt(&team.ci, &blob, None),
        "ci",
        "kms:Decrypt",
        &key.arn,
    );
    // The data key is a real one: admin can unwrap it.
    assert_eq!(
        b64(&team.decrypted(&team.admin, &blob, None)),
        str_field(&dk, "Plaintext")
    );
}

#[test]
fn set_operators_on_encryption_context_keys_follow_aws() {
    let team = Team::new();
    let with = |op: &str| {
        team.key(Some(&policy(json!([
            admin_all(),
            {"Sid": "CiOnlyAppKeys", "Effect": "Allow", "Principal": {"Lkms": "ci"},
             "Action": "kms:Encrypt", "Resource": "*",
             "Condition": {op: {"kms:EncryptionContextKeys": ["app"]}}}
        ]))))
    };
    let all = with("ForAllValues:StringEquals");
    let any = with("ForAnyValue:StringEquals");
    let cases: [(Option<&str>, bool, bool); 4] = [
        // (context, allowed under ForAllValues, allowed under ForAnyValue)
        (Some("app=web"), true, true),
        // AWS: ForAllValues is true for an empty set; ForAnyValue is false.
        (None, true, false),
        (Some("app=web,other=x"), false, true),
        (Some("other=x"), false, false),
    ];
    for (ctx, all_ok, any_ok) in cases {
        for (key, ok, name) in [
            (&all, all_ok, "ForAllValues"),
            (&any, any_ok, "ForAnyValue"),
        ] {
            let out = team.encrypt(&team.ci, key, b"ctx", ctx);
            if ok {
                assert_eq!(
                    out.code, 0,
                    "{name} with context {ctx:?} should allow: {out:?}"
                );
            } else {
                assert_denied(out, "ci", "kms:Encrypt", &key.arn);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 3. The lockout safety check, malformed policies.
// ---------------------------------------------------------------------------

#[test]
fn the_lockout_check_refuses_a_policy_that_drops_the_callers_put_key_policy() {
    let team = Team::new();
    let key = team.key(None);
    let original = team.policy_of(&team.admin, &key);
    let ci_only = policy(json!([
        {"Sid": "CiOnly", "Effect": "Allow", "Principal": {"Lkms": "ci"},
         "Action": "kms:*", "Resource": "*"}
    ]));
    let deny_self = policy(json!([
        {"Sid": "Everyone", "Effect": "Allow", "Principal": "*",
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "NoPolicyChanges", "Effect": "Deny", "Principal": {"Lkms": "admin"},
         "Action": "kms:Put*", "Resource": "*"}
    ]));
    for bad in [&ci_only, &deny_self] {
        let out = team
            .put_policy(&team.admin, &key, bad, &[])
            .failure(EXIT_KMS, "MalformedPolicyDocumentException");
        assert!(
            out.stderr.contains("PutKeyPolicy") && out.stderr.contains("lockout"),
            "the refusal does not explain the lockout: {out:?}"
        );
        assert_eq!(team.policy_of(&team.admin, &key), original);
    }
    // create-key --policy runs the same check, and creates nothing.
    let before = team.env.list_all_keys(None).0.len();
    team.run(&team.admin, &["create-key", "--policy", &ci_only])
        .failure(EXIT_KMS, "MalformedPolicyDocumentException");
    assert_eq!(team.env.list_all_keys(None).0.len(), before);
    // A policy that keeps admin's PutKeyPolicy (through a condition) is fine.
    let conditional = policy(json!([
        {"Sid": "PolicyByAdmin", "Effect": "Allow", "Principal": "*",
         "Action": "kms:PutKeyPolicy", "Resource": "*",
         "Condition": {"StringEquals": {"kms:CallerPrincipal": "admin"}}},
        {"Sid": "CiEverything", "Effect": "Allow", "Principal": {"Lkms": "ci"},
         "Action": "kms:*", "Resource": "*"}
    ]));
    team.put_policy(&team.admin, &key, &conditional, &[])
        .success();
    assert_eq!(team.policy_of(&team.ci, &key), conditional);

    // With the bypass, the policy is taken and admin is locked out.
    team.put_policy(
        &team.admin,
        &key,
        &ci_only,
        &["--bypass-policy-lockout-safety-check"],
    )
    .success();
    assert_eq!(team.policy_of(&team.ci, &key), ci_only);
    assert_denied(
        team.put_policy(&team.admin, &key, &original, &[]),
        "admin",
        "kms:PutKeyPolicy",
        &key.arn,
    );
    assert_denied(
        team.put_policy(
            &team.admin,
            &key,
            &original,
            &["--bypass-policy-lockout-safety-check"],
        ),
        "admin",
        "kms:PutKeyPolicy",
        &key.arn,
    );
    assert_denied(
        team.run(&team.admin, &["get-key-policy", "--key-id", &key.id]),
        "admin",
        "kms:GetKeyPolicy",
        &key.arn,
    );
    assert_eq!(team.policy_of(&team.ci, &key), ci_only);
    // ci, who holds kms:*, may restore the default.
    team.put_policy(&team.ci, &key, &original, &[]).success();
    assert_eq!(team.policy_of(&team.admin, &key), original);

    // create-key --policy with the bypass.
    let created = team.ok(
        &team.admin,
        &[
            "create-key",
            "--policy",
            &ci_only,
            "--bypass-policy-lockout-safety-check",
        ],
    );
    let locked = Key {
        id: str_field(&created["KeyMetadata"], "KeyId"),
        arn: str_field(&created["KeyMetadata"], "Arn"),
    };
    assert_denied(
        team.run(&team.admin, &["describe-key", "--key-id", &locked.id]),
        "admin",
        "kms:DescribeKey",
        &locked.arn,
    );
    assert_eq!(team.policy_of(&team.ci, &locked), ci_only);
}

#[test]
fn malformed_policies_name_the_statement_and_field() {
    let team = Team::new();
    let key = team.key(None);
    let original = team.policy_of(&team.admin, &key);
    let good = json!({"Sid": "Fine", "Effect": "Allow", "Principal": "*",
                      "Action": "kms:*", "Resource": "*"});
    let cases = [
        (
            json!({"Sid": "BadEffect", "Effect": "Maybe", "Principal": "*",
                   "Action": "kms:*", "Resource": "*"}),
            ["Statement[1]", "BadEffect", "Effect"],
        ),
        (
            json!({"Sid": "NoAction", "Effect": "Allow", "Principal": "*",
                   "Resource": "*"}),
            ["Statement[1]", "NoAction", "Action"],
        ),
        (
            json!({"Sid": "OddCondition", "Effect": "Allow", "Principal": "*",
                   "Action": "kms:Encrypt", "Resource": "*",
                   "Condition": {"StringSometimes": {"kms:CallerPrincipal": "ci"}}}),
            ["Statement[1]", "OddCondition", "StringSometimes"],
        ),
    ];
    for (statement, words) in cases {
        let text = policy(json!([good.clone(), statement]));
        for out in [
            team.put_policy(&team.admin, &key, &text, &[]),
            team.run(&team.admin, &["create-key", "--policy", &text]),
        ] {
            let out = out.failure(EXIT_KMS, "MalformedPolicyDocumentException");
            let line = out.error_line("MalformedPolicyDocumentException");
            for w in words {
                assert!(line.contains(w), "{w:?} not in {line:?}");
            }
        }
        assert_eq!(team.policy_of(&team.admin, &key), original);
    }
    team.put_policy(&team.admin, &key, "{not json", &[])
        .failure(EXIT_KMS, "MalformedPolicyDocumentException");
    assert_eq!(team.policy_of(&team.admin, &key), original);
}

// ---------------------------------------------------------------------------
// 4. Grants.
// ---------------------------------------------------------------------------

#[test]
fn grants_allow_within_their_constraints_until_retired_or_revoked() {
    let team = Team::new();
    let ops = team.add_principal("ops");
    let key = team.key(Some(&policy(json!([
        admin_all(),
        {"Sid": "CiEncrypts", "Effect": "Allow", "Principal": {"Lkms": "ci"},
         "Action": "kms:Encrypt", "Resource": "*"}
    ]))));
    let web = team.encrypted(&team.admin, &key, b"web", Some("app=web"));
    let db = team.encrypted(&team.admin, &key, b"db", Some("app=db"));
    let web_more = team.encrypted(&team.admin, &key, b"web+", Some("app=web,tier=2"));
    let denied = |blob: &str, ctx: &str| {
        assert_denied(
            team.decrypt(&team.ci, blob, Some(ctx)),
            "ci",
            "kms:Decrypt",
            &key.arn,
        );
    };
    denied(&web, "app=web");

    // An EncryptionContextEquals grant: exactly {app: web}.
    let g1 = team.ok(
        &team.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "ci",
            "--operations",
            "Decrypt",
            "--constraints",
            "EncryptionContextEquals={app=web}",
            "--name",
            "web-decrypt",
        ],
    );
    let g1_id = str_field(&g1, "GrantId");
    let g1_token = str_field(&g1, "GrantToken");
    assert!(!g1_id.is_empty() && !g1_token.is_empty(), "{g1}");
    assert_eq!(team.decrypted(&team.ci, &web, Some("app=web")), b"web");
    assert_eq!(
        team.ok(
            &team.ci,
            &[
                "decrypt",
                "--ciphertext-blob",
                &web,
                "--encryption-context",
                "app=web",
                "--grant-tokens",
                &g1_token,
            ],
        )["Plaintext"],
        b64(b"web").as_str()
    );
    denied(&db, "app=db");
    denied(&web_more, "app=web,tier=2");
    // The grant gives Decrypt only, and only to ci.
    assert_denied(
        team.run(&team.ci, &["describe-key", "--key-id", &key.id]),
        "ci",
        "kms:DescribeKey",
        &key.arn,
    );
    assert_denied(
        team.decrypt(&ops, &web, Some("app=web")),
        "ops",
        "kms:Decrypt",
        &key.arn,
    );
    // A garbage grant token is refused.
    team.run(
        &team.ci,
        &[
            "decrypt",
            "--ciphertext-blob",
            &web,
            "--encryption-context",
            "app=web",
            "--grant-tokens",
            "garbage",
        ],
    )
    .failure(EXIT_KMS, "InvalidGrantTokenException");

    let listed = team.ok(&team.admin, &["list-grants", "--key-id", &key.id]);
    assert!(listed.get("Truncated").is_none(), "{listed}");
    let grants = listed["Grants"].as_array().expect("Grants array");
    assert_eq!(grants.len(), 1, "{listed}");
    let g = &grants[0];
    assert_eq!(g["KeyId"], key.arn.as_str(), "{g}");
    assert_eq!(g["GrantId"], g1_id.as_str(), "{g}");
    assert_eq!(g["Name"], "web-decrypt", "{g}");
    assert_eq!(g["GranteePrincipal"], "ci", "{g}");
    let account = key.arn.split(':').nth(4).expect("account in the key ARN");
    assert_eq!(
        g["IssuingAccount"],
        format!("arn:aws:iam::{account}:root").as_str(),
        "{g}"
    );
    assert_eq!(g["Operations"], json!(["Decrypt"]), "{g}");
    assert_eq!(
        g["Constraints"]["EncryptionContextEquals"],
        json!({"app": "web"}),
        "{g}"
    );
    parse_time(&str_field(g, "CreationDate"));
    let by_grantee = team.ok(
        &team.admin,
        &[
            "list-grants",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "ops",
        ],
    );
    assert_eq!(by_grantee["Grants"], json!([]), "{by_grantee}");
    let by_id = team.ok(
        &team.admin,
        &["list-grants", "--key-id", &key.id, "--grant-id", &g1_id],
    );
    assert_eq!(by_id["Grants"].as_array().map(Vec::len), Some(1), "{by_id}");

    // Neither grantee nor retiring principal: refused.
    let out = team
        .run(&ops, &["retire-grant", "--grant-token", &g1_token])
        .failure(EXIT_KMS, "AccessDeniedException");
    assert!(
        out.stderr
            .contains("ops is not authorized to perform kms:RetireGrant"),
        "{out:?}"
    );
    assert_eq!(team.decrypted(&team.ci, &web, Some("app=web")), b"web");

    // The grantee of a grant without RetireGrant may not retire it (AWS's
    // rule); the keyring's administrator may, as the AWS account can.
    team.run(&team.ci, &["retire-grant", "--grant-token", &g1_token])
        .failure(EXIT_KMS, "AccessDeniedException");
    team.run(&team.admin, &["retire-grant", "--grant-token", &g1_token])
        .success();
    denied(&web, "app=web");
    let listed = team.ok(&team.admin, &["list-grants", "--key-id", &key.id]);
    assert_eq!(listed["Grants"], json!([]), "{listed}");

    // An EncryptionContextSubset grant retirable by ops: supersets pass.
    let g2 = team.ok(
        &team.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "ci",
            "--operations",
            "Decrypt,GenerateDataKey",
            "--constraints",
            "EncryptionContextSubset={app=web}",
            "--retiring-principal",
            "ops",
        ],
    );
    let g2_id = str_field(&g2, "GrantId");
    assert_eq!(team.decrypted(&team.ci, &web, Some("app=web")), b"web");
    assert_eq!(
        team.decrypted(&team.ci, &web_more, Some("app=web,tier=2")),
        b"web+"
    );
    denied(&db, "app=db");
    let retirable = team.ok(
        &team.admin,
        &["list-retirable-grants", "--retiring-principal", "ops"],
    );
    let retirable = retirable["Grants"]
        .as_array()
        .expect("Grants array")
        .clone();
    assert_eq!(retirable.len(), 1, "{retirable:?}");
    assert_eq!(retirable[0]["GrantId"], g2_id.as_str());
    assert_eq!(retirable[0]["RetiringPrincipal"], "ops");
    assert_eq!(
        retirable[0]["Operations"],
        json!(["Decrypt", "GenerateDataKey"])
    );
    let none = team.ok(
        &team.admin,
        &["list-retirable-grants", "--retiring-principal", "admin"],
    );
    assert_eq!(none["Grants"], json!([]), "{none}");
    // ci is g2's grantee, without RetireGrant in it.
    team.run(
        &team.ci,
        &["retire-grant", "--key-id", &key.id, "--grant-id", &g2_id],
    )
    .failure(EXIT_KMS, "AccessDeniedException");
    // ci may not revoke (no kms:RevokeGrant); admin may.
    assert_denied(
        team.run(
            &team.ci,
            &["revoke-grant", "--key-id", &key.id, "--grant-id", &g2_id],
        ),
        "ci",
        "kms:RevokeGrant",
        &key.arn,
    );
    assert_eq!(team.decrypted(&team.ci, &web, Some("app=web")), b"web");
    team.ok(
        &team.admin,
        &["revoke-grant", "--key-id", &key.id, "--grant-id", &g2_id],
    );
    denied(&web, "app=web");
    denied(&web_more, "app=web,tier=2");

    // The retiring principal retires by key id and grant id.
    let g3 = team.ok(
        &team.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "ci",
            "--operations",
            "Decrypt",
            "Encrypt",
            "--retiring-principal",
            "ops",
        ],
    );
    assert_eq!(team.decrypted(&team.ci, &db, Some("app=db")), b"db");
    team.ok(
        &ops,
        &[
            "retire-grant",
            "--key-id",
            &key.id,
            "--grant-id",
            &str_field(&g3, "GrantId"),
        ],
    );
    denied(&db, "app=db");

    // Not a grant operation.
    team.run(
        &team.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "ci",
            "--operations",
            "Decrypt,Frobnicate",
        ],
    )
    .failure(EXIT_KMS, "ValidationException");
    let listed = team.ok(&team.admin, &["list-grants", "--key-id", &key.id]);
    assert_eq!(listed["Grants"], json!([]), "{listed}");

    // The grant life cycle is in the audit log.
    let ops_seen: Vec<(String, String)> = team
        .audit(&["--key-id", &key.id])
        .iter()
        .filter(|r| r["Operation"].as_str().is_some_and(|o| o.contains("Grant")))
        .map(|r| (str_field(r, "Operation"), str_field(r, "Outcome")))
        .collect();
    for want in [
        ("CreateGrant", "Success"),
        ("RetireGrant", "Success"),
        ("RevokeGrant", "Success"),
        ("RevokeGrant", "Denied"),
    ] {
        assert!(
            ops_seen.iter().any(|(o, r)| o == want.0 && r == want.1),
            "no {want:?} record for the key: {ops_seen:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// 5. The audit trail: tamper evidence, no secrets.
// ---------------------------------------------------------------------------

/// Runs `audit verify`; asserts exit 254, AuditLogInvalidException, and
/// that the message names audit record `seq`.
#[track_caller]
fn assert_audit_invalid(team: &Team, seq: i64, what: &str) {
    let out = team.run(&team.admin, &["audit", "verify"]);
    assert_eq!(out.code, EXIT_KMS, "{what}: expected exit 254: {out:?}");
    let err = out
        .stderr
        .lines()
        .find(|l| l.starts_with("An error occurred (AuditLogInvalidException)"))
        .unwrap_or_else(|| panic!("{what}: no AuditLogInvalidException: {out:?}"));
    assert!(
        err.contains(&format!("audit record {seq}:")),
        "{what}: the message does not name audit record {seq}: {err:?}"
    );
}

/// `<db>-wal` or `<db>-shm`, the files SQLite keeps beside a database in use.
fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Opens the keyring's database with SQLite (no lkms process may be
/// running), runs `f` and closes it, leaving one self-contained file.
#[track_caller]
fn with_db<T>(path: &Path, f: impl FnOnce(&Connection) -> T) -> T {
    let db = Connection::open(path).expect("open the keyring with SQLite");
    let out = f(&db);
    db.close().map_err(|(_, e)| e).expect("close the keyring");
    for suffix in ["-wal", "-shm"] {
        assert!(!sidecar(path, suffix).exists(), "{suffix} left behind");
    }
    out
}

/// The audit table's sequence numbers, in order.
fn audit_seqs(path: &Path) -> Vec<i64> {
    with_db(path, |db| {
        db.prepare("SELECT seq FROM audit ORDER BY seq")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("read the audit table")
    })
}

/// The columns of an audit row other than `seq`, in `AUDIT_COLUMNS` order.
const AUDIT_COLUMNS: [&str; 7] = [
    "time",
    "key_ix",
    "source_key_ix",
    "principal_ix",
    "operation_ix",
    "data",
    "hash",
];

fn audit_row(db: &Connection, seq: i64) -> Vec<Sql> {
    db.query_row(
        &format!(
            "SELECT {} FROM audit WHERE seq = ?1",
            AUDIT_COLUMNS.join(", ")
        ),
        [seq],
        |r| (0..AUDIT_COLUMNS.len()).map(|i| r.get(i)).collect(),
    )
    .unwrap_or_else(|e| panic!("no audit record {seq}: {e}"))
}

fn set_audit_row(db: &Connection, seq: i64, values: &[Sql]) {
    let set: Vec<String> = AUDIT_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let mut params: Vec<&dyn rusqlite::ToSql> =
        values.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
    params.push(&seq);
    let n = db
        .execute(
            &format!(
                "UPDATE audit SET {} WHERE seq = ?{}",
                set.join(", "),
                AUDIT_COLUMNS.len() + 1
            ),
            params.as_slice(),
        )
        .expect("update an audit row");
    assert_eq!(n, 1, "no audit record {seq}");
}

/// One column of an audit row set to `value`.
fn set_audit_column(db: &Connection, seq: i64, column: &str, value: Sql) {
    let n = db
        .execute(
            &format!("UPDATE audit SET {column} = ?1 WHERE seq = ?2"),
            rusqlite::params![value, seq],
        )
        .expect("update an audit column");
    assert_eq!(n, 1, "no audit record {seq}");
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn audit_verify_detects_any_edit_deletion_or_swap_naming_the_record() {
    let team = Team::new();
    let key = team.key(Some(&policy(json!([
        admin_all(),
        {"Sid": "CiEncryptsForWeb", "Effect": "Allow", "Principal": {"Lkms": "ci"},
         "Action": "kms:Encrypt", "Resource": "*",
         "Condition": {"StringEquals": {"kms:EncryptionContext:app": "web"}}}
    ]))));
    let plaintext = b"audit-me-not: the launch code is 0451-zebra";
    let blob = team.encrypted(&team.ci, &key, plaintext, Some("app=web"));
    team.encrypted(&team.admin, &key, plaintext, None);
    assert_denied(
        team.decrypt(&team.ci, &blob, Some("app=web")),
        "ci",
        "kms:Decrypt",
        &key.arn,
    );
    assert_denied(
        team.encrypt(&team.ci, &key, plaintext, Some("app=db")),
        "ci",
        "kms:Encrypt",
        &key.arn,
    );
    assert_eq!(
        team.decrypted(&team.admin, &blob, Some("app=web")),
        plaintext
    );
    let dk = team.ok(
        &team.admin,
        &[
            "generate-data-key",
            "--key-id",
            &key.id,
            "--key-spec",
            "AES_256",
        ],
    );
    let file = team
        .env
        .write_file("plain.bin", std::str::from_utf8(plaintext).expect("utf8"));
    team.ok(
        &team.admin,
        &[
            "encrypt",
            "--key-id",
            &key.id,
            "--plaintext",
            &format!("fileb://{}", path_str(&file)),
        ],
    );
    team.run(
        &team.admin,
        &[
            "describe-key",
            "--key-id",
            "11111111-1111-4111-8111-111111111111",
        ],
    )
    .failure(EXIT_KMS, "NotFoundException");
    team.ok(&team.ci, &["whoami"]);
    // Failed calls are logged too.
    let failed = team.audit(&["--operation", "DescribeKey"]);
    assert!(
        failed.iter().any(|r| r["Outcome"] == "Failed"
            && r["Error"]
                .as_str()
                .is_some_and(|e| e.starts_with("NotFoundException"))),
        "no Failed DescribeKey record: {failed:#?}"
    );

    // Every record, in order, as `audit show` prints them.
    let shown = team.audit(&[]);
    for (i, r) in shown.iter().enumerate() {
        assert_eq!(r["Seq"], i + 1, "record {}: {r}", i + 1);
    }

    // The trail is the keyring's audit table.
    let kr = team.env.keyring.clone();
    let seqs = audit_seqs(&kr);
    let n = seqs.len();
    assert!(n >= 12, "only {n} audit records");
    assert_eq!(seqs, (1..=n as i64).collect::<Vec<_>>(), "audit seqs");
    assert!(shown.len() <= n, "audit show printed {}", shown.len());
    let original = std::fs::read(&kr).expect("the keyring");

    // No secret in the trail: the plaintext, raw or base64, the data key;
    // neither in the records nor anywhere in the file.
    let shown_text = serde_json::to_string(&shown).expect("JSON");
    for secret in [
        std::str::from_utf8(plaintext).expect("utf8").to_owned(),
        b64(plaintext),
        "0451-zebra".to_owned(),
        str_field(&dk, "Plaintext"),
    ] {
        assert!(
            !shown_text.contains(&secret),
            "the audit trail holds {secret:?}"
        );
        assert!(
            !contains(&original, secret.as_bytes()),
            "the keyring file holds {secret:?}"
        );
    }

    // Puts the keyring back as it was (no lkms process runs meanwhile).
    let restore = || {
        for suffix in ["-wal", "-shm"] {
            assert!(!sidecar(&kr, suffix).exists(), "{suffix} left behind");
        }
        std::fs::write(&kr, &original).expect("restore the keyring");
    };
    // The original keyring, changed by `f`.
    let tamper = |f: &dyn Fn(&Connection)| {
        restore();
        with_db(&kr, f);
    };
    let verified = |team: &Team| {
        restore();
        let v = team.ok(&team.admin, &["audit", "verify"]);
        assert_eq!(v["Records"], n, "{v}");
        assert_eq!(v["FirstSeq"], 1, "{v}");
        assert_eq!(v["LastSeq"], n, "{v}");
        assert_eq!(v["PrunedThrough"], 0, "{v}");
        assert_eq!(v["Path"], path_str(&kr), "{v}");
        restore();
    };
    verified(&team);

    // Edit one record: the first, a middle one and the last; one byte of
    // the sealed data (salt, nonce, ciphertext, tag), or any clear column.
    let n_seq = n as i64;
    for seq in [1, n_seq / 2, n_seq] {
        let row = with_db(&kr, |db| audit_row(db, seq));
        let Sql::Blob(data) = &row[5] else {
            panic!("audit data is {:?}", row[5])
        };
        let len = data.len();
        for at in [0, 31, 32, 43, 44, len / 2, len - 16, len - 1] {
            tamper(&|db| {
                let mut d = data.clone();
                d[at] ^= 0x20;
                set_audit_column(db, seq, "data", Sql::Blob(d));
            });
            assert_audit_invalid(
                &team,
                seq,
                &format!("record {seq}: byte {at} of its data changed"),
            );
        }
        let Sql::Blob(hash) = &row[6] else {
            panic!("audit hash is {:?}", row[6])
        };
        for at in [0, hash.len() - 1] {
            tamper(&|db| {
                let mut h = hash.clone();
                h[at] ^= 0x01;
                set_audit_column(db, seq, "hash", Sql::Blob(h));
            });
            assert_audit_invalid(&team, seq, &format!("record {seq}: byte {at} of its hash"));
        }
        for (i, column) in AUDIT_COLUMNS.iter().enumerate().take(5) {
            let changed = match &row[i] {
                Sql::Integer(x) => Sql::Integer(x ^ 1),
                Sql::Null => Sql::Integer(7),
                other => panic!("audit {column} is {other:?}"),
            };
            tamper(&|db| set_audit_column(db, seq, column, changed.clone()));
            assert_audit_invalid(&team, seq, &format!("record {seq}: {column} changed"));
            if row[i] != Sql::Null && column.ends_with("key_ix") {
                tamper(&|db| set_audit_column(db, seq, column, Sql::Null));
                assert_audit_invalid(&team, seq, &format!("record {seq}: {column} cleared"));
            }
        }
    }
    verified(&team);

    // Delete a record: the first, a middle one, the last.
    for seq in [1, n_seq / 2, n_seq] {
        tamper(&|db| {
            db.execute("DELETE FROM audit WHERE seq = ?1", [seq])
                .expect("delete");
        });
        assert_audit_invalid(&team, seq, &format!("record {seq} deleted"));
    }
    // Several records cut from the end.
    tamper(&|db| {
        db.execute("DELETE FROM audit WHERE seq > ?1", [n_seq - 3])
            .expect("delete");
    });
    assert_audit_invalid(&team, n_seq - 2, "the last three records deleted");

    // Swap two records (everything but their sequence numbers):
    // neighbours in the middle, the first and the last, the last two.
    for (a, b) in [(n_seq / 2, n_seq / 2 + 1), (1, n_seq), (n_seq - 1, n_seq)] {
        tamper(&|db| {
            let (ra, rb) = (audit_row(db, a), audit_row(db, b));
            set_audit_row(db, a, &rb);
            set_audit_row(db, b, &ra);
        });
        assert_audit_invalid(&team, a, &format!("records {a} and {b} swapped"));
    }
    verified(&team);

    // Later calls still append to a verified chain.
    team.ok(&team.ci, &["whoami"]);
    let now = audit_seqs(&kr).len();
    assert!(now > n, "whoami appended nothing");
    let v = team.ok(&team.admin, &["audit", "verify"]);
    assert_eq!(v["Records"], now, "{v}");
    assert_eq!(v["LastSeq"], now, "{v}");
}

#[test]
fn maintenance_is_audited_rotations_as_lkms_and_deletions_as_their_deleter() {
    let team = Team::new();
    let key = team.key(None);
    let rotating = team.key(None);
    team.ok(
        &team.admin,
        &[
            "enable-key-rotation",
            "--key-id",
            &rotating.id,
            "--rotation-period-in-days",
            "90",
        ],
    );
    team.ok(
        &team.admin,
        &[
            "schedule-key-deletion",
            "--key-id",
            &key.id,
            "--pending-window-in-days",
            "7",
        ],
    );
    team.env.faketime("+91d", ["maintain"]).success();
    let records = team.audit(&["--principal", "lkms:maintenance"]);
    assert!(
        records.iter().any(|r| r["KeyArn"] == rotating.arn.as_str()
            && r["Operation"] == "RotateKey"
            && r["Outcome"] == "Success"),
        "no maintenance record of the rotation of {}: {records:#?}",
        rotating.arn
    );
    // Destroying a key is the act of the principal allowed to delete it
    // who ran the write (admin, the environment's credential).
    let records = team.audit(&["--principal", "admin"]);
    assert!(
        records.iter().any(|r| r["KeyArn"] == key.arn.as_str()
            && r["Operation"] == "DeleteKey"
            && r["Outcome"] == "Success"),
        "no record of admin's deletion of {}: {records:#?}",
        key.arn
    );
    team.ok(&team.admin, &["audit", "verify"]);
}

// ---------------------------------------------------------------------------
// 6. The default policy.
// ---------------------------------------------------------------------------

#[test]
fn a_new_key_has_the_default_policy_and_every_principal_may_use_it() {
    let team = Team::new();
    let key = team.key(None);
    let text = team.policy_of(&team.ci, &key);
    let doc: Value = serde_json::from_str(&text).expect("the default policy is JSON");
    assert_eq!(doc["Version"], "2012-10-17", "{text}");
    let statements = doc["Statement"].as_array().expect("Statement array");
    // AWS's default key policy: the account, that is every principal of
    // the keyring, may do everything.
    let account = str_field(&team.ok(&team.ci, &["whoami"]), "Account");
    let root = json!({"AWS": format!("arn:aws:iam::{account}:root")});
    assert!(
        statements.iter().any(|s| s["Effect"] == "Allow"
            && s["Principal"] == root
            && (s["Action"] == "kms:*" || s["Action"] == json!(["kms:*"]))),
        "the default policy does not allow every principal everything: {text}"
    );
    assert!(
        statements.iter().all(|s| s["Effect"] != "Deny"),
        "the default policy denies something: {text}"
    );
    let names = team.ok(&team.admin, &["list-key-policies", "--key-id", &key.id]);
    assert_eq!(names["PolicyNames"], json!(["default"]), "{names}");
    assert!(names.get("Truncated").is_none(), "{names}");

    let from_ci = team.encrypted(&team.ci, &key, b"ci wrote", Some("app=any"));
    let from_admin = team.encrypted(&team.admin, &key, b"admin wrote", None);
    assert_eq!(
        team.decrypted(&team.admin, &from_ci, Some("app=any")),
        b"ci wrote"
    );
    assert_eq!(team.decrypted(&team.ci, &from_admin, None), b"admin wrote");
    team.ok(&team.ci, &["disable-key", "--key-id", &key.id]);
    team.ok(&team.ci, &["enable-key", "--key-id", &key.id]);
    team.ok(
        &team.ci,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "admin",
            "--operations",
            "Decrypt",
        ],
    );
    // ci may change the policy too (and keeps PutKeyPolicy as one of the
    // account).
    team.put_policy(&team.ci, &key, &text, &[]).success();
    assert_eq!(team.policy_of(&team.admin, &key), text);
}

// A ReEncrypt uses two keys; its record names both (SourceKeyArn), so the
// use of the source key is attributed to it.

#[test]
fn re_encrypt_is_audited_against_the_source_key() {
    let team = Team::new();
    let source = team.key(None);
    let dest = team.key(None);
    let blob = team.encrypted(&team.ci, &source, b"moving", None);
    team.ok(
        &team.ci,
        &[
            "re-encrypt",
            "--ciphertext-blob",
            &blob,
            "--destination-key-id",
            &dest.id,
        ],
    );
    let records = team.audit(&["--key-id", &source.id, "--operation", "ReEncrypt"]);
    assert_eq!(
        records.len(),
        1,
        "ci decrypted under {} (ReEncryptFrom) but `audit show --key-id` of that key has no ReEncrypt record",
        source.arn
    );
}
