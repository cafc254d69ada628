//! Principals as IAM ARNs (issue 13): every principal of a keyring is
//! `arn:aws:iam::<account>:user/<name>`, key policies take AWS's principal
//! forms (the account's root or number for every principal, a user ARN for
//! one), new keys get AWS's default key policy, grants take ARNs, and the
//! old `{"Lkms": [...]}` form keeps working.
//!
//! Each test builds a keyring whose first slot belongs to `admin`, with
//! more principals added by `slot add --principal <name>
//! --generate-identity <name>.id`, and drives the real binary as each.

use serde_json::{Value, json};

use crate::env::{Cred, EXIT_KMS, Out, b64, str_field};
use crate::team::{Key, Team, policy};

/// An account that is not the keyring's.
const OTHER_ACCOUNT: &str = "123456789012";

/// The ground of these tests: a keyring made by `admin`.
struct Ring(Team);

// Every test reads the shared ground's fields and helpers as its own.
impl std::ops::Deref for Ring {
    type Target = Team;

    fn deref(&self) -> &Team {
        &self.0
    }
}

impl Ring {
    fn new() -> Self {
        let ring = Ring(Team::new("admin"));
        assert_ne!(ring.account, OTHER_ACCOUNT);
        ring
    }

    /// The IAM ARN of a principal of this keyring.
    fn arn(&self, name: &str) -> String {
        format!("arn:aws:iam::{}:user/{name}", self.account)
    }

    fn root(&self) -> String {
        format!("arn:aws:iam::{}:root", self.account)
    }

    fn encrypt(&self, who: &Cred, key: &Key, ctx: Option<&str>) -> Out {
        let pt = b64(b"secret");
        let mut args = vec!["encrypt", "--key-id", &key.id, "--plaintext", &pt];
        if let Some(c) = ctx {
            args.extend(["--encryption-context", c]);
        }
        self.run(who, &args)
    }

    fn decrypt(&self, who: &Cred, blob: &str) -> Out {
        self.run(who, &["decrypt", "--ciphertext-blob", blob])
    }

    fn put_policy(&self, who: &Cred, key: &Key, text: &str) -> Out {
        self.run(
            who,
            &["put-key-policy", "--key-id", &key.id, "--policy", text],
        )
    }

    /// As admin: the audit records of `who` on `key`, as
    /// (Operation, Outcome).
    fn audit_of(&self, who: &str, key: &Key) -> Vec<(String, String)> {
        let out = self.ok(
            &self.admin,
            &["audit", "show", "--principal", who, "--key-id", &key.id],
        );
        out["Records"]
            .as_array()
            .expect("Records")
            .iter()
            .map(|r| (str_field(r, "Operation"), str_field(r, "Outcome")))
            .collect()
    }
}

fn pair(op: &str, outcome: &str) -> (String, String) {
    (op.to_owned(), outcome.to_owned())
}

#[track_caller]
fn denied(out: Out, who: &str, action: &str, key: &Key) {
    let out = out.failure(EXIT_KMS, "AccessDeniedException");
    let needle = format!("{who} is not authorized to perform {action} on {}", key.arn);
    assert!(out.stderr.contains(&needle), "want {needle:?}: {out:?}");
}

#[test]
fn new_keys_get_aws_default_key_policy_for_this_keyrings_account() {
    let ring = Ring::new();
    let me = ring.ok(&ring.admin, &["whoami"]);
    assert_eq!(me["PrincipalArn"], ring.arn("admin"), "{me}");
    let key = ring.key(None);
    assert!(
        key.arn.contains(&format!(":{}:key/", ring.account)),
        "{}",
        key.arn
    );
    let out = ring.ok(&ring.admin, &["get-key-policy", "--key-id", &key.id]);
    let doc: Value = serde_json::from_str(&str_field(&out, "Policy")).expect("JSON");
    assert_eq!(
        doc,
        json!({
            "Version": "2012-10-17",
            "Id": "key-default-1",
            "Statement": [{
                "Sid": "Enable IAM User Permissions",
                "Effect": "Allow",
                "Principal": {"AWS": ring.root()},
                "Action": "kms:*",
                "Resource": "*"
            }]
        })
    );
    // The account is every principal of the keyring: a second one may use
    // and manage the key.
    let ci = ring.add_principal("ci");
    let blob = str_field(
        &ring.encrypt(&ci, &key, None).success().json(),
        "CiphertextBlob",
    );
    ring.decrypt(&ring.admin, &blob).success();
    ring.ok(&ci, &["disable-key", "--key-id", &key.id]);
    ring.ok(&ci, &["enable-key", "--key-id", &key.id]);
}

