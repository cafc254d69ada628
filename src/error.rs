//! The one error type of the library.
//!
//! Variants mirror AWS KMS exception names where AWS has one, so that a script
//! written against `aws kms` can match on the same names; the keyring-level
//! failures, which AWS has no equivalent for, get lkms-specific names ending in
//! `Exception` so the CLI can print every error the same way.

use std::path::PathBuf;

/// The result type of every fallible library call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every way an lkms operation can fail.
///
/// No variant ever carries secret bytes: messages name keys, paths and
/// parameters, never material, passphrases or plaintext.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The named key, alias or resource does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The key is disabled.
    #[error("{key} is disabled")]
    Disabled {
        /// ARN of the key.
        key: String,
    },
    /// The key's state does not allow the operation.
    #[error("{key} is {state}, which does not allow {operation}")]
    InvalidState {
        /// ARN of the key.
        key: String,
        /// The key's current state.
        state: &'static str,
        /// The refused operation.
        operation: &'static str,
    },
    /// The key's deletion window has ended: the deletion can no longer be
    /// cancelled.
    #[error(
        "the deletion window of {key} ended on {date}: the deletion can no longer be cancelled; \
         the key stays PendingDeletion, unusable, until a principal allowed kms:ScheduleKeyDeletion \
         on it destroys it (any write of theirs, e.g. `lkms maintain`)"
    )]
    DeletionWindowEnded {
        /// ARN of the key.
        key: String,
        /// When the window ended.
        date: String,
    },
    /// The ciphertext is malformed, tampered with, or its context does not match.
    #[error("{0}")]
    InvalidCiphertext(String),
    /// The ciphertext was made under a different key than the one named.
    #[error("{0}")]
    IncorrectKey(String),
    /// A policy or grant denies the call.
    #[error("{0}")]
    AccessDenied(String),
    /// A parameter is out of range or malformed.
    #[error("{0}")]
    Validation(String),
    /// A limit was reached.
    #[error("{0}")]
    LimitExceeded(String),
    /// The key's usage does not allow the operation.
    #[error("{0}")]
    InvalidKeyUsage(String),
    /// The operation is not supported for this key.
    #[error("{0}")]
    UnsupportedOperation(String),
    /// The resource already exists.
    #[error("{0}")]
    AlreadyExists(String),
    /// A dry run found that the call would succeed; nothing was changed.
    #[error("The request would have succeeded, but the DryRun option is set.")]
    DryRun,
    /// No custom key store has this id (a keyring has none).
    #[error("{0}")]
    CustomKeyStoreNotFound(String),
    /// The alias name breaks the alias naming rules.
    #[error("{0}")]
    InvalidAliasName(String),
    /// A pagination marker was not one this keyring issued.
    #[error("{0}")]
    InvalidMarker(String),
    /// A tag breaks the tagging rules.
    #[error("{0}")]
    Tag(String),
    /// The import token has expired.
    #[error("{0}")]
    ExpiredImportToken(String),
    /// The import token is malformed or belongs to another key.
    #[error("{0}")]
    InvalidImportToken(String),
    /// The imported material differs from the key's material.
    #[error("{0}")]
    IncorrectKeyMaterial(String),
    /// The key policy document is malformed.
    #[error("{0}")]
    MalformedPolicyDocument(String),
    /// A signature did not verify.
    #[error("{0}")]
    InvalidSignature(String),
    /// A MAC did not verify.
    #[error("{0}")]
    InvalidMac(String),
    /// A grant token is malformed or unknown.
    #[error("{0}")]
    InvalidGrantToken(String),
    /// A grant id is unknown.
    #[error("{0}")]
    InvalidGrantId(String),
    /// The audit log fails verification.
    #[error("{0}")]
    AuditInvalid(String),
    /// A request named an operation lkms does not serve.
    #[error("{0}")]
    UnknownOperation(String),
    /// A request refused before it reached an operation: its signature or
    /// its access key failed, or it broke the protocol. `exception` is
    /// AWS's name for the refusal.
    #[error("{message}")]
    Refused {
        /// AWS's exception name, e.g. `InvalidSignatureException`.
        exception: &'static str,
        /// What was wrong.
        message: String,
    },
    /// A request body that is not the JSON its operation takes.
    #[error("{0}")]
    Serialization(String),

    /// No keyring exists at the path.
    #[error("no keyring at {}; create one with `lkms init`", path.display())]
    KeyringNotFound {
        /// Where the keyring was looked for.
        path: PathBuf,
    },
    /// `init` found a keyring already there.
    #[error("a keyring already exists at {}", path.display())]
    KeyringExists {
        /// The existing keyring.
        path: PathBuf,
    },
    /// The keyring file is malformed, truncated or has been tampered with.
    #[error("keyring {} is corrupt: {reason}", path.display())]
    KeyringCorrupt {
        /// The keyring file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The keyring was written by a newer lkms.
    #[error(
        "keyring {} has format version {found}; this lkms reads up to {supported}: upgrade lkms",
        path.display()
    )]
    UnsupportedKeyringVersion {
        /// The keyring file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// This machine's clock is earlier than the latest time the keyring
    /// recorded: writing would reopen deletion windows and expiry dates.
    #[error(
        "this machine's clock says {now}, earlier than {recorded}, the latest time keyring {} has recorded; \
         lkms refuses to write with a clock that went back (deletion windows and expiry dates would open again): \
         correct the clock, or wait until {recorded}",
        path.display()
    )]
    ClockBehind {
        /// The keyring file.
        path: PathBuf,
        /// This process's time (RFC 3339).
        now: String,
        /// The latest time the keyring recorded (RFC 3339).
        recorded: String,
    },
    /// No unlock slot accepted the credential.
    #[error("{0}")]
    UnlockFailed(String),
    /// The keyring is not the one this credential opened at this path
    /// before (or `LKMS_KEYRING_ID` names), or that cannot be checked.
    #[error("{0}")]
    KeyringChanged(String),
    /// No credential was given and none can be asked for.
    #[error("{0}")]
    CredentialsRequired(String),
    /// An I/O operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// The class of an error, which decides the CLI's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The KMS model refused the request (AWS "the service returned an error").
    Service,
    /// The keyring or the credentials are missing, locked or unreadable.
    Environment,
    /// Anything else: I/O failures.
    Other,
}

