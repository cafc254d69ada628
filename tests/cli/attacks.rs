//! The attacks of the security review (issue 14), each by a principal that
//! holds only its own credential. Every test is named after the finding it
//! closes and fails on the lkms before the fix: keyring administration is a
//! permission, grants under grants are bounded by the grant that allowed
//! them, and the keyring's clock and a key's deletion are not anyone's to
//! move.

use std::path::{Path, PathBuf};

use serde_json::Value;
use time::{Duration, OffsetDateTime};

use crate::env::path_str;
use crate::env::{
    Cred, EXIT_KEYRING, EXIT_KMS, Out, TestEnv, b64, openssl, parse_time, records_of, slot_id,
    str_field, unb64,
};
use crate::team::Team;

/// A keyring made by alice (an age identity), with slots for ci (an age
/// identity) and bob (a passphrase), added by alice.
struct Ring {
    ground: Team,
    alice: Cred,
    ci: Cred,
    bob: Cred,
}

// Every test reads the shared ground's fields and helpers as its own.
impl std::ops::Deref for Ring {
    type Target = Team;

    fn deref(&self) -> &Team {
        &self.ground
    }
}

impl Ring {
    fn new() -> Ring {
        let ground = Team::new("alice");
        let ci = ground.add_principal("ci");
        let bob_pass = ground.env.write_file("bob.pass", "bob's own passphrase");
        ground.env.json([
            "slot",
            "add",
            "--principal",
            "bob",
            "--new-passphrase-file",
            path_str(&bob_pass),
        ]);
        Ring {
            alice: ground.admin.clone(),
            ci,
            bob: Cred::PassphraseFile(bob_pass),
            ground,
        }
    }

    /// As `run` under `faketime -f <offset>`.
    fn at(&self, offset: &str, who: &Cred, args: &[&str]) -> Out {
        self.env.faketime_as(who, offset, args)
    }

    /// The IAM ARN of a principal of the ring.
    fn arn(&self, name: &str) -> String {
        format!("arn:aws:iam::{}:user/{name}", self.account)
    }

    /// The slot id of `principal`'s first slot.
    fn slot_of(&self, principal: &str) -> String {
        let v = self.ok(&self.alice, &["slot", "list"]);
        let slot = v["Slots"]
            .as_array()
            .expect("Slots")
            .iter()
            .find(|s| s["Principal"] == principal)
            .unwrap_or_else(|| panic!("no slot of {principal}: {v}"))
            .clone();
        slot_id(&slot)
    }

    /// The audit records of `principal`'s calls, read by alice, oldest first.
    fn audit_of(&self, principal: &str) -> Vec<Value> {
        self.audit_as(&self.alice, principal)
    }

    fn audit_as(&self, reader: &Cred, principal: &str) -> Vec<Value> {
        let v = self.ok(reader, &["audit", "show", "--principal", principal]);
        v["Records"].as_array().expect("Records").clone()
    }

    /// A key only alice may use and manage; returns its id.
    fn alice_only_key(&self, extra_statements: &str) -> String {
        let policy = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"alice","Effect":"Allow","Principal":{{"AWS":"{}"}},"Action":"kms:*","Resource":"*"}}{extra_statements}]}}"#,
            self.arn("alice")
        );
        let v = self.ok(&self.alice, &["create-key", "--policy", &policy]);
        str_field(&v["KeyMetadata"], "KeyId")
    }
}

/// Asserts that `records` holds a record of `operation` with `outcome`.
#[track_caller]
fn assert_recorded(records: &[Value], operation: &str, outcome: &str) {
    assert!(
        records
            .iter()
            .any(|r| r["Operation"] == operation && r["Outcome"] == outcome),
        "no {operation} record with outcome {outcome} in {records:#?}"
    );
}

/// Asserts an AccessDeniedException naming `action`.
#[track_caller]
fn assert_denied(out: Out, action: &str) -> Out {
    let out = out.failure(EXIT_KMS, "AccessDeniedException");
    assert!(
        out.stderr.contains(action),
        "the refusal does not name {action}: {out:?}"
    );
    out
}

// ---------------------------------------------------------------------------
// Finding 1: keyring administration is a permission
// ---------------------------------------------------------------------------

