//! Rewards on orders: staff apply a customer's available reward to one of their open orders as a
//! discount, and take it off again (which gives it back, as does cancelling the order).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{REWARD_APPLIED, REWARD_REMOVED, RewardChanged};
use super::models::{LoyaltyProgram, LoyaltyReward, ProgramStatus};
use super::progress::CustomerLoyalty;
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::{DomainError, FieldError, on_unique_violation};
use crate::message::Message;
use crate::schema::{loyalty_rewards, service_orders};
use crate::service::ServiceOrder;

const APPLIED_ALREADY: Message = Message::new(
    "A recompensa deste programa já foi aplicada a esta ordem.",
    "This program's reward is applied to this order already.",
);

impl LoyaltyReward {
    /// Applies the reward of program `program_id` to the open order `order_id` as a discount:
    /// the program's reward value (or the order's labour when it has none), at most what is left
    /// of parts and labour after the discount. NOT_FOUND for another workshop's order or program;
    /// BAD_USER_INPUT when the order is not open, the program not ACTIVE, the customer has no
    /// reward available, or nothing is left to discount; CONFLICT when the program's reward is on
    /// the order already, or a concurrent application took the same reward (unique indexes).
    pub async fn apply(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        order_id: i64,
        program_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Committed<LoyaltyReward>, DomainError> {
        let actor = actor.clone();
        let now = now.naive_utc();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let order = lock_open_order(tx, workshop_id, order_id).await?;
                let program =
                    LoyaltyProgram::find(tx, workshop_id, program_id).await?.ok_or(DomainError::NotFound)?;
                if program.status != ProgramStatus::Active {
                    return Err(DomainError::invalid(
                        "programId",
                        Message::new(
                            "Este programa está pausado ou encerrado: as recompensas não podem ser usadas agora.",
                            "This program is paused or has ended: its rewards cannot be used now.",
                        ),
                    ));
                }
                let applied: i64 = crate::run!(tx, |c| {
                    loyalty_rewards::table
                        .filter(loyalty_rewards::program_id.eq(program_id))
                        .filter(loyalty_rewards::service_order_id.eq(order_id))
                        .count()
                        .get_result(c)
                        .await
                })?;
                if applied > 0 {
                    return Err(DomainError::conflict("programId", APPLIED_ALREADY));
                }
                let standing = CustomerLoyalty::in_programs(
                    tx,
                    workshop_id,
                    std::slice::from_ref(&program),
                    &[order.customer_id],
                )
                .await?;
                let progress = standing
                    .get(&order.customer_id)
                    .and_then(|l| l.programs.as_slice().first())
                    .ok_or(DomainError::NotFound)?;
                if progress.rewards_available < 1 {
                    return Err(DomainError::invalid(
                        "programId",
                        Message::new(
                            "O cliente ainda não tem uma recompensa disponível neste programa.",
                            "The customer has no reward available in this program yet.",
                        ),
                    ));
                }
                let left = order.services_cents + order.parts_cents - order.discount_cents;
                let amount = program.reward_cents.unwrap_or(order.services_cents).min(left).max(0);
                if amount == 0 {
                    return Err(DomainError::invalid(
                        "serviceOrderId",
                        Message::new(
                            "A ordem não tem valor a descontar: adicione os serviços antes.",
                            "The order has nothing to discount: add its services first.",
                        ),
                    ));
                }
                let last: Option<i64> = crate::run!(tx, |c| {
                    loyalty_rewards::table
                        .filter(loyalty_rewards::program_id.eq(program_id))
                        .filter(loyalty_rewards::customer_id.eq(order.customer_id))
                        .select(diesel::dsl::max(loyalty_rewards::ordinal))
                        .first(c)
                        .await
                })?;
                let points_spent = program.reward_points;
                let reward: LoyaltyReward = crate::run!(tx, |c| {
                    diesel::insert_into(loyalty_rewards::table)
                        .values((
                            loyalty_rewards::workshop_id.eq(workshop_id),
                            loyalty_rewards::program_id.eq(program_id),
                            loyalty_rewards::customer_id.eq(order.customer_id),
                            loyalty_rewards::service_order_id.eq(order_id),
                            loyalty_rewards::ordinal.eq(last.unwrap_or(0) + 1),
                            loyalty_rewards::points_spent.eq(points_spent),
                            loyalty_rewards::discount_cents.eq(amount),
                            loyalty_rewards::applied_by.eq(actor.user_id),
                            loyalty_rewards::applied_at.eq(now),
                        ))
                        .returning(LoyaltyReward::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("programId", APPLIED_ALREADY))?;
                change_discount(tx, &order, amount, now).await?;
                let event = reward_event(REWARD_APPLIED, &actor, &reward, false);
                Ok((reward, vec![event]))
            })
        })
        .await
    }

    /// Takes reward `id` off its order, which must be open (a finished order's reward stays
    /// used: BAD_USER_INPUT), and gives it back to the customer; the order's discount drops by
    /// the reward's.
    pub async fn remove(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Committed<LoyaltyReward>, DomainError> {
        let actor = actor.clone();
        let now = now.naive_utc();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let reward: LoyaltyReward = crate::run!(tx, |c| {
                    loyalty_rewards::table
                        .filter(loyalty_rewards::workshop_id.eq(workshop_id))
                        .filter(loyalty_rewards::id.eq(id))
                        .select(LoyaltyReward::as_select())
                        .first(c)
                        .await
                        .optional()
                })?
                .ok_or(DomainError::NotFound)?;
                let order = lock_open_order(tx, workshop_id, reward.service_order_id).await?;
                let deleted = crate::run!(tx, |c| {
                    diesel::delete(loyalty_rewards::table.filter(loyalty_rewards::id.eq(id))).execute(c).await
                })?;
                if deleted == 0 {
                    return Err(DomainError::NotFound);
                }
                change_discount(tx, &order, -reward.discount_cents.min(order.discount_cents), now).await?;
                let event = reward_event(REWARD_REMOVED, &actor, &reward, false);
                Ok((reward, vec![event]))
            })
        })
        .await
    }

    /// The rewards applied to order `order_id` of `workshop_id`, oldest first.
    pub async fn of_order(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        order_id: i64,
    ) -> QueryResult<Vec<LoyaltyReward>> {
        crate::run!(conn, |c| {
            loyalty_rewards::table
                .filter(loyalty_rewards::workshop_id.eq(workshop_id))
                .filter(loyalty_rewards::service_order_id.eq(order_id))
                .order(loyalty_rewards::id)
                .select(LoyaltyReward::as_select())
                .load(c)
                .await
        })
    }
}

