//! "Meus agendamentos": the customer's upcoming and past appointments with their status, live
//! (`appointmentChanged`: a change by the workshop shows without a reload), and "Cancelar" with a
//! confirmation while the server allows it.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{BOOKING_PATH, local_day, local_time, scheduling_error};
use crate::api::scheduling::{
    AppointmentStatus, CancelAppointment, MyAppointmentChanged, MyAppointments, cancel_appointment,
    my_appointment_changed, my_appointments,
};
use crate::api::{ApiError, LiveStatus, request, subscribe};
use crate::components::{Loaded, SubmitButton};
use crate::format::show_plate;
use crate::i18n::{appointment_status_name, date_text, t, use_i18n};

/// One of the customer's appointments, as the list shows it.
pub(super) type Appointment = my_appointments::MyAppointmentsMyAppointments;

/// The customer's appointments, loaded again on every change of one of them and after a
/// reconnection (`appointmentChanged` sends a CUSTOMER only their own), with the live status.
pub(super) fn live_my_appointments()
-> (LocalResource<Result<Vec<Appointment>, ApiError>>, ReadSignal<LiveStatus>) {
    let appointments = LocalResource::new(|| async {
        request::<MyAppointments>(my_appointments::Variables).await.map(|data| data.my_appointments)
    });
    let live = subscribe::<MyAppointmentChanged>(
        my_appointment_changed::Variables,
        move |_| appointments.refetch(),
        move || appointments.refetch(),
    );
    (appointments, live)
}

/// The "Meus agendamentos" section: the upcoming (BOOKED) ones, then the others.
#[component]
pub(super) fn MyAppointmentsList(
    /// The customer's appointments ([`live_my_appointments`]).
    appointments: LocalResource<Result<Vec<Appointment>, ApiError>>,
    /// Whether the list follows changes live.
    live: ReadSignal<LiveStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" data-test="my-appointments">
            <h2>{t!(i18n, my_appointments.title)}</h2>
            <p class="muted live-note">
                {move || match live.get() {
                    LiveStatus::Live => t!(i18n, my_appointments.live).into_any(),
                    LiveStatus::Connecting | LiveStatus::Offline => t!(i18n, my_appointments.offline).into_any(),
                }}
            </p>
            <Loaded resource=appointments show=move |list| view! { <Appointments list appointments /> } />
        </section>
    }
}

/// The list itself: upcoming first, then the history.
#[component]
fn Appointments(
    list: Vec<Appointment>,
    appointments: LocalResource<Result<Vec<Appointment>, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty" data-test="my-appointments-empty">{t!(i18n, my_appointments.empty)}</p> }
            .into_any();
    }
    let (upcoming, past): (Vec<Appointment>, Vec<Appointment>) =
        list.into_iter().partition(|appointment| appointment.status == AppointmentStatus::Booked);
    let group = move |title: AnyView, items: Vec<Appointment>| {
        (!items.is_empty()).then(|| {
            view! {
                <h3 class="portal-orders__title">{title}</h3>
                <ul class="appointment-list">
                    {items
                        .into_iter()
                        .map(|appointment| view! { <AppointmentRow appointment appointments /> })
                        .collect_view()}
                </ul>
            }
        })
    };
    view! {
        {group(t!(i18n, my_appointments.upcoming).into_any(), upcoming)}
        {group(t!(i18n, my_appointments.past).into_any(), past)}
    }
    .into_any()
}

/// The class of a status's badge.
fn badge_class(status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Booked => "badge badge--inline badge--live",
        AppointmentStatus::Attended => "badge badge--inline badge--ok",
        AppointmentStatus::NoShow => "badge badge--inline badge--warning",
        AppointmentStatus::Cancelled | AppointmentStatus::Unknown => "badge badge--inline",
    }
}

