//! Workshops, users, memberships and staff as clients see them.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use oficina_domain::identity as domain;

use crate::error::ApiError;
use crate::graphql::{conn, to_id};

/// What a membership allows in its workshop.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::identity::Role")]
pub enum Role {
    Admin,
    Operator,
    Mechanic,
    Customer,
    Partner,
}

/// A tenant: one auto-repair shop.
pub struct Workshop(pub(super) domain::Workshop);

#[Object]
impl Workshop {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Whether every staff member must have MFA on (one without it can only enrol).
    async fn mfa_required(&self) -> bool {
        self.0.mfa_required
    }
    /// Masked as 00.000.000/0000-00.
    async fn cnpj(&self) -> Result<String, ApiError> {
        Ok(self.0.formatted_cnpj()?)
    }
}

/// A user's membership of one workshop, with the role it grants there.
pub struct Membership {
    pub(super) membership: domain::Membership,
    pub(super) workshop: domain::Workshop,
}

#[Object]
impl Membership {
    async fn id(&self) -> ID {
        to_id(self.membership.id)
    }
    async fn role(&self) -> Role {
        self.membership.role.into()
    }
    async fn workshop(&self) -> Workshop {
        Workshop(self.workshop.clone())
    }
}

/// A person who can sign in.
pub struct User {
    pub(super) user: domain::User,
    pub(super) current: Membership,
}

#[Object]
impl User {
    async fn id(&self) -> ID {
        to_id(self.user.id)
    }
    async fn name(&self) -> &str {
        &self.user.name
    }
    async fn email(&self) -> &str {
        &self.user.email
    }
    /// The membership the current session acts as.
    async fn membership(&self) -> &Membership {
        &self.current
    }
    /// Every workshop this user belongs to.
    async fn memberships(&self, ctx: &Context<'_>) -> Result<Vec<Membership>, ApiError> {
        let mut pooled = conn(ctx).await?;
        let rows = domain::User::memberships(&mut pooled.conn(), self.user.id).await?;
        Ok(rows.into_iter().map(|(membership, workshop)| Membership { membership, workshop }).collect())
    }
}

/// What a sign-in, a workshop registration or an accepted invitation returns: the session
/// token and who it belongs to.
pub struct AuthPayload(pub(super) domain::SignedIn);

#[Object]
impl AuthPayload {
    /// Opaque session token, sent as `Authorization: Bearer <token>`; the web app also
    /// receives it as an HttpOnly cookie.
    async fn token(&self) -> &str {
        &self.0.token
    }
    async fn user(&self) -> User {
        User {
            user: self.0.user.clone(),
            current: Membership { membership: self.0.membership.clone(), workshop: self.0.workshop.clone() },
        }
    }
    /// The membership (workshop and role) this session acts as.
    async fn membership(&self) -> Membership {
        Membership { membership: self.0.membership.clone(), workshop: self.0.workshop.clone() }
    }
    async fn workshop(&self) -> Workshop {
        Workshop(self.0.workshop.clone())
    }
}

/// A person who works at the workshop.
#[derive(SimpleObject)]
pub struct StaffMember {
    id: ID,
    /// The person's user id: what `signInHistory(userId:)` takes.
    user_id: ID,
    name: String,
    email: String,
    role: Role,
}

impl From<domain::StaffMember> for StaffMember {
    fn from(staff: domain::StaffMember) -> Self {
        Self {
            id: to_id(staff.membership.id),
            user_id: to_id(staff.user.id),
            name: staff.user.name,
            email: staff.user.email,
            role: staff.membership.role.into(),
        }
    }
}
