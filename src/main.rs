//! The `lkms` binary: parse, dispatch, render, map errors to exit codes.

mod cli;

use std::process::ExitCode;

use clap::FromArgMatches;

fn main() -> ExitCode {
    cli::hardening::harden();
    let args = cli::help::aws_help(std::env::args_os().collect());
    let parsed = cli::help::command()
        .try_get_matches_from(args)
        .and_then(|m| cli::args::Cli::from_arg_matches(&m));
    let args = match parsed {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(cli::exit::clap_code(&e));
        }
    };
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => e.report(),
    }
}
