//! The AWS CLI's input options (issue 13): `--generate-cli-skeleton`,
//! `--cli-input-json` and `--cli-input-yaml` on every command that is an
//! AWS KMS operation.

use serde_json::{Value, json};

use crate::env::{
    EXIT_INVALID_VALUE, EXIT_USAGE, Out, TestEnv, b64, env_with_keyring, str_field, unb64,
};

/// The member names of a JSON object, in order.
fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// Asserts the exit code of a run that fails before lkms's own reporting
/// (a command line clap refuses).
#[track_caller]
fn exits(out: Out, code: i32) {
    assert_eq!(out.code, code, "{out:?}");
}

/// Writes a JSON document and returns its `file://` form.
fn doc(env: &TestEnv, name: &str, v: &Value) -> String {
    format!("file://{}", env.write_file(name, &v.to_string()).display())
}

#[test]
fn skeletons_print_every_member_without_a_keyring() {
    let env = TestEnv::new();
    let out = env.ok(["encrypt", "--generate-cli-skeleton"]);
    let v = out.json();
    assert_eq!(
        keys(&v),
        [
            "KeyId",
            "Plaintext",
            "EncryptionContext",
            "GrantTokens",
            "EncryptionAlgorithm",
            "DryRun"
        ]
    );
    assert_eq!(
        v,
        json!({
            "KeyId": "",
            "Plaintext": null,
            "EncryptionContext": {"KeyName": ""},
            "GrantTokens": [""],
            "EncryptionAlgorithm": "SYMMETRIC_DEFAULT",
            "DryRun": true,
        })
    );
    // Indented as the AWS CLI prints it, whatever --output says.
    assert!(
        out.stdout.starts_with("{\n    \"KeyId\": \"\",\n"),
        "{out:?}"
    );
    let again = env.ok([
        "--output",
        "text",
        "encrypt",
        "--generate-cli-skeleton",
        "input",
    ]);
    assert_eq!(again.stdout, out.stdout);
    // No keyring was opened or created, and no credential was asked for.
    assert!(!env.keyring.exists());

    let yaml = env
        .ok(["create-grant", "--generate-cli-skeleton", "yaml-input"])
        .stdout;
    assert!(yaml.starts_with("KeyId: '' # [REQUIRED] "), "{yaml}");
    assert!(yaml.contains("\nOperations: # "), "{yaml}");
    assert!(
        yaml.contains("\nConstraints: # ")
            && yaml.contains("\n  EncryptionContextSubset:\n    KeyName: ''\n"),
        "{yaml}"
    );

    let out = env.json([
        "describe-key",
        "--generate-cli-skeleton",
        "output",
        "--query",
        "KeyMetadata.[KeyId,Enabled,EncryptionAlgorithms]",
    ]);
    assert_eq!(out, json!(["KeyId", true, ["EncryptionAlgorithmSpec"]]));
    // An operation without a response prints nothing.
    assert_eq!(
        env.ok(["enable-key", "--generate-cli-skeleton", "output"])
            .stdout,
        ""
    );
    assert!(!env.keyring.exists());

    // Other flags are still checked, and other commands have no skeleton.
    exits(
        env.run(["encrypt", "--generate-cli-skeleton", "--bogus"]),
        EXIT_USAGE,
    );
    exits(
        env.run(["encrypt", "--generate-cli-skeleton", "sideways"]),
        EXIT_INVALID_VALUE,
    );
    exits(
        env.run(["encrypt-file", "--generate-cli-skeleton"]),
        EXIT_USAGE,
    );
}

#[test]
fn encrypt_and_decrypt_from_documents_in_files() {
    let env = env_with_keyring();
    let key = env.create_key();
    let secret = b"the launch codes";
    let enc = doc(
        &env,
        "encrypt.json",
        &json!({"KeyId": key, "Plaintext": b64(secret), "EncryptionContext": {"app": "web"}}),
    );
    let c = env.json(["encrypt", "--cli-input-json", &enc]);
    assert!(str_field(&c, "KeyId").ends_with(&key), "{c}");
    let blob = str_field(&c, "CiphertextBlob");

    let dec = doc(
        &env,
        "decrypt.json",
        &json!({"CiphertextBlob": blob, "EncryptionContext": {"app": "web"}}),
    );
    let p = env.json(["decrypt", "--cli-input-json", &dec]);
    assert_eq!(unb64(&str_field(&p, "Plaintext")), secret);
    // Inline JSON works as a file does.
    let inline = json!({"CiphertextBlob": blob, "EncryptionContext": {"app": "web"}}).to_string();
    let p = env.json(["decrypt", "--cli-input-json", &inline]);
    assert_eq!(unb64(&str_field(&p, "Plaintext")), secret);

    // The document's context was bound: without it, decryption fails.
    let bare = doc(&env, "bare.json", &json!({"CiphertextBlob": blob}));
    env.run(["decrypt", "--cli-input-json", &bare])
        .failure(254, "InvalidCiphertextException");

    // A skeleton, filled in, is a valid document.
    let mut skeleton = env
        .ok(["generate-random", "--generate-cli-skeleton"])
        .json();
    skeleton["NumberOfBytes"] = json!(24);
    // Members one does not use are deleted, as from an AWS CLI skeleton.
    skeleton
        .as_object_mut()
        .map(|m| m.remove("CustomKeyStoreId"));
    let random = doc(&env, "random.json", &skeleton);
    let r = env.json(["generate-random", "--cli-input-json", &random]);
    assert_eq!(unb64(&str_field(&r, "Plaintext")).len(), 24);
}

