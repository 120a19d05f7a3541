//! One-time links: an invitation to the customer portal or a password reset. The token is random
//! (256 bits), only its SHA-256 is stored, it expires, and it works once.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::secret;
use crate::audit::one_row;
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::one_time_tokens;
use crate::types::Email;

crate::text_enum! {
    /// What a one-time token lets its holder do.
    pub enum TokenPurpose {
        Invitation => "INVITATION",
        PasswordReset => "PASSWORD_RESET",
    }
}

/// A one-time token as stored: everything but the token itself.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = one_time_tokens, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OneTimeToken {
    pub id: i64,
    /// The inviting workshop; for a password reset, the workshop of the user's first membership.
    pub workshop_id: i64,
    pub purpose: TokenPurpose,
    /// Who the link was sent to, normalized.
    pub email: String,
    /// For an invitation: the customer record the new login will see.
    pub customer_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = one_time_tokens)]
struct NewToken<'a> {
    workshop_id: i64,
    purpose: TokenPurpose,
    token_hash: String,
    email: &'a str,
    customer_id: Option<i64>,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

/// The one message for a token that is unknown, expired or used: which of them is no one's business.
fn invalid_token() -> DomainError {
    DomainError::invalid(
        "token",
        Message::new(
            "Este link é inválido, expirou ou já foi usado. Peça um novo.",
            "This link is invalid, expired or used already. Ask for a new one.",
        ),
    )
}

impl OneTimeToken {
    /// Issues a token of `purpose` for `email`, valid for `lifetime`; returns the token, which
    /// only the message that carries the link ever holds.
    pub(super) async fn issue(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        purpose: TokenPurpose,
        email: &Email,
        customer_id: Option<i64>,
        lifetime: Duration,
    ) -> QueryResult<String> {
        let token = secret::generate();
        let now = Utc::now().naive_utc();
        let row = NewToken {
            workshop_id,
            purpose,
            token_hash: secret::hash(&token),
            email: email.as_str(),
            customer_id,
            created_at: now,
            expires_at: now + lifetime,
        };
        crate::run!(conn, |c| diesel::insert_into(one_time_tokens::table).values(&row).execute(c).await)?;
        Ok(token)
    }

    /// The unused, unexpired token of `purpose` behind `token`, else BAD_USER_INPUT on `token`.
    pub(super) async fn find_valid(
        conn: &mut Conn<'_>,
        purpose: TokenPurpose,
        token: &str,
    ) -> Result<OneTimeToken, DomainError> {
        let now = Utc::now().naive_utc();
        let found = crate::run!(conn, |c| {
            one_time_tokens::table
                .filter(one_time_tokens::token_hash.eq(secret::hash(token)))
                .filter(one_time_tokens::purpose.eq(purpose))
                .filter(one_time_tokens::used_at.is_null())
                .filter(one_time_tokens::expires_at.gt(now))
                .select(OneTimeToken::as_select())
                .first(c)
                .await
                .optional()
        })?;
        found.ok_or_else(invalid_token)
    }

    /// The address the link was sent to.
    pub(super) fn email(&self) -> Result<Email, DomainError> {
        Email::parse(&self.email)
            .map_err(|why| DomainError::unparsable("one_time_tokens", "email", &self.email, why))
    }

    /// Uses the token up, if it is still valid; else BAD_USER_INPUT on `token`. The check and the
    /// write are one statement, so of two concurrent redemptions only one succeeds.
    pub(super) async fn redeem(&self, conn: &mut Conn<'_>) -> Result<(), DomainError> {
        let now = Utc::now().naive_utc();
        let updated = crate::run!(conn, |c| {
            diesel::update(
                one_time_tokens::table
                    .find(self.id)
                    .filter(one_time_tokens::workshop_id.eq(self.workshop_id))
                    .filter(one_time_tokens::used_at.is_null())
                    .filter(one_time_tokens::expires_at.gt(now)),
            )
            .set(one_time_tokens::used_at.eq(now))
            .execute(c)
            .await
        })?;
        one_row(updated, invalid_token)
    }

    /// Voids every unused token of `purpose` sent to `email` (the other reset links, once the
    /// password changed), whichever workshop issued them: they all reach the same person.
    pub(super) async fn void_all(
        conn: &mut Conn<'_>,
        purpose: TokenPurpose,
        email: &Email,
    ) -> QueryResult<usize> {
        let now = Utc::now().naive_utc();
        crate::run!(conn, |c| {
            diesel::update(
                one_time_tokens::table
                    .filter(one_time_tokens::email.eq(email.as_str()))
                    .filter(one_time_tokens::purpose.eq(purpose))
                    .filter(one_time_tokens::used_at.is_null()),
            )
            .set(one_time_tokens::used_at.eq(now))
            .execute(c)
            .await
        })
    }
}
