//! Sending messages, reading a conversation, assigning and resolving it.

use async_graphql::{Context, ID, Object};
use chrono::Utc;
use oficina_domain::chat::{self as domain, ChatAuthor};

use super::query::CHATTERS;
use super::types::{ChatMessage, Conversation, viewer};
use crate::auth::{FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::{conn, finish, from_id};
use crate::rate_limit::{CHAT_MESSAGES_PER_USER, RateLimiter};

/// The chat context's part of the mutation root.
#[derive(Default)]
pub struct ChatMutation;

#[Object]
impl ChatMutation {
    /// A CUSTOMER writes in their conversation (`conversationId` omitted or their own; the first
    /// message opens it, a message reopens it when resolved); ADMIN/OPERATOR answer in the
    /// conversation `conversationId`. Body trimmed, 1..4000 characters, plain text. At most 20
    /// messages a minute per user (RATE_LIMITED).
    #[graphql(guard = "RoleGuard(CHATTERS)")]
    async fn send_chat_message(
        &self,
        ctx: &Context<'_>,
        conversation_id: Option<ID>,
        body: String,
    ) -> Result<ChatMessage, ApiError> {
        let p = principal(ctx)?;
        let key = p.user.id.to_string();
        ctx.data_unchecked::<RateLimiter>().count_all(&[(CHAT_MESSAGES_PER_USER, &key)]).await?;
        let author = ChatAuthor { actor: p.actor(), role: p.membership.role, viewer: viewer(p)? };
        let conversation_id = conversation_id.as_ref().map(from_id).transpose()?;
        let mut pooled = conn(ctx).await?;
        let result = domain::ChatMessage::send(
            &mut pooled.conn(),
            p.workshop.id,
            &author,
            conversation_id,
            &body,
            Utc::now(),
        )
        .await;
        Ok(ChatMessage(finish(ctx, result).await?))
    }

    /// Marks the other side's messages read by the viewer's side (staff: any conversation of the
    /// workshop; CUSTOMER: their own) and zeroes its unread count; the other side sees "visto" live.
    #[graphql(guard = "RoleGuard(CHATTERS)")]
    async fn mark_conversation_read(&self, ctx: &Context<'_>, id: ID) -> Result<Conversation, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Conversation::mark_read(
            &mut pooled.conn(),
            p.workshop.id,
            &p.actor(),
            viewer(p)?,
            id,
            Utc::now(),
        )
        .await;
        Ok(Conversation(finish(ctx, result).await?))
    }

    /// ADMIN, OPERATOR: assigns the conversation to `staffId` (the membership id of an ADMIN or
    /// OPERATOR of the workshop), or unassigns it with null.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn assign_conversation(
        &self,
        ctx: &Context<'_>,
        id: ID,
        staff_id: Option<ID>,
    ) -> Result<Conversation, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        // A malformed id names nobody on the staff: the same answer as another workshop's.
        let staff_id = staff_id.as_ref().map(|s| s.parse::<i64>().unwrap_or(0));
        let mut pooled = conn(ctx).await?;
        let result =
            domain::Conversation::assign(&mut pooled.conn(), p.workshop.id, &p.actor(), id, staff_id).await;
        Ok(Conversation(finish(ctx, result).await?))
    }

    /// ADMIN, OPERATOR: marks an OPEN conversation RESOLVED (CONFLICT when it is already); the
    /// customer's next message reopens it.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn resolve_conversation(&self, ctx: &Context<'_>, id: ID) -> Result<Conversation, ApiError> {
        let p = principal(ctx)?;
        let id = from_id(&id)?;
        let mut pooled = conn(ctx).await?;
        let result = domain::Conversation::resolve(&mut pooled.conn(), p.workshop.id, &p.actor(), id).await;
        Ok(Conversation(finish(ctx, result).await?))
    }
}
