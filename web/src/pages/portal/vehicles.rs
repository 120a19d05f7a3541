//! The portal home's vehicles, each with its service history: the orders (newest first) with
//! their status, dates, items and amounts.

use leptos::prelude::*;

use super::item_lines::{ItemLines, Line};
use crate::api::operations::ServiceOrderStatus;
use crate::api::portal::my_portal;
use crate::format::{show_money, show_plate};
use crate::i18n::{date_text, service_order_status_name, t, use_i18n};

type Vehicle = my_portal::MyPortalMyCustomerVehicles;
type Order = my_portal::MyPortalMyCustomerVehiclesServiceOrdersEdgesNode;

/// "Seus veículos", each with its history.
#[component]
pub(super) fn VehicleHistory(vehicles: Vec<Vehicle>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{t!(i18n, customer.vehicles)}</h2>
            {if vehicles.is_empty() {
                view! { <p class="empty">{t!(i18n, customer.no_vehicles)}</p> }.into_any()
            } else {
                view! {
                    <ul class="vehicle-list">
                        {vehicles.into_iter().map(|vehicle| view! { <VehicleRow vehicle /> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// One vehicle and its orders.
#[component]
fn VehicleRow(vehicle: Vehicle) -> impl IntoView {
    let i18n = use_i18n();
    let orders: Vec<Order> = vehicle.service_orders.edges.into_iter().map(|edge| edge.node).collect();
    let more = vehicle.service_orders.total_count - orders.len() as i64;
    view! {
        <li class="vehicle-row" data-test="my-vehicle">
            <div class="vehicle-row__main">
                <span class="plate">{show_plate(&vehicle.plate)}</span>
                <span class="vehicle-row__name">
                    {format!("{} {} {}", vehicle.brand, vehicle.model, vehicle.year)}
                </span>
            </div>
            {if orders.is_empty() {
                view! { <p class="muted">{t!(i18n, customer.no_history)}</p> }.into_any()
            } else {
                view! {
                    <ol class="history" data-test="vehicle-history">
                        {orders.into_iter().map(|order| view! { <HistoryEntry order /> }).collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {(more > 0).then(|| view! { <p class="muted">{t!(i18n, customer.older_orders, count = more)}</p> })}
        </li>
    }
}

/// One order of a vehicle's history.
#[component]
fn HistoryEntry(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let status = order.status;
    let created_at = order.created_at.clone();
    let finished_at = order.finished_at.clone();
    let lines: Vec<Line> = order
        .items
        .into_iter()
        .map(|item| Line {
            quantity: item.quantity,
            description: item.description,
            total_cents: item.total_cents,
        })
        .collect();
    view! {
        <li class="history__entry" data-test="history-order">
            <div class="order-card__head">
                <span class="order-card__number">{t!(i18n, order.number, number = order.number)}</span>
                <span class=if status == ServiceOrderStatus::InProgress {
                    "badge badge--inline badge--live"
                } else {
                    "badge badge--inline"
                }>{move || service_order_status_name(status)}</span>
            </div>
            <p class="muted">
                {match finished_at {
                    Some(at) => t!(i18n, portal_orders.finished, date = move || date_text(&at)).into_any(),
                    None => t!(i18n, portal_orders.created, date = move || date_text(&created_at)).into_any(),
                }}
            </p>
            <ItemLines lines />
            <p class="order-card__total">
                {t!(i18n, order.total)}
                ": "
                <strong>{show_money(order.final_cents)}</strong>
            </p>
        </li>
    }
}
