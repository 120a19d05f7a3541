//! Scheduling: each workshop's calendar (opening hours, slot length, bays, closed dates, time
//! zone), the free slots it leaves, and the appointments customers and staff book in it.

mod appointment;
mod calendar;
pub mod events;
mod listing;
mod models;
mod reminders;
mod slots;

pub use appointment::{AppointmentViewer, BookingInput, CUSTOMER_CANCEL_NOTICE, FUTURE_LIMIT, NOTES_MAX};
pub use calendar::{Calendar, CalendarInput, OpeningRange, OpeningRangeInput};
pub use models::{Appointment, AppointmentStatus};
pub use slots::{Slot, available_slots, day_bounds, day_grid};
