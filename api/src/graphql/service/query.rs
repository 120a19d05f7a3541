//! Finding catalog items and service orders.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use oficina_domain::identity::{Principal, Role};
use oficina_domain::search::NameCursor;
use oficina_domain::service as domain;
use oficina_domain::types::Money;

use super::order_types::{Mechanic, PlannedInstallment, ServiceOrderSettings, ServiceOrderStatus};
use super::{Product, ProductConnection, Service, ServiceConnection, ServiceOrder, ServiceOrderConnection};
use crate::auth::{ADMIN, FRONT_DESK, RoleGuard, STAFF, principal};
use crate::error::ApiError;
use crate::graphql::pagination::{decode_cursor, page_cost, page_of, page_size};
use crate::graphql::scalars::Date;
use crate::graphql::{conn, from_id, limits, to_id};
use oficina_domain::Message;

/// Who may see service orders: staff and customers (each their own).
const ORDER_READERS: &[Role] = &[Role::Admin, Role::Operator, Role::Mechanic, Role::Customer];

/// Which orders `p` may see: the front desk all of the workshop's, a MECHANIC those assigned to
/// them, a CUSTOMER their own.
pub fn viewer(p: &Principal) -> Result<domain::OrderViewer, ApiError> {
    match p.membership.role {
        Role::Admin | Role::Operator => Ok(domain::OrderViewer::FrontDesk),
        Role::Mechanic => Ok(domain::OrderViewer::Mechanic { membership_id: p.membership.id }),
        Role::Customer => p
            .membership
            .customer_id
            .map(|customer_id| domain::OrderViewer::Customer { customer_id })
            .ok_or(ApiError::Forbidden),
        Role::Partner => Err(ApiError::Forbidden),
    }
}

/// A page of the orders the caller may see that `filter` keeps, newest first.
pub async fn orders_page(
    ctx: &Context<'_>,
    filter: domain::OrderFilter,
    first: Option<i32>,
    after: Option<String>,
) -> Result<ServiceOrderConnection, ApiError> {
    let p = principal(ctx)?;
    let first = page_size(first)?;
    let after = after.as_deref().map(decode_cursor).transpose()?;
    let mut pooled = conn(ctx).await?;
    let page = domain::ServiceOrder::page(
        &mut pooled.conn(),
        p.workshop.id,
        viewer(p)?,
        filter,
        first,
        after.as_ref().map(|c| c.id),
    )
    .await?;
    let items =
        page.orders.into_iter().map(|o| (NameCursor { sort_name: String::new(), id: o.id }, ServiceOrder(o)));
    Ok(page_of(after.is_some(), page.has_next, page.total, items))
}

/// The catalog's part of the query root.
#[derive(Default)]
pub struct ServiceQuery;

#[Object]
impl ServiceQuery {
    /// Staff: products whose reference or name contains every word of `search` (accents and
    /// case ignored), in name order; `lowStock` keeps those at or below their minimum stock.
    #[graphql(guard = "RoleGuard(STAFF)", complexity = "page_cost(first, child_complexity)")]
    async fn products(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        low_stock: Option<bool>,
        include_inactive: Option<bool>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<ProductConnection, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        limits::search(search.as_deref())?;
        let first = page_size(first)?;
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let filter = domain::ProductFilter {
            low_stock: low_stock.unwrap_or(false),
            include_inactive: include_inactive.unwrap_or(false),
        };
        let mut pooled = conn(ctx).await?;
        let page = domain::Product::search(
            &mut pooled.conn(),
            workshop_id,
            search.as_deref(),
            filter,
            first,
            after.as_ref(),
        )
        .await?;
        let items = page.products.into_iter().map(|p| (p.cursor(), Product(p)));
        Ok(page_of(after.is_some(), page.has_next, page.total, items))
    }

    /// Staff: one product (deactivated ones too).
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn product(&self, ctx: &Context<'_>, id: ID) -> Result<Product, ApiError> {
        let mut pooled = conn(ctx).await?;
        let found =
            domain::Product::find(&mut pooled.conn(), principal(ctx)?.workshop.id, from_id(&id)?).await?;
        found.map(Product).ok_or(ApiError::NotFound)
    }

