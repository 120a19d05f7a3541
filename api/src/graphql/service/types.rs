//! A service order as the customer's 360 view lists it.

use async_graphql::{Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};

/// Where a service order is in its life.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum ServiceOrderStatus {
    Quote,
    InProgress,
    Cancelled,
    Finished,
}

/// A service order (ordem de serviço). Service orders are created by the service module; until
/// it ships, every customer's list is empty.
#[derive(SimpleObject)]
pub struct ServiceOrder {
    id: ID,
    number: i64,
    status: ServiceOrderStatus,
    final_cents: i64,
    created_at: DateTime<Utc>,
}