#[test]
fn keyring_administration_a_principal_cannot_take_over_another_principals_slot() {
    let ring = Ring::new();
    let bob_slot = ring.slot_of("bob");
    let attacker_pass = ring
        .env
        .write_file("attacker.pass", "the attacker's passphrase");
    let before = ring.env.records();

    // ci resets bob's passphrase, removes bob's slot, adds a second alice:
    // all refused, and nothing changes.
    assert_denied(
        ring.run(
            &ring.ci,
            &[
                "passwd",
                "--slot-id",
                &bob_slot,
                "--new-passphrase-file",
                path_str(&attacker_pass),
            ],
        ),
        "lkms:ChangePassphrase",
    );
    assert_denied(
        ring.run(
            &ring.ci,
            &["--yes", "slot", "remove", "--slot-id", &bob_slot],
        ),
        "lkms:RemoveSlot",
    );
    let evil = ring.env.path("second-alice.txt");
    assert_denied(
        ring.run(
            &ring.ci,
            &[
                "slot",
                "add",
                "--principal",
                "alice",
                "--generate-identity",
                path_str(&evil),
            ],
        ),
        "lkms:AddSlot",
    );
    assert!(!evil.exists(), "a refused slot add left its identity file");
    assert_eq!(
        ring.env.records(),
        before,
        "a refused call changed the keyring"
    );
    let attacker = Cred::PassphraseFile(attacker_pass.clone());
    ring.run(&attacker, &["whoami"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    assert_eq!(ring.ok(&ring.bob, &["whoami"])["Principal"], "bob");

    // Each refusal is audited under ci.
    let ci = ring.audit_of("ci");
    for op in ["Passwd", "SlotRemove", "SlotAdd"] {
        assert_recorded(&ci, op, "Denied");
    }

    // bob changes his own passphrase; the old one opens nothing after.
    let bob_new = ring.env.write_file("bob-new.pass", "bob's next passphrase");
    ring.ok(
        &ring.bob,
        &["passwd", "--new-passphrase-file", path_str(&bob_new)],
    );
    ring.run(&ring.bob, &["whoami"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    let bob = Cred::PassphraseFile(bob_new);
    assert_eq!(ring.ok(&bob, &["whoami"])["Principal"], "bob");
    assert_recorded(&ring.audit_of("bob"), "Passwd", "Success");

    // alice, the keyring's administrator, may reset it.
    ring.ok(
        &ring.alice,
        &[
            "passwd",
            "--slot-id",
            &bob_slot,
            "--new-passphrase-file",
            path_str(&attacker_pass),
        ],
    );
    assert_eq!(ring.ok(&attacker, &["whoami"])["Principal"], "bob");
    assert_recorded(&ring.audit_of("alice"), "Passwd", "Success");
}

#[test]
fn keyring_administration_a_principal_name_cannot_be_taken_twice() {
    let ring = Ring::new();
    let before = ring.env.records();
    let second_bob = ring.env.path("second-bob.txt");
    ring.run(
        &ring.alice,
        &[
            "slot",
            "add",
            "--principal",
            "bob",
            "--generate-identity",
            path_str(&second_bob),
        ],
    )
    .failure(EXIT_KMS, "AlreadyExistsException");
    assert!(!second_bob.exists());
    assert_eq!(ring.env.records(), before);
    assert_recorded(&ring.audit_of("alice"), "SlotAdd", "Failed");

    // A second way in for oneself is fine.
    let alice2 = ring.env.path("alice2.txt");
    let v = ring.ok(
        &ring.alice,
        &["slot", "add", "--generate-identity", path_str(&alice2)],
    );
    assert_eq!(v["Slot"]["Principal"], "alice", "{v}");
    assert_eq!(
        ring.ok(&Cred::Identity(alice2), &["whoami"])["Principal"],
        "alice"
    );

    // Non-administrators add no slot at all, even under a new name.
    let frank = ring.env.path("frank.txt");
    assert_denied(
        ring.run(
            &ring.ci,
            &[
                "slot",
                "add",
                "--principal",
                "frank",
                "--generate-identity",
                path_str(&frank),
            ],
        ),
        "lkms:AddSlot",
    );

    // `slot add --admin` makes another administrator.
    let dave_id = ring.env.path("dave.txt");
    ring.ok(
        &ring.alice,
        &[
            "slot",
            "add",
            "--principal",
            "dave",
            "--admin",
            "--generate-identity",
            path_str(&dave_id),
        ],
    );
    let dave = Cred::Identity(dave_id);
    let policy = ring.ok(&dave, &["get-keyring-policy"]);
    let text = str_field(&policy, "Policy");
    assert!(text.contains(&ring.arn("dave")), "{text}");
    assert!(text.contains(&ring.arn("alice")), "{text}");
    let erin = ring.env.path("erin.txt");
    ring.ok(
        &dave,
        &[
            "slot",
            "add",
            "--principal",
            "erin",
            "--generate-identity",
            path_str(&erin),
        ],
    );
    assert_recorded(&ring.audit_of("dave"), "SlotAdd", "Success");
}

#[test]
fn keyring_administration_covers_the_root_key_the_audit_trail_and_the_keyring_policy() {
    let ring = Ring::new();
    let tomorrow = (OffsetDateTime::now_utc() + Duration::days(1))
        .date()
        .to_string();
    let both = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"KeyringAdministrators","Effect":"Allow","Principal":{{"AWS":["{}","{}"]}},"Action":"lkms:*","Resource":"*"}}]}}"#,
        ring.arn("alice"),
        ring.arn("ci")
    );
    let before = ring.env.records();
    assert_denied(
        ring.run(&ring.ci, &["rotate-root-key"]),
        "lkms:RotateRootKey",
    );
    assert_denied(
        ring.run(&ring.ci, &["audit", "prune", "--before", &tomorrow]),
        "lkms:PruneAudit",
    );
    assert_denied(
        ring.run(&ring.ci, &["get-keyring-policy"]),
        "lkms:GetKeyringPolicy",
    );
    assert_denied(
        ring.run(&ring.ci, &["put-keyring-policy", "--policy", &both]),
        "lkms:PutKeyringPolicy",
    );
    assert_eq!(ring.env.records(), before);
    let ci = ring.audit_of("ci");
    for op in [
        "RotateRootKey",
        "AuditPrune",
        "GetKeyringPolicy",
        "PutKeyringPolicy",
    ] {
        assert_recorded(&ci, op, "Denied");
    }
    // The prune was refused: the trail still starts at its first record.
    assert_recorded(&ring.audit_of("alice"), "Init", "Success");

    // A policy that would lock alice out of it is refused without the bypass.
    let only_ci = both.replace(&format!("\"{}\",", ring.arn("alice")), "");
    assert_ne!(only_ci, both);
    ring.run(&ring.alice, &["put-keyring-policy", "--policy", &only_ci])
        .failure(EXIT_KMS, "MalformedPolicyDocumentException");
    // Policies are in the key policy grammar, with lkms: actions.
    ring.run(
        &ring.alice,
        &[
            "put-keyring-policy",
            "--policy",
            &both.replace("lkms:*", "kms:*"),
        ],
    )
    .failure(EXIT_KMS, "MalformedPolicyDocumentException");
    ring.ok(&ring.alice, &["put-keyring-policy", "--policy", &both]);
    assert_eq!(
        str_field(&ring.ok(&ring.ci, &["get-keyring-policy"]), "Policy"),
        both
    );
    ring.ok(&ring.ci, &["rotate-root-key"]);
    assert_recorded(&ring.audit_of("ci"), "RotateRootKey", "Success");
    assert_recorded(&ring.audit_of("alice"), "PutKeyringPolicy", "Success");
}

