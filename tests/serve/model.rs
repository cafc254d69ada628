//! `lkms serve` against botocore's model of KMS, on the wire itself: every
//! operation the server answers is driven by signed raw requests, and each
//! answer is held against the model as an SDK would parse it.
//!
//! - A response body has only the members of the operation's output shape,
//!   with their JSON types: blobs base64, timestamps epoch seconds (JSON
//!   numbers), enums among the model's values, no `null`; an operation
//!   without an output shape answers an empty object.
//! - An error names an exception the model lists for the operation (or one
//!   of the errors every AWS JSON service may answer), and its body has only
//!   `__type` and the exception shape's members.
//! - Every input member the model requires is required: the operation's
//!   first request, sent again without it, is a ValidationException.
//! - Every operation the server knows (anything but UnknownOperationException
//!   for its target) is driven here at least once, so a new operation
//!   cannot go unchecked.
//!
//! The model comes from the pinned botocore, as in tests/botocore_shapes.rs.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::botocore::{Finding, Model, Timestamps, load_model};
use crate::env::{TestEnv, b64, env_with_keyring, openssl, path_str, unb64};
use crate::raw::{Answer, addr, exchange, kms_request};
use crate::server::{AccessKey, Server, access_key};

/// Errors any operation of an AWS JSON service may answer, which the model
/// does not list per operation (AWS's "common errors" and the protocol's).
const COMMON_ERRORS: &[&str] = &[
    "AccessDeniedException",
    "ValidationException",
    "SerializationException",
    "ThrottlingException",
];

/// The scenario's state: the server, a key to sign with, the model, and
/// what was found.
struct Wire<'m> {
    model: &'m Model,
    server: Server,
    key: AccessKey,
    /// `Operation Member kind: detail`, one per difference.
    problems: Vec<String>,
    /// The first successful request body of each operation.
    first: BTreeMap<String, Value>,
}

impl Wire<'_> {
    /// Sends `body` to `op`, signed.
    fn send(&self, op: &str, body: &Value) -> Answer {
        let at = addr(&self.server.url);
        let raw = kms_request(
            at,
            op,
            body.to_string().as_bytes(),
            Some((&self.key.id, &self.key.secret)),
        );
        exchange(at, &raw)
    }

    fn record(&mut self, op: &str, found: Vec<Finding>) {
        for f in found {
            let member = if f.member.is_empty() { "-" } else { &f.member };
            self.problems
                .push(format!("{op} {member} {}: {}", f.kind, f.detail));
        }
    }

    /// A request that must succeed; its answer is checked against the
    /// output shape and returned.
    #[track_caller]
    fn call(&mut self, op: &str, body: Value) -> Value {
        let answer = self.send(op, &body);
        assert_eq!(answer.status, 200, "{op} {body}: {answer:?}");
        assert_eq!(
            answer.header("content-type"),
            Some("application/x-amz-json-1.1"),
            "{op}: {answer:?}"
        );
        let value: Value = serde_json::from_str(&answer.body)
            .unwrap_or_else(|e| panic!("{op} answered no JSON ({e}): {answer:?}"));
        let mut found = Vec::new();
        match &self.model.operations[op].output {
            Some(shape) => {
                self.model
                    .conform(shape, &value, "", Timestamps::EpochSeconds, &mut found)
            }
            None if value == json!({}) => {}
            None => found.push(Finding {
                member: String::new(),
                kind: "unknown-member",
                detail: format!("= {value} (the operation has no output shape)"),
            }),
        }
        self.record(op, found);
        self.first.entry(op.to_owned()).or_insert(body);
        value
    }

    /// A request that must fail with `exception`, which the model must
    /// allow for `op`; the error body is checked against its shape.
    #[track_caller]
    fn fail(&mut self, op: &str, body: Value, exception: &str) {
        let answer = self.send(op, &body);
        assert_eq!(answer.exception(), exception, "{op} {body}: {answer:?}");
        self.check_error(op, &answer);
    }

    /// An error answer against the model: an exception the operation may
    /// answer, a body of `__type` plus the exception shape's members.
    fn check_error(&mut self, op: &str, answer: &Answer) {
        let exception = answer.exception();
        let operation = &self.model.operations[op];
        if !operation.errors.contains(&exception) && !COMMON_ERRORS.contains(&exception.as_str()) {
            self.problems.push(format!(
                "{op} - undeclared-error: {exception}, not among the model's {:?}",
                operation.errors
            ));
        }
        let mut body: Value = serde_json::from_str(&answer.body).expect("a JSON error");
        if let Some(obj) = body.as_object_mut() {
            obj.remove("__type");
        }
        let mut found = Vec::new();
        if self.model.shapes.contains_key(&exception) {
            self.model
                .conform(&exception, &body, "", Timestamps::EpochSeconds, &mut found);
        }
        self.record(op, found);
    }
}

