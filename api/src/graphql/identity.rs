//! Workshops, sign-in and staff (contract: identity.graphql).

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use axum::http::header::SET_COOKIE;
use oficina_domain::identity::{self as domain, Principal};
use oficina_domain::{DomainError, Message};

use super::{conn, publish, record_id, to_id};
use crate::auth::{
    ADMIN, ADMIN_OR_OPERATOR, ANYONE_SIGNED_IN, RoleGuard, cleared_session_cookie, principal, session_cookie,
};
use crate::error::ApiError;
use crate::rate_limit::RateLimiter;

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
pub struct Workshop(domain::Workshop);

#[Object]
impl Workshop {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// Masked as 00.000.000/0000-00.
    async fn cnpj(&self) -> Result<String, ApiError> {
        Ok(self.0.formatted_cnpj()?)
    }
}

/// A user's membership of one workshop, with the role it grants there.
pub struct Membership {
    membership: domain::Membership,
    workshop: domain::Workshop,
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
    user: domain::User,
    current: Membership,
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
pub struct AuthPayload(domain::SignedIn);

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
    name: String,
    email: String,
    role: Role,
}

impl From<domain::StaffMember> for StaffMember {
    fn from(staff: domain::StaffMember) -> Self {
        Self {
            id: to_id(staff.membership.id),
            name: staff.user.name,
            email: staff.user.email,
            role: staff.membership.role.into(),
        }
    }
}

#[derive(InputObject)]
pub struct RegisterWorkshopInput {
    workshop_name: String,
    cnpj: String,
    admin_name: String,
    email: String,
    password: String,
}

#[derive(InputObject)]
pub struct AddStaffInput {
    name: String,
    email: String,
    password: String,
    role: Role,
}

#[derive(Default)]
pub struct IdentityQuery;

#[Object]
impl IdentityQuery {
    /// The signed-in user, with the membership the session acts as.
    #[graphql(guard = "RoleGuard(ANYONE_SIGNED_IN)")]
    async fn me(&self, ctx: &Context<'_>) -> Result<User, ApiError> {
        let p = principal(ctx)?;
        Ok(User {
            user: p.user.clone(),
            current: Membership { membership: p.membership.clone(), workshop: p.workshop.clone() },
        })
    }

    /// ADMIN: the staff of the workshop (ADMIN, OPERATOR, MECHANIC).
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn staff(&self, ctx: &Context<'_>) -> Result<Vec<StaffMember>, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let staff = domain::StaffMember::list(&mut pooled.conn(), p.workshop.id).await?;
        Ok(staff.into_iter().map(StaffMember::from).collect())
    }
}

#[derive(Default)]
pub struct IdentityMutation;

#[Object]
impl IdentityMutation {
    /// A new workshop signs up; the person who signs up is its first ADMIN.
    async fn register_workshop(
        &self,
        ctx: &Context<'_>,
        input: RegisterWorkshopInput,
    ) -> Result<AuthPayload, ApiError> {
        let mut pooled = conn(ctx).await?;
        let registration = domain::RegisterWorkshopInput {
            workshop_name: input.workshop_name,
            cnpj: input.cnpj,
            admin_name: input.admin_name,
            email: input.email,
            password: input.password,
        };
        let committed = domain::Workshop::register(&mut pooled.conn(), registration)
            .await
            .map_err(|e| ApiError::from(e).under("input"))?;
        let signed_in = publish(ctx, committed).await;
        ctx.insert_http_header(SET_COOKIE, session_cookie(&signed_in.token));
        Ok(AuthPayload(signed_in))
    }