/// The event of a reward applied or removed.
pub(super) fn reward_event(
    kind: crate::audit::EventKind,
    actor: &Actor,
    reward: &LoyaltyReward,
    order_cancelled: bool,
) -> NewEvent {
    NewEvent::new(kind, reward.workshop_id, reward.program_id).by(actor).with(&RewardChanged {
        reward_id: reward.id,
        customer_id: reward.customer_id,
        service_order_id: reward.service_order_id,
        discount_cents: reward.discount_cents,
        points_spent: reward.points_spent,
        order_cancelled,
    })
}

/// Locks order `id` of `workshop_id` (NOT_FOUND for another workshop's); it must be open, else
/// BAD_USER_INPUT on `serviceOrderId`.
async fn lock_open_order(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    id: i64,
) -> Result<ServiceOrder, DomainError> {
    crate::service::lock_open(conn, workshop_id, id).await.map_err(|e| match e {
        DomainError::Invalid(e) => DomainError::Invalid(FieldError::new("serviceOrderId", e.message)),
        other => other,
    })
}

/// Raises the locked open `order`'s discount by `delta` centavos (lowers it when negative) and
/// its final total by as much the other way.
async fn change_discount(
    conn: &mut Conn<'_>,
    order: &ServiceOrder,
    delta: i64,
    now: chrono::NaiveDateTime,
) -> QueryResult<()> {
    crate::run!(conn, |c| {
        diesel::update(service_orders::table.find(order.id))
            .set((
                service_orders::discount_cents.eq(service_orders::discount_cents + delta),
                service_orders::final_cents.eq(service_orders::final_cents - delta),
                service_orders::updated_at.eq(now),
            ))
            .execute(c)
            .await
    })?;
    Ok(())
}
