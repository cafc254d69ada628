//! The operations, one function per AWS KMS operation, over an unlocked
//! [`Keyring`](crate::keyring::Keyring). Requests are plain arguments;
//! responses are serde structs with AWS's field names, which the CLI renders.

mod asymmetric;
mod crypt;
mod envelope;
mod grants;
mod import;
mod kem;
mod lifecycle;
mod page;
mod policy;
mod rotation;
mod usage;

pub use asymmetric::*;
pub use crypt::*;
pub use envelope::*;
pub use grants::*;
pub use import::*;
pub use kem::*;
pub use lifecycle::*;
pub use page::Page;
use page::{check_marker, limit_of};
pub use policy::*;
pub use rotation::*;
pub use usage::*;
