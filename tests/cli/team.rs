//! A keyring of several principals, each an age identity of its own, driven
//! as one or another: the ground of the policy, principals and attacks
//! tests, which wrap [`Team`] with the principals they add.

use serde_json::{Value, json};

use crate::env::{Cred, Out, TestEnv, path_str, str_field};

/// A keyring made by an administrator, its identity the environment's
/// default credential.
pub struct Team {
    /// The environment holding the keyring and the identities.
    pub env: TestEnv,
    /// The principal that ran `init`.
    pub admin: Cred,
    /// The keyring's 12-digit account.
    pub account: String,
}

/// A key's id and ARN.
pub struct Key {
    /// The key id.
    pub id: String,
    /// The key ARN.
    pub arn: String,
}

/// A policy document with these statements.
pub fn policy(statements: Value) -> String {
    json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

impl Team {
    /// `init --principal <admin> --generate-identity <admin>.id`.
    pub fn new(admin: &str) -> Team {
        let mut env = TestEnv::new();
        let id = env.path(&format!("{admin}.id"));
        let init = env.json_as(
            &Cred::None,
            [
                "init",
                "--principal",
                admin,
                "--generate-identity",
                path_str(&id),
            ],
        );
        env.remember_keyring(&init);
        let admin = Cred::Identity(id);
        env.cred = admin.clone();
        Team {
            env,
            admin,
            account: str_field(&init, "Account"),
        }
    }

    /// As admin: `slot add --principal <name> --generate-identity <name>.id`.
    #[track_caller]
    pub fn add_principal(&self, name: &str) -> Cred {
        let id = self.env.path(&format!("{name}.id"));
        let out = self.ok(
            &self.admin,
            &[
                "slot",
                "add",
                "--principal",
                name,
                "--generate-identity",
                path_str(&id),
            ],
        );
        assert_eq!(out["Slot"]["Principal"], name, "slot add: {out}");
        Cred::Identity(id)
    }

    /// `lkms --output json <args>` as `who`.
    pub fn run(&self, who: &Cred, args: &[&str]) -> Out {
        let mut all = vec!["--output", "json"];
        all.extend_from_slice(args);
        self.env.run_as(who, all)
    }

    /// As `run`, asserting success; returns the parsed output (null for
    /// the commands that print nothing, as the AWS CLI's).
    #[track_caller]
    pub fn ok(&self, who: &Cred, args: &[&str]) -> Value {
        let out = self.run(who, args).success();
        if out.stdout.trim().is_empty() {
            Value::Null
        } else {
            out.json()
        }
    }

    /// As admin: `create-key [--policy <policy>]`.
    #[track_caller]
    pub fn key(&self, policy: Option<&str>) -> Key {
        let mut args = vec!["create-key"];
        if let Some(p) = policy {
            args.extend(["--policy", p]);
        }
        let md = self.ok(&self.admin, &args)["KeyMetadata"].clone();
        Key {
            id: str_field(&md, "KeyId"),
            arn: str_field(&md, "Arn"),
        }
    }
}
