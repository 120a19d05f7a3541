//! What every request handler shares.

use oficina_domain::Db;
use oficina_domain::identity::Principal;

use crate::bus::EventBus;
use crate::graphql::OficinaSchema;
use crate::rate_limit::RateLimiter;

/// The application state: the database, the event bus, the rate limiter and the schema built over them.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub bus: EventBus,
    pub limiter: RateLimiter,
    pub schema: OficinaSchema,
    /// OFICINA_PUBLIC_URL: where people reach the web app.
    pub public_url: String,
}

impl AppState {
    /// The principal behind a request's session token, or `None` without a token or for an
    /// unknown, expired or ended session. An error is the database's: the caller answers INTERNAL.
    pub async fn principal(&self, token: Option<&str>) -> anyhow::Result<Option<Principal>> {
        let Some(token) = token else { return Ok(None) };
        let mut pooled = self.db.get().await?;
        Ok(Principal::from_token(&mut pooled.conn(), token).await?)
    }
}
