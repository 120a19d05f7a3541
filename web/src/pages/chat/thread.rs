//! What both sides show of a conversation: its messages (older ones loaded backwards with
//! "Carregar anteriores"), "visto" on the viewer's messages the other side read, and the composer.

use leptos::html;
use leptos::prelude::*;

use super::text::{Piece, pieces};
use super::{MESSAGES_PAGE, Message, load_messages, when};
use crate::api::ApiError;
use crate::api::chat::{ChatSend, chat_send};
use crate::api::request;
use crate::components::ErrorNotice;
use crate::i18n::{error_message, t, t_string, use_i18n};

/// The most characters a message may have.
const MAX_CHARS: usize = 4000;

/// A message body: its text as typed (line breaks kept by `white-space: pre-wrap`), with its
/// `http(s)://` addresses as links that open in a new tab. Text nodes and `<a>` elements only:
/// nothing in a body is read as HTML.
#[component]
fn MessageBody(body: String) -> impl IntoView {
    pieces(&body)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_owned().into_any(),
            Piece::Link(address) => view! {
                <a href=address.to_owned() target="_blank" rel="noopener noreferrer">
                    {address.to_owned()}
                </a>
            }
            .into_any(),
        })
        .collect_view()
}

/// The messages of a conversation, oldest first, with "Carregar anteriores" while there are
/// older ones (`older`, the cursor before the first shown) and "visto" on the viewer's messages
/// the other side read. Scrolls to the newest message when one is added at the end.
#[component]
pub(super) fn Thread(
    /// The conversation (for loading older messages).
    conversation: Signal<Option<String>>,
    /// The messages shown.
    messages: RwSignal<Vec<Message>>,
    /// The cursor before the first message shown, while there are older ones.
    older: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = NodeRef::<html::Ol>::new();
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let load_older = move || {
        let (Some(id), Some(before)) = (conversation.get_untracked(), older.get_untracked()) else { return };
        loading.set(true);
        leptos::task::spawn_local(async move {
            match load_messages(id, MESSAGES_PAGE, Some(before)).await {
                Ok(page) => {
                    messages.try_update(|shown| {
                        let mut all = page.messages;
                        all.retain(|message| shown.iter().all(|held| held.id != message.id));
                        all.append(shown);
                        *shown = all;
                    });
                    older.try_set(page.older);
                    failed.try_set(None);
                }
                Err(error) => {
                    failed.try_set(Some(error));
                }
            }
            loading.try_set(false);
        });
    };
    // The newest message in view whenever the last one changes (a new one, or the first load).
    Effect::new(move |previous: Option<Option<String>>| {
        let last = messages.with(|shown| shown.last().map(|message| message.id.clone()));
        if previous.as_ref() != Some(&last)
            && let Some(list) = list.get()
        {
            list.set_scroll_top(list.scroll_height());
        }
        last
    });

    view! {
        <div class="chat-thread">
            <Show when=move || older.with(Option::is_some)>
                <button
                    type="button"
                    class="button button--quiet chat-thread__older"
                    data-test="chat-older"
                    disabled=move || loading.get()
                    on:click=move |_| load_older()
                >
                    {move || {
                        if loading.get() {
                            t!(i18n, chat.loading_older).into_any()
                        } else {
                            t!(i18n, chat.older).into_any()
                        }
                    }}
                </button>
            </Show>
            {move || {
                failed
                    .get()
                    .map(|error| view! { <ErrorNotice error retry=Callback::new(move |()| load_older()) /> })
            }}
            <ol class="chat-messages" node_ref=list aria-live="polite" data-test="chat-messages">
                <For each=move || messages.get() key=|message| (message.id.clone(), message.read) let:message>
                    <li
                        class=if message.mine { "chat-message chat-message--mine" } else { "chat-message" }
                        data-test="chat-message"
                        data-mine=message.mine.to_string()
                    >
                        <p class="chat-message__author">{message.author.clone()}</p>
                        <p class="chat-message__body" data-test="chat-body">
                            <MessageBody body=message.body.clone() />
                        </p>
                        <p class="chat-message__meta">
                            <time datetime=message.sent_at.clone()>{when(&message.sent_at)}</time>
                            {(message.mine && message.read)
                                .then(|| {
                                    view! {
                                        <span class="chat-message__seen" data-test="chat-seen">
                                            {t!(i18n, chat.seen)}
                                        </span>
                                    }
                                })}
                        </p>
                    </li>
                </For>
            </ol>
        </div>
    }
}

/// The composer: 1 to 4,000 characters with a counter; Enter sends, Shift+Enter starts a new
/// line. Sends to `conversation` (a customer's: none, their own), and gives `on_sent` the message
/// and its conversation's id.
#[component]
pub(super) fn Composer(
    /// The conversation written in; `None` for a customer (their own, opened by the first message).
    conversation: Signal<Option<String>>,
    /// Told about each message sent, with its conversation's id.
    on_sent: Callback<(Message, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let count = move || body.with(|body| body.chars().count());
    let can_send =
        move || !sending.get() && body.with(|body| !body.trim().is_empty()) && count() <= MAX_CHARS;
    let send = move || {
        if !can_send() {
            return;
        }
        sending.set(true);
        let variables = chat_send::Variables {
            conversation_id: conversation.get_untracked(),
            body: body.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match request::<ChatSend>(variables).await {
                Ok(sent) => {
                    let conversation = sent.send_chat_message.conversation.id.clone();
                    on_sent.run((Message::from(sent.send_chat_message.chat_message_view), conversation));
                    body.try_set(String::new());
                    failed.try_set(None);
                }
                Err(error) => {
                    failed.try_set(Some(error_message(&error)));
                }
            }
            sending.try_set(false);
        });
    };

    view! {
        <form
            class="chat-composer"
            data-test="chat-composer"
            on:submit=move |event| {
                event.prevent_default();
                send();
            }
        >
            <label class="visually-hidden" for="chat-body">{t!(i18n, chat.message_label)}</label>
            <textarea
                id="chat-body"
                name="body"
                rows="2"
                maxlength=MAX_CHARS.to_string()
                placeholder=move || t_string!(i18n, chat.placeholder)
                prop:value=move || body.get()
                on:input=move |event| body.set(event_target_value(&event))
                on:keydown=move |event| {
                    if event.key() == "Enter" && !event.shift_key() && !event.is_composing() {
                        event.prevent_default();
                        send();
                    }
                }
            ></textarea>
            <div class="chat-composer__foot">
                <span
                    class="chat-composer__count"
                    class:chat-composer__count--over=move || { count() > MAX_CHARS }
                    data-test="chat-count"
                >
                    {move || format!("{}/{MAX_CHARS}", count())}
                </span>
                <button
                    type="submit"
                    class="button button--primary"
                    data-test="chat-send"
                    disabled=move || !can_send()
                >
                    {move || {
                        if sending.get() { t!(i18n, chat.sending).into_any() } else { t!(i18n, chat.send).into_any() }
                    }}
                </button>
            </div>
            {move || {
                failed
                    .get()
                    .map(|message| view! { <p class="field__error" role="alert" data-test="chat-error">{message}</p> })
            }}
        </form>
    }
}
