//! The customer export: the audit trail keeps who exported which search, since the file holds
//! whole documents.

use super::events::{CUSTOMERS_EXPORTED, CustomersExported};
use super::models::Customer;
use crate::audit::{Actor, Committed, NewEvent};
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
        let event =
            NewEvent::new(CUSTOMERS_EXPORTED, workshop_id, 0).by(actor).with(&CustomersExported { search });
        Committed::run(conn, move |_| Box::pin(async move { Ok(((), vec![event])) })).await
    }
}
