//! Signals that end lkms remove its named staged files first.
//!
//! SIGINT, SIGTERM and SIGHUP are handled on a thread of their own (not in
//! a signal handler, so the clean-up may allocate): it removes every named
//! staged file, then ends the process by the same signal, so the caller
//! sees the usual status. A signal ignored when lkms started (`nohup`, a
//! background job) stays ignored. SIGXFSZ (a file-size limit, `ulimit -f`)
//! is caught and does nothing: the write fails with EFBIG instead, and the
//! command fails with a clear error, dropping its staged file. SIGPIPE is
//! ignored by every Rust program: a closed pipe is an error, not a death.
//! Unnamed staged files need none of this: the kernel frees them.

/// Installs the handlers, once per process; best effort (lkms works
/// without them).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        lkms::staging::mark_start();
        #[cfg(unix)]
        unix::install();
    });
}

#[cfg(unix)]
mod unix {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
    use signal_hook::iterator::Signals;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    pub fn install() {
        let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
        let ignored = ignored_signals();
        let wanted: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|s| !ignored.contains(s))
            .collect();
        let Ok(mut signals) = Signals::new(&wanted) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("lkms-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    lkms::staging::remove_registered_then(|| {
                        let _ = signal_hook::low_level::emulate_default_handler(sig);
                    });
                    // Only if re-raising the signal did not end the process.
                    std::process::exit(128 + sig);
                }
            });
    }

    /// The signals this process started with ignored (Linux reports them
    /// in /proc; elsewhere none are assumed).
    fn ignored_signals() -> Vec<i32> {
        let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
            return Vec::new();
        };
        let Some(mask) = status
            .lines()
            .find_map(|l| l.strip_prefix("SigIgn:"))
            .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        else {
            return Vec::new();
        };
        (1..=64).filter(|s| mask & (1u64 << (s - 1)) != 0).collect()
    }
}
