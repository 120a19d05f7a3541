//! `/painel/conversas`: the staff's inbox (ADMIN, OPERATOR): the conversations by last activity
//! with the customer, the last message and the unread count, filtered by tabs (Todas, Minhas, Sem
//! responsável, Resolvidas), kept live by the staff area's chat feed; the chosen one (`?c=`) open
//! beside it (`pane`). On a phone the list and the conversation are one column: the list, or the
//! conversation with a way back.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::feed::{ChatEvent, ChatFeed};
use super::pane::ConversationPane;
use super::{INBOX_PATH, Summary, when};
use crate::api::chat::{ChatInbox, ConversationFilter, chat_inbox};
use crate::api::{ApiError, request};
use crate::components::{ErrorNotice, LiveMark, Loading};
use crate::i18n::{t, t_string, use_i18n};

/// The query parameter of the filter.
const FILTER_PARAM: &str = "filtro";
/// The query parameter of the open conversation.
const OPEN_PARAM: &str = "c";
/// How many conversations a page of the list has.
const LIST_PAGE: i64 = 30;
/// How many characters of the last message the list shows.
const PREVIEW_CHARS: usize = 90;

/// The tabs: each filter and its value of [`FILTER_PARAM`] (none for all open ones).
const TABS: [(ConversationFilter, &str); 4] = [
    (ConversationFilter::All, ""),
    (ConversationFilter::Mine, "minhas"),
    (ConversationFilter::Unassigned, "sem-responsavel"),
    (ConversationFilter::Resolved, "resolvidas"),
];

/// The inbox's path with a filter and an open conversation.
fn inbox_href(filter: ConversationFilter, open: Option<&str>) -> String {
    let mut query = Vec::new();
    if let Some((_, value)) = TABS.iter().find(|(tab, value)| *tab == filter && !value.is_empty()) {
        query.push(format!("{FILTER_PARAM}={value}"));
    }
    if let Some(id) = open {
        query.push(format!("{OPEN_PARAM}={}", crate::format::url_encode(id)));
    }
    if query.is_empty() { INBOX_PATH.to_owned() } else { format!("{INBOX_PATH}?{}", query.join("&")) }
}

