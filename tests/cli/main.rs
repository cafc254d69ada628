//! Black-box tests of the `lkms` command line (issue 2: the encrypted keyring
//! and the CMK lifecycle). Every test runs the real binary in a fresh
//! temporary directory with a cleared environment.
#![allow(clippy::unwrap_used)]

mod access_keys;
mod asymmetric;
mod attacks;
mod awscli;
mod campaign;
mod crypto;
mod durability;
mod env;
mod files;
mod hardening;
mod import;
mod input;
mod kem;
mod key_agreement;
mod keyring;
mod kill;
mod last_usage;
mod lifecycle;
mod members;
#[path = "../support/postgres.rs"]
#[allow(dead_code)]
mod pg;
mod policy;
mod porting;
mod postgres_store;
mod principals;
mod recipients;
mod rotation;
mod script;
mod shapes;
mod signing_keys;
mod staging;
mod storage;
mod table;
mod team;
mod ux;
