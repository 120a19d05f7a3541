use leptos::prelude::*;

use crate::api::live::subscribe;
use crate::api::operations::{OrderCards, ServiceOrderChanged, order_cards, service_order_changed};
use crate::api::{ApiError, request};
use crate::format::{show_km, show_money, show_quantity};
use crate::i18n::{t, use_i18n};

/// A line of a service order as a table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemLine {
    pub description: String,
    pub quantity: f64,
    pub unit_price_cents: i64,
    pub total_cents: i64,
    /// The warranty (days, km); `None` leaves the warranty column out.
    pub warranty: Option<(Option<i64>, Option<i64>)>,
}

/// The items of an order: description, quantity, unit price, total and (when the lines carry
/// it) the warranty of each (`data-test="order-item"` rows).
#[component]
pub fn OrderItemsTable(
    /// The lines, in the order's order.
    lines: Vec<ItemLine>,
) -> impl IntoView {
    let i18n = use_i18n();
    if lines.is_empty() {
        return view! { <p class="empty">{t!(i18n, order.no_items)}</p> }.into_any();
    }
    let with_warranty = lines.iter().any(|line| line.warranty.is_some());
    view! {
        <table class="order-items">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, order.item)}</th>
                    <th scope="col" class="num">{t!(i18n, order.quantity)}</th>
                    <th scope="col" class="num">{t!(i18n, order.unit_price)}</th>
                    <th scope="col" class="num">{t!(i18n, order.total)}</th>
                    {with_warranty.then(|| view! { <th scope="col">{t!(i18n, order.warranty)}</th> })}
                </tr>
            </thead>
            <tbody>
                {lines
                    .into_iter()
                    .map(|line| {
                        view! {
                            <tr data-test="order-item">
                                <td>{line.description}</td>
                                <td class="num">{show_quantity(line.quantity)}</td>
                                <td class="num">{show_money(line.unit_price_cents)}</td>
                                <td class="num">{show_money(line.total_cents)}</td>
                                {with_warranty
                                    .then(|| {
                                        let (days, km) = line.warranty.unwrap_or((None, None));
                                        view! { <td><Warranty days km /></td> }
                                    })}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// "90 dias / 5.000 km", one of them, or a dash.
#[component]
fn Warranty(days: Option<i64>, km: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let days = days.filter(|days| *days > 0);
    let km = km.filter(|km| *km > 0);
    view! {
        {days.map(|days| view! { <span>{t!(i18n, order.warranty_days, days = days)}</span> })}
        {(days.is_some() && km.is_some()).then_some(" / ")}
        {km.map(|km| view! { <span>{t!(i18n, order.warranty_km, km = show_km(km))}</span> })}
        {(days.is_none() && km.is_none()).then_some(t!(i18n, order.no_warranty))}
    }
}

/// An order's totals in centavos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderSums {
    pub services: i64,
    pub parts: i64,
    pub discount: i64,
    pub taxes: i64,
    pub final_total: i64,
}

/// Services, parts, discount, taxes and the total (`data-test="order-total"`).
#[component]
pub fn OrderTotals(sums: OrderSums) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="order-totals" data-test="order-totals">
            <div>
                <dt>{t!(i18n, order.services)}</dt>
                <dd data-test="order-services">{show_money(sums.services)}</dd>
            </div>
            <div>
                <dt>{t!(i18n, order.parts)}</dt>
                <dd data-test="order-parts">{show_money(sums.parts)}</dd>
            </div>
            <div>
                <dt>{t!(i18n, order.discount)}</dt>
                <dd data-test="order-discount">{format!("− {}", show_money(sums.discount))}</dd>
            </div>
            <div>
                <dt>{t!(i18n, order.taxes)}</dt>
                <dd data-test="order-taxes">{show_money(sums.taxes)}</dd>
            </div>
            <div class="order-totals__final">
                <dt>{t!(i18n, order.final_total)}</dt>
                <dd data-test="order-total">{show_money(sums.final_total)}</dd>
            </div>
        </dl>
    }
}

/// An order as a card of the mechanic's list and of the customer portal.
pub type OrderCard = order_cards::OrderCardsServiceOrdersNodes;

/// The newest `first` orders the caller may see (a MECHANIC those assigned to them, a CUSTOMER
/// their own), reloaded on every change of one of them (`serviceOrderChanged`) and after a
/// reconnection, for as long as the calling component lives.
pub fn live_order_cards(first: i64) -> LocalResource<Result<Vec<OrderCard>, ApiError>> {
    let orders = LocalResource::new(move || async move {
        request::<OrderCards>(order_cards::Variables { first }).await.map(|data| data.service_orders.nodes)
    });
    let _live = subscribe::<ServiceOrderChanged>(
        service_order_changed::Variables,
        move |_| orders.refetch(),
        move || orders.refetch(),
    );
    orders
}
