//! Access keys: a principal's credentials for `lkms serve`, in IAM's shape.
//!
//! An access key is an [`AccessKeyId`] (not secret: it names the key in
//! every signed request, as AWS's `AKIA…` ids do) and a [`SecretAccessKey`]
//! that signs requests with AWS Signature Version 4. SigV4 is an HMAC keyed
//! by the secret itself, so the server must hold the secret, not a hash of
//! it: the keyring stores it sealed (see `keyring/access.rs`). The secret is
//! shown once, when the key is created.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::keyring::Principal;
use crate::secret::SecretBytes;

/// The most access keys one principal may have, as IAM allows a user.
pub const MAX_ACCESS_KEYS_PER_PRINCIPAL: usize = 2;

/// The longest description of an access key, in characters (IAM's limit
/// on the tag value its console keeps an access key's description in).
pub const MAX_DESCRIPTION_CHARS: usize = 256;

/// The RFC 4648 base32 alphabet, which AWS's access key ids use.
const ID_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The alphabet of AWS secret access keys (base64's).
const SECRET_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `n` characters drawn uniformly from `alphabet`, whose length divides 256,
/// so that masking a random byte picks each character equally often.
fn random_chars(alphabet: &[u8], n: usize) -> SecretBytes {
    debug_assert!(256 % alphabet.len() == 0);
    let mask = alphabet.len() - 1;
    let random = SecretBytes::random(n);
    // Collected with its exact size, so no copy is left in a freed buffer.
    let chars: Vec<u8> = random
        .expose()
        .iter()
        .map(|b| alphabet[usize::from(*b) & mask])
        .collect();
    SecretBytes::new(chars)
}

/// An access key's id: `LKIA` and 16 characters of `A-Z2-7` (80 random
/// bits), 20 characters in all like AWS's `AKIA…`, so tools that check the
/// shape of an AWS access key id accept it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccessKeyId(String);

impl AccessKeyId {
    /// What every lkms access key id starts with.
    pub const PREFIX: &'static str = "LKIA";
    /// The length of an access key id.
    pub const LEN: usize = 20;

    /// A fresh id from the operating system's random source.
    pub fn random() -> Self {
        let tail = random_chars(ID_ALPHABET, Self::LEN - Self::PREFIX.len());
        let tail = String::from_utf8_lossy(tail.expose());
        AccessKeyId(format!("{}{tail}", Self::PREFIX))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for AccessKeyId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let well_formed = s.len() == Self::LEN
            && s.starts_with(Self::PREFIX)
            && s.bytes().all(|b| ID_ALPHABET.contains(&b));
        if well_formed {
            Ok(AccessKeyId(s.to_owned()))
        } else {
            // An id is not secret: naming it helps find the typo.
            Err(Error::validation(format!(
                "access key id {s:?} is not an lkms access key id ({} followed by 16 characters of A-Z and 2-7)",
                Self::PREFIX
            )))
        }
    }
}

impl TryFrom<String> for AccessKeyId {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        s.parse()
    }
}

impl From<AccessKeyId> for String {
    fn from(id: AccessKeyId) -> String {
        id.0
    }
}

impl fmt::Display for AccessKeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An access key's secret: 40 characters of base64's alphabet (240 random
/// bits), as AWS's. It lives in a locked, zeroizing buffer; `Debug` prints a
/// placeholder and it has no `Display` and no public `Serialize`, so it
/// reaches output only through [`SecretAccessKey::expose`].
#[derive(Clone)]
pub struct SecretAccessKey(SecretBytes);

impl SecretAccessKey {
    /// The length of a secret access key.
    pub const LEN: usize = 40;

    /// A fresh secret from the operating system's random source.
    pub fn generate() -> Self {
        SecretAccessKey(random_chars(SECRET_ALPHABET, Self::LEN))
    }

    /// The secret, for the one use that needs it (signing, or printing it
    /// the one time it is shown).
    pub fn expose(&self) -> &str {
        std::str::from_utf8(self.0.expose())
            .unwrap_or_else(|_| unreachable!("a secret access key is ASCII by construction"))
    }

    /// Checks and takes a secret given as text; the error never repeats it.
    fn from_text(s: &str) -> Result<Self> {
        if s.len() == Self::LEN && s.bytes().all(|b| SECRET_ALPHABET.contains(&b)) {
            Ok(SecretAccessKey(SecretBytes::new(s.as_bytes().to_vec())))
        } else {
            Err(Error::validation(format!(
                "a secret access key is {} characters of A-Z, a-z, 0-9, '+' and '/' (the value is not shown)",
                Self::LEN
            )))
        }
    }
}

impl FromStr for SecretAccessKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::from_text(s)
    }
}

