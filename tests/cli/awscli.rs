//! The AWS CLI's global options and habits (issue 13: an `aws kms` script
//! ports by changing the command name): automatic pagination, the global
//! options scripts pass, `file://` parameters, legacy JMESPath literals.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::env::{TestEnv, env_with_keyring, str_field};

/// A keyring with `n` keys; returns the environment and the key ids.
fn keyring_with_keys(n: usize) -> (TestEnv, BTreeSet<String>) {
    let env = env_with_keyring();
    let ids: BTreeSet<String> = (0..n).map(|_| env.create_key()).collect();
    assert_eq!(ids.len(), n);
    (env, ids)
}

fn key_ids(v: &Value) -> Vec<String> {
    v["Keys"]
        .as_array()
        .unwrap_or_else(|| panic!("no Keys: {v}"))
        .iter()
        .map(|k| str_field(k, "KeyId"))
        .collect()
}

#[test]
fn list_keys_fetches_every_page_and_pages_as_the_aws_cli() {
    let (env, ids) = keyring_with_keys(105);

    // By default: every key, one merged response, no paging fields.
    let all = env.json(["list-keys"]);
    assert_eq!(key_ids(&all).len(), 105, "{all}");
    assert_eq!(key_ids(&all).into_iter().collect::<BTreeSet<_>>(), ids);
    assert!(all.get("Truncated").is_none(), "{all}");
    assert!(all.get("NextMarker").is_none(), "{all}");

    // --output text: one KEYS line per key and no stray `False` line.
    let text = env.ok(["--output", "text", "list-keys"]).stdout;
    assert_eq!(text.lines().count(), 105, "{text}");
    assert!(text.lines().all(|l| l.starts_with("KEYS\t")), "{text}");
    let ids_text = env
        .ok(["list-keys", "--output", "text", "--query", "Keys[].KeyId"])
        .stdout;
    assert_eq!(ids_text.split_whitespace().count(), 105, "{ids_text}");

    // --page-size is the Limit of each underlying call: same result.
    let small = env.json(["list-keys", "--page-size", "7"]);
    assert_eq!(key_ids(&small), key_ids(&all));

    // --no-paginate: one page, as the API returns it.
    let one = env.json(["list-keys", "--no-paginate"]);
    assert_eq!(key_ids(&one).len(), 100, "{one}");
    assert_eq!(one["Truncated"], true, "{one}");
    assert!(one["NextMarker"].is_string(), "{one}");
    let one = env.json(["list-keys", "--no-paginate", "--page-size", "5"]);
    assert_eq!(key_ids(&one).len(), 5, "{one}");

    // An explicit --limit or --marker pages by hand, as before.
    let page = env.json(["list-keys", "--limit", "10"]);
    assert_eq!(key_ids(&page).len(), 10);
    assert_eq!(page["Truncated"], true);
    let next = env.json(["list-keys", "--marker", &str_field(&page, "NextMarker")]);
    assert_eq!(key_ids(&next).len(), 95, "{next}");
    assert_eq!(next["Truncated"], false, "{next}");

    // --max-items and --starting-token walk every key exactly once.
    for (max, page_size) in [("40", None), ("7", Some("3")), ("105", None)] {
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        let mut runs = 0;
        loop {
            let mut args = vec!["list-keys", "--max-items", max];
            if let Some(p) = page_size {
                args.extend(["--page-size", p]);
            }
            if let Some(t) = &token {
                args.extend(["--starting-token", t]);
            }
            let v = env.json(&args);
            runs += 1;
            let got = key_ids(&v);
            assert!(got.len() <= max.parse().unwrap(), "{v}");
            assert!(v.get("Truncated").is_none() && v.get("NextMarker").is_none());
            seen.extend(got);
            match v.get("NextToken") {
                Some(t) => token = Some(t.as_str().expect("NextToken").to_owned()),
                None => break,
            }
            assert!(runs < 100, "--starting-token does not end");
        }
        assert_eq!(seen.len(), 105, "max {max}: {seen:?}");
        assert_eq!(seen.into_iter().collect::<BTreeSet<_>>(), ids, "max {max}");
    }

    // A token lkms did not make is a bad parameter.
    env.run(["list-keys", "--starting-token", "not a token"])
        .failure(crate::env::EXIT_INVALID_VALUE, "ValidationException");
}

