//! `/painel/ordens/:id`: the order's page, kept live by `serviceOrderChanged`; every change goes
//! through one request ([`Change`]) and the page then shows the server's numbers.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::dialogs::{CancelDialog, FinishDialog};
use super::header::HeaderForm;
use super::items::ItemsSection;
use super::payment::{Installments, Timeline};
use super::share::ShareButtons;
use super::status_link::StatusLinkPanel;
use super::{BOARD_PATH, front_desk, role};
use crate::api::operations::{
    AddServiceOrderItem, CancelServiceOrder, FinishServiceOrder, PayInstallment, PaymentMethod,
    RemoveServiceOrderItem, ServiceOrder, ServiceOrderChanged, ServiceOrderStatus, StartServiceOrder,
    UpdateServiceOrder, UpdateServiceOrderItem, add_service_order_item, cancel_service_order,
    finish_service_order, pay_installment, remove_service_order_item, service_order, service_order_changed,
    start_service_order, update_service_order, update_service_order_item,
};
use crate::api::{ApiError, Role, request, subscribe};
use crate::components::{LiveMark, Loaded};
use crate::format::{mask_km, show_plate};
use crate::i18n::{date_text, error_message, service_order_status_name, t, use_i18n};
use crate::pages::loyalty::OrderRewards;

/// The order as its page shows it.
pub(super) type Order = service_order::ServiceOrderServiceOrder;

/// A catalog item to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CatalogItem {
    Product(String),
    Service(String),
}

/// What the page asks the server to change.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Change {
    Add(CatalogItem),
    UpdateItem {
        id: String,
        quantity: f64,
        unit_price_cents: i64,
    },
    RemoveItem(String),
    /// A new mechanic, odometer and notes (the rest of the order as it is).
    Header {
        mechanic_id: Option<String>,
        odometer_km: Option<i64>,
        notes: Option<String>,
    },
    /// New discount and taxes (the rest of the order as it is).
    Amounts {
        discount_cents: i64,
        taxes_cents: i64,
    },
    Start,
    Cancel(String),
    Finish {
        method: PaymentMethod,
        installments: i64,
        first_due_date: String,
    },
    Pay(String),
}

/// Sends `change` of `order`.
async fn apply(order: Order, change: Change) -> Result<(), ApiError> {
    let id = order.id.clone();
    match change {
        Change::Add(item) => {
            let (product_id, service_id) = match item {
                CatalogItem::Product(id) => (Some(id), None),
                CatalogItem::Service(id) => (None, Some(id)),
            };
            let item = add_service_order_item::ServiceOrderItemInput {
                product_id,
                service_id,
                quantity: 1.0,
                unit_price_cents: None,
                warranty_days: None,
                warranty_km: None,
            };
            request::<AddServiceOrderItem>(add_service_order_item::Variables { service_order_id: id, item })
                .await
                .map(drop)
        }
        Change::UpdateItem { id, quantity, unit_price_cents } => {
            // The warranties stay as they are.
            let current = order.items.iter().find(|item| item.id == id);
            let input = update_service_order_item::ServiceOrderItemChangeInput {
                quantity,
                unit_price_cents,
                warranty_days: current.and_then(|item| item.warranty_days),
                warranty_km: current.and_then(|item| item.warranty_km),
            };
            request::<UpdateServiceOrderItem>(update_service_order_item::Variables { id, input })
                .await
                .map(drop)
        }
        Change::RemoveItem(id) => {
            request::<RemoveServiceOrderItem>(remove_service_order_item::Variables { id }).await.map(drop)
        }
        Change::Header { mechanic_id, odometer_km, notes } => {
            let input = update_service_order::ServiceOrderUpdateInput {
                mechanic_id,
                odometer_km,
                notes,
                discount_cents: order.discount_cents,
                taxes_cents: order.taxes_cents,
                next_revision_date: order.next_revision_date,
                next_revision_km: order.next_revision_km,
            };
            request::<UpdateServiceOrder>(update_service_order::Variables { id, input }).await.map(drop)
        }
        Change::Amounts { discount_cents, taxes_cents } => {
            let input = update_service_order::ServiceOrderUpdateInput {
                discount_cents,
                taxes_cents,
                mechanic_id: order.mechanic.map(|mechanic| mechanic.id),
                notes: order.notes,
                odometer_km: order.odometer_km,
                next_revision_date: order.next_revision_date,
                next_revision_km: order.next_revision_km,
            };
            request::<UpdateServiceOrder>(update_service_order::Variables { id, input }).await.map(drop)
        }
        Change::Start => request::<StartServiceOrder>(start_service_order::Variables { id }).await.map(drop),
        Change::Cancel(reason) => {
            request::<CancelServiceOrder>(cancel_service_order::Variables { id, reason }).await.map(drop)
        }
        Change::Finish { method, installments, first_due_date } => {
            let payment = finish_service_order::PaymentPlanInput { method, installments, first_due_date };
            request::<FinishServiceOrder>(finish_service_order::Variables { id, payment }).await.map(drop)
        }
        Change::Pay(id) => request::<PayInstallment>(pay_installment::Variables { id }).await.map(drop),
    }
}

