//! The sign-in history: one row for every attempt on a known user (the password step, and the
//! code step of a user with MFA on), with when, from where, how and whether it passed.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::Role;
use crate::db::Conn;
use crate::error::DomainError;
use crate::schema::{memberships, sign_in_history};

/// Longest user agent kept; a longer one is cut.
const MAX_USER_AGENT: usize = 300;

crate::text_enum! {
    /// How an attempt proved who it was.
    pub enum SignInMethod {
        Password => "PASSWORD",
        Totp => "MFA",
        RecoveryCode => "RECOVERY_CODE",
        /// Sign in with Google (its verified id token).
        Google => "GOOGLE",
    }
}

/// Where an attempt came from: the client's address and user agent.
#[derive(Debug, Clone, Default)]
pub struct Attempt {
    pub ip: String,
    pub user_agent: String,
}

/// One recorded attempt.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sign_in_history, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct SignInRecord {
    pub id: i64,
    pub user_id: i64,
    pub at: NaiveDateTime,
    pub ip: String,
    pub user_agent: String,
    pub method: SignInMethod,
    pub succeeded: bool,
}

#[derive(Insertable)]
#[diesel(table_name = sign_in_history)]
struct NewRecord<'a> {
    user_id: i64,
    at: NaiveDateTime,
    ip: &'a str,
    user_agent: &'a str,
    method: SignInMethod,
    succeeded: bool,
}

impl Attempt {
    /// Records this attempt on `user_id`.
    pub(super) async fn record(
        &self,
        conn: &mut Conn<'_>,
        user_id: i64,
        method: SignInMethod,
        succeeded: bool,
    ) -> QueryResult<()> {
        let cut =
            self.user_agent.char_indices().nth(MAX_USER_AGENT).map_or(self.user_agent.len(), |(i, _)| i);
        let row = NewRecord {
            user_id,
            at: Utc::now().naive_utc(),
            ip: &self.ip,
            user_agent: &self.user_agent[..cut],
            method,
            succeeded,
        };
        crate::run!(conn, |c| diesel::insert_into(sign_in_history::table).values(&row).execute(c).await)?;
        Ok(())
    }
}

/// A page of a user's history, newest first.
#[derive(Debug, Clone)]
pub struct SignInPage {
    pub records: Vec<SignInRecord>,
    pub has_next: bool,
}

impl SignInRecord {
    /// For an ADMIN: the history of staff member `user_id` of `workshop_id`, as [`Self::page`].
    /// NOT_FOUND unless that user is an ADMIN, OPERATOR or MECHANIC of the workshop (a
    /// customer's or partner's login, or another workshop's user, is no staff of theirs).
    pub async fn staff_page(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        user_id: i64,
        first: i64,
        after: Option<i64>,
    ) -> Result<SignInPage, DomainError> {
        let staff: i64 = crate::run!(conn, |c| {
            memberships::table
                .filter(memberships::workshop_id.eq(workshop_id))
                .filter(memberships::user_id.eq(user_id))
                .filter(memberships::role.eq_any(Role::STAFF))
                .count()
                .get_result(c)
                .await
        })?;
        if staff == 0 {
            return Err(DomainError::NotFound);
        }
        Self::page(conn, workshop_id, user_id, first, after).await
    }

    /// The sign-in history of `user_id`, newest first, `first` rows after the row `after` (an
    /// id), in one statement. NOT_FOUND unless the user is a member of `workshop_id` (an ADMIN
    /// reads only their own workshop's staff).
    pub async fn page(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        user_id: i64,
        first: i64,
        after: Option<i64>,
    ) -> Result<SignInPage, DomainError> {
        let member = memberships::table
            .filter(memberships::workshop_id.eq(workshop_id))
            .filter(memberships::user_id.eq(user_id))
            .select(memberships::user_id);
        // Ids only grow: a page after `after` is the rows with a smaller id.
        let before = after.unwrap_or(i64::MAX);
        let mut records: Vec<SignInRecord> = crate::run!(conn, |c| {
            sign_in_history::table
                .filter(sign_in_history::user_id.eq_any(member))
                .filter(sign_in_history::id.lt(before))
                .order(sign_in_history::id.desc())
                .limit(first + 1)
                .select(SignInRecord::as_select())
                .load(c)
                .await
        })?;
        let has_next = records.len() as i64 > first;
        records.truncate(usize::try_from(first).unwrap_or(0));
        Ok(SignInPage { records, has_next })
    }
}