/// The model's operations the server knows: any answer to a signed `{}`
/// but UnknownOperationException.
fn served(wire: &Wire) -> BTreeSet<String> {
    wire.model
        .operations
        .keys()
        .filter(|op| {
            let a = wire.send(op, &json!({}));
            a.status == 200 || a.exception() != "UnknownOperationException"
        })
        .cloned()
        .collect()
}

/// `Value` → `&str`, failing the test when it is not a string.
#[track_caller]
fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// Wraps `material` for import with `public_key` (DER, base64) under
/// RSAES_OAEP_SHA_256, as AWS's import guide does with openssl.
fn wrap_for_import(env: &TestEnv, public_key: &str, material: &[u8]) -> String {
    let public = env.path("wrapping.der");
    let plain = env.path("material.bin");
    std::fs::write(&public, unb64(public_key)).expect("write the wrapping key");
    std::fs::write(&plain, material).expect("write the material");
    b64(&openssl(
        env,
        [
            "pkeyutl",
            "-encrypt",
            "-pubin",
            "-keyform",
            "DER",
            "-inkey",
            path_str(&public),
            "-in",
            path_str(&plain),
            "-pkeyopt",
            "rsa_padding_mode:oaep",
            "-pkeyopt",
            "rsa_oaep_md:sha256",
            "-pkeyopt",
            "rsa_mgf1_md:sha256",
        ],
    ))
}

