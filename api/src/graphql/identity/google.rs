//! Sign in with Google: whether it is on (the web app shows its button), how the signed-in user
//! can sign in, and unlinking Google. Linking is a browser redirect (`/auth/google/start?link=1`).

use async_graphql::{Context, Object, SimpleObject};
use chrono::{DateTime, Utc};
use oficina_domain::identity::{LinkedGoogle, SignInMethods as DomainMethods};

use crate::auth::{ANYONE_SIGNED_IN, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{conn, finish};

/// Whether sign in with Google is configured (OFICINA_GOOGLE_CLIENT_ID): schema data.
#[derive(Clone, Copy)]
pub struct GoogleSignIn(pub bool);

/// How the signed-in user can sign in.
#[derive(SimpleObject)]
pub struct SignInMethods {
    /// The user has a password.
    password: bool,
    /// The Google account linked to the user, if any.
    google: Option<GoogleAccount>,
}

/// A Google account linked to a user.
#[derive(SimpleObject)]
pub struct GoogleAccount {
    /// The verified e-mail Google gave when it was linked.
    email: String,
    linked_at: DateTime<Utc>,
}

impl From<DomainMethods> for SignInMethods {
    fn from(methods: DomainMethods) -> Self {
        Self { password: methods.password, google: methods.google.map(GoogleAccount::from) }
    }
}

impl From<LinkedGoogle> for GoogleAccount {
    fn from(linked: LinkedGoogle) -> Self {
        Self { email: linked.email, linked_at: linked.linked_at.and_utc() }
    }
}

/// Google's part of the query root.
#[derive(Default)]
pub struct GoogleQuery;

#[Object]
impl GoogleQuery {
    /// Whether "Sign in with Google" is offered (anyone may ask: the sign-in page does).
    async fn google_sign_in_enabled(&self, ctx: &Context<'_>) -> bool {
        ctx.data_opt::<GoogleSignIn>().is_some_and(|google| google.0)
    }

    /// How the signed-in user can sign in: a password, Google, or both.
    #[graphql(guard = "RoleGuard(ANYONE_SIGNED_IN)")]
    async fn sign_in_methods(&self, ctx: &Context<'_>) -> Result<SignInMethods, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        Ok(DomainMethods::of_user(&mut pooled.conn(), &p.user).await?.into())
    }
}

/// Google's part of the mutation root.
#[derive(Default)]
pub struct GoogleMutation;

#[Object]
impl GoogleMutation {
    /// Unlinks the signed-in user's Google account; answers how they can sign in now. NOT_FOUND
    /// without one; CONFLICT on `google` when the user has no password (Google is their only way
    /// to sign in: they set one with "forgot my password" first).
    #[graphql(guard = "RoleGuard(ANYONE_SIGNED_IN)")]
    async fn unlink_google(&self, ctx: &Context<'_>) -> Result<SignInMethods, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let result = LinkedGoogle::unlink(&mut pooled.conn(), &p.user, p.workshop.id).await;
        finish(ctx, result).await?;
        Ok(DomainMethods::of_user(&mut pooled.conn(), &p.user).await?.into())
    }
}
