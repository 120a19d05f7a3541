//! The mechanic's "minhas ordens": the orders assigned to them on a phone, to start and finish.
//!
//! Finishing an order is also billing it (the API takes the payment plan with it: stock out and
//! installments in one step), so the mechanic's finish asks for the payment as the front desk
//! agreed it with the customer, prefilled with what most shops do at the counter: Pix, one
//! installment, due today. The front desk still edits nothing after that: a finished order is
//! closed, which is why the form says to check with them first.

use leptos::prelude::*;

use crate::api::operations::{
    FinishServiceOrder, PaymentMethod, ServiceOrderStatus, StartServiceOrder, finish_service_order,
    start_service_order,
};
use crate::api::{ApiError, Role, Session, request};
use crate::components::{
    EnumSelect, ErrorNotice, FormError, FormField, Loaded, OrderCard as Card, SelectField, SubmitButton,
    live_order_cards, use_form_submit,
};
use crate::format::{show_km, show_money, show_plate, show_quantity};
use crate::i18n::{date_text, payment_method_name, service_order_status_name, t, use_i18n};

/// How many orders the list loads (a mechanic's open orders fit easily).
const PAGE: i64 = 50;
/// How many finished orders the list still shows, the latest first.
const FINISHED_SHOWN: usize = 5;

/// `/painel/minhas-ordens`: the signed-in mechanic's orders (the server lists only theirs),
/// grouped as to start, in progress and recently finished, kept live by `serviceOrderChanged`.
#[component]
pub fn MyOrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = Session::expect();
    let is_mechanic = move || session.user().is_some_and(|user| user.role == Role::Mechanic);
    view! {
        <section class="my-orders">
            <h1>{t!(i18n, my_orders.title)}</h1>
            <Show
                when=is_mechanic
                fallback=move || view! { <p class="notice">{t!(i18n, my_orders.mechanic_only)}</p> }
            >
                <MyOrders />
            </Show>
        </section>
    }
}

/// The list, reloaded on every change of one of the mechanic's orders.
#[component]
fn MyOrders() -> impl IntoView {
    let i18n = use_i18n();
    let orders = live_order_cards(PAGE);
    let reload = Callback::new(move |()| orders.refetch());
    view! {
        <p class="lead">{t!(i18n, my_orders.lead)}</p>
        <p class="muted live-note">{t!(i18n, order.live)}</p>
        <Loaded resource=orders show=move |orders| view! { <Groups orders reload /> } />
    }
}

