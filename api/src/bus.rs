//! The event bus: committed events reach the subscriptions of every node.
//! In-process (tokio broadcast) by default; Redis pub/sub when several nodes share one database.

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use oficina_domain::audit::Event;
use tokio::sync::{broadcast, oneshot};

/// How many events a slow subscriber may fall behind before it skips some.
const CAPACITY: usize = 1024;

/// Publishes committed events and hands out receivers of every event any node published.
#[derive(Clone)]
pub struct EventBus {
    local: broadcast::Sender<Arc<Event>>,
    redis: Option<RedisPublisher>,
}

#[derive(Clone)]
struct RedisPublisher {
    pool: deadpool_redis::Pool,
    channel: String,
}

impl EventBus {
    /// A bus for one node.
    pub fn in_process() -> Self {
        Self { local: broadcast::channel(CAPACITY).0, redis: None }
    }

    /// A bus shared through Redis: publishes to `<namespace>:events` and forwards what arrives
    /// there to this node's subscribers. Returns once the first subscription to Redis is live.
    pub async fn redis(url: &str, namespace: &str, pool: deadpool_redis::Pool) -> anyhow::Result<Self> {
        let channel = format!("{namespace}:events");
        let local = broadcast::channel(CAPACITY).0;
        let client = redis::Client::open(url)?;
        let (ready_tx, ready_rx) = oneshot::channel();
        tokio::spawn(forward_from_redis(client, channel.clone(), local.clone(), ready_tx));
        tokio::time::timeout(Duration::from_secs(10), ready_rx)
            .await
            .map_err(|_| anyhow::anyhow!("REDIS_URL: no subscription to Redis within 10 s"))??;
        Ok(Self { local, redis: Some(RedisPublisher { pool, channel }) })
    }

    /// Publishes events whose transaction committed. A failure is logged, never returned: the
    /// change itself is already durable and in the audit trail.
    pub async fn publish(&self, events: &[Event]) {
        for event in events {
            match &self.redis {
                None => {
                    let _ = self.local.send(Arc::new(event.clone()));
                }
                Some(redis) => {
                    if let Err(err) = redis.publish(event).await {
                        tracing::warn!(%err, event_id = event.id, "could not publish event to Redis");
                    }
                }
            }
        }
    }

    /// A receiver of every event published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.local.subscribe()
    }
}

impl RedisPublisher {
    async fn publish(&self, event: &Event) -> anyhow::Result<()> {
        let mut conn = self.pool.get().await?;
        let payload = serde_json::to_string(event)?;
        redis::cmd("PUBLISH").arg(&self.channel).arg(payload).query_async::<i64>(&mut conn).await?;
        Ok(())
    }
}

/// Keeps a dedicated pub/sub connection subscribed to `channel`, reconnecting with exponential
/// backoff (up to 5 s), and forwards every message to the local subscribers. Runs for the life
/// of the process (or of the runtime that spawned it).
async fn forward_from_redis(
    client: redis::Client,
    channel: String,
    local: broadcast::Sender<Arc<Event>>,
    ready: oneshot::Sender<()>,
) {
    let mut ready = Some(ready);
    let mut backoff = Duration::from_millis(100);
    loop {
        match client.get_async_pubsub().await {
            Ok(mut pubsub) => match pubsub.subscribe(&channel).await {
                Ok(()) => {
                    backoff = Duration::from_millis(100);
                    if let Some(ready) = ready.take() {
                        let _ = ready.send(());
                    }
                    let mut messages = pubsub.on_message();
                    while let Some(message) = messages.next().await {
                        let event = message
                            .get_payload::<String>()
                            .map_err(anyhow::Error::from)
                            .and_then(|text| Ok(serde_json::from_str::<Event>(&text)?));
                        match event {
                            Ok(event) => {
                                let _ = local.send(Arc::new(event));
                            }
                            Err(err) => tracing::warn!(%err, "ignoring a malformed event from Redis"),
                        }
                    }
                    tracing::warn!("Redis pub/sub connection closed; reconnecting");
                }
                Err(err) => tracing::warn!(%err, "Redis SUBSCRIBE failed"),
            },
            Err(err) => tracing::warn!(%err, "cannot connect to Redis for pub/sub"),
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}
