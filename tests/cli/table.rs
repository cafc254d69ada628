//! `--output table` is the AWS CLI's table (issue 13): for real responses,
//! lkms's table is byte for byte what the AWS CLI's own formatter
//! (`awscli.formatter.TableFormatter`, run by `$LKMS_TEST_PYTHON` through
//! tests/awscli_table.py) draws from lkms's JSON of the same command.
//!
//! Standard output is a pipe here, so both sides draw for the 80 columns
//! the AWS CLI assumes without a terminal (tests/pty.rs covers a terminal's
//! width).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::env::{TestEnv, env_with_keyring, str_field};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `$LKMS_TEST_PYTHON`, else the CI venv's python, else `python3`.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("LKMS_TEST_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = Path::new(ROOT).join("target/ci-venv/bin/python");
    if venv.exists() {
        return venv;
    }
    PathBuf::from("python3")
}

/// The AWS CLI's tables of (operation, response, colour) at 80 columns;
/// `None` where the AWS CLI fails.
fn awscli_tables(cases: &[(&str, Value, bool)]) -> Vec<Option<String>> {
    let cases: Vec<_> = cases
        .iter()
        .map(|(op, value, colour)| (*op, value.clone(), 80, *colour))
        .collect();
    awscli_tables_at(&cases)
}

/// The AWS CLI's tables of (operation, response, terminal width, colour).
fn awscli_tables_at(cases: &[(&str, Value, usize, bool)]) -> Vec<Option<String>> {
    let how_to = "run .ci/run (it installs the AWS CLI into target/ci-venv), \
                  or point LKMS_TEST_PYTHON at a python with awscli";
    let input: Vec<Value> = cases
        .iter()
        .map(|(op, value, width, colour)| {
            json!({"title": op, "value": value, "width": width,
                   "color": if *colour { "on" } else { "off" }})
        })
        .collect();
    let py = python();
    let mut child = Command::new(&py)
        .arg(Path::new(ROOT).join("tests/awscli_table.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {py:?} ({e}): {how_to}"));
    let mut stdin = child.stdin.take().unwrap();
    let body = serde_json::to_vec(&input).unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&body));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{py:?} tests/awscli_table.py failed: {how_to}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The strings of `a` that differ in `b` (fresh nonces, data keys).
fn changing(a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                if let Some(w) = y.get(k) {
                    changing(v, w, out);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (v, w) in x.iter().zip(y) {
                changing(v, w, out);
            }
        }
        (Value::String(x), Value::String(y)) if x != y => out.push(x.clone()),
        _ => {}
    }
}

/// Asserts `got` is `want`, except that where `want` shows one of the
/// `random` values, `got` shows base64 of the same length (its own run's).
#[track_caller]
fn assert_same_table(what: &str, got: &str, want: &str, random: &[String]) {
    let same = got.len() == want.len()
        && got.lines().count() == want.lines().count()
        && got.lines().zip(want.lines()).all(|(g, w)| {
            let mut masked_g = g.as_bytes().to_vec();
            let mut masked_w = w.as_bytes().to_vec();
            for r in random {
                for (at, _) in w.match_indices(r.as_str()) {
                    let Some(span) = masked_g.get_mut(at..at + r.len()) else {
                        return false;
                    };
                    if !span
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b))
                    {
                        return false;
                    }
                    span.fill(b'#');
                    masked_w[at..at + r.len()].fill(b'#');
                }
            }
            masked_g == masked_w
        });
    assert!(
        same,
        "{what}: lkms's table is not the AWS CLI's\n--- lkms ---\n{got}\n--- aws ---\n{want}"
    );
}

/// One command whose table is compared.
struct Case {
    operation: &'static str,
    args: Vec<String>,
    colour: bool,
}

fn case(operation: &'static str, args: &[&str]) -> Case {
    Case {
        operation,
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        colour: false,
    }
}

/// Runs every case's command twice for JSON (to learn which values change
/// from run to run) and once for a table, and compares each table with
/// the AWS CLI's of the first JSON.
fn assert_tables_match(env: &TestEnv, cases: &[Case]) {
    let mut responses = Vec::new();
    let mut tables = Vec::new();
    let mut randoms = Vec::new();
    for c in cases {
        let first = env.json(&c.args);
        let second = env.json(&c.args);
        let mut random = Vec::new();
        changing(&first, &second, &mut random);
        let mut args: Vec<&str> = vec!["--output", "table"];
        if c.colour {
            args.extend(["--color", "on"]);
        }
        args.extend(c.args.iter().map(String::as_str));
        tables.push(env.ok(args).stdout);
        responses.push((c.operation, first, c.colour));
        randoms.push(random);
    }
    let want = awscli_tables(&responses);
    for (((c, got), want), random) in cases.iter().zip(&tables).zip(&want).zip(&randoms) {
        let what = format!("lkms {}", c.args.join(" "));
        let want = want
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: the AWS CLI cannot draw {:?}", c.args));
        assert_same_table(&what, got, want, random);
    }
}

