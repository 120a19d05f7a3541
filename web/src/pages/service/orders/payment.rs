//! The installments of a finished order ("Marcar pago") and the order's timeline.

use leptos::prelude::*;

use super::detail::{Change, Changes, Order};
use super::front_desk;
use crate::api::operations::service_order::ServiceOrderServiceOrderTimeline;
use crate::format::show_money;
use crate::i18n::{date_text, payment_method_name, service_order_status_name, t, use_i18n};

/// The installments, each with its due date, amount and whether it is paid; "Marcar pago" for the
/// front desk. Nothing before the order is finished.
#[component]
pub(super) fn Installments(order: Order, changes: Changes) -> impl IntoView {
    let i18n = use_i18n();
    if order.installments.is_empty() {
        return ().into_any();
    }
    let pending = changes.pending();
    let method = order.payment_method;
    let rows = order
        .installments
        .clone()
        .into_iter()
        .map(|installment| {
            let due = installment.due_date.clone();
            let order = order.clone();
            let id = installment.id.clone();
            let state = match installment.paid_at {
                Some(paid_at) => view! {
                    <span class="badge badge--inline badge--ok" data-test="installment-paid">
                        {t!(i18n, orders.paid_on, date = move || date_text(&paid_at))}
                    </span>
                }
                .into_any(),
                None if front_desk() => view! {
                    <button
                        type="button"
                        class="button button--small"
                        data-test="pay-installment"
                        disabled=pending
                        on:click=move |_| changes.send(&order, Change::Pay(id.clone()))
                    >
                        {t!(i18n, orders.mark_paid)}
                    </button>
                }
                .into_any(),
                None => view! { <span class="muted">{t!(i18n, orders.open_installment)}</span> }.into_any(),
            };
            view! {
                <li class="installment" data-test="installment">
                    <span>{format!("{}ª", installment.number)}</span>
                    <span>{move || date_text(&due)}</span>
                    <span>{show_money(installment.amount_cents)}</span>
                    {state}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t!(i18n, orders.installments)}</h2>
            {method.map(|method| view! { <p class="muted">{move || payment_method_name(method)}</p> })}
            <ol class="installment-list">{rows}</ol>
        </section>
    }
    .into_any()
}

/// The time of day of a `DateTime` in the browser's time zone, `HH:MM`.
fn time_of_day(at: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
    if date.get_time().is_nan() {
        return String::new();
    }
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// What happened to the order, oldest first: what, who and when.
#[component]
pub(super) fn Timeline(steps: Vec<ServiceOrderServiceOrderTimeline>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{t!(i18n, orders.timeline)}</h2>
            <ol class="timeline" data-test="timeline">
                {steps
                    .into_iter()
                    .map(|step| {
                        let what = {
                            let kind = step.kind.clone();
                            let status = step.status;
                            move || match (kind.as_str(), status) {
                                ("service_order.created", _) => t!(i18n, orders.step_created).into_any(),
                                (_, Some(status)) => {
                                    t!(i18n, orders.step_status, status = move || service_order_status_name(status))
                                        .into_any()
                                }
                                ("service_order.item_added", _) => t!(i18n, orders.step_item_added).into_any(),
                                ("service_order.item_changed", _) => t!(i18n, orders.step_item_changed).into_any(),
                                ("service_order.item_removed", _) => t!(i18n, orders.step_item_removed).into_any(),
                                ("service_order.installment_paid", _) => {
                                    t!(i18n, orders.step_installment_paid).into_any()
                                }
                                _ => t!(i18n, orders.step_updated).into_any(),
                            }
                        };
                        let at = step.at.clone();
                        let time = time_of_day(&step.at);
                        view! {
                            <li data-test="timeline-step">
                                <span class="timeline__what">{what}</span>
                                <span class="muted">
                                    {move || date_text(&at)}
                                    " "
                                    {time}
                                    {step.actor_name.clone().map(|name| format!(" · {name}"))}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
