//! The server and the command line on one keyring: what either writes the
//! other sees at once, nothing is lost when both write at the same time,
//! and every request, refused ones included, is in one verifiable trail.

use serde_json::{Value, json};

use crate::env::{env_with_keyring, str_field};
use crate::raw::{addr, exchange, kms_request};
use crate::server::{Server, access_key};

/// Sends a signed request and parses the JSON answer; panics on an error.
#[track_caller]
fn call(url: &str, key: &crate::server::AccessKey, op: &str, body: Value) -> Value {
    let raw = kms_request(
        addr(url),
        op,
        body.to_string().as_bytes(),
        Some((&key.id, &key.secret)),
    );
    let answer = exchange(addr(url), &raw);
    assert_eq!(answer.status, 200, "{op}: {answer:?}");
    serde_json::from_str(&answer.body).expect("a JSON answer")
}

#[test]
fn cli_writers_and_the_server_share_one_keyring() {
    let env = env_with_keyring();
    let admin = access_key(&env, "owner");
    let server = Server::start(&env, &[]);
    let (per_cli, clis, over_wire) = (5, 3, 15);
    std::thread::scope(|s| {
        for c in 0..clis {
            let env = &env;
            s.spawn(move || {
                for i in 0..per_cli {
                    env.ok(["create-key", "--description", &format!("cli-{c}-{i}")]);
                }
            });
        }
        let (url, admin) = (&server.url, &admin);
        s.spawn(move || {
            for i in 0..over_wire {
                call(
                    url,
                    admin,
                    "CreateKey",
                    json!({ "Description": format!("wire-{i}") }),
                );
            }
        });
    });
    // Every key, from either side, is in the keyring once.
    let (ids, _) = env.list_all_keys(None);
    assert_eq!(ids.len(), per_cli * clis + over_wire);
    let listed = call(&server.url, &admin, "ListKeys", json!({ "Limit": 1000 }));
    assert_eq!(listed["Keys"].as_array().expect("Keys").len(), ids.len());

    // A key the CLI made encrypts through the server, and the CLI opens
    // what the server encrypted, with the context bound.
    let cli_key = env.create_key();
    let sealed = call(
        &server.url,
        &admin,
        "Encrypt",
        json!({ "KeyId": cli_key, "Plaintext": "aGVsbG8=", "EncryptionContext": {"app": "x"} }),
    );
    let blob = env.write_file("blob.b64", sealed["CiphertextBlob"].as_str().expect("blob"));
    let opened = env.json([
        "decrypt",
        "--ciphertext-blob",
        &format!("fileb://{}", decode_to(&env, &blob)),
        "--encryption-context",
        "app=x",
    ]);
    assert_eq!(opened["Plaintext"], "aGVsbG8=");

    // A key the CLI disables is refused by the server at once.
    env.ok(["disable-key", "--key-id", &cli_key]);
    let raw = kms_request(
        addr(&server.url),
        "Encrypt",
        json!({ "KeyId": cli_key, "Plaintext": "aGVsbG8=" })
            .to_string()
            .as_bytes(),
        Some((&admin.id, &admin.secret)),
    );
    assert_eq!(
        exchange(addr(&server.url), &raw).exception(),
        "DisabledException"
    );

    // One trail for both, and it verifies.
    env.ok(["audit", "verify"]);
    let creates = env.json(["audit", "show", "--operation", "CreateKey"]);
    let creates = creates["Records"].as_array().expect("Records").len();
    assert_eq!(creates, per_cli * clis + over_wire + 1);
}

/// Writes the base64 in `b64` as bytes beside it and returns that path.
fn decode_to(env: &crate::env::TestEnv, b64: &std::path::Path) -> String {
    use base64::Engine;
    let text = std::fs::read_to_string(b64).expect("read");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .expect("base64");
    let out = env.path("blob.bin");
    std::fs::write(&out, bytes).expect("write");
    out.display().to_string()
}

#[test]
fn requests_are_audited_as_their_access_keys_principal_refusals_included() {
    let env = env_with_keyring();
    let admin = access_key(&env, "owner");
    let bob = access_key(&env, "bob");
    let server = Server::start(&env, &[]);
    // Only the owner is in this key's policy.
    let policy = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Lkms": "owner"}, "Action": "kms:*", "Resource": "*"}
    ]});
    let created = call(
        &server.url,
        &admin,
        "CreateKey",
        json!({ "Policy": policy.to_string() }),
    );
    let key = str_field(&created["KeyMetadata"], "KeyId");

    // Bob is not in the key's policy: denied, and recorded as bob's.
    let raw = kms_request(
        addr(&server.url),
        "Encrypt",
        json!({ "KeyId": key, "Plaintext": "aGk=" })
            .to_string()
            .as_bytes(),
        Some((&bob.id, &bob.secret)),
    );
    let answer = exchange(addr(&server.url), &raw);
    assert_eq!(answer.exception(), "AccessDeniedException", "{answer:?}");

    // A wrong secret for bob's key, and an access key nobody has.
    let raw = kms_request(
        addr(&server.url),
        "Decrypt",
        b"{}",
        Some((&bob.id, "not-the-secret")),
    );
    assert_eq!(
        exchange(addr(&server.url), &raw).exception(),
        "InvalidSignatureException"
    );
    let raw = kms_request(
        addr(&server.url),
        "ListKeys",
        b"{}",
        Some(("LKIAAAAAAAAAAAAAAAAA", "x")),
    );
    assert_eq!(
        exchange(addr(&server.url), &raw).exception(),
        "UnrecognizedClientException"
    );

    let records = env.json(["audit", "show"]);
    let records = records["Records"].as_array().expect("Records").clone();
    let find = |op: &str| -> Value {
        records
            .iter()
            .rev()
            .find(|r| r["Operation"] == op)
            .unwrap_or_else(|| panic!("no {op} record in {records:?}"))
            .clone()
    };
    let create = find("CreateKey");
    assert_eq!(create["Principal"], "owner", "{create}");
    let denied = find("Encrypt");
    assert_eq!(
        (&denied["Principal"], &denied["Outcome"]),
        (&json!("bob"), &json!("Denied")),
        "{denied}"
    );
    let forged = find("Decrypt");
    assert_eq!(forged["Principal"], "bob", "{forged}");
    assert!(
        forged.to_string().contains("InvalidSignatureException"),
        "{forged}"
    );
    let unknown = find("ListKeys");
    assert_eq!(unknown["Principal"], "unauthenticated", "{unknown}");
    assert!(
        unknown.to_string().contains("UnrecognizedClientException"),
        "{unknown}"
    );
    // The secret never reaches the trail.
    let all = env.run(["audit", "export"]).success().stdout;
    assert!(!all.contains(&bob.secret) && !all.contains(&admin.secret));
    env.ok(["audit", "verify"]);
}
