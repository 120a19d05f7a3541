//! How much one session may hold open: connections per session (on this node) and
//! subscriptions per connection.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::http::ClientMessage;
use oficina_domain::{Language, Message};
use serde::Deserialize;
use serde_json::json;

/// How many connections one session may hold open on one node; the next is closed with 4429.
/// Counted per node (each node keeps its own count), so with several nodes a session may hold
/// this many on each.
pub const MAX_CONNECTIONS_PER_SESSION: usize = 10;

/// How many subscriptions one connection may run at once. The next `subscribe` is answered with
/// an `error` message for its id (RATE_LIMITED), which graphql-ws clients hand to that
/// subscription alone: the connection and its other subscriptions go on.
pub const MAX_SUBSCRIPTIONS_PER_CONNECTION: usize = 20;

/// The WebSocket connections open on this node, counted per session id.
#[derive(Clone, Default)]
pub struct OpenConnections(Arc<Mutex<HashMap<i64, usize>>>);

/// One open connection of a session; it stops counting when dropped.
pub(super) struct OpenConnection {
    connections: OpenConnections,
    session_id: i64,
}

impl OpenConnections {
    /// Counts one more connection of `session_id`, or `None` when it has
    /// [`MAX_CONNECTIONS_PER_SESSION`] open already.
    pub(super) fn open(&self, session_id: i64) -> Option<OpenConnection> {
        let mut counts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let count = counts.entry(session_id).or_default();
        if *count >= MAX_CONNECTIONS_PER_SESSION {
            return None;
        }
        *count += 1;
        Some(OpenConnection { connections: self.clone(), session_id })
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        let mut counts = self.connections.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = counts.get_mut(&self.session_id) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.session_id);
            }
        }
    }
}

/// The ids of the subscriptions a connection runs.
#[derive(Default)]
pub(super) struct Subscriptions(HashSet<String>);

impl Subscriptions {
    /// Lets a client message through, following the subscriptions it starts and stops; a
    /// `subscribe` beyond [`MAX_SUBSCRIPTIONS_PER_CONNECTION`] becomes the `error` message to answer.
    pub(super) fn admit(
        &mut self,
        message: ClientMessage,
        language: Language,
    ) -> Result<ClientMessage, String> {
        match &message {
            ClientMessage::Start { id, .. } if !self.0.contains(id) => {
                if self.0.len() >= MAX_SUBSCRIPTIONS_PER_CONNECTION {
                    return Err(too_many_subscriptions(id, language));
                }
                self.0.insert(id.clone());
            }
            ClientMessage::Stop { id } => {
                self.0.remove(id);
            }
            _ => {}
        }
        Ok(message)
    }

    /// Follows an answer of async-graphql: `complete` ends its subscription.
    pub(super) fn follow_answer(&mut self, answer: &str) {
        #[derive(Deserialize)]
        struct Answer {
            #[serde(rename = "type")]
            kind: String,
            id: Option<String>,
        }
        if let Ok(Answer { kind, id: Some(id) }) = serde_json::from_str(answer)
            && kind == "complete"
        {
            self.0.remove(&id);
        }
    }
}

/// The graphql-transport-ws `error` message refusing subscription `id`.
fn too_many_subscriptions(id: &str, language: Language) -> String {
    let message = Message::new(
        "Assinaturas demais abertas nesta conexão; encerre alguma antes.",
        "Too many subscriptions on this connection; complete one first.",
    );
    let error = json!({ "message": message.text(language), "extensions": { "code": "RATE_LIMITED" } });
    json!({ "id": id, "type": "error", "payload": [error] }).to_string()
}
