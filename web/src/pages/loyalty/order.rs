//! The rewards of an order on its page: the ones applied (removable while the order is open)
//! and the customer's available ones, to apply as a discount.

use leptos::prelude::*;

use super::standing::{Standing, StandingRow};
use crate::api::loyalty::{
    ApplyLoyaltyReward, OrderLoyaltyView, RemoveLoyaltyReward, apply_loyalty_reward, order_loyalty_view,
    remove_loyalty_reward,
};
use crate::api::{ApiError, request};
use crate::components::Loaded;
use crate::format::show_money;
use crate::i18n::{error_message, t, use_i18n};

/// What staff do with a reward.
#[derive(Debug, Clone)]
enum RewardChange {
    Apply(String),
    Remove(String),
}

/// The rewards card of order `order_id`; `open` lets staff apply and remove them; `changed`
/// reloads the order (its totals) after a change.
#[component]
pub fn OrderRewards(order_id: String, open: bool, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = order_id.clone();
    let loaded = LocalResource::new(move || {
        let id = id.clone();
        async move {
            request::<OrderLoyaltyView>(order_loyalty_view::Variables { id })
                .await
                .map(|data| data.order_loyalty)
        }
    });
    let action = Action::new_local(move |change: &RewardChange| {
        let (order, change) = (order_id.clone(), change.clone());
        async move {
            match change {
                RewardChange::Apply(program_id) => {
                    let variables = apply_loyalty_reward::Variables { service_order_id: order, program_id };
                    request::<ApplyLoyaltyReward>(variables).await.map(|_| ())?;
                }
                RewardChange::Remove(id) => {
                    request::<RemoveLoyaltyReward>(remove_loyalty_reward::Variables { id })
                        .await
                        .map(|_| ())?;
                }
            }
            loaded.refetch();
            changed.run(());
            Ok::<_, ApiError>(())
        }
    });
    let pending = action.pending();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="card" data-test="order-rewards">
            <h2>{t!(i18n, loyalty.order_title)}</h2>
            {move || {
                error
                    .get()
                    .map(|e| view! { <p class="form-error" role="alert">{move || error_message(&e)}</p> })
            }}
            <Loaded
                resource=loaded
                show=move |loyalty| {
                    let names: Vec<(String, String)> =
                        loyalty.customer.programs.iter().map(|p| (p.id.clone(), p.name.clone())).collect();
                    let applied = loyalty
                        .applied
                        .into_iter()
                        .map(|reward| {
                            let name = names
                                .iter()
                                .find(|(id, _)| *id == reward.program_id)
                                .map(|(_, name)| name.clone())
                                .unwrap_or_default();
                            let id = reward.id.clone();
                            view! {
                                <li data-test="applied-reward">
                                    {t!(i18n, loyalty.applied, program = name, amount = show_money(reward.discount_cents))}
                                    {open
                                        .then(|| {
                                            view! {
                                                " "
                                                <button
                                                    type="button"
                                                    class="button button--quiet"
                                                    data-test="remove-reward"
                                                    disabled=pending
                                                    on:click=move |_| {
                                                        action.dispatch(RewardChange::Remove(id.clone()));
                                                    }
                                                >
                                                    {t!(i18n, loyalty.remove)}
                                                </button>
                                            }
                                        })}
                                </li>
                            }
                        })
                        .collect_view();
                    let programs = loyalty
                        .customer
                        .programs
                        .into_iter()
                        .map(|p| {
                            let can_apply = open && p.rewards_available > 0;
                            let id = p.id.clone();
                            view! {
                                <StandingRow standing=Standing::from(p) />
                                {can_apply
                                    .then(|| {
                                        view! {
                                            <button
                                                type="button"
                                                class="button"
                                                data-test="apply-reward"
                                                disabled=pending
                                                on:click=move |_| {
                                                    action.dispatch(RewardChange::Apply(id.clone()));
                                                }
                                            >
                                                {t!(i18n, loyalty.apply)}
                                            </button>
                                        }
                                    })}
                            }
                        })
                        .collect_view();
                    view! {
                        <ul class="program-list">{applied}</ul>
                        {programs}
                    }
                }
            />
        </section>
    }
}
