//! The `lkms` binary: parse, dispatch, render, map errors to exit codes.

mod cli;

use std::process::ExitCode;

use clap::FromArgMatches;

fn main() -> ExitCode {
    cli::hardening::harden();
    let args = match cli::input::prepare(cli::help::aws_help(std::env::args_os().collect())) {
        cli::input::Prepared::Run(args) => args,
        cli::input::Prepared::Exit(code) => return code,
    };
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
