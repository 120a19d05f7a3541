//! Users: people who sign in, each a member of one or more workshops.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::{Membership, NewUser, User, Workshop};
use crate::audit::Actor;
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::message::Message;
use crate::schema::{memberships, partners, users, workshops};
use crate::types::Email;

pub(super) const EMAIL_TAKEN: Message =
    Message::new("Já existe uma conta com este e-mail.", "An account with this e-mail exists already.");
/// The longest name of a person or a workshop.
pub(super) const NAME_MAX: usize = 120;
pub(super) const NAME_MISSING: Message = Message::new("Informe o nome.", "Enter the name.");

/// The user is who the events they cause name.
impl From<&User> for Actor {
    fn from(user: &User) -> Self {
        Actor { user_id: user.id, name: user.name.clone() }
    }
}

impl User {
    /// The user with this e-mail.
    pub async fn find_by_email(conn: &mut Conn<'_>, email: &Email) -> QueryResult<Option<User>> {
        crate::run!(conn, |c| {
            users::table
                .filter(users::email.eq(email.as_str()))
                .select(User::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// Every membership of this user, oldest first, with its workshop; not the login of a
    /// deactivated partner, which can no longer sign in.
    pub async fn memberships(conn: &mut Conn<'_>, user_id: i64) -> QueryResult<Vec<(Membership, Workshop)>> {
        crate::run!(conn, |c| {
            memberships::table
                .inner_join(workshops::table)
                .filter(memberships::user_id.eq(user_id))
                .filter(diesel::dsl::not(diesel::dsl::exists(
                    partners::table
                        .filter(partners::id.nullable().eq(memberships::partner_id))
                        .filter(partners::active.eq(false)),
                )))
                .order(memberships::id)
                .select((Membership::as_select(), Workshop::as_select()))
                .load(c)
                .await
        })
    }

    /// Whether this user belongs to workshop `workshop_id` already, in any role.
    pub(super) async fn is_member(&self, conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<bool> {
        Ok(User::memberships(conn, self.id).await?.iter().any(|(m, _)| m.workshop_id == workshop_id))
    }

    /// Creates a user; an e-mail that has one already is a CONFLICT.
    pub(super) async fn create(
        conn: &mut Conn<'_>,
        name: &str,
        email: &Email,
        password_hash: Option<&str>,
    ) -> Result<User, DomainError> {
        let new_user =
            NewUser { name, email: email.as_str(), password_hash, created_at: Utc::now().naive_utc() };
        crate::run!(conn, |c| {
            diesel::insert_into(users::table)
                .values(&new_user)
                .returning(User::as_returning())
                .get_result(c)
                .await
        })
        .map_err(on_unique_violation("email", EMAIL_TAKEN))
    }
}
