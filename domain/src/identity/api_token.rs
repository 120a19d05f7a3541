//! API tokens for integrators: an ADMIN creates a named token with a scope and an expiry; its
//! secret (`ofc_` and 256 random bits) is shown once and only its SHA-256 is kept. A token acts
//! as a service user of the workshop, created with it, whose ADMIN membership its scope limits.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{API_TOKEN_CREATED, API_TOKEN_REVOKED, ApiTokenCreated};
use super::models::{Membership, Role, User, Workshop};
use super::secret;
use crate::audit::{Actor, Committed, NewEvent, one_row};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{api_tokens, memberships, users, workshops};
use crate::types::{Email, Text};

/// What every API token's secret starts with, so that it is recognisable (by people and by
/// secret scanners) and told apart from a session token.
pub const API_TOKEN_PREFIX: &str = "ofc_";
/// The longest name a token may have.
const NAME_MAX: usize = 100;
/// How far ahead a token may expire.
const MAX_LIFETIME: Duration = Duration::days(731);
/// How stale `last_used_at` may get before a request updates it.
const LAST_USED_PRECISION: Duration = Duration::minutes(1);

crate::text_enum! {
    /// What an API token may do with its ADMIN role.
    pub enum ApiTokenScope {
        ReadOnly => "READ_ONLY",
        ReadWrite => "READ_WRITE",
    }
}

/// An API token as stored: everything but its secret.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = api_tokens, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ApiToken {
    pub id: i64,
    pub workshop_id: i64,
    /// The service user's ADMIN membership the token acts as.
    pub membership_id: i64,
    pub name: String,
    pub scope: ApiTokenScope,
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// What an ADMIN fills in to create a token.
pub struct ApiTokenInput {
    pub name: String,
    pub scope: ApiTokenScope,
    pub expires_at: DateTime<Utc>,
}

/// A new token and its secret, which nothing returns again.
#[derive(Debug, Clone)]
pub struct CreatedApiToken {
    pub secret: String,
    pub token: ApiToken,
}

/// The token a request acts with: which one, and its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiTokenGrant {
    pub id: i64,
    pub scope: ApiTokenScope,
}

#[derive(Insertable)]
#[diesel(table_name = api_tokens)]
struct NewApiToken<'a> {
    workshop_id: i64,
    membership_id: i64,
    name: &'a str,
    scope: ApiTokenScope,
    token_hash: String,
    created_by: i64,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

