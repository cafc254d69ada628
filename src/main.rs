//! The `lkms` binary: parse, dispatch, render, map errors to exit codes.

mod cli;

use std::process::ExitCode;

use clap::FromArgMatches;

/// mimalloc: per-thread heaps with no lock on a free from another thread;
/// glibc's arenas cost `lkms serve` about 15% of its CPU in malloc and free,
/// partly in lock contention between its workers and its audit committer.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
