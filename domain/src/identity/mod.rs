//! Identity and tenancy: workshops, users, memberships (role per workshop) and sessions, and
//! portal access: invitations to the customer portal and password resets.

mod models;
mod portal;
mod secret;
mod session;
mod token;

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde_json::json;

pub use models::{Membership, Role, User, Workshop};
pub use portal::{INVITATION_LIFETIME, PASSWORD_RESET_LIFETIME};
pub use session::Principal;
pub use token::{OneTimeToken, TokenPurpose};

use crate::audit::{Actor, Committed, Event, NewEvent};
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::schema::{memberships, users, workshops};
use crate::types::{Cnpj, Email, Password};
use models::{NewMembership, NewUser};

const EMAIL_TAKEN: &str = "Já existe uma conta com este e-mail.";

/// A workshop signing up, with the person who becomes its first ADMIN.
pub struct RegisterWorkshop {
    pub workshop_name: String,
    pub cnpj: String,
    pub admin_name: String,
    pub email: String,
    pub password: String,
}

/// An ADMIN adding a person to the staff.
pub struct AddStaff {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
}

/// A new session and who it belongs to.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub user: User,
    pub membership: Membership,
    pub workshop: Workshop,
}

/// A staff member: their membership in the workshop and their user.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub membership: Membership,
    pub user: User,
}

/// A person's name: trimmed, 1 to 120 characters.
pub(crate) fn parse_name(field: &str, input: &str) -> Result<String, DomainError> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(DomainError::invalid(field, "Informe o nome.")),
        1..=120 => Ok(name),
        _ => Err(DomainError::invalid(field, "O nome deve ter no máximo 120 caracteres.")),
    }
}

fn parse_email(field: &str, input: &str) -> Result<Email, DomainError> {
    Email::parse(input).map_err(|m| DomainError::invalid(field, m))
}

fn parse_password(field: &str, input: &str) -> Result<Password, DomainError> {
    Password::parse(input).map_err(|m| DomainError::invalid(field, m))
}

impl User {
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

    /// Every membership of this user, oldest first, with its workshop.
    pub async fn memberships(conn: &mut Conn<'_>, user_id: i64) -> QueryResult<Vec<(Membership, Workshop)>> {
        crate::run!(conn, |c| {
            memberships::table
                .inner_join(workshops::table)
                .filter(memberships::user_id.eq(user_id))
                .order(memberships::id)
                .select((Membership::as_select(), Workshop::as_select()))
                .load(c)
                .await
        })
    }

    /// Creates a user and their membership of `workshop_id`.
    async fn create_with_membership(
        conn: &mut Conn<'_>,
        name: &str,
        email: &Email,
        password_hash: Option<&str>,
        workshop_id: i64,
        role: Role,
    ) -> Result<(User, Membership), DomainError> {
        let user = User::create(conn, name, email, password_hash).await?;
        let membership = Membership::create(conn, workshop_id, user.id, role, None).await?;
        Ok((user, membership))
    }

