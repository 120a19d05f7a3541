//! The live feed of the order behind a status link.

use async_graphql::{Context, Subscription};
use chrono::Utc;
use futures_util::{Stream, stream};
use oficina_domain::Db;
use oficina_domain::portal::{self as domain, events::STATUS_LINKS_REVOKED};
use oficina_domain::service::events::ORDER_CREATED;
use tokio::sync::broadcast::error::RecvError;

use super::query::count_lookup;
use super::types::PublicOrderStatus;
use crate::bus::EventBus;
use crate::error::ApiError;
use crate::graphql::conn;

/// The portal's part of the subscription root.
#[derive(Default)]
pub struct PortalSubscription;

#[Subscription]
impl PortalSubscription {
    /// Anyone holding a status link's token: the order as it is after each of its changes, and
    /// nothing about any other order. NOT_FOUND for an unknown, revoked or expired token; the
    /// feed ends (complete) at the first change after the link was revoked or expired.
    /// RATE_LIMITED as `orderStatus`.
    async fn order_status_changed(
        &self,
        ctx: &Context<'_>,
        token: String,
    ) -> Result<impl Stream<Item = PublicOrderStatus> + use<>, ApiError> {
        count_lookup(ctx).await?;
        // Listening before the link is checked, so a change right after the check is not missed.
        let events = ctx.data_unchecked::<EventBus>().subscribe();
        let (workshop_id, order_id) = {
            let mut pooled = conn(ctx).await?;
            let (link, _) = domain::StatusLink::find_working(&mut pooled.conn(), &token, Utc::now())
                .await?
                .ok_or(ApiError::NotFound)?;
            (link.workshop_id, link.service_order_id)
        };
        let db = ctx.data_unchecked::<Db>().clone();
        Ok(stream::unfold((events, db, token), move |(mut events, db, token)| async move {
            loop {
                let event = match events.recv().await {
                    Ok(event) => event,
                    Err(RecvError::Lagged(skipped)) => {
                        tracing::warn!(skipped, "a subscriber fell behind and skipped events");
                        continue;
                    }
                    Err(RecvError::Closed) => return None,
                };
                let of_the_order = event.workshop_id == workshop_id && event.aggregate_id == order_id;
                let changes_it = (event.aggregate_type == ORDER_CREATED.aggregate_type)
                    || event.kind == STATUS_LINKS_REVOKED.name;
                if !(of_the_order && changes_it) {
                    continue;
                }
                let found = match db.get().await {
                    Ok(mut pooled) => {
                        domain::PublicOrderStatus::by_token(&mut pooled.conn(), &token, Utc::now()).await
                    }
                    Err(err) => {
                        tracing::warn!(%err, order_id, "could not load an order for its status link");
                        continue;
                    }
                };
                match found {
                    Ok(Some(status)) => return Some((PublicOrderStatus(status), (events, db, token))),
                    // Revoked or expired: the link shows nothing any more.
                    Ok(None) => return None,
                    Err(err) => tracing::warn!(%err, order_id, "could not load an order for its status link"),
                }
            }
        }))
    }
}
