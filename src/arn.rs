//! ARNs in AWS's shape: `arn:aws:kms:<region>:<account>:key/<uuid>` and
//! `arn:aws:kms:<region>:<account>:alias/<name>`.
//!
//! Every keyring has a region (chosen at `init`) and a 12-digit account
//! (derived from the keyring id), so that every AWS SDK, the AWS Encryption
//! SDK and scripts matching `arn:aws:kms:*` accept lkms's ARNs as their own.
//! An ARN of another region or account names nothing here, as in AWS.
//! ARNs of format 1 (`arn:lkms:local:<keyring id>:key/<uuid>`), found in old
//! scripts and audit records, are still understood.

use std::fmt;

use crate::error::{Error, Result};

/// The region of a keyring created without one (neither `--region` nor
/// `AWS_REGION` / `AWS_DEFAULT_REGION`): AWS's first region, as the local
/// emulators default to.
pub const DEFAULT_REGION: &str = "us-east-1";

/// A keyring's place in AWS's naming: its region and account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    region: String,
    account: String,
    keyring_id: String,
}

/// Checks a region name: lower-case words joined by `-`, ending in a
/// number (`us-east-1`, `eu-central-2`, `us-gov-west-1`).
pub fn validate_region(region: &str) -> Result<()> {
    let parts: Vec<&str> = region.split('-').collect();
    let ok = parts.len() >= 3
        && parts.len() <= 5
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(Error::validation(format!(
            "region {region:?} is not an AWS region name (like us-east-1)"
        )))
    }
}

/// The 12-digit account of a keyring: derived from its id, so that two
/// keyrings' ARNs never collide and a keyring keeps its account forever.
pub fn account_of(keyring_id: &str) -> String {
    let h = crate::crypto::sha256(format!("lkms account {keyring_id}").as_bytes());
    let n = u64::from_be_bytes([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]]);
    format!("{:012}", n % 1_000_000_000_000)
}

/// Whether `s` is a 12-digit AWS account number.
pub fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The IAM ARN of a keyring principal: `arn:aws:iam::<account>:user/<name>`.
pub fn iam_user_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:user/{name}")
}

/// An IAM role ARN naming a keyring principal, as a grant may be given one:
/// `arn:aws:iam::<account>:role/<name>`.
pub fn iam_role_arn(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:role/{name}")
}

/// What an AWS principal names, in a key policy or a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IamPrincipal<'a> {
    /// `<account>` or `arn:aws:iam::<account>:root`: every principal of the
    /// account.
    Account(&'a str),
    /// `arn:aws:iam::<account>:user/<name>` (or `:role/<name>`: lkms has
    /// one kind of principal): one principal of the account.
    User {
        /// The 12-digit account.
        account: &'a str,
        /// The principal's name (after `user/` or `role/`).
        name: &'a str,
    },
}

impl<'a> IamPrincipal<'a> {
    /// Parses an account number or an IAM root, user or role ARN; `None`
    /// for anything else.
    pub fn parse(s: &'a str) -> Option<Self> {
        if is_account(s) {
            return Some(IamPrincipal::Account(s));
        }
        let (account, resource) = s.strip_prefix("arn:aws:iam::")?.split_once(':')?;
        if !is_account(account) {
            return None;
        }
        if resource == "root" {
            return Some(IamPrincipal::Account(account));
        }
        let name = resource
            .strip_prefix("user/")
            .or_else(|| resource.strip_prefix("role/"))?;
        (!name.is_empty()).then_some(IamPrincipal::User { account, name })
    }
}

