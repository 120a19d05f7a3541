//! The printable service order (or quote): what the customer signs and takes home.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::operations::{PrintServiceOrder, ServiceOrderStatus, print_service_order};
use crate::api::{ApiError, request};
use crate::components::{
    ErrorNotice, ItemLine, Loading, OrderItemsTable, OrderSums, OrderTotals, first_error,
};
use crate::format::{show_km, show_money, show_phone, show_plate};
use crate::i18n::{date_text, payment_method_name, t, use_i18n};

type Loaded = print_service_order::ResponseData;
type Order = print_service_order::PrintServiceOrderServiceOrder;

/// `/painel/ordens/:id/imprimir`: the order on one A4 sheet, with the workshop's name and CNPJ,
/// customer, vehicle, items with their warranties, totals, installments, next revision and the
/// signature lines. The browser prints only the sheet (no top bar, menu or buttons).
#[component]
pub fn PrintOrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move { request::<PrintServiceOrder>(print_service_order::Variables { id }).await }
    });
    let print = move |_| {
        // Printing can only fail where the browser has no printing at all; nothing to tell then.
        let _ = window().print();
    };
    view! {
        <div class="print-toolbar no-print">
            <A href=move || format!("/painel/ordens/{}", id.get()) attr:class="back-link">
                {t!(i18n, print.back)}
            </A>
            <button type="button" class="button button--primary" data-test="print-button" on:click=print>
                {t!(i18n, print.print)}
            </button>
        </div>
        <Transition fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=move |errors| {
                let error = first_error(&errors.get());
                if error == ApiError::NotFound {
                    view! {
                        <div class="notice notice--error" role="alert">
                            <p>{t!(i18n, print.not_found)}</p>
                        </div>
                    }
                        .into_any()
                } else {
                    view! { <ErrorNotice error retry=Callback::new(move |()| loaded.refetch()) /> }.into_any()
                }
            }>
                {move || Suspend::new(async move { loaded.await.map(|data| view! { <PrintSheet data /> }) })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The sheet itself.
#[component]
fn PrintSheet(data: Loaded) -> impl IntoView {
    let i18n = use_i18n();
    let workshop = data.me.membership.workshop;
    let order = data.service_order;
    let status = order.status;
    let created_at = order.created_at.clone();
    let finished_at = order.finished_at.clone();
    let cancelled_at = order.cancelled_at.clone().unwrap_or_default();
    let cancel_reason = order.cancel_reason.clone().unwrap_or_default();
    let lines = order
        .items
        .iter()
        .map(|item| ItemLine {
            description: item.description.clone(),
            quantity: item.quantity,
            unit_price_cents: item.unit_price_cents,
            total_cents: item.total_cents,
            warranty: Some((item.warranty_days, item.warranty_km)),
        })
        .collect();
    let sums = OrderSums {
        services: order.services_cents,
        parts: order.parts_cents,
        discount: order.discount_cents,
        taxes: order.taxes_cents,
        final_total: order.final_cents,
    };
    view! {
        <article class="print-sheet" data-test="print-sheet">
            <header class="print-head">
                <div class="print-head__workshop">
                    <h1 data-test="print-workshop">{workshop.name}</h1>
                    <p data-test="print-cnpj">{t!(i18n, print.cnpj, cnpj = workshop.cnpj.clone())}</p>
                </div>
                <div class="print-head__order">
                    <h2>
                        {move || {
                            if status == ServiceOrderStatus::Quote {
                                t!(i18n, print.quote_title).into_any()
                            } else {
                                t!(i18n, print.order_title).into_any()
                            }
                        }}
                    </h2>
                    <p class="print-head__number" data-test="print-number">
                        {t!(i18n, print.number, number = order.number)}
                    </p>
                    <p>{t!(i18n, print.date, date = move || date_text(&created_at))}</p>
                    {finished_at
                        .map(|at| view! { <p>{t!(i18n, print.finished, date = move || date_text(&at))}</p> })}
                </div>
            </header>
            {(status == ServiceOrderStatus::Cancelled)
                .then(|| {
                    view! {
                        <p class="print-cancelled" data-test="print-cancelled">
                            {t!(
                                i18n, print.cancelled, date = move || date_text(&cancelled_at), reason = cancel_reason.clone()
                            )}
                        </p>
                    }
                })}
            <Parties order=order.clone() />
            <section class="print-section">
                <h3>{t!(i18n, print.items)}</h3>
                <OrderItemsTable lines />
            </section>
            <section class="print-section print-section--totals">
                <h3>{t!(i18n, print.totals)}</h3>
                <OrderTotals sums />
            </section>
            <Payment order=order.clone() />
            <NextRevision date=order.next_revision_date.clone() km=order.next_revision_km />
            {order
                .notes
                .clone()
                .map(|notes| {
                    view! {
                        <section class="print-section">
                            <h3>{t!(i18n, print.notes)}</h3>
                            <p class="print-notes">{notes}</p>
                        </section>
                    }
                })}
            <footer class="print-signatures">
                <div class="print-signature">
                    <span class="print-signature__line"></span>
                    <span>{t!(i18n, print.customer_signature)}</span>
                    <span class="muted">{order.customer.name.clone()}</span>
                </div>
                <div class="print-signature">
                    <span class="print-signature__line"></span>
                    <span>{t!(i18n, print.responsible_signature)}</span>
                    {order.mechanic.map(|mechanic| view! { <span class="muted">{mechanic.name}</span> })}
                </div>
            </footer>
        </article>
    }
}

/// The customer and the vehicle, side by side.
#[component]
fn Parties(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let customer = order.customer;
    let vehicle = order.vehicle;
    let phone = customer.phones.first().map(|phone| show_phone(&phone.ddd, &phone.number));
    let model = match &vehicle.color {
        Some(color) => format!("{} {} {} · {color}", vehicle.brand, vehicle.model, vehicle.year),
        None => format!("{} {} {}", vehicle.brand, vehicle.model, vehicle.year),
    };
    view! {
        <div class="print-parties">
            <section class="print-box" data-test="print-customer">
                <h3>{t!(i18n, print.customer)}</h3>
                <dl class="print-facts">
                    <dt>{t!(i18n, print.name)}</dt>
                    <dd>{customer.name}</dd>
                    <dt>{t!(i18n, print.document)}</dt>
                    <dd>{customer.document}</dd>
                    {phone
                        .map(|phone| {
                            view! {
                                <dt>{t!(i18n, print.phone)}</dt>
                                <dd>{phone}</dd>
                            }
                        })}
                </dl>
            </section>
            <section class="print-box" data-test="print-vehicle">
                <h3>{t!(i18n, print.vehicle)}</h3>
                <dl class="print-facts">
                    <dt>{t!(i18n, print.plate)}</dt>
                    <dd class="plate">{show_plate(&vehicle.plate)}</dd>
                    <dt>{t!(i18n, print.model)}</dt>
                    <dd>{model}</dd>
                    {order
                        .odometer_km
                        .map(|km| {
                            view! {
                                <dt>{t!(i18n, print.odometer)}</dt>
                                <dd>{t!(i18n, order.km, km = show_km(km))}</dd>
                            }
                        })}
                </dl>
            </section>
        </div>
    }
}

/// How it is paid: the method and the installments, or that it is set on finishing.
#[component]
fn Payment(order: Order) -> impl IntoView {
    let i18n = use_i18n();
    let method = order.payment_method;
    let installments = order.installments;
    view! {
        <section class="print-section" data-test="print-payment">
            <h3>{t!(i18n, print.payment)}</h3>
            {method.map(|method| view! { <p>{t!(i18n, print.method, method = move || payment_method_name(method))}</p> })}
            {if installments.is_empty() {
                view! { <p class="muted">{t!(i18n, print.no_installments)}</p> }.into_any()
            } else {
                view! {
                    <table class="order-items">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, print.installment)}</th>
                                <th scope="col">{t!(i18n, print.due)}</th>
                                <th scope="col" class="num">{t!(i18n, print.amount)}</th>
                                <th scope="col">{t!(i18n, print.situation)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {installments
                                .into_iter()
                                .map(|installment| {
                                    let due = installment.due_date;
                                    let paid_at = installment.paid_at;
                                    view! {
                                        <tr data-test="print-installment">
                                            <td>{installment.number}</td>
                                            <td>{move || date_text(&due)}</td>
                                            <td class="num">{show_money(installment.amount_cents)}</td>
                                            <td>
                                                {match paid_at {
                                                    Some(at) => {
                                                        t!(i18n, print.paid, date = move || date_text(&at)).into_any()
                                                    }
                                                    None => t!(i18n, print.open).into_any(),
                                                }}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}

/// "Próxima revisão: em 12/06/2027 ou aos 45.000 km", when there is one.
#[component]
fn NextRevision(date: Option<String>, km: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    (date.is_some() || km.is_some()).then(|| {
        let both = date.is_some() && km.is_some();
        view! {
            <section class="print-section" data-test="print-next-revision">
                <h3>{t!(i18n, print.next_revision)}</h3>
                <p>
                    {date
                        .map(|date| view! { <span>{t!(i18n, print.revision_date, date = move || date_text(&date))}</span> })}
                    {both.then(|| view! { " " {t!(i18n, print.revision_or)} " " })}
                    {km.map(|km| view! { <span>{t!(i18n, print.revision_km, km = show_km(km))}</span> })}
                </p>
            </section>
        }
    })
}
