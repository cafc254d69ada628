//! The one table from errors to exit codes, and the error reporter.
//!
//! Codes follow the AWS CLI's, so scripts written for `aws` keep working:
//!
//! | code | meaning |
//! |------|---------|
//! | 0    | success |
//! | 1    | the user declined a confirmation prompt; nothing changed |
//! | 2    | the command line did not parse (no command, unknown flag), or a required argument is missing without a terminal to ask |
//! | 252  | a parameter value is invalid (bad base64, unreadable fileb://, bad --query), or an output file exists |
//! | 253  | the keyring or credentials are missing, locked, corrupt or unreadable |
//! | 254  | the KMS model refused the request (NotFoundException, DisabledException, ...) |
//! | 255  | any other failure (I/O) |
//!
//! Every failure after the command line parsed prints the AWS CLI's line,
//! `An error occurred (<Exception>) when calling the <Operation> operation:
//! <message>`, so scripts that grep for the exception name keep working.

use std::path::PathBuf;
use std::process::ExitCode;

use lkms::{Error, ErrorClass};

/// A failure of the CLI, library or otherwise.
#[derive(Debug)]
pub enum CliError {
    /// An error of the library.
    Lib(Error),
    /// A parameter value the CLI itself could not use.
    Param(String),
    /// A required argument is missing and there is no terminal to ask.
    Usage(String),
    /// The user declined a confirmation; nothing was changed.
    Declined,
    /// An output file exists and may not be replaced.
    Exists(PathBuf),
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::Lib(e)
    }
}

/// The CLI's result type.
pub type CliResult<T> = Result<T, CliError>;

/// Exit code for a successful run.
pub const SUCCESS: u8 = 0;
/// Exit code when the user answers no to a confirmation.
pub const DECLINED: u8 = 1;
/// Exit code when the command line does not parse.
pub const USAGE: u8 = 2;
/// Exit code for an invalid parameter value.
pub const PARAM: u8 = 252;
/// Exit code for keyring and credential problems.
pub const ENVIRONMENT: u8 = 253;
/// Exit code for KMS exceptions.
pub const SERVICE: u8 = 254;
/// Exit code for anything else.
pub const OTHER: u8 = 255;

impl CliError {
    /// The exception name printed on stderr.
    pub fn exception(&self) -> &'static str {
        match self {
            CliError::Lib(e) => e.exception(),
            CliError::Param(_) => "ValidationException",
            CliError::Usage(_) => "UsageError",
            CliError::Declined => "Declined",
            CliError::Exists(_) => "OutputExistsException",
        }
    }

    /// The process exit code.
    pub fn code(&self) -> u8 {
        match self {
            CliError::Lib(e) => match e.class() {
                ErrorClass::Service => SERVICE,
                ErrorClass::Environment => ENVIRONMENT,
                _ => OTHER,
            },
            CliError::Param(_) | CliError::Exists(_) => PARAM,
            CliError::Usage(_) => USAGE,
            CliError::Declined => DECLINED,
        }
    }

    /// The message after the exception name.
    fn message(&self) -> String {
        match self {
            CliError::Lib(e) => e.to_string(),
            CliError::Param(m) | CliError::Usage(m) => m.clone(),
            CliError::Declined => "nothing was changed".into(),
            CliError::Exists(p) => format!("{} exists; pass --force to replace it", p.display()),
        }
    }
}

/// A command that failed, and the operation it was calling.
#[derive(Debug)]
pub struct Failure {
    /// The operation's name, as the audit trail records it (`Encrypt`,
    /// `EncryptFile`, `SlotAdd`).
    pub operation: String,
    /// What went wrong.
    pub error: CliError,
}

impl Failure {
    /// Prints the AWS CLI's wording on stderr, a blank line first as the
    /// AWS CLI writes it, and returns the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("\n{self}");
        ExitCode::from(self.error.code())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "An error occurred ({}) when calling the {} operation: {}",
            self.error.exception(),
            self.operation,
            self.error.message()
        )
    }
}

/// The exit code of a clap error: 0 for --help/--version, 252 for a bad
/// value, 2 for anything else that did not parse (no command at all
/// included: the help it prints is the usage error's message).
pub fn clap_code(e: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => SUCCESS,
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => PARAM,
        _ => USAGE,
    }
}
