//! What the partners context records in the audit trail.

use serde::Serialize;

use super::models::CommissionDirection;
use crate::audit::EventKind;

/// The aggregate type of partner events.
pub const PARTNER: &str = "partner";
/// The aggregate type of offer events.
pub const PARTNER_OFFER: &str = "partner_offer";
/// The aggregate type of promo-code events.
pub const CUSTOMER_OFFER: &str = "customer_offer";
/// The aggregate type of ledger events.
pub const COMMISSION: &str = "commission";

/// The ADMIN added a partner (and its login): [`PartnerSnapshot`].
pub const PARTNER_CREATED: EventKind = EventKind::new(PARTNER, "partner.created");
/// The ADMIN changed a partner: [`PartnerSnapshot`] after the change.
pub const PARTNER_UPDATED: EventKind = EventKind::new(PARTNER, "partner.updated");
/// The ADMIN deactivated a partner: its sessions ended ([`PartnerDeactivated`]).
pub const PARTNER_DEACTIVATED: EventKind = EventKind::new(PARTNER, "partner.deactivated");
/// The ADMIN added an offer: [`OfferCreated`].
pub const OFFER_CREATED: EventKind = EventKind::new(PARTNER_OFFER, "partner_offer.created");
/// A customer was handed an offer's promo code: [`OfferGranted`] (the code itself stays out of the trail).
pub const OFFER_GRANTED: EventKind = EventKind::new(CUSTOMER_OFFER, "customer_offer.granted");
/// A "grant to all eligible" job started: [`GrantJobStarted`].
pub const GRANT_JOB_STARTED: EventKind = EventKind::new(PARTNER_OFFER, "partner_offer.grant_job_started");
/// A partner redeemed a code: [`CodeRedeemed`].
pub const CODE_REDEEMED: EventKind = EventKind::new(CUSTOMER_OFFER, "customer_offer.redeemed");
/// A ledger entry was added: [`CommissionRecorded`].
pub const COMMISSION_RECORDED: EventKind = EventKind::new(COMMISSION, "commission.recorded");
/// The ADMIN settled a ledger entry.
pub const COMMISSION_SETTLED: EventKind = EventKind::new(COMMISSION, "commission.settled");

/// A partner as recorded.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartnerSnapshot<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub commission_basis_points: i32,
    pub active: bool,
}

/// A deactivation and how many sessions it ended.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartnerDeactivated {
    pub sessions_ended: usize,
}

/// A new offer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferCreated<'a> {
    pub partner_id: i64,
    pub description: &'a str,
    pub discount_percent: Option<i32>,
    pub discount_cents: Option<i64>,
}

/// An offer handed to a customer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferGranted {
    pub offer_id: i64,
    pub customer_id: i64,
    /// By a "grant to all eligible" job, rather than by hand.
    pub job_id: Option<i64>,
}

/// A job that hands an offer to every eligible customer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantJobStarted {
    pub job_id: i64,
    pub total: i32,
}

/// A redemption with its sale.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeRedeemed {
    pub offer_id: i64,
    pub partner_id: i64,
    pub sale_cents: i64,
}

/// A ledger entry.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommissionRecorded {
    pub partner_id: i64,
    pub direction: CommissionDirection,
    pub amount_cents: i64,
}
