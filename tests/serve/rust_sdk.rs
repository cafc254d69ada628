//! The Rust `aws-sdk-kms` crate against `lkms serve`: the same flow as the
//! scripts under tests/clients/, its report checked by
//! [`crate::clients::assert_flow`].
//!
//! The SDK is built without its default HTTPS client (no TLS stack to
//! compile): the test server is plain HTTP on loopback, reached through
//! aws-smithy-http-client's hyper client without TLS.

use std::collections::HashMap;

use aws_sdk_kms::Client;
use aws_sdk_kms::config::retry::RetryConfig;
use aws_sdk_kms::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_kms::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_kms::operation::describe_key::DescribeKeyError;
use aws_sdk_kms::primitives::Blob;
use aws_sdk_kms::types::{
    DataKeySpec, KeyMetadata, KeySpec, KeyUsageType, MessageType, SigningAlgorithmSpec,
};
use serde_json::{Map, Value, json};

use crate::clients::{Ground, ME, assert_flow};
use crate::env::b64;
use crate::server::{AccessKey, lkms_region};

/// A step's result: its fields, or how it failed.
type Step = Result<Value, Value>;

/// A KMS client for `key` at `url`, with one attempt per call.
fn client(url: &str, key: &AccessKey) -> Client {
    let config = aws_sdk_kms::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .endpoint_url(url)
        .region(Region::new(lkms_region()))
        .credentials_provider(Credentials::new(
            &key.id,
            &key.secret,
            None,
            None,
            "lkms-test",
        ))
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .build();
    Client::from_conf(config)
}

/// The error a call returned: the service's code, or the client's failure.
fn failed<E, R>(e: SdkError<E, R>) -> Value
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match e.as_service_error() {
        Some(service) => json!({"error": service.code(), "message": service.message()}),
        None => json!({"exception": DisplayErrorContext(&e).to_string()}),
    }
}

/// The failure of a step that needs an earlier one.
fn needs(step: &str) -> Value {
    json!({"exception": format!("not run: {step} failed")})
}

fn key_fields(meta: Option<&KeyMetadata>) -> Step {
    let m = meta.ok_or_else(|| json!({"exception": "no KeyMetadata"}))?;
    Ok(json!({
        "KeyId": m.key_id(),
        "Arn": m.arn(),
        "KeySpec": m.key_spec().map(KeySpec::as_str),
        "KeyUsage": m.key_usage().map(KeyUsageType::as_str),
        "KeyState": m.key_state().map(|s| s.as_str()),
        "Description": m.description(),
    }))
}

fn blob(b: Option<&Blob>) -> String {
    b64(b.map(Blob::as_ref).unwrap_or_default())
}

fn random(n: usize) -> Vec<u8> {
    let mut bytes = vec![0; n];
    getrandom::fill(&mut bytes).expect("random bytes");
    bytes
}

