use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::{Membership, User, Workshop};
use super::secret;
use crate::audit::Actor;
use crate::db::Conn;
use crate::schema::{memberships, sessions, users, workshops};

/// How long a session lasts without signing in again.
const SESSION_LIFETIME: Duration = Duration::days(30);

/// Who a valid session token belongs to: the user, and the membership it acts as.
#[derive(Debug, Clone)]
pub struct Principal {
    pub session_id: i64,
    pub user: User,
    pub membership: Membership,
    pub workshop: Workshop,
}

impl Principal {
    /// The actor recorded on the events this principal causes.
    pub fn actor(&self) -> Actor {
        Actor { user_id: self.user.id, name: self.user.name.clone() }
    }

    /// The live session behind `token`, or `None` when it is unknown, expired or signed out.
    pub async fn from_token(conn: &mut Conn<'_>, token: &str) -> QueryResult<Option<Principal>> {
        let now = Utc::now().naive_utc();
        let row: Option<(i64, User, Membership, Workshop)> = crate::run!(conn, |c| {
            sessions::table
                .inner_join(memberships::table.inner_join(users::table))
                .inner_join(workshops::table)
                .filter(sessions::token_hash.eq(secret::hash(token)))
                .filter(sessions::revoked_at.is_null())
                .filter(sessions::expires_at.gt(now))
                .select((sessions::id, User::as_select(), Membership::as_select(), Workshop::as_select()))
                .first(c)
                .await
                .optional()
        })?;
        Ok(row.map(|(session_id, user, membership, workshop)| Principal {
            session_id,
            user,
            membership,
            workshop,
        }))
    }
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSession {
    workshop_id: i64,
    membership_id: i64,
    token_hash: String,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

/// Opens a session for `membership`; returns its id and the token (only its hash is stored).
pub(crate) async fn open_session(conn: &mut Conn<'_>, membership: &Membership) -> QueryResult<(i64, String)> {
    let token = secret::generate();
    let now = Utc::now().naive_utc();
    let row = NewSession {
        workshop_id: membership.workshop_id,
        membership_id: membership.id,
        token_hash: secret::hash(&token),
        created_at: now,
        expires_at: now + SESSION_LIFETIME,
    };
    let id = crate::run!(conn, |c| {
        diesel::insert_into(sessions::table).values(&row).returning(sessions::id).get_result(c).await
    })?;
    Ok((id, token))
}

/// Ends a session at once.
pub(crate) async fn revoke_session(conn: &mut Conn<'_>, session_id: i64) -> QueryResult<usize> {
    let now = Utc::now().naive_utc();
    crate::run!(conn, |c| {
        diesel::update(sessions::table.find(session_id)).set(sessions::revoked_at.eq(now)).execute(c).await
    })
}

/// Ends every live session of a user, in every workshop; returns how many.
pub(crate) async fn revoke_user_sessions(conn: &mut Conn<'_>, user_id: i64) -> QueryResult<usize> {
    let now = Utc::now().naive_utc();
    let memberships_of_user =
        memberships::table.filter(memberships::user_id.eq(user_id)).select(memberships::id);
    crate::run!(conn, |c| {
        diesel::update(
            sessions::table
                .filter(sessions::membership_id.eq_any(memberships_of_user))
                .filter(sessions::revoked_at.is_null()),
        )
        .set(sessions::revoked_at.eq(now))
        .execute(c)
        .await
    })
}
