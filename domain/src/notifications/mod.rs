//! The outbox: messages to people (e-mails), recorded in the transaction of the change that causes
//! them and delivered after commit by the api's worker, so nothing is sent for a change that rolled
//! back. A worker claims due rows for a lease, and records in each row when it starts sending it
//! (`sending_at`), so several workers (one per node) never deliver the same row; a failure the
//! mail service reports is retried with exponential backoff. Delivery is at most once: a message
//! started whose lease ran out with no outcome recorded (the worker crashed between sending and
//! recording), or whose outcome is unknown (no answer in time), may have gone out, so it is given
//! up on ([`INTERRUPTED`]), never sent again. The rest of a crashed worker's claim, never started,
//! is claimed again once the lease runs out.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::{Deserialize, Serialize};

use crate::db::Conn;
use crate::schema::notifications;
use crate::types::Email;

mod recipients;

pub use recipients::Recipient;

/// How long a claimed row is left to the worker that claimed it, counted again from the start of
/// its sending: after this, a row not started is claimed again, and a row started with no outcome
/// recorded counts as interrupted. Far longer than one delivery may take.
pub const CLAIM_LEASE: Duration = Duration::minutes(5);

/// The `last_error` of a message whose delivery was interrupted (its claim's lease ran out with
/// no outcome) or whose outcome is unknown: it is not sent again, as it may have gone out.
pub const INTERRUPTED: &str = "interrupted delivery; not resent";

/// Deliveries tried before a message is given up on (processed, with its last error).
pub const MAX_ATTEMPTS: i32 = 12;

/// The `last_error` of a notification taken back before it was sent.
pub const WITHDRAWN: &str = "withdrawn";

/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::hours(1);

/// What a message says: its template and the template's data. The api renders it in the
/// recipient's language, with the notification's secret in the link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mail {
    /// An invitation to a workshop's customer portal; the secret is the invitation token.
    Invitation { workshop: String, customer: String },
    /// A link to choose a new password; the secret is the reset token.
    PasswordReset { name: String },
    /// The reminder of an appointment, sent the workshop's reminder hours before it; no secret.
    AppointmentReminder {
        workshop: String,
        customer: String,
        plate: String,
        /// The start, in UTC.
        starts_at: DateTime<Utc>,
        /// The workshop's IANA zone, to show the start in its local time.
        time_zone: String,
    },
    /// A link to follow a service order's status without signing in; the secret is the link's token.
    StatusLink { workshop: String, customer: String, number: i64, plate: String },
    /// A staff message the customer did not read within minutes of its sending; no secret.
    NewChatMessage { workshop: String, customer: String },
    /// The satisfaction survey of a finished service order; the secret is the survey token.
    NpsSurvey { workshop: String, customer: String, order_number: i64 },
    /// To an admin: a customer answered the survey as a detractor (0–6); no secret.
    NpsDetractor {
        workshop: String,
        customer: String,
        order_number: i64,
        score: i32,
        comment: Option<String>,
    },
    /// A customer reached a VISITS reward: "Sua próxima revisão é grátis"; no secret.
    LoyaltyReward { workshop: String, customer: String, program: String, reward: String },
}

impl Mail {
    /// The template's name, as in the `kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            Mail::Invitation { .. } => "INVITATION",
            Mail::PasswordReset { .. } => "PASSWORD_RESET",
            Mail::AppointmentReminder { .. } => "APPOINTMENT_REMINDER",
            Mail::StatusLink { .. } => "STATUS_LINK",
            Mail::NewChatMessage { .. } => "NEW_CHAT_MESSAGE",
            Mail::NpsSurvey { .. } => "NPS_SURVEY",
            Mail::NpsDetractor { .. } => "NPS_DETRACTOR",
            Mail::LoyaltyReward { .. } => "LOYALTY_REWARD",
        }
    }
}

/// A message waiting in the outbox, as a worker claims it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Notification {
    pub id: i64,
    pub workshop_id: i64,
    pub recipient: String,
    /// `pt-BR` or `en`.
    pub locale: String,
    /// The [`Mail`], as JSON.
    pub payload: String,
    /// The one-time token the message's link carries; erased once the message is processed.
    pub secret: Option<String>,
    /// Deliveries tried so far.
    pub attempts: i32,
}

#[derive(Insertable)]
#[diesel(table_name = notifications)]
struct NewNotification<'a> {
    workshop_id: i64,
    kind: &'a str,
    recipient: &'a str,
    locale: &'a str,
    payload: String,
    secret: Option<&'a str>,
    created_at: NaiveDateTime,
    next_attempt_at: NaiveDateTime,
}

