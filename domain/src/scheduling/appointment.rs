//! Appointments: booking a slot, moving it, cancelling it, marking attendance, and the lists.
//!
//! Booking and rescheduling take the workshop's booking lock ([`Calendar::lock`]) first, then
//! check the slot (a boundary of the calendar, not on a closed date, not past, a bay free) and
//! the customer's limit, then write: of concurrent bookings for the last bay exactly one wins.
//! Every other state change is one conditional UPDATE on `status = 'BOOKED'`.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use diesel_async::RunQueryDsl;

use super::calendar::Calendar;
use super::events::{
    APPOINTMENT_ATTENDED, APPOINTMENT_BOOKED, APPOINTMENT_CANCELLED, APPOINTMENT_NO_SHOW,
    APPOINTMENT_RESCHEDULED, Booked, Rescheduled, StatusChanged,
};
use super::models::{Appointment, AppointmentStatus};
use super::reminders::queue_reminder;
use super::slots::{day_grid, free_bays};
use crate::audit::{Actor, Committed, NewEvent};
use crate::crm::Vehicle;
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::notifications::Notification;
use crate::schema::appointments;

/// The longest notes of an appointment, in characters.
pub const NOTES_MAX: usize = 500;
/// How many future BOOKED appointments a customer may book for themselves.
pub const FUTURE_LIMIT: i64 = 2;
/// How long before the start a customer may still cancel (or move) their appointment.
pub const CUSTOMER_CANCEL_NOTICE: Duration = Duration::hours(2);

/// Who is asking: staff see (and change) every appointment of the workshop, a customer their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentViewer {
    Staff,
    Customer { customer_id: i64 },
}

impl AppointmentViewer {
    /// Whether this viewer may see `appointment`.
    pub fn sees(self, appointment: &Appointment) -> bool {
        match self {
            AppointmentViewer::Staff => true,
            AppointmentViewer::Customer { customer_id } => appointment.customer_id == customer_id,
        }
    }

    /// Whether this viewer may still cancel `appointment` at `now`: staff any BOOKED one, a
    /// customer their own BOOKED one more than [`CUSTOMER_CANCEL_NOTICE`] before its start.
    pub fn may_cancel(self, appointment: &Appointment, now: DateTime<Utc>) -> bool {
        appointment.status == AppointmentStatus::Booked
            && self.sees(appointment)
            && match self {
                AppointmentViewer::Staff => true,
                AppointmentViewer::Customer { .. } => appointment.starts() - now > CUSTOMER_CANCEL_NOTICE,
            }
    }

    fn customer_id(self) -> Option<i64> {
        match self {
            AppointmentViewer::Staff => None,
            AppointmentViewer::Customer { customer_id } => Some(customer_id),
        }
    }
}

fn conflict_on_start(pt: &'static str, en: &'static str) -> DomainError {
    DomainError::conflict("startsAt", Message::new(pt, en))
}

fn not_booked(status: AppointmentStatus) -> DomainError {
    DomainError::conflict(
        "id",
        Message::owned(
            format!("Este agendamento está {}: só agendamentos marcados podem mudar.", status.label_pt()),
            format!("This appointment is {}: only booked ones can change.", status.label_en()),
        ),
    )
}

fn too_late(verb_pt: &str, verb_en: &str) -> DomainError {
    let hours = CUSTOMER_CANCEL_NOTICE.num_hours();
    DomainError::conflict(
        "id",
        Message::owned(
            format!("Só é possível {verb_pt} até {hours} horas antes do horário; fale com a oficina."),
            format!("You can {verb_en} up to {hours} hours before the start only; contact the workshop."),
        ),
    )
}