/// One pass of the flow as `me` (and `other` for the denial); its report.
async fn flow(kms: &Client, other: &Client) -> Value {
    let mut steps = Map::new();
    let mut record = |name: &str, step: Step| {
        steps.insert(name.to_owned(), step.unwrap_or_else(|e| e));
    };
    let context: HashMap<String, String> = [
        ("purpose", "clients-test".to_owned()),
        ("run", uuid::Uuid::new_v4().to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();

    let created = kms.create_key().description("rust sdk flow").send().await;
    let (key, arn) = match &created {
        Ok(out) => out
            .key_metadata()
            .map(|m| {
                (
                    m.key_id().to_owned(),
                    m.arn().unwrap_or_default().to_owned(),
                )
            })
            .unzip(),
        Err(_) => (None, None),
    };
    record(
        "create_key",
        created
            .map_err(failed)
            .and_then(|o| key_fields(o.key_metadata())),
    );
    let key = key.ok_or_else(|| needs("create_key"));

    let step: Step = async {
        let out = kms.describe_key().key_id(key.clone()?).send().await;
        key_fields(out.map_err(failed)?.key_metadata())
    }
    .await;
    record("describe_key", step);

    let plaintext = random(48);
    let encrypted = kms
        .encrypt()
        .set_key_id(key.clone().ok())
        .plaintext(Blob::new(plaintext.clone()))
        .set_encryption_context(Some(context.clone()))
        .send()
        .await;
    let ciphertext = encrypted
        .as_ref()
        .ok()
        .and_then(|o| o.ciphertext_blob().cloned());
    record(
        "encrypt",
        encrypted.map_err(failed).map(|o| {
            json!({
                "Plaintext": b64(&plaintext),
                "CiphertextBlob": blob(o.ciphertext_blob()),
                "KeyId": o.key_id(),
                "EncryptionContext": context,
            })
        }),
    );

    let mut wrong = context.clone();
    wrong.insert("purpose".to_owned(), "something-else".to_owned());
    for (name, ctx) in [("decrypt", &context), ("decrypt_wrong_context", &wrong)] {
        let step: Step = async {
            let blob_in = ciphertext.clone().ok_or_else(|| needs("encrypt"))?;
            let out = kms
                .decrypt()
                .ciphertext_blob(blob_in)
                .set_encryption_context(Some(ctx.clone()))
                .send()
                .await
                .map_err(failed)?;
            Ok(json!({"Plaintext": blob(out.plaintext()), "KeyId": out.key_id()}))
        }
        .await;
        record(name, step);
    }

    let step: Step = async {
        let out = kms
            .generate_data_key()
            .key_id(key.clone()?)
            .key_spec(DataKeySpec::Aes256)
            .set_encryption_context(Some(context.clone()))
            .send()
            .await
            .map_err(failed)?;
        let back = kms
            .decrypt()
            .set_ciphertext_blob(out.ciphertext_blob().cloned())
            .set_encryption_context(Some(context.clone()))
            .send()
            .await
            .map_err(failed)?;
        Ok(json!({
            "Plaintext": blob(out.plaintext()),
            "CiphertextBlob": blob(out.ciphertext_blob()),
            "KeyId": out.key_id(),
            "DecryptedPlaintext": blob(back.plaintext()),
        }))
    }
    .await;
    record("generate_data_key", step);

    let created = kms
        .create_key()
        .key_spec(KeySpec::EccNistP256)
        .key_usage(KeyUsageType::SignVerify)
        .send()
        .await;
    let signer = created
        .as_ref()
        .ok()
        .and_then(|o| o.key_metadata())
        .map(|m| m.key_id().to_owned())
        .ok_or_else(|| needs("create_sign_key"));
    record(
        "create_sign_key",
        created
            .map_err(failed)
            .and_then(|o| key_fields(o.key_metadata())),
    );

    let mut message = b"lkms clients flow ".to_vec();
    message.extend(random(16));
    let signed = async {
        kms.sign()
            .key_id(signer.clone()?)
            .message(Blob::new(message.clone()))
            .message_type(MessageType::Raw)
            .signing_algorithm(SigningAlgorithmSpec::EcdsaSha256)
            .send()
            .await
            .map_err(failed)
    }
    .await;
    let signature = signed
        .as_ref()
        .ok()
        .and_then(|o| o.signature().cloned())
        .ok_or_else(|| needs("sign"));
    record(
        "sign",
        signed.map(|o| {
            json!({
                "Message": b64(&message),
                "Signature": blob(o.signature()),
                "SigningAlgorithm": o.signing_algorithm().map(SigningAlgorithmSpec::as_str),
                "KeyId": o.key_id(),
            })
        }),
    );

    let mut altered = message.clone();
    altered.push(b'!');
    for (name, msg) in [("verify", &message), ("verify_altered", &altered)] {
        let step: Step = async {
            let out = kms
                .verify()
                .key_id(signer.clone()?)
                .message(Blob::new(msg.clone()))
                .message_type(MessageType::Raw)
                .signature(signature.clone()?)
                .signing_algorithm(SigningAlgorithmSpec::EcdsaSha256)
                .send()
                .await
                .map_err(failed)?;
            Ok(json!({"SignatureValid": out.signature_valid(), "KeyId": out.key_id()}))
        }
        .await;
        record(name, step);
    }

    let private: Step = async {
        let arn = arn.clone().ok_or_else(|| needs("create_key"))?;
        let account = arn.split(':').nth(4).unwrap_or_default();
        let me = format!("arn:aws:iam::{account}:user/{ME}");
        let policy = json!({
            "Version": "2012-10-17",
            "Statement": [{"Sid": "OnlyMe", "Effect": "Allow", "Principal": {"AWS": me},
                           "Action": "kms:*", "Resource": "*"}],
        });
        let out = kms
            .create_key()
            .description("only the caller")
            .policy(policy.to_string())
            .send()
            .await
            .map_err(failed)?;
        let mut fields = key_fields(out.key_metadata())?;
        fields["Principal"] = json!(me);
        Ok(fields)
    }
    .await;
    let private_key = private
        .as_ref()
        .ok()
        .and_then(|f| f["KeyId"].as_str().map(str::to_owned))
        .ok_or_else(|| needs("create_private_key"));
    record("create_private_key", private);

    for (name, target) in [
        ("other_encrypt_default_policy", &key),
        ("other_encrypt_private_key", &private_key),
    ] {
        let step: Step = async {
            let out = other
                .encrypt()
                .key_id(target.clone()?)
                .plaintext(Blob::new(b"from the other principal".to_vec()))
                .send()
                .await
                .map_err(failed)?;
            Ok(json!({"KeyId": out.key_id()}))
        }
        .await;
        record(name, step);
    }

    let missing = kms
        .describe_key()
        .key_id(uuid::Uuid::new_v4().to_string())
        .send()
        .await;
    let step = match missing.map_err(SdkError::into_service_error) {
        Ok(_) => Ok(json!({"typed": null})),
        Err(DescribeKeyError::NotFoundException(e)) => {
            Ok(json!({"typed": "NotFoundException", "error": e.code(), "message": e.message()}))
        }
        Err(e) => Err(json!({"typed": null, "error": e.code(), "message": e.to_string()})),
    };
    record("not_found", step);

    json!({
        "client": format!("aws-sdk-kms/{} (Rust)", aws_sdk_kms::meta::PKG_VERSION),
        "steps": steps,
    })
}

#[tokio::test]
async fn rust_sdk_flow() {
    let g = Ground::new();
    let kms = client(&g.server.url, &g.me);
    let other = client(&g.server.url, &g.other);
    let report = flow(&kms, &other).await;
    eprintln!("client: {}", report["client"]);
    assert_flow(&g, &report);
}
