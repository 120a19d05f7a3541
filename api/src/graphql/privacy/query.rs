//! Reading the access log.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, ID, Object};
use oficina_domain::privacy::AccessEntry;

use super::types::{AccessLogConnection, AccessLogEntry};
use crate::auth::{ADMIN, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::audit::EventActor;
use crate::graphql::pagination::{decode_id_cursor, page_cost, page_size};
use crate::graphql::{conn, from_id, to_id};

/// The privacy part of the query root.
#[derive(Default)]
pub struct PrivacyQuery;

#[Object]
impl PrivacyQuery {
    /// ADMIN: who saw this customer's whole CPF or exported their data, and when; newest first.
    /// Another workshop's customer: NOT_FOUND.
    #[graphql(guard = "RoleGuard(ADMIN)", complexity = "page_cost(first, child_complexity)")]
    async fn customer_access_log(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<AccessLogConnection, ApiError> {
        let workshop_id = principal(ctx)?.workshop.id;
        let customer_id = from_id(&customer_id).map_err(|_| ApiError::NotFoundAt("customerId".into()))?;
        let first = page_size(first)?;
        let after = decode_id_cursor(after.as_deref())?;
        let mut pooled = conn(ctx).await?;
        let page = AccessEntry::page(&mut pooled.conn(), workshop_id, customer_id, first, after)
            .await
            .map_err(|e| match ApiError::from(e) {
                ApiError::NotFound => ApiError::NotFoundAt("customerId".into()),
                other => other,
            })?;
        let mut connection = Connection::new(after.is_some(), page.has_next);
        connection.edges.extend(page.entries.into_iter().map(|e| {
            Edge::new(
                e.id.to_string(),
                AccessLogEntry {
                    at: e.at.and_utc(),
                    action: e.action.into(),
                    actor: EventActor { id: to_id(e.actor_user_id), name: e.actor_name },
                },
            )
        }));
        Ok(connection)
    }
}
