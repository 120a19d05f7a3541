//! The demo's loyalty programs: one of each kind, started months ago, so the demo customers'
//! finished orders put them at different points of each.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::DomainError;
use crate::audit::Actor;
use crate::db::Conn;
use crate::loyalty::{LoyaltyProgram, ProgramInput, ProgramKind};
use crate::schema::loyalty_programs;

/// Creates the programs and moves their start 200 days back.
pub(super) async fn seed(conn: &mut Conn<'_>, workshop_id: i64, actor: &Actor) -> Result<(), DomainError> {
    let programs = [
        ProgramInput {
            name: "Pontos Oficina".into(),
            description: Some("Cada real gasto em serviços finalizados vale 1 ponto.".into()),
            kind: ProgramKind::Points,
            points_per_real: Some(1),
            reward_points: Some(1000),
            visits_for_reward: None,
            reward_description: "Lavagem completa grátis".into(),
            reward_cents: Some(8000),
        },
        ProgramInput {
            name: "5ª revisão grátis".into(),
            description: Some("A cada quatro revisões, a quinta é por nossa conta.".into()),
            kind: ProgramKind::Visits,
            points_per_real: None,
            reward_points: None,
            visits_for_reward: Some(5),
            reward_description: "Mão de obra da revisão grátis".into(),
            reward_cents: None,
        },
    ];
    let started = (Utc::now() - Duration::days(200)).naive_utc();
    for input in programs {
        let program = LoyaltyProgram::create(conn, workshop_id, actor, input, Utc::now()).await?.value;
        crate::run!(conn, |c| {
            diesel::update(loyalty_programs::table.find(program.id))
                .set((loyalty_programs::started_at.eq(started), loyalty_programs::created_at.eq(started)))
                .execute(c)
                .await
        })?;
    }
    Ok(())
}
