//! The portal's rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::status_links;

/// A link to one service order's status, as stored: everything but its token.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = status_links, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct StatusLink {
    pub id: i64,
    pub workshop_id: i64,
    pub service_order_id: i64,
    /// The user (staff) who created it.
    pub created_by: i64,
    pub created_at: NaiveDateTime,
    /// When staff revoked it; a revoked link never works again.
    pub revoked_at: Option<NaiveDateTime>,
}
