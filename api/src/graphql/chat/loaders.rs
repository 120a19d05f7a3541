//! Batched loads for what the inbox and message lists ask of each item: a page of conversations
//! that asks for their last messages and assignees, or a page of messages that asks for their
//! conversation, costs one query of each.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use oficina_domain::chat::{ChatMessage, Conversation};
use oficina_domain::identity::StaffMember;

use crate::graphql::service::loaders::{ServiceLoader, WorkshopKey, workshop_key};

workshop_key!(
    /// A conversation.
    ConversationOf
);
workshop_key!(
    /// A message (the last of a conversation).
    MessageOf
);
workshop_key!(
    /// The staff member a conversation is assigned to, by membership.
    AssigneeOf
);

impl Loader<ConversationOf> for ServiceLoader {
    type Value = Conversation;
    type Error = String;

    async fn load(&self, keys: &[ConversationOf]) -> Result<HashMap<ConversationOf, Conversation>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            Ok(Conversation::many(conn, workshop_id, ids).await?.into_iter().map(|c| (c.id, c)).collect())
        })
        .await
    }
}

impl Loader<MessageOf> for ServiceLoader {
    type Value = ChatMessage;
    type Error = String;

    async fn load(&self, keys: &[MessageOf]) -> Result<HashMap<MessageOf, ChatMessage>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            Ok(ChatMessage::many(conn, workshop_id, ids).await?.into_iter().map(|m| (m.id, m)).collect())
        })
        .await
    }
}

impl Loader<AssigneeOf> for ServiceLoader {
    type Value = StaffMember;
    type Error = String;

    async fn load(&self, keys: &[AssigneeOf]) -> Result<HashMap<AssigneeOf, StaffMember>, String> {
        self.by_workshop(keys, async |conn, workshop_id, ids| {
            let staff = StaffMember::many(conn, workshop_id, ids).await?;
            Ok(staff.into_iter().map(|s| (s.membership.id, s)).collect())
        })
        .await
    }
}
