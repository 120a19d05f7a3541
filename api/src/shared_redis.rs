//! Redis as the nodes share it (the bus's publishing and the rate limits): one pool, and a bound
//! on every call, so that a Redis that went away costs a request at most [`CALL_TIMEOUT`] and an
//! error the caller logs, never a hang.

use std::time::Duration;

/// The longest a call to Redis may take, connecting included; Redis answers in well under a
/// millisecond when it is there.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(1);

/// A pool of connections to the Redis at `url`.
pub fn pool(url: &str) -> anyhow::Result<deadpool_redis::Pool> {
    deadpool_redis::Config::from_url(url)
        .create_pool(Some(deadpool_redis::Runtime::Tokio1))
        .map_err(|e| anyhow::anyhow!("REDIS_URL: {e}"))
}

/// Runs `command` on a connection from `pool`, within [`CALL_TIMEOUT`].
pub async fn call<T: redis::FromRedisValue>(
    pool: &deadpool_redis::Pool,
    command: &redis::Cmd,
) -> anyhow::Result<T> {
    let attempt = async {
        let mut conn = pool.get().await?;
        anyhow::Ok(command.query_async::<T>(&mut conn).await?)
    };
    tokio::time::timeout(CALL_TIMEOUT, attempt)
        .await
        .map_err(|_| anyhow::anyhow!("Redis did not answer within {CALL_TIMEOUT:?}"))?
}