#[test]
fn other_list_commands_merge_their_pages() {
    let env = env_with_keyring();
    let key = env.create_key();
    let tags: Vec<String> = (0..12)
        .map(|i| format!("TagKey=k{i:02},TagValue=v{i}"))
        .collect();
    let mut args = vec!["tag-resource", "--key-id", &key, "--tags"];
    args.extend(tags.iter().map(String::as_str));
    env.ok(args);
    for i in 0..3 {
        env.ok([
            "create-alias",
            "--alias-name",
            &format!("alias/a{i}"),
            "--target-key-id",
            &key,
        ]);
    }
    let v = env.json(["list-resource-tags", "--key-id", &key, "--page-size", "5"]);
    assert_eq!(v["Tags"].as_array().map(Vec::len), Some(12), "{v}");
    assert!(v.get("Truncated").is_none(), "{v}");
    let v = env.json(["list-resource-tags", "--key-id", &key, "--max-items", "5"]);
    assert_eq!(v["Tags"].as_array().map(Vec::len), Some(5), "{v}");
    assert!(v["NextToken"].is_string(), "{v}");
    let v = env.json(["list-aliases", "--page-size", "1"]);
    assert_eq!(v["Aliases"].as_array().map(Vec::len), Some(3), "{v}");
    let v = env.json(["list-key-policies", "--key-id", &key]);
    assert_eq!(v, serde_json::json!({"PolicyNames": ["default"]}));
}

#[test]
fn the_aws_cli_global_options_are_accepted() {
    let env = env_with_keyring();
    let key = env.create_key();
    for extra in [
        vec!["--profile", "prod"],
        vec!["--endpoint-url", "http://localhost:4566"],
        vec!["--no-cli-pager"],
        vec!["--color", "off"],
        vec!["--color", "on"],
        vec!["--color", "auto"],
        vec!["--cli-binary-format", "base64"],
        vec!["--cli-binary-format", "raw-in-base64-out"],
        vec!["--debug"],
    ] {
        let mut args = extra.clone();
        args.extend(["describe-key", "--key-id", &key]);
        let v = env.json(&args);
        assert_eq!(v["KeyMetadata"]["KeyId"], key.as_str(), "{extra:?}");
    }
    // As global options, after the command too.
    env.ok([
        "list-keys",
        "--no-cli-pager",
        "--profile",
        "p",
        "--color",
        "off",
    ]);
}

#[test]
fn aws_default_output_is_the_default_of_output() {
    let env = env_with_keyring();
    let key = env.create_key();
    let mut cmd = env.cmd();
    cmd.env("AWS_DEFAULT_OUTPUT", "text").args([
        "describe-key",
        "--key-id",
        &key,
        "--query",
        "KeyMetadata.KeyId",
    ]);
    let out = crate::env::run_cmd(cmd).success();
    assert_eq!(out.stdout, format!("{key}\n"));
    // --output wins over the environment.
    let mut cmd = env.cmd();
    cmd.env("AWS_DEFAULT_OUTPUT", "text").args([
        "--output",
        "json",
        "describe-key",
        "--key-id",
        &key,
    ]);
    crate::env::run_cmd(cmd).success().json();
}

#[test]
fn debug_shows_the_request_and_never_a_secret() {
    let env = env_with_keyring();
    let key = env.create_key();
    let secret = "correct-horse-7f3a-plaintext";
    let b64 = crate::env::b64(secret.as_bytes());
    let out = env.ok([
        "--debug",
        "--output",
        "json",
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        &b64,
        "--encryption-context",
        "app=web",
    ]);
    assert!(out.stderr.contains("Encrypt"), "{out:?}");
    assert!(out.stderr.contains(&key), "{out:?}");
    assert!(
        out.stderr.contains(env.keyring.to_str().unwrap()),
        "{out:?}"
    );
    assert!(out.stderr.contains(" ms"), "timing: {out:?}");
    assert!(
        !out.stderr.contains(secret) && !out.stderr.contains(&b64),
        "{out:?}"
    );
    let blob = str_field(&out.json(), "CiphertextBlob");
    let out = env.ok([
        "--debug",
        "--output",
        "json",
        "decrypt",
        "--ciphertext-blob",
        &blob,
        "--encryption-context",
        "app=web",
    ]);
    let plaintext = str_field(&out.json(), "Plaintext");
    assert_eq!(plaintext, b64);
    assert!(
        !out.stderr.contains(secret) && !out.stderr.contains(&b64),
        "{out:?}"
    );
    assert!(!out.stderr.contains(&blob), "{out:?}");
    assert!(!out.stderr.contains("AGE-SECRET-KEY"), "{out:?}");
}

