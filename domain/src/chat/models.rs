//! The chat context's rows.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::identity::Role;
use crate::schema::{chat_messages, conversations};

crate::text_enum! {
    /// Whether a conversation waits for the workshop (OPEN) or was closed by staff (RESOLVED).
    pub enum ConversationStatus {
        Open => "OPEN",
        Resolved => "RESOLVED",
    }
}

crate::text_enum! {
    /// The two sides of a conversation: the customer, and the workshop's staff as one.
    pub enum ChatSide {
        Customer => "CUSTOMER",
        Staff => "STAFF",
    }
}

impl ChatSide {
    /// The side that reads what this side writes.
    pub fn other(self) -> ChatSide {
        match self {
            ChatSide::Customer => ChatSide::Staff,
            ChatSide::Staff => ChatSide::Customer,
        }
    }
}

/// One customer's conversation with a workshop, with what the inbox shows of it kept up to date
/// by every message: the last message, the last activity, each side's unread count.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = conversations, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct Conversation {
    pub id: i64,
    pub workshop_id: i64,
    pub customer_id: i64,
    pub status: ConversationStatus,
    /// The staff membership answering it.
    pub assignee_id: Option<i64>,
    /// UTC.
    pub last_activity_at: NaiveDateTime,
    pub last_message_id: Option<i64>,
    pub unread_by_staff: i32,
    pub unread_by_customer: i32,
    /// When the customer was last queued an e-mail about a staff message.
    pub customer_notified_at: Option<NaiveDateTime>,
    /// That e-mail, while the customer's reading may still withdraw it.
    pub customer_notification_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl Conversation {
    /// The messages of the other side that `side` has not read.
    pub fn unread_by(&self, side: ChatSide) -> i32 {
        match side {
            ChatSide::Customer => self.unread_by_customer,
            ChatSide::Staff => self.unread_by_staff,
        }
    }

    /// The last activity as a UTC instant.
    pub fn last_activity(&self) -> DateTime<Utc> {
        self.last_activity_at.and_utc()
    }
}

/// A message of a conversation, as typed, with its author's name and role when they wrote it.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = chat_messages, check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ChatMessage {
    pub id: i64,
    pub workshop_id: i64,
    pub conversation_id: i64,
    pub author_user_id: i64,
    pub author_side: ChatSide,
    pub author_name: String,
    pub author_role: Role,
    /// Plain text, never HTML.
    pub body: String,
    pub sent_at: NaiveDateTime,
    /// When the other side read it.
    pub read_at: Option<NaiveDateTime>,
}
