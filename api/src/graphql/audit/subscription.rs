//! The live feed of a workshop's events.

use async_graphql::{Context, Subscription};
use futures_util::{Stream, StreamExt, stream};
use tokio::sync::broadcast::error::RecvError;

use super::WorkshopEvent;
use crate::auth::{ADMIN, RoleGuard, principal};
use crate::bus::EventBus;
use crate::error::ApiError;

/// The audit trail's part of the subscription root.
#[derive(Default)]
pub struct AuditSubscription;

#[Subscription]
impl AuditSubscription {
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
