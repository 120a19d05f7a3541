//! What clients send to change the calendar and book appointments.

use async_graphql::{ID, InputObject};
use chrono::{DateTime, Utc};
use oficina_domain::scheduling as domain;

use crate::error::ApiError;
use crate::graphql::from_id;
use crate::graphql::scalars::Date;

/// One opening range of a weekday, local `HH:MM`.
#[derive(InputObject)]
pub struct OpeningHoursInput {
    weekday: i32,
    opens: String,
    closes: String,
}

/// The whole calendar: it replaces the stored one. `reminderHours` omitted keeps the current value.
#[derive(InputObject)]
pub struct CalendarSettingsInput {
    time_zone: String,
    slot_minutes: i32,
    bays: i32,
    opening_hours: Vec<OpeningHoursInput>,
    closed_dates: Vec<Date>,
    reminder_hours: Option<i32>,
}

impl From<CalendarSettingsInput> for domain::CalendarInput {
    fn from(input: CalendarSettingsInput) -> Self {
        domain::CalendarInput {
            time_zone: input.time_zone,
            slot_minutes: input.slot_minutes,
            bays: input.bays,
            opening_hours: input
                .opening_hours
                .into_iter()
                .map(|r| domain::OpeningRangeInput { weekday: r.weekday, opens: r.opens, closes: r.closes })
                .collect(),
            closed_dates: input.closed_dates.into_iter().map(|d| d.0).collect(),
            reminder_hours: input.reminder_hours,
        }
    }
}

/// A booking.
#[derive(InputObject)]
pub struct AppointmentInput {
    vehicle_id: ID,
    starts_at: DateTime<Utc>,
    /// Up to 500 characters.
    notes: Option<String>,
}

impl AppointmentInput {
    /// The domain's booking; a malformed vehicle id names no vehicle (NOT_FOUND).
    pub fn into_domain(self) -> Result<domain::BookingInput, ApiError> {
        Ok(domain::BookingInput {
            vehicle_id: from_id(&self.vehicle_id)?,
            starts_at: self.starts_at,
            notes: self.notes,
        })
    }
}
