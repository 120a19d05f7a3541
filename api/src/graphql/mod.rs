//! The GraphQL schema: one query, mutation and subscription root merged from each context
//! (`<context>/` with `types.rs`, `inputs.rs`, `query.rs`, `mutation.rs`, `subscription.rs`).

mod audit;
mod chat;
mod crm;
pub mod http;
mod identity;
pub mod limits;
mod loyalty;
mod nps;
mod pagination;
mod partners;
mod portal;
pub mod privacy;
mod scalars;
mod scheduling;
mod service;
pub mod session;

use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, SDLExportOptions};
use async_graphql::{ID, MergedObject, MergedSubscription, Schema, SchemaBuilder};
use oficina_domain::audit::Committed;
use oficina_domain::{Db, DomainError};

use crate::auth::SessionCookie;
use crate::bus::EventBus;
use crate::client_ip::ClientIp;
use crate::config::Config;
use crate::error::ApiError;
use crate::mail::Outbox;
use crate::rate_limit::RateLimiter;

/// The query root.
#[derive(MergedObject, Default)]
pub struct Query(
    identity::IdentityQuery,
    identity::MfaQuery,
    crm::CrmQuery,
    service::ServiceQuery,
    scheduling::SchedulingQuery,
    portal::PortalQuery,
    chat::ChatQuery,
    nps::NpsQuery,
    loyalty::LoyaltyQuery,
    identity::ApiTokenQuery,
    privacy::PrivacyQuery,
    identity::GoogleQuery,
    partners::PartnersQuery,
);

/// The mutation root.
#[derive(MergedObject, Default)]
pub struct Mutation(
    identity::IdentityMutation,
    identity::MfaMutation,
    crm::CrmMutation,
    service::ServiceMutation,
    scheduling::SchedulingMutation,
    portal::PortalMutation,
    chat::ChatMutation,
    nps::NpsMutation,
    loyalty::LoyaltyMutation,
    identity::ApiTokenMutation,
    privacy::PrivacyMutation,
    identity::GoogleMutation,
    partners::PartnersMutation,
);

/// The subscription root.
#[derive(MergedSubscription, Default)]
pub struct Subscription(
    audit::AuditSubscription,
    service::ServiceSubscription,
    scheduling::SchedulingSubscription,
    portal::PortalSubscription,
    chat::ChatSubscription,
);

/// The executable schema.
pub type OficinaSchema = Schema<Query, Mutation, Subscription>;

fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(Query::default(), Mutation::default(), Subscription::default())
}

/// The schema with what resolvers need: the database, the event bus, the rate limiter, the
/// outbox worker to wake, the loaders that batch what lists walk (waiting the configured
/// `loader_delay` for keys), the web app's `public_url` (links point there; the session cookie
/// sign-in sets depends on it) and whether sign in with Google is on; with the request
/// [`limits`], the [`session`] lookup, the mark [`http`] answers by, and introspection unless the
/// configuration turns it off.
pub fn schema(db: Db, bus: EventBus, limiter: RateLimiter, outbox: Outbox, config: &Config) -> OficinaSchema {
    let (public_url, loader_delay) = (config.public_url.as_str(), config.loader_delay);
    let customers = DataLoader::new(crm::CustomerLoader(db.clone()), tokio::spawn).delay(loader_delay);
    let service = DataLoader::new(service::ServiceLoader(db.clone()), tokio::spawn).delay(loader_delay);
    let consents = DataLoader::new(privacy::ConsentLoader(db.clone()), tokio::spawn).delay(loader_delay);
    let builder = builder()
        .extension(http::MarkStarted)
        .extension(limits::DocumentLimits)
        .extension(session::SessionLookup)
        .extension(privacy::AccessLogWriter)
        .data(db)
        .data(bus)
        .data(limiter)
        .data(outbox)
        .data(customers)
        .data(service)
        .data(consents)
        .data(SessionCookie::for_public_url(public_url))
        .data(portal::PublicUrl(public_url.to_owned()))
        .data(identity::GoogleSignIn(config.google.is_some()));
    if config.introspection { builder } else { builder.disable_introspection() }.finish()
}

