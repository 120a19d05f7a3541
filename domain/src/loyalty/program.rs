//! Programs: an ADMIN creates, edits, pauses, resumes and ends them; staff and customers list them.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{
    PROGRAM_CREATED, PROGRAM_STATUS_CHANGED, PROGRAM_UPDATED, ProgramWritten, StatusChanged,
};
use super::input::{ProgramInput, ValidProgram};
use super::models::{LoyaltyProgram, ProgramStatus};
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{loyalty_pauses, loyalty_programs};

/// How many programs a workshop may have that have not ended.
pub const OPEN_PROGRAMS_MAX: i64 = 20;

impl ValidProgram {
    fn written(&self) -> ProgramWritten {
        ProgramWritten {
            name: self.name.clone(),
            kind: self.kind,
            points_per_real: self.points_per_real,
            reward_points: self.reward_points,
            visits_for_reward: self.visits_for_reward,
            reward_description: self.reward_description.clone(),
            reward_cents: self.reward_cents,
        }
    }
}

/// A status change of a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramChange {
    Pause,
    Resume,
    End,
}

impl ProgramChange {
    fn from(self) -> &'static [ProgramStatus] {
        match self {
            ProgramChange::Pause => &[ProgramStatus::Active],
            ProgramChange::Resume => &[ProgramStatus::Paused],
            ProgramChange::End => &[ProgramStatus::Active, ProgramStatus::Paused],
        }
    }

    fn to(self) -> ProgramStatus {
        match self {
            ProgramChange::Pause => ProgramStatus::Paused,
            ProgramChange::Resume => ProgramStatus::Active,
            ProgramChange::End => ProgramStatus::Ended,
        }
    }

    fn refused(self) -> DomainError {
        let (pt, en) = match self {
            ProgramChange::Pause => {
                ("Só um programa ativo pode ser pausado.", "Only an active program can be paused.")
            }
            ProgramChange::Resume => {
                ("Só um programa pausado pode ser retomado.", "Only a paused program can be resumed.")
            }
            ProgramChange::End => ("Este programa já foi encerrado.", "This program has ended already."),
        };
        DomainError::conflict("id", Message::new(pt, en))
    }
}