/// Checks that `starts_at` is a free slot of `calendar` after `now` (`except` the appointment
/// being moved); returns the slot's end.
fn check_slot(
    calendar: &Calendar,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
    busy: &[(DateTime<Utc>, DateTime<Utc>)],
) -> Result<DateTime<Utc>, DomainError> {
    let local_date = starts_at.with_timezone(&calendar.time_zone).date_naive();
    if calendar.is_closed(local_date) {
        return Err(conflict_on_start(
            "A oficina não abre nesta data.",
            "The workshop is closed on this date.",
        ));
    }
    let Some((_, ends_at)) = day_grid(calendar, local_date).into_iter().find(|(s, _)| *s == starts_at) else {
        return Err(conflict_on_start(
            "Este não é um horário da agenda da oficina: escolha um dos horários livres.",
            "This is not a slot of the workshop's calendar: pick one of the free slots.",
        ));
    };
    if starts_at <= now {
        return Err(conflict_on_start("Este horário já passou.", "This slot is in the past."));
    }
    if free_bays(calendar, starts_at, ends_at, busy) == 0 {
        return Err(conflict_on_start(
            "Este horário acabou de ser preenchido: escolha outro.",
            "This slot is full: pick another one.",
        ));
    }
    Ok(ends_at)
}

/// What a booking asks for.
#[derive(Debug, Clone)]
pub struct BookingInput {
    pub vehicle_id: i64,
    pub starts_at: DateTime<Utc>,
    pub notes: Option<String>,
}

