//! A partner redeems a code a customer presents, with the sale amount: once per code, and the
//! commission the workshop receives is recorded in the same transaction.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::code;
use super::commission::record;
use super::events::{CODE_REDEEMED, CodeRedeemed};
use super::models::{Commission, CommissionDirection, CustomerOffer, Partner, PartnerOffer};
use super::offer::today;
use crate::audit::{Actor, Committed, NewEvent, one_row};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{customer_offers, partner_offers};

/// The largest sale a redemption takes: R$ 10 million.
pub const SALE_MAX_CENTS: i64 = 1_000_000_000;

/// A redeemed code and the commission it recorded.
#[derive(Debug, Clone)]
pub struct Redeemed {
    pub customer_offer: CustomerOffer,
    pub commission: Commission,
}

impl CustomerOffer {
    /// Partner `partner` redeems `promo_code` (any case) on a sale of `sale_cents`, recording
    /// its commission (RECEIVABLE, rounded half-even). A code of another partner or workshop, or
    /// none at all: NOT_FOUND; redeemed already: CONFLICT on `promoCode`; an offer not valid today:
    /// BAD_USER_INPUT on `promoCode`; a sale outside 1..=[`SALE_MAX_CENTS`]: BAD_USER_INPUT on
    /// `saleCents`. The caller checks the partner is active.
    pub async fn redeem(
        conn: &mut Conn<'_>,
        actor: &Actor,
        partner: &Partner,
        promo_code: &str,
        sale_cents: i64,
    ) -> Result<Committed<Redeemed>, DomainError> {
        if !(1..=SALE_MAX_CENTS).contains(&sale_cents) {
            return Err(DomainError::invalid(
                "saleCents",
                Message::new(
                    "Informe o valor da venda, maior que zero.",
                    "Enter the sale amount, above zero.",
                ),
            ));
        }
        let code = code::normalize(promo_code).ok_or(DomainError::NotFound)?;
        let (actor, partner) = (actor.clone(), partner.clone());
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let workshop_id = partner.workshop_id;
                let found: Option<(CustomerOffer, PartnerOffer)> = crate::run!(tx, |c| {
                    customer_offers::table
                        .inner_join(partner_offers::table)
                        .filter(customer_offers::workshop_id.eq(workshop_id))
                        .filter(customer_offers::promo_code.eq(&code))
                        .filter(partner_offers::partner_id.eq(partner.id))
                        .select((CustomerOffer::as_select(), PartnerOffer::as_select()))
                        .first(c)
                        .await
                        .optional()
                })?;
                let (held, offer) = found.ok_or(DomainError::NotFound)?;
                let used = || {
                    DomainError::conflict(
                        "promoCode",
                        Message::new("Este código já foi usado.", "This code was used already."),
                    )
                };
                if held.redeemed_at.is_some() {
                    return Err(used());
                }
                if !offer.valid_on(today(tx, workshop_id).await?) {
                    return Err(DomainError::invalid(
                        "promoCode",
                        Message::new(
                            "A oferta deste código não está valendo hoje.",
                            "This code's offer is not valid today.",
                        ),
                    ));
                }
                let now = Utc::now().naive_utc();
                let changed = crate::run!(tx, |c| {
                    diesel::update(
                        customer_offers::table
                            .find(held.id)
                            .filter(customer_offers::workshop_id.eq(workshop_id))
                            .filter(customer_offers::redeemed_at.is_null()),
                    )
                    .set((
                        customer_offers::redeemed_at.eq(now),
                        customer_offers::sale_cents.eq(sale_cents),
                        customer_offers::redeemed_by.eq(actor.user_id),
                    ))
                    .execute(c)
                    .await
                })?;
                one_row(changed, used)?;
                let customer_offer =
                    CustomerOffer { redeemed_at: Some(now), sale_cents: Some(sale_cents), ..held };
                let amount = super::commission_of(sale_cents, partner.commission_basis_points);
                let (commission, recorded) = record(
                    tx,
                    &partner,
                    CommissionDirection::Receivable,
                    amount,
                    None,
                    Some(customer_offer.id),
                    &actor,
                )
                .await?;
                let event = NewEvent::new(CODE_REDEEMED, workshop_id, customer_offer.id)
                    .by(&actor)
                    .with(&CodeRedeemed { offer_id: offer.id, partner_id: partner.id, sale_cents });
                Ok((Redeemed { customer_offer, commission }, vec![event, recorded]))
            })
        })
        .await
    }
}
