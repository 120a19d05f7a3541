//! A customer's consent log as staff and the customer read it: a page at a time, with the name of
//! who made each change.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use crate::crm::{ConsentChange, ConsentChannel};
use crate::db::Conn;
use crate::schema::{customer_consent_changes, users};

/// One change of the log, with its actor's name (none when nobody signed in made it).
#[derive(Debug, Clone)]
pub struct ConsentLogEntry {
    pub change: ConsentChange,
    pub actor_name: Option<String>,
}

/// A page of a customer's consent log, newest first.
#[derive(Debug, Clone)]
pub struct ConsentLogPage {
    pub entries: Vec<ConsentLogEntry>,
    pub has_next: bool,
}

impl ConsentLogEntry {
    /// The consent log of customer `customer_id` of `workshop_id`, newest first, `first` rows
    /// after the row `after` (an id), in one statement. The caller checks the customer is of the
    /// workshop; another workshop's customer has no rows here anyway.
    pub async fn page(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
        first: i64,
        after: Option<i64>,
    ) -> QueryResult<ConsentLogPage> {
        let before = after.unwrap_or(i64::MAX);
        let rows: Vec<(ConsentChange, Option<String>)> = crate::run!(conn, |c| {
            customer_consent_changes::table
                .left_join(users::table.on(users::id.nullable().eq(customer_consent_changes::actor_user_id)))
                .filter(customer_consent_changes::workshop_id.eq(workshop_id))
                .filter(customer_consent_changes::customer_id.eq(customer_id))
                .filter(customer_consent_changes::id.lt(before))
                .order(customer_consent_changes::id.desc())
                .limit(first + 1)
                .select((ConsentChange::as_select(), users::name.nullable()))
                .load(c)
                .await
        })?;
        let has_next = rows.len() as i64 > first;
        let entries = rows
            .into_iter()
            .take(usize::try_from(first).unwrap_or(0))
            .map(|(change, actor_name)| ConsentLogEntry { change, actor_name })
            .collect();
        Ok(ConsentLogPage { entries, has_next })
    }

    /// When each channel of each of `customer_ids` last changed, in one statement: (customer,
    /// channel, at) for every channel with a change.
    pub async fn last_changes(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_ids: &[i64],
    ) -> QueryResult<Vec<(i64, ConsentChannel, NaiveDateTime)>> {
        if customer_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, ConsentChannel, Option<NaiveDateTime>)> = crate::run!(conn, |c| {
            customer_consent_changes::table
                .filter(customer_consent_changes::workshop_id.eq(workshop_id))
                .filter(customer_consent_changes::customer_id.eq_any(customer_ids))
                .group_by((customer_consent_changes::customer_id, customer_consent_changes::channel))
                .select((
                    customer_consent_changes::customer_id,
                    customer_consent_changes::channel,
                    diesel::dsl::max(customer_consent_changes::at),
                ))
                .load(c)
                .await
        })?;
        Ok(rows.into_iter().filter_map(|(id, channel, at)| at.map(|at| (id, channel, at))).collect())
    }
}
