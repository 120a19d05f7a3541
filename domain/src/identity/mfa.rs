//! MFA for staff: TOTP enrolment (pending until confirmed with a code), ten single-use recovery
//! codes, turning it off, and what an ADMIN requires of the workshop's staff.
//!
//! A code is accepted for the current 30-second step or one either side, and never twice: the
//! step it matched is stored, and a code of that step or an earlier one is refused.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{MFA_DISABLED, MFA_ENABLED, MFA_REQUIRED_SET, MfaRequiredSet};
use super::models::{User, Workshop};
use super::secret;
use super::sign_in_history::SignInMethod;
use super::totp;
use crate::audit::{Actor, Committed, NewEvent, one_row};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::message::Message;
use crate::schema::{mfa_recovery_codes, user_totp, workshops};

/// How many recovery codes a confirmed enrolment gets.
pub const RECOVERY_CODES: usize = 10;
/// Longest code accepted (a TOTP code has 6 digits, a recovery code 10 letters and a dash).
const MAX_CODE: usize = 32;

/// What an authenticator app needs to enrol: the `otpauth://` URI (for the QR code) and the
/// secret in base32 (to type it instead).
#[derive(Debug, Clone)]
pub struct TotpEnrolment {
    pub otpauth_uri: String,
    pub secret: String,
}

/// TOTP for one user.
pub struct Mfa;

#[derive(Insertable)]
#[diesel(table_name = user_totp)]
struct NewTotp<'a> {
    user_id: i64,
    secret: &'a str,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = mfa_recovery_codes)]
struct NewRecoveryCode {
    user_id: i64,
    code_hash: String,
}

/// What CONFLICT on `mfa` says: MFA is on already.
fn already_on_message() -> Message {
    Message::new("A verificação em duas etapas já está ativa.", "Two-step verification is already on.")
}

fn already_on() -> DomainError {
    DomainError::conflict("mfa", already_on_message())
}

/// BAD_USER_INPUT on `code`: wrong, expired or used already.
pub(super) fn wrong_code() -> DomainError {
    DomainError::invalid(
        "code",
        Message::new(
            "Código inválido ou já usado. Use o código atual do aplicativo ou um código de recuperação.",
            "Invalid or already used code. Use the app's current code or a recovery code.",
        ),
    )
}

fn now_seconds() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or(0)
}

impl Mfa {
    /// Whether `user_id` has MFA on (a confirmed enrolment).
    pub async fn is_on(conn: &mut Conn<'_>, user_id: i64) -> QueryResult<bool> {
        let found: Option<i64> = crate::run!(conn, |c| {
            user_totp::table
                .filter(user_totp::user_id.eq(user_id))
                .filter(user_totp::confirmed_at.is_not_null())
                .select(user_totp::user_id)
                .first(c)
                .await
                .optional()
        })?;
        Ok(found.is_some())
    }

    /// Starts (or restarts) an enrolment: a new secret, pending until [`Mfa::confirm`].
    /// CONFLICT when MFA is on already.
    pub async fn start(
        conn: &mut Conn<'_>,
        user: &User,
        workshop: &Workshop,
    ) -> Result<TotpEnrolment, DomainError> {
        if Self::is_on(conn, user.id).await? {
            return Err(already_on());
        }
        let secret = totp::new_secret();
        let user_id = user.id;
        let row = NewTotp { user_id, secret: &secret, created_at: Utc::now().naive_utc() };
        crate::run!(conn, |c| {
            diesel::delete(
                user_totp::table
                    .filter(user_totp::user_id.eq(user_id))
                    .filter(user_totp::confirmed_at.is_null()),
            )
            .execute(c)
            .await
        })?;
        // A row confirmed by a concurrent request is the primary key this insert collides with.
        let inserted =
            crate::run!(conn, |c| diesel::insert_into(user_totp::table).values(&row).execute(c).await);
        inserted.map_err(on_unique_violation("mfa", already_on_message()))?;
        let otpauth_uri = totp::otpauth_uri(&format!("Oficina ({})", workshop.name), &user.email, &secret);
        Ok(TotpEnrolment { otpauth_uri, secret })
    }

