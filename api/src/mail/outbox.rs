//! The outbox worker: delivers the notifications that committed transactions queued, at most once
//! each. Woken right after a commit on this node, and polling every few seconds for the rest
//! (other nodes' commits, retries after a backoff, and the claims a dead worker left behind,
//! which are given up on: that worker may have sent them).

use std::sync::Arc;
use std::time::Duration;

use oficina_domain::Db;
use oficina_domain::notifications::Notification;
use tokio::sync::Notify;

use super::{Mailer, SendError, templates};

/// How often the worker looks for due notifications when nothing woke it.
const POLL_INTERVAL: Duration = Duration::from_secs(3);

/// How many notifications one claim takes.
const BATCH: i64 = 20;

/// Wakes this node's outbox worker; cheap to clone.
#[derive(Clone)]
pub struct Outbox(Arc<Notify>);

impl Outbox {
    /// Spawns the worker, delivering through `mailer` with links to `public_url`. It runs for the
    /// life of the runtime. `db` should be a pool of its own, so that deliveries never take
    /// connections from requests.
    pub fn spawn(db: Db, mailer: Mailer, public_url: String) -> Outbox {
        let wake = Arc::new(Notify::new());
        tokio::spawn(run(db, mailer, public_url, wake.clone()));
        Outbox(wake)
    }

    /// Asks the worker to look for due notifications now: call it after a commit. A wake while
    /// the worker is busy is kept for its next look.
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

async fn run(db: Db, mailer: Mailer, public_url: String, wake: Arc<Notify>) {
    loop {
        if let Err(err) = deliver_due(&db, &mailer, &public_url).await {
            tracing::warn!(err = format!("{err:#}"), "outbox: cannot reach the database");
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(POLL_INTERVAL) => {}
        }
    }
}

/// Delivers every due notification, a claimed batch at a time, until none is due.
async fn deliver_due(db: &Db, mailer: &Mailer, public_url: &str) -> anyhow::Result<()> {
    loop {
        let batch = Notification::claim_due(&mut db.get().await?.conn(), BATCH).await?;
        if batch.is_empty() {
            return Ok(());
        }
        for notification in batch {
            if !notification.start_sending(&mut db.get().await?.conn()).await? {
                continue;
            }
            let sent = match templates::render(&notification, public_url) {
                Ok(message) => mailer.send(&message).await,
                Err(err) => Err(SendError::NotSent(err)),
            };
            let mut pooled = db.get().await?;
            match sent {
                Ok(()) => notification.record_delivery(&mut pooled.conn()).await?,
                Err(SendError::NotSent(err)) => {
                    let error = format!("{err:#}");
                    tracing::warn!(notification = notification.id, attempt = notification.attempts + 1, %error, "outbox: delivery failed");
                    notification.record_failure(&mut pooled.conn(), &error).await?;
                }
                Err(SendError::Unknown(err)) => {
                    let error = format!("{err:#}");
                    tracing::warn!(notification = notification.id, %error, "outbox: delivery outcome unknown; not resent");
                    notification.record_unknown_outcome(&mut pooled.conn(), &error).await?;
                }
            }
        }
    }
}
