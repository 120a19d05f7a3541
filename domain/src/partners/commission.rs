//! The commission ledger between the workshop and its partners: RECEIVABLE entries (the partner's
//! percent of each redeemed sale) and PAYABLE ones the ADMIN adds; the open balance per
//! direction; settling an entry once.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{COMMISSION_RECORDED, COMMISSION_SETTLED, CommissionRecorded};
use super::models::{Commission, CommissionDirection, Partner};
use crate::audit::{Actor, Committed, NewEvent, one_row};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{commissions, partners};
use crate::types::Text;

/// The longest description of a ledger entry.
pub const COMMISSION_DESCRIPTION_MAX: usize = 200;
/// The largest entry the ADMIN may add: R$ 10 million.
const AMOUNT_MAX_CENTS: i64 = 1_000_000_000;

/// `basis_points` hundredths of a percent of `sale_cents`, rounded to the centavo half-even
/// (banker's rounding: R$ 0,125 → R$ 0,12; R$ 0,135 → R$ 0,14).
pub fn commission_of(sale_cents: i64, basis_points: i32) -> i64 {
    let product = i128::from(sale_cents) * i128::from(basis_points);
    let (quotient, remainder) = (product.div_euclid(10_000), product.rem_euclid(10_000));
    let rounded = match (remainder * 2).cmp(&10_000) {
        std::cmp::Ordering::Greater => quotient + 1,
        std::cmp::Ordering::Equal if quotient % 2 != 0 => quotient + 1,
        _ => quotient,
    };
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// A PAYABLE entry as the ADMIN types it.
#[derive(Debug, Clone)]
pub struct PayableInput {
    pub partner_id: i64,
    pub amount_cents: i64,
    pub description: Option<String>,
}

/// Ledger entries with their partners, newest first, and the open balances.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    pub items: Vec<(Commission, Partner)>,
    /// Unsettled RECEIVABLE entries: what the partners owe the workshop.
    pub receivable_open_cents: i64,
    /// Unsettled PAYABLE entries: what the workshop owes the partners.
    pub payable_open_cents: i64,
}

/// Inserts a ledger entry of `partner` inside the caller's transaction; returns it with its event.
pub(super) async fn record(
    conn: &mut Conn<'_>,
    partner: &Partner,
    direction: CommissionDirection,
    amount_cents: i64,
    description: Option<&str>,
    customer_offer_id: Option<i64>,
    actor: &Actor,
) -> QueryResult<(Commission, NewEvent)> {
    let now = Utc::now().naive_utc();
    let entry: Commission = crate::run!(conn, |c| {
        diesel::insert_into(commissions::table)
            .values((
                commissions::workshop_id.eq(partner.workshop_id),
                commissions::partner_id.eq(partner.id),
                commissions::direction.eq(direction),
                commissions::amount_cents.eq(amount_cents),
                commissions::description.eq(description),
                commissions::customer_offer_id.eq(customer_offer_id),
                commissions::created_at.eq(now),
            ))
            .returning(Commission::as_returning())
            .get_result(c)
            .await
    })?;
    let event = NewEvent::new(COMMISSION_RECORDED, partner.workshop_id, entry.id)
        .by(actor)
        .with(&CommissionRecorded { partner_id: partner.id, direction, amount_cents });
    Ok((entry, event))
}

impl Ledger {
    /// The ledger of `workshop_id`, of one partner when `partner_id` is given, in one query.
    pub async fn of(conn: &mut Conn<'_>, workshop_id: i64, partner_id: Option<i64>) -> QueryResult<Ledger> {
        let items: Vec<(Commission, Partner)> = crate::run!(conn, |c| {
            let mut query = commissions::table
                .inner_join(partners::table)
                .filter(commissions::workshop_id.eq(workshop_id))
                .order(commissions::id.desc())
                .select((Commission::as_select(), Partner::as_select()))
                .into_boxed();
            if let Some(partner_id) = partner_id {
                query = query.filter(commissions::partner_id.eq(partner_id));
            }
            query.load(c).await
        })?;
        let open = |direction: CommissionDirection| -> i64 {
            items
                .iter()
                .filter(|(entry, _)| entry.direction == direction && entry.settled_at.is_none())
                .map(|(entry, _)| entry.amount_cents)
                .sum()
        };
        Ok(Ledger {
            receivable_open_cents: open(CommissionDirection::Receivable),
            payable_open_cents: open(CommissionDirection::Payable),
            items,
        })
    }
}

impl Commission {
    /// Entry `id` of `workshop_id`.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<Commission>> {
        crate::run!(conn, |c| {
            commissions::table
                .filter(commissions::workshop_id.eq(workshop_id))
                .filter(commissions::id.eq(id))
                .select(Commission::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// ADMIN: records what the workshop owes partner `input.partner_id` (another workshop's:
    /// NOT_FOUND). BAD_USER_INPUT on an amount outside R$ 0,01–10 million or a long description.
    pub async fn add_payable(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: PayableInput,
    ) -> Result<Committed<Commission>, DomainError> {
        if !(1..=AMOUNT_MAX_CENTS).contains(&input.amount_cents) {
            return Err(DomainError::invalid(
                "amountCents",
                Message::new("Informe um valor maior que zero.", "Enter an amount above zero."),
            ));
        }
        let description = Text::optional(input.description.as_deref(), COMMISSION_DESCRIPTION_MAX)
            .map_err(DomainError::invalid_at("description"))?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let partner =
                    Partner::find(tx, workshop_id, input.partner_id).await?.ok_or(DomainError::NotFound)?;
                let (entry, event) = record(
                    tx,
                    &partner,
                    CommissionDirection::Payable,
                    input.amount_cents,
                    description.as_ref().map(Text::as_str),
                    None,
                    &actor,
                )
                .await?;
                Ok((entry, vec![event]))
            })
        })
        .await
    }

    /// ADMIN: marks entry `id` received or paid. Settled already: CONFLICT on `id`; another
    /// workshop's: NOT_FOUND.
    pub async fn settle(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
    ) -> Result<Committed<Commission>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                Commission::find(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                let now = Utc::now().naive_utc();
                let changed = crate::run!(tx, |c| {
                    diesel::update(
                        commissions::table
                            .find(id)
                            .filter(commissions::workshop_id.eq(workshop_id))
                            .filter(commissions::settled_at.is_null()),
                    )
                    .set((commissions::settled_at.eq(now), commissions::settled_by.eq(actor.user_id)))
                    .execute(c)
                    .await
                })?;
                one_row(changed, || {
                    DomainError::conflict(
                        "id",
                        Message::new("Este lançamento já foi baixado.", "This entry was settled already."),
                    )
                })?;
                let entry = Commission::find(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                let event = NewEvent::new(COMMISSION_SETTLED, workshop_id, id).by(&actor);
                Ok((entry, vec![event]))
            })
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commissions_round_half_even_to_the_centavo() {
        assert_eq!(commission_of(10_000, 1000), 1000);
        // 10% of R$ 1,25 = 12,5 centavos → 12; of R$ 1,35 = 13,5 → 14.
        assert_eq!(commission_of(125, 1000), 12);
        assert_eq!(commission_of(135, 1000), 14);
        assert_eq!(commission_of(126, 1000), 13);
        assert_eq!(commission_of(124, 1000), 12);
        // 7.25% of R$ 2,00 = 14,5 → 14.
        assert_eq!(commission_of(200, 725), 14);
        assert_eq!(commission_of(1, 0), 0);
    }
}