/// Every operation, its happy path, at least once; and a few typed errors.
fn scenario(w: &mut Wire, env: &TestEnv) {
    let created = w.call(
        "CreateKey",
        json!({"Description": "wire", "Tags": [{"TagKey": "team", "TagValue": "a"}]}),
    );
    let key = s(&created["KeyMetadata"]["KeyId"]).to_owned();
    let k = || json!(key);
    w.call("DescribeKey", json!({"KeyId": k()}));
    w.call("ListKeys", json!({"Limit": 10}));
    w.call(
        "UpdateKeyDescription",
        json!({"KeyId": k(), "Description": "wire 2"}),
    );
    w.call("DisableKey", json!({"KeyId": k()}));
    w.fail(
        "Encrypt",
        json!({"KeyId": k(), "Plaintext": b64(b"x")}),
        "DisabledException",
    );
    w.call("EnableKey", json!({"KeyId": k()}));
    w.call(
        "CreateAlias",
        json!({"AliasName": "alias/wire", "TargetKeyId": k()}),
    );
    w.call("ListAliases", json!({"KeyId": k()}));
    w.call("ListAliases", json!({}));
    w.call(
        "TagResource",
        json!({"KeyId": k(), "Tags": [{"TagKey": "env", "TagValue": "ci"}]}),
    );
    w.call("UntagResource", json!({"KeyId": k(), "TagKeys": ["env"]}));
    w.call("ListResourceTags", json!({"KeyId": k()}));

    let context = json!({"purpose": "wire"});
    let sealed = w.call(
        "Encrypt",
        json!({"KeyId": "alias/wire", "Plaintext": b64(b"hello"), "EncryptionContext": context}),
    );
    let blob = s(&sealed["CiphertextBlob"]).to_owned();
    let opened = w.call(
        "Decrypt",
        json!({"CiphertextBlob": blob, "EncryptionContext": context}),
    );
    assert_eq!(unb64(s(&opened["Plaintext"])), b"hello");
    w.fail(
        "Decrypt",
        json!({"CiphertextBlob": blob}),
        "InvalidCiphertextException",
    );
    let other = w.call("CreateKey", json!({}));
    let other = s(&other["KeyMetadata"]["Arn"]).to_owned();
    w.call(
        "ReEncrypt",
        json!({"CiphertextBlob": blob, "SourceEncryptionContext": context,
               "DestinationKeyId": other}),
    );
    w.call(
        "GenerateDataKey",
        json!({"KeyId": k(), "KeySpec": "AES_256", "EncryptionContext": context}),
    );
    w.call(
        "GenerateDataKeyWithoutPlaintext",
        json!({"KeyId": k(), "NumberOfBytes": 16}),
    );
    w.call("GenerateRandom", json!({"NumberOfBytes": 32}));
    w.fail(
        "DescribeKey",
        json!({"KeyId": "11111111-2222-3333-4444-555555555555"}),
        "NotFoundException",
    );

    w.call(
        "EnableKeyRotation",
        json!({"KeyId": k(), "RotationPeriodInDays": 90}),
    );
    w.call("GetKeyRotationStatus", json!({"KeyId": k()}));
    w.call("RotateKeyOnDemand", json!({"KeyId": k()}));
    w.call("ListKeyRotations", json!({"KeyId": k()}));
    w.call("DisableKeyRotation", json!({"KeyId": k()}));

    w.call("GetKeyPolicy", json!({"KeyId": k()}));
    let policy = w.call(
        "GetKeyPolicy",
        json!({"KeyId": k(), "PolicyName": "default"}),
    );
    w.call("ListKeyPolicies", json!({"KeyId": k()}));
    w.call(
        "PutKeyPolicy",
        json!({"KeyId": k(), "PolicyName": "default", "Policy": s(&policy["Policy"])}),
    );

    let grant = w.call(
        "CreateGrant",
        json!({"KeyId": k(), "GranteePrincipal": "ci", "RetiringPrincipal": "ci",
               "Operations": ["Encrypt", "Decrypt"], "Name": "wire",
               "Constraints": {"EncryptionContextSubset": context}}),
    );
    w.call("ListGrants", json!({"KeyId": k()}));
    w.call("ListRetirableGrants", json!({"RetiringPrincipal": "ci"}));
    w.call(
        "RetireGrant",
        json!({"GrantToken": s(&grant["GrantToken"])}),
    );
    let grant = w.call(
        "CreateGrant",
        json!({"KeyId": k(), "GranteePrincipal": "ci", "Operations": ["Encrypt"]}),
    );
    w.call(
        "RevokeGrant",
        json!({"KeyId": k(), "GrantId": s(&grant["GrantId"])}),
    );

    let signing = w.call(
        "CreateKey",
        json!({"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"}),
    );
    let signing = s(&signing["KeyMetadata"]["KeyId"]).to_owned();
    w.call("GetPublicKey", json!({"KeyId": signing}));
    let message = b64(b"a message");
    let signed = w.call(
        "Sign",
        json!({"KeyId": signing, "Message": message, "SigningAlgorithm": "ECDSA_SHA_256"}),
    );
    let verified = w.call(
        "Verify",
        json!({"KeyId": signing, "Message": message, "SigningAlgorithm": "ECDSA_SHA_256",
               "Signature": s(&signed["Signature"])}),
    );
    assert_eq!(verified["SignatureValid"], true);
    w.fail(
        "Verify",
        json!({"KeyId": signing, "Message": b64(b"another"), "SigningAlgorithm": "ECDSA_SHA_256",
               "Signature": s(&signed["Signature"])}),
        "KMSInvalidSignatureException",
    );
    w.fail(
        "Encrypt",
        json!({"KeyId": signing, "Plaintext": message}),
        "InvalidKeyUsageException",
    );

    // Issue 17: ECDH with a KEY_AGREEMENT key (its own public key as the
    // peer's), and the signing key's last use.
    let agreeing = w.call(
        "CreateKey",
        json!({"KeySpec": "ECC_NIST_P384", "KeyUsage": "KEY_AGREEMENT"}),
    );
    let agreeing = s(&agreeing["KeyMetadata"]["KeyId"]).to_owned();
    let peer = w.call("GetPublicKey", json!({"KeyId": agreeing}));
    w.call(
        "DeriveSharedSecret",
        json!({"KeyId": agreeing, "KeyAgreementAlgorithm": "ECDH",
               "PublicKey": s(&peer["PublicKey"])}),
    );
    let last = w.call("GetKeyLastUsage", json!({"KeyId": signing}));
    assert_eq!(last["KeyLastUsage"]["Operation"], "Verify", "{last}");

    let hmac = w.call(
        "CreateKey",
        json!({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
    );
    let hmac = s(&hmac["KeyMetadata"]["KeyId"]).to_owned();
    let mac = w.call(
        "GenerateMac",
        json!({"KeyId": hmac, "Message": message, "MacAlgorithm": "HMAC_SHA_256"}),
    );
    w.call(
        "VerifyMac",
        json!({"KeyId": hmac, "Message": message, "MacAlgorithm": "HMAC_SHA_256",
               "Mac": s(&mac["Mac"])}),
    );

    // ML-KEM (issue 17, branch kem).
    let kem = w.call(
        "CreateKey",
        json!({"KeySpec": "ML_KEM_512", "KeyUsage": "ENCAPSULATE_DECAPSULATE"}),
    );
    let kem = s(&kem["KeyMetadata"]["KeyId"]).to_owned();
    w.call("GetPublicKey", json!({"KeyId": kem}));
    let encapsulated = w.call(
        "Encapsulate",
        json!({"KeyId": kem, "EncapsulationAlgorithm": "ML_KEM"}),
    );
    let decapsulated = w.call(
        "Decapsulate",
        json!({"KeyId": kem, "EncapsulationAlgorithm": "ML_KEM",
               "SharedSecretCiphertextBlob": s(&encapsulated["SharedSecretCiphertextBlob"])}),
    );
    assert_eq!(decapsulated["SharedSecret"], encapsulated["SharedSecret"]);
    w.fail(
        "Decapsulate",
        json!({"KeyId": kem, "EncapsulationAlgorithm": "ML_KEM",
               "SharedSecretCiphertextBlob": b64(b"short")}),
        "InvalidCiphertextException",
    );
    w.call(
        "GenerateDataKeyPair",
        json!({"KeyId": k(), "KeyPairSpec": "ML_KEM_768"}),
    );

    w.call(
        "GenerateDataKeyPair",
        json!({"KeyId": k(), "KeyPairSpec": "ECC_NIST_P256"}),
    );
    w.call(
        "GenerateDataKeyPairWithoutPlaintext",
        json!({"KeyId": k(), "KeyPairSpec": "ECC_NIST_P256"}),
    );

    let external = w.call("CreateKey", json!({"Origin": "EXTERNAL"}));
    let external = s(&external["KeyMetadata"]["KeyId"]).to_owned();
    let params = w.call(
        "GetParametersForImport",
        json!({"KeyId": external, "WrappingAlgorithm": "RSAES_OAEP_SHA_256",
               "WrappingKeySpec": "RSA_2048"}),
    );
    let wrapped = wrap_for_import(env, s(&params["PublicKey"]), &[7u8; 32]);
    w.call(
        "ImportKeyMaterial",
        json!({"KeyId": external, "ImportToken": s(&params["ImportToken"]),
               "EncryptedKeyMaterial": wrapped, "ExpirationModel": "KEY_MATERIAL_DOES_NOT_EXPIRE"}),
    );
    w.call("DeleteImportedKeyMaterial", json!({"KeyId": external}));

    w.call(
        "UpdateAlias",
        json!({"AliasName": "alias/wire", "TargetKeyId": other}),
    );
    w.call("DeleteAlias", json!({"AliasName": "alias/wire"}));
    w.call(
        "ScheduleKeyDeletion",
        json!({"KeyId": k(), "PendingWindowInDays": 7}),
    );
    w.fail(
        "Encrypt",
        json!({"KeyId": k(), "Plaintext": message}),
        "KMSInvalidStateException",
    );
    w.call("CancelKeyDeletion", json!({"KeyId": k()}));
}

#[test]
fn every_operation_answers_on_the_wire_in_the_models_shapes() {
    let model = load_model();
    let env = env_with_keyring();
    let key = access_key(&env, "owner");
    let server = Server::start(&env, &[]);
    let mut w = Wire {
        model: &model,
        server,
        key,
        problems: Vec::new(),
        first: BTreeMap::new(),
    };
    let served = served(&w);
    assert!(served.len() >= 40, "the server knows only {served:?}");
    scenario(&mut w, &env);

    // Required members: each one left out of a request that succeeded.
    let first = std::mem::take(&mut w.first);
    for (op, body) in &first {
        for member in &model.operations[op].input_required {
            let mut without = body.clone();
            if let Some(obj) = without.as_object_mut() {
                obj.remove(member);
            }
            let answer = w.send(op, &without);
            if answer.status == 200 || answer.exception() != "ValidationException" {
                w.problems.push(format!(
                    "{op} {member} input-not-required: without it: {} {}",
                    answer.status, answer.body
                ));
            } else {
                assert!(
                    answer.body.contains(&lower_first(member)),
                    "{op} without {member}: the message names the member: {}",
                    answer.body
                );
                w.check_error(op, &answer);
            }
        }
    }

    let driven: BTreeSet<String> = first.keys().cloned().collect();
    let undriven: Vec<_> = served.difference(&driven).collect();
    assert!(
        undriven.is_empty(),
        "the server answers operations this test never drives (add them to the scenario): {undriven:?}"
    );
    assert!(
        w.problems.is_empty(),
        "the wire differs from botocore {}'s model:\n{}",
        model.botocore_version,
        w.problems.join("\n")
    );
}

/// `KeyId` → `keyId`, as AWS names a member in a validation message.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
