//! Real AWS clients against `lkms serve` (issue 15's acceptance): the AWS
//! CLI, boto3, the AWS SDK for JavaScript v3 and the Rust SDK
//! (tests/serve/rust_sdk.rs) each run one flow, and the AWS Encryption SDK
//! CLI encrypts and decrypts a file through an lkms key.
//!
//! Each client runs a script under tests/clients/ that prints one JSON
//! report of what the service answered at each step; [`assert_flow`] checks
//! every step (so a failure names it) and checks the client's results
//! against the lkms CLI on the same keyring.
//!
//! The clients are installed by `.ci/run` (pinned, from their registries).
//! A test whose client is not installed prints why and passes, unless
//! `LKMS_REQUIRE_CLIENTS` is set (as `.ci/run` does), when it fails.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::env::{Out, TestEnv, b64, env_with_keyring, path_str, str_field, unb64, wait_capture};
use crate::server::{AccessKey, Server, access_key};

/// A client flow still running after this long is killed.
const FLOW_GUARD: Duration = Duration::from_secs(300);

/// The principal the flows run as, and the one left out of a key policy.
pub const ME: &str = "ci";
pub const OTHER: &str = "bob";

/// A keyring served by `lkms serve`, with an access key for [`ME`] and one
/// for [`OTHER`].
pub struct Ground {
    pub env: TestEnv,
    pub server: Server,
    pub me: AccessKey,
    pub other: AccessKey,
}

impl Ground {
    pub fn new() -> Ground {
        let env = env_with_keyring();
        let me = access_key(&env, ME);
        let other = access_key(&env, OTHER);
        let server = Server::start(&env, &[]);
        Ground {
            env,
            server,
            me,
            other,
        }
    }

    /// What a flow script needs: the SDK environment of [`ME`], who it is,
    /// and [`OTHER`]'s access key.
    pub fn flow_env(&self) -> Vec<(String, String)> {
        let mut vars = self.server.client_env(&self.env, &self.me);
        vars.extend(
            [
                ("LKMS_TEST_PRINCIPAL", ME),
                ("LKMS_TEST_OTHER_ACCESS_KEY_ID", self.other.id.as_str()),
                (
                    "LKMS_TEST_OTHER_SECRET_ACCESS_KEY",
                    self.other.secret.as_str(),
                ),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
        );
        vars
    }

    /// Runs `program args` with only PATH, HOME and `vars` set; its report.
    #[track_caller]
    pub fn report(&self, mut cmd: Command, vars: &[(String, String)]) -> Value {
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("HOME", &self.env.home)
            .envs(vars.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let args: Vec<_> = std::iter::once(cmd.get_program())
            .chain(cmd.get_args())
            .map(OsStr::to_owned)
            .collect();
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {args:?}: {e}"));
        let (code, stdout, stderr) = wait_capture(child, FLOW_GUARD, &args);
        let out = Out {
            args,
            code,
            stdout,
            stderr,
        };
        assert_eq!(
            out.code,
            0,
            "the flow script failed: {out:?}\n--- server log ---\n{}",
            self.server.log()
        );
        let report = out.json();
        eprintln!("client: {}", report["client"]);
        report
    }

    /// `lkms --output json <args>` on the served keyring, as its admin.
    #[track_caller]
    pub fn lkms(&self, args: &[&str]) -> Value {
        self.env.json(args)
    }

    /// Writes `bytes` to a file of the test's directory; `fileb://` to it.
    pub fn fileb(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.env.path(name);
        std::fs::write(&path, bytes).expect("write blob file");
        format!("fileb://{}", path_str(&path))
    }
}

/// Whether a missing client fails the test (`.ci/run` sets it).
fn clients_required() -> bool {
    std::env::var_os("LKMS_REQUIRE_CLIENTS").is_some_and(|v| !v.is_empty())
}

/// The client, or None after printing why the test skips; a panic instead
/// when clients are required.
pub fn require<T>(client: &str, found: Result<T, String>) -> Option<T> {
    match found {
        Ok(t) => Some(t),
        Err(why) if clients_required() => {
            panic!(
                "{client} is required (LKMS_REQUIRE_CLIENTS is set) but {why}; .ci/run installs it"
            )
        }
        Err(why) => {
            eprintln!("skipping the {client} test: {why} (.ci/run installs it)");
            None
        }
    }
}

/// The Python named by the environment variable `var`.
fn python(var: &str) -> Result<PathBuf, String> {
    let python = std::env::var_os(var)
        .map(PathBuf::from)
        .ok_or_else(|| format!("{var} is not set"))?;
    if python.is_file() {
        Ok(python)
    } else {
        Err(format!("{var}={} is not a file", python.display()))
    }
}

/// The Python named by `var`, if the program `bin` of its venv exists.
fn python_with(var: &str, bin: &str) -> Result<PathBuf, String> {
    let python = python(var)?;
    let program = python.with_file_name(bin);
    if program.is_file() {
        Ok(python)
    } else {
        Err(format!("{} does not exist", program.display()))
    }
}

/// A script of tests/clients/.
fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/clients")
        .join(name)
}

/// The report's step `name`.
#[track_caller]
fn step<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["steps"]
        .get(name)
        .unwrap_or_else(|| panic!("no step {name} in the report:\n{report:#}"))
}

