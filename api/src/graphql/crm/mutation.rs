//! Registering and editing customers and vehicles.

use async_graphql::{Context, ID, Object};
use oficina_domain::crm as domain;

use super::{Customer, CustomerInput, Vehicle, VehicleInput};
use crate::auth::{ADMIN, FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{conn, finish, finish_input, from_id};

/// The CRM's part of the mutation root.
#[derive(Default)]
pub struct CrmMutation;

#[Object]
impl CrmMutation {
    /// ADMIN or OPERATOR registers a customer.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn create_customer(&self, ctx: &Context<'_>, input: CustomerInput) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Customer::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input.into()).await;
        Ok(Customer(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR replaces a customer's data.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn update_customer(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CustomerInput,
    ) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Customer::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, input.into()).await;
        Ok(Customer(finish_input(ctx, result).await?))
    }

    /// ADMIN anonymises a customer on request (LGPD erasure), irreversibly: pseudonym for a name,
    /// no document, contacts or addresses, consents withdrawn, portal login disabled; orders,
    /// items and payments are kept and show the pseudonym. `confirmName` must equal the
    /// customer's current name (BAD_USER_INPUT on `confirmName` otherwise); a customer erased
    /// already is a CONFLICT on `id`; another workshop's is NOT_FOUND.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn erase_customer(
        &self,
        ctx: &Context<'_>,
        id: ID,
        confirm_name: String,
    ) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Customer::erase(&mut pooled.conn(), p.workshop.id, &p.actor(), id, &confirm_name).await;
        Ok(Customer(finish(ctx, result).await?))
    }

    /// ADMIN or OPERATOR registers a vehicle for a customer.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn create_vehicle(&self, ctx: &Context<'_>, input: VehicleInput) -> Result<Vehicle, ApiError> {
        let p = principal(ctx)?;
        let input = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Vehicle::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input).await;
        Ok(Vehicle(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR edits a vehicle; a new `customerId` transfers it (a sold car keeps its history).
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn update_vehicle(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: VehicleInput,
    ) -> Result<Vehicle, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let input = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Vehicle::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, input).await;
        Ok(Vehicle(finish_input(ctx, result).await?))
    }
}
