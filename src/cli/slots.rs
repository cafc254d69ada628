//! `init`, `slot list|add|remove` and `passwd`: the keyring's unlock slots.

use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use lkms::Error;
use lkms::keyring::{Credential, Keyring, NewSlot, Principal, SlotId, SlotInfo};
use serde::Serialize;
use serde_json::{Value, json};

use super::args::{InitArgs, MigrateArgs, PasswdArgs, SlotAddArgs, SlotCommand, SlotRemoveArgs};
use super::credentials;
use super::exit::{CliError, CliResult};
use super::outputs::{self, Replace};
use super::{Context, to_json};

fn parse_principal(name: &str) -> CliResult<Principal> {
    Ok(name.parse::<Principal>()?)
}

fn parse_recipient(r: &str) -> CliResult<age::x25519::Recipient> {
    r.trim().parse().map_err(|_| {
        CliError::Param(format!(
            "--age-recipient {r:?} is not an age X25519 recipient (age1...)"
        ))
    })
}

/// A new identity file, written only if nothing is at `path` yet.
struct NewIdentity {
    path: PathBuf,
}

impl NewIdentity {
    /// Generates an identity and writes it to `path` (mode 0600, folder
    /// 0700 when created; an existing file only when `replace` allows it);
    /// returns its recipient.
    fn create(
        path: &Path,
        replace: Replace,
        now: time::OffsetDateTime,
    ) -> CliResult<(Self, age::x25519::Recipient)> {
        let id = age::x25519::Identity::generate();
        let recipient = id.to_public();
        let body = zeroize::Zeroizing::new(format!(
            "# created: {}\n# public key: {recipient}\n{}\n",
            lkms::timestamp::format(now),
            id.to_string().expose_secret()
        ));
        // The temporary file is created 0600, so the identity is never
        // readable by others, not even for a moment.
        outputs::write(path, body.as_bytes(), replace)
            .map_err(|e| CliError::Param(format!("--generate-identity {}: {e}", path.display())))?;
        Ok((
            NewIdentity {
                path: path.to_path_buf(),
            },
            recipient,
        ))
    }

