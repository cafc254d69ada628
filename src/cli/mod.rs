//! The command-line layer: credentials, dispatch to library operations,
//! auditing, and rendering. Nothing here holds domain logic.

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
    path: PathBuf,
    /// A version 1 keyring to migrate to `path` on first use.
    legacy: Option<PathBuf>,
    /// A keyring already unlocked for this command (by the key picker).
    opened: std::cell::Cell<Option<Keyring>>,
    now: OffsetDateTime,
    call: std::cell::RefCell<Call>,
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
                .filter(|old| old.exists() && !self.path.exists())
            {
                Keyring::migrate(old, &self.path, &cred, self.now)?;
            }
            // The keyring's time starts when it is opened: a prompt before
            // does not make it stale.
            match Keyring::open_with(&self.path, &cred, &choice, OffsetDateTime::now_utc()) {
                Err(lkms::Error::UnlockFailed(m))
                    if tries < 3 && credentials::prompted(self.global) =>
                {
                    eprintln!("lkms: {m}; try again");
                }
                Err(lkms::Error::UnlockFailed(m)) => {
                    return Err(lkms::Error::UnlockFailed(credentials::unlock_hint(
                        &m, &self.path,
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
        let result = self.dry(op(&kr));
        kr.record(&self.call(), &result)?;
        to_json(result?)
    }

    /// Runs an operation that changes the keyring; the audit record is
    /// appended under the keyring lock.
    fn write<T: Serialize>(
        &self,
        op: impl FnOnce(&mut Keyring) -> lkms::Result<T>,
    ) -> CliResult<Value> {
        let call = self.call();
        to_json(self.open()?.update_audited(&call, |kr| self.dry(op(kr)))?)
    }

    /// A call's result under `--dry-run`: success becomes AWS's
    /// DryRunOperationException, so a write is rolled back with it and
    /// nothing is printed.
    fn dry<T>(&self, result: lkms::Result<T>) -> lkms::Result<T> {
        let dry = self.call.borrow().request.get("DryRun") == Some(&Value::Bool(true));
        match result {
            Ok(_) if dry => Err(lkms::Error::DryRun),
            r => r,
        }
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
            return to_json(kr.update_audited(&self.call(), |kr| {
                ops::ensure_default_key(kr)?;
                self.dry(op(kr, key))
            })?);
        }
        let result = self.dry(op(&kr, key));
        kr.record(&self.call(), &result)?;
        to_json(result?)
    }
}

impl Context<'_> {
    /// Reads a blob parameter as the AWS CLI would, under its
    /// `cli_binary_format`.
    fn blob(&self, flag: &str, value: &str) -> CliResult<zeroize::Zeroizing<Vec<u8>>> {
        blob::read_as(flag, value, awsconfig::binary_format(self.global)?)
    }

    /// The call as the audit trail records it.
    fn call(&self) -> Call {
        self.call.borrow().clone()
    }

    /// The `--key-id` given, or one the user picks from the keys the
    /// operation can act on. A picked key is recorded in the call's audit
    /// record exactly as a `--key-id` would be, and the unlock it took is
    /// kept for the operation.
    fn key(&self, key_id: Option<String>) -> CliResult<String> {
        use lkms::key::KeyState;
        let operation = self.call.borrow().operation.clone();
        let wanted = |state: KeyState| match operation.as_str() {
            "EnableKey" => state == KeyState::Disabled,
            "CancelKeyDeletion" => matches!(state, KeyState::PendingDeletion { .. }),
            "DescribeKey" | "ListKeyPolicies" | "GetKeyRotationStatus" => true,
            _ => state == KeyState::Enabled,
        };
        let picked = key_id.is_none();
        let key = credentials::pick_key(key_id, || {
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
        })?;
        if picked {
            self.call.borrow_mut().request["KeyId"] = Value::String(key.clone());
        }
        Ok(key)
    }
}

/// Whether a dry run checks only the permission (`IGNORE_CIPHERTEXT`).
fn ignore_ciphertext(dry: &args::DryRun, modifiers: &[String]) -> bool {
    dry.dry_run && modifiers.iter().any(|m| m == "IGNORE_CIPHERTEXT")
}

fn to_json<T: Serialize>(v: T) -> CliResult<Value> {
    serde_json::to_value(v).map_err(|e| CliError::Param(format!("rendering the response: {e}")))
}

/// The audit record's name and request for a command: the AWS operation
/// name and the command's non-secret arguments, with AWS's field names.
fn call_of(command: &Command) -> Call {
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
    let (path, legacy) = credentials::keyring_path(&cli.global)?;
    let debug = cli.global.debug;
    if debug {
        debug_request(&cli, &path);
    }
    let ctx = Context {
        global: &cli.global,
        path,
        legacy,
        opened: std::cell::Cell::new(None),
        now: OffsetDateTime::now_utc(),
        call: std::cell::RefCell::new(call_of(&cli.command)),
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
    match command {
        C::Init(a) => slots::init(ctx, a),
        C::Slot(s) => slots::slot(ctx, s),
        C::Passwd(a) => slots::passwd(ctx, a),
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
            ctx.write(|kr| {
                ops::create_key(
                    kr,
                    ops::CreateKey {
                        description: a.description,
                        key_spec: a.key_spec,
                        key_usage: a.key_usage,
                        origin: Some(a.origin),
                        tags: a.tags.into_iter().flatten().collect(),
                        policy,
                        bypass_policy_lockout_safety_check: a.bypass_policy_lockout_safety_check,
                        customer_master_key_spec: a.customer_master_key_spec,
                        custom_key_store_id: a.custom_key_store_id,
                        xks_key_id: a.xks_key_id,
                        multi_region: a.multi_region,
                    },
                )
            })
        }
        C::DescribeKey(a) => {
            let key = ctx.key(a.key_id)?;
            ctx.read(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::describe_key(kr, &key)
            })
        }
        C::ListKeys(a) => {
            let start = paging::start(&a.page)?;
            let owners = a
                .resource_owners
                .iter()
                .map(|o| o.parse())
                .collect::<lkms::Result<Vec<ops::ResourceOwner>>>()?;
            ctx.read(|kr| {
                paging::list(&a.page, &start, "Keys", |limit, marker| {
                    ops::list_keys(kr, limit, marker, &owners)
                })
            })
        }
        C::UpdateKeyDescription(a) => {
            ctx.write(|kr| ops::update_key_description(kr, &a.key_id, a.description))
        }
        C::EnableKey(a) => {
            let key = ctx.key(a.key_id)?;
            ctx.write(|kr| ops::enable_key(kr, &key))
        }
        C::DisableKey(a) => {
            let key = ctx.key(a.key_id)?;
            credentials::confirm(
                ctx.global,
                &format!("Disable {key}? It will refuse all cryptography"),
            )?;
            ctx.write(|kr| ops::disable_key(kr, &key))
        }
        C::ScheduleKeyDeletion(a) => {
            let key = ctx.key(a.key_id)?;
            credentials::confirm(
                ctx.global,
                &format!(
                    "Schedule {key} for deletion in {} days? Data encrypted under it becomes unrecoverable then",
                    a.pending_window_in_days
                ),
            )?;
            ctx.write(|kr| ops::schedule_key_deletion(kr, &key, Some(a.pending_window_in_days)))
        }
        C::CancelKeyDeletion(a) => {
            let key = ctx.key(a.key_id)?;
            ctx.write(|kr| ops::cancel_key_deletion(kr, &key))
        }
        C::CreateAlias(a) => ctx.write(|kr| ops::create_alias(kr, &a.alias_name, &a.target_key_id)),
        C::UpdateAlias(a) => ctx.write(|kr| ops::update_alias(kr, &a.alias_name, &a.target_key_id)),
        C::DeleteAlias(a) => ctx.write(|kr| ops::delete_alias(kr, &a.alias_name)),
        C::ListAliases(a) => {
            let start = paging::start(&a.page)?;
            ctx.read(|kr| {
                paging::list(&a.page, &start, "Aliases", |limit, marker| {
                    ops::list_aliases(kr, a.key_id.as_deref(), limit, marker)
                })
            })
        }
        C::TagResource(a) => {
            ctx.write(|kr| ops::tag_resource(kr, &a.key_id, a.tags.into_iter().flatten().collect()))
        }
        C::UntagResource(a) => ctx.write(|kr| ops::untag_resource(kr, &a.key_id, &a.tag_keys)),
        C::ListResourceTags(a) => {
            let start = paging::start(&a.page)?;
            ctx.read(|kr| {
                paging::list(&a.page, &start, "Tags", |limit, marker| {
                    ops::list_resource_tags(kr, &a.key_id, limit, marker)
                })
            })
        }
        C::Encrypt(a) => {
            let plaintext = ctx.blob("--plaintext", &a.plaintext)?;
            let ec = blob::context(a.encryption_context)?;
            let key = ctx.key(a.key_id)?;
            ctx.with_key(&key, |kr, key| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::encrypt(kr, key, &plaintext, &ec, a.encryption_algorithm)
            })
        }
        C::Decrypt(a) => {
            let ciphertext = ctx.blob("--ciphertext-blob", &a.ciphertext_blob)?;
            let ec = blob::context(a.encryption_context)?;
            if ignore_ciphertext(&a.dry_run, &a.dry_run_modifiers) {
                return ctx.read(|kr| {
                    ops::check_grant_tokens(kr, &a.grant_tokens)?;
                    ops::authorize_opening(kr, &ciphertext, &ec, a.key_id.as_deref(), "Decrypt")
                });
            }
            ctx.read(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::decrypt(
                    kr,
                    &ciphertext,
                    &ec,
                    a.key_id.as_deref(),
                    a.encryption_algorithm,
                )
            })
        }
        C::ReEncrypt(a) => {
            let ciphertext = ctx.blob("--ciphertext-blob", &a.ciphertext_blob)?;
            let source = blob::context(a.source_encryption_context)?;
            let destination = blob::context(a.destination_encryption_context)?;
            let req = ops::ReEncrypt {
                blob: &ciphertext,
                source_context: &source,
                source_key_id: a.source_key_id.as_deref(),
                source_algorithm: a.source_encryption_algorithm,
                destination_key_id: &a.destination_key_id,
                destination_context: &destination,
                destination_algorithm: a.destination_encryption_algorithm,
            };
            if ignore_ciphertext(&a.dry_run, &a.dry_run_modifiers) {
                return ctx.read(|kr| {
                    ops::check_grant_tokens(kr, &a.grant_tokens)?;
                    ops::authorize_re_encrypt(kr, req)
                });
            }
            ctx.read(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::re_encrypt(kr, req)
            })
        }
        C::GenerateDataKey(a) => generate_data_key(ctx, a, true),
        C::GenerateDataKeyWithoutPlaintext(a) => generate_data_key(ctx, a, false),
        C::GenerateRandom(a) => {
            ctx.read(|_| ops::generate_random(a.number_of_bytes, a.custom_key_store_id.as_deref()))
        }
        C::EnableKeyRotation(a) => {
            ctx.write(|kr| ops::enable_key_rotation(kr, &a.key_id, a.rotation_period_in_days))
        }
        C::DisableKeyRotation(a) => {
            let key = ctx.key(a.key_id)?;
            ctx.write(|kr| ops::disable_key_rotation(kr, &key))
        }
        C::GetKeyRotationStatus(a) => {
            let key = ctx.key(a.key_id)?;
            ctx.read(|kr| ops::get_key_rotation_status(kr, &key))
        }
        C::RotateKeyOnDemand(a) => {
            let key = ctx.key(a.key_id)?;
            ctx.write(|kr| ops::rotate_key_on_demand(kr, &key))
        }
        C::ListKeyRotations(a) => {
            let start = paging::start(&a.page)?;
            let include = a
                .include_key_material
                .as_deref()
                .map(str::parse)
                .transpose()?
                .unwrap_or_default();
            ctx.read(|kr| {
                paging::list(&a.page, &start, "Rotations", |limit, marker| {
                    ops::list_key_rotations(kr, &a.key_id, include, limit, marker)
                })
            })
        }
        C::GetPublicKey(a) => {
            let replace = a
                .outfile
                .as_deref()
                .map(|p| outputs::check(p, a.force))
                .transpose()?;
            let out = ctx.read(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::get_public_key(kr, &a.key_id)
            })?;
            if let (Some(path), Some(replace)) = (&a.outfile, replace) {
                blob::write_public_key(path, a.format, &out, replace)?;
            }
            Ok(out)
        }
        C::Sign(a) => {
            let message = ctx.blob("--message", &a.message)?;
            ctx.read(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::sign(kr, &a.key_id, &message, a.message_type, a.signing_algorithm)
            })
        }
        C::Verify(a) => {
            let message = ctx.blob("--message", &a.message)?;
            let signature = ctx.blob("--signature", &a.signature)?;
            ctx.read(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::verify(
                    kr,
                    &a.key_id,
                    &message,
                    a.message_type,
                    &signature,
                    a.signing_algorithm,
                )
            })
        }
        C::GenerateMac(a) => {
            let message = ctx.blob("--message", &a.message)?;
            ctx.read(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::generate_mac(kr, &a.key_id, &message, a.mac_algorithm)
            })
        }
        C::VerifyMac(a) => {
            let message = ctx.blob("--message", &a.message)?;
            let mac = ctx.blob("--mac", &a.mac)?;
            ctx.read(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::verify_mac(kr, &a.key_id, &message, &mac, a.mac_algorithm)
            })
        }
        C::GenerateDataKeyPair(a) => generate_data_key_pair(ctx, a, true),
        C::GenerateDataKeyPairWithoutPlaintext(a) => generate_data_key_pair(ctx, a, false),
        C::GetParametersForImport(a) => ctx.write(|kr| {
            ops::get_parameters_for_import(kr, &a.key_id, a.wrapping_algorithm, a.wrapping_key_spec)
        }),
        C::ImportKeyMaterial(a) => {
            let material = ctx.blob("--encrypted-key-material", &a.encrypted_key_material)?;
            let token = ctx.blob("--import-token", &a.import_token)?;
            ctx.write(|kr| {
                ops::import_key_material(
                    kr,
                    &a.key_id,
                    ops::ImportKeyMaterial {
                        encrypted_key_material: &material,
                        import_token: &token,
                        expiration_model: a.expiration_model,
                        valid_to: a.valid_to,
                        import_type: a.import_type,
                        key_material_id: a.key_material_id.as_deref(),
                        key_material_description: a.key_material_description,
                    },
                )
            })
        }
        C::DeleteImportedKeyMaterial(a) => {
            let key = ctx.key(a.key_id)?;
            credentials::confirm(
                ctx.global,
                &format!(
                    "Delete the imported key material of {key}? It stays unusable until you import it again"
                ),
            )?;
            ctx.write(|kr| {
                ops::delete_imported_key_material(kr, &key, a.key_material_id.as_deref())
            })
        }
        C::PutKeyPolicy(a) => {
            let policy = blob::read_text("--policy", &a.policy)?;
            ctx.write(|kr| {
                ops::put_key_policy(
                    kr,
                    &a.key_id,
                    a.policy_name.as_deref(),
                    &policy,
                    a.bypass_policy_lockout_safety_check,
                )
            })
        }
        C::GetKeyPolicy(a) => {
            ctx.read(|kr| ops::get_key_policy(kr, &a.key_id, a.policy_name.as_deref()))
        }
        C::ListKeyPolicies(a) => {
            let start = paging::start(&a.page)?;
            let key = ctx.key(a.key_id)?;
            ctx.read(|kr| {
                paging::list(&a.page, &start, "PolicyNames", |limit, marker| {
                    ops::list_key_policies(kr, &key, limit, marker)
                })
            })
        }
        C::CreateGrant(a) => {
            let grantee = a.grantee_principal;
            let retiring = a.retiring_principal;
            ctx.write(|kr| {
                ops::check_grant_tokens(kr, &a.grant_tokens)?;
                ops::create_grant(
                    kr,
                    &a.key_id,
                    ops::CreateGrant {
                        grantee_principal: grantee,
                        retiring_principal: retiring,
                        operations: a.operations,
                        constraints: a.constraints,
                        name: a.name,
                    },
                )
            })
        }
        C::ListGrants(a) => {
            let start = paging::start(&a.page)?;
            ctx.read(|kr| {
                paging::list(&a.page, &start, "Grants", |limit, marker| {
                    ops::list_grants(
                        kr,
                        &a.key_id,
                        a.grant_id.as_deref(),
                        a.grantee_principal.as_deref(),
                        limit,
                        marker,
                    )
                })
            })
        }
        C::ListRetirableGrants(a) => {
            let start = paging::start(&a.page)?;
            ctx.read(|kr| {
                paging::list(&a.page, &start, "Grants", |limit, marker| {
                    ops::list_retirable_grants(kr, &a.retiring_principal, limit, marker)
                })
            })
        }
        C::RetireGrant(a) => ctx.write(|kr| {
            let grant = match (&a.grant_token, &a.key_id, &a.grant_id) {
                (Some(t), _, _) => ops::GrantRef::Token(t),
                (None, Some(k), Some(g)) => ops::GrantRef::Id {
                    key_ref: k,
                    grant_id: g,
                },
                _ => {
                    return Err(lkms::Error::validation(
                        "give --grant-token, or --key-id and --grant-id",
                    ));
                }
            };
            ops::retire_grant(kr, grant)
        }),
        C::RevokeGrant(a) => {
            credentials::confirm(ctx.global, &format!("Revoke grant {}?", a.grant_id))?;
            ctx.write(|kr| ops::revoke_grant(kr, &a.key_id, &a.grant_id))
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
        C::Migrate => slots::migrate(ctx),
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

fn generate_data_key(
    ctx: &Context<'_>,
    a: args::GenerateDataKeyArgs,
    with_plaintext: bool,
) -> CliResult<Value> {
    let size = ops::DataKeySize::from_params(a.key_spec.as_deref(), a.number_of_bytes)?;
    let ec = blob::context(a.encryption_context)?;
    let key = ctx.key(a.key_id)?;
    ctx.with_key(&key, |kr, key| {
        ops::check_grant_tokens(kr, &a.grant_tokens)?;
        ops::generate_data_key(kr, key, size, &ec, with_plaintext)
    })
}

fn generate_data_key_pair(
    ctx: &Context<'_>,
    a: args::GenerateDataKeyPairArgs,
    with_plaintext: bool,
) -> CliResult<Value> {
    let ec = blob::context(a.encryption_context)?;
    ctx.read(|kr| {
        ops::check_grant_tokens(kr, &a.grant_tokens)?;
        ops::generate_data_key_pair(kr, &a.key_id, a.key_pair_spec, &ec, with_plaintext)
    })
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
}
