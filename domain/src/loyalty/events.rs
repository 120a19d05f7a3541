//! What the loyalty context records in the audit trail.

use serde::Serialize;

use super::models::{ProgramKind, ProgramStatus};
use crate::audit::EventKind;

/// The aggregate type of program events.
pub const PROGRAM: &str = "loyalty_program";

/// An ADMIN created a program: [`ProgramWritten`].
pub const PROGRAM_CREATED: EventKind = EventKind::new(PROGRAM, "loyalty_program.created");
/// An ADMIN changed a program's name, description or reward: [`ProgramWritten`].
pub const PROGRAM_UPDATED: EventKind = EventKind::new(PROGRAM, "loyalty_program.updated");
/// An ADMIN paused, resumed or ended a program: [`StatusChanged`].
pub const PROGRAM_STATUS_CHANGED: EventKind = EventKind::new(PROGRAM, "loyalty_program.status_changed");
/// Staff applied a reward to an open order (aggregate: the program): [`RewardChanged`].
pub const REWARD_APPLIED: EventKind = EventKind::new(PROGRAM, "loyalty_program.reward_applied");
/// A reward was taken off an order, by staff or by the order's cancellation: [`RewardChanged`].
pub const REWARD_REMOVED: EventKind = EventKind::new(PROGRAM, "loyalty_program.reward_removed");

/// A program as written.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramWritten {
    pub name: String,
    pub kind: ProgramKind,
    pub points_per_real: i64,
    pub reward_points: i64,
    pub visits_for_reward: i64,
    pub reward_description: String,
    pub reward_cents: Option<i64>,
}

/// A change of a program's status.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChanged {
    pub from: ProgramStatus,
    pub to: ProgramStatus,
}

/// A reward applied to or removed from an order.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardChanged {
    pub reward_id: i64,
    pub customer_id: i64,
    pub service_order_id: i64,
    pub discount_cents: i64,
    pub points_spent: i64,
    /// Removed because the order was cancelled.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub order_cancelled: bool,
}
