//! Where the keyring is and how to unlock it: flags, environment, prompt.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use lkms::Error;
use lkms::keyring::Credential;
use lkms::secret::Passphrase;
use lkms::store::Location;

use super::args::GlobalArgs;
use super::exit::{CliError, CliResult};

/// The keyring path: `--keyring`, `$LKMS_KEYRING`, then the XDG data folder.
///
/// The second path is the default location of a version 1 keyring
/// (`keyring.toml`), to migrate from when the default keyring does not
/// exist yet.
pub fn keyring_location(global: &GlobalArgs) -> CliResult<(Location, Option<PathBuf>)> {
    // --store, else $LKMS_STORE unless --keyring is given: the flag on the
    // command line wins over the environment.
    let store = global.store.clone().or_else(|| {
        global
            .keyring
            .is_none()
            .then(|| std::env::var("LKMS_STORE").ok())
            .flatten()
            .filter(|v| !v.is_empty())
    });
    if let Some(url) = store {
        if !lkms::store::postgres::is_url(&url) {
            return Err(CliError::Param(format!(
                "--store {}: expected a postgres:// URL (a keyring file is --keyring)",
                lkms::store::postgres::redact(&url)
            )));
        }
        return Ok((Location::parse(&url)?, None));
    }
    let (path, legacy) = keyring_path(global)?;
    if path.to_str().is_some_and(lkms::store::postgres::is_url) {
        return Err(CliError::Param(
            "--keyring takes a keyring file; a PostgreSQL URL goes to --store (or LKMS_STORE)"
                .into(),
        ));
    }
    Ok((Location::File(path), legacy))
}

/// The keyring file: `--keyring`, `$LKMS_KEYRING`, or the default under
/// `$XDG_DATA_HOME`, with a version 1 keyring to migrate from there.
fn keyring_path(global: &GlobalArgs) -> CliResult<(PathBuf, Option<PathBuf>)> {
    if let Some(p) = flag_or_env(global.keyring.as_ref(), "LKMS_KEYRING") {
        return Ok((p, None));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share")))
        .ok_or_else(|| {
            CliError::Param("cannot find the keyring: set --keyring, LKMS_KEYRING or HOME".into())
        })?;
    let dir = data.join("lkms");
    Ok((dir.join("keyring.db"), Some(dir.join("keyring.toml"))))
}

/// A path flag, else its environment variable; empty values count as unset
/// (so `LKMS_IDENTITY= lkms ...` turns the variable off).
fn flag_or_env(flag: Option<&PathBuf>, var: &str) -> Option<PathBuf> {
    flag.cloned()
        .or_else(|| std::env::var_os(var).map(PathBuf::from))
        .filter(|p| !p.as_os_str().is_empty())
}

/// The region of a new keyring: `--region`, else `$AWS_REGION`, else
/// `$AWS_DEFAULT_REGION` (as the AWS CLI reads them), else us-east-1.
pub fn init_region(global: &GlobalArgs) -> String {
    global
        .region
        .clone()
        .or_else(|| std::env::var("AWS_REGION").ok())
        .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| lkms::arn::DEFAULT_REGION.to_owned())
}

/// Whether a person is there to answer a prompt.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Reads a file the user named, with an error naming the flag.
pub fn read_user_file(path: &Path, flag: &str) -> CliResult<zeroize::Zeroizing<String>> {
    std::fs::read_to_string(path)
        .map(zeroize::Zeroizing::new)
        .map_err(|e| CliError::Param(format!("{flag} {}: {e}", path.display())))
}

fn env_passphrase(var: &str) -> Option<Passphrase> {
    std::env::var(var)
        .ok()
        .filter(|v| !v.is_empty())
        .map(Passphrase::new)
}

/// lkms's config folder: `$XDG_CONFIG_HOME/lkms`, else `~/.config/lkms`.
pub fn config_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))
        .map(|c| c.join("lkms"))
}

/// The default identity file: `$XDG_CONFIG_HOME/lkms/identity.txt`, as
/// SOPS keeps its age keys under the config folder.
pub fn default_identity() -> Option<PathBuf> {
    config_dir().map(|c| c.join("identity.txt"))
}

