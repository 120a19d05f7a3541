//! Programs, progress and applied rewards as clients see them.

use async_graphql::{Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::loyalty as domain;

use crate::graphql::to_id;

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::loyalty::ProgramKind")]
pub enum LoyaltyProgramKind {
    /// Points per whole real spent on each finished order; a reward at `rewardPoints`.
    Points,
    /// Finished orders; every `visitsForReward`-th one is free.
    Visits,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::loyalty::ProgramStatus")]
pub enum LoyaltyProgramStatus {
    Active,
    /// Orders finished while paused do not count; rewards cannot be applied.
    Paused,
    /// Orders finished after the end do not count; rewards cannot be applied.
    Ended,
}

/// A loyalty program of the workshop.
#[derive(SimpleObject)]
pub struct LoyaltyProgram {
    id: ID,
    name: String,
    description: String,
    kind: LoyaltyProgramKind,
    status: LoyaltyProgramStatus,
    /// POINTS: points per whole real of each finished order.
    points_per_real: Option<i64>,
    /// POINTS: the points a reward costs.
    reward_points: Option<i64>,
    /// VISITS: this finished order of each cycle is free.
    visits_for_reward: Option<i64>,
    reward_description: String,
    /// The reward's value; null: the labour of the order it is applied to.
    reward_cents: Option<i64>,
    started_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
}

impl From<domain::LoyaltyProgram> for LoyaltyProgram {
    fn from(p: domain::LoyaltyProgram) -> Self {
        let points = p.kind == domain::ProgramKind::Points;
        LoyaltyProgram {
            id: to_id(p.id),
            started_at: p.started(),
            ended_at: p.ended(),
            name: p.name,
            description: p.description,
            kind: p.kind.into(),
            status: p.status.into(),
            points_per_real: points.then_some(p.points_per_real),
            reward_points: points.then_some(p.reward_points),
            visits_for_reward: (!points).then_some(p.visits_for_reward),
            reward_description: p.reward_description,
            reward_cents: p.reward_cents,
        }
    }
}

/// How far a customer is in one loyalty program (`id` is the program's).
#[derive(SimpleObject)]
pub struct LoyaltyProgramProgress {
    id: ID,
    name: String,
    description: String,
    kind: LoyaltyProgramKind,
    status: LoyaltyProgramStatus,
    /// Toward the next reward, from 0 to 1 (1 while a reward is available).
    progress: f64,
    /// POINTS: points available (earned minus spent); 0 for VISITS.
    points: i64,
    /// Finished orders that count for the program.
    visits: i64,
    /// POINTS: the points a reward costs; VISITS: the visit that is free.
    target: i64,
    reward_description: String,
    /// Rewards the customer may use now.
    rewards_available: i64,
    /// Rewards applied to orders.
    rewards_used: i64,
}

impl From<domain::ProgramProgress> for LoyaltyProgramProgress {
    fn from(p: domain::ProgramProgress) -> Self {
        let program = p.program;
        let target = match program.kind {
            domain::ProgramKind::Points => program.reward_points,
            domain::ProgramKind::Visits => program.visits_for_reward,
        };
        LoyaltyProgramProgress {
            id: to_id(program.id),
            name: program.name,
            description: program.description,
            kind: program.kind.into(),
            status: program.status.into(),
            progress: p.progress,
            points: p.points,
            visits: p.visits,
            target,
            reward_description: program.reward_description,
            rewards_available: p.rewards_available,
            rewards_used: p.rewards_used,
        }
    }
}

/// A customer's loyalty points and their progress in the programs that have not ended.
#[derive(SimpleObject, Default)]
pub struct CustomerLoyalty {
    /// Points available over the POINTS programs.
    points: i64,
    programs: Vec<LoyaltyProgramProgress>,
}

impl From<domain::CustomerLoyalty> for CustomerLoyalty {
    fn from(l: domain::CustomerLoyalty) -> Self {
        CustomerLoyalty { points: l.points, programs: l.programs.into_iter().map(Into::into).collect() }
    }
}

/// A reward applied to a service order as a discount.
#[derive(SimpleObject)]
pub struct LoyaltyReward {
    id: ID,
    program_id: ID,
    service_order_id: ID,
    customer_id: ID,
    discount_cents: i64,
    /// POINTS: the points it cost.
    points_spent: i64,
    applied_at: DateTime<Utc>,
}

impl From<domain::LoyaltyReward> for LoyaltyReward {
    fn from(r: domain::LoyaltyReward) -> Self {
        LoyaltyReward {
            id: to_id(r.id),
            program_id: to_id(r.program_id),
            service_order_id: to_id(r.service_order_id),
            customer_id: to_id(r.customer_id),
            discount_cents: r.discount_cents,
            points_spent: r.points_spent,
            applied_at: r.applied(),
        }
    }
}

/// What the order page shows: the rewards on the order and the customer's standing, to apply one.
#[derive(SimpleObject)]
pub struct OrderLoyalty {
    applied: Vec<LoyaltyReward>,
    customer: CustomerLoyalty,
}

impl OrderLoyalty {
    pub(super) fn new(applied: Vec<domain::LoyaltyReward>, customer: domain::CustomerLoyalty) -> Self {
        OrderLoyalty { applied: applied.into_iter().map(Into::into).collect(), customer: customer.into() }
    }
}
