//! Reading partners, offers, the partner's customers and the commission ledger.

use async_graphql::{Context, ID, Object};
use oficina_domain::identity::Role;
use oficina_domain::partners as domain;

use super::types::{
    CommissionLedger, GrantJob, Partner, PartnerCustomer, PartnerOffer, my_partner, with_partners,
};
use crate::auth::{ADMIN, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::pagination::{Page, decode_cursor, page_cost, page_of, page_size};
use crate::graphql::{conn, from_id};

/// ADMIN and PARTNER: who reads the ledger and the offers.
const ADMIN_OR_PARTNER: &[Role] = &[Role::Admin, Role::Partner];
/// A PARTNER login.
const PARTNER: &[Role] = &[Role::Partner];

/// The partners context's part of the query root.
#[derive(Default)]
pub struct PartnersQuery;

#[Object]
impl PartnersQuery {
    /// ADMIN: the workshop's partners, active first, by name.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn partners(&self, ctx: &Context<'_>) -> Result<Vec<Partner>, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        Ok(domain::Partner::list(&mut pooled.conn(), p.workshop.id).await?.into_iter().map(Partner).collect())
    }

    /// PARTNER: the partner this login acts for (FORBIDDEN once deactivated).
    #[graphql(guard = "RoleGuard(PARTNER)")]
    async fn my_partner(&self, ctx: &Context<'_>) -> Result<Partner, ApiError> {
        Ok(Partner(my_partner(ctx).await?))
    }

    /// ADMIN: the offers of the workshop, or of partner `partnerId`; PARTNER: its own (another
    /// partner's id is NOT_FOUND). Newest first.
    #[graphql(guard = "RoleGuard(ADMIN_OR_PARTNER)")]
    async fn partner_offers(
        &self,
        ctx: &Context<'_>,
        partner_id: Option<ID>,
    ) -> Result<Vec<PartnerOffer>, ApiError> {
        let p = principal(ctx)?;
        let partner_id = scope(ctx, partner_id).await?;
        let mut pooled = conn(ctx).await?;
        let offers = domain::PartnerOffer::list(&mut pooled.conn(), p.workshop.id, partner_id).await?;
        drop(pooled);
        with_partners(ctx, p.workshop.id, offers).await
    }

    /// ADMIN: the latest "grant to all eligible" job of offer `offerId`, if it ever had one.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn grant_job(&self, ctx: &Context<'_>, offer_id: ID) -> Result<Option<GrantJob>, ApiError> {
        let p = principal(ctx)?;
        let offer_id = from_id(&offer_id)?;
        let mut pooled = conn(ctx).await?;
        let jobs = domain::GrantJob::latest(&mut pooled.conn(), p.workshop.id, &[offer_id]).await?;
        Ok(jobs.into_iter().next().map(GrantJob))
    }

    /// PARTNER: the customers who hold its offers, by name, with the minimum personal data (no
    /// CPF, no address; e-mail and phone only with the customer's consent to share with partners).
    #[graphql(guard = "RoleGuard(PARTNER)", complexity = "page_cost(first, child_complexity)")]
    async fn partner_customers(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<PartnerCustomer>, ApiError> {
        let partner = my_partner(ctx).await?;
        let first = page_size(first)?;
        let after = after.as_deref().map(decode_cursor).transpose()?;
        let mut pooled = conn(ctx).await?;
        let page = domain::PartnerCustomerPage::of_partner(
            &mut pooled.conn(),
            partner.workshop_id,
            partner.id,
            first,
            after.as_ref(),
        )
        .await?;
        let items = page.items.into_iter().map(|c| (c.cursor(), PartnerCustomer::from(c)));
        Ok(page_of(after.is_some(), page.has_next, page.total, items))
    }

    /// ADMIN: the ledger of the workshop, or of partner `partnerId`; PARTNER: its own only
    /// (another partner's id is NOT_FOUND). Newest first, with the open balance per direction.
    #[graphql(guard = "RoleGuard(ADMIN_OR_PARTNER)")]
    async fn commissions(
        &self,
        ctx: &Context<'_>,
        partner_id: Option<ID>,
    ) -> Result<CommissionLedger, ApiError> {
        let p = principal(ctx)?;
        let partner_id = scope(ctx, partner_id).await?;
        let mut pooled = conn(ctx).await?;
        Ok(domain::Ledger::of(&mut pooled.conn(), p.workshop.id, partner_id).await?.into())
    }
}

/// The partner a list is about: for ADMIN the `partner_id` asked for (if any, malformed:
/// NOT_FOUND); for PARTNER its own, and any other id NOT_FOUND.
async fn scope(ctx: &Context<'_>, partner_id: Option<ID>) -> Result<Option<i64>, ApiError> {
    let asked = partner_id.as_ref().map(from_id).transpose()?;
    if principal(ctx)?.membership.role != Role::Partner {
        return Ok(asked);
    }
    let own = my_partner(ctx).await?.id;
    match asked {
        Some(id) if id != own => Err(ApiError::NotFound),
        _ => Ok(Some(own)),
    }
}
