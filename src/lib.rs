//! lkms: a local key management service with the AWS KMS model.
//!
//! The library holds the whole domain: the encrypted [`keyring`], customer
//! master [`key`]s and their lifecycle ([`ops`]). It never prints, prompts,
//! reads the environment or exits; the binary supplies paths, credentials and
//! the clock, and renders the serde responses the operations return.

#![deny(clippy::print_stdout, clippy::print_stderr)]
#![warn(missing_docs)]

pub mod asym;
pub mod audit;
pub mod blob;
pub mod context;
pub mod crypto;
pub mod encoding;
pub mod envelope;
pub mod error;
pub mod grant;
pub mod key;
pub mod keyring;
pub mod ops;
pub mod policy;
pub mod secret;
pub mod timestamp;

pub use error::{Error, ErrorClass, Result};
