//! Sign in with Google: a Google account (its OpenID subject) linked to a user. The first sign-in
//! finds the user by the verified e-mail Google gives and links the account; a signed-in user can
//! link and unlink it from their profile, but not unlink the last way to sign in.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use serde::Serialize;

use super::events::{GOOGLE_LINKED, GOOGLE_UNLINKED};
use super::mfa_sign_in::SignInOutcome;
use super::models::User;
use super::session::open_for;
use super::sign_in_history::{Attempt, SignInMethod};
use crate::audit::{Committed, NewEvent, one_row};
use crate::db::Conn;
use crate::error::DomainError;
use crate::message::Message;
use crate::schema::{user_identities, users};
use crate::types::Email;

/// The provider name in `user_identities` and `oauth_flows`.
pub const GOOGLE: &str = "GOOGLE";
/// The longest subject kept (Google's are 21 digits; OpenID allows 255 characters).
const SUBJECT_MAX: usize = 255;

/// A Google account as its verified id token names it: the subject and a verified e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoogleAccount {
    pub subject: String,
    pub email: String,
}

/// The Google account linked to a user.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = user_identities, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct LinkedGoogle {
    pub id: i64,
    pub user_id: i64,
    pub subject: String,
    /// The verified e-mail Google gave when it was linked.
    pub email: String,
    pub linked_at: NaiveDateTime,
}

/// How a user can sign in.
#[derive(Debug, Clone)]
pub struct SignInMethods {
    /// The user has a password.
    pub password: bool,
    pub google: Option<LinkedGoogle>,
}

#[derive(Insertable)]
#[diesel(table_name = user_identities)]
struct NewIdentity<'a> {
    user_id: i64,
    provider: &'a str,
    subject: &'a str,
    email: &'a str,
    linked_at: NaiveDateTime,
}

/// The linked account's e-mail, in the audit trail.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GoogleLinked<'a> {
    pub email: &'a str,
}

/// CONFLICT on `google`: that Google account signs in to another user.
fn linked_elsewhere() -> DomainError {
    DomainError::conflict(
        "google",
        Message::new(
            "Esta conta Google já está vinculada a outro usuário.",
            "This Google account is linked to another user already.",
        ),
    )
}

impl SignInMethods {
    /// How `user` can sign in: with a password, with Google, or both.
    pub async fn of_user(conn: &mut Conn<'_>, user: &User) -> QueryResult<SignInMethods> {
        let google = LinkedGoogle::of_user(conn, user.id).await?;
        Ok(SignInMethods { password: user.password_hash.is_some(), google })
    }
}

