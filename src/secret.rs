//! Types that hold secret bytes.
//!
//! They zeroize on drop, implement no `Display`, and their `Debug` prints a
//! placeholder, so a secret cannot reach a log, an error or the audit trail
//! by accident. Their buffers live on the heap, locked in memory where the
//! operating system allows, so that they are not written to swap.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, Zeroizing};

/// Secret bytes of any length: key material, data keys, plaintexts.
///
/// Serialized as base64 only inside the encrypted keyring body. The buffer
/// is locked in memory while it lives: a small secret's comes from
/// [`pool`], whose buffers stay locked between secrets; a large one's pages
/// are locked for its lifetime (see [`locked`]).
pub struct SecretBytes(Vec<u8>);

impl SecretBytes {
    /// Takes ownership of bytes that are already secret. A small secret is
    /// copied into a locked buffer and `bytes` zeroized.
    pub fn new(mut bytes: Vec<u8>) -> Self {
        if bytes.len() > pool::LARGEST {
            locked::lock(bytes.as_ptr(), bytes.capacity());
            return SecretBytes(bytes);
        }
        let mut buf = pool::take(bytes.len());
        buf.extend_from_slice(&bytes);
        bytes.zeroize();
        SecretBytes(buf)
    }

    /// An empty secret with room for `capacity` bytes, already locked, to
    /// write a secret into without its moving.
    fn with_capacity(capacity: usize) -> Self {
        if capacity > pool::LARGEST {
            let buf = Vec::with_capacity(capacity);
            locked::lock(buf.as_ptr(), buf.capacity());
            return SecretBytes(buf);
        }
        SecretBytes(pool::take(capacity))
    }

    /// Fresh random bytes from the operating system.
    pub fn random(len: usize) -> Self {
        // Locked before the secret is written into it.
        let mut s = SecretBytes::with_capacity(len);
        s.0.resize(len, 0);
        crate::crypto::fill_random(&mut s.0);
        s
    }

    /// The secret, for the one call that needs it.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Length in bytes (not secret).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Clone for SecretBytes {
    fn clone(&self) -> Self {
        let mut copy = SecretBytes::with_capacity(self.0.len());
        copy.0.extend_from_slice(&self.0);
        copy
    }
}

impl PartialEq for SecretBytes {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for SecretBytes {}

impl Drop for SecretBytes {
    fn drop(&mut self) {
        // Zeroizing a Vec clears its spare capacity too.
        self.0.zeroize();
        let buf = std::mem::take(&mut self.0);
        if buf.capacity() > pool::LARGEST {
            locked::unlock(buf.as_ptr(), buf.capacity());
        } else {
            pool::give(buf);
        }
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes([REDACTED; {}])", self.0.len())
    }
}

impl Serialize for SecretBytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let encoded = Zeroizing::new(B64.encode(self.expose()));
        s.serialize_str(&encoded)
    }
}

impl<'de> Deserialize<'de> for SecretBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = SecretBytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("base64 secret bytes")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SecretBytes, E> {
                // Large enough for the decoded bytes, so it never moves.
                let mut out = SecretBytes::with_capacity(v.len());
                B64.decode_vec(v, &mut out.0)
                    .map_err(|_| E::custom("secret bytes are not valid base64"))?;
                Ok(out)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// A 256-bit symmetric key: the keyring root key, a KEK, a derived key.
///
/// Kept on the heap, in a locked buffer, so that moving the handle never
/// copies the key.
#[derive(Clone)]
pub struct Key256(SecretBytes);

impl Key256 {
    /// A fresh random key.
    pub fn random() -> Self {
        Key256(SecretBytes::random(32))
    }

    /// Builds a key from exactly 32 bytes; `None` for any other length.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != 32 {
            return None;
        }
        let mut k = SecretBytes::with_capacity(32);
        k.0.extend_from_slice(bytes);
        Some(Key256(k))
    }

    /// The key bytes, for the one call that needs them.
    pub fn expose(&self) -> &[u8; 32] {
        self.0
            .expose()
            .try_into()
            .unwrap_or_else(|_| unreachable!("a Key256 is built from exactly 32 bytes"))
    }
}

impl fmt::Debug for Key256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key256([REDACTED])")
    }
}

/// A passphrase typed by a person or read from a file or environment variable.
pub struct Passphrase(String);

