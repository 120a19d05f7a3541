//! Conversations and messages as clients see them, and the cursors of their pages.

use async_graphql::connection::{Connection, Edge};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use oficina_domain::Message;
use oficina_domain::chat::{self as domain, ChatViewer, ConversationCursor};
use oficina_domain::identity::{Principal, Role as DomainRole};

use super::loaders::{AssigneeOf, ConversationOf, MessageOf};
use crate::auth::principal;
use crate::error::ApiError;
use crate::graphql::crm::Customer;
use crate::graphql::identity::{Role, StaffMember};
use crate::graphql::service::ServiceLoader;
use crate::graphql::to_id;

/// Messages a page holds when `last` is not given.
const DEFAULT_MESSAGES: i64 = 30;
/// The most messages a page holds.
const MAX_MESSAGES: i64 = 100;

/// Who reads chat as `p`: staff (ADMIN, OPERATOR) the whole workshop's, a CUSTOMER their own;
/// FORBIDDEN for anyone else.
pub(super) fn viewer(p: &Principal) -> Result<ChatViewer, ApiError> {
    match p.membership.role {
        DomainRole::Admin | DomainRole::Operator => Ok(ChatViewer::Staff { membership_id: p.membership.id }),
        DomainRole::Customer => p
            .membership
            .customer_id
            .map(|customer_id| ChatViewer::Customer { customer_id })
            .ok_or(ApiError::Forbidden),
        DomainRole::Mechanic | DomainRole::Partner => Err(ApiError::Forbidden),
    }
}

fn loader<'a>(ctx: &Context<'a>) -> &'a DataLoader<ServiceLoader> {
    ctx.data_unchecked::<DataLoader<ServiceLoader>>()
}

/// Whether a conversation waits for the workshop or was closed by staff.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::chat::ConversationStatus")]
pub enum ConversationStatus {
    Open,
    Resolved,
}

/// Which conversations of the inbox: ALL, MINE (assigned to me) and UNASSIGNED list OPEN ones.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "oficina_domain::chat::ConversationFilter")]
pub enum ConversationFilter {
    All,
    Mine,
    Unassigned,
    Resolved,
}

/// Who wrote a message: their name and role then (CUSTOMER for the customer).
#[derive(SimpleObject)]
pub struct ChatAuthor {
    name: String,
    role: Role,
}

/// A message of a conversation.
pub struct ChatMessage(pub(super) domain::ChatMessage);

#[Object]
impl ChatMessage {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    /// Plain text, 1..4000 characters, stored as typed (never HTML).
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn sent_at(&self) -> DateTime<Utc> {
        self.0.sent_at.and_utc()
    }
    async fn author(&self) -> ChatAuthor {
        ChatAuthor { name: self.0.author_name.clone(), role: self.0.author_role.into() }
    }
    /// Written by the viewer's side (a customer: by the customer; staff: by any staff member).
    async fn mine(&self, ctx: &Context<'_>) -> Result<bool, ApiError> {
        Ok(viewer(principal(ctx)?)?.side() == self.0.author_side)
    }
    /// When the other side read it ("visto"); null until then.
    async fn read_at(&self) -> Option<DateTime<Utc>> {
        self.0.read_at.map(|t| t.and_utc())
    }
    async fn conversation(&self, ctx: &Context<'_>) -> Result<Conversation, ApiError> {
        let key = ConversationOf { workshop_id: self.0.workshop_id, id: self.0.conversation_id };
        let found = loader(ctx).load_one(key).await.map_err(ApiError::Internal)?;
        found.map(Conversation).ok_or(ApiError::NotFound)
    }
}

/// A customer's conversation with the workshop.
pub struct Conversation(pub(super) domain::Conversation);

