//! Rate limits: each [`Limit`] allows `max` attempts per key (an e-mail, a client address) in a
//! fixed window from the key's first attempt. Counting an attempt and learning whether it is over
//! the limit is one atomic step, so parallel attempts cannot all slip under it. In memory on one
//! node; in Redis (shared by every node) when configured. While Redis is down (or slower than
//! [`CALL_TIMEOUT`](shared_redis::CALL_TIMEOUT)), each node counts in memory again, alone, and logs it: the limits still hold
//! per node, and no request hangs or fails for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::client_ip::ClientIp;
use crate::error::ApiError;
use crate::shared_redis;

/// At most `max` attempts per key within `window`, which starts at the key's first attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Part of the key, so that limits on the same kind of key count apart.
    pub name: &'static str,
    /// Attempts allowed in a window.
    pub max: u32,
    /// How long a window lasts.
    pub window: Duration,
}

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

/// Failed sign-ins for one e-mail from one client address: 5 a minute. The real owner, elsewhere,
/// is not locked out by someone guessing their password.
pub const SIGN_IN_PER_EMAIL_AND_IP: Limit = Limit { name: "signin-email-ip", max: 5, window: MINUTE };
/// Failed sign-ins for one e-mail from anywhere: 20 in 15 minutes, against guessing from many
/// addresses; a lockout by it lasts at most those 15 minutes.
pub const SIGN_IN_PER_EMAIL: Limit =
    Limit { name: "signin-email", max: 20, window: Duration::from_secs(900) };
/// Failed sign-ins from one client address, any e-mail: 30 in 15 minutes, against trying one
/// password on many e-mails.
pub const SIGN_IN_PER_IP: Limit = Limit { name: "signin-ip", max: 30, window: Duration::from_secs(900) };
/// Password-reset requests for one e-mail: 3 an hour, so nobody floods a mailbox.
pub const PASSWORD_RESET_PER_EMAIL: Limit = Limit { name: "reset-email", max: 3, window: HOUR };
/// Password-reset requests from one client address: 20 an hour.
pub const PASSWORD_RESET_PER_IP: Limit = Limit { name: "reset-ip", max: 20, window: HOUR };
/// Workshop registrations from one client address, whatever their outcome: 10 an hour, so the
/// CONFLICT on an e-mail in use cannot test lists of e-mails.
pub const REGISTER_WORKSHOP_PER_IP: Limit = Limit { name: "register-ip", max: 10, window: HOUR };

/// Sign-ins with Google started from one client address: 30 in 15 minutes (each stores a flow
/// and may lead to a call to Google).
pub const GOOGLE_START_PER_IP: Limit =
    Limit { name: "google-start-ip", max: 30, window: Duration::from_secs(900) };

/// Bookings, moves and cancellations by one CUSTOMER login: 20 an hour, so nobody floods a
/// workshop's agenda (and its subscribers) from the portal.
pub const APPOINTMENT_CHANGES_PER_CUSTOMER: Limit =
    Limit { name: "appointment-customer", max: 20, window: HOUR };

/// Status-link lookups (the public order page and its live feed) from one client address: 60 a
/// minute, plenty for people following their orders, too few to sweep tokens or load the database.
pub const STATUS_LINK_PER_IP: Limit = Limit { name: "status-link-ip", max: 60, window: MINUTE };
/// Chat messages by one user (customer or staff): 20 a minute, so nobody floods a conversation
/// (and the other side's subscribers).
pub const CHAT_MESSAGES_PER_USER: Limit = Limit { name: "chat-user", max: 20, window: MINUTE };
/// Promo-code redemptions by one PARTNER login, whatever their outcome: 60 an hour, plenty at a
/// counter, too few to try codes (31⁸ of them) in bulk.
pub const REDEMPTIONS_PER_PARTNER: Limit = Limit { name: "redeem-partner", max: 60, window: HOUR };
/// Views and answers of e-mailed NPS survey links from one client address: 60 an hour, so
/// nobody tries tokens in bulk.
pub const NPS_LINK_PER_IP: Limit = Limit { name: "nps-link-ip", max: 60, window: HOUR };

/// NPS answers by one CUSTOMER login: 20 an hour (each order takes one answer anyway).
pub const NPS_ANSWERS_PER_CUSTOMER: Limit = Limit { name: "nps-customer", max: 20, window: HOUR };

