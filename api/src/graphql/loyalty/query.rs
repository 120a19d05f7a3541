//! Reading programs, and an order's rewards with its customer's standing.

use async_graphql::{Context, ID, Object};
use oficina_domain::loyalty as domain;
use oficina_domain::service::{OrderViewer, ServiceOrder};

use super::types::{LoyaltyProgram, OrderLoyalty};
use crate::auth::{FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{conn, from_id};

/// The loyalty context's part of the query root.
#[derive(Default)]
pub struct LoyaltyQuery;

#[Object]
impl LoyaltyQuery {
    /// ADMIN and OPERATOR: the workshop's programs, oldest first; ended ones only with
    /// `includeEnded: true` (absent or null: false).
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn loyalty_programs(
        &self,
        ctx: &Context<'_>,
        include_ended: Option<bool>,
    ) -> Result<Vec<LoyaltyProgram>, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let mut pooled = conn(ctx).await?;
        let programs =
            domain::LoyaltyProgram::list(&mut pooled.conn(), workshop_id, include_ended.unwrap_or(false))
                .await?;
        Ok(programs.into_iter().map(Into::into).collect())
    }

    /// ADMIN and OPERATOR: the rewards applied to service order `serviceOrderId` and its
    /// customer's standing in the programs (which rewards can still be applied).
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn order_loyalty(&self, ctx: &Context<'_>, service_order_id: ID) -> Result<OrderLoyalty, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let order_id = from_id(&service_order_id)?;
        let mut pooled = conn(ctx).await?;
        let mut conn = pooled.conn();
        let order = ServiceOrder::find(&mut conn, workshop_id, OrderViewer::FrontDesk, order_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let applied = domain::LoyaltyReward::of_order(&mut conn, workshop_id, order_id).await?;
        let mut standing =
            domain::CustomerLoyalty::of_customers(&mut conn, workshop_id, &[order.customer_id]).await?;
        Ok(OrderLoyalty::new(applied, standing.remove(&order.customer_id).unwrap_or_default()))
    }
}
