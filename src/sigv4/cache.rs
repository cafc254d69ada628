//! Derived signing keys, kept between requests.
//!
//! The signing key depends only on the secret and the credential scope
//! (day, region, service), so a server can derive it once per access key
//! and day instead of four HMACs per request. An entry is used only for the
//! same secret (compared in constant time), so a key whose secret changed
//! is derived again; and [`SigningKeyCache::verify`] still asks for the
//! secret on every request, so a disabled or deleted access key is refused
//! at once, cache or not.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use subtle::ConstantTimeEq;

use super::{AuthError, Expect, SecretKey, SignedRequest, Verified};
use crate::secret::Key256;

/// Entries kept unless told otherwise: far more access keys than a local
/// server signs with in one day.
const DEFAULT_CAPACITY: usize = 1024;

/// A bounded cache of derived signing keys, shared by a server's threads.
///
/// Its entries (the secret and the key derived from it) zeroize when they
/// are evicted or the cache is dropped. Only keys that verified a request
/// are kept; past `capacity`, the oldest entry goes.
pub struct SigningKeyCache {
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// `access key id/scope` → entry.
    entries: HashMap<String, Arc<Entry>>,
    /// Keys of `entries`, oldest first.
    order: VecDeque<String>,
}

/// One derived key and the secret it was derived from.
pub(crate) struct Entry {
    secret: SecretKey,
    key: Key256,
}

impl Entry {
    /// The signing key.
    pub(crate) fn key(&self) -> &[u8; 32] {
        self.key.expose()
    }
}

impl Default for SigningKeyCache {
    fn default() -> Self {
        SigningKeyCache::new(DEFAULT_CAPACITY)
    }
}

impl std::fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SigningKeyCache({} of {} entries)",
            self.len(),
            self.capacity
        )
    }
}

impl SigningKeyCache {
    /// A cache of at most `capacity` keys (at least one).
    pub fn new(capacity: usize) -> Self {
        SigningKeyCache {
            capacity: capacity.max(1),
            inner: Mutex::default(),
        }
    }

    /// [`super::verify`], with signing keys from and into this cache.
    pub fn verify(
        &self,
        req: &SignedRequest,
        expect: &Expect,
        secret_of: impl FnOnce(&str) -> Option<SecretKey>,
    ) -> Result<Verified, AuthError> {
        super::verify_with(req, expect, secret_of, Some(self))
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn id(access_key_id: &str, scope: &str) -> String {
        // An access key id has no '/', so the pair is unambiguous.
        format!("{access_key_id}/{scope}")
    }

    /// The entry for this access key and scope, if it was derived from
    /// `secret`.
    pub(crate) fn get(
        &self,
        access_key_id: &str,
        scope: &str,
        secret: &SecretKey,
    ) -> Option<Arc<Entry>> {
        let entry = self
            .lock()
            .entries
            .get(&Self::id(access_key_id, scope))
            .cloned()?;
        let same = entry.secret.expose().ct_eq(secret.expose());
        bool::from(same).then_some(entry)
    }

    /// Keeps a key that has just verified a request.
    pub(crate) fn insert(
        &self,
        access_key_id: &str,
        scope: &str,
        secret: &SecretKey,
        key: &[u8; 32],
    ) {
        let Some(key) = Key256::from_slice(key) else {
            return;
        };
        let entry = Arc::new(Entry {
            secret: secret.clone(),
            key,
        });
        let id = Self::id(access_key_id, scope);
        let mut inner = self.lock();
        if inner.entries.insert(id.clone(), entry).is_none() {
            inner.order.push_back(id);
        }
        while inner.entries.len() > self.capacity {
            let Some(oldest) = inner.order.pop_front() else {
                break;
            };
            inner.entries.remove(&oldest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_serves_only_its_own_secret() {
        let cache = SigningKeyCache::new(4);
        let secret = SecretKey::from_text("one");
        cache.insert(
            "AKID",
            "20260101/us-east-1/kms/aws4_request",
            &secret,
            &[7; 32],
        );
        let scope = "20260101/us-east-1/kms/aws4_request";
        assert_eq!(
            cache.get("AKID", scope, &secret).map(|e| *e.key()),
            Some([7; 32])
        );
        assert!(
            cache
                .get("AKID", scope, &SecretKey::from_text("two"))
                .is_none()
        );
        assert!(
            cache
                .get("AKID", "20260102/us-east-1/kms/aws4_request", &secret)
                .is_none()
        );
        assert!(cache.get("OTHER", scope, &secret).is_none());
    }

    #[test]
    fn it_never_holds_more_than_its_capacity_and_drops_the_oldest() {
        let cache = SigningKeyCache::new(3);
        let secret = SecretKey::from_text("s");
        for i in 0..10u8 {
            cache.insert(&format!("AKID{i}"), "scope", &secret, &[i; 32]);
            assert!(cache.len() <= 3);
        }
        assert!(cache.get("AKID6", "scope", &secret).is_none());
        for i in 7..10u8 {
            assert_eq!(
                cache
                    .get(&format!("AKID{i}"), "scope", &secret)
                    .map(|e| *e.key()),
                Some([i; 32])
            );
        }
        // Replacing an entry does not grow the queue of ids.
        cache.insert("AKID9", "scope", &secret, &[99; 32]);
        assert_eq!(cache.lock().order.len(), 3);
        assert_eq!(
            cache.get("AKID9", "scope", &secret).map(|e| *e.key()),
            Some([99; 32])
        );
        assert!(!format!("{cache:?}").contains("99"));
    }
}
