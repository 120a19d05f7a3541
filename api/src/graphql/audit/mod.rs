//! The audit trail: the live feed of a workshop's events.

mod subscription;
mod types;

pub use subscription::AuditSubscription;
pub use types::{EventActor, WorkshopEvent};