/// The same rules in AWS's own form and in the Lkms form: admin may do
/// everything; ci may only encrypt for app=web. Both keys answer every call
/// alike, and both audit ci's denials.
#[test]
fn a_policy_in_aws_form_is_enforced_exactly_like_the_lkms_form() {
    let ring = Ring::new();
    let ci = ring.add_principal("ci");
    let ci_encrypts_for_web = |principal: Value| {
        json!({
            "Sid": "CiEncryptsForWeb",
            "Effect": "Allow",
            "Principal": principal,
            "Action": "kms:Encrypt",
            "Resource": "*",
            "Condition": {"StringEquals": {"kms:EncryptionContext:app": "web"}}
        })
    };
    let aws = policy(json!([
        {
            "Sid": "Enable IAM User Permissions",
            "Effect": "Allow",
            "Principal": {"AWS": ring.root()},
            "Action": "kms:*",
            "Resource": "*",
            "Condition": {"StringNotEquals": {"aws:PrincipalArn": ring.arn("ci")}}
        },
        ci_encrypts_for_web(json!({"AWS": ring.arn("ci")})),
    ]));
    let lkms = policy(json!([
        {"Effect": "Allow", "Principal": {"Lkms": ["admin"]}, "Action": "kms:*", "Resource": "*"},
        ci_encrypts_for_web(json!({"Lkms": "ci"})),
    ]));
    let aws_key = ring.key(Some(&aws));
    let lkms_key = ring.key(Some(&lkms));
    for key in [&aws_key, &lkms_key] {
        let blob = str_field(
            &ring.encrypt(&ci, key, Some("app=web")).success().json(),
            "CiphertextBlob",
        );
        denied(
            ring.encrypt(&ci, key, Some("app=db")),
            "ci",
            "kms:Encrypt",
            key,
        );
        denied(ring.encrypt(&ci, key, None), "ci", "kms:Encrypt", key);
        denied(ring.decrypt(&ci, &blob), "ci", "kms:Decrypt", key);
        denied(
            ring.run(&ci, &["disable-key", "--key-id", &key.id]),
            "ci",
            "kms:DisableKey",
            key,
        );
        ring.ok(
            &ring.admin,
            &[
                "decrypt",
                "--ciphertext-blob",
                &blob,
                "--encryption-context",
                "app=web",
            ],
        );
        ring.ok(&ring.admin, &["disable-key", "--key-id", &key.id]);
        ring.ok(&ring.admin, &["enable-key", "--key-id", &key.id]);
        assert_eq!(
            ring.audit_of("ci", key),
            vec![
                pair("Encrypt", "Success"),
                pair("Encrypt", "Denied"),
                pair("Encrypt", "Denied"),
                pair("Decrypt", "Denied"),
                pair("DisableKey", "Denied"),
            ]
        );
    }
    // The audit export names the caller by ARN too.
    let export = ring.run(&ring.admin, &["audit", "export"]).success();
    let denial = export
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
        .find(|e| e["errorCode"] == "AccessDeniedException")
        .expect("a denied event");
    assert_eq!(denial["userIdentity"]["userName"], "ci", "{denial}");
    assert_eq!(denial["userIdentity"]["arn"], ring.arn("ci"), "{denial}");
    assert_eq!(
        denial["userIdentity"]["accountId"],
        ring.account.as_str(),
        "{denial}"
    );
}

