//! Sessions: signing in opens one (only its token's hash is stored), signing out or a password
//! reset ends it, and every request finds its [`Principal`] by the token.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::api_token::{API_TOKEN_PREFIX, ApiToken, ApiTokenGrant, ApiTokenScope};
use super::events::{API_TOKEN_REVOKED, PASSWORD_RESET, SESSION_ENDED, SESSION_STARTED, SessionStarted};
use super::mfa::Mfa;
use super::mfa_sign_in::{SignInOutcome, new_challenge};
use super::models::{Membership, User, Workshop};
use super::secret;
use super::sign_in_history::{Attempt, SignInMethod};
use crate::audit::{Actor, Committed, Event, NewEvent, one_row};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{memberships, sessions, user_totp, users, workshops};
use crate::types::{Email, PasswordHash};

/// How long a session lasts without signing in again.
const SESSION_LIFETIME: Duration = Duration::days(30);

/// Who a valid session token belongs to: the user, and the membership it acts as.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The session's id; for an API token, minus the token's id, so the two never share a key
    /// (the WebSocket connections are counted per this id).
    pub session_id: i64,
    /// When the session stops being valid unless it is ended before.
    pub expires_at: DateTime<Utc>,
    pub user: User,
    pub membership: Membership,
    pub workshop: Workshop,
    /// The API token the request acts with, `None` for a person's session.
    pub api_token: Option<ApiTokenGrant>,
    /// The workshop requires MFA of its staff, this is a staff membership and the user has not
    /// enrolled yet: the session can only enrol (and read who it is, or sign out).
    pub must_enrol_mfa: bool,
}

