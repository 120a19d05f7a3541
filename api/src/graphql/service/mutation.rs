//! Adding, editing and deactivating catalog items; creating, editing, moving and paying service
//! orders.

use async_graphql::{Context, ID, Object};
use oficina_domain::service as domain;

use super::inputs::{
    PaymentPlanInput, ServiceOrderInput, ServiceOrderItemChangeInput, ServiceOrderItemInput,
    ServiceOrderUpdateInput,
};
use super::order_types::Installment;
use super::{Product, ProductInput, Service, ServiceInput, ServiceOrder, viewer};
use crate::auth::{ADMIN, FRONT_DESK, RoleGuard, STAFF, principal};
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

    /// ADMIN: whether finishing an order may take a product's stock below zero.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn set_allow_negative_stock(&self, ctx: &Context<'_>, allow: bool) -> Result<bool, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Product::allow_negative_stock(&mut pooled.conn(), p.workshop.id, &p.actor(), allow).await;
        finish(ctx, result).await
    }

    /// ADMIN or OPERATOR creates a service order; it starts as a QUOTE with the next number.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn create_service_order(
        &self,
        ctx: &Context<'_>,
        input: ServiceOrderInput,
    ) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let input = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let result = domain::ServiceOrder::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input).await;
        Ok(ServiceOrder(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR replaces an open order's mechanic, odometer, notes, discount, taxes and
    /// next revision.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn update_service_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ServiceOrderUpdateInput,
    ) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let header = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::ServiceOrder::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, header).await;
        Ok(ServiceOrder(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR adds a part or labour to an open order.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn add_service_order_item(
        &self,
        ctx: &Context<'_>,
        service_order_id: ID,
        item: ServiceOrderItemInput,
    ) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let order_id = from_id(&service_order_id)?;
        let item = item.into_domain("item")?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::ServiceOrder::add_item(&mut pooled.conn(), p.workshop.id, &p.actor(), order_id, item)
                .await;
        Ok(ServiceOrder(finish(ctx, result).await.map_err(|e| e.renamed("id", "serviceOrderId"))?))
    }

    /// ADMIN or OPERATOR changes an item of an open order.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn update_service_order_item(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ServiceOrderItemChangeInput,
    ) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::ServiceOrder::change_item(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            id,
            input.into(),
        )
        .await;
        Ok(ServiceOrder(finish_input(ctx, result).await?))
    }

    /// ADMIN or OPERATOR removes an item from an open order.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn remove_service_order_item(&self, ctx: &Context<'_>, id: ID) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::ServiceOrder::remove_item(&mut pooled.conn(), p.workshop.id, &p.actor(), id).await;
        Ok(ServiceOrder(finish(ctx, result).await?))
    }

    /// Staff start a QUOTE (a MECHANIC only an order assigned to them).
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn start_service_order(&self, ctx: &Context<'_>, id: ID) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::ServiceOrder::start(&mut pooled.conn(), p.workshop.id, &p.actor(), viewer(p)?, id).await;
        Ok(ServiceOrder(finish(ctx, result).await?))
    }

    /// ADMIN or OPERATOR cancel a QUOTE or an order IN_PROGRESS, with the reason (3 to 500
    /// characters).
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn cancel_service_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::ServiceOrder::cancel(&mut pooled.conn(), p.workshop.id, &p.actor(), id, &reason).await;
        Ok(ServiceOrder(finish(ctx, result).await?))
    }

    /// Staff finish an order IN_PROGRESS (a MECHANIC only one assigned to them): its parts leave
    /// the stock and the payment plan becomes installments.
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn finish_service_order(
        &self,
        ctx: &Context<'_>,
        id: ID,
        payment: PaymentPlanInput,
    ) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::ServiceOrder::finish(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            viewer(p)?,
            id,
            payment.into(),
        )
        .await;
        let (order, _installments) = finish(ctx, result).await?;
        Ok(ServiceOrder(order))
    }

    /// ADMIN or OPERATOR mark an installment paid; paying it twice is a CONFLICT.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn pay_installment(&self, ctx: &Context<'_>, id: ID) -> Result<Installment, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Installment::pay(&mut pooled.conn(), p.workshop.id, &p.actor(), id).await;
        Ok(Installment(finish(ctx, result).await?))
    }

    /// ADMIN sets the number the workshop's next order gets (to continue an older system's
    /// numbering): above every number already used. Returns it.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn set_next_service_order_number(&self, ctx: &Context<'_>, number: i64) -> Result<i64, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::ServiceOrder::set_next_number(&mut pooled.conn(), p.workshop.id, &p.actor(), number)
                .await;
        finish(ctx, result).await
    }
}