#[test]
fn responses_print_as_the_aws_cli_prints_them() {
    let env = env_with_keyring();
    let key = str_field(
        &env.create_key_with([
            "--description",
            "backups of the ledger",
            "--tags",
            "TagKey=team,TagValue=ops",
            "TagKey=env,TagValue=prod",
        ]),
        "KeyId",
    );
    let bare = env.create_key();
    let signer = str_field(
        &env.create_key_with(["--key-spec", "ECC_NIST_P256", "--key-usage", "SIGN_VERIFY"]),
        "KeyId",
    );
    let rsa = str_field(
        &env.create_key_with(["--key-spec", "RSA_2048", "--key-usage", "ENCRYPT_DECRYPT"]),
        "KeyId",
    );
    // A description East Asian characters widen, and one wider than any
    // terminal: the table turns single rows into name/value pairs.
    let wide = str_field(
        &env.create_key_with(["--description", "clé du registre 鍵 🔑"]),
        "KeyId",
    );
    let long = "a description much longer than the eighty columns of a terminal, ".repeat(3);
    let long = str_field(&env.create_key_with(["--description", &long]), "KeyId");
    for (alias, target) in [("alias/ledger", &key), ("alias/signer", &signer)] {
        env.ok([
            "create-alias",
            "--alias-name",
            alias,
            "--target-key-id",
            target,
        ]);
    }
    let c = env.write_file(
        "c.json",
        r#"{"EncryptionContextSubset": {"app": "web", "stage": "prod"}}"#,
    );
    for (grantee, ops) in [("ci", "Decrypt"), ("deploy", "Encrypt")] {
        env.ok([
            "create-grant",
            "--key-id",
            &key,
            "--grantee-principal",
            grantee,
            "--operations",
            ops,
            "GenerateDataKey",
            "--constraints",
            &format!("file://{}", c.display()),
            "--name",
            &format!("{grantee}-grant"),
        ]);
    }

    let cases = vec![
        case("DescribeKey", &["describe-key", "--key-id", &key]),
        case("DescribeKey", &["describe-key", "--key-id", &signer]),
        case("DescribeKey", &["describe-key", "--key-id", &wide]),
        case("DescribeKey", &["describe-key", "--key-id", &long]),
        case("ListKeys", &["list-keys"]),
        case("ListAliases", &["list-aliases"]),
        case("ListGrants", &["list-grants", "--key-id", &key]),
        case("GetKeyPolicy", &["get-key-policy", "--key-id", &key]),
        case(
            "ListResourceTags",
            &["list-resource-tags", "--key-id", &key],
        ),
        case(
            "GetKeyRotationStatus",
            &["get-key-rotation-status", "--key-id", &key],
        ),
        case(
            "Encrypt",
            &["encrypt", "--key-id", &key, "--plaintext", "aGVsbG8="],
        ),
        case(
            "GenerateDataKey",
            &[
                "generate-data-key",
                "--key-id",
                &key,
                "--key-spec",
                "AES_256",
            ],
        ),
        case("GetPublicKey", &["get-public-key", "--key-id", &rsa]),
        // Empty lists: no section of their own.
        case(
            "ListResourceTags",
            &["list-resource-tags", "--key-id", &bare],
        ),
        case("ListGrants", &["list-grants", "--key-id", &bare]),
        // --query results: a list, a scalar, an object, a list of objects.
        case("ListKeys", &["list-keys", "--query", "Keys[].KeyId"]),
        case(
            "DescribeKey",
            &[
                "describe-key",
                "--key-id",
                &key,
                "--query",
                "KeyMetadata.KeyId",
            ],
        ),
        case(
            "DescribeKey",
            &[
                "describe-key",
                "--key-id",
                &key,
                "--query",
                "KeyMetadata.{Id: KeyId, State: KeyState, Algorithms: EncryptionAlgorithms}",
            ],
        ),
        case(
            "ListResourceTags",
            &[
                "list-resource-tags",
                "--key-id",
                &key,
                "--query",
                "Tags[?TagKey=='team']",
            ],
        ),
        case(
            "ListAliases",
            &[
                "list-aliases",
                "--query",
                "Aliases[].[AliasName, TargetKeyId]",
            ],
        ),
        // An lkms command: titled with its own name.
        case("Whoami", &["whoami"]),
        Case {
            colour: true,
            ..case("ListGrants", &["list-grants", "--key-id", &key])
        },
    ];
    assert_tables_match(&env, &cases);
}