/// The orders by what the mechanic does next.
#[component]
fn Groups(orders: Vec<Card>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let of = |status: ServiceOrderStatus| {
        orders.iter().filter(|o| o.status == status).cloned().collect::<Vec<_>>()
    };
    let to_start = of(ServiceOrderStatus::Quote);
    let in_progress = of(ServiceOrderStatus::InProgress);
    let finished: Vec<Card> = of(ServiceOrderStatus::Finished).into_iter().take(FINISHED_SHOWN).collect();
    if to_start.is_empty() && in_progress.is_empty() && finished.is_empty() {
        return view! { <p class="empty" data-test="my-orders-empty">{t!(i18n, my_orders.empty)}</p> }
            .into_any();
    }
    let group = move |title: AnyView, test: &'static str, cards: Vec<Card>| {
        (!cards.is_empty()).then(|| {
            view! {
                <section class="my-orders__group" data-test=test>
                    <h2>{title}</h2>
                    <ul class="order-cards">
                        {cards.into_iter().map(|order| view! { <OrderCard order reload /> }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! {
        {group(t!(i18n, my_orders.in_progress).into_any(), "my-orders-in-progress", in_progress)}
        {group(t!(i18n, my_orders.to_start).into_any(), "my-orders-to-start", to_start)}
        {group(t!(i18n, my_orders.finished).into_any(), "my-orders-finished", finished)}
    }
    .into_any()
}

/// One order: car, customer, what to do, and the button for the next step.
#[component]
fn OrderCard(order: Card, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let status = order.status;
    let finishing = RwSignal::new(false);
    let id = order.id.clone();
    let start = use_form_submit(move |_: &()| {
        let id = id.clone();
        async move {
            request::<StartServiceOrder>(start_service_order::Variables { id }).await?;
            reload.run(());
            Ok(())
        }
    });
    let start_error = start.error();
    let when = match status {
        ServiceOrderStatus::Quote => order.created_at.clone(),
        ServiceOrderStatus::Finished => order.finished_at.clone().unwrap_or_else(|| order.created_at.clone()),
        _ => order.started_at.clone().unwrap_or_else(|| order.created_at.clone()),
    };
    let vehicle = format!("{} {}", order.vehicle.brand, order.vehicle.model);
    view! {
        <li class="order-card" data-test="my-order">
            <div class="order-card__head">
                <span class="order-card__number">{t!(i18n, order.number, number = order.number)}</span>
                <span class="badge badge--inline" data-test="my-order-status">
                    {move || service_order_status_name(status)}
                </span>
            </div>
            <p class="order-card__car">
                <span class="plate">{show_plate(&order.vehicle.plate)}</span>
                " "
                {vehicle}
            </p>
            <p class="order-card__customer">{order.customer.name.clone()}</p>
            <p class="muted">
                {match status {
                    ServiceOrderStatus::Quote => {
                        t!(i18n, my_orders.created, date = move || date_text(&when)).into_any()
                    }
                    _ => t!(i18n, my_orders.started, date = move || date_text(&when)).into_any(),
                }}
                {order.odometer_km.map(|km| view! { " · " {t!(i18n, order.km, km = show_km(km))} })}
            </p>
            <ul class="order-card__items">
                {order
                    .items
                    .iter()
                    .map(|item| {
                        view! {
                            <li>
                                <span class="order-card__qty">{format!("{}×", show_quantity(item.quantity))}</span>
                                " "
                                {item.description.clone()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {order.notes.clone().map(|notes| view! { <p class="order-card__notes">{notes}</p> })}
            {move || {
                start_error
                    .get()
                    .map(|error| view! { <ErrorNotice error /> })
            }}
            {match status {
                ServiceOrderStatus::Quote => {
                    view! {
                        <div class="order-card__actions">
                            <SubmitButton
                                pending=start.pending()
                                label=move || t!(i18n, my_orders.start)
                                pending_label=move || t!(i18n, my_orders.starting)
                                on_click=Callback::new(move |()| start.dispatch(()))
                                data_test="start-order"
                            />
                        </div>
                    }
                        .into_any()
                }
                ServiceOrderStatus::InProgress => {
                    let (id, number, total) = (order.id.clone(), order.number, order.final_cents);
                    view! {
                        <Show
                            when=move || finishing.get()
                            fallback=move || {
                                view! {
                                    <div class="order-card__actions">
                                        <button
                                            type="button"
                                            class="button button--primary"
                                            data-test="finish-order"
                                            on:click=move |_| finishing.set(true)
                                        >
                                            {t!(i18n, my_orders.finish)}
                                        </button>
                                    </div>
                                }
                            }
                        >
                            <FinishForm id=id.clone() number total finishing reload />
                        </Show>
                    }
                        .into_any()
                }
                _ => ().into_any(),
            }}
        </li>
    }
}

/// What the finish form sends.
#[derive(Clone)]
struct Finish {
    id: String,
    method: PaymentMethod,
    installments: i64,
    first_due_date: String,
}

/// The payment plan of the finish: method, installments and the first due date.
#[component]
fn FinishForm(
    id: String,
    number: i64,
    total: i64,
    finishing: RwSignal<bool>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let method = RwSignal::new(Some(PaymentMethod::Pix));
    let installments = RwSignal::new("1".to_owned());
    let first_due = RwSignal::new(today());
    let submit = use_form_submit(move |finish: &Finish| {
        let variables = finish_service_order::Variables {
            id: finish.id.clone(),
            payment: finish_service_order::PaymentPlanInput {
                method: finish.method,
                installments: finish.installments,
                first_due_date: finish.first_due_date.clone(),
            },
        };
        async move {
            request::<FinishServiceOrder>(variables).await?;
            finishing.set(false);
            reload.run(());
            Ok::<(), ApiError>(())
        }
    });
    let error = submit.error();
    let options = Signal::derive(|| (1..=12).map(|n| (n.to_string(), format!("{n}×"))).collect::<Vec<_>>());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submit.dispatch(Finish {
            id: id.clone(),
            method: method.get_untracked().unwrap_or(PaymentMethod::Pix),
            installments: installments.get_untracked().parse().unwrap_or(1),
            first_due_date: first_due.get_untracked(),
        });
    };
    view! {
        <form class="form finish-form" data-test="finish-form" on:submit=on_submit>
            <h3>{t!(i18n, my_orders.finish_title, number = number)}</h3>
            <p class="finish-form__total">{t!(i18n, my_orders.total, total = show_money(total))}</p>
            <p class="field__hint">{t!(i18n, my_orders.finish_hint)}</p>
            <EnumSelect
                name="payment.method"
                label=move || t!(i18n, my_orders.method)
                value=method
                text=payment_method_name
                error
            />
            <SelectField
                name="payment.installments"
                label=move || t!(i18n, my_orders.installments)
                value=installments
                options
                error
            />
            <FormField
                name="payment.firstDueDate"
                label=move || t!(i18n, my_orders.first_due)
                value=first_due
                input_type="date"
                error
            />
            <FormError fields=&["payment.method", "payment.installments", "payment.firstDueDate"] error />
            <div class="form__actions">
                <SubmitButton
                    pending=submit.pending()
                    label=move || t!(i18n, my_orders.confirm_finish)
                    pending_label=move || t!(i18n, my_orders.finishing)
                />
                <button type="button" class="button" on:click=move |_| finishing.set(false)>
                    {t!(i18n, my_orders.back)}
                </button>
            </div>
        </form>
    }
}

/// Today in the browser's time zone, `YYYY-MM-DD` (what a date input holds).
fn today() -> String {
    let now = leptos::web_sys::js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}
