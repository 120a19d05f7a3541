//! The partners context's GraphQL types, and the guard of a PARTNER's operations.

use std::collections::HashMap;

use async_graphql::{ComplexObject, Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::Db;
use oficina_domain::identity::Role;
use oficina_domain::partners as domain;

use crate::auth::principal;
use crate::bus::EventBus;
use crate::error::ApiError;
use crate::graphql::crm::VehicleKind;
use crate::graphql::scalars::Date;
use crate::graphql::{conn, to_id};
use crate::mail::Outbox;

/// The partner a PARTNER login acts for, if it is active: FORBIDDEN for another role or a
/// deactivated partner.
pub(super) async fn my_partner(ctx: &Context<'_>) -> Result<domain::Partner, ApiError> {
    let p = principal(ctx)?;
    let (Role::Partner, Some(partner_id)) = (p.membership.role, p.membership.partner_id) else {
        return Err(ApiError::Forbidden);
    };
    let mut pooled = conn(ctx).await?;
    let partner = domain::Partner::find(&mut pooled.conn(), p.workshop.id, partner_id).await?;
    partner.filter(|partner| partner.active).ok_or(ApiError::Forbidden)
}

/// A partner business of the workshop.
pub struct Partner(pub(super) domain::Partner);

#[Object]
impl Partner {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Its login's e-mail (ADMIN and the partner itself; null to anyone else).
    async fn email(&self, ctx: &Context<'_>) -> Option<&str> {
        let role = principal(ctx).ok().map(|p| p.membership.role);
        matches!(role, Some(Role::Admin | Role::Partner)).then_some(self.0.email.as_str())
    }
    /// Its commission on each redeemed sale, in percent (two decimals at most).
    async fn commission_percent(&self) -> f64 {
        self.0.commission_percent()
    }
    /// A deactivated partner cannot sign in; its offers are neither granted, redeemed nor shown.
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
}

/// Who may hold an offer: every customer when all are null, else those matching each one set.
#[derive(SimpleObject)]
pub struct OfferEligibility {
    /// Owns a vehicle of this kind.
    vehicle_kind: Option<VehicleKind>,
    /// Spent more than this on finished orders.
    spent_over_cents: Option<i64>,
    /// Had an order finished in the last this many days.
    visited_within_days: Option<i32>,
}

/// What a partner offers the workshop's customers.
pub struct PartnerOffer {
    pub(super) offer: domain::PartnerOffer,
    pub(super) partner: domain::Partner,
}

#[Object]
impl PartnerOffer {
    async fn id(&self) -> ID {
        to_id(self.offer.id)
    }
    async fn description(&self) -> &str {
        &self.offer.description
    }
    /// 1 to 100; null when the discount is in centavos.
    async fn discount_percent(&self) -> Option<i32> {
        self.offer.discount_percent
    }
    /// Null when the discount is in percent.
    async fn discount_cents(&self) -> Option<i64> {
        self.offer.discount_cents
    }
    /// The first day it is valid (local), if it has one.
    async fn valid_from(&self) -> Option<Date> {
        self.offer.valid_from.map(Date)
    }
    /// The last day it is valid (local), if it has one.
    async fn valid_until(&self) -> Option<Date> {
        self.offer.valid_until.map(Date)
    }
    async fn eligibility(&self) -> Result<OfferEligibility, ApiError> {
        let segment = domain::Eligibility::of(&self.offer)?;
        Ok(OfferEligibility {
            vehicle_kind: segment.vehicle_kind.map(Into::into),
            spent_over_cents: segment.spent_over_cents,
            visited_within_days: segment.visited_within_days,
        })
    }
    async fn partner(&self) -> Partner {
        Partner(self.partner.clone())
    }
}

/// Pairs offers with their partners (loaded in one query).
pub(super) async fn with_partners(
    ctx: &Context<'_>,
    workshop_id: i64,
    offers: Vec<domain::PartnerOffer>,
) -> Result<Vec<PartnerOffer>, ApiError> {
    let mut ids: Vec<i64> = offers.iter().map(|o| o.partner_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut pooled = conn(ctx).await?;
    let partners: HashMap<i64, domain::Partner> =
        domain::Partner::many(&mut pooled.conn(), workshop_id, &ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    offers
        .into_iter()
        .map(|offer| {
            let partner = partners.get(&offer.partner_id).cloned().ok_or(ApiError::NotFound)?;
            Ok(PartnerOffer { offer, partner })
        })
        .collect()
}

/// An offer handed to a customer, with its personal promo code.
pub struct Benefit {
    pub(super) held: domain::CustomerOffer,
    pub(super) offer: Option<PartnerOffer>,
    pub(super) commission: Option<domain::Commission>,
}

#[Object]
impl Benefit {
    async fn id(&self) -> ID {
        to_id(self.held.id)
    }
    /// 8 characters, no 0/O or 1/I/L; redeemed in any case.
    async fn promo_code(&self) -> &str {
        &self.held.promo_code
    }
    async fn granted_at(&self) -> DateTime<Utc> {
        self.held.granted_at.and_utc()
    }
    /// When the partner redeemed it; null while it can be used.
    async fn redeemed_at(&self) -> Option<DateTime<Utc>> {
        self.held.redeemed_at.map(|at| at.and_utc())
    }
    /// The offer and its partner.
    async fn offer(&self, ctx: &Context<'_>) -> Result<PartnerOffer, ApiError> {
        if let Some(offer) = &self.offer {
            return Ok(PartnerOffer { offer: offer.offer.clone(), partner: offer.partner.clone() });
        }
        let workshop_id = self.held.workshop_id;
        let mut pooled = conn(ctx).await?;
        let offer = domain::PartnerOffer::find(&mut pooled.conn(), workshop_id, self.held.offer_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        drop(pooled);
        with_partners(ctx, workshop_id, vec![offer]).await?.pop().ok_or(ApiError::NotFound)
    }
    /// The commission its redemption recorded (only in redeemPromoCode's answer).
    async fn commission(&self) -> Option<Commission> {
        self.commission.clone().map(|entry| Commission { entry, partner: None })
    }
}

/// Customer `customer_id`'s offers from active partners, newest first (one query).
pub async fn benefits_of_customer(
    ctx: &Context<'_>,
    workshop_id: i64,
    customer_id: i64,
) -> Result<Vec<Benefit>, ApiError> {
    let mut pooled = conn(ctx).await?;
    let found = domain::Benefit::of_customer(&mut pooled.conn(), workshop_id, customer_id).await?;
    Ok(found
        .into_iter()
        .map(|b| Benefit {
            held: b.held,
            offer: Some(PartnerOffer { offer: b.offer, partner: b.partner }),
            commission: None,
        })
        .collect())
}

/// Who pays whom.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::partners::CommissionDirection")]
pub enum CommissionDirection {
    /// The workshop receives it from the partner.
    Receivable,
    /// The workshop pays it to the partner.
    Payable,
}

/// An entry of the commission ledger.
pub struct Commission {
    pub(super) entry: domain::Commission,
    pub(super) partner: Option<domain::Partner>,
}

#[Object]
impl Commission {
    async fn id(&self) -> ID {
        to_id(self.entry.id)
    }
    async fn direction(&self) -> CommissionDirection {
        self.entry.direction.into()
    }
    async fn amount_cents(&self) -> i64 {
        self.entry.amount_cents
    }
    async fn description(&self) -> Option<&str> {
        self.entry.description.as_deref()
    }
    /// Whether it comes from a redeemed promo code.
    async fn from_redemption(&self) -> bool {
        self.entry.customer_offer_id.is_some()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.entry.created_at.and_utc()
    }
    /// When the ADMIN marked it received or paid; null while open.
    async fn settled_at(&self) -> Option<DateTime<Utc>> {
        self.entry.settled_at.map(|at| at.and_utc())
    }
    async fn partner(&self, ctx: &Context<'_>) -> Result<Partner, ApiError> {
        if let Some(partner) = &self.partner {
            return Ok(Partner(partner.clone()));
        }
        let mut pooled = conn(ctx).await?;
        let found =
            domain::Partner::find(&mut pooled.conn(), self.entry.workshop_id, self.entry.partner_id).await?;
        found.map(Partner).ok_or(ApiError::NotFound)
    }
}

/// Ledger entries, newest first, and the open balance of each direction.
#[derive(SimpleObject)]
pub struct CommissionLedger {
    /// What the partners owe the workshop and it has not received yet.
    pub(super) receivable_open_cents: i64,
    /// What the workshop owes the partners and has not paid yet.
    pub(super) payable_open_cents: i64,
    pub(super) items: Vec<Commission>,
}

impl From<domain::Ledger> for CommissionLedger {
    fn from(ledger: domain::Ledger) -> Self {
        CommissionLedger {
            receivable_open_cents: ledger.receivable_open_cents,
            payable_open_cents: ledger.payable_open_cents,
            items: ledger
                .items
                .into_iter()
                .map(|(entry, partner)| Commission { entry, partner: Some(partner) })
                .collect(),
        }
    }
}

/// A customer holding one of the partner's offers, with the minimum personal data: never a CPF
/// or an address; an e-mail and a phone only when the customer consented to share them.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct PartnerCustomer {
    #[graphql(skip)]
    pub(super) inner: domain::PartnerCustomer,
    /// The customer's name.
    name: String,
    offer_description: String,
    promo_code: String,
}

impl From<domain::PartnerCustomer> for PartnerCustomer {
    fn from(inner: domain::PartnerCustomer) -> Self {
        PartnerCustomer {
            name: inner.name.clone(),
            offer_description: inner.offer_description.clone(),
            promo_code: inner.promo_code.clone(),
            inner,
        }
    }
}

#[ComplexObject]
impl PartnerCustomer {
    /// The held offer's id.
    async fn id(&self) -> ID {
        to_id(self.inner.id)
    }
    /// To greet them.
    async fn first_name(&self) -> &str {
        self.inner.first_name()
    }
    async fn redeemed(&self) -> bool {
        self.inner.redeemed_at.is_some()
    }
    async fn redeemed_at(&self) -> Option<DateTime<Utc>> {
        self.inner.redeemed_at.map(|at| at.and_utc())
    }
    /// The offer's last valid day, if it has one.
    async fn valid_until(&self) -> Option<Date> {
        self.inner.valid_until.map(Date)
    }
    /// Only when the customer consented to share it with partners.
    async fn email(&self) -> Option<&str> {
        self.inner.email.as_deref()
    }
    /// `(DDD) number`, only when the customer consented to share it with partners.
    async fn phone(&self) -> Option<&str> {
        self.inner.phone.as_deref()
    }
}

/// Where a "grant to all eligible" job is.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::partners::GrantJobStatus")]
pub enum GrantJobStatus {
    Running,
    Done,
}

/// A background job handing an offer to every eligible customer who lacks it.
pub struct GrantJob(pub(super) domain::GrantJob);

#[Object]
impl GrantJob {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn offer_id(&self) -> ID {
        to_id(self.0.offer_id)
    }
    async fn status(&self) -> GrantJobStatus {
        self.0.status.into()
    }
    /// Eligible customers without the offer when it started.
    async fn total(&self) -> i32 {
        self.0.total
    }
    /// How many it has handed a code so far.
    async fn done(&self) -> i32 {
        self.0.done
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
    async fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.0.finished_at.map(|at| at.and_utc())
    }
}

/// Runs job `id` of `workshop_id` batch after batch until it is done, on a task of its own,
/// publishing each batch's events.
pub(super) fn spawn_grant_job(db: Db, bus: EventBus, outbox: Outbox, workshop_id: i64, id: i64) {
    tokio::spawn(async move {
        loop {
            let result = match db.get().await {
                Ok(mut pooled) => domain::GrantJob::run_batch(&mut pooled.conn(), workshop_id, id).await,
                Err(err) => {
                    tracing::error!(%err, job = id, "a grant job cannot get a connection");
                    return;
                }
            };
            match result {
                Ok(committed) => {
                    let done = committed.value.status == domain::GrantJobStatus::Done;
                    crate::graphql::publish_on(&bus, &outbox, committed).await;
                    if done {
                        return;
                    }
                }
                Err(err) => {
                    tracing::error!(?err, job = id, "a grant job stopped; it resumes at the next start");
                    return;
                }
            }
        }
    });
}

/// Resumes the grant jobs a stopped server left running (at start).
pub async fn resume_grant_jobs(db: &Db, bus: &EventBus, outbox: &Outbox) -> Result<usize, ApiError> {
    let mut pooled = db.get().await?;
    let jobs = domain::GrantJob::unfinished(&mut pooled.conn()).await?;
    for job in &jobs {
        spawn_grant_job(db.clone(), bus.clone(), outbox.clone(), job.workshop_id, job.id);
    }
    Ok(jobs.len())
}