#[test]
fn keyring_administration_the_last_administrator_keeps_a_slot() {
    let ring = Ring::new();
    let before = ring.env.records();
    ring.run(&ring.alice, &["--yes", "slot", "remove", "--slot-id", "1"])
        .failure(EXIT_KMS, "ValidationException");
    assert_eq!(ring.env.records(), before);
    // With a second slot of her own, alice may remove the first.
    let alice2 = ring.env.path("alice2.txt");
    ring.ok(
        &ring.alice,
        &["slot", "add", "--generate-identity", path_str(&alice2)],
    );
    ring.ok(&ring.alice, &["--yes", "slot", "remove", "--slot-id", "1"]);
    let alice2 = Cred::Identity(alice2);
    assert_eq!(ring.ok(&alice2, &["whoami"])["Principal"], "alice");
    ring.ok(&alice2, &["get-keyring-policy"]);
}

#[test]
fn keyring_administration_the_keyring_policy_is_authenticated_with_the_slots() {
    let ring = Ring::new();
    let db = ring.env.keyring.clone();
    let read_policy = || -> Vec<u8> {
        let c = rusqlite::Connection::open(&db).expect("open");
        c.query_row(
            "SELECT value FROM meta WHERE name = 'keyring_policy'",
            [],
            |r| r.get(0),
        )
        .expect("the keyring stores its policy")
    };
    let write_policy = |value: Option<&[u8]>| {
        let c = rusqlite::Connection::open(&db).expect("open");
        match value {
            Some(v) => c
                .execute(
                    "INSERT OR REPLACE INTO meta (name, value) VALUES ('keyring_policy', ?1)",
                    [v],
                )
                .expect("update"),
            None => c
                .execute("DELETE FROM meta WHERE name = 'keyring_policy'", [])
                .expect("delete"),
        };
    };
    let first = read_policy();
    let text = String::from_utf8_lossy(&first);
    assert!(
        !text.contains("alice") && !text.contains("lkms:"),
        "the keyring policy is stored in clear"
    );
    // alice makes ci an administrator; putting back the first policy (ci
    // not an administrator) or deleting it does not go unnoticed.
    let dave = ring.env.path("dave.txt");
    ring.ok(
        &ring.alice,
        &[
            "slot",
            "add",
            "--principal",
            "dave",
            "--admin",
            "--generate-identity",
            path_str(&dave),
        ],
    );
    let second = read_policy();
    assert_ne!(first, second);
    for (tampered, what) in [(Some(first.as_slice()), "rolled back"), (None, "deleted")] {
        write_policy(tampered);
        for who in [&ring.alice, &ring.ci] {
            ring.run(who, &["whoami"])
                .failure(EXIT_KEYRING, "KeyringCorruptException");
        }
        ring.run(&ring.alice, &["verify-keyring"])
            .failure(EXIT_KEYRING, "KeyringCorruptException");
        write_policy(Some(&second));
        ring.ok(&ring.alice, &["verify-keyring"]);
        eprintln!("keyring policy {what}: refused");
    }
}