#[test]
fn raw_in_base64_out_takes_the_text_itself() {
    let env = env_with_keyring();
    let key = env.create_key();
    // Decrypt reads the ciphertext as base64 (raw-in-base64-out would take
    // the base64 text itself as the blob, as AWS CLI v1 did).
    let decrypted = |env: &TestEnv, extra: &[&str], blob: &str| {
        let mut args = extra.to_vec();
        args.extend([
            "--cli-binary-format",
            "base64",
            "decrypt",
            "--ciphertext-blob",
            blob,
        ]);
        crate::env::unb64(&str_field(&env.json(&args), "Plaintext"))
    };
    // From the flag.
    let v = env.json([
        "--cli-binary-format",
        "raw-in-base64-out",
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        "hello v1",
    ]);
    let blob = str_field(&v, "CiphertextBlob");
    assert_eq!(decrypted(&env, &[], &blob), b"hello v1");

    // From ~/.aws/config (HOME is the test's), [default] section.
    let aws = env.home.join(".aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(
        aws.join("config"),
        "[default]\nregion = eu-west-1\ncli_binary_format = raw-in-base64-out\n\n[profile v2]\ncli_binary_format = base64\n",
    )
    .unwrap();
    let v = env.json(["encrypt", "--key-id", &key, "--plaintext", "abcd"]);
    assert_eq!(
        decrypted(&env, &[], &str_field(&v, "CiphertextBlob")),
        b"abcd"
    );
    // --profile picks the section; the flag wins over the file.
    let v = env.json([
        "--profile",
        "v2",
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        "abcd",
    ]);
    assert_eq!(
        decrypted(&env, &[], &str_field(&v, "CiphertextBlob")).len(),
        3
    );
    let v = env.json([
        "--cli-binary-format",
        "base64",
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        "abcd",
    ]);
    assert_eq!(
        decrypted(&env, &[], &str_field(&v, "CiphertextBlob")).len(),
        3
    );
}

#[test]
fn command_help_as_aws_kms_encrypt_help() {
    let env = TestEnv::new();
    let out = env.raw_cmd().args(["encrypt", "help"]).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("--plaintext") && help.contains("Examples:"),
        "{help}"
    );
    let out = env
        .raw_cmd()
        .args(["slot", "add", "help"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("--age-recipient"));
}

