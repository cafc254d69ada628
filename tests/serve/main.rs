//! Black-box tests of `lkms serve` (issue 15): the real binary serving the
//! AWS KMS JSON protocol on loopback, driven by real clients.
#![allow(clippy::unwrap_used)]

#[path = "../support/botocore.rs"]
mod botocore;
mod clients;
#[path = "../cli/env.rs"]
#[allow(dead_code)]
mod env;
mod keyring;
mod limits;
mod model;
#[path = "../support/postgres.rs"]
#[allow(dead_code)]
mod pg;
mod postgres;
mod protocol;
mod raw;
mod rust_sdk;
#[allow(dead_code)]
mod server;
mod tls;