/// One appointment: day and time, car, notes, status, and "Cancelar" while it may be cancelled.
#[component]
fn AppointmentRow(
    appointment: Appointment,
    appointments: LocalResource<Result<Vec<Appointment>, ApiError>>,
) -> impl IntoView {
    let status = appointment.status;
    let day = local_day(&appointment.starts_at);
    let time = format!("{}–{}", local_time(&appointment.starts_at), local_time(&appointment.ends_at));
    let vehicle = appointment.vehicle;
    view! {
        <li class="appointment" data-test="my-appointment" data-status=format!("{status:?}")>
            <div class="order-card__head">
                <span class="appointment__when">
                    {move || date_text(&day)}
                    " "
                    {time}
                </span>
                <span class=badge_class(status) data-test="my-appointment-status">
                    {move || appointment_status_name(status)}
                </span>
            </div>
            <p class="order-card__car">
                <span class="plate">{show_plate(&vehicle.plate)}</span>
                " "
                {format!("{} {}", vehicle.brand, vehicle.model)}
            </p>
            {appointment.notes.filter(|notes| !notes.is_empty()).map(|notes| view! { <p class="muted">{notes}</p> })}
            {appointment.can_cancel.then(|| view! { <CancelButton id=appointment.id appointments /> })}
        </li>
    }
}

/// "Cancelar", then the question with "Sim, cancelar" and "Voltar"; the list reloads after.
#[component]
fn CancelButton(
    id: String,
    appointments: LocalResource<Result<Vec<Appointment>, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let cancel = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            let answer = request::<CancelAppointment>(cancel_appointment::Variables { id }).await;
            if answer.is_ok() {
                asking.set(false);
            }
            // Reloaded either way: after a refusal the list shows why (the time has come close,
            // the workshop changed it).
            appointments.refetch();
            answer.map(drop)
        }
    });
    let pending = cancel.pending();
    let error = cancel.value();
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class="button button--quiet"
                        data-test="cancel-appointment"
                        on:click=move |_| asking.set(true)
                    >
                        {t!(i18n, my_appointments.cancel)}
                    </button>
                }
            }
        >
            <div class="card dialog" role="alertdialog" data-test="cancel-appointment-dialog">
                <p>{t!(i18n, my_appointments.cancel_question)}</p>
                <div class="form__actions">
                    <SubmitButton
                        pending
                        label=move || t!(i18n, my_appointments.confirm_cancel)
                        pending_label=move || t!(i18n, my_appointments.cancelling)
                        on_click={
                            let id = id.clone();
                            Callback::new(move |()| {
                                cancel.dispatch(id.clone());
                            })
                        }
                        class="button button--danger"
                        data_test="confirm-cancel-appointment"
                    />
                    <button type="button" class="button button--quiet" on:click=move |_| asking.set(false)>
                        {t!(i18n, my_appointments.keep)}
                    </button>
                </div>
            </div>
        </Show>
        {move || {
            error
                .get()
                .and_then(Result::err)
                .map(|error: ApiError| {
                    view! {
                        <p class="notice notice--error" role="alert" data-test="cancel-appointment-error">
                            {move || scheduling_error(&error)}
                        </p>
                    }
                })
        }}
    }
}

/// How many upcoming appointments the portal home shows.
const NEXT_SHOWN: usize = 3;

/// The portal home's card for booking: the customer's next appointments (live, each with its
/// "Cancelar" while allowed) and a link to `/cliente/agendar`, where the customer books and sees
/// them all.
#[component]
pub fn MyAppointmentsLink() -> impl IntoView {
    let i18n = use_i18n();
    let (appointments, _) = live_my_appointments();
    view! {
        <section class="card" data-test="next-appointments">
            <h2>{t!(i18n, my_appointments.next_title)}</h2>
            <Loaded
                resource=appointments
                show=move |list| {
                    let next: Vec<Appointment> = list
                        .into_iter()
                        .filter(|appointment| appointment.status == AppointmentStatus::Booked)
                        .take(NEXT_SHOWN)
                        .collect();
                    if next.is_empty() {
                        view! { <p class="empty">{t!(i18n, my_appointments.no_next)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="appointment-list">
                                {next
                                    .into_iter()
                                    .map(|appointment| view! { <AppointmentRow appointment appointments /> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            />
            <p>{t!(i18n, my_appointments.link_lead)}</p>
            <A href=BOOKING_PATH attr:class="button button--primary" attr:data-test="booking-link">
                {t!(i18n, my_appointments.link)}
            </A>
        </section>
    }
}
