//! MFA for staff (TOTP) and the sign-in history (contract: security.graphql).

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::identity::{self as domain, Mfa};
use oficina_domain::{DomainError, Message};

use super::AuthPayload;
use super::types::Workshop;
use crate::auth::{ADMIN, MfaGuard, RoleGuard, principal, set_session_cookie};
use crate::error::ApiError;
use crate::graphql::pagination::page_size;
use crate::graphql::{attempt, client_ip, conn, finish, from_id};
use crate::rate_limit::{MFA_CODE_PER_CHALLENGE, MFA_CODE_PER_IP, MFA_CODE_PER_USER, RateLimiter};

/// What an authenticator app needs to enrol.
#[derive(SimpleObject)]
pub struct TotpEnrolment {
    /// `otpauth://totp/…`: what the QR code holds.
    otpauth_uri: String,
    /// The shared secret in base32, to type into the app instead of scanning.
    secret: String,
}

/// The recovery codes of a confirmed enrolment: shown this once, each good for one sign-in.
#[derive(SimpleObject)]
pub struct RecoveryCodes {
    recovery_codes: Vec<String>,
}

/// The current user's MFA.
#[derive(SimpleObject)]
pub struct MfaStatus {
    /// MFA is on (a confirmed enrolment).
    enabled: bool,
    /// The workshop requires MFA of its staff.
    required: bool,
    /// This session can only enrol: the workshop requires MFA and the user has none yet.
    must_enrol: bool,
}

/// How a sign-in attempt proved who it was.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::identity::SignInMethod")]
pub enum SignInMethod {
    Password,
    /// A TOTP code.
    #[graphql(name = "MFA")]
    Totp,
    RecoveryCode,
    /// Sign in with Google.
    Google,
}

/// One sign-in attempt.
#[derive(SimpleObject)]
pub struct SignInRecord {
    at: DateTime<Utc>,
    /// The client's address.
    ip: String,
    user_agent: String,
    method: SignInMethod,
    succeeded: bool,
}

/// A page of sign-in attempts, newest first.
pub type SignInHistory = Connection<String, SignInRecord, EmptyFields, EmptyFields>;

/// The MFA part of the query root.
#[derive(Default)]
pub struct MfaQuery;

#[Object]
impl MfaQuery {
    /// Staff: whether MFA is on for me and required by the workshop.
    #[graphql(guard = "MfaGuard")]
    async fn mfa_status(&self, ctx: &Context<'_>) -> Result<MfaStatus, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let enabled = Mfa::is_on(&mut pooled.conn(), p.user.id).await?;
        Ok(MfaStatus { enabled, required: p.workshop.mfa_required, must_enrol: p.must_enrol_mfa })
    }

    /// The signed-in user's sign-in attempts, newest first (password steps, codes, failures
    /// included). An ADMIN may pass `userId` to read a staff member's (ADMIN, OPERATOR or
    /// MECHANIC) of the same workshop: NOT_FOUND for any other user (a customer's login, another
    /// workshop's staff); anyone else passing another user's id is FORBIDDEN.
    #[graphql(guard = "MfaGuard")]
    async fn sign_in_history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        user_id: Option<ID>,
    ) -> Result<SignInHistory, ApiError> {
        let p = principal(ctx)?;
        let other = match user_id {
            None => None,
            Some(id) => {
                let id = from_id(&id)?;
                if id != p.user.id && !ADMIN.contains(&p.membership.role) {
                    return Err(ApiError::Forbidden);
                }
                (id != p.user.id).then_some(id)
            }
        };
        let first = page_size(first)?;
        let invalid = || ApiError::bad_input("after", Message::new("Cursor inválido.", "Invalid cursor."));
        let after_id = after.as_deref().map(|a| a.parse::<i64>().map_err(|_| invalid())).transpose()?;
        let mut pooled = conn(ctx).await?;
        let page = match other {
            None => {
                domain::SignInRecord::page(&mut pooled.conn(), p.workshop.id, p.user.id, first, after_id)
                    .await?
            }
            Some(staff) => {
                domain::SignInRecord::staff_page(&mut pooled.conn(), p.workshop.id, staff, first, after_id)
                    .await?
            }
        };
        let mut connection = Connection::new(after_id.is_some(), page.has_next);
        connection.edges.extend(page.records.into_iter().map(|r| {
            Edge::new(
                r.id.to_string(),
                SignInRecord {
                    at: r.at.and_utc(),
                    ip: r.ip,
                    user_agent: r.user_agent,
                    method: r.method.into(),
                    succeeded: r.succeeded,
                },
            )
        }));
        Ok(connection)
    }
}

/// The MFA part of the mutation root.
#[derive(Default)]
pub struct MfaMutation;

