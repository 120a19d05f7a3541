//! The loyalty context's rows.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::schema::{loyalty_programs, loyalty_rewards};

crate::text_enum! {
    /// What a program counts.
    pub enum ProgramKind {
        /// Points per whole real spent on each finished order; a reward at `reward_points`.
        Points => "POINTS",
        /// Finished orders; every `visits_for_reward`-th one is free.
        Visits => "VISITS",
    }
}

crate::text_enum! {
    /// ACTIVE ⇄ PAUSED → ENDED. Orders finished while paused or after the end do not count, and
    /// only an ACTIVE program's rewards can be applied.
    pub enum ProgramStatus {
        Active => "ACTIVE",
        Paused => "PAUSED",
        Ended => "ENDED",
    }
}

/// A loyalty program of a workshop.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = loyalty_programs, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct LoyaltyProgram {
    pub id: i64,
    pub workshop_id: i64,
    pub name: String,
    pub description: String,
    pub kind: ProgramKind,
    /// POINTS: points per whole real of an order's final total (0 for VISITS).
    pub points_per_real: i64,
    /// POINTS: the points one reward costs (0 for VISITS).
    pub reward_points: i64,
    /// VISITS: the n of "the n-th finished order is free" (0 for POINTS).
    pub visits_for_reward: i64,
    pub reward_description: String,
    /// The reward's value; `None`: the labour (services) of the order it is applied to.
    pub reward_cents: Option<i64>,
    pub status: ProgramStatus,
    /// UTC. Orders finished from then on count.
    pub started_at: NaiveDateTime,
    /// UTC. Orders finished from then on no longer count.
    pub ended_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl LoyaltyProgram {
    /// When it started, as a UTC instant.
    pub fn started(&self) -> DateTime<Utc> {
        self.started_at.and_utc()
    }

    /// When it ended, as a UTC instant.
    pub fn ended(&self) -> Option<DateTime<Utc>> {
        self.ended_at.map(|t| t.and_utc())
    }
}

/// A reward applied to a service order as a discount.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = loyalty_rewards, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct LoyaltyReward {
    pub id: i64,
    pub workshop_id: i64,
    pub program_id: i64,
    pub customer_id: i64,
    pub service_order_id: i64,
    /// The customer's how-many-th reward of the program.
    pub ordinal: i64,
    /// POINTS: the points it cost (0 for VISITS).
    pub points_spent: i64,
    pub discount_cents: i64,
    pub applied_by: i64,
    pub applied_at: NaiveDateTime,
}

impl LoyaltyReward {
    /// When it was applied, as a UTC instant.
    pub fn applied(&self) -> DateTime<Utc> {
        self.applied_at.and_utc()
    }
}
