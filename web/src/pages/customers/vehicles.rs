//! A customer's vehicles on the 360 page: the vehicle form (add and edit) and the transfer to
//! another customer.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::operations::{
    CreateVehicle, Customers, Fuel, UpdateVehicle, VehicleCatalog, VehicleKind, create_vehicle, customer,
    customers, update_vehicle, vehicle_catalog,
};
use crate::api::{ApiError, request};
use crate::components::{ErrorNotice, FormError, FormField, Loading, SelectField, focus_field};
use crate::format::{mask_doors, mask_km, mask_plate, mask_year, read_number, show_plate};
use crate::i18n::{fuel_name, t, t_string, use_i18n, vehicle_kind_name};

/// The inputs of the vehicle form.
const FIELDS: &[&str] = &["plate", "kind", "brand", "model", "year", "fuel", "doors", "color", "odometerKm"];
/// How long typing must pause before the transfer search runs.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// A vehicle as the 360 page has it.
#[derive(Debug, Clone, PartialEq)]
pub struct VehicleData {
    pub id: String,
    pub plate: String,
    pub kind: VehicleKind,
    pub brand: String,
    pub model: String,
    pub year: i64,
    pub fuel: Option<Fuel>,
    pub doors: Option<i64>,
    pub color: Option<String>,
    pub odometer_km: Option<i64>,
}

impl From<customer::CustomerCustomerVehicles> for VehicleData {
    fn from(vehicle: customer::CustomerCustomerVehicles) -> Self {
        Self {
            id: vehicle.id,
            plate: vehicle.plate,
            kind: vehicle.kind,
            brand: vehicle.brand,
            model: vehicle.model,
            year: vehicle.year,
            fuel: vehicle.fuel,
            doors: vehicle.doors,
            color: vehicle.color,
            odometer_km: vehicle.odometer_km,
        }
    }
}

/// The `VehicleInput` of the operation module `$module` for the owner `$customer_id`, from the
/// fields of `$vehicle` (a [`VehicleData`]).
macro_rules! vehicle_input {
    ($module:ident, $customer_id:expr, $vehicle:expr) => {{
        let vehicle: VehicleData = $vehicle;
        $module::VehicleInput {
            customer_id: $customer_id,
            plate: vehicle.plate,
            kind: vehicle.kind,
            brand: vehicle.brand,
            model: vehicle.model,
            year: vehicle.year,
            fuel: vehicle.fuel,
            doors: vehicle.doors,
            color: vehicle.color,
            odometer_km: vehicle.odometer_km,
        }
    }};
}

/// Registers the vehicle `data` for `customer_id` (`id` is `None`) or changes the vehicle `id`.
async fn save_vehicle(id: Option<String>, customer_id: String, data: VehicleData) -> Result<(), ApiError> {
    match id {
        Some(id) => {
            let input = vehicle_input!(update_vehicle, customer_id, data);
            request::<UpdateVehicle>(update_vehicle::Variables { id, input }).await.map(drop)
        }
        None => {
            let input = vehicle_input!(create_vehicle, customer_id, data);
            request::<CreateVehicle>(create_vehicle::Variables { input }).await.map(drop)
        }
    }
}

