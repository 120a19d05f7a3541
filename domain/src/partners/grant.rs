//! Handing an offer to a customer: a personal promo code, at most one per customer and offer,
//! unique in the workshop even under concurrent grants (a unique index, and a new code on a
//! collision).

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::code;
use super::eligibility::{Eligibility, is_eligible};
use super::events::{OFFER_GRANTED, OfferGranted};
use super::models::{CustomerOffer, Partner, PartnerOffer};
use super::offer::today;
use crate::audit::{Actor, Committed, NewEvent};
use crate::crm::Customer;
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::customer_offers;

/// How many times a grant draws a new code after a collision before it gives up (INTERNAL):
/// with 31⁸ codes a second collision in a row is all but impossible.
const CODE_ATTEMPTS: usize = 5;
/// The field of the error a collision becomes inside a grant's transaction, to retry on.
const COLLISION: &str = "promoCode";

/// Inserts a new code of `offer_id` for `customer_id`; a unique violation (a code taken, or a
/// concurrent grant to the same customer) is a CONFLICT on [`COLLISION`].
pub(super) async fn insert_code(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    offer_id: i64,
    customer_id: i64,
    now: NaiveDateTime,
) -> Result<CustomerOffer, DomainError> {
    let promo_code = code::generate();
    crate::run!(conn, |c| {
        diesel::insert_into(customer_offers::table)
            .values((
                customer_offers::workshop_id.eq(workshop_id),
                customer_offers::offer_id.eq(offer_id),
                customer_offers::customer_id.eq(customer_id),
                customer_offers::promo_code.eq(&promo_code),
                customer_offers::granted_at.eq(now),
            ))
            .returning(CustomerOffer::as_returning())
            .get_result(c)
            .await
    })
    .map_err(crate::error::on_unique_violation(COLLISION, Message::new("", "")))
}

/// Whether `err` is a collision [`insert_code`] reported.
pub(super) fn is_collision(err: &DomainError) -> bool {
    matches!(err, DomainError::Conflict(e) if e.field == COLLISION)
}

/// The offer `offer_id` of `workshop_id` if it can be granted today: NOT_FOUND when there is no
/// such offer; BAD_USER_INPUT on `offerId` when its partner is inactive or its validity ended.
pub(super) async fn grantable(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    offer_id: i64,
) -> Result<PartnerOffer, DomainError> {
    let offer = PartnerOffer::find(conn, workshop_id, offer_id).await?.ok_or(DomainError::NotFound)?;
    let partner = Partner::find(conn, workshop_id, offer.partner_id).await?.ok_or(DomainError::NotFound)?;
    if !partner.active {
        return Err(DomainError::invalid(
            "offerId",
            Message::new(
                "O parceiro desta oferta está desativado.",
                "The partner of this offer is inactive.",
            ),
        ));
    }
    let today = today(conn, workshop_id).await?;
    if offer.valid_until.is_some_and(|until| until < today) {
        return Err(DomainError::invalid(
            "offerId",
            Message::new("Esta oferta já terminou.", "This offer has ended."),
        ));
    }
    Ok(offer)
}

impl CustomerOffer {
    /// Hands offer `offer_id` to customer `customer_id` with a new personal code. NOT_FOUND for
    /// another workshop's offer or customer; BAD_USER_INPUT on `customerId` when the customer is
    /// not eligible, on `offerId` when the offer cannot be granted ([`grantable`]); a customer who
    /// holds the offer already is a CONFLICT on `customerId`.
    pub async fn grant(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        customer_id: i64,
        offer_id: i64,
    ) -> Result<Committed<CustomerOffer>, DomainError> {
        for _ in 0..CODE_ATTEMPTS {
            let actor = actor.clone();
            let result = Committed::run(conn, move |tx| {
                Box::pin(async move {
                    let offer = grantable(tx, workshop_id, offer_id).await?;
                    Customer::find(tx, workshop_id, customer_id).await?.ok_or(DomainError::NotFound)?;
                    if CustomerOffer::find_for(tx, workshop_id, offer_id, customer_id).await?.is_some() {
                        return Err(DomainError::conflict(
                            "customerId",
                            Message::new(
                                "Este cliente já recebeu esta oferta.",
                                "This customer holds this offer already.",
                            ),
                        ));
                    }
                    let now = Utc::now().naive_utc();
                    if !is_eligible(tx, workshop_id, customer_id, Eligibility::of(&offer)?, now).await? {
                        return Err(DomainError::invalid(
                            "customerId",
                            Message::new(
                                "Este cliente não atende aos critérios da oferta.",
                                "This customer does not meet the offer's criteria.",
                            ),
                        ));
                    }
                    let granted = insert_code(tx, workshop_id, offer_id, customer_id, now).await?;
                    let event = NewEvent::new(OFFER_GRANTED, workshop_id, granted.id)
                        .by(&actor)
                        .with(&OfferGranted { offer_id, customer_id, job_id: None });
                    Ok((granted, vec![event]))
                })
            })
            .await;
            match result {
                Err(err) if is_collision(&err) => continue,
                other => return other,
            }
        }
        Err(DomainError::Internal(format!("no free promo code after {CODE_ATTEMPTS} attempts")))
    }

    /// The code of offer `offer_id` customer `customer_id` holds, if any.
    pub async fn find_for(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        offer_id: i64,
        customer_id: i64,
    ) -> QueryResult<Option<CustomerOffer>> {
        crate::run!(conn, |c| {
            customer_offers::table
                .filter(customer_offers::workshop_id.eq(workshop_id))
                .filter(customer_offers::offer_id.eq(offer_id))
                .filter(customer_offers::customer_id.eq(customer_id))
                .select(CustomerOffer::as_select())
                .first(c)
                .await
                .optional()
        })
    }
}
