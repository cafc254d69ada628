//! Keyring pinning: which keyring each credential has opened at each path,
//! kept in a `known_keyrings` file as ssh keeps host keys in `known_hosts`.
//!
//! Anyone who can write a keyring file can replace it with a keyring they
//! made for a principal's public age recipient; that credential would then
//! open it, and encrypt to them. A keyring is recognised by its id and a
//! fingerprint derived from its derivation secret, which only holders of
//! the keyring's root key know and which survives root key rotation (see
//! docs/DECISIONS.md), so a replacement differs even when it copies the id.
//!
//! The file has one line per (path, credential):
//!
//! ```text
//! /home/me/.local/share/lkms/keyring.db age1qqq... 0123456789abcdef:00112233445566778899aabbccddeeff
//! ```
//!
//! the keyring's absolute path (bytes other than letters, digits and
//! `/._-+,@=~` percent-encoded), the credential (`age1...` for an identity,
//! `passphrase` for a passphrase), and `<keyring id>:<fingerprint>`. Lines
//! starting with `#` and blank lines are ignored.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::{Credential, Keyring};
use crate::error::{Error, Result};

/// The label of a passphrase credential in the file: a passphrase is never
/// written, nor anything derived from it that would let it be guessed.
pub const PASSPHRASE: &str = "passphrase";

/// What recognises one keyring: its id and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyringIdentity {
    id: String,
    fingerprint: String,
}

impl KeyringIdentity {
    /// The keyring id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The fingerprint: 128 bits, in hex.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Length of a keyring id in hex.
const ID_HEX: usize = 16;
/// Length of a fingerprint in hex.
const FINGERPRINT_HEX: usize = 32;

impl fmt::Display for KeyringIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.id, self.fingerprint)
    }
}

impl FromStr for KeyringIdentity {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.parse::<Pin>()? {
            Pin {
                id,
                fingerprint: Some(fingerprint),
            } => Ok(KeyringIdentity { id, fingerprint }),
            Pin { .. } => Err(format!(
                "{s:?} has no fingerprint (<keyring id>:<fingerprint>)"
            )),
        }
    }
}

/// An expected keyring, as `LKMS_KEYRING_ID` or `trust-keyring
/// --keyring-id` give it: the id alone, or the id and the fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// The keyring id.
    pub id: String,
    /// The fingerprint, when given: without it, a keyring made to copy
    /// the id would pass.
    pub fingerprint: Option<String>,
}

impl Pin {
    /// Whether `found` is the keyring this pin names.
    pub fn matches(&self, found: &KeyringIdentity) -> bool {
        self.id == found.id
            && self
                .fingerprint
                .as_ref()
                .is_none_or(|f| crate::crypto::ct_eq(f.as_bytes(), found.fingerprint.as_bytes()))
    }
}

impl FromStr for Pin {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (id, fingerprint) = match s.split_once(':') {
            Some((id, f)) => (id, Some(f)),
            None => (s, None),
        };
        let well_formed =
            is_hex(id, ID_HEX) && fingerprint.is_none_or(|f| is_hex(f, FINGERPRINT_HEX));
        if !well_formed {
            return Err(format!(
                "{s:?} is not a keyring id: expected {ID_HEX} hex digits, optionally followed by \
                 ':' and the {FINGERPRINT_HEX}-digit fingerprint (as `lkms whoami` prints them)"
            ));
        }
        Ok(Pin {
            id: id.to_owned(),
            fingerprint: fingerprint.map(str::to_owned),
        })
    }
}

impl fmt::Display for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fingerprint {
            Some(fp) => write!(f, "{}:{fp}", self.id),
            None => f.write_str(&self.id),
        }
    }
}

impl Keyring {
    /// The keyring's identity for pinning. The fingerprint is HKDF of the
    /// derivation secret with a label of its own: it reveals nothing of the
    /// secret, only holders of the root key can compute it, and it stays the
    /// same through `rotate-root-key`, `slot remove` and `passwd`.
    pub fn identity(&self) -> Result<KeyringIdentity> {
        if !is_hex(&self.keyring_id, ID_HEX) {
            return Err(self.corrupt(format!(
                "the keyring id {:?} is not {ID_HEX} hex digits",
                self.keyring_id
            )));
        }
        let key = self.derive_key("lkms keyring fingerprint v1");
        Ok(KeyringIdentity {
            id: self.keyring_id.clone(),
            fingerprint: crate::encoding::hex(&key.expose()[..FINGERPRINT_HEX / 2]),
        })
    }

    /// The label of the credential that unlocked this keyring: the age
    /// recipient of its slot, or [`PASSPHRASE`].
    pub fn credential_label(&self) -> String {
        self.slots
            .iter()
            .find(|s| s.id == self.caller.slot)
            .and_then(|s| s.info().recipient)
            .unwrap_or_else(|| PASSPHRASE.to_owned())
    }
}

