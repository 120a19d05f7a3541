//! The GraphQL schema: one query, mutation and subscription root merged from each context.

mod crm;
mod events;
mod identity;
mod scalars;

use async_graphql::{Context, SDLExportOptions};
use async_graphql::{ID, MergedObject, MergedSubscription, Schema, SchemaBuilder};
use oficina_domain::Db;
use oficina_domain::audit::Committed;

use crate::bus::EventBus;
use crate::error::ApiError;
use crate::mail::Outbox;
use crate::rate_limit::RateLimiter;

/// The query root.
#[derive(MergedObject, Default)]
pub struct Query(identity::IdentityQuery, crm::CrmQuery);

/// The mutation root.
#[derive(MergedObject, Default)]
pub struct Mutation(identity::IdentityMutation, crm::CrmMutation);

/// The subscription root.
#[derive(MergedSubscription, Default)]
pub struct Subscription(events::EventSubscription);

pub type OficinaSchema = Schema<Query, Mutation, Subscription>;

fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(Query::default(), Mutation::default(), Subscription::default())
}

/// The schema with what resolvers need: the database, the event bus, the rate limiter and the
/// outbox worker to wake.
pub fn schema(db: Db, bus: EventBus, limiter: RateLimiter, outbox: Outbox) -> OficinaSchema {
    builder().data(db).data(bus).data(limiter).data(outbox).finish()
}

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

/// The row id behind a GraphQL id; an id that was never ours is simply not found.
pub(crate) fn from_id(id: &ID) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::NotFound)
}

/// A pooled connection for a resolver.
pub(crate) async fn conn(ctx: &Context<'_>) -> Result<oficina_domain::PooledConn, ApiError> {
    Ok(ctx.data_unchecked::<Db>().get().await?)
}

/// Publishes a committed command's events on the bus, wakes the outbox worker for the
/// notifications it may have queued, and returns its result.
pub(crate) async fn publish<T>(ctx: &Context<'_>, committed: Committed<T>) -> T {
    if !committed.events.is_empty() {
        ctx.data_unchecked::<EventBus>().publish(&committed.events).await;
        ctx.data_unchecked::<Outbox>().wake();
    }
    committed.value
}

/// The row id behind the GraphQL id of a record that must exist: a malformed id names no record,
/// so it is NOT_FOUND like another workshop's.
pub(crate) fn record_id(id: &ID) -> Result<i64, ApiError> {
    id.parse().map_err(|_| ApiError::NotFound)
}
