//! AWS's shapes (issue 13): ARNs, accounts, regions and the response
//! members scripts and SDKs read.

use serde_json::Value;

use crate::env::{
    Cred, EXIT_INVALID_VALUE, EXIT_KMS, TestEnv, env_with_keyring, run_cmd, str_field,
};

/// Key ARNs have AWS's six fields, with the keyring's region and a
/// 12-digit account that describe-key also reports as AWSAccountId.
#[test]
fn key_arns_have_the_aws_shape_and_describe_key_names_the_account() {
    let env = env_with_keyring();
    let id = env.create_key();
    let md = env.describe(&id);
    let arn = str_field(&md, "Arn");
    let fields: Vec<&str> = arn.split(':').collect();
    assert_eq!(fields.len(), 6, "{arn}");
    assert_eq!(&fields[..3], ["arn", "aws", "kms"], "{arn}");
    assert_eq!(fields[3], "us-east-1", "the default region: {arn}");
    assert_eq!(fields[4].len(), 12, "{arn}");
    assert!(fields[4].bytes().all(|b| b.is_ascii_digit()), "{arn}");
    assert_eq!(fields[5], format!("key/{id}"));
    assert_eq!(md["AWSAccountId"], fields[4], "{md}");
    // The ARN names the key, like its id and an alias ARN do.
    env.ok([
        "create-alias",
        "--alias-name",
        "alias/shape",
        "--target-key-id",
        &id,
    ]);
    for r in [arn.clone(), env.alias_arn("alias/shape")] {
        assert_eq!(env.describe(&r)["KeyId"], id.as_str(), "{r}");
    }
    // Another region's or account's ARN names nothing here, as in AWS.
    for other in [
        arn.replace(":us-east-1:", ":eu-west-1:"),
        arn.replace(fields[4], "123456789012"),
    ] {
        env.run(["describe-key", "--key-id", &other])
            .failure(EXIT_KMS, "NotFoundException");
    }
}

/// init takes the region from --region, else AWS_REGION; other commands
/// given another --region refuse rather than act on this keyring.
#[test]
fn the_region_is_chosen_at_init_and_checked_after() {
    // From the environment, as the AWS CLI reads it.
    let mut env = TestEnv::new();
    let id_file = env.path("identity.txt");
    let mut cmd = env.bare_cmd();
    cmd.env("AWS_REGION", "eu-central-1")
        .args(["--output", "json", "init", "--generate-identity"])
        .arg(&id_file);
    let init = run_cmd(cmd).success().json();
    assert_eq!(init["Region"], "eu-central-1", "{init}");
    env.cred = Cred::Identity(id_file);
    env.remember_keyring(&init);
    let id = env.create_key();
    assert!(env.key_arn(&id).contains(":eu-central-1:"));
    assert_eq!(str_field(&env.describe(&id), "Arn"), env.key_arn(&id));
    env.ok(["describe-key", "--key-id", &id, "--region", "eu-central-1"]);
    env.run(["describe-key", "--key-id", &id, "--region", "us-west-2"])
        .failure(EXIT_KMS, "ValidationException");
    let who = env.json(["whoami"]);
    assert_eq!(who["Region"], "eu-central-1", "{who}");
    assert_eq!(who["Account"], init["Account"], "{who}");

    // From --region, which wins over the environment; a bad name is refused.
    let other = TestEnv::new();
    let mut cmd = other.bare_cmd();
    cmd.env("AWS_REGION", "eu-central-1")
        .env("LKMS_PASSPHRASE", "a passphrase for this test")
        .args(["--output", "json", "init", "--region", "ap-southeast-2"]);
    assert_eq!(run_cmd(cmd).success().json()["Region"], "ap-southeast-2");
    let bad = TestEnv::new();
    let mut cmd = bad.bare_cmd();
    cmd.env("LKMS_PASSPHRASE", "a passphrase for this test")
        .args(["init", "--region", "Mars-1"]);
    assert_ne!(run_cmd(cmd).code, 0, "a region name that is not one");
    assert!(!bad.keyring.exists(), "no keyring for a refused region");
}

/// Decrypt, GenerateDataKey and ReEncrypt name the key material version,
/// as AWS's current model has it; after a rotation they tell versions apart.
#[test]
fn crypto_responses_name_the_key_material() {
    let env = env_with_keyring();
    let k1 = env.create_key();
    let k2 = env.create_key();
    let current = |k: &str| str_field(&env.describe(k), "CurrentKeyMaterialId");
    let dk = env.json([
        "generate-data-key",
        "--key-id",
        &k1,
        "--key-spec",
        "AES_256",
    ]);
    assert_eq!(dk["KeyMaterialId"], current(&k1).as_str(), "{dk}");
    let blob = str_field(&dk, "CiphertextBlob");
    let v1 = current(&k1);
    env.ok(["rotate-key-on-demand", "--key-id", &k1]);
    assert_ne!(current(&k1), v1);
    let dec = env.json(["decrypt", "--ciphertext-blob", &blob]);
    assert_eq!(
        dec["KeyMaterialId"],
        v1.as_str(),
        "the version that made it: {dec}"
    );
    let re = env.json([
        "re-encrypt",
        "--ciphertext-blob",
        &blob,
        "--destination-key-id",
        &k2,
    ]);
    assert_eq!(re["SourceKeyMaterialId"], v1.as_str(), "{re}");
    assert_eq!(
        re["DestinationKeyMaterialId"],
        current(&k2).as_str(),
        "{re}"
    );
}

/// Tags need TagValue as well as TagKey, as the model and the AWS CLI
/// require; an empty value is written TagValue=.
#[test]
fn a_tag_without_a_value_is_refused() {
    let env = env_with_keyring();
    let out = env.run(["create-key", "--tags", "TagKey=team"]);
    assert_eq!(out.code, EXIT_INVALID_VALUE, "{out:?}");
    assert!(out.stderr.contains("TagValue"), "{out:?}");
    let md = env.create_key_with(["--tags", "TagKey=team,TagValue="]);
    let id = str_field(&md, "KeyId");
    let tags = env.json(["list-resource-tags", "--key-id", &id]);
    assert_eq!(tags["Tags"][0]["TagValue"], "", "{tags}");
}

/// Grants report the account they were issued under, as AWS's
/// GrantListEntry does (IssuingAccount), not a member AWS lacks.
#[test]
fn grants_report_their_issuing_account() {
    let env = env_with_keyring();
    let id = env.create_key();
    env.ok([
        "create-grant",
        "--key-id",
        &id,
        "--grantee-principal",
        "bob",
        "--operations",
        "Decrypt",
    ]);
    let g: Value = env.json(["list-grants", "--key-id", &id])["Grants"][0].clone();
    let account = env.key_arn(&id).split(':').nth(4).map(str::to_owned);
    assert_eq!(
        g["IssuingAccount"],
        format!("arn:aws:iam::{}:root", account.unwrap_or_default()).as_str(),
        "{g}"
    );
    assert!(g.get("IssuingPrincipal").is_none(), "{g}");
}
