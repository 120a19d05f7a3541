//! `/acompanhar/:token`: one service order's status, items and total, live, for anyone holding
//! the link staff sent (no sign-in; made for a phone). An unknown, revoked or expired link is one
//! plain page.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::item_lines::{ItemLines, Line};
use crate::api::portal::{OrderStatus, OrderStatusChanged, order_status, order_status_changed};
use crate::api::{ApiError, LiveStatus, request, subscribe_public};
use crate::components::{ErrorNotice, LiveMark, Loading, PublicHeader, first_error};
use crate::format::{show_money, show_plate};
use crate::i18n::{date_text, service_order_status_name, t, use_i18n};

/// The order as the page shows it.
type PublicOrder = order_status::OrderStatusOrderStatus;

/// `/acompanhar/:token`.
#[component]
pub fn OrderStatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = params.with_untracked(|params| params.get("token").unwrap_or_default());
    let loaded = LocalResource::new({
        let token = token.clone();
        move || {
            let token = token.clone();
            async move { request::<OrderStatus>(order_status::Variables { token }).await.map(|d| d.order_status) }
        }
    });
    // Every change reloads the page's data; so does the end of the feed (the link stopped
    // working: the reload then shows the invalid-link page).
    let live = subscribe_public::<OrderStatusChanged>(
        order_status_changed::Variables { token },
        move |_| loaded.refetch(),
        move || loaded.refetch(),
    );
    view! {
        <PublicHeader />
        <main class="page page--narrow status-page">
            <Transition fallback=|| view! { <Loading /> }>
                <ErrorBoundary fallback=move |errors| {
                    match first_error(&errors.get()) {
                        ApiError::NotFound => view! { <InvalidLink /> }.into_any(),
                        error => {
                            view! { <ErrorNotice error retry=Callback::new(move |()| loaded.refetch()) /> }
                                .into_any()
                        }
                    }
                }>
                    {move || Suspend::new(async move {
                        loaded.await.map(|order| view! { <OrderView order live /> })
                    })}
                </ErrorBoundary>
            </Transition>
            <p class="muted status-page__note">{t!(i18n, status_page.note)}</p>
        </main>
    }
}

/// The one page for a link that does not work.
#[component]
fn InvalidLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1 data-test="invalid-link">{t!(i18n, status_page.invalid_title)}</h1>
        <p class="lead">{t!(i18n, status_page.invalid_lead)}</p>
    }
}

/// The order: workshop, number, live status, car, items and total.
#[component]
fn OrderView(order: PublicOrder, live: ReadSignal<LiveStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let status = order.status;
    let updated_at = order.updated_at.clone();
    view! {
        <p class="status-page__workshop" data-test="status-workshop">{order.workshop_name.clone()}</p>
        <h1 data-test="status-number">{t!(i18n, order.number, number = order.number)}</h1>
        <p class="status-page__status">
            <span class="badge badge--inline badge--live" data-test="status-status">
                {move || service_order_status_name(status)}
            </span>
            " "
            <LiveMark status=live />
        </p>
        <p class="muted">{t!(i18n, status_page.updated, date = move || date_text(&updated_at))}</p>
        <section class="card">
            <h2>{t!(i18n, status_page.vehicle)}</h2>
            <p data-test="status-vehicle">
                <span class="plate">{show_plate(&order.plate)}</span>
                " "
                {order.vehicle_description.clone()}
            </p>
        </section>
        <section class="card">
            <h2>{t!(i18n, status_page.items)}</h2>
            {if order.items.is_empty() {
                view! { <p class="empty">{t!(i18n, order.no_items)}</p> }.into_any()
            } else {
                let lines: Vec<Line> = order
                    .items
                    .iter()
                    .map(|item| Line {
                        quantity: item.quantity,
                        description: item.description.clone(),
                        total_cents: item.total_cents,
                    })
                    .collect();
                view! { <ItemLines lines test="status-items" /> }.into_any()
            }}
            <p class="order-card__total">
                {t!(i18n, order.total)}
                ": "
                <strong data-test="status-total">{show_money(order.final_cents)}</strong>
            </p>
        </section>
    }
}
