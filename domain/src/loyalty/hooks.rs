//! What a service order's life does to loyalty, inside the order's own transaction: finishing
//! one may reach a VISITS reward ("Sua próxima revisão é grátis", e-mailed once per reward);
//! cancelling an open one gives its rewards back.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::REWARD_REMOVED;
use super::models::{LoyaltyProgram, LoyaltyReward, ProgramKind, ProgramStatus};
use super::progress::CustomerLoyalty;
use super::reward::reward_event;
use crate::audit::{Actor, NewEvent};
use crate::crm::Customer;
use crate::db::Conn;
use crate::error::DomainError;
use crate::notifications::{Mail, Notification, Recipient};
use crate::schema::{loyalty_notices, loyalty_rewards, workshops};
use crate::service::ServiceOrder;

/// After `order` finished (in its transaction): for each ACTIVE VISITS program in which this
/// order made the customer reach a reward, records the notice of that reward — once per
/// (program, customer, reward number), a unique index, so two nodes never both send it — and
/// queues the e-mail when the customer has an address.
pub(crate) async fn on_finish(conn: &mut Conn<'_>, order: &ServiceOrder) -> Result<(), DomainError> {
    let workshop_id = order.workshop_id;
    let programs: Vec<LoyaltyProgram> = LoyaltyProgram::list(conn, workshop_id, false)
        .await?
        .into_iter()
        .filter(|p| p.kind == ProgramKind::Visits && p.status == ProgramStatus::Active)
        .collect();
    if programs.is_empty() {
        return Ok(());
    }
    let standing = CustomerLoyalty::in_programs(conn, workshop_id, &programs, &[order.customer_id]).await?;
    let Some(standing) = standing.get(&order.customer_id) else { return Ok(()) };
    let now = Utc::now().naive_utc();
    for progress in &standing.programs {
        let n = progress.program.visits_for_reward.max(2);
        // The order counted and closed a cycle's paid visits: a reward is reached just now.
        let counted = order.finished_at.is_some_and(|f| f >= progress.program.started_at);
        if !counted || (progress.visits + 1) % n != 0 {
            continue;
        }
        let reward_number = progress.visit_rewards_earned();
        let inserted = crate::run!(conn, |c| {
            diesel::insert_into(loyalty_notices::table)
                .values((
                    loyalty_notices::workshop_id.eq(workshop_id),
                    loyalty_notices::program_id.eq(progress.program.id),
                    loyalty_notices::customer_id.eq(order.customer_id),
                    loyalty_notices::reward_number.eq(reward_number),
                    loyalty_notices::created_at.eq(now),
                ))
                .on_conflict_do_nothing()
                .execute(c)
                .await
        })?;
        if inserted == 0 {
            continue;
        }
        let Some(recipient) = Recipient::customer(conn, workshop_id, order.customer_id).await? else {
            continue;
        };
        let customer =
            Customer::find(conn, workshop_id, order.customer_id).await?.ok_or(DomainError::NotFound)?;
        let workshop: String = crate::run!(conn, |c| {
            workshops::table.find(workshop_id).select(workshops::name).first(c).await
        })?;
        let mail = Mail::LoyaltyReward {
            workshop,
            customer: customer.name,
            program: progress.program.name.clone(),
            reward: progress.program.reward_description.clone(),
        };
        Notification::enqueue_at(
            conn,
            workshop_id,
            &recipient.email,
            &recipient.locale,
            &mail,
            None,
            Utc::now(),
        )
        .await?;
    }
    Ok(())
}

/// After the open `order` was cancelled (in its transaction): its rewards are given back. The
/// events of their removal, by `actor`.
pub(crate) async fn on_cancel(
    conn: &mut Conn<'_>,
    actor: &Actor,
    order: &ServiceOrder,
) -> Result<Vec<NewEvent>, DomainError> {
    let removed: Vec<LoyaltyReward> = crate::run!(conn, |c| {
        diesel::delete(
            loyalty_rewards::table
                .filter(loyalty_rewards::workshop_id.eq(order.workshop_id))
                .filter(loyalty_rewards::service_order_id.eq(order.id)),
        )
        .returning(LoyaltyReward::as_returning())
        .get_results(c)
        .await
    })?;
    Ok(removed.iter().map(|r| reward_event(REWARD_REMOVED, actor, r, true)).collect())
}
