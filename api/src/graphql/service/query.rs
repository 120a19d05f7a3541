//! Finding catalog items.

use async_graphql::{Context, ID, Object};
use oficina_domain::service as domain;

use super::{Product, ProductConnection, Service, ServiceConnection};
use crate::auth::{RoleGuard, STAFF, principal};
use crate::error::ApiError;
use crate::graphql::pagination::{decode_cursor, page_cost, page_of, page_size};
use crate::graphql::{conn, from_id, limits};

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
}