/// The page's one request for changes: what it answered last, and whether one is on its way.
#[derive(Clone, Copy)]
pub(super) struct Changes {
    action: Action<(Order, Change), Result<(), ApiError>>,
}

impl Changes {
    /// Sends `change` of `order`.
    pub(super) fn send(self, order: &Order, change: Change) {
        self.action.value().set(None);
        self.action.dispatch((order.clone(), change));
    }

    pub(super) fn pending(self) -> Memo<bool> {
        self.action.pending()
    }

    /// The last change's error, if it failed.
    pub(super) fn error(self) -> Signal<Option<ApiError>> {
        let value = self.action.value();
        Signal::derive(move || value.with(|answer| answer.as_ref().and_then(|answer| answer.clone().err())))
    }
}

/// Which dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialog {
    Closed,
    Finish,
    Cancel,
}

/// `/painel/ordens/:id`.
#[component]
pub fn ServiceOrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            request::<ServiceOrder>(service_order::Variables { id }).await.map(|data| data.service_order)
        }
    });
    let action = Action::new_local(move |(order, change): &(Order, Change)| {
        let answer = apply(order.clone(), change.clone());
        async move {
            let answer = answer.await;
            // A failed change leaves the page (and the dialog) as it was, with the error.
            if answer.is_ok() {
                loaded.refetch();
            }
            answer
        }
    });
    let changes = Changes { action };
    let reload = Callback::new(move |()| loaded.refetch());
    let changing = action.pending();
    let live = subscribe::<ServiceOrderChanged>(
        service_order_changed::Variables,
        move |data| {
            // The page's own change reloads it when its answer comes.
            if data.service_order_changed.id == id.get_untracked() && !changing.get_untracked() {
                loaded.refetch();
            }
        },
        move || loaded.refetch(),
    );

    view! {
        <A href=BOARD_PATH attr:class="back-link">
            {t!(i18n, orders.back_to_board)}
        </A>
        <Loaded resource=loaded show=move |order| view! { <OrderView order changes live reload /> } />
    }
}

