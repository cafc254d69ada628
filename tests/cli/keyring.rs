//! The encrypted keyring: init, unlock slots, credentials, passwd, file
//! layout, and refusal of bad keyrings (DESIGN.md section 2, issue 2).

use std::collections::BTreeSet;
use std::ffi::OsStr;

use serde_json::Value;

use crate::env::{
    self, Cred, EXIT_KEYRING, EXIT_KMS, PASSPHRASE, TestEnv, age_keygen, age_recipient_of,
    body_table, body_value_range, mode, slot_id, str_field,
};

fn slots(env: &TestEnv) -> Vec<Value> {
    let v = env.json(["slot", "list"]);
    v["Slots"]
        .as_array()
        .unwrap_or_else(|| panic!("no Slots array: {v}"))
        .clone()
}

fn slot_of_type<'a>(slots: &'a [Value], ty: &str) -> Vec<&'a Value> {
    slots.iter().filter(|s| s["Type"] == ty).collect()
}

#[test]
fn init_with_passphrase_creates_private_toml_keyring() {
    let mut env = TestEnv::new();
    assert!(!env.keyring.parent().unwrap().exists());
    let out = env.init_with_passphrase();

    // Output shape.
    assert!(!env.keyring_id.is_empty(), "empty KeyringId: {out}");
    let path = str_field(&out, "Path");
    assert!(
        path.ends_with("keyring.toml"),
        "Path {path:?} is not the keyring"
    );
    let init_slots = out["Slots"].as_array().expect("Slots array");
    assert_eq!(init_slots.len(), 1, "one passphrase slot expected: {out}");
    assert_eq!(init_slots[0]["Type"], "passphrase");
    assert!(init_slots[0].get("SlotId").is_some());

    // File: created with parent folders, mode 0600, TOML header + body.
    assert!(env.keyring.is_file());
    assert_eq!(mode(&env.keyring), 0o600, "keyring mode");
    let text = env.keyring_text();
    for needle in ["format_version", "keyring_id", "[[slots]]", "[body]"] {
        assert!(text.contains(needle), "keyring lacks {needle:?}:\n{text}");
    }
    assert!(text.contains(&env.keyring_id), "keyring_id not in header");
    let body = body_table(&text);
    assert!(body.contains_key("nonce") && body.contains_key("ciphertext"));

    // slot list reports the same slot.
    let listed = slots(&env);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["Type"], "passphrase");
    assert_eq!(slot_id(&listed[0]), slot_id(&init_slots[0]));
    assert!(listed[0]["CreationDate"].is_string());
    assert!(listed[0]["Principal"].is_string());

    // A write keeps the mode.
    env.create_key();
    assert_eq!(mode(&env.keyring), 0o600, "keyring mode after a write");
}