/// Copies tests/fixtures/v2-before-keyring-policy into the test's folder.
pub(crate) fn legacy_fixture(env: &TestEnv) -> PathBuf {
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2-before-keyring-policy");
    let to = env.path("legacy");
    std::fs::create_dir(&to).expect("mkdir");
    for f in [
        "keyring.db",
        "alice.txt",
        "ci.txt",
        "bob.pass",
        "plain.txt",
        "blob.bin",
    ] {
        std::fs::copy(from.join(f), to.join(f)).expect("copy the fixture");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(to.join(f), std::fs::Permissions::from_mode(0o600))
            .expect("chmod");
    }
    to
}

#[test]
fn keyring_administration_of_a_keyring_made_before_keyring_policies() {
    let mut env = TestEnv::new();
    let dir = legacy_fixture(&env);
    env.keyring = dir.join("keyring.db");
    let alice = Cred::Identity(dir.join("alice.txt"));
    let ci = Cred::Identity(dir.join("ci.txt"));
    let bob = Cred::PassphraseFile(dir.join("bob.pass"));
    let before = records_of(&env.keyring);
    // Everything made before still works, for every principal.
    let blob = format!("fileb://{}", dir.join("blob.bin").display());
    let v = env.json_as(&ci, ["decrypt", "--ciphertext-blob", &blob]);
    assert_eq!(
        unb64(&str_field(&v, "Plaintext")),
        std::fs::read(dir.join("plain.txt")).expect("plain.txt")
    );
    assert_eq!(env.json_as(&bob, ["whoami"])["Principal"], "bob");
    // Its first call stored the keyring policy: the principal of its
    // oldest slot, alice, administers it; ci does not.
    let records = env.json_as(&alice, ["audit", "show", "--principal", "lkms:maintenance"]);
    let first = records["Records"]
        .as_array()
        .expect("Records")
        .iter()
        .find(|r| r["Operation"] == "PutKeyringPolicy")
        .unwrap_or_else(|| panic!("no PutKeyringPolicy record: {records}"))
        .clone();
    let policy = str_field(&env.json_as(&alice, ["get-keyring-policy"]), "Policy");
    assert_eq!(first["Request"]["Policy"], policy.as_str());
    let account = str_field(&env.json_as(&alice, ["whoami"]), "Account");
    assert!(
        policy.contains(&format!("arn:aws:iam::{account}:user/alice")),
        "{policy}"
    );
    assert!(!policy.contains(":user/ci"), "{policy}");
    let evil = env.path("evil.pass");
    std::fs::write(&evil, "taken over").expect("write");
    let mut cmd = env.cmd_as(&ci);
    cmd.args(["passwd", "--slot-id", "3", "--new-passphrase-file"])
        .arg(&evil);
    assert_denied(crate::env::run_cmd(cmd), "lkms:ChangePassphrase");
    assert_eq!(env.json_as(&bob, ["whoami"])["Principal"], "bob");
    // The slots, keys and aliases are as they were.
    assert_eq!(records_of(&env.keyring), before);
    env.json_as(&alice, ["verify-keyring"]);
}

