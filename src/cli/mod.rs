//! The command-line layer: credentials, dispatch to library operations,
//! auditing, and rendering. Nothing here holds domain logic.

mod access_key;
pub mod args;
mod audit;
mod awsconfig;
mod blob;
mod credentials;
pub mod exit;
mod files;
pub mod hardening;
pub mod help;
pub mod input;
mod output;
mod outputs;
mod paging;
mod pins;
#[path = "../serve/mod.rs"]
mod serve;
mod shapes;
mod signals;
mod skeleton;
mod slots;
mod stdio;
mod yaml;

use std::path::PathBuf;

use lkms::api;
use lkms::keyring::{Call, Credential, Keyring};
use lkms::ops;
use serde::Serialize;
use serde_json::{Value, json};
use time::OffsetDateTime;

use args::{AuditCommand, Cli, Command, GlobalArgs};
use exit::{CliError, CliResult};
use output::Renderer;

/// `lkms --version`: the program version and the keyring format it writes.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (keyring format 2)");

/// What a command needs: where the keyring is, how to unlock it, and how
/// the audit log names the call.
pub struct Context<'a> {
    global: &'a GlobalArgs,
    /// Where the keyring is.
    location: lkms::store::Location,
    /// The location as messages name it.
    path: PathBuf,
    /// A version 1 keyring to migrate to `path` on first use.
    legacy: Option<PathBuf>,
    /// A keyring already unlocked for this command (by the key picker).
    opened: std::cell::Cell<Option<Keyring>>,
    now: OffsetDateTime,
    call: Call,
}

impl Context<'_> {
    fn credential(&self) -> CliResult<Credential> {
        credentials::credential(self.global, &self.path)
    }

    /// Unlocks the keyring: once per command (a key picker's unlock is
    /// kept for the operation), asking again at a terminal after a wrong
    /// passphrase, three tries in all; then checks that it is the keyring
    /// this credential opened here before (`pins.rs`).
    fn open(&self) -> CliResult<Keyring> {
        if let Some(kr) = self.opened.take() {
            return Ok(kr);
        }
        let (kr, cred) = self.open_unpinned()?;
        pins::check(&kr, &cred)?;
        Ok(kr)
    }

    /// Unlocks the keyring without checking which keyring it is (for
    /// `trust-keyring`); returns the credential that unlocked it.
    fn open_unpinned(&self) -> CliResult<(Keyring, Credential)> {
        let choice = credentials::slot_choice(self.global)?;
        let mut tries = 0;
        loop {
            tries += 1;
            let cred = self.credential()?;
            if let Some(old) = self
                .legacy
                .as_ref()
                .filter(|old| old.exists() && self.location.file().is_some_and(|p| !p.exists()))
            {
                Keyring::migrate(old, &self.path, &cred, self.now)?;
            }
            // The keyring's time starts when it is opened: a prompt before
            // does not make it stale.
            match Keyring::open_at(&self.location, &cred, &choice, OffsetDateTime::now_utc()) {
                Err(lkms::Error::UnlockFailed(m))
                    if tries < 3 && credentials::prompted(self.global) =>
                {
                    eprintln!("lkms: {m}; try again");
                }
                Err(lkms::Error::UnlockFailed(m)) => {
                    return Err(lkms::Error::UnlockFailed(credentials::unlock_hint(
                        &m,
                        &self.location,
                    ))
                    .into());
                }
                other => {
                    let kr = other?;
                    // As the AWS CLI talks to one region, a command aimed
                    // at another region finds nothing of this keyring.
                    if let Some(region) = self.global.region.as_deref()
                        && region != kr.region()
                    {
                        return Err(lkms::Error::validation(format!(
                            "--region {region}: the keyring at {} is in region {}",
                            self.path.display(),
                            kr.region()
                        ))
                        .into());
                    }
                    return Ok((kr, cred));
                }
            }
        }
    }

    /// Runs a read-only operation and records it in the audit log.
    fn read<T: Serialize>(&self, op: impl FnOnce(&Keyring) -> lkms::Result<T>) -> CliResult<Value> {
        let mut kr = self.open()?;
        let result = op(&kr);
        kr.record(&self.call, &result)?;
        to_json(result?)
    }

    /// Runs an operation that changes the keyring; the audit record is
    /// appended under the keyring lock.
    fn write<T: Serialize>(
        &self,
        op: impl FnOnce(&mut Keyring) -> lkms::Result<T>,
    ) -> CliResult<Value> {
        to_json(self.open()?.update_audited(&self.call, op)?)
    }

    /// Runs a read-only operation with the named key. Naming the managed
    /// default key creates it the first time (a write), as naming an
    /// `alias/aws/<service>` key does in AWS.
    fn with_key<T: Serialize>(
        &self,
        key: &str,
        op: impl FnOnce(&Keyring, &str) -> lkms::Result<T>,
    ) -> CliResult<Value> {
        let mut kr = self.open()?;
        if key == ops::DEFAULT_KEY_ALIAS && ops::default_key_id(&kr).is_none() {
            return to_json(kr.update_audited(&self.call, |kr| {
                ops::ensure_default_key(kr)?;
                op(kr, key)
            })?);
        }
        let result = op(&kr, key);
        kr.record(&self.call, &result)?;
        to_json(result?)
    }
}

