//! Signing up, in and out, staff, portal invitations and password resets.

use async_graphql::{Context, ID, Object};
use oficina_domain::identity::{self as domain, Principal};
use oficina_domain::{DomainError, Message};

use super::{AddStaffInput, AuthPayload, RegisterWorkshopInput, StaffMember};
use crate::auth::{ADMIN, ANYONE_SIGNED_IN, FRONT_DESK, RoleGuard, principal, set_session_cookie};
use crate::error::ApiError;
use crate::graphql::{conn, finish, finish_input, from_id};
use crate::rate_limit::RateLimiter;

/// Identity's part of the mutation root.
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
        let result = domain::Workshop::register(&mut pooled.conn(), input.into()).await;
        let signed_in = finish_input(ctx, result).await?;
        set_session_cookie(ctx, Some(&signed_in.token));
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
        let result = match Principal::sign_in(&mut pooled.conn(), &email, &password, workshop_id).await {
            Err(DomainError::InvalidCredentials) => {
                limiter.record_failure(&key).await;
                return Err(DomainError::InvalidCredentials.into());
            }
            other => other,
        };
        let signed_in = finish(ctx, result).await?;
        set_session_cookie(ctx, Some(&signed_in.token));
        Ok(AuthPayload(signed_in))
    }

    /// Ends the current session at once.
    #[graphql(guard = "RoleGuard(ANYONE_SIGNED_IN)")]
    async fn sign_out(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        finish(ctx, p.sign_out(&mut pooled.conn()).await).await?;
        set_session_cookie(ctx, None);
        Ok(true)
    }

    /// ADMIN adds a staff member (ADMIN, OPERATOR or MECHANIC) who can sign in at once.
    #[graphql(guard = "RoleGuard(ADMIN)")]
    async fn add_staff(&self, ctx: &Context<'_>, input: AddStaffInput) -> Result<StaffMember, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result =
            domain::StaffMember::add(&mut pooled.conn(), p.workshop.id, &p.actor(), input.into()).await;
        Ok(finish_input(ctx, result).await?.into())
    }

    /// ADMIN or OPERATOR invites a customer of the workshop to the portal: `email` gets a
    /// one-time link, valid for 7 days, to set a password and sign in as that CUSTOMER.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn invite_customer(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
        email: String,
    ) -> Result<bool, ApiError> {
        let p = principal(ctx)?;
        let customer_id = from_id(&customer_id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Membership::invite_customer(
            &mut pooled.conn(),
            &p.workshop,
            &p.actor(),
            customer_id,
            &email,
        )
        .await;
        finish(ctx, result).await?;
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
        let result = domain::Membership::accept_invitation(&mut pooled.conn(), &token, &password).await;
        let signed_in = finish(ctx, result).await?;
        set_session_cookie(ctx, Some(&signed_in.token));
        Ok(AuthPayload(signed_in))
    }

    /// E-mails a password-reset link (valid for 1 hour) when the e-mail has an account. Always
    /// answers true, whether or not it has (no account enumeration).
    async fn request_password_reset(&self, ctx: &Context<'_>, email: String) -> Result<bool, ApiError> {
        let mut pooled = conn(ctx).await?;
        finish(ctx, domain::User::request_password_reset(&mut pooled.conn(), &email).await).await?;
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
        finish(ctx, domain::User::reset_password(&mut pooled.conn(), &token, &password).await).await?;
        Ok(true)
    }
}
