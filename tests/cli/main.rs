//! Black-box tests of the `lkms` command line (issue 2: the encrypted keyring
//! and the CMK lifecycle). Every test runs the real binary in a fresh
//! temporary directory with a cleared environment.
#![allow(clippy::unwrap_used)]

mod asymmetric;
mod awscli;
mod campaign;
mod crypto;
mod durability;
mod env;
mod files;
mod import;
mod keyring;
mod kill;
mod lifecycle;
mod policy;
mod principals;
mod rotation;
mod script;
mod shapes;
mod staging;
mod storage;
mod ux;
