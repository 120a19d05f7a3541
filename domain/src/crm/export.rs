//! The customer export: the audit trail keeps who exported which search, since the file holds
//! whole documents.

use serde_json::json;

use super::models::Customer;
use crate::audit::{Actor, Committed, Event, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;

impl Customer {
    /// Records that `actor` exported the customers of `workshop_id` that match `search`
    /// (`customers.exported`); the caller publishes the event.
    pub async fn record_export(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        search: Option<&str>,
    ) -> Result<Committed<()>, DomainError> {
        let event = Event::append(
            conn,
            NewEvent {
                workshop_id,
                actor: Some(actor),
                aggregate_type: "customer",
                aggregate_id: 0,
                kind: "customers.exported",
                payload: json!({ "search": search }),
            },
        )
        .await?;
        Ok(Committed { value: (), events: vec![event] })
    }
}
