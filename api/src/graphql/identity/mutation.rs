//! Signing up, in and out, staff, portal invitations and password resets.

use async_graphql::{Context, ID, Object};
use oficina_domain::identity::{self as domain, Principal, SignInOutcome};
use oficina_domain::{Db, DomainError, Message};

use super::{AddStaffInput, AuthPayload, RegisterWorkshopInput, StaffMember};
use crate::auth::{ADMIN, ANYONE_SIGNED_IN, FRONT_DESK, RoleGuard, principal, set_session_cookie};
use crate::error::ApiError;
use crate::graphql::{attempt, client_ip, conn, finish, finish_input, from_id, in_background, publish};
use crate::rate_limit::{
    PASSWORD_RESET_PER_EMAIL, PASSWORD_RESET_PER_IP, REGISTER_WORKSHOP_PER_IP, RateLimiter,
    SIGN_IN_PER_EMAIL, SIGN_IN_PER_EMAIL_AND_IP, SIGN_IN_PER_IP, email_and_ip_key, email_key,
};

/// Identity's part of the mutation root.
#[derive(Default)]
pub struct IdentityMutation;

#[Object]
impl IdentityMutation {
    /// A new workshop signs up; the person who signs up is its first ADMIN. RATE_LIMITED after 10
    /// attempts from one address in an hour, whatever their outcome.
    async fn register_workshop(
        &self,
        ctx: &Context<'_>,
        input: RegisterWorkshopInput,
    ) -> Result<AuthPayload, ApiError> {
        let client = client_ip(ctx).to_string();
        ctx.data_unchecked::<RateLimiter>().count_all(&[(REGISTER_WORKSHOP_PER_IP, &client)]).await?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Workshop::register(&mut pooled.conn(), input.into()).await;
        let signed_in = finish_input(ctx, result).await?;
        set_session_cookie(ctx, Some(&signed_in.token));
        Ok(AuthPayload(signed_in))
    }

    /// Any user signs in. With several memberships, `workshopId` picks one (else the first).
    /// A user with MFA on gets no session here: the answer is the error MFA_REQUIRED with
    /// `extensions.challenge`, to send with a code to `completeMfaSignIn`. Every attempt on a
    /// known user goes to their sign-in history.
    ///
    /// Failed attempts are limited, and beyond a limit the answer is RATE_LIMITED with no password
    /// checked: 5 a minute for one e-mail from one address, 30 in 15 minutes from one address, 20
    /// in 15 minutes for one e-mail from anywhere. An attempt counts before its password is checked
    /// and is taken back unless the password was wrong, so parallel attempts cannot pass a limit.
    /// Someone guessing a person's password locks that person out for a minute at most from the
    /// guesser's address, not at all from others (until the guesses from everywhere reach 20).
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
        let mut pooled = conn(ctx).await?;
        let limiter = ctx.data_unchecked::<RateLimiter>();
        let client = client_ip(ctx);
        let (ip, email_and_ip, email_only) =
            (client.to_string(), email_and_ip_key(&email, client), email_key(&email));
        let attempts = [
            (SIGN_IN_PER_EMAIL_AND_IP, &*email_and_ip),
            (SIGN_IN_PER_IP, &*ip),
            (SIGN_IN_PER_EMAIL, &*email_only),
        ];
        limiter.count_all(&attempts).await?;
        let result =
            Principal::sign_in(&mut pooled.conn(), &email, &password, workshop_id, &attempt(ctx)).await;
        if !matches!(result, Err(DomainError::InvalidCredentials)) {
            limiter.uncount_all(&attempts).await;
        }
        match result? {
            SignInOutcome::SignedIn(committed) => {
                let signed_in = publish(ctx, *committed).await;
                set_session_cookie(ctx, Some(&signed_in.token));
                Ok(AuthPayload(signed_in))
            }
            SignInOutcome::MfaRequired { challenge } => Err(ApiError::MfaRequired(challenge)),
        }
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

    /// A user who belongs to several workshops moves the session to another of their
    /// memberships: a new session there (the answer's token, and the cookie for the web app), this
    /// one ended. NOT_FOUND for a workshop the user is not a member of.
    #[graphql(guard = "RoleGuard(ANYONE_SIGNED_IN)")]
    async fn switch_workshop(&self, ctx: &Context<'_>, workshop_id: ID) -> Result<AuthPayload, ApiError> {
        let p = principal(ctx)?;
        let workshop_id = from_id(&workshop_id)?;
        let mut pooled = conn(ctx).await?;
        let signed_in = finish(ctx, p.switch_workshop(&mut pooled.conn(), workshop_id).await).await?;
        set_session_cookie(ctx, Some(&signed_in.token));
        Ok(AuthPayload(signed_in))
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

    /// E-mails a password-reset link (valid for 1 hour) when the e-mail has an account. Answers
    /// true at once, whether or not it has: the e-mail is looked up (and the link sent) after the
    /// answer, so neither the answer nor its timing tells (no account enumeration). RATE_LIMITED,
    /// for any e-mail alike, beyond 3 requests for one e-mail or 20 from one address in an hour.
    async fn request_password_reset(&self, ctx: &Context<'_>, email: String) -> Result<bool, ApiError> {
        let (client, email_only) = (client_ip(ctx).to_string(), email_key(&email));
        let attempts = [(PASSWORD_RESET_PER_IP, &*client), (PASSWORD_RESET_PER_EMAIL, &*email_only)];
        ctx.data_unchecked::<RateLimiter>().count_all(&attempts).await?;
        let db = ctx.data_unchecked::<Db>().clone();
        in_background(ctx, async move {
            let mut pooled = db.get().await?;
            Ok(domain::User::request_password_reset(&mut pooled.conn(), &email).await?)
        });
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
