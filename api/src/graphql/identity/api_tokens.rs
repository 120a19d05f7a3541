//! API tokens for integrators (contract: security.graphql): an ADMIN creates, lists and revokes
//! them; a token is used as `Authorization: Bearer <secret>` (or `authorization` in the
//! WebSocket's `connection_init`).

use async_graphql::{Context, Enum, Guard, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::identity::{self as domain, Role};

use crate::auth::principal;
use crate::error::ApiError;
use crate::graphql::{conn, finish, finish_input, from_id, to_id};

/// What an API token may do with the ADMIN role it acts with.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::identity::ApiTokenScope")]
pub enum ApiTokenScope {
    /// Queries and subscriptions only: any mutation is FORBIDDEN.
    ReadOnly,
    /// Everything an ADMIN may do, but managing API tokens.
    ReadWrite,
}

/// A token for an integrator; its secret is never shown again after `createApiToken`.
pub struct ApiToken(domain::ApiToken);

#[Object]
impl ApiToken {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn scope(&self) -> ApiTokenScope {
        self.0.scope.into()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at.and_utc()
    }
    /// After this the token is refused (UNAUTHENTICATED).
    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.expires_at.and_utc()
    }
    /// When a request last used it, to the minute; null when never used.
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at.map(|at| at.and_utc())
    }
    /// When an ADMIN revoked it; a revoked token is refused (UNAUTHENTICATED).
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at.map(|at| at.and_utc())
    }
}

/// A new token and its secret, shown this once.
#[derive(SimpleObject)]
pub struct CreatedApiToken {
    /// `ofc_…`: send it as `Authorization: Bearer <secret>`. Only its hash is kept: it cannot be
    /// shown again.
    secret: String,
    api_token: ApiToken,
}

/// A new API token: a name (1 to 100 characters), a scope and an expiry (in the future, at
/// most 2 years ahead).
#[derive(InputObject)]
pub struct ApiTokenInput {
    name: String,
    scope: ApiTokenScope,
    expires_at: DateTime<Utc>,
}

/// Lets only an ADMIN's own session through: UNAUTHENTICATED without a session, FORBIDDEN with
/// another role or with an API token (tokens cannot manage tokens).
struct AdminInPerson;

impl Guard for AdminInPerson {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let p = principal(ctx)?;
        if p.membership.role == Role::Admin && p.api_token.is_none() {
            Ok(())
        } else {
            Err(ApiError::Forbidden.into())
        }
    }
}

/// API tokens' part of the query root.
#[derive(Default)]
pub struct ApiTokenQuery;

#[Object]
impl ApiTokenQuery {
    /// ADMIN: the workshop's API tokens, newest first, revoked and expired ones too (never their
    /// secrets). FORBIDDEN with an API token.
    #[graphql(guard = "AdminInPerson")]
    async fn api_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ApiToken>, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let tokens = domain::ApiToken::list(&mut pooled.conn(), p.workshop.id).await?;
        Ok(tokens.into_iter().map(ApiToken).collect())
    }
}

/// API tokens' part of the mutation root.
#[derive(Default)]
pub struct ApiTokenMutation;

#[Object]
impl ApiTokenMutation {
    /// ADMIN creates a token for an integrator: it acts as a service user of the workshop with
    /// the ADMIN role, limited by its scope, until it expires or is revoked. The secret is in
    /// this answer only. Tokens cannot create other tokens: FORBIDDEN with an API token.
    #[graphql(guard = "AdminInPerson")]
    async fn create_api_token(
        &self,
        ctx: &Context<'_>,
        input: ApiTokenInput,
    ) -> Result<CreatedApiToken, ApiError> {
        let p = principal(ctx)?;
        let input = domain::ApiTokenInput {
            name: input.name,
            scope: input.scope.into(),
            expires_at: input.expires_at,
        };
        let mut pooled = conn(ctx).await?;
        let result = domain::ApiToken::create(&mut pooled.conn(), p.workshop.id, &p.actor(), input).await;
        let created = finish_input(ctx, result).await?;
        Ok(CreatedApiToken { secret: created.secret, api_token: ApiToken(created.token) })
    }

    /// ADMIN revokes a token at once (its open WebSocket connections close). CONFLICT when it
    /// is revoked already. FORBIDDEN with an API token.
    #[graphql(guard = "AdminInPerson")]
    async fn revoke_api_token(&self, ctx: &Context<'_>, id: ID) -> Result<ApiToken, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::ApiToken::revoke(&mut pooled.conn(), p.workshop.id, id, &p.actor()).await;
        Ok(ApiToken(finish(ctx, result).await?))
    }
}
