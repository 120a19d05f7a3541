//! `/cliente/agendar`: the customer books a visit (phone first): one of their vehicles, a day on
//! the month calendar (only days with a free slot), a free slot of that day, notes; then
//! "Meus agendamentos" below, live.

use leptos::prelude::*;

use super::calendar_month::{CalendarMonth, Month, OpenDays};
use super::my_appointments::{Appointment, MyAppointmentsList, live_my_appointments};
use super::{local_day, local_time, scheduling_error, today};
use crate::api::operations::{MyCustomer, my_customer};
use crate::api::scheduling::{
    AvailableDays, AvailableSlots, BookAppointment, available_days, available_slots, book_appointment,
};
use crate::api::{ApiError, Area, request};
use crate::components::{AreaShell, Loaded, SelectField, SubmitButton, use_form_submit};
use crate::format::show_plate;
use crate::i18n::{date_text, error_message, t, t_string, use_i18n};

/// How long the notes may be, in characters (the server's limit).
const NOTES_LENGTH: usize = 500;

/// A vehicle of the signed-in customer.
type Vehicle = my_customer::MyCustomerMyCustomerVehicles;
/// A free slot of the chosen day.
type Slot = available_slots::AvailableSlotsAvailableSlots;

/// `/cliente/agendar`: the booking form, then the customer's appointments.
#[component]
pub fn BookingPage() -> impl IntoView {
    view! {
        <AreaShell area=Area::Customer>
            <Booking />
        </AreaShell>
    }
}

/// The page's content, below the session's frame (the live list needs a signed-in customer).
#[component]
fn Booking() -> impl IntoView {
    let i18n = use_i18n();
    let (appointments, live) = live_my_appointments();
    let vehicles = LocalResource::new(|| async {
        request::<MyCustomer>(my_customer::Variables).await.map(|data| data.my_customer.vehicles)
    });
    view! {
        <main class="page">
            <h1>{t!(i18n, booking.title)}</h1>
            <section class="card" data-test="booking">
                <Loaded resource=vehicles show=move |vehicles| view! { <BookingForm vehicles appointments /> } />
            </section>
            <MyAppointmentsList appointments live />
        </main>
    }
}

