//! The vehicles section of the 360 page: the list, "Adicionar veículo", and "Editar" and
//! "Transferir" and "Nova ordem" on each vehicle.

use leptos::prelude::*;
use leptos_router::components::A;

use super::transfer::TransferPanel;
use super::vehicle_form::{VehicleData, VehicleForm};
use super::{Notice, VehiclePanel};
use crate::format::{mask_km, show_plate};
use crate::i18n::{fuel_name, t, use_i18n, vehicle_kind_name};
use crate::pages::crm::can_edit;
use crate::pages::service::new_order_href;

/// The customer's vehicles, with "Adicionar veículo", and "Editar" and "Transferir" on each.
#[component]
pub(super) fn VehiclesSection(
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
    let order_href = new_order_href(&vehicle_id);
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
                    <A
                        href=order_href.clone()
                        attr:class="button button--quiet"
                        attr:data-test="new-order-for-vehicle"
                    >
                        {t!(i18n, customer_page.new_order)}
                    </A>
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