/// Acceptance: init, create-key through a passphrase slot and through an
/// age identity slot; the same keyring opens with either.
#[test]
fn passphrase_and_age_slots_open_the_same_keyring() {
    let mut env = TestEnv::new();
    env.init_with_passphrase();
    let pass = Cred::Passphrase(PASSPHRASE.into());

    let id_file = env.path("ci.identity");
    let added = env.json([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--principal"),
        OsStr::new("ci"),
        OsStr::new("--generate-identity"),
        id_file.as_os_str(),
    ]);
    let slot = &added["Slot"];
    assert_eq!(slot["Type"], "age", "{added}");
    assert_eq!(slot["Principal"], "ci", "{added}");
    let recipient = str_field(slot, "Recipient");
    assert!(recipient.starts_with("age1"), "{recipient}");

    // The generated identity is a standard, private age identity file.
    assert_eq!(mode(&id_file), 0o600, "identity file mode");
    let id_text = std::fs::read_to_string(&id_file).unwrap();
    assert!(id_text.contains("AGE-SECRET-KEY-1"), "{id_text}");
    assert!(
        id_text.contains(&format!("# public key: {recipient}")),
        "{id_text}"
    );
    assert_eq!(
        age_recipient_of(&id_file),
        recipient,
        "age-keygen -y disagrees"
    );

    let age = Cred::Identity(id_file.clone());
    let by_pass = env.json_as(
        &pass,
        ["create-key", "--description", "made with passphrase"],
    );
    let by_age = env.json_as(&age, ["create-key", "--description", "made with identity"]);
    let k_pass = str_field(&by_pass["KeyMetadata"], "KeyId");
    let k_age = str_field(&by_age["KeyMetadata"], "KeyId");

    // Each credential sees the key the other created.
    let d = env.json_as(&age, ["describe-key", "--key-id", &k_pass]);
    assert_eq!(d["KeyMetadata"]["Description"], "made with passphrase");
    let d = env.json_as(&pass, ["describe-key", "--key-id", &k_age]);
    assert_eq!(d["KeyMetadata"]["Description"], "made with identity");

    // --identity as a flag works as well as LKMS_IDENTITY.
    let flag = Cred::IdentityFlag(id_file);
    let listed = env.json_as(&flag, ["list-keys"]);
    assert_eq!(listed["Keys"].as_array().map(Vec::len), Some(2), "{listed}");

    env.cred = pass;
    let all = slots(&env);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(slot_of_type(&all, "passphrase").len(), 1);
    let ages = slot_of_type(&all, "age");
    assert_eq!(ages.len(), 1);
    assert_eq!(ages[0]["Recipient"], recipient.as_str());
    assert_eq!(ages[0]["Principal"], "ci");
}

