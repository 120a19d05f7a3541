//! The live feed of appointments.

use async_graphql::{Context, Subscription};
use futures_util::{Stream, StreamExt, stream};
use oficina_domain::Db;
use oficina_domain::scheduling::events::APPOINTMENT;
use oficina_domain::scheduling::{self as domain, AppointmentViewer};
use tokio::sync::broadcast::error::RecvError;

use super::query::SLOT_READERS;
use super::types::{Appointment, AppointmentChange, AppointmentChangedEvent, viewer};
use crate::auth::{RoleGuard, principal};
use crate::bus::EventBus;
use crate::error::ApiError;

/// The scheduling context's part of the subscription root.
#[derive(Default)]
pub struct SchedulingSubscription;

#[Subscription]
impl SchedulingSubscription {
    /// Staff every change of their workshop's appointments; a CUSTOMER only their own. After commit.
    #[graphql(guard = "RoleGuard(SLOT_READERS)")]
    async fn appointment_changed(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = AppointmentChangedEvent> + use<>, ApiError> {
        let p = principal(ctx)?;
        let (workshop_id, viewer) = (p.workshop.id, viewer(p)?);
        let db = ctx.data_unchecked::<Db>().clone();
        let events = ctx.data_unchecked::<EventBus>().subscribe();
        let changes = stream::unfold(events, move |mut events| async move {
            loop {
                match events.recv().await {
                    Ok(event) if event.workshop_id == workshop_id && event.aggregate_type == APPOINTMENT => {
                        // A customer's events are told apart by the customer they carry.
                        let theirs = match viewer {
                            AppointmentViewer::Staff => true,
                            AppointmentViewer::Customer { customer_id } => {
                                event.payload["customerId"].as_i64() == Some(customer_id)
                            }
                        };
                        if let Some(change) = AppointmentChange::of_event(&event.kind).filter(|_| theirs) {
                            return Some(((change, event.aggregate_id), events));
                        }
                    }
                    Ok(_) => {}
                    Err(RecvError::Lagged(skipped)) => {
                        tracing::warn!(skipped, "a subscriber fell behind and skipped events");
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        });
        Ok(changes.filter_map(move |(change, id)| {
            let db = db.clone();
            async move {
                let mut pooled = db.get().await.ok()?;
                match domain::Appointment::find(&mut pooled.conn(), workshop_id, viewer, id).await {
                    Ok(found) => {
                        found.map(|a| AppointmentChangedEvent { change, appointment: Appointment(a) })
                    }
                    Err(err) => {
                        tracing::warn!(%err, appointment_id = id, "could not load a changed appointment");
                        None
                    }
                }
            }
        }))
    }
}
