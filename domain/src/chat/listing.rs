//! Reading conversations and messages: one, the inbox by last activity, a page of messages back
//! from a point, several by id (for the lists' batched loads), and who a conversation can be
//! assigned to.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::models::{ChatMessage, Conversation, ConversationStatus};
use super::send::ChatViewer;
use crate::db::Conn;
use crate::identity::{Role, StaffMember};
use crate::schema::{chat_messages, conversations};

/// Which conversations of the inbox: the OPEN ones (all, assigned to the viewer, unassigned) or
/// the RESOLVED ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversationFilter {
    All,
    Mine,
    Unassigned,
    Resolved,
}

/// Where a page of the inbox starts: after this (last activity, id), newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConversationCursor {
    pub last_activity_at: NaiveDateTime,
    pub id: i64,
}

impl Conversation {
    /// Where the next page starts after this conversation.
    pub fn cursor(&self) -> ConversationCursor {
        ConversationCursor { last_activity_at: self.last_activity_at, id: self.id }
    }

    /// The conversation `id` of `workshop_id` if `viewer` may see it.
    pub async fn find(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        viewer: ChatViewer,
        id: i64,
    ) -> QueryResult<Option<Conversation>> {
        Ok(Conversation::many(conn, workshop_id, &[id]).await?.into_iter().find(|c| viewer.sees(c)))
    }

    /// The conversation of `customer_id`, if they wrote once.
    pub async fn of_customer(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        customer_id: i64,
    ) -> QueryResult<Option<Conversation>> {
        crate::run!(conn, |c| {
            conversations::table
                .filter(conversations::workshop_id.eq(workshop_id))
                .filter(conversations::customer_id.eq(customer_id))
                .select(Conversation::as_select())
                .first(c)
                .await
                .optional()
        })
    }

    /// The conversations `ids` of `workshop_id`.
    pub async fn many(conn: &mut Conn<'_>, workshop_id: i64, ids: &[i64]) -> QueryResult<Vec<Conversation>> {
        crate::run!(conn, |c| {
            conversations::table
                .filter(conversations::workshop_id.eq(workshop_id))
                .filter(conversations::id.eq_any(ids))
                .select(Conversation::as_select())
                .load(c)
                .await
        })
    }

    /// Up to `first` conversations `viewer` sees after `after`, by last activity, newest first,
    /// and whether more follow. Staff get the workshop's by `filter`; a customer their own,
    /// whatever its status.
    pub async fn page(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        viewer: ChatViewer,
        filter: ConversationFilter,
        first: i64,
        after: Option<ConversationCursor>,
    ) -> QueryResult<(Vec<Conversation>, bool)> {
        let (status, assignee, unassigned) = match filter {
            ConversationFilter::All => (ConversationStatus::Open, None, false),
            ConversationFilter::Mine => match viewer {
                ChatViewer::Staff { membership_id } => (ConversationStatus::Open, Some(membership_id), false),
                ChatViewer::Customer { .. } => (ConversationStatus::Open, None, false),
            },
            ConversationFilter::Unassigned => (ConversationStatus::Open, None, true),
            ConversationFilter::Resolved => (ConversationStatus::Resolved, None, false),
        };
        let customer = match viewer {
            ChatViewer::Customer { customer_id } => Some(customer_id),
            ChatViewer::Staff { .. } => None,
        };
        let mut rows: Vec<Conversation> = crate::run!(conn, |c| {
            let mut query = conversations::table
                .filter(conversations::workshop_id.eq(workshop_id))
                .select(Conversation::as_select())
                .into_boxed();
            query = match customer {
                Some(customer_id) => query.filter(conversations::customer_id.eq(customer_id)),
                None => query.filter(conversations::status.eq(status)),
            };
            if customer.is_none() {
                if let Some(assignee) = assignee {
                    query = query.filter(conversations::assignee_id.eq(assignee));
                }
                if unassigned {
                    query = query.filter(conversations::assignee_id.is_null());
                }
            }
            if let Some(after) = after {
                query = query.filter(
                    conversations::last_activity_at.lt(after.last_activity_at).or(
                        conversations::last_activity_at
                            .eq(after.last_activity_at)
                            .and(conversations::id.lt(after.id)),
                    ),
                );
            }
            query
                .order((conversations::last_activity_at.desc(), conversations::id.desc()))
                .limit(first + 1)
                .load(c)
                .await
        })?;
        let has_next = rows.len() as i64 > first;
        rows.truncate(first as usize);
        Ok((rows, has_next))
    }
}

impl ChatMessage {
    /// The messages `ids` of `workshop_id`.
    pub async fn many(conn: &mut Conn<'_>, workshop_id: i64, ids: &[i64]) -> QueryResult<Vec<ChatMessage>> {
        crate::run!(conn, |c| {
            chat_messages::table
                .filter(chat_messages::workshop_id.eq(workshop_id))
                .filter(chat_messages::id.eq_any(ids))
                .select(ChatMessage::as_select())
                .load(c)
                .await
        })
    }

    /// The message `id` of `workshop_id` if `viewer` may see its conversation.
    pub async fn find(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        viewer: ChatViewer,
        id: i64,
    ) -> QueryResult<Option<ChatMessage>> {
        let Some(message) = ChatMessage::many(conn, workshop_id, &[id]).await?.pop() else { return Ok(None) };
        let conversation = Conversation::find(conn, workshop_id, viewer, message.conversation_id).await?;
        Ok(conversation.map(|_| message))
    }

    /// The newest `last` messages of conversation `conversation_id` before the message `before`
    /// (from the newest when `None`), oldest first, and whether older ones remain.
    pub async fn page_before(
        conn: &mut Conn<'_>,
        workshop_id: i64,
        conversation_id: i64,
        last: i64,
        before: Option<i64>,
    ) -> QueryResult<(Vec<ChatMessage>, bool)> {
        let before = before.unwrap_or(i64::MAX);
        let mut rows: Vec<ChatMessage> = crate::run!(conn, |c| {
            chat_messages::table
                .filter(chat_messages::workshop_id.eq(workshop_id))
                .filter(chat_messages::conversation_id.eq(conversation_id))
                .filter(chat_messages::id.lt(before))
                .order(chat_messages::id.desc())
                .limit(last + 1)
                .select(ChatMessage::as_select())
                .load(c)
                .await
        })?;
        let has_previous = rows.len() as i64 > last;
        rows.truncate(last as usize);
        rows.reverse();
        Ok((rows, has_previous))
    }
}

/// Who a conversation of `workshop_id` can be assigned to: its ADMIN and OPERATOR members, by name.
pub async fn assignees(conn: &mut Conn<'_>, workshop_id: i64) -> QueryResult<Vec<StaffMember>> {
    StaffMember::with_roles(conn, workshop_id, Role::FRONT_DESK).await
}