    /// Creates a user; an e-mail that has one already is a CONFLICT.
    async fn create(
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

impl Membership {
    /// Makes `user_id` a member of `workshop_id` with `role` (a CUSTOMER linked to `customer_id`).
    async fn create(
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
}

impl Workshop {
    /// The workshop `id`.
    pub async fn find(conn: &mut Conn<'_>, id: i64) -> QueryResult<Option<Workshop>> {
        crate::run!(conn, |c| {
            workshops::table.find(id).select(Workshop::as_select()).first(c).await.optional()
        })
    }

    pub async fn find_by_cnpj(conn: &mut Conn<'_>, cnpj: &Cnpj) -> QueryResult<Option<Workshop>> {
        crate::run!(conn, |c| {
            workshops::table
                .filter(workshops::cnpj.eq(cnpj.as_str()))
                .select(Workshop::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// Whether any workshop exists yet (the demo is seeded only into an empty database).
    pub async fn any(conn: &mut Conn<'_>) -> QueryResult<bool> {
        let count: i64 = crate::run!(conn, |c| workshops::table.count().get_result(c).await)?;
        Ok(count > 0)
    }

    /// Registers a workshop with its first ADMIN and signs that person in.
    pub async fn register(
        conn: &mut Conn<'_>,
        input: RegisterWorkshop,
    ) -> Result<Committed<SignedIn>, DomainError> {
        let workshop_name = parse_name("workshopName", &input.workshop_name)?;
        let cnpj = Cnpj::parse(&input.cnpj).map_err(|m| DomainError::invalid("cnpj", m))?;
        let admin_name = parse_name("adminName", &input.admin_name)?;
        let email = parse_email("email", &input.email)?;
        let password = parse_password("password", &input.password)?;
        if Workshop::find_by_cnpj(conn, &cnpj).await?.is_some() {
            return Err(DomainError::conflict("cnpj", "Já existe uma oficina com este CNPJ."));
        }
        if User::find_by_email(conn, &email).await?.is_some() {
            return Err(DomainError::conflict("email", EMAIL_TAKEN));
        }
        let hash = password.hash().await;
        conn.transaction(|tx| {
            Box::pin(async move {
                let now = Utc::now().naive_utc();
                let workshop: Workshop = crate::run!(tx, |c| {
                    diesel::insert_into(workshops::table)
                        .values((
                            workshops::name.eq(&workshop_name),
                            workshops::cnpj.eq(cnpj.as_str()),
                            workshops::created_at.eq(now),
                        ))
                        .returning(Workshop::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(on_unique_violation("cnpj", "Já existe uma oficina com este CNPJ."))?;
                let (user, membership) = User::create_with_membership(
                    tx,
                    &admin_name,
                    &email,
                    Some(&hash.0),
                    workshop.id,
                    Role::Admin,
                )
                .await?;
                let actor = Actor { user_id: user.id, name: user.name.clone() };
                let event = Event::append(
                    tx,
                    NewEvent {
                        workshop_id: workshop.id,
                        actor: Some(&actor),
                        aggregate_type: "workshop",
                        aggregate_id: workshop.id,
                        kind: "workshop.registered",
                        payload: json!({ "name": workshop.name, "cnpj": workshop.cnpj, "admin": user.email }),
                    },
                )
                .await?;
                let (_, token) = session::open_session(tx, &membership).await?;
                Ok(Committed { value: SignedIn { token, user, membership, workshop }, events: vec![event] })
            })
        })
        .await
    }
}

impl Principal {
    /// Checks an e-mail and password and opens a session. With several memberships,
    /// `workshop_id` picks one, else the oldest.
    pub async fn sign_in(
        conn: &mut Conn<'_>,
        email: &str,
        password: &str,
        workshop_id: Option<i64>,
    ) -> Result<Committed<SignedIn>, DomainError> {
        let email = parse_email("email", email)?;
        let user = User::find_by_email(conn, &email).await?;
        let stored = user.as_ref().and_then(|u| u.password_hash.clone());
        let verified = crate::types::PasswordHash::verify(stored, password).await;
        let Some(user) = user.filter(|_| verified) else {
            return Err(DomainError::InvalidCredentials);
        };
        let memberships = User::memberships(conn, user.id).await?;
        let chosen = match workshop_id {
            Some(id) => memberships.into_iter().find(|(m, _)| m.workshop_id == id),
            None => memberships.into_iter().next(),
        };
        let Some((membership, workshop)) = chosen else {
            return Err(match workshop_id {
                Some(_) => DomainError::invalid("workshopId", "Você não faz parte desta oficina."),
                None => DomainError::InvalidCredentials,
            });
        };
        conn.transaction(|tx| {
            Box::pin(async move {
                let (session_id, token) = session::open_session(tx, &membership).await?;
                let actor = Actor { user_id: user.id, name: user.name.clone() };
                let event = Event::append(
                    tx,
                    NewEvent {
                        workshop_id: workshop.id,
                        actor: Some(&actor),
                        aggregate_type: "session",
                        aggregate_id: session_id,
                        kind: "session.started",
                        payload: json!({ "role": membership.role.as_str() }),
                    },
                )
                .await?;
                Ok(Committed { value: SignedIn { token, user, membership, workshop }, events: vec![event] })
            })
        })
        .await
    }

    /// Ends this principal's session at once.
    pub async fn sign_out(&self, conn: &mut Conn<'_>) -> Result<Committed<()>, DomainError> {
        let session_id = self.session_id;
        let workshop_id = self.workshop.id;
        let actor = self.actor();
        conn.transaction(|tx| {
            Box::pin(async move {
                session::revoke_session(tx, session_id).await?;
                let event = Event::append(
                    tx,
                    NewEvent {
                        workshop_id,
                        actor: Some(&actor),
                        aggregate_type: "session",
                        aggregate_id: session_id,
                        kind: "session.ended",
                        payload: json!({}),
                    },
                )
                .await?;
                Ok(Committed { value: (), events: vec![event] })
            })
        })
        .await
    }
}

impl StaffMember {
    /// The staff (ADMIN, OPERATOR, MECHANIC) of a workshop, by name.
    pub async fn list(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<Vec<StaffMember>> {
        let staff_roles: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.is_staff()).collect();
        let rows: Vec<(Membership, User)> = crate::run!(conn, |c| {
            memberships::table
                .inner_join(users::table)
                .filter(memberships::workshop_id.eq(workshop_id))
                .filter(memberships::role.eq_any(&staff_roles))
                .order((users::name, memberships::id))
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
        input: AddStaff,
    ) -> Result<Committed<StaffMember>, DomainError> {
        if !input.role.is_staff() {
            return Err(DomainError::invalid(
                "role",
                "A equipe só pode ter os papéis ADMIN, OPERATOR ou MECHANIC.",
            ));
        }
        add_member(conn, workshop_id, actor, input).await
    }
}

/// Creates a user with a password and a membership of `workshop_id` with `input.role`.
pub(crate) async fn add_member(
    conn: &mut Conn<'_>,
    workshop_id: i64,
    actor: &Actor,
    input: AddStaff,
) -> Result<Committed<StaffMember>, DomainError> {
    let name = parse_name("name", &input.name)?;
    let email = parse_email("email", &input.email)?;
    let password = parse_password("password", &input.password)?;
    if User::find_by_email(conn, &email).await?.is_some() {
        return Err(DomainError::conflict("email", EMAIL_TAKEN));
    }
    let hash = password.hash().await;
    let role = input.role;
    let actor = actor.clone();
    conn.transaction(|tx| {
        Box::pin(async move {
            let (user, membership) =
                User::create_with_membership(tx, &name, &email, Some(&hash.0), workshop_id, role).await?;
            let event = Event::append(
                tx,
                NewEvent {
                    workshop_id,
                    actor: Some(&actor),
                    aggregate_type: "membership",
                    aggregate_id: membership.id,
                    kind: if role.is_staff() { "staff.added" } else { "member.added" },
                    payload: json!({ "name": user.name, "email": user.email, "role": role.as_str() }),
                },
            )
            .await?;
            Ok(Committed { value: StaffMember { membership, user }, events: vec![event] })
        })
    })
    .await
}
