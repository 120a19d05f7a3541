//! The customer's loyalty on their 360 page, for staff.

use leptos::prelude::*;

use super::standing::{Standing, StandingRow};
use crate::api::loyalty::{CustomerLoyaltyView, customer_loyalty_view};
use crate::api::request;
use crate::components::Loaded;
use crate::i18n::{t, use_i18n};

/// "Fidelidade" on the 360 page: points and each program's progress.
#[component]
pub fn CustomerLoyaltyCard(customer_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let loaded = LocalResource::new(move || {
        let id = customer_id.clone();
        async move {
            request::<CustomerLoyaltyView>(customer_loyalty_view::Variables { id })
                .await
                .map(|data| data.customer.loyalty)
        }
    });
    view! {
        <section class="card" data-test="customer-loyalty">
            <h2>{t!(i18n, loyalty.title)}</h2>
            <Loaded
                resource=loaded
                show=move |loyalty| {
                    if loyalty.programs.is_empty() {
                        view! { <p class="empty">{t!(i18n, loyalty.no_programs)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{t!(i18n, loyalty.points_total, points = loyalty.points)}</p>
                            {loyalty
                                .programs
                                .into_iter()
                                .map(|p| view! { <StandingRow standing=Standing::from(p) /> })
                                .collect_view()}
                        }
                            .into_any()
                    }
                }
            />
        </section>
    }
}