// ---------------------------------------------------------------------------
// Finding 2: grants under grants
// ---------------------------------------------------------------------------

/// alice's `create-grant` on `key` to `grantee`; returns the grant id.
fn grant(ring: &Ring, by: &Cred, key: &str, grantee: &str, extra: &[&str]) -> Out {
    let mut args = vec![
        "create-grant",
        "--key-id",
        key,
        "--grantee-principal",
        grantee,
    ];
    args.extend_from_slice(extra);
    ring.run(by, &args)
}

#[test]
fn grants_under_grants_cannot_grant_more_than_the_grant_that_allowed_them() {
    let ring = Ring::new();
    let key = ring.alice_only_key("");
    let blob = str_field(
        &ring.ok(
            &ring.alice,
            &[
                "encrypt",
                "--key-id",
                &key,
                "--plaintext",
                &b64(b"secret"),
                "--encryption-context",
                "app=web",
            ],
        ),
        "CiphertextBlob",
    );
    let grants = |who: &Cred| -> usize {
        ring.ok(who, &["list-grants", "--key-id", &key])["Grants"]
            .as_array()
            .map_or(0, Vec::len)
    };

    // An unconstrained grant of CreateGrant and Encrypt to ci.
    grant(
        &ring,
        &ring.alice,
        &key,
        "ci",
        &["--operations", "CreateGrant", "Encrypt"],
    )
    .success();
    assert_eq!(grants(&ring.alice), 1);
    // ci may not grant itself, or anyone, what the grant does not hold.
    for (grantee, ops) in [
        ("ci", "Decrypt"),
        ("bob", "Decrypt"),
        ("bob", "ReEncryptFrom"),
        ("ci", "Encrypt,Decrypt"),
    ] {
        assert_denied(
            grant(&ring, &ring.ci, &key, grantee, &["--operations", ops]),
            "kms:CreateGrant",
        );
    }
    assert_eq!(grants(&ring.alice), 1, "a refused grant was created");
    assert_denied(
        ring.run(
            &ring.ci,
            &[
                "decrypt",
                "--ciphertext-blob",
                &blob,
                "--encryption-context",
                "app=web",
            ],
        ),
        "kms:Decrypt",
    );
    // Some or all of its operations, to anyone, are allowed.
    grant(&ring, &ring.ci, &key, "bob", &["--operations", "Encrypt"]).success();
    grant(
        &ring,
        &ring.ci,
        &key,
        "bob",
        &["--operations", "CreateGrant", "Encrypt"],
    )
    .success();

    // A constrained grant: the grants made under it are at least as strict.
    let key2 = ring.alice_only_key("");
    grant(
        &ring,
        &ring.alice,
        &key2,
        "ci",
        &[
            "--operations",
            "CreateGrant",
            "Encrypt",
            "--constraints",
            "EncryptionContextSubset={app=web}",
        ],
    )
    .success();
    for constraints in [
        None,
        Some("EncryptionContextSubset={app=db}"),
        Some("EncryptionContextSubset={tier=2}"),
        Some("EncryptionContextEquals={tier=2}"),
    ] {
        let mut extra = vec!["--operations", "Encrypt"];
        if let Some(c) = constraints {
            extra.extend(["--constraints", c]);
        }
        assert_denied(
            grant(&ring, &ring.ci, &key2, "bob", &extra),
            "kms:CreateGrant",
        );
    }
    assert_denied(
        grant(
            &ring,
            &ring.ci,
            &key2,
            "ci",
            &[
                "--operations",
                "Decrypt",
                "--constraints",
                "EncryptionContextSubset={app=web}",
            ],
        ),
        "kms:CreateGrant",
    );
    for constraints in [
        "EncryptionContextSubset={app=web}",
        "EncryptionContextSubset={app=web,tier=2}",
        "EncryptionContextEquals={app=web}",
    ] {
        grant(
            &ring,
            &ring.ci,
            &key2,
            "bob",
            &["--operations", "Encrypt", "--constraints", constraints],
        )
        .success();
    }
    // What bob got works, within its constraints only.
    ring.ok(
        &ring.bob,
        &[
            "encrypt",
            "--key-id",
            &key2,
            "--plaintext",
            &b64(b"x"),
            "--encryption-context",
            "app=web,tier=2",
        ],
    );
    assert_denied(
        ring.run(
            &ring.bob,
            &[
                "encrypt",
                "--key-id",
                &key2,
                "--plaintext",
                &b64(b"x"),
                "--encryption-context",
                "app=db",
            ],
        ),
        "kms:Encrypt",
    );
    let ci = ring.audit_of("ci");
    assert_recorded(&ci, "CreateGrant", "Denied");
    assert_recorded(&ci, "CreateGrant", "Success");
}