#[Object]
impl MfaMutation {
    /// Trades the challenge of a `signIn` that answered MFA_REQUIRED, and a current TOTP code or
    /// an unused recovery code, for a session. A challenge lasts 5 minutes and opens one session;
    /// an unknown, expired or used one is BAD_USER_INPUT on `challenge` (sign in again). A wrong
    /// or used code is BAD_USER_INPUT on `code`; beyond 5 wrong codes on a challenge or 30 from
    /// one address in 15 minutes, RATE_LIMITED. Every attempt goes to the sign-in history.
    async fn complete_mfa_sign_in(
        &self,
        ctx: &Context<'_>,
        challenge: String,
        code: String,
    ) -> Result<AuthPayload, ApiError> {
        let limiter = ctx.data_unchecked::<RateLimiter>();
        let ip = client_ip(ctx).to_string();
        let challenge_key = oficina_domain::identity::challenge_key(&challenge);
        let attempts = [(MFA_CODE_PER_CHALLENGE, &*challenge_key), (MFA_CODE_PER_IP, &*ip)];
        limiter.count_all(&attempts).await?;
        let mut pooled = conn(ctx).await?;
        let result = domain::complete_mfa_sign_in(&mut pooled.conn(), &challenge, &code, &attempt(ctx)).await;
        if !is_wrong_code(&result) {
            limiter.uncount_all(&attempts).await;
        }
        let signed_in = finish(ctx, result).await?;
        set_session_cookie(ctx, Some(&signed_in.token));
        Ok(AuthPayload(signed_in))
    }

    /// Staff start (or restart) enrolling in TOTP: the secret stays pending until
    /// `confirmTotpEnrolment`. CONFLICT when MFA is on already. Allowed to a session that must
    /// enrol (the workshop requires MFA).
    #[graphql(guard = "MfaGuard")]
    async fn start_totp_enrolment(&self, ctx: &Context<'_>) -> Result<TotpEnrolment, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let enrolment = Mfa::start(&mut pooled.conn(), &p.user, &p.workshop).await?;
        Ok(TotpEnrolment { otpauth_uri: enrolment.otpauth_uri, secret: enrolment.secret })
    }

    /// Confirms the pending enrolment with a current code: MFA is on, and the answer holds 10
    /// single-use recovery codes, shown only now. BAD_USER_INPUT on `code` for a wrong code,
    /// NOT_FOUND without a pending enrolment, RATE_LIMITED after 10 wrong codes in 15 minutes.
    #[graphql(guard = "MfaGuard")]
    async fn confirm_totp_enrolment(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> Result<RecoveryCodes, ApiError> {
        let p = principal(ctx)?;
        let key = p.user.id.to_string();
        let limiter = ctx.data_unchecked::<RateLimiter>();
        limiter.count_all(&[(MFA_CODE_PER_USER, &key)]).await?;
        let mut pooled = conn(ctx).await?;
        let result = Mfa::confirm(&mut pooled.conn(), &p.user, p.workshop.id, &code).await;
        if !is_wrong_code(&result) {
            limiter.uncount_all(&[(MFA_CODE_PER_USER, &key)]).await;
        }
        Ok(RecoveryCodes { recovery_codes: finish(ctx, result).await? })
    }

    /// Turns MFA off with a current code or a recovery code. BAD_USER_INPUT on `code` for a
    /// wrong or used one, NOT_FOUND when MFA is off, RATE_LIMITED after 10 wrong codes in 15
    /// minutes.
    #[graphql(guard = "MfaGuard")]
    async fn disable_totp(&self, ctx: &Context<'_>, code: String) -> Result<bool, ApiError> {
        let p = principal(ctx)?;
        let key = p.user.id.to_string();
        let limiter = ctx.data_unchecked::<RateLimiter>();
        limiter.count_all(&[(MFA_CODE_PER_USER, &key)]).await?;
        let mut pooled = conn(ctx).await?;
        let result = Mfa::disable(&mut pooled.conn(), &p.user, p.workshop.id, &code).await;
        if !is_wrong_code(&result) {
            limiter.uncount_all(&[(MFA_CODE_PER_USER, &key)]).await;
        }
        finish(ctx, result).await?;
        Ok(true)
    }

    /// ADMIN requires MFA of every staff member of the workshop, or stops requiring it. While
    /// it is required, a staff member without MFA who signs in gets a session that can only
    /// enrol: every other staff operation answers MFA_ENROLMENT_REQUIRED until they confirm an
    /// enrolment (`me`, `signOut`, `mfaStatus` and the TOTP operations still work). CONFLICT on
    /// `required` when the ADMIN has no MFA themselves.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn set_mfa_required(&self, ctx: &Context<'_>, required: bool) -> Result<Workshop, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result = Mfa::set_required(&mut pooled.conn(), p.workshop.id, &p.user, required).await;
        Ok(Workshop(finish(ctx, result).await?))
    }
}

/// Whether a command failed on a wrong code (what the MFA rate limits count).
fn is_wrong_code<T>(result: &Result<T, DomainError>) -> bool {
    matches!(result, Err(DomainError::Invalid(e)) if e.field == "code")
}