/// The vehicle form: adds a vehicle to `customer_id`, or edits `vehicle`.
#[component]
pub fn VehicleForm(
    /// The owner.
    customer_id: String,
    /// The vehicle being edited; `None` adds one.
    vehicle: Option<VehicleData>,
    /// Called with the plate once the vehicle is saved.
    on_saved: Callback<String>,
    /// Called by "Cancelar".
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = vehicle.as_ref().map(|vehicle| vehicle.id.clone());
    let editing = id.is_some();
    let initial = vehicle.as_ref();
    let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
    let plate = text(initial.map(|v| show_plate(&v.plate)));
    let kind = RwSignal::new(initial.map_or(VehicleKind::Car, |v| v.kind).as_str().to_owned());
    let brand = text(initial.map(|v| v.brand.clone()));
    let model = text(initial.map(|v| v.model.clone()));
    let year = text(initial.map(|v| v.year.to_string()));
    let fuel = text(initial.and_then(|v| v.fuel).map(|fuel| fuel.as_str().to_owned()));
    let doors = text(initial.and_then(|v| v.doors).map(|doors| doors.to_string()));
    let color = text(initial.and_then(|v| v.color.clone()));
    let odometer = text(initial.and_then(|v| v.odometer_km).map(|km| mask_km(&km.to_string())));

    // Suggestions: the brands of the kind, then the models of the brand typed (in the catalog's
    // spelling, whatever the case typed).
    let chosen_kind = Memo::new(move |_| VehicleKind::parse(&kind.get()));
    let catalog = LocalResource::new(move || {
        let kind = chosen_kind.get();
        request::<VehicleCatalog>(vehicle_catalog::Variables { kind, brand: None })
    });
    let brands = Memo::new(move |_| {
        let mut brands: Vec<String> = catalog
            .get()
            .and_then(Result::ok)
            .map(|data| data.vehicle_catalog.into_iter().map(|entry| entry.brand).collect())
            .unwrap_or_default();
        brands.dedup();
        brands
    });
    let known_brand = Memo::new(move |_| {
        let typed = brand.get().trim().to_lowercase();
        brands.with(|brands| brands.iter().find(|known| known.to_lowercase() == typed).cloned())
    });
    let models = LocalResource::new(move || {
        let kind = chosen_kind.get();
        let brand = known_brand.get();
        async move {
            let Some(brand) = brand else { return Vec::new() };
            request::<VehicleCatalog>(vehicle_catalog::Variables { kind, brand: Some(brand) })
                .await
                .map(|data| data.vehicle_catalog.into_iter().map(|entry| entry.model).collect())
                .unwrap_or_default()
        }
    });

    let kinds = Signal::derive(move || {
        VehicleKind::ALL
            .iter()
            .map(|kind| (kind.as_str().to_owned(), vehicle_kind_name(*kind).to_owned()))
            .collect()
    });
    let fuels = Signal::derive(move || {
        Fuel::ALL.iter().map(|fuel| (fuel.as_str().to_owned(), fuel_name(*fuel).to_owned())).collect()
    });
    let no_fuel = Signal::derive(move || t_string!(i18n, vehicle_form.not_informed).to_owned());

    let failure = RwSignal::new(None::<ApiError>);
    let save = Action::new_local(move |_: &()| {
        failure.set(None);
        let data = VehicleData {
            id: String::new(),
            plate: plate.get_untracked(),
            kind: VehicleKind::parse(&kind.get_untracked()).unwrap_or(VehicleKind::Car),
            brand: brand.get_untracked(),
            model: model.get_untracked(),
            // No year at all is 0, which the server explains next to the field.
            year: read_number(&year.get_untracked()).unwrap_or(0),
            fuel: Fuel::parse(&fuel.get_untracked()),
            doors: read_number(&doors.get_untracked()),
            color: Some(color.get_untracked()).filter(|color| !color.trim().is_empty()),
            odometer_km: read_number(&odometer.get_untracked()),
        };
        let saved_plate = show_plate(&data.plate);
        let id = id.clone();
        let customer_id = customer_id.clone();
        async move {
            match save_vehicle(id, customer_id, data).await {
                Ok(()) => on_saved.run(saved_plate),
                Err(error) => {
                    let field = error.field().map(str::to_owned);
                    failure.set(Some(error));
                    if let Some(field) = field {
                        focus_field(&field);
                    }
                }
            }
        }
    });
    let pending = save.pending();
    let error = Signal::from(failure);

    view! {
        <form
            class="form card vehicle-form"
            data-test="vehicle-form"
            novalidate
            on:submit=move |event| {
                event.prevent_default();
                save.dispatch(());
            }
        >
            <h3>
                {if editing {
                    t!(i18n, vehicle_form.edit_title).into_any()
                } else {
                    t!(i18n, vehicle_form.add_title).into_any()
                }}
            </h3>
            <div class="grid">
                <FormField
                    name="plate"
                    label=move || t!(i18n, vehicle_form.plate)
                    hint=move || t!(i18n, vehicle_form.plate_hint)
                    value=plate
                    error
                    mask=mask_plate
                />
                <SelectField
                    name="kind"
                    label=move || t!(i18n, vehicle_form.kind)
                    value=kind
                    options=kinds
                    error
                />
                <FormField
                    name="brand"
                    label=move || t!(i18n, vehicle_form.brand)
                    value=brand
                    error
                    list="vehicle-brands"
                />
                <FormField
                    name="model"
                    label=move || t!(i18n, vehicle_form.model)
                    value=model
                    error
                    list="vehicle-models"
                />
                <FormField
                    name="year"
                    label=move || t!(i18n, vehicle_form.year)
                    value=year
                    error
                    inputmode="numeric"
                    mask=mask_year
                />
                <SelectField
                    name="fuel"
                    label=move || t!(i18n, vehicle_form.fuel)
                    value=fuel
                    options=fuels
                    empty=no_fuel
                    error
                />
                <FormField
                    name="doors"
                    label=move || t!(i18n, vehicle_form.doors)
                    value=doors
                    error
                    inputmode="numeric"
                    mask=mask_doors
                />
                <FormField name="color" label=move || t!(i18n, vehicle_form.color) value=color error />
                <FormField
                    name="odometerKm"
                    label=move || t!(i18n, vehicle_form.odometer)
                    value=odometer
                    error
                    inputmode="numeric"
                    mask=mask_km
                />
            </div>
            <datalist id="vehicle-brands">
                {move || {
                    brands.get().into_iter().map(|brand| view! { <option value=brand></option> }).collect_view()
                }}
            </datalist>
            <datalist id="vehicle-models">
                {move || {
                    models
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|model| view! { <option value=model></option> })
                        .collect_view()
                }}
            </datalist>
            <FormError error fields=FIELDS />
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=pending>
                    {move || {
                        if pending.get() {
                            t!(i18n, vehicle_form.saving).into_any()
                        } else {
                            t!(i18n, vehicle_form.save).into_any()
                        }
                    }}
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>
                    {t!(i18n, vehicle_form.cancel)}
                </button>
            </div>
        </form>
    }
}

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
    let transfer = Action::new_local(move |to: &Candidate| {
        let to = to.clone();
        let vehicle = vehicle.clone();
        async move {
            let input = vehicle_input!(update_vehicle, to.id.clone(), vehicle.clone());
            request::<UpdateVehicle>(update_vehicle::Variables { id: vehicle.id, input }).await?;
            on_done.run(to.name);
            Ok::<(), ApiError>(())
        }
    });
    let pending = transfer.pending();
    let error = Signal::derive(move || transfer.value().get().and_then(Result::err));
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
                                <button
                                    type="button"
                                    class="button button--primary"
                                    data-test="confirm-transfer"
                                    disabled=pending
                                    on:click=move |_| {
                                        transfer.dispatch(to.clone());
                                    }
                                >
                                    {move || {
                                        if pending.get() {
                                            t!(i18n, transfer.transferring).into_any()
                                        } else {
                                            t!(i18n, transfer.confirm).into_any()
                                        }
                                    }}
                                </button>
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
