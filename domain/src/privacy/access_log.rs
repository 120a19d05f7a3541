//! The access log (LGPD art. 37): a row each time staff saw a customer's whole CPF or exported
//! their data. Rows are written in batches (one INSERT for all the customers of a request).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::db::Conn;
use crate::error::DomainError;
use crate::schema::{customer_access_log, customers, users};

crate::text_enum! {
    /// What staff did with a customer's personal data.
    pub enum AccessAction {
        /// Saw the customer's whole CPF (in the app or through the API).
        ViewedDocument => "VIEWED_DOCUMENT",
        /// Exported the customer's data on their request (LGPD art. 18).
        ExportedData => "EXPORTED_DATA",
        /// Downloaded a customer list that holds the customer's whole CPF.
        ExportedList => "EXPORTED_LIST",
    }
}

/// A row to append to the access log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NewAccess {
    pub workshop_id: i64,
    pub customer_id: i64,
    pub actor_user_id: i64,
    pub action: AccessAction,
    /// UTC.
    pub at: NaiveDateTime,
}

/// One row of a customer's access log, with the name of who did it.
#[derive(Debug, Clone)]
pub struct AccessEntry {
    pub id: i64,
    pub action: AccessAction,
    pub actor_user_id: i64,
    pub actor_name: String,
    /// UTC.
    pub at: NaiveDateTime,
}

/// A page of a customer's access log, newest first.
#[derive(Debug, Clone)]
pub struct AccessPage {
    pub entries: Vec<AccessEntry>,
    pub has_next: bool,
}

impl AccessEntry {
    /// Appends `rows` in one INSERT (none for no rows).
    pub async fn record(conn: &mut Conn<'_>, rows: &[NewAccess]) -> QueryResult<()> {
        if rows.is_empty() {
            return Ok(());
        }
        // diesel writes a batch as one INSERT per row on SQLite: the statement is built here, from
        // numbers, the action's fixed name and a formatted time (no text from anyone).
        let values: Vec<String> = rows
            .iter()
            .map(|row| {
                format!(
                    "({}, {}, {}, '{}', '{}')",
                    row.workshop_id,
                    row.customer_id,
                    row.actor_user_id,
                    row.action.as_str(),
                    row.at.format("%Y-%m-%d %H:%M:%S%.6f"),
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO customer_access_log (workshop_id, customer_id, actor_user_id, action, at) VALUES {}",
            values.join(", ")
        );
        crate::run!(conn, |c| diesel::sql_query(sql.clone()).execute(c).await).map(drop)
    }

    /// The access log of customer `customer_id` of `workshop_id`, newest first, `first` rows after
    /// the row `after` (an id). Another workshop's customer is NOT_FOUND.
    pub async fn page(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
        first: i64,
        after: Option<i64>,
    ) -> Result<AccessPage, DomainError> {
        let exists: Option<i64> = crate::run!(conn, |c| {
            customers::table
                .filter(customers::workshop_id.eq(workshop_id))
                .filter(customers::id.eq(customer_id))
                .select(customers::id)
                .first(c)
                .await
                .optional()
        })?;
        if exists.is_none() {
            return Err(DomainError::NotFound);
        }
        // Ids only grow: a page after `after` is the rows with a smaller id.
        let before = after.unwrap_or(i64::MAX);
        let rows: Vec<(i64, AccessAction, i64, String, NaiveDateTime)> = crate::run!(conn, |c| {
            customer_access_log::table
                .inner_join(users::table)
                .filter(customer_access_log::workshop_id.eq(workshop_id))
                .filter(customer_access_log::customer_id.eq(customer_id))
                .filter(customer_access_log::id.lt(before))
                .order(customer_access_log::id.desc())
                .limit(first + 1)
                .select((
                    customer_access_log::id,
                    customer_access_log::action,
                    customer_access_log::actor_user_id,
                    users::name,
                    customer_access_log::at,
                ))
                .load(c)
                .await
        })?;
        let has_next = rows.len() as i64 > first;
        let entries = rows
            .into_iter()
            .take(usize::try_from(first).unwrap_or(0))
            .map(|(id, action, actor_user_id, actor_name, at)| AccessEntry {
                id,
                action,
                actor_user_id,
                actor_name,
                at,
            })
            .collect();
        Ok(AccessPage { entries, has_next })
    }
}
