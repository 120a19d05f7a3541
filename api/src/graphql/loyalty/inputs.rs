//! The program form.

use async_graphql::InputObject;
use oficina_domain::loyalty as domain;

use super::types::LoyaltyProgramKind;

/// A loyalty program. POINTS: `pointsPerReal` (1–1000) and `rewardPoints` (1–1,000,000);
/// VISITS: `visitsForReward` (2–100: that visit is the free one). `rewardCents`: the reward's
/// value; omitted, the reward discounts the labour (services) of the order it is applied to.
#[derive(InputObject)]
pub struct LoyaltyProgramInput {
    /// Up to 80 characters.
    pub name: String,
    /// Up to 500 characters.
    pub description: Option<String>,
    pub kind: LoyaltyProgramKind,
    pub points_per_real: Option<i32>,
    pub reward_points: Option<i32>,
    pub visits_for_reward: Option<i32>,
    /// Up to 500 characters, e.g. "Lavagem grátis".
    pub reward_description: String,
    pub reward_cents: Option<i64>,
}

impl From<LoyaltyProgramInput> for domain::ProgramInput {
    fn from(i: LoyaltyProgramInput) -> Self {
        domain::ProgramInput {
            name: i.name,
            description: i.description,
            kind: i.kind.into(),
            points_per_real: i.points_per_real.map(i64::from),
            reward_points: i.reward_points.map(i64::from),
            visits_for_reward: i.visits_for_reward.map(i64::from),
            reward_description: i.reward_description,
            reward_cents: i.reward_cents,
        }
    }
}
