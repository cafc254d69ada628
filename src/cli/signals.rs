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
//!
//! A long-running command (`lkms serve`) may ask, with [`on_stop`], that
//! the first SIGINT or SIGTERM call it back instead, so it can finish what
//! it is doing and exit on its own; a second one ends the process as above.

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

/// What the first SIGINT or SIGTERM does instead of ending the process.
static ON_STOP: std::sync::OnceLock<Box<dyn Fn() + Send + Sync>> = std::sync::OnceLock::new();

/// Makes the first SIGINT or SIGTERM call `stop` instead of ending the
/// process; a later one ends it as usual. Once per process; `false` if a
/// callback was already set or signals are not handled here.
pub fn on_stop(stop: impl Fn() + Send + Sync + 'static) -> bool {
    install();
    cfg!(unix) && ON_STOP.set(Box::new(stop)).is_ok()
}

#[cfg(unix)]
mod unix {
    use nix::sys::signal::{SigSet, SigmaskHow, Signal};
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
        // Blocked while the handlers go in: signal-hook-registry installs
        // each with sigaction(2) before it records what the handler is to
        // do, and a signal landing in between is dropped (neither acted on
        // nor fatal). Blocked, it waits for the finished handler, which gets
        // it when the old mask returns. (This is still the only thread.)
        let held: SigSet = wanted
            .iter()
            .filter_map(|&s| Signal::try_from(s).ok())
            .collect();
        let old_mask = held.thread_swap_mask(SigmaskHow::SIG_BLOCK);
        let signals = Signals::new(&wanted);
        if let Ok(old_mask) = old_mask {
            let _ = old_mask.thread_set_mask();
        }
        let Ok(mut signals) = signals else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("lkms-signals".into())
            .spawn(move || {
                let mut stopping = false;
                for sig in signals.forever() {
                    if !stopping
                        && (sig == SIGINT || sig == SIGTERM)
                        && let Some(stop) = super::ON_STOP.get()
                    {
                        stopping = true;
                        stop();
                        continue;
                    }
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