/// The expiry, unless it is past or more than two years ahead (BAD_USER_INPUT on `expiresAt`).
fn checked_expiry(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<NaiveDateTime, DomainError> {
    let message = if expires_at <= now {
        Message::new("A validade deve ser uma data futura.", "The expiry must be in the future.")
    } else if expires_at > now + MAX_LIFETIME {
        Message::new("A validade pode ser de no máximo 2 anos.", "The expiry can be at most 2 years ahead.")
    } else {
        return Ok(expires_at.naive_utc());
    };
    Err(DomainError::invalid("expiresAt", message))
}

impl ApiToken {
    /// An ADMIN (`actor`) creates a token for `workshop_id`: its service user (named as the
    /// token, with no password) and that user's ADMIN membership, the token and its event, in one
    /// transaction.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: ApiTokenInput,
    ) -> Result<Committed<CreatedApiToken>, DomainError> {
        let name = Text::required(
            &input.name,
            NAME_MAX,
            Message::new("Informe o nome do token.", "Enter the token's name."),
        )
        .map_err(DomainError::invalid_at("name"))?;
        let now = Utc::now();
        let expires_at = checked_expiry(input.expires_at, now)?;
        let (scope, actor) = (input.scope, actor.clone());
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                // Unique, and no one's: no mail reaches it and the user has no password.
                let address =
                    format!("api-token-{}@tokens.oficina.invalid", &secret::hash(&secret::generate())[..32]);
                let email = Email::parse(&address).map_err(DomainError::invalid_at("name"))?;
                let user = User::create(tx, name.as_str(), &email, None).await?;
                let membership = Membership::create(tx, workshop_id, user.id, Role::Admin, None).await?;
                let secret = format!("{API_TOKEN_PREFIX}{}", secret::generate());
                let row = NewApiToken {
                    workshop_id,
                    membership_id: membership.id,
                    name: name.as_str(),
                    scope,
                    token_hash: secret::hash(&secret),
                    created_by: actor.user_id,
                    created_at: now.naive_utc(),
                    expires_at,
                };
                let token = crate::run!(tx, |c| {
                    diesel::insert_into(api_tokens::table)
                        .values(&row)
                        .returning(ApiToken::as_returning())
                        .get_result(c)
                        .await
                })?;
                let event = NewEvent::new(API_TOKEN_CREATED, workshop_id, token.id)
                    .by(&actor)
                    .with(&ApiTokenCreated { name: &token.name, scope, expires_at: token.expires_at });
                Ok((CreatedApiToken { secret, token }, vec![event]))
            })
        })
        .await
    }

    /// The workshop's tokens, newest first (revoked and expired ones too).
    pub async fn list(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<Vec<ApiToken>> {
        crate::run!(conn, |c| {
            api_tokens::table
                .filter(api_tokens::workshop_id.eq(workshop_id))
                .order(api_tokens::id.desc())
                .select(ApiToken::as_select())
                .load(c)
                .await
        })
    }

    /// Revokes token `id` of `workshop_id` at once: NOT_FOUND for another workshop's, CONFLICT
    /// when it is revoked already. The check and the write are one statement.
    pub async fn revoke(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        id: i64,
        actor: &Actor,
    ) -> Result<Committed<ApiToken>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let revoked = crate::run!(tx, |c| {
                    diesel::update(
                        api_tokens::table
                            .find(id)
                            .filter(api_tokens::workshop_id.eq(workshop_id))
                            .filter(api_tokens::revoked_at.is_null()),
                    )
                    .set(api_tokens::revoked_at.eq(now))
                    .execute(c)
                    .await
                })?;
                let token = crate::run!(tx, |c| {
                    api_tokens::table
                        .find(id)
                        .filter(api_tokens::workshop_id.eq(workshop_id))
                        .select(ApiToken::as_select())
                        .first(c)
                        .await
                        .optional()
                })?
                .ok_or(DomainError::NotFound)?;
                one_row(revoked, || {
                    DomainError::conflict(
                        "id",
                        Message::new("Este token já foi revogado.", "This token is revoked already."),
                    )
                })?;
                let event = NewEvent::new(API_TOKEN_REVOKED, workshop_id, id).by(&actor);
                Ok((token, vec![event]))
            })
        })
        .await
    }

    /// The live (unrevoked, unexpired) token behind `secret`, with its service user and
    /// membership; marks it used when its `last_used_at` is more than a minute old, so a busy
    /// integrator does not cost a write per request.
    pub(super) async fn authenticate(
        conn: &mut Conn<'_>,
        secret: &str,
    ) -> QueryResult<Option<(ApiToken, User, Membership, Workshop)>> {
        let now = Utc::now().naive_utc();
        let found: Option<(ApiToken, User, Membership, Workshop)> = crate::run!(conn, |c| {
            api_tokens::table
                .inner_join(memberships::table.inner_join(users::table))
                .inner_join(workshops::table)
                .filter(api_tokens::token_hash.eq(secret::hash(secret)))
                .filter(api_tokens::revoked_at.is_null())
                .filter(api_tokens::expires_at.gt(now))
                .select((
                    ApiToken::as_select(),
                    User::as_select(),
                    Membership::as_select(),
                    Workshop::as_select(),
                ))
                .first(c)
                .await
                .optional()
        })?;
        let Some(found) = found else { return Ok(None) };
        let token = &found.0;
        if token.last_used_at.is_none_or(|at| at < now - LAST_USED_PRECISION) {
            let stale = now - LAST_USED_PRECISION;
            crate::run!(conn, |c| {
                diesel::update(
                    api_tokens::table
                        .find(token.id)
                        .filter(api_tokens::workshop_id.eq(token.workshop_id))
                        .filter(api_tokens::last_used_at.is_null().or(api_tokens::last_used_at.lt(stale))),
                )
                .set(api_tokens::last_used_at.eq(now))
                .execute(c)
                .await
            })?;
        }
        Ok(Some(found))
    }

    /// What a request with this token may do.
    pub fn grant(&self) -> ApiTokenGrant {
        ApiTokenGrant { id: self.id, scope: self.scope }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expiry_is_in_the_future_and_at_most_two_years_ahead() {
        let now = Utc::now();
        assert!(checked_expiry(now - Duration::seconds(1), now).is_err());
        assert!(checked_expiry(now, now).is_err());
        assert!(checked_expiry(now + Duration::days(30), now).is_ok());
        assert!(checked_expiry(now + Duration::days(730), now).is_ok());
        assert!(checked_expiry(now + Duration::days(732), now).is_err());
    }
}