/// Consent changes by one CUSTOMER login in the portal: 30 an hour (each one logs a row and an
/// event).
pub const CONSENT_CHANGES_PER_CUSTOMER: Limit = Limit { name: "consent-customer", max: 30, window: HOUR };
/// Data exports asked for by one CUSTOMER login: 5 an hour (each builds a zip of all their data).
pub const DATA_EXPORTS_PER_CUSTOMER: Limit = Limit { name: "export-customer", max: 5, window: HOUR };
/// Data-export downloads from one client address: 30 an hour, too few to sweep tokens.
pub const DATA_EXPORT_DOWNLOADS_PER_IP: Limit = Limit { name: "export-download-ip", max: 30, window: HOUR };

/// Wrong MFA codes on one sign-in challenge: 5 in its 5 minutes (a new challenge takes the
/// password again, which the sign-in limits count).
pub const MFA_CODE_PER_CHALLENGE: Limit =
    Limit { name: "mfa-challenge", max: 5, window: Duration::from_secs(300) };
/// Wrong MFA codes from one client address: 30 in 15 minutes, like sign-in.
pub const MFA_CODE_PER_IP: Limit = Limit { name: "mfa-ip", max: 30, window: Duration::from_secs(900) };
/// Wrong codes by one signed-in user confirming an enrolment or turning MFA off: 10 in 15 minutes.
pub const MFA_CODE_PER_USER: Limit = Limit { name: "mfa-user", max: 10, window: Duration::from_secs(900) };

/// Counts attempts per limit and key.
#[derive(Clone)]
pub enum RateLimiter {
    /// This node's own counts.
    Memory(MemoryCounts),
    /// Keys `<namespace>:rate:<limit>:<key>`, shared by every node on this Redis; `fallback`
    /// counts while Redis cannot be reached.
    Redis { pool: deadpool_redis::Pool, namespace: String, fallback: MemoryCounts },
}

/// Per key: when its window ends, and the attempts in it.
#[derive(Clone, Default)]
pub struct MemoryCounts(Arc<Mutex<HashMap<String, (Instant, u32)>>>);

impl MemoryCounts {
    /// Counts one attempt of `key` (limit name included) in a window of `window`; the count.
    fn count(&self, key: String, window: Duration) -> u32 {
        let mut map = self.0.lock().expect("rate limiter lock");
        let now = Instant::now();
        map.retain(|_, (ends, _)| *ends > now);
        let entry = map.entry(key).or_insert((now + window, 0));
        entry.1 += 1;
        entry.1
    }

    /// Takes back one attempt of `key`, if its window still holds any.
    fn uncount(&self, key: &str) {
        let mut map = self.0.lock().expect("rate limiter lock");
        if let Some(entry) = map.get_mut(key).filter(|(ends, _)| *ends > Instant::now()) {
            entry.1 = entry.1.saturating_sub(1);
        }
    }
}

/// Counts one attempt and returns the count in the window: the key expires with its window, which
/// starts at the first attempt.
const COUNT: &str = "local n = redis.call('INCR', KEYS[1]) \
    if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end \
    return n";

/// Takes one attempt back, if the window still holds any (never below zero, never a key without
/// expiry).
const UNCOUNT: &str = "if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end \
    return 0";

impl RateLimiter {
    /// A limiter of this node alone.
    pub fn in_memory() -> Self {
        Self::Memory(MemoryCounts::default())
    }

    /// A limiter shared by every node on the Redis of `pool`, keys under `namespace`.
    pub fn redis(pool: deadpool_redis::Pool, namespace: String) -> Self {
        Self::Redis { pool, namespace, fallback: MemoryCounts::default() }
    }

    /// Counts one attempt of `key` under `limit`; whether it is still within the limit.
    pub async fn count(&self, limit: Limit, key: &str) -> bool {
        let key = format!("{}:{key}", limit.name);
        let count = match self {
            Self::Memory(counts) => counts.count(key, limit.window),
            Self::Redis { pool, namespace, fallback } => {
                let window = limit.window.as_millis() as u64;
                match run_script(pool, namespace, COUNT, &key, window).await {
                    Ok(count) => u32::try_from(count).unwrap_or(u32::MAX),
                    Err(err) => {
                        tracing::warn!(
                            err = format!("{err:#}"),
                            "rate limiter: Redis unavailable; counting on this node alone"
                        );
                        fallback.count(key, limit.window)
                    }
                }
            }
        };
        count <= limit.max
    }

