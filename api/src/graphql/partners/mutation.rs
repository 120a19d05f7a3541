//! Changing partners, offers, grants, redemptions and the ledger.

use async_graphql::{Context, ID, Object};
use oficina_domain::Db;
use oficina_domain::partners as domain;

use super::inputs::{PartnerInput, PartnerOfferInput, PartnerUpdateInput, PayableCommissionInput};
use super::types::{
    Benefit, Commission, GrantJob, Partner, PartnerOffer, my_partner, spawn_grant_job, with_partners,
};
use crate::auth::{ADMIN, RoleGuard, principal};
use crate::bus::EventBus;
use crate::error::ApiError;
use crate::graphql::{conn, finish, finish_input, from_id};
use crate::mail::Outbox;
use crate::rate_limit::{REDEMPTIONS_PER_PARTNER, RateLimiter};

/// A PARTNER login.
const PARTNER: &[oficina_domain::identity::Role] = &[oficina_domain::identity::Role::Partner];

/// The partners context's part of the mutation root.
#[derive(Default)]
pub struct PartnersMutation;

#[Object]
impl PartnersMutation {
    /// ADMIN: adds a partner and its login (role PARTNER, signs in with signIn at /parceiro).
    /// An e-mail in use: CONFLICT on `input.email`.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn create_partner(&self, ctx: &Context<'_>, input: PartnerInput) -> Result<Partner, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Partner::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input.into()).await;
        Ok(Partner(finish_input(ctx, result).await?))
    }

    /// ADMIN: changes a partner's name or commission.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn update_partner(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: PartnerUpdateInput,
    ) -> Result<Partner, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Partner::update(&mut pooled.conn(), p.workshop.id, &p.actor(), id, input.into()).await;
        Ok(Partner(finish_input(ctx, result).await?))
    }

    /// ADMIN: deactivates a partner: its login's sessions end and it cannot sign in again; its
    /// offers stop (no grants, no redemptions, hidden from customers). Inactive already: CONFLICT.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn deactivate_partner(&self, ctx: &Context<'_>, id: ID) -> Result<Partner, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Partner::deactivate(&mut pooled.conn(), p.workshop.id, &p.actor(), id).await;
        Ok(Partner(finish(ctx, result).await?))
    }

    /// ADMIN: adds an offer of an active partner: exactly one of `discountPercent` and
    /// `discountCents` (else BAD_USER_INPUT).
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn create_partner_offer(
        &self,
        ctx: &Context<'_>,
        input: PartnerOfferInput,
    ) -> Result<PartnerOffer, ApiError> {
        let p = principal(ctx)?;
        let input = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let result = domain::PartnerOffer::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input).await;
        let offer = finish_input(ctx, result).await.map_err(|e| match e {
            ApiError::NotFound => ApiError::NotFoundAt("input.partnerId".into()),
            other => other,
        })?;
        drop(pooled);
        with_partners(ctx, p.workshop.id, vec![offer]).await?.pop().ok_or(ApiError::NotFound)
    }

    /// ADMIN: hands a customer a personal promo code for an offer. Not eligible: BAD_USER_INPUT
    /// on `customerId`; holds it already: CONFLICT on `customerId`; an ended offer or an inactive
    /// partner: BAD_USER_INPUT on `offerId`.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn grant_offer(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
        offer_id: ID,
    ) -> Result<Benefit, ApiError> {
        let p = principal(ctx)?;
        let (customer_id, offer_id) = (from_id(&customer_id)?, from_id(&offer_id)?);
        let mut pooled = conn(ctx).await?;
        let result = domain::CustomerOffer::grant(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            customer_id,
            offer_id,
        )
        .await;
        let held = finish(ctx, result).await?;
        Ok(Benefit { held, offer: None, commission: None })
    }

    /// ADMIN: hands the offer to every eligible customer who lacks it, in the background; the
    /// job's `done` of `total` shows the progress (grantJob). A job running already is returned.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn grant_offer_to_all_eligible(
        &self,
        ctx: &Context<'_>,
        offer_id: ID,
    ) -> Result<GrantJob, ApiError> {
        let p = principal(ctx)?;
        let offer_id = from_id(&offer_id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::GrantJob::start(&mut pooled.conn(), p.workshop.id, &p.actor(), offer_id).await;
        let job = finish(ctx, result).await?;
        if job.status == domain::GrantJobStatus::Running {
            let (db, bus, outbox) = (
                ctx.data_unchecked::<Db>().clone(),
                ctx.data_unchecked::<EventBus>().clone(),
                ctx.data_unchecked::<Outbox>().clone(),
            );
            spawn_grant_job(db, bus, outbox, job.workshop_id, job.id);
        }
        Ok(GrantJob(job))
    }

    /// PARTNER: redeems a code a customer presents (any case) on a sale of `saleCents`,
    /// recording the commission the workshop receives (the partner's percent, rounded
    /// half-even). Used already: CONFLICT; another partner's or workshop's code: NOT_FOUND; an
    /// offer not valid today: BAD_USER_INPUT; a deactivated partner: FORBIDDEN. At most 60
    /// attempts an hour per login (RATE_LIMITED).
    #[graphql(guard = "RoleGuard(PARTNER)")]
    async fn redeem_promo_code(
        &self,
        ctx: &Context<'_>,
        promo_code: String,
        sale_cents: i64,
    ) -> Result<Benefit, ApiError> {
        let p = principal(ctx)?;
        let partner = my_partner(ctx).await?;
        let key = p.membership.id.to_string();
        ctx.data_unchecked::<RateLimiter>().count_all(&[(REDEMPTIONS_PER_PARTNER, &key)]).await?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::CustomerOffer::redeem(&mut pooled.conn(), &p.actor(), &partner, &promo_code, sale_cents)
                .await;
        let redeemed = finish(ctx, result).await.map_err(|e| match e {
            ApiError::NotFound => ApiError::NotFoundAt("promoCode".into()),
            other => other,
        })?;
        Ok(Benefit { held: redeemed.customer_offer, offer: None, commission: Some(redeemed.commission) })
    }

    /// ADMIN: records what the workshop owes a partner (PAYABLE).
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn add_payable_commission(
        &self,
        ctx: &Context<'_>,
        input: PayableCommissionInput,
    ) -> Result<Commission, ApiError> {
        let p = principal(ctx)?;
        let input = input.into_domain()?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Commission::add_payable(&mut pooled.conn(), p.workshop.id, &p.actor(), input).await;
        Ok(Commission { entry: finish_input(ctx, result).await?, partner: None })
    }

    /// ADMIN: marks a ledger entry received (RECEIVABLE) or paid (PAYABLE). Settled already: CONFLICT.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn settle_commission(&self, ctx: &Context<'_>, id: ID) -> Result<Commission, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Commission::settle(&mut pooled.conn(), p.workshop.id, &p.actor(), id).await;
        Ok(Commission { entry: finish(ctx, result).await?, partner: None })
    }
}