impl Appointment {
    /// Books `input.starts_at` for a vehicle: a customer only their own vehicle (another's is
    /// NOT_FOUND) and at most [`FUTURE_LIMIT`] future appointments; staff any vehicle of the
    /// workshop. The reminder e-mail is queued in the same transaction.
    pub async fn book(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        viewer: AppointmentViewer,
        input: BookingInput,
        now: DateTime<Utc>,
    ) -> Result<Committed<Appointment>, DomainError> {
        let notes = input.notes.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
        if notes.as_ref().is_some_and(|n| n.chars().count() > NOTES_MAX) {
            return Err(DomainError::invalid("notes", Message::too_long(NOTES_MAX)));
        }
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                Calendar::lock(tx, workshop_id).await?;
                let calendar = Calendar::load(tx, workshop_id).await?;
                let vehicle = Vehicle::find(tx, workshop_id, input.vehicle_id)
                    .await?
                    .filter(|v| viewer.customer_id().is_none_or(|c| c == v.customer_id))
                    .ok_or(DomainError::NotFound)?;
                let starts_at = input.starts_at;
                let slot_end = starts_at + Duration::minutes(calendar.slot_minutes.into());
                let busy = Appointment::busy(tx, workshop_id, starts_at, slot_end, None).await?;
                let ends_at = check_slot(&calendar, starts_at, now, &busy)?;
                if viewer.customer_id().is_some() {
                    check_future_limit(tx, workshop_id, vehicle.customer_id, now).await?;
                }
                let reminder = queue_reminder(
                    tx,
                    workshop_id,
                    &calendar,
                    vehicle.customer_id,
                    &vehicle.plate,
                    starts_at,
                    now,
                )
                .await?;
                let at = now.naive_utc();
                let appointment: Appointment = crate::run!(tx, |c| {
                    diesel::insert_into(appointments::table)
                        .values((
                            appointments::workshop_id.eq(workshop_id),
                            appointments::customer_id.eq(vehicle.customer_id),
                            appointments::vehicle_id.eq(vehicle.id),
                            appointments::starts_at.eq(starts_at.naive_utc()),
                            appointments::ends_at.eq(ends_at.naive_utc()),
                            appointments::status.eq(AppointmentStatus::Booked),
                            appointments::notes.eq(notes.as_deref()),
                            appointments::created_by.eq(actor.user_id),
                            appointments::created_at.eq(at),
                            appointments::updated_at.eq(at),
                            appointments::reminder_notification_id.eq(reminder),
                        ))
                        .returning(Appointment::as_returning())
                        .get_result(c)
                        .await
                })?;
                let event =
                    NewEvent::new(APPOINTMENT_BOOKED, workshop_id, appointment.id).by(&actor).with(&Booked {
                        customer_id: appointment.customer_id,
                        vehicle_id: appointment.vehicle_id,
                        starts_at,
                        ends_at,
                    });
                Ok((appointment, vec![event]))
            })
        })
        .await
    }

    /// Moves a BOOKED appointment to `starts_at`, by the rules of booking (a customer their own,
    /// up to [`CUSTOMER_CANCEL_NOTICE`] before its current start); its reminder follows it.
    pub async fn reschedule(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        viewer: AppointmentViewer,
        id: i64,
        starts_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Committed<Appointment>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                Calendar::lock(tx, workshop_id).await?;
                let calendar = Calendar::load(tx, workshop_id).await?;
                let before =
                    Appointment::find(tx, workshop_id, viewer, id).await?.ok_or(DomainError::NotFound)?;
                if before.status != AppointmentStatus::Booked {
                    return Err(not_booked(before.status));
                }
                if !viewer.may_cancel(&before, now) {
                    return Err(too_late("remarcar", "reschedule"));
                }
                let slot_end = starts_at + Duration::minutes(calendar.slot_minutes.into());
                let busy = Appointment::busy(tx, workshop_id, starts_at, slot_end, Some(id)).await?;
                let ends_at = check_slot(&calendar, starts_at, now, &busy)?;
                if let Some(old) = before.reminder_notification_id {
                    Notification::withdraw(tx, workshop_id, old).await?;
                }
                let plate = Vehicle::find(tx, workshop_id, before.vehicle_id)
                    .await?
                    .map(|v| v.plate)
                    .unwrap_or_default();
                let reminder =
                    queue_reminder(tx, workshop_id, &calendar, before.customer_id, &plate, starts_at, now)
                        .await?;
                let after: Option<Appointment> = crate::run!(tx, |c| {
                    diesel::update(appointments::table)
                        .filter(appointments::workshop_id.eq(workshop_id))
                        .filter(appointments::id.eq(id))
                        .filter(appointments::status.eq(AppointmentStatus::Booked))
                        .set((
                            appointments::starts_at.eq(starts_at.naive_utc()),
                            appointments::ends_at.eq(ends_at.naive_utc()),
                            appointments::reminder_notification_id.eq(reminder),
                            appointments::updated_at.eq(now.naive_utc()),
                        ))
                        .returning(Appointment::as_returning())
                        .get_result(c)
                        .await
                        .optional()
                })?;
                let after = after.ok_or_else(|| not_booked(before.status))?;
                let event =
                    NewEvent::new(APPOINTMENT_RESCHEDULED, workshop_id, id).by(&actor).with(&Rescheduled {
                        customer_id: after.customer_id,
                        from: before.starts(),
                        to: after.starts(),
                    });
                Ok((after, vec![event]))
            })
        })
        .await
    }

    /// Cancels a BOOKED appointment: staff any, a customer their own up to
    /// [`CUSTOMER_CANCEL_NOTICE`] before its start (else CONFLICT on `id`). Its reminder is withdrawn.
    pub async fn cancel(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        viewer: AppointmentViewer,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Committed<Appointment>, DomainError> {
        let customer = viewer.customer_id();
        let change = Transition {
            to: AppointmentStatus::Cancelled,
            kind: APPOINTMENT_CANCELLED,
            customer,
            // A customer's cancel only changes an appointment that starts after the notice.
            starts_after: customer.map(|_| now + CUSTOMER_CANCEL_NOTICE),
            started_by: None,
            marks_attendance: false,
        };
        transition(conn, workshop_id, actor, id, change, now, || too_late("cancelar", "cancel")).await
    }

    /// Marks a BOOKED appointment ATTENDED (`true`) or NO_SHOW (`false`, only once its start
    /// has passed: else BAD_USER_INPUT on `attended`), with who and when.
    pub async fn mark_attendance(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        attended: bool,
        now: DateTime<Utc>,
    ) -> Result<Committed<Appointment>, DomainError> {
        let (to, kind) = if attended {
            (AppointmentStatus::Attended, APPOINTMENT_ATTENDED)
        } else {
            (AppointmentStatus::NoShow, APPOINTMENT_NO_SHOW)
        };
        // Attendance at any time; a no-show only once the start has passed.
        let started_by = (!attended).then_some(now);
        let change =
            Transition { to, kind, customer: None, starts_after: None, started_by, marks_attendance: true };
        let early = || {
            DomainError::invalid(
                "attended",
                Message::new(
                    "Só é possível marcar falta depois do horário do agendamento.",
                    "A no-show can be marked only after the appointment's start.",
                ),
            )
        };
        transition(conn, workshop_id, actor, id, change, now, early).await
    }
}

