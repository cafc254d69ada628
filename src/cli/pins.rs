//! Keyring pinning on the command line: `$LKMS_KEYRING_ID`, else the
//! `known_keyrings` file beside the default identity; and `trust-keyring`.

use std::path::{Path, PathBuf};

use lkms::Error;
use lkms::keyring::pin::{self, KeyringIdentity, KnownKeyrings, Pin, Verdict};
use lkms::keyring::{Credential, Keyring};
use serde_json::{Value, json};

use super::args::TrustKeyringArgs;
use super::exit::{CliError, CliResult};
use super::{Context, to_json};

/// `$XDG_CONFIG_HOME/lkms/known_keyrings` (else under `~/.config`); `None`
/// when neither variable is set.
pub fn known_keyrings_file() -> Option<PathBuf> {
    super::credentials::config_dir().map(|d| d.join("known_keyrings"))
}

/// `$LKMS_KEYRING_ID`, when set.
fn env_pin() -> CliResult<Option<Pin>> {
    match std::env::var("LKMS_KEYRING_ID") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|e| CliError::Param(format!("LKMS_KEYRING_ID: {e}"))),
        _ => Ok(None),
    }
}

fn changed(path: &Path, found: &KeyringIdentity, recorded: &KeyringIdentity, file: &Path) -> Error {
    Error::KeyringChanged(format!(
        "the keyring at {} is keyring {found}, but this credential opened keyring {recorded} there before \
         ({} records it). Someone who can write the file may have replaced it with a keyring of their own, \
         to read what you encrypt: do not use it. If you replaced it yourself (a new keyring, a copy from \
         another machine), accept it with `lkms trust-keyring --keyring-id {found}`",
        path.display(),
        file.display()
    ))
}

/// Checks a keyring just unlocked with `cred` against `$LKMS_KEYRING_ID`,
/// else against the `known_keyrings` file, recording it there when this
/// credential has not opened anything at this path before. A file that
/// cannot be written is reported on stderr and the command goes on, as
/// ssh does with known_hosts.
pub fn check(kr: &Keyring, cred: &Credential) -> CliResult<()> {
    let found = kr.identity()?;
    if let Some(pin) = env_pin()? {
        if pin.matches(&found) {
            return Ok(());
        }
        return Err(Error::KeyringChanged(format!(
            "the keyring at {} is keyring {found}, not {pin} as LKMS_KEYRING_ID requires: \
             do not use it unless you know why it changed",
            kr.path().display()
        ))
        .into());
    }
    let Some(file) = known_keyrings_file() else {
        return Ok(());
    };
    let path = pin::pinned_path(kr.path())?;
    let labels = pin::credential_labels(cred);
    match KnownKeyrings::load(&file)?.check(&path, &labels, &found) {
        Verdict::Known => Ok(()),
        Verdict::Changed { recorded } => Err(changed(&path, &found, &recorded, &file).into()),
        Verdict::New => {
            let mine = [kr.credential_label()];
            let recorded = KnownKeyrings::update(&file, |known| {
                // Another process may have recorded something meanwhile.
                if let Verdict::Changed { recorded } = known.check(&path, &labels, &found) {
                    return Err(changed(&path, &found, &recorded, &file));
                }
                known.record(&path, &mine, &found);
                Ok(())
            });
            match recorded {
                Err(e @ Error::KeyringChanged(_)) => Err(e.into()),
                Err(e) => {
                    eprintln!(
                        "lkms: warning: cannot record keyring {found} in {}: {e}",
                        file.display()
                    );
                    Ok(())
                }
                Ok(()) => Ok(()),
            }
        }
    }
}

/// Records a keyring `init` just made for the init's own credentials
/// (`labels`), replacing what they had recorded at its path: whoever
/// creates a keyring trusts it.
pub fn record_new(kr: &Keyring, labels: &[String]) -> CliResult<()> {
    let Some(file) = known_keyrings_file() else {
        return Ok(());
    };
    if labels.is_empty() || env_pin()?.is_some() {
        return Ok(());
    }
    let found = kr.identity()?;
    let path = pin::pinned_path(kr.path())?;
    if let Err(e) = KnownKeyrings::update(&file, |known| {
        known.record(&path, labels, &found);
        Ok(())
    }) {
        eprintln!(
            "lkms: warning: cannot record keyring {found} in {}: {e}",
            file.display()
        );
    }
    Ok(())
}

/// `trust-keyring`: unlocks the keyring without the check, and when it is
/// the keyring named, records it for the credential's every identity.
pub fn trust(ctx: &Context<'_>, a: TrustKeyringArgs) -> CliResult<Value> {
    let wanted: KeyringIdentity = a
        .keyring_id
        .trim()
        .parse()
        .map_err(|e| CliError::Param(format!("--keyring-id: {e}")))?;
    let file = known_keyrings_file().ok_or_else(|| {
        CliError::Param(
            "trust-keyring: no HOME or XDG_CONFIG_HOME to keep known_keyrings in".into(),
        )
    })?;
    let (kr, cred) = ctx.open_unpinned()?;
    let found = kr.identity()?;
    if found != wanted {
        return Err(Error::KeyringChanged(format!(
            "the keyring at {} is keyring {found}, not {wanted}: nothing was recorded",
            kr.path().display()
        ))
        .into());
    }
    let path = pin::pinned_path(kr.path())?;
    let labels = pin::credential_labels(&cred);
    let previous = KnownKeyrings::update(&file, |known| {
        let previous = match known.check(&path, &labels, &found) {
            Verdict::Changed { recorded } => Some(recorded.to_string()),
            Verdict::Known | Verdict::New => None,
        };
        known.record(&path, &labels, &found);
        Ok(previous)
    })?;
    to_json(json!({
        "Keyring": path.display().to_string(),
        "KeyringId": found.id(),
        "KeyringFingerprint": found.fingerprint(),
        "KnownKeyrings": file.display().to_string(),
        "Replaced": previous,
    }))
}