    /// Confirms the pending enrolment with a current code: MFA is on, and the answer holds the
    /// ten recovery codes (only their hashes are kept; any older ones are dropped).
    /// BAD_USER_INPUT on `code` for a wrong code; NOT_FOUND without a pending enrolment.
    pub async fn confirm(
        conn: &mut Conn<'_>,
        user: &User,
        workshop_id: i64,
        code: &str,
    ) -> Result<Committed<Vec<String>>, DomainError> {
        let user_id = user.id;
        let pending: Option<(String, Option<NaiveDateTime>)> = crate::run!(conn, |c| {
            user_totp::table
                .find(user_id)
                .select((user_totp::secret, user_totp::confirmed_at))
                .first(c)
                .await
                .optional()
        })?;
        let secret = match pending {
            None => return Err(DomainError::NotFound),
            Some((_, Some(_))) => return Err(already_on()),
            Some((secret, None)) => secret,
        };
        let step = totp::matching_step(&secret, code.trim(), now_seconds()).ok_or_else(wrong_code)?;
        let step = i64::try_from(step).map_err(|e| DomainError::Internal(e.to_string()))?;
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| totp::new_recovery_code()).collect();
        let rows: Vec<NewRecoveryCode> = codes
            .iter()
            .map(|code| NewRecoveryCode {
                user_id,
                code_hash: secret::hash(&totp::normalize_recovery_code(code)),
            })
            .collect();
        let actor = Actor::from(user);
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let confirmed = crate::run!(tx, |c| {
                    diesel::update(
                        user_totp::table
                            .find(user_id)
                            .filter(user_totp::secret.eq(&secret))
                            .filter(user_totp::confirmed_at.is_null()),
                    )
                    .set((
                        user_totp::confirmed_at.eq(Utc::now().naive_utc()),
                        user_totp::last_used_step.eq(step),
                    ))
                    .execute(c)
                    .await
                })?;
                one_row(confirmed, already_on)?;
                crate::run!(tx, |c| {
                    diesel::delete(mfa_recovery_codes::table.filter(mfa_recovery_codes::user_id.eq(user_id)))
                        .execute(c)
                        .await
                })?;
                // One by one: SQLite takes no multi-row insert here.
                for row in &rows {
                    crate::run!(tx, |c| diesel::insert_into(mfa_recovery_codes::table)
                        .values(row)
                        .execute(c)
                        .await)?;
                }
                let event = NewEvent::new(MFA_ENABLED, workshop_id, user_id).by(actor);
                Ok((codes, vec![event]))
            })
        })
        .await
    }

    /// Turns MFA off with a current code or a recovery code: the secret and the recovery codes
    /// are dropped. BAD_USER_INPUT on `code` for a wrong or used code; NOT_FOUND when MFA is off.
    pub async fn disable(
        conn: &mut Conn<'_>,
        user: &User,
        workshop_id: i64,
        code: &str,
    ) -> Result<Committed<()>, DomainError> {
        if !Self::is_on(conn, user.id).await? {
            return Err(DomainError::NotFound);
        }
        Self::verify(conn, user.id, code).await?;
        let (user_id, actor) = (user.id, Actor::from(user));
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                crate::run!(tx, |c| {
                    diesel::delete(mfa_recovery_codes::table.filter(mfa_recovery_codes::user_id.eq(user_id)))
                        .execute(c)
                        .await
                })?;
                let removed =
                    crate::run!(tx, |c| diesel::delete(user_totp::table.find(user_id)).execute(c).await)?;
                one_row(removed, || DomainError::NotFound)?;
                Ok(((), vec![NewEvent::new(MFA_DISABLED, workshop_id, user_id).by(actor)]))
            })
        })
        .await
    }

    /// Checks a code of a user with MFA on and spends it: a TOTP code (6 digits) moves the
    /// user's last used step past it, a recovery code is marked used; both with a conditional
    /// UPDATE, so two requests cannot spend one code. Answers how it was proven, or
    /// BAD_USER_INPUT on `code`.
    pub async fn verify(conn: &mut Conn<'_>, user_id: i64, code: &str) -> Result<SignInMethod, DomainError> {
        let code = code.trim();
        if code.is_empty() || code.len() > MAX_CODE {
            return Err(wrong_code());
        }
        if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
            let secret: Option<String> = crate::run!(conn, |c| {
                user_totp::table
                    .find(user_id)
                    .filter(user_totp::confirmed_at.is_not_null())
                    .select(user_totp::secret)
                    .first(c)
                    .await
                    .optional()
            })?;
            let step = secret
                .and_then(|secret| totp::matching_step(&secret, code, now_seconds()))
                .and_then(|step| i64::try_from(step).ok())
                .ok_or_else(wrong_code)?;
            let spent = crate::run!(conn, |c| {
                diesel::update(
                    user_totp::table
                        .find(user_id)
                        .filter(user_totp::last_used_step.is_null().or(user_totp::last_used_step.lt(step))),
                )
                .set(user_totp::last_used_step.eq(step))
                .execute(c)
                .await
            })?;
            one_row(spent, wrong_code)?;
            return Ok(SignInMethod::Totp);
        }
        let hash = secret::hash(&totp::normalize_recovery_code(code));
        let spent = crate::run!(conn, |c| {
            diesel::update(
                mfa_recovery_codes::table
                    .filter(mfa_recovery_codes::user_id.eq(user_id))
                    .filter(mfa_recovery_codes::code_hash.eq(&hash))
                    .filter(mfa_recovery_codes::used_at.is_null()),
            )
            .set(mfa_recovery_codes::used_at.eq(Utc::now().naive_utc()))
            .execute(c)
            .await
        })?;
        one_row(spent, wrong_code)?;
        Ok(SignInMethod::RecoveryCode)
    }

    /// ADMIN: requires MFA of every staff member of the workshop, or stops requiring it. While
    /// required, a staff member without MFA who signs in gets a session that can only enrol.
    /// CONFLICT on `required` when the ADMIN requiring it has no MFA themselves (they would
    /// lock themselves into enrolling).
    pub async fn set_required(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        admin: &User,
        required: bool,
    ) -> Result<Committed<Workshop>, DomainError> {
        if required && !Self::is_on(conn, admin.id).await? {
            return Err(DomainError::conflict(
                "required",
                Message::new(
                    "Ative a verificação em duas etapas para você antes de exigi-la da equipe.",
                    "Turn on two-step verification for yourself before requiring it of the staff.",
                ),
            ));
        }
        let actor = Actor::from(admin);
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let changed = crate::run!(tx, |c| {
                    diesel::update(
                        workshops::table.find(workshop_id).filter(workshops::mfa_required.ne(required)),
                    )
                    .set(workshops::mfa_required.eq(required))
                    .execute(c)
                    .await
                })?;
                let workshop: Workshop = crate::run!(tx, |c| {
                    workshops::table.find(workshop_id).select(Workshop::as_select()).first(c).await
                })?;
                let events = (changed == 1)
                    .then(|| {
                        NewEvent::new(MFA_REQUIRED_SET, workshop_id, workshop_id)
                            .by(actor)
                            .with(&MfaRequiredSet { required })
                    })
                    .into_iter()
                    .collect();
                Ok((workshop, events))
            })
        })
        .await
    }
}
