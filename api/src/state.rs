//! What every request handler shares.

use oficina_domain::Db;
use oficina_domain::identity::Principal;

use crate::bus::EventBus;
use crate::client_ip::TrustedProxies;
use crate::google::Google;
use crate::graphql::OficinaSchema;
use crate::rate_limit::RateLimiter;
use crate::ws::OpenConnections;

/// The application state: the database, the event bus, the rate limiter (and who the clients
/// are), the open WebSocket connections and the schema built over them.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub bus: EventBus,
    pub limiter: RateLimiter,
    /// OFICINA_TRUSTED_PROXIES: whose `X-Forwarded-For` names the client.
    pub trusted_proxies: TrustedProxies,
    /// The WebSocket connections open on this node, counted per session.
    pub ws_connections: OpenConnections,
    pub schema: OficinaSchema,
    /// OFICINA_PUBLIC_URL: where people reach the web app.
    pub public_url: String,
    /// Sign in with Google, when configured (OFICINA_GOOGLE_CLIENT_ID).
    pub google: Option<std::sync::Arc<Google>>,
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
