//! Reading the inbox, one conversation, the customer's own, and who may be assigned.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, ID, Object};
use oficina_domain::chat::{self as domain, ChatViewer};
use oficina_domain::identity::Role;

use super::types::{
    Conversation, ConversationFilter, decode_conversation_cursor, encode_conversation_cursor, viewer,
};
use crate::auth::{CUSTOMER, FRONT_DESK, RoleGuard, principal};
use crate::error::ApiError;
use crate::graphql::identity::StaffMember;
use crate::graphql::pagination::{page_cost, page_size};
use crate::graphql::{conn, from_id};

/// Who takes part in chat: the front desk (ADMIN, OPERATOR) and customers, each what they may
/// see. MECHANIC and PARTNER are FORBIDDEN.
pub(super) const CHATTERS: &[Role] = &[Role::Admin, Role::Operator, Role::Customer];

/// The chat context's part of the query root.
#[derive(Default)]
pub struct ChatQuery;

#[Object]
impl ChatQuery {
    /// Staff (ADMIN, OPERATOR): the workshop's conversations by last activity, newest first.
    /// CUSTOMER: their own (0 or 1).
    #[graphql(guard = "RoleGuard(CHATTERS)", complexity = "page_cost(first, child_complexity)")]
    async fn conversations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default_with = "Some(ConversationFilter::All)")] filter: Option<ConversationFilter>,
    ) -> Result<Connection<String, Conversation>, ApiError> {
        let p = principal(ctx)?;
        let first = page_size(first)?;
        let after = after.as_deref().map(decode_conversation_cursor).transpose()?;
        let filter = filter.unwrap_or(ConversationFilter::All).into();
        let mut pooled = conn(ctx).await?;
        let (found, has_next) =
            domain::Conversation::page(&mut pooled.conn(), p.workshop.id, viewer(p)?, filter, first, after)
                .await?;
        let mut connection = Connection::new(after.is_some(), has_next);
        connection.edges.extend(
            found.into_iter().map(|c| Edge::new(encode_conversation_cursor(c.cursor()), Conversation(c))),
        );
        Ok(connection)
    }

    /// Staff: any of the workshop; CUSTOMER: only their own (else NOT_FOUND).
    #[graphql(guard = "RoleGuard(CHATTERS)")]
    async fn conversation(&self, ctx: &Context<'_>, id: ID) -> Result<Conversation, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let found =
            domain::Conversation::find(&mut pooled.conn(), p.workshop.id, viewer(p)?, from_id(&id)?).await?;
        found.map(Conversation).ok_or(ApiError::NotFound)
    }

    /// CUSTOMER: their conversation, or null before their first message.
    #[graphql(guard = "RoleGuard(CUSTOMER)")]
    async fn my_conversation(&self, ctx: &Context<'_>) -> Result<Option<Conversation>, ApiError> {
        let p = principal(ctx)?;
        let ChatViewer::Customer { customer_id } = viewer(p)? else { return Err(ApiError::Forbidden) };
        let mut pooled = conn(ctx).await?;
        let found = domain::Conversation::of_customer(&mut pooled.conn(), p.workshop.id, customer_id).await?;
        Ok(found.map(Conversation))
    }

    /// Staff: who a conversation can be assigned to (ADMIN and OPERATOR members), by name.
    #[graphql(guard = "RoleGuard(FRONT_DESK)")]
    async fn chat_assignees(&self, ctx: &Context<'_>) -> Result<Vec<StaffMember>, ApiError> {
        let p = principal(ctx)?;
        let mut pooled = conn(ctx).await?;
        let staff = domain::assignees(&mut pooled.conn(), p.workshop.id).await?;
        Ok(staff.into_iter().map(StaffMember::from).collect())
    }
}