#[test]
fn the_command_line_overrides_the_document() {
    let env = env_with_keyring();
    let (a, b) = (env.create_key(), env.create_key());
    let d = doc(
        &env,
        "doc.json",
        &json!({"KeyId": a, "Plaintext": b64(b"x"), "EncryptionContext": {"from": "document"}}),
    );
    let c = env.json([
        "encrypt",
        "--cli-input-json",
        &d,
        "--key-id",
        &b,
        "--encryption-context",
        "from=flag",
    ]);
    assert!(str_field(&c, "KeyId").ends_with(&b), "{c}");
    let blob = str_field(&c, "CiphertextBlob");
    env.ok([
        "decrypt",
        "--ciphertext-blob",
        &blob,
        "--encryption-context",
        "from=flag",
    ]);
    env.run([
        "decrypt",
        "--ciphertext-blob",
        &blob,
        "--encryption-context",
        "from=document",
    ])
    .failure(254, "InvalidCiphertextException");
}

#[test]
fn required_members_may_come_from_the_document_alone() {
    let env = env_with_keyring();
    let key = env.create_key();
    // Without the document, the command line lacks required flags.
    exits(env.run(["create-alias"]), EXIT_USAGE);
    let d = doc(
        &env,
        "alias.json",
        &json!({"AliasName": "alias/from-doc", "TargetKeyId": key}),
    );
    env.ok(["create-alias", "--cli-input-json", &d]);
    let md = env.describe("alias/from-doc");
    assert_eq!(str_field(&md, "KeyId"), key);

    // A list of structures, an integer, a list of enums and a structure.
    let tags = doc(
        &env,
        "tags.json",
        &json!({"KeyId": key, "Tags": [{"TagKey": "team", "TagValue": "ops"}, {"TagKey": "env", "TagValue": ""}]}),
    );
    env.ok(["tag-resource", "--cli-input-json", &tags]);
    let listed = env.json(["list-resource-tags", "--key-id", &key]);
    assert_eq!(
        listed["Tags"],
        json!([{"TagKey": "env", "TagValue": ""}, {"TagKey": "team", "TagValue": "ops"}])
    );
    let grant = doc(
        &env,
        "grant.json",
        &json!({
            "KeyId": key,
            "GranteePrincipal": "bob",
            "Operations": ["Decrypt", "Encrypt"],
            "Constraints": {"EncryptionContextEquals": {"app": "web"}},
            "Name": "from-doc",
        }),
    );
    env.json(["create-grant", "--cli-input-json", &grant]);
    let g = &env.json(["list-grants", "--key-id", &key])["Grants"][0];
    assert_eq!(g["Operations"], json!(["Decrypt", "Encrypt"]), "{g}");
    assert_eq!(
        g["Constraints"],
        json!({"EncryptionContextEquals": {"app": "web"}}),
        "{g}"
    );
    assert_eq!(g["Name"], "from-doc");
    let other = env.create_key();
    let sched = doc(
        &env,
        "sched.json",
        &json!({"KeyId": other, "PendingWindowInDays": 9}),
    );
    let s = env.json(["--yes", "schedule-key-deletion", "--cli-input-json", &sched]);
    assert_eq!(s["PendingWindowInDays"], 9, "{s}");
}