/// A new session and who it belongs to.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub user: User,
    pub membership: Membership,
    pub workshop: Workshop,
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSession {
    workshop_id: i64,
    membership_id: i64,
    token_hash: String,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

impl Principal {
    /// The actor recorded on the events this principal causes.
    pub fn actor(&self) -> Actor {
        Actor::from(&self.user)
    }

    /// The live session behind `token`, or `None` when it is unknown, expired or signed out; a
    /// token with [`API_TOKEN_PREFIX`] is an API token, which acts as its service user.
    pub async fn from_token(conn: &mut Conn<'_>, token: &str) -> QueryResult<Option<Principal>> {
        if token.starts_with(API_TOKEN_PREFIX) {
            let found = ApiToken::authenticate(conn, token).await?;
            return Ok(found.map(|(api_token, user, membership, workshop)| Principal {
                session_id: -api_token.id,
                expires_at: api_token.expires_at.and_utc(),
                user,
                membership,
                workshop,
                // A token is no person signing in: MFA does not apply to it.
                must_enrol_mfa: false,
                api_token: Some(api_token.grant()),
            }));
        }
        let now = Utc::now().naive_utc();
        let row: Option<(i64, NaiveDateTime, User, Membership, Workshop, Option<i64>)> =
            crate::run!(conn, |c| {
                sessions::table
                    .inner_join(memberships::table.inner_join(users::table))
                    .inner_join(workshops::table)
                    .left_join(
                        user_totp::table.on(user_totp::user_id
                            .eq(memberships::user_id)
                            .and(user_totp::confirmed_at.is_not_null())),
                    )
                    .filter(sessions::token_hash.eq(secret::hash(token)))
                    .filter(sessions::revoked_at.is_null())
                    .filter(sessions::expires_at.gt(now))
                    .select((
                        sessions::id,
                        sessions::expires_at,
                        User::as_select(),
                        Membership::as_select(),
                        Workshop::as_select(),
                        user_totp::user_id.nullable(),
                    ))
                    .first(c)
                    .await
                    .optional()
            })?;
        Ok(row.map(|(session_id, expires_at, user, membership, workshop, enrolled)| Principal {
            session_id,
            expires_at: expires_at.and_utc(),
            must_enrol_mfa: workshop.mfa_required && membership.role.is_staff() && enrolled.is_none(),
            user,
            membership,
            workshop,
            api_token: None,
        }))
    }

    /// Whether this principal may change anything: not with a READ_ONLY API token.
    pub fn may_write(&self) -> bool {
        self.api_token.is_none_or(|grant| grant.scope == ApiTokenScope::ReadWrite)
    }

    /// Whether `event` ends this principal's session: its sign-out, a password reset of its
    /// user (which ends every session of the user), the revocation of its API token, or the
    /// deactivation of the partner it acts for.
    pub fn is_ended_by(&self, event: &Event) -> bool {
        if let Some(grant) = self.api_token {
            return event.kind == API_TOKEN_REVOKED.name && event.aggregate_id == grant.id;
        }
        (event.kind == SESSION_ENDED.name && event.aggregate_id == self.session_id)
            || (event.kind == PASSWORD_RESET.name && event.aggregate_id == self.user.id)
            || (event.kind == crate::partners::events::PARTNER_DEACTIVATED.name
                && event.workshop_id == self.workshop.id
                && self.membership.partner_id == Some(event.aggregate_id))
    }

    /// Checks an e-mail and password and opens a session, or, for a user with MFA on, answers
    /// a challenge to trade with a code ([`super::complete_mfa_sign_in`]). With several
    /// memberships, `workshop_id` picks one, else the oldest. The attempt on a known user is
    /// recorded in their sign-in history (a right password that awaits a code as PASSWORD,
    /// succeeded: the session opens on the code's own row).
    pub async fn sign_in(
        conn: &mut Conn<'_>,
        email: &str,
        password: &str,
        workshop_id: Option<i64>,
        attempt: &Attempt,
    ) -> Result<SignInOutcome, DomainError> {
        let email = Email::parse(email).map_err(DomainError::invalid_at("email"))?;
        let user = User::find_by_email(conn, &email).await?;
        let stored = user.as_ref().and_then(|u| u.password_hash.clone());
        let verified = PasswordHash::verify(stored, password).await?;
        if let Some(user) = user.as_ref().filter(|_| !verified) {
            attempt.record(conn, user.id, SignInMethod::Password, false).await?;
        }
        let Some(user) = user.filter(|_| verified) else {
            return Err(DomainError::InvalidCredentials);
        };
        open_for(conn, user, workshop_id, SignInMethod::Password, attempt).await
    }

    /// Moves this principal to the user's membership of `workshop_id` (a user who is a customer
    /// of two workshops picks one): a new session on that membership, and this one ended, in one
    /// transaction. NOT_FOUND when the user is not a member of that workshop.
    pub async fn switch_workshop(
        &self,
        conn: &mut Conn<'_>,
        workshop_id: i64,
    ) -> Result<Committed<SignedIn>, DomainError> {
        let (membership, workshop) = User::memberships(conn, self.user.id)
            .await?
            .into_iter()
            .find(|(m, _)| m.workshop_id == workshop_id)
            .ok_or(DomainError::NotFound)?;
        let (user, old_session, old_workshop) = (self.user.clone(), self.session_id, self.workshop.id);
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let ended = crate::run!(tx, |c| {
                    diesel::update(
                        sessions::table
                            .find(old_session)
                            .filter(sessions::workshop_id.eq(old_workshop))
                            .filter(sessions::revoked_at.is_null()),
                    )
                    .set(sessions::revoked_at.eq(Utc::now().naive_utc()))
                    .execute(c)
                    .await
                })?;
                // A session a concurrent request ended already cannot be traded for another.
                one_row(ended, || DomainError::NotFound)?;
                let (session_id, token) = open(tx, &membership).await?;
                let events = vec![
                    NewEvent::new(SESSION_ENDED, old_workshop, old_session).by(&user),
                    NewEvent::new(SESSION_STARTED, workshop.id, session_id)
                        .by(&user)
                        .with(&SessionStarted { role: membership.role }),
                ];
                Ok((SignedIn { token, user, membership, workshop }, events))
            })
        })
        .await
    }

    /// Ends this principal's session at once. A session that a concurrent request ended already
    /// is left as it is, and records no second `session.ended`.
    pub async fn sign_out(&self, conn: &mut Conn<'_>) -> Result<Committed<()>, DomainError> {
        let (session_id, workshop_id, actor) = (self.session_id, self.workshop.id, self.actor());
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let ended = crate::run!(tx, |c| {
                    diesel::update(
                        sessions::table
                            .find(session_id)
                            .filter(sessions::workshop_id.eq(workshop_id))
                            .filter(sessions::revoked_at.is_null()),
                    )
                    .set(sessions::revoked_at.eq(now))
                    .execute(c)
                    .await
                })?;
                let events =
                    (ended == 1).then(|| NewEvent::new(SESSION_ENDED, workshop_id, session_id).by(actor));
                Ok(((), events.into_iter().collect()))
            })
        })
        .await
    }
}