#[test]
fn grants_are_retired_and_revoked_as_aws_authorizes_it() {
    let ring = Ring::new();
    // Bob may not retire grants on this key, whatever a grant says.
    let key = ring.alice_only_key(&format!(
        r#",{{"Sid":"no retiring for bob","Effect":"Deny","Principal":{{"AWS":"{}"}},"Action":"kms:RetireGrant","Resource":"*"}}"#,
        ring.arn("bob")
    ));
    let id = |out: Out| str_field(&out.success().json(), "GrantId");
    let retire = |who: &Cred, grant_id: &str| {
        ring.run(
            who,
            &["retire-grant", "--key-id", &key, "--grant-id", grant_id],
        )
    };

    // The grantee retires a grant only when it includes RetireGrant.
    let plain = id(grant(
        &ring,
        &ring.alice,
        &key,
        "ci",
        &["--operations", "Decrypt"],
    ));
    assert_denied(retire(&ring.ci, &plain), "kms:RetireGrant");
    let retirable = id(grant(
        &ring,
        &ring.alice,
        &key,
        "ci",
        &["--operations", "Decrypt", "RetireGrant"],
    ));
    retire(&ring.ci, &retirable).success();
    // Another principal named in no grant: refused.
    let other = ring.env.path("carol.txt");
    ring.ok(
        &ring.alice,
        &[
            "slot",
            "add",
            "--principal",
            "carol",
            "--generate-identity",
            path_str(&other),
        ],
    );
    let carol = Cred::Identity(other);
    assert_denied(retire(&carol, &plain), "kms:RetireGrant");
    // The retiring principal may.
    let to_carol = id(grant(
        &ring,
        &ring.alice,
        &key,
        "ci",
        &["--operations", "Decrypt", "--retiring-principal", "carol"],
    ));
    retire(&carol, &to_carol).success();
    // An explicit Deny of kms:RetireGrant in the key policy wins.
    let to_bob = id(grant(
        &ring,
        &ring.alice,
        &key,
        "bob",
        &[
            "--operations",
            "Decrypt",
            "RetireGrant",
            "--retiring-principal",
            "bob",
        ],
    ));
    assert_denied(retire(&ring.bob, &to_bob), "kms:RetireGrant");
    // The keyring's administrators retire any grant, as the AWS account can.
    retire(&ring.alice, &plain).success();
    // RevokeGrant is the key policy's: a grantee cannot revoke.
    assert_denied(
        ring.run(
            &ring.bob,
            &["revoke-grant", "--key-id", &key, "--grant-id", &to_bob],
        ),
        "kms:RevokeGrant",
    );
    ring.ok(
        &ring.alice,
        &["revoke-grant", "--key-id", &key, "--grant-id", &to_bob],
    );
    let left = ring.ok(&ring.alice, &["list-grants", "--key-id", &key]);
    assert_eq!(left["Grants"].as_array().map(Vec::len), Some(0), "{left}");
    assert_recorded(&ring.audit_of("ci"), "RetireGrant", "Denied");
    assert_recorded(&ring.audit_of("carol"), "RetireGrant", "Success");
}

