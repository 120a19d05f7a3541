//! The vehicle form of the 360 page: adds a vehicle to the customer or edits one.

use leptos::prelude::*;

use crate::api::operations::{
    CreateVehicle, FormEnum, Fuel, UpdateVehicle, VehicleCatalog, VehicleKind, create_vehicle, customer,
    update_vehicle, vehicle_catalog,
};
use crate::api::{ApiError, request};
use crate::components::{EnumSelect, FormError, FormField, SubmitButton, use_form_submit};
use crate::format::{mask_doors, mask_km, mask_plate, mask_year, read_number, show_plate};
use crate::i18n::{fuel_name, t, t_string, use_i18n, vehicle_kind_name};

/// The inputs of the vehicle form.
const FIELDS: &[&str] = &["plate", "kind", "brand", "model", "year", "fuel", "doors", "color", "odometerKm"];

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
pub(super) use vehicle_input;

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
    let kind = RwSignal::new(initial.map_or(VehicleKind::Car, |v| v.kind).offered());
    let brand = text(initial.map(|v| v.brand.clone()));
    let model = text(initial.map(|v| v.model.clone()));
    let year = text(initial.map(|v| v.year.to_string()));
    let fuel = RwSignal::new(initial.and_then(|v| v.fuel).and_then(Fuel::offered));
    let doors = text(initial.and_then(|v| v.doors).map(|doors| doors.to_string()));
    let color = text(initial.and_then(|v| v.color.clone()));
    let odometer = text(initial.and_then(|v| v.odometer_km).map(|km| mask_km(&km.to_string())));

    // Suggestions: the brands of the kind, then the models of the brand typed (in the catalog's
    // spelling, whatever the case typed).
    let chosen_kind = Memo::new(move |_| kind.get());
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

    let no_fuel = Signal::derive(move || t_string!(i18n, vehicle_form.not_informed).to_owned());

    let save = use_form_submit(move |_: &()| {
        let data = VehicleData {
            id: String::new(),
            plate: plate.get_untracked(),
            kind: kind.get_untracked().unwrap_or(VehicleKind::Car),
            brand: brand.get_untracked(),
            model: model.get_untracked(),
            // No year at all is 0, which the server explains next to the field.
            year: read_number(&year.get_untracked()).unwrap_or(0),
            fuel: fuel.get_untracked(),
            doors: read_number(&doors.get_untracked()),
            color: Some(color.get_untracked()).filter(|color| !color.trim().is_empty()),
            odometer_km: read_number(&odometer.get_untracked()),
        };
        let saved_plate = show_plate(&data.plate);
        let id = id.clone();
        let customer_id = customer_id.clone();
        async move {
            save_vehicle(id, customer_id, data).await?;
            on_saved.run(saved_plate);
            Ok(())
        }
    });
    let pending = save.pending();
    let error = save.error();

    view! {
        <form class="form card vehicle-form" data-test="vehicle-form" novalidate on:submit=save.on_submit()>
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
                <EnumSelect
                    name="kind"
                    label=move || t!(i18n, vehicle_form.kind)
                    value=kind
                    text=vehicle_kind_name
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
                <EnumSelect
                    name="fuel"
                    label=move || t!(i18n, vehicle_form.fuel)
                    value=fuel
                    text=fuel_name
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
                <SubmitButton
                    pending
                    label=move || t!(i18n, vehicle_form.save)
                    pending_label=move || t!(i18n, vehicle_form.saving)
                />
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>
                    {t!(i18n, vehicle_form.cancel)}
                </button>
            </div>
        </form>
    }
}
