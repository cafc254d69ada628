//! The command-line layer: credentials, dispatch to library operations, and
//! rendering. Nothing here holds domain logic.

pub mod args;
mod blob;
mod credentials;
pub mod exit;
mod output;
mod slots;

use std::path::PathBuf;

use lkms::keyring::{Credential, Keyring};
use lkms::ops;
use serde::Serialize;
use time::OffsetDateTime;

use args::{Cli, Command, GlobalArgs};
use exit::{CliError, CliResult};
use output::Renderer;

/// `lkms --version`: the program version and the keyring format it writes.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (keyring format ", "1", ")");

/// What a command needs: where the keyring is and how to unlock it.
pub struct Context<'a> {
    global: &'a GlobalArgs,
    path: PathBuf,
    now: OffsetDateTime,
}

impl Context<'_> {
    fn credential(&self) -> CliResult<Credential> {
        credentials::credential(self.global, &self.path)
    }

    /// Runs a read-only operation on the keyring.
    fn read<T: Serialize>(
        &self,
        op: impl FnOnce(&Keyring) -> lkms::Result<T>,
    ) -> CliResult<serde_json::Value> {
        let kr = Keyring::open(&self.path, &self.credential()?, self.now)?;
        to_json(op(&kr)?)
    }

    /// Runs an operation that changes the keyring.
    fn write<T: Serialize>(
        &self,
        op: impl FnOnce(&mut Keyring) -> lkms::Result<T>,
    ) -> CliResult<serde_json::Value> {
        let out = Keyring::update(&self.path, &self.credential()?, self.now, op)?;
        to_json(out)
    }
}

impl Context<'_> {
    /// Runs a read-only operation with the named key, or with the managed
    /// default key when none is named. The default key is created (a write)
    /// only the first time.
    fn with_key<T: Serialize>(
        &self,
        key_id: Option<String>,
        op: impl FnOnce(&Keyring, &str) -> lkms::Result<T>,
    ) -> CliResult<serde_json::Value> {
        let kr = Keyring::open(&self.path, &self.credential()?, self.now)?;
        let out = match key_id {
            Some(key) => op(&kr, &key)?,
            None if ops::default_key_id(&kr).is_some() => op(&kr, ops::DEFAULT_KEY_ALIAS)?,
            None => kr.update_with(|kr| {
                ops::ensure_default_key(kr)?;
                op(kr, ops::DEFAULT_KEY_ALIAS)
            })?,
        };
        to_json(out)
    }
}

fn to_json<T: Serialize>(v: T) -> CliResult<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| CliError::Param(format!("rendering the response: {e}")))
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> CliResult<()> {
    let renderer = Renderer::new(cli.global.output, cli.global.query.as_deref())?;
    let ctx = Context {
        global: &cli.global,
        path: credentials::keyring_path(&cli.global)?,
        now: OffsetDateTime::now_utc(),
    };
    let response = dispatch(&ctx, cli.command)?;
    renderer.print(response)
}

fn page(p: &args::PageArgs) -> (Option<u32>, Option<&str>) {
    (p.limit, p.marker.as_deref())
}

