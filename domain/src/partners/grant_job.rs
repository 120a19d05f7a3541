//! "Grant to all eligible": a job row counts the eligible customers without the offer (`total`)
//! and how many it has handed a code (`done`); it runs in batches, each one transaction, so it
//! shows its progress, survives a restart ([`GrantJob::unfinished`] is resumed at start) and,
//! run twice at once, still gives each customer the offer at most once (the unique index).

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::eligibility::{Eligibility, count_pending, pending};
use super::events::{GRANT_JOB_STARTED, GrantJobStarted, OFFER_GRANTED, OfferGranted};
use super::grant::{grantable, insert_code, is_collision};
use super::models::{GrantJob, GrantJobStatus};
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::schema::offer_grant_jobs;

/// How many customers a batch grants, in one transaction.
pub const GRANT_BATCH: i64 = 50;
/// How many times a batch is retried after a code collision.
const BATCH_ATTEMPTS: usize = 5;

impl GrantJob {
    /// Starts granting offer `offer_id` to every eligible customer who lacks it, or returns the
    /// job already running for it. The caller runs it ([`GrantJob::run_batch`] until done).
    /// NOT_FOUND for another workshop's offer; BAD_USER_INPUT on `offerId` when it cannot be granted.
    pub async fn start(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        offer_id: i64,
    ) -> Result<Committed<GrantJob>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let offer = grantable(tx, workshop_id, offer_id).await?;
                if let Some(running) = GrantJob::latest(tx, workshop_id, &[offer_id])
                    .await?
                    .into_iter()
                    .find(|job| job.status == GrantJobStatus::Running)
                {
                    return Ok((running, Vec::new()));
                }
                let now = Utc::now().naive_utc();
                let total = count_pending(tx, workshop_id, offer_id, Eligibility::of(&offer)?, now).await?;
                let total = i32::try_from(total).unwrap_or(i32::MAX);
                let status = if total == 0 { GrantJobStatus::Done } else { GrantJobStatus::Running };
                let job: GrantJob = crate::run!(tx, |c| {
                    diesel::insert_into(offer_grant_jobs::table)
                        .values((
                            offer_grant_jobs::workshop_id.eq(workshop_id),
                            offer_grant_jobs::offer_id.eq(offer_id),
                            offer_grant_jobs::status.eq(status),
                            offer_grant_jobs::total.eq(total),
                            offer_grant_jobs::done.eq(0),
                            offer_grant_jobs::created_by.eq(actor.user_id),
                            offer_grant_jobs::created_at.eq(now),
                            offer_grant_jobs::updated_at.eq(now),
                            offer_grant_jobs::finished_at.eq((total == 0).then_some(now)),
                        ))
                        .returning(GrantJob::as_returning())
                        .get_result(c)
                        .await
                })?;
                let event = NewEvent::new(GRANT_JOB_STARTED, workshop_id, offer_id)
                    .by(&actor)
                    .with(&GrantJobStarted { job_id: job.id, total });
                Ok((job, vec![event]))
            })
        })
        .await
    }

    /// Job `id` of `workshop_id`.
    pub async fn find(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<Option<GrantJob>> {
        crate::run!(conn, |c| {
            offer_grant_jobs::table
                .filter(offer_grant_jobs::workshop_id.eq(workshop_id))
                .filter(offer_grant_jobs::id.eq(id))
                .select(GrantJob::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// The jobs of offers `offer_ids`, newest first (the first of an offer is its latest).
    pub async fn latest(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        offer_ids: &[i64],
    ) -> QueryResult<Vec<GrantJob>> {
        crate::run!(conn, |c| {
            offer_grant_jobs::table
                .filter(offer_grant_jobs::workshop_id.eq(workshop_id))
                .filter(offer_grant_jobs::offer_id.eq_any(offer_ids))
                .order(offer_grant_jobs::id.desc())
                .select(GrantJob::as_select())
                .load(c)
                .await
        })
    }

    /// Every job still running, of any workshop: what a starting server resumes.
    pub async fn unfinished(conn: &mut Conn<'_>) -> QueryResult<Vec<GrantJob>> {
        crate::run!(conn, |c| {
            offer_grant_jobs::table
                .filter(offer_grant_jobs::status.eq(GrantJobStatus::Running))
                .order(offer_grant_jobs::id)
                .select(GrantJob::as_select())
                .load(c)
                .await
        })
    }

    /// Grants the next batch of job `id` (up to [`GRANT_BATCH`] customers) in one transaction and
    /// counts them; a short batch, or an offer that can no longer be granted, finishes the job.
    /// Returns the job as it is after the batch (DONE when there is nothing left).
    pub async fn run_batch(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        id: i64,
    ) -> Result<Committed<GrantJob>, DomainError> {
        for _ in 0..BATCH_ATTEMPTS {
            let result = Committed::run(conn, move |tx| Box::pin(batch(tx, workshop_id, id))).await;
            match result {
                Err(err) if is_collision(&err) => continue,
                other => return other,
            }
        }
        Err(DomainError::Internal(format!("grant job {id}: a code collided in every attempt")))
    }
}

async fn batch(
    tx: &mut Conn<'_>,
    workshop_id: i64,
    id: i64,
) -> Result<(GrantJob, Vec<NewEvent>), DomainError> {
    let job = GrantJob::find(tx, workshop_id, id).await?.ok_or(DomainError::NotFound)?;
    if job.status == GrantJobStatus::Done {
        return Ok((job, Vec::new()));
    }
    let now = Utc::now().naive_utc();
    let customers = match grantable(tx, workshop_id, job.offer_id).await {
        Ok(offer) => {
            let segment = Eligibility::of(&offer)?;
            pending(tx, workshop_id, job.offer_id, segment, now, GRANT_BATCH).await?
        }
        // The partner was deactivated or the offer ended meanwhile: the job stops here.
        Err(DomainError::Invalid(_)) => Vec::new(),
        Err(other) => return Err(other),
    };
    let mut events = Vec::with_capacity(customers.len());
    for &customer_id in &customers {
        let granted = insert_code(tx, workshop_id, job.offer_id, customer_id, now).await?;
        events.push(NewEvent::new(OFFER_GRANTED, workshop_id, granted.id).with(&OfferGranted {
            offer_id: job.offer_id,
            customer_id,
            job_id: Some(job.id),
        }));
    }
    let finished = i64::try_from(customers.len()).unwrap_or(i64::MAX) < GRANT_BATCH;
    let added = i32::try_from(customers.len()).unwrap_or(i32::MAX);
    let status = if finished { GrantJobStatus::Done } else { GrantJobStatus::Running };
    let job: GrantJob = crate::run!(tx, |c| {
        diesel::update(offer_grant_jobs::table.find(id).filter(offer_grant_jobs::workshop_id.eq(workshop_id)))
            .set((
                offer_grant_jobs::done.eq(offer_grant_jobs::done + added),
                offer_grant_jobs::status.eq(status),
                offer_grant_jobs::updated_at.eq(now),
                offer_grant_jobs::finished_at.eq(finished.then_some(now)),
            ))
            .returning(GrantJob::as_returning())
            .get_result(c)
            .await
    })?;
    Ok((job, events))
}