impl Passphrase {
    /// Wraps a passphrase. A trailing newline, as `echo` or an editor leaves
    /// in a passphrase file, is not part of it.
    pub fn new(mut s: String) -> Self {
        locked::lock(s.as_ptr(), s.capacity());
        while s.ends_with('\n') || s.ends_with('\r') {
            s.pop();
        }
        Passphrase(s)
    }

    /// The passphrase bytes, for the KDF.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether it is empty (not secret).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Length in characters (not secret; used for the strength warning).
    pub fn char_len(&self) -> usize {
        self.0.chars().count()
    }
}

impl Clone for Passphrase {
    fn clone(&self) -> Self {
        let mut copy = String::with_capacity(self.0.len());
        locked::lock(copy.as_ptr(), copy.capacity());
        copy.push_str(&self.0);
        Passphrase(copy)
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        let (ptr, capacity) = (self.0.as_ptr(), self.0.capacity());
        self.0.zeroize();
        locked::unlock(ptr, capacity);
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase([REDACTED])")
    }
}

/// Locked buffers for small secrets, kept for reuse.
///
/// A request to `lkms serve` makes a dozen short-lived secrets (derived
/// keys, unsealed records, a data key); locking and unlocking each one's
/// pages is two system calls that rewrite the process's memory map, and
/// cost more than the request's cryptography. A buffer here is locked once,
/// when it is made, zeroized whenever a secret leaves it, and kept on its
/// thread's free list for the next secret of its size class, so that a
/// steady load makes no system call at all.
mod pool {
    use std::cell::RefCell;

    use super::locked;

    /// Buffer capacities; a secret takes the smallest that holds it.
    const CLASSES: [usize; 8] = [32, 64, 128, 256, 512, 1024, 2048, 4096];

    /// The largest secret the pool holds; larger ones lock their own pages.
    pub const LARGEST: usize = CLASSES[CLASSES.len() - 1];

    /// How many free buffers of a class a thread keeps (at most 128 KiB in
    /// all per thread, well within the usual `RLIMIT_MEMLOCK`).
    const KEEP: usize = 16;

    /// One thread's free buffers, each class's in its own list.
    #[derive(Default)]
    struct Free([Vec<Vec<u8>>; CLASSES.len()]);

    impl Drop for Free {
        fn drop(&mut self) {
            for buf in self.0.iter_mut().flat_map(|list| list.drain(..)) {
                locked::unlock(buf.as_ptr(), buf.capacity());
            }
        }
    }

    thread_local! {
        static FREE: RefCell<Free> = RefCell::new(Free::default());
    }

    fn class_of(capacity: usize) -> Option<usize> {
        CLASSES.iter().position(|&c| c >= capacity)
    }

    /// An empty, locked, zeroed buffer with room for at least `capacity`
    /// bytes (at most [`LARGEST`]).
    pub fn take(capacity: usize) -> Vec<u8> {
        let class = class_of(capacity).unwrap_or(CLASSES.len() - 1);
        let reused = FREE
            .try_with(|free| free.borrow_mut().0[class].pop())
            .ok()
            .flatten();
        reused.unwrap_or_else(|| {
            let buf = Vec::with_capacity(CLASSES[class]);
            locked::lock(buf.as_ptr(), buf.capacity());
            buf
        })
    }

    /// Takes back a zeroized buffer from [`take`]; one the free list has no
    /// room for is freed and its pages released.
    pub fn give(buf: Vec<u8>) {
        debug_assert!(buf.is_empty());
        let (ptr, capacity) = (buf.as_ptr(), buf.capacity());
        let kept = CLASSES
            .iter()
            .position(|&c| c == capacity)
            .and_then(|class| {
                FREE.try_with(move |free| {
                    let list = &mut free.borrow_mut().0[class];
                    let room = list.len() < KEEP;
                    if room {
                        list.push(buf);
                    }
                    room
                })
                .ok()
            })
            .unwrap_or(false);
        if !kept {
            // The pages are counted, not the buffer: releasing them after
            // the buffer was freed is the same as before.
            locked::unlock(ptr, capacity);
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_buffer_is_reused_on_its_thread_without_moving() {
            let mut buf = take(40);
            assert_eq!(buf.capacity(), 64);
            buf.extend_from_slice(&[7; 40]);
            let first = buf.as_ptr();
            zeroize::Zeroize::zeroize(&mut buf);
            give(buf);
            let again = take(33);
            assert_eq!(again.as_ptr(), first, "the freed buffer comes back");
            assert!(again.is_empty());
        }

        #[test]
        fn secrets_of_every_size_round_trip() {
            for len in [0, 1, 31, 32, 33, 4095, 4096, 4097, 70_000] {
                let s = super::super::SecretBytes::new(vec![9; len]);
                assert_eq!(s.expose(), vec![9; len].as_slice());
                let c = s.clone();
                drop(s);
                assert_eq!(c.len(), len);
            }
        }
    }
}

/// Keeps the memory pages that hold secrets out of swap (`mlock`), as far
/// as the operating system allows: a failure (`RLIMIT_MEMLOCK` reached, no
/// permission, no such call) leaves the page unlocked and is not an error.
///
/// Locks do not nest (one `munlock` unlocks a page however often it was
/// locked), and small secrets share pages, so each page counts the secrets
/// on it and is unlocked when the last one is dropped.
mod locked {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};

