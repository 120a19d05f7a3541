//! The staff's booking dialogs: "Novo agendamento" (the customer, found by name, document, phone
//! or plate, or given by their page; their vehicle; a day and one of its free slots; notes) and
//! "Remarcar" (a day and one of its free slots). When the slot was just taken (CONFLICT), the
//! dialog says so and shows the slots again.

use leptos::prelude::*;

use super::agenda::{Appointment, Day, clock};
use super::slot_picker::{SlotPicker, SlotPickerView};
use crate::api::scheduling::{
    AgendaBook, AgendaCustomers, AgendaReschedule, agenda_book, agenda_customers, agenda_reschedule,
};
use crate::api::{ApiError, request};
use crate::components::{ErrorNotice, SelectField, SubmitButton, use_form_submit};
use crate::format::show_plate;
use crate::i18n::{error_message, t, t_string, use_i18n};

/// A vehicle a booking may be for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BookVehicle {
    /// Its id.
    pub(crate) id: String,
    /// Its plate as people write it.
    pub(crate) plate: String,
    /// Brand and model.
    pub(crate) description: String,
}

impl BookVehicle {
    /// A vehicle from its stored plate, brand and model.
    pub(crate) fn new(id: String, plate: &str, brand: &str, model: &str) -> Self {
        BookVehicle { id, plate: show_plate(plate), description: format!("{brand} {model}") }
    }
}

/// The customer a booking is for, with their vehicles.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BookCustomer {
    /// Their id.
    pub(crate) id: String,
    /// Their name.
    pub(crate) name: String,
    /// Their vehicles.
    pub(crate) vehicles: Vec<BookVehicle>,
}

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AgendaDialog {
    /// None.
    Closed,
    /// "Novo agendamento", for this customer when known, starting on this day.
    Book {
        /// The customer, when the dialog opens from their page.
        customer: Option<BookCustomer>,
        /// The day the slots are shown for first.
        day: Day,
    },
    /// "Remarcar" this appointment.
    Reschedule(Appointment),
}

/// The open dialog, if any; `on_changed` gets the appointment booked or moved.
#[component]
pub(crate) fn AgendaDialogs(
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    move || match dialog.get() {
        AgendaDialog::Closed => ().into_any(),
        AgendaDialog::Book { customer, day } => {
            view! { <BookDialog customer day dialog on_changed /> }.into_any()
        }
        AgendaDialog::Reschedule(appointment) => {
            view! { <RescheduleDialog appointment dialog on_changed /> }.into_any()
        }
    }
}

/// A booking's error, if any: that the slot was just taken (CONFLICT), or what went wrong.
#[component]
fn BookingError(error: Signal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            let text = match error {
                ApiError::Conflict { .. } => t_string!(i18n, agenda.slot_taken).to_owned(),
                other => error_message(&other),
            };
            view! { <p class="form-error" role="alert" data-test="form-error">{text}</p> }
        })
    }
}

/// "Novo agendamento": the customer (unless given), their vehicle, the slot and notes.
#[component]
fn BookDialog(
    customer: Option<BookCustomer>,
    day: Day,
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let from_page = customer.is_some();
    let customer = RwSignal::new(customer);
    view! {
        <section class="card dialog" role="dialog" aria-labelledby="book-title" data-test="book-dialog">
            <h2 id="book-title">{t!(i18n, agenda.book_title)}</h2>
            {move || match customer.get() {
                None => view! { <CustomerFinder customer /> }.into_any(),
                Some(chosen) => view! { <BookForm customer=chosen day dialog on_changed /> }.into_any(),
            }}
            <div class="form__actions">
                <Show when=move || !from_page && customer.with(Option::is_some)>
                    <button type="button" class="button button--quiet" on:click=move |_| customer.set(None)>
                        {t!(i18n, agenda.other_customer)}
                    </button>
                </Show>
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| dialog.set(AgendaDialog::Closed)
                >
                    {t!(i18n, agenda.close)}
                </button>
            </div>
        </section>
    }
}

/// The customers matching `search` (name, CPF/CNPJ, e-mail, phone or plate), with their vehicles.
async fn find_customers(search: String) -> Result<Vec<BookCustomer>, ApiError> {
    let found = request::<AgendaCustomers>(agenda_customers::Variables { search }).await?;
    Ok(found
        .customers
        .edges
        .into_iter()
        .map(|edge| BookCustomer {
            id: edge.node.id,
            name: format!("{} · {}", edge.node.name, edge.node.document),
            vehicles: edge
                .node
                .vehicles
                .into_iter()
                .map(|vehicle| BookVehicle::new(vehicle.id, &vehicle.plate, &vehicle.brand, &vehicle.model))
                .collect(),
        })
        .collect())
}

