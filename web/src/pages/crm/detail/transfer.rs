//! The transfer of a vehicle to another customer, on the 360 page.

use std::time::Duration;

use leptos::prelude::*;

use super::vehicle_form::{VehicleData, vehicle_input};
use crate::api::operations::{Customers, UpdateVehicle, customers, update_vehicle};
use crate::api::{ApiError, request};
use crate::components::{ErrorNotice, FormError, Loading, SubmitButton, use_form_submit};
use crate::format::show_plate;
use crate::i18n::{t, t_string, use_i18n};

/// How long typing must pause before the search runs.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// A customer the vehicle can go to.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    id: String,
    name: String,
    document: String,
}

/// Moves `vehicle` from `owner_id` to another customer, found with a small search; the
/// vehicle's fields go unchanged.
#[component]
pub fn TransferPanel(
    /// The vehicle to move.
    vehicle: VehicleData,
    /// Its current owner.
    owner_id: String,
    /// Called with the new owner's name once the vehicle has moved.
    on_done: Callback<String>,
    /// Called by "Cancelar".
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let plate = show_plate(&vehicle.plate);
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let chosen = RwSignal::new(None::<Candidate>);
    on_cleanup(move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
    });
    let on_input = move |event| {
        let text = event_target_value(&event);
        typed.set(text.clone());
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(set_timeout_with_handle(move || search.set(text.trim().to_owned()), DEBOUNCE).ok());
    };
    let candidates = LocalResource::new(move || {
        let search = search.get();
        let owner_id = owner_id.clone();
        async move {
            if search.chars().count() < 2 {
                return Ok(None);
            }
            let variables = customers::Variables { search: Some(search), first: Some(8), after: None };
            let found = request::<Customers>(variables).await?.customers;
            Ok::<_, ApiError>(Some(
                found
                    .edges
                    .into_iter()
                    .map(|edge| edge.node)
                    .filter(|node| node.id != owner_id)
                    .map(|node| Candidate { id: node.id, name: node.name, document: node.document })
                    .collect::<Vec<_>>(),
            ))
        }
    });
    let transfer = use_form_submit(move |to: &Candidate| {
        let to = to.clone();
        let vehicle = vehicle.clone();
        async move {
            let input = vehicle_input!(update_vehicle, to.id.clone(), vehicle.clone());
            request::<UpdateVehicle>(update_vehicle::Variables { id: vehicle.id, input }).await?;
            on_done.run(to.name);
            Ok(())
        }
    });
    let pending = transfer.pending();
    let error = transfer.error();
    let title_plate = plate.clone();

    view! {
        <div class="card transfer" data-test="transfer-panel">
            <h3>{t!(i18n, transfer.title, plate = title_plate)}</h3>
            <div class="field">
                <label for="transfer-search">{t!(i18n, transfer.search_label)}</label>
                <input
                    id="transfer-search"
                    type="search"
                    data-test="transfer-search"
                    autocomplete="off"
                    placeholder=move || t_string!(i18n, transfer.search_placeholder)
                    prop:value=typed
                    on:input=on_input
                />
            </div>
            {move || match chosen.get() {
                Some(to) => {
                    let name = to.name.clone();
                    let plate = plate.clone();
                    view! {
                        <div class="transfer__confirm">
                            <p>{t!(i18n, transfer.confirm_question, plate = plate, name = name)}</p>
                            <FormError error fields=&[] />
                            <div class="form__actions">
                                <SubmitButton
                                    pending
                                    label=move || t!(i18n, transfer.confirm)
                                    pending_label=move || t!(i18n, transfer.transferring)
                                    on_click=Callback::new(move |()| transfer.dispatch(to.clone()))
                                    data_test="confirm-transfer"
                                />
                                <button
                                    type="button"
                                    class="button button--quiet"
                                    on:click=move |_| chosen.set(None)
                                >
                                    {t!(i18n, transfer.choose_another)}
                                </button>
                            </div>
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <Transition fallback=|| view! { <Loading /> }>
                            {move || Suspend::new(async move {
                                match candidates.await {
                                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                                    Ok(None) => {
                                        view! { <p class="field__hint">{t!(i18n, transfer.type_more)}</p> }
                                            .into_any()
                                    }
                                    Ok(Some(found)) if found.is_empty() => {
                                        view! { <p class="empty">{t!(i18n, transfer.none_found)}</p> }
                                            .into_any()
                                    }
                                    Ok(Some(found)) => {
                                        view! {
                                            <ul class="transfer__candidates">
                                                {found
                                                    .into_iter()
                                                    .map(|candidate| {
                                                        let label = format!(
                                                            "{} — {}",
                                                            candidate.name,
                                                            candidate.document,
                                                        );
                                                        view! {
                                                            <li>
                                                                <button
                                                                    type="button"
                                                                    class="button button--quiet transfer__candidate"
                                                                    data-test="transfer-target"
                                                                    on:click=move |_| chosen.set(Some(candidate.clone()))
                                                                >
                                                                    {label}
                                                                </button>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                            .into_any()
                                    }
                                }
                            })}
                        </Transition>
                    }
                        .into_any()
                }
            }}
            <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>
                {t!(i18n, transfer.cancel)}
            </button>
        </div>
    }
}
