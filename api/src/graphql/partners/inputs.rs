//! The partners context's inputs.

use async_graphql::{ID, InputObject};
use oficina_domain::partners as domain;

use crate::error::ApiError;
use crate::graphql::crm::VehicleKind;
use crate::graphql::from_id;
use crate::graphql::scalars::Date;

/// A new partner: its login signs in with `email` and `password` (role PARTNER).
#[derive(InputObject)]
pub struct PartnerInput {
    /// Up to 120 characters.
    name: String,
    email: String,
    /// At least 8 characters.
    password: String,
    /// 0 to 100, at most two decimals: its commission on each redeemed sale.
    commission_percent: f64,
}

impl From<PartnerInput> for domain::PartnerInput {
    fn from(input: PartnerInput) -> Self {
        domain::PartnerInput {
            name: input.name,
            email: input.email,
            password: input.password,
            commission_percent: input.commission_percent,
        }
    }
}

/// What changes on a partner; what is null stays.
#[derive(InputObject)]
pub struct PartnerUpdateInput {
    name: Option<String>,
    commission_percent: Option<f64>,
}

impl From<PartnerUpdateInput> for domain::PartnerUpdate {
    fn from(input: PartnerUpdateInput) -> Self {
        domain::PartnerUpdate { name: input.name, commission_percent: input.commission_percent }
    }
}

/// Who may hold an offer: every customer when nothing is set, else those matching each one set.
#[derive(InputObject, Default)]
pub struct OfferEligibilityInput {
    /// Owns a vehicle of this kind.
    vehicle_kind: Option<VehicleKind>,
    /// Spent more than this on finished orders, in centavos.
    spent_over_cents: Option<i64>,
    /// Had an order finished in the last this many days (1 to 3650).
    visited_within_days: Option<i32>,
}

/// A new offer of a partner: exactly one of `discountPercent` and `discountCents`.
#[derive(InputObject)]
pub struct PartnerOfferInput {
    partner_id: ID,
    /// Up to 200 characters.
    description: String,
    /// 1 to 100.
    discount_percent: Option<i32>,
    /// More than zero.
    discount_cents: Option<i64>,
    /// Local dates, both included; none is open-ended.
    valid_from: Option<Date>,
    valid_until: Option<Date>,
    /// Every customer when absent.
    eligibility: Option<OfferEligibilityInput>,
}

impl PartnerOfferInput {
    /// The domain's input; a malformed partner id is NOT_FOUND on `input.partnerId`.
    pub(super) fn into_domain(self) -> Result<domain::OfferInput, ApiError> {
        let partner_id =
            from_id(&self.partner_id).map_err(|_| ApiError::NotFoundAt("input.partnerId".into()))?;
        let segment = self.eligibility.unwrap_or_default();
        Ok(domain::OfferInput {
            partner_id,
            description: self.description,
            discount_percent: self.discount_percent,
            discount_cents: self.discount_cents,
            valid_from: self.valid_from.map(|d| d.0),
            valid_until: self.valid_until.map(|d| d.0),
            eligibility: domain::Eligibility {
                vehicle_kind: segment.vehicle_kind.map(Into::into),
                spent_over_cents: segment.spent_over_cents,
                visited_within_days: segment.visited_within_days,
            },
        })
    }
}

/// What the workshop owes a partner (a referral, say).
#[derive(InputObject)]
pub struct PayableCommissionInput {
    partner_id: ID,
    /// More than zero.
    amount_cents: i64,
    /// Up to 200 characters.
    description: Option<String>,
}

impl PayableCommissionInput {
    /// The domain's input; a malformed partner id is NOT_FOUND on `input.partnerId`.
    pub(super) fn into_domain(self) -> Result<domain::PayableInput, ApiError> {
        let partner_id =
            from_id(&self.partner_id).map_err(|_| ApiError::NotFoundAt("input.partnerId".into()))?;
        Ok(domain::PayableInput {
            partner_id,
            amount_cents: self.amount_cents,
            description: self.description,
        })
    }
}
