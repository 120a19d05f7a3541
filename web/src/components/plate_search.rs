use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::operations::{VehicleByPlate, vehicle_by_plate};
use crate::api::{ApiError, request};
use crate::i18n::{error_message, t, t_string, use_i18n};

/// What the last plate search found, when it did not go to a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// No vehicle of the workshop has the plate.
    NotFound,
    /// The search failed (a malformed plate is BAD_USER_INPUT with the server's sentence).
    Failed(ApiError),
}

/// The staff's plate search in the top bar (`data-test="plate-search"`): Enter looks the plate
/// up (`vehicleByPlate`) and opens its owner's page, or says why not
/// (`data-test="plate-search-result"`).
#[component]
pub fn PlateSearch() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let plate = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let search = Action::new_local(move |plate_typed: &String| {
        let variables = vehicle_by_plate::Variables { plate: plate_typed.trim().to_owned() };
        let navigate = navigate.clone();
        async move {
            match request::<VehicleByPlate>(variables).await {
                Ok(data) => match data.vehicle_by_plate {
                    Some(vehicle) => {
                        outcome.set(None);
                        plate.set(String::new());
                        navigate(&format!("/painel/clientes/{}", vehicle.customer.id), Default::default());
                    }
                    None => outcome.set(Some(Outcome::NotFound)),
                },
                Err(error) => outcome.set(Some(Outcome::Failed(error))),
            }
        }
    });
    let pending = search.pending();

    view! {
        <form
            class="plate-search"
            role="search"
            novalidate
            on:submit=move |event| {
                event.prevent_default();
                let typed = plate.get_untracked();
                if !typed.trim().is_empty() {
                    search.dispatch(typed);
                }
            }
        >
            <label for="plate-search" class="visually-hidden">
                {t!(i18n, plate_search.label)}
            </label>
            <input
                id="plate-search"
                type="search"
                data-test="plate-search"
                autocomplete="off"
                autocapitalize="characters"
                enterkeyhint="search"
                aria-describedby="plate-search-result"
                placeholder=move || t_string!(i18n, plate_search.placeholder)
                prop:value=plate
                on:input=move |event| {
                    plate.set(event_target_value(&event).to_uppercase());
                    outcome.set(None);
                }
                aria-busy=move || pending.get().to_string()
            />
        </form>
        <p id="plate-search-result" class="plate-search__result" role="status" aria-live="polite">
            {move || {
                outcome
                    .get()
                    .map(|outcome| {
                        let text = match outcome {
                            Outcome::NotFound => t_string!(i18n, plate_search.not_found).to_owned(),
                            Outcome::Failed(error) => error_message(&error),
                        };
                        view! { <span data-test="plate-search-result">{text}</span> }
                    })
            }}
        </p>
    }
}