impl LinkedGoogle {
    /// The Google account linked to `user_id`.
    pub async fn of_user(conn: &mut Conn<'_>, user_id: i64) -> QueryResult<Option<LinkedGoogle>> {
        crate::run!(conn, |c| {
            user_identities::table
                .filter(user_identities::user_id.eq(user_id))
                .filter(user_identities::provider.eq(GOOGLE))
                .select(LinkedGoogle::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// The user the Google account `subject` is linked to.
    async fn user_of(conn: &mut Conn<'_>, subject: &str) -> QueryResult<Option<User>> {
        crate::run!(conn, |c| {
            user_identities::table
                .inner_join(users::table)
                .filter(user_identities::provider.eq(GOOGLE))
                .filter(user_identities::subject.eq(subject))
                .select(User::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// Links `account` to `user` (the event goes to `workshop_id`, where the user acts). Linking
    /// the account linked already changes nothing. CONFLICT on `google` when the account is
    /// linked to another user, or the user has another Google account linked (unlink it first).
    pub async fn link(
        conn: &mut Conn<'_>,
        user: &User,
        workshop_id: i64,
        account: &GoogleAccount,
    ) -> Result<Committed<LinkedGoogle>, DomainError> {
        if account.subject.is_empty() || account.subject.len() > SUBJECT_MAX {
            return Err(DomainError::Internal(format!(
                "a Google subject of {} bytes",
                account.subject.len()
            )));
        }
        let email = Email::parse(&account.email).map_err(DomainError::invalid_at("email"))?;
        if let Some(linked) = LinkedGoogle::of_user(conn, user.id).await? {
            if linked.subject == account.subject {
                return Ok(Committed { value: linked, events: Vec::new() });
            }
            return Err(DomainError::conflict(
                "google",
                Message::new(
                    "Você já vinculou outra conta Google. Desvincule-a antes.",
                    "You have linked another Google account. Unlink it first.",
                ),
            ));
        }
        let (user, subject, email) = (user.clone(), account.subject.clone(), email.to_string());
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let row = NewIdentity {
                    user_id: user.id,
                    provider: GOOGLE,
                    subject: &subject,
                    email: &email,
                    linked_at: Utc::now().naive_utc(),
                };
                let linked = crate::run!(tx, |c| {
                    diesel::insert_into(user_identities::table)
                        .values(&row)
                        .returning(LinkedGoogle::as_returning())
                        .get_result(c)
                        .await
                })
                .map_err(|e| match e {
                    diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::UniqueViolation,
                        _,
                    ) => linked_elsewhere(),
                    other => other.into(),
                })?;
                let event = NewEvent::new(GOOGLE_LINKED, workshop_id, user.id)
                    .by(&user)
                    .with(&GoogleLinked { email: &email });
                Ok((linked, vec![event]))
            })
        })
        .await
    }

    /// Unlinks the Google account of `user` (the event goes to `workshop_id`). NOT_FOUND without
    /// one; CONFLICT on `google` when the user has no password: Google is their only way in.
    pub async fn unlink(
        conn: &mut Conn<'_>,
        user: &User,
        workshop_id: i64,
    ) -> Result<Committed<()>, DomainError> {
        let user = user.clone();
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let has_password = users::table
                    .filter(users::id.eq(user.id))
                    .filter(users::password_hash.is_not_null())
                    .select(users::id);
                let removed = crate::run!(tx, |c| {
                    diesel::delete(
                        user_identities::table
                            .filter(user_identities::user_id.eq_any(has_password))
                            .filter(user_identities::provider.eq(GOOGLE)),
                    )
                    .execute(c)
                    .await
                })?;
                if removed == 0 && LinkedGoogle::of_user(tx, user.id).await?.is_some() {
                    return Err(DomainError::conflict(
                        "google",
                        Message::new(
                            "O Google é a única forma de entrar na sua conta: crie uma senha (em \
                             “Esqueci minha senha”) antes de desvinculá-lo.",
                            "Google is the only way to sign in to your account: set a password (with \
                             “Forgot my password”) before unlinking it.",
                        ),
                    ));
                }
                one_row(removed, || DomainError::NotFound)?;
                Ok(((), vec![NewEvent::new(GOOGLE_UNLINKED, workshop_id, user.id).by(&user)]))
            })
        })
        .await
    }
}

/// Signs in with a verified Google account, as [`super::Principal::sign_in`] does with a
/// password (the same membership choice, MFA challenge and history row, method GOOGLE): the user
/// the account is linked to, else the user with its e-mail, linking the account to them first.
/// `None` when no user has that e-mail (a workshop is created by registering). CONFLICT on
/// `google` when that user has another Google account linked.
pub async fn sign_in_with_google(
    conn: &mut Conn<'_>,
    account: &GoogleAccount,
    attempt: &Attempt,
) -> Result<Option<(SignInOutcome, Vec<crate::audit::Event>)>, DomainError> {
    let mut events = Vec::new();
    let user = match LinkedGoogle::user_of(conn, &account.subject).await? {
        Some(user) => user,
        None => {
            let Ok(email) = Email::parse(&account.email) else { return Ok(None) };
            let Some(user) = User::find_by_email(conn, &email).await? else { return Ok(None) };
            let Some((membership, _)) = User::memberships(conn, user.id).await?.into_iter().next() else {
                return Ok(None);
            };
            events = LinkedGoogle::link(conn, &user, membership.workshop_id, account).await?.events;
            user
        }
    };
    let outcome = open_for(conn, user, None, SignInMethod::Google, attempt).await?;
    Ok(Some((outcome, events)))
}
