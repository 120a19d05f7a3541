//! The chat context's operations in `web/graphql/chat.graphql`, typed against the committed
//! `schema.graphql`: the staff's inbox and the customer's conversation with the workshop.

use graphql_client::GraphQLQuery;
use serde::{Deserialize, Serialize};

use super::operations::{DateTime, Role, schema_enum};

schema_enum! {
    /// Whether a conversation waits for the workshop or was resolved.
    ConversationStatus { Open = "OPEN", Resolved = "RESOLVED" }
}

schema_enum! {
    /// Which conversations the inbox lists.
    ConversationFilter {
        All = "ALL",
        Mine = "MINE",
        Unassigned = "UNASSIGNED",
        Resolved = "RESOLVED",
    }
}

/// `query ChatInbox` (ADMIN, OPERATOR): a page of conversations by last activity, filtered.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConversationStatus", "ConversationFilter")
)]
pub struct ChatInbox;

/// `query ChatConversation` (ADMIN, OPERATOR): a conversation with its newest messages.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConversationStatus", "Role")
)]
pub struct ChatConversation;

/// `query ChatMessages`: a page of a conversation's messages before a cursor (or the newest).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Role")
)]
pub struct ChatMessages;

/// `mutation ChatSend`: a message, in the customer's own conversation when no id is given.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Role")
)]
pub struct ChatSend;

/// `mutation ChatMarkRead` (staff): the customer's messages are read.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConversationStatus")
)]
pub struct ChatMarkRead;

/// `query ChatAssignees` (staff): who a conversation can be assigned to.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct ChatAssignees;

/// `mutation ChatAssign` (staff): assigns a conversation, or unassigns it.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConversationStatus")
)]
pub struct ChatAssign;

/// `mutation ChatResolve` (staff): marks a conversation resolved.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConversationStatus")
)]
pub struct ChatResolve;

/// `subscription ChatInboxMessage` (staff): each new message of the workshop with its conversation.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConversationStatus", "Role")
)]
pub struct ChatInboxMessage;

/// `subscription ChatInboxChange` (staff): a conversation read, assigned, resolved or reopened.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("ConversationStatus")
)]
pub struct ChatInboxChange;

/// `query MyChat` (CUSTOMER): their conversation with its newest messages, if they ever wrote.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Role")
)]
pub struct MyChat;

/// `query MyChatUnread` (CUSTOMER): how many of the workshop's messages they have not read.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct MyChatUnread;

/// `mutation MyChatMarkRead` (CUSTOMER): the workshop's messages are read.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct MyChatMarkRead;

/// `subscription MyChatMessageReceived` (CUSTOMER): each new message of their conversation.
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq",
    extern_enums("Role")
)]
pub struct MyChatMessageReceived;

/// `subscription MyChatChanged` (CUSTOMER): their conversation changed (read by the workshop).
#[derive(GraphQLQuery)]
#[graphql(
    schema_path = "../schema.graphql",
    query_path = "graphql/chat.graphql",
    response_derives = "Debug, Clone, PartialEq"
)]
pub struct MyChatChanged;
