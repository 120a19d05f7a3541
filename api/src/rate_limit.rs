//! Failed sign-in throttling: five failures per e-mail in a minute answer RATE_LIMITED.
//! In memory on one node; in Redis (shared by every node) when configured.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Failures allowed per key within [`WINDOW`].
pub const MAX_FAILURES: u32 = 5;
/// The window that starts at a key's first failure.
pub const WINDOW: Duration = Duration::from_secs(60);

/// Counts failures per key in a fixed window from the first one.
#[derive(Clone)]
pub enum RateLimiter {
    Memory(Arc<Mutex<HashMap<String, (Instant, u32)>>>),
    Redis { pool: deadpool_redis::Pool, namespace: String },
}

impl RateLimiter {
    pub fn in_memory() -> Self {
        Self::Memory(Arc::default())
    }

    /// Whether `key` has used up its failures in the current window.
    pub async fn is_limited(&self, key: &str) -> bool {
        match self {
            Self::Memory(map) => {
                let map = map.lock().expect("rate limiter lock");
                map.get(key).is_some_and(|(start, count)| start.elapsed() < WINDOW && *count >= MAX_FAILURES)
            }
            Self::Redis { pool, namespace } => {
                let result: anyhow::Result<Option<u32>> = async {
                    let mut conn = pool.get().await?;
                    Ok(redis::cmd("GET").arg(redis_key(namespace, key)).query_async(&mut conn).await?)
                }
                .await;
                match result {
                    Ok(count) => count.unwrap_or(0) >= MAX_FAILURES,
                    Err(err) => {
                        tracing::warn!(%err, "rate limiter unavailable; allowing the attempt");
                        false
                    }
                }
            }
        }
    }

    /// Records one failure of `key`.
    pub async fn record_failure(&self, key: &str) {
        match self {
            Self::Memory(map) => {
                let mut map = map.lock().expect("rate limiter lock");
                map.retain(|_, (start, _)| start.elapsed() < WINDOW);
                let entry = map.entry(key.to_owned()).or_insert((Instant::now(), 0));
                entry.1 += 1;
            }
            Self::Redis { pool, namespace } => {
                let result: anyhow::Result<()> = async {
                    let mut conn = pool.get().await?;
                    let key = redis_key(namespace, key);
                    redis::pipe()
                        .atomic()
                        .cmd("INCR")
                        .arg(&key)
                        .ignore()
                        .cmd("EXPIRE")
                        .arg(&key)
                        .arg(WINDOW.as_secs())
                        .arg("NX")
                        .ignore()
                        .query_async::<()>(&mut conn)
                        .await?;
                    Ok(())
                }
                .await;
                if let Err(err) = result {
                    tracing::warn!(%err, "could not record a failed sign-in");
                }
            }
        }
    }
}

fn redis_key(namespace: &str, key: &str) -> String {
    format!("{namespace}:signin-failures:{key}")
}