#[test]
fn init_with_identity_and_extra_age_recipient() {
    let mut env = TestEnv::new();
    let id_a = env.path("a.identity");
    let id_b = env.path("b.identity");
    let rcpt_a = age_keygen(&id_a);
    let rcpt_b = age_keygen(&id_b);
    env.cred = Cred::Identity(id_a.clone());
    let out = env.json(["init", "--age-recipient", &rcpt_b]);
    env.keyring_id = str_field(&out, "KeyringId");

    let init_slots = out["Slots"].as_array().expect("Slots");
    assert_eq!(init_slots.len(), 2, "{out}");
    let recipients: BTreeSet<&str> = init_slots
        .iter()
        .map(|s| {
            assert_eq!(s["Type"], "age", "{out}");
            s["Recipient"].as_str().expect("Recipient")
        })
        .collect();
    assert_eq!(
        recipients,
        BTreeSet::from([rcpt_a.as_str(), rcpt_b.as_str()])
    );

    let k = env.create_key();
    let b = Cred::Identity(id_b);
    let d = env.json_as(&b, ["describe-key", "--key-id", &k]);
    assert_eq!(d["KeyMetadata"]["KeyId"], k.as_str());

    // An identity matching no slot cannot open it.
    let id_c = env.path("c.identity");
    age_keygen(&id_c);
    let before = env.keyring_bytes();
    env.run_as(&Cred::Identity(id_c), ["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    // Nor can a passphrase, there is no passphrase slot.
    env.run_as(&Cred::Passphrase("anything".into()), ["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    assert_eq!(env.keyring_bytes(), before);
}

#[test]
fn wrong_passphrase_is_refused_and_changes_nothing() {
    let mut env = TestEnv::new();
    env.init_with_passphrase();
    let k = env.create_key();
    let before = env.keyring_bytes();

    let wrong = Cred::Passphrase("not the passphrase".into());
    env.run_as(&wrong, ["describe-key", "--key-id", &k])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    let out = env
        .run_as(&wrong, ["create-key", "--description", "x"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    assert!(out.stdout.trim().is_empty(), "{out:?}");
    let wrong_file = env.write_file("wrong.pass", "also wrong");
    env.run_as(&Cred::PassphraseFile(wrong_file), ["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");

    assert_eq!(
        env.keyring_bytes(),
        before,
        "a failed unlock changed the keyring"
    );
    // The right one still works, and no key was added.
    let (ids, _) = env.list_all_keys(None);
    assert_eq!(ids, vec![k]);
}

#[test]
fn missing_credentials_without_terminal_are_refused() {
    let mut env = TestEnv::new();

    // init with nothing to make a slot from.
    let out = env
        .run_as(&Cred::None, ["init"])
        .failure(EXIT_KEYRING, "CredentialsRequiredException");
    assert!(out.stderr.contains("LKMS_PASSPHRASE"), "{out:?}");
    assert!(out.stderr.contains("--identity"), "{out:?}");
    assert!(
        !env.keyring.exists(),
        "init without credentials created a keyring"
    );

    env.init_with_identity();
    let before = env.keyring_bytes();
    for args in [vec!["list-keys"], vec!["create-key"], vec!["slot", "list"]] {
        let out = env
            .run_as(&Cred::None, &args)
            .failure(EXIT_KEYRING, "CredentialsRequiredException");
        assert!(out.stderr.contains("LKMS_PASSPHRASE"), "{out:?}");
        assert!(out.stderr.contains("--identity"), "{out:?}");
    }
    assert_eq!(env.keyring_bytes(), before);
}

#[test]
fn missing_keyring_is_reported() {
    let env = TestEnv::new();
    let cred = Cred::Passphrase("whatever".into());
    env.run_as(&cred, ["list-keys"])
        .failure(EXIT_KEYRING, "KeyringNotFoundException");
    env.run_as(&cred, ["create-key"])
        .failure(EXIT_KEYRING, "KeyringNotFoundException");
    assert!(
        !env.keyring.exists(),
        "a failed command created the keyring"
    );
}

#[test]
fn credential_order_and_global_flags() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let identity = match &env.cred {
        Cred::Identity(p) => p.clone(),
        other => panic!("{other:?}"),
    };
    // Add a passphrase slot (new passphrase from LKMS_NEW_PASSPHRASE).
    let mut cmd = env.cmd();
    cmd.env("LKMS_NEW_PASSPHRASE", PASSPHRASE).args([
        "--output",
        "json",
        "slot",
        "add",
        "--principal",
        "alice",
    ]);
    let added = env::run_cmd(cmd).success().json();
    assert_eq!(added["Slot"]["Type"], "passphrase", "{added}");
    assert_eq!(added["Slot"]["Principal"], "alice", "{added}");
    let k = env.create_key();

    // Identity comes before LKMS_PASSPHRASE: a wrong passphrase is not used.
    let mut cmd = env.cmd();
    cmd.env("LKMS_PASSPHRASE", "wrong")
        .args(["describe-key", "--key-id", &k]);
    env::run_cmd(cmd).success();

    // --passphrase-file comes before LKMS_PASSPHRASE.
    let pass_file = env.write_file("right.pass", PASSPHRASE);
    let mut cmd = env.cmd_as(&Cred::PassphraseFile(pass_file.clone()));
    cmd.env("LKMS_PASSPHRASE", "wrong")
        .args(["describe-key", "--key-id", &k]);
    env::run_cmd(cmd).success();

    // --keyring overrides LKMS_KEYRING, and global flags may follow the
    // subcommand.
    let mut cmd = env.raw_cmd();
    cmd.env("LKMS_KEYRING", env.path("nowhere/keyring.toml"))
        .args(["describe-key", "--key-id", &k, "--keyring"])
        .arg(&env.keyring)
        .arg("--identity")
        .arg(&identity)
        .args(["--output", "json"]);
    let d = env::run_cmd(cmd).success().json();
    assert_eq!(d["KeyMetadata"]["KeyId"], k.as_str());
}

#[test]
fn default_keyring_location_is_under_home() {
    let env = TestEnv::new();
    let id = env.path("identity.txt");
    let mut cmd = env.raw_cmd();
    cmd.args(["--output", "json", "init", "--generate-identity"])
        .arg(&id);
    env::run_cmd(cmd).success();
    let default = env.home.join(".local/share/lkms/keyring.toml");
    assert!(default.is_file(), "no keyring at {default:?}");
    assert_eq!(mode(&default), 0o600);

    let mut cmd = env.raw_cmd();
    cmd.env("LKMS_IDENTITY", &id)
        .args(["--output", "json", "list-keys"]);
    let v = env::run_cmd(cmd).success().json();
    assert_eq!(v["Keys"].as_array().map(Vec::len), Some(0), "{v}");
}

#[test]
fn slot_add_passphrase_and_age_recipient() {
    let mut env = TestEnv::new();
    env.init_with_identity();

    let bob_file = env.write_file("bob.pass", "bob's passphrase");
    let v = env.json([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--principal"),
        OsStr::new("bob"),
        OsStr::new("--new-passphrase-file"),
        bob_file.as_os_str(),
    ]);
    assert_eq!(v["Slot"]["Type"], "passphrase", "{v}");
    assert_eq!(v["Slot"]["Principal"], "bob", "{v}");

    let other_id = env.path("other.identity");
    let rcpt = age_keygen(&other_id);
    let v = env.json([
        "slot",
        "add",
        "--principal",
        "carol",
        "--age-recipient",
        &rcpt,
    ]);
    assert_eq!(v["Slot"]["Type"], "age", "{v}");
    assert_eq!(v["Slot"]["Recipient"], rcpt.as_str(), "{v}");

    let all = slots(&env);
    assert_eq!(all.len(), 3, "{all:?}");
    let ids: BTreeSet<String> = all.iter().map(slot_id).collect();
    assert_eq!(ids.len(), 3, "slot ids are not unique: {all:?}");
    let principals: BTreeSet<&str> = all.iter().filter_map(|s| s["Principal"].as_str()).collect();
    assert!(
        principals.contains("bob") && principals.contains("carol"),
        "{all:?}"
    );

    let k = env.create_key();
    env.json_as(
        &Cred::Passphrase("bob's passphrase".into()),
        ["describe-key", "--key-id", &k],
    );
    env.json_as(&Cred::Identity(other_id), ["describe-key", "--key-id", &k]);
}

/// Acceptance: `slot remove` of the last slot is refused.
#[test]
fn slot_remove_refuses_the_last_slot() {
    let mut env = TestEnv::new();
    let init = env.init_with_identity();
    let first = slot_id(&init["Slots"][0]);
    let k = env.create_key();

    // Alone: refused, nothing changes.
    let before = env.keyring_bytes();
    env.run(["slot", "remove", "--slot-id", &first])
        .failure(EXIT_KMS, "ValidationException");
    assert_eq!(
        env.keyring_bytes(),
        before,
        "refused remove changed the keyring"
    );

    // With a second slot, the first one can go; its identity stops working.
    let id2 = env.path("second.identity");
    let added = env.json([
        OsStr::new("slot"),
        OsStr::new("add"),
        OsStr::new("--generate-identity"),
        id2.as_os_str(),
    ]);
    let second = slot_id(&added["Slot"]);
    env.ok(["slot", "remove", "--slot-id", &first]);
    env.run(["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");

    env.cred = Cred::Identity(id2);
    let remaining = slots(&env);
    assert_eq!(remaining.len(), 1, "{remaining:?}");
    assert_eq!(slot_id(&remaining[0]), second);
    assert_eq!(env.describe(&k)["KeyId"], k.as_str());

    // And now it is the last one again.
    let before = env.keyring_bytes();
    env.run(["slot", "remove", "--slot-id", &second])
        .failure(EXIT_KMS, "ValidationException");
    assert_eq!(env.keyring_bytes(), before);
}

/// Acceptance: `passwd` changes the passphrase without rewriting the body.
#[test]
fn passwd_changes_the_passphrase_not_the_body() {
    let mut env = TestEnv::new();
    let init = env.init_with_passphrase();
    let pass_slot = slot_id(&init["Slots"][0]);
    let k = env.create_key_with(["--description", "survives passwd"]);
    let k = str_field(&k, "KeyId");
    let text_before = env.keyring_text();
    let body_before = body_table(&text_before);
    let ct_before = &text_before[body_value_range(&text_before, "ciphertext")];

    let mut cmd = env.cmd();
    cmd.env("LKMS_NEW_PASSPHRASE", "second passphrase")
        .arg("passwd");
    env::run_cmd(cmd).success();

    let text_after = env.keyring_text();
    assert_ne!(text_after, text_before, "passwd did not change the header");
    assert_eq!(
        body_table(&text_after),
        body_before,
        "passwd rewrote [body]"
    );
    assert_eq!(
        &text_after[body_value_range(&text_after, "ciphertext")],
        ct_before,
        "passwd rewrote the body ciphertext"
    );
    assert_eq!(mode(&env.keyring), 0o600);

    // Old passphrase fails, new one works.
    env.run(["describe-key", "--key-id", &k])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    env.cred = Cred::Passphrase("second passphrase".into());
    assert_eq!(env.describe(&k)["Description"], "survives passwd");

    // Again, with --new-passphrase-file and an explicit --slot-id.
    let third = env.write_file("third.pass", "third passphrase");
    env.ok([
        OsStr::new("passwd"),
        OsStr::new("--slot-id"),
        OsStr::new(&pass_slot),
        OsStr::new("--new-passphrase-file"),
        third.as_os_str(),
    ]);
    assert_eq!(
        body_table(&env.keyring_text()),
        body_before,
        "passwd rewrote [body]"
    );
    env.run(["list-keys"])
        .failure(EXIT_KEYRING, "UnlockFailedException");
    env.cred = Cred::PassphraseFile(third);
    assert_eq!(env.describe(&k)["KeyId"], k.as_str());
}

/// Acceptance: no key material or metadata in clear in the file.
#[test]
fn keyring_file_holds_no_key_metadata_in_clear() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let desc = "payroll-db-master-key-7f3a9c";
    let md = env.create_key_with([
        "--description",
        desc,
        "--tags",
        "TagKey=costcenter,TagValue=tagvalue-b81e44",
    ]);
    let k = str_field(&md, "KeyId");
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/alias-name-55d0e1",
        "--target-key-id",
        &k,
    ]);

    let bytes = env.keyring_bytes();
    let text = String::from_utf8_lossy(&bytes);
    for secret in [
        desc,
        k.as_str(),
        &k.replace('-', ""),
        "tagvalue-b81e44",
        "alias-name-55d0e1",
    ] {
        assert!(
            !text.contains(secret),
            "{secret:?} is in the keyring file in clear"
        );
    }
    // The documented header is there, in clear.
    for needle in ["format_version", "keyring_id", "[[slots]]", "[body]"] {
        assert!(text.contains(needle), "keyring lacks {needle:?}");
    }
}

/// Runs a read, a write and a slot command against a damaged keyring:
/// each must fail with `exception` (exit 253) and leave the file as is.
fn assert_refused_unchanged(env: &TestEnv, damaged: &[u8], exception: &str, what: &str) {
    std::fs::write(&env.keyring, damaged).unwrap();
    for args in [
        vec!["list-keys"],
        vec!["create-key", "--description", "must not be written"],
        vec!["slot", "list"],
        vec!["maintain"],
    ] {
        let out = env.run(&args);
        assert_eq!(out.code, EXIT_KEYRING, "{what}: expected exit 253: {out:?}");
        out.assert_exception(exception);
        assert_eq!(
            std::fs::read(&env.keyring).unwrap(),
            damaged,
            "{what}: `lkms {args:?}` changed a damaged keyring"
        );
    }
}

fn keyring_with_a_key() -> (TestEnv, Vec<u8>) {
    let mut env = TestEnv::new();
    env.init_with_identity();
    env.create_key();
    let good = env.keyring_bytes();
    (env, good)
}

#[test]
fn truncated_keyring_is_corrupt() {
    let (env, good) = keyring_with_a_key();
    for len in [0, good.len() / 2, good.len() - 20] {
        assert_refused_unchanged(
            &env,
            &good[..len],
            "KeyringCorruptException",
            &format!("truncated to {len} bytes"),
        );
    }
    // Restored, it opens again.
    std::fs::write(&env.keyring, &good).unwrap();
    env.ok(["list-keys"]);
}

#[test]
fn tampered_body_is_corrupt() {
    let (env, good) = keyring_with_a_key();
    let text = String::from_utf8(good.clone()).unwrap();

    for key in ["ciphertext", "nonce"] {
        let range = body_value_range(&text, key);
        assert!(range.len() > 8, "{key} is too short to tamper with");
        let at = range.start + range.len() / 2;
        let mut bytes = good.clone();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        assert_refused_unchanged(
            &env,
            &bytes,
            "KeyringCorruptException",
            &format!("one character of body.{key} changed"),
        );
    }
    std::fs::write(&env.keyring, &good).unwrap();
    env.ok(["list-keys"]);
}

#[test]
fn tampered_header_is_refused() {
    // The header is bound to the body as associated data: changing the
    // keyring id must not go unnoticed. Either a corrupt keyring or a
    // failed unlock is an acceptable diagnosis; success is not.
    let (env, good) = keyring_with_a_key();
    let text = String::from_utf8(good.clone()).unwrap();
    let id_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("keyring_id"))
        .expect("keyring_id line");
    let eq = id_line.find('=').expect("keyring_id = ...");
    let value = &id_line[eq + 1..];
    let pos_in_value = value
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_alphanumeric())
        .map(|(i, _)| i)
        .expect("an alphanumeric character in keyring_id");
    let line_start = text.find(id_line).unwrap();
    let at = line_start + eq + 1 + pos_in_value;
    let mut bytes = good.clone();
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };

    std::fs::write(&env.keyring, &bytes).unwrap();
    for args in [vec!["list-keys"], vec!["create-key"]] {
        let out = env.run(&args);
        assert_eq!(
            out.code, EXIT_KEYRING,
            "tampered keyring_id accepted: {out:?}"
        );
        assert!(
            out.stderr.contains("lkms: KeyringCorruptException:")
                || out.stderr.contains("lkms: UnlockFailedException:"),
            "{out:?}"
        );
        assert_eq!(std::fs::read(&env.keyring).unwrap(), bytes);
    }
}

#[test]
fn malformed_toml_is_corrupt() {
    let (env, good) = keyring_with_a_key();
    let cases: [(&[u8], &str); 4] = [
        (b"this is = not [valid toml\n", "garbage TOML"),
        (b"[body]\nnonce = 1\n", "TOML without the header"),
        (b"\xff\xfe\x00\x01binary\x00junk", "binary junk"),
        (b"format_version = \"one\"\nkeyring_id = 7\n", "wrong types"),
    ];
    for (damaged, what) in cases {
        assert_refused_unchanged(&env, damaged, "KeyringCorruptException", what);
    }
    std::fs::write(&env.keyring, &good).unwrap();
    env.ok(["list-keys"]);
}

#[test]
fn newer_format_version_is_refused() {
    let (env, good) = keyring_with_a_key();
    let text = String::from_utf8(good).unwrap();
    let mut found = false;
    let bumped: String = text
        .split_inclusive('\n')
        .map(|line| {
            if !found && line.trim_start().starts_with("format_version") {
                found = true;
                "format_version = 999\n".to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert!(found, "no format_version line:\n{text}");
    assert_refused_unchanged(
        &env,
        bumped.as_bytes(),
        "UnsupportedKeyringVersionException",
        "format_version 999",
    );
}

#[test]
fn init_over_an_existing_keyring_is_refused() {
    let mut env = TestEnv::new();
    env.init_with_identity();
    let k = env.create_key();
    let before = env.keyring_bytes();

    env.run(["init"])
        .failure(EXIT_KEYRING, "KeyringExistsException");
    let other = env.path("other.identity");
    env.run_as(
        &Cred::None,
        [
            OsStr::new("init"),
            OsStr::new("--generate-identity"),
            other.as_os_str(),
        ],
    )
    .failure(EXIT_KEYRING, "KeyringExistsException");
    env.run_as(&Cred::Passphrase("new".into()), ["init"])
        .failure(EXIT_KEYRING, "KeyringExistsException");

    assert_eq!(
        env.keyring_bytes(),
        before,
        "a refused init changed the keyring"
    );
    assert_eq!(env.describe(&k)["KeyId"], k.as_str());
}
