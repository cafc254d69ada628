//! Alias names and their rules (AWS's, with `alias/lkms/` reserved).

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::KeyId;
use crate::error::{Error, Result};

/// The prefix of the managed keys' aliases, which customers may not use.
pub const MANAGED_PREFIX: &str = "alias/lkms/";

/// A valid alias name, `alias/` followed by letters, digits, `/`, `_` or `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AliasName(String);

impl AliasName {
    /// Parses a name a customer may create: not under a reserved prefix.
    pub fn customer(name: &str) -> Result<Self> {
        let alias = AliasName::parse(name)?;
        if alias.is_reserved() {
            return Err(Error::InvalidAliasName(format!(
                "alias name {name:?} is reserved: names starting with alias/aws/ or {MANAGED_PREFIX} belong to managed keys"
            )));
        }
        Ok(alias)
    }

    /// Parses any well-formed name, reserved ones included.
    pub fn parse(name: &str) -> Result<Self> {
        let Some(rest) = name.strip_prefix("alias/") else {
            return Err(Error::InvalidAliasName(format!(
                "alias name {name:?} must start with \"alias/\""
            )));
        };
        if rest.is_empty() || name.len() > 256 {
            return Err(Error::InvalidAliasName(format!(
                "alias name {name:?} must be \"alias/\" followed by 1 to 250 characters"
            )));
        }
        if let Some(c) = rest
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-')))
        {
            return Err(Error::InvalidAliasName(format!(
                "alias name {name:?} contains {c:?}; only letters, digits, '/', '_' and '-' are allowed"
            )));
        }
        Ok(AliasName(name.to_owned()))
    }

    /// Whether the name is under `alias/aws/` or `alias/lkms/`.
    pub fn is_reserved(&self) -> bool {
        self.0.starts_with("alias/aws/") || self.0.starts_with(MANAGED_PREFIX)
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AliasName {
    type Error = Error;
    fn try_from(s: String) -> Result<Self> {
        AliasName::parse(&s)
    }
}

impl From<AliasName> for String {
    fn from(a: AliasName) -> String {
        a.0
    }
}

impl fmt::Display for AliasName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An alias: a friendly name pointing at one key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Alias {
    /// The alias name.
    pub name: AliasName,
    /// The key it points at.
    pub target: KeyId,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    /// When it last changed target.
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_rules() {
        assert!(AliasName::customer("alias/app").is_ok());
        assert!(AliasName::customer("alias/team/app_1-x").is_ok());
        for bad in [
            "app",
            "alias/",
            "alias/a b",
            "alias/a!",
            "alias/aws/x",
            "alias/lkms/x",
        ] {
            assert!(AliasName::customer(bad).is_err(), "{bad}");
        }
        assert!(AliasName::parse("alias/lkms/default").is_ok());
        let long = format!("alias/{}", "a".repeat(251));
        assert!(AliasName::customer(&long).is_err());
    }
}