/// The wait after the `attempts`-th failure: 2 s, 4 s, 8 s… up to an hour.
fn backoff(attempts: i32) -> Duration {
    let seconds = 2i64.saturating_pow(attempts.clamp(1, 31) as u32);
    Duration::seconds(seconds).min(MAX_BACKOFF)
}

impl Notification {
    /// Queues `mail` for `recipient`; call it inside the transaction of the change that causes it.
    pub(crate) async fn enqueue(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        recipient: &Email,
        locale: &str,
        mail: &Mail,
        secret: &str,
    ) -> QueryResult<()> {
        Self::enqueue_at(conn, workshop_id, recipient, locale, mail, Some(secret), Utc::now()).await?;
        Ok(())
    }

    /// Queues `mail` for `recipient`, due at `due_at` (a reminder), with the secret its link
    /// carries if it needs one; returns the notification's id. Call it inside the transaction of
    /// the change that causes it.
    pub(crate) async fn enqueue_at(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        recipient: &Email,
        locale: &str,
        mail: &Mail,
        secret: Option<&str>,
        due_at: DateTime<Utc>,
    ) -> QueryResult<i64> {
        let row = NewNotification {
            workshop_id,
            kind: mail.kind(),
            recipient: recipient.as_str(),
            locale,
            payload: serde_json::to_string(mail).expect("a Mail serializes"),
            secret,
            created_at: Utc::now().naive_utc(),
            next_attempt_at: due_at.naive_utc(),
        };
        crate::run!(conn, |c| {
            diesel::insert_into(notifications::table)
                .values(&row)
                .returning(notifications::id)
                .get_result(c)
                .await
        })
    }

    /// Takes back an unsent notification of `workshop_id` (the reminder of an appointment that
    /// was cancelled or moved): it is marked processed with the error `withdrawn` and never
    /// sent. One already processed stays as it is. Whether it was withdrawn (still unsent).
    pub(crate) async fn withdraw(conn: &mut Conn<'_>, workshop_id: i64, id: i64) -> QueryResult<bool> {
        let withdrawn = crate::run!(conn, |c| {
            diesel::update(
                notifications::table
                    .filter(notifications::workshop_id.eq(workshop_id))
                    .filter(notifications::id.eq(id))
                    .filter(notifications::processed_at.is_null()),
            )
            .set((
                notifications::processed_at.eq(Utc::now().naive_utc()),
                notifications::last_error.eq(WITHDRAWN),
                notifications::secret.eq(None::<String>),
            ))
            .execute(c)
            .await
        })?;
        Ok(withdrawn == 1)
    }

    /// The message to render.
    pub fn mail(&self) -> serde_json::Result<Mail> {
        serde_json::from_str(&self.payload)
    }

