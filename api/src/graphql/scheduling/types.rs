//! The calendar, slots and appointments as clients see them.

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::identity::{Principal, Role};
use oficina_domain::scheduling::{self as domain, AppointmentViewer};

use super::loaders::{MarkerOf, NoShowsOf, UpcomingOf};
use crate::auth::principal;
use crate::error::ApiError;
use crate::graphql::crm::{Customer, Vehicle};
use crate::graphql::scalars::Date;
use crate::graphql::service::ServiceLoader;
use crate::graphql::service::load_vehicle;
use crate::graphql::to_id;

/// Which appointments `p` may see: staff all of the workshop's, a CUSTOMER their own.
pub(super) fn viewer(p: &Principal) -> Result<AppointmentViewer, ApiError> {
    match p.membership.role {
        Role::Admin | Role::Operator | Role::Mechanic => Ok(AppointmentViewer::Staff),
        Role::Customer => p
            .membership
            .customer_id
            .map(|customer_id| AppointmentViewer::Customer { customer_id })
            .ok_or(ApiError::Forbidden),
        Role::Partner => Err(ApiError::Forbidden),
    }
}

fn loader<'a>(ctx: &Context<'a>) -> &'a DataLoader<ServiceLoader> {
    ctx.data_unchecked::<DataLoader<ServiceLoader>>()
}

/// The workshop's calendar. Times are local to `timeZone`; weekday 1 = Monday … 7 = Sunday.
pub struct CalendarSettings(pub(super) domain::Calendar);

/// One opening range of a weekday, local `HH:MM`.
#[derive(SimpleObject)]
pub struct OpeningHours {
    weekday: i32,
    opens: String,
    closes: String,
}

#[Object]
impl CalendarSettings {
    /// IANA zone, e.g. America/Sao_Paulo.
    async fn time_zone(&self) -> &'static str {
        self.0.time_zone.name()
    }
    /// Length of a slot, 15–240.
    async fn slot_minutes(&self) -> i32 {
        self.0.slot_minutes
    }
    /// Appointments in parallel, 1–50.
    async fn bays(&self) -> i32 {
        self.0.bays
    }
    /// Hours before an appointment the customer's reminder e-mail goes out (1–168, default 24).
    async fn reminder_hours(&self) -> i32 {
        self.0.reminder_hours
    }
    /// Dates the workshop does not open (holidays), ascending.
    async fn closed_dates(&self) -> Vec<Date> {
        self.0.closed_dates.iter().copied().map(Date).collect()
    }
    /// Opening ranges, by weekday then opening time.
    async fn opening_hours(&self) -> Vec<OpeningHours> {
        self.0
            .opening_inputs()
            .into_iter()
            .map(|r| OpeningHours { weekday: r.weekday, opens: r.opens, closes: r.closes })
            .collect()
    }
}

/// A bookable slot: at least one bay free.
#[derive(SimpleObject)]
pub struct Slot {
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    /// Bays still free in this slot (1..bays).
    free_bays: i32,
}

impl From<domain::Slot> for Slot {
    fn from(slot: domain::Slot) -> Self {
        Slot { starts_at: slot.starts_at, ends_at: slot.ends_at, free_bays: slot.free_bays }
    }
}

/// Where an appointment is in its life.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::scheduling::AppointmentStatus")]
pub enum AppointmentStatus {
    Booked,
    Cancelled,
    Attended,
    NoShow,
}

/// What happened to an appointment.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentChange {
    Booked,
    Rescheduled,
    Cancelled,
    Attended,
    NoShow,
}

impl AppointmentChange {
    /// The change an event of kind `kind` records.
    pub(super) fn of_event(kind: &str) -> Option<Self> {
        use oficina_domain::scheduling::events::*;
        [
            (APPOINTMENT_BOOKED, AppointmentChange::Booked),
            (APPOINTMENT_RESCHEDULED, AppointmentChange::Rescheduled),
            (APPOINTMENT_CANCELLED, AppointmentChange::Cancelled),
            (APPOINTMENT_ATTENDED, AppointmentChange::Attended),
            (APPOINTMENT_NO_SHOW, AppointmentChange::NoShow),
        ]
        .into_iter()
        .find(|(event, _)| event.name == kind)
        .map(|(_, change)| change)
    }
}

/// A change of an appointment, with the appointment as it is now.
#[derive(SimpleObject)]
pub struct AppointmentChangedEvent {
    pub(super) change: AppointmentChange,
    pub(super) appointment: Appointment,
}

/// An appointment (agendamento) of a customer's vehicle.
pub struct Appointment(pub(crate) domain::Appointment);

#[Object]
impl Appointment {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn status(&self) -> AppointmentStatus {
        self.0.status.into()
    }
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts()
    }
    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.ends()
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
    async fn customer(&self, ctx: &Context<'_>) -> Result<Customer, ApiError> {
        Customer::load(ctx, self.0.workshop_id, self.0.customer_id).await
    }
    async fn vehicle(&self, ctx: &Context<'_>) -> Result<Vehicle, ApiError> {
        load_vehicle(ctx, self.0.workshop_id, self.0.vehicle_id).await
    }
    /// true ATTENDED, false NO_SHOW, null not marked yet.
    async fn attended(&self) -> Option<bool> {
        self.0.attended()
    }
    /// Who marked attendance (a staff member's name) and when; null until marked.
    async fn attendance_marked_by(&self, ctx: &Context<'_>) -> Result<Option<String>, ApiError> {
        let Some(id) = self.0.attendance_marked_by else { return Ok(None) };
        let key = MarkerOf { workshop_id: self.0.workshop_id, id };
        loader(ctx).load_one(key).await.map_err(ApiError::Internal)
    }
    async fn attendance_marked_at(&self) -> Option<DateTime<Utc>> {
        self.0.attendance_marked_at.map(|t| t.and_utc())
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
    /// Whether the caller may still cancel it (a customer: BOOKED and more than 2 hours ahead;
    /// staff: BOOKED).
    async fn can_cancel(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        let p = principal(ctx)?;
        let may_change = matches!(p.membership.role, Role::Admin | Role::Operator | Role::Customer);
        Ok(may_change && viewer(p)?.may_cancel(&self.0, Utc::now()))
    }
}

/// A customer's NO_SHOW count; customers of one list share one query.
pub async fn no_show_count(ctx: &Context<'_>, workshop_id: i64, customer_id: i64) -> Result<i64, ApiError> {
    let found = loader(ctx).load_one(NoShowsOf { workshop_id, id: customer_id }).await;
    Ok(found.map_err(ApiError::Internal)?.unwrap_or(0))
}

/// A customer's BOOKED appointments from now on, by start; customers of one list share one query.
pub async fn upcoming_of_customer(
    ctx: &Context<'_>,
    workshop_id: i64,
    customer_id: i64,
) -> Result<Vec<Appointment>, ApiError> {
    let found = loader(ctx).load_one(UpcomingOf { workshop_id, id: customer_id }).await;
    Ok(found.map_err(ApiError::Internal)?.unwrap_or_default().into_iter().map(Appointment).collect())
}
