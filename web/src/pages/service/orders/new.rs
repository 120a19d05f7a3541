//! `/painel/ordens/nova`: a new order for a vehicle found by plate, or for the vehicle the
//! customer's page chose (`?veiculo=<id>`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::header::{HeaderDraft, HeaderFields};
use super::{BOARD_PATH, order_path};
use crate::api::operations::{
    CreateServiceOrder, OrderVehicle, OrderVehicleByPlate, create_service_order, order_vehicle,
    order_vehicle_by_plate,
};
use crate::api::{ApiError, request};
use crate::components::{
    ErrorNotice, FormError, FormField, Loading, SubmitButton, first_error, use_form_submit,
};
use crate::format::{mask_plate, show_plate};
use crate::i18n::{error_message, t, t_string, use_i18n};

/// The query parameter with the vehicle chosen on the customer's page.
const VEHICLE_PARAM: &str = "veiculo";
/// The inputs named as the server's fields.
const FIELDS: &[&str] = &["mechanicId", "odometerKm", "notes", "vehicleId", "customerId"];

/// The vehicle an order is for, with its owner.
#[derive(Debug, Clone, PartialEq)]
struct Chosen {
    id: String,
    plate: String,
    description: String,
    odometer_km: Option<i64>,
    customer_id: String,
    customer_name: String,
}

/// The vehicle of either lookup (by id, by plate: the same fields).
macro_rules! chosen_from {
    ($vehicle:ty) => {
        impl From<$vehicle> for Chosen {
            fn from(vehicle: $vehicle) -> Self {
                Chosen {
                    id: vehicle.id,
                    plate: show_plate(&vehicle.plate),
                    description: format!("{} {} {}", vehicle.brand, vehicle.model, vehicle.year),
                    odometer_km: vehicle.odometer_km,
                    customer_id: vehicle.customer.id,
                    customer_name: vehicle.customer.name,
                }
            }
        }
    };
}

chosen_from!(order_vehicle::OrderVehicleVehicle);
chosen_from!(order_vehicle_by_plate::OrderVehicleByPlateVehicleByPlate);

/// The link to a new order for a vehicle (the customer's page's "Nova ordem").
pub fn new_order_href(vehicle_id: &str) -> String {
    format!("{BOARD_PATH}/nova?{VEHICLE_PARAM}={vehicle_id}")
}

/// `/painel/ordens/nova`: the vehicle (from the link, or found by plate), then the order's
/// mechanic, odometer and notes.
#[component]
pub fn NewServiceOrderPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let vehicle_id = Memo::new(move |_| query.with(|query| query.get(VEHICLE_PARAM)));
    let chosen = RwSignal::new(None::<Chosen>);
    let from_link = LocalResource::new(move || {
        let id = vehicle_id.get();
        async move {
            match id {
                Some(id) => request::<OrderVehicle>(order_vehicle::Variables { id })
                    .await
                    .map(|data| Some(Chosen::from(data.vehicle))),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(Some(vehicle))) = from_link.get() {
            chosen.set(Some(vehicle));
        }
    });

    view! {
        <div class="page-head">
            <div>
                <A href=BOARD_PATH attr:class="back-link">
                    {t!(i18n, orders.back_to_board)}
                </A>
                <h1>{t!(i18n, orders.new_title)}</h1>
            </div>
        </div>
        <Suspense fallback=|| view! { <Loading /> }>
            <ErrorBoundary fallback=move |errors| {
                view! {
                    <ErrorNotice
                        error=first_error(&errors.get())
                        retry=Callback::new(move |()| from_link.refetch())
                    />
                }
            }>
                {move || Suspend::new(async move {
                    from_link.await.map(|_| {
                        move || match chosen.get() {
                            None => view! { <PlateLookup chosen /> }.into_any(),
                            Some(vehicle) => view! { <OrderForm vehicle chosen /> }.into_any(),
                        }
                    })
                })}
            </ErrorBoundary>
        </Suspense>
    }
}

/// The plate to look up; the vehicle found becomes `chosen`.
#[component]
fn PlateLookup(chosen: RwSignal<Option<Chosen>>) -> impl IntoView {
    let i18n = use_i18n();
    let plate = RwSignal::new(String::new());
    let lookup = use_form_submit(move |_: &()| {
        let plate = plate.get_untracked();
        async move {
            let found = request::<OrderVehicleByPlate>(order_vehicle_by_plate::Variables { plate }).await?;
            match found.vehicle_by_plate {
                Some(vehicle) => {
                    chosen.set(Some(Chosen::from(vehicle)));
                    Ok(())
                }
                None => Err(ApiError::NotFound),
            }
        }
    });
    let pending = lookup.pending();
    let error = lookup.error();
    view! {
        <form class="form card" data-test="order-plate-form" novalidate on:submit=lookup.on_submit()>
            <p>{t!(i18n, orders.plate_lead)}</p>
            <FormField
                name="plate"
                label=move || t!(i18n, orders.plate)
                value=plate
                error
                mask=mask_plate
            />
            {move || {
                error
                    .get()
                    .map(|error| {
                        let text = if error == ApiError::NotFound {
                            t_string!(i18n, orders.plate_not_found).to_owned()
                        } else {
                            error_message(&error)
                        };
                        view! {
                            <p class="form-error" role="alert" data-test="form-error">
                                {text}
                            </p>
                        }
                    })
            }}
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, orders.find_vehicle)
                    pending_label=move || t!(i18n, orders.finding_vehicle)
                />
            </div>
        </form>
    }
}

/// The order's vehicle and owner, and its mechanic, odometer and notes; "Criar ordem" opens the
/// new order.
#[component]
fn OrderForm(vehicle: Chosen, chosen: RwSignal<Option<Chosen>>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let draft = HeaderDraft::new(None, vehicle.odometer_km, None);
    let (customer_id, vehicle_id) = (vehicle.customer_id.clone(), vehicle.id.clone());
    let create = use_form_submit(move |_: &()| {
        let input = create_service_order::ServiceOrderInput {
            customer_id: customer_id.clone(),
            vehicle_id: vehicle_id.clone(),
            mechanic_id: draft.mechanic_id(),
            odometer_km: draft.odometer_km(),
            notes: draft.notes(),
            discount_cents: 0,
            taxes_cents: 0,
            items: Vec::new(),
            next_revision_date: None,
            next_revision_km: None,
        };
        let navigate = navigate.clone();
        async move {
            let created = request::<CreateServiceOrder>(create_service_order::Variables { input }).await?;
            navigate(&order_path(&created.create_service_order.id), Default::default());
            Ok(())
        }
    });
    let pending = create.pending();
    let error = create.error();
    view! {
        <form class="form card" data-test="new-order-form" novalidate on:submit=create.on_submit()>
            <dl class="facts">
                <div>
                    <dt>{t!(i18n, orders.customer)}</dt>
                    <dd data-test="order-customer">{vehicle.customer_name.clone()}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, orders.vehicle)}</dt>
                    <dd data-test="order-vehicle">
                        <span class="plate">{vehicle.plate.clone()}</span>
                        " "
                        {vehicle.description.clone()}
                    </dd>
                </div>
            </dl>
            <button type="button" class="button button--quiet" on:click=move |_| chosen.set(None)>
                {t!(i18n, orders.other_vehicle)}
            </button>
            <HeaderFields draft error />
            <FormError error fields=FIELDS />
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, orders.create)
                    pending_label=move || t!(i18n, orders.creating)
                    data_test="create-order"
                />
            </div>
        </form>
    }
}
