//! "Pesquisas pendentes" on the portal's home: the customer's finished orders of the last 30
//! days still to rate, each with the way to its survey.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::nps::{NpsPending, nps_pending};
use crate::api::request;
use crate::components::Loaded;
use crate::format::show_plate;
use crate::i18n::{date_text, t, use_i18n};

/// The pending surveys of the signed-in customer.
#[component]
pub fn PendingSurveys() -> impl IntoView {
    let i18n = use_i18n();
    let pending = LocalResource::new(|| async {
        request::<NpsPending>(nps_pending::Variables).await.map(|data| data.my_customer.pending_nps)
    });
    view! {
        <section class="card" data-test="nps-pending">
            <h2>{t!(i18n, nps.pending_title)}</h2>
            <Loaded resource=pending show=|surveys| view! { <PendingList surveys /> } />
        </section>
    }
}

/// The pending surveys, each with its "Avaliar" button; or that there are none.
#[component]
fn PendingList(surveys: Vec<nps_pending::NpsPendingMyCustomerPendingNps>) -> impl IntoView {
    let i18n = use_i18n();
    if surveys.is_empty() {
        return view! { <p class="empty">{t!(i18n, nps.pending_empty)}</p> }.into_any();
    }
    view! {
        <ul class="nps-pending">
            {surveys
                .into_iter()
                .map(|survey| {
                    let order = survey.service_order;
                    let date = order.finished_at.clone().unwrap_or_default();
                    view! {
                        <li class="nps-pending__item" data-test="nps-pending-item">
                            <div>
                                <strong>{t!(i18n, order.number, number = order.number)}</strong>
                                " · "
                                <span class="plate">{show_plate(&order.vehicle.plate)}</span>
                                <p class="muted">
                                    {t!(i18n, portal_orders.finished, date = move || date_text(&date))}
                                </p>
                            </div>
                            <A
                                href=format!("/cliente/avaliar/{}", order.id)
                                attr:class="button button--primary"
                                attr:data-test="nps-pending-rate"
                            >
                                {t!(i18n, nps.rate)}
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
