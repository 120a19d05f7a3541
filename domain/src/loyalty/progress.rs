//! Each customer's progress in the workshop's programs, derived from their FINISHED orders and
//! the rewards applied, never stored: an order counts for a program when it finished from the
//! program's start, before its end and outside its pauses; an order no longer FINISHED (cancelled)
//! no longer counts. Many customers cost the same four queries as one.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::{LoyaltyProgram, ProgramKind};
use crate::db::Conn;
use crate::schema::{loyalty_pauses, loyalty_rewards, service_orders};
use crate::service::OrderStatus;

/// A pause of a program: orders finished from `paused_at` until `resumed_at` do not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub program_id: i64,
    pub paused_at: NaiveDateTime,
    pub resumed_at: Option<NaiveDateTime>,
}

/// A finished order as the programs count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Visit {
    pub finished_at: NaiveDateTime,
    pub final_cents: i64,
}

/// A customer's standing in one program.
#[derive(Debug, Clone)]
pub struct ProgramProgress {
    pub program: LoyaltyProgram,
    /// POINTS: points earned minus points spent on rewards (0 for VISITS).
    pub points: i64,
    /// Finished orders that count.
    pub visits: i64,
    /// Rewards applied to orders (open or finished).
    pub rewards_used: i64,
    /// Rewards the customer may use now.
    pub rewards_available: i64,
    /// How far to the next reward, 0 to 1 (1 while a reward is available).
    pub progress: f64,
}

/// A customer's standing in the workshop's programs that have not ended.
#[derive(Debug, Clone, Default)]
pub struct CustomerLoyalty {
    /// Points available over the POINTS programs.
    pub points: i64,
    pub programs: Vec<ProgramProgress>,
}

/// Whether an order finished at `at` counts for `program`.
fn counts(program: &LoyaltyProgram, pauses: &[Pause], at: NaiveDateTime) -> bool {
    at >= program.started_at
        && program.ended_at.is_none_or(|end| at < end)
        && !pauses
            .iter()
            .any(|p| p.program_id == program.id && at >= p.paused_at && p.resumed_at.is_none_or(|r| at < r))
}

/// The points one order earns: `points_per_real` for each whole real of its final total.
pub fn points_of(final_cents: i64, points_per_real: i64) -> i64 {
    (final_cents.max(0) / 100).saturating_mul(points_per_real)
}

impl ProgramProgress {
    /// The standing in `program` from the customer's `visits` (all their finished orders),
    /// the program's `pauses`, and the `(points_spent)` of each reward applied in it.
    pub(super) fn compute(
        program: &LoyaltyProgram,
        pauses: &[Pause],
        visits: &[Visit],
        rewards: &[i64],
    ) -> ProgramProgress {
        let counted: Vec<&Visit> = visits.iter().filter(|v| counts(program, pauses, v.finished_at)).collect();
        let count = counted.len() as i64;
        let used = rewards.len() as i64;
        let (points, available, progress) = match program.kind {
            ProgramKind::Points => {
                let earned: i64 =
                    counted.iter().map(|v| points_of(v.final_cents, program.points_per_real)).sum();
                let points = (earned - rewards.iter().sum::<i64>()).max(0);
                let target = program.reward_points.max(1);
                (points, points / target, (points as f64 / target as f64).min(1.0))
            }
            ProgramKind::Visits => {
                // The n-th order of each cycle of n is the free one: a reward is earned after
                // n − 1 paid orders, and the free order counts as the cycle's last visit.
                let n = program.visits_for_reward.max(2);
                let earned = (count + 1) / n;
                let available = (earned - used).max(0);
                let progress = if available > 0 { 1.0 } else { (count % n) as f64 / (n - 1) as f64 };
                (0, available, progress)
            }
        };
        ProgramProgress {
            program: program.clone(),
            points,
            visits: count,
            rewards_used: used,
            rewards_available: available,
            progress,
        }
    }

    /// The VISITS rewards earned so far (used or not), for the notice of a new one.
    pub fn visit_rewards_earned(&self) -> i64 {
        match self.program.kind {
            ProgramKind::Visits => (self.visits + 1) / self.program.visits_for_reward.max(2),
            ProgramKind::Points => 0,
        }
    }
}

impl CustomerLoyalty {
    /// The standing of each of `customer_ids` (of `workshop_id`) in the workshop's programs that
    /// have not ended: one query for the programs, and with any, one each for their pauses, the
    /// customers' finished orders and their rewards, however many customers.
    pub async fn of_customers(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_ids: &[i64],
    ) -> QueryResult<HashMap<i64, CustomerLoyalty>> {
        let programs = LoyaltyProgram::list(conn, workshop_id, false).await?;
        Self::in_programs(conn, workshop_id, &programs, customer_ids).await
    }

