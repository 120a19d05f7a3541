//! The event bus: committed events reach the subscriptions of every node.
//! In-process (tokio broadcast) by default. With Redis (several nodes sharing one database) a node
//! still serves its own subscribers first, straight from the broadcast, and also publishes each
//! event to Redis tagged with its node id; every node forwards what arrives from Redis to its own
//! subscribers, skipping the messages it sent itself. So a Redis outage never silences a node:
//! only the other nodes miss its events until Redis is back.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use oficina_domain::audit::Event;
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, oneshot};

use crate::shared_redis;

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
    /// This node's id, random per bus (one bus per process, outside tests).
    node: Arc<str>,
}

/// What travels on the Redis channel: an event and the node that published it.
#[derive(Serialize, Deserialize)]
struct Envelope<'a> {
    node: Cow<'a, str>,
    event: Cow<'a, Event>,
}

impl EventBus {
    /// A bus for one node.
    pub fn in_process() -> Self {
        Self { local: broadcast::channel(CAPACITY).0, redis: None }
    }

    /// A bus shared through Redis: publishes to `<namespace>:events` and forwards what other nodes
    /// published there to this node's subscribers. Returns once the first subscription to Redis is
    /// live; after that, the subscription comes back by itself whenever Redis does.
    pub async fn redis(url: &str, namespace: &str, pool: deadpool_redis::Pool) -> anyhow::Result<Self> {
        let channel = format!("{namespace}:events");
        let node: Arc<str> = random_node_id().into();
        let local = broadcast::channel(CAPACITY).0;
        let client = redis::Client::open(url)?;
        let (ready_tx, ready_rx) = oneshot::channel();
        let forwarder =
            Forwarder { client, channel: channel.clone(), node: node.clone(), local: local.clone() };
        tokio::spawn(forwarder.run(ready_tx));
        tokio::time::timeout(Duration::from_secs(10), ready_rx)
            .await
            .map_err(|_| anyhow::anyhow!("REDIS_URL: no subscription to Redis within 10 s"))??;
        Ok(Self { local, redis: Some(RedisPublisher { pool, channel, node }) })
    }

    /// Publishes events whose transaction committed: to this node's subscribers, then (with Redis)
    /// to the other nodes. A failure is logged, never returned, and waits at most
    /// [`shared_redis::CALL_TIMEOUT`]: the change itself is already durable and in the audit trail.
    pub async fn publish(&self, events: &[Event]) {
        for event in events {
            let _ = self.local.send(Arc::new(event.clone()));
            if let Some(redis) = &self.redis
                && let Err(err) = redis.publish(event).await
            {
                tracing::warn!(
                    err = format!("{err:#}"),
                    event_id = event.id,
                    "could not publish an event to Redis; the other nodes miss it"
                );
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
        let envelope = Envelope { node: Cow::Borrowed(&*self.node), event: Cow::Borrowed(event) };
        let command = redis::cmd("PUBLISH").arg(&self.channel).arg(serde_json::to_string(&envelope)?).clone();
        shared_redis::call::<i64>(&self.pool, &command).await?;
        Ok(())
    }
}

/// A node id unlikely to repeat: a randomly keyed hash of the process id and the time.
fn random_node_id() -> String {
    use std::hash::BuildHasher;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let hash = std::collections::hash_map::RandomState::new().hash_one((std::process::id(), now.as_nanos()));
    format!("{hash:016x}")
}

/// Forwards the events other nodes publish on Redis to this node's subscribers.
struct Forwarder {
    client: redis::Client,
    channel: String,
    /// This node's id: its own messages were delivered locally already.
    node: Arc<str>,
    local: broadcast::Sender<Arc<Event>>,
}

impl Forwarder {
    /// Keeps a dedicated pub/sub connection subscribed to the channel, reconnecting with
    /// exponential backoff (up to 5 s), and signals `ready` once first subscribed. Runs for the
    /// life of the process (or of the runtime that spawned it).
    async fn run(self, ready: oneshot::Sender<()>) {
        let mut ready = Some(ready);
        let mut backoff = Duration::from_millis(100);
        loop {
            match self.client.get_async_pubsub().await {
                Ok(mut pubsub) => match pubsub.subscribe(&self.channel).await {
                    Ok(()) => {
                        backoff = Duration::from_millis(100);
                        match ready.take() {
                            Some(ready) => {
                                let _ = ready.send(());
                            }
                            None => {
                                tracing::info!("subscribed to Redis again; events from other nodes resume")
                            }
                        }
                        let mut messages = pubsub.on_message();
                        while let Some(message) = messages.next().await {
                            self.forward(&message);
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

    /// Hands a message from another node to the local subscribers.
    fn forward(&self, message: &redis::Msg) {
        let envelope = message
            .get_payload::<String>()
            .map_err(anyhow::Error::from)
            .and_then(|text| Ok(serde_json::from_str::<Envelope>(&text)?));
        match envelope {
            Ok(envelope) if envelope.node == *self.node => {}
            Ok(envelope) => {
                let _ = self.local.send(Arc::new(envelope.event.into_owned()));
            }
            Err(err) => tracing::warn!(%err, "ignoring a malformed event from Redis"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_carries_the_event_and_its_node() {
        let event = Event {
            id: 7,
            workshop_id: 1,
            actor: None,
            aggregate_type: "customer".into(),
            aggregate_id: 3,
            kind: "customer.created".into(),
            payload: serde_json::json!({ "name": "Carla" }),
            at: chrono::Utc::now(),
        };
        let text =
            serde_json::to_string(&Envelope { node: Cow::Borrowed("a1"), event: Cow::Borrowed(&event) })
                .unwrap();
        let read: Envelope = serde_json::from_str(&text).unwrap();
        assert_eq!((read.node.as_ref(), read.event.as_ref()), ("a1", &event));
        assert_ne!(random_node_id(), random_node_id());
    }
}