    /// Staff: services whose reference or name contains every word of `search` (accents and
    /// case ignored), in name order.
    #[graphql(guard = "RoleGuard(STAFF)", complexity = "page_cost(first, child_complexity)")]
    async fn services(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        include_inactive: Option<bool>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<ServiceConnection, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        limits::search(search.as_deref())?;
        let first = page_size(first)?;
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let mut pooled = conn(ctx).await?;
        let page = domain::Service::search(
            &mut pooled.conn(),
            workshop_id,
            search.as_deref(),
            include_inactive.unwrap_or(false),
            first,
            after.as_ref(),
        )
        .await?;
        let items = page.services.into_iter().map(|s| (s.cursor(), Service(s)));
        Ok(page_of(after.is_some(), page.has_next, page.total, items))
    }

    /// Staff: one service (deactivated ones too).
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn service(&self, ctx: &Context<'_>, id: ID) -> Result<Service, ApiError> {
        let mut pooled = conn(ctx).await?;
        let found =
            domain::Service::find(&mut pooled.conn(), principal(ctx)?.workshop.id, from_id(&id)?).await?;
        found.map(Service).ok_or(ApiError::NotFound)
    }

    /// One service order: staff see their workshop's (a MECHANIC only those assigned to them), a
    /// CUSTOMER only their own; anything else is NOT_FOUND.
    #[graphql(guard = "RoleGuard(ORDER_READERS)")]
    async fn service_order(&self, ctx: &Context<'_>, id: ID) -> Result<ServiceOrder, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let found =
            domain::ServiceOrder::find(&mut pooled.conn(), p.workshop.id, viewer(p)?, from_id(&id)?).await?;
        found.map(ServiceOrder).ok_or(ApiError::NotFound)
    }

    /// The orders the caller may see, newest first: by `status`, customer, vehicle, or finished
    /// since an instant (the board's "finished today").
    #[graphql(guard = "RoleGuard(ORDER_READERS)", complexity = "page_cost(first, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn service_orders(
        &self,
        ctx: &Context<'_>,
        status: Option<ServiceOrderStatus>,
        customer_id: Option<ID>,
        vehicle_id: Option<ID>,
        finished_since: Option<DateTime<Utc>>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<ServiceOrderConnection, ApiError> {
        let filter = domain::OrderFilter {
            status: status.map(Into::into),
            customer_id: customer_id.as_ref().map(from_id).transpose()?,
            vehicle_id: vehicle_id.as_ref().map(from_id).transpose()?,
            finished_since: finished_since.map(|t| t.naive_utc()),
        };
        orders_page(ctx, filter, first, after).await
    }

    /// Staff: how a total splits into `installments` monthly from `firstDueDate` (what finishing
    /// an order would create), for the finish dialog's preview.
    #[graphql(guard = "RoleGuard(STAFF)")]
    async fn installment_plan(
        &self,
        total_cents: i64,
        installments: i32,
        first_due_date: Date,
    ) -> Result<Vec<PlannedInstallment>, ApiError> {
        let count = domain::installment_count("installments", installments)?;
        let total = Money::price(total_cents).map_err(|m| ApiError::bad_input("totalCents", m))?;
        let plan = domain::totals::installment_plan(total, count, first_due_date.0).ok_or_else(|| {
            ApiError::bad_input(
                "firstDueDate",
                Message::new("Data fora do calendário.", "Date out of range."),
            )
        })?;
        Ok(plan
            .into_iter()
            .map(|i| PlannedInstallment {
                number: i.number,
                due_date: Date(i.due_date),
                amount_cents: i.amount.cents(),
            })
            .collect())
    }

    /// ADMIN or OPERATOR: the workshop's mechanics, by name, to assign an order to.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn mechanics(&self, ctx: &Context<'_>) -> Result<Vec<Mechanic>, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let staff = oficina_domain::identity::StaffMember::list(&mut pooled.conn(), p.workshop.id).await?;
        Ok(staff
            .into_iter()
            .filter(|s| s.membership.role == Role::Mechanic)
            .map(|s| Mechanic { id: to_id(s.membership.id), name: s.user.name })
            .collect())
    }

    /// ADMIN: how the workshop numbers and finishes its orders.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn service_order_settings(&self, ctx: &Context<'_>) -> Result<ServiceOrderSettings, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let workshop = oficina_domain::identity::Workshop::find(&mut pooled.conn(), p.workshop.id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(ServiceOrderSettings {
            next_number: workshop.next_service_order_number,
            allow_negative_stock: workshop.allow_negative_stock,
        })
    }
}