    /// The standing of each of `customer_ids` in `programs` (of `workshop_id`).
    pub(super) async fn in_programs(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        programs: &[LoyaltyProgram],
        customer_ids: &[i64],
    ) -> QueryResult<HashMap<i64, CustomerLoyalty>> {
        let Some(since) = programs.iter().map(|p| p.started_at).min() else {
            return Ok(customer_ids.iter().map(|&id| (id, CustomerLoyalty::default())).collect());
        };
        let program_ids: Vec<i64> = programs.iter().map(|p| p.id).collect();
        let pauses: Vec<(i64, NaiveDateTime, Option<NaiveDateTime>)> = crate::run!(conn, |c| {
            loyalty_pauses::table
                .filter(loyalty_pauses::workshop_id.eq(workshop_id))
                .filter(loyalty_pauses::program_id.eq_any(&program_ids))
                .select((loyalty_pauses::program_id, loyalty_pauses::paused_at, loyalty_pauses::resumed_at))
                .load(c)
                .await
        })?;
        let pauses: Vec<Pause> = pauses
            .into_iter()
            .map(|(program_id, paused_at, resumed_at)| Pause { program_id, paused_at, resumed_at })
            .collect();
        let orders: Vec<(i64, Option<NaiveDateTime>, i64)> = crate::run!(conn, |c| {
            service_orders::table
                .filter(service_orders::workshop_id.eq(workshop_id))
                .filter(service_orders::customer_id.eq_any(customer_ids))
                .filter(service_orders::status.eq(OrderStatus::Finished))
                .filter(service_orders::finished_at.ge(since))
                .select((
                    service_orders::customer_id,
                    service_orders::finished_at,
                    service_orders::final_cents,
                ))
                .load(c)
                .await
        })?;
        let rewards: Vec<(i64, i64, i64)> = crate::run!(conn, |c| {
            loyalty_rewards::table
                .filter(loyalty_rewards::workshop_id.eq(workshop_id))
                .filter(loyalty_rewards::customer_id.eq_any(customer_ids))
                .filter(loyalty_rewards::program_id.eq_any(&program_ids))
                .select((
                    loyalty_rewards::customer_id,
                    loyalty_rewards::program_id,
                    loyalty_rewards::points_spent,
                ))
                .load(c)
                .await
        })?;
        let mut visits: HashMap<i64, Vec<Visit>> = HashMap::new();
        for (customer_id, finished_at, final_cents) in orders {
            if let Some(finished_at) = finished_at {
                visits.entry(customer_id).or_default().push(Visit { finished_at, final_cents });
            }
        }
        let mut spent: HashMap<(i64, i64), Vec<i64>> = HashMap::new();
        for (customer_id, program_id, points) in rewards {
            spent.entry((customer_id, program_id)).or_default().push(points);
        }
        Ok(customer_ids
            .iter()
            .map(|&customer_id| {
                let mine = visits.get(&customer_id).map_or(&[][..], Vec::as_slice);
                let programs: Vec<ProgramProgress> = programs
                    .iter()
                    .map(|p| {
                        let used = spent.get(&(customer_id, p.id)).map_or(&[][..], Vec::as_slice);
                        ProgramProgress::compute(p, &pauses, mine, used)
                    })
                    .collect();
                let points = programs.iter().map(|p| p.points).sum();
                (customer_id, CustomerLoyalty { points, programs })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};

    use super::*;
    use crate::loyalty::ProgramStatus;

    fn at(minutes: i64) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(12, 0, 0).unwrap()
            + Duration::minutes(minutes)
    }

    fn program(kind: ProgramKind) -> LoyaltyProgram {
        LoyaltyProgram {
            id: 1,
            workshop_id: 1,
            name: "P".into(),
            description: String::new(),
            kind,
            points_per_real: if kind == ProgramKind::Points { 2 } else { 0 },
            reward_points: if kind == ProgramKind::Points { 500 } else { 0 },
            visits_for_reward: if kind == ProgramKind::Visits { 3 } else { 0 },
            reward_description: "R".into(),
            reward_cents: None,
            status: ProgramStatus::Active,
            started_at: at(0),
            ended_at: None,
            created_at: at(0),
            updated_at: at(0),
        }
    }

    fn visit(minutes: i64, final_cents: i64) -> Visit {
        Visit { finished_at: at(minutes), final_cents }
    }

    #[test]
    fn points_round_each_order_down_to_whole_reais() {
        assert_eq!(points_of(9999, 2), 198);
        assert_eq!(points_of(99, 5), 0);
        let p = program(ProgramKind::Points);
        let got = ProgramProgress::compute(&p, &[], &[visit(1, 12_599), visit(2, 12_599)], &[]);
        assert_eq!(got.points, 500);
        assert_eq!(got.rewards_available, 1);
        assert_eq!(got.progress, 1.0);
        let spent = ProgramProgress::compute(&p, &[], &[visit(1, 12_599), visit(2, 12_599)], &[500]);
        assert_eq!((spent.points, spent.rewards_available, spent.progress), (0, 0, 0.0));
    }

    #[test]
    fn orders_before_the_start_after_the_end_or_in_a_pause_do_not_count() {
        let mut p = program(ProgramKind::Points);
        p.ended_at = Some(at(100));
        let pauses = [Pause { program_id: 1, paused_at: at(10), resumed_at: Some(at(20)) }];
        let visits =
            [visit(-1, 10_000), visit(5, 10_000), visit(15, 10_000), visit(20, 10_000), visit(100, 10_000)];
        let got = ProgramProgress::compute(&p, &pauses, &visits, &[]);
        assert_eq!(got.visits, 2);
        assert_eq!(got.points, 400);
    }

    #[test]
    fn every_third_visit_is_free() {
        let p = program(ProgramKind::Visits);
        let one = ProgramProgress::compute(&p, &[], &[visit(1, 100)], &[]);
        assert_eq!((one.rewards_available, one.progress), (0, 0.5));
        let two = ProgramProgress::compute(&p, &[], &[visit(1, 100), visit(2, 100)], &[]);
        assert_eq!((two.rewards_available, two.progress, two.visit_rewards_earned()), (1, 1.0, 1));
        let used = ProgramProgress::compute(&p, &[], &[visit(1, 100), visit(2, 100)], &[0]);
        assert_eq!((used.rewards_available, used.rewards_used), (0, 1));
        let three = ProgramProgress::compute(&p, &[], &[visit(1, 100), visit(2, 100), visit(3, 100)], &[0]);
        assert_eq!((three.rewards_available, three.progress), (0, 0.0));
    }
}