/// A string field of a step that must have succeeded.
#[track_caller]
fn ok_field(report: &Value, name: &str, field: &str) -> String {
    let s = step(report, name);
    assert!(
        s.get("error").is_none() && s.get("exception").is_none(),
        "step {name} failed:\n{s:#}\n--- whole report ---\n{report:#}"
    );
    s.get(field)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("step {name} has no string {field}:\n{report:#}"))
        .to_owned()
}

/// Asserts that step `name` failed with the service's `exception`.
#[track_caller]
fn assert_error(report: &Value, name: &str, exception: &str) {
    let s = step(report, name);
    assert_eq!(
        s.get("error").and_then(Value::as_str),
        Some(exception),
        "step {name} should fail with {exception}:\n{s:#}\n--- whole report ---\n{report:#}"
    );
}

/// Checks one client's flow report, step by step, and its results against
/// the lkms CLI on the same keyring.
#[track_caller]
pub fn assert_flow(g: &Ground, report: &Value) {
    let env = &g.env;

    // create-key and describe-key: a key of this keyring, as the CLI sees it.
    let key = ok_field(report, "create_key", "KeyId");
    let arn = ok_field(report, "create_key", "Arn");
    assert_eq!(arn, env.key_arn(&key), "create_key's ARN:\n{report:#}");
    for name in ["create_key", "describe_key"] {
        assert_eq!(ok_field(report, name, "KeyId"), key, "{name}:\n{report:#}");
        assert_eq!(ok_field(report, name, "Arn"), arn, "{name}:\n{report:#}");
        assert_eq!(ok_field(report, name, "KeyState"), "Enabled", "{name}");
        assert_eq!(ok_field(report, name, "KeySpec"), "SYMMETRIC_DEFAULT");
        assert_eq!(ok_field(report, name, "KeyUsage"), "ENCRYPT_DECRYPT");
    }
    let cli = g.lkms(&["describe-key", "--key-id", &key]);
    assert_eq!(cli["KeyMetadata"]["Arn"], arn.as_str());
    assert_eq!(
        cli["KeyMetadata"]["Description"].as_str(),
        Some(ok_field(report, "describe_key", "Description").as_str()),
        "the CLI sees the description the client gave"
    );

    // encrypt/decrypt with a context; the CLI decrypts the client's blob.
    let plaintext = unb64(&ok_field(report, "encrypt", "Plaintext"));
    let blob = unb64(&ok_field(report, "encrypt", "CiphertextBlob"));
    assert!(!plaintext.is_empty() && blob.len() > plaintext.len());
    assert_eq!(ok_field(report, "encrypt", "KeyId"), arn);
    let context = step(report, "encrypt")["EncryptionContext"].to_string();
    let cli = g.lkms(&[
        "decrypt",
        "--ciphertext-blob",
        &g.fileb("client-blob", &blob),
        "--encryption-context",
        &context,
    ]);
    assert_eq!(
        cli["Plaintext"],
        b64(&plaintext),
        "the CLI decrypts the client's blob"
    );
    assert_eq!(unb64(&ok_field(report, "decrypt", "Plaintext")), plaintext);
    assert_eq!(ok_field(report, "decrypt", "KeyId"), arn);
    assert_error(
        report,
        "decrypt_wrong_context",
        "InvalidCiphertextException",
    );

    // generate-data-key: a 256-bit key that decrypts back from its blob.
    let data_key = unb64(&ok_field(report, "generate_data_key", "Plaintext"));
    assert_eq!(data_key.len(), 32, "AES_256 data key:\n{report:#}");
    assert_eq!(
        unb64(&ok_field(report, "generate_data_key", "DecryptedPlaintext")),
        data_key
    );
    assert_eq!(ok_field(report, "generate_data_key", "KeyId"), arn);

    // An ECC_NIST_P256 signing key: sign, verify, an altered message.
    let signer = ok_field(report, "create_sign_key", "KeyId");
    assert_eq!(
        ok_field(report, "create_sign_key", "KeySpec"),
        "ECC_NIST_P256"
    );
    assert_eq!(
        ok_field(report, "create_sign_key", "KeyUsage"),
        "SIGN_VERIFY"
    );
    assert_eq!(ok_field(report, "sign", "KeyId"), env.key_arn(&signer));
    assert_eq!(
        ok_field(report, "sign", "SigningAlgorithm"),
        "ECDSA_SHA_256"
    );
    let message = unb64(&ok_field(report, "sign", "Message"));
    let signature = unb64(&ok_field(report, "sign", "Signature"));
    let cli = g.lkms(&[
        "verify",
        "--key-id",
        &signer,
        "--message",
        &g.fileb("client-message", &message),
        "--signature",
        &g.fileb("client-signature", &signature),
        "--signing-algorithm",
        "ECDSA_SHA_256",
    ]);
    assert_eq!(
        cli["SignatureValid"], true,
        "the CLI verifies the client's signature"
    );
    assert_eq!(
        step(report, "verify")["SignatureValid"],
        true,
        "verify:\n{report:#}"
    );
    assert_error(report, "verify_altered", "KMSInvalidSignatureException");

    // A policy that names only ME: OTHER is denied, though OTHER's key works
    // under the default policy.
    ok_field(report, "create_private_key", "KeyId");
    assert_eq!(
        ok_field(report, "other_encrypt_default_policy", "KeyId"),
        arn
    );
    assert_error(report, "other_encrypt_private_key", "AccessDeniedException");

    // NotFound, as the SDK's own exception type.
    assert_eq!(
        step(report, "not_found")["typed"],
        "NotFoundException",
        "not_found:\n{report:#}"
    );
}