    /// Takes back one attempt of `key` counted under `limit` (one that turned out fine).
    pub async fn uncount(&self, limit: Limit, key: &str) {
        let key = format!("{}:{key}", limit.name);
        match self {
            Self::Memory(counts) => counts.uncount(&key),
            Self::Redis { pool, namespace, fallback } => {
                // Redis unavailable now: the attempt was most likely counted on this node.
                if let Err(err) = run_script(pool, namespace, UNCOUNT, &key, 0).await {
                    tracing::warn!(
                        err = format!("{err:#}"),
                        "rate limiter: Redis unavailable; taking back on this node"
                    );
                    fallback.uncount(&key);
                }
            }
        }
    }

    /// Counts one attempt under each limit in turn, stopping at the first one it is over:
    /// RATE_LIMITED then (the later limits did not count it). Put the limits an attacker controls
    /// the key of (the client address) first, so that a refused attempt does not spend the budget
    /// of someone else's e-mail.
    pub async fn count_all(&self, attempts: &[(Limit, &str)]) -> Result<(), ApiError> {
        for (limit, key) in attempts {
            if !self.count(*limit, key).await {
                return Err(ApiError::RateLimited);
            }
        }
        Ok(())
    }

    /// Takes back one attempt under each limit (see [`RateLimiter::uncount`]).
    pub async fn uncount_all(&self, attempts: &[(Limit, &str)]) {
        for (limit, key) in attempts {
            self.uncount(*limit, key).await;
        }
    }
}

/// Runs one of the scripts above on `key` (in `namespace`) with `arg`, within [`CALL_TIMEOUT`](shared_redis::CALL_TIMEOUT).
async fn run_script(
    pool: &deadpool_redis::Pool,
    namespace: &str,
    script: &str,
    key: &str,
    arg: u64,
) -> anyhow::Result<i64> {
    let key = format!("{namespace}:rate:{key}");
    shared_redis::call(pool, redis::cmd("EVAL").arg(script).arg(1).arg(key).arg(arg)).await
}

/// The key of an e-mail as typed: trimmed and lower-cased, so `Zé@x` and ` zé@x` count together;
/// cut at 255 characters (no e-mail is longer), so a huge input makes no huge key.
pub fn email_key(email: &str) -> String {
    email.trim().chars().take(255).flat_map(char::to_lowercase).collect()
}

/// The key of an e-mail from a client address.
pub fn email_and_ip_key(email: &str, client: ClientIp) -> String {
    format!("{}|{client}", email_key(email))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_AN_HOUR: Limit = Limit { name: "test", max: 2, window: HOUR };

    #[tokio::test]
    async fn counts_per_limit_and_key_and_takes_back_what_it_counted() {
        let limiter = RateLimiter::in_memory();
        assert!(limiter.count(TWO_AN_HOUR, "a").await);
        assert!(limiter.count(TWO_AN_HOUR, "a").await);
        assert!(!limiter.count(TWO_AN_HOUR, "a").await);
        assert!(limiter.count(TWO_AN_HOUR, "b").await, "another key");
        assert!(limiter.count(Limit { name: "other", ..TWO_AN_HOUR }, "a").await, "another limit");
        // Taken back, never below zero: two more for "b" after three takebacks.
        for _ in 0..3 {
            limiter.uncount(TWO_AN_HOUR, "b").await;
        }
        assert!(limiter.count(TWO_AN_HOUR, "b").await);
        assert!(limiter.count(TWO_AN_HOUR, "b").await);
        assert!(!limiter.count(TWO_AN_HOUR, "b").await);
    }

    #[tokio::test]
    async fn a_window_that_ended_starts_again() {
        let limiter = RateLimiter::in_memory();
        let once = Limit { name: "test", max: 1, window: Duration::ZERO };
        assert!(limiter.count(once, "a").await);
        assert!(limiter.count(once, "a").await);
    }

    #[test]
    fn an_email_counts_however_it_is_typed() {
        assert_eq!(email_key(" Zé@Example.com "), "zé@example.com");
        assert_eq!(email_key(&"a".repeat(10_000)).len(), 255);
    }
}