    /// Claims up to `limit` due messages, oldest first, for [`CLAIM_LEASE`]: until then no other
    /// worker claims them. First gives up on the messages whose sending started and whose lease
    /// ran out with no outcome ([`INTERRUPTED`]: they may have gone out). Call
    /// [`Notification::start_sending`] before sending each. The worker serves every workshop, so
    /// these are the updates by id alone.
    pub async fn claim_due(conn: &mut Conn<'_>, limit: i64) -> QueryResult<Vec<Notification>> {
        conn.transaction(|tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let interrupted = crate::run!(tx, |c| {
                    diesel::update(
                        notifications::table
                            .filter(notifications::processed_at.is_null())
                            .filter(notifications::sending_at.is_not_null())
                            .filter(notifications::next_attempt_at.le(now)),
                    )
                    .set((
                        notifications::attempts.eq(notifications::attempts + 1),
                        notifications::processed_at.eq(now),
                        notifications::last_error.eq(INTERRUPTED),
                        notifications::secret.eq(None::<String>),
                    ))
                    .execute(c)
                    .await
                })?;
                if interrupted > 0 {
                    tracing::warn!(
                        interrupted,
                        "outbox: deliveries interrupted with no outcome given up on, not resent"
                    );
                }
                let due = notifications::table
                    .filter(notifications::processed_at.is_null())
                    .filter(notifications::sending_at.is_null())
                    .filter(notifications::next_attempt_at.le(now))
                    .order(notifications::id)
                    .limit(limit);
                let claimed: Vec<Notification> = match tx {
                    // Rows another node is claiming right now are skipped, not waited for.
                    Conn::Postgres(c) => {
                        due.select(Notification::as_select())
                            .for_update()
                            .skip_locked()
                            .load(&mut **c)
                            .await?
                    }
                    // The immediate transaction holds the database's only write lock already.
                    Conn::Sqlite(c) => due.select(Notification::as_select()).load(&mut **c).await?,
                };
                let ids: Vec<i64> = claimed.iter().map(|n| n.id).collect();
                crate::run!(tx, |c| {
                    diesel::update(notifications::table.filter(notifications::id.eq_any(&ids)))
                        .set(notifications::next_attempt_at.eq(now + CLAIM_LEASE))
                        .execute(c)
                        .await
                })?;
                Ok(claimed)
            })
        })
        .await
    }

    /// Records that this worker starts sending the claimed message, and gives it a fresh
    /// [`CLAIM_LEASE`] to record the outcome in. `false` when another worker started it already
    /// (this one's lease ran out meanwhile) or it is processed: then it must not be sent.
    pub async fn start_sending(&self, conn: &mut Conn<'_>) -> QueryResult<bool> {
        let now = Utc::now().naive_utc();
        let started = crate::run!(conn, |c| {
            diesel::update(
                notifications::table
                    .find(self.id)
                    .filter(notifications::workshop_id.eq(self.workshop_id))
                    .filter(notifications::processed_at.is_null())
                    .filter(notifications::sending_at.is_null()),
            )
            .set((notifications::sending_at.eq(now), notifications::next_attempt_at.eq(now + CLAIM_LEASE)))
            .execute(c)
            .await
        })?;
        Ok(started == 1)
    }

    /// Records that the message went out, and erases its secret.
    pub async fn record_delivery(&self, conn: &mut Conn<'_>) -> QueryResult<()> {
        let now = Utc::now().naive_utc();
        crate::run!(conn, |c| {
            diesel::update(
                notifications::table.find(self.id).filter(notifications::workshop_id.eq(self.workshop_id)),
            )
            .set((
                notifications::attempts.eq(self.attempts + 1),
                notifications::processed_at.eq(now),
                notifications::secret.eq(None::<String>),
                notifications::sending_at.eq(None::<NaiveDateTime>),
            ))
            .execute(c)
            .await
        })?;
        Ok(())
    }

    /// Records a delivery whose outcome is unknown (the mail service did not answer in time):
    /// processed with [`INTERRUPTED`] and `error`, secret erased, never sent again.
    pub async fn record_unknown_outcome(&self, conn: &mut Conn<'_>, error: &str) -> QueryResult<()> {
        let now = Utc::now().naive_utc();
        let error = format!("{INTERRUPTED}: {error}");
        crate::run!(conn, |c| {
            diesel::update(
                notifications::table.find(self.id).filter(notifications::workshop_id.eq(self.workshop_id)),
            )
            .set((
                notifications::attempts.eq(self.attempts + 1),
                notifications::last_error.eq(&error),
                notifications::processed_at.eq(now),
                notifications::secret.eq(None::<String>),
                notifications::sending_at.eq(None::<NaiveDateTime>),
            ))
            .execute(c)
            .await
        })?;
        Ok(())
    }

    /// Records a failed delivery the mail service reported (the message did not go out): retried
    /// after a backoff, or given up on (processed, secret erased) after [`MAX_ATTEMPTS`].
    pub async fn record_failure(&self, conn: &mut Conn<'_>, error: &str) -> QueryResult<()> {
        let now = Utc::now().naive_utc();
        let attempts = self.attempts + 1;
        let given_up = attempts >= MAX_ATTEMPTS;
        crate::run!(conn, |c| {
            diesel::update(
                notifications::table.find(self.id).filter(notifications::workshop_id.eq(self.workshop_id)),
            )
            .set((
                notifications::attempts.eq(attempts),
                notifications::last_error.eq(error),
                notifications::next_attempt_at.eq(now + backoff(attempts)),
                notifications::processed_at.eq(given_up.then_some(now)),
                notifications::secret.eq(self.secret.as_deref().filter(|_| !given_up)),
                notifications::sending_at.eq(None::<NaiveDateTime>),
            ))
            .execute(c)
            .await
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(2));
        assert_eq!(backoff(2), Duration::seconds(4));
        assert_eq!(backoff(11), Duration::seconds(2048));
        assert_eq!(backoff(12), Duration::hours(1));
        assert_eq!(backoff(100), Duration::hours(1));
    }

    #[test]
    fn a_mail_is_stored_with_its_kind() {
        let mail = Mail::Invitation { workshop: "Oficina do Zé".into(), customer: "Carla".into() };
        let json: serde_json::Value = serde_json::to_value(&mail).unwrap();
        assert_eq!(json["kind"], mail.kind());
        assert_eq!(serde_json::from_value::<Mail>(json).unwrap(), mail);
        let reset = Mail::PasswordReset { name: "Zé".into() };
        assert_eq!(serde_json::to_value(&reset).unwrap()["kind"], reset.kind());
    }
}
