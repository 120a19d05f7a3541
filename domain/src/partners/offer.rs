//! A partner's offers: a discount in percent or in centavos, optional validity dates and who is
//! eligible.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::eligibility::Eligibility;
use super::events::{OFFER_CREATED, OfferCreated};
use super::models::{Partner, PartnerOffer};
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{calendar_settings, partner_offers};
use crate::types::Text;

/// The longest offer description.
pub const DESCRIPTION_MAX: usize = 200;

/// A new offer as the ADMIN types it.
#[derive(Debug, Clone)]
pub struct OfferInput {
    pub partner_id: i64,
    pub description: String,
    /// Exactly one of this (1 to 100) and `discount_cents` (more than zero).
    pub discount_percent: Option<i32>,
    pub discount_cents: Option<i64>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub eligibility: Eligibility,
}

impl OfferInput {
    fn validated(self) -> Result<(Text, OfferInput), DomainError> {
        let description = Text::required(
            &self.description,
            DESCRIPTION_MAX,
            Message::new("Descreva a oferta.", "Describe the offer."),
        )
        .map_err(DomainError::invalid_at("description"))?;
        match (self.discount_percent, self.discount_cents) {
            (Some(percent), None) if !(1..=100).contains(&percent) => {
                return Err(DomainError::invalid(
                    "discountPercent",
                    Message::new("O desconto vai de 1 a 100%.", "The discount goes from 1 to 100%."),
                ));
            }
            (None, Some(cents)) if cents <= 0 => {
                return Err(DomainError::invalid(
                    "discountCents",
                    Message::new("Informe um desconto maior que zero.", "Enter a discount above zero."),
                ));
            }
            (Some(_), None) | (None, Some(_)) => {}
            _ => {
                return Err(DomainError::invalid(
                    "discountPercent",
                    Message::new(
                        "Informe o desconto em porcentagem ou em reais, um dos dois.",
                        "Give the discount either in percent or in reais, one of the two.",
                    ),
                ));
            }
        }
        if let (Some(from), Some(until)) = (self.valid_from, self.valid_until)
            && until < from
        {
            return Err(DomainError::invalid(
                "validUntil",
                Message::new(
                    "O fim da validade vem depois do início.",
                    "The end of the validity comes after its start.",
                ),
            ));
        }
        let eligibility = self.eligibility.validated()?;
        Ok((description, OfferInput { eligibility, ..self }))
    }
}

/// Today's date in `workshop_id`'s time zone (its calendar's; São Paulo without one).
pub(super) async fn today(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<NaiveDate> {
    let zone: Option<String> = crate::run!(conn, |c| {
        calendar_settings::table
            .find(workshop_id)
            .select(calendar_settings::time_zone)
            .first(c)
            .await
            .optional()
    })?;
    let zone: Tz = zone.and_then(|z| z.parse().ok()).unwrap_or(chrono_tz::America::Sao_Paulo);
    Ok(Utc::now().with_timezone(&zone).date_naive())
}

impl PartnerOffer {
    /// The offers of `workshop_id`, of one partner when `partner_id` is given, newest first.
    pub async fn list(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        partner_id: Option<i64>,
    ) -> QueryResult<Vec<PartnerOffer>> {
        crate::run!(conn, |c| {
            let mut query = partner_offers::table
                .filter(partner_offers::workshop_id.eq(workshop_id))
                .select(PartnerOffer::as_select())
                .order(partner_offers::id.desc())
                .into_boxed();
            if let Some(partner_id) = partner_id {
                query = query.filter(partner_offers::partner_id.eq(partner_id));
            }
            query.load(c).await
        })
    }

    /// Offer `id` of `workshop_id`.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<PartnerOffer>> {
        crate::run!(conn, |c| {
            partner_offers::table
                .filter(partner_offers::workshop_id.eq(workshop_id))
                .filter(partner_offers::id.eq(id))
                .select(PartnerOffer::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// The offers `ids` of `workshop_id`, in one query.
    pub async fn many(conn: &mut Conn<'_>, workshop_id: i64, ids: &[i64]) -> QueryResult<Vec<PartnerOffer>> {
        crate::run!(conn, |c| {
            partner_offers::table
                .filter(partner_offers::workshop_id.eq(workshop_id))
                .filter(partner_offers::id.eq_any(ids))
                .select(PartnerOffer::as_select())
                .load(c)
                .await
        })
    }

    /// Adds an offer of partner `input.partner_id` (another workshop's: NOT_FOUND; an inactive
    /// one: BAD_USER_INPUT on `partnerId`). Exactly one of the discounts, else BAD_USER_INPUT.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: OfferInput,
    ) -> Result<Committed<PartnerOffer>, DomainError> {
        let (description, input) = input.validated()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let partner =
                    Partner::find(tx, workshop_id, input.partner_id).await?.ok_or(DomainError::NotFound)?;
                if !partner.active {
                    return Err(DomainError::invalid(
                        "partnerId",
                        Message::new("Este parceiro está desativado.", "This partner is inactive."),
                    ));
                }
                let now = Utc::now().naive_utc();
                let segment = input.eligibility;
                let offer: PartnerOffer = crate::run!(tx, |c| {
                    diesel::insert_into(partner_offers::table)
                        .values((
                            partner_offers::workshop_id.eq(workshop_id),
                            partner_offers::partner_id.eq(partner.id),
                            partner_offers::description.eq(description.as_str()),
                            partner_offers::discount_percent.eq(input.discount_percent),
                            partner_offers::discount_cents.eq(input.discount_cents),
                            partner_offers::valid_from.eq(input.valid_from),
                            partner_offers::valid_until.eq(input.valid_until),
                            partner_offers::eligible_vehicle_kind
                                .eq(segment.vehicle_kind.map(|k| k.as_str())),
                            partner_offers::eligible_spent_over_cents.eq(segment.spent_over_cents),
                            partner_offers::eligible_visited_within_days.eq(segment.visited_within_days),
                            partner_offers::created_at.eq(now),
                            partner_offers::updated_at.eq(now),
                        ))
                        .returning(PartnerOffer::as_returning())
                        .get_result(c)
                        .await
                })?;
                let event =
                    NewEvent::new(OFFER_CREATED, workshop_id, offer.id).by(&actor).with(&OfferCreated {
                        partner_id: partner.id,
                        description: &offer.description,
                        discount_percent: offer.discount_percent,
                        discount_cents: offer.discount_cents,
                    });
                Ok((offer, vec![event]))
            })
        })
        .await
    }
}