    /// Any user signs in. With several memberships, `workshopId` picks one (else the first).
    /// Five failures for one e-mail within a minute answer RATE_LIMITED.
    async fn sign_in(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
        workshop_id: Option<ID>,
    ) -> Result<AuthPayload, ApiError> {
        let workshop_id = workshop_id
            .map(|id| {
                id.parse::<i64>().map_err(|_| {
                    ApiError::bad_input("workshopId", Message::new("Oficina inválida.", "Invalid workshop."))
                })
            })
            .transpose()?;
        let limiter = ctx.data_unchecked::<RateLimiter>();
        let key = email.trim().to_lowercase();
        if limiter.is_limited(&key).await {
            return Err(ApiError::RateLimited);
        }
        let mut pooled = conn(ctx).await?;
        let committed = match Principal::sign_in(&mut pooled.conn(), &email, &password, workshop_id).await {
            Err(DomainError::InvalidCredentials) => {
                limiter.record_failure(&key).await;
                return Err(DomainError::InvalidCredentials.into());
            }
            other => other?,
        };
        let signed_in = publish(ctx, committed).await;
        ctx.insert_http_header(SET_COOKIE, session_cookie(&signed_in.token));
        Ok(AuthPayload(signed_in))
    }

    /// Ends the current session at once.
    #[graphql(guard = "RoleGuard(ANYONE_SIGNED_IN)")]
    async fn sign_out(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let committed = p.sign_out(&mut pooled.conn()).await?;
        publish(ctx, committed).await;
        ctx.insert_http_header(SET_COOKIE, cleared_session_cookie());
        Ok(true)
    }

    /// ADMIN adds a staff member (ADMIN, OPERATOR or MECHANIC) who can sign in at once.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn add_staff(&self, ctx: &Context<'_>, input: AddStaffInput) -> Result<StaffMember, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let staff = domain::AddStaffInput {
            name: input.name,
            email: input.email,
            password: input.password,
            role: input.role.into(),
        };
        let committed = domain::StaffMember::add(&mut pooled.conn(), p.workshop.id, &p.actor(), staff)
            .await
            .map_err(|e| ApiError::from(e).under("input"))?;
        Ok(publish(ctx, committed).await.into())
    }

    /// ADMIN or OPERATOR invites a customer of the workshop to the portal: `email` gets a
    /// one-time link, valid for 7 days, to set a password and sign in as that CUSTOMER.
    #[graphql(guard = "RoleGuard(ADMIN_OR_OPERATOR)")]
    async fn invite_customer(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
        email: String,
    ) -> Result<bool, ApiError> {
        let p = principal(ctx)?;
        let customer_id = record_id(&customer_id)?;
        let mut pooled = conn(ctx).await?;
        let committed = domain::Membership::invite_customer(
            &mut pooled.conn(),
            &p.workshop,
            &p.actor(),
            customer_id,
            &email,
        )
        .await?;
        publish(ctx, committed).await;
        Ok(true)
    }

    /// The invited person sets a password (or, with a user already, gives theirs) and is signed
    /// in as CUSTOMER of the inviting workshop. The invitation works once.
    async fn accept_invitation(
        &self,
        ctx: &Context<'_>,
        token: String,
        password: String,
    ) -> Result<AuthPayload, ApiError> {
        let mut pooled = conn(ctx).await?;
        let committed = domain::Membership::accept_invitation(&mut pooled.conn(), &token, &password).await?;
        let signed_in = publish(ctx, committed).await;
        ctx.insert_http_header(SET_COOKIE, session_cookie(&signed_in.token));
        Ok(AuthPayload(signed_in))
    }

    /// E-mails a password-reset link (valid for 1 hour) when the e-mail has an account. Always
    /// answers true, whether or not it has (no account enumeration).
    async fn request_password_reset(&self, ctx: &Context<'_>, email: String) -> Result<bool, ApiError> {
        let mut pooled = conn(ctx).await?;
        let committed = domain::User::request_password_reset(&mut pooled.conn(), &email).await?;
        publish(ctx, committed).await;
        Ok(true)
    }

    /// Sets a new password with the token of a reset link and ends every session of the user.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        token: String,
        password: String,
    ) -> Result<bool, ApiError> {
        let mut pooled = conn(ctx).await?;
        let committed = domain::User::reset_password(&mut pooled.conn(), &token, &password).await?;
        publish(ctx, committed).await;
        Ok(true)
    }
}