/// Everything the page shows of a loaded order.
#[component]
fn OrderView(
    order: Order,
    changes: Changes,
    live: ReadSignal<crate::api::LiveStatus>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = RwSignal::new(Dialog::Closed);
    let status = order.status;
    let open = matches!(status, ServiceOrderStatus::Quote | ServiceOrderStatus::InProgress);
    let editable = open && front_desk();
    let pending = changes.pending();
    let error = changes.error();
    let mechanic_role = role() == Some(Role::Mechanic);
    let customer_href = format!("/painel/clientes/{}", order.customer.id);
    let print_href = format!("{BOARD_PATH}/{}/imprimir", order.id);
    let vehicle_text = format!("{} {} {}", order.vehicle.brand, order.vehicle.model, order.vehicle.year);
    let created_at = order.created_at.clone();
    let customer_name = order.customer.name.clone();
    let mechanic_name = order.mechanic.clone().map(|mechanic| mechanic.name);
    let notes = order.notes.clone();
    let cancel_reason = order.cancel_reason.clone();
    let start_order = order.clone();

    view! {
        <div class="page-head">
            <div>
                <h1 data-test="order-number">{t!(i18n, orders.number, number = order.number)}</h1>
                <span class="badge badge--inline" data-test="order-status">
                    {move || service_order_status_name(status)}
                </span>
                " "
                <LiveMark status=live />
            </div>
            <div class="page-head__actions">
                {(status == ServiceOrderStatus::Quote && (front_desk() || mechanic_role))
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button--primary"
                                data-test="start-order"
                                disabled=pending
                                on:click=move |_| changes.send(&start_order, Change::Start)
                            >
                                {t!(i18n, orders.start)}
                            </button>
                        }
                    })}
                {(status == ServiceOrderStatus::InProgress && (front_desk() || mechanic_role))
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button--primary"
                                data-test="finish-order"
                                on:click=move |_| dialog.set(Dialog::Finish)
                            >
                                {t!(i18n, orders.finish)}
                            </button>
                        }
                    })}
                {editable
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                data-test="cancel-order"
                                on:click=move |_| dialog.set(Dialog::Cancel)
                            >
                                {t!(i18n, orders.cancel)}
                            </button>
                        }
                    })}
                <A href=print_href attr:class="button button--quiet" attr:data-test="print-order">
                    {t!(i18n, orders.print)}
                </A>
            </div>
        </div>
        {move || {
            error
                .get()
                .map(|error| {
                    view! {
                        <p class="form-error" role="alert" data-test="form-error">
                            {move || error_message(&error)}
                        </p>
                    }
                })
        }}
        {
            let order = order.clone();
            move || match dialog.get() {
                Dialog::Finish => view! { <FinishDialog order=order.clone() changes dialog /> }.into_any(),
                Dialog::Cancel => view! { <CancelDialog order=order.clone() changes dialog /> }.into_any(),
                Dialog::Closed => ().into_any(),
            }
        }
        <section class="card">
            <dl class="facts">
                <div>
                    <dt>{t!(i18n, orders.customer)}</dt>
                    <dd>
                        <A href=customer_href attr:data-test="order-customer">
                            {customer_name}
                        </A>
                    </dd>
                </div>
                <div>
                    <dt>{t!(i18n, orders.vehicle)}</dt>
                    <dd data-test="order-vehicle">
                        <span class="plate">{show_plate(&order.vehicle.plate)}</span>
                        " "
                        {vehicle_text}
                    </dd>
                </div>
                <div>
                    <dt>{t!(i18n, orders.mechanic)}</dt>
                    <dd>
                        {match mechanic_name {
                            Some(name) => name.into_any(),
                            None => t!(i18n, orders.no_mechanic).into_any(),
                        }}
                    </dd>
                </div>
                {order.odometer_km.map(|km| {
                    view! {
                        <div>
                            <dt>{t!(i18n, orders.odometer)}</dt>
                            <dd>{format!("{} km", mask_km(&km.to_string()))}</dd>
                        </div>
                    }
                })}
                <div>
                    <dt>{t!(i18n, orders.created_at)}</dt>
                    <dd>{move || date_text(&created_at)}</dd>
                </div>
            </dl>
            {notes.map(|notes| view! { <p class="order-notes" data-test="order-notes">{notes}</p> })}
            {cancel_reason.map(|reason| {
                view! {
                    <p class="notice notice--error" data-test="cancel-reason">
                        {t!(i18n, orders.cancelled_because, reason = reason)}
                    </p>
                }
            })}
        </section>
        {editable.then(|| view! { <HeaderForm order=order.clone() changes /> })}
        <ItemsSection order=order.clone() changes editable />
        {front_desk().then(|| view! { <OrderRewards order_id=order.id.clone() open=editable changed=reload /> })}
        <ShareButtons order=order.clone() />
        {front_desk().then(|| view! { <StatusLinkPanel order_id=order.id.clone() /> })}
        <Installments order=order.clone() changes />
        <Timeline steps=order.timeline.clone() />
    }
}
