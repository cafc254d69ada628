//! lkms: a local key management service with the AWS KMS model.
//!
//! The library holds the whole domain: the encrypted [`keyring`], customer
//! master [`key`]s and their lifecycle ([`ops`]). It never prints, prompts,
//! reads the environment or exits; the binary supplies paths, credentials and
//! the clock, and renders the serde responses the operations return.
//!
//! The pieces compose without a keyring too. A ciphertext blob under one
//! backing key version, bound to an encryption context:
//!
//! ```
//! use lkms::blob::{self, BlobHeader};
//! use lkms::context::EncryptionContext;
//! use lkms::key::{KeyId, KeyMaterialId};
//! use lkms::secret::SecretBytes;
//!
//! let material = SecretBytes::random(32);
//! let header = BlobHeader { key_id: KeyId::random(), material_id: KeyMaterialId::random() };
//! let ctx = EncryptionContext::new([("app".to_string(), "web".to_string())].into())?;
//! let ciphertext = blob::seal(&header, &material, &ctx, b"top secret")?;
//! assert_eq!(blob::open(&ciphertext, &material, &ctx)?.expose(), b"top secret");
//! // Another context does not open it.
//! assert!(blob::open(&ciphertext, &material, &EncryptionContext::empty()).is_err());
//! # Ok::<(), lkms::Error>(())
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]
#![warn(missing_docs)]

pub mod access_key;
pub mod api;
pub mod arn;
pub mod asym;
pub mod audit;
pub mod blob;
pub mod context;
pub mod crypto;
pub mod encoding;
pub mod envelope;
pub mod error;
pub mod grant;
pub mod kem;
pub mod key;
pub mod keyring;
pub mod limits;
pub mod ops;
pub mod policy;
pub mod secret;
pub mod sigv4;
pub mod staging;
pub mod store;
pub mod timestamp;
pub mod xwing;

pub use error::{Error, ErrorClass, Result};
