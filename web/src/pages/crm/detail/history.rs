//! The customer's history on the 360 page: what they spent, their visits and their service
//! orders (zero and empty until service orders exist).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::operations::customer::CustomerCustomerServiceOrders;
use crate::format::show_money;
use crate::i18n::{date_text, service_order_status_name, t, t_string, use_i18n};
use crate::pages::service::order_path;

/// Total spent, number of visits and the last visit.
#[component]
pub(super) fn HistoryStats(
    total_spent: Option<i64>,
    visits: i64,
    last_visit: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="stats" aria-label=move || t_string!(i18n, customer_page.history_label)>
            <div class="stat">
                <span class="stat__label">{t!(i18n, customer_page.total_spent)}</span>
                <span class="stat__value" data-test="total-spent">{total_spent.map(show_money).unwrap_or_else(|| "—".to_owned())}</span>
            </div>
            <div class="stat">
                <span class="stat__label">{t!(i18n, customer_page.visits)}</span>
                <span class="stat__value" data-test="visit-count">{visits}</span>
            </div>
            <div class="stat">
                <span class="stat__label">{t!(i18n, customer_page.last_visit)}</span>
                <span class="stat__value" data-test="last-visit">
                    {
                        let last_visit = last_visit.clone();
                        move || match &last_visit {
                            Some(at) => date_text(at).into_any(),
                            None => t!(i18n, customer_page.no_visit).into_any(),
                        }
                    }
                </span>
            </div>
        </section>
    }
}

/// The customer's latest service orders, or the empty state.
#[component]
pub(super) fn ServiceOrders(orders: CustomerCustomerServiceOrders) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{t!(i18n, customer_page.service_orders)}</h2>
            {if orders.edges.is_empty() {
                view! {
                    <p class="empty" data-test="service-orders-empty">
                        {t!(i18n, customer_page.no_service_orders)}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="order-list">
                        {orders
                            .edges
                            .into_iter()
                            .map(|edge| {
                                let order = edge.node;
                                let status = order.status;
                                let created_at = order.created_at;
                                view! {
                                    <li class="order-row" data-test="service-order-row">
                                        <A
                                            href=order_path(&order.id)
                                            attr:class="order-row__number"
                                            attr:data-test="service-order-link"
                                        >
                                            {t!(i18n, customer_page.order_number, number = order.number)}
                                        </A>
                                        <span class="badge badge--inline">
                                            {move || service_order_status_name(status)}
                                        </span>
                                        <span>{show_money(order.final_cents)}</span>
                                        <span class="muted">{move || date_text(&created_at)}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
