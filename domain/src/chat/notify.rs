//! The e-mail to a customer who is offline: a staff message queues "você tem uma nova mensagem de
//! <oficina>" due [`OFFLINE_AFTER`] later; the customer reading the conversation before then
//! withdraws it ([`Conversation::mark_read`]). So offline means "did not read it within
//! [`OFFLINE_AFTER`]", and a conversation mails its customer at most once per [`NOTIFY_EVERY`].

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::Conversation;
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::Role;
use crate::notifications::{Mail, Notification};
use crate::schema::{memberships, users, workshops};
use crate::types::Email;

/// How long after a staff message the customer's e-mail about it waits to go out.
pub const OFFLINE_AFTER: Duration = Duration::minutes(5);
/// At most one e-mail per conversation in this long, counted from the message that queued it.
pub const NOTIFY_EVERY: Duration = Duration::hours(1);

/// Queues the e-mail about a staff message in `conversation` at `now` to its customer's portal
/// login, due [`OFFLINE_AFTER`] later, unless one was queued in the last [`NOTIFY_EVERY`] or
/// the customer has no login; returns the notification's id.
pub(super) async fn queue_if_due(
    conn: &mut Conn<'_>,
    conversation: &Conversation,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DomainError> {
    if conversation.customer_notified_at.is_some_and(|at| now - at.and_utc() < NOTIFY_EVERY) {
        return Ok(None);
    }
    let workshop_id = conversation.workshop_id;
    let login: Option<(String, String, String, String)> = crate::run!(conn, |c| {
        memberships::table
            .inner_join(users::table)
            .inner_join(workshops::table)
            .filter(memberships::workshop_id.eq(workshop_id))
            .filter(memberships::customer_id.eq(conversation.customer_id))
            .filter(memberships::role.eq(Role::Customer))
            .order(memberships::id)
            .select((users::email, users::locale, users::name, workshops::name))
            .first(c)
            .await
            .optional()
    })?;
    let Some((email, locale, customer, workshop)) = login else { return Ok(None) };
    let Ok(email) = Email::parse(&email) else { return Ok(None) };
    let mail = Mail::NewChatMessage { workshop, customer };
    let due = now + OFFLINE_AFTER;
    Ok(Some(Notification::enqueue_at(conn, workshop_id, &email, &locale, &mail, None, due).await?))
}
