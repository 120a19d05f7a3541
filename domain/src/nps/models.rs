//! The NPS context's rows.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::score::Band;
use crate::schema::nps_responses;

/// An answer to the survey of one finished service order (once per order).
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = nps_responses, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct NpsResponse {
    pub id: i64,
    pub workshop_id: i64,
    pub service_order_id: i64,
    pub customer_id: i64,
    /// The MECHANIC membership the order was assigned to when it was answered.
    pub mechanic_id: Option<i64>,
    /// 0 to 10.
    pub score: i32,
    pub comment: Option<String>,
    /// UTC.
    pub answered_at: NaiveDateTime,
}

impl NpsResponse {
    /// When it was answered.
    pub fn answered(&self) -> DateTime<Utc> {
        self.answered_at.and_utc()
    }

    /// How it counts.
    pub fn band(&self) -> Band {
        Band::of(self.score)
    }
}
