//! The command line's parsers of text a user or script passes in, from
//! arbitrary bytes: grant constraints, encryption contexts and tags (JSON
//! and the AWS CLI's shorthand), timestamps, pagination tokens, and
//! `--query` JMESPath expressions (compiled after lkms rewrites the AWS CLI
//! v1's legacy literals, then applied to a response). Each is refused with
//! an error or accepted, never a panic. The binary's `cli` module is
//! compiled into this target, as it is into `lkms`.
#![no_main]

use clap::FromArgMatches;
use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unused_imports)]
#[path = "../../src/cli/mod.rs"]
mod cli;

/// Argument lists with one value taken from the input (`{}`).
const TEMPLATES: [&[&str]; 8] = [
    &["create-grant", "--key-id", "alias/k", "--grantee-principal", "bob", "--operations", "Decrypt", "--constraints", "{}"],
    &["encrypt", "--key-id", "alias/k", "--plaintext", "aGk=", "--encryption-context", "{}"],
    &["tag-resource", "--key-id", "alias/k", "--tags", "{}"],
    &["create-key", "--tags", "{}"],
    &["import-key-material", "--key-id", "alias/k", "--import-token", "aGk=", "--encrypted-key-material", "aGk=", "--valid-to", "{}"],
    &["list-keys", "--starting-token", "{}"],
    &["decrypt-file", "--encryption-context", "{}", "x.lkms"],
    &["--query", "{}", "--output", "json", "generate-random", "--number-of-bytes", "4"],
];

fuzz_target!(|data: &[u8]| {
    let Some((&which, value)) = data.split_first() else {
        return;
    };
    let Ok(value) = std::str::from_utf8(value) else {
        return;
    };
    let template = TEMPLATES[usize::from(which) % TEMPLATES.len()];
    let mut argv: Vec<std::ffi::OsString> = vec!["lkms".into()];
    argv.extend(
        template
            .iter()
            .map(|a| if *a == "{}" { value.into() } else { (*a).into() }),
    );
    let argv = cli::help::aws_help(argv);
    let Ok(matches) = cli::help::command().try_get_matches_from(argv) else {
        return;
    };
    let Ok(args) = cli::args::Cli::from_arg_matches(&matches) else {
        return;
    };
    // Only generate-random runs (it needs no keyring): that compiles and
    // applies the query. The others stop at parsing.
    if usize::from(which) % TEMPLATES.len() == 7 {
        let _ = cli::run(args);
    }
});
