//! Changing consents (staff for a customer, the customer their own) and asking for a data export.

use async_graphql::{Context, ID, Object};
use chrono::Utc;
use oficina_domain::crm::{self as domain, ConsentSource};
use oficina_domain::identity::Principal;
use oficina_domain::privacy::{CreatedExport, DataExport};

use super::types::{ConsentChannel, DataExportLink};
use crate::auth::{CUSTOMER, FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::crm::Customer;
use crate::graphql::portal::PublicUrl;
use crate::graphql::{conn, finish, from_id};
use crate::rate_limit::{CONSENT_CHANGES_PER_CUSTOMER, DATA_EXPORTS_PER_CUSTOMER, RateLimiter};

/// The privacy part of the mutation root.
#[derive(Default)]
pub struct PrivacyMutation;

/// The download address of an export: `PUBLIC_URL/lgpd/export/<workshop>/<token>`.
pub fn export_url(public_url: &str, workshop_id: i64, token: &str) -> String {
    format!("{}/lgpd/export/{workshop_id}/{token}", public_url.trim_end_matches('/'))
}

/// Creates an export link of `customer_id` for `p` (`by_staff`: on the customer's request, which
/// the access log records).
async fn export(
    ctx: &Context<'_>,
    p: &Principal,
    customer_id: i64,
    by_staff: bool,
) -> Result<DataExportLink, ApiError> {
    let mut pooled = conn(ctx).await?;
    let result =
        DataExport::create(&mut pooled.conn(), p.workshop.id, &p.actor(), customer_id, by_staff, Utc::now())
            .await;
    let CreatedExport { token, expires_at } = finish(ctx, result).await?;
    let PublicUrl(public_url) = ctx.data_unchecked::<PublicUrl>();
    Ok(DataExportLink { url: export_url(public_url, p.workshop.id, &token), expires_at })
}

#[Object]
impl PrivacyMutation {
    /// ADMIN or OPERATOR records a customer's answer for a channel (source STAFF). Another
    /// workshop's customer: NOT_FOUND. The same answer again changes and logs nothing.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn set_customer_consent(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
        channel: ConsentChannel,
        granted: bool,
    ) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let customer_id = from_id(&customer_id).map_err(|_| ApiError::NotFoundAt("customerId".into()))?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Customer::set_consent(
            &mut pooled.conn(),
            p.workshop.id,
            Some(&p.actor()),
            customer_id,
            channel.into(),
            granted,
            ConsentSource::Staff,
        )
        .await;
        let customer = finish(ctx, result).await.map_err(|e| match e {
            ApiError::NotFound => ApiError::NotFoundAt("customerId".into()),
            other => other,
        })?;
        Customer::load(ctx, p.workshop.id, customer.id).await
    }

    /// CUSTOMER changes their own answer for a channel in the portal (source PORTAL; rate
    /// limited).
    #[graphql(guard = "RoleGuard(CUSTOMER)")]
    async fn set_my_consent(
        &self,
        ctx: &Context<'_>,
        channel: ConsentChannel,
        granted: bool,
    ) -> Result<Customer, ApiError> {
        let p = principal(ctx)?;
        let customer_id = p.membership.customer_id.ok_or(ApiError::Forbidden)?;
        let key = p.membership.id.to_string();
        ctx.data_unchecked::<RateLimiter>().count_all(&[(CONSENT_CHANGES_PER_CUSTOMER, &key)]).await?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Customer::set_consent(
            &mut pooled.conn(),
            p.workshop.id,
            Some(&p.actor()),
            customer_id,
            channel.into(),
            granted,
            ConsentSource::Portal,
        )
        .await;
        let customer = finish(ctx, result).await?;
        Customer::load(ctx, p.workshop.id, customer.id).await
    }

    /// CUSTOMER: all my data as a zip (JSON and CSV); `url` works for 15 minutes (rate limited).
    #[graphql(guard = "RoleGuard(CUSTOMER)")]
    async fn export_my_data(&self, ctx: &Context<'_>) -> Result<DataExportLink, ApiError> {
        let p = principal(ctx)?;
        let customer_id = p.membership.customer_id.ok_or(ApiError::Forbidden)?;
        let key = p.membership.id.to_string();
        ctx.data_unchecked::<RateLimiter>().count_all(&[(DATA_EXPORTS_PER_CUSTOMER, &key)]).await?;
        export(ctx, p, customer_id, false).await
    }

    /// ADMIN or OPERATOR, on the customer's request: the same export as exportMyData; the access
    /// log records it. Another workshop's customer: NOT_FOUND.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn export_customer_data(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
    ) -> Result<DataExportLink, ApiError> {
        let p = principal(ctx)?;
        let customer_id = from_id(&customer_id).map_err(|_| ApiError::NotFoundAt("customerId".into()))?;
        export(ctx, p, customer_id, true).await.map_err(|e| match e {
            ApiError::NotFound => ApiError::NotFoundAt("customerId".into()),
            other => other,
        })
    }
}
