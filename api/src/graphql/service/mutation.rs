//! Adding, editing and deactivating catalog items.

use async_graphql::{Context, ID, Object};
use oficina_domain::service as domain;

use super::{Product, ProductInput, Service, ServiceInput};
use crate::auth::{FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{conn, finish, finish_input, from_id};

/// The catalog's part of the mutation root.
#[derive(Default)]
pub struct ServiceMutation;

#[Object]
impl ServiceMutation {
    /// ADMIN or OPERATOR adds a product (part) to the catalog.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn create_product(&self, ctx: &Context<'_>, input: ProductInput) -> Result<Product, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Product::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input.into()).await;
        Ok(Product(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR replaces a product's data.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn update_product(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProductInput,
    ) -> Result<Product, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Product::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, input.into()).await;
        Ok(Product(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR takes a product out of lists and new orders; it is never deleted.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn deactivate_product(&self, ctx: &Context<'_>, id: ID) -> Result<Product, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Product::deactivate(&mut pooled.conn(), p.workshop.id, &p.actor(), id).await;
        Ok(Product(finish(ctx, result).await?))
    }

    /// ADMIN or OPERATOR adds a service (labour) to the catalog.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn create_service(&self, ctx: &Context<'_>, input: ServiceInput) -> Result<Service, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Service::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input.into()).await;
        Ok(Service(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR replaces a service's data.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn update_service(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ServiceInput,
    ) -> Result<Service, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Service::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, input.into()).await;
        Ok(Service(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR takes a service out of lists and new orders; it is never deleted.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn deactivate_service(&self, ctx: &Context<'_>, id: ID) -> Result<Service, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Service::deactivate(&mut pooled.conn(), p.workshop.id, &p.actor(), id).await;
        Ok(Service(finish(ctx, result).await?))
    }
}
