use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::can_edit;
use super::invite::InviteForm;
use super::vehicles::{TransferPanel, VehicleData, VehicleForm};
use crate::api::operations::{Customer, CustomerKind, customer};
use crate::api::request;
use crate::components::{ErrorNotice, Loading, first_error};
use crate::format::{mask_cep, mask_km, show_money, show_phone, show_plate};
use crate::i18n::{
    address_kind_name, customer_kind_name, date_text, fuel_name, phone_kind_name, service_order_status_name,
    t, t_string, use_i18n, vehicle_kind_name,
};

/// What the vehicles section shows besides the list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum VehiclePanel {
    /// Nothing open.
    Closed,
    /// The form that adds a vehicle.
    Adding,
    /// The form that edits the vehicle with this id.
    Editing(String),
    /// The transfer of the vehicle with this id.
    Transferring(String),
}

/// What the page tells after a change to the vehicles.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Notice {
    /// The vehicle with this plate was saved.
    VehicleSaved(String),
    /// The vehicle with this plate went to the customer with this name.
    VehicleTransferred(String, String),
}

/// `/painel/clientes/:id`: the customer's 360 page: data, contacts, vehicles (add, edit,
/// transfer), spend, visits, service orders and the invitation to the customer portal. A MECHANIC
/// sees it read-only.
#[component]
pub fn CustomerDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move { request::<Customer>(customer::Variables { id }).await.map(|data| data.customer) }
    });
    let panel = RwSignal::new(VehiclePanel::Closed);
    let notice = RwSignal::new(None::<Notice>);
    // Another customer (the plate search, the back button) starts with nothing open.
    Effect::watch(
        move || id.get(),
        move |_, _, _| {
            panel.set(VehiclePanel::Closed);
            notice.set(None);
        },
        false,
    );
    let reload = Callback::new(move |()| loaded.refetch());

    view! {
        <A href="/painel/clientes" attr:class="back-link">
            {t!(i18n, customer_page.back_to_list)}
        </A>
        <Transition fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=move |errors| {
                view! { <ErrorNotice error=first_error(&errors.get()) retry=reload /> }
            }>
                {move || Suspend::new(async move {
                    loaded.await.map(|customer| view! { <CustomerView customer panel notice reload /> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The loaded customer.
#[component]
fn CustomerView(
    customer: customer::CustomerCustomer,
    panel: RwSignal<VehiclePanel>,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = customer.id.clone();
    let kind = customer.kind;
    let vehicles: Vec<VehicleData> = customer.vehicles.into_iter().map(VehicleData::from).collect();
    let orders = customer.service_orders;
    let total_spent = customer.total_spent_cents;
    let visits = customer.visit_count;
    let last_visit = customer.last_visit_at;
    let document_label = move || match kind {
        CustomerKind::Company => t!(i18n, customer_page.cnpj).into_any(),
        _ => t!(i18n, customer_page.cpf).into_any(),
    };
    let rg = customer.rg;
    let birth_date = customer.birth_date;
    let consent = customer.marketing_consent;
    let emails = customer.emails;
    let phones = customer.phones;
    let addresses = customer.addresses;
    let edit_href = format!("/painel/clientes/{id}/editar");
    let first_email = emails.first().cloned();
    let inviting = RwSignal::new(false);
    let invite_sent = RwSignal::new(None::<String>);
    let invite_id = id.clone();
    let on_invite_sent = Callback::new(move |email: String| {
        inviting.set(false);
        invite_sent.set(Some(email));
    });
    let close_invite = Callback::new(move |()| inviting.set(false));

    view! {
        <div class="page-head">
            <div>
                <h1 data-test="customer-name">{customer.name}</h1>
                <span class="badge badge--inline">{move || customer_kind_name(kind)}</span>
            </div>
            <Show when=can_edit>
                <div class="page-head__actions">
                    <Show when=move || !inviting.get()>
                        <button
                            type="button"
                            class="button"
                            data-test="invite-customer"
                            on:click=move |_| {
                                invite_sent.set(None);
                                inviting.set(true);
                            }
                        >
                            {t!(i18n, customer_page.invite)}
                        </button>
                    </Show>
                    <A
                        href=edit_href.clone()
                        attr:class="button"
                        attr:data-test="edit-customer"
                    >
                        {t!(i18n, customer_page.edit)}
                    </A>
                </div>
            </Show>
        </div>
        {move || {
            invite_sent
                .get()
                .map(|email| {
                    view! {
                        <p class="notice notice--success" role="status" data-test="invite-sent">
                            {t!(i18n, customer_page.invite_sent, email = email)}
                        </p>
                    }
                })
        }}
        {move || {
            inviting
                .get()
                .then(|| {
                    view! {
                        <InviteForm
                            customer_id=invite_id.clone()
                            email=first_email.clone()
                            on_sent=on_invite_sent
                            on_cancel=close_invite
                        />
                    }
                })
        }}
        {move || {
            notice
                .get()
                .map(|notice| {
                    let text = match notice {
                        Notice::VehicleSaved(plate) => {
                            t!(i18n, customer_page.vehicle_saved, plate = plate).into_any()
                        }
                        Notice::VehicleTransferred(plate, name) => {
                            t!(i18n, customer_page.vehicle_transferred, plate = plate, name = name).into_any()
                        }
                    };
                    view! {
                        <p class="notice notice--success" role="status" data-test="customer-notice">
                            {text}
                        </p>
                    }
                })
        }}

        <section class="stats" aria-label=move || t_string!(i18n, customer_page.history_label)>
            <div class="stat">
                <span class="stat__label">{t!(i18n, customer_page.total_spent)}</span>
                <span class="stat__value" data-test="total-spent">{show_money(total_spent)}</span>
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

        <section class="card">
            <h2>{t!(i18n, customer_page.data)}</h2>
            <dl class="facts">
                <div>
                    <dt>{document_label}</dt>
                    <dd data-test="customer-document">{customer.document}</dd>
                </div>
                {rg.map(|rg| view! {
                    <div>
                        <dt>{t!(i18n, customer_page.rg)}</dt>
                        <dd>{rg}</dd>
                    </div>
                })}
                {birth_date.map(|birth_date| view! {
                    <div>
                        <dt>{t!(i18n, customer_page.birth_date)}</dt>
                        <dd>{move || date_text(&birth_date)}</dd>
                    </div>
                })}
                <div>
                    <dt>{t!(i18n, customer_page.marketing)}</dt>
                    <dd>
                        {if consent {
                            t!(i18n, customer_page.marketing_yes).into_any()
                        } else {
                            t!(i18n, customer_page.marketing_no).into_any()
                        }}
                    </dd>
                </div>
            </dl>
        </section>

        <section class="card">
            <h2>{t!(i18n, customer_page.contacts)}</h2>
            {(emails.is_empty() && phones.is_empty() && addresses.is_empty())
                .then(|| view! { <p class="empty">{t!(i18n, customer_page.no_contacts)}</p> })}
            <ul class="contact-list">
                {emails
                    .into_iter()
                    .map(|email| {
                        view! {
                            <li data-test="customer-email">
                                <a href=format!("mailto:{email}")>{email.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
                {phones
                    .into_iter()
                    .map(|phone| {
                        let kind = phone.kind;
                        let digits = format!("{}{}", phone.ddd, phone.number);
                        view! {
                            <li data-test="customer-phone">
                                <a href=format!("tel:+55{digits}")>{show_phone(&phone.ddd, &phone.number)}</a>
                                " "
                                <span class="muted">{move || phone_kind_name(kind)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ul class="address-list">
                {addresses
                    .into_iter()
                    .map(|address| {
                        let kind = address.kind;
                        let first_line = match &address.complement {
                            Some(complement) => {
                                format!("{}, {} — {}", address.street, address.number, complement)
                            }
                            None => format!("{}, {}", address.street, address.number),
                        };
                        let second_line = format!(
                            "{}, {}/{}",
                            address.district,
                            address.city,
                            address.state,
                        );
                        let cep = mask_cep(&address.cep);
                        view! {
                            <li data-test="customer-address">
                                <span class="muted">{move || address_kind_name(kind)}</span>
                                <span>{first_line}</span>
                                <span>{second_line}</span>
                                <span>{t!(i18n, customer_page.cep, cep = cep)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>

        <VehiclesSection owner_id=id.clone() vehicles panel notice reload />

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
                                        <span class="order-row__number">
                                            {t!(i18n, customer_page.order_number, number = order.number)}
                                        </span>
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

/// The customer's vehicles, with "Adicionar veículo", and "Editar" and "Transferir" on each.
#[component]
fn VehiclesSection(
    owner_id: String,
    vehicles: Vec<VehicleData>,
    panel: RwSignal<VehiclePanel>,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let close = Callback::new(move |()| panel.set(VehiclePanel::Closed));
    let saved = Callback::new(move |plate: String| {
        notice.set(Some(Notice::VehicleSaved(plate)));
        panel.set(VehiclePanel::Closed);
        reload.run(());
    });
    let is_empty = vehicles.is_empty();
    let rows = vehicles
        .into_iter()
        .map(|vehicle| {
            let owner_id = owner_id.clone();
            view! { <VehicleRow vehicle owner_id panel notice reload close saved /> }
        })
        .collect_view();
    let adding_owner = owner_id.clone();

    view! {
        <section class="card">
            <div class="section-head">
                <h2>{t!(i18n, customer_page.vehicles)}</h2>
                <Show when=move || can_edit() && panel.with(|panel| *panel != VehiclePanel::Adding)>
                    <button
                        type="button"
                        class="button"
                        data-test="add-vehicle"
                        on:click=move |_| {
                            notice.set(None);
                            panel.set(VehiclePanel::Adding);
                        }
                    >
                        {t!(i18n, customer_page.add_vehicle)}
                    </button>
                </Show>
            </div>
            {is_empty.then(|| view! { <p class="empty">{t!(i18n, customer_page.no_vehicles)}</p> })}
            <ul class="vehicle-list">{rows}</ul>
            {move || {
                (panel.get() == VehiclePanel::Adding)
                    .then(|| {
                        view! {
                            <VehicleForm
                                customer_id=adding_owner.clone()
                                vehicle=None
                                on_saved=saved
                                on_cancel=close
                            />
                        }
                    })
            }}
        </section>
    }
}

/// One vehicle, with its edit form or transfer panel when open.
#[component]
fn VehicleRow(
    vehicle: VehicleData,
    owner_id: String,
    panel: RwSignal<VehiclePanel>,
    notice: RwSignal<Option<Notice>>,
    reload: Callback<()>,
    close: Callback<()>,
    saved: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let vehicle_id = vehicle.id.clone();
    let plate = show_plate(&vehicle.plate);
    let description = format!("{} {} {}", vehicle.brand, vehicle.model, vehicle.year);
    let kind = vehicle.kind;
    let fuel = vehicle.fuel;
    let color = vehicle.color.clone();
    let doors = vehicle.doors;
    let km = vehicle.odometer_km.map(|km| mask_km(&km.to_string()));
    let details = view! {
        <span class="vehicle-row__details muted">
            <span>{move || vehicle_kind_name(kind)}</span>
            {fuel.map(|fuel| view! { <span>{move || fuel_name(fuel)}</span> })}
            {doors.map(|doors| view! { <span>{t!(i18n, customer_page.doors, doors = doors)}</span> })}
            {color.map(|color| view! { <span>{color}</span> })}
            {km.map(|km| view! { <span>{t!(i18n, customer_page.km, km = km)}</span> })}
        </span>
    };
    let editing = {
        let vehicle_id = vehicle_id.clone();
        move || panel.with(|panel| *panel == VehiclePanel::Editing(vehicle_id.clone()))
    };
    let transferring = {
        let vehicle_id = vehicle_id.clone();
        move || panel.with(|panel| *panel == VehiclePanel::Transferring(vehicle_id.clone()))
    };
    let transferred_plate = plate.clone();
    let transferred = Callback::new(move |name: String| {
        notice.set(Some(Notice::VehicleTransferred(transferred_plate.clone(), name)));
        panel.set(VehiclePanel::Closed);
        reload.run(());
    });
    let edit_id = vehicle_id.clone();
    let transfer_id = vehicle_id.clone();
    let form_vehicle = vehicle.clone();
    let form_owner = owner_id.clone();

    view! {
        <li class="vehicle-row" data-test="vehicle-row">
            <div class="vehicle-row__main">
                <span class="plate">{plate}</span>
                <span class="vehicle-row__name">{description}</span>
                {details}
            </div>
            <Show when=can_edit>
                <div class="vehicle-row__actions">
                    <button
                        type="button"
                        class="button button--quiet"
                        data-test="edit-vehicle"
                        on:click={
                            let edit_id = edit_id.clone();
                            move |_| {
                                notice.set(None);
                                panel.set(VehiclePanel::Editing(edit_id.clone()));
                            }
                        }
                    >
                        {t!(i18n, customer_page.edit_vehicle)}
                    </button>
                    <button
                        type="button"
                        class="button button--quiet"
                        data-test="transfer-vehicle"
                        on:click={
                            let transfer_id = transfer_id.clone();
                            move |_| {
                                notice.set(None);
                                panel.set(VehiclePanel::Transferring(transfer_id.clone()));
                            }
                        }
                    >
                        {t!(i18n, customer_page.transfer_vehicle)}
                    </button>
                </div>
            </Show>
            {move || {
                editing()
                    .then(|| {
                        view! {
                            <VehicleForm
                                customer_id=form_owner.clone()
                                vehicle=Some(form_vehicle.clone())
                                on_saved=saved
                                on_cancel=close
                            />
                        }
                    })
            }}
            {move || {
                transferring()
                    .then(|| {
                        view! {
                            <TransferPanel
                                vehicle=vehicle.clone()
                                owner_id=owner_id.clone()
                                on_done=transferred
                                on_cancel=close
                            />
                        }
                    })
            }}
        </li>
    }
}
