//! Status links and the public view of an order.

use async_graphql::{Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::portal as domain;

use crate::graphql::service::ServiceOrderStatus;

/// OFICINA_PUBLIC_URL, without a trailing slash: where the links the API hands out point.
#[derive(Clone)]
pub struct PublicUrl(pub String);

/// A link to one order's live status that the customer opens without signing in.
#[derive(SimpleObject)]
pub struct StatusLink {
    /// `<public url>/acompanhar/<token>`: the token is only ever in this answer (and the e-mail).
    pub(super) url: String,
    /// Null while the order is open; then 7 days after it finishes or is cancelled.
    pub(super) expires_at: Option<DateTime<Utc>>,
}

/// A service order as anyone holding its status link sees it: nothing about the customer.
pub struct PublicOrderStatus(pub(super) domain::PublicOrderStatus);

#[Object]
impl PublicOrderStatus {
    async fn number(&self) -> i64 {
        self.0.order.number
    }
    async fn status(&self) -> ServiceOrderStatus {
        self.0.order.status.into()
    }
    async fn workshop_name(&self) -> &str {
        &self.0.workshop_name
    }
    /// Upper-case, without the dash.
    async fn plate(&self) -> &str {
        &self.0.plate
    }
    /// Brand, model and year.
    async fn vehicle_description(&self) -> &str {
        &self.0.vehicle_description
    }
    /// The order's last change.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.order.updated_at.and_utc()
    }
    async fn final_cents(&self) -> i64 {
        self.0.order.final_cents
    }
    /// Oldest first.
    async fn items(&self) -> Vec<PublicOrderItem> {
        self.0
            .items
            .iter()
            .map(|item| PublicOrderItem {
                description: item.description.clone(),
                quantity: item.quantity().as_f64(),
                total_cents: item.total_cents,
            })
            .collect()
    }
}

/// A line of an order on its public page.
#[derive(SimpleObject)]
pub struct PublicOrderItem {
    description: String,
    /// In units, as `ServiceOrderItem.quantity`.
    quantity: f64,
    total_cents: i64,
}