impl Scope {
    /// The scope of a keyring.
    pub fn new(region: &str, account: &str, keyring_id: &str) -> Self {
        Scope {
            region: region.to_owned(),
            account: account.to_owned(),
            keyring_id: keyring_id.to_owned(),
        }
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The 12-digit account.
    pub fn account(&self) -> &str {
        &self.account
    }

    fn prefix(&self) -> String {
        format!("arn:aws:kms:{}:{}:", self.region, self.account)
    }

    /// The ARN of a key.
    pub fn key_arn(&self, id: &impl fmt::Display) -> String {
        format!("{}key/{id}", self.prefix())
    }

    /// The ARN of an alias (`name` starts with `alias/`).
    pub fn alias_arn(&self, name: &impl fmt::Display) -> String {
        format!("{}{name}", self.prefix())
    }

    /// What a key reference names inside this keyring: `key/<id>` or an
    /// id becomes the id, `alias/<name>` stays. An ARN of another region,
    /// account or keyring is NotFound.
    pub fn local<'a>(&self, key_ref: &'a str) -> Result<&'a str> {
        let legacy = format!("arn:lkms:local:{}:", self.keyring_id);
        let rest = key_ref
            .strip_prefix(&self.prefix())
            .or_else(|| key_ref.strip_prefix(&legacy));
        match rest {
            Some(rest) => Ok(rest.strip_prefix("key/").unwrap_or(rest)),
            None if key_ref.starts_with("arn:") => Err(Error::NotFound(format!(
                "{key_ref} is not a key or alias ARN of this keyring (region {}, account {}): \
                 its ARNs look like {}key/<uuid>",
                self.region,
                self.account,
                self.prefix()
            ))),
            None => Ok(key_ref),
        }
    }

    /// The IAM ARN of a principal of this keyring.
    pub fn principal_arn(&self, name: &impl fmt::Display) -> String {
        iam_user_arn(&self.account, &name.to_string())
    }

    /// The principal name a grant's `--grantee-principal` or
    /// `--retiring-principal` means: a bare name, or the IAM user (or role)
    /// ARN of a principal of this account. Any other ARN is refused.
    pub fn principal_name<'a>(&self, principal: &'a str) -> Result<&'a str> {
        if !principal.starts_with("arn:") {
            return Ok(principal);
        }
        let refused = |why: String| {
            Err(Error::validation(format!(
                "principal {principal:?} {why}; name a principal of this keyring by its name or its ARN, {}",
                iam_user_arn(&self.account, "<name>")
            )))
        };
        match IamPrincipal::parse(principal) {
            Some(IamPrincipal::User { account, name }) if account == self.account => Ok(name),
            Some(IamPrincipal::User { account, .. } | IamPrincipal::Account(account))
                if account != self.account =>
            {
                refused(format!(
                    "belongs to account {account}, not this keyring's account {}",
                    self.account
                ))
            }
            Some(IamPrincipal::Account(_)) => {
                refused("names the whole account, not one principal".to_owned())
            }
            _ => refused("is not an IAM user ARN".to_owned()),
        }
    }

    /// The first key ARN of this keyring in `text` (an error message).
    pub fn find_key_arn(&self, text: &str) -> Option<String> {
        let start = text.find(&format!("{}key/", self.prefix()))?;
        let arn: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '/' | '-'))
            .collect();
        Some(arn.trim_end_matches(':').to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_have_aws_shape_and_other_scopes_name_nothing() {
        let s = Scope::new("eu-west-2", &account_of("kr1"), "kr1");
        assert_eq!(s.account().len(), 12);
        assert_eq!(account_of("kr1"), s.account());
        assert_ne!(account_of("kr2"), s.account());
        let arn = s.key_arn(&"abc");
        assert_eq!(
            arn,
            format!("arn:aws:kms:eu-west-2:{}:key/abc", s.account())
        );
        assert_eq!(arn.split(':').count(), 6);
        assert_eq!(s.local(&arn).expect("ours"), "abc");
        assert_eq!(
            s.local("arn:lkms:local:kr1:key/abc").expect("legacy"),
            "abc"
        );
        assert_eq!(s.local(&s.alias_arn(&"alias/x")).expect("alias"), "alias/x");
        assert_eq!(s.local("alias/x").expect("name"), "alias/x");
        for other in [
            format!("arn:aws:kms:us-east-1:{}:key/abc", s.account()),
            "arn:aws:kms:eu-west-2:123456789012:key/abc".to_owned(),
            "arn:lkms:local:kr2:key/abc".to_owned(),
        ] {
            assert!(
                matches!(s.local(&other), Err(Error::NotFound(_))),
                "{other}"
            );
        }
        assert_eq!(
            s.find_key_arn(&format!("oops {arn}: denied")).as_deref(),
            Some(arn.as_str())
        );
    }

    #[test]
    fn principal_arns() {
        let s = Scope::new("eu-west-2", &account_of("kr1"), "kr1");
        let acct = s.account().to_owned();
        let arn = s.principal_arn(&"bob");
        assert_eq!(arn, format!("arn:aws:iam::{acct}:user/bob"));
        assert_eq!(s.principal_name(&arn).expect("ours"), "bob");
        assert_eq!(
            s.principal_name(&format!("arn:aws:iam::{acct}:role/ci"))
                .expect("role"),
            "ci"
        );
        assert_eq!(s.principal_name("bob").expect("bare"), "bob");
        for bad in [
            "arn:aws:iam::123456789012:user/bob".to_owned(),
            format!("arn:aws:iam::{acct}:root"),
            format!("arn:aws:iam::{acct}:group/x"),
            format!("arn:aws:kms:eu-west-2:{acct}:key/abc"),
        ] {
            let e = s.principal_name(&bad).expect_err(&bad);
            assert!(matches!(e, Error::Validation(_)), "{bad}: {e}");
        }
        assert_eq!(
            IamPrincipal::parse("123456789012"),
            Some(IamPrincipal::Account("123456789012"))
        );
        assert_eq!(
            IamPrincipal::parse("arn:aws:iam::123456789012:root"),
            Some(IamPrincipal::Account("123456789012"))
        );
        for none in [
            "12345",
            "arn:aws:iam::12:root",
            "arn:aws:iam::123456789012:user/",
            "alice",
        ] {
            assert_eq!(IamPrincipal::parse(none), None, "{none}");
        }
    }

    #[test]
    fn region_names() {
        for ok in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "ap-southeast-4",
        ] {
            assert!(validate_region(ok).is_ok(), "{ok}");
        }
        for bad in ["", "us", "US-EAST-1", "us-east", "us_east_1", "us-east-1a"] {
            assert!(validate_region(bad).is_err(), "{bad}");
        }
    }
}
