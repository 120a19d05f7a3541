//! The live feed of a workshop's events.

use std::sync::Arc;

use async_graphql::{Context, ID, Object, SimpleObject, Subscription};
use chrono::{DateTime, Utc};
use futures_util::{Stream, StreamExt, stream};
use oficina_domain::audit::Event;
use tokio::sync::broadcast::error::RecvError;

use super::to_id;
use crate::auth::{ADMIN, RoleGuard, principal};
use crate::bus::EventBus;
use crate::error::ApiError;

/// Something that changed in a workshop (the audit trail).
pub struct WorkshopEvent(Arc<Event>);

/// Who caused an event.
#[derive(SimpleObject)]
pub struct EventActor {
    id: ID,
    name: String,
}

#[Object]
impl WorkshopEvent {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// `<aggregate>.<what happened>`, e.g. `staff.added`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }
    async fn actor(&self) -> Option<EventActor> {
        self.0.actor.as_ref().map(|a| EventActor { id: to_id(a.user_id), name: a.name.clone() })
    }
}

#[derive(Default)]
pub struct EventSubscription;

#[Subscription]
impl EventSubscription {
    /// ADMIN: each new event of their own workshop.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn workshop_events(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = WorkshopEvent> + use<>, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let events = ctx.data_unchecked::<EventBus>().subscribe();
        let stream = stream::unfold(events, |mut events| async move {
            loop {
                match events.recv().await {
                    Ok(event) => return Some((event, events)),
                    Err(RecvError::Lagged(skipped)) => {
                        tracing::warn!(skipped, "a subscriber fell behind and skipped events");
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        });
        Ok(stream
            .filter(move |event| std::future::ready(event.workshop_id == workshop_id))
            .map(WorkshopEvent))
    }
}