/// The form: vehicle, day, slot and notes, then "Confirmar agendamento".
#[component]
fn BookingForm(
    vehicles: Vec<Vehicle>,
    /// The customer's appointments, reloaded after a booking.
    appointments: LocalResource<Result<Vec<Appointment>, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if vehicles.is_empty() {
        return view! { <p class="empty" data-test="booking-no-vehicles">{t!(i18n, booking.no_vehicles)}</p> }
            .into_any();
    }
    let vehicle = RwSignal::new(vehicles[0].id.clone());
    let options: Vec<(String, String)> = vehicles
        .iter()
        .map(|vehicle| {
            (
                vehicle.id.clone(),
                format!("{} · {} {}", show_plate(&vehicle.plate), vehicle.brand, vehicle.model),
            )
        })
        .collect();
    let today = today();
    let month = RwSignal::new(Month::of(&today).expect("today reads as a day"));
    let day = RwSignal::new(None::<String>);
    let slot = RwSignal::new(None::<String>);
    let notes = RwSignal::new(String::new());
    let booked = RwSignal::new(None::<String>);
    let open_days = LocalResource::new(move || {
        let shown = month.get();
        async move {
            request::<AvailableDays>(available_days::Variables {
                from: shown.first_day(),
                to: shown.last_day(),
            })
            .await
            .map(|data| OpenDays { month: shown, days: data.available_days })
        }
    });
    let slots = LocalResource::new(move || {
        let date = day.get();
        async move {
            match date {
                Some(date) => request::<AvailableSlots>(available_slots::Variables { date })
                    .await
                    .map(|data| data.available_slots),
                None => Ok(Vec::new()),
            }
        }
    });
    // Another day: its slots are others.
    Effect::new(move |_| {
        day.track();
        slot.set(None);
    });
    let book = use_form_submit(move |_: &()| {
        booked.set(None);
        let chosen = slot.get_untracked();
        let input = book_appointment::AppointmentInput {
            vehicle_id: vehicle.get_untracked(),
            starts_at: chosen.clone().unwrap_or_default(),
            notes: Some(notes.get_untracked().trim().to_owned()).filter(|notes| !notes.is_empty()),
        };
        async move {
            if chosen.is_none() {
                let message = t_string!(i18n, booking.choose_slot).to_owned();
                return Err(ApiError::BadUserInput { field: Some("startsAt".to_owned()), message });
            }
            let answer = request::<BookAppointment>(book_appointment::Variables { input }).await;
            match &answer {
                Ok(data) => {
                    booked.set(Some(data.book_appointment.starts_at.clone()));
                    slot.set(None);
                    notes.set(String::new());
                    appointments.refetch();
                }
                // The slot (or the day) may have filled up meanwhile: show what is free now.
                Err(ApiError::Conflict { .. }) => slot.set(None),
                Err(_) => {}
            }
            slots.refetch();
            open_days.refetch();
            answer.map(drop)
        }
    });
    let pending = book.pending();
    let error = book.error();
    let no_error = Signal::derive(|| None::<ApiError>);
    let notes_error = move || error.get().filter(|error| error.field() == Some("notes"));
    let form_error = move || error.get().filter(|error| error.field() != Some("notes"));
    view! {
        <form class="form booking" novalidate on:submit=book.on_submit()>
            <SelectField
                name="vehicleId"
                label=move || t!(i18n, booking.vehicle)
                value=vehicle
                options=options
                error=no_error
            />
            <h2 class="booking__step">{t!(i18n, booking.day)}</h2>
            <CalendarMonth month open_days chosen=day today />
            {move || day.get().map(|chosen| view! { <DaySlots day=chosen slots chosen_slot=slot /> })}
            <div class="field" class:field--invalid=move || notes_error().is_some()>
                <label for="field-notes">{t!(i18n, booking.notes)}</label>
                <p class="field__hint" id="field-notes-hint">{t!(i18n, booking.notes_hint)}</p>
                <textarea
                    id="field-notes"
                    name="notes"
                    rows="3"
                    maxlength=NOTES_LENGTH
                    aria-describedby="field-notes-hint"
                    prop:value=notes
                    on:input=move |event| notes.set(event_target_value(&event))
                ></textarea>
                <p class="muted booking__count">{move || format!("{}/{NOTES_LENGTH}", notes.with(|notes| notes.chars().count()))}</p>
                {move || {
                    notes_error()
                        .map(|error| {
                            view! {
                                <p class="field__error" data-field-error="notes">
                                    {move || error_message(&error)}
                                </p>
                            }
                        })
                }}
            </div>
            {move || {
                form_error()
                    .map(|error| {
                        view! {
                            <p class="form-error" role="alert" data-test="booking-error">
                                {move || scheduling_error(&error)}
                            </p>
                        }
                    })
            }}
            {move || {
                booked
                    .get()
                    .map(|at| {
                        let day = local_day(&at);
                        view! {
                            <p class="notice" role="status" data-test="booked">
                                {t!(i18n, booking.booked, day = move || date_text(&day), time = local_time(&at))}
                            </p>
                        }
                    })
            }}
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, booking.confirm)
                    pending_label=move || t!(i18n, booking.confirming)
                    data_test="confirm-booking"
                />
            </div>
        </form>
    }
    .into_any()
}

/// The free slots of the chosen day, as buttons that choose one.
#[component]
fn DaySlots(
    /// The chosen day, `YYYY-MM-DD`.
    day: String,
    slots: LocalResource<Result<Vec<Slot>, ApiError>>,
    /// The chosen slot's start.
    chosen_slot: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h2 class="booking__step">{t!(i18n, booking.slots, day = move || date_text(&day))}</h2>
        <Loaded
            resource=slots
            show={move |free: Vec<Slot>| {
                if free.is_empty() {
                    return view! { <p class="empty" data-test="no-slots">{t!(i18n, booking.no_slots)}</p> }.into_any();
                }
                view! {
                    <div class="slots" role="group" aria-label=move || t_string!(i18n, booking.slots_label)>
                        {free
                            .into_iter()
                            .map(|free| {
                                let starts_at = free.starts_at;
                                let is_chosen = {
                                    let starts_at = starts_at.clone();
                                    move || chosen_slot.with(|slot| slot.as_deref() == Some(starts_at.as_str()))
                                };
                                view! {
                                    <button
                                        type="button"
                                        name="startsAt"
                                        class="slot"
                                        class:slot--chosen=is_chosen.clone()
                                        data-test="slot"
                                        data-starts-at=starts_at.clone()
                                        aria-pressed=move || is_chosen().to_string()
                                        on:click={
                                            let starts_at = starts_at.clone();
                                            move |_| chosen_slot.set(Some(starts_at.clone()))
                                        }
                                    >
                                        {local_time(&starts_at)}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                }
                    .into_any()
            }}
        />
    }
}
