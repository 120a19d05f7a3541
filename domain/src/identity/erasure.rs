//! The portal login of a customer being anonymised (LGPD erasure): the CUSTOMER memberships of
//! that customer go (with their sessions), and a user left with no membership anywhere loses
//! their name, e-mail, password and second factor, so nobody can sign in as them again.

use chrono::Utc;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{MEMBER_ADDED, SESSION_ENDED};
use super::models::Role;
use crate::audit::{Actor, NewEvent};
use crate::db::Conn;
use crate::schema::{
    events, memberships, mfa_challenges, mfa_recovery_codes, notifications, one_time_tokens, sessions,
    sign_in_history, user_totp, users,
};

/// What replaces the payload of an event that named the erased person.
pub(crate) const REDACTED: &str = r#"{"redacted":"customer.erased"}"#;

/// What disabling a customer's portal logins did: the count the `customer.erased` event records,
/// and one `session.ended` per live session (a subscription of that session closes on it).
#[derive(Debug, Default)]
pub(crate) struct LoginsDisabled {
    pub logins: usize,
    pub session_events: Vec<NewEvent>,
}

/// Ends every portal login of customer `customer_id` of `workshop_id`, inside the caller's
/// transaction: the CUSTOMER memberships linked to them, their sessions and MFA challenges are
/// deleted (a `session.ended` is returned for each session still live), the one-time links to
/// the customer or to `customer_emails` and their logins' e-mails are voided, and the queued
/// messages to those addresses withdrawn. A user left without any membership is anonymised:
/// `pseudonym` for a name, an e-mail in the reserved `.invalid` domain, no password, no TOTP,
/// no sign-in history. A user who still belongs to another workshop keeps their account there.
pub(crate) async fn disable_customer_logins(
    tx: &mut Conn<'_>,
    workshop_id: i64,
    customer_id: i64,
    customer_emails: &[String],
    pseudonym: &str,
    actor: &Actor,
) -> QueryResult<LoginsDisabled> {
    let now = Utc::now().naive_utc();
    let logins: Vec<(i64, i64, String)> = crate::run!(tx, |c| {
        memberships::table
            .inner_join(users::table)
            .filter(memberships::workshop_id.eq(workshop_id))
            .filter(memberships::customer_id.eq(customer_id))
            .filter(memberships::role.eq(Role::Customer))
            .select((memberships::id, memberships::user_id, users::email))
            .load(c)
            .await
    })?;
    let membership_ids: Vec<i64> = logins.iter().map(|(m, _, _)| *m).collect();
    let user_ids: Vec<i64> = logins.iter().map(|(_, u, _)| *u).collect();
    let mut emails: Vec<String> = customer_emails.to_vec();
    emails.extend(logins.iter().map(|(_, _, e)| e.clone()));

    let mut done = LoginsDisabled { logins: logins.len(), session_events: vec![] };
    if !membership_ids.is_empty() {
        let live: Vec<i64> = crate::run!(tx, |c| {
            sessions::table
                .filter(sessions::workshop_id.eq(workshop_id))
                .filter(sessions::membership_id.eq_any(&membership_ids))
                .filter(sessions::revoked_at.is_null())
                .filter(sessions::expires_at.gt(now))
                .select(sessions::id)
                .load(c)
                .await
        })?;
        done.session_events =
            live.into_iter().map(|id| NewEvent::new(SESSION_ENDED, workshop_id, id).by(actor)).collect();
        crate::run!(tx, |c| {
            diesel::delete(
                mfa_challenges::table.filter(mfa_challenges::membership_id.eq_any(&membership_ids)),
            )
            .execute(c)
            .await?;
            diesel::delete(
                sessions::table
                    .filter(sessions::workshop_id.eq(workshop_id))
                    .filter(sessions::membership_id.eq_any(&membership_ids)),
            )
            .execute(c)
            .await?;
            diesel::delete(
                memberships::table
                    .filter(memberships::workshop_id.eq(workshop_id))
                    .filter(memberships::id.eq_any(&membership_ids)),
            )
            .execute(c)
            .await?;
            // Their `member.added` and `invitation.accepted` named and addressed the person.
            diesel::update(
                events::table
                    .filter(events::workshop_id.eq(workshop_id))
                    .filter(events::aggregate_type.eq(MEMBER_ADDED.aggregate_type))
                    .filter(events::aggregate_id.eq_any(&membership_ids)),
            )
            .set(events::payload.eq(REDACTED))
            .execute(c)
            .await
        })?;
        // Users with no membership left belonged to nobody but this customer: anonymise them.
        let still_members: Vec<i64> = crate::run!(tx, |c| {
            memberships::table
                .filter(memberships::user_id.eq_any(&user_ids))
                .select(memberships::user_id)
                .load(c)
                .await
        })?;
        for &user_id in user_ids.iter().filter(|u| !still_members.contains(*u)) {
            // A user is not tied to one workshop: these statements are by user id alone.
            let email = format!("anonimizado-{user_id}@anonimizado.invalid");
            crate::run!(tx, |c| {
                diesel::update(users::table.find(user_id))
                    .set((
                        users::name.eq(pseudonym),
                        users::email.eq(&email),
                        users::password_hash.eq(None::<String>),
                    ))
                    .execute(c)
                    .await?;
                diesel::delete(user_totp::table.filter(user_totp::user_id.eq(user_id))).execute(c).await?;
                diesel::delete(mfa_recovery_codes::table.filter(mfa_recovery_codes::user_id.eq(user_id)))
                    .execute(c)
                    .await?;
                diesel::delete(sign_in_history::table.filter(sign_in_history::user_id.eq(user_id)))
                    .execute(c)
                    .await
            })?;
        }
    }
    crate::run!(tx, |c| {
        diesel::update(
            one_time_tokens::table
                .filter(one_time_tokens::workshop_id.eq(workshop_id))
                .filter(one_time_tokens::used_at.is_null())
                .filter(
                    one_time_tokens::customer_id.eq(customer_id).or(one_time_tokens::email.eq_any(&emails)),
                ),
        )
        .set(one_time_tokens::used_at.eq(now))
        .execute(c)
        .await?;
        diesel::update(
            notifications::table
                .filter(notifications::workshop_id.eq(workshop_id))
                .filter(notifications::processed_at.is_null())
                .filter(notifications::recipient.eq_any(&emails)),
        )
        .set((
            notifications::processed_at.eq(now),
            notifications::last_error.eq(crate::notifications::WITHDRAWN),
            notifications::secret.eq(None::<String>),
            notifications::payload.eq("{}"),
        ))
        .execute(c)
        .await
    })?;
    Ok(done)
}