impl fmt::Debug for SecretAccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretAccessKey([REDACTED])")
    }
}

/// The secret as a string field of the keyring's sealed record, for
/// `#[serde(with)]`: the only place it is serialized.
pub(crate) mod sealed_secret {
    use super::SecretAccessKey;

    /// Writes the secret as a JSON string.
    pub(crate) fn serialize<S: serde::Serializer>(
        secret: &SecretAccessKey,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(secret.expose())
    }

    /// Reads the secret straight from the record's text into a locked buffer.
    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<SecretAccessKey, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SecretAccessKey;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a secret access key")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SecretAccessKey, E> {
                SecretAccessKey::from_text(v).map_err(|e| E::custom(e.to_string()))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// Whether an access key may sign requests, as IAM names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessKeyStatus {
    /// Requests signed with it are accepted.
    Active,
    /// Requests signed with it are refused, until it is made Active again.
    Inactive,
}

impl AccessKeyStatus {
    /// The status as IAM names it.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessKeyStatus::Active => "Active",
            AccessKeyStatus::Inactive => "Inactive",
        }
    }
}

impl FromStr for AccessKeyStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "Active" => Ok(AccessKeyStatus::Active),
            "Inactive" => Ok(AccessKeyStatus::Inactive),
            _ => Err(Error::validation(format!(
                "access key status {s:?} is not Active or Inactive"
            ))),
        }
    }
}

impl fmt::Display for AccessKeyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An access key's metadata (never its secret); serialized as IAM's
/// `AccessKeyMetadata`: `UserName`, `AccessKeyId`, `Status`, `CreateDate`,
/// and `Description` when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessKey {
    /// The principal whose requests it signs.
    #[serde(rename = "UserName")]
    pub principal: Principal,
    /// The id.
    #[serde(rename = "AccessKeyId")]
    pub id: AccessKeyId,
    /// Whether it may sign requests.
    #[serde(rename = "Status")]
    pub status: AccessKeyStatus,
    /// When it was created.
    #[serde(rename = "CreateDate", serialize_with = "crate::timestamp::serialize")]
    pub created: OffsetDateTime,
    /// What it is for.
    #[serde(rename = "Description", skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl AccessKey {
    /// Whether requests signed with it are accepted.
    pub fn is_active(&self) -> bool {
        self.status == AccessKeyStatus::Active
    }
}