/// The search for the customer (the customer list's search: name, CPF/CNPJ, e-mail, phone or
/// plate); the one picked becomes `customer`.
#[component]
fn CustomerFinder(customer: RwSignal<Option<BookCustomer>>) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let search = use_form_submit(move |_: &()| find_customers(typed.get_untracked().trim().to_owned()));
    let pending = search.pending();
    let error = search.error();
    let found = search.done();
    view! {
        <form class="form" data-test="book-customer-search" novalidate on:submit=search.on_submit()>
            <div class="field">
                <label for="book-customer">{t!(i18n, agenda.customer_search)}</label>
                <input
                    id="book-customer"
                    type="search"
                    data-test="book-customer"
                    autocomplete="off"
                    enterkeyhint="search"
                    placeholder=move || t_string!(i18n, customers.search_placeholder)
                    prop:value=typed
                    on:input=move |event| typed.set(event_target_value(&event))
                />
            </div>
            <SubmitButton
                pending
                label=move || t!(i18n, agenda.find_customer)
                pending_label=move || t!(i18n, agenda.finding_customer)
                class="button"
            />
        </form>
        {move || error.get().map(|error| view! { <ErrorNotice error /> })}
        {move || {
            found
                .get()
                .map(|found| {
                    if found.is_empty() {
                        return view! { <p class="empty">{t!(i18n, customers.empty)}</p> }.into_any();
                    }
                    view! {
                        <ul class="book-customers">
                            {found
                                .into_iter()
                                .map(|option| {
                                    let plates = option
                                        .vehicles
                                        .iter()
                                        .map(|vehicle| vehicle.plate.as_str())
                                        .collect::<Vec<_>>()
                                        .join(" ");
                                    let label = option.name.clone();
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="book-customers__option"
                                                data-test="book-customer-option"
                                                on:click=move |_| customer.set(Some(option.clone()))
                                            >
                                                <span>{label}</span>
                                                <span class="plate">{plates}</span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                })
        }}
    }
}

/// The vehicle, the slot and notes of a booking for `customer`.
#[component]
fn BookForm(
    customer: BookCustomer,
    day: Day,
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let vehicle =
        RwSignal::new(customer.vehicles.first().map(|vehicle| vehicle.id.clone()).unwrap_or_default());
    let options = customer
        .vehicles
        .iter()
        .map(|vehicle| (vehicle.id.clone(), format!("{} · {}", vehicle.plate, vehicle.description)))
        .collect::<Vec<_>>();
    let has_vehicles = !options.is_empty();
    let picker = SlotPicker::new(day);
    let notes = RwSignal::new(String::new());
    let book = use_form_submit(move |_: &()| {
        let input = agenda_book::AppointmentInput {
            vehicle_id: vehicle.get_untracked(),
            starts_at: picker.chosen.get_untracked().unwrap_or_default(),
            notes: Some(notes.get_untracked().trim().to_owned()).filter(|notes| !notes.is_empty()),
        };
        async move {
            let booked = request::<AgendaBook>(agenda_book::Variables { input }).await;
            finish(booked.map(|data| Appointment::from(data.book_appointment)), picker, dialog, on_changed)
        }
    });
    let pending = book.pending();
    let error = book.error();
    let ready = move || has_vehicles && picker.chosen.with(Option::is_some);
    view! {
        <p data-test="book-customer-name">
            <strong>{customer.name}</strong>
        </p>
        {if has_vehicles {
            view! {
                <SelectField
                    name="vehicleId"
                    label=move || t!(i18n, agenda.vehicle)
                    value=vehicle
                    options=options
                    error
                />
            }
                .into_any()
        } else {
            view! { <p class="notice notice--error">{t!(i18n, agenda.no_vehicles)}</p> }.into_any()
        }}
        <SlotPickerView picker />
        <div class="field">
            <label for="book-notes">{t!(i18n, agenda.notes)}</label>
            <textarea
                id="book-notes"
                name="notes"
                rows="2"
                maxlength="500"
                prop:value=notes
                on:input=move |event| notes.set(event_target_value(&event))
            ></textarea>
        </div>
        <BookingError error />
        <SubmitButton
            pending
            label=move || t!(i18n, agenda.book)
            pending_label=move || t!(i18n, agenda.booking)
            on_click=Callback::new(move |()| {
                if ready() {
                    book.dispatch(());
                }
            })
            data_test="confirm-book"
        />
    }
}

/// "Remarcar": another free slot for the appointment, from its own day on.
#[component]
fn RescheduleDialog(
    appointment: Appointment,
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let picker = SlotPicker::new(Day::at(appointment.start));
    let id = appointment.id.clone();
    let move_to = use_form_submit(move |_: &()| {
        let variables = agenda_reschedule::Variables {
            id: id.clone(),
            starts_at: picker.chosen.get_untracked().unwrap_or_default(),
        };
        async move {
            let moved = request::<AgendaReschedule>(variables).await;
            finish(
                moved.map(|data| Appointment::from(data.reschedule_appointment)),
                picker,
                dialog,
                on_changed,
            )
        }
    });
    let pending = move_to.pending();
    let error = move_to.error();
    view! {
        <section
            class="card dialog"
            role="dialog"
            aria-labelledby="reschedule-title"
            data-test="reschedule-dialog"
        >
            <h2 id="reschedule-title">{t!(i18n, agenda.reschedule_title)}</h2>
            <p>
                <span class="plate">{appointment.plate}</span>
                " "
                {appointment.customer_name}
                " · "
                {clock(appointment.start)}
            </p>
            <SlotPickerView picker />
            <BookingError error />
            <div class="form__actions">
                <SubmitButton
                    pending
                    label=move || t!(i18n, agenda.confirm_reschedule)
                    pending_label=move || t!(i18n, agenda.rescheduling)
                    on_click=Callback::new(move |()| {
                        if picker.chosen.with_untracked(Option::is_some) {
                            move_to.dispatch(());
                        }
                    })
                    data_test="confirm-reschedule"
                />
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| dialog.set(AgendaDialog::Closed)
                >
                    {t!(i18n, agenda.close)}
                </button>
            </div>
        </section>
    }
}

/// After booking or moving: the appointment goes to `on_changed` and the dialog closes; a slot
/// just taken (CONFLICT) shows the day's slots again, without the one chosen.
fn finish(
    answer: Result<Appointment, ApiError>,
    picker: SlotPicker,
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
) -> Result<(), ApiError> {
    match answer {
        Ok(appointment) => {
            on_changed.run(appointment);
            dialog.set(AgendaDialog::Closed);
            Ok(())
        }
        Err(error) => {
            if matches!(error, ApiError::Conflict { .. }) {
                picker.refresh();
            }
            Err(error)
        }
    }
}