/// The labels `cred` can be recorded under: one per identity, or
/// [`PASSPHRASE`].
pub fn credential_labels(cred: &Credential) -> Vec<String> {
    match cred {
        Credential::Passphrase(_) => vec![PASSPHRASE.to_owned()],
        Credential::Identities(_) => cred.recipients().iter().map(|r| r.to_string()).collect(),
    }
}

fn is_label(s: &str) -> bool {
    s == PASSPHRASE
        || (s.starts_with("age1")
            && s.len() <= 128
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// One line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownKeyring {
    /// The keyring's absolute path.
    pub path: PathBuf,
    /// The credential's label.
    pub credential: String,
    /// The keyring it opened there.
    pub identity: KeyringIdentity,
}

/// What the file says about a keyring just opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The credential opened this same keyring at this path before.
    Known,
    /// Nothing is recorded for this path and credential.
    New,
    /// The credential opened another keyring at this path.
    Changed {
        /// What the file records.
        recorded: KeyringIdentity,
    },
}

/// The parsed `known_keyrings` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownKeyrings {
    entries: Vec<KnownKeyring>,
}

/// The path as the file keys it: absolute, not resolving symbolic links,
/// so that a link swapped in for the keyring file is a change of keyring.
pub fn pinned_path(path: &Path) -> Result<PathBuf> {
    // A database keyring is pinned by its URL (without a password), which
    // means the same from every directory.
    if path.to_str().is_some_and(crate::store::postgres::is_url) {
        return Ok(path.to_path_buf());
    }
    std::path::absolute(path).map_err(|e| Error::io(format!("resolving {}", path.display()), e))
}

fn safe_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"/._-+,@=~".contains(&b)
}

