//! Portal access: staff invite a customer to the customer portal by e-mail and the invited person
//! accepts with a password; anyone can ask for a password-reset link by e-mail. Each link is a
//! one-time token, and its e-mail goes through the outbox in the transaction that issues it.

use chrono::Duration;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{
    INVITATION_ACCEPTED, INVITATION_SENT, InvitationAccepted, InvitationSent, PASSWORD_RESET,
    PASSWORD_RESET_REQUESTED, PasswordReset,
};
use super::models::{Membership, Role, User, Workshop};
use super::session::{self, SignedIn};
use super::token::{OneTimeToken, TokenPurpose};
use crate::audit::{Actor, Committed, NewEvent};
use crate::crm::Customer;
use crate::db::Conn;
use crate::error::{DomainError, on_unique_violation};
use crate::message::Message;
use crate::notifications::{Mail, Notification};
use crate::schema::users;
use crate::types::{Email, Password, PasswordHash};

/// How long an invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);
/// How long a password-reset link works.
pub const PASSWORD_RESET_LIFETIME: Duration = Duration::hours(1);

/// The language of e-mails to someone who has no user yet.
const DEFAULT_LOCALE: &str = "pt-BR";

const ALREADY_MEMBER: Message = Message::new(
    "Este e-mail já tem acesso a esta oficina: basta entrar com a sua senha.",
    "This e-mail has access to this workshop already: just sign in with your password.",
);

impl Membership {
    /// Invites customer `customer_id` of `workshop` to the customer portal: e-mails `email` a
    /// one-time link, valid for [`INVITATION_LIFETIME`], to become a CUSTOMER of the workshop
    /// that sees that customer record. Another workshop's customer is NOT_FOUND; an e-mail that
    /// already belongs to the workshop is a CONFLICT.
    pub async fn invite_customer(
        conn: &mut Conn<'_>,
        workshop: &Workshop,
        actor: &Actor,
        customer_id: i64,
        email: &str,
    ) -> Result<Committed<()>, DomainError> {
        let email = Email::parse(email).map_err(DomainError::invalid_at("email"))?;
        let (workshop, actor) = (workshop.clone(), actor.clone());
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let customer =
                    Customer::find(tx, workshop.id, customer_id).await?.ok_or(DomainError::NotFound)?;
                let locale = match User::find_by_email(tx, &email).await? {
                    Some(user) => {
                        if user.is_member(tx, workshop.id).await? {
                            return Err(DomainError::conflict("email", ALREADY_MEMBER));
                        }
                        user.locale
                    }
                    None => DEFAULT_LOCALE.to_owned(),
                };
                let token = OneTimeToken::issue(
                    tx,
                    workshop.id,
                    TokenPurpose::Invitation,
                    &email,
                    Some(customer.id),
                    INVITATION_LIFETIME,
                )
                .await?;
                let mail = Mail::Invitation { workshop: workshop.name, customer: customer.name };
                Notification::enqueue(tx, workshop.id, &email, &locale, &mail, &token).await?;
                let event = NewEvent::new(INVITATION_SENT, workshop.id, customer.id)
                    .by(&actor)
                    .with(&InvitationSent { email: email.as_str() });
                Ok(((), vec![event]))
            })
        })
        .await
    }

    /// Accepts an invitation and signs the invited person in as a CUSTOMER of the inviting
    /// workshop, linked to the invited customer record. A new e-mail gets a user with `password`;
    /// an e-mail that has a user already joins with that user, and `password` must be theirs.
    /// The token works once.
    pub async fn accept_invitation(
        conn: &mut Conn<'_>,
        token: &str,
        password: &str,
    ) -> Result<Committed<SignedIn>, DomainError> {
        let invitation = OneTimeToken::find_valid(conn, TokenPurpose::Invitation, token).await?;
        let broken = || DomainError::Internal(format!("invitation {} lost its customer", invitation.id));
        let customer_id = invitation.customer_id.ok_or_else(broken)?;
        let customer = Customer::find(conn, invitation.workshop_id, customer_id).await?.ok_or_else(broken)?;
        let workshop = Workshop::find(conn, invitation.workshop_id).await?.ok_or_else(broken)?;
        let email = invitation.email()?;
        let existing = User::find_by_email(conn, &email).await?;
        let new_password = match &existing {
            Some(user) => {
                if user.is_member(conn, workshop.id).await? {
                    return Err(DomainError::conflict("token", ALREADY_MEMBER));
                }
                if !PasswordHash::verify(user.password_hash.clone(), password).await? {
                    return Err(DomainError::invalid(
                        "password",
                        Message::new(
                            "Este e-mail já tem uma conta no Oficina: use a senha dessa conta \
                             (ou redefina-a em \"Esqueci minha senha\").",
                            "This e-mail has an Oficina account already: use that account's password \
                             (or reset it with \"Forgot my password\").",
                        ),
                    ));
                }
                None
            }
            None => {
                Some(Password::parse(password).map_err(DomainError::invalid_at("password"))?.hash().await?)
            }
        };
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                invitation.redeem(tx).await?;
                let user = match (existing, new_password) {
                    (Some(user), _) => user,
                    (None, hash) => {
                        User::create(tx, &customer.name, &email, hash.as_ref().map(|h| h.0.as_str())).await?
                    }
                };
                let membership =
                    Membership::create(tx, workshop.id, user.id, Role::Customer, Some(customer.id))
                        .await
                        .map_err(on_unique_violation("token", ALREADY_MEMBER))?;
                let (_, session_token) = session::open(tx, &membership).await?;
                let event = NewEvent::new(INVITATION_ACCEPTED, workshop.id, membership.id)
                    .by(&user)
                    .with(&InvitationAccepted { customer_id: customer.id, email: &user.email });
                Ok((SignedIn { token: session_token, user, membership, workshop }, vec![event]))
            })
        })
        .await
    }
}

