//! `access-key create|list|enable|disable|delete`: principals' credentials
//! for `lkms serve`, printed in IAM's shapes.

use lkms::access_key::{AccessKeyId, AccessKeyStatus, SecretAccessKey};
use lkms::keyring::{Call, Principal};
use serde_json::{Value, json};

use super::Context;
use super::args::{AccessKeyCommand, AccessKeyCreateArgs};
use super::exit::CliResult;

/// The audit trail's record of an `access-key` command: IAM's operation
/// names and parameters, as CloudTrail records them.
pub fn call(command: &AccessKeyCommand) -> Call {
    use AccessKeyCommand as A;
    let update =
        |id: &str, status: AccessKeyStatus| json!({ "AccessKeyId": id, "Status": status.as_str() });
    let (operation, request) = match command {
        A::Create(a) => {
            let mut r = json!({ "UserName": a.principal });
            if let Some(d) = &a.description {
                r["Description"] = json!(d);
            }
            ("CreateAccessKey", r)
        }
        A::List(a) => (
            "ListAccessKeys",
            match &a.principal {
                Some(p) => json!({ "UserName": p }),
                None => json!({}),
            },
        ),
        A::Enable(a) => (
            "UpdateAccessKey",
            update(&a.access_key_id, AccessKeyStatus::Active),
        ),
        A::Disable(a) => (
            "UpdateAccessKey",
            update(&a.access_key_id, AccessKeyStatus::Inactive),
        ),
        A::Delete(a) => ("DeleteAccessKey", json!({ "AccessKeyId": a.access_key_id })),
    };
    Call {
        operation: operation.to_owned(),
        request,
    }
}

/// Runs an `access-key` command. Names are checked inside the audited
/// call, so a malformed one is recorded like any other refusal.
pub fn run(ctx: &Context<'_>, command: AccessKeyCommand) -> CliResult<Value> {
    use AccessKeyCommand as A;
    match command {
        A::Create(a) => create(ctx, a),
        A::List(a) => ctx.read(|kr| {
            let principal = a
                .principal
                .as_deref()
                .map(str::parse::<Principal>)
                .transpose()?;
            Ok(json!({ "AccessKeyMetadata": kr.access_keys(principal.as_ref())? }))
        }),
        A::Enable(a) => set_status(ctx, &a.access_key_id, AccessKeyStatus::Active),
        A::Disable(a) => set_status(ctx, &a.access_key_id, AccessKeyStatus::Inactive),
        // As IAM's, a deletion prints nothing.
        A::Delete(a) => ctx.write(|kr| {
            kr.delete_access_key(&a.access_key_id.parse()?)?;
            Ok(Value::Null)
        }),
    }
}

/// As IAM's UpdateAccessKey, prints nothing.
fn set_status(ctx: &Context<'_>, id: &str, status: AccessKeyStatus) -> CliResult<Value> {
    ctx.write(|kr| {
        kr.set_access_key_status(&id.parse::<AccessKeyId>()?, status)?;
        Ok(Value::Null)
    })
}

/// `access-key create`: IAM's `{"AccessKey": {...}}`, the secret in it.
fn create(ctx: &Context<'_>, a: AccessKeyCreateArgs) -> CliResult<Value> {
    let mut secret: Option<SecretAccessKey> = None;
    // The audit record sees the metadata only; the secret leaves the call
    // through `secret`, to be printed and nowhere else.
    let key = ctx.open()?.update_audited(&ctx.call(), |kr| {
        let (key, s) = kr.create_access_key(a.principal.parse()?, a.description)?;
        secret = Some(s);
        Ok(key)
    })?;
    let secret = secret.unwrap_or_else(|| unreachable!("a created access key has its secret"));
    let mut out = json!({
        "UserName": key.principal,
        "AccessKeyId": key.id,
        "Status": key.status,
        "SecretAccessKey": secret.expose(),
        "CreateDate": lkms::timestamp::format(key.created),
    });
    if let Some(d) = key.description {
        out["Description"] = json!(d);
    }
    Ok(json!({ "AccessKey": out }))
}
