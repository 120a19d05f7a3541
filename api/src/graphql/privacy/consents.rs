//! `Customer.consents` and `Customer.consentLog`: what the customer answered per channel, and
//! every change (who, when, how). A list of customers that asks for their consents shares one
//! query (a DataLoader).

use std::collections::HashMap;

use async_graphql::Context;
use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::{DataLoader, Loader};
use chrono::NaiveDateTime;
use oficina_domain::Db;
use oficina_domain::crm::{ConsentChannel, Customer};
use oficina_domain::identity::Role;
use oficina_domain::privacy::ConsentLogEntry;

use super::types::{ChannelConsent, ConsentLogConnection, ConsentLogEntry as LogEntry};
use crate::auth::principal;
use crate::error::ApiError;
use crate::graphql::audit::EventActor;
use crate::graphql::pagination::page_size;
use crate::graphql::{conn, to_id};

/// Who reads consents: the front desk, and the customer their own (a MECHANIC serves cars, not
/// marketing: FORBIDDEN).
const CONSENT_READERS: &[Role] = &[Role::Admin, Role::Operator, Role::Customer];

fn may_read(ctx: &Context<'_>) -> Result<(), ApiError> {
    if CONSENT_READERS.contains(&principal(ctx)?.membership.role) { Ok(()) } else { Err(ApiError::Forbidden) }
}

/// A customer of a workshop whose consents a list asks for.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConsentKey {
    pub workshop_id: i64,
    pub customer_id: i64,
}

/// Loads when each channel last changed, one query per workshop in the batch.
pub struct ConsentLoader(pub Db);

impl Loader<ConsentKey> for ConsentLoader {
    type Value = Vec<(ConsentChannel, NaiveDateTime)>;
    /// The cause of a failed batch, for the log.
    type Error = String;

    async fn load(&self, keys: &[ConsentKey]) -> Result<HashMap<ConsentKey, Self::Value>, String> {
        let mut by_workshop: HashMap<i64, Vec<i64>> = HashMap::new();
        for key in keys {
            by_workshop.entry(key.workshop_id).or_default().push(key.customer_id);
        }
        let mut pooled = self.0.get().await.map_err(|e| e.to_string())?;
        let mut conn = pooled.conn();
        let mut found: HashMap<ConsentKey, Self::Value> = HashMap::new();
        for (workshop_id, ids) in by_workshop {
            let changes = ConsentLogEntry::last_changes(&mut conn, workshop_id, &ids)
                .await
                .map_err(|e| format!("database: {e}"))?;
            for (customer_id, channel, at) in changes {
                found.entry(ConsentKey { workshop_id, customer_id }).or_default().push((channel, at));
            }
        }
        Ok(found)
    }
}

/// The customer's answer for every channel, in a fixed order.
pub async fn consents_of(ctx: &Context<'_>, customer: &Customer) -> Result<Vec<ChannelConsent>, ApiError> {
    may_read(ctx)?;
    let key = ConsentKey { workshop_id: customer.workshop_id, customer_id: customer.id };
    let loader = ctx.data_unchecked::<DataLoader<ConsentLoader>>();
    let changed = loader.load_one(key).await.map_err(ApiError::Internal)?.unwrap_or_default();
    Ok(ConsentChannel::ALL
        .iter()
        .map(|&channel| ChannelConsent {
            channel: channel.into(),
            granted: customer.consents_to(channel),
            changed_at: changed.iter().find(|(c, _)| *c == channel).map(|(_, at)| at.and_utc()),
        })
        .collect())
}

/// A page of the customer's consent log, newest first; the cursor is a row id.
pub async fn consent_log(
    ctx: &Context<'_>,
    customer: &Customer,
    first: Option<i32>,
    after: Option<String>,
) -> Result<ConsentLogConnection, ApiError> {
    may_read(ctx)?;
    let first = page_size(first)?;
    let after = crate::graphql::pagination::decode_id_cursor(after.as_deref())?;
    let mut pooled = conn(ctx).await?;
    let page =
        ConsentLogEntry::page(&mut pooled.conn(), customer.workshop_id, customer.id, first, after).await?;
    let mut connection = Connection::new(after.is_some(), page.has_next);
    connection.edges.extend(page.entries.into_iter().map(|e| {
        let actor =
            e.change.actor_user_id.zip(e.actor_name).map(|(id, name)| EventActor { id: to_id(id), name });
        Edge::new(
            e.change.id.to_string(),
            LogEntry {
                at: e.change.at.and_utc(),
                channel: e.change.channel.into(),
                granted: e.change.granted,
                source: e.change.source.into(),
                actor,
            },
        )
    }));
    Ok(connection)
}