/// Which slots an unlock tries: `--unlock-slot` (else `$LKMS_UNLOCK_SLOT`)
/// alone, else the login name's passphrase slots first.
pub fn slot_choice(global: &GlobalArgs) -> CliResult<lkms::keyring::SlotChoice> {
    let slot = match global.unlock_slot {
        Some(n) => Some(n),
        None => match std::env::var("LKMS_UNLOCK_SLOT") {
            Ok(v) if !v.trim().is_empty() => Some(v.trim().parse::<u32>().map_err(|_| {
                CliError::Param(format!("LKMS_UNLOCK_SLOT={v}: expected a slot number"))
            })?),
            _ => None,
        },
    };
    Ok(lkms::keyring::SlotChoice {
        slot: slot.map(lkms::keyring::SlotId),
        principal: login_name().parse().ok(),
    })
}

/// `--generate-identity`'s path: the one given, or the default location
/// when the flag has no value.
pub fn identity_or_default(given: Option<&Path>) -> CliResult<PathBuf> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    default_identity().ok_or_else(|| {
        CliError::Param("--generate-identity: no HOME or XDG_CONFIG_HOME; name a file".into())
    })
}

/// The identity file credential, if one was given.
pub fn identity(global: &GlobalArgs) -> CliResult<Option<Credential>> {
    match flag_or_env(global.identity.as_ref(), "LKMS_IDENTITY") {
        Some(path) => {
            let text = read_user_file(&path, "--identity")?;
            Ok(Some(Credential::from_identity_file(&text)?))
        }
        None => Ok(None),
    }
}

/// A passphrase given without a prompt: `--passphrase-file`, then `$LKMS_PASSPHRASE`.
pub fn given_passphrase(global: &GlobalArgs) -> CliResult<Option<Passphrase>> {
    if let Some(path) = &global.passphrase_file {
        let text = read_user_file(path, "--passphrase-file")?;
        return Ok(Some(Passphrase::new(text.to_string())));
    }
    Ok(env_passphrase("LKMS_PASSPHRASE"))
}

/// The credential to unlock with, in the documented order: identity file,
/// passphrase file, `$LKMS_PASSPHRASE`, a prompt on a terminal.
pub fn credential(global: &GlobalArgs, keyring: &Path) -> CliResult<Credential> {
    if let Some(c) = identity(global)? {
        return Ok(c);
    }
    if let Some(p) = given_passphrase(global)? {
        return Ok(Credential::Passphrase(p));
    }
    if let Some(path) = default_identity().filter(|p| p.is_file()) {
        let text = read_user_file(&path, "the default identity file")?;
        return Ok(Credential::from_identity_file(&text)?);
    }
    if interactive() {
        let p = prompt(&format!("Passphrase for {}", keyring.display()), false)?;
        return Ok(Credential::Passphrase(p));
    }
    Err(Error::CredentialsRequired(format!(
        "no credential to unlock {}: pass --identity FILE (or set LKMS_IDENTITY, or keep an identity at {}), \
         --passphrase-file FILE, or set LKMS_PASSPHRASE; without a terminal lkms cannot prompt",
        keyring.display(),
        default_identity().map_or_else(|| "~/.config/lkms/identity.txt".into(), |p| p.display().to_string())
    ))
    .into())
}

/// An unlock failure's message, with what the keyring's slots are and how
/// to supply a credential for each kind.
pub fn unlock_hint(message: &str, keyring: &Location) -> String {
    let Ok(slots) = lkms::keyring::Keyring::peek_slots(keyring) else {
        return message.to_owned();
    };
    let of = |kind: &str| -> Vec<String> {
        slots
            .iter()
            .filter(|s| s.kind == kind)
            .map(|s| s.principal.to_string())
            .collect()
    };
    let default = default_identity().map_or_else(
        || "~/.config/lkms/identity.txt".to_owned(),
        |p| p.display().to_string(),
    );
    let mut ways = Vec::new();
    let age = of("age");
    if !age.is_empty() {
        ways.push(format!(
            "{} age slot{} ({}): unlock with --identity FILE, LKMS_IDENTITY=FILE or an identity at {default}",
            age.len(),
            if age.len() == 1 { "" } else { "s" },
            age.join(", ")
        ));
    }
    let pass = of("passphrase");
    if !pass.is_empty() {
        ways.push(format!(
            "{} passphrase slot{} ({}): unlock with --passphrase-file FILE, LKMS_PASSPHRASE or the prompt",
            pass.len(),
            if pass.len() == 1 { "" } else { "s" },
            pass.join(", ")
        ));
    }
    format!("{message}. The keyring has {}", ways.join("; "))
}

