//! Data-export links (LGPD art. 18): a customer (or staff, on the customer's request) asks for
//! their data and gets a download link for [`EXPORT_LINK_LIFETIME`]. The token is random
//! (256 bits) and only its hash is kept, in the database, so the link works on any node.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::access_log::{AccessAction, AccessEntry, NewAccess};
use super::events::{DATA_EXPORT_REQUESTED, DataExportRequested};
use crate::audit::{Actor, Committed, NewEvent};
use crate::crm::Customer;
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::secret;
use crate::schema::data_exports;

/// How long a download link works.
pub const EXPORT_LINK_LIFETIME: Duration = Duration::minutes(15);

/// Data-export links.
pub struct DataExport;

/// A new link's token (only the caller ever holds it) and when it stops working.
#[derive(Debug, Clone)]
pub struct CreatedExport {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

impl DataExport {
    /// Creates a download link of the data of customer `customer_id` of `workshop_id`, asked for
    /// by `actor`. When staff ask (`by_staff`), the access log gets an EXPORTED_DATA row in the
    /// same transaction. Another workshop's customer is NOT_FOUND.
    pub async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        customer_id: i64,
        by_staff: bool,
        now: DateTime<Utc>,
    ) -> Result<Committed<CreatedExport>, DomainError> {
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                Customer::find(tx, workshop_id, customer_id).await?.ok_or(DomainError::NotFound)?;
                let token = secret::generate();
                let expires_at = now + EXPORT_LINK_LIFETIME;
                let token_hash = secret::hash(&token);
                crate::run!(tx, |c| {
                    diesel::insert_into(data_exports::table)
                        .values((
                            data_exports::workshop_id.eq(workshop_id),
                            data_exports::customer_id.eq(customer_id),
                            data_exports::token_hash.eq(&token_hash),
                            data_exports::requested_by.eq(actor.user_id),
                            data_exports::created_at.eq(now.naive_utc()),
                            data_exports::expires_at.eq(expires_at.naive_utc()),
                        ))
                        .execute(c)
                        .await
                })?;
                if by_staff {
                    let row = NewAccess {
                        workshop_id,
                        customer_id,
                        actor_user_id: actor.user_id,
                        action: AccessAction::ExportedData,
                        at: now.naive_utc(),
                    };
                    AccessEntry::record(tx, &[row]).await?;
                }
                let event = NewEvent::new(DATA_EXPORT_REQUESTED, workshop_id, customer_id)
                    .by(&actor)
                    .with(&DataExportRequested { by_staff });
                Ok((CreatedExport { token, expires_at }, vec![event]))
            })
        })
        .await
    }

    /// The customer whose data the link `token` of workshop `workshop_id` exports, while it works
    /// (not expired at `now`); `None` for an unknown or expired token, or another workshop's.
    pub async fn customer_of(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        token: &str,
        now: DateTime<Utc>,
    ) -> QueryResult<Option<i64>> {
        let token_hash = secret::hash(token);
        crate::run!(conn, |c| {
            data_exports::table
                .filter(data_exports::workshop_id.eq(workshop_id))
                .filter(data_exports::token_hash.eq(&token_hash))
                .filter(data_exports::expires_at.gt(now.naive_utc()))
                .select(data_exports::customer_id)
                .first(c)
                .await
                .optional()
        })
    }
}
