//! Reading the calendar, its free slots and days, and the appointments.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use oficina_domain::identity::Role;
use oficina_domain::scheduling::{self as domain, AppointmentViewer};

use super::types::{Appointment, CalendarSettings, Slot, viewer};
use crate::auth::{CUSTOMER, FRONT_DESK, RoleGuard, STAFF, principal};
use crate::error::ApiError;
use crate::graphql::scalars::Date;
use crate::graphql::{conn, from_id};

/// Who may ask for free slots and see an appointment: staff and customers.
pub(super) const SLOT_READERS: &[Role] = &[Role::Admin, Role::Operator, Role::Mechanic, Role::Customer];

/// The scheduling context's part of the query root.
#[derive(Default)]
pub struct SchedulingQuery;

#[Object]
impl SchedulingQuery {
    /// ADMIN, OPERATOR: the workshop's calendar (defaults until the ADMIN changes it).
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn calendar_settings(&self, ctx: &Context<'_>) -> Result<CalendarSettings, ApiError> {
        let mut pooled = conn(ctx).await?;
        let calendar = domain::Calendar::load(&mut pooled.conn(), principal(ctx)?.workshop.id).await?;
        Ok(CalendarSettings(calendar))
    }

    /// Staff and customers: the free slots of a local day (none in the past, none on a closed date).
    #[graphql(guard = "RoleGuard(SLOT_READERS)")]
    async fn available_slots(&self, ctx: &Context<'_>, date: Date) -> Result<Vec<Slot>, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let mut pooled = conn(ctx).await?;
        let slots =
            domain::Appointment::available_slots(&mut pooled.conn(), workshop_id, date.0, Utc::now()).await?;
        Ok(slots.into_iter().map(Slot::from).collect())
    }

    /// Staff and customers: the local days in [from, to] (at most 62 days) with at least one free
    /// slot, for a month calendar.
    #[graphql(guard = "RoleGuard(SLOT_READERS)")]
    async fn available_days(&self, ctx: &Context<'_>, from: Date, to: Date) -> Result<Vec<Date>, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let mut pooled = conn(ctx).await?;
        let days =
            domain::Appointment::available_days(&mut pooled.conn(), workshop_id, from.0, to.0, Utc::now())
                .await?;
        Ok(days.into_iter().map(Date).collect())
    }

    /// Staff (ADMIN, OPERATOR, MECHANIC read-only): appointments starting in [from, to) — at most
    /// 31 days — of every status, by start.
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn upcoming_appointments(
        &self,
        ctx: &Context<'_>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Appointment>, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let mut pooled = conn(ctx).await?;
        let found = domain::Appointment::between(&mut pooled.conn(), workshop_id, from, to).await?;
        Ok(found.into_iter().map(Appointment).collect())
    }

    /// CUSTOMER: their own appointments, upcoming BOOKED first by start, then the others newest
    /// first (at most 50).
    #[graphql(guard = "RoleGuard(CUSTOMER)")]
    async fn my_appointments(&self, ctx: &Context<'_>) -> Result<Vec<Appointment>, ApiError> {
        let p = principal(ctx)?;
        let AppointmentViewer::Customer { customer_id } = viewer(p)? else { return Err(ApiError::Forbidden) };
        let mut pooled = conn(ctx).await?;
        let found =
            domain::Appointment::of_customer(&mut pooled.conn(), p.workshop.id, customer_id, Utc::now())
                .await?;
        Ok(found.into_iter().map(Appointment).collect())
    }

    /// Staff or the customer it belongs to.
    #[graphql(guard = "RoleGuard(SLOT_READERS)")]
    async fn appointment(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Appointment>, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let found =
            domain::Appointment::find(&mut pooled.conn(), p.workshop.id, viewer(p)?, from_id(&id)?).await?;
        found.map(Appointment).map(Some).ok_or(ApiError::NotFound)
    }
}