impl Error {
    /// The exception name printed by the CLI, as AWS KMS names it where it can.
    pub fn exception(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "NotFoundException",
            Error::Disabled { .. } => "DisabledException",
            Error::InvalidState { .. } | Error::DeletionWindowEnded { .. } => {
                "KMSInvalidStateException"
            }
            Error::InvalidCiphertext(_) => "InvalidCiphertextException",
            Error::IncorrectKey(_) => "IncorrectKeyException",
            Error::AccessDenied(_) => "AccessDeniedException",
            Error::Validation(_) => "ValidationException",
            Error::LimitExceeded(_) => "LimitExceededException",
            Error::InvalidKeyUsage(_) => "InvalidKeyUsageException",
            Error::UnsupportedOperation(_) => "UnsupportedOperationException",
            Error::AlreadyExists(_) => "AlreadyExistsException",
            Error::DryRun => "DryRunOperationException",
            Error::CustomKeyStoreNotFound(_) => "CustomKeyStoreNotFoundException",
            Error::InvalidAliasName(_) => "InvalidAliasNameException",
            Error::InvalidMarker(_) => "InvalidMarkerException",
            Error::Tag(_) => "TagException",
            Error::ExpiredImportToken(_) => "ExpiredImportTokenException",
            Error::InvalidImportToken(_) => "InvalidImportTokenException",
            Error::IncorrectKeyMaterial(_) => "IncorrectKeyMaterialException",
            Error::MalformedPolicyDocument(_) => "MalformedPolicyDocumentException",
            Error::InvalidSignature(_) => "KMSInvalidSignatureException",
            Error::InvalidMac(_) => "KMSInvalidMacException",
            Error::InvalidGrantToken(_) => "InvalidGrantTokenException",
            Error::InvalidGrantId(_) => "InvalidGrantIdException",
            Error::AuditInvalid(_) => "AuditLogInvalidException",
            Error::UnknownOperation(_) => "UnknownOperationException",
            Error::Refused { exception, .. } => exception,
            Error::Serialization(_) => "SerializationException",
            Error::KeyringNotFound { .. } => "KeyringNotFoundException",
            Error::KeyringExists { .. } => "KeyringExistsException",
            Error::KeyringCorrupt { .. } => "KeyringCorruptException",
            Error::UnsupportedKeyringVersion { .. } => "UnsupportedKeyringVersionException",
            Error::ClockBehind { .. } => "KeyringClockException",
            Error::UnlockFailed(_) => "UnlockFailedException",
            Error::KeyringChanged(_) => "KeyringChangedException",
            Error::CredentialsRequired(_) => "CredentialsRequiredException",
            Error::Io { .. } => "IOException",
        }
    }

    /// Which class of failure this is.
    pub fn class(&self) -> ErrorClass {
        match self {
            Error::KeyringNotFound { .. }
            | Error::KeyringExists { .. }
            | Error::KeyringCorrupt { .. }
            | Error::UnsupportedKeyringVersion { .. }
            | Error::ClockBehind { .. }
            | Error::UnlockFailed(_)
            | Error::KeyringChanged(_)
            | Error::CredentialsRequired(_) => ErrorClass::Environment,
            Error::Io { .. } => ErrorClass::Other,
            _ => ErrorClass::Service,
        }
    }

    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// Shorthand for a [`Error::Validation`].
    pub fn validation(message: impl Into<String>) -> Self {
        Error::Validation(message.into())
    }
}