#[test]
fn colour_only_when_asked_for_or_on_a_terminal() {
    let env = env_with_keyring();
    let key = env.create_key();
    let args = [
        "describe-key",
        "--key-id",
        key.as_str(),
        "--output",
        "table",
    ];
    // Standard output is a pipe: no colour unless --color on.
    let plain = env.ok(args).stdout;
    assert!(!plain.contains('\x1b'), "{plain}");
    assert_eq!(env.ok(["--color", "off"].iter().chain(&args)).stdout, plain);
    assert_eq!(
        env.ok(["--color", "auto"].iter().chain(&args)).stdout,
        plain
    );
    let coloured = env.ok(["--color", "on"].iter().chain(&args)).stdout;
    assert!(coloured.contains("\x1b[1m\x1b[34m"), "{coloured}");
    // Colour changes nothing else.
    let stripped = coloured
        .replace("\x1b[1m\x1b[34m", "")
        .replace("\x1b[2m\x1b[33m", "")
        .replace("\x1b[0m", "");
    assert_eq!(stripped, plain);
    // Other formats are never coloured.
    let json = env
        .ok(["--color", "on", "describe-key", "--key-id", &key])
        .stdout;
    assert!(!json.contains('\x1b'), "{json}");
}

#[test]
fn the_table_ignores_columns_as_the_aws_cli_does() {
    // The AWS CLI (v1) asks the terminal for its width and ignores
    // $COLUMNS: without a terminal the width is 80 whatever COLUMNS says.
    let env = env_with_keyring();
    let key = env.create_key();
    let args = [
        "describe-key",
        "--key-id",
        key.as_str(),
        "--output",
        "table",
    ];
    let at_80 = env.ok(args).stdout;
    assert_eq!(
        Some(&at_80),
        awscli_tables(&[("DescribeKey", env.json(&args[..3]), false)])[0].as_ref()
    );
    let mut cmd = env.cmd();
    cmd.env("COLUMNS", "400").args(args);
    let out = crate::env::run_cmd(cmd).success().stdout;
    assert_eq!(out, at_80);
    // At 80 columns describe-key's metadata is a list of name/value pairs.
    assert!(
        at_80.lines().any(|l| l.starts_with("||  KeyId ")),
        "{at_80}"
    );
}

/// What lkms prints on a terminal `cols` columns wide (a pseudo-terminal),
/// with `extra` environment variables.
fn on_a_terminal(env: &TestEnv, cols: usize, extra: &[(&str, &str)], args: &[&str]) -> String {
    let lkms = env.cmd();
    let mut cmd = Command::new("sh");
    cmd.args([
        "-c",
        &format!(r#"stty cols {cols} rows 40 -onlcr && exec "$0" "$@""#),
    ])
    .arg(crate::env::BIN)
    .args(args)
    .env_clear()
    .envs(lkms.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
    .envs(extra.iter().copied());
    let mut p = rexpect::session::spawn_command(cmd, Some(60_000)).unwrap();
    let out = p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, 0) => {}
        other => panic!("lkms {args:?} on a terminal: {other:?}\n{out}"),
    }
    // rexpect hands over each byte as a char.
    let bytes: Vec<u8> = out.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn on_a_terminal_the_table_is_the_default_at_the_terminals_width_in_colour() {
    let env = env_with_keyring();
    let key = str_field(
        &env.create_key_with([
            "--description",
            "on a terminal",
            "--tags",
            "TagKey=team,TagValue=ops",
        ]),
        "KeyId",
    );
    let args = ["describe-key", "--key-id", key.as_str()];
    let response = env.json(args);
    let tags = ["list-resource-tags", "--key-id", key.as_str()];
    let tags_response = env.json(tags);
    // describe-key's metadata is about 300 columns wide: one row on a
    // wide terminal, name/value pairs on a narrow one.
    let want = awscli_tables_at(&[
        ("DescribeKey", response.clone(), 400, true),
        ("DescribeKey", response.clone(), 60, false),
        ("ListResourceTags", tags_response, 30, false),
        ("DescribeKey", response, 120, false),
    ]);
    let got = [
        on_a_terminal(&env, 400, &[], &args),
        on_a_terminal(&env, 60, &[("NO_COLOR", "1")], &args),
        on_a_terminal(
            &env,
            30,
            &[],
            &["--color", "off", tags[0], tags[1], tags[2]],
        ),
        on_a_terminal(
            &env,
            120,
            &[],
            &[
                "--color", "off", "--output", "table", args[0], args[1], args[2],
            ],
        ),
    ];
    for (i, (got, want)) in got.iter().zip(&want).enumerate() {
        let want = want.as_ref().unwrap();
        assert_eq!(
            got, want,
            "case {i}\n--- lkms ---\n{got}\n--- aws ---\n{want}"
        );
    }
    assert!(got[0].contains('\x1b') && !got[1].contains('\x1b'));
    assert_ne!(
        got[1].replace('\x1b', ""),
        got[0]
            .replace("\x1b[1m\x1b[34m", "")
            .replace("\x1b[2m\x1b[33m", "")
            .replace("\x1b[0m", "")
    );
}
