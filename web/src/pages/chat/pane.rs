//! The conversation open in the staff's inbox: the customer, its status, who it is assigned to
//! (changeable), "Marcar como resolvida", the messages and the composer; opening it marks the
//! customer's messages read, and so does each new one that arrives while it is open.

use leptos::prelude::*;

use super::feed::{ChatEvent, ChatFeed};
use super::thread::{Composer, Thread};
use super::{MESSAGES_PAGE, Message, ReadWhenSeen, Summary, refresh_read, upsert};
use crate::api::chat::{
    ChatAssign, ChatAssignees, ChatConversation, ChatMarkRead, ChatResolve, ConversationStatus, chat_assign,
    chat_assignees, chat_conversation, chat_mark_read, chat_resolve,
};
use crate::api::{ApiError, request};
use crate::components::{ErrorNotice, Loading};
use crate::i18n::{error_message, t, t_string, use_i18n};

/// Marks the customer's messages of conversation `id` read, and passes on what it is now.
fn mark_read(id: String, on_changed: Callback<Summary>) {
    leptos::task::spawn_local(async move {
        if let Ok(done) = request::<ChatMarkRead>(chat_mark_read::Variables { id }).await {
            on_changed.run(Summary::from(done.mark_conversation_read));
        }
    });
}

/// The conversation `id` of the inbox; `on_changed` hears what it is after each change made here.
#[component]
pub(super) fn ConversationPane(id: String, on_changed: Callback<Summary>) -> impl IntoView {
    let summary = RwSignal::new(None::<Summary>);
    let messages = RwSignal::new(Vec::<Message>::new());
    let older = RwSignal::new(None::<String>);
    let state = RwSignal::new(None::<Result<(), ApiError>>);
    let conversation = Signal::stored(Some(id.clone()));
    let assignees = LocalResource::new(|| request::<ChatAssignees>(chat_assignees::Variables));
    let seen = ReadWhenSeen::new({
        let id = id.clone();
        move || mark_read(id.clone(), on_changed)
    });
    let load = {
        let id = id.clone();
        move || {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let variables = chat_conversation::Variables { id: id.clone(), last: Some(MESSAGES_PAGE) };
                match request::<ChatConversation>(variables).await {
                    Ok(found) => {
                        let found = found.conversation;
                        let page = super::Page::from(found.messages);
                        let unread = found.conversation_summary.unread_count;
                        summary.try_set(Some(Summary::from(found.conversation_summary)));
                        messages.try_set(page.messages);
                        older.try_set(page.older);
                        state.try_set(Some(Ok(())));
                        if unread > 0 {
                            seen.read();
                        }
                    }
                    Err(error) => {
                        state.try_set(Some(Err(error)));
                    }
                }
            });
        }
    };
    load();
    if let Some(feed) = ChatFeed::get() {
        let id = id.clone();
        let load = load.clone();
        feed.listen(move |event| match event {
            ChatEvent::Message(message, changed) if changed.id == id => {
                messages.update(|list| upsert(list, message.clone()));
                summary.set(Some(changed.clone()));
                if !message.mine {
                    seen.read();
                }
            }
            ChatEvent::Changed(changed) if changed.id == id => {
                summary.set(Some(changed.clone()));
                refresh_read(id.clone(), messages);
            }
            ChatEvent::Missed => load(),
            _ => {}
        });
    }
    let on_sent = Callback::new(move |(message, _): (Message, String)| {
        messages.update(|list| upsert(list, message));
    });
    let on_summary = Callback::new(move |changed: Summary| {
        summary.set(Some(changed.clone()));
        on_changed.run(changed);
    });

    move || match state.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => {
            let load = load.clone();
            view! { <ErrorNotice error retry=Callback::new(move |()| load()) /> }.into_any()
        }
        Some(Ok(())) => view! {
            <article class="chat-pane" data-test="chat-pane">
                {move || summary.get().map(|summary| view! { <PaneHead summary assignees on_summary /> })}
                <Thread conversation messages older />
                <Composer conversation on_sent />
            </article>
        }
        .into_any(),
    }
}

/// The open conversation's head: the customer (a link to their page), its status, who it is
/// assigned to and "Marcar como resolvida".
#[component]
fn PaneHead(
    summary: Summary,
    /// Who it can be assigned to.
    assignees: LocalResource<Result<chat_assignees::ResponseData, ApiError>>,
    on_summary: Callback<Summary>,
) -> impl IntoView {
    let i18n = use_i18n();
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = summary.id.clone();
    let assign = {
        let id = id.clone();
        move |staff_id: Option<String>| {
            let variables = chat_assign::Variables { id: id.clone(), staff_id };
            busy.set(true);
            leptos::task::spawn_local(async move {
                match request::<ChatAssign>(variables).await {
                    Ok(done) => on_summary.run(Summary::from(done.assign_conversation)),
                    Err(error) => {
                        failed.try_set(Some(error_message(&error)));
                    }
                }
                busy.try_set(false);
            });
        }
    };
    let resolve = move |_| {
        let variables = chat_resolve::Variables { id: id.clone() };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match request::<ChatResolve>(variables).await {
                Ok(done) => on_summary.run(Summary::from(done.resolve_conversation)),
                Err(error) => {
                    failed.try_set(Some(error_message(&error)));
                }
            }
            busy.try_set(false);
        });
    };
    let assignee = summary.assignee.as_ref().map(|(id, _)| id.clone()).unwrap_or_default();
    let nobody = assignee.is_empty();
    let resolved = summary.status == ConversationStatus::Resolved;

    view! {
        <header class="chat-pane__head">
            <h2>
                <a href=format!("/painel/clientes/{}", summary.customer_id) data-test="chat-customer">
                    {summary.customer.clone()}
                </a>
            </h2>
            <span class="badge badge--inline" data-test="chat-status">
                {if resolved { t!(i18n, chat.resolved).into_any() } else { t!(i18n, chat.open).into_any() }}
            </span>
            <label class="chat-pane__assign">
                <span>{t!(i18n, chat.assignee)}</span>
                <select
                    name="assignee"
                    data-test="chat-assignee"
                    disabled=move || busy.get()
                    on:change=move |event| {
                        let chosen = event_target_value(&event);
                        assign((!chosen.is_empty()).then_some(chosen));
                    }
                >
                    <option value="" selected=nobody>{move || t_string!(i18n, chat.nobody)}</option>
                    {move || {
                        let assignee = assignee.clone();
                        assignees
                            .get()
                            .and_then(Result::ok)
                            .map(|found| {
                                found
                                    .chat_assignees
                                    .into_iter()
                                    .map(|staff| {
                                        let selected = staff.id == assignee;
                                        view! {
                                            <option value=staff.id selected=selected>
                                                {staff.name}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </select>
            </label>
            <Show when=move || !resolved>
                <button
                    type="button"
                    class="button button--quiet"
                    data-test="chat-resolve"
                    disabled=move || busy.get()
                    on:click=resolve.clone()
                >
                    {t!(i18n, chat.resolve)}
                </button>
            </Show>
            {move || failed.get().map(|message| view! { <p class="field__error" role="alert">{message}</p> })}
        </header>
    }
}
