//! Chat: one conversation per customer per workshop, written from the customer portal and
//! answered from the staff inbox, with unread counts, read receipts, assignment, resolution, and
//! an e-mail to a customer who does not read a staff message in time.

mod conversation;
pub mod events;
mod listing;
mod models;
mod notify;
mod send;

pub use listing::{ConversationCursor, ConversationFilter, assignees};
pub use models::{ChatMessage, ChatSide, Conversation, ConversationStatus};
pub use notify::{NOTIFY_EVERY, OFFLINE_AFTER};
pub use send::{BODY_MAX, ChatAuthor, ChatViewer};