impl LoyaltyProgram {
    /// Creates a program, ACTIVE from `now`. At most [`OPEN_PROGRAMS_MAX`] programs not ended.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: ProgramInput,
        now: DateTime<Utc>,
    ) -> Result<Committed<LoyaltyProgram>, DomainError> {
        let valid = input.validate()?;
        let actor = actor.clone();
        let now = now.naive_utc();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let open: i64 = crate::run!(tx, |c| {
                    loyalty_programs::table
                        .filter(loyalty_programs::workshop_id.eq(workshop_id))
                        .filter(loyalty_programs::status.ne(ProgramStatus::Ended))
                        .count()
                        .get_result(c)
                        .await
                })?;
                if open >= OPEN_PROGRAMS_MAX {
                    return Err(DomainError::invalid(
                        "input",
                        Message::owned(
                            format!(
                                "Encerre um programa antes: o limite é {OPEN_PROGRAMS_MAX} ao mesmo tempo."
                            ),
                            format!("End a program first: at most {OPEN_PROGRAMS_MAX} run at once."),
                        ),
                    ));
                }
                let program: LoyaltyProgram = crate::run!(tx, |c| {
                    diesel::insert_into(loyalty_programs::table)
                        .values((
                            loyalty_programs::workshop_id.eq(workshop_id),
                            loyalty_programs::name.eq(&valid.name),
                            loyalty_programs::description.eq(&valid.description),
                            loyalty_programs::kind.eq(valid.kind),
                            loyalty_programs::points_per_real.eq(valid.points_per_real),
                            loyalty_programs::reward_points.eq(valid.reward_points),
                            loyalty_programs::visits_for_reward.eq(valid.visits_for_reward),
                            loyalty_programs::reward_description.eq(&valid.reward_description),
                            loyalty_programs::reward_cents.eq(valid.reward_cents),
                            loyalty_programs::status.eq(ProgramStatus::Active),
                            loyalty_programs::started_at.eq(now),
                            loyalty_programs::created_at.eq(now),
                            loyalty_programs::updated_at.eq(now),
                        ))
                        .returning(LoyaltyProgram::as_returning())
                        .get_result(c)
                        .await
                })?;
                let event =
                    NewEvent::new(PROGRAM_CREATED, workshop_id, program.id).by(&actor).with(&valid.written());
                Ok((program, vec![event]))
            })
        })
        .await
    }

    /// Changes a program's name, description, thresholds and reward; its kind stays (another
    /// kind: BAD_USER_INPUT on `kind`), and an ended program no longer changes (CONFLICT).
    /// Progress follows the new thresholds at once, as it is derived.
    pub async fn update(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        input: ProgramInput,
    ) -> Result<Committed<LoyaltyProgram>, DomainError> {
        let valid = input.validate()?;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let before = LoyaltyProgram::find(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                if before.kind != valid.kind {
                    return Err(DomainError::invalid(
                        "kind",
                        Message::new(
                            "O tipo de um programa não muda: crie outro programa.",
                            "A program's kind does not change: create another program.",
                        ),
                    ));
                }
                let updated: Option<LoyaltyProgram> = crate::run!(tx, |c| {
                    diesel::update(loyalty_programs::table)
                        .filter(loyalty_programs::workshop_id.eq(workshop_id))
                        .filter(loyalty_programs::id.eq(id))
                        .filter(loyalty_programs::status.ne(ProgramStatus::Ended))
                        .set((
                            loyalty_programs::name.eq(&valid.name),
                            loyalty_programs::description.eq(&valid.description),
                            loyalty_programs::points_per_real.eq(valid.points_per_real),
                            loyalty_programs::reward_points.eq(valid.reward_points),
                            loyalty_programs::visits_for_reward.eq(valid.visits_for_reward),
                            loyalty_programs::reward_description.eq(&valid.reward_description),
                            loyalty_programs::reward_cents.eq(valid.reward_cents),
                            loyalty_programs::updated_at.eq(Utc::now().naive_utc()),
                        ))
                        .returning(LoyaltyProgram::as_returning())
                        .get_result(c)
                        .await
                        .optional()
                })?;
                let program = updated.ok_or_else(|| ProgramChange::End.refused())?;
                let event = NewEvent::new(PROGRAM_UPDATED, workshop_id, id).by(&actor).with(&valid.written());
                Ok((program, vec![event]))
            })
        })
        .await
    }

    /// Pauses, resumes or ends program `id` with one conditional UPDATE on its status; a program
    /// not in a status the change starts from is CONFLICT. A pause opens a pause period (orders
    /// finished in it do not count), a resume closes it, an end closes it too and sets `ended_at`.
    pub async fn change_status(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        id: i64,
        change: ProgramChange,
        now: DateTime<Utc>,
    ) -> Result<Committed<LoyaltyProgram>, DomainError> {
        let actor = actor.clone();
        let now = now.naive_utc();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let ended_at = (change == ProgramChange::End).then_some(now);
                let updated: Option<LoyaltyProgram> = crate::run!(tx, |c| {
                    diesel::update(loyalty_programs::table)
                        .filter(loyalty_programs::workshop_id.eq(workshop_id))
                        .filter(loyalty_programs::id.eq(id))
                        .filter(loyalty_programs::status.eq_any(change.from()))
                        .set((
                            loyalty_programs::status.eq(change.to()),
                            loyalty_programs::ended_at.eq(ended_at),
                            loyalty_programs::updated_at.eq(now),
                        ))
                        .returning(LoyaltyProgram::as_returning())
                        .get_result(c)
                        .await
                        .optional()
                })?;
                let Some(program) = updated else {
                    LoyaltyProgram::find(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
                    return Err(change.refused());
                };
                // The status was one the change starts from: a pause is open iff it was PAUSED.
                let from = match change {
                    ProgramChange::Pause => ProgramStatus::Active,
                    ProgramChange::Resume => ProgramStatus::Paused,
                    ProgramChange::End => {
                        let closed = close_pause(tx, workshop_id, id, now).await?;
                        if closed { ProgramStatus::Paused } else { ProgramStatus::Active }
                    }
                };
                match change {
                    ProgramChange::Pause => {
                        crate::run!(tx, |c| {
                            diesel::insert_into(loyalty_pauses::table)
                                .values((
                                    loyalty_pauses::workshop_id.eq(workshop_id),
                                    loyalty_pauses::program_id.eq(id),
                                    loyalty_pauses::paused_at.eq(now),
                                ))
                                .execute(c)
                                .await
                        })?;
                    }
                    ProgramChange::Resume => {
                        close_pause(tx, workshop_id, id, now).await?;
                    }
                    ProgramChange::End => {}
                }
                let event = NewEvent::new(PROGRAM_STATUS_CHANGED, workshop_id, id)
                    .by(&actor)
                    .with(&StatusChanged { from, to: program.status });
                Ok((program, vec![event]))
            })
        })
        .await
    }

    /// Program `id` of `workshop_id`.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<LoyaltyProgram>> {
        crate::run!(conn, |c| {
            loyalty_programs::table
                .filter(loyalty_programs::workshop_id.eq(workshop_id))
                .filter(loyalty_programs::id.eq(id))
                .select(LoyaltyProgram::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// The workshop's programs, oldest first; ended ones only with `include_ended`. One query.
    pub async fn list(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        include_ended: bool,
    ) -> QueryResult<Vec<LoyaltyProgram>> {
        let statuses: &[ProgramStatus] =
            if include_ended { ProgramStatus::ALL } else { &[ProgramStatus::Active, ProgramStatus::Paused] };
        crate::run!(conn, |c| {
            loyalty_programs::table
                .filter(loyalty_programs::workshop_id.eq(workshop_id))
                .filter(loyalty_programs::status.eq_any(statuses))
                .order(loyalty_programs::id)
                .select(LoyaltyProgram::as_select())
                .load(c)
                .await
        })
    }

    /// Programs of `workshop_id` among `ids`.
    pub async fn many(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        ids: &[i64],
    ) -> QueryResult<Vec<LoyaltyProgram>> {
        crate::run!(conn, |c| {
            loyalty_programs::table
                .filter(loyalty_programs::workshop_id.eq(workshop_id))
                .filter(loyalty_programs::id.eq_any(ids))
                .select(LoyaltyProgram::as_select())
                .load(c)
                .await
        })
    }
}

/// Closes program `id`'s open pause, if any; whether there was one.
async fn close_pause(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    id: i64,
    now: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    let closed = crate::run!(conn, |c| {
        diesel::update(loyalty_pauses::table)
            .filter(loyalty_pauses::workshop_id.eq(workshop_id))
            .filter(loyalty_pauses::program_id.eq(id))
            .filter(loyalty_pauses::resumed_at.is_null())
            .set(loyalty_pauses::resumed_at.eq(now))
            .execute(c)
            .await
    })?;
    Ok(closed > 0)
}
