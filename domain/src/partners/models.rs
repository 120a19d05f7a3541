//! The partners context's rows.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::schema::{commissions, customer_offers, offer_grant_jobs, partner_offers, partners};

crate::text_enum! {
    /// Who pays whom in a commission entry.
    pub enum CommissionDirection {
        /// The workshop receives it from the partner (its percent of a redeemed sale).
        Receivable => "RECEIVABLE",
        /// The workshop pays it to the partner (a referral, say).
        Payable => "PAYABLE",
    }
}

crate::text_enum! {
    /// Where a "grant to all eligible" job is.
    pub enum GrantJobStatus {
        Running => "RUNNING",
        Done => "DONE",
    }
}

/// A partner business of a workshop.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = partners, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Partner {
    pub id: i64,
    pub workshop_id: i64,
    pub name: String,
    /// Its login's e-mail.
    pub email: String,
    /// Its commission on each redeemed sale in hundredths of a percent (1000 = 10%).
    pub commission_basis_points: i32,
    /// A deactivated partner cannot sign in, and its offers are neither granted, redeemed nor shown.
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Partner {
    /// The commission as a percent (10.0 for 1000 basis points).
    pub fn commission_percent(&self) -> f64 {
        f64::from(self.commission_basis_points) / 100.0
    }
}

/// What a partner offers the workshop's customers.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = partner_offers, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct PartnerOffer {
    pub id: i64,
    pub workshop_id: i64,
    pub partner_id: i64,
    pub description: String,
    /// Exactly one of this and `discount_cents`.
    pub discount_percent: Option<i32>,
    pub discount_cents: Option<i64>,
    /// Local dates, both included.
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub eligible_vehicle_kind: Option<String>,
    pub eligible_spent_over_cents: Option<i64>,
    pub eligible_visited_within_days: Option<i32>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PartnerOffer {
    /// Whether the offer is valid on the local date `today`.
    pub fn valid_on(&self, today: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= today)
            && self.valid_until.is_none_or(|until| today <= until)
    }
}

/// An offer handed to one customer, with its personal promo code.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = customer_offers, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct CustomerOffer {
    pub id: i64,
    pub workshop_id: i64,
    pub offer_id: i64,
    pub customer_id: i64,
    /// Upper-case, [`super::CODE_LEN`] characters of [`super::ALPHABET`].
    pub promo_code: String,
    pub granted_at: NaiveDateTime,
    pub redeemed_at: Option<NaiveDateTime>,
    /// The sale the code was redeemed on, in centavos.
    pub sale_cents: Option<i64>,
    /// The partner's user who redeemed it.
    pub redeemed_by: Option<i64>,
}

/// An entry of the commission ledger between the workshop and a partner.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = commissions, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Commission {
    pub id: i64,
    pub workshop_id: i64,
    pub partner_id: i64,
    pub direction: CommissionDirection,
    pub amount_cents: i64,
    pub description: Option<String>,
    /// The redemption a RECEIVABLE entry comes from.
    pub customer_offer_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub settled_at: Option<NaiveDateTime>,
    pub settled_by: Option<i64>,
}

/// A "grant to all eligible customers" job: how many it found and how many it has handled.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = offer_grant_jobs, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct GrantJob {
    pub id: i64,
    pub workshop_id: i64,
    pub offer_id: i64,
    pub status: GrantJobStatus,
    /// Eligible customers without the offer when the job started.
    pub total: i32,
    /// How many of them it has granted the offer so far.
    pub done: i32,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}