fn dispatch(ctx: &Context<'_>, command: Command) -> CliResult<serde_json::Value> {
    use Command as C;
    match command {
        C::Init(a) => slots::init(ctx, a),
        C::Slot(s) => slots::slot(ctx, s),
        C::Passwd(a) => slots::passwd(ctx, a),
        C::CreateKey(a) => ctx.write(|kr| {
            ops::create_key(
                kr,
                ops::CreateKey {
                    description: a.description,
                    key_spec: Some(a.key_spec),
                    key_usage: a.key_usage,
                    origin: Some(a.origin),
                    tags: a.tags.into_iter().flatten().collect(),
                },
            )
        }),
        C::DescribeKey(a) => ctx.read(|kr| ops::describe_key(kr, &a.key_id)),
        C::ListKeys(p) => ctx.read(|kr| {
            let (limit, marker) = page(&p);
            ops::list_keys(kr, limit, marker)
        }),
        C::UpdateKeyDescription(a) => {
            ctx.write(|kr| ops::update_key_description(kr, &a.key_id, a.description))
        }
        C::EnableKey(a) => ctx.write(|kr| ops::enable_key(kr, &a.key_id)),
        C::DisableKey(a) => ctx.write(|kr| ops::disable_key(kr, &a.key_id)),
        C::ScheduleKeyDeletion(a) => ctx
            .write(|kr| ops::schedule_key_deletion(kr, &a.key_id, Some(a.pending_window_in_days))),
        C::CancelKeyDeletion(a) => ctx.write(|kr| ops::cancel_key_deletion(kr, &a.key_id)),
        C::CreateAlias(a) => ctx.write(|kr| ops::create_alias(kr, &a.alias_name, &a.target_key_id)),
        C::UpdateAlias(a) => ctx.write(|kr| ops::update_alias(kr, &a.alias_name, &a.target_key_id)),
        C::DeleteAlias(a) => ctx.write(|kr| ops::delete_alias(kr, &a.alias_name)),
        C::ListAliases(a) => ctx.read(|kr| {
            let (limit, marker) = page(&a.page);
            ops::list_aliases(kr, a.key_id.as_deref(), limit, marker)
        }),
        C::TagResource(a) => {
            ctx.write(|kr| ops::tag_resource(kr, &a.key_id, a.tags.into_iter().flatten().collect()))
        }
        C::UntagResource(a) => ctx.write(|kr| ops::untag_resource(kr, &a.key_id, &a.tag_keys)),
        C::ListResourceTags(a) => ctx.read(|kr| {
            let (limit, marker) = page(&a.page);
            ops::list_resource_tags(kr, &a.key_id, limit, marker)
        }),
        C::Encrypt(a) => {
            blob::grant_tokens(&a.grant_tokens)?;
            let plaintext = blob::read("--plaintext", &a.plaintext)?;
            let ec = blob::context(a.encryption_context)?;
            ctx.with_key(a.key_id, |kr, key| {
                ops::encrypt(kr, key, &plaintext, &ec, a.encryption_algorithm)
            })
        }
        C::Decrypt(a) => {
            blob::grant_tokens(&a.grant_tokens)?;
            let ciphertext = blob::read("--ciphertext-blob", &a.ciphertext_blob)?;
            let ec = blob::context(a.encryption_context)?;
            ctx.read(|kr| {
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
            blob::grant_tokens(&a.grant_tokens)?;
            let ciphertext = blob::read("--ciphertext-blob", &a.ciphertext_blob)?;
            let source = blob::context(a.source_encryption_context)?;
            let destination = blob::context(a.destination_encryption_context)?;
            ctx.read(|kr| {
                ops::re_encrypt(
                    kr,
                    ops::ReEncrypt {
                        blob: &ciphertext,
                        source_context: &source,
                        source_key_id: a.source_key_id.as_deref(),
                        source_algorithm: a.source_encryption_algorithm,
                        destination_key_id: &a.destination_key_id,
                        destination_context: &destination,
                        destination_algorithm: a.destination_encryption_algorithm,
                    },
                )
            })
        }
        C::GenerateDataKey(a) => generate_data_key(ctx, a, true),
        C::GenerateDataKeyWithoutPlaintext(a) => generate_data_key(ctx, a, false),
        C::GenerateRandom(a) => to_json(ops::generate_random(a.number_of_bytes)?),
        C::EnableKeyRotation(a) => {
            ctx.write(|kr| ops::enable_key_rotation(kr, &a.key_id, a.rotation_period_in_days))
        }
        C::DisableKeyRotation(a) => ctx.write(|kr| ops::disable_key_rotation(kr, &a.key_id)),
        C::GetKeyRotationStatus(a) => ctx.read(|kr| ops::get_key_rotation_status(kr, &a.key_id)),
        C::RotateKeyOnDemand(a) => ctx.write(|kr| ops::rotate_key_on_demand(kr, &a.key_id)),
        C::ListKeyRotations(a) => ctx.read(|kr| {
            let (limit, marker) = page(&a.page);
            ops::list_key_rotations(kr, &a.key_id, limit, marker)
        }),
        C::GetPublicKey(a) => {
            let out = ctx.read(|kr| ops::get_public_key(kr, &a.key_id))?;
            if let Some(path) = &a.outfile {
                blob::write_public_key(path, a.format, &out)?;
            }
            Ok(out)
        }
        C::Sign(a) => {
            blob::grant_tokens(&a.grant_tokens)?;
            let message = blob::read("--message", &a.message)?;
            ctx.read(|kr| ops::sign(kr, &a.key_id, &message, a.message_type, a.signing_algorithm))
        }
        C::Verify(a) => {
            blob::grant_tokens(&a.grant_tokens)?;
            let message = blob::read("--message", &a.message)?;
            let signature = blob::read("--signature", &a.signature)?;
            ctx.read(|kr| {
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
            blob::grant_tokens(&a.grant_tokens)?;
            let message = blob::read("--message", &a.message)?;
            ctx.read(|kr| ops::generate_mac(kr, &a.key_id, &message, a.mac_algorithm))
        }
        C::VerifyMac(a) => {
            blob::grant_tokens(&a.grant_tokens)?;
            let message = blob::read("--message", &a.message)?;
            let mac = blob::read("--mac", &a.mac)?;
            ctx.read(|kr| ops::verify_mac(kr, &a.key_id, &message, &mac, a.mac_algorithm))
        }
        C::GenerateDataKeyPair(a) => generate_data_key_pair(ctx, a, true),
        C::GenerateDataKeyPairWithoutPlaintext(a) => generate_data_key_pair(ctx, a, false),
        C::GetParametersForImport(a) => ctx.write(|kr| {
            ops::get_parameters_for_import(kr, &a.key_id, a.wrapping_algorithm, a.wrapping_key_spec)
        }),
        C::ImportKeyMaterial(a) => {
            let material = blob::read("--encrypted-key-material", &a.encrypted_key_material)?;
            let token = blob::read("--import-token", &a.import_token)?;
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
                    },
                )
            })
        }
        C::DeleteImportedKeyMaterial(a) => {
            ctx.write(|kr| ops::delete_imported_key_material(kr, &a.key_id))
        }
        C::Maintain => ctx.write(|kr| Ok(ops::maintain(kr))),
    }
}

fn generate_data_key_pair(
    ctx: &Context<'_>,
    a: args::GenerateDataKeyPairArgs,
    with_plaintext: bool,
) -> CliResult<serde_json::Value> {
    blob::grant_tokens(&a.grant_tokens)?;
    let ec = blob::context(a.encryption_context)?;
    ctx.read(|kr| ops::generate_data_key_pair(kr, &a.key_id, a.key_pair_spec, &ec, with_plaintext))
}

fn generate_data_key(
    ctx: &Context<'_>,
    a: args::GenerateDataKeyArgs,
    with_plaintext: bool,
) -> CliResult<serde_json::Value> {
    blob::grant_tokens(&a.grant_tokens)?;
    let size = ops::DataKeySize::from_params(a.key_spec.as_deref(), a.number_of_bytes)?;
    let ec = blob::context(a.encryption_context)?;
    ctx.with_key(a.key_id, |kr, key| {
        ops::generate_data_key(kr, key, size, &ec, with_plaintext)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_names_the_keyring_format() {
        let expected = format!("(keyring format {})", lkms::keyring::FORMAT_VERSION);
        assert!(super::VERSION.ends_with(&expected), "{}", super::VERSION);
    }
}
