//! Process hygiene at start: no core dump, and on Linux no ptrace or
//! `/proc/<pid>/mem` access by other processes of the same user, so that
//! neither can copy the root key, a passphrase or a plaintext out of
//! memory. (Secrets are also locked out of swap: `lkms::secret`.)

/// Turns core dumps off (soft and hard limit, so the process cannot turn
/// them back on) and makes the process not dumpable. Best effort: a
/// refusal by the operating system leaves the process as it was.
pub fn harden() {
    let none = rustix::process::Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    let _ = rustix::process::setrlimit(rustix::process::Resource::Core, none);
    // Not dumpable also means: /proc/<pid>/mem, environ (LKMS_PASSPHRASE)
    // and ptrace are closed to other processes of the same user.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}