impl User {
    /// E-mails a password-reset link, valid for [`PASSWORD_RESET_LIFETIME`], when `email` belongs
    /// to a user. For any other input nothing is written or sent, and the caller cannot tell the
    /// difference (no account enumeration). A user is not tied to one workshop but every event
    /// is: the token and its event belong to the workshop of the user's first membership.
    pub async fn request_password_reset(
        conn: &mut Conn<'_>,
        email: &str,
    ) -> Result<Committed<()>, DomainError> {
        let nothing = || Ok(Committed { value: (), events: Vec::new() });
        let Ok(email) = Email::parse(email) else { return nothing() };
        let Some(user) = User::find_by_email(conn, &email).await? else { return nothing() };
        let Some((_, workshop)) = User::memberships(conn, user.id).await?.into_iter().next() else {
            return nothing();
        };
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let token = OneTimeToken::issue(
                    tx,
                    workshop.id,
                    TokenPurpose::PasswordReset,
                    &email,
                    None,
                    PASSWORD_RESET_LIFETIME,
                )
                .await?;
                let mail = Mail::PasswordReset { name: user.name };
                Notification::enqueue(tx, workshop.id, &email, &user.locale, &mail, &token).await?;
                // Anyone may ask for a reset link: nobody proved who they are yet, so no actor.
                Ok(((), vec![NewEvent::new(PASSWORD_RESET_REQUESTED, workshop.id, user.id)]))
            })
        })
        .await
    }

    /// Sets a new password with a password-reset token, voids the user's other reset links and
    /// ends every session of the user, in every workshop. The event belongs to the workshop the
    /// token was issued for: that of the user's first membership when the link was asked for.
    pub async fn reset_password(
        conn: &mut Conn<'_>,
        token: &str,
        password: &str,
    ) -> Result<Committed<()>, DomainError> {
        let reset = OneTimeToken::find_valid(conn, TokenPurpose::PasswordReset, token).await?;
        let email = reset.email()?;
        let user = User::find_by_email(conn, &email)
            .await?
            .ok_or_else(|| DomainError::Internal(format!("password reset {} lost its user", reset.id)))?;
        let hash = Password::parse(password).map_err(DomainError::invalid_at("password"))?.hash().await?;
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                reset.redeem(tx).await?;
                OneTimeToken::void_all(tx, TokenPurpose::PasswordReset, &email).await?;
                // A user belongs to no one workshop: this update is by id alone.
                crate::run!(tx, |c| {
                    diesel::update(users::table.find(user.id))
                        .set(users::password_hash.eq(&hash.0))
                        .execute(c)
                        .await
                })?;
                let sessions_ended = session::revoke_all_of_user(tx, user.id).await?;
                let event = NewEvent::new(PASSWORD_RESET, reset.workshop_id, user.id)
                    .by(&user)
                    .with(&PasswordReset { sessions_ended });
                Ok(((), vec![event]))
            })
        })
        .await
    }
}
