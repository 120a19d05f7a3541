//! What the chat context records in the audit trail. Every conversation event carries the
//! conversation's customer, so a subscription can tell whose it is without reading the conversation;
//! the message's text stays in its own table, out of the trail.

use serde::Serialize;

use super::models::ChatSide;
use crate::audit::EventKind;

/// The aggregate type of chat events: the conversation.
pub const CONVERSATION: &str = "conversation";

/// A message was sent in a conversation (its first opens it): [`MessageSent`].
pub const MESSAGE_SENT: EventKind = EventKind::new(CONVERSATION, "conversation.message_sent");
/// One side read the other side's messages: [`Read`].
pub const CONVERSATION_READ: EventKind = EventKind::new(CONVERSATION, "conversation.read");
/// Staff assigned the conversation to a staff member or took the assignment back: [`Assigned`].
pub const CONVERSATION_ASSIGNED: EventKind = EventKind::new(CONVERSATION, "conversation.assigned");
/// Staff marked the conversation resolved: [`StatusChanged`].
pub const CONVERSATION_RESOLVED: EventKind = EventKind::new(CONVERSATION, "conversation.resolved");
/// A customer's message reopened a resolved conversation: [`StatusChanged`].
pub const CONVERSATION_REOPENED: EventKind = EventKind::new(CONVERSATION, "conversation.reopened");

/// The kinds `conversationChanged` pushes: everything but a message, which has its own feed.
pub const CONVERSATION_CHANGES: &[EventKind] =
    &[CONVERSATION_READ, CONVERSATION_ASSIGNED, CONVERSATION_RESOLVED, CONVERSATION_REOPENED];

/// A new message.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageSent {
    pub customer_id: i64,
    pub message_id: i64,
    pub side: ChatSide,
    /// Whether this message opened the conversation.
    pub opened: bool,
}

/// A side read the other's messages.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Read {
    pub customer_id: i64,
    pub side: ChatSide,
    /// How many messages it read.
    pub messages: usize,
}

/// A change of assignee (staff membership ids; `None` unassigned).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assigned {
    pub customer_id: i64,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

/// Resolved or reopened.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChanged {
    pub customer_id: i64,
}
