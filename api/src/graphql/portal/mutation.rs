//! Staff create and revoke status links.

use async_graphql::{Context, ID, Object};
use chrono::Utc;
use oficina_domain::portal as domain;

use super::types::{PublicUrl, StatusLink};
use crate::auth::{FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{conn, finish, from_id};

/// The portal's part of the mutation root.
#[derive(Default)]
pub struct PortalMutation;

#[Object]
impl PortalMutation {
    /// ADMIN or OPERATOR: a new link to the order's live status that the customer opens without
    /// signing in. It works until 7 days after the order finishes or is cancelled, unless revoked.
    /// With `sendEmail`, the customer's e-mail gets it (BAD_USER_INPUT when they have none).
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn create_status_link(
        &self,
        ctx: &Context<'_>,
        service_order_id: ID,
        #[graphql(default_with = "Some(false)")] send_email: Option<bool>,
    ) -> Result<StatusLink, ApiError> {
        let p = principal(ctx)?;
        let order_id = from_id(&service_order_id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::StatusLink::create(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            order_id,
            send_email.unwrap_or(false),
            Utc::now(),
        )
        .await;
        let created = finish(ctx, result).await?;
        let PublicUrl(public_url) = ctx.data_unchecked::<PublicUrl>();
        Ok(StatusLink {
            url: format!("{public_url}/acompanhar/{}", created.token),
            expires_at: created.expires_at,
        })
    }

    /// ADMIN or OPERATOR: every link of the order stops working at once (its open pages stop
    /// updating); returns how many were revoked.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn revoke_status_links(&self, ctx: &Context<'_>, service_order_id: ID) -> Result<i32, ApiError> {
        let p = principal(ctx)?;
        let order_id = from_id(&service_order_id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::StatusLink::revoke_all(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            order_id,
            Utc::now(),
        )
        .await;
        Ok(finish(ctx, result).await?.try_into().unwrap_or(i32::MAX))
    }
}
