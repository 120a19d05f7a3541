//! The live feeds of chat: new messages, and conversations read, assigned, resolved or reopened.
//! Staff (ADMIN, OPERATOR) get every one of their workshop, a CUSTOMER only their own
//! conversation's, told apart by the customer every chat event carries.

use std::sync::Arc;

use async_graphql::{Context, Subscription};
use diesel::QueryResult;
use futures_util::{Stream, StreamExt, stream};
use oficina_domain::audit::Event;
use oficina_domain::chat::events::{CONVERSATION, CONVERSATION_CHANGES, MESSAGE_SENT};
use oficina_domain::chat::{self as domain, ChatViewer};
use oficina_domain::{Db, PooledConn};
use tokio::sync::broadcast::error::RecvError;

use super::query::CHATTERS;
use super::types::{ChatMessage, Conversation, viewer};
use crate::auth::{RoleGuard, principal};
use crate::bus::EventBus;
use crate::error::ApiError;

/// The chat context's part of the subscription root.
#[derive(Default)]
pub struct ChatSubscription;

#[Subscription]
impl ChatSubscription {
    /// Staff (ADMIN, OPERATOR): every message of their workshop; CUSTOMER: their own
    /// conversation's. After commit.
    #[graphql(guard = "RoleGuard(CHATTERS)")]
    async fn chat_message_received(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = ChatMessage> + use<>, ApiError> {
        let feed = feed(ctx, |kind| kind == MESSAGE_SENT.name)?;
        Ok(feed.load(|mut pooled, workshop_id, viewer, event| async move {
            let Some(id) = event.payload["messageId"].as_i64() else { return Ok(None) };
            Ok(domain::ChatMessage::find(&mut pooled.conn(), workshop_id, viewer, id).await?.map(ChatMessage))
        }))
    }

    /// Same audience: a conversation was read, assigned, resolved or reopened, as it is now
    /// (drives "visto", the unread counts and the inbox).
    #[graphql(guard = "RoleGuard(CHATTERS)")]
    async fn conversation_changed(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Conversation> + use<>, ApiError> {
        let feed = feed(ctx, |kind| CONVERSATION_CHANGES.iter().any(|k| k.name == kind))?;
        Ok(feed.load(|mut pooled, workshop_id, viewer, event| async move {
            let found =
                domain::Conversation::find(&mut pooled.conn(), workshop_id, viewer, event.aggregate_id)
                    .await?;
            Ok(found.map(Conversation))
        }))
    }
}

/// The chat events of kinds `wanted` that the subscriber may see.
struct Feed<S> {
    events: S,
    db: Db,
    workshop_id: i64,
    viewer: ChatViewer,
}

/// The subscriber's [`Feed`] of the events whose kind is `wanted`.
fn feed(
    ctx: &Context<'_>,
    wanted: fn(&str) -> bool,
) -> Result<Feed<impl Stream<Item = Arc<Event>> + use<>>, ApiError> {
    let p = principal(ctx)?;
    let (workshop_id, viewer) = (p.workshop.id, viewer(p)?);
    let receiver = ctx.data_unchecked::<EventBus>().subscribe();
    let events = stream::unfold(receiver, move |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(event)
                    if event.workshop_id == workshop_id
                        && event.aggregate_type == CONVERSATION
                        && wanted(&event.kind)
                        && theirs(viewer, &event) =>
                {
                    return Some((event, receiver));
                }
                Ok(_) => {}
                Err(RecvError::Lagged(skipped)) => {
                    tracing::warn!(skipped, "a subscriber fell behind and skipped events");
                }
                Err(RecvError::Closed) => return None,
            }
        }
    });
    let db = ctx.data_unchecked::<Db>().clone();
    Ok(Feed { events, db, workshop_id, viewer })
}

impl<S: Stream<Item = Arc<Event>> + Send + 'static> Feed<S> {
    /// Each event as what `load` reads for it now, on a connection of its own (skipped when it
    /// is gone or no longer visible).
    fn load<T, F, Fut>(self, load: F) -> impl Stream<Item = T> + use<S, T, F, Fut>
    where
        T: Send + 'static,
        F: Fn(PooledConn, i64, ChatViewer, Arc<Event>) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = QueryResult<Option<T>>> + Send,
    {
        let Feed { events, db, workshop_id, viewer } = self;
        events.filter_map(move |event| {
            let (db, load) = (db.clone(), load.clone());
            async move {
                let pooled = db.get().await.ok()?;
                let event_id = event.id;
                match load(pooled, workshop_id, viewer, event).await {
                    Ok(found) => found,
                    Err(err) => {
                        tracing::warn!(%err, event_id, "could not load a chat event's record");
                        None
                    }
                }
            }
        })
    }
}

/// Whether `viewer` may see the chat event: staff all of the workshop's, a customer the events
/// of their own conversation.
fn theirs(viewer: ChatViewer, event: &Event) -> bool {
    match viewer {
        ChatViewer::Staff { .. } => true,
        ChatViewer::Customer { customer_id } => event.payload["customerId"].as_i64() == Some(customer_id),
    }
}