#[test]
fn aws_cli_flow() {
    let Some(python) = require("AWS CLI", python_with("LKMS_TEST_PYTHON", "aws")) else {
        return;
    };
    let g = Ground::new();
    let mut cmd = Command::new(python);
    cmd.arg(script("awscli_flow.py"));
    let report = g.report(cmd, &g.flow_env());
    assert_flow(&g, &report);
}

#[test]
fn boto3_flow() {
    let Some(python) = require("boto3", python("LKMS_TEST_CLIENTS_PYTHON")) else {
        return;
    };
    let g = Ground::new();
    let mut cmd = Command::new(python);
    cmd.arg(script("boto3_flow.py"));
    let report = g.report(cmd, &g.flow_env());
    assert_flow(&g, &report);
}

/// ML-KEM (issue 17) through boto3, with Python's `cryptography` as the
/// other party: the SDK's Encapsulate and Decapsulate agree, the CLI
/// decapsulates the SDK's ciphertext to the same secret, and a secret
/// cryptography encapsulated to get-public-key's key comes back.
#[test]
fn boto3_ml_kem_encapsulates_and_decapsulates() {
    let Some(python) = require("boto3", python("LKMS_TEST_CLIENTS_PYTHON")) else {
        return;
    };
    let g = Ground::new();
    let mut cmd = Command::new(python);
    cmd.arg(script("boto3_kem.py"));
    let report = g.report(cmd, &g.flow_env());
    assert!(report.get("error").is_none(), "{report:#}");
    let key = ok_field(&report, "create_key", "KeyId");
    assert_eq!(ok_field(&report, "create_key", "KeySpec"), "ML_KEM_768");
    assert_eq!(
        step(&report, "get_public_key")["EncapsulationAlgorithms"],
        serde_json::json!(["ML_KEM"])
    );
    let secret = ok_field(&report, "encapsulate", "SharedSecret");
    assert_eq!(unb64(&secret).len(), 32);
    assert_eq!(
        ok_field(&report, "encapsulate", "DecapsulatedSecret"),
        secret
    );
    let ct = unb64(&ok_field(
        &report,
        "encapsulate",
        "SharedSecretCiphertextBlob",
    ));
    let cli = g.lkms(&[
        "decapsulate",
        "--key-id",
        &key,
        "--encapsulation-algorithm",
        "ML_KEM",
        "--shared-secret-ciphertext-blob",
        &g.fileb("kem-ct", &ct),
    ]);
    assert_eq!(cli["SharedSecret"], secret.as_str());
    assert_eq!(
        ok_field(&report, "cryptography", "DecapsulatedSecret"),
        ok_field(&report, "cryptography", "SharedSecret")
    );
    assert_eq!(
        step(&report, "short")["error"],
        "InvalidCiphertextException"
    );
}

