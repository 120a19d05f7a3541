//! Scheduling: the staff agenda (`/painel/agenda`, a day by bay or a week, live, with its booking
//! and rescheduling dialogs, also opened from the customer's page), the customer's booking page
//! with their appointments (`booking`, `my_appointments`, on the month calendar of
//! `calendar_month`), and the ADMIN's calendar settings (`settings`).
//!
//! Times: the server sends instants in UTC and takes local days (`YYYY-MM-DD`) in the workshop's
//! time zone. Only ADMIN and OPERATOR may read that zone (`calendarSettings`), so the pages show
//! instants in the browser's own zone (`js_sys::Date`): a workshop's staff and customers live
//! where it is, so in practice it is the same zone.

mod agenda;
mod agenda_day;
mod agenda_week;
mod appointment_card;
mod book_dialog;
mod booking;
mod calendar_month;
mod my_appointments;
mod settings;
mod slot_picker;

pub use agenda::AgendaPage;
pub(crate) use agenda::{Appointment, Day};
pub(crate) use appointment_card::AppointmentCard;
pub(crate) use book_dialog::{AgendaDialog, AgendaDialogs, BookCustomer, BookVehicle};
pub use booking::BookingPage;
pub use my_appointments::MyAppointmentsLink;
pub use settings::{CalendarSettingsLink, CalendarSettingsPage};

use crate::api::ApiError;
use crate::i18n::{error_message, t_string, use_i18n};

/// The path of the customer's booking page.
const BOOKING_PATH: &str = "/cliente/agendar";

/// What to tell the customer about a failed booking or cancellation. A CONFLICT comes with the
/// server's sentence, which says which it is (the slot filled up meanwhile, the day is closed,
/// their limit of future appointments, too close to the start to cancel); without one, the slot
/// was taken.
fn scheduling_error(error: &ApiError) -> String {
    match error {
        ApiError::Conflict { message, .. } if !message.is_empty() => message.clone(),
        ApiError::Conflict { .. } => t_string!(use_i18n(), booking.slot_taken).to_owned(),
        error => error_message(error),
    }
}

/// Today in the browser's time zone, `YYYY-MM-DD`.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// A `DateTime` in the browser's time zone, if it reads as one.
fn local(at: &str) -> Option<js_sys::Date> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
    (!date.get_time().is_nan()).then_some(date)
}

/// The day of a `DateTime` in the browser's time zone, `YYYY-MM-DD` (the text itself when it
/// does not read as an instant).
fn local_day(at: &str) -> String {
    local(at).map_or_else(
        || at.to_owned(),
        |date| format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date()),
    )
}

/// The time of day of a `DateTime` in the browser's time zone, `HH:MM`.
fn local_time(at: &str) -> String {
    local(at).map_or_else(String::new, |date| format!("{:02}:{:02}", date.get_hours(), date.get_minutes()))
}