// ---------------------------------------------------------------------------
// Finding 3: time
// ---------------------------------------------------------------------------

#[test]
fn time_maintain_with_a_clock_set_forward_by_a_principal_without_rights_destroys_nothing() {
    let ring = Ring::new();
    let k1 = ring.alice_only_key("");
    let v = ring.ok(
        &ring.alice,
        &[
            "schedule-key-deletion",
            "--key-id",
            &k1,
            "--pending-window-in-days",
            "30",
        ],
    );
    let deletion = parse_time(&str_field(&v, "DeletionDate"));

    // bob, with no rights on K1, runs maintain 31 days ahead.
    let m = ring.at("+31d", &ring.bob, &["maintain"]).success().json();
    assert_eq!(m["DeletedKeys"], serde_json::json!([]), "{m}");
    assert_eq!(m["KeysAwaitingDeletion"], serde_json::json!([k1]), "{m}");
    // K1 is still there, PendingDeletion past its date, and unusable.
    let md = ring
        .at("+31d", &ring.alice, &["describe-key", "--key-id", &k1])
        .success()
        .json();
    assert_eq!(md["KeyMetadata"]["KeyState"], "PendingDeletion", "{md}");
    assert_eq!(
        parse_time(&str_field(&md["KeyMetadata"], "DeletionDate")),
        deletion
    );
    ring.at(
        "+31d",
        &ring.alice,
        &["encrypt", "--key-id", &k1, "--plaintext", &b64(b"x")],
    )
    .failure(EXIT_KMS, "KMSInvalidStateException");
    assert!(
        ring.audit_of("bob")
            .iter()
            .all(|r| r["Operation"] != "DeleteKey"),
        "bob's write destroyed a key"
    );

    // alice, who may delete it, destroys it with her next write.
    let m = ring.at("+31d", &ring.alice, &["maintain"]).success().json();
    assert_eq!(m["DeletedKeys"], serde_json::json!([k1]), "{m}");
    ring.at("+31d", &ring.alice, &["describe-key", "--key-id", &k1])
        .failure(EXIT_KMS, "NotFoundException");
    assert_recorded(&ring.audit_of("alice"), "DeleteKey", "Success");
}

#[test]
fn time_a_deletion_cannot_be_cancelled_after_its_window() {
    let ring = Ring::new();
    // bob may cancel the deletion, not schedule one.
    let key = ring.alice_only_key(&format!(
        r#",{{"Sid":"bob cancels","Effect":"Allow","Principal":{{"AWS":"{}"}},"Action":["kms:CancelKeyDeletion","kms:DescribeKey"],"Resource":"*"}}"#,
        ring.arn("bob")
    ));
    ring.ok(
        &ring.alice,
        &[
            "schedule-key-deletion",
            "--key-id",
            &key,
            "--pending-window-in-days",
            "7",
        ],
    );
    let out = ring
        .at("+8d", &ring.bob, &["cancel-key-deletion", "--key-id", &key])
        .failure(EXIT_KMS, "KMSInvalidStateException");
    assert!(out.stderr.contains("deletion window"), "{out:?}");
    let md = ring
        .at("+8d", &ring.bob, &["describe-key", "--key-id", &key])
        .success()
        .json();
    assert_eq!(md["KeyMetadata"]["KeyState"], "PendingDeletion", "{md}");
}

#[test]
fn time_a_write_with_a_clock_earlier_than_the_keyring_recorded_is_refused() {
    let ring = Ring::new();
    let key = ring.alice_only_key("");
    ring.ok(
        &ring.alice,
        &[
            "schedule-key-deletion",
            "--key-id",
            &key,
            "--pending-window-in-days",
            "7",
        ],
    );
    // bob writes eight days ahead: the keyring has recorded that time.
    let before_write = OffsetDateTime::now_utc() + Duration::days(8);
    ring.at("+8d", &ring.bob, &["create-key"]).success();
    let after_write = OffsetDateTime::now_utc() + Duration::days(8);
    let records = ring.env.records();
    // With the real clock, alice's writes are refused, naming that time:
    // the ended deletion window does not open again.
    for args in [
        vec!["cancel-key-deletion", "--key-id", key.as_str()],
        vec!["create-key"],
        vec!["maintain"],
    ] {
        let out = ring
            .run(&ring.alice, &args)
            .failure(EXIT_KEYRING, "KeyringClockException");
        let named = [before_write.date(), after_write.date()]
            .iter()
            .any(|d| out.stderr.contains(&d.to_string()));
        assert!(
            named,
            "the refusal does not name the recorded time: {out:?}"
        );
    }
    assert_eq!(
        ring.env.records(),
        records,
        "a refused call changed the keyring"
    );
    // Reads go on, at the keyring's time: the key is past its window.
    let md = ring.ok(&ring.alice, &["describe-key", "--key-id", &key]);
    assert_eq!(md["KeyMetadata"]["KeyState"], "PendingDeletion", "{md}");
    ring.run(
        &ring.alice,
        &["encrypt", "--key-id", &key, "--plaintext", "eA=="],
    )
    .failure(EXIT_KMS, "KMSInvalidStateException");
    // At or after the recorded time, writes work again.
    ring.at("+8d", &ring.alice, &["create-key"]).success();
}