#[test]
fn grants_take_iam_user_arns_of_this_account() {
    let ring = Ring::new();
    let bob = ring.add_principal("bob");
    let ops = ring.add_principal("ops");
    let key = ring.key(Some(&policy(json!([{
        "Effect": "Allow",
        "Principal": {"AWS": ring.arn("admin")},
        "Action": "kms:*",
        "Resource": "*"
    }]))));
    let blob = str_field(
        &ring.encrypt(&ring.admin, &key, None).success().json(),
        "CiphertextBlob",
    );
    denied(ring.decrypt(&bob, &blob), "bob", "kms:Decrypt", &key);

    let bob_arn = ring.arn("bob");
    let ops_arn = ring.arn("ops");
    let g = ring.ok(
        &ring.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            &bob_arn,
            "--retiring-principal",
            &ops_arn,
            "--operations",
            "Decrypt",
        ],
    );
    let grant_id = str_field(&g, "GrantId");
    ring.decrypt(&bob, &blob).success();
    denied(ring.decrypt(&ops, &blob), "ops", "kms:Decrypt", &key);

    // Listed in the form given; found by ARN or by name.
    let listed = ring.ok(
        &ring.admin,
        &[
            "list-grants",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "bob",
        ],
    );
    let grants = listed["Grants"].as_array().expect("Grants");
    assert_eq!(grants.len(), 1, "{listed}");
    assert_eq!(grants[0]["GranteePrincipal"], bob_arn.as_str());
    assert_eq!(grants[0]["RetiringPrincipal"], ops_arn.as_str());
    let by_arn = ring.ok(
        &ring.admin,
        &[
            "list-grants",
            "--key-id",
            &key.id,
            "--grantee-principal",
            &bob_arn,
        ],
    );
    assert_eq!(by_arn["Grants"], listed["Grants"]);
    let retirable = ring.ok(
        &ops,
        &["list-retirable-grants", "--retiring-principal", &ops_arn],
    );
    assert_eq!(retirable["Grants"][0]["GrantId"], grant_id.as_str());

    // A grant given by name is listed by name, as before.
    ring.ok(
        &ring.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            "ops",
            "--operations",
            "Decrypt",
        ],
    );
    let by_name = ring.ok(
        &ring.admin,
        &[
            "list-grants",
            "--key-id",
            &key.id,
            "--grantee-principal",
            &ops_arn,
        ],
    );
    assert_eq!(by_name["Grants"][0]["GranteePrincipal"], "ops", "{by_name}");

    // The retiring principal, named by ARN, retires bob's grant.
    ring.ok(
        &ops,
        &["retire-grant", "--key-id", &key.id, "--grant-id", &grant_id],
    );
    denied(ring.decrypt(&bob, &blob), "bob", "kms:Decrypt", &key);
}

#[test]
fn a_grant_to_a_role_arn_works_and_is_listed_as_that_role_arn() {
    // lkms has one kind of principal: `role/ops` names the principal ops,
    // as `user/ops` does, but AWS lists a grant's principals as given.
    let ring = Ring::new();
    let ops = ring.add_principal("ops");
    let key = ring.key(None);
    let blob = str_field(
        &ring.encrypt(&ring.admin, &key, None).success().json(),
        "CiphertextBlob",
    );
    let role = |name: &str| format!("arn:aws:iam::{}:role/{name}", ring.account);
    let g = ring.ok(
        &ring.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            &role("ops"),
            "--retiring-principal",
            &role("admin"),
            "--operations",
            "Decrypt",
        ],
    );
    let grant_id = str_field(&g, "GrantId");
    let listed = ring.ok(&ring.admin, &["list-grants", "--key-id", &key.id]);
    assert_eq!(
        listed["Grants"][0]["GranteePrincipal"],
        role("ops").as_str(),
        "{listed}"
    );
    assert_eq!(
        listed["Grants"][0]["RetiringPrincipal"],
        role("admin").as_str(),
        "{listed}"
    );
    let retirable = ring.ok(
        &ring.admin,
        &[
            "list-retirable-grants",
            "--retiring-principal",
            &role("admin"),
        ],
    );
    assert_eq!(
        retirable["Grants"][0]["GrantId"],
        grant_id.as_str(),
        "{retirable}"
    );
    assert_eq!(
        retirable["Grants"][0]["RetiringPrincipal"],
        role("admin").as_str()
    );
    // The role ARN named the principal ops: the grant is ops's.
    ring.decrypt(&ops, &blob).success();
}