/// Whether the credential came from a terminal prompt (so a wrong one may
/// be asked for again).
pub fn prompted(global: &GlobalArgs) -> bool {
    global.identity.is_none()
        && std::env::var_os("LKMS_IDENTITY").is_none_or(|v| v.is_empty())
        && global.passphrase_file.is_none()
        && std::env::var_os("LKMS_PASSPHRASE").is_none_or(|v| v.is_empty())
        && !default_identity().is_some_and(|p| p.is_file())
        && interactive()
}

/// A new passphrase: from `file`, else `$LKMS_NEW_PASSPHRASE`, else a
/// confirmed prompt on a terminal.
pub fn new_passphrase(file: Option<&Path>, what: &str) -> CliResult<Passphrase> {
    if let Some(path) = file {
        let text = read_user_file(path, "--new-passphrase-file")?;
        return Ok(Passphrase::new(text.to_string()));
    }
    if let Some(p) = env_passphrase("LKMS_NEW_PASSPHRASE") {
        return Ok(p);
    }
    if interactive() {
        return prompt(what, true);
    }
    Err(Error::CredentialsRequired(
        "no new passphrase: pass --new-passphrase-file FILE or set LKMS_NEW_PASSPHRASE; \
         without a terminal lkms cannot prompt"
            .into(),
    )
    .into())
}

/// Passphrases shorter than this get a warning when they are chosen.
const MIN_GOOD_PASSPHRASE: usize = 12;

/// Asks for a passphrase on the terminal, twice when `confirm`.
pub fn prompt(what: &str, confirm: bool) -> CliResult<Passphrase> {
    let mut p = dialoguer::Password::new().with_prompt(what);
    if confirm {
        p = p.with_confirmation(
            "Repeat the passphrase",
            "The passphrases do not match; try again",
        );
    }
    let text = p
        .interact()
        .map_err(|e| CliError::Param(format!("reading the passphrase: {e}")))?;
    let pass = Passphrase::new(text);
    if pass.is_empty() {
        return Err(CliError::Param("the passphrase is empty".into()));
    }
    if confirm && pass.char_len() < MIN_GOOD_PASSPHRASE {
        eprintln!(
            "lkms: warning: a passphrase of {} characters is weak; use {MIN_GOOD_PASSPHRASE} or more, \
             or several random words (Argon2id slows guessing, it cannot stop it)",
            pass.char_len()
        );
    }
    Ok(pass)
}

/// The login user name, the default principal of `init`.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "owner".into())
}

/// Asks the user to confirm a destructive action, on a terminal, unless
/// `--yes`. Without a terminal there is no one to ask and the command goes
/// ahead, as `aws` does.
pub fn confirm(global: &GlobalArgs, question: &str) -> CliResult<()> {
    if global.yes || !interactive() {
        return Ok(());
    }
    let yes = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|e| CliError::Param(format!("reading the answer: {e}")))?;
    if yes { Ok(()) } else { Err(CliError::Declined) }
}

/// Lets the user pick a key when `--key-id` was not given: a fuzzy list of
/// the enabled keys on a terminal, else the usage error clap would give.
pub fn pick_key(
    key_id: Option<String>,
    keys: impl FnOnce() -> CliResult<Vec<(String, String)>>,
) -> CliResult<String> {
    if let Some(k) = key_id {
        return Ok(k);
    }
    if !interactive() {
        return Err(CliError::Usage(
            "the following required argument was not provided: --key-id <KEY>".into(),
        ));
    }
    let keys = keys()?;
    if keys.is_empty() {
        return Err(CliError::Usage(
            "--key-id: there is no key this command can act on to choose from".into(),
        ));
    }
    let labels: Vec<&str> = keys.iter().map(|(_, label)| label.as_str()).collect();
    let i = dialoguer::FuzzySelect::new()
        .with_prompt("Key")
        .items(&labels)
        .default(0)
        .interact()
        .map_err(|e| CliError::Param(format!("reading the choice: {e}")))?;
    Ok(keys[i].0.clone())
}
