//! The scheduling context's rows.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::schema::appointments;

crate::text_enum! {
    /// Where an appointment is in its life: BOOKED, then CANCELLED, ATTENDED or NO_SHOW.
    pub enum AppointmentStatus {
        Booked => "BOOKED",
        Cancelled => "CANCELLED",
        Attended => "ATTENDED",
        NoShow => "NO_SHOW",
    }
}

impl AppointmentStatus {
    /// The statuses that take a bay: BOOKED and ATTENDED (a cancelled one frees it, a no-show
    /// lies in the past).
    pub const OCCUPYING: &'static [AppointmentStatus] =
        &[AppointmentStatus::Booked, AppointmentStatus::Attended];

    /// The status in Portuguese, for messages.
    pub fn label_pt(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "agendado",
            AppointmentStatus::Cancelled => "cancelado",
            AppointmentStatus::Attended => "atendido",
            AppointmentStatus::NoShow => "marcado como falta",
        }
    }

    /// The status in English, for messages.
    pub fn label_en(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::Attended => "attended",
            AppointmentStatus::NoShow => "a no-show",
        }
    }
}

/// An appointment (agendamento) of a customer's vehicle in one slot of the workshop's calendar.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = appointments, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Appointment {
    pub id: i64,
    pub workshop_id: i64,
    pub customer_id: i64,
    pub vehicle_id: i64,
    /// UTC.
    pub starts_at: NaiveDateTime,
    /// UTC.
    pub ends_at: NaiveDateTime,
    pub status: AppointmentStatus,
    pub notes: Option<String>,
    /// The user who booked it.
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The staff user who marked it ATTENDED or NO_SHOW.
    pub attendance_marked_by: Option<i64>,
    pub attendance_marked_at: Option<NaiveDateTime>,
    /// The reminder e-mail queued for it, if any.
    pub reminder_notification_id: Option<i64>,
}

impl Appointment {
    /// The start as a UTC instant.
    pub fn starts(&self) -> DateTime<Utc> {
        self.starts_at.and_utc()
    }

    /// The end as a UTC instant.
    pub fn ends(&self) -> DateTime<Utc> {
        self.ends_at.and_utc()
    }

    /// true ATTENDED, false NO_SHOW, `None` not marked.
    pub fn attended(&self) -> Option<bool> {
        match self.status {
            AppointmentStatus::Attended => Some(true),
            AppointmentStatus::NoShow => Some(false),
            _ => None,
        }
    }
}