/// The last message's start, on one line.
fn preview(body: &str) -> String {
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// A page of conversations and the cursor after it, when there are more.
async fn load_page(
    filter: ConversationFilter,
    after: Option<String>,
) -> Result<(Vec<Summary>, Option<String>), ApiError> {
    let variables = chat_inbox::Variables { first: Some(LIST_PAGE), after, filter: Some(filter) };
    let found = request::<ChatInbox>(variables).await?.conversations;
    let more = found.page_info.end_cursor.filter(|_| found.page_info.has_next_page);
    Ok((found.edges.into_iter().map(|edge| Summary::from(edge.node)).collect(), more))
}

/// Puts a conversation where the filter wants it: in the list by last activity (newest first)
/// when it belongs there, out of it otherwise. Only for the "Todas" tab, which needs nobody's id:
/// the others load again.
fn place(list: &mut Vec<Summary>, changed: Summary) {
    list.retain(|held| held.id != changed.id);
    if !changed.resolved() {
        list.push(changed);
        list.sort_by(|a, b| b.last_activity_at.cmp(&a.last_activity_at));
    }
}

/// `/painel/conversas`: the inbox and, when one is chosen, its conversation.
#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let value = query.with(|query| query.get(FILTER_PARAM)).unwrap_or_default();
        TABS.iter().find(|(_, tab)| *tab == value).map_or(ConversationFilter::All, |(filter, _)| *filter)
    });
    let open = Memo::new(move |_| query.with(|query| query.get(OPEN_PARAM)).filter(|id| !id.is_empty()));
    let list = RwSignal::new(Vec::<Summary>::new());
    let more = RwSignal::new(None::<String>);
    let state = RwSignal::new(None::<Result<(), ApiError>>);
    let reload = move || {
        let wanted = filter.get_untracked();
        leptos::task::spawn_local(async move {
            let loaded = load_page(wanted, None).await;
            // A page loaded for an earlier tab is dropped.
            if filter.try_get_untracked() != Some(wanted) {
                return;
            }
            state.try_set(Some(loaded.as_ref().map(|_| ()).map_err(Clone::clone)));
            if let Ok((page, after)) = loaded {
                list.try_set(page);
                more.try_set(after);
            }
        });
    };
    Effect::new(move |_| {
        filter.track();
        state.set(None);
        reload();
    });
    let load_more = move || {
        let Some(after) = more.get_untracked() else { return };
        let filter = filter.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok((page, after)) = load_page(filter, Some(after)).await {
                list.try_update(|list| {
                    for summary in page {
                        if list.iter().all(|held| held.id != summary.id) {
                            list.push(summary);
                        }
                    }
                });
                more.try_set(after);
            }
        });
    };
    let feed = ChatFeed::get();
    if let Some(feed) = feed {
        feed.listen(move |event| match event {
            ChatEvent::Message(_, summary) | ChatEvent::Changed(summary) => {
                if filter.get_untracked() == ConversationFilter::All {
                    list.update(|list| place(list, summary.clone()));
                } else {
                    reload();
                }
            }
            ChatEvent::Missed => reload(),
        });
    }
    let on_changed = Callback::new(move |summary: Summary| {
        if let Some(feed) = feed {
            feed.note(&summary);
        }
        list.update(|list| {
            if let Some(held) = list.iter_mut().find(|held| held.id == summary.id) {
                *held = summary;
            }
        });
    });

    view! {
        <div class="page-head">
            <div>
                <h1>{t!(i18n, chat.inbox_title)}</h1>
                {feed.map(|feed| view! { <LiveMark status=feed.status /> })}
            </div>
        </div>
        <div class="chat-inbox" class:chat-inbox--open=move || open.with(Option::is_some)>
            <section class="chat-inbox__list" aria-label=move || t_string!(i18n, chat.list_label)>
                <nav class="tabs chat-tabs" aria-label=move || t_string!(i18n, chat.filter_label)>
                    {TABS
                        .iter()
                        .map(|(tab, value)| {
                            let tab = *tab;
                            let label = move || match tab {
                                ConversationFilter::Mine => t_string!(i18n, chat.tab_mine),
                                ConversationFilter::Unassigned => t_string!(i18n, chat.tab_unassigned),
                                ConversationFilter::Resolved => t_string!(i18n, chat.tab_resolved),
                                _ => t_string!(i18n, chat.tab_all),
                            };
                            view! {
                                <a
                                    href=inbox_href(tab, None)
                                    aria-current=move || (filter.get() == tab).then_some("page")
                                    data-test=format!("chat-tab-{}", if value.is_empty() { "todas" } else { *value })
                                >
                                    {label}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
                {move || match state.get() {
                    None => view! { <Loading /> }.into_any(),
                    Some(Err(error)) => {
                        view! { <ErrorNotice error retry=Callback::new(move |()| reload()) /> }.into_any()
                    }
                    Some(Ok(())) if list.with(Vec::is_empty) => {
                        view! { <p class="empty" data-test="chat-empty">{t!(i18n, chat.empty)}</p> }
                            .into_any()
                    }
                    Some(Ok(())) => view! { <ConversationList list filter open /> }.into_any(),
                }}
                <Show when=move || more.with(Option::is_some)>
                    <button
                        type="button"
                        class="button button--quiet"
                        data-test="chat-more"
                        on:click=move |_| load_more()
                    >
                        {t!(i18n, chat.more)}
                    </button>
                </Show>
            </section>
            <section class="chat-inbox__pane">
                {move || match open.get() {
                    Some(id) => view! {
                        <a
                            class="chat-inbox__back button button--quiet"
                            href=move || inbox_href(filter.get(), None)
                            data-test="chat-back"
                        >
                            {t!(i18n, chat.back)}
                        </a>
                        <ConversationPane id on_changed />
                    }
                    .into_any(),
                    None => {
                        view! { <p class="empty chat-inbox__none">{t!(i18n, chat.choose)}</p> }.into_any()
                    }
                }}
            </section>
        </div>
    }
}

/// The list of conversations, each a link that opens it.
#[component]
fn ConversationList(
    list: RwSignal<Vec<Summary>>,
    filter: Memo<ConversationFilter>,
    open: Memo<Option<String>>,
) -> impl IntoView {
    view! {
        <ul class="chat-list" data-test="chat-list">
            {move || {
                list.get()
                    .into_iter()
                    .map(|summary| view! { <ConversationRow summary filter open /> })
                    .collect_view()
            }}
        </ul>
    }
}

/// One conversation of the list: the customer, the last activity, the last message's start, the
/// unread count and who it is assigned to.
#[component]
fn ConversationRow(
    summary: Summary,
    filter: Memo<ConversationFilter>,
    open: Memo<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = summary.id.clone();
    let unread = summary.unread;
    let last_message = summary.last_message.map(|(body, mine)| {
        let yours = mine.then(|| view! { <span class="muted">{t!(i18n, chat.you_wrote)}</span> });
        view! {
            {yours}
            {preview(&body)}
        }
    });
    view! {
        <li>
            <a
                class="chat-list__item"
                class:chat-list__item--unread=(unread > 0)
                href=inbox_href(filter.get_untracked(), Some(&summary.id))
                aria-current=move || (open.get().as_deref() == Some(id.as_str())).then_some("page")
                data-test="chat-conversation"
            >
                <span class="chat-list__name">{summary.customer}</span>
                <span class="chat-list__when">{when(&summary.last_activity_at)}</span>
                <span class="chat-list__preview" data-test="chat-preview">{last_message}</span>
                {(unread > 0)
                    .then(|| {
                        view! { <span class="badge badge--inline" data-test="chat-unread-count">{unread}</span> }
                    })}
                {summary
                    .assignee
                    .map(|(_, name)| view! { <span class="chat-list__assignee muted">{name}</span> })}
            </a>
        </li>
    }
}