    fn pages() -> &'static Mutex<HashMap<usize, usize>> {
        static PAGES: OnceLock<Mutex<HashMap<usize, usize>>> = OnceLock::new();
        PAGES.get_or_init(Default::default)
    }

    /// The pages `[ptr, ptr + len)` touches.
    fn span(ptr: *const u8, len: usize) -> impl Iterator<Item = usize> {
        let size = region::page::size();
        let start = ptr as usize / size * size;
        let end = if len == 0 { start } else { ptr as usize + len };
        (start..end).step_by(size)
    }

    /// Locks the pages of a buffer that is about to hold, or holds, a secret.
    pub fn lock(ptr: *const u8, len: usize) {
        let mut pages = pages().lock().unwrap_or_else(|e| e.into_inner());
        let size = region::page::size();
        for page in span(ptr, len) {
            let holders = pages.entry(page).or_insert(0);
            if *holders == 0 {
                // The guard would unlock on drop; the count decides instead.
                if let Ok(guard) = region::lock(page as *const u8, size) {
                    std::mem::forget(guard);
                }
            }
            *holders += 1;
        }
    }

    /// Releases a buffer's pages once its secret has been zeroized.
    pub fn unlock(ptr: *const u8, len: usize) {
        let mut pages = pages().lock().unwrap_or_else(|e| e.into_inner());
        let size = region::page::size();
        for page in span(ptr, len) {
            if let Some(holders) = pages.get_mut(&page) {
                *holders -= 1;
                if *holders == 0 {
                    pages.remove(&page);
                    let _ = region::unlock(page as *const u8, size);
                }
            }
        }
    }

    /// How many secrets hold the page at `page` (a page-aligned address).
    #[cfg(test)]
    fn holders(page: usize) -> usize {
        let pages = pages().lock().unwrap_or_else(|e| e.into_inner());
        pages.get(&page).copied().unwrap_or(0)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_shared_page_stays_held_until_its_last_secret_goes() {
            let size = region::page::size();
            // A page inside a buffer of our own, so no other test's secret
            // can share it.
            let buf = vec![0u8; 3 * size];
            let page = (buf.as_ptr() as usize / size + 1) * size;
            let at = |offset: usize| (page + offset) as *const u8;
            lock(at(0), 32);
            lock(at(64), 32);
            assert_eq!(holders(page), 2);
            unlock(at(0), 32);
            assert_eq!(holders(page), 1);
            unlock(at(64), 32);
            assert_eq!(holders(page), 0);
            // A buffer across a page boundary holds both pages.
            lock(at(size - 8), 16);
            assert_eq!((holders(page), holders(page + size)), (1, 1));
            unlock(at(size - 8), 16);
            assert_eq!((holders(page), holders(page + size)), (0, 0));
            lock(at(0), 0);
            assert_eq!(holders(page), 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secret_bytes() {
        let s = SecretBytes::new(b"hunter2-material".to_vec());
        assert!(!format!("{s:?}").contains("hunter2"));
        let p = Passphrase::new("hunter2\n".into());
        assert!(!format!("{p:?}").contains("hunter2"));
        assert_eq!(p.expose(), b"hunter2");
    }

    #[test]
    fn secret_bytes_round_trip_through_json() {
        let s = SecretBytes::new(vec![0, 1, 2, 255]);
        let json = serde_json::to_string(&s).expect("serialize");
        let back: SecretBytes = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back.expose(), &[0, 1, 2, 255]);
    }
}
