//! Sending a message: a customer writes in their own conversation (opened by their first message,
//! reopened by any message once resolved); staff answer in any conversation of the workshop. The
//! message, the conversation's last message, last activity and unread count, the e-mail to an
//! offline customer and the events are one transaction.

use chrono::{DateTime, DurationRound, NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::events::{CONVERSATION_REOPENED, MESSAGE_SENT, MessageSent, StatusChanged};
use super::models::{ChatMessage, ChatSide, Conversation, ConversationStatus};
use super::notify::queue_if_due;
use crate::audit::{Actor, Committed, NewEvent};
use crate::db::Conn;
use crate::error::DomainError;
use crate::identity::Role;
use crate::message::Message;
use crate::notifications::Notification;
use crate::schema::{chat_messages, conversations};

/// The longest message, in characters.
pub const BODY_MAX: usize = 4_000;

/// Who is reading or writing: staff (by their membership, for "assigned to me") see every
/// conversation of the workshop, a customer only their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatViewer {
    Staff { membership_id: i64 },
    Customer { customer_id: i64 },
}

impl ChatViewer {
    /// The side of the conversation this viewer is on.
    pub fn side(self) -> ChatSide {
        match self {
            ChatViewer::Staff { .. } => ChatSide::Staff,
            ChatViewer::Customer { .. } => ChatSide::Customer,
        }
    }

    /// Whether this viewer may see `conversation` (of the same workshop).
    pub fn sees(self, conversation: &Conversation) -> bool {
        match self {
            ChatViewer::Staff { .. } => true,
            ChatViewer::Customer { customer_id } => conversation.customer_id == customer_id,
        }
    }
}

/// Who writes a message: the signed-in user and their role in the workshop.
#[derive(Debug, Clone)]
pub struct ChatAuthor {
    pub actor: Actor,
    pub role: Role,
    pub viewer: ChatViewer,
}

/// An instant as stored: UTC, to the microsecond (what PostgreSQL keeps), so that a cursor made
/// of a stored time finds the same row again on both backends.
pub(crate) fn stored(at: DateTime<Utc>) -> NaiveDateTime {
    at.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(at).naive_utc()
}

/// The body as stored: trimmed, 1 to [`BODY_MAX`] characters, else BAD_USER_INPUT on `body`.
fn parse_body(body: &str) -> Result<String, DomainError> {
    let body = body.trim();
    match body.chars().count() {
        0 => Err(DomainError::invalid("body", Message::new("Escreva a mensagem.", "Write the message."))),
        n if n > BODY_MAX => Err(DomainError::invalid("body", Message::too_long(BODY_MAX))),
        _ => Ok(body.to_owned()),
    }
}

