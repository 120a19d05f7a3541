//! Chat between a workshop and its customers: the staff's inbox (`/painel/conversas`: the
//! conversations by last activity in `inbox`, one of them open in `pane`), the customer's
//! conversation (`/cliente/conversa`, `customer`), what both show of a conversation (`thread`: its
//! messages, older ones loaded backwards, "visto", and the composer), the links in a body (`text`),
//! and the staff area's one live feed of chat events with the menu's unread badge (`feed`).

mod customer;
mod feed;
mod inbox;
mod pane;
mod text;
mod thread;

pub use customer::{ChatLink, CustomerChatPage};
pub use feed::{ChatBadge, ChatFeedScope};
pub use inbox::InboxPage;

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::api::chat::{
    ChatMessages, ConversationStatus, chat_assign, chat_conversation, chat_inbox, chat_inbox_change,
    chat_inbox_message, chat_mark_read, chat_messages, chat_resolve, chat_send, my_chat,
    my_chat_message_received,
};
use crate::api::{ApiError, LiveStatus, request};
use crate::i18n::use_i18n;

/// The path of the staff's inbox.
const INBOX_PATH: &str = "/painel/conversas";
/// The path of the customer's conversation.
const CUSTOMER_PATH: &str = "/cliente/conversa";
/// How many messages a page of a conversation has.
const MESSAGES_PAGE: i64 = 30;
/// The most messages one request may ask for (the server's cap).
const MESSAGES_MAX: i64 = 100;

/// A message as a conversation shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Message {
    id: String,
    body: String,
    /// When it was sent (a `DateTime`).
    sent_at: String,
    /// Written by the viewer's side (the customer, or any of the staff).
    mine: bool,
    /// The other side read it ("visto").
    read: bool,
    /// Who wrote it.
    author: String,
}

/// The message of any chat operation (they all ask for the same fields).
macro_rules! message_from {
    ($($fragment:ty),+ $(,)?) => {$(
        impl From<$fragment> for Message {
            fn from(found: $fragment) -> Self {
                Message {
                    id: found.id,
                    body: found.body,
                    sent_at: found.sent_at,
                    mine: found.mine,
                    read: found.read_at.is_some(),
                    author: found.author.name,
                }
            }
        }
    )+};
}

message_from!(
    chat_conversation::ChatMessageView,
    chat_messages::ChatMessageView,
    chat_send::ChatMessageView,
    chat_inbox_message::ChatMessageView,
    my_chat::ChatMessageView,
    my_chat_message_received::ChatMessageView,
);

/// A conversation as the inbox lists it (and the open conversation's header shows it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Summary {
    id: String,
    status: ConversationStatus,
    /// The customer's messages the staff have not read.
    unread: i64,
    /// When its last message was sent, or it was opened (a `DateTime`).
    last_activity_at: String,
    customer_id: String,
    customer: String,
    /// The staff member it is assigned to: id and name.
    assignee: Option<(String, String)>,
    /// Its last message's body, and whether the staff wrote it.
    last_message: Option<(String, bool)>,
}

/// The conversation of any inbox operation (they all ask for the same fields).
macro_rules! summary_from {
    ($($fragment:ty),+ $(,)?) => {$(
        impl From<$fragment> for Summary {
            fn from(found: $fragment) -> Self {
                Summary {
                    id: found.id,
                    status: found.status,
                    unread: found.unread_count,
                    last_activity_at: found.last_activity_at,
                    customer_id: found.customer.id,
                    customer: found.customer.name,
                    assignee: found.assignee.map(|staff| (staff.id, staff.name)),
                    last_message: found.last_message.map(|last| (last.body, last.mine)),
                }
            }
        }
    )+};
}

summary_from!(
    chat_inbox::ConversationSummary,
    chat_conversation::ConversationSummary,
    chat_mark_read::ConversationSummary,
    chat_assign::ConversationSummary,
    chat_resolve::ConversationSummary,
    chat_inbox_message::ConversationSummary,
    chat_inbox_change::ConversationSummary,
);

impl Summary {
    /// Whether it is resolved.
    fn resolved(&self) -> bool {
        self.status == ConversationStatus::Resolved
    }
}

/// A page of a conversation's messages, oldest first, and the cursor before them when there are
/// older ones.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Page {
    messages: Vec<Message>,
    older: Option<String>,
}

