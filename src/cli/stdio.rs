//! Standard input and output as the process received them.
//!
//! Rust's runtime replaces a closed standard descriptor with `/dev/null`
//! opened read-write before `main`, so a closed stdin would read as empty
//! and a closed stdout would swallow output, both "successfully". A shell's
//! own `</dev/null` or `>/dev/null` opens it read-only or write-only, so a
//! read-write `/dev/null` on descriptor 0 or 1 is taken for a descriptor
//! that was closed (Linux: read from /proc). A program that hands lkms a
//! read-write `/dev/null` of its own (Python's `subprocess.DEVNULL`) looks
//! the same; so the check runs before any work, and the message says how
//! to pass `/dev/null` instead.

use std::path::Path;

use super::exit::{CliError, CliResult};

/// Whether descriptor `fd` was closed when the process started.
fn was_closed(fd: u8) -> bool {
    let target = std::fs::read_link(format!("/proc/self/fd/{fd}"));
    if target.as_deref().ok() != Some(Path::new("/dev/null")) {
        return false;
    }
    let Ok(info) = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")) else {
        return false;
    };
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .is_some_and(|flags| flags & 0o3 == 0o2)
}

/// Fails when standard input was closed (a command is about to read it).
pub fn require_stdin() -> CliResult<()> {
    if was_closed(0) {
        return Err(CliError::Lib(lkms::Error::io(
            "reading standard input",
            std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "standard input is closed (or is /dev/null opened read-write, which looks the same: \
                 open it read-only, e.g. </dev/null)",
            ),
        )));
    }
    Ok(())
}

/// Fails when standard output was closed (a command is about to write it).
pub fn require_stdout() -> CliResult<()> {
    if was_closed(1) {
        return Err(CliError::Lib(lkms::Error::io(
            "writing standard output",
            std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "standard output is closed (or is /dev/null opened read-write, which looks the same: \
                 open it write-only, e.g. >/dev/null); nothing was done",
            ),
        )));
    }
    Ok(())
}
