//! The live feed of service orders.

use async_graphql::{Context, Subscription};
use futures_util::{Stream, StreamExt, stream};
use oficina_domain::Db;
use oficina_domain::identity::Role;
use oficina_domain::service as domain;
use tokio::sync::broadcast::error::RecvError;

use super::{ServiceOrder, viewer};
use crate::auth::{RoleGuard, principal};
use crate::bus::EventBus;
use crate::error::ApiError;

/// Who may follow orders live: staff and customers (each what they may see).
const ORDER_READERS: &[Role] = &[Role::Admin, Role::Operator, Role::Mechanic, Role::Customer];

/// The service context's part of the subscription root.
#[derive(Default)]
pub struct ServiceSubscription;

#[Subscription]
impl ServiceSubscription {
    /// Each change of an order the caller may see, as it is after the change: staff every order
    /// of their workshop, a MECHANIC the orders assigned to them, a CUSTOMER their own.
    #[graphql(guard = "RoleGuard(ORDER_READERS)")]
    async fn service_order_changed(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = ServiceOrder> + use<>, ApiError> {
        let p = principal(ctx)?;
        let (workshop_id, viewer) = (p.workshop.id, viewer(p)?);
        let db = ctx.data_unchecked::<Db>().clone();
        let events = ctx.data_unchecked::<EventBus>().subscribe();
        let changed_orders = stream::unfold(events, move |mut events| async move {
            loop {
                match events.recv().await {
                    Ok(event)
                        if event.workshop_id == workshop_id && event.aggregate_type == "service_order" =>
                    {
                        return Some((event.aggregate_id, events));
                    }
                    Ok(_) => {}
                    Err(RecvError::Lagged(skipped)) => {
                        tracing::warn!(skipped, "a subscriber fell behind and skipped events");
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        });
        Ok(changed_orders.filter_map(move |id| {
            let db = db.clone();
            async move {
                let mut pooled = db.get().await.ok()?;
                let found = domain::ServiceOrder::find(&mut pooled.conn(), workshop_id, viewer, id).await;
                match found {
                    Ok(order) => order.map(ServiceOrder),
                    Err(err) => {
                        tracing::warn!(%err, order_id = id, "could not load a changed order");
                        None
                    }
                }
            }
        }))
    }
}