#[test]
fn unknown_members_and_wrong_types_are_refused_and_change_nothing() {
    let env = env_with_keyring();
    let before = env.json(["list-keys"]);
    let d = doc(
        &env,
        "bad.json",
        &json!({"Description": "x", "Bogus": 1, "Tags": [{"TagKey": "a"}]}),
    );
    let out = env
        .run(["create-key", "--cli-input-json", &d])
        .failure(EXIT_INVALID_VALUE, "ValidationException");
    assert!(
        out.stderr.contains("Unknown parameter in input: \"Bogus\", must be one of: Policy, Description, KeyUsage, CustomerMasterKeySpec, KeySpec, Origin, CustomKeyStoreId, BypassPolicyLockoutSafetyCheck, Tags, MultiRegion, XksKeyId"),
        "{out:?}"
    );
    assert!(
        out.stderr
            .contains("Missing required parameter in Tags[0]: \"TagValue\""),
        "{out:?}"
    );
    let typed = doc(&env, "typed.json", &json!({"Description": 7}));
    let out = env
        .run(["create-key", "--cli-input-json", &typed])
        .failure(EXIT_INVALID_VALUE, "ValidationException");
    assert!(
        out.stderr
            .contains("Invalid type for parameter Description: integer, valid types: string"),
        "{out:?}"
    );
    assert_eq!(env.json(["list-keys"]), before);
}

#[test]
fn bad_documents_exit_252_and_write_nothing() {
    let env = env_with_keyring();
    let before = env.records();
    for (option, text) in [
        ("--cli-input-json", "{\"Description\": "),
        ("--cli-input-json", "[\"Description\"]"),
        ("--cli-input-yaml", "Description: [unclosed"),
        ("--cli-input-yaml", "- a list\n- not a mapping\n"),
    ] {
        let out = env
            .run(["create-key", option, text])
            .failure(EXIT_INVALID_VALUE, "ValidationException");
        assert!(out.stderr.contains(option), "{out:?}");
        assert!(out.stdout.is_empty(), "{out:?}");
    }
    let missing = env.path("missing.json");
    env.run([
        "create-key",
        "--cli-input-json",
        &format!("file://{}", missing.display()),
    ])
    .failure(EXIT_INVALID_VALUE, "ValidationException");
    // A file named inside a document is not read.
    let secret = env.write_file("secret.txt", "do not read");
    let d = json!({"Plaintext": format!("fileb://{}", secret.display())}).to_string();
    let out = env
        .run(["encrypt", "--cli-input-json", &d])
        .failure(EXIT_INVALID_VALUE, "ValidationException");
    assert!(out.stderr.contains("Plaintext"), "{out:?}");
    assert_eq!(env.records(), before);
}

#[test]
fn yaml_documents_and_binary_blobs() {
    let env = env_with_keyring();
    let key = env.create_key();
    let roundtrip = |args: &[&str], expected: &[u8]| {
        let c = env.json(args);
        let blob = str_field(&c, "CiphertextBlob");
        let p = env.json(["decrypt", "--ciphertext-blob", &blob]);
        assert_eq!(unb64(&str_field(&p, "Plaintext")), expected, "{args:?}");
    };
    let binary = env.write_file(
        "binary.yaml",
        &format!("KeyId: {key}\nPlaintext: !!binary {}\n", b64(&[0, 255, 1])),
    );
    let binary = format!("file://{}", binary.display());
    roundtrip(&["encrypt", "--cli-input-yaml", &binary], &[0, 255, 1]);
    let text = format!("KeyId: {key}\nPlaintext: !!binary {}\n", b64(b"hello"));
    roundtrip(&["encrypt", "--cli-input-yaml", &text], b"hello");
    // Under AWS CLI v1's binary format a plain string is the bytes
    // themselves, and !!binary still means bytes.
    let raw = ["--cli-binary-format", "raw-in-base64-out", "encrypt"];
    let plain = format!("KeyId: {key}\nPlaintext: hello\n");
    roundtrip(
        &[&raw[..], &["--cli-input-yaml", &plain]].concat(),
        b"hello",
    );
    roundtrip(&[&raw[..], &["--cli-input-yaml", &text]].concat(), b"hello");
    let json_raw = json!({"KeyId": key, "Plaintext": "hello"}).to_string();
    roundtrip(
        &[&raw[..], &["--cli-input-json", &json_raw]].concat(),
        b"hello",
    );
    // Under base64, a document's blob must be base64.
    let out = env
        .run(["encrypt", "--cli-input-yaml", &plain])
        .failure(EXIT_INVALID_VALUE, "ValidationException");
    assert!(out.stderr.contains("Plaintext"), "{out:?}");
    // One of the two documents, not both.
    exits(
        env.run([
            "encrypt",
            "--cli-input-yaml",
            &text,
            "--cli-input-json",
            "{}",
        ]),
        EXIT_USAGE,
    );
}

#[test]
fn help_mentions_the_input_options() {
    let env = TestEnv::new();
    for args in [["encrypt", "help"], ["encrypt", "--help"]] {
        let help = env.ok(args).stdout;
        for option in [
            "--cli-input-json <JSON>",
            "--cli-input-yaml <YAML>",
            "--generate-cli-skeleton [<WHAT>]",
        ] {
            assert!(help.contains(option), "{option} missing from {help}");
        }
    }
}
