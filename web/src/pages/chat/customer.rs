//! The customer's side of the chat: `/cliente/conversa`, where they write to the workshop and see
//! its answers live, with "visto" on their messages the workshop read; and the portal home's card
//! that leads there with the count of unread answers.

use leptos::prelude::*;
use leptos_router::components::A;

use super::thread::{Composer, Thread};
use super::{CUSTOMER_PATH, MESSAGES_PAGE, Message, Page, ReadWhenSeen, both_live, refresh_read, upsert};
use crate::api::chat::{
    MyChat, MyChatChanged, MyChatMarkRead, MyChatMessageReceived, MyChatUnread, my_chat, my_chat_changed,
    my_chat_mark_read, my_chat_message_received, my_chat_unread,
};
use crate::api::{ApiError, Area, request, subscribe};
use crate::components::{AreaShell, ErrorNotice, LiveMark, Loading};
use crate::i18n::{t, use_i18n};

/// Marks the workshop's messages of the customer's conversation read.
fn mark_read(id: String) {
    leptos::task::spawn_local(async move {
        let _ = request::<MyChatMarkRead>(my_chat_mark_read::Variables { id }).await;
    });
}

/// `/cliente/conversa`: the customer's conversation with the workshop.
#[component]
pub fn CustomerChatPage() -> impl IntoView {
    view! {
        <AreaShell area=Area::Customer>
            <CustomerChat />
        </AreaShell>
    }
}

/// The page's content, below the session's frame (the subscriptions need a signed-in customer).
#[component]
fn CustomerChat() -> impl IntoView {
    let i18n = use_i18n();
    // `None` until the first message opens the conversation.
    let conversation = RwSignal::new(None::<String>);
    let messages = RwSignal::new(Vec::<Message>::new());
    let older = RwSignal::new(None::<String>);
    let state = RwSignal::new(None::<Result<(), ApiError>>);
    let seen = ReadWhenSeen::new(move || {
        if let Some(id) = conversation.get_untracked() {
            mark_read(id);
        }
    });
    let load = move || {
        leptos::task::spawn_local(async move {
            match request::<MyChat>(my_chat::Variables { last: Some(MESSAGES_PAGE) }).await {
                Ok(found) => {
                    if let Some(mine) = found.my_conversation {
                        let page = Page::from(mine.messages);
                        conversation.try_set(Some(mine.id));
                        if mine.unread_count > 0 {
                            seen.read();
                        }
                        messages.try_set(page.messages);
                        older.try_set(page.older);
                    }
                    state.try_set(Some(Ok(())));
                }
                Err(error) => {
                    state.try_set(Some(Err(error)));
                }
            }
        });
    };
    load();
    let live_messages = subscribe::<MyChatMessageReceived>(
        my_chat_message_received::Variables,
        move |data| {
            let received = data.chat_message_received;
            let message = Message::from(received.chat_message_view);
            let from_the_workshop = !message.mine;
            conversation.set(Some(received.conversation.id));
            messages.update(|list| upsert(list, message));
            if from_the_workshop {
                seen.read();
            }
        },
        load,
    );
    let live_changes = subscribe::<MyChatChanged>(
        my_chat_changed::Variables,
        move |data| refresh_read(data.conversation_changed.id, messages),
        || {},
    );
    let status = both_live(live_messages, live_changes);
    let on_sent = Callback::new(move |(message, id): (Message, String)| {
        conversation.set(Some(id));
        messages.update(|list| upsert(list, message));
    });

    view! {
        <main class="page page--narrow chat-customer">
            <div class="page-head">
                <div>
                    <h1>{t!(i18n, chat.customer_title)}</h1>
                    <LiveMark status />
                </div>
            </div>
            <p class="muted">{t!(i18n, chat.customer_lead)}</p>
            {move || match state.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => {
                    view! { <ErrorNotice error retry=Callback::new(move |()| load()) /> }.into_any()
                }
                Some(Ok(())) => view! {
                    <section class="card chat-pane" data-test="chat-pane">
                        <Show when=move || messages.with(Vec::is_empty)>
                            <p class="empty" data-test="chat-empty">{t!(i18n, chat.customer_empty)}</p>
                        </Show>
                        <Thread conversation=conversation.into() messages older />
                        <Composer conversation=conversation.into() on_sent />
                    </section>
                }
                .into_any(),
            }}
        </main>
    }
}

/// The portal home's card for the chat: a link to `/cliente/conversa`, with how many of the
/// workshop's messages wait to be read.
#[component]
pub fn ChatLink() -> impl IntoView {
    let i18n = use_i18n();
    let unread = LocalResource::new(|| request::<MyChatUnread>(my_chat_unread::Variables));
    let count = move || {
        unread
            .get()
            .and_then(Result::ok)
            .and_then(|found: my_chat_unread::ResponseData| found.my_conversation)
            .map_or(0, |mine| mine.unread_count)
    };
    view! {
        <section class="card">
            <h2>{t!(i18n, chat.customer_title)}</h2>
            <p>{t!(i18n, chat.link_lead)}</p>
            <A href=CUSTOMER_PATH attr:class="button button--primary" attr:data-test="chat-link">
                {t!(i18n, chat.link)}
                {move || {
                    (count() > 0)
                        .then(|| view! { <span class="badge badge--inline" data-test="chat-unread">{count()}</span> })
                }}
            </A>
        </section>
    }
}
