//! The staff area's one live feed of chat events (ADMIN, OPERATOR): `chatMessageReceived` and
//! `conversationChanged`, subscribed once for the whole area and handed to whoever listens (the
//! inbox, its open conversation), and the menu's badge with the unread messages it keeps count of.

use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;

use super::{Message, Summary, both_live};
use crate::api::chat::{
    ChatInbox, ChatInboxChange, ChatInboxMessage, ConversationFilter, chat_inbox, chat_inbox_change,
    chat_inbox_message,
};
use crate::api::{LiveStatus, Session, request, subscribe};
use crate::i18n::{t_string, use_i18n};

/// How many conversations the badge's count looks at (the newest by activity).
const COUNTED: i64 = 50;

/// A chat event of the workshop.
#[derive(Debug, Clone)]
pub(super) enum ChatEvent {
    /// A message arrived, with its conversation as it is now.
    Message(Message, Summary),
    /// A conversation was read, assigned, resolved or reopened.
    Changed(Summary),
    /// The connection came back: events in between were missed (reload what is shown).
    Missed,
}

/// Someone listening to the feed.
type Listener = Rc<dyn Fn(&ChatEvent)>;

/// The staff area's chat feed, provided by [`ChatFeedScope`] to the front desk.
#[derive(Clone, Copy)]
pub(super) struct ChatFeed {
    listeners: StoredValue<Vec<(u64, Listener)>, LocalStorage>,
    next_listener: StoredValue<u64>,
    /// The unread messages of each conversation, as last seen.
    unread: RwSignal<HashMap<String, i64>>,
    /// Whether the feed is live.
    pub(super) status: Signal<LiveStatus>,
}

impl ChatFeed {
    /// Subscribes to the workshop's chat events and provides the feed to every component below.
    fn start() {
        let listeners = StoredValue::new_local(Vec::<(u64, Listener)>::new());
        let unread = RwSignal::new(HashMap::new());
        let status = RwSignal::new(LiveStatus::Connecting);
        let feed = ChatFeed { listeners, next_listener: StoredValue::new(0), unread, status: status.into() };
        provide_context(feed);
        feed.count_unread();
        let messages = subscribe::<ChatInboxMessage>(
            chat_inbox_message::Variables,
            move |data| {
                let message = data.chat_message_received;
                let summary = Summary::from(message.conversation);
                feed.emit(&ChatEvent::Message(Message::from(message.chat_message_view), summary));
            },
            move || {
                feed.count_unread();
                feed.emit(&ChatEvent::Missed);
            },
        );
        let changes = subscribe::<ChatInboxChange>(
            chat_inbox_change::Variables,
            move |data| feed.emit(&ChatEvent::Changed(Summary::from(data.conversation_changed))),
            // The message subscription already reloads after a reconnection.
            || {},
        );
        let live = both_live(messages, changes);
        Effect::new(move |_| status.set(live.get()));
    }

    /// The feed of the staff area, for the front desk.
    pub(super) fn get() -> Option<Self> {
        use_context::<Self>()
    }

    /// Calls `listener` with each event for as long as the calling component lives.
    pub(super) fn listen(self, listener: impl Fn(&ChatEvent) + 'static) {
        let id = self.next_listener.get_value();
        self.next_listener.set_value(id + 1);
        self.listeners.update_value(|listeners| listeners.push((id, Rc::new(listener))));
        let listeners = self.listeners;
        on_cleanup(move || {
            listeners.try_update_value(|listeners| listeners.retain(|(held, _)| *held != id));
        });
    }

    /// Notes what a conversation is now (an event, or the answer to a change made here).
    pub(super) fn note(self, summary: &Summary) {
        self.unread.try_update(|unread| {
            unread.insert(summary.id.clone(), summary.unread);
        });
    }

    /// Tells every listener about `event`, after noting its conversation.
    fn emit(self, event: &ChatEvent) {
        if let ChatEvent::Message(_, summary) | ChatEvent::Changed(summary) = event {
            self.note(summary);
        }
        // A copy: a listener may start or stop listening meanwhile.
        let listeners = self.listeners.with_value(|listeners| listeners.clone());
        for (_, listener) in listeners {
            listener(event);
        }
    }

    /// Loads the unread counts of the newest conversations.
    fn count_unread(self) {
        leptos::task::spawn_local(async move {
            let variables = chat_inbox::Variables {
                first: Some(COUNTED),
                after: None,
                filter: Some(ConversationFilter::All),
            };
            if let Ok(found) = request::<ChatInbox>(variables).await {
                let counts = found
                    .conversations
                    .edges
                    .into_iter()
                    .map(|edge| (edge.node.id, edge.node.unread_count))
                    .collect();
                self.unread.try_set(counts);
            }
        });
    }
}

/// Starts the chat feed for the front desk (ADMIN, OPERATOR) around the staff area's content.
#[component]
pub fn ChatFeedScope(children: Children) -> impl IntoView {
    if Session::expect().user().is_some_and(|user| user.role.is_front_desk()) {
        ChatFeed::start();
    }
    children()
}

/// The menu's count of unread customer messages (nothing when there are none).
#[component]
pub fn ChatBadge() -> impl IntoView {
    let i18n = use_i18n();
    let unread = move || {
        ChatFeed::get()
            .map_or(0, |feed| feed.unread.with(|unread| unread.values().filter(|n| **n > 0).sum::<i64>()))
    };
    move || {
        let count = unread();
        (count > 0).then(|| {
            view! {
                <span
                    class="badge badge--inline chat-badge"
                    data-test="chat-unread"
                    title=t_string!(i18n, chat.unread_title)
                >
                    {count}
                </span>
            }
        })
    }
}
