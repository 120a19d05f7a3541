//! Memberships: a user's role in one workshop. ADMINs add staff; the portal adds customers.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{MEMBER_ADDED, MemberAdded, STAFF_ADDED};
use super::models::{Membership, NewMembership, Role, User};
use super::user::{EMAIL_TAKEN, NAME_MAX, NAME_MISSING};
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{api_tokens, memberships, sessions, users};
use crate::types::{Email, Password, Text};

/// A person joining a workshop with a password: an ADMIN adding staff (or the demo, any role).
pub struct AddStaffInput {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
}

/// A staff member: their membership in the workshop and their user.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub membership: Membership,
    pub user: User,
}

impl Membership {
    /// Makes `user_id` a member of `workshop_id` with `role` (a CUSTOMER linked to `customer_id`).
    pub(super) async fn create(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        user_id: i64,
        role: Role,
        customer_id: Option<i64>,
    ) -> QueryResult<Membership> {
        let new_membership = NewMembership {
            workshop_id,
            user_id,
            role,
            customer_id,
            partner_id: None,
            created_at: Utc::now().naive_utc(),
        };
        crate::run!(conn, |c| {
            diesel::insert_into(memberships::table)
                .values(&new_membership)
                .returning(Membership::as_returning())
                .get_result(c)
                .await
        })
    }

    /// Whether `id` is a membership of `workshop_id` with one of `roles` (another workshop's is
    /// not).
    pub async fn has_role(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        id: i64,
        roles: &[Role],
    ) -> QueryResult<bool> {
        let found: i64 = crate::run!(conn, |c| {
            memberships::table
                .filter(memberships::workshop_id.eq(workshop_id))
                .filter(memberships::id.eq(id))
                .filter(memberships::role.eq_any(roles))
                .count()
                .get_result(c)
                .await
        })?;
        Ok(found > 0)
    }

    /// Creates a user with a password and a membership of `workshop_id` with `input.role`, any
    /// role (the demo's CUSTOMER and PARTNER too); [`StaffMember::add`] is the ADMIN's command.
    pub(crate) async fn add(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: AddStaffInput,
    ) -> Result<Committed<StaffMember>, DomainError> {
        let name =
            Text::required(&input.name, NAME_MAX, NAME_MISSING).map_err(DomainError::invalid_at("name"))?;
        let email = Email::parse(&input.email).map_err(DomainError::invalid_at("email"))?;
        let password = Password::parse(&input.password).map_err(DomainError::invalid_at("password"))?;
        if User::find_by_email(conn, &email).await?.is_some() {
            return Err(DomainError::conflict("email", EMAIL_TAKEN));
        }
        let hash = password.hash().await?;
        let role = input.role;
        let actor = actor.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let user = User::create(tx, name.as_str(), &email, Some(&hash.0)).await?;
                let membership = Membership::create(tx, workshop_id, user.id, role, None).await?;
                let kind = if role.is_staff() { STAFF_ADDED } else { MEMBER_ADDED };
                let event = NewEvent::new(kind, workshop_id, membership.id).by(&actor).with(&MemberAdded {
                    name: &user.name,
                    email: &user.email,
                    role,
                });
                Ok((StaffMember { membership, user }, vec![event]))
            })
        })
        .await
    }
}

/// Creates the login of partner `partner_id` of `workshop_id` inside the caller's transaction: a
/// user with the password `hash` and a PARTNER membership acting for the partner. An e-mail in use
/// is a CONFLICT on `email`.
pub(crate) async fn create_partner_login(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    name: &str,
    email: &Email,
    hash: &str,
    partner_id: i64,
) -> Result<(User, Membership), DomainError> {
    let user = User::create(conn, name, email, Some(hash)).await?;
    let new_membership = NewMembership {
        workshop_id,
        user_id: user.id,
        role: Role::Partner,
        customer_id: None,
        partner_id: Some(partner_id),
        created_at: Utc::now().naive_utc(),
    };
    let membership = crate::run!(conn, |c| {
        diesel::insert_into(memberships::table)
            .values(&new_membership)
            .returning(Membership::as_returning())
            .get_result(c)
            .await
    })?;
    Ok((user, membership))
}

/// Ends every live session of the logins of partner `partner_id` of `workshop_id` (deactivated);
/// returns how many.
pub(crate) async fn revoke_partner_sessions(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    partner_id: i64,
) -> QueryResult<usize> {
    let now = Utc::now().naive_utc();
    let logins = memberships::table
        .filter(memberships::workshop_id.eq(workshop_id))
        .filter(memberships::partner_id.eq(partner_id))
        .select(memberships::id);
    crate::run!(conn, |c| {
        diesel::update(
            sessions::table
                .filter(sessions::workshop_id.eq(workshop_id))
                .filter(sessions::membership_id.eq_any(logins))
                .filter(sessions::revoked_at.is_null()),
        )
        .set(sessions::revoked_at.eq(now))
        .execute(c)
        .await
    })
}

impl StaffMember {
    /// The staff (ADMIN, OPERATOR, MECHANIC) of a workshop, by name.
    pub async fn list(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<Vec<StaffMember>> {
        Self::with_roles(conn, workshop_id, Role::STAFF).await
    }

    /// The members of a workshop with one of `roles`, by name; not the service users of API tokens.
    pub async fn with_roles(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        roles: &[Role],
    ) -> QueryResult<Vec<StaffMember>> {
        let rows: Vec<(Membership, User)> = crate::run!(conn, |c| {
            memberships::table
                .inner_join(users::table)
                .filter(memberships::workshop_id.eq(workshop_id))
                .filter(memberships::role.eq_any(roles))
                .filter(diesel::dsl::not(diesel::dsl::exists(
                    api_tokens::table.filter(api_tokens::membership_id.eq(memberships::id)),
                )))
                .order((users::name, memberships::id))
                .select((Membership::as_select(), User::as_select()))
                .load(c)
                .await
        })?;
        Ok(rows.into_iter().map(|(membership, user)| StaffMember { membership, user }).collect())
    }

    /// The staff memberships `ids` of `workshop_id` with their users, in one query.
    pub async fn many(conn: &mut Conn<'_>, workshop_id: i64, ids: &[i64]) -> QueryResult<Vec<StaffMember>> {
        let rows: Vec<(Membership, User)> = crate::run!(conn, |c| {
            memberships::table
                .inner_join(users::table)
                .filter(memberships::workshop_id.eq(workshop_id))
                .filter(memberships::id.eq_any(ids))
                .filter(memberships::role.eq_any(Role::STAFF))
                .select((Membership::as_select(), User::as_select()))
                .load(c)
                .await
        })?;
        Ok(rows.into_iter().map(|(membership, user)| StaffMember { membership, user }).collect())
    }

    /// Adds a person to `workshop_id`'s staff, able to sign in at once with the given password.
    pub async fn add(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        actor: &Actor,
        input: AddStaffInput,
    ) -> Result<Committed<StaffMember>, DomainError> {
        if !input.role.is_staff() {
            return Err(DomainError::invalid(
                "role",
                Message::new(
                    "A equipe só pode ter os papéis ADMIN, OPERATOR ou MECHANIC.",
                    "Staff can only have the roles ADMIN, OPERATOR or MECHANIC.",
                ),
            ));
        }
        Membership::add(conn, workshop_id, actor, input).await
    }
}
