//! The public page of an order behind a status link.

use async_graphql::{Context, Object};
use chrono::Utc;
use oficina_domain::portal as domain;

use super::types::PublicOrderStatus;
use crate::error::ApiError;
use crate::graphql::{client_ip, conn};
use crate::rate_limit::{RateLimiter, STATUS_LINK_PER_IP};

/// Counts one status-link lookup of the caller's address: RATE_LIMITED beyond
/// [`STATUS_LINK_PER_IP`].
pub(super) async fn count_lookup(ctx: &async_graphql::Context<'_>) -> Result<(), ApiError> {
    let client = client_ip(ctx).to_string();
    ctx.data_unchecked::<RateLimiter>().count_all(&[(STATUS_LINK_PER_IP, &client)]).await
}

/// The portal's part of the query root.
#[derive(Default)]
pub struct PortalQuery;

#[Object]
impl PortalQuery {
    /// Anyone holding a status link's token (no sign-in): that one order's status, vehicle,
    /// items and total. NOT_FOUND for an unknown, revoked or expired token; RATE_LIMITED beyond
    /// 60 lookups a minute from one address.
    async fn order_status(&self, ctx: &Context<'_>, token: String) -> Result<PublicOrderStatus, ApiError> {
        count_lookup(ctx).await?;
        let mut pooled = conn(ctx).await?;
        let found = domain::PublicOrderStatus::by_token(&mut pooled.conn(), &token, Utc::now()).await?;
        found.map(PublicOrderStatus).ok_or(ApiError::NotFound)
    }
}
