//! One program's progress as every page shows it: name, bar, points or visits toward the
//! reward, the rewards available and those used already.

use leptos::prelude::*;

use crate::api::loyalty::{LoyaltyProgramKind, customer_loyalty_view, order_loyalty_view};
use crate::i18n::{t, use_i18n};

/// A customer's standing in one program, whatever query brought it.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub id: String,
    pub name: String,
    pub kind: LoyaltyProgramKind,
    pub progress: f64,
    pub points: i64,
    pub visits: i64,
    pub target: i64,
    pub reward_description: String,
    pub rewards_available: i64,
    pub rewards_used: i64,
}

macro_rules! standing_from {
    ($t:ty) => {
        impl From<$t> for Standing {
            fn from(p: $t) -> Self {
                Standing {
                    id: p.id,
                    name: p.name,
                    kind: p.kind,
                    progress: p.progress,
                    points: p.points,
                    visits: p.visits,
                    target: p.target,
                    reward_description: p.reward_description,
                    rewards_available: p.rewards_available,
                    rewards_used: p.rewards_used,
                }
            }
        }
    };
}

standing_from!(customer_loyalty_view::CustomerLoyaltyViewCustomerLoyaltyPrograms);
standing_from!(order_loyalty_view::OrderLoyaltyViewOrderLoyaltyCustomerPrograms);
standing_from!(crate::api::portal::my_portal::MyPortalMyCustomerLoyaltyPrograms);

/// A program's row: its name, a progress bar, how far, and the rewards to use.
#[component]
pub fn StandingRow(standing: Standing) -> impl IntoView {
    let i18n = use_i18n();
    let percent = (standing.progress.clamp(0.0, 1.0) * 100.0).round();
    let Standing {
        name,
        kind,
        points,
        visits,
        target,
        reward_description,
        rewards_available,
        rewards_used,
        ..
    } = standing;
    let how_far = match kind {
        LoyaltyProgramKind::Visits => {
            t!(i18n, loyalty.visits_of, visits = visits, target = target).into_any()
        }
        _ => t!(i18n, loyalty.points_of, points = points, target = target).into_any(),
    };
    view! {
        <div class="loyalty-row" data-test="loyalty-program">
            <strong>{name}</strong>
            <progress max="100" value=percent.to_string() aria-label=format!("{percent}%")></progress>
            <p class="muted" data-test="loyalty-how-far">{how_far}</p>
            {(rewards_available > 0)
                .then(|| {
                    view! {
                        <p class="notice notice--success" data-test="loyalty-available">
                            {t!(i18n, loyalty.available, n = rewards_available, reward = reward_description)}
                        </p>
                    }
                })}
            {(rewards_used > 0)
                .then(|| {
                    view! { <p class="muted" data-test="loyalty-used">{t!(i18n, loyalty.used, n = rewards_used)}</p> }
                })}
        </div>
    }
}