#[test]
fn file_urls_for_maps_tags_and_constraints() {
    let env = env_with_keyring();
    let tags = env.write_file(
        "tags.json",
        r#"[{"TagKey": "team", "TagValue": "ops"}, {"TagKey": "env", "TagValue": "prod"}]"#,
    );
    let md = env.create_key_with(["--tags", &format!("file://{}", tags.display())]);
    let key = str_field(&md, "KeyId");
    let listed = env.json(["list-resource-tags", "--key-id", &key]);
    assert_eq!(listed["Tags"].as_array().map(Vec::len), Some(2), "{listed}");
    let more = env.write_file("more.json", r#"[{"TagKey": "cost", "TagValue": "1"}]"#);
    env.ok([
        "tag-resource",
        "--key-id",
        &key,
        "--tags",
        &format!("file://{}", more.display()),
    ]);

    let ctx = env.write_file("ctx.json", "{\"app\": \"web\", \"stage\": \"prod\"}\n");
    let ctx_arg = format!("file://{}", ctx.display());
    let v = env.json([
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        "aGk=",
        "--encryption-context",
        &ctx_arg,
    ]);
    let blob = str_field(&v, "CiphertextBlob");
    // The file's context is the shorthand's.
    let v = env.json([
        "decrypt",
        "--ciphertext-blob",
        &blob,
        "--encryption-context",
        "app=web,stage=prod",
    ]);
    assert_eq!(v["Plaintext"], "aGk=");

    let c = env.write_file("c.json", r#"{"EncryptionContextSubset": {"app": "web"}}"#);
    let grant = env.json([
        "create-grant",
        "--key-id",
        &key,
        "--grantee-principal",
        "ci",
        "--operations",
        "Decrypt",
        "--constraints",
        &format!("file://{}", c.display()),
    ]);
    assert!(grant["GrantId"].is_string(), "{grant}");
    let grants = env.json(["list-grants", "--key-id", &key]);
    assert_eq!(
        grants["Grants"][0]["Constraints"]["EncryptionContextSubset"]["app"], "web",
        "{grants}"
    );

    // A missing file is a bad parameter value, naming the file.
    let out = env.run([
        "encrypt",
        "--key-id",
        &key,
        "--plaintext",
        "aGk=",
        "--encryption-context",
        "file:///nonexistent/ctx.json",
    ]);
    assert_eq!(out.code, crate::env::EXIT_INVALID_VALUE, "{out:?}");
    assert!(out.stderr.contains("/nonexistent/ctx.json"), "{out:?}");
}

#[test]
fn query_takes_legacy_backtick_literals() {
    let env = env_with_keyring();
    let md = env.create_key_with([
        "--tags",
        "TagKey=team,TagValue=ops",
        "TagKey=env,TagValue=prod",
    ]);
    let key = str_field(&md, "KeyId");
    let out = env.ok([
        "list-resource-tags",
        "--key-id",
        &key,
        "--output",
        "text",
        "--query",
        "Tags[?TagKey==`team`].TagValue",
    ]);
    assert_eq!(out.stdout, "ops\n");
    // Valid JSON literals keep their meaning.
    let out = env.ok([
        "list-resource-tags",
        "--key-id",
        &key,
        "--output",
        "text",
        "--query",
        "Tags[?TagKey==`\"env\"`].TagValue",
    ]);
    assert_eq!(out.stdout, "prod\n");
}

#[test]
fn output_yaml_and_yaml_stream() {
    let env = env_with_keyring();
    let key = env.create_key();
    let out = env.ok(["--output", "yaml", "describe-key", "--key-id", &key]);
    assert!(out.stdout.starts_with("KeyMetadata:\n"), "{out:?}");
    // A key id that starts with digits may be quoted (still the same string).
    assert!(
        out.stdout.contains(&format!("\n  KeyId: {key}\n"))
            || out.stdout.contains(&format!("\n  KeyId: '{key}'\n")),
        "{out:?}"
    );
    assert!(out.stdout.contains("\n  Enabled: true\n"), "{out:?}");
    let out = env.ok(["--output", "yaml-stream", "list-keys"]);
    assert!(out.stdout.starts_with("- Keys:\n  - KeyId: "), "{out:?}");
    let mut cmd = env.cmd();
    cmd.env("AWS_DEFAULT_OUTPUT", "yaml").args([
        "describe-key",
        "--key-id",
        &key,
        "--query",
        "KeyMetadata.KeyState",
    ]);
    assert_eq!(crate::env::run_cmd(cmd).success().stdout, "Enabled\n");
}

/// Errors print the AWS CLI's wording (botocore's `ClientError` text after
/// the blank line the AWS CLI writes first), naming the operation, with the
/// exit codes unchanged: a script that greps stderr for `(NotFoundException)`
/// or parses `when calling the X operation` ports unchanged.
#[test]
fn errors_print_the_aws_cli_wording_and_keep_their_exit_codes() {
    let env = env_with_keyring();
    let missing = "1234abcd-12ab-34cd-56ef-1234567890ab";
    let out = env.run(["describe-key", "--key-id", missing]);
    assert_eq!(out.code, 254, "{out:?}");
    let account = str_field(&env.describe(&env.create_key()), "AWSAccountId");
    assert_eq!(
        out.stderr,
        format!(
            "\nAn error occurred (NotFoundException) when calling the DescribeKey operation: \
             key 'arn:aws:kms:us-east-1:{account}:key/{missing}' does not exist\n"
        ),
        "{out:?}"
    );

    // A client-side validation error (252) and an lkms command of its own
    // (named as the audit trail names it) use the same wording.
    let bad = env.run(["encrypt", "--key-id", missing, "--plaintext", "%%%"]);
    assert_eq!(bad.code, 252, "{bad:?}");
    assert!(
        bad.stderr.starts_with(
            "\nAn error occurred (ValidationException) when calling the Encrypt operation: "
        ),
        "{bad:?}"
    );
    let file = env.path("in.txt");
    std::fs::write(&file, b"x").unwrap();
    let out = env.run([
        "encrypt-file",
        "--key-id",
        "alias/none",
        "-o",
        env.path("in.lkms").to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 254, "{out:?}");
    assert!(
        out.stderr.starts_with(
            "\nAn error occurred (NotFoundException) when calling the EncryptFile operation: "
        ),
        "{out:?}"
    );
}

/// `encrypt` and `generate-data-key*` require `--key-id` as botocore does
/// (without a terminal to pick one: exit 2, nothing created); naming the
/// managed default key `alias/lkms/default` creates it on first use, as
/// naming an `alias/aws/<service>` key does in AWS.
#[test]
fn encrypt_and_data_keys_require_a_key_id_and_the_default_key_is_named() {
    let env = env_with_keyring();
    for args in [
        vec!["encrypt", "--plaintext", "aGk="],
        vec!["generate-data-key", "--key-spec", "AES_256"],
        vec![
            "generate-data-key-without-plaintext",
            "--number-of-bytes",
            "16",
        ],
    ] {
        let out = env.run(&args);
        assert_eq!(out.code, 2, "{args:?} without --key-id: {out:?}");
        assert!(out.stderr.contains("--key-id"), "{out:?}");
    }
    let aliases = env.json(["list-aliases"]);
    assert!(
        !aliases.to_string().contains("alias/lkms/default"),
        "a refused call created the default key: {aliases}"
    );

    let first = env.json([
        "encrypt",
        "--key-id",
        "alias/lkms/default",
        "--plaintext",
        "aGk=",
    ]);
    let md = env.describe("alias/lkms/default");
    assert_eq!(md["KeyManager"], "AWS", "{md}");
    assert_eq!(first["KeyId"], md["Arn"], "{first}");
    let dk = env.json([
        "generate-data-key",
        "--key-id",
        "alias/lkms/default",
        "--key-spec",
        "AES_256",
    ]);
    assert_eq!(dk["KeyId"], md["Arn"], "{dk}");
}
