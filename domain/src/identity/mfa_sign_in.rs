//! Signing in with MFA: a user with MFA on who gives the right password gets a short-lived,
//! single-use challenge instead of a session, and trades it with a code for the session.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{SESSION_STARTED, SessionStarted};
use super::mfa::Mfa;
use super::models::{Membership, User, Workshop};
use super::secret;
use super::session::{SignedIn, open};
use super::sign_in_history::Attempt;
use crate::audit::{Committed, NewEvent, one_row};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{memberships, mfa_challenges, users, workshops};

/// How long a challenge can be traded for a session.
const CHALLENGE_LIFETIME: Duration = Duration::minutes(5);

/// What a right password gives.
pub enum SignInOutcome {
    /// A session (the user has MFA off).
    SignedIn(Box<Committed<SignedIn>>),
    /// The user has MFA on: the challenge to send with a code to `completeMfaSignIn`.
    MfaRequired { challenge: String },
}

#[derive(Insertable)]
#[diesel(table_name = mfa_challenges)]
struct NewChallenge {
    membership_id: i64,
    token_hash: String,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

/// BAD_USER_INPUT on `challenge`: unknown, expired or used.
fn stale_challenge() -> DomainError {
    DomainError::invalid(
        "challenge",
        Message::new(
            "A verificação expirou ou já foi usada. Entre de novo com e-mail e senha.",
            "The verification expired or was already used. Sign in again with e-mail and password.",
        ),
    )
}

/// A challenge as a rate limit counts it: its hash, so the token itself is not kept anywhere.
pub fn challenge_key(challenge: &str) -> String {
    secret::hash(challenge)
}

/// A new challenge for `membership_id`; returns the token (only its hash is stored).
pub(super) async fn new_challenge(conn: &mut Conn<'_>, membership_id: i64) -> QueryResult<String> {
    let token = secret::generate();
    let now = Utc::now().naive_utc();
    let row = NewChallenge {
        membership_id,
        token_hash: secret::hash(&token),
        created_at: now,
        expires_at: now + CHALLENGE_LIFETIME,
    };
    crate::run!(conn, |c| diesel::insert_into(mfa_challenges::table).values(&row).execute(c).await)?;
    Ok(token)
}

/// Trades a challenge and a code (TOTP or recovery) for a session. Every attempt is recorded in
/// the user's sign-in history. BAD_USER_INPUT on `challenge` when it is unknown, expired or used;
/// on `code` when the code is wrong or used already.
pub async fn complete_mfa_sign_in(
    conn: &mut Conn<'_>,
    challenge: &str,
    code: &str,
    attempt: &Attempt,
) -> Result<Committed<SignedIn>, DomainError> {
    let hash = secret::hash(challenge);
    let now = Utc::now().naive_utc();
    let found: Option<(i64, Membership, User, Workshop)> = crate::run!(conn, |c| {
        mfa_challenges::table
            .inner_join(memberships::table.inner_join(users::table).inner_join(workshops::table))
            .filter(mfa_challenges::token_hash.eq(&hash))
            .filter(mfa_challenges::used_at.is_null())
            .filter(mfa_challenges::expires_at.gt(now))
            .select((mfa_challenges::id, Membership::as_select(), User::as_select(), Workshop::as_select()))
            .first(c)
            .await
            .optional()
    })?;
    let (challenge_id, membership, user, workshop) = found.ok_or_else(stale_challenge)?;
    let method = match Mfa::verify(conn, user.id, code).await {
        Ok(method) => method,
        Err(err) => {
            attempt.record(conn, user.id, super::SignInMethod::Totp, false).await?;
            return Err(err);
        }
    };
    let attempt = attempt.clone();
    Committed::run(conn, move |tx| {
        Box::pin(async move {
            let used = crate::run!(tx, |c| {
                diesel::update(
                    mfa_challenges::table.find(challenge_id).filter(mfa_challenges::used_at.is_null()),
                )
                .set(mfa_challenges::used_at.eq(Utc::now().naive_utc()))
                .execute(c)
                .await
            })?;
            one_row(used, stale_challenge)?;
            let (session_id, token) = open(tx, &membership).await?;
            attempt.record(tx, user.id, method, true).await?;
            let event = NewEvent::new(SESSION_STARTED, workshop.id, session_id)
                .by(&user)
                .with(&SessionStarted { role: membership.role });
            Ok((SignedIn { token, user, membership, workshop }, vec![event]))
        })
    })
    .await
}