/// `node` and the locked `@aws-sdk/client-kms` in tests/clients/js.
fn js_sdk() -> Result<PathBuf, String> {
    let dir = script("js");
    let node = Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !node.is_ok_and(|s| s.success()) {
        return Err("node is not on PATH".to_owned());
    }
    if !dir
        .join("node_modules/@aws-sdk/client-kms/package.json")
        .is_file()
    {
        return Err(format!("`npm ci` has not run in {}", dir.display()));
    }
    Ok(dir)
}

#[test]
fn javascript_sdk_v3_flow() {
    let Some(dir) = require("AWS SDK for JavaScript v3", js_sdk()) else {
        return;
    };
    let g = Ground::new();
    let mut cmd = Command::new("node");
    cmd.arg(dir.join("flow.mjs")).current_dir(&dir);
    let report = g.report(cmd, &g.flow_env());
    assert_flow(&g, &report);
}

#[test]
fn encryption_sdk_cli_encrypts_and_decrypts_a_file() {
    let Some(python) = require(
        "AWS Encryption SDK CLI",
        python_with("LKMS_TEST_CLIENTS_PYTHON", "aws-encryption-cli"),
    ) else {
        return;
    };
    let g = Ground::new();
    // A key made by the CLI, used by the SDK through the server.
    let key = g.env.create_key();
    let arn = g.env.key_arn(&key);
    let mut vars = g.flow_env();
    vars.push(("LKMS_TEST_KEY_ARN".to_owned(), arn.clone()));
    let mut cmd = Command::new(python);
    cmd.arg(script("esdk_flow.py"));
    let report = g.report(cmd, &vars);

    let enc = step(&report, "encrypt");
    assert_eq!(enc["exit"], 0, "encrypt:\n{report:#}");
    let requested = enc["requested_context"].as_object().expect("a context");
    let context = enc["encryption_context"].as_object().expect("a context");
    for (k, v) in requested {
        assert_eq!(context.get(k), Some(v), "the message keeps the context");
    }
    let edks = enc["encrypted_data_keys"].as_array().expect("data keys");
    assert_eq!(edks.len(), 1, "one data key, wrapped by lkms:\n{report:#}");
    assert_eq!(edks[0]["provider_id"], "aws-kms");
    assert_eq!(edks[0]["key_info"], arn.as_str());
    assert_ne!(enc["output"]["sha256"], enc["input"]["sha256"]);

    // The wrapped data key is an lkms ciphertext under that key and the
    // message's whole context (the SDK adds its signing key).
    let cli = g.lkms(&[
        "decrypt",
        "--key-id",
        &arn,
        "--ciphertext-blob",
        &g.fileb("edk", &unb64(&str_field(&edks[0], "encrypted_data_key"))),
        "--encryption-context",
        &Value::Object(context.clone()).to_string(),
    ]);
    assert_eq!(cli["KeyId"], arn.as_str());
    assert_eq!(unb64(&str_field(&cli, "Plaintext")).len(), 32);

    let dec = step(&report, "decrypt");
    assert_eq!(dec["exit"], 0, "decrypt:\n{report:#}");
    assert_eq!(dec["skipped"], false, "decrypt:\n{report:#}");
    assert_eq!(
        dec["output"],
        json!({"sha256": enc["input"]["sha256"], "size": enc["input"]["size"]}),
        "the file decrypts to what was encrypted"
    );

    let wrong = step(&report, "decrypt_wrong_context");
    assert_eq!(wrong["skipped"], true, "wrong context:\n{report:#}");
    assert_eq!(wrong["output_exists"], false, "wrong context:\n{report:#}");
}