impl ChatMessage {
    /// Sends `body` as `author`. A customer writes in their own conversation
    /// (`conversation_id` omitted, or theirs: another is NOT_FOUND), opened by their first
    /// message and reopened when RESOLVED; staff name the conversation (BAD_USER_INPUT on
    /// `conversationId` without one, NOT_FOUND for another workshop's). A staff message may
    /// queue the customer's e-mail ([`queue_if_due`]).
    pub async fn send(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        author: &ChatAuthor,
        conversation_id: Option<i64>,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<Committed<ChatMessage>, DomainError> {
        let body = parse_body(body)?;
        let author = author.clone();
        let at = stored(now);
        Committed::run(conn, move |tx| {
            Box::pin(async move {
                let (before, opened) = match (author.viewer, conversation_id) {
                    (viewer, Some(id)) => {
                        let found = Conversation::lock(tx, workshop_id, id).await?;
                        (found.filter(|c| viewer.sees(c)).ok_or(DomainError::NotFound)?, false)
                    }
                    (ChatViewer::Customer { customer_id }, None) => {
                        let opened = Conversation::open(tx, workshop_id, customer_id, at).await?;
                        let found = Conversation::lock_of_customer(tx, workshop_id, customer_id).await?;
                        (found.ok_or(DomainError::NotFound)?, opened)
                    }
                    (ChatViewer::Staff { .. }, None) => {
                        return Err(DomainError::invalid(
                            "conversationId",
                            Message::new("Escolha a conversa.", "Choose the conversation."),
                        ));
                    }
                };
                let side = author.viewer.side();
                let message: ChatMessage = crate::run!(tx, |c| {
                    diesel::insert_into(chat_messages::table)
                        .values((
                            chat_messages::workshop_id.eq(workshop_id),
                            chat_messages::conversation_id.eq(before.id),
                            chat_messages::author_user_id.eq(author.actor.user_id),
                            chat_messages::author_side.eq(side),
                            chat_messages::author_name.eq(&author.actor.name),
                            chat_messages::author_role.eq(author.role),
                            chat_messages::body.eq(&body),
                            chat_messages::sent_at.eq(at),
                        ))
                        .returning(ChatMessage::as_returning())
                        .get_result(c)
                        .await
                })?;
                let (mut notified_at, mut notification) =
                    (before.customer_notified_at, before.customer_notification_id);
                if side == ChatSide::Staff
                    && let Some(queued) = queue_if_due(tx, &before, now).await?
                {
                    // An e-mail of an hour ago still unsent (the mailer was down) gives way to this one.
                    if let Some(old) = before.customer_notification_id {
                        Notification::withdraw(tx, workshop_id, old).await?;
                    }
                    (notified_at, notification) = (Some(at), Some(queued));
                }
                // The customer's message reopens; the staff's leaves the status as it is.
                let status =
                    if side == ChatSide::Customer { ConversationStatus::Open } else { before.status };
                let (to_staff, to_customer) = match side {
                    ChatSide::Customer => (1, 0),
                    ChatSide::Staff => (0, 1),
                };
                crate::run!(tx, |c| {
                    diesel::update(conversations::table)
                        .filter(conversations::workshop_id.eq(workshop_id))
                        .filter(conversations::id.eq(before.id))
                        .set((
                            conversations::status.eq(status),
                            conversations::last_message_id.eq(message.id),
                            conversations::last_activity_at.eq(at),
                            conversations::unread_by_staff.eq(conversations::unread_by_staff + to_staff),
                            conversations::unread_by_customer
                                .eq(conversations::unread_by_customer + to_customer),
                            conversations::customer_notified_at.eq(notified_at),
                            conversations::customer_notification_id.eq(notification),
                        ))
                        .execute(c)
                        .await
                })?;
                let customer_id = before.customer_id;
                let sent = MessageSent { customer_id, message_id: message.id, side, opened };
                let mut events =
                    vec![NewEvent::new(MESSAGE_SENT, workshop_id, before.id).by(&author.actor).with(&sent)];
                if before.status == ConversationStatus::Resolved && status == ConversationStatus::Open {
                    events.push(
                        NewEvent::new(CONVERSATION_REOPENED, workshop_id, before.id)
                            .by(&author.actor)
                            .with(&StatusChanged { customer_id }),
                    );
                }
                Ok((message, events))
            })
        })
        .await
    }
}

impl Conversation {
    /// Opens the conversation of `customer_id` unless it exists; whether it opened one. Of two
    /// customers' first messages racing, one inserts and the other finds its row.
    async fn open(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let inserted = crate::run!(conn, |c| {
            diesel::insert_into(conversations::table)
                .values((
                    conversations::workshop_id.eq(workshop_id),
                    conversations::customer_id.eq(customer_id),
                    conversations::status.eq(ConversationStatus::Open),
                    conversations::last_activity_at.eq(at),
                    conversations::unread_by_staff.eq(0),
                    conversations::unread_by_customer.eq(0),
                    conversations::created_at.eq(at),
                ))
                .on_conflict((conversations::workshop_id, conversations::customer_id))
                .do_nothing()
                .execute(c)
                .await
        })?;
        Ok(inserted == 1)
    }

    /// The conversation `id` of `workshop_id` a command is about to change, locked until its
    /// transaction ends.
    pub(super) async fn lock(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        id: i64,
    ) -> QueryResult<Option<Conversation>> {
        crate::first_for_update!(
            conn,
            conversations::table
                .filter(conversations::workshop_id.eq(workshop_id))
                .filter(conversations::id.eq(id))
                .select(Conversation::as_select())
        )
    }

    /// [`Conversation::lock`] of the conversation of `customer_id`.
    async fn lock_of_customer(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
    ) -> QueryResult<Option<Conversation>> {
        crate::first_for_update!(
            conn,
            conversations::table
                .filter(conversations::workshop_id.eq(workshop_id))
                .filter(conversations::customer_id.eq(customer_id))
                .select(Conversation::as_select())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_trimmed_and_between_1_and_4000_characters() {
        assert_eq!(parse_body("  oi\n tudo bem? \n").unwrap(), "oi\n tudo bem?");
        assert!(parse_body(" \n\t ").is_err());
        assert_eq!(parse_body(&"é".repeat(BODY_MAX)).unwrap().chars().count(), BODY_MAX);
        assert!(parse_body(&"é".repeat(BODY_MAX + 1)).is_err());
        let html = "<img src=x onerror=alert(1)>";
        assert_eq!(parse_body(html).unwrap(), html, "stored as typed");
    }

    #[test]
    fn stored_times_keep_microseconds() {
        let at: DateTime<Utc> = "2026-12-02T10:00:00.123456789Z".parse().unwrap();
        assert_eq!(stored(at).and_utc().to_rfc3339(), "2026-12-02T10:00:00.123456+00:00");
    }
}