/// A status change of a BOOKED appointment, and the conditions it needs beside that status.
struct Transition {
    to: AppointmentStatus,
    kind: crate::audit::EventKind,
    /// Only this customer's appointment.
    customer: Option<i64>,
    /// Only an appointment that starts after this instant.
    starts_after: Option<DateTime<Utc>>,
    /// Only an appointment that started by this instant.
    started_by: Option<DateTime<Utc>>,
    /// Record the actor and the time as who marked attendance.
    marks_attendance: bool,
}

/// Applies `change` to the BOOKED appointment `id` with one conditional UPDATE (of two racing
/// changes only one finds it BOOKED), withdraws its reminder and records the event. When nothing
/// changed: NOT_FOUND, CONFLICT on `id` if it is no longer BOOKED, else `refused()` (a condition
/// of the change does not hold).
async fn transition(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
    id: i64,
    change: Transition,
    now: DateTime<Utc>,
    refused: impl FnOnce() -> DomainError + Send + 'static,
) -> Result<Committed<Appointment>, DomainError> {
    let actor = actor.clone();
    Committed::run(conn, move |tx| {
        Box::pin(async move {
            let (any_customer, customer) = (change.customer.is_none(), change.customer.unwrap_or_default());
            let (any_start, after) =
                (change.starts_after.is_none(), change.starts_after.unwrap_or(now).naive_utc());
            let (any_past, by) = (change.started_by.is_none(), change.started_by.unwrap_or(now).naive_utc());
            let marked_by = change.marks_attendance.then_some(actor.user_id);
            let marked_at = change.marks_attendance.then_some(now.naive_utc());
            let changed: Option<Appointment> = crate::run!(tx, |c| {
                diesel::update(appointments::table)
                    .filter(appointments::workshop_id.eq(workshop_id))
                    .filter(appointments::id.eq(id))
                    .filter(appointments::status.eq(AppointmentStatus::Booked))
                    .filter(appointments::customer_id.eq(customer).or(any_customer.into_sql::<Bool>()))
                    .filter(appointments::starts_at.gt(after).or(any_start.into_sql::<Bool>()))
                    .filter(appointments::starts_at.le(by).or(any_past.into_sql::<Bool>()))
                    .set((
                        appointments::status.eq(change.to),
                        appointments::attendance_marked_by.eq(marked_by),
                        appointments::attendance_marked_at.eq(marked_at),
                        appointments::updated_at.eq(now.naive_utc()),
                    ))
                    .returning(Appointment::as_returning())
                    .get_result(c)
                    .await
                    .optional()
            })?;
            let Some(changed) = changed else {
                let viewer = change.customer.map_or(AppointmentViewer::Staff, |customer_id| {
                    AppointmentViewer::Customer { customer_id }
                });
                let current =
                    Appointment::find(tx, workshop_id, viewer, id).await?.ok_or(DomainError::NotFound)?;
                return Err(if current.status == AppointmentStatus::Booked {
                    refused()
                } else {
                    not_booked(current.status)
                });
            };
            if let Some(reminder) = changed.reminder_notification_id {
                Notification::withdraw(tx, workshop_id, reminder).await?;
            }
            let event = NewEvent::new(change.kind, workshop_id, id).by(&actor).with(&StatusChanged {
                customer_id: changed.customer_id,
                from: AppointmentStatus::Booked,
                to: change.to,
            });
            Ok((changed, vec![event]))
        })
    })
    .await
}

/// CONFLICT when the customer has [`FUTURE_LIMIT`] future BOOKED appointments already.
async fn check_future_limit(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    customer_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DomainError> {
    let future: i64 = crate::run!(conn, |c| {
        appointments::table
            .filter(appointments::workshop_id.eq(workshop_id))
            .filter(appointments::customer_id.eq(customer_id))
            .filter(appointments::status.eq(AppointmentStatus::Booked))
            .filter(appointments::starts_at.gt(now.naive_utc()))
            .count()
            .get_result(c)
            .await
    })?;
    if future >= FUTURE_LIMIT {
        return Err(DomainError::conflict(
            "startsAt",
            Message::owned(
                format!("Você já tem {FUTURE_LIMIT} agendamentos futuros: cancele um para marcar outro."),
                format!("You have {FUTURE_LIMIT} upcoming appointments already: cancel one to book another."),
            ),
        ));
    }
    Ok(())
}