/// Checks an access key's description: at most
/// [`MAX_DESCRIPTION_CHARS`] characters, no control characters.
pub fn check_description(description: &str) -> Result<()> {
    let chars = description.chars().count();
    if chars > MAX_DESCRIPTION_CHARS {
        return Err(Error::validation(format!(
            "the description is {chars} characters; an access key's is at most {MAX_DESCRIPTION_CHARS}"
        )));
    }
    if description.chars().any(char::is_control) {
        return Err(Error::validation(
            "the description holds a control character (a newline, a tab, ...)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_key_ids_are_lkia_and_sixteen_base32_characters() {
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..200 {
            let id = AccessKeyId::random();
            let s = id.as_str();
            assert_eq!(s.len(), 20, "{s}");
            assert!(s.starts_with("LKIA"), "{s}");
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)),
                "{s}"
            );
            assert_eq!(s.parse::<AccessKeyId>().expect("parses"), id);
            seen.insert(id);
        }
        assert_eq!(seen.len(), 200, "random ids repeat");
    }

    #[test]
    fn malformed_access_key_ids_are_refused_by_name() {
        for bad in [
            "",
            "LKIA",
            "AKIAIOSFODNN7EXAMPLE",
            "LKIAABCDEFGHIJKLMNO",
            "LKIAABCDEFGHIJKLMNOPQ",
            "LKIAABCDEFGHIJKLMNO1",
            "LKIAabcdefghijklmnop",
            "LKIAABCDEFGHIJKLMNO ",
        ] {
            let e = bad.parse::<AccessKeyId>().expect_err(bad);
            assert_eq!(e.exception(), "ValidationException");
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        let ok: AccessKeyId = "LKIAABCDEFGHIJKLMN27".parse().expect("valid");
        assert_eq!(ok.to_string(), "LKIAABCDEFGHIJKLMN27");
        assert_eq!(
            serde_json::to_string(&ok).expect("json"),
            "\"LKIAABCDEFGHIJKLMN27\""
        );
        assert!(serde_json::from_str::<AccessKeyId>("\"LKIA\"").is_err());
    }

    #[test]
    fn secrets_are_forty_base64_characters_and_never_shown() {
        let a = SecretAccessKey::generate();
        let b = SecretAccessKey::generate();
        assert_ne!(a.expose(), b.expose());
        for s in [&a, &b] {
            assert_eq!(s.expose().len(), 40);
            assert!(s.expose().bytes().all(|c| SECRET_ALPHABET.contains(&c)));
            assert_eq!(format!("{s:?}"), "SecretAccessKey([REDACTED])");
        }
        let parsed: SecretAccessKey = a.expose().parse().expect("parses");
        assert_eq!(parsed.expose(), a.expose());
        let short = &a.expose()[..39];
        let e = short.parse::<SecretAccessKey>().expect_err("39 characters");
        assert!(!e.to_string().contains(short), "{e}");
        let bad = format!("{}-", &a.expose()[..39]);
        let e = bad.parse::<SecretAccessKey>().expect_err("a '-'");
        assert!(!e.to_string().contains(&bad), "{e}");
    }

    #[test]
    fn secrets_use_the_whole_alphabet() {
        // 64 symbols over 40 * 200 draws: a biased or truncated alphabet
        // would leave some unseen (each is missed with odds ~ e^-125).
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..200 {
            seen.extend(SecretAccessKey::generate().expose().bytes());
        }
        assert_eq!(seen.len(), 64);
    }

    #[test]
    fn status_and_metadata_speak_iam() {
        assert_eq!(
            "Active".parse::<AccessKeyStatus>().expect("ok"),
            AccessKeyStatus::Active
        );
        assert_eq!(AccessKeyStatus::Inactive.to_string(), "Inactive");
        assert!("active".parse::<AccessKeyStatus>().is_err());
        let key = AccessKey {
            principal: "ci".parse().expect("principal"),
            id: "LKIAABCDEFGHIJKLMN27".parse().expect("id"),
            status: AccessKeyStatus::Inactive,
            created: time::macros::datetime!(2026-01-02 03:04:05 UTC),
            description: None,
        };
        assert!(!key.is_active());
        assert_eq!(
            serde_json::to_string(&key).expect("json"),
            r#"{"UserName":"ci","AccessKeyId":"LKIAABCDEFGHIJKLMN27","Status":"Inactive","CreateDate":"2026-01-02T03:04:05.000000+00:00"}"#
        );
    }

    #[test]
    fn descriptions_are_bounded_and_printable() {
        assert!(check_description("CI of the web app").is_ok());
        assert!(check_description(&"é".repeat(256)).is_ok());
        assert!(check_description(&"a".repeat(257)).is_err());
        assert!(check_description("two\nlines").is_err());
    }
}
