//! When a connection's session ends: no polling, a timer for its expiry and the event bus (which
//! carries the events of every node when Redis is set) for sign-outs and password resets.

use std::sync::Arc;

use chrono::Utc;
use oficina_domain::audit::Event;
use oficina_domain::identity::Principal;
use tokio::sync::broadcast::{self, error::RecvError};

use crate::state::AppState;

/// Resolves once `principal`'s session (that of `token`) has ended: it expired, or an event on
/// `events` ended it. When the connection fell behind and skipped events, one of which may have
/// ended it, the database answers instead.
pub(super) async fn ended(
    state: AppState,
    mut events: broadcast::Receiver<Arc<Event>>,
    principal: Principal,
    token: String,
) {
    let left = (principal.expires_at - Utc::now()).to_std().unwrap_or_default();
    let ended_by_event = async {
        loop {
            match events.recv().await {
                Ok(event) if principal.is_ended_by(&event) => return,
                Ok(_) => {}
                Err(RecvError::Lagged(skipped)) => {
                    tracing::warn!(skipped, "a websocket session check fell behind; asking the database");
                    match state.principal(Some(&token)).await {
                        Ok(Some(_)) => {}
                        Ok(None) => return,
                        Err(err) => tracing::error!(%err, "cannot check a websocket session"),
                    }
                }
                // The bus is gone with the app: only the expiry is left.
                Err(RecvError::Closed) => std::future::pending().await,
            }
        }
    };
    tokio::select! {
        () = tokio::time::sleep(left) => {}
        () = ended_by_event => {}
    }
}