#[Object]
impl Conversation {
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }
    async fn customer(&self, ctx: &Context<'_>) -> Result<Customer, ApiError> {
        Customer::load(ctx, self.0.workshop_id, self.0.customer_id).await
    }
    async fn status(&self) -> ConversationStatus {
        self.0.status.into()
    }
    /// Who answers it (staff only: null for a customer).
    async fn assignee(&self, ctx: &Context<'_>) -> Result<Option<StaffMember>, ApiError> {
        let Some(id) = self.0.assignee_id else { return Ok(None) };
        if !matches!(viewer(principal(ctx)?)?, ChatViewer::Staff { .. }) {
            return Ok(None);
        }
        let key = AssigneeOf { workshop_id: self.0.workshop_id, id };
        let found = loader(ctx).load_one(key).await.map_err(ApiError::Internal)?;
        Ok(found.map(StaffMember::from))
    }
    /// Messages of the other side the viewer's side has not read.
    async fn unread_count(&self, ctx: &Context<'_>) -> Result<i32, ApiError> {
        Ok(self.0.unread_by(viewer(principal(ctx)?)?.side()))
    }
    async fn last_message(&self, ctx: &Context<'_>) -> Result<Option<ChatMessage>, ApiError> {
        let Some(id) = self.0.last_message_id else { return Ok(None) };
        let key = MessageOf { workshop_id: self.0.workshop_id, id };
        Ok(loader(ctx).load_one(key).await.map_err(ApiError::Internal)?.map(ChatMessage))
    }
    async fn last_activity_at(&self) -> DateTime<Utc> {
        self.0.last_activity()
    }
    /// The newest `last` messages (default 30, at most 100) before the cursor `before`, oldest
    /// first; `pageInfo.hasPreviousPage` and `startCursor` lead to older ones.
    #[graphql(complexity = "messages_cost(last, child_complexity)")]
    async fn messages(
        &self,
        ctx: &Context<'_>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, ChatMessage>, ApiError> {
        let last = messages_page(last)?;
        let before = before.as_deref().map(decode_message_cursor).transpose()?;
        let mut pooled = crate::graphql::conn(ctx).await?;
        let (messages, has_previous) =
            domain::ChatMessage::page_before(&mut pooled.conn(), self.0.workshop_id, self.0.id, last, before)
                .await?;
        let mut connection = Connection::new(has_previous, false);
        connection.edges.extend(
            messages.into_iter().map(|m| Edge::new(URL_SAFE_NO_PAD.encode(m.id.to_string()), ChatMessage(m))),
        );
        Ok(connection)
    }
}

/// `last` within 1..=100 (default 30), else BAD_USER_INPUT on `last`.
fn messages_page(last: Option<i32>) -> Result<i64, ApiError> {
    match last.map(i64::from) {
        None => Ok(DEFAULT_MESSAGES),
        Some(n) if (1..=MAX_MESSAGES).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::bad_input(
            "last",
            Message::owned(
                format!("Peça de 1 a {MAX_MESSAGES} mensagens por página."),
                format!("Ask for 1 to {MAX_MESSAGES} messages per page."),
            ),
        )),
    }
}

/// What a page of messages costs in the query's complexity: its size times what each selects.
fn messages_cost(last: Option<i32>, child_complexity: usize) -> usize {
    let size = last.map_or(DEFAULT_MESSAGES, |n| i64::from(n).clamp(1, MAX_MESSAGES));
    usize::try_from(size).unwrap_or(1) * child_complexity
}

fn invalid_cursor(argument: &str) -> ApiError {
    ApiError::bad_input(argument, Message::new("Cursor inválido.", "Invalid cursor."))
}

/// The text behind an opaque cursor, or BAD_USER_INPUT on `argument`.
fn cursor_text(text: &str, argument: &str) -> Result<String, ApiError> {
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid_cursor(argument))?;
    String::from_utf8(bytes).map_err(|_| invalid_cursor(argument))
}

/// The message id behind a `before` argument.
fn decode_message_cursor(text: &str) -> Result<i64, ApiError> {
    cursor_text(text, "before")?.parse().map_err(|_| invalid_cursor("before"))
}

/// The opaque text of a position in the inbox: the last activity in microseconds and the id.
pub(super) fn encode_conversation_cursor(cursor: ConversationCursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{}", cursor.last_activity_at.and_utc().timestamp_micros(), cursor.id))
}

/// The inbox position behind an `after` argument.
pub(super) fn decode_conversation_cursor(text: &str) -> Result<ConversationCursor, ApiError> {
    let text = cursor_text(text, "after")?;
    let (micros, id) = text.split_once(':').ok_or_else(|| invalid_cursor("after"))?;
    let micros = micros.parse().map_err(|_| invalid_cursor("after"))?;
    let at = DateTime::from_timestamp_micros(micros).ok_or_else(|| invalid_cursor("after"))?;
    Ok(ConversationCursor {
        last_activity_at: at.naive_utc(),
        id: id.parse().map_err(|_| invalid_cursor("after"))?,
    })
}