#[test]
fn time_expired_imported_material_is_destroyed_only_by_a_principal_allowed_to_delete_it() {
    let ring = Ring::new();
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{}"}},"Action":"kms:*","Resource":"*"}}]}}"#,
        ring.arn("alice")
    );
    let md = ring.ok(
        &ring.alice,
        &["create-key", "--origin", "EXTERNAL", "--policy", &policy],
    );
    let key = str_field(&md["KeyMetadata"], "KeyId");
    let params = ring.ok(
        &ring.alice,
        &[
            "get-parameters-for-import",
            "--key-id",
            &key,
            "--wrapping-algorithm",
            "RSAES_OAEP_SHA_256",
            "--wrapping-key-spec",
            "RSA_2048",
        ],
    );
    let public = ring.env.path("wrapping.der");
    std::fs::write(&public, unb64(&str_field(&params, "PublicKey"))).expect("write");
    let token = ring.env.path("token.bin");
    std::fs::write(&token, unb64(&str_field(&params, "ImportToken"))).expect("write");
    openssl(&ring.env, ["rand", "-out", "material.bin", "32"]);
    openssl(
        &ring.env,
        [
            "pkeyutl",
            "-encrypt",
            "-in",
            "material.bin",
            "-out",
            "wrapped.bin",
            "-inkey",
            path_str(&public),
            "-keyform",
            "DER",
            "-pubin",
            "-pkeyopt",
            "rsa_padding_mode:oaep",
            "-pkeyopt",
            "rsa_oaep_md:sha256",
            "-pkeyopt",
            "rsa_mgf1_md:sha256",
        ],
    );
    let valid_to = (OffsetDateTime::now_utc() + Duration::days(1))
        .replace_nanosecond(0)
        .expect("whole seconds")
        .format(&time::format_description::well_known::Rfc3339)
        .expect("RFC 3339");
    ring.ok(
        &ring.alice,
        &[
            "import-key-material",
            "--key-id",
            &key,
            "--encrypted-key-material",
            &format!("fileb://{}", ring.env.path("wrapped.bin").display()),
            "--import-token",
            &format!("fileb://{}", token.display()),
            "--expiration-model",
            "KEY_MATERIAL_EXPIRES",
            "--valid-to",
            &valid_to,
        ],
    );
    // bob's write two days ahead destroys nothing; the key is unusable.
    let m = ring.at("+2d", &ring.bob, &["maintain"]).success().json();
    assert_eq!(m["ExpiredKeyMaterial"], serde_json::json!([]), "{m}");
    let md = ring
        .at("+2d", &ring.alice, &["describe-key", "--key-id", &key])
        .success()
        .json();
    assert_eq!(md["KeyMetadata"]["KeyState"], "PendingImport", "{md}");
    // alice's write destroys the expired material, recorded as hers.
    let m = ring.at("+2d", &ring.alice, &["maintain"]).success().json();
    assert_eq!(m["ExpiredKeyMaterial"], serde_json::json!([key]), "{m}");
    let alice = ring
        .at(
            "+2d",
            &ring.alice,
            &["audit", "show", "--principal", "alice"],
        )
        .success()
        .json();
    assert!(
        alice["Records"]
            .as_array()
            .expect("Records")
            .iter()
            .any(|r| r["Operation"] == "DeleteExpiredKeyMaterial"),
        "{alice}"
    );
}
