//! Scheduling: the staff agenda (`/painel/agenda`), a day by bay or a week, live, with its
//! booking and rescheduling dialogs (also opened from the customer's page).

mod agenda;
mod agenda_day;
mod agenda_week;
mod book_dialog;

pub use agenda::AgendaPage;
pub(crate) use agenda::{Appointment, AppointmentCard, Day};
pub(crate) use book_dialog::{AgendaDialog, AgendaDialogs, BookCustomer, BookVehicle};
