//! What the scheduling context records in the audit trail. Every appointment event carries the
//! customer, so a subscription can tell whose it is without reading the appointment.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::calendar::{Calendar, OpeningRangeInput};
use super::models::AppointmentStatus;
use crate::audit::EventKind;

/// The aggregate type of appointment events.
pub const APPOINTMENT: &str = "appointment";

/// An appointment was booked: [`Booked`].
pub const APPOINTMENT_BOOKED: EventKind = EventKind::new(APPOINTMENT, "appointment.booked");
/// An appointment moved to another slot: [`Rescheduled`].
pub const APPOINTMENT_RESCHEDULED: EventKind = EventKind::new(APPOINTMENT, "appointment.rescheduled");
/// An appointment was cancelled: [`StatusChanged`].
pub const APPOINTMENT_CANCELLED: EventKind = EventKind::new(APPOINTMENT, "appointment.cancelled");
/// The customer came: [`StatusChanged`].
pub const APPOINTMENT_ATTENDED: EventKind = EventKind::new(APPOINTMENT, "appointment.attended");
/// The customer did not come: [`StatusChanged`].
pub const APPOINTMENT_NO_SHOW: EventKind = EventKind::new(APPOINTMENT, "appointment.no_show");
/// The ADMIN changed the calendar: the changes between two [`CalendarSnapshot`]s.
pub const CALENDAR_UPDATED: EventKind = EventKind::new("workshop", "workshop.calendar_updated");

/// A new appointment.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Booked {
    pub customer_id: i64,
    pub vehicle_id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// A move to another slot.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rescheduled {
    pub customer_id: i64,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// A status change: cancelled, attended or no-show.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChanged {
    pub customer_id: i64,
    pub from: AppointmentStatus,
    pub to: AppointmentStatus,
}

/// A calendar as recorded in events.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarSnapshot {
    pub time_zone: &'static str,
    pub slot_minutes: i32,
    pub bays: i32,
    pub reminder_hours: i32,
    pub opening_hours: Vec<OpeningRangeInput>,
    pub closed_dates: Vec<NaiveDate>,
}

impl From<&Calendar> for CalendarSnapshot {
    fn from(c: &Calendar) -> Self {
        Self {
            time_zone: c.time_zone.name(),
            slot_minutes: c.slot_minutes,
            bays: c.bays,
            reminder_hours: c.reminder_hours,
            opening_hours: c.opening_inputs(),
            closed_dates: c.closed_dates.clone(),
        }
    }
}