fn encode_path(path: &Path) -> String {
    let bytes = path_bytes(path);
    let mut out = String::with_capacity(bytes.len());
    for b in bytes.iter() {
        if safe_byte(*b) {
            out.push(*b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode_path(text: &str) -> std::result::Result<PathBuf, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let byte = text
                    .get(i + 1..i + 3)
                    .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or("a '%' not followed by two hex digits")?;
                out.push(byte);
                i += 3;
            }
            b if safe_byte(b) => {
                out.push(b);
                i += 1;
            }
            _ => return Err("a character that should be percent-encoded".into()),
        }
    }
    // A database keyring's line holds its URL.
    if out.first() != Some(&b'/')
        && !std::str::from_utf8(&out).is_ok_and(crate::store::postgres::is_url)
    {
        return Err("the path is not absolute".into());
    }
    Ok(path_from_bytes(out))
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

impl KnownKeyrings {
    /// Parses the file's text; an error names the first bad line.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| format!("line {}: {why}", n + 1);
            let fields: Vec<&str> = line.split_ascii_whitespace().collect();
            let [path, credential, identity] = fields[..] else {
                return Err(bad(
                    "expected three fields: <path> <credential> <keyring id>:<fingerprint>",
                ));
            };
            let path = decode_path(path).map_err(|e| bad(&e))?;
            if !is_label(credential) {
                return Err(bad(
                    "the credential is neither an age1... recipient nor `passphrase`",
                ));
            }
            let identity = identity.parse().map_err(|e: String| bad(&e))?;
            entries.push(KnownKeyring {
                path,
                credential: credential.to_owned(),
                identity,
            });
        }
        Ok(KnownKeyrings { entries })
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# Keyrings each credential has opened, as lkms recognises them (see `lkms trust-keyring --help`).\n\
             # <keyring path> <credential> <keyring id>:<fingerprint>\n",
        );
        for e in &self.entries {
            out.push_str(&format!(
                "{} {} {}\n",
                encode_path(&e.path),
                e.credential,
                e.identity
            ));
        }
        out
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[KnownKeyring] {
        &self.entries
    }

    /// Compares `found`, just opened at `path`, with what the file records
    /// for `path` and any of `credentials` (an identity file may hold
    /// several identities; a keyring made for another one of them is a
    /// change all the same).
    pub fn check(&self, path: &Path, credentials: &[String], found: &KeyringIdentity) -> Verdict {
        let mut known = false;
        for e in &self.entries {
            if e.path != path || !credentials.contains(&e.credential) {
                continue;
            }
            if e.identity == *found {
                known = true;
            } else {
                return Verdict::Changed {
                    recorded: e.identity.clone(),
                };
            }
        }
        if known { Verdict::Known } else { Verdict::New }
    }

    /// Records that `credentials` opened `identity` at `path`, replacing
    /// what was recorded for them there.
    pub fn record(&mut self, path: &Path, credentials: &[String], identity: &KeyringIdentity) {
        self.entries
            .retain(|e| e.path != path || !credentials.contains(&e.credential));
        for c in credentials {
            self.entries.push(KnownKeyring {
                path: path.to_path_buf(),
                credential: c.clone(),
                identity: identity.clone(),
            });
        }
    }

    /// Reads the file at `file`; a missing file is an empty one.
    pub fn load(file: &Path) -> Result<Self> {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Error::io(format!("reading {}", file.display()), e)),
        };
        Self::parse(&text).map_err(|e| {
            Error::KeyringChanged(format!(
                "{} is damaged ({e}); lkms checks every keyring against it, so fix or remove that line",
                file.display()
            ))
        })
    }

    /// Writes the file atomically (a private temporary file renamed over
    /// it), mode 0600, creating its folder (0700) when needed.
    pub fn save(&self, file: &Path) -> Result<()> {
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.exists() {
            super::create_private_dir(&dir)?;
        }
        let mut b = tempfile::Builder::new();
        b.prefix(".known_keyrings.");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            b.permissions(std::fs::Permissions::from_mode(0o600));
        }
        let mut tmp = b
            .tempfile_in(&dir)
            .map_err(|e| Error::io(format!("creating a file in {}", dir.display()), e))?;
        use std::io::Write;
        tmp.write_all(self.to_text().as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| Error::io(format!("writing {}", tmp.path().display()), e))?;
        tmp.persist(file)
            .map_err(|e| Error::io(format!("replacing {}", file.display()), e.error))?;
        crate::staging::sync_parent(file);
        Ok(())
    }

    /// Runs `f` on the file's current contents while holding a lock on its
    /// folder (so that two lkms processes recording at once lose neither
    /// entry), then saves what `f` left. The lock is best effort: a folder
    /// that cannot be locked is written without it.
    pub fn update<T>(file: &Path, f: impl FnOnce(&mut KnownKeyrings) -> Result<T>) -> Result<T> {
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !dir.exists() {
            super::create_private_dir(&dir)?;
        }
        let lock = std::fs::File::open(&dir).ok();
        if let Some(l) = &lock {
            let _ = l.lock();
        }
        let mut known = Self::load(file)?;
        let result = f(&mut known)?;
        known.save(file)?;
        drop(lock);
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(id: &str, fp: &str) -> KeyringIdentity {
        format!("{id}:{fp}").parse().expect("identity")
    }

    #[test]
    fn the_file_round_trips_odd_paths_and_refuses_bad_lines() {
        let a = identity("0123456789abcdef", &"a".repeat(32));
        let mut k = KnownKeyrings::default();
        let odd = Path::new("/tmp/with space/%and\nnewline/k.db");
        k.record(odd, &["passphrase".into()], &a);
        k.record(Path::new("/k.db"), &["age1abc".into()], &a);
        let text = k.to_text();
        assert_eq!(text.lines().filter(|l| !l.starts_with('#')).count(), 2);
        assert_eq!(KnownKeyrings::parse(&text).expect("parse"), k);
        for bad in [
            "/k.db passphrase",
            "k.db passphrase 0123456789abcdef:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "/k.db password 0123456789abcdef:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "/k.db passphrase 0123456789abcdef",
            "/k%2.db passphrase 0123456789abcdef:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "/k.db passphrase 0123456789ABCDEF:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            let e = KnownKeyrings::parse(&format!("# ok\n\n{bad}\n")).expect_err(bad);
            assert!(e.starts_with("line 3:"), "{e}");
        }
    }

    #[test]
    fn a_different_keyring_for_any_of_the_credentials_is_a_change() {
        let a = identity("0123456789abcdef", &"a".repeat(32));
        let b = identity("0123456789abcdef", &"b".repeat(32));
        let p = Path::new("/k.db");
        let mut k = KnownKeyrings::default();
        assert_eq!(k.check(p, &["age1x".into()], &a), Verdict::New);
        k.record(p, &["age1x".into()], &a);
        assert_eq!(k.check(p, &["age1x".into()], &a), Verdict::Known);
        assert_eq!(
            k.check(p, &["age1y".into(), "age1x".into()], &b),
            Verdict::Changed {
                recorded: a.clone()
            }
        );
        assert_eq!(k.check(p, &["age1y".into()], &b), Verdict::New);
        assert_eq!(
            k.check(Path::new("/other.db"), &["age1x".into()], &b),
            Verdict::New
        );
        k.record(p, &["age1x".into()], &b);
        assert_eq!(k.check(p, &["age1x".into()], &b), Verdict::Known);
        assert_eq!(k.entries().len(), 1);
    }

    #[test]
    fn pins_take_the_id_alone_or_with_the_fingerprint() {
        let a = identity("0123456789abcdef", &"a".repeat(32));
        let id_only: Pin = "0123456789abcdef".parse().expect("pin");
        assert!(id_only.matches(&a));
        let full: Pin = a.to_string().parse().expect("pin");
        assert!(full.matches(&a));
        let other: Pin = format!("0123456789abcdef:{}", "b".repeat(32))
            .parse()
            .expect("pin");
        assert!(!other.matches(&a));
        assert!(!"0123456789abcdee".parse::<Pin>().expect("pin").matches(&a));
        assert!("xyz".parse::<Pin>().is_err());
        assert!("0123456789abcdef:".parse::<Pin>().is_err());
    }
}
