//! Who may hold an offer: every customer, or the segment its conditions describe (each one set
//! must hold): a vehicle of a kind, more than an amount spent on finished orders, a finished
//! order in the last N days.

use chrono::{Duration, NaiveDateTime};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use diesel_async::RunQueryDsl;

use super::models::PartnerOffer;
use crate::crm::VehicleKind;
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{customer_offers, customers, service_orders, vehicles};
use crate::service::OrderStatus;

/// The longest look-back of "visited in the last N days".
pub const VISITED_WITHIN_MAX: i32 = 3650;

/// The segment of an offer; all `None` is every customer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Eligibility {
    /// Owns a vehicle of this kind.
    pub vehicle_kind: Option<VehicleKind>,
    /// Spent more than this on finished orders, in centavos.
    pub spent_over_cents: Option<i64>,
    /// Had an order finished in the last this many days.
    pub visited_within_days: Option<i32>,
}

impl Eligibility {
    /// The segment checked: BAD_USER_INPUT on a negative amount or a look-back outside
    /// 1..=[`VISITED_WITHIN_MAX`] days (fields under `eligibility`).
    pub(super) fn validated(self) -> Result<Self, DomainError> {
        if self.spent_over_cents.is_some_and(|cents| cents < 0) {
            return Err(DomainError::invalid(
                "eligibility.spentOverCents",
                Message::new("Informe um valor de zero ou mais.", "Enter an amount of zero or more."),
            ));
        }
        if self.visited_within_days.is_some_and(|days| !(1..=VISITED_WITHIN_MAX).contains(&days)) {
            return Err(DomainError::invalid(
                "eligibility.visitedWithinDays",
                Message::owned(
                    format!("Informe de 1 a {VISITED_WITHIN_MAX} dias."),
                    format!("Enter 1 to {VISITED_WITHIN_MAX} days."),
                ),
            ));
        }
        Ok(self)
    }

    /// The segment stored on `offer`.
    pub fn of(offer: &PartnerOffer) -> Result<Self, DomainError> {
        let vehicle_kind = match offer.eligible_vehicle_kind.as_deref() {
            Some(text) => Some(VehicleKind::parse(text).ok_or_else(|| {
                DomainError::unparsable("partner_offers", "eligible_vehicle_kind", text, "no vehicle kind")
            })?),
            None => None,
        };
        Ok(Eligibility {
            vehicle_kind,
            spent_over_cents: offer.eligible_spent_over_cents,
            visited_within_days: offer.eligible_visited_within_days,
        })
    }

    /// Whether this is every customer.
    pub fn is_everyone(&self) -> bool {
        *self == Eligibility::default()
    }
}

/// Applies an [`Eligibility`] to a boxed query on `customers` of workshop `$workshop` at `$now`.
macro_rules! segment {
    ($query:expr, $workshop:expr, $segment:expr, $now:expr) => {{
        let mut query = $query;
        if let Some(kind) = $segment.vehicle_kind {
            query = query.filter(
                customers::id.eq_any(
                    vehicles::table
                        .filter(vehicles::workshop_id.eq($workshop))
                        .filter(vehicles::kind.eq(kind))
                        .select(vehicles::customer_id),
                ),
            );
        }
        if let Some(cents) = $segment.spent_over_cents {
            query = query.filter(
                sql::<Bool>(
                    "(SELECT CAST(COALESCE(SUM(so.final_cents), 0) AS BIGINT) FROM service_orders so \
                     WHERE so.workshop_id = customers.workshop_id AND so.customer_id = customers.id \
                     AND so.status = 'FINISHED') > ",
                )
                .bind::<BigInt, _>(cents),
            );
        }
        if let Some(days) = $segment.visited_within_days {
            let since: NaiveDateTime = $now - Duration::days(i64::from(days));
            query = query.filter(
                customers::id.eq_any(
                    service_orders::table
                        .filter(service_orders::workshop_id.eq($workshop))
                        .filter(service_orders::status.eq(OrderStatus::Finished))
                        .filter(service_orders::finished_at.ge(since))
                        .select(service_orders::customer_id),
                ),
            );
        }
        query
    }};
}

/// Whether customer `customer_id` of `workshop_id` is in `segment` at `now`.
pub(super) async fn is_eligible(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    customer_id: i64,
    segment: Eligibility,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let found: i64 = crate::run!(conn, |c| {
        let query = customers::table
            .filter(customers::workshop_id.eq(workshop_id))
            .filter(customers::id.eq(customer_id))
            .into_boxed();
        segment!(query, workshop_id, segment, now).count().get_result(c).await
    })?;
    Ok(found > 0)
}

/// How many customers of `workshop_id` in `segment` do not hold offer `offer_id` yet.
pub(super) async fn count_pending(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    offer_id: i64,
    segment: Eligibility,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    crate::run!(conn, |c| {
        let query = customers::table
            .filter(customers::workshop_id.eq(workshop_id))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                customer_offers::table
                    .filter(customer_offers::offer_id.eq(offer_id))
                    .filter(customer_offers::customer_id.eq(customers::id)),
            )))
            .into_boxed();
        segment!(query, workshop_id, segment, now).count().get_result(c).await
    })
}

/// Up to `limit` customers of `workshop_id` in `segment` who do not hold offer `offer_id` yet,
/// by id.
pub(super) async fn pending(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    offer_id: i64,
    segment: Eligibility,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<i64>> {
    crate::run!(conn, |c| {
        let query = customers::table
            .filter(customers::workshop_id.eq(workshop_id))
            .filter(diesel::dsl::not(diesel::dsl::exists(
                customer_offers::table
                    .filter(customer_offers::offer_id.eq(offer_id))
                    .filter(customer_offers::customer_id.eq(customers::id)),
            )))
            .into_boxed();
        segment!(query, workshop_id, segment, now)
            .order(customers::id)
            .limit(limit)
            .select(customers::id)
            .load(c)
            .await
    })
}