impl Context<'_> {
    /// Runs an AWS operation: the request the server would receive for the
    /// same call, through the same dispatch ([`api::execute`]).
    fn execute(&self, request: api::Request) -> CliResult<Value> {
        let mut kr = self.open()?;
        Ok(api::execute(&mut kr, &request)?)
    }

    /// Runs a list operation page by page on one unlock, as the AWS CLI
    /// pages (each page a call of its own), and merges the pages.
    fn list(
        &self,
        page: &args::PageArgs,
        items: &str,
        request: impl Fn(Option<u32>, Option<String>) -> api::Request,
    ) -> CliResult<Value> {
        let start = paging::start(page)?;
        let mut kr = self.open()?;
        Ok(paging::list(page, &start, items, |limit, marker| {
            api::execute(&mut kr, &request(limit, marker.map(str::to_owned)))
        })?)
    }

    /// Reads a blob parameter as the AWS CLI would, under its
    /// `cli_binary_format`.
    fn blob(&self, flag: &str, value: &str) -> CliResult<zeroize::Zeroizing<Vec<u8>>> {
        blob::read_as(flag, value, awsconfig::binary_format(self.global)?)
    }

    /// The call as the audit trail records it (lkms's own commands; an AWS
    /// operation's record is made from its request).
    fn call(&self) -> Call {
        self.call.clone()
    }

    /// The `--key-id` given, or one the user picks from the keys the
    /// operation can act on. A picked key goes into the request, and so
    /// into its audit record, exactly as a `--key-id` would; the unlock it
    /// took is kept for the operation.
    fn key(&self, key_id: Option<String>) -> CliResult<String> {
        use lkms::key::KeyState;
        let wanted = |state: KeyState| match self.call.operation.as_str() {
            "EnableKey" => state == KeyState::Disabled,
            "CancelKeyDeletion" => matches!(state, KeyState::PendingDeletion { .. }),
            "DescribeKey" | "ListKeyPolicies" | "GetKeyRotationStatus" => true,
            _ => state == KeyState::Enabled,
        };
        credentials::pick_key(key_id, || {
            let kr = self.open()?;
            let mut choices = Vec::new();
            for k in kr.all_keys()? {
                if !wanted(k.state_at(kr.now())) {
                    continue;
                }
                let aliases: Vec<String> = kr
                    .aliases_of(&k.id)?
                    .into_iter()
                    .map(|a| a.name.to_string())
                    .collect();
                let label = format!(
                    "{}  {}  {}  {}",
                    aliases.join(","),
                    k.description,
                    k.state_at(kr.now()).name(),
                    k.id
                );
                choices.push((k.id.to_string(), label.trim().to_owned()));
            }
            self.opened.set(Some(kr));
            Ok(choices)
        })
    }
}

fn to_json<T: Serialize>(v: T) -> CliResult<Value> {
    serde_json::to_value(v).map_err(|e| CliError::Param(format!("rendering the response: {e}")))
}

/// The audit record's name and request for a command: the AWS operation
/// name and the command's non-secret arguments, with AWS's field names.
fn call_of(command: &Command) -> Call {
    // Access keys are IAM's: their calls take IAM's names.
    if let Command::AccessKey(c) = command {
        return access_key::call(c);
    }
    let (operation, request) = match serde_json::to_value(command) {
        Ok(Value::Object(m)) => match m.into_iter().next() {
            // Nested commands (`slot add`, `audit show`) join their names.
            Some((outer, Value::Object(inner)))
                if matches!(command, Command::Slot(_) | Command::Audit(_)) =>
            {
                match inner.into_iter().next() {
                    Some((sub, args)) => (format!("{outer}{sub}"), args),
                    None => (outer, json!({})),
                }
            }
            // A nested command without arguments (`slot list`).
            Some((outer, Value::String(sub)))
                if matches!(command, Command::Slot(_) | Command::Audit(_)) =>
            {
                (format!("{outer}{sub}"), json!({}))
            }
            Some((name, args)) => (name, args),
            None => (String::new(), json!({})),
        },
        Ok(Value::String(name)) => (name, json!({})),
        _ => (String::new(), json!({})),
    };
    let request = if request.is_object() {
        request
    } else {
        json!({})
    };
    Call { operation, request }
}

