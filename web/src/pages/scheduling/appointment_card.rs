//! An appointment of the staff agenda as a card, with the actions its status allows: attended,
//! no show (once the start has passed), reschedule, cancel.

use leptos::prelude::*;
use leptos_router::components::A;

use super::agenda::{Appointment, Day, SHORT_DAY, clock};
use super::book_dialog::AgendaDialog;
use crate::api::scheduling::{
    AgendaCancel, AgendaMarkAttendance, AppointmentStatus, agenda_cancel, agenda_mark_attendance,
};
use crate::api::{ApiError, request};
use crate::i18n::{error_message, t, use_i18n};
use crate::pages::can_edit;

/// An appointment: its time, vehicle, customer, status and notes; for ADMIN and OPERATOR on a
/// booked one, "Compareceu", "Não compareceu" (once the start has passed), "Remarcar" and
/// "Cancelar" (confirmed first). `on_changed` gets the appointment as the server now has it.
#[component]
pub(crate) fn AppointmentCard(
    appointment: Appointment,
    /// Whether it just arrived (highlighted).
    #[prop(into)]
    fresh: Signal<bool>,
    /// Where "Remarcar" opens its dialog.
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
    /// Whether the day is shown too (outside the agenda).
    #[prop(optional)]
    dated: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("appointment {}", appointment.status_class());
    let mut time = format!("{}–{}", clock(appointment.start), clock(appointment.end));
    if dated {
        time = format!("{} {time}", Day::at(appointment.start).text(SHORT_DAY));
    }
    let status = appointment.status;
    let actions = (can_edit() && status == AppointmentStatus::Booked)
        .then(|| view! { <AppointmentActions appointment=appointment.clone() dialog on_changed /> });
    view! {
        <article class=class class:appointment--fresh=move || fresh.get() data-test="appointment">
            <header class="appointment__head">
                <strong class="appointment__time">{time}</strong>
                <span class="plate">{appointment.plate}</span>
                <span class="badge badge--inline" data-test="appointment-status">
                    {move || match status {
                        AppointmentStatus::Booked => t!(i18n, agenda.status_booked).into_any(),
                        AppointmentStatus::Attended => t!(i18n, agenda.status_attended).into_any(),
                        AppointmentStatus::NoShow => t!(i18n, agenda.status_no_show).into_any(),
                        AppointmentStatus::Cancelled => t!(i18n, agenda.status_cancelled).into_any(),
                        AppointmentStatus::Unknown => t!(i18n, kinds.unknown).into_any(),
                    }}
                </span>
            </header>
            <span>{appointment.vehicle}</span>
            <A
                href=format!("/painel/clientes/{}", appointment.customer_id)
                attr:class="appointment__customer"
            >
                {appointment.customer_name}
            </A>
            {appointment.notes.map(|notes| view! { <p class="appointment__notes muted">{notes}</p> })}
            {appointment
                .marked_by
                .map(|name| view! { <span class="muted">{t!(i18n, agenda.marked_by, name = name)}</span> })}
            {actions}
        </article>
    }
}

/// A change an appointment's buttons ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Attended(bool),
    Cancel,
}

/// The buttons of a booked appointment, and the error of the last one.
#[component]
fn AppointmentActions(
    appointment: Appointment,
    dialog: RwSignal<AgendaDialog>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = appointment.id.clone();
    let confirming = RwSignal::new(false);
    let change = Action::new_local(move |change: &Change| {
        let (id, change) = (id.clone(), *change);
        async move {
            let changed = match change {
                Change::Attended(attended) => {
                    let variables = agenda_mark_attendance::Variables { id, attended };
                    Appointment::from(request::<AgendaMarkAttendance>(variables).await?.mark_attendance)
                }
                Change::Cancel => Appointment::from(
                    request::<AgendaCancel>(agenda_cancel::Variables { id }).await?.cancel_appointment,
                ),
            };
            on_changed.run(changed);
            Ok::<(), ApiError>(())
        }
    });
    let error = move || change.value().get().and_then(Result::err);
    let started = appointment.started();
    let can_cancel = appointment.can_cancel;
    let rescheduled = StoredValue::new(appointment);
    view! {
        <div class="appointment__actions">
            <Show
                when=move || !confirming.get()
                fallback=move || {
                    view! {
                        <p>{t!(i18n, agenda.cancel_question)}</p>
                        <ChangeButton
                            action=change
                            change=Change::Cancel
                            class="button button--danger"
                            data_test="confirm-cancel-appointment"
                            label=move || t!(i18n, agenda.confirm_cancel)
                        />
                        <button
                            type="button"
                            class="button button--quiet"
                            on:click=move |_| confirming.set(false)
                        >
                            {t!(i18n, agenda.keep)}
                        </button>
                    }
                }
            >
                <ChangeButton
                    action=change
                    change=Change::Attended(true)
                    class="button"
                    data_test="mark-attended"
                    label=move || t!(i18n, agenda.attended)
                />
                {started
                    .then(|| {
                        view! {
                            <ChangeButton
                                action=change
                                change=Change::Attended(false)
                                class="button"
                                data_test="mark-no-show"
                                label=move || t!(i18n, agenda.no_show)
                            />
                        }
                    })}
                <button
                    type="button"
                    class="button button--quiet"
                    data-test="reschedule"
                    on:click=move |_| dialog.set(AgendaDialog::Reschedule(rescheduled.get_value()))
                >
                    {t!(i18n, agenda.reschedule)}
                </button>
                {can_cancel
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button--quiet"
                                data-test="cancel-appointment"
                                on:click=move |_| confirming.set(true)
                            >
                                {t!(i18n, agenda.cancel)}
                            </button>
                        }
                    })}
            </Show>
            {move || {
                error()
                    .map(|error| {
                        view! { <p class="form-error" role="alert">{move || error_message(&error)}</p> }
                    })
            }}
        </div>
    }
}

/// A button that sends `change`, disabled while a change is on its way.
#[component]
fn ChangeButton(
    action: Action<Change, Result<(), ApiError>>,
    change: Change,
    class: &'static str,
    data_test: &'static str,
    #[prop(into)] label: ViewFn,
) -> impl IntoView {
    let pending = action.pending();
    view! {
        <button
            type="button"
            class=class
            data-test=data_test
            disabled=pending
            on:click=move |_| {
                action.dispatch(change);
            }
        >
            {label.run()}
        </button>
    }
}