#[test]
fn another_accounts_principals_are_refused_or_match_nothing() {
    let ring = Ring::new();
    let ci = ring.add_principal("ci");
    let key = ring.key(None);
    let other_bob = format!("arn:aws:iam::{OTHER_ACCOUNT}:user/bob");
    for (flag, value) in [
        ("--grantee-principal", other_bob.as_str()),
        ("--retiring-principal", other_bob.as_str()),
    ] {
        let mut args = vec![
            "create-grant",
            "--key-id",
            &key.id,
            "--operations",
            "Decrypt",
        ];
        if flag == "--retiring-principal" {
            args.extend(["--grantee-principal", "ci"]);
        }
        args.extend([flag, value]);
        let out = ring
            .run(&ring.admin, &args)
            .failure(EXIT_KMS, "ValidationException");
        assert!(
            out.stderr.contains(OTHER_ACCOUNT) && out.stderr.contains(&ring.account),
            "the error names both accounts: {out:?}"
        );
    }
    let root = format!("arn:aws:iam::{}:root", ring.account);
    ring.run(
        &ring.admin,
        &[
            "create-grant",
            "--key-id",
            &key.id,
            "--grantee-principal",
            &root,
            "--operations",
            "Decrypt",
        ],
    )
    .failure(EXIT_KMS, "ValidationException");

    // In a policy, another account (by root, number or user ARN) is nobody
    // here: ci, named only there, is denied.
    let text = policy(json!([
        {"Effect": "Allow", "Principal": {"AWS": ring.arn("admin")}, "Action": "kms:*", "Resource": "*"},
        {
            "Effect": "Allow",
            "Principal": {"AWS": [
                format!("arn:aws:iam::{OTHER_ACCOUNT}:root"),
                OTHER_ACCOUNT,
                format!("arn:aws:iam::{OTHER_ACCOUNT}:user/ci"),
            ]},
            "Action": "kms:*",
            "Resource": "*"
        }
    ]));
    ring.put_policy(&ring.admin, &key, &text).success();
    denied(ring.encrypt(&ci, &key, None), "ci", "kms:Encrypt", &key);
    ring.encrypt(&ring.admin, &key, None).success();

    // The lockout check understands the forms: a policy for another
    // account only would lock admin out.
    let theirs = policy(json!([{
        "Effect": "Allow",
        "Principal": {"AWS": format!("arn:aws:iam::{OTHER_ACCOUNT}:root")},
        "Action": "kms:*",
        "Resource": "*"
    }]));
    let out = ring
        .put_policy(&ring.admin, &key, &theirs)
        .failure(EXIT_KMS, "MalformedPolicyDocumentException");
    assert!(out.stderr.contains(&ring.arn("admin")), "{out:?}");
    // Unknown principal forms are malformed, not silently ignored.
    let odd = policy(json!([{
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:sts::123456789012:assumed-role/r/s"},
        "Action": "kms:*",
        "Resource": "*"
    }]));
    ring.put_policy(&ring.admin, &key, &odd)
        .failure(EXIT_KMS, "MalformedPolicyDocumentException");
}

/// Policies written before principals had ARNs: `{"Lkms": [...]}`, `"*"`,
/// and name-based kms:CallerPrincipal conditions, keep their meaning; the
/// lockout check accepts the caller named any way.
#[test]
fn old_form_policies_still_work() {
    let ring = Ring::new();
    let ci = ring.add_principal("ci");
    let ops = ring.add_principal("ops");
    let text = policy(json!([
        {"Effect": "Allow", "Principal": {"Lkms": ["adm*"]}, "Action": "kms:*", "Resource": "*"},
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "kms:Encrypt",
            "Resource": "*",
            "Condition": {"StringEquals": {"kms:CallerPrincipal": "ci"}}
        },
        {
            "Effect": "Deny",
            "Principal": "*",
            "Action": "kms:Encrypt",
            "Resource": "*",
            "Condition": {"StringNotEquals": {"kms:CallerPrincipal": ["ci", ring.arn("admin")]}}
        }
    ]));
    let key = ring.key(Some(&text));
    ring.encrypt(&ci, &key, None).success();
    ring.encrypt(&ring.admin, &key, None).success();
    denied(ring.encrypt(&ops, &key, None), "ops", "kms:Encrypt", &key);
    assert_eq!(ring.audit_of("ops", &key), vec![pair("Encrypt", "Denied")]);

    // The lockout check: naming only ci's ARN refuses admin's change;
    // naming admin by ARN, by name or as the account is fine.
    let only = |principal: Value| {
        policy(json!([{
            "Effect": "Allow",
            "Principal": principal,
            "Action": "kms:*",
            "Resource": "*"
        }]))
    };
    ring.put_policy(&ring.admin, &key, &only(json!({"AWS": ring.arn("ci")})))
        .failure(EXIT_KMS, "MalformedPolicyDocumentException");
    for ok in [
        json!({"AWS": ring.arn("admin")}),
        json!({"AWS": ring.account}),
        json!({"Lkms": "admin"}),
        json!({"AWS": "*"}),
    ] {
        ring.put_policy(&ring.admin, &key, &only(ok.clone()))
            .success();
    }
}