/// The page of any operation that reads a conversation's messages.
macro_rules! page_from {
    ($($connection:ty),+ $(,)?) => {$(
        impl From<$connection> for Page {
            fn from(found: $connection) -> Self {
                Page {
                    messages: found.edges.into_iter().map(|edge| Message::from(edge.node)).collect(),
                    older: found.page_info.start_cursor.filter(|_| found.page_info.has_previous_page),
                }
            }
        }
    )+};
}

page_from!(chat_conversation::ChatMessagePage, chat_messages::ChatMessagePage, my_chat::ChatMessagePage);

/// The messages of conversation `id` before `before` (the newest `last` without it).
async fn load_messages(id: String, last: i64, before: Option<String>) -> Result<Page, ApiError> {
    let variables = chat_messages::Variables { id, last: Some(last.min(MESSAGES_MAX)), before };
    Ok(Page::from(request::<ChatMessages>(variables).await?.conversation.messages))
}

/// Puts `message` in `messages`: replaces the one with its id, or adds it last.
fn upsert(messages: &mut Vec<Message>, message: Message) {
    match messages.iter_mut().find(|held| held.id == message.id) {
        Some(held) => *held = message,
        None => messages.push(message),
    }
}

/// Learns which of the viewer's messages the other side read: asks for the newest messages again
/// (as many as are shown, up to the server's cap) and marks those read. Called when the
/// conversation changed (`conversationChanged`), and only when a message of the viewer's is
/// shown unread.
fn refresh_read(conversation: String, messages: RwSignal<Vec<Message>>) {
    let (waiting, shown) = messages
        .with_untracked(|list| (list.iter().any(|message| message.mine && !message.read), list.len()));
    if !waiting {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(page) = load_messages(conversation, shown as i64, None).await {
            messages.try_update(|list| {
                for message in list.iter_mut().filter(|message| message.mine && !message.read) {
                    message.read = page.messages.iter().any(|fresh| fresh.id == message.id && fresh.read);
                }
            });
        }
    });
}

/// An instant in the browser's zone and the current language, day and time: `02/12 14:30`.
fn when(at: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
    if date.get_time().is_nan() {
        return String::new();
    }
    let options =
        js_sys::JSON::parse(r#"{"day":"2-digit","month":"2-digit","hour":"2-digit","minute":"2-digit"}"#)
            .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    String::from(date.to_locale_string(use_i18n().get_locale().as_str(), &options))
}

/// The status of two subscriptions together: live while both are.
fn both_live(one: ReadSignal<LiveStatus>, other: ReadSignal<LiveStatus>) -> Signal<LiveStatus> {
    Signal::derive(move || match (one.get(), other.get()) {
        (LiveStatus::Live, LiveStatus::Live) => LiveStatus::Live,
        (LiveStatus::Offline, _) | (_, LiveStatus::Offline) => LiveStatus::Offline,
        _ => LiveStatus::Connecting,
    })
}

/// Whether the page is in view (not a background tab or a minimised window).
fn in_view() -> bool {
    !document().hidden()
}

/// Marks a conversation read when the person can see it: at once while the page is in view,
/// otherwise as soon as it comes back into view (so that "visto" never shows for a message
/// nobody saw).
#[derive(Clone, Copy)]
struct ReadWhenSeen {
    pending: RwSignal<bool>,
    mark: StoredValue<Box<dyn Fn()>, LocalStorage>,
}

impl ReadWhenSeen {
    /// `mark` marks the conversation read; listens for the page coming into view for as long as
    /// the calling component lives.
    fn new(mark: impl Fn() + 'static) -> Self {
        let mark: Box<dyn Fn()> = Box::new(mark);
        let seen = ReadWhenSeen { pending: RwSignal::new(false), mark: StoredValue::new_local(mark) };
        let handle = window_event_listener_untyped("visibilitychange", move |_| {
            if in_view() && seen.pending.try_get_untracked() == Some(true) {
                seen.pending.set(false);
                seen.mark.with_value(|mark| mark());
            }
        });
        on_cleanup(move || handle.remove());
        seen
    }

    /// The other side wrote: marks it read now, or once the page is in view.
    fn read(self) {
        if in_view() {
            self.mark.with_value(|mark| mark());
        } else {
            self.pending.set(true);
        }
    }
}
