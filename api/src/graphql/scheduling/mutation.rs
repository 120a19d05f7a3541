//! Changing the calendar; booking, moving, cancelling appointments and marking attendance.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use oficina_domain::identity::Role;
use oficina_domain::scheduling as domain;

use super::inputs::{AppointmentInput, CalendarSettingsInput};
use super::types::{Appointment, CalendarSettings, viewer};
use crate::auth::{ADMIN, FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{conn, finish, finish_input, from_id};
use crate::rate_limit::{APPOINTMENT_CHANGES_PER_CUSTOMER, RateLimiter};

/// Who may book, move and cancel appointments: the front desk and customers (their own).
const BOOKERS: &[Role] = &[Role::Admin, Role::Operator, Role::Customer];

/// Counts a customer's booking, move or cancel under [`APPOINTMENT_CHANGES_PER_CUSTOMER`]
/// (RATE_LIMITED past it); staff are not limited.
async fn limit_customer(ctx: &Context<'_>) -> Result<(), ApiError> {
    let p = principal(ctx)?;
    if p.membership.role != Role::Customer {
        return Ok(());
    }
    let key = p.membership.id.to_string();
    ctx.data_unchecked::<RateLimiter>().count_all(&[(APPOINTMENT_CHANGES_PER_CUSTOMER, &key)]).await
}

/// The scheduling context's part of the mutation root.
#[derive(Default)]
pub struct SchedulingMutation;

#[Object]
impl SchedulingMutation {
    /// ADMIN.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn update_calendar_settings(
        &self,
        ctx: &Context<'_>,
        input: CalendarSettingsInput,
    ) -> Result<CalendarSettings, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Calendar::update(&mut pooled.conn(), p.workshop.id, &p.actor(), input.into()).await;
        Ok(CalendarSettings(finish_input(ctx, result).await?))
    }

    /// CUSTOMER for their own vehicle; ADMIN/OPERATOR for any vehicle of the workshop.
    #[graphql(guard = "RoleGuard(BOOKERS)")]
    async fn book_appointment(
        &self,
        ctx: &Context<'_>,
        input: AppointmentInput,
    ) -> Result<Appointment, ApiError> {
        limit_customer(ctx).await?;
        let p = principal(ctx)?;
        let input = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Appointment::book(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            viewer(p)?,
            input,
            Utc::now(),
        )
        .await;
        // The one record a booking names is its vehicle: another customer's or workshop's.
        let booked = finish_input(ctx, result).await.map_err(|e| match e {
            ApiError::NotFound => ApiError::NotFoundAt("input.vehicleId".into()),
            other => other,
        })?;
        Ok(Appointment(booked))
    }

    /// Same rules as booking; only BOOKED ones.
    #[graphql(guard = "RoleGuard(BOOKERS)")]
    async fn reschedule_appointment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        starts_at: DateTime<Utc>,
    ) -> Result<Appointment, ApiError> {
        limit_customer(ctx).await?;
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Appointment::reschedule(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            viewer(p)?,
            id,
            starts_at,
            Utc::now(),
        )
        .await;
        Ok(Appointment(finish(ctx, result).await?))
    }

    /// CUSTOMER their own until 2 hours before; ADMIN/OPERATOR any BOOKED one.
    #[graphql(guard = "RoleGuard(BOOKERS)")]
    async fn cancel_appointment(&self, ctx: &Context<'_>, id: ID) -> Result<Appointment, ApiError> {
        limit_customer(ctx).await?;
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Appointment::cancel(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            viewer(p)?,
            id,
            Utc::now(),
        )
        .await;
        Ok(Appointment(finish(ctx, result).await?))
    }

    /// ADMIN/OPERATOR: ATTENDED (true) or NO_SHOW (false, only once the start has passed), on a
    /// BOOKED one.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn mark_attendance(
        &self,
        ctx: &Context<'_>,
        id: ID,
        attended: bool,
    ) -> Result<Appointment, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Appointment::mark_attendance(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            id,
            attended,
            Utc::now(),
        )
        .await;
        Ok(Appointment(finish(ctx, result).await?))
    }
}