    /// Removes the file again when the command that made it failed.
    fn discard(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InitResponse {
    keyring_id: String,
    region: String,
    account: String,
    path: String,
    slots: Vec<SlotInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identity_file: Option<String>,
}

/// `init`.
pub fn init(ctx: &Context<'_>, a: InitArgs) -> CliResult<Value> {
    // A version 1 keyring at the old default location counts as existing:
    // the first command migrates it to the new location.
    let existing = ctx
        .location
        .file()
        .into_iter()
        .chain(ctx.legacy.as_deref())
        .find(|p| p.exists());
    if let Some(path) = existing {
        return Err(Error::KeyringExists {
            path: path.to_path_buf(),
        }
        .into());
    }
    let identity_file = a
        .generate_identity
        .as_ref()
        .map(|given| credentials::identity_or_default(given.as_deref()))
        .transpose()?;
    let replace = identity_file
        .as_deref()
        .map(|p| outputs::check(p, a.force))
        .transpose()?;
    let principal = parse_principal(&a.principal.unwrap_or_else(credentials::login_name))?;
    let mut new = Vec::new();
    // The credentials of whoever runs init, who trusts the keyring it makes.
    let mut own = Vec::new();
    if let Some(Credential::Identities(ids)) = credentials::identity(ctx.global)? {
        new.extend(ids.iter().map(|i| NewSlot::Age(i.to_public())));
        own.extend(ids.iter().map(|i| i.to_public().to_string()));
    }
    if let Some(p) = credentials::given_passphrase(ctx.global)? {
        new.push(NewSlot::Passphrase(p));
        own.push(lkms::keyring::pin::PASSPHRASE.to_owned());
    }
    for r in &a.age_recipient {
        new.push(NewSlot::Age(parse_recipient(r)?));
    }
    if new.is_empty() && a.generate_identity.is_none() {
        if !credentials::interactive() {
            return Err(Error::CredentialsRequired(
                "init needs a first unlock slot: set LKMS_PASSPHRASE, pass --passphrase-file FILE, \
                 --identity FILE, --age-recipient age1... or --generate-identity FILE"
                    .into(),
            )
            .into());
        }
        new.push(NewSlot::Passphrase(credentials::prompt(
            "Passphrase for the new keyring",
            true,
        )?));
        own.push(lkms::keyring::pin::PASSPHRASE.to_owned());
    }
    let generated = match identity_file.as_deref().zip(replace) {
        Some((path, replace)) => {
            let (file, r) = NewIdentity::create(path, replace, ctx.now)?;
            own.push(r.to_string());
            new.push(NewSlot::Age(r));
            Some(file)
        }
        None => None,
    };
    let region = credentials::init_region(ctx.global);
    match Keyring::init_at(&ctx.location, principal, &new, &region, ctx.now) {
        Ok(mut kr) => {
            let response = InitResponse {
                keyring_id: kr.id().to_owned(),
                region: kr.region().to_owned(),
                account: kr.account().to_owned(),
                path: kr.path().display().to_string(),
                slots: kr.slots().iter().map(|s| s.info()).collect(),
                identity_file: generated.map(|g| g.path.display().to_string()),
            };
            kr.record(&ctx.call(), &Ok::<_, Error>(&response))?;
            super::pins::record_new(&kr, &own)?;
            to_json(response)
        }
        Err(e) => {
            if let Some(g) = generated {
                g.discard();
            }
            Err(e.into())
        }
    }
}

/// `slot list|add|remove`.
pub fn slot(ctx: &Context<'_>, command: SlotCommand) -> CliResult<Value> {
    match command {
        SlotCommand::List => ctx.read(|kr| {
            Ok(json!({ "Slots": kr.slots().iter().map(|s| s.info()).collect::<Vec<_>>() }))
        }),
        SlotCommand::Add(a) => slot_add(ctx, a),
        SlotCommand::Remove(SlotRemoveArgs { slot_id }) => {
            credentials::confirm(
                ctx.global,
                &format!("Remove slot {slot_id}? Its credential will no longer unlock the keyring"),
            )?;
            ctx.write(|kr| Ok(json!({ "Slot": kr.remove_slot(SlotId(slot_id))? })))
        }
    }
}

fn slot_add(ctx: &Context<'_>, a: SlotAddArgs) -> CliResult<Value> {
    let principal = a.principal.as_deref().map(parse_principal).transpose()?;
    // Unlock first, so a wrong credential fails before any file is written
    // or any passphrase is asked for.
    let kr = ctx.open()?;
    let (new, generated) = if let Some(r) = &a.age_recipient {
        (NewSlot::Age(parse_recipient(r)?), None)
    } else if let Some(path) = &a.generate_identity {
        let replace = outputs::check(path, false)?;
        let (file, r) = NewIdentity::create(path, replace, ctx.now)?;
        (NewSlot::Age(r), Some(file))
    } else {
        let p = credentials::new_passphrase(
            a.new_passphrase_file.as_deref(),
            "Passphrase for the new slot",
        )?;
        (NewSlot::Passphrase(p), None)
    };
    let result = kr.update_audited(&ctx.call(), |kr| {
        let principal = principal.unwrap_or_else(|| kr.caller().principal.clone());
        kr.add_slot(principal, &new, a.admin)
    });
    match result {
        Ok(info) => {
            let mut v = json!({ "Slot": info });
            if let Some(g) = generated {
                v["IdentityFile"] = json!(g.path.display().to_string());
            }
            Ok(v)
        }
        Err(e) => {
            if let Some(g) = generated {
                g.discard();
            }
            Err(e.into())
        }
    }
}

/// `passwd`.
pub fn passwd(ctx: &Context<'_>, a: PasswdArgs) -> CliResult<Value> {
    let kr = ctx.open()?;
    let new = credentials::new_passphrase(a.new_passphrase_file.as_deref(), "New passphrase")?;
    let info = kr.update_audited(&ctx.call(), |kr| {
        kr.change_passphrase(a.slot_id.map(SlotId), new)
    })?;
    to_json(json!({ "Slot": info }))
}

/// `migrate`: converts a version 1 keyring now (every command does it on
/// first use); with `--to`, copies the keyring to another store.
pub fn migrate(ctx: &Context<'_>, a: &MigrateArgs) -> CliResult<Value> {
    if let Some(to) = &a.to {
        let to = lkms::store::Location::parse(to)?;
        return ctx.read(|kr| kr.copy_to(&to));
    }
    if ctx.location.file().is_none() {
        return Err(Error::validation(format!(
            "{} is a database keyring, which is always current; --to copies it elsewhere",
            ctx.path.display()
        ))
        .into());
    }
    let cred = ctx.credential()?;
    let from = match &ctx.legacy {
        Some(old) if old.exists() && !ctx.path.exists() => old.as_path(),
        _ => ctx.path.as_path(),
    };
    match Keyring::migrate(from, &ctx.path, &cred, ctx.now) {
        Ok(Some(m)) => to_json(m),
        Ok(None) => Err(Error::validation(format!(
            "{} is already a version {} keyring",
            ctx.path.display(),
            lkms::keyring::FORMAT_VERSION
        ))
        .into()),
        Err(Error::KeyringCorrupt { .. }) if is_current(&ctx.path) => {
            Err(Error::validation(format!(
                "{} is already a version {} keyring",
                ctx.path.display(),
                lkms::keyring::FORMAT_VERSION
            ))
            .into())
        }
        Err(e) => Err(e.into()),
    }
}

fn is_current(path: &std::path::Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(lkms::store::sqlite::MAGIC))
}