/// Opens a session for `user`, who proved who they are by `method` (a password, Google): on
/// their membership of `workshop_id`, else their oldest; for a user with MFA on, a challenge to
/// trade with a code instead. The attempt goes to the user's sign-in history (awaiting a code, as
/// succeeded: the session opens on the code's own row).
pub(super) async fn open_for(
    conn: &mut Conn<'_>,
    user: User,
    workshop_id: Option<i64>,
    method: SignInMethod,
    attempt: &Attempt,
) -> Result<SignInOutcome, DomainError> {
    let memberships = User::memberships(conn, user.id).await?;
    let chosen = match workshop_id {
        Some(id) => memberships.into_iter().find(|(m, _)| m.workshop_id == id),
        None => memberships.into_iter().next(),
    };
    let Some((membership, workshop)) = chosen else {
        return Err(match workshop_id {
            Some(_) => DomainError::invalid(
                "workshopId",
                Message::new("Você não faz parte desta oficina.", "You are not a member of this workshop."),
            ),
            None => DomainError::InvalidCredentials,
        });
    };
    if Mfa::is_on(conn, user.id).await? {
        attempt.record(conn, user.id, method, true).await?;
        let challenge = new_challenge(conn, membership.id).await?;
        return Ok(SignInOutcome::MfaRequired { challenge });
    }
    let attempt = attempt.clone();
    let committed = Committed::run(conn, move |tx| {
        Box::pin(async move {
            let (session_id, token) = open(tx, &membership).await?;
            attempt.record(tx, user.id, method, true).await?;
            let event = NewEvent::new(SESSION_STARTED, workshop.id, session_id)
                .by(&user)
                .with(&SessionStarted { role: membership.role });
            Ok((SignedIn { token, user, membership, workshop }, vec![event]))
        })
    })
    .await?;
    Ok(SignInOutcome::SignedIn(Box::new(committed)))
}

/// Opens a session for `membership`; returns its id and the token (only its hash is stored).
pub(super) async fn open(conn: &mut Conn<'_>, membership: &Membership) -> QueryResult<(i64, String)> {
    let token = secret::generate();
    let now = Utc::now().naive_utc();
    let row = NewSession {
        workshop_id: membership.workshop_id,
        membership_id: membership.id,
        token_hash: secret::hash(&token),
        created_at: now,
        expires_at: now + SESSION_LIFETIME,
    };
    let id = crate::run!(conn, |c| {
        diesel::insert_into(sessions::table).values(&row).returning(sessions::id).get_result(c).await
    })?;
    Ok((id, token))
}

/// Ends every live session of a user, in every workshop (a user is not tied to one, so this
/// update alone spans workshops); returns how many.
pub(super) async fn revoke_all_of_user(conn: &mut Conn<'_>, user_id: i64) -> QueryResult<usize> {
    let now = Utc::now().naive_utc();
    let memberships_of_user =
        memberships::table.filter(memberships::user_id.eq(user_id)).select(memberships::id);
    crate::run!(conn, |c| {
        diesel::update(
            sessions::table
                .filter(sessions::membership_id.eq_any(memberships_of_user))
                .filter(sessions::revoked_at.is_null()),
        )
        .set(sessions::revoked_at.eq(now))
        .execute(c)
        .await
    })
}
