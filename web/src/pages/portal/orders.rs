//! The customer's service orders in the shop now (quotes and orders in progress), with their
//! status live, each with its items and total. Read-only; the history is under each vehicle.

use leptos::prelude::*;

use crate::api::operations::ServiceOrderStatus;
use crate::components::{ItemLine, Loaded, OrderCard as Card, OrderItemsTable, live_order_cards};
use crate::format::{show_money, show_plate};
use crate::i18n::{date_text, service_order_status_name, t, use_i18n};

/// How many orders the portal loads, newest first.
const PAGE: i64 = 30;

/// The signed-in customer's orders in the shop now (the server lists only theirs), reloaded on
/// every change of one of them (`serviceOrderChanged`).
#[component]
pub fn MyServiceOrders() -> impl IntoView {
    let i18n = use_i18n();
    let orders = live_order_cards(PAGE);
    view! {
        <section class="card" data-test="my-orders">
            <h2>{t!(i18n, portal_orders.in_shop)}</h2>
            <Loaded resource=orders show=|orders| view! { <Orders orders /> } />
        </section>
    }
}

/// The open orders, live.
#[component]
fn Orders(orders: Vec<Card>) -> impl IntoView {
    let i18n = use_i18n();
    let open: Vec<Card> = orders
        .into_iter()
        .filter(|order| matches!(order.status, ServiceOrderStatus::Quote | ServiceOrderStatus::InProgress))
        .collect();
    if open.is_empty() {
        return view! { <p class="empty" data-test="my-orders-empty">{t!(i18n, portal_orders.none_in_shop)}</p> }
            .into_any();
    }
    view! {
        <p class="muted live-note">{t!(i18n, order.live)}</p>
        <ul class="order-cards">
            {open.into_iter().map(|order| view! { <OrderCard order /> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One order: number, live status, car, dates, items and total.
#[component]
fn OrderCard(order: Card) -> impl IntoView {
    let i18n = use_i18n();
    let status = order.status;
    let created_at = order.created_at.clone();
    let finished_at = order.finished_at.clone();
    let next_revision = order.next_revision_date.clone();
    let lines = order
        .items
        .iter()
        .map(|item| ItemLine {
            description: item.description.clone(),
            quantity: item.quantity,
            unit_price_cents: item.unit_price_cents,
            total_cents: item.total_cents,
            warranty: None,
        })
        .collect();
    view! {
        <li class="order-card" data-test="my-order">
            <div class="order-card__head">
                <span class="order-card__number">{t!(i18n, order.number, number = order.number)}</span>
                <span
                    class=if status == ServiceOrderStatus::InProgress {
                        "badge badge--inline badge--live"
                    } else {
                        "badge badge--inline"
                    }
                    data-test="my-order-status"
                >
                    {move || service_order_status_name(status)}
                </span>
            </div>
            <p class="order-card__car">
                <span class="plate">{show_plate(&order.vehicle.plate)}</span>
                " "
                {format!("{} {}", order.vehicle.brand, order.vehicle.model)}
            </p>
            <p class="muted">
                {match finished_at {
                    Some(at) => t!(i18n, portal_orders.finished, date = move || date_text(&at)).into_any(),
                    None => t!(i18n, portal_orders.created, date = move || date_text(&created_at)).into_any(),
                }}
            </p>
            {order
                .mechanic
                .map(|mechanic| view! { <p class="muted">{t!(i18n, portal_orders.mechanic, name = mechanic.name)}</p> })}
            <OrderItemsTable lines />
            <p class="order-card__total">
                {t!(i18n, order.total)}
                ": "
                <strong data-test="my-order-total">{show_money(order.final_cents)}</strong>
            </p>
            {next_revision
                .filter(|_| status == ServiceOrderStatus::Finished)
                .map(|date| {
                    view! { <p class="muted">{t!(i18n, portal_orders.next_revision, date = move || date_text(&date))}</p> }
                })}
        </li>
    }
}