/// The audit trail filter of `audit show` / `audit export`.
fn audit_filter(kr: &Keyring, a: &args::AuditShowArgs) -> lkms::audit::Filter {
    lkms::audit::Filter {
        key_id: a.key_id.as_deref().map(|k| {
            kr.resolve_id(k)
                .map(|id| id.to_string())
                .unwrap_or_else(|_| lkms::audit::key_of_arn(k).to_owned())
        }),
        principal: a.principal.clone(),
        operation: a.operation.clone(),
        since: a.since,
        before: a.until,
        limit: a.max_records,
        newest_first: a.max_records.is_some(),
    }
}

/// Runs one parsed command line; a failure names the operation it ended.
pub fn run(cli: Cli) -> Result<(), exit::Failure> {
    // First: a signal must find every staged file lkms creates.
    signals::install();
    let operation = call_of(&cli.command).operation;
    run_call(cli).map_err(|error| exit::Failure { operation, error })
}

fn run_call(cli: Cli) -> CliResult<()> {
    // Before any work: a command must not change the keyring and then fail
    // to report what it did.
    stdio::require_stdout()?;
    let started = std::time::Instant::now();
    let output = match cli.global.output {
        Some(f) => Some(f),
        None => default_output()?,
    };
    let renderer = Renderer::new(output, cli.global.query.as_deref(), cli.global.color)?;
    let (location, legacy) = credentials::keyring_location(&cli.global)?;
    let path = location.shown();
    let debug = cli.global.debug;
    if debug {
        debug_request(&cli, &path);
    }
    let ctx = Context {
        global: &cli.global,
        location,
        path,
        legacy,
        opened: std::cell::Cell::new(None),
        now: OffsetDateTime::now_utc(),
        call: call_of(&cli.command),
    };
    let operation = ctx.call().operation;
    let result =
        dispatch(&ctx, cli.command).and_then(|response| renderer.print(&operation, response));
    if debug {
        eprintln!(
            "lkms debug: {operation} {} in {:.1} ms",
            if result.is_ok() {
                "succeeded"
            } else {
                "failed"
            },
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    result
}

/// `$AWS_DEFAULT_OUTPUT`, the AWS CLI's default for `--output`.
fn default_output() -> CliResult<Option<args::OutputFormat>> {
    use clap::ValueEnum;
    match std::env::var("AWS_DEFAULT_OUTPUT") {
        Ok(v) if !v.trim().is_empty() => args::OutputFormat::from_str(v.trim(), true)
            .map(Some)
            .map_err(|_| {
                CliError::Param(format!(
                    "AWS_DEFAULT_OUTPUT={v}: lkms prints json, text, table, yaml or yaml-stream"
                ))
            }),
        _ => Ok(None),
    }
}

/// `--debug`: what lkms understood, on stderr. The request is the audit
/// record's, which never holds blobs (plaintexts, ciphertexts, key
/// material) or passphrases; credentials are named by kind only.
fn debug_request(cli: &Cli, path: &std::path::Path) {
    let g = &cli.global;
    let call = call_of(&cli.command);
    eprintln!("lkms debug: lkms {VERSION}");
    eprintln!(
        "lkms debug: operation {} request {}",
        call.operation, call.request
    );
    eprintln!("lkms debug: keyring {}", path.display());
    let credential = if g.identity.is_some() {
        "--identity file"
    } else if g.passphrase_file.is_some() {
        "--passphrase-file"
    } else if std::env::var_os("LKMS_IDENTITY").is_some() {
        "$LKMS_IDENTITY file"
    } else if std::env::var_os("LKMS_PASSPHRASE").is_some() {
        "$LKMS_PASSPHRASE"
    } else {
        "default identity file, else a prompt"
    };
    eprintln!("lkms debug: credential {credential}");
    eprintln!(
        "lkms debug: output {:?} query {:?} region {:?} profile {} endpoint-url {:?} (no effect)",
        g.output,
        g.query,
        g.region,
        awsconfig::profile(g),
        g.endpoint_url
    );
    match awsconfig::binary_format(g) {
        Ok(f) => eprintln!("lkms debug: cli-binary-format {f:?}"),
        Err(e) => eprintln!("lkms debug: cli-binary-format: {e:?}"),
    }
}

fn dispatch(ctx: &Context<'_>, command: Command) -> CliResult<Value> {
    use Command as C;
    use api::Request as R;
    match command {
        C::Init(a) => slots::init(ctx, a),
        C::Slot(s) => slots::slot(ctx, s),
        C::Passwd(a) => slots::passwd(ctx, a),
        C::AccessKey(c) => access_key::run(ctx, c),
        C::Whoami => ctx.read(|kr| {
            Ok(json!({
                "Principal": kr.caller().principal,
                "PrincipalArn": kr.principal_arn(kr.caller().principal.as_str()),
                "SlotId": kr.caller().slot,
                "KeyringId": kr.id(),
                "KeyringFingerprint": kr.identity()?.fingerprint(),
                "Region": kr.region(),
                "Account": kr.account(),
                "Keyring": kr.path().display().to_string(),
            }))
        }),
        C::CreateKey(a) => {
            let policy = a
                .policy
                .as_deref()
                .map(|p| blob::read_text("--policy", p))
                .transpose()?;
            ctx.execute(R::CreateKey(api::CreateKeyRequest {
                description: Some(a.description),
                key_spec: a.key_spec,
                customer_master_key_spec: a.customer_master_key_spec,
                key_usage: a.key_usage,
                origin: Some(a.origin),
                tags: a.tags.into_iter().flatten().collect(),
                policy,
                bypass_policy_lockout_safety_check: a.bypass_policy_lockout_safety_check,
                custom_key_store_id: a.custom_key_store_id,
                xks_key_id: a.xks_key_id,
                multi_region: a.multi_region,
            }))
        }
        C::DescribeKey(a) => {
            let key_id = ctx.key(a.key_id)?;
            ctx.execute(R::DescribeKey(api::DescribeKeyRequest {
                key_id,
                grant_tokens: a.grant_tokens,
            }))
        }
        C::ListKeys(a) => ctx.list(&a.page, "Keys", |limit, marker| {
            R::ListKeys(api::ListKeysRequest {
                limit,
                marker,
                resource_owners: a.resource_owners.clone(),
            })
        }),
        C::UpdateKeyDescription(a) => {
            ctx.execute(R::UpdateKeyDescription(api::UpdateKeyDescriptionRequest {
                key_id: a.key_id,
                description: a.description,
            }))
        }
        C::EnableKey(a) => ctx.execute(R::EnableKey(key_id(ctx, a.key_id)?)),
        C::DisableKey(a) => {
            let key = key_id(ctx, a.key_id)?;
            credentials::confirm(
                ctx.global,
                &format!("Disable {}? It will refuse all cryptography", key.key_id),
            )?;
            ctx.execute(R::DisableKey(key))
        }
        C::ScheduleKeyDeletion(a) => {
            let key_id = ctx.key(a.key_id)?;
            credentials::confirm(
                ctx.global,
                &format!(
                    "Schedule {key_id} for deletion in {} days? Data encrypted under it becomes unrecoverable then",
                    a.pending_window_in_days
                ),
            )?;
            ctx.execute(R::ScheduleKeyDeletion(api::ScheduleKeyDeletionRequest {
                key_id,
                pending_window_in_days: Some(a.pending_window_in_days),
            }))
        }
        C::CancelKeyDeletion(a) => ctx.execute(R::CancelKeyDeletion(key_id(ctx, a.key_id)?)),
        C::CreateAlias(a) => ctx.execute(R::CreateAlias(alias_target(a))),
        C::UpdateAlias(a) => ctx.execute(R::UpdateAlias(alias_target(a))),
        C::DeleteAlias(a) => ctx.execute(R::DeleteAlias(api::DeleteAliasRequest {
            alias_name: a.alias_name,
        })),
        C::ListAliases(a) => ctx.list(&a.page, "Aliases", |limit, marker| {
            R::ListAliases(api::ListAliasesRequest {
                key_id: a.key_id.clone(),
                limit,
                marker,
            })
        }),
        C::TagResource(a) => ctx.execute(R::TagResource(api::TagResourceRequest {
            key_id: a.key_id,
            tags: a.tags.into_iter().flatten().collect(),
        })),
        C::UntagResource(a) => ctx.execute(R::UntagResource(api::UntagResourceRequest {
            key_id: a.key_id,
            tag_keys: a.tag_keys,
        })),
        C::ListResourceTags(a) => ctx.list(&a.page, "Tags", |limit, marker| {
            R::ListResourceTags(api::KeyPageRequest {
                key_id: a.key_id.clone(),
                limit,
                marker,
            })
        }),
        C::Encrypt(a) => {
            let plaintext = ctx.blob("--plaintext", &a.plaintext)?;
            let key_id = ctx.key(a.key_id)?;
            ctx.execute(R::Encrypt(api::EncryptRequest {
                key_id,
                plaintext: plaintext.into(),
                encryption_context: a.encryption_context,
                grant_tokens: a.grant_tokens,
                encryption_algorithm: a.encryption_algorithm,
                dry_run: a.dry_run.dry_run,
            }))
        }
        C::Decrypt(a) => {
            let ciphertext = ctx.blob("--ciphertext-blob", &a.ciphertext_blob)?;
            ctx.execute(R::Decrypt(api::DecryptRequest {
                ciphertext_blob: ciphertext.into(),
                encryption_context: a.encryption_context,
                grant_tokens: a.grant_tokens,
                key_id: a.key_id,
                encryption_algorithm: a.encryption_algorithm,
                dry_run: a.dry_run.dry_run,
                dry_run_modifiers: a.dry_run_modifiers,
            }))
        }
        C::ReEncrypt(a) => {
            let ciphertext = ctx.blob("--ciphertext-blob", &a.ciphertext_blob)?;
            ctx.execute(R::ReEncrypt(api::ReEncryptRequest {
                ciphertext_blob: ciphertext.into(),
                source_encryption_context: a.source_encryption_context,
                source_key_id: a.source_key_id,
                destination_key_id: a.destination_key_id,
                destination_encryption_context: a.destination_encryption_context,
                source_encryption_algorithm: a.source_encryption_algorithm,
                destination_encryption_algorithm: a.destination_encryption_algorithm,
                grant_tokens: a.grant_tokens,
                dry_run: a.dry_run.dry_run,
                dry_run_modifiers: a.dry_run_modifiers,
            }))
        }
        C::GenerateDataKey(a) => {
            let r = generate_data_key(ctx, a)?;
            ctx.execute(R::GenerateDataKey(r))
        }
        C::GenerateDataKeyWithoutPlaintext(a) => {
            let r = generate_data_key(ctx, a)?;
            ctx.execute(R::GenerateDataKeyWithoutPlaintext(r))
        }
        C::GenerateRandom(a) => ctx.execute(R::GenerateRandom(api::GenerateRandomRequest {
            number_of_bytes: Some(a.number_of_bytes),
            custom_key_store_id: a.custom_key_store_id,
        })),
        C::EnableKeyRotation(a) => {
            ctx.execute(R::EnableKeyRotation(api::EnableKeyRotationRequest {
                key_id: a.key_id,
                rotation_period_in_days: a.rotation_period_in_days,
            }))
        }
        C::DisableKeyRotation(a) => ctx.execute(R::DisableKeyRotation(key_id(ctx, a.key_id)?)),
        C::GetKeyRotationStatus(a) => ctx.execute(R::GetKeyRotationStatus(key_id(ctx, a.key_id)?)),
        C::RotateKeyOnDemand(a) => ctx.execute(R::RotateKeyOnDemand(key_id(ctx, a.key_id)?)),
        C::ListKeyRotations(a) => ctx.list(&a.page, "Rotations", |limit, marker| {
            R::ListKeyRotations(api::ListKeyRotationsRequest {
                key_id: a.key_id.clone(),
                include_key_material: a.include_key_material.clone(),
                limit,
                marker,
            })
        }),
        C::GetPublicKey(a) => {
            let replace = a
                .outfile
                .as_deref()
                .map(|p| outputs::check(p, a.force))
                .transpose()?;
            let out = ctx.execute(R::GetPublicKey(api::GetPublicKeyRequest {
                key_id: a.key_id,
                grant_tokens: a.grant_tokens,
            }))?;
            if let (Some(path), Some(replace)) = (&a.outfile, replace) {
                blob::write_public_key(path, a.format, &out, replace)?;
            }
            Ok(out)
        }
        C::Sign(a) => {
            let message = ctx.blob("--message", &a.message)?;
            ctx.execute(R::Sign(api::SignRequest {
                key_id: a.key_id,
                message: message.into(),
                message_type: Some(a.message_type),
                grant_tokens: a.grant_tokens,
                signing_algorithm: a.signing_algorithm,
                dry_run: a.dry_run.dry_run,
            }))
        }
        C::Verify(a) => {
            let message = ctx.blob("--message", &a.message)?;
            let signature = ctx.blob("--signature", &a.signature)?;
            ctx.execute(R::Verify(api::VerifyRequest {
                key_id: a.key_id,
                message: message.into(),
                message_type: Some(a.message_type),
                signature: signature.into(),
                signing_algorithm: a.signing_algorithm,
                grant_tokens: a.grant_tokens,
                dry_run: a.dry_run.dry_run,
            }))
        }
        C::GenerateMac(a) => {
            let message = ctx.blob("--message", &a.message)?;
            ctx.execute(R::GenerateMac(api::GenerateMacRequest {
                message: message.into(),
                key_id: a.key_id,
                mac_algorithm: a.mac_algorithm,
                grant_tokens: a.grant_tokens,
                dry_run: a.dry_run.dry_run,
            }))
        }
        C::VerifyMac(a) => {
            let message = ctx.blob("--message", &a.message)?;
            let mac = ctx.blob("--mac", &a.mac)?;
            ctx.execute(R::VerifyMac(api::VerifyMacRequest {
                message: message.into(),
                key_id: a.key_id,
                mac_algorithm: a.mac_algorithm,
                mac: mac.into(),
                grant_tokens: a.grant_tokens,
                dry_run: a.dry_run.dry_run,
            }))
        }
        C::GenerateDataKeyPair(a) => ctx.execute(R::GenerateDataKeyPair(generate_data_key_pair(a))),
        C::GenerateDataKeyPairWithoutPlaintext(a) => ctx.execute(
            R::GenerateDataKeyPairWithoutPlaintext(generate_data_key_pair(a)),
        ),
        // ML-KEM (issue 17, branch kem).
        C::Encapsulate(a) => ctx.execute(R::Encapsulate(api::EncapsulateRequest {
            key_id: a.key_id,
            encapsulation_algorithm: a.encapsulation_algorithm,
            grant_tokens: a.grant_tokens,
            dry_run: a.dry_run.dry_run,
        })),
        C::Decapsulate(a) => {
            let ciphertext = ctx.blob(
                "--shared-secret-ciphertext-blob",
                &a.shared_secret_ciphertext_blob,
            )?;
            ctx.execute(R::Decapsulate(api::DecapsulateRequest {
                key_id: a.key_id,
                shared_secret_ciphertext_blob: ciphertext.into(),
                encapsulation_algorithm: a.encapsulation_algorithm,
                grant_tokens: a.grant_tokens,
                dry_run: a.dry_run.dry_run,
            }))
        }
        C::DeriveSharedSecret(a) => {
            let public_key = ctx.blob("--public-key", &a.public_key)?;
            let recipient = a
                .recipient
                .as_deref()
                .map(serde_json::from_str::<serde_json::Value>)
                .transpose()
                .map_err(|e| {
                    lkms::error::Error::validation(format!("--recipient is not JSON: {e}"))
                })?;
            ctx.execute(R::DeriveSharedSecret(api::DeriveSharedSecretRequest {
                key_id: a.key_id,
                key_agreement_algorithm: a.key_agreement_algorithm,
                public_key: public_key.into(),
                grant_tokens: a.grant_tokens,
                dry_run: a.dry_run.dry_run,
                recipient,
            }))
        }
        C::GetKeyLastUsage(a) => ctx.execute(R::GetKeyLastUsage(api::GetKeyLastUsageRequest {
            key_id: a.key_id,
        })),
        C::GetParametersForImport(a) => ctx.execute(R::GetParametersForImport(
            api::GetParametersForImportRequest {
                key_id: a.key_id,
                wrapping_algorithm: a.wrapping_algorithm,
                wrapping_key_spec: a.wrapping_key_spec,
            },
        )),
        C::ImportKeyMaterial(a) => {
            let material = ctx.blob("--encrypted-key-material", &a.encrypted_key_material)?;
            let token = ctx.blob("--import-token", &a.import_token)?;
            ctx.execute(R::ImportKeyMaterial(api::ImportKeyMaterialRequest {
                key_id: a.key_id,
                import_token: token.into(),
                encrypted_key_material: material.into(),
                valid_to: a.valid_to,
                expiration_model: a.expiration_model,
                import_type: Some(a.import_type),
                key_material_description: a.key_material_description,
                key_material_id: a.key_material_id,
            }))
        }
        C::DeleteImportedKeyMaterial(a) => {
            let key_id = ctx.key(a.key_id)?;
            credentials::confirm(
                ctx.global,
                &format!(
                    "Delete the imported key material of {key_id}? It stays unusable until you import it again"
                ),
            )?;
            ctx.execute(R::DeleteImportedKeyMaterial(
                api::DeleteImportedKeyMaterialRequest {
                    key_id,
                    key_material_id: a.key_material_id,
                },
            ))
        }
        C::PutKeyPolicy(a) => {
            let policy = blob::read_text("--policy", &a.policy)?;
            ctx.execute(R::PutKeyPolicy(api::PutKeyPolicyRequest {
                key_id: a.key_id,
                policy_name: a.policy_name,
                policy,
                bypass_policy_lockout_safety_check: a.bypass_policy_lockout_safety_check,
            }))
        }
        C::GetKeyPolicy(a) => ctx.execute(R::GetKeyPolicy(api::GetKeyPolicyRequest {
            key_id: a.key_id,
            policy_name: a.policy_name,
        })),
        C::ListKeyPolicies(a) => {
            let key_id = ctx.key(a.key_id)?;
            ctx.list(&a.page, "PolicyNames", |limit, marker| {
                R::ListKeyPolicies(api::KeyPageRequest {
                    key_id: key_id.clone(),
                    limit,
                    marker,
                })
            })
        }
        C::CreateGrant(a) => ctx.execute(R::CreateGrant(api::CreateGrantRequest {
            key_id: a.key_id,
            grantee_principal: a.grantee_principal,
            retiring_principal: a.retiring_principal,
            operations: a.operations,
            constraints: a.constraints,
            grant_tokens: a.grant_tokens,
            name: a.name,
            dry_run: a.dry_run.dry_run,
        })),
        C::ListGrants(a) => ctx.list(&a.page, "Grants", |limit, marker| {
            R::ListGrants(api::ListGrantsRequest {
                limit,
                marker,
                key_id: a.key_id.clone(),
                grant_id: a.grant_id.clone(),
                grantee_principal: a.grantee_principal.clone(),
            })
        }),
        C::ListRetirableGrants(a) => ctx.list(&a.page, "Grants", |limit, marker| {
            R::ListRetirableGrants(api::ListRetirableGrantsRequest {
                limit,
                marker,
                retiring_principal: a.retiring_principal.clone(),
            })
        }),
        C::RetireGrant(a) => ctx.execute(R::RetireGrant(api::RetireGrantRequest {
            grant_token: a.grant_token,
            key_id: a.key_id,
            grant_id: a.grant_id,
            dry_run: a.dry_run.dry_run,
        })),
        C::RevokeGrant(a) => {
            credentials::confirm(ctx.global, &format!("Revoke grant {}?", a.grant_id))?;
            ctx.execute(R::RevokeGrant(api::RevokeGrantRequest {
                key_id: a.key_id,
                grant_id: a.grant_id,
                dry_run: a.dry_run.dry_run,
            }))
        }
        // Reading the audit trail is not itself audited: verifying a damaged
        // log must not fail on appending to it.
        C::Audit(AuditCommand::Verify) => to_json(ctx.open()?.verify_audit()?),
        C::Audit(AuditCommand::Show(a)) => {
            let kr = ctx.open()?;
            let filter = audit_filter(&kr, &a);
            let mut records = kr.audit_records(&filter)?;
            // --max-records takes the newest; they print oldest first too.
            if filter.newest_first {
                records.reverse();
            }
            to_json(json!({ "Records": records }))
        }
        C::Audit(AuditCommand::Export(a)) => {
            let replace =
                a.to.as_deref()
                    .map(|p| outputs::check(p, a.force))
                    .transpose()?;
            let kr = ctx.open()?;
            let to = a.to.as_deref().zip(replace);
            audit::export(&kr, &audit_filter(&kr, &a.filter), to)?;
            Ok(Value::Null)
        }
        C::Audit(AuditCommand::Prune(a)) => ctx.write(|kr| kr.prune_audit(a.before)),
        C::VerifyKeyring => to_json(ctx.open()?.verify()?),
        C::Backup(a) => {
            let replace = outputs::check(&a.to, a.force)?;
            let kr = ctx.open()?;
            kr.backup(&a.to, replace == outputs::Replace::Allowed)?;
            to_json(json!({ "Backup": a.to.display().to_string(), "KeyringId": kr.id() }))
        }
        C::RotateRootKey => ctx.write(|kr| {
            kr.rotate_root_key()?;
            Ok(json!({ "KeyringId": kr.id(), "Slots": kr.slots().len() }))
        }),
        C::GetKeyringPolicy => ctx.read(|kr| Ok(json!({ "Policy": kr.get_keyring_policy()? }))),
        C::PutKeyringPolicy(a) => {
            let policy = blob::read_text("--policy", &a.policy)?;
            ctx.write(|kr| {
                kr.put_keyring_policy(&policy, a.bypass_policy_lockout_safety_check)?;
                Ok(Value::Null)
            })
        }
        C::Migrate(a) => slots::migrate(ctx, &a),
        C::Serve(a) => serve::serve(ctx, a),
        C::TrustKeyring(a) => pins::trust(ctx, a),
        C::EncryptFile(a) => files::encrypt_file(ctx, a),
        C::DecryptFile(a) => files::decrypt_file(ctx, a),
        C::RewrapFile(a) => files::rewrap_file(ctx, a),
        C::InspectFile(a) => files::inspect_file(a),
        C::Maintain => ctx.write(|kr| Ok(ops::maintain(kr))),
        C::Generate(a) => {
            generate(&a.dir).map_err(|e| CliError::Lib(lkms::Error::io("generating", e)))?;
            Ok(Value::Null)
        }
    }
}

/// Writes the shell completions and man pages generated from the clap
/// definitions into `dir/completions` and `dir/man`.
fn generate(dir: &std::path::Path) -> std::io::Result<()> {
    use clap_complete::Shell;
    let completions = dir.join("completions");
    let man = dir.join("man");
    std::fs::create_dir_all(&completions)?;
    std::fs::create_dir_all(&man)?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        clap_complete::generate_to(shell, &mut help::command(), "lkms", &completions)?;
    }
    clap_mangen::generate_to(help::command(), &man)
}

/// A request naming one key: the `--key-id` given, or one picked.
fn key_id(ctx: &Context<'_>, key_id: Option<String>) -> CliResult<api::KeyIdRequest> {
    Ok(api::KeyIdRequest {
        key_id: ctx.key(key_id)?,
    })
}

fn alias_target(a: args::AliasTargetArgs) -> api::AliasTargetRequest {
    api::AliasTargetRequest {
        alias_name: a.alias_name,
        target_key_id: a.target_key_id,
    }
}

fn generate_data_key(
    ctx: &Context<'_>,
    a: args::GenerateDataKeyArgs,
) -> CliResult<api::GenerateDataKeyRequest> {
    Ok(api::GenerateDataKeyRequest {
        key_id: ctx.key(a.key_id)?,
        encryption_context: a.encryption_context,
        number_of_bytes: a.number_of_bytes,
        key_spec: a.key_spec,
        grant_tokens: a.grant_tokens,
        dry_run: a.dry_run.dry_run,
    })
}

fn generate_data_key_pair(a: args::GenerateDataKeyPairArgs) -> api::GenerateDataKeyPairRequest {
    api::GenerateDataKeyPairRequest {
        encryption_context: a.encryption_context,
        key_id: a.key_id,
        key_pair_spec: a.key_pair_spec,
        grant_tokens: a.grant_tokens,
        dry_run: a.dry_run.dry_run,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn version_names_the_keyring_format() {
        let expected = format!("(keyring format {})", lkms::keyring::FORMAT_VERSION);
        assert!(VERSION.ends_with(&expected), "{VERSION}");
    }

    #[test]
    fn audit_calls_carry_aws_names_and_no_secrets() {
        let cli = Cli::parse_from([
            "lkms",
            "encrypt",
            "--key-id",
            "alias/a",
            "--plaintext",
            "c2VjcmV0",
            "--encryption-context",
            "app=web",
        ]);
        let call = call_of(&cli.command);
        assert_eq!(call.operation, "Encrypt");
        assert_eq!(call.request["KeyId"], "alias/a");
        assert_eq!(call.request["EncryptionContext"]["app"], "web");
        assert!(!call.request.to_string().contains("c2VjcmV0"));
        let cli = Cli::parse_from(["lkms", "slot", "remove", "--slot-id", "2"]);
        assert_eq!(call_of(&cli.command).operation, "SlotRemove");
        let cli = Cli::parse_from(["lkms", "slot", "list"]);
        assert_eq!(call_of(&cli.command).operation, "SlotList");
        let cli = Cli::parse_from(["lkms", "maintain"]);
        assert_eq!(call_of(&cli.command).operation, "Maintain");
    }

    #[test]
    fn access_key_calls_carry_iam_names() {
        let call = |args: &[&str]| {
            let mut all = vec!["lkms", "access-key"];
            all.extend_from_slice(args);
            call_of(&Cli::parse_from(all).command)
        };
        let c = call(&["create", "--principal", "ci", "--description", "web"]);
        assert_eq!(c.operation, "CreateAccessKey");
        assert_eq!(c.request, json!({"UserName": "ci", "Description": "web"}));
        let c = call(&["list"]);
        assert_eq!(
            (c.operation.as_str(), &c.request),
            ("ListAccessKeys", &json!({}))
        );
        let id = "LKIAABCDEFGHIJKLMN27";
        for (verb, status) in [("enable", "Active"), ("disable", "Inactive")] {
            let c = call(&[verb, "--access-key-id", id]);
            assert_eq!(c.operation, "UpdateAccessKey");
            assert_eq!(c.request, json!({"AccessKeyId": id, "Status": status}));
        }
        let c = call(&["delete", "--access-key-id", id]);
        assert_eq!(c.operation, "DeleteAccessKey");
        assert_eq!(c.request, json!({"AccessKeyId": id}));
    }
}