pub use partners::resume_grant_jobs;

/// The SDL with sorted fields, arguments and enum items: what `schema.graphql` holds.
pub fn sdl() -> String {
    builder()
        .finish()
        .sdl_with_options(SDLExportOptions::new().sorted_fields().sorted_arguments().sorted_enum_items())
}

/// The opaque GraphQL id of a row.
pub(crate) fn to_id(id: i64) -> ID {
    ID(id.to_string())
}

/// The row id behind a GraphQL id: a malformed id names no record, so it is NOT_FOUND like
/// another workshop's.
pub(crate) fn from_id(id: &ID) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::NotFound)
}

/// A pooled connection for a resolver.
pub(crate) async fn conn(ctx: &Context<'_>) -> Result<oficina_domain::PooledConn, ApiError> {
    Ok(ctx.data_unchecked::<Db>().get().await?)
}

/// The address the request came from; `unknown` (one shared key) for a request with none, such
/// as one over the WebSocket.
pub(crate) fn client_ip(ctx: &Context<'_>) -> ClientIp {
    ctx.data_opt::<ClientIp>().copied().unwrap_or(ClientIp(None))
}

/// The request's `User-Agent` header (empty without one), for the sign-in history.
pub(crate) struct UserAgent(pub String);

/// Where a sign-in attempt comes from: the client's whole address (not the rate-limit key) and
/// its user agent.
pub(crate) fn attempt(ctx: &Context<'_>) -> oficina_domain::identity::Attempt {
    oficina_domain::identity::Attempt {
        ip: client_ip(ctx).0.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
        user_agent: ctx.data_opt::<UserAgent>().map(|ua| ua.0.clone()).unwrap_or_default(),
    }
}

/// Publishes a committed command's events on the bus, wakes the outbox worker for the
/// notifications it may have queued, and returns its result.
pub(crate) async fn publish<T>(ctx: &Context<'_>, committed: Committed<T>) -> T {
    publish_on(ctx.data_unchecked(), ctx.data_unchecked(), committed).await
}

pub(crate) async fn publish_on<T>(bus: &EventBus, outbox: &Outbox, committed: Committed<T>) -> T {
    if !committed.events.is_empty() {
        bus.publish(&committed.events).await;
        outbox.wake();
    }
    committed.value
}

/// Runs a command after the answer, on a task of its own: for a command whose outcome must show
/// neither in the answer nor in its timing. Its events are published as by [`publish`]; a failure
/// is only logged. A command still running when the server stops is lost.
pub(crate) fn in_background(
    ctx: &Context<'_>,
    command: impl Future<Output = Result<Committed<()>, ApiError>> + Send + 'static,
) {
    let (bus, outbox) = (ctx.data_unchecked::<EventBus>().clone(), ctx.data_unchecked::<Outbox>().clone());
    tokio::spawn(async move {
        match command.await {
            Ok(committed) => publish_on(&bus, &outbox, committed).await,
            Err(err) => tracing::error!(?err, "a background command failed"),
        }
    });
}

/// The tail of a mutation: maps the command's error, or publishes what it committed and returns
/// its result.
pub(crate) async fn finish<T>(
    ctx: &Context<'_>,
    result: Result<Committed<T>, DomainError>,
) -> Result<T, ApiError> {
    Ok(publish(ctx, result?).await)
}

/// [`finish`] for a mutation whose data comes in its `input` argument: an input error's field
/// is a path under `input`.
pub(crate) async fn finish_input<T>(
    ctx: &Context<'_>,
    result: Result<Committed<T>, DomainError>,
) -> Result<T, ApiError> {
    finish(ctx, result).await.map_err(|e| e.under("input"))
}
