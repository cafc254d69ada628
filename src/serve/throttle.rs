//! The rate limit on failed authentications, per client address.
//!
//! Each address has a bucket of `per_minute` tokens refilling at
//! `per_minute` a minute; a request refused before it authenticated takes
//! one. An address with an empty bucket is answered ThrottlingException
//! before its signature is looked at: no HMAC is computed, no secret looked
//! up, and (but for the first) nothing written to the audit trail, which is
//! what a flood of bad requests would otherwise fill.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// How many addresses are tracked; beyond it, new addresses share one
/// bucket (so spraying addresses cannot empty the memory).
const MAX_TRACKED: usize = 65_536;

/// Failed-authentication buckets by client address.
pub struct Throttle {
    per_minute: f64,
    buckets: Mutex<HashMap<Client, Bucket>>,
}

/// A client as the limit sees it: an IPv4 address, or an IPv6 /64 (one
/// host usually holds a whole /64), or everyone past [`MAX_TRACKED`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Client {
    V4(u32),
    V6(u64),
    Overflow,
}

impl Client {
    fn of(ip: IpAddr) -> Client {
        match ip {
            IpAddr::V4(v4) => Client::V4(v4.into()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Client::V4(v4.into()),
                None => Client::V6((u128::from(v6) >> 64) as u64),
            },
        }
    }
}

struct Bucket {
    tokens: f64,
    updated: Instant,
    /// Whether the throttling that began when it ran dry was reported.
    reported: bool,
}

/// What to do with a request from a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Go on and check its signature.
    Check,
    /// Answer ThrottlingException; `report` is true once per episode (the
    /// first throttled request), for the audit trail.
    Throttled { report: bool },
}

impl Throttle {
    /// A limit of `per_minute` failures per client, in a burst or spread.
    pub fn new(per_minute: u32) -> Throttle {
        Throttle {
            per_minute: f64::from(per_minute.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a request from `ip` may be checked now.
    pub fn verdict(&self, ip: IpAddr, now: Instant) -> Verdict {
        let mut buckets = self.lock();
        let client = Client::of(ip);
        let key = if buckets.contains_key(&client) {
            client
        } else if buckets.len() >= MAX_TRACKED {
            Client::Overflow
        } else {
            // Not tracked: it has failed nothing lately.
            return Verdict::Check;
        };
        let Some(bucket) = buckets.get_mut(&key) else {
            return Verdict::Check;
        };
        self.refill(bucket, now);
        if bucket.tokens >= 1.0 {
            Verdict::Check
        } else {
            let report = !bucket.reported;
            bucket.reported = true;
            Verdict::Throttled { report }
        }
    }

    /// Counts a failed authentication of `ip`.
    pub fn failed(&self, ip: IpAddr, now: Instant) {
        let mut buckets = self.lock();
        let mut client = Client::of(ip);
        if !buckets.contains_key(&client) && buckets.len() >= MAX_TRACKED {
            self.prune(&mut buckets, now);
            if buckets.len() >= MAX_TRACKED {
                client = Client::Overflow;
            }
        }
        let per_minute = self.per_minute;
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: per_minute,
            updated: now,
            reported: false,
        });
        self.refill(bucket, now);
        bucket.tokens = (bucket.tokens - 1.0).max(0.0);
    }

    fn refill(&self, bucket: &mut Bucket, now: Instant) {
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_minute / 60.0).min(self.per_minute);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.reported = false;
        }
    }

    /// Forgets the clients whose buckets have refilled: they are as good as
    /// new.
    fn prune(&self, buckets: &mut HashMap<Client, Bucket>, now: Instant) {
        buckets.retain(|_, b| {
            let elapsed = now.saturating_duration_since(b.updated).as_secs_f64();
            b.tokens + elapsed * self.per_minute / 60.0 < self.per_minute
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Client, Bucket>> {
        // A panic while holding the lock leaves only counters behind.
        self.buckets.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::Duration;

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn a_client_is_throttled_after_its_burst_and_recovers_at_the_rate() {
        let t = Throttle::new(3);
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(t.verdict(A, start), Verdict::Check);
            t.failed(A, start);
        }
        assert_eq!(t.verdict(A, start), Verdict::Throttled { report: true });
        assert_eq!(t.verdict(A, start), Verdict::Throttled { report: false });
        // Another client is not affected.
        assert_eq!(t.verdict(B, start), Verdict::Check);
        // 3 a minute: one token back after 20 s.
        let later = start + Duration::from_secs(21);
        assert_eq!(t.verdict(A, later), Verdict::Check);
        t.failed(A, later);
        assert_eq!(t.verdict(A, later), Verdict::Throttled { report: true });
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_prefix_and_mapped_v4_as_v4() {
        let t = Throttle::new(1);
        let now = Instant::now();
        t.failed("2001:db8::1".parse().unwrap(), now);
        assert!(matches!(
            t.verdict("2001:db8::ffff".parse().unwrap(), now),
            Verdict::Throttled { .. }
        ));
        assert_eq!(
            t.verdict("2001:db9::1".parse().unwrap(), now),
            Verdict::Check
        );
        t.failed("::ffff:10.0.0.1".parse().unwrap(), now);
        assert!(matches!(t.verdict(A, now), Verdict::Throttled { .. }));
    }

    #[test]
    fn past_the_tracking_bound_new_clients_share_one_bucket() {
        let t = Throttle::new(1);
        let now = Instant::now();
        for i in 0..MAX_TRACKED as u32 {
            t.failed(IpAddr::V4(i.into()), now);
        }
        let fresh = IpAddr::V4(std::net::Ipv4Addr::new(250, 0, 0, 1));
        let other = IpAddr::V4(std::net::Ipv4Addr::new(250, 0, 0, 2));
        assert_eq!(t.verdict(fresh, now), Verdict::Check);
        t.failed(fresh, now);
        assert!(matches!(t.verdict(other, now), Verdict::Throttled { .. }));
        assert!(t.lock().len() <= MAX_TRACKED + 1);
    }
}
